/* shuati-import-private.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "shuati-import-draft.h"

G_BEGIN_DECLS

/* @text is UTF-8 with "\n" line endings and no byte order mark. */
ShuatiDraft     *shuati_import_markdown    (const char   *text,
                                            gsize         length,
                                            const char   *file_name,
                                            GError      **error);
gboolean         shuati_import_markdown_needs_verbatim (const char *text);
ShuatiDraft     *shuati_import_csv         (const char   *text,
                                            gsize         length,
                                            const char   *file_name,
                                            ShuatiImportFormat *format,
                                            GError      **error);
char            *shuati_import_html_to_text (const char  *html,
                                             ShuatiDraft *draft,
                                             guint        line);

G_END_DECLS
