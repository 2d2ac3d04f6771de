/* shuati-search-index.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-card.h"
#include "shuati-search.h"

G_BEGIN_DECLS

/* The search text of a deck's cards, cut into terms at spaces and
 * punctuation, each term stored once with the cards that hold it, with
 * where each character and each start of a reading is in the terms. */
typedef struct _ShuatiSearchIndex ShuatiSearchIndex;

/* A search over an index that follows the query as it is typed. */
typedef struct _ShuatiSearchRun ShuatiSearchRun;

ShuatiSearchIndex *shuati_search_index_new       (ShuatiCard * const *cards,
                                                  guint               n_cards);
void               shuati_search_index_free      (ShuatiSearchIndex  *self);
guint              shuati_search_index_get_n_cards (const ShuatiSearchIndex *self);
guint              shuati_search_index_get_n_terms (const ShuatiSearchIndex *self);
gsize              shuati_search_index_get_size  (const ShuatiSearchIndex *self);

ShuatiSearchRun   *shuati_search_run_new         (ShuatiSearchIndex  *index,
                                                  GListModel         *cards);
void               shuati_search_run_free        (ShuatiSearchRun    *self);
const guint64     *shuati_search_run_find        (ShuatiSearchRun    *self,
                                                  ShuatiQuery        *query,
                                                  const ShuatiQueryContext *context,
                                                  gboolean            narrows);
gboolean           shuati_search_run_get_last_was_exact (const ShuatiSearchRun *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiSearchIndex, shuati_search_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiSearchRun, shuati_search_run_free)

G_END_DECLS
