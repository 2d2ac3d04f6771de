/* shuati-markdown.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Card texts are CommonMark with GitHub tables and strikethrough and
 * `$…$` / `$$…$$` math, parsed by md4c into a tree of blocks. Raw HTML is
 * not recognised: it is text. Every piece of card text that reaches
 * markup is escaped, so nothing in a deck can inject Pango markup. */

typedef enum
{
  SHUATI_MARKDOWN_PARAGRAPH,
  SHUATI_MARKDOWN_HEADING,
  SHUATI_MARKDOWN_QUOTE,
  SHUATI_MARKDOWN_LIST,
  SHUATI_MARKDOWN_ITEM,
  SHUATI_MARKDOWN_RULE,
  SHUATI_MARKDOWN_CODE,
  SHUATI_MARKDOWN_TABLE,
  SHUATI_MARKDOWN_TABLE_ROW,
  SHUATI_MARKDOWN_TABLE_CELL,
  SHUATI_MARKDOWN_MATH,
  SHUATI_MARKDOWN_IMAGE,
} ShuatiMarkdownKind;

typedef enum
{
  SHUATI_MARKDOWN_ALIGN_DEFAULT,
  SHUATI_MARKDOWN_ALIGN_LEFT,
  SHUATI_MARKDOWN_ALIGN_CENTER,
  SHUATI_MARKDOWN_ALIGN_RIGHT,
} ShuatiMarkdownAlign;

typedef enum
{
  /* http and https: opened at once. */
  SHUATI_LINK_OPEN,
  /* mailto: opened once the user agrees. */
  SHUATI_LINK_ASK,
  /* Anything else (javascript:, file:, data:, relative paths…): never. */
  SHUATI_LINK_REFUSE,
} ShuatiLinkPolicy;

typedef struct _ShuatiMarkdownBlock ShuatiMarkdownBlock;

struct _ShuatiMarkdownBlock
{
  ShuatiMarkdownKind  kind;
  /* HEADING: 1 to 6. LIST: how deep the list is nested (0 at the top). */
  guint               level;
  /* LIST: whether it is numbered. TABLE_ROW: whether it is the header. */
  gboolean            ordered;
  /* ITEM: its number (0 in a bullet list). LIST: the first number. */
  guint               number;
  /* ITEM: what it is shown with, "1." or "•". */
  char               *marker;
  /* CODE: the first word after the fence, or NULL. */
  char               *language;
  /* CODE: the code exactly as written, without its last line break.
   * MATH: the TeX source. IMAGE: the path as written.
   * PARAGRAPH, HEADING, TABLE_CELL: the inline text as plain text. */
  char               *text;
  /* PARAGRAPH, HEADING, TABLE_CELL: the inline text as escaped Pango
   * markup for a GtkLabel (links are <a href>). IMAGE: the alt text,
   * plain. */
  char               *markup;
  /* TABLE: its columns; TABLE_CELL: its alignment. */
  guint               n_columns;
  ShuatiMarkdownAlign align;
  /* QUOTE, LIST (items), ITEM, TABLE (rows), TABLE_ROW (cells). */
  GPtrArray          *children;
};

void        shuati_markdown_block_free       (ShuatiMarkdownBlock *block);

GPtrArray  *shuati_markdown_parse            (const char          *text);

char       *shuati_markdown_to_pango         (const char          *text);
char       *shuati_markdown_to_plain         (const char          *text);
char       *shuati_markdown_to_snippet       (const char          *text,
                                              guint                max_chars);
GPtrArray  *shuati_markdown_extract_points   (const char          *text);
GPtrArray  *shuati_markdown_extract_point_markup (const char      *text);

gboolean    shuati_markdown_is_text_block    (const ShuatiMarkdownBlock *block);
char       *shuati_markdown_blocks_to_pango  (GPtrArray           *blocks,
                                              guint                start,
                                              guint                end);

char       *shuati_markdown_blocks_to_plain  (GPtrArray           *blocks);

ShuatiLinkPolicy shuati_markdown_link_policy (const char          *uri);
char       *shuati_markdown_resolve_image    (const char          *media_dir,
                                              const char          *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiMarkdownBlock, shuati_markdown_block_free)

G_END_DECLS
