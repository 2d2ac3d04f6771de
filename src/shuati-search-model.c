/* shuati-search-model.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-card.h"
#include "shuati-search-model.h"

/* The cards of a model that a #ShuatiCardFilter keeps, like a
 * GtkFilterListModel, but answered by the deck's search index: a
 * keystroke costs what the index does plus one pass over a bit per card,
 * never a call per card, and the change is told as one items-changed
 * over the stretch that differs. Without an index, or for cards changed
 * since it was built, the filter's own match decides. */
struct _ShuatiSearchModel
{
  GObject            parent_instance;

  GListModel        *model;
  ShuatiCardFilter  *filter;
  ShuatiSearchIndex *index;     /* (nullable) (unowned): belongs to the model's deck */
  ShuatiSearchRun   *run;
  guint64           *stale;     /* (nullable) cards changed since the index was built */
  GArray            *positions; /* (element-type guint32) the kept cards, in order */
};

static void shuati_search_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiSearchModel, shuati_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, shuati_search_model_list_model_init))

static GType
shuati_search_model_get_item_type (GListModel *list)
{
  return SHUATI_TYPE_CARD;
}

static guint
shuati_search_model_get_n_items (GListModel *list)
{
  ShuatiSearchModel *self = SHUATI_SEARCH_MODEL (list);

  return self->positions->len;
}

static gpointer
shuati_search_model_get_item (GListModel *list,
                              guint       position)
{
  ShuatiSearchModel *self = SHUATI_SEARCH_MODEL (list);

  if (position >= self->positions->len || self->model == NULL)
    return NULL;
  return g_list_model_get_item (self->model, g_array_index (self->positions, guint32, position));
}

static void
shuati_search_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shuati_search_model_get_item_type;
  iface->get_n_items = shuati_search_model_get_n_items;
  iface->get_item = shuati_search_model_get_item;
}

static gboolean
filter_keeps (ShuatiSearchModel *self,
              guint              position)
{
  g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

  return item != NULL && gtk_filter_match (GTK_FILTER (self->filter), item);
}

/* Which cards of the base model stayed: all, when only the filter
 * changed; else those before @from and those after the @removed ones,
 * which moved by @added - @removed. */
typedef struct
{
  gboolean changed;
  guint    from;
  guint    removed;
  guint    added;
} BaseChange;

static inline gboolean
same_card (const BaseChange *change,
           guint32           old_position,
           guint32           new_position)
{
  if (!change->changed)
    return old_position == new_position;
  if (old_position < change->from)
    return old_position == new_position;
  if (old_position >= change->from + change->removed)
    return (gint64)new_position == (gint64)old_position + change->added - change->removed;
  return FALSE;
}

static void
refilter (ShuatiSearchModel *self,
          gboolean           narrows,
          const BaseChange  *change)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint old_len = self->positions->len;
  guint prefix = 0;
  guint suffix = 0;

  if (self->run != NULL)
    {
      ShuatiQueryContext context;
      const guint64 *found;
      gboolean choice = shuati_card_filter_has_choice (self->filter);
      guint n_words = (n + 63) / 64;
      guint n_kept = 0;
      guint32 *out;

      shuati_card_filter_get_context (self->filter, &context);
      found = shuati_search_run_find (self->run, shuati_card_filter_get_query (self->filter),
                                      &context, narrows);

      /* Room for every card found, written in place: a keystroke that
       * keeps most of 100,000 cards appends no element one at a time. */
      for (guint w = 0; w < n_words; w++)
        n_kept += __builtin_popcountll (found[w] | (self->stale != NULL ? self->stale[w] : 0));
      g_array_set_size (positions, n_kept);
      out = (guint32 *)(void *)positions->data;
      n_kept = 0;
      for (guint w = 0; w < n_words; w++)
        {
          guint64 bits = found[w];

          if (self->stale != NULL && self->stale[w] != 0)
            {
              bits &= ~self->stale[w];
              for (guint64 s = self->stale[w]; s != 0; s &= s - 1)
                {
                  guint i = w * 64 + __builtin_ctzll (s);

                  if (filter_keeps (self, i))
                    bits |= G_GUINT64_CONSTANT (1) << (i % 64);
                }
            }
          while (bits != 0)
            {
              guint32 i = w * 64 + __builtin_ctzll (bits);

              bits &= bits - 1;
              if (choice)
                {
                  g_autoptr(ShuatiCard) card = g_list_model_get_item (self->model, i);

                  if (!shuati_card_filter_match_choice (self->filter, card))
                    continue;
                }
              out[n_kept++] = i;
            }
        }
      g_array_set_size (positions, n_kept);
    }
  else
    for (guint32 i = 0; i < n; i++)
      if (filter_keeps (self, i))
        g_array_append_val (positions, i);

  /* Tell only the stretch that differs. */
  while (prefix < old_len && prefix < positions->len &&
         same_card (change, g_array_index (self->positions, guint32, prefix),
                    g_array_index (positions, guint32, prefix)))
    prefix++;
  while (suffix < old_len - prefix && suffix < positions->len - prefix &&
         same_card (change, g_array_index (self->positions, guint32, old_len - 1 - suffix),
                    g_array_index (positions, guint32, positions->len - 1 - suffix)))
    suffix++;

  g_array_unref (self->positions);
  self->positions = g_steal_pointer (&positions);
  if (prefix + suffix < MAX (old_len, self->positions->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_len - prefix - suffix,
                                self->positions->len - prefix - suffix);
}

static void
filter_changed_cb (ShuatiSearchModel *self,
                   GtkFilterChange    change,
                   GtkFilter         *filter)
{
  const BaseChange same = { FALSE, 0, 0, 0 };

  refilter (self, change == GTK_FILTER_CHANGE_MORE_STRICT, &same);
}

static void
drop_index (ShuatiSearchModel *self)
{
  g_clear_pointer (&self->run, shuati_search_run_free);
  g_clear_pointer (&self->stale, g_free);
  self->index = NULL;
}

static void
model_items_changed_cb (ShuatiSearchModel *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *model)
{
  if (self->run != NULL && removed == added)
    {
      /* Cards replaced in place: the index no longer knows their text. */
      if (self->stale == NULL)
        self->stale = g_new0 (guint64, (shuati_search_index_get_n_cards (self->index) + 63) / 64);
      for (guint i = position; i < position + added; i++)
        self->stale[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
  else if (self->run != NULL)
    drop_index (self);
  refilter (self, FALSE, &(BaseChange) { TRUE, position, removed, added });
}

static void
shuati_search_model_dispose (GObject *object)
{
  ShuatiSearchModel *self = (ShuatiSearchModel *)object;

  drop_index (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (shuati_search_model_parent_class)->dispose (object);
}

static void
shuati_search_model_finalize (GObject *object)
{
  ShuatiSearchModel *self = (ShuatiSearchModel *)object;

  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (shuati_search_model_parent_class)->finalize (object);
}

static void
shuati_search_model_class_init (ShuatiSearchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_search_model_dispose;
  object_class->finalize = shuati_search_model_finalize;
}

static void
shuati_search_model_init (ShuatiSearchModel *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/**
 * shuati_search_model_new:
 * @filter: (transfer full): what decides which cards are kept
 *
 * Returns: (transfer full): a model with no cards until
 *   shuati_search_model_set_model()
 */
ShuatiSearchModel *
shuati_search_model_new (ShuatiCardFilter *filter)
{
  ShuatiSearchModel *self;

  g_return_val_if_fail (SHUATI_IS_CARD_FILTER (filter), NULL);

  self = g_object_new (SHUATI_TYPE_SEARCH_MODEL, NULL);
  self->filter = filter;
  g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * shuati_search_model_set_model:
 * @model: (nullable): the cards, a #GListModel of #ShuatiCard
 * @index: (nullable): an index built from exactly these cards, which
 *   lives as long as @model
 */
void
shuati_search_model_set_model (ShuatiSearchModel *self,
                               GListModel        *model,
                               ShuatiSearchIndex *index)
{
  g_return_if_fail (SHUATI_IS_SEARCH_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  guint old_n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  drop_index (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      if (index != NULL && shuati_search_index_get_n_cards (index) == g_list_model_get_n_items (model))
        {
          self->index = index;
          self->run = shuati_search_run_new (index, model);
        }
    }
  /* Another model: none of its cards is one shown before. */
  refilter (self, FALSE, &(BaseChange) { TRUE, 0, old_n, model != NULL ? g_list_model_get_n_items (model) : 0 });
}

/**
 * shuati_search_model_get_model:
 *
 * Returns: (transfer none) (nullable): the cards filtered
 */
GListModel *
shuati_search_model_get_model (ShuatiSearchModel *self)
{
  g_return_val_if_fail (SHUATI_IS_SEARCH_MODEL (self), NULL);
  return self->model;
}

/**
 * shuati_search_model_set_index:
 * @index: an index built from exactly the cards of the model, which
 *   lives as long as it, once it is ready
 *
 * Searches through @index from now on. The cards kept do not change:
 * the index finds what the filter finds.
 *
 * Returns: whether @index is used: not if the model has another number
 *   of cards, or changed since it was set
 */
gboolean
shuati_search_model_set_index (ShuatiSearchModel *self,
                               ShuatiSearchIndex *index)
{
  g_return_val_if_fail (SHUATI_IS_SEARCH_MODEL (self), FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  if (self->index == index)
    return TRUE;
  if (self->model == NULL || self->run != NULL ||
      shuati_search_index_get_n_cards (index) != g_list_model_get_n_items (self->model))
    return FALSE;
  self->index = index;
  self->run = shuati_search_run_new (index, self->model);
  return TRUE;
}

/**
 * shuati_search_model_get_uses_index:
 *
 * Returns: whether searching goes through an index
 */
gboolean
shuati_search_model_get_uses_index (ShuatiSearchModel *self)
{
  g_return_val_if_fail (SHUATI_IS_SEARCH_MODEL (self), FALSE);
  return self->run != NULL;
}
