/* shuati-card-slot.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-card.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_CARD_SLOT (shuati_card_slot_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCardSlot, shuati_card_slot, SHUATI, CARD_SLOT, GObject)

ShuatiCardSlot *shuati_card_slot_new          (guint           position,
                                               ShuatiCard     *card);
guint           shuati_card_slot_get_position (ShuatiCardSlot *self);
ShuatiCard     *shuati_card_slot_get_card     (ShuatiCardSlot *self);
void            shuati_card_slot_set_card     (ShuatiCardSlot *self,
                                               ShuatiCard     *card);

G_END_DECLS
