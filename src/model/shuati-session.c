/* shuati-session.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sitting of study or practice over the cards the user chose.
 *
 * Study shows, in turn: a learning card whose step has come due, the due
 * review cards (most overdue first), the day's new cards (in card order),
 * and, when nothing else is left, the learning card due soonest, early.
 * Custom sessions for after the day's work put other cards in the review
 * queue: those due in the next days (reviewed early: the scheduler
 * counts the days that really passed) or those forgotten today.
 * The card on screen is taken out of its queue and counted in it until
 * it is graded; undo reverses the last grade exactly, queues included.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-session.h"

typedef enum
{
  BUCKET_NONE,
  BUCKET_NEW,
  BUCKET_DUE,
  BUCKET_LEARNING,
} Bucket;

typedef struct
{
  gint64  due;
  guint64 seq;     /* ties between equal due times keep their order */
  guint   index;
} LearnEntry;

typedef struct
{
  guint        index;
  Bucket       bucket;
  LearnEntry   entry;
  ShuatiMemory before;
  gint64       review_id;
  guint64      requeued_seq;
  ShuatiRating rating;
  gboolean     requeued;
} UndoEntry;

typedef struct
{
  guint       n_new;
  guint       n_learning;
  guint       n_due;
  guint       n_done;
  guint       n_remembered;
  gboolean    finished;
  gboolean    can_undo;
  ShuatiCard *current;
} Snapshot;

struct _ShuatiSession
{
  GObject          parent_instance;

  ShuatiScheduler *scheduler;
  ShuatiStore     *store;
  char            *deck_id;

  GPtrArray       *cards;          /* ShuatiCard */
  ShuatiMemory    *memories;       /* one per card; study only */
  gboolean        *held_out;       /* one per card: suspended or buried; study only */

  GArray          *due_queue;      /* guint card index, oldest due first */
  guint            due_head;
  GArray          *new_queue;      /* guint card index, in card order */
  guint            new_head;
  GArray          *learning;       /* LearnEntry, latest due first so the next is last */
  guint64          next_seq;

  guint            current;
  Bucket           current_bucket;
  LearnEntry       current_entry;

  GArray          *undo;           /* UndoEntry */

  gint64           started_at;
  gint64           day_end;
  guint            n_done;
  guint            n_remembered;
  ShuatiStudyKind  kind;
  guint            practice : 1;
};

G_DEFINE_FINAL_TYPE (ShuatiSession, shuati_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_N_NEW,
  PROP_N_LEARNING,
  PROP_N_DUE,
  PROP_N_DONE,
  PROP_N_REMEMBERED,
  PROP_IS_PRACTICE,
  PROP_FINISHED,
  PROP_CAN_UNDO,
  PROP_STARTED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CARD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
shuati_session_dispose (GObject *object)
{
  ShuatiSession *self = (ShuatiSession *)object;

  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (shuati_session_parent_class)->dispose (object);
}

static void
shuati_session_finalize (GObject *object)
{
  ShuatiSession *self = (ShuatiSession *)object;

  g_clear_pointer (&self->deck_id, g_free);
  g_clear_pointer (&self->memories, g_free);
  g_clear_pointer (&self->held_out, g_free);
  g_clear_pointer (&self->due_queue, g_array_unref);
  g_clear_pointer (&self->new_queue, g_array_unref);
  g_clear_pointer (&self->learning, g_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);

  G_OBJECT_CLASS (shuati_session_parent_class)->finalize (object);
}

static void
shuati_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShuatiSession *self = SHUATI_SESSION (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, shuati_session_get_current (self));
      break;

    case PROP_N_NEW:
      g_value_set_uint (value, shuati_session_get_n_new (self));
      break;

    case PROP_N_LEARNING:
      g_value_set_uint (value, shuati_session_get_n_learning (self));
      break;

    case PROP_N_DUE:
      g_value_set_uint (value, shuati_session_get_n_due (self));
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_REMEMBERED:
      g_value_set_uint (value, self->n_remembered);
      break;

    case PROP_IS_PRACTICE:
      g_value_set_boolean (value, self->practice);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, shuati_session_get_finished (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, shuati_session_can_undo (self));
      break;

    case PROP_STARTED_AT:
      g_value_set_int64 (value, self->started_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_session_class_init (ShuatiSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = shuati_session_dispose;
  object_class->finalize = shuati_session_finalize;
  object_class->get_property = shuati_session_get_property;

  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, SHUATI_TYPE_CARD, flags);
  properties[PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_LEARNING] =
    g_param_spec_uint ("n-learning", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REMEMBERED] =
    g_param_spec_uint ("n-remembered", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_IS_PRACTICE] =
    g_param_spec_boolean ("is-practice", NULL, NULL, FALSE, flags);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_STARTED_AT] =
    g_param_spec_int64 ("started-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShuatiSession::card-changed:
   * @deck_id: the deck written to
   * @card_id: (nullable): the card written to, or %NULL when the whole deck changed
   *
   * The session's store was written to, by the session or elsewhere: a
   * star or a review. Whoever shows a card's star reads it again with
   * shuati_session_get_starred().
   */
  signals[CARD_CHANGED] =
    g_signal_new ("card-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
shuati_session_init (ShuatiSession *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->due_queue = g_array_new (FALSE, FALSE, sizeof (guint));
  self->new_queue = g_array_new (FALSE, FALSE, sizeof (guint));
  self->learning = g_array_new (FALSE, FALSE, sizeof (LearnEntry));
  self->undo = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  self->current_bucket = BUCKET_NONE;
}

/* Notifications */

static void
snapshot (ShuatiSession *self,
          Snapshot      *s)
{
  s->n_new = shuati_session_get_n_new (self);
  s->n_learning = shuati_session_get_n_learning (self);
  s->n_due = shuati_session_get_n_due (self);
  s->n_done = self->n_done;
  s->n_remembered = self->n_remembered;
  s->finished = shuati_session_get_finished (self);
  s->can_undo = shuati_session_can_undo (self);
  s->current = shuati_session_get_current (self);
}

static void
notify_changes (ShuatiSession  *self,
                const Snapshot *old)
{
  Snapshot now;

  snapshot (self, &now);
  g_object_freeze_notify (G_OBJECT (self));
  if (old->current != now.current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (old->n_new != now.n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
  if (old->n_learning != now.n_learning)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LEARNING]);
  if (old->n_due != now.n_due)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
  if (old->n_done != now.n_done)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  if (old->n_remembered != now.n_remembered)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REMEMBERED]);
  if (old->finished != now.finished)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  if (old->can_undo != now.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Queues */

static int
compare_learn_entries_desc (gconstpointer a,
                            gconstpointer b)
{
  const LearnEntry *x = a;
  const LearnEntry *y = b;

  if (x->due != y->due)
    return x->due < y->due ? 1 : -1;
  return x->seq < y->seq ? 1 : (x->seq > y->seq ? -1 : 0);
}

static void
learning_insert (ShuatiSession    *self,
                 const LearnEntry *entry)
{
  guint lo = 0;
  guint hi = self->learning->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_learn_entries_desc (&g_array_index (self->learning, LearnEntry, mid), entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->learning, lo, *entry);
}

static void
learning_remove_seq (ShuatiSession *self,
                     guint64        seq)
{
  for (guint i = self->learning->len; i > 0; i--)
    if (g_array_index (self->learning, LearnEntry, i - 1).seq == seq)
      {
        g_array_remove_index (self->learning, i - 1);
        return;
      }
}

static void
take_next (ShuatiSession *self,
           gint64         now)
{
  gboolean learning_due = FALSE;

  g_assert (self->current_bucket == BUCKET_NONE);

  if (self->learning->len > 0)
    learning_due = g_array_index (self->learning, LearnEntry, self->learning->len - 1).due <= now;

  if (!learning_due && self->due_head < self->due_queue->len)
    {
      self->current = g_array_index (self->due_queue, guint, self->due_head++);
      self->current_bucket = BUCKET_DUE;
    }
  else if (!learning_due && self->new_head < self->new_queue->len)
    {
      self->current = g_array_index (self->new_queue, guint, self->new_head++);
      self->current_bucket = BUCKET_NEW;
    }
  else if (self->learning->len > 0)
    {
      self->current_entry = g_array_index (self->learning, LearnEntry, self->learning->len - 1);
      g_array_set_size (self->learning, self->learning->len - 1);
      self->current = self->current_entry.index;
      self->current_bucket = BUCKET_LEARNING;
    }
}

/* Gives the card on screen back to its queue, exactly where it was. */
static void
put_back_current (ShuatiSession *self)
{
  switch (self->current_bucket)
    {
    case BUCKET_DUE:
      self->due_head--;
      break;

    case BUCKET_NEW:
      self->new_head--;
      break;

    case BUCKET_LEARNING:
      learning_insert (self, &self->current_entry);
      break;

    case BUCKET_NONE:
    default:
      break;
    }
  self->current_bucket = BUCKET_NONE;
}

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const ShuatiMemory *memories = user_data;
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  if (memories[x].due != memories[y].due)
    return memories[x].due < memories[y].due ? -1 : 1;
  return x < y ? -1 : (x > y ? 1 : 0);
}

static void
take_cards (ShuatiSession *self,
            GListModel    *cards)
{
  guint n = g_list_model_get_n_items (cards);

  g_ptr_array_set_size (self->cards, 0);
  for (guint i = 0; i < n; i++)
    {
      ShuatiCard *card = g_list_model_get_item (cards, i);

      if (card != NULL)
        g_ptr_array_add (self->cards, card);
    }
}

typedef const ShuatiMemory *(*MemoryLookup) (gpointer    data,
                                             ShuatiCard *card);

static const ShuatiMemory *
lookup_in_table (gpointer    data,
                 ShuatiCard *card)
{
  return g_hash_table_lookup (data, shuati_card_get_id (card));
}

/* @data is the deck's memories in card order: an index, not a lookup. */
static const ShuatiMemory *
lookup_in_progress (gpointer    data,
                    ShuatiCard *card)
{
  const ShuatiMemory *memories = data;

  return &memories[shuati_card_get_position (card)];
}

/* The ids of the cards of @deck_id graded Again since @since; none when
 * the store cannot tell. */
static GHashTable *
load_forgotten (ShuatiStore *store,
                const char  *deck_id,
                gint64       since)
{
  GHashTable *ids = shuati_store_load_forgotten (store, deck_id, since, NULL);

  if (ids == NULL)
    ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return ids;
}

/* Cards that Review Ahead offers: in Review, not reviewed today, and due
 * before the end of the coming days. */
static gboolean
is_ahead (const ShuatiMemory *m,
          gint64              now)
{
  return m->state == SHUATI_CARD_REVIEW &&
         m->last_review < shuati_day_start (now) &&
         m->due < shuati_day_end (now) + SHUATI_SESSION_AHEAD_DAYS * (gint64)86400;
}

static void attach_store (ShuatiSession *self,
                          ShuatiStore   *store);

static ShuatiSession *
new_study (ShuatiScheduler  *scheduler,
           ShuatiStore      *store,
           const char       *deck_id,
           GListModel       *cards,
           MemoryLookup      lookup,
           gpointer          lookup_data,
           ShuatiStudyKind   kind,
           guint             new_limit,
           gint64            now)
{
  g_autoptr(ShuatiSession) self = NULL;
  g_autoptr(GHashTable) forgotten = NULL;
  g_autoptr(GHashTable) suspended = NULL;
  g_autoptr(GHashTable) buried = NULL;
  guint new_today;
  guint new_left;

  self = g_object_new (SHUATI_TYPE_SESSION, NULL);
  self->scheduler = g_object_ref (scheduler);
  attach_store (self, store);
  self->deck_id = g_strdup (deck_id);
  self->started_at = now;
  self->day_end = shuati_day_end (now);
  self->kind = kind;

  if (kind == SHUATI_STUDY_FORGOTTEN)
    forgotten = load_forgotten (store, deck_id, shuati_day_start (now));
  /* Suspended and buried cards are never studied; when the store cannot
   * tell which they are, none is left out. */
  suspended = shuati_store_load_suspended (store, deck_id, NULL);
  buried = shuati_store_load_buried (store, deck_id, now, NULL);

  new_today = shuati_store_count_new_today (store, deck_id, shuati_day_start (now));
  new_left = new_limit > new_today ? new_limit - new_today : 0;

  take_cards (self, cards);
  self->memories = g_new0 (ShuatiMemory, MAX (self->cards->len, 1));
  self->held_out = g_new0 (gboolean, MAX (self->cards->len, 1));

  for (guint i = 0; i < self->cards->len; i++)
    {
      ShuatiCard *card = g_ptr_array_index (self->cards, i);
      const ShuatiMemory *m = lookup (lookup_data, card);

      if (m != NULL)
        self->memories[i] = *m;
      m = &self->memories[i];

      if ((suspended != NULL && g_hash_table_contains (suspended, shuati_card_get_id (card))) ||
          (buried != NULL && g_hash_table_contains (buried, shuati_card_get_id (card))))
        {
          self->held_out[i] = TRUE;
          continue;
        }

      if (kind == SHUATI_STUDY_AHEAD)
        {
          if (is_ahead (m, now))
            g_array_append_val (self->due_queue, i);
          continue;
        }
      if (kind == SHUATI_STUDY_FORGOTTEN)
        {
          /* In card order, whatever their state: they are shown again
           * because they were failed, not because they are due. */
          if (g_hash_table_contains (forgotten, shuati_card_get_id (card)))
            g_array_append_val (self->due_queue, i);
          continue;
        }

      switch (m->state)
        {
        case SHUATI_CARD_REVIEW:
          if (m->due < self->day_end)
            g_array_append_val (self->due_queue, i);
          break;

        case SHUATI_CARD_LEARNING:
        case SHUATI_CARD_RELEARNING:
          {
            /* Steps are minutes long: a step that ends after midnight
             * still belongs to today's work. */
            LearnEntry entry = { m->due, self->next_seq++, i };
            g_array_append_val (self->learning, entry);
          }
          break;

        case SHUATI_CARD_NEW:
        default:
          if (self->new_queue->len < new_left)
            g_array_append_val (self->new_queue, i);
          break;
        }
    }

  if (kind != SHUATI_STUDY_FORGOTTEN)
    g_array_sort_with_data (self->due_queue, compare_due, self->memories);
  g_array_sort (self->learning, compare_learn_entries_desc);

  take_next (self, now);

  return g_steal_pointer (&self);
}

/**
 * shuati_session_new_study_with_memories:
 * @memories: (nullable) (element-type utf8 ShuatiMemory): the deck's
 *   memories from shuati_store_load_deck(), or %NULL to load them here
 *
 * Like shuati_session_new_study(), for a caller that already holds the
 * deck's memories.
 */
ShuatiSession *
shuati_session_new_study_with_memories (ShuatiScheduler  *scheduler,
                                        ShuatiStore      *store,
                                        const char       *deck_id,
                                        GListModel       *cards,
                                        GHashTable       *memories,
                                        guint             new_limit,
                                        gint64            now,
                                        GError          **error)
{
  g_autoptr(GHashTable) loaded = NULL;

  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (memories == NULL)
    {
      if (!shuati_store_load_deck (store, deck_id, &loaded, error))
        return NULL;
      memories = loaded;
    }

  return new_study (scheduler, store, deck_id, cards, lookup_in_table, memories,
                    SHUATI_STUDY_DUE, new_limit, now);
}

/**
 * shuati_session_new_study_for_progress:
 * @progress: the deck's progress, which must have a store
 * @cards: (transfer none): cards of the progress's deck, in their order
 *
 * Like shuati_session_new_study(), reading each card's memory from
 * @progress by its place in the deck rather than by its id.
 *
 * Returns: (transfer full): the session
 */
ShuatiSession *
shuati_session_new_study_for_progress (ShuatiScheduler *scheduler,
                                       ShuatiProgress  *progress,
                                       GListModel      *cards,
                                       guint            new_limit,
                                       gint64           now)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (shuati_progress_get_store (progress)), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  return new_study (scheduler, shuati_progress_get_store (progress),
                    shuati_deck_get_id (shuati_progress_get_deck (progress)),
                    cards, lookup_in_progress,
                    (gpointer)shuati_progress_peek_memories (progress),
                    SHUATI_STUDY_DUE, new_limit, now);
}

/**
 * shuati_session_new_custom:
 * @kind: which cards to study
 * @new_limit: the day's new-card limit, for %SHUATI_STUDY_DUE
 *
 * Like shuati_session_new_study(), for the choices offered once the day's
 * work is done.
 *
 * Returns: (transfer full): the session, or %NULL if the progress could
 *   not be read
 */
ShuatiSession *
shuati_session_new_custom (ShuatiScheduler  *scheduler,
                           ShuatiStore      *store,
                           const char       *deck_id,
                           GListModel       *cards,
                           ShuatiStudyKind   kind,
                           guint             new_limit,
                           gint64            now,
                           GError          **error)
{
  g_autoptr(GHashTable) loaded = NULL;

  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (kind <= SHUATI_STUDY_FORGOTTEN, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!shuati_store_load_deck (store, deck_id, &loaded, error))
    return NULL;

  return new_study (scheduler, store, deck_id, cards, lookup_in_table, loaded,
                    kind, new_limit, now);
}

/**
 * shuati_session_new_custom_for_progress:
 *
 * Like shuati_session_new_custom(), reading the memories from @progress
 * as shuati_session_new_study_for_progress() does.
 *
 * Returns: (transfer full): the session
 */
ShuatiSession *
shuati_session_new_custom_for_progress (ShuatiScheduler *scheduler,
                                        ShuatiProgress  *progress,
                                        GListModel      *cards,
                                        ShuatiStudyKind  kind,
                                        guint            new_limit,
                                        gint64           now)
{
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (shuati_progress_get_store (progress)), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (kind <= SHUATI_STUDY_FORGOTTEN, NULL);

  return new_study (scheduler, shuati_progress_get_store (progress),
                    shuati_deck_get_id (shuati_progress_get_deck (progress)),
                    cards, lookup_in_progress,
                    (gpointer)shuati_progress_peek_memories (progress),
                    kind, new_limit, now);
}

/**
 * shuati_session_new_study:
 * @cards: (transfer none): the ShuatiCards to study, in their order
 * @new_limit: how many new cards a day; new cards first studied earlier
 *   today count towards it
 * @now: unix seconds
 *
 * Returns: (transfer full): the session, or %NULL if the progress could
 *   not be read
 */
ShuatiSession *
shuati_session_new_study (ShuatiScheduler  *scheduler,
                          ShuatiStore      *store,
                          const char       *deck_id,
                          GListModel       *cards,
                          guint             new_limit,
                          gint64            now,
                          GError          **error)
{
  return shuati_session_new_study_with_memories (scheduler, store, deck_id, cards, NULL,
                                                 new_limit, now, error);
}

/**
 * shuati_session_new_practice:
 * @cards: (transfer none): the ShuatiCards to go through
 * @shuffled: whether to go through them in a random order
 * @seed: the seed of that order
 *
 * Returns: (transfer full): a session that shows every card once and
 *   never records anything
 */
ShuatiSession *
shuati_session_new_practice (GListModel *cards,
                             gboolean    shuffled,
                             guint32     seed)
{
  ShuatiSession *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  self = g_object_new (SHUATI_TYPE_SESSION, NULL);
  self->practice = TRUE;
  self->started_at = g_get_real_time () / G_USEC_PER_SEC;
  take_cards (self, cards);

  g_array_set_size (self->due_queue, self->cards->len);
  for (guint i = 0; i < self->cards->len; i++)
    g_array_index (self->due_queue, guint, i) = i;

  if (shuffled && self->cards->len > 1)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint *order = (guint *)(gpointer)self->due_queue->data;

      for (guint i = self->cards->len - 1; i > 0; i--)
        {
          guint j = (guint)g_rand_int_range (rand, 0, (gint32)i + 1);
          guint tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }
    }

  take_next (self, 0);

  return self;
}

/**
 * shuati_session_get_current:
 *
 * Returns: (transfer none) (nullable): the card to show, or %NULL when
 *   the session is finished
 */
ShuatiCard *
shuati_session_get_current (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), NULL);

  if (self->current_bucket == BUCKET_NONE)
    return NULL;
  return g_ptr_array_index (self->cards, self->current);
}

/**
 * shuati_session_get_current_memory:
 *
 * Returns: (nullable): the memory of the card on screen, or %NULL when
 *   practising or finished
 */
const ShuatiMemory *
shuati_session_get_current_memory (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), NULL);

  if (self->practice || self->current_bucket == BUCKET_NONE)
    return NULL;
  return &self->memories[self->current];
}

/**
 * shuati_session_preview:
 * @intervals: (out caller-allocates) (array fixed-size=4): seconds until
 *   the current card would be due after each rating; all 0 when
 *   practising or finished
 */
void
shuati_session_preview (ShuatiSession *self,
                        gint64         now,
                        gint64         intervals[4])
{
  g_return_if_fail (SHUATI_IS_SESSION (self));
  g_return_if_fail (intervals != NULL);

  if (self->practice || self->current_bucket == BUCKET_NONE)
    {
      memset (intervals, 0, 4 * sizeof (gint64));
      return;
    }

  shuati_scheduler_preview (self->scheduler, &self->memories[self->current], now, intervals);
}

/**
 * shuati_session_grade:
 * @rating: the answer for the current card
 * @now: unix seconds
 * @duration_ms: how long the card was on screen
 *
 * Records the answer (in study) and moves on. If the progress cannot be
 * saved, nothing changes: the same card stays current and @error says why.
 */
gboolean
shuati_session_grade (ShuatiSession  *self,
                      ShuatiRating    rating,
                      gint64          now,
                      guint           duration_ms,
                      GError        **error)
{
  UndoEntry entry = { 0 };
  Snapshot old;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);
  g_return_val_if_fail (rating >= SHUATI_RATING_AGAIN && rating <= SHUATI_RATING_EASY, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->current_bucket != BUCKET_NONE, FALSE);

  snapshot (self, &old);

  entry.index = self->current;
  entry.bucket = self->current_bucket;
  entry.entry = self->current_entry;
  entry.rating = rating;

  if (!self->practice)
    {
      ShuatiCard *card = g_ptr_array_index (self->cards, self->current);
      ShuatiMemory *memory = &self->memories[self->current];
      ShuatiMemory before;
      ShuatiMemory after;

      /* The store reads the memory afresh in its write transaction:
       * another Shuati on the same data folder may have reviewed the
       * card since this session read it. */
      entry.review_id = shuati_store_review_card (self->store, self->deck_id,
                                                  shuati_card_get_id (card),
                                                  self->scheduler, rating, now, duration_ms,
                                                  &before, &after, error);
      if (entry.review_id == 0)
        return FALSE;

      entry.before = before;
      *memory = after;

      if (after.state == SHUATI_CARD_LEARNING || after.state == SHUATI_CARD_RELEARNING)
        {
          LearnEntry requeue = { after.due, self->next_seq++, self->current };

          learning_insert (self, &requeue);
          entry.requeued = TRUE;
          entry.requeued_seq = requeue.seq;
        }
    }

  g_array_append_val (self->undo, entry);
  self->n_done++;
  if (rating >= SHUATI_RATING_HARD)
    self->n_remembered++;

  self->current_bucket = BUCKET_NONE;
  take_next (self, now);

  notify_changes (self, &old);
  return TRUE;
}

gboolean
shuati_session_can_undo (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);

  return self->undo->len > 0;
}

/**
 * shuati_session_undo:
 *
 * Takes back the last grade: the review leaves the progress file, the card
 * gets its memory back and is shown again, and the counts are as before.
 */
gboolean
shuati_session_undo (ShuatiSession  *self,
                     GError        **error)
{
  const UndoEntry *entry;
  Snapshot old;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->undo->len == 0)
    {
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND,
                   _("There is nothing to undo."));
      return FALSE;
    }

  snapshot (self, &old);
  entry = &g_array_index (self->undo, UndoEntry, self->undo->len - 1);

  if (!self->practice &&
      !shuati_store_undo_review (self->store, entry->review_id, NULL, error))
    return FALSE;

  put_back_current (self);
  if (entry->requeued)
    learning_remove_seq (self, entry->requeued_seq);
  if (!self->practice)
    self->memories[entry->index] = entry->before;

  self->current = entry->index;
  self->current_bucket = entry->bucket;
  self->current_entry = entry->entry;

  self->n_done--;
  if (entry->rating >= SHUATI_RATING_HARD)
    self->n_remembered--;
  g_array_set_size (self->undo, self->undo->len - 1);

  notify_changes (self, &old);
  return TRUE;
}

guint
shuati_session_get_n_new (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->new_queue->len - self->new_head + (self->current_bucket == BUCKET_NEW);
}

guint
shuati_session_get_n_learning (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->learning->len + (self->current_bucket == BUCKET_LEARNING);
}

/**
 * shuati_session_get_n_due:
 *
 * Returns: the due review cards left, the one on screen included; when
 *   practising, every card left
 */
guint
shuati_session_get_n_due (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->due_queue->len - self->due_head + (self->current_bucket == BUCKET_DUE);
}

guint
shuati_session_get_n_done (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->n_done;
}

guint
shuati_session_get_n_remembered (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->n_remembered;
}

gboolean
shuati_session_get_is_practice (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);

  return self->practice;
}

gboolean
shuati_session_get_finished (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), TRUE);

  return self->current_bucket == BUCKET_NONE;
}

gint64
shuati_session_get_started_at (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->started_at;
}

/**
 * shuati_session_get_next_due:
 *
 * Returns: the earliest due time among the session's studied cards, unix
 *   seconds, for the summary; 0 when none has one (or when practising)
 */
gint64
shuati_session_get_next_due (ShuatiSession *self)
{
  gint64 next = 0;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  if (self->practice)
    return 0;

  for (guint i = 0; i < self->cards->len; i++)
    {
      const ShuatiMemory *m = &self->memories[i];

      if (m->state != SHUATI_CARD_NEW && (next == 0 || m->due < next))
        next = m->due;
    }

  return next;
}

ShuatiStudyKind
shuati_session_get_kind (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), SHUATI_STUDY_DUE);

  return self->kind;
}

/**
 * shuati_session_get_n_cards:
 *
 * Returns: how many cards the session was given to choose from, whether
 *   or not any was due: 0 means the search or choice matched nothing
 */
guint
shuati_session_get_n_cards (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  return self->cards->len;
}

/**
 * shuati_session_count_new_left:
 *
 * Returns: the cards never studied among the session's cards, beyond
 *   those it shows: what raising today's new-card limit would bring
 */
guint
shuati_session_count_new_left (ShuatiSession *self)
{
  guint n = 0;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  if (self->practice)
    return 0;

  for (guint i = 0; i < self->cards->len; i++)
    if (self->memories[i].state == SHUATI_CARD_NEW && !self->held_out[i])
      n++;

  return n - MIN (n, shuati_session_get_n_new (self));
}

/**
 * shuati_session_count_ahead:
 * @now: unix seconds
 *
 * Returns: the review cards a %SHUATI_STUDY_AHEAD session would show now:
 *   not reviewed today and due within %SHUATI_SESSION_AHEAD_DAYS days
 *   after today
 */
guint
shuati_session_count_ahead (ShuatiSession *self,
                            gint64         now)
{
  guint n = 0;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  if (self->practice)
    return 0;

  for (guint i = 0; i < self->cards->len; i++)
    if (is_ahead (&self->memories[i], now) && !self->held_out[i])
      n++;

  return n;
}

/**
 * shuati_session_count_forgotten:
 * @now: unix seconds
 *
 * Returns: the session's cards graded Again since the start of the day of
 *   @now, in this session or before
 */
guint
shuati_session_count_forgotten (ShuatiSession *self,
                                gint64         now)
{
  g_autoptr(GHashTable) forgotten = NULL;
  guint n = 0;

  g_return_val_if_fail (SHUATI_IS_SESSION (self), 0);

  if (self->practice)
    return 0;

  forgotten = load_forgotten (self->store, self->deck_id, shuati_day_start (now));
  for (guint i = 0; i < self->cards->len && g_hash_table_size (forgotten) > 0; i++)
    if (g_hash_table_contains (forgotten, shuati_card_get_id (g_ptr_array_index (self->cards, i))) &&
        !self->held_out[i])
      n++;

  return n;
}

/**
 * shuati_suggest_rating:
 * @n_points: how many key points the card's checklist has
 * @n_ticked: how many of them the learner ticked
 * @touched: whether the learner ticked or unticked any point of this card
 *
 * The grade Space and Enter give on the back of a card. Someone who
 * never touches the checklist grades as in Anki, where Space is Good;
 * once the learner uses it, it speaks: every point ticked is Good, some
 * is Hard, none is Again.
 *
 * Returns: the rating to suggest
 */
ShuatiRating
shuati_suggest_rating (guint    n_points,
                       guint    n_ticked,
                       gboolean touched)
{
  if (n_points == 0 || !touched || n_ticked >= n_points)
    return SHUATI_RATING_GOOD;
  if (n_ticked == 0)
    return SHUATI_RATING_AGAIN;
  return SHUATI_RATING_HARD;
}

/* Stars */

static void
on_store_changed (ShuatiStore   *store,
                  const char    *deck_id,
                  const char    *card_id,
                  ShuatiSession *self)
{
  g_signal_emit (self, signals[CARD_CHANGED], 0, deck_id, card_id);
}

static void
attach_store (ShuatiSession *self,
              ShuatiStore   *store)
{
  g_assert (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
}

/**
 * shuati_session_new_practice_with_store:
 * @store: where the stars are kept
 * @cards: (transfer none): the ShuatiCards to go through
 * @shuffled: whether to go through them in a random order
 * @seed: the seed of that order
 *
 * Like shuati_session_new_practice(), but the cards can be starred. The
 * grades are still never recorded.
 *
 * Returns: (transfer full): the session
 */
ShuatiSession *
shuati_session_new_practice_with_store (ShuatiStore *store,
                                        GListModel  *cards,
                                        gboolean     shuffled,
                                        guint32      seed)
{
  ShuatiSession *self;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  self = shuati_session_new_practice (cards, shuffled, seed);
  attach_store (self, store);

  return self;
}

/**
 * shuati_session_get_can_star:
 *
 * Returns: whether the session has a store to keep stars in: every
 *   study session and a practice session made with one
 */
gboolean
shuati_session_get_can_star (ShuatiSession *self)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);

  return self->store != NULL;
}

/**
 * shuati_session_get_starred:
 * @card: a card, usually the current one
 *
 * Returns: whether @card is starred; %FALSE when the session cannot star
 */
gboolean
shuati_session_get_starred (ShuatiSession *self,
                            ShuatiCard    *card)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SHUATI_IS_CARD (card), FALSE);

  if (self->store == NULL)
    return FALSE;

  return shuati_store_is_starred (self->store,
                                  shuati_card_get_deck_id (card),
                                  shuati_card_get_id (card));
}

/**
 * shuati_session_set_starred:
 * @card: a card, usually the current one
 * @starred: whether to star or unstar it
 *
 * Writes the star of @card to the session's store, which then emits
 * #ShuatiSession::card-changed.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the session has
 *   no store or the store cannot be written
 */
gboolean
shuati_session_set_starred (ShuatiSession  *self,
                            ShuatiCard     *card,
                            gboolean        starred,
                            GError        **error)
{
  g_return_val_if_fail (SHUATI_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SHUATI_IS_CARD (card), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_OPEN,
                   _("Stars are kept in your progress file, which could not be opened."));
      return FALSE;
    }

  return shuati_store_set_starred (self->store,
                                   shuati_card_get_deck_id (card),
                                   shuati_card_get_id (card),
                                   !!starred, error);
}
