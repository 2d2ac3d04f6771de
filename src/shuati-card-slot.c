/* shuati-card-slot.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-card-slot.h"

/* One place in a list of cards, whatever card stands there now: a list
 * whose cards change keeps its places, so the rows that show them stay
 * and only follow the card (see #ShuatiSlotSelection). */
struct _ShuatiCardSlot
{
  GObject     parent_instance;

  guint       position;
  ShuatiCard *card;
};

G_DEFINE_FINAL_TYPE (ShuatiCardSlot, shuati_card_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shuati_card_slot_dispose (GObject *object)
{
  ShuatiCardSlot *self = (ShuatiCardSlot *)object;

  g_clear_object (&self->card);

  G_OBJECT_CLASS (shuati_card_slot_parent_class)->dispose (object);
}

static void
shuati_card_slot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiCardSlot *self = SHUATI_CARD_SLOT (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_slot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiCardSlot *self = SHUATI_CARD_SLOT (object);

  switch (prop_id)
    {
    case PROP_CARD:
      shuati_card_slot_set_card (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_slot_class_init (ShuatiCardSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_card_slot_dispose;
  object_class->get_property = shuati_card_slot_get_property;
  object_class->set_property = shuati_card_slot_set_property;

  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL,
                         SHUATI_TYPE_CARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_card_slot_init (ShuatiCardSlot *self)
{
}

/**
 * shuati_card_slot_new:
 * @position: the place in the list
 * @card: (nullable): the card standing there
 *
 * Returns: (transfer full): a new slot
 */
ShuatiCardSlot *
shuati_card_slot_new (guint       position,
                      ShuatiCard *card)
{
  ShuatiCardSlot *self;

  g_return_val_if_fail (card == NULL || SHUATI_IS_CARD (card), NULL);

  self = g_object_new (SHUATI_TYPE_CARD_SLOT, "card", card, NULL);
  self->position = position;
  return self;
}

/**
 * shuati_card_slot_get_position:
 *
 * Returns: the place in the list, which never changes
 */
guint
shuati_card_slot_get_position (ShuatiCardSlot *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_SLOT (self), 0);
  return self->position;
}

/**
 * shuati_card_slot_get_card:
 *
 * Returns: (transfer none) (nullable): the card standing in the slot
 */
ShuatiCard *
shuati_card_slot_get_card (ShuatiCardSlot *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_SLOT (self), NULL);
  return self->card;
}

/**
 * shuati_card_slot_set_card:
 * @card: (nullable): the card standing in the slot from now on
 */
void
shuati_card_slot_set_card (ShuatiCardSlot *self,
                           ShuatiCard     *card)
{
  g_return_if_fail (SHUATI_IS_CARD_SLOT (self));
  g_return_if_fail (card == NULL || SHUATI_IS_CARD (card));

  if (g_set_object (&self->card, card))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}
