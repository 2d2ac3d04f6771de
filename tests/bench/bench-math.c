/* bench-math.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "shuati-math-layout.h"
#include "bench.h"

#define ROUNDS 200

/* The three display formulas of the card the rendering target names. */
static const char * const formulas[] = {
  "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V",
  "-\\sum_{i=1}^{N} y_i \\log \\hat{y}_i",
  "\\begin{bmatrix}a&b\\\\c&d\\end{bmatrix} + \\left\\| \\mathbf{W}^{(l)} \\right\\|_2",
};

void
bench_math (const BenchContext *ctx)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12.5");
  double parse_ms[ROUNDS], layout_ms[ROUNDS];
  double worst = 0;

  pango_context_set_font_description (context, font);
  pango_font_description_free (font);
  /* The first layout loads the fonts: a cost paid once per run. */
  shuati_math_box_free (shuati_math_layout_new (context, formulas[0], TRUE));

  for (guint round = 0; round < ROUNDS; round++)
    {
      double start = bench_now_ms ();

      for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
        shuati_tex_node_free (shuati_tex_parse (formulas[i]));
      parse_ms[round] = bench_now_ms () - start;

      start = bench_now_ms ();
      for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
        shuati_math_box_free (shuati_math_layout_new (context, formulas[i], TRUE));
      layout_ms[round] = bench_now_ms () - start;
      worst = MAX (worst, layout_ms[round]);
    }

  bench_print ("formulas", "3 display formulas × %d rounds", ROUNDS);
  bench_print ("parse (median)", "%.3f ms", bench_median (parse_ms, ROUNDS));
  bench_print ("parse and lay out (median)", "%.2f ms, worst %.2f ms",
               bench_median (layout_ms, ROUNDS), worst);
  /* A share of the 5 ms a whole card may take to render. */
  g_object_unref (context);
  bench_verdict ("3 formulas laid out", bench_median (layout_ms, ROUNDS) <= 1.5, "median ≤ 1.5 ms");
}
