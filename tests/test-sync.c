/* test-sync.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync through a folder: devices simulated as separate progress files
 * sharing one sync folder (or folders filled by hand, as a sync program
 * would, in pieces and out of order), which must all end the same.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shuati-anki-package.h"
#include "shuati-store-private.h"
#include "shuati-sync.h"
#include "shuati-test-utils.h"

#define DECK "deck"
#define DAY (24 * 3600)

typedef ShuatiTestDevice Device;

typedef struct
{
  char   *base;
  char   *folder;
  Device  dev[3];
} Fixture;

static void
device_open (Fixture    *f,
             guint       i,
             const char *folder)
{
  Device *d = &f->dev[i];
  g_autofree char *path = d->path == NULL ? g_strdup_printf ("%s/device-%u/progress.db", f->base, i) : NULL;

  shuati_test_device_open (d, path, folder ? folder : f->folder, NULL);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->base = shuati_test_make_dir ("sync");
  f->folder = g_build_filename (f->base, "folder", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->dev); i++)
    {
      shuati_test_device_clear (&f->dev[i]);
    }
  shuati_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->folder);
}

static gint64
review (Device       *d,
        const char   *card,
        ShuatiRating  rating,
        gint64        at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = shuati_store_review_card (d->store, DECK, card, d->scheduler, rating, at, 1000,
                                        NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static guint
merge (Device *d)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (shuati_sync_merge (d->sync, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
assert_same (Device *a,
             Device *b)
{
  g_autofree char *x = shuati_sync_dump_store (a->store);
  g_autofree char *y = shuati_sync_dump_store (b->store);

  g_assert_cmpstr (x, ==, y);
}

static gint64
count (Device     *d,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (shuati_store_get_database (d->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Both devices review the same card between merges, one undoes a review,
 * and they star, suspend, bury, forget and mark: all of it reaches the
 * other, and the memories come from the merged history. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 30 * DAY;
  const char *one[] = { "c3", NULL };
  const char *two[] = { "c4", NULL };
  ShuatiMemory a_mem, b_mem;
  gint64 undone;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  g_assert_cmpstr (shuati_sync_get_device_id (f->dev[0].sync), !=, shuati_sync_get_device_id (f->dev[1].sync));

  review (&f->dev[0], "c1", SHUATI_RATING_GOOD, t0);
  review (&f->dev[1], "c1", SHUATI_RATING_AGAIN, t0 + 600);
  review (&f->dev[0], "c1", SHUATI_RATING_GOOD, t0 + 3 * DAY);
  review (&f->dev[1], "c2", SHUATI_RATING_EASY, t0 + DAY);
  undone = review (&f->dev[1], "c2", SHUATI_RATING_HARD, t0 + 5 * DAY);
  g_assert_true (shuati_store_undo_review (f->dev[1].store, undone, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, "c1", TRUE, &error));
  g_assert_true (shuati_store_set_suspended (f->dev[1].store, DECK, one, TRUE, &error));
  g_assert_true (shuati_store_bury (f->dev[0].store, DECK, two, t0 + 40 * DAY, &error));
  g_assert_true (shuati_store_set_mistake (f->dev[1].store, DECK, "c1", TRUE, t0 + 700, &error));
  g_assert_no_error (error);

  /* Before merging, each has only its own. */
  g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews"), ==, 2);

  g_assert_cmpuint (merge (&f->dev[0]), >, 0);
  g_assert_cmpuint (merge (&f->dev[1]), >, 0);
  assert_same (&f->dev[0], &f->dev[1]);

  g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews WHERE card_id = 'c1'"), ==, 3);
  g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews WHERE card_id = 'c2'"), ==, 1);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, "c1"));
  g_assert_true (shuati_store_is_suspended (f->dev[0].store, DECK, "c3"));
  g_assert_cmpint (shuati_store_get_buried_until (f->dev[1].store, DECK, "c4"), ==, t0 + 40 * DAY);
  g_assert_true (shuati_store_is_mistake (f->dev[0].store, DECK, "c1", NULL));

  /* The lapse on the other device is part of c1's history everywhere. */
  g_assert_true (shuati_store_get_memory (f->dev[0].store, DECK, "c1", &a_mem, NULL));
  g_assert_true (shuati_store_get_memory (f->dev[1].store, DECK, "c1", &b_mem, NULL));
  g_assert_cmpuint (a_mem.reps, ==, 3);
  g_assert_cmpfloat (a_mem.stability, ==, b_mem.stability);
  g_assert_cmpint (a_mem.due, ==, b_mem.due);

  /* An undo on one device after the other has the review removes it
   * there too. */
  undone = review (&f->dev[0], "c2", SHUATI_RATING_GOOD, t0 + 9 * DAY);
  merge (&f->dev[1]);
  g_assert_cmpint (count (&f->dev[1], "SELECT count(*) FROM reviews WHERE card_id = 'c2'"), ==, 2);
  g_assert_true (shuati_store_undo_review (f->dev[0].store, undone, NULL, &error));
  g_assert_no_error (error);
  merge (&f->dev[1]);
  g_assert_cmpint (count (&f->dev[1], "SELECT count(*) FROM reviews WHERE card_id = 'c2'"), ==, 1);

  /* Forgetting is a point in the history: reviews after it count. */
  g_assert_true (shuati_store_forget_cards (f->dev[1].store, DECK, (const char *[]) { "c1", NULL }, &error));
  g_assert_no_error (error);
  merge (&f->dev[0]);
  g_assert_false (shuati_store_get_memory (f->dev[0].store, DECK, "c1", &a_mem, NULL));
  merge (&f->dev[1]);
  assert_same (&f->dev[0], &f->dev[1]);

  /* Nothing new: nothing applied, and the idle check says so. */
  g_assert_false (shuati_sync_has_changes (f->dev[0].sync));
  g_assert_cmpuint (merge (&f->dev[0]), ==, 0);
  review (&f->dev[1], "c5", SHUATI_RATING_GOOD, t0 + 10 * DAY);
  g_assert_true (shuati_sync_has_changes (f->dev[0].sync));
  g_assert_cmpuint (merge (&f->dev[0]), ==, 1);
  g_assert_cmpuint (shuati_sync_get_n_devices (f->dev[0].sync), ==, 2);
  g_assert_cmpint (shuati_sync_get_last_merge (f->dev[0].sync), >, 0);
}

/* One device three hours ahead: the last write still wins everywhere. */
static void
test_clock_skew (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  shuati_sync_set_clock_offset (f->dev[1].sync, 3 * 3600);

  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, "c1", TRUE, &error));
  merge (&f->dev[1]);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, "c1"));
  g_assert_true (shuati_store_set_starred (f->dev[1].store, DECK, "c1", FALSE, &error));
  merge (&f->dev[0]);
  g_assert_false (shuati_store_is_starred (f->dev[0].store, DECK, "c1"));

  /* The slow clock has seen the fast one's time: its next write is later. */
  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, "c1", TRUE, &error));
  g_assert_no_error (error);
  merge (&f->dev[1]);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, "c1"));

  /* Reviews a device timed with its skewed clock sort by that time. */
  review (&f->dev[0], "c2", SHUATI_RATING_GOOD, g_get_real_time () / G_USEC_PER_SEC);
  review (&f->dev[1], "c2", SHUATI_RATING_HARD, g_get_real_time () / G_USEC_PER_SEC + 3 * 3600);
  merge (&f->dev[0]);
  merge (&f->dev[1]);
  assert_same (&f->dev[0], &f->dev[1]);
}

/* A device away for weeks: its history and the other's, merged at once,
 * interleave by time. Three devices end the same. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 60 * DAY;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  device_open (f, 2, NULL);

  for (guint week = 0; week < 6; week++)
    for (guint c = 0; c < 5; c++)
      {
        g_autofree char *card = g_strdup_printf ("c%u", c);

        review (&f->dev[0], card, 1 + (week + c) % 4, t0 + week * 7 * DAY + c * 60);
        review (&f->dev[1], card, 1 + (week * c) % 4, t0 + week * 7 * DAY + 3 * DAY + c * 60);
      }
  merge (&f->dev[0]);
  merge (&f->dev[1]);
  merge (&f->dev[2]);
  assert_same (&f->dev[0], &f->dev[1]);
  assert_same (&f->dev[0], &f->dev[2]);
  g_assert_cmpint (count (&f->dev[2], "SELECT count(*) FROM reviews"), ==, 60);
  g_assert_cmpint (count (&f->dev[2], "SELECT max(reps) FROM cards"), ==, 12);
}

static void
copy_range (const char *from,
            const char *to,
            gsize       start,
            gsize       end)
{
  g_autofree char *data = NULL;
  gsize length;
  FILE *out;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  end = MIN (end, length);
  out = fopen (to, start == 0 ? "wb" : "ab");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (data + start, 1, end - start, out), ==, end - start);
  fclose (out);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Files arrive as a sync program delivers them: the later one first (a
 * gap, reported), then the earlier one in two pieces, the first cut in
 * the middle of a line. The device ends as the writer is. */
static void
test_partial_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->base, "other", NULL);
  g_autofree char *src = NULL;
  g_autofree char *dst = NULL;
  g_autofree char *src1 = NULL, *src2 = NULL, *dst1 = NULL, *dst2 = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 20 * DAY;
  guint applied = 0;
  gsize size1;

  device_open (f, 0, NULL);
  shuati_sync_set_rotate_size (f->dev[0].sync, 2000);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *card = g_strdup_printf ("c%u", i % 7);

      review (&f->dev[0], card, 1 + i % 4, t0 + i * 3600);
    }

  src = g_build_filename (f->folder, "devices", shuati_sync_get_device_id (f->dev[0].sync), NULL);
  src1 = g_build_filename (src, "journal-1.jsonl", NULL);
  src2 = g_build_filename (src, "journal-2.jsonl", NULL);
  g_assert_true (g_file_test (src2, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_size (src1), <=, 2000);

  device_open (f, 1, other);
  dst = g_build_filename (other, "devices", shuati_sync_get_device_id (f->dev[0].sync), NULL);
  g_assert_cmpint (g_mkdir_with_parents (dst, 0755), ==, 0);
  dst1 = g_build_filename (dst, "journal-1.jsonl", NULL);
  dst2 = g_build_filename (dst, "journal-2.jsonl", NULL);

  copy_range (src2, dst2, 0, G_MAXSIZE);
  applied += merge (&f->dev[1]);
  g_assert_cmpuint (applied, >, 0);
  g_assert_true (shuati_test_device_mentions_problem (&f->dev[1], "missing"));

  size1 = file_size (src1);
  copy_range (src1, dst1, 0, size1 / 2);
  applied += merge (&f->dev[1]);
  g_assert_true (shuati_sync_has_changes (f->dev[1].sync) == FALSE);
  copy_range (src1, dst1, size1 / 2, size1);
  g_assert_true (shuati_sync_has_changes (f->dev[1].sync));
  applied += merge (&f->dev[1]);

  /* and the files between */
  for (guint n = 3; ; n++)
    {
      g_autofree char *name = g_strdup_printf ("journal-%u.jsonl", n);
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (dst, name, NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        break;
      copy_range (from, to, 0, G_MAXSIZE);
    }
  applied += merge (&f->dev[1]);

  g_assert_cmpuint (applied, ==, 30);
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[1], "missing"));
  assert_same (&f->dev[0], &f->dev[1]);

  /* Later files, in pieces again, then whole. */
  for (guint i = 0; i < 40; i++)
    review (&f->dev[0], "c9", 1 + i % 4, t0 + 2 * DAY + i * DAY / 4);
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = g_strdup_printf ("journal-%u.jsonl", n);
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (dst, name, NULL);
      gsize size;

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        break;
      size = file_size (from);
      copy_range (from, to, 0, size / 3);
      merge (&f->dev[1]);
      copy_range (from, to, size / 3, size);
    }
  merge (&f->dev[1]);
  assert_same (&f->dev[0], &f->dev[1]);

}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* Damaged lines, lines from a newer Shuati, a line claiming another
 * device, a half-written last line: skipped and reported, never fatal;
 * the good lines around them are applied. */
static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->folder, "devices", "feedbeef", NULL);
  g_autofree char *path = g_build_filename (dir, "journal-1.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  device_open (f, 0, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_string_append_printf (text, "{\"v\":1,\"type\":\"review\",\"device\":\"feedbeef\",\"seq\":1,\"ts\":%"
                          G_GINT64_FORMAT "000,\"deck\":\"deck\",\"card\":\"g1\",\"at\":%" G_GINT64_FORMAT
                          ",\"rating\":3,\"ms\":500}\n", now, now);
  g_string_append (text, "this is not json\n");
  g_string_append (text, "{\"v\":1,\"type\":\"review\",\"device\":\"feedbeef\",\"seq\":2}\n");
  g_string_append (text, "{\"v\":7,\"type\":\"teleport\",\"device\":\"feedbeef\",\"seq\":3}\n");
  g_string_append (text, "{\"v\":1,\"type\":\"star\",\"device\":\"someone-else\",\"seq\":4,\"ts\":1,"
                         "\"deck\":\"deck\",\"card\":\"g2\"}\n");
  g_string_append (text, "\xff\xfe{garbage\n");
  g_string_append_printf (text, "{\"v\":1,\"type\":\"star\",\"device\":\"feedbeef\",\"seq\":5,\"ts\":%"
                          G_GINT64_FORMAT "000,\"deck\":\"deck\",\"card\":\"g1\"}\n", now);
  g_string_append (text, "{\"v\":1,\"type\":\"star\",\"device\":\"feedbeef\",\"seq\":6,\"ts\":");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  g_assert_cmpuint (merge (&f->dev[0]), ==, 2);
  g_assert_true (shuati_store_is_starred (f->dev[0].store, DECK, "g1"));
  g_assert_false (shuati_store_is_starred (f->dev[0].store, DECK, "g2"));
  g_assert_cmpint (count (&f->dev[0], "SELECT reps FROM cards WHERE card_id = 'g1'"), ==, 1);
  g_assert_true (shuati_test_device_mentions_problem (&f->dev[0], "damaged"));
  g_assert_true (shuati_test_device_mentions_problem (&f->dev[0], "newer"));

  /* The cut line, once finished, is read. */
  g_string_append_printf (text, "%" G_GINT64_FORMAT "000,\"deck\":\"deck\",\"card\":\"g3\"}\n", now);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_cmpuint (merge (&f->dev[0]), ==, 1);
  g_assert_true (shuati_store_is_starred (f->dev[0].store, DECK, "g3"));

  /* A stray file and an empty device folder change nothing. */
  write_file (g_build_filename (dir, "notes.txt", NULL), "hello");
  g_assert_cmpuint (merge (&f->dev[0]), ==, 0);
}

/* Ids with quotes, backslashes and control characters go through the
 * journal unchanged; a line another program wrote with \u escapes is
 * read too. */
static void
test_escapes (Fixture       *f,
              gconstpointer  data)
{
  const char *odd = "q\"uo\\te\t卡";
  g_autofree char *dir = g_build_filename (f->folder, "devices", "escaper", NULL);
  g_autofree char *path = g_build_filename (dir, "journal-1.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  review (&f->dev[0], odd, SHUATI_RATING_GOOD, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, odd, TRUE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  write_file (path, "{\"v\": 1, \"type\": \"star\", \"device\": \"escaper\", \"seq\": 1, \"ts\": 5,"
                    " \"deck\": \"deck\", \"card\": \"g\\u00e9\", \"extra\": {\"nested\": [1.5]}}\n");

  g_assert_cmpuint (merge (&f->dev[1]), ==, 3);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, odd));
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, "gé"));
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[1], "damaged"));
  merge (&f->dev[0]);
  assert_same (&f->dev[0], &f->dev[1]);
}

/* Lines the quick reader leaves to JSON-GLib (numbers too long for it,
 * escaped keys) are read all the same, and a number the quick reader
 * takes is read whole. */
static void
test_long_numbers (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->folder, "devices", "counter", NULL);
  g_autofree char *path = g_build_filename (dir, "journal-1.jsonl", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  device_open (f, 0, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  text = g_strdup_printf ("{\"v\":1,\"type\":\"star\",\"device\":\"counter\",\"seq\":1,\"ts\":5,"
                          "\"deck\":\"deck\",\"card\":\"n1\",\"big\":1234567890123456789}\n"
                          "{\"v\":1,\"type\":\"star\",\"device\":\"counter\",\"seq\":2,\"ts\":6,"
                          "\"deck\":\"deck\",\"c\\u0061rd\":\"n2\"}\n"
                          "{\"v\":1,\"type\":\"review\",\"device\":\"counter\",\"seq\":3,"
                          "\"ts\":%" G_GINT64_FORMAT "000,\"deck\":\"deck\",\"card\":\"n3\","
                          "\"at\":%" G_GINT64_FORMAT ",\"rating\":3,\"ms\":-12}\n",
                          now, now);
  write_file (path, text);

  g_assert_cmpuint (merge (&f->dev[0]), ==, 3);
  g_assert_true (shuati_store_is_starred (f->dev[0].store, DECK, "n1"));
  g_assert_true (shuati_store_is_starred (f->dev[0].store, DECK, "n2"));
  g_assert_cmpint (count (&f->dev[0], "SELECT reps FROM cards WHERE card_id = 'n3'"), ==, 1);
  g_assert_cmpint (count (&f->dev[0], "SELECT duration_ms FROM reviews WHERE card_id = 'n3'"), ==, 0);
  g_assert_cmpint (count (&f->dev[0], "SELECT reviewed_at FROM reviews WHERE card_id = 'n3'"), ==, now);
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[0], "damaged"));
}

/* A sync folder that cannot be made or read. */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->base, "a-file", NULL);
  g_autofree char *path = g_build_filename (f->base, "device-0", "progress.db", NULL);
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  ShuatiSync *sync;

  write_file (file, "not a folder");
  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  sync = shuati_sync_new (store, scheduler, file, &error);
  g_assert_null (sync);
  g_assert_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER);
  g_clear_error (&error);

  /* Reviews go on without a journal. */
  g_assert_cmpint (shuati_store_review_card (store, DECK, "c1", scheduler, SHUATI_RATING_GOOD,
                                             g_get_real_time () / G_USEC_PER_SEC, 0, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Another device's folder that cannot be read is reported; the rest
   * merges. */
  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  review (&f->dev[1], "c1", SHUATI_RATING_GOOD, g_get_real_time () / G_USEC_PER_SEC);
  if (geteuid () != 0)
    {
      g_autofree char *dir = g_build_filename (f->folder, "devices", shuati_sync_get_device_id (f->dev[1].sync), NULL);

      g_assert_cmpint (g_chmod (dir, 0), ==, 0);
      g_assert_cmpuint (merge (&f->dev[0]), ==, 0);
      g_assert_true (shuati_test_device_mentions_problem (&f->dev[0], "Could not read"));
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }
  g_assert_cmpuint (merge (&f->dev[0]), ==, 1);
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[0], "Could not read"));

  /* The whole folder gone: the merge fails with a message. */
  {
    g_autofree char *devices = g_build_filename (f->folder, "devices", NULL);
    g_autofree char *moved = g_build_filename (f->base, "moved", NULL);
    guint n;

    g_assert_cmpint (g_rename (devices, moved), ==, 0);
    g_assert_false (shuati_sync_merge (f->dev[0].sync, &n, &error));
    g_assert_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER);
    g_assert_cmpint (g_rename (moved, devices), ==, 0);
  }
}

/* Progress from before sync was turned on reaches the other devices. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->base, "device-0", "progress.db", NULL);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  ShuatiStore *store = shuati_store_new (path, &error);
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 10 * DAY;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (shuati_store_review_card (store, DECK, "old", scheduler, SHUATI_RATING_GOOD,
                                               t0 + i * DAY, 0, NULL, NULL, &error), >, 0);
  g_assert_true (shuati_store_set_starred (store, DECK, "old", TRUE, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  g_assert_cmpuint (merge (&f->dev[1]), ==, 6);
  merge (&f->dev[0]);
  assert_same (&f->dev[0], &f->dev[1]);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, DECK, "old"));

  /* Turned off and on again: nothing is told twice. */
  shuati_test_device_close (&f->dev[0]);
  device_open (f, 0, NULL);
  g_assert_cmpuint (merge (&f->dev[1]), ==, 0);
}

static gboolean
crash_after_journal (ShuatiStore  *store,
                     GArray       *events,
                     gpointer      user_data,
                     GError      **error)
{
  ShuatiStoreJournalFunc write = g_object_get_data (G_OBJECT (user_data), "write");

  if (!write (store, events, user_data, error))
    return FALSE;
  raise (SIGKILL);
  return TRUE;
}

static char *
crash_dir (pid_t pid)
{
  return g_strdup_printf ("%s/shuati-sync-crash-%d", g_get_tmp_dir (), (int)pid);
}

/* Killed between writing the line and the commit: the next start applies
 * the line, so this device and the others agree. */
static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = crash_dir (getppid ());
      g_autofree char *path = g_build_filename (dir, "device-0", "progress.db", NULL);
      g_autofree char *folder = g_build_filename (dir, "folder", NULL);
      g_autoptr(ShuatiStore) store = shuati_store_new (path, NULL);
      g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
      g_autoptr(ShuatiSync) sync = shuati_sync_new (store, scheduler, folder, NULL);

      g_assert_nonnull (sync);
      g_object_set_data (G_OBJECT (sync), "write", store->journal_func);
      shuati_store_set_journal (store, crash_after_journal, sync);
      shuati_store_review_card (store, DECK, "c1", scheduler, SHUATI_RATING_GOOD,
                                g_get_real_time () / G_USEC_PER_SEC, 0, NULL, NULL, NULL);
      g_assert_not_reached ();
    }
  else
    {
      g_autofree char *dir = crash_dir (getpid ());
      g_autofree char *folder = g_build_filename (dir, "folder", NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      f->dev[0].path = g_build_filename (dir, "device-0", "progress.db", NULL);

      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();

      /* Not committed... */
      {
        g_autoptr(GError) error = NULL;
        ShuatiStore *store = shuati_store_new (f->dev[0].path, &error);
        ShuatiMemory memory;

        g_assert_no_error (error);
        g_assert_false (shuati_store_get_memory (store, DECK, "c1", &memory, NULL));
        g_assert_finalize_object (store);
      }

      /* ...until the next start. */
      device_open (f, 0, folder);
      g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews"), ==, 1);
      g_assert_cmpint (count (&f->dev[0], "SELECT reps FROM cards WHERE card_id = 'c1'"), ==, 1);
      device_open (f, 1, folder);
      g_assert_cmpuint (merge (&f->dev[1]), ==, 1);
      review (&f->dev[0], "c1", SHUATI_RATING_HARD, g_get_real_time () / G_USEC_PER_SEC + 60);
      merge (&f->dev[1]);
      merge (&f->dev[0]);
      assert_same (&f->dev[0], &f->dev[1]);
      g_assert_false (shuati_test_device_mentions_problem (&f->dev[1], "missing"));

      shuati_test_device_close (&f->dev[0]);
      shuati_test_device_close (&f->dev[1]);
      shuati_test_remove_tree (dir);
    }
}

static void
count_changed (ShuatiStore *store,
               const char  *deck_id,
               const char  *card_id,
               guint       *changed)
{
  g_assert_cmpstr (deck_id, ==, DECK);
  (*changed)++;
}

static void
merged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shuati_sync_merge_finish (SHUATI_SYNC (source), result, n, &error));
  g_assert_no_error (error);
}

/* The merge in a worker thread, as the app runs it; the store tells its
 * listeners of the decks that changed. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  guint n = G_MAXUINT;
  guint changed = 0;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  review (&f->dev[1], "c1", SHUATI_RATING_GOOD, g_get_real_time () / G_USEC_PER_SEC);
  g_signal_connect (f->dev[0].store, "changed", G_CALLBACK (count_changed), &changed);

  shuati_sync_merge_async (f->dev[0].sync, NULL, merged_cb, &n);
  while (n == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  /* The worker thread lets go of its task (and the sync) after it. */
  for (guint i = 0; i < 500 && G_OBJECT (f->dev[0].sync)->ref_count > 1; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  assert_same (&f->dev[0], &f->dev[1]);
  g_signal_handlers_disconnect_by_func (f->dev[0].store, count_changed, &changed);
}

/* A deck's progress reset on one device: every review up to then goes
 * on all three, whichever device made it, even one that arrives after
 * the reset; stars and marks written before it go; a review made after
 * it stays. Then the stores are the same. */
static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 30 * DAY;
  gint64 later = g_get_real_time () / G_USEC_PER_SEC + DAY;
  const char *one[] = { "c3", NULL };

  for (guint i = 0; i < 3; i++)
    device_open (f, i, NULL);
  review (&f->dev[0], "c1", SHUATI_RATING_GOOD, t0);
  review (&f->dev[1], "c2", SHUATI_RATING_AGAIN, t0 + DAY);
  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, "c1", TRUE, &error));
  g_assert_true (shuati_store_set_suspended (f->dev[1].store, DECK, one, TRUE, &error));
  g_assert_true (shuati_store_set_mistake (f->dev[1].store, DECK, "c2", TRUE, t0 + DAY, &error));
  g_assert_no_error (error);
  /* Another deck keeps its own. */
  g_assert_cmpint (shuati_store_review_card (f->dev[0].store, "other", "c1", f->dev[0].scheduler, SHUATI_RATING_GOOD,
                                             t0, 1000, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    merge (&f->dev[i]);

  /* Device 2 reviews before it hears of the reset: an old review that
   * goes, and one from after the reset that stays. */
  review (&f->dev[2], "c1", SHUATI_RATING_HARD, t0 + 2 * DAY);
  g_assert_true (shuati_store_forget_deck (f->dev[0].store, DECK, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews WHERE deck_id = 'deck'"), ==, 0);
  g_assert_true (shuati_store_set_starred (f->dev[1].store, DECK, "c4", TRUE, &error));
  g_assert_no_error (error);

  merge (&f->dev[1]);
  merge (&f->dev[2]);
  review (&f->dev[2], "c2", SHUATI_RATING_GOOD, later);
  for (guint i = 0; i < 3; i++)
    merge (&f->dev[i]);
  for (guint i = 0; i < 3; i++)
    merge (&f->dev[i]);
  assert_same (&f->dev[0], &f->dev[1]);
  assert_same (&f->dev[0], &f->dev[2]);

  for (guint i = 0; i < 3; i++)
    {
      Device *d = &f->dev[i];

      g_assert_cmpint (count (d, "SELECT count(*) FROM reviews WHERE deck_id = 'deck'"), ==, 1);
      g_assert_cmpint (count (d, "SELECT count(*) FROM cards WHERE deck_id = 'deck'"), ==, 1);
      g_assert_cmpint (count (d, "SELECT count(*) FROM reviews WHERE deck_id = 'other'"), ==, 1);
      g_assert_false (shuati_store_is_starred (d->store, DECK, "c1"));
      g_assert_true (shuati_store_is_starred (d->store, DECK, "c4"));
      g_assert_false (shuati_store_is_suspended (d->store, DECK, "c3"));
      g_assert_false (shuati_store_is_mistake (d->store, DECK, "c2", NULL));
    }
}

/* Progress copied to a copy of a deck reaches the other device as the
 * copy's own: its reviews (and so memories), star, marks. */
static void
test_copy_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 30 * DAY;
  const char *cards[] = { "c1", "c2", "c3", NULL };
  const char *three[] = { "c3", NULL };
  guint n = 0;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  review (&f->dev[0], "c1", SHUATI_RATING_GOOD, t0);
  review (&f->dev[1], "c1", SHUATI_RATING_AGAIN, t0 + DAY);
  review (&f->dev[0], "c2", SHUATI_RATING_EASY, t0 + 2 * DAY);
  g_assert_true (shuati_store_set_starred (f->dev[0].store, DECK, "c2", TRUE, &error));
  g_assert_true (shuati_store_set_suspended (f->dev[0].store, DECK, three, TRUE, &error));
  g_assert_true (shuati_store_set_mistake (f->dev[0].store, DECK, "c1", TRUE, t0 + 700, &error));
  g_assert_no_error (error);
  merge (&f->dev[0]);

  g_assert_true (shuati_store_copy_deck_progress (f->dev[0].store, DECK, "mine", cards, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  merge (&f->dev[1]);
  merge (&f->dev[0]);
  assert_same (&f->dev[0], &f->dev[1]);
  g_assert_cmpint (count (&f->dev[1], "SELECT count(*) FROM reviews WHERE deck_id = 'mine'"), ==, 3);
  g_assert_cmpint (count (&f->dev[1], "SELECT count(*) FROM cards WHERE deck_id = 'mine'"), ==, 2);
  g_assert_true (shuati_store_is_starred (f->dev[1].store, "mine", "c2"));
  g_assert_true (shuati_store_is_suspended (f->dev[1].store, "mine", "c3"));
  g_assert_true (shuati_store_is_mistake (f->dev[1].store, "mine", "c1", NULL));

  /* Copying again adds nothing, and tells nothing. */
  g_assert_true (shuati_store_copy_deck_progress (f->dev[0].store, DECK, "mine", cards, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (merge (&f->dev[1]), ==, 0);
}

/* History imported from an Anki package reaches the other device, whose
 * replay of it gives the same memories. */
static void
test_import_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviews = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  g_autoptr(GHashTable) memories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 60 * DAY;
  const char *ids[] = { "a1", "a2" };
  guint n = 0;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    {
      guint first = reviews->len;
      ShuatiMemory *memory = g_new0 (ShuatiMemory, 1);

      for (guint r = 0; r < 4; r++)
        {
          ShuatiImportReview review = {
            .card_id = (char *)ids[c],
            .reviewed_at = t0 + (r * 5 + c) * DAY,
            .rating = r == 1 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD,
            .duration_ms = 4000,
          };

          g_array_append_val (reviews, review);
        }
      shuati_import_review_replay (f->dev[0].scheduler, &g_array_index (reviews, ShuatiImportReview, first),
                                   4, TRUE, memory);
      g_hash_table_insert (memories, (char *)ids[c], memory);
    }
  /* One the device has studied already keeps its own. */
  review (&f->dev[0], "a2", SHUATI_RATING_GOOD, t0);

  g_assert_true (shuati_store_import_history (f->dev[0].store, DECK, reviews, memories, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (merge (&f->dev[1]), ==, 5);
  assert_same (&f->dev[0], &f->dev[1]);
  g_assert_cmpint (count (&f->dev[1], "SELECT count(*) FROM reviews WHERE card_id = 'a1'"), ==, 4);
  g_assert_cmpint (count (&f->dev[1], "SELECT reps FROM cards WHERE card_id = 'a1'"), ==, 4);
}

/* The same Anki package imported on two computers before they first
 * synced: each review is one review everywhere, not two, and every
 * device keeps the same copy whatever order the journals arrive in. A
 * review of the same second by two devices that differs in its rating
 * or duration stays two reviews. */
static void
test_import_history_twice (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviews = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 60 * DAY;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    device_open (f, i, NULL);
  for (guint r = 0; r < 5; r++)
    {
      ShuatiImportReview review = {
        .card_id = "a1",
        .reviewed_at = t0 + r * 3 * DAY,
        .rating = r == 2 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD,
        .duration_ms = 3000 + r,
      };

      g_array_append_val (reviews, review);
    }
  /* Devices 2 and 1 import it, in that order, before any merge. */
  for (guint i = 2; i >= 1; i--)
    {
      g_autoptr(GHashTable) memories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      ShuatiMemory *memory = g_new0 (ShuatiMemory, 1);

      shuati_import_review_replay (f->dev[i].scheduler, (ShuatiImportReview *)(gpointer)reviews->data,
                                   reviews->len, TRUE, memory);
      g_hash_table_insert (memories, "a1", memory);
      g_assert_true (shuati_store_import_history (f->dev[i].store, DECK, reviews, memories, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 1);
    }
  /* Two reviews of one second on two devices that are not the same. */
  review (&f->dev[1], "b1", SHUATI_RATING_GOOD, t0);
  review (&f->dev[2], "b1", SHUATI_RATING_HARD, t0);

  /* Device 0 reads both at once; 1 and 2 each read the other's. */
  merge (&f->dev[0]);
  merge (&f->dev[2]);
  merge (&f->dev[1]);
  merge (&f->dev[0]);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (count (&f->dev[i], "SELECT count(*) FROM reviews WHERE card_id = 'a1'"), ==, 5);
      g_assert_cmpint (count (&f->dev[i], "SELECT reps FROM cards WHERE card_id = 'a1'"), ==, 5);
      g_assert_cmpint (count (&f->dev[i], "SELECT lapses FROM cards WHERE card_id = 'a1'"), ==, 1);
      g_assert_cmpint (count (&f->dev[i], "SELECT count(*) FROM reviews WHERE card_id = 'b1'"), ==, 2);
    }
  assert_same (&f->dev[0], &f->dev[1]);
  assert_same (&f->dev[0], &f->dev[2]);

  /* A device that joins later reads both journals: still one copy. */
  shuati_test_device_close (&f->dev[0]);
  {
    g_autofree char *late = g_strdup_printf ("%s/device-late/progress.db", f->base);

    shuati_test_device_open (&f->dev[0], late, f->folder, NULL);
  }
  merge (&f->dev[0]);
  g_assert_cmpint (count (&f->dev[0], "SELECT count(*) FROM reviews WHERE card_id = 'a1'"), ==, 5);
  assert_same (&f->dev[0], &f->dev[1]);
}

static void
test_status (void)
{
  g_autofree char *never = shuati_sync_format_status (0, 1000, 1);
  g_autofree char *now = shuati_sync_format_status (1000, 1030, 1);
  g_autofree char *two = shuati_sync_format_status (1000, 1000 + 125, 3);
  g_autofree char *hours = shuati_sync_format_status (1000, 1000 + 7300, 2);

  g_assert_cmpstr (never, ==, "Not synced yet");
  g_assert_cmpstr (now, ==, "Synced just now · 1 device");
  g_assert_cmpstr (two, ==, "Synced 2 min ago · 3 devices");
  g_assert_cmpstr (hours, ==, "Synced 2 hours ago · 2 devices");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shuati/sync/concurrent", Fixture, NULL, setup, test_concurrent, teardown);
  g_test_add ("/shuati/sync/clock-skew", Fixture, NULL, setup, test_clock_skew, teardown);
  g_test_add ("/shuati/sync/offline", Fixture, NULL, setup, test_offline, teardown);
  g_test_add ("/shuati/sync/partial-files", Fixture, NULL, setup, test_partial_files, teardown);
  g_test_add ("/shuati/sync/garbage", Fixture, NULL, setup, test_garbage, teardown);
  g_test_add ("/shuati/sync/escapes", Fixture, NULL, setup, test_escapes, teardown);
  g_test_add ("/shuati/sync/long-numbers", Fixture, NULL, setup, test_long_numbers, teardown);
  g_test_add ("/shuati/sync/unreadable", Fixture, NULL, setup, test_unreadable, teardown);
  g_test_add ("/shuati/sync/export", Fixture, NULL, setup, test_export, teardown);
  g_test_add ("/shuati/sync/crash", Fixture, NULL, setup, test_crash, teardown);
  g_test_add ("/shuati/sync/async", Fixture, NULL, setup, test_async, teardown);
  g_test_add ("/shuati/sync/reset", Fixture, NULL, setup, test_reset, teardown);
  g_test_add ("/shuati/sync/copy-progress", Fixture, NULL, setup, test_copy_progress, teardown);
  g_test_add ("/shuati/sync/import-history", Fixture, NULL, setup, test_import_history, teardown);
  g_test_add ("/shuati/sync/import-history-twice", Fixture, NULL, setup, test_import_history_twice, teardown);
  g_test_add_func ("/shuati/sync/status", test_status);

  return g_test_run ();
}
