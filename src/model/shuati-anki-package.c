/* shuati-anki-package.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads Anki's .apkg and .colpkg packages: the zip through libarchive,
 * zstd through libzstd, the two small protobuf messages by hand, the
 * collection through SQLite from a private temporary copy.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <zstd.h>

#include "shuati-anki-export.h"
#include "shuati-anki-package.h"
#include "shuati-store.h"
#include "shuati-text.h"

/* Small helpers ---------------------------------------------------------- */

void
shuati_import_media_free (gpointer data)
{
  ShuatiImportMedia *media = data;

  g_free (media->name);
  g_clear_pointer (&media->data, g_bytes_unref);
  g_free (media);
}

void
shuati_import_review_clear (gpointer data)
{
  ShuatiImportReview *review = data;

  g_clear_pointer (&review->card_id, g_free);
}

void
shuati_anki_top_deck_free (gpointer data)
{
  ShuatiAnkiTopDeck *top = data;

  g_free (top->name);
  g_clear_pointer (&top->cards, g_hash_table_unref);
  g_clear_pointer (&top->notes, g_hash_table_unref);
  g_clear_pointer (&top->media, g_hash_table_unref);
  g_free (top);
}

void
shuati_anki_package_free (ShuatiAnkiPackage *package)
{
  if (package == NULL)
    return;
  g_clear_pointer (&package->draft, shuati_draft_free);
  g_clear_pointer (&package->media, g_ptr_array_unref);
  g_clear_pointer (&package->reviews, g_array_unref);
  g_clear_pointer (&package->memories, g_hash_table_unref);
  g_clear_pointer (&package->suspended, g_ptr_array_unref);
  g_clear_pointer (&package->buried, g_ptr_array_unref);
  g_clear_pointer (&package->top_decks, g_ptr_array_unref);
  g_free (package);
}

/**
 * shuati_anki_media_name_is_safe:
 *
 * A media name from a package becomes a file name in the deck's media
 * folder only when it can name nothing else: one UTF-8 path component of
 * at most 200 bytes, not "." or "..", not hidden, no slashes, backslashes,
 * colons or control characters.
 */
gboolean
shuati_anki_media_name_is_safe (const char *name)
{
  gsize length;

  if (name == NULL || *name == '\0' || *name == '.' || *name == '-')
    return FALSE;
  length = strlen (name);
  if (length > 200 || !g_utf8_validate (name, length, NULL))
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == ':')
      return FALSE;
  return TRUE;
}

gboolean
shuati_anki_package_sniff (const char *data,
                           gsize       length)
{
  return length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static void
set_error (GError     **error,
           const char  *file_name,
           const char  *entry,
           const char  *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
set_error (GError     **error,
           const char  *file_name,
           const char  *entry,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (entry != NULL)
    g_set_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_SYNTAX,
                 "%s: %s: %s", file_name, entry, message);
  else
    g_set_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_SYNTAX,
                 "%s: %s", file_name, message);
}

/* The zip ------------------------------------------------------------------- */

typedef struct
{
  GHashTable *entries;   /* name → GBytes, only the entries a package uses */
  gsize       total;
} Zip;

static gboolean
entry_is_wanted (const char *name)
{
  if (g_str_equal (name, "collection.anki2") || g_str_equal (name, "collection.anki21") ||
      g_str_equal (name, "collection.anki21b") || g_str_equal (name, "meta") ||
      g_str_equal (name, "media"))
    return TRUE;
  /* Media files are stored under their number. */
  for (const char *p = name; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *name != '\0' && strlen (name) <= 9;
}

static gboolean
read_zip (GBytes        *bytes,
          const char    *file_name,
          Zip           *zip,
          GCancellable  *cancellable,
          GError       **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gsize input_length = g_bytes_get_size (bytes);
  guint n_entries = 0;
  int rc;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, g_bytes_get_data (bytes, NULL), input_length) != ARCHIVE_OK)
    {
      set_error (error, file_name, NULL, _("not a readable zip file: %s"), archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      GByteArray *data;
      char buffer[65536];
      la_ssize_t n;
      gsize limit;

      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL)
        name = "";

      if (++n_entries > SHUATI_ANKI_MAX_ENTRIES)
        {
          set_error (error, file_name, NULL, _("more than %u entries in the zip file"), SHUATI_ANKI_MAX_ENTRIES);
          archive_read_free (archive);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          archive_read_free (archive);
          return FALSE;
        }
      if (!entry_is_wanted (name) || g_hash_table_contains (zip->entries, name))
        {
          archive_read_data_skip (archive);
          continue;
        }

      limit = g_ascii_isdigit (name[0]) ? SHUATI_ANKI_MAX_MEDIA_SIZE : SHUATI_ANKI_MAX_ENTRY_SIZE;
      if (archive_entry_size_is_set (entry) && (guint64)archive_entry_size (entry) > limit)
        {
          set_error (error, file_name, name, _("the entry is larger than %zu MiB"), limit >> 20);
          archive_read_free (archive);
          return FALSE;
        }

      data = g_byte_array_new ();
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          if (data->len + (gsize)n > limit)
            {
              set_error (error, file_name, name, _("the entry is larger than %zu MiB"), limit >> 20);
              g_byte_array_unref (data);
              archive_read_free (archive);
              return FALSE;
            }
          zip->total += n;
          /* A zip bomb: far more comes out than went in. */
          if (zip->total > SHUATI_ANKI_MAX_TOTAL_SIZE ||
              zip->total > (gsize)SHUATI_ANKI_MAX_RATIO * input_length + (1 << 20))
            {
              set_error (error, file_name, name,
                         _("the zip file unpacks to far more than it holds; it is refused as a zip bomb"));
              g_byte_array_unref (data);
              archive_read_free (archive);
              return FALSE;
            }
          g_byte_array_append (data, (const guint8 *)buffer, n);
        }
      if (n < 0)
        {
          set_error (error, file_name, name, _("the entry cannot be read: %s"),
                     archive_error_string (archive) ? archive_error_string (archive) : "?");
          g_byte_array_unref (data);
          archive_read_free (archive);
          return FALSE;
        }
      g_hash_table_insert (zip->entries, g_strdup (name), g_byte_array_free_to_bytes (data));
    }

  if (rc != ARCHIVE_EOF)
    {
      set_error (error, file_name, NULL, _("the zip file is damaged or cut off: %s"),
                 archive_error_string (archive) ? archive_error_string (archive) : "?");
      archive_read_free (archive);
      return FALSE;
    }

  archive_read_free (archive);
  return TRUE;
}

/* zstd ------------------------------------------------------------------------ */

GBytes *
shuati_anki_zstd_decode (GBytes      *input,
             gsize        limit,
             const char  *file_name,
             const char  *entry,
             GError     **error)
{
  ZSTD_DStream *stream = ZSTD_createDStream ();
  GByteArray *out = g_byte_array_new ();
  gsize length = 0;
  const void *data = g_bytes_get_data (input, &length);
  ZSTD_inBuffer in = { data, length, 0 };
  guint8 buffer[65536];
  size_t rc = 0;

  ZSTD_initDStream (stream);
  while (in.pos < in.size)
    {
      ZSTD_outBuffer chunk = { buffer, sizeof buffer, 0 };

      rc = ZSTD_decompressStream (stream, &chunk, &in);
      if (ZSTD_isError (rc))
        {
          set_error (error, file_name, entry, _("the zstd data is damaged: %s"), ZSTD_getErrorName (rc));
          goto failed;
        }
      if (out->len + chunk.pos > limit)
        {
          set_error (error, file_name, entry, _("the entry unpacks to more than %zu MiB"), limit >> 20);
          goto failed;
        }
      g_byte_array_append (out, buffer, chunk.pos);
      if (chunk.pos == 0 && rc != 0 && in.pos == in.size)
        break;
    }
  /* Data still held in the decoder once all input is in. */
  while (rc != 0)
    {
      ZSTD_outBuffer chunk = { buffer, sizeof buffer, 0 };

      rc = ZSTD_decompressStream (stream, &chunk, &in);
      if (ZSTD_isError (rc) || chunk.pos == 0)
        {
          set_error (error, file_name, entry, _("the zstd data is cut off"));
          goto failed;
        }
      if (out->len + chunk.pos > limit)
        {
          set_error (error, file_name, entry, _("the entry unpacks to more than %zu MiB"), limit >> 20);
          goto failed;
        }
      g_byte_array_append (out, buffer, chunk.pos);
    }

  ZSTD_freeDStream (stream);
  return g_byte_array_free_to_bytes (out);

failed:
  ZSTD_freeDStream (stream);
  g_byte_array_unref (out);
  return NULL;
}

/* Protobuf ----------------------------------------------------------------------- */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Pb;

static gboolean
pb_varint (Pb      *pb,
           guint64 *value)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (pb->p >= pb->end)
        return FALSE;
      b = *pb->p++;
      v |= (guint64)(b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* The next field: its number, wire type, and for length-delimited ones
 * the bytes; FALSE at the end or on damage (@damaged says which). */
static gboolean
pb_next (Pb            *pb,
         guint64       *field,
         guint         *wire,
         guint64       *value,
         const guint8 **bytes,
         gsize         *length,
         gboolean      *damaged)
{
  guint64 key;

  *damaged = FALSE;
  if (pb->p >= pb->end)
    return FALSE;
  if (!pb_varint (pb, &key))
    goto damaged;
  *field = key >> 3;
  *wire = key & 7;
  switch (*wire)
    {
    case 0:
      if (!pb_varint (pb, value))
        goto damaged;
      return TRUE;
    case 1:
      if (pb->end - pb->p < 8)
        goto damaged;
      pb->p += 8;
      return TRUE;
    case 5:
      if (pb->end - pb->p < 4)
        goto damaged;
      pb->p += 4;
      return TRUE;
    case 2:
      if (!pb_varint (pb, value) || *value > (guint64)(pb->end - pb->p))
        goto damaged;
      *bytes = pb->p;
      *length = *value;
      pb->p += *value;
      return TRUE;
    default:
      goto damaged;
    }

damaged:
  *damaged = TRUE;
  return FALSE;
}

/* MediaEntries { repeated MediaEntry entries = 1; }
 * MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3;
 *              optional uint32 legacy_zip_filename = 255; } */
GHashTable *
shuati_anki_parse_media_entries (GBytes      *bytes,
                     const char  *file_name,
                     GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  Pb pb;
  guint64 field, value;
  guint wire;
  const guint8 *sub;
  gsize sub_length;
  gboolean damaged;
  guint index = 0;

  /* An empty message has no data at all. */
  if (data == NULL)
    data = (const guint8 *)"", length = 0;
  pb = (Pb) { data, data + length };
  while (pb_next (&pb, &field, &wire, &value, &sub, &sub_length, &damaged))
    {
      Pb entry;
      g_autofree char *name = NULL;
      guint64 zip_name = index;
      guint64 f;
      guint w;
      const guint8 *b;
      gsize l;
      gboolean d;

      if (field != 1 || wire != 2)
        continue;
      if (index >= SHUATI_ANKI_MAX_ENTRIES)
        break;
      entry = (Pb) { sub, sub + sub_length };
      while (pb_next (&entry, &f, &w, &value, &b, &l, &d))
        {
          if (f == 1 && w == 2)
            {
              g_free (name);
              name = g_strndup ((const char *)b, l);
            }
          else if (f == 255 && w == 0)
            zip_name = value;
        }
      if (d)
        {
          set_error (error, file_name, "media", _("the media list is damaged"));
          return NULL;
        }
      if (name != NULL && zip_name <= G_MAXUINT32)
        g_hash_table_insert (map, g_strdup_printf ("%" G_GUINT64_FORMAT, zip_name), g_steal_pointer (&name));
      index++;
    }
  if (damaged)
    {
      set_error (error, file_name, "media", _("the media list is damaged"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

static GHashTable *
parse_media_json (GBytes      *bytes,
                  const char  *file_name,
                  GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (data == NULL || !shuati_text_is_one_json_object (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, file_name, "media", _("the media map is not a JSON object"));
      return NULL;
    }
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (map, g_strdup (key), g_strdup (json_node_get_string (value)));

  return g_steal_pointer (&map);
}

/* The collection ------------------------------------------------------------------ */

typedef struct
{
  gint64      id;
  char       *name;
  gboolean    cloze;
  GPtrArray  *fields;      /* names */
  GPtrArray  *qfmts;       /* by ord; NULL where none */
  GPtrArray  *afmts;
  GPtrArray  *problems;    /* reported once per note type */
  gboolean    reported;
} NoteType;

static void
note_type_free (NoteType *type)
{
  g_free (type->name);
  g_ptr_array_unref (type->fields);
  g_ptr_array_unref (type->qfmts);
  g_ptr_array_unref (type->afmts);
  g_ptr_array_unref (type->problems);
  g_free (type);
}

static NoteType *
note_type_new (gint64      id,
               const char *name)
{
  NoteType *type = g_new0 (NoteType, 1);

  type->id = id;
  type->name = g_strdup (name != NULL ? name : "");
  type->fields = g_ptr_array_new_with_free_func (g_free);
  type->qfmts = g_ptr_array_new_with_free_func (g_free);
  type->afmts = g_ptr_array_new_with_free_func (g_free);
  type->problems = g_ptr_array_new_with_free_func (g_free);
  return type;
}

static void
set_template (NoteType   *type,
              gint64      ord,
              const char *qfmt,
              const char *afmt)
{
  if (ord < 0 || ord >= 1000)
    return;
  while (type->qfmts->len <= ord)
    {
      g_ptr_array_add (type->qfmts, NULL);
      g_ptr_array_add (type->afmts, NULL);
    }
  g_free (type->qfmts->pdata[ord]);
  g_free (type->afmts->pdata[ord]);
  type->qfmts->pdata[ord] = g_strdup (qfmt != NULL ? qfmt : "");
  type->afmts->pdata[ord] = g_strdup (afmt != NULL ? afmt : "");
}

typedef struct
{
  const char  *file_name;
  const char  *entry;
  sqlite3     *db;
  GHashTable  *note_types;   /* id → NoteType */
  GHashTable  *decks;        /* id → name with "::" */
  gint64       created;      /* the collection's creation, unix seconds */
  guint        schema;
} Collection;

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static gboolean
db_error (Collection  *col,
          GError     **error)
{
  set_error (error, col->file_name, col->entry, _("the collection is not a readable Anki database: %s"),
             sqlite3_errmsg (col->db));
  return FALSE;
}

static gboolean
read_legacy_types (Collection  *col,
                   const char  *models,
                   const char  *decks,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  JsonNode *root;

  if (!shuati_text_is_one_json_object (models, -1) || !json_parser_load_from_data (parser, models, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, col->file_name, col->entry, _("the note types (col.models) are not JSON"));
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonObject *model;
      JsonArray *fields;
      JsonArray *templates;
      NoteType *type;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        continue;
      model = json_node_get_object (value);
      type = note_type_new (g_ascii_strtoll (key, NULL, 10),
                            json_object_get_string_member_with_default (model, "name", ""));
      type->cloze = json_object_get_int_member_with_default (model, "type", 0) == 1;
      fields = json_object_has_member (model, "flds") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (model, "flds"))
               ? json_object_get_array_member (model, "flds") : NULL;
      templates = json_object_has_member (model, "tmpls") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (model, "tmpls"))
                  ? json_object_get_array_member (model, "tmpls") : NULL;
      if (fields != NULL && json_array_get_length (fields) > SHUATI_ANKI_MAX_FIELDS)
        {
          set_error (error, col->file_name, col->entry, _("the note type “%s” has %u fields; at most %u are read"),
                     type->name, json_array_get_length (fields), SHUATI_ANKI_MAX_FIELDS);
          note_type_free (type);
          return FALSE;
        }
      for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
        {
          JsonNode *node = json_array_get_element (fields, i);
          const char *name = JSON_NODE_HOLDS_OBJECT (node)
                             ? json_object_get_string_member_with_default (json_node_get_object (node), "name", "")
                             : "";
          g_ptr_array_add (type->fields, g_strdup (name));
        }
      for (guint i = 0; templates != NULL && i < json_array_get_length (templates) && i < 1000; i++)
        {
          JsonNode *node = json_array_get_element (templates, i);
          JsonObject *t;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          t = json_node_get_object (node);
          set_template (type, json_object_get_int_member_with_default (t, "ord", i),
                        json_object_get_string_member_with_default (t, "qfmt", ""),
                        json_object_get_string_member_with_default (t, "afmt", ""));
        }
      g_hash_table_replace (col->note_types, &type->id, type);
    }

  g_clear_object (&parser);
  parser = json_parser_new_immutable ();
  if (!shuati_text_is_one_json_object (decks, -1) || !json_parser_load_from_data (parser, decks, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, col->file_name, col->entry, _("the decks (col.decks) are not JSON"));
      return FALSE;
    }
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    {
      gint64 *id;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        continue;
      id = g_new (gint64, 1);
      *id = g_ascii_strtoll (key, NULL, 10);
      g_hash_table_insert (col->decks, id,
                           g_strdup (json_object_get_string_member_with_default (json_node_get_object (value),
                                                                                 "name", "")));
    }
  return TRUE;
}

/* Notetype.Config { Kind kind = 1; ... } and
 * Notetype.Template.Config { string q_format = 1; string a_format = 2; ... } */
static gboolean
read_latest_types (Collection  *col,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (col->db, "SELECT id, name, config FROM notetypes", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      NoteType *type = note_type_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1));
      const guint8 *config = sqlite3_column_blob (stmt, 2);
      Pb pb = { config, config != NULL ? config + sqlite3_column_bytes (stmt, 2) : NULL };
      guint64 field, value;
      guint wire;
      const guint8 *b;
      gsize l;
      gboolean damaged;

      while (config != NULL && pb_next (&pb, &field, &wire, &value, &b, &l, &damaged))
        if (field == 1 && wire == 0)
          type->cloze = value == 1;
      g_hash_table_replace (col->note_types, &type->id, type);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (col->db, "SELECT ntid, ord, name FROM fields ORDER BY ntid, ord", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      NoteType *type = g_hash_table_lookup (col->note_types, &id);

      if (type == NULL)
        continue;
      if (type->fields->len >= SHUATI_ANKI_MAX_FIELDS)
        {
          set_error (error, col->file_name, col->entry, _("the note type “%s” has more than %u fields"),
                     type->name, SHUATI_ANKI_MAX_FIELDS);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      g_ptr_array_add (type->fields, g_strdup (column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (col->db, "SELECT ntid, ord, config FROM templates ORDER BY ntid, ord", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      NoteType *type = g_hash_table_lookup (col->note_types, &id);
      const guint8 *config = sqlite3_column_blob (stmt, 2);
      Pb pb = { config, config != NULL ? config + sqlite3_column_bytes (stmt, 2) : NULL };
      g_autofree char *qfmt = NULL;
      g_autofree char *afmt = NULL;
      guint64 field, value;
      guint wire;
      const guint8 *b = NULL;
      gsize l = 0;
      gboolean damaged = FALSE;

      if (type == NULL)
        continue;
      while (config != NULL && pb_next (&pb, &field, &wire, &value, &b, &l, &damaged))
        {
          if (field == 1 && wire == 2)
            g_free (qfmt), qfmt = g_strndup ((const char *)b, l);
          else if (field == 2 && wire == 2)
            g_free (afmt), afmt = g_strndup ((const char *)b, l);
        }
      if (damaged)
        g_ptr_array_add (type->problems, g_strdup (_("a card template's settings are damaged")));
      set_template (type, sqlite3_column_int64 (stmt, 1), qfmt, afmt);
    }
  sqlite3_finalize (stmt);

  /* Schema 18 separates deck names with 0x1f. */
  if (sqlite3_prepare_v2 (col->db, "SELECT id, name FROM decks", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      g_auto(GStrv) parts = g_strsplit (column_text (stmt, 1), "\x1f", 64);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (col->decks, id, g_strjoinv ("::", parts));
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Cards --------------------------------------------------------------------------- */

typedef struct
{
  ShuatiAnkiPackage *package;
  Collection        *col;
  GHashTable        *media;         /* zip name → package name */
  GHashTable        *media_names;   /* package names, as a set */
  GHashTable        *used;          /* names the cards show */
  GHashTable        *card_ids;      /* Anki card id → Shuati card id */
  GHashTable        *topics;        /* Anki deck id → topic id (owned by the draft) */
  GHashTable        *warned;        /* warnings given once */
  GHashTable        *notes_seen;
  GHashTable        *guids;         /* card ids given so far */
  char              *common_root;   /* the top deck all cards share, or NULL */
  gboolean           mixed_roots;
  ShuatiScheduler   *scheduler;
  GHashTable        *card_used;     /* images the card being read shows */
  GHashTable        *tops;          /* top deck name → ShuatiAnkiTopDeck */
} Builder;

static void
warn_once (Builder    *b,
           const char *message)
{
  if (g_hash_table_contains (b->warned, message))
    return;
  g_hash_table_add (b->warned, g_strdup (message));
  shuati_draft_warn (b->package->draft, 0, "%s", message);
}

static char *
tag_for (Builder    *b,
         const char *anki_tag)
{
  g_autoptr(GString) tag = g_string_new (NULL);
  g_autofree char *slug = NULL;

  /* "a::b" keeps its levels as "a.b". */
  for (const char *p = anki_tag; *p; p++)
    {
      if (p[0] == ':' && p[1] == ':')
        {
          g_string_append_c (tag, '.');
          p++;
        }
      else
        g_string_append_c (tag, *p);
    }
  if (shuati_deck_id_is_valid (tag->str))
    return g_strdup (tag->str);

  slug = shuati_import_slug (tag->str, -1);
  if (*slug == '\0')
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, anki_tag, -1);

      g_free (slug);
      slug = g_strdup_printf ("tag-%.8s", digest);
    }
  {
    /* The package's own bytes, which need not be UTF-8. */
    g_autofree char *shown = g_utf8_make_valid (anki_tag, -1);
    g_autofree char *message = g_strdup_printf (_("the tag “%s” becomes “%s”: Shuati's tags are ASCII letters, digits, '-', '_' and '.'"),
                                                shown, slug);
    warn_once (b, message);
  }
  return g_steal_pointer (&slug);
}

static GStrv
split_tags (Builder    *b,
            const char *tags)
{
  g_auto(GStrv) words = g_strsplit_set (tags, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; words[i] != NULL && i < 256; i++)
    {
      char *tag;

      if (*words[i] == '\0')
        continue;
      tag = tag_for (b, words[i]);
      if (g_hash_table_contains (seen, tag))
        {
          g_free (tag);
          continue;
        }
      g_strv_builder_add (builder, tag);
      g_hash_table_add (seen, tag);
    }
  return g_strv_builder_end (builder);
}

static const char *
topic_for (Builder *b,
           gint64   deck_id)
{
  const char *topic = g_hash_table_lookup (b->topics, &deck_id);
  const char *name;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  gint64 *key;

  if (topic != NULL)
    return topic;

  name = g_hash_table_lookup (b->col->decks, &deck_id);
  if (name == NULL || *name == '\0')
    name = _("Default");
  id = g_strdup_printf ("anki-deck-%" G_GINT64_FORMAT, deck_id < 0 ? -deck_id : deck_id);
  /* A top deck becomes a deck, and its subdecks its topics. */
  if (strstr (name, "::") != NULL)
    name = strstr (name, "::") + 2;
  {
    g_auto(GStrv) parts = g_strsplit (name, "::", 64);
    title = g_strjoinv (" › ", parts);
  }
  topic = shuati_draft_add_topic (b->package->draft, title, id);
  key = g_new (gint64, 1);
  *key = deck_id;
  g_hash_table_insert (b->topics, key, (gpointer)topic);
  b->package->summary.n_decks++;
  return topic;
}

static void
note_root (Builder    *b,
           const char *deck_name)
{
  g_autofree char *root = NULL;
  const char *sep = strstr (deck_name, "::");

  root = sep != NULL ? g_strndup (deck_name, sep - deck_name) : g_strdup (deck_name);
  if (b->common_root == NULL && !b->mixed_roots)
    b->common_root = g_steal_pointer (&root);
  else if (b->common_root != NULL && !g_str_equal (b->common_root, root))
    {
      b->mixed_roots = TRUE;
      g_clear_pointer (&b->common_root, g_free);
    }
}

/* A card's title: the first line of its question without Markdown's
 * marks, images or formulas' dollars; at most 80 characters. */
static char *
plain_title (const char *markdown)
{
  GString *out = g_string_new (NULL);
  const char *p = markdown;

  while (*p == '\n' || *p == ' ')
    p++;
  while (*p && *p != '\n')
    {
      if (p[0] == '!' && p[1] == '[')
        {
          const char *close = strstr (p, "](");
          const char *end = close != NULL ? strchr (close, ')') : NULL;

          if (end != NULL)
            {
              g_string_append_len (out, p + 2, close - p - 2);
              p = end + 1;
              continue;
            }
        }
      if (*p == '\\' && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }
      if (*p == '*' || *p == '`' || *p == '$')
        {
          p++;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (g_utf8_strlen (out->str, -1) > 80)
    {
      char *cut = g_utf8_offset_to_pointer (out->str, 79);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

/* The note type Shuati writes (see shuati-anki-export.c). */
static gboolean
is_shuati_type (NoteType *type)
{
  return g_str_equal (type->name, "Shuati") && type->fields->len >= 3 &&
         g_str_equal (g_ptr_array_index (type->fields, 0), "Question") &&
         g_str_equal (g_ptr_array_index (type->fields, 1), "Answer") &&
         g_str_equal (g_ptr_array_index (type->fields, 2), "Explanation");
}

static char *
convert_side (Builder    *b,
              NoteType   *type,
              const char *html)
{
  return shuati_anki_html_to_markdown (html, b->media_names, b->card_used, type->problems);
}

/* The top deck @deck_name is under, made on its first card. */
static ShuatiAnkiTopDeck *
top_deck_for (Builder    *b,
              const char *deck_name)
{
  const char *sep = strstr (deck_name, "::");
  g_autofree char *name = sep != NULL ? g_strndup (deck_name, sep - deck_name) : g_strdup (deck_name);
  ShuatiAnkiTopDeck *top = g_hash_table_lookup (b->tops, name);

  if (top != NULL)
    return top;
  top = g_new0 (ShuatiAnkiTopDeck, 1);
  top->name = g_steal_pointer (&name);
  top->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  top->notes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  top->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (b->tops, top->name, top);
  return top;
}

static void
add_to_top_deck (Builder    *b,
                 const char *deck_name,
                 const char *card_id,
                 gint64      note_id)
{
  ShuatiAnkiTopDeck *top = top_deck_for (b, deck_name);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_add (top->cards, g_strdup (card_id));
  if (!g_hash_table_contains (top->notes, &note_id))
    g_hash_table_add (top->notes, g_memdup2 (&note_id, sizeof note_id));
  g_hash_table_iter_init (&iter, b->card_used);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (top->media, name))
      g_hash_table_add (top->media, g_strdup (name));
}

/* The images one card shows count for the whole package too. */
static void
note_card_media (Builder *b)
{
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, b->card_used);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (b->used, name))
      g_hash_table_add (b->used, g_strdup (name));
}

static int
compare_top_decks (gconstpointer a,
                   gconstpointer b)
{
  const ShuatiAnkiTopDeck *x = *(ShuatiAnkiTopDeck * const *)a;
  const ShuatiAnkiTopDeck *y = *(ShuatiAnkiTopDeck * const *)b;

  return strcmp (x->name, y->name);
}

/* The top decks with cards, by name; a top deck with none (all of its
 * cards left out, or none to begin with) is said, except Anki's own
 * "Default" deck, which every collection has. */
static void
list_top_decks (Builder *b)
{
  g_autoptr(GHashTable) empty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GList *names;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, b->tops);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (b->package->top_decks, value);
  g_hash_table_steal_all (b->tops);
  g_ptr_array_sort (b->package->top_decks, compare_top_decks);

  g_hash_table_iter_init (&iter, b->col->decks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = value;
      const char *sep = strstr (name, "::");
      g_autofree char *top = sep != NULL ? g_strndup (name, sep - name) : g_strdup (name);
      gboolean has_cards = FALSE;

      if (*(gint64 *)key == 1 || *top == '\0')
        continue;
      for (guint i = 0; i < b->package->top_decks->len && !has_cards; i++)
        has_cards = g_str_equal (((ShuatiAnkiTopDeck *)g_ptr_array_index (b->package->top_decks, i))->name, top);
      if (!has_cards && !g_hash_table_contains (empty, top))
        g_hash_table_add (empty, g_steal_pointer (&top));
    }
  names = g_list_sort (g_hash_table_get_keys (empty), (GCompareFunc)g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    shuati_draft_warn (b->package->draft, 0, _("the Anki deck “%s” has no cards to import; no deck is made for it"),
                       (char *)l->data);
  g_list_free (names);
}

static gboolean
add_cards (Builder  *b,
           GError  **error)
{
  Collection *col = b->col;
  ShuatiAnkiPackage *package = b->package;
  sqlite3_stmt *stmt = NULL;
  const char *sql =
    "SELECT c.id, c.nid, c.did, c.ord, c.type, c.queue, c.due, c.ivl, c.odid, c.reps, c.lapses,"
    " n.mid, n.flds, n.tags, n.guid FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.nid, c.ord";
  guint n_rows = 0;

  if (sqlite3_prepare_v2 (col->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 anki_id = sqlite3_column_int64 (stmt, 0);
      gint64 note_id = sqlite3_column_int64 (stmt, 1);
      gint64 deck_id = sqlite3_column_int64 (stmt, 8) != 0 ? sqlite3_column_int64 (stmt, 8)
                                                           : sqlite3_column_int64 (stmt, 2);
      gint64 ord = sqlite3_column_int64 (stmt, 3);
      int type_state = sqlite3_column_int (stmt, 4);
      int queue = sqlite3_column_int (stmt, 5);
      gint64 mid = sqlite3_column_int64 (stmt, 11);
      const char *flds = column_text (stmt, 12);
      NoteType *type = g_hash_table_lookup (col->note_types, &mid);
      g_auto(GStrv) values = NULL;
      g_autofree char *qhtml = NULL;
      g_autofree char *ahtml = NULL;
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *explanation = NULL;
      const char *guid = column_text (stmt, 14);
      const char *qfmt;
      const char *afmt;
      const char *deck_name;
      guint n_values;
      guint cloze = 0;
      ShuatiDraftCard *card;
      gint64 *key;
      char note_text[32];

      g_snprintf (note_text, sizeof note_text, "%" G_GINT64_FORMAT, note_id);
      if (++n_rows > SHUATI_ANKI_MAX_CARDS)
        {
          set_error (error, col->file_name, col->entry, _("more than %u cards"), SHUATI_ANKI_MAX_CARDS);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (!g_hash_table_contains (b->notes_seen, &note_id))
        {
          gint64 *nid = g_new (gint64, 1);
          *nid = note_id;
          g_hash_table_add (b->notes_seen, nid);
          package->summary.n_notes++;
        }

      if (type == NULL)
        {
          shuati_draft_warn (package->draft, 0, _("note %s: its note type is missing; its card is left out"), note_text);
          package->summary.n_skipped++;
          continue;
        }

      values = g_strsplit (flds, "\x1f", SHUATI_ANKI_MAX_FIELDS + 2);
      n_values = g_strv_length (values);
      if (n_values > SHUATI_ANKI_MAX_FIELDS)
        {
          set_error (error, col->file_name, col->entry, _("note %s has more than %u fields"),
                     note_text, SHUATI_ANKI_MAX_FIELDS);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (n_values != type->fields->len)
        shuati_draft_warn (package->draft, 0, _("note %s: %u fields where its note type “%s” has %u"),
                           note_text, n_values, type->name, type->fields->len);

      if (type->cloze)
        {
          cloze = ord + 1;
          qfmt = type->qfmts->len > 0 ? g_ptr_array_index (type->qfmts, 0) : NULL;
          afmt = type->afmts->len > 0 ? g_ptr_array_index (type->afmts, 0) : NULL;
        }
      else
        {
          qfmt = ord >= 0 && ord < type->qfmts->len ? g_ptr_array_index (type->qfmts, ord) : NULL;
          afmt = ord >= 0 && ord < type->afmts->len ? g_ptr_array_index (type->afmts, ord) : NULL;
        }
      if (qfmt == NULL)
        {
          shuati_draft_warn (package->draft, 0, _("note %s: card %u has no template in “%s”; it is left out"),
                             note_text, (guint)(ord + 1), type->name);
          package->summary.n_skipped++;
          continue;
        }

      {
        const char *names[SHUATI_ANKI_MAX_FIELDS + 1];
        const char *field_values[SHUATI_ANKI_MAX_FIELDS + 1];
        guint n = MIN (type->fields->len, SHUATI_ANKI_MAX_FIELDS);

        for (guint i = 0; i < n; i++)
          {
            names[i] = g_ptr_array_index (type->fields, i);
            field_values[i] = i < n_values ? values[i] : "";
          }
        qhtml = shuati_anki_render_template (qfmt, names, field_values, n, cloze, FALSE, type->problems);
        ahtml = shuati_anki_render_template (afmt != NULL ? afmt : "", names, field_values, n, cloze, TRUE,
                                             type->problems);
        if (type->cloze)
          {
            gboolean found = FALSE;

            for (guint i = 0; i < n && !found; i++)
              {
                g_autofree char *tag = g_strdup_printf ("{{c%u::", cloze);
                found = strstr (field_values[i], tag) != NULL;
              }
            if (!found)
              {
                shuati_draft_warn (package->draft, 0,
                                   _("note %s: cloze card %u has no {{c%u::…}} in its text; it is left out"),
                                   note_text, cloze, cloze);
                package->summary.n_skipped++;
                continue;
              }
          }
      }

      g_hash_table_remove_all (b->card_used);
      if (is_shuati_type (type) && n_values >= 3)
        {
          /* Written by Shuati: its fields are the cards' own Markdown,
           * rendered as HTML; the key points are the answer's again. */
          question = convert_side (b, type, values[0]);
          answer = convert_side (b, type, values[1]);
          explanation = convert_side (b, type, values[2]);
          g_strstrip (question);
        }
      else
        {
          question = convert_side (b, type, qhtml);
          answer = convert_side (b, type, ahtml);
        }
      note_card_media (b);
      if (*question == '\0')
        {
          shuati_draft_warn (package->draft, 0, _("note %s: card %u has an empty front; it is left out"),
                             note_text, (guint)(ord + 1));
          package->summary.n_skipped++;
          continue;
        }

      card = shuati_draft_add_card (package->draft, 0);
      if (is_shuati_type (type) && shuati_deck_id_is_valid (guid) && !g_hash_table_contains (b->guids, guid))
        card->id = g_strdup (guid);
      else
        card->id = g_strdup_printf ("anki-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, note_id, ord);
      g_hash_table_add (b->guids, g_strdup (card->id));
      if (explanation != NULL && *explanation != '\0')
        card->fields[SHUATI_FIELD_EXPLANATION] = g_steal_pointer (&explanation);
      card->topic_id = g_strdup (topic_for (b, deck_id));
      card->tags = split_tags (b, column_text (stmt, 13));
      if (!is_shuati_type (type))
        {
          card->fields[SHUATI_FIELD_TITLE] = plain_title (question);
          if (*card->fields[SHUATI_FIELD_TITLE] == '\0')
            g_clear_pointer (&card->fields[SHUATI_FIELD_TITLE], g_free);
        }
      card->fields[SHUATI_FIELD_QUESTION] = g_steal_pointer (&question);
      card->fields[SHUATI_FIELD_ANSWER] = g_steal_pointer (&answer);
      package->summary.n_cards++;

      deck_name = g_hash_table_lookup (col->decks, &deck_id);
      note_root (b, deck_name != NULL ? deck_name : "");
      add_to_top_deck (b, deck_name != NULL && *deck_name != '\0' ? deck_name : _("Default"), card->id, note_id);

      key = g_new (gint64, 1);
      *key = anki_id;
      g_hash_table_insert (b->card_ids, key, g_strdup (card->id));

      if (queue == -1)
        {
          g_ptr_array_add (package->suspended, g_strdup (card->id));
          package->summary.n_suspended++;
        }
      else if (queue == -2 || queue == -3)
        {
          g_ptr_array_add (package->buried, g_strdup (card->id));
          package->summary.n_buried++;
        }

      /* A card in review whose history is gone: its interval and due
       * day still say how well it is known. */
      if (type_state == 2)
        {
          ShuatiMemory memory = { 0 };
          gint64 interval = CLAMP (sqlite3_column_int64 (stmt, 7), 1, 36500);
          gint64 due_day = CLAMP (sqlite3_column_int64 (stmt, 6), 0, 1000000);

          memory.state = SHUATI_CARD_REVIEW;
          memory.stability = interval;
          memory.difficulty = 5.0;
          memory.due = col->created + due_day * 86400;
          memory.last_review = memory.due - interval * 86400;
          memory.reps = CLAMP (sqlite3_column_int64 (stmt, 9), 1, G_MAXUINT);
          memory.lapses = CLAMP (sqlite3_column_int64 (stmt, 10), 0, G_MAXUINT);
          g_hash_table_insert (package->memories, g_strdup (card->id), g_memdup2 (&memory, sizeof memory));
        }
    }

  if (sqlite3_errcode (col->db) != SQLITE_DONE && sqlite3_errcode (col->db) != SQLITE_OK &&
      sqlite3_errcode (col->db) != SQLITE_ROW)
    {
      db_error (col, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  /* What each note type did that Shuati could not follow, once. */
  {
    GHashTableIter iter;
    NoteType *type;

    g_hash_table_iter_init (&iter, col->note_types);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&type))
      for (guint i = 0; i < type->problems->len; i++)
        shuati_draft_warn (package->draft, 0, _("note type “%s”: %s"), type->name,
                           (char *)g_ptr_array_index (type->problems, i));
  }
  return TRUE;
}

/**
 * shuati_import_review_replay:
 * @reviews: (array length=n_reviews): one card's reviews, oldest first;
 *   their card id, time and rating are read, their memories and log
 *   fields written
 * @seed_fuzz: draw each review's fuzz from shuati_review_fuzz_seed(), so
 *   that a replay elsewhere gives the same intervals
 * @memory: (inout): the card's memory before the first review (all zero
 *   for a new card); after the last one on return
 *
 * Replays a card's history through @scheduler, so that its memory and
 * due date follow from how it was answered. A review earlier than the
 * one before it is taken as made at the same time.
 */
void
shuati_import_review_replay (ShuatiScheduler    *scheduler,
                             ShuatiImportReview *reviews,
                             guint               n_reviews,
                             gboolean            seed_fuzz,
                             ShuatiMemory       *memory)
{
  gint64 last_at = 0;

  g_return_if_fail (SHUATI_IS_SCHEDULER (scheduler));
  g_return_if_fail (memory != NULL);

  for (guint i = 0; i < n_reviews; i++)
    {
      ShuatiImportReview *review = &reviews[i];

      if (seed_fuzz)
        shuati_scheduler_set_fuzz_seed (scheduler, shuati_review_fuzz_seed (review->card_id,
                                                                            review->reviewed_at));
      review->reviewed_at = MAX (review->reviewed_at, last_at);
      review->before = *memory;
      shuati_scheduler_review (scheduler, memory, review->rating, review->reviewed_at,
                               &review->after, &review->info);
      *memory = review->after;
      last_at = review->reviewed_at;
    }
}

/* Replays each card's Anki history through Shuati's scheduler. */
static void
replay_card (Builder    *b,
             const char *card_id,
             guint       start)
{
  GArray *reviews = b->package->reviews;
  ShuatiMemory memory = { 0 };

  if (card_id == NULL || start >= reviews->len)
    return;
  shuati_import_review_replay (b->scheduler, &g_array_index (reviews, ShuatiImportReview, start),
                               reviews->len - start, FALSE, &memory);
  g_hash_table_insert (b->package->memories, g_strdup (card_id), g_memdup2 (&memory, sizeof memory));
}

static gboolean
add_reviews (Builder  *b,
             GError  **error)
{
  Collection *col = b->col;
  ShuatiAnkiPackage *package = b->package;
  sqlite3_stmt *stmt = NULL;
  gint64 current = G_MININT64;
  const char *card_id = NULL;
  guint start = 0;

  if (sqlite3_prepare_v2 (col->db, "SELECT id, cid, ease, time, type FROM revlog ORDER BY cid, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 at_ms = sqlite3_column_int64 (stmt, 0);
      gint64 cid = sqlite3_column_int64 (stmt, 1);
      int ease = sqlite3_column_int (stmt, 2);
      gint64 duration = sqlite3_column_int64 (stmt, 3);
      int kind = sqlite3_column_int (stmt, 4);
      ShuatiImportReview review = { 0 };

      if (cid != current)
        {
          replay_card (b, card_id, start);
          current = cid;
          card_id = g_hash_table_lookup (b->card_ids, &cid);
          start = package->reviews->len;
        }
      /* Ease 0 and kind 4 are reschedulings by hand, not answers. */
      if (card_id == NULL || ease < 1 || ease > 4 || kind == 4)
        continue;
      if (package->reviews->len >= 10000000)
        break;

      review.card_id = g_strdup (card_id);
      review.reviewed_at = at_ms / 1000;
      review.rating = ease;
      review.duration_ms = CLAMP (duration, 0, 3600 * 1000);
      g_array_append_val (package->reviews, review);
    }
  replay_card (b, card_id, start);
  sqlite3_finalize (stmt);

  package->summary.n_reviews = package->reviews->len;
  return TRUE;
}

/* Media -------------------------------------------------------------------------- */

static gboolean
collect_media (Builder     *b,
               Zip         *zip,
               gboolean     compressed,
               GError     **error)
{
  GHashTableIter iter;
  const char *zip_name;
  const char *name;

  g_hash_table_iter_init (&iter, b->media);
  while (g_hash_table_iter_next (&iter, (gpointer *)&zip_name, (gpointer *)&name))
    {
      GBytes *data;
      ShuatiImportMedia *media;

      if (!g_hash_table_contains (b->used, name))
        {
          b->package->summary.n_media_unused++;
          continue;
        }
      data = g_hash_table_lookup (zip->entries, zip_name);
      if (data == NULL)
        {
          shuati_draft_warn (b->package->draft, 0, _("the image “%s” is listed but missing from the package"), name);
          continue;
        }
      media = g_new0 (ShuatiImportMedia, 1);
      media->name = g_strdup (name);
      if (compressed)
        {
          g_autoptr(GError) local_error = NULL;

          media->data = shuati_anki_zstd_decode (data, SHUATI_ANKI_MAX_MEDIA_SIZE, b->col->file_name, zip_name, &local_error);
          if (media->data == NULL)
            {
              shuati_draft_warn (b->package->draft, 0, _("the image “%s” cannot be read: %s"), name,
                                 local_error->message);
              shuati_import_media_free (media);
              continue;
            }
        }
      else
        media->data = g_bytes_ref (data);
      g_ptr_array_add (b->package->media, media);
    }
  b->package->summary.n_media = b->package->media->len;
  return TRUE;
}

/* Reading ---------------------------------------------------------------------- */

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        g_unlink (child);
      }
  g_rmdir (path);
}

static gboolean
open_collection (Collection  *col,
                 GBytes      *bytes,
                 const char  *folder,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (folder, "collection.db", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *sql_uri = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) local_error = NULL;

  if (length < 100 || memcmp (data, "SQLite format 3", 16) != 0)
    {
      set_error (error, col->file_name, col->entry, _("the collection is not an SQLite database"));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, &local_error))
    {
      set_error (error, col->file_name, col->entry, "%s", local_error->message);
      return FALSE;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  sql_uri = g_strdup_printf ("%s?immutable=1", uri);
  if (sqlite3_open_v2 (sql_uri, &col->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    return db_error (col, error);
  sqlite3_db_config (col->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (col->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_limit (col->db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_exec (col->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
  return TRUE;
}

static gboolean
read_collection (Collection  *col,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *models = NULL;
  g_autofree char *decks = NULL;

  if (sqlite3_prepare_v2 (col->db, "SELECT ver, crt, models, decks FROM col LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (col, error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      set_error (error, col->file_name, col->entry, _("the collection has no col row: not an Anki collection"));
      return FALSE;
    }
  col->schema = sqlite3_column_int (stmt, 0);
  col->created = sqlite3_column_int64 (stmt, 1);
  models = g_strdup (column_text (stmt, 2));
  decks = g_strdup (column_text (stmt, 3));
  sqlite3_finalize (stmt);

  if (col->schema == 11)
    return read_legacy_types (col, models, decks, error);
  if (col->schema >= 14 && col->schema <= 18)
    return read_latest_types (col, error);

  set_error (error, col->file_name, col->entry,
             _("the collection has schema version %u; Shuati reads versions 11 and 14 to 18"), col->schema);
  return FALSE;
}

/**
 * shuati_anki_package_read:
 * @bytes: an .apkg or .colpkg file
 *
 * Returns: (transfer full) (nullable): the cards, media and history the
 *   package holds, or %NULL with @error set; its message names the file
 *   and the entry
 */
ShuatiAnkiPackage *
shuati_anki_package_read (GBytes        *bytes,
                          const char    *file_name,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(ShuatiAnkiPackage) package = g_new0 (ShuatiAnkiPackage, 1);
  g_autoptr(GHashTable) media = NULL;
  g_autoptr(GBytes) collection = NULL;
  g_autofree char *folder = NULL;
  Zip zip = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref), 0 };
  Collection col = { file_name, NULL, NULL, NULL, NULL, 0, 0 };
  Builder b = { 0 };
  gboolean latest = FALSE;
  gboolean ok = FALSE;
  GBytes *entry;
  GBytes *meta;
  const char *names[] = { "collection.anki21b", "collection.anki21", "collection.anki2" };

  package->draft = shuati_draft_new (file_name);
  package->media = g_ptr_array_new_with_free_func (shuati_import_media_free);
  package->reviews = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  g_array_set_clear_func (package->reviews, shuati_import_review_clear);
  package->memories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  package->suspended = g_ptr_array_new_with_free_func (g_free);
  package->buried = g_ptr_array_new_with_free_func (g_free);
  package->top_decks = g_ptr_array_new_with_free_func (shuati_anki_top_deck_free);

  if (!read_zip (bytes, file_name, &zip, cancellable, error))
    goto out;

  /* The newest collection the package has; the oldest one in a new
   * package is a dummy that asks to update Anki. */
  for (guint i = 0; i < G_N_ELEMENTS (names) && collection == NULL; i++)
    {
      entry = g_hash_table_lookup (zip.entries, names[i]);
      if (entry == NULL)
        continue;
      col.entry = names[i];
      latest = i == 0;
      if (latest)
        {
          collection = shuati_anki_zstd_decode (entry, SHUATI_ANKI_MAX_ENTRY_SIZE, file_name, names[i], error);
          if (collection == NULL)
            goto out;
        }
      else
        collection = g_bytes_ref (entry);
    }
  if (collection == NULL)
    {
      set_error (error, file_name, NULL,
                 _("no Anki collection in the zip file (collection.anki21b, collection.anki21 or collection.anki2)"));
      goto out;
    }
  package->summary.version = latest ? 3 : g_str_equal (col.entry, "collection.anki21") ? 2 : 1;

  /* meta: PackageMetadata { Version version = 1; } */
  meta = g_hash_table_lookup (zip.entries, "meta");
  if (meta != NULL)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (meta, &length);
      Pb pb = { data, data != NULL ? data + length : NULL };
      guint64 field, value;
      guint wire;
      const guint8 *bb;
      gsize l;
      gboolean damaged = FALSE;

      while (pb_next (&pb, &field, &wire, &value, &bb, &l, &damaged))
        if (field == 1 && wire == 0 && value > 3)
          {
            set_error (error, file_name, "meta", _("the package is of a newer version (%u) than Shuati reads"), (guint)MIN (value, G_MAXUINT));
            goto out;
          }
      if (damaged)
        {
          set_error (error, file_name, "meta", _("the package's metadata is damaged"));
          goto out;
        }
    }

  entry = g_hash_table_lookup (zip.entries, "media");
  if (entry != NULL && latest)
    {
      g_autoptr(GBytes) list = shuati_anki_zstd_decode (entry, 64 << 20, file_name, "media", error);

      if (list == NULL || (media = shuati_anki_parse_media_entries (list, file_name, error)) == NULL)
        goto out;
    }
  else if (entry != NULL)
    {
      media = parse_media_json (entry, file_name, error);
      if (media == NULL)
        goto out;
    }
  else
    media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  folder = g_dir_make_tmp ("shuati-anki-XXXXXX", NULL);
  if (folder == NULL)
    {
      set_error (error, file_name, NULL, _("no temporary folder to read the collection in"));
      goto out;
    }
  col.note_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)note_type_free);
  col.decks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!open_collection (&col, collection, folder, error) || !read_collection (&col, error))
    goto out;

  b.package = package;
  b.col = &col;
  b.media = media;
  b.media_names = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, media);
    while (g_hash_table_iter_next (&iter, NULL, &name))
      g_hash_table_add (b.media_names, name);
  }
  b.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.card_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  b.topics = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.notes_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.scheduler = shuati_scheduler_new ();
  b.card_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.tops = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, shuati_anki_top_deck_free);
  package->summary.n_note_types = g_hash_table_size (col.note_types);

  if (!add_cards (&b, error))
    goto out;
  if (package->summary.n_cards == 0)
    {
      g_set_error (error, SHUATI_IMPORT_ERROR, SHUATI_IMPORT_ERROR_NO_CARDS,
                   "%s: %s: %s", file_name, col.entry, _("the collection has no cards to import"));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!add_reviews (&b, error) || !collect_media (&b, &zip, latest, error))
    goto out;
  list_top_decks (&b);

  /* One top deck gives the Shuati deck its title; its subdecks are the
   * topics. */
  if (b.common_root != NULL && *b.common_root != '\0')
    package->draft->title = g_strdup (b.common_root);
  if (package->summary.n_suspended > 0)
    shuati_draft_warn (package->draft, 0,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u card was suspended in Anki; it stays suspended until you unsuspend it in the card browser",
                                    "%u cards were suspended in Anki; they stay suspended until you unsuspend them in the card browser",
                                    package->summary.n_suspended),
                       package->summary.n_suspended);
  if (package->summary.n_buried > 0)
    shuati_draft_warn (package->draft, 0,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u card was buried in Anki; it stays hidden until tomorrow",
                                    "%u cards were buried in Anki; they stay hidden until tomorrow",
                                    package->summary.n_buried),
                       package->summary.n_buried);
  ok = TRUE;

out:
  if (col.db != NULL)
    sqlite3_close_v2 (col.db);
  if (folder != NULL)
    remove_folder (folder);
  g_clear_pointer (&col.note_types, g_hash_table_unref);
  g_clear_pointer (&col.decks, g_hash_table_unref);
  g_clear_pointer (&b.media_names, g_hash_table_unref);
  g_clear_pointer (&b.used, g_hash_table_unref);
  g_clear_pointer (&b.card_ids, g_hash_table_unref);
  g_clear_pointer (&b.topics, g_hash_table_unref);
  g_clear_pointer (&b.warned, g_hash_table_unref);
  g_clear_pointer (&b.notes_seen, g_hash_table_unref);
  g_clear_pointer (&b.guids, g_hash_table_unref);
  g_clear_pointer (&b.common_root, g_free);
  g_clear_object (&b.scheduler);
  g_clear_pointer (&b.card_used, g_hash_table_unref);
  g_clear_pointer (&b.tops, g_hash_table_unref);
  g_hash_table_unref (zip.entries);

  return ok ? g_steal_pointer (&package) : NULL;
}
