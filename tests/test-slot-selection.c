/* test-slot-selection.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "shuati-slot-selection.h"
#include "shuati-test-utils.h"

/* Five cards in a store, selected through a GtkSingleSelection, seen as
 * slots; every signal of the slots is written down. */
typedef struct
{
  GListStore          *store;
  GtkSingleSelection  *selection;
  ShuatiSlotSelection *slots;
  ShuatiCard          *cards[6];
  GArray              *changes;      /* (element-type guint) position, removed, added */
  GArray              *selections;   /* (element-type guint) position, n_items */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_array_append_vals (f->changes, (guint[]) { position, removed, added }, 3);
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Fixture           *f)
{
  g_array_append_vals (f->selections, (guint[]) { position, n_items }, 2);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->store = g_list_store_new (SHUATI_TYPE_CARD);
  for (guint i = 0; i < G_N_ELEMENTS (f->cards); i++)
    {
      g_autofree char *id = g_strdup_printf ("card-%u", i);

      f->cards[i] = shuati_test_card_new ("deck", id, i + 1);
      if (i < 5)
        g_list_store_append (f->store, f->cards[i]);
    }
  f->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (f->store)));
  gtk_single_selection_set_autoselect (f->selection, FALSE);
  gtk_single_selection_set_can_unselect (f->selection, TRUE);
  f->slots = shuati_slot_selection_new (g_object_ref (GTK_SELECTION_MODEL (f->selection)));
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->selections = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->slots, "selection-changed", G_CALLBACK (on_selection_changed), f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_assert_finalize_object (f->slots);
  g_assert_finalize_object (f->selection);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (f->cards); i++)
    g_assert_finalize_object (f->cards[i]);
  g_array_unref (f->changes);
  g_array_unref (f->selections);
}

static ShuatiCardSlot *
get_slot (Fixture *f,
          guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (f->slots), position);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_slots_stay (Fixture       *f,
                 gconstpointer  data)
{
  ShuatiCardSlot *slots[5];
  guint notified[5] = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->slots)) == SHUATI_TYPE_CARD_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      slots[i] = get_slot (f, i);
      g_assert_true (shuati_card_slot_get_card (slots[i]) == f->cards[i]);
      g_assert_cmpuint (shuati_card_slot_get_position (slots[i]), ==, i);
      g_signal_connect (slots[i], "notify::card", G_CALLBACK (count_notify), &notified[i]);
    }
  /* Asked again, a place gives the same slot while someone holds it. */
  {
    g_autoptr(ShuatiCardSlot) again = get_slot (f, 2);

    g_assert_true (again == slots[2]);
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->slots), 5));

  /* The second card goes: the list is told it lost its last place, and
   * the cards after it move up one slot. */
  g_list_store_remove (f->store, 1);
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 4);
  g_assert_true (shuati_card_slot_get_card (slots[0]) == f->cards[0]);
  g_assert_true (shuati_card_slot_get_card (slots[1]) == f->cards[2]);
  g_assert_true (shuati_card_slot_get_card (slots[3]) == f->cards[4]);
  g_assert_cmpuint (notified[0], ==, 0);
  g_assert_cmpuint (notified[1], ==, 1);
  g_assert_cmpuint (notified[3], ==, 1);
  /* The slot of the place that went is no longer the list's. */
  g_assert_cmpuint (notified[4], ==, 0);
  {
    g_autoptr(ShuatiCardSlot) again = get_slot (f, 3);

    g_assert_true (again == slots[3]);
  }

  /* A card in front: one more place at the end, every card moves down. */
  g_array_set_size (f->changes, 0);
  g_list_store_insert (f->store, 0, f->cards[5]);
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 4);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 1);
  g_assert_true (shuati_card_slot_get_card (slots[0]) == f->cards[5]);
  g_assert_true (shuati_card_slot_get_card (slots[1]) == f->cards[0]);
  {
    g_autoptr(ShuatiCardSlot) last = get_slot (f, 4);

    g_assert_true (last != slots[4]);
    g_assert_true (shuati_card_slot_get_card (last) == f->cards[4]);
  }

  /* A card replaced in place: the list hears nothing, the slot changes. */
  g_array_set_size (f->changes, 0);
  g_list_store_splice (f->store, 2, 1, (gpointer *)&f->cards[1], 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (shuati_card_slot_get_card (slots[2]) == f->cards[1]);
  g_assert_true (shuati_card_slot_get_card (slots[3]) == f->cards[3]);

  for (guint i = 0; i < 5; i++)
    g_object_unref (slots[i]);
}

static void
test_empty_and_back (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ShuatiCardSlot) first = get_slot (f, 0);

  g_list_store_remove_all (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, 5);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->slots), 0));

  g_list_store_append (f->store, f->cards[3]);
  g_assert_cmpuint (f->changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (f->changes, guint, 3), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, guint, 5), ==, 1);
  {
    g_autoptr(ShuatiCardSlot) again = get_slot (f, 0);

    g_assert_true (again != first);
    g_assert_true (shuati_card_slot_get_card (again) == f->cards[3]);
  }
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  GtkSelectionModel *slots = GTK_SELECTION_MODEL (f->slots);

  /* Choices made on the slots are the card selection's. */
  g_assert_true (gtk_selection_model_select_item (slots, 3, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, 3);
  g_assert_true (gtk_selection_model_is_selected (slots, 3));
  g_assert_false (gtk_selection_model_is_selected (slots, 2));
  g_assert_cmpuint (f->selections->len, >=, 2);

  /* A card before it goes: the selected card stays selected, one place
   * up, and the places whose card changed are told to look again. */
  g_array_set_size (f->selections, 0);
  g_list_store_remove (f->store, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, 2);
  g_assert_true (gtk_selection_model_is_selected (slots, 2));
  g_assert_false (gtk_selection_model_is_selected (slots, 3));
  g_assert_cmpuint (f->selections->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->selections, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->selections, guint, 1), ==, 4);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (slots);

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
    g_assert_true (gtk_bitset_contains (selected, 2));
  }

  /* The selected card goes: nothing is selected. */
  g_list_store_remove (f->store, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->slots)); i++)
    g_assert_false (gtk_selection_model_is_selected (slots, i));

  g_assert_true (gtk_selection_model_select_item (slots, 0, TRUE));
  g_assert_true (gtk_selection_model_unselect_item (slots, 0));
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, GTK_INVALID_LIST_POSITION);
  /* A single selection takes no more than one. */
  g_assert_false (gtk_selection_model_select_all (slots));
}

/* A slot someone still holds outlives its list without harm. */
static void
test_slot_outlives (void)
{
  g_autoptr(GListStore) store = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(ShuatiCard) card = shuati_test_card_new ("deck", "a", 1);
  GtkSingleSelection *selection;
  ShuatiSlotSelection *slots;
  ShuatiCardSlot *slot;

  g_list_store_append (store, card);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (store)));
  slots = shuati_slot_selection_new (GTK_SELECTION_MODEL (selection));
  slot = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (shuati_slot_selection_get_model (slots) == GTK_SELECTION_MODEL (selection));

  g_assert_finalize_object (slots);
  g_assert_true (shuati_card_slot_get_card (slot) == card);
  shuati_card_slot_set_card (slot, NULL);
  g_assert_null (shuati_card_slot_get_card (slot));
  g_assert_finalize_object (slot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shuati/slot-selection/slots-stay", Fixture, NULL, setup, test_slots_stay, teardown);
  g_test_add ("/shuati/slot-selection/empty-and-back", Fixture, NULL, setup, test_empty_and_back, teardown);
  g_test_add ("/shuati/slot-selection/selection", Fixture, NULL, setup, test_selection, teardown);
  g_test_add_func ("/shuati/slot-selection/slot-outlives", test_slot_outlives);

  return g_test_run ();
}
