/* shuati-sync.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-library.h"
#include "shuati-store.h"

G_BEGIN_DECLS

#define SHUATI_SYNC_ERROR (shuati_sync_error_quark ())

typedef enum
{
  SHUATI_SYNC_ERROR_FOLDER,   /* the sync folder cannot be made, read or written */
  SHUATI_SYNC_ERROR_STORE,    /* the progress file could not be read or written */
  SHUATI_SYNC_ERROR_BUSY,     /* a merge is already under way */
  SHUATI_SYNC_ERROR_MISSING,  /* a deck file has not arrived yet */
  SHUATI_SYNC_ERROR_DAMAGED,  /* a deck file does not match its hash */
} ShuatiSyncError;

/* Journal files are closed and a new one begun past this size. */
#define SHUATI_SYNC_ROTATE_SIZE (1024 * 1024)

#define SHUATI_TYPE_SYNC (shuati_sync_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSync, shuati_sync, SHUATI, SYNC, GObject)

GQuark        shuati_sync_error_quark     (void);

ShuatiSync   *shuati_sync_new             (ShuatiStore          *store,
                                           ShuatiScheduler      *scheduler,
                                           const char           *folder,
                                           GError              **error);
void          shuati_sync_stop            (ShuatiSync           *self);

const char   *shuati_sync_get_folder      (ShuatiSync           *self);
const char   *shuati_sync_get_device_id   (ShuatiSync           *self);
gint64        shuati_sync_get_last_merge  (ShuatiSync           *self);
guint         shuati_sync_get_n_devices   (ShuatiSync           *self);
char        **shuati_sync_get_problems    (ShuatiSync           *self);

gboolean      shuati_sync_has_changes     (ShuatiSync           *self);
gboolean      shuati_sync_merge           (ShuatiSync           *self,
                                           guint                *n_applied,
                                           GError              **error);
void          shuati_sync_merge_async     (ShuatiSync           *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      shuati_sync_merge_finish    (ShuatiSync           *self,
                                           GAsyncResult         *result,
                                           guint                *n_applied,
                                           GError              **error);

void          shuati_sync_set_library     (ShuatiSync           *self,
                                           ShuatiLibrary        *library);
gboolean      shuati_sync_record_deck     (ShuatiSync           *self,
                                           const char           *deck_id,
                                           GBytes               *bytes,
                                           GError              **error);

void          shuati_sync_set_clock_offset (ShuatiSync          *self,
                                            gint64               seconds);
void          shuati_sync_set_rotate_size (ShuatiSync           *self,
                                           gsize                 bytes);

char         *shuati_sync_dump_store      (ShuatiStore          *store);
char         *shuati_sync_format_status   (gint64                last_merge,
                                           gint64                now,
                                           guint                 n_devices);

G_END_DECLS
