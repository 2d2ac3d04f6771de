/* shuati-application.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-backup.h"
#include "shuati-importer.h"
#include "shuati-optimizer.h"
#include "shuati-preset.h"
#include "shuati-preferences-window.h"
#include "shuati-safe-file.h"
#include "shuati-search-provider.h"
#include "shuati-services.h"
#include "shuati-text.h"
#include "shuati-window.h"
#include "shuati-application.h"

#define BUILTIN_DECK_RESOURCE "/io/github/shuati/Shuati/corpus/llm-interview.json"

/* How long a D-Bus activated service, started by the Shell's search, waits for
 * the next call before it exits. */
#define SERVICE_INACTIVITY_TIMEOUT_MS 10000

struct _ShuatiApplication
{
  AdwApplication        parent_instance;

  ShuatiDeck           *deck;
  ShuatiStore          *store;
  ShuatiLibrary        *library;
  ShuatiScheduler      *scheduler;
  GSettings            *settings;
  char                 *store_problem;
  ShuatiSearchProvider *search_provider;
  guint                 backup_source;
  GCancellable         *backup_cancellable;
  char                **restart_arguments;
  ShuatiSyncController *sync;
};

static void shuati_application_services_init (ShuatiServicesInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiApplication, shuati_application, ADW_TYPE_APPLICATION,
                               G_IMPLEMENT_INTERFACE (SHUATI_TYPE_SERVICES,
                                                      shuati_application_services_init))

/* Prints one line to the terminal: text from a deck file, a file name or
 * an argument can hold escape sequences that a terminal would obey. */
static void
print_line (gboolean    to_stderr,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
print_line (gboolean    to_stderr,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  safe = shuati_text_for_terminal (text, -1);
  if (to_stderr)
    g_printerr ("%s\n", safe);
  else
    g_print ("%s\n", safe);
}

static int
check_deck (const char *filename)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *cards = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *name = NULL;
  ShuatiDeck *deck;
  guint n_topics;

  /* Messages name the file as it was given, in UTF-8 even when its
   * name is not: "FILE:LINE:COLUMN: ..." for a place in the text,
   * "FILE: path: ..." for one in a deck's tree. */
  name = shuati_text_for_terminal (filename, -1);

  /* Regular files only, size checked first: not /dev/zero, not a FIFO. */
  bytes = shuati_safe_file_map (file, SHUATI_IMPORT_MAX_SIZE, NULL, &error);
  if (bytes == NULL)
    {
      print_line (TRUE, "%s: %s", name, error->message);
      return EXIT_FAILURE;
    }

  result = shuati_import_bytes (bytes, name, &error);
  if (result == NULL)
    {
      print_line (TRUE, "%s", error->message);
      return EXIT_FAILURE;
    }

  deck = shuati_import_result_get_deck (result);
  languages = g_strjoinv (", ", (char **)shuati_deck_get_languages (deck));
  n_topics = g_list_model_get_n_items (shuati_deck_get_topics (deck));
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                        shuati_deck_get_n_cards (deck)),
                           shuati_deck_get_n_cards (deck));
  topics = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n_topics), n_topics);
  /* Translators: the summary of a deck file, as in
   * "llm-interview: 24 cards, 5 topics, languages zh_CN, en" */
  print_line (FALSE, _("%s: %s, %s, languages %s"),
              shuati_deck_get_id (deck), cards, topics, languages);

  /* The decks an Anki collection makes, each in the same words. */
  for (guint i = 0; i < shuati_import_result_get_n_parts (result); i++)
    {
      ShuatiDeck *part = shuati_import_result_get_deck (shuati_import_result_get_part (result, i));
      guint n_part_topics = g_list_model_get_n_items (shuati_deck_get_topics (part));
      g_autofree char *part_languages = g_strjoinv (", ", (char **)shuati_deck_get_languages (part));
      g_autofree char *part_cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                                                  shuati_deck_get_n_cards (part)),
                                                     shuati_deck_get_n_cards (part));
      g_autofree char *part_topics = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics",
                                                                   n_part_topics), n_part_topics);
      g_autofree char *line = g_strdup_printf (_("%s: %s, %s, languages %s"), shuati_deck_get_id (part),
                                               part_cards, part_topics, part_languages);

      print_line (FALSE, "  %s", line);
    }

  for (guint i = 0; i < shuati_import_result_get_n_warnings (result); i++)
    {
      const ShuatiImportWarning *warning = shuati_import_result_get_warning (result, i);

      if (warning->line > 0)
        print_line (FALSE, "%s:%u: %s", name, warning->line, warning->message);
      else
        print_line (FALSE, "%s: %s", name, warning->message);
    }

  return EXIT_SUCCESS;
}

/* The weights of the deck's preset (the default preset's without a
 * deck), or the defaults when the settings hold no usable weights. */
static void
get_settings_weights (GSettings  *settings,
                      const char *deck_id,
                      double     *weights)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (settings, deck_id);

  memcpy (weights, preset->weights, sizeof (double) * SHUATI_FSRS_N_WEIGHTS);
}

static void
print_metrics (const char              *name,
               double                   before,
               double                   after,
               gboolean                 fitted)
{
  if (fitted)
    print_line (FALSE, "%s: %.4f → %.4f", name, before, after);
  else
    print_line (FALSE, "%s: –", name);
}

/* shuati --optimize [--deck ID]: fits the weights to the review log and
 * prints them, changing nothing. */
static int
optimize (const char *deck_id)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(ShuatiOptimizerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *weights = NULL;
  double start[SHUATI_FSRS_N_WEIGHTS];

  store = shuati_store_new_default (&error);
  if (store != NULL)
    log = shuati_optimizer_load_log (store, deck_id, &error);
  if (log == NULL)
    {
      print_line (TRUE, "%s", error->message);
      return EXIT_FAILURE;
    }

  get_settings_weights (settings, deck_id, start);
  result = shuati_optimizer_run ((const ShuatiReviewRecord *)(gpointer)log->data, log->len,
                                 start, NULL, NULL, NULL, &error);
  g_assert (result != NULL);

  /* Translators: "Reviews used: 812 of 1000 (120 cards); fitted on 650, tested on the latest 162" */
  print_line (FALSE, _("Reviews used: %u of %u (%u cards); fitted on %u, tested on the latest %u"),
              result->n_usable, result->n_reviews, result->n_cards, result->n_train, result->n_test);
  weights = shuati_optimizer_format_weights (result->weights);
  print_line (FALSE, _("Weights: %s"), weights);
  print_metrics (_("Log loss (current → fitted)"), result->before.log_loss, result->after.log_loss,
                 result->fitted);
  print_metrics (_("RMSE, binned (current → fitted)"), result->before.rmse_bins,
                 result->after.rmse_bins, result->fitted);
  if (result->fitted && result->better)
    print_line (FALSE, "%s", _("The fitted weights predict your latest reviews better than the "
                               "current ones; apply them in Preferences → Scheduling"));
  else if (result->message != NULL)
    print_line (FALSE, _("Keeping the current weights: %s"), result->message);
  if (result->inconsistent)
    print_line (FALSE, "%s", _("Health check: the latest month is predicted much worse than the "
                               "rest; grading may have become inconsistent"));

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

  if (g_variant_dict_contains (options, "optimize"))
    {
      const char *deck_id = NULL;

      g_variant_dict_lookup (options, "deck", "&s", &deck_id);
      return optimize (deck_id);
    }

  return G_APPLICATION_CLASS (shuati_application_parent_class)->handle_local_options (app, options);
}

/* What the window tells after a damaged progress file was replaced:
 * what became of the progress first, then where the damaged file went. */
static char *
describe_recovery (ShuatiStore *store)
{
  const char *moved = shuati_store_get_recovered_path (store);
  const char *backup = shuati_store_get_restored_backup (store);
  g_autoptr(GDateTime) date = backup ? shuati_backup_get_date (backup) : NULL;
  g_autofree char *day = NULL;

  if (date == NULL)
    return g_strdup_printf (_("Your progress file was damaged and has been moved to “%s”. Shuati started a new one."),
                            moved);

  /* Translators: a full date as a strftime()-like format for
   * g_date_time_format(); "%Y年%-m月%-d日" in Chinese */
  day = g_date_time_format (date, C_("full date", "%-d %B %Y"));
  /* Translators: the first %s is a date, as in "14 March 2026", the
   * second a file */
  return g_strdup_printf (_("Your progress file was damaged. It was restored from the backup of %s; "
                            "reviews made after it are lost. The damaged file has been moved to “%s”."),
                          day, moved);
}

static void
backup_written (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  ShuatiApplication *self;

  /* Cancelled when the application went away: @user_data is gone too. */
  if (!shuati_backup_write_finish (result, &written, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SHUATI_APPLICATION (user_data);
  if (error != NULL)
    g_message ("No backup of the progress file today: %s", error->message);
  else if (written != NULL)
    g_debug ("Progress backed up to %s", written);

  g_clear_object (&self->backup_cancellable);
  g_application_release (G_APPLICATION (self));
}

/* Backs up the progress file once a day, in a worker thread. The
 * application is held until the copy is done, so that closing the
 * window does not cut it short; a failure is only logged, and the
 * backup tried again at the next start. */
static gboolean
start_backup (gpointer user_data)
{
  ShuatiApplication *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->backup_source = 0;
  self->backup_cancellable = g_cancellable_new ();
  g_application_hold (G_APPLICATION (self));
  shuati_backup_write_async (shuati_store_get_path (self->store), now, self->backup_cancellable,
                             backup_written, self);

  return G_SOURCE_REMOVE;
}

/* The application's scheduler follows the default preset. */
static void
weights_changed (GSettings  *settings,
                 const char *key,
                 gpointer    user_data)
{
  ShuatiApplication *self = user_data;
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (settings, NULL);

  shuati_scheduler_set_weights (self->scheduler, preset->weights, SHUATI_FSRS_N_WEIGHTS);
  shuati_scheduler_set_learning_steps (self->scheduler, (const guint *)(gpointer)preset->learning_steps->data,
                                       preset->learning_steps->len);
  shuati_scheduler_set_relearning_steps (self->scheduler, (const guint *)(gpointer)preset->relearning_steps->data,
                                         preset->relearning_steps->len);
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
  g_clear_error (&error);

  self->settings = g_settings_new (APP_ID);
  self->scheduler = shuati_scheduler_new ();
  g_settings_bind (self->settings, "desired-retention", self->scheduler, "desired-retention", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "maximum-interval", self->scheduler, "maximum-interval", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "interval-fuzz", self->scheduler, "fuzz", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::fsrs-weights",
                           G_CALLBACK (weights_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->settings, "changed::learning-steps",
                           G_CALLBACK (weights_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->settings, "changed::relearning-steps",
                           G_CALLBACK (weights_changed), self, G_CONNECT_DEFAULT);
  weights_changed (self->settings, "fsrs-weights", self);

  /* Without its progress file the app still browses and practises; the
   * window says why studying is off. */
  self->store = shuati_store_new_default (&error);
  if (self->store == NULL)
    self->store_problem = g_strdup (error->message);
  else if (shuati_store_get_recovered_path (self->store) != NULL)
    self->store_problem = describe_recovery (self->store);

  /* From the main loop, once it runs: not for a command line that ends
   * at once, whose failure g_application_run() would report as success
   * were the application held by then. */
  if (self->store != NULL)
    self->backup_source = g_idle_add_full (G_PRIORITY_LOW, start_backup, self, NULL);
  if (self->store != NULL)
    self->sync = shuati_sync_controller_new (self->settings, self->store, self->scheduler);
}

static void
shuati_application_activate (GApplication *app)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (shuati_window_new (GTK_APPLICATION (self)));

  gtk_window_present (window);
}

/* A file travels to the window's "win.import-file" as its path, a
 * bytestring in the encoding of the file system, or as a URI when it has
 * no path: never as UTF-8 text, which a file name need not be. */
static GVariant *
file_parameter (GFile *file)
{
  g_autofree char *name = g_file_get_path (file);

  if (name == NULL)
    name = g_file_get_uri (file);

  return g_variant_new_bytestring (name);
}

/* How a file shows in a message: its path in UTF-8, a character that
 * does not convert as U+FFFD, as GLib's own messages show it. */
static char *
file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_name (path) : g_file_get_parse_name (file);
}

/* A local file that is not there, or is a folder, is refused at once,
 * with the status of the command line, rather than in the window. */
static gboolean
check_file_argument (GFile   *file,
                     GError **error)
{
  g_autofree char *name = NULL;

  if (!g_file_is_native (file))
    return TRUE;

  switch (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL))
    {
    case G_FILE_TYPE_UNKNOWN:
      name = file_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot import “%s”: there is no such file"), name);
      return FALSE;

    case G_FILE_TYPE_DIRECTORY:
      name = file_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Cannot import “%s”: it is a folder, not a question bank"), name);
      return FALSE;

    default:
      return TRUE;
    }
}

/* How a file argument shows in a message: in UTF-8, whatever the
 * encoding of its name. */
static char *
display_file_argument (GVariant *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_bytestring (parameter));

  return file_display_name (file);
}

static void
print_unsupported (GApplicationCommandLine *cmdline,
                   const char              *action_name,
                   GVariant                *parameter)
{
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;

  if (g_str_equal (action_name, "win.import-file"))
    {
      g_autofree char *name = display_file_argument (parameter);

      text = g_strdup_printf (_("Cannot import “%s”: this version of Shuati does not import question banks"),
                              name);
    }
  else if (g_str_equal (action_name, "win.select-topic"))
    text = g_strdup (_("This version of Shuati cannot open a topic from the command line"));
  else if (g_str_equal (action_name, "win.study"))
    text = g_strdup (_("This version of Shuati cannot start a review from the command line"));
  else if (g_str_equal (action_name, "win.search"))
    text = g_strdup (_("This version of Shuati cannot search from the command line"));
  else
    text = g_strdup_printf (_("This version of Shuati cannot do “%s”"), action_name);

  safe = shuati_text_for_terminal (text, -1);
  g_application_command_line_printerr (cmdline, "%s\n", safe);
}

static int
shuati_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *cmdline)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GError) error = NULL;
  GVariantDict *options;
  GtkWindow *window;
  GVariantIter iter;
  const char *action_name;
  GVariant *parameter;
  int status = EXIT_SUCCESS;

  options = g_application_command_line_get_options_dict (cmdline);
  plan = shuati_application_plan_command_line (self, options,
                                               g_application_command_line_get_cwd (cmdline),
                                               &error);
  if (plan == NULL)
    {
      g_autofree char *safe = shuati_text_for_terminal (error->message, -1);

      g_application_command_line_printerr (cmdline, "%s\n", safe);
      return EXIT_FAILURE;
    }

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    return EXIT_FAILURE;

  g_variant_iter_init (&iter, plan);
  while (g_variant_iter_next (&iter, "(&smv)", &action_name, &parameter))
    {
      if (!gtk_widget_activate_action_variant (GTK_WIDGET (window), action_name, parameter))
        {
          print_unsupported (cmdline, action_name, parameter);
          status = EXIT_FAILURE;
        }
      g_clear_pointer (&parameter, g_variant_unref);
    }

  return status;
}

static void
shuati_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);

  g_application_activate (app);

  for (int i = 0; i < n_files; i++)
    {
      if (!shuati_application_present_action (self, "win.import-file", file_parameter (files[i])))
        {
          g_autofree char *name = file_display_name (files[i]);
          g_autofree char *text = NULL;
          g_autofree char *safe = NULL;

          text = g_strdup_printf (_("Cannot import “%s”: this version of Shuati does not import question banks"),
                                  name);
          safe = shuati_text_for_terminal (text, -1);
          g_printerr ("%s\n", safe);
        }
    }
}

static gboolean
shuati_application_dbus_register (GApplication     *app,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);
  g_autofree char *provider_path = NULL;

  if (!G_APPLICATION_CLASS (shuati_application_parent_class)->dbus_register (app, connection,
                                                                             object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = shuati_search_provider_new (SHUATI_SERVICES (self));

  provider_path = g_strconcat (object_path, "/SearchProvider", NULL);
  if (!shuati_search_provider_export (self->search_provider, connection, provider_path, error))
    return FALSE;

  /* Started by the Shell's search: stay a while for the next keystroke
   * instead of starting again for each. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SERVICE_INACTIVITY_TIMEOUT_MS);

  return TRUE;
}

static void
shuati_application_dbus_unregister (GApplication    *app,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  ShuatiApplication *self = SHUATI_APPLICATION (app);

  if (self->search_provider != NULL)
    shuati_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (shuati_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
shuati_application_dispose (GObject *object)
{
  ShuatiApplication *self = (ShuatiApplication *)object;

  g_clear_handle_id (&self->backup_source, g_source_remove);
  g_cancellable_cancel (self->backup_cancellable);
  g_clear_object (&self->backup_cancellable);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->sync);
  g_clear_object (&self->deck);
  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->store_problem, g_free);
  g_clear_pointer (&self->restart_arguments, g_strfreev);

  G_OBJECT_CLASS (shuati_application_parent_class)->dispose (object);
}

/* GTK 4.8 lays a tooltip out at its narrowest: as wide as its longest
 * word, which in Chinese is a single character, so "主菜单" came out one
 * character a line. A tooltip of these asks for the width of its text,
 * up to forty columns, and wraps beyond that. */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;
  int columns = 0;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (columns, 40));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);

  return TRUE;
}

static void
widen_tooltips (GtkWidget *widget)
{
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    widen_tooltips (child);
}

static void
shuati_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (shuati_application_parent_class)->window_added (app, window);

  widen_tooltips (GTK_WIDGET (window));
}

static void
shuati_application_class_init (ShuatiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = shuati_application_dispose;
  gtk_app_class->window_added = shuati_application_window_added;

  app_class->handle_local_options = shuati_application_handle_local_options;
  app_class->startup = shuati_application_startup;
  app_class->activate = shuati_application_activate;
  app_class->command_line = shuati_application_command_line;
  app_class->open = shuati_application_open;
  app_class->dbus_register = shuati_application_dbus_register;
  app_class->dbus_unregister = shuati_application_dbus_unregister;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ShuatiApplication *self = user_data;
  static const char *developers[] = { "The Shuati Developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_object_set (about,
                "application-name", _("Shuati"),
                "application-icon", APP_ID,
                "developer-name", _("The Shuati Developers"),
                "version", PACKAGE_VERSION,
                "website", PACKAGE_WEBSITE,
                "issue-url", PACKAGE_BUGREPORTS,
                "license-type", GTK_LICENSE_GPL_3_0,
                "developers", developers,
                "copyright", "© 2026 The Shuati Developers",
                "comments", _("Study question banks with flashcards, scheduled with FSRS-6."),
                /* Translators: put your names here, one per line */
                "translator-credits", _("translator-credits"),
                NULL);

  /* Where the built-in questions come from: every built-in deck once the
   * library has loaded, the first one until then. */
  {
    g_autoptr(GPtrArray) decks = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) credits = g_ptr_array_new_with_free_func (g_free);

    if (self->library != NULL && !shuati_library_get_loading (self->library))
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->library)); i++)
        {
          g_autoptr(ShuatiDeck) deck = g_list_model_get_item (G_LIST_MODEL (self->library), i);

          if (shuati_library_is_builtin (self->library, shuati_deck_get_id (deck)))
            g_ptr_array_add (decks, g_steal_pointer (&deck));
        }
    if (decks->len == 0 && self->deck != NULL)
      g_ptr_array_add (decks, g_object_ref (self->deck));

    for (guint i = 0; i < decks->len; i++)
      {
        ShuatiDeck *deck = g_ptr_array_index (decks, i);
        const char *source = shuati_deck_get_source (deck);
        const char *title = shuati_deck_get_title (deck, g_get_language_names ());

        g_ptr_array_add (credits, source != NULL ? g_strdup_printf ("%s (%s)", title, source) : g_strdup (title));
      }
    g_ptr_array_add (credits, NULL);

    if (decks->len > 0)
      adw_about_window_add_acknowledgement_section (about, _("Built-in Question Banks"),
                                                    (const char **)credits->pdata);
  }

  gtk_window_present (GTK_WINDOW (about));
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

/* Closing each window saves where it was (deck, sidebar choice, card), so
 * the restarted program opens there; the search goes on its command line. */
static void
restart_now (ShuatiApplication *self)
{
  g_autoptr(GStrvBuilder) arguments = g_strv_builder_new ();
  g_autoptr(GList) windows = NULL;
  GtkWindow *active;

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (SHUATI_IS_WINDOW (active))
    {
      ShuatiWindow *window = SHUATI_WINDOW (active);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (shuati_window_get_search_entry (window)));

      if (gtk_search_bar_get_search_mode (shuati_window_get_search_bar (window)) && text[0] != '\0')
        {
          g_strv_builder_add (arguments, "--search");
          g_strv_builder_add (arguments, text);
        }
    }

  g_clear_pointer (&self->restart_arguments, g_strfreev);
  self->restart_arguments = g_strv_builder_end (arguments);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
restart_when_idle (gpointer user_data)
{
  restart_now (user_data);
  return G_SOURCE_REMOVE;
}

/* From the main loop: the dialog finishes its response before the windows,
 * the dialog among them, close. */
static void
on_restart_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     ShuatiApplication *self)
{
  if (g_str_equal (response, "restart"))
    g_idle_add_full (G_PRIORITY_DEFAULT, restart_when_idle, g_object_ref (self), g_object_unref);
}

static void
restart_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ShuatiApplication *self = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwMessageDialog *dialog;

  if (!SHUATI_IS_WINDOW (active) || !shuati_window_is_reviewing (SHUATI_WINDOW (active)))
    {
      restart_now (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (active, _("End the Review and Restart?"),
                                                       _("Every grade given so far is saved. Shuati opens again on the same deck and card.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restart", _("_Restart"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restart", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restart");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restart_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "restart", restart_action },
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
    { "optimize", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fit the memory model to the review history, print the weights and exit"), NULL },
    { "deck", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --optimize, use only this deck’s reviews"), N_("ID") },
    { "topic", 't', 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the topic with this id"), N_("ID") },
    { "review", 'r', 0, G_OPTION_ARG_NONE, NULL,
      N_("Start reviewing the cards that are due"), NULL },
    { "search", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Open with this text in the search bar"), N_("TEXT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("Question bank files to import"), N_("[FILE…]") },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Study question banks with flashcards."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("With files, imports them as question banks. "
                                                  "When Shuati is already running, its window "
                                                  "opens what the command asks for."));

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
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
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

/**
 * shuati_application_present_action:
 * @self: the application
 * @action_name: a window action, as "win.open-card"
 * @parameter: (nullable) (transfer floating): its parameter
 *
 * Opens or raises the main window, then activates @action_name on it.
 *
 * Returns: whether the window has the action
 */
gboolean
shuati_application_present_action (ShuatiApplication *self,
                                   const char        *action_name,
                                   GVariant          *parameter)
{
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  GtkWindow *window;

  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (action_name != NULL, FALSE);

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    return FALSE;

  return gtk_widget_activate_action_variant (GTK_WIDGET (window), action_name, owned);
}

/**
 * shuati_application_plan_command_line:
 * @self: the application, started up
 * @options: the parsed options of a command line
 * @cwd: (nullable): the directory relative file names start from
 * @error: where to put an error
 *
 * Turns a command line into the window actions that carry it out, in
 * order, and checks its arguments against the deck before any window
 * opens.
 *
 * Returns: (transfer full) (nullable): an `a(smv)` array of action names
 *   and parameters, or %NULL with @error set
 */
GVariant *
shuati_application_plan_command_line (ShuatiApplication  *self,
                                      GVariantDict       *options,
                                      const char         *cwd,
                                      GError            **error)
{
  g_auto(GVariantBuilder) plan = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(smv)"));
  g_autofree const char **files = NULL;
  const char *topic_id = NULL;
  const char *text = NULL;

  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_variant_dict_lookup (options, "topic", "&s", &topic_id))
    {
      if (self->deck == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("Cannot open the topic “%s”: the built-in question bank did not load"),
                       topic_id);
          return NULL;
        }
      if (shuati_deck_lookup_topic (self->deck, topic_id) == NULL)
        {
          GListModel *topics = shuati_deck_get_topics (self->deck);
          guint n_topics = g_list_model_get_n_items (topics);
          g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
          g_auto(GStrv) known = NULL;
          g_autofree char *list = NULL;

          for (guint i = 0; i < n_topics; i++)
            {
              g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

              g_strv_builder_add (ids, shuati_topic_get_id (topic));
            }
          known = g_strv_builder_end (ids);
          list = g_strjoinv (", ", known);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the second %s is a list of topic ids */
                       _("There is no topic “%s”; the topics are: %s"),
                       topic_id, list);
          return NULL;
        }
      g_variant_builder_add (&plan, "(smv)", "win.select-topic", g_variant_new_string (topic_id));
    }

  if (g_variant_dict_lookup (options, "search", "&s", &text))
    g_variant_builder_add (&plan, "(smv)", "win.search", g_variant_new_string (text));

  if (g_variant_dict_contains (options, "review"))
    g_variant_builder_add (&plan, "(smv)", "win.study", NULL);

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files))
    {
      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autoptr(GFile) file = NULL;

          file = cwd != NULL ? g_file_new_for_commandline_arg_and_cwd (files[i], cwd)
                             : g_file_new_for_commandline_arg (files[i]);
          if (!check_file_argument (file, error))
            return NULL;
          g_variant_builder_add (&plan, "(smv)", "win.import-file", file_parameter (file));
        }
    }

  return g_variant_ref_sink (g_variant_builder_end (&plan));
}

static void
on_library_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShuatiApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  ShuatiDeck *builtin;

  if (!shuati_library_load_finish (SHUATI_LIBRARY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the decks: %s", error->message);
      return;
    }

  /* From now on the library's copy of the built-in deck is the one. */
  builtin = self->deck != NULL ? shuati_library_lookup (SHUATI_LIBRARY (object), shuati_deck_get_id (self->deck)) : NULL;
  if (builtin != NULL)
    g_set_object (&self->deck, builtin);
}

/**
 * shuati_application_get_library:
 *
 * The library starts loading, in a worker thread, the first time it is
 * asked for.
 *
 * Returns: (transfer none): the built-in and the learner's decks
 */
ShuatiLibrary *
shuati_application_get_library (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);

  if (self->library == NULL)
    {
      self->library = shuati_library_new (NULL, NULL);
      shuati_library_load_async (self->library, NULL, on_library_loaded, g_object_ref (self));
      if (self->sync != NULL)
        shuati_sync_controller_set_library (self->sync, self->library);
    }

  return self->library;
}

/**
 * shuati_application_get_store:
 *
 * Returns: (transfer none) (nullable): where study progress is kept, or
 *   %NULL if it could not be opened
 */
ShuatiStore *
shuati_application_get_store (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * shuati_application_get_scheduler:
 *
 * Returns: (transfer none): the scheduler, following the settings
 */
ShuatiScheduler *
shuati_application_get_scheduler (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);
  return self->scheduler;
}

/**
 * shuati_application_get_sync_controller:
 *
 * Returns: (transfer none) (nullable): sync through a folder, or %NULL
 *   without a progress file
 */
ShuatiSyncController *
shuati_application_get_sync_controller (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);

  return self->sync;
}

/**
 * shuati_application_take_store_problem:
 *
 * Returns: (transfer full) (nullable): what went wrong with the progress
 *   file at start-up, once
 */
char *
shuati_application_take_store_problem (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);
  return g_steal_pointer (&self->store_problem);
}

/**
 * shuati_application_steal_restart_arguments:
 *
 * After the application has run: whether it asked to be started again, and
 * with which arguments (the program's name not included).
 *
 * Returns: (transfer full) (nullable): the arguments, or %NULL when the
 *   application is not to be restarted
 */
char **
shuati_application_steal_restart_arguments (ShuatiApplication *self)
{
  g_return_val_if_fail (SHUATI_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->restart_arguments);
}

/* What the windows and the Shell's search ask of the application. */
static ShuatiDeck *
services_get_deck (ShuatiServices *services)
{
  return shuati_application_get_deck (SHUATI_APPLICATION (services));
}

static ShuatiStore *
services_get_store (ShuatiServices *services)
{
  return shuati_application_get_store (SHUATI_APPLICATION (services));
}

static ShuatiLibrary *
services_get_library (ShuatiServices *services)
{
  return shuati_application_get_library (SHUATI_APPLICATION (services));
}

static ShuatiScheduler *
services_get_scheduler (ShuatiServices *services)
{
  return shuati_application_get_scheduler (SHUATI_APPLICATION (services));
}

static char *
services_take_store_problem (ShuatiServices *services)
{
  return shuati_application_take_store_problem (SHUATI_APPLICATION (services));
}

static gboolean
services_present_action (ShuatiServices *services,
                         const char     *action_name,
                         GVariant       *parameter)
{
  return shuati_application_present_action (SHUATI_APPLICATION (services), action_name, parameter);
}

static void
shuati_application_services_init (ShuatiServicesInterface *iface)
{
  iface->get_deck = services_get_deck;
  iface->get_store = services_get_store;
  iface->get_library = services_get_library;
  iface->get_scheduler = services_get_scheduler;
  iface->take_store_problem = services_take_store_problem;
  iface->present_action = services_present_action;
}
