/* shuati-browser-rows.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card browser's rows, one per card of a list of cards, made when
 * first asked for and kept: opening the browser on 100,000 cards makes
 * only the rows on screen; sorting makes the rest, once.
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

static void
on_cards_changed (ShuatiBrowserRows *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *cards)
{
  g_ptr_array_remove_range (self->rows, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->rows, position, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
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
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return;
        }
    }
  if (card_id == NULL && self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
}
