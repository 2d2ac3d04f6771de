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

/* The interview plan of the deck shown: its date, how much of it to
 * learn and the recall wanted, and what the plan makes of them. */

#define DAY 86400

struct _ShuatiPlannerPage
{
  GtkWidget        parent_instance;

  GtkWidget       *content;
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
};

G_DEFINE_FINAL_TYPE (ShuatiPlannerPage, shuati_planner_page, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  ADD_TOAST,
  PLAN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  gint64 now = page_now (self);

  g_clear_pointer (&self->plan, shuati_plan_free);
  if (self->progress == NULL || self->scheduler == NULL)
    return;

  settings.now = now;
  settings.date = now + (gint64)gtk_spin_button_get_value_as_int (self->days_spin) * DAY;
  settings.target_recall = gtk_spin_button_get_value (self->recall_spin) / 100.0;
  self->plan = shuati_plan_for_progress (self->scheduler, self->progress,
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
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiPlannerPage *self = SHUATI_PLANNER_PAGE (widget);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 date = page_now (self) + (gint64)gtk_spin_button_get_value_as_int (self->days_spin) * DAY;

  if (store == NULL)
    return;
  if (!shuati_store_set_plan (store, shuati_deck_get_id (shuati_progress_get_deck (self->progress)), date,
                              gtk_spin_button_get_value (self->share_spin) / 100.0,
                              gtk_spin_button_get_value (self->recall_spin) / 100.0, &error))
    {
      g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[PLAN_CHANGED], 0);
  g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (_("Plan saved")));
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
      g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (error->message));
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
  gtk_widget_class_bind_template_child (widget_class, ShuatiPlannerPage, days_spin);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "planner.close", NULL);
}

static void
shuati_planner_page_init (ShuatiPlannerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
shuati_planner_page_set_progress (ShuatiPlannerPage *self,
                                  ShuatiScheduler   *scheduler,
                                  ShuatiProgress    *progress)
{
  ShuatiStore *store;
  gint64 date = 0;
  double share = 1.0;
  double recall = SHUATI_PLAN_DEFAULT_RECALL;

  g_return_if_fail (SHUATI_IS_PLANNER_PAGE (self));
  g_return_if_fail (SHUATI_IS_SCHEDULER (scheduler));
  g_return_if_fail (SHUATI_IS_PROGRESS (progress));

  g_set_object (&self->scheduler, scheduler);
  g_set_object (&self->progress, progress);
  store = shuati_progress_get_store (progress);
  if (store != NULL && shuati_store_get_plan (store, shuati_deck_get_id (shuati_progress_get_deck (progress)),
                                              &date, &share, &recall))
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
