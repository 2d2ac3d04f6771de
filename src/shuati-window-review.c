/* shuati-window-review.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-preset.h"
#include "shuati-session.h"
#include "shuati-window-private.h"

/* Study and practice: the sessions the window starts from its current
 * choice, the review page it shows them on, and the way back to the list. */

/* The current deck's daily new-card limit, from its preset. */
static guint
deck_new_cards_per_day (ShuatiWindow *self)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (self->settings,
                                                       self->deck != NULL ? shuati_deck_get_id (self->deck) : NULL);

  return preset->new_cards_per_day;
}

static guint
new_cards_step (ShuatiWindow *self)
{
  guint per_day = deck_new_cards_per_day (self);

  return per_day > 0 ? per_day : 10;
}

static void
dismiss_resume_toast (ShuatiWindow *self)
{
  if (self->resume_toast != NULL)
    adw_toast_dismiss (self->resume_toast);
  g_clear_weak_pointer (&self->resume_toast);
}

static void
show_review (ShuatiWindow  *self,
             ShuatiSession *session)
{
  ShuatiSidebarItem *choice = _shuati_window_get_sidebar_item (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  shuati_review_page_set_scope (self->review_page,
                                query != NULL && query[0] != '\0' ? query
                                : choice != NULL ? shuati_sidebar_item_get_title (choice, (const char * const *)self->languages) : NULL);
  shuati_review_page_set_new_cards_step (self->review_page, new_cards_step (self));
  adw_window_title_set_title (self->review_title,
                              shuati_session_get_is_practice (session) ? _("Practice") : _("Study"));
  adw_window_title_set_subtitle (self->review_title,
                                 choice != NULL ? shuati_sidebar_item_get_title (choice, (const char * const *)self->languages) : "");
  g_free (self->review_choice);
  self->review_choice = shuati_window_dup_sidebar_key (self);
  dismiss_resume_toast (self);
  /* The page shows the session before it comes on screen, so that it
   * never passes through the state the last session left. */
  shuati_review_page_set_session (self->review_page, session);
  gtk_stack_set_visible_child_name (self->main_stack, "review");
  gtk_widget_grab_focus (GTK_WIDGET (self->review_page));
}

/* Today's new-card limit: the daily one, plus what the learner added
 * today from the summary; what was added on another day is gone. */
static guint
new_cards_today (ShuatiWindow *self,
                 gint64        now)
{
  guint limit = deck_new_cards_per_day (self);

  if (g_settings_get_int64 (self->settings, "extra-new-cards-day") == shuati_day_start (now))
    limit += g_settings_get_uint (self->settings, "extra-new-cards");
  return limit;
}

static ShuatiSession *
new_custom_session (ShuatiWindow    *self,
                    ShuatiStudyKind  kind)
{
  ShuatiServices *app = _shuati_window_get_services (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(ShuatiScheduler) scheduler = NULL;
  g_autoptr(GListModel) cards = NULL;
  guint limit;

  if (app == NULL || self->progress == NULL || shuati_progress_get_store (self->progress) == NULL)
    return NULL;

  /* With an interview plan, the plan's new cards come first. */
  limit = new_cards_today (self, now);
  cards = _shuati_window_plan_session (self, now, G_LIST_MODEL (self->filtered_cards), &limit);

  /* The deck is studied with its own preset, or the default one. */
  scheduler = shuati_preset_new_deck_scheduler (self->settings,
                                                self->deck != NULL ? shuati_deck_get_id (self->deck) : NULL,
                                                NULL);
  return shuati_session_new_custom_for_progress (scheduler,
                                                 self->progress,
                                                 cards, kind, limit, now);
}

static ShuatiSession *
new_study_session (ShuatiWindow *self)
{
  return new_custom_session (self, SHUATI_STUDY_DUE);
}

/* Practice records no grade, but its cards can be starred when the
 * progress file is open. */
static ShuatiSession *
new_practice_session (ShuatiWindow *self,
                      gboolean      shuffled)
{
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;
  guint32 seed = (guint32)g_get_real_time ();

  if (store == NULL)
    return shuati_session_new_practice (G_LIST_MODEL (self->filtered_cards), shuffled, seed);
  return shuati_session_new_practice_with_store (store, G_LIST_MODEL (self->filtered_cards),
                                                 shuffled, seed);
}

static void
study_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  g_autoptr(ShuatiSession) session = new_study_session (self);

  if (session == NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("Studying needs your progress file, which could not be opened. Practice still works."));

      _shuati_window_add_toast (self, toast);
      return;
    }

  show_review (self, session);
}

static void
practice_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  g_autoptr(ShuatiSession) session = NULL;
  gboolean shuffled = g_settings_get_enum (self->settings, "practice-order") == 1;

  session = new_practice_session (self, shuffled);
  show_review (self, session);
}

static void
on_review_finished (ShuatiWindow     *self,
                    ShuatiReviewPage *page)
{
  g_autofree char *choice = g_steal_pointer (&self->review_choice);
  g_autofree char *now = shuati_window_dup_sidebar_key (self);

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  shuati_review_page_set_session (page, NULL);

  /* Back to the list the session started from. */
  if (choice != NULL && g_strcmp0 (choice, now) != 0)
    shuati_window_select_sidebar (self, choice);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->card_list_view));
}

/* Adds @step new cards to today's limit, and only today's. */
static void
raise_new_cards_today (ShuatiWindow *self,
                       guint         step,
                       gint64        now)
{
  gint64 today = shuati_day_start (now);
  guint extra = 0;

  if (g_settings_get_int64 (self->settings, "extra-new-cards-day") == today)
    extra = g_settings_get_uint (self->settings, "extra-new-cards");

  g_settings_delay (self->settings);
  g_settings_set_int64 (self->settings, "extra-new-cards-day", today);
  g_settings_set_uint (self->settings, "extra-new-cards", MIN (extra + step, 99999));
  g_settings_apply (self->settings);
}

static void
on_review_study_more (ShuatiWindow     *self,
                      const char       *what,
                      ShuatiReviewPage *page)
{
  g_autoptr(ShuatiSession) session = NULL;

  if (g_strcmp0 (what, "practice") == 0)
    {
      gboolean shuffled = g_settings_get_enum (self->settings, "practice-order") == 1;

      session = new_practice_session (self, shuffled);
    }
  else if (g_strcmp0 (what, "new") == 0)
    {
      raise_new_cards_today (self, shuati_review_page_get_new_cards_step (page),
                             g_get_real_time () / G_USEC_PER_SEC);
      session = new_custom_session (self, SHUATI_STUDY_DUE);
    }
  else if (g_strcmp0 (what, "ahead") == 0)
    session = new_custom_session (self, SHUATI_STUDY_AHEAD);
  else if (g_strcmp0 (what, "forgotten") == 0)
    session = new_custom_session (self, SHUATI_STUDY_FORGOTTEN);

  if (session != NULL)
    shuati_review_page_set_session (page, session);
}

static void
resume_review_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  dismiss_resume_toast (self);
  if (shuati_review_page_get_session (self->review_page) == NULL)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, "review");
  gtk_widget_grab_focus (GTK_WIDGET (self->review_page));
}

static void
on_review_open_card (ShuatiWindow     *self,
                     ShuatiCard       *card,
                     ShuatiReviewPage *page)
{
  g_autoptr(AdwToast) toast = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  if (shuati_window_select_card (self, shuati_card_get_id (card)))
    _shuati_window_show_pane (self, self->reader_pane);

  /* The session waits on its card for the learner to come back. */
  toast = adw_toast_new (_("Study session paused"));
  adw_toast_set_button_label (toast, _("Back to the Session"));
  adw_toast_set_action_name (toast, "win.resume-review");
  adw_toast_set_timeout (toast, 0);
  dismiss_resume_toast (self);
  g_set_weak_pointer (&self->resume_toast, toast);
  _shuati_window_add_toast (self, toast);
}

static void
on_review_add_toast (ShuatiWindow     *self,
                     AdwToast         *toast,
                     ShuatiReviewPage *page)
{
  _shuati_window_add_toast (self, toast);
}

void
_shuati_window_class_add_review_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_review_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_review_study_more);
  gtk_widget_class_bind_template_callback (widget_class, on_review_open_card);
  gtk_widget_class_bind_template_callback (widget_class, on_review_add_toast);

  gtk_widget_class_install_action (widget_class, "win.study", NULL, study_action);
  gtk_widget_class_install_action (widget_class, "win.practice", NULL, practice_action);
  gtk_widget_class_install_action (widget_class, "win.resume-review", NULL, resume_review_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.study", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.practice", NULL);
}
