/* shuati-sync-group.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-sync-controller.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SYNC_GROUP (shuati_sync_group_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSyncGroup, shuati_sync_group, SHUATI, SYNC_GROUP, AdwPreferencesGroup)

void  shuati_sync_group_set_controller (ShuatiSyncGroup      *self,
                                        ShuatiSyncController *controller);

G_END_DECLS
