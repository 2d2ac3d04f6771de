/* shuati-pinyin.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a word of a query matched a text, best last: ranking sorts on it. */
typedef enum
{
  SHUATI_MATCH_NONE = 0,
  SHUATI_MATCH_INITIALS,   /* some Han character matched by its initial only */
  SHUATI_MATCH_PINYIN,     /* Han characters matched by their full pinyin */
  SHUATI_MATCH_EXACT,      /* the text itself */
} ShuatiMatchKind;

/* A word of a query, decoded once for matching against many texts. */
typedef struct _ShuatiPinyinPattern ShuatiPinyinPattern;

guint                shuati_pinyin_get_n_readings (gunichar    c);
const char          *shuati_pinyin_get_reading    (gunichar    c,
                                                   guint       position);
guint32              shuati_pinyin_get_initials   (gunichar    c);
gboolean             shuati_pinyin_has_reading    (gunichar    c,
                                                   const char *syllable);
gunichar             shuati_pinyin_fold           (gunichar    c);
void                 shuati_pinyin_fold_in_place  (char       *text,
                                                   gsize       length);
char                *shuati_pinyin_fold_string    (const char *text,
                                                   gssize      length);

ShuatiPinyinPattern *shuati_pinyin_pattern_new    (const char *word);
void                 shuati_pinyin_pattern_free   (ShuatiPinyinPattern *self);
const char          *shuati_pinyin_pattern_get_word (const ShuatiPinyinPattern *self);
gboolean             shuati_pinyin_pattern_uses_pinyin (const ShuatiPinyinPattern *self);
ShuatiMatchKind      shuati_pinyin_pattern_find   (const ShuatiPinyinPattern *self,
                                                   const char *text,
                                                   gsize       length,
                                                   gsize      *start,
                                                   gsize      *end);

/* Where finding a word in a text can resume once the word grew at its
 * end: the next character typed. */
#define SHUATI_PINYIN_NOWHERE G_MAXUINT32

typedef struct
{
  guint32 exact_from;    /* no exact match starts before; NOWHERE: none */
  guint32 pinyin_from;   /* no match of any kind starts before; NOWHERE: none */
} ShuatiPinyinResume;

#define SHUATI_PINYIN_RESUME_INIT ((ShuatiPinyinResume) { 0, 0 })

ShuatiMatchKind      shuati_pinyin_pattern_find_again (const ShuatiPinyinPattern *self,
                                                   const char *text,
                                                   gsize       length,
                                                   ShuatiPinyinResume *resume);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiPinyinPattern, shuati_pinyin_pattern_free)

G_END_DECLS
