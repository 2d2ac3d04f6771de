/* shuati-importer.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-anki-package.h"
#include "shuati-text.h"
#include "shuati-exporter.h"
#include "shuati-import-draft.h"
#include "shuati-import-private.h"
#include "shuati-safe-file.h"
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
  ShuatiAnkiPackage  *anki;           /* media and history of an Anki package */
  GPtrArray          *parts;          /* of ShuatiImportResult: one deck per Anki deck */
};

G_DEFINE_FINAL_TYPE (ShuatiImportResult, shuati_import_result, G_TYPE_OBJECT)

static void
shuati_import_result_dispose (GObject *object)
{
  ShuatiImportResult *self = (ShuatiImportResult *)object;

  g_clear_object (&self->deck);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

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
  g_clear_pointer (&self->anki, shuati_anki_package_free);

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

      /* Emoji and other symbols outside the ideographs are as likely in
       * a Chinese file as in any other (GB18030 writes them in four
       * bytes): they say nothing either way. */
      if (c < 0x80 || c >= 0x10000 || (c >= 0x2190 && c <= 0x2BFF))
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
  g_array_set_clear_func (result->warnings, shuati_import_warning_clear);

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

/* Enough of the questions to guess a deck's language from. */
static char *
sample_questions (GPtrArray *cards)
{
  GString *sample = g_string_new (NULL);

  for (guint i = 0; i < cards->len && sample->len < 65536; i++)
    {
      ShuatiDraftCard *card = g_ptr_array_index (cards, i);

      g_string_append (sample, card->fields[SHUATI_FIELD_QUESTION]);
      g_string_append_c (sample, '\n');
    }
  return g_string_free (sample, FALSE);
}

/* A deck made from an Anki deck takes its id from the deck's name, not
 * from the file's (a collection's file is named after the day it was
 * written), so that importing a newer collection updates the same decks. */
static char *
anki_deck_id (const char *name,
              GHashTable *taken)
{
  g_autofree char *base = shuati_import_slug (name, -1);
  char *id;

  if (*base == '\0' || !shuati_deck_id_is_valid (base))
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

      g_free (base);
      base = g_strdup_printf ("anki-%.10s", digest);
    }
  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (taken, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (taken, id);
  return id;
}

static gboolean
is_collection_package (const char *file_name)
{
  g_autofree char *lower = g_ascii_strdown (file_name, -1);

  return g_str_has_suffix (lower, ".colpkg");
}

/* The part of @package that @top holds: its cards, topics, images and
 * history. */
static ShuatiImportResult *
anki_part (ShuatiAnkiPackage  *package,
           ShuatiAnkiTopDeck  *top,
           const char         *id,
           GError            **error)
{
  g_autoptr(ShuatiDraft) draft = shuati_draft_new (package->draft->file_name);
  g_autoptr(ShuatiAnkiPackage) part = g_new0 (ShuatiAnkiPackage, 1);
  g_autofree char *text = NULL;
  ShuatiImportResult *result;
  GHashTableIter iter;
  gpointer key, value;

  draft->id = g_strdup (id);
  draft->title = g_strdup (top->name);
  for (guint i = 0; i < package->draft->cards->len; i++)
    {
      ShuatiDraftCard *card = g_ptr_array_index (package->draft->cards, i);
      ShuatiDraftCard *copy;

      if (card->id == NULL || !g_hash_table_contains (top->cards, card->id))
        continue;
      copy = shuati_draft_add_card (draft, card->line);
      copy->id = g_strdup (card->id);
      copy->tags = g_strdupv (card->tags);
      for (guint f = 0; f < SHUATI_N_FIELDS; f++)
        copy->fields[f] = g_strdup (card->fields[f]);
      if (card->topic_id != NULL)
        copy->topic_id = g_strdup (shuati_draft_add_topic (draft, g_hash_table_lookup (package->draft->topics_by_id,
                                                                                        card->topic_id),
                                                           card->topic_id));
    }

  part->summary = package->summary;
  part->summary.n_notes = g_hash_table_size (top->notes);
  part->summary.n_cards = draft->cards->len;
  part->summary.n_decks = draft->topic_ids->len;
  part->summary.n_skipped = 0;
  part->summary.n_media_unused = 0;
  part->media = g_ptr_array_new_with_free_func (shuati_import_media_free);
  for (guint i = 0; i < package->media->len; i++)
    {
      ShuatiImportMedia *media = g_ptr_array_index (package->media, i);
      ShuatiImportMedia *copy;

      if (!g_hash_table_contains (top->media, media->name))
        continue;
      copy = g_new0 (ShuatiImportMedia, 1);
      copy->name = g_strdup (media->name);
      copy->data = g_bytes_ref (media->data);
      g_ptr_array_add (part->media, copy);
    }
  part->summary.n_media = part->media->len;
  part->reviews = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  g_array_set_clear_func (part->reviews, shuati_import_review_clear);
  for (guint i = 0; i < package->reviews->len; i++)
    {
      ShuatiImportReview review = g_array_index (package->reviews, ShuatiImportReview, i);

      if (!g_hash_table_contains (top->cards, review.card_id))
        continue;
      review.card_id = g_strdup (review.card_id);
      g_array_append_val (part->reviews, review);
    }
  part->summary.n_reviews = part->reviews->len;
  part->memories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, package->memories);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (top->cards, key))
      g_hash_table_insert (part->memories, g_strdup (key), g_memdup2 (value, sizeof (ShuatiMemory)));
  part->suspended = g_ptr_array_new_with_free_func (g_free);
  part->buried = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < package->suspended->len; i++)
    if (g_hash_table_contains (top->cards, g_ptr_array_index (package->suspended, i)))
      g_ptr_array_add (part->suspended, g_strdup (g_ptr_array_index (package->suspended, i)));
  for (guint i = 0; i < package->buried->len; i++)
    if (g_hash_table_contains (top->cards, g_ptr_array_index (package->buried, i)))
      g_ptr_array_add (part->buried, g_strdup (g_ptr_array_index (package->buried, i)));
  part->summary.n_suspended = part->suspended->len;
  part->summary.n_buried = part->buried->len;
  part->top_decks = g_ptr_array_new_with_free_func (shuati_anki_top_deck_free);

  text = sample_questions (draft->cards);
  result = result_from_draft (draft, &text, SHUATI_IMPORT_FORMAT_ANKI_PACKAGE, "UTF-8", error);
  if (result == NULL)
    return NULL;
  result->anki = g_steal_pointer (&part);
  return result;
}

static ShuatiImportResult *
import_anki_package (GBytes      *bytes,
                     const char  *file_name,
                     GError     **error)
{
  g_autoptr(ShuatiAnkiPackage) package = shuati_anki_package_read (bytes, file_name, NULL, error);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autofree char *text = NULL;
  gboolean whole = is_collection_package (file_name);

  if (package == NULL)
    return NULL;

  /* Each top-level Anki deck of a whole collection, or of a package with
   * several, becomes a deck; its subdecks are its topics. */
  for (guint i = 0; i < package->top_decks->len; i++)
    g_ptr_array_add (ids, anki_deck_id (((ShuatiAnkiTopDeck *)g_ptr_array_index (package->top_decks, i))->name,
                                        taken));
  if (whole && package->top_decks->len == 1)
    {
      g_free (package->draft->id);
      package->draft->id = g_strdup (g_ptr_array_index (ids, 0));
    }

  /* The parts are what goes into the library; the result's own deck
   * holds every card, for a summary. */
  if (package->top_decks->len > 1)
    {
      parts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < package->top_decks->len; i++)
        {
          ShuatiImportResult *part = anki_part (package, g_ptr_array_index (package->top_decks, i),
                                                g_ptr_array_index (ids, i), error);

          if (part == NULL)
            return NULL;
          g_ptr_array_add (parts, part);
        }
    }

  text = sample_questions (package->draft->cards);
  result = result_from_draft (package->draft, &text, SHUATI_IMPORT_FORMAT_ANKI_PACKAGE, "UTF-8", error);
  if (result == NULL)
    return NULL;
  result->parts = g_steal_pointer (&parts);

  g_clear_pointer (&package->draft, shuati_draft_free);
  result->anki = g_steal_pointer (&package);
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

  if (shuati_anki_package_sniff (data, length))
    return import_anki_package (bytes, file_name, error);

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
 * shuati_import_file_async() in the interface. Only a regular file of at
 * most %SHUATI_IMPORT_MAX_SIZE bytes is read: anything else is refused
 * before a byte is read, so a device or a FIFO never blocks or fills the
 * memory. The read stops with G_IO_ERROR_CANCELLED when @cancellable
 * fires.
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

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    name = g_strdup (g_file_info_get_display_name (info));
  else
    name = g_file_get_basename (file);
  if (name == NULL)
    name = g_strdup ("deck");

  /* Only a regular file is read, and only one small enough: /dev/zero, a
   * FIFO or a huge sparse file is refused before a byte is read. */
  bytes = shuati_safe_file_map (file, SHUATI_IMPORT_MAX_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, name, 0, 0,
                                 _("the file is larger than 1 GiB"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) ||
               g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, name, 0, 0,
                                 _("not an ordinary file (a folder, a device or a pipe); "
                                   "only files can be imported"));
      else
        shuati_import_set_error (error, SHUATI_IMPORT_ERROR_IO, name, 0, 0, "%s", local_error->message);
      return NULL;
    }

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
    case SHUATI_IMPORT_FORMAT_ANKI_PACKAGE:
      return _("Anki package");
    case SHUATI_IMPORT_FORMAT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

/**
 * shuati_import_result_get_anki_summary:
 *
 * Returns: (nullable): what an Anki package held, or %NULL for any other
 *   format
 */
const ShuatiAnkiSummary *
shuati_import_result_get_anki_summary (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  return self->anki != NULL ? &self->anki->summary : NULL;
}

/**
 * shuati_import_result_get_n_parts:
 *
 * An Anki collection (or a package) with several top-level decks makes a
 * deck of each: these are its parts, each with its own deck, images and
 * history, to be added to the library one by one. The result's own deck
 * then holds all their cards, for a summary, and is not to be added.
 *
 * Returns: how many decks the import makes, 0 when it makes one: the
 *   result's own
 */
guint
shuati_import_result_get_n_parts (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), 0);
  return self->parts != NULL ? self->parts->len : 0;
}

/**
 * shuati_import_result_get_part:
 *
 * Returns: (transfer none): the deck made of the @position-th top-level
 *   Anki deck, by name
 */
ShuatiImportResult *
shuati_import_result_get_part (ShuatiImportResult *self,
                               guint               position)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  g_return_val_if_fail (self->parts != NULL && position < self->parts->len, NULL);
  return g_ptr_array_index (self->parts, position);
}

/**
 * shuati_import_result_get_media:
 *
 * Returns: (transfer none) (nullable) (element-type ShuatiImportMedia):
 *   the images the cards show, to go in the deck's media folder
 */
GPtrArray *
shuati_import_result_get_media (ShuatiImportResult *self)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);
  return self->anki != NULL ? self->anki->media : NULL;
}

/**
 * shuati_import_result_get_history:
 * @reviews: (out) (optional) (transfer none) (element-type ShuatiImportReview):
 *   the reviews, per card and oldest first
 * @memories: (out) (optional) (transfer none): card id → #ShuatiMemory
 *   that the history (or, without one, the card's state) leaves
 *
 * Returns: whether the import brought study history
 */
gboolean
shuati_import_result_get_history (ShuatiImportResult  *self,
                                  GArray             **reviews,
                                  GHashTable         **memories)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), FALSE);

  if (reviews != NULL)
    *reviews = self->anki != NULL ? self->anki->reviews : NULL;
  if (memories != NULL)
    *memories = self->anki != NULL ? self->anki->memories : NULL;
  return self->anki != NULL && g_hash_table_size (self->anki->memories) > 0;
}

/**
 * shuati_import_result_get_suspended:
 *
 * The cards Anki had suspended (and, in @buried, buried). Shuati keeps
 * these states where it has them: a scheduler that knows suspension and
 * burying reads them here after the deck is added.
 *
 * Returns: (transfer none) (nullable) (element-type utf8): card ids
 */
GPtrArray *
shuati_import_result_get_suspended (ShuatiImportResult  *self,
                                    GPtrArray          **buried)
{
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (self), NULL);

  if (buried != NULL)
    *buried = self->anki != NULL ? self->anki->buried : NULL;
  return self->anki != NULL ? self->anki->suspended : NULL;
}
