/* shuati-planner-page.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-planner.h"
#include "shuati-progress.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_PLANNER_PAGE (shuati_planner_page_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiPlannerPage, shuati_planner_page, SHUATI, PLANNER_PAGE, GtkWidget)

GtkWidget        *shuati_planner_page_new       (void);
void              shuati_planner_page_set_progress (ShuatiPlannerPage  *self,
                                                 ShuatiScheduler    *scheduler,
                                                 ShuatiProgress     *progress,
                                                 const char * const *languages);
void              shuati_planner_page_choose_day (ShuatiPlannerPage *self);
const ShuatiPlan *shuati_planner_page_get_plan  (ShuatiPlannerPage *self);
void              shuati_planner_page_set_now   (ShuatiPlannerPage *self,
                                                 gint64             now);

char             *shuati_plan_dup_headline      (const ShuatiPlan  *plan);

G_END_DECLS
