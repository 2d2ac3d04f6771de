/* shuati-query.c: the search language
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words (all must match), "exact phrase", -word, OR, parentheses,
 * field:word, tag:prefix*, is:state and prop:name<number. The parser
 * reads what the user typed, so that an error names a position in it.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-fsrs.h"
#include "shuati-text.h"
#include "shuati-query.h"

/* Parentheses nest no deeper: recursion stays small whatever is typed. */
#define MAX_DEPTH 64

struct _ShuatiQueryNode
{
  ShuatiQueryNodeKind  kind;
  GPtrArray           *children;
  ShuatiPinyinPattern *pattern;    /* TEXT */
  gboolean             phrase;     /* TEXT: the text itself, no pinyin */
  int                  field;      /* TEXT: a ShuatiField, or -1 for all */
  char                *value;      /* TAG, TOPIC, DECK: normalised */
  gboolean             prefix;     /* TAG, TOPIC, DECK: value ended in '*' */
  guint                state;      /* STATE: index in states[] */
  guint                property;   /* PROPERTY: index in properties[] */
  char                 op[3];      /* PROPERTY */
  double               number;     /* PROPERTY */
};

G_DEFINE_QUARK (shuati-query-error-quark, shuati_query_error)

/* States and properties --------------------------------------------------- */

typedef gboolean (*StateFunc) (ShuatiCard               *card,
                               const ShuatiMemory       *memory,
                               const ShuatiQueryContext *context);

static gboolean
state_is_new (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return memory->state == SHUATI_CARD_NEW;
}

static gboolean
state_is_learning (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return memory->state == SHUATI_CARD_LEARNING || memory->state == SHUATI_CARD_RELEARNING;
}

static gboolean
state_is_review (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return memory->state == SHUATI_CARD_REVIEW;
}

static gboolean
state_is_due (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return shuati_progress_is_due (context->progress, card);
}

static gboolean
state_is_starred (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return shuati_progress_is_starred (context->progress, card);
}

static gboolean
state_is_suspended (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return shuati_progress_is_suspended (context->progress, card);
}

static gboolean
state_is_buried (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return shuati_progress_is_buried (context->progress, card);
}

/* In the 错题本 (mistake book), by its exit rule or a manual mark. */
static gboolean
state_is_mistake (ShuatiCard *card, const ShuatiMemory *memory, const ShuatiQueryContext *context)
{
  return shuati_progress_is_mistake (context->progress, card);
}

/* A new state is one more row here. */
static const struct
{
  const char *name;
  StateFunc   func;
} states[] = {
  { "new", state_is_new },
  { "learning", state_is_learning },
  { "review", state_is_review },
  { "due", state_is_due },
  { "starred", state_is_starred },
  { "suspended", state_is_suspended },
  { "buried", state_is_buried },
  { "mistake", state_is_mistake },
};

/* Returns FALSE when the card has no such value (a new card has no
 * interval): then no comparison holds. */
typedef gboolean (*PropertyFunc) (const ShuatiMemory       *memory,
                                  const ShuatiQueryContext *context,
                                  double                   *value);

static gboolean
property_lapses (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  *value = memory->lapses;
  return TRUE;
}

static gboolean
property_reviews (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  *value = memory->reps;
  return TRUE;
}

static gboolean
property_interval (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  if (memory->state == SHUATI_CARD_NEW || memory->last_review == 0)
    return FALSE;
  *value = (double)(memory->due - memory->last_review) / (24 * 60 * 60);
  return TRUE;
}

static gboolean
property_due (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  if (memory->state == SHUATI_CARD_NEW)
    return FALSE;
  /* Days from now, rounded down: 0 is today, negative is overdue. */
  *value = floor ((double)(memory->due - context->now) / (24 * 60 * 60));
  return TRUE;
}

static gboolean
property_retrievability (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  if (memory->state == SHUATI_CARD_NEW || memory->last_review == 0 || memory->stability <= 0)
    return FALSE;
  *value = shuati_fsrs_retrievability (MAX (0.0, (double)(context->now - memory->last_review) / (24 * 60 * 60)),
                                       memory->stability);
  return TRUE;
}

static gboolean
property_stability (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  if (memory->state == SHUATI_CARD_NEW)
    return FALSE;
  *value = memory->stability;
  return TRUE;
}

static gboolean
property_difficulty (const ShuatiMemory *memory, const ShuatiQueryContext *context, double *value)
{
  if (memory->state == SHUATI_CARD_NEW)
    return FALSE;
  *value = memory->difficulty;
  return TRUE;
}

static const struct
{
  const char   *name;
  PropertyFunc  func;
} properties[] = {
  { "lapses", property_lapses },
  { "reviews", property_reviews },
  { "ivl", property_interval },
  { "due", property_due },
  { "r", property_retrievability },
  { "s", property_stability },
  { "d", property_difficulty },
};

static const struct
{
  const char *name;
  int         field;
} text_fields[] = {
  { "title", SHUATI_FIELD_TITLE },
  { "question", SHUATI_FIELD_QUESTION },
  { "answer", SHUATI_FIELD_ANSWER },
  { "explanation", SHUATI_FIELD_EXPLANATION },
};

/* Nodes ------------------------------------------------------------------- */

static ShuatiQueryNode *
node_new (ShuatiQueryNodeKind kind)
{
  ShuatiQueryNode *node = g_new0 (ShuatiQueryNode, 1);

  node->kind = kind;
  node->field = -1;
  if (kind == SHUATI_QUERY_AND || kind == SHUATI_QUERY_OR || kind == SHUATI_QUERY_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)shuati_query_node_free);
  return node;
}

void
shuati_query_node_free (ShuatiQueryNode *node)
{
  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->pattern, shuati_pinyin_pattern_free);
  g_free (node->value);
  g_free (node);
}

ShuatiQueryNodeKind
shuati_query_node_get_kind (const ShuatiQueryNode *node)
{
  return node->kind;
}

guint
shuati_query_node_get_n_children (const ShuatiQueryNode *node)
{
  return node->children != NULL ? node->children->len : 0;
}

const ShuatiQueryNode *
shuati_query_node_get_child (const ShuatiQueryNode *node,
                             guint                  position)
{
  g_return_val_if_fail (node->children != NULL && position < node->children->len, NULL);
  return g_ptr_array_index (node->children, position);
}

const ShuatiPinyinPattern *
shuati_query_node_get_pattern (const ShuatiQueryNode *node)
{
  return node->pattern;
}

static char *
normalize_fold (const char *text,
                gssize      length)
{
  char *normalized = shuati_text_normalize (text, length);

  shuati_pinyin_fold_in_place (normalized, strlen (normalized));
  return normalized;
}

/* Parser ------------------------------------------------------------------ */

typedef struct
{
  const char  *text;
  const char  *p;
  guint        depth;
  guint       *error_position;
  GError     **error;
  gboolean     failed;
} Parser;

static gpointer
fail (Parser           *self,
      const char       *at,
      ShuatiQueryError  code,
      const char       *message)
{
  guint position = g_utf8_pointer_to_offset (self->text, at);

  self->failed = TRUE;
  if (self->error_position != NULL)
    *self->error_position = position;
  g_set_error_literal (self->error, SHUATI_QUERY_ERROR, code, message);
  return NULL;
}

static gboolean
is_space_at (const char *p)
{
  return *p != '\0' && g_unichar_isspace (g_utf8_get_char (p));
}

static void
skip_space (Parser *self)
{
  while (is_space_at (self->p))
    self->p = g_utf8_next_char (self->p);
}

static gboolean
ends_token (const char *p)
{
  return *p == '\0' || *p == '(' || *p == ')' || is_space_at (p);
}

static gboolean
at_keyword (Parser     *self,
            const char *keyword)
{
  gsize n = strlen (keyword);

  return strncmp (self->p, keyword, n) == 0 && ends_token (self->p + n);
}

/* Opening and closing quotes: ASCII, and the curly ones Chinese input
 * methods type. */
static gboolean
at_open_quote (const char *p)
{
  return *p == '"' || g_str_has_prefix (p, "\xe2\x80\x9c");
}

static const char *
find_close_quote (const char *p)
{
  for (; *p != '\0'; p = g_utf8_next_char (p))
    if (*p == '"' || g_str_has_prefix (p, "\xe2\x80\x9d"))
      return p;
  return NULL;
}

/* Reads a "phrase" or a bare value; returns its bounds. */
static gboolean
read_value (Parser      *self,
            const char **start,
            const char **end,
            gboolean    *quoted)
{
  if (at_open_quote (self->p))
    {
      const char *open = self->p;
      const char *close;

      self->p = g_utf8_next_char (self->p);
      close = find_close_quote (self->p);
      if (close == NULL)
        {
          fail (self, open, SHUATI_QUERY_ERROR_UNCLOSED_QUOTE,
                _("This quote is never closed"));
          return FALSE;
        }
      *start = self->p;
      *end = close;
      *quoted = TRUE;
      self->p = g_utf8_next_char (close);
      return TRUE;
    }

  *start = self->p;
  while (!ends_token (self->p))
    self->p = g_utf8_next_char (self->p);
  *end = self->p;
  *quoted = FALSE;
  return TRUE;
}

static ShuatiQueryNode *
text_node (const char *start,
           const char *end,
           gboolean    phrase,
           int         field)
{
  ShuatiQueryNode *node = node_new (SHUATI_QUERY_TEXT);
  g_autofree char *normalized = shuati_text_normalize (start, end - start);

  node->pattern = shuati_pinyin_pattern_new (normalized);
  node->phrase = phrase;
  node->field = field;
  return node;
}

static ShuatiQueryNode *
parse_property (Parser     *self,
                const char *at,
                const char *start,
                const char *end)
{
  static const char * const ops[] = { "<=", ">=", "!=", "<", ">", "=" };
  ShuatiQueryNode *node;
  const char *p = start;
  g_autofree char *number_text = NULL;
  char *number_end;
  double number;
  int property = -1;

  while (p < end && g_ascii_isalpha (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if ((gsize)(p - start) == strlen (properties[i].name) &&
        g_ascii_strncasecmp (start, properties[i].name, p - start) == 0)
      property = i;
  if (property < 0)
    return fail (self, start, SHUATI_QUERY_ERROR_UNKNOWN_PROPERTY,
                 _("Unknown property; use lapses, reviews, ivl, due, r, s or d"));

  node = node_new (SHUATI_QUERY_PROPERTY);
  node->property = property;
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_str_has_prefix (p, ops[i]) && p + strlen (ops[i]) <= end)
      {
        strcpy (node->op, ops[i]);
        p += strlen (ops[i]);
        break;
      }
  if (node->op[0] == '\0')
    {
      shuati_query_node_free (node);
      return fail (self, p, SHUATI_QUERY_ERROR_BAD_COMPARISON,
                   _("Expected a comparison: <, <=, >, >=, = or !="));
    }

  number_text = g_strndup (p, end - p);
  number = g_ascii_strtod (number_text, &number_end);
  if (number_text[0] == '\0' || *number_end != '\0' || !isfinite (number) ||
      g_ascii_isspace (number_text[0]))
    {
      shuati_query_node_free (node);
      return fail (self, p, SHUATI_QUERY_ERROR_BAD_COMPARISON, _("Expected a number"));
    }
  node->number = number;
  return node;
}

static ShuatiQueryNode *
parse_atom (Parser *self)
{
  const char *at = self->p;
  const char *name_end = self->p;
  const char *start;
  const char *end;
  gboolean quoted;

  while (g_ascii_isalpha (*name_end))
    name_end++;

  if (*name_end == ':' && name_end > at)
    {
      gsize n = name_end - at;
      int field = -2;
      ShuatiQueryNodeKind kind = SHUATI_QUERY_TEXT;

      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        if (n == strlen (text_fields[i].name) && g_ascii_strncasecmp (at, text_fields[i].name, n) == 0)
          field = text_fields[i].field;
      if (field == -2)
        {
          if (n == 3 && g_ascii_strncasecmp (at, "tag", n) == 0)
            kind = SHUATI_QUERY_TAG;
          else if (n == 5 && g_ascii_strncasecmp (at, "topic", n) == 0)
            kind = SHUATI_QUERY_TOPIC;
          else if (n == 4 && g_ascii_strncasecmp (at, "deck", n) == 0)
            kind = SHUATI_QUERY_DECK;
          else if (n == 2 && g_ascii_strncasecmp (at, "is", n) == 0)
            kind = SHUATI_QUERY_STATE;
          else if (n == 4 && g_ascii_strncasecmp (at, "prop", n) == 0)
            kind = SHUATI_QUERY_PROPERTY;
          else
            goto plain;   /* not a field: "c++:" or "note:" are words */
        }

      self->p = name_end + 1;
      if (!read_value (self, &start, &end, &quoted))
        return NULL;
      if (start == end)
        return fail (self, at, SHUATI_QUERY_ERROR_EMPTY_VALUE,
                     _("This field needs something after the colon"));

      switch (kind)
        {
        case SHUATI_QUERY_TEXT:
          return text_node (start, end, quoted, field);

        case SHUATI_QUERY_TAG:
        case SHUATI_QUERY_TOPIC:
        case SHUATI_QUERY_DECK:
          {
            ShuatiQueryNode *node = node_new (kind);

            if (!quoted && end[-1] == '*')
              {
                node->prefix = TRUE;
                end--;
              }
            node->value = normalize_fold (start, end - start);
            return node;
          }

        case SHUATI_QUERY_STATE:
          for (guint i = 0; i < G_N_ELEMENTS (states); i++)
            if ((gsize)(end - start) == strlen (states[i].name) &&
                g_ascii_strncasecmp (start, states[i].name, end - start) == 0)
              {
                ShuatiQueryNode *node = node_new (kind);

                node->state = i;
                return node;
              }
          return fail (self, start, SHUATI_QUERY_ERROR_UNKNOWN_STATE,
                       _("Unknown state; use new, learning, review, due, starred, suspended, buried or mistake"));

        case SHUATI_QUERY_PROPERTY:
          return parse_property (self, at, start, end);

        case SHUATI_QUERY_AND:
        case SHUATI_QUERY_OR:
        case SHUATI_QUERY_NOT:
        default:
          g_assert_not_reached ();
        }
    }

plain:
  self->p = at;
  if (!read_value (self, &start, &end, &quoted))
    return NULL;
  if (quoted && start == end)
    return fail (self, at, SHUATI_QUERY_ERROR_EMPTY_VALUE, _("These quotes are empty"));
  return text_node (start, end, quoted, -1);
}

static ShuatiQueryNode *parse_or (Parser *self);

static ShuatiQueryNode *
parse_unary (Parser *self)
{
  const char *at = self->p;

  if (*self->p == '-')
    {
      ShuatiQueryNode *child;
      ShuatiQueryNode *node;

      self->p++;
      if (*self->p == ')' || *self->p == '\0' || is_space_at (self->p))
        return fail (self, at, SHUATI_QUERY_ERROR_MISSING_OPERAND,
                     _("Nothing to leave out after the minus sign"));
      child = parse_unary (self);
      if (child == NULL)
        return NULL;
      node = node_new (SHUATI_QUERY_NOT);
      g_ptr_array_add (node->children, child);
      return node;
    }

  if (*self->p == '(')
    {
      ShuatiQueryNode *inner;

      if (++self->depth > MAX_DEPTH)
        return fail (self, at, SHUATI_QUERY_ERROR_TOO_DEEP, _("Too many nested parentheses"));
      self->p++;
      inner = parse_or (self);
      if (self->failed)
        return NULL;
      skip_space (self);
      if (*self->p != ')')
        {
          shuati_query_node_free (inner);
          return fail (self, at, SHUATI_QUERY_ERROR_UNCLOSED_PARENTHESIS,
                       _("This parenthesis is never closed"));
        }
      self->p++;
      self->depth--;
      if (inner == NULL)
        return fail (self, at, SHUATI_QUERY_ERROR_EMPTY_PARENTHESES, _("These parentheses are empty"));
      return inner;
    }

  return parse_atom (self);
}

/* Returns NULL without an error when there is nothing to parse. */
static ShuatiQueryNode *
parse_and (Parser *self)
{
  g_autoptr(ShuatiQueryNode) node = node_new (SHUATI_QUERY_AND);

  for (;;)
    {
      ShuatiQueryNode *child;

      skip_space (self);
      if (*self->p == '\0' || *self->p == ')' || at_keyword (self, "OR"))
        break;
      if (at_keyword (self, "AND"))
        {
          self->p += 3;
          continue;
        }
      child = parse_unary (self);
      if (child == NULL)
        return NULL;
      g_ptr_array_add (node->children, child);
    }

  if (node->children->len == 0)
    return NULL;
  if (node->children->len == 1)
    return g_ptr_array_steal_index (node->children, 0);
  return g_steal_pointer (&node);
}

static ShuatiQueryNode *
parse_or (Parser *self)
{
  g_autoptr(ShuatiQueryNode) node = NULL;
  ShuatiQueryNode *left;

  left = parse_and (self);
  if (self->failed)
    return NULL;

  skip_space (self);
  if (!at_keyword (self, "OR"))
    return left;

  node = node_new (SHUATI_QUERY_OR);
  if (left != NULL)
    g_ptr_array_add (node->children, left);

  while (at_keyword (self, "OR"))
    {
      const char *at = self->p;
      ShuatiQueryNode *right;

      if (node->children->len == 0)
        return fail (self, at, SHUATI_QUERY_ERROR_MISSING_OPERAND,
                     _("OR needs something to search on both sides"));
      self->p += 2;
      right = parse_and (self);
      if (self->failed)
        return NULL;
      if (right == NULL)
        return fail (self, at, SHUATI_QUERY_ERROR_MISSING_OPERAND,
                     _("OR needs something to search on both sides"));
      g_ptr_array_add (node->children, right);
      skip_space (self);
    }

  return g_steal_pointer (&node);
}

/**
 * shuati_query_parse:
 * @text: what the user typed
 * @error_position: (out) (optional): where the error is, in characters
 *   from the start of @text
 *
 * Returns: (transfer full) (nullable): the query; %NULL with no error when
 *   @text holds nothing to search for
 */
ShuatiQueryNode *
shuati_query_parse (const char  *text,
                    guint       *error_position,
                    GError     **error)
{
  Parser parser = { text, text, 0, error_position, error, FALSE };
  ShuatiQueryNode *node;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  node = parse_or (&parser);
  if (parser.failed)
    return NULL;

  skip_space (&parser);
  if (*parser.p == ')')
    {
      shuati_query_node_free (node);
      return fail (&parser, parser.p, SHUATI_QUERY_ERROR_UNEXPECTED_PARENTHESIS,
                   _("This parenthesis closes nothing"));
    }
  g_assert (*parser.p == '\0');

  return node;
}

/**
 * shuati_query_node_new_words:
 * @words: words that all have to match, as they are: no operators
 *
 * What a search of the GNOME Shell becomes: its terms are words, never
 * the query language.
 *
 * Returns: (transfer full) (nullable): the query; %NULL if @words is empty
 */
ShuatiQueryNode *
shuati_query_node_new_words (const char * const *words)
{
  g_autoptr(ShuatiQueryNode) node = node_new (SHUATI_QUERY_AND);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (words[i][0] != '\0' && g_utf8_validate (words[i], -1, NULL))
      g_ptr_array_add (node->children, text_node (words[i], words[i] + strlen (words[i]), FALSE, -1));

  if (node->children->len == 0)
    return NULL;
  return g_steal_pointer (&node);
}

/* Matching ---------------------------------------------------------------- */

static ShuatiMatchKind
match_text (const ShuatiQueryNode *node,
            const char            *text,
            gsize                  length)
{
  if (node->phrase)
    return strstr (text, shuati_pinyin_pattern_get_word (node->pattern)) != NULL
           ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;
  return shuati_pinyin_pattern_find (node->pattern, text, length, NULL, NULL);
}

static gboolean
match_value (const ShuatiQueryNode *node,
             const char            *text,
             gboolean               substring)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return FALSE;
  normalized = normalize_fold (text, -1);
  if (substring)
    return strstr (normalized, node->value) != NULL;
  if (node->prefix)
    return g_str_has_prefix (normalized, node->value);
  return g_str_equal (normalized, node->value);
}

static gboolean
compare (const char *op,
         double      a,
         double      b)
{
  if (g_str_equal (op, "<"))
    return a < b;
  if (g_str_equal (op, "<="))
    return a <= b;
  if (g_str_equal (op, ">"))
    return a > b;
  if (g_str_equal (op, ">="))
    return a >= b;
  if (g_str_equal (op, "="))
    return fabs (a - b) < 1e-9;
  return fabs (a - b) >= 1e-9;
}

static ShuatiMatchKind
match_node (const ShuatiQueryNode    *node,
            ShuatiCard               *card,
            const char               *text,
            gsize                     length,
            const ShuatiQueryContext *context)
{
  ShuatiMatchKind kind;

  if (card == NULL && node != NULL && node->kind != SHUATI_QUERY_AND &&
      node->kind != SHUATI_QUERY_OR && node->kind != SHUATI_QUERY_NOT)
    return node->kind == SHUATI_QUERY_TEXT ? match_text (node, text, length) : SHUATI_MATCH_NONE;

  if (node == NULL)
    return SHUATI_MATCH_EXACT;

  switch (node->kind)
    {
    case SHUATI_QUERY_AND:
      kind = SHUATI_MATCH_EXACT;
      for (guint i = 0; i < node->children->len && kind != SHUATI_MATCH_NONE; i++)
        kind = MIN (kind, match_node (g_ptr_array_index (node->children, i), card, text, length, context));
      return kind;

    case SHUATI_QUERY_OR:
      kind = SHUATI_MATCH_NONE;
      for (guint i = 0; i < node->children->len && kind != SHUATI_MATCH_EXACT; i++)
        kind = MAX (kind, match_node (g_ptr_array_index (node->children, i), card, text, length, context));
      return kind;

    case SHUATI_QUERY_NOT:
      return match_node (g_ptr_array_index (node->children, 0), card, text, length, context) == SHUATI_MATCH_NONE
             ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;

    case SHUATI_QUERY_TEXT:
      if (node->field < 0)
        return match_text (node, text, length);
      else
        {
          const ShuatiLocalized *loc = shuati_card_get_localized (card, node->field);

          kind = SHUATI_MATCH_NONE;
          for (guint i = 0; loc != NULL && i < shuati_localized_get_n_entries (loc); i++)
            {
              const char *field_text = shuati_localized_get_exact (loc, shuati_localized_get_language (loc, i));
              g_autofree char *normalized = NULL;

              if (field_text == NULL)
                continue;
              normalized = normalize_fold (field_text, -1);
              kind = MAX (kind, match_text (node, normalized, strlen (normalized)));
            }
          return kind;
        }

    case SHUATI_QUERY_TAG:
      {
        const char * const *tags = shuati_card_get_tags (card);

        for (guint i = 0; tags[i] != NULL; i++)
          if (match_value (node, tags[i], FALSE))
            return SHUATI_MATCH_EXACT;
        return SHUATI_MATCH_NONE;
      }

    case SHUATI_QUERY_TOPIC:
      return match_value (node, shuati_card_get_topic_id (card), !node->prefix)
             ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;

    case SHUATI_QUERY_DECK:
      return match_value (node, shuati_card_get_deck_id (card), !node->prefix)
             ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;

    case SHUATI_QUERY_STATE:
      if (context == NULL || context->progress == NULL)
        return SHUATI_MATCH_NONE;
      return states[node->state].func (card, shuati_progress_get_memory (context->progress, card), context)
             ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;

    case SHUATI_QUERY_PROPERTY:
      {
        double value;

        if (context == NULL || context->progress == NULL)
          return SHUATI_MATCH_NONE;
        if (!properties[node->property].func (shuati_progress_get_memory (context->progress, card),
                                              context, &value))
          return SHUATI_MATCH_NONE;
        return compare (node->op, value, node->number) ? SHUATI_MATCH_EXACT : SHUATI_MATCH_NONE;
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * shuati_query_node_match:
 * @context: (nullable): progress for is: and prop:
 *
 * Returns: how well @card matches; %SHUATI_MATCH_NONE if it does not
 */
ShuatiMatchKind
shuati_query_node_match (const ShuatiQueryNode    *node,
                         ShuatiCard               *card,
                         const ShuatiQueryContext *context)
{
  g_return_val_if_fail (SHUATI_IS_CARD (card), SHUATI_MATCH_NONE);
  return match_node (node, card, shuati_card_get_search_text (card),
                     shuati_card_get_search_text_length (card), context);
}

/**
 * shuati_query_node_match_text:
 * @text: normalised, folded text
 *
 * Matches the words of @node against @text alone: fields, tags and
 * states match nothing.
 */
ShuatiMatchKind
shuati_query_node_match_text (const ShuatiQueryNode *node,
                              const char            *text,
                              gsize                  length)
{
  return match_node (node, NULL, text, length, NULL);
}

/**
 * shuati_query_node_is_plain:
 *
 * Returns: whether @node is words that all have to match, without
 *   fields, phrases or operators: a keystroke can then only narrow it
 */
gboolean
shuati_query_node_is_plain (const ShuatiQueryNode *node)
{
  if (node == NULL)
    return TRUE;
  if (node->kind == SHUATI_QUERY_TEXT)
    return node->field < 0 && !node->phrase;
  if (node->kind != SHUATI_QUERY_AND)
    return FALSE;
  for (guint i = 0; i < node->children->len; i++)
    if (!shuati_query_node_is_plain (g_ptr_array_index (node->children, i)))
      return FALSE;
  return TRUE;
}

/**
 * shuati_query_node_collect_patterns:
 * @patterns: (element-type ShuatiPinyinPattern): where to add them
 *
 * Adds the patterns of the text @node looks for, not those it excludes:
 * what a row highlights.
 */
void
shuati_query_node_collect_patterns (const ShuatiQueryNode *node,
                                    GPtrArray             *patterns)
{
  if (node == NULL || node->kind == SHUATI_QUERY_NOT)
    return;
  if (node->kind == SHUATI_QUERY_TEXT)
    g_ptr_array_add (patterns, node->pattern);
  if (node->children != NULL)
    for (guint i = 0; i < node->children->len; i++)
      shuati_query_node_collect_patterns (g_ptr_array_index (node->children, i), patterns);
}

/**
 * shuati_query_node_get_field:
 *
 * Returns: the #ShuatiField a text node looks in, or -1 for the whole
 *   search text of a card
 */
int
shuati_query_node_get_field (const ShuatiQueryNode *node)
{
  g_return_val_if_fail (node != NULL && node->kind == SHUATI_QUERY_TEXT, -1);
  return node->field;
}

/**
 * shuati_query_node_is_phrase:
 *
 * Returns: whether a text node looks for its text itself, without pinyin
 */
gboolean
shuati_query_node_is_phrase (const ShuatiQueryNode *node)
{
  g_return_val_if_fail (node != NULL && node->kind == SHUATI_QUERY_TEXT, FALSE);
  return node->phrase;
}
