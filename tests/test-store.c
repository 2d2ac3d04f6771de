/* test-store.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shuati-backup.h"
#include "shuati-session.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

#define DAY 86400
#define T0 ((gint64)1767225600)   /* 2026-01-01 00:00:00 UTC */

typedef struct
{
  char *dir;
  char *path;
} Fixture;


static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = shuati_test_make_dir ("store");
  f->path = g_build_filename (f->dir, "progress.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  shuati_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static ShuatiStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = shuati_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static ShuatiMemory
memory (ShuatiCardState state,
        double          s,
        double          d,
        gint64          due,
        guint           reps)
{
  return (ShuatiMemory) { state, state == SHUATI_CARD_LEARNING ? 1 : 0, s, d, due,
                          reps ? T0 : 0, reps, state == SHUATI_CARD_RELEARNING };
}

static gint64
record (ShuatiStore        *store,
        const char         *deck,
        const char         *card,
        const ShuatiMemory *before,
        const ShuatiMemory *after,
        ShuatiRating        rating,
        gint64              at)
{
  g_autoptr(GError) error = NULL;
  ShuatiReviewInfo info = { 1.0, after->due - at, (after->due - at) / 86400.0 };
  gint64 id;

  id = shuati_store_record_review (store, deck, card, before, after, rating, at, &info, 1500, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_memory_equal (const ShuatiMemory *a,
                     const ShuatiMemory *b)
{
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpuint (a->step, ==, b->step);
  g_assert_cmpfloat (a->stability, ==, b->stability);
  g_assert_cmpfloat (a->difficulty, ==, b->difficulty);
  g_assert_cmpint (a->due, ==, b->due);
  g_assert_cmpint (a->last_review, ==, b->last_review);
  g_assert_cmpuint (a->reps, ==, b->reps);
  g_assert_cmpuint (a->lapses, ==, b->lapses);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
count_changed (ShuatiStore *store,
               const char  *deck_id,
               const char  *card_id,
               guint       *count)
{
  (*count)++;
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GHashTable) memories = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.1181, T0 + 600, 1);
  ShuatiMemory a2 = memory (SHUATI_CARD_REVIEW, 2.3065, 2.1181, T0 + 2 * DAY, 2);
  ShuatiMemory b1 = memory (SHUATI_CARD_REVIEW, 8.2956, 1.0, T0 + 8 * DAY, 1);
  ShuatiMemory got;
  guint changed = 0;

  g_assert_null (shuati_store_get_recovered_path (store));
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &changed);
  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  record (store, "deck", "a", &a1, &a2, SHUATI_RATING_GOOD, T0 + 600);
  record (store, "deck", "b", &zero, &b1, SHUATI_RATING_EASY, T0);
  record (store, "other", "a", &zero, &b1, SHUATI_RATING_EASY, T0);
  g_assert_true (shuati_store_set_starred (store, "deck", "b", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_finalize_object (store);

  store = open_store (f->path);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "PRAGMA user_version"), ==, SHUATI_STORE_SCHEMA_VERSION);
  mode = query_text (shuati_store_get_database (store), "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (shuati_store_get_database (store), "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "PRAGMA foreign_keys"), ==, 1);

  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, &error));
  assert_memory_equal (&got, &a2);
  g_assert_false (shuati_store_get_memory (store, "deck", "never", &got, &error));
  g_assert_no_error (error);
  assert_memory_equal (&got, &zero);

  g_assert_true (shuati_store_load_deck (store, "deck", &memories, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (memories), ==, 2);
  assert_memory_equal (g_hash_table_lookup (memories, "a"), &a2);
  assert_memory_equal (g_hash_table_lookup (memories, "b"), &b1);

  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE deck_id = 'deck'"), ==, 3);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE prev_state IS NULL"), ==, 3);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT duration_ms FROM reviews WHERE card_id = 'b'"), ==, 1500);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT prev_due FROM reviews WHERE card_id = 'a' AND deck_id = 'deck'"
                              " AND prev_state IS NOT NULL"), ==, a1.due);

  g_assert_true (shuati_store_is_starred (store, "deck", "b"));
  g_assert_false (shuati_store_is_starred (store, "deck", "a"));
  g_assert_false (shuati_store_is_starred (store, "other", "b"));
  starred = shuati_store_load_starred (store, "deck", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (starred), ==, 1);
  g_assert_true (g_hash_table_contains (starred, "b"));

  g_assert_true (shuati_store_set_starred (store, "deck", "b", FALSE, &error));
  g_assert_false (shuati_store_is_starred (store, "deck", "b"));
  g_assert_finalize_object (store);
}

static void
test_migrate_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ShuatiStore *store;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (f->path, "", 0, &error));
  store = open_store (f->path);
  db = shuati_store_get_database (store);
  g_assert_null (shuati_store_get_recovered_path (store));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, SHUATI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                  " AND name IN ('cards', 'reviews', 'stars')"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                  " AND name IN ('cards_due', 'reviews_time', 'reviews_card')"), ==, 3);
  g_assert_finalize_object (store);

  /* A missing file and folder are created too. */
  {
    g_autofree char *nested = g_build_filename (f->dir, "a", "b", "progress.db", NULL);

    store = open_store (nested);
    g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
    g_assert_finalize_object (store);
  }
}

static void
test_default_path (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "shuati", "progress.db", NULL);
  ShuatiStore *store = shuati_store_new_default (&error);

  g_assert_no_error (error);
  g_assert_cmpstr (shuati_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (store);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.118103970459015, T0 + 600, 1);
  ShuatiMemory a2 = memory (SHUATI_CARD_REVIEW, 2.3065, 2.118103970459015, T0 + 2 * DAY, 2);
  ShuatiMemory restored;
  ShuatiMemory got;
  gint64 id1, id2, other;
  guint changed = 0;

  id1 = record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  id2 = record (store, "deck", "a", &a1, &a2, SHUATI_RATING_GOOD, T0 + 600);
  other = record (store, "deck", "b", &zero, &a1, SHUATI_RATING_GOOD, T0 + 700);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &changed);

  /* Only the card's latest review can be undone. */
  g_assert_false (shuati_store_undo_review (store, id1, &restored, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a2);

  g_assert_true (shuati_store_undo_review (store, id2, &restored, &error));
  g_assert_no_error (error);
  assert_memory_equal (&restored, &a1);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a1);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE card_id = 'a'"), ==, 1);

  g_assert_true (shuati_store_undo_review (store, id1, &restored, &error));
  g_assert_no_error (error);
  assert_memory_equal (&restored, &zero);
  g_assert_false (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM cards WHERE card_id = 'a'"), ==, 0);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE card_id = 'a'"), ==, 0);
  g_assert_cmpuint (changed, ==, 2);

  /* Gone, or never there. */
  g_assert_false (shuati_store_undo_review (store, id1, &restored, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (shuati_store_undo_review (store, 987654, NULL, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 2);

  /* The other card was not touched. */
  g_assert_true (shuati_store_get_memory (store, "deck", "b", &got, NULL));
  assert_memory_equal (&got, &a1);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 1);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT id FROM reviews"), ==, other);
  g_assert_finalize_object (store);
}

static void
test_count_new_today (Fixture       *f,
                      gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  ShuatiMemory r = memory (SHUATI_CARD_REVIEW, 2.3, 2.1, T0 + DAY, 2);
  gint64 day = T0 + 10 * DAY;
  gint64 undone;

  record (store, "deck", "yesterday", &zero, &l, SHUATI_RATING_GOOD, day - 60);
  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, day);
  record (store, "deck", "a", &l, &r, SHUATI_RATING_GOOD, day + 600);
  record (store, "deck", "b", &zero, &l, SHUATI_RATING_AGAIN, day + 700);
  record (store, "other", "c", &zero, &l, SHUATI_RATING_GOOD, day + 800);
  record (store, "deck", "old", &r, &r, SHUATI_RATING_GOOD, day + 900);
  g_assert_cmpuint (shuati_store_count_new_today (store, "deck", day), ==, 2);
  g_assert_cmpuint (shuati_store_count_new_today (store, "deck", day - DAY), ==, 3);
  g_assert_cmpuint (shuati_store_count_new_today (store, "other", day), ==, 1);
  g_assert_cmpuint (shuati_store_count_new_today (store, "none", day), ==, 0);

  undone = record (store, "deck", "d", &zero, &l, SHUATI_RATING_GOOD, day + 1000);
  g_assert_cmpuint (shuati_store_count_new_today (store, "deck", day), ==, 3);
  g_assert_true (shuati_store_undo_review (store, undone, NULL, NULL));
  g_assert_cmpuint (shuati_store_count_new_today (store, "deck", day), ==, 2);
  g_assert_finalize_object (store);
}

static void
test_forget_deck (Fixture       *f,
                  gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GHashTable) memories = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  guint changed = 0;

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  record (store, "keep", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  shuati_store_set_starred (store, "deck", "a", TRUE, NULL);
  shuati_store_set_starred (store, "keep", "a", TRUE, NULL);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &changed);

  g_assert_true (shuati_store_forget_deck (store, "deck", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (shuati_store_load_deck (store, "deck", &memories, &error));
  g_assert_cmpuint (g_hash_table_size (memories), ==, 0);
  g_assert_false (shuati_store_is_starred (store, "deck", "a"));
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE deck_id = 'deck'"), ==, 0);

  g_assert_true (shuati_store_get_memory (store, "keep", "a", &zero, NULL));
  g_assert_true (shuati_store_is_starred (store, "keep", "a"));
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE deck_id = 'keep'"), ==, 1);
  g_assert_finalize_object (store);
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) all = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a = { SHUATI_CARD_REVIEW, 0, 12.5, 5.25, T0 + 3 * DAY + 3661, T0, 7, 2 };
  ShuatiMemory b = { SHUATI_CARD_RELEARNING, 0, 0.3333333, 9.87654321, T0 + 600, T0, 3, 1 };
  ShuatiMemory c = { SHUATI_CARD_LEARNING, 1, 2.3065, 2.118103970459015, T0 + 600, T0, 1, 0 };
  /* Due in the year 10000, past what a date can show. */
  ShuatiMemory d = { SHUATI_CARD_REVIEW, 0, 1.0, 5.0, G_GINT64_CONSTANT (253402300800), T0, 1, 0 };
  const char *expected =
    "deck,card,state,due,stability,difficulty,reviews,lapses\r\n"
    "\"my,deck\",plain,review,2026-01-04T01:01:01Z,12.5000,5.2500,7,2\r\n"
    "\"my,deck\",\"say \"\"hi\"\"\",relearning,2026-01-01T00:10:00Z,0.3333,9.8765,3,1\r\n";
  const char *expected_all =
    "deck,card,state,due,stability,difficulty,reviews,lapses\r\n"
    "\"my,deck\",plain,review,2026-01-04T01:01:01Z,12.5000,5.2500,7,2\r\n"
    "\"my,deck\",\"say \"\"hi\"\"\",relearning,2026-01-01T00:10:00Z,0.3333,9.8765,3,1\r\n"
    "other,\"two\nlines\",learning,2026-01-01T00:10:00Z,2.3065,2.1181,1,0\r\n"
    "zz,far,review,,1.0000,5.0000,1,0\r\n";

  record (store, "my,deck", "plain", &zero, &a, SHUATI_RATING_GOOD, T0);
  record (store, "my,deck", "say \"hi\"", &zero, &b, SHUATI_RATING_AGAIN, T0);
  record (store, "other", "two\nlines", &zero, &c, SHUATI_RATING_GOOD, T0);
  record (store, "zz", "far", &zero, &d, SHUATI_RATING_GOOD, T0);

  g_assert_true (shuati_store_export_csv (store, "my,deck", out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_cmpstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), ==, expected);

  g_assert_true (shuati_store_export_csv (store, NULL, all, NULL, &error));
  g_assert_true (g_output_stream_write_all (all, "", 1, NULL, NULL, NULL));
  g_assert_cmpstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (all)), ==, expected_all);

  /* A stream that fails reports it. */
  g_output_stream_close (out, NULL, NULL);
  g_assert_false (shuati_store_export_csv (store, NULL, out, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_finalize_object (store);
}

/* The child records reviews as fast as it can and reports each id once
 * its transaction has committed; it is then killed mid-write. */
static void G_GNUC_NORETURN
crash_child (const char *path,
             int         fd)
{
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = shuati_store_new (path, &error);
  ShuatiMemory before = { 0 };

  if (store == NULL)
    _exit (3);

  for (guint i = 0; ; i++)
    {
      g_autofree char *card = g_strdup_printf ("card-%u", i % 500);
      ShuatiMemory after = { SHUATI_CARD_REVIEW, 0, 1.0 + i, 5.0, T0 + i, T0, i + 1, 0 };
      ShuatiReviewInfo info = { 0, DAY, 1.0 };
      gint64 id;

      id = shuati_store_record_review (store, "deck", card, &before, &after,
                                       SHUATI_RATING_GOOD, T0 + i, &info, i, NULL);
      if (id <= 0 || write (fd, &id, sizeof id) != sizeof id)
        _exit (4);
    }
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *check = NULL;
  ShuatiStore *store;
  int fds[2];
  pid_t pid;
  int status;
  gint64 id;
  gssize n;

  /* Create the schema first so the child is killed while recording. */
  g_assert_finalize_object (open_store (f->path));

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      crash_child (f->path, fds[1]);
    }
  close (fds[1]);

  while (ids->len < 300 && (n = read (fds[0], &id, sizeof id)) == sizeof id)
    g_array_append_val (ids, id);
  g_assert_cmpuint (ids->len, ==, 300);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  /* Ids that were reported before the kill are still in the pipe. */
  while ((n = read (fds[0], &id, sizeof id)) == sizeof id)
    g_array_append_val (ids, id);
  close (fds[0]);

  store = open_store (f->path);
  g_assert_null (shuati_store_get_recovered_path (store));
  check = query_text (shuati_store_get_database (store), "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reviews WHERE id = %" G_GINT64_FORMAT,
                                              g_array_index (ids, gint64, i));

      g_assert_cmpint (query_int (shuati_store_get_database (store), sql), ==, 1);
    }
  /* Every review came with its card row. */
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews r LEFT JOIN cards c USING (deck_id, card_id)"
                              " WHERE c.card_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"),
                   >=, ids->len);
  g_test_message ("%u reviews reported before the kill", ids->len);
  g_assert_finalize_object (store);
}

static void
assert_moved_aside (Fixture    *f,
                    const char *contents,
                    gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *prefix = g_strconcat (f->path, ".corrupt-", NULL);
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  const char *recovered = shuati_store_get_recovered_path (store);
  gsize moved_length;

  g_assert_nonnull (recovered);
  g_assert_null (shuati_store_get_restored_backup (store));
  g_assert_true (g_str_has_prefix (recovered, prefix));
  /* .corrupt-YYYYMMDD-HHMMSS */
  g_assert_cmpuint (strlen (recovered), ==, strlen (prefix) + 15);
  g_assert_true (g_file_get_contents (recovered, &moved, &moved_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (moved, moved_length, contents, length);

  /* The fresh store works. */
  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &zero, NULL));
  g_assert_finalize_object (store);

  store = open_store (f->path);
  g_assert_null (shuati_store_get_recovered_path (store));
  g_assert_finalize_object (store);
}

static void
test_corrupt_random (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  guint32 bytes[16384];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (f->path, (const char *)bytes, sizeof bytes, &error));

  assert_moved_aside (f, (const char *)bytes, sizeof bytes);
}

static void
test_corrupt_truncated (Fixture       *f,
                        gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ShuatiMemory zero = { 0 };
  gsize length;

  record (store, "deck", "first", &zero, &zero, SHUATI_RATING_GOOD, T0);
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (store),
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                                 " INSERT INTO cards SELECT 'deck', 'card-with-a-longer-id-' || i, 2, 0,"
                                 " i, 5.0, i, 0, 1, 0 FROM n", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 100000);
  length = length / 2 + 1000;
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));

  assert_moved_aside (f, contents, length);
}

static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  gsize length;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));

  assert_moved_aside (f, contents, length);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ShuatiStore *store;
  sqlite3 *db = NULL;
  gsize before_length, after_length;
  GDir *dir;
  guint n_files = 0;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &before_length, NULL));

  store = shuati_store_new (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));

  g_assert_true (g_file_get_contents (f->path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_dir_close (dir);
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_unopenable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "file", NULL);
  g_autofree char *below = g_build_filename (file, "progress.db", NULL);
  ShuatiStore *store;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = shuati_store_new (below, &error);
  g_assert_null (store);
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN);
  g_clear_error (&error);

  /* A folder where the file should be. */
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  store = shuati_store_new (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
}

/* After a failed write the store still reads, and writes again once the
 * cause is gone. */
static void
assert_write_fails (ShuatiStore *store,
                    int          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) memories = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  ShuatiMemory got;
  gint64 id;

  id = shuati_store_record_review (store, "deck", "new-card", &zero, &l, SHUATI_RATING_GOOD,
                                   T0, NULL, 0, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, SHUATI_STORE_ERROR, code);
  g_clear_error (&error);

  g_assert_false (shuati_store_set_starred (store, "deck", "a", TRUE, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, code);
  g_clear_error (&error);

  g_assert_false (shuati_store_forget_deck (store, "deck", &error));
  g_assert_error (error, SHUATI_STORE_ERROR, code);
  g_clear_error (&error);

  g_assert_true (shuati_store_load_deck (store, "deck", &memories, &error));
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (memories, "a"));
  g_assert_false (g_hash_table_contains (memories, "new-card"));
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, &error));
  g_assert_false (shuati_store_get_memory (store, "deck", "new-card", &got, &error));
  g_assert_no_error (error);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  if (access (f->path, W_OK) == 0)
    {
      g_test_skip ("this user can write to read-only files");
      return;
    }

  store = open_store (f->path);
  assert_write_fails (store, SHUATI_STORE_ERROR_READ_ONLY);
  g_assert_finalize_object (store);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);

  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  if (access (f->dir, W_OK) == 0)
    {
      g_test_skip ("this user can write to read-only folders");
      return;
    }

  store = open_store (f->path);
  assert_write_fails (store, SHUATI_STORE_ERROR_READ_ONLY);
  g_assert_finalize_object (store);
}

static void
test_query_only (Fixture       *f,
                 gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  /* The same refusal SQLite gives for a read-only file, as any user. */
  sqlite3_exec (shuati_store_get_database (store), "PRAGMA query_only = ON", NULL, NULL, NULL);
  assert_write_fails (store, SHUATI_STORE_ERROR_READ_ONLY);

  sqlite3_exec (shuati_store_get_database (store), "PRAGMA query_only = OFF", NULL, NULL, NULL);
  record (store, "deck", "new-card", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = shuati_store_get_database (store);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  ShuatiMemory last = { 0 };
  guint saved = 0;

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         query_int (db, "PRAGMA page_count") + 2);
  sqlite3_exec (db, sql, NULL, NULL, NULL);

  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *card = g_strdup_printf ("a-card-with-a-long-identifier-%u", i);
      ShuatiMemory m = memory (SHUATI_CARD_REVIEW, 1.0 + i, 5.0, T0 + i, 1);

      if (shuati_store_record_review (store, "deck", card, &zero, &m, SHUATI_RATING_GOOD,
                                      T0, NULL, 0, &error) == 0)
        break;
      last = m;
      saved++;
    }
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_cmpuint (saved, >, 0);

  /* Nothing half-written: each saved review has its card, the failed one neither. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM reviews"), ==, saved + 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cards"), ==, saved + 1);
  {
    g_autofree char *card = g_strdup_printf ("a-card-with-a-long-identifier-%u", saved - 1);
    ShuatiMemory got;

    g_assert_true (shuati_store_get_memory (store, "deck", card, &got, NULL));
    assert_memory_equal (&got, &last);
  }

  g_clear_error (&error);
  sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
  record (store, "deck", "after", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);
}

/* Deleted while open */

static void
on_file_restored (ShuatiStore *store,
                  const char  *message,
                  GPtrArray   *messages)
{
  g_ptr_array_add (messages, g_strdup (message));
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* `rm progress.db*` while Shuati runs: every write after it still lands
 * in a file under that name, with everything written before, and the
 * learner is told. */
static void
test_deleted_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory before, after, got;
  gint64 first, second, third;

  g_signal_connect (store, "file-restored", G_CALLBACK (on_file_restored), messages);

  first = shuati_store_review_card (store, "deck", "a", scheduler, SHUATI_RATING_GOOD, T0, 0,
                                    &before, &after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpuint (messages->len, ==, 0);

  remove_files (f->path);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  second = shuati_store_review_card (store, "deck", "b", scheduler, SHUATI_RATING_GOOD, T0 + 10, 0,
                                     &before, &after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "was deleted while Shuati was running"));

  /* Stars, undo and forgetting check the file too. */
  remove_files (f->path);
  g_assert_true (shuati_store_set_starred (store, "deck", "a", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  remove_files (f->path);
  g_assert_true (shuati_store_undo_review (store, second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 3);
  third = shuati_store_review_card (store, "deck", "c", scheduler, SHUATI_RATING_EASY, T0 + 20, 0,
                                    &before, &after, &error);
  g_assert_no_error (error);
  g_assert_cmpint (third, >, 0);
  g_assert_cmpuint (messages->len, ==, 3);
  remove_files (f->path);
  g_assert_true (shuati_store_forget_deck (store, "other", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 4);
  g_assert_finalize_object (store);

  /* What a new start finds on the disk: all that was acknowledged. */
  store = open_store (f->path);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 2);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  g_assert_false (shuati_store_get_memory (store, "deck", "b", &got, NULL));
  g_assert_true (shuati_store_get_memory (store, "deck", "c", &got, NULL));
  g_assert_true (shuati_store_is_starred (store, "deck", "a"));
  g_assert_finalize_object (store);
}

/* Another file put in its place: the store writes into that one. */
static void
test_replaced_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = open_store (f->path);
  ShuatiStore *other = open_store (other_path);
  ShuatiMemory before, after;

  g_signal_connect (store, "file-restored", G_CALLBACK (on_file_restored), messages);
  g_assert_cmpint (shuati_store_review_card (other, "deck", "x", scheduler, SHUATI_RATING_GOOD, T0, 0,
                                             &before, &after, &error), >, 0);
  g_assert_finalize_object (other);

  remove_files (f->path);
  g_assert_cmpint (g_rename (other_path, f->path), ==, 0);
  g_assert_cmpint (shuati_store_review_card (store, "deck", "x", scheduler, SHUATI_RATING_GOOD, T0 + DAY, 0,
                                             &before, &after, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "was replaced"));
  /* It built on the review the new file had. */
  g_assert_cmpuint (before.reps, ==, 1);
  g_assert_cmpuint (after.reps, ==, 2);
  g_assert_finalize_object (store);
}

/* Two instances on one data folder */

static void G_GNUC_NORETURN
review_child (const char *path,
              int         go)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  ShuatiStore *store = shuati_store_new (path, NULL);
  ShuatiMemory before, after;
  char byte;

  if (store == NULL)
    _exit (3);
  if (read (go, &byte, 1) != 1)
    _exit (4);
  if (shuati_store_review_card (store, "deck", "card", scheduler, SHUATI_RATING_GOOD, T0, 0,
                                &before, &after, NULL) <= 0)
    _exit (5);
  g_object_unref (store);
  _exit (0);
}

/* Each process reviews the same new card at the same moment: the writes
 * take turns, and the second builds on the first. */
static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GError) error = NULL;
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory before, after, got;
  int fds[2];
  pid_t pid;
  int status;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[1]);
      review_child (f->path, fds[0]);
    }
  close (fds[0]);

  g_assert_cmpint (write (fds[1], "g", 1), ==, 1);
  close (fds[1]);
  g_assert_cmpint (shuati_store_review_card (store, "deck", "card", scheduler, SHUATI_RATING_GOOD, T0, 0,
                                             &before, &after, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_true (shuati_store_get_memory (store, "deck", "card", &got, NULL));
  g_assert_cmpuint (got.reps, ==, 2);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 2);
  /* One review saw a new card, the other the first review's result. */
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE prev_reps IS NULL"), ==, 1);
  g_assert_cmpint (query_int (shuati_store_get_database (store),
                              "SELECT count(*) FROM reviews WHERE prev_reps = 1"), ==, 1);
  g_assert_finalize_object (store);
}

static GListModel *
one_card (void)
{
  GListStore *cards = g_list_store_new (SHUATI_TYPE_CARD);
  ShuatiLocalized *fields[SHUATI_N_FIELDS];
  g_autoptr(ShuatiCard) card = NULL;

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      fields[i] = shuati_localized_new (1);
      shuati_localized_take (fields[i], 0, "en", g_strdup ("text"));
    }
  card = shuati_card_new ("deck", "card", 1, NULL, NULL, "en", fields);
  g_list_store_append (cards, card);
  return G_LIST_MODEL (cards);
}

/* As the learner meets it: two windows on one data folder both show the
 * card as new; each grades it, and the second grade builds on the first
 * although its session read the card before the first was made. */
static void
test_two_sessions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GListModel) cards = one_card ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiSession) session = NULL;
  ShuatiStore *store = open_store (f->path);
  ShuatiMemory got;
  pid_t pid;
  int status;

  session = shuati_session_new_study (scheduler, store, "deck", cards, 20, T0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shuati_session_get_current (session));
  g_assert_cmpint (shuati_session_get_current_memory (session)->state, ==, SHUATI_CARD_NEW);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      ShuatiStore *other = shuati_store_new (f->path, NULL);
      ShuatiSession *second = other ? shuati_session_new_study (scheduler, other, "deck", cards, 20, T0, NULL) : NULL;

      if (second == NULL || !shuati_session_grade (second, SHUATI_RATING_GOOD, T0 + 5, 0, NULL))
        _exit (3);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_true (shuati_session_grade (session, SHUATI_RATING_GOOD, T0 + 10, 0, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_memory (store, "deck", "card", &got, NULL));
  g_assert_cmpuint (got.reps, ==, 2);

  g_clear_object (&session);
  g_assert_finalize_object (store);
}

static gboolean
run (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* First start on a disk nearly full: whatever SQLite calls it (SQLITE_FULL,
 * or an I/O error growing the WAL index), the learner reads that the
 * disk is full. Needs a tmpfs, where the system lets us mount one. */
static void
test_first_start_disk_full (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (f->dir, "small", NULL);
  g_autofree char *fill = g_build_filename (mount_point, "fill", NULL);
  g_autofree char *path = g_build_filename (mount_point, "shuati", "progress.db", NULL);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount_point, NULL };
  const char *umount_argv[] = { "umount", mount_point, NULL };
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (!run (mount_argv))
    {
      g_test_skip ("cannot mount a tmpfs here");
      return;
    }

  for (guint free_kib = 4; free_kib <= 48; free_kib += 4)
    {
      g_autofree char *zeros = g_malloc0 ((64 - free_kib) * 1024);
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiStore) store = NULL;
      g_autofree char *dir = g_path_get_dirname (path);

      remove_files (path);
      g_rmdir (dir);
      g_unlink (fill);
      g_file_set_contents (fill, zeros, (64 - free_kib) * 1024, NULL);
      store = shuati_store_new (path, &error);
      if (store == NULL)
        g_ptr_array_add (messages, g_strdup_printf ("%u KiB free: %d %s", free_kib, error->code, error->message));
    }
  remove_files (path);
  g_unlink (fill);
  g_assert_true (run (umount_argv));

  g_assert_cmpuint (messages->len, >, 0);
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      g_test_message ("%s", message);
      if (strstr (message, "the disk is full") == NULL)
        g_error ("not a disk-full message: %s", message);
    }
}

/* Backups */

/* Noon of a day in the local time zone: a backup is named after its
 * date, which is the same whatever the zone. */
static GDateTime *
local_day (int year,
           int month,
           int day)
{
  return g_date_time_new_local (year, month, day, 12, 0, 0.0);
}

static char *
backup_folder (Fixture *f)
{
  return g_build_filename (f->dir, "backups", NULL);
}

static char *
backup_path (Fixture    *f,
             const char *day)
{
  g_autofree char *name = g_strdup_printf ("progress-%s.db", day);

  return g_build_filename (f->dir, "backups", name, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The names in @dir, sorted and joined by spaces; "-" without @dir. */
static char *
list_names (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return g_strdup ("-");
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_file_equal (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GBytes) contents = read_file (path);

  g_assert_true (g_bytes_equal (contents, expected));
}

/* Runs @sql on the database at @path without writing anything beside it. */
static gint64
file_query_int (const char *path,
                const char *sql)
{
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  value = query_int (db, sql);
  sqlite3_close (db);
  return value;
}

/* Opens a copy of @path as a store, so that @path stays as it is. */
static ShuatiStore *
open_copy (Fixture    *f,
           const char *path)
{
  g_autoptr(GBytes) contents = read_file (path);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (copy, g_bytes_get_data (contents, NULL),
                                      g_bytes_get_size (contents), &error));
  g_assert_no_error (error);
  return open_store (copy);
}

static char *
write_backup (const char *path,
              GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  char *written = NULL;

  g_assert_true (shuati_backup_write (path, now, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  return written;
}

/* Puts bytes that are no database in the place of @path. */
static void
damage (const char *path,
        guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guint32 bytes[4096];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (path, (const char *)bytes, sizeof bytes, &error));
  g_assert_no_error (error);
}

static void
test_backup_names (void)
{
  static const char * const not_backups[] = {
    "/data/shuati/backups/progress.db",
    "/data/shuati/backups/progress-2026-02-30.db",
    "/data/shuati/backups/progress-2026-3-14.db",
    "/data/shuati/backups/progress-2026-03-14.db.tmp-a1B2c3",
    "/data/shuati/backups/progress-2026-03-14.dbx",
    "/data/shuati/backups/progress_2026-03-14.db",
    "/data/shuati/backups/2026-03-14.db",
  };
  g_autofree char *folder = shuati_backup_get_folder ("/data/shuati/progress.db");
  g_autoptr(GDateTime) date = shuati_backup_get_date ("/data/shuati/backups/progress-2026-03-14.db");
  g_autoptr(GDateTime) leap = shuati_backup_get_date ("other-2028-02-29.db");

  g_assert_cmpstr (folder, ==, "/data/shuati/backups");

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_year (date), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (date), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 14);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 0);
  g_assert_nonnull (leap);
  g_assert_cmpint (g_date_time_get_day_of_month (leap), ==, 29);

  for (guint i = 0; i < G_N_ELEMENTS (not_backups); i++)
    {
      g_autoptr(GDateTime) none = shuati_backup_get_date (not_backups[i]);

      g_assert_null (none);
    }
}

static void
test_backup_write (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GHashTable) starred = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *expected = backup_path (f, "2026-03-14");
  g_autofree char *written = NULL;
  g_autofree char *names = NULL;
  g_autofree char *check = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.1181, T0 + 600, 1);
  ShuatiMemory a2 = memory (SHUATI_CARD_REVIEW, 2.3065, 2.1181, T0 + 2 * DAY, 2);
  ShuatiMemory b1 = memory (SHUATI_CARD_REVIEW, 8.2956, 1.0, T0 + 8 * DAY, 1);
  ShuatiMemory got;
  ShuatiStore *copy;
  const guint8 *header;
  GStatBuf st;

  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  record (store, "deck", "a", &a1, &a2, SHUATI_RATING_GOOD, T0 + 600);
  record (store, "other", "b", &zero, &b1, SHUATI_RATING_EASY, T0);
  g_assert_true (shuati_store_set_starred (store, "other", "b", TRUE, NULL));

  /* The store stays open, with what it wrote still in its WAL file. */
  g_assert_true (shuati_backup_write (f->path, now, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);

  /* Nothing else in the folder: no temporary file, no journal. */
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db");

  /* As private as the progress file. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (written, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* In rollback journal mode (1, not WAL's 2): the file is whole alone. */
  contents = read_file (written);
  header = g_bytes_get_data (contents, NULL);
  g_assert_cmpuint (g_bytes_get_size (contents), >, 100);
  g_assert_cmpmem (header, 16, "SQLite format 3", 16);
  g_assert_cmpuint (header[18], ==, 1);
  g_assert_cmpuint (header[19], ==, 1);

  /* A review written since is not in the backup. */
  record (store, "deck", "late", &zero, &a1, SHUATI_RATING_GOOD, T0 + DAY);

  copy = open_copy (f, written);
  g_assert_null (shuati_store_get_recovered_path (copy));
  check = query_text (shuati_store_get_database (copy), "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (query_int (shuati_store_get_database (copy), "PRAGMA user_version"),
                   ==, SHUATI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (shuati_store_get_database (copy), "SELECT count(*) FROM reviews"), ==, 3);
  g_assert_cmpint (query_int (shuati_store_get_database (copy),
                              "SELECT count(*) FROM reviews WHERE card_id = 'a' AND prev_due = 1767226200"),
                   ==, 1);
  g_assert_true (shuati_store_get_memory (copy, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a2);
  g_assert_true (shuati_store_get_memory (copy, "other", "b", &got, NULL));
  assert_memory_equal (&got, &b1);
  g_assert_false (shuati_store_get_memory (copy, "deck", "late", &got, NULL));
  starred = shuati_store_load_starred (copy, "other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (starred), ==, 1);
  g_assert_true (g_hash_table_contains (starred, "b"));
  g_assert_finalize_object (copy);

  /* The store went on as before. */
  g_assert_true (shuati_store_get_memory (store, "deck", "late", &got, NULL));
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 4);
  g_assert_finalize_object (store);
}

static void
test_backup_once_a_day (Fixture       *f,
                        gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 3, 14, 0, 0, 1.0);
  g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 3, 14, 23, 59, 59.0);
  g_autoptr(GDateTime) next_day = g_date_time_new_local (2026, 3, 15, 0, 0, 1.0);
  g_autoptr(GBytes) first_contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *names = NULL;
  char *again = (char *)"unset";
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  first = write_backup (f->path, morning);
  first_contents = read_file (first);

  /* Later the same day: nothing is written, the morning's backup stays. */
  record (store, "deck", "b", &zero, &l, SHUATI_RATING_GOOD, T0 + 60);
  g_assert_true (shuati_backup_write (f->path, evening, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (again);
  assert_file_equal (first, first_contents);
  g_assert_cmpint (file_query_int (first, "SELECT count(*) FROM reviews"), ==, 1);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db");

  /* The next day, a second one with both reviews. */
  second = write_backup (f->path, next_day);
  g_assert_cmpstr (g_strrstr (second, G_DIR_SEPARATOR_S) + 1, ==, "progress-2026-03-15.db");
  g_assert_cmpint (file_query_int (second, "SELECT count(*) FROM reviews"), ==, 2);
  assert_file_equal (first, first_contents);
  g_clear_pointer (&names, g_free);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db progress-2026-03-15.db");
  g_assert_finalize_object (store);
}

static void
test_backup_empty (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *written = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  gint64 id;

  /* No review, not even with a star: no backup, and no folder for it. */
  g_assert_true (shuati_store_set_starred (store, "deck", "a", TRUE, NULL));
  g_assert_true (shuati_backup_write (f->path, now, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (written);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Nor after the only review was undone. */
  id = record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_true (shuati_store_undo_review (store, id, NULL, NULL));
  g_assert_true (shuati_backup_write (f->path, now, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (written);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  written = write_backup (f->path, now);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_assert_finalize_object (store);
}

static void
test_backup_prune (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const others[] = {
    "notes.txt",
    "other-2026-03-01.db",
    "progress-2026-02-30.db",
    "progress-2026-03-01.db.bak",
    "progress-2026-3-2.db",
    "progress-latest.db",
    /* Today's, perhaps still being written by another process. */
    "progress-2026-03-14.db.tmp-Zz99Yy",
  };
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *old_folder = g_build_filename (folder, "progress-2026-02-01.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *names = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);

  /* Twelve older backups, and what must be left alone. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint day = 1; day <= 12; day++)
    {
      g_autofree char *day_text = g_strdup_printf ("2026-03-%02u", day);
      g_autofree char *path = backup_path (f, day_text);

      g_assert_true (g_file_set_contents (path, day_text, -1, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      g_assert_true (g_file_set_contents (path, others[i], -1, NULL));
    }
  /* A folder with a backup's name is no backup. */
  g_assert_cmpint (g_mkdir (old_folder, 0700), ==, 0);
  /* What a backup cut short on an earlier day left: removed. */
  {
    g_autofree char *stale = g_build_filename (folder, "progress-2026-03-10.db.tmp-Ab12Cd", NULL);
    g_autofree char *journal = g_strconcat (stale, "-journal", NULL);

    g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
    g_assert_true (g_file_set_contents (journal, "half", -1, NULL));
  }

  written = write_backup (f->path, now);

  names = list_names (folder);
  g_assert_cmpstr (names, ==,
                   "notes.txt other-2026-03-01.db progress-2026-02-01.db progress-2026-02-30.db"
                   " progress-2026-03-01.db.bak progress-2026-03-07.db progress-2026-03-08.db"
                   " progress-2026-03-09.db progress-2026-03-10.db progress-2026-03-11.db"
                   " progress-2026-03-12.db progress-2026-03-14.db progress-2026-03-14.db.tmp-Zz99Yy"
                   " progress-2026-3-2.db progress-latest.db");
  g_assert_true (g_file_test (old_folder, G_FILE_TEST_IS_DIR));

  /* Kept as they were, newest first. */
  backups = shuati_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, SHUATI_BACKUP_KEEP);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, written);
  for (guint i = 1; i < backups->len; i++)
    {
      g_autofree char *day_text = g_strdup_printf ("2026-03-%02u", 13 - i);
      g_autofree char *path = backup_path (f, day_text);
      g_autofree char *contents = NULL;

      g_assert_cmpstr (g_ptr_array_index (backups, i), ==, path);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, day_text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, others[i]);
    }

  /* The next day drops the oldest of them. */
  {
    g_autoptr(GDateTime) tomorrow = local_day (2026, 3, 15);
    g_autoptr(GPtrArray) after = NULL;
    g_autofree char *next = write_backup (f->path, tomorrow);
    g_autofree char *oldest = backup_path (f, "2026-03-07");

    after = shuati_backup_list (f->path);
    g_assert_cmpuint (after->len, ==, SHUATI_BACKUP_KEEP);
    g_assert_cmpstr (g_ptr_array_index (after, 0), ==, next);
    g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
  }
  g_assert_finalize_object (store);
}

static void
test_backup_failures (Fixture       *f,
                      gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *target = backup_path (f, "2026-03-14");
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *names = NULL;
  char *none = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  ShuatiMemory got;

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);

  /* Cancelled: nothing is left of the copy. */
  g_cancellable_cancel (cancellable);
  g_assert_false (shuati_backup_write (f->path, now, &none, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_clear_error (&error);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  /* The copy is made but cannot take its name: it goes. */
  g_assert_cmpint (g_mkdir (target, 0700), ==, 0);
  g_assert_false (shuati_backup_write (f->path, now, &none, NULL, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "progress-2026-03-14.db"));
  g_assert_null (none);
  g_clear_error (&error);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db");
  g_clear_pointer (&names, g_free);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (target), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (folder, "mine", -1, NULL));
  g_assert_false (shuati_backup_write (f->path, now, &none, NULL, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_FOLDER);
  g_assert_null (none);
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (folder, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "mine");
  }
  /* The store carries on. */
  record (store, "deck", "b", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_true (shuati_store_get_memory (store, "deck", "b", &got, NULL));
  g_assert_cmpint (g_unlink (folder), ==, 0);

  /* A database that is missing, or that is no database. */
  g_assert_false (shuati_backup_write (missing, now, &none, NULL, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_READ);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  damage (junk, 7);
  g_assert_false (shuati_backup_write (junk, now, &none, NULL, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "junk.db"));
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* With the causes gone, the backup is made. */
  written = write_backup (f->path, now);
  g_assert_cmpstr (written, ==, target);
  g_assert_cmpint (file_query_int (written, "SELECT count(*) FROM reviews"), ==, 2);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db");
  g_assert_finalize_object (store);
}

static void
assert_folder_refused (ShuatiStore *store,
                       const char  *folder)
{
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  ShuatiMemory got;
  char *none = NULL;

  names = list_names (folder);
  g_assert_false (shuati_backup_write (shuati_store_get_path (store), now, &none, NULL, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_FOLDER);
  g_assert_null (none);
  {
    g_autofree char *after = list_names (folder);

    g_assert_cmpstr (after, ==, names);
  }

  /* The store carries on. */
  record (store, "deck", "after", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_true (shuati_store_get_memory (store, "deck", "after", &got, NULL));
}

static void
test_backup_read_only_folder (Fixture       *f,
                              gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autofree char *folder = backup_folder (f);
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);

  record (store, "deck", "a", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_assert_finalize_object (store);
      g_test_skip ("this user can write to read-only folders");
      return;
    }

  assert_folder_refused (store, folder);

  /* A backups folder that cannot be made: the progress file's own
   * folder takes no new entry, though the file itself is writable. */
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  assert_folder_refused (store, folder);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_assert_finalize_object (store);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static gboolean
wait_backup (const char    *path,
             GDateTime     *now,
             GCancellable  *cancellable,
             char         **written,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  shuati_backup_write_async (path, now, cancellable, backup_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return shuati_backup_write_finish (result, written, error);
}

static void
test_backup_async (Fixture       *f,
                   gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDateTime) now = local_day (2026, 3, 14);
  g_autoptr(GDateTime) tomorrow = local_day (2026, 3, 15);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *expected = backup_path (f, "2026-03-14");
  g_autofree char *written = NULL;
  g_autofree char *names = NULL;
  char *none = (char *)"unset";
  ShuatiMemory zero = { 0 };
  ShuatiMemory l = memory (SHUATI_CARD_LEARNING, 2.3, 2.1, T0 + 600, 1);
  gint64 n_reviews;

  /* Enough reviews that the copy takes a while. */
  record (store, "deck", "first", &zero, &l, SHUATI_RATING_GOOD, T0);
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (store),
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                                 " INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, state_before,"
                                 " state_after, stability, difficulty, elapsed_days, scheduled_days, duration_ms)"
                                 " SELECT 'deck', 'card-' || i, i, 3, 0, 1, 2.3, 2.1, 0, 0, 1500 FROM n;"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                                 " INSERT INTO cards SELECT 'deck', 'card-' || i, 1, 1, 2.3, 2.1, i, i, 1, 0 FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  shuati_backup_write_async (f->path, now, NULL, backup_done, &result);
  /* The store writes on while the copy is made: a review and its card
   * in one transaction, which the copy holds whole or not at all. */
  record (store, "deck", "during", &zero, &l, SHUATI_RATING_GOOD, T0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (shuati_backup_write_finish (result, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
  n_reviews = file_query_int (written, "SELECT count(*) FROM reviews");
  g_assert_cmpint (n_reviews, >=, 20001);
  g_assert_cmpint (n_reviews, <=, 20002);
  g_assert_cmpint (file_query_int (written, "SELECT count(*) FROM cards"), ==, n_reviews);
  g_assert_cmpint (file_query_int (written, "SELECT count(*) FROM reviews WHERE card_id = 'card-20000'"), ==, 1);

  /* The same day again: nothing to do. */
  g_assert_true (wait_backup (f->path, now, NULL, &none, &error));
  g_assert_no_error (error);
  g_assert_null (none);

  /* Failures come back through the callback, and leave nothing behind. */
  g_cancellable_cancel (cancellable);
  g_assert_false (wait_backup (f->path, tomorrow, cancellable, &none, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_clear_error (&error);
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-14.db");

  shuati_test_remove_tree (folder);
  g_assert_true (g_file_set_contents (folder, "mine", -1, NULL));
  g_assert_false (wait_backup (f->path, tomorrow, NULL, &none, &error));
  g_assert_error (error, SHUATI_BACKUP_ERROR, SHUATI_BACKUP_ERROR_FOLDER);
  g_assert_null (none);
  g_clear_error (&error);

  g_assert_finalize_object (store);
}

/* Restoring */

/* Schema version 1, as the first Shuati created it. */
static const char schema_v1[] =
  "CREATE TABLE cards ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  state INTEGER NOT NULL, step INTEGER NOT NULL DEFAULT 0,"
  "  stability REAL NOT NULL, difficulty REAL NOT NULL,"
  "  due INTEGER NOT NULL, last_review INTEGER NOT NULL,"
  "  reps INTEGER NOT NULL, lapses INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;"
  "CREATE INDEX cards_due ON cards (deck_id, due);"
  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY, deck_id TEXT NOT NULL, card_id TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  rating INTEGER NOT NULL, state_before INTEGER NOT NULL, state_after INTEGER NOT NULL,"
  "  stability REAL NOT NULL, difficulty REAL NOT NULL,"
  "  elapsed_days REAL NOT NULL, scheduled_days REAL NOT NULL, duration_ms INTEGER NOT NULL,"
  "  prev_state INTEGER, prev_step INTEGER, prev_stability REAL, prev_difficulty REAL,"
  "  prev_due INTEGER, prev_last_review INTEGER, prev_reps INTEGER, prev_lapses INTEGER);"
  "CREATE INDEX reviews_time ON reviews (reviewed_at);"
  "CREATE INDEX reviews_card ON reviews (deck_id, card_id, reviewed_at);"
  "CREATE TABLE stars ("
  "  deck_id TEXT NOT NULL, card_id TEXT NOT NULL, starred_at INTEGER NOT NULL,"
  "  PRIMARY KEY (deck_id, card_id)) WITHOUT ROWID;";

/* No file in the progress file's folder is a leftover of a restore. */
static void
assert_no_restore_copy (Fixture *f)
{
  g_autofree char *names = list_names (f->dir);

  g_assert_null (strstr (names, ".restore-"));
}

static void
test_restore_newest (Fixture       *f,
                     gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) day1 = local_day (2026, 3, 10);
  g_autoptr(GDateTime) day2 = local_day (2026, 3, 12);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GBytes) older_contents = NULL;
  g_autoptr(GBytes) newer_contents = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *names = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.1181, T0 + 600, 1);
  ShuatiMemory a2 = memory (SHUATI_CARD_REVIEW, 2.3065, 2.1181, T0 + 2 * DAY, 2);
  ShuatiMemory got;
  const char *recovered;

  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  g_assert_true (shuati_store_set_starred (store, "deck", "b", TRUE, NULL));
  older = write_backup (f->path, day1);
  record (store, "deck", "a", &a1, &a2, SHUATI_RATING_GOOD, T0 + 600);
  record (store, "deck", "c", &zero, &a1, SHUATI_RATING_GOOD, T0 + 700);
  newer = write_backup (f->path, day2);
  record (store, "deck", "lost", &zero, &a1, SHUATI_RATING_GOOD, T0 + DAY);
  g_assert_finalize_object (store);

  older_contents = read_file (older);
  newer_contents = read_file (newer);
  damage (f->path, 42);
  damaged = read_file (f->path);

  store = open_store (f->path);
  recovered = shuati_store_get_recovered_path (store);
  g_assert_nonnull (recovered);
  assert_file_equal (recovered, damaged);
  g_assert_cmpstr (shuati_store_get_restored_backup (store), ==, newer);
  date = shuati_backup_get_date (shuati_store_get_restored_backup (store));
  g_assert_cmpint (g_date_time_get_year (date), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (date), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 12);

  /* The progress as the newer backup has it. */
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 3);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a2);
  g_assert_true (shuati_store_get_memory (store, "deck", "c", &got, NULL));
  assert_memory_equal (&got, &a1);
  g_assert_false (shuati_store_get_memory (store, "deck", "lost", &got, NULL));
  starred = shuati_store_load_starred (store, "deck", NULL);
  g_assert_cmpuint (g_hash_table_size (starred), ==, 1);
  g_assert_true (g_hash_table_contains (starred, "b"));
  g_assert_cmpint (query_int (shuati_store_get_database (store), "PRAGMA user_version"),
                   ==, SHUATI_STORE_SCHEMA_VERSION);
  mode = query_text (shuati_store_get_database (store), "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  /* The backups were copied, not moved, and are as they were. */
  names = list_names (folder);
  g_assert_cmpstr (names, ==, "progress-2026-03-10.db progress-2026-03-12.db");
  assert_file_equal (older, older_contents);
  assert_file_equal (newer, newer_contents);
  assert_no_restore_copy (f);

  /* Studying goes on in the restored file. */
  record (store, "deck", "d", &zero, &a1, SHUATI_RATING_GOOD, T0 + 2 * DAY);
  g_assert_finalize_object (store);

  store = open_store (f->path);
  g_assert_null (shuati_store_get_recovered_path (store));
  g_assert_null (shuati_store_get_restored_backup (store));
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 4);
  g_assert_finalize_object (store);
  assert_file_equal (newer, newer_contents);
}

static void
test_restore_skips_unusable (Fixture       *f,
                             gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GDateTime) day1 = local_day (2026, 3, 1);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *good = NULL;
  g_autofree char *empty = backup_path (f, "2026-03-02");
  g_autofree char *too_new = backup_path (f, "2026-03-03");
  g_autofree char *broken = backup_path (f, "2026-03-04");
  g_autofree char *junk = backup_path (f, "2026-03-05");
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.1181, T0 + 600, 1);
  ShuatiMemory got;
  sqlite3 *db = NULL;

  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  good = write_backup (f->path, day1);
  g_assert_finalize_object (store);

  /* Newer than the good one, and each of no use: */

  /* a Shuati database without a single review, */
  g_assert_finalize_object (open_store (empty));

  /* one from a newer Shuati, */
  g_assert_cmpint (sqlite3_open (too_new, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating,"
                                     " state_before, state_after, stability, difficulty, elapsed_days,"
                                     " scheduled_days, duration_ms) VALUES ('deck', 'a', 1, 3, 0, 1, 1, 1, 0, 0, 0);"
                                     "PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* a real backup whose later pages are damaged, */
  {
    g_autoptr(GBytes) source = read_file (good);
    gsize length = g_bytes_get_size (source);
    g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (source, NULL), length);

    g_assert_cmpuint (length, >=, 4 * 4096);
    memset (bytes + 4096, 0x55, length - 4096);
    g_assert_true (g_file_set_contents (broken, (const char *)bytes, length, NULL));
  }

  /* and the newest, no database at all. */
  damage (junk, 5);

  {
    const char *tried[] = { good, empty, too_new, broken, junk };

    for (guint i = 0; i < G_N_ELEMENTS (tried); i++)
      g_ptr_array_add (contents, read_file (tried[i]));
  }

  damage (f->path, 42);
  store = open_store (f->path);
  g_assert_nonnull (shuati_store_get_recovered_path (store));
  g_assert_cmpstr (shuati_store_get_restored_backup (store), ==, good);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a1);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 1);
  g_assert_finalize_object (store);

  /* Each backup tried is as it was. */
  {
    const char *tried[] = { good, empty, too_new, broken, junk };

    for (guint i = 0; i < G_N_ELEMENTS (tried); i++)
      assert_file_equal (tried[i], g_ptr_array_index (contents, i));
  }
  assert_no_restore_copy (f);
}

static void
test_restore_none_usable (Fixture       *f,
                          gconstpointer  data)
{
  ShuatiStore *store = open_store (f->path);
  g_autoptr(GBytes) junk_contents = NULL;
  g_autoptr(GBytes) other_contents = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *junk = backup_path (f, "2026-03-05");
  g_autofree char *other = g_build_filename (folder, "other-2026-03-06.db", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *names = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory a1 = memory (SHUATI_CARD_LEARNING, 2.3065, 2.1181, T0 + 600, 1);
  g_autoptr(GDateTime) day = local_day (2026, 3, 6);
  g_autofree char *written = NULL;

  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);

  /* A damaged backup, and a good one of another database. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  damage (junk, 5);
  store = open_store (other_db);
  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  written = write_backup (other_db, day);
  g_assert_cmpstr (written, ==, other);
  g_assert_finalize_object (store);
  junk_contents = read_file (junk);
  other_contents = read_file (other);

  damage (f->path, 42);
  store = open_store (f->path);
  g_assert_nonnull (shuati_store_get_recovered_path (store));
  g_assert_null (shuati_store_get_restored_backup (store));
  g_assert_cmpint (query_int (shuati_store_get_database (store), "SELECT count(*) FROM reviews"), ==, 0);
  g_assert_cmpint (query_int (shuati_store_get_database (store), "PRAGMA user_version"),
                   ==, SHUATI_STORE_SCHEMA_VERSION);
  record (store, "deck", "a", &zero, &a1, SHUATI_RATING_GOOD, T0);
  g_assert_finalize_object (store);

  names = list_names (folder);
  g_assert_cmpstr (names, ==, "other-2026-03-06.db progress-2026-03-05.db");
  assert_file_equal (junk, junk_contents);
  assert_file_equal (other, other_contents);
  assert_no_restore_copy (f);
}

static void
test_restore_schema_1 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autofree char *folder = backup_folder (f);
  g_autofree char *backup = backup_path (f, "2026-03-01");
  ShuatiMemory a = { SHUATI_CARD_REVIEW, 0, 12.5, 5.25, T0 + 3 * DAY, T0, 7, 2 };
  ShuatiMemory got;
  ShuatiStore *store;
  sqlite3 *db = NULL;
  sqlite3 *restored;

  /* A backup made by a Shuati of schema version 1. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating,"
                                     " state_before, state_after, stability, difficulty, elapsed_days,"
                                     " scheduled_days, duration_ms) VALUES ('deck', 'a', 1767225600, 3, 0, 2,"
                                     " 12.5, 5.25, 0, 3, 900);"
                                     "INSERT INTO cards VALUES ('deck', 'a', 2, 0, 12.5, 5.25, 1767484800,"
                                     " 1767225600, 7, 2);"
                                     "INSERT INTO stars VALUES ('deck', 'a', 1767225600);"
                                     "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  contents = read_file (backup);

  damage (f->path, 42);
  store = open_store (f->path);
  g_assert_nonnull (shuati_store_get_recovered_path (store));
  g_assert_cmpstr (shuati_store_get_restored_backup (store), ==, backup);

  /* Migrated like any old progress file. */
  restored = shuati_store_get_database (store);
  g_assert_cmpint (query_int (restored, "PRAGMA user_version"), ==, SHUATI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (restored, "SELECT count(*) FROM sqlite_master"
                                        " WHERE type = 'index' AND name = 'reviews_history'"), ==, 1);
  g_assert_cmpint (query_int (restored, "SELECT duration_ms FROM reviews WHERE card_id = 'a'"), ==, 900);
  g_assert_true (shuati_store_get_memory (store, "deck", "a", &got, NULL));
  assert_memory_equal (&got, &a);
  starred = shuati_store_load_starred (store, "deck", NULL);
  g_assert_true (g_hash_table_contains (starred, "a"));
  g_assert_finalize_object (store);

  /* The backup itself stays at version 1. */
  assert_file_equal (backup, contents);
  g_assert_cmpint (file_query_int (backup, "PRAGMA user_version"), ==, 1);
  assert_no_restore_copy (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/shuati/store/reopen", test_reopen);
  ADD ("/shuati/store/migrate/empty-file", test_migrate_empty);
  ADD ("/shuati/store/default-path", test_default_path);
  ADD ("/shuati/store/undo", test_undo);
  ADD ("/shuati/store/count-new-today", test_count_new_today);
  ADD ("/shuati/store/forget-deck", test_forget_deck);
  ADD ("/shuati/store/export-csv", test_export_csv);
  ADD ("/shuati/store/crash", test_crash);
  ADD ("/shuati/store/damaged/random-bytes", test_corrupt_random);
  ADD ("/shuati/store/damaged/truncated", test_corrupt_truncated);
  ADD ("/shuati/store/damaged/foreign", test_foreign_database);
  ADD ("/shuati/store/too-new", test_too_new);
  ADD ("/shuati/store/unopenable", test_unopenable);
  ADD ("/shuati/store/read-only/file", test_read_only_file);
  ADD ("/shuati/store/read-only/folder", test_read_only_folder);
  ADD ("/shuati/store/read-only/query-only", test_query_only);
  ADD ("/shuati/store/disk-full", test_disk_full);
  ADD ("/shuati/store/disk-full/first-start", test_first_start_disk_full);
  ADD ("/shuati/store/deleted-while-open", test_deleted_file);
  ADD ("/shuati/store/replaced-while-open", test_replaced_file);
  ADD ("/shuati/store/two-processes", test_two_processes);
  ADD ("/shuati/store/two-sessions", test_two_sessions);
  g_test_add_func ("/shuati/store/backup/names", test_backup_names);
  ADD ("/shuati/store/backup/write", test_backup_write);
  ADD ("/shuati/store/backup/once-a-day", test_backup_once_a_day);
  ADD ("/shuati/store/backup/empty", test_backup_empty);
  ADD ("/shuati/store/backup/prune", test_backup_prune);
  ADD ("/shuati/store/backup/failures", test_backup_failures);
  ADD ("/shuati/store/backup/read-only-folder", test_backup_read_only_folder);
  ADD ("/shuati/store/backup/async", test_backup_async);
  ADD ("/shuati/store/restore/newest", test_restore_newest);
  ADD ("/shuati/store/restore/skips-unusable", test_restore_skips_unusable);
  ADD ("/shuati/store/restore/none-usable", test_restore_none_usable);
  ADD ("/shuati/store/restore/schema-1", test_restore_schema_1);

#undef ADD

  return g_test_run ();
}
