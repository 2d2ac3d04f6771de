/* shuati-test-utils.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
