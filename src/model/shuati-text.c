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

/* Characters that would make a terminal do something rather than show
 * them: the C0 and C1 controls and DEL, and the bidirectional overrides
 * and isolates that reorder what follows them on the line. */
static gboolean
is_terminal_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * shuati_text_for_terminal:
 * @text: text from a file, a file name or an argument
 * @length: its length in bytes, or -1 if it ends with a NUL
 *
 * Makes @text safe to print to a terminal, on one line: each control
 * character becomes a visible escape (`\x1B`, `\u202E`), and so does
 * each byte that is not UTF-8, as in a file name of another encoding.
 * Everything else is kept as it is.
 *
 * Returns: (transfer full): the text to print
 */
char *
shuati_text_for_terminal (const char *text,
                          gssize      length)
{
  GString *out;
  const char *p;
  const char *end;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);
  out = g_string_sized_new (length);
  end = text + length;

  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar)*p);
          p++;
          continue;
        }

      if (c < 0x80 && is_terminal_control (c))
        g_string_append_printf (out, "\\x%02X", c);
      else if (is_terminal_control (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}
