/* shuati-importer.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-text.h"
#include "shuati-exporter.h"
#include "shuati-import-private.h"
#include "shuati-importer.h"

struct _ShuatiImportResult
{
  GObject             parent_instance;

  ShuatiDeck         *deck;
  JsonNode           *node;
  GBytes             *json;           /* a deck file, parsed into @node on demand */
  ShuatiImportFormat  format;
  const char         *encoding;
  char               *file_name;
  GArray             *warnings;
};

G_DEFINE_FINAL_TYPE (ShuatiImportResult, shuati_import_result, G_TYPE_OBJECT)

G_DEFINE_QUARK (shuati-import-error-quark, shuati_import_error)

static void
clear_warning (gpointer data)
{
  ShuatiImportWarning *warning = data;

  g_clear_pointer (&warning->message, g_free);
}

static void
shuati_import_result_dispose (GObject *object)
{
  ShuatiImportResult *self = (ShuatiImportResult *)object;

  g_clear_object (&self->deck);

  G_OBJECT_CLASS (shuati_import_result_parent_class)->dispose (object);
}

static void
shuati_import_result_finalize (GObject *object)
{
  ShuatiImportResult *self = (ShuatiImportResult *)object;

  g_clear_pointer (&self->node, json_node_unref);
  g_clear_pointer (&self->json, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->warnings, g_array_unref);

  G_OBJECT_CLASS (shuati_import_result_parent_class)->finalize (object);
}

static void
shuati_import_result_class_init (ShuatiImportResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_import_result_dispose;
  object_class->finalize = shuati_import_result_finalize;
}

static void
shuati_import_result_init (ShuatiImportResult *self)
{
}

/* Helpers shared by the format readers ----------------------------------- */

gboolean
shuati_import_is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 200)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

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
  g_array_set_clear_func (draft->warnings, clear_warning);

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

  if (id != NULL && shuati_import_is_valid_id (id))
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

  if (id != NULL && shuati_import_is_valid_id (id))
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
  const char *language;
  const char *title;
  gboolean numbered = TRUE;
  JsonNode *node;

  if (draft->id != NULL && shuati_import_is_valid_id (draft->id))
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
      if (!shuati_import_is_valid_id (card->id) || g_hash_table_contains (used_ids, card->id))
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

      if (card->topic_id == NULL)
        {
          if (default_topic == NULL)
            default_topic = shuati_draft_add_topic (draft, title, NULL);
          card->topic_id = g_strdup (default_topic);
        }
      g_hash_table_add (topics_used, card->topic_id);

      object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      json_object_set_int_member (object, "number", number);
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

/* Decoding ---------------------------------------------------------------- */

/* Most of a GB18030 reading of Latin-1 or random bytes is rare
 * ideographs and symbols; real Chinese text is mostly common ones. */
static gboolean
looks_like_cjk (const char *text,
                gsize       length)
{
  gsize non_ascii = 0;
  gsize cjk = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        continue;
      non_ascii++;
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
          (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
          (c >= 0x2010 && c <= 0x206F) || c == 0xB7 || c == 0xD7 || c == 0xF7)
        cjk++;
    }

  return cjk > 0 && cjk * 10 >= non_ascii * 9;
}

/* @data without a byte order mark, as UTF-8 with "\n" line endings. */
static char *
normalize_newlines (const char *data,
                    gsize       length,
                    gsize      *out_length)
{
  char *out = g_malloc (length + 1);
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\r')
        {
          out[n++] = '\n';
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
        }
      else
        out[n++] = data[i];
    }
  out[n] = '\0';
  *out_length = n;
  return out;
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* UTF-16 without a byte order mark, as some Windows tools write it: the
 * ASCII in a question bank (markup, digits, line ends) leaves a zero byte
 * in each such character, on the same side (the other side is zero only
 * in the rare characters such as U+4E00). Binary data has zero bytes on
 * both sides, or decodes to control characters. */
static char *
decode_utf16_without_bom (const char  *data,
                          gsize        length,
                          const char **encoding,
                          gsize       *out_length)
{
  gsize sample = MIN (length, 4096);
  gsize zero_even = 0;
  gsize zero_odd = 0;
  g_autofree char *converted = NULL;
  gsize written = 0;

  if (length % 2 != 0)
    return NULL;

  for (gsize i = 0; i < sample; i += 2)
    {
      zero_even += data[i] == '\0';
      zero_odd += data[i + 1] == '\0';
    }

  /* At least one character in ten is ASCII. */
  if (zero_even * 10 <= zero_odd && zero_odd * 20 >= sample)
    *encoding = "UTF-16LE";
  else if (zero_odd * 10 <= zero_even && zero_even * 20 >= sample)
    *encoding = "UTF-16BE";
  else
    return NULL;

  converted = g_convert (data, length, "UTF-8", *encoding, NULL, &written, NULL);
  if (converted == NULL)
    return NULL;
  for (gsize i = 0; i < written; i++)
    if ((guchar)converted[i] < 0x20 && converted[i] != '\t' && converted[i] != '\n' && converted[i] != '\r')
      return NULL;

  *out_length = written;
  return g_steal_pointer (&converted);
}

static char *
decode (const char  *data,
        gsize        length,
        const char  *file_name,
        const char **encoding,
        gsize       *out_length,
        GError     **error)
{
  g_autofree char *converted = NULL;
  const char *nul;
  const char *end = NULL;
  gsize written = 0;
  char *text;

  if (length >= 2 && ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE))
    *encoding = "UTF-16LE";
  else if (length >= 2 && ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))
    *encoding = "UTF-16BE";
  else
    *encoding = "UTF-8";

  if (**encoding == 'U' && (*encoding)[4] == '1')
    {
      g_autoptr(GError) local_error = NULL;

      converted = g_convert (data + 2, length - 2, "UTF-8", *encoding, NULL, &written, &local_error);
      if (converted == NULL)
        {
          shuati_import_set_error (error, SHUATI_IMPORT_ERROR_ENCODING, file_name, 0, 0,
                                   _("the text starts as UTF-16 but is not valid UTF-16"));
          return NULL;
        }
      data = converted;
      length = written;
    }
  else if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length == 0 || is_blank (data, length))
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_EMPTY, file_name, 0, 0,
                               _("the file is empty"));
      return NULL;
    }

  nul = memchr (data, '\0', length);
  if (nul != NULL && converted == NULL)
    {
      converted = decode_utf16_without_bom (data, length, encoding, &written);
      if (converted != NULL)
        return normalize_newlines (converted, written, out_length);
      *encoding = "UTF-8";
    }
  if (nul != NULL)
    {
      guint line, column;

      shuati_text_locate (data, nul, &line, &column);
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_BINARY, file_name, line, column,
                               _("a NUL byte: this is a binary file, not a question bank"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_autofree char *gb = NULL;
      guint line, column;

      gb = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
      if (gb != NULL && g_utf8_validate_len (gb, written, NULL) && memchr (gb, '\0', written) == NULL &&
          looks_like_cjk (gb, written))
        {
          *encoding = "GB18030";
          return normalize_newlines (gb, written, out_length);
        }

      shuati_text_locate (data, end, &line, &column);
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_ENCODING, file_name, line, column,
                               _("the text is not in UTF-8, UTF-16 or GB18030"));
      return NULL;
    }

  text = normalize_newlines (data, length, out_length);
  return text;
}

/* Formats ------------------------------------------------------------------ */

static gboolean
has_extension (const char *file_name,
               const char *extension)
{
  const char *dot = file_name != NULL ? strrchr (file_name, '.') : NULL;

  return dot != NULL && g_ascii_strcasecmp (dot + 1, extension) == 0;
}

static gboolean
starts_json (const char *data,
             gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[');
}

/* Anki's header lines: "#separator:tab", "#html:true", "#deck column:3". */
static gboolean
starts_anki_header (const char *text)
{
  const char *end = strchr (text, '\n');
  const char *colon = strchr (text, ':');

  return text[0] == '#' && g_ascii_isalpha (text[1]) && colon != NULL &&
         (end == NULL || colon < end);
}

static ShuatiImportResult *
import_deck_json (GBytes      *bytes,
                  const char  *file_name,
                  const char  *encoding,
                  GError     **error)
{
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;

  deck = shuati_deck_new_from_bytes (bytes, &local_error);
  if (deck == NULL)
    {
      const char *message = local_error->message;

      /* The deck loader places its errors as "LINE:COLUMN: ..." in the
       * text or "cards[3]: ..." in the tree. */
      g_set_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_INVALID_DECK,
                   g_ascii_isdigit (message[0]) ? "%s:%s" : "%s: %s", file_name, message);
      return NULL;
    }

  result = g_object_new (SHUATI_TYPE_IMPORT_RESULT, NULL);
  result->deck = g_steal_pointer (&deck);
  result->json = g_bytes_ref (bytes);
  result->format = SHUATI_IMPORT_FORMAT_DECK;
  result->encoding = encoding;
  result->file_name = g_strdup (file_name);
  result->warnings = g_array_new (FALSE, TRUE, sizeof (ShuatiImportWarning));
  g_array_set_clear_func (result->warnings, clear_warning);

  return g_steal_pointer (&result);
}

static ShuatiImportResult *
result_from_draft (ShuatiDraft         *draft,
                   char               **text,
                   ShuatiImportFormat   format,
                   const char          *encoding,
                   GError             **error)
{
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(JsonNode) node = shuati_draft_to_node (draft, *text);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root = json_node_get_object (node);

  g_clear_pointer (text, g_free);

  if (json_array_get_length (json_object_get_array_member (root, "cards")) == 0)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_NO_CARDS, draft->file_name, 0, 0,
                               _("no card has a question"));
      return NULL;
    }

  result = g_object_new (SHUATI_TYPE_IMPORT_RESULT, NULL);
  result->deck = shuati_deck_new_from_node (node, &local_error);
  if (result->deck == NULL)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_INVALID_DECK, draft->file_name, 0, 0,
                               "%s", local_error->message);
      return NULL;
    }

  /* The deck holds it all; shuati_import_result_get_node() writes the
   * tree again from the deck if anyone asks. */
  g_clear_pointer (&node, json_node_unref);
  result->format = format;
  result->encoding = encoding;
  result->file_name = g_strdup (draft->file_name);
  result->warnings = g_steal_pointer (&draft->warnings);

  return g_steal_pointer (&result);
}

/**
 * shuati_import_bytes:
 * @bytes: the file's contents
 * @file_name: the file's name; its extension hints at the format, its
 *   base name gives the deck's id and title, and error messages and
 *   warnings are about it
 *
 * Imports a question bank from memory. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the imported deck and what was
 *   noticed on the way, or %NULL with @error set in %SHUATI_IMPORT_ERROR;
 *   its message starts with "FILE:LINE:COLUMN: ", "FILE:LINE: " or
 *   "FILE: "
 */
ShuatiImportResult *
shuati_import_bytes (GBytes      *bytes,
                     const char  *file_name,
                     GError     **error)
{
  g_autoptr(ShuatiDraft) draft = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  ShuatiImportFormat format = SHUATI_IMPORT_FORMAT_UNKNOWN;
  const char *encoding = "UTF-8";
  const char *data;
  gsize length = 0;
  gsize text_length = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    file_name = "deck";

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  if (length > SHUATI_IMPORT_MAX_SIZE)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, file_name, 0, 0,
                               _("the file is larger than 1 GiB"));
      return NULL;
    }

  /* A deck file goes to the deck loader as it is, so that its errors
   * keep their places. */
  if (starts_json (data, length))
    return import_deck_json (bytes, file_name, encoding, error);

  text = decode (data, length, file_name, &encoding, &text_length, error);
  if (text == NULL)
    return NULL;

  if (starts_json (text, text_length))
    {
      g_autoptr(GBytes) utf8 = g_bytes_new_take (g_steal_pointer (&text), text_length);
      return import_deck_json (utf8, file_name, encoding, error);
    }

  if (starts_anki_header (text) || has_extension (file_name, "csv") || has_extension (file_name, "tsv"))
    {
      draft = shuati_import_csv (text, text_length, file_name, &format, error);
    }
  else if (has_extension (file_name, "md") || has_extension (file_name, "markdown"))
    {
      draft = shuati_import_markdown (text, text_length, file_name, error);
      format = SHUATI_IMPORT_FORMAT_MARKDOWN;
    }
  else
    {
      draft = shuati_import_markdown (text, text_length, file_name, &local_error);
      format = SHUATI_IMPORT_FORMAT_MARKDOWN;
      if (draft == NULL && g_error_matches (local_error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_NO_CARDS))
        {
          g_clear_error (&local_error);
          draft = shuati_import_csv (text, text_length, file_name, &format, &local_error);
          if (draft == NULL &&
              (g_error_matches (local_error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_MISSING_COLUMN) ||
               g_error_matches (local_error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_NO_CARDS)))
            {
              g_clear_error (&local_error);
              shuati_import_set_error (&local_error, SHUATI_IMPORT_ERROR_UNKNOWN_FORMAT, file_name, 0, 0,
                                       _("no questions found: expected a Markdown question bank, "
                                         "a CSV or TSV file with question and answer columns, "
                                         "an Anki export or a Shuati deck"));
            }
        }
      if (draft == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (draft == NULL)
    return NULL;

  return result_from_draft (draft, &text, format, encoding, error);
}

/**
 * shuati_import_file:
 * @file: a question bank
 *
 * Reads and imports @file; blocks, so call it from a worker thread or use
 * shuati_import_file_async() in the interface.
 *
 * Returns: (transfer full) (nullable): see shuati_import_bytes(); messages
 *   name the file by its display name
 */
ShuatiImportResult *
shuati_import_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    name = g_strdup (g_file_info_get_display_name (info));
  else
    name = g_file_get_basename (file);
  if (name == NULL)
    name = g_strdup ("deck");

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      (guint64)g_file_info_get_size (info) > SHUATI_IMPORT_MAX_SIZE)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, name, 0, 0,
                               _("the file is larger than 1 GiB"));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, name, 0, 0, "%s", local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);

  return shuati_import_bytes (bytes, name, error);
}

static void
import_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  ShuatiImportResult *result = shuati_import_file (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * shuati_import_file_async:
 *
 * Imports @file in a worker thread; call shuati_import_file_finish() in
 * @callback.
 */
void
shuati_import_file_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_file_thread);
}

/**
 * shuati_import_file_finish:
 *
 * Returns: (transfer full) (nullable): see shuati_import_file()
 */
ShuatiImportResult *
shuati_import_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors --------------------------------------------------------------- */

/**
 * shuati_import_result_get_deck:
 *
 * Returns: (transfer none): the imported deck, validated like any deck
 */
ShuatiDeck *
shuati_import_result_get_deck (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  return self->deck;
}

/**
 * shuati_import_result_get_node:
 *
 * Returns: (transfer none): the deck as a tree in the deck format, as
 *   data/corpus/README.md describes it
 */
JsonNode *
shuati_import_result_get_node (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);

  if (self->node == NULL && self->json == NULL)
    self->json = shuati_export_to_bytes (self->deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);

  if (self->node == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize length = 0;
      const char *data = g_bytes_get_data (self->json, &length);

      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      /* The deck loader has read the same text already. */
      if (json_parser_load_from_data (parser, data, length, NULL))
        self->node = json_parser_steal_root (parser);
      g_clear_pointer (&self->json, g_bytes_unref);
    }

  return self->node;
}

ShuatiImportFormat
shuati_import_result_get_format (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), SHUATI_IMPORT_FORMAT_UNKNOWN);
  return self->format;
}

/**
 * shuati_import_result_get_encoding:
 *
 * Returns: the encoding the file was in: "UTF-8", "UTF-16LE", "UTF-16BE"
 *   or "GB18030"
 */
const char *
shuati_import_result_get_encoding (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  return self->encoding;
}

const char *
shuati_import_result_get_file_name (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  return self->file_name;
}

guint
shuati_import_result_get_n_warnings (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), 0);
  return self->warnings->len;
}

/**
 * shuati_import_result_get_warning:
 *
 * Returns: (transfer none) (nullable): the warning at @position, in the
 *   order they were noticed
 */
const ShuatiImportWarning *
shuati_import_result_get_warning (ShuatiImportResult *self,
                                  guint               position)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);

  if (position >= self->warnings->len)
    return NULL;
  return &g_array_index (self->warnings, ShuatiImportWarning, position);
}

/**
 * shuati_import_format_to_string:
 *
 * Returns: the format's name, translated, for the interface
 */
const char *
shuati_import_format_to_string (ShuatiImportFormat format)
{
  switch (format)
    {
    case SHUATI_IMPORT_FORMAT_DECK:
      return _("Shuati deck");
    case SHUATI_IMPORT_FORMAT_MARKDOWN:
      return _("Markdown");
    case SHUATI_IMPORT_FORMAT_CSV:
      return _("CSV");
    case SHUATI_IMPORT_FORMAT_TSV:
      return _("TSV");
    case SHUATI_IMPORT_FORMAT_ANKI:
      return _("Anki notes");
    case SHUATI_IMPORT_FORMAT_UNKNOWN:
    default:
      return _("Unknown");
    }
}
