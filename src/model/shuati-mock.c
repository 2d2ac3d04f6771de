/* shuati-mock.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mock interview: questions drawn toward what the learner is about to
 * forget, each answered against the clock, graded by the key points
 * covered and recorded as a review that the mock's answer marks.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "shuati-session.h"
#include "shuati-store-private.h"
#include "shuati-mock.h"

struct _ShuatiMock
{
  GObject          parent_instance;

  ShuatiScheduler *scheduler;
  ShuatiStore     *store;        /* nullable: then nothing is recorded */
  char            *deck_id;
  GPtrArray       *questions;    /* ShuatiCard */
  GArray          *answers;      /* ShuatiMockAnswer */
  guint            seconds;
  gint64           id;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (ShuatiMock, shuati_mock, G_TYPE_OBJECT)

static void
clear_answer (gpointer data)
{
  ShuatiMockAnswer *answer = data;

  g_clear_pointer (&answer->notes, g_free);
}

static void
shuati_mock_dispose (GObject *object)
{
  ShuatiMock *self = (ShuatiMock *)object;

  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);

  G_OBJECT_CLASS (shuati_mock_parent_class)->dispose (object);
}

static void
shuati_mock_finalize (GObject *object)
{
  ShuatiMock *self = (ShuatiMock *)object;

  g_clear_pointer (&self->deck_id, g_free);

  G_OBJECT_CLASS (shuati_mock_parent_class)->finalize (object);
}

static void
shuati_mock_class_init (ShuatiMockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_mock_dispose;
  object_class->finalize = shuati_mock_finalize;
}

static void
shuati_mock_init (ShuatiMock *self)
{
  self->answers = g_array_new (FALSE, TRUE, sizeof (ShuatiMockAnswer));
  g_array_set_clear_func (self->answers, clear_answer);
}

/* Drawing the questions ------------------------------------------------------- */

/* How much a card is worth asking: what the learner is most likely to
 * have forgotten, and what they forgot most often. */
static double
card_weight (const ShuatiMemory *memory,
             gint64              now)
{
  double r = 0.0;

  if (memory != NULL && memory->state != SHUATI_CARD_NEW && memory->last_review > 0)
    r = shuati_fsrs_retrievability (MAX (0, now - memory->last_review) / 86400.0,
                                    memory->stability);

  return 0.1 + (1.0 - r) + 0.5 * (memory != NULL ? MIN (memory->lapses, 10u) : 0);
}

static gboolean
share_tag (ShuatiCard *a,
           ShuatiCard *b)
{
  const char * const *tags = shuati_card_get_tags (a);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (shuati_card_has_tag (b, tags[i]))
      return TRUE;
  return FALSE;
}

/**
 * shuati_mock_pick:
 * @cards: (element-type ShuatiCard): the choice to draw from
 * @progress: (nullable): the deck's progress, for each card's memory
 * @seed: the same seed draws the same questions
 *
 * Draws up to @n_questions different cards, each with a chance that
 * grows as its retrievability at @now falls and with its lapses; a card
 * never follows one it shares a tag with, unless only such cards are
 * left.
 *
 * Returns: (transfer full) (element-type ShuatiCard): the questions in order
 */
GPtrArray *
shuati_mock_pick (GListModel     *cards,
                  ShuatiProgress *progress,
                  guint           n_questions,
                  gint64          now,
                  guint32         seed)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), picked);
  g_return_val_if_fail (progress == NULL || SHUATI_IS_PROGRESS (progress), picked);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      ShuatiCard *card = g_list_model_get_item (cards, i);
      const ShuatiMemory *memory = NULL;
      double w;

      if (progress != NULL &&
          shuati_deck_lookup_card (shuati_progress_get_deck (progress), shuati_card_get_id (card)) == card)
        memory = shuati_progress_get_memory (progress, card);
      w = card_weight (memory, now);
      g_ptr_array_add (pool, card);
      g_array_append_val (weights, w);
    }

  while (picked->len < n_questions && pool->len > 0)
    {
      ShuatiCard *last = picked->len > 0 ? g_ptr_array_index (picked, picked->len - 1) : NULL;
      double total = 0.0;
      double at;
      guint chosen = G_MAXUINT;
      gboolean any_allowed = FALSE;

      for (guint i = 0; i < pool->len; i++)
        if (last == NULL || !share_tag (last, g_ptr_array_index (pool, i)))
          {
            total += g_array_index (weights, double, i);
            any_allowed = TRUE;
          }
      if (!any_allowed)
        for (guint i = 0; i < pool->len; i++)
          total += g_array_index (weights, double, i);

      at = g_rand_double (rand) * total;
      for (guint i = 0; i < pool->len; i++)
        {
          if (any_allowed && last != NULL && share_tag (last, g_ptr_array_index (pool, i)))
            continue;
          chosen = i;
          at -= g_array_index (weights, double, i);
          if (at < 0)
            break;
        }
      g_assert (chosen != G_MAXUINT);

      g_ptr_array_add (picked, g_ptr_array_steal_index (pool, chosen));
      g_array_remove_index (weights, chosen);
    }

  return picked;
}

/**
 * shuati_mock_pick_planned:
 * @planned: (element-type ShuatiCard): the plan's cards, today's first,
 *   as shuati_plan_list_cards() lists them
 * @n_today: how many of @planned are today's
 *
 * Draws the questions of a mock interview "as the plan says": from
 * today's cards first, weighted as shuati_mock_pick() weighs them, and
 * only when those run out from the rest of the planned set.
 *
 * Returns: (transfer full) (element-type ShuatiCard): the questions in order
 */
GPtrArray *
shuati_mock_pick_planned (GListModel     *planned,
                          guint           n_today,
                          ShuatiProgress *progress,
                          guint           n_questions,
                          gint64          now,
                          guint32         seed)
{
  g_autoptr(GListStore) today = NULL;
  g_autoptr(GListStore) rest = NULL;
  g_autoptr(GPtrArray) more = NULL;
  GPtrArray *picked;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (planned), g_ptr_array_new_with_free_func (g_object_unref));

  today = g_list_store_new (SHUATI_TYPE_CARD);
  rest = g_list_store_new (SHUATI_TYPE_CARD);
  n = g_list_model_get_n_items (planned);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiCard) card = g_list_model_get_item (planned, i);

      g_list_store_append (i < n_today ? today : rest, card);
    }

  picked = shuati_mock_pick (G_LIST_MODEL (today), progress, n_questions, now, seed);
  if (picked->len >= n_questions)
    return picked;
  more = shuati_mock_pick (G_LIST_MODEL (rest), progress, n_questions - picked->len, now, seed + 1);
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (picked, g_object_ref (g_ptr_array_index (more, i)));
  return picked;
}

/**
 * shuati_mock_rating:
 * @duration_ms: how long the learner took
 * @limit_ms: the time the question had
 *
 * Grades an answer as review grades a card with its checklist (see
 * shuati_suggest_rating()), and Easy when every point was covered in
 * under a third of the time.
 *
 * Returns: the rating
 */
ShuatiRating
shuati_mock_rating (guint n_points,
                    guint n_covered,
                    guint duration_ms,
                    guint limit_ms)
{
  ShuatiRating rating = shuati_suggest_rating (n_points, MIN (n_covered, n_points), TRUE);

  if (rating == SHUATI_RATING_GOOD && n_points > 0 && (guint64)duration_ms * 3 < limit_ms)
    return SHUATI_RATING_EASY;
  return rating;
}

/* The attempt ------------------------------------------------------------------ */

static gboolean
run_sql (ShuatiStore   *store,
         const char    *sql,
         GError       **error,
         ...)
{
  sqlite3 *db = shuati_store_get_database (store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = db == NULL ? SQLITE_CANTOPEN : sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      va_list args;
      int n = sqlite3_bind_parameter_count (stmt);

      va_start (args, error);
      for (int i = 1; i <= n; i++)
        {
          int kind = va_arg (args, int);

          if (kind == 's')
            {
              const char *text = va_arg (args, const char *);

              if (text != NULL)
                sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
            }
          else
            sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
        }
      va_end (args);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      shuati_store_set_write_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * shuati_mock_new:
 * @store: (nullable): where to record the answers; without one the mock
 *   is only a rehearsal
 * @questions: (element-type ShuatiCard): from shuati_mock_pick()
 *
 * Returns: (transfer full): the attempt, or %NULL with @error set when
 *   the store could not record its start
 */
ShuatiMock *
shuati_mock_new (ShuatiScheduler  *scheduler,
                 ShuatiStore      *store,
                 const char       *deck_id,
                 GPtrArray        *questions,
                 guint             seconds_per_question,
                 gint64            now,
                 GError          **error)
{
  g_autoptr(ShuatiMock) self = NULL;

  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (store == NULL || SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (questions != NULL, NULL);

  self = g_object_new (SHUATI_TYPE_MOCK, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->deck_id = g_strdup (deck_id);
  self->questions = g_ptr_array_ref (questions);
  self->seconds = seconds_per_question > 0 ? seconds_per_question : SHUATI_MOCK_DEFAULT_SECONDS;

  if (store != NULL)
    {
      if (!shuati_store_ensure_file (store, error) ||
          !run_sql (store, "INSERT INTO mocks (deck_id, started_at) VALUES (?1, ?2)", error,
                    's', deck_id, 'i', now))
        return NULL;
      self->id = sqlite3_last_insert_rowid (shuati_store_get_database (store));
    }

  return g_steal_pointer (&self);
}

/**
 * shuati_mock_get_current:
 *
 * Returns: (transfer none) (nullable): the question to answer, or %NULL
 *   once all are answered or the mock has ended
 */
ShuatiCard *
shuati_mock_get_current (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), NULL);

  if (self->finished || self->answers->len >= self->questions->len)
    return NULL;
  return g_ptr_array_index (self->questions, self->answers->len);
}

guint
shuati_mock_get_position (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0);
  return self->answers->len;
}

guint
shuati_mock_get_n_questions (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0);
  return self->questions->len;
}

guint
shuati_mock_get_seconds_per_question (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0);
  return self->seconds;
}

/**
 * shuati_mock_get_id:
 *
 * Returns: the attempt's id in the store, 0 when it has no store
 */
gint64
shuati_mock_get_id (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0);
  return self->id;
}

/**
 * shuati_mock_answer:
 * @n_points: the key points of the current question
 * @n_covered: how many of them the learner covered
 * @duration_ms: the time taken (the pauses left out)
 * @notes: (nullable): what the learner typed
 *
 * Grades the current question with shuati_mock_rating(), records the
 * review in the store with the answer that marks it as a mock's, and
 * moves on.
 */
gboolean
shuati_mock_answer (ShuatiMock  *self,
                    guint        n_points,
                    guint        n_covered,
                    guint        duration_ms,
                    const char  *notes,
                    gint64       now,
                    GError     **error)
{
  ShuatiCard *card;
  ShuatiMockAnswer answer = { 0 };

  g_return_val_if_fail (SHUATI_IS_MOCK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  card = shuati_mock_get_current (self);
  g_return_val_if_fail (card != NULL, FALSE);

  answer.card = card;
  answer.n_points = n_points;
  answer.n_covered = MIN (n_covered, n_points);
  answer.duration_ms = duration_ms;
  answer.rating = shuati_mock_rating (n_points, n_covered, duration_ms, self->seconds * 1000);
  answer.notes = notes != NULL && *notes != '\0' ? g_strdup (notes) : NULL;

  if (self->store != NULL)
    {
      answer.review_id = shuati_store_review_card (self->store, self->deck_id, shuati_card_get_id (card),
                                                   self->scheduler, answer.rating, now, duration_ms,
                                                   NULL, NULL, error);
      if (answer.review_id == 0 ||
          !run_sql (self->store,
                    "INSERT INTO mock_answers (mock_id, position, card_id, review_id, n_points,"
                    " n_covered, duration_ms, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error,
                    'i', self->id, 'i', (gint64)self->answers->len, 's', shuati_card_get_id (card),
                    'i', answer.review_id, 'i', (gint64)answer.n_points, 'i', (gint64)answer.n_covered,
                    'i', (gint64)duration_ms, 's', answer.notes))
        {
          g_free (answer.notes);
          return FALSE;
        }
    }

  g_array_append_val (self->answers, answer);
  return TRUE;
}

/**
 * shuati_mock_finish:
 *
 * Ends the attempt, answered in full or not, and records when.
 */
gboolean
shuati_mock_finish (ShuatiMock  *self,
                    gint64       now,
                    GError     **error)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), FALSE);

  if (self->finished)
    return TRUE;
  if (self->store != NULL &&
      (!shuati_store_ensure_file (self->store, error) ||
       !run_sql (self->store, "UPDATE mocks SET ended_at = ?2 WHERE id = ?1", error,
                 'i', self->id, 'i', now)))
    return FALSE;

  self->finished = TRUE;
  return TRUE;
}

gboolean
shuati_mock_get_finished (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), FALSE);
  return self->finished || self->answers->len >= self->questions->len;
}

guint
shuati_mock_get_n_answers (ShuatiMock *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0);
  return self->answers->len;
}

/**
 * shuati_mock_get_answer:
 *
 * Returns: (transfer none): the @i-th answer
 */
const ShuatiMockAnswer *
shuati_mock_get_answer (ShuatiMock *self,
                        guint       i)
{
  g_return_val_if_fail (SHUATI_IS_MOCK (self), NULL);
  g_return_val_if_fail (i < self->answers->len, NULL);
  return &g_array_index (self->answers, ShuatiMockAnswer, i);
}

/**
 * shuati_mock_get_score:
 *
 * Returns: the share of the key points covered over the answers, 0 to 1
 *   (0 with no points asked yet)
 */
double
shuati_mock_get_score (ShuatiMock *self)
{
  guint points = 0;
  guint covered = 0;

  g_return_val_if_fail (SHUATI_IS_MOCK (self), 0.0);

  for (guint i = 0; i < self->answers->len; i++)
    {
      points += g_array_index (self->answers, ShuatiMockAnswer, i).n_points;
      covered += g_array_index (self->answers, ShuatiMockAnswer, i).n_covered;
    }
  return points > 0 ? (double)covered / points : 0.0;
}

/**
 * shuati_mock_list_past:
 *
 * Returns: (transfer full) (element-type ShuatiMockRecord): the ended
 *   mock interviews of @deck_id with at least one answer, oldest first,
 *   or %NULL with @error set
 */
GArray *
shuati_mock_list_past (ShuatiStore  *store,
                       const char   *deck_id,
                       GError      **error)
{
  g_autoptr(GArray) records = g_array_new (FALSE, TRUE, sizeof (ShuatiMockRecord));
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  db = shuati_store_get_database (store);
  rc = db == NULL ? SQLITE_CANTOPEN :
       sqlite3_prepare_v2 (db,
                           "SELECT m.id, m.started_at, m.ended_at, count(*), sum(a.n_points), sum(a.n_covered)"
                           " FROM mocks m JOIN mock_answers a ON a.mock_id = m.id"
                           " WHERE m.deck_id = ?1 AND m.ended_at IS NOT NULL"
                           " GROUP BY m.id ORDER BY m.started_at, m.id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shuati_store_set_read_error (store, rc, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ShuatiMockRecord record = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
        (guint)sqlite3_column_int64 (stmt, 3), (guint)sqlite3_column_int64 (stmt, 4),
        (guint)sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (records, record);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}
