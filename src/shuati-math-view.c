/* shuati-math-view.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A formula, set by shuati-math-layout.c and drawn with the theme's
 * colours. The layout is made once for each formula, style and font and
 * kept: measuring and drawing only read it.
 */

#include "config.h"

#include <math.h>

#include "shuati-math-view.h"

struct _ShuatiMathView
{
  GtkWidget             parent_instance;

  char                 *tex;
  gboolean              display;

  ShuatiMathBox        *box;
  PangoFontDescription *font;     /* the font the box was set in */
  double                ascent;   /* of the box, with the strut of a line of text */
  double                descent;
  guint                 n_layouts;
};

G_DEFINE_FINAL_TYPE (ShuatiMathView, shuati_math_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEX,
  PROP_DISPLAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Readable on the light and the dark background when the theme names
 * no warning colour. */
#define FALLBACK_WARNING "#e66100"

static void
invalidate (ShuatiMathView *self)
{
  g_clear_pointer (&self->box, shuati_math_box_free);
  g_clear_pointer (&self->font, pango_font_description_free);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
ensure_layout (ShuatiMathView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoFontMetrics *metrics;

  if (self->box != NULL && self->font != NULL && pango_font_description_equal (font, self->font))
    return;

  g_clear_pointer (&self->box, shuati_math_box_free);
  g_clear_pointer (&self->font, pango_font_description_free);
  self->box = shuati_math_layout_new (context, self->tex, self->display);
  self->font = pango_font_description_copy (font);
  self->n_layouts++;

  self->ascent = self->box->ascent;
  self->descent = self->box->descent;
  if (!self->display)
    {
      /* As tall as a line of text at least, so that inline formulas keep
       * the lines of a paragraph evenly spaced. */
      metrics = pango_context_get_metrics (context, NULL, NULL);
      self->ascent = MAX (self->ascent, (double) pango_font_metrics_get_ascent (metrics) / PANGO_SCALE);
      self->descent = MAX (self->descent, (double) pango_font_metrics_get_descent (metrics) / PANGO_SCALE);
      pango_font_metrics_unref (metrics);
    }
}

static void
shuati_math_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ShuatiMathView *self = SHUATI_MATH_VIEW (widget);

  ensure_layout (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Italic overhang and the drawn strokes need a pixel either side. */
      *minimum = *natural = (int) ceil (self->box->width + self->box->italic_correction) + 2;
    }
  else
    {
      int ascent = (int) ceil (self->ascent);

      *minimum = *natural = ascent + (int) ceil (self->descent);
      *minimum_baseline = *natural_baseline = ascent;
    }
}

static void
stroke_delimiter (cairo_t             *cr,
                  const ShuatiMathBox *box)
{
  const char *d = box->delimiter;
  double left = box->abs_x, top = box->abs_y - box->ascent;
  double w = box->width, h = box->ascent + box->descent;
  gboolean mirror = g_str_equal (d, ")") || g_str_equal (d, "]") || g_str_equal (d, "}") ||
                    g_str_equal (d, "⟩") || g_str_equal (d, "⌉") || g_str_equal (d, "⌋");
  double lw = box->line_width;

#define X(u) (mirror ? left + w - (u) * w : left + (u) * w)
#define Y(v) (top + (v) * h)

  /* Strokes stay inside the box. */
  top += lw / 2;
  h -= lw;
  if (g_str_equal (d, "(") || g_str_equal (d, ")"))
    {
      cairo_move_to (cr, X (0.8), Y (0));
      cairo_curve_to (cr, X (0.05), Y (0.2), X (0.05), Y (0.8), X (0.8), Y (1));
    }
  else if (g_str_equal (d, "[") || g_str_equal (d, "]"))
    {
      cairo_move_to (cr, X (0.8), Y (0));
      cairo_line_to (cr, X (0.3), Y (0));
      cairo_line_to (cr, X (0.3), Y (1));
      cairo_line_to (cr, X (0.8), Y (1));
    }
  else if (g_str_equal (d, "{") || g_str_equal (d, "}"))
    {
      cairo_move_to (cr, X (0.85), Y (0));
      cairo_curve_to (cr, X (0.5), Y (0), X (0.5), Y (0), X (0.5), Y (0.1));
      cairo_line_to (cr, X (0.5), Y (0.4));
      cairo_curve_to (cr, X (0.5), Y (0.5), X (0.5), Y (0.5), X (0.15), Y (0.5));
      cairo_curve_to (cr, X (0.5), Y (0.5), X (0.5), Y (0.5), X (0.5), Y (0.6));
      cairo_line_to (cr, X (0.5), Y (0.9));
      cairo_curve_to (cr, X (0.5), Y (1), X (0.5), Y (1), X (0.85), Y (1));
    }
  else if (g_str_equal (d, "⟨") || g_str_equal (d, "⟩"))
    {
      cairo_move_to (cr, X (0.8), Y (0));
      cairo_line_to (cr, X (0.2), Y (0.5));
      cairo_line_to (cr, X (0.8), Y (1));
    }
  else if (g_str_equal (d, "⌈") || g_str_equal (d, "⌉"))
    {
      cairo_move_to (cr, X (0.8), Y (0));
      cairo_line_to (cr, X (0.3), Y (0));
      cairo_line_to (cr, X (0.3), Y (1));
    }
  else if (g_str_equal (d, "⌊") || g_str_equal (d, "⌋"))
    {
      cairo_move_to (cr, X (0.3), Y (0));
      cairo_line_to (cr, X (0.3), Y (1));
      cairo_line_to (cr, X (0.8), Y (1));
    }
  else if (g_str_equal (d, "‖"))
    {
      cairo_move_to (cr, X (0.3), Y (0));
      cairo_line_to (cr, X (0.3), Y (1));
      cairo_move_to (cr, X (0.7), Y (0));
      cairo_line_to (cr, X (0.7), Y (1));
    }
  else if (g_str_equal (d, "/"))
    {
      cairo_move_to (cr, X (0.9), Y (0));
      cairo_line_to (cr, X (0.1), Y (1));
    }
  else if (g_str_equal (d, "∖"))
    {
      cairo_move_to (cr, X (0.1), Y (0));
      cairo_line_to (cr, X (0.9), Y (1));
    }
  else
    {
      cairo_move_to (cr, X (0.5), Y (0));
      cairo_line_to (cr, X (0.5), Y (1));
    }
#undef X
#undef Y
}

static void
stroke_radical (cairo_t             *cr,
                const ShuatiMathBox *box)
{
  double left = box->abs_x, top = box->abs_y - box->ascent;
  double w = box->width, h = box->ascent + box->descent;
  double lw = box->line_width;

  cairo_move_to (cr, left + 0.05 * w, top + 0.62 * h);
  cairo_line_to (cr, left + 0.2 * w, top + 0.55 * h);
  cairo_line_to (cr, left + 0.48 * w, top + h - lw / 2);
  cairo_line_to (cr, left + w, top + lw / 2);
}

static void
draw_box (GtkSnapshot         *snapshot,
          const ShuatiMathBox *box,
          const GdkRGBA       *color,
          const GdkRGBA       *warning)
{
  switch (box->kind)
    {
    case SHUATI_MATH_BOX_GLYPHS:
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box->abs_x + box->layout_x,
                                                              box->abs_y + box->layout_y));
      gtk_snapshot_append_layout (snapshot, box->layout, box->warning ? warning : color);
      gtk_snapshot_restore (snapshot);
      break;

    case SHUATI_MATH_BOX_RULE:
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (box->abs_x, box->abs_y - box->ascent,
                                                      box->width, box->ascent + box->descent));
      break;

    case SHUATI_MATH_BOX_RADICAL:
    case SHUATI_MATH_BOX_DELIMITER:
      {
        double pad = box->line_width;
        cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                 &GRAPHENE_RECT_INIT (box->abs_x - pad,
                                                                      box->abs_y - box->ascent - pad,
                                                                      box->width + 2 * pad,
                                                                      box->ascent + box->descent + 2 * pad));

        gdk_cairo_set_source_rgba (cr, color);
        cairo_set_line_width (cr, box->line_width);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        if (box->kind == SHUATI_MATH_BOX_RADICAL)
          stroke_radical (cr, box);
        else
          stroke_delimiter (cr, box);
        cairo_stroke (cr);
        cairo_destroy (cr);
      }
      break;

    case SHUATI_MATH_BOX_GROUP:
    default:
      break;
    }

  for (guint i = 0; i < box->children->len; i++)
    draw_box (snapshot, g_ptr_array_index (box->children, i), color, warning);
}

static void
shuati_math_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ShuatiMathView *self = SHUATI_MATH_VIEW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  GdkRGBA color, warning;
  double x, y;

  ensure_layout (self);

  /* gtk_widget_get_color() is GTK 4.10. */
  gtk_style_context_get_color (style, &color);
  if (!gtk_style_context_lookup_color (style, "warning_color", &warning))
    gdk_rgba_parse (&warning, FALLBACK_WARNING);

  x = self->display ? MAX (1, (width - self->box->width) / 2) : 1;
  if (baseline >= 0)
    y = baseline;
  else
    y = MAX (0, (height - (self->ascent + self->descent)) / 2) + self->ascent;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((int) x, (int) y));
  draw_box (snapshot, self->box, &color, &warning);
  gtk_snapshot_restore (snapshot);
}

static void
update_label (ShuatiMathView *self)
{
  g_autofree char *plain = shuati_tex_to_plain (self->tex);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
}

static void
on_scale_factor_changed (ShuatiMathView *self)
{
  invalidate (self);
}

static void
shuati_math_view_finalize (GObject *object)
{
  ShuatiMathView *self = SHUATI_MATH_VIEW (object);

  g_clear_pointer (&self->tex, g_free);
  g_clear_pointer (&self->box, shuati_math_box_free);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (shuati_math_view_parent_class)->finalize (object);
}

static void
shuati_math_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiMathView *self = SHUATI_MATH_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEX:
      g_value_set_string (value, self->tex);
      break;
    case PROP_DISPLAY:
      g_value_set_boolean (value, self->display);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_math_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiMathView *self = SHUATI_MATH_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEX:
      shuati_math_view_set_tex (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY:
      shuati_math_view_set_display (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_math_view_class_init (ShuatiMathViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shuati_math_view_finalize;
  object_class->get_property = shuati_math_view_get_property;
  object_class->set_property = shuati_math_view_set_property;

  widget_class->measure = shuati_math_view_measure;
  widget_class->snapshot = shuati_math_view_snapshot;

  /**
   * ShuatiMathView:tex:
   *
   * The formula, without its `$` delimiters.
   */
  properties[PROP_TEX] =
    g_param_spec_string ("tex", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ShuatiMathView:display:
   *
   * Whether the formula is set in display style (`$$…$$`) rather than
   * inline.
   */
  properties[PROP_DISPLAY] =
    g_param_spec_boolean ("display", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "mathview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
shuati_math_view_init (ShuatiMathView *self)
{
  self->tex = g_strdup ("");
  update_label (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
}

/**
 * shuati_math_view_new:
 * @tex: a formula, without its `$` delimiters
 * @display: whether it stands on its own (`$$…$$`) rather than inline
 *
 * Returns: (transfer floating): a new #ShuatiMathView
 */
GtkWidget *
shuati_math_view_new (const char *tex,
                      gboolean    display)
{
  return g_object_new (SHUATI_TYPE_MATH_VIEW,
                       "tex", tex,
                       "display", display,
                       NULL);
}

const char *
shuati_math_view_get_tex (ShuatiMathView *self)
{
  g_return_val_if_fail (SHUATI_IS_MATH_VIEW (self), NULL);

  return self->tex;
}

void
shuati_math_view_set_tex (ShuatiMathView *self,
                          const char     *tex)
{
  g_return_if_fail (SHUATI_IS_MATH_VIEW (self));

  if (tex == NULL)
    tex = "";
  if (g_strcmp0 (self->tex, tex) == 0)
    return;
  g_free (self->tex);
  self->tex = g_strdup (tex);
  invalidate (self);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEX]);
}

gboolean
shuati_math_view_get_display (ShuatiMathView *self)
{
  g_return_val_if_fail (SHUATI_IS_MATH_VIEW (self), FALSE);

  return self->display;
}

void
shuati_math_view_set_display (ShuatiMathView *self,
                              gboolean        display)
{
  g_return_if_fail (SHUATI_IS_MATH_VIEW (self));

  display = !!display;
  if (self->display == display)
    return;
  self->display = display;
  if (display)
    gtk_widget_add_css_class (GTK_WIDGET (self), "display");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "display");
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY]);
}

/**
 * shuati_math_view_get_layout:
 * @self: a #ShuatiMathView
 *
 * Lays the formula out in the widget's font if that has not been done
 * for its formula, style and font yet.
 *
 * Returns: (transfer none): the boxes the widget draws
 */
const ShuatiMathBox *
shuati_math_view_get_layout (ShuatiMathView *self)
{
  g_return_val_if_fail (SHUATI_IS_MATH_VIEW (self), NULL);

  ensure_layout (self);
  return self->box;
}

/**
 * shuati_math_view_get_n_layouts:
 * @self: a #ShuatiMathView
 *
 * Returns: how many times the formula has been laid out, for tests that
 *   check measuring and drawing reuse the layout
 */
guint
shuati_math_view_get_n_layouts (ShuatiMathView *self)
{
  g_return_val_if_fail (SHUATI_IS_MATH_VIEW (self), 0);

  return self->n_layouts;
}
