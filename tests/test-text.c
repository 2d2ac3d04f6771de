/* test-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-text.h"

static void
assert_for_terminal (const char *text,
                     gssize      length,
                     const char *expected)
{
  g_autofree char *got = shuati_text_for_terminal (text, length);

  g_assert_cmpstr (got, ==, expected);
  g_assert_true (g_utf8_validate (got, -1, NULL));
}

/* Plain text, in any script, passes unchanged. */
static void
test_for_terminal_plain (void)
{
  assert_for_terminal ("", -1, "");
  assert_for_terminal ("llm-interview: 24 cards, 4 topics", -1, "llm-interview: 24 cards, 4 topics");
  assert_for_terminal ("知识蒸馏 «Q&A» <deck> 😀", -1, "知识蒸馏 «Q&A» <deck> 😀");
}

/* Escape sequences that would clear the screen, recolour it, set the
 * title or move the cursor show as text instead. */
static void
test_for_terminal_controls (void)
{
  assert_for_terminal ("\033[2J\033[31mred", -1, "\\x1B[2J\\x1B[31mred");
  assert_for_terminal ("\033]0;owned\007", -1, "\\x1B]0;owned\\x07");
  assert_for_terminal ("line\nfake: ok\r\tx\x7f", -1, "line\\x0Afake: ok\\x0D\\x09x\\x7F");
  /* C1 controls as characters: U+009B is a one-character CSI. */
  assert_for_terminal ("\xc2\x9b" "2J", -1, "\\u009B2J");
  /* A right-to-left override turns "txt.exe" round on screen. */
  assert_for_terminal ("a\xe2\x80\xae" "txt.exe\xe2\x81\xa9", -1, "a\\u202Etxt.exe\\u2069");
}

/* Bytes that are not UTF-8 (a file name in Latin-1) are shown by value;
 * a NUL in the middle of a counted text too. */
static void
test_for_terminal_bytes (void)
{
  assert_for_terminal ("caf\xe9.json", -1, "caf\\xE9.json");
  assert_for_terminal ("cut \xe4\xb8", -1, "cut \\xE4\\xB8");
  assert_for_terminal ("a\0b", 3, "a\\x00b");
  assert_for_terminal ("abc", 2, "ab");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/text/for-terminal/plain", test_for_terminal_plain);
  g_test_add_func ("/shuati/text/for-terminal/controls", test_for_terminal_controls);
  g_test_add_func ("/shuati/text/for-terminal/bytes", test_for_terminal_bytes);

  return g_test_run ();
}
