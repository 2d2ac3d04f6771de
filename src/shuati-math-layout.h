/* shuati-math-layout.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parsed formula set as a tree of boxes measured with Pango, ready to
 * be drawn. No widget code: the tests measure it with any PangoContext.
 */

#pragma once

#include <pango/pango.h>

#include "shuati-tex.h"

G_BEGIN_DECLS

typedef enum
{
  SHUATI_MATH_BOX_GROUP,      /* only children */
  SHUATI_MATH_BOX_GLYPHS,     /* layout, drawn at (layout_x, layout_y) from the origin */
  SHUATI_MATH_BOX_RULE,       /* a filled rectangle: fraction bar, vinculum, overline */
  SHUATI_MATH_BOX_RADICAL,    /* the √ sign, stroked to fill the box */
  SHUATI_MATH_BOX_DELIMITER,  /* delimiter, stroked to fill the box */
} ShuatiMathBoxKind;

typedef struct _ShuatiMathBox ShuatiMathBox;

/* Coordinates are pixels, y grows downwards; a box's origin is the left
 * end of its baseline. It reaches ascent above and descent below it. */
struct _ShuatiMathBox
{
  ShuatiMathBoxKind    kind;
  /* The node this box sets, or NULL for the parts of one (bars, signs). */
  const ShuatiTexNode *node;
  double               x, y;          /* origin, from the parent's origin */
  double               abs_x, abs_y;  /* origin, from the root's origin */
  double               width, ascent, descent;
  double               italic_correction;
  double               line_width;    /* RADICAL, DELIMITER */
  PangoLayout         *layout;        /* GLYPHS */
  double               layout_x, layout_y;
  char                *delimiter;     /* DELIMITER */
  gboolean             warning;       /* drawn in the warning colour */
  GPtrArray           *children;      /* of ShuatiMathBox */
  ShuatiTexNode       *tree;          /* the root owns the parse */
};

ShuatiMathBox       *shuati_math_layout_new     (PangoContext        *context,
                                                 const char          *tex,
                                                 gboolean             display);
void                 shuati_math_box_free       (ShuatiMathBox       *box);
const ShuatiMathBox *shuati_math_box_find       (const ShuatiMathBox *box,
                                                 ShuatiTexKind        kind,
                                                 guint                nth);
const ShuatiMathBox *shuati_math_box_find_part  (const ShuatiMathBox *box,
                                                 ShuatiMathBoxKind    kind,
                                                 guint                nth);
double               shuati_math_box_height     (const ShuatiMathBox *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiMathBox, shuati_math_box_free)

G_END_DECLS
