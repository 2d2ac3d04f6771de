/* fuzz-import.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body the importer harnesses share; each names the file it imports.
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shuati-exporter.h"
#include "shuati-importer.h"

static ShuatiImportResult *
import (GBytes     *bytes,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  ShuatiImportResult *result = shuati_import_bytes (bytes, name, &error);

  if (result == NULL && (error == NULL || !g_utf8_validate (error->message, -1, NULL) ||
                         !g_str_has_prefix (error->message, name)))
    {
      fprintf (stderr, "a failed import without a message naming the file\n");
      abort ();
    }

  return result;
}

/* Any bytes import as a whole deck or fail with a message; a deck that
 * imports writes out as JSON and Markdown, and its JSON imports back with
 * the same cards. @file_name's extension hints at the format. */
static inline int
fuzz_import_one (const uint8_t *data,
                 size_t         size,
                 const char    *file_name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(ShuatiImportResult) result = import (bytes, file_name);
  g_autoptr(ShuatiImportResult) again = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autoptr(ShuatiImportResult) from_markdown = NULL;
  ShuatiDeck *deck;
  ShuatiDeck *copy;

  if (result == NULL)
    return 0;

  deck = shuati_import_result_get_deck (result);
  if (shuati_deck_get_n_cards (deck) == 0 || shuati_import_result_get_node (result) == NULL)
    abort ();
  for (guint i = 0; i < shuati_import_result_get_n_warnings (result); i++)
    if (!g_utf8_validate (shuati_import_result_get_warning (result, i)->message, -1, NULL))
      abort ();

  json = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  again = import (json, "fuzz.json");
  if (again == NULL)
    abort ();
  copy = shuati_import_result_get_deck (again);
  if (shuati_deck_get_n_cards (copy) != shuati_deck_get_n_cards (deck))
    abort ();
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
      if (g_strcmp0 (shuati_card_get_text (shuati_deck_get_card (deck, i), f, NULL),
                     shuati_card_get_text (shuati_deck_get_card (copy, i), f, NULL)) != 0)
        abort ();

  markdown = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, NULL, NULL);
  from_markdown = import (markdown, "fuzz-export.md");

  return 0;
}
