/* shuati-markdown.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The light Markdown of card texts (data/corpus/README.md): paragraphs
 * separated by blank lines, `**bold**`, numbered items (`1. `) and bullet
 * items (`- `, `* `, `• `) at the start of a line. Everything else is text
 * and is shown exactly as written. */

typedef enum
{
  SHUATI_MARKDOWN_PARAGRAPH,
  SHUATI_MARKDOWN_NUMBERED,
  SHUATI_MARKDOWN_BULLET,
} ShuatiMarkdownKind;

typedef struct
{
  ShuatiMarkdownKind kind;
  /* The item's number (0 for other blocks). */
  guint              number;
  /* What the item is shown with: the digits as written and a period
   * ("1.", "01.") or "•"; NULL for paragraphs. */
  char              *marker;
  /* The block's inline text, still with its `**` markers: valid UTF-8,
   * each line without leading or trailing blanks, lines joined by "\n". */
  char              *text;
  /* Whether a blank line came between this block and the previous one. */
  gboolean           after_blank;
} ShuatiMarkdownBlock;

void       shuati_markdown_block_free     (ShuatiMarkdownBlock *block);

GPtrArray *shuati_markdown_parse          (const char          *text);
char      *shuati_markdown_inline_to_pango (const char         *inline_text);
char      *shuati_markdown_inline_to_plain (const char         *inline_text);

char      *shuati_markdown_to_pango       (const char          *text);
char      *shuati_markdown_to_plain       (const char          *text);
char      *shuati_markdown_to_snippet     (const char          *text,
                                          guint                max_chars);
GPtrArray *shuati_markdown_extract_points (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiMarkdownBlock, shuati_markdown_block_free)

G_END_DECLS
