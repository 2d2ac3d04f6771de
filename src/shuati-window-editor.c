/* shuati-window-editor.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's way into the card editor: win.new-card and
 * win.edit-card, from the reader, the review and the browser. The
 * built-in deck is never changed: editing it first offers to copy it to
 * the learner's own decks.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-browser-window.h"
#include "shuati-card-editor.h"
#include "shuati-deck-edit.h"
#include "shuati-window-private.h"

#define PENDING_DECK_KEY "shuati-editor-pending-deck"
#define PENDING_CARD_KEY "shuati-editor-pending-card"
#define WATCHING_KEY "shuati-editor-watching-review"
#define UNDO_DECK_KEY "shuati-editor-undo-deck"

/**
 * _shuati_window_get_library:
 *
 * Returns: (transfer none) (nullable): the application's decks
 */
ShuatiLibrary *
_shuati_window_get_library (ShuatiWindow *self)
{
  ShuatiServices *app = _shuati_window_get_services (self);

  return app != NULL ? shuati_services_get_library (app) : NULL;
}

static void
apply_saved_deck (ShuatiWindow *self,
                  ShuatiDeck   *deck,
                  const char   *card_id)
{
  gboolean same = self->deck != NULL && g_str_equal (shuati_deck_get_id (deck), shuati_deck_get_id (self->deck));
  g_autofree char *key = same ? shuati_window_dup_sidebar_key (self) : NULL;
  GtkWindow *browser = _shuati_window_get_browser (self);
  gboolean browsing = browser != NULL;
  g_auto(GStrv) selected = NULL;
  g_autoptr(GPtrArray) undo = NULL;

  /* The browser's rows read the old deck's progress: it goes first, and
   * comes back over the new deck, with the same cards selected and what
   * it can undo. */
  if (browser != NULL)
    {
      selected = shuati_browser_window_dup_selected_ids (SHUATI_BROWSER_WINDOW (browser));
      undo = shuati_browser_window_steal_undo (SHUATI_BROWSER_WINDOW (browser));
      gtk_window_destroy (browser);
    }
  shuati_window_set_deck (self, deck);
  /* The same choice in the new deck: a topic or tag, the search. */
  if (key != NULL)
    shuati_window_select_sidebar (self, key);
  if (card_id != NULL)
    shuati_window_select_card (self, card_id);
  /* The browser shows the deck's progress: open it again over the new deck. */
  if (browsing)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.browse", NULL);
      browser = _shuati_window_get_browser (self);
      if (browser != NULL)
        {
          shuati_browser_window_take_undo (SHUATI_BROWSER_WINDOW (browser), g_steal_pointer (&undo));
          shuati_browser_window_select_ids (SHUATI_BROWSER_WINDOW (browser), (const char * const *)selected);
        }
    }
}

static void
on_main_page_changed (ShuatiWindow *self)
{
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autofree char *card_id = NULL;

  if (shuati_window_is_reviewing (self))
    return;
  deck = g_object_steal_data (G_OBJECT (self), PENDING_DECK_KEY);
  card_id = g_object_steal_data (G_OBJECT (self), PENDING_CARD_KEY);
  if (deck != NULL)
    apply_saved_deck (self, deck, card_id);
}

/**
 * _shuati_window_show_saved_deck:
 * @deck: a deck just saved, now in the library
 * @card_id: (nullable): the card to show
 *
 * Shows @deck in place of the deck it replaces, at the same sidebar
 * choice, with @card_id selected. A session under way keeps its cards:
 * the window follows when it ends.
 */
void
_shuati_window_show_saved_deck (ShuatiWindow *self,
                                ShuatiDeck   *deck,
                                const char   *card_id)
{
  if (shuati_window_is_reviewing (self))
    {
      g_object_set_data_full (G_OBJECT (self), PENDING_DECK_KEY, g_object_ref (deck), g_object_unref);
      g_object_set_data_full (G_OBJECT (self), PENDING_CARD_KEY, g_strdup (card_id), g_free);
      if (g_object_get_data (G_OBJECT (self), WATCHING_KEY) == NULL)
        {
          g_signal_connect_object (self->main_stack, "notify::visible-child",
                                   G_CALLBACK (on_main_page_changed), self, G_CONNECT_SWAPPED);
          g_object_set_data (G_OBJECT (self), WATCHING_KEY, GINT_TO_POINTER (TRUE));
        }
      return;
    }

  apply_saved_deck (self, deck, card_id);
}

/* Shows @deck, a change of the deck shown, and tells of it with @done,
 * offering to undo it (win.undo-change-cards) unless @before is %NULL.
 * With the browser open, the browser tells and undoes it: the change
 * was made there, and the browser would hide the window's toast. */
static void
show_change (ShuatiWindow *self,
             ShuatiDeck   *deck,
             const char   *card_id,
             ShuatiDeck   *before,
             const char   *done)
{
  GtkWindow *browser;

  _shuati_window_show_saved_deck (self, deck, card_id);
  if (before != NULL)
    {
      GPtrArray *undo = g_object_get_data (G_OBJECT (self), UNDO_DECK_KEY);

      if (undo == NULL)
        {
          undo = g_ptr_array_new_with_free_func (g_object_unref);
          g_object_set_data_full (G_OBJECT (self), UNDO_DECK_KEY, undo, (GDestroyNotify)g_ptr_array_unref);
        }
      g_ptr_array_add (undo, g_object_ref (before));
      /* The oldest change can no longer be undone. */
      if (undo->len > SHUATI_UNDO_DEPTH)
        g_ptr_array_remove_index (undo, 0);
    }

  browser = _shuati_window_get_browser (self);
  if (browser != NULL)
    shuati_browser_window_add_deck_change (SHUATI_BROWSER_WINDOW (browser), done, before != NULL);
  else
    {
      g_autoptr(AdwToast) toast = adw_toast_new (done);

      if (before != NULL)
        {
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_action_name (toast, "win.undo-change-cards");
        }
      _shuati_window_add_toast (self, toast);
    }
}

static void
on_editor_saved (ShuatiWindow *self,
                 ShuatiDeck   *deck,
                 const char   *card_id)
{
  g_autoptr(ShuatiDeck) before = NULL;

  /* The deck shown is the one the editor changed, as it was. */
  if (self->deck != NULL && self->deck != deck &&
      g_str_equal (shuati_deck_get_id (self->deck), shuati_deck_get_id (deck)))
    before = g_object_ref (self->deck);
  show_change (self, deck, card_id, before, _("Card saved"));
}

static const char *
edit_language (ShuatiWindow *self,
               ShuatiDeck   *deck)
{
  const char * const *languages = shuati_deck_get_languages (deck);

  for (guint i = 0; self->languages != NULL && self->languages[i] != NULL; i++)
    if (g_strv_contains (languages, self->languages[i]))
      return self->languages[i];
  return shuati_deck_get_first_language (deck);
}

static void
open_editor (ShuatiWindow *self,
             ShuatiDeck   *deck,
             const char   *card_id)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);
  ShuatiCard *card = card_id != NULL ? shuati_deck_lookup_card (deck, card_id) : NULL;
  GtkWindow *parent = gtk_application_get_active_window (gtk_window_get_application (GTK_WINDOW (self)));
  ShuatiCardEditor *editor;

  if (parent == NULL || ADW_IS_MESSAGE_DIALOG (parent))
    parent = GTK_WINDOW (self);
  editor = shuati_card_editor_new (parent, library, deck, card, edit_language (self, deck), NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Copying the built-in deck ---------------------------------------------- */

static void
on_copy_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShuatiWindow *self = g_task_get_source_object (task);
  const char *card_id = g_task_get_task_data (task);
  g_autoptr(ShuatiDeck) copy = NULL;
  g_autoptr(GError) error = NULL;

  copy = shuati_library_save_deck_finish (SHUATI_LIBRARY (object), result, &error);
  if (copy == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Could not copy the deck: %s"), error->message);
      const char *copy_id = g_object_get_data (G_OBJECT (task), "shuati-copy-id");
      ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;

      /* The progress copied ahead of the deck goes with it. */
      if (store != NULL && copy_id != NULL)
        shuati_store_forget_deck (store, copy_id, NULL);
      _shuati_window_show_toast (self, text);
      return;
    }
  _shuati_window_show_saved_deck (self, copy, card_id[0] != '\0' ? card_id : NULL);
  open_editor (self, copy, card_id[0] != '\0' ? card_id : NULL);
}

/* Gives @copy's cards the learner's progress on the same cards of
 * @deck, in one transaction of the store. */
static gboolean
copy_progress (ShuatiWindow  *self,
               ShuatiDeck    *deck,
               ShuatiDeck    *copy,
               GError       **error)
{
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  /* Without a progress file there is no progress to take along. */
  if (store == NULL)
    return TRUE;
  for (guint i = 0; i < shuati_deck_get_n_cards (copy); i++)
    g_ptr_array_add (ids, (char *)shuati_card_get_id (shuati_deck_get_card (copy, i)));
  g_ptr_array_add (ids, NULL);
  return shuati_store_copy_deck_progress (store, shuati_deck_get_id (deck), shuati_deck_get_id (copy),
                                          (const char * const *)ids->pdata, NULL, error);
}

static void
on_copy_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GTask            *task)
{
  ShuatiWindow *self = g_task_get_source_object (task);
  ShuatiLibrary *library = _shuati_window_get_library (self);
  ShuatiDeck *deck = g_object_get_data (G_OBJECT (task), "shuati-deck");
  g_autoptr(ShuatiDeckEdit) edit = NULL;
  g_autoptr(ShuatiDeck) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "copy") || library == NULL)
    return;

  base = g_strdup_printf ("%.190s-mine", shuati_deck_get_id (deck));
  id = shuati_library_dup_free_id (library, base);
  edit = shuati_deck_edit_new_copy (deck, id);
  copy = shuati_deck_edit_finish (edit, NULL, &error);
  if (copy == NULL)
    {
      _shuati_window_show_toast (self, error->message);
      return;
    }
  /* The learner's progress comes along, before the deck appears. */
  if (!copy_progress (self, deck, copy, &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Could not copy the deck: %s"), error->message);

      _shuati_window_show_toast (self, text);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "shuati-copy-id", g_strdup (id), g_free);
  shuati_library_save_deck_async (library, copy, NULL, NULL, on_copy_saved, g_object_ref (task));
}

static void
offer_copy (ShuatiWindow *self,
            ShuatiDeck   *deck,
            const char   *card_id)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);
  GtkWidget *dialog;

  g_task_set_task_data (task, g_strdup (card_id != NULL ? card_id : ""), g_free);
  g_object_set_data_full (G_OBJECT (task), "shuati-deck", g_object_ref (deck), g_object_unref);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Copy This Deck to My Decks?"),
                                   _("The built-in deck cannot be changed. Its copy is a deck of your own, in which you can write and fix cards. Your progress on its cards comes along to the copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "copy", _("C_opy and Edit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_copy_response),
                         g_steal_pointer (&task), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit (ShuatiWindow *self,
      const char   *card_id)
{
  ShuatiLibrary *library = _shuati_window_get_library (self);

  if (self->deck == NULL || library == NULL)
    return;
  if (shuati_library_lookup (library, shuati_deck_get_id (self->deck)) == NULL ||
      shuati_library_is_builtin (library, shuati_deck_get_id (self->deck)))
    {
      g_autofree char *copy_id = g_strdup_printf ("%.190s-mine", shuati_deck_get_id (self->deck));
      ShuatiDeck *copy = shuati_library_lookup (library, copy_id);

      /* A copy made before is where the learner's edits go. */
      if (copy != NULL && !shuati_library_is_builtin (library, copy_id) &&
          (card_id == NULL || shuati_deck_lookup_card (copy, card_id) != NULL))
        {
          g_autoptr(ShuatiDeck) keep = g_object_ref (copy);

          _shuati_window_show_saved_deck (self, keep, card_id);
          _shuati_window_show_toast (self, _("Editing your copy of the deck"));
          open_editor (self, keep, card_id);
        }
      else
        offer_copy (self, self->deck, card_id);
    }
  else
    open_editor (self, self->deck, card_id);
}

static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  edit (SHUATI_WINDOW (widget), NULL);
}

/* The card in front of the learner: the one being reviewed, or the one
 * in the reader, unless @parameter names one. */
static void
edit_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  const char *card_id = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  ShuatiCard *card = NULL;

  if (card_id[0] == '\0')
    {
      card = shuati_window_is_reviewing (self) ? shuati_review_page_get_card (self->review_page)
                                               : shuati_window_get_selected_card (self);
      if (card == NULL)
        {
          _shuati_window_show_toast (self, _("Choose a card to edit"));
          return;
        }
      card_id = shuati_card_get_id (card);
    }
  edit (self, card_id);
}

/* Changes from the browser --------------------------------------------- */


typedef struct
{
  ShuatiWindow *window;
  ShuatiDeck   *before;   /* NULL when this save is an undo */
  char         *done;
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->before);
  g_free (data->done);
  g_free (data);
}

static void
on_change_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChangeData *data = user_data;
  ShuatiWindow *self = data->window;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;

  deck = shuati_library_save_deck_finish (SHUATI_LIBRARY (object), result, &error);
  if (deck == NULL)
    _shuati_window_show_toast (self, error->message);
  else
    show_change (self, deck, NULL, data->before, data->done);
  change_data_free (data);
}

static void
save_change (ShuatiWindow *self,
             ShuatiDeck   *changed,
             ShuatiDeck   *before,
             const char   *done)
{
  ChangeData *data = g_new0 (ChangeData, 1);

  data->window = g_object_ref (self);
  data->before = before != NULL ? g_object_ref (before) : NULL;
  data->done = g_strdup (done);
  shuati_library_save_deck_async (_shuati_window_get_library (self), changed, NULL, NULL,
                                  on_change_saved, data);
}

/* Puts back the deck as it was before the last change from the browser
 * or the editor; the one before that is next, up to SHUATI_UNDO_DEPTH. */
static void
undo_change_cards_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  GPtrArray *undo = g_object_get_data (G_OBJECT (self), UNDO_DECK_KEY);
  g_autoptr(ShuatiDeck) before = NULL;

  if (undo == NULL || undo->len == 0 || _shuati_window_get_library (self) == NULL)
    return;
  before = g_ptr_array_steal_index (undo, undo->len - 1);
  save_change (self, before, NULL, _("Change undone"));
}

/**
 * _shuati_window_get_n_deck_undo:
 *
 * Returns: how many changes of decks win.undo-change-cards can undo
 */
guint
_shuati_window_get_n_deck_undo (ShuatiWindow *self)
{
  GPtrArray *undo = g_object_get_data (G_OBJECT (self), UNDO_DECK_KEY);

  return undo != NULL ? undo->len : 0;
}

/**
 * win.change-cards:
 * @parameter: (verb, card ids, argument): "move" to the topic id in
 *   argument, "add-tag" or "remove-tag" the tag in argument, "delete"
 *
 * Changes the cards of the deck shown, a deck of the learner's own, and
 * offers to undo it.
 */
static void
change_cards_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiLibrary *library = _shuati_window_get_library (self);
  g_autoptr(ShuatiDeckEdit) edit = NULL;
  g_autoptr(ShuatiDeck) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **ids = NULL;
  g_autofree char *done = NULL;
  const char *verb, *argument;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = FALSE;
  guint n;

  if (self->deck == NULL || library == NULL)
    return;
  g_variant_get (parameter, "(&s^a&s&s)", &verb, &ids, &argument);
  n = g_strv_length ((char **)ids);
  if (n == 0)
    return;
  if (shuati_library_lookup (library, shuati_deck_get_id (self->deck)) == NULL ||
      shuati_library_is_builtin (library, shuati_deck_get_id (self->deck)))
    {
      _shuati_window_show_toast (self, _("The built-in deck cannot be changed; edit a card to copy it to your decks first"));
      return;
    }

  edit = shuati_deck_edit_new (self->deck);
  if (g_str_equal (verb, "move"))
    {
      ok = shuati_deck_edit_set_topic (edit, ids, argument, now, &error);
      /* Translators: %u is how many cards */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card moved", "%u cards moved", n), n);
    }
  else if (g_str_equal (verb, "add-tag"))
    {
      ok = shuati_deck_edit_add_tag (edit, ids, g_strstrip (g_strdup (argument)), now, &error);
      /* Translators: %s is a tag, %u how many cards */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "#%s added to %u card", "#%s added to %u cards", n),
                              argument, n);
    }
  else if (g_str_equal (verb, "remove-tag"))
    {
      ok = shuati_deck_edit_remove_tag (edit, ids, argument, now, &error);
      /* Translators: %s is a tag, %u how many cards */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "#%s removed from %u card", "#%s removed from %u cards", n),
                              argument, n);
    }
  else if (g_str_equal (verb, "delete"))
    {
      ok = shuati_deck_edit_delete_cards (edit, ids, &error);
      /* Translators: %u is how many cards */
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", n), n);
    }
  else
    g_return_if_reached ();

  if (ok)
    changed = shuati_deck_edit_finish (edit, NULL, &error);
  if (changed == NULL)
    {
      _shuati_window_show_toast (self, error->message);
      return;
    }
  save_change (self, changed, self->deck, done);
}

/* Topics ------------------------------------------------------------------ */

typedef struct
{
  ShuatiWindow *window;
  char         *verb;
  GPtrArray    *topic_ids;
  GtkDropDown  *topic;      /* the topic to rename or delete */
  GtkDropDown  *move_to;    /* where a deleted topic's cards go */
  GtkEntry     *title;
} TopicAsk;

static void
topic_ask_free (gpointer  data,
                GClosure *closure)
{
  TopicAsk *ask = data;

  g_clear_object (&ask->window);
  g_free (ask->verb);
  g_clear_pointer (&ask->topic_ids, g_ptr_array_unref);
  g_free (ask);
}

static const char *
chosen_topic (TopicAsk    *ask,
              GtkDropDown *dropdown)
{
  guint selected = dropdown != NULL ? gtk_drop_down_get_selected (dropdown) : GTK_INVALID_LIST_POSITION;

  return selected < ask->topic_ids->len ? g_ptr_array_index (ask->topic_ids, selected) : NULL;
}

static void
on_topic_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TopicAsk         *ask)
{
  ShuatiWindow *self = ask->window;
  g_autoptr(ShuatiDeckEdit) edit = NULL;
  g_autoptr(ShuatiDeck) changed = NULL;
  g_autoptr(GError) error = NULL;
  const char *language;
  const char *done;
  gboolean ok;

  if (!g_str_equal (response, "apply") || self->deck == NULL)
    return;

  language = edit_language (self, self->deck);
  edit = shuati_deck_edit_new (self->deck);
  if (g_str_equal (ask->verb, "add"))
    {
      g_autofree char *id = shuati_deck_edit_add_topic (edit, gtk_editable_get_text (GTK_EDITABLE (ask->title)),
                                                        language, &error);
      ok = id != NULL;
      done = _("Topic added");
    }
  else if (g_str_equal (ask->verb, "rename"))
    {
      ok = shuati_deck_edit_rename_topic (edit, chosen_topic (ask, ask->topic),
                                          gtk_editable_get_text (GTK_EDITABLE (ask->title)), language, &error);
      done = _("Topic renamed");
    }
  else
    {
      ok = shuati_deck_edit_delete_topic (edit, chosen_topic (ask, ask->topic),
                                          chosen_topic (ask, ask->move_to), &error);
      done = _("Topic deleted");
    }
  if (ok)
    changed = shuati_deck_edit_finish (edit, NULL, &error);
  if (changed == NULL)
    {
      _shuati_window_show_toast (self, error->message);
      return;
    }
  save_change (self, changed, self->deck, done);
}

static GtkDropDown *
topic_dropdown (TopicAsk   *ask,
                GListModel *topics,
                const char *languages[],
                const char *label)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

      gtk_string_list_append (titles, shuati_topic_get_title (topic, languages));
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_DROP_DOWN (dropdown);
}

/* win.add-topic, win.rename-topic, win.delete-topic: for decks of the
 * learner's own; a deleted topic's cards go to another one. */
static void
topic_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiLibrary *library = _shuati_window_get_library (self);
  const char *verb = strchr (action_name, '.') + 1;
  const char *languages[] = { NULL, NULL };
  GListModel *topics;
  GtkWidget *dialog;
  GtkWidget *box;
  TopicAsk *ask;

  if (self->deck == NULL || library == NULL)
    return;
  if (shuati_library_lookup (library, shuati_deck_get_id (self->deck)) == NULL ||
      shuati_library_is_builtin (library, shuati_deck_get_id (self->deck)))
    {
      _shuati_window_show_toast (self, _("The built-in deck cannot be changed; edit a card to copy it to your decks first"));
      return;
    }

  topics = shuati_deck_get_topics (self->deck);
  languages[0] = edit_language (self, self->deck);
  ask = g_new0 (TopicAsk, 1);
  ask->window = g_object_ref (self);
  ask->verb = g_strndup (verb, strcspn (verb, "-"));
  ask->topic_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

      g_ptr_array_add (ask->topic_ids, g_strdup (shuati_topic_get_id (topic)));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (!g_str_equal (ask->verb, "add"))
    {
      ask->topic = topic_dropdown (ask, topics, languages, _("Topic"));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->topic));
    }
  if (!g_str_equal (ask->verb, "delete"))
    {
      ask->title = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_activates_default (ask->title, TRUE);
      gtk_entry_set_placeholder_text (ask->title, _("Title, such as Attention"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (ask->title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Topic title"), -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->title));
    }

  if (g_str_equal (ask->verb, "add"))
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("New Topic"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Add"), NULL);
    }
  else if (g_str_equal (ask->verb, "rename"))
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("Rename Topic"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Rename"), NULL);
    }
  else
    {
      GtkWidget *label = gtk_label_new (_("Its cards move to"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete Topic"));
      ask->move_to = topic_dropdown (ask, topics, languages, _("Topic for its cards"));
      if (ask->topic_ids->len > 1)
        gtk_drop_down_set_selected (ask->move_to, 1);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->move_to));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Delete"), NULL);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              g_str_equal (ask->verb, "delete") ? ADW_RESPONSE_DESTRUCTIVE
                                                                                : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_topic_response), ask, topic_ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_shuati_window_class_add_editor_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-topic", NULL, topic_action);
  gtk_widget_class_install_action (widget_class, "win.rename-topic", NULL, topic_action);
  gtk_widget_class_install_action (widget_class, "win.delete-topic", NULL, topic_action);
  gtk_widget_class_install_action (widget_class, "win.change-cards", "(sass)", change_cards_action);
  gtk_widget_class_install_action (widget_class, "win.undo-change-cards", NULL, undo_change_cards_action);
  gtk_widget_class_install_action (widget_class, "win.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "win.edit-card", "s", edit_card_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-card", "s", "");
}
