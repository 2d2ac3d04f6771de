/* main.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "shuati-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShuatiApplication) app = NULL;
  const char *localedir;

  /* Lets the tests and `meson devenv` use the catalogs of the build tree. */
  localedir = g_getenv ("SHUATI_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = shuati_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
