/* test-application.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-application.h"
#include "shuati-backup.h"
#include "shuati-test-utils.h"
#include "shuati-window.h"

static void
test_window_shows_deck (void)
{
  g_autoptr(ShuatiApplication) app = shuati_application_new ();
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  deck = shuati_application_get_deck (app);
  g_assert_nonnull (deck);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 24);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SHUATI_IS_WINDOW (window));

  /* A second activation raises the same window. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  gtk_window_destroy (window);
}

/* Run in a subprocess whose data folder holds a damaged progress file and
 * a backup of March 14, 2025. */
static void
restored_from_backup (void)
{
  g_autoptr(ShuatiApplication) app = shuati_application_new ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  ShuatiStore *store;
  ShuatiMemory memory;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  store = shuati_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &memory, NULL));
  problem = shuati_application_take_store_problem (app);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Your progress file was damaged. It was restored from the "
                                            "backup of 14 March 2025; reviews made after it are lost. "
                                            "The damaged file has been moved to “"));
  g_assert_true (g_str_has_suffix (problem, "”."));
  g_assert_nonnull (strstr (problem, "progress.db.corrupt-"));

  /* Startup also made today's backup, of the restored progress. */
  backups = shuati_backup_list (shuati_store_get_path (store));
  while (backups->len < 2)
    {
      g_main_context_iteration (NULL, TRUE);
      g_ptr_array_unref (backups);
      backups = shuati_backup_list (shuati_store_get_path (store));
    }
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (backups, 1), "progress-2025-03-14.db"));
}

static void
test_restored_from_backup (void)
{
  g_autoptr(GDateTime) backup_day = g_date_time_new_local (2025, 3, 14, 12, 0, 0.0);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved_data_home = g_strdup (g_getenv ("XDG_DATA_HOME"));
  ShuatiMemory zero = { 0 };
  ShuatiMemory after = { SHUATI_CARD_LEARNING, 1, 2.3, 2.1, 1767226200, 1767225600, 1, 0 };
  ShuatiStore *store;

  if (g_test_subprocess ())
    {
      restored_from_backup ();
      return;
    }

  data_home = g_dir_make_tmp ("shuati-test-application-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (data_home, "shuati", "progress.db", NULL);

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shuati_store_record_review (store, "deck", "a", &zero, &after, SHUATI_RATING_GOOD,
                                               1767225600, NULL, 1000, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (shuati_backup_write (path, backup_day, &backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_finalize_object (store);
  g_assert_true (g_file_set_contents (path, "not a database, not at all", -1, &error));
  g_assert_no_error (error);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  if (saved_data_home != NULL)
    g_setenv ("XDG_DATA_HOME", saved_data_home, TRUE);
  else
    g_unsetenv ("XDG_DATA_HOME");
  shuati_test_remove_tree (data_home);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/application/window-shows-deck", test_window_shows_deck);
  g_test_add_func ("/shuati/application/restored-from-backup", test_restored_from_backup);

  return g_test_run ();
}
