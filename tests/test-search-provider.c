/* test-search-provider.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-search-provider.h"

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

  return g_test_run ();
}
