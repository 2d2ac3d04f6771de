/* shuati-window.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_WINDOW (shuati_window_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiWindow, shuati_window, SHUATI, WINDOW, AdwApplicationWindow)

ShuatiWindow *shuati_window_new                (GtkApplication    *application);
void          shuati_window_set_deck           (ShuatiWindow      *self,
                                                ShuatiDeck        *deck);
GListModel   *shuati_window_get_visible_cards  (ShuatiWindow      *self);
ShuatiDeck   *shuati_window_get_deck           (ShuatiWindow      *self);
ShuatiCard   *shuati_window_get_selected_card  (ShuatiWindow      *self);
gboolean      shuati_window_select_card        (ShuatiWindow      *self,
                                                const char        *card_id);
gboolean      shuati_window_select_sidebar     (ShuatiWindow      *self,
                                                const char        *key);
char         *shuati_window_dup_sidebar_key    (ShuatiWindow      *self);
GtkWidget    *shuati_window_get_card_view      (ShuatiWindow      *self);
GtkSearchBar *shuati_window_get_search_bar     (ShuatiWindow      *self);
GtkSearchEntry *shuati_window_get_search_entry (ShuatiWindow      *self);
gboolean      shuati_window_is_reviewing       (ShuatiWindow      *self);

G_END_DECLS
