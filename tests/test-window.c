/* test-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "shuati-application.h"

#include "shuati-card-row.h"
#include "shuati-card-view.h"
#include "shuati-markdown.h"
#include "shuati-mock-page.h"
#include "shuati-planner-page.h"
#include "shuati-bar-chart.h"
#include "shuati-review-page.h"
#include "shuati-sidebar-row.h"
#include "shuati-session.h"
#include "shuati-store-private.h"
#include <glib/gstdio.h>

#include "shuati-test-ui.h"
#include "shuati-test-utils.h"
#include "shuati-window.h"
#include "shuati-window-private.h"

/* One application for the whole run: it owns its bus name until exit. */
static ShuatiApplication *app;

typedef struct
{
  ShuatiWindow      *window;
  GSettings         *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "card-language");
  g_settings_reset (f->settings, "sidebar-selection");
  g_settings_reset (f->settings, "last-card");

  f->window = g_object_ref (shuati_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (f->window));

  /* The learner's decks load in a thread; start from a settled window. */
  while (shuati_library_get_loading (shuati_application_get_library (app)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A test may have closed it already. */
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->settings);
}

/* The window shows a change of progress (counts, the Due and Mistake Book
 * lists) once the frame after it is painted. */
static void
wait_for_progress (Fixture *f)
{
  while (_shuati_window_get_progress_pending (f->window))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_filter (Fixture *f)
{
  wait_for_progress (f);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The ids of the cards the list shows, sorted, comma-separated. */
static char *
visible_ids (Fixture *f)
{
  GListModel *model = shuati_window_get_visible_cards (f->window);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  wait_for_filter (f);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (model, i);
      g_ptr_array_add (ids, g_strdup (shuati_card_get_id (card)));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (",", (char **)ids->pdata);
}

static void
search (Fixture    *f,
        const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", "s", text);
  wait_for_filter (f);
}

static void
select_topic (Fixture    *f,
              const char *topic)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-topic", "s", topic);
  wait_for_filter (f);
}

static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  ShuatiDeck *deck = shuati_window_get_deck (f->window);
  GListModel *topics = shuati_deck_get_topics (deck);
  GListModel *visible = shuati_window_get_visible_cards (f->window);

  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 24);

  for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, t);
      g_autofree char *key = NULL;
      g_autofree char *selected = NULL;

      select_topic (f, shuati_topic_get_id (topic));
      g_assert_cmpuint (g_list_model_get_n_items (visible), ==, shuati_topic_get_n_cards (topic));
      for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
        {
          g_autoptr(ShuatiCard) card = g_list_model_get_item (visible, i);
          g_assert_cmpstr (shuati_card_get_topic_id (card), ==, shuati_topic_get_id (topic));
        }

      /* The choice is remembered. */
      key = g_strdup_printf ("llm-interview/topic:%s", shuati_topic_get_id (topic));
      selected = g_settings_get_string (f->settings, "sidebar-selection");
      g_assert_cmpstr (selected, ==, key);
    }

  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  wait_for_filter (f);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 24);

  /* A tag shows every card that has it, across topics. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/tag:autonomous-driving"));
  wait_for_filter (f);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (visible, i);
      g_assert_true (shuati_card_has_tag (card, "autonomous-driving"));
    }
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 2);

  g_assert_false (shuati_window_select_sidebar (f->window, "llm-interview/topic:nowhere"));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GListModel *visible = shuati_window_get_visible_cards (f->window);
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  g_autofree char *fullwidth = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *all_ai = NULL;
  guint n_topic;
  guint n_narrow;

  /* A small deck answers every keystroke at once, with no pause first. */
  g_assert_cmpuint (gtk_search_entry_get_search_delay (shuati_window_get_search_entry (f->window)), ==, 0);

  search (f, "蒸馏");
  zh = visible_ids (f);
  g_assert_true (strstr (zh, "llm-023") != NULL || strstr (zh, "llm-024") != NULL);
  g_assert_nonnull (strstr (zh, "llm-024"));

  search (f, "distillation");
  en = visible_ids (f);
  g_assert_cmpstr (zh, ==, en);

  search (f, "ＡＩ");
  fullwidth = visible_ids (f);
  search (f, "ai");
  ascii = visible_ids (f);
  g_assert_cmpstr (fullwidth, ==, ascii);
  g_assert_cmpstr (ascii, !=, "");
  all_ai = g_strdup (ascii);

  /* Search and topic combine: choosing a topic narrows the results... */
  select_topic (f, "challenges");
  n_narrow = g_list_model_get_n_items (visible);
  g_assert_cmpuint (n_narrow, <, 24);
  for (guint i = 0; i < n_narrow; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (visible, i);
      g_autofree char *needle = g_strdup_printf ("%s", shuati_card_get_id (card));

      g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "challenges");
      g_assert_nonnull (strstr (all_ai, needle));
    }

  /* ...and a search narrows the topic. */
  search (f, "");
  n_topic = g_list_model_get_n_items (visible);
  g_assert_cmpuint (n_topic, ==, 7);
  search (f, "自动驾驶");
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, n_topic);
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);

  /* Several words must all match. */
  search (f, "knowledge distillation");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  select_topic (f, "engineering");
  search (f, "knowledge distillation");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  search (f, "knowledge zzzzqqq");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
}

static void
count_writes (GSettings  *settings,
              const char *key,
              guint      *n)
{
  (*n)++;
}

/* A search that keeps the selected card leaves the reader and the saved
 * card alone; one that drops it clears the reader. */
static void
test_search_keeps_reader (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *visible = shuati_window_get_visible_cards (f->window);
  ShuatiCard *card;
  guint writes = 0;

  search (f, "distillation");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  g_signal_connect (f->settings, "changed::last-card", G_CALLBACK (count_writes), &writes);

  gtk_single_selection_set_selected (f->window->card_selection, 0);
  wait_for_filter (f);
  card = shuati_card_view_get_card (f->window->card_view);
  g_assert_nonnull (card);
  g_assert_true (card == gtk_single_selection_get_selected_item (f->window->card_selection));
  g_assert_cmpuint (writes, ==, 1);

  /* Wider, narrower, and wider again: the card matches all along, and
   * the setting (here changed behind the window's back, as the memory
   * backend tells no write of an equal value) is not written again. */
  g_settings_set_string (f->settings, "last-card", "elsewhere/none");
  writes = 1;
  search (f, "distil");
  search (f, "distillation");
  search (f, "");
  g_assert_true (gtk_single_selection_get_selected_item (f->window->card_selection) == card);
  g_assert_true (shuati_card_view_get_card (f->window->card_view) == card);
  g_assert_cmpuint (writes, ==, 1);
  {
    g_autofree char *saved = g_settings_get_string (f->settings, "last-card");
    g_assert_cmpstr (saved, ==, "elsewhere/none");
  }

  /* A query the card does not match takes it out of the reader. */
  search (f, "zzzzqqq");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_null (shuati_card_view_get_card (f->window->card_view));
  g_assert_cmpuint (writes, ==, 1);

  /* Another card is shown and saved. */
  search (f, "");
  gtk_single_selection_set_selected (f->window->card_selection, 1);
  wait_for_filter (f);
  g_assert_true (shuati_card_view_get_card (f->window->card_view) ==
                 gtk_single_selection_get_selected_item (f->window->card_selection));
  g_assert_false (shuati_card_view_get_card (f->window->card_view) == card);
  g_assert_cmpuint (writes, ==, 2);

  g_signal_handlers_disconnect_by_func (f->settings, count_writes, &writes);
}

/* The index answers a search at once: the counts are those of the
 * search just typed, with no step in between. */
static void
test_search_count_when_done (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *visible = shuati_window_get_visible_cards (f->window);
  GtkLabel *results = f->window->results_label;
  g_autofree char *subtitle = NULL;
  g_autofree char *expected = NULL;

  /* A deck the library did not load gets its index from a thread. */
  while (!shuati_search_model_get_uses_index (f->window->filtered_cards))
    g_main_context_iteration (NULL, TRUE);
  search (f, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (results)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", "s", "distillation");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (results)));
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  expected = g_strdup_printf ("%u results", g_list_model_get_n_items (visible));
  g_assert_cmpstr (gtk_label_get_text (results), ==, expected);
  subtitle = g_strdup_printf ("%u cards", g_list_model_get_n_items (visible));
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->list_title), ==, subtitle);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", "s", "zzzzqqq");
  g_assert_cmpstr (gtk_label_get_text (results), ==, "0 results");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->list_title), ==, "0 cards");

  /* Leaving the search hides the count at once. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", "s", "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (results)));
  wait_for_filter (f);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *status;

  search (f, "xyzzy-no-such-word");
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 0);

  status = gtk_widget_get_ancestor (GTK_WIDGET (shuati_window_get_search_bar (f->window)), GTK_TYPE_BOX);
  g_assert_nonnull (status);
  {
    GtkWidget *stack = gtk_widget_get_last_child (status);
    GtkWidget *page;

    g_assert_true (GTK_IS_STACK (stack));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
    page = gtk_stack_get_visible_child (GTK_STACK (stack));
    g_assert_true (ADW_IS_STATUS_PAGE (page));
    g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "xyzzy-no-such-word"));

    search (f, "gpu");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  }
}

static void
test_keyboard_actions (Fixture       *f,
                       gconstpointer  data)
{
  GtkSearchBar *bar = shuati_window_get_search_bar (f->window);
  GtkSearchEntry *entry = shuati_window_get_search_entry (f->window);
  ShuatiCard *card;

  /* Ctrl+F */
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  /* Escape in the entry clears and closes the search. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "gpu");
  search (f, "gpu");
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), <, 24);
  g_signal_emit_by_name (entry, "stop-search");
  wait_for_filter (f);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 24);

  /* Next and previous card follow the list. */
  g_assert_null (shuati_window_get_selected_card (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-card", NULL);
  card = shuati_window_get_selected_card (f->window);
  g_assert_cmpstr (shuati_card_get_id (card), ==, "llm-001");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-card", NULL);
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-002");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-card", NULL);
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-001");

  /* Within a topic, next skips to the topic's next card. */
  select_topic (f, "engineering");
  g_assert_true (shuati_window_select_card (f->window, "llm-004"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-card", NULL);
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-021");

  /* Opening a card hidden by the choice widens it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-010");
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-010");
  g_assert_false (shuati_window_select_card (f->window, "llm-999"));
}

/* What a result activated in the Shell's search does: "DECK/CARD" opens
 * the card in its deck, whichever deck is shown. */
static void
test_open_card_in_deck (Fixture       *f,
                        gconstpointer  data)
{
  static const char csv[] = "question,answer\nWhat is RLHF?,Reinforcement learning from human feedback\n";
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = shuati_import_bytes (bytes, "Open Card.csv", &error);
  ShuatiDeck *deck;
  g_autofree char *target = NULL;
  ShuatiCard *card;

  g_assert_no_error (error);
  deck = shuati_library_add_imported (library, result, SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");

  target = g_strdup_printf ("%s/%s", shuati_deck_get_id (deck), shuati_card_get_id (card));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", target);
  g_assert_true (shuati_window_get_deck (f->window) == deck);
  g_assert_true (shuati_window_get_selected_card (f->window) == card);

  /* Back to the built-in deck, by its id. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-007");
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-007");

  /* An unknown deck or card changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "no-such-deck/llm-001");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-999");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "/");
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, "llm-007");

  g_assert_true (shuati_library_remove (library, shuati_deck_get_id (deck), &error));
  g_assert_no_error (error);
}

static void
test_card_language (Fixture       *f,
                    gconstpointer  data)
{
  ShuatiCardView *view = SHUATI_CARD_VIEW (shuati_window_get_card_view (f->window));
  ShuatiCard *card;

  g_assert_true (shuati_window_select_card (f->window, "llm-023"));
  card = shuati_window_get_selected_card (f->window);

  /* LC_ALL=C.UTF-8: the interface is English, and so are the cards. */
  g_assert_cmpstr (shuati_card_view_get_text (view, SHUATI_FIELD_TITLE), ==,
                   shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en"));

  g_settings_set_string (f->settings, "card-language", "zh_CN");
  g_assert_cmpstr (shuati_card_view_get_text (view, SHUATI_FIELD_TITLE), ==,
                   shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN"));
  g_assert_cmpstr (shuati_card_view_get_translation (view, SHUATI_FIELD_ANSWER), ==, "");

  g_settings_set_string (f->settings, "card-language", "both");
  g_assert_cmpstr (shuati_card_view_get_text (view, SHUATI_FIELD_TITLE), ==,
                   shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN"));
  g_assert_cmpstr (shuati_card_view_get_translation (view, SHUATI_FIELD_TITLE), ==,
                   shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en"));
  g_assert_cmpstr (shuati_card_view_get_translation (view, SHUATI_FIELD_ANSWER), !=, "");

  g_settings_set_string (f->settings, "card-language", "en");
  g_assert_cmpstr (shuati_card_view_get_text (view, SHUATI_FIELD_TITLE), ==,
                   shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en"));
  g_assert_cmpstr (shuati_card_view_get_translation (view, SHUATI_FIELD_TITLE), ==, "");
}

static int
count_reviews (const char *card_id)
{
  ShuatiStore *store = shuati_application_get_store (app);
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (shuati_store_get_database (store),
                                       "SELECT count(*) FROM reviews WHERE card_id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
test_study (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  GtkStack *stack;
  ShuatiSession *session;
  ShuatiCard *card;
  g_autofree char *card_id = NULL;
  int before;

  g_assert_nonnull (page);
  stack = GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "browse");

  /* Study the "challenges" topic: the session holds only its cards. */
  select_topic (f, "challenges");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "review");
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_nonnull (session);
  g_assert_false (shuati_session_get_is_practice (session));
  card = shuati_session_get_current (session);
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "challenges");
  card_id = g_strdup (shuati_card_get_id (card));
  before = count_reviews (card_id);

  /* Turn the card and grade it Good, as Space and 3 do. */
  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  g_assert_true (shuati_review_page_get_revealed (SHUATI_REVIEW_PAGE (page)));
  g_assert_true (gtk_widget_activate_action (page, "review.grade", "i", 3));
  g_assert_cmpint (count_reviews (card_id), ==, before + 1);

  /* The sidebar's Due entry knows at once: after a Good first grade the
   * card is between learning steps, today's work whatever the hour. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/due"));
  wait_for_filter (f);
  {
    g_autofree char *ids = visible_ids (f);
    g_assert_nonnull (strstr (ids, card_id));
  }

  /* Escape shows what was done; again, it ends the session. The
   * progress is already saved. */
  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "review");
  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "browse");
  g_assert_cmpint (count_reviews (card_id), ==, before + 1);

  /* Practice never writes. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.practice", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_true (shuati_session_get_is_practice (session));
  card = shuati_session_get_current (session);
  {
    g_autofree char *practice_id = g_strdup (shuati_card_get_id (card));
    int practice_before = count_reviews (practice_id);

    gtk_widget_activate_action (page, "review.flip", NULL);
    gtk_widget_activate_action (page, "review.grade", "i", 3);
    g_assert_cmpint (count_reviews (practice_id), ==, practice_before);
  }
  gtk_widget_activate_action (page, "review.end", NULL);
}

/* The 错题本 (mistake book): filled by Again grades and by hand, emptied by
 * hand and by undo, and its count kept current in the sidebar. The store
 * is shared with the other tests, so this one counts from where it is. */
static guint
mistakes_count (Fixture *f)
{
  wait_for_progress (f);
  return shuati_sidebar_item_get_count (f->window->mistakes_item);
}

static void
test_mistake_book (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  ShuatiStore *store = shuati_application_get_store (app);
  GListModel *visible = shuati_window_get_visible_cards (f->window);
  ShuatiSession *session;
  g_autoptr(GError) error = NULL;
  g_autofree char *card_id = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *selected = NULL;
  guint before;

  /* Emptied by hand, the list says how cards come and go. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/mistakes"));
  wait_for_filter (f);
  while (g_list_model_get_n_items (visible) > 0)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (visible, 0);

      g_assert_true (shuati_store_set_mistake (store, "llm-interview", shuati_card_get_id (card),
                                               FALSE, g_get_real_time () / G_USEC_PER_SEC, &error));
      g_assert_no_error (error);
      wait_for_filter (f);
    }
  g_assert_cmpuint (mistakes_count (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->list_stack), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_description (f->window->no_results_page), "7 days"));
  selected = g_settings_get_string (f->settings, "sidebar-selection");
  g_assert_cmpstr (selected, ==, "llm-interview/mistakes");

  /* Added from the reader's menu. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-003");
  g_assert_cmpstr (shuati_card_get_id (shuati_card_view_get_card (SHUATI_CARD_VIEW (f->window->card_view))), ==, "llm-003");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-mistakes", NULL);
  g_assert_cmpuint (mistakes_count (f), ==, 1);
  /* Taking out a card that is out changes nothing; adding twice neither. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-mistakes", NULL);
  g_assert_cmpuint (mistakes_count (f), ==, 1);
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/mistakes"));
  ids = visible_ids (f);
  g_assert_cmpstr (ids, ==, "llm-003");

  /* An Again grade adds its card at once, and undo takes it out again. */
  select_topic (f, "challenges");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  card_id = g_strdup (shuati_card_get_id (shuati_session_get_current (session)));
  before = mistakes_count (f);
  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  g_assert_true (gtk_widget_activate_action (page, "review.grade", "i", 1));
  g_assert_cmpuint (mistakes_count (f), ==, before + (g_strcmp0 (card_id, "llm-003") != 0));
  g_assert_true (g_hash_table_contains (shuati_progress_get_mistake_ids (f->window->progress), card_id));
  g_assert_true (gtk_widget_activate_action (page, "review.undo", NULL));
  g_assert_cmpuint (mistakes_count (f), ==, before);
  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  gtk_widget_activate_action (page, "review.end", NULL);

  /* Practice works on the book like on any choice. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/mistakes"));
  wait_for_filter (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.practice", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_cmpstr (shuati_card_get_id (shuati_session_get_current (session)), ==, "llm-003");
  gtk_widget_activate_action (page, "review.end", NULL);
  gtk_widget_activate_action (page, "review.end", NULL);

  /* Removed from the reader's menu. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-003");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-from-mistakes", NULL);
  g_assert_cmpuint (mistakes_count (f), ==, 0);
  g_assert_false (g_hash_table_contains (shuati_progress_get_mistake_ids (f->window->progress), "llm-003"));
}

/* After a grade the window's own follow-up (the sidebar's counts, the
 * lists of sets, the header) waits for the frame that shows the next
 * card, is done once for a burst of grades, and leaves every count as a
 * full recount would: the topics of the graded cards and the others. */
typedef struct
{
  ShuatiWindow *window;
  guint         n_frames;
  gboolean      pending_at_first_frame;
} FrameWatch;

static void
on_watch_after_paint (GdkFrameClock *clock,
                      FrameWatch    *watch)
{
  if (watch->n_frames++ == 0)
    watch->pending_at_first_frame = _shuati_window_get_progress_pending (watch->window);
}

static void
assert_progress_counts (Fixture *f)
{
  ShuatiProgress *progress = f->window->progress;
  GListModel *topics = G_LIST_MODEL (f->window->topic_items);

  g_assert_cmpuint (shuati_sidebar_item_get_count (f->window->due_item), ==,
                    shuati_progress_get_n_due (progress));
  g_assert_cmpuint (shuati_sidebar_item_get_count (f->window->starred_item), ==,
                    shuati_progress_get_n_starred (progress));
  g_assert_cmpuint (shuati_sidebar_item_get_count (f->window->mistakes_item), ==,
                    shuati_progress_get_n_mistakes (progress));

  g_assert_cmpuint (g_list_model_get_n_items (topics), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (topics, i);
      g_autofree char *expected = NULL;
      guint n_due, n_mastered, n_cards;

      g_assert_true (shuati_progress_get_topic_counts (progress, shuati_sidebar_item_get_id (item),
                                                       &n_due, &n_mastered, &n_cards));
      expected = g_strdup_printf ("%u due · %u/%u mastered", n_due, n_mastered, n_cards);
      g_assert_cmpstr (shuati_sidebar_item_get_detail (item), ==, expected);
    }
}

static void
test_progress_after_frame (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  FrameWatch watch = { f->window, 0, FALSE };
  ShuatiSession *session;
  guint due_before;
  guint update = 0;
  gulong handler;

  g_assert_nonnull (clock);
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  wait_for_filter (f);
  g_assert_false (_shuati_window_get_progress_pending (f->window));
  assert_progress_counts (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_nonnull (session);
  g_assert_false (shuati_session_get_is_practice (session));
  wait_for_progress (f);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  due_before = shuati_sidebar_item_get_count (f->window->due_item);

  /* Three Again grades as fast as keys can come: one update waits for
   * them all, and nothing is recounted before a frame is painted. */
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_watch_after_paint), &watch);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (shuati_session_get_current (session));
      g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
      g_assert_true (gtk_widget_activate_action (page, "review.grade", "i", 1));
      g_assert_true (_shuati_window_get_progress_pending (f->window));
      if (i == 0)
        update = f->window->progress_update;
      g_assert_cmpuint (f->window->progress_update, ==, update);
    }
  g_assert_cmpuint (shuati_sidebar_item_get_count (f->window->due_item), ==, due_before);

  wait_for_progress (f);
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpuint (watch.n_frames, >=, 1);
  g_assert_true (watch.pending_at_first_frame);
  assert_progress_counts (f);

  gtk_widget_activate_action (page, "review.end", NULL);
  gtk_widget_activate_action (page, "review.end", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "browse");

  /* A new day recounts every topic, not only those of graded cards. */
  shuati_progress_set_now (f->window->progress, g_get_real_time () / G_USEC_PER_SEC + 30 * 24 * 3600);
  g_assert_true (_shuati_window_get_progress_pending (f->window));
  wait_for_progress (f);
  assert_progress_counts (f);
  shuati_progress_set_now (f->window->progress, g_get_real_time () / G_USEC_PER_SEC);
  wait_for_progress (f);
  assert_progress_counts (f);
}

static gboolean
is_page_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "summary") != NULL;
}

/* The review page's own stack: its card, summary and empty pages. */
static GtkStack *
find_page_stack (GtkWidget *page)
{
  return GTK_STACK (shuati_test_find_widget (page, is_page_stack, NULL));
}

static void
on_main_stack_child (GtkStack   *main_stack,
                     GParamSpec *pspec,
                     GPtrArray  *seen)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (main_stack), SHUATI_TYPE_REVIEW_PAGE);

  /* What the review page shows at the moment it comes on screen. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "review") == 0)
    g_ptr_array_add (seen, g_strdup (gtk_stack_get_visible_child_name (find_page_stack (page))));
}

/* The first session of the window starts on its first card: the page
 * does not come on screen showing "Nothing to study" and fade from it. */
/* Ctrl+T shows one statistics window per main window: closing it only
 * hides it, and shown again it counts afresh. */
static void
test_statistics_reused (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  ShuatiStatisticsWindow *statistics;
  ShuatiStatisticsWindow *weak = NULL;
  g_autofree char *scope = NULL;
  guint before;

  select_topic (f, "challenges");
  g_assert_nonnull (f->window->deck);
  g_assert_null (f->window->statistics_window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-statistics", NULL));
  statistics = f->window->statistics_window;
  g_assert_nonnull (statistics);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (statistics)));
  g_assert_nonnull (shuati_statistics_window_get_statistics (statistics));
  before = shuati_statistics_window_get_statistics (statistics)->total_reviews;
  g_set_weak_pointer (&weak, statistics);

  /* The learner looks at all decks, then closes the window: it hides. */
  g_object_set (statistics, "scope", "all", NULL);
  gtk_window_close (GTK_WINDOW (statistics));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (weak);
  g_assert_true (f->window->statistics_window == statistics);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (statistics)));

  /* A review while it is hidden ... */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  g_assert_true (gtk_widget_activate_action (page, "review.grade", "i", 3));
  /* ... is not counted for a window nobody sees ... */
  g_assert_cmpuint (shuati_statistics_window_get_statistics (statistics)->total_reviews, ==, before);

  /* ... but Ctrl+T shows the same window with the new count, on the
   * deck again as a new window would be. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-statistics", NULL));
  g_assert_true (f->window->statistics_window == statistics);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (statistics)));
  g_assert_cmpuint (shuati_statistics_window_get_statistics (statistics)->total_reviews, ==, before + 1);
  g_object_get (statistics, "scope", &scope, NULL);
  g_assert_cmpstr (scope, ==, "deck");

  /* Shown twice, it is not counted again for nothing: still one window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-statistics", NULL));
  g_assert_true (f->window->statistics_window == statistics);

  /* It goes with the main window, hidden or not. */
  gtk_widget_activate_action (page, "review.end", NULL);
  gtk_widget_activate_action (page, "review.end", NULL);
  gtk_window_close (GTK_WINDOW (statistics));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_assert_null (weak);
}

static void
test_study_no_flash (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  GtkStack *main_stack = GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));
  GtkStack *page_stack = find_page_stack (page);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  gboolean animations;

  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_signal_connect (main_stack, "notify::visible-child", G_CALLBACK (on_main_stack_child), seen);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  g_assert_nonnull (shuati_session_get_current (shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page))));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "review");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "review");
  g_assert_false (gtk_stack_get_transition_running (page_stack));

  g_signal_handlers_disconnect_by_func (main_stack, on_main_stack_child, seen);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", animations, NULL);
  gtk_widget_activate_action (page, "review.end", NULL);
}

/* E opens the card in the reader and leaves a way back to the session. */
static void
test_study_open_in_reader (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  GtkStack *main_stack = GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));
  ShuatiSession *session;
  ShuatiCard *card;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  card = shuati_session_get_current (session);
  g_assert_nonnull (card);
  gtk_widget_activate_action (page, "review.flip", NULL);

  g_assert_true (gtk_widget_activate_action (page, "review.open-in-reader", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "browse");
  g_assert_cmpstr (shuati_card_get_id (shuati_window_get_selected_card (f->window)), ==, shuati_card_get_id (card));
  g_assert_nonnull (f->window->resume_toast);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resume-review", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "review");
  g_assert_true (shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page)) == session);
  g_assert_true (shuati_session_get_current (session) == card);
  g_assert_true (shuati_review_page_get_revealed (SHUATI_REVIEW_PAGE (page)));

  /* Once the session is over, there is nothing to go back to. */
  gtk_widget_activate_action (page, "review.end", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "browse");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resume-review", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "browse");
}

/* "Study N more new cards today" raises today's limit, for today only,
 * and the raise outlives the session. */
static void
test_study_more_new (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  ShuatiStore *store = shuati_application_get_store (app);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *deck_id = shuati_deck_get_id (shuati_window_get_deck (f->window));
  guint studied = shuati_store_count_new_today (store, deck_id, shuati_day_start (now));
  ShuatiSession *session;
  guint n_left;

  g_settings_reset (f->settings, "extra-new-cards");
  g_settings_reset (f->settings, "extra-new-cards-day");
  g_settings_set_uint (f->settings, "new-cards-per-day", studied + 2);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, 2);
  for (guint i = 0; i < 200 && !shuati_session_get_finished (session); i++)
    {
      gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.grade", "i", 4);
    }
  g_assert_true (shuati_session_get_finished (session));
  n_left = shuati_session_count_new_left (session);
  g_assert_cmpuint (n_left, >, 0);

  g_assert_true (gtk_widget_activate_action (page, "review.study-more", "s", "new"));
  g_assert_cmpuint (g_settings_get_uint (f->settings, "extra-new-cards"), ==, studied + 2);
  g_assert_cmpint (g_settings_get_int64 (f->settings, "extra-new-cards-day"), ==, shuati_day_start (now));
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, MIN (studied + 2, n_left));
  gtk_widget_activate_action (page, "review.end", NULL);

  /* A new session today keeps the raise ... */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, MIN (studied + 2, n_left));
  gtk_widget_activate_action (page, "review.end", NULL);

  /* ... which a raise from another day does not give. */
  g_settings_set_int64 (f->settings, "extra-new-cards-day", shuati_day_start (now) - 86400);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, 0);
  gtk_widget_activate_action (page, "review.end", NULL);

  g_settings_reset (f->settings, "new-cards-per-day");
  g_settings_reset (f->settings, "extra-new-cards");
  g_settings_reset (f->settings, "extra-new-cards-day");
}

/* Waits for a message dialog to appear. */
static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (dialog == NULL && g_get_monotonic_time () < deadline)
    {
      GList *toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          dialog = l->data;
      g_list_free (toplevels);
      if (dialog == NULL)
        g_main_context_iteration (NULL, TRUE);
    }

  g_assert_nonnull (dialog);
  return dialog;
}

/* Answers a message dialog as a click on one of its buttons does. */
static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Waits for a message dialog to appear and answers it. */
static void
respond_to_dialog (const char *response)
{
  answer_dialog (wait_for_dialog (), response);
}

/* Waits until the window shows a deck with @id (if %NULL, any user deck)
 * other than @old: an added deck shows once its file is written. */
static ShuatiDeck *
wait_for_added_deck (Fixture    *f,
                     const char *id,
                     ShuatiDeck *old)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      ShuatiDeck *deck = shuati_window_get_deck (f->window);

      if (deck != old &&
          (id != NULL ? g_str_equal (shuati_deck_get_id (deck), id)
                      : !shuati_library_is_builtin (library, shuati_deck_get_id (deck))))
        return deck;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_import_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "llm-interview-questions.md", NULL);
  guint n_decks = g_list_model_get_n_items (G_LIST_MODEL (library));
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  ShuatiDeck *imported;
  g_autofree char *imported_id = NULL;

  /* What a dropped file or `shuati FILE` does: read, ask, add, show. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  respond_to_dialog ("import");
  imported = wait_for_added_deck (f, NULL, shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 1);
  g_assert_false (shuati_library_is_builtin (library, shuati_deck_get_id (imported)));
  g_assert_cmpuint (shuati_deck_get_n_cards (imported), ==, 24);
  imported_id = g_strdup (shuati_deck_get_id (imported));
  wait_for_filter (f);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 24);

  /* Its rows are in the sidebar, under the deck. */
  {
    g_autofree char *key = g_strdup_printf ("%s/all", imported_id);
    g_autofree char *builtin_key = g_strdup ("llm-interview/all");

    g_assert_true (shuati_window_select_sidebar (f->window, builtin_key));
    g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
    g_assert_true (shuati_window_select_sidebar (f->window, key));
    g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, imported_id);
  }

  /* Cancelling leaves the deck; removing asks, then offers undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL);
  respond_to_dialog ("cancel");
  g_assert_nonnull (shuati_library_lookup (library, imported_id));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL);
  respond_to_dialog ("remove");
  g_assert_null (shuati_library_lookup (library, imported_id));
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-remove-deck", "s", imported_id);
  g_assert_nonnull (shuati_library_lookup (library, imported_id));
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, imported_id);

  /* The built-in deck cannot be removed. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL) &&
                  shuati_library_lookup (library, "llm-interview") == NULL);
  g_assert_nonnull (shuati_library_lookup (library, "llm-interview"));

  /* Importing it again asks first; replacing keeps the id and the count. */
  {
    g_autoptr(ShuatiDeck) old = g_object_ref (shuati_library_lookup (library, imported_id));
    ShuatiDeck *deck;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
    respond_to_dialog ("import");
    respond_to_dialog ("replace");
    deck = wait_for_added_deck (f, imported_id, old);
    g_assert_true (shuati_library_lookup (library, imported_id) == deck);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 1);
  }

  /* Keeping both adds it under a new id. A bank that comes while that
   * deck is being written waits for it, so it is there by the time the
   * bank's own question comes. */
  {
    g_autofree char *renamed = g_strdup_printf ("%s-2", imported_id);
    AdwMessageDialog *dialog;
    ShuatiDeck *deck;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
    respond_to_dialog ("import");
    dialog = wait_for_dialog ();
    adw_message_dialog_response (dialog, "rename");
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
    gtk_window_close (GTK_WINDOW (dialog));

    dialog = wait_for_dialog ();
    deck = shuati_library_lookup (library, renamed);
    g_assert_nonnull (deck);
    g_assert_true (shuati_window_get_deck (f->window) == deck);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 2);

    answer_dialog (dialog, "import");
    respond_to_dialog ("cancel");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 2);
    g_assert_true (shuati_window_get_deck (f->window) == deck);
  }

  /* A file that is no question bank gets a clear error and adds nothing. */
  {
    g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "binary.json", NULL);
    guint before = g_list_model_get_n_items (G_LIST_MODEL (library));

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", bad);
    respond_to_dialog ("close");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before);
  }
}

/* An Anki package: the question lists what it holds, and the deck comes
 * with its images and, a moment later, its study history. */
static void
test_import_anki_package (Fixture       *f,
                          gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  ShuatiStore *store = shuati_application_get_store (app);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "anki-packages", "legacy.apkg", NULL);
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  g_autoptr(GFile) image = NULL;
  AdwMessageDialog *dialog;
  ShuatiDeck *deck;
  ShuatiMemory memory = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Anki package"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "6 notes · 4 note types"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "5 reviews in the study history"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 card left out"));
  answer_dialog (dialog, "import");
  deck = wait_for_added_deck (f, NULL, shown);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 7);

  {
    g_autoptr(GFile) folder = g_file_get_child (shuati_library_get_decks_dir (library), shuati_deck_get_id (deck));
    g_autoptr(GFile) media = g_file_get_child (folder, "media");

    image = g_file_get_child (media, "diagram.png");
  }
  g_assert_true (g_file_query_exists (image, NULL));

  while (!(shuati_store_get_memory (store, shuati_deck_get_id (deck), "anki-1700000000001-0", &memory, NULL) &&
           memory.reps == 4))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (memory.state, !=, SHUATI_CARD_NEW);
}

static gboolean
wait_for_memory (ShuatiStore  *store,
                 const char   *deck_id,
                 const char   *card_id,
                 guint         reps)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  ShuatiMemory memory = { 0 };

  while (!(shuati_store_get_memory (store, deck_id, card_id, &memory, NULL) && memory.reps == reps))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

/* A whole Anki collection: the question lists the decks it makes, and
 * each comes with its images and history; importing it again asks once
 * and replaces the same decks, keeping the progress made since. */
static void
test_import_anki_collection (Fixture       *f,
                             gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  ShuatiStore *store = shuati_application_get_store (app);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "anki-packages", "whole.colpkg", NULL);
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char * const ids[] = { "c", "c-2", "english" };
  guint n_decks = g_list_model_get_n_items (G_LIST_MODEL (library));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;
  const char *body;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  dialog = wait_for_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "This adds 4 decks:"));
  g_assert_nonnull (strstr (body, "• C#: 1 card in 1 topic"));
  g_assert_nonnull (strstr (body, "• English: 2 cards in 2 topics"));
  g_assert_nonnull (strstr (body, "• 计算机: 4 cards in 2 topics"));
  answer_dialog (dialog, "import");

  /* The first deck, by name, shows once they are all in. */
  wait_for_added_deck (f, "c", shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 4);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_nonnull (shuati_library_lookup (library, ids[i]));
      g_ptr_array_add (old, g_object_ref (shuati_library_lookup (library, ids[i])));
    }
  {
    g_autoptr(GFile) english = g_file_get_child (shuati_library_get_decks_dir (library), "english");
    g_autoptr(GFile) image = g_file_resolve_relative_path (english, "media/diagram.png");
    g_autoptr(GFile) c = g_file_get_child (shuati_library_get_decks_dir (library), "c");
    g_autoptr(GFile) none = g_file_resolve_relative_path (c, "media/diagram.png");

    g_assert_true (g_file_query_exists (image, NULL));
    g_assert_false (g_file_query_exists (none, NULL));
  }

  /* Each deck's history and marks, in that deck. */
  g_assert_true (wait_for_memory (store, "english", "anki-1700000000010-0", 2));
  g_assert_true (wait_for_memory (store, "c-2", "anki-1700000000012-0", 1));
  g_assert_true (shuati_store_is_suspended (store, "english", "anki-1700000000011-0"));
  g_assert_cmpint (shuati_store_get_buried_until (store, "c-2", "anki-1700000000012-0"), >, 0);

  g_assert_cmpint (shuati_store_review_card (store, "c-2", "anki-1700000000012-0", scheduler, SHUATI_RATING_GOOD,
                                             g_get_real_time () / G_USEC_PER_SEC, 1000, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  /* Run alone, this is the run's first window: it also tells of the
   * damaged file the run starts with (see test_store_problem). */
  dialog = wait_for_dialog ();
  while (strstr (adw_message_dialog_get_body (dialog), "damaged") != NULL)
    {
      answer_dialog (dialog, "close");
      dialog = wait_for_dialog ();
    }
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "This adds 4 decks:"));
  answer_dialog (dialog, "import");
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "already has 4 of these decks"));
  answer_dialog (dialog, "replace");
  for (guint i = 0; i < old->len; i++)
    while (shuati_library_lookup (library, ids[i]) == g_ptr_array_index (old, i) ||
           shuati_library_lookup (library, ids[i]) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks + 4);
  g_assert_true (wait_for_memory (store, "c-2", "anki-1700000000012-0", 2));
  g_assert_true (shuati_store_is_suspended (store, "english", "anki-1700000000011-0"));
}

/* Closing the window while a deck is being written loses no deck, and
 * nothing shows up afterwards for a window that is gone. */
static void
test_close_while_adding (Fixture       *f,
                         gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  ShuatiWindow *window = f->window;
  AdwMessageDialog *dialog;
  GList *toplevels;

  g_assert_null (shuati_library_lookup (library, "mini"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "^ay", path);
  dialog = wait_for_dialog ();
  adw_message_dialog_response (dialog, "import");
  gtk_window_close (GTK_WINDOW (dialog));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  /* The add keeps it until it ends, then lets it go. */
  g_assert_nonnull (window);
  while (window != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_nonnull (shuati_library_lookup (library, "mini"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_assert_false (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data));
  g_list_free (toplevels);
}

/* Waits until the window has no import, add or save running. */
static void
wait_until_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (f->window->n_busy > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Export… writes the deck in a worker thread, with the progress bar
 * showing; what it writes imports back whole. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-export-XXXXXX", &error);
  g_autofree char *json_path = g_build_filename (dir, "deck.json", NULL);
  g_autofree char *md_path = g_build_filename (dir, "deck.md", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "progress.csv", NULL);
  g_autofree char *nowhere_path = g_build_filename (dir, "missing", "deck.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autoptr(ShuatiDeck) reloaded = NULL;
  g_autoptr(ShuatiImportResult) imported = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));

  _shuati_window_export (f->window, "deck", json);
  g_assert_true (gtk_widget_get_visible (f->window->library_progress));
  wait_until_idle (f);
  g_assert_false (gtk_widget_get_visible (f->window->library_progress));
  reloaded = shuati_deck_new_from_file (json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (reloaded), ==, "llm-interview");
  g_assert_cmpuint (shuati_deck_get_n_cards (reloaded), ==, 24);

  _shuati_window_export (f->window, "markdown", md);
  wait_until_idle (f);
  imported = shuati_import_file (md, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_deck_get_n_cards (shuati_import_result_get_deck (imported)), ==, 24);

  _shuati_window_export (f->window, "progress", csv);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "deck,card,state,due,stability,difficulty,reviews,lapses\r\n"));

  /* An Anki package with the study history, and one without. */
  {
    ShuatiStore *store = shuati_application_get_store (app);
    g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
    g_autofree char *with_path = g_build_filename (dir, "with.apkg", NULL);
    g_autofree char *without_path = g_build_filename (dir, "without.apkg", NULL);
    g_autoptr(GFile) with = g_file_new_for_path (with_path);
    g_autoptr(GFile) without = g_file_new_for_path (without_path);
    g_autoptr(ShuatiImportResult) with_history = NULL;
    g_autoptr(ShuatiImportResult) without_history = NULL;
    const char *card_id = shuati_card_get_id (shuati_deck_get_card (shuati_window_get_deck (f->window), 0));
    GArray *reviews = NULL;

    g_assert_cmpint (shuati_store_review_card (store, "llm-interview", card_id, scheduler, SHUATI_RATING_GOOD,
                                               g_get_real_time () / G_USEC_PER_SEC, 1000, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    _shuati_window_export (f->window, "anki", with);
    wait_until_idle (f);
    _shuati_window_export (f->window, "anki-cards", without);
    wait_until_idle (f);
    with_history = shuati_import_file (with, NULL, &error);
    g_assert_no_error (error);
    without_history = shuati_import_file (without, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (shuati_deck_get_n_cards (shuati_import_result_get_deck (with_history)), ==, 24);
    g_assert_cmpuint (shuati_deck_get_n_cards (shuati_import_result_get_deck (without_history)), ==, 24);
    g_assert_true (shuati_import_result_get_history (with_history, &reviews, NULL));
    g_assert_cmpuint (reviews->len, >=, 1);
    g_assert_false (shuati_import_result_get_history (without_history, &reviews, NULL));
    g_assert_cmpuint (reviews->len, ==, 0);
  }

  /* A folder that is not there: the error says so and nothing is written. */
  _shuati_window_export (f->window, "deck", nowhere);
  wait_until_idle (f);
  respond_to_dialog ("close");
  g_assert_false (g_file_query_exists (nowhere, NULL));

  shuati_test_remove_tree (dir);
}

/* A damaged progress file was moved aside at startup: the window says
 * so in a dialog, in full, once, and studying works on the new file. */
static void
test_store_problem (Fixture       *f,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog = wait_for_dialog ();
  ShuatiStore *store = shuati_application_get_store (app);
  g_autofree char *expected = g_strdup_printf ("Your progress file was damaged and has been moved to “%s”. "
                                               "Shuati started a new one.",
                                               shuati_store_get_recovered_path (store));

  g_assert_nonnull (shuati_store_get_recovered_path (store));
  g_assert_true (g_file_test (shuati_store_get_recovered_path (store), G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Problem With Your Progress File");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  answer_dialog (dialog, "close");

  /* Told once: a second window says nothing. */
  g_assert_null (shuati_application_take_store_problem (app));
  /* Studying works on the new file: the review page takes over. */
  {
    GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
    GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "review");
    g_assert_nonnull (shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page)));
    gtk_widget_activate_action (page, "review.end", NULL);
  }
}

static void
test_languages_resolve (void)
{
  const char * const deck[] = { "zh_CN", "en", NULL };
  const char * const ui_zh[] = { "zh_CN.UTF-8", "zh_CN", "zh", "C", NULL };
  const char * const ui_c[] = { "C", NULL };
  g_auto(GStrv) automatic_zh = shuati_card_languages_resolve (SHUATI_CARD_LANGUAGE_AUTOMATIC, ui_zh, deck, NULL);
  g_auto(GStrv) automatic_c = shuati_card_languages_resolve (SHUATI_CARD_LANGUAGE_AUTOMATIC, ui_c, deck, NULL);
  g_autofree char *translation = NULL;
  g_auto(GStrv) both = shuati_card_languages_resolve (SHUATI_CARD_LANGUAGE_BOTH, ui_c, deck, &translation);

  g_assert_cmpstr (automatic_zh[0], ==, "zh_CN.UTF-8");
  g_assert_cmpstr (automatic_c[0], ==, "en");
  g_assert_cmpstr (both[0], ==, "zh_CN");
  g_assert_cmpstr (translation, ==, "en");
}

/* The mapped widgets of @type under @widget, in tree order. */
static void
collect_mapped (GtkWidget *widget,
                GType      type,
                GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      else
        collect_mapped (child, type, out);
    }
}

/* The rows of @type on screen, once the lists have drawn some and laid
 * them out: a pane just shown maps its rows at once but places them on
 * the next frame, and until then a point in a row is outside its list. */
static GPtrArray *
rows_on_screen (Fixture *f,
                GType    type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPtrArray *rows = g_ptr_array_new ();

  for (;;)
    {
      guint n_laid_out = 0;

      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_ptr_array_set_size (rows, 0);
      collect_mapped (GTK_WIDGET (f->window), type, rows);
      for (guint i = 0; i < rows->len; i++)
        n_laid_out += gtk_widget_get_width (g_ptr_array_index (rows, i)) > 0;
      if (rows->len > 0 && n_laid_out == rows->len)
        return rows;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
count_call (guint *n)
{
  (*n)++;
}

/* A change of card language reaches the rows on screen by their bound
 * properties; the sidebar keeps its items (it is not rebuilt). */
static void
test_rows_follow_languages (Fixture       *f,
                            gconstpointer  data)
{
  ShuatiDeck *deck = shuati_window_get_deck (f->window);
  const char * const zh[] = { "zh_CN", NULL };
  g_autoptr(GPtrArray) card_rows = NULL;
  g_autoptr(GPtrArray) sidebar_rows = NULL;
  g_autoptr(ShuatiSidebarItem) first_item = NULL;
  g_autoptr(ShuatiSidebarItem) first_item_after = NULL;
  gboolean saw_deck = FALSE;
  gboolean saw_topic = FALSE;
  guint n_notified = 0;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  card_rows = rows_on_screen (f, SHUATI_TYPE_CARD_ROW);
  sidebar_rows = rows_on_screen (f, SHUATI_TYPE_SIDEBAR_ROW);
  first_item = g_list_model_get_item (G_LIST_MODEL (f->window->sidebar_selection), 0);

  {
    gulong id = g_signal_connect_swapped (f->window, "notify::languages",
                                          G_CALLBACK (count_call), &n_notified);

    g_settings_set_string (f->settings, "card-language", "zh_CN");
    g_signal_handler_disconnect (f->window, id);
  }
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstrv (f->window->languages, zh);

  /* Setting the same language again says nothing. */
  n_notified = 0;
  {
    gulong id = g_signal_connect_swapped (f->window, "notify::languages",
                                          G_CALLBACK (count_call), &n_notified);

    g_settings_set_string (f->settings, "card-language", "zh_CN");
    g_signal_handler_disconnect (f->window, id);
  }
  g_assert_cmpuint (n_notified, ==, 0);

  first_item_after = g_list_model_get_item (G_LIST_MODEL (f->window->sidebar_selection), 0);
  g_assert_true (first_item == first_item_after);

  for (guint i = 0; i < card_rows->len; i++)
    {
      ShuatiCardRow *row = g_ptr_array_index (card_rows, i);
      ShuatiCard *card = shuati_card_row_get_card (row);

      g_assert_nonnull (card);
      g_assert_cmpstr (shuati_card_row_get_title (row), ==, shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN"));
    }

  for (guint i = 0; i < sidebar_rows->len; i++)
    {
      ShuatiSidebarRow *row = g_ptr_array_index (sidebar_rows, i);
      ShuatiSidebarItem *item = shuati_sidebar_row_get_item (row);

      if (shuati_sidebar_item_get_deck (item) != deck)
        continue;
      if (shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_ALL)
        {
          g_assert_cmpstr (shuati_sidebar_row_get_title (row), ==, shuati_deck_get_title (deck, zh));
          saw_deck = TRUE;
        }
      else if (shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_TOPIC)
        {
          ShuatiTopic *topic = shuati_deck_lookup_topic (deck, shuati_sidebar_item_get_id (item));

          g_assert_cmpstr (shuati_sidebar_row_get_title (row), ==, shuati_topic_get_title (topic, zh));
          saw_topic = TRUE;
        }
    }
  g_assert_true (saw_deck);
  g_assert_true (saw_topic);

  /* The list's title is the chosen row's, in the card language too. */
  g_assert_cmpstr (adw_window_title_get_title (f->window->list_title), ==, shuati_deck_get_title (deck, zh));
}

/* A search reaches the rows on screen: the words found are marked. */
static void
test_rows_follow_search (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  ShuatiQuery *query = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  search (f, "gpu");
  rows = rows_on_screen (f, SHUATI_TYPE_CARD_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      g_object_get (g_ptr_array_index (rows, i), "query", &query, NULL);
      g_assert_true (query == shuati_card_filter_get_query (f->window->filter));
      g_assert_cmpstr (shuati_query_get_text (query), ==, "gpu");
      shuati_query_unref (query);
    }

  search (f, "");
  g_ptr_array_set_size (rows, 0);
  collect_mapped (GTK_WIDGET (f->window), SHUATI_TYPE_CARD_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  g_object_get (g_ptr_array_index (rows, 0), "query", &query, NULL);
  g_assert_true (shuati_query_is_empty (query));
  shuati_query_unref (query);
}

/* Each tag row counts the cards that have the tag. */
static void
test_tag_counts (Fixture       *f,
                 gconstpointer  data)
{
  ShuatiDeck *deck = shuati_window_get_deck (f->window);
  GListModel *model = G_LIST_MODEL (f->window->sidebar_selection);
  guint n_tags = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (model, i);
      guint expected = 0;

      if (shuati_sidebar_item_get_kind (item) != SHUATI_SIDEBAR_TAG)
        continue;
      for (guint c = 0; c < shuati_deck_get_n_cards (deck); c++)
        expected += shuati_card_has_tag (shuati_deck_get_card (deck, c), shuati_sidebar_item_get_id (item));
      g_assert_cmpuint (shuati_sidebar_item_get_count (item), ==, expected);
      g_assert_cmpuint (expected, >, 0);
      n_tags++;
    }
  g_assert_cmpuint (n_tags, ==, g_strv_length ((char **)shuati_deck_get_tags (deck)));
}

static void
test_sidebar_keys (void)
{
  static const struct {
    const char        *key;
    const char        *deck_id;
    ShuatiSidebarKind  kind;
    const char        *id;
  } good[] = {
    { "llm-interview/all", "llm-interview", SHUATI_SIDEBAR_ALL, NULL },
    { "llm-interview/due", "llm-interview", SHUATI_SIDEBAR_DUE, NULL },
    { "llm-interview/starred", "llm-interview", SHUATI_SIDEBAR_STARRED, NULL },
    { "llm-interview/topic:basics", "llm-interview", SHUATI_SIDEBAR_TOPIC, "basics" },
    { "d/tag:c++:advanced", "d", SHUATI_SIDEBAR_TAG, "c++:advanced" },
  };
  static const char * const bad[] = {
    "", "all", "/all", "d/", "d/everything", "d/topic:", "d/topic", "d/all:x", "d/header", "d/alls",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *built = shuati_sidebar_key_build (good[i].deck_id, good[i].kind, good[i].id);
      g_autofree char *deck_id = NULL;
      g_autofree char *id = NULL;
      ShuatiSidebarKind kind;

      g_assert_cmpstr (built, ==, good[i].key);
      g_assert_true (shuati_sidebar_key_parse (good[i].key, &deck_id, &kind, &id));
      g_assert_cmpstr (deck_id, ==, good[i].deck_id);
      g_assert_cmpint (kind, ==, good[i].kind);
      g_assert_cmpstr (id, ==, good[i].id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *deck_id = NULL;

      g_assert_false (shuati_sidebar_key_parse (bad[i], &deck_id, NULL, NULL));
      g_assert_null (deck_id);
    }
  g_assert_false (shuati_sidebar_key_parse (NULL, NULL, NULL, NULL));
}

/* The one contract of the card languages: the first the card has is
 * shown; a second, other language is shown under it. */
static void
test_translation_contract (void)
{
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/shuati/Shuati/corpus/llm-interview.json");
  ShuatiCard *card;
  const char *zh;
  const char *en;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  card = shuati_deck_lookup_card (deck, "llm-023");
  zh = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN");
  en = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en");

  g_assert_cmpstr (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, (const char * const[]) { "zh_CN", "en", NULL }), ==, en);
  g_assert_cmpstr (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, (const char * const[]) { "en", "zh", NULL }), ==, zh);
  g_assert_null (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, (const char * const[]) { "zh_CN", NULL }));
  g_assert_null (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, NULL));
  /* The same language twice, or one the card lacks, adds nothing. */
  g_assert_null (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, (const char * const[]) { "en", "en_US", NULL }));
  g_assert_null (shuati_card_get_translation (card, SHUATI_FIELD_TITLE, (const char * const[]) { "en", "de", NULL }));
}

/* Narrow windows ------------------------------------------------------------ */

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Whether the display has shown the window at a size it can take: a
 * window just presented is not mapped yet, and a window whose content
 * has grown (folded panes need more than 360 px when the title bar has
 * three window buttons) grows a moment after. Until then, the size the
 * display reports replaces a default size asked for meanwhile. */
static gboolean
window_size_settled (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  int minimum;

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  return gtk_widget_get_width (GTK_WIDGET (f->window)) > 0 &&
         gdk_surface_get_width (surface) >= minimum;
}

/* Sizes the window as a phone's screen (or back) and waits for the
 * panes to fold (or unfold) and the window to take its new size. */
static void
set_width (Fixture *f,
           int      width,
           gboolean folded)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!window_size_settled (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 640);
  while (adw_leaflet_get_folded (f->window->leaflet) != folded || !window_size_settled (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
}

/* Whether the keyboard focus is @widget or inside it. */
static gboolean
focus_within (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

/* The reader's page that shows a card: a scrolled window. */
static GtkWidget *
reader_page (GtkWidget *view)
{
  GtkWidget *stack = gtk_widget_get_first_child (view);

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_child_by_name (GTK_STACK (stack), "card");
}

/* Sends @widget's shortcut for @keyval as the key does. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          gboolean handled = FALSE;

          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, modifiers, &handled);
          if (handled)
            return TRUE;
          continue;
        }
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* A click or tap on @row, as the list sees it: its own click gesture
 * hears the release, then the row's list item chooses the row. */
static void
click_row (Fixture   *f,
           GtkWidget *view,
           GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (row, view, &GRAPHENE_POINT_INIT (8, 8), &point));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "released", 1, (double)point.x, (double)point.y);
    }
  g_assert_true (gtk_widget_activate_action (gtk_widget_get_parent (row), "listitem.select", "(bb)", FALSE, FALSE));
  settle ();
}

/* Folded, each pane's back button goes back one pane, and the focus
 * follows into that pane's list. */
static void
test_folded_back_buttons (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *reader_back = shuati_test_find_widget (f->window->reader_pane, has_action_name, "win.show-list");
  GtkWidget *list_back = shuati_test_find_widget (f->window->list_pane, has_action_name, "win.show-sidebar");

  set_width (f, 360, TRUE);
  g_assert_nonnull (reader_back);
  g_assert_nonnull (list_back);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-007");
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->reader_pane);
  g_assert_true (gtk_widget_get_visible (reader_back));

  g_signal_emit_by_name (reader_back, "clicked");
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->list_pane);
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->card_list_view)));
  g_assert_true (gtk_widget_get_visible (list_back));

  g_signal_emit_by_name (list_back, "clicked");
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->sidebar_pane);
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->sidebar_view)));

  /* Side by side, the back buttons are not there. */
  set_width (f, 1100, FALSE);
  g_assert_false (gtk_widget_get_visible (reader_back));
  g_assert_false (gtk_widget_get_visible (list_back));
}

/* Folded, one click on a sidebar row shows its list and one on a card
 * shows the card, with the focus in the new pane (the list, or the
 * reader, whose arrow keys scroll the card). */
static void
test_folded_one_click (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) sidebar_rows = NULL;
  g_autoptr(GPtrArray) card_rows = NULL;
  GtkWidget *topic_row = NULL;
  GtkWidget *header_row = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *view = shuati_window_get_card_view (f->window);
  g_autofree char *key = NULL;

  set_width (f, 360, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL);
  settle ();
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->sidebar_pane);

  sidebar_rows = rows_on_screen (f, SHUATI_TYPE_SIDEBAR_ROW);
  for (guint i = 0; i < sidebar_rows->len; i++)
    {
      ShuatiSidebarItem *item = shuati_sidebar_row_get_item (g_ptr_array_index (sidebar_rows, i));

      if (topic_row == NULL && shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_TOPIC)
        topic_row = g_ptr_array_index (sidebar_rows, i);
      if (header_row == NULL && shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_HEADER)
        header_row = g_ptr_array_index (sidebar_rows, i);
    }
  g_assert_nonnull (topic_row);

  /* A heading chooses nothing and goes nowhere. */
  if (header_row != NULL)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window->sidebar_view));
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (header_row, GTK_WIDGET (f->window->sidebar_view),
                                               &GRAPHENE_POINT_INIT (8, 8), &point));
      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller))
            g_signal_emit_by_name (controller, "released", 1, (double)point.x, (double)point.y);
        }
      settle ();
      g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->sidebar_pane);
    }

  click_row (f, GTK_WIDGET (f->window->sidebar_view), topic_row);
  key = g_strdup_printf ("llm-interview/topic:%s",
                         shuati_sidebar_item_get_id (shuati_sidebar_row_get_item (SHUATI_SIDEBAR_ROW (topic_row))));
  {
    g_autofree char *chosen = shuati_window_dup_sidebar_key (f->window);
    g_assert_cmpstr (chosen, ==, key);
  }
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->list_pane);
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->card_list_view)));

  card_rows = rows_on_screen (f, SHUATI_TYPE_CARD_ROW);
  click_row (f, GTK_WIDGET (f->window->card_list_view), g_ptr_array_index (card_rows, 0));
  g_assert_true (shuati_window_get_selected_card (f->window) ==
                 shuati_card_row_get_card (g_ptr_array_index (card_rows, 0)));
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->reader_pane);
  g_assert_true (focus_within (f, view));

  /* The arrow keys scroll the card; Home goes back to its top. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (reader_page (view)));
  while (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) ||
         gtk_adjustment_get_page_size (adjustment) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (press_key (view, GDK_KEY_Down, 0));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (press_key (view, GDK_KEY_Page_Down, 0));
  g_assert_true (press_key (view, GDK_KEY_Home, 0));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* The reader's title is never shown selected, even when a wider window
 * hides the back button that had the focus. */
static void
test_title_never_selected (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *view = shuati_window_get_card_view (f->window);
  GtkWidget *title = shuati_test_find_widget (reader_page (view), has_css_class, "title-1");
  GtkWidget *reader_back = shuati_test_find_widget (f->window->reader_pane, has_action_name, "win.show-list");
  int start;
  int end;

  g_assert_nonnull (title);
  set_width (f, 360, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-009");
  settle ();
  g_assert_true (gtk_widget_grab_focus (reader_back));

  set_width (f, 1100, FALSE);
  g_assert_false (gtk_widget_has_focus (title));
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (title), &start, &end));

  /* Nor does Tab through the reader select it. */
  gtk_widget_grab_focus (view);
  for (guint i = 0; i < 6; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      g_assert_false (gtk_widget_has_focus (title));
    }
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (title), &start, &end));
}

/* Ending a review goes back to the list it started from, whatever the
 * sidebar showed meanwhile. */
static void
test_review_returns_to_list (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  g_autofree char *key = NULL;

  set_width (f, 360, TRUE);
  select_topic (f, "challenges");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-list", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL));
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/due"));
  adw_leaflet_set_visible_child (f->window->leaflet, f->window->sidebar_pane);

  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  settle ();
  key = shuati_window_dup_sidebar_key (f->window);
  g_assert_cmpstr (key, ==, "llm-interview/topic:challenges");
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 7);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->list_pane);
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->card_list_view)));
}

/* With no results, Down in the search entry keeps the focus there;
 * Escape, wherever the focus is, clears and closes the search. */
/* The card of the row that has the keyboard focus. */
static ShuatiCard *
focused_card (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, SHUATI_TYPE_CARD_ROW) : NULL;

  for (GtkWidget *child = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;
       row == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUATI_IS_CARD_ROW (child))
      row = child;
  return row != NULL ? shuati_card_row_get_card (SHUATI_CARD_ROW (row)) : NULL;
}

static void
test_search_keys (Fixture       *f,
                  gconstpointer  data)
{
  GtkSearchBar *bar = shuati_window_get_search_bar (f->window);
  GtkSearchEntry *entry = shuati_window_get_search_entry (f->window);
  ShuatiCard *chosen;
  guint position;

  /* No search: Escape is left to others. */
  g_assert_false (press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));

  search (f, "xyzzy-no-such-word");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Down, 0));
  settle ();
  g_assert_true (focus_within (f, GTK_WIDGET (entry)));

  g_assert_true (press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  wait_for_filter (f);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 24);

  /* With results, Down goes on to them; Escape from the list closes too. */
  search (f, "gpu");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Down, 0));
  settle ();
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->card_list_view)));
  /* The second result is chosen; Escape shows every card again, and the
   * focus stays on that card, wherever it now is in the list. */
  g_assert_true (press_key (GTK_WIDGET (f->window->card_list_view), GDK_KEY_Down, 0));
  settle ();
  chosen = gtk_single_selection_get_selected_item (f->window->card_selection);
  g_assert_nonnull (chosen);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->window->card_selection), ==, 1);
  g_assert_true (focused_card (f) == chosen);
  g_assert_true (press_key (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_true (focus_within (f, GTK_WIDGET (f->window->card_list_view)));
  wait_for_filter (f);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 24);
  settle ();
  position = gtk_single_selection_get_selected (f->window->card_selection);
  g_assert_true (gtk_single_selection_get_selected_item (f->window->card_selection) == chosen);
  g_assert_cmpuint (position, >, 1);
  g_assert_true (focused_card (f) == chosen);
  /* Down goes on from there. */
  g_assert_true (press_key (GTK_WIDGET (f->window->card_list_view), GDK_KEY_Down, 0));
  settle ();
  g_assert_cmpuint (gtk_single_selection_get_selected (f->window->card_selection), ==, position + 1);
}

static ShuatiDeck *
add_csv_deck (const char *name,
              guint       n_cards)
{
  g_autoptr(GString) csv = g_string_new ("question,answer\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  ShuatiDeck *deck;

  for (guint i = 1; i <= n_cards; i++)
    g_string_append_printf (csv, "What is question %u?,The answer to question %u\n", i, i);
  bytes = g_bytes_new (csv->str, csv->len);
  result = shuati_import_bytes (bytes, name, &error);
  g_assert_no_error (error);
  deck = shuati_library_add_imported (shuati_application_get_library (app), result,
                                      SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  return deck;
}

/* A deck from a CSV file: one topic under the deck's own name gets no
 * row of its own, its rows show the answer under the question (it has
 * no separate title), and the deck left keeps its Due and Starred. */
static void
test_csv_deck_sidebar (Fixture       *f,
                       gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  ShuatiDeck *deck = add_csv_deck ("Single Topic.csv", 3);
  g_autofree char *deck_id = g_strdup (shuati_deck_get_id (deck));
  g_autofree char *all = g_strdup_printf ("%s/all", deck_id);
  GListModel *model = G_LIST_MODEL (f->window->sidebar_selection);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other_due = FALSE;
  gboolean other_starred = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), <=, 1);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  g_assert_true (shuati_window_select_sidebar (f->window, all));
  g_assert_true (shuati_window_get_deck (f->window) == deck);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (model, i);
      ShuatiDeck *item_deck = shuati_sidebar_item_get_deck (item);
      ShuatiSidebarKind kind = shuati_sidebar_item_get_kind (item);

      if (item_deck == deck)
        g_assert_cmpint (kind, !=, SHUATI_SIDEBAR_TOPIC);
      else if (kind == SHUATI_SIDEBAR_DUE)
        other_due = TRUE;
      else if (kind == SHUATI_SIDEBAR_STARRED)
        other_starred = TRUE;
    }
  g_assert_true (other_due);
  g_assert_true (other_starred);

  /* Another deck's Due row shows that deck's due cards. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/due"));
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
  {
    g_autofree char *key = shuati_window_dup_sidebar_key (f->window);
    g_assert_cmpstr (key, ==, "llm-interview/due");
  }

  g_assert_true (shuati_window_select_sidebar (f->window, all));
  wait_for_filter (f);
  rows = rows_on_screen (f, SHUATI_TYPE_CARD_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      ShuatiCardRow *row = g_ptr_array_index (rows, i);
      ShuatiCard *card = shuati_card_row_get_card (row);

      g_assert_cmpstr (shuati_card_row_get_title (row), ==, shuati_card_get_title (card, NULL));
      g_assert_true (g_str_has_prefix (shuati_card_row_get_snippet (row), "The answer to question"));
    }

  g_assert_true (shuati_library_remove (library, deck_id, &error));
  g_assert_no_error (error);

  /* A deck of the corpus keeps its question as the snippet. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  wait_for_filter (f);
  g_ptr_array_set_size (rows, 0);
  collect_mapped (GTK_WIDGET (f->window), SHUATI_TYPE_CARD_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ShuatiCardRow *row = g_ptr_array_index (rows, i);
      ShuatiCard *card = shuati_card_row_get_card (row);
      g_autofree char *question = shuati_markdown_to_snippet (shuati_card_get_question (card, (const char * const *)f->window->languages), 160);

      if (card != NULL)
        g_assert_cmpstr (shuati_card_row_get_snippet (row), ==, question);
    }
}

/* The reader's line "No. 7 · Topic · Intermediate · #tag". */
static gboolean
is_meta_line (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "No. ");
}

static const char *
find_meta_line (GtkWidget *widget)
{
  GtkWidget *label = shuati_test_find_widget (widget, is_meta_line, NULL);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Both built-in decks: the corpus deck first, then llm-core, then the
 * learner's decks, even one whose id sorts before them; llm-core is
 * searched, studied by topic and never removed, and the reader says how
 * hard its cards are. */
static void
test_two_builtin_decks (Fixture       *f,
                        gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  ShuatiDeck *mine = add_csv_deck ("Aardvark.csv", 2);
  g_autofree char *mine_id = g_strdup (shuati_deck_get_id (mine));
  GListModel *sidebar = G_LIST_MODEL (f->window->sidebar_selection);
  GListModel *visible = shuati_window_get_visible_cards (f->window);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ShuatiDeck *core;
  ShuatiCard *card;
  const char *meta;

  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
  g_assert_cmpstr (mine_id, <, "llm-core");
  core = shuati_library_lookup (library, "llm-core");
  g_assert_nonnull (core);
  g_assert_true (shuati_library_is_builtin (library, "llm-core"));

  /* The decks in the order the sidebar lists them. */
  for (guint i = 0; i < g_list_model_get_n_items (sidebar); i++)
    {
      g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (sidebar, i);
      ShuatiDeck *deck = shuati_sidebar_item_get_deck (item);

      if (deck != NULL && !g_ptr_array_find (order, deck, NULL))
        g_ptr_array_add (order, deck);
    }
  g_assert_cmpuint (order->len, >=, 3);
  g_assert_cmpstr (shuati_deck_get_id (g_ptr_array_index (order, 0)), ==, "llm-interview");
  g_assert_cmpstr (shuati_deck_get_id (g_ptr_array_index (order, 1)), ==, "llm-core");
  g_assert_cmpstr (shuati_deck_get_id (g_ptr_array_index (order, 2)), ==, mine_id);

  g_assert_true (shuati_window_select_sidebar (f->window, "llm-core/all"));
  wait_for_filter (f);
  g_assert_true (shuati_window_get_deck (f->window) == core);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, shuati_deck_get_n_cards (core));

  /* What a large-model candidate searches for is there. */
  search (f, "LoRA");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(ShuatiCard) found = g_list_model_get_item (visible, i);
      g_assert_cmpstr (shuati_card_get_deck_id (found), ==, "llm-core");
    }
  search (f, "KV cache");
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, shuati_deck_get_n_cards (core));
  search (f, "zzzzqqq");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  search (f, "");

  g_assert_true (shuati_window_select_sidebar (f->window, "llm-core/topic:finetuning"));
  wait_for_filter (f);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==,
                    shuati_topic_get_n_cards (shuati_deck_lookup_topic (core, "finetuning")));

  /* The reader's meta line names the card's difficulty. */
  card = shuati_deck_get_card (core, 0);
  g_assert_cmpint (shuati_card_get_difficulty (card), !=, SHUATI_DIFFICULTY_NONE);
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-core/all"));
  g_assert_true (shuati_window_select_card (f->window, shuati_card_get_id (card)));
  meta = find_meta_line (shuati_window_get_card_view (f->window));
  g_assert_nonnull (meta);
  switch (shuati_card_get_difficulty (card))
    {
    case SHUATI_DIFFICULTY_BASIC:
      g_assert_nonnull (strstr (meta, " · Basic · #"));
      break;
    case SHUATI_DIFFICULTY_INTERMEDIATE:
      g_assert_nonnull (strstr (meta, " · Intermediate · #"));
      break;
    case SHUATI_DIFFICULTY_ADVANCED:
      g_assert_nonnull (strstr (meta, " · Advanced · #"));
      break;
    case SHUATI_DIFFICULTY_NONE:
    default:
      g_assert_not_reached ();
    }
  /* A card of the corpus deck has none. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  g_assert_true (shuati_window_select_card (f->window, "llm-001"));
  meta = find_meta_line (shuati_window_get_card_view (f->window));
  g_assert_nonnull (meta);
  g_assert_null (strstr (meta, "Basic"));
  g_assert_null (strstr (meta, "Intermediate"));
  g_assert_null (strstr (meta, "Advanced"));

  /* Neither built-in deck can be removed. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-core/all"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL);
  g_assert_true (shuati_library_lookup (library, "llm-core") == core);
  g_assert_false (shuati_library_remove (library, "llm-core", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN);
  g_clear_error (&error);

  g_assert_true (shuati_library_remove (library, mine_id, &error));
  g_assert_no_error (error);
}

/* After removing a deck, the list of the deck shown opens at its top. */
static void
test_remove_scrolls_to_top (Fixture       *f,
                            gconstpointer  data)
{
  ShuatiDeck *deck = add_csv_deck ("Long List.csv", 80);
  g_autofree char *all = g_strdup_printf ("%s/all", shuati_deck_get_id (deck));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->window->card_list_view));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  g_assert_true (shuati_window_select_sidebar (f->window, all));
  wait_for_filter (f);
  g_ptr_array_unref (rows_on_screen (f, SHUATI_TYPE_CARD_ROW));
  while (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) * 2)
    g_main_context_iteration (NULL, TRUE);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL);
  respond_to_dialog ("remove");
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, "llm-interview");
  wait_for_filter (f);
  g_ptr_array_unref (rows_on_screen (f, SHUATI_TYPE_CARD_ROW));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* Hostile input ------------------------------------------------------------ */

/* A title that is all markup, with an ampersand that is none. */
#define HOSTILE_TITLE "Q&A <deck> <span foreground=\"red\">x</span>"

/* What a sink shows of the markup it was given: the text a reader sees. */
static char *
visible_text (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Waits for the toast that shows now, returns what it says, as its label
 * shows it and as the markup it was given reads, and dismisses it so that
 * the next one shows. */
static char *
next_toast (Fixture *f)
{
  GType type = g_type_from_name ("AdwToastWidget");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWidget *widget;
  g_autoptr(AdwToast) toast = NULL;
  GtkWidget *label;
  g_autofree char *parsed = NULL;
  char *shown;

  g_assert_true (type != G_TYPE_INVALID);
  while ((widget = shuati_test_find_descendant (GTK_WIDGET (f->window), type)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Let it settle: libadwaita 1.2 does not take a toast dismissed while
   * it still comes in. */
  {
    gint64 shown_at = g_get_monotonic_time ();

    while (g_get_monotonic_time () < shown_at + 500 * G_TIME_SPAN_MILLISECOND)
      g_main_context_iteration (NULL, FALSE);
  }

  g_object_get (widget, "toast", &toast, NULL);
  label = shuati_test_find_descendant (widget, GTK_TYPE_LABEL);
  shown = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  parsed = visible_text (adw_toast_get_title (toast));
  g_assert_cmpstr (parsed, ==, shown);

  adw_toast_dismiss (toast);
  while (shuati_test_find_descendant (GTK_WIDGET (f->window), type) == widget)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return shown;
}

static char *
write_hostile_deck (const char *dir)
{
  g_autofree char *name = g_build_filename (dir, "R&D <notes> <b>deck.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "shuati-deck");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "hostile-markup");
  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "en");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, HOSTILE_TITLE);
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "t");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, HOSTILE_TITLE);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "c1");
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "topic");
  json_builder_add_string_value (builder, "t");
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "qa");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, HOSTILE_TITLE);
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, HOSTILE_TITLE);
  json_builder_set_member_name (builder, "answer");
  json_builder_add_string_value (builder, HOSTILE_TITLE);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  g_assert_true (json_generator_to_file (generator, name, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&name);
}

/* User text with markup in it, and a file name with `&` and `<`, show as
 * written in every toast, dialog, row and status page they reach. */
static void
test_markup_in_user_text (Fixture       *f,
                          gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-markup-XXXXXX", NULL);
  g_autofree char *path = write_hostile_deck (dir);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  AdwMessageDialog *dialog;
  ShuatiDeck *deck;

  /* Import: the question names the deck, plainly; so does the toast. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  dialog = wait_for_dialog ();
  g_assert_false (adw_message_dialog_get_heading_use_markup (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import “" HOSTILE_TITLE "”?");
  answer_dialog (dialog, "import");
  deck = wait_for_added_deck (f, "hostile-markup", shown);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, HOSTILE_TITLE);
  {
    g_autofree char *text = next_toast (f);
    g_assert_cmpstr (text, ==, "“" HOSTILE_TITLE "” was added to your library");
  }

  /* A search with markup: the empty state quotes it as typed. */
  {
    g_autofree char *description = NULL;

    search (f, "<b>nothing</b> & <i>more");
    g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 0);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->list_stack), ==, "empty");
    description = visible_text (adw_status_page_get_description (f->window->no_results_page));
    g_assert_cmpstr (description, ==, "Nothing matches “<b>nothing</b> & <i>more” here. Try other words or another topic.");
    search (f, "");
  }

  /* Removing: the question and the toast with its Undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-deck", NULL);
  dialog = wait_for_dialog ();
  g_assert_false (adw_message_dialog_get_heading_use_markup (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “" HOSTILE_TITLE "”?");
  answer_dialog (dialog, "remove");
  g_assert_null (shuati_library_lookup (library, "hostile-markup"));
  {
    g_autofree char *text = next_toast (f);
    g_assert_cmpstr (text, ==, "“" HOSTILE_TITLE "” was removed");
  }

  /* Saving under a name with markup in it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-remove-deck", "s", "hostile-markup");
  g_assert_true (shuati_window_get_deck (f->window) == shuati_library_lookup (library, "hostile-markup"));
  {
    g_autofree char *out = g_build_filename (dir, "<i>saved & Q&A <deck>.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (out);
    g_autofree char *text = NULL;

    _shuati_window_export (f->window, "markdown", file);
    text = next_toast (f);
    g_assert_cmpstr (text, ==, "Saved “<i>saved & Q&A <deck>.md”");
  }

  /* A file that is no question bank: the error names it plainly. */
  {
    g_autofree char *bad = g_build_filename (dir, "<b>bad & worse.json", NULL);

    g_assert_true (g_file_set_contents (bad, "{ \"format\": ", -1, NULL));
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", bad);
    dialog = wait_for_dialog ();
    g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "<b>bad & worse.json"));
    answer_dialog (dialog, "close");
  }

  shuati_window_set_deck (f->window, shown);
  g_assert_true (shuati_library_remove (library, "hostile-markup", NULL));
  shuati_test_remove_tree (dir);
}

/* Waits until the window has drawn a frame; returns how long that took. */
static gint64
time_to_next_frame (Fixture *f,
                    gint64   started)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 before = gdk_frame_clock_get_frame_counter (clock);

  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  while (gdk_frame_clock_get_frame_counter (clock) == before)
    g_main_context_iteration (NULL, TRUE);

  return g_get_monotonic_time () - started;
}

/* A search of 100,000 characters, given to the window as `--search` or a
 * paste gives it, is cut to the longest query, with a message, at once. */
static void
test_long_query (Fixture       *f,
                 gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (shuati_window_get_search_entry (f->window));
  g_autofree char *huge = g_strnfill (100 * 1000, 'x');
  g_autofree char *expected = g_strdup_printf ("A search can be at most %u characters long; the rest was left out",
                                               SHUATI_QUERY_MAX_LENGTH);
  gint64 started = g_get_monotonic_time ();
  gint64 took;
  int position = 0;

  search (f, huge);
  took = time_to_next_frame (f, started);
  g_test_message ("a 100,000-character search took %" G_GINT64_FORMAT " ms to show", took / 1000);
  g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (entry), -1), ==, SHUATI_QUERY_MAX_LENGTH);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, 0);
  /* The empty state quotes its start only. */
  g_assert_cmpuint (g_utf8_strlen (adw_status_page_get_description (f->window->no_results_page), -1), <, 200);
  {
    g_autofree char *text = next_toast (f);
    g_assert_cmpstr (text, ==, expected);
  }

  /* Typing on at the limit, or pasting past it, is cut too. */
  position = -1;
  gtk_editable_insert_text (entry, "yy", -1, &position);
  g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (entry), -1), ==, SHUATI_QUERY_MAX_LENGTH);
  {
    g_autofree char *text = next_toast (f);
    g_assert_cmpstr (text, ==, expected);
  }

  /* Again, with the search bar open: no first-time costs. */
  search (f, "distillation");
  time_to_next_frame (f, 0);
  started = g_get_monotonic_time ();
  search (f, "attention");
  took = time_to_next_frame (f, started);
  g_test_message ("an ordinary search took %" G_GINT64_FORMAT " ms to show", took / 1000);
  started = g_get_monotonic_time ();
  search (f, huge);
  took = time_to_next_frame (f, started);
  g_test_message ("a 100,000-character search, again, took %" G_GINT64_FORMAT " ms to show", took / 1000);
  {
    g_autofree char *text = next_toast (f);
    g_assert_cmpstr (text, ==, expected);
  }

  /* A query within the limit is taken whole, without a word. */
  search (f, "distillation");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "distillation");
  g_assert_null (shuati_test_find_descendant (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget")));
  search (f, "");
}

static char *
write_deck_with (const char *path,
                 const char *id,
                 const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "title", "question", "answer", "explanation" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "shuati-deck");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "en");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "c1");
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_set_member_name (builder, fields[i]);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);

  return g_strdup (path);
}

/* A card whose every field is one word of 60 KiB shows in the reader
 * without holding up the window: the labels wrap anywhere. */
static void
test_long_word (Fixture       *f,
                gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-long-word-XXXXXX", NULL);
  g_autofree char *word = g_strnfill (60 * 1024, 'w');
  g_autofree char *file = g_build_filename (dir, "long-word.json", NULL);
  g_autofree char *path = write_deck_with (file, "long-word", word);
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  int width;
  gint64 started;
  gint64 took;

  /* For comparison: an ordinary card. */
  time_to_next_frame (f, 0);
  started = g_get_monotonic_time ();
  g_assert_true (shuati_window_select_card (f->window, "llm-001"));
  took = time_to_next_frame (f, started);
  g_test_message ("an ordinary card took %" G_GINT64_FORMAT " ms to show", took / 1000);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  respond_to_dialog ("import");
  wait_for_added_deck (f, "long-word", shown);
  wait_for_filter (f);
  time_to_next_frame (f, 0);

  started = g_get_monotonic_time ();
  g_assert_true (shuati_window_select_card (f->window, "c1"));
  took = time_to_next_frame (f, started);
  g_test_message ("a card of 60 KiB words took %" G_GINT64_FORMAT " ms to show", took / 1000);

  /* The window keeps to the screen. */
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  g_assert_cmpint (width, <, 1280);

  shuati_window_set_deck (f->window, shown);
  g_assert_true (shuati_library_remove (library, "long-word", NULL));
  shuati_test_remove_tree (dir);
}

/* A path of thousands of characters, named on the command line or dropped, keeps
 * every label that shows it, and so the window and its dialogs, narrow. */
static void
test_long_path (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-long-path-XXXXXX", NULL);
  g_autoptr(GString) path = g_string_new (dir);
  g_autofree char *component = g_strnfill (200, 'd');
  g_autofree char *base = g_strnfill (240, 'b');
  AdwMessageDialog *dialog;
  int width;

  /* As deep as the system allows (PATH_MAX is 4096 bytes). */
  while (path->len < 3600)
    {
      g_string_append_printf (path, "/%s", component);
      g_assert_cmpint (g_mkdir (path->str, 0700), ==, 0);
    }
  g_string_append_printf (path, "/%s.json", base);
  g_free (write_deck_with (path->str, "long-path", "A card"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path->str);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  g_assert_cmpint (width, <, 1280);
  dialog = wait_for_dialog ();
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  g_assert_cmpint (width, <, 1280);
  answer_dialog (dialog, "cancel");

  /* A file gone by the time it is read: the error quotes its name, one
   * word of 5,000 characters. */
  {
    g_autofree char *long_name = g_strnfill (5000, 'm');
    g_autofree char *full = g_strconcat (dir, "/", long_name, ".json", NULL);

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", full);
    gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
    g_assert_cmpint (width, <, 1280);
    /* The reading ends, and the busy bar with it. */
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      while (gtk_widget_get_visible (f->window->library_progress))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
        }
    }
    dialog = wait_for_dialog ();
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), long_name));
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
    g_assert_cmpint (width, <, 1280);
    answer_dialog (dialog, "close");
  }

  shuati_test_remove_tree (dir);
}

/* A file whose name is not UTF-8 imports like any other, and its name
 * shows, readably, in the busy bar and in the question. */
static void
test_non_utf8_name (Fixture       *f,
                    gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-latin1-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caf\xe9-deck.json", NULL);
  g_autoptr(ShuatiDeck) shown = g_object_ref (shuati_window_get_deck (f->window));
  const char *bar_text;

  g_free (write_deck_with (path, "latin1-name", "A card"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path);
  bar_text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (f->window->library_progress));
  g_assert_true (g_utf8_validate (bar_text, -1, NULL));
  g_assert_cmpstr (bar_text, ==, "Reading “caf\xef\xbf\xbd-deck.json”…");
  respond_to_dialog ("import");
  wait_for_added_deck (f, "latin1-name", shown);
  /* The busy bar is gone once the deck is in. */
  g_assert_false (gtk_widget_get_visible (f->window->library_progress));

  shuati_window_set_deck (f->window, shown);
  g_assert_true (shuati_library_remove (library, "latin1-name", NULL));

  /* The same file opened from a file manager (GApplication::open). */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    AdwMessageDialog *dialog;

    g_application_open (G_APPLICATION (app), &file, 1, "");
    dialog = wait_for_dialog ();
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import “latin1-name”?");
    answer_dialog (dialog, "cancel");
  }

  shuati_test_remove_tree (dir);
}

/* The progress file deleted under the running app: the grade still lands
 * in a file on the disk, and the learner is told what happened. */
static void
test_progress_file_deleted (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *page = shuati_test_find_descendant (GTK_WIDGET (f->window), SHUATI_TYPE_REVIEW_PAGE);
  ShuatiStore *store = shuati_application_get_store (app);
  g_autofree char *path = g_strdup (shuati_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *card_id = NULL;
  AdwMessageDialog *dialog;
  int before;

  gtk_window_present (GTK_WINDOW (f->window));
  select_topic (f, "challenges");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.study", NULL);
  card_id = g_strdup (shuati_card_get_id (shuati_session_get_current (shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page)))));
  before = count_reviews (card_id);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_unlink (wal);
  g_unlink (shm);

  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  g_assert_true (gtk_widget_activate_action (page, "review.grade", "i", 3));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_reviews (card_id), ==, before + 1);

  dialog = wait_for_dialog ();
  /* Run alone, this is the run's first window: it tells first of the
   * damaged file the run starts with (see test_store_problem). */
  if (strstr (adw_message_dialog_get_body (dialog), "damaged") != NULL)
    {
      answer_dialog (dialog, "close");
      dialog = wait_for_dialog ();
    }
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Problem With Your Progress File");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "deleted"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  answer_dialog (dialog, "close");

  gtk_widget_activate_action (page, "review.end", NULL);
  gtk_widget_activate_action (page, "review.end", NULL);
}

static gboolean
message_dialog_visible (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean visible = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      visible = TRUE;
  g_list_free (toplevels);
  return visible;
}

/* A large file being read to import can be stopped from the busy bar: no
 * question follows, no deck is added, and the bar goes. */
static void
test_cancel_import (Fixture       *f,
                    gconstpointer  data)
{
  ShuatiLibrary *library = shuati_application_get_library (app);
  guint n_decks = g_list_model_get_n_items (G_LIST_MODEL (library));
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-cancel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("question,answer\n");
  gint64 deadline;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (csv, "What is question number %u about?,It is about %u things\n", i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  /* Run alone, this is the run's first window, which first tells of the
   * damaged progress file the run starts with (see test_store_problem). */
  settle ();
  if (message_dialog_visible ())
    answer_dialog (wait_for_dialog (), "close");

  g_assert_false (gtk_widget_get_visible (f->window->import_cancel_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "^ay", path));
  g_assert_true (gtk_widget_get_visible (f->window->library_progress));
  g_assert_true (gtk_widget_get_visible (f->window->import_cancel_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-import", NULL));

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (f->window->library_progress) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();

  g_assert_false (gtk_widget_get_visible (f->window->library_progress));
  g_assert_false (gtk_widget_get_visible (f->window->import_cancel_button));
  g_assert_false (message_dialog_visible ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_decks);

  shuati_test_remove_tree (dir);
}

/* The mock page's "End the Mock Interview?" dialog, among any others. */
static AdwMessageDialog *
wait_for_end_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GList *toplevels = gtk_window_list_toplevels ();
      AdwMessageDialog *dialog = NULL;

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
            g_strcmp0 (adw_message_dialog_get_heading (l->data), "End the Mock Interview?") == 0)
          dialog = l->data;
      g_list_free (toplevels);
      if (dialog != NULL)
        return dialog;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_not_reached ();
}

/* A mock interview driven by its keys, from Ctrl+M to the report. */
static void
test_mock_interview (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = f->window->mock_page;
  ShuatiMockPage *mock_page = SHUATI_MOCK_PAGE (page);
  ShuatiMock *mock;
  AdwMessageDialog *dialog;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean paused;
  int before;

  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  wait_for_filter (f);
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_m, GDK_CONTROL_MASK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "mock");
  g_assert_cmpstr (shuati_mock_page_get_view (mock_page), ==, "setup");

  shuati_mock_page_set_seed (mock_page, 42);
  g_assert_true (gtk_widget_activate_action (page, "mock.start", NULL));
  g_assert_cmpstr (shuati_mock_page_get_view (mock_page), ==, "question");
  mock = shuati_mock_page_get_mock (mock_page);
  g_assert_cmpuint (shuati_mock_get_n_questions (mock), ==, 5);
  g_assert_cmpuint (shuati_mock_get_seconds_per_question (mock), ==, 180);

  /* First question: Space shows the answer, Alt+1 ticks a point, Enter
   * grades and records it. */
  first = g_strdup (shuati_card_get_id (shuati_mock_get_current (mock)));
  before = count_reviews (first);
  g_assert_true (press_key (page, GDK_KEY_space, 0));
  g_assert_true (shuati_mock_page_get_revealed (mock_page));
  /* The key points wrap at the column's width, not in a narrow block. */
  {
    GtkWidget *points = GTK_WIDGET (gtk_widget_get_template_child (page, SHUATI_TYPE_MOCK_PAGE, "points_box"));
    GtkWidget *row = gtk_widget_get_first_child (points);
    GtkWidget *label = gtk_widget_get_last_child (row);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    /* Until laid out: the first allocation comes with a frame. */
    while ((gtk_widget_get_width (points) == 0 ||
            gtk_widget_get_width (label) < gtk_widget_get_width (points) * 9 / 10) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (GTK_IS_LABEL (label));
    g_assert_cmpint (gtk_widget_get_width (points), >, 200);
    g_assert_cmpint (gtk_widget_get_width (label), >=, gtk_widget_get_width (points) * 9 / 10);
  }
  g_assert_true (press_key (page, GDK_KEY_1, GDK_ALT_MASK));
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  g_assert_cmpuint (shuati_mock_get_position (mock), ==, 1);
  g_assert_cmpint (count_reviews (first), ==, before + 1);
  g_assert_cmpuint (shuati_mock_get_answer (mock, 0)->n_covered, ==, 1);
  g_assert_cmpuint (shuati_mock_get_answer (mock, 0)->n_points, >, 1);
  g_assert_cmpint (shuati_mock_get_answer (mock, 0)->rating, ==, SHUATI_RATING_HARD);

  /* Second: P pauses, and a paused question cannot be revealed. */
  second = g_strdup (shuati_card_get_id (shuati_mock_get_current (mock)));
  g_assert_true (press_key (page, GDK_KEY_p, 0));
  g_object_get (page, "paused", &paused, NULL);
  g_assert_true (paused);
  press_key (page, GDK_KEY_space, 0);
  g_assert_false (shuati_mock_page_get_revealed (mock_page));
  g_assert_true (press_key (page, GDK_KEY_p, 0));
  g_object_get (page, "paused", &paused, NULL);
  g_assert_false (paused);
  g_assert_true (press_key (page, GDK_KEY_space, 0));
  /* Nothing ticked: Again, and into the 错题本. */
  g_assert_true (press_key (page, GDK_KEY_Return, 0));
  g_assert_cmpint (shuati_mock_get_answer (mock, 1)->rating, ==, SHUATI_RATING_AGAIN);
  g_assert_true (g_hash_table_contains (shuati_progress_get_mistake_ids (f->window->progress), second));

  /* Escape asks first, and the clock stops while it asks; going on
   * keeps the question and starts the clock again. */
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));
  dialog = wait_for_end_dialog ();
  g_object_get (page, "paused", &paused, NULL);
  g_assert_true (paused);
  answer_dialog (dialog, "cancel");
  g_assert_cmpstr (shuati_mock_page_get_view (mock_page), ==, "question");
  g_object_get (page, "paused", &paused, NULL);
  g_assert_false (paused);
  /* Paused by hand before, still paused after. */
  g_assert_true (press_key (page, GDK_KEY_p, 0));
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));
  dialog = wait_for_end_dialog ();
  answer_dialog (dialog, "cancel");
  g_object_get (page, "paused", &paused, NULL);
  g_assert_true (paused);
  g_assert_true (press_key (page, GDK_KEY_p, 0));
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));
  dialog = wait_for_end_dialog ();
  answer_dialog (dialog, "end");
  g_assert_cmpstr (shuati_mock_page_get_view (mock_page), ==, "report");
  g_assert_cmpuint (shuati_mock_get_n_answers (mock), ==, 2);
  g_assert_true (shuati_mock_get_finished (mock));

  /* From the report: the first question into the 错题本, the second
   * studied now in the reader. */
  g_assert_true (gtk_widget_activate_action (page, "mock.add-mistake", "u", 0));
  g_assert_true (g_hash_table_contains (shuati_progress_get_mistake_ids (f->window->progress), first));
  g_assert_true (gtk_widget_activate_action (page, "mock.study", "u", 1));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "browse");
  g_assert_cmpstr (shuati_card_get_id (shuati_card_view_get_card (f->window->card_view)), ==, second);

  /* The next mock lists this one. */
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_m, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (page, SHUATI_TYPE_MOCK_PAGE, "past_group"))));
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "browse");
}

/* A mock interview "as the plan says": offered only when the deck has a
 * plan, and drawing the plan's cards for today first. */
static void
test_mock_plan_scope (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = f->window->mock_page;
  ShuatiMockPage *mock_page = SHUATI_MOCK_PAGE (page);
  AdwComboRow *scope = ADW_COMBO_ROW (gtk_widget_get_template_child (page, SHUATI_TYPE_MOCK_PAGE, "scope_row"));
  ShuatiStore *store = shuati_progress_get_store (f->window->progress);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  ShuatiMock *mock;
  ShuatiDeck *deck;

  /* No plan: no such choice. */
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/starred"));
  wait_for_filter (f);
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_m, GDK_CONTROL_MASK));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (scope)));
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));

  /* A plan for a tenth of the deck, twenty days out. */
  g_assert_true (shuati_store_set_plan (store, "llm-interview", now + 20 * 86400, 0.1, 0.9, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_m, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scope)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (scope)), ==, 2);
  adw_combo_row_set_selected (scope, 1);

  /* The starred list is empty, yet the plan has questions, all of them
   * from the planned tenth of the deck. */
  shuati_mock_page_set_seed (mock_page, 7);
  g_assert_true (gtk_widget_activate_action (page, "mock.start", NULL));
  g_assert_cmpstr (shuati_mock_page_get_view (mock_page), ==, "question");
  mock = shuati_mock_page_get_mock (mock_page);
  deck = shuati_progress_get_deck (f->window->progress);
  {
    guint n_planned = (guint)ceil (0.1 * shuati_deck_get_n_cards (deck));
    ShuatiCard *card = shuati_mock_get_current (mock);
    gboolean in_plan = FALSE;

    /* Fewer planned cards than the five asked: every one of them. */
    g_assert_cmpuint (n_planned, <, 5);
    g_assert_cmpuint (shuati_mock_get_n_questions (mock), ==, n_planned);
    for (guint i = 0; i < n_planned; i++)
      in_plan |= shuati_deck_get_card (deck, i) == card;
    g_assert_true (in_plan);
  }
  g_assert_true (press_key (page, GDK_KEY_Escape, 0));
  answer_dialog (wait_for_end_dialog (), "end");

  /* The store outlives the test: the next ones start with no plan. */
  g_assert_true (shuati_store_set_plan (store, "llm-interview", 0, 0, 0, &error));
  g_assert_no_error (error);
}

/* The interview plan: shown for the deck, saved, in the header's line. */
static void
test_planner_page (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = f->window->planner_page;
  ShuatiStore *store = shuati_application_get_store (app);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (f->window), SHUATI_TYPE_WINDOW,
                                                                           "sidebar_title"));
  ShuatiBarChart *chart = SHUATI_BAR_CHART (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "chart"));
  GtkSpinButton *days = GTK_SPIN_BUTTON (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "days_spin"));
  const ShuatiPlan *plan;
  gint64 date = 0;
  gint64 deadline;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-planner", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "planner");
  gtk_spin_button_set_value (days, 20);
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->n_days, ==, 20);
  g_assert_cmpuint (plan->n_cards, ==, 24);
  g_assert_true (plan->feasible);
  g_assert_cmpuint (shuati_bar_chart_get_n_bars (chart), ==, 20);
  g_assert_cmpuint (shuati_bar_chart_get_value (chart, 0), ==, plan->load_per_day[0]);

  /* Saved, the plan is the deck's and the header says where it stands. */
  g_assert_true (gtk_widget_activate_action (page, "planner.save", NULL));
  g_assert_true (shuati_store_get_plan (store, "llm-interview", &date, NULL, NULL));
  g_assert_cmpint (shuati_plan_days_between (g_get_real_time () / G_USEC_PER_SEC, date), ==, 20);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (strstr (adw_window_title_get_subtitle (title), "20 days to interview") == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "20 days to interview"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), " today"));

  /* Escape goes back; removing the plan clears the line. */
  g_assert_true (shuati_test_press_shortcut (page, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->main_stack), ==, "browse");
  g_assert_true (gtk_widget_activate_action (page, "planner.remove", NULL));
  g_assert_false (shuati_store_get_plan (store, "llm-interview", NULL, NULL, NULL));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (adw_window_title_get_subtitle (title), "") != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

static AdwActionRow *
topic_row (GtkListBox *list,
           guint       i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

/* The interview plan for a choice: the date from the calendar, one topic
 * left out, another moved first, two tags; saved with the plan and used
 * by the mock interview as the plan says. */
static void
test_planner_scope (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = f->window->planner_page;
  ShuatiStore *store = shuati_application_get_store (app);
  GtkSpinButton *days = GTK_SPIN_BUTTON (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "days_spin"));
  GtkMenuButton *date_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "date_button"));
  GtkPopover *popover = GTK_POPOVER (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "date_popover"));
  GtkCalendar *calendar = GTK_CALENDAR (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "calendar"));
  GtkListBox *topics = GTK_LIST_BOX (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "topic_list"));
  AdwComboRow *order = ADW_COMBO_ROW (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "order_row"));
  AdwEntryRow *tags = ADW_ENTRY_ROW (gtk_widget_get_template_child (page, SHUATI_TYPE_PLANNER_PAGE, "tags_row"));
  const char *expected[] = { "llm-021", "llm-023", "llm-024", "llm-001", "llm-002", "llm-007", "llm-020" };
  const char * const want_topics[] = { "engineering", "fundamentals", "challenges", NULL };
  const char * const want_tags[] = { "vision", "efficiency", NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) gone = g_date_time_add_days (now, -3);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) saved_topics = NULL;
  g_auto(GStrv) saved_tags = NULL;
  const ShuatiPlan *plan;
  int saved_order = -1;
  guint n_all;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-planner", NULL));
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  n_all = plan->n_cards;
  g_assert_cmpuint (n_all, ==, 24);

  /* The date from the calendar: ten days out, the spin button follows;
   * a day gone by becomes tomorrow. */
  gtk_menu_button_popup (date_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_calendar_select_day (calendar, day);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (days), ==, 10);
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  g_assert_cmpuint (plan->n_days, ==, 10);
  g_assert_cmpuint (shuati_plan_days_between (g_date_time_to_unix (now), g_date_time_to_unix (day)), ==, 10);
  gtk_menu_button_popup (date_button);
  gtk_calendar_select_day (calendar, gone);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (days), ==, 1);
  {
    /* The calendar shows the day the plan took. */
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (shuati_plan_days_between (g_date_time_to_unix (now), g_date_time_to_unix (shown)), ==, 1);
  }
  gtk_spin_button_set_value (days, 20);

  /* The deck's four topics, every one ticked; untick "Industry Applications". */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (topic_row (topics, 1))), ==, "Industry Applications");
  g_assert_null (gtk_list_box_get_row_at_index (topics, 4));
  adw_action_row_activate (topic_row (topics, 1));
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  g_assert_cmpuint (plan->n_cards, ==, 24 - 6);
  for (guint i = 0; i < plan->cards->len; i++)
    g_assert_cmpstr (shuati_card_get_topic_id (g_ptr_array_index (plan->cards, i)), !=, "applications");

  /* "Training and Deployment", last, moved up three times with its button. */
  for (guint i = 3; i > 0; i--)
    {
      GtkWidget *up = shuati_test_find_widget (GTK_WIDGET (topic_row (topics, i)), has_tooltip, "Learn Earlier");

      g_assert_nonnull (up);
      g_signal_emit_by_name (up, "clicked");
    }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (topic_row (topics, 0))), ==, "Training and Deployment");
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  g_assert_cmpstr (shuati_card_get_id (g_ptr_array_index (plan->cards, 0)), ==, "llm-004");

  /* Two tags, typed as a learner would, Chinese comma and all. */
  gtk_editable_set_text (GTK_EDITABLE (tags), "vision，efficiency");
  g_signal_emit_by_name (tags, "apply");
  plan = shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page));
  g_assert_cmpuint (plan->cards->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (shuati_card_get_id (g_ptr_array_index (plan->cards, i)), ==, expected[i]);
  adw_combo_row_set_selected (order, 1);

  /* Saved with the plan. */
  g_assert_true (gtk_widget_activate_action (page, "planner.save", NULL));
  g_assert_true (shuati_store_get_plan_scope (store, "llm-interview", &saved_topics, &saved_tags, &saved_order));
  g_assert_true (g_strv_equal ((const char * const *)saved_topics, want_topics));
  g_assert_true (g_strv_equal ((const char * const *)saved_tags, want_tags));
  g_assert_cmpint (saved_order, ==, SHUATI_PLAN_ORDER_FREQUENCY);

  /* Shown again as saved. */
  g_assert_true (shuati_test_press_shortcut (page, GDK_KEY_Escape, 0));
  gtk_editable_set_text (GTK_EDITABLE (tags), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-planner", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tags)), ==, "vision, efficiency");
  g_assert_cmpuint (adw_combo_row_get_selected (order), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (topic_row (topics, 0))), ==, "Training and Deployment");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (topic_row (topics, 3))), ==, "Industry Applications");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (shuati_test_find_descendant (GTK_WIDGET (topic_row (topics, 3)),
                                                                                     GTK_TYPE_CHECK_BUTTON))));
  g_assert_cmpuint (shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page))->n_cards, ==, G_N_ELEMENTS (expected));
  g_assert_true (shuati_test_press_shortcut (page, GDK_KEY_Escape, 0));

  /* A mock interview as the plan says: only the plan's cards. */
  {
    GtkWidget *mock_page = f->window->mock_page;
    AdwComboRow *scope = ADW_COMBO_ROW (gtk_widget_get_template_child (mock_page, SHUATI_TYPE_MOCK_PAGE, "scope_row"));
    ShuatiMock *mock;

    g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_m, GDK_CONTROL_MASK));
    adw_combo_row_set_selected (scope, 1);
    shuati_mock_page_set_seed (SHUATI_MOCK_PAGE (mock_page), 3);
    g_assert_true (gtk_widget_activate_action (mock_page, "mock.start", NULL));
    mock = shuati_mock_page_get_mock (SHUATI_MOCK_PAGE (mock_page));
    g_assert_cmpuint (shuati_mock_get_n_questions (mock), ==, 5);
    {
      ShuatiCard *card = shuati_mock_get_current (mock);

      g_assert_true (shuati_card_has_tag (card, "vision") || shuati_card_has_tag (card, "efficiency"));
      g_assert_cmpstr (shuati_card_get_topic_id (card), !=, "applications");
    }
    g_assert_true (press_key (mock_page, GDK_KEY_Escape, 0));
    answer_dialog (wait_for_end_dialog (), "end");
  }

  /* No topic ticked: nothing to plan, nothing to save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-planner", NULL));
  for (guint i = 0; i < 3; i++)
    adw_action_row_activate (topic_row (topics, i));
  g_assert_null (shuati_planner_page_get_plan (SHUATI_PLANNER_PAGE (page)));
  {
    GtkWidget *save = shuati_test_find_widget (page, has_label, "_Save Plan");
    g_auto(GStrv) kept = NULL;

    g_assert_nonnull (save);
    g_assert_false (gtk_widget_is_sensitive (save));
    gtk_widget_activate_action (page, "planner.save", NULL);
    g_assert_true (shuati_store_get_plan_scope (store, "llm-interview", &kept, NULL, NULL));
    g_assert_true (g_strv_equal ((const char * const *)kept, want_topics));
  }
  g_assert_true (shuati_test_press_shortcut (page, GDK_KEY_Escape, 0));

  /* The store outlives the test: the next ones start with no plan. */
  g_assert_true (shuati_store_set_plan (store, "llm-interview", 0, 0, 0, &error));
  g_assert_no_error (error);
}

/* The reader's menu says where a card in the 错题本 stands on the exit
 * rule, as the browser does, and nothing for a card not in it. */
static void
test_reader_mistake_state (Fixture       *f,
                           gconstpointer  data)
{
  ShuatiStore *store = shuati_application_get_store (app);
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (f->window), SHUATI_TYPE_WINDOW,
                                                                  "mistake_state_section"));
  ShuatiMistakeState state = { 0 };
  g_autofree char *expected = NULL;
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;

  g_autoptr(GError) error = NULL;

  /* Earlier tests may have put these cards in the book; out by hand. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (shuati_store_set_mistake (store, "llm-interview", i == 0 ? "llm-005" : "llm-006", FALSE,
                                               g_get_real_time () / G_USEC_PER_SEC, &error));
      g_assert_no_error (error);
    }
  g_assert_true (shuati_window_select_sidebar (f->window, "llm-interview/all"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-005");
  g_assert_cmpstr (shuati_card_get_id (shuati_card_view_get_card (SHUATI_CARD_VIEW (f->window->card_view))), ==, "llm-005");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-mistakes", NULL);
  g_assert_true (shuati_store_get_mistake_state (store, "llm-interview", "llm-005", &state, NULL));
  g_assert_true (state.member);
  expected = shuati_mistake_state_describe (&state);
  g_assert_nonnull (strstr (expected, "of 2 remembered reviews"));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, expected);
  /* A note, not a command. */
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.mistake-state");

  /* Another card, not in the book: no line; back, and it is there. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-006");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-card", "s", "llm-interview/llm-005");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-from-mistakes", NULL);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
}

/* A row that shows a card lays out a new card and new search words once,
 * before the next frame; asked for its text, it shows what it was given. */
static void
test_card_row_updates (void)
{
  g_autoptr(ShuatiCard) first = shuati_test_card_new ("deck", "first", 1);
  g_autoptr(ShuatiCard) second = shuati_test_card_new ("deck", "second", 2);
  g_autoptr(ShuatiQuery) query = shuati_query_new ("field");
  ShuatiCardRow *row = SHUATI_CARD_ROW (g_object_ref_sink (shuati_card_row_new ()));

  g_assert_cmpstr (shuati_card_row_get_title (row), ==, "");
  shuati_card_row_set_card (row, first);
  g_assert_cmpstr (shuati_card_row_get_title (row), ==, shuati_card_get_title (first, NULL));

  shuati_card_row_set_card (row, second);
  shuati_card_row_set_query (row, query);
  g_assert_true (shuati_card_row_get_card (row) == second);
  g_assert_cmpstr (shuati_card_row_get_title (row), ==, shuati_card_get_title (second, NULL));
  g_assert_cmpstr (shuati_card_row_get_snippet (row), !=, "");

  /* Waiting for its update, and gone before it. */
  shuati_card_row_set_card (row, first);
  g_assert_finalize_object (row);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* No card: nothing shown, at once. */
  row = SHUATI_CARD_ROW (g_object_ref_sink (shuati_card_row_new ()));
  shuati_card_row_set_card (row, second);
  shuati_card_row_set_card (row, NULL);
  g_assert_cmpstr (shuati_card_row_get_title (row), ==, "");
  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* A progress file of this run's own. */
  data_home = g_dir_make_tmp ("shuati-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* ...and it starts damaged, with no backup to restore: the first
   * window tells so (see test_store_problem). */
  {
    g_autofree char *dir = g_build_filename (data_home, "shuati", NULL);
    g_autofree char *path = g_build_filename (dir, "progress.db", NULL);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (path, "This is not a database, it is a damaged file.", -1, NULL));
  }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* First: the first window is the one that tells of the damaged file. */
  g_test_add ("/shuati/window/store-problem", Fixture, NULL, fixture_set_up, test_store_problem, fixture_tear_down);
  g_test_add ("/shuati/window/topics", Fixture, NULL, fixture_set_up, test_topics, fixture_tear_down);
  g_test_add ("/shuati/window/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/shuati/window/search/keeps-reader", Fixture, NULL, fixture_set_up, test_search_keeps_reader, fixture_tear_down);
  g_test_add ("/shuati/window/search/count-when-done", Fixture, NULL, fixture_set_up, test_search_count_when_done, fixture_tear_down);
  g_test_add ("/shuati/window/empty-state", Fixture, NULL, fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/shuati/window/keyboard-actions", Fixture, NULL, fixture_set_up, test_keyboard_actions, fixture_tear_down);
  g_test_add ("/shuati/window/open-card-in-deck", Fixture, NULL, fixture_set_up, test_open_card_in_deck, fixture_tear_down);
  g_test_add ("/shuati/window/card-language", Fixture, NULL, fixture_set_up, test_card_language, fixture_tear_down);
  g_test_add ("/shuati/window/study", Fixture, NULL, fixture_set_up, test_study, fixture_tear_down);
  g_test_add ("/shuati/window/mistake-book", Fixture, NULL, fixture_set_up, test_mistake_book, fixture_tear_down);
  g_test_add ("/shuati/window/progress-after-frame", Fixture, NULL, fixture_set_up, test_progress_after_frame, fixture_tear_down);
  g_test_add ("/shuati/window/mock-interview", Fixture, NULL, fixture_set_up, test_mock_interview, fixture_tear_down);
  g_test_add ("/shuati/window/mock-plan-scope", Fixture, NULL, fixture_set_up, test_mock_plan_scope, fixture_tear_down);
  g_test_add ("/shuati/window/planner-page", Fixture, NULL, fixture_set_up, test_planner_page, fixture_tear_down);
  g_test_add ("/shuati/window/reader-mistake-state", Fixture, NULL, fixture_set_up, test_reader_mistake_state, fixture_tear_down);
  g_test_add ("/shuati/window/planner-scope", Fixture, NULL, fixture_set_up, test_planner_scope, fixture_tear_down);
  g_test_add ("/shuati/window/statistics-reused", Fixture, NULL, fixture_set_up, test_statistics_reused, fixture_tear_down);
  g_test_add ("/shuati/window/study/no-flash", Fixture, NULL, fixture_set_up, test_study_no_flash, fixture_tear_down);
  g_test_add ("/shuati/window/study/open-in-reader", Fixture, NULL, fixture_set_up, test_study_open_in_reader, fixture_tear_down);
  g_test_add ("/shuati/window/study/progress-file-deleted", Fixture, NULL, fixture_set_up, test_progress_file_deleted, fixture_tear_down);
  g_test_add ("/shuati/window/study/more-new", Fixture, NULL, fixture_set_up, test_study_more_new, fixture_tear_down);
  g_test_add ("/shuati/window/import-and-remove", Fixture, NULL, fixture_set_up, test_import_and_remove, fixture_tear_down);
  g_test_add ("/shuati/window/import-anki-package", Fixture, NULL, fixture_set_up, test_import_anki_package, fixture_tear_down);
  g_test_add ("/shuati/window/import-anki-collection", Fixture, NULL, fixture_set_up, test_import_anki_collection, fixture_tear_down);
  g_test_add ("/shuati/window/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/shuati/window/close-while-adding", Fixture, NULL, fixture_set_up, test_close_while_adding, fixture_tear_down);
  g_test_add ("/shuati/window/markup-in-user-text", Fixture, NULL, fixture_set_up, test_markup_in_user_text, fixture_tear_down);
  g_test_add ("/shuati/window/long-query", Fixture, NULL, fixture_set_up, test_long_query, fixture_tear_down);
  g_test_add ("/shuati/window/long-word", Fixture, NULL, fixture_set_up, test_long_word, fixture_tear_down);
  g_test_add ("/shuati/window/long-path", Fixture, NULL, fixture_set_up, test_long_path, fixture_tear_down);
  g_test_add ("/shuati/window/cancel-import", Fixture, NULL, fixture_set_up, test_cancel_import, fixture_tear_down);
  g_test_add ("/shuati/window/non-utf8-name", Fixture, NULL, fixture_set_up, test_non_utf8_name, fixture_tear_down);
  g_test_add_func ("/shuati/window/languages-resolve", test_languages_resolve);
  g_test_add ("/shuati/window/rows-follow-languages", Fixture, NULL, fixture_set_up, test_rows_follow_languages, fixture_tear_down);
  g_test_add ("/shuati/window/rows-follow-search", Fixture, NULL, fixture_set_up, test_rows_follow_search, fixture_tear_down);
  g_test_add ("/shuati/window/tag-counts", Fixture, NULL, fixture_set_up, test_tag_counts, fixture_tear_down);
  g_test_add_func ("/shuati/window/sidebar-keys", test_sidebar_keys);
  g_test_add_func ("/shuati/window/card-row/updates", test_card_row_updates);
  g_test_add_func ("/shuati/window/translation-contract", test_translation_contract);
  g_test_add ("/shuati/window/folded/back-buttons", Fixture, NULL, fixture_set_up, test_folded_back_buttons, fixture_tear_down);
  g_test_add ("/shuati/window/folded/one-click", Fixture, NULL, fixture_set_up, test_folded_one_click, fixture_tear_down);
  g_test_add ("/shuati/window/folded/title-never-selected", Fixture, NULL, fixture_set_up, test_title_never_selected, fixture_tear_down);
  g_test_add ("/shuati/window/folded/review-returns-to-list", Fixture, NULL, fixture_set_up, test_review_returns_to_list, fixture_tear_down);
  g_test_add ("/shuati/window/search-keys", Fixture, NULL, fixture_set_up, test_search_keys, fixture_tear_down);
  g_test_add ("/shuati/window/two-builtin-decks", Fixture, NULL, fixture_set_up, test_two_builtin_decks, fixture_tear_down);
  g_test_add ("/shuati/window/csv-deck-sidebar", Fixture, NULL, fixture_set_up, test_csv_deck_sidebar, fixture_tear_down);
  g_test_add ("/shuati/window/remove-scrolls-to-top", Fixture, NULL, fixture_set_up, test_remove_scrolls_to_top, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  shuati_test_remove_tree (data_home);

  return status;
}
