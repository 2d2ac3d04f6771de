/* bench-optimizer.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fitting the FSRS-6 weights to a review log of 100,000 reviews of
 * 10,000 cards: the time it takes and the memory it needs beyond the log.
 */

#include "config.h"

#include <math.h>
#include <unistd.h>

#include "shuati-optimizer.h"
#include "bench.h"

#define DAY 86400
#define N_CARDS 10000
#define REVIEWS_PER_CARD 10
#define N_RUNS 3

/* Each card: a first rating, then nine reviews on or a few days after
 * the day the default scheduler set, recalled as its retrievability
 * says; a quarter of the cards also get a same-day learning step. */
static GArray *
make_log (void)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  GArray *log = g_array_sized_new (FALSE, FALSE, sizeof (ShuatiReviewRecord),
                                   N_CARDS * REVIEWS_PER_CARD);
  gint64 t0 = (gint64)20000 * DAY + 9 * 3600;

  shuati_scheduler_set_fuzz_seed (scheduler, 2026);
  for (guint c = 0; c < N_CARDS; c++)
    {
      ShuatiMemory m = { 0 };
      gint64 now = t0 + (gint64)(c / 40) * DAY + c % 40 * 30;

      for (guint k = 0; k < REVIEWS_PER_CARD; k++)
        {
          ShuatiReviewRecord r = { 0 };
          ShuatiRating rating;

          if (k > 0)
            {
              gint64 late = m.state == SHUATI_CARD_REVIEW ? g_rand_int_range (rand, 0, 3) * DAY : 0;

              now = MAX (m.due + late, now + 60);
            }

          if (m.state == SHUATI_CARD_NEW)
            rating = 1 + g_rand_int_range (rand, 0, 4);
          else
            {
              double r_now = shuati_fsrs_retrievability ((double)(now - m.last_review) / DAY, m.stability);

              rating = g_rand_double (rand) < r_now ? SHUATI_RATING_GOOD : SHUATI_RATING_AGAIN;
              if (rating == SHUATI_RATING_GOOD && g_rand_double (rand) < 0.15)
                rating = g_rand_boolean (rand) ? SHUATI_RATING_HARD : SHUATI_RATING_EASY;
            }

          r.card = c;
          r.day = (gint32)(now / DAY);
          r.reviewed_at = now;
          r.rating = rating;
          r.state_before = m.state;
          g_array_append_val (log, r);
          shuati_scheduler_review (scheduler, &m, rating, now, &m, NULL);
        }
    }

  return log;
}

static void
run_optimizer (const BenchContext *ctx,
               int                 fd)
{
  g_autoptr(GArray) log = make_log ();
  double results[4];
  gsize before;
  double start;

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ShuatiOptimizerResult) result = NULL;

      bench_reset_peak_rss ();
      before = bench_rss_kib ();
      start = bench_now_ms ();
      result = shuati_optimizer_run ((const ShuatiReviewRecord *)(gpointer)log->data, log->len,
                                     NULL, NULL, NULL, NULL, NULL);
      results[i] = bench_now_ms () - start;
      if (i == 0)
        results[3] = (double)(bench_peak_rss_kib () - before);
      if (!result->fitted)
        _exit (3);
    }

  bench_child_report (fd, results, G_N_ELEMENTS (results));
}

void
bench_optimizer (const BenchContext *ctx)
{
  double results[4];
  double ms, mib;

  g_print ("optimizer: %u reviews of %u cards\n", N_CARDS * REVIEWS_PER_CARD, N_CARDS);
  if (!bench_in_child (run_optimizer, ctx, results, G_N_ELEMENTS (results)))
    {
      bench_verdict ("optimiser ran", FALSE, "a result");
      return;
    }

  ms = bench_median (results, N_RUNS);
  mib = results[3] / 1024.0;
  bench_print ("fit 21 weights, median of 3", "%.0f ms", ms);
  bench_verdict ("fit time", ms <= 5000, "≤ 5000 ms");
  bench_print ("peak memory beyond the log", "%.1f MiB", mib);
  bench_verdict ("fit memory", mib <= 100, "≤ 100 MiB");
}
