/* shuati-statistics.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-progress.h"
#include "shuati-store-private.h"
#include "shuati-statistics.h"

/* Reviews further back than this are left out of the streaks: a clock set
 * to 1970 must not make us build tens of thousands of day boundaries. */
#define MAX_HISTORY_DAYS 36600

G_DEFINE_QUARK (shuati-statistics-error-quark, shuati_statistics_error)

G_DEFINE_BOXED_TYPE (ShuatiStatistics, shuati_statistics,
                     shuati_statistics_copy, shuati_statistics_free)

/* Local midnights: starts[i] begins day i, starts[n_days] ends the last
 * one. Days are local dates in the learner's time zone, so a day around
 * a DST change lasts 23 or 25 hours. */
typedef struct
{
  gint64 *starts;
  guint   n_days;
  guint   hint;
} DayBounds;

static gint64
midnight_unix (GTimeZone   *tz,
               const GDate *date)
{
  g_autoptr(GDateTime) dt = shuati_local_midnight (tz, date);

  g_assert (dt != NULL);
  return g_date_time_to_unix (dt);
}

static void
day_bounds_init (DayBounds   *bounds,
                 GTimeZone   *tz,
                 const GDate *first,
                 guint        n_days)
{
  GDate date = *first;

  bounds->n_days = n_days;
  bounds->hint = 0;
  bounds->starts = g_new (gint64, n_days + 1);
  for (guint i = 0; i <= n_days; i++)
    {
      bounds->starts[i] = midnight_unix (tz, &date);
      g_date_add_days (&date, 1);
    }
}

static void
day_bounds_clear (DayBounds *bounds)
{
  g_clear_pointer (&bounds->starts, g_free);
}

/* The day that @t falls in, or -1 outside the range. Reviews mostly come
 * in the order they were given, so the last day found is tried first. */
static int
day_bounds_find (DayBounds *bounds,
                 gint64     t)
{
  const gint64 *s = bounds->starts;
  guint lo, hi;

  if (bounds->n_days == 0 || t < s[0] || t >= s[bounds->n_days])
    return -1;

  if (t >= s[bounds->hint] && t < s[bounds->hint + 1])
    return bounds->hint;
  if (bounds->hint + 2 <= bounds->n_days &&
      t >= s[bounds->hint + 1] && t < s[bounds->hint + 2])
    return ++bounds->hint;

  lo = 0;
  hi = bounds->n_days;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  bounds->hint = lo;
  return lo;
}

static gboolean
fail (sqlite3  *db,
      GError  **error)
{
  g_set_error (error, SHUATI_STATISTICS_ERROR, SHUATI_STATISTICS_ERROR_FAILED,
               _("Could not read the study history: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *deck_id,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (db, error);
      return NULL;
    }
  if (deck_id != NULL)
    sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_TRANSIENT);
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
read_first_review (sqlite3  *db,
                   gboolean *any,
                   gint64   *first,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Over all decks, so that reviews_time answers at once; a deck's own
   * first review can only be later, which adds a few empty days. */
  stmt = prepare (db, "SELECT min(reviewed_at) FROM reviews", NULL, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail (db, error);
  *any = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  *first = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

typedef struct
{
  DayBounds *bounds;
  guint      year_start;
  guint     *reviews;     /* per day of the history */
  guint     *mature;      /* per day of the last year: reviews of cards in review */
  guint     *mature_ok;   /* and how many of those were remembered */
} ReviewScan;

static void
review_scan_step (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  ReviewScan *scan = sqlite3_user_data (context);
  int day = day_bounds_find (scan->bounds, sqlite3_value_int64 (argv[0]));

  if (day < 0)
    return;
  scan->reviews[day]++;
  if ((guint)day >= scan->year_start && sqlite3_value_int (argv[2]) == SHUATI_CARD_REVIEW)
    {
      scan->mature[day - scan->year_start]++;
      if (sqlite3_value_int (argv[1]) >= SHUATI_RATING_HARD)
        scan->mature_ok[day - scan->year_start]++;
    }
}

static void
review_scan_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

#define REVIEW_SCAN_FUNCTION "shuati_statistics_scan"

/* One pass over the log in storage order: every review counts towards
 * the streaks, and the retention needs columns that no index holds, so
 * reading the table once beats visiting it through an index. The rows
 * go into an aggregate function rather than out to us one by one, which
 * spares a fifth of the time at a million reviews. */
static gboolean
read_reviews (sqlite3    *db,
              const char *deck_id,
              ReviewScan *scan,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (sqlite3_create_function_v2 (db, REVIEW_SCAN_FUNCTION, 3, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                  scan, NULL, review_scan_step, review_scan_final,
                                  NULL) != SQLITE_OK)
    return fail (db, error);

  /* reviews_history covers the scan: SQLite reads the narrow index
   * instead of the wide rows, for one deck or for all. */
  stmt = prepare (db,
                  deck_id != NULL
                  ? "SELECT " REVIEW_SCAN_FUNCTION " (reviewed_at, rating, state_before) "
                    "FROM reviews INDEXED BY reviews_history WHERE deck_id = ?1"
                  : "SELECT " REVIEW_SCAN_FUNCTION " (reviewed_at, rating, state_before) "
                    "FROM reviews INDEXED BY reviews_history",
                  deck_id, error);
  ok = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
  if (stmt != NULL && !ok)
    fail (db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  sqlite3_create_function_v2 (db, REVIEW_SCAN_FUNCTION, 3, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                              NULL, NULL, NULL, NULL, NULL);
  return ok;
}

static gboolean
read_today (sqlite3          *db,
            const char       *deck_id,
            gint64            start,
            gint64            end,
            ShuatiStatistics *stats,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A day's reviews are few, a deck's may be all of them: reviews_time. */
  stmt = prepare (db,
                  deck_id != NULL
                  ? "SELECT count(*), count(DISTINCT card_id), total(rating >= 2), total(duration_ms) "
                    "FROM reviews WHERE +deck_id = ?1 AND reviewed_at >= ?2 AND reviewed_at < ?3"
                  : "SELECT count(*), count(DISTINCT deck_id || x'00' || card_id), total(rating >= 2), "
                    "total(duration_ms) FROM reviews WHERE reviewed_at >= ?2 AND reviewed_at < ?3",
                  deck_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail (db, error);

  stats->today_reviews = sqlite3_column_int (stmt, 0);
  stats->today_cards = sqlite3_column_int (stmt, 1);
  stats->today_remembered = (guint)sqlite3_column_double (stmt, 2);
  stats->today_duration_ms = (guint64)MAX (0.0, sqlite3_column_double (stmt, 3));
  return TRUE;
}

static gboolean
read_cards (sqlite3          *db,
            const char       *deck_id,
            ShuatiDeck       *deck,
            gint64            now,
            const gint64     *ahead,
            GHashTable       *topic_index,
            ShuatiStatistics *stats,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_studied = 0;
  int rc;

  stmt = prepare (db,
                  deck_id != NULL
                  ? "SELECT card_id, state, stability, due FROM cards WHERE deck_id = ?1"
                  : "SELECT card_id, state, stability, due FROM cards",
                  deck_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int state = sqlite3_column_int (stmt, 1);
      gint64 due = sqlite3_column_int64 (stmt, 3);
      ShuatiCard *card = NULL;

      /* Progress kept for a card the deck no longer has is not shown. */
      if (deck != NULL)
        {
          card = shuati_deck_lookup_card (deck, (const char *)sqlite3_column_text (stmt, 0));
          if (card == NULL)
            continue;
        }

      if (state <= SHUATI_CARD_NEW || state >= SHUATI_N_CARD_STATES)
        {
          if (deck == NULL)
            stats->n_cards[SHUATI_CARD_NEW]++;
          continue;
        }

      n_studied++;
      stats->n_cards[state]++;

      if (due <= now)
        stats->forecast[0]++;
      else if (due < ahead[SHUATI_STATISTICS_FORECAST_DAYS])
        {
          for (guint i = 1; i <= SHUATI_STATISTICS_FORECAST_DAYS; i++)
            if (due < ahead[i])
              {
                stats->forecast[i]++;
                break;
              }
        }

      if (card != NULL && state == SHUATI_CARD_REVIEW &&
          sqlite3_column_double (stmt, 2) >= SHUATI_STATISTICS_MASTERED_STABILITY)
        {
          gpointer index;

          if (g_hash_table_lookup_extended (topic_index, shuati_card_get_topic_id (card), NULL, &index))
            stats->topics[GPOINTER_TO_UINT (index)].n_mastered++;
        }
    }
  if (rc != SQLITE_DONE)
    return fail (db, error);

  if (deck != NULL)
    stats->n_cards[SHUATI_CARD_NEW] = shuati_deck_get_n_cards (deck) - n_studied;
  return TRUE;
}

static void
compute_streaks (ShuatiStatistics *stats,
                 const guint      *reviews,
                 guint             n_days)
{
  guint run = 0;

  for (guint i = 0; i < n_days; i++)
    {
      if (reviews[i] > 0)
        {
          stats->study_days++;
          stats->total_reviews += reviews[i];
          run++;
          stats->longest_streak = MAX (stats->longest_streak, run);
        }
      else
        run = 0;
    }

  if (n_days == 0)
    return;

  /* Today does not break the streak before the learner had a chance. */
  {
    guint i = n_days - 1;

    if (reviews[i] == 0)
      {
        if (i == 0)
          return;
        i--;
      }
    while (reviews[i] > 0)
      {
        stats->current_streak++;
        if (i == 0)
          break;
        i--;
      }
  }
}

/**
 * shuati_statistics_compute:
 * @store: the progress store to read
 * @deck_id: (nullable): the deck to count, or %NULL for all decks
 * @deck: (nullable): the deck itself, for its topics and its cards that
 *   have no progress yet; %NULL with all decks
 * @now: the current time, in Unix seconds
 * @tz: the learner's time zone; days are local dates in it
 * @error: return location for a #GError
 *
 * Counts what the statistics page shows. Reads the whole review log once
 * and the deck's rows of progress once.
 *
 * Returns: (transfer full): the statistics, or %NULL with @error set when
 *   the database cannot be read
 */
ShuatiStatistics *
shuati_statistics_compute (ShuatiStore *store,
                           const char  *deck_id,
                           ShuatiDeck  *deck,
                           gint64       now,
                           GTimeZone   *tz,
                           GError     **error)
{
  g_autoptr(ShuatiStatistics) stats = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GHashTable) topic_index = NULL;
  g_autofree guint *reviews = NULL;
  guint mature[SHUATI_STATISTICS_HEATMAP_DAYS] = { 0 };
  guint mature_ok[SHUATI_STATISTICS_HEATMAP_DAYS] = { 0 };
  gint64 ahead[SHUATI_STATISTICS_FORECAST_DAYS + 1];
  DayBounds bounds = { NULL, 0, 0 };
  gboolean any = FALSE;
  gint64 first = 0;
  guint n_days = 0;
  guint year_start;
  GDate date;
  sqlite3 *db;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck == NULL || SHUATI_IS_DECK (deck), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = shuati_store_get_database (store);

  if (deck_id == NULL)
    deck = NULL;

  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    {
      g_set_error (error, SHUATI_STATISTICS_ERROR, SHUATI_STATISTICS_ERROR_FAILED,
                   _("The system clock is out of range"));
      return NULL;
    }
  local = g_date_time_to_timezone (utc, tz);

  stats = g_new0 (ShuatiStatistics, 1);
  g_date_clear (&stats->today, 1);
  g_date_set_dmy (&stats->today, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));

  if (deck != NULL)
    {
      GListModel *topics = shuati_deck_get_topics (deck);

      stats->n_topics = g_list_model_get_n_items (topics);
      stats->topics = g_new0 (ShuatiTopicMastery, stats->n_topics);
      topic_index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < stats->n_topics; i++)
        {
          g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

          stats->topics[i].topic_id = g_strdup (shuati_topic_get_id (topic));
          stats->topics[i].n_cards = shuati_topic_get_n_cards (topic);
          g_hash_table_insert (topic_index, stats->topics[i].topic_id, GUINT_TO_POINTER (i));
        }
    }

  /* ahead[i] is the midnight that begins day today + i. */
  date = stats->today;
  for (guint i = 0; i <= SHUATI_STATISTICS_FORECAST_DAYS; i++)
    {
      ahead[i] = midnight_unix (tz, &date);
      g_date_add_days (&date, 1);
    }

  if (!read_first_review (db, &any, &first, error))
    return NULL;

  if (any)
    {
      g_autoptr(GDateTime) first_utc = NULL;
      g_autoptr(GDateTime) first_local = NULL;
      GDate first_date;

      first_utc = g_date_time_new_from_unix_utc (MAX (first, now - (gint64)MAX_HISTORY_DAYS * 86400));
      if (first_utc != NULL)
        {
          first_local = g_date_time_to_timezone (first_utc, tz);
          g_date_clear (&first_date, 1);
          g_date_set_dmy (&first_date, g_date_time_get_day_of_month (first_local),
                          g_date_time_get_month (first_local), g_date_time_get_year (first_local));
          if (g_date_compare (&first_date, &stats->today) <= 0)
            n_days = g_date_days_between (&first_date, &stats->today) + 1;
          if (n_days > 0)
            day_bounds_init (&bounds, tz, &first_date, n_days);
        }
    }

  /* The heatmap and the retention windows reach back one year; days
   * before the first review simply stay empty. */
  year_start = n_days > SHUATI_STATISTICS_HEATMAP_DAYS ? n_days - SHUATI_STATISTICS_HEATMAP_DAYS : 0;
  reviews = g_new0 (guint, MAX (n_days, 1));

  if (n_days > 0)
    {
      ReviewScan scan = { &bounds, year_start, reviews, mature, mature_ok };

      if (!read_reviews (db, deck_id, &scan, error))
        {
          day_bounds_clear (&bounds);
          return NULL;
        }
    }
  day_bounds_clear (&bounds);

  if (!read_today (db, deck_id, ahead[0], ahead[1], stats, error))
    return NULL;

  if (!read_cards (db, deck_id, deck, now, ahead, topic_index, stats, error))
    return NULL;

  compute_streaks (stats, reviews, n_days);

  /* heatmap[SHUATI_STATISTICS_HEATMAP_DAYS - 1] is today, the history's
   * last day; with a shorter history the early part stays zero. */
  {
    guint n_year = n_days - year_start;
    guint offset = SHUATI_STATISTICS_HEATMAP_DAYS - n_year;

    memcpy (stats->heatmap + offset, reviews + year_start, n_year * sizeof (guint));

    for (guint d = 0; d < n_year; d++)
      {
        guint age = n_year - 1 - d;  /* days before today */

        for (guint w = 0; w < SHUATI_N_RETENTION_WINDOWS; w++)
          {
            static const guint window_days[] = { 7, 30, 365 };

            if (age < window_days[w])
              {
                stats->retention[w].reviews += mature[d];
                stats->retention[w].remembered += mature_ok[d];
              }
          }
      }
  }

  return g_steal_pointer (&stats);
}

/**
 * shuati_statistics_copy:
 * @self: statistics
 *
 * Returns: (transfer full): a deep copy of @self
 */
ShuatiStatistics *
shuati_statistics_copy (const ShuatiStatistics *self)
{
  ShuatiStatistics *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->topics = g_memdup2 (self->topics, self->n_topics * sizeof *self->topics);
  for (guint i = 0; i < copy->n_topics; i++)
    copy->topics[i].topic_id = g_strdup (self->topics[i].topic_id);
  return copy;
}

void
shuati_statistics_free (ShuatiStatistics *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_topics; i++)
    g_free (self->topics[i].topic_id);
  g_free (self->topics);
  g_free (self);
}

/**
 * shuati_statistics_get_total_cards:
 * @self: statistics
 *
 * Returns: the cards counted, in all states
 */
guint
shuati_statistics_get_total_cards (const ShuatiStatistics *self)
{
  guint total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < SHUATI_N_CARD_STATES; i++)
    total += self->n_cards[i];
  return total;
}

/**
 * shuati_statistics_get_retention_rate:
 * @self: statistics
 * @window: which days
 *
 * Returns: the share of reviews of cards in review that were remembered,
 *   from 0 to 1, or a negative number when there were none
 */
double
shuati_statistics_get_retention_rate (const ShuatiStatistics *self,
                                      ShuatiRetentionWindow   window)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (window < SHUATI_N_RETENTION_WINDOWS, -1);

  if (self->retention[window].reviews == 0)
    return -1;
  return (double)self->retention[window].remembered / self->retention[window].reviews;
}
