/* shuati-math-view.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "shuati-math-layout.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_MATH_VIEW (shuati_math_view_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiMathView, shuati_math_view, SHUATI, MATH_VIEW, GtkWidget)

GtkWidget           *shuati_math_view_new         (const char     *tex,
                                                   gboolean        display);
const char          *shuati_math_view_get_tex     (ShuatiMathView *self);
void                 shuati_math_view_set_tex     (ShuatiMathView *self,
                                                   const char     *tex);
gboolean             shuati_math_view_get_display (ShuatiMathView *self);
void                 shuati_math_view_set_display (ShuatiMathView *self,
                                                   gboolean        display);
const ShuatiMathBox *shuati_math_view_get_layout  (ShuatiMathView *self);
guint                shuati_math_view_get_n_layouts (ShuatiMathView *self);

G_END_DECLS
