/* shuati-card-editor.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card editor: one card's texts in one language of a deck of the
 * learner's own, its topic and tags, with a preview through the reader's
 * renderer. What is typed is kept as a draft in the data folder until it
 * is saved or discarded, so neither closing the window nor a crash loses
 * it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-card-draft.h"
#include "shuati-deck-edit.h"
#include "shuati-rich-text.h"
#include "shuati-card-editor.h"

/* The preview and the messages follow a pause in the typing, not each
 * key; the draft is written a little later still. */
#define REFRESH_DELAY_MS 250
#define AUTOSAVE_DELAY_MS 1000

struct _ShuatiCardEditor
{
  AdwWindow        parent_instance;

  /* Template children */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkToggleButton *preview_toggle;
  GtkSpinner      *spinner;
  GtkRevealer     *banner;
  GtkLabel        *banner_label;
  GtkWidget       *banner_button;
  AdwLeaflet      *leaflet;
  GtkWidget       *form_pane;
  GtkWidget       *preview_pane;
  GtkWidget       *language_box;
  AdwComboRow     *language_dropdown;
  GtkEntry        *title_entry;
  GtkTextView     *question_view;
  GtkTextView     *answer_view;
  GtkTextView     *explanation_view;
  GtkWidget       *topic_box;
  AdwComboRow     *topic_dropdown;
  GtkEntry        *tags_entry;
  GtkLabel        *title_problem;
  GtkLabel        *question_problem;
  GtkLabel        *answer_problem;
  GtkLabel        *explanation_problem;
  GtkLabel        *topic_problem;
  GtkLabel        *tags_problem;
  ShuatiRichText  *question_preview;
  ShuatiRichText  *answer_preview;
  ShuatiRichText  *explanation_preview;

  ShuatiLibrary   *library;
  ShuatiDeck      *deck;
  char            *card_id;
  GFile           *drafts_dir;
  GStrv            languages;
  GPtrArray       *topic_ids;
  ShuatiCardDraft *original;
  GtkTextView     *last_view;
  GCancellable    *cancellable;
  char            *problems[SHUATI_DRAFT_N_FIELDS];
  guint            refresh_source;
  guint            autosave_source;
  guint            fold_source;
  guint            touched;          /* bit per ShuatiDraftField */
  gboolean         tried_save;
  gboolean         filling;
  gboolean         saving;
  gboolean         close_confirmed;
  gboolean         restored;
};

G_DEFINE_FINAL_TYPE (ShuatiCardEditor, shuati_card_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (ShuatiCardEditor *self);

static GtkTextView *
field_view (ShuatiCardEditor *self,
            ShuatiDraftField  field)
{
  switch (field)
    {
    case SHUATI_DRAFT_FIELD_QUESTION: return self->question_view;
    case SHUATI_DRAFT_FIELD_ANSWER: return self->answer_view;
    case SHUATI_DRAFT_FIELD_EXPLANATION: return self->explanation_view;
    case SHUATI_DRAFT_FIELD_TITLE:
    case SHUATI_DRAFT_FIELD_TOPIC:
    case SHUATI_DRAFT_FIELD_TAGS:
    case SHUATI_DRAFT_N_FIELDS:
    default:
      return NULL;
    }
}

static GtkLabel *
field_problem (ShuatiCardEditor *self,
               ShuatiDraftField  field)
{
  GtkLabel *labels[] = {
    self->title_problem, self->question_problem, self->answer_problem,
    self->explanation_problem, self->topic_problem, self->tags_problem,
  };

  g_assert (field < G_N_ELEMENTS (labels));
  return labels[field];
}

static GtkWidget *
field_widget (ShuatiCardEditor *self,
              ShuatiDraftField  field)
{
  switch (field)
    {
    case SHUATI_DRAFT_FIELD_TITLE: return GTK_WIDGET (self->title_entry);
    case SHUATI_DRAFT_FIELD_TOPIC: return GTK_WIDGET (self->topic_dropdown);
    case SHUATI_DRAFT_FIELD_TAGS: return GTK_WIDGET (self->tags_entry);
    case SHUATI_DRAFT_FIELD_QUESTION:
    case SHUATI_DRAFT_FIELD_ANSWER:
    case SHUATI_DRAFT_FIELD_EXPLANATION:
    case SHUATI_DRAFT_N_FIELDS:
    default:
      return GTK_WIDGET (field_view (self, field));
    }
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
current_language (ShuatiCardEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->language_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (self->languages))
    return self->languages[0];
  return self->languages[selected];
}

/* What the fields say now. */
static ShuatiCardDraft *
current_draft (ShuatiCardEditor *self)
{
  ShuatiCardDraft *draft = shuati_card_draft_new (shuati_deck_get_id (self->deck), self->card_id,
                                                  current_language (self));
  guint topic = adw_combo_row_get_selected (self->topic_dropdown);

  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TITLE,
                               gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  for (ShuatiDraftField f = SHUATI_DRAFT_FIELD_QUESTION; f <= SHUATI_DRAFT_FIELD_EXPLANATION; f++)
    {
      g_autofree char *text = view_text (field_view (self, f));

      shuati_card_draft_set_field (draft, f, text);
    }
  if (topic != GTK_INVALID_LIST_POSITION && topic < self->topic_ids->len)
    shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TOPIC, g_ptr_array_index (self->topic_ids, topic));
  shuati_card_draft_set_field (draft, SHUATI_DRAFT_FIELD_TAGS,
                               gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  return draft;
}

static void
fill (ShuatiCardEditor      *self,
      const ShuatiCardDraft *draft)
{
  guint topic = GTK_INVALID_LIST_POSITION;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                         shuati_card_draft_get_field (draft, SHUATI_DRAFT_FIELD_TITLE));
  for (ShuatiDraftField f = SHUATI_DRAFT_FIELD_QUESTION; f <= SHUATI_DRAFT_FIELD_EXPLANATION; f++)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (field_view (self, f)),
                              shuati_card_draft_get_field (draft, f), -1);
  g_ptr_array_find_with_equal_func (self->topic_ids,
                                    shuati_card_draft_get_field (draft, SHUATI_DRAFT_FIELD_TOPIC),
                                    g_str_equal, &topic);
  adw_combo_row_set_selected (self->topic_dropdown, topic);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry),
                         shuati_card_draft_get_field (draft, SHUATI_DRAFT_FIELD_TAGS));
  for (guint i = 0; self->languages[i] != NULL; i++)
    if (g_str_equal (self->languages[i], draft->language))
      adw_combo_row_set_selected (self->language_dropdown, i);
  self->filling = FALSE;
  refresh (self);
}

static void
show_banner (ShuatiCardEditor *self,
             const char       *text,
             gboolean          offer_discard)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (self->banner_button, offer_discard);
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
}

static void
write_draft (ShuatiCardEditor *self)
{
  g_autoptr(ShuatiCardDraft) draft = current_draft (self);
  g_autoptr(GError) error = NULL;

  if (shuati_card_draft_equal (draft, self->original))
    {
      shuati_card_draft_delete (draft, self->drafts_dir, NULL);
      return;
    }
  if (!shuati_card_draft_save (draft, self->drafts_dir, &error))
    {
      /* Translators: %s says why, e.g. that the disk is full */
      g_autofree char *text = g_strdup_printf (_("Your changes could not be kept as a draft: %s"), error->message);

      show_banner (self, text, FALSE);
    }
}

static gboolean
autosave_timeout (gpointer user_data)
{
  ShuatiCardEditor *self = user_data;

  self->autosave_source = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

static void
refresh (ShuatiCardEditor *self)
{
  g_autoptr(ShuatiCardDraft) draft = current_draft (self);
  ShuatiRichText *previews[] = { self->question_preview, self->answer_preview, self->explanation_preview };
  gboolean dirty;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  for (guint i = 0; i < G_N_ELEMENTS (previews); i++)
    {
      const char *text = shuati_card_draft_get_field (draft, SHUATI_DRAFT_FIELD_QUESTION + i);

      /* An unchanged text keeps its layout. */
      if (g_strcmp0 (shuati_rich_text_get_text (previews[i]), text) != 0)
        shuati_rich_text_set_text (previews[i], text);
    }

  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    g_clear_pointer (&self->problems[i], g_free);
  shuati_card_draft_check (draft, self->deck, self->problems);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    {
      GtkLabel *label = field_problem (self, i);
      gboolean shown = self->problems[i] != NULL && (self->tried_save || (self->touched & (1u << i)));

      gtk_label_set_text (label, shown ? self->problems[i] : "");
      gtk_widget_set_visible (GTK_WIDGET (label), shown);
      if (shown)
        gtk_accessible_update_state (GTK_ACCESSIBLE (field_widget (self, i)),
                                     GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (field_widget (self, i)), GTK_ACCESSIBLE_STATE_INVALID);
    }

  /* Another language is another draft: switch only with nothing unsaved. */
  dirty = !shuati_card_draft_equal (draft, self->original);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !dirty && !self->saving);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  ShuatiCardEditor *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (ShuatiCardEditor *self,
            ShuatiDraftField  field)
{
  if (self->filling)
    return;
  self->touched |= 1u << field;
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout, self);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout, self);
}

static void on_title_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_TITLE); }
static void on_question_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_QUESTION); }
static void on_answer_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_ANSWER); }
static void on_explanation_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_EXPLANATION); }
static void on_topic_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_TOPIC); }
static void on_tags_changed (ShuatiCardEditor *self) { on_changed (self, SHUATI_DRAFT_FIELD_TAGS); }

static void
on_language_changed (ShuatiCardEditor *self)
{
  ShuatiCard *card;

  if (self->filling || g_str_equal (current_language (self), self->original->language))
    return;
  card = self->card_id != NULL ? shuati_deck_lookup_card (self->deck, self->card_id) : NULL;
  shuati_card_draft_free (self->original);
  self->original = shuati_card_draft_new_for_card (self->deck, card, current_language (self));
  fill (self, self->original);
}

/* Actions ------------------------------------------------------------------ */

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ShuatiCardEditor) self = user_data;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiCardDraft) draft = NULL;
  g_autofree char *card_id = g_object_steal_data (G_OBJECT (self), "shuati-saving-id");

  deck = shuati_library_save_deck_finish (SHUATI_LIBRARY (object), result, &error);
  self->saving = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (deck == NULL)
    {
      /* Translators: %s says why, e.g. that the disk is full */
      g_autofree char *text = g_strdup_printf (_("The card could not be saved: %s. Your changes are kept as a draft."),
                                               error->message);

      write_draft (self);
      show_banner (self, text, FALSE);
      return;
    }

  draft = current_draft (self);
  shuati_card_draft_delete (draft, self->drafts_dir, NULL);
  g_signal_emit (self, signals[SAVED], 0, deck, card_id);
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiCardEditor *self = SHUATI_CARD_EDITOR (widget);
  g_autoptr(ShuatiCardDraft) draft = current_draft (self);
  g_autoptr(ShuatiDeckEdit) edit = NULL;
  g_autoptr(ShuatiDeck) changed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card_id = NULL;
  ShuatiDeck *deck;

  if (self->saving)
    return;

  self->tried_save = TRUE;
  refresh (self);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    if (self->problems[i] != NULL)
      {
        gtk_widget_grab_focus (field_widget (self, i));
        return;
      }

  /* Edit the deck as it is now: another save may have changed it. */
  deck = shuati_library_lookup (self->library, shuati_deck_get_id (self->deck));
  if (deck == NULL)
    {
      show_banner (self, _("The deck is no longer in your library; your changes are kept as a draft."), FALSE);
      write_draft (self);
      return;
    }
  edit = shuati_deck_edit_new (deck);
  card_id = shuati_deck_edit_put_card (edit, draft, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (card_id != NULL)
    changed = shuati_deck_edit_finish (edit, &bytes, &error);
  if (changed == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The card could not be saved: %s. Your changes are kept as a draft."),
                                               error->message);

      write_draft (self);
      show_banner (self, text, FALSE);
      return;
    }

  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "editor.save", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  g_object_set_data_full (G_OBJECT (self), "shuati-saving-id", g_steal_pointer (&card_id), g_free);
  shuati_library_save_deck_async (self->library, changed, bytes, self->cancellable,
                                  on_saved, g_object_ref (self));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiCardEditor *self = SHUATI_CARD_EDITOR (widget);

  shuati_card_draft_delete (self->original, self->drafts_dir, NULL);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->restored = FALSE;
  self->touched = 0;
  fill (self, self->original);
  show_banner (self, NULL, FALSE);
}

/* Markdown around the selection of the text view last typed in. */
static void
format_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiCardEditor *self = SHUATI_CARD_EDITOR (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  GtkTextView *view = self->last_view != NULL ? self->last_view : self->question_view;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  g_autoptr(GString) text = NULL;
  const char *open = "", *close = "";

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text = g_string_new (NULL);

  if (g_str_equal (kind, "list"))
    {
      g_auto(GStrv) lines = g_strsplit (selected, "\n", -1);

      if (!gtk_text_iter_starts_line (&start))
        g_string_append_c (text, '\n');
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (text, "%s- %s", i > 0 ? "\n" : "", lines[i]);
    }
  else
    {
      gboolean block = strchr (selected, '\n') != NULL;

      if (g_str_equal (kind, "bold"))
        open = close = "**";
      else if (g_str_equal (kind, "code"))
        open = block ? "```\n" : "`", close = block ? "\n```" : "`";
      else if (g_str_equal (kind, "math"))
        open = block ? "$$\n" : "$", close = block ? "\n$$" : "$";
      else
        return;
      g_string_append_printf (text, "%s%s%s", open, selected, close);
    }

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text->str, -1);
  if (selected[0] == '\0' && close[0] != '\0')
    {
      /* Nothing was selected: the cursor goes between the marks. */
      gtk_text_iter_backward_chars (&start, g_utf8_strlen (close, -1));
      gtk_text_buffer_place_cursor (buffer, &start);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* After the question has gone: the editor is its parent. */
static gboolean
close_later (gpointer user_data)
{
  ShuatiCardEditor *self = user_data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ShuatiCardEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      g_autoptr(ShuatiCardDraft) draft = current_draft (self);

      shuati_card_draft_delete (draft, self->drafts_dir, NULL);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static gboolean
shuati_card_editor_close_request (GtkWindow *window)
{
  ShuatiCardEditor *self = SHUATI_CARD_EDITOR (window);
  g_autoptr(ShuatiCardDraft) draft = NULL;
  GtkWidget *dialog;

  if (self->saving)
    return TRUE;

  if (!self->close_confirmed)
    {
      draft = current_draft (self);
      if (!shuati_card_draft_equal (draft, self->original))
        {
          /* Keep what is there while the question is open. */
          write_draft (self);
          dialog = adw_message_dialog_new (window, _("Save the Card?"),
                                           _("Your changes are kept as a draft if you close the editor without saving."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "discard", _("_Discard"),
                                            "save", _("_Save"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return TRUE;
        }
      /* Nothing changed: no draft to keep. */
      shuati_card_draft_delete (draft, self->drafts_dir, NULL);
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  return GTK_WINDOW_CLASS (shuati_card_editor_parent_class)->close_request (window);
}

/* Which text view the formatting buttons act on. */
static void
on_view_focus (GtkEventControllerFocus *controller,
               ShuatiCardEditor        *self)
{
  self->last_view = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
preview_toggled (ShuatiCardEditor *self)
{
  adw_leaflet_set_visible_child (self->leaflet,
                                 gtk_toggle_button_get_active (self->preview_toggle) ? self->preview_pane
                                                                                    : self->form_pane);
}

static void
on_leaflet_child (ShuatiCardEditor *self)
{
  gtk_toggle_button_set_active (self->preview_toggle,
                                adw_leaflet_get_visible_child (self->leaflet) == self->preview_pane);
}

/* The leaflet folds while it is being allocated: the header bar changes
 * after that, not in the middle of it. */
static gboolean
update_preview_toggle (gpointer user_data)
{
  ShuatiCardEditor *self = user_data;

  self->fold_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->preview_toggle), adw_leaflet_get_folded (self->leaflet));
  return G_SOURCE_REMOVE;
}

static void
on_folded (ShuatiCardEditor *self)
{
  if (self->fold_source == 0)
    self->fold_source = g_idle_add (update_preview_toggle, self);
}

/* GObject ---------------------------------------------------------------- */

static void
shuati_card_editor_dispose (GObject *object)
{
  ShuatiCardEditor *self = (ShuatiCardEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->deck);
  g_clear_object (&self->drafts_dir);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_CARD_EDITOR);

  G_OBJECT_CLASS (shuati_card_editor_parent_class)->dispose (object);
}

static void
shuati_card_editor_finalize (GObject *object)
{
  ShuatiCardEditor *self = (ShuatiCardEditor *)object;

  g_clear_pointer (&self->card_id, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->topic_ids, g_ptr_array_unref);
  g_clear_pointer (&self->original, shuati_card_draft_free);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    g_clear_pointer (&self->problems[i], g_free);

  G_OBJECT_CLASS (shuati_card_editor_parent_class)->finalize (object);
}

static void
shuati_card_editor_class_init (ShuatiCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = shuati_card_editor_dispose;
  object_class->finalize = shuati_card_editor_finalize;
  window_class->close_request = shuati_card_editor_close_request;

  /**
   * ShuatiCardEditor::saved:
   * @deck: the deck as saved, now in the library
   * @card_id: the card's id (a new card's is new)
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, SHUATI_TYPE_DECK, G_TYPE_STRING);

  g_type_ensure (SHUATI_TYPE_RICH_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, preview_toggle);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, banner);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, form_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, language_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, question_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, answer_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, topic_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, topic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, title_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, question_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, answer_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, explanation_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, topic_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, tags_problem);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, question_preview);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, answer_preview);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardEditor, explanation_preview);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.discard-draft", NULL, discard_draft_action);
  gtk_widget_class_install_action (widget_class, "editor.format", "s", format_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.format", "s", "bold");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.format", "s", "code");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "editor.format", "s", "math");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "editor.format", "s", "list");
}

static void
shuati_card_editor_init (ShuatiCardEditor *self)
{
  GtkTextView *views[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->topic_ids = g_ptr_array_new_with_free_func (g_free);

  views[0] = self->question_view;
  views[1] = self->answer_view;
  views[2] = self->explanation_view;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      static const GCallback handlers[] = {
        G_CALLBACK (on_question_changed), G_CALLBACK (on_answer_changed), G_CALLBACK (on_explanation_changed),
      };

      g_signal_connect_object (focus, "enter", G_CALLBACK (on_view_focus), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (views[i]), focus);
      g_signal_connect_object (gtk_text_view_get_buffer (views[i]), "changed", handlers[i], self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (on_title_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags_entry, "changed", G_CALLBACK (on_tags_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topic_dropdown, "notify::selected", G_CALLBACK (on_topic_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_toggle, "toggled", G_CALLBACK (preview_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (on_leaflet_child), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self, G_CONNECT_SWAPPED);
}

static const char *
language_name (const char *code)
{
  if (g_str_has_prefix (code, "zh"))
    return _("Chinese");
  if (g_str_has_prefix (code, "en"))
    return _("English");
  return code;
}

/**
 * shuati_card_editor_new:
 * @library: where the deck is, and is saved
 * @deck: a deck of the learner's own (not a built-in one)
 * @card: (nullable): the card to edit; %NULL to write a new one
 * @language: (nullable): the language to edit first; %NULL for the deck's
 * @drafts_dir: (nullable): where drafts are kept; %NULL for
 *   shuati_card_draft_default_dir()
 *
 * Opens the editor with the draft left for the card, if there is one,
 * and says so.
 *
 * Returns: (transfer full): the editor, not yet shown
 */
ShuatiCardEditor *
shuati_card_editor_new (GtkWindow     *parent,
                        ShuatiLibrary *library,
                        ShuatiDeck    *deck,
                        ShuatiCard    *card,
                        const char    *language,
                        GFile         *drafts_dir)
{
  ShuatiCardEditor *self;
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) topics = gtk_string_list_new (NULL);
  g_autoptr(ShuatiCardDraft) kept = NULL;
  g_autofree char *media = NULL;
  GListModel *deck_topics;
  const char *ui_languages[] = { NULL, NULL };

  g_return_val_if_fail (SHUATI_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SHUATI_IS_DECK (deck), NULL);
  g_return_val_if_fail (card == NULL || SHUATI_IS_CARD (card), NULL);

  self = g_object_new (SHUATI_TYPE_CARD_EDITOR, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->deck = g_object_ref (deck);
  self->card_id = card != NULL ? g_strdup (shuati_card_get_id (card)) : NULL;
  self->drafts_dir = drafts_dir != NULL ? g_object_ref (drafts_dir) : shuati_card_draft_default_dir ();
  self->languages = g_strdupv ((GStrv)shuati_deck_get_languages (deck));

  adw_window_title_set_title (self->window_title, card != NULL ? _("Edit Card") : _("New Card"));
  gtk_window_set_title (GTK_WINDOW (self), card != NULL ? _("Edit Card") : _("New Card"));
  ui_languages[0] = language != NULL ? language : shuati_deck_get_first_language (deck);
  adw_window_title_set_subtitle (self->window_title, shuati_deck_get_title (deck, ui_languages));

  self->filling = TRUE;
  for (guint i = 0; self->languages[i] != NULL; i++)
    gtk_string_list_append (languages, language_name (self->languages[i]));
  adw_combo_row_set_model (self->language_dropdown, G_LIST_MODEL (languages));
  gtk_widget_set_visible (self->language_box, g_strv_length (self->languages) > 1);

  deck_topics = shuati_deck_get_topics (deck);
  for (guint i = 0; i < g_list_model_get_n_items (deck_topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (deck_topics, i);

      g_ptr_array_add (self->topic_ids, g_strdup (shuati_topic_get_id (topic)));
      gtk_string_list_append (topics, shuati_topic_get_title (topic, ui_languages));
    }
  adw_combo_row_set_model (self->topic_dropdown, G_LIST_MODEL (topics));
  gtk_widget_set_visible (self->topic_box, self->topic_ids->len > 0);
  self->filling = FALSE;

  media = shuati_rich_text_media_dir_for_deck (shuati_deck_get_id (deck));
  shuati_rich_text_set_media_dir (self->question_preview, media);
  shuati_rich_text_set_media_dir (self->answer_preview, media);
  shuati_rich_text_set_media_dir (self->explanation_preview, media);

  self->original = shuati_card_draft_new_for_card (deck, card, ui_languages[0]);
  kept = shuati_card_draft_load (self->drafts_dir, shuati_deck_get_id (deck), self->card_id, NULL);
  if (kept != NULL && g_strv_contains ((const char * const *)self->languages, kept->language) &&
      !shuati_card_draft_equal (kept, self->original))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (kept->saved_at);
      g_autofree char *time = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
      g_autofree char *text = NULL;

      /* The draft is of the language it was written in. */
      if (!g_str_equal (kept->language, self->original->language))
        {
          shuati_card_draft_free (self->original);
          self->original = shuati_card_draft_new_for_card (deck, card, kept->language);
        }
      /* Restored text shows its problems at once. */
      self->touched = ~0u;
      fill (self, kept);
      self->restored = TRUE;
      /* Translators: %s is a date and time such as 2026-11-30 00:12 */
      text = g_strdup_printf (_("Unsaved changes from %s were restored."), time);
      show_banner (self, text, TRUE);
    }
  else
    fill (self, self->original);

  return self;
}

/**
 * shuati_card_editor_get_restored:
 *
 * Returns: whether the editor opened with a draft left from before
 */
gboolean
shuati_card_editor_get_restored (ShuatiCardEditor *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_EDITOR (self), FALSE);
  return self->restored;
}

/**
 * shuati_card_editor_get_dirty:
 *
 * Returns: whether the fields differ from the card as saved
 */
gboolean
shuati_card_editor_get_dirty (ShuatiCardEditor *self)
{
  g_autoptr(ShuatiCardDraft) draft = NULL;

  g_return_val_if_fail (SHUATI_IS_CARD_EDITOR (self), FALSE);
  draft = current_draft (self);
  return !shuati_card_draft_equal (draft, self->original);
}

/**
 * shuati_card_editor_get_problem:
 * @field: a #ShuatiDraftField
 *
 * Returns: (nullable): the message shown under the field, if any
 */
const char *
shuati_card_editor_get_problem (ShuatiCardEditor *self,
                                guint             field)
{
  GtkLabel *label;

  g_return_val_if_fail (SHUATI_IS_CARD_EDITOR (self), NULL);
  g_return_val_if_fail (field < SHUATI_DRAFT_N_FIELDS, NULL);

  label = field_problem (self, field);
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

/**
 * shuati_card_editor_set_field:
 * @field: a #ShuatiDraftField
 *
 * Types @text into the field, as the learner would; the topic is given
 * by its id.
 */
void
shuati_card_editor_set_field (ShuatiCardEditor *self,
                              guint             field,
                              const char       *text)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (SHUATI_IS_CARD_EDITOR (self));
  g_return_if_fail (field < SHUATI_DRAFT_N_FIELDS);

  switch ((ShuatiDraftField)field)
    {
    case SHUATI_DRAFT_FIELD_TITLE:
    case SHUATI_DRAFT_FIELD_TAGS:
      gtk_editable_set_text (GTK_EDITABLE (field_widget (self, field)), text);
      break;
    case SHUATI_DRAFT_FIELD_TOPIC:
      g_ptr_array_find_with_equal_func (self->topic_ids, text, g_str_equal, &position);
      adw_combo_row_set_selected (self->topic_dropdown, position);
      break;
    case SHUATI_DRAFT_FIELD_QUESTION:
    case SHUATI_DRAFT_FIELD_ANSWER:
    case SHUATI_DRAFT_FIELD_EXPLANATION:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (field_view (self, field)), text, -1);
      break;
    case SHUATI_DRAFT_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * shuati_card_editor_get_preview:
 * @field: %SHUATI_DRAFT_FIELD_QUESTION, _ANSWER or _EXPLANATION
 *
 * Returns: (nullable): the text the preview shows for the field
 */
const char *
shuati_card_editor_get_preview (ShuatiCardEditor *self,
                                guint             field)
{
  ShuatiRichText *previews[] = { self->question_preview, self->answer_preview, self->explanation_preview };

  g_return_val_if_fail (SHUATI_IS_CARD_EDITOR (self), NULL);
  g_return_val_if_fail (field >= SHUATI_DRAFT_FIELD_QUESTION && field <= SHUATI_DRAFT_FIELD_EXPLANATION, NULL);
  return shuati_rich_text_get_text (previews[field - SHUATI_DRAFT_FIELD_QUESTION]);
}

/**
 * shuati_card_editor_flush:
 *
 * Does at once what waits for a pause in the typing: the preview, the
 * messages and the draft.
 */
void
shuati_card_editor_flush (ShuatiCardEditor *self)
{
  g_return_if_fail (SHUATI_IS_CARD_EDITOR (self));

  if (self->refresh_source != 0)
    refresh (self);
  if (self->autosave_source != 0)
    {
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      write_draft (self);
    }
}
