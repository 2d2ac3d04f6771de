/* shuati-sync-private.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "shuati-deck.h"
#include "shuati-sync.h"

G_BEGIN_DECLS

/* Deck events; numbered apart from the store's events they share the
 * journal with. */
typedef enum
{
  SHUATI_SYNC_DECK_ADDED = 100,
  SHUATI_SYNC_DECK_UPDATED,
  SHUATI_SYNC_DECK_REMOVED,
} ShuatiSyncDeckType;

typedef struct
{
  ShuatiSyncDeckType  type;
  char               *device;
  gint64              seq;
  gint64              ts;
  char               *hash;
  char               *cards;   /* "card=base …" changed; "" for a whole deck */
  JsonNode           *root;    /* the deck file, once read */
} ShuatiSyncDeckVersion;

void       shuati_sync_deck_version_free (ShuatiSyncDeckVersion *version);

gboolean   shuati_sync_hash_is_valid   (const char   *hash);
char      *shuati_sync_hash_bytes      (GBytes       *bytes);
char      *shuati_sync_deck_path       (const char   *folder,
                                        const char   *hash);
gboolean   shuati_sync_write_deck_file (const char   *folder,
                                        GBytes       *bytes,
                                        char        **hash,
                                        GError      **error);
JsonNode  *shuati_sync_read_deck_file  (const char   *folder,
                                        const char   *hash,
                                        GError      **error);
GHashTable *shuati_sync_card_hashes    (JsonNode     *root);
char      *shuati_sync_diff_cards      (GHashTable   *before,
                                        GHashTable   *after);
JsonNode  *shuati_sync_merge_deck      (GPtrArray    *versions);
gboolean   shuati_sync_check_journal_data (const char *data,
                                           gsize       length,
                                           const char *device,
                                           guint      *n_events);
G_END_DECLS
