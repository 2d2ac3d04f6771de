/* shuati-exporter.h
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
 * Writing a deck out.
 *
 * SHUATI_EXPORT_FORMAT_DECK writes the JSON deck format (pretty, two
 * spaces, one key per line, as data/corpus/README.md asks) in every
 * language the deck has. SHUATI_EXPORT_FORMAT_MARKDOWN writes one language
 * as a Markdown question bank: "### N. title" and "**题目：**",
 * "**答案：**", "**解析：**" for Chinese, "**Question:**", "**Answer:**",
 * "**Explanation:**" otherwise, with the deck's, topics' and cards' ids
 * and tags in "<!-- shuati: ... -->" comments that Markdown viewers hide.
 *
 * Importing either file gives back the same deck: the same ids, numbers,
 * topics, tags and texts (in the exported language for Markdown). Both
 * writers stream, so a deck of 100,000 cards never exists twice in
 * memory.
 */

typedef enum
{
  SHUATI_EXPORT_FORMAT_DECK,
  SHUATI_EXPORT_FORMAT_MARKDOWN,
} ShuatiExportFormat;

gboolean  shuati_export_to_stream (ShuatiDeck          *deck,
                                   ShuatiExportFormat   format,
                                   const char          *language,
                                   const char          *deck_id,
                                   GOutputStream       *stream,
                                   GCancellable        *cancellable,
                                   GError             **error);
GBytes   *shuati_export_to_bytes  (ShuatiDeck          *deck,
                                   ShuatiExportFormat   format,
                                   const char          *language,
                                   const char          *deck_id);
gboolean  shuati_export_to_file   (ShuatiDeck          *deck,
                                   ShuatiExportFormat   format,
                                   const char          *language,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GError             **error);
void      shuati_export_to_file_async  (ShuatiDeck          *deck,
                                        ShuatiExportFormat   format,
                                        const char          *language,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  shuati_export_to_file_finish (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
