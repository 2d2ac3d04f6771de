/* shuati-window-library.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-anki-export.h"
#include "shuati-application.h"
#include "shuati-exporter.h"
#include "shuati-importer.h"
#include "shuati-library.h"
#include "shuati-progress.h"
#include "shuati-safe-file.h"
#include "shuati-window-private.h"

/* The window's part in the library: bringing question banks in, taking
 * decks and progress out, and removing decks. */

/* A message dialog wraps its text between words only, so a long file
 * name or path, one word of thousands of characters, would make it as
 * wide: let its labels break anywhere instead. */
static void
wrap_anywhere (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
      wrap_anywhere (child);
    }
}

static void
show_error (ShuatiWindow *self,
            const char   *heading,
            const char   *body)
{
  /* The message may quote a file name that is not UTF-8. */
  g_autofree char *text = g_utf8_make_valid (body, -1);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, text);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  wrap_anywhere (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file's name as the window shows it: in UTF-8 whatever its encoding. */
static char *
display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "");
}

void
_shuati_window_update_deck_actions (ShuatiWindow *self)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  gboolean user_deck = self->deck != NULL && library != NULL &&
                       shuati_library_lookup (library, shuati_deck_get_id (self->deck)) != NULL &&
                       !shuati_library_is_builtin (library, shuati_deck_get_id (self->deck));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-deck", user_deck);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-progress",
                                 self->progress != NULL && shuati_progress_get_store (self->progress) != NULL);
}

static void import_file (ShuatiWindow *self,
                         GFile        *file);

/* Imports the file that came while the window could not take it. */
static void
import_pending (ShuatiWindow *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_import);

  if (file != NULL)
    import_file (self, file);
}

/* Library ------------------------------------------------------------------ */

static void
on_library_items_changed (ShuatiWindow *self)
{
  _shuati_window_rebuild_sidebar (self);
  _shuati_window_apply_sidebar_choice (self);
  _shuati_window_update_deck_actions (self);
}

static void
on_library_loading_changed (ShuatiWindow  *self,
                            GParamSpec    *pspec,
                            ShuatiLibrary *library)
{
  GPtrArray *errors;

  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->library_progress), _("Loading your decks…"));
  gtk_widget_set_visible (self->library_progress, shuati_library_get_loading (library));
  if (shuati_library_get_loading (library))
    return;

  /* The library has its own copy of the deck shown: use it. */
  if (self->deck != NULL)
    {
      ShuatiDeck *same = shuati_library_lookup (library, shuati_deck_get_id (self->deck));

      if (same != NULL && same != self->deck)
        {
          g_autofree char *key = shuati_window_dup_sidebar_key (self);
          ShuatiCard *card = shuati_window_get_selected_card (self);
          g_autofree char *card_id = card != NULL ? g_strdup (shuati_card_get_id (card)) : NULL;

          shuati_window_set_deck (self, same);
          if (key != NULL)
            shuati_window_select_sidebar (self, key);
          if (card_id != NULL)
            shuati_window_select_card (self, card_id);
        }
    }

  if (self->pending_sidebar != NULL)
    {
      g_autofree char *sidebar = g_steal_pointer (&self->pending_sidebar);
      g_autofree char *card = g_steal_pointer (&self->pending_card);

      _shuati_window_restore_choice (self, sidebar, card);
    }

  import_pending (self);

  errors = shuati_library_get_load_errors (library);
  if (errors != NULL && errors->len > 0)
    {
      GError *first = g_ptr_array_index (errors, 0);
      g_autofree char *text = NULL;

      /* Translators: %u is how many deck files, %s the first one's problem */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u deck could not be read: %s",
                                           "%u decks could not be read; the first: %s",
                                           errors->len),
                              errors->len, first->message);
      _shuati_window_show_toast (self, text);
    }

  _shuati_window_update_deck_actions (self);
}

static void
on_library_progress (ShuatiWindow  *self,
                     GParamSpec    *pspec,
                     ShuatiLibrary *library)
{
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->library_progress),
                                 shuati_library_get_progress (library));
}

/* Import --------------------------------------------------------------------- */

/* The decks one Anki collection makes, added together: the window says
 * so once they are all in, and writes their histories one after another. */
typedef struct
{
  guint      n_left;
  GPtrArray *parts;     /* of ShuatiImportResult, the decks to add */
  GPtrArray *decks;     /* of ShuatiDeck, as added; NULL for a part not added */
} ImportGroup;

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Keeps @deck, made of @part, in the collection's order of decks. */
static void
import_group_add (ImportGroup        *group,
                  ShuatiImportResult *part,
                  ShuatiDeck         *deck)
{
  guint position = 0;

  if (!g_ptr_array_find (group->parts, part, &position))
    return;
  g_clear_object ((ShuatiDeck **)&group->decks->pdata[position]);
  group->decks->pdata[position] = g_object_ref (deck);
}

static void
import_group_clear (gpointer data)
{
  ImportGroup *group = data;

  g_ptr_array_unref (group->decks);
  g_ptr_array_unref (group->parts);
}

typedef struct
{
  ShuatiWindow       *window;
  ShuatiImportResult *result;
  ImportGroup        *group;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->result);
  if (data->group != NULL)
    g_rc_box_release_full (data->group, import_group_clear);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportData, import_data_free)

static ImportData *
import_data_new (ShuatiWindow       *self,
                 ShuatiImportResult *result)
{
  ImportData *data = g_new0 (ImportData, 1);

  data->window = g_object_ref (self);
  data->result = g_object_ref (result);
  return data;
}

static gboolean
pulse_progress (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

/* The bar under the sidebar pulses and says what the window is doing
 * while it reads a file to import or adds a deck; it goes when the last
 * of these ends. */
static void
begin_busy (ShuatiWindow *self,
            const char   *text)
{
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->library_progress), text);
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->library_progress));
  gtk_widget_set_visible (self->library_progress, TRUE);
  if (self->import_pulse == 0)
    self->import_pulse = g_timeout_add (150, pulse_progress, self->library_progress);
  self->n_busy++;
}

static void
end_busy (ShuatiWindow *self)
{
  g_assert (self->n_busy > 0);

  if (--self->n_busy > 0)
    return;
  g_clear_handle_id (&self->import_pulse, g_source_remove);
  gtk_widget_set_visible (self->library_progress, FALSE);
}

static void
add_imported (ShuatiWindow         *self,
              ShuatiImportResult   *result,
              ShuatiLibraryAddMode  mode);

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      ImportData       *data)
{
  if (g_str_equal (response, "rename"))
    add_imported (data->window, data->result, SHUATI_LIBRARY_ADD_RENAME);
  else if (g_str_equal (response, "replace"))
    add_imported (data->window, data->result, SHUATI_LIBRARY_ADD_REPLACE);
}

/* Asks, in @dialog, whether decks the library has already are replaced
 * or kept beside the new ones; @on_response gets the answer with the
 * import. */
static void
present_replace_question (ShuatiWindow       *self,
                          GtkWidget          *dialog,
                          ShuatiImportResult *result,
                          GCallback           on_response)
{
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Keep Both"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", on_response,
                         import_data_new (self, result),
                         (GClosureNotify)(void (*) (void))import_data_free, 0);
  wrap_anywhere (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_to_replace (ShuatiWindow       *self,
                ShuatiImportResult *result)
{
  ShuatiDeck *imported = shuati_import_result_get_deck (result);
  /* The question is about the deck the library has, not the new one. */
  ShuatiLibrary *library = _shuati_window_get_library (self);
  ShuatiDeck *existing = library != NULL ? shuati_library_lookup (library, shuati_deck_get_id (imported)) : NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Deck?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Your library already has a deck “%s”. Replacing it keeps your progress on its cards; keeping both adds this one as a new deck."),
                                  shuati_deck_get_title (existing != NULL ? existing : imported,
                                                         g_get_language_names ()));
  present_replace_question (self, dialog, result, G_CALLBACK (on_conflict_response));
}

/* An Anki package's study history joins the progress file once its
 * deck is in, under the id the deck got; cards that already have
 * progress in that deck keep it. A hundred thousand reviews take a few
 * seconds to write: a worker writes them through a connection of its
 * own to the same file, and the window's store then tells everyone that
 * the deck changed. */
typedef struct
{
  ShuatiWindow       *window;
  ShuatiStore        *store;
  GPtrArray          *results;    /* of ShuatiImportResult, one per deck */
  GPtrArray          *deck_ids;   /* the ids the decks got */
} HistoryJob;

static void
history_job_free (HistoryJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->store);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_pointer (&job->deck_ids, g_ptr_array_unref);
  g_free (job);
}

static void
history_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HistoryJob *job = task_data;
  g_autoptr(ShuatiStore) store = NULL;
  GError *error = NULL;

  store = shuati_store_new (shuati_store_get_path (job->store), &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->results->len; i++)
    {
      ShuatiImportResult *result = g_ptr_array_index (job->results, i);
      const char *deck_id = g_ptr_array_index (job->deck_ids, i);
      GArray *reviews = NULL;
      GHashTable *memories = NULL;
      GPtrArray *suspended, *buried = NULL;

      shuati_import_result_get_history (result, &reviews, &memories);
      suspended = shuati_import_result_get_suspended (result, &buried);
      if ((memories != NULL &&
           !shuati_store_import_history (store, deck_id, reviews, memories, NULL, &error)) ||
          !shuati_store_import_marks (store, deck_id, suspended, buried,
                                      shuati_day_end (g_get_real_time () / G_USEC_PER_SEC), &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_history_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  HistoryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_busy (job->window);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (gtk_window_get_application (GTK_WINDOW (job->window)) != NULL)
        show_error (job->window, _("Could Not Add the Study History"), error->message);
      return;
    }
  for (guint i = 0; i < job->deck_ids->len; i++)
    g_signal_emit_by_name (job->store, "changed", g_ptr_array_index (job->deck_ids, i), NULL);
}

/* @results[i] went into the library as @decks[i]. */
static void
import_histories (ShuatiWindow *self,
                  GPtrArray    *results,
                  GPtrArray    *decks)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ShuatiStore *store = SHUATI_IS_APPLICATION (app) ? shuati_application_get_store (SHUATI_APPLICATION (app)) : NULL;
  g_autoptr(GTask) task = NULL;
  HistoryJob *job;

  if (store == NULL)
    return;

  job = g_new0 (HistoryJob, 1);
  job->results = g_ptr_array_new_with_free_func (g_object_unref);
  job->deck_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < results->len; i++)
    {
      ShuatiImportResult *result = g_ptr_array_index (results, i);
      GPtrArray *suspended, *buried = NULL;

      suspended = shuati_import_result_get_suspended (result, &buried);
      if (!shuati_import_result_get_history (result, NULL, NULL) &&
          (suspended == NULL || suspended->len == 0) && (buried == NULL || buried->len == 0))
        continue;
      g_ptr_array_add (job->results, g_object_ref (result));
      g_ptr_array_add (job->deck_ids, g_strdup (shuati_deck_get_id (g_ptr_array_index (decks, i))));
    }
  if (job->results->len == 0)
    {
      history_job_free (job);
      return;
    }
  job->window = g_object_ref (self);
  job->store = g_object_ref (store);

  begin_busy (self, _("Adding the study history…"));
  task = g_task_new (NULL, NULL, on_history_written, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)history_job_free);
  g_task_run_in_thread (task, history_thread);
}

static void
import_history (ShuatiWindow       *self,
                ShuatiImportResult *result,
                ShuatiDeck         *deck)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  g_autoptr(GPtrArray) decks = g_ptr_array_new ();

  g_ptr_array_add (results, result);
  g_ptr_array_add (decks, deck);
  import_histories (self, results, decks);
}

/* The last deck of a collection is in: one toast for them all. */
static void
finish_group (ShuatiWindow *self,
              ImportGroup  *group)
{
  g_autofree char *text = NULL;

  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) decks = g_ptr_array_new ();

  for (guint i = 0; i < group->parts->len; i++)
    if (g_ptr_array_index (group->decks, i) != NULL)
      {
        g_ptr_array_add (parts, g_ptr_array_index (group->parts, i));
        g_ptr_array_add (decks, g_ptr_array_index (group->decks, i));
      }
  if (decks->len == 0)
    return;
  import_histories (self, parts, decks);
  shuati_window_set_deck (self, g_ptr_array_index (decks, 0));
  if (decks->len == 1)
    text = g_strdup_printf (_("“%s” was added to your library"),
                            shuati_deck_get_title (g_ptr_array_index (decks, 0), g_get_language_names ()));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deck was added to your library",
                                         "%u decks were added to your library", decks->len),
                            decks->len);
  _shuati_window_show_toast (self, text);
}

static void
on_add_finished (GObject      *object,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  g_autoptr(ImportData) data = user_data;
  ShuatiWindow *self = data->window;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  deck = shuati_library_add_imported_finish (SHUATI_LIBRARY (object), async_result, &error);
  end_busy (self);
  if (--self->n_adding == 0)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);

  /* Closed meanwhile: the deck is in the library all the same, and there
   * is no one left to ask or to tell. */
  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    return;

  if (g_error_matches (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS))
    ask_to_replace (self, data->result);
  else if (deck == NULL)
    show_error (self, _("Could Not Add the Deck"), error->message);
  else if (data->group != NULL)
    import_group_add (data->group, data->result, deck);
  else
    {
      import_history (self, data->result, deck);
      shuati_window_set_deck (self, deck);
      text = g_strdup_printf (_("“%s” was added to your library"),
                              shuati_deck_get_title (deck, g_get_language_names ()));
      _shuati_window_show_toast (self, text);
    }

  if (data->group != NULL && --data->group->n_left == 0)
    finish_group (self, data->group);

  if (self->n_adding == 0)
    import_pending (self);
}

/* Writing a large deck takes a moment: the window stays responsive,
 * says what it does, and takes no other bank until the deck is in. */
static void
add_imported (ShuatiWindow         *self,
              ShuatiImportResult   *result,
              ShuatiLibraryAddMode  mode)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  ShuatiDeck *imported = shuati_import_result_get_deck (result);
  g_autofree char *text = NULL;

  if (library == NULL)
    return;

  /* Translators: %s is the title of a deck being saved in the library */
  text = g_strdup_printf (_("Adding “%s” to your library…"),
                          shuati_deck_get_title (imported, g_get_language_names ()));
  begin_busy (self, text);
  self->n_adding++;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  shuati_library_add_imported_async (library, result, mode, NULL, on_add_finished,
                                     import_data_new (self, result));
}

static void add_parts (ShuatiWindow         *self,
                       ShuatiImportResult   *result,
                       ShuatiLibraryAddMode  mode);

static void
on_parts_conflict_response (AdwMessageDialog *dialog,
                            const char       *response,
                            ImportData       *data)
{
  if (g_str_equal (response, "rename"))
    add_parts (data->window, data->result, SHUATI_LIBRARY_ADD_RENAME);
  else if (g_str_equal (response, "replace"))
    add_parts (data->window, data->result, SHUATI_LIBRARY_ADD_REPLACE);
}

/* Some of the decks a collection makes are in the library already (from
 * an earlier import of it, or decks of the same names): one question for
 * them all. */
static void
ask_to_replace_parts (ShuatiWindow       *self,
                      ShuatiImportResult *result,
                      GPtrArray          *existing)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Decks?"), NULL);
  if (existing->len == 1)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("Your library already has a deck “%s”. Replacing it keeps your progress on its cards; keeping both adds this one as a new deck."),
                                    (char *)g_ptr_array_index (existing, 0));
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < existing->len; i++)
        {
          if (i > 0)
            /* Translators: between deck names in a list */
            g_string_append (names, _(", "));
          g_string_append_printf (names, _("“%s”"), (char *)g_ptr_array_index (existing, i));
        }
      /* Translators: %u is at least 2; %s lists the decks' names */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "Your library already has %u of these decks: %s. Replacing them keeps your progress on their cards; keeping both adds them as new decks.",
                                                   "Your library already has %u of these decks: %s. Replacing them keeps your progress on their cards; keeping both adds them as new decks.",
                                                   existing->len),
                                      existing->len, names->str);
    }
  present_replace_question (self, dialog, result, G_CALLBACK (on_parts_conflict_response));
}

/* Every deck a collection makes, each as add_imported() adds one. */
static void
add_parts (ShuatiWindow         *self,
           ShuatiImportResult   *result,
           ShuatiLibraryAddMode  mode)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  guint n_parts = shuati_import_result_get_n_parts (result);
  g_autofree char *text = NULL;
  ImportGroup *group;

  if (library == NULL)
    return;

  if (mode == SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS)
    {
      g_autoptr(GPtrArray) existing = g_ptr_array_new ();

      for (guint i = 0; i < n_parts; i++)
        {
          ShuatiDeck *deck = shuati_import_result_get_deck (shuati_import_result_get_part (result, i));
          ShuatiDeck *same = shuati_library_lookup (library, shuati_deck_get_id (deck));

          if (same != NULL)
            g_ptr_array_add (existing, (gpointer)shuati_deck_get_title (same, g_get_language_names ()));
        }
      if (existing->len > 0)
        {
          ask_to_replace_parts (self, result, existing);
          return;
        }
    }

  group = g_rc_box_new0 (ImportGroup);
  group->n_left = n_parts;
  group->parts = g_ptr_array_new_with_free_func (g_object_unref);
  group->decks = g_ptr_array_new_with_free_func (unref_if_set);
  for (guint i = 0; i < n_parts; i++)
    g_ptr_array_add (group->parts, g_object_ref (shuati_import_result_get_part (result, i)));
  g_ptr_array_set_size (group->decks, n_parts);
  /* Translators: %u is how many decks an Anki collection makes */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adding %u deck to your library…",
                                       "Adding %u decks to your library…", n_parts), n_parts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  for (guint i = 0; i < n_parts; i++)
    {
      ImportData *data = import_data_new (self, shuati_import_result_get_part (result, i));

      data->group = g_rc_box_acquire (group);
      begin_busy (self, text);
      self->n_adding++;
      shuati_library_add_imported_async (library, data->result, mode, NULL, on_add_finished, data);
    }
  g_rc_box_release_full (group, import_group_clear);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ImportData       *data)
{
  if (!g_str_equal (response, "import"))
    return;
  if (shuati_import_result_get_n_parts (data->result) > 0)
    add_parts (data->window, data->result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS);
  else
    add_imported (data->window, data->result, SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS);
}

/* The decks an Anki collection makes, one a line. */
static char *
describe_parts (ShuatiImportResult *result)
{
  GString *text = g_string_new (NULL);
  guint n_parts = shuati_import_result_get_n_parts (result);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Each top-level Anki deck becomes a deck of its own, its subdecks its topics. This adds %u deck:",
                                             "Each top-level Anki deck becomes a deck of its own, its subdecks its topics. This adds %u decks:",
                                             n_parts), n_parts);
  for (guint i = 0; i < n_parts; i++)
    {
      ShuatiDeck *deck = shuati_import_result_get_deck (shuati_import_result_get_part (result, i));
      guint n_cards = shuati_deck_get_n_cards (deck);
      guint n_topics = g_list_model_get_n_items (shuati_deck_get_topics (deck));
      g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
      g_autofree char *topics = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n_topics), n_topics);

      g_string_append_c (text, '\n');
      /* Translators: a deck an Anki collection makes: "• English: 2 cards in 2 topics" */
      g_string_append_printf (text, _("• %s: %s in %s"),
                              shuati_deck_get_title (deck, g_get_language_names ()), cards, topics);
    }
  return g_string_free (text, FALSE);
}

/* What an Anki package held, one count a line. */
static char *
describe_anki_package (const ShuatiAnkiSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", summary->n_notes),
                          summary->n_notes);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u note type", "%u note types",
                                             summary->n_note_types), summary->n_note_types);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u Anki deck becomes a topic",
                                             "%u Anki decks become topics", summary->n_decks),
                          summary->n_decks);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u image copied", "%u images copied",
                                             summary->n_media), summary->n_media);
  if (summary->n_media_unused > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u unused file skipped",
                                                 "%u unused files skipped", summary->n_media_unused),
                              summary->n_media_unused);
    }
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u review in the study history",
                                             "%u reviews in the study history", summary->n_reviews),
                          summary->n_reviews);
  if (summary->n_skipped > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u card left out (see below)",
                                                 "%u cards left out (see below)", summary->n_skipped),
                              summary->n_skipped);
    }
  return g_string_free (text, FALSE);
}

/* What the file holds and everything the importer had to guess or leave
 * out, before anything is added. */
static void
confirm_import (ShuatiWindow       *self,
                ShuatiImportResult *result)
{
  ShuatiDeck *deck = shuati_import_result_get_deck (result);
  guint n_cards = shuati_deck_get_n_cards (deck);
  guint n_topics = g_list_model_get_n_items (shuati_deck_get_topics (deck));
  guint n_warnings = shuati_import_result_get_n_warnings (result);
  g_autofree char *cards = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
  topics = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n_topics), n_topics);
  /* Translators: "24 cards in 3 topics, read as Markdown (UTF-8)." */
  body = g_strdup_printf (_("%s in %s, read as %s (%s)."),
                          cards, topics,
                          shuati_import_format_to_string (shuati_import_result_get_format (result)),
                          shuati_import_result_get_encoding (result));

  if (shuati_import_result_get_anki_summary (result) != NULL)
    {
      g_autofree char *anki = describe_anki_package (shuati_import_result_get_anki_summary (result));
      g_autofree char *both = g_strdup_printf ("%s\n\n%s", body, anki);

      g_free (body);
      body = g_steal_pointer (&both);
    }
  if (shuati_import_result_get_n_parts (result) > 0)
    {
      g_autofree char *parts = describe_parts (result);
      g_autofree char *both = g_strdup_printf ("%s\n\n%s", body, parts);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Import “%s”?"),
                                     shuati_deck_get_title (deck, g_get_language_names ()));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (n_warnings > 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading = gtk_label_new (NULL);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *count = NULL;
      const char *file_name = shuati_import_result_get_file_name (result);

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u thing to check:",
                                            "%u things to check:", n_warnings),
                               n_warnings);
      gtk_label_set_text (GTK_LABEL (heading), count);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");

      /* A long list shows its first few hundred; the count says how many.
       * Each row tells where (the file and line, as tools print them, in
       * no language) above what, in the user's language. */
      for (guint i = 0; i < MIN (n_warnings, 500); i++)
        {
          const ShuatiImportWarning *warning = shuati_import_result_get_warning (result, i);
          g_autofree char *place = NULL;
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *place_label;
          GtkWidget *message_label;

          if (warning->line > 0)
            place = g_strdup_printf ("%s:%u", file_name, warning->line);
          else
            place = g_strdup (file_name);
          place_label = gtk_label_new (place);
          gtk_label_set_xalign (GTK_LABEL (place_label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (place_label), PANGO_ELLIPSIZE_MIDDLE);
          gtk_widget_add_css_class (place_label, "caption");
          gtk_widget_add_css_class (place_label, "dim-label");

          message_label = gtk_label_new (warning->message);
          gtk_label_set_xalign (GTK_LABEL (message_label), 0);
          gtk_label_set_wrap (GTK_LABEL (message_label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (message_label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_selectable (GTK_LABEL (message_label), TRUE);

          gtk_widget_set_margin_top (row, 8);
          gtk_widget_set_margin_bottom (row, 8);
          gtk_widget_set_margin_start (row, 12);
          gtk_widget_set_margin_end (row, 12);
          gtk_box_append (GTK_BOX (row), place_label);
          gtk_box_append (GTK_BOX (row), message_label);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }

      /* The list grows with its warnings up to a height that leaves the
       * dialog on a small screen, then scrolls; it always shows two in
       * full when there are two. */
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), n_warnings > 1 ? 180 : -1);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), scroller);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
    }

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response),
                         import_data_new (self, result),
                         (GClosureNotify)(void (*) (void))import_data_free, 0);
  wrap_anywhere (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reading a file to import can be stopped from the busy bar until its
 * question comes: only one file is read at a time. */
static void
finish_import_read (ShuatiWindow *self)
{
  g_clear_object (&self->import_cancellable);
  gtk_widget_set_visible (self->import_cancel_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
on_import_finished (GObject      *object,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  g_autoptr(ShuatiWindow) self = user_data;
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = shuati_import_file_finish (async_result, &error);
  end_busy (self);

  /* Stopped from the busy bar: nothing to ask or to tell, even when the
   * reading had finished by then. */
  if (self->import_cancellable != NULL && g_cancellable_is_cancelled (self->import_cancellable))
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("Import stopped"));

      finish_import_read (self);
      _shuati_window_add_toast (self, toast);
      return;
    }
  finish_import_read (self);

  if (result == NULL)
    {
      show_error (self, _("Could Not Import the File"), error->message);
      return;
    }

  confirm_import (self, result);
}

static void
import_file (ShuatiWindow *self,
             GFile        *file)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  g_autofree char *name = NULL;

  /* A deck added while the library still reads the decks folder would
   * be lost when the reading ends, and a bank with the id of a deck still
   * being added could not replace it: wait for either to end. */
  if (library != NULL && (shuati_library_get_loading (library) || self->n_adding > 0))
    {
      g_set_object (&self->pending_import, file);
      return;
    }

  name = display_basename (file);
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), name);

  /* Large banks take a moment: say so until the question comes. */
  begin_busy (self, text);
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->import_cancel_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  shuati_import_file_async (file, self->import_cancellable, on_import_finished, g_object_ref (self));
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_bytestring (parameter));

  import_file (SHUATI_WINDOW (widget), file);
}

static void
on_import_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            ShuatiWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
question_bank_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  static const char * const patterns[] = {
    "*.md", "*.markdown", "*.txt", "*.csv", "*.tsv", "*.json", "*.apkg", "*.colpkg",
  };

  gtk_file_filter_set_name (filter, _("Question Banks"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) banks = question_bank_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import a Question Bank"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), banks);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ShuatiWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  /* One bank at a time, so that each gets its own look before it is added. */
  import_file (self, files->data);
  return TRUE;
}

/* Export ----------------------------------------------------------------- */

typedef struct
{
  ShuatiWindow *window;
  char         *name;
} ExportData;

static ExportData *
export_data_new (ShuatiWindow *window,
                 const char   *name)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->window = g_object_ref (window);
  data->name = g_strdup (name);
  return data;
}

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->name, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

/* Tells how a save went: a toast, or the error. */
static void
report_saved (ShuatiWindow *self,
              const char   *name,
              const GError *error)
{
  if (error == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      _shuati_window_show_toast (self, text);
    }
  else
    show_error (self, _("Could Not Save the File"), error->message);
}

static void
on_export_finished (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;

  shuati_export_to_file_finish (result, &error);
  end_busy (data->window);

  /* Closed meanwhile: the file is written all the same. */
  if (gtk_window_get_application (GTK_WINDOW (data->window)) != NULL)
    report_saved (data->window, data->name, error);
}

/* The study progress: one row per card of the deck, quick to write. */
static void
export_progress (ShuatiWindow *self,
                 GFile        *file,
                 const char   *name)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  /* Whole or not at all: a full disk never leaves half a file. */
  if (shuati_store_export_csv (shuati_progress_get_store (self->progress),
                               shuati_deck_get_id (self->deck),
                               stream, NULL, &error) &&
      g_output_stream_close (stream, NULL, &error))
    {
      g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

      shuati_safe_file_write (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
    }

  report_saved (self, name, error);
}

typedef struct
{
  ShuatiDeck *deck;
  GArray     *reviews;
  GHashTable *memories;
  GFile      *media_dir;
  GFile      *file;
} AnkiExport;

static void
anki_export_free (AnkiExport *job)
{
  g_clear_object (&job->deck);
  g_clear_pointer (&job->reviews, g_array_unref);
  g_clear_pointer (&job->memories, g_hash_table_unref);
  g_clear_object (&job->media_dir);
  g_clear_object (&job->file);
  g_free (job);
}

static void
anki_export_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AnkiExport *job = task_data;
  GError *error = NULL;

  if (shuati_anki_export (job->deck, job->reviews, job->memories, job->media_dir, job->file,
                          cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_anki_export_finished (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  end_busy (data->window);
  if (gtk_window_get_application (GTK_WINDOW (data->window)) != NULL)
    report_saved (data->window, data->name, error);
}

/* An Anki package: the deck, its images, and the study history so that
 * Anki can go on from it. The history is read here, the file written in
 * a worker thread. */
static void
export_anki (ShuatiWindow *self,
             GFile        *file,
             const char   *name,
             gboolean      with_history)
{
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  ShuatiLibrary *library = _shuati_window_get_library (self);
  AnkiExport *job = g_new0 (AnkiExport, 1);
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = g_strdup_printf (_("Saving “%s”…"), name);

  job->deck = g_object_ref (self->deck);
  job->file = g_object_ref (file);
  if (with_history && store != NULL &&
      !shuati_store_load_history (store, shuati_deck_get_id (self->deck), &job->reviews, &job->memories, NULL))
    job->reviews = NULL, job->memories = NULL;
  if (library != NULL && shuati_library_get_decks_dir (library) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_child (shuati_library_get_decks_dir (library),
                                                  shuati_deck_get_id (self->deck));
      job->media_dir = g_file_get_child (folder, "media");
    }

  begin_busy (self, text);
  task = g_task_new (NULL, NULL, on_anki_export_finished, export_data_new (self, name));
  g_task_set_task_data (task, job, (GDestroyNotify)anki_export_free);
  g_task_run_in_thread (task, anki_export_thread);
}

/**
 * _shuati_window_export:
 * @kind: "progress" (CSV), "markdown", "anki" (an Anki package with the
 *   study history), "anki-cards" (one without) or "deck" (JSON)
 * @file: where to write it
 *
 * Saves the deck shown, or its study progress, and says how it went;
 * a deck is written in a worker thread, with the progress bar pulsing.
 */
void
_shuati_window_export (ShuatiWindow *self,
                       const char   *kind,
                       GFile        *file)
{
  g_autofree char *name = display_basename (file);

  if (self->deck == NULL)
    return;

  if (g_str_equal (kind, "progress"))
    export_progress (self, file, name);
  else if (g_str_equal (kind, "anki") || g_str_equal (kind, "anki-cards"))
    export_anki (self, file, name, g_str_equal (kind, "anki"));
  else
    {
      ShuatiExportFormat format = g_str_equal (kind, "markdown") ? SHUATI_EXPORT_FORMAT_MARKDOWN
                                                                 : SHUATI_EXPORT_FORMAT_DECK;
      g_autofree char *text = g_strdup_printf (_("Saving “%s”…"), name);

      begin_busy (self, text);
      shuati_export_to_file_async (self->deck, format, NULL, file, NULL, on_export_finished,
                                   export_data_new (self, name));
    }
}

static void
on_export_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            ShuatiWindow    *self)
{
  g_autofree char *kind = g_strdup (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (g_str_equal (kind, "anki") &&
      g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "history"), "false") == 0)
    {
      g_free (kind);
      kind = g_strdup ("anki-cards");
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    _shuati_window_export (self, kind, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  const char *kind = parameter != NULL ? g_variant_get_string (parameter, NULL) : "progress";
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  const char *title;

  if (self->deck == NULL)
    return;

  if (g_str_equal (kind, "progress"))
    {
      title = _("Export Study Progress");
      name = g_strdup_printf ("%s-progress.csv", shuati_deck_get_id (self->deck));
    }
  else if (g_str_equal (kind, "markdown"))
    {
      title = _("Export the Deck as Markdown");
      name = g_strdup_printf ("%s.md", shuati_deck_get_id (self->deck));
    }
  else if (g_str_equal (kind, "anki"))
    {
      title = _("Export the Deck as an Anki Package");
      name = g_strdup_printf ("%s.apkg", shuati_deck_get_id (self->deck));
    }
  else
    {
      title = _("Export the Deck");
      name = g_strdup_printf ("%s.json", shuati_deck_get_id (self->deck));
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Anki's scheduler can go on from the history, or start afresh. */
  if (g_str_equal (kind, "anki"))
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "history", _("Include the study history"),
                                   NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "history", "true");
    }
  g_object_set_data_full (G_OBJECT (chooser), "kind", g_strdup (kind), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Removing a deck ----------------------------------------------------------- */

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiLibrary *library = _shuati_window_get_library (self);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  if (library == NULL)
    return;

  deck = shuati_library_undo_remove (library, g_variant_get_string (parameter, NULL), &error);
  if (deck == NULL)
    {
      show_error (self, _("Could Not Bring the Deck Back"), error->message);
      return;
    }

  shuati_window_set_deck (self, deck);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ShuatiWindow     *self)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  g_autofree char *deck_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) done = NULL;
  gboolean forget = g_str_equal (response, "forget");

  if (library == NULL || self->deck == NULL || (!forget && !g_str_equal (response, "remove")))
    return;

  deck_id = g_strdup (shuati_deck_get_id (self->deck));
  title = g_strdup (shuati_deck_get_title (self->deck, g_get_language_names ()));

  if (!shuati_library_remove (library, deck_id, &error))
    {
      show_error (self, _("Could Not Remove the Deck"), error->message);
      return;
    }

  if (forget && self->progress != NULL && shuati_progress_get_store (self->progress) != NULL)
    {
      g_autoptr(GError) forget_error = NULL;

      if (!shuati_store_forget_deck (shuati_progress_get_store (self->progress), deck_id, &forget_error))
        show_error (self, _("Could Not Forget the Progress"), forget_error->message);
    }

  {
    ShuatiServices *app = _shuati_window_get_services (self);
    g_autoptr(ShuatiDeck) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
    ShuatiDeck *builtin = app != NULL ? shuati_services_get_deck (app) : NULL;

    shuati_window_set_deck (self, builtin != NULL ? builtin : first);
  }

  text = g_strdup_printf (_("“%s” was removed"), title);
  done = adw_toast_new (text);
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_action_name (done, "win.undo-remove-deck");
  adw_toast_set_action_target_value (done, g_variant_new_string (deck_id));
  _shuati_window_add_toast (self, done);
}

static void
remove_deck_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  GtkWidget *dialog;

  if (self->deck == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL,
                                   _("The deck leaves your library. Your study progress on it is kept, so importing it again brings it back, unless you choose to forget it too."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     shuati_deck_get_title (self->deck, g_get_language_names ()));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "forget", _("Remove and _Forget Progress"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  wrap_anywhere (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Setup ------------------------------------------------------------------- */

void
_shuati_window_library_init (ShuatiWindow *self)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  GtkDropTarget *target;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  if (library != NULL)
    {
      g_signal_connect_object (library, "items-changed",
                               G_CALLBACK (on_library_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (library, "notify::loading",
                               G_CALLBACK (on_library_loading_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (library, "notify::progress",
                               G_CALLBACK (on_library_progress), self, G_CONNECT_SWAPPED);
      gtk_widget_set_visible (self->library_progress, shuati_library_get_loading (library));
      if (!shuati_library_get_loading (library))
        on_library_loading_changed (self, NULL, library);
    }

  _shuati_window_update_deck_actions (self);
}

void
_shuati_window_class_add_library_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "ay", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-progress", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.remove-deck", NULL, remove_deck_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-deck", "s", undo_remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
}
