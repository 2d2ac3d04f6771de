/* bench-review.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Study at scale: a deck whose cards mostly have a memory, loading those
 * memories, building the day's queue and grading cards one by one, each
 * grade committed to disk.
 */

#include "config.h"

#include "shuati-deck.h"
#include "shuati-session.h"
#include "shuati-store-private.h"
#include "bench.h"

#define DAY 86400
#define N_BUILDS 9
#define N_LOADS 5
#define N_GRADES 300

/* 60% of the cards get a memory: most in review with due dates spread
 * over a month either side of now, the rest learning or relearning. */
static void
fill_store (ShuatiStore *store,
            ShuatiDeck  *deck,
            gint64       now)
{
  sqlite3 *db = shuati_store_get_database (store);
  sqlite3_stmt *card_stmt = NULL;
  sqlite3_stmt *review_stmt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  guint n = shuati_deck_get_n_cards (deck);

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, 0)",
                      -1, &card_stmt, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before,"
                      " state_after, stability, difficulty, elapsed_days, scheduled_days, duration_ms)"
                      " VALUES (?1, ?2, ?3, 3, 0, ?4, ?5, ?6, 0, 1, 5000)", -1, &review_stmt, NULL);

  for (guint i = 0; i < n; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      double pick = g_rand_double (rand);
      double kind = g_rand_double (rand);
      int state = kind < 0.8 ? SHUATI_CARD_REVIEW : kind < 0.92 ? SHUATI_CARD_LEARNING : SHUATI_CARD_RELEARNING;
      double stability = g_rand_double_range (rand, 0.5, 200.0);
      double difficulty = g_rand_double_range (rand, 1.0, 10.0);
      gint64 due = now + g_rand_int_range (rand, -30 * DAY, 30 * DAY);
      gint64 last = now - g_rand_int_range (rand, DAY, 200 * DAY);

      if (pick >= 0.6)
        continue;

      if (state != SHUATI_CARD_REVIEW)
        due = now + g_rand_int_range (rand, -DAY, 600);

      sqlite3_reset (card_stmt);
      sqlite3_bind_text (card_stmt, 1, "bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (card_stmt, 2, shuati_card_get_id (card), -1, SQLITE_STATIC);
      sqlite3_bind_int (card_stmt, 3, state);
      sqlite3_bind_double (card_stmt, 4, stability);
      sqlite3_bind_double (card_stmt, 5, difficulty);
      sqlite3_bind_int64 (card_stmt, 6, due);
      sqlite3_bind_int64 (card_stmt, 7, last);
      sqlite3_bind_int (card_stmt, 8, g_rand_int_range (rand, 1, 20));
      if (sqlite3_step (card_stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));

      sqlite3_reset (review_stmt);
      sqlite3_bind_text (review_stmt, 1, "bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (review_stmt, 2, shuati_card_get_id (card), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (review_stmt, 3, last);
      sqlite3_bind_int (review_stmt, 4, state);
      sqlite3_bind_double (review_stmt, 5, stability);
      sqlite3_bind_double (review_stmt, 6, difficulty);
      if (sqlite3_step (review_stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
    }

  sqlite3_finalize (card_stmt);
  sqlite3_finalize (review_stmt);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
}

void
bench_review (const BenchContext *ctx)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GHashTable) memories = NULL;
  g_autoptr(ShuatiSession) session = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  double progress_ms;
  g_autofree char *path = g_build_filename (ctx->work_dir, "progress.db", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double loads[N_LOADS];
  double builds[N_BUILDS];
  double grades[N_GRADES];
  double load_ms, build_ms, grade_ms;
  guint n_queued;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);
  store = shuati_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  fill_store (store, deck, now);

  for (guint i = 0; i < N_LOADS; i++)
    {
      double start = bench_now_ms ();

      g_clear_pointer (&memories, g_hash_table_unref);
      if (!shuati_store_load_deck (store, "bench", &memories, &error))
        g_error ("%s", error->message);
      loads[i] = bench_now_ms () - start;
    }

  /* The window holds the deck's progress from when the deck opens; a
   * session reads it by card position. */
  {
    double start = bench_now_ms ();

    progress = shuati_progress_new (deck, store, now, &error);
    if (progress == NULL)
      g_error ("%s", error->message);
    progress_ms = bench_now_ms () - start;
  }

  for (guint i = 0; i < N_BUILDS; i++)
    {
      double start;

      g_clear_object (&session);
      start = bench_now_ms ();
      session = shuati_session_new_study_for_progress (scheduler, progress, G_LIST_MODEL (deck), 20, now);
      builds[i] = bench_now_ms () - start;
    }
  n_queued = shuati_session_get_n_due (session) + shuati_session_get_n_learning (session) +
             shuati_session_get_n_new (session);

  for (guint i = 0; i < N_GRADES; i++)
    {
      double start = bench_now_ms ();

      if (shuati_session_get_finished (session))
        g_error ("the session ended after %u grades", i);
      if (!shuati_session_grade (session, i % 5 == 0 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD,
                                 now + i, 4000, &error))
        g_error ("%s", error->message);
      grades[i] = bench_now_ms () - start;
    }

  load_ms = bench_median (loads, N_LOADS);
  build_ms = bench_median (builds, N_BUILDS);
  grade_ms = bench_median (grades, N_GRADES);

  bench_print ("cards with a memory", "%u of %u", g_hash_table_size (memories), ctx->n_cards);
  bench_print ("load memories from SQLite", "%.1f ms (median of %u)", load_ms, N_LOADS);
  bench_print ("load the deck's progress (once per deck)", "%.1f ms", progress_ms);
  bench_print ("build the study queue", "%.1f ms (median of %u), %u cards queued",
               build_ms, N_BUILDS, n_queued);
  bench_print ("grade a card, committed", "%.2f ms (median of %u; slowest %.2f ms)",
               grade_ms, N_GRADES, grades[N_GRADES - 1]);
  bench_verdict ("build the study queue", build_ms <= 20.0, "≤ 20 ms");
  bench_verdict ("grade a card", grade_ms <= 10.0, "≤ 10 ms");
}
