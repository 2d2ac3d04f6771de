/* shuati-deck.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-deck-private.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiDeck, shuati_deck, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (shuati-deck-error-quark, shuati_deck_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_N_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * shuati_deck_count_tags:
 *
 * Counts the cards of each tag in one pass over the cards.
 *
 * Returns: (transfer full) (array): for each tag of
 *   shuati_deck_get_tags(), in that order, how many cards have it
 */
guint *
shuati_deck_count_tags (ShuatiDeck *self)
{
  guint n_tags;
  guint *counts;
  g_autoptr(GHashTable) positions = NULL;

  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  n_tags = self->tags != NULL ? g_strv_length (self->tags) : 0;
  counts = g_new0 (guint, MAX (n_tags, 1));
  positions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint t = 0; t < n_tags; t++)
    g_hash_table_insert (positions, self->tags[t], GUINT_TO_POINTER (t + 1));

  for (guint i = 0; i < self->cards->len; i++)
    for (const char * const *tag = shuati_card_get_tags (g_ptr_array_index (self->cards, i)); *tag; tag++)
      {
        guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, *tag));

        if (position > 0)
          counts[position - 1]++;
      }

  return counts;
}

static GType
shuati_deck_get_item_type (GListModel *model)
{
  return SHUATI_TYPE_CARD;
}

static guint
shuati_deck_get_n_items (GListModel *model)
{
  return SHUATI_DECK (model)->cards->len;
}

static gpointer
shuati_deck_get_item (GListModel *model,
                      guint       position)
{
  ShuatiDeck *self = SHUATI_DECK (model);

  if (position >= self->cards->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->cards, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = shuati_deck_get_item_type;
  iface->get_n_items = shuati_deck_get_n_items;
  iface->get_item = shuati_deck_get_item;
}

static void
shuati_deck_dispose (GObject *object)
{
  ShuatiDeck *self = (ShuatiDeck *)object;

  g_clear_pointer (&self->cards_by_id, g_hash_table_unref);
  g_clear_pointer (&self->topics_by_id, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->topics);

  G_OBJECT_CLASS (shuati_deck_parent_class)->dispose (object);
}

static void
shuati_deck_finalize (GObject *object)
{
  ShuatiDeck *self = (ShuatiDeck *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->search_index, shuati_search_index_free);
  g_mutex_clear (&self->search_index_lock);
  g_clear_pointer (&self->title, shuati_localized_free);
  g_clear_pointer (&self->description, shuati_localized_free);

  G_OBJECT_CLASS (shuati_deck_parent_class)->finalize (object);
}

static void
shuati_deck_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ShuatiDeck *self = SHUATI_DECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, shuati_deck_get_title (self, g_get_language_names ()));
      break;

    case PROP_N_CARDS:
      g_value_set_uint (value, self->cards->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_deck_class_init (ShuatiDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_deck_dispose;
  object_class->finalize = shuati_deck_finalize;
  object_class->get_property = shuati_deck_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* A deck that failed to load has empty slots. */
static void
clear_card (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
shuati_deck_init (ShuatiDeck *self)
{
  self->cards = g_ptr_array_new_with_free_func (clear_card);
  self->cards_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->topics = g_list_store_new (SHUATI_TYPE_TOPIC);
  self->topics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * shuati_deck_id_is_valid:
 * @id: (nullable): a deck, card, topic or tag id
 *
 * Ids are what decks, progress and links refer to cards by, so they are
 * kept to a few plain characters: 1 to 200 bytes of ASCII letters,
 * digits, "-", "_" and ".", not starting with "." or "-". Every format
 * checks its ids here, and a deck's file is named after its id.
 *
 * Returns: whether @id is a valid id
 */
gboolean
shuati_deck_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 200)
    return FALSE;

  /* A leading "." would hide the deck's file, a leading "-" reads as an
   * option on a command line. */
  if (*id == '.' || *id == '-')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

/* Accessors -------------------------------------------------------------- */

const char *
shuati_deck_get_id (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return self->id;
}

const char * const *
shuati_deck_get_languages (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return (const char * const *)self->languages;
}

const char *
shuati_deck_get_first_language (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return self->languages[0];
}

const char *
shuati_deck_get_title (ShuatiDeck         *self,
                       const char * const *languages)
{
  const char *title;

  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  title = shuati_localized_lookup (self->title, languages, self->languages[0]);
  return title != NULL ? title : self->id;
}

const char *
shuati_deck_get_description (ShuatiDeck         *self,
                             const char * const *languages)
{
  const char *description;

  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  description = shuati_localized_lookup (self->description, languages, self->languages[0]);
  return description != NULL ? description : "";
}

/**
 * shuati_deck_get_source:
 *
 * Returns: (nullable): where the deck's questions come from, as its
 *   author wrote it
 */
const char *
shuati_deck_get_source (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return self->source;
}

const ShuatiLocalized *
shuati_deck_get_localized_title (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return self->title;
}

const ShuatiLocalized *
shuati_deck_get_localized_description (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return self->description;
}

guint
shuati_deck_get_n_cards (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), 0);
  return self->cards->len;
}

/**
 * shuati_deck_get_card:
 *
 * Returns: (transfer none) (nullable): the card at @position
 */
ShuatiCard *
shuati_deck_get_card (ShuatiDeck *self,
                      guint       position)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  if (position >= self->cards->len)
    return NULL;
  return g_ptr_array_index (self->cards, position);
}

/**
 * shuati_deck_get_topics:
 *
 * Returns: (transfer none): a list model of #ShuatiTopic
 */
GListModel *
shuati_deck_get_topics (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return G_LIST_MODEL (self->topics);
}

/**
 * shuati_deck_get_tags:
 *
 * Returns: (transfer none): every tag of the deck's cards, sorted
 */
const char * const *
shuati_deck_get_tags (ShuatiDeck *self)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return (const char * const *)self->tags;
}

/**
 * shuati_deck_lookup_card:
 *
 * Returns: (transfer none) (nullable): the card with @id
 */
ShuatiCard *
shuati_deck_lookup_card (ShuatiDeck *self,
                         const char *id)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->cards_by_id, id) : NULL;
}

/**
 * shuati_deck_lookup_topic:
 *
 * Returns: (transfer none) (nullable): the topic with @id
 */
ShuatiTopic *
shuati_deck_lookup_topic (ShuatiDeck *self,
                          const char *id)
{
  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->topics_by_id, id) : NULL;
}

/**
 * shuati_deck_get_search_index:
 *
 * The index over the search text of the cards, built on the first call:
 * call it once in the thread that loads the deck, so that searching
 * never waits for it.
 *
 * Returns: (transfer none): the index
 */
ShuatiSearchIndex *
shuati_deck_get_search_index (ShuatiDeck *self)
{
  ShuatiSearchIndex *index;

  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  g_mutex_lock (&self->search_index_lock);
  if (self->search_index == NULL)
    self->search_index = shuati_search_index_new ((ShuatiCard * const *)self->cards->pdata,
                                                  self->cards->len);
  index = self->search_index;
  g_mutex_unlock (&self->search_index_lock);

  return index;
}

/**
 * shuati_deck_peek_search_index:
 *
 * Returns: (transfer none) (nullable): the index if it is built, else
 *   %NULL, without building it
 */
ShuatiSearchIndex *
shuati_deck_peek_search_index (ShuatiDeck *self)
{
  ShuatiSearchIndex *index;

  g_return_val_if_fail (SHUATI_IS_DECK (self), NULL);

  g_mutex_lock (&self->search_index_lock);
  index = self->search_index;
  g_mutex_unlock (&self->search_index_lock);

  return index;
}

static void
build_search_index_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  g_task_return_pointer (task, shuati_deck_get_search_index (source_object), NULL);
}

/**
 * shuati_deck_build_search_index_async:
 *
 * Builds the index of a deck that was not loaded by a worker (an import,
 * an edit) in a thread of its own, so that the first search does not
 * wait for it.
 */
void
shuati_deck_build_search_index_async (ShuatiDeck          *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHUATI_IS_DECK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_deck_build_search_index_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, build_search_index_thread);
}

/**
 * shuati_deck_build_search_index_finish:
 *
 * Returns: (transfer none): the index, which lives as long as the deck;
 *   %NULL with @error set if the build was cancelled
 */
ShuatiSearchIndex *
shuati_deck_build_search_index_finish (ShuatiDeck    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
