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
