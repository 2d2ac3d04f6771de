/* shuati-store-marks.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the card browser does to cards besides reviewing them: suspend
 * (never scheduled until unsuspended), bury (left out of study until a
 * given time, the end of the learner's day), forget (back to new; the
 * review history stays), and snapshots of all of a card's progress so
 * that any of these, and starring, can be undone.
 *
 * Every batch is one transaction; a batch of one card announces that
 * card on ShuatiStore::changed, a larger one the whole deck.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-store-private.h"

struct _ShuatiCardSnapshot
{
  char   *deck_id;
  GArray *entries;  /* SnapshotEntry */
};

typedef struct
{
  char         *card_id;
  gboolean      has_memory;
  ShuatiMemory  memory;
  gboolean      starred;
  gboolean      suspended;
  gint64        buried_until;
} SnapshotEntry;

/**
 * shuati_memory_is_leech:
 *
 * Returns: whether the card has lapsed at least %SHUATI_LEECH_LAPSES times
 */
gboolean
shuati_memory_is_leech (const ShuatiMemory *memory)
{
  g_return_val_if_fail (memory != NULL, FALSE);

  return memory->lapses >= SHUATI_LEECH_LAPSES;
}

static int
exec (ShuatiStore *self,
      const char  *sql)
{
  return sqlite3_exec (shuati_store_get_database (self), sql, NULL, NULL, NULL);
}

static void
rollback (ShuatiStore *self)
{
  sqlite3 *db = shuati_store_get_database (self);

  if (db != NULL && !sqlite3_get_autocommit (db))
    exec (self, "ROLLBACK");
}

static int
prepare (ShuatiStore   *self,
         const char    *sql,
         sqlite3_stmt **stmt)
{
  sqlite3 *db = shuati_store_get_database (self);

  *stmt = NULL;
  if (db == NULL)
    return SQLITE_CANTOPEN;
  return sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);
}

static void
emit_changed (ShuatiStore        *self,
              const char         *deck_id,
              const char * const *card_ids)
{
  guint n = g_strv_length ((char **)card_ids);

  if (n == 0)
    return;
  shuati_store_emit_changed (self, deck_id, n == 1 ? card_ids[0] : NULL);
}

/* Runs @sql once per card of @card_ids, binding the deck as ?1, the card
 * as ?2 and @value as ?3, all in one transaction. */
static gboolean
write_each (ShuatiStore          *self,
            const char           *sql,
            ShuatiStoreEventType  event,
            const char           *deck_id,
            const char * const   *card_ids,
            gint64                value,
            GError              **error)
{
  ShuatiStoreEvent details = { .time = value };

  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!shuati_store_ensure_file (self, error))
    return FALSE;

  shuati_store_journal_discard (self);
  if ((rc = exec (self, "BEGIN IMMEDIATE")) != SQLITE_OK)
    goto failed;
  if ((rc = prepare (self, sql, &stmt)) != SQLITE_OK)
    goto failed;

  for (guint i = 0; card_ids[i] != NULL; i++)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, card_ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, value);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        goto failed;
      shuati_store_journal_add (self, event, deck_id, card_ids[i], &details);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!shuati_store_journal_flush (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if ((rc = exec (self, "COMMIT")) != SQLITE_OK)
    goto failed;

  emit_changed (self, deck_id, card_ids);
  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  shuati_store_set_write_error (self, rc, error);
  rollback (self);
  return FALSE;
}

/**
 * shuati_store_set_suspended:
 * @card_ids: (array zero-terminated=1): the cards
 * @suspended: whether to suspend or unsuspend them
 *
 * A suspended card is never studied until it is unsuspended; its
 * memory and history are kept. Also for importers, which may bring
 * cards in suspended.
 */
gboolean
shuati_store_set_suspended (ShuatiStore         *self,
                            const char          *deck_id,
                            const char * const  *card_ids,
                            gboolean             suspended,
                            GError             **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_ids != NULL, FALSE);

  return write_each (self,
                     "INSERT INTO marks (deck_id, card_id, suspended) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (deck_id, card_id) DO UPDATE SET suspended = excluded.suspended",
                     suspended ? SHUATI_STORE_EVENT_SUSPEND : SHUATI_STORE_EVENT_UNSUSPEND, deck_id, card_ids, suspended ? 1 : 0, error);
}

/**
 * shuati_store_bury:
 * @card_ids: (array zero-terminated=1): the cards
 * @until: unix seconds; the cards are left out of study before then
 *   (shuati_day_end() buries until tomorrow; 0 unburies)
 */
gboolean
shuati_store_bury (ShuatiStore         *self,
                   const char          *deck_id,
                   const char * const  *card_ids,
                   gint64               until,
                   GError             **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_ids != NULL, FALSE);
  g_return_val_if_fail (until >= 0, FALSE);

  return write_each (self,
                     "INSERT INTO marks (deck_id, card_id, buried_until) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT (deck_id, card_id) DO UPDATE SET buried_until = excluded.buried_until",
                     SHUATI_STORE_EVENT_BURY, deck_id, card_ids, until, error);
}

/**
 * shuati_store_forget_cards:
 * @card_ids: (array zero-terminated=1): the cards
 *
 * Makes the cards new again. Their review history stays (the statistics
 * still count it); stars and marks stay too.
 */
gboolean
shuati_store_forget_cards (ShuatiStore         *self,
                           const char          *deck_id,
                           const char * const  *card_ids,
                           GError             **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_ids != NULL, FALSE);

  return write_each (self, "DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2 AND ?3 = ?3",
                     SHUATI_STORE_EVENT_FORGET, deck_id, card_ids, 0, error);
}

static gint64
query_mark (ShuatiStore *self,
            const char  *column_sql,
            const char  *deck_id,
            const char  *card_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (prepare (self, column_sql, &stmt) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

gboolean
shuati_store_is_suspended (ShuatiStore *self,
                           const char  *deck_id,
                           const char  *card_id)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);

  return query_mark (self, "SELECT suspended FROM marks WHERE deck_id = ?1 AND card_id = ?2",
                     deck_id, card_id) != 0;
}

/**
 * shuati_store_get_buried_until:
 *
 * Returns: until when the card is buried (unix seconds), or 0 when it
 *   never was; a time in the past means it is no longer buried
 */
gint64
shuati_store_get_buried_until (ShuatiStore *self,
                               const char  *deck_id,
                               const char  *card_id)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), 0);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, 0);

  return query_mark (self, "SELECT buried_until FROM marks WHERE deck_id = ?1 AND card_id = ?2",
                     deck_id, card_id);
}

static GHashTable *
load_ids (ShuatiStore  *self,
          const char   *sql,
          const char   *deck_id,
          gint64        value,
          GError      **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = prepare (self, sql, &stmt)) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

/**
 * shuati_store_load_suspended:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the ids
 *   of the suspended cards of @deck_id, or %NULL with @error set
 */
GHashTable *
shuati_store_load_suspended (ShuatiStore  *self,
                             const char   *deck_id,
                             GError      **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  return load_ids (self, "SELECT card_id FROM marks WHERE deck_id = ?1 AND suspended != 0 AND ?2 = ?2",
                   deck_id, 0, error);
}

/**
 * shuati_store_load_buried:
 * @now: unix seconds
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the ids
 *   of the cards of @deck_id buried beyond @now, or %NULL with @error set
 */
GHashTable *
shuati_store_load_buried (ShuatiStore  *self,
                          const char   *deck_id,
                          gint64        now,
                          GError      **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  return load_ids (self, "SELECT card_id FROM marks WHERE deck_id = ?1 AND buried_until > ?2",
                   deck_id, now, error);
}

/**
 * shuati_store_load_card_history:
 *
 * Returns: (transfer full) (element-type ShuatiHistoryEntry): the card's
 *   reviews, oldest first, or %NULL with @error set
 */
GArray *
shuati_store_load_card_history (ShuatiStore  *self,
                           const char   *deck_id,
                           const char   *card_id,
                           GError      **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ShuatiHistoryEntry));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, NULL);

  rc = prepare (self,
                "SELECT reviewed_at, rating, scheduled_days, elapsed_days, stability, duration_ms"
                " FROM reviews WHERE deck_id = ?1 AND card_id = ?2 ORDER BY reviewed_at, id",
                &stmt);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShuatiHistoryEntry entry;

      entry.reviewed_at = sqlite3_column_int64 (stmt, 0);
      entry.rating = CLAMP (sqlite3_column_int (stmt, 1), SHUATI_RATING_AGAIN, SHUATI_RATING_EASY);
      entry.scheduled_days = sqlite3_column_double (stmt, 2);
      entry.elapsed_days = sqlite3_column_double (stmt, 3);
      entry.stability = sqlite3_column_double (stmt, 4);
      entry.duration_ms = (guint)CLAMP (sqlite3_column_int64 (stmt, 5), 0, G_MAXUINT);
      g_array_append_val (entries, entry);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Snapshots */

static void
clear_entry (gpointer data)
{
  SnapshotEntry *entry = data;

  g_free (entry->card_id);
}

void
shuati_card_snapshot_free (ShuatiCardSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->deck_id);
  g_array_unref (snapshot->entries);
  g_free (snapshot);
}

guint
shuati_card_snapshot_get_n_cards (const ShuatiCardSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);

  return snapshot->entries->len;
}

/**
 * shuati_store_snapshot:
 * @card_ids: (array zero-terminated=1): the cards
 *
 * Reads everything the browser's actions change of the cards (memory,
 * star, suspension, burial), to undo them with
 * shuati_store_restore_snapshot().
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
ShuatiCardSnapshot *
shuati_store_snapshot (ShuatiStore         *self,
                       const char          *deck_id,
                       const char * const  *card_ids,
                       GError             **error)
{
  ShuatiCardSnapshot *snapshot;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL && card_ids != NULL, NULL);

  if ((rc = prepare (self, "SELECT suspended, buried_until FROM marks WHERE deck_id = ?1 AND card_id = ?2",
                     &stmt)) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }

  snapshot = g_new0 (ShuatiCardSnapshot, 1);
  snapshot->deck_id = g_strdup (deck_id);
  snapshot->entries = g_array_new (FALSE, TRUE, sizeof (SnapshotEntry));
  g_array_set_clear_func (snapshot->entries, clear_entry);

  for (guint i = 0; card_ids[i] != NULL; i++)
    {
      SnapshotEntry entry = { 0, };
      GError *local_error = NULL;

      entry.card_id = g_strdup (card_ids[i]);
      entry.has_memory = shuati_store_get_memory (self, deck_id, card_ids[i], &entry.memory, &local_error);
      if (local_error == NULL)
        entry.starred = shuati_store_is_starred (self, deck_id, card_ids[i]);

      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, card_ids[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          entry.suspended = sqlite3_column_int (stmt, 0) != 0;
          entry.buried_until = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      g_array_append_val (snapshot->entries, entry);

      if (local_error != NULL || (rc != SQLITE_ROW && rc != SQLITE_DONE))
        {
          sqlite3_finalize (stmt);
          shuati_card_snapshot_free (snapshot);
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            shuati_store_set_read_error (self, rc, error);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);

  return snapshot;
}

/**
 * shuati_store_restore_snapshot:
 *
 * Puts the cards of @snapshot back as they were when it was taken, in
 * one transaction. Reviews made since stay in the history.
 */
gboolean
shuati_store_restore_snapshot (ShuatiStore               *self,
                               const ShuatiCardSnapshot  *snapshot,
                               GError                   **error)
{
  static const char * const sql[] = {
    "INSERT OR REPLACE INTO cards (deck_id, card_id, state, step, stability, difficulty, due,"
    " last_review, reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2",
    "INSERT OR IGNORE INTO stars (deck_id, card_id, starred_at) VALUES (?1, ?2, ?3)",
    "DELETE FROM stars WHERE deck_id = ?1 AND card_id = ?2",
    "INSERT OR REPLACE INTO marks (deck_id, card_id, suspended, buried_until) VALUES (?1, ?2, ?3, ?4)",
  };
  enum { PUT, DELETE, STAR, UNSTAR, MARK };
  sqlite3_stmt *stmts[G_N_ELEMENTS (sql)] = { NULL, };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  if (!shuati_store_ensure_file (self, error))
    return FALSE;

  shuati_store_journal_discard (self);
  if ((rc = exec (self, "BEGIN IMMEDIATE")) != SQLITE_OK)
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if ((rc = prepare (self, sql[i], &stmts[i])) != SQLITE_OK)
      goto failed;

  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      const SnapshotEntry *entry = &g_array_index (snapshot->entries, SnapshotEntry, i);
      sqlite3_stmt *writes[3];

      writes[0] = stmts[entry->has_memory ? PUT : DELETE];
      writes[1] = stmts[entry->starred ? STAR : UNSTAR];
      writes[2] = stmts[MARK];

      if (entry->has_memory)
        {
          const ShuatiMemory *m = &entry->memory;

          sqlite3_bind_int (writes[0], 3, m->state);
          sqlite3_bind_int64 (writes[0], 4, m->step);
          sqlite3_bind_double (writes[0], 5, m->stability);
          sqlite3_bind_double (writes[0], 6, m->difficulty);
          sqlite3_bind_int64 (writes[0], 7, m->due);
          sqlite3_bind_int64 (writes[0], 8, m->last_review);
          sqlite3_bind_int64 (writes[0], 9, m->reps);
          sqlite3_bind_int64 (writes[0], 10, m->lapses);
        }
      if (entry->starred)
        sqlite3_bind_int64 (writes[1], 3, now);
      sqlite3_bind_int (writes[2], 3, entry->suspended ? 1 : 0);
      sqlite3_bind_int64 (writes[2], 4, entry->buried_until);

      for (guint w = 0; w < G_N_ELEMENTS (writes); w++)
        {
          sqlite3_bind_text (writes[w], 1, snapshot->deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (writes[w], 2, entry->card_id, -1, SQLITE_STATIC);
          rc = sqlite3_step (writes[w]);
          sqlite3_reset (writes[w]);
          if (rc != SQLITE_DONE)
            goto failed;
        }

      /* Other devices get the marks back; a memory put back after
       * forgetting stays on this device until the card is reviewed. */
      {
        ShuatiStoreEvent details = { .time = entry->buried_until };

        shuati_store_journal_add (self, entry->starred ? SHUATI_STORE_EVENT_STAR : SHUATI_STORE_EVENT_UNSTAR,
                                  snapshot->deck_id, entry->card_id, NULL);
        shuati_store_journal_add (self, entry->suspended ? SHUATI_STORE_EVENT_SUSPEND : SHUATI_STORE_EVENT_UNSUSPEND,
                                  snapshot->deck_id, entry->card_id, NULL);
        shuati_store_journal_add (self, SHUATI_STORE_EVENT_BURY, snapshot->deck_id, entry->card_id, &details);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  if (!shuati_store_journal_flush (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if ((rc = exec (self, "COMMIT")) != SQLITE_OK)
    goto failed;

  if (snapshot->entries->len == 1)
    shuati_store_emit_changed (self, snapshot->deck_id,
                               g_array_index (snapshot->entries, SnapshotEntry, 0).card_id);
  else if (snapshot->entries->len > 1)
    shuati_store_emit_changed (self, snapshot->deck_id, NULL);
  return TRUE;

failed:
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
  shuati_store_set_write_error (self, rc, error);
  rollback (self);
  return FALSE;
}
