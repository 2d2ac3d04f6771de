/* test-import.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shuati-importer.h"
#include "shuati-test-utils.h"

static const char * const zh[] = { "zh_CN", NULL };
static const char * const en[] = { "en", NULL };

static char *
data_path (const char *kind,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", kind, name, NULL);
}

static ShuatiImportResult *
import_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ShuatiImportResult *result;

  result = shuati_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static ShuatiImportResult *
import_good (const char *name)
{
  g_autofree char *path = data_path ("good", name);
  return import_path (path);
}

static ShuatiImportResult *
import_text (const char *text,
             gssize      length,
             const char *file_name,
             GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize)length);
  return shuati_import_bytes (bytes, file_name, error);
}

static gboolean
has_warning (ShuatiImportResult *result,
             guint               line,
             const char         *message)
{
  for (guint i = 0; i < shuati_import_result_get_n_warnings (result); i++)
    {
      const ShuatiImportWarning *warning = shuati_import_result_get_warning (result, i);

      if ((line == 0 || warning->line == line) && strstr (warning->message, message) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The seed ------------------------------------------------------------------ */

static void
test_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "llm-interview-questions.md", NULL);
  g_autoptr(ShuatiImportResult) result = import_path (path);
  g_autoptr(ShuatiDeck) corpus = shuati_test_load_corpus ();
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *last;
  ShuatiCard *builtin_last;

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_MARKDOWN);
  g_assert_cmpstr (shuati_import_result_get_encoding (result), ==, "UTF-8");
  g_assert_cmpstr (shuati_deck_get_id (deck), ==, "llm-interview-questions");
  g_assert_cmpstr (shuati_deck_get_first_language (deck), ==, "zh_CN");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 24);
  /* No "##" topic headings: one topic named after the file. */
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 1);
  g_assert_nonnull (shuati_deck_lookup_topic (deck, "llm-interview-questions"));

  for (guint i = 0; i < 23; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      ShuatiCard *builtin = shuati_deck_get_card (corpus, i);

      g_assert_cmpuint (shuati_card_get_number (card), ==, i + 1);
      for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
        g_assert_cmpstr (shuati_card_get_text_exact (card, f, "zh_CN"), ==,
                         shuati_card_get_text_exact (builtin, f, "zh_CN"));
    }

  /* The seed's last answer stops mid-word; the import keeps what there is. */
  last = shuati_deck_get_card (deck, 23);
  builtin_last = shuati_deck_get_card (corpus, 23);
  g_assert_cmpstr (shuati_card_get_title (last, zh), ==, shuati_card_get_title (builtin_last, zh));
  g_assert_cmpstr (shuati_card_get_question (last, zh), ==, shuati_card_get_question (builtin_last, zh));
  g_assert_true (g_str_has_suffix (shuati_card_get_answer (last, zh), "共享教师模型和学"));
  g_assert_true (g_str_has_prefix (shuati_card_get_answer (builtin_last, zh), shuati_card_get_answer (last, zh)));
  g_assert_cmpstr (shuati_card_get_explanation (last, zh), ==, "");

  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 2);
  g_assert_true (has_warning (result, 391, "card 24: no explanation"));
  g_assert_true (has_warning (result, 402, "card 24 looks cut off"));

  /* Ids come from the numbers: the same on every import. */
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (deck, 0)), ==, "card-001");
  g_assert_cmpstr (shuati_card_get_id (last), ==, "card-024");
}

/* The same seed, re-encoded: BOM, CRLF, CR, UTF-16 and GB18030 read the same. */
static void
test_seed_encodings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "llm-interview-questions.md", NULL);
  g_autofree char *seed = NULL;
  g_autoptr(ShuatiImportResult) reference = import_path (path);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  struct {
    const char *name;
    const char *encoding;
  } variants[] = {
    { "bom", "UTF-8" },
    { "crlf", "UTF-8" },
    { "cr", "UTF-8" },
    { "utf16le", "UTF-16LE" },
    { "gb18030", "GB18030" },
  };

  g_file_get_contents (path, &seed, &length, &error);
  g_assert_no_error (error);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(ShuatiImportResult) result = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *file_name = g_strdup_printf ("llm-interview-questions.md");
      const char *data;
      gsize data_length;
      ShuatiDeck *deck;

      if (g_str_equal (variants[v].name, "bom"))
        g_string_append (text, "\xef\xbb\xbf");
      for (const char *p = seed; *p; p++)
        {
          if (*p == '\n' && g_str_equal (variants[v].name, "crlf"))
            g_string_append (text, "\r\n");
          else if (*p == '\n' && g_str_equal (variants[v].name, "cr"))
            g_string_append_c (text, '\r');
          else
            g_string_append_c (text, *p);
        }

      data = text->str;
      data_length = text->len;
      if (g_str_equal (variants[v].name, "utf16le"))
        {
          g_autofree char *utf16 = g_convert (text->str, text->len, "UTF-16LE", "UTF-8", NULL, &data_length, &error);

          g_assert_no_error (error);
          converted = g_malloc (data_length + 2);
          memcpy (converted, "\xff\xfe", 2);
          memcpy (converted + 2, utf16, data_length);
          data = converted;
          data_length += 2;
        }
      else if (g_str_equal (variants[v].name, "gb18030"))
        {
          converted = g_convert (text->str, text->len, "GB18030", "UTF-8", NULL, &data_length, &error);
          g_assert_no_error (error);
          data = converted;
        }

      result = import_text (data, data_length, file_name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shuati_import_result_get_encoding (result), ==, variants[v].encoding);
      deck = shuati_import_result_get_deck (result);
      g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 24);
      for (guint i = 0; i < 24; i++)
        for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
          g_assert_cmpstr (shuati_card_get_text_exact (shuati_deck_get_card (deck, i), f, "zh_CN"), ==,
                           shuati_card_get_text_exact (shuati_deck_get_card (shuati_import_result_get_deck (reference), i),
                                                       f, "zh_CN"));
    }
}

/* Markdown ------------------------------------------------------------------ */

static void
test_markdown_english (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("english-labels.md");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card;

  g_assert_cmpstr (shuati_deck_get_first_language (deck), ==, "en");
  g_assert_cmpstr (shuati_deck_get_title (deck, en), ==, "Interview Practice");
  g_assert_cmpstr (shuati_deck_get_description (deck, en), ==, "A few questions to warm up.");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 2);
  g_assert_nonnull (shuati_deck_lookup_topic (deck, "basics"));
  g_assert_nonnull (shuati_deck_lookup_topic (deck, "practice"));

  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpstr (shuati_card_get_id (card), ==, "card-001");
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "basics");
  g_assert_cmpstr (shuati_card_get_title (card, en), ==, "What is overfitting?");
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "What does overfitting mean?");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==,
                   "A model fits the training data, noise included,\nand does worse on new data.");
  g_assert_cmpstr (shuati_card_get_explanation (card, en), ==, "Regularization and more data help.");

  card = shuati_deck_get_card (deck, 1);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Explain the bias-variance trade-off.");
  g_assert_cmpstr (shuati_card_get_explanation (card, en), ==, "Pick the complexity that minimizes the total error.");

  card = shuati_deck_get_card (deck, 2);
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "practice");
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Does `**Q:**` work?");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "Yes, and so does the colon outside the bold.");
  g_assert_cmpstr (shuati_card_get_explanation (card, en), ==, "Labels are matched in any case.");

  /* A "#" line inside fenced code is code, not a heading. */
  card = shuati_deck_get_card (deck, 3);
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "```python\n# not a heading\nprint(\"hi\")\n```");
  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 0);
}

static void
test_markdown_half_width (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("half-width.md");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card = shuati_deck_get_card (deck, 0);

  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (shuati_card_get_title (card, zh), ==, "什么是梯度下降？");
  g_assert_cmpstr (shuati_card_get_question (card, zh), ==, "请解释梯度下降。");
  g_assert_cmpstr (shuati_card_get_answer (card, zh), ==, "沿负梯度方向更新参数。");
  g_assert_cmpstr (shuati_card_get_explanation (card, zh), ==, "学习率决定步长。");
  card = shuati_deck_get_card (deck, 1);
  g_assert_cmpstr (shuati_card_get_question (card, zh), ==, "学习率的作用是什么？");
  g_assert_cmpstr (shuati_card_get_explanation (card, zh), ==, "太大发散，太小收敛慢。");
}

/* A verbatim block with no closing line is no block: the headings after
 * it still start cards, and its opening line stays in the text. */
static void
test_markdown_verbatim_unclosed (void)
{
  static const char markdown[] =
    "# Deck\n\n"
    "## 1. First\n\n"
    "**Question:** One?\n\n"
    "**Answer:**\n<!-- shuati: verbatim=3 -->\nInside\n\n"
    "## 2. Second\n\n"
    "**Question:** Two?\n\n"
    "**Answer:**\n<!-- shuati: verbatim=1 -->\n# Kept\n<!-- shuati: end=1 -->\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_text (markdown, -1, "unclosed.md", &error);
  ShuatiDeck *deck;

  g_assert_no_error (error);
  deck = shuati_import_result_get_deck (result);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (shuati_card_get_answer (shuati_deck_get_card (deck, 0), en), ==,
                   "<!-- shuati: verbatim=3 -->\nInside");
  g_assert_cmpstr (shuati_card_get_answer (shuati_deck_get_card (deck, 1), en), ==, "# Kept");
}

static void
test_markdown_plain (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("plain-qa.md");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card;

  g_assert_cmpstr (shuati_deck_get_title (deck, en), ==, "Capitals");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 2);
  card = shuati_deck_get_card (deck, 1);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "What is the capital of Italy?");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "Rome, on the Tiber.\n\nIt has been the capital since 1871.");
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "europe");
  g_assert_cmpstr (shuati_card_get_topic_id (shuati_deck_get_card (deck, 2)), ==, "asia");
  /* Without numbers, ids come from the questions. */
  g_assert_true (g_str_has_prefix (shuati_card_get_id (card), "q-"));
}

static void
test_markdown_missing_sections (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("missing-sections.md");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);

  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 4);
  g_assert_true (has_warning (result, 9, "card 2: no explanation"));
  g_assert_true (has_warning (result, 15, "card 3: no question"));
  g_assert_true (has_warning (result, 21, "card 4: no answer"));
  /* The last card ends with its explanation, so it is not cut off. */
  g_assert_false (has_warning (result, 0, "cut off"));
  g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (deck, 2), en), ==, "No question");
  g_assert_cmpstr (shuati_card_get_answer (shuati_deck_get_card (deck, 3), en), ==, "");
}

static void
test_encodings (void)
{
  const char *files[][2] = {
    { "zh-utf8.md", "UTF-8" },
    { "gb18030.md", "GB18030" },
    { "utf16le.md", "UTF-16LE" },
    { "utf16be-crlf.md", "UTF-16BE" },
    { "utf16le-nobom.md", "UTF-16LE" },
    { "utf16be-nobom.md", "UTF-16BE" },
    { "bom-crlf.md", "UTF-8" },
    { "cr-only.md", "UTF-8" },
  };
  g_autoptr(ShuatiImportResult) reference = import_good ("zh-utf8.md");
  ShuatiDeck *expected = shuati_import_result_get_deck (reference);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(ShuatiImportResult) result = import_good (files[i][0]);
      ShuatiDeck *deck = shuati_import_result_get_deck (result);

      g_assert_cmpstr (shuati_import_result_get_encoding (result), ==, files[i][1]);
      g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
      g_assert_cmpstr (shuati_card_get_question (shuati_deck_get_card (deck, 0), zh), ==, "什么是过拟合？");
      for (guint c = 0; c < 2; c++)
        for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
          g_assert_cmpstr (shuati_card_get_text_exact (shuati_deck_get_card (deck, c), f, "zh_CN"), ==,
                           shuati_card_get_text_exact (shuati_deck_get_card (expected, c), f, "zh_CN"));
    }
}

/* Ids stay when the file is imported again, and when cards are added
 * above them. */
static void
test_stable_ids (void)
{
  const char *before = "# Deck\n\n## What is A?\n\nA.\n\n## What is B?\n\nB.\n";
  const char *after = "# Deck\n\n## What is new?\n\nNew.\n\n## What is A?\n\nA.\n\n## What is B?\n\nB, edited.\n";
  g_autoptr(ShuatiImportResult) first = NULL;
  g_autoptr(ShuatiImportResult) again = NULL;
  g_autoptr(ShuatiImportResult) edited = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiDeck *a, *b, *c;

  first = import_text (before, -1, "My Deck (2).md", &error);
  g_assert_no_error (error);
  again = import_text (before, -1, "My Deck (2).md", &error);
  g_assert_no_error (error);
  edited = import_text (after, -1, "My Deck (2).md", &error);
  g_assert_no_error (error);
  a = shuati_import_result_get_deck (first);
  b = shuati_import_result_get_deck (again);
  c = shuati_import_result_get_deck (edited);

  g_assert_cmpstr (shuati_deck_get_id (a), ==, "my-deck-2");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (a, i)), ==,
                     shuati_card_get_id (shuati_deck_get_card (b, i)));
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (a, 0)), ==,
                   shuati_card_get_id (shuati_deck_get_card (c, 1)));
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (a, 1)), ==,
                   shuati_card_get_id (shuati_deck_get_card (c, 2)));
  g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (a, 0)), !=,
                   shuati_card_get_id (shuati_deck_get_card (a, 1)));
}

/* Two cards with the same question still get different ids. */
static void
test_duplicate_questions (void)
{
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  result = import_text ("question,answer\nSame?,One\nSame?,Two\n", -1, "dups.csv", &error);
  g_assert_no_error (error);
  deck = shuati_import_result_get_deck (result);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 2);
  {
    g_autofree char *expected = g_strconcat (shuati_card_get_id (shuati_deck_get_card (deck, 0)), "-2", NULL);
    g_assert_cmpstr (shuati_card_get_id (shuati_deck_get_card (deck, 1)), ==, expected);
  }
}

/* CSV ----------------------------------------------------------------------- */

static void
test_csv_chinese_header (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("chinese-header.csv");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card;
  ShuatiTopic *topic;

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_CSV);
  g_assert_cmpstr (shuati_deck_get_first_language (deck), ==, "zh_CN");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 2);

  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpstr (shuati_card_get_question (card, zh), ==, "什么是过拟合？");
  g_assert_cmpstr (shuati_card_get_title (card, zh), ==, "什么是过拟合？");
  g_assert_cmpstr (shuati_card_get_explanation (card, zh), ==, "正则化有帮助。");
  g_assert_cmpstrv (shuati_card_get_tags (card), ((const char * const[]) { "ml", "overfitting", NULL }));
  /* A topic named in Chinese has no ASCII slug: "topic-N". */
  topic = shuati_deck_lookup_topic (deck, shuati_card_get_topic_id (card));
  g_assert_cmpstr (shuati_topic_get_id (topic), ==, "topic-1");
  g_assert_cmpstr (shuati_topic_get_title (topic, zh), ==, "机器学习");
  g_assert_cmpuint (shuati_topic_get_n_cards (topic), ==, 2);

  card = shuati_deck_get_card (deck, 2);
  g_assert_cmpstr (shuati_card_get_answer (card, zh), ==, "加权求和，\n权重由查询和键决定。");
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "topic-2");
  g_assert_cmpstrv (shuati_card_get_tags (card), ((const char * const[]) { "attention", "transformer", NULL }));
}

static void
test_csv_quoting (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("quoting.csv");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card;

  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpstr (shuati_card_get_title (card, en), ==, "Greeting");
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Say \"hello\"");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "He said \"hi\", then left");
  card = shuati_deck_get_card (deck, 1);
  /* CRLF inside quotes is a line break of the text. */
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Two\nlines");
  g_assert_cmpstr (shuati_card_get_title (card, en), ==, "Two");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "One, two");
  card = shuati_deck_get_card (deck, 2);
  g_assert_cmpstr (shuati_card_get_explanation (card, en), ==, "extra");
  g_assert_cmpstrv (shuati_card_get_tags (card), ((const char * const[]) { "a", "b", NULL }));
}

static void
test_csv_edge_cases (void)
{
  struct {
    const char *text;
    const char *question;
    const char *answer;
  } cases[] = {
    /* Quote in the middle of an unquoted field is text. */
    { "question,answer\nit's 5\" long,ok\n", "it's 5\" long", "ok" },
    /* Text after a closing quote is kept. */
    { "question,answer\n\"quoted\" tail,ok\n", "quoted tail", "ok" },
    /* An empty quoted field, and a missing last column. */
    { "question,answer,explanation\nq,\"\"\n", "q", "" },
    /* No newline at the end. */
    { "question,answer\nq,a", "q", "a" },
    /* Semicolons in a quoted field do not split it. */
    { "question;answer\n\"a;b\";c\n", "a;b", "c" },
    /* Header names in any case, with spaces around them. */
    { " QUESTION , Answer \nq,a\n", "q", "a" },
    /* Columns in any order. */
    { "answer\tquestion\na\tq\n", "q", "a" },
    /* A doubled quote that ends the field. */
    { "question,answer\n\"say \"\"\"\"\",a\n", "say \"\"", "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiImportResult) result = import_text (cases[i].text, -1, "edge.csv", &error);
      ShuatiCard *card;

      g_assert_no_error (error);
      card = shuati_deck_get_card (shuati_import_result_get_deck (result), 0);
      g_assert_cmpstr (shuati_card_get_question (card, en), ==, cases[i].question);
      g_assert_cmpstr (shuati_card_get_answer (card, en), ==, cases[i].answer);
    }
}

static void
test_csv_separators (void)
{
  g_autoptr(ShuatiImportResult) semicolon = import_good ("semicolon.csv");
  g_autoptr(ShuatiImportResult) tsv = import_good ("table.tsv");
  g_autoptr(ShuatiImportResult) headerless = import_good ("headerless.txt");
  ShuatiCard *card;

  card = shuati_deck_get_card (shuati_import_result_get_deck (semicolon), 1);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Semi; colon?");
  g_assert_cmpint (shuati_import_result_get_format (semicolon), ==, SHUATI_IMPORT_FORMAT_CSV);

  g_assert_cmpint (shuati_import_result_get_format (tsv), ==, SHUATI_IMPORT_FORMAT_TSV);
  card = shuati_deck_get_card (shuati_import_result_get_deck (tsv), 0);
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "A transport protocol.");
  g_assert_true (shuati_card_has_tag (card, "networking"));

  /* Tab-separated lines without a header: question, then answer. */
  g_assert_cmpuint (shuati_deck_get_n_cards (shuati_import_result_get_deck (headerless)), ==, 2);
  card = shuati_deck_get_card (shuati_import_result_get_deck (headerless), 1);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "foo");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "bar");
}

static void
test_anki (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("anki-export.txt");
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  ShuatiCard *card;

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_ANKI);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 2);

  card = shuati_deck_get_card (deck, 0);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "What does XSS stand for?");
  /* The script and its content are gone; an escaped tag stays plain text. */
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "Cross-site scripting\nExample: <script> stays text");
  g_assert_cmpstr (shuati_card_get_topic_id (card), ==, "security-web");
  g_assert_cmpstr (shuati_topic_get_title (shuati_deck_lookup_topic (deck, "security-web"), en), ==, "Security::Web");
  g_assert_cmpstrv (shuati_card_get_tags (card), ((const char * const[]) { "web", "xss", NULL }));
  g_assert_true (g_str_has_prefix (shuati_card_get_id (card), "anki-"));

  card = shuati_deck_get_card (deck, 1);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "Markup?");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "a & b\n中文 \xef\xbf\xbd  x");

  card = shuati_deck_get_card (deck, 2);
  g_assert_cmpstr (shuati_card_get_question (card, en), ==, "What is AES?");
  g_assert_cmpstr (shuati_card_get_answer (card, en), ==, "A block cipher.\n\n128-bit blocks.");
  g_assert_cmpstrv (shuati_card_get_tags (card), ((const char * const[]) { "crypto", NULL }));

  g_assert_true (has_warning (result, 8, "clip.mp3"));
  g_assert_true (has_warning (result, 9, "image"));
  g_assert_true (has_warning (result, 9, "密码学"));

  /* Whatever the file holds, no card text carries a tag from it. */
  for (guint i = 0; i < 3; i++)
    for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
      {
        const char *text = shuati_card_get_text_exact (shuati_deck_get_card (deck, i), f, "en");

        if (text == NULL)
          continue;
        g_assert_null (strstr (text, "<span"));
        g_assert_null (strstr (text, "<b>"));
        g_assert_null (strstr (text, "alert"));
        g_assert_null (strstr (text, "[sound:"));
      }
}

static void
test_html (void)
{
  struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "a<br>b<br/>c<BR />d", "a\nb\nc\nd" },
    { "<div>one</div><div>two</div>", "one\ntwo" },
    { "<p>one</p><p>two</p>", "one\n\ntwo" },
    { "<ul><li>x</li><li>y</li></ul>", "- x\n- y" },
    { "<span foreground=\"red\">red</span>", "red" },
    { "<SCRIPT type=x>bad()</SCRIPT>ok", "ok" },
    { "<style>b{}</style>ok", "ok" },
    { "<script>never closed", "" },
    { "&amp;&lt;&gt;&quot;&#39;&apos;&nbsp;x", "&<>\"'' x" },
    { "&#x41;&#66;&#x110000;&#xD800;&#1;", "AB\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
    { "&unknown; & &#; &#xZZ;", "&unknown; & &#; &#xZZ;" },
    { "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
    { "a<b", "a<b" },
    { "<!-- hidden -->shown", "shown" },
    { "&lt;span foreground=&quot;red&quot;&gt;", "<span foreground=\"red\">" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) quoted = g_string_new (cases[i].html);
      g_autofree char *file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiImportResult) result = NULL;

      g_string_replace (quoted, "\"", "\"\"", 0);
      file = g_strdup_printf ("#separator:tab\n#html:true\nq\t\"%s\"\n", quoted->str);

      result = import_text (file, -1, "html.txt", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (shuati_card_get_answer (shuati_deck_get_card (shuati_import_result_get_deck (result), 0), en),
                       ==, cases[i].text);
    }
}

/* JSON ------------------------------------------------------------------------ */

static void
test_deck_json (void)
{
  g_autofree char *path = shuati_test_corpus_path ();
  g_autoptr(ShuatiImportResult) result = import_path (path);
  JsonNode *node = shuati_import_result_get_node (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) again = NULL;

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_DECK);
  g_assert_cmpstr (shuati_deck_get_id (shuati_import_result_get_deck (result)), ==, "llm-interview");
  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 0);
  g_assert_nonnull (node);
  again = shuati_deck_new_from_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shuati_deck_get_n_cards (again), ==, 24);
}

/* The node of a Markdown import is a valid deck too. */
static void
test_node (void)
{
  g_autoptr(ShuatiImportResult) result = import_good ("english-labels.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_node (shuati_import_result_get_node (result), &error);
  JsonObject *root = json_node_get_object (shuati_import_result_get_node (result));

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "shuati-deck");
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, "english-labels.md");
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 4);
}

/* Bad files ------------------------------------------------------------------- */

typedef struct
{
  const char *kind;   /* folder under tests/data, or "import/bad" */
  const char *name;
  int         code;
  const char *place;  /* what follows the file name in the message */
} BadFile;

static const BadFile bad_files[] = {
  /* Markdown */
  { "import/bad", "empty.md", SHUATI_IMPORT_ERROR_EMPTY, ": " },
  { "import/bad", "blank.md", SHUATI_IMPORT_ERROR_EMPTY, ": " },
  { "import/bad", "binary.md", SHUATI_IMPORT_ERROR_BINARY, ":3:9: " },
  { "import/bad", "latin1.md", SHUATI_IMPORT_ERROR_ENCODING, ":1:11: " },
  { "import/bad", "bad-utf16.md", SHUATI_IMPORT_ERROR_ENCODING, ": " },
  { "import/bad", "no-headings.md", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "headings-only.md", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "fenced-headings.md", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "empty-headings.md", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "only-title.md", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "prose.txt", SHUATI_IMPORT_ERROR_UNKNOWN_FORMAT, ": " },
  { "import/bad", "binary.bin", SHUATI_IMPORT_ERROR_BINARY, ":1:1: " },
  /* CSV, TSV and Anki */
  { "import/bad", "empty.csv", SHUATI_IMPORT_ERROR_EMPTY, ": " },
  { "import/bad", "no-question-column.csv", SHUATI_IMPORT_ERROR_MISSING_COLUMN, ":1: " },
  { "import/bad", "no-answer-column.csv", SHUATI_IMPORT_ERROR_MISSING_COLUMN, ":1: " },
  { "import/bad", "empty-question.csv", SHUATI_IMPORT_ERROR_MISSING_COLUMN, ":1: " },
  { "import/bad", "no-header.csv", SHUATI_IMPORT_ERROR_MISSING_COLUMN, ":1: " },
  { "import/bad", "unterminated-quote.csv", SHUATI_IMPORT_ERROR_SYNTAX, ":3:1: " },
  { "import/bad", "header-only.csv", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "blank-rows.csv", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  { "import/bad", "binary.csv", SHUATI_IMPORT_ERROR_BINARY, ":2:4: " },
  /* Zero bytes on one side, as in UTF-16, but control characters. */
  { "import/bad", "controls-utf16.csv", SHUATI_IMPORT_ERROR_BINARY, ":1:2: " },
  { "import/bad", "bad-encoding.csv", SHUATI_IMPORT_ERROR_ENCODING, ":2:1: " },
  { "import/bad", "single-column.tsv", SHUATI_IMPORT_ERROR_MISSING_COLUMN, ":1: " },
  { "import/bad", "anki-unterminated.txt", SHUATI_IMPORT_ERROR_SYNTAX, ":3:7: " },
  { "import/bad", "anki-headers-only.txt", SHUATI_IMPORT_ERROR_NO_CARDS, ": " },
  /* Deck files: the deck loader's message and place */
  { "bad", "trailing-comma.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":4:15: " },
  { "bad", "invalid-utf8.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":" },
  { "bad", "truncated.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":" },
  { "bad", "deep-nesting.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":" },
  { "bad", "unknown-topic.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": cards[0]: " },
  { "bad", "duplicate-card-id.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": cards[" },
  { "bad", "future-version.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": version: " },
  { "bad", "top-level-array.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": (top level): " },
  { "bad", "cards-empty.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": cards: " },
  { "bad", "missing-id.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": id: " },
  { "import/bad", "cut-token.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":424:230: invalid string constant" },
  { "import/bad", "two-values.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":2:1: unexpected text after the end of the deck" },
  { "bad", "version-overflow.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":3:14: version 99999999999999999999999 " },
  { "bad", "nul-escape-text.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":21:21: " },
  { "bad", "nul-escape-id.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ":17:15: " },
  { "bad", "id-leading-dot.json", SHUATI_IMPORT_ERROR_INVALID_DECK, ": id: " },
  { "bad", "empty.json", SHUATI_IMPORT_ERROR_EMPTY, ": " },
  { "bad", "binary.json", SHUATI_IMPORT_ERROR_BINARY, ":1:1: " },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", bad->kind, bad->name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autofree char *prefix = g_strconcat (bad->name, bad->place, NULL);

  result = shuati_import_file (file, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, bad->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);

  /* The same from memory, named by the caller. */
  {
    g_autoptr(GError) bytes_error = NULL;
    g_autofree char *contents = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(ShuatiImportResult) again = NULL;
    gsize length = 0;

    g_file_get_contents (path, &contents, &length, NULL);
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    again = shuati_import_bytes (bytes, bad->name, &bytes_error);
    g_assert_null (again);
    g_assert_cmpstr (bytes_error->message, ==, error->message);
  }
}

/* json-glib reads on after the first top-level value and leaks it; the
 * deck loader refuses such text before json-glib sees it. */
static void
test_deck_trailing_values (void)
{
  const char *texts[][2] = {
    { "[][]", "1:3: unexpected text after the end of the deck" },
    { "\"\"{}", "1:3: unexpected text after the end of the deck" },
    { "{}\n\n  {\"a\": 1}", "3:3: unexpected text after the end of the deck" },
    { "[1] x", "1:5: unexpected text after the end of the deck" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i][0], strlen (texts[i][0]));
      g_autoptr(GError) error = NULL;
      g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (bytes, &error);

      g_assert_null (deck);
      g_assert_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, texts[i][1]);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/questions.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = shuati_import_file (file, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "questions.md: "));
}

static void
import_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ShuatiImportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = shuati_import_file_finish (res, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = data_path ("good", "quoting.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ShuatiImportResult) result = NULL;

  shuati_import_file_async (file, NULL, import_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (shuati_deck_get_n_cards (shuati_import_result_get_deck (result)), ==, 3);
  g_assert_cmpstr (shuati_import_result_get_file_name (result), ==, "quoting.csv");
}

/* GB18030 writes what GBK lacks, such as emoji, in four bytes. */
static void
test_gb18030_four_bytes (void)
{
  /* "问题,答案\n你好😀,世界\n" in GB18030 */
  static const char text[] =
    "\xce\xca\xcc\xe2,\xb4\xf0\xb0\xb8\n"
    "\xc4\xe3\xba\xc3\x94\x39\xfc\x36,\xca\xc0\xbd\xe7\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_text (text, -1, "short.csv", &error);
  ShuatiCard *card;

  g_assert_no_error (error);
  g_assert_cmpstr (shuati_import_result_get_encoding (result), ==, "GB18030");
  card = shuati_deck_get_card (shuati_import_result_get_deck (result), 0);
  g_assert_cmpstr (shuati_card_get_question (card, zh), ==, "你好😀");
  g_assert_cmpstr (shuati_card_get_answer (card, zh), ==, "世界");
}

/* A text over 64 KiB is refused from every format, with its card. */
static void
test_text_limit (void)
{
  g_autofree char *word = g_strnfill (SHUATI_DECK_MAX_TEXT_SIZE + 1, 'x');
  g_autofree char *markdown = g_strdup_printf ("# Deck\n\n## Short\n\nfine\n\n## Long\n\n%s\n", word);
  g_autofree char *csv = g_strdup_printf ("question,answer\nq1,a1\nq2,%s\n", word);
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = import_text (markdown, -1, "long.md", &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_INVALID_DECK);
  g_assert_true (g_str_has_prefix (error->message, "long.md: cards[1]: \"answer\" is longer than 64 KiB"));
  g_clear_error (&error);

  result = import_text (csv, -1, "long.csv", &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_INVALID_DECK);
  g_assert_true (g_str_has_prefix (error->message, "long.csv: cards[1]: \"answer\" is longer than 64 KiB"));
}

/* An id that would hide the deck's file is never taken from a source. */
static void
test_hidden_deck_id (void)
{
  static const char text[] = "<!-- shuati: deck=..hidden -->\n# Deck\n\n## Q\n\nA\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = import_text (text, -1, ".secret.md", &error);
  const char *id;

  g_assert_no_error (error);
  id = shuati_deck_get_id (shuati_import_result_get_deck (result));
  g_assert_true (shuati_deck_id_is_valid (id));
  g_assert_cmpstr (id, ==, "secret");
}

/* Endless or huge input is refused before it is read. */
static void
test_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shuati-import-XXXXXX", NULL);
  g_autofree char *fifo_path = g_build_filename (dir, "pipe.md", NULL);
  g_autofree char *sparse_path = g_build_filename (dir, "sparse.md", NULL);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GFile) sparse = g_file_new_for_path (sparse_path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  int fd;

  result = shuati_import_file (zero, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "zero: not an ordinary file (a folder, a device or a pipe); only files can be imported");
  g_clear_error (&error);

  result = shuati_import_file (folder, NULL, &error);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_IO);
  g_clear_error (&error);

  /* Would block for ever waiting for a writer if opened to read. */
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  result = shuati_import_file (fifo, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_IO);
  g_clear_error (&error);

  /* 3 GiB that take no room: refused by their size, without reading. */
  fd = g_open (sparse_path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)3 << 30), ==, 0);
  close (fd);
  start = g_get_monotonic_time ();
  result = shuati_import_file (sparse, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "sparse.md: the file is larger than 1 GiB");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  g_unlink (fifo_path);
  g_unlink (sparse_path);
  g_rmdir (dir);
}

static void
import_cancelled (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = shuati_import_file_finish (res, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_cancel (void)
{
  g_autofree char *path = data_path ("good", "quoting.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  gboolean done = FALSE;

  g_cancellable_cancel (cancellable);
  result = shuati_import_file (file, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  shuati_import_file_async (file, cancellable, import_cancelled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_result_finalizes (void)
{
  ShuatiImportResult *result = import_good ("english-labels.md");
  ShuatiDeck *deck = g_object_ref (shuati_import_result_get_deck (result));

  g_assert_finalize_object (result);
  g_assert_finalize_object (deck);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/import/seed", test_seed);
  g_test_add_func ("/shuati/import/seed-encodings", test_seed_encodings);
  g_test_add_func ("/shuati/import/markdown/english", test_markdown_english);
  g_test_add_func ("/shuati/import/markdown/half-width", test_markdown_half_width);
  g_test_add_func ("/shuati/import/markdown/plain", test_markdown_plain);
  g_test_add_func ("/shuati/import/markdown/verbatim-unclosed", test_markdown_verbatim_unclosed);
  g_test_add_func ("/shuati/import/markdown/missing-sections", test_markdown_missing_sections);
  g_test_add_func ("/shuati/import/encodings", test_encodings);
  g_test_add_func ("/shuati/import/stable-ids", test_stable_ids);
  g_test_add_func ("/shuati/import/duplicate-questions", test_duplicate_questions);
  g_test_add_func ("/shuati/import/csv/chinese-header", test_csv_chinese_header);
  g_test_add_func ("/shuati/import/csv/quoting", test_csv_quoting);
  g_test_add_func ("/shuati/import/csv/edge-cases", test_csv_edge_cases);
  g_test_add_func ("/shuati/import/csv/separators", test_csv_separators);
  g_test_add_func ("/shuati/import/anki", test_anki);
  g_test_add_func ("/shuati/import/anki/html", test_html);
  g_test_add_func ("/shuati/import/deck-json", test_deck_json);
  g_test_add_func ("/shuati/import/node", test_node);
  g_test_add_func ("/shuati/import/deck-trailing-values", test_deck_trailing_values);
  g_test_add_func ("/shuati/import/missing-file", test_missing_file);
  g_test_add_func ("/shuati/import/async", test_async);
  g_test_add_func ("/shuati/import/finalizes", test_result_finalizes);
  g_test_add_func ("/shuati/import/gb18030-four-bytes", test_gb18030_four_bytes);
  g_test_add_func ("/shuati/import/text-limit", test_text_limit);
  g_test_add_func ("/shuati/import/hidden-deck-id", test_hidden_deck_id);
  g_test_add_func ("/shuati/import/special-files", test_special_files);
  g_test_add_func ("/shuati/import/cancel", test_cancel);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/shuati/import/bad/%s", bad_files[i].name);
      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }

  return g_test_run ();
}
