/* shuati-sync-group.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Sync: the folder (chosen through the file chooser portal
 * in a Flatpak, which then grants access to that folder only), a switch
 * to turn sync off, the status and what went wrong.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-sync-group.h"

struct _ShuatiSyncGroup
{
  AdwPreferencesGroup   parent_instance;

  AdwActionRow         *enable_row;
  GtkSwitch            *enable_switch;
  AdwActionRow         *folder_row;
  AdwActionRow         *status_row;
  AdwActionRow         *problems_row;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
  ShuatiSyncController *controller;
  GBinding             *status_binding;
  GBinding             *problems_binding;
};

G_DEFINE_FINAL_TYPE (ShuatiSyncGroup, shuati_sync_group, ADW_TYPE_PREFERENCES_GROUP)

static void
update_folder (ShuatiSyncGroup *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "sync-folder");
  g_autofree char *display = folder[0] != '\0' ? g_filename_display_name (folder) : NULL;

  adw_action_row_set_subtitle (self->folder_row, display != NULL ? display : _("None chosen"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->enable_row), folder[0] != '\0');
}

static void
on_chooser_response (ShuatiSyncGroup      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "sync-folder", path);
          g_settings_set_boolean (self->settings, "sync-enabled", TRUE);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiSyncGroup *self = SHUATI_SYNC_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Sync Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShuatiSyncGroup *self = SHUATI_SYNC_GROUP (widget);

  if (self->controller != NULL)
    shuati_sync_controller_merge_now (self->controller);
}

static gboolean
text_to_visible (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_boolean (to, text != NULL && text[0] != '\0');
  return TRUE;
}

/**
 * shuati_sync_group_set_controller:
 * @controller: (nullable): whose status the group shows
 */
void
shuati_sync_group_set_controller (ShuatiSyncGroup      *self,
                                  ShuatiSyncController *controller)
{
  g_return_if_fail (SHUATI_IS_SYNC_GROUP (self));
  g_return_if_fail (controller == NULL || SHUATI_IS_SYNC_CONTROLLER (controller));

  g_clear_pointer (&self->status_binding, g_binding_unbind);
  g_clear_pointer (&self->problems_binding, g_binding_unbind);
  if (!g_set_object (&self->controller, controller) || controller == NULL)
    return;

  self->status_binding = g_object_bind_property (controller, "status", self->status_row, "subtitle",
                                                 G_BINDING_SYNC_CREATE);
  self->problems_binding = g_object_bind_property (controller, "problems", self->problems_row, "subtitle",
                                                   G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (controller, "problems", self->problems_row, "visible",
                               G_BINDING_SYNC_CREATE, text_to_visible, NULL, NULL, NULL);
}

static void
shuati_sync_group_dispose (GObject *object)
{
  ShuatiSyncGroup *self = (ShuatiSyncGroup *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->status_binding, g_binding_unbind);
  g_clear_pointer (&self->problems_binding, g_binding_unbind);
  g_clear_object (&self->controller);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_SYNC_GROUP);

  G_OBJECT_CLASS (shuati_sync_group_parent_class)->dispose (object);
}

static void
shuati_sync_group_class_init (ShuatiSyncGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_sync_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-sync-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiSyncGroup, enable_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSyncGroup, enable_switch);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSyncGroup, folder_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSyncGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSyncGroup, problems_row);

  gtk_widget_class_install_action (widget_class, "sync.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_action);
}

static void
shuati_sync_group_init (ShuatiSyncGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "sync-enabled", self->enable_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::sync-folder", G_CALLBACK (update_folder), self,
                           G_CONNECT_SWAPPED);
  update_folder (self);
}
