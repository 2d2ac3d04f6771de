/* shuati-exporter.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-safe-file.h"
#include "shuati-exporter.h"
#include "shuati-import-private.h"

/* Text is gathered in a buffer and written out a mebibyte at a time. */
#define FLUSH_SIZE (1 << 20)

typedef struct
{
  GString       *buffer;
  GOutputStream *stream;   /* NULL: keep everything in @buffer */
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static gboolean
sink_flush (Sink *sink)
{
  if (sink->error != NULL)
    return FALSE;
  if (sink->stream == NULL || sink->buffer->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (sink->stream, sink->buffer->str, sink->buffer->len,
                                  NULL, sink->cancellable, &sink->error))
    return FALSE;
  g_string_truncate (sink->buffer, 0);
  return TRUE;
}

static gboolean
sink_maybe_flush (Sink *sink)
{
  if (sink->buffer->len < FLUSH_SIZE)
    return sink->error == NULL;
  return sink_flush (sink);
}

/* JSON ------------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      const char *run = p;
      guchar c;

      /* Plain bytes go in as one run: a large deck is mostly those. */
      while (*p != '"' && *p != '\\' && (guchar)*p >= 0x20)
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
indent (GString *out,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static gboolean
localized_is_empty (const ShuatiLocalized *localized)
{
  for (guint i = 0; i < shuati_localized_get_n_entries (localized); i++)
    if (shuati_localized_get_exact (localized, shuati_localized_get_language (localized, i)) != NULL)
      return FALSE;
  return TRUE;
}

/* "key": {"zh_CN": "...", "en": "..."} over several lines, in the order of
 * the deck's languages. Writes nothing for a text with no language. */
static void
append_localized (GString               *out,
                  guint                  depth,
                  const char            *key,
                  const ShuatiLocalized *localized,
                  const char * const    *languages,
                  gboolean               last)
{
  gboolean first = TRUE;

  indent (out, depth);
  g_string_append_printf (out, "\"%s\": {\n", key);
  for (guint i = 0; languages[i]; i++)
    {
      const char *text = shuati_localized_get_exact (localized, languages[i]);

      if (text == NULL)
        continue;
      if (!first)
        g_string_append (out, ",\n");
      first = FALSE;
      indent (out, depth + 1);
      append_json_string (out, languages[i]);
      g_string_append (out, ": ");
      append_json_string (out, text);
    }
  g_string_append_c (out, '\n');
  indent (out, depth);
  g_string_append (out, last ? "}\n" : "},\n");
}

static void
append_string_array (GString            *out,
                     guint               depth,
                     const char         *key,
                     const char * const *values)
{
  indent (out, depth);
  g_string_append_printf (out, "\"%s\": [", key);
  if (values == NULL || values[0] == NULL)
    {
      g_string_append (out, "],\n");
      return;
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; values[i]; i++)
    {
      indent (out, depth + 1);
      append_json_string (out, values[i]);
      g_string_append (out, values[i + 1] != NULL ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append (out, "],\n");
}

static void
write_json (ShuatiDeck *deck,
            const char *deck_id,
            Sink       *sink)
{
  static const char * const field_names[SHUATI_N_FIELDS] = {
    "title", "question", "answer", "explanation",
  };
  const char * const *languages = shuati_deck_get_languages (deck);
  const ShuatiLocalized *description = shuati_deck_get_localized_description (deck);
  GListModel *topics = shuati_deck_get_topics (deck);
  guint n_topics = g_list_model_get_n_items (topics);
  guint n_cards = shuati_deck_get_n_cards (deck);
  GString *out = sink->buffer;

  g_string_append (out, "{\n  \"format\": \"shuati-deck\",\n");
  g_string_append_printf (out, "  \"version\": %d,\n  \"id\": ", SHUATI_DECK_FORMAT_VERSION);
  append_json_string (out, deck_id != NULL ? deck_id : shuati_deck_get_id (deck));
  g_string_append (out, ",\n");
  append_string_array (out, 1, "languages", languages);
  append_localized (out, 1, "title", shuati_deck_get_localized_title (deck), languages, FALSE);
  if (description != NULL && !localized_is_empty (description))
    append_localized (out, 1, "description", description, languages, FALSE);
  if (shuati_deck_get_source (deck) != NULL)
    {
      g_string_append (out, "  \"source\": ");
      append_json_string (out, shuati_deck_get_source (deck));
      g_string_append (out, ",\n");
    }

  if (n_topics > 0)
    {
      g_string_append (out, "  \"topics\": [\n");
      for (guint t = 0; t < n_topics; t++)
        {
          g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, t);

          g_string_append (out, "    {\n      \"id\": ");
          append_json_string (out, shuati_topic_get_id (topic));
          g_string_append (out, ",\n");
          append_localized (out, 3, "title", shuati_topic_get_localized_title (topic), languages, TRUE);
          g_string_append (out, t + 1 < n_topics ? "    },\n" : "    }\n");
        }
      g_string_append (out, "  ],\n");
    }

  g_string_append (out, "  \"cards\": [\n");
  for (guint i = 0; i < n_cards; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      const char * const *tags = shuati_card_get_tags (card);
      int last_field = SHUATI_N_FIELDS - 1;

      while (last_field > SHUATI_FIELD_ANSWER &&
             (shuati_card_get_localized (card, last_field) == NULL ||
              localized_is_empty (shuati_card_get_localized (card, last_field))))
        last_field--;

      g_string_append (out, "    {\n      \"id\": ");
      append_json_string (out, shuati_card_get_id (card));
      g_string_append_printf (out, ",\n      \"number\": %u,\n", shuati_card_get_number (card));
      if (shuati_card_get_topic_id (card) != NULL)
        {
          g_string_append (out, "      \"topic\": ");
          append_json_string (out, shuati_card_get_topic_id (card));
          g_string_append (out, ",\n");
        }
      if (shuati_card_get_difficulty (card) != SHUATI_DIFFICULTY_NONE)
        {
          g_string_append (out, "      \"difficulty\": ");
          append_json_string (out, shuati_difficulty_to_string (shuati_card_get_difficulty (card)));
          g_string_append (out, ",\n");
        }
      if (shuati_card_get_created (card) > 0)
        g_string_append_printf (out, "      \"created\": %" G_GINT64_FORMAT ",\n",
                                shuati_card_get_created (card));
      if (shuati_card_get_modified (card) > 0)
        g_string_append_printf (out, "      \"modified\": %" G_GINT64_FORMAT ",\n",
                                shuati_card_get_modified (card));
      if (tags != NULL && tags[0] != NULL)
        append_string_array (out, 3, "tags", tags);

      for (int f = 0; f <= last_field; f++)
        {
          const ShuatiLocalized *text = shuati_card_get_localized (card, f);

          if (text == NULL || localized_is_empty (text))
            continue;
          append_localized (out, 3, field_names[f], text, languages, f == last_field);
        }
      g_string_append (out, i + 1 < n_cards ? "    },\n" : "    }\n");

      if (!sink_maybe_flush (sink))
        return;
    }
  g_string_append (out, "  ]\n}\n");
}

/* Markdown --------------------------------------------------------------- */

/* A heading is one line. */
static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p; p++)
    g_string_append_c (out, *p == '\n' ? ' ' : *p);
}

/* Text the importer would read differently (headings or labels in an
 * answer, outer blanks, an open fence) goes in a verbatim block, whose
 * closing line it does not contain. */
static void
append_block (GString    *out,
              const char *label,
              const char *text,
              gboolean    own_line)
{
  text = text != NULL ? text : "";
  if (shuati_import_markdown_needs_verbatim (text))
    {
      guint n = 1;

      for (;; n++)
        {
          g_autofree char *closing = g_strdup_printf ("<!-- shuati: end=%u -->", n);
          const char *found = strstr (text, closing);
          gboolean taken = FALSE;

          for (; found != NULL && !taken; found = strstr (found + 1, closing))
            taken = (found == text || found[-1] == '\n') &&
                    (found[strlen (closing)] == '\0' || found[strlen (closing)] == '\n');
          if (!taken)
            break;
        }
      if (label != NULL)
        g_string_append_printf (out, "%s\n", label);
      g_string_append_printf (out, "<!-- shuati: verbatim=%u -->\n%s\n<!-- shuati: end=%u -->\n\n", n, text, n);
    }
  else if (label == NULL)
    g_string_append_printf (out, "%s\n\n", text);
  else
    g_string_append_printf (out, own_line ? "%s\n\n%s\n\n" : "%s %s\n\n", label, text);
}

static void
write_markdown (ShuatiDeck *deck,
                const char *language,
                Sink       *sink)
{
  const char * const languages[] = { language, NULL };
  gboolean chinese = g_str_has_prefix (language, "zh");
  const char *question_label = chinese ? "**题目：**" : "**Question:**";
  const char *answer_label = chinese ? "**答案：**" : "**Answer:**";
  const char *explanation_label = chinese ? "**解析：**" : "**Explanation:**";
  const char *description = shuati_deck_get_description (deck, languages);
  guint n_cards = shuati_deck_get_n_cards (deck);
  const char *previous_topic = NULL;
  GString *out = sink->buffer;

  g_string_append (out, "# ");
  append_one_line (out, shuati_deck_get_title (deck, languages));
  g_string_append_printf (out, "\n<!-- shuati: deck=%s language=%s",
                          shuati_deck_get_id (deck), language);
  /* Topics appear in the order of their first card; say the deck's. An
   * empty list says the deck has none, so that the importer does not give
   * its cards one. */
  if (g_list_model_get_n_items (shuati_deck_get_topics (deck)) == 0)
    g_string_append (out, " topics=");
  else
    {
      GListModel *topics = shuati_deck_get_topics (deck);

      g_string_append (out, " topics=");
      for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
        {
          g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, t);
          g_string_append_printf (out, "%s%s", t > 0 ? "," : "", shuati_topic_get_id (topic));
        }
    }
  g_string_append (out, " -->\n\n");
  if (description != NULL && *description != '\0')
    append_block (out, NULL, description, TRUE);

  for (guint i = 0; i < n_cards; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (deck, i);
      const char *topic_id = shuati_card_get_topic_id (card);
      const char * const *tags = shuati_card_get_tags (card);
      const char *explanation = shuati_card_get_explanation (card, languages);

      if (topic_id != NULL && g_strcmp0 (topic_id, previous_topic) != 0)
        {
          ShuatiTopic *topic = shuati_deck_lookup_topic (deck, topic_id);

          g_string_append (out, "## ");
          append_one_line (out, shuati_topic_get_title (topic, languages));
          g_string_append_printf (out, "\n<!-- shuati: topic=%s -->\n\n", topic_id);
          previous_topic = topic_id;
        }

      g_string_append_printf (out, "### %u. ", shuati_card_get_number (card));
      append_one_line (out, shuati_card_get_title (card, languages));
      g_string_append_printf (out, "\n<!-- shuati: id=%s", shuati_card_get_id (card));
      if (tags != NULL && tags[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (",", (char **)tags);
          g_string_append_printf (out, " tags=%s", joined);
        }
      g_string_append (out, " -->\n\n");

      append_block (out, question_label, shuati_card_get_question (card, languages), FALSE);
      append_block (out, answer_label, shuati_card_get_answer (card, languages), TRUE);
      if (explanation != NULL && *explanation != '\0')
        append_block (out, explanation_label, explanation, FALSE);

      if (!sink_maybe_flush (sink))
        return;
    }
}

static gboolean
export (ShuatiDeck          *deck,
        ShuatiExportFormat   format,
        const char          *language,
        const char          *deck_id,
        Sink                *sink)
{
  if (format == SHUATI_EXPORT_FORMAT_MARKDOWN)
    write_markdown (deck, language != NULL ? language : shuati_deck_get_first_language (deck), sink);
  else
    write_json (deck, deck_id, sink);

  return sink_flush (sink);
}

/**
 * shuati_export_to_stream:
 * @language: (nullable): for Markdown, the language to write; %NULL for
 *   the deck's first language
 * @deck_id: (nullable): for the deck format, an id to write instead of
 *   the deck's own
 *
 * Writes @deck to @stream; does not close it.
 *
 * Returns: %TRUE, or %FALSE with @error set if writing failed
 */
gboolean
shuati_export_to_stream (ShuatiDeck          *deck,
                         ShuatiExportFormat   format,
                         const char          *language,
                         const char          *deck_id,
                         GOutputStream       *stream,
                         GCancellable        *cancellable,
                         GError             **error)
{
  Sink sink = { NULL, stream, cancellable, NULL };
  gboolean ok;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  sink.buffer = g_string_sized_new (FLUSH_SIZE + FLUSH_SIZE / 4);
  ok = export (deck, format, language, deck_id, &sink);
  g_string_free (sink.buffer, TRUE);

  if (!ok)
    g_propagate_error (error, sink.error);
  return ok;
}

/**
 * shuati_export_to_bytes:
 *
 * Returns: (transfer full): @deck as a file's contents; see
 *   shuati_export_to_stream()
 */
GBytes *
shuati_export_to_bytes (ShuatiDeck          *deck,
                        ShuatiExportFormat   format,
                        const char          *language,
                        const char          *deck_id)
{
  Sink sink = { NULL, NULL, NULL, NULL };

  g_return_val_if_fail (SHUATI_IS_DECK (deck), NULL);

  sink.buffer = g_string_new (NULL);
  export (deck, format, language, deck_id, &sink);

  return g_string_free_to_bytes (sink.buffer);
}

/**
 * shuati_export_to_file:
 *
 * Writes @deck to @file, replacing it only once the whole deck is written
 * and on the disk (shuati_safe_file_write()), so a failure, a cancel or
 * a full disk (G_IO_ERROR_NO_SPACE) never leaves half a file, and leaves
 * no temporary file behind.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_export_to_file (ShuatiDeck          *deck,
                       ShuatiExportFormat   format,
                       const char          *language,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  bytes = shuati_export_to_bytes (deck, format, language, NULL);
  return shuati_safe_file_write (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 cancellable, error);
}

typedef struct
{
  ShuatiDeck         *deck;
  ShuatiExportFormat  format;
  char               *language;
  GFile              *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->deck);
  g_clear_pointer (&data->language, g_free);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (shuati_export_to_file (data->deck, data->format, data->language, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * shuati_export_to_file_async:
 *
 * Writes the deck as shuati_export_to_file() does, in a worker thread;
 * the deck is only read, so it stays usable meanwhile.
 */
void
shuati_export_to_file_async (ShuatiDeck          *deck,
                             ShuatiExportFormat   format,
                             const char          *language,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (SHUATI_IS_DECK (deck));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->deck = g_object_ref (deck);
  data->format = format;
  data->language = g_strdup (language);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_export_to_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
shuati_export_to_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shuati_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
