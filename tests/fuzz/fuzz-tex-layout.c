/* fuzz-tex-layout.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formulas from decks set as the math view sets them, inline and in
 * display style, measured with a real font: every box has a finite size
 * and every piece of text a layout.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "shuati-math-layout.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Shaping is slow: longer inputs only repeat what shorter ones test. */
#define MAX_SIZE 512

static PangoContext *context;

static void
check_box (const ShuatiMathBox *box)
{
  if (!isfinite (box->abs_x) || !isfinite (box->abs_y) || !isfinite (box->width) ||
      !isfinite (box->ascent) || !isfinite (box->descent) || box->width < 0)
    {
      fprintf (stderr, "layout: a box with no finite size\n");
      abort ();
    }
  if (box->kind == SHUATI_MATH_BOX_GLYPHS && box->layout == NULL)
    {
      fprintf (stderr, "layout: glyphs without a layout\n");
      abort ();
    }
  for (guint i = 0; i < box->children->len; i++)
    check_box (g_ptr_array_index (box->children, i));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans 11");

  /* Made once: the font map's caches are not leaks of one input. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_context_set_font_description (context, font);
  pango_font_description_free (font);
  shuati_math_box_free (shuati_math_layout_new (context, "\\sum_i x^2 \\alpha", TRUE));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *tex = NULL;
  g_autoptr(ShuatiMathBox) inline_box = NULL;
  g_autoptr(ShuatiMathBox) display_box = NULL;

  if (size > MAX_SIZE)
    return 0;
  tex = g_strndup ((const char *) data, size);
  inline_box = shuati_math_layout_new (context, tex, FALSE);
  display_box = shuati_math_layout_new (context, tex, TRUE);
  check_box (inline_box);
  check_box (display_box);
  return 0;
}
