/* test-review-page.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "shuati-deck.h"
#include "shuati-markdown.h"
#include "shuati-review-page.h"
#include "shuati-store-private.h"
#include "shuati-test-ui.h"
#include "shuati-test-utils.h"

typedef struct
{
  char             *dir;
  ShuatiDeck       *deck;
  ShuatiStore      *store;
  ShuatiScheduler  *scheduler;
  ShuatiSession    *session;
  GtkWindow        *window;
  ShuatiReviewPage *page;
  guint             n_finished;
  guint             n_study_more;
  char             *study_more;
  GPtrArray        *toasts;
  ShuatiCard       *opened;
} Fixture;

static void
on_finished (ShuatiReviewPage *page,
             Fixture          *fixture)
{
  fixture->n_finished++;
}

static void
on_study_more (ShuatiReviewPage *page,
               const char       *what,
               Fixture          *fixture)
{
  fixture->n_study_more++;
  g_free (fixture->study_more);
  fixture->study_more = g_strdup (what);
}

static void
on_add_toast (ShuatiReviewPage *page,
              AdwToast         *toast,
              Fixture          *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (adw_toast_get_title (toast)));
}

static void
on_open_card (ShuatiReviewPage *page,
              ShuatiCard       *card,
              Fixture          *fixture)
{
  g_set_object (&fixture->opened, card);
}

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *store_path = NULL;
  g_autoptr(GError) error = NULL;

  set_animations (FALSE);

  fixture->dir = g_dir_make_tmp ("shuati-review-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->deck = shuati_test_load_corpus ();

  store_path = g_build_filename (fixture->dir, "progress.db", NULL);
  fixture->store = shuati_store_new (store_path, &error);
  g_assert_no_error (error);

  fixture->scheduler = shuati_scheduler_new ();
  shuati_scheduler_set_fuzz (fixture->scheduler, FALSE);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);

  fixture->page = SHUATI_REVIEW_PAGE (shuati_review_page_new ());
  g_signal_connect (fixture->page, "finished", G_CALLBACK (on_finished), fixture);
  g_signal_connect (fixture->page, "study-more", G_CALLBACK (on_study_more), fixture);
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (on_add_toast), fixture);
  g_signal_connect (fixture->page, "open-card", G_CALLBACK (on_open_card), fixture);
  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "en", NULL });

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->page)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&fixture->opened);
  g_clear_pointer (&fixture->study_more, g_free);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->scheduler);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->deck);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
start_study_on (Fixture    *fixture,
                ShuatiDeck *deck,
                guint       new_limit)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->session);
  fixture->session = shuati_session_new_study (fixture->scheduler, fixture->store,
                                               shuati_deck_get_id (deck),
                                               G_LIST_MODEL (deck), new_limit,
                                               g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->session);
  shuati_review_page_set_session (fixture->page, fixture->session);
}

static void
start_study (Fixture *fixture,
             guint    new_limit)
{
  start_study_on (fixture, fixture->deck, new_limit);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = shuati_store_get_database (fixture->store);
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return result;
}

static gint64
count_reviews (Fixture *fixture)
{
  return query_int (fixture, "SELECT count(*) FROM reviews");
}

/* Runs the page's key binding for @keyval the way the shortcut controller
 * does when that key is pressed. */
static gboolean
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcut) shortcut = shuati_test_find_shortcut (GTK_WIDGET (fixture->page), keyval, modifiers);

  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       GTK_WIDGET (fixture->page), gtk_shortcut_get_arguments (shortcut));
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_text (Fixture    *fixture,
            const char *text)
{
  return shuati_test_find_widget (GTK_WIDGET (fixture->page), is_mapped_label, text) != NULL;
}

static gboolean
is_grade_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "review.grade") != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_get_int32 (target) == GPOINTER_TO_INT (data);
}

static GtkWidget *
grade_button (Fixture *fixture,
              int      rating)
{
  GtkWidget *button = shuati_test_find_widget (GTK_WIDGET (fixture->page), is_grade_button, GINT_TO_POINTER (rating));

  g_assert_nonnull (button);
  return button;
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static guint
count_points (GtkWidget *root)
{
  guint n = is_check_button (root, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_points (child);
  return n;
}

static gboolean
is_card_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "back") != NULL;
}

static ShuatiCard *
current_card (Fixture *fixture)
{
  return shuati_session_get_current (fixture->session);
}

/* The keys reach the page: the focus is on it or inside it, and never
 * on a label (focusing one selects its text). */
static gboolean
focus_in_page (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && !GTK_IS_LABEL (focus) &&
         (focus == GTK_WIDGET (fixture->page) || gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->page)));
}

static const char *
en_title (ShuatiCard *card)
{
  return shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en");
}

static void
test_flip_and_grade (Fixture       *fixture,
                     gconstpointer  data)
{
  ShuatiCard *first;
  g_autofree char *card_id = NULL;

  start_study (fixture, 5);
  first = current_card (fixture);
  g_assert_nonnull (first);
  card_id = g_strdup (shuati_card_get_id (first));

  /* The front shows the title; grading is not possible yet. */
  g_assert_false (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (shows_text (fixture, en_title (first)));
  g_assert_false (gtk_widget_get_sensitive (grade_button (fixture, SHUATI_RATING_GOOD)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.grade", "i", 3);
  g_assert_cmpint (count_reviews (fixture), ==, 0);
  g_assert_cmpuint (shuati_session_get_n_done (fixture->session), ==, 0);
  g_assert_true (current_card (fixture) == first);
  /* A number key on the front does not grade either. */
  press_key (fixture, GDK_KEY_3, 0);
  g_assert_cmpint (count_reviews (fixture), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.flip", NULL));
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (gtk_widget_get_sensitive (grade_button (fixture, SHUATI_RATING_GOOD)));
  g_assert_true (shows_text (fixture, "Answer"));
  /* The focus is on the page, not on a label with all its text selected. */
  g_assert_true (focus_in_page (fixture));

  /* The answer took a measurable time. */
  g_usleep (60 * 1000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.grade", "i", 3);

  g_assert_cmpint (count_reviews (fixture), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT rating FROM reviews"), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (query_int (fixture, "SELECT duration_ms FROM reviews"), >=, 60);
  g_assert_cmpint (query_int (fixture, "SELECT duration_ms FROM reviews"), <, 60 * 1000);
  g_assert_cmpuint (shuati_session_get_n_done (fixture->session), ==, 1);

  /* The next card comes on its front, with focus on the card. */
  g_assert_false (current_card (fixture) == first);
  g_assert_false (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (shows_text (fixture, en_title (current_card (fixture))));
  g_assert_false (gtk_widget_get_sensitive (grade_button (fixture, SHUATI_RATING_GOOD)));
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  g_assert_true (focus_in_page (fixture));
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  ShuatiCard *first;

  start_study (fixture, 5);
  first = current_card (fixture);

  /* Space turns the card ... */
  g_assert_true (press_key (fixture, GDK_KEY_space, 0));
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (current_card (fixture) == first);

  /* ... and on the back, with no checklist ticked yet, takes the
   * suggestion; without a checklist that is Good. */
  g_assert_cmpint (count_reviews (fixture), ==, 0);

  /* Keys 1 to 4 grade: Easy here. */
  g_assert_true (press_key (fixture, GDK_KEY_4, 0));
  g_assert_cmpint (query_int (fixture, "SELECT rating FROM reviews ORDER BY id DESC LIMIT 1"), ==,
                   SHUATI_RATING_EASY);

  /* Enter turns the next card too. */
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_assert_cmpint (query_int (fixture, "SELECT rating FROM reviews ORDER BY id DESC LIMIT 1"), ==,
                   SHUATI_RATING_AGAIN);
  g_assert_cmpint (count_reviews (fixture), ==, 2);

  /* E opens the card on screen in the reader. */
  press_key (fixture, GDK_KEY_e, 0);
  g_assert_true (fixture->opened == current_card (fixture));
}

static gboolean
card_has_points (ShuatiCard *card)
{
  g_autoptr(GPtrArray) points = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, "en"));
  return points->len > 0;
}

static void
test_space_on_back_is_good (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) mini = NULL;
  ShuatiCard *card;
  g_autofree char *sql = NULL;

  mini = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  start_study_on (fixture, mini, 5);

  /* A card without numbered points has no checklist; Space means Good. */
  card = current_card (fixture);
  g_assert_false (card_has_points (card));
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_cmpuint (count_points (GTK_WIDGET (fixture->page)), ==, 0);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_GOOD), "suggested-action"));
  press_key (fixture, GDK_KEY_space, 0);

  sql = g_strdup_printf ("SELECT rating FROM reviews WHERE card_id = '%s'", shuati_card_get_id (card));
  g_assert_cmpint (query_int (fixture, sql), ==, SHUATI_RATING_GOOD);

  /* Enter does the same. */
  card = current_card (fixture);
  press_key (fixture, GDK_KEY_Return, 0);
  press_key (fixture, GDK_KEY_KP_Enter, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT rating FROM reviews WHERE card_id = '%s'", shuati_card_get_id (card));
  g_assert_cmpint (query_int (fixture, sql), ==, SHUATI_RATING_GOOD);
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) points = NULL;
  ShuatiCard *card;
  g_autofree char *sql = NULL;

  start_study (fixture, 5);
  card = current_card (fixture);
  g_assert_true (card_has_points (card));
  points = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, "en"));
  g_assert_cmpuint (points->len, >=, 2);

  /* The points are not on the front. */
  g_assert_cmpuint (count_points (GTK_WIDGET (fixture->page)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.flip", NULL);
  g_assert_cmpuint (count_points (GTK_WIDGET (fixture->page)), ==, points->len);
  /* A point that opens with a name and a colon is listed by its name. */
  {
    const char *point = g_ptr_array_index (points, 0);
    const char *colon = strchr (point, ':');
    g_autofree char *lead = NULL;

    g_assert_nonnull (colon);
    lead = g_strndup (point, colon - point);
    g_assert_true (shows_text (fixture, lead));
    g_assert_false (shows_text (fixture, point));
  }

  /* Left alone, the checklist suggests Good, as Space is in Anki. */
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_GOOD), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_AGAIN), "suggested-action"));

  /* Ticked and unticked again: the learner recalled none. Again. */
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_AGAIN);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_AGAIN), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_GOOD), "suggested-action"));

  /* Some: Hard. Alt+1 ticks the first point. */
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_HARD);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_HARD), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_AGAIN), "suggested-action"));

  /* All: Good. */
  for (guint i = 2; i <= points->len; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.toggle-point", "i", (int)i);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_GOOD), "suggested-action"));

  /* Untick one again, and a point that does not exist changes nothing. */
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.toggle-point", "i", 99);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.toggle-point", "i", -1);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_HARD);

  /* Space takes the suggestion. */
  press_key (fixture, GDK_KEY_space, 0);
  sql = g_strdup_printf ("SELECT rating FROM reviews WHERE card_id = '%s'", shuati_card_get_id (card));
  g_assert_cmpint (query_int (fixture, sql), ==, SHUATI_RATING_HARD);
  g_clear_pointer (&sql, g_free);

  /* A number key overrides it: the next card has a checklist with some
   * points ticked, and 4 still means Easy. */
  card = current_card (fixture);
  while (!card_has_points (card))
    {
      press_key (fixture, GDK_KEY_space, 0);
      press_key (fixture, GDK_KEY_4, 0);
      card = current_card (fixture);
    }
  press_key (fixture, GDK_KEY_space, 0);
  /* A new card starts untouched. */
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_HARD);
  press_key (fixture, GDK_KEY_4, 0);
  sql = g_strdup_printf ("SELECT rating FROM reviews WHERE card_id = '%s'", shuati_card_get_id (card));
  g_assert_cmpint (query_int (fixture, sql), ==, SHUATI_RATING_EASY);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  ShuatiCard *first;

  start_study (fixture, 5);
  first = current_card (fixture);

  /* Nothing to undo yet. */
  press_key (fixture, GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_assert_true (current_card (fixture) == first);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.flip", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.grade", "i", 4);
  g_assert_cmpint (count_reviews (fixture), ==, 1);
  g_assert_false (current_card (fixture) == first);

  press_key (fixture, GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpint (count_reviews (fixture), ==, 0);
  g_assert_true (current_card (fixture) == first);
  g_assert_cmpuint (shuati_session_get_n_done (fixture->session), ==, 0);
  g_assert_false (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (shows_text (fixture, en_title (first)));

  /* U undoes too. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.flip", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.grade", "i", 2);
  g_assert_cmpint (count_reviews (fixture), ==, 1);
  press_key (fixture, GDK_KEY_u, 0);
  g_assert_cmpint (count_reviews (fixture), ==, 0);
  g_assert_true (current_card (fixture) == first);
}

static void
test_star (Fixture       *fixture,
           gconstpointer  data)
{
  const char *deck_id = shuati_deck_get_id (fixture->deck);
  g_autofree char *card_id = NULL;

  start_study (fixture, 5);
  card_id = g_strdup (shuati_card_get_id (current_card (fixture)));

  g_assert_false (shuati_review_page_get_starred (fixture->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.toggle-star", NULL));
  g_assert_true (shuati_store_is_starred (fixture->store, deck_id, card_id));
  g_assert_true (shuati_review_page_get_starred (fixture->page));

  press_key (fixture, GDK_KEY_s, 0);
  g_assert_false (shuati_store_is_starred (fixture->store, deck_id, card_id));
  g_assert_false (shuati_review_page_get_starred (fixture->page));

  press_key (fixture, GDK_KEY_asterisk, 0);
  g_assert_true (shuati_store_is_starred (fixture->store, deck_id, card_id));

  /* A star set elsewhere shows on the page. */
  g_assert_true (shuati_store_set_starred (fixture->store, deck_id, card_id, FALSE, NULL));
  g_assert_false (shuati_review_page_get_starred (fixture->page));

  /* Each card shows its own star. */
  g_assert_true (shuati_store_set_starred (fixture->store, deck_id, card_id, TRUE, NULL));
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  g_assert_false (shuati_review_page_get_starred (fixture->page));
  press_key (fixture, GDK_KEY_u, 0);
  g_assert_true (shuati_review_page_get_starred (fixture->page));
}

static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *db = shuati_store_get_database (fixture->store);
  const char *deck_id = shuati_deck_get_id (fixture->deck);
  ShuatiCard *first;

  start_study (fixture, 5);
  first = current_card (fixture);
  press_key (fixture, GDK_KEY_space, 0);

  /* The database refuses writes: the grade is not lost silently, the user
   * is told, and the card stays so that it can be graded again. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  press_key (fixture, GDK_KEY_3, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_true (current_card (fixture) == first);
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_cmpuint (shuati_session_get_n_done (fixture->session), ==, 0);

  press_key (fixture, GDK_KEY_s, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  g_assert_false (shuati_review_page_get_starred (fixture->page));
  g_assert_false (shuati_store_is_starred (fixture->store, deck_id, shuati_card_get_id (first)));

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA query_only = OFF", NULL, NULL, NULL), ==, SQLITE_OK);
  press_key (fixture, GDK_KEY_3, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  g_assert_cmpint (count_reviews (fixture), ==, 1);
  g_assert_false (current_card (fixture) == first);
}

static void
test_practice (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = shuati_session_new_practice (G_LIST_MODEL (fixture->deck), FALSE, 0);
  ShuatiCard *first = shuati_session_get_current (session);

  shuati_review_page_set_session (fixture->page, session);
  g_assert_true (shows_text (fixture, "Practice — your schedule is not changed"));

  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  /* No intervals under the grade buttons. */
  g_assert_false (shows_text (fixture, "1 min"));
  g_assert_false (shows_text (fixture, "10 min"));

  press_key (fixture, GDK_KEY_3, 0);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_1, 0);
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 2);
  g_assert_false (shuati_session_get_current (session) == first);
  g_assert_cmpint (count_reviews (fixture), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM cards"), ==, 0);

  press_key (fixture, GDK_KEY_u, 0);
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 1);

  shuati_review_page_set_session (fixture->page, NULL);
}

static void
test_practice_star (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *deck_id = shuati_deck_get_id (fixture->deck);
  g_autoptr(ShuatiSession) plain = shuati_session_new_practice (G_LIST_MODEL (fixture->deck), FALSE, 0);
  g_autoptr(ShuatiSession) session = NULL;
  const char *card_id;

  /* Practice without a progress file: the star key does nothing. */
  shuati_review_page_set_session (fixture->page, plain);
  card_id = shuati_card_get_id (shuati_session_get_current (plain));
  press_key (fixture, GDK_KEY_s, 0);
  g_assert_false (shuati_review_page_get_starred (fixture->page));
  g_assert_false (shuati_store_is_starred (fixture->store, deck_id, card_id));
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  /* Practice with one stars through the session. */
  session = shuati_session_new_practice_with_store (fixture->store, G_LIST_MODEL (fixture->deck),
                                                    FALSE, 0);
  shuati_review_page_set_session (fixture->page, session);
  card_id = shuati_card_get_id (shuati_session_get_current (session));
  press_key (fixture, GDK_KEY_s, 0);
  g_assert_true (shuati_review_page_get_starred (fixture->page));
  g_assert_true (shuati_store_is_starred (fixture->store, deck_id, card_id));

  /* A star set elsewhere shows; the page no longer hears the old session. */
  g_assert_true (shuati_store_set_starred (fixture->store, deck_id, card_id, FALSE, NULL));
  g_assert_false (shuati_review_page_get_starred (fixture->page));
  g_assert_cmpint (count_reviews (fixture), ==, 0);
  g_assert_cmpuint (g_signal_handlers_disconnect_matched (plain, G_SIGNAL_MATCH_DATA,
                                                          0, 0, NULL, NULL, fixture->page), ==, 0);

  shuati_review_page_set_session (fixture->page, NULL);
  g_assert_cmpuint (g_signal_handlers_disconnect_matched (session, G_SIGNAL_MATCH_DATA,
                                                          0, 0, NULL, NULL, fixture->page), ==, 0);
}

static void
test_study_shows_intervals (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 intervals[4];

  start_study (fixture, 5);
  g_assert_false (shows_text (fixture, "Practice — your schedule is not changed"));
  press_key (fixture, GDK_KEY_space, 0);

  shuati_session_preview (fixture->session, g_get_real_time () / G_USEC_PER_SEC, intervals);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = shuati_format_interval (intervals[i]);
      g_assert_true (shows_text (fixture, text));
    }
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  start_study (fixture, 2);
  g_assert_true (shows_text (fixture, "0 done · 2 new · 0 learning · 0 due"));

  /* Easy, Again (the card comes back), Easy, Easy: 4 reviews, 3 remembered. */
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  g_assert_true (shows_text (fixture, "1 done · 1 new · 0 learning · 0 due"));
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_1, 0);
  g_assert_true (shows_text (fixture, "2 done · 0 new · 1 learning · 0 due"));
  g_assert_nonnull (current_card (fixture));
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  g_assert_null (current_card (fixture));

  g_assert_true (shows_text (fixture, "Session Complete"));
  g_assert_true (shows_text (fixture, "3"));
  g_assert_true (shows_text (fixture, "Cards reviewed"));
  g_assert_true (shows_text (fixture, "67%"));
  g_assert_false (shows_text (fixture, "Answer"));

  /* Grading keys do nothing on the summary ... */
  press_key (fixture, GDK_KEY_4, 0);
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_cmpint (count_reviews (fixture), ==, 3);

  /* ... but undo brings the last card back. */
  press_key (fixture, GDK_KEY_u, 0);
  g_assert_nonnull (current_card (fixture));
  g_assert_false (shows_text (fixture, "Session Complete"));
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  g_assert_true (shows_text (fixture, "Session Complete"));

  g_assert_cmpuint (fixture->n_study_more, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "new"));
  g_assert_cmpuint (fixture->n_study_more, ==, 1);
  g_assert_cmpstr (fixture->study_more, ==, "new");
  /* Something else is not a choice. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "everything");
  g_assert_cmpuint (fixture->n_study_more, ==, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  press_key (fixture, GDK_KEY_Escape, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  start_study (fixture, 0);
  g_assert_null (current_card (fixture));
  g_assert_true (shows_text (fixture, "Nothing to Study Right Now"));
  g_assert_false (shows_text (fixture, "Session Complete"));

  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_s, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  /* Every card was new and the limit is 0: the empty page offers more. */
  g_assert_true (shows_text (fixture, "Study 10 More New Cards Today"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "new");
  g_assert_cmpuint (fixture->n_study_more, ==, 1);
  g_assert_cmpstr (fixture->study_more, ==, "new");
}

static void
test_escape (Fixture       *fixture,
             gconstpointer  data)
{
  start_study (fixture, 5);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_3, 0);

  /* Leaving with cards to go shows what was done, with a way back. */
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  press_key (fixture, GDK_KEY_Escape, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_true (shows_text (fixture, "Session Paused"));
  g_assert_true (shows_text (fixture, "Back to the Session"));
  g_assert_true (shows_text (fixture, "1"));
  g_assert_false (shows_text (fixture, "Review Ahead"));
  /* What was graded is saved already. */
  g_assert_cmpint (count_reviews (fixture), ==, 1);

  /* Escape on the summary leaves. */
  press_key (fixture, GDK_KEY_Escape, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (count_reviews (fixture), ==, 1);

  /* Nothing graded yet: Escape leaves at once. */
  start_study (fixture, 5);
  press_key (fixture, GDK_KEY_Escape, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 2);
}

static void
test_languages (Fixture       *fixture,
                gconstpointer  data)
{
  ShuatiCard *card;
  const char *zh;
  const char *en;

  start_study (fixture, 5);
  card = current_card (fixture);
  zh = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN");
  en = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "en");

  g_assert_true (shows_text (fixture, en));
  g_assert_false (shows_text (fixture, zh));

  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "zh_CN", NULL });
  g_assert_true (shows_text (fixture, zh));
  g_assert_false (shows_text (fixture, en));

  /* Two languages: the second under each part. */
  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "zh_CN", "en", NULL });
  g_assert_true (shows_text (fixture, zh));
  g_assert_true (shows_text (fixture, en));

  /* The same language twice shows it once. */
  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "en", "en_US", NULL });
  g_assert_true (shows_text (fixture, en));
  g_assert_false (shows_text (fixture, zh));

  /* A change of language keeps the side and the ticks. */
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_HARD);
  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "zh_CN", NULL });
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_HARD);
}

static void
test_animations (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkStack *card_stack;

  start_study (fixture, 5);
  card_stack = GTK_STACK (shuati_test_find_widget (GTK_WIDGET (fixture->page), is_card_stack, NULL));
  g_assert_nonnull (card_stack);

  /* Animations off: the card turns at once. */
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_false (gtk_stack_get_transition_running (card_stack));
  press_key (fixture, GDK_KEY_3, 0);

  set_animations (TRUE);
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (gtk_stack_get_transition_running (card_stack));
  while (gtk_stack_get_transition_running (card_stack))
    g_main_context_iteration (NULL, TRUE);
  set_animations (FALSE);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  ShuatiCard *second;

  start_study (fixture, 5);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_3, 0);
  second = current_card (fixture);
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (shuati_review_page_get_revealed (fixture->page));

  /* The close button is review.end: the summary, paused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.end", NULL));
  g_assert_true (shows_text (fixture, "Session Paused"));
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  /* Grading keys do nothing there; neither does asking for more. */
  g_assert_false (press_key (fixture, GDK_KEY_3, 0));
  g_assert_false (press_key (fixture, GDK_KEY_space, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "new");
  g_assert_cmpint (count_reviews (fixture), ==, 1);
  g_assert_cmpuint (fixture->n_study_more, ==, 0);

  /* Back to the same card, on the side it showed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.resume", NULL));
  g_assert_false (shows_text (fixture, "Session Paused"));
  g_assert_true (current_card (fixture) == second);
  g_assert_true (shuati_review_page_get_revealed (fixture->page));
  g_assert_true (focus_in_page (fixture));
  press_key (fixture, GDK_KEY_3, 0);
  g_assert_cmpint (count_reviews (fixture), ==, 2);

  /* A session with nothing done yet ends at once; resume then has
   * nothing to go back to. */
  shuati_review_page_set_session (fixture->page, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.resume", NULL);
  g_assert_false (shows_text (fixture, "Back to the Session"));
  g_assert_cmpint (count_reviews (fixture), ==, 2);
}

/* The rating that landed in the store for @card, by key. */
static gint64
rating_of (Fixture    *fixture,
           ShuatiCard *card)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rating FROM reviews WHERE card_id = '%s'"
                                          " ORDER BY id DESC LIMIT 1", shuati_card_get_id (card));

  return query_int (fixture, sql);
}

/* A card with a checklist, front up. */
static ShuatiCard *
next_card_with_points (Fixture *fixture)
{
  ShuatiCard *card = current_card (fixture);

  while (!card_has_points (card))
    {
      press_key (fixture, GDK_KEY_space, 0);
      press_key (fixture, GDK_KEY_3, 0);
      card = current_card (fixture);
    }
  return card;
}

static void
collect_points (GtkWidget *root,
                GPtrArray *rows)
{
  if (is_check_button (root, NULL))
    g_ptr_array_add (rows, g_object_ref (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_points (child, rows);
}

/* The checklist rows are made once and relabelled for each card: making
 * and measuring new ones cost most of a grade's time. */
static void
test_checklist_reused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) points = NULL;
  ShuatiCard *card;

  start_study (fixture, 20);
  card = next_card_with_points (fixture);
  g_assert_nonnull (card);
  press_key (fixture, GDK_KEY_space, 0);
  collect_points (GTK_WIDGET (fixture->page), first);
  g_assert_cmpuint (first->len, >, 0);

  /* Ticked on this card, graded: the next card's points start unticked. */
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (first, 0)));
  press_key (fixture, GDK_KEY_3, 0);
  g_assert_false (current_card (fixture) == card);

  card = next_card_with_points (fixture);
  g_assert_nonnull (card);
  press_key (fixture, GDK_KEY_space, 0);
  collect_points (GTK_WIDGET (fixture->page), second);
  points = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, "en"));
  g_assert_cmpuint (second->len, ==, points->len);

  for (guint i = 0; i < second->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (second, i);
      GtkLabel *label = GTK_LABEL (gtk_check_button_get_child (check));
      const char *point = g_ptr_array_index (points, i);

      /* The same rows as before, as far as there were enough. */
      if (i < first->len)
        g_assert_true ((gpointer)check == g_ptr_array_index (first, i));
      g_assert_false (gtk_check_button_get_active (check));
      /* Each shows this card's point, or the name before its colon. */
      g_assert_true (g_str_has_prefix (point, gtk_label_get_text (label)));
      g_assert_cmpstr (gtk_label_get_text (label), !=, "");
    }
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);

  /* Rows this card does not need are hidden, not left showing. */
  for (guint i = second->len; i < first->len; i++)
    g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (first, i)));
}

/* Space, Space on cards with a checklist, as an Anki user goes: the
 * review in the store is Good unless the learner used the checklist. */
static void
test_space_key_path (Fixture       *fixture,
                     gconstpointer  data)
{
  ShuatiCard *card;

  start_study (fixture, 20);

  /* Untouched: Good. */
  card = next_card_with_points (fixture);
  g_assert_true (press_key (fixture, GDK_KEY_space, 0));
  g_assert_cmpuint (count_points (GTK_WIDGET (fixture->page)), >, 1);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_GOOD), "suggested-action"));
  g_assert_true (press_key (fixture, GDK_KEY_space, 0));
  g_assert_cmpint (rating_of (fixture, card), ==, SHUATI_RATING_GOOD);

  /* One point of several: Hard, by Enter. */
  card = next_card_with_points (fixture);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_2, GDK_ALT_MASK);
  g_assert_true (gtk_widget_has_css_class (grade_button (fixture, SHUATI_RATING_HARD), "suggested-action"));
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_cmpint (rating_of (fixture, card), ==, SHUATI_RATING_HARD);

  /* Ticked, then unticked: Again. */
  card = next_card_with_points (fixture);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  press_key (fixture, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_true (press_key (fixture, GDK_KEY_space, 0));
  g_assert_cmpint (rating_of (fixture, card), ==, SHUATI_RATING_AGAIN);

  /* Every point: Good; the number keys still win over the suggestion. */
  card = next_card_with_points (fixture);
  press_key (fixture, GDK_KEY_space, 0);
  for (guint i = 1; i <= count_points (GTK_WIDGET (fixture->page)); i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.toggle-point", "i", (int)i);
  g_assert_cmpint (shuati_review_page_get_suggested_rating (fixture->page), ==, SHUATI_RATING_GOOD);
  g_assert_true (press_key (fixture, GDK_KEY_2, 0));
  g_assert_cmpint (rating_of (fixture, card), ==, SHUATI_RATING_HARD);
}

/* Lets the card turn to its end, then two more frames: one to lay out the
 * new text, one for anything that follows the focus. */
static void
wait_for_layout (GtkStack *card_stack)
{
  while (gtk_stack_get_transition_running (card_stack))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < 2; i++)
    {
      gint64 until = g_get_monotonic_time () + 40 * 1000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Every card opens at its top, front and back, even after the last one
 * was scrolled to its end: the focus never sits inside the long card,
 * which the scrolled window would follow as the card turns. */
static void
test_opens_at_top (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkScrolledWindow *back;
  GtkScrolledWindow *front;
  GtkAdjustment *adjustment;
  GtkStack *card_stack;

  gtk_window_set_default_size (fixture->window, 480, 360);
  set_animations (TRUE);
  start_study (fixture, 5);
  card_stack = GTK_STACK (shuati_test_find_widget (GTK_WIDGET (fixture->page), is_card_stack, NULL));
  front = GTK_SCROLLED_WINDOW (gtk_stack_get_child_by_name (card_stack, "front"));
  back = GTK_SCROLLED_WINDOW (gtk_stack_get_child_by_name (card_stack, "back"));
  wait_for_layout (card_stack);

  for (guint n = 1; n <= 3; n++)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (front);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

      press_key (fixture, GDK_KEY_space, 0);
      wait_for_layout (card_stack);
      adjustment = gtk_scrolled_window_get_vadjustment (back);
      /* The back is long enough to scroll: the check means something. */
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 100);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
      g_assert_true (focus_in_page (fixture));
      g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                              GTK_WIDGET (back)));

      /* The learner reads down to the end before grading. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      wait_for_layout (card_stack);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
      press_key (fixture, GDK_KEY_3, 0);
      wait_for_layout (card_stack);
    }
  set_animations (FALSE);
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* Each side of a card sits at the top of its view, as tall as its text
 * at the width it has, not stretched to the view; and it gets there
 * without being aligned, which would have GTK lay its text out at many
 * widths to find the narrowest one at which it fits the view. */
static void
test_card_at_top (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const sides[] = { "review-front", "review-back" };
  GtkStack *card_stack;

  start_study (fixture, 5);
  card_stack = GTK_STACK (shuati_test_find_widget (GTK_WIDGET (fixture->page), is_card_stack, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      GtkWidget *card = shuati_test_find_widget (GTK_WIDGET (fixture->page), has_css_class, sides[i]);
      GtkWidget *view = gtk_widget_get_ancestor (card, GTK_TYPE_VIEWPORT);
      graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);
      graphene_point_t top;
      int height;

      if (i == 1)
        press_key (fixture, GDK_KEY_space, 0);
      wait_for_layout (card_stack);

      g_assert_cmpint (gtk_widget_get_valign (card), ==, GTK_ALIGN_FILL);
      g_assert_true (gtk_widget_compute_point (card, view, &origin, &top));
      g_assert_cmpfloat (top.y, <=, 12 + gtk_widget_get_margin_top (card));
      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (card), NULL, &height, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (card), ==, height);
      /* The front is shorter than its view: the check means something. */
      if (i == 0)
        g_assert_cmpint (gtk_widget_get_height (card), <, gtk_widget_get_height (view) - 100);
    }
}

static gboolean
is_page_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "summary") != NULL;
}

static void
on_visible_child (GtkStack  *stack,
                  GParamSpec *pspec,
                  GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (gtk_stack_get_visible_child_name (stack)));
}

/* A session with cards starts on its first card, at once: the empty
 * page never shows, not even while fading out. */
static void
test_no_flash (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkStack *page_stack = GTK_STACK (shuati_test_find_widget (GTK_WIDGET (fixture->page), is_page_stack, NULL));

  g_assert_nonnull (page_stack);
  set_animations (TRUE);
  g_signal_connect (page_stack, "notify::visible-child", G_CALLBACK (on_visible_child), names);

  for (guint i = 0; i < 2; i++)
    {
      start_study (fixture, 5);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "review");
      g_assert_false (gtk_stack_get_transition_running (page_stack));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "review");
      for (guint j = 0; j < names->len; j++)
        g_assert_cmpstr (g_ptr_array_index (names, j), !=, "empty");

      /* From the summary of the last session, too. */
      press_key (fixture, GDK_KEY_space, 0);
      press_key (fixture, GDK_KEY_3, 0);
      press_key (fixture, GDK_KEY_Escape, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "summary");
      g_ptr_array_set_size (names, 0);
    }

  g_signal_handlers_disconnect_by_func (page_stack, on_visible_child, names);
  set_animations (FALSE);
}

/* The summary offers what can be studied next, and Space there, still
 * held from the last grade, presses nothing. */
static void
test_summary_choices (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *focus;

  shuati_review_page_set_new_cards_step (fixture->page, 3);
  start_study (fixture, 2);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_1, 0);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  press_key (fixture, GDK_KEY_space, 0);
  press_key (fixture, GDK_KEY_4, 0);
  g_assert_null (current_card (fixture));
  g_assert_true (shows_text (fixture, "Session Complete"));

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == GTK_WIDGET (fixture->page));
  g_assert_false (press_key (fixture, GDK_KEY_space, 0));
  g_assert_false (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_true (shows_text (fixture, "Session Complete"));

  /* 22 new cards left, 3 at a time; one card forgotten today; nothing
   * due in the next days (the cards graded today are not offered). */
  g_assert_true (shows_text (fixture, "Study 3 More New Cards Today"));
  g_assert_true (shows_text (fixture, "Review Today’s Forgotten Cards"));
  g_assert_false (shows_text (fixture, "Review Ahead"));
  g_assert_false (shows_text (fixture, "Back to the Session"));
  g_assert_false (shows_text (fixture, "Practice Again"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "forgotten");
  g_assert_cmpstr (fixture->study_more, ==, "forgotten");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "review.study-more", "s", "ahead");
  g_assert_cmpstr (fixture->study_more, ==, "ahead");

  /* A practice session offers to practise again, nothing else. */
  {
    g_autoptr(ShuatiSession) practice = shuati_session_new_practice (G_LIST_MODEL (fixture->deck), FALSE, 0);

    shuati_review_page_set_session (fixture->page, practice);
    while (shuati_session_get_current (practice) != NULL)
      {
        press_key (fixture, GDK_KEY_space, 0);
        press_key (fixture, GDK_KEY_3, 0);
      }
    g_assert_true (shows_text (fixture, "Practice Again"));
    g_assert_false (shows_text (fixture, "Study 3 More New Cards Today"));
    g_assert_false (shows_text (fixture, "Review Today’s Forgotten Cards"));
    shuati_review_page_set_session (fixture->page, NULL);
  }
}

static gboolean
is_mapped_status_page (GtkWidget     *widget,
                       gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

/* A search that matches nothing says so, with the user's text shown as
 * typed, never read as markup. */
static void
test_no_match (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GListStore) none = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GError) error = NULL;
  AdwStatusPage *status;

  shuati_review_page_set_scope (fixture->page, "<b>attention</b> & co");
  g_assert_cmpstr (shuati_review_page_get_scope (fixture->page), ==, "<b>attention</b> & co");
  fixture->session = shuati_session_new_study (fixture->scheduler, fixture->store, "llm-interview",
                                               G_LIST_MODEL (none), 20,
                                               g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  shuati_review_page_set_session (fixture->page, fixture->session);

  status = ADW_STATUS_PAGE (shuati_test_find_widget (GTK_WIDGET (fixture->page), is_mapped_status_page, NULL));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "No card matches “&lt;b&gt;attention&lt;/b&gt; &amp; co”.");
  g_assert_true (shows_text (fixture, "No card matches “<b>attention</b> & co”."));
  g_assert_false (shows_text (fixture, "No card is scheduled yet."));
  g_assert_false (shows_text (fixture, "Study 10 More New Cards Today"));

  /* Without a scope, it still does not pretend nothing is scheduled. */
  shuati_review_page_set_scope (fixture->page, NULL);
  shuati_review_page_set_session (fixture->page, NULL);
  shuati_review_page_set_session (fixture->page, fixture->session);
  g_assert_true (shows_text (fixture, "No card matches this choice."));

  /* With cards, none of them due, it tells when the next one is. */
  start_study (fixture, 0);
  g_assert_false (shows_text (fixture, "No card matches this choice."));
  g_assert_true (shows_text (fixture, "No card is scheduled yet."));
}

static void
test_front_name (void)
{
  static const struct { const char *title; const char *name; } cases[] = {
    { "What is attention", "Question: What is attention. Press Space to show the answer." },
    { "What is attention?", "Question: What is attention? Press Space to show the answer." },
    { "什么是命名实体识别？", "Question: 什么是命名实体识别？ Press Space to show the answer." },
    { "Tokenisation.", "Question: Tokenisation. Press Space to show the answer." },
    { "Why `softmax`?  ", "Question: Why `softmax`?   Press Space to show the answer." },
    { "“Is it?”", "Question: “Is it?” Press Space to show the answer." },
    { "Wait…", "Question: Wait… Press Space to show the answer." },
    { "(Beam search)", "Question: (Beam search). Press Space to show the answer." },
    { "", "Press Space to show the answer." },
    { NULL, "Press Space to show the answer." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = shuati_review_format_front_name (cases[i].title);

      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_null (strstr (name, "?."));
      g_assert_null (strstr (name, "？。"));
    }
}

/* The names a screen reader gives the card and the page, which has the
 * focus: the title's own question mark ends the question. */
static void
test_card_names (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *front = shuati_test_find_widget (GTK_WIDGET (fixture->page), has_css_class, "review-front");
  GtkWidget *back = shuati_test_find_widget (GTK_WIDGET (fixture->page), has_css_class, "review-back");
  g_autofree char *en_name = NULL;
  g_autofree char *zh_name = NULL;
  g_autofree char *zh_answer = NULL;
  ShuatiCard *card;
  const char *zh;

  start_study (fixture, 5);
  card = current_card (fixture);
  zh = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, "zh_CN");
  g_assert_true (g_str_has_suffix (en_title (card), "?"));
  g_assert_true (g_str_has_suffix (zh, "？"));

  en_name = g_strdup_printf ("Question: %s Press Space to show the answer.", en_title (card));
  gtk_test_accessible_assert_property (front, GTK_ACCESSIBLE_PROPERTY_LABEL, en_name);
  gtk_test_accessible_assert_property (fixture->page, GTK_ACCESSIBLE_PROPERTY_LABEL, en_name);

  /* A change of language renames the card at once. */
  shuati_review_page_set_languages (fixture->page, (const char * const[]) { "zh_CN", NULL });
  zh_name = g_strdup_printf ("Question: %s Press Space to show the answer.", zh);
  gtk_test_accessible_assert_property (front, GTK_ACCESSIBLE_PROPERTY_LABEL, zh_name);
  gtk_test_accessible_assert_property (fixture->page, GTK_ACCESSIBLE_PROPERTY_LABEL, zh_name);

  /* Turned, the page is named after the answer. */
  press_key (fixture, GDK_KEY_space, 0);
  zh_answer = g_strdup_printf ("Answer: %s", zh);
  gtk_test_accessible_assert_property (back, GTK_ACCESSIBLE_PROPERTY_LABEL, zh_answer);
  gtk_test_accessible_assert_property (fixture->page, GTK_ACCESSIBLE_PROPERTY_LABEL, zh_answer);
}

static void
test_next_due_text (void)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 3, 10, 12, 0, 0);
  gint64 now = g_date_time_to_unix (noon);
  g_autofree char *none = shuati_review_format_next_due (0, now);
  g_autofree char *due = shuati_review_format_next_due (now - 5, now);
  g_autofree char *soon = shuati_review_format_next_due (now + 600, now);
  g_autofree char *tomorrow = shuati_review_format_next_due (now + 86400, now);
  g_autofree char *later = shuati_review_format_next_due (now + 8 * 86400, now);
  g_autofree char *next_year = shuati_review_format_next_due (now + 400 * 86400, now);

  g_assert_cmpstr (none, ==, "No card is scheduled yet.");
  g_assert_cmpstr (due, ==, "More cards are due now.");
  g_assert_cmpstr (soon, ==, "Next review in 10 min");
  g_assert_cmpstr (tomorrow, ==, "Next review tomorrow");
  g_assert_cmpstr (later, ==, "Next review on March 18");
  g_assert_cmpstr (next_year, ==, "Next review on April 14, 2027");
}

int
main (int   argc,
      char *argv[])
{
  /* An accessibility context that keeps what the page tells screen
   * readers, for the tests to read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/shuati/review-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("flip-and-grade", test_flip_and_grade);
  ADD ("card-at-top", test_card_at_top);
  ADD ("keys", test_keys);
  ADD ("space-on-back-is-good", test_space_on_back_is_good);
  ADD ("checklist", test_checklist);
  ADD ("checklist-reused", test_checklist_reused);
  ADD ("undo", test_undo);
  ADD ("star", test_star);
  ADD ("write-errors", test_write_errors);
  ADD ("practice", test_practice);
  ADD ("practice-star", test_practice_star);
  ADD ("study-shows-intervals", test_study_shows_intervals);
  ADD ("summary", test_summary);
  ADD ("empty", test_empty);
  ADD ("escape", test_escape);
  ADD ("languages", test_languages);
  ADD ("animations", test_animations);
  ADD ("resume", test_resume);
  ADD ("space-key-path", test_space_key_path);
  ADD ("opens-at-top", test_opens_at_top);
  ADD ("no-flash", test_no_flash);
  ADD ("summary-choices", test_summary_choices);
  ADD ("no-match", test_no_match);
  ADD ("card-names", test_card_names);

#undef ADD

  g_test_add_func ("/shuati/review-page/next-due-text", test_next_due_text);
  g_test_add_func ("/shuati/review-page/front-name", test_front_name);

  return g_test_run ();
}
