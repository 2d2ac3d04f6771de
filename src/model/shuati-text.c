/* shuati-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-text.h"

/**
 * shuati_text_locate:
 * @data: the start of a text
 * @at: a place in it
 * @line: (out): the line of @at, from 1
 * @column: (out): the column of @at in bytes, from 1
 *
 * Turns a place in a file's text into what an error message shows.
 */
void
shuati_text_locate (const char *data,
                    const char *at,
                    guint      *line,
                    guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint)(at - line_start) + 1;
}

/* Characters that NFKC and case folding leave alone: the bulk of Chinese
 * text. Everything else takes the slow, exact path through GLib. */
static inline gboolean
is_stable_char (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3001 && c <= 0x3002) ||
         (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x2018 && c <= 0x201D);
}

static void
append_slow (GString    *out,
             const char *text,
             gssize      length)
{
  g_autofree char *folded = g_utf8_casefold (text, length);
  g_autofree char *normalized = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);

  /* Folding after NFKC can denormalise again ("ﬃ" → "ffi" is fine, but
   * some compatibility characters fold into sequences): fold twice. */
  if (normalized != NULL)
    {
      g_autofree char *refolded = g_utf8_casefold (normalized, -1);
      g_string_append (out, refolded);
    }
}

/**
 * shuati_text_normalize_append:
 * @out: where the result goes
 * @text: valid UTF-8
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 *
 * Appends @text after NFKC normalisation and case folding, so that
 * "ＡＩ", "Ai" and "ai" all become "ai". Runs of ASCII and of CJK
 * ideographs take a fast path.
 */
void
shuati_text_normalize_append (GString    *out,
                                const char *text,
                                gssize      length)
{
  const char *p;
  const char *end;
  const char *slow_start = NULL;
  const char *prev_start = NULL;
  gsize prev_out_len = 0;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;

  if (length < 0)
    length = strlen (text);

  p = text;
  end = text + length;

  while (p < end)
    {
      guchar b = (guchar)*p;
      const char *next;
      gunichar c;
      gboolean fast;

      if (b < 0x80)
        {
          c = b;
          next = p + 1;
          fast = TRUE;
        }
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar)-1 || c == (gunichar)-2)
            {
              /* Not UTF-8: skip the byte rather than fail the whole text. */
              p++;
              continue;
            }
          next = g_utf8_next_char (p);
          fast = is_stable_char (c) ||
                 (c >= 0xFF01 && c <= 0xFF5E);
        }

      if (!fast)
        {
          if (slow_start == NULL)
            {
              /* A combining mark composes with the character before it,
               * so that character joins the slow run. */
              if (prev_start != NULL && g_unichar_ismark (c))
                {
                  g_string_truncate (out, prev_out_len);
                  slow_start = prev_start;
                }
              else
                slow_start = p;
            }
          prev_start = p;
          p = next;
          continue;
        }

      if (slow_start != NULL)
        {
          append_slow (out, slow_start, p - slow_start);
          slow_start = NULL;
        }

      prev_start = p;
      prev_out_len = out->len;

      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char)c));
      else if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, g_ascii_tolower ((char)(c - 0xFEE0)));
      else
        g_string_append_len (out, p, next - p);

      p = next;
    }

  if (slow_start != NULL)
    append_slow (out, slow_start, end - slow_start);
}

/**
 * shuati_text_normalize:
 *
 * Returns: (transfer full): @text normalised for searching
 */
char *
shuati_text_normalize (const char *text,
                         gssize      length)
{
  GString *out = g_string_new (NULL);

  shuati_text_normalize_append (out, text, length);
  return g_string_free (out, FALSE);
}
