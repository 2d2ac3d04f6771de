/* shuati-safe-file.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Reading and writing the user's files without trusting them or the disk.
 *
 * shuati_safe_file_read() reads only regular files, checks the size
 * before it reads a byte and reads with a hard cap, so /dev/zero, a FIFO
 * or a huge sparse file are refused at once; it stops when @cancellable
 * fires.
 *
 * shuati_safe_file_write() writes a whole file or nothing: the data goes
 * to a hidden temporary file in the same folder (".NAME.tmp-XXXXXX"),
 * is flushed to the disk, and only then renamed over @file. A failed
 * write removes its temporary file and leaves @file as it was; a full
 * disk is reported as G_IO_ERROR_NO_SPACE with a message a user can act
 * on.
 *
 * Errors are in the G_IO_ERROR domain, with messages that name the file.
 */

/* The prefix and infix of the temporary files shuati_safe_file_write()
 * makes: ".NAME" SHUATI_SAFE_FILE_TMP_INFIX "XXXXXX". */
#define SHUATI_SAFE_FILE_TMP_INFIX ".tmp-"

GBytes   *shuati_safe_file_read        (GFile         *file,
                                        gsize          max_size,
                                        GCancellable  *cancellable,
                                        GError       **error);
GBytes   *shuati_safe_file_map         (GFile         *file,
                                        gsize          max_size,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  shuati_safe_file_write       (GFile         *file,
                                        const void    *data,
                                        gsize          length,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  shuati_safe_file_rename      (GFile         *from,
                                        GFile         *to,
                                        GError       **error);
gboolean  shuati_safe_file_link        (GFile         *from,
                                        GFile         *to,
                                        GError       **error);
gboolean  shuati_safe_file_make_dir    (GFile         *dir,
                                        GError       **error);
gboolean  shuati_safe_file_is_temporary (const char   *name);
void      shuati_safe_file_set_no_space_error (GError **error,
                                               GFile   *file);

/* For tests: from now on, every write, rename, link and new folder fails
 * as on a full disk once @budget more bytes have been written; -1 ends
 * the fault. */
void      shuati_safe_file_inject_no_space (gssize budget);

G_END_DECLS
