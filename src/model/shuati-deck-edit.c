/* shuati-deck-edit.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-exporter.h"
#include "shuati-deck-edit.h"

struct _ShuatiDeckEdit
{
  GObject     parent_instance;

  JsonNode   *root;
  JsonArray  *cards;        /* in root */
  GHashTable *by_id;        /* card id → JsonObject in cards */
  char       *first_language;
};

G_DEFINE_FINAL_TYPE (ShuatiDeckEdit, shuati_deck_edit, G_TYPE_OBJECT)

static void
shuati_deck_edit_finalize (GObject *object)
{
  ShuatiDeckEdit *self = (ShuatiDeckEdit *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->first_language, g_free);

  G_OBJECT_CLASS (shuati_deck_edit_parent_class)->finalize (object);
}

static void
shuati_deck_edit_class_init (ShuatiDeckEditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = shuati_deck_edit_finalize;
}

static void
shuati_deck_edit_init (ShuatiDeckEdit *self)
{
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static JsonObject *
root_object (ShuatiDeckEdit *self)
{
  return json_node_get_object (self->root);
}

static void
index_cards (ShuatiDeckEdit *self)
{
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < json_array_get_length (self->cards); i++)
    {
      JsonObject *card = json_array_get_object_element (self->cards, i);

      g_hash_table_insert (self->by_id, (char *)json_object_get_string_member (card, "id"), card);
    }
}

/**
 * shuati_deck_edit_new:
 * @deck: the deck to change; it stays as it is
 *
 * Returns: (transfer full): an edit of @deck
 */
ShuatiDeckEdit *
shuati_deck_edit_new (ShuatiDeck *deck)
{
  return shuati_deck_edit_new_copy (deck, NULL);
}

/**
 * shuati_deck_edit_copy_title:
 * @title: a deck's title in @language
 * @language: a language of the deck's content, such as "zh_CN" or "en"
 *
 * The title of the learner's copy of a deck, in @language: the deck's
 * content is in its own languages, whatever the interface's, so this is
 * written for each (as the exporter's labels are), not translated.
 *
 * Returns: (transfer full): @title, said to be a copy
 */
char *
shuati_deck_edit_copy_title (const char *title,
                             const char *language)
{
  g_return_val_if_fail (title != NULL && language != NULL, NULL);

  if (g_str_has_prefix (language, "zh"))
    return g_strconcat (title, "（我的副本）", NULL);
  /* The decks are in Chinese and English; any other language gets the
   * English word rather than a title no different from the original's. */
  return g_strconcat (title, " (my copy)", NULL);
}

/**
 * shuati_deck_edit_new_copy:
 * @new_id: (nullable): an id for a copy of the deck, whose title then says
 *   it is a copy; %NULL to edit @deck itself
 *
 * Returns: (transfer full): an edit of @deck, or of its copy
 */
ShuatiDeckEdit *
shuati_deck_edit_new_copy (ShuatiDeck *deck,
                           const char *new_id)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  ShuatiDeckEdit *self;
  const char *data;
  gsize length;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), NULL);
  g_return_val_if_fail (new_id == NULL || shuati_deck_id_is_valid (new_id), NULL);

  bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, new_id);
  data = g_bytes_get_data (bytes, &length);
  /* What the exporter writes, the parser reads. */
  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("a deck exported as JSON does not parse: %s", error->message);

  self = g_object_new (SHUATI_TYPE_DECK_EDIT, NULL);
  self->root = json_node_copy (json_parser_get_root (parser));
  self->cards = json_object_get_array_member (root_object (self), "cards");
  self->first_language = g_strdup (shuati_deck_get_first_language (deck));
  index_cards (self);

  if (new_id != NULL)
    {
      JsonObject *title = json_object_get_object_member (root_object (self), "title");
      GList *members = json_object_get_members (title);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *copy = shuati_deck_edit_copy_title (json_object_get_string_member (title, l->data),
                                                               l->data);

          json_object_set_string_member (title, l->data, copy);
        }
      g_list_free (members);
    }

  return self;
}

/* Every member that holds a text becomes an object of languages. */
static JsonObject *
localized_object (ShuatiDeckEdit *self,
                  JsonObject     *object,
                  const char     *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      JsonObject *texts = json_object_new ();

      json_object_set_string_member (texts, self->first_language, json_node_get_string (node));
      json_object_set_object_member (object, member, texts);
    }
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_object_member (object, member, json_object_new ());

  return json_object_get_object_member (object, member);
}

static void
set_text (ShuatiDeckEdit *self,
          JsonObject     *object,
          const char     *member,
          const char     *language,
          const char     *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  JsonObject *texts = localized_object (self, object, member);

  if (stripped[0] == '\0')
    {
      if (json_object_has_member (texts, language))
        json_object_remove_member (texts, language);
      if (json_object_get_size (texts) == 0)
        json_object_remove_member (object, member);
      return;
    }
  json_object_set_string_member (texts, language, stripped);
}

static void
set_tags (JsonObject         *card,
          const char * const *tags)
{
  JsonArray *array;

  if (tags == NULL || tags[0] == NULL)
    {
      if (json_object_has_member (card, "tags"))
        json_object_remove_member (card, "tags");
      return;
    }
  array = json_array_new ();
  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_string_element (array, tags[i]);
  json_object_set_array_member (card, "tags", array);
}

static GStrv
get_tags (JsonObject *card)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_has_member (card, "tags") ? json_object_get_array_member (card, "tags") : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static gboolean
has_topic (ShuatiDeckEdit *self,
           const char     *topic_id)
{
  JsonObject *root = root_object (self);
  JsonArray *topics = json_object_has_member (root, "topics") ? json_object_get_array_member (root, "topics") : NULL;

  for (guint i = 0; topics != NULL && i < json_array_get_length (topics); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (topics, i), "id"), topic_id) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_topics (ShuatiDeckEdit *self)
{
  JsonObject *root = root_object (self);

  if (!json_object_has_member (root, "topics"))
    return 0;
  return json_array_get_length (json_object_get_array_member (root, "topics"));
}

static gboolean
check_topic (ShuatiDeckEdit  *self,
             const char      *topic_id,
             GError         **error)
{
  if ((topic_id == NULL || *topic_id == '\0') && n_topics (self) == 0)
    return TRUE;
  if (topic_id != NULL && has_topic (self, topic_id))
    return TRUE;
  g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC,
               /* Translators: %s is a topic's id */
               _("The deck has no topic “%s”"), topic_id != NULL ? topic_id : "");
  return FALSE;
}

static void
set_topic (JsonObject *card,
           const char *topic_id)
{
  if (topic_id == NULL || *topic_id == '\0')
    {
      if (json_object_has_member (card, "topic"))
        json_object_remove_member (card, "topic");
    }
  else
    json_object_set_string_member (card, "topic", topic_id);
}

static void
touch (JsonObject *card,
       gint64      now)
{
  if (now > 0)
    json_object_set_int_member (card, "modified", now);
}

/* A fresh id, "card-N", that no card of the deck has. */
static char *
new_card_id (ShuatiDeckEdit *self,
             guint           number)
{
  for (guint n = number;; n++)
    {
      g_autofree char *id = g_strdup_printf ("card-%u", n);

      if (!g_hash_table_contains (self->by_id, id))
        return g_steal_pointer (&id);
    }
}

static guint
next_number (ShuatiDeckEdit *self)
{
  gint64 highest = json_array_get_length (self->cards);

  for (guint i = 0; i < json_array_get_length (self->cards); i++)
    {
      JsonObject *card = json_array_get_object_element (self->cards, i);

      if (json_object_has_member (card, "number"))
        highest = MAX (highest, json_object_get_int_member (card, "number"));
    }
  return (guint)MIN (highest + 1, G_MAXINT32);
}

/**
 * shuati_deck_edit_put_card:
 * @draft: the card as the editor holds it; shuati_card_draft_check()
 *   should pass first, though the loader checks again in
 *   shuati_deck_edit_finish()
 * @now: the time, in seconds since 1970, to record as the card's
 *   modification (and creation, for a new card)
 *
 * Writes the draft's texts in its language, its topic and its tags into
 * the card it edits, or adds a new card at the end.
 *
 * Returns: (transfer full) (nullable): the card's id, or %NULL with
 *   @error set
 */
char *
shuati_deck_edit_put_card (ShuatiDeckEdit         *self,
                           const ShuatiCardDraft  *draft,
                           gint64                  now,
                           GError                **error)
{
  static const char * const members[] = { "title", "question", "answer", "explanation" };
  g_auto(GStrv) tags = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  const char *topic;
  JsonObject *card;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  topic = shuati_card_draft_get_field (draft, SHUATI_DRAFT_FIELD_TOPIC);
  if (!check_topic (self, topic, error))
    return NULL;

  if (draft->card_id != NULL)
    {
      card = g_hash_table_lookup (self->by_id, draft->card_id);
      if (card == NULL)
        {
          g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA,
                       /* Translators: %s is a card's id */
                       _("The card “%s” is no longer in the deck"), draft->card_id);
          return NULL;
        }
      id = g_strdup (draft->card_id);
    }
  else
    {
      guint number = next_number (self);

      id = new_card_id (self, number);
      card = json_object_new ();
      json_object_set_string_member (card, "id", id);
      json_object_set_int_member (card, "number", number);
      if (now > 0)
        json_object_set_int_member (card, "created", now);
      json_array_add_object_element (self->cards, card);
      g_hash_table_insert (self->by_id, (char *)json_object_get_string_member (card, "id"), card);
    }

  title = shuati_card_draft_dup_title (draft);
  set_text (self, card, members[0], draft->language, title);
  for (guint i = 1; i < G_N_ELEMENTS (members); i++)
    set_text (self, card, members[i], draft->language, shuati_card_draft_get_field (draft, i));
  set_topic (card, topic);
  tags = shuati_card_draft_split_tags (draft);
  set_tags (card, (const char * const *)tags);
  touch (card, now);

  return g_steal_pointer (&id);
}

static gboolean
for_each_card (ShuatiDeckEdit      *self,
               const char * const  *card_ids,
               GPtrArray          **cards,
               GError             **error)
{
  *cards = g_ptr_array_new ();
  for (guint i = 0; card_ids != NULL && card_ids[i] != NULL; i++)
    {
      JsonObject *card = g_hash_table_lookup (self->by_id, card_ids[i]);

      if (card == NULL)
        {
          g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA,
                       _("The card “%s” is no longer in the deck"), card_ids[i]);
          g_clear_pointer (cards, g_ptr_array_unref);
          return FALSE;
        }
      g_ptr_array_add (*cards, card);
    }
  return TRUE;
}

/**
 * shuati_deck_edit_delete_cards:
 *
 * Takes the cards out of the deck. A deck keeps at least one card.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_delete_cards (ShuatiDeckEdit      *self,
                               const char * const  *card_ids,
                               GError             **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) doomed = NULL;
  JsonArray *kept;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);

  if (!for_each_card (self, card_ids, &cards, error))
    return FALSE;

  doomed = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_add (doomed, g_ptr_array_index (cards, i));
  if (g_hash_table_size (doomed) >= json_array_get_length (self->cards))
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_EMPTY,
                   _("A deck keeps at least one card; remove the whole deck instead"));
      return FALSE;
    }

  kept = json_array_sized_new (json_array_get_length (self->cards) - g_hash_table_size (doomed));
  for (guint i = 0; i < json_array_get_length (self->cards); i++)
    {
      JsonNode *element = json_array_get_element (self->cards, i);

      if (!g_hash_table_contains (doomed, json_node_get_object (element)))
        json_array_add_element (kept, json_node_ref (element));
    }
  json_object_set_array_member (root_object (self), "cards", kept);
  self->cards = kept;
  index_cards (self);
  return TRUE;
}

/**
 * shuati_deck_edit_set_topic:
 *
 * Moves the cards to @topic_id, one of the deck's topics.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_set_topic (ShuatiDeckEdit      *self,
                            const char * const  *card_ids,
                            const char          *topic_id,
                            gint64               now,
                            GError             **error)
{
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);

  if (!check_topic (self, topic_id, error) || !for_each_card (self, card_ids, &cards, error))
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    {
      JsonObject *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (card, "topic", NULL), topic_id) == 0)
        continue;
      set_topic (card, topic_id);
      touch (card, now);
    }
  return TRUE;
}

static gboolean
change_tag (ShuatiDeckEdit      *self,
            const char * const  *card_ids,
            const char          *tag,
            gboolean             add,
            gint64               now,
            GError             **error)
{
  g_autoptr(GPtrArray) cards = NULL;

  if (!shuati_deck_id_is_valid (tag))
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA,
                   _("“%s”: a tag has only Latin letters, digits, “-”, “_” and “.”, and does not start with “-” or “.”"),
                   tag != NULL ? tag : "");
      return FALSE;
    }
  if (!for_each_card (self, card_ids, &cards, error))
    return FALSE;

  for (guint i = 0; i < cards->len; i++)
    {
      JsonObject *card = g_ptr_array_index (cards, i);
      g_auto(GStrv) tags = get_tags (card);
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) changed = NULL;

      if (add == g_strv_contains ((const char * const *)tags, tag))
        continue;
      builder = g_strv_builder_new ();
      for (guint t = 0; tags[t] != NULL; t++)
        if (add || !g_str_equal (tags[t], tag))
          g_strv_builder_add (builder, tags[t]);
      if (add)
        g_strv_builder_add (builder, tag);
      changed = g_strv_builder_end (builder);
      set_tags (card, (const char * const *)changed);
      touch (card, now);
    }
  return TRUE;
}

/**
 * shuati_deck_edit_add_tag:
 *
 * Gives the cards @tag, after their own tags.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_add_tag (ShuatiDeckEdit      *self,
                          const char * const  *card_ids,
                          const char          *tag,
                          gint64               now,
                          GError             **error)
{
  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);
  return change_tag (self, card_ids, tag, TRUE, now, error);
}

/**
 * shuati_deck_edit_remove_tag:
 *
 * Takes @tag off the cards that have it.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_remove_tag (ShuatiDeckEdit      *self,
                             const char * const  *card_ids,
                             const char          *tag,
                             gint64               now,
                             GError             **error)
{
  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);
  return change_tag (self, card_ids, tag, FALSE, now, error);
}

static JsonArray *
topics_array (ShuatiDeckEdit *self)
{
  JsonObject *root = root_object (self);

  if (!json_object_has_member (root, "topics"))
    json_object_set_array_member (root, "topics", json_array_new ());
  return json_object_get_array_member (root, "topics");
}

static JsonObject *
find_topic (ShuatiDeckEdit *self,
            const char     *topic_id,
            guint          *index,
            GError        **error)
{
  JsonArray *topics = topics_array (self);

  for (guint i = 0; i < json_array_get_length (topics); i++)
    {
      JsonObject *topic = json_array_get_object_element (topics, i);

      if (g_strcmp0 (json_object_get_string_member (topic, "id"), topic_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return topic;
        }
    }
  check_topic (self, topic_id, error);
  return NULL;
}

/**
 * shuati_deck_edit_add_topic:
 * @title: the topic's title in @language
 *
 * Adds a topic after the others, with an id made from the title's Latin
 * letters and digits ("topic-N" when it has none).
 *
 * Returns: (transfer full) (nullable): the new topic's id, or %NULL with
 *   @error set
 */
char *
shuati_deck_edit_add_topic (ShuatiDeckEdit  *self,
                            const char      *title,
                            const char      *language,
                            GError         **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *id = NULL;
  JsonObject *topic;
  JsonObject *texts;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  stripped = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA, _("A topic needs a title"));
      return NULL;
    }

  for (const char *p = stripped; *p && base->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "topic");

  id = g_strdup (base->str);
  for (guint n = 2; has_topic (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }

  topic = json_object_new ();
  json_object_set_string_member (topic, "id", id);
  texts = json_object_new ();
  json_object_set_string_member (texts, language, stripped);
  json_object_set_object_member (topic, "title", texts);
  json_array_add_object_element (topics_array (self), topic);
  return g_steal_pointer (&id);
}

/**
 * shuati_deck_edit_rename_topic:
 *
 * Sets the topic's title in @language; its id, which cards and progress
 * refer to, stays.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_rename_topic (ShuatiDeckEdit  *self,
                               const char      *topic_id,
                               const char      *title,
                               const char      *language,
                               GError         **error)
{
  g_autofree char *stripped = NULL;
  JsonObject *topic;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  stripped = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SCHEMA, _("A topic needs a title"));
      return FALSE;
    }
  topic = find_topic (self, topic_id, NULL, error);
  if (topic == NULL)
    return FALSE;
  json_object_set_string_member (localized_object (self, topic, "title"), language, stripped);
  return TRUE;
}

/**
 * shuati_deck_edit_delete_topic:
 * @move_to: (nullable): another topic, for the cards of the one deleted;
 *   %NULL only when no card has the topic
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_deck_edit_delete_topic (ShuatiDeckEdit  *self,
                               const char      *topic_id,
                               const char      *move_to,
                               GError         **error)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  guint index;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), FALSE);

  if (find_topic (self, topic_id, &index, error) == NULL)
    return FALSE;
  if (move_to != NULL && (g_strcmp0 (move_to, topic_id) == 0 || !has_topic (self, move_to)))
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC,
                   _("Choose another of the deck’s topics for its cards"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (self->cards); i++)
    {
      JsonObject *card = json_array_get_object_element (self->cards, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (card, "topic", NULL), topic_id) == 0)
        g_ptr_array_add (moved, card);
    }
  if (moved->len > 0 && move_to == NULL)
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_UNKNOWN_TOPIC,
                   _("Choose another of the deck’s topics for its cards"));
      return FALSE;
    }

  for (guint i = 0; i < moved->len; i++)
    set_topic (g_ptr_array_index (moved, i), move_to);
  json_array_remove_element (topics_array (self), index);
  if (json_array_get_length (topics_array (self)) == 0)
    json_object_remove_member (root_object (self), "topics");
  return TRUE;
}

/**
 * shuati_deck_edit_finish:
 * @bytes: (out) (optional): the deck file to save
 *
 * Reads the changed deck back, which checks it as a deck file is
 * checked. The edit can go on and be finished again.
 *
 * Returns: (transfer full) (nullable): the deck as changed, or %NULL with
 *   @error set
 */
ShuatiDeck *
shuati_deck_edit_finish (ShuatiDeckEdit  *self,
                         GBytes         **bytes,
                         GError         **error)
{
  g_autoptr(ShuatiDeck) deck = NULL;

  g_return_val_if_fail (SHUATI_IS_DECK_EDIT (self), NULL);

  deck = shuati_deck_new_from_node (self->root, error);
  if (deck == NULL)
    return NULL;
  if (bytes != NULL)
    *bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  return g_steal_pointer (&deck);
}
