/* shuati-anki-template.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anki's card templates and the HTML of its fields, reduced to the
 * Markdown Shuati's reader renders. Templates are scanned as text (they
 * are a small language of their own); HTML goes through libxml2's HTML
 * parser and is rebuilt from its tree.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "shuati-anki-package.h"

#define MAX_DEPTH 32

/* Where a line ends in a hard break: two spaces at the line's end once
 * tidied, which both CommonMark and Shuati's light Markdown read as a
 * line break (a backslash would show in the latter). */
#define HARD_BREAK "\x01"

static void
problem (GPtrArray  *problems,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (GPtrArray  *problems,
         const char *format,
         ...)
{
  va_list args;
  char *message;

  if (problems == NULL || problems->len >= 50)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (g_ptr_array_index (problems, i), message))
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (problems, message);
}

/* Cloze deletions ----------------------------------------------------------- */

/* The "}}" that closes the "{{" before @p, skipping nested pairs. */
static const char *
matching_close (const char *p)
{
  guint depth = 1;

  while (*p)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          depth++;
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          if (--depth == 0)
            return p;
          p += 2;
        }
      else
        p++;
    }
  return NULL;
}

static void
render_cloze (GString    *out,
              const char *text,
              gsize       length,
              guint       cloze,
              gboolean    answer,
              gboolean   *found,
              guint       depth)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *open = g_strstr_len (p, end - p, "{{c");
      const char *q;
      const char *close;
      const char *body;
      const char *hint = NULL;
      guint64 number = 0;
      guint inner = 0;

      if (open == NULL)
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, open - p);

      q = open + 3;
      while (q < end && g_ascii_isdigit (*q) && number < 100000)
        number = number * 10 + (*q++ - '0');
      if (q == open + 3 || q + 2 > end || q[0] != ':' || q[1] != ':')
        {
          g_string_append_len (out, open, 3);
          p = open + 3;
          continue;
        }
      body = q + 2;
      close = matching_close (body);
      if (close == NULL || close > end)
        {
          g_string_append_len (out, open, end - open);
          return;
        }

      /* The hint follows the last "::" outside nested clozes. */
      for (const char *s = body; s + 1 < close; s++)
        {
          if (s[0] == '{' && s[1] == '{')
            inner++, s++;
          else if (s[0] == '}' && s[1] == '}' && inner > 0)
            inner--, s++;
          else if (inner == 0 && s[0] == ':' && s[1] == ':')
            hint = s;
        }

      if (number == cloze)
        *found = TRUE;

      if (number == cloze && !answer)
        {
          if (hint != NULL && hint + 2 < close)
            {
              g_string_append (out, "<b>[");
              g_string_append_len (out, hint + 2, close - hint - 2);
              g_string_append (out, "]</b>");
            }
          else
            g_string_append (out, "<b>[…]</b>");
        }
      else
        {
          const char *stop = hint != NULL ? hint : close;

          if (number == cloze)
            g_string_append (out, "<b>");
          if (depth < MAX_DEPTH)
            render_cloze (out, body, stop - body, cloze, answer, found, depth + 1);
          if (number == cloze)
            g_string_append (out, "</b>");
        }
      p = close + 2;
    }
}

/* Templates ---------------------------------------------------------------- */

typedef struct
{
  const char * const *names;
  const char * const *values;
  guint               n_fields;
  guint               cloze;
  gboolean            answer;
  GPtrArray          *problems;
  gboolean            too_long;
} Template;

static const char *
field_value (Template   *t,
             const char *name,
             gboolean   *known)
{
  for (guint i = 0; i < t->n_fields; i++)
    if (g_str_equal (t->names[i], name))
      {
        *known = TRUE;
        return t->values[i] != NULL ? t->values[i] : "";
      }
  *known = FALSE;
  return "";
}

static gboolean
is_blank_html (const char *text)
{
  /* Anki counts a field of only white space or "<br>" as empty. */
  while (*text)
    {
      if (g_ascii_isspace (*text))
        text++;
      else if (g_ascii_strncasecmp (text, "<br>", 4) == 0)
        text += 4;
      else if (g_ascii_strncasecmp (text, "<br/>", 5) == 0 || g_ascii_strncasecmp (text, "&nbsp;", 6) == 0)
        text += 5 + (text[1] == 'n');
      else
        return FALSE;
    }
  return TRUE;
}

static void
append_limited (Template   *t,
                GString    *out,
                const char *text,
                gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize)length;

  if (out->len + n > SHUATI_ANKI_MAX_RENDERED)
    {
      if (!t->too_long)
        problem (t->problems, _("a card's text is longer than 4 MiB and was cut"));
      t->too_long = TRUE;
      return;
    }
  g_string_append_len (out, text, n);
}

static void render (Template *t, GString *out, const char *p, const char *end, guint depth);

static void
render_replacement (Template   *t,
                    GString    *out,
                    const char *tag)
{
  g_auto(GStrv) parts = g_strsplit (tag, ":", 8);
  guint n = g_strv_length (parts);
  const char *name;
  const char *value;
  gboolean known = FALSE;
  gboolean cloze = FALSE;
  gboolean type = FALSE;

  if (n == 0)
    return;
  name = g_strstrip (parts[n - 1]);

  for (guint i = 0; i + 1 < n; i++)
    {
      const char *filter = g_strstrip (parts[i]);

      if (g_str_equal (filter, "cloze"))
        cloze = TRUE;
      else if (g_str_equal (filter, "type"))
        type = TRUE;
      else if (g_str_equal (filter, "text") || g_str_equal (filter, "hint") ||
               g_str_equal (filter, "furigana") || g_str_equal (filter, "kana") ||
               g_str_equal (filter, "kanji") || g_str_equal (filter, "cloze-only") ||
               g_str_has_prefix (filter, "tts"))
        continue;
      else
        problem (t->problems, _("the template filter “%s” is not known; the field is shown as it is"), filter);
    }

  if (g_str_equal (name, "FrontSide"))
    return; /* Shuati shows the question above the answer by itself. */
  if (g_str_equal (name, "Tags") || g_str_equal (name, "Type") || g_str_equal (name, "Deck") ||
      g_str_equal (name, "Subdeck") || g_str_equal (name, "Card") || g_str_equal (name, "CardFlag"))
    return;

  value = field_value (t, name, &known);
  if (!known)
    {
      problem (t->problems, _("the template names the field “%s”, which the note type does not have"), name);
      return;
    }

  /* The box to type the answer in, and on the back Anki's comparison
   * with it: Shuati shows the answer by itself. */
  if (type)
    return;

  if (cloze || (type && cloze))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean found = FALSE;

      render_cloze (text, value, strlen (value), t->cloze, t->answer, &found, 0);
      append_limited (t, out, text->str, text->len);
      return;
    }

  append_limited (t, out, value, -1);
}

/* The "{{/name}}" that ends the section opened just before @p. */
static const char *
section_end (const char *p,
             const char *end,
             const char *name,
             const char **after)
{
  guint depth = 1;

  while (p < end)
    {
      const char *open = g_strstr_len (p, end - p, "{{");
      const char *close;
      g_autofree char *tag = NULL;

      if (open == NULL)
        return NULL;
      close = g_strstr_len (open + 2, end - open - 2, "}}");
      if (close == NULL)
        return NULL;
      tag = g_strstrip (g_strndup (open + 2, close - open - 2));
      if ((tag[0] == '#' || tag[0] == '^') && g_str_equal (g_strstrip (tag + 1), name))
        depth++;
      else if (tag[0] == '/' && g_str_equal (g_strstrip (tag + 1), name) && --depth == 0)
        {
          *after = close + 2;
          return open;
        }
      p = close + 2;
    }
  return NULL;
}

static void
render (Template   *t,
        GString    *out,
        const char *p,
        const char *end,
        guint       depth)
{
  while (p < end && !t->too_long)
    {
      const char *open = g_strstr_len (p, end - p, "{{");
      const char *close;
      g_autofree char *tag = NULL;

      if (open == NULL)
        {
          append_limited (t, out, p, end - p);
          return;
        }
      append_limited (t, out, p, open - p);

      close = g_strstr_len (open + 2, end - open - 2, "}}");
      if (close == NULL)
        {
          problem (t->problems, _("a template has “{{” without “}}”"));
          append_limited (t, out, open, end - open);
          return;
        }
      tag = g_strstrip (g_strndup (open + 2, close - open - 2));
      p = close + 2;

      if (tag[0] == '#' || tag[0] == '^')
        {
          const char *name = g_strstrip (tag + 1);
          const char *after = NULL;
          const char *inner_end = section_end (p, end, name, &after);
          gboolean known = FALSE;
          const char *value;
          gboolean shown;

          if (inner_end == NULL)
            {
              problem (t->problems, _("the template section “%s” is never closed"), name);
              continue;
            }
          if (g_str_has_prefix (name, "cloze:"))
            name = name + 6;
          value = field_value (t, name, &known);
          if (!known && !g_str_equal (name, "FrontSide") && !g_str_equal (name, "Tags"))
            problem (t->problems, _("the template names the field “%s”, which the note type does not have"), name);
          shown = !is_blank_html (value);
          if (tag[0] == '^')
            shown = !shown;
          if (shown && depth < MAX_DEPTH)
            render (t, out, p, inner_end, depth + 1);
          p = after;
        }
      else if (tag[0] == '/')
        problem (t->problems, _("the template closes the section “%s” that it never opened"), tag + 1);
      else if (tag[0] == '!' || tag[0] == '=' || tag[0] == '>' || tag[0] == '&' || tag[0] == '{')
        problem (t->problems, _("the template syntax “{{%s}}” is not known and is left out"), tag);
      else
        render_replacement (t, out, tag);
    }
}

/**
 * shuati_anki_render_template:
 * @names: the note type's field names
 * @values: the note's fields, as HTML
 * @cloze: the card's cloze number (1 for c1), 0 for a card that is no cloze
 * @answer: whether this is the answer side
 * @problems: (element-type utf8): collects what the template does that
 *   is not understood, each once
 *
 * Returns: (transfer full): the card's side as HTML
 */
char *
shuati_anki_render_template (const char         *format,
                             const char * const *names,
                             const char * const *values,
                             guint               n_fields,
                             guint               cloze,
                             gboolean            answer,
                             GPtrArray          *problems)
{
  Template t = { names, values, n_fields, cloze, answer, problems, FALSE };
  GString *out = g_string_new (NULL);

  render (&t, out, format, format + strlen (format), 0);
  return g_string_free (out, FALSE);
}

/* HTML to Markdown ----------------------------------------------------------- */

typedef struct
{
  GString    *out;
  GHashTable *media;      /* names in the package */
  GHashTable *used;       /* names the cards show */
  GPtrArray  *problems;
  gboolean    in_pre;
  gboolean    in_cell;
  guint       list_depth;
} Markdown;

static gboolean
ends_with_newlines (GString *out,
                    guint    n)
{
  if (out->len == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (out->len < i + 1 || out->str[out->len - 1 - i] != '\n')
      return FALSE;
  return TRUE;
}

static void
block_break (Markdown *md,
             guint     n)
{
  if (md->in_cell)
    {
      if (md->out->len > 0 && md->out->str[md->out->len - 1] != ' ')
        g_string_append_c (md->out, ' ');
      return;
    }
  while (md->out->len > 0 && md->out->str[md->out->len - 1] == ' ')
    g_string_truncate (md->out, md->out->len - 1);
  while (!ends_with_newlines (md->out, n))
    g_string_append_c (md->out, '\n');
}

/* Only what would otherwise be read as Markdown is escaped, so that the
 * text stays readable where it is shown as written. */
static gboolean
needs_escape (GString    *out,
              const char *p,
              gboolean    in_cell)
{
  char before = out->len > 0 ? out->str[out->len - 1] : ' ';

  switch (*p)
    {
    case '*':
    case '`':
    case '$':
      return TRUE;
    case '|':
      return in_cell;
    case '#':
      return out->len == 0 || before == '\n';
    case '\\':
      return g_ascii_ispunct (p[1]);
    case '<':
      return g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?';
    case '_':
      return !g_ascii_isalnum (before) || !g_ascii_isalnum (p[1]);
    case '[':
      return p[1] != '\0' && strchr (p, ']') != NULL && strstr (p, "](") != NULL;
    default:
      return FALSE;
    }
}

/* Plain text, with Markdown's own characters escaped, MathJax's
 * delimiters turned into dollars and sounds into a note. */
static void
append_text (Markdown   *md,
             const char *text)
{
  GString *out = md->out;
  const char *p = text;
  gboolean space = out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n');

  while (*p)
    {
      if (p[0] == '\\' && (p[1] == '(' || p[1] == '['))
        {
          const char *close = strstr (p + 2, p[1] == '(' ? "\\)" : "\\]");

          if (close != NULL)
            {
              const char *dollars = p[1] == '(' ? "$" : "$$";

              g_string_append (out, dollars);
              for (const char *m = p + 2; m < close; m++)
                g_string_append_c (out, (*m == '\n' || *m == '\r') ? ' ' : *m);
              g_string_append (out, dollars);
              p = close + 2;
              space = FALSE;
              continue;
            }
        }
      if (g_str_has_prefix (p, "[sound:"))
        {
          const char *close = strchr (p, ']');

          if (close != NULL)
            {
              g_autofree char *name = g_strndup (p + 7, close - p - 7);

              /* Translators: a sound in a card that Shuati does not play */
              g_string_append_printf (out, "*(%s: %s)*", _("sound"), name);
              problem (md->problems, _("cards have sounds; Shuati shows their names but does not play them"));
              p = close + 1;
              space = FALSE;
              continue;
            }
        }
      if (g_ascii_isspace (*p))
        {
          if (!space && out->len > 0)
            g_string_append_c (out, ' ');
          space = TRUE;
          p++;
          continue;
        }
      if (needs_escape (out, p, md->in_cell))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
      space = FALSE;
    }
}

static void
append_raw_text (GString *out,
                 xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        {
          if (g_ascii_strcasecmp ((const char *)child->name, "br") == 0)
            g_string_append_c (out, '\n');
          else
            append_raw_text (out, child);
          if (g_ascii_strcasecmp ((const char *)child->name, "div") == 0 ||
              g_ascii_strcasecmp ((const char *)child->name, "p") == 0)
            g_string_append_c (out, '\n');
        }
    }
}

static void convert_children (Markdown *md, xmlNode *node, guint depth);

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static void
convert_inline_wrapped (Markdown   *md,
                        xmlNode    *node,
                        const char *mark,
                        guint       depth)
{
  gsize start = md->out->len;

  g_string_append (md->out, mark);
  convert_children (md, node, depth);
  /* Emphasis around nothing, or around white space at its edges, is
   * not emphasis in Markdown: keep the text, drop the marks. */
  if (md->out->len == start + strlen (mark))
    {
      g_string_truncate (md->out, start);
      return;
    }
  {
    g_autofree char *inner = g_strdup (md->out->str + start + strlen (mark));
    gsize len = strlen (inner);
    gsize lead = 0;
    gsize trail = 0;

    while (lead < len && g_ascii_isspace (inner[lead]))
      lead++;
    while (trail < len - lead && g_ascii_isspace (inner[len - 1 - trail]))
      trail++;
    g_string_truncate (md->out, start);
    if (lead == len)
      {
        g_string_append (md->out, " ");
        return;
      }
    if (lead > 0)
      g_string_append_c (md->out, ' ');
    g_string_append (md->out, mark);
    g_string_append_len (md->out, inner + lead, len - lead - trail);
    g_string_append (md->out, mark);
    if (trail > 0)
      g_string_append_c (md->out, ' ');
  }
}

static void
convert_image (Markdown *md,
               xmlNode  *node)
{
  g_autofree char *src = (char *)xmlGetProp (node, (const xmlChar *)"src");
  g_autofree char *alt = (char *)xmlGetProp (node, (const xmlChar *)"alt");
  g_autofree char *unescaped = NULL;
  const char *name = src;

  if (src == NULL || *src == '\0')
    return;

  if (md->media != NULL && !g_hash_table_contains (md->media, name))
    {
      unescaped = g_uri_unescape_string (src, NULL);
      if (unescaped != NULL && g_hash_table_contains (md->media, unescaped))
        name = unescaped;
    }

  if (!shuati_anki_media_name_is_safe (name))
    {
      problem (md->problems, _("the image “%s” is not a file in the package and is left out"), src);
      return;
    }
  if (md->media == NULL || !g_hash_table_contains (md->media, name))
    {
      problem (md->problems, _("the image “%s” is missing from the package"), name);
      if (alt != NULL && *alt != '\0')
        append_text (md, alt);
      return;
    }

  if (md->used != NULL)
    g_hash_table_add (md->used, g_strdup (name));

  g_string_append (md->out, "![");
  if (alt != NULL)
    {
      for (char *a = alt; *a; a++)
        if (*a == '[' || *a == ']' || *a == '\n' || *a == '\\')
          *a = ' ';
      g_string_append (md->out, alt);
    }
  if (strpbrk (name, " ()<>") != NULL)
    g_string_append_printf (md->out, "](<media/%s>)", name);
  else
    g_string_append_printf (md->out, "](media/%s)", name);
}

static void
collect_rows (Markdown  *md,
              xmlNode   *parent,
              GPtrArray *rows,
              guint     *n_columns,
              guint      depth)
{
  for (xmlNode *row = parent->children; row != NULL && rows->len < 10000; row = row->next)
    {
      GPtrArray *cells;

      if (name_is (row, "thead") || name_is (row, "tbody") || name_is (row, "tfoot"))
        {
          if (depth < 4)
            collect_rows (md, row, rows, n_columns, depth + 1);
          continue;
        }
      if (!name_is (row, "tr"))
        continue;
      cells = g_ptr_array_new_with_free_func (g_free);
      for (xmlNode *c = row->children; c != NULL && cells->len < 64; c = c->next)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          Markdown cell = *md;

          if (!name_is (c, "td") && !name_is (c, "th"))
            continue;
          cell.out = text;
          cell.in_cell = TRUE;
          convert_children (&cell, c, depth + 8);
          g_ptr_array_add (cells, g_strdup (g_strstrip (text->str)));
        }
      *n_columns = MAX (*n_columns, cells->len);
      g_ptr_array_add (rows, cells);
    }
}

static void
convert_table (Markdown *md,
               xmlNode  *table,
               guint     depth)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  guint n_columns = 0;

  collect_rows (md, table, rows, &n_columns, 0);
  if (rows->len == 0 || n_columns == 0)
    return;

  block_break (md, 2);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);

      g_string_append (md->out, "|");
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (md->out, " %s |", c < cells->len ? (char *)g_ptr_array_index (cells, c) : "");
      g_string_append_c (md->out, '\n');
      if (r == 0)
        {
          g_string_append (md->out, "|");
          for (guint c = 0; c < n_columns; c++)
            g_string_append (md->out, " --- |");
          g_string_append_c (md->out, '\n');
        }
    }
  block_break (md, 2);
}

static void
convert_node (Markdown *md,
              xmlNode  *node,
              guint     depth)
{
  const char *name;

  if (depth > 64)
    return;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        append_text (md, (const char *)node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  name = (const char *)node->name;

  if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0 ||
      g_ascii_strcasecmp (name, "head") == 0 || g_ascii_strcasecmp (name, "title") == 0 ||
      g_ascii_strcasecmp (name, "object") == 0 || g_ascii_strcasecmp (name, "iframe") == 0 ||
      g_ascii_strcasecmp (name, "audio") == 0 || g_ascii_strcasecmp (name, "video") == 0 ||
      g_ascii_strcasecmp (name, "svg") == 0 || g_ascii_strcasecmp (name, "input") == 0 ||
      g_ascii_strcasecmp (name, "template") == 0 || g_ascii_strcasecmp (name, "noscript") == 0)
    return;

  if (g_ascii_strcasecmp (name, "br") == 0)
    {
      if (md->in_cell)
        g_string_append_c (md->out, ' ');
      else
        {
          while (md->out->len > 0 && md->out->str[md->out->len - 1] == ' ')
            g_string_truncate (md->out, md->out->len - 1);
          if (md->out->len > 0 && md->out->str[md->out->len - 1] != '\n')
            g_string_append (md->out, HARD_BREAK "\n");
        }
    }
  else if (g_ascii_strcasecmp (name, "b") == 0 || g_ascii_strcasecmp (name, "strong") == 0)
    convert_inline_wrapped (md, node, "**", depth);
  else if (g_ascii_strcasecmp (name, "i") == 0 || g_ascii_strcasecmp (name, "em") == 0)
    convert_inline_wrapped (md, node, "*", depth);
  else if (g_ascii_strcasecmp (name, "img") == 0)
    convert_image (md, node);
  else if (g_ascii_strcasecmp (name, "hr") == 0)
    {
      g_autofree char *id = (char *)xmlGetProp (node, (const xmlChar *)"id");

      /* Anki's answer line: Shuati shows the answer apart by itself. */
      if (id == NULL || g_ascii_strcasecmp (id, "answer") != 0)
        {
          block_break (md, 2);
          g_string_append (md->out, "---");
          block_break (md, 2);
        }
    }
  else if (g_ascii_strcasecmp (name, "pre") == 0)
    {
      g_autoptr(GString) code = g_string_new (NULL);
      const char *fence = "```";

      append_raw_text (code, node);
      while (code->len > 0 && code->str[code->len - 1] == '\n')
        g_string_truncate (code, code->len - 1);
      if (strstr (code->str, "```") != NULL)
        fence = "~~~~";
      if (md->in_cell)
        {
          g_string_append_c (md->out, '`');
          for (gsize i = 0; i < code->len; i++)
            g_string_append_c (md->out, code->str[i] == '\n' || code->str[i] == '`' ? ' ' : code->str[i]);
          g_string_append_c (md->out, '`');
          return;
        }
      block_break (md, 2);
      g_string_append_printf (md->out, "%s\n%s\n%s", fence, code->str, fence);
      block_break (md, 2);
    }
  else if (g_ascii_strcasecmp (name, "code") == 0 || g_ascii_strcasecmp (name, "kbd") == 0 ||
           g_ascii_strcasecmp (name, "tt") == 0)
    {
      g_autoptr(GString) code = g_string_new (NULL);
      const char *ticks = "`";

      append_raw_text (code, node);
      for (gsize i = 0; i < code->len; i++)
        if (code->str[i] == '\n')
          code->str[i] = ' ';
      if (code->len == 0)
        return;
      if (strchr (code->str, '`') != NULL)
        ticks = "`` ";
      g_string_append_printf (md->out, "%s%s%s", ticks, code->str,
                              ticks[1] == '`' ? " ``" : "`");
    }
  else if (g_ascii_strcasecmp (name, "table") == 0)
    {
      if (md->in_cell)
        convert_children (md, node, depth + 1);
      else
        convert_table (md, node, depth + 1);
    }
  else if (g_ascii_strcasecmp (name, "ul") == 0 || g_ascii_strcasecmp (name, "ol") == 0)
    {
      gboolean ordered = g_ascii_strcasecmp (name, "ol") == 0;
      guint number = 1;

      block_break (md, md->list_depth > 0 ? 1 : 2);
      md->list_depth++;
      for (xmlNode *item = node->children; item != NULL; item = item->next)
        {
          if (!name_is (item, "li"))
            {
              if (item->type == XML_ELEMENT_NODE)
                convert_node (md, item, depth + 1);
              continue;
            }
          if (!md->in_cell)
            {
              block_break (md, 1);
              for (guint d = 1; d < md->list_depth; d++)
                g_string_append (md->out, "    ");
            }
          if (ordered)
            g_string_append_printf (md->out, "%u. ", number++);
          else
            g_string_append (md->out, "- ");
          convert_children (md, item, depth + 1);
        }
      md->list_depth--;
      block_break (md, md->list_depth > 0 ? 1 : 2);
    }
  else if (g_ascii_strcasecmp (name, "li") == 0)
    {
      block_break (md, 1);
      g_string_append (md->out, "- ");
      convert_children (md, node, depth + 1);
      block_break (md, 1);
    }
  else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      block_break (md, 2);
      if (!md->in_cell)
        {
          for (int i = 0; i < name[1] - '0'; i++)
            g_string_append_c (md->out, '#');
          g_string_append_c (md->out, ' ');
        }
      convert_children (md, node, depth + 1);
      block_break (md, 2);
    }
  else if (g_ascii_strcasecmp (name, "p") == 0 || g_ascii_strcasecmp (name, "blockquote") == 0 ||
           g_ascii_strcasecmp (name, "section") == 0 || g_ascii_strcasecmp (name, "article") == 0)
    {
      block_break (md, md->list_depth > 0 ? 1 : 2);
      convert_children (md, node, depth + 1);
      block_break (md, md->list_depth > 0 ? 1 : 2);
    }
  else if (g_ascii_strcasecmp (name, "div") == 0 || g_ascii_strcasecmp (name, "tr") == 0 ||
           g_ascii_strcasecmp (name, "dt") == 0 || g_ascii_strcasecmp (name, "dd") == 0)
    {
      /* Anki writes a line per <div>: each becomes a line of its own. */
      if (!md->in_cell && md->out->len > 0 && md->out->str[md->out->len - 1] != '\n')
        g_string_append (md->out, HARD_BREAK "\n");
      convert_children (md, node, depth + 1);
      if (!md->in_cell && md->out->len > 0 && md->out->str[md->out->len - 1] != '\n' &&
          node->next != NULL)
        g_string_append (md->out, HARD_BREAK "\n");
    }
  else
    convert_children (md, node, depth + 1);
}

static void
convert_children (Markdown *md,
                  xmlNode  *node,
                  guint     depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    convert_node (md, child, depth + 1);
}

/* Tidies what the walk left: no blank lines beyond one, no spaces at
 * line ends or starts (but the indentation of nested list items), no
 * line break at the very end. */
static char *
tidy (GString *text)
{
  g_auto(GStrv) lines = g_strsplit (text->str, "\n", -1);
  GString *out = g_string_sized_new (text->len);
  guint blank = 0;

  gboolean fenced = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *start = line;

      if (fenced || g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~~"))
        {
          gboolean fence = g_str_has_prefix (line, "```") || g_str_has_prefix (line, "~~~~");

          if (out->len > 0)
            g_string_append (out, blank > 0 && !fenced ? "\n\n" : "\n");
          for (; blank > 0 && fenced; blank--)
            g_string_append_c (out, '\n');
          blank = 0;
          g_string_append (out, line);
          if (fence)
            fenced = !fenced;
          continue;
        }

      {
        gboolean hard = FALSE;
        gsize len;

        g_strchomp (line);
        len = strlen (line);
        while (len > 0 && (line[len - 1] == HARD_BREAK[0] || line[len - 1] == ' '))
          {
            hard |= line[len - 1] == HARD_BREAK[0];
            line[--len] = '\0';
          }
        while (*start == ' ')
          start++;
        if (*start == '\0')
          {
            blank++;
            continue;
          }
        if (out->len > 0)
          g_string_append (out, blank > 0 ? "\n\n" : "\n");
        blank = 0;
        if (start != line && (*start == '-' || g_ascii_isdigit (*start)))
          start = line;
        g_string_append (out, start);
        if (hard)
          g_string_append (out, "  ");
      }
    }

  /* A hard break at the very end of the text breaks nothing. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * shuati_anki_html_to_markdown:
 * @media: (nullable): the media file names the package has
 * @used: (nullable): collects the names of the images the text shows
 * @problems: (nullable): collects what could not be kept
 *
 * Returns: (transfer full): @html as Markdown
 */
char *
shuati_anki_html_to_markdown (const char *html,
                              GHashTable *media,
                              GHashTable *used,
                              GPtrArray  *problems)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *wrapped = NULL;
  Markdown md = { out, media, used, problems, FALSE, FALSE, 0 };
  htmlDocPtr doc;
  xmlNode *root;
  gsize length = strlen (html);

  if (length == 0)
    return g_strdup ("");
  if (length > G_MAXINT - 64)
    length = G_MAXINT - 64;

  /* A fragment: the parser gets a body to put it in, so that text at
   * the start is not taken for the head. */
  wrapped = g_strdup_printf ("<html><body>%.*s</body></html>", (int)length, html);
  doc = htmlReadMemory (wrapped, (int)strlen (wrapped), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT);
  if (doc == NULL)
    return g_strdup ("");

  root = xmlDocGetRootElement (doc);
  if (root != NULL)
    convert_node (&md, root, 0);
  xmlFreeDoc (doc);

  {
    char *result = tidy (out);

    if (!g_utf8_validate (result, -1, NULL))
      {
        char *valid = g_utf8_make_valid (result, -1);
        g_free (result);
        result = valid;
      }
    return result;
  }
}
