/* test-deck-edit.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shuati-card-draft.h"
#include "shuati-deck-edit.h"
#include "shuati-library.h"
#include "shuati-safe-file.h"
#include "shuati-test-utils.h"

static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"mine\","
  " \"languages\": [\"zh_CN\", \"en\"],"
  " \"title\": {\"zh_CN\": \"我的\", \"en\": \"Mine\"},"
  " \"topics\": [{\"id\": \"attention\", \"title\": {\"en\": \"Attention\"}},"
  "              {\"id\": \"training\", \"title\": {\"en\": \"Training\"}}],"
  " \"cards\": ["
  "  {\"id\": \"q1\", \"number\": 1, \"topic\": \"attention\", \"created\": 1000, \"tags\": [\"frequent\"],"
  "   \"title\": {\"en\": \"Why scale\", \"zh_CN\": \"为什么缩放\"},"
  "   \"question\": {\"en\": \"Why divide by sqrt(d)?\", \"zh_CN\": \"为什么除以根号 d？\"},"
  "   \"answer\": {\"en\": \"To keep the softmax soft.\", \"zh_CN\": \"让 softmax 不饱和。\"}},"
  "  {\"id\": \"q2\", \"number\": 2, \"topic\": \"training\","
  "   \"title\": \"Warmup\", \"question\": \"为什么要 warmup？\", \"answer\": \"早期梯度不稳。\"}"
  " ]}";

typedef struct
{
  char          *dir;
  GFile         *decks_dir;
  GFile         *drafts_dir;
  ShuatiDeck    *deck;
  ShuatiLibrary *library;
  guint          changes;
} Fixture;

static ShuatiDeck *
deck_from_string (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return deck;
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

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autoptr(GFile) builtin = NULL;
  g_autofree char *corpus = shuati_test_corpus_path ();
  g_autoptr(GError) error = NULL;

  fixture->dir = shuati_test_make_dir ("deck-edit");
  fixture->decks_dir = g_file_new_build_filename (fixture->dir, "decks", NULL);
  fixture->drafts_dir = g_file_new_build_filename (fixture->dir, "drafts", NULL);
  fixture->deck = deck_from_string (deck_json);
  builtin = g_file_new_for_path (corpus);
  fixture->library = shuati_library_new (builtin, fixture->decks_dir);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (on_items_changed), fixture);
  g_assert_true (shuati_library_save_deck (fixture->library, fixture->deck, NULL, &error));
  g_assert_no_error (error);
  fixture->changes = 0;
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  shuati_safe_file_inject_no_space (-1);
  g_assert_finalize_object (fixture->library);
  g_clear_object (&fixture->deck);
  g_clear_object (&fixture->decks_dir);
  g_clear_object (&fixture->drafts_dir);
  shuati_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ShuatiDeck *
read_back (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->decks_dir, "mine.json");
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return deck;
}

static ShuatiCardDraft *
filled_draft (const char *card_id)
{
  ShuatiCardDraft *draft = shuati_card_draft_new ("mine", card_id, "en");

  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_QUESTION, "What is KV caching?\nSecond line");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_ANSWER, "Keeping the keys and values of past tokens.");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TOPIC, "training");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TAGS, "inference, memory，memory");
  return draft;
}

/* A new card gets a fresh id, the next number, the draft's texts and
 * both times; the file written reads back the same. */
static void
test_new_card (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiCardDraft) draft = filled_draft (NULL);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiDeck) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *english[] = { "en", NULL };
  ShuatiCard *card;

  id = shuati_deck_edit_put_card (edit, draft, 5000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shuati_deck_id_is_valid (id) ? id : NULL);
  g_assert_cmpstr (id, !=, "q1");
  g_assert_cmpstr (id, !=, "q2");

  deck = shuati_deck_edit_finish (edit, &bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  card = shuati_deck_lookup_card (deck, id);
  g_assert_nonnull (card);
  g_assert_cmpuint (shuati_card_get_number (card), ==, 3);
  g_assert_cmpstr (shuati_card_get_title (card, english), ==, "What is KV caching?");
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "training");
  g_assert_cmpstr (shuati_card_get_tags (card)[0], ==, "inference");
  g_assert_cmpstr (shuati_card_get_tags (card)[1], ==, "memory");
  g_assert_null (shuati_card_get_tags (card)[2]);
  g_assert_cmpint (shuati_card_get_created (card), ==, 5000);
  g_assert_cmpint (shuati_card_get_modified (card), ==, 5000);
  /* The deck the edit started from is untouched. */
  g_assert_cmpuint (shuati_deck_get_n_cards (fixture->deck), ==, 2);

  g_assert_true (shuati_library_save_deck (fixture->library, deck, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_true (shuati_library_lookup (fixture->library, "mine") == deck);

  reread = read_back (fixture);
  card = shuati_deck_lookup_card (reread, id);
  g_assert_nonnull (card);
  g_assert_cmpint (shuati_card_get_created (card), ==, 5000);
  g_assert_cmpstr (shuati_card_get_answer (card, english), ==, "Keeping the keys and values of past tokens.");
}

/* An edit changes one language of a card and keeps its id, its other
 * language, its number and when it was created. */
static void
test_edit_keeps_id (Fixture       *fixture,
                    gconstpointer  data)
{
  ShuatiCard *old = shuati_deck_lookup_card (fixture->deck, "q1");
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiCardDraft) draft = shuati_card_draft_new_for_card (fixture->deck, old, "en");
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *english[] = { "en", NULL };
  const char *chinese[] = { "zh_CN", NULL };
  ShuatiCard *card;

  g_assert_cmpstr (draft->question, ==, "Why divide by sqrt(d)?");
  g_assert_cmpstr (draft->tags, ==, "frequent");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_ANSWER, "So the softmax does not saturate.");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_EXPLANATION, "Variance grows with d.");

  id = shuati_deck_edit_put_card (edit, draft, 7000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "q1");
  deck = shuati_deck_edit_finish (edit, NULL, &error);
  g_assert_no_error (error);

  card = shuati_deck_lookup_card (deck, "q1");
  g_assert_cmpuint (shuati_card_get_number (card), ==, 1);
  g_assert_cmpstr (shuati_card_get_answer (card, english), ==, "So the softmax does not saturate.");
  g_assert_cmpstr (shuati_card_get_explanation (card, english), ==, "Variance grows with d.");
  g_assert_cmpstr (shuati_card_get_answer (card, chinese), ==, "让 softmax 不饱和。");
  g_assert_cmpint (shuati_card_get_created (card), ==, 1000);
  g_assert_cmpint (shuati_card_get_modified (card), ==, 7000);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);

  /* A card deleted meanwhile cannot be saved over. */
  g_clear_pointer (&id, g_free);
  {
    const char *ids[] = { "q1", NULL };

    g_assert_true (shuati_deck_edit_delete_cards (edit, ids, &error));
    g_assert_no_error (error);
  }
  id = shuati_deck_edit_put_card (edit, draft, 8000, &error);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_assert_null (id);
}

/* Each field's problem is told under it. */
static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ShuatiCardDraft) draft = shuati_card_draft_new ("mine", NULL, "en");
  g_autofree char *huge = g_strnfill (SHUATI_DECK_MAX_TEXT_SIZE + 1, 'x');
  char *problems[SHUATI_DRAFT_N_FIELDS];

  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_QUESTION, "  \n ");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TOPIC, "nowhere");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TAGS, "good 中文");
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_EXPLANATION, huge);
  g_assert_false (shuati_card_draft_check (draft, fixture->deck, problems));
  g_assert_nonnull (problems[SHUATI_DRAFT_FIELD_QUESTION]);
  g_assert_nonnull (problems[SHUATI_DRAFT_FIELD_ANSWER]);
  g_assert_nonnull (problems[SHUATI_DRAFT_FIELD_TOPIC]);
  g_assert_nonnull (strstr (problems[SHUATI_DRAFT_FIELD_TAGS], "中文"));
  g_assert_nonnull (problems[SHUATI_DRAFT_FIELD_EXPLANATION]);
  g_assert_null (problems[SHUATI_DRAFT_FIELD_TITLE]);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    g_free (problems[i]);

  {
    g_autoptr(ShuatiCardDraft) good = filled_draft (NULL);

    g_assert_true (shuati_card_draft_check (good, fixture->deck, problems));
    for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
      g_assert_null (problems[i]);
  }
}

/* What the browser does to several cards at once. */
static void
test_browser_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  const char *both[] = { "q1", "q2", NULL };
  const char *missing[] = { "q1", "nope", NULL };

  g_assert_true (shuati_deck_edit_set_topic (edit, both, "training", 9000, &error));
  g_assert_true (shuati_deck_edit_add_tag (edit, both, "hot", 9000, &error));
  g_assert_true (shuati_deck_edit_remove_tag (edit, both, "frequent", 9000, &error));
  g_assert_no_error (error);
  g_assert_false (shuati_deck_edit_set_topic (edit, both, "nowhere", 9000, &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC);
  g_clear_error (&error);
  g_assert_false (shuati_deck_edit_add_tag (edit, both, "-bad", 9000, &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_clear_error (&error);
  g_assert_false (shuati_deck_edit_add_tag (edit, missing, "ok", 9000, &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_clear_error (&error);
  /* A deck keeps a card. */
  g_assert_false (shuati_deck_edit_delete_cards (edit, both, &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_EMPTY);
  g_clear_error (&error);

  deck = shuati_deck_edit_finish (edit, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      ShuatiCard *card = shuati_deck_lookup_card (deck, both[i]);

      g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "training");
      g_assert_true (shuati_card_has_tag (card, "hot"));
      g_assert_false (shuati_card_has_tag (card, "frequent"));
      g_assert_cmpint (shuati_card_get_modified (card), ==, 9000);
    }

  {
    const char *first[] = { "q1", NULL };
    g_autoptr(ShuatiDeck) fewer = NULL;

    g_assert_true (shuati_deck_edit_delete_cards (edit, first, &error));
    fewer = shuati_deck_edit_finish (edit, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (shuati_deck_get_n_cards (fewer), ==, 1);
    g_assert_null (shuati_deck_lookup_card (fewer, "q1"));
    g_assert_nonnull (shuati_deck_lookup_card (fewer, "q2"));
  }
}

static void
test_topics (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rag = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *again = NULL;
  ShuatiTopic *topic;
  const char *english[] = { "en", NULL };

  rag = shuati_deck_edit_add_topic (edit, "  RAG & Retrieval ", "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rag, ==, "rag-retrieval");
  again = shuati_deck_edit_add_topic (edit, "RAG retrieval", "en", &error);
  g_assert_cmpstr (again, ==, "rag-retrieval-2");
  chinese = shuati_deck_edit_add_topic (edit, "检索增强", "zh_CN", &error);
  g_assert_cmpstr (chinese, ==, "topic");
  g_assert_null (shuati_deck_edit_add_topic (edit, "   ", "en", &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_clear_error (&error);

  g_assert_true (shuati_deck_edit_rename_topic (edit, "attention", "Self-attention", "en", &error));
  g_assert_false (shuati_deck_edit_rename_topic (edit, "nowhere", "X", "en", &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC);
  g_clear_error (&error);

  /* A topic with cards goes only when they have another to go to. */
  g_assert_false (shuati_deck_edit_delete_topic (edit, "attention", NULL, &error));
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC);
  g_clear_error (&error);
  g_assert_false (shuati_deck_edit_delete_topic (edit, "attention", "attention", &error));
  g_clear_error (&error);
  g_assert_true (shuati_deck_edit_delete_topic (edit, "attention", rag, &error));
  g_assert_true (shuati_deck_edit_delete_topic (edit, "rag-retrieval-2", NULL, &error));
  g_assert_no_error (error);

  deck = shuati_deck_edit_finish (edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (shuati_deck_lookup_topic (deck, "attention"));
  topic = shuati_deck_lookup_topic (deck, "rag-retrieval");
  g_assert_nonnull (topic);
  g_assert_cmpuint (shuati_topic_get_n_cards (topic), ==, 1);
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_lookup_card (deck, "q1")), ==, "rag-retrieval");
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 3);
  g_assert_cmpstr (shuati_topic_get_title (shuati_deck_lookup_topic (deck, "training"), english), ==, "Training");
}

/* The built-in deck is never written; its copy is a deck of one's own. */
static void
test_builtin_copy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ShuatiDeck) builtin = shuati_test_load_corpus ();
  g_autoptr(ShuatiDeckEdit) edit = NULL;
  g_autoptr(ShuatiDeck) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *base = NULL;

  /* Load the library so that it holds the built-in deck. */
  shuati_test_load_library (fixture->library);
  g_assert_true (shuati_library_is_builtin (fixture->library, shuati_deck_get_id (builtin)));
  g_assert_false (shuati_library_save_deck (fixture->library, builtin, NULL, &error));
  g_assert_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN);
  g_clear_error (&error);

  base = g_strconcat (shuati_deck_get_id (builtin), "-mine", NULL);
  id = shuati_library_dup_free_id (fixture->library, base);
  g_assert_cmpstr (id, ==, base);
  edit = shuati_deck_edit_new_copy (builtin, id);
  copy = shuati_deck_edit_finish (edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (copy), ==, id);
  g_assert_cmpuint (shuati_deck_get_n_cards (copy), ==, shuati_deck_get_n_cards (builtin));
  /* Each language's title says "my copy" in that language, whatever the
   * interface's. */
  {
    const ShuatiLocalized *titles = shuati_deck_get_localized_title (builtin);
    const ShuatiLocalized *copy_titles = shuati_deck_get_localized_title (copy);
    guint n = shuati_localized_get_n_entries (titles);

    g_assert_cmpuint (n, >=, 2);
    g_assert_cmpuint (shuati_localized_get_n_entries (copy_titles), ==, n);
    for (guint i = 0; i < n; i++)
      {
        const char *language = shuati_localized_get_language (titles, i);
        const char *original = shuati_localized_get_exact (titles, language);
        g_autofree char *expected = g_strconcat (original, g_str_has_prefix (language, "zh") ? "（我的副本）"
                                                                                            : " (my copy)", NULL);

        g_assert_cmpstr (shuati_localized_get_exact (copy_titles, language), ==, expected);
      }
  }
  {
    g_autofree char *zh = shuati_deck_edit_copy_title ("大模型面试", "zh_CN");
    g_autofree char *en = shuati_deck_edit_copy_title ("LLM Interviews", "en");
    g_autofree char *other = shuati_deck_edit_copy_title ("Entretiens", "fr");

    g_assert_cmpstr (zh, ==, "大模型面试（我的副本）");
    g_assert_cmpstr (en, ==, "LLM Interviews (my copy)");
    g_assert_cmpstr (other, ==, "Entretiens (my copy)");
  }
  g_assert_true (shuati_library_save_deck (fixture->library, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (shuati_library_is_builtin (fixture->library, id));
  g_assert_true (shuati_library_lookup (fixture->library, id) == copy);
  g_clear_pointer (&id, g_free);
  id = shuati_library_dup_free_id (fixture->library, base);
  g_assert_cmpstr (id, !=, base);
}

static void
assert_file_is_old_deck (Fixture *fixture)
{
  g_autoptr(ShuatiDeck) reread = read_back (fixture);

  g_assert_cmpuint (shuati_deck_get_n_cards (reread), ==, 2);
}

/* A full disk and a folder that cannot be made leave the deck's file,
 * and the library, as they were. */
static void
test_save_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiCardDraft) draft = filled_draft (NULL);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = shuati_deck_edit_put_card (edit, draft, 5000, &error);
  deck = shuati_deck_edit_finish (edit, NULL, &error);
  g_assert_no_error (error);

  shuati_safe_file_inject_no_space (100);
  g_assert_false (shuati_library_save_deck (fixture->library, deck, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  shuati_safe_file_inject_no_space (-1);
  g_assert_cmpuint (fixture->changes, ==, 0);
  g_assert_true (shuati_library_lookup (fixture->library, "mine") == fixture->deck);
  assert_file_is_old_deck (fixture);

  /* The drafts folder sits under a plain file: nothing can be made there. */
  {
    g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
    g_autoptr(GFile) unwritable = g_file_new_build_filename (blocker, "drafts", NULL);

    g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
    g_assert_false (shuati_card_draft_save (draft, unwritable, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);

    /* And a library whose decks folder is there cannot save. */
    {
      g_autoptr(ShuatiLibrary) other = shuati_library_new (NULL, unwritable);

      g_assert_false (shuati_library_save_deck (other, deck, NULL, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
    }
  }

  /* The draft is kept on a full disk? No: it is not written, and says so. */
  shuati_safe_file_inject_no_space (0);
  g_assert_false (shuati_card_draft_save (draft, fixture->drafts_dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  shuati_safe_file_inject_no_space (-1);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ShuatiDeck **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shuati_library_save_deck_finish (SHUATI_LIBRARY (source), result, &error);
  g_assert_no_error (error);
}

static void
test_save_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
  g_autoptr(ShuatiCardDraft) draft = filled_draft (NULL);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiDeck) saved = NULL;
  g_autoptr(ShuatiDeck) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = shuati_deck_edit_put_card (edit, draft, 5000, &error);

  deck = shuati_deck_edit_finish (edit, NULL, &error);
  shuati_library_save_deck_async (fixture->library, deck, NULL, NULL, on_saved, &saved);
  /* Until the write ends, the library keeps the old deck. */
  g_assert_true (shuati_library_lookup (fixture->library, "mine") == fixture->deck);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (saved == deck);
  g_assert_true (shuati_library_lookup (fixture->library, "mine") == deck);
  g_assert_cmpuint (fixture->changes, ==, 1);
  reread = read_back (fixture);
  g_assert_nonnull (shuati_deck_lookup_card (reread, id));
}

static void
test_drafts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ShuatiCardDraft) draft = filled_draft ("q1");
  g_autoptr(ShuatiCardDraft) loaded = NULL;
  g_autoptr(ShuatiCardDraft) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  draft->language = (g_free (draft->language), g_strdup ("zh_CN"));
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_EXPLANATION, "多行\n= 等号 [组] #井号");
  g_assert_true (shuati_card_draft_save (draft, fixture->drafts_dir, &error));
  g_assert_no_error (error);

  loaded = shuati_card_draft_load (fixture->drafts_dir, "mine", "q1", &error);
  g_assert_no_error (error);
  g_assert_true (shuati_card_draft_equal (draft, loaded));
  g_assert_cmpint (loaded->saved_at, >, 0);

  /* The new card's draft is another file. */
  none = shuati_card_draft_load (fixture->drafts_dir, "mine", NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);

  /* A file under the draft's name that holds another card's draft is
   * not taken for this one's. */
  {
    g_autoptr(ShuatiCardDraft) other = filled_draft ("q2");
    g_autoptr(GFile) other_file = shuati_card_draft_get_file (other, fixture->drafts_dir);
    g_autoptr(ShuatiCardDraft) wrong = NULL;

    file = shuati_card_draft_get_file (draft, fixture->drafts_dir);
    g_assert_true (shuati_card_draft_save (other, fixture->drafts_dir, &error));
    g_assert_true (g_file_move (other_file, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
    wrong = shuati_card_draft_load (fixture->drafts_dir, "mine", "q1", &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (wrong);
    g_clear_error (&error);
  }

  g_assert_true (shuati_card_draft_delete (draft, fixture->drafts_dir, &error));
  g_assert_false (g_file_query_exists (file, NULL));
  /* Deleting a draft that is gone is fine. */
  g_assert_true (shuati_card_draft_delete (draft, fixture->drafts_dir, &error));
  g_assert_no_error (error);
}

/* A child saves the deck over and over, two versions in turn, and is
 * killed at a random moment: the deck file is always one of the two
 * versions, whole, and the draft written before stays. */
static void
test_sigkill (Fixture       *fixture,
              gconstpointer  data)
{
  ShuatiDeck *versions[2] = { NULL, NULL };
  GBytes *bytes[2] = { NULL, NULL };
  g_autoptr(ShuatiCardDraft) draft = filled_draft (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(GFile) file = g_file_get_child (fixture->decks_dir, "mine.json");
  guint seen[2] = { 0, 0 };

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(ShuatiDeckEdit) edit = shuati_deck_edit_new (fixture->deck);
      g_autoptr(ShuatiCardDraft) bulk = filled_draft (NULL);
      g_autofree char *answer = g_strnfill (60000, v == 0 ? 'a' : 'b');

      shuati_card_draft_set_field (bulk, SHUATI_DRAFT_FIELD_ANSWER, answer);
      /* Large enough that a kill often lands mid-write. */
      for (guint i = 0; i < 20; i++)
        g_free (shuati_deck_edit_put_card (edit, bulk, 1, &error));
      versions[v] = shuati_deck_edit_finish (edit, &bytes[v], &error);
      g_assert_no_error (error);
    }
  g_assert_true (shuati_card_draft_save (draft, fixture->drafts_dir, &error));
  g_assert_true (shuati_library_save_deck (fixture->library, versions[0], bytes[0], &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 12; round++)
    {
      int status = 0;
      pid_t pid = fork ();
      g_autoptr(GBytes) contents = NULL;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint i = 0;; i++)
            if (!shuati_library_save_deck (fixture->library, versions[i % 2], bytes[i % 2], NULL))
              _exit (3);
        }
      g_usleep (g_rand_int_range (rand, 2000, 40000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      contents = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      if (g_bytes_equal (contents, bytes[0]))
        seen[0]++;
      else if (g_bytes_equal (contents, bytes[1]))
        seen[1]++;
      else
        g_error ("after a kill the deck file is neither version (%zu bytes)", g_bytes_get_size (contents));

      {
        g_autoptr(ShuatiCardDraft) kept = shuati_card_draft_load (fixture->drafts_dir, "mine", NULL, &error);

        g_assert_no_error (error);
        g_assert_true (shuati_card_draft_equal (kept, draft));
      }
    }
  g_test_message ("old version %u times, new %u times", seen[0], seen[1]);

  /* The library still reads the folder, leftover temporary files and all. */
  {
    g_autoptr(ShuatiLibrary) again = shuati_library_new (NULL, fixture->decks_dir);

    shuati_test_load_library (again);
    g_assert_nonnull (shuati_library_lookup (again, "mine"));
  }

  for (guint v = 0; v < 2; v++)
    {
      g_object_unref (versions[v]);
      g_bytes_unref (bytes[v]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shuati/deck-edit/new-card", Fixture, NULL, setup, test_new_card, teardown);
  g_test_add ("/shuati/deck-edit/edit-keeps-id", Fixture, NULL, setup, test_edit_keeps_id, teardown);
  g_test_add ("/shuati/deck-edit/check", Fixture, NULL, setup, test_check, teardown);
  g_test_add ("/shuati/deck-edit/browser-changes", Fixture, NULL, setup, test_browser_changes, teardown);
  g_test_add ("/shuati/deck-edit/topics", Fixture, NULL, setup, test_topics, teardown);
  g_test_add ("/shuati/deck-edit/builtin-copy", Fixture, NULL, setup, test_builtin_copy, teardown);
  g_test_add ("/shuati/deck-edit/save-fails", Fixture, NULL, setup, test_save_fails, teardown);
  g_test_add ("/shuati/deck-edit/save-async", Fixture, NULL, setup, test_save_async, teardown);
  g_test_add ("/shuati/card-draft/save-load-delete", Fixture, NULL, setup, test_drafts, teardown);
  g_test_add ("/shuati/deck-edit/sigkill-during-save", Fixture, NULL, setup, test_sigkill, teardown);

  return g_test_run ();
}
