/* main.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "shuati-application.h"
#include "shuati-interface-language.h"

/* Starts this program again in place of this process, once the bus has
 * let go of the application's name, so the new one becomes the primary
 * instance rather than asking the old one to do its work. */
static int
restart (GDBusConnection  *bus,
         const char       *argv0,
         char            **arguments)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  if (bus != NULL)
    {
      g_autoptr(GVariant) reply = NULL;

      g_dbus_connection_flush_sync (bus, NULL, NULL);
      /* The bus answers in order: once this reply is here, the name is free. */
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "GetId", NULL, NULL,
                                           G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
    }

  shuati_interface_language_restore ();

  g_strv_builder_add (builder, argv0);
  g_strv_builder_addv (builder, (const char **)arguments);
  argv = g_strv_builder_end (builder);

  if (program != NULL)
    execv (program, argv);
  execvp (argv0, argv);

  g_printerr (_("Cannot start Shuati again: %s\n"), g_strerror (errno));
  return EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShuatiApplication) app = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_auto(GStrv) restart_arguments = NULL;
  const char *localedir;
  int status;

  /* Lets the tests and `meson devenv` use the catalogs of the build tree. */
  localedir = g_getenv ("SHUATI_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  shuati_interface_language_apply (NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = shuati_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);

  restart_arguments = shuati_application_steal_restart_arguments (app);
  if (restart_arguments == NULL)
    return status;

  /* The connection the application owned its name on, kept past it. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_clear_object (&app);

  return restart (bus, argv[0], restart_arguments);
}
