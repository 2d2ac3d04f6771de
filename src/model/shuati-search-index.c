/* shuati-search-index.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-pinyin-private.h"
#include "shuati-search-index.h"

/* A word without spaces or punctuation can only match inside one term of
 * a text: the matcher consumes a character it has no reading for only
 * with the same character of the word. So the cards a word matches are
 * those holding a term it matches, and each distinct term is matched
 * once, whatever the number of cards. Words that hold a separator are
 * narrowed by their pieces and then matched card by card.
 *
 * In a deck whose texts all differ, nearly every run of Chinese is a
 * term of its own, a million of them, and a word of Latin letters can
 * match most of them by initials. So the terms are not where a word is
 * looked for first: positions in the pool are. A run of characters that
 * only match themselves is where they follow each other; a word of
 * letters starts where a reading starts with its first three letters,
 * or where its letters are on characters in a row. Only what positions
 * leave unsure is matched term by term. Two-letter words, which match
 * most terms, have their cards ready. */

/* Cards that hold a term, as a sorted array, or as one bit per card once
 * that is smaller. Most terms of a deck whose texts differ are in one
 * card: that card is kept in place of the pointer. */
#define POSTING_INLINE 0
#define POSTING_BITS   G_MAXUINT32

typedef struct
{
  guint32 len;
  guint32 capacity;   /* of u.cards, or POSTING_INLINE, or POSTING_BITS */
  union
  {
    guint32  one;
    guint32 *cards;
    guint64 *bits;
  } u;
} Posting;

static inline const guint32 *
posting_cards (const Posting *posting)
{
  return posting->capacity == POSTING_INLINE ? &posting->u.one : posting->u.cards;
}

/* The two-letter words: 26 × 26 */
#define N_PAIRS (26 * 26)

/* Where a character is in the pool: its byte offsets, ascending, each
 * written as the distance from the one before in 7-bit groups, the
 * last group of each without its high bit. */
typedef struct
{
  guint8  *bytes;      /* in a list of bits, its 64-bit words */
  guint32  n_bytes;    /* in a list of bits, the number of words */
  guint32  capacity;   /* POS_LIST_BITS: one bit per position */
  guint32  count;
  guint32  last;
} PosList;

/* A list of positions in characters that holds more than about one in
 * eighteen is kept as one bit per character of the pool, at most twice
 * its size: asking whether it holds a position is then one read, and
 * two such lists are matched a word at a time. */
#define POS_LIST_BITS G_MAXUINT32

static inline gboolean
pos_list_is_bits (const PosList *list)
{
  return list->capacity == POS_LIST_BITS;
}

static inline gboolean
pos_list_has (const PosList *list,
              guint32        pos)
{
  const guint64 *bits = (const guint64 *)(void *)list->bytes;

  g_assert (pos_list_is_bits (list));
  return pos / 64 < list->n_bytes && ((bits[pos / 64] >> (pos % 64)) & 1);
}

typedef struct
{
  const guint8  *p;
  const guint8  *end;
  guint32        pos;
  /* A list of bits: the words, the one being read, what is left of it. */
  const guint64 *bits;
  guint32        word;
  guint32        n_words;
  guint64        left;
} PosIter;

static inline void
pos_iter_init (PosIter       *iter,
               const PosList *list)
{
  iter->pos = 0;
  iter->bits = NULL;
  iter->word = iter->n_words = 0;
  iter->left = 0;
  if (list != NULL && pos_list_is_bits (list))
    {
      iter->bits = (const guint64 *)(void *)list->bytes;
      iter->n_words = list->n_bytes;
      iter->left = iter->n_words > 0 ? iter->bits[0] : 0;
      iter->p = iter->end = NULL;
      return;
    }
  /* An empty list may have no bytes at all. */
  iter->p = list != NULL ? list->bytes : NULL;
  iter->end = iter->p != NULL ? iter->p + list->n_bytes : NULL;
}

static inline gboolean
pos_iter_next (PosIter *iter,
               guint32 *pos)
{
  guint32 delta = 0;
  guint shift = 0;

  if (G_UNLIKELY (iter->bits != NULL))
    {
      while (iter->left == 0)
        {
          if (++iter->word >= iter->n_words)
            return FALSE;
          iter->left = iter->bits[iter->word];
        }
      *pos = iter->word * 64 + __builtin_ctzll (iter->left);
      iter->left &= iter->left - 1;
      return TRUE;
    }
  if (iter->p == iter->end)
    return FALSE;
  while (*iter->p & 0x80)
    {
      delta |= (guint32)(*iter->p++ & 0x7F) << shift;
      shift += 7;
    }
  delta |= (guint32)*iter->p++ << shift;
  iter->pos += delta;
  *pos = iter->pos;
  return TRUE;
}

/* Where the terms start, in bytes or in characters of the pool, and for
 * each block of 2^shift positions the last term that starts at or before
 * the block: finding the term of a position reads the block and a few
 * starts next to each other, not a search over all of them. */
typedef struct
{
  GArray  *starts;   /* (element-type guint32) ascending */
  guint32 *blocks;
  guint32  n_blocks;
  guint    shift;
} TermStarts;

struct _ShuatiSearchIndex
{
  guint     n_cards;
  guint     n_words;       /* 64-bit words of a set of cards */
  GString  *pool;          /* the terms, each followed by a NUL */
  TermStarts term_starts;  /* in bytes of the pool */
  Posting  *postings;      /* one per term */
  guint32  *lists;         /* the lists of cards of terms in a few cards */
  guint     n_terms;
  /* Where each character other than a Latin letter is in the terms: a
   * word matches such a character only with itself, so each run of them
   * in a word is in the text as it is, where the positions of its
   * characters follow each other. */
  PosList  *bmp_chars;     /* indexed by code point */
  GHashTable *by_char;     /* gunichar → PosList, beyond the BMP */
  /* The cards a word of one letter or digit matches, ready: they are
   * most of the deck and the first keystroke of most searches. */
  guint64  *single[36];
  /* The cards each word of two Latin letters matches, N_PAIRS rows of
   * n_words. On Chinese text such a word matches by initials in most
   * terms, too many to list and match one by one at the second
   * keystroke; longer words only match terms of cards of the row of
   * their first two letters. */
  guint64  *pairs;
  /* Where letters can start, counted in characters of the pool (a NUL
   * ends each term): for each letter, the characters with a reading
   * that starts with it and the letter itself; for each three letters,
   * the characters with a reading that starts with them (ü as v and u).
   * A word of three letters or more starts where its first letter
   * starts a piece, on one, two or three characters in a row. */
  PosList   initials[26];
  PosList  *triples;       /* 26 × 26 × 26 */
  /* For each two letters ab, the characters that can take ab alone: a
   * reading ab, or one that starts with zh, ch, sh. */
  PosList   twos[N_PAIRS];
  TermStarts term_char_starts;   /* in characters of the pool */
  guint32   n_pool_chars;
  gsize     size;
};

static inline void
pos_list_add (PosList *list,
              guint32  pos)
{
  guint32 delta = pos - list->last;

  g_assert (list->count == 0 || pos > list->last);
  if (list->n_bytes + 5 > list->capacity)
    {
      list->capacity = MAX (8, list->capacity * 2);
      list->bytes = g_renew (guint8, list->bytes, list->capacity);
    }
  while (delta >= 0x80)
    {
      list->bytes[list->n_bytes++] = (delta & 0x7F) | 0x80;
      delta >>= 7;
    }
  list->bytes[list->n_bytes++] = delta;
  list->last = pos;
  list->count++;
}

static void
pos_list_free (gpointer data)
{
  PosList *list = data;

  g_free (list->bytes);
  g_free (list);
}

/* Characters that end a term. None of them has a Mandarin reading. */
static inline gboolean
is_separator (gunichar c)
{
  /* Punctuation that sits inside words (fine-tuned, node.js, c++, it's)
   * stays in the term, so that typing such a word is answered by terms. */
  if (c < 0x80)
    return !g_ascii_isalnum (c) && strchr ("-_.+#/'&@", (int)c) == NULL;
  if ((c >= 0x2000 && c <= 0x206F) ||
      (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFE30 && c <= 0xFE4F) ||
      (c >= 0xFF01 && c <= 0xFF0F) ||
      (c >= 0xFF1A && c <= 0xFF20) ||
      (c >= 0xFF3B && c <= 0xFF40) ||
      (c >= 0xFF5B && c <= 0xFF65))
    return shuati_pinyin_get_n_readings (c) == 0;
  return g_unichar_isspace (c);
}

static gboolean
has_separator (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (is_separator (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static PosList *
list_for_char (ShuatiSearchIndex *self,
               gunichar           c,
               gboolean           create)
{
  PosList *list;

  if (c < 0x10000)
    return &self->bmp_chars[c];
  list = g_hash_table_lookup (self->by_char, GUINT_TO_POINTER (c));
  if (list == NULL && create)
    {
      list = g_new0 (PosList, 1);
      g_hash_table_insert (self->by_char, GUINT_TO_POINTER (c), list);
    }
  return list;
}

static void
term_starts_index (TermStarts *self,
                   guint32     end,
                   guint       shift)
{
  const guint32 *starts = (const guint32 *)(void *)self->starts->data;
  guint32 term = 0;

  self->shift = shift;
  if (self->starts->len == 0)
    return;
  g_assert (starts[0] == 0);
  self->n_blocks = (end >> shift) + 1;
  self->blocks = g_new (guint32, self->n_blocks);
  for (guint32 b = 0; b < self->n_blocks; b++)
    {
      while (term + 1 < self->starts->len && starts[term + 1] <= (b << shift))
        term++;
      self->blocks[b] = term;
    }
}

/* The term that holds the position @pos; @hint, the term of an earlier
 * position, is often it. */
static inline guint32
term_at (const TermStarts *self,
         guint32           pos,
         guint32           hint)
{
  const guint32 *starts = (const guint32 *)(void *)self->starts->data;
  guint32 n = self->starts->len;
  guint32 b = pos >> self->shift;
  guint32 lo, hi;

  if (hint < n && starts[hint] <= pos && (hint + 1 == n || starts[hint + 1] > pos))
    return hint;
  g_assert (b < self->n_blocks);
  lo = self->blocks[b];
  hi = b + 1 < self->n_blocks ? self->blocks[b + 1] + 1 : n;
  while (hi - lo > 1)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (starts[mid] <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The terms that hold @run (@length bytes, no Latin letter and no
 * separator) as it is: where its rarest character is, checked against
 * its next rarest and then the pool. */
static GArray *
terms_with_run (const ShuatiSearchIndex *self,
                const char              *run,
                gsize                    length)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  const PosList *rarest = NULL, *second = NULL;
  guint32 rarest_at = 0, second_at = 0;
  guint n_chars = 0;
  PosIter iter;
  guint32 pos;

  for (const char *p = run; p < run + length; p = g_utf8_next_char (p), n_chars++)
    {
      const PosList *list = list_for_char ((ShuatiSearchIndex *)self, g_utf8_get_char (p), FALSE);

      if (list == NULL || list->count == 0)
        return terms;
      if (list == rarest || list == second)
        continue;
      if (rarest == NULL || list->count < rarest->count)
        {
          second = rarest;
          second_at = rarest_at;
          rarest = list;
          rarest_at = p - run;
        }
      else if (second == NULL || list->count < second->count)
        {
          second = list;
          second_at = p - run;
        }
    }
  if (rarest == NULL)
    return terms;

  pos_iter_init (&iter, rarest);
  while (pos_iter_next (&iter, &pos))
    if (pos >= rarest_at)
      {
        guint32 start = pos - rarest_at;

        g_array_append_val (starts, start);
      }
  if (second != NULL)
    {
      guint kept = 0, i = 0;

      pos_iter_init (&iter, second);
      while (i < starts->len && pos_iter_next (&iter, &pos))
        {
          guint32 start;

          if (pos < second_at)
            continue;
          start = pos - second_at;
          while (i < starts->len && g_array_index (starts, guint32, i) < start)
            i++;
          if (i < starts->len && g_array_index (starts, guint32, i) == start)
            g_array_index (starts, guint32, kept++) = start;
        }
      g_array_set_size (starts, kept);
    }

  for (guint i = 0, term = 0; i < starts->len; i++)
    {
      guint32 start = g_array_index (starts, guint32, i);

      /* The starts are spread over the pool: ask for them ahead. */
      if (i + 8 < starts->len)
        __builtin_prefetch (self->pool->str + g_array_index (starts, guint32, i + 8));
      /* One or two different characters are checked by now. */
      if (!(n_chars == 1 || (n_chars == 2 && second != NULL)) &&
          (start + length > self->pool->len ||
                          memcmp (self->pool->str + start, run, length) != 0))
        continue;
      term = term_at (&self->term_starts, start, term);
      if (terms->len == 0 || g_array_index (terms, guint32, terms->len - 1) != term)
        g_array_append_val (terms, term);
    }
  return terms;
}

static inline guint
triple_key (const char *letters)
{
  return ((letters[0] - 'a') * 26 + (letters[1] - 'a')) * 26 + (letters[2] - 'a');
}

/* The keys of @c's readings: first the count of two-letter keys
 * (a × 26 + b, for each reading's first two letters), then those keys,
 * then the count of three-letter keys (triple_key()), then those; ü as
 * v and u. Returns how many numbers it wrote in @out. */
static guint
reading_keys (gunichar  c,
              guint16  *out,
              guint     size)
{
  guint n = shuati_pinyin_get_n_readings (c);
  guint n_out = 1;

  g_assert (size >= 2);
  out[0] = 0;
  for (guint r = 0; r < n; r++)
    {
      const char *syl = shuati_pinyin_get_reading (c, r);

      if (syl[1] == '\0' || syl[0] < 'a' || syl[0] > 'z' || syl[1] < 'a' || syl[1] > 'z')
        continue;
      for (guint variant = 0; variant < 2; variant++)
        {
          guint16 k = (syl[0] - 'a') * 26 + ((variant ? 'u' : syl[1]) - 'a');
          gboolean seen = FALSE;

          if (variant && syl[1] != 'v')
            continue;
          for (guint i = 1; i < n_out; i++)
            seen |= out[i] == k;
          if (!seen && n_out + 1 < size)
            {
              out[n_out++] = k;
              out[0]++;
            }
        }
    }
  {
    guint count_at = n_out++;

    out[count_at] = 0;
    for (guint r = 0; r < n; r++)
      {
        const char *syl = shuati_pinyin_get_reading (c, r);

        if (syl[1] == '\0' || syl[2] == '\0')
          continue;
        /* ü, written v, is typed u too. */
        for (guint variant = 0; variant < 4; variant++)
          {
            char key[3] = { syl[0], syl[1], syl[2] };
            gboolean seen = FALSE;
            guint16 k;

            if ((variant & 1) && key[1] != 'v')
              continue;
            if ((variant & 2) && key[2] != 'v')
              continue;
            if (variant & 1)
              key[1] = 'u';
            if (variant & 2)
              key[2] = 'u';
            if (key[0] < 'a' || key[0] > 'z' || key[1] < 'a' || key[1] > 'z' || key[2] < 'a' || key[2] > 'z')
              continue;
            k = triple_key (key);
            for (guint i = count_at + 1; i < n_out; i++)
              seen |= out[i] == k;
            if (!seen && n_out < size)
              {
                out[n_out++] = k;
                out[count_at]++;
              }
          }
      }
  }
  {
    guint count_at = n_out++;

    out[count_at] = 0;
    for (guint r = 0; r < n; r++)
      {
        const char *syl = shuati_pinyin_get_reading (c, r);
        gboolean whole = syl[1] != '\0' && syl[2] == '\0';
        gboolean zh = syl[1] == 'h' && (syl[0] == 'z' || syl[0] == 'c' || syl[0] == 's');

        if (syl[1] == '\0' || (!whole && !zh) ||
            syl[0] < 'a' || syl[0] > 'z' || syl[1] < 'a' || syl[1] > 'z')
          continue;
        for (guint variant = 0; variant < 2; variant++)
          {
            guint16 k = (syl[0] - 'a') * 26 + ((variant ? 'u' : syl[1]) - 'a');
            gboolean seen = FALSE;

            if (variant && syl[1] != 'v')
              continue;
            for (guint i = count_at + 1; i < n_out; i++)
              seen |= out[i] == k;
            if (!seen && n_out < size)
              {
                out[n_out++] = k;
                out[count_at]++;
              }
          }
      }
  }
  return n_out;
}

/* reading_keys() of every Han character of the BMP, worked out once:
 * building reads them for every character of every term. */
static const guint16 *
bmp_reading_keys (gunichar c)
{
  static guint32 *at;      /* offset + 1 in keys; 0: no reading */
  static guint16 *keys;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GArray *all = g_array_new (FALSE, FALSE, sizeof (guint16));
      guint32 *offsets = g_new0 (guint32, 0x10000);

      for (guint i = 0; i < shuati_pinyin_n_chars && shuati_pinyin_chars[i] < 0x10000; i++)
        {
          guint16 out[64];
          guint n = reading_keys (shuati_pinyin_chars[i], out, G_N_ELEMENTS (out));

          offsets[shuati_pinyin_chars[i]] = all->len + 1;
          g_array_append_vals (all, out, n);
        }
      keys = (guint16 *)(void *)g_array_free (all, FALSE);
      at = offsets;
      g_once_init_leave (&done, 1);
    }
  return at[c] != 0 ? keys + at[c] - 1 : NULL;
}

static void
add_reading_triples (ShuatiSearchIndex *self,
                     gunichar           c,
                     guint32            at)
{
  guint16 own[64];
  const guint16 *keys;

  if (c < 0x10000)
    keys = bmp_reading_keys (c);
  else
    {
      reading_keys (c, own, G_N_ELEMENTS (own));
      keys = own;
    }
  if (keys == NULL)
    return;
  keys += 1 + keys[0];
  for (guint i = 1; i <= keys[0]; i++)
    pos_list_add (&self->triples[keys[i]], at);
  keys += 1 + keys[0];
  for (guint i = 1; i <= keys[0]; i++)
    pos_list_add (&self->twos[keys[i]], at);
}

static void
add_term_keys (ShuatiSearchIndex *self,
               guint32            id,
               const char        *term)
{
  g_array_append_val (self->term_char_starts.starts, self->n_pool_chars);
  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p), self->n_pool_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 'a' && c <= 'z')
        {
          pos_list_add (&self->initials[c - 'a'], self->n_pool_chars);
          continue;
        }
      if (c >= 0x3400)
        {
          guint32 initials = shuati_pinyin_get_initials (c);

          for (; initials != 0; initials &= initials - 1)
            pos_list_add (&self->initials[__builtin_ctz (initials)], self->n_pool_chars);
          add_reading_triples (self, c, self->n_pool_chars);
        }
      pos_list_add (list_for_char (self, c, TRUE), p - self->pool->str);
    }
  self->n_pool_chars++;   /* the NUL */
  g_assert (id + 1 == self->term_char_starts.starts->len);
}

/* The terms that hold a position of @list, counted in characters. */
static GArray *
terms_of_char_positions (const ShuatiSearchIndex *self,
                         const PosList           *list)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 term = 0;
  PosIter iter;
  guint32 pos;

  pos_iter_init (&iter, list);
  while (pos_iter_next (&iter, &pos))
    {
      term = term_at (&self->term_char_starts, pos, term);
      if (terms->len == 0 || g_array_index (terms, guint32, terms->len - 1) != term)
        g_array_append_val (terms, term);
    }
  return terms;
}

/* Building ---------------------------------------------------------------- */

typedef struct
{
  guint64 *slots;      /* hash << 32 | term id + 1; 0: empty */
  guint32  mask;
  guint32  used;
} TermTable;

/* Eight bytes at a time: building hashes every term of every card. */
static inline guint32
hash_bytes (const char *s,
            gsize       n)
{
  guint64 h = (n + 1) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (; n >= 8; s += 8, n -= 8)
    {
      guint64 v;

      memcpy (&v, s, 8);
      h = (h ^ v) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
      h ^= h >> 32;
    }
  if (n > 0)
    {
      guint64 v = 0;

      for (gsize i = 0; i < n; i++)
        v |= (guint64)(guchar)s[i] << (8 * i);
      h = (h ^ v) * G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
    }
  h ^= h >> 29;
  return (guint32)(h ^ (h >> 32));
}

/* The slots keep each term's hash: growing and probing need not read
 * the terms, which are spread over the pool (cache misses are most of
 * the time of building). */
static void
term_table_grow (TermTable *table)
{
  guint32 capacity = (table->mask + 1) * 2;
  guint64 *slots = g_new0 (guint64, capacity);

  for (guint32 i = 0; i <= table->mask; i++)
    if (table->slots[i] != 0)
      {
        guint32 h = (guint32)(table->slots[i] >> 32) & (capacity - 1);

        while (slots[h] != 0)
          h = (h + 1) & (capacity - 1);
        slots[h] = table->slots[i];
      }
  g_free (table->slots);
  table->slots = slots;
  table->mask = capacity - 1;
}

static guint32
term_table_lookup (TermTable         *table,
                   ShuatiSearchIndex *self,
                   const char        *s,
                   gsize              n,
                   guint32            hash)
{
  guint32 h = hash & table->mask;
  guint32 id;

  while (table->slots[h] != 0)
    {
      if ((guint32)(table->slots[h] >> 32) == hash)
        {
          guint32 found = (guint32)table->slots[h] - 1;
          guint32 start = g_array_index (self->term_starts.starts, guint32, found);

          if (memcmp (self->pool->str + start, s, n) == 0 && self->pool->str[start + n] == '\0')
            return found;
        }
      h = (h + 1) & table->mask;
    }

  id = self->n_terms++;
  {
    guint32 start = self->pool->len;

    g_array_append_val (self->term_starts.starts, start);
  }
  g_string_append_len (self->pool, s, n);
  g_string_append_c (self->pool, '\0');
  table->slots[h] = (guint64)hash << 32 | (id + 1);
  if (++table->used * 2 > table->mask)
    term_table_grow (table);
  add_term_keys (self, id, self->pool->str + g_array_index (self->term_starts.starts, guint32, id));
  return id;
}

typedef struct
{
  guint32 start;    /* in the card's text */
  guint32 length;
  guint32 hash;
} CardTerm;

/* Whether each character of the BMP ends a term, one bit each, worked
 * out once: building asks it of every character of every card. */
static const guint8 *
bmp_separators (void)
{
  static guint8 *bits;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint8 *t = g_new0 (guint8, 0x10000 / 8);

      for (gunichar c = 0; c < 0x10000; c++)
        if (is_separator (c))
          t[c / 8] |= 1 << (c % 8);
      bits = t;
      g_once_init_leave (&done, 1);
    }
  return bits;
}

/* The length of the character at @p, and in @sep whether it ends a
 * term. */
static inline gsize
char_at (const guint8 *separators,
         const char   *p,
         gboolean     *sep)
{
  guchar b = *p;
  gunichar c;
  gsize len;

  if (b < 0x80)
    {
      c = b;
      len = 1;
    }
  else if (b < 0xE0)
    {
      c = (gunichar)(b & 0x1F) << 6 | ((guchar)p[1] & 0x3F);
      len = 2;
    }
  else if (b < 0xF0)
    {
      c = (gunichar)(b & 0x0F) << 12 | (gunichar)((guchar)p[1] & 0x3F) << 6 | ((guchar)p[2] & 0x3F);
      len = 3;
    }
  else
    {
      *sep = is_separator (g_utf8_get_char (p));
      return g_utf8_next_char (p) - p;
    }
  *sep = (separators[c / 8] >> (c % 8)) & 1;
  return len;
}

static void
posting_add_to (const Posting *posting,
                guint64       *cards,
                guint          n_words)
{
  if (posting->capacity == POSTING_BITS)
    for (guint w = 0; w < n_words; w++)
      cards[w] |= posting->u.bits[w];
  else
    {
      const guint32 *list = posting_cards (posting);

      for (guint32 k = 0; k < posting->len; k++)
        cards[list[k] / 64] |= G_GUINT64_CONSTANT (1) << (list[k] % 64);
    }
}

/* Whether a card of @posting is in @row; a posting of bits is taken to
 * have one: it holds many cards. */
static inline gboolean
posting_meets (const Posting *posting,
               const guint64 *row)
{
  const guint32 *list;

  if (posting->capacity == POSTING_BITS)
    return TRUE;
  list = posting_cards (posting);
  for (guint32 k = 0; k < posting->len; k++)
    if (row[list[k] / 64] & (G_GUINT64_CONSTANT (1) << (list[k] % 64)))
      return TRUE;
  return FALSE;
}

static inline guint32
letter_bit (char letter)
{
  return letter >= 'a' && letter <= 'z' ? 1u << (letter - 'a') : 0;
}

static inline void
pairs_add (guint64 *set,
           guint32  firsts,
           guint32  seconds)
{
  for (; firsts != 0; firsts &= firsts - 1)
    {
      guint a = __builtin_ctz (firsts);

      for (guint32 b = seconds; b != 0; b &= b - 1)
        {
          guint k = a * 26 + __builtin_ctz (b);

          set[k / 64] |= G_GUINT64_CONSTANT (1) << (k % 64);
        }
    }
}

/* Adds to @set the words of two Latin letters that the matcher of
 * shuati-pinyin.c finds in the term @s: the two letters on two
 * neighbouring characters (each the letter itself or an initial of the
 * character), or the first two letters of one reading (ü read as v or
 * u). */
static void
add_term_pairs (const char *s,
                const char *end,
                guint64    *set)
{
  guint32 prev = 0;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint32 cur = 0;

      if (c < 0x80)
        cur = letter_bit ((char)c);
      else if (c >= 0x3400)
        {
          guint16 own[64];
          const guint16 *keys;

          cur = shuati_pinyin_get_initials (c);
          if (c < 0x10000)
            keys = bmp_reading_keys (c);
          else
            {
              reading_keys (c, own, G_N_ELEMENTS (own));
              keys = own;
            }
          for (guint i = 1; keys != NULL && i <= keys[0]; i++)
            set[keys[i] / 64] |= G_GUINT64_CONSTANT (1) << (keys[i] % 64);
        }
      if (prev != 0 && cur != 0)
        pairs_add (set, prev, cur);
      prev = cur;
    }
}

/**
 * shuati_search_index_new:
 * @cards: (array length=n_cards): the cards, in the order of their positions
 *
 * Cuts the search text of every card into terms and records which cards
 * hold each term. Slow for a large deck: build it in the thread that
 * loads the deck.
 *
 * Returns: (transfer full): the index
 */
ShuatiSearchIndex *
shuati_search_index_new (ShuatiCard * const *cards,
                         guint               n_cards)
{
  ShuatiSearchIndex *self = g_new0 (ShuatiSearchIndex, 1);
  TermTable table = { g_new0 (guint64, 1 << 12), (1 << 12) - 1, 0 };
  GArray *postings = g_array_new (FALSE, TRUE, sizeof (Posting));
  g_autoptr(GArray) card_terms = NULL;
  g_autoptr(GHashTable) pair_cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  guint n_dense = 0;
  guint32 n_pool_words;
  const guint8 *separators = bmp_separators ();
  /* The terms of each card, each once, card after card. */
  gsize seen_capacity = 1024, n_seen = 0;
  guint32 *seen = g_new (guint32, seen_capacity);
  gsize *card_seen_end = g_new (gsize, MAX (n_cards, 1));

  self->n_cards = n_cards;
  self->n_words = (n_cards + 63) / 64;
  self->pool = g_string_new (NULL);
  self->term_starts.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->by_char = g_hash_table_new_full (NULL, NULL, NULL, pos_list_free);
  self->bmp_chars = g_new0 (PosList, 0x10000);
  self->pairs = g_new0 (guint64, (gsize)N_PAIRS * MAX (self->n_words, 1));
  self->triples = g_new0 (PosList, 26 * 26 * 26);
  self->term_char_starts.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  card_terms = g_array_new (FALSE, FALSE, sizeof (CardTerm));

  for (guint i = 0; i < n_cards; i++)
    {
      const char *text = shuati_card_get_search_text (cards[i]);
      const char *end = text + shuati_card_get_search_text_length (cards[i]);
      const char *p = text;
      guint64 card_pairs[(N_PAIRS + 63) / 64] = { 0 };

      /* The card's terms and their hashes first, their slots asked for
       * ahead: looking each up in turn waits for memory each time. */
      g_array_set_size (card_terms, 0);
      while (p < end)
        {
          const char *start;
          gboolean sep = TRUE;
          gsize len = 0;

          while (p < end && (len = char_at (separators, p, &sep), sep))
            p += len;
          start = p;
          while (p < end && !sep)
            {
              p += len;
              if (p < end)
                len = char_at (separators, p, &sep);
            }
          if (p > start)
            {
              CardTerm term = { start - text, p - start, hash_bytes (start, p - start) };

              __builtin_prefetch (&table.slots[term.hash & table.mask]);
              g_array_append_val (card_terms, term);
            }
        }

      for (guint k = 0; k < card_terms->len; k++)
        {
          const CardTerm *term = &g_array_index (card_terms, CardTerm, k);
          const char *start = text + term->start;
          guint32 id = term_table_lookup (&table, self, start, term->length, term->hash);
          Posting *posting;

          if (id >= postings->len)
            g_array_set_size (postings, id + 1);
          /* While building, capacity holds the last card: a term
           * seen again in the same card is skipped without reading
           * its list, which is a cache miss. Its cards are counted
           * now and written once all are counted. */
          posting = &g_array_index (postings, Posting, id);
          if (posting->len > 0 && posting->capacity == i)
            continue;
          if (posting->len == 0)
            add_term_pairs (start, start + term->length, card_pairs);
          else
            {
              /* A term in many cards has its pairs worked out once. */
              guint64 *pairs = g_hash_table_lookup (pair_cache, GUINT_TO_POINTER (id + 1));

              if (pairs == NULL)
                {
                  pairs = g_new0 (guint64, G_N_ELEMENTS (card_pairs));
                  add_term_pairs (start, start + term->length, pairs);
                  g_hash_table_insert (pair_cache, GUINT_TO_POINTER (id + 1), pairs);
                }
              for (guint w = 0; w < G_N_ELEMENTS (card_pairs); w++)
                card_pairs[w] |= pairs[w];
            }
          if (posting->len == 0)
            posting->u.one = i;
          posting->len++;
          posting->capacity = i;
          if (n_seen == seen_capacity)
            {
              seen_capacity *= 2;
              seen = g_renew (guint32, seen, seen_capacity);
            }
          seen[n_seen++] = id;
        }

      card_seen_end[i] = n_seen;
      for (guint w = 0; w < G_N_ELEMENTS (card_pairs); w++)
        for (guint64 bits = card_pairs[w]; bits != 0; bits &= bits - 1)
          {
            guint k = w * 64 + __builtin_ctzll (bits);

            self->pairs[(gsize)k * self->n_words + i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
          }
    }
  g_free (table.slots);

  self->size = sizeof *self + self->pool->len + self->term_starts.starts->len * sizeof (guint32);
  term_starts_index (&self->term_starts, self->pool->len, 8);
  term_starts_index (&self->term_char_starts, self->n_pool_chars, 7);
  self->size += (self->term_starts.n_blocks + self->term_char_starts.n_blocks) * sizeof (guint32);

  /* The lists of cards, now that their lengths are known: those of terms
   * in several cards are stretches of one array, filled card by card; a
   * term in more than one card in 32 takes less room as bits. */
  {
    gsize n_listed = 0;

    for (guint t = 0; t < postings->len; t++)
      {
        Posting *posting = &g_array_index (postings, Posting, t);

        if ((gsize)posting->len * 32 >= n_cards && n_cards >= 64)
          {
            g_assert (posting->len >= 2);
            posting->u.bits = g_new0 (guint64, self->n_words);
            posting->capacity = POSTING_BITS;
            self->size += self->n_words * sizeof (guint64);
            n_dense++;
          }
        else if (posting->len <= 1)
          posting->capacity = POSTING_INLINE;
        else
          {
            /* The offset until the lists are allocated. */
            posting->u.cards = GSIZE_TO_POINTER (n_listed);
            posting->capacity = 0;
            n_listed += posting->len;
          }
        self->size += sizeof (Posting);
      }
    self->lists = g_new (guint32, MAX (n_listed, 1));
    self->size += n_listed * sizeof (guint32);
    for (guint t = 0; t < postings->len; t++)
      {
        Posting *posting = &g_array_index (postings, Posting, t);

        if (posting->capacity == 0 && posting->len >= 2)
          posting->u.cards = self->lists + GPOINTER_TO_SIZE (posting->u.cards);
      }
    for (guint i = 0, k = 0; i < n_cards; i++)
      for (; k < card_seen_end[i]; k++)
        {
          Posting *posting = &g_array_index (postings, Posting, seen[k]);

          if (k + 8 < card_seen_end[i])
            __builtin_prefetch (&g_array_index (postings, Posting, seen[k + 8]));
          if (posting->capacity == POSTING_BITS)
            posting->u.bits[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
          else if (posting->len >= 2)
            posting->u.cards[posting->capacity++] = i;
        }
    g_free (seen);
    g_free (card_seen_end);
  }
  self->postings = (Posting *)(void *)g_array_free (postings, FALSE);

  n_pool_words = (self->n_pool_chars + 63) / 64;
  self->size += 0x10000 * sizeof (PosList);
  self->size += self->term_char_starts.starts->len * sizeof (guint32) + 26 * 26 * 26 * sizeof (PosList);
  for (guint k = 0; k < 26 + N_PAIRS + 26 * 26 * 26; k++)
    {
      PosList *list = k < 26 ? &self->initials[k]
                    : k < 26 + N_PAIRS ? &self->twos[k - 26]
                    : &self->triples[k - 26 - N_PAIRS];

      if ((gsize)list->n_bytes * 2 > (gsize)n_pool_words * sizeof (guint64))
        {
          guint64 *bits = g_new0 (guint64, n_pool_words);
          PosIter iter;
          guint32 pos;

          pos_iter_init (&iter, list);
          while (pos_iter_next (&iter, &pos))
            bits[pos / 64] |= G_GUINT64_CONSTANT (1) << (pos % 64);
          g_free (list->bytes);
          list->bytes = (guint8 *)bits;
          list->n_bytes = n_pool_words;
          list->capacity = POS_LIST_BITS;
          self->size += (gsize)n_pool_words * sizeof (guint64);
          continue;
        }
      list->bytes = g_renew (guint8, list->bytes, list->n_bytes);
      list->capacity = list->n_bytes;
      self->size += list->n_bytes;
    }
  for (gunichar c = 0; c < 0x10000; c++)
    {
      PosList *list = &self->bmp_chars[c];

      if (list->capacity > list->n_bytes)
        {
          list->bytes = g_renew (guint8, list->bytes, list->n_bytes);
          list->capacity = list->n_bytes;
        }
      self->size += list->n_bytes;
    }
  for (guint k = 0; k < G_N_ELEMENTS (self->single); k++)
    {
      self->single[k] = g_new0 (guint64, self->n_words);
      self->size += self->n_words * sizeof (guint64);
    }
  self->size += (gsize)N_PAIRS * self->n_words * sizeof (guint64);
  for (guint k = 0; k < 26; k++)
    {
      g_autoptr(GArray) terms = terms_of_char_positions (self, &self->initials[k]);

      for (guint i = 0; i < terms->len; i++)
        posting_add_to (&self->postings[g_array_index (terms, guint32, i)], self->single[k], self->n_words);
    }
  for (guint d = 0; d < 10; d++)
    {
      char digit[2] = { '0' + d, '\0' };
      g_autoptr(GArray) terms = terms_with_run (self, digit, 1);

      for (guint i = 0; i < terms->len; i++)
        posting_add_to (&self->postings[g_array_index (terms, guint32, i)], self->single[26 + d], self->n_words);
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->by_char);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      self->size += sizeof (PosList) + 3 * sizeof (gpointer) + ((PosList *)value)->capacity;
  }

  return self;
}

void
shuati_search_index_free (ShuatiSearchIndex *self)
{
  if (self == NULL)
    return;
  for (guint t = 0; t < self->n_terms; t++)
    if (self->postings[t].capacity == POSTING_BITS)
      g_free (self->postings[t].u.bits);
  g_free (self->lists);
  g_free (self->pairs);
  for (guint k = 0; k < 26; k++)
    g_free (self->initials[k].bytes);
  for (guint k = 0; k < N_PAIRS; k++)
    g_free (self->twos[k].bytes);
  for (guint k = 0; k < 26 * 26 * 26; k++)
    g_free (self->triples[k].bytes);
  g_free (self->triples);
  g_array_unref (self->term_char_starts.starts);
  g_free (self->term_char_starts.blocks);
  g_free (self->postings);
  for (gunichar c = 0; c < 0x10000; c++)
    g_free (self->bmp_chars[c].bytes);
  g_free (self->bmp_chars);
  for (guint k = 0; k < G_N_ELEMENTS (self->single); k++)
    g_free (self->single[k]);
  g_hash_table_unref (self->by_char);
  g_string_free (self->pool, TRUE);
  g_array_unref (self->term_starts.starts);
  g_free (self->term_starts.blocks);
  g_free (self);
}

guint
shuati_search_index_get_n_cards (const ShuatiSearchIndex *self)
{
  return self->n_cards;
}

guint
shuati_search_index_get_n_terms (const ShuatiSearchIndex *self)
{
  return self->n_terms;
}

/**
 * shuati_search_index_get_size:
 *
 * Returns: about how many bytes the index holds
 */
gsize
shuati_search_index_get_size (const ShuatiSearchIndex *self)
{
  return self->size;
}

/* Searching --------------------------------------------------------------- */

typedef struct
{
  char    *word;
  GArray  *terms;   /* (element-type guint32) sorted; NULL: those of letter */
  guint32  letter;  /* one bit: the letter of a word of one or two letters */
  const guint64 *pair;   /* a row of pairs, for a word of two letters */
  guint64 *cards;
} WordEntry;

static void
word_entry_free (gpointer data)
{
  WordEntry *entry = data;

  g_free (entry->word);
  g_clear_pointer (&entry->terms, g_array_unref);
  g_free (entry->cards);
  g_free (entry);
}

struct _ShuatiSearchRun
{
  ShuatiSearchIndex *index;
  GListModel        *cards;
  GPtrArray         *words;      /* (element-type WordEntry) of the last query */
  GPtrArray         *new_words;  /* being filled by the current one */
  guint64           *result;
  gboolean           have_result;
  gboolean           last_exact;
};

/**
 * shuati_search_run_new:
 * @cards: a #GListModel of the #ShuatiCard the index was built from
 *
 * Returns: (transfer full): a search that remembers what each word of
 *   the last query matched, so that a word typed longer only rechecks
 *   the terms it matched
 */
ShuatiSearchRun *
shuati_search_run_new (ShuatiSearchIndex *index,
                       GListModel        *cards)
{
  ShuatiSearchRun *self;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  self = g_new0 (ShuatiSearchRun, 1);
  self->index = index;
  self->cards = g_object_ref (cards);
  self->words = g_ptr_array_new_with_free_func (word_entry_free);
  self->result = g_new0 (guint64, index->n_words);
  return self;
}

void
shuati_search_run_free (ShuatiSearchRun *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->cards);
  g_ptr_array_unref (self->words);
  g_free (self->result);
  g_free (self);
}

static inline gboolean
get_bit (const guint64 *bits,
         guint          i)
{
  return (bits[i / 64] >> (i % 64)) & 1;
}

static void
fill_all (const ShuatiSearchIndex *index,
          guint64                 *bits)
{
  memset (bits, 0xFF, index->n_words * sizeof (guint64));
  if (index->n_cards % 64 != 0)
    bits[index->n_words - 1] = (G_GUINT64_CONSTANT (1) << (index->n_cards % 64)) - 1;
}

static gboolean
is_full (const ShuatiSearchIndex *index,
         const guint64           *bits)
{
  guint whole = index->n_cards / 64;

  for (guint w = 0; w < whole; w++)
    if (bits[w] != G_MAXUINT64)
      return FALSE;
  return index->n_cards % 64 == 0 ||
         bits[whole] == (G_GUINT64_CONSTANT (1) << (index->n_cards % 64)) - 1;
}

static inline gboolean
term_matches (const ShuatiSearchIndex   *index,
              const ShuatiPinyinPattern *pattern,
              guint32                    term)
{
  guint32 start = g_array_index (index->term_starts.starts, guint32, term);
  guint32 end = term + 1 < index->n_terms ? g_array_index (index->term_starts.starts, guint32, term + 1) - 1
                                          : index->pool->len - 1;

  return shuati_pinyin_pattern_find (pattern, index->pool->str + start, end - start, NULL, NULL)
         != SHUATI_MATCH_NONE;
}

/* Whether every term @new_word matches is also matched by @old_word. */
static gboolean
word_narrows (const char *new_word,
              const char *old_word)
{
  if (g_str_has_prefix (new_word, old_word))
    return TRUE;
  /* A word without letters matches only itself: a word that contains it
   * matches it too. */
  for (const char *p = old_word; *p != '\0'; p++)
    if (g_ascii_isalpha (*p) || (guchar)*p == 0xC3)  /* ü and other Latin */
      return FALSE;
  return strstr (new_word, old_word) != NULL;
}

/* The row of pairs of the first two letters of @word, or NULL. */
static const guint64 *
pair_row (const ShuatiSearchIndex *index,
          const char              *word)
{
  if (word[0] < 'a' || word[0] > 'z' || word[1] < 'a' || word[1] > 'z')
    return NULL;
  return index->pairs + (gsize)((word[0] - 'a') * 26 + (word[1] - 'a')) * index->n_words;
}

/* The terms a word can start matching with the letter @letter (its own
 * Latin letters and the initials of its Han characters), of cards in
 * @row if it is not NULL. */
static GArray *
terms_with_letter (const ShuatiSearchIndex *index,
                   guint32                  letter,
                   const guint64           *row)
{
  GArray *terms = terms_of_char_positions (index, &index->initials[__builtin_ctz (letter)]);
  guint kept = 0;

  g_assert (letter != 0 && (letter & (letter - 1)) == 0);
  for (guint i = 0; i < terms->len; i++)
    {
      guint32 t = g_array_index (terms, guint32, i);

      if (row == NULL || posting_meets (&index->postings[t], row))
        g_array_index (terms, guint32, kept++) = t;
    }
  g_array_set_size (terms, kept);
  return terms;
}

/* Keeps the ids of @ids that are also in @list. */
static void
intersect_ids (GArray        *ids,
               const guint32 *list,
               guint          len)
{
  guint j = 0, kept = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      guint32 id = g_array_index (ids, guint32, i);

      /* Lists of common characters are long: skip ahead in strides. */
      while (j + 16 < len && list[j + 16] < id)
        j += 16;
      while (j < len && list[j] < id)
        j++;
      if (j == len)
        break;
      if (list[j] == id)
        g_array_index (ids, guint32, kept++) = id;
    }
  g_array_set_size (ids, kept);
}

/* Whether the matcher reads @c as a letter, which can stand for pinyin. */
static inline gboolean
is_letter (gunichar c)
{
  return (c < 0x80 && g_ascii_isalpha (c)) || c == 0xFC;
}

/* The terms that hold every run of characters of @word that only match
 * themselves (all but Latin letters), each as it is; NULL if it has
 * none. For a word without letters, exactly the terms it matches. */
static GArray *
terms_with_chars (const ShuatiSearchIndex *index,
                  const char              *word)
{
  GArray *terms = NULL;
  const char *p = word;

  while (*p != '\0')
    {
      const char *run = p;
      g_autoptr(GArray) run_terms = NULL;

      if (is_letter (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      while (*p != '\0' && !is_letter (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      run_terms = terms_with_run (index, run, p - run);
      if (terms == NULL)
        terms = g_steal_pointer (&run_terms);
      else
        intersect_ids (terms, (const guint32 *)(void *)run_terms->data, run_terms->len);
    }
  return terms;
}

static void
merge_ids (GArray       *out,
           const GArray *a,
           const GArray *b)
{
  guint i = 0, j = 0;
  const guint32 *x = (const guint32 *)(void *)a->data;
  const guint32 *y = (const guint32 *)(void *)b->data;

  while (i < a->len && j < b->len)
    {
      guint32 id = MIN (x[i], y[j]);

      g_array_append_val (out, id);
      if (x[i] == id)
        i++;
      if (y[j] == id)
        j++;
    }
  /* An empty array may have no data at all. */
  if (i < a->len)
    g_array_append_vals (out, x + i, a->len - i);
  if (j < b->len)
    g_array_append_vals (out, y + j, b->len - j);
}

/* Adds the sorted ids or positions of @more (freed) to the sorted
 * @positions. */
static void
merge_into (GArray **positions,
            GArray  *more)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (guint32));

  merge_ids (merged, *positions, more);
  g_array_unref (*positions);
  *positions = merged;
  g_array_unref (more);
}

/* For each two letters: whether they are a whole syllable or zh, ch, sh
 * (a piece a character can take alone), and whether a syllable starts
 * with them; ü read as v or u. */
static guint8 *
two_letter_syllables (void)
{
  static guint8 *table;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint8 *t = g_new0 (guint8, 26 * 26);

      for (guint i = 0; i < shuati_pinyin_n_syllables; i++)
        {
          const char *syl = shuati_pinyin_syllable_pool + shuati_pinyin_syllable_offsets[i];

          if (syl[0] < 'a' || syl[0] > 'z' || syl[1] < 'a' || syl[1] > 'z')
            continue;
          for (guint variant = 0; variant < 2; variant++)
            {
              char second = variant == 0 ? syl[1] : 'u';
              guint k = (syl[0] - 'a') * 26 + (second - 'a');

              if (variant == 1 && syl[1] != 'v')
                continue;
              t[k] |= 2;
              if (syl[2] == '\0' || (syl[1] == 'h' && strchr ("zcs", syl[0]) != NULL))
                t[k] |= 1;
            }
        }
      table = t;
      g_once_init_leave (&done, 1);
    }
  return table;
}

/* The positions p of @first where p + @shift is in @then, both read as
 * they are stored. */
static GArray *
followed_by (const PosList *first,
             const PosList *then,
             guint32        shift)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (guint32));
  PosIter a, b;
  guint32 x, y;

  if (pos_list_is_bits (first) && pos_list_is_bits (then))
    {
      /* Both as bits: a word of each at a time. */
      const guint64 *p = (const guint64 *)(void *)first->bytes;
      const guint64 *q = (const guint64 *)(void *)then->bytes;
      guint32 n = MIN (first->n_bytes, then->n_bytes);

      g_assert (shift > 0 && shift < 64);
      for (guint32 w = 0; w < n; w++)
        {
          guint64 next = w + 1 < then->n_bytes ? q[w + 1] : 0;
          guint64 both = p[w] & (q[w] >> shift | next << (64 - shift));

          for (; both != 0; both &= both - 1)
            {
              guint32 at = w * 64 + __builtin_ctzll (both);

              g_array_append_val (kept, at);
            }
        }
      return kept;
    }
  if (pos_list_is_bits (then))
    {
      pos_iter_init (&a, first);
      while (pos_iter_next (&a, &x))
        if (pos_list_has (then, x + shift))
          g_array_append_val (kept, x);
      return kept;
    }
  if (pos_list_is_bits (first))
    {
      pos_iter_init (&b, then);
      while (pos_iter_next (&b, &y))
        if (y >= shift && pos_list_has (first, y - shift))
          {
            x = y - shift;
            g_array_append_val (kept, x);
          }
      return kept;
    }

  pos_iter_init (&a, first);
  pos_iter_init (&b, then);
  if (!pos_iter_next (&a, &x) || !pos_iter_next (&b, &y))
    return kept;
  for (;;)
    {
      if (x + shift < y)
        {
          if (!pos_iter_next (&a, &x))
            break;
        }
      else if (x + shift > y)
        {
          if (!pos_iter_next (&b, &y))
            break;
        }
      else
        {
          g_array_append_val (kept, x);
          if (!pos_iter_next (&a, &x) || !pos_iter_next (&b, &y))
            break;
        }
    }
  return kept;
}

/* The positions p of @positions where p + @shift is in @list. */
static GArray *
kept_if_followed_by (const GArray  *positions,
                     const PosList *list,
                     guint32        shift)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *ps = (const guint32 *)(void *)positions->data;
  guint i = 0;
  PosIter iter;
  guint32 pos;

  if (pos_list_is_bits (list))
    {
      for (; i < positions->len; i++)
        if (pos_list_has (list, ps[i] + shift))
          g_array_append_val (kept, ps[i]);
      return kept;
    }
  pos_iter_init (&iter, list);
  while (i < positions->len && pos_iter_next (&iter, &pos))
    {
      while (i < positions->len && ps[i] + shift < pos)
        i++;
      if (i < positions->len && ps[i] + shift == pos)
        g_array_append_val (kept, ps[i]);
    }
  return kept;
}

static GArray *
decode_positions (const PosList *list)
{
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), list->count);
  PosIter iter;
  guint32 pos;

  pos_iter_init (&iter, list);
  while (pos_iter_next (&iter, &pos))
    g_array_append_val (positions, pos);
  return positions;
}

static GArray *
terms_of_positions (const ShuatiSearchIndex *index,
                    const GArray            *positions)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 term = 0;

  for (guint i = 0; i < positions->len; i++)
    {
      term = term_at (&index->term_char_starts, g_array_index (positions, guint32, i), term);
      if (terms->len == 0 || g_array_index (terms, guint32, terms->len - 1) != term)
        g_array_append_val (terms, term);
    }
  return terms;
}

/* Keeps the ids of @ids that are not in @other. */
static void
subtract_ids (GArray       *ids,
              const GArray *other)
{
  guint j = 0, kept = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      guint32 id = g_array_index (ids, guint32, i);

      while (j < other->len && g_array_index (other, guint32, j) < id)
        j++;
      if (j == other->len || g_array_index (other, guint32, j) != id)
        g_array_index (ids, guint32, kept++) = id;
    }
  g_array_set_size (ids, kept);
}

/* The terms where a word that starts with three Latin letters a, b, c
 * can start matching: a character with a reading that starts with abc;
 * one of a, b and c in a row (as letters or initials); one of a reading
 * ab (or zh, ch, sh) before one of c; or one of a before one that can
 * read bc. A word of these three letters matches all but the last
 * exactly: with @sure, those are left there, and the terms returned are
 * those left to match. */
static GArray *
terms_by_three_letters (const ShuatiSearchIndex *index,
                        const char              *word,
                        GArray                 **sure)
{
  const guint8 *two = two_letter_syllables ();
  guint a = word[0] - 'a', b = word[1] - 'a', c = word[2] - 'a';
  g_autoptr(GArray) one = decode_positions (&index->triples[triple_key (word)]);
  g_autoptr(GArray) a_b = followed_by (&index->initials[a], &index->initials[b], 1);
  g_autoptr(GArray) a_b_c = kept_if_followed_by (a_b, &index->initials[c], 2);
  g_autoptr(GArray) exact = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) maybe = g_array_new (FALSE, FALSE, sizeof (guint32));

  {
    g_autoptr(GArray) x = terms_of_positions (index, one);
    g_autoptr(GArray) y = terms_of_positions (index, a_b_c);

    merge_ids (exact, x, y);
  }
  if (two[b * 26 + c] & 2)
    merge_into (&maybe, terms_of_positions (index, a_b));
  if (two[a * 26 + b] & 1)
    {
      g_autoptr(GArray) ab_c = followed_by (&index->twos[a * 26 + b], &index->initials[c], 1);

      merge_into (&exact, terms_of_positions (index, ab_c));
    }

  if (sure != NULL)
    {
      subtract_ids (maybe, exact);
      *sure = g_steal_pointer (&exact);
      return g_steal_pointer (&maybe);
    }
  {
    GArray *all = g_array_new (FALSE, FALSE, sizeof (guint32));

    merge_ids (all, exact, maybe);
    return all;
  }
}

static inline gboolean
starts_with_three_letters (const char *word)
{
  return word[0] >= 'a' && word[0] <= 'z' && word[1] >= 'a' && word[1] <= 'z' &&
         word[2] >= 'a' && word[2] <= 'z';
}

static inline gboolean
starts_with_four_letters (const char *word)
{
  return starts_with_three_letters (word) && word[3] >= 'a' && word[3] <= 'z';
}

/* Whether a syllable starts with the four letters of @word (a word's u
 * also stands for ü, written v). */
static gboolean
syllable_starts_with_four (const char *word)
{
  for (guint i = 0; i < shuati_pinyin_n_syllables; i++)
    {
      const char *syl = shuati_pinyin_syllable_pool + shuati_pinyin_syllable_offsets[i];
      guint k = 0;

      while (k < 4 && syl[k] != '\0' && (syl[k] == word[k] || (syl[k] == 'v' && word[k] == 'u')))
        k++;
      if (k == 4)
        return TRUE;
    }
  return FALSE;
}

static inline gsize
decoded_size (const PosList *list)
{
  return pos_list_is_bits (list) ? 0 : list->n_bytes;
}

/* About how many bytes of lists of positions terms_by_four_letters()
 * reads one at a time for @word: those not kept as bits. */
static gsize
four_letters_cost (const ShuatiSearchIndex *index,
                   const char              *word)
{
  guint a = word[0] - 'a', b = word[1] - 'a', c = word[2] - 'a', d = word[3] - 'a';

  return decoded_size (&index->initials[a]) + decoded_size (&index->initials[b]) +
         decoded_size (&index->initials[c]) + decoded_size (&index->initials[d]) +
         decoded_size (&index->twos[a * 26 + b]) + decoded_size (&index->twos[b * 26 + c]) +
         decoded_size (&index->triples[triple_key (word)]) +
         decoded_size (&index->triples[triple_key (word + 1)]);
}

/* Terms among which are all those a word that starts with four Latin
 * letters a, b, c, d matches: where the first character takes a, ab or
 * abc (or, when a syllable starts with abcd, more), and the characters
 * after it can take the rest. Every character takes its whole reading,
 * its initial, zh, ch or sh, or, last, the start of a reading; each of
 * these starts with the letter it begins at. */
static GArray *
terms_by_four_letters (const ShuatiSearchIndex *index,
                       const char              *word)
{
  const guint8 *two = two_letter_syllables ();
  guint a = word[0] - 'a', b = word[1] - 'a', c = word[2] - 'a', d = word[3] - 'a';
  /* Whether a character can take cd, or c alone with d next. */
  gboolean cd_together = (two[c * 26 + d] & 2) != 0;
  g_autoptr(GArray) a_b = followed_by (&index->initials[a], &index->initials[b], 1);
  GArray *starts = kept_if_followed_by (a_b, &index->initials[c], 2);

  if (!cd_together)
    {
      GArray *kept = kept_if_followed_by (starts, &index->initials[d], 3);

      g_array_unref (starts);
      starts = kept;
    }

  /* a, then b, c, and d after it, or bc, or bcd and more. */
  if (two[b * 26 + c] & 1)
    {
      g_autoptr(GArray) a_bc = kept_if_followed_by (a_b, &index->twos[b * 26 + c], 1);

      merge_into (&starts, kept_if_followed_by (a_bc, &index->initials[d], 2));
    }
  merge_into (&starts, kept_if_followed_by (a_b, &index->triples[triple_key (word + 1)], 1));
  /* ab, then c. */
  if (two[a * 26 + b] & 1)
    {
      g_autoptr(GArray) ab_c = followed_by (&index->twos[a * 26 + b], &index->initials[c], 1);

      merge_into (&starts, cd_together ? g_array_ref (ab_c) : kept_if_followed_by (ab_c, &index->initials[d], 2));
    }
  /* abc, then d; or abcd and more. */
  if (syllable_starts_with_four (word))
    merge_into (&starts, decode_positions (&index->triples[triple_key (word)]));
  else
    merge_into (&starts, followed_by (&index->triples[triple_key (word)], &index->initials[d], 1));

  {
    GArray *terms = terms_of_positions (index, starts);

    g_array_unref (starts);
    return terms;
  }
}

/* When its first three letters leave more terms than one for this many
 * characters of the pool, a word of four letters or more is narrowed by
 * positions before it is matched (working out positions costs about as
 * much as matching that share of the terms), if that reads fewer bytes
 * of positions than this per term left: matching a term costs about as
 * much as reading that many. */
#define FOUR_LETTERS_FROM 256
#define BYTES_PER_TERM    24

/* The terms a separator-free word matches, and their cards. */
static const WordEntry *
find_word (ShuatiSearchRun           *self,
           const ShuatiPinyinPattern *pattern)
{
  ShuatiSearchIndex *index = self->index;
  const char *word = shuati_pinyin_pattern_get_word (pattern);
  WordEntry *entry = NULL;
  const WordEntry *base = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) sure = NULL;   /* terms known to match, beside the candidates */
  gboolean exact_candidates = FALSE;
  gboolean one_char = *word != '\0' && *g_utf8_next_char (word) == '\0';

  for (guint i = 0; i < self->new_words->len; i++)
    {
      WordEntry *e = g_ptr_array_index (self->new_words, i);

      if (g_str_equal (e->word, word))
        return e;
    }
  for (guint i = 0; i < self->words->len; i++)
    {
      WordEntry *e = g_ptr_array_index (self->words, i);

      if (g_str_equal (e->word, word))
        {
          g_ptr_array_add (self->new_words, g_ptr_array_steal_index (self->words, i));
          return e;
        }
    }

  entry = g_new0 (WordEntry, 1);
  entry->word = g_strdup (word);
  entry->cards = g_new0 (guint64, index->n_words);

  /* The longest earlier word this one narrows. */
  for (guint i = 0; i < self->words->len; i++)
    {
      const WordEntry *e = g_ptr_array_index (self->words, i);

      if (word_narrows (word, e->word) && (base == NULL || strlen (e->word) > strlen (base->word)))
        base = e;
    }
  for (guint i = 0; i < self->new_words->len; i++)
    {
      const WordEntry *e = g_ptr_array_index (self->new_words, i);

      if (word_narrows (word, e->word) && (base == NULL || strlen (e->word) > strlen (base->word)))
        base = e;
    }

  /* The terms to match the word against: those the longest word it
   * narrows matched, those holding its characters that only match
   * themselves, or those it can start matching with its first letter. */
  {
    g_autoptr(GArray) with_chars = terms_with_chars (index, word);
    gunichar first = g_utf8_get_char (word);
    gunichar folded = first == 0xFC ? 'v' : first < 0x80 ? (gunichar)g_ascii_tolower ((char)first) : first;

    if (one_char && folded >= 'a' && folded <= 'z' && folded == first)
      {
        /* A word of one letter matches exactly the terms of that letter:
         * they are most terms, so they are only listed when needed. */
        entry->letter = 1u << (first - 'a');
        memcpy (entry->cards, index->single[first - 'a'], index->n_words * sizeof (guint64));
        g_ptr_array_add (self->new_words, entry);
        return entry;
      }
    if (pair_row (index, word) != NULL && word[2] == '\0')
      {
        /* So does a word of two letters, with its row of pairs. */
        entry->letter = 1u << (first - 'a');
        entry->pair = pair_row (index, word);
        memcpy (entry->cards, entry->pair, index->n_words * sizeof (guint64));
        g_ptr_array_add (self->new_words, entry);
        return entry;
      }
    entry->terms = g_array_new (FALSE, FALSE, sizeof (guint32));

    if (with_chars != NULL && !shuati_pinyin_pattern_uses_pinyin (pattern))
      {
        /* Found where its characters follow each other: exactly the
         * terms it matches. */
        candidates = g_steal_pointer (&with_chars);
        exact_candidates = TRUE;
      }
    else if (base != NULL && base->terms != NULL)
      {
        candidates = g_array_ref (base->terms);
        /* Many terms left, as after the first three letters of a common
         * syllable: where the first four letters can start leaves fewer. */
        if ((gsize)candidates->len * FOUR_LETTERS_FROM > index->n_pool_chars &&
            starts_with_four_letters (word) &&
            strlen (base->word) == 3 &&
            four_letters_cost (index, word) < candidates->len * BYTES_PER_TERM)
          {
            g_autoptr(GArray) four = terms_by_four_letters (index, word);

            intersect_ids (four, (const guint32 *)(void *)candidates->data, candidates->len);
            g_array_unref (candidates);
            candidates = g_steal_pointer (&four);
          }
      }
    else if (base != NULL && with_chars == NULL)
      candidates = starts_with_four_letters (word)
                   ? terms_by_four_letters (index, word)
                   : starts_with_three_letters (word)
                   ? terms_by_three_letters (index, word, word[3] == '\0' ? &sure : NULL)
                   : terms_with_letter (index, base->letter, pair_row (index, word));
    if (with_chars != NULL)
      {
        if (candidates == NULL)
          candidates = g_steal_pointer (&with_chars);
        else
          {
            g_autoptr(GArray) narrowed = g_array_copy (with_chars);

            intersect_ids (narrowed, (const guint32 *)(void *)candidates->data, candidates->len);
            g_clear_pointer (&candidates, g_array_unref);
            candidates = g_steal_pointer (&narrowed);
          }
      }
    if (candidates == NULL)
      {
        guint32 letter = 1u << (folded - 'a');

        g_assert (folded >= 'a' && folded <= 'z');
        candidates = starts_with_four_letters (word)
                     ? terms_by_four_letters (index, word)
                     : starts_with_three_letters (word)
                     ? terms_by_three_letters (index, word, word[3] == '\0' ? &sure : NULL)
                     : terms_with_letter (index, letter, pair_row (index, word));
        if (first == 0xFC)
          {
            /* ü also matches itself. */
            merge_into (&candidates, terms_with_run (index, word, g_utf8_next_char (word) - word));
          }
      }
  }

  if (exact_candidates)
    {
      gunichar c = g_utf8_get_char (word);

      g_array_append_vals (entry->terms, candidates->data, candidates->len);
      if (one_char && c >= '0' && c <= '9')
        {
          memcpy (entry->cards, index->single[c - '0' + 26], index->n_words * sizeof (guint64));
          g_ptr_array_add (self->new_words, entry);
          return entry;
        }
    }
  else
    for (guint i = 0; i < candidates->len; i++)
      {
        guint32 term = g_array_index (candidates, guint32, i);

        /* The terms are spread over the pool: ask for them ahead, the
         * time goes to waiting for memory. */
        if (i + 16 < candidates->len)
          __builtin_prefetch (&g_array_index (index->term_starts.starts, guint32,
                                              g_array_index (candidates, guint32, i + 16)));
        if (i + 8 < candidates->len)
          __builtin_prefetch (index->pool->str + g_array_index (index->term_starts.starts, guint32,
                                                                g_array_index (candidates, guint32, i + 8)));

        if (term_matches (index, pattern, term))
          g_array_append_val (entry->terms, term);
      }
  if (sure != NULL)
    merge_into (&entry->terms, g_steal_pointer (&sure));

  for (guint i = 0, since_check = 0; i < entry->terms->len; i++)
    {
      const Posting *posting = &index->postings[g_array_index (entry->terms, guint32, i)];

      if (i + 8 < entry->terms->len)
        __builtin_prefetch (&index->postings[g_array_index (entry->terms, guint32, i + 8)]);
      posting_add_to (posting, entry->cards, index->n_words);
      /* A short word is often in every card long before its last term. */
      if (posting->capacity == POSTING_BITS && ++since_check == 16)
        {
          since_check = 0;
          if (is_full (index, entry->cards))
            break;
        }
    }

  g_ptr_array_add (self->new_words, entry);
  return entry;
}

/* Sets @bits to the cards that may match @node; returns whether they are
 * exactly those that match. */
static gboolean
eval_node (ShuatiSearchRun       *self,
           const ShuatiQueryNode *node,
           guint64               *bits)
{
  const ShuatiSearchIndex *index = self->index;
  guint n_words = index->n_words;

  if (node == NULL)
    {
      fill_all (index, bits);
      return TRUE;
    }

  switch (shuati_query_node_get_kind (node))
    {
    case SHUATI_QUERY_TEXT:
      {
        const ShuatiPinyinPattern *pattern = shuati_query_node_get_pattern (node);
        const char *word = shuati_pinyin_pattern_get_word (pattern);

        fill_all (index, bits);
        if (shuati_query_node_get_field (node) >= 0)
          return FALSE;
        if (*word == '\0')
          return !shuati_query_node_is_phrase (node);
        if (!has_separator (word))
          {
            const WordEntry *entry = find_word (self, pattern);

            memcpy (bits, entry->cards, n_words * sizeof (guint64));
            return !shuati_query_node_is_phrase (node);
          }

        /* Each piece between separators matches on its own: the cards
         * that hold them all are matched card by card. */
        {
          g_autoptr(GString) piece = g_string_new (NULL);

          for (const char *p = word; ; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (c == 0 || is_separator (c))
                {
                  if (piece->len > 0)
                    {
                      g_autoptr(ShuatiPinyinPattern) piece_pattern = shuati_pinyin_pattern_new (piece->str);
                      const WordEntry *entry = find_word (self, piece_pattern);

                      for (guint w = 0; w < n_words; w++)
                        bits[w] &= entry->cards[w];
                    }
                  g_string_truncate (piece, 0);
                  if (c == 0)
                    break;
                }
              else
                g_string_append_unichar (piece, c);
            }
        }
        return FALSE;
      }

    case SHUATI_QUERY_AND:
      {
        g_autofree guint64 *child = g_new (guint64, n_words);
        gboolean exact = TRUE;

        fill_all (index, bits);
        for (guint i = 0; i < shuati_query_node_get_n_children (node); i++)
          {
            exact &= eval_node (self, shuati_query_node_get_child (node, i), child);
            for (guint w = 0; w < n_words; w++)
              bits[w] &= child[w];
          }
        return exact;
      }

    case SHUATI_QUERY_OR:
      {
        g_autofree guint64 *child = g_new (guint64, n_words);
        gboolean exact = TRUE;

        memset (bits, 0, n_words * sizeof (guint64));
        for (guint i = 0; i < shuati_query_node_get_n_children (node); i++)
          {
            exact &= eval_node (self, shuati_query_node_get_child (node, i), child);
            for (guint w = 0; w < n_words; w++)
              bits[w] |= child[w];
          }
        return exact;
      }

    case SHUATI_QUERY_NOT:
      {
        g_autofree guint64 *all = g_new (guint64, n_words);

        if (!eval_node (self, shuati_query_node_get_child (node, 0), bits))
          {
            fill_all (index, bits);
            return FALSE;
          }
        fill_all (index, all);
        for (guint w = 0; w < n_words; w++)
          bits[w] = ~bits[w] & all[w];
        return TRUE;
      }

    case SHUATI_QUERY_TAG:
    case SHUATI_QUERY_TOPIC:
    case SHUATI_QUERY_DECK:
    case SHUATI_QUERY_STATE:
    case SHUATI_QUERY_PROPERTY:
    default:
      fill_all (index, bits);
      return FALSE;
    }
}

/**
 * shuati_search_run_find:
 * @query: (nullable): what to look for; %NULL or empty: every card
 * @context: (nullable): progress for is: and prop:
 * @narrows: whether @query can only match cards the previous query
 *   matched (the filter's change was MORE_STRICT)
 *
 * Finds the cards @query matches, exactly those shuati_query_match()
 * finds. Words are answered from the terms; what the terms cannot
 * decide (fields, states, properties, words with punctuation) is
 * matched card by card among the cards the terms leave.
 *
 * Returns: (transfer none): one bit per card position, valid until the
 *   next call
 */
const guint64 *
shuati_search_run_find (ShuatiSearchRun          *self,
                        ShuatiQuery              *query,
                        const ShuatiQueryContext *context,
                        gboolean                  narrows)
{
  ShuatiSearchIndex *index;
  g_autofree guint64 *bits = NULL;
  gboolean exact;

  g_return_val_if_fail (self != NULL, NULL);
  index = self->index;

  if (query != NULL && shuati_query_get_error (query, NULL) != NULL)
    {
      /* Nothing to narrow from next time. */
      memset (self->result, 0, index->n_words * sizeof (guint64));
      self->have_result = FALSE;
      self->last_exact = TRUE;
      return self->result;
    }

  bits = g_new (guint64, index->n_words);
  self->new_words = g_ptr_array_new_with_free_func (word_entry_free);
  exact = eval_node (self, query != NULL ? shuati_query_get_root (query) : NULL, bits);
  g_ptr_array_unref (self->words);
  self->words = g_steal_pointer (&self->new_words);

  if (narrows && self->have_result)
    for (guint w = 0; w < index->n_words; w++)
      bits[w] &= self->result[w];

  if (!exact)
    for (guint w = 0; w < index->n_words; w++)
      {
        guint64 word = bits[w];

        while (word != 0)
          {
            guint i = w * 64 + __builtin_ctzll (word);
            g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, i);

            word &= word - 1;
            if (card == NULL || shuati_query_match (query, card, context) == SHUATI_MATCH_NONE)
              bits[w] &= ~(G_GUINT64_CONSTANT (1) << (i % 64));
          }
      }

  memcpy (self->result, bits, index->n_words * sizeof (guint64));
  self->have_result = TRUE;
  self->last_exact = exact;
  return self->result;
}

/**
 * shuati_search_run_get_last_was_exact:
 *
 * Returns: whether the terms alone answered the last query, without
 *   matching any card's text
 */
gboolean
shuati_search_run_get_last_was_exact (const ShuatiSearchRun *self)
{
  return self->last_exact;
}
