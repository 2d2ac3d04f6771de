/* test-statistics.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-statistics.h"
#include "shuati-store.h"
#include "shuati-test-utils.h"
#include "stats-db.h"

#define DECK "llm-interview"

typedef struct
{
  sqlite3    *db;
  ShuatiStore *store;
  char       *dir;
  ShuatiDeck *deck;
  GTimeZone  *utc;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shuati-statistics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "progress.db", NULL);
  f->db = stats_db_open (path);
  f->store = shuati_store_new (path, &error);
  g_assert_no_error (error);

  f->deck = shuati_test_load_corpus ();
  f->utc = g_time_zone_new_utc ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "progress.db", NULL);

  g_assert_finalize_object (f->store);
  sqlite3_close (f->db);
  g_remove (path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_assert_finalize_object (f->deck);
  g_time_zone_unref (f->utc);
}

/* Unix time of a local wall-clock time in @tz_name. */
static gint64
at (const char *tz_name,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_name);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static ShuatiStatistics *
compute (Fixture    *f,
         const char *deck_id,
         gint64      now,
         GTimeZone  *tz)
{
  g_autoptr(GError) error = NULL;
  ShuatiStatistics *stats;

  stats = shuati_statistics_compute (f->store, deck_id, deck_id ? f->deck : NULL, now, tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

#define LAST(stats, i) ((stats)->heatmap[SHUATI_STATISTICS_HEATMAP_DAYS - 1 - (i)])

static guint
heatmap_sum (const ShuatiStatistics *stats)
{
  guint sum = 0;

  for (guint i = 0; i < SHUATI_STATISTICS_HEATMAP_DAYS; i++)
    sum += stats->heatmap[i];
  return sum;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  gint64 now = at ("UTC", 2026, 3, 12, 10, 0);
  g_autoptr(ShuatiStatistics) stats = compute (f, DECK, now, f->utc);
  g_autoptr(ShuatiStatistics) all = compute (f, NULL, now, f->utc);

  g_assert_cmpuint (g_date_get_year (&stats->today), ==, 2026);
  g_assert_cmpuint (g_date_get_month (&stats->today), ==, 3);
  g_assert_cmpuint (g_date_get_day (&stats->today), ==, 12);
  g_assert_cmpuint (stats->today_reviews, ==, 0);
  g_assert_cmpuint (stats->today_cards, ==, 0);
  g_assert_cmpuint (stats->today_duration_ms, ==, 0);
  g_assert_cmpuint (stats->total_reviews, ==, 0);
  g_assert_cmpuint (stats->current_streak, ==, 0);
  g_assert_cmpuint (stats->longest_streak, ==, 0);
  g_assert_cmpuint (heatmap_sum (stats), ==, 0);
  for (guint i = 0; i <= SHUATI_STATISTICS_FORECAST_DAYS; i++)
    g_assert_cmpuint (stats->forecast[i], ==, 0);
  for (guint w = 0; w < SHUATI_N_RETENTION_WINDOWS; w++)
    {
      g_assert_cmpuint (stats->retention[w].reviews, ==, 0);
      g_assert_cmpfloat (shuati_statistics_get_retention_rate (stats, w), <, 0);
    }
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_NEW], ==, 24);
  g_assert_cmpuint (shuati_statistics_get_total_cards (stats), ==, 24);

  /* Every topic is there, in the deck's order, with nothing mastered. */
  g_assert_cmpuint (stats->n_topics, ==, 4);
  g_assert_cmpstr (stats->topics[0].topic_id, ==, "fundamentals");
  g_assert_cmpuint (stats->topics[0].n_cards, ==, 6);
  g_assert_cmpstr (stats->topics[2].topic_id, ==, "challenges");
  g_assert_cmpuint (stats->topics[2].n_cards, ==, 7);
  for (guint i = 0; i < stats->n_topics; i++)
    g_assert_cmpuint (stats->topics[i].n_mastered, ==, 0);

  /* All decks know of no cards at all, and of no topics. */
  g_assert_cmpuint (shuati_statistics_get_total_cards (all), ==, 0);
  g_assert_cmpuint (all->n_topics, ==, 0);
}

static void
test_missing_tables (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiStatistics) stats = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-statistics-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  ShuatiStore *store;
  sqlite3 *db;

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  db = shuati_store_get_database (store);
  stats_db_exec (db, "DROP TABLE reviews; DROP TABLE cards");
  stats = shuati_statistics_compute (store, NULL, NULL, 1773309600, utc, &error);
  g_assert_null (stats);
  g_assert_error (error, SHUATI_STATISTICS_ERROR, SHUATI_STATISTICS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "reviews"));
  g_clear_error (&error);

  /* Reviews but no table of cards: still an error, not half the numbers. */
  stats_db_exec (db, "CREATE TABLE reviews (id INTEGER PRIMARY KEY, deck_id TEXT, card_id TEXT,"
                     " reviewed_at INTEGER, rating INTEGER, state_before INTEGER, duration_ms INTEGER)");
  stats = shuati_statistics_compute (store, "x", NULL, 1773309600, utc, &error);
  g_assert_null (stats);
  g_assert_error (error, SHUATI_STATISTICS_ERROR, SHUATI_STATISTICS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cards"));
  g_assert_finalize_object (store);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_streak_month_boundary (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) stats = NULL;

  /* 30 January to 2 February: four days in a row across the month end. */
  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 1, 30, 9, 0), 3, 1, 1000);
  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 1, 31, 23, 59), 3, 1, 1000);
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 2, 1, 0, 0), 3, 1, 1000);
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 2, 1, 7, 0), 1, 1, 1000);
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 2, 2, 8, 0), 3, 0, 1000);

  stats = compute (f, DECK, at ("UTC", 2026, 2, 2, 12, 0), f->utc);
  g_assert_cmpuint (stats->current_streak, ==, 4);
  g_assert_cmpuint (stats->longest_streak, ==, 4);
  g_assert_cmpuint (stats->study_days, ==, 4);
  g_assert_cmpuint (stats->total_reviews, ==, 5);
  g_assert_cmpuint (LAST (stats, 0), ==, 1);
  g_assert_cmpuint (LAST (stats, 1), ==, 2);
  g_assert_cmpuint (LAST (stats, 2), ==, 1);
  g_assert_cmpuint (LAST (stats, 3), ==, 1);
  g_assert_cmpuint (LAST (stats, 4), ==, 0);
  g_assert_cmpuint (heatmap_sum (stats), ==, 5);
}

static void
test_streak_gap (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) stats = NULL;
  const int days[] = { 1, 2, 3, 5, 6 };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 4, days[i], 12, 0), 3, 2, 500);

  /* Nothing on 4 April: the run of three ends there. */
  stats = compute (f, DECK, at ("UTC", 2026, 4, 6, 18, 0), f->utc);
  g_assert_cmpuint (stats->current_streak, ==, 2);
  g_assert_cmpuint (stats->longest_streak, ==, 3);
  g_assert_cmpuint (stats->study_days, ==, 5);
}

static void
test_streak_today (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) before = NULL;
  g_autoptr(ShuatiStatistics) next_day = NULL;
  g_autoptr(ShuatiStatistics) after = NULL;
  g_autoptr(ShuatiStatistics) gone = NULL;

  for (int d = 10; d <= 12; d++)
    stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 5, d, 20, 0), 3, 2, 500);

  /* The 13th has begun without a review: the streak still stands. */
  before = compute (f, DECK, at ("UTC", 2026, 5, 13, 8, 0), f->utc);
  g_assert_cmpuint (before->current_streak, ==, 3);
  g_assert_cmpuint (before->today_reviews, ==, 0);

  /* A review on the 13th makes it four, counting today. */
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 5, 13, 9, 0), 3, 2, 500);
  after = compute (f, DECK, at ("UTC", 2026, 5, 13, 10, 0), f->utc);
  g_assert_cmpuint (after->current_streak, ==, 4);
  g_assert_cmpuint (after->longest_streak, ==, 4);
  g_assert_cmpuint (after->today_reviews, ==, 1);

  /* On the 14th it is still four; on the 15th a whole day was missed. */
  next_day = compute (f, DECK, at ("UTC", 2026, 5, 14, 23, 59), f->utc);
  g_assert_cmpuint (next_day->current_streak, ==, 4);
  gone = compute (f, DECK, at ("UTC", 2026, 5, 15, 0, 0), f->utc);
  g_assert_cmpuint (gone->current_streak, ==, 0);
  g_assert_cmpuint (gone->longest_streak, ==, 4);
}

/* Five reviews around the start of US daylight saving time (8 March 2026,
 * 02:00 EST = 07:00 UTC) and a Shanghai midnight:
 *
 *   UTC               UTC day   Shanghai (+8)   New York
 *   7 Mar 03:30       7 Mar     7 Mar 11:30     6 Mar 22:30 EST
 *   7 Mar 16:30       7 Mar     8 Mar 00:30     7 Mar 11:30 EST
 *   8 Mar 04:30       8 Mar     8 Mar 12:30     7 Mar 23:30 EST
 *   9 Mar 03:30       9 Mar     9 Mar 11:30     8 Mar 23:30 EDT
 *   9 Mar 04:30       9 Mar     9 Mar 12:30     9 Mar 00:30 EDT
 *
 * The last one would fall on 8 March with a fixed offset of −5 hours. */
static void
test_time_zones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(ShuatiStatistics) u = NULL;
  g_autoptr(ShuatiStatistics) s = NULL;
  g_autoptr(ShuatiStatistics) n = NULL;
  gint64 now = at ("UTC", 2026, 3, 9, 12, 0);

  g_assert_nonnull (shanghai);
  g_assert_nonnull (new_york);
  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 3, 7, 3, 30), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 3, 7, 16, 30), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 3, 8, 4, 30), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-004", at ("UTC", 2026, 3, 9, 3, 30), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-005", at ("UTC", 2026, 3, 9, 4, 30), 3, 2, 1000);

  u = compute (f, DECK, now, f->utc);
  g_assert_cmpuint (g_date_get_day (&u->today), ==, 9);
  g_assert_cmpuint (LAST (u, 0), ==, 2);
  g_assert_cmpuint (LAST (u, 1), ==, 1);
  g_assert_cmpuint (LAST (u, 2), ==, 2);
  g_assert_cmpuint (LAST (u, 3), ==, 0);
  g_assert_cmpuint (u->today_reviews, ==, 2);
  g_assert_cmpuint (u->current_streak, ==, 3);

  s = compute (f, DECK, now, shanghai);
  g_assert_cmpuint (g_date_get_day (&s->today), ==, 9);
  g_assert_cmpuint (LAST (s, 0), ==, 2);
  g_assert_cmpuint (LAST (s, 1), ==, 2);
  g_assert_cmpuint (LAST (s, 2), ==, 1);
  g_assert_cmpuint (LAST (s, 3), ==, 0);
  g_assert_cmpuint (s->today_reviews, ==, 2);
  g_assert_cmpuint (s->current_streak, ==, 3);

  n = compute (f, DECK, now, new_york);
  g_assert_cmpuint (g_date_get_day (&n->today), ==, 9);
  g_assert_cmpuint (LAST (n, 0), ==, 1);
  g_assert_cmpuint (LAST (n, 1), ==, 1);
  g_assert_cmpuint (LAST (n, 2), ==, 2);
  g_assert_cmpuint (LAST (n, 3), ==, 1);
  g_assert_cmpuint (LAST (n, 4), ==, 0);
  g_assert_cmpuint (n->today_reviews, ==, 1);
  g_assert_cmpuint (n->current_streak, ==, 4);
  g_assert_cmpuint (heatmap_sum (n), ==, 5);
}

/* 8 March 2026 lasts 23 hours in New York and 1 November 25 hours; the
 * edges of those days must be where the local clock says midnight. */
static void
test_dst_day_edges (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(ShuatiStatistics) spring = NULL;
  g_autoptr(ShuatiStatistics) autumn = NULL;

  /* 9 March 04:00 UTC is 00:00 EDT; one second earlier is 8 March. */
  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 3, 9, 4, 0) - 1, 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 3, 9, 4, 0), 3, 2, 1000);
  /* 8 March began at 05:00 UTC (00:00 EST). */
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 3, 8, 5, 0), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-002", at ("UTC", 2026, 3, 8, 5, 0) - 1, 3, 2, 1000);

  spring = compute (f, DECK, at ("UTC", 2026, 3, 9, 15, 0), new_york);
  g_assert_cmpuint (LAST (spring, 0), ==, 1);
  g_assert_cmpuint (LAST (spring, 1), ==, 2);
  g_assert_cmpuint (LAST (spring, 2), ==, 1);

  /* 1 November runs from 04:00 UTC (EDT) to 05:00 UTC the next day (EST). */
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 11, 1, 4, 0), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 11, 2, 4, 30), 3, 2, 1000);
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 11, 2, 5, 0), 3, 2, 1000);
  autumn = compute (f, DECK, at ("UTC", 2026, 11, 2, 15, 0), new_york);
  g_assert_cmpuint (LAST (autumn, 0), ==, 1);
  g_assert_cmpuint (LAST (autumn, 1), ==, 2);
  g_assert_cmpuint (LAST (autumn, 2), ==, 0);
}

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(ShuatiStatistics) stats = NULL;
  gint64 now = at ("Asia/Shanghai", 2026, 6, 10, 12, 0);

  stats_db_set_card (f->db, DECK, "llm-001", 2, 10, now - 3 * 86400);                   /* overdue */
  stats_db_set_card (f->db, DECK, "llm-002", 2, 10, now);                               /* due now */
  stats_db_set_card (f->db, DECK, "llm-003", 1, 0.5, now + 3600);                       /* later today */
  stats_db_set_card (f->db, DECK, "llm-004", 2, 10, at ("Asia/Shanghai", 2026, 6, 10, 23, 59));
  stats_db_set_card (f->db, DECK, "llm-005", 3, 2, at ("Asia/Shanghai", 2026, 6, 11, 0, 0));
  stats_db_set_card (f->db, DECK, "llm-006", 2, 10, at ("Asia/Shanghai", 2026, 6, 11, 23, 0));
  stats_db_set_card (f->db, DECK, "llm-007", 2, 10, at ("Asia/Shanghai", 2026, 7, 9, 23, 59));  /* day 30 */
  stats_db_set_card (f->db, DECK, "llm-008", 2, 10, at ("Asia/Shanghai", 2026, 7, 10, 0, 0));  /* beyond */
  /* A row in state new is not due, and another deck is not counted. */
  stats_db_set_card (f->db, DECK, "llm-009", 0, 0, now - 86400);
  stats_db_set_card (f->db, "other", "x", 2, 10, now - 86400);

  stats = compute (f, DECK, now, shanghai);
  g_assert_cmpuint (stats->forecast[0], ==, 2);
  g_assert_cmpuint (stats->forecast[1], ==, 2);
  g_assert_cmpuint (stats->forecast[2], ==, 2);
  g_assert_cmpuint (stats->forecast[30], ==, 1);
  {
    guint sum = 0;

    for (guint i = 0; i <= SHUATI_STATISTICS_FORECAST_DAYS; i++)
      sum += stats->forecast[i];
    g_assert_cmpuint (sum, ==, 7);
  }

  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_LEARNING], ==, 1);
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_REVIEW], ==, 6);
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_RELEARNING], ==, 1);
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_NEW], ==, 16);

  /* All decks: the other deck's overdue card joins, the new row counts as new. */
  {
    g_autoptr(ShuatiStatistics) all = compute (f, NULL, now, shanghai);

    g_assert_cmpuint (all->forecast[0], ==, 3);
    g_assert_cmpuint (all->n_cards[SHUATI_CARD_REVIEW], ==, 7);
    g_assert_cmpuint (all->n_cards[SHUATI_CARD_NEW], ==, 1);
    g_assert_cmpuint (shuati_statistics_get_total_cards (all), ==, 10);
  }
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) stats = NULL;
  g_autoptr(ShuatiStatistics) all = NULL;
  gint64 now = at ("UTC", 2026, 9, 30, 18, 0);
  gint64 day = 86400;
  gint64 midnight = at ("UTC", 2026, 9, 30, 0, 0);

  /* In review: counted.       age (days)  rating */
  stats_db_add_review (f->db, DECK, "llm-001", now - 60, 3, 2, 1000);          /* 0, Good */
  stats_db_add_review (f->db, DECK, "llm-002", midnight, 1, 2, 1000);          /* 0, Again */
  stats_db_add_review (f->db, DECK, "llm-003", midnight - 6 * day, 2, 2, 1000); /* 6, Hard */
  stats_db_add_review (f->db, DECK, "llm-004", midnight - 6 * day - 1, 4, 2, 1000); /* 7, Easy */
  stats_db_add_review (f->db, DECK, "llm-005", midnight - 29 * day, 1, 2, 1000);     /* 29, Again */
  stats_db_add_review (f->db, DECK, "llm-006", midnight - 29 * day - 1, 3, 2, 1000); /* 30, Good */
  stats_db_add_review (f->db, DECK, "llm-007", midnight - 364 * day, 1, 2, 1000);    /* 364, Again */
  stats_db_add_review (f->db, DECK, "llm-008", midnight - 364 * day - 1, 3, 2, 1000); /* 365: out */
  /* Not in review before: never true retention. */
  stats_db_add_review (f->db, DECK, "llm-009", now - 30, 3, 0, 1000);
  stats_db_add_review (f->db, DECK, "llm-010", now - 20, 3, 1, 1000);
  stats_db_add_review (f->db, DECK, "llm-011", now - 10, 1, 3, 1000);
  /* Another deck. */
  stats_db_add_review (f->db, "other", "x", now - 5, 1, 2, 1000);

  stats = compute (f, DECK, now, f->utc);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_WEEK].reviews, ==, 3);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_WEEK].remembered, ==, 2);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_MONTH].reviews, ==, 5);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_MONTH].remembered, ==, 3);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_YEAR].reviews, ==, 7);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_YEAR].remembered, ==, 4);
  g_assert_cmpfloat_with_epsilon (shuati_statistics_get_retention_rate (stats, SHUATI_RETENTION_MONTH),
                                  0.6, 1e-9);

  /* The review 365 days back still counts for the streaks and the total. */
  g_assert_cmpuint (stats->total_reviews, ==, 11);
  g_assert_cmpuint (heatmap_sum (stats), ==, 10);

  /* Today: five reviews of five cards, three remembered. */
  g_assert_cmpuint (stats->today_reviews, ==, 5);
  g_assert_cmpuint (stats->today_cards, ==, 5);
  g_assert_cmpuint (stats->today_remembered, ==, 3);
  g_assert_cmpuint (stats->today_duration_ms, ==, 5000);

  all = compute (f, NULL, now, f->utc);
  g_assert_cmpuint (all->retention[SHUATI_RETENTION_WEEK].reviews, ==, 4);
  g_assert_cmpuint (all->retention[SHUATI_RETENTION_WEEK].remembered, ==, 2);
  g_assert_cmpuint (all->today_reviews, ==, 6);
  g_assert_cmpuint (all->today_cards, ==, 6);
}

static void
test_today_distinct_cards (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) stats = NULL;
  g_autoptr(ShuatiStatistics) all = NULL;
  gint64 now = at ("UTC", 2026, 2, 10, 20, 0);

  stats_db_add_review (f->db, DECK, "llm-001", now - 3000, 1, 0, 12000);
  stats_db_add_review (f->db, DECK, "llm-001", now - 2000, 3, 1, 8000);
  stats_db_add_review (f->db, DECK, "llm-002", now - 1000, 4, 0, 3500);
  /* Same card id in another deck is another card. */
  stats_db_add_review (f->db, "other", "llm-001", now - 500, 2, 0, 500);
  /* Yesterday. */
  stats_db_add_review (f->db, DECK, "llm-003", at ("UTC", 2026, 2, 9, 23, 59), 3, 0, 9999);

  stats = compute (f, DECK, now, f->utc);
  g_assert_cmpuint (stats->today_reviews, ==, 3);
  g_assert_cmpuint (stats->today_cards, ==, 2);
  g_assert_cmpuint (stats->today_remembered, ==, 2);
  g_assert_cmpuint (stats->today_duration_ms, ==, 23500);

  all = compute (f, NULL, now, f->utc);
  g_assert_cmpuint (all->today_reviews, ==, 4);
  g_assert_cmpuint (all->today_cards, ==, 3);
  g_assert_cmpuint (all->today_duration_ms, ==, 24000);
}

static void
test_mastery (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShuatiStatistics) stats = NULL;
  g_autoptr(ShuatiStatistics) copy = NULL;
  gint64 now = at ("UTC", 2026, 8, 1, 12, 0);
  gint64 later = now + 30 * 86400;

  stats_db_set_card (f->db, DECK, "llm-001", 2, 30.0, later);   /* fundamentals: mastered */
  stats_db_set_card (f->db, DECK, "llm-002", 2, 21.0, later);   /* fundamentals: exactly 21 */
  stats_db_set_card (f->db, DECK, "llm-003", 2, 20.9, later);   /* fundamentals: not yet */
  stats_db_set_card (f->db, DECK, "llm-005", 3, 50.0, later);   /* relearning: not mastered */
  stats_db_set_card (f->db, DECK, "llm-014", 2, 100.0, later);  /* challenges */
  stats_db_set_card (f->db, DECK, "llm-004", 1, 40.0, later);   /* engineering, learning */
  stats_db_set_card (f->db, DECK, "llm-999", 2, 100.0, later);  /* gone from the deck */
  stats_db_set_card (f->db, "other", "llm-008", 2, 100.0, later);

  stats = compute (f, DECK, now, f->utc);
  g_assert_cmpuint (stats->n_topics, ==, 4);
  g_assert_cmpstr (stats->topics[0].topic_id, ==, "fundamentals");
  g_assert_cmpuint (stats->topics[0].n_mastered, ==, 2);
  g_assert_cmpuint (stats->topics[0].n_cards, ==, 6);
  g_assert_cmpstr (stats->topics[1].topic_id, ==, "applications");
  g_assert_cmpuint (stats->topics[1].n_mastered, ==, 0);
  g_assert_cmpstr (stats->topics[2].topic_id, ==, "challenges");
  g_assert_cmpuint (stats->topics[2].n_mastered, ==, 1);
  g_assert_cmpstr (stats->topics[3].topic_id, ==, "engineering");
  g_assert_cmpuint (stats->topics[3].n_mastered, ==, 0);

  /* llm-999 is not in the deck: 6 studied cards, 18 new. */
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_REVIEW], ==, 4);
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_NEW], ==, 18);
  g_assert_cmpuint (shuati_statistics_get_total_cards (stats), ==, 24);

  copy = shuati_statistics_copy (stats);
  g_assert_true (copy->topics != stats->topics);
  g_assert_cmpstr (copy->topics[2].topic_id, ==, "challenges");
  g_assert_cmpuint (copy->topics[2].n_mastered, ==, 1);
  g_assert_cmpuint (copy->n_cards[SHUATI_CARD_NEW], ==, 18);
}

static int
collect_sql (unsigned  type,
             void     *data,
             void     *p,
             void     *x)
{
  GPtrArray *statements = data;

  g_ptr_array_add (statements, sqlite3_expanded_sql (p));
  return 0;
}

static void
dummy_step (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
}

static void
dummy_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* Every query but the one pass over the log finds its rows through an
 * index, and that pass reads the table itself rather than through one. */
static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (sqlite3_free);
  g_autoptr(ShuatiStatistics) stats = NULL;
  sqlite3 *db = shuati_store_get_database (f->store);
  guint n_scans = 0;

  stats_db_add_review (f->db, DECK, "llm-001", at ("UTC", 2026, 2, 9, 23, 59), 3, 0, 9999);
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, collect_sql, statements);
  stats = compute (f, DECK, at ("UTC", 2026, 2, 10, 12, 0), f->utc);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_cmpuint (statements->len, >=, 4);

  /* The aggregate that bins the log is gone again from the connection;
   * a stand-in lets its query be explained. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT shuati_statistics_scan (1, 2, 3)",
                                         -1, &stmt, NULL), ==, SQLITE_ERROR);
    g_assert_cmpint (sqlite3_create_function_v2 (db, "shuati_statistics_scan", 3, SQLITE_UTF8,
                                                 NULL, NULL, dummy_step, dummy_final, NULL), ==, SQLITE_OK);
  }

  for (guint i = 0; i < statements->len; i++)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", g_ptr_array_index (statements, i), NULL);
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
      g_test_message ("%s\n%s", (char *)g_ptr_array_index (statements, i), plan->str);

      /* Every query goes through an index; the one pass over the history
       * reads only the narrow index that covers it. */
      g_assert_null (strstr (plan->str, "GROUP BY"));
      g_assert_nonnull (strstr (plan->str, "USING"));
      if (strstr (plan->str, "COVERING INDEX reviews_history") != NULL)
        n_scans++;
    }
  g_assert_cmpuint (n_scans, ==, 1);
}

/* The progress store's own database, in WAL mode, reads the same. */
static void
test_store_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiStatistics) stats = NULL;
  ShuatiStore *store;
  sqlite3 *db;
  gint64 now = at ("UTC", 2026, 7, 1, 12, 0);

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  db = shuati_store_get_database (store);
  stats_db_add_review (db, DECK, "llm-001", now - 86400, 3, 2, 1000);
  stats_db_add_review (db, DECK, "llm-001", now - 60, 1, 2, 1000);
  stats_db_set_card (db, DECK, "llm-001", 3, 2.0, now + 600);

  stats = shuati_statistics_compute (store, DECK, f->deck, now, f->utc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->current_streak, ==, 2);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_WEEK].reviews, ==, 2);
  g_assert_cmpuint (stats->retention[SHUATI_RETENTION_WEEK].remembered, ==, 1);
  g_assert_cmpuint (stats->n_cards[SHUATI_CARD_RELEARNING], ==, 1);
  g_assert_cmpuint (stats->forecast[1], ==, 1);

  g_assert_finalize_object (store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shuati/statistics/empty", test_empty);
  ADD ("/shuati/statistics/streak/month-boundary", test_streak_month_boundary);
  ADD ("/shuati/statistics/streak/gap", test_streak_gap);
  ADD ("/shuati/statistics/streak/today", test_streak_today);
  ADD ("/shuati/statistics/days/time-zones", test_time_zones);
  ADD ("/shuati/statistics/days/dst-edges", test_dst_day_edges);
  ADD ("/shuati/statistics/forecast", test_forecast);
  ADD ("/shuati/statistics/retention", test_retention);
  ADD ("/shuati/statistics/today", test_today_distinct_cards);
  ADD ("/shuati/statistics/mastery", test_mastery);
  ADD ("/shuati/statistics/query-plans", test_query_plans);
  ADD ("/shuati/statistics/store-database", test_store_database);
#undef ADD
  g_test_add_func ("/shuati/statistics/missing-tables", test_missing_tables);

  return g_test_run ();
}
