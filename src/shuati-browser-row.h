/* shuati-browser-row.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-progress.h"

G_BEGIN_DECLS

/* The card browser's columns, in their default order. */
typedef enum
{
  SHUATI_BROWSER_COLUMN_NUMBER,
  SHUATI_BROWSER_COLUMN_QUESTION,
  SHUATI_BROWSER_COLUMN_TOPIC,
  SHUATI_BROWSER_COLUMN_TAGS,
  SHUATI_BROWSER_COLUMN_STATE,
  SHUATI_BROWSER_COLUMN_DUE,
  SHUATI_BROWSER_COLUMN_INTERVAL,
  SHUATI_BROWSER_COLUMN_STABILITY,
  SHUATI_BROWSER_COLUMN_DIFFICULTY,
  SHUATI_BROWSER_COLUMN_RETRIEVABILITY,
  SHUATI_BROWSER_COLUMN_REVIEWS,
  SHUATI_BROWSER_COLUMN_LAPSES,
  SHUATI_BROWSER_COLUMN_LAST_REVIEW,
  SHUATI_BROWSER_COLUMN_MODIFIED,     /* when written or last edited in the editor */
  SHUATI_BROWSER_N_COLUMNS
} ShuatiBrowserColumn;

/* What the browser shows as a card's state; a suspended card shows as
 * suspended whatever its schedule. */
typedef enum
{
  SHUATI_BROWSER_STATE_NEW,
  SHUATI_BROWSER_STATE_LEARNING,
  SHUATI_BROWSER_STATE_REVIEW,
  SHUATI_BROWSER_STATE_RELEARNING,
  SHUATI_BROWSER_STATE_LEECH,
  SHUATI_BROWSER_STATE_BURIED,
  SHUATI_BROWSER_STATE_SUSPENDED,
} ShuatiBrowserState;

#define SHUATI_TYPE_BROWSER_ROW (shuati_browser_row_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiBrowserRow, shuati_browser_row, SHUATI, BROWSER_ROW, GObject)

ShuatiBrowserRow   *shuati_browser_row_new          (ShuatiCard          *card,
                                                     ShuatiProgress      *progress,
                                                     const char * const  *languages,
                                                     gint64               now);
ShuatiCard         *shuati_browser_row_get_card     (ShuatiBrowserRow    *self);
ShuatiBrowserState  shuati_browser_row_get_state    (ShuatiBrowserRow    *self);
const ShuatiMemory *shuati_browser_row_get_memory   (ShuatiBrowserRow    *self);
gboolean            shuati_browser_row_get_starred  (ShuatiBrowserRow    *self);
gboolean            shuati_browser_row_get_suspended (ShuatiBrowserRow   *self);
double              shuati_browser_row_get_retrievability (ShuatiBrowserRow *self);
char               *shuati_browser_row_format       (ShuatiBrowserRow    *self,
                                                     ShuatiBrowserColumn  column);
const char         *shuati_browser_row_get_text     (ShuatiBrowserRow    *self,
                                                     ShuatiBrowserColumn  column);
int                 shuati_browser_row_compare      (ShuatiBrowserRow    *a,
                                                     ShuatiBrowserRow    *b,
                                                     ShuatiBrowserColumn  column);
double              shuati_browser_row_get_sort_key (ShuatiBrowserRow    *self,
                                                     ShuatiBrowserColumn  column);
gboolean            shuati_browser_column_is_text   (ShuatiBrowserColumn  column);
double              shuati_browser_card_get_sort_key (ShuatiCard         *card,
                                                     ShuatiProgress      *progress,
                                                     const char * const  *languages,
                                                     gint64               now,
                                                     ShuatiBrowserColumn  column);
void                shuati_browser_rank_rows        (ShuatiBrowserRow   **rows,
                                                     guint                n_rows,
                                                     ShuatiBrowserColumn  column);
const char         *shuati_browser_column_get_id    (ShuatiBrowserColumn  column);
const char         *shuati_browser_column_get_title (ShuatiBrowserColumn  column);
const char         *shuati_browser_state_to_string  (ShuatiBrowserState   state);

G_END_DECLS
