/* stats-db.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers that write rows into the progress store's schema, for
 * the statistics tests, the benchmark and the history generator.
 */

#pragma once

#include <glib.h>

#include "shuati-store-private.h"

static inline void
stats_db_exec (sqlite3    *db,
               const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The progress store makes the schema, so that the tests read what the
 * app writes; then a plain connection writes the history fast. */
static inline sqlite3 *
stats_db_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = shuati_store_new (path, &error);
  sqlite3 *db = NULL;

  if (store == NULL)
    g_error ("cannot create %s: %s", path, error->message);
  g_object_unref (store);

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  return db;
}

static inline void
stats_db_add_review (sqlite3    *db,
                     const char *deck_id,
                     const char *card_id,
                     gint64      reviewed_at,
                     int         rating,
                     int         state_before,
                     int         duration_ms)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before,"
                          " state_after, stability, difficulty, elapsed_days, scheduled_days, duration_ms)"
                          " VALUES (?, ?, ?, ?, ?, ?, 5.0, 5.0, 1.0, 3.0, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, reviewed_at);
  sqlite3_bind_int (stmt, 4, rating);
  sqlite3_bind_int (stmt, 5, state_before);
  sqlite3_bind_int (stmt, 6, rating == 1 ? 3 : 2);
  sqlite3_bind_int (stmt, 7, duration_ms);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

static inline void
stats_db_set_card (sqlite3    *db,
                   const char *deck_id,
                   const char *card_id,
                   int         state,
                   double      stability,
                   gint64      due)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT OR REPLACE INTO cards (deck_id, card_id, state, stability, difficulty,"
                          " due, last_review, reps, lapses) VALUES (?, ?, ?, ?, 5.0, ?, ?, 1, 0)",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, state);
  sqlite3_bind_double (stmt, 4, stability);
  sqlite3_bind_int64 (stmt, 5, due);
  sqlite3_bind_int64 (stmt, 6, due - 86400);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}
