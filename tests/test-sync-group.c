/* test-sync-group.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Sync: the status of a merge appears ("Synced just now ·
 * 2 devices"), problems show, and the switch turns sync off.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "shuati-preferences-window.h"
#include "shuati-sync-group.h"
#include "shuati-test-ui.h"
#include "shuati-test-utils.h"

static AdwActionRow *
row (ShuatiSyncGroup *group,
     const char      *name)
{
  return ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (group), SHUATI_TYPE_SYNC_GROUP, name));
}

static void
wait_for_status (ShuatiSyncController *controller,
                 const char           *prefix)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!g_str_has_prefix (shuati_sync_controller_get_status (controller), prefix) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (shuati_sync_controller_get_status (controller), !=, NULL);
  g_assert_true (g_str_has_prefix (shuati_sync_controller_get_status (controller), prefix));
}

static ShuatiLibrary *
load_library (const char *base,
              const char *name)
{
  g_autofree char *mini = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);
  g_autofree char *path = g_build_filename (base, name, "decks", NULL);
  g_autoptr(GFile) builtin = g_file_new_for_path (mini);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  ShuatiLibrary *library = shuati_library_new (builtin, dir);

  shuati_test_load_library (library);
  return library;
}

static void
save_deck (ShuatiLibrary *library,
           const char    *id)
{
  g_autofree char *json = g_strdup_printf ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"%s\","
                                           " \"languages\": [\"en\"], \"title\": {\"en\": \"%s\"},"
                                           " \"topics\": [{\"id\": \"t\", \"title\": {\"en\": \"T\"}}],"
                                           " \"cards\": [{\"id\": \"c1\", \"topic\": \"t\", \"title\": {\"en\": \"One\"},"
                                           " \"question\": {\"en\": \"Q\"}, \"answer\": {\"en\": \"A\"}}]}", id, id);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (shuati_library_save_deck (library, deck, NULL, &error));
  g_assert_no_error (error);
}

static void
test_status (void)
{
  g_autofree char *base = shuati_test_make_dir ("sync-group");
  g_autofree char *folder = g_build_filename (base, "folder", NULL);
  g_autofree char *path_a = g_build_filename (base, "a", "progress.db", NULL);
  g_autofree char *path_b = g_build_filename (base, "b", "progress.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GError) error = NULL;
  ShuatiStore *store_a, *store_b;
  ShuatiLibrary *library_a, *library_b;
  ShuatiSync *sync_b;
  ShuatiSyncController *controller;
  ShuatiSyncGroup *group;
  GtkWindow *window;

  /* Another computer studied. */
  store_b = shuati_store_new (path_b, &error);
  g_assert_no_error (error);
  sync_b = shuati_sync_new (store_b, scheduler, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shuati_store_review_card (store_b, "deck", "c1", scheduler, SHUATI_RATING_GOOD,
                                             g_get_real_time () / G_USEC_PER_SEC, 0, NULL, NULL, &error), >, 0);
  /* And made a deck. */
  library_b = load_library (base, "b");
  shuati_sync_set_library (sync_b, library_b);
  save_deck (library_b, "from-b");

  store_a = shuati_store_new (path_a, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "sync-folder", folder);
  g_settings_set_boolean (settings, "sync-enabled", FALSE);
  controller = shuati_sync_controller_new (settings, store_a, scheduler);
  library_a = load_library (base, "a");
  shuati_sync_controller_set_library (controller, library_a);

  window = GTK_WINDOW (gtk_window_new ());
  group = g_object_new (SHUATI_TYPE_SYNC_GROUP, NULL);
  gtk_window_set_child (window, GTK_WIDGET (group));
  shuati_sync_group_set_controller (group, controller);
  gtk_window_present (window);

  wait_for_status (controller, "Off");
  g_assert_cmpstr (adw_action_row_get_subtitle (row (group, "status_row")), ==, "Off");
  g_assert_cmpstr (adw_action_row_get_subtitle (row (group, "folder_row")), ==, folder);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row (group, "problems_row"))));

  /* Turned on: it merges, and the row says so. */
  gtk_switch_set_active (GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (group), SHUATI_TYPE_SYNC_GROUP,
                                                                     "enable_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "sync-enabled"));
  wait_for_status (controller, "Synced");
  g_assert_cmpstr (adw_action_row_get_subtitle (row (group, "status_row")), ==, "Synced just now · 2 devices");
  g_assert_true (shuati_store_get_memory (store_a, "deck", "c1", &(ShuatiMemory) { 0 }, NULL));
  /* The other computer's deck is in this one's library, and one made
   * here reaches the other. */
  g_assert_nonnull (shuati_library_lookup (library_a, "from-b"));
  save_deck (library_a, "from-a");
  g_assert_true (shuati_sync_merge (sync_b, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (shuati_library_lookup (library_b, "from-a"));

  /* A damaged line is a problem shown. */
  {
    g_autofree char *dir = g_build_filename (folder, "devices", shuati_sync_get_device_id (sync_b), NULL);
    g_autofree char *file = g_build_filename (dir, "journal-1.jsonl", NULL);
    g_autofree char *text = NULL;
    g_autofree char *more = NULL;
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
    more = g_strconcat (text, "not a line of Shuati's\n", NULL);
    g_assert_true (g_file_set_contents (file, more, -1, NULL));
    shuati_sync_controller_merge_now (controller);
    while (!gtk_widget_get_visible (GTK_WIDGET (row (group, "problems_row"))) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row (group, "problems_row"))));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row (group, "problems_row")), "damaged"));
  }

  /* Off again. */
  g_settings_set_boolean (settings, "sync-enabled", FALSE);
  wait_for_status (controller, "Off");

  gtk_window_destroy (window);
  g_object_unref (controller);
  shuati_test_settle ();
  shuati_sync_stop (sync_b);
  g_object_unref (sync_b);
  g_object_unref (library_a);
  g_object_unref (library_b);
  g_object_unref (store_b);
  g_object_unref (store_a);
  shuati_test_remove_tree (base);
}

/* The group is in Preferences. */
static void
test_in_preferences (void)
{
  GtkWindow *window = shuati_preferences_window_new (NULL);

  g_assert_true (SHUATI_IS_SYNC_GROUP (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                     SHUATI_TYPE_PREFERENCES_WINDOW,
                                                                     "sync_group")));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/shuati/sync-group/status", test_status);
  g_test_add_func ("/shuati/sync-group/in-preferences", test_in_preferences);

  return g_test_run ();
}
