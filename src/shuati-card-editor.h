/* shuati-card-editor.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-library.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_CARD_EDITOR (shuati_card_editor_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiCardEditor, shuati_card_editor, SHUATI, CARD_EDITOR, AdwWindow)

ShuatiCardEditor *shuati_card_editor_new          (GtkWindow        *parent,
                                                   ShuatiLibrary    *library,
                                                   ShuatiDeck       *deck,
                                                   ShuatiCard       *card,
                                                   const char       *language,
                                                   GFile            *drafts_dir);
gboolean          shuati_card_editor_get_restored (ShuatiCardEditor *self);
gboolean          shuati_card_editor_get_dirty    (ShuatiCardEditor *self);
const char       *shuati_card_editor_get_problem  (ShuatiCardEditor *self,
                                                   guint             field);
void              shuati_card_editor_set_field    (ShuatiCardEditor *self,
                                                   guint             field,
                                                   const char       *text);
const char       *shuati_card_editor_get_preview  (ShuatiCardEditor *self,
                                                   guint             field);
void              shuati_card_editor_flush        (ShuatiCardEditor *self);

G_END_DECLS
