/* shuati-interface-language.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-interface-language.h"

/* The interface language is chosen once per process, before gettext
 * translates anything: the desktop's LANGUAGE is replaced for this process
 * only, and put back before Shuati starts itself again. */

static char *applied_choice;
static char *system_language;
static gboolean system_language_set;

/**
 * shuati_interface_language_for_choice:
 * @choice: a nick of the "interface-language" setting
 *
 * Returns: (nullable): the LANGUAGE list that gives @choice, or %NULL for
 *   "system" (and anything unknown): the desktop's own languages
 */
const char *
shuati_interface_language_for_choice (const char *choice)
{
  if (choice == NULL)
    return NULL;
  if (g_str_equal (choice, "zh_CN"))
    return "zh_CN";
  /* No catalog for "en": gettext then keeps the English source text, and
   * GTK's own words follow it as well. */
  if (g_str_equal (choice, "en"))
    return "en";
  return NULL;
}

/**
 * shuati_interface_language_apply:
 * @settings: (nullable): Shuati's settings, or %NULL to read them when the
 *   schema is installed
 *
 * Sets this process's language list from the "interface-language" setting.
 * Call it before anything is translated.
 */
void
shuati_interface_language_apply (GSettings *settings)
{
  g_autoptr(GSettings) own = NULL;
  g_autofree char *choice = NULL;
  const char *language;

  if (settings == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema == NULL || !g_settings_schema_has_key (schema, "interface-language"))
        return;
      settings = own = g_settings_new (APP_ID);
    }

  choice = g_settings_get_string (settings, "interface-language");
  language = shuati_interface_language_for_choice (choice);

  if (!system_language_set)
    {
      system_language = g_strdup (g_getenv ("LANGUAGE"));
      system_language_set = TRUE;
    }

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else if (system_language != NULL)
    g_setenv ("LANGUAGE", system_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_free (applied_choice);
  applied_choice = g_steal_pointer (&choice);
}

/**
 * shuati_interface_language_get_applied:
 *
 * Returns: (nullable): the choice this process's interface follows, or
 *   %NULL when it was never applied
 */
const char *
shuati_interface_language_get_applied (void)
{
  return applied_choice;
}

/**
 * shuati_interface_language_needs_restart:
 * @choice: a nick of the "interface-language" setting
 *
 * Returns: whether the interface would speak another language with @choice
 *   than it does now
 */
gboolean
shuati_interface_language_needs_restart (const char *choice)
{
  const char *applied = applied_choice != NULL ? applied_choice : "system";

  return g_strcmp0 (shuati_interface_language_for_choice (choice),
                    shuati_interface_language_for_choice (applied)) != 0;
}

/**
 * shuati_interface_language_restore:
 *
 * Puts the desktop's language list back, so that a program started from
 * here (Shuati itself, when it restarts) chooses afresh.
 */
void
shuati_interface_language_restore (void)
{
  if (!system_language_set)
    return;
  if (system_language != NULL)
    g_setenv ("LANGUAGE", system_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}
