/* shuati-planner.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-progress.h"

G_BEGIN_DECLS

/* Every planned card is seen at least this often before the date. */
#define SHUATI_PLAN_MIN_REVIEWS 3
/* No day's work is more than this many times the mean day's. */
#define SHUATI_PLAN_MAX_LOAD_RATIO 1.5
#define SHUATI_PLAN_DEFAULT_RECALL 0.9

typedef struct
{
  gint64 now;              /* unix seconds: the plan starts on this local day */
  gint64 date;             /* any second of the interview's local day */
  double target_recall;    /* 0 for SHUATI_PLAN_DEFAULT_RECALL */
  guint  max_daily_load;   /* reviews and new cards a day at most; 0 for no limit */
} ShuatiPlanSettings;

/**
 * ShuatiPlanOrder:
 * @SHUATI_PLAN_ORDER_TOPICS: the topics in the learner's order of
 *   priority, each topic's cards in the deck's order
 * @SHUATI_PLAN_ORDER_FREQUENCY: the cards tagged as asked often first
 *   and those tagged as asked rarely last (shuati_plan_frequency_rank()),
 *   by topic priority within each
 *
 * The order the planned cards are learnt in; a smaller set keeps the
 * first ones.
 */
typedef enum
{
  SHUATI_PLAN_ORDER_TOPICS,
  SHUATI_PLAN_ORDER_FREQUENCY,
} ShuatiPlanOrder;

/* What a plan covers. */
typedef struct
{
  char            **topics;  /* topic ids in order of priority; NULL or empty: every topic, in the deck's order */
  char            **tags;    /* NULL or empty: any card; else cards with at least one of them */
  ShuatiPlanOrder   order;
} ShuatiPlanScope;

typedef struct
{
  gboolean feasible;
  guint    n_days;          /* study days, today up to the day before the date */
  guint    n_cards;         /* cards in the plan */
  guint    n_not_started;
  guint   *new_per_day;     /* n_days entries */
  guint   *load_per_day;    /* n_days entries: new cards and reviews */
  guint    peak_load;
  double   mean_load;
  guint    min_reviews;     /* the fewest reviews a card not yet started gets before the date */
  double   recall_now;      /* mean retrievability on the date's morning if study stops now */
  double   recall_planned;  /* the same if the plan is followed */
  /* When not feasible: */
  guint    feasible_days;   /* days a plan for every card needs; 0 if none within a year */
  guint    feasible_cards;  /* how many of the first cards fit before the date */
  GPtrArray *cards;         /* (nullable): the planned ShuatiCards in the order they are learnt;
                             * NULL: the deck's first n_cards */
} ShuatiPlan;

ShuatiPlan *shuati_plan_compute          (ShuatiScheduler          *scheduler,
                                          const ShuatiMemory       *memories,
                                          guint                     n_cards,
                                          const ShuatiPlanSettings *settings);
ShuatiPlan *shuati_plan_for_progress     (ShuatiScheduler          *scheduler,
                                          ShuatiProgress           *progress,
                                          double                    share,
                                          const ShuatiPlanSettings *settings);
ShuatiPlan *shuati_plan_for_scope        (ShuatiScheduler          *scheduler,
                                          ShuatiProgress           *progress,
                                          const ShuatiPlanScope    *scope,
                                          double                    share,
                                          const ShuatiPlanSettings *settings);
GPtrArray  *shuati_plan_scope_select     (const ShuatiPlanScope    *scope,
                                          ShuatiDeck               *deck);
int         shuati_plan_frequency_rank   (ShuatiCard               *card);
GListStore *shuati_plan_sort_cards       (const ShuatiPlan         *plan,
                                          GListModel               *cards);
void        shuati_plan_free             (ShuatiPlan               *plan);
guint       shuati_plan_get_new_today    (const ShuatiPlan         *plan);
guint       shuati_plan_get_load_today   (const ShuatiPlan         *plan);
GListStore *shuati_plan_list_cards       (ShuatiProgress           *progress,
                                          const ShuatiPlan         *plan,
                                          guint                    *n_today);
int         shuati_plan_days_between     (gint64                    now,
                                          gint64                    date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiPlan, shuati_plan_free)

G_END_DECLS
