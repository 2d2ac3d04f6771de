/* shuati-heatmap.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SHUATI_TYPE_HEATMAP (shuati_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiHeatmap, shuati_heatmap, SHUATI, HEATMAP, GtkWidget)

/* Weeks shown, as columns: a year and the week it began in. */
#define SHUATI_HEATMAP_WEEKS 53

GtkWidget  *shuati_heatmap_new         (void);
void        shuati_heatmap_set_days    (ShuatiHeatmap *self,
                                        const guint   *counts,
                                        guint          n_days,
                                        const GDate   *last_day);
guint       shuati_heatmap_get_level   (ShuatiHeatmap *self,
                                        guint          count);
int         shuati_heatmap_get_day_at  (ShuatiHeatmap *self,
                                        double         x,
                                        double         y);
char       *shuati_heatmap_describe_day (ShuatiHeatmap *self,
                                        guint          day);
const char *shuati_heatmap_get_summary (ShuatiHeatmap *self);
int         shuati_heatmap_get_cursor  (ShuatiHeatmap *self);

G_END_DECLS
