/* test-card-editor.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card editor as the learner meets it: Ctrl+N and Ctrl+E in the main
 * window, messages under the fields, the preview, drafts kept and
 * offered back, saving, and the built-in deck copied before it is
 * edited.
 */

#include "config.h"

#include <string.h>

#include "shuati-browser-window.h"
#include "shuati-card-draft.h"
#include "shuati-card-editor.h"
#include "shuati-library.h"
#include "shuati-review-page.h"
#include "shuati-window-private.h"
#include "shuati-test-ui.h"
#include "shuati-test-utils.h"

static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"mine\","
  " \"languages\": [\"en\"], \"title\": \"Mine\","
  " \"topics\": [{\"id\": \"attention\", \"title\": \"Attention\"},"
  "              {\"id\": \"training\", \"title\": \"Training\"}],"
  " \"cards\": ["
  "  {\"id\": \"q1\", \"topic\": \"attention\", \"title\": \"Why scale\","
  "   \"question\": \"Why divide by sqrt(d)?\", \"answer\": \"To keep the softmax soft.\"}"
  " ]}";

typedef struct
{
  char              *home;
  ShuatiApplication *app;
  ShuatiWindow      *window;
  ShuatiLibrary     *library;
} Fixture;

/* One application for every test, as a session of the program has: its
 * library holds what the tests before saved. */
static ShuatiApplication *app;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *decks = NULL;
  g_autofree char *file = NULL;

  /* The test's own data folder (see tests/meson.build). */
  f->home = g_build_filename (g_get_user_data_dir (), "shuati", NULL);
  if (app == NULL)
    {
      shuati_test_remove_tree (f->home);
      decks = g_build_filename (f->home, "decks", NULL);
      g_assert_cmpint (g_mkdir_with_parents (decks, 0700), ==, 0);
      file = g_build_filename (decks, "mine.json", NULL);
      g_assert_true (g_file_set_contents (file, deck_json, -1, NULL));

      app = shuati_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  f->app = app;
  f->window = shuati_test_open_window (f->app, 1000, 700);
  f->library = shuati_application_get_library (f->app);
  g_assert_nonnull (shuati_library_lookup (f->library, "mine"));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer)f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (f->window));
  shuati_test_settle ();
  g_free (f->home);
}

static ShuatiCardEditor *
wait_for_editor (void)
{
  return SHUATI_CARD_EDITOR (shuati_test_wait_for_toplevel (SHUATI_TYPE_CARD_EDITOR));
}

static void
wait_until_closed (GtkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  g_autoptr(GtkWindow) watched = g_object_ref (window);

  while (gtk_widget_get_visible (GTK_WIDGET (watched)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (watched)));
  shuati_test_settle ();
}

static GFile *
draft_file (Fixture    *f,
            const char *card_id)
{
  g_autoptr(GFile) dir = shuati_card_draft_default_dir ();
  g_autoptr(ShuatiCardDraft) probe = shuati_card_draft_new ("mine", card_id, "en");

  return shuati_card_draft_get_file (probe, dir);
}

/* Ctrl+N on a deck of one's own: an empty card is refused with a
 * message under each field; what is typed is kept as a draft, offered
 * back when the editor opens again after it was lost, and saved into
 * the deck, which the list then shows. */
static void
test_new_card (Fixture       *f,
               gconstpointer  data)
{
  ShuatiCardEditor *editor;
  g_autoptr(GFile) draft = draft_file (f, NULL);
  ShuatiDeck *deck;
  guint n_before;

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();
  n_before = g_list_model_get_n_items (shuati_window_get_visible_cards (f->window));

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_n, GDK_CONTROL_MASK));
  editor = wait_for_editor ();
  g_assert_false (shuati_card_editor_get_restored (editor));

  /* Saving an empty card says what is missing and keeps the editor. */
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  shuati_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_QUESTION));
  g_assert_nonnull (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_ANSWER));
  g_assert_null (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_TOPIC));

  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_QUESTION, "What does **RoPE** rotate?");
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_ANSWER, "Query and key pairs, by position.");
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_TOPIC, "training");
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_TAGS, "bad tag!");
  /* The preview waits for a pause in the typing. */
  g_assert_cmpstr (shuati_card_editor_get_preview (editor, SHUATI_DRAFT_FIELD_QUESTION), !=,
                   "What does **RoPE** rotate?");
  shuati_card_editor_flush (editor);
  g_assert_cmpstr (shuati_card_editor_get_preview (editor, SHUATI_DRAFT_FIELD_QUESTION), ==,
                   "What does **RoPE** rotate?");
  g_assert_null (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_QUESTION));
  g_assert_nonnull (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_TAGS));
  g_assert_true (g_file_query_exists (draft, NULL));

  /* The editor goes without a word, as in a crash: the draft stays. */
  gtk_window_destroy (GTK_WINDOW (editor));
  shuati_test_settle ();
  g_assert_true (g_file_query_exists (draft, NULL));

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_n, GDK_CONTROL_MASK));
  editor = wait_for_editor ();
  g_assert_true (shuati_card_editor_get_restored (editor));
  g_assert_true (shuati_card_editor_get_dirty (editor));
  g_assert_nonnull (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_TAGS));

  /* A bad tag stops the save. */
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  shuati_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_TAGS, "rope position");
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  wait_until_closed (GTK_WINDOW (editor));

  deck = shuati_window_get_deck (f->window);
  g_assert_true (deck == shuati_library_lookup (f->library, "mine"));
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_window_get_visible_cards (f->window)), ==, n_before + 1);
  {
    ShuatiCard *card = shuati_window_get_selected_card (f->window);
    const char *english[] = { "en", NULL };

    g_assert_nonnull (card);
    g_assert_cmpstr (shuati_card_get_question (card, english), ==, "What does **RoPE** rotate?");
    g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "training");
    g_assert_true (shuati_card_has_tag (card, "rope"));
    g_assert_cmpint (shuati_card_get_created (card), >, 0);
  }
  g_assert_false (g_file_query_exists (draft, NULL));
}

/* Ctrl+E edits the card in the reader and keeps its id; closing with
 * changes asks, and Discard drops the draft. */
static void
test_edit_card (Fixture       *f,
                gconstpointer  data)
{
  ShuatiCardEditor *editor;
  g_autoptr(GFile) draft = draft_file (f, "q1");
  AdwMessageDialog *dialog;
  ShuatiCard *card;
  const char *english[] = { "en", NULL };

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  g_assert_true (shuati_window_select_card (f->window, "q1"));
  shuati_test_settle ();

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_e, GDK_CONTROL_MASK));
  editor = wait_for_editor ();
  g_assert_false (shuati_card_editor_get_dirty (editor));
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_ANSWER, "");
  shuati_card_editor_flush (editor);
  g_assert_nonnull (shuati_card_editor_get_problem (editor, SHUATI_DRAFT_FIELD_ANSWER));

  /* Escape with changes asks first. */
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_Escape, 0));
  shuati_test_settle ();
  dialog = ADW_MESSAGE_DIALOG (shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  adw_message_dialog_response (dialog, "discard");
  wait_until_closed (GTK_WINDOW (editor));
  g_assert_false (g_file_query_exists (draft, NULL));

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_e, GDK_CONTROL_MASK));
  editor = wait_for_editor ();
  g_assert_false (shuati_card_editor_get_restored (editor));
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_ANSWER, "So that the softmax does not saturate.");
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  wait_until_closed (GTK_WINDOW (editor));

  card = shuati_window_get_selected_card (f->window);
  g_assert_nonnull (card);
  g_assert_cmpstr (shuati_card_get_id (card), ==, "q1");
  g_assert_cmpstr (shuati_card_get_answer (card, english), ==, "So that the softmax does not saturate.");
  g_assert_cmpint (shuati_card_get_modified (card), >, 0);
}

/* Ctrl+E on the built-in deck offers a copy, edits the copy, and leaves
 * the built-in deck as it was. */
static void
test_builtin_copy (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiDeck *builtin;
  g_autofree char *builtin_id = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *card_id = NULL;
  g_autofree char *question = NULL;
  AdwMessageDialog *dialog;
  ShuatiCardEditor *editor;
  ShuatiCard *card;
  const char *english[] = { "en", NULL };
  g_autoptr(ShuatiScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiMemory builtin_memory = { 0 };
  ShuatiStore *store;

  builtin = g_list_model_get_item (G_LIST_MODEL (f->library), 0);
  g_object_unref (builtin);
  g_assert_true (shuati_library_is_builtin (f->library, shuati_deck_get_id (builtin)));
  builtin_id = g_strdup (shuati_deck_get_id (builtin));
  shuati_window_set_deck (f->window, builtin);
  card_id = g_strdup (shuati_card_get_id (shuati_deck_get_card (builtin, 0)));
  question = g_strdup (shuati_card_get_question (shuati_deck_get_card (builtin, 0), english));
  g_assert_true (shuati_window_select_card (f->window, card_id));
  shuati_test_settle ();

  /* Progress on the built-in card: two reviews, a star, the mistake book. */
  store = shuati_progress_get_store (f->window->progress);
  g_assert_nonnull (store);
  scheduler = shuati_scheduler_new ();
  for (guint i = 0; i < 2; i++)
    {
      ShuatiMemory before, after;

      g_assert_cmpint (shuati_store_review_card (store, builtin_id, card_id, scheduler,
                                                 i == 0 ? SHUATI_RATING_GOOD : SHUATI_RATING_AGAIN,
                                                 g_get_real_time () / G_USEC_PER_SEC - 3600 + i * 60, 2000,
                                                 &before, &after, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (shuati_store_set_starred (store, builtin_id, card_id, TRUE, &error));
  g_assert_true (shuati_store_set_mistake (store, builtin_id, card_id, TRUE,
                                           g_get_real_time () / G_USEC_PER_SEC - 30, &error));
  g_assert_true (shuati_store_get_memory (store, builtin_id, card_id, &builtin_memory, &error));
  g_assert_no_error (error);

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_e, GDK_CONTROL_MASK));
  dialog = ADW_MESSAGE_DIALOG (shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "copy");
  editor = wait_for_editor ();

  copy_id = g_strconcat (builtin_id, "-mine", NULL);
  g_assert_nonnull (shuati_library_lookup (f->library, copy_id));
  g_assert_false (shuati_library_is_builtin (f->library, copy_id));
  g_assert_cmpstr (shuati_deck_get_id (shuati_window_get_deck (f->window)), ==, copy_id);

  /* The copy's card has the learner's progress on the built-in one. */
  {
    ShuatiMemory copied = { 0 };
    g_autoptr(GArray) history = NULL;

    g_assert_true (shuati_store_get_memory (store, copy_id, card_id, &copied, &error));
    g_assert_no_error (error);
    g_assert_cmpint (copied.due, ==, builtin_memory.due);
    g_assert_cmpuint (copied.reps, ==, builtin_memory.reps);
    g_assert_cmpint (copied.state, ==, builtin_memory.state);
    g_assert_cmpfloat (copied.stability, ==, builtin_memory.stability);
    g_assert_true (shuati_store_is_starred (store, copy_id, card_id));
    g_assert_true (shuati_store_is_mistake (store, copy_id, card_id, NULL));
    history = shuati_store_load_card_history (store, copy_id, card_id, &error);
    g_assert_cmpuint (history->len, ==, 2);
  }

  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_QUESTION, "A question of my own");
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  wait_until_closed (GTK_WINDOW (editor));

  card = shuati_window_get_selected_card (f->window);
  g_assert_cmpstr (shuati_card_get_deck_id (card), ==, copy_id);
  g_assert_cmpstr (shuati_card_get_id (card), ==, card_id);
  g_assert_cmpstr (shuati_card_get_question (card, english), ==, "A question of my own");
  /* The built-in deck is as it was. */
  builtin = shuati_library_lookup (f->library, builtin_id);
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_lookup_card (builtin, card_id), english), ==, question);
}

/* The browser's deck actions go through win.change-cards; undo puts the
 * deck back. */
static void
test_change_cards (Fixture       *f,
                   gconstpointer  data)
{
  const char *ids[] = { "q1", NULL };
  ShuatiDeck *deck;
  gint64 deadline;

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();
  /* From the browser, which comes back over the changed deck. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.browse", NULL));
  shuati_test_settle ();
  g_assert_nonnull (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "move", ids, "training"));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (shuati_window_get_deck (f->window) == shuati_library_lookup (f->library, "mine") &&
         g_strcmp0 (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")), "training") != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  shuati_test_settle ();
  deck = shuati_window_get_deck (f->window);
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (deck, "q1")), ==, "training");
  {
    GtkWindow *browser = shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW);

    g_assert_nonnull (browser);
    g_assert_true (g_object_get_data (G_OBJECT (browser), "shuati-progress") == (gpointer)f->window->progress);
    gtk_window_destroy (browser);
    shuati_test_settle ();
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "add-tag", ids, "hot"));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "hot") &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "hot"));

  /* A deck keeps a card: deleting them all is refused. */
  {
    ShuatiDeck *shown = shuati_window_get_deck (f->window);
    g_autoptr(GPtrArray) all = g_ptr_array_new ();

    for (guint i = 0; i < shuati_deck_get_n_cards (shown); i++)
      g_ptr_array_add (all, (char *)shuati_card_get_id (shuati_deck_get_card (shown, i)));
    g_ptr_array_add (all, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                               "delete", (const char * const *)all->pdata, ""));
  }
  shuati_test_settle ();
  g_assert_nonnull (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "hot") &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "hot"));
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")), ==, "training");
}

static void
wait_for_tag (Fixture    *f,
              const char *tag,
              gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), tag) != present &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  shuati_test_settle ();
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), tag) == present);
}

static void
assert_browser_selects_q1 (void)
{
  ShuatiBrowserWindow *browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_auto(GStrv) selected = NULL;

  g_assert_nonnull (browser);
  selected = shuati_browser_window_dup_selected_ids (browser);
  g_assert_cmpuint (g_strv_length (selected), ==, 1);
  g_assert_cmpstr (selected[0], ==, "q1");
}

/* A change of the deck from the browser (a tag, an edit) brings the
 * browser back over the new deck with the same cards selected, and the
 * browser's Ctrl+Z undoes it, then what the browser did before it. */
static void
test_browser_undo (Fixture       *f,
                   gconstpointer  data)
{
  const char *ids[] = { "q1", NULL };
  ShuatiBrowserWindow *browser;
  ShuatiStore *store;

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();
  store = shuati_progress_get_store (f->window->progress);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.browse", NULL));
  shuati_test_settle ();
  browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  shuati_browser_window_select_ids (browser, ids);
  assert_browser_selects_q1 ();
  g_assert_false (shuati_store_is_starred (store, "mine", "q1"));
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_true (shuati_store_is_starred (store, "mine", "q1"));

  /* As the browser's tag dialog asks it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "add-tag", ids, "later"));
  wait_for_tag (f, "later", TRUE);
  assert_browser_selects_q1 ();

  browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK));
  wait_for_tag (f, "later", FALSE);
  assert_browser_selects_q1 ();
  /* Undoing the deck change left the star alone; the next undo takes it. */
  g_assert_true (shuati_store_is_starred (store, "mine", "q1"));
  browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_false (shuati_store_is_starred (store, "mine", "q1"));

  /* Nothing left to undo: another Ctrl+Z changes nothing. */
  shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK);
  shuati_test_settle ();
  g_assert_false (shuati_store_is_starred (store, "mine", "q1"));
  g_assert_false (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "later"));

  /* A card edited from the browser: its Ctrl+Z puts the card back. */
  {
    const char *english[] = { "en", NULL };
    g_autofree char *answer = g_strdup (shuati_card_get_answer (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"),
                                                                english));
    ShuatiCardEditor *editor;
    gint64 deadline;

    g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_e, GDK_CONTROL_MASK));
    editor = wait_for_editor ();
    shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_ANSWER, "Edited from the browser.");
    g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
    wait_until_closed (GTK_WINDOW (editor));
    g_assert_cmpstr (shuati_card_get_answer (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), english),
                     ==, "Edited from the browser.");
    assert_browser_selects_q1 ();

    browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
    g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK));
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (g_strcmp0 (shuati_card_get_answer (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), english),
                      answer) != 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    shuati_test_settle ();
    g_assert_cmpstr (shuati_card_get_answer (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), english),
                     ==, answer);
    assert_browser_selects_q1 ();
  }
}

/* Ctrl+E during a practice session edits the card under review; the
 * session goes on over the same card, and the window shows the saved
 * deck once it ends. */
static void
test_edit_from_review (Fixture       *f,
                       gconstpointer  data)
{
  ShuatiCardEditor *editor;
  ShuatiReviewPage *page;
  ShuatiCard *reviewed;
  g_autofree char *card_id = NULL;
  const char *english[] = { "en", NULL };

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_p, GDK_CONTROL_MASK));
  shuati_test_settle ();
  g_assert_true (shuati_window_is_reviewing (f->window));
  page = SHUATI_REVIEW_PAGE (f->window->review_page);
  reviewed = shuati_review_page_get_card (page);
  g_assert_nonnull (reviewed);
  card_id = g_strdup (shuati_card_get_id (reviewed));

  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_e, GDK_CONTROL_MASK));
  editor = wait_for_editor ();
  shuati_card_editor_set_field (editor, SHUATI_DRAFT_FIELD_EXPLANATION, "Written during a review.");
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK));
  wait_until_closed (GTK_WINDOW (editor));

  /* Back over the same card, in the same session. */
  g_assert_true (shuati_window_is_reviewing (f->window));
  g_assert_true (shuati_review_page_get_card (page) == reviewed);

  gtk_widget_activate_action (GTK_WIDGET (page), "review.end", NULL);
  shuati_test_settle ();
  if (shuati_window_is_reviewing (f->window))
    gtk_widget_activate_action (GTK_WIDGET (page), "review.end", NULL);
  shuati_test_settle ();
  g_assert_false (shuati_window_is_reviewing (f->window));
  g_assert_true (shuati_window_get_deck (f->window) == shuati_library_lookup (f->library, "mine"));
  g_assert_cmpstr (shuati_card_get_explanation (shuati_deck_lookup_card (shuati_window_get_deck (f->window), card_id),
                                                english), ==, "Written during a review.");
}

static void
wait_for_topic (Fixture    *f,
                const char *topic_id,
                gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((shuati_deck_lookup_topic (shuati_window_get_deck (f->window), topic_id) != NULL) != present &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  shuati_test_settle ();
  g_assert_true ((shuati_deck_lookup_topic (shuati_window_get_deck (f->window), topic_id) != NULL) == present);
}

static void
wait_for_q1_topic (Fixture    *f,
                   const char *topic)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")),
                    topic) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  shuati_test_settle ();
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")),
                   ==, topic);
}

/* Changes of one's own deck undo one after another, newest first, from
 * the main window and from the browser's Ctrl+Z alike; the stack keeps
 * the last SHUATI_UNDO_DEPTH of them, and an empty one undoes nothing. */
static void
test_deck_undo_stack (Fixture       *f,
                      gconstpointer  data)
{
  const char *ids[] = { "q1", NULL };
  ShuatiBrowserWindow *browser;
  g_autofree char *first = NULL;
  const char *other;

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();
  /* The deck as the tests before left it. */
  first = g_strdup (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")));
  other = g_str_equal (first, "training") ? "attention" : "training";
  g_assert_cmpuint (_shuati_window_get_n_deck_undo (f->window), ==, 0);
  /* Nothing to undo: the deck stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
  shuati_test_settle ();
  g_assert_true (shuati_window_get_deck (f->window) == shuati_library_lookup (f->library, "mine"));

  /* Three changes: a tag, a move, another tag. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "add-tag", ids, "undo-one"));
  wait_for_tag (f, "undo-one", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "move", ids, other));
  wait_for_q1_topic (f, other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "add-tag", ids, "undo-two"));
  wait_for_tag (f, "undo-two", TRUE);
  g_assert_cmpuint (_shuati_window_get_n_deck_undo (f->window), ==, 3);

  /* Undone in turn, newest first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
  wait_for_tag (f, "undo-two", FALSE);
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "undo-one"));
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")),
                   ==, other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
  wait_for_q1_topic (f, first);
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "undo-one"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
  wait_for_tag (f, "undo-one", FALSE);
  g_assert_cmpuint (_shuati_window_get_n_deck_undo (f->window), ==, 0);

  /* From the browser: two changes, two Ctrl+Z. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.browse", NULL));
  shuati_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "add-tag", ids, "undo-three"));
  wait_for_tag (f, "undo-three", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "move", ids, other));
  wait_for_q1_topic (f, other);
  browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK));
  wait_for_q1_topic (f, first);
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "undo-three"));
  browser = SHUATI_BROWSER_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW));
  g_assert_true (shuati_test_press_shortcut (GTK_WIDGET (browser), GDK_KEY_z, GDK_CONTROL_MASK));
  wait_for_tag (f, "undo-three", FALSE);
  gtk_window_destroy (GTK_WINDOW (shuati_test_find_toplevel (SHUATI_TYPE_BROWSER_WINDOW)));
  shuati_test_settle ();

  /* More changes than the stack keeps: the oldest go. */
  for (guint i = 0; i < SHUATI_UNDO_DEPTH + 2; i++)
    {
      g_autofree char *tag = g_strdup_printf ("undo-t%u", i);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                                 "add-tag", ids, tag));
      wait_for_tag (f, tag, TRUE);
    }
  g_assert_cmpuint (_shuati_window_get_n_deck_undo (f->window), ==, SHUATI_UNDO_DEPTH);
  for (guint i = 0; i < SHUATI_UNDO_DEPTH; i++)
    {
      g_autofree char *tag = g_strdup_printf ("undo-t%u", SHUATI_UNDO_DEPTH + 1 - i);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-change-cards", NULL));
      wait_for_tag (f, tag, FALSE);
    }
  /* The two oldest stay: they left the stack. */
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "undo-t1"));
  g_assert_true (shuati_card_has_tag (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1"), "undo-t0"));
  g_assert_cmpuint (_shuati_window_get_n_deck_undo (f->window), ==, 0);
}

/* Topics of one's own deck: added from the menu's dialog, then deleted
 * with its cards moved to another. */
static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  const char *ids[] = { "q1", NULL };

  shuati_window_set_deck (f->window, shuati_library_lookup (f->library, "mine"));
  shuati_test_settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-topic", NULL));
  dialog = ADW_MESSAGE_DIALOG (shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  box = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (gtk_widget_get_first_child (box)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (box)), "Retrieval");
  adw_message_dialog_response (dialog, "apply");
  wait_for_topic (f, "retrieval", TRUE);
  /* As its button would, the answer closes the dialog. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  shuati_test_settle ();

  /* Put a card in it, then delete it: the card moves to the first topic. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-cards", "(s^ass)",
                                             "move", ids, "retrieval"));
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (g_strcmp0 (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")),
                      "retrieval") != 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-topic", NULL));
  dialog = ADW_MESSAGE_DIALOG (shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  box = adw_message_dialog_get_extra_child (dialog);
  {
    GtkDropDown *which = GTK_DROP_DOWN (gtk_widget_get_first_child (box));
    GtkDropDown *move_to = GTK_DROP_DOWN (gtk_widget_get_last_child (box));
    guint n = g_list_model_get_n_items (gtk_drop_down_get_model (which));

    /* The new topic is the last. */
    gtk_drop_down_set_selected (which, n - 1);
    gtk_drop_down_set_selected (move_to, 0);
  }
  adw_message_dialog_response (dialog, "apply");
  wait_for_topic (f, "retrieval", FALSE);
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (shuati_window_get_deck (f->window), "q1")),
                   ==, "attention");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/shuati/card-editor/new-card", Fixture, NULL, setup, test_new_card, teardown);
  g_test_add ("/shuati/card-editor/edit-card", Fixture, NULL, setup, test_edit_card, teardown);
  g_test_add ("/shuati/card-editor/builtin-copy", Fixture, NULL, setup, test_builtin_copy, teardown);
  g_test_add ("/shuati/card-editor/change-cards", Fixture, NULL, setup, test_change_cards, teardown);
  g_test_add ("/shuati/card-editor/browser-undo", Fixture, NULL, setup, test_browser_undo, teardown);
  g_test_add ("/shuati/card-editor/deck-undo-stack", Fixture, NULL, setup, test_deck_undo_stack, teardown);
  g_test_add ("/shuati/card-editor/topics", Fixture, NULL, setup, test_topics, teardown);
  g_test_add ("/shuati/card-editor/edit-from-review", Fixture, NULL, setup, test_edit_from_review, teardown);

  {
    int status = g_test_run ();
    g_autofree char *home = g_build_filename (g_get_user_data_dir (), "shuati", NULL);

    g_clear_object (&app);
    shuati_test_remove_tree (home);
    return status;
  }
}
