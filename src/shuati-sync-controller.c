/* shuati-sync-controller.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs sync as the settings say (sync-enabled, sync-folder): merges in a
 * worker thread on start, when the folder changes (a GFileMonitor on it
 * and on each device's folder) and every few minutes, and tells the
 * status for Preferences. Between merges only the files' sizes are
 * looked at.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-sync-controller.h"

/* How often the folder is checked besides the monitors' word, and how
 * long a burst of changes (a sync program writing) is waited out. */
#define CHECK_SECONDS 180
#define SETTLE_MS 1500
#define STATUS_SECONDS 30

struct _ShuatiSyncController
{
  GObject          parent_instance;

  GSettings       *settings;
  ShuatiStore     *store;
  ShuatiScheduler *scheduler;
  ShuatiSync      *sync;
  ShuatiLibrary   *library;
  GPtrArray       *monitors;
  GCancellable    *cancellable;
  guint            start_source;
  guint            settle_source;
  guint            check_source;
  guint            status_source;
  guint            ticks;
  gboolean         merging;
  gboolean         again;
  char            *status;
  char            *problems;
  char            *error;
};

G_DEFINE_FINAL_TYPE (ShuatiSyncController, shuati_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void merge (ShuatiSyncController *self);
static void watch_folder (ShuatiSyncController *self);

static void
set_text (ShuatiSyncController *self,
          char                **field,
          const char           *text,
          GParamSpec           *pspec)
{
  if (g_strcmp0 (*field, text) == 0)
    return;
  g_free (*field);
  *field = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_status (ShuatiSyncController *self)
{
  g_autofree char *status = NULL;
  g_autoptr(GString) problems = g_string_new (self->error);

  if (self->sync != NULL)
    {
      g_auto(GStrv) list = shuati_sync_get_problems (self->sync);

      status = shuati_sync_format_status (shuati_sync_get_last_merge (self->sync),
                                          g_get_real_time () / G_USEC_PER_SEC,
                                          shuati_sync_get_n_devices (self->sync));
      for (guint i = 0; list[i] != NULL; i++)
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, list[i]);
        }
    }
  else if (g_settings_get_boolean (self->settings, "sync-enabled"))
    status = g_strdup (_("Not syncing"));
  else
    status = g_strdup (_("Off"));

  set_text (self, &self->status, status, properties[PROP_STATUS]);
  set_text (self, &self->problems, problems->str, properties[PROP_PROBLEMS]);
}

static void
merged (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ShuatiSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = shuati_sync_merge_finish (SHUATI_SYNC (source), result, NULL, &error);

  /* A merge of a sync since stopped (the folder changed meanwhile). */
  if ((gpointer)source != (gpointer)self->sync)
    return;

  self->merging = FALSE;
  g_clear_pointer (&self->error, g_free);
  if (!ok)
    self->error = g_strdup (error->message);

  /* A device that appeared gets its own monitor. */
  watch_folder (self);
  update_status (self);
  if (self->again)
    {
      self->again = FALSE;
      merge (self);
    }
}

static void
merge (ShuatiSyncController *self)
{
  if (self->sync == NULL)
    return;
  if (self->merging)
    {
      self->again = TRUE;
      return;
    }
  self->merging = TRUE;
  shuati_sync_merge_async (self->sync, self->cancellable, merged, g_object_ref (self));
}

static gboolean
settled (gpointer user_data)
{
  ShuatiSyncController *self = user_data;

  self->settle_source = 0;
  if (self->sync != NULL && shuati_sync_has_changes (self->sync))
    merge (self);
  return G_SOURCE_REMOVE;
}

static void
folder_changed (ShuatiSyncController *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_MS, settled, self);
}

static gboolean
tick (gpointer user_data)
{
  ShuatiSyncController *self = user_data;

  update_status (self);
  if (++self->ticks % (CHECK_SECONDS / STATUS_SECONDS) == 0 &&
      self->sync != NULL && shuati_sync_has_changes (self->sync))
    merge (self);
  return G_SOURCE_CONTINUE;
}

static void
add_monitor (ShuatiSyncController *self,
             const char           *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileMonitor *monitor = g_file_monitor_directory (file, G_FILE_MONITOR_NONE, NULL, NULL);

  if (monitor == NULL)
    return;
  g_signal_connect_object (monitor, "changed", G_CALLBACK (folder_changed), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->monitors, monitor);
}

/* Monitors the devices' folder and each device's. */
static void
watch_folder (ShuatiSyncController *self)
{
  g_autofree char *devices = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->sync == NULL)
    return;
  devices = g_build_filename (shuati_sync_get_folder (self->sync), "devices", NULL);
  dir = g_dir_open (devices, 0, NULL);
  if (dir != NULL && self->monitors->len == shuati_sync_get_n_devices (self->sync) + 1)
    return;

  g_ptr_array_set_size (self->monitors, 0);
  add_monitor (self, devices);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (devices, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_monitor (self, path);
    }
}

static void
stop (ShuatiSyncController *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_ptr_array_set_size (self->monitors, 0);
  if (self->sync != NULL)
    shuati_sync_stop (self->sync);
  g_clear_object (&self->sync);
  self->merging = FALSE;
  self->again = FALSE;
}

static void
apply_settings (ShuatiSyncController *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "sync-folder");
  g_autoptr(GError) error = NULL;

  stop (self);
  g_clear_pointer (&self->error, g_free);

  if (g_settings_get_boolean (self->settings, "sync-enabled") && folder[0] != '\0')
    {
      self->sync = shuati_sync_new (self->store, self->scheduler, folder, &error);
      if (self->sync == NULL)
        self->error = g_strdup (error->message);
      else
        {
          self->cancellable = g_cancellable_new ();
          if (self->library != NULL)
            shuati_sync_set_library (self->sync, self->library);
          watch_folder (self);
          merge (self);
        }
    }
  update_status (self);
}

static gboolean
start (gpointer user_data)
{
  ShuatiSyncController *self = user_data;

  self->start_source = 0;
  g_signal_connect_object (self->settings, "changed::sync-enabled",
                           G_CALLBACK (apply_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-folder",
                           G_CALLBACK (apply_settings), self, G_CONNECT_SWAPPED);
  self->status_source = g_timeout_add_seconds (STATUS_SECONDS, tick, self);
  apply_settings (self);
  return G_SOURCE_REMOVE;
}

static void
shuati_sync_controller_dispose (GObject *object)
{
  ShuatiSyncController *self = (ShuatiSyncController *)object;

  stop (self);
  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->status_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (shuati_sync_controller_parent_class)->dispose (object);
}

static void
shuati_sync_controller_finalize (GObject *object)
{
  ShuatiSyncController *self = (ShuatiSyncController *)object;

  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->problems, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (shuati_sync_controller_parent_class)->finalize (object);
}

static void
shuati_sync_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ShuatiSyncController *self = SHUATI_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_PROBLEMS:
      g_value_set_string (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_sync_controller_class_init (ShuatiSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_sync_controller_dispose;
  object_class->finalize = shuati_sync_controller_finalize;
  object_class->get_property = shuati_sync_controller_get_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_string ("problems", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_sync_controller_init (ShuatiSyncController *self)
{
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_strdup ("");
}

/**
 * shuati_sync_controller_new:
 *
 * Starts syncing once the main loop runs, if the settings say so, and
 * follows them from then on.
 *
 * Returns: (transfer full): the controller
 */
ShuatiSyncController *
shuati_sync_controller_new (GSettings       *settings,
                            ShuatiStore     *store,
                            ShuatiScheduler *scheduler)
{
  ShuatiSyncController *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);

  self = g_object_new (SHUATI_TYPE_SYNC_CONTROLLER, NULL);
  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  self->status = g_strdup (_("Off"));
  self->start_source = g_idle_add_full (G_PRIORITY_LOW, start, self, NULL);
  return self;
}

/**
 * shuati_sync_controller_get_sync:
 *
 * Returns: (transfer none) (nullable): the running sync, if any
 */
ShuatiSync *
shuati_sync_controller_get_sync (ShuatiSyncController *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC_CONTROLLER (self), NULL);

  return self->sync;
}

const char *
shuati_sync_controller_get_status (ShuatiSyncController *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC_CONTROLLER (self), NULL);

  return self->status;
}

/**
 * shuati_sync_controller_get_problems:
 *
 * Returns: what is wrong, one problem a line; empty when nothing is
 */
const char *
shuati_sync_controller_get_problems (ShuatiSyncController *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC_CONTROLLER (self), NULL);

  return self->problems;
}

void
shuati_sync_controller_merge_now (ShuatiSyncController *self)
{
  g_return_if_fail (SHUATI_IS_SYNC_CONTROLLER (self));

  merge (self);
}

/**
 * shuati_sync_controller_set_library:
 *
 * Syncs the learner's own decks of @library too, now and whenever sync
 * is turned on.
 */
void
shuati_sync_controller_set_library (ShuatiSyncController *self,
                                    ShuatiLibrary        *library)
{
  g_return_if_fail (SHUATI_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (SHUATI_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  if (self->sync != NULL)
    shuati_sync_set_library (self->sync, library);
}
