/* fuzz-query.c: the search language and pinyin matching
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "shuati-deck.h"
#include "shuati-search.h"
#include "shuati-search-index.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"fuzz\", \"languages\": [\"zh_CN\", \"en\"],"
  " \"title\": \"F\", \"topics\": [{\"id\": \"t\", \"title\": \"T\"}],"
  " \"cards\": ["
  "  {\"id\": \"a\", \"topic\": \"t\", \"tags\": [\"llm\", \"llm-eval\"],"
  "   \"title\": {\"zh_CN\": \"知识蒸馏\", \"en\": \"Knowledge distillation\"},"
  "   \"question\": {\"zh_CN\": \"银行的行长重复了女性绿色的說法？\", \"en\": \"Why (large) models?\"},"
  "   \"answer\": {\"zh_CN\": \"用GPU显卡与𠀀训练。\", \"en\": \"A \\\"small\\\" model -x OR y.\"}},"
  "  {\"id\": \"b\", \"topic\": \"t\", \"title\": \"fine-tuned node.js c++ 〇〇七 it's ＡＩ\","
  "   \"question\": \"长大，重新\u3000學習 e-mail@x.y (3d)\", \"answer\": \"lüe nü 女儿\"}"
  " ]}";

static const char * const texts[] = {
  "知识蒸馏 knowledge distillation",
  "银行的行长重复了女性绿色的說法",
  "gpu显卡 zh ch sh ü lüe 𠀀𠀁",
  "",
};

static ShuatiDeck *
fuzz_deck (void)
{
  static ShuatiDeck *deck;

  if (deck == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (deck_json, strlen (deck_json));
      g_autoptr(GError) error = NULL;

      deck = shuati_deck_new_from_bytes (bytes, &error);
      if (deck == NULL)
        {
          fprintf (stderr, "the fuzzing deck does not load: %s\n", error->message);
          abort ();
        }
    }
  return deck;
}

/* One search over the deck's index for every input, so that words are
 * carried over from one input to the next as from one keystroke. */
static ShuatiSearchRun *
fuzz_run (void)
{
  static ShuatiSearchRun *run;

  if (run == NULL)
    run = shuati_search_run_new (shuati_deck_get_search_index (fuzz_deck ()), G_LIST_MODEL (fuzz_deck ()));
  return run;
}

static void
check_markup (const char *markup)
{
  g_autoptr(GError) error = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "not valid Pango markup: %s\n%s\n", error->message, markup);
      abort ();
    }
}

static void
check_ranges (const ShuatiQuery *query,
              const char        *text)
{
  g_autoptr(GArray) ranges = shuati_query_find_ranges (query, text);
  guint n_chars = g_utf8_strlen (text, -1);
  guint last = 0;

  if (ranges->len % 2 != 0)
    abort ();
  for (guint i = 0; i < ranges->len; i += 2)
    {
      guint start = g_array_index (ranges, guint, i);
      guint end = g_array_index (ranges, guint, i + 1);

      /* In order, apart, not empty, within the text. */
      if (start < last || (i > 0 && start == last) || end <= start || end > n_chars)
        abort ();
      last = end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *raw = g_strndup ((const char *)data, size);
  g_autofree char *text = g_utf8_make_valid (raw, -1);
  g_autoptr(ShuatiQuery) query = shuati_query_new (text);
  g_auto(GStrv) words = g_strsplit (text, " ", 8);
  g_autoptr(ShuatiQuery) plain = shuati_query_new_words ((const char * const *)words);
  ShuatiDeck *deck = fuzz_deck ();
  const GError *error;
  guint position = 0;

  error = shuati_query_get_error (query, &position);
  if (error != NULL)
    {
      /* The position is inside what was searched, or just after it. */
      if (position > g_utf8_strlen (shuati_query_get_text (query), -1) ||
          error->message == NULL || error->message[0] == '\0')
        abort ();
      if (shuati_query_is_empty (query) || shuati_query_matches_text (query, "x"))
        abort ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *markup = shuati_query_highlight_markup (query, texts[i]);
      g_autofree char *plain_markup = shuati_query_highlight_markup (plain, texts[i]);
      g_autofree char *normalized = shuati_text_normalize (texts[i], -1);

      check_markup (markup);
      check_markup (plain_markup);
      check_ranges (query, texts[i]);
      check_ranges (plain, texts[i]);
      (void)shuati_query_matches_text (query, normalized);
      (void)shuati_query_matches_text (plain, normalized);
    }
  {
    g_autofree char *markup = shuati_query_highlight_markup (plain, text);

    check_markup (markup);
    check_ranges (plain, text);
  }

  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      ShuatiMatchKind kind = shuati_query_match (query, card, NULL);

      if (kind > SHUATI_MATCH_EXACT || (error != NULL && kind != SHUATI_MATCH_NONE))
        abort ();
      (void)shuati_query_match (plain, card, NULL);
    }

  /* The index finds exactly the cards the matcher finds. */
  {
    const guint64 *found = shuati_search_run_find (fuzz_run (), query, NULL, FALSE);

    for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
      if ((gboolean)((found[i / 64] >> (i % 64)) & 1) !=
          (shuati_query_match (query, shuati_deck_get_card (deck, i), NULL) != SHUATI_MATCH_NONE))
        {
          fprintf (stderr, "the index and the matcher disagree on card %u for \"%s\"\n", i, text);
          abort ();
        }
  }

  /* A plain query is never stricter than itself grown, the wrong way round. */
  if (shuati_query_is_stricter (query, query) != shuati_query_is_stricter (query, query))
    abort ();

  return 0;
}
