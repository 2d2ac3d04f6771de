/* shuati-import-draft.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

/* What the format readers report, and the dispatcher passes on. */

#define SHUATI_IMPORT_ERROR (shuati_import_error_quark ())

typedef enum
{
  SHUATI_IMPORT_ERROR_IO,              /* the file cannot be read */
  SHUATI_IMPORT_ERROR_EMPTY,           /* nothing but white space */
  SHUATI_IMPORT_ERROR_BINARY,          /* NUL bytes: not a text file */
  SHUATI_IMPORT_ERROR_ENCODING,        /* text in no supported encoding */
  SHUATI_IMPORT_ERROR_UNKNOWN_FORMAT,  /* text, but no cards in any format */
  SHUATI_IMPORT_ERROR_NO_CARDS,        /* the format is known, but no card was found */
  SHUATI_IMPORT_ERROR_MISSING_COLUMN,  /* a table without a question or answer column */
  SHUATI_IMPORT_ERROR_SYNTAX,          /* e.g. a quoted CSV field that never ends */
  SHUATI_IMPORT_ERROR_INVALID_DECK,    /* a Shuati deck file the deck loader refuses */
} ShuatiImportError;

typedef enum
{
  SHUATI_IMPORT_FORMAT_UNKNOWN,
  SHUATI_IMPORT_FORMAT_DECK,           /* Shuati's JSON deck format */
  SHUATI_IMPORT_FORMAT_MARKDOWN,
  SHUATI_IMPORT_FORMAT_CSV,            /* comma- or semicolon-separated */
  SHUATI_IMPORT_FORMAT_TSV,            /* tab-separated */
  SHUATI_IMPORT_FORMAT_ANKI,           /* Anki's "Notes in Plain Text" */
  SHUATI_IMPORT_FORMAT_ANKI_PACKAGE,   /* Anki's .apkg and .colpkg */
} ShuatiImportFormat;

typedef struct
{
  guint  line;      /* 1-based line of the file, 0 if the warning has no place */
  char  *message;   /* translated, e.g. "card 24: no explanation" */
} ShuatiImportWarning;

GQuark           shuati_import_error_quark (void);

/* What a format reader collects before it becomes a deck-format tree. */
typedef struct
{
  guint    line;                      /* of the card's heading or row */
  guint    number;                    /* from the source, 0 if it has none */
  char    *id;                        /* from the source, NULL to derive one */
  char    *topic_id;                  /* NULL: the deck's default topic */
  GStrv    tags;
  char    *fields[SHUATI_N_FIELDS];   /* NULL where the source has none */
} ShuatiDraftCard;

typedef struct
{
  char       *file_name;              /* as given, for messages */
  char       *id;                     /* NULL: from the file name */
  char       *title;                  /* NULL: from the file name */
  char       *description;
  char       *language;               /* NULL: guessed from the text */
  GPtrArray  *topic_ids;
  GPtrArray  *topic_titles;
  GHashTable *topics_by_title;        /* title → id */
  GHashTable *topics_by_id;           /* id → title */
  gboolean    no_topics;              /* the source says the deck has none */
  GPtrArray  *cards;                  /* of ShuatiDraftCard */
  GArray     *warnings;               /* of ShuatiImportWarning */
} ShuatiDraft;

ShuatiDraft     *shuati_draft_new          (const char   *file_name);
void             shuati_draft_free         (ShuatiDraft  *draft);
ShuatiDraftCard *shuati_draft_add_card     (ShuatiDraft  *draft,
                                            guint         line);
const char      *shuati_draft_add_topic    (ShuatiDraft  *draft,
                                            const char   *title,
                                            const char   *id);
void             shuati_draft_warn         (ShuatiDraft  *draft,
                                            guint         line,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (3, 4);
JsonNode        *shuati_draft_to_node      (ShuatiDraft  *draft,
                                            const char   *text);

void             shuati_import_warning_clear (gpointer   data);
char            *shuati_import_slug        (const char   *text,
                                            gssize        length);
char            *shuati_import_base_name   (const char   *file_name);
void             shuati_import_set_error   (GError      **error,
                                            int           code,
                                            const char   *file_name,
                                            guint         line,
                                            guint         column,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (6, 7);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiDraft, shuati_draft_free)

G_END_DECLS
