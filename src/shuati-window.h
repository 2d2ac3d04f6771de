/* shuati-window.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "shuati-application.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_WINDOW (shuati_window_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiWindow, shuati_window, SHUATI, WINDOW, AdwApplicationWindow)

ShuatiWindow *shuati_window_new (ShuatiApplication *application);

G_END_DECLS
