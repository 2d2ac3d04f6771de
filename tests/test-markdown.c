/* test-markdown.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

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
  { "soft-break-kept", "line one\nline two", "line one\nline two", "line one\nline two" },
  { "bold", "**特点：**", "<b>特点：</b>", "特点：" },
  { "bold/label-then-text", "**特点：**后文", "<b>特点：</b>后文", "特点：后文" },
  { "bold/several", "a **b** c **d**", "a <b>b</b> c <b>d</b>", "a b c d" },
  { "italic-strike", "*i* _j_ ~~s~~", "<i>i</i> <i>j</i> <s>s</s>", "i j s" },
  { "inline-code", "use `a<b>&` here",
    "use <span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"18%\">a&lt;b&gt;&amp;</span> here", "use a<b>& here" },
  { "link-underlined", "[site](https://example.com)", "<u>site</u>", "site" },
  { "numbered",
    "1. **参数数量庞大：** 大模型具有数十亿参数。\n2. **计算资源需求高：** 需要 GPU。",
    "1. <b>参数数量庞大：</b> 大模型具有数十亿参数。\n2. <b>计算资源需求高：</b> 需要 GPU。",
    "1. 参数数量庞大： 大模型具有数十亿参数。\n2. 计算资源需求高： 需要 GPU。" },
  { "numbered/after-paragraph", "大模型：\n1. a\n2. b\n\n结论", "大模型：\n\n1. a\n2. b\n\n结论", "大模型：\n\n1. a\n2. b\n\n结论" },
  { "numbered/start", "3. a\n4. b", "3. a\n4. b", "3. a\n4. b" },
  { "bullets", "- a\n- b", "• a\n• b", "• a\n• b" },
  { "nested", "- a\n  - b\n    1. c", "• a\n\xe2\x80\x83\xe2\x80\x83• b\n\xe2\x80\x83\xe2\x80\x83\xe2\x80\x83\xe2\x80\x83" "1. c",
    "• a\n\xe2\x80\x83\xe2\x80\x83• b\n\xe2\x80\x83\xe2\x80\x83\xe2\x80\x83\xe2\x80\x83" "1. c" },
  { "heading", "# 标题\n\ntext", "<span size=\"x-large\" weight=\"bold\">标题</span>\n\ntext", "标题\n\ntext" },
  { "not-numbered", "1.5 GB\n\n2023.Year", "1.5 GB\n\n2023.Year", "1.5 GB\n\n2023.Year" },
  { "crlf", "a\r\nb\r\n\r\n1. c\r\n2. **d**\r\n", "a\nb\n\n1. c\n2. <b>d</b>", "a\nb\n\n1. c\n2. d" },
};

typedef struct
{
  const char *name;
  const char *input;
  /* What the user sees: the text Pango gets back from the markup. */
  const char *shown;
} Shown;

/* Whatever a card says, the markup parses and shows the card's text. */
static const Shown injections[] = {
  { "span", "<span foreground=\"red\">red</span>", "<span foreground=\"red\">red</span>" },
  { "html-block", "<div>\n<b>x</b>\n</div>", "<div>\n<b>x</b>\n</div>" },
  { "ampersand", "A & B", "A & B" },
  { "entities-decoded", "&amp; &lt; &#60; &#x0;", "& < < \xef\xbf\xbd" },
  { "unknown-entity", "&bogus; &#xFFFFFFFF; &#x110000;", "&bogus; &#xFFFFFFFF; \xef\xbf\xbd" },
  { "open-tag", "<b", "<b" },
  { "cdata", "<![CDATA[x]]>", "<![CDATA[x]]>" },
  { "quotes", "'\"", "'\"" },
  { "markup-inside-bold", "**<i>x</i>&**", "<i>x</i>&" },
  { "markup-in-code", "`</span><b>`", "</span><b>" },
  { "markup-in-link", "[<b>](https://x.org/\"><b>)", "<b>" },
  /* Math sets relations apart with four-per-em spaces. */
  { "markup-in-math", "$</span>&$", "<\u2005/span\u2005>\u2005&" },
  { "markup-in-heading", "## <i>&", "<i>&" },
  { "markup-in-table", "| <a> |\n|---|\n| & |", "<a>\n&" },
  { "lone-star", "a * b * c", "a * b * c" },
  { "unclosed-bold", "**x", "**x" },
  { "control-characters", "a\x01" "b\x1f" "c\x7f", "a\x01" "b\x1f" "c\x7f" },
  { "invalid-utf8", "a\xff\xfe" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b" },
  { "truncated-utf8", "**x**\xe5\xa4", "x\xef\xbf\xbd\xef\xbf\xbd" },
  { "surrogate", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
};

static void
test_shown (gconstpointer data)
{
  const Shown *c = data;
  g_autofree char *markup = shuati_markdown_to_pango (c->input);

  assert_parses_to (markup, c->shown);
}

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
  {
    g_auto(GStrv) parts = g_strsplit (input->str, "&amp;", -1);
    g_autofree char *decoded = g_strjoinv ("&", parts);

    expected = strip_pairs (decoded);
  }
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
    { "Intro\n1. **x** <y> & z\n\n   more\n2. `w`\n\nAfter.", { "x <y> & z more", "w", NULL } },
    { "1.\n1.5 GB\n2. \n", { NULL } },
    { "1. a\r\n2. b\r\n", { "a", "b", NULL } },
    /* Nested lists belong to their item, not to the checklist. */
    { "1. a\n   1. a1\n   2. a2\n2. b", { "a 1. a1 2. a2", "b", NULL } },
    { "> 1. quoted", { "quoted", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) points = shuati_markdown_extract_points (cases[i].input);
      g_autoptr(GPtrArray) markup = shuati_markdown_extract_point_markup (cases[i].input);

      g_test_message ("case %u: %s", i, cases[i].input);
      g_assert_cmpuint (points->len, ==, g_strv_length ((char **) cases[i].points));
      g_assert_cmpuint (markup->len, ==, points->len);
      for (guint p = 0; p < points->len; p++)
        g_assert_cmpstr (g_ptr_array_index (points, p), ==, cases[i].points[p]);
    }
}

/* The checklist shows a point's emphasis and code, escaped, on one line. */
static void
test_point_markup (void)
{
  g_autoptr(GPtrArray) markup = shuati_markdown_extract_point_markup ("1. **粗** <i> `x`\n   next\n2. [l](https://a.org)");

  g_assert_cmpuint (markup->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (markup, 0), ==,
                   "<b>粗</b> &lt;i&gt; <span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"18%\">x</span> next");
  assert_parses_to (g_ptr_array_index (markup, 0), "粗 <i> x next");
  g_assert_cmpstr (g_ptr_array_index (markup, 1), ==, "<u>l</u>");
}

static void
test_plain (void)
{
  static const char * const cases[][2] = {
    { "", "" },
    { "**特点：**\n\n1. **参数：** 数量\n2. 资源\n- 高\n\n结论。", "特点： 1. 参数： 数量 2. 资源 • 高 结论。" },
    { "line one\nline two\r\nthree", "line one line two three" },
    { "<b>&amp; \"q\"", "<b>& \"q\"" },
    { "# Title\n\n> quoted *text*\n\n---\n\nend", "Title quoted text end" },
    { "```python\ndef f(x):\n    return x\n```", "def f(x):     return x" },
    { "| a | b |\n|:--|--:|\n| 1 | `2` |", "a b 1 2" },
    { "Softmax $e^{x}$ and\n\n$$\\sum_i x_i$$", "Softmax e^{x} and \\sum_i x_i" },
    { "![注意力图](media/attn.png) after", "注意力图 after" },
    { "a\xff" "b", "a\xef\xbf\xbd" "b" },
    { "cr&#13;lf&#10;end", "cr lf end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = shuati_markdown_to_plain (cases[i][0]);

      g_assert_cmpstr (plain, ==, cases[i][1]);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

static const ShuatiMarkdownBlock *
child (const ShuatiMarkdownBlock *block,
       guint                      index)
{
  g_assert_nonnull (block->children);
  g_assert_cmpuint (index, <, block->children->len);
  return g_ptr_array_index (block->children, index);
}

static void
test_parse_kinds (void)
{
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse (
    "## 标题 *x*\n"
    "\n"
    "> quoted\n"
    "\n"
    "---\n"
    "\n"
    "$$\\frac{QK^\\top}{\\sqrt{d_k}}$$\n"
    "\n"
    "![alt <text>](media/a.png)\n"
    "\n"
    "[x](https://a.org/?a=1&b=\"2\") [m](mailto:a@b.org) [j](javascript:alert(1)) [f](file:///etc/passwd)");
  const ShuatiMarkdownBlock *b;

  g_assert_cmpuint (blocks->len, ==, 6);

  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_HEADING);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->markup, ==, "标题 <i>x</i>");
  g_assert_cmpstr (b->text, ==, "标题 x");

  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_QUOTE);
  g_assert_cmpint (child (b, 0)->kind, ==, SHUATI_MARKDOWN_PARAGRAPH);
  g_assert_cmpstr (child (b, 0)->text, ==, "quoted");

  b = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_RULE);

  b = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_MATH);
  g_assert_cmpstr (b->text, ==, "\\frac{QK^\\top}{\\sqrt{d_k}}");

  b = g_ptr_array_index (blocks, 4);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_IMAGE);
  g_assert_cmpstr (b->text, ==, "media/a.png");
  g_assert_cmpstr (b->markup, ==, "alt <text>");

  /* Links are <a href> for a GtkLabel, with the target escaped. */
  b = g_ptr_array_index (blocks, 5);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_PARAGRAPH);
  /* A link that may never open is not made a link at all. */
  g_assert_cmpstr (b->markup, ==, "<a href=\"https://a.org/?a=1&amp;b=&quot;2&quot;\">x</a> "
                   "<a href=\"mailto:a@b.org\">m</a> <u>j</u> <u>f</u>");
}

static void
test_parse_code (void)
{
  /* md4c gives a tab that indents a line as spaces; others stay tabs. */
  const char *code = "def f(x):\n    if x:\t# tab\n        return  x  \n\n\n    # <b>&amp;</b>";
  g_autofree char *text = g_strdup_printf ("```Python extra words\n%s\n```\n\n    indented\n      more\n", code);
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse (text);
  const ShuatiMarkdownBlock *b;
  g_autofree char *markup = NULL;

  g_assert_cmpuint (blocks->len, ==, 2);
  b = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_CODE);
  g_assert_cmpstr (b->language, ==, "Python");
  /* Every blank, tab and empty line as written; entities stay text. */
  g_assert_cmpstr (b->text, ==, code);

  b = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (b->kind, ==, SHUATI_MARKDOWN_CODE);
  g_assert_null (b->language);
  g_assert_cmpstr (b->text, ==, "indented\n  more");

  markup = shuati_markdown_to_pango (text);
  assert_parses_to (markup, "def f(x):\n    if x:\t# tab\n        return  x  \n\n\n    # <b>&amp;</b>\n\nindented\n  more");
}

static void
test_parse_lists (void)
{
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse ("7. seven\n8. eight\n   - inner **b**\n     1. deep\n\n   tail\n");
  const ShuatiMarkdownBlock *list;
  const ShuatiMarkdownBlock *item;
  const ShuatiMarkdownBlock *inner;

  g_assert_cmpuint (blocks->len, ==, 1);
  list = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (list->kind, ==, SHUATI_MARKDOWN_LIST);
  g_assert_true (list->ordered);
  g_assert_cmpuint (list->level, ==, 0);
  g_assert_cmpuint (list->children->len, ==, 2);

  item = child (list, 0);
  g_assert_cmpint (item->kind, ==, SHUATI_MARKDOWN_ITEM);
  g_assert_cmpuint (item->number, ==, 7);
  g_assert_cmpstr (item->marker, ==, "7.");
  g_assert_cmpstr (child (item, 0)->text, ==, "seven");

  item = child (list, 1);
  g_assert_cmpstr (item->marker, ==, "8.");
  g_assert_cmpuint (item->children->len, ==, 3);
  inner = child (item, 1);
  g_assert_cmpint (inner->kind, ==, SHUATI_MARKDOWN_LIST);
  g_assert_false (inner->ordered);
  g_assert_cmpuint (inner->level, ==, 1);
  g_assert_cmpstr (child (inner, 0)->marker, ==, "•");
  g_assert_cmpstr (child (child (inner, 0), 0)->markup, ==, "inner <b>b</b>");
  g_assert_cmpuint (child (child (child (inner, 0), 1), 0)->number, ==, 1);
  g_assert_cmpuint (child (child (inner, 0), 1)->level, ==, 2);
  g_assert_cmpstr (child (item, 2)->text, ==, "tail");

  /* Text only: one label can show the whole list. */
  g_assert_true (shuati_markdown_is_text_block (list));
}

static void
test_parse_table (void)
{
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse (
    "| 方法 | 参数量 | 说明 | x |\n"
    "|:-----|------:|:----:|---|\n"
    "| LoRA | 0.1% | `W + BA` | |\n"
    "| 全量 | 100% | <b>all</b> |\n");
  const ShuatiMarkdownBlock *table;
  const ShuatiMarkdownBlock *row;

  g_assert_cmpuint (blocks->len, ==, 1);
  table = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (table->kind, ==, SHUATI_MARKDOWN_TABLE);
  g_assert_cmpuint (table->n_columns, ==, 4);
  g_assert_cmpuint (table->children->len, ==, 3);
  g_assert_false (shuati_markdown_is_text_block (table));

  row = child (table, 0);
  g_assert_true (row->ordered);
  g_assert_cmpuint (row->children->len, ==, 4);
  g_assert_cmpstr (child (row, 0)->text, ==, "方法");
  g_assert_cmpint (child (row, 0)->align, ==, SHUATI_MARKDOWN_ALIGN_LEFT);
  g_assert_cmpint (child (row, 1)->align, ==, SHUATI_MARKDOWN_ALIGN_RIGHT);
  g_assert_cmpint (child (row, 2)->align, ==, SHUATI_MARKDOWN_ALIGN_CENTER);
  g_assert_cmpint (child (row, 3)->align, ==, SHUATI_MARKDOWN_ALIGN_DEFAULT);

  row = child (table, 1);
  g_assert_false (row->ordered);
  g_assert_cmpstr (child (row, 2)->text, ==, "W + BA");
  g_assert_cmpstr (child (row, 3)->text, ==, "");

  /* A short row is filled to the table's columns; HTML stays text. */
  row = child (table, 2);
  g_assert_cmpuint (row->children->len, ==, 4);
  g_assert_cmpstr (child (row, 2)->markup, ==, "&lt;b&gt;all&lt;/b&gt;");
}

static void
test_link_policy (void)
{
  static const struct {
    const char *uri;
    ShuatiLinkPolicy policy;
  } cases[] = {
    { "https://arxiv.org/abs/1706.03762", SHUATI_LINK_OPEN },
    { "http://example.com", SHUATI_LINK_OPEN },
    { "HTTPS://EXAMPLE.COM/", SHUATI_LINK_OPEN },
    { "mailto:someone@example.com", SHUATI_LINK_ASK },
    { "javascript:alert(1)", SHUATI_LINK_REFUSE },
    { "JavaScript:alert(1)", SHUATI_LINK_REFUSE },
    { " javascript:alert(1)", SHUATI_LINK_REFUSE },
    { "file:///etc/passwd", SHUATI_LINK_REFUSE },
    { "data:text/html,<script>", SHUATI_LINK_REFUSE },
    { "ftp://example.com", SHUATI_LINK_REFUSE },
    { "media/x.png", SHUATI_LINK_REFUSE },
    { "/etc/passwd", SHUATI_LINK_REFUSE },
    { "", SHUATI_LINK_REFUSE },
    { NULL, SHUATI_LINK_REFUSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].uri);
      g_assert_cmpint (shuati_markdown_link_policy (cases[i].uri), ==, cases[i].policy);
    }
}

static void
test_resolve_image (void)
{
  g_autofree char *root = g_dir_make_tmp ("shuati-media-XXXXXX", NULL);
  g_autofree char *media = g_build_filename (root, "media", NULL);
  g_autofree char *outside = g_build_filename (root, "secret.png", NULL);
  g_autofree char *link = g_build_filename (media, "link.png", NULL);
  g_autofree char *sub = g_build_filename (media, "sub", NULL);
  static const char * const refused[] = {
    "../secret.png", "media/../secret.png", "media/sub/../../secret.png", "/etc/passwd",
    "file:///etc/passwd", "https://example.com/x.png", "data:image/png;base64,AAAA",
    "media/", "", "media//x.png", "media/./x.png", "..\\secret.png", "media/a\nb.png",
    "C:/x.png", "media/link.png",
  };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside, "x", 1, NULL));
  g_assert_cmpint (symlink (outside, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = shuati_markdown_resolve_image (media, refused[i]);

      g_test_message ("%s", refused[i]);
      g_assert_null (path);
    }

  {
    g_autofree char *a = shuati_markdown_resolve_image (media, "media/a.png");
    g_autofree char *b = shuati_markdown_resolve_image (media, "sub/b 图.png");
    g_autofree char *expected_a = g_build_filename (media, "a.png", NULL);
    g_autofree char *expected_b = g_build_filename (media, "sub", "b 图.png", NULL);
    g_autofree char *none = shuati_markdown_resolve_image (NULL, "media/a.png");
    g_autofree char *relative = shuati_markdown_resolve_image ("media", "media/a.png");

    g_assert_cmpstr (a, ==, expected_a);
    g_assert_cmpstr (b, ==, expected_b);
    g_assert_null (none);
    g_assert_null (relative);
  }

  g_unlink (link);
  g_unlink (outside);
  g_rmdir (sub);
  g_rmdir (media);
  g_rmdir (root);
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
      g_test_add_data_func (name, &injections[i], test_shown);
    }
  g_test_add_func ("/shuati/markdown/escape/long-line", test_long_line_shown);
  g_test_add_func ("/shuati/markdown/linear-time", test_linear_time);
  g_test_add_func ("/shuati/markdown/points/llm-001", test_points_llm_001);
  g_test_add_func ("/shuati/markdown/points/cases", test_points);
  g_test_add_func ("/shuati/markdown/points/markup", test_point_markup);
  g_test_add_func ("/shuati/markdown/corpus", test_corpus_texts);
  g_test_add_func ("/shuati/markdown/plain", test_plain);
  g_test_add_func ("/shuati/markdown/parse/kinds", test_parse_kinds);
  g_test_add_func ("/shuati/markdown/parse/code", test_parse_code);
  g_test_add_func ("/shuati/markdown/parse/lists", test_parse_lists);
  g_test_add_func ("/shuati/markdown/parse/table", test_parse_table);
  g_test_add_func ("/shuati/markdown/link-policy", test_link_policy);
  g_test_add_func ("/shuati/markdown/resolve-image", test_resolve_image);
  g_test_add_func ("/shuati/markdown/snippet", test_snippet);

  return g_test_run ();
}
