/* test-session.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-session.h"
#include "shuati-store-private.h"

#define DAY 86400
/* Noon, 2026-01-10 UTC; the tests run with TZ=UTC. */
#define NOW ((gint64)1767225600 + 9 * DAY + 12 * 3600)

typedef struct
{
  char            *dir;
  char            *path;
  ShuatiStore     *store;
  ShuatiScheduler *scheduler;
  GListStore      *cards;
} Fixture;

static ShuatiCard *
make_card (const char *id,
           guint       number)
{
  ShuatiLocalized *fields[SHUATI_N_FIELDS];

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      fields[i] = shuati_localized_new (1);
      shuati_localized_take (fields[i], 0, "en", g_strdup_printf ("%s field %u", id, i));
    }
  return shuati_card_new ("deck", id, number, NULL, NULL, "en", fields);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("shuati-session-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "progress.db", NULL);
  f->store = shuati_store_new (f->path, &error);
  g_assert_no_error (error);
  f->scheduler = shuati_scheduler_new ();
  shuati_scheduler_set_fuzz (f->scheduler, FALSE);
  f->cards = g_list_store_new (SHUATI_TYPE_CARD);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(ShuatiCard) card = make_card (id, i + 1);

      g_list_store_append (f->cards, card);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->cards);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Gives @card_id a memory, as if studied long ago. */
static void
seed (Fixture         *f,
      const char      *card_id,
      ShuatiCardState  state,
      gint64           due)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory m = { state, 0, 5.0, 5.0, due, due - 5 * DAY, 3, 0 };

  shuati_store_record_review (f->store, "deck", card_id, &zero, &m, SHUATI_RATING_GOOD,
                              NOW - 30 * DAY, NULL, 0, &error);
  g_assert_no_error (error);
}

static ShuatiSession *
study (Fixture *f,
       guint    new_limit)
{
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;

  session = shuati_session_new_study (f->scheduler, f->store, "deck", G_LIST_MODEL (f->cards),
                                      new_limit, NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static const char *
current_id (ShuatiSession *session)
{
  ShuatiCard *card = shuati_session_get_current (session);

  return card ? shuati_card_get_id (card) : NULL;
}

static void
grade (ShuatiSession *session,
       ShuatiRating   rating,
       gint64         now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shuati_session_grade (session, rating, now, 2000, &error));
  g_assert_no_error (error);
}

static void
assert_counts (ShuatiSession *session,
               guint          n_due,
               guint          n_learning,
               guint          n_new)
{
  g_assert_cmpuint (shuati_session_get_n_due (session), ==, n_due);
  g_assert_cmpuint (shuati_session_get_n_learning (session), ==, n_learning);
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, n_new);
}

static gint64
count_reviews (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  sqlite3_prepare_v2 (shuati_store_get_database (f->store), "SELECT count(*) FROM reviews", -1, &stmt, NULL);
  sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = NULL;
  static const char * const expected[] = {
    "c8",               /* relearning, step due */
    "c7", "c3", "c1",   /* reviews, oldest due first; c1 is due later today */
    "c0", "c2", "c4",   /* new, in card order, up to the limit */
  };

  seed (f, "c3", SHUATI_CARD_REVIEW, NOW - DAY);
  seed (f, "c7", SHUATI_CARD_REVIEW, NOW - 3 * DAY);
  seed (f, "c5", SHUATI_CARD_REVIEW, NOW + 2 * DAY);
  seed (f, "c1", SHUATI_CARD_REVIEW, NOW + 3600);
  seed (f, "c8", SHUATI_CARD_RELEARNING, NOW - 60);

  session = study (f, 3);
  g_assert_false (shuati_session_get_is_practice (session));
  g_assert_cmpint (shuati_session_get_started_at (session), ==, NOW);
  assert_counts (session, 3, 1, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (current_id (session), ==, expected[i]);
      grade (session, SHUATI_RATING_GOOD, NOW + i);
    }

  /* The three new cards are on their second step, due in ten minutes:
   * with nothing else left they come early, in the order they were seen. */
  assert_counts (session, 0, 3, 0);
  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_GOOD, NOW + 10);
  g_assert_cmpstr (current_id (session), ==, "c2");
  grade (session, SHUATI_RATING_GOOD, NOW + 11);
  g_assert_cmpstr (current_id (session), ==, "c4");
  grade (session, SHUATI_RATING_GOOD, NOW + 12);

  g_assert_null (shuati_session_get_current (session));
  g_assert_true (shuati_session_get_finished (session));
  assert_counts (session, 0, 0, 0);
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 10);
  g_assert_cmpuint (shuati_session_get_n_remembered (session), ==, 10);
  g_assert_cmpint (count_reviews (f), ==, 5 + 10);
  /* c5 was not due and is the first to come back. */
  g_assert_cmpint (shuati_session_get_next_due (session), ==, NOW + 2 * DAY);
}

static void
test_daily_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;
  ShuatiMemory zero = { 0 };
  ShuatiMemory learned = { SHUATI_CARD_REVIEW, 0, 5.0, 5.0, NOW + 5 * DAY, NOW - 3600, 1, 0 };

  /* Two new cards were already studied this morning, one yesterday. */
  shuati_store_record_review (f->store, "deck", "c0", &zero, &learned, SHUATI_RATING_EASY,
                              NOW - 3600, NULL, 0, &error);
  shuati_store_record_review (f->store, "deck", "c1", &zero, &learned, SHUATI_RATING_EASY,
                              NOW - 7200, NULL, 0, &error);
  shuati_store_record_review (f->store, "deck", "c2", &zero, &learned, SHUATI_RATING_EASY,
                              NOW - DAY, NULL, 0, &error);
  g_assert_no_error (error);

  session = study (f, 5);
  assert_counts (session, 0, 0, 3);
  g_assert_cmpstr (current_id (session), ==, "c3");
  g_assert_finalize_object (session);

  session = study (f, 2);
  assert_counts (session, 0, 0, 0);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_null (shuati_session_get_current (session));
  g_assert_finalize_object (session);

  session = study (f, 0);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_finalize_object (session);

  /* A choice of cards: only those count as candidates. */
  {
    g_autoptr(GListStore) some = g_list_store_new (SHUATI_TYPE_CARD);
    g_autoptr(ShuatiCard) c9 = g_list_model_get_item (G_LIST_MODEL (f->cards), 9);

    g_list_store_append (some, c9);
    session = shuati_session_new_study (f->scheduler, f->store, "deck", G_LIST_MODEL (some),
                                        20, NOW, &error);
    g_assert_no_error (error);
    assert_counts (session, 0, 0, 1);
    g_assert_cmpstr (current_id (session), ==, "c9");
    g_assert_finalize_object (session);
  }
}

static void
test_learning_requeue (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = study (f, 2);

  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_AGAIN, NOW);
  g_assert_cmpuint (shuati_session_get_n_remembered (session), ==, 0);
  /* c0 is due again in a minute; c1 comes first. */
  assert_counts (session, 0, 1, 1);
  g_assert_cmpstr (current_id (session), ==, "c1");
  grade (session, SHUATI_RATING_HARD, NOW + 120);

  /* c0's step came due while c1 was shown. */
  g_assert_cmpstr (current_id (session), ==, "c0");
  assert_counts (session, 0, 2, 0);
  g_assert_cmpint (shuati_session_get_current_memory (session)->state, ==, SHUATI_CARD_LEARNING);
  grade (session, SHUATI_RATING_GOOD, NOW + 130);

  /* c1 (Hard: due at +450) before c0 (Good: due at +730), early. */
  g_assert_cmpstr (current_id (session), ==, "c1");
  grade (session, SHUATI_RATING_EASY, NOW + 140);
  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_GOOD, NOW + 150);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 5);
  g_assert_cmpuint (shuati_session_get_n_remembered (session), ==, 4);

  {
    ShuatiMemory m;

    g_assert_true (shuati_store_get_memory (f->store, "deck", "c0", &m, NULL));
    g_assert_cmpint (m.state, ==, SHUATI_CARD_REVIEW);
    g_assert_cmpuint (m.reps, ==, 3);
  }
}

static void
test_relearning_requeue (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = NULL;

  seed (f, "c4", SHUATI_CARD_REVIEW, NOW - DAY);
  session = study (f, 0);
  assert_counts (session, 1, 0, 0);
  grade (session, SHUATI_RATING_AGAIN, NOW);
  assert_counts (session, 0, 1, 0);
  g_assert_cmpstr (current_id (session), ==, "c4");
  g_assert_cmpint (shuati_session_get_current_memory (session)->state, ==, SHUATI_CARD_RELEARNING);
  g_assert_cmpuint (shuati_session_get_current_memory (session)->lapses, ==, 1);
}

/* A session late in the evening: steps that end after midnight still
 * come back in it, and so do cards left between steps. */
static void
test_learning_past_midnight (Fixture       *f,
                             gconstpointer  data)
{
  const gint64 late = NOW + 12 * 3600 - 300;   /* 23:55 */
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiSession) session = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory between = { SHUATI_CARD_LEARNING, 1, 2.0, 5.0, late + 420, late - 180, 1, 0 };

  shuati_store_record_review (f->store, "deck", "c9", &zero, &between, SHUATI_RATING_GOOD,
                              late - 180, NULL, 0, &error);
  g_assert_no_error (error);

  session = shuati_session_new_study (f->scheduler, f->store, "deck", G_LIST_MODEL (f->cards),
                                      2, late, &error);
  g_assert_no_error (error);
  /* c9 was new earlier tonight: one of the two new cards of the day. */
  assert_counts (session, 0, 1, 1);

  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_GOOD, late);
  g_assert_cmpint (shuati_session_get_current_memory (session)->state, ==, SHUATI_CARD_LEARNING);
  assert_counts (session, 0, 2, 0);

  /* c9's step ends first (00:02), then c0's (00:05). */
  g_assert_cmpstr (current_id (session), ==, "c9");
  grade (session, SHUATI_RATING_GOOD, late + 420);
  g_assert_cmpstr (current_id (session), ==, "c0");
  g_assert_cmpint (shuati_session_get_current_memory (session)->due, ==, late + 600);
  /* Again after midnight: one more step, in the same session. */
  grade (session, SHUATI_RATING_AGAIN, late + 600);
  g_assert_false (shuati_session_get_finished (session));
  g_assert_cmpstr (current_id (session), ==, "c0");
  g_assert_cmpint (shuati_session_get_current_memory (session)->due, ==, late + 660);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiMemory before, m;
  guint done_notified = 0;
  guint current_notified = 0;
  gint64 intervals[4];

  seed (f, "c5", SHUATI_CARD_REVIEW, NOW - DAY);
  g_assert_true (shuati_store_get_memory (f->store, "deck", "c5", &before, NULL));
  session = study (f, 2);
  g_signal_connect (session, "notify::n-done", G_CALLBACK (count_notify), &done_notified);
  g_signal_connect (session, "notify::current", G_CALLBACK (count_notify), &current_notified);

  g_assert_false (shuati_session_can_undo (session));
  g_assert_false (shuati_session_undo (session, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpstr (current_id (session), ==, "c5");
  shuati_session_preview (session, NOW, intervals);
  g_assert_cmpint (intervals[0], ==, 600);
  g_assert_cmpint (intervals[2], >=, DAY);

  grade (session, SHUATI_RATING_AGAIN, NOW);
  grade (session, SHUATI_RATING_GOOD, NOW + 1);
  g_assert_cmpstr (current_id (session), ==, "c1");
  assert_counts (session, 0, 2, 1);
  g_assert_cmpint (count_reviews (f), ==, 3);
  g_assert_cmpuint (done_notified, ==, 2);

  /* Undo the new card: it is shown again and leaves the store. */
  g_assert_true (shuati_session_undo (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_id (session), ==, "c0");
  assert_counts (session, 0, 1, 2);
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 1);
  g_assert_cmpuint (shuati_session_get_n_remembered (session), ==, 0);
  g_assert_false (shuati_store_get_memory (f->store, "deck", "c0", &m, NULL));
  g_assert_cmpint (count_reviews (f), ==, 2);
  g_assert_cmpuint (done_notified, ==, 3);

  /* Undo the lapse: the review card is back exactly as it was. */
  g_assert_true (shuati_session_undo (session, &error));
  g_assert_cmpstr (current_id (session), ==, "c5");
  assert_counts (session, 1, 0, 2);
  g_assert_true (shuati_store_get_memory (f->store, "deck", "c5", &m, NULL));
  g_assert_cmpmem (&m, sizeof m, &before, sizeof before);
  g_assert_cmpmem (shuati_session_get_current_memory (session), sizeof m, &before, sizeof before);
  g_assert_cmpint (count_reviews (f), ==, 1);
  g_assert_false (shuati_session_can_undo (session));
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 0);

  /* And the session goes on as if nothing had happened. */
  grade (session, SHUATI_RATING_GOOD, NOW + 5);
  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_EASY, NOW + 6);
  g_assert_cmpstr (current_id (session), ==, "c1");
  grade (session, SHUATI_RATING_EASY, NOW + 7);
  g_assert_true (shuati_session_get_finished (session));

  /* Undo after the end reopens it. */
  g_assert_true (shuati_session_undo (session, &error));
  g_assert_false (shuati_session_get_finished (session));
  g_assert_cmpstr (current_id (session), ==, "c1");
  g_assert_cmpuint (current_notified, >=, 6);
}

static void
test_grade_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = study (f, 5);
  g_autoptr(GError) error = NULL;

  sqlite3_exec (shuati_store_get_database (f->store), "PRAGMA query_only = ON", NULL, NULL, NULL);
  g_assert_false (shuati_session_grade (session, SHUATI_RATING_GOOD, NOW, 0, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Nothing moved; the card can be graded again once the store allows. */
  g_assert_cmpstr (current_id (session), ==, "c0");
  assert_counts (session, 0, 0, 5);
  g_assert_cmpuint (shuati_session_get_n_done (session), ==, 0);
  g_assert_false (shuati_session_can_undo (session));

  sqlite3_exec (shuati_store_get_database (f->store), "PRAGMA query_only = OFF", NULL, NULL, NULL);
  grade (session, SHUATI_RATING_GOOD, NOW);
  g_assert_cmpstr (current_id (session), ==, "c1");
}

static void
test_practice (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ShuatiSession) ordered = shuati_session_new_practice (G_LIST_MODEL (f->cards), FALSE, 0);
  g_autoptr(ShuatiSession) a = shuati_session_new_practice (G_LIST_MODEL (f->cards), TRUE, 77);
  g_autoptr(ShuatiSession) b = shuati_session_new_practice (G_LIST_MODEL (f->cards), TRUE, 77);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean differs = FALSE;
  gint64 intervals[4] = { 1, 1, 1, 1 };

  g_assert_true (shuati_session_get_is_practice (ordered));
  g_assert_cmpuint (shuati_session_get_n_due (ordered), ==, 10);
  g_assert_null (shuati_session_get_current_memory (ordered));
  shuati_session_preview (ordered, NOW, intervals);
  g_assert_cmpint (intervals[0] | intervals[1] | intervals[2] | intervals[3], ==, 0);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      const char *shuffled = current_id (a);

      g_assert_cmpstr (current_id (ordered), ==, id);
      g_assert_cmpstr (shuffled, ==, current_id (b));
      g_assert_false (g_hash_table_contains (seen, shuffled));
      g_hash_table_add (seen, (gpointer)shuffled);
      differs |= strcmp (shuffled, id) != 0;

      g_assert_true (shuati_session_grade (ordered, i % 2 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD,
                                           NOW, 0, &error));
      g_assert_true (shuati_session_grade (a, SHUATI_RATING_GOOD, NOW, 0, &error));
      g_assert_true (shuati_session_grade (b, SHUATI_RATING_GOOD, NOW, 0, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (shuati_session_get_n_due (ordered), ==, 9 - i);
    }
  g_assert_true (differs);
  g_assert_true (shuati_session_get_finished (ordered));
  g_assert_cmpuint (shuati_session_get_n_done (ordered), ==, 10);
  g_assert_cmpuint (shuati_session_get_n_remembered (ordered), ==, 5);
  g_assert_cmpint (shuati_session_get_next_due (ordered), ==, 0);

  g_assert_true (shuati_session_undo (ordered, &error));
  g_assert_cmpstr (current_id (ordered), ==, "c9");
  g_assert_cmpuint (shuati_session_get_n_done (ordered), ==, 9);

  /* A different seed, a different order. */
  {
    g_autoptr(ShuatiSession) c = shuati_session_new_practice (G_LIST_MODEL (f->cards), TRUE, 78);
    g_autoptr(ShuatiSession) d = shuati_session_new_practice (G_LIST_MODEL (f->cards), TRUE, 77);
    gboolean other = FALSE;

    while (!shuati_session_get_finished (c))
      {
        other |= shuati_session_get_current (c) != shuati_session_get_current (d);
        shuati_session_grade (c, SHUATI_RATING_GOOD, NOW, 0, NULL);
        shuati_session_grade (d, SHUATI_RATING_GOOD, NOW, 0, NULL);
      }
    g_assert_true (other);
  }

  /* Nothing reached the store. */
  g_assert_cmpint (count_reviews (f), ==, 0);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GListStore) none = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;

  session = shuati_session_new_study (f->scheduler, f->store, "deck", G_LIST_MODEL (none), 20, NOW, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_cmpint (shuati_session_get_next_due (session), ==, 0);
  g_assert_finalize_object (session);

  session = shuati_session_new_practice (G_LIST_MODEL (none), TRUE, 1);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_finalize_object (session);
}

static ShuatiSession *
custom (Fixture         *f,
        ShuatiStudyKind  kind,
        guint            new_limit)
{
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;

  session = shuati_session_new_custom (f->scheduler, f->store, "deck", G_LIST_MODEL (f->cards),
                                       kind, new_limit, NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpint (shuati_session_get_kind (session), ==, kind);
  return session;
}

static double
last_elapsed_days (Fixture    *f,
                   const char *card_id)
{
  sqlite3_stmt *stmt = NULL;
  double elapsed;

  g_assert_cmpint (sqlite3_prepare_v2 (shuati_store_get_database (f->store),
                                       "SELECT elapsed_days FROM reviews WHERE card_id = ?1"
                                       " ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  elapsed = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return elapsed;
}

static void
test_suggest_rating (void)
{
  /* No checklist, or one left alone: Good, as Space is in Anki. */
  g_assert_cmpint (shuati_suggest_rating (0, 0, FALSE), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (shuati_suggest_rating (0, 0, TRUE), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (shuati_suggest_rating (3, 0, FALSE), ==, SHUATI_RATING_GOOD);
  /* Once touched, the ticks speak. */
  g_assert_cmpint (shuati_suggest_rating (3, 3, TRUE), ==, SHUATI_RATING_GOOD);
  g_assert_cmpint (shuati_suggest_rating (3, 1, TRUE), ==, SHUATI_RATING_HARD);
  g_assert_cmpint (shuati_suggest_rating (3, 2, TRUE), ==, SHUATI_RATING_HARD);
  g_assert_cmpint (shuati_suggest_rating (3, 0, TRUE), ==, SHUATI_RATING_AGAIN);
  g_assert_cmpint (shuati_suggest_rating (1, 0, TRUE), ==, SHUATI_RATING_AGAIN);
  g_assert_cmpint (shuati_suggest_rating (1, 1, TRUE), ==, SHUATI_RATING_GOOD);
}

static void
test_review_ahead (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiSession *session;
  const ShuatiMemory *m;
  gint64 due_before;

  seed (f, "c0", SHUATI_CARD_REVIEW, NOW - DAY);       /* due already */
  seed (f, "c1", SHUATI_CARD_REVIEW, NOW + 4 * DAY);   /* this week, later */
  seed (f, "c2", SHUATI_CARD_REVIEW, NOW + 2 * DAY);   /* this week, sooner */
  seed (f, "c3", SHUATI_CARD_REVIEW, NOW + 30 * DAY);  /* too far */
  seed (f, "c4", SHUATI_CARD_LEARNING, NOW + DAY);     /* not a review card */

  /* The day's work holds only c0; all three are for Review Ahead. */
  session = study (f, 0);
  assert_counts (session, 1, 1, 0);
  g_assert_cmpuint (shuati_session_count_ahead (session, NOW), ==, 3);
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 5);
  g_assert_finalize_object (session);

  /* Review Ahead: soonest due first, c3 and c4 left out. */
  session = custom (f, SHUATI_STUDY_AHEAD, 20);
  assert_counts (session, 3, 0, 0);
  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_GOOD, NOW);
  g_assert_cmpstr (current_id (session), ==, "c2");

  /* Reviewed early, by the days that really passed (3 of 5): the
   * scheduler decides the new interval from there. */
  m = shuati_session_get_current_memory (session);
  due_before = m->due;
  grade (session, SHUATI_RATING_GOOD, NOW);
  g_assert_cmpfloat (last_elapsed_days (f, "c2"), ==, 3.0);
  {
    g_autoptr(GHashTable) memories = NULL;
    const ShuatiMemory *after;

    g_assert_true (shuati_store_load_deck (f->store, "deck", &memories, NULL));
    after = g_hash_table_lookup (memories, "c2");
    g_assert_cmpint (after->state, ==, SHUATI_CARD_REVIEW);
    g_assert_cmpint (after->last_review, ==, NOW);
    g_assert_cmpint (after->due, >, due_before);
  }

  g_assert_cmpstr (current_id (session), ==, "c1");
  grade (session, SHUATI_RATING_EASY, NOW);
  g_assert_true (shuati_session_get_finished (session));
  /* Nothing reviewed today is offered again. */
  g_assert_cmpuint (shuati_session_count_ahead (session, NOW), ==, 0);
  g_assert_finalize_object (session);

  session = custom (f, SHUATI_STUDY_AHEAD, 20);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_finalize_object (session);
}

static void
test_forgotten (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;
  ShuatiMemory zero = { 0 };
  ShuatiMemory relearned = { SHUATI_CARD_REVIEW, 0, 2.0, 6.0, NOW + 10 * DAY, NOW - DAY, 1, 0 };

  /* Forgotten yesterday and relearned since: not today's business. */
  shuati_store_record_review (f->store, "deck", "c9", &zero, &relearned, SHUATI_RATING_AGAIN,
                              NOW - DAY, NULL, 0, &error);
  g_assert_no_error (error);

  session = study (f, 4);
  g_assert_cmpuint (shuati_session_count_forgotten (session, NOW), ==, 0);
  grade (session, SHUATI_RATING_AGAIN, NOW);           /* c0 */
  grade (session, SHUATI_RATING_GOOD, NOW);            /* c1 */
  grade (session, SHUATI_RATING_AGAIN, NOW);           /* c2 */
  grade (session, SHUATI_RATING_EASY, NOW);            /* c3 */
  g_assert_cmpuint (shuati_session_count_forgotten (session, NOW), ==, 2);
  /* Tomorrow they are no longer today's failures. */
  g_assert_cmpuint (shuati_session_count_forgotten (session, NOW + DAY), ==, 0);
  g_assert_finalize_object (session);

  /* In card order, whatever their state or due time. */
  session = custom (f, SHUATI_STUDY_FORGOTTEN, 20);
  assert_counts (session, 2, 0, 0);
  g_assert_cmpstr (current_id (session), ==, "c0");
  grade (session, SHUATI_RATING_GOOD, NOW + 120);
  g_assert_cmpstr (current_id (session), ==, "c2");
  grade (session, SHUATI_RATING_AGAIN, NOW + 120);
  /* Both go on with their steps within this session. */
  assert_counts (session, 0, 2, 0);
  g_assert_false (shuati_session_get_finished (session));
  g_assert_finalize_object (session);

  /* Practice never knows of forgotten or ahead cards. */
  session = shuati_session_new_practice (G_LIST_MODEL (f->cards), FALSE, 0);
  g_assert_cmpuint (shuati_session_count_forgotten (session, NOW), ==, 0);
  g_assert_cmpuint (shuati_session_count_ahead (session, NOW), ==, 0);
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 0);
  g_assert_finalize_object (session);
}

static void
test_more_new (Fixture       *f,
               gconstpointer  data)
{
  ShuatiSession *session;

  /* Three new cards today, the limit reached. */
  session = study (f, 3);
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 7);
  for (guint i = 0; i < 3; i++)
    grade (session, SHUATI_RATING_EASY, NOW);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 7);
  g_assert_finalize_object (session);

  session = study (f, 3);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 7);
  g_assert_finalize_object (session);

  /* Raising today's limit by three brings the next three, in order. */
  session = study (f, 6);
  assert_counts (session, 0, 0, 3);
  g_assert_cmpstr (current_id (session), ==, "c3");
  g_assert_cmpuint (shuati_session_count_new_left (session), ==, 4);
  g_assert_finalize_object (session);
}

static void
test_matches_nothing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GListStore) none = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;

  session = study (f, 0);
  g_assert_true (shuati_session_get_finished (session));
  g_assert_cmpuint (shuati_session_get_n_cards (session), ==, 10);
  g_assert_finalize_object (session);

  for (ShuatiStudyKind kind = SHUATI_STUDY_DUE; kind <= SHUATI_STUDY_FORGOTTEN; kind++)
    {
      session = shuati_session_new_custom (f->scheduler, f->store, "deck", G_LIST_MODEL (none),
                                           kind, 20, NOW, &error);
      g_assert_no_error (error);
      g_assert_true (shuati_session_get_finished (session));
      g_assert_cmpuint (shuati_session_get_n_cards (session), ==, 0);
      g_assert_cmpuint (shuati_session_count_new_left (session), ==, 0);
      g_assert_cmpuint (shuati_session_count_ahead (session, NOW), ==, 0);
      g_assert_cmpuint (shuati_session_count_forgotten (session, NOW), ==, 0);
      g_assert_finalize_object (session);
    }
}

static void
on_card_changed (ShuatiSession *session,
                 const char    *deck_id,
                 const char    *card_id,
                 GPtrArray     *changes)
{
  g_ptr_array_add (changes, g_strdup_printf ("%s/%s", deck_id, card_id ? card_id : "*"));
}

static void
test_stars (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ShuatiSession) session = study (f, 5);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ShuatiCard *card = shuati_session_get_current (session);
  ShuatiCard *other = g_list_model_get_item (G_LIST_MODEL (f->cards), 7);

  g_signal_connect (session, "card-changed", G_CALLBACK (on_card_changed), changes);

  /* A study session stars through its store. */
  g_assert_true (shuati_session_get_can_star (session));
  g_assert_false (shuati_session_get_starred (session, card));
  g_assert_true (shuati_session_set_starred (session, card, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_session_get_starred (session, card));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c0"));
  g_assert_false (shuati_session_get_starred (session, other));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "deck/c0");

  /* Writes made elsewhere are told too, whole-deck ones with no card. */
  g_assert_true (shuati_store_set_starred (f->store, "deck", "c7", TRUE, NULL));
  g_assert_true (shuati_session_get_starred (session, other));
  g_assert_true (shuati_store_forget_deck (f->store, "deck", NULL));
  g_assert_false (shuati_session_get_starred (session, card));
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (changes, 1), ==, "deck/c7");
  g_assert_cmpstr (g_ptr_array_index (changes, 2), ==, "deck/*");

  /* The store refuses the write: the star stays as it was. */
  sqlite3_exec (shuati_store_get_database (f->store), "PRAGMA query_only = ON", NULL, NULL, NULL);
  g_assert_false (shuati_session_set_starred (session, card, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SHUATI_STORE_ERROR);
  g_clear_error (&error);
  sqlite3_exec (shuati_store_get_database (f->store), "PRAGMA query_only = OFF", NULL, NULL, NULL);
  g_assert_false (shuati_session_get_starred (session, card));
  g_assert_cmpuint (changes->len, ==, 3);

  /* A session that is gone hears nothing more. */
  g_signal_handlers_disconnect_by_func (session, on_card_changed, changes);
  g_assert_finalize_object (g_steal_pointer (&session));
  g_assert_true (shuati_store_set_starred (f->store, "deck", "c1", TRUE, NULL));

  g_object_unref (other);
}

static void
test_practice_stars (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShuatiSession) plain = shuati_session_new_practice (G_LIST_MODEL (f->cards), FALSE, 0);
  g_autoptr(ShuatiSession) starring = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiCard *card = shuati_session_get_current (plain);

  /* Without a store a practice session cannot star, and says why. */
  g_assert_false (shuati_session_get_can_star (plain));
  g_assert_false (shuati_session_get_starred (plain, card));
  g_assert_false (shuati_session_set_starred (plain, card, TRUE, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (shuati_store_is_starred (f->store, "deck", "c0"));

  /* With one it stars, but its grades are still not recorded. */
  starring = shuati_session_new_practice_with_store (f->store, G_LIST_MODEL (f->cards), TRUE, 5);
  card = shuati_session_get_current (starring);
  g_assert_true (shuati_session_get_is_practice (starring));
  g_assert_true (shuati_session_get_can_star (starring));
  g_assert_true (shuati_session_set_starred (starring, card, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_is_starred (f->store, "deck", shuati_card_get_id (card)));
  g_assert_true (shuati_session_get_starred (starring, card));
  g_assert_true (shuati_session_grade (starring, SHUATI_RATING_GOOD, NOW, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_reviews (f), ==, 0);

  g_assert_true (shuati_session_set_starred (starring, card, FALSE, &error));
  g_assert_false (shuati_store_is_starred (f->store, "deck", shuati_card_get_id (card)));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/shuati/session/study/order", test_order);
  ADD ("/shuati/session/study/daily-limit", test_daily_limit);
  ADD ("/shuati/session/study/learning-requeue", test_learning_requeue);
  ADD ("/shuati/session/study/relearning-requeue", test_relearning_requeue);
  ADD ("/shuati/session/study/learning-past-midnight", test_learning_past_midnight);
  ADD ("/shuati/session/study/undo", test_undo);
  ADD ("/shuati/session/study/grade-fails", test_grade_fails);
  ADD ("/shuati/session/practice", test_practice);
  ADD ("/shuati/session/empty", test_empty);
  ADD ("/shuati/session/custom/review-ahead", test_review_ahead);
  ADD ("/shuati/session/custom/forgotten", test_forgotten);
  ADD ("/shuati/session/custom/more-new", test_more_new);
  ADD ("/shuati/session/custom/matches-nothing", test_matches_nothing);
  g_test_add_func ("/shuati/session/suggest-rating", test_suggest_rating);
  ADD ("/shuati/session/stars", test_stars);
  ADD ("/shuati/session/practice-stars", test_practice_stars);

#undef ADD

  return g_test_run ();
}
