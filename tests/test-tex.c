/* test-tex.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <pango/pango.h>

#include "shuati-tex.h"

#define MED "\xe2\x80\x85"  /* U+2005 around operators */
#define THIN "\xe2\x80\x89" /* U+2009 after a function name */
#define CHILD(node, i) shuati_tex_node_get_child ((node), (i))

static ShuatiTexNode *
parse_one (const char *tex)
{
  ShuatiTexNode *root = shuati_tex_parse (tex);

  g_assert_nonnull (root);
  g_assert_cmpint (root->kind, ==, SHUATI_TEX_ROW);
  g_assert_false (shuati_tex_has_unknown (root));
  return root;
}

static void
assert_symbol (const ShuatiTexNode *node,
               const char          *text,
               ShuatiTexClass       klass)
{
  g_assert_nonnull (node);
  g_assert_cmpint (node->kind, ==, SHUATI_TEX_SYMBOL);
  g_assert_cmpstr (node->text, ==, text);
  g_assert_cmpint (node->klass, ==, klass);
}

/* Letters are italic variables, digits run together into one number,
 * operators and relations get their Unicode symbols and classes. */
static void
test_parse_symbols (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("x+12.5-y = a*b < c, (d)");

  g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 15);
  assert_symbol (CHILD (root, 0), "x", SHUATI_TEX_CLASS_VAR);
  assert_symbol (CHILD (root, 1), "+", SHUATI_TEX_CLASS_BIN);
  assert_symbol (CHILD (root, 2), "12.5", SHUATI_TEX_CLASS_ORD);
  assert_symbol (CHILD (root, 3), "−", SHUATI_TEX_CLASS_BIN);
  assert_symbol (CHILD (root, 5), "=", SHUATI_TEX_CLASS_REL);
  assert_symbol (CHILD (root, 7), "∗", SHUATI_TEX_CLASS_BIN);
  assert_symbol (CHILD (root, 9), "<", SHUATI_TEX_CLASS_REL);
  assert_symbol (CHILD (root, 11), ",", SHUATI_TEX_CLASS_PUNCT);
  assert_symbol (CHILD (root, 12), "(", SHUATI_TEX_CLASS_OPEN);
}

static void
test_parse_commands (void)
{
  static const struct { const char *tex; const char *text; ShuatiTexClass klass; } cases[] = {
    { "\\alpha", "α", SHUATI_TEX_CLASS_VAR }, { "\\varepsilon", "ε", SHUATI_TEX_CLASS_VAR },
    { "\\Omega", "Ω", SHUATI_TEX_CLASS_ORD }, { "\\Delta", "Δ", SHUATI_TEX_CLASS_ORD },
    { "\\cdot", "⋅", SHUATI_TEX_CLASS_BIN }, { "\\times", "×", SHUATI_TEX_CLASS_BIN },
    { "\\pm", "±", SHUATI_TEX_CLASS_BIN }, { "\\le", "≤", SHUATI_TEX_CLASS_REL },
    { "\\ge", "≥", SHUATI_TEX_CLASS_REL }, { "\\ne", "≠", SHUATI_TEX_CLASS_REL },
    { "\\approx", "≈", SHUATI_TEX_CLASS_REL }, { "\\in", "∈", SHUATI_TEX_CLASS_REL },
    { "\\to", "→", SHUATI_TEX_CLASS_REL }, { "\\mid", "∣", SHUATI_TEX_CLASS_REL },
    { "\\sum", "∑", SHUATI_TEX_CLASS_OP }, { "\\prod", "∏", SHUATI_TEX_CLASS_OP },
    { "\\int", "∫", SHUATI_TEX_CLASS_OP }, { "\\partial", "∂", SHUATI_TEX_CLASS_ORD },
    { "\\nabla", "∇", SHUATI_TEX_CLASS_ORD }, { "\\infty", "∞", SHUATI_TEX_CLASS_ORD },
    { "\\top", "⊤", SHUATI_TEX_CLASS_ORD }, { "\\log", "log", SHUATI_TEX_CLASS_FUNC },
    { "\\exp", "exp", SHUATI_TEX_CLASS_FUNC }, { "\\max", "max", SHUATI_TEX_CLASS_FUNC },
    { "\\min", "min", SHUATI_TEX_CLASS_FUNC }, { "\\arg", "arg", SHUATI_TEX_CLASS_FUNC },
    { "\\{", "{", SHUATI_TEX_CLASS_OPEN }, { "\\|", "‖", SHUATI_TEX_CLASS_ORD },
    { "\\operatorname{softmax}", "softmax", SHUATI_TEX_CLASS_FUNC },
    { "\\text{if } ", "if ", SHUATI_TEX_CLASS_TEXT },
    { "\\text{a \\{b\\}  c}", "a {b} c", SHUATI_TEX_CLASS_TEXT },
    { "\\operatorname*{arg\\,max}", "arg max", SHUATI_TEX_CLASS_FUNC },
    { "\\text{x\\!y\\;z}", "xy z", SHUATI_TEX_CLASS_TEXT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ShuatiTexNode) root = parse_one (cases[i].tex);

      g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 1);
      assert_symbol (CHILD (root, 0), cases[i].text, cases[i].klass);
    }
}

static void
test_parse_spaces (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("a\\,b\\;c\\quad d\\qquad e\\!f~g");
  static const double ems[] = { 3.0 / 18, 5.0 / 18, 1.0, 2.0, -3.0 / 18, 1.0 / 3 };

  g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 13);
  for (guint i = 0; i < G_N_ELEMENTS (ems); i++)
    {
      const ShuatiTexNode *space = CHILD (root, 2 * i + 1);

      g_assert_cmpint (space->kind, ==, SHUATI_TEX_SPACE);
      g_assert_cmpfloat_with_epsilon (space->space, ems[i], 1e-9);
    }
}

/* x_i^2, nested scripts, braces, and a script with no base. */
static void
test_parse_scripts (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("x_i^2 e^{x_{i}^{2}} {}^{14}C x^23");
  const ShuatiTexNode *scripts = CHILD (root, 0);
  const ShuatiTexNode *nested;

  g_assert_cmpint (scripts->kind, ==, SHUATI_TEX_SCRIPTS);
  assert_symbol (CHILD (scripts, 0), "x", SHUATI_TEX_CLASS_VAR);
  assert_symbol (CHILD (scripts, 1), "i", SHUATI_TEX_CLASS_VAR);
  assert_symbol (CHILD (scripts, 2), "2", SHUATI_TEX_CLASS_ORD);

  scripts = CHILD (root, 1);
  g_assert_null (CHILD (scripts, 1));
  nested = CHILD (CHILD (scripts, 2), 0);
  g_assert_cmpint (nested->kind, ==, SHUATI_TEX_SCRIPTS);
  g_assert_cmpint (CHILD (nested, 1)->kind, ==, SHUATI_TEX_ROW);
  assert_symbol (CHILD (CHILD (nested, 2), 0), "2", SHUATI_TEX_CLASS_ORD);

  /* {}^{14}: an empty base. */
  scripts = CHILD (root, 2);
  g_assert_cmpint (scripts->kind, ==, SHUATI_TEX_SCRIPTS);
  g_assert_cmpuint (shuati_tex_node_get_n_children (CHILD (scripts, 0)), ==, 0);

  /* x^23 is x² followed by 3, as in TeX. */
  scripts = CHILD (root, 4);
  assert_symbol (CHILD (scripts, 2), "2", SHUATI_TEX_CLASS_ORD);
  assert_symbol (CHILD (root, 5), "3", SHUATI_TEX_CLASS_ORD);
}

static void
test_parse_limits (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("\\sum_{i=1}^{N} \\int_0^1 \\max_x \\sum\\nolimits_i \\int\\limits_a \\underset{\\theta}{\\arg\\min}");

  g_assert_cmpint (CHILD (root, 0)->limits, ==, SHUATI_TEX_LIMITS_AUTO);
  g_assert_cmpint (CHILD (root, 1)->limits, ==, SHUATI_TEX_LIMITS_SIDE);
  g_assert_cmpint (CHILD (root, 2)->limits, ==, SHUATI_TEX_LIMITS_AUTO);
  g_assert_cmpint (CHILD (root, 3)->limits, ==, SHUATI_TEX_LIMITS_SIDE);
  g_assert_cmpint (CHILD (root, 4)->limits, ==, SHUATI_TEX_LIMITS_ABOVE);
  g_assert_cmpint (CHILD (root, 5)->kind, ==, SHUATI_TEX_SCRIPTS);
  g_assert_cmpint (CHILD (root, 5)->limits, ==, SHUATI_TEX_LIMITS_ABOVE);
  g_assert_nonnull (CHILD (CHILD (root, 5), 1));
  g_assert_null (CHILD (CHILD (root, 5), 2));
}

static void
test_parse_fraction_root (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("\\frac{a+b}{2} \\frac12 \\sqrt{x} \\sqrt[3]{y} \\binom{n}{k}");
  const ShuatiTexNode *frac = CHILD (root, 0);

  g_assert_cmpint (frac->kind, ==, SHUATI_TEX_FRAC);
  g_assert_false (frac->no_bar);
  g_assert_cmpuint (shuati_tex_node_get_n_children (CHILD (frac, 0)), ==, 3);
  g_assert_cmpuint (shuati_tex_node_get_n_children (CHILD (frac, 1)), ==, 1);

  /* \frac12: one digit each. */
  frac = CHILD (root, 1);
  assert_symbol (CHILD (frac, 0), "1", SHUATI_TEX_CLASS_ORD);
  assert_symbol (CHILD (frac, 1), "2", SHUATI_TEX_CLASS_ORD);

  g_assert_cmpint (CHILD (root, 2)->kind, ==, SHUATI_TEX_SQRT);
  g_assert_null (CHILD (CHILD (root, 2), 1));
  g_assert_cmpint (CHILD (root, 3)->kind, ==, SHUATI_TEX_SQRT);
  assert_symbol (CHILD (CHILD (CHILD (root, 3), 1), 0), "3", SHUATI_TEX_CLASS_ORD);
  g_assert_true (CHILD (root, 4)->no_bar);
}

static void
test_parse_delimiters (void)
{
  static const struct { const char *tex; const char *left; const char *right; } cases[] = {
    { "\\left( x \\right)", "(", ")" },
    { "\\left[ x \\right]", "[", "]" },
    { "\\left\\{ x \\right\\}", "{", "}" },
    { "\\left| x \\right|", "|", "|" },
    { "\\left\\| x \\right\\|", "‖", "‖" },
    { "\\left. x \\right|", "", "|" },
    { "\\left\\langle x \\right\\rangle", "⟨", "⟩" },
    { "\\left\\lfloor x \\right\\rceil", "⌊", "⌉" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ShuatiTexNode) root = parse_one (cases[i].tex);
      const ShuatiTexNode *fenced = CHILD (root, 0);

      g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 1);
      g_assert_cmpint (fenced->kind, ==, SHUATI_TEX_FENCED);
      g_assert_cmpstr (fenced->text, ==, cases[i].left);
      g_assert_cmpstr (fenced->text2, ==, cases[i].right);
      assert_symbol (CHILD (CHILD (fenced, 0), 0), "x", SHUATI_TEX_CLASS_VAR);
    }
}

static void
test_parse_accents_styles (void)
{
  g_autoptr(ShuatiTexNode) root = parse_one ("\\hat{y} \\tilde x \\bar{z} \\vec{v} \\dot{q} "
                                              "\\mathbf{W} \\mathrm{softmax} \\mathbb{R} \\mathcal{L}");
  static const ShuatiTexAccent accents[] = {
    SHUATI_TEX_ACCENT_HAT, SHUATI_TEX_ACCENT_TILDE, SHUATI_TEX_ACCENT_BAR,
    SHUATI_TEX_ACCENT_VEC, SHUATI_TEX_ACCENT_DOT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (accents); i++)
    {
      g_assert_cmpint (CHILD (root, i)->kind, ==, SHUATI_TEX_ACCENT);
      g_assert_cmpint (CHILD (root, i)->accent, ==, accents[i]);
    }
  g_assert_cmpint (CHILD (root, 5)->kind, ==, SHUATI_TEX_STYLE);
  g_assert_cmpint (CHILD (root, 5)->style, ==, SHUATI_TEX_STYLE_BOLD);
  g_assert_cmpint (CHILD (root, 6)->style, ==, SHUATI_TEX_STYLE_ROMAN);
  g_assert_cmpuint (shuati_tex_node_get_n_children (CHILD (CHILD (root, 6), 0)), ==, 7);
  assert_symbol (CHILD (CHILD (root, 7), 0), "ℝ", SHUATI_TEX_CLASS_ORD);
  assert_symbol (CHILD (CHILD (root, 8), 0), "ℒ", SHUATI_TEX_CLASS_ORD);
}

static void
test_parse_matrix (void)
{
  static const struct { const char *env; const char *left; const char *right; } cases[] = {
    { "bmatrix", "[", "]" }, { "pmatrix", "(", ")" }, { "matrix", "", "" },
    { "vmatrix", "|", "|" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tex = g_strdup_printf ("\\begin{%s} a & b & c \\\\ d & e \\\\ \\end{%s}",
                                              cases[i].env, cases[i].env);
      g_autoptr(ShuatiTexNode) root = parse_one (tex);
      const ShuatiTexNode *matrix = CHILD (root, 0);

      g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 1);
      g_assert_cmpint (matrix->kind, ==, SHUATI_TEX_MATRIX);
      g_assert_cmpstr (matrix->text, ==, cases[i].left);
      g_assert_cmpstr (matrix->text2, ==, cases[i].right);
      /* The trailing \\ makes no row; the short row is filled. */
      g_assert_cmpuint (matrix->n_rows, ==, 2);
      g_assert_cmpuint (matrix->n_cols, ==, 3);
      g_assert_cmpuint (shuati_tex_node_get_n_children (matrix), ==, 6);
      assert_symbol (CHILD (CHILD (matrix, 3), 0), "d", SHUATI_TEX_CLASS_VAR);
      g_assert_cmpuint (shuati_tex_node_get_n_children (CHILD (matrix, 5)), ==, 0);
    }
}

/* What is not understood is kept as its source in an unknown node, and
 * what follows still parses. */
static void
test_parse_unknown (void)
{
  g_autoptr(ShuatiTexNode) root = shuati_tex_parse ("a \\foo{b} \\begin{weird} c \\end{weird} \\right) } & \\\\ \\");
  const ShuatiTexNode *unknown = CHILD (root, 1);

  g_assert_true (shuati_tex_has_unknown (root));
  g_assert_cmpint (unknown->kind, ==, SHUATI_TEX_UNKNOWN);
  g_assert_cmpstr (unknown->text, ==, "\\foo");
  /* {b} still shows. */
  assert_symbol (CHILD (CHILD (root, 2), 0), "b", SHUATI_TEX_CLASS_VAR);
  /* An unknown environment is named, and its cells still show. */
  g_assert_cmpint (CHILD (root, 3)->kind, ==, SHUATI_TEX_ROW);
  g_assert_cmpstr (CHILD (CHILD (root, 3), 0)->text, ==, "\\begin{weird}");
  g_assert_cmpint (CHILD (CHILD (root, 3), 1)->kind, ==, SHUATI_TEX_MATRIX);
  g_assert_cmpstr (CHILD (root, 4)->text, ==, "\\right)");
  g_assert_cmpstr (CHILD (root, 5)->text, ==, "}");
  g_assert_cmpstr (CHILD (root, 6)->text, ==, "&");
  g_assert_cmpstr (CHILD (root, 7)->text, ==, "\\\\");
  g_assert_cmpstr (CHILD (root, 8)->text, ==, "\\");
  g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 9);
}

/* Missing closing braces, \right and \end are supplied. */
static void
test_parse_unbalanced (void)
{
  static const char * const inputs[] = {
    "\\frac{a", "\\frac", "x^", "x_{", "\\sqrt[3", "\\left( x", "\\left",
    "\\begin{bmatrix} a & b", "\\begin{", "{{{{", "\\text{abc", "^_^_", "\\hat",
    "\\left( \\begin{pmatrix} a \\right)", "x^{a}^{b}_c_d", "\\mathbb{", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(ShuatiTexNode) root = shuati_tex_parse (inputs[i]);
      g_autofree char *markup = shuati_tex_to_pango (inputs[i]);

      g_assert_cmpint (root->kind, ==, SHUATI_TEX_ROW);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
    }

  {
    g_autoptr(ShuatiTexNode) root = shuati_tex_parse ("\\left( x");
    const ShuatiTexNode *fenced = CHILD (root, 0);

    g_assert_cmpstr (fenced->text, ==, "(");
    g_assert_cmpstr (fenced->text2, ==, "");
  }
}

/* Depth, length and size are bounded: the rest shows as source. */
static void
test_parse_limits_on_size (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) sqrts = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GString) stacked = g_string_new ("x");
  g_autoptr(ShuatiTexNode) root = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append (deep, "{x^");
  root = shuati_tex_parse (deep->str);
  g_assert_true (shuati_tex_has_unknown (root));
  g_clear_pointer (&root, shuati_tex_node_free);

  for (int i = 0; i < 1000; i++)
    g_string_append (sqrts, "\\sqrt");
  root = shuati_tex_parse (sqrts->str);
  g_assert_true (shuati_tex_has_unknown (root));
  g_clear_pointer (&root, shuati_tex_node_free);

  /* Longer than the limit: cut, and marked as cut. */
  for (int i = 0; i < 5000; i++)
    g_string_append (wide, "1");
  root = shuati_tex_parse (wide->str);
  g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 2);
  g_assert_cmpuint (strlen (CHILD (root, 0)->text), ==, SHUATI_TEX_MAX_LENGTH);
  g_assert_cmpstr (CHILD (root, 1)->text, ==, "…");
  g_clear_pointer (&root, shuati_tex_node_free);

  /* More parts than the limit: the rest is one unknown node. */
  g_string_truncate (wide, 0);
  for (int i = 0; i < 3000; i++)
    g_string_append (wide, "a");
  root = shuati_tex_parse (wide->str);
  g_assert_cmpuint (shuati_tex_node_get_n_children (root), <=, SHUATI_TEX_MAX_NODES);
  g_assert_cmpint (CHILD (root, shuati_tex_node_get_n_children (root) - 1)->kind, ==, SHUATI_TEX_UNKNOWN);
  g_clear_pointer (&root, shuati_tex_node_free);

  for (int i = 0; i < 200; i++)
    g_string_append (stacked, "^a");
  root = shuati_tex_parse (stacked->str);
  g_assert_false (shuati_tex_has_unknown (root));
  g_assert_cmpuint (shuati_tex_node_get_n_children (root), >, 1);
  g_clear_pointer (&root, shuati_tex_node_free);

  g_string_truncate (wide, 0);
  for (int i = 0; i < 1000; i++)
    g_string_append (wide, "\\frac");
  root = shuati_tex_parse (wide->str);
  g_assert_true (shuati_tex_has_unknown (root));
  g_clear_pointer (&root, shuati_tex_node_free);

  /* Many one-cell rows and one long row: filling the grid would take
   * rows × columns empty cells, so the matrix shows as its source. */
  g_string_assign (wide, "\\begin{matrix}");
  for (int i = 0; i < 300; i++)
    g_string_append (wide, "a\\\\");
  for (int i = 0; i < 300; i++)
    g_string_append (wide, "b&");
  g_string_append (wide, "\\end{matrix}");
  root = shuati_tex_parse (wide->str);
  g_assert_cmpuint (shuati_tex_node_get_n_children (root), ==, 1);
  g_assert_cmpint (CHILD (root, 0)->kind, ==, SHUATI_TEX_UNKNOWN);
  g_assert_true (g_str_has_prefix (CHILD (root, 0)->text, "\\begin{matrix}a\\\\"));
  g_assert_true (g_str_has_suffix (CHILD (root, 0)->text, "b&\\end{matrix}"));
  g_clear_pointer (&root, shuati_tex_node_free);

  /* A ragged matrix within the limit keeps its grid. */
  root = shuati_tex_parse ("\\begin{matrix}a\\\\b&c&d\\end{matrix}");
  g_assert_cmpint (CHILD (root, 0)->kind, ==, SHUATI_TEX_MATRIX);
  g_assert_cmpuint (CHILD (root, 0)->n_rows, ==, 2);
  g_assert_cmpuint (CHILD (root, 0)->n_cols, ==, 3);
}

static void
assert_pango (const char *tex,
              const char *expected)
{
  g_autofree char *markup = shuati_tex_to_pango (tex);
  g_autoptr(GError) error = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (markup, ==, expected);
}

static void
test_to_pango (void)
{
  assert_pango ("x_i^2", "<i>x</i><sub><i>i</i></sub><sup>2</sup>");
  assert_pango ("\\alpha \\le \\beta", "<i>α</i>" MED "≤" MED "<i>β</i>");
  assert_pango ("-a + b", "−<i>a</i>" MED "+" MED "<i>b</i>");
  assert_pango ("\\frac{a}{b}", "<i>a</i>/<i>b</i>");
  assert_pango ("\\frac{a+b}{cd}", "(<i>a</i>" MED "+" MED "<i>b</i>)/(<i>c</i><i>d</i>)");
  assert_pango ("\\frac{QK^\\top}{\\sqrt{d_k}}", "<i>Q</i><i>K</i><sup>⊤</sup>/√<i>d</i><sub><i>k</i></sub>");
  assert_pango ("\\sqrt{x+1}", "√(<i>x</i>" MED "+" MED "1)");
  assert_pango ("\\sqrt[3]{x}", "<sup>3</sup>√<i>x</i>");
  assert_pango ("\\hat{y}", "<i>y\xcc\x82</i>"); /* y and U+0302 */
  assert_pango ("\\mathrm{softmax}(x)", "softmax(<i>x</i>)");
  assert_pango ("\\mathbf{W}", "<b>W</b>");
  assert_pango ("\\log x", "log" THIN "<i>x</i>");
  assert_pango ("\\left( x \\right]", "(<i>x</i>]");
  assert_pango ("\\begin{bmatrix}a&b\\\\c&d\\end{bmatrix}", "[<i>a</i> <i>b</i>; <i>c</i> <i>d</i>]");
  assert_pango ("\\foo", "<span foreground=\"#e66100\">\\foo</span>");
  /* Nothing in the source becomes markup. */
  assert_pango ("\\text{<i>&amp;}", "&lt;i&gt;&amp;amp;");
}

static void
test_to_pango_escapes (void)
{
  static const char * const inputs[] = {
    "<span foreground='red'>x</span>", "\\text{</i><b>}", "\\operatorname{&lt;}",
    "\\unknown<b>", "a & b", "\"'", "\\left< x \\right>", "\x01\x02\x7f", "\xff\xfe",
    "\\mathbb{<}", "\\begin{<b>}x\\end{<b>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markup = shuati_tex_to_pango (inputs[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strstr (markup, "<b>}"));
      g_assert_null (strstr (markup, "foreground='red'"));
    }
}

static void
test_to_plain (void)
{
  static const struct { const char *tex; const char *plain; } cases[] = {
    { "  \\frac{a}{b}  ", "\\frac{a}{b}" },
    { "a\n\t+  b", "a + b" },
    { "", "" },
    { "   ", "" },
    { "x\xffy", "x\xef\xbf\xbdy" },
    { "a\x01" "b", "a b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = shuati_tex_to_plain (cases[i].tex);

      g_assert_cmpstr (plain, ==, cases[i].plain);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/tex/parse/symbols", test_parse_symbols);
  g_test_add_func ("/shuati/tex/parse/commands", test_parse_commands);
  g_test_add_func ("/shuati/tex/parse/spaces", test_parse_spaces);
  g_test_add_func ("/shuati/tex/parse/scripts", test_parse_scripts);
  g_test_add_func ("/shuati/tex/parse/limits", test_parse_limits);
  g_test_add_func ("/shuati/tex/parse/fraction-root", test_parse_fraction_root);
  g_test_add_func ("/shuati/tex/parse/delimiters", test_parse_delimiters);
  g_test_add_func ("/shuati/tex/parse/accents-styles", test_parse_accents_styles);
  g_test_add_func ("/shuati/tex/parse/matrix", test_parse_matrix);
  g_test_add_func ("/shuati/tex/parse/unknown", test_parse_unknown);
  g_test_add_func ("/shuati/tex/parse/unbalanced", test_parse_unbalanced);
  g_test_add_func ("/shuati/tex/parse/size-limits", test_parse_limits_on_size);
  g_test_add_func ("/shuati/tex/to-pango", test_to_pango);
  g_test_add_func ("/shuati/tex/to-pango/escapes", test_to_pango_escapes);
  g_test_add_func ("/shuati/tex/to-plain", test_to_plain);

  return g_test_run ();
}
