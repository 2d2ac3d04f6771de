/* shuati-session.h
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

/**
 * ShuatiStudyKind:
 * @SHUATI_STUDY_DUE: the day's work: learning steps, due reviews and the
 *   day's new cards
 * @SHUATI_STUDY_AHEAD: review cards due in the next days, early
 * @SHUATI_STUDY_FORGOTTEN: the cards graded Again today
 */
typedef enum
{
  SHUATI_STUDY_DUE,
  SHUATI_STUDY_AHEAD,
  SHUATI_STUDY_FORGOTTEN,
} ShuatiStudyKind;

/* How far Review Ahead looks, in days after today. */
#define SHUATI_SESSION_AHEAD_DAYS 7

#define SHUATI_TYPE_SESSION (shuati_session_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSession, shuati_session, SHUATI, SESSION, GObject)

ShuatiSession *shuati_session_new_study      (ShuatiScheduler  *scheduler,
                                              ShuatiStore      *store,
                                              const char       *deck_id,
                                              GListModel       *cards,
                                              guint             new_limit,
                                              gint64            now,
                                              GError          **error);
ShuatiSession *shuati_session_new_study_with_memories (ShuatiScheduler *scheduler,
                                              ShuatiStore      *store,
                                              const char       *deck_id,
                                              GListModel       *cards,
                                              GHashTable       *memories,
                                              guint             new_limit,
                                              gint64            now,
                                              GError          **error);
ShuatiSession *shuati_session_new_study_for_progress (ShuatiScheduler *scheduler,
                                                      ShuatiProgress  *progress,
                                                      GListModel      *cards,
                                                      guint            new_limit,
                                                      gint64           now);
ShuatiSession *shuati_session_new_custom     (ShuatiScheduler  *scheduler,
                                              ShuatiStore      *store,
                                              const char       *deck_id,
                                              GListModel       *cards,
                                              ShuatiStudyKind   kind,
                                              guint             new_limit,
                                              gint64            now,
                                              GError          **error);
ShuatiSession *shuati_session_new_custom_for_progress (ShuatiScheduler *scheduler,
                                                       ShuatiProgress  *progress,
                                                       GListModel      *cards,
                                                       ShuatiStudyKind  kind,
                                                       guint            new_limit,
                                                       gint64           now);
ShuatiSession *shuati_session_new_practice   (GListModel       *cards,
                                              gboolean          shuffled,
                                              guint32           seed);

ShuatiCard    *shuati_session_get_current    (ShuatiSession    *self);
const ShuatiMemory *shuati_session_get_current_memory (ShuatiSession *self);
void           shuati_session_preview        (ShuatiSession    *self,
                                              gint64            now,
                                              gint64            intervals[4]);
gboolean       shuati_session_grade          (ShuatiSession    *self,
                                              ShuatiRating      rating,
                                              gint64            now,
                                              guint             duration_ms,
                                              GError          **error);
gboolean       shuati_session_can_undo       (ShuatiSession    *self);
gboolean       shuati_session_undo           (ShuatiSession    *self,
                                              GError          **error);

guint          shuati_session_get_n_new      (ShuatiSession    *self);
guint          shuati_session_get_n_learning (ShuatiSession    *self);
guint          shuati_session_get_n_due      (ShuatiSession    *self);
guint          shuati_session_get_n_done     (ShuatiSession    *self);
guint          shuati_session_get_n_remembered (ShuatiSession  *self);
gboolean       shuati_session_get_is_practice (ShuatiSession   *self);
gboolean       shuati_session_get_finished   (ShuatiSession    *self);
gint64         shuati_session_get_started_at (ShuatiSession    *self);
gint64         shuati_session_get_next_due   (ShuatiSession    *self);
ShuatiStudyKind shuati_session_get_kind      (ShuatiSession    *self);
guint          shuati_session_get_n_cards    (ShuatiSession    *self);
guint          shuati_session_count_new_left (ShuatiSession    *self);
guint          shuati_session_count_ahead    (ShuatiSession    *self,
                                              gint64            now);
guint          shuati_session_count_forgotten (ShuatiSession   *self,
                                              gint64            now);

ShuatiRating   shuati_suggest_rating         (guint             n_points,
                                              guint             n_ticked,
                                              gboolean          touched);

ShuatiSession *shuati_session_new_practice_with_store (ShuatiStore *store,
                                              GListModel       *cards,
                                              gboolean          shuffled,
                                              guint32           seed);
gboolean       shuati_session_get_can_star   (ShuatiSession    *self);
gboolean       shuati_session_get_starred    (ShuatiSession    *self,
                                              ShuatiCard       *card);
gboolean       shuati_session_set_starred    (ShuatiSession    *self,
                                              ShuatiCard       *card,
                                              gboolean          starred,
                                              GError          **error);

G_END_DECLS
