/* test-planner.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "shuati-planner.h"
#include "shuati-store-private.h"
#include "shuati-test-utils.h"

#define DAY 86400
/* 2026-01-10 09:00 UTC; the tests run with TZ=UTC. */
#define NOW ((gint64)1767225600 + 9 * DAY + 9 * 3600)

static ShuatiScheduler *
new_scheduler (void)
{
  ShuatiScheduler *scheduler = shuati_scheduler_new ();

  /* Fuzz is the learner's; the plan must not depend on it. */
  shuati_scheduler_set_fuzz (scheduler, TRUE);
  return scheduler;
}

static guint
sum (const guint *values,
     guint        n)
{
  guint total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

static void
assert_spread (const ShuatiPlan *plan)
{
  double mean = 0.0;

  for (guint t = 0; t < plan->n_days; t++)
    mean += plan->load_per_day[t];
  mean /= plan->n_days;
  g_assert_cmpfloat_with_epsilon (mean, plan->mean_load, 1.0);
  for (guint t = 0; t < plan->n_days; t++)
    g_assert_cmpuint (plan->load_per_day[t], <=, ceil (SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load) + 1);
}

static void
test_feasible (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, 100);
  ShuatiPlanSettings settings = { NOW, NOW + 30 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, cards, 100, &settings);

  g_assert_true (plan->feasible);
  g_assert_cmpuint (plan->n_days, ==, 30);
  g_assert_cmpuint (plan->n_cards, ==, 100);
  g_assert_cmpuint (plan->n_not_started, ==, 100);
  /* Every card starts, in time for three reviews. */
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, 100);
  g_assert_cmpuint (plan->min_reviews, >=, SHUATI_PLAN_MIN_REVIEWS);
  g_assert_cmpuint (shuati_plan_get_new_today (plan), >, 0);
  for (guint t = plan->n_days - 2; t < plan->n_days; t++)
    g_assert_cmpuint (plan->new_per_day[t], ==, 0);
  assert_spread (plan);
  /* Nothing is known now; the plan gets most of it back by the day. */
  g_assert_cmpfloat (plan->recall_now, ==, 0.0);
  g_assert_cmpfloat (plan->recall_planned, >, 0.85);
  g_assert_cmpfloat (plan->recall_planned, <=, 1.0);

  /* The same plan every time, fuzz or not. */
  {
    g_autoptr(ShuatiPlan) again = shuati_plan_compute (scheduler, cards, 100, &settings);

    for (guint t = 0; t < plan->n_days; t++)
      g_assert_cmpuint (again->new_per_day[t], ==, plan->new_per_day[t]);
  }
}

static void
test_infeasible (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, 1000);
  ShuatiPlanSettings tomorrow = { NOW, NOW + DAY, 0, 0 };
  ShuatiPlanSettings busy = { NOW, NOW + 20 * DAY, 0, 60 };
  g_autoptr(ShuatiPlan) plan = NULL;
  g_autoptr(ShuatiPlan) later = NULL;
  g_autoptr(ShuatiPlan) fewer = NULL;

  /* One day is too short for three reviews of anything. */
  plan = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->feasible_cards, ==, 0);
  g_assert_cmpuint (plan->feasible_days, >, 1);
  tomorrow.date = NOW + plan->feasible_days * DAY;
  later = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_true (later->feasible);
  /* And it is the earliest. */
  tomorrow.date = NOW + (plan->feasible_days - 1) * DAY;
  g_clear_pointer (&later, shuati_plan_free);
  later = shuati_plan_compute (scheduler, cards, 10, &tomorrow);
  g_assert_false (later->feasible);
  g_clear_pointer (&plan, shuati_plan_free);
  g_clear_pointer (&later, shuati_plan_free);

  /* A thousand cards in twenty days at sixty a day do not fit: a later
   * date or fewer cards do. */
  plan = shuati_plan_compute (scheduler, cards, 1000, &busy);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->feasible_cards, >, 0);
  g_assert_cmpuint (plan->feasible_cards, <, 1000);
  g_assert_cmpuint (plan->feasible_days, >, 20);
  fewer = shuati_plan_compute (scheduler, cards, plan->feasible_cards, &busy);
  g_assert_true (fewer->feasible);
  g_assert_cmpuint (fewer->peak_load, <=, 60);
  g_clear_pointer (&fewer, shuati_plan_free);
  fewer = shuati_plan_compute (scheduler, cards, plan->feasible_cards + 1, &busy);
  g_assert_false (fewer->feasible);
  busy.date = NOW + plan->feasible_days * DAY;
  later = shuati_plan_compute (scheduler, cards, 1000, &busy);
  g_assert_true (later->feasible);
}

static void
test_cap_before_date (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  /* Known well, last seen ten days ago, next due in ninety days. */
  ShuatiMemory known = { SHUATI_CARD_REVIEW, 0, 100.0, 5.0, NOW + 90 * DAY, NOW - 10 * DAY, 6, 0 };
  ShuatiPlanSettings settings = { NOW, NOW + 20 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = shuati_plan_compute (scheduler, &known, 1, &settings);
  guint seen_on = G_MAXUINT;

  g_assert_true (plan->feasible);
  g_assert_cmpuint (sum (plan->load_per_day, plan->n_days), ==, 1);
  for (guint t = 0; t < plan->n_days; t++)
    if (plan->load_per_day[t] > 0)
      seen_on = t;
  /* Seen once, in the last days before the date, not at its due date. */
  g_assert_cmpuint (seen_on, >=, plan->n_days - 3);
  g_assert_cmpuint (seen_on, <, plan->n_days);
  g_assert_cmpfloat (plan->recall_planned, >, plan->recall_now);
  g_assert_cmpfloat (plan->recall_now, >, 0.8);
}

static void
test_load_spreading (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  guint n = 600;
  g_autofree ShuatiMemory *cards = g_new0 (ShuatiMemory, n);
  ShuatiPlanSettings settings = { NOW, NOW + 40 * DAY, 0.9, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;
  guint last_days = 0;

  /* A third already studied, due all over the coming weeks. */
  for (guint i = 0; i < n / 3; i++)
    cards[i] = (ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 5.0 + i % 30, 5.0, NOW + (i % 25) * DAY,
                                NOW - (i % 7) * DAY, 3, i % 3 };

  plan = shuati_plan_compute (scheduler, cards, n, &settings);
  g_assert_true (plan->feasible);
  g_assert_cmpuint (plan->n_not_started, ==, n - n / 3);
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, n - n / 3);
  assert_spread (plan);
  g_assert_cmpuint (plan->peak_load, <=, ceil (SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load));
  /* No pile-up on the last days. */
  for (guint t = plan->n_days - 3; t < plan->n_days; t++)
    last_days += plan->load_per_day[t];
  g_assert_cmpuint (last_days, <=, 3 * SHUATI_PLAN_MAX_LOAD_RATIO * plan->mean_load);
}

static void
test_finished_early (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  ShuatiMemory cards[40] = { 0 };
  ShuatiPlanSettings settings = { NOW, NOW + 60 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;
  g_autoptr(ShuatiPlan) done = NULL;
  guint last_new = 0;

  /* Few cards, much time: a card or two a day, all started well before
   * the last days, the rest of the time reviews only. */
  plan = shuati_plan_compute (scheduler, cards, 40, &settings);
  g_assert_true (plan->feasible);
  for (guint t = 0; t < plan->n_days; t++)
    {
      g_assert_cmpuint (plan->new_per_day[t], <=, 2);
      if (plan->new_per_day[t] > 0)
        last_new = t;
    }
  g_assert_cmpuint (last_new, <, plan->n_days - 10);
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, 40);

  /* Everything learnt already: nothing new, little to do, high recall. */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    cards[i] = (ShuatiMemory) { SHUATI_CARD_REVIEW, 0, 400.0, 3.0, NOW + 300 * DAY, NOW - DAY, 8, 0 };
  done = shuati_plan_compute (scheduler, cards, 40, &settings);
  g_assert_true (done->feasible);
  g_assert_cmpuint (done->n_not_started, ==, 0);
  g_assert_cmpuint (sum (done->new_per_day, done->n_days), ==, 0);
  g_assert_cmpuint (shuati_plan_get_load_today (done), ==, 0);
  g_assert_cmpuint (sum (done->load_per_day, done->n_days), ==, 40);
  g_assert_cmpfloat (done->recall_now, >, 0.9);
}

static void
test_days (void)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  ShuatiMemory card = { 0 };
  ShuatiPlanSettings past = { NOW, NOW - 3 * DAY, 0, 0 };
  g_autoptr(ShuatiPlan) plan = NULL;

  g_assert_cmpint (shuati_plan_days_between (NOW, NOW + 12 * DAY - 8 * 3600), ==, 12);
  g_assert_cmpint (shuati_plan_days_between (NOW, NOW), ==, 0);
  g_assert_cmpint (shuati_plan_days_between (NOW, NOW - DAY), ==, -1);

  /* A date gone by plans nothing. */
  plan = shuati_plan_compute (scheduler, &card, 1, &past);
  g_assert_false (plan->feasible);
  g_assert_cmpuint (plan->n_days, ==, 0);
  g_assert_cmpuint (shuati_plan_get_new_today (plan), ==, 0);
}

/* Planning for a choice of topics and tags ------------------------------------- */

/* Three topics; the tags mark how often each question is asked:
 * "frequent" and "high-frequency" often, "freq-low" and "low-frequency"
 * rarely. */
static const char scope_deck_json[] =
  "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"d\", \"languages\": [\"en\"],"
  " \"title\": \"D\", \"topics\": [{\"id\": \"t1\", \"title\": \"One\"}, {\"id\": \"t2\", \"title\": \"Two\"},"
  "  {\"id\": \"t3\", \"title\": \"Three\"}],"
  " \"cards\": ["
  "  {\"id\": \"a\", \"topic\": \"t1\", \"tags\": [\"frequent\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"b\", \"topic\": \"t1\", \"tags\": [\"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"c\", \"topic\": \"t2\", \"tags\": [\"low-frequency\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"d\", \"topic\": \"t2\", \"tags\": [\"high-frequency\", \"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"e\", \"topic\": \"t3\", \"tags\": [\"x\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"f\", \"topic\": \"t3\", \"tags\": [\"freq-low\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"g\", \"topic\": \"t1\", \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"},"
  "  {\"id\": \"h\", \"topic\": \"t3\", \"tags\": [\"frequent\", \"freq-low\"], \"title\": \"t\", \"question\": \"q\", \"answer\": \"x\"}"
  " ]}";

static ShuatiDeck *
load_scope_deck (void)
{
  return shuati_test_deck_new_from_json (scope_deck_json);
}

/* The ids of @cards, one string: "efh". */
static char *
ids_of (GPtrArray *cards)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    g_string_append (ids, shuati_card_get_id (g_ptr_array_index (cards, i)));
  return g_string_free (ids, FALSE);
}

static char *
ids_of_model (GListModel *cards)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (cards, i);

      g_string_append (ids, shuati_card_get_id (card));
    }
  return g_string_free (ids, FALSE);
}

static char *
select_ids (ShuatiDeck      *deck,
            const char      *topics,
            const char      *tags,
            ShuatiPlanOrder  order)
{
  g_auto(GStrv) topic_v = topics != NULL ? g_strsplit (topics, " ", -1) : NULL;
  g_auto(GStrv) tag_v = tags != NULL ? g_strsplit (tags, " ", -1) : NULL;
  ShuatiPlanScope scope = { topic_v, tag_v, order };
  g_autoptr(GPtrArray) cards = shuati_plan_scope_select (&scope, deck);

  return ids_of (cards);
}

static void
test_frequency_rank (void)
{
  g_autoptr(ShuatiDeck) deck = load_scope_deck ();
  /* a frequent, b none, c low-frequency, d high-frequency, e none,
   * f freq-low, g none,
   * h both: asked often wins. */
  const int expected[] = { 0, 1, 2, 0, 1, 2, 1, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (shuati_plan_frequency_rank (shuati_deck_get_card (deck, i)), ==, expected[i]);
}

static void
test_scope_order (void)
{
  g_autoptr(ShuatiDeck) deck = load_scope_deck ();
  g_autoptr(GPtrArray) whole = shuati_plan_scope_select (NULL, deck);
  g_autofree char *whole_ids = ids_of (whole);
  struct {
    const char      *topics;
    const char      *tags;
    ShuatiPlanOrder  order;
    const char      *expected;
  } cases[] = {
    /* Nothing chosen: the deck in its order. */
    { NULL, NULL, SHUATI_PLAN_ORDER_TOPICS, "abcdefgh" },
    /* Topics in the learner's priority, each in the deck's order. */
    { "t3 t1", NULL, SHUATI_PLAN_ORDER_TOPICS, "efhabg" },
    { "t2 t3 t1", NULL, SHUATI_PLAN_ORDER_TOPICS, "cdefhabg" },
    /* Asked often first (h, a), then untagged (e; b, g), rarely last (f),
     * by topic priority within each. */
    { "t3 t1", NULL, SHUATI_PLAN_ORDER_FREQUENCY, "haebgf" },
    /* The whole deck by frequency: a d h, b e g, c f. */
    { NULL, NULL, SHUATI_PLAN_ORDER_FREQUENCY, "adhbegcf" },
    /* Tags: any card with one of them. */
    { NULL, "x", SHUATI_PLAN_ORDER_TOPICS, "bde" },
    { NULL, "x low-frequency", SHUATI_PLAN_ORDER_TOPICS, "bcde" },
    { "t3 t2", "x", SHUATI_PLAN_ORDER_FREQUENCY, "de" },
    { "t3 t2", "x", SHUATI_PLAN_ORDER_TOPICS, "ed" },
    /* A topic the deck lacks is passed over; one named twice keeps its
     * first place. */
    { "nowhere t2 t1 t2", NULL, SHUATI_PLAN_ORDER_TOPICS, "cdabg" },
    /* Nothing matches: nothing planned. */
    { "nowhere", NULL, SHUATI_PLAN_ORDER_TOPICS, "" },
    { NULL, "nothing", SHUATI_PLAN_ORDER_FREQUENCY, "" },
  };

  g_assert_cmpstr (whole_ids, ==, "abcdefgh");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = select_ids (deck, cases[i].topics, cases[i].tags, cases[i].order);

      g_test_message ("case %u", i);
      g_assert_cmpstr (ids, ==, cases[i].expected);
    }

  /* Empty lists are the same as none. */
  {
    char *empty[] = { NULL };
    ShuatiPlanScope scope = { empty, empty, SHUATI_PLAN_ORDER_TOPICS };
    g_autoptr(GPtrArray) cards = shuati_plan_scope_select (&scope, deck);
    g_autofree char *ids = ids_of (cards);

    g_assert_cmpstr (ids, ==, "abcdefgh");
  }
}

typedef struct
{
  char        *dir;
  ShuatiStore *store;
  ShuatiDeck  *deck;
} ScopeFixture;

static void
scope_setup (ScopeFixture  *f,
             gconstpointer  data)
{
  f->store = shuati_test_store_new ("planner", &f->dir, NULL);
  f->deck = load_scope_deck ();
}

static void
scope_teardown (ScopeFixture  *f,
                gconstpointer  data)
{
  g_assert_finalize_object (f->deck);
  shuati_test_store_free (f->store, f->dir);
}

static void
start_card (ScopeFixture *f,
            const char   *id)
{
  g_autoptr(GError) error = NULL;
  ShuatiMemory known = { SHUATI_CARD_REVIEW, 0, 40.0, 5.0, NOW + 30 * DAY, NOW - 2 * DAY, 3, 0 };

  g_assert_cmpint (shuati_store_record_review (f->store, "d", id, &(ShuatiMemory) { 0 }, &known,
                                               SHUATI_RATING_GOOD, NOW - 2 * DAY, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

/* A plan for half of two topics: the first cards in their priority, with
 * their own memories; lists and sessions follow its order. */
static void
test_plan_for_scope (ScopeFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(ShuatiScheduler) scheduler = new_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiProgress) progress = NULL;
  g_autoptr(ShuatiPlan) plan = NULL;
  g_autoptr(ShuatiPlan) whole = NULL;
  g_autoptr(GListStore) listed = NULL;
  g_autoptr(GListStore) deck_cards = g_list_store_new (SHUATI_TYPE_CARD);
  g_autoptr(GListStore) sorted = NULL;
  g_autofree char *ids = NULL;
  char *topics[] = { "t3", "t1", NULL };
  ShuatiPlanScope scope = { topics, NULL, SHUATI_PLAN_ORDER_TOPICS };
  ShuatiPlanSettings settings = { NOW, NOW + 20 * DAY, 0, 0 };
  guint n_today = 0;

  /* "f" is known well, "g" too but it is outside the half planned (the
   * deck's first three, "abc", have none started). */
  start_card (f, "f");
  start_card (f, "g");
  progress = shuati_progress_new (f->deck, f->store, NOW, &error);
  g_assert_no_error (error);

  /* Half of "efhabg": "efh". */
  plan = shuati_plan_for_scope (scheduler, progress, &scope, 0.5, &settings);
  g_assert_true (plan->feasible);
  g_assert_cmpuint (plan->n_cards, ==, 3);
  ids = ids_of (plan->cards);
  g_assert_cmpstr (ids, ==, "efh");
  g_clear_pointer (&ids, g_free);
  /* Its memories are the planned cards': one started, two new. */
  g_assert_cmpuint (plan->n_not_started, ==, 2);
  g_assert_cmpuint (sum (plan->new_per_day, plan->n_days), ==, 2);
  g_assert_cmpfloat (plan->recall_now, >, 0.2);
  g_assert_cmpfloat (plan->recall_now, <, 1.0 / 3);

  /* The same plan as computed from those memories directly. */
  {
    ShuatiMemory memories[3];
    g_autoptr(ShuatiPlan) direct = NULL;

    for (guint i = 0; i < 3; i++)
      memories[i] = *shuati_progress_get_memory (progress, g_ptr_array_index (plan->cards, i));
    direct = shuati_plan_compute (scheduler, memories, 3, &settings);
    g_assert_cmpuint (direct->n_not_started, ==, plan->n_not_started);
    g_assert_cmpfloat (direct->recall_now, ==, plan->recall_now);
    g_assert_cmpfloat (direct->recall_planned, ==, plan->recall_planned);
    for (guint t = 0; t < plan->n_days; t++)
      g_assert_cmpuint (direct->new_per_day[t], ==, plan->new_per_day[t]);
  }

  /* The plan's list: nothing outside its cards. */
  listed = shuati_plan_list_cards (progress, plan, &n_today);
  ids = ids_of_model (G_LIST_MODEL (listed));
  g_assert_cmpuint (strlen (ids), ==, 3);
  g_assert_nonnull (strchr (ids, 'e'));
  g_assert_nonnull (strchr (ids, 'f'));
  g_assert_nonnull (strchr (ids, 'h'));
  g_assert_cmpuint (n_today, ==, shuati_plan_get_new_today (plan));
  g_clear_pointer (&ids, g_free);

  /* A session over the whole deck starts with the plan's cards, in its
   * order; one over a choice, with those of the plan it holds. */
  for (guint i = 0; i < shuati_deck_get_n_cards (f->deck); i++)
    g_list_store_append (deck_cards, shuati_deck_get_card (f->deck, i));
  sorted = shuati_plan_sort_cards (plan, G_LIST_MODEL (deck_cards));
  ids = ids_of_model (G_LIST_MODEL (sorted));
  g_assert_cmpstr (ids, ==, "efhabcdg");
  g_clear_pointer (&ids, g_free);
  g_clear_object (&sorted);
  g_list_store_remove (deck_cards, 5);  /* f */
  g_list_store_remove (deck_cards, 3);  /* d */
  sorted = shuati_plan_sort_cards (plan, G_LIST_MODEL (deck_cards));
  ids = ids_of_model (G_LIST_MODEL (sorted));
  g_assert_cmpstr (ids, ==, "ehabcg");
  g_clear_pointer (&ids, g_free);

  /* No scope: the whole deck, as a plan for the deck always was. */
  whole = shuati_plan_for_scope (scheduler, progress, NULL, 1.0, &settings);
  g_assert_cmpuint (whole->n_cards, ==, 8);
  g_assert_cmpuint (whole->n_not_started, ==, 6);
  ids = ids_of (whole->cards);
  g_assert_cmpstr (ids, ==, "abcdefgh");
}

/* The scope is kept with the plan, and a plan saved again keeps it. */
static void
test_store_scope (ScopeFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) tags = NULL;
  const char * const want_topics[] = { "t3", "t1", NULL };
  const char * const want_tags[] = { "x", "high-frequency", NULL };
  int order = -1;

  /* No plan: no scope to read, and none to set. */
  g_assert_false (shuati_store_get_plan_scope (f->store, "d", &topics, &tags, &order));
  g_assert_null (topics);
  g_assert_cmpint (order, ==, -1);
  g_assert_false (shuati_store_set_plan_scope (f->store, "d", want_topics, want_tags,
                                               SHUATI_PLAN_ORDER_FREQUENCY, &error));
  g_assert_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new plan covers the whole deck. */
  g_assert_true (shuati_store_set_plan (f->store, "d", NOW + 10 * DAY, 1.0, 0.9, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_plan_scope (f->store, "d", &topics, &tags, &order));
  g_assert_cmpuint (g_strv_length (topics), ==, 0);
  g_assert_cmpuint (g_strv_length (tags), ==, 0);
  g_assert_cmpint (order, ==, SHUATI_PLAN_ORDER_TOPICS);
  g_clear_pointer (&topics, g_strfreev);
  g_clear_pointer (&tags, g_strfreev);

  g_assert_true (shuati_store_set_plan_scope (f->store, "d", want_topics, want_tags,
                                              SHUATI_PLAN_ORDER_FREQUENCY, &error));
  g_assert_no_error (error);
  /* Saving the date again leaves the scope as it was. */
  g_assert_true (shuati_store_set_plan (f->store, "d", NOW + 12 * DAY, 0.5, 0.85, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_plan_scope (f->store, "d", &topics, &tags, &order));
  g_assert_true (g_strv_equal ((const char * const *)topics, want_topics));
  g_assert_true (g_strv_equal ((const char * const *)tags, want_tags));
  g_assert_cmpint (order, ==, SHUATI_PLAN_ORDER_FREQUENCY);
  g_clear_pointer (&topics, g_strfreev);
  g_clear_pointer (&tags, g_strfreev);

  /* Another deck's plan is its own. */
  g_assert_false (shuati_store_get_plan_scope (f->store, "other", &topics, NULL, NULL));

  /* Back to the whole deck; then the plan is gone, scope and all. */
  g_assert_true (shuati_store_set_plan_scope (f->store, "d", NULL, NULL, SHUATI_PLAN_ORDER_TOPICS, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_store_get_plan_scope (f->store, "d", &topics, &tags, &order));
  g_assert_cmpuint (g_strv_length (topics), ==, 0);
  g_assert_cmpint (order, ==, SHUATI_PLAN_ORDER_TOPICS);
  g_assert_true (shuati_store_set_plan (f->store, "d", 0, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_false (shuati_store_get_plan_scope (f->store, "d", NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/planner/feasible", test_feasible);
  g_test_add_func ("/shuati/planner/infeasible", test_infeasible);
  g_test_add_func ("/shuati/planner/cap-before-date", test_cap_before_date);
  g_test_add_func ("/shuati/planner/load-spreading", test_load_spreading);
  g_test_add_func ("/shuati/planner/finished-early", test_finished_early);
  g_test_add_func ("/shuati/planner/days", test_days);
  g_test_add_func ("/shuati/planner/frequency-rank", test_frequency_rank);
  g_test_add_func ("/shuati/planner/scope-order", test_scope_order);
  g_test_add ("/shuati/planner/plan-for-scope", ScopeFixture, NULL, scope_setup, test_plan_for_scope, scope_teardown);
  g_test_add ("/shuati/planner/store-scope", ScopeFixture, NULL, scope_setup, test_store_scope, scope_teardown);

  return g_test_run ();
}
