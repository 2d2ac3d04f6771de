/* test-deck.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "shuati-deck.h"
#include "shuati-test-utils.h"

static const char * const zh[] = { "zh_CN", NULL };
static const char * const en[] = { "en", NULL };

/* The seed's field after @label inside card @number, trimmed: the same
 * rule the corpus was made by, written again independently. */
static char *
seed_field (const char *seed,
            guint       number,
            const char *label)
{
  g_autofree char *heading = g_strdup_printf ("### %u. ", number);
  g_autofree char *next_heading = g_strdup_printf ("### %u. ", number + 1);
  static const char * const labels[] = { "**题目：**", "**答案：**", "**解析：**", NULL };
  const char *start = strstr (seed, heading);
  const char *end;
  const char *field;
  const char *field_end;

  g_assert_nonnull (start);
  end = strstr (start, next_heading);
  if (end == NULL)
    end = seed + strlen (seed);

  if (label == NULL)
    {
      field = start + strlen (heading);
      field_end = strchr (field, '\n');
    }
  else
    {
      field = g_strstr_len (start, end - start, label);
      g_assert_nonnull (field);
      field += strlen (label);
      field_end = end;
      for (guint i = 0; labels[i]; i++)
        {
          const char *other = g_strstr_len (field, end - field, labels[i]);
          if (other != NULL && other < field_end)
            field_end = other;
        }
    }

  return g_strstrip (g_strndup (field, field_end - field));
}

static void
test_corpus_loads (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  GListModel *topics;
  guint n_topics;

  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "llm-interview");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 24);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (deck)), ==, 24);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (deck)) == SHUATI_TYPE_CARD);
  g_assert_cmpstrv (shuati_deck_get_languages (deck), ((const char * const[]) { "zh_CN", "en", NULL }));

  topics = shuati_deck_get_topics (deck);
  n_topics = g_list_model_get_n_items (topics);
  g_assert_cmpuint (n_topics, >=, 4);
  g_assert_cmpuint (n_topics, <=, 6);

  /* Every card has both languages and a topic that exists; the topics'
   * counts add up to the deck. */
  {
    guint total = 0;

    for (guint i = 0; i < n_topics; i++)
      {
        g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

        g_assert_cmpuint (shuati_topic_get_n_cards (topic), >, 0);
        g_assert_true (shuati_deck_lookup_topic (deck, shuati_topic_get_id (topic)) == topic);
        g_assert_cmpstr (shuati_topic_get_title (topic, zh), !=, shuati_topic_get_title (topic, en));
        total += shuati_topic_get_n_cards (topic);
      }
    g_assert_cmpuint (total, ==, 24);
  }

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (G_LIST_MODEL (deck), i);
      g_autofree char *id = g_strdup_printf ("llm-%03u", i + 1);

      g_assert_cmpstr (shuati_card_get_id (card), ==, id);
      g_assert_cmpuint (shuati_card_get_number (card), ==, i + 1);
      g_assert_true (shuati_deck_lookup_card (deck, id) == card);
      g_assert_nonnull (shuati_deck_lookup_topic (deck, shuati_card_get_topic_id (card)));
      for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
        {
          const char *zh_text = shuati_card_get_text_exact (card, f, "zh_CN");
          const char *en_text = shuati_card_get_text_exact (card, f, "en");

          g_assert_nonnull (zh_text);
          g_assert_nonnull (en_text);
          g_assert_cmpstr (zh_text, !=, "");
          g_assert_cmpstr (en_text, !=, "");
          g_assert_cmpstr (zh_text, !=, en_text);
        }
    }

  g_assert_null (shuati_deck_lookup_card (deck, "llm-025"));
  g_assert_null (shuati_deck_lookup_topic (deck, "nowhere"));
  {
    g_autoptr(ShuatiCard) first = g_list_model_get_item (G_LIST_MODEL (deck), 0);

    g_assert_true (first == shuati_deck_get_card (deck, 0));
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (deck), 24));
    g_assert_null (shuati_deck_get_card (deck, 24));
  }
}

static void
test_corpus_matches_seed (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "data", "llm-interview-questions.md", NULL);
  g_autofree char *seed = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiCard *card;

  g_file_get_contents (seed_path, &seed, NULL, &error);
  g_assert_no_error (error);

  for (guint n = 1; n <= 23; n++)
    {
      g_autofree char *id = g_strdup_printf ("llm-%03u", n);
      g_autofree char *title = seed_field (seed, n, NULL);
      g_autofree char *question = seed_field (seed, n, "**题目：**");
      g_autofree char *answer = seed_field (seed, n, "**答案：**");
      g_autofree char *explanation = seed_field (seed, n, "**解析：**");

      card = shuati_deck_lookup_card (deck, id);
      g_assert_nonnull (card);
      g_assert_cmpstr (shuati_card_get_title (card, zh), ==, title);
      g_assert_cmpstr (shuati_card_get_question (card, zh), ==, question);
      g_assert_cmpstr (shuati_card_get_answer (card, zh), ==, answer);
      g_assert_cmpstr (shuati_card_get_explanation (card, zh), ==, explanation);
    }

  /* The last answer is cut off in the seed: the card keeps all of it and
   * completes the sentence. */
  {
    g_autofree char *cut = seed_field (seed, 24, "**答案：**");

    card = shuati_deck_lookup_card (deck, "llm-024");
    g_assert_true (g_str_has_suffix (cut, "共享教师模型和学"));
    g_assert_true (g_str_has_prefix (shuati_card_get_answer (card, zh), cut));
    g_assert_cmpuint (strlen (shuati_card_get_answer (card, zh)), >, strlen (cut));
    g_assert_cmpstr (shuati_card_get_explanation (card, zh), !=, "");
  }
}

static void
test_language_fallback (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_file (file, NULL, &error);
  const char * const fr_then_en[] = { "fr_FR", "en_US.UTF-8", NULL };
  const char * const fr[] = { "fr", NULL };
  const char * const zh_posix[] = { "zh_CN.UTF-8", "zh", "C", NULL };
  ShuatiCard *m1;
  ShuatiCard *m2;

  g_assert_no_error (error);
  m1 = shuati_deck_lookup_card (deck, "m1");
  m2 = shuati_deck_lookup_card (deck, "m2");

  /* Requested language first, by exact code or by language alone. */
  g_assert_cmpstr (shuati_card_get_question (m1, en), ==, "Question");
  g_assert_cmpstr (shuati_card_get_question (m1, fr_then_en), ==, "Question");
  g_assert_cmpstr (shuati_card_get_question (m1, zh_posix), ==, "问题");
  /* A plain string is the deck's first language. */
  g_assert_cmpstr (shuati_card_get_text_exact (m1, SHUATI_FIELD_TITLE, "zh_CN"), ==, "只有中文");
  g_assert_null (shuati_card_get_text_exact (m1, SHUATI_FIELD_TITLE, "en"));
  g_assert_cmpstr (shuati_card_get_title (m1, en), ==, "只有中文");
  /* Not in the requested language nor the first: any language. */
  g_assert_cmpstr (shuati_card_get_answer (m1, zh), ==, "Only English");
  /* Nothing requested matches: the deck's first language. */
  g_assert_cmpstr (shuati_card_get_question (m1, fr), ==, "问题");
  g_assert_cmpstr (shuati_card_get_question (m1, NULL), ==, "问题");
  /* An absent optional field reads as empty. */
  g_assert_cmpstr (shuati_card_get_explanation (m1, en), ==, "");
  g_assert_cmpstr (shuati_card_get_explanation (m2, en), ==, "E two");
  /* Without a number, a card is numbered by its place. */
  g_assert_cmpuint (shuati_card_get_number (m2), ==, 2);

  g_assert_true (shuati_language_matches ("zh", "zh_CN"));
  g_assert_true (shuati_language_matches ("zh_CN.UTF-8", "zh_CN"));
  g_assert_false (shuati_language_matches ("zh_TW", "zh_CN"));
  g_assert_false (shuati_language_matches ("z", "zh_CN"));
  g_assert_true (shuati_language_matches ("en_US", "en"));
  g_assert_false (shuati_language_matches ("en", "eo"));

  g_assert_cmpstr (shuati_deck_get_title (deck, en), ==, "Mini");
  g_assert_cmpstr (shuati_deck_get_title (deck, zh), ==, "小测");
  g_assert_cmpstr (shuati_deck_get_description (deck, en), ==, "");
}

static void
test_properties (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "mini.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_file (file, NULL, &error);
  ShuatiCard *card;
  ShuatiTopic *topic;
  g_autofree char *id = NULL;
  g_autofree char *topic_id = NULL;
  g_autofree char *answer = NULL;
  g_auto(GStrv) tags = NULL;
  guint number = 0;
  guint n_cards = 0;

  g_assert_no_error (error);

  card = g_object_ref (shuati_deck_lookup_card (deck, "m2"));
  topic = g_object_ref (shuati_deck_lookup_topic (deck, "basics"));

  g_object_get (card,
                "id", &id,
                "number", &number,
                "topic-id", &topic_id,
                "answer", &answer,
                NULL);
  g_assert_cmpstr (id, ==, "m2");
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpstr (topic_id, ==, "basics");
  /* LC_ALL=C.UTF-8 asks for no language: the deck's first. */
  g_assert_cmpstr (answer, ==, "答二");

  g_object_get (shuati_deck_lookup_card (deck, "m1"), "tags", &tags, NULL);
  g_assert_cmpstrv (tags, ((const char * const[]) { "nlp", NULL }));
  g_assert_cmpstrv (shuati_deck_get_tags (deck), ((const char * const[]) { "nlp", NULL }));

  g_object_get (topic, "n-cards", &n_cards, NULL);
  g_assert_cmpuint (n_cards, ==, 2);
  g_object_get (deck, "n-cards", &n_cards, NULL);
  g_assert_cmpuint (n_cards, ==, 2);

  /* The deck holds the only other references: nothing leaks. */
  g_assert_finalize_object (deck);
  g_assert_finalize_object (card);
  g_assert_finalize_object (topic);
}

static void
test_bom_and_bytes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", "bom.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "mini");
}

static void
test_from_node (void)
{
  g_autoptr(JsonNode) root = json_from_string ("{\"format\": \"shuati-deck\", \"version\": 1,"
                                               " \"id\": \"n\", \"title\": \"N\","
                                               " \"cards\": [{\"id\": \"a\", \"title\": \"A\","
                                               " \"question\": \"Q\", \"answer\": \"R\"}]}", NULL);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  deck = shuati_deck_new_from_node (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 1);
  /* Without "languages", text is English; without topics, cards have none. */
  g_assert_cmpstr (shuati_deck_get_first_language (deck), ==, "en");
  g_assert_null (shuati_card_get_topic_id (shuati_deck_get_card (deck, 0)));
  /* The caller's tree is left whole. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "cards")), ==, 1);
  g_assert_finalize_object (deck);

  deck = shuati_deck_new_from_node (NULL, &error);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_FORMAT);
  g_assert_null (deck);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deck.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_IO);
}

static GBytes *
deck_with_answer (const char *answer)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          "{\n  \"format\": \"shuati-deck\",\n  \"version\": 1,\n  \"id\": \"d\",\n"
                          "  \"title\": \"Deck\",\n  \"cards\": [\n    {\n      \"id\": \"c1\",\n"
                          "      \"title\": \"T\",\n      \"question\": \"Q\",\n      \"answer\": \"%s\"\n"
                          "    }\n  ]\n}\n", answer);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* A text no card needs freezes the layout: refused with its place. */
static void
test_text_limit (void)
{
  g_autofree char *at_limit = g_strnfill (SHUATI_DECK_MAX_TEXT_SIZE, 'x');
  g_autofree char *over = g_strnfill (SHUATI_DECK_MAX_TEXT_SIZE + 1, 'x');
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  ShuatiCard *card;

  bytes = deck_with_answer (at_limit);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpuint (strlen (shuati_card_get_answer (card, en)), ==, SHUATI_DECK_MAX_TEXT_SIZE);
  g_clear_object (&deck);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = deck_with_answer (over);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_assert_true (g_str_has_prefix (error->message, "11:17: a text longer than 64 KiB"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Escapes count as what they stand for: 21,846 "中" are 65,538 bytes. */
  for (guint i = 0; i < 21846; i++)
    g_string_append (escaped, "\\u4e2d");
  bytes = deck_with_answer (escaped->str);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_string_truncate (escaped, escaped->len - 6);
  bytes = deck_with_answer (escaped->str);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deck);
}

static void
test_id_pattern (void)
{
  static const char * const valid[] = { "a", "llm-001", "_x", "9", "v1.2", "a..b", "x-", "A_b-C.d" };
  static const char * const invalid[] = { "", ".", "..", "...hidden", ".x", "-x", "-", "a b", "a/b", "é", "a\n" };
  g_autofree char *longest = g_strnfill (200, 'a');
  g_autofree char *too_long = g_strnfill (201, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (shuati_deck_id_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (shuati_deck_id_is_valid (invalid[i]));
  g_assert_true (shuati_deck_id_is_valid (longest));
  g_assert_false (shuati_deck_id_is_valid (too_long));
  g_assert_false (shuati_deck_id_is_valid (NULL));
}

/* Not a file to read: refused at once, never read until memory runs out
 * or blocking on a pipe. */
static void
test_special_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) fifo = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-deck-XXXXXX", NULL);
  g_autofree char *fifo_path = g_build_filename (dir, "fifo.json", NULL);

  deck = shuati_deck_new_from_file (zero, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not an ordinary file"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  fifo = g_file_new_for_path (fifo_path);
  deck = shuati_deck_new_from_file (fifo, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_IO);
  g_clear_error (&error);

  g_unlink (fifo_path);
  g_rmdir (dir);
}

typedef struct
{
  const char *file;
  ShuatiDeckError code;
  const char *place;    /* where the message must point */
} BadDeck;

static const BadDeck bad_decks[] = {
  { "truncated.json",             SHUATI_DECK_ERROR_SYNTAX,        "5:" },
  { "trailing-comma.json",        SHUATI_DECK_ERROR_SYNTAX,        "4:15: unexpected character" },
  { "empty.json",                 SHUATI_DECK_ERROR_EMPTY,         "1:1:" },
  { "binary.json",                SHUATI_DECK_ERROR_ENCODING,      "1:1: a NUL byte" },
  { "invalid-utf8.json",          SHUATI_DECK_ERROR_ENCODING,      "3:15:" },
  { "deep-nesting.json",          SHUATI_DECK_ERROR_SYNTAX,        "1:65: nested more than 64" },
  { "top-level-array.json",       SHUATI_DECK_ERROR_FORMAT,        "(top level)" },
  { "unknown-format.json",        SHUATI_DECK_ERROR_FORMAT,        "format:" },
  { "future-version.json",        SHUATI_DECK_ERROR_FORMAT,        "version: version 7" },
  { "version-string.json",        SHUATI_DECK_ERROR_FORMAT,        "version: must be a whole number, not a string" },
  { "missing-id.json",            SHUATI_DECK_ERROR_SCHEMA,        "id: missing required member \"id\"" },
  { "bad-id.json",                SHUATI_DECK_ERROR_SCHEMA,        "\"my deck!\"" },
  { "languages-not-array.json",   SHUATI_DECK_ERROR_SCHEMA,        "languages: must be an array" },
  { "title-number.json",          SHUATI_DECK_ERROR_SCHEMA,        "title: \"title\" must be a string or an object of strings, not a number" },
  { "topics-not-array.json",      SHUATI_DECK_ERROR_SCHEMA,        "topics: must be an array" },
  { "topic-missing-title.json",   SHUATI_DECK_ERROR_SCHEMA,        "topics[0]: missing required member \"title\"" },
  { "cards-missing.json",         SHUATI_DECK_ERROR_SCHEMA,        "cards: missing" },
  { "cards-object.json",          SHUATI_DECK_ERROR_SCHEMA,        "cards: must be an array of cards, not an object" },
  { "cards-empty.json",           SHUATI_DECK_ERROR_EMPTY,         "cards: the deck has no cards" },
  { "card-title-array.json",      SHUATI_DECK_ERROR_SCHEMA,        "cards[3]: \"title\" must be a string or an object of strings, not an array" },
  { "card-not-object.json",       SHUATI_DECK_ERROR_SCHEMA,        "cards[1]: must be an object, not a string" },
  { "card-missing-answer.json",   SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: missing required member \"answer\"" },
  { "duplicate-card-id.json",     SHUATI_DECK_ERROR_DUPLICATE_ID,  "cards[2]: the id \"c1\" is already used by cards[0]" },
  { "duplicate-topic-id.json",    SHUATI_DECK_ERROR_DUPLICATE_ID,  "topics[1]: the topic id \"t\"" },
  { "unknown-topic.json",         SHUATI_DECK_ERROR_UNKNOWN_TOPIC, "cards[0]: the topic \"nowhere\"" },
  { "unknown-language.json",      SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"question\" has the language \"fr\"" },
  { "tags-wrong-type.json",       SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"tags\" must be an array of strings, not a string" },
  { "number-negative.json",       SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"number\" must be a positive whole number" },
  { "difficulty-unknown.json",    SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"difficulty\" must be \"basic\", \"intermediate\" or \"advanced\", not \"Expert\"" },
  { "difficulty-number.json",     SHUATI_DECK_ERROR_SCHEMA,        "cards[1]: \"difficulty\" must be \"basic\", \"intermediate\" or \"advanced\", not a number" },
  { "localized-empty-object.json", SHUATI_DECK_ERROR_SCHEMA,       "cards[0]: \"answer\" has no text in any language" },
  { "octal-escape.json",          SHUATI_DECK_ERROR_SYNTAX,        "6:37: “\\6” is not a JSON escape" },
  { "lone-surrogate.json",        SHUATI_DECK_ERROR_ENCODING,      "cards[0]: \"title\".\"en\" holds an escape that is not valid UTF-8" },
  { "text-value-number.json",     SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"answer\".\"en\" must be a string, not a number" },
  { "version-overflow.json",      SHUATI_DECK_ERROR_FORMAT,        "3:14: version 99999999999999999999999 is not supported" },
  { "number-overflow.json",       SHUATI_DECK_ERROR_SYNTAX,        "22:17: the number 18446744073709551617 is too large" },
  { "nul-escape-text.json",       SHUATI_DECK_ERROR_ENCODING,      "21:21: “\\u0000” (a NUL character) is not allowed" },
  { "nul-escape-id.json",         SHUATI_DECK_ERROR_ENCODING,      "17:15: “\\u0000”" },
  { "id-leading-dot.json",        SHUATI_DECK_ERROR_SCHEMA,        "id: \"id\" must be 1 to 200 letters, digits, '-', '_' or '.', not starting with '.' or '-', not \"...\"" },
  { "id-leading-hyphen.json",     SHUATI_DECK_ERROR_SCHEMA,        "cards[0]: \"id\" must be" },
};

static void
test_bad_deck (gconstpointer data)
{
  const BadDeck *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, (int)bad->code);
  if (strstr (error->message, bad->place) == NULL)
    g_error ("%s: \"%s\" does not contain \"%s\"", bad->file, error->message, bad->place);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* Names and values of the card's difficulty; a deck without it has none. */
static void
test_difficulty (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  static const char * const names[] = { "basic", "intermediate", "advanced" };
  ShuatiDifficulty difficulty = SHUATI_DIFFICULTY_NONE;
  guint value = 0;

  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    g_assert_cmpint (shuati_card_get_difficulty (shuati_deck_get_card (deck, i)), ==, SHUATI_DIFFICULTY_NONE);
  g_assert_null (shuati_difficulty_to_string (SHUATI_DIFFICULTY_NONE));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (shuati_difficulty_from_string (names[i], &difficulty));
      g_assert_cmpint (difficulty, ==, SHUATI_DIFFICULTY_BASIC + i);
      g_assert_cmpstr (shuati_difficulty_to_string (difficulty), ==, names[i]);
    }

  /* Spelled exactly so: anything else leaves the value alone. */
  difficulty = SHUATI_DIFFICULTY_ADVANCED;
  g_assert_false (shuati_difficulty_from_string ("Basic", &difficulty));
  g_assert_false (shuati_difficulty_from_string ("", &difficulty));
  g_assert_false (shuati_difficulty_from_string ("basic ", &difficulty));
  g_assert_false (shuati_difficulty_from_string (NULL, &difficulty));
  g_assert_cmpint (difficulty, ==, SHUATI_DIFFICULTY_ADVANCED);

  /* The property follows the setter, with one notification per change. */
  {
    ShuatiCard *card = shuati_deck_get_card (deck, 0);
    guint notified = 0;

    g_signal_connect_swapped (card, "notify::difficulty", G_CALLBACK (count_notify), &notified);
    shuati_card_set_difficulty (card, SHUATI_DIFFICULTY_INTERMEDIATE);
    shuati_card_set_difficulty (card, SHUATI_DIFFICULTY_INTERMEDIATE);
    g_object_get (card, "difficulty", &value, NULL);
    g_assert_cmpuint (value, ==, SHUATI_DIFFICULTY_INTERMEDIATE);
    g_assert_cmpuint (notified, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/deck/corpus/loads", test_corpus_loads);
  g_test_add_func ("/shuati/deck/corpus/matches-seed", test_corpus_matches_seed);
  g_test_add_func ("/shuati/deck/language-fallback", test_language_fallback);
  g_test_add_func ("/shuati/deck/properties", test_properties);
  g_test_add_func ("/shuati/deck/load/bom-and-bytes", test_bom_and_bytes);
  g_test_add_func ("/shuati/deck/load/from-node", test_from_node);
  g_test_add_func ("/shuati/deck/load/missing-file", test_missing_file);
  g_test_add_func ("/shuati/deck/load/text-limit", test_text_limit);
  g_test_add_func ("/shuati/deck/load/special-files", test_special_files);
  g_test_add_func ("/shuati/deck/id-pattern", test_id_pattern);
  g_test_add_func ("/shuati/deck/difficulty", test_difficulty);

  for (guint i = 0; i < G_N_ELEMENTS (bad_decks); i++)
    {
      g_autofree char *name = g_strdup_printf ("/shuati/deck/load/bad/%s", bad_decks[i].file);
      g_test_add_data_func (name, &bad_decks[i], test_bad_deck);
    }

  return g_test_run ();
}
