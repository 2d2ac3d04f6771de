/* shuati-card-filter.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-card.h"
#include "shuati-card-filter.h"

/* The sidebar choice AND the search query in one filter, so that a
 * keystroke re-runs one predicate over text normalised at load. */
struct _ShuatiCardFilter
{
  GtkFilter    parent_instance;

  char        *topic_id;
  char        *tag;
  GHashTable  *card_ids;
  ShuatiQuery *query;        /* the last query without an error: what filters */
  ShuatiQuery *typed;        /* what was typed last, maybe with an error */
  ShuatiProgress *progress;  /* for is: and prop: */
  ShuatiQueryResume *resume; /* where the words of the query matched */
  gint64       now;
};

G_DEFINE_FINAL_TYPE (ShuatiCardFilter, shuati_card_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_QUERY,
  PROP_TYPED_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * shuati_card_filter_match_choice:
 *
 * Returns: whether @card is among those the sidebar chose, whatever the
 *   query
 */
gboolean
shuati_card_filter_match_choice (ShuatiCardFilter *self,
                                 ShuatiCard       *card)
{
  g_return_val_if_fail (SHUATI_IS_CARD_FILTER (self), FALSE);

  if (self->topic_id != NULL &&
      g_strcmp0 (self->topic_id, shuati_card_get_topic_id (card)) != 0)
    return FALSE;

  if (self->tag != NULL && !shuati_card_has_tag (card, self->tag))
    return FALSE;

  if (self->card_ids != NULL &&
      !g_hash_table_contains (self->card_ids, shuati_card_get_id (card)))
    return FALSE;

  return TRUE;
}

/**
 * shuati_card_filter_has_choice:
 *
 * Returns: whether the sidebar chose a topic, tag or set of cards
 */
gboolean
shuati_card_filter_has_choice (ShuatiCardFilter *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_FILTER (self), FALSE);
  return self->topic_id != NULL || self->tag != NULL || self->card_ids != NULL;
}

/**
 * shuati_card_filter_get_context:
 * @context: (out caller-allocates): where is: and prop: of the query look
 */
void
shuati_card_filter_get_context (ShuatiCardFilter   *self,
                                ShuatiQueryContext *context)
{
  g_return_if_fail (SHUATI_IS_CARD_FILTER (self));
  *context = (ShuatiQueryContext) { self->progress, self->now };
}

static gboolean
shuati_card_filter_match (GtkFilter *filter,
                          gpointer   item)
{
  ShuatiCardFilter *self = SHUATI_CARD_FILTER (filter);
  ShuatiCard *card = item;

  if (!shuati_card_filter_match_choice (self, card))
    return FALSE;

  {
    ShuatiQueryContext context = { self->progress, self->now };

    return shuati_query_resume_match (self->resume, card, &context);
  }
}

static GtkFilterMatch
shuati_card_filter_get_strictness (GtkFilter *filter)
{
  ShuatiCardFilter *self = SHUATI_CARD_FILTER (filter);

  if (self->topic_id == NULL && self->tag == NULL && self->card_ids == NULL &&
      shuati_query_is_empty (self->query))
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
shuati_card_filter_finalize (GObject *object)
{
  ShuatiCardFilter *self = (ShuatiCardFilter *)object;

  g_clear_pointer (&self->topic_id, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->card_ids, g_hash_table_unref);
  g_clear_pointer (&self->query, shuati_query_unref);
  g_clear_pointer (&self->typed, shuati_query_unref);
  g_clear_pointer (&self->resume, shuati_query_resume_free);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (shuati_card_filter_parent_class)->finalize (object);
}

static void
shuati_card_filter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShuatiCardFilter *self = SHUATI_CARD_FILTER (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_TYPED_QUERY:
      g_value_set_boxed (value, self->typed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_filter_class_init (ShuatiCardFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = shuati_card_filter_finalize;
  object_class->get_property = shuati_card_filter_get_property;

  /* The search, for rows to highlight its words. */
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL,
                        SHUATI_TYPE_QUERY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What was typed: its error, if any, is shown under the entry while
   * the list keeps the last query that made sense. */
  properties[PROP_TYPED_QUERY] =
    g_param_spec_boxed ("typed-query", NULL, NULL,
                        SHUATI_TYPE_QUERY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  filter_class->match = shuati_card_filter_match;
  filter_class->get_strictness = shuati_card_filter_get_strictness;
}

static void
shuati_card_filter_init (ShuatiCardFilter *self)
{
  self->query = shuati_query_new (NULL);
  self->typed = shuati_query_ref (self->query);
  self->resume = shuati_query_resume_new ();
  shuati_query_resume_set_query (self->resume, self->query);
  self->now = g_get_real_time () / G_USEC_PER_SEC;
}

ShuatiCardFilter *
shuati_card_filter_new (void)
{
  return g_object_new (SHUATI_TYPE_CARD_FILTER, NULL);
}

/**
 * shuati_card_filter_set_choice:
 * @topic_id: (nullable): only cards of this topic
 * @tag: (nullable): only cards with this tag
 * @card_ids: (nullable): only cards whose id is in this set
 *
 * Sets what the sidebar chose, in one change.
 */
void
shuati_card_filter_set_choice (ShuatiCardFilter *self,
                               const char       *topic_id,
                               const char       *tag,
                               GHashTable       *card_ids)
{
  g_return_if_fail (SHUATI_IS_CARD_FILTER (self));

  if (g_strcmp0 (self->topic_id, topic_id) == 0 &&
      g_strcmp0 (self->tag, tag) == 0 &&
      self->card_ids == card_ids && card_ids == NULL)
    return;

  g_free (self->topic_id);
  self->topic_id = g_strdup (topic_id);
  g_free (self->tag);
  self->tag = g_strdup (tag);
  if (card_ids != NULL)
    g_hash_table_ref (card_ids);
  g_clear_pointer (&self->card_ids, g_hash_table_unref);
  self->card_ids = card_ids;

  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
shuati_card_filter_set_topic (ShuatiCardFilter *self,
                              const char       *topic_id)
{
  shuati_card_filter_set_choice (self, topic_id, NULL, NULL);
}

void
shuati_card_filter_set_tag (ShuatiCardFilter *self,
                            const char       *tag)
{
  shuati_card_filter_set_choice (self, NULL, tag, NULL);
}

void
shuati_card_filter_set_card_ids (ShuatiCardFilter *self,
                                 GHashTable       *card_ids)
{
  shuati_card_filter_set_choice (self, NULL, NULL, card_ids);
}

/**
 * shuati_card_filter_set_query:
 *
 * Tells GTK how the result can change, so that a query that only grew
 * rechecks just the cards that still match. A query with an error
 * changes nothing but #ShuatiCardFilter:typed-query.
 */
void
shuati_card_filter_set_query (ShuatiCardFilter *self,
                              const char       *text)
{
  ShuatiQuery *query;
  GtkFilterChange change;

  g_return_if_fail (SHUATI_IS_CARD_FILTER (self));

  query = shuati_query_new (text);
  g_clear_pointer (&self->typed, shuati_query_unref);
  self->typed = shuati_query_ref (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPED_QUERY]);

  if (shuati_query_get_error (query, NULL) != NULL)
    {
      shuati_query_unref (query);
      return;
    }

  self->now = g_get_real_time () / G_USEC_PER_SEC;

  if (shuati_query_is_stricter (query, self->query) &&
      shuati_query_is_stricter (self->query, query))
    {
      /* Only spacing or case changed: nothing to recheck. */
      shuati_query_unref (self->query);
      self->query = query;
      shuati_query_resume_set_query (self->resume, query);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
      return;
    }

  if (shuati_query_is_stricter (query, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (shuati_query_is_stricter (self->query, query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  shuati_query_unref (self->query);
  self->query = query;
  shuati_query_resume_set_query (self->resume, query);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * shuati_card_filter_get_typed_query:
 *
 * Returns: (transfer none): what was typed last, which may hold an error
 */
ShuatiQuery *
shuati_card_filter_get_typed_query (ShuatiCardFilter *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_FILTER (self), NULL);
  return self->typed;
}

/**
 * shuati_card_filter_set_progress:
 * @progress: (nullable): where is: and prop: look
 */
void
shuati_card_filter_set_progress (ShuatiCardFilter *self,
                                 ShuatiProgress   *progress)
{
  g_return_if_fail (SHUATI_IS_CARD_FILTER (self));

  if (!g_set_object (&self->progress, progress))
    return;
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  if (!shuati_query_is_empty (self->query))
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * shuati_card_filter_get_query:
 *
 * Returns: (transfer none): the current query
 */
ShuatiQuery *
shuati_card_filter_get_query (ShuatiCardFilter *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_FILTER (self), NULL);
  return self->query;
}

/**
 * shuati_card_filter_refresh:
 *
 * Checks every card again, after the set of ids given to
 * shuati_card_filter_set_choice() changed in place.
 */
void
shuati_card_filter_refresh (ShuatiCardFilter *self)
{
  g_return_if_fail (SHUATI_IS_CARD_FILTER (self));

  if (self->card_ids != NULL)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
