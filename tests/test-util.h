/* test-util.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several tests need: a scratch folder removed with all it holds.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything under it, read-only folders included. */
static inline void
test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      g_dir_close (dir);
      g_chmod (path, 0700);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}
