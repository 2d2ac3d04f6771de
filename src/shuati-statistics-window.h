/* shuati-statistics-window.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-deck.h"
#include "shuati-statistics.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_STATISTICS_WINDOW (shuati_statistics_window_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiStatisticsWindow, shuati_statistics_window, SHUATI, STATISTICS_WINDOW, AdwWindow)

ShuatiStatisticsWindow *shuati_statistics_window_new      (GtkWindow              *parent,
                                                           ShuatiStore            *store,
                                                           ShuatiDeck             *deck,
                                                           double                  desired_retention);
void                    shuati_statistics_window_reset    (ShuatiStatisticsWindow *self,
                                                           ShuatiStore            *store,
                                                           ShuatiDeck             *deck,
                                                           double                  desired_retention);
void                    shuati_statistics_window_refresh  (ShuatiStatisticsWindow *self);
const ShuatiStatistics *shuati_statistics_window_get_statistics (ShuatiStatisticsWindow *self);

G_END_DECLS
