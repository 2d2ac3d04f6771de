/* shuati-backup.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHUATI_BACKUP_ERROR (shuati_backup_error_quark ())

typedef enum
{
  SHUATI_BACKUP_ERROR_FOLDER,   /* the backups folder cannot be created or written to */
  SHUATI_BACKUP_ERROR_READ,     /* the progress database cannot be read */
  SHUATI_BACKUP_ERROR_WRITE,    /* the copy could not be written */
} ShuatiBackupError;

/* How many daily backups are kept; older ones are deleted. */
#define SHUATI_BACKUP_KEEP 7

GQuark      shuati_backup_error_quark   (void);

char       *shuati_backup_get_folder    (const char           *database_path);
GPtrArray  *shuati_backup_list          (const char           *database_path);
GDateTime  *shuati_backup_get_date      (const char           *backup_path);

gboolean    shuati_backup_write         (const char           *database_path,
                                         GDateTime            *now,
                                         char                **written,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        shuati_backup_write_async   (const char           *database_path,
                                         GDateTime            *now,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    shuati_backup_write_finish  (GAsyncResult         *result,
                                         char                **written,
                                         GError              **error);

G_END_DECLS
