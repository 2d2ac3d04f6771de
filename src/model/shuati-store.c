/* shuati-store.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The study progress of every deck in one SQLite database. Every write is
 * one transaction in WAL mode with synchronous=FULL, so a crash or power
 * cut loses at most the review being written, never an earlier one.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-store-private.h"

static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_INSERT_REVIEW] =
    "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before, state_after,"
    " stability, difficulty, elapsed_days, scheduled_days, duration_ms, prev_state, prev_step,"
    " prev_stability, prev_difficulty, prev_due, prev_last_review, prev_reps, prev_lapses)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
  [STMT_PUT_CARD] =
    "INSERT OR REPLACE INTO cards (deck_id, card_id, state, step, stability, difficulty, due,"
    " last_review, reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STMT_DELETE_CARD] = "DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2",
  [STMT_GET_CARD] =
    "SELECT state, step, stability, difficulty, due, last_review, reps, lapses"
    " FROM cards WHERE deck_id = ?1 AND card_id = ?2",
  [STMT_LOAD_DECK] =
    "SELECT state, step, stability, difficulty, due, last_review, reps, lapses, card_id"
    " FROM cards WHERE deck_id = ?1",
  [STMT_GET_REVIEW] =
    "SELECT prev_state, prev_step, prev_stability, prev_difficulty, prev_due,"
    " prev_last_review, prev_reps, prev_lapses, deck_id, card_id FROM reviews WHERE id = ?1",
  [STMT_LATER_REVIEW] =
    "SELECT 1 FROM reviews WHERE deck_id = ?1 AND card_id = ?2 AND id > ?3 LIMIT 1",
  [STMT_DELETE_REVIEW] = "DELETE FROM reviews WHERE id = ?1",
  /* The unary + keeps SQLite on reviews_time: today's few reviews, not
   * the deck's whole history. */
  [STMT_COUNT_NEW] =
    "SELECT count(DISTINCT card_id) FROM reviews"
    " WHERE reviewed_at >= ?2 AND +deck_id = ?1 AND prev_state IS NULL",
  [STMT_STAR] =
    "INSERT OR IGNORE INTO stars (deck_id, card_id, starred_at) VALUES (?1, ?2, ?3)",
  [STMT_UNSTAR] = "DELETE FROM stars WHERE deck_id = ?1 AND card_id = ?2",
  [STMT_IS_STARRED] = "SELECT 1 FROM stars WHERE deck_id = ?1 AND card_id = ?2",
  [STMT_LOAD_STARRED] = "SELECT card_id FROM stars WHERE deck_id = ?1",
  [STMT_LOAD_FORGOTTEN] = "SELECT DISTINCT card_id FROM reviews"
                          " WHERE deck_id = ?1 AND reviewed_at >= ?2 AND rating = 1",
};

G_DEFINE_FINAL_TYPE (ShuatiStore, shuati_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (shuati-store-error-quark, shuati_store_error)

enum {
  CHANGED,
  FILE_RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
shuati_store_close_database (ShuatiStore *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

static void
shuati_store_finalize (GObject *object)
{
  ShuatiStore *self = (ShuatiStore *)object;

  shuati_store_close_database (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->recovered_path, g_free);
  g_clear_pointer (&self->restored_backup, g_free);
  g_clear_pointer (&self->journal_pending, g_array_unref);

  G_OBJECT_CLASS (shuati_store_parent_class)->finalize (object);
}

static void
shuati_store_class_init (ShuatiStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shuati_store_finalize;

  /**
   * ShuatiStore::changed:
   * @deck_id: the deck written to
   * @card_id: (nullable): the card written to, or %NULL when the whole deck changed
   *
   * Emitted after every successful write.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ShuatiStore::file-restored:
   * @message: what happened, in words for the learner
   *
   * Emitted when the progress file was found deleted (or replaced by
   * another file) before a write, and the store wrote it again from the
   * open database (or opened the new file). The write then went ahead
   * into the file on the disk.
   */
  signals[FILE_RESTORED] =
    g_signal_new ("file-restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
clear_event (gpointer data)
{
  ShuatiStoreEvent *event = data;

  g_clear_pointer (&event->deck_id, g_free);
  g_clear_pointer (&event->card_id, g_free);
}

static void
shuati_store_init (ShuatiStore *self)
{
  self->journal_pending = g_array_new (FALSE, TRUE, sizeof (ShuatiStoreEvent));
  g_array_set_clear_func (self->journal_pending, clear_event);
}

/* The journal */

/**
 * shuati_store_set_journal:
 * @func: (nullable): told of every write before it is committed
 *
 * Sync (shuati-sync.c) keeps the journal other devices read.
 */
void
shuati_store_set_journal (ShuatiStore            *self,
                          ShuatiStoreJournalFunc  func,
                          gpointer                user_data)
{
  g_return_if_fail (SHUATI_IS_STORE (self));

  self->journal_func = func;
  self->journal_data = user_data;
  g_array_set_size (self->journal_pending, 0);
}

gboolean
shuati_store_has_journal (ShuatiStore *self)
{
  return self->journal_func != NULL;
}

/* Queues an event of the transaction under way; @details gives the
 * fields besides the type and the card. */
void
shuati_store_journal_add (ShuatiStore            *self,
                          ShuatiStoreEventType    type,
                          const char             *deck_id,
                          const char             *card_id,
                          const ShuatiStoreEvent *details)
{
  ShuatiStoreEvent event = { 0, };

  if (self->journal_func == NULL)
    return;
  if (details != NULL)
    event = *details;
  event.type = type;
  event.deck_id = g_strdup (deck_id);
  event.card_id = g_strdup (card_id);
  g_array_append_val (self->journal_pending, event);
}

/* Writes the queued events, just before the commit. */
gboolean
shuati_store_journal_flush (ShuatiStore  *self,
                            GError      **error)
{
  gboolean ok = TRUE;

  if (self->journal_func != NULL && self->journal_pending->len > 0)
    ok = self->journal_func (self, self->journal_pending, self->journal_data, error);
  g_array_set_size (self->journal_pending, 0);
  return ok;
}

void
shuati_store_journal_discard (ShuatiStore *self)
{
  g_array_set_size (self->journal_pending, 0);
}

/**
 * shuati_review_fuzz_seed:
 *
 * With sync on, a review's fuzz is drawn from this seed, so that every
 * device replaying the card's history draws the same interval.
 */
guint32
shuati_review_fuzz_seed (const char *card_id,
                         gint64      reviewed_at)
{
  return g_str_hash (card_id) ^ (guint32)(reviewed_at * 2654435761u) ^ (guint32)(reviewed_at >> 32);
}

/* Errors */

gboolean
shuati_store_is_disk_full (ShuatiStore *self,
                           int          rc)
{
  int saved_errno;

  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) != SQLITE_IOERR || self->db == NULL)
    return FALSE;
  saved_errno = sqlite3_system_errno (self->db);
  return saved_errno == ENOSPC || saved_errno == EDQUOT;
}

void
shuati_store_set_write_error (ShuatiStore  *self,
                 int           rc,
                 GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  /* A full disk shows in SQLite as SQLITE_FULL, or as an I/O error
   * (SQLITE_IOERR_SHMSIZE, SQLITE_IOERR_WRITE) when it was the WAL or
   * its index that could not grow. */
  if (shuati_store_is_disk_full (self, rc))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_READ_ONLY,
                   _("Could not save your progress: “%s” or its folder is read-only. "
                     "Check the permissions."), name);
      break;

    case SQLITE_FULL:
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FULL,
                   _("Could not save your progress: the disk is full. "
                     "Free some space and try again."));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
                   _("Could not save your progress: “%s” is in use by another program. "
                     "Try again in a moment."), name);
      break;

    default:
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
                   _("Could not save your progress to “%s”: %s"),
                   name, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }
}

void
shuati_store_set_read_error (ShuatiStore  *self,
                int           rc,
                GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  /* Even reading may need room: the WAL index on first use. */
  if (shuati_store_is_disk_full (self, rc))
    {
      shuati_store_set_write_error (self, rc, error);
      return;
    }

  g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
               _("Could not read your progress from “%s”: %s"),
               name, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

/* The file on the disk */

/* Makes sure a write goes into the file that has the progress file's
 * name; see shuati_store_write_again(). */
static gboolean
ensure_file (ShuatiStore  *self,
             GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean deleted;

  if (shuati_store_file_is_current (self))
    return TRUE;

  deleted = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (!shuati_store_write_again (self, error))
    return FALSE;

  name = g_filename_display_name (self->path);
  if (deleted)
    message = g_strdup_printf (_("Your progress file “%s” was deleted while Shuati was running. "
                                 "It has been written again with all your progress."), name);
  else
    message = g_strdup_printf (_("Your progress file “%s” was replaced while Shuati was running. "
                                 "Your progress is now saved in the new file."), name);
  g_signal_emit (self, signals[FILE_RESTORED], 0, message);
  return TRUE;
}

gboolean
shuati_store_ensure_file (ShuatiStore  *self,
                          GError      **error)
{
  return ensure_file (self, error);
}

void
shuati_store_emit_changed (ShuatiStore *self,
                           const char  *deck_id,
                           const char  *card_id)
{
  g_signal_emit (self, signals[CHANGED], 0, deck_id, card_id);
}

static void
set_file_gone_error (ShuatiStore  *self,
                     GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);

  g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED,
               _("Could not save your progress: “%s” keeps disappearing from the disk."), name);
}

/* Statements */

static sqlite3_stmt *
get_stmt (ShuatiStore  *self,
          StmtId        id,
          int          *rc_out)
{
  int rc = SQLITE_OK;

  g_assert (id < N_STMTS);

  /* Closed after its file went and could not be written again. */
  if (self->db == NULL)
    {
      if (rc_out != NULL)
        *rc_out = SQLITE_CANTOPEN;
      return NULL;
    }

  if (self->stmts[id] == NULL)
    rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                             &self->stmts[id], NULL);
  else
    {
      sqlite3_reset (self->stmts[id]);
      sqlite3_clear_bindings (self->stmts[id]);
    }

  if (rc_out != NULL)
    *rc_out = rc;
  return rc == SQLITE_OK ? self->stmts[id] : NULL;
}

static int
run_stmt (ShuatiStore *self,
          StmtId       id)
{
  int rc;
  sqlite3_stmt *stmt = get_stmt (self, id, &rc);

  if (stmt == NULL)
    return rc;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
begin (ShuatiStore *self)
{
  shuati_store_journal_discard (self);
  return run_stmt (self, STMT_BEGIN);
}

static int
commit (ShuatiStore *self)
{
  return run_stmt (self, STMT_COMMIT);
}

static void
rollback (ShuatiStore *self)
{
  /* A failed statement may already have rolled the transaction back. */
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    run_stmt (self, STMT_ROLLBACK);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

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

static void
read_memory (sqlite3_stmt *stmt,
             int           first,
             ShuatiMemory *m)
{
  int state = sqlite3_column_int (stmt, first);

  /* A state this build does not know is read as a new card rather than
   * guessed at; the row itself is left as it is. */
  if (state < SHUATI_CARD_NEW || state > SHUATI_CARD_RELEARNING)
    {
      memset (m, 0, sizeof *m);
      return;
    }

  m->state = state;
  m->step = (guint)CLAMP (sqlite3_column_int64 (stmt, first + 1), 0, G_MAXUINT);
  m->stability = sqlite3_column_double (stmt, first + 2);
  m->difficulty = sqlite3_column_double (stmt, first + 3);
  m->due = sqlite3_column_int64 (stmt, first + 4);
  m->last_review = sqlite3_column_int64 (stmt, first + 5);
  m->reps = (guint)CLAMP (sqlite3_column_int64 (stmt, first + 6), 0, G_MAXUINT);
  m->lapses = (guint)CLAMP (sqlite3_column_int64 (stmt, first + 7), 0, G_MAXUINT);
}

/**
 * shuati_store_new:
 * @path: the database file; created with its folder when missing
 *
 * Opens the progress database. A damaged file, or one that is not a
 * Shuati database, is renamed aside (see
 * shuati_store_get_recovered_path()) and replaced by a copy of the
 * newest backup that opens and has reviews (see shuati_backup_write()
 * and shuati_store_get_restored_backup()), or by a new file when there is
 * none. A file from a newer Shuati is refused and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
ShuatiStore *
shuati_store_new (const char  *path,
                  GError     **error)
{
  g_autoptr(ShuatiStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SHUATI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!shuati_store_open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * shuati_store_new_default:
 *
 * Opens `progress.db` in the user's data folder (`~/.local/share/shuati`).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
ShuatiStore *
shuati_store_new_default (GError **error)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "shuati", "progress.db", NULL);

  return shuati_store_new (path, error);
}

const char *
shuati_store_get_path (ShuatiStore *self)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);

  return self->path;
}

/**
 * shuati_store_get_recovered_path:
 *
 * Returns: (nullable): where a damaged progress file was moved when this
 *   store was opened, or %NULL when nothing was moved
 */
const char *
shuati_store_get_recovered_path (ShuatiStore *self)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);

  return self->recovered_path;
}

/**
 * shuati_store_get_restored_backup:
 *
 * Returns: (nullable) (type filename): the backup whose copy replaced a
 *   damaged progress file when this store was opened (see
 *   shuati_backup_get_date()), or %NULL when none did
 */
const char *
shuati_store_get_restored_backup (ShuatiStore *self)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);

  return self->restored_backup;
}

/**
 * shuati_store_get_database:
 *
 * Returns: (transfer none): the SQLite connection, for read-only queries
 *   such as statistics
 */
sqlite3 *
shuati_store_get_database (ShuatiStore *self)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);

  return self->db;
}

/* Reading */

/**
 * shuati_store_load_deck:
 * @memories: (out) (transfer full) (element-type utf8 ShuatiMemory): card id
 *   to memory for every card of @deck_id that has been studied
 */
gboolean
shuati_store_load_deck (ShuatiStore  *self,
                        const char   *deck_id,
                        GHashTable  **memories,
                        GError      **error)
{
  g_autoptr(GHashTable) table = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);
  g_return_val_if_fail (memories != NULL, FALSE);

  stmt = get_stmt (self, STMT_LOAD_DECK, &rc);
  if (stmt == NULL)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }
  bind_text (stmt, 1, deck_id);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShuatiMemory *m = g_new (ShuatiMemory, 1);
      const char *card_id = (const char *)sqlite3_column_text (stmt, 8);

      read_memory (stmt, 0, m);
      g_hash_table_replace (table, g_strdup (card_id ? card_id : ""), m);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }

  *memories = g_steal_pointer (&table);
  return TRUE;
}

/**
 * shuati_store_get_memory:
 * @memory: (out caller-allocates): the card's memory; all zero (new) when
 *   the card has never been studied or on error
 *
 * Returns: %TRUE if the card has a stored memory; %FALSE if it has none or
 *   on error (then @error is set)
 */
gboolean
shuati_store_get_memory (ShuatiStore   *self,
                         const char    *deck_id,
                         const char    *card_id,
                         ShuatiMemory  *memory,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);
  g_return_val_if_fail (memory != NULL, FALSE);

  memset (memory, 0, sizeof *memory);

  stmt = get_stmt (self, STMT_GET_CARD, &rc);
  if (stmt == NULL)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      read_memory (stmt, 0, memory);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    shuati_store_set_read_error (self, rc, error);
  sqlite3_reset (stmt);

  return found;
}

/* Writing */

/* Writes one review in one transaction. With @scheduler, the card's
 * memory is read inside the transaction into @before and @after computed
 * from it, so that another Shuati writing the same file meanwhile is
 * built on rather than overwritten. Sets @lost, having written nothing,
 * when the file went from under the database before the commit. */
static gint64
write_review (ShuatiStore            *self,
              const char             *deck_id,
              const char             *card_id,
              ShuatiScheduler        *scheduler,
              ShuatiMemory           *before,
              ShuatiMemory           *after,
              ShuatiRating            rating,
              gint64                  reviewed_at,
              const ShuatiReviewInfo *info,
              guint                   duration_ms,
              gboolean               *lost,
              GError                **error)
{
  ShuatiReviewInfo computed;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  *lost = FALSE;

  if ((rc = begin (self)) != SQLITE_OK)
    goto failed;

  if (scheduler != NULL)
    {
      stmt = get_stmt (self, STMT_GET_CARD, &rc);
      if (stmt == NULL)
        goto failed;
      bind_text (stmt, 1, deck_id);
      bind_text (stmt, 2, card_id);
      memset (before, 0, sizeof *before);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        read_memory (stmt, 0, before);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto failed;

      if (self->journal_func != NULL)
        shuati_scheduler_set_fuzz_seed (scheduler, shuati_review_fuzz_seed (card_id, reviewed_at));
      shuati_scheduler_review (scheduler, before, rating, reviewed_at, after, &computed);
      info = &computed;
    }

  stmt = get_stmt (self, STMT_INSERT_REVIEW, &rc);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  sqlite3_bind_int64 (stmt, 3, reviewed_at);
  sqlite3_bind_int (stmt, 4, rating);
  sqlite3_bind_int (stmt, 5, before->state);
  sqlite3_bind_int (stmt, 6, after->state);
  sqlite3_bind_double (stmt, 7, after->stability);
  sqlite3_bind_double (stmt, 8, after->difficulty);
  sqlite3_bind_double (stmt, 9, info ? info->elapsed_days : 0.0);
  sqlite3_bind_double (stmt, 10, info ? info->scheduled_days
                                      : (after->due - reviewed_at) / 86400.0);
  sqlite3_bind_int64 (stmt, 11, duration_ms);
  if (before->state != SHUATI_CARD_NEW)
    bind_memory (stmt, 12, before);
  /* else prev_* stay NULL: the card was new */
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  id = sqlite3_last_insert_rowid (self->db);

  stmt = get_stmt (self, STMT_PUT_CARD, &rc);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  bind_memory (stmt, 3, after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!shuati_store_file_is_current (self))
    {
      rollback (self);
      *lost = TRUE;
      return 0;
    }

  {
    ShuatiStoreEvent details = { .review_id = id, .time = reviewed_at,
                                 .rating = rating, .duration_ms = duration_ms };

    shuati_store_journal_add (self, SHUATI_STORE_EVENT_REVIEW, deck_id, card_id, &details);
    if (!shuati_store_journal_flush (self, error))
      {
        rollback (self);
        return 0;
      }
  }

  if ((rc = commit (self)) != SQLITE_OK)
    goto failed;

  return id;

failed:
  shuati_store_set_write_error (self, rc, error);
  rollback (self);
  return 0;
}

static gint64
write_review_on_disk (ShuatiStore            *self,
                      const char             *deck_id,
                      const char             *card_id,
                      ShuatiScheduler        *scheduler,
                      ShuatiMemory           *before,
                      ShuatiMemory           *after,
                      ShuatiRating            rating,
                      gint64                  reviewed_at,
                      const ShuatiReviewInfo *info,
                      guint                   duration_ms,
                      GError                **error)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gboolean lost = FALSE;
      gint64 id;

      if (!ensure_file (self, error))
        return 0;
      id = write_review (self, deck_id, card_id, scheduler, before, after, rating,
                         reviewed_at, info, duration_ms, &lost, error);
      if (!lost)
        {
          if (id != 0)
            g_signal_emit (self, signals[CHANGED], 0, deck_id, card_id);
          return id;
        }
    }

  set_file_gone_error (self, error);
  return 0;
}

/**
 * shuati_store_record_review:
 * @before: the card's memory before the review (all zero for a new card)
 * @after: the memory the scheduler computed
 * @info: (nullable): elapsed and scheduled days for the log
 *
 * Writes the review log row and the card's new memory in one transaction.
 * A study session uses shuati_store_review_card() instead, which reads
 * @before in the same transaction.
 *
 * Returns: the id of the review (for shuati_store_undo_review()), or 0
 *   with @error set; then nothing was written
 */
gint64
shuati_store_record_review (ShuatiStore            *self,
                            const char             *deck_id,
                            const char             *card_id,
                            const ShuatiMemory     *before,
                            const ShuatiMemory     *after,
                            ShuatiRating            rating,
                            gint64                  reviewed_at,
                            const ShuatiReviewInfo *info,
                            guint                   duration_ms,
                            GError                **error)
{
  ShuatiMemory before_copy;
  ShuatiMemory after_copy;

  g_return_val_if_fail (SHUATI_IS_STORE (self), 0);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, 0);
  g_return_val_if_fail (before != NULL && after != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  before_copy = *before;
  after_copy = *after;
  return write_review_on_disk (self, deck_id, card_id, NULL, &before_copy, &after_copy,
                               rating, reviewed_at, info, duration_ms, error);
}

/**
 * shuati_store_review_card:
 * @scheduler: computes the card's next memory
 * @before: (out caller-allocates): the card's memory before the review,
 *   as the file had it
 * @after: (out caller-allocates): its memory after the review
 *
 * Records a review of a card: reads the card's memory, has @scheduler
 * compute the next one and writes both the log row and the new memory,
 * all in one write transaction. Two Shuati instances sharing one data
 * folder take turns (the second waits up to 5 seconds for the first),
 * and the second review builds on the first.
 *
 * Returns: the id of the review (for shuati_store_undo_review()), or 0
 *   with @error set; then nothing was written
 */
gint64
shuati_store_review_card (ShuatiStore      *self,
                          const char       *deck_id,
                          const char       *card_id,
                          ShuatiScheduler  *scheduler,
                          ShuatiRating      rating,
                          gint64            reviewed_at,
                          guint             duration_ms,
                          ShuatiMemory     *before,
                          ShuatiMemory     *after,
                          GError          **error)
{
  ShuatiMemory before_local;
  ShuatiMemory after_local;
  gint64 id;

  g_return_val_if_fail (SHUATI_IS_STORE (self), 0);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, 0);
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  id = write_review_on_disk (self, deck_id, card_id, scheduler, &before_local, &after_local,
                             rating, reviewed_at, NULL, duration_ms, error);
  if (id != 0)
    {
      if (before != NULL)
        *before = before_local;
      if (after != NULL)
        *after = after_local;
    }
  return id;
}

/**
 * shuati_store_undo_review:
 * @review_id: from shuati_store_record_review()
 * @restored: (out caller-allocates) (optional): the card's memory before
 *   that review (all zero if it was new)
 *
 * Removes the review from the log and puts the card back as it was before
 * it. Only the latest review of a card can be undone.
 */
static gboolean undo_review (ShuatiStore   *self,
                             gint64         review_id,
                             ShuatiMemory  *restored,
                             guint          attempt,
                             GError       **error);

gboolean
shuati_store_undo_review (ShuatiStore   *self,
                          gint64         review_id,
                          ShuatiMemory  *restored,
                          GError       **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return undo_review (self, review_id, restored, 0, error);
}

static gboolean
undo_review (ShuatiStore   *self,
             gint64         review_id,
             ShuatiMemory  *restored,
             guint          attempt,
             GError       **error)
{
  g_autofree char *deck_id = NULL;
  g_autofree char *card_id = NULL;
  ShuatiMemory prev = { 0 };
  gboolean was_new;
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_file (self, error))
    return FALSE;

  if ((rc = begin (self)) != SQLITE_OK)
    goto failed;

  stmt = get_stmt (self, STMT_GET_REVIEW, &rc);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, review_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      rollback (self);
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND,
                   _("That review can no longer be undone: it is not in your progress file."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      goto failed;
    }
  was_new = sqlite3_column_type (stmt, 0) == SQLITE_NULL;
  if (!was_new)
    read_memory (stmt, 0, &prev);
  deck_id = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  card_id = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
  sqlite3_reset (stmt);

  stmt = get_stmt (self, STMT_LATER_REVIEW, &rc);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  sqlite3_bind_int64 (stmt, 3, review_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      rollback (self);
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND,
                   _("That review can no longer be undone: the card was reviewed again since."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = get_stmt (self, STMT_DELETE_REVIEW, &rc);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, review_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = get_stmt (self, was_new ? STMT_DELETE_CARD : STMT_PUT_CARD, &rc);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  if (!was_new)
    bind_memory (stmt, 3, &prev);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!shuati_store_file_is_current (self))
    {
      rollback (self);
      if (attempt > 0)
        {
          set_file_gone_error (self, error);
          return FALSE;
        }
      return undo_review (self, review_id, restored, attempt + 1, error);
    }

  {
    ShuatiStoreEvent details = { .review_id = review_id };

    shuati_store_journal_add (self, SHUATI_STORE_EVENT_UNDO, deck_id, card_id, &details);
    if (!shuati_store_journal_flush (self, error))
      {
        rollback (self);
        return FALSE;
      }
  }

  if ((rc = commit (self)) != SQLITE_OK)
    goto failed;

  if (restored != NULL)
    *restored = prev;
  g_signal_emit (self, signals[CHANGED], 0, deck_id, card_id);
  return TRUE;

failed:
  shuati_store_set_write_error (self, rc, error);
  rollback (self);
  return FALSE;
}

/**
 * shuati_store_count_new_today:
 * @day_start: the start of the user's day, unix seconds
 *
 * Returns: how many cards of @deck_id were studied for the first time
 *   since @day_start (0 on error)
 */
guint
shuati_store_count_new_today (ShuatiStore *self,
                              const char  *deck_id,
                              gint64       day_start)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (SHUATI_IS_STORE (self), 0);
  g_return_val_if_fail (deck_id != NULL, 0);

  stmt = get_stmt (self, STMT_COUNT_NEW, NULL);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, deck_id);
  sqlite3_bind_int64 (stmt, 2, day_start);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* The card ids statement @id returns for @deck_id (and @since, for a
 * statement that takes a time as its second parameter), as a set. */
static GHashTable *
load_card_ids (ShuatiStore   *self,
               StmtId         id,
               const char    *deck_id,
               const gint64  *since,
               GError       **error)
{
  g_autoptr(GHashTable) set = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_stmt (self, id, &rc);
  if (stmt == NULL)
    {
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }
  bind_text (stmt, 1, deck_id);
  if (since != NULL)
    sqlite3_bind_int64 (stmt, 2, *since);

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&set);
}

/**
 * shuati_store_load_forgotten:
 * @since: unix seconds
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the ids of
 *   the cards of @deck_id graded Again since @since, or %NULL with @error set
 */
GHashTable *
shuati_store_load_forgotten (ShuatiStore  *self,
                             const char   *deck_id,
                             gint64        since,
                             GError      **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  return load_card_ids (self, STMT_LOAD_FORGOTTEN, deck_id, &since, error);
}

/* Stars */

gboolean
shuati_store_set_starred (ShuatiStore  *self,
                          const char   *deck_id,
                          const char   *card_id,
                          gboolean      starred,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);

  /* One statement, its own transaction: check the file just before. */
  if (!ensure_file (self, error))
    return FALSE;

  /* With a journal, the statement and its line are one transaction. */
  if (self->journal_func != NULL && (rc = begin (self)) != SQLITE_OK)
    {
      shuati_store_set_write_error (self, rc, error);
      return FALSE;
    }

  stmt = get_stmt (self, starred ? STMT_STAR : STMT_UNSTAR, &rc);
  if (stmt == NULL)
    {
      shuati_store_set_write_error (self, rc, error);
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  if (starred)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      shuati_store_set_write_error (self, rc, error);
      rollback (self);
      return FALSE;
    }

  if (self->journal_func != NULL)
    {
      shuati_store_journal_add (self, starred ? SHUATI_STORE_EVENT_STAR : SHUATI_STORE_EVENT_UNSTAR,
                                deck_id, card_id, NULL);
      if (!shuati_store_journal_flush (self, error))
        {
          rollback (self);
          return FALSE;
        }
      if ((rc = commit (self)) != SQLITE_OK)
        {
          shuati_store_set_write_error (self, rc, error);
          rollback (self);
          return FALSE;
        }
    }

  g_signal_emit (self, signals[CHANGED], 0, deck_id, card_id);
  return TRUE;
}

gboolean
shuati_store_is_starred (ShuatiStore *self,
                         const char  *deck_id,
                         const char  *card_id)
{
  sqlite3_stmt *stmt;
  gboolean starred;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);

  stmt = get_stmt (self, STMT_IS_STARRED, NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, deck_id);
  bind_text (stmt, 2, card_id);
  starred = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return starred;
}

/**
 * shuati_store_load_starred:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of starred
 *   card ids of @deck_id, or %NULL with @error set
 */
GHashTable *
shuati_store_load_starred (ShuatiStore  *self,
                           const char   *deck_id,
                           GError      **error)
{
  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  return load_card_ids (self, STMT_LOAD_STARRED, deck_id, NULL, error);
}

/**
 * shuati_store_forget_deck:
 *
 * Deletes every card memory, review, star and mark of @deck_id.
 */
gboolean
shuati_store_forget_deck (ShuatiStore  *self,
                          const char   *deck_id,
                          GError      **error)
{
  static const char * const sql[] = {
    "DELETE FROM cards WHERE deck_id = ?1",
    "DELETE FROM reviews WHERE deck_id = ?1",
    "DELETE FROM stars WHERE deck_id = ?1",
    "DELETE FROM mistake_marks WHERE deck_id = ?1",
    "DELETE FROM mocks WHERE deck_id = ?1",
    "DELETE FROM plans WHERE deck_id = ?1",
    "DELETE FROM marks WHERE deck_id = ?1",
  };
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);

  if (!ensure_file (self, error))
    return FALSE;

  if ((rc = begin (self)) != SQLITE_OK)
    goto failed;

  /* Told to the other devices as a point in time: every review up to it
   * goes, there too, whichever device made it. */
  if (shuati_store_has_journal (self))
    {
      sqlite3_stmt *stmt = NULL;
      ShuatiStoreEvent details = { 0, };

      rc = sqlite3_prepare_v2 (self->db, "SELECT coalesce (max (reviewed_at), 0) FROM reviews WHERE deck_id = ?1",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          bind_text (stmt, 1, deck_id);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              details.time = sqlite3_column_int64 (stmt, 0);
              rc = SQLITE_OK;
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        goto failed;
      shuati_store_journal_add (self, SHUATI_STORE_EVENT_RESET, deck_id, "", &details);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      rc = sqlite3_prepare_v2 (self->db, sql[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          bind_text (stmt, 1, deck_id);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        goto failed;
    }

  if (!shuati_store_file_is_current (self))
    {
      /* Once more, into the file written again. */
      rollback (self);
      if (!ensure_file (self, error))
        return FALSE;
      return shuati_store_forget_deck (self, deck_id, error);
    }

  if (!shuati_store_journal_flush (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if ((rc = commit (self)) != SQLITE_OK)
    goto failed;

  g_signal_emit (self, signals[CHANGED], 0, deck_id, NULL);
  return TRUE;

failed:
  shuati_store_set_write_error (self, rc, error);
  rollback (self);
  return FALSE;
}

/* Export */

static const char *
state_name (int state)
{
  switch (state)
    {
    case SHUATI_CARD_LEARNING: return "learning";
    case SHUATI_CARD_REVIEW: return "review";
    case SHUATI_CARD_RELEARNING: return "relearning";
    case SHUATI_CARD_NEW:
    default: return "new";
    }
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * shuati_store_export_csv:
 * @deck_id: (nullable): the deck to export, or %NULL for every deck
 *
 * Writes one line per studied card (RFC 4180, CRLF line ends): deck,
 * card, state, due (ISO 8601 UTC), stability, difficulty, reviews, lapses.
 */
gboolean
shuati_store_export_csv (ShuatiStore    *self,
                         const char     *deck_id,
                         GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GString) out = g_string_new ("deck,card,state,due,stability,difficulty,reviews,lapses\r\n");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  rc = self->db == NULL ? SQLITE_CANTOPEN :
       sqlite3_prepare_v2 (self->db,
                           "SELECT deck_id, card_id, state, due, stability, difficulty, reps, lapses"
                           " FROM cards WHERE ?1 IS NULL OR deck_id = ?1 ORDER BY deck_id, card_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }
  if (deck_id != NULL)
    bind_text (stmt, 1, deck_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 3));

      append_csv_field (out, (const char *)sqlite3_column_text (stmt, 0));
      g_string_append_c (out, ',');
      append_csv_field (out, (const char *)sqlite3_column_text (stmt, 1));
      g_string_append_c (out, ',');
      g_string_append (out, state_name (sqlite3_column_int (stmt, 2)));
      g_string_append_c (out, ',');
      /* A due time past year 9999 is left empty rather than made up. */
      if (due != NULL)
        {
          g_autofree char *text = g_date_time_format (due, "%Y-%m-%dT%H:%M:%SZ");

          g_string_append (out, text);
        }
      g_string_append_c (out, ',');
      g_string_append (out, g_ascii_formatd (number, sizeof number, "%.4f",
                                             sqlite3_column_double (stmt, 4)));
      g_string_append_c (out, ',');
      g_string_append (out, g_ascii_formatd (number, sizeof number, "%.4f",
                                             sqlite3_column_double (stmt, 5)));
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\r\n",
                              (gint64)sqlite3_column_int64 (stmt, 6), (gint64)sqlite3_column_int64 (stmt, 7));

      if (out->len >= 64 * 1024)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_string_truncate (out, 0);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
