/* shuati-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-window.h"

struct _ShuatiWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (ShuatiWindow, shuati_window, ADW_TYPE_APPLICATION_WINDOW)

static void
shuati_window_constructed (GObject *object)
{
  ShuatiWindow *self = (ShuatiWindow *)object;
  ShuatiApplication *app;
  ShuatiDeck *deck;

  G_OBJECT_CLASS (shuati_window_parent_class)->constructed (object);

  app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  deck = app != NULL ? shuati_application_get_deck (app) : NULL;
  if (deck != NULL)
    {
      g_autofree char *count = NULL;

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                            shuati_deck_get_n_cards (deck)),
                               shuati_deck_get_n_cards (deck));
      adw_status_page_set_title (self->status_page,
                                 shuati_deck_get_title (deck, g_get_language_names ()));
      adw_status_page_set_description (self->status_page, count);
    }
}

static void
shuati_window_class_init (ShuatiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shuati_window_constructed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, status_page);
}

static void
shuati_window_init (ShuatiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * shuati_window_new:
 *
 * Returns: (transfer full): a new main window
 */
ShuatiWindow *
shuati_window_new (ShuatiApplication *application)
{
  return g_object_new (SHUATI_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
