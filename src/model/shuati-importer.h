/* shuati-importer.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "shuati-anki-package.h"
#include "shuati-deck.h"
#include "shuati-import-draft.h"

G_BEGIN_DECLS

/*
 * Importing a question bank the user brings.
 *
 * shuati_import_file() and shuati_import_bytes() read a file in any of the
 * formats below, detected from its content (the extension is only a hint),
 * and return either a whole deck or an error: nothing is ever half
 * imported. What was imported but looked wrong (a card without an
 * explanation, a last card that looks cut off, a dropped sound file) is
 * listed as warnings with their line, in words a user can act on.
 *
 * Formats:
 *  - Markdown question banks: "### N. title" headings with "**题目：**",
 *    "**答案：**" and "**解析：**" sections (or "Question", "Answer",
 *    "Explanation", "Q:", "A:", in or out of the bold, with either colon,
 *    at any heading level), and plain Markdown where each heading is a
 *    question and the text under it the answer. Headings above the card
 *    level become topics, a single top heading the deck's title.
 *  - CSV and TSV files whose first row names the columns (question,
 *    answer, explanation, topic, tags, title, id; or 问题, 答案, 解析,
 *    主题, 标签, 标题), and Anki's "Notes in Plain Text" export.
 *  - Shuati's own deck format (JSON).
 *  - Anki packages (.apkg, .colpkg): see shuati-anki-package.h; their
 *    images and study history come with the result.
 *
 * Text may be UTF-8 (with or without a byte order mark), UTF-16 with a
 * byte order mark, or GB18030/GBK, with any line endings.
 *
 * Card ids are stable across imports of the same file, and the deck id
 * comes from the file name, so progress recorded against them survives a
 * re-import.
 */

/* Larger files are refused rather than read into memory. */
#define SHUATI_IMPORT_MAX_SIZE ((gsize)1 << 30)

#define SHUATI_TYPE_IMPORT_RESULT (shuati_import_result_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiImportResult, shuati_import_result, SHUATI, IMPORT_RESULT, GObject)

ShuatiImportResult  *shuati_import_file                   (GFile               *file,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
void                 shuati_import_file_async             (GFile               *file,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
ShuatiImportResult  *shuati_import_file_finish            (GAsyncResult        *result,
                                                           GError             **error);
ShuatiImportResult  *shuati_import_bytes                  (GBytes              *bytes,
                                                           const char          *file_name,
                                                           GError             **error);

ShuatiDeck          *shuati_import_result_get_deck        (ShuatiImportResult  *self);
JsonNode            *shuati_import_result_get_node        (ShuatiImportResult  *self);
ShuatiImportFormat   shuati_import_result_get_format      (ShuatiImportResult  *self);
const char          *shuati_import_result_get_encoding    (ShuatiImportResult  *self);
const char          *shuati_import_result_get_file_name   (ShuatiImportResult  *self);
guint                shuati_import_result_get_n_warnings  (ShuatiImportResult  *self);
const ShuatiImportWarning *
                     shuati_import_result_get_warning     (ShuatiImportResult  *self,
                                                           guint                position);

const char          *shuati_import_format_to_string       (ShuatiImportFormat   format);

const ShuatiAnkiSummary *
                     shuati_import_result_get_anki_summary (ShuatiImportResult *self);
guint                shuati_import_result_get_n_parts     (ShuatiImportResult  *self);
ShuatiImportResult  *shuati_import_result_get_part        (ShuatiImportResult  *self,
                                                           guint                position);
GPtrArray           *shuati_import_result_get_media       (ShuatiImportResult  *self);
gboolean             shuati_import_result_get_history     (ShuatiImportResult  *self,
                                                           GArray             **reviews,
                                                           GHashTable         **memories);
GPtrArray           *shuati_import_result_get_suspended   (ShuatiImportResult  *self,
                                                           GPtrArray          **buried);

G_END_DECLS
