/* shuati-tex.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-tex.h"

/* Where a row ends, besides the end of the input. */
enum
{
  STOP_BRACE   = 1 << 0,  /* } */
  STOP_BRACKET = 1 << 1,  /* ] of \sqrt[n] */
  STOP_RIGHT   = 1 << 2,  /* \right */
  STOP_CELL    = 1 << 3,  /* & \\ \end of a matrix */
};

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  guint       n_nodes;
} Parser;

typedef struct
{
  const char     *name;
  const char     *text;
  ShuatiTexClass  klass;
  ShuatiTexLimits limits;
} Symbol;

static const Symbol symbols[] = {
  /* Greek: lower case italic, upper case upright, as TeX sets them. */
  { "alpha", "α", SHUATI_TEX_CLASS_VAR }, { "beta", "β", SHUATI_TEX_CLASS_VAR },
  { "gamma", "γ", SHUATI_TEX_CLASS_VAR }, { "delta", "δ", SHUATI_TEX_CLASS_VAR },
  { "epsilon", "ϵ", SHUATI_TEX_CLASS_VAR }, { "varepsilon", "ε", SHUATI_TEX_CLASS_VAR },
  { "zeta", "ζ", SHUATI_TEX_CLASS_VAR }, { "eta", "η", SHUATI_TEX_CLASS_VAR },
  { "theta", "θ", SHUATI_TEX_CLASS_VAR }, { "vartheta", "ϑ", SHUATI_TEX_CLASS_VAR },
  { "iota", "ι", SHUATI_TEX_CLASS_VAR }, { "kappa", "κ", SHUATI_TEX_CLASS_VAR },
  { "lambda", "λ", SHUATI_TEX_CLASS_VAR }, { "mu", "μ", SHUATI_TEX_CLASS_VAR },
  { "nu", "ν", SHUATI_TEX_CLASS_VAR }, { "xi", "ξ", SHUATI_TEX_CLASS_VAR },
  { "omicron", "ο", SHUATI_TEX_CLASS_VAR }, { "pi", "π", SHUATI_TEX_CLASS_VAR },
  { "varpi", "ϖ", SHUATI_TEX_CLASS_VAR }, { "rho", "ρ", SHUATI_TEX_CLASS_VAR },
  { "varrho", "ϱ", SHUATI_TEX_CLASS_VAR }, { "sigma", "σ", SHUATI_TEX_CLASS_VAR },
  { "varsigma", "ς", SHUATI_TEX_CLASS_VAR }, { "tau", "τ", SHUATI_TEX_CLASS_VAR },
  { "upsilon", "υ", SHUATI_TEX_CLASS_VAR }, { "phi", "ϕ", SHUATI_TEX_CLASS_VAR },
  { "varphi", "φ", SHUATI_TEX_CLASS_VAR }, { "chi", "χ", SHUATI_TEX_CLASS_VAR },
  { "psi", "ψ", SHUATI_TEX_CLASS_VAR }, { "omega", "ω", SHUATI_TEX_CLASS_VAR },
  { "Gamma", "Γ" }, { "Delta", "Δ" }, { "Theta", "Θ" }, { "Lambda", "Λ" },
  { "Xi", "Ξ" }, { "Pi", "Π" }, { "Sigma", "Σ" }, { "Upsilon", "Υ" },
  { "Phi", "Φ" }, { "Psi", "Ψ" }, { "Omega", "Ω" },

  /* Binary operators. */
  { "cdot", "⋅", SHUATI_TEX_CLASS_BIN }, { "times", "×", SHUATI_TEX_CLASS_BIN },
  { "pm", "±", SHUATI_TEX_CLASS_BIN }, { "mp", "∓", SHUATI_TEX_CLASS_BIN },
  { "div", "÷", SHUATI_TEX_CLASS_BIN }, { "ast", "∗", SHUATI_TEX_CLASS_BIN },
  { "star", "⋆", SHUATI_TEX_CLASS_BIN }, { "circ", "∘", SHUATI_TEX_CLASS_BIN },
  { "bullet", "∙", SHUATI_TEX_CLASS_BIN }, { "oplus", "⊕", SHUATI_TEX_CLASS_BIN },
  { "otimes", "⊗", SHUATI_TEX_CLASS_BIN }, { "odot", "⊙", SHUATI_TEX_CLASS_BIN },
  { "cup", "∪", SHUATI_TEX_CLASS_BIN }, { "cap", "∩", SHUATI_TEX_CLASS_BIN },
  { "setminus", "∖", SHUATI_TEX_CLASS_BIN }, { "wedge", "∧", SHUATI_TEX_CLASS_BIN },
  { "land", "∧", SHUATI_TEX_CLASS_BIN }, { "vee", "∨", SHUATI_TEX_CLASS_BIN },
  { "lor", "∨", SHUATI_TEX_CLASS_BIN },

  /* Relations and arrows. */
  { "le", "≤", SHUATI_TEX_CLASS_REL }, { "leq", "≤", SHUATI_TEX_CLASS_REL },
  { "ge", "≥", SHUATI_TEX_CLASS_REL }, { "geq", "≥", SHUATI_TEX_CLASS_REL },
  { "ne", "≠", SHUATI_TEX_CLASS_REL }, { "neq", "≠", SHUATI_TEX_CLASS_REL },
  { "approx", "≈", SHUATI_TEX_CLASS_REL }, { "sim", "∼", SHUATI_TEX_CLASS_REL },
  { "simeq", "≃", SHUATI_TEX_CLASS_REL }, { "equiv", "≡", SHUATI_TEX_CLASS_REL },
  { "cong", "≅", SHUATI_TEX_CLASS_REL }, { "propto", "∝", SHUATI_TEX_CLASS_REL },
  { "in", "∈", SHUATI_TEX_CLASS_REL }, { "notin", "∉", SHUATI_TEX_CLASS_REL },
  { "ni", "∋", SHUATI_TEX_CLASS_REL }, { "subset", "⊂", SHUATI_TEX_CLASS_REL },
  { "subseteq", "⊆", SHUATI_TEX_CLASS_REL }, { "supset", "⊃", SHUATI_TEX_CLASS_REL },
  { "supseteq", "⊇", SHUATI_TEX_CLASS_REL }, { "to", "→", SHUATI_TEX_CLASS_REL },
  { "rightarrow", "→", SHUATI_TEX_CLASS_REL }, { "leftarrow", "←", SHUATI_TEX_CLASS_REL },
  { "gets", "←", SHUATI_TEX_CLASS_REL }, { "Rightarrow", "⇒", SHUATI_TEX_CLASS_REL },
  { "Leftarrow", "⇐", SHUATI_TEX_CLASS_REL }, { "leftrightarrow", "↔", SHUATI_TEX_CLASS_REL },
  { "Leftrightarrow", "⇔", SHUATI_TEX_CLASS_REL }, { "implies", "⟹", SHUATI_TEX_CLASS_REL },
  { "iff", "⟺", SHUATI_TEX_CLASS_REL }, { "mapsto", "↦", SHUATI_TEX_CLASS_REL },
  { "mid", "∣", SHUATI_TEX_CLASS_REL }, { "ll", "≪", SHUATI_TEX_CLASS_REL },
  { "gg", "≫", SHUATI_TEX_CLASS_REL }, { "perp", "⟂", SHUATI_TEX_CLASS_REL },
  { "parallel", "∥", SHUATI_TEX_CLASS_REL }, { "coloneqq", "≔", SHUATI_TEX_CLASS_REL },
  { "triangleq", "≜", SHUATI_TEX_CLASS_REL }, { "sqsubseteq", "⊑", SHUATI_TEX_CLASS_REL },

  /* Large operators. */
  { "sum", "∑", SHUATI_TEX_CLASS_OP }, { "prod", "∏", SHUATI_TEX_CLASS_OP },
  { "coprod", "∐", SHUATI_TEX_CLASS_OP }, { "bigcup", "⋃", SHUATI_TEX_CLASS_OP },
  { "bigcap", "⋂", SHUATI_TEX_CLASS_OP }, { "bigoplus", "⨁", SHUATI_TEX_CLASS_OP },
  { "bigotimes", "⨂", SHUATI_TEX_CLASS_OP },
  { "int", "∫", SHUATI_TEX_CLASS_OP, SHUATI_TEX_LIMITS_SIDE },
  { "iint", "∬", SHUATI_TEX_CLASS_OP, SHUATI_TEX_LIMITS_SIDE },
  { "iiint", "∭", SHUATI_TEX_CLASS_OP, SHUATI_TEX_LIMITS_SIDE },
  { "oint", "∮", SHUATI_TEX_CLASS_OP, SHUATI_TEX_LIMITS_SIDE },

  /* Named functions: upright; the ones TeX gives limits to have them. */
  { "log", "log", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "ln", "ln", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "lg", "lg", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "exp", "exp", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "sin", "sin", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "cos", "cos", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "tan", "tan", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "sinh", "sinh", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "cosh", "cosh", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "tanh", "tanh", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "arg", "arg", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "dim", "dim", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "ker", "ker", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "deg", "deg", SHUATI_TEX_CLASS_FUNC, SHUATI_TEX_LIMITS_SIDE },
  { "max", "max", SHUATI_TEX_CLASS_FUNC }, { "min", "min", SHUATI_TEX_CLASS_FUNC },
  { "sup", "sup", SHUATI_TEX_CLASS_FUNC }, { "inf", "inf", SHUATI_TEX_CLASS_FUNC },
  { "lim", "lim", SHUATI_TEX_CLASS_FUNC }, { "det", "det", SHUATI_TEX_CLASS_FUNC },
  { "Pr", "Pr", SHUATI_TEX_CLASS_FUNC }, { "gcd", "gcd", SHUATI_TEX_CLASS_FUNC },
  { "argmax", "arg max", SHUATI_TEX_CLASS_FUNC },
  { "argmin", "arg min", SHUATI_TEX_CLASS_FUNC },

  /* Ordinary symbols. */
  { "partial", "∂" }, { "nabla", "∇" }, { "infty", "∞" }, { "forall", "∀" },
  { "exists", "∃" }, { "emptyset", "∅" }, { "varnothing", "∅" }, { "top", "⊤" },
  { "bot", "⊥" }, { "ell", "ℓ" }, { "hbar", "ℏ" }, { "Re", "ℜ" }, { "Im", "ℑ" },
  { "aleph", "ℵ" }, { "prime", "′" }, { "ldots", "…" }, { "dots", "…" },
  { "cdots", "⋯" }, { "vdots", "⋮" }, { "ddots", "⋱" }, { "angle", "∠" },
  { "neg", "¬" }, { "lnot", "¬" }, { "vert", "|" }, { "Vert", "‖" }, { "|", "‖" },
  { "backslash", "∖" }, { "%", "%" }, { "$", "$" }, { "#", "#" }, { "&", "&" },
  { "_", "_" }, { "checkmark", "✓" }, { "dagger", "†" }, { "S", "§" },
  { "{", "{", SHUATI_TEX_CLASS_OPEN }, { "}", "}", SHUATI_TEX_CLASS_CLOSE },
  { "lbrace", "{", SHUATI_TEX_CLASS_OPEN }, { "rbrace", "}", SHUATI_TEX_CLASS_CLOSE },
  { "langle", "⟨", SHUATI_TEX_CLASS_OPEN }, { "rangle", "⟩", SHUATI_TEX_CLASS_CLOSE },
  { "lceil", "⌈", SHUATI_TEX_CLASS_OPEN }, { "rceil", "⌉", SHUATI_TEX_CLASS_CLOSE },
  { "lfloor", "⌊", SHUATI_TEX_CLASS_OPEN }, { "rfloor", "⌋", SHUATI_TEX_CLASS_CLOSE },
  { "lvert", "|", SHUATI_TEX_CLASS_OPEN }, { "rvert", "|", SHUATI_TEX_CLASS_CLOSE },
  { "lVert", "‖", SHUATI_TEX_CLASS_OPEN }, { "rVert", "‖", SHUATI_TEX_CLASS_CLOSE },
};

typedef struct
{
  const char *name;
  double      em;
} Space;

static const Space spaces[] = {
  { ",", 3.0 / 18 }, { "thinspace", 3.0 / 18 }, { ":", 4.0 / 18 }, { ">", 4.0 / 18 },
  { "medspace", 4.0 / 18 }, { ";", 5.0 / 18 }, { "thickspace", 5.0 / 18 },
  { "!", -3.0 / 18 }, { "negthinspace", -3.0 / 18 }, { " ", 1.0 / 3 },
  { "quad", 1.0 }, { "qquad", 2.0 },
};

/* Commands that change nothing this renderer shows. */
static const char * const ignored[] = {
  "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits",
  "nolimits", "hline", "nonumber", "notag", "middle",
};

typedef struct
{
  const char *name;
  const char *left;
  const char *right;
} Environment;

static const Environment environments[] = {
  { "matrix", "", "" }, { "smallmatrix", "", "" }, { "pmatrix", "(", ")" },
  { "bmatrix", "[", "]" }, { "Bmatrix", "{", "}" }, { "vmatrix", "|", "|" },
  { "Vmatrix", "‖", "‖" }, { "cases", "{", "" }, { "array", "", "" },
  { "aligned", "", "" }, { "align", "", "" }, { "align*", "", "" },
  { "gathered", "", "" }, { "split", "", "" },
};

static ShuatiTexNode *parse_row (Parser *parser, guint stops);

static ShuatiTexNode *
node_new (Parser        *parser,
          ShuatiTexKind  kind)
{
  ShuatiTexNode *node = g_new0 (ShuatiTexNode, 1);

  node->kind = kind;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_tex_node_free);
  parser->n_nodes++;
  return node;
}

static ShuatiTexNode *
symbol_new (Parser         *parser,
            const char     *text,
            gssize          length,
            ShuatiTexClass  klass)
{
  ShuatiTexNode *node = node_new (parser, SHUATI_TEX_SYMBOL);

  node->text = length < 0 ? g_strdup (text) : g_strndup (text, length);
  node->klass = klass;
  return node;
}

static ShuatiTexNode *
unknown_new (Parser     *parser,
             const char *source,
             gssize      length)
{
  ShuatiTexNode *node = node_new (parser, SHUATI_TEX_UNKNOWN);

  node->text = length < 0 ? g_strdup (source) : g_strndup (source, length);
  return node;
}

/* Too deep or too many parts: the rest shows as its source. */
static ShuatiTexNode *
rest_as_unknown (Parser *parser)
{
  ShuatiTexNode *node = unknown_new (parser, parser->p, parser->end - parser->p);

  parser->p = parser->end;
  return node;
}

static ShuatiTexNode *
empty_row (Parser *parser)
{
  return node_new (parser, SHUATI_TEX_ROW);
}

void
shuati_tex_node_free (ShuatiTexNode *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_free (node->text2);
  g_ptr_array_unref (node->children);
  g_free (node);
}

/**
 * shuati_tex_node_get_child:
 * @node: a node
 * @index: which child
 *
 * Returns: (transfer none) (nullable): the child, %NULL when there is no
 *   such child or the slot is empty (a missing subscript)
 */
ShuatiTexNode *
shuati_tex_node_get_child (const ShuatiTexNode *node,
                           guint                index)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (index >= node->children->len)
    return NULL;
  return g_ptr_array_index (node->children, index);
}

guint
shuati_tex_node_get_n_children (const ShuatiTexNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->children->len;
}

/**
 * shuati_tex_has_unknown:
 * @node: a parsed formula
 *
 * Returns: whether any part of @node was not understood
 */
gboolean
shuati_tex_has_unknown (const ShuatiTexNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  if (node->kind == SHUATI_TEX_UNKNOWN)
    return TRUE;
  for (guint i = 0; i < node->children->len; i++)
    {
      const ShuatiTexNode *child = g_ptr_array_index (node->children, i);

      if (child != NULL && shuati_tex_has_unknown (child))
        return TRUE;
    }
  return FALSE;
}

static inline gboolean
at_end (Parser *parser)
{
  return parser->p >= parser->end;
}

static void
skip_space (Parser *parser)
{
  while (!at_end (parser) && g_ascii_isspace (*parser->p))
    parser->p++;
}

static inline gboolean
is_letter (char c)
{
  return g_ascii_isalpha (c);
}

/* Looks at the command at the cursor without moving: its name (letters,
 * or one other character) and where it ends. */
static gboolean
peek_command (Parser      *parser,
              const char **name,
              gsize       *length)
{
  const char *p = parser->p;

  if (at_end (parser) || *p != '\\' || p + 1 >= parser->end)
    return FALSE;
  p++;
  *name = p;
  if (is_letter (*p))
    {
      while (p < parser->end && is_letter (*p))
        p++;
      *length = p - *name;
    }
  else
    *length = g_utf8_next_char (p) - p;
  if (*name + *length > parser->end)
    *length = parser->end - *name;
  return TRUE;
}

static gboolean
command_is (const char *name,
            gsize       length,
            const char *what)
{
  return strlen (what) == length && strncmp (name, what, length) == 0;
}

static gboolean
at_command (Parser     *parser,
            const char *what)
{
  const char *name;
  gsize length;

  return peek_command (parser, &name, &length) && command_is (name, length, what);
}

/* The text of a {…} argument taken as it is (for \text and \begin):
 * braces balanced, the escapes of single characters resolved, runs of
 * white space made one space. Without a brace, the next character. */
static char *
read_raw_argument (Parser *parser)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  skip_space (parser);
  if (at_end (parser))
    return g_string_free (out, FALSE);
  if (*parser->p != '{')
    {
      const char *next = g_utf8_next_char (parser->p);

      if (*parser->p == '}' || *parser->p == '\\')
        return g_string_free (out, FALSE);
      g_string_append_len (out, parser->p, MIN (next, parser->end) - parser->p);
      parser->p = MIN (next, parser->end);
      return g_string_free (out, FALSE);
    }
  parser->p++;
  while (!at_end (parser))
    {
      char c = *parser->p;

      if (c == '\\' && parser->p + 1 < parser->end && !is_letter (parser->p[1]))
        {
          const char *next = g_utf8_next_char (parser->p + 1);
          char escaped = parser->p[1];

          /* \, \; \: \> and "\ " are spaces, \! takes one away. */
          if (escaped == ',' || escaped == ';' || escaped == ':' || escaped == '>' || escaped == ' ')
            {
              if (out->len == 0 || out->str[out->len - 1] != ' ')
                g_string_append_c (out, ' ');
            }
          else if (escaped != '!')
            g_string_append_len (out, parser->p + 1, MIN (next, parser->end) - (parser->p + 1));
          parser->p = MIN (next, parser->end);
          continue;
        }
      if (c == '{')
        depth++;
      else if (c == '}')
        {
          if (depth == 0)
            {
              parser->p++;
              break;
            }
          depth--;
        }
      if (g_ascii_isspace (c))
        {
          if (out->len == 0 || out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, c);
      parser->p++;
    }
  return g_string_free (out, FALSE);
}

/* A delimiter after \left, \right or \big: its text, "" for ".", or
 * %NULL (nothing consumed) when what follows is not one. */
static const char *
parse_delimiter (Parser *parser)
{
  static const struct { const char *source; const char *text; } delimiters[] = {
    { "(", "(" }, { ")", ")" }, { "[", "[" }, { "]", "]" }, { "|", "|" },
    { "/", "/" }, { ".", "" }, { "<", "⟨" }, { ">", "⟩" },
    { "\\{", "{" }, { "\\}", "}" }, { "\\|", "‖" }, { "\\lbrace", "{" },
    { "\\rbrace", "}" }, { "\\langle", "⟨" }, { "\\rangle", "⟩" },
    { "\\lvert", "|" }, { "\\rvert", "|" }, { "\\lVert", "‖" },
    { "\\rVert", "‖" }, { "\\vert", "|" }, { "\\Vert", "‖" },
    { "\\lceil", "⌈" }, { "\\rceil", "⌉" }, { "\\lfloor", "⌊" },
    { "\\rfloor", "⌋" }, { "\\backslash", "∖" },
  };

  skip_space (parser);
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      gsize length = strlen (delimiters[i].source);

      if ((gsize) (parser->end - parser->p) >= length &&
          strncmp (parser->p, delimiters[i].source, length) == 0 &&
          /* \langle, not \langlefoo */
          (delimiters[i].source[0] != '\\' || !is_letter (delimiters[i].source[1]) ||
           parser->p + length >= parser->end || !is_letter (parser->p[length])))
        {
          parser->p += length;
          return delimiters[i].text;
        }
    }
  return NULL;
}

static ShuatiTexNode *
parse_group (Parser *parser)
{
  ShuatiTexNode *row;

  g_assert (*parser->p == '{');
  parser->p++;
  row = parse_row (parser, STOP_BRACE);
  if (!at_end (parser) && *parser->p == '}')
    parser->p++;
  return row;
}

static ShuatiTexNode *parse_command (Parser *parser, guint stops);
static ShuatiTexNode *parse_atom (Parser *parser, guint stops, gboolean single);

/* The argument of a command or a script: a group, a command or one
 * character; an empty row when there is none. */
static ShuatiTexNode *
parse_argument (Parser *parser)
{
  ShuatiTexNode *node = NULL;

  skip_space (parser);
  while (node == NULL)
    {
      if (at_end (parser) || *parser->p == '}' || *parser->p == '&' ||
          *parser->p == '^' || *parser->p == '_' ||
          at_command (parser, "right") || at_command (parser, "end") ||
          at_command (parser, "\\"))
        return empty_row (parser);
      node = parse_atom (parser, 0, TRUE);
      skip_space (parser);
    }
  return node;
}

static ShuatiTexNode *
styled_argument (Parser         *parser,
                 ShuatiTexStyle  style)
{
  ShuatiTexNode *node = node_new (parser, SHUATI_TEX_STYLE);

  node->style = style;
  g_ptr_array_add (node->children, parse_argument (parser));
  return node;
}

/* \mathbb and \mathcal letters, as Unicode has them. */
static ShuatiTexNode *
alphabet_argument (Parser  *parser,
                   gboolean blackboard)
{
  static const char * const bb[26] = {
    "𝔸", "𝔹", "ℂ", "𝔻", "𝔼", "𝔽", "𝔾", "ℍ", "𝕀", "𝕁", "𝕂", "𝕃", "𝕄",
    "ℕ", "𝕆", "ℙ", "ℚ", "ℝ", "𝕊", "𝕋", "𝕌", "𝕍", "𝕎", "𝕏", "𝕐", "ℤ",
  };
  static const char * const cal[26] = {
    "𝒜", "ℬ", "𝒞", "𝒟", "ℰ", "ℱ", "𝒢", "ℋ", "ℐ", "𝒥", "𝒦", "ℒ", "ℳ",
    "𝒩", "𝒪", "𝒫", "𝒬", "ℛ", "𝒮", "𝒯", "𝒰", "𝒱", "𝒲", "𝒳", "𝒴", "𝒵",
  };
  g_autofree char *raw = read_raw_argument (parser);
  ShuatiTexNode *row = empty_row (parser);

  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p >= 'A' && *p <= 'Z')
        g_ptr_array_add (row->children,
                         symbol_new (parser, (blackboard ? bb : cal)[*p - 'A'], -1,
                                     SHUATI_TEX_CLASS_ORD));
      else if (!g_ascii_isspace (*p))
        g_ptr_array_add (row->children,
                         symbol_new (parser, p, g_utf8_next_char (p) - p,
                                     is_letter (*p) ? SHUATI_TEX_CLASS_VAR : SHUATI_TEX_CLASS_ORD));
    }
  return row;
}

static ShuatiTexNode *
parse_environment (Parser     *parser,
                   const char *start)
{
  g_autofree char *name = read_raw_argument (parser);
  const Environment *environment = NULL;
  ShuatiTexNode *matrix;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row;
  guint n_cols = 0;
  guint64 n_padding = 0;

  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    if (g_str_equal (name, environments[i].name))
      environment = &environments[i];

  /* The column specification of an array: the cells show it well enough. */
  if (environment != NULL && g_str_equal (name, "array"))
    g_free (read_raw_argument (parser));

  matrix = node_new (parser, SHUATI_TEX_MATRIX);
  matrix->text = g_strdup (environment ? environment->left : "");
  matrix->text2 = g_strdup (environment ? environment->right : "");
  matrix->left_aligned = environment != NULL && g_str_equal (name, "cases");

  row = g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_tex_node_free);
  g_ptr_array_add (rows, row);
  for (;;)
    {
      g_ptr_array_add (row, parse_row (parser, STOP_CELL | STOP_BRACE));
      if (at_end (parser))
        break;
      if (*parser->p == '&')
        {
          parser->p++;
          continue;
        }
      if (at_command (parser, "\\"))
        {
          parser->p += 2;
          /* \\[4pt]: the extra space is not kept. */
          skip_space (parser);
          if (!at_end (parser) && *parser->p == '[')
            {
              const char *close = memchr (parser->p, ']', parser->end - parser->p);

              if (close != NULL && close - parser->p < 16)
                parser->p = close + 1;
            }
          row = g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_tex_node_free);
          g_ptr_array_add (rows, row);
          continue;
        }
      if (at_command (parser, "end"))
        {
          parser->p += 4;
          g_free (read_raw_argument (parser));
        }
      /* \end, or a } that closes an enclosing group: the matrix ends. */
      break;
    }

  /* A \\ before \end makes no last row. */
  if (rows->len > 1)
    {
      GPtrArray *last = g_ptr_array_index (rows, rows->len - 1);
      ShuatiTexNode *cell = g_ptr_array_index (last, 0);

      if (last->len == 1 && cell->children->len == 0)
        g_ptr_array_set_size (rows, rows->len - 1);
    }

  for (guint i = 0; i < rows->len; i++)
    n_cols = MAX (n_cols, ((GPtrArray *) g_ptr_array_index (rows, i))->len);

  /* Short rows get empty cells to fill the grid. One long row under many
   * short ones would need rows × columns of them: past the node limit the
   * whole environment shows as its source. */
  for (guint i = 0; i < rows->len; i++)
    n_padding += n_cols - ((GPtrArray *) g_ptr_array_index (rows, i))->len;
  if (parser->n_nodes + n_padding > SHUATI_TEX_MAX_NODES)
    {
      shuati_tex_node_free (matrix);
      return unknown_new (parser, start, parser->p - start);
    }

  matrix->n_rows = rows->len;
  matrix->n_cols = n_cols;
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, i);

      for (guint j = 0; j < n_cols; j++)
        g_ptr_array_add (matrix->children,
                         j < cells->len ? g_steal_pointer (&cells->pdata[j]) : empty_row (parser));
    }

  if (environment == NULL)
    {
      ShuatiTexNode *row_node = empty_row (parser);
      g_autofree char *source = g_strdup_printf ("\\begin{%s}", name);

      g_ptr_array_add (row_node->children, unknown_new (parser, source, -1));
      g_ptr_array_add (row_node->children, matrix);
      return row_node;
    }
  return matrix;
}

static ShuatiTexNode *
parse_left (Parser *parser,
            guint   stops)
{
  ShuatiTexNode *node = node_new (parser, SHUATI_TEX_FENCED);
  const char *left = parse_delimiter (parser);
  const char *right = NULL;

  node->text = g_strdup (left ? left : "");
  g_ptr_array_add (node->children,
                   parse_row (parser, STOP_RIGHT | STOP_BRACE | (stops & STOP_CELL)));
  if (at_command (parser, "right"))
    {
      parser->p += strlen ("\\right");
      right = parse_delimiter (parser);
    }
  node->text2 = g_strdup (right ? right : "");
  return node;
}

static ShuatiTexNode *
parse_command (Parser *parser,
               guint   stops)
{
  const char *name;
  gsize length;
  const char *start = parser->p;

  if (!peek_command (parser, &name, &length))
    {
      /* A backslash at the very end. */
      parser->p = parser->end;
      return unknown_new (parser, start, parser->end - start);
    }
  parser->p = name + length;

#define IS(what) command_is (name, length, what)

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (IS (symbols[i].name))
      {
        ShuatiTexNode *node = symbol_new (parser, symbols[i].text, -1, symbols[i].klass);

        node->limits = symbols[i].limits;
        return node;
      }
  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    if (IS (spaces[i].name))
      {
        ShuatiTexNode *node = node_new (parser, SHUATI_TEX_SPACE);

        node->space = spaces[i].em;
        return node;
      }
  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    if (IS (ignored[i]))
      return NULL;

  if (IS ("frac") || IS ("dfrac") || IS ("tfrac") || IS ("cfrac") ||
      IS ("binom") || IS ("dbinom") || IS ("tbinom"))
    {
      ShuatiTexNode *node = node_new (parser, SHUATI_TEX_FRAC);

      node->no_bar = g_strstr_len (name, length, "binom") != NULL;
      g_ptr_array_add (node->children, parse_argument (parser));
      g_ptr_array_add (node->children, parse_argument (parser));
      return node;
    }
  if (IS ("sqrt"))
    {
      ShuatiTexNode *node = node_new (parser, SHUATI_TEX_SQRT);
      ShuatiTexNode *index = NULL;

      skip_space (parser);
      if (!at_end (parser) && *parser->p == '[')
        {
          parser->p++;
          index = parse_row (parser, STOP_BRACKET | STOP_BRACE);
          if (!at_end (parser) && *parser->p == ']')
            parser->p++;
        }
      g_ptr_array_add (node->children, parse_argument (parser));
      g_ptr_array_add (node->children, index);
      return node;
    }
  if (IS ("left"))
    return parse_left (parser, stops);
  if (IS ("big") || IS ("Big") || IS ("bigg") || IS ("Bigg") ||
      IS ("bigl") || IS ("Bigl") || IS ("biggl") || IS ("Biggl") ||
      IS ("bigr") || IS ("Bigr") || IS ("biggr") || IS ("Biggr") ||
      IS ("bigm") || IS ("Bigm"))
    {
      const char *delimiter = parse_delimiter (parser);
      ShuatiTexClass klass = name[length - 1] == 'r' ? SHUATI_TEX_CLASS_CLOSE : SHUATI_TEX_CLASS_OPEN;

      if (delimiter == NULL)
        return unknown_new (parser, start, parser->p - start);
      return symbol_new (parser, delimiter, -1, klass);
    }
  if (IS ("hat") || IS ("widehat") || IS ("tilde") || IS ("widetilde") ||
      IS ("bar") || IS ("overline") || IS ("vec") || IS ("overrightarrow") ||
      IS ("dot") || IS ("ddot"))
    {
      ShuatiTexNode *node = node_new (parser, SHUATI_TEX_ACCENT);

      if (IS ("hat") || IS ("widehat"))
        node->accent = SHUATI_TEX_ACCENT_HAT;
      else if (IS ("tilde") || IS ("widetilde"))
        node->accent = SHUATI_TEX_ACCENT_TILDE;
      else if (IS ("bar") || IS ("overline"))
        node->accent = SHUATI_TEX_ACCENT_BAR;
      else if (IS ("vec") || IS ("overrightarrow"))
        node->accent = SHUATI_TEX_ACCENT_VEC;
      else if (IS ("dot"))
        node->accent = SHUATI_TEX_ACCENT_DOT;
      else
        node->accent = SHUATI_TEX_ACCENT_DDOT;
      g_ptr_array_add (node->children, parse_argument (parser));
      return node;
    }
  if (IS ("mathbf") || IS ("boldsymbol") || IS ("bm") || IS ("textbf"))
    return styled_argument (parser, SHUATI_TEX_STYLE_BOLD);
  if (IS ("mathrm") || IS ("mathsf") || IS ("mathtt") || IS ("rm"))
    return styled_argument (parser, SHUATI_TEX_STYLE_ROMAN);
  if (IS ("mathit") || IS ("textit"))
    return styled_argument (parser, SHUATI_TEX_STYLE_ITALIC);
  if (IS ("mathbb") || IS ("mathcal"))
    return alphabet_argument (parser, IS ("mathbb"));
  if (IS ("text") || IS ("textrm") || IS ("mbox") || IS ("textnormal") || IS ("operatorname"))
    {
      gboolean function = IS ("operatorname");
      ShuatiTexLimits limits = SHUATI_TEX_LIMITS_SIDE;
      g_autofree char *raw = NULL;

      if (function && !at_end (parser) && *parser->p == '*')
        {
          parser->p++;
          limits = SHUATI_TEX_LIMITS_AUTO;
        }
      raw = read_raw_argument (parser);
      if (function)
        {
          ShuatiTexNode *node = symbol_new (parser, g_strstrip (raw), -1, SHUATI_TEX_CLASS_FUNC);

          node->limits = limits;
          return node;
        }
      return symbol_new (parser, raw, -1, SHUATI_TEX_CLASS_TEXT);
    }
  if (IS ("underset") || IS ("overset") || IS ("stackrel"))
    {
      ShuatiTexNode *node = node_new (parser, SHUATI_TEX_SCRIPTS);
      ShuatiTexNode *script = parse_argument (parser);

      node->limits = SHUATI_TEX_LIMITS_ABOVE;
      g_ptr_array_add (node->children, parse_argument (parser));
      g_ptr_array_add (node->children, IS ("underset") ? script : NULL);
      g_ptr_array_add (node->children, IS ("underset") ? NULL : script);
      return node;
    }
  if (IS ("begin"))
    return parse_environment (parser, start);

#undef IS

  return unknown_new (parser, start, parser->p - start);
}

/* One item of a row, without its scripts; %NULL for what shows nothing.
 * @single: a number as an argument is one digit (x^23 is x², then 3). */
static ShuatiTexNode *
parse_atom_inner (Parser   *parser,
                  guint     stops,
                  gboolean  single)
{
  const char *p = parser->p;
  char c = *p;

  switch (c)
    {
    case '{':
      return parse_group (parser);
    case '\\':
      return parse_command (parser, stops);
    case '+':
      parser->p++;
      return symbol_new (parser, "+", -1, SHUATI_TEX_CLASS_BIN);
    case '-':
      parser->p++;
      return symbol_new (parser, "−", -1, SHUATI_TEX_CLASS_BIN);
    case '*':
      parser->p++;
      return symbol_new (parser, "∗", -1, SHUATI_TEX_CLASS_BIN);
    case '=': case '<': case '>': case ':':
      parser->p++;
      return symbol_new (parser, p, 1, SHUATI_TEX_CLASS_REL);
    case ',': case ';':
      parser->p++;
      return symbol_new (parser, p, 1, SHUATI_TEX_CLASS_PUNCT);
    case '(': case '[':
      parser->p++;
      return symbol_new (parser, p, 1, SHUATI_TEX_CLASS_OPEN);
    case ')': case ']':
      parser->p++;
      return symbol_new (parser, p, 1, SHUATI_TEX_CLASS_CLOSE);
    case '\'':
      parser->p++;
      return symbol_new (parser, "′", -1, SHUATI_TEX_CLASS_ORD);
    case '~':
      {
        ShuatiTexNode *node;

        parser->p++;
        node = node_new (parser, SHUATI_TEX_SPACE);
        node->space = 1.0 / 3;
        return node;
      }
    case '$':
      parser->p++;
      return NULL;
    case '}': case '&':
      /* Only reached where they close nothing. */
      parser->p++;
      return unknown_new (parser, p, 1);
    default:
      break;
    }

  if (is_letter (c))
    {
      parser->p++;
      return symbol_new (parser, p, 1, SHUATI_TEX_CLASS_VAR);
    }
  if (g_ascii_isdigit (c) || (c == '.' && p + 1 < parser->end && g_ascii_isdigit (p[1])))
    {
      const char *q = p + 1;

      if (!single)
        while (q < parser->end && (g_ascii_isdigit (*q) ||
                                   (*q == '.' && q + 1 < parser->end && g_ascii_isdigit (q[1]))))
          q++;
      parser->p = q;
      return symbol_new (parser, p, q - p, SHUATI_TEX_CLASS_ORD);
    }

  /* Any other character, ASCII or not, stands for itself. */
  parser->p = MIN (g_utf8_next_char (p), parser->end);
  return symbol_new (parser, p, parser->p - p, SHUATI_TEX_CLASS_ORD);
}

/* Every nesting goes through here: groups, arguments, \left, cells. */
static ShuatiTexNode *
parse_atom (Parser   *parser,
            guint     stops,
            gboolean  single)
{
  ShuatiTexNode *node;

  if (parser->depth >= SHUATI_TEX_MAX_DEPTH || parser->n_nodes >= SHUATI_TEX_MAX_NODES)
    return rest_as_unknown (parser);
  parser->depth++;
  node = parse_atom_inner (parser, stops, single);
  parser->depth--;
  return node;
}

/* Subscripts and superscripts after @base, and \limits/\nolimits. */
static ShuatiTexNode *
parse_scripts (Parser        *parser,
               ShuatiTexNode *base)
{
  ShuatiTexNode *scripts = NULL;
  guint n_stacked = 0;

  for (;;)
    {
      gboolean super;
      guint slot;

      skip_space (parser);
      if (at_command (parser, "limits") || at_command (parser, "nolimits"))
        {
          gboolean above = at_command (parser, "limits");

          parser->p += above ? strlen ("\\limits") : strlen ("\\nolimits");
          if (base->kind == SHUATI_TEX_SYMBOL)
            base->limits = above ? SHUATI_TEX_LIMITS_ABOVE : SHUATI_TEX_LIMITS_SIDE;
          continue;
        }
      if (at_end (parser) || (*parser->p != '^' && *parser->p != '_'))
        break;
      super = *parser->p == '^';
      slot = super ? 2 : 1;

      /* x^a^b: TeX refuses it; here the second script goes on x^a, up
       * to a point: then the rest starts a new item of the row. */
      if (scripts != NULL && g_ptr_array_index (scripts->children, slot) != NULL)
        {
          if (++n_stacked >= SHUATI_TEX_MAX_DEPTH)
            break;
          base = scripts;
          scripts = NULL;
        }
      parser->p++;
      if (scripts == NULL)
        {
          scripts = node_new (parser, SHUATI_TEX_SCRIPTS);
          g_ptr_array_add (scripts->children, base);
          g_ptr_array_add (scripts->children, NULL);
          g_ptr_array_add (scripts->children, NULL);
          if (base->kind == SHUATI_TEX_SYMBOL)
            scripts->limits = base->limits;
          else if (base->kind == SHUATI_TEX_SCRIPTS)
            scripts->limits = SHUATI_TEX_LIMITS_SIDE;
        }
      scripts->children->pdata[slot] = parse_argument (parser);
    }
  return scripts != NULL ? scripts : base;
}

static ShuatiTexNode *
parse_row (Parser *parser,
           guint   stops)
{
  ShuatiTexNode *row = empty_row (parser);

  for (;;)
    {
      ShuatiTexNode *atom;
      char c;

      skip_space (parser);
      if (at_end (parser))
        break;

      if (parser->n_nodes >= SHUATI_TEX_MAX_NODES)
        {
          g_ptr_array_add (row->children, rest_as_unknown (parser));
          break;
        }

      c = *parser->p;
      if ((c == '}' && (stops & STOP_BRACE)) ||
          (c == ']' && (stops & STOP_BRACKET)) ||
          (c == '&' && (stops & STOP_CELL)) ||
          ((stops & STOP_CELL) && (at_command (parser, "\\") || at_command (parser, "end"))) ||
          ((stops & STOP_RIGHT) && at_command (parser, "right")))
        break;

      if (at_command (parser, "right") || at_command (parser, "end") || at_command (parser, "\\"))
        {
          /* A \right without \left, an \end without \begin, a line break
           * outside a matrix. */
          const char *start = parser->p;
          const char *name;
          gsize length;

          peek_command (parser, &name, &length);
          parser->p = name + length;
          if (command_is (name, length, "right"))
            parse_delimiter (parser);
          else if (command_is (name, length, "end"))
            g_free (read_raw_argument (parser));
          g_ptr_array_add (row->children, unknown_new (parser, start, parser->p - start));
          continue;
        }
      if (c == '^' || c == '_')
        atom = empty_row (parser);
      else
        atom = parse_atom (parser, stops, FALSE);
      if (atom == NULL)
        continue;
      g_ptr_array_add (row->children, parse_scripts (parser, atom));
    }
  return row;
}

/* The input as parsed: valid UTF-8, control characters made spaces. */
static char *
clean_source (const char *tex)
{
  g_autofree char *valid = g_utf8_make_valid (tex, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029)
        g_string_append_c (out, g_ascii_isspace (ch) ? *p : ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/**
 * shuati_tex_parse:
 * @tex: a formula, without its `$` delimiters; invalid UTF-8 is replaced
 *
 * Parses @tex. Nothing is an error: what is not understood becomes a
 * %SHUATI_TEX_UNKNOWN node holding its source, missing closing braces,
 * `\right` and `\end` are supplied, and input beyond
 * %SHUATI_TEX_MAX_LENGTH bytes, %SHUATI_TEX_MAX_DEPTH levels or
 * %SHUATI_TEX_MAX_NODES nodes becomes one unknown node.
 *
 * Returns: (transfer full): a %SHUATI_TEX_ROW
 */
ShuatiTexNode *
shuati_tex_parse (const char *tex)
{
  g_autofree char *source = NULL;
  Parser parser = { 0 };
  ShuatiTexNode *row;
  gsize length;
  gboolean cut = FALSE;

  g_return_val_if_fail (tex != NULL, NULL);

  source = clean_source (tex);
  length = strlen (source);
  if (length > SHUATI_TEX_MAX_LENGTH)
    {
      const char *last = g_utf8_find_prev_char (source, source + SHUATI_TEX_MAX_LENGTH + 1);

      length = last - source;
      cut = TRUE;
    }
  parser.p = source;
  parser.end = source + length;

  row = parse_row (&parser, 0);
  if (cut)
    g_ptr_array_add (row->children, unknown_new (&parser, "…", -1));
  return row;
}

/* Inline rendering as Pango markup. */

#define THIN_SPACE "\xe2\x80\x89"   /* U+2009 */
#define MEDIUM_SPACE "\xe2\x80\x85" /* U+2005, four-per-em */
/* Readable on the light and on the dark background. */
#define WARNING_COLOR "#e66100"

typedef enum
{
  FONT_NORMAL = 0,
  FONT_ROMAN  = 1 << 0,
  FONT_BOLD   = 1 << 1,
  FONT_ITALIC = 1 << 2,
  FONT_SCRIPT = 1 << 3,
} Font;

static void render_node (GString *out, const ShuatiTexNode *node, Font font);

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

/* The class an item has towards its neighbours, for spacing. */
static ShuatiTexClass
item_class (const ShuatiTexNode *node)
{
  switch (node->kind)
    {
    case SHUATI_TEX_SYMBOL:
      return node->klass;
    case SHUATI_TEX_SCRIPTS:
      {
        const ShuatiTexNode *base = g_ptr_array_index (node->children, 0);

        return base != NULL ? item_class (base) : SHUATI_TEX_CLASS_ORD;
      }
    default:
      return SHUATI_TEX_CLASS_ORD;
    }
}

static void
render_symbol (GString             *out,
               const ShuatiTexNode *node,
               Font                 font,
               const char          *combining)
{
  gboolean italic = (font & FONT_ITALIC) ||
                    (node->klass == SHUATI_TEX_CLASS_VAR && !(font & (FONT_ROMAN | FONT_BOLD)));

  if (italic)
    g_string_append (out, "<i>");
  append_escaped (out, node->text);
  if (combining != NULL)
    g_string_append (out, combining);
  if (italic)
    g_string_append (out, "</i>");
}

/* Whether a numerator (@numerator) or denominator needs parentheses
 * when the fraction is written a/b. */
static gboolean
needs_parentheses (const ShuatiTexNode *node,
                   gboolean             numerator)
{
  guint n_items = 0;

  if (node == NULL)
    return FALSE;
  switch (node->kind)
    {
    case SHUATI_TEX_FRAC:
      return TRUE;
    case SHUATI_TEX_STYLE:
      return needs_parentheses (g_ptr_array_index (node->children, 0), TRUE);
    case SHUATI_TEX_ROW:
      for (guint i = 0; i < node->children->len; i++)
        {
          const ShuatiTexNode *child = g_ptr_array_index (node->children, i);
          ShuatiTexClass klass = item_class (child);

          if (child->kind == SHUATI_TEX_SPACE)
            continue;
          if (klass == SHUATI_TEX_CLASS_BIN || klass == SHUATI_TEX_CLASS_REL ||
              klass == SHUATI_TEX_CLASS_PUNCT || child->kind == SHUATI_TEX_FRAC)
            return TRUE;
          n_items++;
        }
      if (n_items == 1)
        {
          for (guint i = 0; i < node->children->len; i++)
            {
              const ShuatiTexNode *child = g_ptr_array_index (node->children, i);

              if (child->kind != SHUATI_TEX_SPACE)
                return needs_parentheses (child, numerator);
            }
        }
      /* ab/c reads right; a/bc does not. */
      return !numerator && n_items > 1;
    default:
      return FALSE;
    }
}

static void
render_parenthesised (GString             *out,
                      const ShuatiTexNode *node,
                      Font                 font,
                      gboolean             parentheses)
{
  if (parentheses)
    g_string_append_c (out, '(');
  if (node != NULL)
    render_node (out, node, font);
  if (parentheses)
    g_string_append_c (out, ')');
}

static void
render_row (GString             *out,
            const ShuatiTexNode *row,
            Font                 font)
{
  ShuatiTexClass previous = SHUATI_TEX_CLASS_OPEN;
  gboolean first = TRUE;

  for (guint i = 0; i < row->children->len; i++)
    {
      const ShuatiTexNode *child = g_ptr_array_index (row->children, i);
      ShuatiTexClass klass = item_class (child);
      gboolean spaced = !(font & FONT_SCRIPT);

      if (child->kind == SHUATI_TEX_SPACE)
        {
          render_node (out, child, font);
          continue;
        }
      /* A minus that starts a row, or follows an operator, is a sign. */
      if (klass == SHUATI_TEX_CLASS_BIN &&
          (first || previous == SHUATI_TEX_CLASS_BIN || previous == SHUATI_TEX_CLASS_REL ||
           previous == SHUATI_TEX_CLASS_OPEN || previous == SHUATI_TEX_CLASS_PUNCT))
        klass = SHUATI_TEX_CLASS_ORD;

      if (spaced && !first)
        {
          if (klass == SHUATI_TEX_CLASS_REL && previous != SHUATI_TEX_CLASS_REL)
            g_string_append (out, MEDIUM_SPACE);
          else if (klass == SHUATI_TEX_CLASS_BIN)
            g_string_append (out, MEDIUM_SPACE);
          else if ((previous == SHUATI_TEX_CLASS_FUNC || previous == SHUATI_TEX_CLASS_OP) &&
                   klass != SHUATI_TEX_CLASS_OPEN && child->kind != SHUATI_TEX_FENCED &&
                   klass != SHUATI_TEX_CLASS_PUNCT && klass != SHUATI_TEX_CLASS_CLOSE)
            g_string_append (out, THIN_SPACE);
        }
      render_node (out, child, font);
      if (spaced)
        {
          if (klass == SHUATI_TEX_CLASS_BIN)
            g_string_append (out, MEDIUM_SPACE);
          else if (klass == SHUATI_TEX_CLASS_REL && i + 1 < row->children->len &&
                   item_class (g_ptr_array_index (row->children, i + 1)) != SHUATI_TEX_CLASS_REL)
            g_string_append (out, MEDIUM_SPACE);
          else if (klass == SHUATI_TEX_CLASS_PUNCT)
            g_string_append (out, THIN_SPACE);
        }
      previous = klass;
      first = FALSE;
    }
}

static const char *
accent_combining (ShuatiTexAccent accent)
{
  switch (accent)
    {
    case SHUATI_TEX_ACCENT_HAT: return "\xcc\x82";   /* U+0302 */
    case SHUATI_TEX_ACCENT_TILDE: return "\xcc\x83"; /* U+0303 */
    case SHUATI_TEX_ACCENT_BAR: return "\xcc\x84";   /* U+0304 */
    case SHUATI_TEX_ACCENT_VEC: return "\xe2\x83\x97"; /* U+20D7 */
    case SHUATI_TEX_ACCENT_DOT: return "\xcc\x87";   /* U+0307 */
    case SHUATI_TEX_ACCENT_DDOT: return "\xcc\x88";  /* U+0308 */
    default: g_assert_not_reached ();
    }
}

static const char *
accent_spacing (ShuatiTexAccent accent)
{
  switch (accent)
    {
    case SHUATI_TEX_ACCENT_HAT: return "ˆ";
    case SHUATI_TEX_ACCENT_TILDE: return "˜";
    case SHUATI_TEX_ACCENT_BAR: return "¯";
    case SHUATI_TEX_ACCENT_VEC: return "→";
    case SHUATI_TEX_ACCENT_DOT: return "˙";
    case SHUATI_TEX_ACCENT_DDOT: return "¨";
    default: g_assert_not_reached ();
    }
}

/* The single one-character symbol @node is, through rows and styles. */
static const ShuatiTexNode *
single_character (const ShuatiTexNode *node,
                  Font                *font)
{
  while (node != NULL)
    {
      if (node->kind == SHUATI_TEX_SYMBOL)
        return g_utf8_strlen (node->text, -1) == 1 ? node : NULL;
      if (node->kind == SHUATI_TEX_STYLE)
        *font |= node->style == SHUATI_TEX_STYLE_BOLD ? FONT_BOLD :
                 node->style == SHUATI_TEX_STYLE_ROMAN ? FONT_ROMAN : FONT_ITALIC;
      else if (node->kind != SHUATI_TEX_ROW)
        return NULL;
      if (node->children->len != 1)
        return NULL;
      node = g_ptr_array_index (node->children, 0);
    }
  return NULL;
}

static void
render_node (GString             *out,
             const ShuatiTexNode *node,
             Font                 font)
{
  switch (node->kind)
    {
    case SHUATI_TEX_ROW:
      render_row (out, node, font);
      break;

    case SHUATI_TEX_SYMBOL:
      render_symbol (out, node, font, NULL);
      break;

    case SHUATI_TEX_STYLE:
      {
        const ShuatiTexNode *body = g_ptr_array_index (node->children, 0);

        if (node->style == SHUATI_TEX_STYLE_BOLD)
          g_string_append (out, "<b>");
        render_node (out, body,
                     font | (node->style == SHUATI_TEX_STYLE_BOLD ? FONT_BOLD :
                             node->style == SHUATI_TEX_STYLE_ROMAN ? FONT_ROMAN : FONT_ITALIC));
        if (node->style == SHUATI_TEX_STYLE_BOLD)
          g_string_append (out, "</b>");
      }
      break;

    case SHUATI_TEX_SCRIPTS:
      {
        const ShuatiTexNode *base = g_ptr_array_index (node->children, 0);
        const ShuatiTexNode *sub = g_ptr_array_index (node->children, 1);
        const ShuatiTexNode *sup = g_ptr_array_index (node->children, 2);

        render_node (out, base, font);
        if (sub != NULL)
          {
            g_string_append (out, "<sub>");
            render_node (out, sub, font | FONT_SCRIPT);
            g_string_append (out, "</sub>");
          }
        if (sup != NULL)
          {
            g_string_append (out, "<sup>");
            render_node (out, sup, font | FONT_SCRIPT);
            g_string_append (out, "</sup>");
          }
      }
      break;

    case SHUATI_TEX_FRAC:
      {
        const ShuatiTexNode *numerator = g_ptr_array_index (node->children, 0);
        const ShuatiTexNode *denominator = g_ptr_array_index (node->children, 1);

        if (node->no_bar)
          {
            /* \binom{n}{k}: the two stacked, in parentheses. */
            g_string_append_c (out, '(');
            render_node (out, numerator, font);
            g_string_append (out, THIN_SPACE);
            render_node (out, denominator, font);
            g_string_append_c (out, ')');
            break;
          }
        render_parenthesised (out, numerator, font, needs_parentheses (numerator, TRUE));
        g_string_append_c (out, '/');
        render_parenthesised (out, denominator, font, needs_parentheses (denominator, FALSE));
      }
      break;

    case SHUATI_TEX_SQRT:
      {
        const ShuatiTexNode *radicand = g_ptr_array_index (node->children, 0);
        const ShuatiTexNode *index = g_ptr_array_index (node->children, 1);
        Font inner_font = 0;
        gboolean simple = single_character (radicand, &inner_font) != NULL ||
                          (radicand->kind == SHUATI_TEX_ROW && radicand->children->len == 1 &&
                           !needs_parentheses (radicand, FALSE));

        if (index != NULL)
          {
            g_string_append (out, "<sup>");
            render_node (out, index, font | FONT_SCRIPT);
            g_string_append (out, "</sup>");
          }
        g_string_append (out, "√");
        render_parenthesised (out, radicand, font, !simple);
      }
      break;

    case SHUATI_TEX_FENCED:
      append_escaped (out, node->text);
      render_node (out, g_ptr_array_index (node->children, 0), font);
      append_escaped (out, node->text2);
      break;

    case SHUATI_TEX_ACCENT:
      {
        const ShuatiTexNode *body = g_ptr_array_index (node->children, 0);
        Font inner = font;
        const ShuatiTexNode *single = single_character (body, &inner);

        if (single != NULL)
          {
            gboolean bold = (inner & FONT_BOLD) && !(font & FONT_BOLD);

            if (bold)
              g_string_append (out, "<b>");
            render_symbol (out, single, inner, accent_combining (node->accent));
            if (bold)
              g_string_append (out, "</b>");
          }
        else if (node->accent == SHUATI_TEX_ACCENT_BAR)
          {
            g_string_append (out, "<span overline=\"single\">");
            render_node (out, body, font);
            g_string_append (out, "</span>");
          }
        else
          {
            render_node (out, body, font);
            g_string_append (out, "<sup>");
            append_escaped (out, accent_spacing (node->accent));
            g_string_append (out, "</sup>");
          }
      }
      break;

    case SHUATI_TEX_MATRIX:
      append_escaped (out, node->text);
      for (guint r = 0; r < node->n_rows; r++)
        {
          if (r > 0)
            g_string_append (out, "; ");
          for (guint c = 0; c < node->n_cols; c++)
            {
              if (c > 0)
                g_string_append_c (out, ' ');
              render_node (out, g_ptr_array_index (node->children, r * node->n_cols + c), font);
            }
        }
      append_escaped (out, node->text2);
      break;

    case SHUATI_TEX_SPACE:
      if (node->space >= 0.9)
        for (double em = node->space; em >= 0.9; em -= 1.0)
          g_string_append (out, "\xe2\x80\x83"); /* U+2003 */
      else if (node->space >= 0.25)
        g_string_append_c (out, ' ');
      else if (node->space > 0)
        g_string_append (out, THIN_SPACE);
      break;

    case SHUATI_TEX_UNKNOWN:
      g_string_append (out, "<span foreground=\"" WARNING_COLOR "\">");
      append_escaped (out, node->text);
      g_string_append (out, "</span>");
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * shuati_tex_to_pango:
 * @tex: a formula, without its `$` delimiters
 *
 * Approximates @tex as inline text: Unicode symbols for Greek letters and
 * operators, `<sub>`/`<sup>` for scripts, italic letters, a/b for
 * fractions with parentheses where they are needed, and what was not
 * understood in a warning colour. Every character of @tex is escaped.
 *
 * Returns: (transfer full): Pango markup, never %NULL
 */
char *
shuati_tex_to_pango (const char *tex)
{
  g_autoptr(ShuatiTexNode) root = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (tex != NULL, g_strdup (""));

  root = shuati_tex_parse (tex);
  render_node (out, root, FONT_NORMAL);
  return g_string_free (out, FALSE);
}

/**
 * shuati_tex_to_plain:
 * @tex: a formula, without its `$` delimiters
 *
 * The source of @tex on one line, for accessible names and snippets:
 * trimmed, each run of white space one space, invalid UTF-8 replaced.
 *
 * Returns: (transfer full): the text, never %NULL
 */
char *
shuati_tex_to_plain (const char *tex)
{
  g_autofree char *source = NULL;
  GString *out;

  g_return_val_if_fail (tex != NULL, g_strdup (""));

  source = clean_source (tex);
  out = g_string_sized_new (strlen (source));
  for (const char *p = source; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
