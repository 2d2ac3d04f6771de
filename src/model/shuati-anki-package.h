/* shuati-anki-package.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-import-draft.h"

G_BEGIN_DECLS

/*
 * Anki's packages: .apkg (some decks) and .colpkg (a whole collection).
 *
 * Both are zip files. The legacy package holds "collection.anki2" or
 * "collection.anki21" (SQLite, schema 11, note types and decks as JSON
 * in the col table) and a "media" JSON map from zip entry names ("0",
 * "1", ...) to file names. The latest holds a "meta" protobuf with the
 * version, "collection.anki21b" (zstd-compressed SQLite, schema 18, with
 * notetypes/fields/templates/decks tables), "media" (a zstd-compressed
 * protobuf list of entries) and zstd-compressed media files; it also
 * holds a dummy "collection.anki2" that only says to update Anki, which is
 * never read when a newer collection is there.
 *
 * The collection is copied to a private temporary folder and opened
 * read-only and immutable; the folder is removed before the reader
 * returns. Nothing else is written anywhere.
 */

/* Limits against zip bombs and absurd input. */
#define SHUATI_ANKI_MAX_ENTRIES        200000
#define SHUATI_ANKI_MAX_ENTRY_SIZE     ((gsize)512 << 20)
#define SHUATI_ANKI_MAX_TOTAL_SIZE     ((gsize)2 << 30)
#define SHUATI_ANKI_MAX_RATIO          200
#define SHUATI_ANKI_MAX_MEDIA_SIZE     ((gsize)64 << 20)
#define SHUATI_ANKI_MAX_FIELDS         256
#define SHUATI_ANKI_MAX_CARDS          1000000
#define SHUATI_ANKI_MAX_RENDERED       ((gsize)4 << 20)

typedef struct
{
  char   *name;          /* a safe file name: no folders, no "..", no leading "." */
  GBytes *data;
} ShuatiImportMedia;

typedef struct
{
  char             *card_id;
  gint64            reviewed_at;    /* unix seconds */
  ShuatiRating      rating;
  guint             duration_ms;
  ShuatiMemory      before;
  ShuatiMemory      after;
  ShuatiReviewInfo  info;
} ShuatiImportReview;

typedef struct
{
  guint n_notes;
  guint n_cards;          /* Shuati cards made */
  guint n_skipped;        /* Anki cards left out; the warnings say why */
  guint n_note_types;
  guint n_decks;          /* Anki decks with cards, each a topic */
  guint n_media;          /* media files copied: those the cards show */
  guint n_media_unused;   /* media files in the package no card shows */
  guint n_reviews;
  guint n_suspended;
  guint n_buried;
  guint version;          /* 1, 2: legacy; 3: latest */
} ShuatiAnkiSummary;

/* One top-level Anki deck (its subdecks included) that has cards: in a
 * package with several, each becomes a Shuati deck of its own. */
typedef struct
{
  char       *name;       /* the Anki deck's name, without "::" */
  GHashTable *cards;      /* Shuati card ids, as a set */
  GHashTable *notes;      /* Anki note ids (gint64), as a set */
  GHashTable *media;      /* names of the images its cards show, as a set */
} ShuatiAnkiTopDeck;

typedef struct
{
  ShuatiDraft       *draft;
  ShuatiAnkiSummary  summary;
  GPtrArray         *media;      /* of ShuatiImportMedia, those the cards show */
  GArray            *reviews;    /* of ShuatiImportReview, per card, oldest first */
  GHashTable        *memories;   /* card id → ShuatiMemory after its history */
  GPtrArray         *suspended;  /* card ids Anki had suspended */
  GPtrArray         *buried;     /* card ids Anki had buried */
  GPtrArray         *top_decks;  /* of ShuatiAnkiTopDeck, by name */
} ShuatiAnkiPackage;

void                shuati_import_review_replay   (ShuatiScheduler     *scheduler,
                                                   ShuatiImportReview  *reviews,
                                                   guint                n_reviews,
                                                   gboolean             seed_fuzz,
                                                   ShuatiMemory        *memory);
gboolean            shuati_anki_package_sniff     (const char          *data,
                                                   gsize                length);
ShuatiAnkiPackage  *shuati_anki_package_read      (GBytes              *bytes,
                                                   const char          *file_name,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void                shuati_anki_package_free      (ShuatiAnkiPackage   *package);

gboolean            shuati_anki_media_name_is_safe (const char         *name);
void                shuati_import_media_free      (gpointer             data);
void                shuati_import_review_clear    (gpointer             data);
void                shuati_anki_top_deck_free     (gpointer             data);

/* Exposed for tests and the fuzzer. */
GBytes             *shuati_anki_zstd_decode       (GBytes              *input,
                                                   gsize                limit,
                                                   const char          *file_name,
                                                   const char          *entry,
                                                   GError             **error);
GHashTable         *shuati_anki_parse_media_entries (GBytes            *bytes,
                                                   const char          *file_name,
                                                   GError             **error);
char               *shuati_anki_render_template   (const char          *format,
                                                   const char * const  *names,
                                                   const char * const  *values,
                                                   guint                n_fields,
                                                   guint                cloze,
                                                   gboolean             answer,
                                                   GPtrArray           *problems);
char               *shuati_anki_html_to_markdown  (const char          *html,
                                                   GHashTable          *media,
                                                   GHashTable          *used,
                                                   GPtrArray           *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiAnkiPackage, shuati_anki_package_free)

G_END_DECLS
