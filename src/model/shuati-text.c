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

/**
 * shuati_text_clip_for_display:
 * @text: a field of a card
 * @max_chars: how many characters to keep at most, as
 *   %SHUATI_TEXT_DISPLAY_MAX_CHARS
 * @clipped: (out) (optional): whether anything was cut off
 *
 * Cuts @text to its first @max_chars characters, with an ellipsis after
 * them, for a label to show.
 *
 * Returns: (transfer full): the text to show
 */
char *
shuati_text_clip_for_display (const char *text,
                              guint       max_chars,
                              gboolean   *clipped)
{
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  end = text;
  for (guint n = 0; *end != '\0' && n < max_chars; n++)
    end = g_utf8_next_char (end);

  if (clipped != NULL)
    *clipped = *end != '\0';
  if (*end == '\0')
    return g_strdup (text);

  {
    GString *out = g_string_new_len (text, end - text);

    g_string_append (out, "…");
    return g_string_free (out, FALSE);
  }
}

/**
 * shuati_markup_break_long_words:
 * @markup: valid Pango markup
 * @max_run: the most characters between two places a line may break
 *
 * Puts a zero-width space into every run of more than @max_run characters
 * that has no place to break a line (a URL, a hash, a word of thousands
 * of letters), between characters of the text and never in a tag or an
 * entity. A label then wraps such a run as it wraps words, in time that
 * grows with its length, where breaking it between characters costs Pango
 * time that grows with the square of it. The text looks the same.
 *
 * Returns: (transfer full): the markup to show
 */
char *
shuati_markup_break_long_words (const char *markup,
                                guint       max_run)
{
  GString *out;
  guint run = 0;

  g_return_val_if_fail (markup != NULL, NULL);
  g_return_val_if_fail (max_run > 0, NULL);

  out = g_string_sized_new (strlen (markup));
  for (const char *p = markup; *p != '\0';)
    {
      const char *next;
      gunichar c;

      if (*p == '<')
        {
          next = strchr (p, '>');
          next = next != NULL ? next + 1 : p + strlen (p);
          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }

      if (*p == '&')
        {
          next = strchr (p, ';');
          next = next != NULL ? next + 1 : p + 1;
          c = 'x';
        }
      else
        {
          next = g_utf8_next_char (p);
          c = g_utf8_get_char (p);
        }

      if (g_unichar_isspace (c) || c == 0x200b || g_unichar_iswide (c))
        run = 0;
      else if (++run > max_run)
        {
          g_string_append (out, "\u200b");
          run = 1;
        }
      g_string_append_len (out, p, next - p);
      p = next;
    }

  return g_string_free (out, FALSE);
}

/**
 * shuati_text_is_one_json_object:
 * @data: text, not necessarily NUL-terminated
 * @length: the length of @data in bytes, or -1 for up to its NUL
 *
 * Whether @data is one JSON object and nothing after it but white space,
 * as far as brackets and strings tell. JSON-GLib 1.6 accepts several
 * top-level values one after another and leaks all but the last, so
 * text like "{…}{…}" from outside must not reach its parser.
 */
gboolean
shuati_text_is_one_json_object (const char *data,
                                gssize      length)
{
  const char *p = data;
  const char *end = data + (length < 0 ? (gssize)strlen (data) : length);
  guint depth = 0;
  gboolean in_string = FALSE;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || *p != '{')
    return FALSE;
  for (; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && depth > 0 && --depth == 0)
        {
          for (p++; p < end; p++)
            if (!g_ascii_isspace (*p))
              return FALSE;
          return TRUE;
        }
    }
  return FALSE;
}
