/* shuati-mock.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-card.h"
#include "shuati-fsrs.h"
#include "shuati-progress.h"
#include "shuati-store.h"

G_BEGIN_DECLS

/* The time each question gets unless the learner chooses otherwise. */
#define SHUATI_MOCK_DEFAULT_SECONDS 180

/* One question of a mock interview, once answered. */
typedef struct
{
  ShuatiCard   *card;          /* borrowed from the mock */
  guint         n_points;
  guint         n_covered;
  guint         duration_ms;
  ShuatiRating  rating;
  gint64        review_id;     /* 0 when nothing was recorded */
  char         *notes;
} ShuatiMockAnswer;

/* A past mock interview, as the store lists them. */
typedef struct
{
  gint64 id;
  gint64 started_at;
  gint64 ended_at;
  guint  n_questions;
  guint  n_points;
  guint  n_covered;
} ShuatiMockRecord;

#define SHUATI_TYPE_MOCK (shuati_mock_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiMock, shuati_mock, SHUATI, MOCK, GObject)

GPtrArray     *shuati_mock_pick             (GListModel          *cards,
                                             ShuatiProgress      *progress,
                                             guint                n_questions,
                                             gint64               now,
                                             guint32              seed);
GPtrArray     *shuati_mock_pick_planned     (GListModel          *planned,
                                             guint                n_today,
                                             ShuatiProgress      *progress,
                                             guint                n_questions,
                                             gint64               now,
                                             guint32              seed);
ShuatiRating   shuati_mock_rating           (guint                n_points,
                                             guint                n_covered,
                                             guint                duration_ms,
                                             guint                limit_ms);

ShuatiMock    *shuati_mock_new              (ShuatiScheduler     *scheduler,
                                             ShuatiStore         *store,
                                             const char          *deck_id,
                                             GPtrArray           *questions,
                                             guint                seconds_per_question,
                                             gint64               now,
                                             GError             **error);
ShuatiCard    *shuati_mock_get_current      (ShuatiMock          *self);
guint          shuati_mock_get_position     (ShuatiMock          *self);
guint          shuati_mock_get_n_questions  (ShuatiMock          *self);
guint          shuati_mock_get_seconds_per_question (ShuatiMock  *self);
gint64         shuati_mock_get_id           (ShuatiMock          *self);
gboolean       shuati_mock_answer           (ShuatiMock          *self,
                                             guint                n_points,
                                             guint                n_covered,
                                             guint                duration_ms,
                                             const char          *notes,
                                             gint64               now,
                                             GError             **error);
gboolean       shuati_mock_finish           (ShuatiMock          *self,
                                             gint64               now,
                                             GError             **error);
gboolean       shuati_mock_get_finished     (ShuatiMock          *self);
guint          shuati_mock_get_n_answers    (ShuatiMock          *self);
const ShuatiMockAnswer *shuati_mock_get_answer (ShuatiMock       *self,
                                             guint                i);
double         shuati_mock_get_score        (ShuatiMock          *self);

GArray        *shuati_mock_list_past        (ShuatiStore         *store,
                                             const char          *deck_id,
                                             GError             **error);

G_END_DECLS
