/* shuati-browser-edit.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card browser's actions that change the deck itself: edit a card,
 * move the selected cards to a topic, add or remove a tag, delete them.
 * The browser asks what it needs to know; the main window, whose deck it
 * is, makes the change (win.change-cards) and offers to undo it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-browser-row.h"
#include "shuati-progress.h"
#include "shuati-browser-window.h"

static GStrv
selected_card_ids (ShuatiBrowserWindow *self)
{
  GtkSelectionModel *selection = shuati_browser_window_get_selection (self);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ShuatiBrowserRow) row = g_list_model_get_item (G_LIST_MODEL (selection), position);

      g_strv_builder_add (builder, shuati_card_get_id (shuati_browser_row_get_card (row)));
    }
  return g_strv_builder_end (builder);
}

static ShuatiDeck *
browser_deck (ShuatiBrowserWindow *self)
{
  ShuatiProgress *progress = g_object_get_data (G_OBJECT (self), "shuati-progress");

  return progress != NULL ? shuati_progress_get_deck (progress) : NULL;
}

static void
change_cards (ShuatiBrowserWindow *self,
              const char          *verb,
              const char * const  *ids,
              const char          *argument)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.change-cards", "(s^ass)",
                                verb, ids, argument != NULL ? argument : "");
}

static void
edit_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (widget);
  ShuatiCard *card = shuati_browser_window_get_shown_card (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (card != NULL && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.edit-card", "s", shuati_card_get_id (card));
}

typedef struct
{
  ShuatiBrowserWindow *browser;
  char                *verb;
  GStrv                ids;
  GtkWidget           *input;   /* a GtkDropDown of topics or a GtkEntry for a tag */
  GPtrArray           *topic_ids;
} Ask;

static void
ask_free (gpointer data,
          GClosure *closure)
{
  Ask *ask = data;

  g_clear_object (&ask->browser);
  g_free (ask->verb);
  g_strfreev (ask->ids);
  g_clear_pointer (&ask->topic_ids, g_ptr_array_unref);
  g_free (ask);
}

static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *ask)
{
  const char *argument = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  if (GTK_IS_DROP_DOWN (ask->input))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->input));

      if (selected >= ask->topic_ids->len)
        return;
      argument = g_ptr_array_index (ask->topic_ids, selected);
    }
  else if (GTK_IS_ENTRY (ask->input))
    argument = gtk_editable_get_text (GTK_EDITABLE (ask->input));

  change_cards (ask->browser, ask->verb, (const char * const *)ask->ids, argument);
}

static void
ask (ShuatiBrowserWindow *self,
     const char          *verb)
{
  g_auto(GStrv) ids = selected_card_ids (self);
  ShuatiDeck *deck = browser_deck (self);
  guint n = g_strv_length (ids);
  GtkWidget *dialog;
  Ask *data;

  if (n == 0 || deck == NULL)
    return;

  data = g_new0 (Ask, 1);
  data->browser = g_object_ref (self);
  data->verb = g_strdup (verb);
  data->ids = g_steal_pointer (&ids);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (g_str_equal (verb, "move"))
    {
      GListModel *topics = shuati_deck_get_topics (deck);
      g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

      data->topic_ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
        {
          g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);

          g_ptr_array_add (data->topic_ids, g_strdup (shuati_topic_get_id (topic)));
          gtk_string_list_append (titles, shuati_topic_get_title (topic, g_get_language_names ()));
        }
      if (data->topic_ids->len == 0)
        {
          ask_free (data, NULL);
          gtk_window_destroy (GTK_WINDOW (dialog));
          return;
        }
      /* Translators: %u is how many cards */
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                         g_dngettext (GETTEXT_PACKAGE, "Move %u Card to a Topic",
                                                      "Move %u Cards to a Topic", n), n);
      data->input = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Topic"), -1);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Move"), NULL);
    }
  else if (g_str_equal (verb, "delete"))
    {
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                         g_dngettext (GETTEXT_PACKAGE, "Delete %u Card?",
                                                      "Delete %u Cards?", n), n);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The cards leave the deck. Undo brings them back with their progress."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Delete"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      gboolean add = g_str_equal (verb, "add-tag");

      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                         add ? g_dngettext (GETTEXT_PACKAGE, "Add a Tag to %u Card",
                                                            "Add a Tag to %u Cards", n)
                                             : g_dngettext (GETTEXT_PACKAGE, "Remove a Tag from %u Card",
                                                            "Remove a Tag from %u Cards", n), n);
      data->input = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (data->input), TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (data->input), _("Tag, such as frequent"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Tag"), -1);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "apply",
                                        add ? _("_Add") : _("_Remove"), NULL);
    }

  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              g_str_equal (verb, "delete") ? ADW_RESPONSE_DESTRUCTIVE
                                                                           : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           g_str_equal (verb, "delete") ? "cancel" : "apply");
  if (data->input != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), data->input);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response), data, ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  const char *verb = strchr (action_name, '.') + 1;

  if (g_str_equal (verb, "move-to-topic"))
    verb = "move";
  ask (SHUATI_BROWSER_WINDOW (widget), verb);
}

/**
 * _shuati_browser_window_class_add_edit_actions:
 *
 * Installs browser.edit-card, browser.move-to-topic, browser.add-tag,
 * browser.remove-tag and browser.delete, with their keys.
 */
void
_shuati_browser_window_class_add_edit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "browser.edit-card", NULL, edit_card_action);
  gtk_widget_class_install_action (widget_class, "browser.move-to-topic", NULL, ask_action);
  gtk_widget_class_install_action (widget_class, "browser.add-tag", NULL, ask_action);
  gtk_widget_class_install_action (widget_class, "browser.remove-tag", NULL, ask_action);
  gtk_widget_class_install_action (widget_class, "browser.delete", NULL, ask_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "browser.edit-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "browser.move-to-topic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "browser.add-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_ALT_MASK, "browser.remove-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "browser.delete", NULL);
}
