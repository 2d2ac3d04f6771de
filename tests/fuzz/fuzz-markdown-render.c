/* fuzz-markdown-render.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "shuati-markdown.h"
#include "shuati-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_markup (const char *markup,
              const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error))
    {
      fprintf (stderr, "%s: not valid Pango markup: %s\n%s\n",
               what, error ? error->message : "no error", markup);
      abort ();
    }
}

static void
check_utf8 (const char *text,
            const char *what)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      fprintf (stderr, "%s: not valid UTF-8\n", what);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Card texts are C strings: the input is cut at its first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *markup = shuati_markdown_to_pango (text);
  g_autofree char *plain = shuati_markdown_to_plain (text);
  g_autofree char *inline_markup = shuati_markdown_inline_to_pango (text);
  g_autoptr(GPtrArray) points = shuati_markdown_extract_points (text);
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse (text);
  guint n_numbered = 0;

  check_markup (markup, "to_pango");
  check_markup (inline_markup, "inline_to_pango");

  /* What the reader shows: the field cut for display, its long words
   * given places to break. Still markup, and the same text but for the
   * zero-width spaces. A card's text is UTF-8: loading refuses the rest. */
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *clipped = shuati_text_clip_for_display (text, 64, NULL);
      g_autofree char *clipped_markup = shuati_markdown_to_pango (clipped);
      g_autofree char *broken = shuati_markup_break_long_words (clipped_markup, 8);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      GString *stripped;

      check_utf8 (clipped, "clip_for_display");
      check_markup (broken, "break_long_words");
      pango_parse_markup (clipped_markup, -1, 0, NULL, &before, NULL, NULL);
      pango_parse_markup (broken, -1, 0, NULL, &after, NULL, NULL);
      stripped = g_string_new (NULL);
      for (const char *p = after; *p != '\0'; p = g_utf8_next_char (p))
        if (g_utf8_get_char (p) != 0x200b)
          g_string_append_unichar (stripped, g_utf8_get_char (p));
      {
        g_autoptr(GString) expected = g_string_new (NULL);

        for (const char *p = before; *p != '\0'; p = g_utf8_next_char (p))
          if (g_utf8_get_char (p) != 0x200b)
            g_string_append_unichar (expected, g_utf8_get_char (p));
        if (!g_str_equal (stripped->str, expected->str))
          {
            fprintf (stderr, "break_long_words: the text changed\n%s\n%s\n", before, after);
            abort ();
          }
      }
      g_string_free (stripped, TRUE);
    }
  check_utf8 (plain, "to_plain");
  if (strchr (plain, '\n') != NULL || strchr (plain, '\r') != NULL)
    {
      fprintf (stderr, "to_plain: line break in the result\n");
      abort ();
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);

      check_utf8 (block->text, "parse");
      if (block->kind == SHUATI_MARKDOWN_NUMBERED && block->text[0] != '\0')
        n_numbered++;
    }

  if (points->len != n_numbered)
    {
      fprintf (stderr, "extract_points: %u points for %u numbered items\n", points->len, n_numbered);
      abort ();
    }

  for (guint i = 0; i < points->len; i++)
    {
      const char *point = g_ptr_array_index (points, i);

      check_utf8 (point, "extract_points");
      if (strchr (point, '\n') != NULL || strstr (plain, point) == NULL)
        {
          fprintf (stderr, "extract_points: point %u is not a line of the plain text\n", i);
          abort ();
        }
    }

  return 0;
}
