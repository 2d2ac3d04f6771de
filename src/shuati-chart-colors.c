/* shuati-chart-colors.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-chart-colors.h"

/* GtkStyleContext is the way to read theme colours in GTK 4.8; newer
 * GTK deprecates it, which the version fences keep quiet about here. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/**
 * shuati_chart_lookup_color:
 * @name: a named colour of the theme, such as "accent_bg_color"
 *
 * The theme's named colours follow light, dark and high contrast; the
 * widget's text colour stands in for a name the theme lacks.
 */
void
shuati_chart_lookup_color (GtkWidget  *widget,
                           const char *name,
                           GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

void
shuati_chart_get_foreground (GtkWidget *widget,
                             GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

G_GNUC_END_IGNORE_DEPRECATIONS

/**
 * shuati_chart_append_focus_ring:
 * @bounds: what the ring goes around
 * @radius: the corner radius of @bounds
 *
 * Rings the part of a chart the keyboard is on, in the text colour.
 */
void
shuati_chart_append_focus_ring (GtkWidget             *widget,
                                GtkSnapshot           *snapshot,
                                const graphene_rect_t *bounds,
                                float                  radius)
{
  const float width = 2.0f;
  const float widths[4] = { width, width, width, width };
  GdkRGBA colors[4];
  GskRoundedRect ring;

  shuati_chart_get_foreground (widget, &colors[0]);
  colors[1] = colors[2] = colors[3] = colors[0];
  gsk_rounded_rect_init_from_rect (&ring,
                                   &GRAPHENE_RECT_INIT (bounds->origin.x - width,
                                                        bounds->origin.y - width,
                                                        bounds->size.width + 2 * width,
                                                        bounds->size.height + 2 * width),
                                   radius + width);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}
