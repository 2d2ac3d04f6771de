/* test-fsrs.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "shuati-fsrs.h"

#define DAY 86400
#define T0 ((gint64)1767225600)   /* 2026-01-01 00:00:00 UTC */

static ShuatiScheduler *
plain_scheduler (void)
{
  ShuatiScheduler *sched = shuati_scheduler_new ();

  shuati_scheduler_set_fuzz (sched, FALSE);
  return sched;
}

static void
test_first_rating (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  static const struct {
    ShuatiRating    rating;
    double          s;
    double          d;
    ShuatiCardState state;
    guint           step;
    gint64          interval;
  } expected[] = {
    { SHUATI_RATING_AGAIN, 0.212, 6.4133, SHUATI_CARD_LEARNING, 0, 60 },
    { SHUATI_RATING_HARD, 1.2931, 5.112170705601055, SHUATI_CARD_LEARNING, 0, 330 },
    { SHUATI_RATING_GOOD, 2.3065, 2.118103970459015, SHUATI_CARD_LEARNING, 1, 600 },
    { SHUATI_RATING_EASY, 8.2956, 1.0, SHUATI_CARD_REVIEW, 0, 8 * DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ShuatiMemory card = { 0 };
      ShuatiMemory after;
      ShuatiReviewInfo info;

      shuati_scheduler_review (sched, &card, expected[i].rating, T0, &after, &info);
      g_assert_cmpfloat_with_epsilon (after.stability, expected[i].s, 1e-9);
      g_assert_cmpfloat_with_epsilon (after.difficulty, expected[i].d, 1e-9);
      g_assert_cmpint (after.state, ==, expected[i].state);
      g_assert_cmpuint (after.step, ==, expected[i].step);
      g_assert_cmpint (after.due, ==, T0 + expected[i].interval);
      g_assert_cmpint (info.interval_seconds, ==, expected[i].interval);
      g_assert_cmpfloat (info.elapsed_days, ==, 0.0);
      g_assert_cmpint (after.last_review, ==, T0);
      g_assert_cmpuint (after.reps, ==, 1);
      g_assert_cmpuint (after.lapses, ==, 0);
    }
}

static void
test_intervals_on_due (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  static const ShuatiRating ratings[] = { 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3 };
  static const gint64 expected_days[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
  ShuatiMemory card = { 0 };
  gint64 now = T0;

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      ShuatiReviewInfo info;

      shuati_scheduler_review (sched, &card, ratings[i], now, &card, &info);
      if (expected_days[i] == 0)
        {
          g_assert_true (card.state == SHUATI_CARD_LEARNING || card.state == SHUATI_CARD_RELEARNING);
          g_assert_cmpint (info.interval_seconds, <, DAY);
        }
      else
        {
          g_assert_cmpint (card.state, ==, SHUATI_CARD_REVIEW);
          g_assert_cmpint (info.interval_seconds, ==, expected_days[i] * DAY);
          g_assert_cmpfloat (info.scheduled_days, ==, (double)expected_days[i]);
        }
      now = card.due;
    }
  g_assert_cmpuint (card.reps, ==, G_N_ELEMENTS (ratings));
  g_assert_cmpuint (card.lapses, ==, 1);
}

static void
test_memory_after_days (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  static const ShuatiRating ratings[] = { 1, 3, 3, 3, 3, 3 };
  /* As fsrs-rs states this vector: days elapsed since the previous
   * review (its delta_t), so the reviews fall on days 0, 0, 1, 4, 12, 33. */
  static const gint64 delta_days[] = { 0, 0, 1, 3, 8, 21 };
  ShuatiMemory card = { 0 };
  gint64 now = T0;

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      now += delta_days[i] * DAY;
      shuati_scheduler_review (sched, &card, ratings[i], now, &card, NULL);
    }

  g_assert_cmpfloat_with_epsilon (card.stability, 53.62690, 1e-4);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 6.357487, 1e-4);
}

static void
test_retrievability (void)
{
  static const double t[] = { 0, 1, 5, 10, 20, 50, 100 };
  static const double r[] = { 1.0, 0.985682, 0.940344, 0.9, 0.845885, 0.760528, 0.692827 };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    g_assert_cmpfloat_with_epsilon (shuati_fsrs_retrievability (t[i], 10.0), r[i], 1e-6);
}

static void
test_same_day_hard (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = { 0 };
  ShuatiReviewInfo info;

  shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, T0, &card, NULL);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_HARD, T0 + 600, &card, &info);

  g_assert_cmpfloat_with_epsilon (card.stability, 2.3065, 1e-9);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 4.752858488532556, 1e-9);
  /* Hard at the second of two steps repeats that step. */
  g_assert_cmpint (card.state, ==, SHUATI_CARD_LEARNING);
  g_assert_cmpuint (card.step, ==, 1);
  g_assert_cmpint (info.interval_seconds, ==, 600);
}

/* A review card made by answering Good on time a few times. */
static ShuatiMemory
review_card (ShuatiScheduler *sched,
             guint            n_goods)
{
  ShuatiMemory card = { 0 };
  gint64 now = T0;

  for (guint i = 0; i < n_goods; i++)
    {
      shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, now, &card, NULL);
      now = card.due;
    }
  g_assert_cmpint (card.state, ==, SHUATI_CARD_REVIEW);
  return card;
}

static void
test_rating_order (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint n = 2; n < 8; n++)
    {
      ShuatiMemory card = review_card (sched, n);

      for (guint k = 0; k < 20; k++)
        {
          gint64 now = card.last_review + (gint64)(g_rand_double (rand) * 3 * (card.due - card.last_review));
          gint64 intervals[4];

          shuati_scheduler_preview (sched, &card, now, intervals);
          g_assert_cmpint (intervals[0], <=, intervals[1]);
          g_assert_cmpint (intervals[1], <=, intervals[2]);
          g_assert_cmpint (intervals[2], <=, intervals[3]);
          /* Again relearns in minutes; the others are whole days. */
          g_assert_cmpint (intervals[0], ==, 600);
          g_assert_cmpint (intervals[1] % DAY, ==, 0);

          for (ShuatiRating r = SHUATI_RATING_AGAIN; r <= SHUATI_RATING_EASY; r++)
            {
              ShuatiMemory after;
              ShuatiReviewInfo info;

              shuati_scheduler_review (sched, &card, r, now, &after, &info);
              g_assert_cmpint (info.interval_seconds, ==, intervals[r - 1]);
            }
        }
    }
}

/* Asserts that the day-scale intervals among @intervals rise strictly,
 * up to the maximum interval, which none passes. */
static void
assert_days_strictly_ordered (const gint64 intervals[4],
                              guint        maximum)
{
  gint64 previous = -1;

  for (guint i = 0; i < 4; i++)
    {
      if (intervals[i] % DAY != 0)
        continue;
      g_assert_cmpint (intervals[i], <=, maximum * (gint64)DAY);
      if (previous >= 0 && intervals[i] < maximum * (gint64)DAY)
        g_assert_cmpint (intervals[i], >=, previous + DAY);
      previous = intervals[i];
    }
}

/* A learning card at its last step, reviewed early after an Again:
 * Good and Easy both graduate it with a stability well under a day, which
 * used to show "1 d" on both buttons. */
static void
test_strict_order_learning_early (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = { 0 };
  gint64 intervals[4];

  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, T0, &card, NULL);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, T0 + 60, &card, NULL);
  g_assert_cmpint (card.state, ==, SHUATI_CARD_LEARNING);
  g_assert_cmpuint (card.step, ==, 1);

  /* Five minutes early for its ten-minute step. */
  shuati_scheduler_preview (sched, &card, T0 + 360, intervals);
  g_assert_cmpint (intervals[0], ==, 60);
  g_assert_cmpint (intervals[1], ==, 600);
  g_assert_cmpint (intervals[2], ==, DAY);
  g_assert_cmpint (intervals[3], ==, 2 * DAY);

  /* The review gives what the preview showed, and the same with fuzz on,
   * which never pulls Easy back down to Good. */
  for (ShuatiRating r = SHUATI_RATING_AGAIN; r <= SHUATI_RATING_EASY; r++)
    {
      ShuatiReviewInfo info;
      ShuatiMemory after;

      shuati_scheduler_review (sched, &card, r, T0 + 360, &after, &info);
      g_assert_cmpint (info.interval_seconds, ==, intervals[r - 1]);
    }
  shuati_scheduler_set_fuzz (sched, TRUE);
  for (guint32 seed = 0; seed < 50; seed++)
    {
      ShuatiReviewInfo info;
      ShuatiMemory after;

      shuati_scheduler_set_fuzz_seed (sched, seed);
      shuati_scheduler_review (sched, &card, SHUATI_RATING_EASY, T0 + 360, &after, &info);
      g_assert_cmpint (info.interval_seconds, >=, 2 * DAY);
    }
}

/* Every state, early and late, with and without steps: whatever is
 * counted in days rises strictly with the rating. */
static void
test_strict_order_everywhere (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  g_autoptr(ShuatiScheduler) no_steps = plain_scheduler ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  guint n_day_pairs = 0;

  shuati_scheduler_set_learning_steps (no_steps, NULL, 0);
  shuati_scheduler_set_relearning_steps (no_steps, NULL, 0);

  for (guint c = 0; c < 200; c++)
    {
      ShuatiScheduler *s = c % 2 ? no_steps : sched;
      ShuatiMemory card = { 0 };
      gint64 now = T0;

      for (guint i = 0; i < 30; i++)
        {
          gint64 intervals[4];
          ShuatiReviewInfo info;

          shuati_scheduler_preview (s, &card, now, intervals);
          assert_days_strictly_ordered (intervals, shuati_scheduler_get_maximum_interval (s));
          if (intervals[2] % DAY == 0 && intervals[3] % DAY == 0)
            n_day_pairs++;

          shuati_scheduler_review (s, &card, g_rand_int_range (rand, 1, 5), now, &card, &info);
          now += (gint64)(info.interval_seconds * g_rand_double_range (rand, 0.0, 2.0)) +
                 g_rand_int_range (rand, 0, 600);
        }
    }
  /* The loop did meet the day-scale case many times. */
  g_assert_cmpuint (n_day_pairs, >, 1000);
}

/* With a maximum interval of one day, nothing can be longer: the ceiling
 * wins over the ordering rather than scheduling past it. */
static void
test_strict_order_ceiling (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = review_card (sched, 3);
  gint64 intervals[4];

  shuati_scheduler_set_maximum_interval (sched, 1);
  shuati_scheduler_preview (sched, &card, card.due, intervals);
  g_assert_cmpint (intervals[1], ==, DAY);
  g_assert_cmpint (intervals[2], ==, DAY);
  g_assert_cmpint (intervals[3], ==, DAY);
}

static void
test_random_sequences (void)
{
  g_autoptr(ShuatiScheduler) sched = shuati_scheduler_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  shuati_scheduler_set_fuzz_seed (sched, 99);
  shuati_scheduler_set_maximum_interval (sched, 3650);

  for (guint c = 0; c < 300; c++)
    {
      ShuatiMemory card = { 0 };
      gint64 now = T0;

      for (guint i = 0; i < 200; i++)
        {
          ShuatiRating rating = g_rand_int_range (rand, SHUATI_RATING_AGAIN, SHUATI_RATING_EASY + 1);
          ShuatiReviewInfo info;
          guint lapses = card.lapses;
          ShuatiCardState state = card.state;

          shuati_scheduler_review (sched, &card, rating, now, &card, &info);
          g_assert_cmpfloat (card.difficulty, >=, 1.0);
          g_assert_cmpfloat (card.difficulty, <=, 10.0);
          g_assert_cmpfloat (card.stability, >=, SHUATI_FSRS_MIN_STABILITY);
          g_assert_cmpfloat (card.stability, <=, SHUATI_FSRS_MAX_STABILITY);
          g_assert_false (isnan (card.stability) || isnan (card.difficulty));
          g_assert_cmpint (info.interval_seconds, >, 0);
          g_assert_cmpint (info.interval_seconds, <=, 3650 * (gint64)DAY);
          g_assert_cmpint (card.due, ==, now + info.interval_seconds);
          g_assert_cmpuint (card.lapses, ==, lapses + (state == SHUATI_CARD_REVIEW && rating == SHUATI_RATING_AGAIN));
          g_assert_cmpuint (card.reps, ==, i + 1);

          /* Early, on time or late, sometimes by far. */
          now += (gint64)(info.interval_seconds * g_rand_double_range (rand, 0.0, 3.0)) +
                 g_rand_int_range (rand, 0, 3600);
        }
    }
}

static void
test_fuzz (void)
{
  g_autoptr(ShuatiScheduler) plain = plain_scheduler ();
  g_autoptr(ShuatiScheduler) a = shuati_scheduler_new ();
  g_autoptr(ShuatiScheduler) b = shuati_scheduler_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_assert_true (shuati_scheduler_get_fuzz (a));
  shuati_scheduler_set_fuzz_seed (a, 1234);
  shuati_scheduler_set_fuzz_seed (b, 1234);

  for (guint n = 2; n < 7; n++)
    {
      ShuatiMemory card = review_card (plain, n);

      g_hash_table_remove_all (seen);
      for (ShuatiRating r = SHUATI_RATING_HARD; r <= SHUATI_RATING_EASY; r++)
        {
          ShuatiReviewInfo exact;
          ShuatiMemory m;
          double ivl, delta;
          gint64 lo, hi;

          shuati_scheduler_review (plain, &card, r, card.due, &m, &exact);
          ivl = exact.interval_seconds / (double)DAY;
          delta = 1.0 + 0.15 * MAX (MIN (ivl, 7.0) - 2.5, 0.0)
                      + 0.10 * MAX (MIN (ivl, 20.0) - 7.0, 0.0)
                      + 0.05 * MAX (ivl - 20.0, 0.0);
          lo = MAX (2, (gint64)round (ivl - delta));
          hi = (gint64)round (ivl + delta);

          for (guint k = 0; k < 200; k++)
            {
              ShuatiReviewInfo fa, fb;
              ShuatiMemory ma, mb;

              shuati_scheduler_review (a, &card, r, card.due, &ma, &fa);
              shuati_scheduler_review (b, &card, r, card.due, &mb, &fb);
              /* The same seed gives the same spread. */
              g_assert_cmpint (fa.interval_seconds, ==, fb.interval_seconds);
              /* Fuzz moves the due date only, never the memory. */
              g_assert_cmpfloat (ma.stability, ==, m.stability);
              g_assert_cmpint (fa.interval_seconds % DAY, ==, 0);
              if (ivl < 2.5)
                g_assert_cmpint (fa.interval_seconds, ==, exact.interval_seconds);
              else
                {
                  g_assert_cmpint (fa.interval_seconds / DAY, >=, lo);
                  g_assert_cmpint (fa.interval_seconds / DAY, <=, hi);
                }
              g_hash_table_add (seen, GINT_TO_POINTER ((int)(fa.interval_seconds / DAY)));
            }
          if (ivl >= 2.5)
            g_assert_cmpuint (g_hash_table_size (seen), >, 1);
        }
    }

  {
    /* Learning steps are never fuzzed. */
    ShuatiMemory card = { 0 };
    ShuatiReviewInfo info;

    shuati_scheduler_review (a, &card, SHUATI_RATING_HARD, T0, &card, &info);
    g_assert_cmpint (info.interval_seconds, ==, 330);
  }
}

static void
test_learning_steps (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = { 0 };
  ShuatiMemory after;
  ShuatiReviewInfo info;
  static const guint one_step[] = { 300 };
  guint n_steps;

  shuati_scheduler_get_learning_steps (sched, &n_steps);
  g_assert_cmpuint (n_steps, ==, 2);

  /* Again, Again: back to step 0 each time. */
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, T0, &card, &info);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, T0 + 60, &card, &info);
  g_assert_cmpint (card.state, ==, SHUATI_CARD_LEARNING);
  g_assert_cmpuint (card.step, ==, 0);
  g_assert_cmpint (info.interval_seconds, ==, 60);

  /* Hard at step 0 of two steps: halfway between them. */
  shuati_scheduler_review (sched, &card, SHUATI_RATING_HARD, T0 + 120, &card, &info);
  g_assert_cmpuint (card.step, ==, 0);
  g_assert_cmpint (info.interval_seconds, ==, 330);

  /* Good: the next step; Good on the last step: review. */
  shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, T0 + 500, &card, &info);
  g_assert_cmpuint (card.step, ==, 1);
  g_assert_cmpint (info.interval_seconds, ==, 600);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, T0 + 1100, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpint (info.interval_seconds % DAY, ==, 0);
  g_assert_cmpint (info.interval_seconds, >=, DAY);

  /* Easy on any step: review. */
  shuati_scheduler_review (sched, &card, SHUATI_RATING_EASY, T0 + 1100, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);

  /* One step: Hard waits one and a half steps. */
  shuati_scheduler_set_learning_steps (sched, one_step, 1);
  memset (&card, 0, sizeof card);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_HARD, T0, &after, &info);
  g_assert_cmpint (info.interval_seconds, ==, 450);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_GOOD, T0, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);

  /* Steps shortened under a card at step 1: Hard finishes, Again restarts. */
  card = (ShuatiMemory) { SHUATI_CARD_LEARNING, 1, 2.3065, 2.1181, T0 + 600, T0, 1, 0 };
  shuati_scheduler_review (sched, &card, SHUATI_RATING_HARD, T0 + 600, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, T0 + 600, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_LEARNING);
  g_assert_cmpuint (after.step, ==, 0);
  g_assert_cmpint (info.interval_seconds, ==, 300);

  /* No steps: straight to review, even after Again. */
  shuati_scheduler_set_learning_steps (sched, NULL, 0);
  memset (&card, 0, sizeof card);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, T0, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpint (info.interval_seconds, ==, DAY);
}

static void
test_relearning_steps (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = review_card (sched, 4);
  ShuatiMemory lapsed, after;
  ShuatiReviewInfo info;
  static const guint two_steps[] = { 120, 1800 };

  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, card.due, &lapsed, &info);
  g_assert_cmpint (lapsed.state, ==, SHUATI_CARD_RELEARNING);
  g_assert_cmpuint (lapsed.step, ==, 0);
  g_assert_cmpuint (lapsed.lapses, ==, card.lapses + 1);
  g_assert_cmpint (info.interval_seconds, ==, 600);
  g_assert_cmpfloat (lapsed.stability, <, card.stability);

  /* Hard at step 0 of one step: one and a half steps. */
  shuati_scheduler_review (sched, &lapsed, SHUATI_RATING_HARD, lapsed.due, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_RELEARNING);
  g_assert_cmpint (info.interval_seconds, ==, 900);

  /* Again while relearning is not another lapse. */
  shuati_scheduler_review (sched, &lapsed, SHUATI_RATING_AGAIN, lapsed.due, &after, &info);
  g_assert_cmpuint (after.lapses, ==, lapsed.lapses);
  g_assert_cmpint (info.interval_seconds, ==, 600);

  shuati_scheduler_review (sched, &lapsed, SHUATI_RATING_GOOD, lapsed.due, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpint (info.interval_seconds, >=, DAY);

  shuati_scheduler_set_relearning_steps (sched, two_steps, 2);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, card.due, &lapsed, &info);
  g_assert_cmpint (info.interval_seconds, ==, 120);
  shuati_scheduler_review (sched, &lapsed, SHUATI_RATING_GOOD, lapsed.due, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_RELEARNING);
  g_assert_cmpuint (after.step, ==, 1);
  g_assert_cmpint (info.interval_seconds, ==, 1800);

  /* No relearning steps: a lapse stays in review. */
  shuati_scheduler_set_relearning_steps (sched, NULL, 0);
  shuati_scheduler_review (sched, &card, SHUATI_RATING_AGAIN, card.due, &after, &info);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpuint (after.lapses, ==, card.lapses + 1);
  g_assert_cmpint (info.interval_seconds % DAY, ==, 0);
}

static void
test_settings (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory card = review_card (sched, 3);
  gint64 at90[4], at80[4], capped[4];
  double bad[SHUATI_FSRS_N_WEIGHTS] = { 0 };

  g_assert_cmpfloat (shuati_scheduler_get_desired_retention (sched), ==, 0.9);
  shuati_scheduler_preview (sched, &card, card.due, at90);

  shuati_scheduler_set_desired_retention (sched, 0.8);
  shuati_scheduler_preview (sched, &card, card.due, at80);
  g_assert_cmpint (at80[2], >, at90[2]);

  /* Out of range: clamped. */
  shuati_scheduler_set_desired_retention (sched, 0.5);
  g_assert_cmpfloat (shuati_scheduler_get_desired_retention (sched), ==, SHUATI_FSRS_MIN_RETENTION);
  shuati_scheduler_set_desired_retention (sched, 1.0);
  g_assert_cmpfloat (shuati_scheduler_get_desired_retention (sched), ==, SHUATI_FSRS_MAX_RETENTION);

  shuati_scheduler_set_desired_retention (sched, 0.9);
  shuati_scheduler_set_maximum_interval (sched, 5);
  shuati_scheduler_preview (sched, &card, card.due, capped);
  g_assert_cmpint (capped[3], ==, 5 * DAY);
  g_assert_cmpint (capped[2], <=, 5 * DAY);
  g_assert_cmpuint (shuati_scheduler_get_maximum_interval (sched), ==, 5);

  g_assert_false (shuati_scheduler_set_weights (sched, bad, 3));
  g_assert_false (shuati_scheduler_set_weights (sched, bad, SHUATI_FSRS_N_WEIGHTS));
  g_assert_cmpfloat (shuati_scheduler_get_weights (sched)[0], ==, 0.212);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify (void)
{
  ShuatiScheduler *sched = shuati_scheduler_new ();
  guint count = 0;

  g_signal_connect (sched, "notify::desired-retention", G_CALLBACK (count_notify), &count);
  shuati_scheduler_set_desired_retention (sched, 0.85);
  shuati_scheduler_set_desired_retention (sched, 0.85);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (sched, "desired-retention", 0.9, NULL);
  g_assert_cmpuint (count, ==, 2);

  g_assert_finalize_object (sched);
}

static void
test_bad_memory (void)
{
  g_autoptr(ShuatiScheduler) sched = plain_scheduler ();
  ShuatiMemory broken = { SHUATI_CARD_REVIEW, 0, NAN, -3.0, T0, T0 - 5 * DAY, 4, 0 };
  ShuatiMemory future = { SHUATI_CARD_REVIEW, 0, 5.0, 5.0, T0, T0 + 10 * DAY, 4, 0 };
  ShuatiMemory after;
  ShuatiReviewInfo info;

  /* Damaged values from a hand-edited database still give a sane card. */
  shuati_scheduler_review (sched, &broken, SHUATI_RATING_GOOD, T0, &after, &info);
  g_assert_false (isnan (after.stability));
  g_assert_cmpfloat (after.difficulty, >=, 1.0);
  g_assert_cmpint (info.interval_seconds, >=, DAY);

  /* A last review in the future (clock changed) counts as same-day. */
  shuati_scheduler_review (sched, &future, SHUATI_RATING_GOOD, T0, &after, &info);
  g_assert_cmpfloat (info.elapsed_days, ==, 0.0);
  g_assert_cmpfloat (after.stability, >=, 5.0);
}

static void
test_format_interval (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { -5, "0 s" },
    { 30, "30 s" },
    { 60, "1 min" },
    { 330, "6 min" },
    { 600, "10 min" },
    { 3590, "1 h" },
    { 5 * 3600, "5 h" },
    { 2 * DAY, "2 d" },
    { 29 * DAY, "29 d" },
    { 46 * DAY, "1.5 mo" },
    { 90 * DAY, "3 mo" },
    { 300 * DAY, "9.9 mo" },
    { 365 * DAY, "1 y" },
    { 548 * DAY, "1.5 y" },
    { 36500 * (gint64)DAY, "99.9 y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = shuati_format_interval (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/fsrs/vectors/first-rating", test_first_rating);
  g_test_add_func ("/shuati/fsrs/vectors/intervals-on-due", test_intervals_on_due);
  g_test_add_func ("/shuati/fsrs/vectors/memory-after-days", test_memory_after_days);
  g_test_add_func ("/shuati/fsrs/vectors/retrievability", test_retrievability);
  g_test_add_func ("/shuati/fsrs/vectors/same-day-hard", test_same_day_hard);
  g_test_add_func ("/shuati/fsrs/rating-order", test_rating_order);
  g_test_add_func ("/shuati/fsrs/strict-order/learning-early", test_strict_order_learning_early);
  g_test_add_func ("/shuati/fsrs/strict-order/everywhere", test_strict_order_everywhere);
  g_test_add_func ("/shuati/fsrs/strict-order/ceiling", test_strict_order_ceiling);
  g_test_add_func ("/shuati/fsrs/random-sequences", test_random_sequences);
  g_test_add_func ("/shuati/fsrs/fuzz", test_fuzz);
  g_test_add_func ("/shuati/fsrs/steps/learning", test_learning_steps);
  g_test_add_func ("/shuati/fsrs/steps/relearning", test_relearning_steps);
  g_test_add_func ("/shuati/fsrs/settings", test_settings);
  g_test_add_func ("/shuati/fsrs/notify", test_notify);
  g_test_add_func ("/shuati/fsrs/bad-memory", test_bad_memory);
  g_test_add_func ("/shuati/fsrs/format-interval", test_format_interval);

  return g_test_run ();
}
