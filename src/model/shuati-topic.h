/* shuati-topic.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-localized.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_TOPIC (shuati_topic_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiTopic, shuati_topic, SHUATI, TOPIC, GObject)

ShuatiTopic *shuati_topic_new         (const char         *id,
                                       const char         *first_language,
                                       ShuatiLocalized    *title);
const char  *shuati_topic_get_id      (ShuatiTopic        *self);
const char  *shuati_topic_get_title   (ShuatiTopic        *self,
                                       const char * const *languages);
const ShuatiLocalized *shuati_topic_get_localized_title (ShuatiTopic *self);
guint        shuati_topic_get_n_cards (ShuatiTopic        *self);
void         shuati_topic_set_n_cards (ShuatiTopic        *self,
                                       guint               n_cards);

G_END_DECLS
