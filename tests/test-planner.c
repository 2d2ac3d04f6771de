/* test-planner.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "shuati-planner.h"

#define DAY 86400
/* 2026-01-10 09:00 UTC; the tests run with TZ=UTC. */
#define NOW ((gint64)1767225600 + 9 * DAY + 9 * 3600)

static ShuatiScheduler *
new_scheduler (void)
{
  ShuatiScheduler *scheduler = shuati_scheduler_new ();

  /* Fuzz is the learner's; the plan must not depend on it. */
  shuati_scheduler_set_fuzz (scheduler, TRUE);
  return scheduler;
}

static guint
sum (const guint *values,
     guint        n)
{
  guint total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

static void
assert_spread (const ShuatiPlan *plan)
{
  double mean = 0.0;

  for (guint t = 0; t < plan->n_days; t++)
    mean += plan->load_per_day[t];
  mean /= plan->n_days;
  g_assert_cmpfloat_with_epsilon (mean, plan->mean_load, 1.0);
  for (guint t = 0; t < plan->n_days; t++)
    g_assert_cmpuint (plan->load_per_day[t], <=, ceil (SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load) + 1);
}

static void
test_feasible (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, 100);
  ShuatiPlanSettings settings = { NOW, NOW + 30 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, cards, 100, &settings);

  g_assert_true (plan->feasible);
  g_assert_cmpuint (plan->n_days, ==, 30);
  g_assert_cmpuint (plan->n_cards, ==, 100);
  g_assert_cmpuint (plan->n_not_started, ==, 100);
  /* Every card starts, in time for three reviews. */
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, 100);
  g_assert_cmpuint (plan->min_reviews, >=, SHUATI_PLAN_MIN_REVIEWS);
  g_assert_cmpuint (shuati_plan_get_new_today (plan), >, 0);
  for (guint t = plan->n_days - 2; t < plan->n_days; t++)
    g_assert_cmpuint (plan->new_per_day[t], ==, 0);
  assert_spread (plan);
  /* Nothing is known now; the plan gets most of it back by the day. */
  g_assert_cmpfloat (plan->recall_now, ==, 0.0);
  g_assert_cmpfloat (plan->recall_planned, >, 0.85);
  g_assert_cmpfloat (plan->recall_planned, <=, 1.0);

  /* The same plan every time, fuzz or not. */
  {
    g_autoptr(ShuatiPlan) again = shuati_plan_compute (scheduler, cards, 100, &settings);

    for (guint t = 0; t < plan->n_days; t++)
      g_assert_cmpuint (again->new_per_day[t], ==, plan->new_per_day[t]);
  }
}

static void
test_infeasible (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, 1000);
  ShuatiPlanSettings tomorrow = { NOW, NOW + DAY, 0, 0 };
  ShuatiPlanSettings busy = { NOW, NOW + 20 * DAY, 0, 60 };
  g_autoptr(ShuatiPlan) plan = NULL;
  g_autoptr(ShuatiPlan) later = NULL;
  g_autoptr(ShuatiPlan) fewer = NULL;

  /* One day is too short for three reviews of anything. */
  plan = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->feasible_cards, ==, 0);
  g_assert_cmpuint (plan->feasible_days, >, 1);
  tomorrow.date = NOW + plan->feasible_days * DAY;
  later = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_true (later->feasible);
  /* And it is the earliest. */
  tomorrow.date = NOW + (plan->feasible_days - 1) * DAY;
  g_clear_pointer (&later, shuati_plan_free);
  later = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_false (later->feasible);
  g_clear_pointer (&plan, shuati_plan_free);
  g_clear_pointer (&later, shuati_plan_free);

  /* A thousand cards in twenty days at sixty a day do not fit: a later
   * date or fewer cards do. */
  plan = shuati_plan_compute (scheduler, cards, 1000, &busy);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->feasible_cards, >, 0);
  g_assert_cmpuint (plan->feasible_cards, <, 1000);
  g_assert_cmpuint (plan->feasible_days, >, 20);
  fewer = shuati_plan_compute (scheduler, cards, plan->feasible_cards, &busy);
  g_assert_true (fewer->feasible);
  g_assert_cmpuint (fewer->peak_load, <=, 60);
  g_clear_pointer (&fewer, shuati_plan_free);
  fewer = shuati_plan_compute (scheduler, cards, plan->feasible_cards + 1, &busy);
  g_assert_false (fewer->feasible);
  busy.date = NOW + plan->feasible_days * DAY;
  later = shuati_plan_compute (scheduler, cards, 1000, &busy);
  g_assert_true (later->feasible);
}

static void
test_cap_before_date (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  /* Known well, last seen ten days ago, next due in ninety days. */
  ShuatiMemory known = { SHUATI_CARD_REVIEW, 0, 100.0, 5.0, NOW + 90 * DAY, NOW - 10 * DAY, 6, 0 };
  ShuatiPlanSettings settings = { NOW, NOW + 20 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, &known, 1, &settings);
  guint seen_on = G_MAXUINT;

  g_assert_true (plan->feasible);
  g_assert_cmpuint (sum (plan->load_per_day, plan->n_days), ==, 1);
  for (guint t = 0; t < plan->n_days; t++)
    if (plan->load_per_day[t] > 0)
      seen_on = t;
  /* Seen once, in the last days before the date, not at its due date. */
  g_assert_cmpuint (seen_on, >=, plan->n_days - 3);
  g_assert_cmpuint (seen_on, <, plan->n_days);
  g_assert_cmpfloat (plan->recall_planned, >, plan->recall_now);
  g_assert_cmpfloat (plan->recall_now, >, 0.8);
}

static void
test_load_spreading (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  guint n = 600;
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, n);
  ShuatiPlanSettings settings = { NOW, NOW + 40 * DAY, 0.9, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;
  guint last_days = 0;

  /* A third already studied, due all over the coming weeks. */
  for (guint i = 0; i < n / 3; i++)
    cards[i] = (ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 5.0 + i % 30, 5.0, NOW + (i % 25) * DAY,
                                NOW - (i % 7) * DAY, 3, i % 3 };

  plan = shuati_plan_compute (scheduler, cards, n, &settings);
  g_assert_true (plan->feasible);
  g_assert_cmpuint (plan->n_not_started, ==, n - n / 3);
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, n - n / 3);
  assert_spread (plan);
  g_assert_cmpuint (plan->peak_load, <=, ceil (SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load));
  /* No pile-up on the last days. */
  for (guint t = plan->n_days - 3; t < plan->n_days; t++)
    last_days += plan->load_per_day[t];
  g_assert_cmpuint (last_days, <=, 3 * SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load);
}

static void
test_finished_early (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  ShuatiMemory cards[40] = { 0 };
  ShuatiPlanSettings settings = { NOW, NOW + 60 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;
  g_autoptr(ShuatiPlan) done = NULL;
  guint last_new = 0;

  /* Few cards, much time: a card or two a day, all started well before
   * the last days, the rest of the time reviews only. */
  plan = shuati_plan_compute (scheduler, cards, 40, &settings);
  g_assert_true (plan->feasible);
  for (guint t = 0; t < plan->n_days; t++)
    {
      g_assert_cmpuint (plan->new_per_day[t], <=, 2);
      if (plan->new_per_day[t] > 0)
        last_new = t;
    }
  g_assert_cmpuint (last_new, <, plan->n_days - 10);
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, 40);

  /* Everything learnt already: nothing new, little to do, high recall. */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    cards[i] = (ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 400.0, 3.0, NOW + 300 * DAY, NOW - DAY, 8, 0 };
  done = shuati_plan_compute (scheduler, cards, 40, &settings);
  g_assert_true (done->feasible);
  g_assert_cmpuint (done->n_not_started, ==, 0);
  g_assert_cmpuint (sum (done->new_per_day, done->n_days), ==, 0);
  g_assert_cmpuint (shuati_plan_get_load_today (done), ==, 0);
  g_assert_cmpuint (sum (done->load_per_day, done->n_days), ==, 40);
  g_assert_cmpfloat (done->recall_now, >, 0.9);
}

static void
test_days (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  ShuatiMemory card = { 0 };
  ShuatiPlanSettings past = { NOW, NOW - 3 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;

  g_assert_cmpint (shuati_plan_days_between (NOW, NOW + 12 * DAY - 8 * 3600), ==, 12);
  g_assert_cmpint (shuati_plan_days_between (NOW, NOW), ==, 0);
  g_assert_cmpint (shuati_plan_days_between (NOW, NOW - DAY), ==, -1);

  /* A date gone by plans nothing. */
  plan = shuati_plan_compute (scheduler, &card, 1, &past);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->n_days, ==, 0);
  g_assert_cmpuint (shuati_plan_get_new_today (plan), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/planner/feasible", test_feasible);
  g_test_add_func ("/shuati/planner/infeasible", test_infeasible);
  g_test_add_func ("/shuati/planner/cap-before-date", test_cap_before_date);
  g_test_add_func ("/shuati/planner/load-spreading", test_load_spreading);
  g_test_add_func ("/shuati/planner/finished-early", test_finished_early);
  g_test_add_func ("/shuati/planner/days", test_days);

  return g_test_run ();
}
