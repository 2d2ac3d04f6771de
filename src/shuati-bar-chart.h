/* shuati-bar-chart.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_BAR_CHART (shuati_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiBarChart, shuati_bar_chart, SHUATI, BAR_CHART, GtkWidget)

GtkWidget  *shuati_bar_chart_new          (void);
void        shuati_bar_chart_set_bars     (ShuatiBarChart     *self,
                                           const guint        *values,
                                           const char * const *labels,
                                           const char * const *tooltips,
                                           guint               n_bars);
void        shuati_bar_chart_set_highlight (ShuatiBarChart    *self,
                                           int                 index);
guint       shuati_bar_chart_get_n_bars   (ShuatiBarChart     *self);
guint       shuati_bar_chart_get_value    (ShuatiBarChart     *self,
                                           guint               index);
int         shuati_bar_chart_get_bar_at   (ShuatiBarChart     *self,
                                           double              x);
int         shuati_bar_chart_get_cursor   (ShuatiBarChart     *self);
const char *shuati_bar_chart_get_summary  (ShuatiBarChart     *self);
void        shuati_bar_chart_set_summary  (ShuatiBarChart     *self,
                                           const char         *summary);

G_END_DECLS
