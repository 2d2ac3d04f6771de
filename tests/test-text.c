/* test-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <pango/pango.h>

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

/* A field longer than a label shows quickly is cut, with an ellipsis;
 * one that fits is kept whole. */
static void
test_clip_for_display (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *whole = NULL;
  g_autofree char *cut = NULL;
  gboolean clipped = TRUE;

  for (guint i = 0; i < 10; i++)
    g_string_append (text, "知");
  whole = shuati_text_clip_for_display (text->str, 10, &clipped);
  g_assert_false (clipped);
  g_assert_cmpstr (whole, ==, text->str);

  g_string_append (text, "识");
  cut = shuati_text_clip_for_display (text->str, 10, &clipped);
  g_assert_true (clipped);
  g_assert_cmpstr (cut, ==, "知知知知知知知知知知…");
}

static char *
parsed (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Long runs get a zero-width space every so often, in the text only:
 * tags and entities stay whole, and the text reads the same. */
static void
test_break_long_words (void)
{
  g_autofree char *word = g_strnfill (100, 'w');
  g_autofree char *markup = g_strdup_printf ("<b>%s</b> &amp;&lt;%s<span font_family=\"%s\">x</span>",
                                             word, word, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_autofree char *broken = shuati_markup_break_long_words (markup, 32);
  g_autofree char *before = parsed (markup);
  g_autofree char *after = parsed (broken);
  g_autoptr(GString) without = g_string_new (NULL);
  g_autofree char *short_text = NULL;
  guint run = 0;
  guint max_run = 0;

  for (const char *p = after; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200b || c == ' ')
        run = 0;
      else
        {
          run++;
          max_run = MAX (max_run, run);
        }
      if (c != 0x200b)
        g_string_append_unichar (without, c);
    }
  g_assert_cmpstr (without->str, ==, before);
  g_assert_cmpuint (max_run, <=, 32);
  g_assert_nonnull (strstr (broken, "<span font_family=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"));

  /* Ordinary text and CJK, which breaks anywhere, are left alone. */
  short_text = shuati_markup_break_long_words ("a short sentence, 知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏", 16);
  g_assert_cmpstr (short_text, ==, "a short sentence, 知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏知识蒸馏");
}

/* JSON-GLib 1.6 reads "{…}{…}" and leaks all but the last object: such
 * text is told apart before it gets there. */
static void
test_one_json_object (void)
{
  g_assert_true (shuati_text_is_one_json_object ("{}", -1));
  g_assert_true (shuati_text_is_one_json_object (" \n{\"a\": [1, {\"b\": 2}]}\t\n", -1));
  g_assert_true (shuati_text_is_one_json_object ("{\"a\": \"}{\"}", 11));
  g_assert_true (shuati_text_is_one_json_object ("{\"a\": \"\\\"}{\"}", -1));
  /* Only the first @length bytes count. */
  g_assert_true (shuati_text_is_one_json_object ("{}{}", 2));
  g_assert_false (shuati_text_is_one_json_object ("{}{}", 4));
  g_assert_false (shuati_text_is_one_json_object ("{} {\"a\": 1}", -1));
  g_assert_false (shuati_text_is_one_json_object ("{}x", -1));
  g_assert_false (shuati_text_is_one_json_object ("[]", 2));
  g_assert_false (shuati_text_is_one_json_object ("", -1));
  g_assert_false (shuati_text_is_one_json_object ("   ", -1));
  g_assert_false (shuati_text_is_one_json_object ("{\"a\": 1", -1));
  g_assert_false (shuati_text_is_one_json_object ("{\"a\": \"}", -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/text/for-terminal/plain", test_for_terminal_plain);
  g_test_add_func ("/shuati/text/for-terminal/controls", test_for_terminal_controls);
  g_test_add_func ("/shuati/text/for-terminal/bytes", test_for_terminal_bytes);
  g_test_add_func ("/shuati/text/clip-for-display", test_clip_for_display);
  g_test_add_func ("/shuati/text/break-long-words", test_break_long_words);
  g_test_add_func ("/shuati/text/one-json-object", test_one_json_object);

  return g_test_run ();
}
