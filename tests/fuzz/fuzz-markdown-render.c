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

/* A GtkLabel's markup is Pango markup plus <a href="…">: checked as
 * Pango markup once the links are spans. The target is escaped, so it
 * has no quote and the tag ends at the first '>'. */
static void
check_label_markup (const char *markup,
                    const char *what)
{
  GString *pango = g_string_new (NULL);

  for (const char *p = markup; *p != '\0';)
    {
      if (g_str_has_prefix (p, "<a href=\""))
        {
          const char *end = strchr (p, '>');
          const char *quote = strchr (p + 9, '"');

          if (end == NULL || quote == NULL || quote + 1 != end)
            {
              fprintf (stderr, "%s: a link tag is not closed where it should be\n%s\n", what, markup);
              abort ();
            }
          g_string_append (pango, "<span>");
          p = end + 1;
        }
      else if (g_str_has_prefix (p, "</a>"))
        {
          g_string_append (pango, "</span>");
          p += 4;
        }
      else
        g_string_append_c (pango, *p++);
    }

  check_markup (pango->str, what);
  g_string_free (pango, TRUE);
}

static void
check_blocks (GPtrArray *blocks,
              guint      depth)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);

      if (block->text != NULL)
        check_utf8 (block->text, "parse: text");
      if (block->language != NULL)
        check_utf8 (block->language, "parse: language");
      switch (block->kind)
        {
        case SHUATI_MARKDOWN_PARAGRAPH:
        case SHUATI_MARKDOWN_HEADING:
        case SHUATI_MARKDOWN_TABLE_CELL:
          check_label_markup (block->markup, "parse: markup");
          break;
        case SHUATI_MARKDOWN_IMAGE:
          {
            g_autofree char *path = shuati_markdown_resolve_image ("/nonexistent/media", block->text);

            check_utf8 (block->markup, "parse: alt");
            if (path != NULL && (!g_str_has_prefix (path, "/nonexistent/media/") || strstr (path, "/../") != NULL))
              {
                fprintf (stderr, "resolve_image: %s leads out of the media folder\n", path);
                abort ();
              }
          }
          break;
        default:
          break;
        }
      if (block->children != NULL)
        check_blocks (block->children, depth + 1);
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
  g_autoptr(GPtrArray) points = shuati_markdown_extract_points (text);
  g_autoptr(GPtrArray) point_markup = shuati_markdown_extract_point_markup (text);
  g_autoptr(GPtrArray) blocks = shuati_markdown_parse (text);

  check_markup (markup, "to_pango");

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

  /* The widget shows each block's own markup, and text blocks joined. */
  check_blocks (blocks, 0);
  {
    g_autofree char *joined = shuati_markdown_blocks_to_pango (blocks, 0, blocks->len);
    g_autofree char *blocks_plain = shuati_markdown_blocks_to_plain (blocks);

    check_label_markup (joined, "blocks_to_pango");
    check_utf8 (blocks_plain, "blocks_to_plain");
  }

  if (point_markup->len != points->len)
    {
      fprintf (stderr, "extract_point_markup: %u points for %u\n", point_markup->len, points->len);
      abort ();
    }
  for (guint i = 0; i < point_markup->len; i++)
    check_markup (g_ptr_array_index (point_markup, i), "extract_point_markup");

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
