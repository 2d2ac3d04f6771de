/* test-markdown.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <pango/pango.h>

#include "shuati-deck.h"
#include "shuati-markdown.h"
#include "shuati-test-utils.h"

typedef struct
{
  const char *name;
  const char *input;
  const char *markup;
  /* What the user sees: the text Pango gets back from the markup. */
  const char *shown;
} Case;

static void
assert_parses_to (const char *markup,
                  const char *shown)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  ok = pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (text, ==, shown);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *markup = shuati_markdown_to_pango (c->input);

  g_assert_cmpstr (markup, ==, c->markup);
  assert_parses_to (markup, c->shown);
}

static const Case constructs[] = {
  { "empty", "", "", "" },
  { "blank-only", " \n\t\n\n  ", "", "" },
  { "paragraph", "大模型是指神经网络模型。", "大模型是指神经网络模型。", "大模型是指神经网络模型。" },
  { "paragraphs", "第一段。\n\n第二段。", "第一段。\n\n第二段。", "第一段。\n\n第二段。" },
  { "paragraphs/many-blank-lines", "\n\none\n\n\n\n \t \ntwo\n\n", "one\n\ntwo", "one\n\ntwo" },
  { "paragraphs/trimmed-lines", "  one  \n\ttwo\t", "one\ntwo", "one\ntwo" },
  { "soft-break", "line one\nline two", "line one\nline two", "line one\nline two" },
  { "bold", "**特点：**", "<b>特点：</b>", "特点：" },
  { "bold/label-then-text", "**特点：**后文", "<b>特点：</b>后文", "特点：后文" },
  { "bold/several", "a **b** c **d**", "a <b>b</b> c <b>d</b>", "a b c d" },
  { "bold/adjacent", "**a**b**c**", "<b>a</b>b<b>c</b>", "abc" },
  { "bold/across-lines", "**a\nb**", "<b>a\nb</b>", "a\nb" },
  { "numbered",
    "1. **参数数量庞大：** 大模型具有数十亿参数。\n2. **计算资源需求高：** 需要 GPU。",
    "1. <b>参数数量庞大：</b> 大模型具有数十亿参数。\n2. <b>计算资源需求高：</b> 需要 GPU。",
    "1. 参数数量庞大： 大模型具有数十亿参数。\n2. 计算资源需求高： 需要 GPU。" },
  { "numbered/leading-spaces", "  1. a\n   2. b\n\t3. c", "1. a\n2. b\n3. c", "1. a\n2. b\n3. c" },
  { "numbered/digits-as-written", "01. a\n10. b\n999999999. c", "01. a\n10. b\n999999999. c", "01. a\n10. b\n999999999. c" },
  { "numbered/extra-blanks", "1.    a", "1. a", "1. a" },
  { "numbered/loose", "1. a\n\n2. b", "1. a\n2. b", "1. a\n2. b" },
  { "numbered/continuation", "1. a\n   more of a\n2. b", "1. a\nmore of a\n2. b", "1. a\nmore of a\n2. b" },
  { "numbered/empty-item", "1. \n2. b", "1.\n2. b", "1.\n2. b" },
  { "not-numbered", "1.5 GB\n\n2023.Year\n\n1234567890. too long\n\n1.\n\n1) a\n\n.5 a",
    "1.5 GB\n\n2023.Year\n\n1234567890. too long\n\n1.\n\n1) a\n\n.5 a",
    "1.5 GB\n\n2023.Year\n\n1234567890. too long\n\n1.\n\n1) a\n\n.5 a" },
  { "bullets", "- a\n* b\n• c\n  - d", "• a\n• b\n• c\n• d", "• a\n• b\n• c\n• d" },
  { "bullets/with-bold", "* **x** y\n- **z**", "• <b>x</b> y\n• <b>z</b>", "• x y\n• z" },
  { "not-bullets", "-a\n\n*b\n\n•c\n\n---\n\n***",
    "-a\n\n*b\n\n•c\n\n---\n\n***", "-a\n\n*b\n\n•c\n\n---\n\n***" },
  { "mixed",
    "大模型的应用包括：\n\n1. **预训练：** 学习特征。\n2. **迁移学习：** 微调。\n\n**优势：**\n\n- 高精度\n- 强泛化\n\n结论。",
    "大模型的应用包括：\n\n1. <b>预训练：</b> 学习特征。\n2. <b>迁移学习：</b> 微调。\n\n<b>优势：</b>\n\n• 高精度\n• 强泛化\n\n结论。",
    "大模型的应用包括：\n\n1. 预训练： 学习特征。\n2. 迁移学习： 微调。\n\n优势：\n\n• 高精度\n• 强泛化\n\n结论。" },
  { "mixed/no-blank-lines", "Steps:\n1. a\n- b\n2. c\nafter c", "Steps:\n\n1. a\n• b\n2. c\nafter c",
    "Steps:\n\n1. a\n• b\n2. c\nafter c" },
  { "mixed/list-then-paragraph", "1. a\n2. b\n\nDone.", "1. a\n2. b\n\nDone.", "1. a\n2. b\n\nDone." },
  { "crlf", "a\r\nb\r\n\r\n1. c\r\n2. **d**\r\n", "a\nb\n\n1. c\n2. <b>d</b>", "a\nb\n\n1. c\n2. d" },
  { "cr", "a\rb\r\rc", "a\nb\n\nc", "a\nb\n\nc" },
  { "unsupported-is-literal", "# Heading\n\n_x_ `code` [link](http://x) ~~s~~",
    "# Heading\n\n_x_ `code` [link](http://x) ~~s~~", "# Heading\n\n_x_ `code` [link](http://x) ~~s~~" },
};

static const Case injections[] = {
  { "span", "<span foreground=\"red\">red</span>",
    "&lt;span foreground=&quot;red&quot;&gt;red&lt;/span&gt;", "<span foreground=\"red\">red</span>" },
  { "ampersand", "A & B", "A &amp; B", "A & B" },
  { "entity", "&amp; &lt; &#60; &#x0;", "&amp;amp; &amp;lt; &amp;#60; &amp;#x0;", "&amp; &lt; &#60; &#x0;" },
  { "open-tag", "<b", "&lt;b", "<b" },
  { "close-tag", "</b></span>", "&lt;/b&gt;&lt;/span&gt;", "</b></span>" },
  { "cdata", "<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;", "<![CDATA[x]]>" },
  { "cdata-end", "]]>", "]]&gt;", "]]>" },
  { "quotes", "'\"", "&apos;&quot;", "'\"" },
  { "markup-inside-bold", "**<i>x</i>&**", "<b>&lt;i&gt;x&lt;/i&gt;&amp;</b>", "<i>x</i>&" },
  { "markup-in-item", "1. <b>x</b>\n- &amp;", "1. &lt;b&gt;x&lt;/b&gt;\n• &amp;amp;", "1. <b>x</b>\n• &amp;" },
  { "lone-star", "a * b *c* d*", "a * b *c* d*", "a * b *c* d*" },
  { "unclosed-bold", "**x", "**x", "**x" },
  { "unclosed-bold-at-end", "x**", "x**", "x**" },
  { "unclosed-after-pair", "**a** **b", "<b>a</b> **b", "a **b" },
  { "three-stars", "***x***", "***x***", "***x***" },
  { "four-stars", "****", "****", "****" },
  { "many-stars", "a ****** b", "a ****** b", "a ****** b" },
  { "bold-blank-inside", "** x **", "** x **", "** x **" },
  { "bold-only-markers", "** **", "** **", "** **" },
  { "nested", "**a **b** c**", "**a <b>b</b> c**", "**a b c**" },
  { "crossing", "**a *b** c*", "<b>a *b</b> c*", "a *b c*" },
  { "crossing-lines", "**a\n\nb**", "**a\n\nb**", "**a\n\nb**" },
  { "control-characters", "a\x01" "b\x1f" "c\x7f", "a&#x1;b&#x1f;c&#x7f;", "a\x01" "b\x1f" "c\x7f" },
  { "tab-inside", "a\tb", "a\tb", "a\tb" },
  { "c1-controls", "\xc2\x80\xc2\x85\xc2\x9f", "&#x80;\xc2\x85&#x9f;", "\xc2\x80\xc2\x85\xc2\x9f" },
  { "vertical-tab-form-feed", "\x0b\x0c", "&#xb;&#xc;", "\x0b\x0c" },
  { "noncharacters", "\xef\xbf\xbf\xef\xbf\xbe\xf4\x8f\xbf\xbf", "\xef\xbf\xbf\xef\xbf\xbe\xf4\x8f\xbf\xbf",
    "\xef\xbf\xbf\xef\xbf\xbe\xf4\x8f\xbf\xbf" },
  { "invalid-utf8", "a\xff\xfe" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b" },
  { "truncated-utf8", "**x**\xe5\xa4", "<b>x</b>\xef\xbf\xbd\xef\xbf\xbd", "x\xef\xbf\xbd\xef\xbf\xbd" },
  { "overlong-utf8", "\xc0\xbc" "b", "\xef\xbf\xbd\xef\xbf\xbd" "b", "\xef\xbf\xbd\xef\xbf\xbd" "b" },
  { "surrogate", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
  { "invalid-in-bullet-marker", "\xe2\x80 x", "\xef\xbf\xbd\xef\xbf\xbd x", "\xef\xbf\xbd\xef\xbf\xbd x" },
  { "line-separator", "a\xe2\x80\xa8" "b", "a\xe2\x80\xa8" "b", "a\xe2\x80\xa8" "b" },
};

static char *
strip_pairs (const char *text)
{
  /* Every second marker opens and the next closes, so all disappear. */
  g_auto(GStrv) parts = g_strsplit (text, "**", -1);
  return g_strjoinv ("", parts);
}

static void
test_long_line_shown (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (input, "<a href=\"x\">&amp;**");
  /* An even number of markers, each with text on both sides. */
  g_string_append (input, "end");

  markup = shuati_markdown_to_pango (input->str);
  expected = strip_pairs (input->str);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &shown, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_null (strstr (markup, "**"));
}

static void
test_linear_time (void)
{
  const gsize size = 1024 * 1024;
  static const char * const lines[] = {
    "**open without close <&> \n",
    "1. **label：** text & more\n",
    "- bullet ***\n",
    "\n",
    "plain line with ** markers ** that never pair\r\n",
  };
  g_autoptr(GString) input = g_string_sized_new (size + 64);
  g_autoptr(GString) one_line = g_string_sized_new (size + 64);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *line_markup = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *shown = NULL;
  guint n_items = 0;

  for (guint i = 0; input->len < size; i++)
    {
      g_string_append (input, lines[i % G_N_ELEMENTS (lines)]);
      if (i % G_N_ELEMENTS (lines) == 1)
        n_items++;
    }

  /* One 1 MB line of openers that never close: the worst case for a
   * search for the closing marker from each opener. */
  while (one_line->len < size)
    g_string_append (one_line, "**a ");

  markup = shuati_markdown_to_pango (input->str);
  line_markup = shuati_markdown_to_pango (one_line->str);
  plain = shuati_markdown_to_plain (input->str);
  points = shuati_markdown_extract_points (input->str);

  /* Quadratic work on 1 MB would take minutes. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pango_parse_markup (line_markup, -1, 0, NULL, &shown, NULL, &error));
  g_assert_no_error (error);
  g_strchomp (one_line->str);
  g_assert_cmpstr (shown, ==, one_line->str);
  g_assert_cmpuint (points->len, ==, n_items);
  g_assert_cmpstr (g_ptr_array_index (points, 0), ==, "label： text & more");
  g_assert_null (strchr (plain, '\n'));
}

static void
test_points_llm_001 (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  ShuatiCard *card = shuati_deck_lookup_card (deck, "llm-001");
  g_autoptr(GPtrArray) zh = NULL;
  g_autoptr(GPtrArray) en = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_nonnull (card);
  zh = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, "zh_CN"));
  en = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_ANSWER, "en"));

  g_assert_cmpuint (zh->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (zh, 0), ==,
                   "参数数量庞大： 大模型具有数十亿到数千亿的参数，这使得模型可以捕捉到数据中的复杂模式和关联。");
  g_assert_cmpstr (g_ptr_array_index (zh, 4), ==,
                   "易受攻击： 大模型容易受到对抗攻击，即通过微小扰动来破坏模型的输出。");
  g_assert_cmpuint (en->len, ==, 5);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (en, 0), "Massive parameter count: Large models"));

  /* The explanation is one paragraph without a list. */
  none = shuati_markdown_extract_points (shuati_card_get_text_exact (card, SHUATI_FIELD_EXPLANATION, "zh_CN"));
  g_assert_cmpuint (none->len, ==, 0);
}

static guint
count_numbered_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *p = lines[i];

      while (*p == ' ')
        p++;
      if (!g_ascii_isdigit (*p))
        continue;
      while (g_ascii_isdigit (*p))
        p++;
      if (p[0] == '.' && p[1] == ' ')
        n++;
    }

  return n;
}

/* Every text of the built-in deck renders, keeps no stray marker, and
 * yields one point per numbered line. */
static void
test_corpus_texts (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  guint n_cards = shuati_deck_get_n_cards (deck);
  guint total_points = 0;

  for (guint i = 0; i < n_cards; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);

      for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
        for (guint l = 0; l < 2; l++)
          {
            const char *text = shuati_card_get_text_exact (card, f, l == 0 ? "zh_CN" : "en");
            g_autofree char *markup = shuati_markdown_to_pango (text);
            g_autofree char *plain = shuati_markdown_to_plain (text);
            g_autofree char *shown = NULL;
            g_autoptr(GPtrArray) points = shuati_markdown_extract_points (text);
            g_autoptr(GError) error = NULL;

            g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &shown, NULL, &error));
            g_assert_no_error (error);
            g_assert_null (strstr (shown, "**"));
            g_assert_null (strstr (plain, "**"));
            g_assert_null (strchr (plain, '\n'));
            g_assert_cmpuint (points->len, ==, count_numbered_lines (text));
            total_points += points->len;
            for (guint p = 0; p < points->len; p++)
              g_assert_nonnull (strstr (plain, g_ptr_array_index (points, p)));
          }
    }

  g_assert_cmpuint (total_points, >, 0);
}

static void
test_points (void)
{
  static const struct {
    const char *input;
    const char *points[4];
  } cases[] = {
    { "", { NULL } },
    { "No list here.\n\n- only\n- bullets", { NULL } },
    { "1. a\n   continued\n- b\n2. **c**", { "a continued", "c", NULL } },
    { "Intro\n 3. **x** <y> & z\n\n7. ***w***\n\nAfter.", { "x <y> & z", "***w***", NULL } },
    { "1.\n1.5 GB\n2. \n", { NULL } },
    { "1. a\r\n2. b\r\n", { "a", "b", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) points = shuati_markdown_extract_points (cases[i].input);

      g_test_message ("case %u: %s", i, cases[i].input);
      g_assert_cmpuint (points->len, ==, g_strv_length ((char **) cases[i].points));
      for (guint p = 0; p < points->len; p++)
        g_assert_cmpstr (g_ptr_array_index (points, p), ==, cases[i].points[p]);
    }
}

static void
test_plain (void)
{
  static const char * const cases[][2] = {
    { "", "" },
    { "**特点：**\n\n1. **参数：** 数量\n2. 资源\n- 高\n\n结论。", "特点： 1. 参数： 数量 2. 资源 • 高 结论。" },
    { "line one\nline two\r\nthree", "line one line two three" },
    { "<b>&amp; \"q\"", "<b>&amp; \"q\"" },
    { "**x and ***y*** and ****", "**x and ***y*** and ****" },
    { "  1.   a  \n\n\n  * b", "1. a • b" },
    { "a\xff" "b", "a\xef\xbf\xbd" "b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = shuati_markdown_to_plain (cases[i][0]);

      g_assert_cmpstr (plain, ==, cases[i][1]);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

static void
test_parse (void)
{
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse ("**Intro**\nmore\n\n  12. **a** b\n\tcont\n* c\n\n• \nafter");
  const ShuatiMarkdownBlock *b;

  g_assert_cmpuint (blocks->len, ==, 4);

  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_PARAGRAPH);
  g_assert_cmpuint (b->number, ==, 0);
  g_assert_null (b->marker);
  g_assert_cmpstr (b->text, ==, "**Intro**\nmore");

  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_NUMBERED);
  g_assert_cmpuint (b->number, ==, 12);
  g_assert_cmpstr (b->marker, ==, "12.");
  g_assert_cmpstr (b->text, ==, "**a** b\ncont");

  b = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_BULLET);
  g_assert_cmpstr (b->marker, ==, "•");
  g_assert_cmpstr (b->text, ==, "c");

  /* An empty bullet takes the line after it as its text. */
  b = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_BULLET);
  g_assert_cmpstr (b->text, ==, "after");
}

static void
test_inline (void)
{
  g_autofree char *markup = shuati_markdown_inline_to_pango ("**a** <b>\n1. x");
  g_autofree char *plain = shuati_markdown_inline_to_plain ("**a** <b>\n1. x");
  g_autofree char *invalid = shuati_markdown_inline_to_pango ("**\xff**");

  g_assert_cmpstr (markup, ==, "<b>a</b> &lt;b&gt;\n1. x");
  assert_parses_to (markup, "a <b>\n1. x");
  g_assert_cmpstr (plain, ==, "a <b> 1. x");
  g_assert_cmpstr (invalid, ==, "<b>\xef\xbf\xbd</b>");
}

/* One line for a list row or a search result: emphasis and code marks
 * go, and a long text is cut with an ellipsis after @max_chars. */
static void
test_snippet (void)
{
  g_autofree char *line = shuati_markdown_to_snippet ("  **Soft** labels:\n\n1. use `logits`\n", 80);
  g_autofree char *empty = shuati_markdown_to_snippet (NULL, 80);
  g_autofree char *cut = shuati_markdown_to_snippet ("知识蒸馏的温度", 4);
  g_autofree char *exact = shuati_markdown_to_snippet ("知识蒸馏", 4);

  g_assert_cmpstr (line, ==, "Soft labels: 1. use logits");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (cut, ==, "知识蒸馏…");
  g_assert_cmpstr (exact, ==, "知识蒸馏");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (constructs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/shuati/markdown/pango/%s", constructs[i].name);
      g_test_add_data_func (name, &constructs[i], test_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (injections); i++)
    {
      g_autofree char *name = g_strdup_printf ("/shuati/markdown/escape/%s", injections[i].name);
      g_test_add_data_func (name, &injections[i], test_case);
    }
  g_test_add_func ("/shuati/markdown/escape/long-line", test_long_line_shown);
  g_test_add_func ("/shuati/markdown/linear-time", test_linear_time);
  g_test_add_func ("/shuati/markdown/points/llm-001", test_points_llm_001);
  g_test_add_func ("/shuati/markdown/points/cases", test_points);
  g_test_add_func ("/shuati/markdown/corpus", test_corpus_texts);
  g_test_add_func ("/shuati/markdown/plain", test_plain);
  g_test_add_func ("/shuati/markdown/parse", test_parse);
  g_test_add_func ("/shuati/markdown/inline", test_inline);
  g_test_add_func ("/shuati/markdown/snippet", test_snippet);

  return g_test_run ();
}
