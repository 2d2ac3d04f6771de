/* test-statistics-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-bar-chart.h"
#include "shuati-heatmap.h"
#include "shuati-mock.h"
#include "shuati-statistics-window.h"
#include "shuati-test-ui.h"
#include "shuati-test-utils.h"
#include "stats-db.h"

#define DECK "llm-interview"

typedef struct
{
  char       *dir;
  char       *path;
  sqlite3    *db;
  ShuatiStore *store;
  ShuatiDeck *deck;
  GDateTime  *now;
  GDateTime  *midnight;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shuati-statistics-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "progress.db", NULL);
  f->db = stats_db_open (f->path);
  f->store = shuati_store_new (f->path, &error);
  g_assert_no_error (error);

  f->deck = shuati_test_load_corpus ();

  f->now = g_date_time_new_now_local ();
  f->midnight = g_date_time_new_local (g_date_time_get_year (f->now), g_date_time_get_month (f->now),
                                       g_date_time_get_day_of_month (f->now), 0, 0, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  sqlite3_close (f->db);
  g_remove (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_assert_finalize_object (f->deck);
  g_date_time_unref (f->now);
  g_date_time_unref (f->midnight);
}

/* A moment of today that has already passed: a share of the time since
 * midnight, so that the test works at any hour. */
static gint64
today_at (Fixture *f,
          double   share)
{
  gint64 midnight = g_date_time_to_unix (f->midnight);

  return midnight + (gint64)((g_date_time_to_unix (f->now) - midnight) * share);
}

/* Noon, local time, @days_ago days before today. */
static gint64
noon_before (Fixture *f,
             int      days_ago)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (f->midnight, -days_ago);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                     g_date_time_get_day_of_month (day), 12, 0, 0);

  return g_date_time_to_unix (noon);
}

static gint64
unix_now (Fixture *f)
{
  return g_date_time_to_unix (f->now);
}

static gpointer
child (ShuatiStatisticsWindow *window,
       const char             *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), SHUATI_TYPE_STATISTICS_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (ShuatiStatisticsWindow *window,
            const char             *name)
{
  return gtk_label_get_label (GTK_LABEL (child (window, name)));
}

static const char *
visible_page (ShuatiStatisticsWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack")));
}

static char *
day_and_month (Fixture *f,
               int      days_after_today)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (f->midnight, days_after_today);

  return g_date_time_format (day, "%-d %B");
}

static void
destroy_window (ShuatiStatisticsWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  while (weak != NULL)
    g_main_context_iteration (NULL, FALSE);
}

static void
write_history (Fixture *f)
{
  /* Today: three reviews, two of them remembered; two of cards in review. */
  stats_db_add_review (f->db, DECK, "llm-001", today_at (f, 0.1), 3, 2, 60000);
  stats_db_add_review (f->db, DECK, "llm-002", today_at (f, 0.2), 1, 2, 90000);
  stats_db_add_review (f->db, DECK, "llm-014", today_at (f, 0.3), 4, 1, 30000);
  /* Yesterday and the day before: a streak of three with today. */
  stats_db_add_review (f->db, DECK, "llm-001", noon_before (f, 1), 3, 1, 5000);
  stats_db_add_review (f->db, DECK, "llm-002", noon_before (f, 1), 3, 1, 5000);
  stats_db_add_review (f->db, DECK, "llm-003", noon_before (f, 2), 3, 0, 5000);
  /* Four days in a row, two weeks ago: the longest streak. */
  for (int d = 10; d <= 13; d++)
    stats_db_add_review (f->db, DECK, "llm-004", noon_before (f, d), 3, 0, 5000);

  stats_db_set_card (f->db, DECK, "llm-001", 2, 30.0, unix_now (f) - 3600);
  stats_db_set_card (f->db, DECK, "llm-002", 1, 0.5, noon_before (f, -1));
  stats_db_set_card (f->db, DECK, "llm-014", 2, 25.0, noon_before (f, -10));
}

static void
test_shows_numbers (Fixture       *f,
                    gconstpointer  data)
{
  ShuatiStatisticsWindow *window = NULL;
  g_autofree char *today = day_and_month (f, 0);
  g_autofree char *tomorrow = day_and_month (f, 1);
  g_autofree char *heatmap_label = NULL;
  g_autofree char *forecast_label = NULL;
  ShuatiHeatmap *heatmap;
  ShuatiBarChart *chart;
  GtkWidget *row;

  write_history (f);
  window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.9);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (visible_page (window), ==, "statistics");
  g_assert_true (gtk_widget_get_visible (child (window, "scope_box")));
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "3");
  g_assert_cmpstr (label_text (window, "today_time_label"), ==, "3 min");
  g_assert_cmpstr (label_text (window, "today_remembered_label"), ==, "67%");
  g_assert_cmpstr (label_text (window, "current_streak_label"), ==, "3 days");
  g_assert_cmpstr (label_text (window, "longest_streak_label"), ==, "4 days");
  g_assert_cmpstr (label_text (window, "retention_week_label"), ==, "50% of 2 reviews");
  g_assert_cmpstr (label_text (window, "retention_year_label"), ==, "50% of 2 reviews");
  g_assert_cmpstr (label_text (window, "desired_retention_label"), ==, "90%");
  g_assert_cmpstr (label_text (window, "new_label"), ==, "21");
  g_assert_cmpstr (label_text (window, "learning_label"), ==, "1");
  g_assert_cmpstr (label_text (window, "review_label"), ==, "2");
  g_assert_cmpstr (label_text (window, "relearning_label"), ==, "0");

  heatmap = child (window, "heatmap");
  heatmap_label = g_strdup_printf ("Reviews in the past year: 10 on 7 days; most on %s: 3", today);
  g_assert_cmpstr (shuati_heatmap_get_summary (heatmap), ==, heatmap_label);
  gtk_test_accessible_assert_property (heatmap, GTK_ACCESSIBLE_PROPERTY_LABEL, heatmap_label);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (heatmap)));
  {
    g_autofree char *tip = shuati_heatmap_describe_day (heatmap, SHUATI_STATISTICS_HEATMAP_DAYS - 2);
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (f->midnight, -1);
    g_autofree char *date = g_date_time_format (yesterday, "%-d %B %Y");
    g_autofree char *expected = g_strdup_printf ("2 reviews on %s", date);

    g_assert_cmpstr (tip, ==, expected);
  }

  chart = child (window, "forecast_chart");
  g_assert_cmpuint (shuati_bar_chart_get_n_bars (chart), ==, 31);
  g_assert_cmpuint (shuati_bar_chart_get_value (chart, 0), ==, 1);
  g_assert_cmpuint (shuati_bar_chart_get_value (chart, 2), ==, 1);
  g_assert_cmpuint (shuati_bar_chart_get_value (chart, 11), ==, 1);
  forecast_label = g_strdup_printf ("Cards due in the next 30 days: 3; due now: 1; busiest day %s: 1", tomorrow);
  g_assert_cmpstr (shuati_bar_chart_get_summary (chart), ==, forecast_label);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, forecast_label);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));

  /* Mastery: one card of "fundamentals", one of "challenges". */
  g_assert_true (gtk_widget_get_visible (child (window, "mastery_group")));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   shuati_topic_get_title (shuati_deck_lookup_topic (f->deck, "fundamentals"),
                                           g_get_language_names ()));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 of 6 mastered");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 2));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 of 7 mastered");
  g_assert_null (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 4));

  destroy_window (window);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  ShuatiStatisticsWindow *window = NULL;
  g_autofree char *today = day_and_month (f, 0);
  g_autofree char *expected = NULL;

  GtkWidget *first_row;

  write_history (f);
  window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.9);
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "3");
  first_row = GTK_WIDGET (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 0));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first_row)), ==, "1 of 6 mastered");

  /* Two more reviews, both remembered, of cards in review; one of them
   * is now mastered. */
  stats_db_add_review (f->db, DECK, "llm-005", today_at (f, 0.5), 3, 2, 30000);
  stats_db_add_review (f->db, DECK, "llm-006", today_at (f, 0.6), 2, 2, 30000);
  stats_db_set_card (f->db, DECK, "llm-005", 2, 40.0, noon_before (f, -30));
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "3");
  shuati_statistics_window_refresh (window);

  /* The mastery rows show the new figures in the rows already made. */
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 0)) == first_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first_row)), ==, "2 of 6 mastered");
  gtk_test_accessible_assert_property (g_object_get_data (G_OBJECT (first_row), "shuati-mastery-bar"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "2 of 6 mastered");
  g_assert_null (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 4));

  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "5");
  g_assert_cmpstr (label_text (window, "today_time_label"), ==, "4 min");
  g_assert_cmpstr (label_text (window, "today_remembered_label"), ==, "80%");
  g_assert_cmpstr (label_text (window, "retention_week_label"), ==, "75% of 4 reviews");
  expected = g_strdup_printf ("Reviews in the past year: 12 on 7 days; most on %s: 5", today);
  g_assert_cmpstr (shuati_heatmap_get_summary (child (window, "heatmap")), ==, expected);
  gtk_test_accessible_assert_property (child (window, "heatmap"), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  destroy_window (window);
}

static void
test_all_decks (Fixture       *f,
                gconstpointer  data)
{
  ShuatiStatisticsWindow *window = NULL;
  g_autofree char *scope = NULL;

  write_history (f);
  for (int i = 0; i < 4; i++)
    stats_db_add_review (f->db, "other", "x", today_at (f, 0.4), 1, 2, 15000);
  stats_db_set_card (f->db, "other", "x", 3, 1.0, unix_now (f) - 60);

  window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.85);
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "3");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "statistics.scope", "s", "all"));
  g_object_get (window, "scope", &scope, NULL);
  g_assert_cmpstr (scope, ==, "all");
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "7");
  g_assert_cmpstr (label_text (window, "today_remembered_label"), ==, "29%");
  g_assert_cmpstr (label_text (window, "relearning_label"), ==, "1");
  /* Without a deck there are no new cards to count but stored ones. */
  g_assert_cmpstr (label_text (window, "new_label"), ==, "0");
  g_assert_cmpstr (label_text (window, "desired_retention_label"), ==, "85%");
  g_assert_false (gtk_widget_get_visible (child (window, "mastery_group")));
  g_assert_cmpuint (shuati_bar_chart_get_value (child (window, "forecast_chart"), 0), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "statistics.scope", "s", "deck"));
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "3");
  g_assert_true (gtk_widget_get_visible (child (window, "mastery_group")));

  destroy_window (window);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  ShuatiStatisticsWindow *window = NULL;
  ShuatiStatisticsWindow *all = NULL;
  AdwStatusPage *page;

  window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.9);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  page = ADW_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (child (window, "stack"))));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Study a few cards"));

  /* Progress without a review (say, imported) is not yet a history. */
  stats_db_set_card (f->db, DECK, "llm-001", 2, 30.0, unix_now (f));
  shuati_statistics_window_refresh (window);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  /* The first review brings the page. */
  stats_db_add_review (f->db, DECK, "llm-001", today_at (f, 0.5), 3, 0, 1000);
  shuati_statistics_window_refresh (window);
  g_assert_cmpstr (visible_page (window), ==, "statistics");
  g_assert_cmpstr (label_text (window, "today_reviews_label"), ==, "1");
  g_assert_cmpstr (label_text (window, "current_streak_label"), ==, "1 day");

  /* Without a deck, all decks are shown and there is nothing to switch. */
  all = shuati_statistics_window_new (NULL, f->store, NULL, 0.9);
  g_assert_false (gtk_widget_get_visible (child (all, "scope_box")));
  g_assert_cmpstr (visible_page (all), ==, "statistics");

  destroy_window (window);
  destroy_window (all);
}

/* A topic title is the deck author's text: markup in it shows as written
 * in its mastery row, and so does an `&`. */
static void
test_markup_in_topic_title (Fixture       *f,
                            gconstpointer  data)
{
  const char *hostile = "Q&A <deck> <span foreground=\"red\">x</span>";
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "..", "data", "corpus", "llm-interview.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  ShuatiStatisticsWindow *window = NULL;
  JsonObject *topic;
  GtkWidget *row;
  GtkWidget *label;

  g_assert_true (json_parser_load_from_file (parser, corpus, &error));
  g_assert_no_error (error);
  topic = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                       "topics"), 0);
  json_object_set_string_member (topic, "title", hostile);
  deck = shuati_deck_new_from_node (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  write_history (f);
  window = shuati_statistics_window_new (NULL, f->store, deck, 0.9);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (visible_page (window), ==, "statistics");

  row = GTK_WIDGET (gtk_list_box_get_row_at_index (child (window, "mastery_list"), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, hostile);
  /* What the row's title label shows, markup or not. */
  label = shuati_test_find_descendant (row, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, hostile);

  destroy_window (window);
}

/* Past mock interviews show as a trend of their scores. */
static void
test_mock_scores (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GError) error = NULL;
  ShuatiStatisticsWindow *window = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.9);
  g_assert_false (gtk_widget_get_visible (child (window, "mock_group")));

  for (guint m = 0; m < 2; m++)
    {
      g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(ShuatiMock) mock = NULL;

      g_ptr_array_add (questions, g_object_ref (shuati_deck_get_card (f->deck, m)));
      mock = shuati_mock_new (scheduler, f->store, shuati_deck_get_id (f->deck), questions, 60, now + m, &error);
      g_assert_no_error (error);
      /* 1 of 4, then 3 of 4. */
      g_assert_true (shuati_mock_answer (mock, 4, 1 + 2 * m, 1000, NULL, now + m, &error));
      g_assert_true (shuati_mock_finish (mock, now + m, &error));
      g_assert_no_error (error);
    }

  shuati_statistics_window_refresh (window);
  g_assert_true (gtk_widget_get_visible (child (window, "mock_group")));
  g_assert_cmpuint (shuati_bar_chart_get_n_bars (child (window, "mock_chart")), ==, 2);
  g_assert_cmpuint (shuati_bar_chart_get_value (child (window, "mock_chart"), 0), ==, 25);
  g_assert_cmpuint (shuati_bar_chart_get_value (child (window, "mock_chart"), 1), ==, 75);
  g_assert_cmpstr (shuati_bar_chart_get_summary (child (window, "mock_chart")), ==,
                   "Mock interview scores: 2 interviews, the latest 75%");

  destroy_window (window);
}

static void
test_unreadable (void)
{
  ShuatiStatisticsWindow *window = NULL;
  AdwStatusPage *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-statistics-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  ShuatiStore *store;

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  stats_db_exec (shuati_store_get_database (store), "DROP TABLE reviews");
  window = shuati_statistics_window_new (NULL, store, NULL, 0.9);
  g_assert_cmpstr (visible_page (window), ==, "error");
  page = child (window, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "Could not read the study history"));
  g_assert_null (shuati_statistics_window_get_statistics (window));

  destroy_window (window);
  g_assert_finalize_object (store);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_close_keys (Fixture       *f,
                 gconstpointer  data)
{
  ShuatiStatisticsWindow *window = shuati_statistics_window_new (NULL, f->store, f->deck, 0.9);
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (GTK_WINDOW (window));
  /* Escape and Ctrl+W are bound to the action that closes the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  while (weak != NULL)
    g_main_context_iteration (NULL, FALSE);
}

/* The arrow keys walk the calendar a day (up, down) or a week (left,
 * right) at a time, and a screen reader hears each day. */
static void
test_heatmap_keyboard (void)
{
  ShuatiHeatmap *heatmap = SHUATI_HEATMAP (g_object_ref_sink (shuati_heatmap_new ()));
  guint counts[400] = { 0 };
  GDate last_day;
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;

  /* Thursday 12 March 2026: its column holds Monday to Thursday, so the
   * grid shows 52 weeks and four days, the last 368 of the 400. */
  g_date_clear (&last_day, 1);
  g_date_set_dmy (&last_day, 12, G_DATE_MARCH, 2026);
  counts[399] = 4;
  counts[398] = 1;
  shuati_heatmap_set_days (heatmap, counts, G_N_ELEMENTS (counts), &last_day);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, -1);

  /* The first key lands on the last day, whichever it is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", -7));
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 399);
  today = shuati_heatmap_describe_day (heatmap, 399);
  g_assert_cmpstr (today, ==, "4 reviews on 12 March 2026");
  gtk_test_accessible_assert_property (heatmap, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, today);
  gtk_test_accessible_assert_property (heatmap, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       shuati_heatmap_get_summary (heatmap));

  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", -1);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 398);
  yesterday = shuati_heatmap_describe_day (heatmap, 398);
  g_assert_cmpstr (yesterday, ==, "1 review on 11 March 2026");
  gtk_test_accessible_assert_property (heatmap, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, yesterday);

  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", -7);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 391);
  gtk_test_accessible_assert_property (heatmap, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No reviews on 4 March 2026");

  /* No key goes past either end of what is shown. */
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", 7);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", 7);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 399);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", G_MININT32);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 400 - 368);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", -1);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 400 - 368);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", G_MAXINT32);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 399);

  /* Fewer days: the cursor stays on one that exists. */
  shuati_heatmap_set_days (heatmap, counts, 10, &last_day);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 9);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", G_MININT32);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, 0);

  /* With no days there is nothing to walk. */
  shuati_heatmap_set_days (heatmap, NULL, 0, &last_day);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (heatmap), "chart.move-cursor", "i", 1);
  g_assert_cmpint (shuati_heatmap_get_cursor (heatmap), ==, -1);

  g_assert_finalize_object (heatmap);
}

/* The forecast's bars, one day each, from the keyboard. */
static void
test_bar_chart_keyboard (void)
{
  ShuatiBarChart *chart = SHUATI_BAR_CHART (g_object_ref_sink (shuati_bar_chart_new ()));
  const guint values[] = { 3, 0, 5 };
  const char * const tooltips[] = { "3 cards due now", "No cards due tomorrow", "5 cards due in 2 days" };

  shuati_bar_chart_set_bars (chart, values, NULL, tooltips, G_N_ELEMENTS (values));
  shuati_bar_chart_set_summary (chart, "Cards due: 8");
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, -1);

  /* The first key lands on the first bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", 1));
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "3 cards due now");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Cards due: 8");

  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", 1);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No cards due tomorrow");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", G_MAXINT32);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", 1);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, 2);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "5 cards due in 2 days");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", G_MININT32);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, 0);

  /* New bars, fewer of them: the cursor stays on one that exists. */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", G_MAXINT32);
  shuati_bar_chart_set_bars (chart, values, NULL, tooltips, 2);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, 1);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No cards due tomorrow");

  shuati_bar_chart_set_bars (chart, NULL, NULL, NULL, 0);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.move-cursor", "i", 1);
  g_assert_cmpint (shuati_bar_chart_get_cursor (chart), ==, -1);

  g_assert_finalize_object (chart);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend records what screen readers would get. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shuati/statistics-window/numbers", test_shows_numbers);
  ADD ("/shuati/statistics-window/refresh", test_refresh);
  ADD ("/shuati/statistics-window/all-decks", test_all_decks);
  ADD ("/shuati/statistics-window/empty", test_empty);
  ADD ("/shuati/statistics-window/close", test_close_keys);
  ADD ("/shuati/statistics-window/markup-in-topic-title", test_markup_in_topic_title);
#undef ADD
  g_test_add_func ("/shuati/statistics-window/unreadable", test_unreadable);
  g_test_add ("/shuati/statistics-window/mock-scores", Fixture, NULL, fixture_setup, test_mock_scores, fixture_teardown);
  g_test_add_func ("/shuati/statistics-window/heatmap-keyboard", test_heatmap_keyboard);
  g_test_add_func ("/shuati/statistics-window/bar-chart-keyboard", test_bar_chart_keyboard);

  return g_test_run ();
}
