/* shuati-chart.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-chart.h"

/*
 * What the charts share: the theme's colours, and walking a chart's parts
 * (days, bars) with the keyboard, each one ringed and read aloud.
 */

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

/**
 * shuati_chart_class_add_cursor_keys:
 * @move: the chart.move-cursor action: moves the cursor by its "i"
 *   parameter, clamped to the chart's parts
 * @step: how far Left and Right move
 * @vertical_step: how far Up and Down move, 0 for not at all
 *
 * Home and End move to the first and last part.
 */
void
shuati_chart_class_add_cursor_keys (GtkWidgetClass              *widget_class,
                                    GtkWidgetActionActivateFunc  move,
                                    int                          step,
                                    int                          vertical_step)
{
  gtk_widget_class_install_action (widget_class, "chart.move-cursor", "i", move);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move-cursor", "i", -step);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move-cursor", "i", step);
  if (vertical_step != 0)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move-cursor", "i", -vertical_step);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move-cursor", "i", vertical_step);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.move-cursor", "i", G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.move-cursor", "i", G_MAXINT32);
}

/**
 * shuati_chart_move_cursor:
 * @cursor: the part the cursor is on, or -1 for none yet
 * @delta: how far to move
 * @first: the first part the cursor may go to
 * @last: the last part
 * @landing: where the first move lands, whatever @delta is
 *
 * Returns: where the cursor goes
 */
int
shuati_chart_move_cursor (int cursor,
                          int delta,
                          int first,
                          int last,
                          int landing)
{
  gint64 target = cursor < 0 ? landing : (gint64)cursor + delta;

  return (int)CLAMP (target, (gint64)first, (gint64)last);
}

/**
 * shuati_chart_set_cursor_description:
 * @description: (nullable): what the part under the cursor shows, in words
 *
 * A screen reader reads the chart's label (its summary), then this; the
 * tooltip shown from the keyboard follows.
 */
void
shuati_chart_set_cursor_description (GtkWidget  *widget,
                                     const char *description)
{
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_trigger_tooltip_query (widget);
}

/**
 * shuati_chart_redraw_on_focus:
 *
 * The cursor's ring shows only while the chart has the keyboard focus.
 */
void
shuati_chart_redraw_on_focus (GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), widget);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), widget);
  gtk_widget_add_controller (widget, focus);
}
