/* shuati-search.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-card.h"
#include "shuati-query.h"
#include "shuati-text.h"

G_BEGIN_DECLS

/* The longest query, in characters: far beyond any real search, short
 * enough that matching and showing it never holds up the window. */
#define SHUATI_QUERY_MAX_LENGTH 1000

/* A parsed search query (see shuati-query.h for the language), or the
 * error that stopped its parsing. */
typedef struct _ShuatiQuery ShuatiQuery;

#define SHUATI_TYPE_QUERY (shuati_query_get_type ())

GType        shuati_query_get_type          (void) G_GNUC_CONST;

char        *shuati_query_clip_text         (const char         *text,
                                             gboolean           *clipped);
ShuatiQuery *shuati_query_new               (const char         *text);
ShuatiQuery *shuati_query_new_words         (const char * const *words);
ShuatiQuery *shuati_query_ref               (ShuatiQuery        *self);
void         shuati_query_unref             (ShuatiQuery        *self);
const char  *shuati_query_get_text          (const ShuatiQuery  *self);
gboolean     shuati_query_is_empty          (const ShuatiQuery  *self);
guint        shuati_query_get_n_words       (const ShuatiQuery  *self);
const char  *shuati_query_get_word          (const ShuatiQuery  *self,
                                             guint               position);
const GError *shuati_query_get_error        (const ShuatiQuery  *self,
                                             guint              *position);
const ShuatiQueryNode *shuati_query_get_root (const ShuatiQuery  *self);
ShuatiMatchKind shuati_query_match          (const ShuatiQuery  *self,
                                             ShuatiCard         *card,
                                             const ShuatiQueryContext *context);
gboolean     shuati_query_matches_text      (const ShuatiQuery  *self,
                                             const char         *normalized_text);
gboolean     shuati_query_matches           (const ShuatiQuery  *self,
                                             ShuatiCard         *card);
gboolean     shuati_query_is_stricter       (const ShuatiQuery  *self,
                                             const ShuatiQuery  *previous);
char        *shuati_query_highlight_markup  (const ShuatiQuery  *self,
                                             const char         *text);
GArray      *shuati_query_find_ranges       (const ShuatiQuery  *self,
                                             const char         *text);

/* What matching a plain query found in each card, for the next keystroke. */
typedef struct _ShuatiQueryResume ShuatiQueryResume;

ShuatiQueryResume *shuati_query_resume_new  (void);
void         shuati_query_resume_free       (ShuatiQueryResume  *self);
void         shuati_query_resume_set_query  (ShuatiQueryResume  *self,
                                             ShuatiQuery        *query);
gboolean     shuati_query_resume_match      (ShuatiQueryResume  *self,
                                             ShuatiCard         *card,
                                             const ShuatiQueryContext *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiQuery, shuati_query_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiQueryResume, shuati_query_resume_free)

G_END_DECLS
