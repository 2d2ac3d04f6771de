/* shuati-card-draft.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

/*
 * What the card editor holds: one card's texts in one language of its
 * deck, its topic and its tags, as typed. A draft is also what autosave
 * keeps, one small key file per card being edited in the drafts folder
 * (by default g_get_user_data_dir()/shuati/drafts), written atomically,
 * so an edit survives the window closing or the program being killed,
 * and is offered back the next time the editor opens. Saving or
 * discarding the card deletes its draft.
 */

typedef enum
{
  SHUATI_DRAFT_FIELD_TITLE,
  SHUATI_DRAFT_FIELD_QUESTION,
  SHUATI_DRAFT_FIELD_ANSWER,
  SHUATI_DRAFT_FIELD_EXPLANATION,
  SHUATI_DRAFT_FIELD_TOPIC,
  SHUATI_DRAFT_FIELD_TAGS,
  SHUATI_DRAFT_N_FIELDS
} ShuatiDraftField;

typedef struct
{
  char   *deck_id;
  char   *card_id;      /* NULL: a new card */
  char   *language;     /* one of the deck's languages */
  char   *title;        /* empty: the question's first line */
  char   *question;
  char   *answer;
  char   *explanation;
  char   *topic_id;     /* NULL or empty in a deck without topics */
  char   *tags;         /* as typed: separated by spaces or commas */
  gint64  saved_at;     /* when autosave last wrote it; 0 if never */
} ShuatiCardDraft;

#define SHUATI_TYPE_CARD_DRAFT (shuati_card_draft_get_type ())

GType            shuati_card_draft_get_type     (void) G_GNUC_CONST;
ShuatiCardDraft *shuati_card_draft_new          (const char            *deck_id,
                                                 const char            *card_id,
                                                 const char            *language);
ShuatiCardDraft *shuati_card_draft_new_for_card (ShuatiDeck            *deck,
                                                 ShuatiCard            *card,
                                                 const char            *language);
ShuatiCardDraft *shuati_card_draft_copy         (const ShuatiCardDraft *self);
void             shuati_card_draft_free         (ShuatiCardDraft       *self);
gboolean         shuati_card_draft_equal        (const ShuatiCardDraft *a,
                                                 const ShuatiCardDraft *b);
const char      *shuati_card_draft_get_field    (const ShuatiCardDraft *self,
                                                 ShuatiDraftField       field);
void             shuati_card_draft_set_field    (ShuatiCardDraft       *self,
                                                 ShuatiDraftField       field,
                                                 const char            *text);
GStrv            shuati_card_draft_split_tags   (const ShuatiCardDraft *self);
char            *shuati_card_draft_dup_title    (const ShuatiCardDraft *self);
gboolean         shuati_card_draft_check        (const ShuatiCardDraft *self,
                                                 ShuatiDeck            *deck,
                                                 char                  *problems[SHUATI_DRAFT_N_FIELDS]);

GFile           *shuati_card_draft_default_dir  (void);
GFile           *shuati_card_draft_get_file     (const ShuatiCardDraft *self,
                                                 GFile                 *dir);
gboolean         shuati_card_draft_save         (const ShuatiCardDraft *self,
                                                 GFile                 *dir,
                                                 GError               **error);
ShuatiCardDraft *shuati_card_draft_load         (GFile                 *dir,
                                                 const char            *deck_id,
                                                 const char            *card_id,
                                                 GError               **error);
gboolean         shuati_card_draft_delete       (const ShuatiCardDraft *self,
                                                 GFile                 *dir,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiCardDraft, shuati_card_draft_free)

G_END_DECLS
