/* shuati-preferences-window.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_PREFERENCES_WINDOW (shuati_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiPreferencesWindow, shuati_preferences_window, SHUATI, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *shuati_preferences_window_new       (GtkWindow               *parent);
void       shuati_preferences_window_set_decks (ShuatiPreferencesWindow *self,
                                                GListModel              *decks);

G_END_DECLS
