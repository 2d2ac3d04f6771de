/* shuati-card-view.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_CARD_VIEW (shuati_card_view_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCardView, shuati_card_view, SHUATI, CARD_VIEW, GtkWidget)

GtkWidget  *shuati_card_view_new              (void);
void        shuati_card_view_set_card         (ShuatiCardView     *self,
                                               ShuatiDeck         *deck,
                                               ShuatiCard         *card);
ShuatiCard *shuati_card_view_get_card         (ShuatiCardView     *self);
void        shuati_card_view_set_languages    (ShuatiCardView     *self,
                                               const char * const *languages);
const char *shuati_card_view_get_text         (ShuatiCardView     *self,
                                               ShuatiField         field);
const char *shuati_card_view_get_translation  (ShuatiCardView     *self,
                                               ShuatiField         field);

G_END_DECLS
