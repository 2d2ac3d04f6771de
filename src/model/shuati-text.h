/* shuati-text.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void shuati_text_locate (const char *data,
                         const char *at,
                         guint      *line,
                         guint      *column);

char *shuati_text_for_terminal (const char *text,
                                gssize      length);

G_END_DECLS
