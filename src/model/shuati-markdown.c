/* shuati-markdown.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "shuati-markdown.h"
#include "shuati-tex.h"

#define BULLET "\xe2\x80\xa2"
/* Two em spaces: how far a nested list item is indented in a label. */
#define INDENT "\xe2\x80\x83\xe2\x80\x83"

#define PARSER_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_LATEXMATHSPANS | MD_FLAG_NOHTML)

/* Inline code and inline math: monospace on a background that is subtle
 * on light and dark themes alike. */
#define CODE_SPAN_OPEN "<span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"18%\">"

/* The one place where inline math becomes markup and plain text: the
 * formula set with Unicode symbols, sub- and superscripts, and its TeX
 * source for plain text. */
static char *
inline_math_to_pango (const char *tex)
{
  return shuati_tex_to_pango (tex);
}

static char *
inline_math_to_plain (const char *tex)
{
  return shuati_tex_to_plain (tex);
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/**
 * shuati_markdown_block_free:
 * @block: (transfer full) (nullable): a block
 */
void
shuati_markdown_block_free (ShuatiMarkdownBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->marker);
  g_free (block->language);
  g_free (block->text);
  g_free (block->markup);
  g_clear_pointer (&block->children, g_ptr_array_unref);
  g_free (block);
}

static ShuatiMarkdownBlock *
block_new (ShuatiMarkdownKind kind)
{
  ShuatiMarkdownBlock *block = g_new0 (ShuatiMarkdownBlock, 1);

  block->kind = kind;
  return block;
}

static GPtrArray *
block_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) shuati_markdown_block_free);
}

typedef struct
{
  gboolean             links;
  GPtrArray           *roots;
  /* The open containers (QUOTE, LIST, ITEM, TABLE, TABLE_ROW), innermost
   * last; they own nothing, the tree does. */
  GPtrArray           *stack;
  /* The block that takes inline text, not yet in the tree. */
  ShuatiMarkdownBlock *inline_block;
  GString             *markup;
  GString             *plain;
  /* Normal text not yet written, for the `**` pairs md4c leaves. */
  GString             *pending;
  guint                span_depth;
  guint                list_depth;
  /* Code block, image or display formula being collected. */
  ShuatiMarkdownBlock *capture;
  GString             *capture_text;
  /* Inline formula being collected. */
  GString             *math;
  /* The open link may not open: it is shown, not made clickable. */
  gboolean             refused_link;
  /* The spans open in the markup of the inline block, innermost last:
   * their md4c types and the tags that close them. A span that began in
   * an inline block an image or a formula has closed since is closed
   * there, and its end is not written again. */
  GArray              *open_types;
  GPtrArray           *open_closers;
  ShuatiMarkdownAlign  cell_align;
} Parser;

static GPtrArray *
current_children (Parser *p)
{
  ShuatiMarkdownBlock *top;

  if (p->stack->len == 0)
    return p->roots;

  top = g_ptr_array_index (p->stack, p->stack->len - 1);
  if (top->children == NULL)
    top->children = block_array_new ();
  return top->children;
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (out, escaped);
}

/* Finds the `**` pairs md4c leaves as text. CommonMark does not close
 * "**特点：**后文" because punctuation comes before the marker and a letter
 * after it; card texts in Chinese rely on such labels, so a run of exactly
 * two asterisks opens when followed and closes when preceded by a
 * non-blank. Returns the byte offsets of the markers, in pairs. */
static GArray *
find_bold_pairs (const char *text,
                 gsize       len)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (gsize));
  gssize open = -1;
  gsize i = 0;

  while (i < len)
    {
      gsize run;

      if (text[i] != '*')
        {
          i++;
          continue;
        }

      run = 0;
      while (i + run < len && text[i + run] == '*')
        run++;

      if (run == 2)
        {
          gboolean can_close = i > 0 && !is_space (text[i - 1]);
          gboolean can_open = i + 2 < len && !is_space (text[i + 2]);

          if (open >= 0 && can_close)
            {
              gsize start = open;

              g_array_append_val (pairs, start);
              g_array_append_val (pairs, i);
              open = -1;
            }
          else if (can_open)
            open = i;
        }

      i += run;
    }

  return pairs;
}

static void
append_plain (GString    *out,
              const char *text,
              gsize       len)
{
  gsize start = out->len;

  g_string_append_len (out, text, len);
  /* A carriage return can also come from an entity such as "&#13;". */
  for (gsize i = start; i < out->len; i++)
    if (out->str[i] == '\n' || out->str[i] == '\r')
      out->str[i] = ' ';
}

static void
flush_pending (Parser *p)
{
  const char *text;
  gsize len;
  g_autoptr(GArray) pairs = NULL;
  gsize pos = 0;

  if (p->pending->len == 0 || p->markup == NULL)
    {
      g_string_truncate (p->pending, 0);
      return;
    }

  text = p->pending->str;
  len = p->pending->len;
  pairs = find_bold_pairs (text, len);

  for (guint i = 0; i < pairs->len; i += 2)
    {
      gsize open = g_array_index (pairs, gsize, i);
      gsize close = g_array_index (pairs, gsize, i + 1);

      append_escaped (p->markup, text + pos, open - pos);
      append_plain (p->plain, text + pos, open - pos);
      g_string_append (p->markup, "<b>");
      append_escaped (p->markup, text + open + 2, close - open - 2);
      append_plain (p->plain, text + open + 2, close - open - 2);
      g_string_append (p->markup, "</b>");
      pos = close + 2;
    }

  append_escaped (p->markup, text + pos, len - pos);
  append_plain (p->plain, text + pos, len - pos);
  g_string_truncate (p->pending, 0);
}

static void
ensure_inline (Parser *p)
{
  if (p->inline_block != NULL)
    return;

  /* Text straight in a tight list item or after a split paragraph. */
  p->inline_block = block_new (SHUATI_MARKDOWN_PARAGRAPH);
  p->markup = g_string_new (NULL);
  p->plain = g_string_new (NULL);
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    if (!is_space (*c))
      return FALSE;
  return TRUE;
}

static void
close_inline (Parser *p)
{
  ShuatiMarkdownBlock *block = p->inline_block;

  if (block == NULL)
    return;

  flush_pending (p);
  while (p->open_closers->len > 0)
    {
      g_string_append (p->markup, g_ptr_array_index (p->open_closers, p->open_closers->len - 1));
      g_ptr_array_set_size (p->open_closers, p->open_closers->len - 1);
    }
  g_array_set_size (p->open_types, 0);
  p->inline_block = NULL;
  block->markup = g_strstrip (g_string_free (g_steal_pointer (&p->markup), FALSE));
  block->text = g_strstrip (g_string_free (g_steal_pointer (&p->plain), FALSE));

  /* What is left of a paragraph around an image or a formula. */
  if (block->kind == SHUATI_MARKDOWN_PARAGRAPH && is_blank_text (block->text))
    {
      shuati_markdown_block_free (block);
      return;
    }

  g_ptr_array_add (current_children (p), block);
}

static void
open_inline (Parser             *p,
             ShuatiMarkdownBlock *block)
{
  close_inline (p);
  p->inline_block = block;
  p->markup = g_string_new (NULL);
  p->plain = g_string_new (NULL);
}

static char *
attribute_text (const MD_ATTRIBUTE *attribute)
{
  return g_strndup (attribute->text, attribute->size);
}

static void
push_container (Parser              *p,
                ShuatiMarkdownBlock *block)
{
  close_inline (p);
  g_ptr_array_add (current_children (p), block);
  g_ptr_array_add (p->stack, block);
}

static void
pop_container (Parser *p)
{
  close_inline (p);
  if (p->stack->len > 0)
    g_ptr_array_set_size (p->stack, p->stack->len - 1);
}

static ShuatiMarkdownBlock *
top_container (Parser *p)
{
  return p->stack->len > 0 ? g_ptr_array_index (p->stack, p->stack->len - 1) : NULL;
}

static int
enter_block (MD_BLOCKTYPE type,
             void        *detail,
             void        *user_data)
{
  Parser *p = user_data;
  ShuatiMarkdownBlock *block;

  switch (type)
    {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_HTML:
      break;

    case MD_BLOCK_QUOTE:
      push_container (p, block_new (SHUATI_MARKDOWN_QUOTE));
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      block = block_new (SHUATI_MARKDOWN_LIST);
      block->level = p->list_depth++;
      block->ordered = type == MD_BLOCK_OL;
      if (block->ordered)
        {
          const MD_BLOCK_OL_DETAIL *ol = detail;

          block->number = ol->start;
          /* The delimiter as written: "." or ")". */
          block->marker = g_strndup (&ol->mark_delimiter, 1);
        }
      push_container (p, block);
      break;

    case MD_BLOCK_LI:
      {
        ShuatiMarkdownBlock *list = top_container (p);

        block = block_new (SHUATI_MARKDOWN_ITEM);
        if (list != NULL && list->kind == SHUATI_MARKDOWN_LIST && list->ordered)
          {
            guint n = list->children != NULL ? list->children->len : 0;

            block->number = list->number + n;
            block->marker = g_strdup_printf ("%u%s", block->number, list->marker);
          }
        else
          block->marker = g_strdup (BULLET);
        push_container (p, block);
      }
      break;

    case MD_BLOCK_HR:
      close_inline (p);
      g_ptr_array_add (current_children (p), block_new (SHUATI_MARKDOWN_RULE));
      break;

    case MD_BLOCK_H:
      block = block_new (SHUATI_MARKDOWN_HEADING);
      block->level = ((const MD_BLOCK_H_DETAIL *) detail)->level;
      open_inline (p, block);
      break;

    case MD_BLOCK_CODE:
      {
        const MD_BLOCK_CODE_DETAIL *code = detail;

        close_inline (p);
        block = block_new (SHUATI_MARKDOWN_CODE);
        if (code->lang.size > 0)
          block->language = attribute_text (&code->lang);
        p->capture = block;
        p->capture_text = g_string_new (NULL);
      }
      break;

    case MD_BLOCK_P:
      open_inline (p, block_new (SHUATI_MARKDOWN_PARAGRAPH));
      break;

    case MD_BLOCK_TABLE:
      block = block_new (SHUATI_MARKDOWN_TABLE);
      block->n_columns = ((const MD_BLOCK_TABLE_DETAIL *) detail)->col_count;
      push_container (p, block);
      break;

    case MD_BLOCK_TR:
      block = block_new (SHUATI_MARKDOWN_TABLE_ROW);
      {
        ShuatiMarkdownBlock *table = top_container (p);

        /* md4c sends the one header row first. */
        block->ordered = table != NULL && (table->children == NULL || table->children->len == 0);
      }
      push_container (p, block);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      block = block_new (SHUATI_MARKDOWN_TABLE_CELL);
      block->align = (ShuatiMarkdownAlign) ((const MD_BLOCK_TD_DETAIL *) detail)->align;
      open_inline (p, block);
      break;

    default:
      break;
    }

  return 0;
}

static int
leave_block (MD_BLOCKTYPE type,
             void        *detail,
             void        *user_data)
{
  Parser *p = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_LI:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_TR:
      pop_container (p);
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      pop_container (p);
      p->list_depth--;
      break;

    case MD_BLOCK_CODE:
      if (p->capture != NULL)
        {
          GString *code = g_steal_pointer (&p->capture_text);

          if (code->len > 0 && code->str[code->len - 1] == '\n')
            g_string_truncate (code, code->len - 1);
          p->capture->text = g_string_free (code, FALSE);
          g_ptr_array_add (current_children (p), g_steal_pointer (&p->capture));
        }
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      close_inline (p);
      break;

    default:
      break;
    }

  return 0;
}

/* An image or a display formula that is not inside emphasis or a link
 * becomes a block of its own, splitting the paragraph around it. */
static gboolean
can_split (Parser *p)
{
  return p->span_depth == 0 && p->capture == NULL &&
         (p->inline_block == NULL || p->inline_block->kind == SHUATI_MARKDOWN_PARAGRAPH);
}

/* The tag that closes what enter_span() opened for @type, if any. */
static const char *
span_closer (Parser      *p,
             MD_SPANTYPE  type)
{
  switch (type)
    {
    case MD_SPAN_EM:
      return "</i>";
    case MD_SPAN_STRONG:
      return "</b>";
    case MD_SPAN_DEL:
      return "</s>";
    case MD_SPAN_U:
      return "</u>";
    case MD_SPAN_CODE:
      return "</span>";
    case MD_SPAN_A:
      return p->refused_link ? "</u>" : "</a>";
    default:
      return NULL;
    }
}

static int
enter_span (MD_SPANTYPE type,
            void       *detail,
            void       *user_data)
{
  Parser *p = user_data;

  if (p->capture != NULL)
    {
      p->span_depth++;
      return 0;
    }

  if ((type == MD_SPAN_IMG || type == MD_SPAN_LATEXMATH_DISPLAY) && can_split (p))
    {
      ShuatiMarkdownBlock *block;

      close_inline (p);
      if (type == MD_SPAN_IMG)
        {
          block = block_new (SHUATI_MARKDOWN_IMAGE);
          block->text = attribute_text (&((const MD_SPAN_IMG_DETAIL *) detail)->src);
        }
      else
        block = block_new (SHUATI_MARKDOWN_MATH);
      p->capture = block;
      p->capture_text = g_string_new (NULL);
      p->span_depth++;
      return 0;
    }

  ensure_inline (p);
  flush_pending (p);
  p->span_depth++;

  switch (type)
    {
    case MD_SPAN_EM:
      g_string_append (p->markup, "<i>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (p->markup, "<b>");
      break;
    case MD_SPAN_DEL:
      g_string_append (p->markup, "<s>");
      break;
    case MD_SPAN_U:
      g_string_append (p->markup, "<u>");
      break;
    case MD_SPAN_CODE:
      g_string_append (p->markup, CODE_SPAN_OPEN);
      break;
    case MD_SPAN_A:
      {
        g_autofree char *href = attribute_text (&((const MD_SPAN_A_DETAIL *) detail)->href);

        p->refused_link = !p->links || shuati_markdown_link_policy (href) == SHUATI_LINK_REFUSE;
      }
      if (!p->refused_link)
        {
          g_autofree char *href = attribute_text (&((const MD_SPAN_A_DETAIL *) detail)->href);

          g_string_append (p->markup, "<a href=\"");
          append_escaped (p->markup, href, -1);
          g_string_append (p->markup, "\">");
        }
      else
        g_string_append (p->markup, "<u>");
      break;
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
      p->math = g_string_new (NULL);
      break;
    case MD_SPAN_IMG:
    case MD_SPAN_WIKILINK:
    default:
      /* Its alt text is shown in its place. */
      break;
    }

  {
    const char *closer = span_closer (p, type);

    if (closer != NULL)
      {
        g_array_append_val (p->open_types, type);
        g_ptr_array_add (p->open_closers, (gpointer) closer);
      }
  }

  return 0;
}

static int
leave_span (MD_SPANTYPE type,
            void       *detail,
            void       *user_data)
{
  Parser *p = user_data;

  p->span_depth--;

  if (p->capture != NULL)
    {
      if (p->span_depth == 0 && p->capture->kind != SHUATI_MARKDOWN_CODE)
        {
          GString *text = g_steal_pointer (&p->capture_text);

          if (p->capture->kind == SHUATI_MARKDOWN_MATH)
            p->capture->text = g_strstrip (g_string_free (text, FALSE));
          else
            p->capture->markup = g_string_free (text, FALSE);
          g_ptr_array_add (current_children (p), g_steal_pointer (&p->capture));
        }
      return 0;
    }

  if (p->markup == NULL)
    return 0;

  flush_pending (p);

  switch (type)
    {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
    case MD_SPAN_DEL:
    case MD_SPAN_U:
    case MD_SPAN_CODE:
    case MD_SPAN_A:
      /* Only a span opened in this inline block is closed here. */
      if (p->open_types->len > 0 &&
          g_array_index (p->open_types, MD_SPANTYPE, p->open_types->len - 1) == type)
        {
          g_string_append (p->markup, g_ptr_array_index (p->open_closers, p->open_closers->len - 1));
          g_array_set_size (p->open_types, p->open_types->len - 1);
          g_ptr_array_set_size (p->open_closers, p->open_closers->len - 1);
        }
      if (type == MD_SPAN_A)
        p->refused_link = FALSE;
      break;
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
      if (p->math != NULL)
        {
          g_autoptr(GString) math = g_steal_pointer (&p->math);
          g_autofree char *markup = inline_math_to_pango (math->str);
          g_autofree char *plain = inline_math_to_plain (math->str);

          g_string_append (p->markup, markup);
          append_plain (p->plain, plain, strlen (plain));
        }
      break;
    default:
      break;
    }

  return 0;
}

/* The entities HTML writers use most; any other is shown as written. */
static const struct {
  const char *name;
  const char *text;
} named_entities[] = {
  { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
  { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" }, { "&copy;", "\xc2\xa9" },
  { "&mdash;", "\xe2\x80\x94" }, { "&ndash;", "\xe2\x80\x93" }, { "&hellip;", "\xe2\x80\xa6" },
  { "&times;", "\xc3\x97" }, { "&middot;", "\xc2\xb7" },
};

static void
decode_entity (GString    *out,
               const char *text,
               gsize       size)
{
  if (size > 3 && text[1] == '#')
    {
      gboolean hex = text[2] == 'x' || text[2] == 'X';
      g_autofree char *digits = g_strndup (text + (hex ? 3 : 2), size - (hex ? 4 : 3));
      char *end = NULL;
      guint64 value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      /* CommonMark: NUL and what is not a character become U+FFFD. */
      if (end == NULL || *end != '\0' || value == 0 || value > 0x10FFFF ||
          !g_unichar_validate ((gunichar) value))
        value = 0xFFFD;
      g_string_append_unichar (out, (gunichar) value);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == size && memcmp (named_entities[i].name, text, size) == 0)
      {
        g_string_append (out, named_entities[i].text);
        return;
      }

  g_string_append_len (out, text, size);
}

static int
on_text (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Parser *p = user_data;
  GString *target;

  if (p->capture != NULL)
    target = p->capture_text;
  else if (p->math != NULL)
    target = p->math;
  else
    {
      ensure_inline (p);
      target = p->pending;
    }

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (target, "\xef\xbf\xbd");
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      /* Line breaks are kept, as card texts were always shown. */
      g_string_append_c (target, p->capture != NULL && p->capture->kind != SHUATI_MARKDOWN_CODE ? ' ' : '\n');
      break;
    case MD_TEXT_ENTITY:
      decode_entity (target, text, size);
      break;
    case MD_TEXT_CODE:
      if (target == p->pending)
        {
          /* Inside a code span: escaped as it is, never paired. */
          flush_pending (p);
          append_escaped (p->markup, text, size);
          append_plain (p->plain, text, size);
        }
      else
        g_string_append_len (target, text, size);
      break;
    case MD_TEXT_NORMAL:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      g_string_append_len (target, text, size);
      break;
    }

  return 0;
}

static GPtrArray *
parse (const char *text,
       gboolean    links)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = PARSER_FLAGS,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = on_text,
  };
  Parser p = {
    .links = links,
    .roots = block_array_new (),
    .stack = g_ptr_array_new (),
    .pending = g_string_new (NULL),
    .open_types = g_array_new (FALSE, FALSE, sizeof (MD_SPANTYPE)),
    .open_closers = g_ptr_array_new (),
  };
  gsize len = strlen (valid);

  /* md4c counts in unsigned; a card text is far below that. */
  if (len > UINT_MAX / 2)
    len = UINT_MAX / 2;

  md_parse (valid, (MD_SIZE) len, &parser, &p);

  /* md4c always closes what it opens; this only guards an aborted parse. */
  close_inline (&p);
  if (p.capture != NULL)
    {
      shuati_markdown_block_free (p.capture);
      g_string_free (p.capture_text, TRUE);
    }
  if (p.math != NULL)
    g_string_free (p.math, TRUE);
  g_ptr_array_unref (p.stack);
  g_string_free (p.pending, TRUE);
  g_array_unref (p.open_types);
  g_ptr_array_unref (p.open_closers);

  return p.roots;
}

/**
 * shuati_markdown_parse:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Parses @text into blocks. Every inline text is given as escaped Pango
 * markup (with <a href> links for a #GtkLabel) and as plain text.
 *
 * Returns: (transfer container) (element-type ShuatiMarkdownBlock): the
 *   top-level blocks in order; empty when @text has no visible text
 */
GPtrArray *
shuati_markdown_parse (const char *text)
{
  g_return_val_if_fail (text != NULL, block_array_new ());

  return parse (text, TRUE);
}

/**
 * shuati_markdown_is_text_block:
 * @block: a top-level block
 *
 * Whether @block is shown as text in a label: paragraphs, headings and
 * lists whose items hold only such text. Consecutive text blocks can share
 * one label.
 */
gboolean
shuati_markdown_is_text_block (const ShuatiMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, FALSE);

  switch (block->kind)
    {
    case SHUATI_MARKDOWN_PARAGRAPH:
    case SHUATI_MARKDOWN_HEADING:
      return TRUE;

    case SHUATI_MARKDOWN_LIST:
    case SHUATI_MARKDOWN_ITEM:
      if (block->children != NULL)
        for (guint i = 0; i < block->children->len; i++)
          {
            const ShuatiMarkdownBlock *child = g_ptr_array_index (block->children, i);

            if (child->kind != SHUATI_MARKDOWN_PARAGRAPH &&
                child->kind != SHUATI_MARKDOWN_LIST &&
                child->kind != SHUATI_MARKDOWN_ITEM)
              return FALSE;
            if (child->kind != SHUATI_MARKDOWN_PARAGRAPH && !shuati_markdown_is_text_block (child))
              return FALSE;
          }
      return TRUE;

    default:
      return FALSE;
    }
}

static void append_blocks_pango (GString *out, GPtrArray *blocks, guint start, guint end, guint indent);

static void
append_indent (GString *out,
               guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, INDENT);
}

/* What separates two blocks in one label: a blank line, but list items
 * and the lists inside them take one line each. */
static const char *
separator (const ShuatiMarkdownBlock *previous,
           const ShuatiMarkdownBlock *block)
{
  if (block->kind == SHUATI_MARKDOWN_ITEM || previous->kind == SHUATI_MARKDOWN_ITEM)
    return "\n";
  return "\n\n";
}

static void
append_block_pango (GString                   *out,
                    const ShuatiMarkdownBlock *block,
                    guint                      indent)
{
  switch (block->kind)
    {
    case SHUATI_MARKDOWN_PARAGRAPH:
    case SHUATI_MARKDOWN_TABLE_CELL:
      g_string_append (out, block->markup);
      break;

    case SHUATI_MARKDOWN_HEADING:
      g_string_append (out, block->level <= 1 ? "<span size=\"x-large\" weight=\"bold\">"
                            : block->level == 2 ? "<span size=\"large\" weight=\"bold\">"
                            : "<span weight=\"bold\">");
      g_string_append (out, block->markup);
      g_string_append (out, "</span>");
      break;

    case SHUATI_MARKDOWN_LIST:
      if (block->children != NULL)
        append_blocks_pango (out, block->children, 0, block->children->len, indent);
      break;

    case SHUATI_MARKDOWN_ITEM:
      append_indent (out, indent);
      /* Markers are digits, ".", ")" and "•": nothing to escape. */
      g_string_append (out, block->marker);
      if (block->children != NULL && block->children->len > 0)
        {
          for (guint i = 0; i < block->children->len; i++)
            {
              const ShuatiMarkdownBlock *child = g_ptr_array_index (block->children, i);

              if (i == 0 && child->kind == SHUATI_MARKDOWN_PARAGRAPH)
                g_string_append_c (out, ' ');
              else
                {
                  g_string_append_c (out, '\n');
                  if (child->kind != SHUATI_MARKDOWN_LIST)
                    append_indent (out, indent + 1);
                }
              append_block_pango (out, child, indent + 1);
            }
        }
      break;

    case SHUATI_MARKDOWN_QUOTE:
      g_string_append (out, "<i>");
      if (block->children != NULL)
        append_blocks_pango (out, block->children, 0, block->children->len, indent);
      g_string_append (out, "</i>");
      break;

    case SHUATI_MARKDOWN_RULE:
      g_string_append (out, "\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94");
      break;

    case SHUATI_MARKDOWN_CODE:
      g_string_append (out, "<tt>");
      append_escaped (out, block->text, -1);
      g_string_append (out, "</tt>");
      break;

    case SHUATI_MARKDOWN_MATH:
      {
        g_autofree char *markup = inline_math_to_pango (block->text);

        g_string_append (out, markup);
      }
      break;

    case SHUATI_MARKDOWN_IMAGE:
      append_escaped (out, block->markup, -1);
      break;

    case SHUATI_MARKDOWN_TABLE:
    case SHUATI_MARKDOWN_TABLE_ROW:
      if (block->children != NULL)
        for (guint i = 0; i < block->children->len; i++)
          {
            if (i > 0)
              g_string_append (out, block->kind == SHUATI_MARKDOWN_TABLE ? "\n" : " | ");
            append_block_pango (out, g_ptr_array_index (block->children, i), indent);
          }
      break;

    default:
      break;
    }
}

static void
append_blocks_pango (GString   *out,
                     GPtrArray *blocks,
                     guint      start,
                     guint      end,
                     guint      indent)
{
  for (guint i = start; i < end && i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);

      if (i > start)
        g_string_append (out, separator (g_ptr_array_index (blocks, i - 1), block));
      append_block_pango (out, block, indent);
    }
}

/**
 * shuati_markdown_blocks_to_pango:
 * @blocks: (element-type ShuatiMarkdownBlock): blocks from shuati_markdown_parse()
 * @start: the first block to render
 * @end: the block after the last one
 *
 * Renders blocks @start to @end - 1 for one label: paragraphs separated
 * by an empty line, each list item on a line of its own.
 *
 * Returns: (transfer full): escaped markup, never %NULL
 */
char *
shuati_markdown_blocks_to_pango (GPtrArray *blocks,
                                 guint      start,
                                 guint      end)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (blocks != NULL, g_string_free (out, FALSE));

  append_blocks_pango (out, blocks, start, end, 0);
  return g_string_free (out, FALSE);
}

/**
 * shuati_markdown_to_pango:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Renders @text as Pango markup for one label. Links are underlined, not
 * clickable, so the result always parses with pango_parse_markup().
 *
 * Returns: (transfer full): Pango markup, never %NULL
 */
char *
shuati_markdown_to_pango (const char *text)
{
  g_autoptr(GPtrArray) blocks = NULL;

  g_return_val_if_fail (text != NULL, g_strdup (""));

  blocks = parse (text, FALSE);
  return shuati_markdown_blocks_to_pango (blocks, 0, blocks->len);
}

static void append_blocks_plain (GString *out, GPtrArray *blocks);

static void
append_separated (GString    *out,
                  const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  append_plain (out, text, strlen (text));
}

static void
append_block_plain (GString                   *out,
                    const ShuatiMarkdownBlock *block)
{
  switch (block->kind)
    {
    case SHUATI_MARKDOWN_PARAGRAPH:
    case SHUATI_MARKDOWN_HEADING:
    case SHUATI_MARKDOWN_TABLE_CELL:
    case SHUATI_MARKDOWN_CODE:
      append_separated (out, block->text);
      break;

    case SHUATI_MARKDOWN_MATH:
      {
        g_autofree char *plain = inline_math_to_plain (block->text);

        append_separated (out, plain);
      }
      break;

    case SHUATI_MARKDOWN_IMAGE:
      append_separated (out, block->markup);
      break;

    case SHUATI_MARKDOWN_ITEM:
      append_separated (out, block->marker);
      if (block->children != NULL)
        append_blocks_plain (out, block->children);
      break;

    case SHUATI_MARKDOWN_QUOTE:
    case SHUATI_MARKDOWN_LIST:
    case SHUATI_MARKDOWN_TABLE:
    case SHUATI_MARKDOWN_TABLE_ROW:
      if (block->children != NULL)
        append_blocks_plain (out, block->children);
      break;

    case SHUATI_MARKDOWN_RULE:
    default:
      break;
    }
}

static void
append_blocks_plain (GString   *out,
                     GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    append_block_plain (out, g_ptr_array_index (blocks, i));
}

/**
 * shuati_markdown_blocks_to_plain:
 * @blocks: (element-type ShuatiMarkdownBlock): blocks from shuati_markdown_parse()
 *
 * Returns: (transfer full): the blocks as shuati_markdown_to_plain() renders them
 */
char *
shuati_markdown_blocks_to_plain (GPtrArray *blocks)
{
  GString *out = g_string_new (NULL);

  append_blocks_plain (out, blocks);
  return g_strstrip (g_string_free (out, FALSE));
}

/**
 * shuati_markdown_to_plain:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Renders @text as one line of plain text for snippets, search results,
 * accessible names and exports: markup is dropped, code and formulas are
 * kept as written, list markers stay ("1. ", "• "), and blocks and line
 * breaks become single spaces.
 *
 * Returns: (transfer full): the text, never %NULL
 */
char *
shuati_markdown_to_plain (const char *text)
{
  g_autoptr(GPtrArray) blocks = NULL;

  g_return_val_if_fail (text != NULL, g_strdup (""));

  blocks = parse (text, FALSE);
  return shuati_markdown_blocks_to_plain (blocks);
}

/**
 * shuati_markdown_to_snippet:
 * @text: (nullable): a card text
 * @max_chars: how many characters of @text to keep; an ellipsis follows
 *   when more were cut
 *
 * Renders @text as shuati_markdown_to_plain() does and cuts it with an
 * ellipsis when it is longer than @max_chars, for list rows and search
 * results.
 *
 * Returns: (transfer full): the snippet, never %NULL
 */
char *
shuati_markdown_to_snippet (const char *text,
                            guint       max_chars)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  {
    g_autofree char *plain = shuati_markdown_to_plain (text);

    out = g_string_new (plain);
  }
  if (max_chars > 0 && g_utf8_strlen (out->str, -1) > max_chars)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, max_chars);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}

/* The items of the numbered lists that are not inside another list. */
static void
collect_points (GPtrArray *blocks,
                GPtrArray *points,
                gboolean   markup)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == SHUATI_MARKDOWN_QUOTE && block->children != NULL)
        collect_points (block->children, points, markup);
      if (block->kind != SHUATI_MARKDOWN_LIST || !block->ordered || block->children == NULL)
        continue;

      for (guint j = 0; j < block->children->len; j++)
        {
          const ShuatiMarkdownBlock *item = g_ptr_array_index (block->children, j);
          g_autofree char *plain = NULL;

          /* An empty item has nothing to recall. */
          if (item->children == NULL || item->children->len == 0)
            continue;

          plain = shuati_markdown_blocks_to_plain (item->children);
          if (*plain == '\0')
            continue;

          if (markup)
            {
              GString *out = g_string_new (NULL);

              /* The item's own text: its lists and code stay in the answer. */
              for (guint k = 0; k < item->children->len; k++)
                {
                  const ShuatiMarkdownBlock *child = g_ptr_array_index (item->children, k);

                  if (child->kind != SHUATI_MARKDOWN_PARAGRAPH)
                    continue;
                  if (out->len > 0)
                    g_string_append_c (out, ' ');
                  g_string_append (out, child->markup);
                }
              for (gsize c = 0; c < out->len; c++)
                if (out->str[c] == '\n')
                  out->str[c] = ' ';
              g_ptr_array_add (points, g_string_free (out, FALSE));
            }
          else
            g_ptr_array_add (points, g_steal_pointer (&plain));
        }
    }
}

/**
 * shuati_markdown_extract_points:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * Collects the items of the numbered lists of @text that are not nested
 * in another list, for a recall checklist. Each point is the item's plain
 * text (shuati_markdown_to_plain()). Empty items are left out.
 *
 * Returns: (transfer container) (element-type utf8): the points in order;
 *   empty when @text has no numbered item
 */
GPtrArray *
shuati_markdown_extract_points (const char *text)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GPtrArray *points = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (text != NULL, points);

  blocks = parse (text, FALSE);
  collect_points (blocks, points, FALSE);
  return points;
}

/**
 * shuati_markdown_extract_point_markup:
 * @text: a card text; invalid UTF-8 is replaced, not rejected
 *
 * The same points as shuati_markdown_extract_points(), one for one, as
 * escaped Pango markup on one line (bold, italic, code, formulas; links
 * are underlined, not clickable).
 *
 * Returns: (transfer container) (element-type utf8): the points' markup
 */
GPtrArray *
shuati_markdown_extract_point_markup (const char *text)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GPtrArray *points = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (text != NULL, points);

  blocks = parse (text, FALSE);
  collect_points (blocks, points, TRUE);
  return points;
}

/**
 * shuati_markdown_link_policy:
 * @uri: (nullable): a link target as written in a card
 *
 * Returns: whether the link may open: http and https at once, mailto
 *   after asking, anything else never
 */
ShuatiLinkPolicy
shuati_markdown_link_policy (const char *uri)
{
  g_autofree char *scheme = NULL;

  if (uri == NULL || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    return SHUATI_LINK_REFUSE;

  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL)
    return SHUATI_LINK_REFUSE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return SHUATI_LINK_OPEN;
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    return SHUATI_LINK_ASK;
  return SHUATI_LINK_REFUSE;
}

/**
 * shuati_markdown_resolve_image:
 * @media_dir: (nullable): the deck's media folder
 * @src: (nullable): an image path as written in a card, such as
 *   "media/attention.png"
 *
 * Finds the file an image names inside @media_dir, and only there: an
 * absolute path, a URI, a backslash or a ".." is refused, and so is a
 * symbolic link that leads out of the folder.
 *
 * Returns: (transfer full) (nullable): the file's path (which may not
 *   exist), or %NULL when @src is refused
 */
char *
shuati_markdown_resolve_image (const char *media_dir,
                               const char *src)
{
  const char *relative = src;
  g_auto(GStrv) parts = NULL;
  g_autofree char *path = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *real_path = NULL;

  if (media_dir == NULL || src == NULL || !g_path_is_absolute (media_dir))
    return NULL;

  if (g_str_has_prefix (relative, "media/"))
    relative += strlen ("media/");

  if (*relative == '\0' || g_path_is_absolute (relative) ||
      strchr (relative, ':') != NULL || strchr (relative, '\\') != NULL ||
      !g_utf8_validate (relative, -1, NULL))
    return NULL;

  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        return NULL;
      for (const char *c = parts[i]; *c != '\0'; c++)
        if ((guchar) *c < 0x20)
          return NULL;
    }

  path = g_build_filename (media_dir, relative, NULL);

  /* A link inside the folder must not lead out of it. */
  real_path = realpath (path, NULL);
  if (real_path != NULL)
    {
      g_autofree char *prefix = NULL;

      real_dir = realpath (media_dir, NULL);
      if (real_dir == NULL)
        return NULL;
      prefix = g_strconcat (real_dir, G_DIR_SEPARATOR_S, NULL);
      if (!g_str_has_prefix (real_path, prefix))
        return NULL;
    }

  return g_steal_pointer (&path);
}
