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
  ShuatiQueryNode  *root;
  GError           *error;
  guint             error_position;
  GPtrArray        *patterns;   /* (element-type ShuatiPinyinPattern) (transfer none) */
  gboolean          plain;
};

static void query_init_patterns (ShuatiQuery *self);

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

  self = g_new0 (ShuatiQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = shuati_query_clip_text (text, NULL);
  if (!g_utf8_validate (self->text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (self->text, -1);

      g_free (self->text);
      self->text = valid;
    }
  self->root = shuati_query_parse (self->text, &self->error_position, &self->error);
  query_init_patterns (self);

  return self;
}

/**
 * shuati_query_new_words:
 * @words: (array zero-terminated=1): words that all have to match
 *
 * A query of plain words, by pinyin too, without the query language: for
 * the GNOME Shell, whose terms are what was typed split at spaces.
 *
 * Returns: (transfer full): the query
 */
ShuatiQuery *
shuati_query_new_words (const char * const *words)
{
  ShuatiQuery *self;
  g_autofree char *text = NULL;
  g_auto(GStrv) clipped = NULL;

  g_return_val_if_fail (words != NULL, NULL);

  text = g_strjoinv (" ", (char **)words);
  self = g_new0 (ShuatiQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = shuati_query_clip_text (text, NULL);
  clipped = g_strsplit (self->text, " ", -1);
  self->root = shuati_query_node_new_words ((const char * const *)clipped);
  query_init_patterns (self);

  return self;
}

static void
query_init_patterns (ShuatiQuery *self)
{
  self->patterns = g_ptr_array_new ();
  shuati_query_node_collect_patterns (self->root, self->patterns);
  /* A word typed twice is looked for once. */
  for (guint i = 0; i < self->patterns->len; i++)
    for (guint j = self->patterns->len - 1; j > i; j--)
      if (g_str_equal (shuati_pinyin_pattern_get_word (g_ptr_array_index (self->patterns, i)),
                       shuati_pinyin_pattern_get_word (g_ptr_array_index (self->patterns, j))))
        g_ptr_array_remove_index (self->patterns, j);
  self->plain = self->error == NULL && shuati_query_node_is_plain (self->root);
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
      g_ptr_array_unref (self->patterns);
      g_clear_pointer (&self->root, shuati_query_node_free);
      g_clear_error (&self->error);
      g_free (self);
    }
}

const char *
shuati_query_get_text (const ShuatiQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

/**
 * shuati_query_is_empty:
 *
 * Returns: whether the query asks for nothing: every card matches. A
 *   query with an error is not empty.
 */
gboolean
shuati_query_is_empty (const ShuatiQuery *self)
{
  return self == NULL || (self->root == NULL && self->error == NULL);
}

/**
 * shuati_query_get_error:
 * @position: (out) (optional): where in the text, in characters
 *
 * Returns: (transfer none) (nullable): why the text is not a query
 */
const GError *
shuati_query_get_error (const ShuatiQuery *self,
                        guint             *position)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (position != NULL)
    *position = self->error_position;
  return self->error;
}

/**
 * shuati_query_get_root:
 *
 * Returns: (transfer none) (nullable): the parsed query
 */
const ShuatiQueryNode *
shuati_query_get_root (const ShuatiQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root;
}

/**
 * shuati_query_get_n_words:
 *
 * Returns: how many words or phrases the query looks for (not those it
 *   excludes)
 */
guint
shuati_query_get_n_words (const ShuatiQuery *self)
{
  return self != NULL ? self->patterns->len : 0;
}

/**
 * shuati_query_get_word:
 *
 * Returns: a word the query looks for, normalised and folded
 */
const char *
shuati_query_get_word (const ShuatiQuery *self,
                       guint              position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->patterns->len, NULL);
  return shuati_pinyin_pattern_get_word (g_ptr_array_index (self->patterns, position));
}

/**
 * shuati_query_match:
 * @context: (nullable): progress for is: and prop:
 *
 * Returns: how well @card matches: exact text ranks above pinyin, pinyin
 *   above initials; %SHUATI_MATCH_NONE for no match or a query with an
 *   error
 */
ShuatiMatchKind
shuati_query_match (const ShuatiQuery        *self,
                    ShuatiCard               *card,
                    const ShuatiQueryContext *context)
{
  if (self == NULL)
    return SHUATI_MATCH_EXACT;
  if (self->error != NULL)
    return SHUATI_MATCH_NONE;
  return shuati_query_node_match (self->root, card, context);
}

gboolean
shuati_query_matches_text (const ShuatiQuery *self,
                           const char        *normalized_text)
{
  if (self == NULL)
    return TRUE;
  if (self->error != NULL)
    return FALSE;
  return shuati_query_node_match_text (self->root, normalized_text, strlen (normalized_text)) != SHUATI_MATCH_NONE;
}

gboolean
shuati_query_matches (const ShuatiQuery *self,
                      ShuatiCard        *card)
{
  return shuati_query_match (self, card, NULL) != SHUATI_MATCH_NONE;
}

/* A word that grew at its end can only match fewer texts: its pinyin path
 * is the old one, longer. A word without Latin letters matches only
 * literally, so any word containing it is stricter. */
static gboolean
word_covers (const ShuatiPinyinPattern *new_word,
             const ShuatiPinyinPattern *old_word)
{
  const char *n = shuati_pinyin_pattern_get_word (new_word);
  const char *o = shuati_pinyin_pattern_get_word (old_word);

  if (g_str_has_prefix (n, o))
    return TRUE;
  return !shuati_pinyin_pattern_uses_pinyin (old_word) && strstr (n, o) != NULL;
}

/**
 * shuati_query_is_stricter:
 * @previous: (nullable): the query before the last keystroke
 *
 * Returns: %TRUE if every card @self matches is also matched by
 *   @previous: both are plain words and each of the old ones lies inside
 *   one of ours
 */
gboolean
shuati_query_is_stricter (const ShuatiQuery *self,
                          const ShuatiQuery *previous)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (shuati_query_is_empty (previous))
    return TRUE;
  if (!self->plain || !previous->plain)
    return FALSE;

  for (guint i = 0; i < previous->patterns->len; i++)
    {
      gboolean covered = FALSE;

      for (guint j = 0; j < self->patterns->len && !covered; j++)
        covered = word_covers (g_ptr_array_index (self->patterns, j),
                               g_ptr_array_index (previous->patterns, i));

      if (!covered)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  guint start;   /* characters */
  guint end;
} Range;

/* Marks each character of @text that a word of the query matched, in
 * @marked (one more entry than characters); returns the count. */
static guint
mark_matches (const ShuatiQuery  *self,
              const char         *text,
              gboolean          **marked)
{
  g_autoptr(GString) normalized = g_string_new (NULL);
  g_autoptr(GArray) origin = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_chars = 0;

  /* Normalise character by character, remembering which character of
   * @text each normalised byte came from. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n_chars++)
    {
      gsize before = normalized->len;

      shuati_text_normalize_append (normalized, p, g_utf8_next_char (p) - p);
      shuati_pinyin_fold_in_place (normalized->str + before, normalized->len - before);
      for (gsize b = before; b < normalized->len; b++)
        g_array_append_val (origin, n_chars);
    }

  *marked = g_new0 (gboolean, n_chars + 1);
  for (guint i = 0; self->error == NULL && i < self->patterns->len; i++)
    {
      const ShuatiPinyinPattern *pattern = g_ptr_array_index (self->patterns, i);
      gsize offset = 0;

      while (offset < normalized->len)
        {
          gsize start, end;

          if (shuati_pinyin_pattern_find (pattern, normalized->str + offset,
                                          normalized->len - offset, &start, &end) == SHUATI_MATCH_NONE)
            break;
          if (end == start)
            break;
          for (gsize b = offset + start; b < offset + end; b++)
            (*marked)[g_array_index (origin, guint, b)] = TRUE;
          offset += end;
        }
    }

  return n_chars;
}

/**
 * shuati_query_find_ranges:
 * @text: plain text, as displayed
 *
 * Finds what a row highlights: the stretches of @text that words of the
 * query matched, as text or, on Han characters, by pinyin or initials.
 *
 * Returns: (transfer full) (element-type guint): pairs of character
 *   offsets, start and end of each stretch, in order
 */
GArray *
shuati_query_find_ranges (const ShuatiQuery *self,
                          const char        *text)
{
  g_autofree gboolean *marked = NULL;
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_chars;

  g_return_val_if_fail (text != NULL, ranges);
  if (shuati_query_is_empty (self))
    return ranges;

  n_chars = mark_matches (self, text, &marked);
  for (guint i = 0; i < n_chars; i++)
    if (marked[i] && (i == 0 || !marked[i - 1]))
      {
        guint end = i;

        while (end < n_chars && marked[end])
          end++;
        g_array_append_val (ranges, i);
        g_array_append_val (ranges, end);
      }

  return ranges;
}

/**
 * shuati_query_highlight_markup:
 * @text: plain text, as displayed
 *
 * Escapes @text for Pango and wraps every stretch that matches a word of
 * the query in a highlight: the text itself, or the Han characters its
 * pinyin matched. Matching works on the normalised text and maps back to
 * whole characters of @text.
 *
 * Returns: (transfer full): Pango markup
 */
char *
shuati_query_highlight_markup (const ShuatiQuery *self,
                               const char        *text)
{
  g_autofree gboolean *marked = NULL;
  GString *markup;
  const char *p;
  guint i;

  if (text == NULL)
    return g_strdup ("");

  if (shuati_query_is_empty (self) || self->error != NULL)
    return g_markup_escape_text (text, -1);

  mark_matches (self, text, &marked);

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

/* Matching again after a keystroke ------------------------------------- */

/* Words of a plain query followed across keystrokes; more and the query
 * is matched from scratch. */
#define MAX_FOLLOWED_WORDS 8

typedef struct
{
  guint32            serial;  /* of the card whose entry this is; 0: none */
  guint32            generation;
  ShuatiPinyinResume resume;
} ResumeEntry;

typedef struct
{
  const ShuatiPinyinPattern *pattern;
  guint32                    generation;
  ResumeEntry               *entries;   /* one per card position */
} Column;

struct _ShuatiQueryResume
{
  ShuatiQuery *query;
  Column       columns[MAX_FOLLOWED_WORDS];
  guint        n_columns;       /* used by the query, in the order of its words */
  guint        capacity;        /* entries in each column */
  guint32      generation;      /* last one handed out */
  gboolean     followed;        /* whether the query is matched through the columns */
};

/**
 * shuati_query_resume_new:
 *
 * Remembers, for each card and word of a plain query, where its match
 * can start: when the next keystroke makes a word longer, matching
 * carries on from there instead of reading each card's text again.
 *
 * Returns: (transfer full): an empty memory, for no query
 */
ShuatiQueryResume *
shuati_query_resume_new (void)
{
  return g_new0 (ShuatiQueryResume, 1);
}

void
shuati_query_resume_free (ShuatiQueryResume *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < MAX_FOLLOWED_WORDS; i++)
    g_free (self->columns[i].entries);
  g_clear_pointer (&self->query, shuati_query_unref);
  g_free (self);
}

static gboolean
word_extends (const ShuatiPinyinPattern *longer,
              const ShuatiPinyinPattern *shorter)
{
  return g_str_has_prefix (shuati_pinyin_pattern_get_word (longer),
                           shuati_pinyin_pattern_get_word (shorter));
}

/**
 * shuati_query_resume_set_query:
 * @query: (nullable): the query now matched
 *
 * Keeps what was learnt of each word that @query only made longer and
 * forgets the rest.
 */
void
shuati_query_resume_set_query (ShuatiQueryResume *self,
                               ShuatiQuery       *query)
{
  Column old[MAX_FOLLOWED_WORDS];
  gboolean taken[MAX_FOLLOWED_WORDS] = { FALSE };
  guint n_old = self->n_columns;
  g_autoptr(ShuatiQuery) previous = NULL;

  g_return_if_fail (self != NULL);

  memcpy (old, self->columns, sizeof old);
  /* The old words are compared with the new ones below: keep them. */
  previous = g_steal_pointer (&self->query);
  self->query = query != NULL ? shuati_query_ref (query) : NULL;
  self->followed = query != NULL && query->plain && query->patterns->len <= MAX_FOLLOWED_WORDS;
  if (!self->followed)
    n_old = 0;   /* a query of another kind in between: nothing carries over */
  self->n_columns = self->followed ? query->patterns->len : 0;

  /* Each word takes over the column of a word it extends, or a free one
   * with a new generation, which makes every entry in it stale. */
  for (guint j = 0; j < self->n_columns; j++)
    {
      const ShuatiPinyinPattern *pattern = g_ptr_array_index (query->patterns, j);
      guint from = MAX_FOLLOWED_WORDS;

      for (guint i = 0; i < n_old && from == MAX_FOLLOWED_WORDS; i++)
        if (!taken[i] && word_extends (pattern, old[i].pattern))
          from = i;
      if (from == MAX_FOLLOWED_WORDS)
        {
          for (guint i = 0; i < MAX_FOLLOWED_WORDS && from == MAX_FOLLOWED_WORDS; i++)
            if (!taken[i] && i >= n_old)
              from = i;
          for (guint i = 0; i < MAX_FOLLOWED_WORDS && from == MAX_FOLLOWED_WORDS; i++)
            if (!taken[i])
              from = i;
          old[from].generation = ++self->generation;
        }
      taken[from] = TRUE;
      self->columns[j] = old[from];
      self->columns[j].pattern = pattern;
    }
  /* The columns no word took keep their storage for later. */
  for (guint i = 0, j = self->n_columns; i < MAX_FOLLOWED_WORDS; i++)
    if (!taken[i])
      {
        self->columns[j] = old[i];
        self->columns[j].pattern = NULL;
        self->columns[j].generation = 0;
        j++;
      }
}

static void
resume_grow (ShuatiQueryResume *self,
             guint              position)
{
  guint capacity = MAX (position + 1, self->capacity * 2);

  for (guint i = 0; i < MAX_FOLLOWED_WORDS; i++)
    if (self->columns[i].entries != NULL)
      {
        self->columns[i].entries = g_renew (ResumeEntry, self->columns[i].entries, capacity);
        memset (self->columns[i].entries + self->capacity, 0,
                (capacity - self->capacity) * sizeof (ResumeEntry));
      }
  self->capacity = capacity;
}

/**
 * shuati_query_resume_match:
 * @context: (nullable): progress for is: and prop:
 *
 * Returns: whether @card matches the query, as shuati_query_match()
 *   would say; a plain query carries on from what the words it extends
 *   found in the card's text
 */
gboolean
shuati_query_resume_match (ShuatiQueryResume        *self,
                           ShuatiCard               *card,
                           const ShuatiQueryContext *context)
{
  const char *text;
  gsize length;
  guint position;
  guint32 serial;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->followed)
    return shuati_query_match (self->query, card, context) != SHUATI_MATCH_NONE;

  text = shuati_card_get_search_text (card);
  length = shuati_card_get_search_text_length (card);
  if (length >= SHUATI_PINYIN_NOWHERE)
    return shuati_query_match (self->query, card, context) != SHUATI_MATCH_NONE;

  position = shuati_card_get_position (card);
  serial = shuati_card_get_serial (card);
  if (position >= self->capacity)
    resume_grow (self, position);
  for (guint j = 0; j < self->n_columns; j++)
    if (self->columns[j].entries == NULL)
      self->columns[j].entries = g_new0 (ResumeEntry, self->capacity);

  for (guint j = 0; j < self->n_columns; j++)
    {
      Column *column = &self->columns[j];
      ResumeEntry *entry = &column->entries[position];

      if (entry->serial != serial || entry->generation != column->generation)
        *entry = (ResumeEntry) { serial, column->generation, SHUATI_PINYIN_RESUME_INIT };
      if (shuati_pinyin_pattern_find_again (column->pattern, text, length, &entry->resume) == SHUATI_MATCH_NONE)
        return FALSE;
    }

  return TRUE;
}
