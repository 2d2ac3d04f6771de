/* shuati-mistakes.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "shuati-fsrs.h"

G_BEGIN_DECLS

/* The 错题本 (mistake book) exit rule: a card leaves after this many
 * remembered reviews in a row, on different days, each giving an
 * interval of at least this many days. */
#define SHUATI_MISTAKE_EXIT_REVIEWS 2
#define SHUATI_MISTAKE_EXIT_INTERVAL 7.0

/* Where a card stands in the mistake book after the part of its review
 * log read so far. Start all zero. */
typedef struct
{
  gboolean member;
  guint    streak;      /* remembered reviews that count toward leaving */
  gint64   streak_day;  /* the local day start of the last one that counted */
} ShuatiMistakeState;

void     shuati_mistake_state_review (ShuatiMistakeState *state,
                                      gint64              reviewed_at,
                                      ShuatiRating        rating,
                                      double              scheduled_days);
void     shuati_mistake_state_mark   (ShuatiMistakeState *state,
                                      gboolean            member);
char    *shuati_mistake_state_describe (const ShuatiMistakeState *state);

G_END_DECLS
