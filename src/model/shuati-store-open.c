/* shuati-store-open.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the progress database: checking it, bringing its schema up to
 * date, and when it is damaged, moving it aside and putting the newest
 * usable backup in its place.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shuati-backup.h"
#include "shuati-store-private.h"

/* The schema, one step per version: step i takes a database from
 * user_version i to i + 1. Append new steps; never edit old ones. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE cards ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  state INTEGER NOT NULL, step INTEGER NOT NULL DEFAULT 0,"
  "  stability REAL NOT NULL, difficulty REAL NOT NULL,"
  "  due INTEGER NOT NULL, last_review INTEGER NOT NULL,"
  "  reps INTEGER NOT NULL, lapses INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;"
  "CREATE INDEX cards_due ON cards (deck_id, due);"
  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY, deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  rating INTEGER NOT NULL, state_before INTEGER NOT NULL, state_after INTEGER NOT NULL,"
  "  stability REAL NOT NULL, difficulty REAL NOT NULL,"
  "  elapsed_days REAL NOT NULL, scheduled_days REAL NOT NULL, duration_ms INTEGER NOT NULL,"
  "  prev_state INTEGER, prev_step INTEGER, prev_stability REAL, prev_difficulty REAL,"
  "  prev_due INTEGER, prev_last_review INTEGER, prev_reps INTEGER, prev_lapses INTEGER);"
  "CREATE INDEX reviews_time ON reviews (reviewed_at);"
  "CREATE INDEX reviews_card ON reviews (deck_id, card_id, reviewed_at);"
  "CREATE TABLE stars ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL, starred_at INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;",
  /* 1 → 2: the statistics read a deck's whole history; this index holds
   * all they need, so the scan never touches the wide table rows. */
  "CREATE INDEX reviews_history ON reviews (deck_id, reviewed_at, rating, state_before);",
  /* 2 → 3, the 错题本 (mistake book): the learner's last manual mark per
   * card. Membership itself is read from the reviews, never stored. */
  "CREATE TABLE mistake_marks ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  marked_at INTEGER NOT NULL, member INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;",
  /* 3 → 4, mock interviews: each attempt, and each answer with the
   * review it recorded, which marks that review as a mock's. */
  "CREATE TABLE mocks ("
  "  id INTEGER PRIMARY KEY, deck_id TEXT NOT NULL,"
  "  started_at INTEGER NOT NULL, ended_at INTEGER);"
  "CREATE TABLE mock_answers ("
  "  mock_id INTEGER NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, card_id TEXT NOT NULL, review_id INTEGER,"
  "  n_points INTEGER NOT NULL, n_covered INTEGER NOT NULL,"
  "  duration_ms INTEGER NOT NULL, notes TEXT,"
  "  PRIMARY KEY (mock_id, position));"
  "CREATE INDEX mock_answers_review ON mock_answers (review_id);"
  /* and the interview date each deck is planned toward. */
  "CREATE TABLE plans ("
  "  deck_id TEXT PRIMARY KEY, date INTEGER NOT NULL,"
  "  share REAL NOT NULL, target_recall REAL NOT NULL) WITHOUT ROWID;",
  /* 4 → 5, card browser: cards the learner suspended or buried; a new
   * card can be marked too, so this is not a column of `cards`. */
  "CREATE TABLE marks ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  suspended INTEGER NOT NULL DEFAULT 0, buried_until INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;",
  /* 5 → 6, interview plans for a choice of topics and tags: the topics
   * in the learner's order of priority and the tags, each a list of ids
   * one a line (empty for the whole deck), and the order new cards are
   * taken in (0 topic priority, 1 frequency tags first). */
  "ALTER TABLE plans ADD COLUMN topics TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE plans ADD COLUMN tags TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE plans ADD COLUMN card_order INTEGER NOT NULL DEFAULT 0;",
  /* 6 → 7, sync through a folder (shuati-sync.c): this device's id and
   * clock, how far each journal file has been read, which events are in,
   * the device and sequence of each review, undone reviews, forgetting
   * as a point in a card's history, and the last write of each mark.
   * IF NOT EXISTS: a file set back to an older version keeps them. */
  "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS sync_files ("
  "  device_id TEXT NOT NULL, name TEXT NOT NULL,"
  "  offset INTEGER NOT NULL, size INTEGER NOT NULL,"
  "  PRIMARY KEY (device_id, name)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS sync_applied ("
  "  device_id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (device_id, seq)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS sync_reviews ("
  "  review_id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS sync_reviews_event ON sync_reviews (device_id, seq);"
  "CREATE TABLE IF NOT EXISTS sync_undone ("
  "  device_id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (device_id, seq)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS sync_forgets ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL, at INTEGER NOT NULL,"
  "  device_id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id, device_id, seq)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS sync_registers ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL, kind INTEGER NOT NULL,"
  "  ts INTEGER NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id, kind)) WITHOUT ROWID;",
  /* 7 → 8, deck sync (shuati-sync-decks.c): every deck event heard of,
   * with the content hash of its deck file and the cards it changed, and
   * the hash of each card of a synced deck as this device last had it. */
  "CREATE TABLE IF NOT EXISTS sync_deck_events ("
  "  device_id TEXT NOT NULL, seq INTEGER NOT NULL, deck_id TEXT NOT NULL,"
  "  ts INTEGER NOT NULL, type INTEGER NOT NULL, hash TEXT NOT NULL, cards TEXT NOT NULL,"
  "  PRIMARY KEY (device_id, seq)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS sync_deck_events_deck ON sync_deck_events (deck_id);"
  "CREATE TABLE IF NOT EXISTS sync_deck_cards ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL, hash TEXT NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SHUATI_STORE_SCHEMA_VERSION);

/* Queries that prove the tables this build uses have the columns it
 * needs; a database that fails them is damaged. */
static const char * const schema_probes[] = {
  "SELECT deck_id, card_id, state, step, stability, difficulty, due, last_review,"
  " reps, lapses FROM cards LIMIT 0",
  "SELECT id, deck_id, card_id, reviewed_at, rating, state_before, state_after,"
  " stability, difficulty, elapsed_days, scheduled_days, duration_ms, prev_state,"
  " prev_step, prev_stability, prev_difficulty, prev_due, prev_last_review, prev_reps,"
  " prev_lapses FROM reviews LIMIT 0",
  "SELECT deck_id, card_id, starred_at FROM stars LIMIT 0",
};

/* Probes of what later steps add, run only on a database at least at
 * that version (an older one is migrated after the check). */
static const struct
{
  int         version;
  const char *sql;
} versioned_probes[] = {
  { 3, "SELECT deck_id, card_id, marked_at, member FROM mistake_marks LIMIT 0" },
  { 4, "SELECT id, deck_id, started_at, ended_at FROM mocks LIMIT 0" },
  { 4, "SELECT mock_id, position, card_id, review_id, n_points, n_covered, duration_ms, notes"
       " FROM mock_answers LIMIT 0" },
  { 4, "SELECT deck_id, date, share, target_recall FROM plans LIMIT 0" },
  /* card browser */
  { 5, "SELECT deck_id, card_id, suspended, buried_until FROM marks LIMIT 0" },
  /* interview plans for a choice of topics and tags */
  { 6, "SELECT deck_id, topics, tags, card_order FROM plans LIMIT 0" },
  /* sync through a folder */
  { 7, "SELECT key, value FROM sync_state LIMIT 0" },
  { 7, "SELECT device_id, name, offset, size FROM sync_files LIMIT 0" },
  { 7, "SELECT device_id, seq FROM sync_applied LIMIT 0" },
  { 7, "SELECT review_id, device_id, seq FROM sync_reviews LIMIT 0" },
  { 7, "SELECT device_id, seq FROM sync_undone LIMIT 0" },
  { 7, "SELECT deck_id, card_id, at, device_id, seq FROM sync_forgets LIMIT 0" },
  { 7, "SELECT deck_id, card_id, kind, ts, device_id, seq FROM sync_registers LIMIT 0" },
  /* deck sync */
  { 8, "SELECT device_id, seq, deck_id, ts, type, hash, cards FROM sync_deck_events LIMIT 0" },
  { 8, "SELECT deck_id, card_id, hash FROM sync_deck_cards LIMIT 0" },
};

typedef enum
{
  OPEN_OK,
  OPEN_DAMAGED,
  OPEN_FAILED,
} OpenResult;

static int
query_text (sqlite3     *db,
            const char  *sql,
            char       **text)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *text = NULL;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
is_damage (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || rc == SQLITE_FORMAT;
}

static OpenResult
check_schema (ShuatiStore  *self,
              int           version,
              GError      **error)
{
  if (version == 0)
    {
      g_autofree char *count = NULL;
      int rc = query_text (self->db,
                           "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                           &count);

      if (rc != SQLITE_OK)
        {
          if (is_damage (rc))
            return OPEN_DAMAGED;
          shuati_store_set_read_error (self, rc, error);
          return OPEN_FAILED;
        }
      /* Tables but no version: some other program's database. */
      return g_strcmp0 (count, "0") == 0 ? OPEN_OK : OPEN_DAMAGED;
    }

  for (guint i = 0; i < G_N_ELEMENTS (schema_probes) + G_N_ELEMENTS (versioned_probes); i++)
    {
      sqlite3_stmt *stmt = NULL;
      const char *probe;
      int rc;

      if (i < G_N_ELEMENTS (schema_probes))
        probe = schema_probes[i];
      else if (version >= versioned_probes[i - G_N_ELEMENTS (schema_probes)].version)
        probe = versioned_probes[i - G_N_ELEMENTS (schema_probes)].sql;
      else
        continue;

      rc = sqlite3_prepare_v2 (self->db, probe, -1, &stmt, NULL);

      sqlite3_finalize (stmt);
      if (rc == SQLITE_ERROR || is_damage (rc))
        return OPEN_DAMAGED;
      if (rc != SQLITE_OK)
        {
          shuati_store_set_read_error (self, rc, error);
          return OPEN_FAILED;
        }
    }

  return OPEN_OK;
}

static OpenResult
migrate (ShuatiStore  *self,
         int           version,
         GError      **error)
{
  for (int v = version; v < SHUATI_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE;%s;PRAGMA user_version = %d;COMMIT;",
                                              migrations[v], v + 1);
      int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (is_damage (rc))
            return OPEN_DAMAGED;
          shuati_store_set_write_error (self, rc, error);
          return OPEN_FAILED;
        }
    }

  return OPEN_OK;
}

/* Opens @path, normally the store's own file, as the store's database:
 * checks it, brings its schema up to date and leaves it open on
 * self->db when it returns OPEN_OK. */
static OpenResult
try_open (ShuatiStore  *self,
          const char   *path,
          GError      **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *check = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *mode = NULL;
  int version;
  int rc;

  for (guint attempt = 0; ; attempt++)
    {
      if (attempt == 0)
        rc = sqlite3_open_v2 (path, &self->db,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
      else
        {
          /* In a read-only folder nobody can create the WAL files, so
           * nobody can write the database either: reading it as
           * immutable is safe, and the only way SQLite can. */
          g_autofree char *escaped = g_uri_escape_string (path, "/", TRUE);
          g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

          rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        }
      if (rc != SQLITE_OK)
        {
          g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                       _("Could not open your progress file “%s”: %s"),
                       name, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          shuati_store_close_database (self);
          return OPEN_FAILED;
        }

      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, 5000);

      rc = query_text (self->db, "PRAGMA quick_check", &check);
      if (attempt > 0 || ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN) ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        break;
      shuati_store_close_database (self);
    }

  if (is_damage (rc) || (rc == SQLITE_OK && g_strcmp0 (check, "ok") != 0))
    return OPEN_DAMAGED;
  if (rc != SQLITE_OK)
    {
      if (shuati_store_is_disk_full (self, rc))
        shuati_store_set_write_error (self, rc, error);
      else
        g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                     _("Could not open your progress file “%s”: %s"),
                     name, sqlite3_errmsg (self->db));
      return OPEN_FAILED;
    }

  rc = query_text (self->db, "PRAGMA user_version", &version_text);
  if (rc != SQLITE_OK)
    return is_damage (rc) ? OPEN_DAMAGED : (shuati_store_set_read_error (self, rc, error), OPEN_FAILED);
  version = atoi (version_text ? version_text : "0");

  if (version > SHUATI_STORE_SCHEMA_VERSION || version < 0)
    {
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_TOO_NEW,
                   _("Your progress file “%s” was written by a newer version of Shuati. "
                     "Update Shuati to open it; the file was left unchanged."), name);
      return OPEN_FAILED;
    }

  switch (check_schema (self, version, error))
    {
    case OPEN_DAMAGED:
      return OPEN_DAMAGED;
    case OPEN_FAILED:
      return OPEN_FAILED;
    case OPEN_OK:
    default:
      break;
    }

  /* On a read-only file these fail; reading still works. */
  query_text (self->db, "PRAGMA journal_mode = WAL", &mode);
  sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  /* The statistics read the whole history at once: map it rather than
   * copy it page by page through read calls. */
  sqlite3_exec (self->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);

  return migrate (self, version, error);
}

static gboolean
move_aside (ShuatiStore  *self,
            GError      **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (self->path);

          g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                       _("Your progress file “%s” is damaged and could not be moved aside: %s"),
                       name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  g_free (self->recovered_path);
  self->recovered_path = g_steal_pointer (&target);
  return TRUE;
}

/* Restoring */

/* Removes a database file and the journals SQLite keeps beside it. */
void
shuati_store_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Flushes @path to disk, before it takes the progress file's name. */
static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = g_fsync (fd) == 0;
  return g_close (fd, NULL) && ok;
}

/* Copies @backup beside the progress file and opens the copy as the
 * store opens its own file: checked, and migrated when it comes from an
 * older Shuati. Only a copy with reviews counts, as a backup is only
 * ever made of one. The backup itself is only read.
 *
 * Returns: the copy, closed and on disk, or %NULL if @backup is of no use */
static char *
copy_backup (ShuatiStore *self,
             const char  *backup)
{
  g_autofree char *copy = g_strconcat (self->path, ".restore-XXXXXX", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (backup);
  g_autoptr(GFile) to = NULL;
  g_autofree char *reviews = NULL;
  g_autofree char *mode = NULL;
  gboolean usable = FALSE;
  int fd;

  fd = g_mkstemp_full (copy, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return NULL;
  close (fd);

  to = g_file_new_for_path (copy);
  if (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL) &&
      try_open (self, copy, NULL) == OPEN_OK &&
      query_text (self->db, "SELECT EXISTS (SELECT 1 FROM reviews)", &reviews) == SQLITE_OK &&
      g_strcmp0 (reviews, "1") == 0)
    {
      /* Out of WAL mode the copy is whole in one file, which is then all
       * there is to rename. */
      usable = query_text (self->db, "PRAGMA journal_mode = DELETE", &mode) == SQLITE_OK &&
               g_strcmp0 (mode, "delete") == 0;
    }
  shuati_store_close_database (self);

  if (!usable || !sync_file (copy))
    {
      shuati_store_remove_database (copy);
      return NULL;
    }

  return g_steal_pointer (&copy);
}

/* Moves the damaged progress file aside and puts a copy of the newest
 * usable backup in its place; without one, the next open starts a new
 * file. The copy is made and checked before the damaged file moves, so
 * that a crash on the way leaves one or the other for the next start. */
static gboolean
restore_backup (ShuatiStore  *self,
                GError      **error)
{
  g_autoptr(GPtrArray) backups = shuati_backup_list (self->path);
  g_autofree char *copy = NULL;
  const char *backup = NULL;

  for (guint i = 0; i < backups->len && copy == NULL; i++)
    {
      backup = g_ptr_array_index (backups, i);
      copy = copy_backup (self, backup);
    }

  if (!move_aside (self, error))
    {
      if (copy != NULL)
        shuati_store_remove_database (copy);
      return FALSE;
    }

  if (copy != NULL)
    {
      if (g_rename (copy, self->path) == 0)
        {
          g_free (self->restored_backup);
          self->restored_backup = g_strdup (backup);
        }
      shuati_store_remove_database (copy);
    }

  return TRUE;
}

static gboolean
stat_path (const char *path,
           guint64    *dev,
           guint64    *ino)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *dev = st.st_dev;
  *ino = st.st_ino;
  return TRUE;
}

static void
remember_file (ShuatiStore *self)
{
  if (!stat_path (self->path, &self->file_dev, &self->file_ino))
    self->file_dev = self->file_ino = 0;
}

/* Whether the file the database was opened from still has its name: it
 * has not been deleted, nor replaced by another file. Writes into a
 * deleted file would be acknowledged and lost when Shuati quits. */
gboolean
shuati_store_file_is_current (ShuatiStore *self)
{
  guint64 dev, ino;

  if (self->db == NULL)
    return FALSE;
  if (!stat_path (self->path, &dev, &ino))
    return FALSE;
  return dev == self->file_dev && ino == self->file_ino;
}

/* The progress file went from under the open database. When it was
 * deleted, the database is still whole in the open file: copy it out
 * under the file's name, flushed before it takes the name, and open the
 * copy. When another file took its name, open that one instead. */
gboolean
shuati_store_write_again (ShuatiStore  *self,
                          GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *copy = NULL;
  g_autofree char *name = g_filename_display_name (self->path);
  sqlite3_stmt *stmt = NULL;
  guint64 dev, ino;
  int rc;
  int fd;

  if (self->db == NULL || stat_path (self->path, &dev, &ino))
    {
      shuati_store_close_database (self);
      return shuati_store_open_database (self, error);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHUATI_STORE_ERROR,
                   saved_errno == ENOSPC ? SHUATI_STORE_ERROR_FULL : SHUATI_STORE_ERROR_OPEN,
                   _("Your progress file “%s” was deleted and could not be written again: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  copy = g_strconcat (self->path, ".restore-XXXXXX", NULL);
  fd = g_mkstemp_full (copy, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SHUATI_STORE_ERROR,
                   saved_errno == ENOSPC ? SHUATI_STORE_ERROR_FULL : SHUATI_STORE_ERROR_OPEN,
                   _("Your progress file “%s” was deleted and could not be written again: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  /* VACUUM INTO writes into an empty file, whole. */
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, copy, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK || !sync_file (copy))
    {
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FULL,
                     _("Your progress file “%s” was deleted and could not be written again: "
                       "the disk is full. Free some space and try again."), name);
      else
        g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                     _("Your progress file “%s” was deleted and could not be written again: %s"),
                     name, rc != SQLITE_OK ? sqlite3_errmsg (self->db) : g_strerror (errno));
      shuati_store_remove_database (copy);
      return FALSE;
    }

  /* Closed first: closing checkpoints into the deleted file and removes
   * the journals by name, which must not touch the copy's. */
  shuati_store_close_database (self);
  if (g_rename (copy, self->path) != 0)
    {
      int saved_errno = errno;

      shuati_store_remove_database (copy);
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                   _("Your progress file “%s” was deleted and could not be written again: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  return shuati_store_open_database (self, error);
}

gboolean
shuati_store_open_database (ShuatiStore  *self,
                            GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                   _("Could not create the folder “%s” for your progress: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      switch (try_open (self, self->path, error))
        {
        case OPEN_OK:
          remember_file (self);
          return TRUE;

        case OPEN_FAILED:
          shuati_store_close_database (self);
          return FALSE;

        case OPEN_DAMAGED:
        default:
          shuati_store_close_database (self);
          if (attempt > 0 || !restore_backup (self, error))
            {
              if (attempt > 0)
                {
                  g_autofree char *name = g_filename_display_name (self->path);

                  g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                               _("Could not create a new progress file “%s”."), name);
                }
              return FALSE;
            }
          break;
        }
    }

  return FALSE;
}
