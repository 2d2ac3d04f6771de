/* bench-statistics.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "shuati-deck.h"
#include "shuati-statistics.h"
#include "../stats-db.h"
#include "bench.h"

#define N_REVIEWS 1000000
#define ROUNDS 5

static void
fill_database (sqlite3    *db,
               ShuatiDeck *deck,
               gint64      now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_cards = shuati_deck_get_n_cards (deck);
  gint64 start = now - 365 * 86400;
  sqlite3_stmt *review = NULL;
  sqlite3_stmt *card = NULL;

  stats_db_exec (db, "BEGIN");
  if (sqlite3_prepare_v2 (db,
                                "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before,"
                                " state_after, stability, difficulty, elapsed_days, scheduled_days, duration_ms,"
                                " prev_state, prev_step, prev_stability, prev_difficulty, prev_due,"
                                " prev_last_review, prev_reps, prev_lapses)"
                                " VALUES ('bench', ?, ?, ?, ?, 2, ?, 5.0, 3.0, 4.0, ?, ?, 0, ?, 5.0, ?, ?, 3, 0)",
                                -1, &review, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  /* In the order they were given, at the pace of a steady learner. */
  for (guint i = 0; i < N_REVIEWS; i++)
    {
      gint64 t = start + (gint64)i * 365 * 86400 / N_REVIEWS;
      g_autofree char *card_id = g_strdup_printf ("card-%d", g_rand_int_range (rand, 1, n_cards + 1));
      int rating = g_rand_int_range (rand, 0, 10) < 1 ? 1 : g_rand_int_range (rand, 2, 5);
      int state = g_rand_int_range (rand, 0, 10) < 7 ? 2 : g_rand_int_range (rand, 0, 4);

      sqlite3_bind_text (review, 1, card_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (review, 2, t);
      sqlite3_bind_int (review, 3, rating);
      sqlite3_bind_int (review, 4, state);
      sqlite3_bind_double (review, 5, g_rand_double_range (rand, 0.5, 200));
      sqlite3_bind_int (review, 6, g_rand_int_range (rand, 2000, 30000));
      sqlite3_bind_int (review, 7, state);
      sqlite3_bind_double (review, 8, g_rand_double_range (rand, 0.5, 200));
      sqlite3_bind_int64 (review, 9, t);
      sqlite3_bind_int64 (review, 10, t - 86400);
      if (sqlite3_step (review) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (review);
    }
  sqlite3_finalize (review);

  if (sqlite3_prepare_v2 (db,
                                "INSERT INTO cards (deck_id, card_id, state, stability, difficulty, due,"
                                " last_review, reps, lapses) VALUES ('bench', ?, ?, ?, 5.0, ?, ?, 5, 1)",
                                -1, &card, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  /* Nine in ten cards studied, their due dates spread over two months. */
  for (guint i = 1; i <= n_cards; i++)
    {
      g_autofree char *card_id = NULL;

      if (i % 10 == 0)
        continue;
      card_id = g_strdup_printf ("card-%u", i);
      sqlite3_bind_text (card, 1, card_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (card, 2, g_rand_int_range (rand, 1, 4));
      sqlite3_bind_double (card, 3, g_rand_double_range (rand, 0.5, 90));
      sqlite3_bind_int64 (card, 4, now + g_rand_int_range (rand, -5 * 86400, 60 * 86400));
      sqlite3_bind_int64 (card, 5, now - 86400);
      if (sqlite3_step (card) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (card);
    }
  sqlite3_finalize (card);
  stats_db_exec (db, "COMMIT");
}

/* Wall time, and the CPU time that tells how much of it was other
 * programs on a busy machine. */
static double
time_compute (ShuatiStore *store,
              const char *deck_id,
              ShuatiDeck *deck,
              gint64      now,
              GTimeZone  *tz,
              guint      *total_reviews,
              double     *cpu)
{
  double times[ROUNDS];
  double cpus[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiStatistics) stats = NULL;
      double begin = bench_now_ms ();
      double cpu_begin = bench_process_cpu_ms ();

      stats = shuati_statistics_compute (store, deck_id, deck, now, tz, &error);
      times[r] = bench_now_ms () - begin;
      cpus[r] = bench_process_cpu_ms () - cpu_begin;
      if (stats == NULL)
        g_error ("%s", error->message);
      *total_reviews = stats->total_reviews;
    }
  *cpu = bench_median (cpus, ROUNDS);
  return bench_median (times, ROUNDS);
}

void
bench_statistics (const BenchContext *ctx)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autofree char *path = g_build_filename (ctx->work_dir, "statistics.db", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint total = 0;
  double fill_start;
  double deck_ms, deck_cpu;
  double all_ms, all_cpu;
  sqlite3 *db;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);

  db = stats_db_open (path);
  fill_start = bench_now_ms ();
  fill_database (db, deck, now);
  bench_print ("review log", "%d reviews of %u cards over 365 days (written in %.1f s)",
               N_REVIEWS, ctx->n_cards, (bench_now_ms () - fill_start) / 1000);

  sqlite3_close (db);

  /* Read through the store's own connection, as the app does. */
  {
    g_autoptr(ShuatiStore) store = shuati_store_new (path, &error);

    if (store == NULL)
      g_error ("%s", error->message);
    deck_ms = time_compute (store, "bench", deck, now, tz, &total, &deck_cpu);
    g_assert (total == N_REVIEWS);
    all_ms = time_compute (store, NULL, NULL, now, tz, &total, &all_cpu);
    g_assert (total == N_REVIEWS);
  }

  bench_print ("all statistics, this deck (median of 5)", "%.0f ms (CPU %.0f ms)", deck_ms, deck_cpu);
  bench_print ("all statistics, all decks (median of 5)", "%.0f ms (CPU %.0f ms)", all_ms, all_cpu);
  bench_verdict ("statistics time", MAX (deck_ms, all_ms) <= 200, "≤ 200 ms");
}
