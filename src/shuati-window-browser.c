/* shuati-window-browser.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's way into the card browser: win.browse opens it over
 * the main list's current choice.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-browser-window.h"
#include "shuati-window-private.h"

#define BROWSER_KEY "shuati-browser-window"

static void
on_browser_destroy (ShuatiWindow *self)
{
  g_object_steal_data (G_OBJECT (self), BROWSER_KEY);
}

static void
browse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiBrowserWindow *browser = g_object_get_data (G_OBJECT (self), BROWSER_KEY);

  if (self->progress == NULL || self->filtered_cards == NULL)
    return;

  /* A browser over another deck's cards is closed for one over this deck. */
  if (browser != NULL &&
      g_object_get_data (G_OBJECT (browser), "shuati-progress") != (gpointer)self->progress)
    {
      gtk_window_destroy (GTK_WINDOW (browser));
      browser = NULL;
    }

  if (browser == NULL)
    {
      browser = shuati_browser_window_new (GTK_WINDOW (self), self->progress,
                                           G_LIST_MODEL (self->filtered_cards),
                                           (const char * const *)self->languages,
                                           self->settings);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (browser), TRUE);
      g_object_set_data (G_OBJECT (browser), "shuati-progress", self->progress);
      g_object_set_data (G_OBJECT (self), BROWSER_KEY, browser);
      g_signal_connect_object (browser, "destroy", G_CALLBACK (on_browser_destroy),
                               self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (browser));
}

void
_shuati_window_class_add_browser_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.browse", NULL, browse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "win.browse", NULL);
}

/**
 * _shuati_window_get_browser:
 *
 * Returns: (transfer none) (nullable): the open card browser
 */
GtkWindow *
_shuati_window_get_browser (ShuatiWindow *self)
{
  return g_object_get_data (G_OBJECT (self), BROWSER_KEY);
}
