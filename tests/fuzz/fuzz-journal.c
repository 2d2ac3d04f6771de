/* fuzz-journal.c: the sync journal's line reader
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "shuati-sync-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Any bytes as a journal file of the device "fuzzdevice": read whole
 * lines only, every event read writes back as the same event, and the
 * fast reader agrees with JSON-GLib on every line it takes. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint n = 0;

  if (!shuati_sync_check_journal_data ((const char *)data, size, "fuzzdevice", &n))
    {
      fprintf (stderr, "the journal reader's checks failed\n");
      abort ();
    }
  return 0;
}
