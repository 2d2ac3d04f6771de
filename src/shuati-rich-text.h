/* shuati-rich-text.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_RICH_TEXT (shuati_rich_text_get_type ())

/* The narrowest a wrapping card text becomes, in characters (its labels'
 * width-chars; the card templates say the same). GtkLabel finds the
 * minimum width of a wrapping label by laying its text out at this width,
 * or at none, one character a line: a long answer was laid out as some
 * nine hundred lines for every new card. */
#define SHUATI_RICH_TEXT_MIN_CHARS 10

G_DECLARE_FINAL_TYPE (ShuatiRichText, shuati_rich_text, SHUATI, RICH_TEXT, GtkWidget)

GtkWidget  *shuati_rich_text_new           (void);
void        shuati_rich_text_set_text      (ShuatiRichText *self,
                                            const char     *text);
const char *shuati_rich_text_get_text      (ShuatiRichText *self);
const char *shuati_rich_text_get_plain     (ShuatiRichText *self);
void        shuati_rich_text_set_media_dir (ShuatiRichText *self,
                                            const char     *media_dir);
const char *shuati_rich_text_get_media_dir (ShuatiRichText *self);
char       *shuati_rich_text_media_dir_for_deck (const char *deck_id);

G_END_DECLS
