/* test-search.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-deck.h"
#include "shuati-pinyin.h"
#include "shuati-progress.h"
#include "shuati-query.h"
#include "shuati-search.h"
#include "shuati-store.h"
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


/* Pinyin ------------------------------------------------------------------ */

static void
test_pinyin_table (void)
{
  static const struct { const char *han; const char * const readings[4]; } cases[] = {
    /* Polyphones keep every reading. */
    { "行", { "xing", "hang", NULL } },
    { "长", { "chang", "zhang", NULL } },
    { "重", { "zhong", "chong", NULL } },
    { "了", { "le", "liao", NULL } },
    /* ü is written v. */
    { "女", { "nv", NULL } },
    { "绿", { "lv", "lu", NULL } },
    { "略", { "lve", NULL } },
    /* Traditional characters have their own readings and their Simplified ones. */
    { "說", { "shuo", "shui", NULL } },
    { "長", { "chang", "zhang", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gunichar c = g_utf8_get_char (cases[i].han);

      g_assert_cmpuint (shuati_pinyin_get_n_readings (c), >=, g_strv_length ((char **)cases[i].readings));
      for (guint r = 0; cases[i].readings[r] != NULL; r++)
        if (!shuati_pinyin_has_reading (c, cases[i].readings[r]))
          g_error ("%s should read %s", cases[i].han, cases[i].readings[r]);
      /* Tones are gone: only lower-case letters remain. */
      for (guint r = 0; r < shuati_pinyin_get_n_readings (c); r++)
        for (const char *p = shuati_pinyin_get_reading (c, r); *p; p++)
          g_assert_true (*p >= 'a' && *p <= 'z');
    }

  g_assert_false (shuati_pinyin_has_reading (g_utf8_get_char ("女"), "nu"));
  g_assert_cmpuint (shuati_pinyin_get_n_readings ('a'), ==, 0);
  g_assert_cmpuint (shuati_pinyin_get_n_readings (0x10FFFF), ==, 0);
  /* A character beyond the BMP: 𠀀 (U+20000) reads hē. */
  g_assert_true (shuati_pinyin_has_reading (0x20000, "he"));
}

static void
test_pinyin_fold (void)
{
  g_autofree char *folded = shuati_pinyin_fold_string ("知識蒸餾與機器學習 ok", -1);
  char in_place[] = "說話 長短";

  g_assert_cmpstr (folded, ==, "知识蒸馏与机器学习 ok");
  g_assert_cmpuint (shuati_pinyin_fold (g_utf8_get_char ("說")), ==, g_utf8_get_char ("说"));
  /* Simplified characters, and those that are their own Simplified form, stay. */
  g_assert_cmpuint (shuati_pinyin_fold (g_utf8_get_char ("说")), ==, g_utf8_get_char ("说"));
  g_assert_cmpuint (shuati_pinyin_fold (g_utf8_get_char ("乾")), ==, g_utf8_get_char ("乾"));
  g_assert_cmpuint (shuati_pinyin_fold ('A'), ==, 'A');
  shuati_pinyin_fold_in_place (in_place, strlen (in_place));
  g_assert_cmpstr (in_place, ==, "说话 长短");
}

static ShuatiMatchKind
find (const char *word,
      const char *text,
      int        *start,
      int        *end)
{
  g_autoptr(ShuatiPinyinPattern) pattern = shuati_pinyin_pattern_new (word);
  g_autofree char *normalized = shuati_text_normalize (text, -1);
  g_autofree char *folded = shuati_pinyin_fold_string (normalized, -1);
  gsize s = 0, e = 0;
  ShuatiMatchKind kind = shuati_pinyin_pattern_find (pattern, folded, strlen (folded), &s, &e);

  /* In characters, to read the tests. */
  if (start != NULL)
    *start = kind != SHUATI_MATCH_NONE ? (int)g_utf8_pointer_to_offset (folded, folded + s) : -1;
  if (end != NULL)
    *end = kind != SHUATI_MATCH_NONE ? (int)g_utf8_pointer_to_offset (folded, folded + e) : -1;
  return kind;
}

static void
test_pinyin_match (void)
{
  static const struct
  {
    const char      *word;
    const char      *text;
    ShuatiMatchKind  kind;
    int              start, end;   /* characters */
  } cases[] = {
    { "zhishizhengliu", "用知识蒸馏压缩", SHUATI_MATCH_PINYIN, 1, 5 },
    { "zszl", "用知识蒸馏压缩", SHUATI_MATCH_INITIALS, 1, 5 },
    /* Two-letter initials. */
    { "zhszl", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    { "zhshzhl", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    /* Mixes of syllables, initials and characters. */
    { "zhishizl", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    { "知识zl", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    { "zs蒸馏", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    /* The last syllable half typed. */
    { "zhishizhengl", "知识蒸馏", SHUATI_MATCH_INITIALS, 0, 4 },
    { "zhishizhen", "知识蒸馏", SHUATI_MATCH_PINYIN, 0, 3 },
    /* Every reading of a polyphone. */
    { "yinhang", "去银行", SHUATI_MATCH_PINYIN, 1, 3 },
    { "xingdong", "行动", SHUATI_MATCH_PINYIN, 0, 2 },
    { "zhongyao", "重要", SHUATI_MATCH_PINYIN, 0, 2 },
    { "chongfu", "重复", SHUATI_MATCH_PINYIN, 0, 2 },
    { "changdu", "长度", SHUATI_MATCH_PINYIN, 0, 2 },
    { "zhangda", "长大", SHUATI_MATCH_PINYIN, 0, 2 },
    { "liaojie", "了解", SHUATI_MATCH_PINYIN, 0, 2 },
    { "haole", "好了", SHUATI_MATCH_PINYIN, 0, 2 },
    /* ü as v or u. */
    { "nvxing", "女性", SHUATI_MATCH_PINYIN, 0, 2 },
    { "nuxing", "女性", SHUATI_MATCH_PINYIN, 0, 2 },
    { "lüse", "绿色", SHUATI_MATCH_PINYIN, 0, 2 },
    /* Traditional text, Simplified or Traditional words. */
    { "zhishizhengliu", "知識蒸餾", SHUATI_MATCH_PINYIN, 0, 4 },
    { "知识", "知識蒸餾", SHUATI_MATCH_EXACT, 0, 2 },
    { "蒸餾", "知识蒸馏", SHUATI_MATCH_EXACT, 2, 4 },
    /* Across Latin and Han text. */
    { "gpuxianka", "GPU显卡", SHUATI_MATCH_PINYIN, 0, 5 },
    /* The text itself comes first. */
    { "distil", "知识蒸馏 distillation", SHUATI_MATCH_EXACT, 5, 11 },
    { "zs", "zs 知识", SHUATI_MATCH_EXACT, 0, 2 },
    /* No match: too long, not at a syllable start, wrong order. */
    { "zhishizhengliux", "知识蒸馏", SHUATI_MATCH_NONE, -1, -1 },
    { "hishi", "知识", SHUATI_MATCH_NONE, -1, -1 },
    { "slz", "知识蒸馏", SHUATI_MATCH_NONE, -1, -1 },
    { "zh", "ziji", SHUATI_MATCH_NONE, -1, -1 },
    { "蒸馏", "知识", SHUATI_MATCH_NONE, -1, -1 },
    /* A character beyond ASCII is itself, never the Latin letter its low
     * byte would be (U+1165 is not "e", U+0169 is not "i"). */
    { "s\u1165", "颜色", SHUATI_MATCH_NONE, -1, -1 },
    { "s\u0169", "思考", SHUATI_MATCH_NONE, -1, -1 },
    { "se", "颜色", SHUATI_MATCH_PINYIN, 1, 2 },
    { "si", "思考", SHUATI_MATCH_PINYIN, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int start, end;
      ShuatiMatchKind kind = find (cases[i].word, cases[i].text, &start, &end);

      if (kind != cases[i].kind || start != cases[i].start || end != cases[i].end)
        g_error ("\"%s\" in \"%s\": kind %d at %d–%d, expected kind %d at %d–%d",
                 cases[i].word, cases[i].text, kind, start, end,
                 cases[i].kind, cases[i].start, cases[i].end);
    }
}

static void
test_pinyin_ranges (void)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new ("zszl model");
  g_autoptr(ShuatiQuery) spaced = shuati_query_new ("zhi shi");
  g_autoptr(ShuatiQuery) none = shuati_query_new ("-zszl");
  g_autoptr(GArray) ranges = shuati_query_find_ranges (query, "用知識蒸餾 & a model, 再知识蒸馏");
  g_autoptr(GArray) spaced_ranges = shuati_query_find_ranges (spaced, "知识");
  g_autoptr(GArray) none_ranges = shuati_query_find_ranges (none, "知识蒸馏");
  g_autofree char *markup = shuati_query_highlight_markup (query, "用知識蒸餾 & a model");
  static const guint expected[] = { 1, 5, 10, 15, 18, 22 };

  g_assert_cmpuint (ranges->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ranges->len; i++)
    g_assert_cmpuint (g_array_index (ranges, guint, i), ==, expected[i]);
  g_assert_cmpuint (spaced_ranges->len, ==, 2);
  g_assert_cmpuint (g_array_index (spaced_ranges, guint, 1), ==, 2);
  /* What is excluded is not highlighted. */
  g_assert_cmpuint (none_ranges->len, ==, 0);
  g_assert_cmpstr (markup, ==,
                   "用<span weight=\"bold\" underline=\"single\">知識蒸餾</span> &amp; a "
                   "<span weight=\"bold\" underline=\"single\">model</span>");
}

/* The same command as the README gives reproduces the committed table. */
static void
test_pinyin_generator (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "gen-pinyin-table.py", NULL);
  g_autofree char *table = g_test_build_filename (G_TEST_DIST, "..", "src", "model", "shuati-pinyin-table.c", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *committed = NULL;
  g_autoptr(GError) error = NULL;
  gsize committed_length;
  int status;

  if (!g_file_test ("/usr/share/unicode/Unihan_Readings.txt.bz2", G_FILE_TEST_EXISTS) ||
      !g_file_test ("/usr/share/unicode/Unihan_Variants.txt.bz2", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Unicode Han Database is missing: install the Debian package unicode-data");
      return;
    }
  if (python == NULL)
    {
      g_test_skip ("python3 is missing");
      return;
    }

  {
    const char *argv[] = { python, script, "/usr/share/unicode", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", error->message, err);
  g_assert_true (g_file_get_contents (table, &committed, &committed_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (out), ==, committed_length);
  g_assert_true (memcmp (out, committed, committed_length) == 0);
}

/* The query language ------------------------------------------------------ */

static const char lang_deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"lang\", \"languages\": [\"zh_CN\", \"en\"],"
  " \"title\": \"L\","
  " \"topics\": [{\"id\": \"basics\", \"title\": \"B\"}, {\"id\": \"llm-training\", \"title\": \"T\"}],"
  " \"cards\": ["
  "  {\"id\": \"kd\", \"topic\": \"llm-training\", \"tags\": [\"llm\", \"Compression\"],"
  "   \"title\": {\"zh_CN\": \"知识蒸馏\", \"en\": \"Knowledge distillation\"},"
  "   \"question\": {\"zh_CN\": \"什么是知识蒸馏？\", \"en\": \"What is knowledge distillation?\"},"
  "   \"answer\": {\"zh_CN\": \"用大模型教小模型。\", \"en\": \"A large model teaches a small model.\"},"
  "   \"explanation\": {\"zh_CN\": \"温度让分布更平滑。\", \"en\": \"Temperature smooths the targets.\"}},"
  "  {\"id\": \"bank\", \"topic\": \"basics\", \"tags\": [\"llm-eval\"],"
  "   \"title\": {\"zh_CN\": \"銀行風控\", \"en\": \"Bank risk\"},"
  "   \"question\": {\"zh_CN\": \"模型如何用于銀行？\", \"en\": \"How do banks use a model?\"},"
  "   \"answer\": {\"zh_CN\": \"评分。\", \"en\": \"Scoring.\"}},"
  "  {\"id\": \"gpu\", \"topic\": \"basics\", \"tags\": [\"hardware\"],"
  "   \"title\": {\"zh_CN\": \"显存\", \"en\": \"GPU memory\"},"
  "   \"question\": {\"zh_CN\": \"显存不够怎么办？\", \"en\": \"Out of GPU memory?\"},"
  "   \"answer\": {\"zh_CN\": \"量化或者蒸馏。\", \"en\": \"Quantize, or distil a small model.\"}}"
  " ]}";

static ShuatiDeck *
load_lang_deck (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (lang_deck_json, strlen (lang_deck_json));
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return deck;
}

/* The ids of the cards @text finds, in deck order, joined by spaces. */
static char *
search_ids (ShuatiDeck               *deck,
            const char               *text,
            const ShuatiQueryContext *context)
{
  g_autoptr(ShuatiQuery) query = shuati_query_new (text);
  g_autoptr(GString) ids = g_string_new (NULL);
  const GError *error = shuati_query_get_error (query, NULL);

  if (error != NULL)
    g_error ("\"%s\": %s", text, error->message);
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);

      if (shuati_query_match (query, card, context) != SHUATI_MATCH_NONE)
        g_string_append_printf (ids, "%s%s", ids->len ? " " : "", shuati_card_get_id (card));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_query_language (void)
{
  g_autoptr(ShuatiDeck) deck = load_lang_deck ();
  static const struct { const char *query; const char *ids; } cases[] = {
    { "model", "kd bank gpu" },
    { "model small", "kd gpu" },
    { "small model", "kd gpu" },
    { "\"small model\"", "kd gpu" },
    { "\"model small\"", "" },
    { "“大模型”", "kd" },
    { "model -bank", "kd gpu" },
    { "-model", "" },
    { "-(bank OR gpu)", "kd" },
    { "bank OR gpu", "bank gpu" },
    { "bank OR gpu OR temperature", "kd bank gpu" },
    { "(bank OR gpu) scoring", "bank" },
    { "bank OR gpu scoring", "bank" },
    { "distil AND small", "kd gpu" },
    { "question:distillation", "kd" },
    { "answer:distil", "gpu" },
    { "answer:蒸馏", "gpu" },
    { "explanation:temperature", "kd" },
    { "explanation:scoring", "" },
    { "title:gpu", "gpu" },
    { "QUESTION:yinhang", "bank" },
    { "tag:llm", "kd" },
    { "tag:llm*", "kd bank" },
    { "tag:compression", "kd" },
    { "tag:comp", "" },
    { "topic:basics", "bank gpu" },
    { "topic:llm", "kd" },
    { "deck:lang", "kd bank gpu" },
    { "deck:other", "" },
    /* Pinyin, initials and Traditional through the language. */
    { "zszl", "kd" },
    { "zhengliu", "kd gpu" },
    { "yinhang", "bank" },
    { "银行", "bank" },
    { "yh OR xiancun", "bank gpu" },
    { "\"zszl\"", "" },
    /* A colon in a word that is no field. */
    { "c++:", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_ids (deck, cases[i].query, NULL);

      if (!g_str_equal (ids, cases[i].ids))
        g_error ("\"%s\" found \"%s\", expected \"%s\"", cases[i].query, ids, cases[i].ids);
    }
}

static void
test_query_ranking (void)
{
  g_autoptr(ShuatiDeck) deck = load_lang_deck ();
  ShuatiCard *kd = shuati_deck_get_card (deck, 0);
  ShuatiCard *bank = shuati_deck_get_card (deck, 1);
  static const struct { const char *query; guint card; ShuatiMatchKind kind; } cases[] = {
    { "distillation", 0, SHUATI_MATCH_EXACT },
    { "知识蒸馏", 0, SHUATI_MATCH_EXACT },
    { "zhishizhengliu", 0, SHUATI_MATCH_PINYIN },
    { "zszl", 0, SHUATI_MATCH_INITIALS },
    { "zszl OR distillation", 0, SHUATI_MATCH_EXACT },
    { "zszl distillation", 0, SHUATI_MATCH_INITIALS },
    { "yinhang", 1, SHUATI_MATCH_PINYIN },
    { "yinhang", 0, SHUATI_MATCH_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ShuatiQuery) query = shuati_query_new (cases[i].query);

      g_assert_cmpint (shuati_query_match (query, cases[i].card == 0 ? kd : bank, NULL), ==, cases[i].kind);
    }
}

static void
test_query_errors (void)
{
  static const struct { const char *query; ShuatiQueryError code; guint position; } cases[] = {
    { "\"large model", SHUATI_QUERY_ERROR_UNCLOSED_QUOTE, 0 },
    { "知识 \"蒸馏", SHUATI_QUERY_ERROR_UNCLOSED_QUOTE, 3 },
    { "a (b OR c", SHUATI_QUERY_ERROR_UNCLOSED_PARENTHESIS, 2 },
    { "a b)", SHUATI_QUERY_ERROR_UNEXPECTED_PARENTHESIS, 3 },
    { ")", SHUATI_QUERY_ERROR_UNEXPECTED_PARENTHESIS, 0 },
    { "a ( ) b", SHUATI_QUERY_ERROR_EMPTY_PARENTHESES, 2 },
    { "OR a", SHUATI_QUERY_ERROR_MISSING_OPERAND, 0 },
    { "a OR", SHUATI_QUERY_ERROR_MISSING_OPERAND, 2 },
    { "a OR OR b", SHUATI_QUERY_ERROR_MISSING_OPERAND, 2 },
    { "(a OR) b", SHUATI_QUERY_ERROR_MISSING_OPERAND, 3 },
    { "a -", SHUATI_QUERY_ERROR_MISSING_OPERAND, 2 },
    { "a - b", SHUATI_QUERY_ERROR_MISSING_OPERAND, 2 },
    { "\"\"", SHUATI_QUERY_ERROR_EMPTY_VALUE, 0 },
    { "tag:", SHUATI_QUERY_ERROR_EMPTY_VALUE, 0 },
    { "x question: y", SHUATI_QUERY_ERROR_EMPTY_VALUE, 2 },
    { "tag:\"llm", SHUATI_QUERY_ERROR_UNCLOSED_QUOTE, 4 },
    { "is:sleeping", SHUATI_QUERY_ERROR_UNKNOWN_STATE, 3 },
    { "x is:mistakes", SHUATI_QUERY_ERROR_UNKNOWN_STATE, 5 },
    { "prop:mood>1", SHUATI_QUERY_ERROR_UNKNOWN_PROPERTY, 5 },
    { "prop:lapses", SHUATI_QUERY_ERROR_BAD_COMPARISON, 11 },
    { "prop:lapses~2", SHUATI_QUERY_ERROR_BAD_COMPARISON, 11 },
    { "prop:lapses>", SHUATI_QUERY_ERROR_BAD_COMPARISON, 12 },
    { "prop:lapses>two", SHUATI_QUERY_ERROR_BAD_COMPARISON, 12 },
    { "prop:r<0.8x", SHUATI_QUERY_ERROR_BAD_COMPARISON, 7 },
    { "prop:r<nan", SHUATI_QUERY_ERROR_BAD_COMPARISON, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ShuatiQuery) query = shuati_query_new (cases[i].query);
      guint position = G_MAXUINT;
      const GError *error = shuati_query_get_error (query, &position);

      if (error == NULL)
        g_error ("\"%s\" parsed", cases[i].query);
      g_assert_error ((GError *)error, SHUATI_QUERY_ERROR, (int)cases[i].code);
      g_assert_cmpuint (position, ==, cases[i].position);
      g_assert_cmpstr (error->message, !=, "");
      /* A query with an error is not empty and matches nothing. */
      g_assert_false (shuati_query_is_empty (query));
      g_assert_false (shuati_query_matches_text (query, "a b c large model"));
    }

  /* Deep nesting is refused, not recursed into. */
  {
    g_autofree char *deep = g_strnfill (500, '(');
    g_autoptr(ShuatiQuery) query = shuati_query_new (deep);

    g_assert_error ((GError *)shuati_query_get_error (query, NULL), SHUATI_QUERY_ERROR,
                    SHUATI_QUERY_ERROR_TOO_DEEP);
  }
  /* What is no error. */
  {
    static const char * const fine[] = {
      "", "   ", "a", "a-b", "-a", "((a))", "a AND b", "or", "Or a", "c++:", "prop:r<0.8",
      "prop:lapses>=2", "prop:d!=5", "prop:s=1.5", "is:new", "IS:DUE", "tag:a*", "deck:\"x y\"",
    };

    for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
      {
        g_autoptr(ShuatiQuery) query = shuati_query_new (fine[i]);
        const GError *error = shuati_query_get_error (query, NULL);

        if (error != NULL)
          g_error ("\"%s\": %s", fine[i], error->message);
      }
  }
}

#define DAY (24 * 60 * 60)
#define NOW ((gint64)1780000000)

static void
put_memory (ShuatiStore     *store,
            const char      *card_id,
            ShuatiCardState  state,
            double           stability,
            double           difficulty,
            gint64           last_review,
            gint64           due,
            guint            reps,
            guint            lapses)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory zero = { 0 };
  ShuatiMemory m = { state, 0, stability, difficulty, due, last_review, reps, lapses };

  g_assert_cmpint (shuati_store_record_review (store, "lang", card_id, &zero, &m,
                                               SHUATI_RATING_GOOD, last_review, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_query_states (void)
{
  g_autoptr(ShuatiDeck) deck = load_lang_deck ();
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = shuati_test_make_dir ("search-states");
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  ShuatiQueryContext context;
  static const struct { const char *query; const char *ids; } cases[] = {
    { "is:new", "gpu" },
    { "is:learning", "bank" },
    { "is:review", "kd" },
    { "is:due", "bank" },
    { "is:starred", "gpu" },
    { "-is:new model", "kd bank" },
    { "is:new OR is:learning", "bank gpu" },
    { "prop:lapses>2", "kd" },
    { "prop:lapses>=1", "kd bank" },
    { "prop:lapses=0", "gpu" },
    { "prop:reviews>=5", "kd" },
    { "prop:reviews<5", "bank gpu" },
    { "prop:ivl>30", "kd" },
    { "prop:ivl<=30", "bank" },
    { "prop:due<=3", "bank" },
    { "prop:due>3", "kd" },
    { "prop:r<0.8", "bank" },
    { "prop:r>0.8", "kd" },
    { "prop:s>10", "kd" },
    { "prop:s<10", "bank" },
    { "prop:d>5", "bank" },
    { "prop:d!=3", "bank" },
    { "prop:d>=3 zszl", "kd" },
  };
  static const struct { const char *query; const char *ids; } mark_cases[] = {
    { "is:suspended", "gpu" },
    { "is:buried", "bank" },
    { "is:mistake", "kd" },
    { "IS:Mistake zszl", "kd" },
    { "-is:suspended", "kd bank" },
    { "is:suspended OR is:buried", "bank gpu" },
    { "is:mistake is:suspended", "" },
  };

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  /* kd: in review, safe for two months; bank: relearning, forgotten. */
  put_memory (store, "kd", SHUATI_CARD_REVIEW, 60.0, 3.0, NOW - 10 * DAY, NOW + 50 * DAY, 7, 3);
  put_memory (store, "bank", SHUATI_CARD_RELEARNING, 1.0, 8.0, NOW - 5 * DAY, NOW - 600, 2, 1);
  g_assert_true (shuati_store_set_starred (store, "lang", "gpu", TRUE, &error));
  g_assert_no_error (error);
  progress = shuati_progress_new (deck, store, NOW, &error);
  g_assert_no_error (error);
  context = (ShuatiQueryContext) { progress, NOW };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_ids (deck, cases[i].query, &context);

      if (!g_str_equal (ids, cases[i].ids))
        g_error ("\"%s\" found \"%s\", expected \"%s\"", cases[i].query, ids, cases[i].ids);
    }

  /* Without progress (the GNOME Shell provider), states match nothing. */
  {
    g_autofree char *ids = search_ids (deck, "is:new OR prop:lapses>=0", NULL);
    g_assert_cmpstr (ids, ==, "");
  }

  /* No card is suspended, buried or in the mistake book yet. */
  {
    g_autofree char *ids = search_ids (deck, "is:suspended OR is:buried OR is:mistake", &context);
    g_autofree char *all = search_ids (deck, "-is:suspended -is:buried -is:mistake", &context);

    g_assert_cmpstr (ids, ==, "");
    g_assert_cmpstr (all, ==, "kd bank gpu");
  }

  /* Marks made through the store, read back by a new progress. */
  {
    static const char * const suspend[] = { "gpu", NULL };
    static const char * const bury[] = { "bank", NULL };

    g_assert_true (shuati_store_set_suspended (store, "lang", suspend, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (shuati_store_bury (store, "lang", bury, shuati_day_end (NOW), &error));
    g_assert_no_error (error);
    g_assert_true (shuati_store_set_mistake (store, "lang", "kd", TRUE, NOW, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&progress);
  progress = shuati_progress_new (deck, store, NOW, &error);
  g_assert_no_error (error);
  context = (ShuatiQueryContext) { progress, NOW };
  for (guint i = 0; i < G_N_ELEMENTS (mark_cases); i++)
    {
      g_autofree char *ids = search_ids (deck, mark_cases[i].query, &context);

      if (!g_str_equal (ids, mark_cases[i].ids))
        g_error ("\"%s\" found \"%s\", expected \"%s\"", mark_cases[i].query, ids, mark_cases[i].ids);
    }
  /* Without progress they match nothing either. */
  {
    g_autofree char *ids = search_ids (deck, "is:suspended OR is:buried OR is:mistake", NULL);
    g_assert_cmpstr (ids, ==, "");
  }

  g_clear_object (&progress);
  g_clear_object (&store);
  shuati_test_remove_tree (dir);
}

/* Random plain queries, typed one character at a time: a query that grew
 * never finds a card the shorter one did not (what MORE_STRICT tells GTK). */
static void
test_query_stricter_random (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  static const char * const pieces[] = {
    "zh", "sh", "ch", "z", "s", "l", "i", "e", "ng", "a", "u", "v", " ", "知", "识", "蒸", "模型",
    "model", "x", "h", "d", "j", "q", "g", "o",
  };

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(ShuatiQuery) previous = shuati_query_new (NULL);

      for (guint step = 0; step < 6; step++)
        {
          g_autoptr(ShuatiQuery) query = NULL;

          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          query = shuati_query_new (text->str);
          if (!shuati_query_is_stricter (query, previous))
            {
              g_clear_pointer (&previous, shuati_query_unref);
              previous = g_steal_pointer (&query);
              continue;
            }
          for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
            {
              ShuatiCard *card = shuati_deck_get_card (deck, i);

              if (shuati_query_matches (query, card) && !shuati_query_matches (previous, card))
                g_error ("\"%s\" finds %s, which \"%s\" did not",
                         shuati_query_get_text (query), shuati_card_get_id (card),
                         shuati_query_get_text (previous));
            }
          g_clear_pointer (&previous, shuati_query_unref);
          previous = g_steal_pointer (&query);
        }
    }
}

/* What the search filter does on each keystroke, matching again from
 * where each word matched before, gives the same cards as matching each
 * card from scratch: random typing, with backspaces, new words, query
 * language in between, and two decks whose cards share positions. */
static void
test_query_resume_random (void)
{
  g_autoptr(ShuatiDeck) corpus = shuati_test_load_corpus ();
  g_autoptr(ShuatiDeck) lang = load_lang_deck ();
  g_autoptr(ShuatiQueryResume) resume = shuati_query_resume_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1515);
  static const char * const pieces[] = {
    "zh", "sh", "ch", "z", "s", "l", "i", "e", "ng", "a", "u", "v", " ", "知", "识", "蒸", "模型",
    "model", "x", "h", "d", "j", "q", "g", "o", "t", "n", "di", "du", "ti", "ion", "gpu", "-",
    "知识zl", "zszl", "ü", "學", "ＡＩ", "(", ")", "OR ", "is:new ", "\"", "tag:", "k", "m", "b",
  };
  guint n_checked = 0;
  guint n_found = 0;

  for (guint round = 0; round < 150; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint step = 0; step < 12; step++)
        {
          g_autoptr(ShuatiQuery) query = NULL;
          guint r = g_rand_int_range (rand, 0, 10);

          if (r == 0 && text->len > 0)
            {
              /* Backspace: one character off the end. */
              const char *last = g_utf8_find_prev_char (text->str, text->str + text->len);

              g_string_truncate (text, last - text->str);
            }
          else if (r == 1)
            g_string_truncate (text, 0);
          else
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

          query = shuati_query_new (text->str);
          shuati_query_resume_set_query (resume, query);
          for (guint d = 0; d < 2; d++)
            {
              ShuatiDeck *deck = d == 0 ? corpus : lang;

              /* GTK rechecks only some cards after a keystroke: the others
               * keep what an older query left. */
              for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
                {
                  ShuatiCard *card = shuati_deck_get_card (deck, i);
                  gboolean expected;

                  if (g_rand_int_range (rand, 0, 3) == 0)
                    continue;
                  expected = shuati_query_matches (query, card);
                  if (shuati_query_resume_match (resume, card, NULL) != expected)
                    g_error ("\"%s\": card %s %s, but from scratch it %s", text->str,
                             shuati_card_get_id (card), expected ? "was missed" : "was found",
                             expected ? "matches" : "does not");
                  n_checked++;
                  n_found += expected;
                }
            }
        }
    }

  /* Both answers were seen often: the test covers matches and misses. */
  g_assert_cmpuint (n_found, >, n_checked / 20);
  g_assert_cmpuint (n_found, <, n_checked - n_checked / 20);
}

/* A word that grew at its end is found again from where the shorter one
 * was, with the same answer as looking for it from scratch. */
static void
test_pinyin_find_again (void)
{
  static const char * const texts[] = {
    "知识蒸馏 distillation", "这是知识", "zhi shi", "行长说了", "模型 知識蒸餾", "",
  };
  static const char * const words[] = { "zhishizhengliu", "zszl", "distil", "知识zl", "xingzhang", "hzsl" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      {
        g_autofree char *text = shuati_pinyin_fold_string (texts[t], -1);
        ShuatiPinyinResume resume = SHUATI_PINYIN_RESUME_INIT;
        const char *end = words[w];

        while (*end != '\0')
          {
            g_autofree char *prefix = NULL;
            g_autoptr(ShuatiPinyinPattern) pattern = NULL;
            ShuatiMatchKind expected;

            end = g_utf8_next_char (end);
            prefix = g_strndup (words[w], end - words[w]);
            pattern = shuati_pinyin_pattern_new (prefix);
            expected = shuati_pinyin_pattern_find (pattern, text, strlen (text), NULL, NULL);
            g_assert_cmpint (shuati_pinyin_pattern_find_again (pattern, text, strlen (text), &resume), ==, expected);
            if (expected == SHUATI_MATCH_NONE)
              g_assert_cmpuint (resume.pinyin_from, ==, SHUATI_PINYIN_NOWHERE);
          }
      }
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
  g_test_add_func ("/shuati/search/pinyin/table", test_pinyin_table);
  g_test_add_func ("/shuati/search/pinyin/fold", test_pinyin_fold);
  g_test_add_func ("/shuati/search/pinyin/match", test_pinyin_match);
  g_test_add_func ("/shuati/search/pinyin/ranges", test_pinyin_ranges);
  g_test_add_func ("/shuati/search/pinyin/generator", test_pinyin_generator);
  g_test_add_func ("/shuati/search/query/language", test_query_language);
  g_test_add_func ("/shuati/search/query/ranking", test_query_ranking);
  g_test_add_func ("/shuati/search/query/errors", test_query_errors);
  g_test_add_func ("/shuati/search/query/states", test_query_states);
  g_test_add_func ("/shuati/search/query/stricter-random", test_query_stricter_random);
  g_test_add_func ("/shuati/search/query/resume-random", test_query_resume_random);
  g_test_add_func ("/shuati/search/pinyin/find-again", test_pinyin_find_again);

  return g_test_run ();
}
