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

GtkWidget  *shuati_card_row_new      (void);
void        shuati_card_row_update   (ShuatiCardRow      *self,
                                      ShuatiCard         *card,
                                      const char * const *languages,
                                      ShuatiQuery        *query);
ShuatiCard *shuati_card_row_get_card (ShuatiCardRow      *self);
char       *shuati_card_snippet      (const char         *text,
                                      guint               max_chars);

G_END_DECLS
