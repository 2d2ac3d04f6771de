/* shuati-store-copy.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy of a deck (the learner's own copy of the built-in deck) takes
 * the learner's progress on its cards along: each card's memory, its
 * review history, which also makes its 错题本 (mistake book) membership,
 * the star, the manual mistake-book mark, and suspended or buried.
 */

#include "config.h"

#include "shuati-store-private.h"

/* Each runs once per card: ?1 the deck copied from, ?2 the copy, ?3 the
 * card. Reviews get new ids; everything else keeps its values. */
static const char * const copy_sql[] = {
  "INSERT INTO cards (deck_id, card_id, state, step, stability, difficulty, due,"
  " last_review, reps, lapses)"
  " SELECT ?2, card_id, state, step, stability, difficulty, due, last_review, reps, lapses"
  " FROM cards WHERE deck_id = ?1 AND card_id = ?3",
  "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before, state_after,"
  " stability, difficulty, elapsed_days, scheduled_days, duration_ms, prev_state, prev_step,"
  " prev_stability, prev_difficulty, prev_due, prev_last_review, prev_reps, prev_lapses)"
  " SELECT ?2, card_id, reviewed_at, rating, state_before, state_after,"
  " stability, difficulty, elapsed_days, scheduled_days, duration_ms, prev_state, prev_step,"
  " prev_stability, prev_difficulty, prev_due, prev_last_review, prev_reps, prev_lapses"
  " FROM reviews WHERE deck_id = ?1 AND card_id = ?3 ORDER BY reviewed_at, id",
  "INSERT OR IGNORE INTO stars (deck_id, card_id, starred_at)"
  " SELECT ?2, card_id, starred_at FROM stars WHERE deck_id = ?1 AND card_id = ?3",
  "INSERT OR IGNORE INTO marks (deck_id, card_id, suspended, buried_until)"
  " SELECT ?2, card_id, suspended, buried_until FROM marks WHERE deck_id = ?1 AND card_id = ?3",
  "INSERT OR IGNORE INTO mistake_marks (deck_id, card_id, marked_at, member)"
  " SELECT ?2, card_id, marked_at, member FROM mistake_marks WHERE deck_id = ?1 AND card_id = ?3",
};

/* What the copy of a card got, told to the other devices as events of
 * the copy (sync): ?1 the copy, ?2 the card. The memory is not told:
 * every device replays it from the reviews. */
static const char journal_sql[] =
  "SELECT 0, id, reviewed_at, rating, duration_ms FROM reviews WHERE deck_id = ?1 AND card_id = ?2"
  " UNION ALL SELECT 1, 0, 0, 0, 0 FROM stars WHERE deck_id = ?1 AND card_id = ?2"
  " UNION ALL SELECT 2, 0, 0, 0, 0 FROM marks WHERE deck_id = ?1 AND card_id = ?2 AND suspended != 0"
  " UNION ALL SELECT 3, 0, buried_until, 0, 0 FROM marks WHERE deck_id = ?1 AND card_id = ?2 AND buried_until != 0"
  " UNION ALL SELECT 4, 0, marked_at, member, 0 FROM mistake_marks WHERE deck_id = ?1 AND card_id = ?2"
  " ORDER BY 1, 3, 2";

static int
journal_card (ShuatiStore  *self,
              sqlite3_stmt *stmt,
              const char   *deck_id,
              const char   *card_id)
{
  static const ShuatiStoreEventType types[] = {
    SHUATI_STORE_EVENT_REVIEW, SHUATI_STORE_EVENT_STAR, SHUATI_STORE_EVENT_SUSPEND,
    SHUATI_STORE_EVENT_BURY, SHUATI_STORE_EVENT_MISTAKE,
  };
  int rc;

  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      ShuatiStoreEvent details = {
        .review_id = sqlite3_column_int64 (stmt, 1),
        .time = sqlite3_column_int64 (stmt, 2),
        .rating = sqlite3_column_int (stmt, 3),
        .member = sqlite3_column_int (stmt, 3) != 0,
        .duration_ms = (guint)CLAMP (sqlite3_column_int64 (stmt, 4), 0, 3600 * 1000),
      };

      if (kind >= 0 && kind < (int)G_N_ELEMENTS (types))
        shuati_store_journal_add (self, types[kind], deck_id, card_id, &details);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A card the copy already has a memory or a review of keeps its own. */
static const char has_progress_sql[] =
  "SELECT 1 FROM cards WHERE deck_id = ?1 AND card_id = ?2"
  " UNION ALL SELECT 1 FROM reviews WHERE deck_id = ?1 AND card_id = ?2 LIMIT 1";

/**
 * shuati_store_copy_deck_progress:
 * @from_deck_id: the deck copied
 * @to_deck_id: its copy
 * @card_ids: (array zero-terminated=1): the cards of the copy, under the
 *   same ids as in @from_deck_id
 * @n_copied: (out) (optional): how many cards had progress to copy
 *
 * Gives the cards of @to_deck_id the learner's progress on the same
 * cards of @from_deck_id: memory, reviews (and so the mistake book),
 * star, manual mistake-book mark, suspended and buried. All of it is
 * one transaction: on failure nothing was written. A card @to_deck_id
 * already has progress of its own for keeps it; copying again adds
 * nothing. The source is left as it is.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_store_copy_deck_progress (ShuatiStore         *self,
                                 const char          *from_deck_id,
                                 const char          *to_deck_id,
                                 const char * const  *card_ids,
                                 guint               *n_copied,
                                 GError             **error)
{
  sqlite3_stmt *stmts[G_N_ELEMENTS (copy_sql)] = { NULL, };
  sqlite3_stmt *has_progress = NULL;
  sqlite3_stmt *journal = NULL;
  sqlite3 *db;
  guint copied = 0;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (from_deck_id != NULL && to_deck_id != NULL, FALSE);
  g_return_val_if_fail (card_ids != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (from_deck_id, to_deck_id) != 0, FALSE);

  if (!shuati_store_ensure_file (self, error))
    return FALSE;
  db = shuati_store_get_database (self);

  shuati_store_journal_discard (self);
  if ((rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
    {
      shuati_store_set_write_error (self, rc, error);
      return FALSE;
    }

  if ((rc = sqlite3_prepare_v2 (db, has_progress_sql, -1, &has_progress, NULL)) != SQLITE_OK)
    goto failed;
  if (shuati_store_has_journal (self) &&
      (rc = sqlite3_prepare_v2 (db, journal_sql, -1, &journal, NULL)) != SQLITE_OK)
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (copy_sql); i++)
    if ((rc = sqlite3_prepare_v2 (db, copy_sql[i], -1, &stmts[i], NULL)) != SQLITE_OK)
      goto failed;

  for (guint c = 0; card_ids[c] != NULL; c++)
    {
      gboolean any = FALSE;

      sqlite3_bind_text (has_progress, 1, to_deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (has_progress, 2, card_ids[c], -1, SQLITE_STATIC);
      rc = sqlite3_step (has_progress);
      sqlite3_reset (has_progress);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        goto failed;

      for (guint i = 0; i < G_N_ELEMENTS (copy_sql); i++)
        {
          sqlite3_bind_text (stmts[i], 1, from_deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmts[i], 2, to_deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmts[i], 3, card_ids[c], -1, SQLITE_STATIC);
          rc = sqlite3_step (stmts[i]);
          sqlite3_reset (stmts[i]);
          if (rc != SQLITE_DONE)
            goto failed;
          any |= sqlite3_changes (db) > 0;
        }
      if (any)
        copied++;
      if (any && journal != NULL && (rc = journal_card (self, journal, to_deck_id, card_ids[c])) != SQLITE_OK)
        goto failed;
    }

  g_clear_pointer (&has_progress, sqlite3_finalize);
  g_clear_pointer (&journal, sqlite3_finalize);
  for (guint i = 0; i < G_N_ELEMENTS (copy_sql); i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  if (!shuati_store_journal_flush (self, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if ((rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    goto failed;

  if (n_copied != NULL)
    *n_copied = copied;
  if (copied > 0)
    shuati_store_emit_changed (self, to_deck_id, NULL);
  return TRUE;

failed:
  g_clear_pointer (&has_progress, sqlite3_finalize);
  g_clear_pointer (&journal, sqlite3_finalize);
  shuati_store_journal_discard (self);
  for (guint i = 0; i < G_N_ELEMENTS (copy_sql); i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  shuati_store_set_write_error (self, rc, error);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
