/* shuati-planner.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning toward an interview date. The plan is a simulation with the
 * scheduler: each card's memory is rolled forward day by day, each
 * review graded as its retrievability makes likely (Good while it is at
 * least one half, else Again). A review whose interval would jump past
 * the date is moved into the last days before it, so that every card is
 * seen once close to the day; after the date normal scheduling resumes
 * by itself, as nothing of the plan is stored in the cards.
 *
 * New cards all follow the same path (a new card graded Good, again and
 * again), so that path is simulated once and shifted to each day a card
 * is introduced. How many are introduced each day is chosen by
 * water-filling: every day is filled up to one level, the lowest that
 * introduces every card early enough to get its reviews in.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "shuati-progress.h"
#include "shuati-planner.h"

#define DAY 86400
#define MAX_PATH 64
/* The hour of the day the simulation studies at. */
#define STUDY_HOUR (12 * 3600)

typedef struct
{
  int          day;      /* days after the intro */
  gint64       offset;   /* seconds after the intro's study time */
  ShuatiMemory after;    /* relative: times are offsets from the intro */
} Step;

typedef struct
{
  ShuatiScheduler *scheduler;
  const ShuatiMemory *memories;
  guint            n_cards;
  gint64           today;        /* the first second of day 0 */
  gint64           date_start;   /* the first second of the date */
  int              n_days;
  /* The path of a new card, introduced at offset 0 of day 0. */
  Step             path[MAX_PATH];
  guint            path_len;
  guint            same_day;     /* reviews on the intro day, the intro included */
} Context;

/**
 * shuati_plan_days_between:
 *
 * Returns: the whole local days from the day of @now to the day of @date
 *   (negative when @date is earlier)
 */
int
shuati_plan_days_between (gint64 now,
                          gint64 date)
{
  gint64 a = shuati_day_start (now);
  gint64 b = shuati_day_start (date);

  /* Rounded: a day with a DST change is 23 or 25 hours long. */
  return (int)floor ((double)(b - a) / DAY + 0.5);
}

static ShuatiRating
expected_rating (const ShuatiMemory *memory,
                 gint64              at)
{
  double r;

  if (memory->state == SHUATI_CARD_NEW || memory->last_review == 0)
    return SHUATI_RATING_GOOD;
  r = shuati_fsrs_retrievability (MAX (0, at - memory->last_review) / (double)DAY, memory->stability);
  return r >= 0.5 ? SHUATI_RATING_GOOD : SHUATI_RATING_AGAIN;
}

static double
recall_at (const ShuatiMemory *memory,
           gint64              at)
{
  if (memory->state == SHUATI_CARD_NEW || memory->last_review == 0)
    return 0.0;
  return shuati_fsrs_retrievability (MAX (0, at - memory->last_review) / (double)DAY, memory->stability);
}

static int
day_of (const Context *ctx,
        gint64         at)
{
  return (int)floor ((double)(at - ctx->today) / DAY);
}

/* When a card due at @due is next studied: its due time, or the study
 * hour of its due day when that comes later (reviews wait for the day's
 * session; learning steps do not). */
static gint64
study_time (const Context      *ctx,
            const ShuatiMemory *memory,
            gint64              after)
{
  gint64 due = MAX (memory->due, after);

  if (memory->state == SHUATI_CARD_REVIEW)
    {
      gint64 day_start = ctx->today + (gint64)day_of (ctx, due) * DAY;

      return MAX (due, day_start + STUDY_HOUR);
    }
  return due;
}

static void
build_path (Context *ctx)
{
  ShuatiMemory m = { 0 };
  gint64 at = 0;

  /* Relative times from a fixed origin well inside the range. */
  const gint64 origin = (gint64)1000 * DAY + STUDY_HOUR;

  ctx->path_len = 0;
  ctx->same_day = 0;
  at = origin;
  while (ctx->path_len < MAX_PATH)
    {
      ShuatiMemory after;
      ShuatiReviewInfo info;
      Step *step = &ctx->path[ctx->path_len++];

      shuati_scheduler_review (ctx->scheduler, &m, expected_rating (&m, at), at, &after, &info);
      step->offset = at - origin;
      step->day = (int)floor ((double)(at - (origin - STUDY_HOUR)) / DAY);
      step->after = after;
      if (step->day == 0)
        ctx->same_day++;
      m = after;
      if (after.state == SHUATI_CARD_REVIEW)
        {
          gint64 day_start = origin - STUDY_HOUR + (gint64)floor ((double)(after.due - (origin - STUDY_HOUR)) / DAY) * DAY;

          at = MAX (after.due, day_start + STUDY_HOUR);
        }
      else
        at = after.due;
      /* A year is past any plan. */
      if (at - origin > (gint64)366 * DAY)
        break;
    }
}

/* The window of last days that capped reviews go to. */
typedef struct
{
  int  first;     /* the first day of the window */
  guint next;     /* round robin over its days */
} Window;

static int
window_day (Context *ctx,
            Window  *w)
{
  int width = ctx->n_days - w->first;
  int day = w->first + (int)(w->next++ % (guint)MAX (width, 1));

  return day;
}

/* Rolls a card already started forward, adding its reviews to @load and
 * its recall on the date to @recall. */
static void
simulate_existing (Context            *ctx,
                   const ShuatiMemory *start,
                   Window             *w,
                   double             *load,
                   double             *recall)
{
  ShuatiMemory m = *start;
  gint64 at = study_time (ctx, &m, ctx->today + STUDY_HOUR);
  int last_day = -1;

  for (guint guard = 0; guard < 400; guard++)
    {
      int day = day_of (ctx, at);
      ShuatiMemory after;
      ShuatiReviewInfo info;

      if (day >= ctx->n_days)
        {
          /* Would jump past the date: once more in the last days, unless
           * it was already seen there. */
          if (last_day >= w->first || ctx->n_days == 0)
            break;
          day = window_day (ctx, w);
          at = ctx->today + (gint64)day * DAY + STUDY_HOUR;
          at = MAX (at, m.last_review);
          shuati_scheduler_review (ctx->scheduler, &m, expected_rating (&m, at), at, &after, &info);
          load[day] += 1;
          m = after;
          break;
        }

      shuati_scheduler_review (ctx->scheduler, &m, expected_rating (&m, at), at, &after, &info);
      load[day] += 1;
      last_day = day;
      m = after;
      at = study_time (ctx, &m, at);
    }

  *recall += recall_at (&m, ctx->date_start);
}

/* How many reviews a new card introduced on @day gets before the date,
 * counting the one capped into the window. */
static guint
reviews_if_introduced (const Context *ctx,
                       int            day,
                       const Window  *w)
{
  guint n = 0;
  int last = -1;

  for (guint i = 0; i < ctx->path_len; i++)
    {
      int d = day + ctx->path[i].day;

      if (d >= ctx->n_days)
        return n + (last < w->first ? 1 : 0);
      n++;
      last = d;
    }
  return n;
}

typedef struct
{
  gboolean ok;
  guint   *new_per_day;
  double  *load;
  double   recall;
  guint    min_reviews;
  guint    n_new;
} Attempt;

static void
attempt_clear (Attempt *a)
{
  g_clear_pointer (&a->new_per_day, g_free);
  g_clear_pointer (&a->load, g_free);
}

/* Fills days up to @level with introductions, in order, until every one
 * of @n_new is introduced by @last_day. */
static gboolean
fill_to_level (const Context *ctx,
               const double  *base,
               double         level,
               guint          n_new,
               int            last_day,
               guint         *new_per_day,
               double        *load)
{
  guint left = n_new;

  memcpy (load, base, sizeof (double) * ctx->n_days);
  memset (new_per_day, 0, sizeof (guint) * ctx->n_days);

  for (int t = 0; t <= last_day && left > 0; t++)
    {
      double room = level - load[t];
      guint k;

      if (room < ctx->same_day)
        continue;
      k = (guint)MIN ((double)left, floor (room / ctx->same_day));
      new_per_day[t] = k;
      left -= k;
      for (guint i = 0; i < ctx->path_len; i++)
        {
          int d = t + ctx->path[i].day;

          if (d >= ctx->n_days)
            break;
          load[d] += k;
        }
    }

  return left == 0;
}

/* Plans the first @n_cards cards with a window of @width last days. */
static void
attempt_plan (Context *ctx,
              guint    n_cards,
              int      width,
              Attempt *out)
{
  g_autofree double *base = g_new0 (double, MAX (ctx->n_days, 1));
  Window w = { MAX (ctx->n_days - width, 0), 0 };
  guint n_new = 0;
  guint min_reviews = G_MAXUINT;
  int last_day = -1;
  double recall = 0.0;
  double lo, hi;

  memset (out, 0, sizeof *out);
  out->new_per_day = g_new0 (guint, MAX (ctx->n_days, 1));
  out->load = g_new0 (double, MAX (ctx->n_days, 1));

  for (guint i = 0; i < n_cards; i++)
    {
      if (ctx->memories[i].state == SHUATI_CARD_NEW)
        n_new++;
      else
        simulate_existing (ctx, &ctx->memories[i], &w, base, &recall);
    }

  /* The last day a new card can start and still get its reviews. */
  for (int d = ctx->n_days - 1; d >= 0; d--)
    if (reviews_if_introduced (ctx, d, &w) >= SHUATI_PLAN_MIN_REVIEWS)
      {
        last_day = d;
        break;
      }

  if (n_new > 0 && last_day < 0)
    {
      out->ok = FALSE;
      out->min_reviews = 0;
      return;
    }

  if (n_new > 0)
    {
      /* The lowest level that fits them all, to a tenth of a card. */
      lo = 0.0;
      hi = n_new * (double)ctx->same_day + ctx->same_day;
      for (int t = 0; t < ctx->n_days; t++)
        hi = MAX (hi, base[t] + n_new * (double)ctx->same_day);
      while (hi - lo > 0.1)
        {
          double mid = (lo + hi) / 2;

          if (fill_to_level (ctx, base, mid, n_new, last_day, out->new_per_day, out->load))
            hi = mid;
          else
            lo = mid;
        }
      fill_to_level (ctx, base, hi, n_new, last_day, out->new_per_day, out->load);

      /* Each new card: its capped review, and its recall on the day. */
      for (int t = 0; t <= last_day; t++)
        for (guint k = 0; k < out->new_per_day[t]; k++)
          {
            gint64 intro = ctx->today + (gint64)t * DAY + STUDY_HOUR;
            const ShuatiMemory *last = NULL;
            ShuatiMemory m;
            guint n = 0;
            int last_seen = -1;

            for (guint i = 0; i < ctx->path_len && t + ctx->path[i].day < ctx->n_days; i++)
              {
                last = &ctx->path[i].after;
                last_seen = t + ctx->path[i].day;
                n++;
              }
            g_assert (last != NULL);
            m = *last;
            m.due += intro;
            m.last_review += intro;
            if (last_seen < w.first)
              {
                ShuatiMemory after;
                ShuatiReviewInfo info;
                int day = window_day (ctx, &w);
                gint64 at = MAX (ctx->today + (gint64)day * DAY + STUDY_HOUR, m.last_review);

                shuati_scheduler_review (ctx->scheduler, &m, expected_rating (&m, at), at, &after, &info);
                out->load[day] += 1;
                m = after;
                n++;
              }
            recall += recall_at (&m, ctx->date_start);
            min_reviews = MIN (min_reviews, n);
          }
    }
  else
    memcpy (out->load, base, sizeof (double) * ctx->n_days);

  out->n_new = n_new;
  out->recall = n_cards > 0 ? recall / n_cards : 0.0;
  out->min_reviews = min_reviews == G_MAXUINT ? 0 : min_reviews;
  out->ok = TRUE;
}

static void
load_stats (const Context *ctx,
            const double  *load,
            guint         *peak,
            double        *mean)
{
  double total = 0.0;
  double top = 0.0;

  for (int t = 0; t < ctx->n_days; t++)
    {
      total += load[t];
      top = MAX (top, load[t]);
    }
  *peak = (guint)ceil (top);
  *mean = ctx->n_days > 0 ? total / ctx->n_days : 0.0;
}

/* Plans with the narrowest window of last days that keeps the load
 * spread; returns whether the plan meets every rule. */
static gboolean
plan_spread (Context  *ctx,
             guint     n_cards,
             guint     max_daily_load,
             Attempt  *out)
{
  int widest = MAX (1, ctx->n_days / 2);

  memset (out, 0, sizeof *out);
  for (int width = MIN (3, widest); ; width = MIN (widest, width * 2))
    {
      guint peak;
      double mean;
      Attempt a;

      attempt_plan (ctx, n_cards, width, &a);
      if (!a.ok)
        {
          attempt_clear (out);
          *out = a;
          return FALSE;
        }
      load_stats (ctx, a.load, &peak, &mean);
      attempt_clear (out);
      *out = a;
      if ((peak <= ceil (SHUATI_PLAN_MAX_LOAD_RATIO * mean) || width >= widest) &&
          (max_daily_load == 0 || peak <= max_daily_load || width >= widest))
        return (max_daily_load == 0 || peak <= max_daily_load) &&
               (a.n_new == 0 || a.min_reviews >= SHUATI_PLAN_MIN_REVIEWS);
    }
}

static void
context_init (Context                  *ctx,
              ShuatiScheduler          *scheduler,
              const ShuatiMemory       *memories,
              guint                     n_cards,
              gint64                    now,
              int                       n_days)
{
  ctx->scheduler = scheduler;
  ctx->memories = memories;
  ctx->n_cards = n_cards;
  ctx->today = shuati_day_start (now);
  ctx->n_days = MAX (n_days, 0);
  ctx->date_start = ctx->today + (gint64)ctx->n_days * DAY;
  build_path (ctx);
}

/**
 * shuati_plan_compute:
 * @scheduler: the learner's scheduler; its fuzz is left out of the plan
 * @memories: (array length=n_cards): the planned cards' memories, in the
 *   order they should be learnt (a smaller set keeps the first ones)
 * @settings: the date and what the learner wants on it
 *
 * Returns: (transfer full): the plan; when it is not feasible, also the
 *   earliest date and the largest set that would be
 */
ShuatiPlan *
shuati_plan_compute (ShuatiScheduler          *scheduler,
                     const ShuatiMemory       *memories,
                     guint                     n_cards,
                     const ShuatiPlanSettings *settings)
{
  g_autoptr(ShuatiScheduler) sim = NULL;
  ShuatiPlan *plan = g_new0 (ShuatiPlan, 1);
  double target;
  Context ctx = { 0 };
  Attempt best = { 0 };
  int n_days;

  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), plan);
  g_return_val_if_fail (memories != NULL || n_cards == 0, plan);
  g_return_val_if_fail (settings != NULL, plan);

  /* The same scheduler, without fuzz, aiming at the recall wanted. */
  target = settings->target_recall > 0 ? settings->target_recall : SHUATI_PLAN_DEFAULT_RECALL;
  sim = shuati_scheduler_new ();
  shuati_scheduler_set_weights (sim, shuati_scheduler_get_weights (scheduler), SHUATI_FSRS_N_WEIGHTS);
  shuati_scheduler_set_fuzz (sim, FALSE);
  shuati_scheduler_set_desired_retention (sim, CLAMP (target, SHUATI_FSRS_MIN_RETENTION, SHUATI_FSRS_MAX_RETENTION));
  shuati_scheduler_set_maximum_interval (sim, shuati_scheduler_get_maximum_interval (scheduler));
  {
    guint n;
    const guint *steps = shuati_scheduler_get_learning_steps (scheduler, &n);

    shuati_scheduler_set_learning_steps (sim, steps, n);
    steps = shuati_scheduler_get_relearning_steps (scheduler, &n);
    shuati_scheduler_set_relearning_steps (sim, steps, n);
  }

  n_days = shuati_plan_days_between (settings->now, settings->date);
  context_init (&ctx, sim, memories, n_cards, settings->now, n_days);

  plan->n_days = ctx.n_days;
  plan->n_cards = n_cards;
  for (guint i = 0; i < n_cards; i++)
    {
      if (memories[i].state == SHUATI_CARD_NEW)
        plan->n_not_started++;
      plan->recall_now += recall_at (&memories[i], ctx.date_start);
    }
  plan->recall_now = n_cards > 0 ? plan->recall_now / n_cards : 0.0;

  plan->feasible = ctx.n_days > 0 && plan_spread (&ctx, n_cards, settings->max_daily_load, &best);

  plan->new_per_day = g_new0 (guint, MAX (ctx.n_days, 1));
  plan->load_per_day = g_new0 (guint, MAX (ctx.n_days, 1));
  if (best.load != NULL)
    {
      for (int t = 0; t < ctx.n_days; t++)
        {
          plan->new_per_day[t] = best.new_per_day[t];
          plan->load_per_day[t] = (guint)ceil (best.load[t]);
        }
      load_stats (&ctx, best.load, &plan->peak_load, &plan->mean_load);
      plan->recall_planned = best.recall;
      plan->min_reviews = best.min_reviews;
    }
  attempt_clear (&best);

  if (!plan->feasible)
    {
      guint lo = 0;
      guint hi = n_cards;
      int days;

      /* The earliest date: doubling, then halving. */
      plan->feasible_days = 0;
      for (days = MAX (ctx.n_days, 1); days <= 366; days *= 2)
        {
          Context c = { 0 };
          Attempt a;
          gboolean ok;

          context_init (&c, sim, memories, n_cards, settings->now, days);
          ok = plan_spread (&c, n_cards, settings->max_daily_load, &a);
          attempt_clear (&a);
          if (ok)
            break;
        }
      if (days <= 366)
        {
          int low = MAX (ctx.n_days, days / 2);
          int high = days;

          while (high - low > 1)
            {
              int mid = (low + high) / 2;
              Context c = { 0 };
              Attempt a;
              gboolean ok;

              context_init (&c, sim, memories, n_cards, settings->now, mid);
              ok = plan_spread (&c, n_cards, settings->max_daily_load, &a);
              attempt_clear (&a);
              if (ok)
                high = mid;
              else
                low = mid;
            }
          plan->feasible_days = high;
        }

      /* The largest set, keeping the first cards. */
      while (ctx.n_days > 0 && lo < hi)
        {
          guint mid = (lo + hi + 1) / 2;
          Attempt a;
          gboolean ok = plan_spread (&ctx, mid, settings->max_daily_load, &a);

          attempt_clear (&a);
          if (ok)
            lo = mid;
          else
            hi = mid - 1;
        }
      plan->feasible_cards = lo;
    }

  return plan;
}

/**
 * shuati_plan_for_progress:
 * @share: the share of the deck's cards to learn, 0 to 1; the first cards
 *   in the deck's order
 *
 * Returns: (transfer full): the plan for the whole deck of @progress
 */
ShuatiPlan *
shuati_plan_for_progress (ShuatiScheduler          *scheduler,
                          ShuatiProgress           *progress,
                          double                    share,
                          const ShuatiPlanSettings *settings)
{
  ShuatiDeck *deck;
  guint n;

  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);

  deck = shuati_progress_get_deck (progress);
  n = (guint)ceil (CLAMP (share, 0.0, 1.0) * shuati_deck_get_n_cards (deck));
  return shuati_plan_compute (scheduler, shuati_progress_peek_memories (progress), n, settings);
}

/* Tags that say how often interviewers ask a question. The corpus
 * marks the questions asked most with `frequent`. */
static const char * const often_tags[] = { "frequent", "freq-high", "high-frequency", NULL };
static const char * const rarely_tags[] = { "freq-low", "low-frequency", "rare", NULL };

/**
 * shuati_plan_frequency_rank:
 *
 * Returns: 0 for a card tagged as asked often ("frequent", "freq-high",
 *   "high-frequency"), 2 for one tagged as asked rarely ("freq-low",
 *   "low-frequency", "rare"), 1 for any other; a card with both counts
 *   as asked often
 */
int
shuati_plan_frequency_rank (ShuatiCard *card)
{
  g_return_val_if_fail (SHUATI_IS_CARD (card), 1);

  for (guint i = 0; often_tags[i] != NULL; i++)
    if (shuati_card_has_tag (card, often_tags[i]))
      return 0;
  for (guint i = 0; rarely_tags[i] != NULL; i++)
    if (shuati_card_has_tag (card, rarely_tags[i]))
      return 2;
  return 1;
}

typedef struct
{
  ShuatiCard *card;
  int         frequency;
  int         topic;      /* the topic's place in the scope's order */
  guint       index;      /* the card's place in the deck */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->frequency != y->frequency)
    return x->frequency < y->frequency ? -1 : 1;
  if (x->topic != y->topic)
    return x->topic < y->topic ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gboolean
strv_is_empty (char **strv)
{
  return strv == NULL || strv[0] == NULL;
}

static gboolean
has_any_tag (ShuatiCard  *card,
             char       **tags)
{
  for (guint i = 0; tags[i] != NULL; i++)
    if (shuati_card_has_tag (card, tags[i]))
      return TRUE;
  return FALSE;
}

/**
 * shuati_plan_scope_select:
 * @scope: (nullable): what to plan; %NULL for the whole deck in its order
 *
 * The cards @scope covers, in the order a plan learns them: those of its
 * topics (every topic when it names none) that carry one of its tags (any
 * when it names none), topic by topic in the scope's order of priority,
 * or by frequency tags first when @scope orders so. Topic ids the deck
 * does not have are passed over.
 *
 * Returns: (transfer full) (element-type ShuatiCard): the cards
 */
GPtrArray *
shuati_plan_scope_select (const ShuatiPlanScope *scope,
                          ShuatiDeck            *deck)
{
  g_autoptr(GHashTable) topic_rank = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *cards;
  gboolean by_topic;
  gboolean by_tag;
  guint n;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), g_ptr_array_new_with_free_func (g_object_unref));

  by_topic = scope != NULL && !strv_is_empty (scope->topics);
  by_tag = scope != NULL && !strv_is_empty (scope->tags);
  if (by_topic)
    for (guint i = 0; scope->topics[i] != NULL; i++)
      if (!g_hash_table_contains (topic_rank, scope->topics[i]))
        g_hash_table_insert (topic_rank, scope->topics[i], GUINT_TO_POINTER (i + 1));

  n = shuati_deck_get_n_cards (deck);
  for (guint i = 0; i < n; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      Ranked r = { card, 0, 0, i };

      if (by_topic)
        {
          const char *topic = shuati_card_get_topic_id (card);
          gpointer rank = topic != NULL ? g_hash_table_lookup (topic_rank, topic) : NULL;

          if (rank == NULL)
            continue;
          r.topic = GPOINTER_TO_INT (rank);
        }
      if (by_tag && !has_any_tag (card, scope->tags))
        continue;
      if (scope != NULL && scope->order == SHUATI_PLAN_ORDER_FREQUENCY)
        r.frequency = shuati_plan_frequency_rank (card);
      g_array_append_val (ranked, r);
    }

  g_array_sort (ranked, compare_ranked);
  cards = g_ptr_array_new_full (ranked->len, g_object_unref);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (cards, g_object_ref (g_array_index (ranked, Ranked, i).card));
  return cards;
}

/**
 * shuati_plan_for_scope:
 * @scope: (nullable): what the plan covers; %NULL for the whole deck
 * @share: the share of the cards @scope covers to learn, 0 to 1; the
 *   first ones in the scope's order
 *
 * Returns: (transfer full): the plan, its @cards the planned cards in
 *   the order they are learnt
 */
ShuatiPlan *
shuati_plan_for_scope (ShuatiScheduler          *scheduler,
                       ShuatiProgress           *progress,
                       const ShuatiPlanScope    *scope,
                       double                    share,
                       const ShuatiPlanSettings *settings)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree ShuatiMemory *memories = NULL;
  const ShuatiMemory *all;
  ShuatiPlan *plan;
  guint n;

  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);

  cards = shuati_plan_scope_select (scope, shuati_progress_get_deck (progress));
  n = (guint)ceil (CLAMP (share, 0.0, 1.0) * cards->len);
  g_ptr_array_set_size (cards, n);
  all = shuati_progress_peek_memories (progress);
  memories = g_new0 (ShuatiMemory, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    memories[i] = all[shuati_card_get_position (g_ptr_array_index (cards, i))];

  plan = shuati_plan_compute (scheduler, memories, n, settings);
  plan->cards = g_steal_pointer (&cards);
  return plan;
}

/**
 * shuati_plan_sort_cards:
 * @plan: a plan
 * @cards: the cards a session studies
 *
 * Puts the cards of @cards the plan covers first, in the order the plan
 * learns them, so that a session starts the new cards the plan means;
 * the others follow in their order.
 *
 * Returns: (transfer full): a list of #ShuatiCard
 */
GListStore *
shuati_plan_sort_cards (const ShuatiPlan *plan,
                        GListModel       *cards)
{
  GListStore *list = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GHashTable) in_list = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) planned = g_hash_table_new (NULL, NULL);
  guint n;

  g_return_val_if_fail (plan != NULL, list);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), list);

  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (cards, i);

      g_hash_table_add (in_list, card);
    }
  if (plan->cards != NULL)
    for (guint i = 0; i < plan->cards->len; i++)
      {
        ShuatiCard *card = g_ptr_array_index (plan->cards, i);

        if (g_hash_table_contains (in_list, card) && g_hash_table_add (planned, card))
          g_list_store_append (list, card);
      }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (cards, i);

      if (!g_hash_table_contains (planned, card))
        g_list_store_append (list, card);
    }
  return list;
}

/**
 * shuati_plan_list_cards:
 * @progress: the progress @plan was made for
 * @plan: the deck's plan
 * @n_today: (out) (optional): how many of the cards returned are today's
 *
 * The cards the plan covers (its @cards, or the deck's first n_cards), today's
 * first: those due now, then the new cards the plan starts today; then
 * the rest of the set. Suspended cards are left out.
 *
 * Returns: (transfer full): a list of #ShuatiCard
 */
GListStore *
shuati_plan_list_cards (ShuatiProgress   *progress,
                        const ShuatiPlan *plan,
                        guint            *n_today)
{
  GListStore *list = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  ShuatiDeck *deck;
  guint n_new;
  guint n;
  guint today = 0;

  if (n_today != NULL)
    *n_today = 0;
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), list);
  g_return_val_if_fail (plan != NULL, list);

  deck = shuati_progress_get_deck (progress);
  n = plan->cards != NULL ? plan->cards->len : MIN (plan->n_cards, shuati_deck_get_n_cards (deck));
  n_new = shuati_plan_get_new_today (plan);
  for (guint i = 0; i < n; i++)
    {
      ShuatiCard *card = plan->cards != NULL ? g_ptr_array_index (plan->cards, i) : shuati_deck_get_card (deck, i);

      if (shuati_progress_is_suspended (progress, card))
        continue;
      if (shuati_progress_is_due (progress, card))
        {
          g_list_store_append (list, card);
          today++;
        }
      else
        g_ptr_array_add (rest, card);
    }
  /* Today's new cards come next, in the order the plan starts them. */
  for (guint i = 0; i < rest->len && n_new > 0; i++)
    {
      ShuatiCard *card = g_ptr_array_index (rest, i);
      const ShuatiMemory *memory = shuati_progress_get_memory (progress, card);

      if (memory != NULL && memory->state != SHUATI_CARD_NEW)
        continue;
      g_list_store_append (list, card);
      g_ptr_array_index (rest, i) = NULL;
      today++;
      n_new--;
    }
  for (guint i = 0; i < rest->len; i++)
    if (g_ptr_array_index (rest, i) != NULL)
      g_list_store_append (list, g_ptr_array_index (rest, i));

  if (n_today != NULL)
    *n_today = today;
  return list;
}

void
shuati_plan_free (ShuatiPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->new_per_day);
  g_free (plan->load_per_day);
  g_clear_pointer (&plan->cards, g_ptr_array_unref);
  g_free (plan);
}

/**
 * shuati_plan_get_new_today:
 *
 * Returns: how many new cards the plan starts today
 */
guint
shuati_plan_get_new_today (const ShuatiPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_days > 0 ? plan->new_per_day[0] : 0;
}

guint
shuati_plan_get_load_today (const ShuatiPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_days > 0 ? plan->load_per_day[0] : 0;
}
