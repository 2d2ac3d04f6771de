/* test-math-view.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "shuati-math-view.h"
#include "shuati-test-ui.h"

/* Boxes measured in the font a label would use. */
static ShuatiMathBox *
lay_out (const char *tex,
         gboolean    display)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  ShuatiMathBox *box = shuati_math_layout_new (gtk_widget_get_pango_context (label), tex, display);

  g_object_unref (label);
  g_assert_nonnull (box);
  g_assert_null (shuati_math_box_find (box, SHUATI_TEX_UNKNOWN, 0));
  return box;
}

static double
top_of (const ShuatiMathBox *box)
{
  return box->abs_y - box->ascent;
}

static double
bottom_of (const ShuatiMathBox *box)
{
  return box->abs_y + box->descent;
}

/* The boxes of a node's children, in the order of its children. */
static const ShuatiMathBox *
box_of (const ShuatiMathBox *root,
        const ShuatiTexNode *node)
{
  if (root->node == node)
    return root;
  for (guint i = 0; i < root->children->len; i++)
    {
      const ShuatiMathBox *found = box_of (g_ptr_array_index (root->children, i), node);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_metrics_fraction (void)
{
  for (int display = 0; display <= 1; display++)
    {
      g_autoptr(ShuatiMathBox) root = lay_out ("\\frac{a+b}{c}", display);
      const ShuatiMathBox *frac = shuati_math_box_find (root, SHUATI_TEX_FRAC, 0);
      const ShuatiMathBox *num = box_of (root, shuati_tex_node_get_child (frac->node, 0));
      const ShuatiMathBox *den = box_of (root, shuati_tex_node_get_child (frac->node, 1));
      const ShuatiMathBox *bar = shuati_math_box_find_part (frac, SHUATI_MATH_BOX_RULE, 0);

      g_assert_nonnull (num);
      g_assert_nonnull (den);
      g_assert_nonnull (bar);
      /* Taller than its numerator; the numerator wholly above the
       * baseline, the bar between the two, the denominator below. */
      g_assert_cmpfloat (shuati_math_box_height (frac), >, shuati_math_box_height (num) + shuati_math_box_height (den));
      g_assert_cmpfloat (bottom_of (num), <, 0);
      g_assert_cmpfloat (bottom_of (num), <=, top_of (bar));
      g_assert_cmpfloat (bottom_of (bar), <=, top_of (den));
      g_assert_cmpfloat (top_of (bar), <, 0);
      /* As wide as the wider part, which is centred over the other. */
      g_assert_cmpfloat (frac->width, >=, MAX (num->width, den->width));
      g_assert_cmpfloat_with_epsilon (num->abs_x + num->width / 2, den->abs_x + den->width / 2, 0.01);
    }

  /* Display fractions are larger than inline ones. */
  {
    g_autoptr(ShuatiMathBox) inline_root = lay_out ("\\frac{a}{b}", FALSE);
    g_autoptr(ShuatiMathBox) display_root = lay_out ("\\frac{a}{b}", TRUE);

    g_assert_cmpfloat (shuati_math_box_height (display_root), >, shuati_math_box_height (inline_root));
    g_assert_cmpfloat (display_root->width, >, inline_root->width);
  }
}

static void
test_metrics_scripts (void)
{
  g_autoptr(ShuatiMathBox) root = lay_out ("x^2 x_i x_i^2", FALSE);
  const ShuatiMathBox *sup = shuati_math_box_find (root, SHUATI_TEX_SCRIPTS, 0);
  const ShuatiMathBox *sub = shuati_math_box_find (root, SHUATI_TEX_SCRIPTS, 1);
  const ShuatiMathBox *both = shuati_math_box_find (root, SHUATI_TEX_SCRIPTS, 2);
  const ShuatiMathBox *base, *script, *lower;

  base = box_of (root, shuati_tex_node_get_child (sup->node, 0));
  script = box_of (root, shuati_tex_node_get_child (sup->node, 2));
  g_assert_cmpfloat (script->abs_y, <, base->abs_y);
  g_assert_cmpfloat (script->abs_x, >=, base->abs_x + base->width);
  /* Set smaller than the base. */
  g_assert_cmpfloat (shuati_math_box_height (script), <, shuati_math_box_height (base) * 1.5);
  g_assert_cmpfloat (sup->ascent, >, base->ascent);

  base = box_of (root, shuati_tex_node_get_child (sub->node, 0));
  script = box_of (root, shuati_tex_node_get_child (sub->node, 1));
  g_assert_cmpfloat (script->abs_y, >, base->abs_y);
  g_assert_cmpfloat (sub->descent, >, base->descent);

  /* Both: the superscript wholly above the subscript. */
  script = box_of (root, shuati_tex_node_get_child (both->node, 2));
  lower = box_of (root, shuati_tex_node_get_child (both->node, 1));
  g_assert_cmpfloat (bottom_of (script), <, top_of (lower));
  g_assert_cmpfloat_with_epsilon (script->abs_x, lower->abs_x, 0.2 * script->width + 2);
}

static void
test_metrics_sqrt (void)
{
  g_autoptr(ShuatiMathBox) root = lay_out ("\\sqrt{x+1} \\sqrt[3]{y}", FALSE);
  const ShuatiMathBox *sqrt_box = shuati_math_box_find (root, SHUATI_TEX_SQRT, 0);
  const ShuatiMathBox *radicand = box_of (root, shuati_tex_node_get_child (sqrt_box->node, 0));
  const ShuatiMathBox *sign = shuati_math_box_find_part (sqrt_box, SHUATI_MATH_BOX_RADICAL, 0);
  const ShuatiMathBox *rooted = shuati_math_box_find (root, SHUATI_TEX_SQRT, 1);
  const ShuatiMathBox *index = box_of (root, shuati_tex_node_get_child (rooted->node, 1));
  const ShuatiMathBox *rooted_sign = shuati_math_box_find_part (rooted, SHUATI_MATH_BOX_RADICAL, 0);

  g_assert_cmpfloat (sqrt_box->width, >, radicand->width);
  g_assert_cmpfloat (sqrt_box->ascent, >, radicand->ascent);
  g_assert_nonnull (sign);
  /* The sign is left of the radicand and the bar reaches over it. */
  g_assert_cmpfloat (sign->abs_x + sign->width, <=, radicand->abs_x);
  g_assert_cmpfloat (top_of (shuati_math_box_find_part (sqrt_box, SHUATI_MATH_BOX_RULE, 0)), <, top_of (radicand));
  /* The index sits above the crook, left of the radicand. */
  g_assert_cmpfloat (bottom_of (index), <, 0);
  g_assert_cmpfloat (index->abs_x, <, rooted_sign->abs_x + rooted_sign->width);
}

/* Display style puts ∑'s limits above and below, inline beside it. */
static void
test_metrics_limits (void)
{
  g_autoptr(ShuatiMathBox) display_root = lay_out ("\\sum_{i=1}^{N} y_i", TRUE);
  g_autoptr(ShuatiMathBox) inline_root = lay_out ("\\sum_{i=1}^{N} y_i", FALSE);
  const ShuatiMathBox *display = shuati_math_box_find (display_root, SHUATI_TEX_SCRIPTS, 0);
  const ShuatiMathBox *inline_box = shuati_math_box_find (inline_root, SHUATI_TEX_SCRIPTS, 0);
  const ShuatiMathBox *op = box_of (display, shuati_tex_node_get_child (display->node, 0));
  const ShuatiMathBox *below = box_of (display, shuati_tex_node_get_child (display->node, 1));
  const ShuatiMathBox *above = box_of (display, shuati_tex_node_get_child (display->node, 2));
  const ShuatiMathBox *inline_op = box_of (inline_box, shuati_tex_node_get_child (inline_box->node, 0));
  const ShuatiMathBox *inline_above = box_of (inline_box, shuati_tex_node_get_child (inline_box->node, 2));

  g_assert_cmpfloat (bottom_of (above), <=, top_of (op));
  g_assert_cmpfloat (top_of (below), >=, bottom_of (op));
  /* Centred on the operator. */
  g_assert_cmpfloat (fabs ((above->abs_x + above->width / 2) - (op->abs_x + op->width / 2)), <, op->width / 4);
  g_assert_cmpfloat (fabs ((below->abs_x + below->width / 2) - (op->abs_x + op->width / 2)), <, op->width / 4);
  g_assert_cmpfloat (shuati_math_box_height (display), >, shuati_math_box_height (inline_box));

  /* Inline: beside the operator, so wider for the same limits. */
  g_assert_cmpfloat (inline_above->abs_x, >=, inline_op->abs_x + inline_op->width);
  g_assert_cmpfloat (inline_box->width, >, inline_op->width + inline_above->width * 0.9);
  g_assert_cmpfloat (bottom_of (inline_above), >, top_of (inline_op));

  /* \int keeps its limits at the side even in display style. */
  {
    g_autoptr(ShuatiMathBox) integral = lay_out ("\\int_0^1 x", TRUE);
    const ShuatiMathBox *scripts = shuati_math_box_find (integral, SHUATI_TEX_SCRIPTS, 0);
    const ShuatiMathBox *sign = box_of (scripts, shuati_tex_node_get_child (scripts->node, 0));
    const ShuatiMathBox *upper = box_of (scripts, shuati_tex_node_get_child (scripts->node, 2));

    g_assert_cmpfloat (upper->abs_x, >=, sign->abs_x + sign->width);
  }
}

static void
test_metrics_matrix (void)
{
  g_autoptr(ShuatiMathBox) root = lay_out ("\\begin{bmatrix}a & bbbb \\\\ \\frac{c}{2} & d\\end{bmatrix}", TRUE);
  const ShuatiMathBox *matrix = shuati_math_box_find (root, SHUATI_TEX_MATRIX, 0);
  const ShuatiMathBox *cells[4];
  const ShuatiMathBox *left = shuati_math_box_find_part (matrix, SHUATI_MATH_BOX_DELIMITER, 0);
  const ShuatiMathBox *right = shuati_math_box_find_part (matrix, SHUATI_MATH_BOX_DELIMITER, 1);

  for (guint i = 0; i < 4; i++)
    {
      cells[i] = box_of (matrix, shuati_tex_node_get_child (matrix->node, i));
      g_assert_nonnull (cells[i]);
    }
  /* Rows share a baseline, columns a centre; the second row is below. */
  g_assert_cmpfloat_with_epsilon (cells[0]->abs_y, cells[1]->abs_y, 0.01);
  g_assert_cmpfloat_with_epsilon (cells[2]->abs_y, cells[3]->abs_y, 0.01);
  g_assert_cmpfloat (top_of (cells[2]), >, bottom_of (cells[0]));
  g_assert_cmpfloat_with_epsilon (cells[0]->abs_x + cells[0]->width / 2,
                                  cells[2]->abs_x + cells[2]->width / 2, 0.01);
  g_assert_cmpfloat_with_epsilon (cells[1]->abs_x + cells[1]->width / 2,
                                  cells[3]->abs_x + cells[3]->width / 2, 0.01);
  g_assert_cmpfloat (cells[1]->abs_x, >, cells[0]->abs_x + cells[0]->width);
  /* Brackets drawn to the height of the rows, either side. */
  g_assert_nonnull (left);
  g_assert_nonnull (right);
  g_assert_cmpstr (left->delimiter, ==, "[");
  g_assert_cmpstr (right->delimiter, ==, "]");
  g_assert_cmpfloat (top_of (left), <=, top_of (cells[0]));
  g_assert_cmpfloat (bottom_of (left), >=, bottom_of (cells[2]));
  g_assert_cmpfloat (left->abs_x + left->width, <=, cells[0]->abs_x);
  g_assert_cmpfloat (right->abs_x, >=, cells[1]->abs_x + cells[1]->width);
}

static void
test_metrics_delimiters (void)
{
  g_autoptr(ShuatiMathBox) tall = lay_out ("\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)", TRUE);
  g_autoptr(ShuatiMathBox) flat = lay_out ("\\left( x \\right)", FALSE);
  const ShuatiMathBox *frac = shuati_math_box_find (tall, SHUATI_TEX_FRAC, 0);
  const ShuatiMathBox *paren = shuati_math_box_find_part (tall, SHUATI_MATH_BOX_DELIMITER, 0);

  /* Around a fraction the parentheses are drawn as tall as it; around a
   * letter they are the font's. */
  g_assert_nonnull (paren);
  g_assert_cmpfloat (top_of (paren), <=, top_of (frac));
  g_assert_cmpfloat (bottom_of (paren), >=, bottom_of (frac));
  g_assert_null (shuati_math_box_find_part (flat, SHUATI_MATH_BOX_DELIMITER, 0));
  g_assert_nonnull (shuati_math_box_find_part (flat, SHUATI_MATH_BOX_GLYPHS, 0));
}

static void
test_metrics_accents_spaces (void)
{
  g_autoptr(ShuatiMathBox) accent = lay_out ("\\hat{y}", FALSE);
  g_autoptr(ShuatiMathBox) plain = lay_out ("y", FALSE);
  g_autoptr(ShuatiMathBox) bar = lay_out ("\\bar{x}", FALSE);
  g_autoptr(ShuatiMathBox) tight = lay_out ("ab", FALSE);
  g_autoptr(ShuatiMathBox) quad = lay_out ("a\\quad b", FALSE);
  g_autoptr(ShuatiMathBox) operators = lay_out ("a+b", FALSE);

  g_assert_cmpfloat (accent->ascent, >, plain->ascent);
  g_assert_cmpfloat_with_epsilon (accent->width, plain->width, 0.01);
  g_assert_nonnull (shuati_math_box_find_part (bar, SHUATI_MATH_BOX_RULE, 0));
  g_assert_cmpfloat (quad->width, >, tight->width + 8);
  /* Spaces around a binary operator. */
  {
    g_autoptr(ShuatiMathBox) sign = lay_out ("+", FALSE);

    g_assert_cmpfloat (operators->width, >, tight->width + sign->width + 2);
  }
}

/* An unknown command is set as its source, marked as a warning, and the
 * rest of the formula is still set around it. */
static void
test_metrics_unknown (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
  g_autoptr(ShuatiMathBox) root = shuati_math_layout_new (gtk_widget_get_pango_context (label),
                                                          "a + \\foo{x} \\frac{1}{", TRUE);
  const ShuatiMathBox *unknown = shuati_math_box_find (root, SHUATI_TEX_UNKNOWN, 0);
  const ShuatiMathBox *frac = shuati_math_box_find (root, SHUATI_TEX_FRAC, 0);

  g_assert_nonnull (unknown);
  g_assert_cmpint (unknown->kind, ==, SHUATI_MATH_BOX_GLYPHS);
  g_assert_true (unknown->warning);
  g_assert_cmpstr (pango_layout_get_text (unknown->layout), ==, "\\foo");
  g_assert_cmpfloat (unknown->width, >, 0);
  g_assert_nonnull (frac);
  g_assert_cmpfloat (root->width, >, unknown->width + frac->width);
  g_assert_false (shuati_math_box_find_part (frac, SHUATI_MATH_BOX_GLYPHS, 0)->warning);
  g_object_unref (label);
}

/* Pathological input lays out without crashing. */
static void
test_metrics_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  static const char * const inputs[] = {
    "", " ", "\\begin{bmatrix}\\end{bmatrix}", "\\begin{matrix}&&&\\\\\\\\&\\end{matrix}",
    "\\left(\\right)", "\\sqrt[]{}", "\\frac{}{}", "^^^___", "\\sum\\limits", "\\!\\!\\!\\!",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(ShuatiMathBox) root = lay_out (inputs[i], i % 2);

      g_assert_cmpfloat (root->width, >=, 0);
      g_assert_true (isfinite (root->ascent) && isfinite (root->descent));
    }
  for (int i = 0; i < 200; i++)
    g_string_append (deep, "\\frac{\\sqrt{x^{");
  {
    GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));
    g_autoptr(ShuatiMathBox) root = shuati_math_layout_new (gtk_widget_get_pango_context (label),
                                                            deep->str, TRUE);

    g_assert_nonnull (shuati_math_box_find (root, SHUATI_TEX_UNKNOWN, 0));
    g_assert_true (isfinite (root->width) && isfinite (root->ascent));
    g_object_unref (label);
  }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_view_properties (void)
{
  GtkWidget *view = g_object_ref_sink (shuati_math_view_new ("x^2", FALSE));
  guint n_tex = 0, n_display = 0;

  g_assert_cmpstr (shuati_math_view_get_tex (SHUATI_MATH_VIEW (view)), ==, "x^2");
  g_assert_false (shuati_math_view_get_display (SHUATI_MATH_VIEW (view)));
  g_assert_cmpstr (gtk_widget_get_css_name (view), ==, "mathview");
  g_signal_connect (view, "notify::tex", G_CALLBACK (on_notify), &n_tex);
  g_signal_connect (view, "notify::display", G_CALLBACK (on_notify), &n_display);

  shuati_math_view_set_tex (SHUATI_MATH_VIEW (view), "x^2");
  g_assert_cmpuint (n_tex, ==, 0);
  g_object_set (view, "tex", "\\frac{a}{b}", NULL);
  g_assert_cmpuint (n_tex, ==, 1);
  shuati_math_view_set_display (SHUATI_MATH_VIEW (view), TRUE);
  shuati_math_view_set_display (SHUATI_MATH_VIEW (view), TRUE);
  g_assert_cmpuint (n_display, ==, 1);
  g_assert_true (gtk_widget_has_css_class (view, "display"));
  shuati_math_view_set_tex (SHUATI_MATH_VIEW (view), NULL);
  g_assert_cmpstr (shuati_math_view_get_tex (SHUATI_MATH_VIEW (view)), ==, "");
  g_assert_cmpuint (n_tex, ==, 2);

  g_assert_finalize_object (view);
}

static void
test_view_accessible (void)
{
  GtkWidget *view = g_object_ref_sink (shuati_math_view_new ("  \\frac{a}{b}\n", TRUE));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, "\\frac{a}{b}");
  shuati_math_view_set_tex (SHUATI_MATH_VIEW (view), "x_i");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, "x_i");
  g_assert_finalize_object (view);
}

/* The size and baseline come from the layout, which is made once and
 * kept until the formula, the style or the font changes. */
static void
test_view_measure (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new ("text");
  GtkWidget *view = shuati_math_view_new ("\\sum_{i=1}^{N} x_i", FALSE);
  ShuatiMathView *math = SHUATI_MATH_VIEW (view);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  int min, nat, min_baseline = -1, nat_baseline = -1;
  int inline_height, inline_width, width;
  guint n_layouts;

  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (view, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  shuati_test_settle ();

  n_layouts = shuati_math_view_get_n_layouts (math);
  g_assert_cmpuint (n_layouts, ==, 1);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, &min_baseline, &nat_baseline);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (nat_baseline, >, 0);
  g_assert_cmpint (nat_baseline, <, nat);
  g_assert_cmpint (nat_baseline, >=, (int) shuati_math_view_get_layout (math)->ascent);
  inline_height = nat;
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  inline_width = nat;
  g_assert_cmpint (inline_width, >=, (int) shuati_math_view_get_layout (math)->width);

  /* Drawing and measuring again lay nothing out. */
  gtk_widget_queue_draw (view);
  gtk_widget_queue_resize (view);
  shuati_test_settle ();
  g_assert_cmpuint (shuati_math_view_get_n_layouts (math), ==, n_layouts);

  /* The widget sits on the label's baseline. */
  {
    graphene_rect_t label_bounds, view_bounds;
    int label_baseline = gtk_widget_get_allocated_baseline (label);
    int view_baseline = gtk_widget_get_allocated_baseline (view);

    g_assert_true (gtk_widget_compute_bounds (label, box, &label_bounds));
    g_assert_true (gtk_widget_compute_bounds (view, box, &view_bounds));
    g_assert_cmpint (label_baseline, >=, 0);
    g_assert_cmpint (view_baseline, >=, 0);
    g_assert_cmpfloat_with_epsilon (label_bounds.origin.y + label_baseline,
                                    view_bounds.origin.y + view_baseline, 1.0);
  }

  /* Display style: limits above and below make it taller and narrower. */
  shuati_math_view_set_display (math, TRUE);
  shuati_test_settle ();
  g_assert_cmpuint (shuati_math_view_get_n_layouts (math), ==, n_layouts + 1);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, >, inline_height);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &width, NULL, NULL);
  g_assert_cmpint (width, <, inline_width);

  /* A larger font: laid out again, and larger. */
  gtk_css_provider_load_from_data (css, "mathview { font-size: 30px; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  shuati_test_settle ();
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpuint (shuati_math_view_get_n_layouts (math), ==, n_layouts + 2);
  g_assert_cmpint (nat, >, width);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));

  gtk_window_destroy (GTK_WINDOW (window));
  shuati_test_settle ();
}

/* Drawn in the theme's colours: the fraction bar in the foreground
 * colour, in the light and the dark style. */
static void
test_view_draws (void)
{
  static const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *view = shuati_math_view_new ("\\frac{a}{b} \\foo", TRUE);
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      const ShuatiMathBox *bar;
      GdkRGBA color;
      int width, height, x, y, stride;
      guchar *pixel;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[s]);
      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_window_present (GTK_WINDOW (window));
      shuati_test_settle ();

      width = gtk_widget_get_width (view);
      height = gtk_widget_get_height (view);
      paintable = gtk_widget_paintable_new (view);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      stride = 4 * gdk_texture_get_width (texture);
      pixels = g_malloc (stride * gdk_texture_get_height (texture));
      gdk_texture_download (texture, pixels, stride);

      /* The middle of the bar, in the view's coordinates. */
      bar = shuati_math_box_find_part (shuati_math_view_get_layout (SHUATI_MATH_VIEW (view)),
                                       SHUATI_MATH_BOX_RULE, 0);
      gtk_style_context_get_color (gtk_widget_get_style_context (view), &color);
      x = (int) ((width - shuati_math_view_get_layout (SHUATI_MATH_VIEW (view))->width) / 2 +
                 bar->abs_x + bar->width / 2);
      y = (int) ((height - gtk_widget_get_height (view)) / 2.0);
      {
        int baseline;
        int min, nat;

        gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, &baseline, NULL);
        /* The widget is centred vertically when it has no baseline. */
        y = (int) ((height - nat) / 2.0 + baseline + bar->abs_y - (bar->ascent - bar->descent) / 2);
      }
      g_assert_cmpint (x, >=, 0);
      g_assert_cmpint (x, <, width);
      g_assert_cmpint (y, >=, 0);
      g_assert_cmpint (y, <, height);
      pixel = pixels + y * stride + x * 4;
      /* Little-endian ARGB premultiplied: B, G, R, A. The foreground is
       * dark in the light style and light in the dark one. */
      g_assert_cmpint (pixel[3], >, 128);
      if (color.red < 0.5)
        g_assert_cmpint (pixel[2], <, 128);
      else
        g_assert_cmpint (pixel[2], >, 128);

      gtk_window_destroy (GTK_WINDOW (window));
      shuati_test_settle ();
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/shuati/math-view/metrics/fraction", test_metrics_fraction);
  g_test_add_func ("/shuati/math-view/metrics/scripts", test_metrics_scripts);
  g_test_add_func ("/shuati/math-view/metrics/sqrt", test_metrics_sqrt);
  g_test_add_func ("/shuati/math-view/metrics/limits", test_metrics_limits);
  g_test_add_func ("/shuati/math-view/metrics/matrix", test_metrics_matrix);
  g_test_add_func ("/shuati/math-view/metrics/delimiters", test_metrics_delimiters);
  g_test_add_func ("/shuati/math-view/metrics/accents-spaces", test_metrics_accents_spaces);
  g_test_add_func ("/shuati/math-view/metrics/unknown", test_metrics_unknown);
  g_test_add_func ("/shuati/math-view/metrics/hostile", test_metrics_hostile);
  g_test_add_func ("/shuati/math-view/properties", test_view_properties);
  g_test_add_func ("/shuati/math-view/accessible", test_view_accessible);
  g_test_add_func ("/shuati/math-view/measure", test_view_measure);
  g_test_add_func ("/shuati/math-view/draws", test_view_draws);

  return g_test_run ();
}
