/* shuati-pinyin.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-pinyin-private.h"
#include "shuati-pinyin.h"

/* Han characters of the Basic Multilingual Plane are looked up directly:
 * a keystroke can check millions of characters. Entries hold the reading
 * list offset plus one (0: no reading) and the Simplified form (0: none). */
static guint16 *bmp_lists;
static guint16 *bmp_folds;
/* For each character of the BMP, one bit per letter its readings start
 * with: most characters are skipped without looking at their readings. */
static guint32 *bmp_initials;

static void
ensure_tables (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint16 *lists = g_new0 (guint16, 0x10000);
      guint16 *folds = g_new0 (guint16, 0x10000);
      guint32 *initials = g_new0 (guint32, 0x10000);

      for (guint i = 0; i < shuati_pinyin_n_chars && shuati_pinyin_chars[i] < 0x10000; i++)
        {
          const guint16 *list = &shuati_pinyin_lists[shuati_pinyin_char_lists[i]];

          lists[shuati_pinyin_chars[i]] = shuati_pinyin_char_lists[i] + 1;
          for (guint r = 1; r <= list[0]; r++)
            {
              char first = shuati_pinyin_syllable_pool[shuati_pinyin_syllable_offsets[list[r]]];

              initials[shuati_pinyin_chars[i]] |= 1u << (first - 'a');
            }
        }
      for (guint i = 0; i < shuati_pinyin_n_folds && shuati_pinyin_fold_from[i] < 0x10000; i++)
        if (shuati_pinyin_fold_to[i] < 0x10000)
          folds[shuati_pinyin_fold_from[i]] = shuati_pinyin_fold_to[i];

      bmp_lists = lists;
      bmp_folds = folds;
      bmp_initials = initials;
      g_once_init_leave (&done, 1);
    }
}

static int
compare_code_points (gconstpointer a,
                     gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return x < y ? -1 : x > y;
}

/* The reading list of @c: a count, then syllable numbers; NULL if none. */
static inline const guint16 *
lookup_readings (gunichar c)
{
  const guint32 *hit;

  if (c < 0x10000)
    {
      guint16 at = bmp_lists[c];
      return at != 0 ? &shuati_pinyin_lists[at - 1] : NULL;
    }

  hit = bsearch (&c, shuati_pinyin_chars, shuati_pinyin_n_chars, sizeof (guint32), compare_code_points);
  return hit != NULL ? &shuati_pinyin_lists[shuati_pinyin_char_lists[hit - shuati_pinyin_chars]] : NULL;
}

static inline const char *
syllable (guint16 number)
{
  return shuati_pinyin_syllable_pool + shuati_pinyin_syllable_offsets[number];
}

/**
 * shuati_pinyin_get_n_readings:
 *
 * Returns: how many toneless readings @c has; 0 for anything but a Han
 *   character
 */
guint
shuati_pinyin_get_n_readings (gunichar c)
{
  const guint16 *list;

  ensure_tables ();
  list = lookup_readings (c);
  return list != NULL ? list[0] : 0;
}

/**
 * shuati_pinyin_get_reading:
 *
 * Returns: (transfer none): a reading of @c in lower-case letters, without
 *   tones, ü written "v"
 */
const char *
shuati_pinyin_get_reading (gunichar c,
                           guint    position)
{
  const guint16 *list;

  ensure_tables ();
  list = lookup_readings (c);
  g_return_val_if_fail (list != NULL && position < list[0], NULL);
  return syllable (list[1 + position]);
}

/**
 * shuati_pinyin_get_initials:
 *
 * Returns: one bit per letter (bit 0: a) that a reading of @c starts
 *   with; 0 for anything but a Han character
 */
guint32
shuati_pinyin_get_initials (gunichar c)
{
  const guint16 *list;
  guint32 initials = 0;

  ensure_tables ();
  if (c < 0x10000)
    return bmp_initials[c];
  list = lookup_readings (c);
  for (guint r = 1; list != NULL && r <= list[0]; r++)
    initials |= 1u << (syllable (list[r])[0] - 'a');
  return initials;
}

gboolean
shuati_pinyin_has_reading (gunichar    c,
                           const char *reading)
{
  guint n = shuati_pinyin_get_n_readings (c);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (shuati_pinyin_get_reading (c, i), reading))
      return TRUE;
  return FALSE;
}

/**
 * shuati_pinyin_fold:
 *
 * Returns: the Simplified form of a Traditional character, or @c
 */
gunichar
shuati_pinyin_fold (gunichar c)
{
  const guint32 *hit;

  ensure_tables ();
  if (c < 0x10000)
    return bmp_folds[c] != 0 ? bmp_folds[c] : c;

  hit = bsearch (&c, shuati_pinyin_fold_from, shuati_pinyin_n_folds, sizeof (guint32), compare_code_points);
  return hit != NULL ? shuati_pinyin_fold_to[hit - shuati_pinyin_fold_from] : c;
}

/**
 * shuati_pinyin_fold_in_place:
 *
 * Folds the Traditional characters of @text to Simplified where both take
 * the same number of bytes, which is all but a few rare ones: text that is
 * searched keeps its length, so positions in it stay valid.
 */
void
shuati_pinyin_fold_in_place (char  *text,
                             gsize  length)
{
  char *end = text + length;

  ensure_tables ();
  for (char *p = text; p < end; )
    {
      guchar b = *p;
      gunichar c;

      /* Han characters of the BMP are three bytes long. */
      if (b < 0xE3 || b > 0xE9)
        {
          p++;
          continue;
        }
      if (p + 3 > end)
        break;
      c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (bmp_folds[c] >= 0x800)
        g_unichar_to_utf8 (bmp_folds[c], p);
      p += 3;
    }
}

/**
 * shuati_pinyin_fold_string:
 *
 * Returns: (transfer full): @text with every Traditional character folded
 */
char *
shuati_pinyin_fold_string (const char *text,
                           gssize      length)
{
  GString *out;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;
  out = g_string_sized_new (length);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    g_string_append_unichar (out, shuati_pinyin_fold (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

/* Patterns --------------------------------------------------------------- */

struct _ShuatiPinyinPattern
{
  char     *word;
  gunichar *chars;     /* folded, ü as 'v' */
  guint     n_chars;
  char      first_utf8[8];
  gboolean  uses_pinyin;
};

/**
 * shuati_pinyin_pattern_new:
 * @word: a normalised word (casefolded, NFKC)
 *
 * Returns: (transfer full): @word, ready to be found in many texts
 */
ShuatiPinyinPattern *
shuati_pinyin_pattern_new (const char *word)
{
  ShuatiPinyinPattern *self;
  glong n;

  g_return_val_if_fail (word != NULL, NULL);

  self = g_new0 (ShuatiPinyinPattern, 1);
  self->word = shuati_pinyin_fold_string (word, -1);
  self->chars = g_utf8_to_ucs4_fast (self->word, -1, &n);
  self->n_chars = n;
  if (n > 0)
    self->first_utf8[g_unichar_to_utf8 (self->chars[0], self->first_utf8)] = '\0';
  for (guint i = 0; i < self->n_chars; i++)
    {
      if (self->chars[i] == 0xFC)   /* ü */
        self->chars[i] = 'v';
      if (self->chars[i] < 0x80)
        self->chars[i] = g_ascii_tolower (self->chars[i]);
      if (self->chars[i] < 0x80 && g_ascii_isalpha (self->chars[i]))
        self->uses_pinyin = TRUE;
    }

  return self;
}

void
shuati_pinyin_pattern_free (ShuatiPinyinPattern *self)
{
  if (self == NULL)
    return;
  g_free (self->word);
  g_free (self->chars);
  g_free (self);
}

/**
 * shuati_pinyin_pattern_get_word:
 *
 * Returns: the word as it is matched literally: Traditional folded
 */
const char *
shuati_pinyin_pattern_get_word (const ShuatiPinyinPattern *self)
{
  return self->word;
}

/**
 * shuati_pinyin_pattern_uses_pinyin:
 *
 * Returns: whether the word has Latin letters, which can stand for pinyin
 */
gboolean
shuati_pinyin_pattern_uses_pinyin (const ShuatiPinyinPattern *self)
{
  return self->uses_pinyin;
}

typedef struct
{
  guint    pos;        /* characters of the word matched so far */
  gsize    start;      /* where in the text the match began */
  gboolean initials;   /* whether a Han character matched by its initial */
} State;

typedef struct
{
  State   *states;
  guint    n;
  gboolean found;
  gsize    found_start;
  gboolean found_initials;
} StateSet;

static inline void
state_set_add (StateSet *set,
               guint     n_chars,
               guint     pos,
               gsize     start,
               gboolean  initials)
{
  if (pos == n_chars)
    {
      /* The leftmost match wins, then the better kind. */
      if (!set->found || start < set->found_start ||
          (start == set->found_start && set->found_initials && !initials))
        {
          set->found = TRUE;
          set->found_start = start;
          set->found_initials = initials;
        }
      return;
    }

  for (guint i = 0; i < set->n; i++)
    if (set->states[i].pos == pos)
      {
        if (start < set->states[i].start ||
            (start == set->states[i].start && !initials))
          {
            set->states[i].start = start;
            set->states[i].initials = initials;
          }
        return;
      }

  set->states[set->n++] = (State) { pos, start, initials };
}

/* Only a Latin letter of the word stands for a letter of pinyin: a
 * character beyond ASCII never does, whatever its low byte. */
static inline gboolean
letter_matches (char     syllable_letter,
                gunichar word_char)
{
  return word_char < 0x80 &&
         ((gunichar)syllable_letter == word_char || (syllable_letter == 'v' && word_char == 'u'));
}

/**
 * shuati_pinyin_pattern_find:
 * @text: normalised, folded text, ending in a NUL byte
 * @length: its length in bytes, up to that NUL
 * @start: (out) (optional): where the first match starts, in bytes
 * @end: (out) (optional): where it ends
 *
 * Finds the word in @text: as it is, or with Latin letters standing for
 * the pinyin of Han characters: whole syllables, initials (zh, ch and sh
 * too), or the start of the last syllable, across syllable boundaries and
 * with every reading of a character.
 *
 * Returns: how the first match matched; %SHUATI_MATCH_NONE if none
 */
/* The matcher itself. The exact search starts at @exact_from (or is
 * skipped when it is SHUATI_PINYIN_NOWHERE), the search by pinyin at
 * @pinyin_from; @last_char is set to the start of the character where a
 * match by pinyin ended. */
static ShuatiMatchKind
pattern_find (const ShuatiPinyinPattern *self,
              const char                *text,
              gsize                      length,
              guint32                    exact_from,
              guint32                    pinyin_from,
              gsize                     *start,
              gsize                     *end,
              const char               **last_char)
{
  const char *hit;
  const char *p;
  const char *text_end = text + length;
  StateSet cur = { 0 };
  StateSet next = { 0 };
  gunichar first;
  guchar stops[256];

  if (self->n_chars == 0)
    {
      if (start != NULL)
        *start = 0;
      if (end != NULL)
        *end = 0;
      return SHUATI_MATCH_EXACT;
    }

  g_assert (text[length] == '\0');
  hit = exact_from <= length ? strstr (text + exact_from, self->word) : NULL;
  if (hit != NULL)
    {
      if (start != NULL)
        *start = hit - text;
      if (end != NULL)
        *end = hit - text + strlen (self->word);
      return SHUATI_MATCH_EXACT;
    }

  if (!self->uses_pinyin || pinyin_from > length)
    return SHUATI_MATCH_NONE;

  ensure_tables ();
  cur.states = g_newa (State, self->n_chars + 1);
  next.states = g_newa (State, self->n_chars + 1);
  first = self->chars[0];
  /* Where the skipping below has to look: the end, the first letter and
   * any byte of a character beyond ASCII. The reads ahead stop at the
   * NUL, which is a stop. */
  memset (stops, 0, 0x80);
  memset (stops + 0x80, 1, 0x80);
  stops[0] = 1;
  if (first < 0x80)
    stops[first] = 1;
  if (first >= 0x80 || !g_ascii_isalpha (first))
    {
      /* A match starts with this character itself. */
      p = strstr (text + pinyin_from, self->first_utf8);
      if (p == NULL)
        return SHUATI_MATCH_NONE;
    }
  else
    p = text + pinyin_from;

  while (p < text_end)
    {
      const guint16 *list = NULL;
      const char *after;
      gunichar c;

      if (cur.n == 0)
        {
          /* Nothing under way: skip to a character that can begin a match. */
          if (first >= 0x80 || !g_ascii_isalpha (first))
            {
              p = strstr (p, self->first_utf8);
              if (p == NULL)
                break;
            }
          else
            {
              guint32 bit = 1u << (first - 'a');

              for (;;)
                {
                  guchar b;

                  /* Runs of other ASCII bytes, the bulk of English
                   * text, are skipped four at a time. */
                  while (!stops[(guchar)p[0]] && !stops[(guchar)p[1]] &&
                         !stops[(guchar)p[2]] && !stops[(guchar)p[3]])
                    p += 4;
                  while (!stops[(guchar)*p])
                    p++;
                  b = *p;
                  if (b == '\0')
                    break;
                  if (b < 0x80)
                    {
                      if (b == first)
                        break;
                      p++;
                    }
                  else if (b >= 0xE0 && b < 0xF0 && p[1] != '\0' && p[2] != '\0')
                    {
                      gunichar bc = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);

                      if (bmp_initials[bc] & bit)
                        break;
                      p += 3;
                    }
                  else if (b >= 0xF0)
                    break;   /* beyond the BMP: look it up */
                  else
                    p = g_utf8_next_char (p);
                }
              if (*p == '\0')
                break;
            }
        }

      c = g_utf8_get_char (p);
      after = g_utf8_next_char (p);
      if (c >= 0x3400 && (c >= 0x10000 || bmp_initials[c] != 0))
        list = lookup_readings (c);

      cur.states[cur.n++] = (State) { 0, p - text, FALSE };
      next.n = 0;

      for (guint i = 0; i < cur.n; i++)
        {
          const State s = cur.states[i];
          gunichar w = self->chars[s.pos];

          if (c == w)
            state_set_add (&next, self->n_chars, s.pos + 1, s.start, s.initials);

          if (list == NULL || w >= 0x80 || !g_ascii_isalpha (w))
            continue;
          if (c < 0x10000 && !(bmp_initials[c] & (1u << (w - 'a'))))
            continue;

          for (guint r = 1; r <= list[0]; r++)
            {
              const char *syl = syllable (list[r]);
              guint k = 0;

              while (syl[k] != '\0' && s.pos + k < self->n_chars &&
                     letter_matches (syl[k], self->chars[s.pos + k]))
                k++;

              if (k == 0)
                continue;
              if (syl[k] == '\0')
                state_set_add (&next, self->n_chars, s.pos + k, s.start, s.initials);
              else if (s.pos + k == self->n_chars)
                /* The word ends inside the syllable: the user is typing it. */
                state_set_add (&next, self->n_chars, s.pos + k, s.start, s.initials || k == 1);
              if (syl[k] != '\0' || k > 1)
                state_set_add (&next, self->n_chars, s.pos + 1, s.start, TRUE);
              if (k >= 2 && syl[1] == 'h' && (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's'))
                state_set_add (&next, self->n_chars, s.pos + 2, s.start, TRUE);
            }
        }

      if (next.found)
        {
          if (start != NULL)
            *start = next.found_start;
          if (end != NULL)
            *end = after - text;
          if (last_char != NULL)
            *last_char = p;
          return next.found_initials ? SHUATI_MATCH_INITIALS : SHUATI_MATCH_PINYIN;
        }

      {
        StateSet swap = cur;
        cur = next;
        next = swap;
      }
      p = after;
    }

  return SHUATI_MATCH_NONE;
}

ShuatiMatchKind
shuati_pinyin_pattern_find (const ShuatiPinyinPattern *self,
                            const char                *text,
                            gsize                      length,
                            gsize                     *start,
                            gsize                     *end)
{
  return pattern_find (self, text, length, 0, 0, start, end, NULL);
}

/**
 * shuati_pinyin_pattern_find_again:
 * @text: normalised, folded text, ending in a NUL byte
 * @length: its length in bytes, below %SHUATI_PINYIN_NOWHERE
 * @resume: (inout): on entry, what finding a word that @self extends
 *   (its characters followed by more) in @text left, or
 *   %SHUATI_PINYIN_RESUME_INIT; on return, what finding @self left
 *
 * Finds @self in @text as shuati_pinyin_pattern_find() does, with the same
 * result, starting where a match can start: a match of the longer word
 * begins with a match of the shorter one, exact where it is exact, and
 * spans at most one character of @text per character of the word. Typing
 * a word one character at a time then reads each text about once.
 *
 * Returns: how the first match matched; %SHUATI_MATCH_NONE if none
 */
ShuatiMatchKind
shuati_pinyin_pattern_find_again (const ShuatiPinyinPattern *self,
                                  const char                *text,
                                  gsize                      length,
                                  ShuatiPinyinResume        *resume)
{
  ShuatiMatchKind kind;
  gsize start = 0;
  const char *last_char = NULL;

  g_return_val_if_fail (length < SHUATI_PINYIN_NOWHERE, SHUATI_MATCH_NONE);

  kind = pattern_find (self, text, length, resume->exact_from, resume->pinyin_from,
                       &start, NULL, &last_char);
  switch (kind)
    {
    case SHUATI_MATCH_NONE:
      resume->exact_from = resume->pinyin_from = SHUATI_PINYIN_NOWHERE;
      break;

    case SHUATI_MATCH_EXACT:
      /* No match by pinyin was looked for: its bound stays. */
      if (self->n_chars > 0)
        resume->exact_from = start;
      break;

    case SHUATI_MATCH_INITIALS:
    case SHUATI_MATCH_PINYIN:
    default:
      {
        /* Every match of a longer word ends at or after this character
         * and spans at most one character per character of the word. */
        const char *from = last_char;

        for (guint i = 0; i < self->n_chars && from > text; i++)
          from = g_utf8_prev_char (from);
        resume->exact_from = SHUATI_PINYIN_NOWHERE;
        resume->pinyin_from = MAX (resume->pinyin_from, (guint32)(from - text));
      }
      break;
    }

  return kind;
}
