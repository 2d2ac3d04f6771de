/* shuati-search.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-search.h"

struct _ShuatiQuery
{
  gatomicrefcount   ref_count;
  char             *text;
  GPtrArray        *words;
};

/**
 * shuati_query_clip_text:
 * @text: (nullable): what the user searches for
 * @clipped: (out) (optional): whether anything was cut off
 *
 * Cuts @text to its first %SHUATI_QUERY_MAX_LENGTH characters, at a
 * character boundary.
 *
 * Returns: (transfer full): the text to search for
 */
char *
shuati_query_clip_text (const char *text,
                        gboolean   *clipped)
{
  const char *end;

  if (text == NULL)
    text = "";

  /* Walks at most the first characters: a huge query costs nothing. */
  end = text;
  for (guint n = 0; *end != '\0' && n < SHUATI_QUERY_MAX_LENGTH; n++)
    end = g_utf8_next_char (end);

  if (clipped != NULL)
    *clipped = *end != '\0';

  return g_strndup (text, end - text);
}

/**
 * shuati_query_new:
 * @text: (nullable): what the user typed
 *
 * Returns: (transfer full): the query; its words are the whitespace
 *   separated parts of @text, cut as by shuati_query_clip_text(), after
 *   normalisation
 */
ShuatiQuery *
shuati_query_new (const char *text)
{
  ShuatiQuery *self;
  g_autofree char *normalized = NULL;
  char *p;

  self = g_new0 (ShuatiQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = shuati_query_clip_text (text, NULL);
  self->words = g_ptr_array_new_with_free_func (g_free);

  normalized = shuati_text_normalize (self->text, -1);
  p = normalized;
  while (*p != '\0')
    {
      char *start;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p > start)
        {
          char *word = g_strndup (start, p - start);
          gboolean seen = FALSE;

          for (guint i = 0; i < self->words->len; i++)
            seen |= g_str_equal (word, g_ptr_array_index (self->words, i));
          if (seen)
            g_free (word);
          else
            g_ptr_array_add (self->words, word);
        }
    }

  return self;
}

G_DEFINE_BOXED_TYPE (ShuatiQuery, shuati_query, shuati_query_ref, shuati_query_unref)

ShuatiQuery *
shuati_query_ref (ShuatiQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
shuati_query_unref (ShuatiQuery *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->text);
      g_ptr_array_unref (self->words);
      g_free (self);
    }
}

const char *
shuati_query_get_text (const ShuatiQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

gboolean
shuati_query_is_empty (const ShuatiQuery *self)
{
  return self == NULL || self->words->len == 0;
}

guint
shuati_query_get_n_words (const ShuatiQuery *self)
{
  return self != NULL ? self->words->len : 0;
}

const char *
shuati_query_get_word (const ShuatiQuery *self,
                       guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->words->len, NULL);
  return g_ptr_array_index (self->words, position);
}

gboolean
shuati_query_matches_text (const ShuatiQuery *self,
                           const char        *normalized_text)
{
  if (shuati_query_is_empty (self))
    return TRUE;

  for (guint i = 0; i < self->words->len; i++)
    if (strstr (normalized_text, g_ptr_array_index (self->words, i)) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
shuati_query_matches (const ShuatiQuery *self,
                      ShuatiCard        *card)
{
  return shuati_query_matches_text (self, shuati_card_get_search_text (card));
}

/**
 * shuati_query_is_stricter:
 * @previous: (nullable): the query before the last keystroke
 *
 * Returns: %TRUE if every card @self matches is also matched by
 *   @previous: each of its words lies inside one of ours
 */
gboolean
shuati_query_is_stricter (const ShuatiQuery *self,
                          const ShuatiQuery *previous)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (shuati_query_is_empty (previous))
    return TRUE;

  for (guint i = 0; i < previous->words->len; i++)
    {
      const char *old_word = g_ptr_array_index (previous->words, i);
      gboolean covered = FALSE;

      for (guint j = 0; j < self->words->len && !covered; j++)
        covered = strstr (g_ptr_array_index (self->words, j), old_word) != NULL;

      if (!covered)
        return FALSE;
    }

  return TRUE;
}

/**
 * shuati_query_highlight_markup:
 * @text: plain text, as displayed
 *
 * Escapes @text for Pango and wraps every stretch that matches a word of
 * the query in a highlight. Matching works on the normalised text and
 * maps back to whole characters of @text.
 *
 * Returns: (transfer full): Pango markup
 */
char *
shuati_query_highlight_markup (const ShuatiQuery *self,
                               const char        *text)
{
  g_autoptr(GString) normalized = NULL;
  g_autoptr(GArray) origin = NULL;
  g_autofree gboolean *marked = NULL;
  GString *markup;
  const char *p;
  guint n_chars;
  guint i;

  if (text == NULL)
    return g_strdup ("");

  if (shuati_query_is_empty (self))
    return g_markup_escape_text (text, -1);

  /* Normalise character by character, remembering which character of
   * @text each normalised byte came from. */
  normalized = g_string_new (NULL);
  origin = g_array_new (FALSE, FALSE, sizeof (guint));
  n_chars = 0;
  for (p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      gsize before = normalized->len;

      shuati_text_normalize_append (normalized, p, g_utf8_next_char (p) - p);
      for (gsize b = before; b < normalized->len; b++)
        g_array_append_val (origin, n_chars);
    }

  marked = g_new0 (gboolean, n_chars + 1);
  for (i = 0; i < self->words->len; i++)
    {
      const char *word = g_ptr_array_index (self->words, i);
      gsize word_len = strlen (word);
      const char *hit = normalized->str;

      while ((hit = strstr (hit, word)) != NULL)
        {
          gsize start = hit - normalized->str;

          for (gsize b = start; b < start + word_len; b++)
            marked[g_array_index (origin, guint, b)] = TRUE;
          hit += word_len;
        }
    }

  markup = g_string_new (NULL);
  i = 0;
  for (p = text; *p != '\0'; i++)
    {
      const char *next = g_utf8_next_char (p);
      g_autofree char *escaped = g_markup_escape_text (p, next - p);

      if (marked[i] && (i == 0 || !marked[i - 1]))
        g_string_append (markup, "<span weight=\"bold\" underline=\"single\">");
      g_string_append (markup, escaped);
      if (marked[i] && !marked[i + 1])
        g_string_append (markup, "</span>");
      p = next;
    }

  return g_string_free (markup, FALSE);
}
