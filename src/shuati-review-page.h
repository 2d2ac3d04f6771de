/* shuati-review-page.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-session.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_REVIEW_PAGE (shuati_review_page_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiReviewPage, shuati_review_page, SHUATI, REVIEW_PAGE, GtkWidget)

GtkWidget          *shuati_review_page_new              (void);
ShuatiSession      *shuati_review_page_get_session      (ShuatiReviewPage   *self);
void                shuati_review_page_set_session      (ShuatiReviewPage   *self,
                                                         ShuatiSession      *session);
const char * const *shuati_review_page_get_languages    (ShuatiReviewPage   *self);
void                shuati_review_page_set_languages    (ShuatiReviewPage   *self,
                                                         const char * const *languages);
gboolean            shuati_review_page_get_revealed     (ShuatiReviewPage   *self);
gboolean            shuati_review_page_get_starred      (ShuatiReviewPage   *self);
ShuatiCard         *shuati_review_page_get_card         (ShuatiReviewPage   *self);
ShuatiRating        shuati_review_page_get_suggested_rating (ShuatiReviewPage *self);

const char         *shuati_review_page_get_scope        (ShuatiReviewPage   *self);
void                shuati_review_page_set_scope        (ShuatiReviewPage   *self,
                                                         const char         *scope);
guint               shuati_review_page_get_new_cards_step (ShuatiReviewPage *self);
void                shuati_review_page_set_new_cards_step (ShuatiReviewPage *self,
                                                         guint               step);

char               *shuati_review_format_next_due       (gint64              next_due,
                                                         gint64              now);
char               *shuati_review_format_front_name     (const char         *title);

G_END_DECLS
