/* fuzz-tex.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formulas from decks: the parser, its markup and its plain text.
 * fuzz-tex-layout.c sets them in a real font, more slowly.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "shuati-tex.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "%s\n%s\n", what, detail ? detail : "");
  abort ();
}

static guint
check_tree (const ShuatiTexNode *node,
            guint                depth)
{
  guint n = 1;

  if (depth > 4 * SHUATI_TEX_MAX_DEPTH)
    fail ("parse: tree too deep", NULL);
  if (node->text != NULL && !g_utf8_validate (node->text, -1, NULL))
    fail ("parse: text not UTF-8", NULL);
  if (node->text2 != NULL && !g_utf8_validate (node->text2, -1, NULL))
    fail ("parse: text not UTF-8", NULL);
  if (node->kind == SHUATI_TEX_MATRIX && node->n_rows * node->n_cols != node->children->len)
    fail ("parse: matrix cells do not fill the grid", NULL);
  for (guint i = 0; i < node->children->len; i++)
    {
      const ShuatiTexNode *child = g_ptr_array_index (node->children, i);

      if (child != NULL)
        n += check_tree (child, depth + 1);
      else if (node->kind != SHUATI_TEX_SCRIPTS && node->kind != SHUATI_TEX_SQRT)
        fail ("parse: an empty child where there may be none", NULL);
    }
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Formulas are C strings: the input is cut at its first NUL. */
  g_autofree char *tex = g_strndup ((const char *) data, size);
  g_autoptr(ShuatiTexNode) root = shuati_tex_parse (tex);
  g_autofree char *markup = shuati_tex_to_pango (tex);
  g_autofree char *plain = shuati_tex_to_plain (tex);
  g_autoptr(GError) error = NULL;
  guint n_nodes;

  n_nodes = check_tree (root, 0);
  if (n_nodes > SHUATI_TEX_MAX_NODES + 8)
    fail ("parse: more nodes than the limit", NULL);

  if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
    fail ("to_pango: not valid Pango markup", markup);

  if (!g_utf8_validate (plain, -1, NULL))
    fail ("to_plain: not UTF-8", NULL);
  if (strpbrk (plain, "\n\r\t") != NULL || g_str_has_prefix (plain, " ") || g_str_has_suffix (plain, " "))
    fail ("to_plain: not one trimmed line", plain);

  return 0;
}
