/* shuati-card.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-localized.h"

G_BEGIN_DECLS

typedef enum
{
  SHUATI_FIELD_TITLE,
  SHUATI_FIELD_QUESTION,
  SHUATI_FIELD_ANSWER,
  SHUATI_FIELD_EXPLANATION,
  SHUATI_N_FIELDS
} ShuatiField;

/* How hard a card is, as its deck says; NONE when the deck does not say. */
typedef enum
{
  SHUATI_DIFFICULTY_NONE,
  SHUATI_DIFFICULTY_BASIC,
  SHUATI_DIFFICULTY_INTERMEDIATE,
  SHUATI_DIFFICULTY_ADVANCED,
} ShuatiDifficulty;

#define SHUATI_TYPE_CARD (shuati_card_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCard, shuati_card, SHUATI, CARD, GObject)

ShuatiCard         *shuati_card_new              (const char            *deck_id,
                                                  const char            *id,
                                                  guint                  number,
                                                  const char            *topic_id,
                                                  GStrv                  tags,
                                                  const char            *first_language,
                                                  ShuatiLocalized      **fields);
const char         *shuati_card_get_id           (ShuatiCard            *self);
const char         *shuati_card_get_deck_id      (ShuatiCard            *self);
guint               shuati_card_get_number       (ShuatiCard            *self);
guint               shuati_card_get_position     (ShuatiCard            *self);
guint               shuati_card_get_serial       (ShuatiCard            *self);
void                shuati_card_set_position     (ShuatiCard            *self,
                                                  guint                  position);
const char         *shuati_card_get_topic_id     (ShuatiCard            *self);
const char * const *shuati_card_get_tags         (ShuatiCard            *self);
gboolean            shuati_card_has_tag          (ShuatiCard            *self,
                                                  const char            *tag);
ShuatiDifficulty    shuati_card_get_difficulty   (ShuatiCard            *self);
void                shuati_card_set_difficulty   (ShuatiCard            *self,
                                                  ShuatiDifficulty       difficulty);
gint64              shuati_card_get_created      (ShuatiCard            *self);
gint64              shuati_card_get_modified     (ShuatiCard            *self);
void                shuati_card_set_times        (ShuatiCard            *self,
                                                  gint64                 created,
                                                  gint64                 modified);
const char         *shuati_difficulty_to_string  (ShuatiDifficulty       difficulty);
gboolean            shuati_difficulty_from_string (const char           *text,
                                                  ShuatiDifficulty      *difficulty);
const char         *shuati_card_get_first_language (ShuatiCard          *self);
const ShuatiLocalized *shuati_card_get_localized (ShuatiCard            *self,
                                                  ShuatiField            field);
const char         *shuati_card_get_text         (ShuatiCard            *self,
                                                  ShuatiField            field,
                                                  const char * const    *languages);
const char         *shuati_card_get_text_exact   (ShuatiCard            *self,
                                                  ShuatiField            field,
                                                  const char            *language);
const char         *shuati_card_get_translation  (ShuatiCard            *self,
                                                  ShuatiField            field,
                                                  const char * const    *languages);
gboolean            shuati_card_has_own_title    (ShuatiCard            *self,
                                                  const char * const    *languages);
const char         *shuati_card_get_title        (ShuatiCard            *self,
                                                  const char * const    *languages);
const char         *shuati_card_get_question     (ShuatiCard            *self,
                                                  const char * const    *languages);
const char         *shuati_card_get_answer       (ShuatiCard            *self,
                                                  const char * const    *languages);
const char         *shuati_card_get_explanation  (ShuatiCard            *self,
                                                  const char * const    *languages);
const char         *shuati_card_get_search_text  (ShuatiCard            *self);
gsize               shuati_card_get_search_text_length (ShuatiCard      *self);

G_END_DECLS
