/* test-layout.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page fits a phone: 360 × 640 pixels, in English and, run with
 * LANGUAGE=zh_CN, in Chinese. Sizes are measured with gtk_widget_measure,
 * the size GTK will not go below, rather than judged from a picture.
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "shuati-test-ui.h"
#include "shuati-test-utils.h"
#include "shuati-application.h"
#include "shuati-preferences-window.h"
#include "shuati-review-page.h"
#include "shuati-session.h"
#include "shuati-statistics-window.h"
#include "shuati-window.h"
#include "shuati-window-private.h"

#define PHONE_WIDTH 360
#define PHONE_HEIGHT 640

static ShuatiApplication *app;

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static int
minimum_height_for_width (GtkWidget *widget,
                          int        width)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* @widget fits @width × @height: it asks no more width, and at that
 * width no more height. */
static void
assert_fits (GtkWidget  *widget,
             const char *page,
             int         width,
             int         height)
{
  int min_width;
  int min_height;

  shuati_test_settle ();
  min_width = minimum_width (widget);
  min_height = minimum_height_for_width (widget, width);
  g_test_message ("%s: at least %d px wide, %d px high at %d px", page, min_width, min_height, width);

  if (min_width > width || min_height > height)
    g_test_fail_printf ("%s needs %d × %d px, more than %d × %d", page, min_width, min_height, width, height);
}

/* The window's own size limit, and its content's. */
static void
assert_window_fits (GtkWidget  *window,
                    const char *page)
{
  int request_width;
  int request_height;

  gtk_widget_get_size_request (window, &request_width, &request_height);
  g_assert_cmpint (request_width, <=, PHONE_WIDTH);
  g_assert_cmpint (request_height, <=, PHONE_HEIGHT);
  assert_fits (gtk_window_get_child (GTK_WINDOW (window)) != NULL
                 ? gtk_window_get_child (GTK_WINDOW (window))
                 : window,
               page, PHONE_WIDTH, PHONE_HEIGHT);
}

static void
test_browse (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);

  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  adw_leaflet_set_visible_child (window->leaflet, window->sidebar_pane);
  assert_window_fits (GTK_WIDGET (window), "topics");
  adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  assert_window_fits (GTK_WIDGET (window), "list with search");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-card", NULL));
  adw_leaflet_set_visible_child (window->leaflet, window->reader_pane);
  assert_window_fits (GTK_WIDGET (window), "reader");

  /* Each pane of the leaflet, measured on its own. */
  assert_fits (window->list_pane, "list pane", PHONE_WIDTH, PHONE_HEIGHT);
  assert_fits (window->reader_pane, "reader pane", PHONE_WIDTH, PHONE_HEIGHT);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Counts the widgets under @widget that have a tooltip, and checks that
 * each lays its tooltip out itself (see on_query_tooltip in the
 * application): GTK 4.8 would wrap a Chinese tooltip at every character. */
static guint
check_tooltips (GtkWidget *widget)
{
  guint n = 0;

  if (gtk_widget_get_tooltip_text (widget) != NULL)
    {
      guint signal_id = g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET);

      if (!g_signal_has_handler_pending (widget, signal_id, 0, TRUE))
        g_test_fail_printf ("the tooltip “%s” of a %s is laid out by GTK",
                            gtk_widget_get_tooltip_text (widget), G_OBJECT_TYPE_NAME (widget));
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_tooltips (child);

  return n;
}

static void
test_tooltips (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  guint n_tooltips;

  /* Main Menu, Statistics, Study, the card and review buttons... */
  n_tooltips = check_tooltips (GTK_WIDGET (window));
  g_test_message ("%u tooltips", n_tooltips);
  g_assert_cmpuint (n_tooltips, >=, 10);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
grade_until_finished (GtkWidget *page)
{
  for (guint i = 0; i < 500; i++)
    {
      ShuatiSession *session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));

      if (shuati_session_get_finished (session))
        return;
      if (!shuati_review_page_get_revealed (SHUATI_REVIEW_PAGE (page)))
        gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.grade", "i", 4);
    }
  g_assert_not_reached ();
}

static void
test_review (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  GtkWidget *page = GTK_WIDGET (window->review_page);
  int browse_width;

  adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
  shuati_test_settle ();
  browse_width = minimum_width (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.study", NULL));
  assert_window_fits (GTK_WIDGET (window), "review, front");
  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  /* The four grade buttons with their intervals. */
  assert_window_fits (GTK_WIDGET (window), "review, back");

  grade_until_finished (page);
  assert_window_fits (GTK_WIDGET (window), "review, summary");

  /* Nothing left to study: the empty state. */
  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.study", NULL));
  shuati_test_settle ();
  if (g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "review"))
    {
      assert_window_fits (GTK_WIDGET (window), "review, empty");
      gtk_widget_activate_action (page, "review.end", NULL);
    }

  /* After the session the window is as narrow as it was before: the
   * review page's width does not stay behind. */
  shuati_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "browse");
  g_assert_cmpint (minimum_width (GTK_WIDGET (window)), <=, browse_width);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Practice shows its own label in the status row. */
static void
test_practice (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  GtkWidget *page = GTK_WIDGET (window->review_page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.practice", NULL));
  assert_window_fits (GTK_WIDGET (window), "practice, front");
  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  assert_window_fits (GTK_WIDGET (window), "practice, back");
  gtk_widget_activate_action (page, "review.end", NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_statistics (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  GtkWindow *statistics;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-statistics", NULL));
  statistics = shuati_test_wait_for_toplevel (SHUATI_TYPE_STATISTICS_WINDOW);
  assert_window_fits (GTK_WIDGET (statistics), "statistics");

  gtk_window_destroy (statistics);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = shuati_test_wait_for_toplevel (SHUATI_TYPE_PREFERENCES_WINDOW);
  assert_window_fits (GTK_WIDGET (preferences), "preferences");

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_dialog (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, PHONE_WIDTH, PHONE_HEIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-layout-XXXXXX", &error);
  g_autofree char *path = NULL;
  GtkWindow *dialog;

  g_assert_no_error (error);
  path = shuati_test_write_warning_bank (dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "^ay", path));
  dialog = shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  assert_fits (GTK_WIDGET (dialog), "import dialog", PHONE_WIDTH, PHONE_HEIGHT);

  /* The warnings list shows the first two warnings in full: the second
   * row ends inside the scrolled window. */
  {
    GtkWidget *scroller = shuati_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *list = shuati_test_find_descendant (scroller, GTK_TYPE_LIST_BOX);
    GtkWidget *second = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
    graphene_rect_t bounds;

    g_assert_nonnull (second);
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
    g_assert_true (gtk_widget_compute_bounds (second, scroller, &bounds));
    g_test_message ("warnings list: %d px high, second warning ends at %.0f px",
                    gtk_widget_get_height (scroller), bounds.origin.y + bounds.size.height);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
  }

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  shuati_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int status;

  /* The catalog of the build tree, as the program uses it. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUATI_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  data_home = g_dir_make_tmp ("shuati-test-layout-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* A phone or a GNOME desktop shows one window button, Close, as GNOME's
   * button-layout setting does; without a desktop GTK falls back to three
   * (Minimize, Maximize, Close), 68 px more than a phone shows. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  /* A run meant for Chinese that finds no catalog would prove nothing. */
  if (language != NULL && g_str_has_prefix (language, "zh"))
    g_assert_cmpstr (_("Show Answer"), !=, "Show Answer");

  app = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/shuati/layout/browse", test_browse);
  g_test_add_func ("/shuati/layout/review", test_review);
  g_test_add_func ("/shuati/layout/practice", test_practice);
  g_test_add_func ("/shuati/layout/statistics", test_statistics);
  g_test_add_func ("/shuati/layout/preferences", test_preferences);
  g_test_add_func ("/shuati/layout/import-dialog", test_import_dialog);
  g_test_add_func ("/shuati/layout/tooltips", test_tooltips);

  status = g_test_run ();
  g_clear_object (&app);
  shuati_test_remove_tree (data_home);

  return status;
}
