/* shuati-test-utils.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-test-utils.h"

/**
 * shuati_test_corpus_path:
 *
 * Returns: (transfer full): the path of the built-in deck in the source
 *   tree, found through G_TEST_SRCDIR
 */
char *
shuati_test_corpus_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "corpus", "llm-interview.json", NULL);
}

/**
 * shuati_test_load_corpus:
 *
 * Loads the built-in deck from the source tree; the test fails if it
 * does not load.
 *
 * Returns: (transfer full): the deck
 */
ShuatiDeck *
shuati_test_load_corpus (void)
{
  g_autofree char *path = shuati_test_corpus_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

/**
 * shuati_test_make_dir:
 * @name: a word for the folder's name, such as "store"
 *
 * Makes an empty folder of the test's own in the temporary folder; the
 * test fails if it cannot. Remove it with shuati_test_remove_tree().
 *
 * Returns: (transfer full): the folder's path
 */
char *
shuati_test_make_dir (const char *name)
{
  g_autofree char *template = g_strdup_printf ("shuati-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  char *path;

  path = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

/**
 * shuati_test_remove_tree:
 * @path: a file or folder
 *
 * Removes @path and everything under it, read-only folders included.
 */
void
shuati_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          shuati_test_remove_tree (child);
        }
      g_dir_close (dir);
      g_chmod (path, 0700);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/**
 * shuati_test_store_new:
 * @name: a word for the scratch folder's name
 * @dir: (out) (transfer full): the scratch folder the store lives in
 * @path: (out) (optional) (transfer full): the progress file's path
 *
 * Opens a new progress store in a scratch folder of its own; the test
 * fails if it cannot. Close it with shuati_test_store_free().
 *
 * Returns: (transfer full): the store
 */
ShuatiStore *
shuati_test_store_new (const char  *name,
                       char       **dir,
                       char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  ShuatiStore *store;

  *dir = shuati_test_make_dir (name);
  file = g_build_filename (*dir, "progress.db", NULL);
  store = shuati_store_new (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return store;
}

/**
 * shuati_test_store_free:
 * @store: (transfer full): a store from shuati_test_store_new()
 * @dir: (transfer full): its folder
 *
 * Proves the test left no reference to @store, then removes its folder.
 */
void
shuati_test_store_free (ShuatiStore *store,
                        char        *dir)
{
  g_assert_finalize_object (store);
  shuati_test_remove_tree (dir);
  g_free (dir);
}

/**
 * shuati_test_deck_new_from_json:
 * @json: a deck, as a deck file holds it
 *
 * Returns: (transfer full): the deck; the test fails if it does not load
 */
ShuatiDeck *
shuati_test_deck_new_from_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

/**
 * shuati_test_card_new:
 *
 * Returns: (transfer full): a card of no deck file, each field in English
 *   naming the card and the field ("c1 field 2")
 */
ShuatiCard *
shuati_test_card_new (const char *deck_id,
                      const char *id,
                      guint       number)
{
  ShuatiLocalized *fields[SHUATI_N_FIELDS];

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      fields[i] = shuati_localized_new (1);
      shuati_localized_take (fields[i], 0, "en", g_strdup_printf ("%s field %u", id, i));
    }
  return shuati_card_new (deck_id, id, number, NULL, NULL, "en", fields);
}

static void
on_library_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shuati_library_load_finish (SHUATI_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

/**
 * shuati_test_load_library:
 *
 * Loads @library and waits for it, failing the test on any error; the
 * library says it is loading from the start, at 0, until it is done.
 */
void
shuati_test_load_library (ShuatiLibrary *library)
{
  gboolean done = FALSE;

  shuati_library_load_async (library, NULL, on_library_loaded, &done);
  g_assert_true (shuati_library_get_loading (library));
  g_assert_cmpfloat (shuati_library_get_progress (library), ==, 0.0);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (shuati_library_get_loading (library));
}

/**
 * shuati_test_device_open:
 * @path: (nullable): the progress file, or %NULL for @device's last one
 * @folder: the sync folder
 * @library: (transfer full) (nullable): the device's decks, loaded here
 *
 * Opens one simulated computer of a sync test: its own progress file,
 * scheduler and sync through @folder, and, when given, its own decks.
 */
void
shuati_test_device_open (ShuatiTestDevice *device,
                         const char       *path,
                         const char       *folder,
                         ShuatiLibrary    *library)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (device->store);
  if (path != NULL)
    {
      g_free (device->path);
      device->path = g_strdup (path);
    }
  g_assert_nonnull (device->path);
  device->store = shuati_store_new (device->path, &error);
  g_assert_no_error (error);
  device->scheduler = shuati_scheduler_new ();
  device->sync = shuati_sync_new (device->store, device->scheduler, folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (device->sync);
  device->folder = g_strdup (folder);
  device->library = library;
  if (library != NULL)
    {
      shuati_test_load_library (library);
      shuati_sync_set_library (device->sync, library);
    }
}

/**
 * shuati_test_device_close:
 *
 * Stops @device's sync and closes what it opened, checking that nothing
 * else holds it; its progress file stays, to be opened again.
 */
void
shuati_test_device_close (ShuatiTestDevice *device)
{
  if (device->sync != NULL)
    {
      shuati_sync_stop (device->sync);
      g_assert_finalize_object (device->sync);
      device->sync = NULL;
    }
  if (device->library != NULL)
    {
      g_assert_finalize_object (device->library);
      device->library = NULL;
    }
  g_clear_object (&device->scheduler);
  if (device->store != NULL)
    {
      g_assert_finalize_object (device->store);
      device->store = NULL;
    }
  g_clear_pointer (&device->folder, g_free);
}

/**
 * shuati_test_device_clear:
 *
 * Closes @device and forgets its progress file.
 */
void
shuati_test_device_clear (ShuatiTestDevice *device)
{
  shuati_test_device_close (device);
  g_clear_pointer (&device->path, g_free);
}

/**
 * shuati_test_device_mentions_problem:
 *
 * Returns: whether one of the problems @device's sync lists has @word
 */
gboolean
shuati_test_device_mentions_problem (ShuatiTestDevice *device,
                                     const char       *word)
{
  g_auto(GStrv) problems = shuati_sync_get_problems (device->sync);

  for (guint i = 0; problems[i] != NULL; i++)
    if (strstr (problems[i], word) != NULL)
      return TRUE;
  return FALSE;
}
