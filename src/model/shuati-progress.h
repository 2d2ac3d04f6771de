/* shuati-progress.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-deck.h"
#include "shuati-fsrs.h"
#include "shuati-store.h"

G_BEGIN_DECLS

/* A card is mastered once it is in review with this much stability. */
#define SHUATI_MASTERED_STABILITY 21.0

#define SHUATI_TYPE_PROGRESS (shuati_progress_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiProgress, shuati_progress, SHUATI, PROGRESS, GObject)

ShuatiProgress     *shuati_progress_new             (ShuatiDeck     *deck,
                                                     ShuatiStore    *store,
                                                     gint64          now,
                                                     GError        **error);
ShuatiDeck         *shuati_progress_get_deck        (ShuatiProgress *self);
ShuatiStore        *shuati_progress_get_store       (ShuatiProgress *self);
const ShuatiMemory *shuati_progress_get_memory      (ShuatiProgress *self,
                                                     ShuatiCard     *card);
const ShuatiMemory *shuati_progress_peek_memories   (ShuatiProgress *self);
gboolean            shuati_progress_is_starred      (ShuatiProgress *self,
                                                     ShuatiCard     *card);
gboolean            shuati_progress_is_due          (ShuatiProgress *self,
                                                     ShuatiCard     *card);
GHashTable         *shuati_progress_get_due_ids     (ShuatiProgress *self);
GHashTable         *shuati_progress_get_starred_ids (ShuatiProgress *self);
guint               shuati_progress_get_n_due       (ShuatiProgress *self);
guint               shuati_progress_get_n_starred   (ShuatiProgress *self);
guint               shuati_progress_get_n_mastered  (ShuatiProgress *self);
gboolean            shuati_progress_is_mistake      (ShuatiProgress *self,
                                                     ShuatiCard     *card);
GHashTable         *shuati_progress_get_mistake_ids (ShuatiProgress *self);
guint               shuati_progress_get_n_mistakes  (ShuatiProgress *self);
gboolean            shuati_progress_get_topic_counts (ShuatiProgress *self,
                                                     const char     *topic_id,
                                                     guint          *n_due,
                                                     guint          *n_mastered,
                                                     guint          *n_cards);
void                shuati_progress_set_now         (ShuatiProgress *self,
                                                     gint64          now);
gint64              shuati_progress_get_day_end     (ShuatiProgress *self);
GDateTime          *shuati_local_midnight           (GTimeZone      *tz,
                                                     const GDate    *date);
gint64              shuati_day_start                (gint64          now);

gboolean            shuati_progress_is_suspended    (ShuatiProgress *self,
                                                     ShuatiCard     *card);
gboolean            shuati_progress_is_buried       (ShuatiProgress *self,
                                                     ShuatiCard     *card);
gboolean            shuati_progress_is_leech        (ShuatiProgress *self,
                                                     ShuatiCard     *card);
GHashTable         *shuati_progress_get_suspended_ids (ShuatiProgress *self);
GHashTable         *shuati_progress_get_buried_ids  (ShuatiProgress *self);
GHashTable         *shuati_progress_get_leech_ids   (ShuatiProgress *self);
gint64              shuati_day_end                  (gint64          now);

G_END_DECLS
