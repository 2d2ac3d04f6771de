/* shuati-chart-colors.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void shuati_chart_lookup_color   (GtkWidget  *widget,
                                  const char *name,
                                  GdkRGBA    *color);
void shuati_chart_get_foreground (GtkWidget  *widget,
                                  GdkRGBA    *color);
void shuati_chart_append_focus_ring (GtkWidget             *widget,
                                     GtkSnapshot           *snapshot,
                                     const graphene_rect_t *bounds,
                                     float                  radius);

G_END_DECLS
