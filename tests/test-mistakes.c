/* test-mistakes.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-mistakes.h"
#include "shuati-progress.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

#define DAY 86400
/* 2026-01-10 09:00 UTC; the tests run with TZ=UTC. */
#define MORNING ((gint64)1767225600 + 9 * DAY + 9 * 3600)

static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"d\", \"languages\": [\"en\"],"
  " \"title\": \"D\","
  " \"topics\": [{\"id\": \"a\", \"title\": \"A\"}],"
  " \"cards\": ["
  "  {\"id\": \"one\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"two\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"three\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"}"
  " ]}";

/* The rule alone ------------------------------------------------------------ */

static void
test_rule (void)
{
  ShuatiMistakeState s = { 0 };

  /* Remembered cards never enter. */
  shuati_mistake_state_review (&s, MORNING, SHUATI_RATING_GOOD, 1.0);
  shuati_mistake_state_review (&s, MORNING + DAY, SHUATI_RATING_EASY, 30.0);
  g_assert_false (s.member);

  shuati_mistake_state_review (&s, MORNING + 2 * DAY, SHUATI_RATING_AGAIN, 0.01);
  g_assert_true (s.member);

  /* Short intervals do not count toward leaving. */
  shuati_mistake_state_review (&s, MORNING + 3 * DAY, SHUATI_RATING_GOOD, 3.0);
  shuati_mistake_state_review (&s, MORNING + 6 * DAY, SHUATI_RATING_GOOD, 6.9);
  g_assert_true (s.member);
  g_assert_cmpuint (s.streak, ==, 0);

  /* Two on the same day count once. */
  shuati_mistake_state_review (&s, MORNING + 13 * DAY, SHUATI_RATING_GOOD, 7.0);
  shuati_mistake_state_review (&s, MORNING + 13 * DAY + 3600, SHUATI_RATING_EASY, 20.0);
  g_assert_true (s.member);
  g_assert_cmpuint (s.streak, ==, 1);

  /* A short interval between breaks the run. */
  shuati_mistake_state_review (&s, MORNING + 20 * DAY, SHUATI_RATING_HARD, 2.0);
  g_assert_cmpuint (s.streak, ==, 0);
  shuati_mistake_state_review (&s, MORNING + 22 * DAY, SHUATI_RATING_GOOD, 8.0);
  g_assert_true (s.member);

  /* Again resets the run as well. */
  shuati_mistake_state_review (&s, MORNING + 30 * DAY, SHUATI_RATING_AGAIN, 0.01);
  g_assert_cmpuint (s.streak, ==, 0);
  shuati_mistake_state_review (&s, MORNING + 31 * DAY, SHUATI_RATING_GOOD, 9.0);
  g_assert_true (s.member);
  shuati_mistake_state_review (&s, MORNING + 40 * DAY, SHUATI_RATING_HARD, 12.0);
  g_assert_false (s.member);

  /* By hand: in, and out again, whatever the log says. */
  shuati_mistake_state_mark (&s, TRUE);
  g_assert_true (s.member);
  shuati_mistake_state_review (&s, MORNING + 50 * DAY, SHUATI_RATING_GOOD, 15.0);
  g_assert_true (s.member);
  g_assert_cmpuint (s.streak, ==, 1);
  shuati_mistake_state_mark (&s, FALSE);
  g_assert_false (s.member);
  g_assert_cmpuint (s.streak, ==, 0);
}

/* In the store ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  ShuatiStore *store;
  ShuatiDeck  *deck;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = shuati_test_store_new ("mistakes", &f->dir, NULL);
  f->deck = shuati_test_deck_new_from_json (deck_json);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->deck);
  shuati_test_store_free (f->store, f->dir);
}

/* Logs a review of @card_id at @at that gives it @days. */
static gint64
review (Fixture      *f,
        const char   *card_id,
        ShuatiRating  rating,
        gint64        at,
        double        days)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory before = { 0 };
  ShuatiMemory after = { SHUATI_CARD_REVIEW, 0, days, 5.0, at + (gint64)(days * DAY), at, 1, 0 };
  ShuatiReviewInfo info = { 1.0, (gint64)(days * DAY), days };
  gint64 id;

  if (!shuati_store_get_memory (f->store, "d", card_id, &before, &error))
    memset (&before, 0, sizeof before);
  g_assert_no_error (error);
  after.reps = before.reps + 1;
  after.lapses = before.lapses + (rating == SHUATI_RATING_AGAIN);
  if (rating == SHUATI_RATING_AGAIN)
    after.state = SHUATI_CARD_RELEARNING;
  id = shuati_store_record_review (f->store, "d", card_id, &before, &after, rating, at,
                                   &info, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
in_book (Fixture    *f,
         const char *card_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) set = shuati_store_load_mistakes (f->store, "d", &error);
  gboolean member;

  g_assert_no_error (error);
  g_assert_nonnull (set);
  member = shuati_store_is_mistake (f->store, "d", card_id, &error);
  g_assert_no_error (error);
  /* The set and the single card's answer always agree. */
  g_assert_cmpint (member, ==, g_hash_table_contains (set, card_id));
  return member;
}

static void
test_enter_and_leave (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) set = NULL;
  gint64 last;

  review (f, "one", SHUATI_RATING_GOOD, MORNING, 3.0);
  review (f, "two", SHUATI_RATING_AGAIN, MORNING, 0.01);
  g_assert_false (in_book (f, "one"));
  g_assert_true (in_book (f, "two"));

  /* Relearnt the same day, then remembered twice at long intervals. */
  review (f, "two", SHUATI_RATING_GOOD, MORNING + 600, 1.0);
  review (f, "two", SHUATI_RATING_GOOD, MORNING + DAY, 7.5);
  g_assert_true (in_book (f, "two"));
  last = review (f, "two", SHUATI_RATING_GOOD, MORNING + 9 * DAY, 20.0);
  g_assert_false (in_book (f, "two"));

  /* Undoing the review that let it out puts it back. */
  g_assert_true (shuati_store_undo_review (f->store, last, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (in_book (f, "two"));

  /* Another deck's cards are not this deck's mistakes. */
  g_assert_cmpint (shuati_store_record_review (f->store, "other", "one", &(ShuatiMemory) { 0 },
                                               &(ShuatiMemory) { SHUATI_CARD_RELEARNING, 0, 0.1, 5, MORNING, MORNING, 1, 1 },
                                               SHUATI_RATING_AGAIN, MORNING, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  set = shuati_store_load_mistakes (f->store, "d", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (set), ==, 1);
  g_assert_true (g_hash_table_contains (set, "two"));
}

/* The line the card's history shows: in or out, and how far along the
 * exit rule, read from the log, and back after undo. */
static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShuatiMistakeState state = { TRUE, 9, 9 };
  gint64 last;
  char *line;

  /* Never in: all zero. */
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "one", &state, &error));
  g_assert_no_error (error);
  g_assert_false (state.member);
  g_assert_cmpuint (state.streak, ==, 0);
  line = shuati_mistake_state_describe (&state);
  g_assert_cmpstr (line, ==, "Not in the Mistake Book");
  g_free (line);

  review (f, "two", SHUATI_RATING_AGAIN, MORNING, 0.01);
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "two", &state, &error));
  g_assert_true (state.member);
  g_assert_cmpuint (state.streak, ==, 0);
  line = shuati_mistake_state_describe (&state);
  g_assert_cmpstr (line, ==, "In the Mistake Book · 0 of 2 remembered reviews ≥ 7 days");
  g_free (line);

  /* A short interval does not count; a long one does. */
  review (f, "two", SHUATI_RATING_GOOD, MORNING + DAY, 3.0);
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "two", &state, &error));
  g_assert_cmpuint (state.streak, ==, 0);
  last = review (f, "two", SHUATI_RATING_GOOD, MORNING + 4 * DAY, 8.0);
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "two", &state, &error));
  g_assert_true (state.member);
  g_assert_cmpuint (state.streak, ==, 1);
  line = shuati_mistake_state_describe (&state);
  g_assert_cmpstr (line, ==, "In the Mistake Book · 1 of 2 remembered reviews ≥ 7 days");
  g_free (line);
  /* Another card's log is not this one's. */
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "three", &state, &error));
  g_assert_false (state.member);

  /* Undo takes the step back. */
  g_assert_true (shuati_store_undo_review (f->store, last, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "two", &state, &error));
  g_assert_cmpuint (state.streak, ==, 0);

  /* Out by hand, in by hand. */
  g_assert_true (shuati_store_set_mistake (f->store, "d", "one", TRUE, MORNING + 5 * DAY, &error));
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "one", &state, &error));
  g_assert_true (state.member);
  g_assert_true (shuati_store_set_mistake (f->store, "d", "two", FALSE, MORNING + 5 * DAY, &error));
  g_assert_true (shuati_store_get_mistake_state (f->store, "d", "two", &state, &error));
  g_assert_false (state.member);
  g_assert_no_error (error);
}

static void
test_undo_again (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  review (f, "one", SHUATI_RATING_GOOD, MORNING - 5 * DAY, 4.0);
  id = review (f, "one", SHUATI_RATING_AGAIN, MORNING, 0.01);
  g_assert_true (in_book (f, "one"));
  g_assert_true (shuati_store_undo_review (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (in_book (f, "one"));
}

static void
test_by_hand (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Added by hand, never forgotten. */
  g_assert_true (shuati_store_set_mistake (f->store, "d", "three", TRUE, MORNING, &error));
  g_assert_no_error (error);
  g_assert_true (in_book (f, "three"));

  /* It leaves by the same rule as any other. */
  review (f, "three", SHUATI_RATING_GOOD, MORNING + DAY, 8.0);
  g_assert_true (in_book (f, "three"));
  review (f, "three", SHUATI_RATING_GOOD, MORNING + 10 * DAY, 21.0);
  g_assert_false (in_book (f, "three"));

  /* Taken out by hand; a later Again brings it back. */
  review (f, "one", SHUATI_RATING_AGAIN, MORNING, 0.01);
  g_assert_true (in_book (f, "one"));
  g_assert_true (shuati_store_set_mistake (f->store, "d", "one", FALSE, MORNING + 60, &error));
  g_assert_no_error (error);
  g_assert_false (in_book (f, "one"));
  review (f, "one", SHUATI_RATING_AGAIN, MORNING + 2 * DAY, 0.01);
  g_assert_true (in_book (f, "one"));

  /* Forgetting the deck forgets the marks too. */
  g_assert_true (shuati_store_set_mistake (f->store, "d", "two", TRUE, MORNING, &error));
  g_assert_true (shuati_store_forget_deck (f->store, "d", &error));
  g_assert_no_error (error);
  g_assert_false (in_book (f, "one"));
  g_assert_false (in_book (f, "two"));
}

static void
count_changes (ShuatiProgress *progress,
               const char     *card_id,
               guint          *n)
{
  (*n)++;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  ShuatiCard *one = shuati_deck_lookup_card (f->deck, "one");
  ShuatiCard *two = shuati_deck_lookup_card (f->deck, "two");
  guint n_changes = 0;
  gint64 id;

  shuati_scheduler_set_fuzz (scheduler, FALSE);
  review (f, "two", SHUATI_RATING_AGAIN, MORNING - DAY, 0.01);

  progress = shuati_progress_new (f->deck, f->store, MORNING, &error);
  g_assert_no_error (error);
  g_signal_connect (progress, "changed", G_CALLBACK (count_changes), &n_changes);
  g_assert_cmpuint (shuati_progress_get_n_mistakes (progress), ==, 1);
  g_assert_true (shuati_progress_is_mistake (progress, two));
  g_assert_false (shuati_progress_is_mistake (progress, one));

  /* A grade through the scheduler, and its undo. */
  id = shuati_store_review_card (f->store, "d", "one", scheduler, SHUATI_RATING_AGAIN,
                                 MORNING, 2000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_progress_get_n_mistakes (progress), ==, 2);
  g_assert_true (g_hash_table_contains (shuati_progress_get_mistake_ids (progress), "one"));
  g_assert_true (shuati_store_undo_review (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_progress_get_n_mistakes (progress), ==, 1);
  g_assert_false (shuati_progress_is_mistake (progress, one));

  g_assert_true (shuati_store_set_mistake (f->store, "d", "two", FALSE, MORNING, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_progress_get_n_mistakes (progress), ==, 0);
  g_assert_cmpuint (n_changes, ==, 3);

  /* A card the deck no longer has stays out of the set. */
  review (f, "gone", SHUATI_RATING_AGAIN, MORNING, 0.01);
  g_assert_cmpuint (shuati_progress_get_n_mistakes (progress), ==, 0);

  g_clear_object (&progress);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) set = NULL;

  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (f->store),
                                 "DROP TABLE mistake_marks", NULL, NULL, NULL), ==, SQLITE_OK);
  set = shuati_store_load_mistakes (f->store, "d", &error);
  g_assert_null (set);
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (shuati_store_is_mistake (f->store, "d", "one", &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  g_clear_error (&error);
  {
    ShuatiMistakeState state = { TRUE, 5, 1 };

    g_assert_false (shuati_store_get_mistake_state (f->store, "d", "one", &state, &error));
    g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  g_assert_false (shuati_store_set_mistake (f->store, "d", "one", TRUE, MORNING, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (shuati_progress_new (f->deck, f->store, MORNING, &error));
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

  g_test_add_func ("/shuati/mistakes/rule", test_rule);
  ADD ("/shuati/mistakes/enter-and-leave", test_enter_and_leave);
  ADD ("/shuati/mistakes/undo-again", test_undo_again);
  ADD ("/shuati/mistakes/describe", test_describe);
  ADD ("/shuati/mistakes/by-hand", test_by_hand);
  ADD ("/shuati/mistakes/progress", test_progress);
  ADD ("/shuati/mistakes/unreadable", test_unreadable);

  return g_test_run ();
}
