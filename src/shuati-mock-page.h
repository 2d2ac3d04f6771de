/* shuati-mock-page.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-mock.h"
#include "shuati-progress.h"

G_BEGIN_DECLS

/* The lengths offered, as the length row lists them. */
typedef enum
{
  SHUATI_MOCK_LENGTH_5,
  SHUATI_MOCK_LENGTH_10,
  SHUATI_MOCK_LENGTH_20,
  SHUATI_MOCK_LENGTH_30_MINUTES,
  SHUATI_MOCK_LENGTH_45_MINUTES,
  SHUATI_MOCK_LENGTH_60_MINUTES,
} ShuatiMockLength;

#define SHUATI_TYPE_MOCK_PAGE (shuati_mock_page_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiMockPage, shuati_mock_page, SHUATI, MOCK_PAGE, GtkWidget)

GtkWidget   *shuati_mock_page_new             (void);
void         shuati_mock_page_set_choice      (ShuatiMockPage     *self,
                                               ShuatiScheduler    *scheduler,
                                               ShuatiProgress     *progress,
                                               GListModel         *cards,
                                               const char         *title,
                                               const char * const *languages);
void         shuati_mock_page_set_plan        (ShuatiMockPage     *self,
                                               GListModel         *planned,
                                               guint               n_today);
void         shuati_mock_page_set_seed        (ShuatiMockPage     *self,
                                               guint32             seed);
ShuatiMock  *shuati_mock_page_get_mock        (ShuatiMockPage     *self);
const char  *shuati_mock_page_get_view        (ShuatiMockPage     *self);
gboolean     shuati_mock_page_get_revealed    (ShuatiMockPage     *self);
guint        shuati_mock_page_questions_for   (ShuatiMockLength    length,
                                               guint               minutes_per_question);

G_END_DECLS
