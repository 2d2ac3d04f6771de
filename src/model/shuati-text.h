/* shuati-text.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most characters of one field a label shows: four times the longest
 * answer of the built-in deck. Pango lays a paragraph out in time that
 * grows faster than its length, so a field of 60 KiB would hold up the
 * window for seconds. */
#define SHUATI_TEXT_DISPLAY_MAX_CHARS 4000

void shuati_text_locate (const char *data,
                         const char *at,
                         guint      *line,
                         guint      *column);

void  shuati_text_normalize_append (GString    *out,
                                    const char *text,
                                    gssize      length);
char *shuati_text_normalize        (const char *text,
                                    gssize      length);

char *shuati_text_for_terminal (const char *text,
                                gssize      length);

char *shuati_text_clip_for_display   (const char *text,
                                      guint       max_chars,
                                      gboolean   *clipped);
char *shuati_markup_break_long_words (const char *markup,
                                      guint       max_run);

gboolean shuati_text_is_one_json_object (const char *data,
                                         gssize      length);

G_END_DECLS
