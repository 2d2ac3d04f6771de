/* shuati-application.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-preferences-window.h"
#include "shuati-window.h"
#include "shuati-application.h"

#define BUILTIN_DECK_RESOURCE "/io/github/shuati/Shuati/corpus/llm-interview.json"

struct _ShuatiApplication
{
  AdwApplication  parent_instance;

  ShuatiDeck     *deck;
};

G_DEFINE_FINAL_TYPE (ShuatiApplication, shuati_application, ADW_TYPE_APPLICATION)

static int
check_deck (const char *filename)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *languages = NULL;
  guint n_topics;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    {
      /* Places in the text read FILE:LINE:COLUMN, paths in the tree FILE: path. */
      if (g_error_matches (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_SYNTAX) ||
          g_error_matches (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_ENCODING) ||
          (g_error_matches (error, SHUATI_DECK_ERROR, SHUATI_DECK_ERROR_EMPTY) &&
           g_ascii_isdigit (error->message[0])))
        g_printerr ("%s:%s\n", filename, error->message);
      else
        g_printerr ("%s: %s\n", filename, error->message);
      return EXIT_FAILURE;
    }

  languages = g_strjoinv (", ", (char **)shuati_deck_get_languages (deck));
  n_topics = g_list_model_get_n_items (shuati_deck_get_topics (deck));
  /* Translators: the summary of a deck file, as in
   * "llm-interview: 24 cards, 5 topics, languages zh_CN, en" */
  g_print (_("%s: %u cards, %u topics, languages %s\n"),
           shuati_deck_get_id (deck),
           shuati_deck_get_n_cards (deck),
           n_topics,
           languages);

  return EXIT_SUCCESS;
}

static int
shuati_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  const char *filename = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "check-deck", "^&ay", &filename))
    return check_deck (filename);

  return G_APPLICATION_CLASS (shuati_application_parent_class)->handle_local_options (app, options);
}

static void
shuati_application_startup (GApplication *app)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (shuati_application_parent_class)->startup (app);

  self->deck = shuati_deck_new_from_resource (BUILTIN_DECK_RESOURCE, &error);
  if (self->deck == NULL)
    g_critical ("The built-in deck does not load: %s", error->message);
}

static void
shuati_application_activate (GApplication *app)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (shuati_window_new (self));

  gtk_window_present (window);
}

static void
shuati_application_dispose (GObject *object)
{
  ShuatiApplication *self = (ShuatiApplication *)object;

  g_clear_object (&self->deck);

  G_OBJECT_CLASS (shuati_application_parent_class)->dispose (object);
}

static void
shuati_application_class_init (ShuatiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = shuati_application_dispose;

  app_class->handle_local_options = shuati_application_handle_local_options;
  app_class->startup = shuati_application_startup;
  app_class->activate = shuati_application_activate;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ShuatiApplication *self = user_data;
  static const char *developers[] = { "The Shuati Developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Shuati"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Shuati Developers"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORTS,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "copyright", "© 2026 The Shuati Developers",
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ShuatiApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (shuati_preferences_window_new (parent));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
shuati_application_init (ShuatiApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { "check-deck", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Check a question bank file, print a summary and exit"), N_("FILE") },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Study question banks with flashcards."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

/**
 * shuati_application_new:
 *
 * Returns: (transfer full): the application
 */
ShuatiApplication *
shuati_application_new (void)
{
  return g_object_new (SHUATI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/shuati/Shuati",
                       NULL);
}

/**
 * shuati_application_get_deck:
 *
 * Returns: (transfer none) (nullable): the built-in deck
 */
ShuatiDeck *
shuati_application_get_deck (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);
  return self->deck;
}
