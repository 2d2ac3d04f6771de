/* shuati-backup.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Daily copies of the progress database in a backups folder beside it:
 * progress.db is copied to backups/progress-YYYY-MM-DD.db at most once a
 * day, and the newest SHUATI_BACKUP_KEEP copies are kept. A copy is
 * written under a temporary name and renamed once complete, so a file
 * with a backup's name always holds a whole database.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shuati-store-private.h"
#include "shuati-backup.h"

/* How many pages are copied between two looks at the cancellable: 4 MiB
 * at SQLite's default page size. */
#define PAGES_PER_STEP 1024

/* The date in a backup's name, "YYYY-MM-DD". */
#define DAY_LENGTH 10

G_DEFINE_QUARK (shuati-backup-error-quark, shuati_backup_error)

/* Names */

/* The database's file name without ".db": "progress" for progress.db. */
static char *
get_stem (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);
  gsize length = strlen (base);

  if (length > 3 && g_str_has_suffix (base, ".db"))
    base[length - 3] = '\0';
  return g_steal_pointer (&base);
}

static guint
read_digits (const char *text,
             guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint)(text[i] - '0');
  return value;
}

/* Reads a valid date written "YYYY-MM-DD" at the start of @text. */
static gboolean
parse_day (const char *text,
           guint      *year,
           guint      *month,
           guint      *day)
{
  static const char pattern[] = "dddd-dd-dd";
  guint y, m, d;

  for (guint i = 0; i < DAY_LENGTH; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;

  y = read_digits (text, 4);
  m = read_digits (text + 5, 2);
  d = read_digits (text + 8, 2);
  if (y == 0 || m == 0 || m > 12 || d == 0 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
  return TRUE;
}

/* Whether @name starts with "STEM-YYYY-MM-DD" and goes on with @rest;
 * @rest must end the name when @whole is set. */
static gboolean
matches_name (const char *stem,
              const char *name,
              const char *rest,
              gboolean    whole)
{
  gsize stem_length = strlen (stem);
  const char *after;

  if (strncmp (name, stem, stem_length) != 0 || name[stem_length] != '-')
    return FALSE;
  if (strlen (name + stem_length + 1) < DAY_LENGTH ||
      !parse_day (name + stem_length + 1, NULL, NULL, NULL))
    return FALSE;

  after = name + stem_length + 1 + DAY_LENGTH;
  return whole ? strcmp (after, rest) == 0 : g_str_has_prefix (after, rest);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * shuati_backup_get_folder:
 * @database_path: the progress database
 *
 * Returns: (transfer full) (type filename): the folder that holds the
 *   backups of @database_path, `backups` beside it
 */
char *
shuati_backup_get_folder (const char *database_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  dir = g_path_get_dirname (database_path);
  return g_build_filename (dir, "backups", NULL);
}

/**
 * shuati_backup_list:
 * @database_path: the progress database
 *
 * Lists the backups of @database_path: the regular files of its backups
 * folder named like `progress-YYYY-MM-DD.db` after it. Other files in the
 * folder are not backups and are never listed.
 *
 * Returns: (transfer full) (element-type filename): their paths, newest
 *   first; empty when there are none or the folder cannot be read
 */
GPtrArray *
shuati_backup_list (const char *database_path)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  const char *name;
  GDir *dir;

  g_return_val_if_fail (database_path != NULL, NULL);

  folder = shuati_backup_get_folder (database_path);
  stem = get_stem (database_path);
  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&paths);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!matches_name (stem, name, ".db", TRUE))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_dir_close (dir);

  /* The names differ only in their dates, which sort as text. */
  g_ptr_array_sort (paths, compare_newest_first);
  return g_steal_pointer (&paths);
}

/**
 * shuati_backup_get_date:
 * @backup_path: a backup, as shuati_backup_list() gives it
 *
 * Returns: (transfer full) (nullable): the start of the local day the
 *   backup was made, read from its name; %NULL if the name has no date
 */
GDateTime *
shuati_backup_get_date (const char *backup_path)
{
  g_autofree char *name = NULL;
  gsize length;
  guint year, month, day;

  g_return_val_if_fail (backup_path != NULL, NULL);

  /* "-YYYY-MM-DD.db" */
  name = g_path_get_basename (backup_path);
  length = strlen (name);
  if (length < DAY_LENGTH + 4 || !g_str_has_suffix (name, ".db") ||
      name[length - DAY_LENGTH - 4] != '-' ||
      !parse_day (name + length - DAY_LENGTH - 3, &year, &month, &day))
    return NULL;

  return g_date_time_new_local ((int)year, (int)month, (int)day, 0, 0, 0.0);
}

/* Writing */

/* Keeps the newest SHUATI_BACKUP_KEEP backups and deletes the rest, and
 * the temporary files of a backup that was cut short on another day
 * (one of today's may still be on its way, in another process). Only
 * names this file writes are touched. */
static void
prune (const char *database_path,
       const char *today)
{
  g_autoptr(GPtrArray) backups = shuati_backup_list (database_path);
  g_autofree char *folder = shuati_backup_get_folder (database_path);
  g_autofree char *stem = get_stem (database_path);
  const char *name;
  GDir *dir;

  for (guint i = SHUATI_BACKUP_KEEP; i < backups->len; i++)
    g_unlink (g_ptr_array_index (backups, i));

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (matches_name (stem, name, ".db.tmp-", FALSE) &&
          strncmp (name + strlen (stem) + 1, today, DAY_LENGTH) != 0)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_unlink (path);
        }
    }
  g_dir_close (dir);
}

/* Opens the database read-only and starts a read transaction, so that
 * the look for reviews and the copy see one snapshot however much the
 * store writes meanwhile: in WAL mode a reader never waits for a writer,
 * nor a writer for a reader. */
static int
open_source (const char  *path,
             sqlite3    **db,
             gboolean    *has_reviews)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *has_reviews = FALSE;
  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_extended_result_codes (*db, 1);
  sqlite3_busy_timeout (*db, 5000);

  rc = sqlite3_exec (*db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (*db, "SELECT EXISTS (SELECT 1 FROM reviews)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *has_reviews = sqlite3_column_int (stmt, 0) != 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Copies every page of @source into @dest, a new file also open on @fd.
 * Returns SQLITE_OK when the copy is complete and on disk, and also
 * early, with the copy incomplete, once @cancellable is cancelled: the
 * caller checks it. */
static int
copy_pages (sqlite3      *source,
            sqlite3      *dest,
            int           fd,
            GCancellable *cancellable)
{
  sqlite3_backup *backup;
  int rc;

  /* The copy gets its name only once it is whole, so it needs no
   * journal. It is synced a step at a time rather than in one go at the
   * end, which on a large file would hold up the store's own syncs on
   * the same disk for as long as it takes. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    return sqlite3_extended_errcode (dest);

  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc == SQLITE_OK || rc == SQLITE_DONE) && g_fsync (fd) != 0)
        rc = SQLITE_IOERR_FSYNC;
    }
  while (rc == SQLITE_OK && !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    return rc;

  /* The copy has the live file's WAL flag; back in rollback mode it
   * opens on its own, with no -wal or -shm file beside it. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc == SQLITE_OK && g_fsync (fd) != 0)
    rc = SQLITE_IOERR_FSYNC;
  return rc;
}

/**
 * shuati_backup_write:
 * @database_path: the progress database
 * @now: the current local time; its date names the backup
 * @written: (out) (optional) (nullable) (transfer full) (type filename):
 *   the backup written, or %NULL when there was nothing to do
 * @cancellable: (nullable): stops the copy; nothing is left of it then
 *
 * Backs up @database_path into its backups folder, named after it and
 * the date of @now (`progress-YYYY-MM-DD.db`), unless that file exists
 * already (one backup a day) or the database holds no review; then
 * deletes all but the newest %SHUATI_BACKUP_KEEP backups.
 *
 * The copy is made with SQLite's online backup through a read-only
 * connection of its own, so it is consistent while a #ShuatiStore keeps
 * writing, and neither waits for the other. Blocks for as long as the
 * copy takes: the interface uses shuati_backup_write_async().
 *
 * Returns: %TRUE if the backup was written or not needed; %FALSE with
 *   @error set, and no new file in the folder, if it failed
 */
gboolean
shuati_backup_write (const char    *database_path,
                     GDateTime     *now,
                     char         **written,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *today = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  gboolean has_reviews;
  int fd = -1;
  int rc;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (written != NULL)
    *written = NULL;

  folder = shuati_backup_get_folder (database_path);
  stem = get_stem (database_path);
  today = g_date_time_format (now, "%Y-%m-%d");
  target = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s-%s.db", folder, stem, today);

  /* The day's first backup stays; a later one would only add the day's
   * reviews, and cost a copy at every start. */
  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  rc = open_source (database_path, &source, &has_reviews);
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (database_path);

      g_set_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_READ,
                   _("Could not read your progress from “%s” to back it up: %s"),
                   name, source ? sqlite3_errmsg (source) : sqlite3_errstr (rc));
      goto failed;
    }
  if (!has_reviews)
    {
      sqlite3_close (source);
      return TRUE;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_FOLDER,
                   _("Could not create the backups folder “%s”: %s"),
                   name, g_strerror (saved_errno));
      goto failed;
    }

  temp = g_strconcat (target, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_clear_pointer (&temp, g_free);
      g_set_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_FOLDER,
                   _("Could not write a backup in “%s”: %s"),
                   name, g_strerror (saved_errno));
      goto failed;
    }

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (source, dest, fd, cancellable);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_close (dest);
      dest = NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (target);

      g_set_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_WRITE,
                   _("Could not write the backup “%s”: %s"),
                   name, sqlite3_errstr (rc));
      goto failed;
    }
  g_clear_pointer (&source, sqlite3_close);
  close (fd);
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (g_rename (temp, target) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (target);

      g_set_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_WRITE,
                   _("Could not write the backup “%s”: %s"),
                   name, g_strerror (saved_errno));
      goto failed;
    }

  prune (database_path, today);

  if (written != NULL)
    *written = g_steal_pointer (&target);
  return TRUE;

failed:
  g_clear_pointer (&dest, sqlite3_close);
  g_clear_pointer (&source, sqlite3_close);
  if (fd >= 0)
    close (fd);
  if (temp != NULL)
    shuati_store_remove_database (temp);
  return FALSE;
}

typedef struct
{
  char      *database_path;
  GDateTime *now;
  char      *written;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_free (write->database_path);
  g_date_time_unref (write->now);
  g_free (write->written);
  g_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *write = task_data;
  GError *error = NULL;

  if (shuati_backup_write (write->database_path, write->now, &write->written, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * shuati_backup_write_async:
 * @database_path: the progress database
 * @now: the current local time; its date names the backup
 * @cancellable: (nullable): stops the copy
 *
 * Does what shuati_backup_write() does in a worker thread; call
 * shuati_backup_write_finish() in @callback.
 */
void
shuati_backup_write_async (const char          *database_path,
                           GDateTime           *now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *write;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  write = g_new0 (WriteData, 1);
  write->database_path = g_strdup (database_path);
  write->now = g_date_time_ref (now);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_backup_write_async);
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * shuati_backup_write_finish:
 * @written: (out) (optional) (nullable) (transfer full) (type filename):
 *   the backup written, or %NULL when there was nothing to do
 *
 * Returns: %TRUE if the backup was written or not needed; %FALSE with
 *   @error set if it failed
 */
gboolean
shuati_backup_write_finish (GAsyncResult  *result,
                            char         **written,
                            GError       **error)
{
  WriteData *write;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shuati_backup_write_async, FALSE);

  if (written != NULL)
    *written = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  write = g_task_get_task_data (G_TASK (result));
  if (written != NULL)
    *written = g_steal_pointer (&write->written);
  return TRUE;
}
