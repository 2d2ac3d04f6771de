/* test-command-line.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-test-utils.h"
#include "shuati-application.h"
#include "shuati-store.h"

typedef struct
{
  ShuatiApplication *app;
  GVariantDict      *options;
} Fixture;

/* One registered application for the tests that share a process: a
 * registered GtkApplication stays on the session bus until it runs down, so
 * a second one at the same path would not register. The tests that run the
 * program's main loop do it in a subprocess. */
static ShuatiApplication *
get_application (void)
{
  static ShuatiApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = shuati_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return app;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = get_application ();
  g_assert_nonnull (shuati_application_get_deck (fixture->app));
  fixture->options = g_variant_dict_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->options, g_variant_dict_unref);
}

static void
assert_plan (GVariant   *plan,
             const char *expected)
{
  g_autoptr(GVariant) want = g_variant_new_parsed (expected);
  g_autofree char *got_text = g_variant_print (plan, TRUE);

  g_assert_true (g_variant_is_of_type (plan, G_VARIANT_TYPE ("a(smv)")));
  if (!g_variant_equal (plan, want))
    g_error ("plan %s, expected %s", got_text, expected);
}

static void
test_plan_nothing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = shuati_application_plan_command_line (fixture->app, fixture->options, "/tmp", &error);
  g_assert_no_error (error);
  assert_plan (plan, "@a(smv) []");
}

static void
test_plan_everything (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-plan-XXXXXX", NULL);
  g_autofree char *decks = g_build_filename (dir, "decks", NULL);
  g_autofree char *mine = g_build_filename (decks, "mine.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.json", NULL);
  g_autofree char *third = g_build_filename (dir, "third.json", NULL);
  g_autofree char *third_uri = g_filename_to_uri (third, NULL, NULL);
  const char *files[] = { "decks/mine.json", other, third_uri, NULL };
  g_autofree char *expected = NULL;
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert (fixture->options, "topic", "s", "challenges");
  g_variant_dict_insert (fixture->options, "search", "s", "知识 蒸馏");
  g_variant_dict_insert (fixture->options, "review", "b", TRUE);
  g_variant_dict_insert_value (fixture->options, G_OPTION_REMAINING,
                               g_variant_new_bytestring_array (files, -1));

  g_assert_cmpint (g_mkdir (decks, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, "", 0, NULL));
  g_assert_true (g_file_set_contents (other, "", 0, NULL));
  g_assert_true (g_file_set_contents (third, "", 0, NULL));

  plan = shuati_application_plan_command_line (fixture->app, fixture->options, dir, &error);
  g_assert_no_error (error);
  /* Files go as paths, bytestrings: a file name need not be UTF-8. */
  expected = g_strdup_printf ("[('win.select-topic', just <'challenges'>),"
                              " ('win.search', just <'知识 蒸馏'>),"
                              " ('win.study', nothing),"
                              " ('win.import-file', just <b'%s'>),"
                              " ('win.import-file', just <b'%s'>),"
                              " ('win.import-file', just <b'%s'>)]",
                              mine, other, third);
  assert_plan (plan, expected);
  shuati_test_remove_tree (dir);
}

static void
test_plan_empty_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert (fixture->options, "search", "s", "");
  plan = shuati_application_plan_command_line (fixture->app, fixture->options, NULL, &error);
  g_assert_no_error (error);
  assert_plan (plan, "[('win.search', just <''>)]");
}

static void
test_plan_unknown_topic (Fixture       *fixture,
                         gconstpointer  data)
{
  ShuatiDeck *deck = shuati_application_get_deck (fixture->app);
  GListModel *topics = shuati_deck_get_topics (deck);
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert (fixture->options, "topic", "s", "Fundamentals");
  g_variant_dict_insert (fixture->options, "review", "b", TRUE);

  plan = shuati_application_plan_command_line (fixture->app, fixture->options, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“Fundamentals”"));

  /* The message lists every topic a user could have meant. */
  g_assert_cmpuint (g_list_model_get_n_items (topics), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

      g_assert_nonnull (strstr (error->message, shuati_topic_get_id (topic)));
    }
}

/* Files go to the window as paths, byte for byte: a name in Latin-1 is
 * no UTF-8 and still names the file. */
static void
test_plan_non_utf8_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-plan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caf\xe9.json", NULL);
  const char *files[] = { path, NULL };
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GVariant) parameter = NULL;
  g_autoptr(GError) error = NULL;
  const char *action_name;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_variant_dict_insert_value (fixture->options, G_OPTION_REMAINING,
                               g_variant_new_bytestring_array (files, -1));
  plan = shuati_application_plan_command_line (fixture->app, fixture->options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (plan), ==, 1);
  g_variant_get_child (plan, 0, "(&smv)", &action_name, &parameter);
  g_assert_cmpstr (action_name, ==, "win.import-file");
  g_assert_true (g_variant_is_of_type (parameter, G_VARIANT_TYPE_BYTESTRING));
  g_assert_cmpstr (g_variant_get_bytestring (parameter), ==, path);
  shuati_test_remove_tree (dir);
}

/* A file that is not there, or a folder, is refused before any window
 * opens, and the message names it. */
static void
test_plan_missing_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-plan-XXXXXX", NULL);
  const char *missing[] = { "nowhere.json", NULL };
  const char *folder[] = { dir, NULL };
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert_value (fixture->options, G_OPTION_REMAINING,
                               g_variant_new_bytestring_array (missing, -1));
  plan = shuati_application_plan_command_line (fixture->app, fixture->options, dir, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Cannot import “"));
  g_assert_nonnull (strstr (error->message, "/nowhere.json”: there is no such file"));
  g_clear_error (&error);

  g_variant_dict_insert_value (fixture->options, G_OPTION_REMAINING,
                               g_variant_new_bytestring_array (folder, -1));
  plan = shuati_application_plan_command_line (fixture->app, fixture->options, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  shuati_test_remove_tree (dir);
}

static void
test_present_action (Fixture       *fixture,
                     gconstpointer  data)
{
  /* The window does not have the action: the window still opens. */
  g_assert_false (shuati_application_present_action (fixture->app, "win.no-such-action",
                                                     g_variant_new_string ("x")));
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));

  /* An action every window has runs on the window that is already open:
   * closing it leaves none. */
  g_assert_true (shuati_application_present_action (fixture->app, "window.close", NULL));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

static gboolean
close_windows (gpointer user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (app)) != NULL)
    gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

static void
count_window (GtkApplication *app,
              GtkWindow      *window,
              guint          *n_windows)
{
  (*n_windows)++;
  g_idle_add (close_windows, app);
}

static int
run_command_line (const char * const *arguments,
                  guint              *n_windows)
{
  g_autoptr(ShuatiApplication) app = shuati_application_new ();
  g_auto(GStrv) argv = g_strdupv ((char **)arguments);

  *n_windows = 0;
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (count_window), n_windows);

  return g_application_run (G_APPLICATION (app), g_strv_length (argv), argv);
}

static void
test_run_unknown_topic (void)
{
  if (g_test_subprocess ())
    {
      const char *argv[] = { "shuati", "--topic", "nowhere", NULL };
      guint n_windows;

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 1);
      g_assert_cmpuint (n_windows, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("There is no topic “nowhere”; the topics are: *fundamentals*\n");
}

static void
test_run_unknown_option (void)
{
  if (g_test_subprocess ())
    {
      const char *argv[] = { "shuati", "--no-such-option", NULL };
      guint n_windows;

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 1);
      g_assert_cmpuint (n_windows, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*--no-such-option*");
}

static void
test_run_plain (void)
{
  if (g_test_subprocess ())
    {
      const char *argv[] = { "shuati", NULL };
      guint n_windows;

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 0);
      g_assert_cmpuint (n_windows, ==, 1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* Escape sequences in an argument are echoed as text, never obeyed. */
static void
test_run_escapes_in_topic (void)
{
  if (g_test_subprocess ())
    {
      const char *argv[] = { "shuati", "--topic", "\033[2J\033]0;owned\007x", NULL };
      guint n_windows;

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 1);
      g_assert_cmpuint (n_windows, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("There is no topic “\\x1B[2J\\x1B]0;owned\\x07x”; the topics are: *");
  g_test_trap_assert_stderr_unmatched ("*\033*");
}

/* A file name that is not UTF-8, given on the command line: a clear
 * message, no criticals, exit status 1 when it is not there. */
static void
test_run_non_utf8_missing (void)
{
  if (g_test_subprocess ())
    {
      const char *argv[] = { "shuati", "/nonexistent/caf\xe9\033[31m.json", NULL };
      guint n_windows;

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 1);
      g_assert_cmpuint (n_windows, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* U+FFFD for the Latin-1 byte, as GLib's messages show it. */
  g_test_trap_assert_stderr ("Cannot import “/nonexistent/caf\xef\xbf\xbd\\x1B[31m.json”: there is no such file\n");
  g_test_trap_assert_stderr_unmatched ("*\033*");
}

/* A progress file of 20 cards in deck "mine", each reviewed four times
 * days apart, in a private data folder. */
static void
fill_progress (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "shuati", "progress.db", NULL);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = (gint64)20000 * 86400 + 10 * 3600;
  static const int days[] = { 0, 2, 7, 20 };

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 20; c++)
    for (guint k = 0; k < G_N_ELEMENTS (days); k++)
      {
        g_autofree char *card = g_strdup_printf ("card-%u", c);
        ShuatiRating rating = (c + k) % 3 == 0 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD;

        shuati_store_review_card (store, "mine", card, scheduler, rating,
                                  t0 + days[k] * 86400 + c * 60, 1000, NULL, NULL, &error);
        g_assert_no_error (error);
      }
}

static void
assert_memory_of_card_0 (const char   *data_dir,
                         ShuatiMemory *memory)
{
  g_autofree char *path = g_build_filename (data_dir, "shuati", "progress.db", NULL);
  g_autoptr(ShuatiStore) store = shuati_store_new (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_true (shuati_store_get_memory (store, "mine", "card-0", memory, &error));
  g_assert_no_error (error);
}

/* shuati --optimize prints what it fitted and leaves the schedule alone. */
static void
test_run_optimize (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("shuati-test-optimize-XXXXXX", NULL);
      const char *argv[] = { "shuati", "--optimize", "--deck", "mine", NULL };
      ShuatiMemory before, after;
      guint n_windows;

      /* Before anything asks for the data folder, which GLib then keeps */
      g_setenv ("XDG_DATA_HOME", dir, TRUE);
      fill_progress (dir);
      assert_memory_of_card_0 (dir, &before);

      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 0);
      g_assert_cmpuint (n_windows, ==, 0);

      assert_memory_of_card_0 (dir, &after);
      g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
      shuati_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Reviews used: 60 of 80 (20 cards); fitted on 4*, tested on the latest 1*\n"
                             "Weights: 0.*, *, *, *, *, *, *, *, *, *, *, *, *, *, *, *, *, *, *, *, 0.*\n"
                             "Log loss (current → fitted): 0.* → 0.*\n"
                             "RMSE, binned (current → fitted): 0.* → 0.*\n*");
  g_test_trap_assert_stderr ("");
}

/* Too few reviews: the current weights and the reason. */
static void
test_run_optimize_too_few (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("shuati-test-optimize-XXXXXX", NULL);
      const char *argv[] = { "shuati", "--optimize", "--deck", "nothing-here", NULL };
      guint n_windows;

      g_setenv ("XDG_DATA_HOME", dir, TRUE);
      fill_progress (dir);
      g_assert_cmpint (run_command_line (argv, &n_windows), ==, 0);
      g_assert_cmpuint (n_windows, ==, 0);
      shuati_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Reviews used: 0 of 0 (0 cards)*\n"
                             "Weights: 0.2120, 1.2931, 2.3065, 8.2956, *, 0.1542\n"
                             "Log loss (current → fitted): –\n*"
                             "Keeping the current weights: Only 0 reviews can be used; at least 8 are needed\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/command-line/run/optimize", test_run_optimize);
  g_test_add_func ("/shuati/command-line/run/optimize-too-few", test_run_optimize_too_few);
  g_test_add ("/shuati/command-line/plan/nothing", Fixture, NULL,
              fixture_set_up, test_plan_nothing, fixture_tear_down);
  g_test_add ("/shuati/command-line/plan/everything", Fixture, NULL,
              fixture_set_up, test_plan_everything, fixture_tear_down);
  g_test_add ("/shuati/command-line/plan/empty-search", Fixture, NULL,
              fixture_set_up, test_plan_empty_search, fixture_tear_down);
  g_test_add ("/shuati/command-line/plan/unknown-topic", Fixture, NULL,
              fixture_set_up, test_plan_unknown_topic, fixture_tear_down);
  g_test_add ("/shuati/command-line/plan/non-utf8-file", Fixture, NULL,
              fixture_set_up, test_plan_non_utf8_file, fixture_tear_down);
  g_test_add ("/shuati/command-line/plan/missing-file", Fixture, NULL,
              fixture_set_up, test_plan_missing_file, fixture_tear_down);
  g_test_add ("/shuati/command-line/present-action", Fixture, NULL,
              fixture_set_up, test_present_action, fixture_tear_down);
  g_test_add_func ("/shuati/command-line/run/unknown-topic", test_run_unknown_topic);
  g_test_add_func ("/shuati/command-line/run/unknown-option", test_run_unknown_option);
  g_test_add_func ("/shuati/command-line/run/plain", test_run_plain);
  g_test_add_func ("/shuati/command-line/run/escapes-in-topic", test_run_escapes_in_topic);
  g_test_add_func ("/shuati/command-line/run/non-utf8-missing", test_run_non_utf8_missing);

  return g_test_run ();
}
