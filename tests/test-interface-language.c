/* test-interface-language.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "shuati-application.h"
#include "shuati-interface-language.h"
#include "shuati-preferences-window.h"
#include "shuati-window.h"
#include "shuati-test-ui.h"

static void
test_choice (void)
{
  g_assert_cmpstr (shuati_interface_language_for_choice ("zh_CN"), ==, "zh_CN");
  g_assert_cmpstr (shuati_interface_language_for_choice ("en"), ==, "en");
  g_assert_null (shuati_interface_language_for_choice ("system"));
  g_assert_null (shuati_interface_language_for_choice ("klingon"));
  g_assert_null (shuati_interface_language_for_choice (NULL));
}

/* Under an English desktop: Chinese is chosen, the interface speaks it,
 * and the desktop's list comes back for a program started from here. */
static void
test_apply (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_setenv ("LANGUAGE", "en", TRUE);
  g_settings_set_string (settings, "interface-language", "zh_CN");
  shuati_interface_language_apply (settings);

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "zh_CN");
  g_assert_cmpstr (shuati_interface_language_get_applied (), ==, "zh_CN");
  g_assert_cmpstr (_("Shuati"), ==, "刷题");
  g_assert_cmpstr (g_get_language_names ()[0], ==, "zh_CN");

  g_assert_false (shuati_interface_language_needs_restart ("zh_CN"));
  g_assert_true (shuati_interface_language_needs_restart ("en"));
  g_assert_true (shuati_interface_language_needs_restart ("system"));

  shuati_interface_language_restore ();
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");

  /* Back to the system: the desktop's own list, not the last choice. */
  g_settings_set_string (settings, "interface-language", "system");
  shuati_interface_language_apply (settings);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  /* gettext keeps what it found until the locale is set again; the program
   * chooses once, before its first translation. */
  setlocale (LC_ALL, "");
  g_assert_cmpstr (_("Shuati"), ==, "Shuati");
  g_settings_reset (settings, "interface-language");
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static void
collect_row_titles (GtkWidget *widget,
                    GString   *titles)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (titles, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_row_titles (child, titles);
}

typedef struct
{
  const char *choice;
  const char *desktop;
  const char *title;
  const char *study;
  const char *row;
} Visible;

static const Visible chinese_on_english = { "zh_CN", "en", "刷题", "学习", "界面语言(_I)" };
static const Visible english_on_chinese = { "en", "zh_CN", "Shuati", "Study", "_Interface Language" };

/* The window and Preferences of a process whose desktop speaks the other
 * language, with the labels read back as they are shown. */
static void
test_window (gconstpointer data)
{
  const Visible *visible = data;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = NULL;
      g_autoptr(ShuatiApplication) app = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) titles = g_string_new (NULL);
      g_autofree char *needle = NULL;
      ShuatiWindow *window;
      GtkWindow *preferences;
      GtkWidget *study;

      g_setenv ("LANGUAGE", visible->desktop, TRUE);
      settings = g_settings_new (APP_ID);
      g_settings_set_string (settings, "interface-language", visible->choice);
      shuati_interface_language_apply (settings);

      gtk_init ();
      adw_init ();
      app = shuati_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);

      window = shuati_window_new (GTK_APPLICATION (app));
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, visible->title);
      study = shuati_test_find_widget (GTK_WIDGET (window), has_action, "win.study");
      g_assert_nonnull (study);
      g_assert_cmpstr (adw_split_button_get_label (ADW_SPLIT_BUTTON (study)), ==, visible->study);

      preferences = shuati_preferences_window_new (GTK_WINDOW (window));
      /* Restart Now is an action of the application: the window must reach it. */
      g_assert_true (gtk_window_get_application (preferences) == GTK_APPLICATION (app));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "app.about", NULL));
      collect_row_titles (GTK_WIDGET (preferences), titles);
      needle = g_strdup_printf ("%s\n", visible->row);
      if (strstr (titles->str, needle) == NULL)
        g_error ("no row “%s” among:\n%s", visible->row, titles->str);

      gtk_window_destroy (preferences);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Restart Now: the window closes (saving where it was), the search goes on
 * the new command line, and a running review asks first. */
static void
test_restart (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ShuatiApplication) app = NULL;
      g_autoptr(GSettings) settings = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data_home = g_dir_make_tmp ("shuati-test-restart-XXXXXX", &error);
      g_auto(GStrv) arguments = NULL;
      ShuatiWindow *window;
      AdwMessageDialog *dialog;

      g_assert_no_error (error);
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
      gtk_init ();
      adw_init ();
      app = shuati_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      settings = g_settings_new (APP_ID);
      g_settings_set_int (settings, "window-width", 1);

      /* Nothing asked for yet. */
      g_assert_null (shuati_application_steal_restart_arguments (app));

      window = shuati_window_new (GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", "s", "蒸馏 distil"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.practice", NULL));
      iterate ();
      g_assert_true (shuati_window_is_reviewing (window));

      /* During a review: a question, and Cancel leaves everything as it was. */
      g_action_group_activate_action (G_ACTION_GROUP (app), "restart", NULL);
      dialog = find_message_dialog ();
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, "cancel");
      iterate ();
      g_assert_null (shuati_application_steal_restart_arguments (app));
      g_assert_true (g_list_model_get_n_items (G_LIST_MODEL (gtk_window_get_toplevels ())) > 0);
      g_assert_true (shuati_window_is_reviewing (window));

      g_action_group_activate_action (G_ACTION_GROUP (app), "restart", NULL);
      dialog = find_message_dialog ();
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, "restart");
      iterate ();

      arguments = shuati_application_steal_restart_arguments (app);
      g_assert_nonnull (arguments);
      g_assert_cmpuint (g_strv_length (arguments), ==, 2);
      g_assert_cmpstr (arguments[0], ==, "--search");
      g_assert_cmpstr (arguments[1], ==, "蒸馏 distil");
      /* The window closed the way a user closes it: its size was saved. */
      g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
      g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The program itself, its settings in a key file as a desktop keeps them:
 * --help and --check-deck speak the chosen language, not the desktop's. */
static char *
run_program (const char  *choice,
             const char  *desktop,
             const char  *argument,
             int         *status)
{
  const char *program = g_getenv ("SHUATI_PROGRAM");
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { program, argument, NULL, NULL };
  g_autofree char *bad = NULL;

  g_assert_nonnull (program);

  config = g_dir_make_tmp ("shuati-test-language-XXXXXX", &error);
  g_assert_no_error (error);
  settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  contents = g_strdup_printf ("[io/github/shuati/Shuati]\ninterface-language='%s'\n", choice);
  g_file_set_contents (keyfile, contents, -1, &error);
  g_assert_no_error (error);

  if (g_str_equal (argument, "--check-deck"))
    argv[2] = bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "unknown-topic.json", NULL);

  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", desktop, TRUE);

  g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);

  g_unlink (keyfile);
  g_rmdir (settings_dir);
  {
    g_autofree char *glib_dir = g_build_filename (config, "glib-2.0", NULL);
    g_rmdir (glib_dir);
  }
  g_rmdir (config);

  return g_strconcat (out, err, NULL);
}

static void
test_program (void)
{
  int status = 0;
  g_autofree char *zh_help = run_program ("zh_CN", "en", "--help", &status);
  g_autofree char *en_help = run_program ("en", "zh_CN", "--help", &status);
  g_autofree char *zh_check = run_program ("zh_CN", "en", "--check-deck", &status);
  g_autofree char *en_check = run_program ("en", "zh_CN", "--check-deck", &status);
  g_autofree char *system_help = run_program ("system", "zh_CN", "--help", &status);

  g_assert_nonnull (strstr (zh_help, "检查题库文件"));
  g_assert_null (strstr (zh_help, "Check a question bank file"));
  g_assert_nonnull (strstr (en_help, "Check a question bank file"));
  g_assert_null (strstr (en_help, "检查题库文件"));
  /* "system" follows the desktop. */
  g_assert_nonnull (strstr (system_help, "检查题库文件"));

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (en_check, "the topic \"nowhere\""));
  g_assert_null (strstr (zh_check, "the topic \"nowhere\""));
  g_assert_nonnull (strstr (zh_check, "nowhere"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUATI_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/interface-language/choice", test_choice);
  g_test_add_func ("/shuati/interface-language/apply", test_apply);
  g_test_add_data_func ("/shuati/interface-language/window/chinese", &chinese_on_english, test_window);
  g_test_add_data_func ("/shuati/interface-language/window/english", &english_on_chinese, test_window);
  g_test_add_func ("/shuati/interface-language/restart", test_restart);
  g_test_add_func ("/shuati/interface-language/program", test_program);

  return g_test_run ();
}
