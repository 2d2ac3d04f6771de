/* replay.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a fuzz harness without libFuzzer over the files of its seed
 * corpus, so that `meson test` checks every seed on each build:
 *   replay-NAME CORPUS-DIRECTORY
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__ ((weak));
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIRECTORY\n", argv[0]);
      return 2;
    }
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("TAP version 13\n");
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u %s: %s\n", ++n, name, error->message);
          return 1;
        }
      /* A harness that finds a fault aborts. */
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %u %s\n", ++n, name);
    }
  printf ("1..%u\n", n);
  return n > 0 ? 0 : 1;
}
