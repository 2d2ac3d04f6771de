/* test-search.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-deck.h"
#include "shuati-search.h"
#include "shuati-test-utils.h"

static void
test_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "GPU", "gpu" },
    { "Gpu 显存", "gpu 显存" },
    { "ＡＩ", "ai" },
    { "ＡＩ模型", "ai模型" },
    { "知识蒸馏", "知识蒸馏" },
    { "Ｇｐｕ１２３", "gpu123" },
    { "ﬁne-tuning", "fine-tuning" },
    { "Straße", "strasse" },
    { "ÉCOLE", "école" },
    /* A combining accent composes with the letter before it. */
    { "e\xcc\x81", "é" },
    { "①", "1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = shuati_text_normalize (cases[i].in, -1);
      g_assert_cmpstr (out, ==, cases[i].out);
    }

  /* Bytes that are not UTF-8 are dropped, not fatal. */
  {
    g_autofree char *out = shuati_text_normalize ("a\xff" "b", -1);
    g_assert_cmpstr (out, ==, "ab");
  }
}

static void
test_query_words (void)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new ("  Knowledge   ＤＩＳＴＩＬＬＡＴＩＯＮ knowledge ");
  g_autoptr(ShuatiQuery) empty = shuati_query_new ("   ");

  g_assert_cmpuint (shuati_query_get_n_words (query), ==, 2);
  g_assert_cmpstr (shuati_query_get_word (query, 0), ==, "knowledge");
  g_assert_cmpstr (shuati_query_get_word (query, 1), ==, "distillation");
  g_assert_true (shuati_query_is_empty (empty));
  g_assert_true (shuati_query_matches_text (empty, "anything"));

  g_assert_true (shuati_query_matches_text (query, "the knowledge distillation method"));
  g_assert_false (shuati_query_matches_text (query, "knowledge only"));
}

static void
test_query_stricter (void)
{
  g_autoptr(ShuatiQuery) d = shuati_query_new ("d");
  g_autoptr(ShuatiQuery) dis = shuati_query_new ("dis");
  g_autoptr(ShuatiQuery) dis_gpu = shuati_query_new ("dis gpu");
  g_autoptr(ShuatiQuery) di = shuati_query_new ("di");
  g_autoptr(ShuatiQuery) gpu = shuati_query_new ("gpu");
  g_autoptr(ShuatiQuery) empty = shuati_query_new ("");

  g_assert_true (shuati_query_is_stricter (dis, d));
  g_assert_true (shuati_query_is_stricter (dis, NULL));
  g_assert_true (shuati_query_is_stricter (dis, empty));
  g_assert_true (shuati_query_is_stricter (dis_gpu, dis));
  g_assert_true (shuati_query_is_stricter (dis_gpu, gpu));
  g_assert_false (shuati_query_is_stricter (di, dis));
  g_assert_false (shuati_query_is_stricter (gpu, dis));
  g_assert_false (shuati_query_is_stricter (empty, d));
}

static void
test_highlight (void)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new ("ＧＰＵ <b");
  g_autoptr(ShuatiQuery) zh = shuati_query_new ("蒸馏");
  g_autofree char *markup = shuati_query_highlight_markup (query, "Use a gpu & <b>GPU</b>");
  g_autofree char *zh_markup = shuati_query_highlight_markup (zh, "知识蒸馏是");
  g_autofree char *plain = shuati_query_highlight_markup (NULL, "a < b");

  g_assert_cmpstr (markup, ==,
                   "Use a <span weight=\"bold\" underline=\"single\">gpu</span> &amp; "
                   "<span weight=\"bold\" underline=\"single\">&lt;b</span>&gt;"
                   "<span weight=\"bold\" underline=\"single\">GPU</span>&lt;/b&gt;");
  g_assert_cmpstr (zh_markup, ==, "知识<span weight=\"bold\" underline=\"single\">蒸馏</span>是");
  g_assert_cmpstr (plain, ==, "a &lt; b");
  /* The result is well-formed markup. */
  {
    g_autoptr(GMarkupParseContext) context = NULL;
    g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
    static const GMarkupParser parser = { NULL, };
    g_autoptr(GError) error = NULL;

    context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    g_markup_parse_context_parse (context, wrapped, -1, &error);
    g_assert_no_error (error);
  }
}

static void
test_corpus_search (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  static const char * const queries[][2] = {
    { "蒸馏", "distillation" },
    { "ＡＩ", "ai" },
    { "Gpu", "GPU" },
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(ShuatiQuery) a = shuati_query_new (queries[q][0]);
      g_autoptr(ShuatiQuery) b = shuati_query_new (queries[q][1]);
      guint n_a = 0;

      for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
        {
          ShuatiCard *card = shuati_deck_get_card (deck, i);

          g_assert_cmpint (shuati_query_matches (a, card), ==, shuati_query_matches (b, card));
          n_a += shuati_query_matches (a, card);
        }
      g_assert_cmpuint (n_a, >, 0);
      g_assert_cmpuint (n_a, <, 24);
    }

  /* Tags are searchable too. */
  {
    g_autoptr(ShuatiQuery) tag = shuati_query_new ("autonomous-driving");
    guint n = 0;

    for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
      n += shuati_query_matches (tag, shuati_deck_get_card (deck, i));
    g_assert_cmpuint (n, >=, 2);
  }
}

/* A query holds at most SHUATI_QUERY_MAX_LENGTH characters, cut at a
 * character boundary, however much was given. */
static void
test_query_clip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *exact = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(ShuatiQuery) query = NULL;
  gboolean clipped = TRUE;

  empty = shuati_query_clip_text (NULL, &clipped);
  g_assert_cmpstr (empty, ==, "");
  g_assert_false (clipped);

  /* Three bytes a character: a cut in bytes would split one. */
  for (guint i = 0; i < SHUATI_QUERY_MAX_LENGTH; i++)
    g_string_append (text, "知");
  exact = shuati_query_clip_text (text->str, &clipped);
  g_assert_false (clipped);
  g_assert_cmpstr (exact, ==, text->str);

  for (guint i = 0; i < 100 * 1000; i++)
    g_string_append_c (text, 'x');
  cut = shuati_query_clip_text (text->str, &clipped);
  g_assert_true (clipped);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, SHUATI_QUERY_MAX_LENGTH);
  g_assert_cmpstr (cut, ==, exact);

  /* The query itself never holds more. */
  query = shuati_query_new (text->str);
  g_assert_cmpstr (shuati_query_get_text (query), ==, exact);
  g_assert_cmpuint (shuati_query_get_n_words (query), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/search/normalize", test_normalize);
  g_test_add_func ("/shuati/search/query/words", test_query_words);
  g_test_add_func ("/shuati/search/query/stricter", test_query_stricter);
  g_test_add_func ("/shuati/search/query/clip", test_query_clip);
  g_test_add_func ("/shuati/search/highlight", test_highlight);
  g_test_add_func ("/shuati/search/corpus", test_corpus_search);

  return g_test_run ();
}
