/* shuati-application.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-deck.h"
#include "shuati-fsrs.h"
#include "shuati-library.h"
#include "shuati-store.h"
#include "shuati-sync-controller.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_APPLICATION (shuati_application_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiApplication, shuati_application, SHUATI, APPLICATION, AdwApplication)

ShuatiApplication *shuati_application_new      (void);
ShuatiDeck        *shuati_application_get_deck (ShuatiApplication *self);
ShuatiStore       *shuati_application_get_store (ShuatiApplication *self);
ShuatiLibrary     *shuati_application_get_library (ShuatiApplication *self);
ShuatiScheduler   *shuati_application_get_scheduler (ShuatiApplication *self);
ShuatiSyncController *shuati_application_get_sync_controller (ShuatiApplication *self);
char              *shuati_application_take_store_problem (ShuatiApplication *self);
char             **shuati_application_steal_restart_arguments (ShuatiApplication *self);
gboolean           shuati_application_present_action (ShuatiApplication  *self,
                                                      const char         *action_name,
                                                      GVariant           *parameter);
GVariant          *shuati_application_plan_command_line (ShuatiApplication  *self,
                                                         GVariantDict       *options,
                                                         const char         *cwd,
                                                         GError            **error);

G_END_DECLS
