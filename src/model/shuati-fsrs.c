/* shuati-fsrs.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FSRS-6 as fsrs-rs computes it, with the learning-step handling of
 * py-fsrs (and Anki): see FSRS6.md for the formulas.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-fsrs.h"

#define SECONDS_PER_DAY 86400

static const double default_weights[SHUATI_FSRS_N_WEIGHTS] = {
  0.212, 1.2931, 2.3065, 8.2956,
  6.4133, 0.8334, 3.0194, 0.001,
  1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483,
  0.6014, 1.8729,
  0.5425, 0.0912, 0.0658,
  0.1542,
};

static const guint default_learning_steps[] = { 60, 600 };
static const guint default_relearning_steps[] = { 600 };

struct _ShuatiScheduler
{
  GObject  parent_instance;

  double   w[SHUATI_FSRS_N_WEIGHTS];
  double   desired_retention;
  guint    maximum_interval;
  GArray  *learning_steps;
  GArray  *relearning_steps;
  GRand   *rand;
  guint32  seed;
  guint    fuzz : 1;
  guint    seed_pending : 1;
};

G_DEFINE_FINAL_TYPE (ShuatiScheduler, shuati_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESIRED_RETENTION,
  PROP_MAXIMUM_INTERVAL,
  PROP_FUZZ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shuati_scheduler_finalize (GObject *object)
{
  ShuatiScheduler *self = (ShuatiScheduler *)object;

  g_clear_pointer (&self->learning_steps, g_array_unref);
  g_clear_pointer (&self->relearning_steps, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (shuati_scheduler_parent_class)->finalize (object);
}

static void
shuati_scheduler_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiScheduler *self = SHUATI_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION:
      g_value_set_double (value, self->desired_retention);
      break;

    case PROP_MAXIMUM_INTERVAL:
      g_value_set_uint (value, self->maximum_interval);
      break;

    case PROP_FUZZ:
      g_value_set_boolean (value, self->fuzz);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_scheduler_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiScheduler *self = SHUATI_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION:
      shuati_scheduler_set_desired_retention (self, g_value_get_double (value));
      break;

    case PROP_MAXIMUM_INTERVAL:
      shuati_scheduler_set_maximum_interval (self, g_value_get_uint (value));
      break;

    case PROP_FUZZ:
      shuati_scheduler_set_fuzz (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_scheduler_class_init (ShuatiSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shuati_scheduler_finalize;
  object_class->get_property = shuati_scheduler_get_property;
  object_class->set_property = shuati_scheduler_set_property;

  properties[PROP_DESIRED_RETENTION] =
    g_param_spec_double ("desired-retention", NULL, NULL,
                         SHUATI_FSRS_MIN_RETENTION, SHUATI_FSRS_MAX_RETENTION, 0.9,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAXIMUM_INTERVAL] =
    g_param_spec_uint ("maximum-interval", NULL, NULL,
                       1, (guint)SHUATI_FSRS_MAX_STABILITY, (guint)SHUATI_FSRS_MAX_STABILITY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FUZZ] =
    g_param_spec_boolean ("fuzz", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_scheduler_init (ShuatiScheduler *self)
{
  memcpy (self->w, default_weights, sizeof self->w);
  self->desired_retention = 0.9;
  self->maximum_interval = (guint)SHUATI_FSRS_MAX_STABILITY;
  self->learning_steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->learning_steps, default_learning_steps,
                       G_N_ELEMENTS (default_learning_steps));
  self->relearning_steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->relearning_steps, default_relearning_steps,
                       G_N_ELEMENTS (default_relearning_steps));
  self->rand = g_rand_new ();
  self->fuzz = TRUE;
}

/**
 * shuati_scheduler_new:
 *
 * Returns: (transfer full): a scheduler with the FSRS-6 default weights,
 *   desired retention 0.9, learning steps 1 min and 10 min, a relearning
 *   step of 10 min and fuzz on.
 */
ShuatiScheduler *
shuati_scheduler_new (void)
{
  return g_object_new (SHUATI_TYPE_SCHEDULER, NULL);
}

double
shuati_scheduler_get_desired_retention (ShuatiScheduler *self)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), 0.9);

  return self->desired_retention;
}

/* Out-of-range values are clamped so that a hand-edited setting never
 * produces absurd intervals. */
void
shuati_scheduler_set_desired_retention (ShuatiScheduler *self,
                                        double           retention)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));

  if (isnan (retention))
    retention = 0.9;
  retention = CLAMP (retention, SHUATI_FSRS_MIN_RETENTION, SHUATI_FSRS_MAX_RETENTION);
  if (self->desired_retention == retention)
    return;

  self->desired_retention = retention;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIRED_RETENTION]);
}

guint
shuati_scheduler_get_maximum_interval (ShuatiScheduler *self)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), 0);

  return self->maximum_interval;
}

void
shuati_scheduler_set_maximum_interval (ShuatiScheduler *self,
                                       guint            days)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));

  days = CLAMP (days, 1, (guint)SHUATI_FSRS_MAX_STABILITY);
  if (self->maximum_interval == days)
    return;

  self->maximum_interval = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM_INTERVAL]);
}

const guint *
shuati_scheduler_get_learning_steps (ShuatiScheduler *self,
                                     guint           *n_steps)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), NULL);

  if (n_steps != NULL)
    *n_steps = self->learning_steps->len;
  return (const guint *)(gpointer)self->learning_steps->data;
}

static void
set_steps (GArray      *array,
           const guint *seconds,
           guint        n_steps)
{
  g_array_set_size (array, 0);
  for (guint i = 0; i < n_steps; i++)
    {
      /* A zero step would show the same card again at once, forever. */
      guint step = MAX (seconds[i], 1);
      g_array_append_val (array, step);
    }
}

/**
 * shuati_scheduler_set_learning_steps:
 * @seconds: (array length=n_steps) (nullable): the steps
 * @n_steps: how many; 0 sends a new card straight to review
 */
void
shuati_scheduler_set_learning_steps (ShuatiScheduler *self,
                                     const guint     *seconds,
                                     guint            n_steps)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));
  g_return_if_fail (seconds != NULL || n_steps == 0);

  set_steps (self->learning_steps, seconds, n_steps);
}

const guint *
shuati_scheduler_get_relearning_steps (ShuatiScheduler *self,
                                       guint           *n_steps)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), NULL);

  if (n_steps != NULL)
    *n_steps = self->relearning_steps->len;
  return (const guint *)(gpointer)self->relearning_steps->data;
}

void
shuati_scheduler_set_relearning_steps (ShuatiScheduler *self,
                                       const guint     *seconds,
                                       guint            n_steps)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));
  g_return_if_fail (seconds != NULL || n_steps == 0);

  set_steps (self->relearning_steps, seconds, n_steps);
}

gboolean
shuati_scheduler_get_fuzz (ShuatiScheduler *self)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), FALSE);

  return self->fuzz;
}

void
shuati_scheduler_set_fuzz (ShuatiScheduler *self,
                           gboolean         fuzz)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));

  fuzz = !!fuzz;
  if (self->fuzz == fuzz)
    return;

  self->fuzz = fuzz;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUZZ]);
}

void
shuati_scheduler_set_fuzz_seed (ShuatiScheduler *self,
                                guint32          seed)
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));

  /* Seeding costs more than a review: it is done when a fuzz is drawn,
   * which gives the same draws, as nothing else reads the generator. */
  self->seed = seed;
  self->seed_pending = TRUE;
}

/**
 * shuati_scheduler_set_weights:
 * @weights: (array length=n_weights): 21 FSRS-6 weights
 *
 * Returns: %FALSE, changing nothing, unless there are exactly 21 finite
 *   weights with a positive decay (w20).
 */
gboolean
shuati_scheduler_set_weights (ShuatiScheduler *self,
                              const double    *weights,
                              guint            n_weights)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), FALSE);

  if (weights == NULL || n_weights != SHUATI_FSRS_N_WEIGHTS)
    return FALSE;
  for (guint i = 0; i < n_weights; i++)
    if (!isfinite (weights[i]))
      return FALSE;
  if (weights[20] <= 0 || weights[0] <= 0 || weights[1] <= 0 ||
      weights[2] <= 0 || weights[3] <= 0)
    return FALSE;

  memcpy (self->w, weights, sizeof self->w);
  return TRUE;
}

const double *
shuati_scheduler_get_weights (ShuatiScheduler *self)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), NULL);

  return self->w;
}

/**
 * shuati_fsrs_get_default_weights:
 *
 * Returns: (array fixed-size=21): the FSRS-6 default weights
 */
const double *
shuati_fsrs_get_default_weights (void)
{
  return default_weights;
}

/* The maths */

static double
decay_of (const double *w)
{
  return -w[20];
}

static double
factor_of (const double *w)
{
  return pow (0.9, 1.0 / decay_of (w)) - 1.0;
}

static double
retrievability (const double *w,
                double        elapsed_days,
                double        stability)
{
  if (stability <= 0)
    return 0.0;
  return pow (1.0 + factor_of (w) * MAX (elapsed_days, 0.0) / stability, decay_of (w));
}

/**
 * shuati_fsrs_retrievability:
 * @elapsed_days: days since the last review
 * @stability: the card's stability in days
 *
 * Returns: the probability of recall under the default decay.
 */
double
shuati_fsrs_retrievability (double elapsed_days,
                            double stability)
{
  return retrievability (default_weights, elapsed_days, stability);
}

static double
clamp_stability (double s)
{
  if (isnan (s))
    return SHUATI_FSRS_MIN_STABILITY;
  return CLAMP (s, SHUATI_FSRS_MIN_STABILITY, SHUATI_FSRS_MAX_STABILITY);
}

static double
clamp_difficulty (double d)
{
  if (isnan (d))
    return 5.0;
  return CLAMP (d, 1.0, 10.0);
}

static double
initial_difficulty_raw (const double *w,
                        ShuatiRating  rating)
{
  return w[4] - exp (w[5] * (rating - 1)) + 1.0;
}

static double
next_difficulty (const double *w,
                 double        d,
                 ShuatiRating  rating)
{
  double delta = -w[6] * ((double)rating - 3.0);
  double damped = d + delta * (10.0 - d) / 9.0;
  double reverted = w[7] * initial_difficulty_raw (w, SHUATI_RATING_EASY) + (1.0 - w[7]) * damped;

  return clamp_difficulty (reverted);
}

static double
next_stability (const double *w,
                double        s,
                double        d,
                double        elapsed_days,
                ShuatiRating  rating)
{
  double r;

  if (elapsed_days < 1)
    {
      double sinc = exp (w[17] * ((double)rating - 3.0 + w[18])) * pow (s, -w[19]);

      if (rating >= SHUATI_RATING_HARD)
        sinc = MAX (sinc, 1.0);
      return clamp_stability (s * sinc);
    }

  r = retrievability (w, elapsed_days, s);
  if (rating == SHUATI_RATING_AGAIN)
    {
      double lapse = w[11] * pow (d, -w[12]) * (pow (s + 1.0, w[13]) - 1.0) * exp (w[14] * (1.0 - r));
      double ceiling = s / exp (w[17] * w[18]);

      return clamp_stability (MIN (lapse, ceiling));
    }
  else
    {
      double hard_penalty = rating == SHUATI_RATING_HARD ? w[15] : 1.0;
      double easy_bonus = rating == SHUATI_RATING_EASY ? w[16] : 1.0;

      return clamp_stability (s * (1.0 + exp (w[8]) * (11.0 - d) * pow (s, -w[9]) *
                                   (exp (w[10] * (1.0 - r)) - 1.0) * hard_penalty * easy_bonus));
    }
}

static gint64
interval_days (ShuatiScheduler *self,
               double           stability)
{
  double decay = decay_of (self->w);
  double ivl = stability / factor_of (self->w) * (pow (self->desired_retention, 1.0 / decay) - 1.0);
  double rounded = round (ivl);

  if (isnan (rounded))
    rounded = 1;
  return (gint64)CLAMP (rounded, 1.0, (double)self->maximum_interval);
}

/**
 * shuati_scheduler_get_interval_days:
 * @stability: a card's stability in days
 *
 * Returns: the interval, in whole days and without fuzz, after which a
 *   card of @stability falls to the desired retention
 */
guint
shuati_scheduler_get_interval_days (ShuatiScheduler *self,
                                    double           stability)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (self), 1);

  return (guint)interval_days (self, clamp_stability (stability));
}

static gint64
fuzz_days (ShuatiScheduler *self,
           gint64           days)
{
  static const struct { double start, end, factor; } ranges[] = {
    { 2.5, 7.0, 0.15 },
    { 7.0, 20.0, 0.10 },
    { 20.0, G_MAXDOUBLE, 0.05 },
  };
  double ivl = (double)days;
  double delta = 1.0;
  gint64 lo, hi;

  if (ivl < 2.5)
    return days;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    delta += ranges[i].factor * MAX (MIN (ivl, ranges[i].end) - ranges[i].start, 0.0);

  lo = MAX (2, (gint64)round (ivl - delta));
  hi = MIN ((gint64)round (ivl + delta), (gint64)self->maximum_interval);
  lo = MIN (lo, hi);

  if (self->seed_pending)
    {
      g_rand_set_seed (self->rand, self->seed);
      self->seed_pending = FALSE;
    }
  return g_rand_int_range (self->rand, (gint32)lo, (gint32)hi + 1);
}

/* The memory after @rating, and the interval in seconds when the card
 * stays in (re)learning; returns whether it goes to Review, whose day
 * interval the caller settles. */
static gboolean
outcome (ShuatiScheduler    *self,
         const ShuatiMemory *before,
         ShuatiRating        rating,
         gint64              now,
         ShuatiMemory       *after,
         gint64             *step_interval,
         double             *elapsed)
{
  const double *w = self->w;
  ShuatiMemory m = *before;
  double elapsed_days = 0;
  gint64 interval = 0;
  GArray *steps;
  gboolean to_review = FALSE;

  g_assert (rating >= SHUATI_RATING_AGAIN && rating <= SHUATI_RATING_EASY);

  if (m.state != SHUATI_CARD_NEW && m.last_review > 0 && now > m.last_review)
    elapsed_days = floor ((double)(now - m.last_review) / SECONDS_PER_DAY);

  if (m.state == SHUATI_CARD_NEW || m.state > SHUATI_CARD_RELEARNING)
    {
      m.state = SHUATI_CARD_LEARNING;
      m.step = 0;
      m.stability = clamp_stability (w[rating - 1]);
      m.difficulty = clamp_difficulty (initial_difficulty_raw (w, rating));
      m.lapses = 0;
      m.reps = 0;
    }
  else
    {
      double s = clamp_stability (m.stability);
      double d = clamp_difficulty (m.difficulty);

      m.stability = next_stability (w, s, d, elapsed_days, rating);
      m.difficulty = next_difficulty (w, d, rating);
    }

  if (before->state == SHUATI_CARD_REVIEW)
    {
      if (rating == SHUATI_RATING_AGAIN)
        {
          m.lapses++;
          if (self->relearning_steps->len == 0)
            to_review = TRUE;
          else
            {
              m.state = SHUATI_CARD_RELEARNING;
              m.step = 0;
              interval = g_array_index (self->relearning_steps, guint, 0);
            }
        }
      else
        to_review = TRUE;
    }
  else
    {
      guint n_steps;

      steps = m.state == SHUATI_CARD_RELEARNING ? self->relearning_steps : self->learning_steps;
      n_steps = steps->len;

      if (n_steps == 0 || (m.step >= n_steps && rating >= SHUATI_RATING_HARD))
        to_review = TRUE;
      else
        {
          switch (rating)
            {
            case SHUATI_RATING_AGAIN:
              m.step = 0;
              interval = g_array_index (steps, guint, 0);
              break;

            case SHUATI_RATING_HARD:
              if (m.step == 0 && n_steps == 1)
                interval = (gint64)round (g_array_index (steps, guint, 0) * 1.5);
              else if (m.step == 0)
                interval = (gint64)round ((g_array_index (steps, guint, 0) +
                                           (double)g_array_index (steps, guint, 1)) / 2.0);
              else
                interval = g_array_index (steps, guint, MIN (m.step, n_steps - 1));
              break;

            case SHUATI_RATING_GOOD:
              if (m.step + 1 >= n_steps)
                to_review = TRUE;
              else
                {
                  m.step++;
                  interval = g_array_index (steps, guint, m.step);
                }
              break;

            case SHUATI_RATING_EASY:
            default:
              to_review = TRUE;
              break;
            }
        }
    }

  *after = m;
  *step_interval = interval;
  *elapsed = elapsed_days;
  return to_review;
}

/* The day interval of @rating, no shorter than that of a lower rating
 * that also leads to Review plus one day, so that Again < Hard < Good <
 * Easy whenever they are counted in days (as fsrs-rs and Anki keep
 * them). @floor_out gets that lower bound. */
static gint64
ordered_days (ShuatiScheduler    *self,
              const ShuatiMemory *before,
              ShuatiRating        rating,
              gint64              now,
              const ShuatiMemory *after,
              gint64             *floor_out)
{
  gint64 floor = 0;

  for (ShuatiRating lower = SHUATI_RATING_AGAIN; lower < rating; lower++)
    {
      ShuatiMemory m;
      gint64 step;
      double elapsed;

      if (outcome (self, before, lower, now, &m, &step, &elapsed))
        floor = MAX (interval_days (self, m.stability), floor) + 1;
    }

  floor = MIN (floor, (gint64)self->maximum_interval);
  *floor_out = floor;
  return MAX (interval_days (self, after->stability), floor);
}

static void
review (ShuatiScheduler    *self,
        const ShuatiMemory *before,
        ShuatiRating        rating,
        gint64              now,
        gboolean            fuzz,
        ShuatiMemory       *after,
        ShuatiReviewInfo   *info)
{
  ShuatiMemory m;
  double elapsed_days = 0;
  gint64 interval = 0;

  if (outcome (self, before, rating, now, &m, &interval, &elapsed_days))
    {
      gint64 floor = 0;
      gint64 days = ordered_days (self, before, rating, now, &m, &floor);

      if (fuzz)
        days = MAX (fuzz_days (self, days), floor);
      m.state = SHUATI_CARD_REVIEW;
      m.step = 0;
      interval = days * SECONDS_PER_DAY;
    }

  m.reps++;
  m.last_review = now;
  m.due = now + interval;

  if (after != NULL)
    *after = m;
  if (info != NULL)
    {
      info->elapsed_days = elapsed_days;
      info->interval_seconds = interval;
      info->scheduled_days = (double)interval / SECONDS_PER_DAY;
    }
}

/**
 * shuati_scheduler_review:
 * @before: the card's memory before the review
 * @rating: the answer
 * @now: when the card was answered, unix seconds
 * @after: (out caller-allocates): the memory after the review; may be @before
 * @info: (out caller-allocates) (optional): what the review log needs
 */
void
shuati_scheduler_review (ShuatiScheduler    *self,
                         const ShuatiMemory *before,
                         ShuatiRating        rating,
                         gint64              now,
                         ShuatiMemory       *after,
                         ShuatiReviewInfo   *info)
{
  ShuatiMemory copy;

  g_return_if_fail (SHUATI_IS_SCHEDULER (self));
  g_return_if_fail (before != NULL);
  g_return_if_fail (after != NULL);
  g_return_if_fail (rating >= SHUATI_RATING_AGAIN && rating <= SHUATI_RATING_EASY);

  copy = *before;
  review (self, &copy, rating, now, self->fuzz, after, info);
}

/**
 * shuati_scheduler_preview:
 * @intervals: (out caller-allocates) (array fixed-size=4): seconds until
 *   the card would be due after Again, Hard, Good and Easy, without fuzz
 */
void
shuati_scheduler_preview (ShuatiScheduler    *self,
                          const ShuatiMemory *before,
                          gint64              now,
                          gint64              intervals[4])
{
  g_return_if_fail (SHUATI_IS_SCHEDULER (self));
  g_return_if_fail (before != NULL);
  g_return_if_fail (intervals != NULL);

  for (ShuatiRating r = SHUATI_RATING_AGAIN; r <= SHUATI_RATING_EASY; r++)
    {
      ShuatiReviewInfo info;

      review (self, before, r, now, FALSE, NULL, &info);
      intervals[r - 1] = info.interval_seconds;
    }
}

static char *
format_amount (double value)
{
  double tenths = round (value * 10.0) / 10.0;

  if (fabs (tenths - round (tenths)) < 1e-9)
    return g_strdup_printf ("%.0f", tenths);
  return g_strdup_printf ("%.1f", tenths);
}

/**
 * shuati_format_interval:
 * @seconds: a duration
 *
 * Returns: (transfer full): the duration in the short form shown on the
 *   rating buttons, such as "10 min", "5 h", "2 d", "3 mo" or "1.5 y".
 */
char *
shuati_format_interval (gint64 seconds)
{
  double days;
  gint64 n;

  if (seconds < 0)
    seconds = 0;

  if (seconds < 60)
    /* Translators: a short duration on a rating button; %d is a number of seconds */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", (gulong)seconds),
                            (int)seconds);

  n = (gint64)round (seconds / 60.0);
  if (n < 60)
    /* Translators: a short duration on a rating button; %d is a number of minutes */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong)n), (int)n);

  n = (gint64)round (seconds / 3600.0);
  if (n < 24)
    /* Translators: a short duration on a rating button; %d is a number of hours */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong)n), (int)n);

  days = seconds / (double)SECONDS_PER_DAY;
  n = (gint64)round (days);
  if (n < 30)
    /* Translators: a short duration on a rating button; %d is a number of days */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d d", "%d d", (gulong)n), (int)n);

  if (round (days / (365.25 / 12.0) * 10.0) < 120.0)
    {
      double months = days / (365.25 / 12.0);
      g_autofree char *amount = format_amount (months);

      /* Translators: a short duration on a rating button; %s is a number of months such as "3" or "1.5" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s mo", "%s mo", (gulong)ceil (months - 0.05)),
                              amount);
    }
  else
    {
      double years = days / 365.25;
      g_autofree char *amount = format_amount (years);

      /* Translators: a short duration on a rating button; %s is a number of years such as "2" or "1.5" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s y", "%s y", (gulong)ceil (years - 0.05)),
                              amount);
    }
}
