/* shuati-window-progress.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the main window does when the progress changes: the sidebar's
 * counts, the Due, Starred and Mistake Book lists, the reader's mistake
 * state, the header's plan and the statistics. A grade changes one card,
 * and the learner waits for the next card, not for these: they are done
 * once per burst of changes, after the frame that shows the grade's
 * result, and only for the topics whose cards changed.
 */

#include "config.h"

#include "shuati-window-private.h"

/* If no frame comes (the window is frozen or hidden), the update does
 * not wait for one longer than this. */
#define FRAME_WAIT_MS 250

static void
stop_waiting_for_frame (ShuatiWindow *self)
{
  /* A clock whose surface is gone has been disposed, which disconnects
   * every handler. */
  if (self->progress_clock != NULL &&
      g_signal_handler_is_connected (self->progress_clock, self->progress_paint_handler))
    g_signal_handler_disconnect (self->progress_clock, self->progress_paint_handler);
  self->progress_paint_handler = 0;
  g_clear_object (&self->progress_clock);
}

static gboolean
update_after_progress (gpointer user_data)
{
  ShuatiWindow *self = user_data;
  g_autoptr(GHashTable) topic_ids = g_steal_pointer (&self->changed_topics);
  gboolean all_topics = self->all_topics_changed;
  ShuatiSidebarItem *item;

  self->progress_update = 0;
  self->all_topics_changed = FALSE;
  stop_waiting_for_frame (self);

  _shuati_window_update_progress_counts (self, all_topics ? NULL : topic_ids);
  _shuati_window_queue_statistics_refresh (self);

  /* The Due, Starred and Mistake Book choices are sets that just changed
   * in place. */
  item = _shuati_window_get_sidebar_item (self);
  if (item != NULL &&
      (shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_DUE ||
       shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_STARRED ||
       shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_MISTAKES))
    shuati_card_filter_refresh (self->filter);
  _shuati_window_interview_update (self);

  return G_SOURCE_REMOVE;
}

/* The frame that shows the change is painted: the update comes next,
 * once input and drawing are done. */
static void
on_after_paint (ShuatiWindow  *self,
                GdkFrameClock *clock)
{
  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->progress_update, g_source_remove);
  self->progress_update = g_idle_add_full (G_PRIORITY_LOW, update_after_progress, self, NULL);
}

/* Notes what @card_id changes: its topic's counts, or every topic's. */
static void
note_change (ShuatiWindow *self,
             const char   *card_id)
{
  ShuatiDeck *deck = self->progress != NULL ? shuati_progress_get_deck (self->progress) : NULL;
  ShuatiCard *card = deck != NULL && card_id != NULL ? shuati_deck_lookup_card (deck, card_id) : NULL;
  const char *topic_id = card != NULL ? shuati_card_get_topic_id (card) : NULL;

  if (topic_id == NULL)
    {
      self->all_topics_changed = TRUE;
      return;
    }
  if (self->changed_topics == NULL)
    self->changed_topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->changed_topics, g_strdup (topic_id));
}

/**
 * _shuati_window_queue_progress_update:
 * @card_id: (nullable): the card whose progress changed, or %NULL for many
 *
 * Updates what the progress shows in the window once the next frame is
 * painted; changes that come before then are updated together.
 */
void
_shuati_window_queue_progress_update (ShuatiWindow *self,
                                      const char   *card_id)
{
  GdkFrameClock *clock;

  note_change (self, card_id);
  if (self->progress_update != 0)
    return;

  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;
  if (clock == NULL)
    {
      self->progress_update = g_idle_add_full (G_PRIORITY_LOW, update_after_progress, self, NULL);
      return;
    }

  self->progress_clock = g_object_ref (clock);
  self->progress_paint_handler = g_signal_connect_swapped (clock, "after-paint",
                                                           G_CALLBACK (on_after_paint), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
  self->progress_update = g_timeout_add_full (G_PRIORITY_LOW, FRAME_WAIT_MS, update_after_progress, self, NULL);
}

/**
 * _shuati_window_get_progress_pending:
 *
 * Returns: whether a change of progress is not shown in the window yet
 */
gboolean
_shuati_window_get_progress_pending (ShuatiWindow *self)
{
  return self->progress_update != 0;
}

void
_shuati_window_progress_dispose (ShuatiWindow *self)
{
  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->progress_update, g_source_remove);
  g_clear_pointer (&self->changed_topics, g_hash_table_unref);
  self->all_topics_changed = FALSE;
}
