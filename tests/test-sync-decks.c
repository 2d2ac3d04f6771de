/* test-sync-decks.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learner's own decks synced through a folder: devices simulated as
 * separate progress files and deck folders sharing one sync folder, or
 * with folders filled by hand in another order, as a sync program might.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-exporter.h"
#include "shuati-store-private.h"
#include "shuati-sync-private.h"
#include "shuati-sync.h"
#include "shuati-test-utils.h"

#define N_DEVICES 4

typedef ShuatiTestDevice Device;

typedef struct
{
  char   *base;
  char   *folder;
  GFile  *builtin;
  Device  dev[N_DEVICES];
} Fixture;

/* A device with its own progress file and decks folder, writing to
 * @folder (the shared one when NULL). */
static void
device_open (Fixture    *f,
             guint       i,
             const char *folder)
{
  g_autofree char *path = g_strdup_printf ("%s/device-%u/progress.db", f->base, i);
  g_autofree char *decks = g_strdup_printf ("%s/device-%u/decks", f->base, i);
  g_autoptr(GFile) decks_dir = g_file_new_for_path (decks);

  shuati_test_device_open (&f->dev[i], path, folder != NULL ? folder : f->folder,
                           shuati_library_new (f->builtin, decks_dir));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *mini = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);

  f->base = shuati_test_make_dir ("sync-decks");
  f->folder = g_build_filename (f->base, "folder", NULL);
  f->builtin = g_file_new_for_path (mini);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  for (guint i = 0; i < N_DEVICES; i++)
    shuati_test_device_clear (&f->dev[i]);
  shuati_test_remove_tree (f->base);
  g_free (f->base);
  g_free (f->folder);
  g_clear_object (&f->builtin);
}

static char *
deck_json (const char *id,
           const char *title,
           const char *q1,
           const char *q2)
{
  return g_strdup_printf ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"%s\","
                          " \"languages\": [\"en\"], \"title\": {\"en\": \"%s\"},"
                          " \"topics\": [{\"id\": \"t\", \"title\": {\"en\": \"T\"}}],"
                          " \"cards\": ["
                          "  {\"id\": \"c1\", \"topic\": \"t\", \"title\": {\"en\": \"One\"},"
                          "   \"question\": {\"en\": \"%s\"}, \"answer\": {\"en\": \"A1\"}},"
                          "  {\"id\": \"c2\", \"topic\": \"t\", \"title\": {\"en\": \"Two\"},"
                          "   \"question\": {\"en\": \"%s\"}, \"answer\": {\"en\": \"A2\"}}]}",
                          id, title, q1, q2);
}

static void
save (Device     *d,
      const char *id,
      const char *title,
      const char *q1,
      const char *q2)
{
  g_autofree char *json = deck_json (id, title, q1, q2);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (shuati_library_save_deck (d->library, deck, NULL, &error));
  g_assert_no_error (error);
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

/* The deck as the device's library has it, in the deck format; NULL
 * when it has none of that id. */
static char *
deck_text (Device     *d,
           const char *id)
{
  ShuatiDeck *deck = shuati_library_lookup (d->library, id);
  g_autoptr(GBytes) bytes = NULL;

  if (deck == NULL)
    return NULL;
  bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Copies @name from the shared folder's @sub to the same place in @to. */
static void
copy_in (Fixture    *f,
         const char *sub,
         const char *name,
         const char *to)
{
  g_autofree char *from = g_build_filename (f->folder, sub, name, NULL);
  g_autofree char *dir = g_build_filename (to, sub, NULL);
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (target, data, length, NULL));
}

/* Copies every deck file of the shared folder to @to. */
static void
copy_deck_files (Fixture    *f,
                 const char *to)
{
  g_autofree char *dir = g_build_filename (f->folder, "decks", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    copy_in (f, "decks", name, to);
}

static void
copy_journal (Fixture    *f,
              Device     *d,
              const char *to)
{
  g_autofree char *sub = g_build_filename ("devices", shuati_sync_get_device_id (d->sync), NULL);

  copy_in (f, sub, "journal-1.jsonl", to);
}

/* A deck made on one device appears on the other as it is; the built-in
 * deck is never written to the folder; a save reaches the other. */
static void
test_added (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *decks = g_build_filename (f->folder, "decks", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  save (&f->dev[0], "mine", "Mine", "Q1", "Q2");
  g_assert_cmpuint (count_files (decks), ==, 1);

  g_assert_null (shuati_library_lookup (f->dev[1].library, "mine"));
  g_assert_cmpuint (merge (&f->dev[1]), ==, 1);
  a = deck_text (&f->dev[0], "mine");
  b = deck_text (&f->dev[1], "mine");
  g_assert_nonnull (b);
  g_assert_cmpstr (a, ==, b);
  /* Applying it told no one: no new file, no new line. */
  g_assert_cmpuint (count_files (decks), ==, 1);
  g_assert_cmpuint (merge (&f->dev[0]), ==, 0);

  save (&f->dev[1], "mine", "Mine", "Q1 changed", "Q2");
  g_assert_cmpuint (count_files (decks), ==, 2);
  g_assert_cmpuint (merge (&f->dev[0]), ==, 1);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  a = deck_text (&f->dev[0], "mine");
  b = deck_text (&f->dev[1], "mine");
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "Q1 changed"));
  /* A change no device missed: no copy of the card kept. */
  g_assert_null (strstr (a, "conflict"));

  /* Nothing of the built-in deck went to the folder. */
  g_assert_cmpuint (count_files (decks), ==, 2);
  g_assert_true (shuati_library_is_builtin (f->dev[0].library, "mini"));
}

/* Decks made before sync was turned on go to the folder when it is. */
static void
test_existing (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_strdup_printf ("%s/device-0/decks", f->base);
  g_autofree char *path = g_build_filename (dir, "early.json", NULL);
  g_autofree char *json = deck_json ("early", "Early", "E1", "E2");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  merge (&f->dev[1]);
  a = deck_text (&f->dev[0], "early");
  b = deck_text (&f->dev[1], "early");
  g_assert_nonnull (b);
  g_assert_cmpstr (a, ==, b);
}

/* Three devices change the same deck between merges: two the same card,
 * the third another. All end with the same deck whatever order they
 * merge in, and a fourth that gets the files in another order (journals
 * before deck files, one device's after another's) too. The later write
 * of the card wins; the other is kept as a copy of the card. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *late = g_build_filename (f->base, "late", NULL);
  g_autofree char *texts[N_DEVICES] = { NULL, };
  g_autofree char *copy_id = NULL;

  for (guint i = 0; i < 3; i++)
    device_open (f, i, NULL);
  device_open (f, 3, late);
  save (&f->dev[0], "mine", "Mine", "Q1", "Q2");
  merge (&f->dev[1]);
  merge (&f->dev[2]);

  /* Device 1's clock is a minute ahead: its write is the later one. */
  shuati_sync_set_clock_offset (f->dev[1].sync, 60);
  save (&f->dev[0], "mine", "Mine", "from zero", "Q2");
  save (&f->dev[1], "mine", "Mine", "from one", "Q2");
  save (&f->dev[2], "mine", "Mine", "Q1", "two edited");

  merge (&f->dev[2]);
  merge (&f->dev[0]);
  merge (&f->dev[1]);
  for (guint i = 0; i < 3; i++)
    merge (&f->dev[i]);

  /* The fourth: device 2's journal first, then 1's, the deck files
   * last, then device 0's journal. */
  copy_journal (f, &f->dev[2], late);
  merge (&f->dev[3]);
  g_assert_null (shuati_library_lookup (f->dev[3].library, "mine"));
  copy_journal (f, &f->dev[1], late);
  merge (&f->dev[3]);
  g_assert_null (shuati_library_lookup (f->dev[3].library, "mine"));
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[3], "mine"));
  copy_deck_files (f, late);
  g_assert_true (shuati_sync_has_changes (f->dev[3].sync));
  merge (&f->dev[3]);
  g_assert_nonnull (shuati_library_lookup (f->dev[3].library, "mine"));
  copy_journal (f, &f->dev[0], late);
  merge (&f->dev[3]);

  for (guint i = 0; i < N_DEVICES; i++)
    {
      texts[i] = deck_text (&f->dev[i], "mine");
      g_assert_nonnull (texts[i]);
      if (i > 0)
        g_assert_cmpstr (texts[i], ==, texts[0]);
    }
  g_assert_nonnull (strstr (texts[0], "from one"));
  g_assert_nonnull (strstr (texts[0], "two edited"));
  /* Device 0's version of the card is kept, as a copy. */
  g_assert_nonnull (strstr (texts[0], "from zero"));
  copy_id = g_strdup_printf ("c1.conflict-%.8s-", shuati_sync_get_device_id (f->dev[0].sync));
  g_assert_nonnull (strstr (texts[0], copy_id));
  g_assert_cmpuint (shuati_deck_get_n_cards (shuati_library_lookup (f->dev[0].library, "mine")), ==, 3);

  /* Settled: no device has anything more to tell. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (merge (&f->dev[i]), ==, 0);

  /* The learner deletes the copy on one device: gone everywhere. */
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(ShuatiDeck) deck = NULL;
    g_autofree char *json = deck_json ("mine", "Mine", "from one", "two edited");

    bytes = g_bytes_new (json, strlen (json));
    deck = shuati_deck_new_from_bytes (bytes, &error);
    g_assert_no_error (error);
    g_assert_true (shuati_library_save_deck (f->dev[2].library, deck, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < 2; i++)
    merge (&f->dev[i]);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = deck_text (&f->dev[i], "mine");

      g_assert_null (strstr (text, "from zero"));
      g_assert_nonnull (strstr (text, "from one"));
      g_assert_cmpuint (shuati_deck_get_n_cards (shuati_library_lookup (f->dev[i].library, "mine")), ==, 2);
    }
}

/* A deck removed on one device goes from the other's library, to its
 * removed/ folder, from where it can be brought back. */
static void
test_removed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = g_strdup_printf ("%s/device-1/decks/removed", f->base);

  device_open (f, 0, NULL);
  device_open (f, 1, NULL);
  save (&f->dev[0], "mine", "Mine", "Q1", "Q2");
  merge (&f->dev[1]);
  g_assert_nonnull (shuati_library_lookup (f->dev[1].library, "mine"));

  g_assert_true (shuati_library_remove (f->dev[0].library, "mine", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merge (&f->dev[1]), ==, 1);
  g_assert_null (shuati_library_lookup (f->dev[1].library, "mine"));
  g_assert_cmpuint (count_files (removed), ==, 1);

  /* Brought back on the second: back on the first. */
  g_assert_nonnull (shuati_library_undo_remove (f->dev[1].library, "mine", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merge (&f->dev[0]), ==, 1);
  g_assert_nonnull (shuati_library_lookup (f->dev[0].library, "mine"));
}

/* A deck file that does not match its name (damaged, or still being
 * written) is not used and is reported; it is tried again, and the
 * right file, when it comes, is used. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->base, "other", NULL);
  g_autofree char *decks = g_build_filename (f->folder, "decks", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *good = NULL;
  gsize length;

  device_open (f, 0, NULL);
  device_open (f, 1, other);
  save (&f->dev[0], "mine", "Mine", "Q1", "Q2");

  dir = g_dir_open (decks, 0, NULL);
  name = g_strdup (g_dir_read_name (dir));
  copy_journal (f, &f->dev[0], other);
  /* The journal line before its deck file: nothing yet, no problem. */
  g_assert_cmpuint (merge (&f->dev[1]), ==, 1);
  g_assert_null (shuati_library_lookup (f->dev[1].library, "mine"));
  g_assert_false (shuati_sync_has_changes (f->dev[1].sync));
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[1], "mine"));

  /* Then a damaged one: one byte changed. */
  {
    g_autofree char *path = g_build_filename (decks, name, NULL);
    g_autofree char *dir_other = g_build_filename (other, "decks", NULL);

    g_assert_true (g_file_get_contents (path, &good, &length, NULL));
    target = g_build_filename (dir_other, name, NULL);
    g_assert_cmpint (g_mkdir_with_parents (dir_other, 0755), ==, 0);
    good[length / 2] ^= 1;
    g_assert_true (g_file_set_contents (target, good, length, NULL));
    good[length / 2] ^= 1;
  }
  g_assert_true (shuati_sync_has_changes (f->dev[1].sync));
  merge (&f->dev[1]);
  g_assert_null (shuati_library_lookup (f->dev[1].library, "mine"));
  g_assert_true (shuati_test_device_mentions_problem (&f->dev[1], name));
  /* Tried again only when it changes. */
  g_assert_false (shuati_sync_has_changes (f->dev[1].sync));

  /* And a file of the right name that is not a deck. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("{\"a\": 1}{\"cards\": []}", 21);
    g_autofree char *sum = shuati_sync_hash_bytes (junk);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = NULL;
    char *hash = NULL;

    g_assert_true (shuati_sync_write_deck_file (other, junk, &hash, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (hash, ==, sum);
    root = shuati_sync_read_deck_file (other, hash, &error);
    g_assert_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED);
    g_assert_null (root);
    g_free (hash);
  }

  g_assert_true (g_file_set_contents (target, good, length, NULL));
  merge (&f->dev[1]);
  g_assert_nonnull (shuati_library_lookup (f->dev[1].library, "mine"));
  g_assert_false (shuati_test_device_mentions_problem (&f->dev[1], name));
}

/* A journal line naming anything but a deck file, or another folder's
 * deck, is skipped as damaged. */
static void
test_bad_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->base, "other", NULL);
  g_autofree char *dir = g_build_filename (other, "devices", "dddddddddddddddd", NULL);
  g_autofree char *journal = g_build_filename (dir, "journal-1.jsonl", NULL);
  const char *lines =
    "{\"v\":1,\"type\":\"deck-added\",\"device\":\"dddddddddddddddd\",\"seq\":1,\"ts\":5,\"deck\":\"x\",\"card\":\"\",\"hash\":\"../../etc/passwd\",\"cards\":\"\"}\n"
    "{\"v\":1,\"type\":\"deck-added\",\"device\":\"dddddddddddddddd\",\"seq\":2,\"ts\":6,\"deck\":\"../x\",\"card\":\"\",\"hash\":\"" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" "\",\"cards\":\"\"}\n"
    "{\"v\":1,\"type\":\"deck-removed\",\"device\":\"dddddddddddddddd\",\"seq\":3,\"ts\":7,\"deck\":\"gone\",\"card\":\"\"}{\"v\":1}\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (journal, lines, -1, NULL));
  device_open (f, 0, other);
  g_assert_cmpuint (merge (&f->dev[0]), ==, 0);
  g_assert_true (shuati_test_device_mentions_problem (&f->dev[0], "3 damaged lines"));
}

/* The merge alone: the same versions in any order of arrival give the
 * same deck, as they are sorted before. */
static void
test_diff (void)
{
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *diff = NULL;

  g_hash_table_insert (before, g_strdup ("a"), g_strdup ("1"));
  g_hash_table_insert (before, g_strdup ("b"), g_strdup ("2"));
  g_hash_table_insert (before, g_strdup ("c"), g_strdup ("3"));
  g_hash_table_insert (after, g_strdup ("a"), g_strdup ("1"));
  g_hash_table_insert (after, g_strdup ("b"), g_strdup ("9"));
  g_hash_table_insert (after, g_strdup ("d"), g_strdup ("4"));
  diff = shuati_sync_diff_cards (before, after);
  g_assert_cmpstr (diff, ==, "b=2 c=3 d=-");

  g_assert_true (shuati_sync_hash_is_valid ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  g_assert_false (shuati_sync_hash_is_valid ("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"));
  g_assert_false (shuati_sync_hash_is_valid ("../x"));
  g_assert_false (shuati_sync_hash_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shuati/sync/decks/added", Fixture, NULL, setup, test_added, teardown);
  g_test_add ("/shuati/sync/decks/existing", Fixture, NULL, setup, test_existing, teardown);
  g_test_add ("/shuati/sync/decks/conflict", Fixture, NULL, setup, test_conflict, teardown);
  g_test_add ("/shuati/sync/decks/removed", Fixture, NULL, setup, test_removed, teardown);
  g_test_add ("/shuati/sync/decks/damaged", Fixture, NULL, setup, test_damaged, teardown);
  g_test_add ("/shuati/sync/decks/bad-lines", Fixture, NULL, setup, test_bad_lines, teardown);
  g_test_add_func ("/shuati/sync/decks/diff", test_diff);

  return g_test_run ();
}
