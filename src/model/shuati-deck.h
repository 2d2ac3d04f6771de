/* shuati-deck.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "shuati-card.h"
#include "shuati-topic.h"

G_BEGIN_DECLS

#define SHUATI_DECK_ERROR (shuati_deck_error_quark ())

typedef enum
{
  SHUATI_DECK_ERROR_IO,
  SHUATI_DECK_ERROR_SYNTAX,
  SHUATI_DECK_ERROR_ENCODING,
  SHUATI_DECK_ERROR_FORMAT,
  SHUATI_DECK_ERROR_SCHEMA,
  SHUATI_DECK_ERROR_DUPLICATE_ID,
  SHUATI_DECK_ERROR_UNKNOWN_TOPIC,
  SHUATI_DECK_ERROR_EMPTY,
} ShuatiDeckError;

/* The newest deck format version this build reads and writes. */
#define SHUATI_DECK_FORMAT_VERSION 1

/* How deep a deck file may nest; real decks need 5 levels. */
#define SHUATI_DECK_MAX_DEPTH 64

/* The longest text, in bytes of UTF-8, a deck file may hold in one
 * string: no real card comes near, and longer ones freeze text layout. */
#define SHUATI_DECK_MAX_TEXT_SIZE (64 * 1024)

/* Larger deck files are refused before they are read. */
#define SHUATI_DECK_MAX_FILE_SIZE ((gsize)1 << 30)

#define SHUATI_TYPE_DECK (shuati_deck_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiDeck, shuati_deck, SHUATI, DECK, GObject)

GQuark              shuati_deck_error_quark       (void);

gboolean            shuati_deck_id_is_valid       (const char         *id);

ShuatiDeck         *shuati_deck_new_from_file     (GFile              *file,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
ShuatiDeck         *shuati_deck_new_from_bytes    (GBytes             *bytes,
                                                   GError            **error);
ShuatiDeck         *shuati_deck_new_from_resource (const char         *path,
                                                   GError            **error);
ShuatiDeck         *shuati_deck_new_from_node     (JsonNode           *root,
                                                   GError            **error);

const char         *shuati_deck_get_id            (ShuatiDeck         *self);
const char * const *shuati_deck_get_languages     (ShuatiDeck         *self);
const char         *shuati_deck_get_first_language (ShuatiDeck        *self);
const char         *shuati_deck_get_title         (ShuatiDeck         *self,
                                                   const char * const *languages);
const char         *shuati_deck_get_description   (ShuatiDeck         *self,
                                                   const char * const *languages);
const char         *shuati_deck_get_source        (ShuatiDeck         *self);
const ShuatiLocalized *shuati_deck_get_localized_title (ShuatiDeck    *self);
const ShuatiLocalized *shuati_deck_get_localized_description (ShuatiDeck *self);
guint               shuati_deck_get_n_cards       (ShuatiDeck         *self);
struct _ShuatiSearchIndex *shuati_deck_get_search_index (ShuatiDeck     *self);
struct _ShuatiSearchIndex *shuati_deck_peek_search_index (ShuatiDeck    *self);
void                shuati_deck_build_search_index_async (ShuatiDeck  *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
struct _ShuatiSearchIndex *shuati_deck_build_search_index_finish (ShuatiDeck   *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
ShuatiCard         *shuati_deck_get_card          (ShuatiDeck         *self,
                                                   guint               position);
GListModel         *shuati_deck_get_topics        (ShuatiDeck         *self);
const char * const *shuati_deck_get_tags          (ShuatiDeck         *self);
guint              *shuati_deck_count_tags        (ShuatiDeck         *self);
ShuatiCard         *shuati_deck_lookup_card       (ShuatiDeck         *self,
                                                   const char         *id);
ShuatiTopic        *shuati_deck_lookup_topic      (ShuatiDeck         *self,
                                                   const char         *id);

G_END_DECLS
