/* shuati-card-filter.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-search.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_CARD_FILTER (shuati_card_filter_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCardFilter, shuati_card_filter, SHUATI, CARD_FILTER, GtkFilter)

ShuatiCardFilter *shuati_card_filter_new          (void);
void              shuati_card_filter_set_topic    (ShuatiCardFilter *self,
                                                   const char       *topic_id);
void              shuati_card_filter_set_tag      (ShuatiCardFilter *self,
                                                   const char       *tag);
void              shuati_card_filter_set_card_ids (ShuatiCardFilter *self,
                                                   GHashTable       *card_ids);
void              shuati_card_filter_set_query    (ShuatiCardFilter *self,
                                                   const char       *text);
ShuatiQuery      *shuati_card_filter_get_query    (ShuatiCardFilter *self);
ShuatiQuery      *shuati_card_filter_get_typed_query (ShuatiCardFilter *self);
void              shuati_card_filter_set_progress (ShuatiCardFilter *self,
                                                   ShuatiProgress   *progress);
void              shuati_card_filter_set_choice   (ShuatiCardFilter *self,
                                                   const char       *topic_id,
                                                   const char       *tag,
                                                   GHashTable       *card_ids);

void              shuati_card_filter_refresh      (ShuatiCardFilter *self);

gboolean          shuati_card_filter_has_choice   (ShuatiCardFilter *self);
gboolean          shuati_card_filter_match_choice (ShuatiCardFilter *self,
                                                   ShuatiCard       *card);
void              shuati_card_filter_get_context  (ShuatiCardFilter *self,
                                                   ShuatiQueryContext *context);

G_END_DECLS
