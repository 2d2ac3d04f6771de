/* shuati-markdown.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-markdown.h"

/* More digits than this is not a list number but text that starts with
 * a number, like a year or an amount. */
#define MAX_NUMBER_DIGITS 9

#define BULLET "\xe2\x80\xa2"

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/**
 * shuati_markdown_block_free:
 * @block: (transfer full) (nullable): a block
 */
void
shuati_markdown_block_free (ShuatiMarkdownBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->marker);
  g_free (block->text);
  g_free (block);
}

/* The length of the list marker at @p including the blanks after it, or 0
 * when the line does not start an item. */
static gsize
match_item (const char         *p,
            const char         *end,
            ShuatiMarkdownKind *kind,
            guint              *number,
            char              **marker)
{
  const char *q = p;
  gsize marker_len;

  if (end - p >= 2 && (*p == '-' || *p == '*') && is_blank (p[1]))
    {
      q = p + 1;
      *kind = SHUATI_MARKDOWN_BULLET;
      *number = 0;
    }
  else if (end - p >= 4 && memcmp (p, BULLET, 3) == 0 && is_blank (p[3]))
    {
      q = p + 3;
      *kind = SHUATI_MARKDOWN_BULLET;
      *number = 0;
    }
  else
    {
      guint value = 0;

      while (q < end && g_ascii_isdigit (*q) && q - p < MAX_NUMBER_DIGITS)
        value = value * 10 + (guint) (*q++ - '0');

      if (q == p || end - q < 2 || q[0] != '.' || !is_blank (q[1]))
        return 0;

      q++;
      marker_len = q - p;
      *kind = SHUATI_MARKDOWN_NUMBERED;
      *number = value;
      *marker = g_strndup (p, marker_len);
      while (q < end && is_blank (*q))
        q++;
      return q - p;
    }

  *marker = g_strdup (BULLET);
  while (q < end && is_blank (*q))
    q++;
  return q - p;
}

static ShuatiMarkdownBlock *
finish_block (ShuatiMarkdownKind  kind,
              guint               number,
              char               *marker,
              GString            *text)
{
  ShuatiMarkdownBlock *block = g_new0 (ShuatiMarkdownBlock, 1);

  block->kind = kind;
  block->number = number;
  block->marker = marker;
  block->text = g_string_free (text, FALSE);

  return block;
}

/* @text must be valid UTF-8. */
static GPtrArray *
parse_valid (const char *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_markdown_block_free);
  GString *current = NULL;
  ShuatiMarkdownKind current_kind = SHUATI_MARKDOWN_PARAGRAPH;
  guint current_number = 0;
  char *current_marker = NULL;
  gboolean after_blank = FALSE;
  const char *line = text;

  while (*line != '\0')
    {
      const char *line_end = line + strcspn (line, "\r\n");
      const char *next = line_end;
      const char *p = line;
      const char *e;
      ShuatiMarkdownKind kind;
      guint number;
      char *marker = NULL;
      gsize marker_len;

      if (*next == '\r' && next[1] == '\n')
        next += 2;
      else if (*next != '\0')
        next += 1;

      while (p < line_end && is_blank (*p))
        p++;

      if (p == line_end)
        {
          after_blank = TRUE;
          line = next;
          continue;
        }

      marker_len = match_item (p, line_end, &kind, &number, &marker);

      e = line_end;
      while (e > p && is_blank (e[-1]))
        e--;

      if (marker_len > 0)
        {
          if (current != NULL)
            g_ptr_array_add (blocks, finish_block (current_kind, current_number, current_marker, current));

          p += marker_len;
          current = g_string_new_len (p, MAX (e - p, 0));
          current_kind = kind;
          current_number = number;
          current_marker = marker;
        }
      else if (current != NULL && !after_blank)
        {
          /* A line without a marker continues the paragraph or item above it. */
          if (current->len > 0)
            g_string_append_c (current, '\n');
          g_string_append_len (current, p, e - p);
        }
      else
        {
          if (current != NULL)
            g_ptr_array_add (blocks, finish_block (current_kind, current_number, current_marker, current));

          current = g_string_new_len (p, e - p);
          current_kind = SHUATI_MARKDOWN_PARAGRAPH;
          current_number = 0;
          current_marker = NULL;
        }

      after_blank = FALSE;
      line = next;
    }

  if (current != NULL)
    g_ptr_array_add (blocks, finish_block (current_kind, current_number, current_marker, current));

  return blocks;
}

/**
 * shuati_markdown_parse:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Splits @text into paragraphs and list items. Line breaks may be "\n",
 * "\r\n" or "\r". Leading blanks before a list marker are ignored: the
 * card format has no nested lists.
 *
 * Returns: (transfer container) (element-type ShuatiMarkdownBlock): the
 *   blocks in order; empty when @text has no visible text
 */
GPtrArray *
shuati_markdown_parse (const char *text)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_markdown_block_free));

  valid = g_utf8_make_valid (text, -1);
  return parse_valid (valid);
}

/* Finds the `**` pairs of @text. Only a run of exactly two asterisks is a
 * marker, so "*", "***" and "****" stay text; an opening marker must be
 * followed and a closing one preceded by a non-blank. Whether the next
 * character is punctuation does not matter, unlike in CommonMark, because
 * labels such as "**特点：**后文" must work in Chinese. A marker left
 * without its partner is text. Returns the byte offsets of the markers, in
 * pairs. */
static GArray *
find_bold_pairs (const char *text,
                 gsize       len)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (gsize));
  gssize open = -1;
  gsize i = 0;

  while (i < len)
    {
      gsize run;

      if (text[i] != '*')
        {
          i++;
          continue;
        }

      run = 0;
      while (i + run < len && text[i + run] == '*')
        run++;

      if (run == 2)
        {
          gboolean can_close = i > 0 && !is_space (text[i - 1]);
          gboolean can_open = i + 2 < len && !is_space (text[i + 2]);

          if (open >= 0 && can_close)
            {
              gsize start = open;

              g_array_append_val (pairs, start);
              g_array_append_val (pairs, i);
              open = -1;
            }
          else if (can_open)
            open = i;
        }

      i += run;
    }

  return pairs;
}

static void
append_text (GString    *out,
             const char *text,
             gsize       len,
             gboolean    markup)
{
  if (len == 0)
    return;

  if (markup)
    {
      g_autofree char *escaped = g_markup_escape_text (text, len);
      g_string_append (out, escaped);
    }
  else
    {
      gsize start = g_string_append_len (out, text, len)->len - len;

      for (gsize i = start; i < out->len; i++)
        if (out->str[i] == '\n')
          out->str[i] = ' ';
    }
}

static void
append_inline (GString    *out,
               const char *text,
               gboolean    markup)
{
  gsize len = strlen (text);
  g_autoptr(GArray) pairs = find_bold_pairs (text, len);
  gsize pos = 0;

  for (guint i = 0; i < pairs->len; i += 2)
    {
      gsize open = g_array_index (pairs, gsize, i);
      gsize close = g_array_index (pairs, gsize, i + 1);

      append_text (out, text + pos, open - pos, markup);
      if (markup)
        g_string_append (out, "<b>");
      append_text (out, text + open + 2, close - open - 2, markup);
      if (markup)
        g_string_append (out, "</b>");
      pos = close + 2;
    }

  append_text (out, text + pos, len - pos, markup);
}

/**
 * shuati_markdown_inline_to_pango:
 * @inline_text: the text of one block, such as #ShuatiMarkdownBlock.text
 *
 * Returns: (transfer full): @inline_text as Pango markup: `**x**` in bold,
 *   everything else escaped
 */
char *
shuati_markdown_inline_to_pango (const char *inline_text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (inline_text != NULL, g_strdup (""));

  valid = g_utf8_make_valid (inline_text, -1);
  out = g_string_sized_new (strlen (valid) + 16);
  append_inline (out, valid, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * shuati_markdown_inline_to_plain:
 * @inline_text: the text of one block, such as #ShuatiMarkdownBlock.text
 *
 * Returns: (transfer full): @inline_text without its `**` pairs, on one
 *   line: each line break becomes a space
 */
char *
shuati_markdown_inline_to_plain (const char *inline_text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (inline_text != NULL, g_strdup (""));

  valid = g_utf8_make_valid (inline_text, -1);
  out = g_string_sized_new (strlen (valid));
  append_inline (out, valid, FALSE);
  return g_string_free (out, FALSE);
}

static char *
render (const char *text,
        gboolean    markup)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GPtrArray) blocks = parse_valid (valid);
  GString *out = g_string_sized_new (strlen (valid) + 16);

  for (guint i = 0; i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        {
          const ShuatiMarkdownBlock *previous = g_ptr_array_index (blocks, i - 1);

          if (!markup)
            g_string_append_c (out, ' ');
          else if (block->kind != SHUATI_MARKDOWN_PARAGRAPH &&
                   previous->kind != SHUATI_MARKDOWN_PARAGRAPH)
            g_string_append_c (out, '\n');
          else
            g_string_append (out, "\n\n");
        }

      if (block->marker != NULL)
        {
          /* Markers are digits, "." and "•": nothing to escape. */
          g_string_append (out, block->marker);
          if (block->text[0] != '\0')
            g_string_append_c (out, ' ');
        }

      append_inline (out, block->text, markup);
    }

  return g_string_free (out, FALSE);
}

/**
 * shuati_markdown_to_pango:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Renders @text for a #GtkLabel with markup. Paragraphs are separated by
 * an empty line; list items each take one line, a numbered item keeps its
 * number as written and a bullet item shows "•"; line breaks inside a
 * paragraph or item are kept. Every character of the card that is not
 * part of a marker is escaped, so the result always parses.
 *
 * Returns: (transfer full): Pango markup, never %NULL
 */
char *
shuati_markdown_to_pango (const char *text)
{
  g_return_val_if_fail (text != NULL, g_strdup (""));

  return render (text, TRUE);
}

/**
 * shuati_markdown_to_plain:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Renders @text as one line of plain text for snippets and search
 * results: `**` pairs are removed, list markers are kept ("1. ", "• "),
 * and blocks and line breaks become single spaces.
 *
 * Returns: (transfer full): the text, never %NULL
 */
char *
shuati_markdown_to_plain (const char *text)
{
  g_return_val_if_fail (text != NULL, g_strdup (""));

  return render (text, FALSE);
}

/**
 * shuati_markdown_to_snippet:
 * @text: (nullable): a card text
 * @max_chars: how many characters of @text to keep; an ellipsis follows
 *   when more were cut
 *
 * Renders @text as shuati_markdown_to_plain() does, without the backticks
 * that mark code, and cuts it with an ellipsis when it is longer than
 * @max_chars, for list rows and search results.
 *
 * Returns: (transfer full): the snippet, never %NULL
 */
char *
shuati_markdown_to_snippet (const char *text,
                            guint       max_chars)
{
  g_autofree char *plain = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  plain = render (text, FALSE);
  out = g_string_sized_new (strlen (plain));
  for (const char *p = plain; *p != '\0'; p++)
    if (*p != '`')
      g_string_append_c (out, *p);

  if (max_chars > 0 && g_utf8_strlen (out->str, -1) > max_chars)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, max_chars);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}

/**
 * shuati_markdown_extract_points:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Collects the numbered items of @text, for a recall checklist. Each point
 * is the item's text without its number and without `**` pairs, on one
 * line. Empty items are left out.
 *
 * Returns: (transfer container) (element-type utf8): the points in order;
 *   empty when @text has no numbered item
 */
GPtrArray *
shuati_markdown_extract_points (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  GPtrArray *points = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (text != NULL, points);

  valid = g_utf8_make_valid (text, -1);
  blocks = parse_valid (valid);

  for (guint i = 0; i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);
      GString *point;

      /* An empty item has nothing to recall. */
      if (block->kind != SHUATI_MARKDOWN_NUMBERED || block->text[0] == '\0')
        continue;

      point = g_string_sized_new (strlen (block->text));
      append_inline (point, block->text, FALSE);
      g_ptr_array_add (points, g_string_free (point, FALSE));
    }

  return points;
}
