/* test-progress.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-progress.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

#define DAY 86400
/* 2026-01-10 00:00 UTC; the tests run with TZ=UTC unless they say otherwise. */
#define MIDNIGHT ((gint64)1767225600 + 9 * DAY)
/* Five minutes before the day ends: the hour of a late study session. */
#define LATE (MIDNIGHT + DAY - 300)

static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"d\", \"languages\": [\"en\"],"
  " \"title\": \"D\","
  " \"topics\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\"}],"
  " \"cards\": ["
  "  {\"id\": \"new\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"overdue\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"tomorrow\", \"topic\": \"a\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"mastered\", \"topic\": \"b\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"learning\", \"topic\": \"b\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"relearning\", \"topic\": \"b\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"}"
  " ]}";

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
  f->store = shuati_test_store_new ("progress", &f->dir, NULL);
  f->deck = shuati_test_deck_new_from_json (deck_json);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->deck);
  shuati_test_store_free (f->store, f->dir);
}

static void
put (Fixture         *f,
     const char      *deck_id,
     const char      *card_id,
     ShuatiCardState  state,
     double           stability,
     gint64           due)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory m = { state, 0, stability, 5.0, due, MIDNIGHT - 20 * DAY, 3, 0 };

  g_assert_cmpint (shuati_store_record_review (f->store, deck_id, card_id, &zero, &m,
                                               SHUATI_RATING_GOOD, MIDNIGHT - 20 * DAY,
                                               NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

/* What a learner's store looks like at LATE. */
static void
put_history (Fixture *f)
{
  put (f, "d", "overdue", SHUATI_CARD_REVIEW, 3.0, MIDNIGHT - 2 * DAY);
  put (f, "d", "tomorrow", SHUATI_CARD_REVIEW, 3.0, MIDNIGHT + DAY + 3600);
  put (f, "d", "mastered", SHUATI_CARD_REVIEW, 40.0, MIDNIGHT + 30 * DAY);
  /* Between steps; the step ends ten minutes after midnight. */
  put (f, "d", "learning", SHUATI_CARD_LEARNING, 1.0, LATE + 900);
  put (f, "d", "relearning", SHUATI_CARD_RELEARNING, 1.0, LATE + 600);
  /* Progress of a card the deck no longer has, and of another deck. */
  put (f, "d", "gone", SHUATI_CARD_REVIEW, 3.0, MIDNIGHT - DAY);
  put (f, "other", "overdue", SHUATI_CARD_REVIEW, 40.0, MIDNIGHT - DAY);
}

static void
assert_topic (ShuatiProgress *progress,
              const char     *topic_id,
              guint           n_due,
              guint           n_mastered,
              guint           n_cards)
{
  guint due = G_MAXUINT, mastered = G_MAXUINT, cards = G_MAXUINT;

  g_assert_true (shuati_progress_get_topic_counts (progress, topic_id, &due, &mastered, &cards));
  g_assert_cmpuint (due, ==, n_due);
  g_assert_cmpuint (mastered, ==, n_mastered);
  g_assert_cmpuint (cards, ==, n_cards);
}

static gboolean
is_due (ShuatiProgress *progress,
        const char     *card_id)
{
  ShuatiCard *card = shuati_deck_lookup_card (shuati_progress_get_deck (progress), card_id);

  g_assert_nonnull (card);
  return shuati_progress_is_due (progress, card);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  const ShuatiMemory *m;
  guint n = G_MAXUINT;

  put_history (f);
  progress = shuati_progress_new (f->deck, f->store, LATE, &error);
  g_assert_no_error (error);

  /* Overdue reviews and both cards between steps are today's work; a
   * step that ends after midnight does not push its card into tomorrow. */
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 3);
  g_assert_true (is_due (progress, "overdue"));
  g_assert_true (is_due (progress, "learning"));
  g_assert_true (is_due (progress, "relearning"));
  g_assert_false (is_due (progress, "tomorrow"));
  g_assert_false (is_due (progress, "new"));
  g_assert_false (is_due (progress, "mastered"));
  g_assert_false (g_hash_table_contains (shuati_progress_get_due_ids (progress), "gone"));
  g_assert_cmpuint (shuati_progress_get_n_mastered (progress), ==, 1);
  g_assert_cmpint (shuati_progress_get_day_end (progress), ==, MIDNIGHT + DAY);

  assert_topic (progress, "a", 1, 0, 3);
  assert_topic (progress, "b", 2, 1, 3);
  g_assert_false (shuati_progress_get_topic_counts (progress, "nope", &n, NULL, NULL));
  g_assert_cmpuint (n, ==, 0);

  m = shuati_progress_get_memory (progress, shuati_deck_lookup_card (f->deck, "mastered"));
  g_assert_cmpint (m->state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpfloat (m->stability, ==, 40.0);
  m = shuati_progress_get_memory (progress, shuati_deck_lookup_card (f->deck, "new"));
  g_assert_cmpint (m->state, ==, SHUATI_CARD_NEW);
  g_assert_cmpint (m->reps, ==, 0);
}

static void
count_changes (ShuatiProgress *progress,
               const char     *card_id,
               GPtrArray      *changes)
{
  g_ptr_array_add (changes, g_strdup (card_id ? card_id : "(all)"));
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  put_history (f);
  progress = shuati_progress_new (f->deck, f->store, LATE, &error);
  g_assert_no_error (error);
  g_signal_connect (progress, "changed", G_CALLBACK (count_changes), changes);

  /* The overdue card is reviewed: due in four days, no longer due. */
  put (f, "d", "overdue", SHUATI_CARD_REVIEW, 4.0, LATE + 4 * DAY);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (changes->pdata[0], ==, "overdue");
  g_assert_false (is_due (progress, "overdue"));
  assert_topic (progress, "a", 0, 0, 3);

  /* The mastered card lapses: it is relearning, due, and not mastered. */
  put (f, "d", "mastered", SHUATI_CARD_RELEARNING, 2.0, LATE + 600);
  g_assert_true (is_due (progress, "mastered"));
  g_assert_cmpuint (shuati_progress_get_n_mastered (progress), ==, 0);
  assert_topic (progress, "b", 3, 0, 3);

  /* A new card's first grade puts it between steps. */
  put (f, "d", "new", SHUATI_CARD_LEARNING, 1.0, LATE + 60);
  g_assert_true (is_due (progress, "new"));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 4);

  /* Another deck's reviews and cards this deck lacks change nothing. */
  put (f, "other", "new", SHUATI_CARD_REVIEW, 1.0, LATE - DAY);
  put (f, "d", "gone", SHUATI_CARD_REVIEW, 1.0, LATE - DAY);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 4);

  /* Stars come and go. */
  g_assert_true (shuati_store_set_starred (f->store, "d", "tomorrow", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_progress_get_n_starred (progress), ==, 1);
  g_assert_true (shuati_progress_is_starred (progress, shuati_deck_lookup_card (f->deck, "tomorrow")));
  g_assert_true (shuati_store_set_starred (f->store, "d", "tomorrow", FALSE, &error));
  g_assert_cmpuint (shuati_progress_get_n_starred (progress), ==, 0);

  /* Forgetting the deck starts it over, in one change. */
  g_ptr_array_set_size (changes, 0);
  g_assert_true (shuati_store_set_starred (f->store, "d", "new", TRUE, &error));
  g_assert_true (shuati_store_forget_deck (f->store, "d", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (changes->pdata[changes->len - 1], ==, "(all)");
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 0);
  g_assert_cmpuint (shuati_progress_get_n_starred (progress), ==, 0);
  g_assert_cmpuint (shuati_progress_get_n_mastered (progress), ==, 0);
  assert_topic (progress, "b", 0, 0, 3);
}

static void
test_new_day (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  put_history (f);
  progress = shuati_progress_new (f->deck, f->store, LATE, &error);
  g_assert_no_error (error);
  g_signal_connect (progress, "changed", G_CALLBACK (count_changes), changes);

  /* A minute later, still the same day: nothing to count again. */
  shuati_progress_set_now (progress, LATE + 60);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_false (is_due (progress, "tomorrow"));

  /* Past midnight the card due tomorrow is due today. */
  shuati_progress_set_now (progress, LATE + 600);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (changes->pdata[0], ==, "(all)");
  g_assert_true (is_due (progress, "tomorrow"));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 4);
  g_assert_cmpint (shuati_progress_get_day_end (progress), ==, MIDNIGHT + 2 * DAY);
}

static void
test_no_store (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (deck_json, strlen (deck_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (bytes, &error);
  g_autoptr(ShuatiProgress) progress = NULL;

  g_assert_no_error (error);
  progress = shuati_progress_new (deck, NULL, LATE, &error);
  g_assert_no_error (error);
  g_assert_null (shuati_progress_get_store (progress));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 0);
  g_assert_cmpuint (shuati_progress_get_n_starred (progress), ==, 0);
  assert_topic (progress, "a", 0, 0, 3);
}

static void
test_unreadable_store (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (f->store),
                                 "DROP TABLE cards", NULL, NULL, NULL), ==, SQLITE_OK);
  progress = shuati_progress_new (f->deck, f->store, LATE, &error);
  g_assert_null (progress);
  g_assert_nonnull (error);
}

/* Local days follow the learner's time zone, short and long ones too. */
static void
test_days (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) spring = NULL;
  g_autoptr(GDateTime) autumn = NULL;
  g_autoptr(GDateTime) late = NULL;

  g_assert_nonnull (new_york);
  g_assert_nonnull (shanghai);

  g_assert_cmpint (shuati_day_start (LATE), ==, MIDNIGHT);
  g_assert_cmpint (shuati_day_end (LATE), ==, MIDNIGHT + DAY);
  g_assert_cmpint (shuati_day_start (MIDNIGHT), ==, MIDNIGHT);
  g_assert_cmpint (shuati_day_end (MIDNIGHT - 1), ==, MIDNIGHT);

  g_setenv ("TZ", "America/New_York", TRUE);
  spring = g_date_time_new (new_york, 2026, 3, 8, 12, 0, 0);
  autumn = g_date_time_new (new_york, 2026, 11, 1, 12, 0, 0);
  g_assert_cmpint (shuati_day_end (g_date_time_to_unix (spring)) -
                   shuati_day_start (g_date_time_to_unix (spring)), ==, 23 * 3600);
  g_assert_cmpint (shuati_day_end (g_date_time_to_unix (autumn)) -
                   shuati_day_start (g_date_time_to_unix (autumn)), ==, 25 * 3600);

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  late = g_date_time_new (shanghai, 2026, 1, 10, 23, 30, 0);
  g_assert_cmpint (shuati_day_end (g_date_time_to_unix (late)), ==,
                   g_date_time_to_unix (late) + 1800);

  g_setenv ("TZ", "UTC", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/shuati/progress/counts", test_counts);
  ADD ("/shuati/progress/live", test_live);
  ADD ("/shuati/progress/new-day", test_new_day);
  ADD ("/shuati/progress/unreadable-store", test_unreadable_store);
  g_test_add_func ("/shuati/progress/no-store", test_no_store);
  g_test_add_func ("/shuati/progress/days", test_days);

#undef ADD

  return g_test_run ();
}
