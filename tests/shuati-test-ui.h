/* shuati-test-ui.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget tests share: letting frames pass, opening a settled main
 * window, waiting for a dialog, a question bank with warnings, a key
 * binding run as its key would run it.
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-application.h"
#include "shuati-window.h"

G_BEGIN_DECLS

typedef gboolean (*ShuatiTestWidgetMatch) (GtkWidget     *widget,
                                           gconstpointer  data);

void          shuati_test_settle             (void);
ShuatiWindow *shuati_test_open_window        (ShuatiApplication *app,
                                              int                width,
                                              int                height);
GtkWindow    *shuati_test_find_toplevel      (GType              type);
GtkWindow    *shuati_test_wait_for_toplevel  (GType              type);
GtkWidget    *shuati_test_find_widget        (GtkWidget             *root,
                                              ShuatiTestWidgetMatch  match,
                                              gconstpointer          data);
GtkWidget    *shuati_test_find_descendant    (GtkWidget         *root,
                                              GType              type);
char         *shuati_test_write_warning_bank (const char        *dir);
GtkShortcut  *shuati_test_find_shortcut      (GtkWidget         *widget,
                                              guint              keyval,
                                              GdkModifierType    modifiers);
gboolean      shuati_test_press_shortcut     (GtkWidget         *widget,
                                              guint              keyval,
                                              GdkModifierType    modifiers);

G_END_DECLS
