/* shuati-deck-edit.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-card-draft.h"
#include "shuati-deck.h"

G_BEGIN_DECLS

/*
 * Changes to a deck of the learner's own. Decks are read-only once
 * loaded, so an edit starts from the deck's JSON, changes it, and
 * shuati_deck_edit_finish() reads it back as a new deck (so whatever the
 * loader would refuse is refused here, before a byte is written) and
 * gives the bytes to save. Card ids never change, so progress follows
 * every card through its edits; a new card gets an id no card of the
 * deck had.
 */

#define SHUATI_TYPE_DECK_EDIT (shuati_deck_edit_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiDeckEdit, shuati_deck_edit, SHUATI, DECK_EDIT, GObject)

ShuatiDeckEdit *shuati_deck_edit_new           (ShuatiDeck             *deck);
ShuatiDeckEdit *shuati_deck_edit_new_copy      (ShuatiDeck             *deck,
                                                const char             *new_id);
char           *shuati_deck_edit_copy_title    (const char             *title,
                                                const char             *language);
char           *shuati_deck_edit_put_card      (ShuatiDeckEdit         *self,
                                                const ShuatiCardDraft  *draft,
                                                gint64                  now,
                                                GError                **error);
gboolean        shuati_deck_edit_delete_cards  (ShuatiDeckEdit         *self,
                                                const char * const     *card_ids,
                                                GError                **error);
gboolean        shuati_deck_edit_set_topic     (ShuatiDeckEdit         *self,
                                                const char * const     *card_ids,
                                                const char             *topic_id,
                                                gint64                  now,
                                                GError                **error);
gboolean        shuati_deck_edit_add_tag       (ShuatiDeckEdit         *self,
                                                const char * const     *card_ids,
                                                const char             *tag,
                                                gint64                  now,
                                                GError                **error);
gboolean        shuati_deck_edit_remove_tag    (ShuatiDeckEdit         *self,
                                                const char * const     *card_ids,
                                                const char             *tag,
                                                gint64                  now,
                                                GError                **error);
char           *shuati_deck_edit_add_topic     (ShuatiDeckEdit         *self,
                                                const char             *title,
                                                const char             *language,
                                                GError                **error);
gboolean        shuati_deck_edit_rename_topic  (ShuatiDeckEdit         *self,
                                                const char             *topic_id,
                                                const char             *title,
                                                const char             *language,
                                                GError                **error);
gboolean        shuati_deck_edit_delete_topic  (ShuatiDeckEdit         *self,
                                                const char             *topic_id,
                                                const char             *move_to,
                                                GError                **error);
ShuatiDeck     *shuati_deck_edit_finish        (ShuatiDeckEdit         *self,
                                                GBytes                **bytes,
                                                GError                **error);

G_END_DECLS
