/* test-browser.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card browser against its models: rows, sorting, the main list's
 * filter, each action on the selection and its undo, the detail pane and
 * the saved column layout.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "shuati-browser-rows.h"
#include "shuati-browser-window.h"
#include "shuati-card-filter.h"
#include "shuati-test-ui.h"
#include "shuati-test-utils.h"

#define DAY 86400

typedef struct
{
  char           *dir;
  ShuatiStore    *store;
  ShuatiDeck     *deck;
  ShuatiProgress *progress;
  GListStore     *cards;
  GSettings      *settings;
  gint64          now;
} Fixture;

static const char * const languages[] = { "en", NULL };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"deck\","
                                          " \"languages\": [\"en\"], \"title\": \"D\","
                                          " \"topics\": [{\"id\": \"a\", \"title\": \"Alpha\"},"
                                          " {\"id\": \"b\", \"title\": \"Beta\"}], \"cards\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  /* Questions out of order, so that sorting by question is not the
   * deck's order. */
  static const char * const questions[] = { "delta", "alpha", "echo", "bravo", "charlie", "foxtrot" };

  f->dir = shuati_test_make_dir ("browser");
  path = g_build_filename (f->dir, "progress.db", NULL);
  f->store = shuati_store_new (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"topic\": \"%s\", \"title\": \"t\", \"tags\": [\"%s\"],"
                            " \"question\": \"%s\", \"answer\": \"A%u\"}",
                            i ? ", " : "", i, i < 4 ? "a" : "b", i % 2 ? "odd" : "even", questions[i], i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  f->deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  f->now = g_get_real_time () / G_USEC_PER_SEC;
  /* c1: reviewed twice, due in 3 days, 9 lapses (a leech); c2: due
   * yesterday; the rest new. */
  {
    ShuatiMemory zero = { 0 };
    ShuatiMemory first = { SHUATI_CARD_REVIEW, 0, 2.0, 6.0, f->now - DAY, f->now - 3 * DAY, 1, 0 };
    ShuatiMemory second = { SHUATI_CARD_REVIEW, 0, 4.0, 7.0, f->now + 3 * DAY, f->now - DAY, 12, 9 };
    ShuatiMemory due = { SHUATI_CARD_REVIEW, 0, 8.0, 4.0, f->now - DAY, f->now - 9 * DAY, 3, 0 };

    g_assert_cmpint (shuati_store_record_review (f->store, "deck", "c1", &zero, &first, SHUATI_RATING_GOOD,
                                                 f->now - 3 * DAY, NULL, 4000, &error), >, 0);
    g_assert_cmpint (shuati_store_record_review (f->store, "deck", "c1", &first, &second, SHUATI_RATING_AGAIN,
                                                 f->now - DAY, NULL, 9000, &error), >, 0);
    g_assert_cmpint (shuati_store_record_review (f->store, "deck", "c2", &zero, &due, SHUATI_RATING_EASY,
                                                 f->now - 9 * DAY, NULL, 2000, &error), >, 0);
  }

  f->progress = shuati_progress_new (f->deck, f->store, f->now, &error);
  g_assert_no_error (error);
  f->cards = g_list_store_new (SHUATI_TYPE_CARD);
  for (guint i = 0; i < shuati_deck_get_n_cards (f->deck); i++)
    g_list_store_append (f->cards, shuati_deck_get_card (f->deck, i));
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "browser-hidden-columns");
  g_settings_reset (f->settings, "browser-sort-column");
  g_settings_reset (f->settings, "browser-sort-descending");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->cards);
  g_assert_finalize_object (f->progress);
  g_assert_finalize_object (f->deck);
  g_assert_finalize_object (f->store);
  g_object_unref (f->settings);
  shuati_test_remove_tree (f->dir);
  g_free (f->dir);
}

static ShuatiBrowserWindow *
open_browser (Fixture    *f,
              GListModel *cards)
{
  ShuatiBrowserWindow *browser = shuati_browser_window_new (NULL, f->progress, cards ? cards : G_LIST_MODEL (f->cards),
                                                            languages, f->settings);

  gtk_window_present (GTK_WINDOW (browser));
  shuati_test_settle ();
  return browser;
}

static void
close_browser (ShuatiBrowserWindow *browser)
{
  g_object_ref (browser);
  gtk_window_destroy (GTK_WINDOW (browser));
  shuati_test_settle ();
  g_assert_finalize_object (browser);
}

static ShuatiBrowserRow *
row_at (ShuatiBrowserWindow *browser,
        guint                position)
{
  GListModel *model = G_LIST_MODEL (shuati_browser_window_get_selection (browser));
  ShuatiBrowserRow *row = g_list_model_get_item (model, position);

  g_object_unref (row);  /* the sort model keeps it */
  return row;
}

/* The rows' card ids, in the shown order. */
static char *
order_of (ShuatiBrowserWindow *browser)
{
  GListModel *model = G_LIST_MODEL (shuati_browser_window_get_selection (browser));
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i ? " " : "", shuati_card_get_id (shuati_browser_row_get_card (row)));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
select_only (ShuatiBrowserWindow *browser,
             const char * const  *ids)
{
  GtkSelectionModel *selection = shuati_browser_window_get_selection (browser);
  GListModel *model = G_LIST_MODEL (selection);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (model, i);

      if (g_strv_contains (ids, shuati_card_get_id (shuati_browser_row_get_card (row))))
        gtk_selection_model_select_item (selection, i, FALSE);
    }
}

static ShuatiBrowserState
state_of (ShuatiBrowserWindow *browser,
          const char          *id)
{
  GListModel *model = G_LIST_MODEL (shuati_browser_window_get_selection (browser));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (model, i);

      if (g_str_equal (shuati_card_get_id (shuati_browser_row_get_card (row)), id))
        return shuati_browser_row_get_state (row);
    }
  g_assert_not_reached ();
}

static gboolean
activate (ShuatiBrowserWindow *browser,
          const char          *action)
{
  gboolean done = gtk_widget_activate_action (GTK_WIDGET (browser), action, NULL);

  shuati_test_settle ();
  return done;
}

static void
test_rows_and_sort (Fixture       *f,
                    gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  g_autofree char *deck_order = NULL;
  g_autofree char *by_question = NULL;
  g_autofree char *by_lapses = NULL;
  g_autofree char *by_due = NULL;
  g_autofree char *sort_column = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shuati_browser_window_get_selection (browser))), ==, 6);
  deck_order = order_of (browser);
  g_assert_cmpstr (deck_order, ==, "c0 c1 c2 c3 c4 c5");

  g_assert_cmpint (shuati_browser_row_get_state (row_at (browser, 0)), ==, SHUATI_BROWSER_STATE_NEW);
  g_assert_cmpint (shuati_browser_row_get_state (row_at (browser, 1)), ==, SHUATI_BROWSER_STATE_LEECH);
  g_assert_cmpint (shuati_browser_row_get_state (row_at (browser, 2)), ==, SHUATI_BROWSER_STATE_REVIEW);
  text = shuati_browser_row_format (row_at (browser, 1), SHUATI_BROWSER_COLUMN_LAPSES);
  g_assert_cmpstr (text, ==, "9");
  g_clear_pointer (&text, g_free);
  text = shuati_browser_row_format (row_at (browser, 4), SHUATI_BROWSER_COLUMN_TOPIC);
  g_assert_cmpstr (text, ==, "Beta");
  g_clear_pointer (&text, g_free);
  /* A new card has no due date and no recall. */
  text = shuati_browser_row_format (row_at (browser, 0), SHUATI_BROWSER_COLUMN_DUE);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpfloat (shuati_browser_row_get_retrievability (row_at (browser, 0)), <, 0);
  g_assert_cmpfloat (shuati_browser_row_get_retrievability (row_at (browser, 2)), >, 0);
  g_assert_cmpfloat (shuati_browser_row_get_retrievability (row_at (browser, 2)), <, 1);

  shuati_browser_window_sort_by (browser, SHUATI_BROWSER_COLUMN_QUESTION, GTK_SORT_ASCENDING);
  by_question = order_of (browser);
  g_assert_cmpstr (by_question, ==, "c1 c3 c4 c0 c2 c5");

  shuati_browser_window_sort_by (browser, SHUATI_BROWSER_COLUMN_LAPSES, GTK_SORT_DESCENDING);
  by_lapses = order_of (browser);
  /* Ties keep the deck's order. */
  g_assert_cmpstr (by_lapses, ==, "c1 c0 c2 c3 c4 c5");
  sort_column = g_settings_get_string (f->settings, "browser-sort-column");
  g_assert_cmpstr (sort_column, ==, "lapses");
  g_assert_true (g_settings_get_boolean (f->settings, "browser-sort-descending"));

  /* Never studied first, then by due date. */
  shuati_browser_window_sort_by (browser, SHUATI_BROWSER_COLUMN_DUE, GTK_SORT_ASCENDING);
  by_due = order_of (browser);
  g_assert_cmpstr (by_due, ==, "c0 c3 c4 c5 c2 c1");
  g_clear_pointer (&sort_column, g_free);
  sort_column = g_settings_get_string (f->settings, "browser-sort-column");
  g_assert_cmpstr (sort_column, ==, "due");
  g_assert_false (g_settings_get_boolean (f->settings, "browser-sort-descending"));

  close_browser (browser);

  /* A new browser opens sorted as the last one was left. */
  browser = open_browser (f, NULL);
  g_clear_pointer (&by_due, g_free);
  by_due = order_of (browser);
  g_assert_cmpstr (by_due, ==, "c0 c3 c4 c5 c2 c1");
  close_browser (browser);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  ShuatiCardFilter *filter = shuati_card_filter_new ();
  g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (f->cards)),
                                                                       GTK_FILTER (filter));
  ShuatiBrowserWindow *browser;
  g_autofree char *topic_b = NULL;
  g_autofree char *all = NULL;
  GListModel *rows;

  shuati_card_filter_set_topic (filter, "b");
  browser = open_browser (f, G_LIST_MODEL (filtered));
  rows = G_LIST_MODEL (shuati_browser_window_get_selection (browser));
  topic_b = order_of (browser);
  g_assert_cmpstr (topic_b, ==, "c4 c5");

  /* The main list's choice changes: so does the browser. */
  shuati_card_filter_set_topic (filter, NULL);
  shuati_test_settle ();
  all = order_of (browser);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);
  g_assert_cmpstr (all, ==, "c0 c1 c2 c3 c4 c5");
  close_browser (browser);
}

static void
test_suspend_and_undo (Fixture       *f,
                       gconstpointer  data)
{
  const char * const ids[] = { "c0", "c2", NULL };
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  GtkSelectionModel *selection = shuati_browser_window_get_selection (browser);
  g_autoptr(GtkBitset) selected = NULL;
  ShuatiCard *c2 = shuati_deck_lookup_card (f->deck, "c2");

  /* Nothing selected: nothing to act on. */
  activate (browser, "browser.suspend");
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c0"));

  g_assert_cmpuint (shuati_progress_get_n_due (f->progress), ==, 1);
  select_only (browser, ids);
  g_assert_true (activate (browser, "browser.suspend"));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c0"));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c2"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c1"));
  g_assert_true (shuati_progress_is_suspended (f->progress, c2));
  /* Out of study: c2 is no longer due. */
  g_assert_cmpuint (shuati_progress_get_n_due (f->progress), ==, 0);
  g_assert_cmpint (state_of (browser, "c2"), ==, SHUATI_BROWSER_STATE_SUSPENDED);
  g_assert_true (shuati_browser_row_get_suspended (row_at (browser, 0)));
  /* The same cards stay selected. */
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
  g_assert_true (gtk_bitset_contains (selected, 0));
  g_assert_true (gtk_bitset_contains (selected, 2));

  g_assert_true (activate (browser, "browser.undo"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c0"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c2"));
  g_assert_cmpint (state_of (browser, "c2"), ==, SHUATI_BROWSER_STATE_REVIEW);
  g_assert_cmpuint (shuati_progress_get_n_due (f->progress), ==, 1);
  /* Nothing left to undo: a second undo changes nothing. */
  g_assert_true (shuati_store_set_suspended (f->store, "deck", (const char * const[]) { "c3", NULL }, TRUE, NULL));
  activate (browser, "browser.undo");
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c3"));

  /* Unsuspend undoes a suspension made elsewhere. */
  g_assert_true (shuati_store_set_suspended (f->store, "deck", (const char * const[]) { "c0", NULL }, TRUE, NULL));
  shuati_test_settle ();
  select_only (browser, (const char * const[]) { "c0", NULL });
  g_assert_true (activate (browser, "browser.unsuspend"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c0"));

  close_browser (browser);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Fails unless the Card Actions menu offers each of @items (their
 * labels as shown) or, when not @offered, none of them. */
static void
assert_menu_offers (ShuatiBrowserWindow *browser,
                    const char * const  *items,
                    gboolean             offered)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (shuati_test_find_widget (GTK_WIDGET (browser), is_menu_button, "Card Actions"));
  GtkWidget *popover;

  gtk_menu_button_popup (button);
  shuati_test_settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  for (guint i = 0; items[i] != NULL; i++)
    {
      GtkWidget *label = shuati_test_find_widget (popover, is_label_with_text, items[i]);

      g_assert_nonnull (label);
      if (gtk_widget_is_sensitive (label) != offered)
        g_error ("\"%s\" is %s", items[i], offered ? "not offered" : "offered");
    }
  gtk_menu_button_popdown (button);
  shuati_test_settle ();
}

/* With no card selected, every action on selected cards is off, the
 * editing ones too; selecting a card turns them on. */
static void
test_actions_need_selection (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const items[] = {
    "Star", "Unstar", "Suspend", "Unsuspend", "Bury Until Tomorrow", "Forget (Make New Again)",
    "Edit Card…", "Move to Topic…", "Add Tag…", "Remove Tag…", "Delete Cards…", "Export Selected Cards…",
    NULL
  };
  ShuatiBrowserWindow *browser = open_browser (f, NULL);

  assert_menu_offers (browser, items, FALSE);
  assert_menu_offers (browser, (const char * const[]) { "Show Only Leeches", NULL }, TRUE);

  select_only (browser, (const char * const[]) { "c2", NULL });
  shuati_test_settle ();
  assert_menu_offers (browser, items, TRUE);

  gtk_selection_model_unselect_all (shuati_browser_window_get_selection (browser));
  shuati_test_settle ();
  assert_menu_offers (browser, items, FALSE);
  close_browser (browser);
}

static void
test_bury_forget_star (Fixture       *f,
                       gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  ShuatiCard *c2 = shuati_deck_lookup_card (f->deck, "c2");
  ShuatiCard *c1 = shuati_deck_lookup_card (f->deck, "c1");
  g_autoptr(GArray) history = NULL;

  select_only (browser, (const char * const[]) { "c2", NULL });
  g_assert_true (activate (browser, "browser.bury"));
  g_assert_true (shuati_progress_is_buried (f->progress, c2));
  g_assert_cmpint (shuati_store_get_buried_until (f->store, "deck", "c2"), ==, shuati_day_end (f->now));
  g_assert_cmpint (state_of (browser, "c2"), ==, SHUATI_BROWSER_STATE_BURIED);
  g_assert_true (activate (browser, "browser.undo"));
  g_assert_false (shuati_progress_is_buried (f->progress, c2));

  select_only (browser, (const char * const[]) { "c1", NULL });
  g_assert_true (activate (browser, "browser.forget"));
  g_assert_cmpint (shuati_progress_get_memory (f->progress, c1)->state, ==, SHUATI_CARD_NEW);
  g_assert_cmpint (state_of (browser, "c1"), ==, SHUATI_BROWSER_STATE_NEW);
  history = shuati_store_load_card_history (f->store, "deck", "c1", NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (activate (browser, "browser.undo"));
  g_assert_cmpuint (shuati_progress_get_memory (f->progress, c1)->lapses, ==, 9);
  g_assert_cmpint (state_of (browser, "c1"), ==, SHUATI_BROWSER_STATE_LEECH);

  select_only (browser, (const char * const[]) { "c1", "c3", NULL });
  g_assert_true (activate (browser, "browser.star"));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c1"));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c3"));
  g_assert_true (shuati_browser_row_get_starred (row_at (browser, 3)));
  g_assert_true (activate (browser, "browser.unstar"));
  g_assert_false (shuati_store_is_starred (f->store, "deck", "c3"));
  /* Undo twice: back through the unstar and the star. */
  g_assert_true (activate (browser, "browser.undo"));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c3"));
  g_assert_true (activate (browser, "browser.undo"));
  g_assert_false (shuati_store_is_starred (f->store, "deck", "c3"));

  close_browser (browser);
}

static GtkLabel *
mistake_label (ShuatiBrowserWindow *browser)
{
  return GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (browser), SHUATI_TYPE_BROWSER_WINDOW, "mistake_label"));
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);

  g_assert_null (shuati_browser_window_get_shown_card (browser));
  select_only (browser, (const char * const[]) { "c1", NULL });
  shuati_test_settle ();
  g_assert_cmpstr (shuati_card_get_id (shuati_browser_window_get_shown_card (browser)), ==, "c1");
  g_assert_cmpuint (shuati_browser_window_get_n_history (browser), ==, 2);
  /* Its last grade was Again: in the 错题本, with the way out. */
  g_assert_cmpstr (gtk_label_get_text (mistake_label (browser)), ==,
                   "In the Mistake Book · 0 of 2 remembered reviews ≥ 7 days");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mistake_label (browser))));

  select_only (browser, (const char * const[]) { "c0", NULL });
  g_assert_cmpstr (shuati_card_get_id (shuati_browser_window_get_shown_card (browser)), ==, "c0");
  g_assert_cmpuint (shuati_browser_window_get_n_history (browser), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (mistake_label (browser)), ==, "Not in the Mistake Book");

  gtk_selection_model_unselect_all (shuati_browser_window_get_selection (browser));
  g_assert_null (shuati_browser_window_get_shown_card (browser));
  close_browser (browser);
}

static void
test_leeches_only (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  GListModel *rows = G_LIST_MODEL (shuati_browser_window_get_selection (browser));
  g_autofree char *leeches = NULL;
  gboolean leeches_only = FALSE;

  g_assert_true (activate (browser, "browser.leeches-only"));
  g_object_get (browser, "leeches-only", &leeches_only, NULL);
  g_assert_true (leeches_only);
  leeches = order_of (browser);
  g_assert_cmpstr (leeches, ==, "c1");

  /* Forgotten, c1 is no leech any more. */
  select_only (browser, (const char * const[]) { "c1", NULL });
  g_assert_true (activate (browser, "browser.forget"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  g_assert_true (activate (browser, "browser.leeches-only"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);
  close_browser (browser);
}

static void
test_export_selection (Fixture       *f,
                       gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  g_autofree char *path = g_build_filename (f->dir, "selection.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path ("/nonexistent-shuati-folder/x.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) exported = NULL;

  select_only (browser, (const char * const[]) { "c4", "c1", NULL });
  g_assert_true (shuati_browser_window_export_selection (browser, file, &error));
  g_assert_no_error (error);

  /* A deck of its own with the two cards, their topics and texts. */
  exported = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (exported), ==, "deck-selection");
  g_assert_cmpuint (shuati_deck_get_n_cards (exported), ==, 2);
  g_assert_nonnull (shuati_deck_lookup_card (exported, "c1"));
  g_assert_nonnull (shuati_deck_lookup_card (exported, "c4"));
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_lookup_card (exported, "c4"), NULL), ==, "charlie");

  /* A folder that does not exist: an error, no crash. */
  g_assert_false (shuati_browser_window_export_selection (browser, folder, &error));
  g_assert_nonnull (error);
  close_browser (browser);
}

/* The header's menus are made when first opened, with all their items. */
static void
test_menus (Fixture       *f,
            gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  GtkMenuButton *columns = GTK_MENU_BUTTON (shuati_test_find_widget (GTK_WIDGET (browser), is_menu_button, "Columns"));
  GtkMenuButton *actions = GTK_MENU_BUTTON (shuati_test_find_widget (GTK_WIDGET (browser), is_menu_button, "Card Actions"));
  g_autoptr(GMenuModel) section = NULL;
  GMenuModel *model;

  g_assert_nonnull (columns);
  g_assert_nonnull (actions);
  g_assert_null (gtk_menu_button_get_popover (columns));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (columns)));

  gtk_menu_button_popup (columns);
  shuati_test_settle ();
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (columns)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (columns))));
  model = gtk_menu_button_get_menu_model (columns);
  section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, SHUATI_BROWSER_N_COLUMNS);
  gtk_menu_button_popdown (columns);
  shuati_test_settle ();

  /* A second time reuses the same popover. */
  {
    GtkPopover *first = gtk_menu_button_get_popover (columns);

    gtk_menu_button_popup (columns);
    shuati_test_settle ();
    g_assert_true (gtk_menu_button_get_popover (columns) == first);
    gtk_menu_button_popdown (columns);
  }

  gtk_menu_button_popup (actions);
  shuati_test_settle ();
  model = gtk_menu_button_get_menu_model (actions);
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), >, 4);
  gtk_menu_button_popdown (actions);
  close_browser (browser);
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  ShuatiBrowserWindow *browser = open_browser (f, NULL);
  g_auto(GStrv) hidden = NULL;

  /* Stability is hidden by default; showing it is remembered. */
  g_assert_false (gtk_column_view_column_get_visible (shuati_browser_window_get_column (browser, SHUATI_BROWSER_COLUMN_STABILITY)));
  g_assert_true (gtk_column_view_column_get_visible (shuati_browser_window_get_column (browser, SHUATI_BROWSER_COLUMN_LAPSES)));
  g_assert_true (activate (browser, "columns.stability"));
  g_assert_true (activate (browser, "columns.lapses"));
  g_assert_true (gtk_column_view_column_get_visible (shuati_browser_window_get_column (browser, SHUATI_BROWSER_COLUMN_STABILITY)));
  hidden = g_settings_get_strv (f->settings, "browser-hidden-columns");
  g_assert_false (g_strv_contains ((const char * const *)hidden, "stability"));
  g_assert_true (g_strv_contains ((const char * const *)hidden, "lapses"));
  close_browser (browser);

  browser = open_browser (f, NULL);
  g_assert_true (gtk_column_view_column_get_visible (shuati_browser_window_get_column (browser, SHUATI_BROWSER_COLUMN_STABILITY)));
  g_assert_false (gtk_column_view_column_get_visible (shuati_browser_window_get_column (browser, SHUATI_BROWSER_COLUMN_LAPSES)));
  close_browser (browser);
}

/* Ctrl+B in the main window: a browser over the main list's cards,
 * the same one when asked again. */
static void
test_from_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = shuati_test_make_dir ("browser-window");
  g_autoptr(ShuatiApplication) app = NULL;
  ShuatiWindow *window;
  GtkWindow *browser;
  guint n_cards;

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  app = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = shuati_test_open_window (app, 1000, 700);
  n_cards = g_list_model_get_n_items (shuati_window_get_visible_cards (window));
  g_assert_cmpuint (n_cards, >, 0);
  g_assert_null (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.browse", NULL));
  shuati_test_settle ();
  browser = shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW);
  g_assert_nonnull (browser);
  g_assert_true (gtk_window_get_transient_for (browser) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shuati_browser_window_get_selection (SHUATI_BROWSER_WINDOW (browser)))),
                    ==, n_cards);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.browse", NULL));
  shuati_test_settle ();
  g_assert_true (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW) == browser);

  gtk_window_destroy (browser);
  gtk_window_destroy (GTK_WINDOW (window));
  shuati_test_settle ();
  shuati_test_remove_tree (home);
}

/* Whether @rows shows every card once, in the order the rows' own
 * keys give: text columns by shuati_browser_row_compare(), the others
 * by key with ties in the cards' order, whichever the direction. */
static void
assert_sorted (ShuatiBrowserRows   *rows,
               GListModel          *cards,
               ShuatiBrowserColumn  column,
               gboolean             descending)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (cards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_true (g_hash_table_add (seen, shuati_browser_row_get_card (row)));
      if (i > 0)
        {
          g_autoptr(ShuatiBrowserRow) before = g_list_model_get_item (G_LIST_MODEL (rows), i - 1);
          int c;

          if (shuati_browser_column_is_text (column))
            c = shuati_browser_row_compare (before, row, column);
          else
            {
              double a = shuati_browser_row_get_sort_key (before, column);
              double b = shuati_browser_row_get_sort_key (row, column);

              c = (a > b) - (a < b);
              if (c == 0)
                {
                  /* Ties: the order of the card list. */
                  guint pa = 0, pb = 0;

                  g_assert_true (g_list_store_find (G_LIST_STORE (cards), shuati_browser_row_get_card (before), &pa));
                  g_assert_true (g_list_store_find (G_LIST_STORE (cards), shuati_browser_row_get_card (row), &pb));
                  g_assert_cmpuint (pa, <, pb);
                  continue;
                }
            }
          if (descending)
            g_assert_cmpint (c, >, 0);
          else
            g_assert_cmpint (c, <, 0);
        }
    }
}

static void
on_rows_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *n_changes)
{
  (*n_changes)++;
}

/* The rows model sorts every column both ways without making rows, and
 * stays sorted when the cards and their progress change. */
static void
test_rows_sort_model (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ShuatiBrowserRows) rows = shuati_browser_rows_new (G_LIST_MODEL (f->cards), f->progress, languages);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  guint n_changes = 0;
  static const char * const c4[] = { "c4", NULL };

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_rows_changed), &n_changes);
  for (guint c = 0; c < SHUATI_BROWSER_N_COLUMNS; c++)
    for (guint d = 0; d < 2; d++)
      {
        n_changes = 0;
        shuati_browser_rows_sort (rows, c, d);
        g_assert_cmpuint (n_changes, ==, 1);
        assert_sorted (rows, G_LIST_MODEL (f->cards), c, d);
        /* Asking again for the same order changes nothing. */
        shuati_browser_rows_sort (rows, c, d);
        g_assert_cmpuint (n_changes, ==, 1);
      }

  /* A suspended card moves to the end of the state order. */
  shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_STATE, FALSE);
  g_assert_true (shuati_store_set_suspended (f->store, "deck", c4, TRUE, &error));
  g_assert_no_error (error);
  shuati_browser_rows_refresh (rows, "c4");
  assert_sorted (rows, G_LIST_MODEL (f->cards), SHUATI_BROWSER_COLUMN_STATE, FALSE);
  {
    g_autoptr(ShuatiBrowserRow) last = g_list_model_get_item (G_LIST_MODEL (rows), 5);

    g_assert_cmpstr (shuati_card_get_id (shuati_browser_row_get_card (last)), ==, "c4");
  }

  /* Cards leaving and coming back land in their sorted places. */
  shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_QUESTION, TRUE);
  g_list_store_remove (f->cards, 0);
  assert_sorted (rows, G_LIST_MODEL (f->cards), SHUATI_BROWSER_COLUMN_QUESTION, TRUE);
  g_list_store_append (f->cards, shuati_deck_get_card (f->deck, 0));
  assert_sorted (rows, G_LIST_MODEL (f->cards), SHUATI_BROWSER_COLUMN_QUESTION, TRUE);

  /* Back to the cards' order. */
  shuati_browser_rows_sort (rows, -1, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      g_autoptr(ShuatiCard) card = g_list_model_get_item (G_LIST_MODEL (f->cards), i);

      g_assert_true (shuati_browser_row_get_card (row) == card);
    }
  g_signal_handlers_disconnect_by_func (rows, on_rows_changed, &n_changes);
}

/* A deck large enough for the question and tag ranks to be made in a
 * thread while the browser opens sorts the same as a small one does,
 * and rows dropped while that thread runs wait for it cleanly. */
static void
test_rows_ranked_ahead (void)
{
  static const char * const words[] = { "梯度", "attention", "Attention", "蒸馏", "a", "" };
  static const char * const tag_words[] = { "llm", "attention", "Attention", "rag", "a" };
  g_autoptr(GString) json = g_string_new ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"big\","
                                          " \"languages\": [\"en\"], \"title\": \"B\","
                                          " \"topics\": [{\"id\": \"x\", \"title\": \"X\"}, {\"id\": \"y\", \"title\": \"主题\"},"
                                          " {\"id\": \"z\", \"title\": \"X\"}, {\"id\": \"w\", \"title\": \"Alpha\"}], \"cards\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GListStore) cards = g_list_store_new (SHUATI_TYPE_CARD);
  const guint n = 6000;

  for (guint i = 0; i < n; i++)
    {
      guint r = (i * 7919u) % n;

      g_string_append_printf (json, "%s{\"id\": \"b%u\", \"topic\": \"%c\", \"title\": \"t\","
                              " \"tags\": [\"%s\", \"t%u\"], \"question\": \"%s %u\", \"answer\": \"A\"}",
                              i ? ", " : "", i, "xyzw"[r % 4], tag_words[r % 5], r % 7,
                              words[r % G_N_ELEMENTS (words)], r % 97);
    }
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  progress = shuati_progress_new (deck, NULL, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  for (guint i = n; i-- > 0; )
    if (i % 3 != 0)
      g_list_store_append (cards, shuati_deck_get_card (deck, i));

  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(ShuatiBrowserRows) rows = shuati_browser_rows_new (G_LIST_MODEL (cards), progress, languages);

      shuati_browser_rows_rank_ahead (rows);
      shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_QUESTION, d);
      assert_sorted (rows, G_LIST_MODEL (cards), SHUATI_BROWSER_COLUMN_QUESTION, d);
      shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_TAGS, d);
      assert_sorted (rows, G_LIST_MODEL (cards), SHUATI_BROWSER_COLUMN_TAGS, d);
      /* Two topics of one title sort as one, in the deck's order. */
      shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_TOPIC, d);
      assert_sorted (rows, G_LIST_MODEL (cards), SHUATI_BROWSER_COLUMN_TOPIC, d);
    }

  /* Dropped at once, while ranking. */
  for (guint i = 0; i < 3; i++)
    {
      ShuatiBrowserRows *rows = shuati_browser_rows_new (G_LIST_MODEL (cards), progress, languages);

      shuati_browser_rows_rank_ahead (rows);
      shuati_browser_rows_rank_ahead (rows);
      g_object_unref (rows);
    }
}

/* Text columns rank once over the deck and sort as the rows compare:
 * long shared beginnings, equal texts (in the deck's order), CJK, and
 * tag lists tag by tag, a shorter list first. Rows made ahead are the
 * rows the model gives. */
static void
test_rows_text_ranks (void)
{
  static const char * const questions[] = {
    "a shared beginning that goes on for a while (2)", "a shared beginning that goes on for a while (10)",
    "same", "题目乙", "a shared beginning that goes on for a while (1)", "same", "题目甲", "Zeta", "",
    "a shared beginning that goes on for a while", "same", "b",
  };
  static const char * const tags[] = {
    "[\"a\", \"b\"]", "[\"ab\"]", "[\"a\"]", "[]", "[\"a\", \"b\"]", "[\"b\"]", "[\"a\", \"c\"]", "[]",
    "[\"a\", \"b\", \"c\"]", "[\"ab\"]", "[\"b\"]", "[\"a\"]",
  };
  g_autoptr(GString) json = g_string_new ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"ranks\","
                                          " \"languages\": [\"en\"], \"title\": \"R\","
                                          " \"topics\": [{\"id\": \"x\", \"title\": \"Xi\"}, {\"id\": \"y\", \"title\": \"Alpha\"},"
                                          " {\"id\": \"z\", \"title\": \"Xi\"}], \"cards\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GListStore) cards = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(ShuatiBrowserRows) rows = NULL;
  static const ShuatiBrowserColumn text_columns[] = {
    SHUATI_BROWSER_COLUMN_QUESTION, SHUATI_BROWSER_COLUMN_TOPIC, SHUATI_BROWSER_COLUMN_TAGS,
  };
  g_autofree char *tag_order = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    g_string_append_printf (json, "%s{\"id\": \"r%u\", \"topic\": \"%c\", \"title\": \"t\", \"tags\": %s,"
                            " \"question\": \"%s\", \"answer\": \"A\"}",
                            i ? ", " : "", i, "xyz"[i % 3], tags[i], questions[i][0] ? questions[i] : " ");
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  progress = shuati_progress_new (deck, NULL, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  /* Not all the deck's cards, and not in the deck's order. */
  for (guint i = shuati_deck_get_n_cards (deck); i-- > 1; )
    g_list_store_append (cards, shuati_deck_get_card (deck, i));
  rows = shuati_browser_rows_new (G_LIST_MODEL (cards), progress, languages);

  for (guint c = 0; c < G_N_ELEMENTS (text_columns); c++)
    for (guint d = 0; d < 2; d++)
      {
        shuati_browser_rows_sort (rows, text_columns[c], d);
        assert_sorted (rows, G_LIST_MODEL (cards), text_columns[c], d);
      }

  /* Tag by tag: no tags, a, a b (twice, in the deck's order), a b c, a c,
   * ab (twice), b (twice). r0 is not shown. */
  shuati_browser_rows_sort (rows, SHUATI_BROWSER_COLUMN_TAGS, FALSE);
  {
    g_autoptr(GString) ids = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
      {
        g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

        g_string_append_printf (ids, "%s%s", i ? " " : "", shuati_card_get_id (shuati_browser_row_get_card (row)));
      }
    tag_order = g_string_free (g_steal_pointer (&ids), FALSE);
  }
  g_assert_cmpstr (tag_order, ==, "r3 r7 r2 r11 r4 r8 r6 r1 r9 r5 r10");

  /* Rows made ahead, a few at a time, are those the model gives. */
  {
    g_autoptr(ShuatiBrowserRows) fresh = shuati_browser_rows_new (G_LIST_MODEL (cards), progress, languages);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (cards));
    g_autoptr(ShuatiBrowserRow) first = NULL;
    g_autoptr(ShuatiBrowserRow) again = NULL;

    g_assert_true (shuati_browser_rows_make_some (fresh, 4));
    g_assert_false (shuati_browser_rows_make_some (fresh, n));
    g_assert_false (shuati_browser_rows_make_some (fresh, 1));
    first = g_list_model_get_item (G_LIST_MODEL (fresh), 0);
    again = g_list_model_get_item (G_LIST_MODEL (fresh), 0);
    g_assert_true (first == again);
    g_assert_true (shuati_browser_row_get_card (first) == shuati_deck_get_card (deck, n));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shuati/browser/menus", test_menus);
  ADD ("/shuati/browser/actions-need-selection", test_actions_need_selection);
  ADD ("/shuati/browser/rows-and-sort", test_rows_and_sort);
  ADD ("/shuati/browser/rows-sort-model", test_rows_sort_model);
  ADD ("/shuati/browser/filter", test_filter);
  ADD ("/shuati/browser/suspend-and-undo", test_suspend_and_undo);
  ADD ("/shuati/browser/bury-forget-star", test_bury_forget_star);
  ADD ("/shuati/browser/detail", test_detail);
  ADD ("/shuati/browser/columns", test_columns);
  ADD ("/shuati/browser/leeches-only", test_leeches_only);
  ADD ("/shuati/browser/export-selection", test_export_selection);
#undef ADD
  g_test_add_func ("/shuati/browser/from-window", test_from_window);
  g_test_add_func ("/shuati/browser/rows-text-ranks", test_rows_text_ranks);
  g_test_add_func ("/shuati/browser/rows-ranked-ahead", test_rows_ranked_ahead);

  return g_test_run ();
}
