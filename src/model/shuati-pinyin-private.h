/* shuati-pinyin-private.h: the generated tables of shuati-pinyin-table.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Toneless syllables, "\0"-separated, sorted; ü is written "v". */
extern const guint   shuati_pinyin_n_syllables;
extern const char    shuati_pinyin_syllable_pool[];
extern const guint16 shuati_pinyin_syllable_offsets[];

/* Sorted code points, each with the offset of its reading list in
 * shuati_pinyin_lists: a count followed by that many syllable numbers. */
extern const guint   shuati_pinyin_n_chars;
extern const guint32 shuati_pinyin_chars[];
extern const guint16 shuati_pinyin_char_lists[];
extern const guint16 shuati_pinyin_lists[];

/* Traditional → Simplified, sorted by the Traditional code point. */
extern const guint   shuati_pinyin_n_folds;
extern const guint32 shuati_pinyin_fold_from[];
extern const guint32 shuati_pinyin_fold_to[];

G_END_DECLS
