/* shuati-preferences-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-interface-language.h"
#include "shuati-preferences-window.h"

struct _ShuatiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *interface_language_row;
  AdwComboRow          *card_language_row;
  AdwComboRow          *practice_order_row;
  GtkAdjustment        *new_cards_adjustment;
  GtkAdjustment        *retention_adjustment;
  GtkAdjustment        *maximum_interval_adjustment;
  GtkSwitch            *fuzz_switch;

  GSettings            *settings;
  AdwToast             *restart_toast;
};

G_DEFINE_FINAL_TYPE (ShuatiPreferencesWindow, shuati_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows list the enum's values in its order, so the nick's position
 * in the enum is the row's position. */
static gboolean
enum_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **)nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

static const char * const interface_language_nicks[] = { "system", "zh_CN", "en", NULL };
static const char * const card_language_nicks[] = { "automatic", "zh_CN", "en", "both", NULL };
static const char * const practice_order_nicks[] = { "in-order", "shuffled", NULL };

/* The interface speaks its language from the start of the program on, so
 * another choice offers a restart, and going back to the language in use
 * takes the offer away. */
static void
on_interface_language_changed (ShuatiPreferencesWindow *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "interface-language");

  if (!shuati_interface_language_needs_restart (choice))
    {
      if (self->restart_toast != NULL)
        adw_toast_dismiss (self->restart_toast);
      return;
    }

  if (self->restart_toast != NULL)
    return;

  self->restart_toast = adw_toast_new (_("Restart Shuati to change its language"));
  adw_toast_set_timeout (self->restart_toast, 0);
  adw_toast_set_button_label (self->restart_toast, _("_Restart Now"));
  adw_toast_set_action_name (self->restart_toast, "app.restart");
  g_object_add_weak_pointer (G_OBJECT (self->restart_toast), (gpointer *)&self->restart_toast);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), self->restart_toast);
}

static void
shuati_preferences_window_dispose (GObject *object)
{
  ShuatiPreferencesWindow *self = (ShuatiPreferencesWindow *)object;

  if (self->restart_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->restart_toast), (gpointer *)&self->restart_toast);
  self->restart_toast = NULL;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shuati_preferences_window_parent_class)->dispose (object);
}

static void
shuati_preferences_window_class_init (ShuatiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, interface_language_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, card_language_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, practice_order_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, new_cards_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, maximum_interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, fuzz_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
shuati_preferences_window_init (ShuatiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed::interface-language",
                           G_CALLBACK (on_interface_language_changed), self, G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (self->settings, "interface-language",
                                self->interface_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)interface_language_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "card-language",
                                self->card_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)card_language_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "practice-order",
                                self->practice_order_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)practice_order_nicks, NULL);
  g_settings_bind (self->settings, "new-cards-per-day",
                   self->new_cards_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "desired-retention",
                   self->retention_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "maximum-interval",
                   self->maximum_interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "interval-fuzz",
                   self->fuzz_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/**
 * shuati_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer full): the preferences window
 */
GtkWindow *
shuati_preferences_window_new (GtkWindow *parent)
{
  /* In the application, so that Restart Now reaches its action. */
  return g_object_new (SHUATI_TYPE_PREFERENCES_WINDOW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
