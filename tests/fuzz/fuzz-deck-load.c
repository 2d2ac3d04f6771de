/* fuzz-deck-load.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "shuati-deck.h"
#include "shuati-exporter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A deck from any bytes: an error or a deck that writes out and loads
 * back the same. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (bytes, &error);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(ShuatiDeck) again = NULL;

  if (deck == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  written = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  again = shuati_deck_new_from_bytes (written, &error);
  if (again == NULL)
    {
      fprintf (stderr, "an exported deck does not load: %s\n", error->message);
      abort ();
    }
  if (shuati_deck_get_n_cards (again) != shuati_deck_get_n_cards (deck))
    abort ();
  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    if (g_strcmp0 (shuati_card_get_id (shuati_deck_get_card (deck, i)),
                   shuati_card_get_id (shuati_deck_get_card (again, i))) != 0)
      abort ();

  return 0;
}
