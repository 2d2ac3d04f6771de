/* shuati-browser-cell.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_BROWSER_CELL (shuati_browser_cell_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiBrowserCell, shuati_browser_cell, SHUATI, BROWSER_CELL, GtkWidget)

GtkWidget  *shuati_browser_cell_new      (gboolean           numeric);
void        shuati_browser_cell_set_text (ShuatiBrowserCell *self,
                                          const char        *text,
                                          GObject           *owner);
const char *shuati_browser_cell_get_text (ShuatiBrowserCell *self);
int         shuati_browser_cell_get_line_height (GtkWidget *widget);

G_END_DECLS
