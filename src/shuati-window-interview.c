/* shuati-window-interview.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-mistakes.h"
#include "shuati-mock-page.h"
#include "shuati-planner-page.h"
#include "shuati-window-private.h"

/* The window's interview preparation: the 错题本 (mistake book), where a
 * card in the reader can be put or taken out by hand, and the mock
 * interview page over the cards the list shows. */

static ShuatiCard *
reader_card (ShuatiWindow *self)
{
  return shuati_card_view_get_card (self->card_view);
}

/* The reader's menu says how far a card in the 错题本 is along the exit
 * rule, in the words of the browser's detail pane. The line is an item
 * of an action never enabled, so it reads as a note, not a command. */
static void
show_mistake_state (ShuatiWindow *self,
                    ShuatiCard   *card)
{
  GMenu *section = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), SHUATI_TYPE_WINDOW,
                                                          "mistake_state_section"));
  ShuatiMistakeState state = { 0 };
  g_autofree char *line = NULL;
  g_autofree char *current = NULL;

  if (card != NULL &&
      shuati_store_get_mistake_state (shuati_progress_get_store (self->progress), shuati_card_get_deck_id (card),
                                      shuati_card_get_id (card), &state, NULL))
    line = shuati_mistake_state_describe (&state);

  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_model_get_item_attribute (G_MENU_MODEL (section), 0, G_MENU_ATTRIBUTE_LABEL, "s", &current);
  if (g_strcmp0 (current, line) == 0)
    return;
  g_menu_remove_all (section);
  if (line != NULL)
    g_menu_append (section, line, "win.mistake-state");
}

static void
mistake_state_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
}

/**
 * _shuati_window_interview_update:
 *
 * Offers to add the card in the reader to the 错题本 or to take it out,
 * whichever fits; called when the card or the progress changes.
 */
void
_shuati_window_interview_update (ShuatiWindow *self)
{
  ShuatiCard *card = reader_card (self);
  gboolean can = card != NULL && self->progress != NULL &&
                 shuati_progress_get_store (self->progress) != NULL &&
                 shuati_deck_lookup_card (shuati_progress_get_deck (self->progress),
                                          shuati_card_get_id (card)) == card;
  gboolean member = can && shuati_progress_is_mistake (self->progress, card);

  _shuati_window_queue_headline (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-mistakes", can && !member);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-from-mistakes", can && member);
  show_mistake_state (self, member ? card : NULL);
}

static void
mark_mistake (ShuatiWindow *self,
              gboolean      member)
{
  ShuatiCard *card = reader_card (self);
  g_autoptr(GError) error = NULL;

  if (card == NULL || self->progress == NULL || shuati_progress_get_store (self->progress) == NULL)
    return;

  if (!shuati_store_set_mistake (shuati_progress_get_store (self->progress),
                                 shuati_card_get_deck_id (card), shuati_card_get_id (card),
                                 member, g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      _shuati_window_show_toast (self, error->message);
      return;
    }

  _shuati_window_show_toast (self, member ? _("Added to the Mistake Book")
                                          : _("Removed from the Mistake Book"));
  _shuati_window_interview_update (self);
}

static void
add_to_mistakes_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  mark_mistake (SHUATI_WINDOW (widget), TRUE);
}

static void
remove_from_mistakes_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  mark_mistake (SHUATI_WINDOW (widget), FALSE);
}

/**
 * _shuati_window_mistakes_empty_text:
 *
 * Returns: what the empty 错题本 says: how cards come in and go out
 */
const char *
_shuati_window_mistakes_empty_text (void)
{
  return _("Every card you rate Again comes here, and you can add cards by hand from the reader’s menu. "
           "A card leaves once you remember it in two reviews in a row, on different days, "
           "each with an interval of 7 days or more.");
}

/* Mock interview ---------------------------------------------------------------- */

static ShuatiPlan *saved_plan (ShuatiWindow *self,
                               gint64        now);

static void
mock_interview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiServices *app = _shuati_window_get_services (self);
  ShuatiSidebarItem *choice = _shuati_window_get_sidebar_item (self);

  if (app == NULL || self->progress == NULL || shuati_progress_get_store (self->progress) == NULL)
    {
      _shuati_window_show_toast (self, _("Mock interviews need your progress file, which could not be opened."));
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "mock");
  shuati_mock_page_set_choice (SHUATI_MOCK_PAGE (self->mock_page), shuati_services_get_scheduler (app),
                               self->progress, G_LIST_MODEL (self->filtered_cards),
                               choice != NULL ? shuati_sidebar_item_get_title (choice, (const char * const *)self->languages) : NULL,
                               (const char * const *)self->languages);

  /* The deck's plan, if it has one, is offered as a choice of its own. */
  {
    g_autoptr(ShuatiPlan) plan = saved_plan (self, g_get_real_time () / G_USEC_PER_SEC);
    g_autoptr(GListStore) planned = NULL;
    guint n_today = 0;

    if (plan != NULL)
      planned = shuati_plan_list_cards (self->progress, plan, &n_today);
    shuati_mock_page_set_plan (SHUATI_MOCK_PAGE (self->mock_page), G_LIST_MODEL (planned), n_today);
  }
}

static void
on_mock_finished (ShuatiWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
}

static void
on_mock_add_toast (ShuatiWindow *self,
                   AdwToast     *toast)
{
  _shuati_window_add_toast (self, toast);
}

static void
on_mock_open_card (ShuatiWindow *self,
                   ShuatiCard   *card)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", shuati_card_get_deck_id (card), shuati_card_get_id (card));
  g_autofree char *all = shuati_sidebar_key_build (shuati_card_get_deck_id (card), SHUATI_SIDEBAR_ALL, NULL);

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  /* The card may not be in the choice shown; the whole deck has it. */
  shuati_window_select_sidebar (self, all);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-card", "s", key);
}

/* Interview plan ------------------------------------------------------------------- */

static ShuatiPlan *
saved_plan (ShuatiWindow *self,
            gint64        now)
{
  ShuatiServices *app = _shuati_window_get_services (self);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  ShuatiPlanSettings settings = { now, 0, 0, 0 };
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) tags = NULL;
  ShuatiPlanScope scope = { NULL, NULL, SHUATI_PLAN_ORDER_TOPICS };
  const char *deck_id;
  double share = 1.0;
  int order = SHUATI_PLAN_ORDER_TOPICS;

  if (app == NULL || store == NULL)
    return NULL;
  deck_id = shuati_deck_get_id (shuati_progress_get_deck (self->progress));
  if (!shuati_store_get_plan (store, deck_id, &settings.date, &share, &settings.target_recall) ||
      shuati_plan_days_between (now, settings.date) <= 0)
    return NULL;

  shuati_store_get_plan_scope (store, deck_id, &topics, &tags, &order);
  scope.topics = topics;
  scope.tags = tags;
  scope.order = order == SHUATI_PLAN_ORDER_FREQUENCY ? SHUATI_PLAN_ORDER_FREQUENCY : SHUATI_PLAN_ORDER_TOPICS;
  return shuati_plan_for_scope (shuati_services_get_scheduler (app), self->progress, &scope, share, &settings);
}

static gboolean
update_headline (gpointer user_data)
{
  ShuatiWindow *self = user_data;
  AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (self), SHUATI_TYPE_WINDOW,
                                                                           "sidebar_title"));
  g_autoptr(ShuatiPlan) plan = saved_plan (self, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *line = plan != NULL ? shuati_plan_dup_headline (plan) : NULL;

  self->headline_idle = 0;
  adw_window_title_set_subtitle (title, line != NULL ? line : "");
  return G_SOURCE_REMOVE;
}

/**
 * _shuati_window_queue_headline:
 *
 * Recomputes the plan for the header's line ("12 days to interview ·
 * 38 today") once the current burst of changes is over.
 */
void
_shuati_window_queue_headline (ShuatiWindow *self)
{
  if (self->headline_idle == 0)
    self->headline_idle = g_timeout_add_full (G_PRIORITY_LOW, 200, update_headline, self, NULL);
}

/**
 * _shuati_window_plan_session:
 * @cards: the cards a study session is about to take
 * @limit: (inout): the day's new cards, replaced by the plan's when the
 *   deck has one
 *
 * Returns: (transfer full): @cards, with the plan's first in the order
 *   the plan learns them when the deck has a plan
 */
GListModel *
_shuati_window_plan_session (ShuatiWindow *self,
                             gint64        now,
                             GListModel   *cards,
                             guint        *limit)
{
  g_autoptr(ShuatiPlan) plan = saved_plan (self, now);

  if (plan == NULL)
    return g_object_ref (cards);

  /* The plan counts from the cards not started yet; those started today
   * are part of today's share too. */
  *limit = shuati_plan_get_new_today (plan) +
           shuati_store_count_new_today (shuati_progress_get_store (self->progress),
                                         shuati_deck_get_id (shuati_progress_get_deck (self->progress)),
                                         shuati_day_start (now));
  return G_LIST_MODEL (shuati_plan_sort_cards (plan, cards));
}

static void
show_planner_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiServices *app = _shuati_window_get_services (self);

  if (app == NULL || self->progress == NULL || shuati_progress_get_store (self->progress) == NULL)
    {
      _shuati_window_show_toast (self, _("Planning needs your progress file, which could not be opened."));
      return;
    }
  shuati_planner_page_set_progress (SHUATI_PLANNER_PAGE (self->planner_page),
                                    shuati_services_get_scheduler (app), self->progress,
                                    (const char * const *)self->languages);
  gtk_stack_set_visible_child_name (self->main_stack, "planner");
  gtk_widget_grab_focus (self->planner_page);
}

static void
on_planner_closed (ShuatiWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
}

/**
 * _shuati_window_interview_init:
 *
 * Adds the mock interview page beside the review page.
 */
void
_shuati_window_interview_init (ShuatiWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mistake-state", FALSE);
  self->mock_page = shuati_mock_page_new ();
  gtk_stack_add_named (self->main_stack, self->mock_page, "mock");
  g_signal_connect_object (self->mock_page, "finished", G_CALLBACK (on_mock_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mock_page, "add-toast", G_CALLBACK (on_mock_add_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mock_page, "open-card", G_CALLBACK (on_mock_open_card), self, G_CONNECT_SWAPPED);

  self->planner_page = shuati_planner_page_new ();
  gtk_stack_add_named (self->main_stack, self->planner_page, "planner");
  g_signal_connect_object (self->planner_page, "closed", G_CALLBACK (on_planner_closed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->planner_page, "add-toast", G_CALLBACK (on_mock_add_toast), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->planner_page, "plan-changed", G_CALLBACK (_shuati_window_queue_headline),
                           self, G_CONNECT_SWAPPED);
}

/**
 * _shuati_window_interview_dispose:
 */
void
_shuati_window_interview_dispose (ShuatiWindow *self)
{
  g_clear_handle_id (&self->headline_idle, g_source_remove);
}

void
_shuati_window_class_add_interview_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-to-mistakes", NULL, add_to_mistakes_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-mistakes", NULL, remove_from_mistakes_action);
  gtk_widget_class_install_action (widget_class, "win.mock-interview", NULL, mock_interview_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.mock-interview", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-planner", NULL, show_planner_action);
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar_title", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "mistake_state_section", FALSE, 0);
  /* Never enabled: the reader menu's line on the exit rule. */
  gtk_widget_class_install_action (widget_class, "win.mistake-state", NULL, mistake_state_action);
}
