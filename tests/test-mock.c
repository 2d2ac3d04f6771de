/* test-mock.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-mock.h"
#include "shuati-planner.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

#define DAY 86400
#define NOW ((gint64)1767225600 + 9 * DAY + 9 * 3600)

/* Eight cards: a and b share the tag "x", c and d "y", the rest have none
 * or their own. */
static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"d\", \"languages\": [\"en\"],"
  " \"title\": \"D\", \"topics\": [{\"id\": \"t\", \"title\": \"T\"}],"
  " \"cards\": ["
  "  {\"id\": \"a\", \"topic\": \"t\", \"tags\": [\"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"- one\\n- two\"},"
  "  {\"id\": \"b\", \"topic\": \"t\", \"tags\": [\"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"c\", \"topic\": \"t\", \"tags\": [\"y\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"d\", \"topic\": \"t\", \"tags\": [\"y\", \"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"e\", \"topic\": \"t\", \"tags\": [\"z\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"f\", \"topic\": \"t\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"g\", \"topic\": \"t\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"h\", \"topic\": \"t\", \"tags\": [\"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"}"
  " ]}";

typedef struct
{
  char            *dir;
  ShuatiStore     *store;
  ShuatiDeck      *deck;
  ShuatiScheduler *scheduler;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = shuati_test_store_new ("mock", &f->dir, NULL);
  f->deck = shuati_test_deck_new_from_json (deck_json);
  f->scheduler = shuati_scheduler_new ();
  shuati_scheduler_set_fuzz (f->scheduler, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->deck);
  shuati_test_store_free (f->store, f->dir);
}

static GListModel *
all_cards (Fixture *f)
{
  GListStore *store = g_list_store_new (SHUATI_TYPE_CARD);

  for (guint i = 0; i < shuati_deck_get_n_cards (f->deck); i++)
    g_list_store_append (store, shuati_deck_get_card (f->deck, i));
  return G_LIST_MODEL (store);
}

static gboolean
share_tag (ShuatiCard *a,
           ShuatiCard *b)
{
  const char * const *tags = shuati_card_get_tags (a);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (shuati_card_has_tag (b, tags[i]))
      return TRUE;
  return FALSE;
}

static void
test_rating (void)
{
  /* Through the review rule: all, some, none. */
  g_assert_cmpint (shuati_mock_rating (4, 4, 100000, 180000), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (shuati_mock_rating (4, 2, 10000, 180000), ==, SHUATI_RATING_HARD);
  g_assert_cmpint (shuati_mock_rating (4, 0, 10000, 180000), ==, SHUATI_RATING_AGAIN);
  /* Easy: all of them in under a third of the time, and only then. */
  g_assert_cmpint (shuati_mock_rating (4, 4, 59999, 180000), ==, SHUATI_RATING_EASY);
  g_assert_cmpint (shuati_mock_rating (4, 4, 60000, 180000), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (shuati_mock_rating (4, 3, 1000, 180000), ==, SHUATI_RATING_HARD);
  /* More covered than asked counts as all. */
  g_assert_cmpint (shuati_mock_rating (2, 5, 100000, 180000), ==, SHUATI_RATING_GOOD);
}

static void
test_pick (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GListModel) cards = all_cards (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  guint g_first = 0;

  /* "f" is well known; "g" was forgotten often and is due long ago. */
  g_assert_cmpint (shuati_store_record_review (f->store, "d", "f", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 400.0, 3, NOW + 300 * DAY, NOW - DAY, 8, 0 },
                                               SHUATI_RATING_GOOD, NOW - DAY, NULL, 0, &error), >, 0);
  g_assert_cmpint (shuati_store_record_review (f->store, "d", "g", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 1.0, 9, NOW - 30 * DAY, NOW - 40 * DAY, 9, 6 },
                                               SHUATI_RATING_GOOD, NOW - 40 * DAY, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  progress = shuati_progress_new (f->deck, f->store, NOW, &error);
  g_assert_no_error (error);

  /* The same seed, the same questions; never two sharing a tag in a row
   * while another card is left. */
  first = shuati_mock_pick (cards, progress, 5, NOW, 7);
  again = shuati_mock_pick (cards, progress, 5, NOW, 7);
  g_assert_cmpuint (first->len, ==, 5);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (g_ptr_array_index (first, i) == g_ptr_array_index (again, i));

  for (guint32 seed = 0; seed < 200; seed++)
    {
      g_autoptr(GPtrArray) q = shuati_mock_pick (cards, progress, 4, NOW, seed);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      g_assert_cmpuint (q->len, ==, 4);
      for (guint i = 0; i < q->len; i++)
        {
          g_assert_true (g_hash_table_add (seen, g_ptr_array_index (q, i)));
          if (i > 0)
            g_assert_false (share_tag (g_ptr_array_index (q, i - 1), g_ptr_array_index (q, i)));
        }
      /* Weighted: the often-forgotten card comes first far more often than
       * the well-known one. */
      if (g_str_equal (shuati_card_get_id (g_ptr_array_index (q, 0)), "g"))
        g_first++;
    }
  /* Weights: g is 0.1 + (1 - R) + 3.0 ≈ 4, the others about 1.1 or less. */
  g_assert_cmpuint (g_first, >, 200 / 4);

  /* More asked than there are: every card once. */
  everything = shuati_mock_pick (cards, NULL, 50, NOW, 1);
  g_assert_cmpuint (everything->len, ==, 8);
}

/* "As the plan says": today's cards (due ones, then the new cards the
 * plan starts today) come first, then the rest of the planned set; the
 * cards the plan leaves out never come. */
static void
test_pick_planned (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GListStore) planned = NULL;
  g_autoptr(GPtrArray) q = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint new_per_day[] = { 2, 2, 2 };
  guint load_per_day[] = { 3, 3, 3 };
  ShuatiPlan plan = { TRUE, 3, 7, 5, new_per_day, load_per_day, 3, 3.0, 3, 0.5, 0.9, 0, 0 };
  const char *expected[] = { "g", "a", "b", "c", "d", "e", "f" };
  guint n_today = 99;

  /* "f" is well known; "g" is overdue; "h" is overdue but out of the plan. */
  g_assert_cmpint (shuati_store_record_review (f->store, "d", "f", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 400.0, 3, NOW + 300 * DAY, NOW - DAY, 8, 0 },
                                               SHUATI_RATING_GOOD, NOW - DAY, NULL, 0, &error), >, 0);
  g_assert_cmpint (shuati_store_record_review (f->store, "d", "g", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 1.0, 9, NOW - 30 * DAY, NOW - 40 * DAY, 9, 6 },
                                               SHUATI_RATING_GOOD, NOW - 40 * DAY, NULL, 0, &error), >, 0);
  g_assert_cmpint (shuati_store_record_review (f->store, "d", "h", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 1.0, 9, NOW - 30 * DAY, NOW - 40 * DAY, 9, 6 },
                                               SHUATI_RATING_GOOD, NOW - 40 * DAY, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  progress = shuati_progress_new (f->deck, f->store, NOW, &error);
  g_assert_no_error (error);

  planned = shuati_plan_list_cards (progress, &plan, &n_today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (planned)), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (n_today, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (G_LIST_MODEL (planned), i);
      g_assert_cmpstr (shuati_card_get_id (card), ==, expected[i]);
    }

  /* Three questions: exactly today's three, whatever the seed. */
  for (guint32 seed = 0; seed < 20; seed++)
    {
      g_autoptr(GPtrArray) three = shuati_mock_pick_planned (G_LIST_MODEL (planned), n_today, progress, 3, NOW, seed);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (three->len, ==, 3);
      for (guint i = 0; i < three->len; i++)
        g_hash_table_add (seen, (char *)shuati_card_get_id (g_ptr_array_index (three, i)));
      g_assert_true (g_hash_table_contains (seen, "g"));
      g_assert_true (g_hash_table_contains (seen, "a"));
      g_assert_true (g_hash_table_contains (seen, "b"));
    }

  /* Five: today's three first, then two of the rest. */
  q = shuati_mock_pick_planned (G_LIST_MODEL (planned), n_today, progress, 5, NOW, 4);
  g_assert_cmpuint (q->len, ==, 5);
  for (guint i = 3; i < q->len; i++)
    {
      const char *id = shuati_card_get_id (g_ptr_array_index (q, i));
      g_assert_true (g_strv_contains ((const char * const[]) { "c", "d", "e", "f", NULL }, id));
    }

  /* More than planned: the planned set once, never "h". */
  all = shuati_mock_pick_planned (G_LIST_MODEL (planned), n_today, progress, 50, NOW, 4);
  g_assert_cmpuint (all->len, ==, 7);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (shuati_card_get_id (g_ptr_array_index (all, i)), !=, "h");

  /* A plan with nothing today draws from the rest; an empty plan, nothing. */
  {
    guint none[] = { 0 };
    ShuatiPlan empty = { FALSE, 1, 0, 0, none, none, 0, 0.0, 0, 0.0, 0.0, 0, 0 };
    g_autoptr(GListStore) nothing = shuati_plan_list_cards (progress, &empty, &n_today);
    g_autoptr(GPtrArray) zero = shuati_mock_pick_planned (G_LIST_MODEL (nothing), n_today, progress, 5, NOW, 1);

    g_assert_cmpuint (n_today, ==, 0);
    g_assert_cmpuint (zero->len, ==, 0);
  }
}

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) cards = all_cards (f);
  g_autoptr(GPtrArray) questions = shuati_mock_pick (cards, NULL, 3, NOW, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiMock) mock = NULL;
  g_autoptr(GArray) past = NULL;
  g_autoptr(GHashTable) mistakes = NULL;
  const ShuatiMockAnswer *answer;
  sqlite3 *db = shuati_store_get_database (f->store);
  sqlite3_stmt *stmt = NULL;

  mock = shuati_mock_new (f->scheduler, f->store, "d", questions, 0, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_mock_get_seconds_per_question (mock), ==, SHUATI_MOCK_DEFAULT_SECONDS);
  g_assert_cmpuint (shuati_mock_get_n_questions (mock), ==, 3);
  g_assert_true (shuati_mock_get_current (mock) == g_ptr_array_index (questions, 0));

  /* All points fast, some points, none. */
  g_assert_true (shuati_mock_answer (mock, 2, 2, 20000, "my notes", NOW, &error));
  g_assert_true (shuati_mock_answer (mock, 4, 1, 90000, NULL, NOW + 100, &error));
  g_assert_no_error (error);
  g_assert_false (shuati_mock_get_finished (mock));
  g_assert_true (shuati_mock_answer (mock, 3, 0, 180000, "", NOW + 300, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_mock_get_finished (mock));
  g_assert_null (shuati_mock_get_current (mock));
  g_assert_cmpfloat_with_epsilon (shuati_mock_get_score (mock), 3.0 / 9.0, 1e-9);

  answer = shuati_mock_get_answer (mock, 0);
  g_assert_cmpint (answer->rating, ==, SHUATI_RATING_EASY);
  g_assert_cmpstr (answer->notes, ==, "my notes");
  g_assert_cmpint (shuati_mock_get_answer (mock, 1)->rating, ==, SHUATI_RATING_HARD);
  g_assert_cmpint (shuati_mock_get_answer (mock, 2)->rating, ==, SHUATI_RATING_AGAIN);
  g_assert_null (shuati_mock_get_answer (mock, 2)->notes);

  /* Each answer is a review in the log, marked by the mock's answer. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT r.rating, a.notes FROM mock_answers a JOIN reviews r ON r.id = a.review_id"
                                       " WHERE a.mock_id = ?1 ORDER BY a.position", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, shuati_mock_get_id (mock));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SHUATI_RATING_EASY);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "my notes");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SHUATI_RATING_AGAIN);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The question missed is in the 错题本 now. */
  mistakes = shuati_store_load_mistakes (f->store, "d", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (mistakes), ==, 1);
  g_assert_true (g_hash_table_contains (mistakes, shuati_card_get_id (shuati_mock_get_answer (mock, 2)->card)));

  /* Listed once ended. */
  past = shuati_mock_list_past (f->store, "d", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past->len, ==, 0);
  g_clear_pointer (&past, g_array_unref);
  g_assert_true (shuati_mock_finish (mock, NOW + 400, &error));
  g_assert_no_error (error);
  past = shuati_mock_list_past (f->store, "d", &error);
  g_assert_cmpuint (past->len, ==, 1);
  g_assert_cmpuint (g_array_index (past, ShuatiMockRecord, 0).n_questions, ==, 3);
  g_assert_cmpuint (g_array_index (past, ShuatiMockRecord, 0).n_points, ==, 9);
  g_assert_cmpuint (g_array_index (past, ShuatiMockRecord, 0).n_covered, ==, 3);
  g_assert_cmpint (g_array_index (past, ShuatiMockRecord, 0).ended_at, ==, NOW + 400);

  /* Forgetting the deck forgets its mocks. */
  g_assert_true (shuati_store_forget_deck (f->store, "d", &error));
  g_clear_pointer (&past, g_array_unref);
  past = shuati_mock_list_past (f->store, "d", &error);
  g_assert_cmpuint (past->len, ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM mock_answers", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
}

static void
test_ended_early (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) cards = all_cards (f);
  g_autoptr(GPtrArray) questions = shuati_mock_pick (cards, NULL, 5, NOW, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiMock) mock = NULL;
  g_autoptr(ShuatiMock) rehearsal = NULL;

  mock = shuati_mock_new (f->scheduler, f->store, "d", questions, 60, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_mock_answer (mock, 1, 1, 1000, NULL, NOW, &error));
  g_assert_true (shuati_mock_finish (mock, NOW + 10, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_mock_get_finished (mock));
  g_assert_null (shuati_mock_get_current (mock));
  g_assert_cmpuint (shuati_mock_get_n_answers (mock), ==, 1);

  /* Without a store, nothing is written anywhere. */
  rehearsal = shuati_mock_new (f->scheduler, NULL, "d", questions, 60, NOW, &error);
  g_assert_true (shuati_mock_answer (rehearsal, 2, 0, 1000, NULL, NOW, &error));
  g_assert_cmpint (shuati_mock_get_answer (rehearsal, 0)->review_id, ==, 0);
  g_assert_cmpint (shuati_mock_get_answer (rehearsal, 0)->rating, ==, SHUATI_RATING_AGAIN);
}

static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) cards = all_cards (f);
  g_autoptr(GPtrArray) questions = shuati_mock_pick (cards, NULL, 2, NOW, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiMock) mock = NULL;

  mock = shuati_mock_new (f->scheduler, f->store, "d", questions, 60, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (f->store),
                                 "DROP TABLE mock_answers", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (shuati_mock_answer (mock, 2, 2, 1000, "n", NOW, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  /* The question stays to answer again. */
  g_assert_cmpuint (shuati_mock_get_n_answers (mock), ==, 0);
  g_assert_true (shuati_mock_get_current (mock) == g_ptr_array_index (questions, 0));
  g_clear_error (&error);
  g_assert_null (shuati_mock_list_past (f->store, "d", &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/shuati/mock/rating", test_rating);
  ADD ("/shuati/mock/pick-planned", test_pick_planned);
  ADD ("/shuati/mock/pick", test_pick);
  ADD ("/shuati/mock/record", test_record);
  ADD ("/shuati/mock/ended-early", test_ended_early);
  ADD ("/shuati/mock/write-fails", test_write_fails);

  return g_test_run ();
}
