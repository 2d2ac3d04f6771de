/* shuati-query.h: the search language
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "shuati-card.h"
#include "shuati-pinyin.h"
#include "shuati-progress.h"

G_BEGIN_DECLS

#define SHUATI_QUERY_ERROR (shuati_query_error_quark ())

typedef enum
{
  SHUATI_QUERY_ERROR_UNCLOSED_QUOTE,
  SHUATI_QUERY_ERROR_UNCLOSED_PARENTHESIS,
  SHUATI_QUERY_ERROR_UNEXPECTED_PARENTHESIS,
  SHUATI_QUERY_ERROR_EMPTY_PARENTHESES,
  SHUATI_QUERY_ERROR_MISSING_OPERAND,
  SHUATI_QUERY_ERROR_EMPTY_VALUE,
  SHUATI_QUERY_ERROR_UNKNOWN_STATE,
  SHUATI_QUERY_ERROR_UNKNOWN_PROPERTY,
  SHUATI_QUERY_ERROR_BAD_COMPARISON,
  SHUATI_QUERY_ERROR_TOO_DEEP,
} ShuatiQueryError;

typedef enum
{
  SHUATI_QUERY_AND,
  SHUATI_QUERY_OR,
  SHUATI_QUERY_NOT,
  SHUATI_QUERY_TEXT,     /* a word or "phrase", in all fields or one */
  SHUATI_QUERY_TAG,
  SHUATI_QUERY_TOPIC,
  SHUATI_QUERY_DECK,
  SHUATI_QUERY_STATE,    /* is: */
  SHUATI_QUERY_PROPERTY, /* prop: */
} ShuatiQueryNodeKind;

typedef struct _ShuatiQueryNode ShuatiQueryNode;

/* Where the evaluation of is: and prop: looks: without progress
 * (the GNOME Shell provider) they match nothing. */
typedef struct
{
  ShuatiProgress *progress;
  gint64          now;    /* unix seconds */
} ShuatiQueryContext;

GQuark               shuati_query_error_quark    (void);

ShuatiQueryNode     *shuati_query_parse          (const char             *text,
                                                  guint                  *error_position,
                                                  GError                **error);
ShuatiQueryNode     *shuati_query_node_new_words (const char * const    *words);
void                 shuati_query_node_free      (ShuatiQueryNode        *node);
ShuatiQueryNodeKind  shuati_query_node_get_kind  (const ShuatiQueryNode  *node);
guint                shuati_query_node_get_n_children (const ShuatiQueryNode *node);
const ShuatiQueryNode *shuati_query_node_get_child (const ShuatiQueryNode *node,
                                                  guint                   position);
const ShuatiPinyinPattern *shuati_query_node_get_pattern (const ShuatiQueryNode *node);
int                  shuati_query_node_get_field (const ShuatiQueryNode *node);
gboolean             shuati_query_node_is_phrase (const ShuatiQueryNode  *node);
gboolean             shuati_query_node_is_plain  (const ShuatiQueryNode  *node);
ShuatiMatchKind      shuati_query_node_match     (const ShuatiQueryNode  *node,
                                                  ShuatiCard             *card,
                                                  const ShuatiQueryContext *context);
ShuatiMatchKind      shuati_query_node_match_text (const ShuatiQueryNode *node,
                                                  const char             *text,
                                                  gsize                   length);
void                 shuati_query_node_collect_patterns (const ShuatiQueryNode *node,
                                                  GPtrArray              *patterns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiQueryNode, shuati_query_node_free)

G_END_DECLS
