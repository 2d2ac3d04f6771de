/* shuati-optimizer.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fits the 21 FSRS-6 weights to the learner's own review log. The
 * training set follows fsrs-rs: each card's reviews in order, elapsed
 * time in whole local days, same-day reviews through w17–w19, and a
 * prediction (with a label: recalled = rating above Again) for every
 * review a day or more after the previous one. Gradients are carried
 * forward through the stability and difficulty recurrences: next to S
 * and D each card's pass keeps dS/dw and dD/dw for all 21 weights.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-store-private.h"
#include "shuati-optimizer.h"

#define N_W SHUATI_FSRS_N_WEIGHTS
#define N_BINS 20
#define P_MIN 0.0001
#define P_MAX 0.9999
#define SEED 20230815
/* The L2 pull toward the start: a weight that moved across its whole
 * range costs as much as this many badly predicted reviews. */
#define PULL_STRENGTH 4.0
/* S0 smoothing: the pull of the start value, in (log days)^-2. */
#define S0_SMOOTHING 1.0
#define HEALTH_WINDOW (30 * 86400)
#define HEALTH_RATIO 1.3
#define HEALTH_MIN_REVIEWS 20

/* fsrs-rs's clipping bounds (with short-term scheduling on). */
static const double lower_bound[N_W] = {
  0.001, 0.001, 0.001, 0.001,
  1.0, 0.001, 0.001, 0.001,
  0.0, 0.0, 0.001,
  0.001, 0.001, 0.001, 0.0,
  0.0, 1.0,
  0.0, 0.0, 0.01,
  0.1,
};

static const double upper_bound[N_W] = {
  100.0, 100.0, 100.0, 100.0,
  10.0, 4.0, 4.0, 0.75,
  4.5, 0.8, 3.5,
  5.0, 0.25, 0.9, 4.0,
  1.0, 6.0,
  2.0, 2.0, 0.8,
  0.8,
};

void
shuati_optimizer_result_free (ShuatiOptimizerResult *result)
{
  if (result == NULL)
    return;
  g_free (result->message);
  g_free (result);
}

/**
 * shuati_optimizer_clip:
 * @weights: (array fixed-size=21) (inout): weights, clipped in place
 *
 * Clips every weight into fsrs-rs's bounds; NaN becomes the default.
 */
void
shuati_optimizer_clip (double *weights)
{
  const double *defaults = shuati_fsrs_get_default_weights ();

  g_return_if_fail (weights != NULL);

  for (guint i = 0; i < N_W; i++)
    {
      if (isnan (weights[i]))
        weights[i] = defaults[i];
      weights[i] = CLAMP (weights[i], lower_bound[i], upper_bound[i]);
    }
}

/**
 * shuati_optimizer_parse_weights:
 * @text: weights separated by commas or white space, as Anki shows them
 * @weights: (out caller-allocates) (array fixed-size=21): the weights
 *
 * Returns: %TRUE when @text holds exactly 21 numbers, each within the
 *   clipping bounds (19 FSRS-5 weights are not accepted).
 */
gboolean
shuati_optimizer_parse_weights (const char  *text,
                                double      *weights,
                                GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint n = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  parts = g_strsplit_set (text, ", \t\n\r;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double value;

      if (parts[i][0] == '\0')
        continue;
      value = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (value))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what the learner pasted where a number should be */
                       _("“%s” is not a number"), parts[i]);
          return FALSE;
        }
      if (n < N_W)
        weights[n] = value;
      n++;
    }

  if (n != N_W)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Expected 21 FSRS-6 weights separated by commas, found %u"), n);
      return FALSE;
    }

  for (guint i = 0; i < N_W; i++)
    if (weights[i] < lower_bound[i] || weights[i] > upper_bound[i])
      {
        g_autofree char *value = g_strdup_printf ("%g", weights[i]);
        g_autofree char *lo = g_strdup_printf ("%g", lower_bound[i]);
        g_autofree char *hi = g_strdup_printf ("%g", upper_bound[i]);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: "Weight 20 is 0.95, outside 0.1 to 0.8" */
                     _("Weight %u is %s, outside %s to %s"), i, value, lo, hi);
        return FALSE;
      }

  return TRUE;
}

/**
 * shuati_optimizer_format_weights:
 *
 * Returns: (transfer full): the weights as Anki shows them, comma separated
 */
char *
shuati_optimizer_format_weights (const double *weights)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (weights != NULL, NULL);

  for (guint i = 0; i < N_W; i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ascii_formatd (buffer, sizeof buffer, "%.4f", weights[i]));
    }

  return g_string_free (text, FALSE);
}

/**
 * shuati_optimizer_day_number:
 *
 * Returns: the number of the learner's local day that holds @unix_time,
 *   counting from day 1 of year 1, so that the difference of two is the
 *   number of day boundaries between them.
 */
gint32
shuati_optimizer_day_number (gint64 unix_time)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (unix_time);
  GDate date;

  if (moment == NULL)
    return (gint32)(unix_time / 86400);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (moment),
                  g_date_time_get_month (moment), g_date_time_get_year (moment));
  return (gint32)g_date_get_julian (&date);
}

/**
 * shuati_optimizer_load_log:
 * @deck_id: (nullable): one deck, or %NULL for every deck
 *
 * Returns: (transfer full) (element-type ShuatiReviewRecord): the review
 *   log sorted by card and time, or %NULL with @error set
 */
GArray *
shuati_optimizer_load_log (ShuatiStore  *store,
                           const char   *deck_id,
                           GError      **error)
{
  static const char *sql_all =
    "SELECT deck_id, card_id, reviewed_at, rating, state_before FROM reviews"
    " ORDER BY deck_id, card_id, reviewed_at, id";
  static const char *sql_deck =
    "SELECT deck_id, card_id, reviewed_at, rating, state_before FROM reviews"
    " WHERE deck_id = ?1 ORDER BY card_id, reviewed_at, id";
  g_autoptr(GArray) rlog = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *last_deck = NULL;
  g_autofree char *last_card = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint32 card = 0;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);

  db = shuati_store_get_database (store);
  if (db == NULL)
    {
      g_set_error_literal (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
                           _("The progress file is closed"));
      return NULL;
    }

  rc = sqlite3_prepare_v2 (db, deck_id != NULL ? sql_deck : sql_all, -1, &stmt, NULL);
  if (rc == SQLITE_OK && deck_id != NULL)
    rc = sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_TRANSIENT);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *d = (const char *)sqlite3_column_text (stmt, 0);
      const char *c = (const char *)sqlite3_column_text (stmt, 1);
      ShuatiReviewRecord record = { 0 };
      g_autoptr(GDateTime) moment = NULL;

      if (g_strcmp0 (d, last_deck) != 0 || g_strcmp0 (c, last_card) != 0)
        {
          g_free (last_deck);
          g_free (last_card);
          last_deck = g_strdup (d);
          last_card = g_strdup (c);
          card++;
        }

      record.card = card;
      record.reviewed_at = sqlite3_column_int64 (stmt, 2);
      record.rating = (guint8)CLAMP (sqlite3_column_int (stmt, 3), 0, 255);
      record.state_before = (guint8)CLAMP (sqlite3_column_int (stmt, 4), 0, 255);
      moment = g_date_time_new_from_unix_local (record.reviewed_at);
      if (moment != NULL)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, g_date_time_get_day_of_month (moment),
                          g_date_time_get_month (moment), g_date_time_get_year (moment));
          record.day = (gint32)g_date_get_julian (&date);
        }
      else
        record.day = (gint32)(record.reviewed_at / 86400);
      g_array_append_val (rlog, record);
      rc = SQLITE_OK;
    }

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (store, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);
  return g_steal_pointer (&rlog);
}

/* The training set */

typedef struct
{
  guint start;
  guint end;
  guint n_train;   /* labels before the cut */
} Sequence;

/* Each card's usable history: from its last review as a new card
 * (a manual reset or a forgotten card starts again there) to its end.
 * Cards without a first rating in the log are left out. */
static GArray *
find_sequences (const ShuatiReviewRecord *rlog,
                gsize                     n_log)
{
  GArray *seqs = g_array_new (FALSE, FALSE, sizeof (Sequence));
  gsize i = 0;

  while (i < n_log)
    {
      gsize end = i;
      gssize start = -1;

      while (end < n_log && rlog[end].card == rlog[i].card)
        end++;

      for (gsize j = i; j < end; j++)
        {
          if (rlog[j].rating < SHUATI_RATING_AGAIN || rlog[j].rating > SHUATI_RATING_EASY)
            start = -1;
          else if (rlog[j].state_before == SHUATI_CARD_NEW)
            start = (gssize)j;
        }

      if (start >= 0)
        {
          Sequence seq = { (guint)start, (guint)end, 0 };
          g_array_append_val (seqs, seq);
        }

      i = end;
    }

  return seqs;
}

/* The forward pass */

typedef struct
{
  double loss;
  guint  n;
  gboolean want_grad;
  gboolean want_bins;
  double grad[N_W];
  double bin_p[N_BINS];
  double bin_y[N_BINS];
  guint  bin_n[N_BINS];
  double last_s;
  double last_d;
} Acc;

static void
acc_init (Acc      *acc,
          gboolean  want_grad,
          gboolean  want_bins)
{
  memset (acc, 0, sizeof *acc);
  acc->want_grad = want_grad;
  acc->want_bins = want_bins;
}

static void
zero (double *v)
{
  memset (v, 0, sizeof (double) * N_W);
}

/* Runs one card's history with @w, adding to @acc the loss (and its
 * gradient) of the predictions for reviews made in [@from, @until). */
static void
run_sequence (const ShuatiReviewRecord *r,
              guint                     n,
              const double             *w,
              gint64                    from,
              gint64                    until,
              Acc                      *acc)
{
  const gboolean grad = acc->want_grad;
  const double decay = -w[20];
  const double factor = pow (0.9, 1.0 / decay) - 1.0;
  /* d factor / d w20 */
  const double dfactor = (factor + 1.0) * log (0.9) / (w[20] * w[20]);
  double s, d;
  double ds[N_W], dd[N_W];
  double d0_easy = w[4] - exp (3.0 * w[5]) + 1.0;
  double dd0_easy4 = 1.0, dd0_easy5 = -3.0 * exp (3.0 * w[5]);
  int g;

  g_assert (n > 0);

  /* The first rating */
  g = r[0].rating;
  s = w[g - 1];
  d = w[4] - exp (w[5] * (g - 1)) + 1.0;
  if (grad)
    {
      zero (ds);
      zero (dd);
      ds[g - 1] = 1.0;
      dd[4] = 1.0;
      dd[5] = -(g - 1) * exp (w[5] * (g - 1));
    }
  if (s < SHUATI_FSRS_MIN_STABILITY || s > SHUATI_FSRS_MAX_STABILITY)
    {
      s = CLAMP (s, SHUATI_FSRS_MIN_STABILITY, SHUATI_FSRS_MAX_STABILITY);
      if (grad)
        zero (ds);
    }
  if (d < 1.0 || d > 10.0)
    {
      d = CLAMP (d, 1.0, 10.0);
      if (grad)
        zero (dd);
    }

  for (guint i = 1; i < n; i++)
    {
      gint32 t = r[i].day - r[i - 1].day;
      double ns, nd;
      double dns[N_W], dnd[N_W];

      if (r[i].reviewed_at >= until)
        break;

      g = r[i].rating;

      if (t >= 1)
        {
          double u = 1.0 + factor * t / s;
          double R = pow (u, decay);
          double dR[N_W];

          if (grad)
            {
              /* ln R = -w20 ln u */
              double k = R * (-w[20] / u);

              for (guint j = 0; j < N_W; j++)
                dR[j] = k * (-factor * t / (s * s) * ds[j]);
              dR[20] += k * (t / s * dfactor) - R * log (u);
            }

          if (r[i].reviewed_at >= from)
            {
              double y = g > SHUATI_RATING_AGAIN ? 1.0 : 0.0;
              double p = CLAMP (R, P_MIN, P_MAX);

              acc->loss -= y * log (p) + (1.0 - y) * log (1.0 - p);
              acc->n++;
              if (grad && R > P_MIN && R < P_MAX)
                {
                  double dl = (p - y) / (p * (1.0 - p));

                  for (guint j = 0; j < N_W; j++)
                    acc->grad[j] += dl * dR[j];
                }
              if (acc->want_bins)
                {
                  guint bin = MIN ((guint)(p * N_BINS), N_BINS - 1);

                  acc->bin_p[bin] += p;
                  acc->bin_y[bin] += y;
                  acc->bin_n[bin]++;
                }
            }

          if (g == SHUATI_RATING_AGAIN)
            {
              double x = exp (w[14] * (1.0 - R));
              double dpow = pow (d, -w[12]);
              double pw = pow (s + 1.0, w[13]);
              double lapse = w[11] * dpow * (pw - 1.0) * x;
              double shrink = exp (-w[17] * w[18]);
              double ceiling = s * shrink;

              if (lapse < ceiling)
                {
                  ns = lapse;
                  if (grad)
                    {
                      double base = w[11] * dpow * x;

                      for (guint j = 0; j < N_W; j++)
                        dns[j] = lapse * (-w[12] * dd[j] / d - w[14] * dR[j]) +
                                 base * w[13] * pw / (s + 1.0) * ds[j];
                      dns[11] += dpow * (pw - 1.0) * x;
                      dns[12] += lapse * -log (d);
                      dns[13] += base * pw * log (s + 1.0);
                      dns[14] += lapse * (1.0 - R);
                    }
                }
              else
                {
                  ns = ceiling;
                  if (grad)
                    {
                      for (guint j = 0; j < N_W; j++)
                        dns[j] = shrink * ds[j];
                      dns[17] += -ceiling * w[18];
                      dns[18] += -ceiling * w[17];
                    }
                }
            }
          else
            {
              double hp = g == SHUATI_RATING_HARD ? w[15] : 1.0;
              double eb = g == SHUATI_RATING_EASY ? w[16] : 1.0;
              double e = exp (w[10] * (1.0 - R));
              double spow = pow (s, -w[9]);
              double core = exp (w[8]) * (11.0 - d) * spow;   /* without (e - 1) */
              double c = core * (e - 1.0);
              double a = c * hp * eb;

              ns = s * (1.0 + a);
              if (grad)
                {
                  for (guint j = 0; j < N_W; j++)
                    {
                      double dc = c * (-dd[j] / (11.0 - d) - w[9] * ds[j] / s) +
                                  core * e * (-w[10] * dR[j]);

                      dns[j] = ds[j] * (1.0 + a) + s * hp * eb * dc;
                    }
                  dns[8] += s * a;
                  dns[9] += s * a * -log (s);
                  dns[10] += s * hp * eb * core * e * (1.0 - R);
                  if (g == SHUATI_RATING_HARD)
                    dns[15] += s * c * eb;
                  if (g == SHUATI_RATING_EASY)
                    dns[16] += s * c * hp;
                }
            }
        }
      else
        {
          double expo = g - 3.0 + w[18];
          double sinc = exp (w[17] * expo) * pow (s, -w[19]);

          if (g >= SHUATI_RATING_HARD && sinc < 1.0)
            {
              ns = s;
              if (grad)
                memcpy (dns, ds, sizeof dns);
            }
          else
            {
              ns = s * sinc;
              if (grad)
                {
                  for (guint j = 0; j < N_W; j++)
                    dns[j] = ns * (1.0 - w[19]) * ds[j] / s;
                  dns[17] += ns * expo;
                  dns[18] += ns * w[17];
                  dns[19] += ns * -log (s);
                }
            }
        }

      if (ns < SHUATI_FSRS_MIN_STABILITY || ns > SHUATI_FSRS_MAX_STABILITY || isnan (ns))
        {
          ns = isnan (ns) ? SHUATI_FSRS_MIN_STABILITY
                          : CLAMP (ns, SHUATI_FSRS_MIN_STABILITY, SHUATI_FSRS_MAX_STABILITY);
          if (grad)
            zero (dns);
        }

      /* Difficulty */
      {
        double delta = -w[6] * (g - 3.0);
        double damped = d + delta * (10.0 - d) / 9.0;

        nd = w[7] * d0_easy + (1.0 - w[7]) * damped;
        if (grad)
          {
            for (guint j = 0; j < N_W; j++)
              dnd[j] = (1.0 - w[7]) * (dd[j] * (1.0 - delta / 9.0));
            dnd[6] += (1.0 - w[7]) * (-(g - 3.0) * (10.0 - d) / 9.0);
            dnd[7] += d0_easy - damped;
            dnd[4] += w[7] * dd0_easy4;
            dnd[5] += w[7] * dd0_easy5;
          }
        if (nd < 1.0 || nd > 10.0)
          {
            nd = CLAMP (nd, 1.0, 10.0);
            if (grad)
              zero (dnd);
          }
      }

      s = ns;
      d = nd;
      if (grad)
        {
          memcpy (ds, dns, sizeof ds);
          memcpy (dd, dnd, sizeof dd);
        }
    }

  acc->last_s = s;
  acc->last_d = d;
}

/**
 * shuati_optimizer_replay:
 * @reviews: (array length=n_reviews): one card's reviews in order, the
 *   first of them its first rating
 * @weights: (array fixed-size=21): the weights
 * @stability: (out): the stability after the last review
 * @difficulty: (out): the difficulty after the last review
 *
 * Computes a card's memory state from its history as the training
 * does, elapsed time in whole local days.
 *
 * Returns: %FALSE when @reviews does not start with a first rating
 */
gboolean
shuati_optimizer_replay (const ShuatiReviewRecord *reviews,
                         gsize                     n_reviews,
                         const double             *weights,
                         double                   *stability,
                         double                   *difficulty)
{
  Acc acc;

  g_return_val_if_fail (weights != NULL, FALSE);

  if (n_reviews == 0 || reviews[0].rating < SHUATI_RATING_AGAIN ||
      reviews[0].rating > SHUATI_RATING_EASY)
    return FALSE;
  for (gsize i = 1; i < n_reviews; i++)
    if (reviews[i].rating < SHUATI_RATING_AGAIN || reviews[i].rating > SHUATI_RATING_EASY)
      return FALSE;

  acc_init (&acc, FALSE, FALSE);
  run_sequence (reviews, (guint)n_reviews, weights, G_MAXINT64, G_MAXINT64, &acc);
  *stability = acc.last_s;
  *difficulty = acc.last_d;
  return TRUE;
}

/**
 * shuati_optimizer_loss:
 * @rlog: (array length=n_log): the review log
 * @weights: (array fixed-size=21): the weights
 * @until: only predictions for reviews before this time count
 * @gradient: (out caller-allocates) (optional) (array fixed-size=21):
 *   the gradient of the returned sum
 * @n_labels: (out) (optional): how many predictions were counted
 *
 * Returns: the summed binary cross-entropy of the recall predictions
 */
double
shuati_optimizer_loss (const ShuatiReviewRecord *rlog,
                       gsize                     n_log,
                       const double             *weights,
                       gint64                    until,
                       double                   *gradient,
                       guint                    *n_labels)
{
  g_autoptr(GArray) seqs = find_sequences (rlog, n_log);
  Acc acc;

  acc_init (&acc, gradient != NULL, FALSE);
  for (guint i = 0; i < seqs->len; i++)
    {
      const Sequence *seq = &g_array_index (seqs, Sequence, i);

      run_sequence (rlog + seq->start, seq->end - seq->start, weights, G_MININT64, until, &acc);
    }

  if (gradient != NULL)
    memcpy (gradient, acc.grad, sizeof acc.grad);
  if (n_labels != NULL)
    *n_labels = acc.n;
  return acc.loss;
}

static void
metrics_from (const Acc         *acc,
              ShuatiFsrsMetrics *metrics)
{
  double sum = 0;

  metrics->n_reviews = acc->n;
  metrics->log_loss = acc->n > 0 ? acc->loss / acc->n : 0.0;
  for (guint b = 0; b < N_BINS; b++)
    if (acc->bin_n[b] > 0)
      {
        double diff = (acc->bin_p[b] - acc->bin_y[b]) / acc->bin_n[b];

        sum += acc->bin_n[b] * diff * diff;
      }
  metrics->rmse_bins = acc->n > 0 ? sqrt (sum / acc->n) : 0.0;
}

static void
evaluate_sequences (const ShuatiReviewRecord *rlog,
                    GArray                   *seqs,
                    const double             *weights,
                    gint64                    from,
                    gint64                    until,
                    ShuatiFsrsMetrics        *metrics)
{
  Acc acc;

  acc_init (&acc, FALSE, TRUE);
  for (guint i = 0; i < seqs->len; i++)
    {
      const Sequence *seq = &g_array_index (seqs, Sequence, i);

      run_sequence (rlog + seq->start, seq->end - seq->start, weights, from, until, &acc);
    }
  metrics_from (&acc, metrics);
}

/**
 * shuati_optimizer_evaluate:
 * @from: first time whose reviews are predicted
 * @until: end (exclusive) of that time
 * @metrics: (out caller-allocates): log loss and RMSE over 20 bins of
 *   predicted recall
 *
 * Returns: %TRUE when there was at least one prediction
 */
gboolean
shuati_optimizer_evaluate (const ShuatiReviewRecord *rlog,
                           gsize                     n_log,
                           const double             *weights,
                           gint64                    from,
                           gint64                    until,
                           ShuatiFsrsMetrics        *metrics)
{
  g_autoptr(GArray) seqs = find_sequences (rlog, n_log);

  g_return_val_if_fail (metrics != NULL, FALSE);

  evaluate_sequences (rlog, seqs, weights, from, until, metrics);
  return metrics->n_reviews > 0;
}

/* S0 */

typedef struct
{
  gint32 t;
  guint  n;
  guint  recalled;
} Outcome;

static int
compare_outcomes (gconstpointer a,
                  gconstpointer b)
{
  const Outcome *x = a, *y = b;

  return (x->t > y->t) - (x->t < y->t);
}

static double
s0_objective (const Outcome *o,
              guint          n,
              double         log_s,
              double         log_start,
              double         decay,
              double         factor)
{
  double s = exp (log_s);
  double loss = S0_SMOOTHING * (log_s - log_start) * (log_s - log_start);

  for (guint i = 0; i < n; i++)
    {
      double p = CLAMP (pow (1.0 + factor * o[i].t / s, decay), P_MIN, P_MAX);

      loss -= o[i].recalled * log (p) + (o[i].n - o[i].recalled) * log (1.0 - p);
    }
  return loss;
}

/**
 * shuati_optimizer_fit_initial_stability:
 * @start: (array fixed-size=21): the weights to start from
 * @until: only first intervals reviewed before this time count
 * @s0: (out caller-allocates) (array fixed-size=4): the fitted initial
 *   stability for each first rating
 * @counts: (out caller-allocates) (optional) (array fixed-size=4): how many
 *   first-interval outcomes each rests on
 *
 * Fits S0 per first rating to how often each card was recalled at its
 * first review a day or more later, pulled toward @start's value (so a
 * rating with few cards keeps about the start value, one with none keeps
 * it exactly), then makes S0 grow with the rating.
 */
void
shuati_optimizer_fit_initial_stability (const ShuatiReviewRecord *rlog,
                                        gsize                     n_log,
                                        const double             *start,
                                        gint64                    until,
                                        double                    s0[4],
                                        guint                     counts[4])
{
  g_autoptr(GArray) seqs = find_sequences (rlog, n_log);
  GArray *outcomes[4] = { NULL, };
  const double decay = -start[20];
  const double factor = pow (0.9, 1.0 / decay) - 1.0;

  for (guint g = 0; g < 4; g++)
    outcomes[g] = g_array_new (FALSE, FALSE, sizeof (Outcome));

  for (guint i = 0; i < seqs->len; i++)
    {
      const Sequence *seq = &g_array_index (seqs, Sequence, i);
      const ShuatiReviewRecord *r = rlog + seq->start;

      for (guint j = 1; j < seq->end - seq->start; j++)
        if (r[j].day > r[j - 1].day)
          {
            if (r[j].reviewed_at < until)
              {
                Outcome o = { r[j].day - r[j - 1].day, 1, r[j].rating > SHUATI_RATING_AGAIN };

                g_array_append_val (outcomes[r[0].rating - 1], o);
              }
            break;
          }
    }

  for (guint g = 0; g < 4; g++)
    {
      GArray *a = outcomes[g];
      guint n = 0;
      double log_start = log (CLAMP (start[g], lower_bound[g], upper_bound[g]));
      double lo = log (lower_bound[g]), hi = log (upper_bound[g]);
      double best = log_start, best_loss;
      const guint grid = 64;
      double x1, x2, f1, f2;
      const double phi = (sqrt (5.0) - 1.0) / 2.0;

      if (counts != NULL)
        counts[g] = a->len;

      if (a->len == 0)
        {
          s0[g] = CLAMP (start[g], lower_bound[g], upper_bound[g]);
          continue;
        }

      /* Same elapsed days together: the objective then costs one power
       * per distinct interval. */
      g_array_sort (a, compare_outcomes);
      for (guint i = 0; i < a->len; i++)
        {
          Outcome *o = &g_array_index (a, Outcome, i);

          if (n > 0 && g_array_index (a, Outcome, n - 1).t == o->t)
            {
              g_array_index (a, Outcome, n - 1).n += o->n;
              g_array_index (a, Outcome, n - 1).recalled += o->recalled;
            }
          else
            g_array_index (a, Outcome, n++) = *o;
        }

      best_loss = s0_objective ((Outcome *)(gpointer)a->data, n, best, log_start, decay, factor);
      for (guint k = 0; k <= grid; k++)
        {
          double x = lo + (hi - lo) * k / grid;
          double f = s0_objective ((Outcome *)(gpointer)a->data, n, x, log_start, decay, factor);

          if (f < best_loss)
            {
              best_loss = f;
              best = x;
            }
        }

      /* Golden-section search in the grid cell around the best point */
      lo = MAX (lo, best - (hi - lo) / grid);
      hi = MIN (log (upper_bound[g]), best + (log (upper_bound[g]) - log (lower_bound[g])) / grid);
      x1 = hi - phi * (hi - lo);
      x2 = lo + phi * (hi - lo);
      f1 = s0_objective ((Outcome *)(gpointer)a->data, n, x1, log_start, decay, factor);
      f2 = s0_objective ((Outcome *)(gpointer)a->data, n, x2, log_start, decay, factor);
      for (guint k = 0; k < 40; k++)
        {
          if (f1 < f2)
            {
              hi = x2;
              x2 = x1;
              f2 = f1;
              x1 = hi - phi * (hi - lo);
              f1 = s0_objective ((Outcome *)(gpointer)a->data, n, x1, log_start, decay, factor);
            }
          else
            {
              lo = x1;
              x1 = x2;
              f1 = f2;
              x2 = lo + phi * (hi - lo);
              f2 = s0_objective ((Outcome *)(gpointer)a->data, n, x2, log_start, decay, factor);
            }
        }
      if (MIN (f1, f2) < best_loss)
        best = f1 < f2 ? x1 : x2;

      s0[g] = exp (best);
    }

  /* A better first answer never means a shorter memory. */
  for (guint g = 1; g < 4; g++)
    s0[g] = MAX (s0[g], s0[g - 1]);
  for (guint g = 0; g < 4; g++)
    s0[g] = CLAMP (s0[g], lower_bound[g], upper_bound[g]);

  for (guint g = 0; g < 4; g++)
    g_array_unref (outcomes[g]);
}

/* Training */

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The times of all predictions, sorted. */
static GArray *
label_times (const ShuatiReviewRecord *rlog,
             GArray                   *seqs)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < seqs->len; i++)
    {
      const Sequence *seq = &g_array_index (seqs, Sequence, i);

      for (guint j = seq->start + 1; j < seq->end; j++)
        if (rlog[j].day > rlog[j - 1].day)
          g_array_append_val (times, rlog[j].reviewed_at);
    }
  g_array_sort (times, compare_times);
  return times;
}

static void
shuffle (guint32 *order,
         guint    n,
         GRand   *rand)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint)g_rand_int_range (rand, 0, (gint32)i);
      guint32 tmp = order[i - 1];

      order[i - 1] = order[j];
      order[j] = tmp;
    }
}

/**
 * shuati_optimizer_run:
 * @rlog: (array length=n_log): the review log, sorted by card and time
 * @start: (array fixed-size=21) (nullable): the learner's current weights,
 *   or %NULL for the defaults
 * @progress: (scope call) (nullable): told the fraction done
 * @cancellable: (nullable): stops the run between batches
 *
 * Returns: (transfer full): the result, or %NULL with @error set when
 *   cancelled. Too few reviews is not an error: the result then keeps
 *   @start and says why in its message.
 */
ShuatiOptimizerResult *
shuati_optimizer_run (const ShuatiReviewRecord *rlog,
                      gsize                     n_log,
                      const double             *start,
                      ShuatiOptimizerProgress   progress,
                      gpointer                  user_data,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(ShuatiOptimizerResult) result = g_new0 (ShuatiOptimizerResult, 1);
  g_autoptr(GArray) seqs = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) batches = NULL;
  g_autofree guint32 *order = NULL;
  g_autoptr(GRand) rand = NULL;
  double w[N_W], target[N_W], m[N_W] = { 0 }, v[N_W] = { 0 };
  double range2[N_W];
  double s0[4];
  gint64 cut, last;
  guint n_steps, step = 0;
  ShuatiFsrsMetrics recent, earlier;

  g_return_val_if_fail (rlog != NULL || n_log == 0, NULL);

  if (start == NULL)
    start = shuati_fsrs_get_default_weights ();
  memcpy (result->start, start, sizeof result->start);
  memcpy (result->weights, start, sizeof result->weights);
  result->n_reviews = (guint)n_log;

  seqs = find_sequences (rlog, n_log);
  times = label_times (rlog, seqs);
  result->n_cards = seqs->len;
  result->n_usable = times->len;

  if (times->len < SHUATI_OPTIMIZER_MIN_REVIEWS)
    {
      result->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Only %u review can be used; at least %u are needed",
                                                      "Only %u reviews can be used; at least %u are needed",
                                                      times->len),
                                         times->len, SHUATI_OPTIMIZER_MIN_REVIEWS);
      return g_steal_pointer (&result);
    }

  /* The latest 20 % of the predictions are held out. */
  cut = g_array_index (times, gint64, times->len - MAX (times->len / 5, 1));
  last = g_array_index (times, gint64, times->len - 1);
  result->held_out_from = cut;

  for (guint i = 0; i < seqs->len; i++)
    {
      Sequence *seq = &g_array_index (seqs, Sequence, i);

      for (guint j = seq->start + 1; j < seq->end; j++)
        if (rlog[j].day > rlog[j - 1].day && rlog[j].reviewed_at < cut)
          seq->n_train++;
      result->n_train += seq->n_train;
    }
  result->n_test = times->len - result->n_train;

  if (result->n_train == 0)
    {
      result->message = g_strdup (_("All the usable reviews are from the same day; "
                                    "keep reviewing for a few more days"));
      return g_steal_pointer (&result);
    }

  memcpy (w, start, sizeof w);
  shuati_optimizer_clip (w);
  shuati_optimizer_fit_initial_stability (rlog, n_log, w, cut, s0, NULL);
  memcpy (w, s0, sizeof s0);
  memcpy (target, w, sizeof w);
  for (guint j = 0; j < N_W; j++)
    range2[j] = (upper_bound[j] - lower_bound[j]) * (upper_bound[j] - lower_bound[j]);

  /* Batches: whole cards in a seeded random order, each batch closed
   * once it holds a batch's worth of predictions. Every epoch's order is
   * drawn first so that the annealing knows the number of steps. */
  rand = g_rand_new_with_seed (SEED);
  order = g_new (guint32, (gsize)seqs->len * SHUATI_OPTIMIZER_EPOCHS);
  batches = g_array_new (FALSE, FALSE, sizeof (guint));   /* end index into order */
  for (guint e = 0; e < SHUATI_OPTIMIZER_EPOCHS; e++)
    {
      guint32 *o = order + (gsize)e * seqs->len;
      guint in_batch = 0;

      for (guint i = 0; i < seqs->len; i++)
        o[i] = i;
      shuffle (o, seqs->len, rand);
      for (guint i = 0; i < seqs->len; i++)
        {
          in_batch += g_array_index (seqs, Sequence, o[i]).n_train;
          if (in_batch >= SHUATI_OPTIMIZER_BATCH_SIZE || i + 1 == seqs->len)
            {
              guint end = e * seqs->len + i + 1;

              if (in_batch > 0)
                g_array_append_val (batches, end);
              in_batch = 0;
            }
        }
    }
  n_steps = batches->len;

  for (guint b = 0; b < n_steps; b++)
    {
      guint begin = b == 0 ? 0 : g_array_index (batches, guint, b - 1);
      guint end = g_array_index (batches, guint, b);
      double lr = SHUATI_OPTIMIZER_LEARNING_RATE * 0.5 * (1.0 + cos (G_PI * step / n_steps));
      double b1 = 0.9, b2 = 0.999;
      Acc acc;

      /* Batches never straddle epochs but a batch can start at an epoch
       * boundary: its begin is where the previous one ended. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      acc_init (&acc, TRUE, FALSE);
      for (guint k = begin; k < end; k++)
        {
          const Sequence *seq = &g_array_index (seqs, Sequence, order[k]);

          if (seq->n_train > 0)
            run_sequence (rlog + seq->start, seq->end - seq->start, w, G_MININT64, cut, &acc);
        }
      if (acc.n == 0)
        continue;

      step++;
      for (guint j = 0; j < N_W; j++)
        {
          /* Mean loss of the batch plus its share of the pull */
          double gj = acc.grad[j] / acc.n +
                      2.0 * PULL_STRENGTH / result->n_train * (w[j] - target[j]) / range2[j];
          double mhat, vhat;

          /* S0 comes from the first intervals, as in fsrs-rs. */
          if (j < 4)
            continue;
          if (!isfinite (gj))
            gj = 0.0;
          m[j] = b1 * m[j] + (1.0 - b1) * gj;
          v[j] = b2 * v[j] + (1.0 - b2) * gj * gj;
          mhat = m[j] / (1.0 - pow (b1, step));
          vhat = v[j] / (1.0 - pow (b2, step));
          w[j] -= lr * mhat / (sqrt (vhat) + 1e-8);
        }
      shuati_optimizer_clip (w);

      if (progress != NULL)
        progress ((double)(b + 1) / (n_steps + 1), user_data);
    }

  /* S0 was fitted under the start's decay; fit it again under the
   * trained one, so that the first interval's forgetting curve has the
   * shape the rest of the history found. */
  shuati_optimizer_fit_initial_stability (rlog, n_log, w, cut, s0, NULL);
  memcpy (w, s0, sizeof s0);

  result->fitted = TRUE;
  memcpy (result->weights, w, sizeof w);

  evaluate_sequences (rlog, seqs, result->start, cut, G_MAXINT64, &result->before);
  evaluate_sequences (rlog, seqs, result->weights, cut, G_MAXINT64, &result->after);
  result->better = result->after.log_loss < result->before.log_loss;
  if (!result->better)
    result->message = g_strdup (_("The fitted weights predict the latest reviews no better "
                                  "than the current ones"));

  evaluate_sequences (rlog, seqs, result->weights, last - HEALTH_WINDOW, G_MAXINT64, &recent);
  evaluate_sequences (rlog, seqs, result->weights, G_MININT64, last - HEALTH_WINDOW, &earlier);
  result->recent_log_loss = recent.log_loss;
  result->earlier_log_loss = earlier.log_loss;
  result->inconsistent = recent.n_reviews >= HEALTH_MIN_REVIEWS &&
                         earlier.n_reviews >= HEALTH_MIN_REVIEWS &&
                         recent.log_loss > HEALTH_RATIO * earlier.log_loss;

  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&result);
}

/* Rescheduling */

static gboolean
exec_sql (sqlite3     *db,
          ShuatiStore *store,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      shuati_store_set_write_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* One card's history in @history: recompute its memory with @scheduler's
 * weights and its due date from its last review. */
static int
reschedule_card (sqlite3_stmt    *update,
                 GArray          *history,
                 const char      *deck_id,
                 const char      *card_id,
                 gint64           last_review,
                 ShuatiScheduler *scheduler,
                 guint           *n_changed)
{
  const ShuatiReviewRecord *r = (const ShuatiReviewRecord *)(gpointer)history->data;
  g_autoptr(GArray) seqs = find_sequences (r, history->len);
  const Sequence *seq;
  double s, d;
  guint days;
  int rc;

  if (seqs->len == 0)
    return SQLITE_OK;
  seq = &g_array_index (seqs, Sequence, 0);
  if (!shuati_optimizer_replay (r + seq->start, seq->end - seq->start,
                                shuati_scheduler_get_weights (scheduler), &s, &d))
    return SQLITE_OK;

  days = shuati_scheduler_get_interval_days (scheduler, s);
  sqlite3_reset (update);
  sqlite3_bind_double (update, 1, s);
  sqlite3_bind_double (update, 2, d);
  sqlite3_bind_int64 (update, 3, last_review + (gint64)days * 86400);
  sqlite3_bind_text (update, 4, deck_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, card_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (update);
  if (rc == SQLITE_DONE)
    {
      *n_changed += (guint)sqlite3_changes (sqlite3_db_handle (update));
      rc = SQLITE_OK;
    }
  return rc;
}

/**
 * shuati_optimizer_reschedule_with:
 * @scheduler_for_deck: gives each deck's scheduler, with its weights,
 *   retention and maximum interval, or %NULL to leave the deck alone
 * @deck_id: (nullable): one deck, or %NULL for every deck
 * @n_changed: (out) (optional): how many cards were rescheduled
 *
 * Recomputes the memory state of every card in review from its history
 * with @scheduler's weights, and its due date from its last review, all
 * in one transaction. Running it again with the old weights undoes it.
 * Cards without a first rating in the log keep their state.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
shuati_optimizer_reschedule_with (ShuatiStore             *store,
                                  ShuatiSchedulerForDeck   scheduler_for_deck,
                                  gpointer                 user_data,
                                  const char              *deck_id,
                                  guint                   *n_changed,
                                  GError                 **error)
{
  static const char *sql =
    "SELECT r.deck_id, r.card_id, r.reviewed_at, r.rating, r.state_before, c.last_review"
    " FROM reviews r JOIN cards c ON c.deck_id = r.deck_id AND c.card_id = r.card_id"
    " WHERE c.state = 2 AND (?1 IS NULL OR r.deck_id = ?1)"
    " ORDER BY r.deck_id, r.card_id, r.reviewed_at, r.id";
  g_autoptr(GArray) history = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));
  g_autofree char *deck = NULL;
  g_autofree char *card = NULL;
  sqlite3_stmt *query = NULL;
  sqlite3_stmt *update = NULL;
  ShuatiScheduler *scheduler = NULL;
  gint64 last_review = 0;
  guint changed = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheduler_for_deck != NULL, FALSE);

  db = shuati_store_get_database (store);
  if (db == NULL)
    {
      g_set_error_literal (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
                           _("The progress file is closed"));
      return FALSE;
    }

  if (!exec_sql (db, store, "BEGIN IMMEDIATE", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db, sql, -1, &query, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE cards SET stability = ?1, difficulty = ?2, due = ?3"
                             " WHERE deck_id = ?4 AND card_id = ?5 AND state = 2", -1, &update, NULL);
  if (rc == SQLITE_OK && deck_id != NULL)
    rc = sqlite3_bind_text (query, 1, deck_id, -1, SQLITE_TRANSIENT);

  while (rc == SQLITE_OK && (rc = sqlite3_step (query)) == SQLITE_ROW)
    {
      const char *d = (const char *)sqlite3_column_text (query, 0);
      const char *c = (const char *)sqlite3_column_text (query, 1);
      ShuatiReviewRecord record = { 0 };

      if (g_strcmp0 (d, deck) != 0 || g_strcmp0 (c, card) != 0)
        {
          rc = SQLITE_OK;
          if (history->len > 0 && scheduler != NULL)
            rc = reschedule_card (update, history, deck, card, last_review, scheduler, &changed);
          if (rc != SQLITE_OK)
            break;
          g_array_set_size (history, 0);
          if (g_strcmp0 (d, deck) != 0)
            scheduler = scheduler_for_deck (d, user_data);
          g_free (deck);
          g_free (card);
          deck = g_strdup (d);
          card = g_strdup (c);
        }

      record.reviewed_at = sqlite3_column_int64 (query, 2);
      record.day = shuati_optimizer_day_number (record.reviewed_at);
      record.rating = (guint8)CLAMP (sqlite3_column_int (query, 3), 0, 255);
      record.state_before = (guint8)CLAMP (sqlite3_column_int (query, 4), 0, 255);
      last_review = sqlite3_column_int64 (query, 5);
      g_array_append_val (history, record);
      rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE)
    rc = history->len > 0 && scheduler != NULL ? reschedule_card (update, history, deck, card, last_review, scheduler, &changed)
                          : SQLITE_OK;

  sqlite3_finalize (query);
  sqlite3_finalize (update);

  if (rc != SQLITE_OK)
    {
      shuati_store_set_write_error (store, rc, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!exec_sql (db, store, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

/* The worker thread */

typedef struct
{
  GArray                  *rlog;
  double                   start[N_W];
  ShuatiOptimizerProgress  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  /* The latest fraction, and whether an idle is already on its way */
  gint                     permille;
  gint                     pending;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->rlog, g_array_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static gboolean
report_progress (gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_atomic_int_set (&data->pending, 0);
  if (data->progress != NULL && !g_task_get_completed (task))
    data->progress (g_atomic_int_get (&data->permille) / 1000.0, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_atomic_int_set (&data->permille, (gint)(fraction * 1000));
  if (g_atomic_int_compare_and_exchange (&data->pending, 0, 1))
    {
      GSource *source = g_idle_source_new ();

      /* At the task's own priority, so that progress queued before the
       * result is told before it, even when the run is quick. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, report_progress, g_object_ref (task), g_object_unref);
      g_source_attach (source, data->context);
      g_source_unref (source);
    }
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  ShuatiOptimizerResult *result;

  result = shuati_optimizer_run ((const ShuatiReviewRecord *)(gpointer)data->rlog->data,
                                 data->rlog->len, data->start,
                                 worker_progress, task, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)shuati_optimizer_result_free);
}

/**
 * shuati_optimizer_run_async:
 * @rlog: (element-type ShuatiReviewRecord): the review log; referenced
 * @start: (array fixed-size=21) (nullable): the current weights
 * @progress: (scope notified) (nullable): told the fraction done, in the
 *   calling thread's main context
 *
 * Runs shuati_optimizer_run() in a worker thread.
 */
void
shuati_optimizer_run_async (GArray                  *rlog,
                            const double            *start,
                            ShuatiOptimizerProgress  progress,
                            gpointer                 progress_data,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (rlog != NULL);

  data = g_new0 (RunData, 1);
  data->rlog = g_array_ref (rlog);
  memcpy (data->start, start != NULL ? start : shuati_fsrs_get_default_weights (),
          sizeof data->start);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_optimizer_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * shuati_optimizer_run_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
ShuatiOptimizerResult *
shuati_optimizer_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static ShuatiScheduler *
the_scheduler (const char *deck_id,
               gpointer    user_data)
{
  return user_data;
}

/**
 * shuati_optimizer_reschedule:
 * @scheduler: the scheduler for every card
 * @deck_id: (nullable): only this deck's cards
 *
 * shuati_optimizer_reschedule_with() with one scheduler for all decks.
 */
gboolean
shuati_optimizer_reschedule (ShuatiStore      *store,
                             ShuatiScheduler  *scheduler,
                             const char       *deck_id,
                             guint            *n_changed,
                             GError          **error)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), FALSE);

  return shuati_optimizer_reschedule_with (store, the_scheduler, scheduler, deck_id, n_changed, error);
}
