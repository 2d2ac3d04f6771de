/* shuati-window-interview.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-window-private.h"

/* The window's interview preparation: the 错题本 (mistake book), where a
 * card in the reader can be put or taken out by hand. */

static ShuatiCard *
reader_card (ShuatiWindow *self)
{
  return shuati_card_view_get_card (self->card_view);
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-mistakes", can && !member);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-from-mistakes", can && member);
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
      _shuati_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  _shuati_window_add_toast (self, adw_toast_new (member ? _("Added to the Mistake Book")
                                                        : _("Removed from the Mistake Book")));
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

void
_shuati_window_class_add_interview_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-to-mistakes", NULL, add_to_mistakes_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-mistakes", NULL, remove_from_mistakes_action);
}
