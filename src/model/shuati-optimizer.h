/* shuati-optimizer.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-store.h"

G_BEGIN_DECLS

/* One review of the log. A log is sorted by card, then by time. */
typedef struct
{
  guint32 card;          /* groups the reviews of one card */
  gint32  day;           /* the learner's local day number */
  gint64  reviewed_at;   /* unix seconds */
  guint8  rating;        /* 1 to 4; anything else is a manual reset */
  guint8  state_before;  /* a ShuatiCardState; New starts a card's history */
} ShuatiReviewRecord;

typedef struct
{
  double log_loss;
  double rmse_bins;
  guint  n_reviews;
} ShuatiFsrsMetrics;

typedef struct
{
  guint             n_reviews;   /* reviews in the log */
  guint             n_cards;     /* cards with a usable history */
  guint             n_usable;    /* reviews a day or more after the previous one */
  guint             n_train;
  guint             n_test;      /* the latest 20 %, held out */
  gint64            held_out_from; /* the first held-out review's time */
  gboolean          fitted;      /* FALSE: too few reviews, weights are the start */
  gboolean          better;      /* fitted beats start on the held-out reviews */
  char             *message;     /* why nothing is offered, or NULL */
  double            start[SHUATI_FSRS_N_WEIGHTS];
  double            weights[SHUATI_FSRS_N_WEIGHTS];
  ShuatiFsrsMetrics before;      /* start weights, held-out reviews */
  ShuatiFsrsMetrics after;       /* fitted weights, held-out reviews */
  /* The health check: the fitted weights on the latest 30 days and on
   * the rest; inconsistent when the month is much worse. */
  double            recent_log_loss;
  double            earlier_log_loss;
  gboolean          inconsistent;
} ShuatiOptimizerResult;

#define SHUATI_OPTIMIZER_MIN_REVIEWS 8
#define SHUATI_OPTIMIZER_BATCH_SIZE 512
#define SHUATI_OPTIMIZER_EPOCHS 5
#define SHUATI_OPTIMIZER_LEARNING_RATE 0.04

/* Called with the fraction done, 0 to 1. */
typedef void (*ShuatiOptimizerProgress) (double   fraction,
                                         gpointer user_data);

void                   shuati_optimizer_result_free          (ShuatiOptimizerResult      *result);

gint32                 shuati_optimizer_day_number           (gint64                      unix_time);
GArray                *shuati_optimizer_load_log             (ShuatiStore                *store,
                                                              const char                 *deck_id,
                                                              GError                    **error);

void                   shuati_optimizer_clip                 (double                     *weights);
gboolean               shuati_optimizer_parse_weights        (const char                 *text,
                                                              double                     *weights,
                                                              GError                    **error);
char                  *shuati_optimizer_format_weights       (const double               *weights);

gboolean               shuati_optimizer_replay               (const ShuatiReviewRecord   *reviews,
                                                              gsize                       n_reviews,
                                                              const double               *weights,
                                                              double                     *stability,
                                                              double                     *difficulty);
double                 shuati_optimizer_loss                 (const ShuatiReviewRecord   *log,
                                                              gsize                       n_log,
                                                              const double               *weights,
                                                              gint64                      until,
                                                              double                     *gradient,
                                                              guint                      *n_labels);
gboolean               shuati_optimizer_evaluate             (const ShuatiReviewRecord   *log,
                                                              gsize                       n_log,
                                                              const double               *weights,
                                                              gint64                      from,
                                                              gint64                      until,
                                                              ShuatiFsrsMetrics          *metrics);
void                   shuati_optimizer_fit_initial_stability (const ShuatiReviewRecord  *log,
                                                              gsize                       n_log,
                                                              const double               *start,
                                                              gint64                      until,
                                                              double                      s0[4],
                                                              guint                       counts[4]);

/* The scheduler for a deck's cards (transfer none), or %NULL to leave
 * them as they are. */
typedef ShuatiScheduler *(*ShuatiSchedulerForDeck) (const char *deck_id,
                                                    gpointer    user_data);

gboolean               shuati_optimizer_reschedule_with      (ShuatiStore                *store,
                                                              ShuatiSchedulerForDeck      scheduler_for_deck,
                                                              gpointer                    user_data,
                                                              const char                 *deck_id,
                                                              guint                      *n_changed,
                                                              GError                    **error);
gboolean               shuati_optimizer_reschedule           (ShuatiStore                *store,
                                                              ShuatiScheduler            *scheduler,
                                                              const char                 *deck_id,
                                                              guint                      *n_changed,
                                                              GError                    **error);

ShuatiOptimizerResult *shuati_optimizer_run                  (const ShuatiReviewRecord   *log,
                                                              gsize                       n_log,
                                                              const double               *start,
                                                              ShuatiOptimizerProgress     progress,
                                                              gpointer                    user_data,
                                                              GCancellable               *cancellable,
                                                              GError                    **error);
void                   shuati_optimizer_run_async            (GArray                     *log,
                                                              const double               *start,
                                                              ShuatiOptimizerProgress     progress,
                                                              gpointer                    progress_data,
                                                              GCancellable               *cancellable,
                                                              GAsyncReadyCallback         callback,
                                                              gpointer                    user_data);
ShuatiOptimizerResult *shuati_optimizer_run_finish           (GAsyncResult               *result,
                                                              GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiOptimizerResult, shuati_optimizer_result_free)

G_END_DECLS
