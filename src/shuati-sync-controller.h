/* shuati-sync-controller.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-sync.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SYNC_CONTROLLER (shuati_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSyncController, shuati_sync_controller, SHUATI, SYNC_CONTROLLER, GObject)

ShuatiSyncController *shuati_sync_controller_new          (GSettings            *settings,
                                                           ShuatiStore          *store,
                                                           ShuatiScheduler      *scheduler);
ShuatiSync           *shuati_sync_controller_get_sync     (ShuatiSyncController *self);
const char           *shuati_sync_controller_get_status   (ShuatiSyncController *self);
const char           *shuati_sync_controller_get_problems (ShuatiSyncController *self);
void                  shuati_sync_controller_merge_now    (ShuatiSyncController *self);
void                  shuati_sync_controller_set_library  (ShuatiSyncController *self,
                                                           ShuatiLibrary        *library);

G_END_DECLS
