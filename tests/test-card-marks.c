/* test-card-marks.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suspending, burying and forgetting cards, undoing each, and what the
 * study queue and the deck's counts make of them.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-progress.h"
#include "shuati-session.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

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
  guint            n_changed;
  char            *changed_card;
} Fixture;

static void
on_changed (ShuatiStore *store,
            const char  *deck_id,
            const char  *card_id,
            Fixture     *f)
{
  g_assert_cmpstr (deck_id, ==, "deck");
  f->n_changed++;
  g_free (f->changed_card);
  f->changed_card = g_strdup (card_id);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = shuati_test_store_new ("marks", &f->dir, &f->path);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
  f->scheduler = shuati_scheduler_new ();
  shuati_scheduler_set_fuzz (f->scheduler, FALSE);
  f->cards = g_list_store_new (SHUATI_TYPE_CARD);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(ShuatiCard) card = shuati_test_card_new ("deck", id, i + 1);

      shuati_card_set_position (card, i);
      g_list_store_append (f->cards, card);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->cards);
  shuati_test_store_free (f->store, f->dir);
  g_free (f->path);
  g_free (f->changed_card);
}

/* Gives @card_id a review memory due at @due, reviewed long ago. */
static void
seed (Fixture    *f,
      const char *card_id,
      gint64      due,
      guint       lapses)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory m = { SHUATI_CARD_REVIEW, 0, 5.0, 5.0, due, NOW - 20 * DAY, 3 + lapses, lapses };

  g_assert_cmpint (shuati_store_record_review (f->store, "deck", card_id, &zero, &m, SHUATI_RATING_GOOD,
                                               NOW - 20 * DAY, NULL, 1200, &error), >, 0);
  g_assert_no_error (error);
}

static ShuatiSession *
study (Fixture         *f,
       ShuatiStudyKind  kind,
       gint64           now)
{
  g_autoptr(GError) error = NULL;
  ShuatiSession *session;

  session = shuati_session_new_custom (f->scheduler, f->store, "deck", G_LIST_MODEL (f->cards),
                                       kind, 20, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* The ids the session shows, in order, grading each Easy. */
static char *
queue_of (ShuatiSession *session,
          gint64         now)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  ShuatiCard *card;

  while ((card = shuati_session_get_current (session)) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, shuati_card_get_id (card));
      g_assert_true (shuati_session_grade (session, SHUATI_RATING_EASY, now, 1000, &error));
      g_assert_no_error (error);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_suspend (Fixture       *f,
              gconstpointer  data)
{
  const char * const two[] = { "c1", "c2", NULL };
  const char * const one[] = { "c2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) suspended = NULL;

  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c1"));

  g_assert_true (shuati_store_set_suspended (f->store, "deck", two, TRUE, &error));
  g_assert_no_error (error);
  /* A batch announces the whole deck, one card announces itself. */
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_null (f->changed_card);
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c1"));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c2"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c3"));
  g_assert_false (shuati_store_is_suspended (f->store, "other", "c1"));

  suspended = shuati_store_load_suspended (f->store, "deck", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (suspended), ==, 2);
  g_assert_true (g_hash_table_contains (suspended, "c1"));

  g_assert_true (shuati_store_set_suspended (f->store, "deck", one, FALSE, &error));
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_cmpstr (f->changed_card, ==, "c2");
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c2"));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c1"));

  /* Burying keeps the suspension and the other way round. */
  g_assert_true (shuati_store_bury (f->store, "deck", two, NOW + DAY, &error));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c1"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c2"));
  g_assert_cmpint (shuati_store_get_buried_until (f->store, "deck", "c1"), ==, NOW + DAY);
}

static void
test_suspend_undo (Fixture       *f,
                   gconstpointer  data)
{
  const char * const ids[] = { "c0", "c1", NULL };
  const char * const first[] = { "c0", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiCardSnapshot) snapshot = NULL;

  /* c0 was already suspended, c1 was not: undo puts back each. */
  g_assert_true (shuati_store_set_suspended (f->store, "deck", first, TRUE, &error));
  snapshot = shuati_store_snapshot (f->store, "deck", ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_card_snapshot_get_n_cards (snapshot), ==, 2);

  g_assert_true (shuati_store_set_suspended (f->store, "deck", ids, TRUE, &error));
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c1"));

  g_assert_true (shuati_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_is_suspended (f->store, "deck", "c0"));
  g_assert_false (shuati_store_is_suspended (f->store, "deck", "c1"));
}

static void
test_bury (Fixture       *f,
           gconstpointer  data)
{
  const char * const ids[] = { "c3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) buried = NULL;
  g_autoptr(GHashTable) tomorrow = NULL;
  g_autoptr(ShuatiCardSnapshot) snapshot = NULL;

  snapshot = shuati_store_snapshot (f->store, "deck", ids, &error);
  g_assert_true (shuati_store_bury (f->store, "deck", ids, shuati_day_end (NOW), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->changed_card, ==, "c3");

  buried = shuati_store_load_buried (f->store, "deck", NOW, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (buried, "c3"));
  /* Buried until the learner's day ends, not for 24 hours. */
  tomorrow = shuati_store_load_buried (f->store, "deck", shuati_day_end (NOW) + 1, &error);
  g_assert_cmpuint (g_hash_table_size (tomorrow), ==, 0);

  g_assert_true (shuati_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shuati_store_get_buried_until (f->store, "deck", "c3"), ==, 0);
}

static void
test_forget (Fixture       *f,
             gconstpointer  data)
{
  const char * const ids[] = { "c0", "c1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiCardSnapshot) snapshot = NULL;
  g_autoptr(GArray) history = NULL;
  ShuatiMemory before, after;

  seed (f, "c0", NOW - DAY, 2);
  g_assert_true (shuati_store_set_starred (f->store, "deck", "c0", TRUE, &error));
  g_assert_true (shuati_store_get_memory (f->store, "deck", "c0", &before, &error));

  snapshot = shuati_store_snapshot (f->store, "deck", ids, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_store_forget_cards (f->store, "deck", ids, &error));
  g_assert_no_error (error);

  /* New again, but the history and the star stay. */
  g_assert_false (shuati_store_get_memory (f->store, "deck", "c0", &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (after.state, ==, SHUATI_CARD_NEW);
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c0"));
  history = shuati_store_load_card_history (f->store, "deck", "c0", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (g_array_index (history, ShuatiHistoryEntry, 0).reviewed_at, ==, NOW - 20 * DAY);
  g_assert_cmpint (g_array_index (history, ShuatiHistoryEntry, 0).rating, ==, SHUATI_RATING_GOOD);
  g_assert_cmpuint (g_array_index (history, ShuatiHistoryEntry, 0).duration_ms, ==, 1200);

  /* Undo: c0 gets its memory back, c1 (never studied) stays new. */
  g_assert_true (shuati_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_memory (f->store, "deck", "c0", &after, &error));
  g_assert_cmpint (after.state, ==, before.state);
  g_assert_cmpint (after.due, ==, before.due);
  g_assert_cmpuint (after.lapses, ==, 2);
  g_assert_cmpfloat (after.stability, ==, before.stability);
  g_assert_false (shuati_store_get_memory (f->store, "deck", "c1", &after, &error));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c0"));
}

static void
test_star_undo (Fixture       *f,
                gconstpointer  data)
{
  const char * const ids[] = { "c4", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiCardSnapshot) snapshot = shuati_store_snapshot (f->store, "deck", ids, &error);

  g_assert_true (shuati_store_set_starred (f->store, "deck", "c4", TRUE, &error));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c4"));
  g_assert_true (shuati_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_false (shuati_store_is_starred (f->store, "deck", "c4"));
}

static void
test_session_skips (Fixture       *f,
                    gconstpointer  data)
{
  const char * const held[] = { "c0", "c3", NULL };
  const char * const c0[] = { "c0", NULL };
  const char * const c3[] = { "c3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiSession) before = NULL;
  g_autoptr(ShuatiSession) during = NULL;
  g_autoptr(ShuatiSession) next_day = NULL;
  g_autoptr(ShuatiSession) unsuspended = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *queue_during = NULL;
  g_autofree char *queue_next = NULL;
  g_autofree char *queue_after = NULL;

  /* c0 and c1 due, c2..c5 new. */
  seed (f, "c0", NOW - DAY, 0);
  seed (f, "c1", NOW - DAY, 0);

  before = study (f, SHUATI_STUDY_DUE, NOW);
  g_assert_cmpuint (shuati_session_get_n_due (before), ==, 2);
  g_assert_cmpuint (shuati_session_get_n_new (before), ==, 4);
  g_clear_object (&before);

  g_assert_true (shuati_store_set_suspended (f->store, "deck", c0, TRUE, &error));
  g_assert_true (shuati_store_bury (f->store, "deck", c3, shuati_day_end (NOW), &error));
  g_assert_no_error (error);

  during = study (f, SHUATI_STUDY_DUE, NOW);
  g_assert_cmpuint (shuati_session_get_n_due (during), ==, 1);
  g_assert_cmpuint (shuati_session_get_n_new (during), ==, 3);
  queue_during = queue_of (during, NOW);
  g_assert_cmpstr (queue_during, ==, "c1 c2 c4 c5");

  /* Tomorrow the buried card is back; the suspended one is not. */
  next_day = study (f, SHUATI_STUDY_DUE, NOW + DAY);
  queue_next = queue_of (next_day, NOW + DAY);
  g_assert_nonnull (strstr (queue_next, "c3"));
  g_assert_null (strstr (queue_next, "c0"));

  g_assert_true (shuati_store_set_suspended (f->store, "deck", held, FALSE, &error));
  unsuspended = study (f, SHUATI_STUDY_DUE, NOW + DAY);
  queue_after = queue_of (unsuspended, NOW + DAY);
  g_assert_nonnull (strstr (queue_after, "c0"));
}

static void
test_session_ahead_and_counts (Fixture       *f,
                               gconstpointer  data)
{
  const char * const c1[] = { "c1", NULL };
  const char * const news[] = { "c2", "c3", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiSession) due = NULL;
  g_autoptr(ShuatiSession) ahead = NULL;

  seed (f, "c0", NOW + 2 * DAY, 0);
  seed (f, "c1", NOW + 3 * DAY, 0);
  g_assert_true (shuati_store_set_suspended (f->store, "deck", c1, TRUE, &error));
  g_assert_true (shuati_store_set_suspended (f->store, "deck", news, TRUE, &error));

  due = study (f, SHUATI_STUDY_DUE, NOW);
  g_assert_cmpuint (shuati_session_count_ahead (due, NOW), ==, 1);
  /* c4, c5 shown; c2, c3 suspended: no new card is left over. */
  g_assert_cmpuint (shuati_session_get_n_new (due), ==, 2);
  g_assert_cmpuint (shuati_session_count_new_left (due), ==, 0);

  ahead = study (f, SHUATI_STUDY_AHEAD, NOW);
  g_assert_cmpstr (shuati_card_get_id (shuati_session_get_current (ahead)), ==, "c0");
  g_assert_cmpuint (shuati_session_get_n_due (ahead), ==, 1);
}

static ShuatiDeck *
make_deck (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"deck\","
                                          " \"languages\": [\"en\"], \"title\": \"D\","
                                          " \"topics\": [{\"id\": \"t\", \"title\": \"T\"}], \"cards\": [");
  g_autoptr(GBytes) bytes = NULL;
  ShuatiDeck *deck;

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"topic\": \"t\", \"title\": \"t\","
                            " \"question\": \"Q%u\", \"answer\": \"A%u\"}", i ? ", " : "", i, i, i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  const char * const c0[] = { "c0", NULL };
  const char * const c1[] = { "c1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = make_deck ();
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(ShuatiCardSnapshot) snapshot = NULL;
  g_autoptr(GHashTable) leeches = NULL;
  ShuatiCard *card0 = shuati_deck_lookup_card (deck, "c0");
  ShuatiCard *card1 = shuati_deck_lookup_card (deck, "c1");

  seed (f, "c0", NOW - DAY, 0);
  seed (f, "c1", NOW - DAY, SHUATI_LEECH_LAPSES);
  progress = shuati_progress_new (deck, f->store, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 2);
  g_assert_true (shuati_progress_is_leech (progress, card1));
  g_assert_false (shuati_progress_is_leech (progress, card0));
  leeches = shuati_progress_get_leech_ids (progress);
  g_assert_cmpuint (g_hash_table_size (leeches), ==, 1);
  g_assert_true (g_hash_table_contains (leeches, "c1"));

  /* Kept current from the store's signal. */
  snapshot = shuati_store_snapshot (f->store, "deck", c0, &error);
  g_assert_true (shuati_store_set_suspended (f->store, "deck", c0, TRUE, &error));
  g_assert_true (shuati_progress_is_suspended (progress, card0));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 1);
  g_assert_false (shuati_progress_is_due (progress, card0));

  g_assert_true (shuati_store_bury (f->store, "deck", c1, shuati_day_end (NOW), &error));
  g_assert_true (shuati_progress_is_buried (progress, card1));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 0);

  /* The next day the burial is over. */
  shuati_progress_set_now (progress, NOW + DAY);
  g_assert_false (shuati_progress_is_buried (progress, card1));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 1);

  g_assert_true (shuati_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_false (shuati_progress_is_suspended (progress, card0));
  g_assert_cmpuint (shuati_progress_get_n_due (progress), ==, 2);

  /* A fresh progress reads the marks from the store. */
  g_assert_true (shuati_store_set_suspended (f->store, "deck", c1, TRUE, &error));
  g_clear_object (&progress);
  progress = shuati_progress_new (deck, f->store, NOW, &error);
  g_assert_true (shuati_progress_is_suspended (progress, card1));
  g_assert_cmpuint (g_hash_table_size (shuati_progress_get_suspended_ids (progress)), ==, 1);
}

static void
test_leech_threshold (void)
{
  ShuatiMemory m = { SHUATI_CARD_REVIEW, 0, 1.0, 8.0, 0, 0, 20, SHUATI_LEECH_LAPSES - 1 };

  g_assert_cmpint (SHUATI_LEECH_LAPSES, ==, 8);
  g_assert_false (shuati_memory_is_leech (&m));
  m.lapses++;
  g_assert_true (shuati_memory_is_leech (&m));
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  const char * const ids[] = { "c0", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiSession) session = NULL;
  ShuatiCardSnapshot *snapshot;

  g_assert_true (shuati_store_set_suspended (f->store, "deck", ids, TRUE, &error));
  f->n_changed = 0;

  /* A database that lost its marks table: every call fails cleanly. */
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (f->store), "DROP TABLE marks",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (shuati_store_set_suspended (f->store, "deck", ids, FALSE, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (shuati_store_bury (f->store, "deck", ids, NOW, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (shuati_store_load_suspended (f->store, "deck", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  snapshot = shuati_store_snapshot (f->store, "deck", ids, &error);
  g_assert_null (snapshot);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_changed, ==, 0);
  /* Nothing half-written: no transaction was left open. */
  g_assert_true (sqlite3_get_autocommit (shuati_store_get_database (f->store)));

  /* Study goes on with every card. */
  session = study (f, SHUATI_STUDY_DUE, NOW);
  g_assert_cmpuint (shuati_session_get_n_new (session), ==, 6);
}

/* A file from before the marks table gets it; the marks survive a
 * reopening. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  const char * const ids[] = { "c2", NULL };
  g_autoptr(GError) error = NULL;
  ShuatiStore *reopened;

  seed (f, "c2", NOW, 0);
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (f->store),
                                 /* 4: the version before the marks table, and
                                  * before the plans' scope columns */
                                 "DROP TABLE marks;"
                                 " ALTER TABLE plans DROP COLUMN topics;"
                                 " ALTER TABLE plans DROP COLUMN tags;"
                                 " ALTER TABLE plans DROP COLUMN card_order;"
                                 " PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (f->store);

  f->store = shuati_store_new (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
  g_assert_null (shuati_store_get_recovered_path (f->store));
  g_assert_true (shuati_store_set_suspended (f->store, "deck", ids, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_memory (f->store, "deck", "c2", &(ShuatiMemory) { 0 }, &error));

  reopened = shuati_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_store_is_suspended (reopened, "deck", "c2"));
  g_assert_finalize_object (reopened);
}

/* What a deck's progress on a card is, in one line, to compare decks. */
static char *
describe_card (ShuatiStore *store,
               const char  *deck_id,
               const char  *card_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;
  ShuatiMemory m = { 0 };
  gboolean has = shuati_store_get_memory (store, deck_id, card_id, &m, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (text, "memory=%d", has);
  if (has)
    g_string_append_printf (text, " state=%d s=%.2f d=%.2f due=%" G_GINT64_FORMAT " reps=%u lapses=%u",
                            m.state, m.stability, m.difficulty, m.due, m.reps, m.lapses);
  history = shuati_store_load_card_history (store, deck_id, card_id, &error);
  g_assert_no_error (error);
  g_string_append_printf (text, " reviews=%u", history->len);
  for (guint i = 0; i < history->len; i++)
    {
      ShuatiHistoryEntry *e = &g_array_index (history, ShuatiHistoryEntry, i);

      g_string_append_printf (text, " [%" G_GINT64_FORMAT " %d %u]", e->reviewed_at, e->rating, e->duration_ms);
    }
  g_string_append_printf (text, " star=%d suspended=%d buried=%" G_GINT64_FORMAT " mistake=%d",
                          shuati_store_is_starred (store, deck_id, card_id),
                          shuati_store_is_suspended (store, deck_id, card_id),
                          shuati_store_get_buried_until (store, deck_id, card_id),
                          shuati_store_is_mistake (store, deck_id, card_id, NULL));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
count_rows (ShuatiStore *store,
            const char  *deck_id)
{
  static const char * const tables[] = { "cards", "reviews", "stars", "marks", "mistake_marks" };
  sqlite3 *db = shuati_store_get_database (store);
  gint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deck_id = ?1", tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n += sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return n;
}

/* Reviews, a lapse (mistake book), a star, a suspension, a burial and a
 * manual mistake-book mark, on cards of "deck". */
static void
seed_progress (Fixture *f)
{
  const char * const c1[] = { "c1", NULL };
  const char * const c2[] = { "c2", NULL };
  g_autoptr(GError) error = NULL;
  ShuatiMemory before = { 0 }, after = { 0 };

  seed (f, "c0", NOW + 3 * DAY, 0);
  seed (f, "c1", NOW - DAY, 2);
  g_assert_cmpint (shuati_store_review_card (f->store, "deck", "c1", f->scheduler, SHUATI_RATING_AGAIN,
                                             NOW - 2 * 3600, 4000, &before, &after, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (shuati_store_set_starred (f->store, "deck", "c0", TRUE, &error));
  g_assert_true (shuati_store_set_suspended (f->store, "deck", c1, TRUE, &error));
  g_assert_true (shuati_store_bury (f->store, "deck", c2, NOW + DAY, &error));
  g_assert_true (shuati_store_set_mistake (f->store, "deck", "c3", TRUE, NOW - 3600, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_is_mistake (f->store, "deck", "c1", NULL));
}

static void
test_copy_progress (Fixture       *f,
                    gconstpointer  data)
{
  const char * const ids[] = { "c0", "c1", "c2", "c3", "c4", "c5", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) memories = NULL;
  g_autofree char *c0_before = NULL;
  guint n = G_MAXUINT;

  seed_progress (f);
  c0_before = describe_card (f->store, "deck", "c0");
  g_signal_handlers_disconnect_by_func (f->store, on_changed, f);

  g_assert_true (shuati_store_copy_deck_progress (f->store, "deck", "deck-mine", ids, &n, &error));
  g_assert_no_error (error);
  /* c0 and c1 reviewed, c2 buried, c3 marked; c4 and c5 untouched */
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *original = describe_card (f->store, "deck", ids[i]);
      g_autofree char *copy = describe_card (f->store, "deck-mine", ids[i]);

      g_assert_cmpstr (copy, ==, original);
    }
  g_assert_true (shuati_store_is_starred (f->store, "deck-mine", "c0"));
  g_assert_true (shuati_store_is_suspended (f->store, "deck-mine", "c1"));
  g_assert_true (shuati_store_is_mistake (f->store, "deck-mine", "c1", NULL));
  g_assert_true (shuati_store_is_mistake (f->store, "deck-mine", "c3", NULL));
  g_assert_cmpint (shuati_store_get_buried_until (f->store, "deck-mine", "c2"), ==, NOW + DAY);
  g_assert_true (shuati_store_load_deck (f->store, "deck-mine", &memories, &error));
  g_assert_cmpuint (g_hash_table_size (memories), ==, 2);

  /* The two decks go their own ways from here. */
  g_assert_true (shuati_store_set_starred (f->store, "deck-mine", "c0", FALSE, &error));
  g_assert_true (shuati_store_is_starred (f->store, "deck", "c0"));
  {
    g_autofree char *c0_after = describe_card (f->store, "deck", "c0");

    g_assert_cmpstr (c0_after, ==, c0_before);
  }

  /* Copying again doubles nothing and undoes nothing done in the copy. */
  g_assert_true (shuati_store_copy_deck_progress (f->store, "deck", "deck-mine", ids, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (shuati_store_is_starred (f->store, "deck-mine", "c0"));
  {
    g_autoptr(GArray) history = shuati_store_load_card_history (f->store, "deck-mine", "c1", &error);

    g_assert_cmpuint (history->len, ==, 2);
  }
}

static void
fail_on_changed (void)
{
  g_assert_not_reached ();
}

static void
test_copy_progress_fails (Fixture       *f,
                          gconstpointer  data)
{
  const char * const ids[] = { "c0", "c1", "c2", "c3", NULL };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = shuati_store_get_database (f->store);
  gint64 rows;

  seed_progress (f);
  rows = count_rows (f->store, "deck");
  g_signal_handlers_disconnect_by_func (f->store, on_changed, f);
  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (fail_on_changed), NULL);

  /* The last table written fails, after every other table was. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TEMP TRIGGER fail_copy BEFORE INSERT ON mistake_marks"
                                 " WHEN NEW.deck_id = 'deck-mine' BEGIN SELECT RAISE (ABORT, 'no room'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (shuati_store_copy_deck_progress (f->store, "deck", "deck-mine", ids, NULL, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);
  g_assert_cmpint (count_rows (f->store, "deck-mine"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "deck"), ==, rows);
  g_assert_true (sqlite3_get_autocommit (db));
  g_clear_error (&error);

  /* The store goes on working, and a later copy gets all of it. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER fail_copy", NULL, NULL, NULL), ==, SQLITE_OK);
  g_signal_handlers_disconnect_by_func (f->store, fail_on_changed, NULL);
  g_assert_true (shuati_store_copy_deck_progress (f->store, "deck", "deck-mine", ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->store, "deck-mine"), ==, rows);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  add ("/shuati/card-marks/suspend", test_suspend);
  add ("/shuati/card-marks/suspend-undo", test_suspend_undo);
  add ("/shuati/card-marks/bury", test_bury);
  add ("/shuati/card-marks/forget", test_forget);
  add ("/shuati/card-marks/star-undo", test_star_undo);
  add ("/shuati/card-marks/session-skips", test_session_skips);
  add ("/shuati/card-marks/session-ahead-and-counts", test_session_ahead_and_counts);
  add ("/shuati/card-marks/progress", test_progress);
  add ("/shuati/card-marks/failures", test_failures);
  add ("/shuati/card-marks/migration", test_migration);
  add ("/shuati/card-marks/copy-progress", test_copy_progress);
  add ("/shuati/card-marks/copy-progress/fails", test_copy_progress_fails);
  g_test_add_func ("/shuati/card-marks/leech", test_leech_threshold);

  return g_test_run ();
}
