/* shuati-mistakes.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 错题本 (mistake book) rule, read over one card's review log in
 * time order. Membership is never stored: the store folds the log (and
 * the learner's last manual mark) through these functions whenever it
 * is asked, so undoing a review undoes its effect on the book too.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-progress.h"
#include "shuati-mistakes.h"

/**
 * shuati_mistake_state_review:
 * @reviewed_at: unix seconds
 * @scheduled_days: the interval the review gave the card
 *
 * Folds one review (or mock answer) into @state. Again puts the card in
 * the book; while it is there, a remembered review with an interval of
 * at least %SHUATI_MISTAKE_EXIT_INTERVAL days counts toward leaving, a
 * second one on the same day does not count, and a shorter interval
 * starts the count again.
 */
void
shuati_mistake_state_review (ShuatiMistakeState *state,
                             gint64              reviewed_at,
                             ShuatiRating        rating,
                             double              scheduled_days)
{
  gint64 day;

  g_return_if_fail (state != NULL);

  if (rating == SHUATI_RATING_AGAIN)
    {
      state->member = TRUE;
      state->streak = 0;
      return;
    }

  if (!state->member)
    return;

  if (scheduled_days < SHUATI_MISTAKE_EXIT_INTERVAL)
    {
      state->streak = 0;
      return;
    }

  day = shuati_day_start (reviewed_at);
  if (state->streak > 0 && day == state->streak_day)
    return;

  state->streak++;
  state->streak_day = day;
  if (state->streak >= SHUATI_MISTAKE_EXIT_REVIEWS)
    {
      state->member = FALSE;
      state->streak = 0;
    }
}

/**
 * shuati_mistake_state_mark:
 * @member: whether the learner put the card in the book or took it out
 *
 * Folds a manual mark into @state; the count toward leaving starts again.
 */
void
shuati_mistake_state_mark (ShuatiMistakeState *state,
                           gboolean            member)
{
  g_return_if_fail (state != NULL);

  state->member = !!member;
  state->streak = 0;
}

/**
 * shuati_mistake_state_describe:
 *
 * Says whether the card is in the 错题本 and how far it is along the
 * exit rule, as in "In the Mistake Book · 1 of 2 remembered reviews
 * ≥ 7 days", for the card's history.
 *
 * Returns: (transfer full): the line
 */
char *
shuati_mistake_state_describe (const ShuatiMistakeState *state)
{
  g_return_val_if_fail (state != NULL, NULL);

  if (!state->member)
    return g_strdup (_("Not in the Mistake Book"));

  /* Translators: a card's place in the 错题本 (mistake book): how many of
   * the reviews it must pass in a row to leave it it has passed, each
   * with an interval of at least so many days, as in
   * "In the Mistake Book · 1 of 2 remembered reviews ≥ 7 days" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "In the Mistake Book · %u of %u remembered review ≥ %u days",
                                       "In the Mistake Book · %u of %u remembered reviews ≥ %u days",
                                       SHUATI_MISTAKE_EXIT_REVIEWS),
                          state->streak, (guint)SHUATI_MISTAKE_EXIT_REVIEWS,
                          (guint)SHUATI_MISTAKE_EXIT_INTERVAL);
}
