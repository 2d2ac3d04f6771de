/* shuati-card-row.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-card.h"
#include "shuati-search.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_CARD_ROW (shuati_card_row_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCardRow, shuati_card_row, SHUATI, CARD_ROW, GtkWidget)

GtkWidget  *shuati_card_row_new           (void);
ShuatiCard *shuati_card_row_get_card      (ShuatiCardRow      *self);
void        shuati_card_row_set_card      (ShuatiCardRow      *self,
                                           ShuatiCard         *card);
void        shuati_card_row_set_languages (ShuatiCardRow      *self,
                                           const char * const *languages);
void        shuati_card_row_set_query     (ShuatiCardRow      *self,
                                           ShuatiQuery        *query);
const char *shuati_card_row_get_title     (ShuatiCardRow      *self);
const char *shuati_card_row_get_snippet   (ShuatiCardRow      *self);

G_END_DECLS
