/* shuati-progress.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-progress.h"

/* What the learner knows of one deck: every card's memory in deck order,
 * the stars, and the counts the sidebar shows. Loaded once from the
 * store and kept current from its "changed" signal, one card at a time,
 * so that no review costs a pass over the deck. */
struct _ShuatiProgress
{
  GObject       parent_instance;

  ShuatiDeck   *deck;
  ShuatiStore  *store;
  ShuatiMemory *memories;      /* one per card, by position; state NEW when never studied */
  GHashTable   *due_ids;       /* card ids, borrowed from the cards */
  GHashTable   *starred_ids;
  GHashTable   *mistake_ids;   /* the 错题本, borrowed like the others */
  GHashTable   *suspended_ids; /* card ids, borrowed from the cards */
  GHashTable   *buried_ids;    /* card ids buried for the rest of the day */
  GHashTable   *topic_counts;  /* topic id → TopicCounts */
  gint64        day_end;
  guint         n_mastered;
};

typedef struct
{
  guint n_due;
  guint n_mastered;
  guint n_cards;
} TopicCounts;

G_DEFINE_FINAL_TYPE (ShuatiProgress, shuati_progress, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * shuati_local_midnight:
 * @tz: the learner's time zone
 * @date: a local date in @tz
 *
 * Where midnight falls in a DST gap, GLib moves it to the first moment
 * that exists, which is when that day begins.
 *
 * Returns: (transfer full) (nullable): the first moment of @date in @tz,
 *   or %NULL when it is out of range
 */
GDateTime *
shuati_local_midnight (GTimeZone   *tz,
                       const GDate *date)
{
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), 0, 0, 0);
}

/* The midnight that begins the learner's local day holding @now. */
static GDateTime *
midnight_before (gint64 now)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (now);
  g_autoptr(GTimeZone) tz = NULL;
  GDate date;

  if (moment == NULL)
    return NULL;

  tz = g_time_zone_new_local ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (moment),
                  g_date_time_get_month (moment), g_date_time_get_year (moment));
  return shuati_local_midnight (tz, &date);
}

/**
 * shuati_day_start:
 *
 * Returns: the first second of the learner's local day that holds @now
 */
gint64
shuati_day_start (gint64 now)
{
  g_autoptr(GDateTime) midnight = midnight_before (now);

  if (midnight == NULL)
    return now - now % 86400;

  return g_date_time_to_unix (midnight);
}

/**
 * shuati_day_end:
 *
 * Returns: the first second of the learner's next local day after @now
 */
gint64
shuati_day_end (gint64 now)
{
  g_autoptr(GDateTime) midnight = midnight_before (now);
  g_autoptr(GDateTime) next = NULL;

  if (midnight == NULL || (next = g_date_time_add_days (midnight, 1)) == NULL)
    return now + 86400;

  return g_date_time_to_unix (next);
}

/* Learning steps are minutes long, so a card between steps is part of
 * today's work even when its step ends after midnight. */
static gboolean
memory_is_due (const ShuatiMemory *memory,
               gint64              day_end)
{
  switch (memory->state)
    {
    case SHUATI_CARD_LEARNING:
    case SHUATI_CARD_RELEARNING:
      return TRUE;

    case SHUATI_CARD_REVIEW:
      return memory->due < day_end;

    case SHUATI_CARD_NEW:
    default:
      return FALSE;
    }
}

static gboolean
memory_is_mastered (const ShuatiMemory *memory)
{
  return memory->state == SHUATI_CARD_REVIEW &&
         memory->stability >= SHUATI_MASTERED_STABILITY;
}

static TopicCounts *
counts_for (ShuatiProgress *self,
            ShuatiCard     *card)
{
  const char *topic_id = shuati_card_get_topic_id (card);

  return topic_id != NULL ? g_hash_table_lookup (self->topic_counts, topic_id) : NULL;
}

/* Suspended and buried cards are not studied, so not counted as due. */
static gboolean
is_held_out (ShuatiProgress *self,
             ShuatiCard     *card)
{
  return g_hash_table_contains (self->suspended_ids, shuati_card_get_id (card)) ||
         g_hash_table_contains (self->buried_ids, shuati_card_get_id (card));
}

/* Replaces @set's contents with the cards of the deck whose ids @ids
 * holds; @ids may be %NULL (the store could not tell). */
static void
fill_ids (ShuatiProgress *self,
          GHashTable     *set,
          GHashTable     *ids)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_remove_all (set);
  if (ids == NULL)
    return;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      ShuatiCard *card = shuati_deck_lookup_card (self->deck, id);

      if (card != NULL)
        g_hash_table_add (set, (char *)shuati_card_get_id (card));
    }
}

/* A card buried until the end of today is buried all day: buried while
 * its time is at least the day's end. */
static void
load_marks (ShuatiProgress *self)
{
  g_autoptr(GHashTable) suspended = NULL;
  g_autoptr(GHashTable) buried = NULL;
  const char *deck_id = shuati_deck_get_id (self->deck);

  if (self->store == NULL)
    return;
  suspended = shuati_store_load_suspended (self->store, deck_id, NULL);
  buried = shuati_store_load_buried (self->store, deck_id, self->day_end - 1, NULL);
  fill_ids (self, self->suspended_ids, suspended);
  fill_ids (self, self->buried_ids, buried);
}

static void
read_marks (ShuatiProgress *self,
            ShuatiCard     *card)
{
  const char *deck_id = shuati_deck_get_id (self->deck);
  const char *card_id = shuati_card_get_id (card);

  if (shuati_store_is_suspended (self->store, deck_id, card_id))
    g_hash_table_add (self->suspended_ids, (char *)card_id);
  else
    g_hash_table_remove (self->suspended_ids, card_id);
  if (shuati_store_get_buried_until (self->store, deck_id, card_id) >= self->day_end)
    g_hash_table_add (self->buried_ids, (char *)card_id);
  else
    g_hash_table_remove (self->buried_ids, card_id);
}

/* Adds (sign 1) or removes (sign -1) a card's share of the counts. */
static void
account (ShuatiProgress *self,
         ShuatiCard     *card,
         int             sign)
{
  const ShuatiMemory *memory = &self->memories[shuati_card_get_position (card)];
  TopicCounts *counts = counts_for (self, card);
  gboolean due = memory_is_due (memory, self->day_end) && !is_held_out (self, card);
  gboolean mastered = memory_is_mastered (memory);

  if (due)
    {
      if (sign > 0)
        g_hash_table_add (self->due_ids, (char *)shuati_card_get_id (card));
      else
        g_hash_table_remove (self->due_ids, shuati_card_get_id (card));
    }
  if (mastered)
    self->n_mastered += sign;

  if (counts != NULL)
    {
      counts->n_due += due ? sign : 0;
      counts->n_mastered += mastered ? sign : 0;
    }
}

static void
recount (ShuatiProgress *self)
{
  GHashTableIter iter;
  TopicCounts *counts;

  g_hash_table_remove_all (self->due_ids);
  self->n_mastered = 0;
  g_hash_table_iter_init (&iter, self->topic_counts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&counts))
    counts->n_due = counts->n_mastered = 0;

  for (guint i = 0; i < shuati_deck_get_n_cards (self->deck); i++)
    account (self, shuati_deck_get_card (self->deck, i), 1);
}

/* Fills @ids with the deck's own ids for the card ids in @set. */
static void
adopt_ids (ShuatiProgress *self,
           GHashTable     *ids,
           GHashTable     *set)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_remove_all (ids);
  if (set == NULL)
    return;
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      ShuatiCard *card = shuati_deck_lookup_card (self->deck, id);

      if (card != NULL)
        g_hash_table_add (ids, (char *)shuati_card_get_id (card));
    }
}

static void
on_store_changed (ShuatiProgress *self,
                  const char     *deck_id,
                  const char     *card_id,
                  ShuatiStore    *store)
{
  ShuatiCard *card;
  ShuatiMemory *memory;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (deck_id, shuati_deck_get_id (self->deck)) != 0)
    return;

  if (card_id == NULL)
    {
      /* The whole deck changed (it was forgotten): read it again. */
      g_autoptr(GHashTable) memories = NULL;
      g_autoptr(GHashTable) starred = NULL;

      memset (self->memories, 0, sizeof (ShuatiMemory) * MAX (shuati_deck_get_n_cards (self->deck), 1));
      g_hash_table_remove_all (self->starred_ids);
      if (shuati_store_load_deck (store, deck_id, &memories, NULL))
        {
          GHashTableIter iter;
          const char *id;
          ShuatiMemory *m;

          g_hash_table_iter_init (&iter, memories);
          while (g_hash_table_iter_next (&iter, (gpointer *)&id, (gpointer *)&m))
            if ((card = shuati_deck_lookup_card (self->deck, id)) != NULL)
              self->memories[shuati_card_get_position (card)] = *m;
        }
      starred = shuati_store_load_starred (store, deck_id, NULL);
      if (starred != NULL)
        {
          GHashTableIter iter;
          const char *id;

          g_hash_table_iter_init (&iter, starred);
          while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
            if ((card = shuati_deck_lookup_card (self->deck, id)) != NULL)
              g_hash_table_add (self->starred_ids, (char *)shuati_card_get_id (card));
        }
      {
        g_autoptr(GHashTable) mistakes = shuati_store_load_mistakes (store, deck_id, NULL);

        adopt_ids (self, self->mistake_ids, mistakes);
      }
      load_marks (self);
      recount (self);
      g_signal_emit (self, signals[CHANGED], 0, NULL);
      return;
    }

  card = shuati_deck_lookup_card (self->deck, card_id);
  if (card == NULL)
    return;

  account (self, card, -1);
  memory = &self->memories[shuati_card_get_position (card)];
  if (!shuati_store_get_memory (store, deck_id, card_id, memory, &error))
    memset (memory, 0, sizeof *memory);
  read_marks (self, card);
  account (self, card, 1);

  if (shuati_store_is_starred (store, deck_id, card_id))
    g_hash_table_add (self->starred_ids, (char *)shuati_card_get_id (card));
  else
    g_hash_table_remove (self->starred_ids, card_id);

  if (shuati_store_is_mistake (store, deck_id, card_id, NULL))
    g_hash_table_add (self->mistake_ids, (char *)shuati_card_get_id (card));
  else
    g_hash_table_remove (self->mistake_ids, card_id);

  g_signal_emit (self, signals[CHANGED], 0, card_id);
}

static void
shuati_progress_dispose (GObject *object)
{
  ShuatiProgress *self = (ShuatiProgress *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->due_ids, g_hash_table_unref);
  g_clear_pointer (&self->starred_ids, g_hash_table_unref);
  g_clear_pointer (&self->mistake_ids, g_hash_table_unref);
  g_clear_pointer (&self->suspended_ids, g_hash_table_unref);
  g_clear_pointer (&self->buried_ids, g_hash_table_unref);
  g_clear_pointer (&self->topic_counts, g_hash_table_unref);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (shuati_progress_parent_class)->dispose (object);
}

static void
shuati_progress_finalize (GObject *object)
{
  ShuatiProgress *self = (ShuatiProgress *)object;

  g_clear_pointer (&self->memories, g_free);

  G_OBJECT_CLASS (shuati_progress_parent_class)->finalize (object);
}

static void
shuati_progress_class_init (ShuatiProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_progress_dispose;
  object_class->finalize = shuati_progress_finalize;

  /**
   * ShuatiProgress::changed:
   * @card_id: (nullable): the card that changed, or %NULL for many
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
shuati_progress_init (ShuatiProgress *self)
{
  self->due_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->starred_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->mistake_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->suspended_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->buried_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->topic_counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/**
 * shuati_progress_new:
 * @store: (nullable): where progress is kept; without one, every card is
 *   new and nothing is starred
 * @now: unix seconds, for what is due today
 *
 * Returns: (transfer full) (nullable): the deck's progress, or %NULL
 *   with @error set if the store could not be read
 */
ShuatiProgress *
shuati_progress_new (ShuatiDeck   *deck,
                     ShuatiStore  *store,
                     gint64        now,
                     GError      **error)
{
  g_autoptr(ShuatiProgress) self = NULL;
  g_autoptr(GHashTable) memories = NULL;
  g_autoptr(GHashTable) starred = NULL;
  g_autoptr(GHashTable) mistakes = NULL;
  GListModel *topics;
  guint n_cards;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), NULL);
  g_return_val_if_fail (store == NULL || SHUATI_IS_STORE (store), NULL);

  self = g_object_new (SHUATI_TYPE_PROGRESS, NULL);
  self->deck = g_object_ref (deck);
  self->day_end = shuati_day_end (now);
  n_cards = shuati_deck_get_n_cards (deck);
  self->memories = g_new0 (ShuatiMemory, MAX (n_cards, 1));

  topics = shuati_deck_get_topics (deck);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);
      TopicCounts *counts = g_new0 (TopicCounts, 1);

      counts->n_cards = shuati_topic_get_n_cards (topic);
      g_hash_table_insert (self->topic_counts, (char *)shuati_topic_get_id (topic), counts);
    }

  if (store != NULL)
    {
      GHashTableIter iter;
      const char *id;
      ShuatiMemory *memory;

      if (!shuati_store_load_deck (store, shuati_deck_get_id (deck), &memories, error))
        return NULL;
      starred = shuati_store_load_starred (store, shuati_deck_get_id (deck), error);
      if (starred == NULL)
        return NULL;
      mistakes = shuati_store_load_mistakes (store, shuati_deck_get_id (deck), error);
      if (mistakes == NULL)
        return NULL;
      adopt_ids (self, self->mistake_ids, mistakes);

      /* Progress of cards the deck no longer has stays in the store. */
      g_hash_table_iter_init (&iter, memories);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, (gpointer *)&memory))
        {
          ShuatiCard *card = shuati_deck_lookup_card (deck, id);

          if (card != NULL)
            self->memories[shuati_card_get_position (card)] = *memory;
        }
      g_hash_table_iter_init (&iter, starred);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
        {
          ShuatiCard *card = shuati_deck_lookup_card (deck, id);

          if (card != NULL)
            g_hash_table_add (self->starred_ids, (char *)shuati_card_get_id (card));
        }

      self->store = g_object_ref (store);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed),
                               self, G_CONNECT_SWAPPED);
      load_marks (self);
    }

  recount (self);

  return g_steal_pointer (&self);
}

ShuatiDeck *
shuati_progress_get_deck (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->deck;
}

/**
 * shuati_progress_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
ShuatiStore *
shuati_progress_get_store (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->store;
}

/**
 * shuati_progress_get_memory:
 * @card: a card of the deck
 *
 * Returns: (transfer none): the card's memory; state NEW if never studied
 */
const ShuatiMemory *
shuati_progress_get_memory (ShuatiProgress *self,
                            ShuatiCard     *card)
{
  guint position;

  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  g_return_val_if_fail (SHUATI_IS_CARD (card), NULL);

  position = shuati_card_get_position (card);
  g_return_val_if_fail (position < shuati_deck_get_n_cards (self->deck), NULL);
  g_return_val_if_fail (shuati_deck_get_card (self->deck, position) == card, NULL);

  return &self->memories[position];
}

/**
 * shuati_progress_peek_memories:
 *
 * Returns: (transfer none): every card's memory, indexed by the card's
 *   position in the deck
 */
const ShuatiMemory *
shuati_progress_peek_memories (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->memories;
}

gboolean
shuati_progress_is_starred (ShuatiProgress *self,
                            ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  return g_hash_table_contains (self->starred_ids, shuati_card_get_id (card));
}

gboolean
shuati_progress_is_due (ShuatiProgress *self,
                        ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  return g_hash_table_contains (self->due_ids, shuati_card_get_id (card));
}

/**
 * shuati_progress_get_due_ids:
 *
 * Returns: (transfer none): the ids of the cards due before the day
 *   ends and of those between learning steps; the set changes in place
 *   as cards are reviewed
 */
GHashTable *
shuati_progress_get_due_ids (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->due_ids;
}

/**
 * shuati_progress_get_starred_ids:
 *
 * Returns: (transfer none): the ids of the starred cards; the set
 *   changes in place
 */
GHashTable *
shuati_progress_get_starred_ids (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->starred_ids;
}

guint
shuati_progress_get_n_due (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), 0);
  return g_hash_table_size (self->due_ids);
}

guint
shuati_progress_get_n_starred (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), 0);
  return g_hash_table_size (self->starred_ids);
}

/**
 * shuati_progress_is_mistake:
 * @card: a card of the deck
 *
 * Returns: whether @card is in the deck's 错题本 (mistake book); see
 *   shuati_store_load_mistakes()
 */
gboolean
shuati_progress_is_mistake (ShuatiProgress *self,
                            ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (SHUATI_IS_CARD (card), FALSE);
  return g_hash_table_contains (self->mistake_ids, shuati_card_get_id (card));
}

/**
 * shuati_progress_get_mistake_ids:
 *
 * Returns: (transfer none): the ids of the cards in the 错题本; the set
 *   changes in place after each grade, undo or manual mark
 */
GHashTable *
shuati_progress_get_mistake_ids (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->mistake_ids;
}

guint
shuati_progress_get_n_mistakes (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), 0);
  return g_hash_table_size (self->mistake_ids);
}

guint
shuati_progress_get_n_mastered (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), 0);
  return self->n_mastered;
}

/**
 * shuati_progress_get_topic_counts:
 * @n_due: (out) (optional): cards of the topic due today
 * @n_mastered: (out) (optional): cards of the topic mastered
 * @n_cards: (out) (optional): cards of the topic
 *
 * Returns: %TRUE if the deck has the topic
 */
gboolean
shuati_progress_get_topic_counts (ShuatiProgress *self,
                                  const char     *topic_id,
                                  guint          *n_due,
                                  guint          *n_mastered,
                                  guint          *n_cards)
{
  TopicCounts *counts;

  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);

  counts = topic_id != NULL ? g_hash_table_lookup (self->topic_counts, topic_id) : NULL;
  if (n_due != NULL)
    *n_due = counts != NULL ? counts->n_due : 0;
  if (n_mastered != NULL)
    *n_mastered = counts != NULL ? counts->n_mastered : 0;
  if (n_cards != NULL)
    *n_cards = counts != NULL ? counts->n_cards : 0;

  return counts != NULL;
}

/**
 * shuati_progress_set_now:
 *
 * Counts again what is due, when a new day has begun.
 */
void
shuati_progress_set_now (ShuatiProgress *self,
                         gint64          now)
{
  gint64 day_end;

  g_return_if_fail (SHUATI_IS_PROGRESS (self));

  day_end = shuati_day_end (now);
  if (day_end == self->day_end)
    return;

  self->day_end = day_end;
  load_marks (self);
  recount (self);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

gint64
shuati_progress_get_day_end (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), 0);
  return self->day_end;
}

gboolean
shuati_progress_is_suspended (ShuatiProgress *self,
                              ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  return g_hash_table_contains (self->suspended_ids, shuati_card_get_id (card));
}

/**
 * shuati_progress_is_buried:
 *
 * Returns: whether @card is buried for the rest of the day
 */
gboolean
shuati_progress_is_buried (ShuatiProgress *self,
                           ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  return g_hash_table_contains (self->buried_ids, shuati_card_get_id (card));
}

gboolean
shuati_progress_is_leech (ShuatiProgress *self,
                          ShuatiCard     *card)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), FALSE);
  return shuati_memory_is_leech (shuati_progress_get_memory (self, card));
}

/**
 * shuati_progress_get_suspended_ids:
 *
 * Returns: (transfer none): the ids of the suspended cards; the set
 *   changes in place
 */
GHashTable *
shuati_progress_get_suspended_ids (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->suspended_ids;
}

/**
 * shuati_progress_get_buried_ids:
 *
 * Returns: (transfer none): the ids of the cards buried for the rest of
 *   the day; the set changes in place
 */
GHashTable *
shuati_progress_get_buried_ids (ShuatiProgress *self)
{
  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);
  return self->buried_ids;
}

/**
 * shuati_progress_get_leech_ids:
 *
 * Returns: (transfer container) (element-type utf8 utf8): the ids of the
 *   cards lapsed at least %SHUATI_LEECH_LAPSES times, borrowed from the
 *   cards
 */
GHashTable *
shuati_progress_get_leech_ids (ShuatiProgress *self)
{
  GHashTable *ids;

  g_return_val_if_fail (SHUATI_IS_PROGRESS (self), NULL);

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < shuati_deck_get_n_cards (self->deck); i++)
    if (shuati_memory_is_leech (&self->memories[i]))
      g_hash_table_add (ids, (char *)shuati_card_get_id (shuati_deck_get_card (self->deck, i)));
  return ids;
}
