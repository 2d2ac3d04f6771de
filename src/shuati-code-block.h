/* shuati-code-block.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_CODE_BLOCK (shuati_code_block_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCodeBlock, shuati_code_block, SHUATI, CODE_BLOCK, GtkWidget)

GtkWidget  *shuati_code_block_new             (const char      *language,
                                               const char      *code);
const char *shuati_code_block_get_code        (ShuatiCodeBlock *self);
const char *shuati_code_block_get_language_id (ShuatiCodeBlock *self);
GtkWidget  *shuati_code_block_get_view        (ShuatiCodeBlock *self);
gboolean    shuati_code_block_get_highlighted (ShuatiCodeBlock *self);
PangoAttrList *shuati_code_block_highlight    (const char      *language_id,
                                               const char      *code,
                                               gboolean         dark);
const char *shuati_code_block_language_id     (const char      *fence_language);

G_END_DECLS
