/* shuati-statistics.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-deck.h"
#include "shuati-fsrs.h"
#include "shuati-store.h"

G_BEGIN_DECLS

#define SHUATI_STATISTICS_ERROR (shuati_statistics_error_quark ())

typedef enum
{
  SHUATI_STATISTICS_ERROR_FAILED,   /* the database could not be read */
} ShuatiStatisticsError;

/* Local days in the heatmap, the last one being today. */
#define SHUATI_STATISTICS_HEATMAP_DAYS 365
/* Local days in the due forecast, after its "due now" bar. */
#define SHUATI_STATISTICS_FORECAST_DAYS 30
/* Stability, in days, from which a card in review counts as mastered. */
#define SHUATI_STATISTICS_MASTERED_STABILITY 21.0

typedef enum
{
  SHUATI_RETENTION_WEEK,    /* the past 7 local days, today included */
  SHUATI_RETENTION_MONTH,   /* the past 30 local days */
  SHUATI_RETENTION_YEAR,    /* the past 365 local days */
  SHUATI_N_RETENTION_WINDOWS
} ShuatiRetentionWindow;

/* Card states are the scheduler's, ShuatiCardState, indexed by value. */
#define SHUATI_N_CARD_STATES (SHUATI_CARD_RELEARNING + 1)

typedef struct
{
  guint reviews;     /* reviews of cards that were in review */
  guint remembered;  /* of those, rated Hard, Good or Easy */
} ShuatiRetention;

typedef struct
{
  char  *topic_id;
  guint  n_cards;
  guint  n_mastered;  /* in review with a stability of 21 days or more */
} ShuatiTopicMastery;

/**
 * ShuatiStatistics:
 * @today: the learner's local date when the statistics were computed
 * @today_reviews: reviews given today
 * @today_cards: distinct cards reviewed today
 * @today_remembered: reviews today rated Hard, Good or Easy
 * @today_duration_ms: time spent on today's reviews
 * @total_reviews: reviews in the whole history
 * @study_days: local days with at least one review in the whole history
 * @current_streak: consecutive study days up to today, or up to
 *   yesterday when nothing was studied yet today
 * @longest_streak: the longest run of consecutive study days
 * @heatmap: reviews per local day; index 0 is 364 days before @today,
 *   the last index is @today
 * @forecast: index 0 counts the cards due now (due at or before the
 *   moment of computing, overdue included); index i ≥ 1 counts the cards
 *   that fall due later on local day @today + (i − 1)
 * @retention: true retention: reviews of cards in review and how many of
 *   them were remembered, per window
 * @n_cards: cards by state; new cards are the deck's cards without
 *   progress (with all decks, only the stored cards are counted)
 * @topics: mastery per topic of the deck, in the deck's order (empty with
 *   all decks)
 * @n_topics: the length of @topics
 *
 * Plain numbers about a learner's progress in one deck or in all decks.
 */
typedef struct
{
  GDate               today;

  guint               today_reviews;
  guint               today_cards;
  guint               today_remembered;
  guint64             today_duration_ms;

  guint               total_reviews;
  guint               study_days;
  guint               current_streak;
  guint               longest_streak;

  guint               heatmap[SHUATI_STATISTICS_HEATMAP_DAYS];
  guint               forecast[SHUATI_STATISTICS_FORECAST_DAYS + 1];
  ShuatiRetention     retention[SHUATI_N_RETENTION_WINDOWS];
  guint               n_cards[SHUATI_N_CARD_STATES];

  ShuatiTopicMastery *topics;
  guint               n_topics;
} ShuatiStatistics;

#define SHUATI_TYPE_STATISTICS (shuati_statistics_get_type ())

GType             shuati_statistics_get_type     (void) G_GNUC_CONST;
GQuark            shuati_statistics_error_quark  (void);

ShuatiStatistics *shuati_statistics_compute      (ShuatiStore        *store,
                                                  const char         *deck_id,
                                                  ShuatiDeck         *deck,
                                                  gint64              now,
                                                  GTimeZone          *tz,
                                                  GError            **error);
ShuatiStatistics *shuati_statistics_copy         (const ShuatiStatistics *self);
void              shuati_statistics_free         (ShuatiStatistics   *self);

guint             shuati_statistics_get_total_cards (const ShuatiStatistics *self);
double            shuati_statistics_get_retention_rate (const ShuatiStatistics *self,
                                                        ShuatiRetentionWindow   window);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiStatistics, shuati_statistics_free)

G_END_DECLS
