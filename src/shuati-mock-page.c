/* shuati-mock-page.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-markdown.h"
#include "shuati-text.h"
#include "shuati-mock-page.h"

/* A mock interview, from choosing its length to the report: each
 * question alone with its countdown and a notes box, then the answer
 * and its key points to tick, graded as review grades a checklist. */

/* More points than this get no Alt+N key. */
#define MAX_POINT_KEYS 9

struct _ShuatiMockPage
{
  GtkWidget        parent_instance;

  /* Template children */
  AdwWindowTitle  *title;
  GtkWidget       *end_button;
  GtkWidget       *pause_button;
  GtkStack        *stack;
  AdwPreferencesGroup *setup_group;
  AdwComboRow     *scope_row;
  AdwComboRow     *length_row;
  GtkSpinButton   *minutes_spin;
  GtkWidget       *start_button;
  AdwPreferencesGroup *past_group;
  GtkListBox      *past_list;
  GtkLabel        *position_label;
  GtkLabel        *countdown_label;
  GtkLabel        *question_label;
  GtkTextView     *notes_view;
  GtkWidget       *answer_box;
  GtkLabel        *answer_label;
  GtkWidget       *points_box;
  GtkWidget       *reveal_button;
  GtkWidget       *next_button;
  GtkLabel        *score_label;
  GtkLabel        *summary_label;
  GtkWidget       *topics_box;
  GtkListBox      *answers_list;

  ShuatiScheduler *scheduler;
  ShuatiProgress  *progress;
  GListModel      *cards;
  GListModel      *planned;        /* the plan's cards, today's first; NULL without a plan */
  guint            n_planned_today;
  GStrv            languages;
  ShuatiMock      *mock;
  GPtrArray       *point_buttons;
  guint32          seed;
  gboolean         seeded;
  gboolean         revealed;
  gboolean         paused;
  gboolean         paused_for_dialog; /* the end dialog stopped the clock */
  gint64           started_us;     /* monotonic, when the question showed */
  gint64           paused_us;      /* monotonic, when the pause began; 0 if none */
  gint64           paused_total_us;
  guint            tick_source;
};

G_DEFINE_FINAL_TYPE (ShuatiMockPage, shuati_mock_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  ADD_TOAST,
  OPEN_CARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Asks the window to show @text as a toast. */
static void
emit_toast (ShuatiMockPage *self,
            const char     *text)
{
  g_autoptr(AdwToast) toast = adw_toast_new (text);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/**
 * shuati_mock_page_questions_for:
 *
 * Returns: how many questions a mock of @length asks when each question
 *   has @minutes_per_question minutes
 */
guint
shuati_mock_page_questions_for (ShuatiMockLength length,
                                guint            minutes_per_question)
{
  guint minutes = 0;

  minutes_per_question = MAX (minutes_per_question, 1);
  switch (length)
    {
    case SHUATI_MOCK_LENGTH_5: return 5;
    case SHUATI_MOCK_LENGTH_10: return 10;
    case SHUATI_MOCK_LENGTH_20: return 20;
    case SHUATI_MOCK_LENGTH_30_MINUTES: minutes = 30; break;
    case SHUATI_MOCK_LENGTH_45_MINUTES: minutes = 45; break;
    case SHUATI_MOCK_LENGTH_60_MINUTES: minutes = 60; break;
    default: return 5;
    }
  return MAX (minutes / minutes_per_question, 1);
}

static const char * const *
get_languages (ShuatiMockPage *self)
{
  if (self->languages != NULL && self->languages[0] != NULL)
    return (const char * const *)self->languages;
  return g_get_language_names ();
}

static char *
format_duration (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static gint64
elapsed_us (ShuatiMockPage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 paused = self->paused_total_us + (self->paused_us != 0 ? now - self->paused_us : 0);

  return MAX (0, now - self->started_us - paused);
}

static void
update_actions (ShuatiMockPage *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->stack);
  gboolean asking = g_strcmp0 (view, "question") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.start",
                                 g_strcmp0 (view, "setup") == 0 &&
                                 ((self->cards != NULL && g_list_model_get_n_items (self->cards) > 0) ||
                                  (self->planned != NULL && g_list_model_get_n_items (self->planned) > 0)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.reveal", asking && !self->revealed && !self->paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.toggle-point", asking && self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.next", asking && self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.pause", asking && !self->revealed);
  gtk_widget_set_visible (self->pause_button, asking);
  gtk_widget_set_visible (self->end_button, g_strcmp0 (view, "report") != 0);
  gtk_button_set_label (GTK_BUTTON (self->end_button), asking ? C_("mock interview", "_End")
                                                                : C_("mock interview", "_Cancel"));
  gtk_widget_set_visible (self->reveal_button, asking && !self->revealed);
  gtk_widget_set_visible (self->next_button, asking && self->revealed);
  gtk_widget_set_visible (self->answer_box, asking && self->revealed);
}

static void
stop_ticking (ShuatiMockPage *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void reveal (ShuatiMockPage *self);

static void
update_countdown (ShuatiMockPage *self)
{
  gint64 limit_us = (gint64)shuati_mock_get_seconds_per_question (self->mock) * G_USEC_PER_SEC;
  gint64 left_us = limit_us - elapsed_us (self);
  g_autofree char *text = format_duration ((guint)(MAX (left_us, 0) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  gtk_label_set_text (self->countdown_label, text);
  if (left_us <= 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "error");

  if (left_us <= 0 && !self->revealed)
    reveal (self);
}

static gboolean
on_tick (gpointer user_data)
{
  ShuatiMockPage *self = user_data;

  if (self->mock != NULL && !self->paused)
    update_countdown (self);
  return G_SOURCE_CONTINUE;
}

static void
set_markdown (GtkLabel   *label,
              const char *text)
{
  g_autofree char *clipped = shuati_text_clip_for_display (text != NULL ? text : "",
                                                          SHUATI_TEXT_DISPLAY_MAX_CHARS, NULL);
  g_autofree char *markup = shuati_markdown_to_pango (clipped);

  gtk_label_set_markup (label, markup);
}

static void
clear_points (ShuatiMockPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->points_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->points_box), child);
  g_ptr_array_set_size (self->point_buttons, 0);
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
on_point_label_released (GtkCheckButton *check)
{
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
show_question (ShuatiMockPage *self)
{
  ShuatiCard *card = shuati_mock_get_current (self->mock);
  g_autoptr(GPtrArray) points = NULL;
  g_autofree char *position = NULL;

  g_assert (card != NULL);

  self->revealed = FALSE;
  self->started_us = g_get_monotonic_time ();
  self->paused_total_us = 0;
  self->paused_us = 0;

  /* Translators: where the learner is in a mock interview, as in "Question 2 of 10" */
  position = g_strdup_printf (_("Question %u of %u"), shuati_mock_get_position (self->mock) + 1,
                              shuati_mock_get_n_questions (self->mock));
  gtk_label_set_text (self->position_label, position);
  set_markdown (self->question_label, shuati_card_get_question (card, get_languages (self)));
  set_markdown (self->answer_label, shuati_card_get_answer (card, get_languages (self)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);

  clear_points (self);
  points = shuati_markdown_extract_points (shuati_card_get_answer (card, get_languages (self)));
  for (guint i = 0; i < points->len; i++)
    {
      const char *plain = g_ptr_array_index (points, i);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (plain);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkGesture *click = gtk_gesture_click_new ();

      /* The point sits beside its check button rather than inside it:
       * inside, a wrapping label only gets a narrow block; beside, it
       * wraps at the column's width. A click on it ticks the point. */
      gtk_widget_set_valign (check, GTK_ALIGN_START);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 2);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      g_signal_connect_object (click, "released", G_CALLBACK (on_point_label_released), check, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), label);
      if (i < MAX_POINT_KEYS)
        {
          /* Translators: the key that ticks a key point, as in "Alt+3" */
          g_autofree char *tip = g_strdup_printf (_("Alt+%u"), i + 1);
          gtk_widget_set_tooltip_text (box, tip);
        }
      gtk_box_append (GTK_BOX (self->points_box), box);
      g_ptr_array_add (self->point_buttons, check);
    }

  gtk_stack_set_visible_child_name (self->stack, "question");
  update_countdown (self);
  update_actions (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add (250, on_tick, self);
  /* Not the notes: the keys (Space, P, Escape) work from the start, and
   * a click in the notes box is all it takes to type. */
  gtk_widget_grab_focus (self->reveal_button);
}

static void
reveal (ShuatiMockPage *self)
{
  if (self->revealed)
    return;

  /* Time stops at Done; what follows is grading. */
  if (self->paused_us != 0)
    {
      self->paused_total_us += g_get_monotonic_time () - self->paused_us;
      self->paused_us = 0;
    }
  self->revealed = TRUE;
  self->started_us = g_get_monotonic_time () - elapsed_us (self) - self->paused_total_us;
  self->paused_us = g_get_monotonic_time ();
  update_actions (self);
  gtk_widget_grab_focus (self->next_button);
}

/* Report ----------------------------------------------------------------------- */

typedef struct
{
  guint points;
  guint covered;
} Coverage;

static void
add_answer_row (ShuatiMockPage         *self,
                guint                   i,
                const ShuatiMockAnswer *answer)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *time = format_duration (answer->duration_ms / 1000);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (shuati_card_get_title (answer->card, get_languages (self)), -1);

  /* Translators: under a question in the mock interview report: key
   * points covered of all, then the time taken, as in "2 of 4 points · 1:23" */
  subtitle = g_strdup_printf (_("%u of %u points · %s"), answer->n_covered, answer->n_points, time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (answer->rating == SHUATI_RATING_AGAIN || answer->rating == SHUATI_RATING_HARD)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      GtkWidget *study = gtk_button_new_from_icon_name ("accessories-dictionary-symbolic");

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (add, _("Add to Mistake Book"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Add to Mistake Book"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "mock.add-mistake");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "u", i);
      gtk_widget_set_tooltip_text (study, _("Study Now"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (study), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Study Now"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (study), "mock.study");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (study), "u", i);
      gtk_box_append (GTK_BOX (box), add);
      gtk_box_append (GTK_BOX (box), study);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }

  gtk_list_box_append (self->answers_list, row);
}

static void
show_report (ShuatiMockPage *self)
{
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *score = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;
  ShuatiDeck *deck = self->progress != NULL ? shuati_progress_get_deck (self->progress) : NULL;
  guint n = shuati_mock_get_n_answers (self->mock);
  guint points = 0;
  guint covered = 0;
  guint ms = 0;
  GtkWidget *child;

  stop_ticking (self);

  while ((child = gtk_widget_get_first_child (self->topics_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->topics_box), child);
  remove_rows (self->answers_list);

  for (guint i = 0; i < n; i++)
    {
      const ShuatiMockAnswer *answer = shuati_mock_get_answer (self->mock, i);
      const char *topic = shuati_card_get_topic_id (answer->card);
      Coverage *c;

      points += answer->n_points;
      covered += answer->n_covered;
      ms += answer->duration_ms;
      add_answer_row (self, i, answer);

      if (topic == NULL)
        continue;
      if ((c = g_hash_table_lookup (topics, topic)) == NULL)
        {
          c = g_new0 (Coverage, 1);
          g_hash_table_insert (topics, (char *)topic, c);
          g_ptr_array_add (order, (char *)topic);
        }
      c->points += answer->n_points;
      c->covered += answer->n_covered;
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *topic_id = g_ptr_array_index (order, i);
      Coverage *c = g_hash_table_lookup (topics, topic_id);
      ShuatiTopic *topic = deck != NULL ? shuati_deck_lookup_topic (deck, topic_id) : NULL;
      GtkWidget *label = gtk_label_new (topic != NULL ? shuati_topic_get_title (topic, get_languages (self)) : topic_id);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), c->points > 0 ? (double)c->covered / c->points : 0.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)), -1);
      gtk_box_append (GTK_BOX (self->topics_box), label);
      gtk_box_append (GTK_BOX (self->topics_box), bar);
    }

  /* Translators: the mock interview's score, the share of key points covered */
  score = g_strdup_printf (_("Score: %.0f %%"), shuati_mock_get_score (self->mock) * 100.0);
  total = format_duration (ms / 1000);
  /* Translators: under the score: questions answered, key points covered
   * of all, and the time taken, as in "3 questions · 5 of 9 points · 4:12" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question · %u of %u points · %s",
                                          "%u questions · %u of %u points · %s", n),
                             n, covered, points, total);
  gtk_label_set_text (self->score_label, score);
  gtk_label_set_text (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, "report");
  update_actions (self);
}

static void
end_mock (ShuatiMockPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!shuati_mock_finish (self->mock, g_get_real_time () / G_USEC_PER_SEC, &error))
    emit_toast (self, error->message);
  show_report (self);
}

/* Setup ---------------------------------------------------------------------------- */

static void
fill_past (ShuatiMockPage *self)
{
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GArray) past = NULL;

  remove_rows (self->past_list);
  if (store != NULL)
    past = shuati_mock_list_past (store, shuati_deck_get_id (shuati_progress_get_deck (self->progress)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->past_group), past != NULL && past->len > 0);

  /* Newest first. */
  for (guint i = past != NULL ? past->len : 0; i > 0; i--)
    {
      const ShuatiMockRecord *record = &g_array_index (past, ShuatiMockRecord, i - 1);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (record->started_at);
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%x %H:%M") : g_strdup ("");
      g_autofree char *subtitle = NULL;
      g_autofree char *score = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", record->n_questions),
                                  record->n_questions);
      score = g_strdup_printf ("%.0f %%", record->n_points > 0 ? 100.0 * record->n_covered / record->n_points : 0.0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      label = gtk_label_new (score);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->past_list, row);
    }
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  guint minutes = (guint)gtk_spin_button_get_value_as_int (self->minutes_spin);
  guint n = shuati_mock_page_questions_for (adw_combo_row_get_selected (self->length_row), minutes);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ShuatiStore *store = shuati_progress_get_store (self->progress);

  if (self->planned != NULL && adw_combo_row_get_selected (self->scope_row) == 1)
    questions = shuati_mock_pick_planned (self->planned, self->n_planned_today, self->progress, n, now,
                                          self->seeded ? self->seed : g_random_int ());
  else
    questions = shuati_mock_pick (self->cards, self->progress, n, now,
                                  self->seeded ? self->seed : g_random_int ());
  if (questions->len == 0)
    return;

  g_clear_object (&self->mock);
  self->mock = shuati_mock_new (self->scheduler, store,
                                shuati_deck_get_id (shuati_progress_get_deck (self->progress)),
                                questions, minutes * 60, now, &error);
  if (self->mock == NULL)
    {
      emit_toast (self, error->message);
      return;
    }

  show_question (self);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reveal (SHUATI_MOCK_PAGE (widget));
}

static void
toggle_point_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  int i = g_variant_get_int32 (parameter) - 1;
  GtkCheckButton *check;

  if (i < 0 || (guint)i >= self->point_buttons->len)
    return;
  check = g_ptr_array_index (self->point_buttons, i);
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  guint covered = 0;

  for (guint i = 0; i < self->point_buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->point_buttons, i)))
      covered++;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!shuati_mock_answer (self->mock, self->point_buttons->len, covered,
                           (guint)(elapsed_us (self) / 1000), notes,
                           g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      emit_toast (self, error->message);
      return;
    }

  if (shuati_mock_get_current (self->mock) != NULL)
    show_question (self);
  else
    end_mock (self);
}

static void set_paused (ShuatiMockPage *self,
                        gboolean        paused);

static void
on_end_response (ShuatiMockPage *self,
                 const char     *response)
{
  /* Going on restarts the clock the question stopped for. */
  if (self->paused_for_dialog)
    {
      self->paused_for_dialog = FALSE;
      set_paused (self, FALSE);
    }
  if (g_strcmp0 (response, "end") == 0 && self->mock != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") == 0)
    end_mock (self);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  GtkWidget *dialog;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0)
    {
      stop_ticking (self);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  /* No time runs out while the learner decides. */
  if (!self->revealed && !self->paused)
    {
      set_paused (self, TRUE);
      self->paused_for_dialog = TRUE;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("End the Mock Interview?"),
                                   _("The questions answered so far are kept and shown in the report."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", C_("mock interview", "_Go On"),
                                    "end", C_("mock interview", "_End"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_end_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);

  stop_ticking (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
add_mistake_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  guint i = g_variant_get_uint32 (parameter);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GError) error = NULL;
  const ShuatiMockAnswer *answer;

  if (self->mock == NULL || i >= shuati_mock_get_n_answers (self->mock) || store == NULL)
    return;
  answer = shuati_mock_get_answer (self->mock, i);
  if (!shuati_store_set_mistake (store, shuati_card_get_deck_id (answer->card), shuati_card_get_id (answer->card),
                                 TRUE, g_get_real_time () / G_USEC_PER_SEC, &error))
    emit_toast (self, error->message);
  else
    emit_toast (self, _("Added to the Mistake Book"));
}

static void
study_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (widget);
  guint i = g_variant_get_uint32 (parameter);

  if (self->mock == NULL || i >= shuati_mock_get_n_answers (self->mock))
    return;
  stop_ticking (self);
  g_signal_emit (self, signals[OPEN_CARD], 0, shuati_mock_get_answer (self->mock, i)->card);
}

static void
set_paused (ShuatiMockPage *self,
            gboolean        paused)
{
  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  if (paused)
    self->paused_us = g_get_monotonic_time ();
  else if (self->paused_us != 0)
    {
      self->paused_total_us += g_get_monotonic_time () - self->paused_us;
      self->paused_us = 0;
    }
  /* The question hides while the clock stops. */
  gtk_widget_set_opacity (GTK_WIDGET (self->question_label), paused ? 0.0 : 1.0);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* GObject ------------------------------------------------------------------------ */

static void
shuati_mock_page_dispose (GObject *object)
{
  ShuatiMockPage *self = (ShuatiMockPage *)object;
  GtkWidget *child;

  stop_ticking (self);
  g_clear_object (&self->mock);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->progress);
  g_clear_object (&self->cards);
  g_clear_object (&self->planned);
  g_clear_pointer (&self->point_buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_MOCK_PAGE);
  /* The template's outer box has no name of its own to be disposed by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (shuati_mock_page_parent_class)->dispose (object);
}

static void
shuati_mock_page_finalize (GObject *object)
{
  ShuatiMockPage *self = (ShuatiMockPage *)object;

  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (shuati_mock_page_parent_class)->finalize (object);
}

static void
shuati_mock_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_mock_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiMockPage *self = SHUATI_MOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_mock_page_class_init (ShuatiMockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_mock_page_dispose;
  object_class->finalize = shuati_mock_page_finalize;
  object_class->get_property = shuati_mock_page_get_property;
  object_class->set_property = shuati_mock_page_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShuatiMockPage::finished:
   *
   * The learner left the page.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /**
   * ShuatiMockPage::open-card:
   * @card: a question of the report to study now
   */
  signals[OPEN_CARD] =
    g_signal_new ("open-card", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SHUATI_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-mock-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, setup_group);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, length_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, past_group);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, position_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, answer_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, points_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, topics_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiMockPage, answers_list);

  gtk_widget_class_install_action (widget_class, "mock.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "mock.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "mock.toggle-point", "i", toggle_point_action);
  gtk_widget_class_install_action (widget_class, "mock.next", NULL, next_action);
  gtk_widget_class_install_property_action (widget_class, "mock.pause", "paused");
  gtk_widget_class_install_action (widget_class, "mock.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "mock.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "mock.add-mistake", "u", add_mistake_action);
  gtk_widget_class_install_action (widget_class, "mock.study", "u", study_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "mock.reveal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "mock.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "mock.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "mock.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "mock.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "mock.end", NULL);
  for (int i = 0; i < MAX_POINT_KEYS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "mock.toggle-point", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK, "mock.toggle-point", "i", i + 1);
    }
}

static void
shuati_mock_page_init (ShuatiMockPage *self)
{
  g_autoptr(GtkStringList) lengths = NULL;
  const char *names[] = {
    _("5 questions"), _("10 questions"), _("20 questions"),
    _("30 minutes"), _("45 minutes"), _("60 minutes"), NULL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->point_buttons = g_ptr_array_new ();

  lengths = gtk_string_list_new (names);
  adw_combo_row_set_model (self->length_row, G_LIST_MODEL (lengths));
  gtk_spin_button_set_value (self->minutes_spin, SHUATI_MOCK_DEFAULT_SECONDS / 60);
  update_actions (self);
}

GtkWidget *
shuati_mock_page_new (void)
{
  return g_object_new (SHUATI_TYPE_MOCK_PAGE, NULL);
}

/**
 * shuati_mock_page_set_choice:
 * @progress: the deck's progress, with its store
 * @cards: (element-type ShuatiCard): the cards to draw the questions from
 * @title: the choice's name, shown on the setup
 *
 * Shows the setup for a new mock interview over @cards.
 */
void
shuati_mock_page_set_choice (ShuatiMockPage     *self,
                             ShuatiScheduler    *scheduler,
                             ShuatiProgress     *progress,
                             GListModel         *cards,
                             const char         *title,
                             const char * const *languages)
{
  g_autofree char *description = NULL;
  guint n;

  g_return_if_fail (SHUATI_IS_MOCK_PAGE (self));
  g_return_if_fail (SHUATI_IS_SCHEDULER (scheduler));
  g_return_if_fail (SHUATI_IS_PROGRESS (progress));
  g_return_if_fail (G_IS_LIST_MODEL (cards));

  stop_ticking (self);
  g_clear_object (&self->mock);
  g_set_object (&self->scheduler, scheduler);
  g_set_object (&self->progress, progress);
  g_set_object (&self->cards, cards);
  g_clear_pointer (&self->languages, g_strfreev);
  self->languages = g_strdupv ((char **)languages);
  self->revealed = FALSE;
  self->paused_for_dialog = FALSE;
  set_paused (self, FALSE);

  n = g_list_model_get_n_items (cards);
  /* Translators: on the mock interview setup: the choice the questions
   * come from and how many cards it has, as in "Mistake Book · 12 cards" */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u card", "%s · %u cards", n),
                                 title != NULL ? title : "", n);
  adw_preferences_group_set_description (self->setup_group, description);
  g_clear_object (&self->planned);
  self->n_planned_today = 0;
  {
    const char *scopes[] = { title != NULL && *title != '\0' ? title : _("This List"), _("As the Plan Says"), NULL };
    g_autoptr(GtkStringList) list = gtk_string_list_new (scopes);

    adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (list));
    adw_combo_row_set_selected (self->scope_row, 0);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->scope_row), FALSE);
  fill_past (self);

  gtk_stack_set_visible_child_name (self->stack, "setup");
  update_actions (self);
  /* Enter starts; the way out is Escape. */
  gtk_widget_grab_focus (self->start_button);
}

/**
 * shuati_mock_page_set_plan:
 * @planned: (nullable) (element-type ShuatiCard): the deck plan's cards,
 *   today's first, as shuati_plan_list_cards() lists them; %NULL when
 *   the deck has no plan
 * @n_today: how many of @planned are today's
 *
 * Offers, next to the choice set by shuati_mock_page_set_choice(), to
 * draw the questions as the plan says. Call it after that.
 */
void
shuati_mock_page_set_plan (ShuatiMockPage *self,
                           GListModel     *planned,
                           guint           n_today)
{
  g_autofree char *subtitle = NULL;
  guint n;

  g_return_if_fail (SHUATI_IS_MOCK_PAGE (self));
  g_return_if_fail (planned == NULL || G_IS_LIST_MODEL (planned));

  g_set_object (&self->planned, planned);
  self->n_planned_today = planned != NULL ? n_today : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->scope_row), planned != NULL);
  if (planned == NULL)
    {
      adw_combo_row_set_selected (self->scope_row, 0);
      return;
    }

  n = g_list_model_get_n_items (planned);
  /* Translators: under "Questions From" on the mock interview setup:
   * the plan's cards for today, then all the cards it covers */
  subtitle = g_strdup_printf (_("The plan: %u today, %u in all"), self->n_planned_today, n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row), subtitle);
  update_actions (self);
}

/* Tests draw the same questions every time. */
void
shuati_mock_page_set_seed (ShuatiMockPage *self,
                           guint32         seed)
{
  g_return_if_fail (SHUATI_IS_MOCK_PAGE (self));
  self->seed = seed;
  self->seeded = TRUE;
}

/**
 * shuati_mock_page_get_mock:
 *
 * Returns: (transfer none) (nullable): the attempt shown
 */
ShuatiMock *
shuati_mock_page_get_mock (ShuatiMockPage *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK_PAGE (self), NULL);
  return self->mock;
}

/**
 * shuati_mock_page_get_view:
 *
 * Returns: "setup", "question" or "report"
 */
const char *
shuati_mock_page_get_view (ShuatiMockPage *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
shuati_mock_page_get_revealed (ShuatiMockPage *self)
{
  g_return_val_if_fail (SHUATI_IS_MOCK_PAGE (self), FALSE);
  return self->revealed;
}
