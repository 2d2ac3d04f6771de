/* shuati-test-utils.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several tests need: the built-in deck, and scratch folders.
 */

#pragma once

#include <glib.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

char       *shuati_test_corpus_path  (void);
ShuatiDeck *shuati_test_load_corpus  (void);
char       *shuati_test_make_dir     (const char *name);
void        shuati_test_remove_tree  (const char *path);

G_END_DECLS
