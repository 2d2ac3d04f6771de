/* shuati-chart.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void shuati_chart_lookup_color           (GtkWidget                   *widget,
                                          const char                  *name,
                                          GdkRGBA                     *color);
void shuati_chart_get_foreground         (GtkWidget                   *widget,
                                          GdkRGBA                     *color);
void shuati_chart_append_focus_ring      (GtkWidget                   *widget,
                                          GtkSnapshot                 *snapshot,
                                          const graphene_rect_t       *bounds,
                                          float                        radius);
void shuati_chart_class_add_cursor_keys  (GtkWidgetClass              *widget_class,
                                          GtkWidgetActionActivateFunc  move,
                                          int                          step,
                                          int                          vertical_step);
int  shuati_chart_move_cursor            (int                          cursor,
                                          int                          delta,
                                          int                          first,
                                          int                          last,
                                          int                          landing);
void shuati_chart_set_cursor_description (GtkWidget                   *widget,
                                          const char                  *description);
void shuati_chart_redraw_on_focus        (GtkWidget                   *widget);

G_END_DECLS
