/* shuati-import-draft.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the format readers (CSV, Markdown) collect before it becomes a
 * deck-format tree, and the helpers they share. The readers depend on
 * this file and the dispatcher in shuati-importer.c depends on them,
 * never the other way round.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-import-draft.h"

/* The error domain lives with the helper that sets it, so that the
 * readers need nothing from the dispatcher. */
G_DEFINE_QUARK (shuati-import-error-quark, shuati_import_error)

/* The clear function of an array of ShuatiImportWarning. */
void
shuati_import_warning_clear (gpointer data)
{
  ShuatiImportWarning *warning = data;

  g_clear_pointer (&warning->message, g_free);
}

/* Helpers shared by the format readers ----------------------------------- */

/**
 * shuati_import_slug:
 *
 * Returns: (transfer full): lower-case ASCII letters and digits of @text
 *   joined by hyphens, at most 64 bytes; "" if @text has none
 */
char *
shuati_import_slug (const char *text,
                    gssize      length)
{
  GString *slug = g_string_new (NULL);
  gboolean hyphen = FALSE;

  if (length < 0)
    length = strlen (text);

  for (gssize i = 0; i < length && slug->len < 64; i++)
    {
      if (g_ascii_isalnum (text[i]))
        {
          if (hyphen && slug->len > 0)
            g_string_append_c (slug, '-');
          hyphen = FALSE;
          g_string_append_c (slug, g_ascii_tolower (text[i]));
        }
      else
        hyphen = TRUE;
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}

/* The file name without its folders and its last extension. */
char *
shuati_import_base_name (const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name != NULL && *file_name ? file_name : "deck");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

void
shuati_import_set_error (GError     **error,
                         int          code,
                         const char  *file_name,
                         guint        line,
                         guint        column,
                         const char  *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0 && column > 0)
    g_set_error (error, SHUATI_IMPORT_ERROR, code, "%s:%u:%u: %s", file_name, line, column, message);
  else if (line > 0)
    g_set_error (error, SHUATI_IMPORT_ERROR, code, "%s:%u: %s", file_name, line, message);
  else
    g_set_error (error, SHUATI_IMPORT_ERROR, code, "%s: %s", file_name, message);
}

/* Drafts ------------------------------------------------------------------ */

ShuatiDraft *
shuati_draft_new (const char *file_name)
{
  ShuatiDraft *draft = g_new0 (ShuatiDraft, 1);

  draft->file_name = g_strdup (file_name);
  draft->topic_ids = g_ptr_array_new_with_free_func (g_free);
  draft->topic_titles = g_ptr_array_new_with_free_func (g_free);
  draft->topics_by_title = g_hash_table_new (g_str_hash, g_str_equal);
  draft->topics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  draft->cards = g_ptr_array_new ();
  draft->warnings = g_array_new (FALSE, TRUE, sizeof (ShuatiImportWarning));
  g_array_set_clear_func (draft->warnings, shuati_import_warning_clear);

  return draft;
}

static void
draft_card_free (ShuatiDraftCard *card)
{
  g_free (card->id);
  g_free (card->topic_id);
  g_strfreev (card->tags);
  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    g_free (card->fields[i]);
  g_free (card);
}

void
shuati_draft_free (ShuatiDraft *draft)
{
  if (draft == NULL)
    return;

  for (guint i = 0; i < draft->cards->len; i++)
    draft_card_free (g_ptr_array_index (draft->cards, i));
  g_ptr_array_unref (draft->cards);
  g_hash_table_unref (draft->topics_by_title);
  g_hash_table_unref (draft->topics_by_id);
  g_ptr_array_unref (draft->topic_ids);
  g_ptr_array_unref (draft->topic_titles);
  g_clear_pointer (&draft->warnings, g_array_unref);
  g_free (draft->file_name);
  g_free (draft->id);
  g_free (draft->title);
  g_free (draft->description);
  g_free (draft->language);
  g_free (draft);
}

ShuatiDraftCard *
shuati_draft_add_card (ShuatiDraft *draft,
                       guint        line)
{
  ShuatiDraftCard *card = g_new0 (ShuatiDraftCard, 1);

  card->line = line;
  g_ptr_array_add (draft->cards, card);
  return card;
}

/* A topic id that is not taken yet: @id if the source named one, else
 * the title's slug, else "topic-N". */
static char *
new_topic_id (ShuatiDraft *draft,
              const char  *title,
              const char  *id)
{
  g_autofree char *base = NULL;
  char *candidate;

  if (id != NULL && shuati_deck_id_is_valid (id))
    base = g_strdup (id);
  else
    {
      base = shuati_import_slug (title, -1);
      if (*base == '\0')
        {
          g_free (base);
          base = g_strdup_printf ("topic-%u", draft->topic_ids->len + 1);
        }
    }

  candidate = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (draft->topics_by_id, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }

  return candidate;
}

/**
 * shuati_draft_add_topic:
 * @id: (nullable): the topic's id if the source gives one
 *
 * Topics are the same when they have the same @id, or without one, the
 * same @title.
 *
 * Returns: (transfer none): the topic's id
 */
const char *
shuati_draft_add_topic (ShuatiDraft *draft,
                        const char  *title,
                        const char  *id)
{
  const char *existing;
  char *new_id;
  char *new_title;

  if (id != NULL && shuati_deck_id_is_valid (id))
    {
      existing = g_hash_table_lookup (draft->topics_by_id, id);
      if (existing != NULL)
        {
          guint position = 0;
          g_ptr_array_find_with_equal_func (draft->topic_ids, id, g_str_equal, &position);
          return g_ptr_array_index (draft->topic_ids, position);
        }
    }
  else
    {
      existing = g_hash_table_lookup (draft->topics_by_title, title);
      if (existing != NULL)
        return existing;
    }

  new_id = new_topic_id (draft, title, id);
  new_title = g_strdup (title);
  g_ptr_array_add (draft->topic_ids, new_id);
  g_ptr_array_add (draft->topic_titles, new_title);
  g_hash_table_insert (draft->topics_by_id, new_id, new_title);
  if (!g_hash_table_contains (draft->topics_by_title, new_title))
    g_hash_table_insert (draft->topics_by_title, new_title, new_id);

  return new_id;
}

void
shuati_draft_warn (ShuatiDraft *draft,
                   guint        line,
                   const char  *format,
                   ...)
{
  ShuatiImportWarning warning;
  va_list args;

  /* A file with a flaw on every line should not make a million warnings. */
  if (draft->warnings->len >= 1000)
    return;

  va_start (args, format);
  warning.line = line;
  warning.message = g_strdup_vprintf (format, args);
  va_end (args);

  if (draft->warnings->len == 999)
    {
      g_free (warning.message);
      warning.message = g_strdup (_("more warnings were left out"));
    }

  g_array_append_val (draft->warnings, warning);
}

static void
replace_str (char       **slot,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}


/* Chinese when ideographs carry a good part of the text: one counts
 * about as much as a word of five letters. */
static const char *
guess_language (const char *text)
{
  gsize han = 0;
  gsize letters = 0;
  gsize n = 0;

  for (const char *p = text; *p && n < (1 << 20); p = g_utf8_next_char (p), n++)
    {
      if (g_ascii_isalpha (*p))
        letters++;
      else if ((guchar)*p >= 0xE3 &&
               g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
        han++;
    }

  return han > 0 && han * 5 >= letters ? "zh_CN" : "en";
}

/* A title for a card that has none: the question's first line. */
static char *
title_from_question (const char *question)
{
  const char *end = strchr (question, '\n');
  g_autofree char *line = g_strndup (question, end != NULL ? (gsize)(end - question) : strlen (question));
  glong n_chars;

  g_strstrip (line);
  n_chars = g_utf8_strlen (line, -1);
  if (n_chars > 80)
    {
      char *cut = g_utf8_offset_to_pointer (line, 79);
      return g_strdup_printf ("%.*s…", (int)(cut - line), line);
    }

  return g_steal_pointer (&line);
}

static char *
hashed_id (const char *text)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);

  return g_strdup_printf ("q-%.10s", digest);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_string (node, text);
  return node;
}

/**
 * shuati_draft_to_node:
 * @text: the whole source text, to guess its language
 *
 * Returns: (transfer full): the draft as a tree in the deck format; it may
 *   have no cards if the draft had none with a question
 */
JsonNode *
shuati_draft_to_node (ShuatiDraft *draft,
                      const char  *text)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) topics_used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *base_name = shuati_import_base_name (draft->file_name);
  g_autofree char *deck_id = NULL;
  JsonArray *cards = json_array_new ();
  JsonArray *topics = json_array_new ();
  JsonArray *languages = json_array_new ();
  const char *default_topic = NULL;
  /* A deck exported without topics keeps none; any other source's cards
   * without a topic share one named after the deck. */
  gboolean topicless = draft->no_topics && draft->topic_ids->len == 0;
  const char *language;
  const char *title;
  gboolean numbered = TRUE;
  JsonNode *node;

  if (draft->id != NULL && shuati_deck_id_is_valid (draft->id))
    deck_id = g_strdup (draft->id);
  else
    {
      deck_id = shuati_import_slug (base_name, -1);
      if (*deck_id == '\0')
        replace_str (&deck_id, "deck");
    }

  title = draft->title != NULL && *draft->title ? draft->title : base_name;
  language = draft->language != NULL ? draft->language : guess_language (text);

  /* Number ids only when every card's number is its own. */
  for (guint i = 0; i < draft->cards->len && numbered; i++)
    {
      ShuatiDraftCard *card = g_ptr_array_index (draft->cards, i);

      if (card->id != NULL)
        continue;
      if (card->number == 0 || g_hash_table_contains (numbers, GUINT_TO_POINTER (card->number)))
        numbered = FALSE;
      g_hash_table_add (numbers, GUINT_TO_POINTER (card->number));
    }

  /* Ids the source gives are kept first, so that a derived id never
   * takes one of them. */
  for (guint i = 0; i < draft->cards->len; i++)
    {
      ShuatiDraftCard *card = g_ptr_array_index (draft->cards, i);

      if (card->id == NULL)
        continue;
      if (!shuati_deck_id_is_valid (card->id) || g_hash_table_contains (used_ids, card->id))
        {
          shuati_draft_warn (draft, card->line,
                             _("card %u: the id “%s” is not valid or used twice; a new one is made"),
                             i + 1, card->id);
          g_clear_pointer (&card->id, g_free);
          continue;
        }
      g_hash_table_add (used_ids, g_strdup (card->id));
    }

  for (guint i = 0, position = 0; i < draft->cards->len; i++)
    {
      ShuatiDraftCard *card = g_ptr_array_index (draft->cards, i);
      g_autoptr(JsonObject) object = NULL;
      g_autofree char *id = NULL;
      char **fields = card->fields;
      guint number = card->number != 0 ? card->number : position + 1;

      for (guint f = 0; f < SHUATI_N_FIELDS; f++)
        if (fields[f] != NULL)
          g_strstrip (fields[f]);

      if ((fields[SHUATI_FIELD_QUESTION] == NULL || *fields[SHUATI_FIELD_QUESTION] == '\0') &&
          (fields[SHUATI_FIELD_TITLE] == NULL || *fields[SHUATI_FIELD_TITLE] == '\0'))
        {
          shuati_draft_warn (draft, card->line, _("card %u: no question; the card is left out"), number);
          continue;
        }
      if (fields[SHUATI_FIELD_QUESTION] == NULL || *fields[SHUATI_FIELD_QUESTION] == '\0')
        replace_str (&fields[SHUATI_FIELD_QUESTION], fields[SHUATI_FIELD_TITLE]);
      if (fields[SHUATI_FIELD_TITLE] == NULL || *fields[SHUATI_FIELD_TITLE] == '\0')
        {
          g_free (fields[SHUATI_FIELD_TITLE]);
          fields[SHUATI_FIELD_TITLE] = title_from_question (fields[SHUATI_FIELD_QUESTION]);
        }
      if (fields[SHUATI_FIELD_ANSWER] == NULL)
        fields[SHUATI_FIELD_ANSWER] = g_strdup ("");

      if (card->id != NULL)
        id = g_strdup (card->id);
      else
        {
          g_autofree char *base = numbered ? g_strdup_printf ("card-%03u", card->number)
                                           : hashed_id (fields[SHUATI_FIELD_QUESTION]);

          id = g_strdup (base);
          for (guint n = 2; g_hash_table_contains (used_ids, id); n++)
            {
              g_free (id);
              id = g_strdup_printf ("%s-%u", base, n);
            }
          g_hash_table_add (used_ids, g_strdup (id));
        }

      if (card->topic_id == NULL && !topicless)
        {
          if (default_topic == NULL)
            default_topic = shuati_draft_add_topic (draft, title, NULL);
          card->topic_id = g_strdup (default_topic);
        }
      if (card->topic_id != NULL)
        g_hash_table_add (topics_used, card->topic_id);

      object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      json_object_set_int_member (object, "number", number);
      if (card->topic_id != NULL)
        json_object_set_string_member (object, "topic", card->topic_id);
      if (card->tags != NULL && card->tags[0] != NULL)
        {
          JsonArray *tags = json_array_new ();

          for (guint t = 0; card->tags[t]; t++)
            json_array_add_string_element (tags, card->tags[t]);
          json_object_set_array_member (object, "tags", tags);
        }
      json_object_set_member (object, "title", string_node (fields[SHUATI_FIELD_TITLE]));
      json_object_set_member (object, "question", string_node (fields[SHUATI_FIELD_QUESTION]));
      json_object_set_member (object, "answer", string_node (fields[SHUATI_FIELD_ANSWER]));
      if (fields[SHUATI_FIELD_EXPLANATION] != NULL && *fields[SHUATI_FIELD_EXPLANATION] != '\0')
        json_object_set_member (object, "explanation", string_node (fields[SHUATI_FIELD_EXPLANATION]));

      json_array_add_object_element (cards, g_steal_pointer (&object));
      position++;

      /* The tree has its own copies; a large file should not be held
       * three times. */
      for (guint f = 0; f < SHUATI_N_FIELDS; f++)
        g_clear_pointer (&fields[f], g_free);
    }

  /* Headings with no card under them were sections, not topics. */
  for (guint i = 0; i < draft->topic_ids->len; i++)
    {
      const char *topic_id = g_ptr_array_index (draft->topic_ids, i);
      JsonObject *topic;

      if (!g_hash_table_contains (topics_used, topic_id))
        continue;
      topic = json_object_new ();
      json_object_set_string_member (topic, "id", topic_id);
      json_object_set_member (topic, "title", string_node (g_ptr_array_index (draft->topic_titles, i)));
      json_array_add_object_element (topics, topic);
    }

  json_array_add_string_element (languages, language);

  json_object_set_string_member (root, "format", "shuati-deck");
  json_object_set_int_member (root, "version", SHUATI_DECK_FORMAT_VERSION);
  json_object_set_string_member (root, "id", deck_id);
  json_object_set_array_member (root, "languages", languages);
  json_object_set_member (root, "title", string_node (title));
  if (draft->description != NULL && *g_strstrip (draft->description) != '\0')
    json_object_set_member (root, "description", string_node (draft->description));
  if (draft->file_name != NULL)
    {
      g_autofree char *source = g_path_get_basename (draft->file_name);
      json_object_set_string_member (root, "source", source);
    }
  json_object_set_array_member (root, "topics", topics);
  json_object_set_array_member (root, "cards", cards);

  node = json_node_alloc ();
  json_node_init_object (node, root);
  return node;
}
