/* shuati-slot-selection.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-slot-selection.h"

/* A selection of cards seen as a list of places (#ShuatiCardSlot): the
 * slot at a position stays the same object while the card standing in
 * it changes, so a search that changes which cards show tells the list
 * only that it grew or shrank at its end. GTK 4.8's list view makes a new
 * row, template, style and text layout, for every item it is told
 * changed, a couple of hundred per keystroke in a large deck; with slots
 * it keeps its rows and each one follows its slot's card by a binding.
 *
 * The selection and every change to it go through @model, which keeps
 * its own rules (a selected card that stays in the list stays selected
 * at its new position). */
struct _ShuatiSlotSelection
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  GPtrArray         *slots;   /* (element-type ShuatiCardSlot) (nullable) (unowned): weak */
  guint              n_items;
};

static void shuati_slot_selection_list_model_init (GListModelInterface *iface);
static void shuati_slot_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiSlotSelection, shuati_slot_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, shuati_slot_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, shuati_slot_selection_selection_model_init))

/* Nobody shows the slot any more: it goes, and the next request for its
 * place makes a new one. */
static void
slot_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  ShuatiSlotSelection *self = data;
  guint position = shuati_card_slot_get_position (SHUATI_CARD_SLOT (where_the_object_was));

  if (position < self->slots->len && g_ptr_array_index (self->slots, position) == (gpointer)where_the_object_was)
    g_ptr_array_index (self->slots, position) = NULL;
}

static void
forget_slot (ShuatiSlotSelection *self,
             guint                position)
{
  GObject *slot = g_ptr_array_index (self->slots, position);

  if (slot != NULL)
    {
      g_object_weak_unref (slot, slot_finalized_cb, self);
      g_ptr_array_index (self->slots, position) = NULL;
    }
}

static GType
shuati_slot_selection_get_item_type (GListModel *list)
{
  return SHUATI_TYPE_CARD_SLOT;
}

static guint
shuati_slot_selection_get_n_items (GListModel *list)
{
  ShuatiSlotSelection *self = SHUATI_SLOT_SELECTION (list);

  return self->n_items;
}

static gpointer
shuati_slot_selection_get_item (GListModel *list,
                                guint       position)
{
  ShuatiSlotSelection *self = SHUATI_SLOT_SELECTION (list);
  g_autoptr(ShuatiCard) card = NULL;
  ShuatiCardSlot *slot;

  if (position >= self->n_items)
    return NULL;
  if (position < self->slots->len && (slot = g_ptr_array_index (self->slots, position)) != NULL)
    return g_object_ref (slot);

  card = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  slot = shuati_card_slot_new (position, card);
  if (position >= self->slots->len)
    g_ptr_array_set_size (self->slots, position + 1);
  g_ptr_array_index (self->slots, position) = slot;
  g_object_weak_ref (G_OBJECT (slot), slot_finalized_cb, self);
  return slot;
}

static void
shuati_slot_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = shuati_slot_selection_get_item_type;
  iface->get_n_items = shuati_slot_selection_get_n_items;
  iface->get_item = shuati_slot_selection_get_item;
}

static gboolean
shuati_slot_selection_is_selected (GtkSelectionModel *model,
                                   guint              position)
{
  return gtk_selection_model_is_selected (SHUATI_SLOT_SELECTION (model)->model, position);
}

static GtkBitset *
shuati_slot_selection_get_selection_in_range (GtkSelectionModel *model,
                                              guint              position,
                                              guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (SHUATI_SLOT_SELECTION (model)->model, position, n_items);
}

static gboolean
shuati_slot_selection_select_item (GtkSelectionModel *model,
                                   guint              position,
                                   gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (SHUATI_SLOT_SELECTION (model)->model, position, unselect_rest);
}

static gboolean
shuati_slot_selection_unselect_item (GtkSelectionModel *model,
                                     guint              position)
{
  return gtk_selection_model_unselect_item (SHUATI_SLOT_SELECTION (model)->model, position);
}

static gboolean
shuati_slot_selection_select_range (GtkSelectionModel *model,
                                    guint              position,
                                    guint              n_items,
                                    gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (SHUATI_SLOT_SELECTION (model)->model, position, n_items, unselect_rest);
}

static gboolean
shuati_slot_selection_unselect_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  return gtk_selection_model_unselect_range (SHUATI_SLOT_SELECTION (model)->model, position, n_items);
}

static gboolean
shuati_slot_selection_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (SHUATI_SLOT_SELECTION (model)->model);
}

static gboolean
shuati_slot_selection_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (SHUATI_SLOT_SELECTION (model)->model);
}

static gboolean
shuati_slot_selection_set_selection (GtkSelectionModel *model,
                                     GtkBitset         *selected,
                                     GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (SHUATI_SLOT_SELECTION (model)->model, selected, mask);
}

static void
shuati_slot_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = shuati_slot_selection_is_selected;
  iface->get_selection_in_range = shuati_slot_selection_get_selection_in_range;
  iface->select_item = shuati_slot_selection_select_item;
  iface->unselect_item = shuati_slot_selection_unselect_item;
  iface->select_range = shuati_slot_selection_select_range;
  iface->unselect_range = shuati_slot_selection_unselect_range;
  iface->select_all = shuati_slot_selection_select_all;
  iface->unselect_all = shuati_slot_selection_unselect_all;
  iface->set_selection = shuati_slot_selection_set_selection;
}

static void
model_items_changed_cb (ShuatiSlotSelection *self,
                        guint                position,
                        guint                removed,
                        guint                added,
                        GListModel          *model)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (model);
  /* Past a replacement in place nothing moved; else every card after
   * @position moved to another place. */
  guint end = removed == added ? position + added : new_n;
  guint kept = MIN (old_n, new_n);

  for (guint i = new_n; i < self->slots->len; i++)
    forget_slot (self, i);
  if (self->slots->len > new_n)
    g_ptr_array_set_size (self->slots, new_n);

  for (guint i = position; i < MIN (end, self->slots->len); i++)
    {
      ShuatiCardSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        {
          g_autoptr(ShuatiCard) card = g_list_model_get_item (model, i);

          shuati_card_slot_set_card (slot, card);
        }
    }

  self->n_items = new_n;
  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, new_n - kept);
  /* The selection followed its card, or was dropped, without a signal of
   * its own: the kept places whose card changed may have changed state. */
  if (position < MIN (end, kept))
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, MIN (end, kept) - position);
}

static void
model_selection_changed_cb (ShuatiSlotSelection *self,
                            guint                position,
                            guint                n_items,
                            GtkSelectionModel   *model)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static void
shuati_slot_selection_dispose (GObject *object)
{
  ShuatiSlotSelection *self = (ShuatiSlotSelection *)object;

  for (guint i = 0; i < self->slots->len; i++)
    forget_slot (self, i);
  g_ptr_array_set_size (self->slots, 0);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }

  G_OBJECT_CLASS (shuati_slot_selection_parent_class)->dispose (object);
}

static void
shuati_slot_selection_finalize (GObject *object)
{
  ShuatiSlotSelection *self = (ShuatiSlotSelection *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (shuati_slot_selection_parent_class)->finalize (object);
}

static void
shuati_slot_selection_class_init (ShuatiSlotSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_slot_selection_dispose;
  object_class->finalize = shuati_slot_selection_finalize;
}

static void
shuati_slot_selection_init (ShuatiSlotSelection *self)
{
  self->slots = g_ptr_array_new ();
}

/**
 * shuati_slot_selection_new:
 * @model: (transfer full): a selection of #ShuatiCard
 *
 * Returns: (transfer full): the same selection, as slots
 */
ShuatiSlotSelection *
shuati_slot_selection_new (GtkSelectionModel *model)
{
  ShuatiSlotSelection *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (SHUATI_TYPE_SLOT_SELECTION, NULL);
  self->model = model;
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "selection-changed", G_CALLBACK (model_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * shuati_slot_selection_get_model:
 *
 * Returns: (transfer none): the selection of cards
 */
GtkSelectionModel *
shuati_slot_selection_get_model (ShuatiSlotSelection *self)
{
  g_return_val_if_fail (SHUATI_IS_SLOT_SELECTION (self), NULL);
  return self->model;
}
