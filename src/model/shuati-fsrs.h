/* shuati-fsrs.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SHUATI_RATING_AGAIN = 1,
  SHUATI_RATING_HARD,
  SHUATI_RATING_GOOD,
  SHUATI_RATING_EASY,
} ShuatiRating;

typedef enum
{
  SHUATI_CARD_NEW = 0,
  SHUATI_CARD_LEARNING = 1,
  SHUATI_CARD_REVIEW = 2,
  SHUATI_CARD_RELEARNING = 3,
} ShuatiCardState;

/* What the scheduler knows about one card. A new card is all zero. */
typedef struct
{
  ShuatiCardState state;
  guint           step;
  double          stability;     /* days */
  double          difficulty;    /* 1 to 10 */
  gint64          due;           /* unix seconds, UTC */
  gint64          last_review;   /* unix seconds, UTC; 0 = never */
  guint           reps;
  guint           lapses;
} ShuatiMemory;

typedef struct
{
  double elapsed_days;       /* since the previous review, whole days; 0 for a new card */
  gint64 interval_seconds;   /* from the review until the card is due */
  double scheduled_days;     /* interval_seconds in days */
} ShuatiReviewInfo;

#define SHUATI_FSRS_N_WEIGHTS 21

#define SHUATI_FSRS_MIN_RETENTION 0.70
#define SHUATI_FSRS_MAX_RETENTION 0.97
#define SHUATI_FSRS_MIN_STABILITY 0.001
#define SHUATI_FSRS_MAX_STABILITY 36500.0

#define SHUATI_TYPE_SCHEDULER (shuati_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiScheduler, shuati_scheduler, SHUATI, SCHEDULER, GObject)

ShuatiScheduler *shuati_scheduler_new                   (void);

double           shuati_scheduler_get_desired_retention (ShuatiScheduler    *self);
void             shuati_scheduler_set_desired_retention (ShuatiScheduler    *self,
                                                         double              retention);
guint            shuati_scheduler_get_maximum_interval  (ShuatiScheduler    *self);
void             shuati_scheduler_set_maximum_interval  (ShuatiScheduler    *self,
                                                         guint               days);
const guint     *shuati_scheduler_get_learning_steps    (ShuatiScheduler    *self,
                                                         guint              *n_steps);
void             shuati_scheduler_set_learning_steps    (ShuatiScheduler    *self,
                                                         const guint        *seconds,
                                                         guint               n_steps);
const guint     *shuati_scheduler_get_relearning_steps  (ShuatiScheduler    *self,
                                                         guint              *n_steps);
void             shuati_scheduler_set_relearning_steps  (ShuatiScheduler    *self,
                                                         const guint        *seconds,
                                                         guint               n_steps);
gboolean         shuati_scheduler_get_fuzz              (ShuatiScheduler    *self);
void             shuati_scheduler_set_fuzz              (ShuatiScheduler    *self,
                                                         gboolean            fuzz);
void             shuati_scheduler_set_fuzz_seed         (ShuatiScheduler    *self,
                                                         guint32             seed);
gboolean         shuati_scheduler_set_weights           (ShuatiScheduler    *self,
                                                         const double       *weights,
                                                         guint               n_weights);
const double    *shuati_scheduler_get_weights           (ShuatiScheduler    *self);
const double    *shuati_fsrs_get_default_weights        (void);
guint            shuati_scheduler_get_interval_days     (ShuatiScheduler    *self,
                                                         double              stability);

void             shuati_scheduler_review                (ShuatiScheduler    *self,
                                                         const ShuatiMemory *before,
                                                         ShuatiRating        rating,
                                                         gint64              now,
                                                         ShuatiMemory       *after,
                                                         ShuatiReviewInfo   *info);
void             shuati_scheduler_preview               (ShuatiScheduler    *self,
                                                         const ShuatiMemory *before,
                                                         gint64              now,
                                                         gint64              intervals[4]);

double           shuati_fsrs_retrievability             (double              elapsed_days,
                                                         double              stability);
char            *shuati_format_interval                 (gint64              seconds);

G_END_DECLS
