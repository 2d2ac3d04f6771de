/* shuati-safe-file.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shuati-safe-file.h"

/* Read and write in pieces, so that a cancel is noticed within one. */
#define CHUNK_SIZE ((gsize)1 << 20)

/* -1: no fault; otherwise how many more bytes may be written before
 * everything fails as on a full disk. */
static gssize no_space_budget = -1;
G_LOCK_DEFINE_STATIC (no_space_budget);

void
shuati_safe_file_inject_no_space (gssize budget)
{
  G_LOCK (no_space_budget);
  no_space_budget = budget;
  G_UNLOCK (no_space_budget);
}

/* How much of @length the injected fault lets through; sets errno to
 * ENOSPC when that is nothing. */
static gsize
fault_allows (gsize length)
{
  gsize allowed = length;

  G_LOCK (no_space_budget);
  if (no_space_budget >= 0)
    {
      allowed = MIN (length, (gsize)no_space_budget);
      no_space_budget -= allowed;
    }
  G_UNLOCK (no_space_budget);

  if (allowed == 0 && length > 0)
    errno = ENOSPC;
  return allowed;
}

static gboolean
fault_blocks_change (void)
{
  gboolean full;

  G_LOCK (no_space_budget);
  full = no_space_budget == 0;
  G_UNLOCK (no_space_budget);

  if (full)
    errno = ENOSPC;
  return full;
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL ? g_filename_display_name (base) : g_file_get_parse_name (file);
}

/**
 * shuati_safe_file_set_no_space_error:
 *
 * Sets @error to G_IO_ERROR_NO_SPACE, saying that @file could not be
 * saved because the disk is full.
 */
void
shuati_safe_file_set_no_space_error (GError **error,
                                     GFile   *file)
{
  g_autofree char *name = display_name (file);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               /* Translators: %s is a file name */
               _("The disk is full: “%s” could not be saved. Free some space and try again."),
               name);
}

static void
set_write_error (GError **error,
                 GFile   *file,
                 int      saved_errno)
{
  g_autofree char *name = NULL;

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    {
      shuati_safe_file_set_no_space_error (error, file);
      return;
    }

  name = display_name (file);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
}

static void
set_read_error (GError **error,
                GFile   *file,
                int      saved_errno)
{
  g_autofree char *name = display_name (file);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
}

static gboolean
check_type_and_size (GFile        *file,
                     GFileType     type,
                     guint64       size,
                     gsize         max_size,
                     GError      **error)
{
  g_autofree char *name = NULL;

  if (type == G_FILE_TYPE_REGULAR && size <= max_size)
    return TRUE;

  name = display_name (file);
  if (type == G_FILE_TYPE_DIRECTORY)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 /* Translators: %s is a file name */
                 _("“%s” is a folder, not a file"), name);
  else if (type != G_FILE_TYPE_REGULAR)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 /* Translators: %s is a file name; a device, a pipe or a socket is not
                  * an ordinary file */
                 _("“%s” is not an ordinary file"), name);
  else
    {
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: the first %s is a file name, the second a size
                    * such as "1.0 GiB" */
                   _("“%s” is larger than %s"), name, limit);
    }
  return FALSE;
}

/* Opens @path for reading and checks, on what was opened, that it is an
 * ordinary file of at most @max_size bytes. Returns the descriptor with
 * @st filled in, or -1 with @error set. */
static int
open_checked (GFile        *file,
              const char   *path,
              gsize         max_size,
              struct stat  *st,
              GError      **error)
{
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, file, errno);
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      set_read_error (error, file, errno);
      close (fd);
      return -1;
    }

  if (!check_type_and_size (file,
                            S_ISREG (st->st_mode) ? G_FILE_TYPE_REGULAR :
                            S_ISDIR (st->st_mode) ? G_FILE_TYPE_DIRECTORY : G_FILE_TYPE_SPECIAL,
                            (guint64)st->st_size, max_size, error))
    {
      close (fd);
      return -1;
    }

  return fd;
}
static GBytes *
read_local (GFile         *file,
            const char    *path,
            gsize          max_size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  struct stat st;
  int fd;

  fd = open_checked (file, path, max_size, &st, error);
  if (fd < 0)
    return NULL;

  /* One byte more than allowed tells a file that grew since fstat(). */
  buffer = g_malloc ((gsize)st.st_size + 1);
  while (length <= (gsize)st.st_size)
    {
      gsize want = MIN (CHUNK_SIZE, (gsize)st.st_size + 1 - length);
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }

      n = read (fd, buffer + length, want);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, file, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  if (length > max_size)
    {
      check_type_and_size (file, G_FILE_TYPE_REGULAR, length, max_size, error);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

static GBytes *
read_stream (GFile         *file,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  guint64 size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  size = g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
         ? (guint64)g_file_info_get_size (info) : 0;
  if (!check_type_and_size (file, g_file_info_get_file_type (info), size, max_size, error))
    return NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  buffer = g_byte_array_sized_new (MIN (size, max_size) + 1);
  for (;;)
    {
      guint8 chunk[64 * 1024];
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize)n > max_size)
        {
          check_type_and_size (file, G_FILE_TYPE_REGULAR, buffer->len + (gsize)n, max_size, error);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * shuati_safe_file_read:
 * @max_size: files larger than this are refused before they are read
 * @cancellable: (nullable): stops the read
 *
 * Reads a whole regular file; a folder, a device, a FIFO or a socket is
 * refused without reading (or waiting for) a byte.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error
 *   set (G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_IS_DIRECTORY,
 *   G_IO_ERROR_MESSAGE_TOO_LARGE, G_IO_ERROR_CANCELLED, ...)
 */
GBytes *
shuati_safe_file_read (GFile         *file,
                       gsize          max_size,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  path = g_file_get_path (file);
  if (path != NULL)
    return read_local (file, path, max_size, cancellable, error);
  return read_stream (file, max_size, cancellable, error);
}

/**
 * shuati_safe_file_map:
 *
 * Like shuati_safe_file_read(), but maps a local file into memory rather
 * than copying it; the bytes stay valid if the file changes on the disk
 * only as far as mmap() promises, so use it for files the program owns
 * or reads at once.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error
 *   set
 */
GBytes *
shuati_safe_file_map (GFile         *file,
                      gsize          max_size,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return read_stream (file, max_size, cancellable, error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  fd = open_checked (file, path, max_size, &st, error);
  if (fd < 0)
    return NULL;

  mapped = g_mapped_file_new_from_fd (fd, FALSE, NULL);
  close (fd);
  if (mapped == NULL)
    return read_local (file, path, max_size, cancellable, error);

  return g_mapped_file_get_bytes (mapped);
}

static gboolean
write_all (int            fd,
           const char    *data,
           gsize          length,
           GCancellable  *cancellable,
           GError       **error)
{
  while (length > 0)
    {
      gsize want = fault_allows (MIN (length, CHUNK_SIZE));
      gssize n;

      if (want == 0)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      n = write (fd, data, want);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      /* The rename is what makes the file appear; flush it too. Some
       * file systems cannot sync a folder, and the file is whole anyway. */
      g_fsync (fd);
      close (fd);
    }
}

/**
 * shuati_safe_file_write:
 * @cancellable: (nullable): stops the write; @file is then left as it was
 *
 * Replaces @file with @data, all at once: see the top of this file.
 *
 * Returns: %TRUE once @file holds @data on the disk, or %FALSE with
 *   @error set and @file unchanged
 */
gboolean
shuati_safe_file_write (GFile         *file,
                        const void    *data,
                        gsize          length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  int saved_errno;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Not a local file: GIO's own replace is the best there is. */
      if (g_file_replace_contents (file, data, length, NULL, FALSE,
                                   G_FILE_CREATE_REPLACE_DESTINATION,
                                   NULL, cancellable, &local_error))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        shuati_safe_file_set_no_space_error (error, file);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s" SHUATI_SAFE_FILE_TMP_INFIX "XXXXXX", dir, G_DIR_SEPARATOR, base);

  if (fault_blocks_change ())
    {
      set_write_error (error, file, errno);
      return FALSE;
    }

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, file, errno);
      return FALSE;
    }

  if (!write_all (fd, data, length, cancellable, &local_error) || g_fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_write_error (error, file, saved_errno);
      return FALSE;
    }

  if (close (fd) != 0 || fault_blocks_change () || g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      set_write_error (error, file, saved_errno);
      return FALSE;
    }

  sync_dir (dir);
  return TRUE;
}

/**
 * shuati_safe_file_rename:
 *
 * Renames @from to @to on the same file system, replacing @to.
 */
gboolean
shuati_safe_file_rename (GFile   *from,
                         GFile   *to,
                         GError **error)
{
  g_autofree char *from_path = g_file_get_path (from);
  g_autofree char *to_path = g_file_get_path (to);

  if (from_path == NULL || to_path == NULL)
    return g_file_move (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                        NULL, NULL, NULL, error);

  if (fault_blocks_change () || g_rename (from_path, to_path) != 0)
    {
      set_write_error (error, to, errno);
      return FALSE;
    }

  return TRUE;
}

/**
 * shuati_safe_file_link:
 *
 * Gives the file @from a second name, @to, which must not exist; where
 * the file system has no hard links, @to becomes a copy.
 */
gboolean
shuati_safe_file_link (GFile   *from,
                       GFile   *to,
                       GError **error)
{
  g_autofree char *from_path = g_file_get_path (from);
  g_autofree char *to_path = g_file_get_path (to);
  g_autoptr(GBytes) bytes = NULL;
  int saved_errno;

  if (from_path != NULL && to_path != NULL)
    {
      if (fault_blocks_change ())
        {
          set_write_error (error, to, errno);
          return FALSE;
        }
      if (link (from_path, to_path) == 0)
        return TRUE;

      saved_errno = errno;
      if (saved_errno != EPERM && saved_errno != EXDEV && saved_errno != EMLINK &&
          saved_errno != ENOTSUP && saved_errno != EOPNOTSUPP && saved_errno != ENOSYS)
        {
          set_write_error (error, to, saved_errno);
          return FALSE;
        }
    }

  bytes = shuati_safe_file_read (from, G_MAXSIZE - 1, NULL, error);
  if (bytes == NULL)
    return FALSE;

  return shuati_safe_file_write (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, error);
}

/**
 * shuati_safe_file_make_dir:
 *
 * Makes @dir and its parents; a folder that is there already is fine.
 */
gboolean
shuati_safe_file_make_dir (GFile   *dir,
                           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (dir);

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (fault_blocks_change ())
    {
      set_write_error (error, dir, errno);
      return FALSE;
    }

  if (g_file_make_directory_with_parents (dir, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    shuati_safe_file_set_no_space_error (error, dir);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * shuati_safe_file_is_temporary:
 * @name: a file name without folder
 *
 * Returns: whether @name is one of shuati_safe_file_write()'s temporary
 *   files
 */
gboolean
shuati_safe_file_is_temporary (const char *name)
{
  const char *infix;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] != '.')
    return FALSE;
  infix = g_strrstr (name, SHUATI_SAFE_FILE_TMP_INFIX);
  return infix != NULL && strlen (infix + strlen (SHUATI_SAFE_FILE_TMP_INFIX)) == 6;
}
