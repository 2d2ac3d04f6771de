/* shuati-search-model.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-card-filter.h"
#include "shuati-search-index.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SEARCH_MODEL (shuati_search_model_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSearchModel, shuati_search_model, SHUATI, SEARCH_MODEL, GObject)

ShuatiSearchModel *shuati_search_model_new       (ShuatiCardFilter  *filter);
void               shuati_search_model_set_model (ShuatiSearchModel *self,
                                                  GListModel        *model,
                                                  ShuatiSearchIndex *index);
GListModel        *shuati_search_model_get_model (ShuatiSearchModel *self);
gboolean           shuati_search_model_set_index (ShuatiSearchModel *self,
                                                  ShuatiSearchIndex *index);
gboolean           shuati_search_model_get_uses_index (ShuatiSearchModel *self);

G_END_DECLS
