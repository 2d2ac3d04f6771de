/* bench-planner.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning toward an interview date: 10,000 cards over 60 days, a third
 * of them already studied, as after each session.
 */

#include "config.h"

#include "shuati-planner.h"
#include "bench.h"

#define DAY 86400
#define N_CARDS 10000
#define N_DAYS 60
#define N_RUNS 5

static ShuatiMemory *
make_cards (gint64 now,
            guint  n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  ShuatiMemory *cards = g_new0 (ShuatiMemory, n);

  for (guint i = 0; i < n; i++)
    if (g_rand_double (rand) < 1.0 / 3)
      cards[i] = (ShuatiMemory) {
        SHUATI_CARD_REVIEW, 0, g_rand_double_range (rand, 1.0, 120.0),
        g_rand_double_range (rand, 1.0, 10.0), now + g_rand_int_range (rand, -5 * DAY, 40 * DAY),
        now - g_rand_int_range (rand, DAY, 60 * DAY), (guint)g_rand_int_range (rand, 1, 12),
        (guint)g_rand_int_range (rand, 0, 4),
      };

  return cards;
}

void
bench_planner (const BenchContext *ctx)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree ShuatiMemory *cards = make_cards (now, N_CARDS);
  ShuatiPlanSettings settings = { now, now + N_DAYS * DAY, 0.9, 0 };
  ShuatiPlanSettings busy = { now, now + N_DAYS * DAY, 0.9, 150 };
  double times[N_RUNS];
  double infeasible[N_RUNS];
  double median;
  double median_infeasible;
  g_autofree char *target = g_strdup ("≤ 300 ms");
  guint peak = 0;
  double mean = 0;
  gboolean feasible = FALSE;

  for (guint r = 0; r < N_RUNS; r++)
    {
      double start = bench_now_ms ();
      g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, cards, N_CARDS, &settings);

      times[r] = bench_now_ms () - start;
      peak = plan->peak_load;
      mean = plan->mean_load;
      feasible = plan->feasible;
    }
  for (guint r = 0; r < N_RUNS; r++)
    {
      double start = bench_now_ms ();
      g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, cards, N_CARDS, &busy);

      infeasible[r] = bench_now_ms () - start;
    }

  median = bench_median (times, N_RUNS);
  median_infeasible = bench_median (infeasible, N_RUNS);
  bench_print ("plan", "%u cards over %u days, %s; peak %u a day, mean %.0f",
               N_CARDS, N_DAYS, feasible ? "feasible" : "not feasible", peak, mean);
  bench_print ("plan (median)", "%.1f ms", median);
  bench_verdict ("plan 10,000 cards over 60 days", median <= 300.0, target);
  bench_print ("plan too much, with date and set search", "%.1f ms (no target)", median_infeasible);
}
