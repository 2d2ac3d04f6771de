/* test-core-deck.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-deck.h"
#include "shuati-exporter.h"
#include "shuati-markdown.h"
#include "shuati-test-utils.h"

/* What the finished deck holds at least; the content is written to reach
 * it. */
#define MIN_CARDS 200
#define MIN_CARDS_PER_TOPIC 12

#define CORE_RESOURCE "/io/github/shuati/Shuati/corpus/llm-core.json"
#define CORPUS_RESOURCE "/io/github/shuati/Shuati/corpus/llm-interview.json"

static const char * const languages[] = { "zh_CN", "en" };

static const struct
{
  const char *id;
  const char *zh_CN;
  const char *en;
} topics[] = {
  { "transformer",       "Transformer 与注意力机制", "Transformer and Attention" },
  { "tokenization",      "分词",                     "Tokenisation" },
  { "pretraining",       "预训练与缩放定律",         "Pre-training and Scaling Laws" },
  { "finetuning",        "微调",                     "Fine-tuning" },
  { "alignment",         "对齐",                     "Alignment" },
  { "inference",         "推理优化",                 "Inference" },
  { "distributed",       "分布式训练",               "Distributed Training" },
  { "rag-agents",        "检索增强与智能体",         "RAG and Agents" },
  { "evaluation-safety", "评估与安全",               "Evaluation and Safety" },
  { "moe-long-context",  "混合专家与长上下文",       "MoE and Long Context" },
};

static ShuatiDeck *
load_resource (const char *path)
{
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_resource (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static void
test_header (void)
{
  g_autoptr(ShuatiDeck) deck = load_resource (CORE_RESOURCE);
  GListModel *model = shuati_deck_get_topics (deck);
  const char * const zh[] = { "zh_CN", NULL };
  const char * const en[] = { "en", NULL };

  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "llm-core");
  g_assert_cmpstrv (shuati_deck_get_languages (deck), ((const char * const[]) { "zh_CN", "en", NULL }));
  g_assert_cmpstr (shuati_deck_get_title (deck, zh), ==, "大模型面试核心");
  g_assert_cmpstr (shuati_deck_get_title (deck, en), ==, "Large-Model Interview Core");

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (topics));
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (model, i);

      g_assert_cmpstr (shuati_topic_get_id (topic), ==, topics[i].id);
      g_assert_cmpstr (shuati_topic_get_title (topic, zh), ==, topics[i].zh_CN);
      g_assert_cmpstr (shuati_topic_get_title (topic, en), ==, topics[i].en);
    }
}

/* The deck's size, and each topic's, with what is missing if short. */
static void
test_size (void)
{
  g_autoptr(ShuatiDeck) deck = load_resource (CORE_RESOURCE);
  GListModel *model = shuati_deck_get_topics (deck);
  g_autoptr(GString) short_topics = g_string_new (NULL);
  guint n_cards = shuati_deck_get_n_cards (deck);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (model, i);
      guint counted = 0;

      for (guint c = 0; c < n_cards; c++)
        if (g_strcmp0 (shuati_card_get_topic_id (shuati_deck_get_card (deck, c)), shuati_topic_get_id (topic)) == 0)
          counted++;
      g_assert_cmpuint (counted, ==, shuati_topic_get_n_cards (topic));
      if (counted < MIN_CARDS_PER_TOPIC)
        g_string_append_printf (short_topics, " %s (%u)", shuati_topic_get_id (topic), counted);
    }

  if (n_cards < MIN_CARDS || short_topics->len > 0)
    g_error ("the deck has %u of at least %u cards; topics with fewer than %u:%s",
             n_cards, MIN_CARDS, MIN_CARDS_PER_TOPIC, short_topics->str);
}

/* "$" in pairs and "```" fences closed: until the renderer parses the
 * formulas, a text that reads sensibly as text. */
static void
assert_markup_balanced (ShuatiCard *card,
                        const char *field,
                        const char *language,
                        const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_code = FALSE;
  guint dollars = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (*line == ' ')
        line++;
      if (g_str_has_prefix (line, "```"))
        {
          in_code = !in_code;
          continue;
        }
      if (in_code)
        continue;
      for (const char *p = lines[i]; *p; p++)
        if (*p == '$' && (p == lines[i] || p[-1] != '\\'))
          dollars++;
    }

  if (in_code)
    g_error ("%s: %s.%s has a code fence that is not closed", shuati_card_get_id (card), field, language);
  if (dollars % 2 != 0)
    g_error ("%s: %s.%s has an odd number of $", shuati_card_get_id (card), field, language);
}

static void
test_cards_complete (void)
{
  g_autoptr(ShuatiDeck) deck = load_resource (CORE_RESOURCE);
  static const char * const field_names[SHUATI_N_FIELDS] = { "title", "question", "answer", "explanation" };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) per_topic = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_cards = shuati_deck_get_n_cards (deck);

  g_assert_cmpuint (n_cards, >, 0);

  for (guint i = 0; i < n_cards; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      const char *id = shuati_card_get_id (card);
      const char *topic_id = shuati_card_get_topic_id (card);
      g_autofree char *expected_prefix = NULL;
      g_autofree char *expected_id = NULL;
      guint in_topic;
      guint n_points[G_N_ELEMENTS (languages)];

      /* Ids: unique and core-<topic>-NN, numbered in order within their
       * topic; cards numbered 1..N. */
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (char *)id);
      g_assert_cmpuint (shuati_card_get_number (card), ==, i + 1);
      g_assert_nonnull (topic_id);
      g_assert_nonnull (shuati_deck_lookup_topic (deck, topic_id));
      in_topic = GPOINTER_TO_UINT (g_hash_table_lookup (per_topic, topic_id)) + 1;
      g_hash_table_insert (per_topic, (char *)topic_id, GUINT_TO_POINTER (in_topic));
      expected_prefix = g_strdup_printf ("core-%s-", topic_id);
      expected_id = g_strdup_printf ("core-%s-%02u", topic_id, in_topic);
      if (!g_str_has_prefix (id, expected_prefix) ||
          strlen (id) != strlen (expected_prefix) + 2 ||
          !g_ascii_isdigit (id[strlen (id) - 1]) || !g_ascii_isdigit (id[strlen (id) - 2]))
        g_error ("the card id “%s” is not %sNN", id, expected_prefix);
      g_assert_cmpstr (id, ==, expected_id);

      g_assert_cmpint (shuati_card_get_difficulty (card), !=, SHUATI_DIFFICULTY_NONE);
      g_assert_nonnull (shuati_card_get_tags (card)[0]);

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autoptr(GPtrArray) points = NULL;

          for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
            {
              const char *text = shuati_card_get_text_exact (card, f, languages[l]);
              g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

              if (*trimmed == '\0')
                g_error ("%s: %s has no %s text", id, field_names[f], languages[l]);
              assert_markup_balanced (card, field_names[f], languages[l], text);
            }

          points = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, languages[l]));
          n_points[l] = points->len;
          if (points->len < 3 || points->len > 6)
            g_error ("%s: the %s answer has %u key points, not 3 to 6", id, languages[l], points->len);
        }

      if (n_points[0] != n_points[1])
        g_error ("%s: the answer has %u key points in zh_CN and %u in en", id, n_points[0], n_points[1]);
    }
}

/* The texts of a card of the first built-in deck, to compare with. */
static void
test_no_corpus_duplicates (void)
{
  g_autoptr(ShuatiDeck) core = load_resource (CORE_RESOURCE);
  g_autoptr(ShuatiDeck) corpus = load_resource (CORPUS_RESOURCE);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < shuati_deck_get_n_cards (corpus); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (corpus, i);

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          const char *title = shuati_card_get_text_exact (card, SHUATI_FIELD_TITLE, languages[l]);
          const char *question = shuati_card_get_text_exact (card, SHUATI_FIELD_QUESTION, languages[l]);

          if (title != NULL)
            g_hash_table_add (texts, g_utf8_casefold (title, -1));
          if (question != NULL)
            g_hash_table_add (texts, g_utf8_casefold (question, -1));
        }
    }
  g_assert_cmpuint (g_hash_table_size (texts), >, 0);

  for (guint i = 0; i < shuati_deck_get_n_cards (core); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (core, i);

      g_assert_null (shuati_deck_lookup_card (corpus, shuati_card_get_id (card)));
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        for (ShuatiField f = SHUATI_FIELD_TITLE; f <= SHUATI_FIELD_QUESTION; f++)
          {
            g_autofree char *folded = g_utf8_casefold (shuati_card_get_text_exact (card, f, languages[l]), -1);

            if (g_hash_table_contains (texts, folded))
              g_error ("%s repeats a card of llm-interview: “%s”", shuati_card_get_id (card), folded);
          }
    }
}

/* The file follows the conventions the exporter writes, difficulty
 * included: exported again, it is the same bytes. */
static void
test_export_identical (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = g_resources_lookup_data (CORE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GBytes) exported = NULL;
  gboolean has_difficulty = FALSE;

  g_assert_no_error (error);
  deck = shuati_deck_new_from_bytes (file, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    has_difficulty |= shuati_card_get_difficulty (shuati_deck_get_card (deck, i)) != SHUATI_DIFFICULTY_NONE;
  g_assert_true (has_difficulty);

  exported = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  g_assert_cmpmem (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                   g_bytes_get_data (file, NULL), g_bytes_get_size (file));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/core-deck/header", test_header);
  g_test_add_func ("/shuati/core-deck/size", test_size);
  g_test_add_func ("/shuati/core-deck/cards-complete", test_cards_complete);
  g_test_add_func ("/shuati/core-deck/no-corpus-duplicates", test_no_corpus_duplicates);
  g_test_add_func ("/shuati/core-deck/export-identical", test_export_identical);

  return g_test_run ();
}
