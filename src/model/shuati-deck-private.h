/* shuati-deck-private.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deck's instance struct, shared by shuati-deck.c (the deck and its
 * accessors) and shuati-deck-loader.c (reading deck files).
 */

#pragma once

#include "shuati-deck.h"

#include "shuati-search-index.h"

G_BEGIN_DECLS

struct _ShuatiDeck
{
  GObject          parent_instance;

  char            *id;
  char            *source;
  GStrv            languages;
  ShuatiLocalized *title;
  ShuatiLocalized *description;
  GPtrArray       *cards;
  GHashTable      *cards_by_id;
  GListStore      *topics;
  GHashTable      *topics_by_id;
  GStrv            tags;
  GMutex           search_index_lock;
  ShuatiSearchIndex *search_index;   /* built on first use */
};

G_END_DECLS
