/* shuati-tex.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TeX subset interview formulas use, parsed into a tree, and its
 * inline renderings as Pango markup and as plain text.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Inputs longer than this, nested deeper or with more nodes are not
 * parsed further: what is left shows as an unknown node. */
#define SHUATI_TEX_MAX_LENGTH 4096
#define SHUATI_TEX_MAX_DEPTH  32
#define SHUATI_TEX_MAX_NODES  2048

typedef enum
{
  SHUATI_TEX_ROW,      /* children: the items, left to right */
  SHUATI_TEX_SYMBOL,   /* text: one symbol, number or word; class says how it is set */
  SHUATI_TEX_STYLE,    /* style; children[0]: a row */
  SHUATI_TEX_SCRIPTS,  /* children: base, subscript or NULL, superscript or NULL */
  SHUATI_TEX_FRAC,     /* children: numerator, denominator; no_bar for \binom */
  SHUATI_TEX_SQRT,     /* children: radicand, index or NULL */
  SHUATI_TEX_FENCED,   /* text, text2: left and right delimiter ("" for "."); children[0]: body */
  SHUATI_TEX_ACCENT,   /* accent; children[0]: the accented row */
  SHUATI_TEX_MATRIX,   /* text, text2: delimiters; children: n_rows × n_cols cells, row by row */
  SHUATI_TEX_SPACE,    /* space: width in em (negative for \!) */
  SHUATI_TEX_UNKNOWN,  /* text: the source of what was not understood */
} ShuatiTexKind;

typedef enum
{
  SHUATI_TEX_CLASS_ORD,    /* upright: digits, upper-case Greek, ∞, ∂ */
  SHUATI_TEX_CLASS_VAR,    /* italic: Latin and lower-case Greek letters */
  SHUATI_TEX_CLASS_BIN,    /* + − × ⋅ ± */
  SHUATI_TEX_CLASS_REL,    /* = ≤ ≈ ∈ → */
  SHUATI_TEX_CLASS_OP,     /* large operators: ∑ ∏ ∫ */
  SHUATI_TEX_CLASS_FUNC,   /* upright names: log, max, \operatorname */
  SHUATI_TEX_CLASS_OPEN,
  SHUATI_TEX_CLASS_CLOSE,
  SHUATI_TEX_CLASS_PUNCT,
  SHUATI_TEX_CLASS_TEXT,   /* \text{…}: upright, spaces kept */
} ShuatiTexClass;

typedef enum
{
  SHUATI_TEX_STYLE_ROMAN,  /* \mathrm */
  SHUATI_TEX_STYLE_BOLD,   /* \mathbf, \boldsymbol */
  SHUATI_TEX_STYLE_ITALIC, /* \mathit */
} ShuatiTexStyle;

typedef enum
{
  SHUATI_TEX_ACCENT_HAT,
  SHUATI_TEX_ACCENT_TILDE,
  SHUATI_TEX_ACCENT_BAR,
  SHUATI_TEX_ACCENT_VEC,
  SHUATI_TEX_ACCENT_DOT,
  SHUATI_TEX_ACCENT_DDOT,
} ShuatiTexAccent;

typedef enum
{
  SHUATI_TEX_LIMITS_AUTO,   /* above/below in display mode for ∑, ∏, lim, max… */
  SHUATI_TEX_LIMITS_ABOVE,  /* \limits, \underset, \overset */
  SHUATI_TEX_LIMITS_SIDE,   /* \nolimits, ∫ */
} ShuatiTexLimits;

typedef struct _ShuatiTexNode ShuatiTexNode;

struct _ShuatiTexNode
{
  ShuatiTexKind    kind;
  ShuatiTexClass   klass;     /* SYMBOL */
  ShuatiTexLimits  limits;    /* SYMBOL of class OP or FUNC, SCRIPTS */
  ShuatiTexStyle   style;     /* STYLE */
  ShuatiTexAccent  accent;    /* ACCENT */
  gboolean         no_bar;    /* FRAC */
  char            *text;
  char            *text2;
  double           space;     /* SPACE */
  guint            n_rows;    /* MATRIX */
  guint            n_cols;    /* MATRIX */
  gboolean         left_aligned; /* MATRIX: cases */
  GPtrArray       *children;  /* of ShuatiTexNode, NULL entries allowed */
};

ShuatiTexNode *shuati_tex_parse          (const char    *tex);
void           shuati_tex_node_free      (ShuatiTexNode *node);
ShuatiTexNode *shuati_tex_node_get_child (const ShuatiTexNode *node,
                                          guint          index);
guint          shuati_tex_node_get_n_children (const ShuatiTexNode *node);
gboolean       shuati_tex_has_unknown    (const ShuatiTexNode *node);

char          *shuati_tex_to_pango       (const char    *tex);
char          *shuati_tex_to_plain       (const char    *tex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiTexNode, shuati_tex_node_free)

G_END_DECLS
