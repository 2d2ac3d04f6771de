/* test-search-provider.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-search-index.h"
#include "shuati-search-provider.h"

static ShuatiDeck *
load_deck (void)
{
  static const char json[] =
    "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"d\", \"languages\": [\"zh_CN\", \"en\"],"
    " \"title\": \"D\", \"topics\": [{\"id\": \"t\", \"title\": \"T\"}], \"cards\": ["
    "{\"id\": \"a\", \"topic\": \"t\", \"title\": {\"zh_CN\": \"知识蒸馏\", \"en\": \"Knowledge distillation\"},"
    " \"question\": \"什么是知识蒸馏？\", \"answer\": \"学生模型学习教师模型。\"},"
    "{\"id\": \"b\", \"topic\": \"t\", \"title\": \"zszl\", \"question\": \"Letters only\", \"answer\": \"-\"},"
    "{\"id\": \"c\", \"topic\": \"t\", \"title\": \"知識蒸餾與量化\", \"question\": \"Traditional\", \"answer\": \"-\"},"
    "{\"id\": \"d\", \"topic\": \"t\", \"title\": \"自动驾驶\", \"question\": \"zi dong\", \"answer\": \"-\"},"
    "{\"id\": \"e\", \"topic\": \"t\", \"title\": \"Gradient\", \"question\": \"梯度下降\", \"answer\": \"-\"}"
    "]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return deck;
}

static char *
joined (GPtrArray *results)
{
  g_ptr_array_add (results, NULL);
  return g_strjoinv (",", (char **)results->pdata);
}

/* With the deck's index built, the provider finds through it what it
 * finds by matching every card, in the same order: zszl finds 知识蒸馏
 * (and the Traditional 知識蒸餾) after the card that has the letters. */
static void
test_find_with_index (void)
{
  g_autoptr(ShuatiDeck) scanned = load_deck ();
  g_autoptr(ShuatiDeck) indexed = load_deck ();
  const char * const queries[][3] = {
    { "zszl", NULL }, { "zhishi", "zl" }, { "知识", NULL }, { "gradient", NULL }, { "tidu", NULL },
    { "zd", NULL }, { "zdjs", NULL }, { "nothing", NULL }, { "zi", "dong" }, { "-", NULL }, { NULL },
  };

  g_assert_null (shuati_deck_peek_search_index (indexed));
  g_assert_nonnull (shuati_deck_get_search_index (indexed));
  for (guint q = 0; queries[q][0] != NULL; q++)
    {
      g_autoptr(GPtrArray) a = shuati_search_provider_find_in_deck (scanned, queries[q]);
      g_autoptr(GPtrArray) b = shuati_search_provider_find_in_deck (indexed, queries[q]);
      g_autofree char *x = joined (a);
      g_autofree char *y = joined (b);

      g_assert_cmpstr (x, ==, y);
    }
  /* The index is used, not built, by the provider. */
  g_assert_null (shuati_deck_peek_search_index (scanned));

  {
    const char * const zszl[] = { "zszl", NULL };
    const char * const none[] = { "qqqq", NULL };
    g_autoptr(GPtrArray) found = shuati_search_provider_find_in_deck (indexed, zszl);
    g_autoptr(GPtrArray) nothing = shuati_search_provider_find_in_deck (indexed, none);
    g_autofree char *text = joined (found);

    g_assert_cmpstr (text, ==, "d/b,d/a,d/c");
    g_assert_cmpuint (nothing->len, ==, 0);
  }
}

static void
test_describe_one_line (void)
{
  g_autofree char *line = NULL;

  line = shuati_search_provider_describe ("  Methods include:\n\n1. **Soft labels:** use `logits`\t\r\n  ");
  g_assert_cmpstr (line, ==, "Methods include: 1. Soft labels: use logits");
}

static void
test_describe_empty (void)
{
  g_autofree char *from_null = shuati_search_provider_describe (NULL);
  g_autofree char *from_blank = shuati_search_provider_describe (" \n\t ");

  g_assert_cmpstr (from_null, ==, "");
  g_assert_cmpstr (from_blank, ==, "");
}

static void
test_describe_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *line = NULL;
  g_autofree char *short_line = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "知");

  line = shuati_search_provider_describe (text->str);
  g_assert_true (g_utf8_validate (line, -1, NULL));
  g_assert_true (g_str_has_suffix (line, "…"));
  g_assert_cmpuint (g_utf8_strlen (line, -1), ==, 121);

  /* Exactly as long as the limit: nothing is cut. */
  g_string_truncate (text, 120 * strlen ("知"));
  short_line = shuati_search_provider_describe (text->str);
  g_assert_cmpstr (short_line, ==, text->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/search-provider/describe/one-line", test_describe_one_line);
  g_test_add_func ("/shuati/search-provider/describe/empty", test_describe_empty);
  g_test_add_func ("/shuati/search-provider/describe/long", test_describe_long);
  g_test_add_func ("/shuati/search-provider/find-with-index", test_find_with_index);

  return g_test_run ();
}
