/* shuati-deck-loader.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a deck file: a check of the raw text, then json-glib's parser,
 * streaming the cards into the deck as it reads them, with errors that
 * name the line, column or member at fault.
 */

#include "config.h"

#include <string.h>
#if HAVE_MALLOC_TRIM
# include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "shuati-safe-file.h"
#include "shuati-text.h"
#include "shuati-deck-private.h"

typedef struct
{
  ShuatiDeck *deck;
  GHashTable *tags;
  GHashTable *topic_positions;
  guint      *topic_counts;
} Loader;

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      int          code,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SHUATI_DECK_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

/* Like fail(), for a place in the text: "LINE:COLUMN: ...". */
static gboolean G_GNUC_PRINTF (5, 6)
fail_at (GError     **error,
         int          code,
         const char  *data,
         const char  *place,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line;
  guint column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  shuati_text_locate (data, place, &line, &column);
  g_set_error (error, SHUATI_DECK_ERROR, code, "%u:%u: %s", line, column, message);
  return FALSE;
}

/* The kind of JSON value @node holds, to complete "must be a string, not %s". */
static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: a kind of JSON value; completes "must be a string, not %s" */
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: a kind of JSON value; completes "must be a string, not %s" */
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: a kind of JSON value; completes "must be a string, not %s" */
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      /* Translators: a kind of JSON value; completes "must be an object, not %s" */
      return _("a string");
    case G_TYPE_BOOLEAN:
      /* Translators: a kind of JSON value; completes "must be a string, not %s" */
      return _("a boolean");
    default:
      /* Translators: a kind of JSON value; completes "must be a string, not %s" */
      return _("a number");
    }
}

/* A text from the file, cut short to quote it in a message. */
static char *
shorten (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, MIN (strlen (text), 200));
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, 40);
  return g_strconcat (start, "…", NULL);
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
read_id (JsonObject  *object,
         const char  *path,
         const char  *member,
         gboolean     required,
         const char **out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *id;

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: %s is a JSON member name such as "id", kept in English */
                     _("missing required member \"%s\""), member);
      return TRUE;
    }

  if (!node_is_string (node))
    return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                 /* Translators: the first %s is a JSON member name such as "id",
                  * kept in English; the second is a type such as "a number" */
                 _("\"%s\" must be a string, not %s"), member, node_type_name (node));

  id = json_node_get_string (node);
  if (!shuati_deck_id_is_valid (id))
    {
      g_autofree char *echo = shorten (id);

      return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                   /* Translators: the first %s is a JSON member name such as "id",
                    * kept in English; the second is the id the file gives */
                   _("\"%s\" must be 1 to 200 letters, digits, '-', '_' or '.', not starting with '.' or '-', not \"%s\""),
                   member, echo);
    }

  *out = id;
  return TRUE;
}

/* Reads a string or an object of strings keyed by language. */
static gboolean
read_localized (ShuatiDeck       *deck,
                JsonObject       *object,
                const char       *path,
                const char       *member,
                gboolean          required,
                ShuatiLocalized **out,
                GError          **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(ShuatiLocalized) localized = NULL;
  guint n_languages = g_strv_length (deck->languages);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: %s is a JSON member name such as "title", kept in English */
                     _("missing required member \"%s\""), member);
      return TRUE;
    }

  localized = shuati_localized_new (n_languages);

  if (node_is_string (node))
    {
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return fail (error, SHUATI_DECK_ERROR_ENCODING, path,
                     /* Translators: %s is a JSON member name such as "title", kept in English */
                     _("\"%s\" holds an escape that is not valid UTF-8"), member);
      if (strlen (json_node_get_string (node)) > SHUATI_DECK_MAX_TEXT_SIZE)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: %s is a JSON member name such as "answer", kept in
                      * English; "64 KiB" is the limit */
                     _("\"%s\" is longer than 64 KiB; no card needs that much, split it"), member);
      shuati_localized_take (localized, 0, deck->languages[0],
                             g_strstrip (json_node_dup_string (node)));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *texts = json_node_get_object (node);
      JsonObjectIter iter;
      const char *language;
      JsonNode *value;
      gboolean any = FALSE;

      for (guint i = 0; i < n_languages; i++)
        shuati_localized_take (localized, i, deck->languages[i], NULL);

      json_object_iter_init (&iter, texts);
      while (json_object_iter_next (&iter, &language, &value))
        {
          guint i;

          for (i = 0; i < n_languages; i++)
            if (g_str_equal (deck->languages[i], language))
              break;

          if (i == n_languages)
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: the first %s is a JSON member name such as
                          * "title", the second a language code such as "fr"; "languages"
                          * is a JSON member name: keep all three in English */
                         _("\"%s\" has the language \"%s\", which is not in the deck's \"languages\""),
                         member, language);

          if (!node_is_string (value))
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: the first %s is a JSON member name such as
                          * "title", the second a language code such as "fr", the third a
                          * type such as "a number" */
                         _("\"%s\".\"%s\" must be a string, not %s"),
                         member, language, node_type_name (value));
          if (!g_utf8_validate (json_node_get_string (value), -1, NULL))
            return fail (error, SHUATI_DECK_ERROR_ENCODING, path,
                         /* Translators: the first %s is a JSON member name such as
                          * "title", the second a language code such as "fr" */
                         _("\"%s\".\"%s\" holds an escape that is not valid UTF-8"),
                         member, language);

          if (strlen (json_node_get_string (value)) > SHUATI_DECK_MAX_TEXT_SIZE)
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: the first %s is a JSON member name such as
                          * "answer", the second a language code such as "fr"; "64 KiB"
                          * is the limit */
                         _("\"%s\".\"%s\" is longer than 64 KiB; no card needs that much, split it"),
                         member, language);
          shuati_localized_take (localized, i, deck->languages[i],
                                 g_strstrip (json_node_dup_string (value)));
          any = TRUE;
        }

      if (!any)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: %s is a JSON member name such as "title", kept in English */
                     _("\"%s\" has no text in any language"), member);
    }
  else
    {
      return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                   /* Translators: the first %s is a JSON member name such as "title",
                    * kept in English; the second is a type such as "a number" */
                   _("\"%s\" must be a string or an object of strings, not %s"),
                   member, node_type_name (node));
    }

  *out = g_steal_pointer (&localized);
  return TRUE;
}

static gboolean
read_header (ShuatiDeck  *deck,
             JsonObject  *root,
             GError     **error)
{
  JsonNode *node;
  const char *id;

  node = json_object_get_member (root, "format");
  if (node == NULL)
    return fail (error, SHUATI_DECK_ERROR_FORMAT, "format",
                 /* Translators: follows "format: "; keep "format": "shuati-deck" as it is,
                  * it is what the file must say */
                 _("missing; a Shuati deck starts with \"format\": \"shuati-deck\""));
  if (!node_is_string (node) || !g_str_equal (json_node_get_string (node), "shuati-deck"))
    return fail (error, SHUATI_DECK_ERROR_FORMAT, "format",
                 /* Translators: follows "format: "; "shuati-deck" is a value in the file */
                 _("unknown format; expected \"shuati-deck\""));

  node = json_object_get_member (root, "version");
  if (node == NULL)
    return fail (error, SHUATI_DECK_ERROR_FORMAT, "version",
                 /* Translators: follows a JSON member name, as in "version: missing
                  * required member" */
                 _("missing required member"));
  if (!node_is_integer (node))
    return fail (error, SHUATI_DECK_ERROR_FORMAT, "version",
                 /* Translators: follows "version: "; %s is a type such as "a string" */
                 _("must be a whole number, not %s"), node_type_name (node));
  if (json_node_get_int (node) < 1 || json_node_get_int (node) > SHUATI_DECK_FORMAT_VERSION)
    return fail (error, SHUATI_DECK_ERROR_FORMAT, "version",
                 /* Translators: follows "version: "; the first number is the version
                  * the file gives, the second the newest version this program reads */
                 _("version %lld is not supported; this Shuati reads version %d"),
                 (long long)json_node_get_int (node), SHUATI_DECK_FORMAT_VERSION);

  if (!read_id (root, "id", "id", TRUE, &id, error))
    return FALSE;
  deck->id = g_strdup (id);

  node = json_object_get_member (root, "languages");
  if (node == NULL)
    {
      deck->languages = g_new0 (char *, 2);
      deck->languages[0] = g_strdup ("en");
    }
  else
    {
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, "languages",
                     /* Translators: follows "languages: "; %s is a type such as "a string" */
                     _("must be an array of language codes, not %s"), node_type_name (node));

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      if (n == 0)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, "languages",
                     /* Translators: follows "languages: " */
                     _("must name at least one language"));
      if (n > 32)
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, "languages",
                     /* Translators: follows "languages: "; %u is always more than 32 */
                     g_dngettext (GETTEXT_PACKAGE, "names %u language; at most 32 are allowed",
                                  "names %u languages; at most 32 are allowed", n),
                     n);

      deck->languages = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("languages[%u]", i);
          const char *code;

          if (!node_is_string (element))
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: follows "languages[2]: "; %s is a type such as
                          * "a number" */
                         _("must be a string, not %s"), node_type_name (element));
          code = json_node_get_string (element);
          if (!shuati_deck_id_is_valid (code))
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: %s is the text the file gives as a language code */
                         _("\"%s\" is not a language code like \"en\" or \"zh_CN\""), code);
          if (g_strv_contains ((const char * const *)deck->languages, code))
            return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                         /* Translators: %s is a language code such as "en" */
                         _("\"%s\" is listed twice"), code);
          deck->languages[i] = g_strdup (code);
        }
    }

  if (!read_localized (deck, root, "title", "title", TRUE, &deck->title, error) ||
      !read_localized (deck, root, "description", "description", FALSE, &deck->description, error))
    return FALSE;

  node = json_object_get_member (root, "source");
  if (node_is_string (node))
    deck->source = json_node_dup_string (node);

  return TRUE;
}

static gboolean
read_topics (ShuatiDeck  *deck,
             JsonObject  *root,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, "topics");
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, SHUATI_DECK_ERROR_SCHEMA, "topics",
                 /* Translators: follows "topics: "; %s is a type such as "an object" */
                 _("must be an array of topics, not %s"), node_type_name (node));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("topics[%u]", i);
      g_autoptr(ShuatiTopic) topic = NULL;
      ShuatiLocalized *title;
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: follows "topics[2]: "; "id" and "title" are JSON
                      * member names, kept in English; %s is a type such as "a string" */
                     _("must be an object with \"id\" and \"title\", not %s"),
                     node_type_name (element));

      object = json_node_get_object (element);
      if (!read_id (object, path, "id", TRUE, &id, error))
        return FALSE;
      if (g_hash_table_contains (deck->topics_by_id, id))
        return fail (error, SHUATI_DECK_ERROR_DUPLICATE_ID, path,
                     /* Translators: %s is a topic's id such as "arrays" */
                     _("the topic id \"%s\" is used twice"), id);
      if (!read_localized (deck, object, path, "title", TRUE, &title, error))
        return FALSE;

      topic = shuati_topic_new (id, deck->languages[0], title);
      g_hash_table_insert (deck->topics_by_id, (char *)shuati_topic_get_id (topic), topic);
      g_list_store_append (deck->topics, topic);
    }

  return TRUE;
}

static gboolean
read_tags (JsonObject  *object,
           const char  *path,
           GStrv       *out,
           GHashTable  *all_tags,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "tags");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                 /* Translators: "tags" is a JSON member name, kept in English; %s is a
                  * type such as "a string" */
                 _("\"tags\" must be an array of strings, not %s"), node_type_name (node));

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *tag;

      if (!node_is_string (element))
        return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                     /* Translators: "tags"[%u] names one element of the JSON member
                      * "tags", kept as it is; %s is a type such as "a number" */
                     _("\"tags\"[%u] must be a string, not %s"), i, node_type_name (element));

      tag = json_node_get_string (element);
      if (!shuati_deck_id_is_valid (tag))
        {
          g_autofree char *echo = shorten (tag);

          return fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                       /* Translators: "tags"[%u] names one element of the JSON member
                        * "tags", kept as it is; %s is the tag the file gives */
                       _("\"tags\"[%u] must be 1 to 200 letters, digits, '-', '_' or '.', not starting with '.' or '-', not \"%s\""),
                       i, echo);
        }

      g_strv_builder_add (builder, tag);
      if (!g_hash_table_contains (all_tags, tag))
        g_hash_table_add (all_tags, g_strdup (tag));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static ShuatiCard *
read_card (Loader     *loader,
           JsonNode   *element,
           guint       index,
           GError    **error)
{
  static const char * const field_names[SHUATI_N_FIELDS] = {
    "title", "question", "answer", "explanation",
  };
  ShuatiDeck *deck = loader->deck;
  g_autofree char *path = g_strdup_printf ("cards[%u]", index);
  ShuatiLocalized *fields[SHUATI_N_FIELDS] = { NULL, };
  g_auto(GStrv) tags = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *id;
  const char *topic_id;
  ShuatiDifficulty difficulty = SHUATI_DIFFICULTY_NONE;
  ShuatiCard *card;
  guint number = index + 1;
  gint64 times[2] = { 0, 0 };

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
            /* Translators: follows "cards[3]: "; %s is a type such as "a string" */
            _("must be an object, not %s"), node_type_name (element));
      return NULL;
    }

  object = json_node_get_object (element);

  if (!read_id (object, path, "id", TRUE, &id, error))
    return NULL;

  node = json_object_get_member (object, "number");
  if (node != NULL)
    {
      if (!node_is_integer (node) || json_node_get_int (node) < 1 ||
          json_node_get_int (node) > G_MAXINT32)
        {
          fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                /* Translators: "number" is a JSON member name, kept in English */
                _("\"number\" must be a positive whole number"));
          return NULL;
        }
      number = json_node_get_int (node);
    }

  if (!read_id (object, path, "topic",
                g_list_model_get_n_items (G_LIST_MODEL (deck->topics)) > 0,
                &topic_id, error))
    return NULL;

  if (topic_id != NULL)
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (loader->topic_positions, topic_id));

      if (position == 0)
        {
          fail (error, SHUATI_DECK_ERROR_UNKNOWN_TOPIC, path,
                /* Translators: %s is a topic's id such as "arrays"; "topics" is a
                 * JSON member name, kept in English */
                _("the topic \"%s\" is not in the deck's \"topics\""), topic_id);
          return NULL;
        }
      loader->topic_counts[position - 1]++;
    }

  node = json_object_get_member (object, "difficulty");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (!node_is_string (node) || !shuati_difficulty_from_string (json_node_get_string (node), &difficulty)))
    {
      g_autofree char *echo = node_is_string (node) ? shorten (json_node_get_string (node)) : NULL;

      if (echo != NULL)
        fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
              /* Translators: "difficulty" is a JSON member name and "basic",
               * "intermediate", "advanced" its values, all kept in English; %s is
               * the value the file gives */
              _("\"difficulty\" must be \"basic\", \"intermediate\" or \"advanced\", not \"%s\""), echo);
      else
        fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
              /* Translators: "difficulty" is a JSON member name and "basic",
               * "intermediate", "advanced" its values, all kept in English; %s is a
               * type such as "a number" */
              _("\"difficulty\" must be \"basic\", \"intermediate\" or \"advanced\", not %s"),
              node_type_name (node));
      return NULL;
    }

  if (!read_tags (object, path, &tags, loader->tags, error))
    return NULL;

  /* When the card was written and last edited, in seconds since 1970:
   * the editor sets them, other decks need not have them. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      static const char * const time_names[] = { "created", "modified" };

      node = json_object_get_member (object, time_names[i]);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!node_is_integer (node) || json_node_get_int (node) < 0)
        {
          fail (error, SHUATI_DECK_ERROR_SCHEMA, path,
                /* Translators: %s is a JSON member name ("created" or "modified"),
                 * kept in English */
                _("\"%s\" must be a whole number of seconds since 1970"), time_names[i]);
          return NULL;
        }
      times[i] = json_node_get_int (node);
    }

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      if (!read_localized (deck, object, path, field_names[i],
                           i != SHUATI_FIELD_EXPLANATION, &fields[i], error))
        {
          for (guint j = 0; j < i; j++)
            shuati_localized_free (fields[j]);
          return NULL;
        }
    }

  card = shuati_card_new (deck->id, id, number, topic_id,
                          g_steal_pointer (&tags), deck->languages[0], fields);
  shuati_card_set_difficulty (card, difficulty);
  shuati_card_set_times (card, times[0], times[1]);
  return card;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
loader_init (Loader     *loader,
             ShuatiDeck *deck)
{
  guint n_topics = g_list_model_get_n_items (G_LIST_MODEL (deck->topics));

  loader->deck = deck;
  loader->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader->topic_counts = g_new0 (guint, n_topics + 1);
  loader->topic_positions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_topics; i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (G_LIST_MODEL (deck->topics), i);
      g_hash_table_insert (loader->topic_positions, (char *)shuati_topic_get_id (topic),
                           GUINT_TO_POINTER (i + 1));
    }
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->tags, g_hash_table_unref);
  g_clear_pointer (&loader->topic_positions, g_hash_table_unref);
  g_clear_pointer (&loader->topic_counts, g_free);
}

/* Puts @card at @index of the deck, which takes it. */
static gboolean
loader_add (Loader      *loader,
            ShuatiCard  *card,
            guint        index,
            GError     **error)
{
  ShuatiDeck *deck = loader->deck;
  ShuatiCard *other;

  if (index >= deck->cards->len)
    g_ptr_array_set_size (deck->cards, index + 1);
  g_ptr_array_index (deck->cards, index) = card;
  shuati_card_set_position (card, index);

  other = g_hash_table_lookup (deck->cards_by_id, shuati_card_get_id (card));
  if (other != NULL)
    {
      g_autofree char *path = NULL;
      guint other_index = 0;

      g_ptr_array_find (deck->cards, other, &other_index);
      path = g_strdup_printf ("cards[%u]", MAX (index, other_index));
      return fail (error, SHUATI_DECK_ERROR_DUPLICATE_ID, path,
                   /* Translators: follows "cards[7]: "; %s is a card's id; cards[%u]
                    * names the other card, kept as it is */
                   _("the id \"%s\" is already used by cards[%u]"),
                   shuati_card_get_id (card), MIN (index, other_index));
    }
  g_hash_table_insert (deck->cards_by_id, (char *)shuati_card_get_id (card), card);

  return TRUE;
}

static gboolean
loader_finish (Loader  *loader,
               GError **error)
{
  ShuatiDeck *deck = loader->deck;
  guint n_topics = g_list_model_get_n_items (G_LIST_MODEL (deck->topics));
  GHashTableIter iter;

  if (deck->cards->len == 0)
    return fail (error, SHUATI_DECK_ERROR_EMPTY, "cards",
                 /* Translators: follows "cards: " */
                 _("the deck has no cards"));

  for (guint i = 0; i < n_topics; i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (G_LIST_MODEL (deck->topics), i);
      shuati_topic_set_n_cards (topic, loader->topic_counts[i]);
    }

  deck->tags = (GStrv)g_hash_table_get_keys_as_array (loader->tags, NULL);
  g_hash_table_iter_init (&iter, loader->tags);
  while (g_hash_table_iter_next (&iter, NULL, NULL))
    g_hash_table_iter_steal (&iter);
  qsort (deck->tags, g_strv_length (deck->tags), sizeof (char *), compare_strings);

  return TRUE;
}

/* Reads the cards of a whole tree, from the last to the first. With
 * @consume, each card's JSON is dropped as soon as it is read. */
static gboolean
read_cards (ShuatiDeck  *deck,
            JsonObject  *root,
            gboolean     consume,
            GError     **error)
{
  JsonNode *node = json_object_get_member (root, "cards");
  Loader loader;
  JsonArray *array;
  gboolean ok = TRUE;
  guint n;

  if (node == NULL)
    return fail (error, SHUATI_DECK_ERROR_SCHEMA, "cards",
                 /* Translators: follows a JSON member name, as in "cards: missing
                  * required member" */
                 _("missing required member"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, SHUATI_DECK_ERROR_SCHEMA, "cards",
                 /* Translators: follows "cards: "; %s is a type such as "an object" */
                 _("must be an array of cards, not %s"), node_type_name (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  loader_init (&loader, deck);
  g_ptr_array_set_size (deck->cards, n);

  for (guint i = n; ok && i-- > 0;)
    {
      ShuatiCard *card = read_card (&loader, json_array_get_element (array, i), i, error);

      ok = card != NULL && loader_add (&loader, card, i, error);
      if (consume)
        json_array_remove_element (array, i);
    }

  ok = ok && loader_finish (&loader, error);
  loader_clear (&loader);

  return ok;
}

static ShuatiDeck *
deck_from_node (JsonNode  *root,
                gboolean   consume,
                GError   **error)
{
  g_autoptr(ShuatiDeck) deck = NULL;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, SHUATI_DECK_ERROR_FORMAT, "(top level)",
            /* Translators: follows "(top level): "; %s is a type such as "an array" */
            _("a deck is a JSON object, not %s"), node_type_name (root));
      return NULL;
    }

  deck = g_object_new (SHUATI_TYPE_DECK, NULL);
  object = json_node_get_object (root);

  if (!read_header (deck, object, error) ||
      !read_topics (deck, object, error) ||
      !read_cards (deck, object, consume, error))
    return NULL;

  return g_steal_pointer (&deck);
}

/**
 * shuati_deck_new_from_node:
 * @root: (transfer none): a deck in the JSON deck format
 *
 * Builds a deck from a JSON tree, as an importer makes one.
 *
 * Returns: (transfer full) (nullable): the deck, or %NULL with @error set
 */
ShuatiDeck *
shuati_deck_new_from_node (JsonNode  *root,
                           GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return deck_from_node (root, FALSE, error);
}

/* Where the cards stand among the top-level members, found while the
 * text is checked, so that the parser can hand over each card as soon
 * as it is read. */
typedef struct
{
  guint    cards_ordinal;       /* the how-manieth top-level array "cards" is; 0: none */
  gboolean header_after_cards;  /* a member the cards depend on comes after them */
} Layout;

static gboolean
is_header_key (const char *key,
               gsize       length)
{
  static const char * const keys[] = { "format", "version", "id", "languages", "title", "topics", "cards" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strlen (keys[i]) == length && memcmp (keys[i], key, length) == 0)
      return TRUE;
  return FALSE;
}

/* One pass over the raw text before json-glib sees it: UTF-8 with a
 * precise place for the first bad byte, a nesting limit so that a
 * hostile file cannot exhaust the parser's stack, and the layout of the
 * top-level members. */
static gboolean
check_text (const char  *data,
            gsize        length,
            Layout      *layout,
            GError     **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  gsize string_start = 0;
  const char *key = NULL;
  gsize key_length = 0;
  gboolean saw_cards = FALSE;
  gboolean top_done = FALSE;
  gboolean top_scalar = FALSE;
  guint top_level_arrays = 0;
  guint depth = 0;
  gsize string_size = 0;
  gboolean version_value = FALSE;

  *layout = (Layout) { 0, FALSE };

  if (!g_utf8_validate_len (data, length, &end))
    {
      if (*end == '\0')
        return fail_at (error, SHUATI_DECK_ERROR_ENCODING, data, end,
                        /* Translators: follows a place in the file such as "3:14: " */
                        _("a NUL byte: this is a binary file, not a deck"));
      return fail_at (error, SHUATI_DECK_ERROR_ENCODING, data, end,
                      /* Translators: follows a place in the file such as "3:14: " */
                      _("the text is not valid UTF-8"));
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (!in_string && depth == 0 && !g_ascii_isspace (c))
        {
          /* json-glib goes on to read a second top-level value and
           * leaks the first: nothing may follow the deck. */
          if (top_done || (top_scalar && (c == '{' || c == '[')))
            {
              return fail_at (error, SHUATI_DECK_ERROR_SYNTAX, data, data + i,
                              /* Translators: follows a place in the file such as "3:14: " */
                              _("unexpected text after the end of the deck"));
            }
          if (c != '{' && c != '[')
            top_scalar = TRUE;
        }

      if (in_string)
        {
          if (c == '\\')
            {
              /* JSON has these escapes and no others; json-glib would
               * read "\6" as an octal byte that is not UTF-8. */
              if (i + 1 >= length || strchr ("\"\\/bfnrtu", data[i + 1]) == NULL)
                {
                  return fail_at (error, SHUATI_DECK_ERROR_SYNTAX, data, data + i,
                                  /* Translators: follows a place in the file such as
                                   * "3:14: "; \%c is the backslash and the character
                                   * after it, as the file has them */
                                  _("“\\%c” is not a JSON escape"),
                                  i + 1 < length && g_ascii_isprint (data[i + 1]) ? data[i + 1] : '?');
                }
              if (data[i + 1] == 'u' && i + 5 < length &&
                  g_ascii_isxdigit (data[i + 2]) && g_ascii_isxdigit (data[i + 3]) &&
                  g_ascii_isxdigit (data[i + 4]) && g_ascii_isxdigit (data[i + 5]))
                {
                  guint code = g_ascii_xdigit_value (data[i + 2]) << 12 |
                               g_ascii_xdigit_value (data[i + 3]) << 8 |
                               g_ascii_xdigit_value (data[i + 4]) << 4 |
                               g_ascii_xdigit_value (data[i + 5]);

                  /* json-glib would cut the text short at it: "nul\u0000x"
                   * would become "nul". */
                  if (code == 0)
                    return fail_at (error, SHUATI_DECK_ERROR_ENCODING, data, data + i,
                                    /* Translators: follows a place in the file such as
                                     * "3:14: "; \u0000 is a JSON escape, kept as it is */
                                    _("“\\u0000” (a NUL character) is not allowed in a deck"));
                  /* Its length in UTF-8; each half of a surrogate pair
                   * counts two bytes of the four. */
                  string_size += code < 0x80 ? 1 : code < 0x800 || (code >= 0xD800 && code < 0xE000) ? 2 : 3;
                  i += 5;
                }
              else
                {
                  string_size++;
                  i++;
                }
            }
          else if (c != '"')
            string_size++;
          else
            {
              in_string = FALSE;
              if (string_size > SHUATI_DECK_MAX_TEXT_SIZE)
                return fail_at (error, SHUATI_DECK_ERROR_SCHEMA, data, data + string_start - 1,
                                /* Translators: follows a place in the file such as "3:14: ";
                                 * "64 KiB" is the limit */
                                _("a text longer than 64 KiB; no card needs that much, split it"));
              if (depth == 1)
                {
                  key = data + string_start;
                  key_length = i - string_start;
                }
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
          string_start = i + 1;
          string_size = 0;
          version_value = FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize j = i + (c == '-');
          g_autofree char *number = NULL;

          while (j < length && g_ascii_isdigit (data[j]))
            j++;

          /* json-glib reads an integer too large for 64 bits as a wrong
           * one (99999999999999999999999 as -1). */
          number = g_strndup (data + i, j - i);
          if ((j >= length || (data[j] != '.' && data[j] != 'e' && data[j] != 'E')) &&
              j > i + (c == '-') &&
              !g_ascii_string_to_signed (number, 10, G_MININT64, G_MAXINT64, NULL, NULL))
            {
              g_autofree char *echo = g_strdup_printf ("%.40s%s", number, strlen (number) > 40 ? "…" : "");

              if (version_value)
                return fail_at (error, SHUATI_DECK_ERROR_FORMAT, data, data + i,
                                /* Translators: follows a place in the file such as "3:14: ";
                                 * the first number is the version the file gives, the second
                                 * the newest version this program reads */
                                _("version %s is not supported; this Shuati reads version %d"),
                                echo, SHUATI_DECK_FORMAT_VERSION);
              return fail_at (error, SHUATI_DECK_ERROR_SYNTAX, data, data + i,
                              /* Translators: follows a place in the file such as "3:14: " */
                              _("the number %s is too large"), echo);
            }
          version_value = FALSE;
          i = j - 1;
        }
      else if (c == ':' && depth == 1 && key != NULL)
        {
          gboolean is_cards = key_length == 5 && memcmp (key, "cards", 5) == 0;

          if (saw_cards && is_header_key (key, key_length))
            layout->header_after_cards = TRUE;
          version_value = key_length == 7 && memcmp (key, "version", 7) == 0;
          saw_cards |= is_cards;

          /* A top-level array value follows: count it. */
          for (gsize j = i + 1; j < length; j++)
            {
              if (data[j] == '[')
                {
                  top_level_arrays++;
                  if (is_cards)
                    layout->cards_ordinal = top_level_arrays;
                }
              if (!g_ascii_isspace (data[j]))
                break;
            }
          key = NULL;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > SHUATI_DECK_MAX_DEPTH)
            {
              return fail_at (error, SHUATI_DECK_ERROR_SYNTAX, data, data + i,
                              /* Translators: follows a place in the file such as
                               * "3:14: "; %d is a number of levels such as 64 */
                              _("nested more than %d levels deep"), SHUATI_DECK_MAX_DEPTH);
            }
        }
      else if (c == '}' || c == ']')
        {
          if (depth > 0 && --depth == 0)
            top_done = TRUE;
        }
    }

  return TRUE;
}

/* Streaming: the parser announces each card as soon as it has read it;
 * the card is built and its JSON dropped at once, so that the whole
 * tree of a large deck never exists. */
typedef struct
{
  const Layout *layout;
  ShuatiDeck   *deck;
  Loader        loader;
  gboolean      loader_ready;
  JsonObject   *root;
  JsonArray    *cards;
  guint         depth;
  guint         top_level_arrays;
  guint         n_cards;
  GError       *error;
} Stream;

static void
on_container_start (Stream *stream)
{
  stream->depth++;
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               Stream     *stream)
{
  stream->depth--;
}

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member,
                  Stream     *stream)
{
  /* The first member of the top level names the top-level object; the
   * many members after it need no signal. */
  if (stream->depth == 1)
    {
      stream->root = object;
      g_signal_handlers_disconnect_by_func (parser, on_object_member, stream);
    }
}

static void
on_array_start (JsonParser *parser,
                Stream     *stream)
{
  stream->depth++;
  if (stream->depth != 2)
    return;

  stream->top_level_arrays++;
  if (stream->top_level_arrays != stream->layout->cards_ordinal ||
      stream->layout->header_after_cards || stream->root == NULL)
    return;

  /* Everything the cards depend on has been read: start the deck. */
  stream->deck = g_object_new (SHUATI_TYPE_DECK, NULL);
  if (read_header (stream->deck, stream->root, &stream->error) &&
      read_topics (stream->deck, stream->root, &stream->error))
    {
      loader_init (&stream->loader, stream->deck);
      stream->loader_ready = TRUE;
    }
  stream->cards = (JsonArray *)-1;
}

static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  Stream     *stream)
{
  guint last;

  if (stream->depth != 2 || stream->cards == NULL)
    return;
  if (stream->cards == (JsonArray *)-1)
    stream->cards = array;
  if (array != stream->cards)
    return;

  last = json_array_get_length (array) - 1;
  if (stream->error == NULL)
    {
      ShuatiCard *card = read_card (&stream->loader, json_array_get_element (array, last),
                                    stream->n_cards, &stream->error);

      if (card != NULL)
        loader_add (&stream->loader, card, stream->n_cards, &stream->error);
    }
  stream->n_cards++;
  json_array_remove_element (array, last);
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              Stream     *stream)
{
  stream->depth--;
}

static void
stream_clear (Stream *stream)
{
  if (stream->loader_ready)
    loader_clear (&stream->loader);
  g_clear_object (&stream->deck);
  g_clear_error (&stream->error);
}

/* json-glib says "<data>:12:5: Parse error: unexpected character", the
 * words around the reason in the user's language ("<data>:12:5：解析错误：…");
 * keep the place, written as in every other message, and the reason. */
static char *
syntax_message (const char *message)
{
  g_autofree char *lead = NULL;
  const char *p = message;
  const char *colon;
  char *end;
  guint64 line;
  guint64 column;

  if (g_str_has_prefix (p, "<data>:"))
    p += strlen ("<data>:");

  if (!g_ascii_isdigit (*p))
    return g_strdup_printf ("1:1: %s", p);

  line = g_ascii_strtoull (p, &end, 10);
  if (*end == ':' && g_ascii_isdigit (end[1]))
    {
      column = g_ascii_strtoull (end + 1, &end, 10);
      lead = g_strdup_printf (g_dgettext ("json-glib-1.0", "%s:%d:%d: Parse error: %s"),
                              "<data>", (int)line, (int)column, "");
      if (g_str_has_prefix (message, lead))
        return g_strdup_printf ("%d:%d: %s", (int)line, (int)column, message + strlen (lead));
    }

  colon = strstr (p, ": Parse error: ");
  if (colon != NULL)
    return g_strdup_printf ("%.*s: %s", (int)(colon - p), p, colon + strlen (": Parse error: "));
  return g_strdup (p);
}

static ShuatiDeck *
deck_from_data (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  ShuatiDeck *deck = NULL;
  Layout layout;
  Stream stream = { &layout, };

  if (length == 0)
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_EMPTY,
                   "1:1: %s", _("the file is empty"));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!check_text (data, length, &layout, error))
    return NULL;

  parser = json_parser_new ();
  g_signal_connect_swapped (parser, "object-start", G_CALLBACK (on_container_start), &stream);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &stream);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &stream);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_array_start), &stream);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), &stream);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end), &stream);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_autofree char *raw = syntax_message (local_error->message);
      /* json-glib quotes the bad token cut at a byte count, which can
       * split a character. */
      g_autofree char *message = g_utf8_make_valid (raw, -1);

      g_set_error_literal (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SYNTAX, message);
      stream_clear (&stream);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  g_clear_object (&parser);

  if (root == NULL)
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_EMPTY,
                   /* Translators: follows the place "1:1: " */
                   "1:1: %s", _("the file holds no JSON value"));
      stream_clear (&stream);
      return NULL;
    }

  if (stream.deck != NULL)
    {
      /* The cards went by while the text was parsed. */
      if (stream.error != NULL)
        g_propagate_error (error, g_steal_pointer (&stream.error));
      else if (loader_finish (&stream.loader, error))
        {
          if (stream.deck->description == NULL)
            read_localized (stream.deck, json_node_get_object (root), "description",
                            "description", FALSE, &stream.deck->description, NULL);
          deck = g_steal_pointer (&stream.deck);
        }
    }
  else
    deck = deck_from_node (root, TRUE, error);

  stream_clear (&stream);
  g_clear_pointer (&root, json_node_unref);

#if HAVE_MALLOC_TRIM
  /* The parsed tree was many small blocks; give them back. */
  malloc_trim (0);
#endif

  return deck;
}

/**
 * shuati_deck_new_from_bytes:
 * @bytes: the deck file's contents
 *
 * Returns: (transfer full) (nullable): the deck, or %NULL with @error set;
 *   syntax errors start with "LINE:COLUMN: ", schema errors with the
 *   member's path ("cards[3]: ...")
 */
ShuatiDeck *
shuati_deck_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return deck_from_data (data != NULL ? data : "", length, error);
}

/**
 * shuati_deck_new_from_file:
 *
 * Returns: (transfer full) (nullable): the deck, or %NULL with @error set
 */
ShuatiDeck *
shuati_deck_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A device, a FIFO or a huge file is refused before a byte is read. */
  bytes = shuati_safe_file_map (file, SHUATI_DECK_MAX_FILE_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  return shuati_deck_new_from_bytes (bytes, error);
}

/**
 * shuati_deck_new_from_resource:
 *
 * Returns: (transfer full) (nullable): the deck, or %NULL with @error set
 */
ShuatiDeck *
shuati_deck_new_from_resource (const char  *path,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  return shuati_deck_new_from_bytes (bytes, error);
}
