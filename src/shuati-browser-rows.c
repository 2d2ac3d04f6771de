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

#include "shuati-browser-rows.h"

struct _ShuatiBrowserRows
{
  GObject         parent_instance;

  GListModel     *cards;
  ShuatiProgress *progress;
  GStrv           languages;
  GPtrArray      *rows;       /* ShuatiBrowserRow or NULL, one per card */
  int             sort_column; /* -1: the cards' order */
  gboolean        descending;
  guint          *order;      /* card index of each shown position, when sorted */
  guint          *where;      /* shown position of each card index, when sorted */
  double         *keys;       /* sort key of each card index, when sorted */
};

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
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, position);

      row = shuati_browser_row_new (card, self->progress, (const char * const *)self->languages,
                                    g_get_real_time () / G_USEC_PER_SEC);
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

typedef struct
{
  ShuatiBrowserColumn  column;
  ShuatiCard         **cards;
  const char         **texts;
} TextOrder;

static int
compare_text (const void *a,
              const void *b,
              void       *data)
{
  TextOrder *order = data;
  guint i = *(const guint *)a;
  guint j = *(const guint *)b;

  return shuati_browser_card_compare_text (order->cards[i], order->texts[i],
                                           order->cards[j], order->texts[j], order->column);
}

typedef struct
{
  double key;
  guint  index;
} Keyed;

static int
compare_keys (const void *a,
              const void *b,
              void       *data)
{
  const Keyed *x = a;
  const Keyed *y = b;
  int c = (x->key > y->key) - (x->key < y->key);

  /* Equal keys keep the cards' order, whichever the direction. */
  if (GPOINTER_TO_INT (data))
    c = -c;
  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* Reads every card's key for the sort column and sorts card indices by
 * them; text columns turn into ranks first. */
static void
sort_rows (ShuatiBrowserRows *self)
{
  guint n = self->rows->len;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->keys, g_free);
  if (self->sort_column < 0)
    return;

  self->order = g_new (guint, MAX (n, 1));
  self->where = g_new (guint, MAX (n, 1));
  self->keys = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->order[i] = i;

  if (shuati_browser_column_is_text (self->sort_column))
    {
      TextOrder text = { self->sort_column, g_new (ShuatiCard *, MAX (n, 1)), g_new (const char *, MAX (n, 1)) };

      for (guint i = 0; i < n; i++)
        {
          /* The list holds the cards: a borrowed pointer stays valid. */
          g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, i);

          text.cards[i] = card;
          text.texts[i] = shuati_browser_card_get_text (card, self->progress,
                                                        (const char * const *)self->languages,
                                                        self->sort_column);
        }
      g_qsort_with_data (self->order, n, sizeof (guint), compare_text, &text);
      for (guint i = 0; i < n; i++)
        self->keys[self->order[i]] = i;
      g_free (text.cards);
      g_free (text.texts);
    }
  else
    for (guint i = 0; i < n; i++)
      {
        ShuatiBrowserRow *row = g_ptr_array_index (self->rows, i);

        if (row != NULL)
          self->keys[i] = shuati_browser_row_get_sort_key (row, self->sort_column);
        else
          {
            g_autoptr(ShuatiCard) card = g_list_model_get_item (self->cards, i);

            self->keys[i] = shuati_browser_card_get_sort_key (card, self->progress,
                                                              (const char * const *)self->languages,
                                                              now, self->sort_column);
          }
      }

  {
    /* Keys next to their indices: comparisons read no other memory. */
    g_autofree Keyed *keyed = g_new (Keyed, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      keyed[i] = (Keyed) { self->keys[i], i };
    g_qsort_with_data (keyed, n, sizeof (Keyed), compare_keys, GINT_TO_POINTER (self->descending));
    for (guint i = 0; i < n; i++)
      {
        self->order[i] = keyed[i].index;
        self->where[keyed[i].index] = i;
      }
  }
}

/**
 * shuati_browser_rows_sort:
 * @column: the column to sort by, or -1 for the cards' order
 *
 * Sorts the rows as shuati_browser_row_compare() orders them (numbers
 * through shuati_browser_row_get_sort_key()), ascending or descending;
 * equal keys keep the cards' order. The rows follow changes of the
 * cards and of the progress in that order.
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

  g_ptr_array_remove_range (self->rows, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->rows, position, NULL);
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

  if (self->cards != NULL)
    g_signal_handlers_disconnect_by_data (self->cards, self);
  g_clear_object (&self->cards);
  g_clear_object (&self->progress);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (shuati_browser_rows_parent_class)->dispose (object);
}

static void
shuati_browser_rows_finalize (GObject *object)
{
  ShuatiBrowserRows *self = (ShuatiBrowserRows *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->keys, g_free);

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
  self->languages = g_strdupv ((char **)languages);
  g_ptr_array_set_size (self->rows, g_list_model_get_n_items (cards));
  g_signal_connect_object (cards, "items-changed", G_CALLBACK (on_cards_changed), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * shuati_browser_rows_refresh:
 * @card_id: (nullable): the card whose progress changed, or %NULL for all
 *
 * Makes the rows of @card_id (or all) again from the progress.
 */
void
shuati_browser_rows_refresh (ShuatiBrowserRows *self,
                             const char        *card_id)
{
  g_return_if_fail (SHUATI_IS_BROWSER_ROWS (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autoptr(ShuatiCard) card = NULL;

      if (card_id == NULL)
        {
          g_clear_object ((ShuatiBrowserRow **)&g_ptr_array_index (self->rows, i));
          continue;
        }

      card = g_list_model_get_item (self->cards, i);
      if (g_str_equal (shuati_card_get_id (card), card_id))
        {
          g_clear_object ((ShuatiBrowserRow **)&g_ptr_array_index (self->rows, i));
          if (self->sort_column >= 0 && !shuati_browser_column_is_text (self->sort_column) &&
              shuati_browser_card_get_sort_key (card, self->progress, (const char * const *)self->languages,
                                                g_get_real_time () / G_USEC_PER_SEC,
                                                self->sort_column) != self->keys[i])
            {
              /* Its key changed: its place may have too. */
              sort_rows (self);
              g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
              return;
            }
          g_list_model_items_changed (G_LIST_MODEL (self), self->where ? self->where[i] : i, 1, 1);
          return;
        }
    }
  if (card_id == NULL && self->rows->len > 0)
    {
      sort_rows (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
    }
}
