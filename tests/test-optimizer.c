/* test-optimizer.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "shuati-optimizer.h"
#include "shuati-store.h"
#include "shuati-test-utils.h"

#define N_W SHUATI_FSRS_N_WEIGHTS
#define DAY 86400
#define EPOCH_DAY 20000   /* 2024-10-04, UTC */

static const double lower[N_W] = {
  0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
  0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1,
};
static const double upper[N_W] = {
  100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
  5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
};

/* A learner whose memory follows @truth, reviewing for @n_days under
 * Shuati's default scheduler: each day the cards that are due, learning
 * steps on the same day, @new_per_day new cards until @n_cards. Recall is
 * drawn from the true retrievability. Days are UTC days. */
static GArray *
simulate (const double *truth,
          guint         n_cards,
          guint         new_per_day,
          guint         n_days,
          guint32       seed)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree ShuatiMemory *memory = g_new0 (ShuatiMemory, n_cards);
  GArray **history = g_new0 (GArray *, n_cards);
  GArray *log = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));
  double factor = pow (0.9, -1.0 / truth[20]) - 1.0;
  guint introduced = 0;

  shuati_scheduler_set_fuzz_seed (scheduler, seed);
  for (guint c = 0; c < n_cards; c++)
    history[c] = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));

  for (guint day = 0; day < n_days; day++)
    {
      gint64 start = (gint64)(EPOCH_DAY + day) * DAY;
      gint64 end = start + 22 * 3600;
      gint64 now = start + 8 * 3600;
      gboolean reviewed = TRUE;

      introduced = MIN (introduced + new_per_day, n_cards);

      while (reviewed)
        {
          reviewed = FALSE;
          for (guint c = 0; c < introduced; c++)
            {
              ShuatiMemory *m = &memory[c];
              ShuatiReviewRecord record = { 0 };
              ShuatiRating rating;

              if (m->state != SHUATI_CARD_NEW && m->due >= end)
                continue;

              now = MAX (now, m->due) + 5;
              if (m->state == SHUATI_CARD_NEW)
                {
                  double x = g_rand_double (rand);

                  rating = x < 0.2 ? SHUATI_RATING_AGAIN : x < 0.35 ? SHUATI_RATING_HARD :
                           x < 0.9 ? SHUATI_RATING_GOOD : SHUATI_RATING_EASY;
                }
              else
                {
                  GArray *h = history[c];
                  const ShuatiReviewRecord *prev = &g_array_index (h, ShuatiReviewRecord, h->len - 1);
                  gint32 days = (gint32)(now / DAY) - prev->day;
                  double elapsed = days >= 1 ? days : (double)(now - prev->reviewed_at) / DAY;
                  double s, d, r;

                  g_assert_true (shuati_optimizer_replay ((ShuatiReviewRecord *)(gpointer)h->data,
                                                          h->len, truth, &s, &d));
                  r = pow (1.0 + factor * elapsed / s, -truth[20]);
                  if (g_rand_double (rand) >= r)
                    rating = SHUATI_RATING_AGAIN;
                  else
                    {
                      double x = g_rand_double (rand);

                      rating = x < 0.1 ? SHUATI_RATING_HARD : x < 0.9 ? SHUATI_RATING_GOOD
                                                                      : SHUATI_RATING_EASY;
                    }
                }

              record.card = c;
              record.day = (gint32)(now / DAY);
              record.reviewed_at = now;
              record.rating = rating;
              record.state_before = m->state;
              g_array_append_val (history[c], record);
              shuati_scheduler_review (scheduler, m, rating, now, m, NULL);
              reviewed = TRUE;
            }
        }
    }

  for (guint c = 0; c < n_cards; c++)
    {
      g_array_append_vals (log, history[c]->data, history[c]->len);
      g_array_unref (history[c]);
    }
  g_free (history);
  return log;
}

static void
random_weights (GRand  *rand,
                double *w)
{
  double s0[4];

  for (guint g = 0; g < 4; g++)
    s0[g] = exp (g_rand_double_range (rand, log (0.3), log (20.0)));
  for (guint i = 0; i < 4; i++)
    for (guint j = i + 1; j < 4; j++)
      if (s0[j] < s0[i])
        {
          double tmp = s0[i];

          s0[i] = s0[j];
          s0[j] = tmp;
        }
  memcpy (w, s0, sizeof s0);
  for (guint j = 4; j < N_W; j++)
    w[j] = lower[j] + (upper[j] - lower[j]) * g_rand_double_range (rand, 0.1, 0.9);
}

static const ShuatiReviewRecord *
records (GArray *log)
{
  return (const ShuatiReviewRecord *)(gpointer)log->data;
}

/* Each component of the analytic gradient against a central finite
 * difference, at random parameters, over a simulated log that has
 * lapses, same-day steps and every rating. */
static void
test_gradient (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint trial = 0; trial < 4; trial++)
    {
      double w[N_W], grad[N_W];
      g_autoptr(GArray) log = NULL;
      guint n_labels = 0;
      double loss;

      random_weights (rand, w);
      log = simulate (w, 40, 4, 150, 100 + trial);
      /* The gradient at other weights than the ones that made the log */
      random_weights (rand, w);
      loss = shuati_optimizer_loss (records (log), log->len, w, G_MAXINT64, grad, &n_labels);
      g_assert_cmpuint (n_labels, >, 100);
      g_assert_true (isfinite (loss));

      for (guint j = 0; j < N_W; j++)
        {
          double h = 1e-6 * MAX (fabs (w[j]), 0.1);
          double plus[N_W], minus[N_W];
          double fd, scale;

          memcpy (plus, w, sizeof plus);
          memcpy (minus, w, sizeof minus);
          plus[j] += h;
          minus[j] -= h;
          fd = (shuati_optimizer_loss (records (log), log->len, plus, G_MAXINT64, NULL, NULL) -
                shuati_optimizer_loss (records (log), log->len, minus, G_MAXINT64, NULL, NULL)) / (2 * h);
          scale = MAX (fabs (fd), fabs (grad[j]));
          if (g_test_verbose ())
            g_test_message ("trial %u w%u = %g: analytic %.10g, finite difference %.10g",
                            trial, j, w[j], grad[j], fd);
          /* A component that barely moves the loss (w0 when no card was
           * first rated Again) is checked in absolute terms. */
          if (scale > 1e-6)
            g_assert_cmpfloat (fabs (grad[j] - fd) / scale, <=, 1e-4);
          else
            g_assert_cmpfloat (fabs (grad[j] - fd), <=, 1e-7);
        }
    }
}

static void
test_clip (void)
{
  const double *defaults = shuati_fsrs_get_default_weights ();
  double w[N_W];

  for (guint j = 0; j < N_W; j++)
    w[j] = (j % 2) ? upper[j] + 1.0 : lower[j] - 1.0;
  w[5] = NAN;
  shuati_optimizer_clip (w);
  for (guint j = 0; j < N_W; j++)
    {
      if (j == 5)
        g_assert_cmpfloat (w[j], ==, defaults[5]);
      else
        g_assert_cmpfloat (w[j], ==, (j % 2) ? upper[j] : lower[j]);
    }

  /* The defaults are within the bounds and stay as they are. */
  memcpy (w, defaults, sizeof w);
  shuati_optimizer_clip (w);
  g_assert_cmpmem (w, sizeof w, defaults, sizeof w);
}

/* Training keeps every weight within the bounds, even from weights that
 * start on them and data that push past them. */
static void
test_clip_training (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(ShuatiOptimizerResult) result = NULL;
  g_autoptr(GArray) log = NULL;
  double truth[N_W], start[N_W];

  random_weights (rand, truth);
  truth[20] = 0.8;
  truth[16] = 6.0;
  log = simulate (truth, 100, 5, 120, 11);
  memcpy (start, upper, sizeof start);
  result = shuati_optimizer_run (records (log), log->len, start, NULL, NULL, NULL, NULL);
  g_assert_true (result->fitted);
  for (guint j = 0; j < N_W; j++)
    {
      g_assert_cmpfloat (result->weights[j], >=, lower[j]);
      g_assert_cmpfloat (result->weights[j], <=, upper[j]);
    }
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_determinism (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(ShuatiOptimizerResult) a = NULL;
  g_autoptr(ShuatiOptimizerResult) b = NULL;
  g_autoptr(GArray) log = NULL;
  double truth[N_W];
  double last = 0;

  random_weights (rand, truth);
  log = simulate (truth, 150, 5, 150, 21);
  a = shuati_optimizer_run (records (log), log->len, NULL, count_progress, &last, NULL, NULL);
  b = shuati_optimizer_run (records (log), log->len, NULL, NULL, NULL, NULL, NULL);

  g_assert_true (a->fitted);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpmem (a->weights, sizeof a->weights, b->weights, sizeof b->weights);
  g_assert_cmpfloat (a->after.log_loss, ==, b->after.log_loss);
  g_assert_cmpuint (a->n_train + a->n_test, ==, a->n_usable);
  /* The held-out part is the latest fifth. */
  g_assert_cmpuint (a->n_test, >=, a->n_usable / 5);
  g_assert_cmpuint (a->n_test, <=, a->n_usable / 5 + 50);
  /* Training moved the weights. */
  g_assert_true (memcmp (a->weights, a->start, sizeof a->weights) != 0);
}

/* Cards first rated Good, reviewed once 1 to 10 days later, recalled
 * as a stability of 5 days predicts; a few cards first rated Hard, all
 * forgotten; none first rated Again or Easy. */
static void
test_initial_stability (void)
{
  const double *defaults = shuati_fsrs_get_default_weights ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  double factor = pow (0.9, -1.0 / defaults[20]) - 1.0;
  double s0[4];
  guint counts[4];
  guint card = 0;

  for (guint i = 0; i < 4000; i++, card++)
    {
      gint32 t = 1 + i % 10;
      double r = pow (1.0 + factor * t / 5.0, -defaults[20]);
      ShuatiReviewRecord first = { card, EPOCH_DAY, (gint64)EPOCH_DAY * DAY, SHUATI_RATING_GOOD, SHUATI_CARD_NEW };
      ShuatiReviewRecord later = { card, EPOCH_DAY + t, (gint64)(EPOCH_DAY + t) * DAY,
                                   g_rand_double (rand) < r ? SHUATI_RATING_GOOD : SHUATI_RATING_AGAIN,
                                   SHUATI_CARD_REVIEW };

      g_array_append_val (log, first);
      g_array_append_val (log, later);
    }
  for (guint i = 0; i < 3; i++, card++)
    {
      ShuatiReviewRecord first = { card, EPOCH_DAY, (gint64)EPOCH_DAY * DAY, SHUATI_RATING_HARD, SHUATI_CARD_NEW };
      ShuatiReviewRecord same_day = { card, EPOCH_DAY, (gint64)EPOCH_DAY * DAY + 600, SHUATI_RATING_GOOD, SHUATI_CARD_LEARNING };
      ShuatiReviewRecord later = { card, EPOCH_DAY + 3, (gint64)(EPOCH_DAY + 3) * DAY, SHUATI_RATING_AGAIN, SHUATI_CARD_REVIEW };

      g_array_append_val (log, first);
      g_array_append_val (log, same_day);
      g_array_append_val (log, later);
    }

  shuati_optimizer_fit_initial_stability (records (log), log->len, defaults, G_MAXINT64, s0, counts);
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], ==, 3);
  g_assert_cmpuint (counts[2], ==, 4000);
  g_assert_cmpuint (counts[3], ==, 0);

  g_assert_cmpfloat_with_epsilon (s0[2], 5.0, 0.5);
  /* Three lapses pull Hard down, but the smoothing keeps it near its default */
  g_assert_cmpfloat (s0[1], <, defaults[1]);
  g_assert_cmpfloat (s0[1], >, defaults[1] / 4);
  /* No data: the start value, kept in order */
  g_assert_cmpfloat (s0[0], ==, defaults[0]);
  g_assert_cmpfloat (s0[3], ==, defaults[3]);

  /* Only first intervals before @until count */
  shuati_optimizer_fit_initial_stability (records (log), log->len, defaults,
                                          (gint64)(EPOCH_DAY + 1) * DAY + 1, s0, counts);
  g_assert_cmpuint (counts[2], ==, 400);
  g_assert_cmpuint (counts[1], ==, 0);
}

/* Fewer than 8 usable reviews keep the start weights and say why;
 * cards without a first rating and reviews before a manual reset do not
 * count. */
static void
test_too_few (void)
{
  const double *defaults = shuati_fsrs_get_default_weights ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ShuatiReviewRecord));
  g_autoptr(ShuatiOptimizerResult) result = NULL;
  double start[N_W];

  memcpy (start, defaults, sizeof start);
  start[8] = 1.5;

  for (guint card = 0; card < 3; card++)
    for (gint32 k = 0; k < 3; k++)
      {
        ShuatiReviewRecord r = { card, EPOCH_DAY + k * 3, (gint64)(EPOCH_DAY + k * 3) * DAY,
                                 SHUATI_RATING_GOOD, k == 0 ? SHUATI_CARD_NEW : SHUATI_CARD_REVIEW };

        /* Card 2 was reset by hand (rating 0) after its first review and
         * has no first rating since: none of its reviews count. */
        if (card == 2 && k == 1)
          r.rating = 0;
        g_array_append_val (log, r);
      }
  /* History from before Shuati: no first rating */
  for (gint32 k = 0; k < 20; k++)
    {
      ShuatiReviewRecord r = { 3, EPOCH_DAY + k, (gint64)(EPOCH_DAY + k) * DAY,
                               SHUATI_RATING_GOOD, SHUATI_CARD_REVIEW };

      g_array_append_val (log, r);
    }

  result = shuati_optimizer_run (records (log), log->len, start, NULL, NULL, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_false (result->fitted);
  g_assert_false (result->better);
  g_assert_cmpuint (result->n_reviews, ==, 29);
  g_assert_cmpuint (result->n_cards, ==, 2);
  g_assert_cmpuint (result->n_usable, ==, 4);
  g_assert_nonnull (result->message);
  g_assert_nonnull (strstr (result->message, "4"));
  g_assert_cmpmem (result->weights, sizeof result->weights, start, sizeof start);

  /* An empty log */
  g_clear_pointer (&result, shuati_optimizer_result_free);
  result = shuati_optimizer_run (NULL, 0, NULL, NULL, NULL, NULL, NULL);
  g_assert_false (result->fitted);
  g_assert_cmpmem (result->weights, sizeof result->weights, defaults, sizeof start);
}

/* The optimiser's forward pass is the scheduler's: reference vector 3
 * of FSRS6.md (days elapsed since the previous review, so the reviews
 * fall on days 0, 0, 1, 4, 12, 33) and a same-day Good then Hard. */
static void
test_replay (void)
{
  const double *defaults = shuati_fsrs_get_default_weights ();
  static const guint8 ratings[] = { 1, 3, 3, 3, 3, 3 };
  static const gint32 days[] = { 0, 0, 1, 4, 12, 33 };
  ShuatiReviewRecord r[G_N_ELEMENTS (ratings)];
  double s, d;

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    r[i] = (ShuatiReviewRecord) { 0, EPOCH_DAY + days[i], (gint64)(EPOCH_DAY + days[i]) * DAY + i,
                                  ratings[i], i == 0 ? SHUATI_CARD_NEW : SHUATI_CARD_LEARNING };
  g_assert_true (shuati_optimizer_replay (r, G_N_ELEMENTS (r), defaults, &s, &d));
  g_assert_cmpfloat_with_epsilon (s, 53.62690, 1e-4);
  g_assert_cmpfloat_with_epsilon (d, 6.357487, 1e-4);

  r[0].rating = SHUATI_RATING_GOOD;
  r[1].rating = SHUATI_RATING_HARD;
  g_assert_true (shuati_optimizer_replay (r, 2, defaults, &s, &d));
  g_assert_cmpfloat_with_epsilon (s, 2.3065, 1e-9);
  g_assert_cmpfloat_with_epsilon (d, 4.752858488532556, 1e-9);

  r[0].rating = 0;
  g_assert_false (shuati_optimizer_replay (r, 2, defaults, &s, &d));
}

static void
test_parse (void)
{
  const double *defaults = shuati_fsrs_get_default_weights ();
  g_autofree char *text = shuati_optimizer_format_weights (defaults);
  g_autoptr(GError) error = NULL;
  double w[N_W];

  g_assert_true (shuati_optimizer_parse_weights (text, w, &error));
  g_assert_no_error (error);
  for (guint j = 0; j < N_W; j++)
    g_assert_cmpfloat_with_epsilon (w[j], defaults[j], 1e-4);

  /* As Anki's deck options show them */
  g_assert_true (shuati_optimizer_parse_weights ("0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, "
                                                 "3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, "
                                                 "0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, "
                                                 "0.0912, 0.0658, 0.1542\n", w, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (w, sizeof w, defaults, sizeof w);

  /* FSRS-5's 19 weights */
  g_assert_false (shuati_optimizer_parse_weights ("0.40255, 1.18385, 3.173, 15.69105, 7.1949, "
                                                  "0.5345, 1.4604, 0.0046, 1.54575, 0.1192, "
                                                  "1.01925, 1.9395, 0.11, 0.29605, 2.2698, "
                                                  "0.2315, 2.9898, 0.51655, 0.6621", w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "19"));
  g_clear_error (&error);

  g_assert_false (shuati_optimizer_parse_weights ("0.212, 1.2931, x", w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "x"));
  g_clear_error (&error);

  /* Decay out of bounds */
  g_assert_false (shuati_optimizer_parse_weights ("0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, "
                                                  "3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, "
                                                  "0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, "
                                                  "0.0912, 0.0658, 0.95", w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "20"));
  g_clear_error (&error);

  g_assert_false (shuati_optimizer_parse_weights ("", w, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Learners with random true weights review for a year; the fitted
 * weights predict their latest reviews about as well as the truth and
 * better than the defaults. */
static void
test_recovery (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  for (guint learner = 0; learner < 3; learner++)
    {
      g_autoptr(ShuatiOptimizerResult) result = NULL;
      g_autoptr(GArray) log = NULL;
      ShuatiFsrsMetrics truth_metrics, default_metrics;
      double truth[N_W];

      random_weights (rand, truth);
      log = simulate (truth, 8000, 40, 365, 1000 + learner);
      result = shuati_optimizer_run (records (log), log->len, NULL, NULL, NULL, NULL, NULL);
      g_assert_true (result->fitted);
      g_assert_true (shuati_optimizer_evaluate (records (log), log->len, truth,
                                                result->held_out_from, G_MAXINT64, &truth_metrics));
      g_assert_true (shuati_optimizer_evaluate (records (log), log->len,
                                                shuati_fsrs_get_default_weights (),
                                                result->held_out_from, G_MAXINT64, &default_metrics));
      g_test_message ("learner %u: %u reviews, %u held out; log loss truth %.4f fitted %.4f "
                      "defaults %.4f; RMSE truth %.4f fitted %.4f defaults %.4f",
                      learner, result->n_reviews, result->n_test,
                      truth_metrics.log_loss, result->after.log_loss, default_metrics.log_loss,
                      truth_metrics.rmse_bins, result->after.rmse_bins, default_metrics.rmse_bins);

      if (g_test_verbose ())
        for (guint j = 0; j < N_W; j++)
          g_test_message ("w%u truth %.4f fitted %.4f", j, truth[j], result->weights[j]);
      g_assert_cmpuint (truth_metrics.n_reviews, ==, result->n_test);
      g_assert_cmpfloat (result->before.log_loss, ==, default_metrics.log_loss);
      g_assert_cmpfloat (result->after.log_loss, <=, 1.01 * truth_metrics.log_loss);
      g_assert_cmpfloat (result->after.log_loss, <, 0.98 * default_metrics.log_loss);
      g_assert_true (result->better);
    }
}

/* The health check: quiet for a learner who grades as always, raised
 * when the latest month's grades stop following memory (a coin flip). */
static void
test_health_check (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  g_autoptr(ShuatiOptimizerResult) steady = NULL;
  g_autoptr(ShuatiOptimizerResult) erratic = NULL;
  g_autoptr(GArray) log = NULL;
  ShuatiReviewRecord *r;
  double truth[N_W];
  gint64 last = 0;

  random_weights (rand, truth);
  log = simulate (truth, 1500, 10, 365, 55);
  steady = shuati_optimizer_run (records (log), log->len, NULL, NULL, NULL, NULL, NULL);
  g_assert_true (steady->fitted);
  g_assert_false (steady->inconsistent);
  g_assert_cmpfloat (steady->recent_log_loss, >, 0);
  g_assert_cmpfloat (steady->earlier_log_loss, >, 0);

  r = (ShuatiReviewRecord *)(gpointer)log->data;
  for (guint i = 0; i < log->len; i++)
    last = MAX (last, r[i].reviewed_at);
  for (guint i = 1; i < log->len; i++)
    if (r[i].card == r[i - 1].card && r[i].reviewed_at >= last - 30 * DAY)
      r[i].rating = g_rand_boolean (rand) ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD;

  erratic = shuati_optimizer_run (records (log), log->len, NULL, NULL, NULL, NULL, NULL);
  g_assert_true (erratic->fitted);
  g_assert_true (erratic->inconsistent);
  g_assert_cmpfloat (erratic->recent_log_loss, >, 1.3 * erratic->earlier_log_loss);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static void
test_async (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GArray) log = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(ShuatiOptimizerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double truth[N_W];
  guint calls = 0;

  random_weights (rand, truth);
  log = simulate (truth, 100, 5, 100, 31);

  shuati_optimizer_run_async (log, NULL, record_progress, &calls, NULL, on_run_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = shuati_optimizer_run_finish (res, &error);
  g_assert_no_error (error);
  g_assert_true (result->fitted);
  /* Progress reaches the caller's thread while the run goes on */
  g_assert_cmpuint (calls, >, 0);
  g_clear_object (&res);

  /* Cancelled: no result, the cancellation as the error */
  g_cancellable_cancel (cancellable);
  shuati_optimizer_run_async (log, NULL, NULL, NULL, cancellable, on_run_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (shuati_optimizer_run_finish (res, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The log as the store keeps it: per card in time order, local days. */
static void
test_store_log (void)
{
  g_autofree char *dir = shuati_test_make_dir ("optimizer");
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(GError) error = NULL;
  const ShuatiReviewRecord *r;
  gint64 t0 = (gint64)EPOCH_DAY * DAY + 10 * 3600;

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);

  /* Card b reviewed before card a; a's second review two days later */
  shuati_store_review_card (store, "deck", "b", scheduler, SHUATI_RATING_EASY, t0, 100, NULL, NULL, &error);
  g_assert_no_error (error);
  shuati_store_review_card (store, "deck", "a", scheduler, SHUATI_RATING_GOOD, t0 + 60, 100, NULL, NULL, &error);
  g_assert_no_error (error);
  shuati_store_review_card (store, "deck", "a", scheduler, SHUATI_RATING_AGAIN, t0 + 2 * DAY, 100, NULL, NULL, &error);
  g_assert_no_error (error);
  shuati_store_review_card (store, "other", "a", scheduler, SHUATI_RATING_HARD, t0, 100, NULL, NULL, &error);
  g_assert_no_error (error);

  log = shuati_optimizer_load_log (store, "deck", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 3);
  r = records (log);
  g_assert_cmpuint (r[0].card, ==, r[1].card);
  g_assert_cmpuint (r[0].card, !=, r[2].card);
  g_assert_cmpint (r[0].rating, ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (r[0].state_before, ==, SHUATI_CARD_NEW);
  g_assert_cmpint (r[1].rating, ==, SHUATI_RATING_AGAIN);
  g_assert_cmpint (r[1].day - r[0].day, ==, 2);
  g_assert_cmpint (r[1].day, ==, shuati_optimizer_day_number (t0 + 2 * DAY));
  g_assert_cmpint (r[2].rating, ==, SHUATI_RATING_EASY);
  g_clear_pointer (&log, g_array_unref);

  log = shuati_optimizer_load_log (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 4);

  g_clear_object (&store);
  shuati_test_remove_tree (dir);
}

/* New weights recompute memory and due dates of the cards in review
 * from their history, in one go; the old weights bring them back. */
static void
test_reschedule (void)
{
  g_autofree char *dir = shuati_test_make_dir ("optimizer-reschedule");
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = (gint64)EPOCH_DAY * DAY + 10 * 3600;
  ShuatiMemory recorded[5], first[5], changed[5], back[5], learning;
  double other[N_W];
  guint n_changed = 0;

  shuati_scheduler_set_fuzz (scheduler, FALSE);
  store = shuati_store_new (path, &error);
  g_assert_no_error (error);

  for (guint c = 0; c < 5; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);
      static const int days[] = { 0, 1, 4, 12 };

      for (guint k = 0; k < G_N_ELEMENTS (days); k++)
        {
          shuati_store_review_card (store, "deck", id, scheduler,
                                    (c + k) % 4 == 3 ? SHUATI_RATING_HARD : SHUATI_RATING_GOOD,
                                    t0 + days[k] * DAY + c, 100, NULL, &recorded[c], &error);
          g_assert_no_error (error);
        }
      g_assert_cmpint (recorded[c].state, ==, SHUATI_CARD_REVIEW);
    }
  shuati_store_review_card (store, "deck", "learning", scheduler, SHUATI_RATING_AGAIN, t0, 100,
                            NULL, &learning, &error);
  g_assert_no_error (error);

  g_assert_true (shuati_optimizer_reschedule (store, scheduler, NULL, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 5);
  for (guint c = 0; c < 5; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      g_assert_true (shuati_store_get_memory (store, "deck", id, &first[c], NULL));
      /* The same weights give the memory the reviews gave */
      g_assert_cmpfloat_with_epsilon (first[c].stability, recorded[c].stability, 1e-9);
      g_assert_cmpfloat_with_epsilon (first[c].difficulty, recorded[c].difficulty, 1e-9);
      g_assert_cmpint (first[c].due, ==, first[c].last_review +
                       shuati_scheduler_get_interval_days (scheduler, first[c].stability) * DAY);
    }

  memcpy (other, shuati_fsrs_get_default_weights (), sizeof other);
  other[8] = 2.5;
  other[20] = 0.4;
  g_assert_true (shuati_scheduler_set_weights (scheduler, other, N_W));
  g_assert_true (shuati_optimizer_reschedule (store, scheduler, "deck", &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 5);
  for (guint c = 0; c < 5; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      g_assert_true (shuati_store_get_memory (store, "deck", id, &changed[c], NULL));
      g_assert_cmpfloat (changed[c].stability, >, first[c].stability);
      g_assert_cmpint (changed[c].due, >, first[c].due);
      g_assert_cmpint (changed[c].last_review, ==, first[c].last_review);
    }

  /* Revert */
  g_assert_true (shuati_scheduler_set_weights (scheduler, shuati_fsrs_get_default_weights (), N_W));
  g_assert_true (shuati_optimizer_reschedule (store, scheduler, NULL, NULL, &error));
  for (guint c = 0; c < 5; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      g_assert_true (shuati_store_get_memory (store, "deck", id, &back[c], NULL));
      g_assert_cmpmem (&back[c], sizeof back[c], &first[c], sizeof first[c]);
    }

  /* Cards still learning keep their steps */
  {
    ShuatiMemory now;

    g_assert_true (shuati_store_get_memory (store, "deck", "learning", &now, NULL));
    g_assert_cmpmem (&now, sizeof now, &learning, sizeof learning);
  }

  /* Another deck: nothing to do */
  g_assert_true (shuati_optimizer_reschedule (store, scheduler, "none", &n_changed, &error));
  g_assert_cmpuint (n_changed, ==, 0);

  g_clear_object (&store);
  shuati_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/optimizer/gradient", test_gradient);
  g_test_add_func ("/shuati/optimizer/clip", test_clip);
  g_test_add_func ("/shuati/optimizer/clip-training", test_clip_training);
  g_test_add_func ("/shuati/optimizer/determinism", test_determinism);
  g_test_add_func ("/shuati/optimizer/initial-stability", test_initial_stability);
  g_test_add_func ("/shuati/optimizer/too-few", test_too_few);
  g_test_add_func ("/shuati/optimizer/replay", test_replay);
  g_test_add_func ("/shuati/optimizer/parse", test_parse);
  g_test_add_func ("/shuati/optimizer/recovery", test_recovery);
  g_test_add_func ("/shuati/optimizer/health-check", test_health_check);
  g_test_add_func ("/shuati/optimizer/async", test_async);
  g_test_add_func ("/shuati/optimizer/store-log", test_store_log);
  g_test_add_func ("/shuati/optimizer/reschedule", test_reschedule);

  return g_test_run ();
}
