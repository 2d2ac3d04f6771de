/* shuati-math-layout.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules follow TeX's appendix G loosely: four styles (display, text,
 * script, scriptscript) with their sizes, scripts shifted from the base's
 * height, fractions and large operators centred on the maths axis (the
 * height of the minus sign), limits above and below in display style.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "shuati-math-layout.h"

typedef enum
{
  STYLE_DISPLAY,
  STYLE_TEXT,
  STYLE_SCRIPT,
  STYLE_SCRIPTSCRIPT,
} Style;

static const double style_scale[] = { 1.0, 1.0, 0.7, 0.5 };

typedef enum
{
  FONT_NORMAL = 0,
  FONT_ROMAN  = 1 << 0,
  FONT_BOLD   = 1 << 1,
  FONT_ITALIC = 1 << 2,
} Font;

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *font;
  /* At the base size, in pixels. */
  double                em;
  double                axis;
  double                x_height;
} Context;

static ShuatiMathBox *layout_node (Context *ctx, const ShuatiTexNode *node, Style style, Font font);

static ShuatiMathBox *
box_new (ShuatiMathBoxKind    kind,
         const ShuatiTexNode *node)
{
  ShuatiMathBox *box = g_new0 (ShuatiMathBox, 1);

  box->kind = kind;
  box->node = node;
  box->children = g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_math_box_free);
  return box;
}

void
shuati_math_box_free (ShuatiMathBox *box)
{
  if (box == NULL)
    return;
  g_clear_object (&box->layout);
  g_free (box->delimiter);
  g_ptr_array_unref (box->children);
  g_clear_pointer (&box->tree, shuati_tex_node_free);
  g_free (box);
}

/* Places @child at (x, y) in @parent and grows the parent to hold it. */
static void
add_child (ShuatiMathBox *parent,
           ShuatiMathBox *child,
           double         x,
           double         y)
{
  child->x = x;
  child->y = y;
  if (parent->children->len == 0)
    {
      parent->ascent = child->ascent - y;
      parent->descent = child->descent + y;
    }
  else
    {
      parent->ascent = MAX (parent->ascent, child->ascent - y);
      parent->descent = MAX (parent->descent, child->descent + y);
    }
  parent->width = MAX (parent->width, x + child->width);
  g_ptr_array_add (parent->children, child);
}

static double
em_of (Context *ctx,
       Style    style)
{
  return ctx->em * style_scale[style];
}

static ShuatiMathBox *
glyphs_new (Context             *ctx,
            const ShuatiTexNode *node,
            const char          *text,
            double               scale,
            Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GLYPHS, node);
  g_autoptr(PangoFontDescription) desc = pango_font_description_copy (ctx->font);
  int size = pango_font_description_get_size (ctx->font);
  PangoRectangle ink, logical;
  double baseline;

  if (pango_font_description_get_size_is_absolute (ctx->font))
    pango_font_description_set_absolute_size (desc, size * scale);
  else
    pango_font_description_set_size (desc, MAX (1, (int) (size * scale)));
  pango_font_description_set_style (desc, (font & FONT_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  if (font & FONT_BOLD)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);

  box->layout = pango_layout_new (ctx->context);
  pango_layout_set_font_description (box->layout, desc);
  pango_layout_set_text (box->layout, text, -1);
  pango_layout_get_extents (box->layout, &ink, &logical);
  baseline = (double) pango_layout_get_baseline (box->layout) / PANGO_SCALE;

  box->width = (double) logical.width / PANGO_SCALE;
  if (ink.width > 0 && ink.height > 0)
    {
      box->ascent = MAX (0, baseline - (double) ink.y / PANGO_SCALE);
      box->descent = MAX (0, (double) (ink.y + ink.height) / PANGO_SCALE - baseline);
      box->italic_correction = MAX (0, (double) (ink.x + ink.width - logical.x - logical.width) / PANGO_SCALE);
    }
  box->layout_x = -(double) logical.x / PANGO_SCALE;
  box->layout_y = -baseline;
  return box;
}

static ShuatiMathBox *
rule_new (double x_width,
          double top,
          double bottom)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_RULE, NULL);

  /* top and bottom are heights above the baseline. */
  box->width = x_width;
  box->ascent = top;
  box->descent = -bottom;
  return box;
}

static double
rule_thickness (Context *ctx,
                Style    style)
{
  return MAX (1.0, em_of (ctx, style) * 0.05);
}

static ShuatiTexClass
item_class (const ShuatiTexNode *node)
{
  if (node->kind == SHUATI_TEX_SYMBOL)
    return node->klass;
  if (node->kind == SHUATI_TEX_SCRIPTS)
    {
      const ShuatiTexNode *base = g_ptr_array_index (node->children, 0);

      return base != NULL ? item_class (base) : SHUATI_TEX_CLASS_ORD;
    }
  return SHUATI_TEX_CLASS_ORD;
}

/* The space between two items, in mu (1/18 em), as TeX's table has it
 * for the classes this renderer knows; none in scripts. */
static double
space_between (ShuatiTexClass left,
               ShuatiTexClass right,
               Style          style)
{
  if (style >= STYLE_SCRIPT)
    return 0;
  if (left == SHUATI_TEX_CLASS_BIN || right == SHUATI_TEX_CLASS_BIN)
    return 4;
  if ((left == SHUATI_TEX_CLASS_REL) != (right == SHUATI_TEX_CLASS_REL))
    return 5;
  if (left == SHUATI_TEX_CLASS_PUNCT)
    return 3;
  if ((left == SHUATI_TEX_CLASS_FUNC || left == SHUATI_TEX_CLASS_OP) &&
      right != SHUATI_TEX_CLASS_OPEN && right != SHUATI_TEX_CLASS_PUNCT &&
      right != SHUATI_TEX_CLASS_CLOSE && right != SHUATI_TEX_CLASS_REL)
    return 3;
  if ((right == SHUATI_TEX_CLASS_OP || right == SHUATI_TEX_CLASS_FUNC) &&
      left != SHUATI_TEX_CLASS_OPEN && left != SHUATI_TEX_CLASS_REL &&
      left != SHUATI_TEX_CLASS_PUNCT)
    return 3;
  return 0;
}

static ShuatiMathBox *
layout_row (Context             *ctx,
            const ShuatiTexNode *row,
            Style                style,
            Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, row);
  ShuatiTexClass previous = SHUATI_TEX_CLASS_OPEN;
  gboolean first = TRUE;
  double x = 0;

  for (guint i = 0; i < row->children->len; i++)
    {
      const ShuatiTexNode *child = g_ptr_array_index (row->children, i);
      ShuatiTexClass klass = item_class (child);
      ShuatiMathBox *child_box;

      if (child->kind == SHUATI_TEX_SPACE)
        {
          x = MAX (0, x + child->space * em_of (ctx, style));
          continue;
        }
      if (child->kind == SHUATI_TEX_FENCED || child->kind == SHUATI_TEX_MATRIX)
        klass = SHUATI_TEX_CLASS_ORD;
      /* A minus that starts a row, or follows an operator, is a sign. */
      if (klass == SHUATI_TEX_CLASS_BIN &&
          (first || previous == SHUATI_TEX_CLASS_BIN || previous == SHUATI_TEX_CLASS_REL ||
           previous == SHUATI_TEX_CLASS_OPEN || previous == SHUATI_TEX_CLASS_PUNCT))
        klass = SHUATI_TEX_CLASS_ORD;
      /* …and so is one that ends it. */
      if (klass == SHUATI_TEX_CLASS_BIN && i + 1 == row->children->len)
        klass = SHUATI_TEX_CLASS_ORD;
      if (!first)
        x += space_between (previous, klass, style) / 18.0 * em_of (ctx, style);

      child_box = layout_node (ctx, child, style, font);
      add_child (box, child_box, x, 0);
      x += child_box->width;
      previous = klass;
      first = FALSE;
    }
  box->width = MAX (box->width, x);
  if (box->children->len > 0)
    {
      ShuatiMathBox *last = g_ptr_array_index (box->children, box->children->len - 1);

      if (last->x + last->width >= box->width)
        box->italic_correction = last->italic_correction;
    }
  return box;
}

static ShuatiMathBox *
layout_symbol (Context             *ctx,
               const ShuatiTexNode *node,
               Style                style,
               Font                 font)
{
  Font face = FONT_NORMAL;
  ShuatiMathBox *glyphs;
  ShuatiMathBox *box;
  double scale = style_scale[style];
  double centre, shift;

  if (font & FONT_BOLD)
    face |= FONT_BOLD;
  if ((font & FONT_ITALIC) ||
      (node->klass == SHUATI_TEX_CLASS_VAR && !(font & (FONT_ROMAN | FONT_BOLD))))
    face |= FONT_ITALIC;

  if (node->klass != SHUATI_TEX_CLASS_OP)
    return glyphs_new (ctx, node, node->text, scale, face);

  /* Large operators are larger in display style and centred on the axis. */
  if (style == STYLE_DISPLAY)
    scale *= node->limits == SHUATI_TEX_LIMITS_SIDE ? 1.6 : 1.4;
  glyphs = glyphs_new (ctx, NULL, node->text, scale, face);
  box = box_new (SHUATI_MATH_BOX_GROUP, node);
  centre = (glyphs->ascent - glyphs->descent) / 2;
  shift = ctx->axis * style_scale[style] - centre;
  box->italic_correction = glyphs->italic_correction;
  add_child (box, glyphs, 0, -shift);
  return box;
}

static Style
script_style (Style style)
{
  return style <= STYLE_TEXT ? STYLE_SCRIPT : STYLE_SCRIPTSCRIPT;
}

static Style
fraction_style (Style style)
{
  return style == STYLE_DISPLAY ? STYLE_TEXT : script_style (style);
}

static gboolean
has_limits (const ShuatiTexNode *scripts,
            Style                style)
{
  const ShuatiTexNode *base = g_ptr_array_index (scripts->children, 0);

  if (scripts->limits == SHUATI_TEX_LIMITS_ABOVE)
    return TRUE;
  if (scripts->limits == SHUATI_TEX_LIMITS_SIDE || style != STYLE_DISPLAY)
    return FALSE;
  return base != NULL && base->kind == SHUATI_TEX_SYMBOL &&
         (base->klass == SHUATI_TEX_CLASS_OP || base->klass == SHUATI_TEX_CLASS_FUNC);
}

static ShuatiMathBox *
layout_scripts (Context             *ctx,
                const ShuatiTexNode *node,
                Style                style,
                Font                 font)
{
  const ShuatiTexNode *base_node = g_ptr_array_index (node->children, 0);
  const ShuatiTexNode *sub_node = g_ptr_array_index (node->children, 1);
  const ShuatiTexNode *sup_node = g_ptr_array_index (node->children, 2);
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *base = layout_node (ctx, base_node, style, font);
  ShuatiMathBox *sub = sub_node ? layout_node (ctx, sub_node, script_style (style), font) : NULL;
  ShuatiMathBox *sup = sup_node ? layout_node (ctx, sup_node, script_style (style), font) : NULL;
  double em = em_of (ctx, style);

  if (has_limits (node, style))
    {
      double width = MAX (base->width, MAX (sub ? sub->width : 0, sup ? sup->width : 0));
      double gap = 0.15 * em;

      add_child (box, base, (width - base->width) / 2, 0);
      if (sup != NULL)
        add_child (box, sup, (width - sup->width) / 2 + base->italic_correction / 2,
                   -(base->ascent + gap + sup->descent));
      if (sub != NULL)
        add_child (box, sub, (width - sub->width) / 2 - base->italic_correction / 2,
                   base->descent + gap + sub->ascent);
      box->width = width;
      return box;
    }

  add_child (box, base, 0, 0);
  {
    double x_height = ctx->x_height * style_scale[style];
    double sup_shift = 0, sub_shift = 0;

    if (sup != NULL)
      {
        sup_shift = MAX (base->ascent - 0.4 * em, 0.42 * em);
        sup_shift = MAX (sup_shift, sup->descent + x_height / 4);
      }
    if (sub != NULL)
      {
        sub_shift = MAX (base->descent + 0.05 * em, 0.2 * em);
        sub_shift = MAX (sub_shift, sub->ascent - 0.8 * x_height);
      }
    if (sup != NULL && sub != NULL)
      {
        double gap = (sup_shift - sup->descent) - (sub->ascent - sub_shift);
        double wanted = 4 * rule_thickness (ctx, style);

        if (gap < wanted)
          sub_shift += wanted - gap;
      }
    if (sup != NULL)
      add_child (box, sup, base->width + base->italic_correction + 0.05 * em, -sup_shift);
    if (sub != NULL)
      add_child (box, sub, base->width + 0.02 * em, sub_shift);
    box->width += 0.05 * em;
  }
  return box;
}

static ShuatiMathBox *
layout_fraction (Context             *ctx,
                 const ShuatiTexNode *node,
                 Style                style,
                 Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *num = layout_node (ctx, g_ptr_array_index (node->children, 0), fraction_style (style), font);
  ShuatiMathBox *den = layout_node (ctx, g_ptr_array_index (node->children, 1), fraction_style (style), font);
  double em = em_of (ctx, style);
  double axis = ctx->axis * style_scale[style];
  double rule = node->no_bar ? 0 : rule_thickness (ctx, style);
  double gap = (style == STYLE_DISPLAY ? 0.15 : 0.08) * em;
  double pad = 0.12 * em;
  double width = MAX (num->width, den->width) + 2 * pad;
  double num_shift = MAX (style == STYLE_DISPLAY ? 0.68 * em : 0.39 * em,
                          axis + rule / 2 + gap + num->descent);
  double den_shift = MAX (style == STYLE_DISPLAY ? 0.69 * em : 0.35 * em,
                          den->ascent + gap + rule / 2 - axis);

  add_child (box, num, (width - num->width) / 2, -num_shift);
  add_child (box, den, (width - den->width) / 2, den_shift);
  if (!node->no_bar)
    add_child (box, rule_new (width - pad, axis + rule / 2, axis - rule / 2), pad / 2, 0);
  box->width = width;
  return box;
}

static ShuatiMathBox *
layout_sqrt (Context             *ctx,
             const ShuatiTexNode *node,
             Style                style,
             Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *radicand = layout_node (ctx, g_ptr_array_index (node->children, 0), style, font);
  const ShuatiTexNode *index_node = g_ptr_array_index (node->children, 1);
  ShuatiMathBox *index = index_node ? layout_node (ctx, index_node, STYLE_SCRIPTSCRIPT, font) : NULL;
  ShuatiMathBox *sign = box_new (SHUATI_MATH_BOX_RADICAL, NULL);
  double em = em_of (ctx, style);
  double rule = rule_thickness (ctx, style);
  double gap = (style == STYLE_DISPLAY ? 0.2 : 0.12) * em;
  double inner_ascent = MAX (radicand->ascent, ctx->x_height * style_scale[style]);
  double top = inner_ascent + gap + rule;
  double offset = 0;

  sign->width = 0.6 * em;
  sign->ascent = top;
  sign->descent = MAX (radicand->descent, 0.05 * em) + 0.05 * em;
  sign->line_width = rule;

  if (index != NULL)
    {
      /* The index sits in the crook of the sign. */
      double wanted = index->width - 0.45 * sign->width;

      offset = MAX (0, wanted);
      add_child (box, index, offset + 0.45 * sign->width - index->width,
                 -(0.5 * (top - sign->descent) + index->descent + 0.1 * em));
    }
  add_child (box, sign, offset, 0);
  add_child (box, rule_new (radicand->width + 0.1 * em, top, top - rule), offset + sign->width, 0);
  add_child (box, radicand, offset + sign->width + 0.05 * em, 0);
  box->width = offset + sign->width + radicand->width + 0.15 * em;
  return box;
}

static gboolean
delimiter_is_text_size (Context *ctx,
                        double   half,
                        Style    style)
{
  return half * 2 <= 1.1 * em_of (ctx, style);
}

/* A delimiter for something reaching @half above and below the axis. */
static ShuatiMathBox *
delimiter_new (Context    *ctx,
               const char *delimiter,
               double      half,
               Style       style)
{
  double em = em_of (ctx, style);
  double axis = ctx->axis * style_scale[style];
  ShuatiMathBox *box;
  double height;

  if (delimiter == NULL || delimiter[0] == '\0')
    {
      box = box_new (SHUATI_MATH_BOX_GROUP, NULL);
      box->width = 0.12 * em;
      return box;
    }
  if (delimiter_is_text_size (ctx, half, style))
    return glyphs_new (ctx, NULL, delimiter, style_scale[style], FONT_NORMAL);

  height = MAX (2 * half * 1.05, em);
  box = box_new (SHUATI_MATH_BOX_DELIMITER, NULL);
  box->delimiter = g_strdup (delimiter);
  box->ascent = axis + height / 2;
  box->descent = height / 2 - axis;
  box->line_width = rule_thickness (ctx, style) * 1.2;
  if (g_str_equal (delimiter, "|"))
    box->width = 0.3 * em;
  else if (g_str_equal (delimiter, "‖"))
    box->width = 0.45 * em;
  else if (g_str_equal (delimiter, "{") || g_str_equal (delimiter, "}"))
    box->width = 0.5 * em;
  else
    box->width = MIN (0.4 * em + 0.03 * height, 0.7 * em);
  return box;
}

static void
add_fenced (Context       *ctx,
            ShuatiMathBox *box,
            ShuatiMathBox *body,
            const char    *left,
            const char    *right,
            Style          style)
{
  double axis = ctx->axis * style_scale[style];
  double half = MAX (body->ascent - axis, body->descent + axis);
  ShuatiMathBox *open = delimiter_new (ctx, left, half, style);
  ShuatiMathBox *close = delimiter_new (ctx, right, half, style);
  double x = 0;

  add_child (box, open, x, 0);
  x += open->width;
  add_child (box, body, x, 0);
  x += body->width;
  add_child (box, close, x, 0);
  box->width = x + close->width;
}

static ShuatiMathBox *
layout_fenced (Context             *ctx,
               const ShuatiTexNode *node,
               Style                style,
               Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *body = layout_node (ctx, g_ptr_array_index (node->children, 0), style, font);

  add_fenced (ctx, box, body, node->text, node->text2, style);
  return box;
}

static const char *
accent_text (ShuatiTexAccent accent)
{
  switch (accent)
    {
    case SHUATI_TEX_ACCENT_HAT: return "ˆ";
    case SHUATI_TEX_ACCENT_TILDE: return "˜";
    case SHUATI_TEX_ACCENT_VEC: return "→";
    case SHUATI_TEX_ACCENT_DOT: return "˙";
    case SHUATI_TEX_ACCENT_DDOT: return "¨";
    case SHUATI_TEX_ACCENT_BAR:
    default: return NULL;
    }
}

static ShuatiMathBox *
layout_accent (Context             *ctx,
               const ShuatiTexNode *node,
               Style                style,
               Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *body = layout_node (ctx, g_ptr_array_index (node->children, 0), style, font);
  double em = em_of (ctx, style);
  double height = MAX (body->ascent, ctx->x_height * style_scale[style]);
  double gap = 0.08 * em;
  /* Over an italic letter the accent leans right with it. */
  double skew = body->italic_correction / 2 + (body->italic_correction > 0 ? 0.05 * em : 0);
  const char *text = accent_text (node->accent);

  add_child (box, body, 0, 0);
  if (text == NULL)
    {
      double rule = rule_thickness (ctx, style);

      add_child (box, rule_new (body->width, height + gap + rule, height + gap), skew, 0);
    }
  else
    {
      double scale = style_scale[style] * (node->accent == SHUATI_TEX_ACCENT_VEC ? 0.8 : 1.0);
      ShuatiMathBox *mark = glyphs_new (ctx, NULL, text, scale, FONT_NORMAL);
      PangoRectangle ink;
      double ink_bottom;

      /* Accents are drawn high above their baseline: what counts is
       * where their ink ends. */
      pango_layout_get_extents (mark->layout, &ink, NULL);
      ink_bottom = (double) (ink.y + ink.height) / PANGO_SCALE + mark->layout_y;
      add_child (box, mark, (body->width - mark->width) / 2 + skew,
                 -(height + gap) - ink_bottom);
    }
  box->width = body->width;
  box->italic_correction = body->italic_correction;
  return box;
}

static ShuatiMathBox *
layout_matrix (Context             *ctx,
               const ShuatiTexNode *node,
               Style                style,
               Font                 font)
{
  ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
  ShuatiMathBox *grid = box_new (SHUATI_MATH_BOX_GROUP, NULL);
  Style cell_style = style == STYLE_DISPLAY ? STYLE_TEXT : style;
  double em = em_of (ctx, style);
  double axis = ctx->axis * style_scale[style];
  guint n_rows = node->n_rows, n_cols = node->n_cols;
  g_autofree double *widths = g_new0 (double, MAX (n_cols, 1));
  g_autofree double *ascents = g_new0 (double, MAX (n_rows, 1));
  g_autofree double *descents = g_new0 (double, MAX (n_rows, 1));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  double column_gap = 1.0 * em;
  double total = 0, top, y, x;

  for (guint r = 0; r < n_rows; r++)
    {
      ascents[r] = 0.84 * em;
      descents[r] = 0.36 * em;
    }
  for (guint i = 0; i < node->children->len && i < n_rows * n_cols; i++)
    {
      ShuatiMathBox *cell = layout_node (ctx, g_ptr_array_index (node->children, i), cell_style, font);
      guint r = i / n_cols, c = i % n_cols;

      widths[c] = MAX (widths[c], cell->width);
      ascents[r] = MAX (ascents[r], cell->ascent + 0.1 * em);
      descents[r] = MAX (descents[r], cell->descent + 0.1 * em);
      g_ptr_array_add (cells, cell);
    }
  for (guint r = 0; r < n_rows; r++)
    total += ascents[r] + descents[r];

  /* Centred on the axis. */
  top = -(axis + total / 2);
  y = top;
  for (guint r = 0; r < n_rows; r++)
    {
      y += ascents[r];
      x = 0;
      for (guint c = 0; c < n_cols; c++)
        {
          ShuatiMathBox *cell = g_ptr_array_index (cells, r * n_cols + c);
          double cell_x = node->left_aligned ? x : x + (widths[c] - cell->width) / 2;

          add_child (grid, cell, cell_x, y);
          x += widths[c] + column_gap;
        }
      y += descents[r];
    }
  grid->width = 0;
  for (guint c = 0; c < n_cols; c++)
    grid->width += widths[c] + (c > 0 ? column_gap : 0);
  if (n_rows > 0)
    {
      grid->ascent = -top;
      grid->descent = top + total;
    }
  add_fenced (ctx, box, grid, node->text, node->text2, style);
  return box;
}

static ShuatiMathBox *
layout_node (Context             *ctx,
             const ShuatiTexNode *node,
             Style                style,
             Font                 font)
{
  switch (node->kind)
    {
    case SHUATI_TEX_ROW:
      return layout_row (ctx, node, style, font);
    case SHUATI_TEX_SYMBOL:
      return layout_symbol (ctx, node, style, font);
    case SHUATI_TEX_STYLE:
      {
        Font inner = node->style == SHUATI_TEX_STYLE_BOLD ? FONT_BOLD :
                     node->style == SHUATI_TEX_STYLE_ROMAN ? FONT_ROMAN : FONT_ITALIC;
        ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);
        ShuatiMathBox *body = layout_node (ctx, g_ptr_array_index (node->children, 0), style,
                                           (font & ~(FONT_ROMAN | FONT_ITALIC)) | inner);

        add_child (box, body, 0, 0);
        box->italic_correction = body->italic_correction;
        return box;
      }
    case SHUATI_TEX_SCRIPTS:
      return layout_scripts (ctx, node, style, font);
    case SHUATI_TEX_FRAC:
      {
        ShuatiMathBox *fraction = layout_fraction (ctx, node, style, font);
        ShuatiMathBox *box;

        if (!node->no_bar)
          return fraction;
        /* \binom: in parentheses. */
        box = box_new (SHUATI_MATH_BOX_GROUP, NULL);
        add_fenced (ctx, box, fraction, "(", ")", style);
        return box;
      }
    case SHUATI_TEX_SQRT:
      return layout_sqrt (ctx, node, style, font);
    case SHUATI_TEX_FENCED:
      return layout_fenced (ctx, node, style, font);
    case SHUATI_TEX_ACCENT:
      return layout_accent (ctx, node, style, font);
    case SHUATI_TEX_MATRIX:
      return layout_matrix (ctx, node, style, font);
    case SHUATI_TEX_SPACE:
      {
        ShuatiMathBox *box = box_new (SHUATI_MATH_BOX_GROUP, node);

        box->width = MAX (0, node->space * em_of (ctx, style));
        return box;
      }
    case SHUATI_TEX_UNKNOWN:
      {
        ShuatiMathBox *box = glyphs_new (ctx, node, node->text, style_scale[style], FONT_NORMAL);

        box->warning = TRUE;
        return box;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
place (ShuatiMathBox *box,
       double         x,
       double         y)
{
  box->abs_x = x;
  box->abs_y = y;
  for (guint i = 0; i < box->children->len; i++)
    {
      ShuatiMathBox *child = g_ptr_array_index (box->children, i);

      place (child, x + child->x, y + child->y);
    }
}

static double
ink_height (PangoContext               *context,
            const PangoFontDescription *font,
            const char                 *text,
            double                     *centre)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoRectangle ink;
  double baseline;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, &ink, NULL);
  baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  if (centre != NULL)
    *centre = baseline - (ink.y + ink.height / 2.0) / PANGO_SCALE;
  return baseline - (double) ink.y / PANGO_SCALE;
}

/**
 * shuati_math_layout_new:
 * @context: the Pango context to measure with (a widget's, for its font)
 * @tex: a formula, without its `$` delimiters
 * @display: %TRUE for display style (`$$…$$`: larger operators, limits
 *   above and below, full-size fractions), %FALSE for inline
 *
 * Parses and sets @tex. Nothing fails: what is not understood is set as
 * its source and marked as a warning.
 *
 * Returns: (transfer full): the root box, whose origin is (0, 0); it owns
 *   the parse its boxes point to
 */
ShuatiMathBox *
shuati_math_layout_new (PangoContext *context,
                        const char   *tex,
                        gboolean      display)
{
  Context ctx = { 0 };
  ShuatiTexNode *tree;
  ShuatiMathBox *root;
  double size, resolution;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (tex != NULL, NULL);

  ctx.context = context;
  ctx.font = pango_font_description_copy (pango_context_get_font_description (context));
  if (pango_font_description_get_size (ctx.font) <= 0)
    pango_font_description_set_size (ctx.font, 11 * PANGO_SCALE);
  size = (double) pango_font_description_get_size (ctx.font) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (ctx.font))
    {
      resolution = pango_cairo_context_get_resolution (context);
      size *= (resolution > 0 ? resolution : 96.0) / 72.0;
    }
  ctx.em = size;
  ctx.x_height = ink_height (context, ctx.font, "x", NULL);
  ink_height (context, ctx.font, "+", &ctx.axis);
  if (ctx.x_height <= 0 || ctx.x_height > ctx.em)
    ctx.x_height = 0.45 * ctx.em;
  if (ctx.axis <= 0 || ctx.axis > ctx.em)
    ctx.axis = 0.25 * ctx.em;

  tree = shuati_tex_parse (tex);
  root = layout_node (&ctx, tree, display ? STYLE_DISPLAY : STYLE_TEXT, FONT_NORMAL);
  root->tree = tree;
  place (root, 0, 0);
  pango_font_description_free (ctx.font);
  return root;
}

static const ShuatiMathBox *
find (const ShuatiMathBox *box,
      gboolean             part,
      int                  kind,
      guint               *nth)
{
  if (part ? (int) box->kind == kind : (box->node != NULL && (int) box->node->kind == kind))
    {
      if (*nth == 0)
        return box;
      (*nth)--;
    }
  for (guint i = 0; i < box->children->len; i++)
    {
      const ShuatiMathBox *found = find (g_ptr_array_index (box->children, i), part, kind, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * shuati_math_box_find:
 * @box: a box
 * @kind: a kind of node
 * @nth: how many such boxes to skip
 *
 * Returns: (transfer none) (nullable): the @nth box, depth first and
 *   @box included, that sets a node of @kind
 */
const ShuatiMathBox *
shuati_math_box_find (const ShuatiMathBox *box,
                      ShuatiTexKind        kind,
                      guint                nth)
{
  g_return_val_if_fail (box != NULL, NULL);

  return find (box, FALSE, kind, &nth);
}

/**
 * shuati_math_box_find_part:
 * @box: a box
 * @kind: a kind of box
 * @nth: how many such boxes to skip
 *
 * Returns: (transfer none) (nullable): the @nth box of @kind, depth first
 *   and @box included
 */
const ShuatiMathBox *
shuati_math_box_find_part (const ShuatiMathBox *box,
                           ShuatiMathBoxKind    kind,
                           guint                nth)
{
  g_return_val_if_fail (box != NULL, NULL);

  return find (box, TRUE, kind, &nth);
}

double
shuati_math_box_height (const ShuatiMathBox *box)
{
  g_return_val_if_fail (box != NULL, 0);

  return box->ascent + box->descent;
}
