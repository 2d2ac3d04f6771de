/* shuati-store-history.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Study history brought in from elsewhere (an Anki package), written in
 * one transaction.
 */

#include "config.h"

#include "shuati-anki-package.h"
#include "shuati-store-private.h"
#include "shuati-store.h"

static void
bind_memory (sqlite3_stmt       *stmt,
             int                 first,
             const ShuatiMemory *m)
{
  sqlite3_bind_int (stmt, first, m->state);
  sqlite3_bind_int64 (stmt, first + 1, m->step);
  sqlite3_bind_double (stmt, first + 2, m->stability);
  sqlite3_bind_double (stmt, first + 3, m->difficulty);
  sqlite3_bind_int64 (stmt, first + 4, m->due);
  sqlite3_bind_int64 (stmt, first + 5, m->last_review);
  sqlite3_bind_int64 (stmt, first + 6, m->reps);
  sqlite3_bind_int64 (stmt, first + 7, m->lapses);
}

/**
 * shuati_store_import_history:
 * @reviews: (element-type ShuatiImportReview): per card, oldest first
 * @memories: card id → #ShuatiMemory each card is left with
 * @n_cards: (out) (optional): how many cards got their history
 *
 * Writes a deck's imported history: the reviews and each card's memory,
 * in one transaction, so that either all of it is in or none. A card the
 * store already knows in this deck keeps what it has: importing a package
 * again never doubles its history or undoes progress made since.
 *
 * Returns: %TRUE, or %FALSE with @error set; then nothing was written
 */
gboolean
shuati_store_import_history (ShuatiStore  *self,
                             const char   *deck_id,
                             GArray       *reviews,
                             GHashTable   *memories,
                             guint        *n_cards,
                             GError      **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db;
  sqlite3_stmt *exists = NULL;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *put = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint written = 0;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && memories != NULL, FALSE);

  db = shuati_store_get_database (self);
  if (db == NULL)
    {
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED, "%s", "the progress file is closed");
      return FALSE;
    }

  shuati_store_journal_discard (self);
  if ((rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
    goto failed;

  if ((rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM cards WHERE deck_id = ?1 AND card_id = ?2",
                                -1, &exists, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (db,
                                "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before, state_after,"
                                " stability, difficulty, elapsed_days, scheduled_days, duration_ms, prev_state, prev_step,"
                                " prev_stability, prev_difficulty, prev_due, prev_last_review, prev_reps, prev_lapses)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                                -1, &insert, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (db,
                                "INSERT OR REPLACE INTO cards (deck_id, card_id, state, step, stability, difficulty, due,"
                                " last_review, reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                -1, &put, NULL)) != SQLITE_OK)
    goto failed_in_transaction;

  /* Cards with progress of their own are left as they are. */
  g_hash_table_iter_init (&iter, memories);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_text (exists, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (exists, 2, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (exists);
      sqlite3_reset (exists);
      if (rc == SQLITE_ROW)
        g_hash_table_add (known, key);
      else if (rc != SQLITE_DONE)
        goto failed_in_transaction;
    }

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      const ShuatiImportReview *review = &g_array_index (reviews, ShuatiImportReview, i);

      if (g_hash_table_contains (known, review->card_id))
        continue;
      sqlite3_bind_text (insert, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, review->card_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, review->reviewed_at);
      sqlite3_bind_int (insert, 4, review->rating);
      sqlite3_bind_int (insert, 5, review->before.state);
      sqlite3_bind_int (insert, 6, review->after.state);
      sqlite3_bind_double (insert, 7, review->after.stability);
      sqlite3_bind_double (insert, 8, review->after.difficulty);
      sqlite3_bind_double (insert, 9, review->info.elapsed_days);
      sqlite3_bind_double (insert, 10, review->info.scheduled_days);
      sqlite3_bind_int64 (insert, 11, review->duration_ms);
      if (review->before.state != SHUATI_CARD_NEW)
        bind_memory (insert, 12, &review->before);
      else
        for (int c = 12; c <= 19; c++)
          sqlite3_bind_null (insert, c);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        goto failed_in_transaction;
      /* Each review goes to the other devices as one made here; they
       * replay the card's history as this one does. */
      {
        ShuatiStoreEvent details = {
          .review_id = sqlite3_last_insert_rowid (db),
          .time = review->reviewed_at,
          .rating = review->rating,
          .duration_ms = review->duration_ms,
        };

        shuati_store_journal_add (self, SHUATI_STORE_EVENT_REVIEW, deck_id, review->card_id, &details);
      }
    }

  g_hash_table_iter_init (&iter, memories);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (known, key))
        continue;
      sqlite3_bind_text (put, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 2, key, -1, SQLITE_STATIC);
      bind_memory (put, 3, value);
      rc = sqlite3_step (put);
      sqlite3_reset (put);
      if (rc != SQLITE_DONE)
        goto failed_in_transaction;
      written++;
    }

  g_clear_pointer (&exists, sqlite3_finalize);
  g_clear_pointer (&insert, sqlite3_finalize);
  g_clear_pointer (&put, sqlite3_finalize);
  if (!shuati_store_journal_flush (self, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if ((rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    goto failed_in_transaction;

  if (n_cards != NULL)
    *n_cards = written;
  if (written > 0)
    g_signal_emit_by_name (self, "changed", deck_id, NULL);
  return TRUE;

failed_in_transaction:
  g_clear_pointer (&exists, sqlite3_finalize);
  g_clear_pointer (&insert, sqlite3_finalize);
  g_clear_pointer (&put, sqlite3_finalize);
  shuati_store_journal_discard (self);
  shuati_store_set_write_error (self, rc, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;

failed:
  shuati_store_set_write_error (self, rc, error);
  return FALSE;
}

static char **
to_strv (GPtrArray *ids)
{
  char **strv = g_new0 (char *, (ids != NULL ? ids->len : 0) + 1);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    strv[i] = g_ptr_array_index (ids, i);
  return strv;
}

/**
 * shuati_store_import_marks:
 * @suspended: (nullable) (element-type utf8): cards to suspend
 * @buried: (nullable) (element-type utf8): cards to bury
 * @buried_until: unix seconds: the end of the learner's day
 *
 * Gives imported cards the states they had where they came from:
 * suspended cards stay suspended, buried ones are left out of study
 * until @buried_until. Each list is one transaction of the card
 * browser's batch API.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_store_import_marks (ShuatiStore  *self,
                           const char   *deck_id,
                           GPtrArray    *suspended,
                           GPtrArray    *buried,
                           gint64        buried_until,
                           GError      **error)
{
  g_autofree char **suspended_ids = to_strv (suspended);
  g_autofree char **buried_ids = to_strv (buried);

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);

  if (suspended_ids[0] != NULL &&
      !shuati_store_set_suspended (self, deck_id, (const char * const *)suspended_ids, TRUE, error))
    return FALSE;
  if (buried_ids[0] != NULL &&
      !shuati_store_bury (self, deck_id, (const char * const *)buried_ids, buried_until, error))
    return FALSE;
  return TRUE;
}

/**
 * shuati_store_load_history:
 * @reviews: (out) (transfer full) (element-type ShuatiImportReview): the
 *   deck's reviews, per card, oldest first
 * @memories: (out) (transfer full): card id → #ShuatiMemory
 *
 * Reads a deck's whole history, to write it elsewhere (an Anki package).
 */
gboolean
shuati_store_load_history (ShuatiStore  *self,
                           const char   *deck_id,
                           GArray      **reviews,
                           GHashTable  **memories,
                           GError      **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  g_autoptr(GHashTable) map = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);

  g_array_set_clear_func (list, shuati_import_review_clear);
  if (!shuati_store_load_deck (self, deck_id, &map, error))
    return FALSE;

  db = shuati_store_get_database (self);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT card_id, reviewed_at, rating, duration_ms, state_before, state_after,"
                           " stability, difficulty, scheduled_days, elapsed_days FROM reviews"
                           " WHERE deck_id = ?1 ORDER BY card_id, reviewed_at, id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShuatiImportReview review = { 0 };

      review.card_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      review.reviewed_at = sqlite3_column_int64 (stmt, 1);
      review.rating = sqlite3_column_int (stmt, 2);
      review.duration_ms = sqlite3_column_int64 (stmt, 3);
      review.before.state = sqlite3_column_int (stmt, 4);
      review.after.state = sqlite3_column_int (stmt, 5);
      review.after.stability = sqlite3_column_double (stmt, 6);
      review.after.difficulty = sqlite3_column_double (stmt, 7);
      review.info.scheduled_days = sqlite3_column_double (stmt, 8);
      review.info.elapsed_days = sqlite3_column_double (stmt, 9);
      g_array_append_val (list, review);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }

  *reviews = g_steal_pointer (&list);
  *memories = g_steal_pointer (&map);
  return TRUE;
}
