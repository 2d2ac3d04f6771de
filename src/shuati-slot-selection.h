/* shuati-slot-selection.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-card-slot.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SLOT_SELECTION (shuati_slot_selection_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSlotSelection, shuati_slot_selection, SHUATI, SLOT_SELECTION, GObject)

ShuatiSlotSelection *shuati_slot_selection_new       (GtkSelectionModel   *model);
GtkSelectionModel   *shuati_slot_selection_get_model (ShuatiSlotSelection *self);

G_END_DECLS
