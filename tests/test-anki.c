/* test-anki.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anki packages, as tests/data/make-anki-packages.py writes them into
 * the build folder (SHUATI_ANKI_DATA).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-anki-export.h"
#include "shuati-anki-package.h"
#include "shuati-importer.h"
#include "shuati-library.h"
#include "shuati-progress.h"
#include "shuati-store-private.h"
#include "shuati-store.h"
#include "shuati-test-utils.h"

static char *tmp_dir;

static char *
package_path (const char *name)
{
  return g_build_filename (g_getenv ("SHUATI_ANKI_DATA"), name, NULL);
}

static ShuatiImportResult *
import_package (const char  *name,
                GError     **error)
{
  g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : package_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return shuati_import_file (file, NULL, error);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static ShuatiCard *
card_by_id (ShuatiDeck *deck,
            const char *id)
{
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    if (g_str_equal (shuati_card_get_id (shuati_deck_get_card (deck, i)), id))
      return shuati_deck_get_card (deck, i);
  return NULL;
}

static const char *
question (ShuatiDeck *deck,
          const char *id)
{
  ShuatiCard *card = card_by_id (deck, id);

  g_assert_nonnull (card);
  return shuati_card_get_question (card, NULL);
}

static const char *
answer (ShuatiDeck *deck,
        const char *id)
{
  ShuatiCard *card = card_by_id (deck, id);

  g_assert_nonnull (card);
  return shuati_card_get_answer (card, NULL);
}

static gboolean
has_warning (ShuatiImportResult *result,
             const char         *text)
{
  for (guint i = 0; i < shuati_import_result_get_n_warnings (result); i++)
    if (strstr (shuati_import_result_get_warning (result, i)->message, text) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  return ids != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* Both formats hold the same notes: the cards they give are the same. */
static void
check_sample_deck (ShuatiImportResult *result)
{
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  const ShuatiAnkiSummary *summary = shuati_import_result_get_anki_summary (result);
  GPtrArray *media = shuati_import_result_get_media (result);
  GPtrArray *buried = NULL;
  GPtrArray *suspended = shuati_import_result_get_suspended (result, &buried);
  GArray *reviews = NULL;
  GHashTable *memories = NULL;
  const ShuatiMemory *memory;
  const char *text;

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_ANKI_PACKAGE);
  g_assert_nonnull (summary);
  /* Basic ×3 (one has an empty front), reversed ×2, cloze ×2, one with a missing image. */
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 7);
  g_assert_cmpuint (summary->n_cards, ==, 7);
  g_assert_cmpuint (summary->n_skipped, ==, 1);
  g_assert_cmpuint (summary->n_notes, ==, 6);
  g_assert_cmpuint (summary->n_note_types, ==, 4);
  g_assert_cmpuint (summary->n_decks, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 2);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "计算机");
  g_assert_cmpstr (shuati_deck_get_languages (deck)[0], ==, "zh_CN");

  /* Templates, then HTML as Markdown. */
  text = question (deck, "anki-1700000000001-0");
  g_assert_cmpstr (text, ==, "什么是 **TCP** 三次握手？");
  g_assert_cmpstr (shuati_card_get_title (card_by_id (deck, "anki-1700000000001-0"), NULL), ==, "什么是 TCP 三次握手？");
  text = answer (deck, "anki-1700000000001-0");
  g_assert_nonnull (strstr (text, "客户端发送 SYN  \n服务器回复 SYN-ACK"));
  g_assert_nonnull (strstr (text, "- 第一步\n- 第二步"));
  g_assert_nonnull (strstr (text, "    1. 嵌套"));
  g_assert_nonnull (strstr (text, "![握手图](media/diagram.png)"));
  g_assert_nonnull (strstr (text, "*(sound: syn.mp3)*"));
  g_assert_null (strstr (text, "alert"));
  g_assert_null (strstr (text, "什么是"));   /* {{FrontSide}} is not repeated */

  text = question (deck, "anki-1700000000002-0");
  g_assert_nonnull (strstr (text, "$E = mc^2$"));
  g_assert_nonnull (strstr (text, "$$\\int_0^1 x\\,dx$$"));
  text = answer (deck, "anki-1700000000002-0");
  g_assert_nonnull (strstr (text, "| 量 | 含义 |\n| --- | --- |\n| E | 能量 |"));
  g_assert_nonnull (strstr (text, "```\ndef f(x):\n    return x * 2\n```"));
  g_assert_nonnull (strstr (text, "*注意* `a*b`"));

  /* A reversed note gives two cards. */
  g_assert_cmpstr (question (deck, "anki-1700000000003-0"), ==, "apple");
  g_assert_cmpstr (question (deck, "anki-1700000000003-1"), ==, "苹果");
  g_assert_cmpstr (answer (deck, "anki-1700000000003-1"), ==, "apple");

  /* Cloze: the card's own deletion is hidden (with its hint), the others shown. */
  text = question (deck, "anki-1700000000004-0");
  g_assert_nonnull (strstr (text, "**[首都]**是中国的首都，上海是最大城市。"));
  text = answer (deck, "anki-1700000000004-0");
  g_assert_nonnull (strstr (text, "**北京**是中国的首都"));
  g_assert_nonnull (strstr (text, "地理"));
  text = question (deck, "anki-1700000000004-1");
  g_assert_nonnull (strstr (text, "北京是中国的首都，**[…]**是最大城市"));

  /* Tags: ASCII ids, hierarchy kept as dots. */
  g_assert_true (shuati_card_has_tag (card_by_id (deck, "anki-1700000000001-0"), "tcp"));
  g_assert_true (has_warning (result, "“网络::TCP” becomes “tcp”"));

  g_assert_true (has_warning (result, "missing.png"));
  g_assert_true (has_warning (result, "empty front"));
  g_assert_true (has_warning (result, "unknownfilter"));
  g_assert_true (has_warning (result, "suspended"));

  /* Only the image a card shows comes along. */
  g_assert_nonnull (media);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_cmpstr (((ShuatiImportMedia *)g_ptr_array_index (media, 0))->name, ==, "diagram.png");
  g_assert_cmpuint (g_bytes_get_size (((ShuatiImportMedia *)g_ptr_array_index (media, 0))->data), >, 8);
  g_assert_cmpuint (summary->n_media_unused, ==, 1);

  g_assert_true (has_id (suspended, "anki-1700000000003-1"));
  g_assert_true (has_id (buried, "anki-1700000000004-1"));

  /* Answers, not reschedulings; replayed through the scheduler. */
  g_assert_true (shuati_import_result_get_history (result, &reviews, &memories));
  g_assert_cmpuint (reviews->len, ==, 5);
  g_assert_cmpuint (summary->n_reviews, ==, 5);
  {
    ShuatiImportReview *first = &g_array_index (reviews, ShuatiImportReview, 0);
    ShuatiImportReview *lapse = &g_array_index (reviews, ShuatiImportReview, 2);

    g_assert_cmpstr (first->card_id, ==, "anki-1700000000001-0");
    g_assert_cmpint (first->rating, ==, SHUATI_RATING_GOOD);
    g_assert_cmpuint (first->duration_ms, ==, 8000);
    g_assert_cmpint (first->before.state, ==, SHUATI_CARD_NEW);
    g_assert_cmpint (lapse->rating, ==, SHUATI_RATING_AGAIN);
    g_assert_cmpuint (lapse->after.lapses, ==, 1);
  }
  memory = g_hash_table_lookup (memories, "anki-1700000000001-0");
  g_assert_nonnull (memory);
  g_assert_cmpuint (memory->reps, ==, 4);
  g_assert_cmpint (memory->due, >, memory->last_review);
  g_assert_cmpint (memory->state, !=, SHUATI_CARD_NEW);
  /* In review without a history: its interval stands for its stability. */
  memory = g_hash_table_lookup (memories, "anki-1700000000002-0");
  g_assert_nonnull (memory);
  g_assert_cmpint (memory->state, ==, SHUATI_CARD_REVIEW);
  g_assert_cmpfloat (memory->stability, ==, 20.0);
  g_assert_null (g_hash_table_lookup (memories, "anki-1700000000006-0"));
}

static void
test_legacy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_package ("legacy.apkg", &error);

  g_assert_no_error (error);
  check_sample_deck (result);
  g_assert_cmpuint (shuati_import_result_get_anki_summary (result)->version, ==, 1);
  g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
}

/* The latest format also holds a dummy collection.anki2 asking to update
 * Anki: the real collection is read instead, and gives the same cards. */
static void
test_latest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_package ("latest.apkg", &error);
  g_autoptr(ShuatiImportResult) legacy = import_package ("legacy.apkg", NULL);
  ShuatiDeck *deck;
  ShuatiDeck *old;

  g_assert_no_error (error);
  check_sample_deck (result);
  g_assert_cmpuint (shuati_import_result_get_anki_summary (result)->version, ==, 3);

  deck = shuati_import_result_get_deck (result);
  old = shuati_import_result_get_deck (legacy);
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);

      g_assert_null (strstr (shuati_card_get_question (card, NULL), "update"));
      g_assert_cmpstr (shuati_card_get_question (card, NULL), ==,
                       question (old, shuati_card_get_id (card)));
      g_assert_cmpstr (shuati_card_get_answer (card, NULL), ==,
                       answer (old, shuati_card_get_id (card)));
    }
  g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
}

static gboolean
has_topic (ShuatiDeck *deck,
           const char *title)
{
  GListModel *topics = shuati_deck_get_topics (deck);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

      if (g_str_equal (shuati_topic_get_title (topic, NULL), title))
        return TRUE;
    }
  return FALSE;
}

static guint
n_topics (ShuatiDeck *deck)
{
  return g_list_model_get_n_items (shuati_deck_get_topics (deck));
}

static guint
n_reviews (ShuatiImportResult *result)
{
  GArray *reviews = NULL;

  shuati_import_result_get_history (result, &reviews, NULL);
  return reviews != NULL ? reviews->len : 0;
}

/* A whole collection: each top-level Anki deck is a deck of its own, its
 * subdecks are its topics, and each deck has its own cards, images,
 * history and marks. */
static void
test_colpkg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_package ("whole.colpkg", &error);
  g_autofree char *hashed = NULL;
  ShuatiImportResult *part;
  ShuatiDeck *deck;
  GPtrArray *media;
  GPtrArray *suspended, *buried = NULL;
  GArray *reviews = NULL;
  GHashTable *memories = NULL;
  const ShuatiAnkiSummary *summary;

  g_assert_no_error (error);
  /* The result's own deck sums them all up. */
  deck = shuati_import_result_get_deck (result);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 8);
  summary = shuati_import_result_get_anki_summary (result);
  g_assert_cmpuint (summary->n_skipped, ==, 1);
  g_assert_cmpuint (summary->n_reviews, ==, 8);
  g_assert_cmpuint (summary->n_media, ==, 1);
  g_assert_cmpuint (summary->n_media_unused, ==, 1);

  /* Four decks with cards, by name. "C#" and "C++" both slug to "c";
   * a name without ASCII letters gets a hash of itself. */
  g_assert_cmpuint (shuati_import_result_get_n_parts (result), ==, 4);

  part = shuati_import_result_get_part (result, 0);
  deck = shuati_import_result_get_deck (part);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "C#");
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "c");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 1);
  g_assert_cmpstr (question (deck, "anki-1700000000013-0"), ==, "What is LINQ?");
  g_assert_cmpuint (n_reviews (part), ==, 0);
  g_assert_false (shuati_import_result_get_history (part, NULL, NULL));
  g_assert_cmpuint (shuati_import_result_get_media (part)->len, ==, 0);

  part = shuati_import_result_get_part (result, 1);
  deck = shuati_import_result_get_deck (part);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "C++");
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "c-2");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 1);
  g_assert_cmpuint (n_reviews (part), ==, 1);
  suspended = shuati_import_result_get_suspended (part, &buried);
  g_assert_cmpuint (suspended->len, ==, 0);
  g_assert_true (has_id (buried, "anki-1700000000012-0"));
  g_assert_cmpuint (shuati_import_result_get_anki_summary (part)->n_buried, ==, 1);

  part = shuati_import_result_get_part (result, 2);
  deck = shuati_import_result_get_deck (part);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "English");
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "english");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  /* Its own cards make a topic named after it; the empty subdeck none. */
  g_assert_cmpuint (n_topics (deck), ==, 2);
  g_assert_true (has_topic (deck, "English"));
  g_assert_true (has_topic (deck, "Grammar"));
  g_assert_cmpstr (shuati_card_get_topic_id (card_by_id (deck, "anki-1700000000011-0")), ==, "anki-deck-22");
  g_assert_true (shuati_card_has_tag (card_by_id (deck, "anki-1700000000011-0"), "grammar"));
  g_assert_cmpstr (answer (deck, "anki-1700000000011-0"), ==, "went $x^2$");
  g_assert_nonnull (strstr (question (deck, "anki-1700000000010-0"), "](media/diagram.png)"));
  media = shuati_import_result_get_media (part);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_cmpstr (((ShuatiImportMedia *)g_ptr_array_index (media, 0))->name, ==, "diagram.png");
  g_assert_true (shuati_import_result_get_history (part, &reviews, &memories));
  g_assert_cmpuint (reviews->len, ==, 2);
  for (guint i = 0; i < reviews->len; i++)
    g_assert_cmpstr (g_array_index (reviews, ShuatiImportReview, i).card_id, ==, "anki-1700000000010-0");
  g_assert_cmpuint (g_hash_table_size (memories), ==, 1);
  g_assert_cmpuint (((ShuatiMemory *)g_hash_table_lookup (memories, "anki-1700000000010-0"))->reps, ==, 2);
  suspended = shuati_import_result_get_suspended (part, &buried);
  g_assert_true (has_id (suspended, "anki-1700000000011-0"));
  g_assert_cmpuint (suspended->len, ==, 1);
  g_assert_cmpuint (buried->len, ==, 0);
  g_assert_cmpuint (shuati_import_result_get_anki_summary (part)->n_notes, ==, 2);
  g_assert_cmpuint (shuati_import_result_get_anki_summary (part)->n_decks, ==, 2);

  part = shuati_import_result_get_part (result, 3);
  deck = shuati_import_result_get_deck (part);
  hashed = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "计算机", -1);
  hashed[10] = '\0';
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "计算机");
  g_assert_true (g_str_has_prefix (shuati_deck_get_id (deck), "anki-"));
  g_assert_cmpstr (shuati_deck_get_id (deck) + 5, ==, hashed);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 4);
  g_assert_cmpuint (n_topics (deck), ==, 2);
  g_assert_true (has_topic (deck, "网络"));
  g_assert_true (has_topic (deck, "算法"));
  g_assert_cmpstr (shuati_deck_get_languages (deck)[0], ==, "zh_CN");
  g_assert_cmpstr (question (deck, "anki-1700000000001-0"), ==, "什么是 **TCP** 三次握手？");
  g_assert_cmpuint (shuati_import_result_get_media (part)->len, ==, 1);
  g_assert_true (shuati_import_result_get_history (part, &reviews, &memories));
  g_assert_cmpuint (reviews->len, ==, 5);
  g_assert_cmpint (((ShuatiMemory *)g_hash_table_lookup (memories, "anki-1700000000002-0"))->state, ==,
                   SHUATI_CARD_REVIEW);
  g_assert_null (g_hash_table_lookup (memories, "anki-1700000000010-0"));
  suspended = shuati_import_result_get_suspended (part, &buried);
  g_assert_true (has_id (suspended, "anki-1700000000003-1"));
  g_assert_cmpuint (suspended->len, ==, 1);

  /* Decks with no card to import make no deck, and say so; Anki's own
   * empty "Default" deck goes unsaid. */
  g_assert_true (has_warning (result, "the Anki deck “Empty” has no cards to import"));
  g_assert_true (has_warning (result, "the Anki deck “Skipped” has no cards to import"));
  g_assert_true (has_warning (result, "empty front"));
  g_assert_false (has_warning (result, "“Default”"));
  g_assert_true (has_warning (result, "stays suspended") || has_warning (result, "stay suspended"));
  g_assert_true (has_warning (result, "stay hidden until tomorrow") || has_warning (result, "stays hidden until tomorrow"));
  g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
}

/* A collection of one deck makes that deck, with the id of its name, not
 * of the file's; a package of one deck keeps the file's. */
static void
test_colpkg_one_deck (void)
{
  g_autofree char *path = package_path ("legacy.apkg");
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (mapped);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) collection = shuati_import_bytes (bytes, "collection-2026-11-29@23-59.colpkg", &error);
  g_autoptr(ShuatiImportResult) again = shuati_import_bytes (bytes, "collection-2026-12-01@08-00.COLPKG", NULL);
  g_autoptr(ShuatiImportResult) package = shuati_import_bytes (bytes, "计算机 deck.apkg", NULL);
  ShuatiDeck *deck;

  g_assert_no_error (error);
  g_assert_cmpuint (shuati_import_result_get_n_parts (collection), ==, 0);
  deck = shuati_import_result_get_deck (collection);
  g_assert_cmpstr (shuati_deck_get_title (deck, NULL), ==, "计算机");
  g_assert_true (g_str_has_prefix (shuati_deck_get_id (deck), "anki-"));
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, shuati_deck_get_id (shuati_import_result_get_deck (again)));
  g_assert_cmpstr (shuati_deck_get_id (shuati_import_result_get_deck (package)), ==, "deck");
  g_assert_cmpuint (shuati_import_result_get_n_parts (package), ==, 0);
}

/* Every deck of a collection goes into the library with its images and
 * history; importing the collection again replaces the same decks and
 * keeps the progress made since; a deck whose name the library already
 * has is refused unless told to replace it or keep both. */
static void
test_colpkg_library (void)
{
  g_autofree char *root = shuati_test_make_dir ("anki-colpkg");
  g_autofree char *decks_path = g_build_filename (root, "decks", NULL);
  g_autofree char *store_path = g_build_filename (root, "progress.db", NULL);
  g_autoptr(GFile) decks = g_file_new_for_path (decks_path);
  GFile *no_builtins[] = { NULL };
  g_autoptr(ShuatiLibrary) library = shuati_library_new_with_builtins (no_builtins, decks);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiStore) store = shuati_store_new (store_path, &error);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiImportResult) result = import_package ("whole.colpkg", NULL);
  g_autoptr(ShuatiImportResult) again = import_package ("whole.colpkg", NULL);
  g_autoptr(ShuatiImportResult) plain = NULL;
  static const char english_md[] = "# English\n\n## Hello?\n\nHi.\n";
  g_autoptr(GBytes) english = g_bytes_new_static (english_md, strlen (english_md));
  gint64 day_end = shuati_day_end (g_get_real_time () / G_USEC_PER_SEC);
  ShuatiMemory memory = { 0 };
  ShuatiDeck *deck;

  g_assert_no_error (error);

  /* A deck of the user's own that has the id "english". */
  plain = shuati_import_bytes (english, "english.md", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (shuati_import_result_get_deck (plain)), ==, "english");
  g_assert_nonnull (shuati_library_add_imported (library, plain, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < shuati_import_result_get_n_parts (result); i++)
    {
      ShuatiImportResult *part = shuati_import_result_get_part (result, i);
      const char *id = shuati_deck_get_id (shuati_import_result_get_deck (part));
      GArray *reviews = NULL;
      GHashTable *memories = NULL;
      GPtrArray *suspended, *buried = NULL;

      deck = shuati_library_add_imported (library, part, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error);
      if (g_str_equal (id, "english"))
        {
          /* The collision: nothing is written, the user's deck stays. */
          g_assert_null (deck);
          g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS);
          g_clear_error (&error);
          g_assert_cmpuint (shuati_deck_get_n_cards (shuati_library_lookup (library, "english")), ==, 1);
          deck = shuati_library_add_imported (library, part, SHUATI_LIBRARY_ADD_RENAME, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (shuati_deck_get_id (deck), ==, "english-2");
        }
      g_assert_no_error (error);
      g_assert_nonnull (deck);
      if (shuati_import_result_get_history (part, &reviews, &memories))
        g_assert_true (shuati_store_import_history (store, shuati_deck_get_id (deck), reviews, memories, NULL, &error));
      g_assert_no_error (error);
      suspended = shuati_import_result_get_suspended (part, &buried);
      g_assert_true (shuati_store_import_marks (store, shuati_deck_get_id (deck), suspended, buried, day_end, &error));
      g_assert_no_error (error);
    }

  /* Five decks: the user's and four from the collection, each with its
   * images beside it. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 5);
  {
    g_autofree char *image = g_build_filename (decks_path, "english-2", "media", "diagram.png", NULL);
    g_autofree char *none = g_build_filename (decks_path, "c", "media", "diagram.png", NULL);

    g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
  g_assert_true (shuati_store_get_memory (store, "english-2", "anki-1700000000010-0", &memory, &error));
  g_assert_cmpuint (memory.reps, ==, 2);
  g_assert_true (shuati_store_get_memory (store, "c-2", "anki-1700000000012-0", &memory, &error));
  g_assert_cmpuint (memory.reps, ==, 1);
  g_assert_true (shuati_store_is_suspended (store, "english-2", "anki-1700000000011-0"));
  g_assert_false (shuati_store_is_suspended (store, "c-2", "anki-1700000000012-0"));
  g_assert_cmpint (shuati_store_get_buried_until (store, "c-2", "anki-1700000000012-0"), ==, day_end);
  /* History lands in the deck its card is in, nowhere else. */
  g_assert_false (shuati_store_get_memory (store, "c", "anki-1700000000012-0", &memory, &error));
  g_clear_error (&error);

  /* Studied since; then the collection again: the same decks, replaced,
   * and the progress kept. */
  g_assert_cmpint (shuati_store_review_card (store, "c-2", "anki-1700000000012-0", scheduler, SHUATI_RATING_GOOD,
                                             g_get_real_time () / G_USEC_PER_SEC, 1000, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  for (guint i = 0; i < shuati_import_result_get_n_parts (again); i++)
    {
      ShuatiImportResult *part = shuati_import_result_get_part (again, i);
      const char *id = shuati_deck_get_id (shuati_import_result_get_deck (part));
      GArray *reviews = NULL;
      GHashTable *memories = NULL;
      guint n_cards = 0;

      if (g_str_equal (id, "english"))
        continue;
      g_assert_null (shuati_library_add_imported (library, part, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error));
      g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS);
      g_clear_error (&error);
      deck = shuati_library_add_imported (library, part, SHUATI_LIBRARY_ADD_REPLACE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shuati_deck_get_id (deck), ==, id);
      if (shuati_import_result_get_history (part, &reviews, &memories))
        {
          g_assert_true (shuati_store_import_history (store, id, reviews, memories, &n_cards, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (n_cards, ==, 0);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 5);
  g_assert_true (shuati_store_get_memory (store, "c-2", "anki-1700000000012-0", &memory, &error));
  g_assert_cmpuint (memory.reps, ==, 2);

  g_clear_object (&store);
  shuati_test_remove_tree (root);
}

static void
test_broken (void)
{
  static const struct {
    const char *name;
    const char *message;
  } cases[] = {
    { "broken-truncated.apkg", "collection.anki2: the entry cannot be read" },
    { "broken-bomb.apkg", "collection.anki2: the zip file unpacks to far more than it holds" },
    { "broken-no-collection.apkg", "no Anki collection in the zip file" },
    { "broken-not-sqlite.apkg", "collection.anki2: the collection is not an SQLite database" },
    { "broken-wrong-schema.apkg", "collection.anki2: the collection has schema version 99" },
    { "broken-corrupt-zstd.apkg", "collection.anki21b: the zstd data is damaged" },
    { "broken-fields.apkg", "has 5000 fields" },
    { "broken-two-models.apkg", "the note types (col.models) are not JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiImportResult) result = import_package (cases[i].name, &error);

      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "(imported)");
      g_assert_null (result);
      g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, cases[i].name));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      /* The temporary copy of the collection is gone too. */
      g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
    }
}

/* Bytes that are no zip at all, and zips of nothing. */
static void
test_garbage (void)
{
  static const char * const inputs[] = {
    "PK\x03\x04",
    "PK\x03\x04\x14\x00\x00\x00\x08\x00garbage garbage garbage garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiImportResult) result = shuati_import_bytes (bytes, "x.apkg", &error);

      g_assert_null (result);
      g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "x.apkg: "));
    }
}

/* Adding the deck writes its images beside it, and only there; an image
 * named by a path is never written. */
static void
test_library_media (void)
{
  g_autofree char *root = shuati_test_make_dir ("anki-library");
  g_autofree char *decks_path = g_build_filename (root, "decks", NULL);
  g_autoptr(GFile) decks = g_file_new_for_path (decks_path);
  GFile *no_builtins[] = { NULL };
  g_autoptr(ShuatiLibrary) library = shuati_library_new_with_builtins (no_builtins, decks);
  g_autoptr(ShuatiImportResult) result = import_package ("legacy.apkg", NULL);
  g_autoptr(ShuatiImportResult) evil = import_package ("broken-media-path.apkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *image = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *escaped = g_build_filename (root, "evil.png", NULL);
  gsize length = 0;
  ShuatiDeck *deck;

  deck = shuati_library_add_imported (library, result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error);
  g_assert_no_error (error);
  image = g_build_filename (decks_path, shuati_deck_get_id (deck), "media", "diagram.png", NULL);
  g_assert_true (g_file_get_contents (image, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (((ShuatiImportMedia *)g_ptr_array_index (shuati_import_result_get_media (result), 0))->data));
  g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
  /* The deck file and its folder, nothing else. */
  g_assert_cmpuint (count_entries (decks_path), ==, 2);

  g_assert_nonnull (evil);
  g_assert_cmpuint (shuati_import_result_get_media (evil)->len, ==, 0);
  g_assert_true (has_warning (evil, "../../evil.png"));
  g_assert_nonnull (shuati_library_add_imported (library, evil, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));

  shuati_test_remove_tree (root);
}

/* The history goes in once; a second import keeps the progress made. */
static void
test_store_history (void)
{
  g_autofree char *root = shuati_test_make_dir ("anki-store");
  g_autofree char *path = g_build_filename (root, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiStore) store = shuati_store_new (path, &error);
  g_autoptr(ShuatiImportResult) result = import_package ("legacy.apkg", NULL);
  g_autoptr(ShuatiImportResult) again = import_package ("legacy.apkg", NULL);
  g_autoptr(GHashTable) loaded = NULL;
  GArray *reviews = NULL;
  GHashTable *memories = NULL;
  ShuatiMemory memory = { 0 };
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  const ShuatiMemory *expected;
  guint n_cards = 0;
  GPtrArray *suspended, *buried = NULL;
  g_autoptr(GHashTable) marked = NULL;
  gint64 day_end = shuati_day_end (g_get_real_time () / G_USEC_PER_SEC);

  g_assert_no_error (error);
  g_assert_true (shuati_import_result_get_history (result, &reviews, &memories));
  g_assert_true (shuati_store_import_history (store, "legacy", reviews, memories, &n_cards, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, g_hash_table_size (memories));

  g_assert_true (shuati_store_get_memory (store, "legacy", "anki-1700000000001-0", &memory, &error));
  expected = g_hash_table_lookup (memories, "anki-1700000000001-0");
  g_assert_cmpint (memory.due, ==, expected->due);
  g_assert_cmpuint (memory.reps, ==, 4);

  /* Studied since: a re-import leaves that alone. */
  g_assert_cmpint (shuati_store_review_card (store, "legacy", "anki-1700000000001-0", scheduler, SHUATI_RATING_GOOD,
                                             g_get_real_time () / G_USEC_PER_SEC, 1000, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (shuati_import_result_get_history (again, &reviews, &memories));
  g_assert_true (shuati_store_import_history (store, "legacy", reviews, memories, &n_cards, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards, ==, 0);
  g_assert_true (shuati_store_get_memory (store, "legacy", "anki-1700000000001-0", &memory, &error));
  g_assert_cmpuint (memory.reps, ==, 5);

  g_assert_true (shuati_store_load_deck (store, "legacy", &loaded, &error));
  g_assert_cmpuint (g_hash_table_size (loaded), ==, g_hash_table_size (memories));

  /* Suspended cards stay suspended; buried ones come back tomorrow. */
  suspended = shuati_import_result_get_suspended (result, &buried);
  g_assert_true (shuati_store_import_marks (store, "legacy", suspended, buried, day_end, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_is_suspended (store, "legacy", "anki-1700000000003-1"));
  g_assert_false (shuati_store_is_suspended (store, "legacy", "anki-1700000000004-1"));
  g_assert_false (shuati_store_is_suspended (store, "legacy", "anki-1700000000001-0"));
  g_assert_cmpint (shuati_store_get_buried_until (store, "legacy", "anki-1700000000004-1"), ==, day_end);
  g_assert_cmpint (shuati_store_get_buried_until (store, "legacy", "anki-1700000000003-1"), ==, 0);
  marked = shuati_store_load_buried (store, "legacy", day_end - 1, &error);
  g_assert_true (g_hash_table_contains (marked, "anki-1700000000004-1"));
  g_clear_pointer (&marked, g_hash_table_unref);
  marked = shuati_store_load_buried (store, "legacy", day_end, &error);
  g_assert_false (g_hash_table_contains (marked, "anki-1700000000004-1"));
  g_clear_pointer (&marked, g_hash_table_unref);

  /* Nothing to mark is no error; a store that cannot keep marks is. */
  g_assert_true (shuati_store_import_marks (store, "legacy", NULL, NULL, day_end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (shuati_store_get_database (store), "DROP TABLE marks", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (shuati_store_import_marks (store, "legacy", NULL, buried, day_end, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_FAILED);

  g_clear_object (&store);
  shuati_test_remove_tree (root);
}

/* Exported fields are HTML Anki shows formatted, and read back as the
 * same Markdown; the key points are the answer's numbered items. */
static void
test_export_fields (void)
{
  static const char * const texts[] = {
    "什么是 **TCP** 三次握手？",
    "三步：\n\n1. 客户端发 *SYN*\n2. 服务端回 SYN-ACK\n3. 客户端发 ACK",
    "Use `a < b && c`.",
    "质能方程 $E = mc^2$，其中 $a < b$。",
    "$$\\int_0^1 x\\,dx = \\frac{1}{2}$$",
    "",
  };
  g_autofree char *html = shuati_anki_field_to_html (texts[1]);
  g_autofree char *points = shuati_anki_points_to_html (texts[1]);
  g_autofree char *none = shuati_anki_points_to_html ("No list, just **text**.");
  g_autofree char *escaped = shuati_anki_points_to_html ("1. a <b> & c");

  g_assert_nonnull (strstr (html, "<ol>"));
  g_assert_nonnull (strstr (html, "<li>客户端发 <em>SYN</em></li>"));
  g_assert_cmpstr (points, ==, "<ol><li>客户端发 SYN</li><li>服务端回 SYN-ACK</li><li>客户端发 ACK</li></ol>");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (escaped, ==, "<ol><li>a &lt;b&gt; &amp; c</li></ol>");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *field = shuati_anki_field_to_html (texts[i]);
      g_autofree char *back = shuati_anki_html_to_markdown (field, NULL, NULL, NULL);

      g_test_message ("%s → %s → %s", texts[i], field, back);
      g_assert_cmpstr (back, ==, texts[i]);
    }
  {
    g_autofree char *field = shuati_anki_field_to_html (texts[0]);

    g_assert_cmpstr (field, ==, "<p>什么是 <strong>TCP</strong> 三次握手？</p>");
  }
  /* Formulas as Anki's MathJax reads them, not md4c's own elements. */
  {
    g_autofree char *inline_math = shuati_anki_field_to_html (texts[3]);
    g_autofree char *display = shuati_anki_field_to_html (texts[4]);

    g_assert_cmpstr (inline_math, ==, "<p>质能方程 \\(E = mc^2\\)，其中 \\(a &lt; b\\)。</p>");
    g_assert_cmpstr (display, ==, "<p>\\[\\int_0^1 x\\,dx = \\frac{1}{2}\\]</p>");
  }
}

/* Shuati → .apkg → Shuati keeps formulas, inline and displayed, and
 * images. */
static void
test_round_trip_formulas (void)
{
  static const char bank[] =
    "# Formulas\n\n"
    "## Softmax\n\n"
    "What is $\\mathrm{softmax}(x)_i$?\n\n"
    "**Answer:**\n\n"
    "$$\\mathrm{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$\n\n"
    "## Attention\n\n"
    "Scaled by $\\sqrt{d_k}$ when $d_k > 1$?\n\n"
    "**Answer:**\n\n"
    "Yes: $QK^T / \\sqrt{d_k}$, and $a_1 * b_2 < c$.\n\n"
    "## Heads\n\n"
    "Which picture shows the heads?\n\n"
    "**Answer:**\n\n"
    "![多头注意力](media/heads.png)\n";
  g_autofree char *root = shuati_test_make_dir ("anki-formulas");
  g_autofree char *package_file = g_build_filename (root, "formulas.apkg", NULL);
  g_autofree char *media_path = g_build_filename (root, "media", NULL);
  g_autofree char *image_path = g_build_filename (media_path, "heads.png", NULL);
  g_autoptr(GFile) media_dir = g_file_new_for_path (media_path);
  g_autoptr(GFile) package = g_file_new_for_path (package_file);
  GPtrArray *media;
  g_autoptr(GBytes) bytes = g_bytes_new_static (bank, strlen (bank));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) source = shuati_import_bytes (bytes, "formulas.md", &error);
  g_autoptr(ShuatiImportResult) result = NULL;
  ShuatiDeck *deck;
  ShuatiDeck *copy;
  guint n_formulas = 0;

  g_assert_no_error (error);
  deck = shuati_import_result_get_deck (source);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  g_assert_cmpint (g_mkdir (media_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (image_path, "\x89PNG heads", 10, NULL));
  g_assert_true (shuati_anki_export (deck, NULL, NULL, media_dir, package, NULL, &error));
  g_assert_no_error (error);

  result = import_package (package_file, &error);
  g_assert_no_error (error);
  copy = shuati_import_result_get_deck (result);
  g_assert_cmpuint (shuati_deck_get_n_cards (copy), ==, 3);
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      ShuatiCard *back = card_by_id (copy, shuati_card_get_id (card));

      g_assert_nonnull (back);
      g_test_message ("%s / %s", shuati_card_get_question (back, NULL), shuati_card_get_answer (back, NULL));
      g_assert_cmpstr (shuati_card_get_question (back, NULL), ==, shuati_card_get_question (card, NULL));
      g_assert_cmpstr (shuati_card_get_answer (back, NULL), ==, shuati_card_get_answer (card, NULL));
      n_formulas += strstr (shuati_card_get_question (back, NULL), "$") != NULL;
      n_formulas += strstr (shuati_card_get_answer (back, NULL), "$$") != NULL;
    }
  /* Both questions have a formula, one answer a displayed one. */
  g_assert_cmpuint (n_formulas, ==, 3);
  g_assert_nonnull (strstr (shuati_card_get_answer (card_by_id (copy, shuati_card_get_id (shuati_deck_get_card (deck, 0))), NULL),
                            "$$\\mathrm{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$"));

  /* The image a card shows goes to Anki under its own name, as Anki's
   * media are, and comes back. */
  media = shuati_import_result_get_media (result);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_cmpstr (((ShuatiImportMedia *)g_ptr_array_index (media, 0))->name, ==, "heads.png");
  g_assert_cmpuint (g_bytes_get_size (((ShuatiImportMedia *)g_ptr_array_index (media, 0))->data), ==, 10);

  shuati_test_remove_tree (root);
}

/* Shuati → .apkg → Shuati: cards, topics, tags, images and history. */
static void
test_round_trip (void)
{
  g_autofree char *root = shuati_test_make_dir ("anki-round-trip");
  g_autofree char *store_path = g_build_filename (root, "progress.db", NULL);
  g_autofree char *media_path = g_build_filename (root, "media", NULL);
  g_autofree char *image_path = g_build_filename (media_path, "图 1.png", NULL);
  g_autofree char *package_file = g_build_filename (root, "deck.apkg", NULL);
  g_autoptr(GFile) media_dir = g_file_new_for_path (media_path);
  g_autoptr(GFile) package = g_file_new_for_path (package_file);
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiStore) store = shuati_store_new (store_path, &error);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GHashTable) memories = NULL;
  GArray *imported_reviews = NULL;
  GHashTable *imported_memories = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC - 40 * 86400;
  ShuatiDeck *copy;
  GPtrArray *media;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (media_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (image_path, "\x89PNG fake", 10, NULL));

  /* Some history: three cards, a lapse among it. */
  for (guint i = 0; i < 3; i++)
    for (guint k = 0; k < 3; k++)
      {
        const char *card_id = shuati_card_get_id (shuati_deck_get_card (deck, i));
        ShuatiRating rating = (i + k) % 3 == 2 ? SHUATI_RATING_AGAIN : SHUATI_RATING_GOOD;

        g_assert_cmpint (shuati_store_review_card (store, shuati_deck_get_id (deck), card_id, scheduler, rating,
                                                   now + k * 5 * 86400 + i, 1000 + k, NULL, NULL, &error), >, 0);
        g_assert_no_error (error);
      }
  g_assert_true (shuati_store_load_history (store, shuati_deck_get_id (deck), &reviews, &memories, &error));
  g_assert_cmpuint (reviews->len, ==, 9);

  g_assert_true (shuati_anki_export (deck, reviews, memories, media_dir, package, NULL, &error));
  g_assert_no_error (error);

  result = import_package (package_file, &error);
  g_assert_no_error (error);
  copy = shuati_import_result_get_deck (result);

  g_assert_cmpstr (shuati_deck_get_title (copy, NULL), ==, shuati_deck_get_title (deck, NULL));
  g_assert_cmpuint (shuati_deck_get_n_cards (copy), ==, shuati_deck_get_n_cards (deck));
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      ShuatiCard *back = card_by_id (copy, shuati_card_get_id (card));
      ShuatiTopic *topic = shuati_deck_lookup_topic (deck, shuati_card_get_topic_id (card));
      ShuatiTopic *back_topic;
      const char * const *tags = shuati_card_get_tags (card);

      g_assert_nonnull (back);
      g_assert_cmpstr (shuati_card_get_question (back, NULL), ==, shuati_card_get_question (card, NULL));
      g_assert_cmpstr (shuati_card_get_answer (back, NULL), ==, shuati_card_get_answer (card, NULL));
      g_assert_cmpstr (shuati_card_get_explanation (back, NULL), ==, shuati_card_get_explanation (card, NULL));
      back_topic = shuati_deck_lookup_topic (copy, shuati_card_get_topic_id (back));
      g_assert_cmpstr (shuati_topic_get_title (back_topic, NULL), ==,
                       shuati_topic_get_title (topic, NULL));
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        g_assert_true (shuati_card_has_tag (back, tags[t]));
      g_assert_cmpuint (tags != NULL ? g_strv_length ((char **)tags) : 0, ==,
                        shuati_card_get_tags (back) != NULL ? g_strv_length ((char **)shuati_card_get_tags (back)) : 0);
    }

  /* Only images a card shows come back in. */
  media = shuati_import_result_get_media (result);
  g_assert_cmpuint (media->len, ==, 0);
  g_assert_cmpuint (shuati_import_result_get_anki_summary (result)->n_media_unused, ==, 1);

  g_assert_true (shuati_import_result_get_history (result, &imported_reviews, &imported_memories));
  g_assert_cmpuint (imported_reviews->len, ==, reviews->len);
  for (guint i = 0; i < reviews->len; i++)
    {
      ShuatiImportReview *a = &g_array_index (reviews, ShuatiImportReview, i);
      ShuatiImportReview *b = &g_array_index (imported_reviews, ShuatiImportReview, i);

      g_assert_cmpstr (a->card_id, ==, b->card_id);
      g_assert_cmpint (a->reviewed_at, ==, b->reviewed_at);
      g_assert_cmpint (a->rating, ==, b->rating);
      g_assert_cmpuint (a->duration_ms, ==, b->duration_ms);
      g_assert_cmpint (a->after.state, ==, b->after.state);
      g_assert_cmpfloat_with_epsilon (a->after.stability, b->after.stability, 1e-6);
    }

  g_clear_object (&store);
  shuati_test_remove_tree (root);
}

/* Templates ----------------------------------------------------------------- */

static char *
render (const char *format,
        guint       cloze,
        gboolean    answer_side,
        GPtrArray  *problems)
{
  static const char * const names[] = { "Front", "Back", "Empty", "Text" };
  static const char * const values[] = { "F", "B", " <br> ", "{{c1::x::hint}} and {{c2::y}}" };

  return shuati_anki_render_template (format, names, values, 4, cloze, answer_side, problems);
}

static void
test_templates (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  static const struct {
    const char *format;
    guint cloze;
    gboolean answer;
    const char *expected;
  } cases[] = {
    { "{{Front}}", 0, FALSE, "F" },
    { "{{text:Front}}-{{ Back }}", 0, FALSE, "F-B" },
    { "{{#Back}}[{{Back}}]{{/Back}}{{#Empty}}no{{/Empty}}", 0, FALSE, "[B]" },
    { "{{^Empty}}empty{{/Empty}}{{^Front}}no{{/Front}}", 0, FALSE, "empty" },
    { "{{FrontSide}}<hr id=answer>{{Back}}", 0, TRUE, "<hr id=answer>B" },
    { "{{cloze:Text}}", 1, FALSE, "<b>[hint]</b> and y" },
    { "{{cloze:Text}}", 2, FALSE, "x and <b>[…]</b>" },
    { "{{cloze:Text}}", 2, TRUE, "x and <b>y</b>" },
    { "{{type:Back}}", 0, FALSE, "" },
    { "{{type:Back}}", 0, TRUE, "" },
    { "{{#A}}{{#A}}x{{/A}}{{/A}}", 0, FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = render (cases[i].format, cases[i].cloze, cases[i].answer, problems);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }

  g_ptr_array_set_size (problems, 0);
  g_free (render ("{{Nope}} {{#Open}} {{/Stray}} {{!comment}} {{Front", 0, FALSE, problems));
  g_assert_cmpuint (problems->len, >=, 4);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "Nope"));
}

static void
test_html (void)
{
  g_autoptr(GHashTable) media = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  static const struct {
    const char *html;
    const char *markdown;
  } cases[] = {
    { "<b>粗体</b>和<i>斜体</i>", "**粗体**和*斜体*" },
    { "a<br>b", "a  \nb" },
    { "<div>a</div><div>b</div>", "a  \nb" },
    { "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two" },
    { "2 * 3 = 6 &amp; x_1 &lt; [y] &lt;b&gt; _a_ $5", "2 \\* 3 = 6 & x_1 < [y] \\<b> \\_a\\_ \\$5" },
    { "<style>p{}</style><script>x()</script>text", "text" },
    { "<img src=\"a b.png\" alt=\"图\">", "![图](<media/a b.png>)" },
    { "<img src=\"a%20b.png\">", "![](<media/a b.png>)" },
    { "<img src=\"/etc/passwd\">", "" },
    { "<pre><code>x = 1\n  y</code></pre>", "```\nx = 1\n  y\n```" },
    { "<b></b>empty", "empty" },
    { "\\(a_1\\) and \\[b\\]", "$a_1$ and $$b$$" },
    { "<table><tr><td>a|b</td><td><b>c</b></td></tr></table>", "| a\\|b | **c** |\n| --- | --- |" },
    { "<h2>Title</h2>body", "## Title\n\nbody" },
    { "<hr id=answer>after", "after" },
  };

  g_hash_table_add (media, (gpointer)"a b.png");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = shuati_anki_html_to_markdown (cases[i].html, media, used, problems);
      g_assert_cmpstr (out, ==, cases[i].markdown);
    }
  g_assert_true (g_hash_table_contains (used, "a b.png"));
  g_assert_cmpuint (g_hash_table_size (used), ==, 1);
}

static void
test_media_names (void)
{
  g_assert_true (shuati_anki_media_name_is_safe ("图片 1.png"));
  g_assert_true (shuati_anki_media_name_is_safe ("a..b.jpg"));
  g_assert_false (shuati_anki_media_name_is_safe (".."));
  g_assert_false (shuati_anki_media_name_is_safe ("../x.png"));
  g_assert_false (shuati_anki_media_name_is_safe ("/etc/passwd"));
  g_assert_false (shuati_anki_media_name_is_safe ("a/b.png"));
  g_assert_false (shuati_anki_media_name_is_safe ("a\\b.png"));
  g_assert_false (shuati_anki_media_name_is_safe ("C:x.png"));
  g_assert_false (shuati_anki_media_name_is_safe (".hidden"));
  g_assert_false (shuati_anki_media_name_is_safe (""));
  g_assert_false (shuati_anki_media_name_is_safe ("a\nb"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every temporary file the reader makes goes here, to be counted. */
  tmp_dir = g_dir_make_tmp ("shuati-test-anki-XXXXXX", NULL);
  g_setenv ("TMPDIR", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/anki/legacy", test_legacy);
  g_test_add_func ("/shuati/anki/latest", test_latest);
  g_test_add_func ("/shuati/anki/colpkg", test_colpkg);
  g_test_add_func ("/shuati/anki/colpkg-one-deck", test_colpkg_one_deck);
  g_test_add_func ("/shuati/anki/colpkg-library", test_colpkg_library);
  g_test_add_func ("/shuati/anki/broken", test_broken);
  g_test_add_func ("/shuati/anki/garbage", test_garbage);
  g_test_add_func ("/shuati/anki/library-media", test_library_media);
  g_test_add_func ("/shuati/anki/store-history", test_store_history);
  g_test_add_func ("/shuati/anki/round-trip", test_round_trip);
  g_test_add_func ("/shuati/anki/export-fields", test_export_fields);
  g_test_add_func ("/shuati/anki/round-trip-formulas", test_round_trip_formulas);
  g_test_add_func ("/shuati/anki/templates", test_templates);
  g_test_add_func ("/shuati/anki/html", test_html);
  g_test_add_func ("/shuati/anki/media-names", test_media_names);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
