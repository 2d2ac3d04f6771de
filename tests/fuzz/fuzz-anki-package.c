/* fuzz-anki-package.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anki packages: the first byte picks what the rest is.
 *   0  a whole package (zip), through the importer
 *   1  zip entries separated by "\0ENTRY\0", zipped here with valid
 *      checksums so that the reader gets past the zip to the collection,
 *      the media list, the metadata and zstd
 *   2  a media list (protobuf)
 *   3  zstd data
 *   4  a card template and its fields, separated by 0x1f, rendered on
 *      both sides and turned into Markdown
 *   5  HTML turned into Markdown
 * Seeds: tests/data/make-anki-packages.py --fuzz-seeds DIR.
 */

#define _GNU_SOURCE

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "shuati-anki-package.h"
#include "shuati-importer.h"

static const char * const entry_names[] = {
  "collection.anki2", "media", "0", "meta", "collection.anki21b", "1", "collection.anki21",
};

static void
check_result (ShuatiImportResult *result)
{
  ShuatiDeck *deck;

  if (result == NULL)
    return;
  deck = shuati_import_result_get_deck (result);
  if (shuati_deck_get_n_cards (deck) == 0)
    abort ();
  if (shuati_import_result_get_media (result) != NULL)
    for (guint i = 0; i < shuati_import_result_get_media (result)->len; i++)
      {
        ShuatiImportMedia *media = g_ptr_array_index (shuati_import_result_get_media (result), i);
        if (!shuati_anki_media_name_is_safe (media->name))
          abort ();
      }
  for (guint i = 0; i < shuati_import_result_get_n_warnings (result); i++)
    if (!g_utf8_validate (shuati_import_result_get_warning (result, i)->message, -1, NULL))
      abort ();

  /* The decks of a collection share out its cards, none empty. */
  if (shuati_import_result_get_n_parts (result) > 0)
    {
      guint n_cards = 0;

      for (guint i = 0; i < shuati_import_result_get_n_parts (result); i++)
        {
          ShuatiImportResult *part = shuati_import_result_get_part (result, i);

          n_cards += shuati_deck_get_n_cards (shuati_import_result_get_deck (part));
          check_result (part);
        }
      if (n_cards != shuati_deck_get_n_cards (deck))
        abort ();
    }
}

static void
import_package (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) result = shuati_import_bytes (bytes, "fuzz.apkg", &error);

  if (result == NULL && (error == NULL || !g_str_has_prefix (error->message, "fuzz.apkg")))
    {
      fprintf (stderr, "a failed import without a message naming the file\n");
      abort ();
    }
  check_result (result);
}

static void
zip_entries (const uint8_t *data,
             size_t         size)
{
  struct archive *archive = archive_write_new ();
  size_t capacity = size + 4096 + 200 * G_N_ELEMENTS (entry_names);
  g_autofree char *buffer = g_malloc (capacity);
  size_t used = 0;
  const uint8_t *p = data;
  const uint8_t *end = data + size;
  static const char separator[] = "\0ENTRY\0";
  guint n = 0;

  archive_write_set_format_zip (archive);
  archive_write_zip_set_compression_store (archive);
  archive_write_set_bytes_in_last_block (archive, 1);
  if (archive_write_open_memory (archive, buffer, capacity, &used) != ARCHIVE_OK)
    {
      archive_write_free (archive);
      return;
    }

  while (p <= end && n < G_N_ELEMENTS (entry_names))
    {
      const uint8_t *next = memmem (p, end - p, separator, sizeof separator - 1);
      size_t length = (next != NULL ? next : end) - p;
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, entry_names[n++]);
      archive_entry_set_size (entry, length);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_write_header (archive, entry);
      archive_write_data (archive, p, length);
      archive_entry_free (entry);
      if (next == NULL)
        break;
      p = next + sizeof separator - 1;
    }
  archive_write_close (archive);
  archive_write_free (archive);

  {
    g_autoptr(GBytes) bytes = g_bytes_new (buffer, used);
    import_package (bytes);
  }
}

static void
render (const uint8_t *data,
        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_auto(GStrv) parts = g_strsplit (text, "\x1f", SHUATI_ANKI_MAX_FIELDS + 1);
  guint n = g_strv_length (parts);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) media = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (n == 0)
    return;
  for (guint i = 1; i < n; i++)
    g_ptr_array_add (names, g_strdup_printf ("F%u", i - 1));
  g_hash_table_add (media, (gpointer)"a.png");

  for (int side = 0; side < 2; side++)
    {
      g_autofree char *html = shuati_anki_render_template (parts[0], (const char * const *)names->pdata,
                                                           (const char * const *)(parts + 1), n - 1,
                                                           1, side, problems);
      g_autofree char *markdown = shuati_anki_html_to_markdown (html, media, used, problems);

      if (!g_utf8_validate (markdown, -1, NULL))
        abort ();
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) rest = NULL;

  if (size < 1 || size > (4 << 20))
    return 0;
  rest = g_bytes_new (data + 1, size - 1);

  switch (data[0] % 6)
    {
    case 0:
      import_package (rest);
      break;
    case 1:
      zip_entries (data + 1, size - 1);
      break;
    case 2:
      {
        g_autoptr(GHashTable) map = shuati_anki_parse_media_entries (rest, "fuzz", NULL);
        (void)map;
      }
      break;
    case 3:
      {
        g_autoptr(GBytes) out = shuati_anki_zstd_decode (rest, 1 << 20, "fuzz", "media", NULL);
        if (out != NULL && g_bytes_get_size (out) > (1 << 20))
          abort ();
      }
      break;
    case 4:
      render (data + 1, size - 1);
      break;
    default:
      {
        g_autofree char *html = g_strndup ((const char *)data + 1, size - 1);
        g_autofree char *markdown = shuati_anki_html_to_markdown (html, NULL, NULL, NULL);
        if (!g_utf8_validate (markdown, -1, NULL))
          abort ();
      }
      break;
    }

  return 0;
}
