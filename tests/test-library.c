/* test-library.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-importer.h"
#include "shuati-library.h"
#include "shuati-safe-file.h"
#include "shuati-test-utils.h"

typedef struct
{
  char          *dir;
  GFile         *decks_dir;
  GFile         *builtin;
  ShuatiLibrary *library;
  GArray        *progress;
  guint          changes;
} Fixture;


static void
on_progress (ShuatiLibrary *library,
             GParamSpec    *pspec,
             Fixture       *fixture)
{
  double progress = shuati_library_get_progress (library);

  g_array_append_val (fixture->progress, progress);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->changes++;
}

static ShuatiLibrary *
new_library (Fixture *fixture)
{
  ShuatiLibrary *library = shuati_library_new (fixture->builtin, fixture->decks_dir);

  g_signal_connect (library, "notify::progress", G_CALLBACK (on_progress), fixture);
  g_signal_connect (library, "items-changed", G_CALLBACK (on_items_changed), fixture);
  return library;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *corpus = shuati_test_corpus_path ();

  fixture->dir = shuati_test_make_dir ("library");
  fixture->decks_dir = g_file_new_build_filename (fixture->dir, "decks", NULL);
  fixture->builtin = g_file_new_for_path (corpus);
  fixture->progress = g_array_new (FALSE, FALSE, sizeof (double));
  fixture->library = new_library (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A finished load's worker drops its reference a moment after the
   * callback ran. */
  while (G_OBJECT (fixture->library)->ref_count > 1 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (fixture->library);
  shuati_test_remove_tree (fixture->dir);
  g_clear_object (&fixture->decks_dir);
  g_clear_object (&fixture->builtin);
  g_array_unref (fixture->progress);
  g_free (fixture->dir);
}

static ShuatiImportResult *
import_text (const char *text,
             const char *file_name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  ShuatiImportResult *result = shuati_import_bytes (bytes, file_name, &error);

  g_assert_no_error (error);
  return result;
}

/* What an add in flight comes back with. */
typedef struct
{
  ShuatiDeck *deck;
  GError     *error;
  gboolean    done;
} Added;

static void
added_clear (Added *added)
{
  g_clear_object (&added->deck);
  g_clear_error (&added->error);
  added->done = FALSE;
}

static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Added *added = user_data;

  g_assert_false (added->done);
  added->deck = shuati_library_add_imported_finish (SHUATI_LIBRARY (source), result, &added->error);
  g_assert_true ((added->deck == NULL) != (added->error == NULL));
  added->done = TRUE;
}

static void
add_async (ShuatiLibrary        *library,
           ShuatiImportResult   *result,
           ShuatiLibraryAddMode  mode,
           Added                *added)
{
  shuati_library_add_imported_async (library, result, mode, NULL, add_done, added);
  /* Never before the main context has run. */
  g_assert_false (added->done);
}

static void
wait_for_add (Added *added)
{
  while (!added->done)
    g_main_context_iteration (NULL, TRUE);
}

static ShuatiDeck *
item (ShuatiLibrary *library,
      guint          position)
{
  g_autoptr(ShuatiDeck) deck = g_list_model_get_item (G_LIST_MODEL (library), position);
  return deck;   /* the library keeps it alive */
}

static gboolean
exists (Fixture    *fixture,
        const char *relative)
{
  g_autofree char *path = g_build_filename (fixture->dir, "decks", relative, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_builtin_only (Fixture       *fixture,
                   gconstpointer  data)
{
  shuati_test_load_library (fixture->library);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->library)) == SHUATI_TYPE_DECK);
  g_assert_cmpstr (shuati_deck_get_id (item (fixture->library, 0)), ==, "llm-interview");
  g_assert_true (shuati_library_is_builtin (fixture->library, "llm-interview"));
  g_assert_cmpuint (shuati_library_get_load_errors (fixture->library)->len, ==, 0);
  g_assert_cmpfloat (shuati_library_get_progress (fixture->library), ==, 1.0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->library), 1));
}

static void
test_add_and_reload (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq1,a1\nq2,a2\n", "Zeta Deck.csv");
  g_autoptr(ShuatiImportResult) other = import_text ("question,answer\nq3,a3\n", "alpha.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiLibrary) again = NULL;
  ShuatiDeck *deck;
  guint changes;

  shuati_test_load_library (fixture->library);
  changes = fixture->changes;

  deck = shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "zeta-deck");
  g_assert_true (shuati_library_lookup (fixture->library, "zeta-deck") == deck);
  g_assert_true (exists (fixture, "zeta-deck.json"));
  g_assert_cmpuint (fixture->changes, ==, changes + 1);

  deck = shuati_library_add_imported (fixture->library, other, SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  g_assert_false (shuati_library_is_builtin (fixture->library, "alpha"));

  /* The built-in deck first, then by id. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 3);
  g_assert_cmpstr (shuati_deck_get_id (item (fixture->library, 0)), ==, "llm-interview");
  g_assert_cmpstr (shuati_deck_get_id (item (fixture->library, 1)), ==, "alpha");
  g_assert_cmpstr (shuati_deck_get_id (item (fixture->library, 2)), ==, "zeta-deck");

  /* A new library over the same folder finds the same decks. */
  again = shuati_library_new (fixture->builtin, fixture->decks_dir);
  shuati_test_load_library (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  deck = shuati_library_lookup (again, "zeta-deck");
  g_assert_nonnull (deck);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (deck, 0)), ==,
                   shuati_card_get_id (shuati_deck_get_card (shuati_import_result_get_deck (result), 0)));
  g_assert_cmpstr (shuati_deck_get_id (item (again, 1)), ==, "alpha");
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("deck%u.csv", i);
      g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", name);

      g_assert_nonnull (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));
      g_assert_no_error (error);
    }

  g_array_set_size (fixture->progress, 0);
  fixture->changes = 0;
  shuati_test_load_library (fixture->library);

  /* From 0 to 1, never backwards, with steps in between; the list
   * changes once. */
  g_assert_cmpuint (fixture->progress->len, >=, 3);
  g_assert_cmpfloat (g_array_index (fixture->progress, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (fixture->progress, double, fixture->progress->len - 1), ==, 1.0);
  for (guint i = 1; i < fixture->progress->len; i++)
    g_assert_cmpfloat (g_array_index (fixture->progress, double, i), >=,
                       g_array_index (fixture->progress, double, i - 1));
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 6);
}

static void
test_broken_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "good.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = g_build_filename (fixture->dir, "decks", "broken.json", NULL);
  g_autofree char *contents = NULL;
  GPtrArray *errors;

  g_assert_nonnull (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_file_set_contents (broken, "{ \"format\": \"shuati-deck\", ", -1, &error);
  g_assert_no_error (error);

  shuati_test_load_library (fixture->library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 2);
  errors = shuati_library_get_load_errors (fixture->library);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *)g_ptr_array_index (errors, 0))->message, "broken.json: "));

  /* Left as it was. */
  g_file_get_contents (broken, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "{ \"format\": \"shuati-deck\", ");

  /* And never overwritten by an import of the same name. */
  {
    g_autoptr(ShuatiImportResult) same = import_text ("question,answer\nq,a\n", "broken.csv");
    ShuatiDeck *deck = shuati_library_add_imported (fixture->library, same, SHUATI_LIBRARY_ADD_REPLACE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (shuati_deck_get_id (deck), ==, "broken-2");
    g_clear_pointer (&contents, g_free);
    g_file_get_contents (broken, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "{ \"format\": \"shuati-deck\", ");
  }
}

static void
test_remove_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "mine.csv");
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));

  g_assert_true (shuati_library_remove (fixture->library, "mine", &error));
  g_assert_no_error (error);
  g_assert_null (shuati_library_lookup (fixture->library, "mine"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 1);
  g_assert_false (exists (fixture, "mine.json"));
  g_assert_true (exists (fixture, "removed/mine.json"));

  deck = shuati_library_undo_remove (fixture->library, "mine", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "mine");
  g_assert_true (shuati_library_lookup (fixture->library, "mine") == deck);
  g_assert_true (exists (fixture, "mine.json"));
  g_assert_false (exists (fixture, "removed/mine.json"));

  g_assert_null (shuati_library_undo_remove (fixture->library, "mine", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_assert_false (shuati_library_remove (fixture->library, "llm-interview", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN);
  g_clear_error (&error);

  g_assert_false (shuati_library_remove (fixture->library, "nowhere", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing twice keeps both files. */
  g_assert_true (shuati_library_remove (fixture->library, "mine", &error));
  g_assert_no_error (error);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_true (shuati_library_remove (fixture->library, "mine", &error));
  g_assert_true (exists (fixture, "removed/mine.json"));
  g_assert_true (exists (fixture, "removed/mine.2.json"));
}

/* Both built-in decks, in the order given, before the learner's decks,
 * even one whose id sorts first; neither can be removed, and a user deck
 * with a built-in deck's id is skipped. */
static void
test_two_builtins (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *core_path = g_test_build_filename (G_TEST_DIST, "..", "data", "corpus", "llm-core.json", NULL);
  g_autoptr(GFile) core = g_file_new_for_path (core_path);
  GFile *builtins[] = { fixture->builtin, core, NULL };
  g_autoptr(ShuatiLibrary) library = shuati_library_new_with_builtins (builtins, fixture->decks_dir);
  g_autoptr(ShuatiImportResult) first = import_text ("question,answer\nq,a\n", "aaa.csv");
  g_autoptr(ShuatiImportResult) last = import_text ("question,answer\nq,a\n", "zzz.csv");
  g_autoptr(ShuatiImportResult) core_copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *impostor = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GPtrArray *errors;

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, last, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_nonnull (shuati_library_add_imported (fixture->library, first, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_no_error (error);
  /* A file in the decks folder that holds a deck with the id llm-core. */
  g_assert_true (g_file_get_contents (core_path, &contents, &length, NULL));
  impostor = g_build_filename (fixture->dir, "decks", "mine.json", NULL);
  g_assert_true (g_file_set_contents (impostor, contents, length, NULL));

  shuati_test_load_library (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 4);
  g_assert_cmpstr (shuati_deck_get_id (item (library, 0)), ==, "llm-interview");
  g_assert_cmpstr (shuati_deck_get_id (item (library, 1)), ==, "llm-core");
  g_assert_cmpstr (shuati_deck_get_id (item (library, 2)), ==, "aaa");
  g_assert_cmpstr (shuati_deck_get_id (item (library, 3)), ==, "zzz");
  g_assert_true (shuati_library_is_builtin (library, "llm-interview"));
  g_assert_true (shuati_library_is_builtin (library, "llm-core"));
  g_assert_false (shuati_library_is_builtin (library, "aaa"));
  g_assert_cmpuint (shuati_deck_get_n_cards (shuati_library_lookup (library, "llm-core")), >, 0);

  errors = shuati_library_get_load_errors (library);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *)g_ptr_array_index (errors, 0), SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (((GError *)g_ptr_array_index (errors, 0))->message, "mine.json"));

  g_assert_false (shuati_library_remove (library, "llm-core", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN);
  g_clear_error (&error);
  g_assert_false (shuati_library_remove (library, "llm-interview", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN);
  g_clear_error (&error);
  g_assert_nonnull (shuati_library_lookup (library, "llm-core"));

  /* A learner's deck goes after both built-in decks, and an import of
   * the second built-in deck gets an id of its own. */
  g_assert_true (shuati_library_remove (library, "aaa", &error));
  g_assert_nonnull (shuati_library_undo_remove (library, "aaa", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (item (library, 2)), ==, "aaa");
  core_copy = shuati_import_file (core, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (shuati_library_add_imported (library, core_copy, SHUATI_LIBRARY_ADD_REPLACE, &error)),
                   ==, "llm-core-2");
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (item (library, 1)), ==, "llm-core");
  g_assert_true (shuati_library_is_builtin (library, "llm-core"));
  g_assert_false (shuati_library_is_builtin (library, "llm-core-2"));
}

static void
test_id_clash (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) first = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autoptr(ShuatiImportResult) second = import_text ("question,answer\nother,b\n", "deck.csv");
  g_autoptr(ShuatiImportResult) builtin_copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *corpus = g_file_get_path (fixture->builtin);
  g_autoptr(GFile) corpus_file = g_file_new_for_path (corpus);
  ShuatiDeck *deck;

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, first, SHUATI_LIBRARY_ADD_RENAME, &error));

  /* Asked to fail: the interface can ask the user. */
  g_assert_null (shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);

  /* A fresh id, every card renamed with it. */
  deck = shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "deck-2");
  g_assert_cmpstr (shuati_card_get_deck_id (shuati_deck_get_card (deck, 0)), ==, "deck-2");
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (shuati_library_lookup (fixture->library, "deck"), 0), NULL), ==, "q");

  /* Replacing keeps the id; the old file can still be had back. */
  deck = shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "deck");
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (shuati_library_lookup (fixture->library, "deck"), 0), NULL), ==, "other");
  g_assert_true (exists (fixture, "removed/deck.json"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 3);

  /* The built-in deck is never replaced. */
  builtin_copy = shuati_import_file (corpus_file, NULL, &error);
  g_assert_no_error (error);
  deck = shuati_library_add_imported (fixture->library, builtin_copy, SHUATI_LIBRARY_ADD_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "llm-interview-2");
  g_assert_true (shuati_library_is_builtin (fixture->library, "llm-interview"));
}

static void
test_add_async (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq1,a1\nq2,a2\n", "Zeta Deck.csv");
  g_autoptr(ShuatiLibrary) again = NULL;
  Added added = { NULL, };
  ShuatiDeck *deck;
  guint changes;

  shuati_test_load_library (fixture->library);
  changes = fixture->changes;

  /* The deck joins the library when its file is written, not before. */
  add_async (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &added);
  g_assert_null (shuati_library_lookup (fixture->library, "zeta-deck"));
  g_assert_cmpuint (fixture->changes, ==, changes);
  wait_for_add (&added);
  g_assert_no_error (added.error);
  g_assert_cmpstr (shuati_deck_get_id (added.deck), ==, "zeta-deck");
  g_assert_true (shuati_library_lookup (fixture->library, "zeta-deck") == added.deck);
  g_assert_false (shuati_library_is_builtin (fixture->library, "zeta-deck"));
  g_assert_true (exists (fixture, "zeta-deck.json"));
  g_assert_cmpuint (fixture->changes, ==, changes + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 2);
  added_clear (&added);

  /* The same deck again gets a fresh id, on every card too. */
  add_async (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &added);
  wait_for_add (&added);
  g_assert_no_error (added.error);
  g_assert_cmpstr (shuati_deck_get_id (added.deck), ==, "zeta-deck-2");
  g_assert_cmpstr (shuati_card_get_deck_id (shuati_deck_get_card (added.deck, 0)), ==, "zeta-deck-2");
  g_assert_true (shuati_library_lookup (fixture->library, "zeta-deck-2") == added.deck);
  g_assert_true (exists (fixture, "zeta-deck-2.json"));
  added_clear (&added);

  /* What was written loads again. */
  again = shuati_library_new (fixture->builtin, fixture->decks_dir);
  shuati_test_load_library (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  deck = shuati_library_lookup (again, "zeta-deck");
  g_assert_nonnull (deck);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (deck, 0)), ==,
                   shuati_card_get_id (shuati_deck_get_card (shuati_import_result_get_deck (result), 0)));
  deck = shuati_library_lookup (again, "zeta-deck-2");
  g_assert_nonnull (deck);
  g_assert_cmpstr (shuati_card_get_deck_id (shuati_deck_get_card (deck, 1)), ==, "zeta-deck-2");
}

static void
test_add_async_pending (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) first = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autoptr(ShuatiImportResult) second = import_text ("question,answer\nother,b\n", "deck.csv");
  g_autoptr(GError) error = NULL;
  Added a = { NULL, };
  Added b = { NULL, };
  Added c = { NULL, };

  shuati_test_load_library (fixture->library);

  /* Three adds of decks with one id, all started before the first is in
   * the library: the first keeps the id, the second gets another, and
   * asking to fail fails, at once or in the callback. */
  add_async (fixture->library, first, SHUATI_LIBRARY_ADD_RENAME, &a);
  add_async (fixture->library, second, SHUATI_LIBRARY_ADD_RENAME, &b);
  add_async (fixture->library, second, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &c);
  g_assert_null (shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 1);

  wait_for_add (&a);
  wait_for_add (&b);
  wait_for_add (&c);
  g_assert_no_error (a.error);
  g_assert_cmpstr (shuati_deck_get_id (a.deck), ==, "deck");
  g_assert_no_error (b.error);
  g_assert_cmpstr (shuati_deck_get_id (b.deck), ==, "deck-2");
  g_assert_error (c.error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS);
  g_assert_null (c.deck);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 3);
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (shuati_library_lookup (fixture->library, "deck"), 0), NULL), ==, "q");
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (shuati_library_lookup (fixture->library, "deck-2"), 0), NULL), ==, "other");
  g_assert_false (exists (fixture, "deck-3.json"));

  added_clear (&a);
  added_clear (&b);
  added_clear (&c);
}

static void
test_add_async_failure (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autofree char *decks = g_build_filename (fixture->dir, "decks", NULL);
  g_autoptr(GError) error = NULL;
  Added added = { NULL, };

  /* A file where the decks folder should be: no deck can be written. */
  g_file_set_contents (decks, "", -1, &error);
  g_assert_no_error (error);
  fixture->changes = 0;

  add_async (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &added);
  wait_for_add (&added);
  g_assert_error (added.error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_null (shuati_library_lookup (fixture->library, "deck"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 0);
  g_assert_cmpuint (fixture->changes, ==, 0);
  added_clear (&added);

  /* The id is free again once the folder can be written. */
  g_assert_cmpint (g_unlink (decks), ==, 0);
  add_async (fixture->library, result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &added);
  wait_for_add (&added);
  g_assert_no_error (added.error);
  g_assert_cmpstr (shuati_deck_get_id (added.deck), ==, "deck");
  g_assert_true (exists (fixture, "deck.json"));
  added_clear (&added);
}

static void
test_add_async_cancelled (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Added added = { NULL, };

  shuati_test_load_library (fixture->library);
  g_cancellable_cancel (cancellable);
  shuati_library_add_imported_async (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME,
                                     cancellable, add_done, &added);
  wait_for_add (&added);
  g_assert_error (added.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (shuati_library_lookup (fixture->library, "deck"));
  g_assert_false (exists (fixture, "deck.json"));
  added_clear (&added);

  add_async (fixture->library, result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &added);
  wait_for_add (&added);
  g_assert_no_error (added.error);
  g_assert_cmpstr (shuati_deck_get_id (added.deck), ==, "deck");
  added_clear (&added);
}

/* The caller may let go of the library while a deck is being written: the
 * add still ends, and then the library goes. */
static void
test_add_async_unref (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "deck.csv");
  ShuatiLibrary *library = shuati_library_new (fixture->builtin, fixture->decks_dir);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  Added added = { NULL, };

  shuati_test_load_library (library);
  g_object_add_weak_pointer (G_OBJECT (library), (gpointer *)&library);
  add_async (library, result, SHUATI_LIBRARY_ADD_RENAME, &added);
  g_object_unref (library);
  g_assert_nonnull (library);

  wait_for_add (&added);
  g_assert_no_error (added.error);
  g_assert_cmpstr (shuati_deck_get_id (added.deck), ==, "deck");
  g_assert_true (exists (fixture, "deck.json"));
  added_clear (&added);

  while (library != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (library);
}

static void
test_missing_builtin (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/deck.json");
  g_autoptr(ShuatiLibrary) library = shuati_library_new (missing, fixture->decks_dir);
  GPtrArray *errors;

  shuati_test_load_library (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  errors = shuati_library_get_load_errors (library);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (((GError *)g_ptr_array_index (errors, 0))->message, "/nonexistent/deck.json: "));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every file under the decks folder with its contents, to prove that a
 * failed change left it exactly as it was. */
static void
snapshot_dir (GString    *out,
              const char *dir,
              const char *relative)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, child, NULL);
      g_autofree char *rel = relative ? g_build_filename (relative, child, NULL) : g_strdup (child);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_dir (out, path, rel);
      else if (g_file_get_contents (path, &contents, &length, NULL))
        {
          g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
          g_string_append_printf (out, "%s %" G_GSIZE_FORMAT " %s\n", rel, length, sum);
        }
    }
}

static char *
snapshot (Fixture *fixture)
{
  GString *out = g_string_new (NULL);
  g_autofree char *decks = g_build_filename (fixture->dir, "decks", NULL);

  snapshot_dir (out, decks, NULL);
  return g_string_free (out, FALSE);
}

static const char *
first_question (ShuatiLibrary *library,
                const char    *deck_id)
{
  ShuatiDeck *deck = shuati_library_lookup (library, deck_id);

  g_assert_nonnull (deck);
  return shuati_card_get_question (shuati_deck_get_card (deck, 0), NULL);
}

static void
assert_disk_full (const GError *error)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "The disk is full"));
}

/* A new import on a full disk: nothing on the disk, nothing in the
 * library, and the next import keeps the id. */
static void
test_full_disk_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Added added = { NULL, };
  ShuatiDeck *deck;

  shuati_test_load_library (fixture->library);
  before = snapshot (fixture);
  fixture->changes = 0;

  /* Room for a few bytes of the deck, then none: a half-written file. */
  for (gssize budget = 0; budget <= 40; budget += 40)
    {
      shuati_safe_file_inject_no_space (budget);
      g_assert_null (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));
      assert_disk_full (error);
      g_clear_error (&error);

      shuati_safe_file_inject_no_space (budget);
      add_async (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &added);
      wait_for_add (&added);
      assert_disk_full (added.error);
      added_clear (&added);
    }
  shuati_safe_file_inject_no_space (-1);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changes, ==, 0);
  g_assert_null (shuati_library_lookup (fixture->library, "deck"));

  deck = shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "deck");
  g_assert_true (exists (fixture, "deck.json"));
}

/* Replacing on a full disk keeps the old deck, in the library and on the
 * disk, and a later start still loads it. */
static void
test_full_disk_replace (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) first = import_text ("question,answer\nold,a\n", "deck.csv");
  g_autoptr(ShuatiImportResult) second = import_text ("question,answer\nnew,b\n", "deck.csv");
  g_autoptr(ShuatiLibrary) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Added added = { NULL, };

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, first, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_no_error (error);
  before = snapshot (fixture);
  fixture->changes = 0;

  for (gssize budget = 0; budget <= 40; budget += 40)
    {
      shuati_safe_file_inject_no_space (budget);
      g_assert_null (shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_REPLACE, &error));
      assert_disk_full (error);
      g_clear_error (&error);

      shuati_safe_file_inject_no_space (budget);
      add_async (fixture->library, second, SHUATI_LIBRARY_ADD_REPLACE, &added);
      wait_for_add (&added);
      assert_disk_full (added.error);
      added_clear (&added);
    }
  shuati_safe_file_inject_no_space (-1);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changes, ==, 0);
  g_assert_cmpstr (first_question (fixture->library, "deck"), ==, "old");
  /* Nothing was removed, so there is nothing to undo. */
  g_assert_null (shuati_library_undo_remove (fixture->library, "deck", &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  again = shuati_library_new (fixture->builtin, fixture->decks_dir);
  shuati_test_load_library (again);
  g_assert_cmpuint (shuati_library_get_load_errors (again)->len, ==, 0);
  g_assert_cmpstr (first_question (again, "deck"), ==, "old");

  /* With room, the replace goes through and can be undone. */
  g_assert_nonnull (shuati_library_add_imported (fixture->library, second, SHUATI_LIBRARY_ADD_REPLACE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_question (fixture->library, "deck"), ==, "new");
  g_assert_true (exists (fixture, "removed/deck.json"));
  g_assert_true (shuati_library_remove (fixture->library, "deck", &error));
  g_assert_nonnull (shuati_library_undo_remove (fixture->library, "deck", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_question (fixture->library, "deck"), ==, "new");
}

/* Undoing a removal on a full disk leaves the deck in removed/, ready
 * for another try. */
static void
test_full_disk_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "mine.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_true (shuati_library_remove (fixture->library, "mine", &error));
  g_assert_no_error (error);
  before = snapshot (fixture);
  fixture->changes = 0;

  shuati_safe_file_inject_no_space (0);
  g_assert_null (shuati_library_undo_remove (fixture->library, "mine", &error));
  shuati_safe_file_inject_no_space (-1);
  assert_disk_full (error);
  g_clear_error (&error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changes, ==, 0);
  g_assert_null (shuati_library_lookup (fixture->library, "mine"));

  g_assert_nonnull (shuati_library_undo_remove (fixture->library, "mine", &error));
  g_assert_no_error (error);
  g_assert_true (exists (fixture, "mine.json"));
}

/* An empty file an older version left on a full disk does not push the
 * next import to "<id>-2". */
static void
test_empty_leftover (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ShuatiImportResult) result = import_text ("question,answer\nq,a\n", "deck.csv");
  g_autofree char *leftover = g_build_filename (fixture->dir, "decks", "deck.json", NULL);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (fixture->decks_dir), 0700), ==, 0);
  g_file_set_contents (leftover, "", 0, &error);
  g_assert_no_error (error);
  shuati_test_load_library (fixture->library);
  g_assert_cmpuint (shuati_library_get_load_errors (fixture->library)->len, ==, 1);

  deck = shuati_library_add_imported (fixture->library, result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "deck");
  g_assert_true (exists (fixture, "deck.json"));
  g_assert_false (exists (fixture, "deck-2.json"));
}

/* Files the library does not load are reported, by name. */
static void
test_skipped_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const skipped[] = { "..json", ".hidden.json", "-dash.json", "notes.txt", "folder" };
  static const char deck[] =
    "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"ok\", \"title\": \"T\","
    " \"cards\": [{\"id\": \"c\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"a\"}]}";
  const char *dir = g_file_peek_path (fixture->decks_dir);
  g_autofree char *removed = g_build_filename (dir, "removed", NULL);
  GPtrArray *errors;

  g_assert_cmpint (g_mkdir_with_parents (removed, 0700), ==, 0);
  /* A deck's media folder is neither a deck nor a problem. */
  {
    g_autofree char *media = g_build_filename (dir, "ok", "media", NULL);

    g_assert_cmpint (g_mkdir_with_parents (media, 0700), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      g_autofree char *path = g_build_filename (dir, skipped[i], NULL);

      if (g_str_equal (skipped[i], "folder"))
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else
        g_assert_true (g_file_set_contents (path, deck, -1, NULL));
    }
  /* A save under way (or cut short by a crash) is not a deck. */
  {
    g_autofree char *tmp = g_build_filename (dir, ".ok.json.tmp-Ab12Cd", NULL);
    g_autofree char *good = g_build_filename (dir, "ok.json", NULL);

    g_assert_true (g_file_set_contents (tmp, "{", -1, NULL));
    g_assert_true (g_file_set_contents (good, deck, -1, NULL));
  }

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_lookup (fixture->library, "ok"));
  errors = shuati_library_get_load_errors (fixture->library);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (skipped));
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      g_autofree char *path = g_build_filename (dir, skipped[i], NULL);
      gboolean found = FALSE;

      for (guint j = 0; j < errors->len; j++)
        {
          GError *e = g_ptr_array_index (errors, j);

          if (g_error_matches (e, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_SKIPPED) &&
              g_str_has_prefix (e->message, path) && e->message[strlen (path)] == ':')
            found = TRUE;
        }
      if (!found)
        g_error ("%s was not reported", skipped[i]);
    }
}

static gboolean
run (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A real full disk: a 64 KiB tmpfs, where the system lets us mount one. */
static void
test_full_disk_tmpfs (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *dir = g_file_peek_path (fixture->decks_dir);
  g_autoptr(GString) big = g_string_new ("question,answer\n");
  g_autoptr(ShuatiImportResult) small = import_text ("question,answer\nold,a\n", "deck.csv");
  g_autoptr(ShuatiImportResult) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) replace_error = NULL;
  ShuatiDeck *replaced;
  ShuatiDeck *added;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir, NULL };
  const char *umount_argv[] = { "umount", dir, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (!run (mount_argv))
    {
      g_test_skip ("cannot mount a tmpfs here");
      return;
    }

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (big, "question %u,%s\n", i, "an answer long enough to fill the disk quickly, again and again");
  large = import_text (big->str, "deck.csv");

  shuati_test_load_library (fixture->library);
  g_assert_nonnull (shuati_library_add_imported (fixture->library, small, SHUATI_LIBRARY_ADD_RENAME, &error));
  g_assert_no_error (error);
  before = snapshot (fixture);

  replaced = shuati_library_add_imported (fixture->library, large, SHUATI_LIBRARY_ADD_REPLACE, &replace_error);
  added = shuati_library_add_imported (fixture->library, large, SHUATI_LIBRARY_ADD_RENAME, &error);

  after = snapshot (fixture);
  g_assert_true (run (umount_argv));

  g_assert_null (replaced);
  assert_disk_full (replace_error);
  g_assert_null (added);
  assert_disk_full (error);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (first_question (fixture->library, "deck"), ==, "old");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/shuati/library/two-builtins", test_two_builtins);
  ADD ("/shuati/library/builtin-only", test_builtin_only);
  ADD ("/shuati/library/add-and-reload", test_add_and_reload);
  ADD ("/shuati/library/progress", test_progress);
  ADD ("/shuati/library/broken-file", test_broken_file);
  ADD ("/shuati/library/remove-and-undo", test_remove_and_undo);
  ADD ("/shuati/library/id-clash", test_id_clash);
  ADD ("/shuati/library/add-async/add-and-reload", test_add_async);
  ADD ("/shuati/library/add-async/pending", test_add_async_pending);
  ADD ("/shuati/library/add-async/failure", test_add_async_failure);
  ADD ("/shuati/library/add-async/cancelled", test_add_async_cancelled);
  ADD ("/shuati/library/add-async/unref", test_add_async_unref);
  ADD ("/shuati/library/missing-builtin", test_missing_builtin);
  ADD ("/shuati/library/full-disk/import", test_full_disk_import);
  ADD ("/shuati/library/full-disk/replace", test_full_disk_replace);
  ADD ("/shuati/library/full-disk/undo-remove", test_full_disk_undo);
  ADD ("/shuati/library/full-disk/tmpfs", test_full_disk_tmpfs);
  ADD ("/shuati/library/empty-leftover", test_empty_leftover);
  ADD ("/shuati/library/skipped-files", test_skipped_files);
#undef ADD

  return g_test_run ();
}
