/* shuati-browser-rows.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-browser-row.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_BROWSER_ROWS (shuati_browser_rows_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiBrowserRows, shuati_browser_rows, SHUATI, BROWSER_ROWS, GObject)

ShuatiBrowserRows *shuati_browser_rows_new        (GListModel          *cards,
                                                   ShuatiProgress      *progress,
                                                   const char * const  *languages);
void               shuati_browser_rows_refresh    (ShuatiBrowserRows   *self,
                                                   const char          *card_id);
void               shuati_browser_rows_sort       (ShuatiBrowserRows   *self,
                                                   int                  column,
                                                   gboolean             descending);

gboolean           shuati_browser_rows_make_some  (ShuatiBrowserRows   *self,
                                                   guint                n);
void               shuati_browser_rows_rank_ahead (ShuatiBrowserRows   *self);

G_END_DECLS
