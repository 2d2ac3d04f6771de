/* shuati-browser-rows.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card browser's rows, one per card of a list of cards, made when
 * first asked for and kept: opening the browser on 100,000 cards makes
 * only the rows on screen. Sorting makes no row: it reads each card's
 * key once into an array and sorts the numbers, then shows the rows in
 * that order.
 */

#include "config.h"

#include <string.h>

#include "shuati-browser-rows.h"

struct _ShuatiBrowserRows
{
  GObject         parent_instance;

  GListModel     *cards;
  ShuatiProgress *progress;
  ShuatiDeck     *deck;
  GStrv           languages;
  gint64          now;        /* unix seconds the rows and keys read "now" at */
  GPtrArray      *rows;       /* ShuatiBrowserRow or NULL, one per card */
  guint           made_up_to; /* rows before this index are made */
  GArray         *positions;  /* the deck position of each card, guint */
  int             sort_column; /* -1: the cards' order */
  gboolean        descending;
  guint          *order;      /* card index of each shown position, when sorted */
  guint          *where;      /* shown position of each card index, when sorted */

  /* Sort keys by deck position, read once per card and kept: a column's
   * keys are NULL until it is first sorted by. Text columns hold ranks
   * among all the deck's cards; the others numbers turned into unsigned
   * integers of the same order, read card by card: known[] says whose
   * are read; the progress changing a card forgets them. */
  guint           n_deck;
  guint64        *keys[SHUATI_BROWSER_N_COLUMNS];
  guint8         *known[SHUATI_BROWSER_N_COLUMNS];

  /* Ranks the text columns (question, tags and topic) in a thread of
   * its own (shuati_browser_rows_rank_ahead()): a RankJob when joined. */
  GThread        *ranker;
};

/* Columns whose ranks the ranker makes ahead. */
static const ShuatiBrowserColumn ranked_ahead[] = {
  SHUATI_BROWSER_COLUMN_QUESTION,
  SHUATI_BROWSER_COLUMN_TAGS,
  SHUATI_BROWSER_COLUMN_TOPIC,
};

/* Decks smaller than this rank fast enough when first sorted. */
#define RANK_AHEAD_MIN_CARDS 5000

typedef struct
{
  ShuatiDeck *deck;
  guint       n_deck;
  GStrv       languages;
  guint64    *keys[G_N_ELEMENTS (ranked_ahead)];
} RankJob;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiBrowserRows, shuati_browser_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SHUATI_TYPE_BROWSER_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return SHUATI_BROWSER_ROWS (model)->rows->len;
}

static ShuatiBrowserRow *
make_row (ShuatiBrowserRows *self,
          guint              index)
{
  g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, index);
  ShuatiBrowserRow *row = shuati_browser_row_new (card, self->progress, (const char * const *)self->languages,
                                                  self->now);

  g_ptr_array_index (self->rows, index) = row;
  return row;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ShuatiBrowserRows *self = SHUATI_BROWSER_ROWS (model);
  ShuatiBrowserRow *row;

  if (position >= self->rows->len)
    return NULL;
  if (self->order != NULL)
    position = self->order[position];
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    row = make_row (self, position);
  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Keys -------------------------------------------------------------------- */

/* A double as an unsigned integer that sorts the same way. */
static inline guint64
double_key (double value)
{
  union { double d; guint64 u; } bits;

  bits.d = value + 0.0;   /* -0 is 0 */
  return (bits.u >> 63) ? ~bits.u : bits.u | G_GUINT64_CONSTANT (0x8000000000000000);
}

typedef struct
{
  const guchar *text;
  guint         position;
} Text;

static inline int
compare_text_from (const Text *a,
                   const Text *b,
                   guint       depth)
{
  int c = strcmp ((const char *)a->text + depth, (const char *)b->text + depth);

  return c != 0 ? c : (a->position > b->position) - (a->position < b->position);
}

static int
compare_positions (const void *a,
                   const void *b)
{
  guint x = ((const Text *)a)->position;
  guint y = ((const Text *)b)->position;

  return (x > y) - (x < y);
}

#define SWAP_TEXT(x, y) G_STMT_START { Text t_ = (x); (x) = (y); (y) = t_; } G_STMT_END

/* Sorts texts that agree on their first @depth bytes, by bytes (which is
 * code point order in UTF-8) and then by deck position: a three-way
 * radix quicksort, which reads a long common prefix once per card
 * instead of once per comparison. */
static void
sort_texts (Text  *a,
            guint  n,
            guint  depth)
{
  while (n > 1)
    {
      guint lt = 0, i = 0, gt = n;
      guchar pivot;

      if (n < 12)
        {
          for (guint j = 1; j < n; j++)
            for (guint k = j; k > 0 && compare_text_from (&a[k - 1], &a[k], depth) > 0; k--)
              SWAP_TEXT (a[k - 1], a[k]);
          return;
        }

      {
        guchar x = a[0].text[depth], y = a[n / 2].text[depth], z = a[n - 1].text[depth];

        pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
      }
      while (i < gt)
        {
          guchar c = a[i].text[depth];

          if (c < pivot)
            {
              SWAP_TEXT (a[lt], a[i]);
              lt++, i++;
            }
          else if (c > pivot)
            {
              gt--;
              SWAP_TEXT (a[i], a[gt]);
            }
          else
            i++;
        }
      sort_texts (a, lt, depth);
      sort_texts (a + gt, n - gt, depth);
      a += lt;
      n = gt - lt;
      if (pivot == '\0')
        {
          /* The same text: the deck's order. */
          qsort (a, n, sizeof *a, compare_positions);
          return;
        }
      depth++;
    }
}

/* The tags of a card as one text that sorts as the list of tags does:
 * tag by tag, a shorter list first. */
static void
append_tags (GString    *out,
             ShuatiCard *card)
{
  const char * const *tags = shuati_card_get_tags (card);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\001');
      g_string_append (out, tags[i]);
    }
}

/* Ranks every card of @deck by its topic's title. A deck has few
 * topics: their titles are sorted once, and a card's key is its title's
 * rank, then its place in the deck. Cards without a topic come first. */
static guint64 *
rank_topics (ShuatiDeck         *deck,
             guint               n_deck,
             const char * const *languages)
{
  g_autoptr(GHashTable) slots = g_hash_table_new (NULL, NULL);  /* ShuatiTopic → its slot + 1 */
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree guint *slot_of = g_new (guint, MAX (n_deck, 1));   /* 0: no topic */
  g_autofree Text *texts = NULL;
  g_autofree guint64 *rank = NULL;
  guint64 *keys = g_new (guint64, MAX (n_deck, 1));
  ShuatiTopic *last = NULL;
  guint last_slot = 0;

  for (guint p = 0; p < n_deck; p++)
    {
      const char *topic_id = shuati_card_get_topic_id (shuati_deck_get_card (deck, p));
      ShuatiTopic *topic = topic_id != NULL ? shuati_deck_lookup_topic (deck, topic_id) : NULL;

      if (topic != NULL && topic != last)
        {
          last = topic;
          last_slot = GPOINTER_TO_UINT (g_hash_table_lookup (slots, topic));
          if (last_slot == 0)
            {
              g_ptr_array_add (titles, (gpointer)shuati_topic_get_title (topic, languages));
              last_slot = titles->len;
              g_hash_table_insert (slots, topic, GUINT_TO_POINTER (last_slot));
            }
        }
      slot_of[p] = topic != NULL ? last_slot : 0;
    }

  texts = g_new (Text, MAX (titles->len, 1));
  for (guint i = 0; i < titles->len; i++)
    texts[i] = (Text) { g_ptr_array_index (titles, i), i };
  sort_texts (texts, titles->len, 0);
  /* Topics of the same title rank as one. */
  rank = g_new0 (guint64, titles->len + 1);
  for (guint i = 0; i < titles->len; i++)
    rank[texts[i].position + 1] = i > 0 && strcmp ((const char *)texts[i].text, (const char *)texts[i - 1].text) == 0
                                  ? rank[texts[i - 1].position + 1] : i + 1;
  for (guint p = 0; p < n_deck; p++)
    keys[p] = rank[slot_of[p]] << 32 | p;
  return keys;
}

/* Ranks every card of @deck by its question or its tags. */
static guint64 *
rank_texts (ShuatiDeck          *deck,
            guint                n_deck,
            const char * const  *languages,
            ShuatiBrowserColumn  column)
{
  g_autofree Text *texts = g_new (Text, MAX (n_deck, 1));
  g_autoptr(GString) arena = NULL;
  g_autofree gsize *offsets = NULL;
  guint64 *keys = g_new (guint64, MAX (n_deck, 1));
  guint n_missing = 0, n = 0;

  /* The tags are joined into one block, then pointed into. */
  if (column == SHUATI_BROWSER_COLUMN_TAGS)
    {
      arena = g_string_sized_new (n_deck * 32);
      offsets = g_new (gsize, MAX (n_deck, 1));
      for (guint p = 0; p < n_deck; p++)
        {
          offsets[p] = arena->len;
          append_tags (arena, shuati_deck_get_card (deck, p));
          g_string_append_c (arena, '\0');
        }
    }

  /* Cards without the text come first, in the deck's order. */
  for (guint p = 0; p < n_deck; p++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, p);
      const char *text;

      if (arena != NULL)
        text = arena->str + offsets[p];
      else
        text = shuati_card_get_question (card, languages);
      if (text == NULL)
        keys[p] = n_missing++;
      else
        texts[n++] = (Text) { (const guchar *)text, p };
    }
  sort_texts (texts, n, 0);
  for (guint i = 0; i < n; i++)
    keys[texts[i].position] = n_missing + i;

  return keys;
}

/* Ranks every card of @deck by a text column. Card texts never change,
 * so this may run in any thread. */
static guint64 *
rank_column (ShuatiDeck          *deck,
             guint                n_deck,
             const char * const  *languages,
             ShuatiBrowserColumn  column)
{
  if (column == SHUATI_BROWSER_COLUMN_TOPIC)
    return rank_topics (deck, n_deck, languages);
  return rank_texts (deck, n_deck, languages, column);
}

static gpointer
rank_ahead (gpointer data)
{
  RankJob *job = data;

  for (guint i = 0; i < G_N_ELEMENTS (ranked_ahead); i++)
    job->keys[i] = rank_column (job->deck, job->n_deck, (const char * const *)job->languages, ranked_ahead[i]);
  return job;
}

/* Waits for the ranker, if one runs, and keeps what it made. */
static void
join_ranker (ShuatiBrowserRows *self)
{
  RankJob *job;

  if (self->ranker == NULL)
    return;
  job = g_thread_join (g_steal_pointer (&self->ranker));
  for (guint i = 0; i < G_N_ELEMENTS (ranked_ahead); i++)
    {
      if (self->keys[ranked_ahead[i]] == NULL)
        self->keys[ranked_ahead[i]] = job->keys[i];
      else
        g_free (job->keys[i]);
    }
  g_object_unref (job->deck);
  g_strfreev (job->languages);
  g_free (job);
}

/* The key of a card in a column that does not sort by text: each
 * column's from what it needs alone (most from the memory, by position). */
static inline guint64
key_at (ShuatiBrowserRows   *self,
        ShuatiBrowserColumn  column,
        guint                position)
{
  if (self->keys[column] == NULL)
    {
      if (shuati_browser_column_is_text (column))
        {
          join_ranker (self);
          if (self->keys[column] == NULL)
            self->keys[column] = rank_column (self->deck, self->n_deck,
                                              (const char * const *)self->languages, column);
          return self->keys[column][position];
        }
      self->keys[column] = g_new (guint64, MAX (self->n_deck, 1));
      self->known[column] = g_new0 (guint8, MAX (self->n_deck, 1));
    }
  else if (self->known[column] == NULL)
    return self->keys[column][position];

  if (!self->known[column][position])
    {
      ShuatiCard *card = shuati_deck_get_card (self->deck, position);

      self->keys[column][position] =
        double_key (shuati_browser_card_get_sort_key (card, self->progress, (const char * const *)self->languages,
                                                      self->now, column));
      self->known[column][position] = TRUE;
    }
  return self->keys[column][position];
}

/* Forgets the keys the progress gives of the card at @position, or of
 * all (G_MAXUINT). */
static void
forget_progress_keys (ShuatiBrowserRows *self,
                      guint              position)
{
  for (guint c = 0; c < SHUATI_BROWSER_N_COLUMNS; c++)
    if (self->known[c] != NULL)
      {
        if (position == G_MAXUINT)
          memset (self->known[c], 0, MAX (self->n_deck, 1));
        else
          self->known[c][position] = FALSE;
      }
}

/* Sorting ----------------------------------------------------------------- */

typedef struct
{
  guint64 key;
  guint   index;
} Keyed;

/* Sorts by key, equal keys keeping their order: a byte at a time from
 * the lowest, skipping the bytes every key shares. */
static void
radix_sort (Keyed *keyed,
            guint  n)
{
  g_autofree Keyed *buffer = g_new (Keyed, MAX (n, 1));
  Keyed *from = keyed, *to = buffer;

  for (guint shift = 0; shift < 64; shift += 8)
    {
      guint count[256] = { 0 };
      guint sum = 0;

      for (guint i = 0; i < n; i++)
        count[(from[i].key >> shift) & 0xff]++;
      if (n == 0 || count[(from[0].key >> shift) & 0xff] == n)
        continue;
      for (guint b = 0; b < 256; b++)
        {
          guint c = count[b];

          count[b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        to[count[(from[i].key >> shift) & 0xff]++] = from[i];
      {
        Keyed *t = from;

        from = to;
        to = t;
      }
    }
  if (from != keyed)
    memcpy (keyed, from, sizeof *keyed * n);
}

static guint
deck_position (ShuatiBrowserRows *self,
               ShuatiCard        *card)
{
  guint position = shuati_card_get_position (card);

  /* The cards are the progress's deck's: their positions index it. */
  g_return_val_if_fail (position < self->n_deck && shuati_deck_get_card (self->deck, position) == card, 0);
  return position;
}

/* The deck position of each card, read when first sorting. */
static void
ensure_positions (ShuatiBrowserRows *self)
{
  if (self->positions != NULL)
    return;
  self->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, i);
      guint at = deck_position (self, card);

      g_array_append_val (self->positions, at);
    }
}

/* Sorts card indices by the sort column's keys, read from the cache.
 * Descending flips the keys, so equal keys keep the cards' order either
 * way, and text ranks (which break ties by deck order) reverse. */
static void
sort_rows (ShuatiBrowserRows *self)
{
  guint n = self->rows->len;
  g_autofree Keyed *keyed = NULL;

  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->where, g_free);
  if (self->sort_column < 0)
    return;

  ensure_positions (self);
  self->order = g_new (guint, MAX (n, 1));
  self->where = g_new (guint, MAX (n, 1));
  keyed = g_new (Keyed, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint64 key = key_at (self, self->sort_column, g_array_index (self->positions, guint, i));

      keyed[i] = (Keyed) { self->descending ? ~key : key, i };
    }
  radix_sort (keyed, n);
  for (guint i = 0; i < n; i++)
    {
      self->order[i] = keyed[i].index;
      self->where[keyed[i].index] = i;
    }
}

/**
 * shuati_browser_rows_sort:
 * @column: the column to sort by, or -1 for the cards' order
 *
 * Sorts the rows as shuati_browser_row_compare() orders them (numbers
 * through shuati_browser_row_get_sort_key()), ascending or descending;
 * equal keys keep the cards' order. The rows follow changes of the
 * cards and of the progress in that order. Each card's keys are read
 * once and kept, so that sorting again only sorts numbers.
 */
void
shuati_browser_rows_sort (ShuatiBrowserRows *self,
                          int                column,
                          gboolean           descending)
{
  guint n;

  g_return_if_fail (SHUATI_IS_BROWSER_ROWS (self));
  g_return_if_fail (column < SHUATI_BROWSER_N_COLUMNS);

  column = MAX (column, -1);
  if (column == self->sort_column && !!descending == self->descending)
    return;
  self->sort_column = column;
  self->descending = !!descending;
  sort_rows (self);
  n = self->rows->len;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
}

static void
on_cards_changed (ShuatiBrowserRows *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *cards)
{
  guint before = self->rows->len;

  self->made_up_to = MIN (self->made_up_to, position);
  g_ptr_array_remove_range (self->rows, position, removed);
  if (added > 0)
    {
      /* Room for the added cards' rows in one move, made when asked for. */
      guint tail = self->rows->len - position;

      g_ptr_array_set_size (self->rows, self->rows->len + added);
      memmove (self->rows->pdata + position + added, self->rows->pdata + position, tail * sizeof (gpointer));
      memset (self->rows->pdata + position, 0, added * sizeof (gpointer));
    }
  if (self->positions != NULL)
    {
      g_autofree guint *at = g_new (guint, MAX (added, 1));

      g_array_remove_range (self->positions, position, removed);
      for (guint i = 0; i < added; i++)
        {
          g_autoptr(ShuatiCard) card = g_list_model_get_item (cards, position + i);

          at[i] = deck_position (self, card);
        }
      g_array_insert_vals (self->positions, position, at, added);
    }
  if (self->sort_column < 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  /* Sorted: the new cards can land anywhere. */
  sort_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->rows->len);
}

static void
shuati_browser_rows_dispose (GObject *object)
{
  ShuatiBrowserRows *self = (ShuatiBrowserRows *)object;

  join_ranker (self);
  if (self->cards != NULL)
    g_signal_handlers_disconnect_by_data (self->cards, self);
  g_clear_object (&self->cards);
  g_clear_object (&self->progress);
  g_clear_object (&self->deck);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (shuati_browser_rows_parent_class)->dispose (object);
}

static void
forget_keys (ShuatiBrowserRows *self)
{
  for (guint c = 0; c < SHUATI_BROWSER_N_COLUMNS; c++)
    {
      g_clear_pointer (&self->keys[c], g_free);
      g_clear_pointer (&self->known[c], g_free);
    }
}

static void
shuati_browser_rows_finalize (GObject *object)
{
  ShuatiBrowserRows *self = (ShuatiBrowserRows *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->where, g_free);
  forget_keys (self);

  G_OBJECT_CLASS (shuati_browser_rows_parent_class)->finalize (object);
}

static void
shuati_browser_rows_class_init (ShuatiBrowserRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_browser_rows_dispose;
  object_class->finalize = shuati_browser_rows_finalize;
}

static void
free_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
shuati_browser_rows_init (ShuatiBrowserRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (free_row);
  self->sort_column = -1;
}

/**
 * shuati_browser_rows_new:
 * @cards: cards of @progress's deck; the rows follow its changes
 *
 * Returns: (transfer full): the rows
 */
ShuatiBrowserRows *
shuati_browser_rows_new (GListModel         *cards,
                         ShuatiProgress     *progress,
                         const char * const *languages)
{
  ShuatiBrowserRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);

  self = g_object_new (SHUATI_TYPE_BROWSER_ROWS, NULL);
  self->cards = g_object_ref (cards);
  self->progress = g_object_ref (progress);
  self->deck = g_object_ref (shuati_progress_get_deck (progress));
  self->n_deck = shuati_deck_get_n_cards (self->deck);
  self->languages = g_strdupv ((char **)languages);
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  g_signal_connect_object (cards, "items-changed", G_CALLBACK (on_cards_changed), self, G_CONNECT_SWAPPED);
  on_cards_changed (self, 0, 0, g_list_model_get_n_items (cards), cards);

  return self;
}

/**
 * shuati_browser_rows_refresh:
 * @card_id: (nullable): the card whose progress changed, or %NULL for all
 *
 * Makes the rows of @card_id (or all) again from the progress, and reads
 * their keys again; the rows move if their place in the order changed.
 * For all of them, "now" moves on too.
 */
void
shuati_browser_rows_refresh (ShuatiBrowserRows *self,
                             const char        *card_id)
{
  ShuatiCard *card;
  guint position;

  g_return_if_fail (SHUATI_IS_BROWSER_ROWS (self));

  if (card_id == NULL)
    {
      for (guint i = 0; i < self->rows->len; i++)
        g_clear_object ((ShuatiBrowserRow **)&g_ptr_array_index (self->rows, i));
      self->made_up_to = 0;
      forget_progress_keys (self, G_MAXUINT);
      self->now = g_get_real_time () / G_USEC_PER_SEC;
      if (self->rows->len > 0)
        {
          sort_rows (self);
          g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
        }
      return;
    }

  card = shuati_deck_lookup_card (self->deck, card_id);
  if (card == NULL)
    return;
  position = shuati_card_get_position (card);
  ensure_positions (self);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->positions, guint, i) == position)
      {
        gboolean moves = FALSE;

        g_clear_object ((ShuatiBrowserRow **)&g_ptr_array_index (self->rows, i));
        self->made_up_to = MIN (self->made_up_to, i);
        if (self->sort_column >= 0 && !shuati_browser_column_is_text (self->sort_column))
          {
            guint64 old_key = key_at (self, self->sort_column, position);

            forget_progress_keys (self, position);
            moves = key_at (self, self->sort_column, position) != old_key;
          }
        else
          forget_progress_keys (self, position);

        if (moves)
          {
            /* Its key changed: its place may have too. */
            sort_rows (self);
            g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
          }
        else
          g_list_model_items_changed (G_LIST_MODEL (self), self->where ? self->where[i] : i, 1, 1);
        return;
      }
  /* Not among the cards shown: its keys are read again when needed. */
  forget_progress_keys (self, position);
}

/**
 * shuati_browser_rows_make_some:
 * @n: how many rows to make at most
 *
 * Makes up to @n of the rows not made yet, in the cards' order. After a
 * sort GTK's list view asks the model for every row, to find the rows it
 * showed; rows made ahead, while the learner looks at the list, make the
 * first sort as quick as the next ones.
 *
 * Returns: whether rows are left to make
 */
gboolean
shuati_browser_rows_make_some (ShuatiBrowserRows *self,
                               guint              n)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROWS (self), FALSE);

  for (; self->made_up_to < self->rows->len && n > 0; self->made_up_to++)
    if (g_ptr_array_index (self->rows, self->made_up_to) == NULL)
      {
        make_row (self, self->made_up_to);
        n--;
      }
  return self->made_up_to < self->rows->len;
}

/**
 * shuati_browser_rows_rank_ahead:
 *
 * Ranks the cards by question, by tags and by topic in a thread of its
 * own, for a deck large enough to make its first sort by them slow, so that sort
 * only orders numbers. Card texts never change, so the ranks stay right;
 * a sort that comes first waits for them.
 */
void
shuati_browser_rows_rank_ahead (ShuatiBrowserRows *self)
{
  RankJob *job;
  gboolean all_ranked = TRUE;

  g_return_if_fail (SHUATI_IS_BROWSER_ROWS (self));

  for (guint i = 0; i < G_N_ELEMENTS (ranked_ahead); i++)
    all_ranked = all_ranked && self->keys[ranked_ahead[i]] != NULL;
  if (self->ranker != NULL || self->n_deck < RANK_AHEAD_MIN_CARDS || all_ranked)
    return;

  job = g_new0 (RankJob, 1);
  job->deck = g_object_ref (self->deck);
  job->n_deck = self->n_deck;
  job->languages = g_strdupv (self->languages);
  self->ranker = g_thread_new ("shuati-browser-ranks", rank_ahead, job);
}
