/* math-demo.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "shuati-math-view.h"

/* Draws the formulas interview answers use, inline and on their own, in
 * the light and the dark style, into PNG files for a person to look at:
 *   math-demo OUTPUT-PREFIX [SCALE]   writes PREFIX-light.png and PREFIX-dark.png,
 *                                     SCALE times as large (default 1) */

static const char * const formulas[] = {
  "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V",
  "-\\sum_{i=1}^{N} y_i \\log \\hat{y}_i",
  "W + \\Delta W = W + BA",
  "\\begin{bmatrix}a&b\\\\c&d\\end{bmatrix}",
  "\\prod_{t=1}^{T} p_\\theta(x_t \\mid x_{<t}) \\quad \\sqrt[3]{x^2+1} \\le \\infty",
  "\\operatorname{Attention}(Q,K,V) = \\vec{v} \\cdot \\tilde{x} + \\bar{z} \\ne \\nabla_\\theta \\mathcal{L} \\unknowncmd",
  "f(x) = \\begin{cases} x & x \\ge 0 \\\\ \\alpha x & x < 0 \\end{cases}",
  "\\left\\| \\mathbf{W}^{(l)} \\right\\|_2 \\approx \\frac{1}{\\frac{a}{b}+c} \\in \\mathbb{R}^{d \\times k}",
};

static GdkTexture *
render (GtkWidget *widget,
        double     scale)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
}

static void
settle (void)
{
  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static GtkWidget *
build_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_set_margin_start (box, 16);
  gtk_widget_set_margin_end (box, 16);
  gtk_widget_set_margin_top (box, 16);
  gtk_widget_set_margin_bottom (box, 16);

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      /* Inline, on the baseline of the text around it. */
      gtk_box_set_baseline_position (GTK_BOX (line), GTK_BASELINE_POSITION_CENTER);
      gtk_widget_set_valign (line, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (line), gtk_label_new ("Inline:"));
      gtk_box_append (GTK_BOX (line), shuati_math_view_new (formulas[i], FALSE));
      gtk_box_append (GTK_BOX (line), gtk_label_new ("and text after."));
      for (GtkWidget *child = gtk_widget_get_first_child (line); child; child = gtk_widget_get_next_sibling (child))
        gtk_widget_set_valign (child, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (box), line);
      gtk_box_append (GTK_BOX (box), shuati_math_view_new (formulas[i], TRUE));
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  return window;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  double scale = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 1;

  if (argc < 2 || argc > 3 || scale < 1 || scale > 8)
    {
      g_printerr ("usage: %s OUTPUT-PREFIX [SCALE]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  gtk_css_provider_load_from_resource (css, "/io/github/shuati/Shuati/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      GtkWidget *window;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = g_strdup_printf ("%s-%s.png", argv[1], styles[i].name);

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[i].scheme);
      window = build_window ();
      gtk_window_present (GTK_WINDOW (window));
      settle ();
      texture = render (window, scale);
      if (!gdk_texture_save_to_png (texture, path))
        {
          g_printerr ("could not write %s\n", path);
          return 1;
        }
      g_print ("%s\n", path);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  return 0;
}
