/* shuati-planner-page.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-bar-chart.h"
#include "shuati-planner-page.h"

/* The interview plan of the deck shown: its date, what of it to learn
 * (topics in the learner's order of priority, tags, how many) and the
 * recall wanted, and what the plan makes of them. */

#define DAY 86400

struct _ShuatiPlannerPage
{
  GtkWidget        parent_instance;

  GtkWidget       *content;
  GtkMenuButton   *date_button;
  GtkPopover      *date_popover;
  GtkCalendar     *calendar;
  AdwComboRow     *order_row;
  AdwEntryRow     *tags_row;
  GtkListBox      *topic_list;
  GtkSpinButton   *days_spin;
  GtkSpinButton   *share_spin;
  GtkSpinButton   *recall_spin;
  GtkLabel        *verdict_label;
  AdwActionRow    *days_row;
  AdwActionRow    *new_row;
  AdwActionRow    *recall_now_row;
  AdwActionRow    *recall_plan_row;
  ShuatiBarChart  *chart;

  ShuatiScheduler *scheduler;
  ShuatiProgress  *progress;
  ShuatiPlan      *plan;
  gint64           now;       /* 0: the clock's */
  GListStore      *topics;    /* every ShuatiTopic of the deck, in order of priority */
  GHashTable      *left_out;  /* ids of the topics unticked */
  char           **languages;
  gboolean         showing_date;
};

G_DEFINE_FINAL_TYPE (ShuatiPlannerPage, shuati_planner_page, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  ADD_TOAST,
  PLAN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Asks the window to show @text as a toast. */
static void
emit_toast (ShuatiPlannerPage *self,
            const char        *text)
{
  g_autoptr(AdwToast) toast = adw_toast_new (text);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static gint64
page_now (ShuatiPlannerPage *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * shuati_plan_dup_headline:
 *
 * Returns: (transfer full): the header's line, as in
 *   "12 days to interview · 38 today"
 */
char *
shuati_plan_dup_headline (const ShuatiPlan *plan)
{
  g_autofree char *days = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day to interview", "%u days to interview",
                                       plan->n_days), plan->n_days);
  /* Translators: the header's line: days until the interview, then
   * the cards to study today, as in "12 days to interview · 38 today" */
  return g_strdup_printf (_("%s · %u today"), days, shuati_plan_get_load_today (plan));
}

/* The topics ticked, in order of priority; NULL for every topic in the
 * deck's order, which is what a plan for the whole deck is. */
static char **
dup_scope_topics (ShuatiPlannerPage *self,
                  guint             *n_ticked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *deck_topics = shuati_deck_get_topics (shuati_progress_get_deck (self->progress));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  gboolean as_deck = TRUE;

  *n_ticked = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);
      g_autoptr(ShuatiTopic) in_deck = g_list_model_get_item (deck_topics, i);

      as_deck &= topic == in_deck;
      if (g_hash_table_contains (self->left_out, shuati_topic_get_id (topic)))
        {
          as_deck = FALSE;
          continue;
        }
      g_strv_builder_add (builder, shuati_topic_get_id (topic));
      (*n_ticked)++;
    }
  return as_deck ? NULL : g_strv_builder_end (builder);
}

/* The tags typed, split at commas (either width) and spaces. */
static char **
dup_scope_tags (ShuatiPlannerPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GRegex) split = g_regex_new ("[,，、\\s]+", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (split, gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static ShuatiPlanOrder
scope_order (ShuatiPlannerPage *self)
{
  return adw_combo_row_get_selected (self->order_row) == 1 ? SHUATI_PLAN_ORDER_FREQUENCY
                                                           : SHUATI_PLAN_ORDER_TOPICS;
}

/* The interview's day, from the days before it. */
static GDateTime *
dup_date (ShuatiPlannerPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (page_now (self));
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 12, 0, 0);

  return g_date_time_add_days (today, gtk_spin_button_get_value_as_int (self->days_spin));
}

static void
show_date (ShuatiPlannerPage *self)
{
  g_autoptr(GDateTime) date = dup_date (self);
  /* Translators: the interview's date on its button, a g_date_time_format()
   * format, as in "Mon, 21 Dec 2026" */
  g_autofree char *text = g_date_time_format (date, _("%a, %-d %b %Y"));

  gtk_menu_button_set_label (self->date_button, text);
  self->showing_date = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->showing_date = FALSE;
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  adw_action_row_set_subtitle (row, text);
}

static void
recompute (ShuatiPlannerPage *self)
{
  ShuatiPlanSettings settings = { 0 };
  g_autofree char *days = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *plan_text = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) tags = NULL;
  ShuatiPlanScope scope = { NULL, NULL, SHUATI_PLAN_ORDER_TOPICS };
  gint64 now = page_now (self);
  guint n_ticked = 0;

  g_clear_pointer (&self->plan, shuati_plan_free);
  show_date (self);
  if (self->progress == NULL || self->scheduler == NULL)
    return;

  topics = dup_scope_topics (self, &n_ticked);
  tags = dup_scope_tags (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "planner.save", n_ticked > 0);
  if (n_ticked == 0)
    {
      gtk_label_set_text (self->verdict_label, _("Tick at least one topic to plan for."));
      return;
    }

  scope.topics = topics;
  scope.tags = tags;
  scope.order = scope_order (self);
  settings.now = now;
  settings.date = now + (gint64)gtk_spin_button_get_value_as_int (self->days_spin) * DAY;
  settings.target_recall = gtk_spin_button_get_value (self->recall_spin) / 100.0;
  self->plan = shuati_plan_for_scope (self->scheduler, self->progress, &scope,
                                      gtk_spin_button_get_value (self->share_spin) / 100.0, &settings);

  days = g_strdup_printf ("%u", self->plan->n_days);
  fresh = g_strdup_printf ("%u", self->plan->n_not_started);
  now_text = g_strdup_printf ("%.0f %%", self->plan->recall_now * 100);
  plan_text = g_strdup_printf ("%.0f %%", self->plan->recall_planned * 100);
  set_row (self->days_row, days);
  set_row (self->new_row, fresh);
  set_row (self->recall_now_row, now_text);
  set_row (self->recall_plan_row, plan_text);

  if (self->plan->feasible)
    verdict = shuati_plan_dup_headline (self->plan);
  else if (self->plan->feasible_days > 0)
    /* Translators: a plan that does not fit: the earliest date that does,
     * in days from today, and how many cards fit before the date chosen */
    verdict = g_strdup_printf (_("Not every card fits before the date. "
                                 "Plan for %u days, or learn the first %u cards."),
                               self->plan->feasible_days, self->plan->feasible_cards);
  else
    verdict = g_strdup_printf (_("Not every card fits before the date. Learn the first %u cards."),
                               self->plan->feasible_cards);
  gtk_label_set_text (self->verdict_label, verdict);

  for (guint t = 0; t < self->plan->n_days; t++)
    {
      g_ptr_array_add (labels, t % 7 == 0 ? g_strdup_printf ("%u", t) : g_strdup (""));
      /* Translators: a bar of the plan's workload chart, as in "Day 3: 5 new, 40 in all" */
      g_ptr_array_add (tips, g_strdup_printf (_("Day %u: %u new, %u in all"), t + 1,
                                              self->plan->new_per_day[t], self->plan->load_per_day[t]));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (tips, NULL);
  shuati_bar_chart_set_bars (self->chart, self->plan->load_per_day,
                             (const char * const *)labels->pdata, (const char * const *)tips->pdata,
                             self->plan->n_days);
  /* Translators: what the workload chart shows, for screen readers */
  summary = g_strdup_printf (_("Cards to study each day until the interview: at most %u, %.0f on average"),
                             self->plan->peak_load, self->plan->mean_load);
  shuati_bar_chart_set_summary (self->chart, summary);
}

static void
on_setting_changed (ShuatiPlannerPage *self)
{
  recompute (self);
}

static void
on_tags_applied (ShuatiPlannerPage *self)
{
  recompute (self);
}

/**
 * shuati_planner_page_choose_day:
 *
 * Plans toward the day chosen in the calendar; a day gone by, or today,
 * becomes tomorrow.
 */
void
shuati_planner_page_choose_day (ShuatiPlannerPage *self)
{
  g_autoptr(GDateTime) day = NULL;
  int days;

  g_return_if_fail (SHUATI_IS_PLANNER_PAGE (self));

  day = gtk_calendar_get_date (self->calendar);
  days = shuati_plan_days_between (page_now (self), g_date_time_to_unix (day));
  gtk_popover_popdown (self->date_popover);
  if (days == gtk_spin_button_get_value_as_int (self->days_spin))
    return;
  /* The spin button replans, and puts the calendar back on a day it
   * could not take. */
  gtk_spin_button_set_value (self->days_spin, CLAMP (days, 1, 365));
  show_date (self);
}

static void
on_day_selected (ShuatiPlannerPage *self)
{
  if (!self->showing_date)
    shuati_planner_page_choose_day (self);
}

/* Topics ----------------------------------------------------------------------- */

static void
on_topic_toggled (GtkCheckButton *check,
                  ShuatiPlannerPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "topic-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->left_out, id);
  else
    g_hash_table_add (self->left_out, g_strdup (id));
  recompute (self);
}

static GtkWidget *
move_button (const char *icon,
             const char *label,
             const char *id,
             int         delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "planner.move-topic");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new ("(si)", id, delta));
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
create_topic_row (gpointer item,
                  gpointer user_data)
{
  ShuatiPlannerPage *self = user_data;
  ShuatiTopic *topic = item;
  const char *id = shuati_topic_get_id (topic);
  const char *title = shuati_topic_get_title (topic, (const char * const *)self->languages);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                                         shuati_topic_get_n_cards (topic)),
                                            shuati_topic_get_n_cards (topic));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  gtk_widget_set_name (row, id);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !g_hash_table_contains (self->left_out, id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (check), "topic-id", g_strdup (id), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_topic_toggled), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  /* Translators: moves a topic up the plan's order of priority */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), move_button ("go-up-symbolic", _("Learn Earlier"), id, -1));
  /* Translators: moves a topic down the plan's order of priority */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), move_button ("go-down-symbolic", _("Learn Later"), id, 1));
  return row;
}

static gboolean
find_topic (GListStore *topics,
            const char *id,
            guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (topics));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (G_LIST_MODEL (topics), i);

      if (g_strcmp0 (shuati_topic_get_id (topic), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
move_topic_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ShuatiPlannerPage *self = SHUATI_PLANNER_PAGE (widget);
  g_autoptr(ShuatiTopic) topic = NULL;
  const char *id;
  int delta;
  guint from;
  int to;

  g_variant_get (parameter, "(&si)", &id, &delta);
  if (!find_topic (self->topics, id, &from))
    return;
  to = CLAMP ((int)from + delta, 0, (int)g_list_model_get_n_items (G_LIST_MODEL (self->topics)) - 1);
  if (to == (int)from)
    return;
  topic = g_list_model_get_item (G_LIST_MODEL (self->topics), from);
  g_list_store_remove (self->topics, from);
  g_list_store_insert (self->topics, to, topic);
  recompute (self);

  /* Keep the focus on the topic moved, for the next key press. */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->topic_list, to);

    if (row != NULL)
      gtk_widget_grab_focus (GTK_WIDGET (row));
  }
}

/* The topics of the deck, those of the saved plan first in their order. */
static void
fill_topics (ShuatiPlannerPage *self,
             char             **saved)
{
  GListModel *deck_topics = shuati_deck_get_topics (shuati_progress_get_deck (self->progress));
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean all = saved == NULL || saved[0] == NULL;
  ShuatiDeck *deck = shuati_progress_get_deck (self->progress);

  g_hash_table_remove_all (self->left_out);
  for (guint i = 0; !all && saved[i] != NULL; i++)
    {
      ShuatiTopic *topic = shuati_deck_lookup_topic (deck, saved[i]);

      if (topic != NULL && g_hash_table_add (placed, (char *)shuati_topic_get_id (topic)))
        g_ptr_array_add (order, g_object_ref (topic));
    }
  for (guint i = 0; i < g_list_model_get_n_items (deck_topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (deck_topics, i);

      if (g_hash_table_contains (placed, shuati_topic_get_id (topic)))
        continue;
      if (!all)
        g_hash_table_add (self->left_out, g_strdup (shuati_topic_get_id (topic)));
      g_ptr_array_add (order, g_object_ref (topic));
    }
  g_list_store_splice (self->topics, 0, g_list_model_get_n_items (G_LIST_MODEL (self->topics)),
                       order->pdata, order->len);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiPlannerPage *self = SHUATI_PLANNER_PAGE (widget);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 date = page_now (self) + (gint64)gtk_spin_button_get_value_as_int (self->days_spin) * DAY;

  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) tags = NULL;
  const char *deck_id;
  guint n_ticked = 0;

  if (store == NULL)
    return;
  deck_id = shuati_deck_get_id (shuati_progress_get_deck (self->progress));
  topics = dup_scope_topics (self, &n_ticked);
  tags = dup_scope_tags (self);
  if (!shuati_store_set_plan (store, deck_id, date,
                              gtk_spin_button_get_value (self->share_spin) / 100.0,
                              gtk_spin_button_get_value (self->recall_spin) / 100.0, &error) ||
      !shuati_store_set_plan_scope (store, deck_id, (const char * const *)topics, (const char * const *)tags,
                                    scope_order (self), &error))
    {
      emit_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
  emit_toast (self, _("Plan saved"));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiPlannerPage *self = SHUATI_PLANNER_PAGE (widget);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  if (!shuati_store_set_plan (store, shuati_deck_get_id (shuati_progress_get_deck (self->progress)),
                              0, 0, 0, &error))
    {
      emit_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
shuati_planner_page_dispose (GObject *object)
{
  ShuatiPlannerPage *self = (ShuatiPlannerPage *)object;

  g_clear_pointer (&self->plan, shuati_plan_free);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->progress);
  g_clear_object (&self->topics);
  g_clear_pointer (&self->left_out, g_hash_table_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_PLANNER_PAGE);

  G_OBJECT_CLASS (shuati_planner_page_parent_class)->dispose (object);
}

static void
shuati_planner_page_class_init (ShuatiPlannerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_planner_page_dispose;

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADD_TOAST] =
    g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /**
   * ShuatiPlannerPage::plan-changed:
   *
   * The deck's saved plan was saved or removed.
   */
  signals[PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SHUATI_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-planner-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, content);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, order_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, topic_list);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, days_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_applied);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, share_spin);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, recall_spin);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, days_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, new_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, recall_now_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, recall_plan_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, chart);

  gtk_widget_class_install_action (widget_class, "planner.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "planner.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "planner.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "planner.move-topic", "(si)", move_topic_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "planner.close", NULL);
}

static void
shuati_planner_page_init (ShuatiPlannerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->topics = g_list_store_new (SHUATI_TYPE_TOPIC);
  self->left_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_bind_model (self->topic_list, G_LIST_MODEL (self->topics), create_topic_row, self, NULL);
  g_signal_connect_object (self->order_row, "notify::selected", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->days_spin, "value-changed", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->share_spin, "value-changed", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recall_spin, "value-changed", G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
shuati_planner_page_new (void)
{
  return g_object_new (SHUATI_TYPE_PLANNER_PAGE, NULL);
}

/**
 * shuati_planner_page_set_progress:
 *
 * Shows the saved plan of the deck of @progress, or a plan to make.
 */
void
shuati_planner_page_set_progress (ShuatiPlannerPage  *self,
                                  ShuatiScheduler    *scheduler,
                                  ShuatiProgress     *progress,
                                  const char * const *languages)
{
  ShuatiStore *store;
  const char *deck_id;
  gint64 date = 0;
  double share = 1.0;
  double recall = SHUATI_PLAN_DEFAULT_RECALL;
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *tag_text = NULL;
  int order = SHUATI_PLAN_ORDER_TOPICS;

  g_return_if_fail (SHUATI_IS_PLANNER_PAGE (self));
  g_return_if_fail (SHUATI_IS_SCHEDULER (scheduler));
  g_return_if_fail (SHUATI_IS_PROGRESS (progress));

  g_set_object (&self->scheduler, scheduler);
  g_set_object (&self->progress, progress);
  g_clear_pointer (&self->languages, g_strfreev);
  self->languages = g_strdupv ((char **)languages);
  store = shuati_progress_get_store (progress);
  deck_id = shuati_deck_get_id (shuati_progress_get_deck (progress));

  /* The saved scope, or the whole deck. */
  if (store != NULL)
    shuati_store_get_plan_scope (store, deck_id, &topics, &tags, &order);
  g_signal_handlers_block_by_func (self->order_row, on_setting_changed, self);
  adw_combo_row_set_selected (self->order_row, order == SHUATI_PLAN_ORDER_FREQUENCY ? 1 : 0);
  g_signal_handlers_unblock_by_func (self->order_row, on_setting_changed, self);
  tag_text = tags != NULL ? g_strjoinv (", ", tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tag_text);
  fill_topics (self, topics);

  if (store != NULL && shuati_store_get_plan (store, deck_id, &date, &share, &recall))
    {
      int days = shuati_plan_days_between (page_now (self), date);

      g_signal_handlers_block_by_func (self->days_spin, on_setting_changed, self);
      g_signal_handlers_block_by_func (self->share_spin, on_setting_changed, self);
      g_signal_handlers_block_by_func (self->recall_spin, on_setting_changed, self);
      gtk_spin_button_set_value (self->days_spin, MAX (days, 1));
      gtk_spin_button_set_value (self->share_spin, share * 100);
      gtk_spin_button_set_value (self->recall_spin, recall * 100);
      g_signal_handlers_unblock_by_func (self->days_spin, on_setting_changed, self);
      g_signal_handlers_unblock_by_func (self->share_spin, on_setting_changed, self);
      g_signal_handlers_unblock_by_func (self->recall_spin, on_setting_changed, self);
    }
  recompute (self);
}

/**
 * shuati_planner_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown
 */
const ShuatiPlan *
shuati_planner_page_get_plan (ShuatiPlannerPage *self)
{
  g_return_val_if_fail (SHUATI_IS_PLANNER_PAGE (self), NULL);
  return self->plan;
}

/* Tests plan from a fixed day. */
void
shuati_planner_page_set_now (ShuatiPlannerPage *self,
                             gint64             now)
{
  g_return_if_fail (SHUATI_IS_PLANNER_PAGE (self));
  self->now = now;
  recompute (self);
}
