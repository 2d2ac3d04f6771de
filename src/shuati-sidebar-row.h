/* shuati-sidebar-row.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-sidebar-item.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SIDEBAR_ROW (shuati_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSidebarRow, shuati_sidebar_row, SHUATI, SIDEBAR_ROW, GtkWidget)

GtkWidget         *shuati_sidebar_row_new           (void);
ShuatiSidebarItem *shuati_sidebar_row_get_item      (ShuatiSidebarRow   *self);
void               shuati_sidebar_row_set_item      (ShuatiSidebarRow   *self,
                                                     ShuatiSidebarItem  *item);
void               shuati_sidebar_row_set_languages (ShuatiSidebarRow   *self,
                                                     const char * const *languages);
const char        *shuati_sidebar_row_get_title     (ShuatiSidebarRow   *self);

G_END_DECLS
