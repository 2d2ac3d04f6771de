/* shuati-import-markdown.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-import-private.h"

/*
 * A Markdown question bank is read in three passes over its lines: each
 * line is classified once (heading, label, metadata comment, fenced
 * code), the heading level that holds the cards is chosen, and then every
 * card's fields are cut out of the text as byte ranges, so that what is
 * between the labels reaches the card unchanged but for its outer white
 * space.
 */

enum
{
  KIND_TEXT,
  KIND_BLANK,
  KIND_HEADING,
  KIND_META,
  KIND_FENCED,
  KIND_VERBATIM,        /* the lines that open and close a verbatim field */
};

typedef struct
{
  gsize   start;
  gsize   end;          /* the "\n" or the end of the text */
  guint8  kind;
  guint8  level;        /* of a heading */
  gint8   label;        /* the ShuatiField a label line starts, or -1 */
  guint32 content;      /* where the text after the label starts, from @start */
} Line;

typedef struct
{
  const char  *text;
  gsize        length;
  ShuatiDraft *draft;
  GArray      *lines;
  GArray      *headings;  /* of guint, indexes into @lines */
  gboolean     fence_open;
} Reader;

static const struct {
  const char *word;
  ShuatiField field;
} labels[] = {
  { "题目", SHUATI_FIELD_QUESTION },
  { "问题", SHUATI_FIELD_QUESTION },
  { "question", SHUATI_FIELD_QUESTION },
  { "q", SHUATI_FIELD_QUESTION },
  { "答案", SHUATI_FIELD_ANSWER },
  { "回答", SHUATI_FIELD_ANSWER },
  { "answer", SHUATI_FIELD_ANSWER },
  { "a", SHUATI_FIELD_ANSWER },
  { "解析", SHUATI_FIELD_EXPLANATION },
  { "解释", SHUATI_FIELD_EXPLANATION },
  { "explanation", SHUATI_FIELD_EXPLANATION },
};

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

static const char *
skip_colon (const char *p,
            const char *end)
{
  if (p < end && *p == ':')
    return p + 1;
  if (end - p >= 3 && memcmp (p, "：", 3) == 0)
    return p + 3;
  return NULL;
}

/* "**题目：**", "**Question**:", "Answer:", "Q:", "__A:__": the field the
 * line starts, and where its text begins. */
static int
parse_label (const char *p,
             const char *end,
             gsize      *content)
{
  const char *start = p;
  const char *marker = NULL;

  if (end - p >= 2 && (memcmp (p, "**", 2) == 0 || memcmp (p, "__", 2) == 0))
    {
      marker = p;
      p += 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize len = strlen (labels[i].word);
      const char *t;
      const char *after;

      if ((gsize)(end - p) < len || g_ascii_strncasecmp (p, labels[i].word, len) != 0)
        continue;

      t = skip_spaces (p + len, end);
      after = skip_colon (t, end);
      if (after != NULL)
        {
          if (marker != NULL)
            {
              after = skip_spaces (after, end);
              if (end - after < 2 || memcmp (after, marker, 2) != 0)
                continue;
              after += 2;
            }
        }
      else if (marker != NULL && end - t >= 2 && memcmp (t, marker, 2) == 0)
        {
          t += 2;
          after = skip_colon (skip_spaces (t, end), end);
          if (after == NULL)
            {
              /* "**答案**" alone on its line; a bare letter needs its colon. */
              if (len == 1 || skip_spaces (t, end) != end)
                continue;
              after = t;
            }
        }
      else
        continue;

      *content = after - start;
      return labels[i].field;
    }

  return -1;
}

static gboolean
is_meta (const char *p,
         const char *end)
{
  return end - p >= 4 && memcmp (p, "<!--", 4) == 0 &&
         g_str_has_prefix (skip_spaces (p + 4, end), "shuati:");
}

/* "<!-- shuati: verbatim=N -->" opens a field the exporter wrote as it
 * is: every line up to "<!-- shuati: end=N -->" is text, whatever it
 * looks like. Returns N, or 0 when the line is no such opening or the
 * closing line is missing. */
static guint
verbatim_opening (const char *p,
                  const char *e,
                  const char *text_end)
{
  static const char prefix[] = "<!-- shuati: verbatim=";
  g_autofree char *closing = NULL;
  guint64 n = 0;
  const char *q;

  if ((gsize)(e - p) < strlen (prefix) || memcmp (p, prefix, strlen (prefix)) != 0)
    return 0;
  q = p + strlen (prefix);
  while (q < e && g_ascii_isdigit (*q) && n < 100000)
    n = n * 10 + (*q++ - '0');
  if (n == 0 || e - q != 4 || memcmp (q, " -->", 4) != 0)
    return 0;

  closing = g_strdup_printf ("\n<!-- shuati: end=%u -->", (guint)n);
  for (const char *c = g_strstr_len (e, text_end - e, closing); c != NULL;
       c = g_strstr_len (c + 1, text_end - (c + 1), closing))
    {
      const char *after = c + strlen (closing);

      if (after == text_end || *after == '\n')
        return (guint)n;
    }
  return 0;
}

static gboolean
is_verbatim_closing (const char *p,
                     const char *e,
                     guint       n)
{
  g_autofree char *closing = g_strdup_printf ("<!-- shuati: end=%u -->", n);

  return (gsize)(e - p) == strlen (closing) && memcmp (p, closing, e - p) == 0;
}

/* Fences: ``` or ~~~, three or more, closed by at least as many. */
static guint
fence_length (const char *p,
              const char *end,
              char       *fence_char)
{
  guint n = 0;

  if (p >= end || (*p != '`' && *p != '~'))
    return 0;
  while (p + n < end && p[n] == *p)
    n++;
  if (n < 3)
    return 0;
  *fence_char = *p;
  return n;
}

static void
classify_lines (Reader *reader)
{
  const char *text = reader->text;
  char open_fence = 0;
  guint open_length = 0;
  guint verbatim = 0;
  gsize start = 0;

  while (start <= reader->length)
    {
      const char *nl = memchr (text + start, '\n', reader->length - start);
      gsize end = nl != NULL ? (gsize)(nl - text) : reader->length;
      const char *p = text + start;
      const char *e = text + end;
      Line line = { start, end, KIND_TEXT, 0, -1, 0 };
      char fence_char = 0;
      guint n_fence;
      guint indent = 0;

      while (p < e && *p == ' ' && indent < 4)
        {
          p++;
          indent++;
        }

      n_fence = indent < 4 ? fence_length (p, e, &fence_char) : 0;
      if (verbatim != 0)
        {
          if (is_verbatim_closing (text + start, e, verbatim))
            {
              line.kind = KIND_VERBATIM;
              verbatim = 0;
            }
        }
      else if (open_fence == 0 && (verbatim = verbatim_opening (text + start, e, text + reader->length)) != 0)
        line.kind = KIND_VERBATIM;
      else if (open_fence != 0)
        {
          line.kind = KIND_FENCED;
          if (n_fence >= open_length && fence_char == open_fence && skip_spaces (p + n_fence, e) == e)
            open_fence = 0;
        }
      else if (n_fence > 0)
        {
          line.kind = KIND_FENCED;
          open_fence = fence_char;
          open_length = n_fence;
        }
      else if (skip_spaces (p, e) == e)
        line.kind = KIND_BLANK;
      else if (indent < 4 && *p == '#')
        {
          guint level = 0;

          while (p + level < e && p[level] == '#')
            level++;
          if (level <= 6 && (p + level == e || p[level] == ' ' || p[level] == '\t'))
            {
              line.kind = KIND_HEADING;
              line.level = level;
              line.content = (p + level) - (text + start);
            }
        }
      else if (indent < 4 && is_meta (p, e))
        line.kind = KIND_META;
      else if (indent < 4)
        {
          gsize content;
          int field = parse_label (p, e, &content);

          if (field >= 0)
            {
              line.label = field;
              line.content = (p - (text + start)) + content;
            }
        }

      g_array_append_val (reader->lines, line);
      if (line.kind == KIND_HEADING)
        {
          guint index = reader->lines->len - 1;
          g_array_append_val (reader->headings, index);
        }

      if (nl == NULL)
        break;
      start = end + 1;
    }

  reader->fence_open = open_fence != 0;
}

static inline Line *
line_at (Reader *reader,
         guint   index)
{
  return &g_array_index (reader->lines, Line, index);
}

/* The heading's text without its "#"s and closing "#"s. */
static char *
heading_text (Reader *reader,
              Line   *line)
{
  const char *p = reader->text + line->start + line->content;
  const char *e = reader->text + line->end;

  while (e > p && g_ascii_isspace (e[-1]))
    e--;
  if (e > p && e[-1] == '#')
    {
      const char *h = e;

      while (h > p && h[-1] == '#')
        h--;
      if (h == p || h[-1] == ' ' || h[-1] == '\t')
        e = h;
    }

  return g_strstrip (g_strndup (p, e - p));
}

/* "12. title", "12、title", "12) title": the number, and the title. */
static guint
split_number (char  *heading,
              char **title)
{
  char *p = heading;
  guint64 number = 0;
  guint digits = 0;

  while (g_ascii_isdigit (*p) && digits < 9)
    {
      number = number * 10 + (*p - '0');
      p++;
      digits++;
    }

  *title = heading;
  if (digits == 0 || number == 0 || g_ascii_isdigit (*p))
    return 0;

  if ((*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t'))
    p += 1;
  else if (g_str_has_prefix (p, "、") || g_str_has_prefix (p, "．"))
    p += 3;
  else
    return 0;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0')
    return 0;

  *title = p;
  return (guint)number;
}

typedef struct
{
  char *deck;
  char *language;
  char *topic;
  char *id;
  GStrv tags;
  GStrv topics;
} Meta;

static void
meta_clear (Meta *meta)
{
  g_clear_pointer (&meta->deck, g_free);
  g_clear_pointer (&meta->language, g_free);
  g_clear_pointer (&meta->topic, g_free);
  g_clear_pointer (&meta->id, g_free);
  g_clear_pointer (&meta->tags, g_strfreev);
  g_clear_pointer (&meta->topics, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Meta, meta_clear)

static void
take_value (char       **slot,
            const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* "<!-- shuati: id=llm-001 tags=a,b -->", as the exporter writes it. */
static void
parse_meta (Reader *reader,
            Line   *line,
            guint   line_number,
            Meta   *meta)
{
  const char *p = reader->text + line->start;
  const char *e = reader->text + line->end;
  const char *body = strstr (p, "shuati:");
  g_autofree char *inner = NULL;
  g_auto(GStrv) words = NULL;
  const char *close;

  body += strlen ("shuati:");
  close = g_strstr_len (body, e - body, "-->");
  if (close == NULL)
    {
      shuati_draft_warn (reader->draft, line_number, _("a Shuati comment that is not closed is ignored"));
      return;
    }

  inner = g_strndup (body, close - body);
  words = g_strsplit_set (inner, " \t", -1);
  for (guint i = 0; words[i]; i++)
    {
      char *eq = strchr (words[i], '=');
      const char *value;

      if (words[i][0] == '\0')
        continue;
      if (eq == NULL)
        {
          shuati_draft_warn (reader->draft, line_number, _("“%s” in a Shuati comment is ignored"), words[i]);
          continue;
        }
      *eq = '\0';
      value = eq + 1;

      if (g_str_equal (words[i], "topics"))
        {
          g_clear_pointer (&meta->topics, g_strfreev);
          meta->topics = g_strsplit (value, ",", -1);
          continue;
        }

      if (g_str_equal (words[i], "tags"))
        {
          g_auto(GStrv) tags = g_strsplit (value, ",", -1);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint t = 0; tags[t]; t++)
            if (shuati_deck_id_is_valid (tags[t]))
              g_strv_builder_add (builder, tags[t]);
            else if (tags[t][0] != '\0')
              shuati_draft_warn (reader->draft, line_number, _("the tag “%s” is not valid and is left out"), tags[t]);
          g_clear_pointer (&meta->tags, g_strfreev);
          meta->tags = g_strv_builder_end (builder);
          continue;
        }

      if (!shuati_deck_id_is_valid (value))
        {
          shuati_draft_warn (reader->draft, line_number, _("“%s” in a Shuati comment is not valid and is ignored"), value);
          continue;
        }

      if (g_str_equal (words[i], "deck"))
        take_value (&meta->deck, value);
      else if (g_str_equal (words[i], "language"))
        take_value (&meta->language, value);
      else if (g_str_equal (words[i], "topic"))
        take_value (&meta->topic, value);
      else if (g_str_equal (words[i], "id"))
        take_value (&meta->id, value);
      else
        shuati_draft_warn (reader->draft, line_number, _("“%s” in a Shuati comment is ignored"), words[i]);
    }
}

/* Reads the metadata comments right below line @index; returns the first
 * line after them. */
static guint
read_meta (Reader *reader,
           guint   index,
           guint   end,
           Meta   *meta)
{
  guint i = index;

  while (i < end && (line_at (reader, i)->kind == KIND_BLANK || line_at (reader, i)->kind == KIND_META))
    {
      if (line_at (reader, i)->kind == KIND_META)
        parse_meta (reader, line_at (reader, i), i + 1, meta);
      i++;
    }

  return i;
}

static const char *
line_end (const char *p)
{
  const char *nl = strchr (p, '\n');

  return nl != NULL ? nl : p + strlen (p);
}

/* The text between @start and @end without its outer white space; or,
 * when that is one verbatim block, exactly what is inside it. */
static char *
slice (Reader *reader,
       gsize   start,
       gsize   end)
{
  char *text;
  const char *inner;
  const char *close;
  guint n;

  if (end <= start)
    return g_strdup ("");
  text = g_strstrip (g_strndup (reader->text + start, end - start));

  inner = strchr (text, '\n');
  if (inner == NULL || (n = verbatim_opening (text, inner, text + strlen (text))) == 0)
    return text;
  /* The block closes on the last line, not before it. */
  close = inner;
  while (close != NULL && !is_verbatim_closing (close + 1, line_end (close + 1), n))
    close = strchr (close + 1, '\n');
  if (close == NULL || strchr (close + 1, '\n') != NULL)
    return text;

  {
    char *verbatim = close > inner ? g_strndup (inner + 1, close - inner - 1) : g_strdup ("");

    g_free (text);
    return verbatim;
  }
}

static gsize
offset_of_line (Reader *reader,
                guint   index)
{
  if (index >= reader->lines->len)
    return reader->length;
  return line_at (reader, index)->start;
}

static gboolean
ends_in_word (const char *text)
{
  const char *last;

  if (text == NULL || *text == '\0')
    return FALSE;
  last = g_utf8_find_prev_char (text, text + strlen (text));
  return last != NULL && g_unichar_isalpha (g_utf8_get_char (last));
}

/* Counts, per heading level, the headings that pass @test, and returns
 * the level with most of them (the deeper one on a tie), or 0. */
static guint
busiest_level (const guint counts[7])
{
  guint best = 0;

  for (guint level = 1; level <= 6; level++)
    if (counts[level] > 0 && counts[level] >= counts[best])
      best = level;

  return best;
}

static guint
choose_card_level (Reader *reader)
{
  guint labeled[7] = { 0, };
  guint numbered[7] = { 0, };
  guint with_body[7] = { 0, };
  guint level;

  for (guint h = 0; h < reader->headings->len; h++)
    {
      guint index = g_array_index (reader->headings, guint, h);
      guint next = h + 1 < reader->headings->len ? g_array_index (reader->headings, guint, h + 1)
                                                 : reader->lines->len;
      Line *heading = line_at (reader, index);
      g_autofree char *text = heading_text (reader, heading);
      char *title;
      gboolean has_label = FALSE;
      gboolean has_body = FALSE;

      for (guint i = index + 1; i < next; i++)
        {
          Line *line = line_at (reader, i);

          if (line->label == SHUATI_FIELD_QUESTION || line->label == SHUATI_FIELD_ANSWER)
            has_label = TRUE;
          if (line->kind == KIND_TEXT || line->kind == KIND_FENCED)
            has_body = TRUE;
        }

      if (*text == '\0')
        continue;
      labeled[heading->level] += has_label;
      numbered[heading->level] += split_number (text, &title) > 0;
      with_body[heading->level] += has_body;
    }

  if ((level = busiest_level (labeled)) > 0)
    return level;
  if ((level = busiest_level (numbered)) > 0)
    return level;
  return busiest_level (with_body);
}

static void
read_card (Reader     *reader,
           guint       index,
           guint       end,
           const char *topic_id,
           guint      *cards_with_explanation)
{
  ShuatiDraft *draft = reader->draft;
  Line *heading = line_at (reader, index);
  g_autofree char *text = heading_text (reader, heading);
  g_auto(Meta) meta = { NULL, };
  ShuatiDraftCard *card;
  guint first;
  guint number;
  char *title;
  gboolean labeled = FALSE;
  gboolean seen[SHUATI_N_FIELDS] = { FALSE, };
  int current = -1;
  gsize field_start = 0;
  gsize pre_end;

  number = split_number (text, &title);
  first = read_meta (reader, index + 1, end, &meta);

  for (guint i = first; i < end && !labeled; i++)
    labeled = line_at (reader, i)->label >= 0;

  card = shuati_draft_add_card (draft, index + 1);
  card->number = number;
  card->fields[SHUATI_FIELD_TITLE] = g_strdup (title);
  card->id = g_steal_pointer (&meta.id);
  card->tags = g_steal_pointer (&meta.tags);
  card->topic_id = g_strdup (topic_id);
  number = number != 0 ? number : draft->cards->len;

  if (!labeled)
    {
      card->fields[SHUATI_FIELD_QUESTION] = g_strdup (title);
      card->fields[SHUATI_FIELD_ANSWER] = slice (reader, offset_of_line (reader, first), offset_of_line (reader, end));
      return;
    }

  pre_end = offset_of_line (reader, end);
  for (guint i = first; i <= end; i++)
    {
      Line *line = i < end ? line_at (reader, i) : NULL;

      if (line != NULL && line->label < 0)
        continue;

      if (current >= 0)
        {
          g_autofree char *field = slice (reader, field_start, line != NULL ? line->start : offset_of_line (reader, end));
          char **slot = &card->fields[current];

          if (*slot == NULL || current == SHUATI_FIELD_TITLE)
            {
              g_free (*slot);
              *slot = g_steal_pointer (&field);
            }
          else
            {
              char *joined = g_strconcat (*slot, "\n\n", field, NULL);

              g_free (*slot);
              *slot = joined;
            }
        }
      else if (line != NULL)
        pre_end = line->start;

      if (line == NULL)
        break;

      current = line->label;
      if (seen[current])
        shuati_draft_warn (draft, i + 1, _("card %u: a second “%s” section is added to the first"),
                           number, current == SHUATI_FIELD_QUESTION ? _("question") :
                           current == SHUATI_FIELD_ANSWER ? _("answer") : _("explanation"));
      seen[current] = TRUE;
      field_start = line->start + line->content;
    }

  /* Text between the heading and the first label is the question when
   * there is no question label. */
  {
    g_autofree char *pre = slice (reader, offset_of_line (reader, first), pre_end);

    if (*pre != '\0')
      {
        if (!seen[SHUATI_FIELD_QUESTION])
          {
            card->fields[SHUATI_FIELD_QUESTION] = g_steal_pointer (&pre);
            seen[SHUATI_FIELD_QUESTION] = TRUE;
          }
        else
          shuati_draft_warn (draft, first + 1, _("card %u: the text before the first label is left out"), number);
      }
  }

  if (!seen[SHUATI_FIELD_QUESTION])
    shuati_draft_warn (draft, index + 1, _("card %u: no question; the title is used"), number);
  if (!seen[SHUATI_FIELD_ANSWER])
    shuati_draft_warn (draft, index + 1, _("card %u: no answer"), number);
  if (card->fields[SHUATI_FIELD_EXPLANATION] != NULL)
    (*cards_with_explanation)++;
}

/* Puts the topics named in @order first, in that order; the others
 * follow in the order they appeared. */
static void
order_topics (ShuatiDraft        *draft,
              const char * const *order)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint n = draft->topic_ids->len;
  g_autofree gboolean *taken = g_new0 (gboolean, n);

  for (guint o = 0; order[o]; o++)
    {
      for (guint position = 0; position < n; position++)
        {
          if (taken[position] || strcmp (g_ptr_array_index (draft->topic_ids, position), order[o]) != 0)
            continue;

          taken[position] = TRUE;
          g_ptr_array_add (ids, g_steal_pointer (&g_ptr_array_index (draft->topic_ids, position)));
          g_ptr_array_add (titles, g_steal_pointer (&g_ptr_array_index (draft->topic_titles, position)));
          break;
        }
    }
  for (guint i = 0; i < n; i++)
    if (!taken[i])
      {
        g_ptr_array_add (ids, g_steal_pointer (&g_ptr_array_index (draft->topic_ids, i)));
        g_ptr_array_add (titles, g_steal_pointer (&g_ptr_array_index (draft->topic_titles, i)));
      }

  g_ptr_array_unref (draft->topic_ids);
  g_ptr_array_unref (draft->topic_titles);
  draft->topic_ids = g_steal_pointer (&ids);
  draft->topic_titles = g_steal_pointer (&titles);
}

/**
 * shuati_import_markdown_needs_verbatim:
 * @text: a card's field or a deck's description
 *
 * Whether @text, written after a label, would come back from
 * shuati_import_markdown() changed: it has outer white space, or lines
 * that would read as headings, labels or Shuati comments, or a fence it
 * does not close. The exporter writes such text in a verbatim block.
 */
gboolean
shuati_import_markdown_needs_verbatim (const char *text)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (guint));
  Reader reader = { text, strlen (text), NULL, lines, headings, FALSE };

  if (reader.length == 0)
    return FALSE;
  if (g_ascii_isspace (text[0]) || g_ascii_isspace (text[reader.length - 1]))
    return TRUE;

  classify_lines (&reader);
  if (reader.fence_open || headings->len > 0)
    return TRUE;
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = line_at (&reader, i);

      if (line->kind == KIND_META || line->kind == KIND_VERBATIM || line->label >= 0)
        return TRUE;
    }
  return FALSE;
}

ShuatiDraft *
shuati_import_markdown (const char  *text,
                        gsize        length,
                        const char  *file_name,
                        GError     **error)
{
  g_autoptr(ShuatiDraft) draft = shuati_draft_new (file_name);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(Meta) deck_meta = { NULL, };
  Reader reader = { text, length, draft, lines, headings, FALSE };
  const char *topic_id = NULL;
  guint cards_with_explanation = 0;
  guint card_level;
  guint title_heading = G_MAXUINT;

  classify_lines (&reader);

  card_level = choose_card_level (&reader);
  if (card_level == 0)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_NO_CARDS, file_name, 0, 0,
                               _("no headings with questions under them"));
      return NULL;
    }

  /* A single heading above all others, before the cards, titles the deck. */
  if (headings->len > 0)
    {
      guint first = g_array_index (headings, guint, 0);
      guint level = line_at (&reader, first)->level;
      gboolean alone = level < card_level;

      for (guint h = 1; h < headings->len && alone; h++)
        alone = line_at (&reader, g_array_index (headings, guint, h))->level > level;
      if (alone)
        title_heading = first;
    }

  /* Comments above the first heading describe the deck. */
  read_meta (&reader, 0, headings->len > 0 ? g_array_index (headings, guint, 0) : lines->len, &deck_meta);

  for (guint h = 0; h < headings->len; h++)
    {
      guint index = g_array_index (headings, guint, h);
      Line *heading = line_at (&reader, index);
      guint end = lines->len;
      guint next_heading = h + 1 < headings->len ? g_array_index (headings, guint, h + 1) : lines->len;
      g_autofree char *heading_str = NULL;

      if (heading->level > card_level)
        continue;

      for (guint k = h + 1; k < headings->len; k++)
        {
          guint other = g_array_index (headings, guint, k);

          if (line_at (&reader, other)->level <= card_level)
            {
              end = other;
              break;
            }
        }

      heading_str = heading_text (&reader, heading);

      if (index == title_heading)
        {
          guint first = read_meta (&reader, index + 1, next_heading, &deck_meta);

          draft->title = g_steal_pointer (&heading_str);
          draft->description = slice (&reader, offset_of_line (&reader, first), offset_of_line (&reader, next_heading));
        }
      else if (heading->level < card_level)
        {
          g_auto(Meta) meta = { NULL, };

          read_meta (&reader, index + 1, next_heading, &meta);
          if (*heading_str != '\0')
            topic_id = shuati_draft_add_topic (draft, heading_str, meta.topic);
          if (meta.deck != NULL || meta.language != NULL)
            {
              g_free (deck_meta.deck);
              deck_meta.deck = g_steal_pointer (&meta.deck);
              g_free (deck_meta.language);
              deck_meta.language = g_steal_pointer (&meta.language);
            }
        }
      else
        {
          gboolean has_text = FALSE;

          for (guint i = index + 1; i < end && !has_text; i++)
            has_text = line_at (&reader, i)->kind == KIND_TEXT || line_at (&reader, i)->kind == KIND_FENCED;

          if (*heading_str == '\0' || !has_text)
            {
              shuati_draft_warn (draft, index + 1, _("the heading “%s” has nothing under it and is left out"),
                                 heading_str);
              continue;
            }
          read_card (&reader, index, end, topic_id, &cards_with_explanation);
        }
    }

  if (draft->cards->len == 0)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_NO_CARDS, file_name, 0, 0,
                               _("no headings with questions under them"));
      return NULL;
    }

  draft->id = g_steal_pointer (&deck_meta.deck);
  draft->language = g_steal_pointer (&deck_meta.language);
  if (deck_meta.topics != NULL)
    order_topics (draft, (const char * const *)deck_meta.topics);
  draft->no_topics = deck_meta.topics != NULL && deck_meta.topics[0] == NULL;

  /* Say which labelled cards lack an explanation when others have one,
   * and whether the last one looks cut off mid-sentence. */
  if (cards_with_explanation > 0)
    {
      for (guint i = 0; i < draft->cards->len; i++)
        {
          ShuatiDraftCard *card = g_ptr_array_index (draft->cards, i);

          if (card->fields[SHUATI_FIELD_EXPLANATION] == NULL)
            shuati_draft_warn (draft, card->line, _("card %u: no explanation"),
                               card->number != 0 ? card->number : i + 1);
        }
    }

  {
    ShuatiDraftCard *last = g_ptr_array_index (draft->cards, draft->cards->len - 1);
    const char *last_text = last->fields[SHUATI_FIELD_EXPLANATION] != NULL ? last->fields[SHUATI_FIELD_EXPLANATION]
                                                                            : last->fields[SHUATI_FIELD_ANSWER];
    guint last_line = lines->len;
    g_autofree char *stripped = g_strstrip (g_strdup (last_text != NULL ? last_text : ""));

    while (last_line > 1 && line_at (&reader, last_line - 1)->kind == KIND_BLANK)
      last_line--;

    if (cards_with_explanation > 0 && last->fields[SHUATI_FIELD_EXPLANATION] == NULL && ends_in_word (stripped))
      shuati_draft_warn (draft, last_line, _("card %u looks cut off at the end of the file"),
                         last->number != 0 ? last->number : draft->cards->len);
  }

  return g_steal_pointer (&draft);
}
