/* test-search-index.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "shuati-card-filter.h"
#include "shuati-deck.h"
#include "shuati-pinyin.h"
#include "shuati-search-index.h"
#include "shuati-search-model.h"

/* Pieces of card text: English, Simplified and Traditional Chinese,
 * polyphones, ü, Latin letters right before Han characters, full-width
 * letters, digits and punctuation. */
static const char * const pieces[] = {
  "knowledge distillation", "GPU", "GPU加速", "large model", "transfer learning",
  "fine-tuned", "gradient", "ＡＩ", "蒸馏", "知識蒸餾", "自动驾驶", "隐私保护",
  "对抗攻击", "梯度下降", "银行", "行为", "重要", "重新", "女儿", "旅行", "绿色",
  "长城", "长大", "音乐", "快乐", "AI芯片", "x光", "卡拉OK", "3D打印", "模型", "zh",
  "shi", "a", "Zhang", "数据集", "中文", "中國", "學習", "the", "of", "量子", "e-mail",
  "哈哈哈", "重重", "行行出状元", "2024年", "v2", "吕", "lv", "策略", "虐待",
};

static char *
random_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  /* Short texts: few false candidates, so a missing one shows. */
  guint n = g_rand_int_range (rand, 1, 3);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && g_rand_boolean (rand))
        g_string_append_c (text, ' ');
      g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
    }
  return g_string_free (text, FALSE);
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static ShuatiDeck *
make_deck_with (GRand  *rand,
                guint   n_cards,
                char *(*make_text) (GRand *rand))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"deck\","
                                          " \"languages\": [\"en\"], \"title\": \"D\","
                                          " \"topics\": [{\"id\": \"t\", \"title\": \"T\"}], \"cards\": [");
  g_autoptr(GBytes) bytes = NULL;
  ShuatiDeck *deck;

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *title = make_text (rand);
      g_autofree char *question = make_text (rand);
      const char *answer = "";

      g_string_append_printf (json, "%s{\"id\": \"c%u\", \"topic\": \"t\", \"title\": ", i ? ", " : "", i);
      append_json_string (json, title);
      g_string_append (json, ", \"question\": ");
      append_json_string (json, question);
      g_string_append (json, ", \"answer\": ");
      append_json_string (json, answer);
      g_string_append (json, "}");
    }
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  deck = shuati_deck_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return deck;
}

static ShuatiDeck *
make_deck (GRand *rand,
           guint  n_cards)
{
  return make_deck_with (rand, n_cards, random_text);
}

/* A random stretch of some card's text, as typed: as it is, or with its
 * Han characters as full pinyin, initials, or a mix, maybe cut short. */
static char *
random_word (GRand      *rand,
             ShuatiDeck *deck)
{
  ShuatiCard *card = shuati_deck_get_card (deck, g_rand_int_range (rand, 0, shuati_deck_get_n_cards (deck)));
  const char *text = shuati_card_get_search_text (card);
  glong n_chars = g_utf8_strlen (text, -1);
  glong start = g_rand_int_range (rand, 0, n_chars);
  glong length = g_rand_int_range (rand, 1, 7);
  const char *p = g_utf8_offset_to_pointer (text, start);
  GString *word = g_string_new (NULL);
  guint how = g_rand_int_range (rand, 0, 4);

  for (glong i = 0; i < length && *p != '\0' && *p != '\n' && *p != ' '; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint n = shuati_pinyin_get_n_readings (c);

      if (n == 0 || how == 0 || (how == 3 && g_rand_boolean (rand)))
        g_string_append_unichar (word, c);
      else
        {
          const char *reading = shuati_pinyin_get_reading (c, g_rand_int_range (rand, 0, n));

          if (how == 2 || (how == 3 && g_rand_boolean (rand)))
            g_string_append_c (word, reading[0]);
          else
            g_string_append (word, reading);
        }
    }
  /* The user is still typing the last syllable. */
  if (word->len > 1 && g_rand_int_range (rand, 0, 4) == 0)
    g_string_truncate (word, word->len - 1);
  if (word->len == 0)
    g_string_append (word, "zz");
  return g_string_free (word, FALSE);
}

/* A random query: one to three words, sometimes with the query language,
 * sometimes letters that match nothing. */
static char *
random_query (GRand      *rand,
              ShuatiDeck *deck)
{
  GString *query = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = NULL;

      if (g_rand_int_range (rand, 0, 8) == 0)
        {
          word = g_malloc0 (4);
          for (guint j = 0; j < 3; j++)
            word[j] = 'a' + g_rand_int_range (rand, 0, 26);
        }
      else
        word = random_word (rand, deck);

      if (i > 0)
        g_string_append (query, g_rand_int_range (rand, 0, 5) == 0 ? " OR " : " ");
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append_c (query, '-');
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append_printf (query, "\"%s\"", word);
      else
        g_string_append (query, word);
    }
  return g_string_free (query, FALSE);
}

/* Card by card with the query's own matcher, as search did without an
 * index. */
static void
assert_same_as_scan (GListModel       *cards,
                     ShuatiSearchRun  *run,
                     const char       *text,
                     gboolean          narrows,
                     guint            *n_found)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new (text);
  const guint64 *found = shuati_search_run_find (run, query, NULL, narrows);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (cards, i);
      gboolean expected = shuati_query_match (query, card, NULL) != SHUATI_MATCH_NONE;
      gboolean got = (found[i / 64] >> (i % 64)) & 1;

      if (expected != got)
        g_error ("\"%s\"%s: card %u (%s) %s by the index, but a scan %s it", text,
                 narrows ? " (narrowed)" : "", i, shuati_card_get_search_text (card),
                 got ? "is found" : "is missed", expected ? "finds" : "does not find");
      if (n_found != NULL)
        *n_found += expected;
    }
}

/* The index answers random queries exactly as a scan of every card: in a
 * new search, and in one that remembers the words before. */
static void
test_index_random_queries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 400);
  ShuatiSearchIndex *index = shuati_deck_get_search_index (deck);
  g_autoptr(ShuatiSearchRun) kept = shuati_search_run_new (index, G_LIST_MODEL (deck));
  guint n_found = 0;

  g_assert_nonnull (index);
  g_assert_true (index == shuati_deck_get_search_index (deck));
  g_assert_cmpuint (shuati_search_index_get_n_cards (index), ==, 400);
  g_assert_cmpuint (shuati_search_index_get_n_terms (index), >, 0);
  g_assert_cmpuint (shuati_search_index_get_size (index), >, 0);

  for (guint q = 0; q < 3000; q++)
    {
      g_autofree char *text = random_query (rand, deck);
      g_autoptr(ShuatiSearchRun) fresh = shuati_search_run_new (index, G_LIST_MODEL (deck));

      assert_same_as_scan (G_LIST_MODEL (deck), fresh, text, FALSE, &n_found);
      assert_same_as_scan (G_LIST_MODEL (deck), kept, text, FALSE, NULL);
    }
  /* Queries found something often, not always. */
  g_assert_cmpuint (n_found, >, 3000 * 400 / 50);
  g_assert_cmpuint (n_found, <, 3000 * 400 / 2);
}

/* Typing: a character at a time, backspaces, new words, the query
 * language in between; a query that grew narrows the last result. */
static void
test_index_random_typing (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1515);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                          G_LIST_MODEL (deck));
  static const char * const extra[] = { " OR ", " -", "\"", "is:new ", "title:", "(", ")", "-", "ü", " " };
  g_autoptr(ShuatiQuery) previous = shuati_query_new (NULL);
  guint n_narrowed = 0;

  for (guint q = 0; q < 300; q++)
    {
      g_autofree char *text = random_query (rand, deck);
      g_autoptr(GString) typed = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_autoptr(ShuatiQuery) query = NULL;
          gboolean narrows;
          guint r = g_rand_int_range (rand, 0, 20);

          if (r == 0 && typed->len > 0)
            g_string_truncate (typed, g_utf8_find_prev_char (typed->str, typed->str + typed->len) - typed->str);
          else if (r == 1)
            g_string_append (typed, extra[g_rand_int_range (rand, 0, G_N_ELEMENTS (extra))]);
          g_string_append_len (typed, p, g_utf8_next_char (p) - p);

          query = shuati_query_new (typed->str);
          narrows = shuati_query_get_error (query, NULL) == NULL &&
                    shuati_query_is_stricter (query, previous);
          n_narrowed += narrows;
          assert_same_as_scan (G_LIST_MODEL (deck), run, typed->str, narrows, NULL);
          if (shuati_query_get_error (query, NULL) == NULL)
            {
              g_clear_pointer (&previous, shuati_query_unref);
              previous = g_steal_pointer (&query);
            }
        }
    }
  g_assert_cmpuint (n_narrowed, >, 500);
}

static void
test_index_known_queries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                          G_LIST_MODEL (deck));
  const char * const queries[] = {
    "zszl", "zhishizhengliu", "zhishizhengl", "zhish", "zh", "z", "lv", "lu", "nver", "nu", "ü", "lü",
    "yinhang", "xingwei", "hangwei", "zhongyao", "chongxin", "zy", "cx", "gpujiasu", "gpuj", "GPU",
    "aixinpian", "aixp", "xguang", "kalaok", "3ddayin", "3dd", "3d", "yinyue", "yinle", "kuaile",
    "ai", "ＡＩ", "知识zl", "知識zhengliu", "distillation", "e-mail", "-gpu", "gpu OR 蒸馏",
    "tag:none", "is:new", "title:gpu", "\"zszl\"", "(", "zhongguo", "xuexi", "學習", "fine-tuned",
    "-", "\"large model\"", "\"\"", "e-", "-mail", "\"of the\"", "x光", "zhong -guo", "(gpu OR ai) -model",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(ShuatiSearchRun) fresh = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                                G_LIST_MODEL (deck));

      assert_same_as_scan (G_LIST_MODEL (deck), fresh, queries[q], FALSE, NULL);
      assert_same_as_scan (G_LIST_MODEL (deck), run, queries[q], FALSE, NULL);
    }

  /* Plain words are answered by the terms alone; a field is not. */
  {
    g_autoptr(ShuatiQuery) words = shuati_query_new ("zszl gpu");
    g_autoptr(ShuatiQuery) field = shuati_query_new ("title:gpu");
    g_autoptr(ShuatiQuery) broken = shuati_query_new ("(gpu");
    const guint64 *found;
    guint n = 0;

    shuati_search_run_find (run, words, NULL, FALSE);
    g_assert_true (shuati_search_run_get_last_was_exact (run));
    shuati_search_run_find (run, field, NULL, FALSE);
    g_assert_false (shuati_search_run_get_last_was_exact (run));
    /* A query with an error matches nothing, as the matcher says. */
    found = shuati_search_run_find (run, broken, NULL, FALSE);
    for (guint i = 0; i < 300; i++)
      n += (found[i / 64] >> (i % 64)) & 1;
    g_assert_cmpuint (n, ==, 0);
  }
}

/* Every word of two Latin letters, answered from the cards of its pair,
 * finds what a scan finds: by initials of neighbouring characters, by
 * the first letters of one reading of a polyphone, ü as v or u, Latin
 * letters next to Han characters; and so do words of three and four
 * letters, looked for by positions, fresh and typed on. */
static void
test_index_letter_pairs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                          G_LIST_MODEL (deck));
  g_autoptr(ShuatiSearchRun) fresh = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                            G_LIST_MODEL (deck));
  guint n_found = 0, n_found_three = 0;

  for (char a = 'a'; a <= 'z'; a++)
    for (char b = 'a'; b <= 'z'; b++)
      {
        char word[5] = { a, b, '\0', '\0', '\0' };
        const char *third = "aeghinouvzsl";

        assert_same_as_scan (G_LIST_MODEL (deck), run, word, FALSE, &n_found);
        /* Typed on from the pair: where the letters follow each other,
         * as whole syllables, initials, zh ch sh, ü as u or v. */
        for (const char *t = third; *t != '\0'; t++)
          {
            word[2] = *t;
            word[3] = '\0';
            assert_same_as_scan (G_LIST_MODEL (deck), fresh, word, FALSE, &n_found_three);
            assert_same_as_scan (G_LIST_MODEL (deck), run, word, TRUE, NULL);
            /* And a fourth letter, from those candidates. */
            word[3] = third[(a + b + *t) % 12];
            assert_same_as_scan (G_LIST_MODEL (deck), fresh, word, FALSE, NULL);
            word[2] = '\0';
            assert_same_as_scan (G_LIST_MODEL (deck), run, word, FALSE, NULL);
          }
      }
  /* Not a test of nothing: many are found. */
  g_assert_cmpuint (n_found, >, 3000);
  g_assert_cmpuint (n_found_three, >, 3000);
}

/* A clause of eight characters, drawn from a few with common readings
 * (zhi, shi, yin, ying, zhang and chang, zhong and chong, ü): no two
 * cards share their text, as in a real deck. */
static char *
random_clause (GRand *rand)
{
  static const char * const chars[] = {
    "知", "之", "只", "值", "识", "是", "时", "使", "实", "正", "长", "重", "行",
    "银", "音", "因", "应", "英", "私", "色", "思", "城", "乐", "女", "绿",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 8; i++)
    g_string_append (text, chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (chars))]);
  return g_string_free (text, FALSE);
}

/* When a common syllable's first three letters leave thousands of terms,
 * a fourth letter is narrowed by where four letters can start before
 * those terms are matched: the same cards as a scan, typed on and
 * fresh. */
static void
test_index_many_terms (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  g_autoptr(ShuatiDeck) deck = make_deck_with (rand, 4000, random_clause);
  ShuatiSearchIndex *index = shuati_deck_get_search_index (deck);
  g_autoptr(ShuatiSearchRun) fresh = shuati_search_run_new (index, G_LIST_MODEL (deck));
  const char * const words[] = {
    "zhishi", "zhizh", "zhiyin", "zhiz", "zhiy", "zhic", "zhil", "zhin", "shizhi", "shiy",
    "shisi", "yinsi", "yingy", "yinyue", "yinl", "zhangc", "changz", "zhongx", "chongh",
    "xingh", "hangx", "nvlv", "nulu", "lvse", "lusi", "sise", "zsys", "zhsh", "yyyy",
  };
  guint n_found = 0;

  /* Thousands of terms, each in one card. */
  g_assert_cmpuint (shuati_search_index_get_n_terms (index), >, 7000);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (index, G_LIST_MODEL (deck));
      g_autofree char *typed = NULL;
      guint n_three = 0;

      for (gsize n = 1; words[i][n - 1] != '\0'; n++)
        {
          g_free (typed);
          typed = g_strndup (words[i], n);
          assert_same_as_scan (G_LIST_MODEL (deck), run, typed, n > 1, n == 3 ? &n_three : &n_found);
        }
      assert_same_as_scan (G_LIST_MODEL (deck), fresh, words[i], FALSE, NULL);
      /* Where it starts with a common syllable, its first three letters
       * are in most cards. */
      if (g_str_has_prefix (words[i], "zhi") || g_str_has_prefix (words[i], "shi"))
        g_assert_cmpuint (n_three, >, 2000);
    }
  g_assert_cmpuint (n_found, >, 20000);
}

/* Runs of characters that only match themselves are found by their
 * positions: every stretch of every piece's text without Latin letters,
 * repeated characters, Traditional forms, digits, and mixes with
 * pinyin around them. */
static void
test_index_literal_runs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (22);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (shuati_deck_get_search_index (deck),
                                                          G_LIST_MODEL (deck));
  const char * const mixes[] = {
    "知识zl", "zs蒸馏", "知識z", "哈哈h", "h哈哈", "行x", "x行", "重zhong", "2024n", "n2024",
    "哈哈哈哈", "重重重", "年2024", "3d打", "中國", "學習", "长城长", "v2", "吕", "lü", "旅x", "0",
  };
  guint n_found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autofree gunichar *chars = g_utf8_to_ucs4_fast (pieces[i], -1, NULL);
      glong n = 0;

      while (chars[n] != 0)
        n++;
      for (glong from = 0; from < n; from++)
        for (glong to = from + 1; to <= n; to++)
          {
            g_autofree char *word = g_ucs4_to_utf8 (chars + from, to - from, NULL, NULL, NULL);
            g_autofree char *folded = g_utf8_casefold (word, -1);

            assert_same_as_scan (G_LIST_MODEL (deck), run, folded, FALSE, &n_found);
            assert_same_as_scan (G_LIST_MODEL (deck), run, folded, TRUE, NULL);
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (mixes); i++)
    assert_same_as_scan (G_LIST_MODEL (deck), run, mixes[i], FALSE, &n_found);
  g_assert_cmpuint (n_found, >, 1000);
}

/* An index of no cards answers every kind of word with nothing. */
static void
test_index_empty (void)
{
  g_autoptr(GListStore) none = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(ShuatiSearchIndex) index = shuati_search_index_new (NULL, 0);
  g_autoptr(ShuatiSearchRun) run = shuati_search_run_new (index, G_LIST_MODEL (none));
  const char * const queries[] = { "z", "zs", "zsz", "zszl", "知识", "知识zl", "3", "lü", "e-mail" };

  g_assert_cmpuint (shuati_search_index_get_n_cards (index), ==, 0);
  g_assert_cmpuint (shuati_search_index_get_n_terms (index), ==, 0);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(ShuatiQuery) query = shuati_query_new (queries[q]);

      /* No card: no bit to look at, and nothing read out of bounds
       * (the sanitizers of the fuzz build watch this too). */
      (void)shuati_search_run_find (run, query, NULL, q > 0);
    }
}

typedef struct
{
  GPtrArray *mirror;   /* what items-changed said the model holds */
  GListModel *model;
} Mirror;

static void
mirror_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->mirror->len);
  g_ptr_array_remove_range (mirror->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
assert_same_items (GListModel *a,
                   GListModel *b,
                   Mirror     *mirror,
                   const char *what)
{
  guint n = g_list_model_get_n_items (b);

  if (g_list_model_get_n_items (a) != n)
    g_error ("%s: %u cards, but %u without an index", what, g_list_model_get_n_items (a), n);
  g_assert_cmpuint (mirror->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      g_assert_true (x == y);
      g_assert_true (mirror->mirror->pdata[i] == x);
    }
}

/* The model driven by the index holds what a GtkFilterListModel with the
 * same filter holds, keystroke after keystroke, with a topic chosen in
 * between, and its items-changed signals describe every change. */
static void
test_index_model (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiDeck) other = make_deck (rand, 20);
  g_autoptr(GListStore) store = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(ShuatiCardFilter) filter = shuati_card_filter_new ();
  g_autoptr(ShuatiSearchModel) model = NULL;
  g_autoptr(GtkFilterListModel) plain = NULL;
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), NULL };

  for (guint i = 0; i < 300; i++)
    g_list_store_append (store, shuati_deck_get_card (deck, i));
  model = shuati_search_model_new (g_object_ref (filter));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed), &mirror);
  shuati_search_model_set_model (model, G_LIST_MODEL (store), shuati_deck_get_search_index (deck));
  g_assert_true (shuati_search_model_get_uses_index (model));
  g_assert_true (shuati_search_model_get_model (model) == G_LIST_MODEL (store));
  plain = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), g_object_ref (GTK_FILTER (filter)));
  assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, "no query");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);

  for (guint q = 0; q < 150; q++)
    {
      g_autofree char *text = random_query (rand, deck);

      if (q == 50)
        shuati_card_filter_set_topic (filter, "t");
      if (q == 60)
        shuati_card_filter_set_topic (filter, "none");
      if (q == 70)
        shuati_card_filter_set_topic (filter, NULL);
      if (q == 100)
        {
          /* A card replaced in place: the index no longer knows it. */
          g_list_store_splice (store, 7, 1, (gpointer *)&(ShuatiCard *) { shuati_deck_get_card (other, 3) }, 1);
          g_assert_true (shuati_search_model_get_uses_index (model));
        }
      for (const char *end = text; *end != '\0';)
        {
          g_autofree char *typed = NULL;

          end = g_utf8_next_char (end);
          typed = g_strndup (text, end - text);
          shuati_card_filter_set_query (filter, typed);
          assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, typed);
        }
    }

  /* Cards removed: the index is dropped, the filter matches card by card. */
  g_list_store_remove (store, 0);
  g_assert_false (shuati_search_model_get_uses_index (model));
  shuati_card_filter_set_query (filter, "gpu");
  assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, "gpu, without index");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);

  /* An index built from other cards is not used. */
  shuati_search_model_set_model (model, G_LIST_MODEL (store), shuati_deck_get_search_index (other));
  g_assert_false (shuati_search_model_get_uses_index (model));
  assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, "other index");

  /* Cards added in the middle move those after them. */
  g_list_store_insert (store, 5, shuati_deck_get_card (other, 4));
  assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, "card inserted");

  /* Another deck of as many cards: every card is new to the list. */
  {
    g_autoptr(ShuatiDeck) same_size = make_deck (rand, g_list_model_get_n_items (G_LIST_MODEL (store)));

    shuati_search_model_set_model (model, G_LIST_MODEL (same_size), shuati_deck_get_search_index (same_size));
    gtk_filter_list_model_set_model (plain, G_LIST_MODEL (same_size));
    g_assert_true (shuati_search_model_get_uses_index (model));
    assert_same_items (G_LIST_MODEL (model), G_LIST_MODEL (plain), &mirror, "another deck");
    shuati_search_model_set_model (model, NULL, NULL);
    g_assert_cmpuint (mirror.mirror->len, ==, 0);
  }

  g_signal_handlers_disconnect_by_func (model, mirror_items_changed, &mirror);
  g_ptr_array_unref (mirror.mirror);
  g_clear_object (&plain);
  g_assert_finalize_object (g_steal_pointer (&model));
}

/* The model shows the cards of @deck that @text matches, in order. */
static void
assert_model_as_scan (ShuatiDeck *deck,
                      GListModel *model,
                      const char *text)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new (text);
  guint n = 0;

  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);

      if (shuati_query_match (query, card, NULL) != SHUATI_MATCH_NONE)
        {
          g_autoptr(ShuatiCard) shown = g_list_model_get_item (model, n++);

          g_assert_true (shown == card);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

static void
index_built_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShuatiSearchIndex **index = user_data;

  *index = shuati_deck_build_search_index_finish (SHUATI_DECK (object), result, NULL);
  g_assert_nonnull (*index);
}

/* A deck not loaded by the library gets its index from a thread, and a
 * model searching it card by card takes the index on without any change
 * to what it shows. */
static void
test_index_built_in_thread (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ShuatiDeck) deck = make_deck (rand, 300);
  g_autoptr(ShuatiDeck) other = make_deck (rand, 299);
  g_autoptr(ShuatiCardFilter) filter = shuati_card_filter_new ();
  g_autoptr(ShuatiSearchModel) model = shuati_search_model_new (g_object_ref (filter));
  ShuatiSearchIndex *index = NULL;
  guint n_before;

  g_assert_null (shuati_deck_peek_search_index (deck));
  shuati_search_model_set_model (model, G_LIST_MODEL (deck), shuati_deck_peek_search_index (deck));
  g_assert_false (shuati_search_model_get_uses_index (model));
  shuati_card_filter_set_query (filter, "zl");
  n_before = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_before, >, 0);

  shuati_deck_build_search_index_async (deck, NULL, index_built_cb, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (shuati_deck_peek_search_index (deck) == index);
  g_assert_true (shuati_deck_get_search_index (deck) == index);
  g_assert_cmpuint (shuati_search_index_get_n_cards (index), ==, 300);

  /* An index of other cards is refused. */
  g_assert_false (shuati_search_model_set_index (model, shuati_deck_get_search_index (other)));
  g_assert_false (shuati_search_model_get_uses_index (model));

  g_assert_true (shuati_search_model_set_index (model, index));
  g_assert_true (shuati_search_model_get_uses_index (model));
  g_assert_true (shuati_search_model_set_index (model, index));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_before);
  shuati_card_filter_set_query (filter, "zlx");
  assert_model_as_scan (deck, G_LIST_MODEL (model), "zlx");
  shuati_card_filter_set_query (filter, "知识");
  assert_model_as_scan (deck, G_LIST_MODEL (model), "知识");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/search-index/random-queries", test_index_random_queries);
  g_test_add_func ("/shuati/search-index/random-typing", test_index_random_typing);
  g_test_add_func ("/shuati/search-index/known-queries", test_index_known_queries);
  g_test_add_func ("/shuati/search-index/letter-pairs", test_index_letter_pairs);
  g_test_add_func ("/shuati/search-index/literal-runs", test_index_literal_runs);
  g_test_add_func ("/shuati/search-index/many-terms", test_index_many_terms);
  g_test_add_func ("/shuati/search-index/empty", test_index_empty);
  g_test_add_func ("/shuati/search-index/model", test_index_model);
  g_test_add_func ("/shuati/search-index/built-in-thread", test_index_built_in_thread);

  return g_test_run ();
}
