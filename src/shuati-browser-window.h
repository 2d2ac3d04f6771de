/* shuati-browser-window.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-browser-row.h"
#include "shuati-progress.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_BROWSER_WINDOW (shuati_browser_window_get_type ())

/* How many changes the browser (and the main window, for changes of the
 * deck) can undo, newest first. */
#define SHUATI_UNDO_DEPTH 20

G_DECLARE_FINAL_TYPE (ShuatiBrowserWindow, shuati_browser_window, SHUATI, BROWSER_WINDOW, AdwWindow)

ShuatiBrowserWindow *shuati_browser_window_new       (GtkWindow           *parent,
                                                      ShuatiProgress      *progress,
                                                      GListModel          *cards,
                                                      const char * const  *languages,
                                                      GSettings           *settings);
GtkSelectionModel   *shuati_browser_window_get_selection (ShuatiBrowserWindow *self);
void                 shuati_browser_window_sort_by   (ShuatiBrowserWindow *self,
                                                      ShuatiBrowserColumn  column,
                                                      GtkSortType          direction);
GtkColumnViewColumn *shuati_browser_window_get_column (ShuatiBrowserWindow *self,
                                                      ShuatiBrowserColumn  column);
ShuatiCard          *shuati_browser_window_get_shown_card (ShuatiBrowserWindow *self);
guint                shuati_browser_window_get_n_history (ShuatiBrowserWindow *self);
gboolean             shuati_browser_window_export_selection (ShuatiBrowserWindow *self,
                                                      GFile               *file,
                                                      GError             **error);
void                 shuati_browser_window_set_leeches_only (ShuatiBrowserWindow *self,
                                                      gboolean             leeches_only);

/* shuati-browser-edit.c */
GStrv                shuati_browser_window_dup_selected_ids (ShuatiBrowserWindow *self);
void                 shuati_browser_window_select_ids (ShuatiBrowserWindow *self,
                                                       const char * const  *ids);
GPtrArray           *shuati_browser_window_steal_undo (ShuatiBrowserWindow *self);
void                 shuati_browser_window_take_undo  (ShuatiBrowserWindow *self,
                                                       GPtrArray           *undo);
void                 shuati_browser_window_add_deck_change (ShuatiBrowserWindow *self,
                                                            const char          *done,
                                                            gboolean             can_undo);

void                 _shuati_browser_window_class_add_edit_actions (GtkWidgetClass *widget_class);

G_END_DECLS
