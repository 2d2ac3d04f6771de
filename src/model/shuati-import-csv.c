/* shuati-import-csv.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-import-private.h"

/*
 * CSV and TSV with RFC 4180 quoting, and Anki's "Notes in Plain Text"
 * export, which is the same with "#key:value" header lines in front.
 */

enum
{
  COLUMN_QUESTION,
  COLUMN_ANSWER,
  COLUMN_EXPLANATION,
  COLUMN_TOPIC,
  COLUMN_TAGS,
  COLUMN_TITLE,
  COLUMN_ID,
  COLUMN_GUID,
  COLUMN_NOTETYPE,
  N_COLUMNS
};

static const struct {
  const char *name;
  guint       column;
} column_names[] = {
  { "question", COLUMN_QUESTION },
  { "q", COLUMN_QUESTION },
  { "front", COLUMN_QUESTION },
  { "问题", COLUMN_QUESTION },
  { "题目", COLUMN_QUESTION },
  { "answer", COLUMN_ANSWER },
  { "a", COLUMN_ANSWER },
  { "back", COLUMN_ANSWER },
  { "答案", COLUMN_ANSWER },
  { "回答", COLUMN_ANSWER },
  { "explanation", COLUMN_EXPLANATION },
  { "notes", COLUMN_EXPLANATION },
  { "extra", COLUMN_EXPLANATION },
  { "解析", COLUMN_EXPLANATION },
  { "解释", COLUMN_EXPLANATION },
  { "topic", COLUMN_TOPIC },
  { "category", COLUMN_TOPIC },
  { "deck", COLUMN_TOPIC },
  { "主题", COLUMN_TOPIC },
  { "分类", COLUMN_TOPIC },
  { "tags", COLUMN_TAGS },
  { "tag", COLUMN_TAGS },
  { "标签", COLUMN_TAGS },
  { "title", COLUMN_TITLE },
  { "标题", COLUMN_TITLE },
  { "id", COLUMN_ID },
};

typedef struct
{
  const char  *text;
  gsize        length;
  gsize        pos;
  guint        line;
  const char  *line_start;
  char         separator;
} Scanner;

static gboolean
at_end (Scanner *scanner)
{
  return scanner->pos >= scanner->length;
}

/* Reads one record into @fields. Returns FALSE at the end of the text,
 * or with @error set for a quoted field that never ends. */
static gboolean
next_record (Scanner     *scanner,
             GPtrArray   *fields,
             const char  *file_name,
             GError     **error)
{
  const char *text = scanner->text;

  g_ptr_array_set_size (fields, 0);
  if (at_end (scanner))
    return FALSE;

  for (;;)
    {
      GString *field = g_string_new (NULL);
      char c;

      if (!at_end (scanner) && text[scanner->pos] == '"')
        {
          guint open_line = scanner->line;
          guint open_column = (guint)(text + scanner->pos - scanner->line_start) + 1;

          scanner->pos++;
          for (;;)
            {
              if (at_end (scanner))
                {
                  g_string_free (field, TRUE);
                  shuati_import_set_error (error, SHUATI_IMPORT_ERROR_SYNTAX, file_name, open_line, open_column,
                                           _("the quoted field that starts here never ends"));
                  return FALSE;
                }
              c = text[scanner->pos++];
              if (c == '"')
                {
                  if (!at_end (scanner) && text[scanner->pos] == '"')
                    {
                      g_string_append_c (field, '"');
                      scanner->pos++;
                      continue;
                    }
                  break;
                }
              if (c == '\n')
                {
                  scanner->line++;
                  scanner->line_start = text + scanner->pos;
                }
              g_string_append_c (field, c);
            }
        }

      /* Unquoted text, and anything after a closing quote, as it is. */
      while (!at_end (scanner) && text[scanner->pos] != scanner->separator && text[scanner->pos] != '\n')
        g_string_append_c (field, text[scanner->pos++]);

      g_ptr_array_add (fields, g_string_free (field, FALSE));

      if (at_end (scanner))
        return TRUE;
      c = text[scanner->pos++];
      if (c == '\n')
        {
          scanner->line++;
          scanner->line_start = text + scanner->pos;
          return TRUE;
        }
    }
}

static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      for (const char *p = field; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/* The separator that splits the first record most: tab, comma or
 * semicolon, counted outside quotes. */
static char
sniff_separator (const char *text,
                 gsize       length,
                 const char *file_name)
{
  guint tabs = 0, commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length && i < (1 << 16); i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n')
        break;
      else if (c == '\t')
        tabs++;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
    }

  if (tabs > 0)
    return '\t';
  if (commas > 0 && commas >= semicolons)
    return ',';
  if (semicolons > 0)
    return ';';
  return g_str_has_suffix (file_name, ".tsv") || g_str_has_suffix (file_name, ".txt") ? '\t' : ',';
}

static int
column_for_name (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  folded = g_utf8_casefold (trimmed, -1);
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (folded, column_names[i].name))
      return column_names[i].column;

  return -1;
}

static char
separator_from_name (const char *value)
{
  if (g_ascii_strcasecmp (value, "tab") == 0)
    return '\t';
  if (g_ascii_strcasecmp (value, "comma") == 0)
    return ',';
  if (g_ascii_strcasecmp (value, "semicolon") == 0)
    return ';';
  if (g_ascii_strcasecmp (value, "pipe") == 0)
    return '|';
  if (g_ascii_strcasecmp (value, "space") == 0)
    return ' ';
  if (g_ascii_strcasecmp (value, "colon") == 0)
    return ':';
  if (strlen (value) == 1 && value[0] != '"' && value[0] != '\n')
    return value[0];
  return 0;
}

typedef struct
{
  char      separator;
  gboolean  html;
  int       special[N_COLUMNS];    /* 0-based, -1 if absent */
  char     *columns;               /* "#columns:" */
  char     *deck;                  /* "#deck:" */
  char     *tags;                  /* "#tags:" */
} AnkiHeader;

/* Reads Anki's "#key:value" lines; returns the offset after them. */
static gsize
read_anki_header (const char  *text,
                  gsize        length,
                  ShuatiDraft *draft,
                  guint       *line,
                  AnkiHeader  *header,
                  gboolean    *is_anki)
{
  gsize pos = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    header->special[i] = -1;

  while (pos < length && text[pos] == '#' && pos + 1 < length && g_ascii_isalpha (text[pos + 1]))
    {
      const char *nl = memchr (text + pos, '\n', length - pos);
      gsize end = nl != NULL ? (gsize)(nl - text) : length;
      g_autofree char *entry = g_strndup (text + pos + 1, end - pos - 1);
      char *colon = strchr (entry, ':');
      const char *key;
      const char *value;

      if (colon == NULL)
        break;
      *colon = '\0';
      key = g_strstrip (entry);
      value = colon + 1;
      *is_anki = TRUE;

      if (g_ascii_strcasecmp (key, "separator") == 0)
        {
          header->separator = separator_from_name (value);
          if (header->separator == 0)
            shuati_draft_warn (draft, *line, _("the separator “%s” is not known; it is guessed instead"), value);
        }
      else if (g_ascii_strcasecmp (key, "html") == 0)
        header->html = g_ascii_strcasecmp (value, "true") == 0;
      else if (g_str_has_suffix (key, " column"))
        {
          char *rest = NULL;
          guint64 n = g_ascii_strtoull (value, &rest, 10);
          int which = -1;

          if (g_ascii_strncasecmp (key, "tags", 4) == 0)
            which = COLUMN_TAGS;
          else if (g_ascii_strncasecmp (key, "deck", 4) == 0)
            which = COLUMN_TOPIC;
          else if (g_ascii_strncasecmp (key, "notetype", 8) == 0)
            which = COLUMN_NOTETYPE;
          else if (g_ascii_strncasecmp (key, "guid", 4) == 0)
            which = COLUMN_GUID;

          if (which >= 0 && n >= 1 && n <= 1000 && rest != value)
            header->special[which] = (int)n - 1;
          else
            shuati_draft_warn (draft, *line, _("the header line “#%s:%s” is ignored"), key, value);
        }
      else if (g_ascii_strcasecmp (key, "columns") == 0)
        {
          g_free (header->columns);
          header->columns = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (key, "deck") == 0)
        {
          g_free (header->deck);
          header->deck = g_strstrip (g_strdup (value));
        }
      else if (g_ascii_strcasecmp (key, "tags") == 0)
        {
          g_free (header->tags);
          header->tags = g_strdup (value);
        }
      /* "#notetype:" and others do not change what is imported. */

      (*line)++;
      pos = nl != NULL ? end + 1 : length;
    }

  return pos;
}

/* Splits tags on spaces and commas; keeps those that are valid ids, or
 * can be made so ("a::b" → "a-b"), and says which were left out. */
static GStrv
split_tags (const char  *text,
            const char  *more,
            ShuatiDraft *draft,
            GHashTable  *warned,
            guint        line)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *all = g_strjoin (" ", text != NULL ? text : "", more != NULL ? more : "", NULL);
  g_auto(GStrv) words = g_strsplit_set (all, " \t\n,", -1);

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *tag = NULL;

      if (words[i][0] == '\0')
        continue;
      if (shuati_deck_id_is_valid (words[i]))
        tag = g_strdup (words[i]);
      else
        {
          tag = shuati_import_slug (words[i], -1);
          if (*tag == '\0')
            {
              if (!g_hash_table_contains (warned, words[i]))
                {
                  g_hash_table_add (warned, g_strdup (words[i]));
                  shuati_draft_warn (draft, line,
                                     _("the tag “%s” has no ASCII letters or digits and is left out"),
                                     words[i]);
                }
              continue;
            }
        }

      if (!g_hash_table_contains (seen, tag))
        {
          g_strv_builder_add (builder, tag);
          g_hash_table_add (seen, g_steal_pointer (&tag));
        }
    }

  return g_strv_builder_end (builder);
}

/* Anki's "[sound:file.mp3]" plays audio that a text card cannot. */
static char *
drop_sounds (const char  *text,
             ShuatiDraft *draft,
             guint        line)
{
  GString *out;
  const char *p = text;
  const char *sound;

  if (strstr (text, "[sound:") == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  while ((sound = strstr (p, "[sound:")) != NULL)
    {
      const char *close = strchr (sound, ']');

      if (close == NULL)
        break;
      g_string_append_len (out, p, sound - p);
      {
        g_autofree char *name = g_strndup (sound + 7, close - sound - 7);
        shuati_draft_warn (draft, line, _("the sound “%s” is left out"), name);
      }
      p = close + 1;
    }
  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

static char *
field_text (GPtrArray   *fields,
            int          column,
            gboolean     html,
            gboolean     anki,
            ShuatiDraft *draft,
            guint        line)
{
  const char *raw;
  g_autofree char *text = NULL;

  if (column < 0 || (guint)column >= fields->len)
    return NULL;

  raw = g_ptr_array_index (fields, column);
  text = html ? shuati_import_html_to_text (raw, draft, line) : g_strdup (raw);
  if (anki)
    {
      char *without = drop_sounds (text, draft, line);
      g_free (text);
      text = without;
    }

  return g_strstrip (g_steal_pointer (&text));
}

ShuatiDraft *
shuati_import_csv (const char          *text,
                   gsize                length,
                   const char          *file_name,
                   ShuatiImportFormat  *format,
                   GError             **error)
{
  g_autoptr(ShuatiDraft) draft = shuati_draft_new (file_name);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) warned_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AnkiHeader header = { 0, };
  gboolean is_anki = FALSE;
  gboolean has_header_row = FALSE;
  int columns[N_COLUMNS];
  Scanner scanner;
  guint line = 1;
  gsize start;
  guint n_rows = 0;
  guint n_columns;
  gboolean warned_extra = FALSE;

  start = read_anki_header (text, length, draft, &line, &header, &is_anki);

  scanner = (Scanner) { text, length, start, line, text + start, 0 };
  scanner.separator = header.separator != 0 ? header.separator
                                            : sniff_separator (text + start, length - start, file_name);

  for (guint i = 0; i < N_COLUMNS; i++)
    columns[i] = header.special[i];

  /* The header row names the columns; Anki exports have none. */
  if (header.columns != NULL)
    {
      g_autofree char *separator = g_strndup (&scanner.separator, 1);
      g_auto(GStrv) names = g_strsplit (header.columns, separator, -1);

      for (guint i = 0; names[i]; i++)
        {
          int column = column_for_name (names[i]);
          if (column >= 0 && columns[column] < 0)
            columns[column] = i;
        }
      has_header_row = columns[COLUMN_QUESTION] >= 0;
    }
  else if (!is_anki)
    {
      Scanner peek = scanner;
      g_autoptr(GError) local_error = NULL;

      if (next_record (&peek, fields, file_name, &local_error))
        {
          gboolean any = FALSE;

          for (guint i = 0; i < fields->len; i++)
            {
              int column = column_for_name (g_ptr_array_index (fields, i));

              if (column >= 0 && columns[column] < 0)
                {
                  columns[column] = i;
                  any = TRUE;
                }
            }

          if (any)
            {
              has_header_row = TRUE;
              scanner = peek;
              if (columns[COLUMN_QUESTION] < 0 || columns[COLUMN_ANSWER] < 0)
                {
                  shuati_import_set_error (error, SHUATI_IMPORT_ERROR_MISSING_COLUMN, file_name, line, 0,
                                           columns[COLUMN_QUESTION] < 0
                                             ? _("the header row names no question column; name one “question” or “问题”")
                                             : _("the header row names no answer column; name one “answer” or “答案”"));
                  return NULL;
                }
            }
        }
    }

  if (!has_header_row)
    {
      /* Without names, the columns Anki does not reserve are, in order,
       * the question, the answer and the explanation. */
      if (!is_anki && scanner.separator != '\t')
        {
          shuati_import_set_error (error, SHUATI_IMPORT_ERROR_MISSING_COLUMN, file_name, line, 0,
                                   _("the first row does not name the columns; "
                                     "name them “question” and “answer” (or “问题” and “答案”)"));
          return NULL;
        }

      for (guint i = 0, next = COLUMN_QUESTION; i < 64 && next <= COLUMN_EXPLANATION; i++)
        {
          gboolean reserved = FALSE;

          for (guint c = COLUMN_TOPIC; c < N_COLUMNS; c++)
            reserved |= columns[c] == (int)i;
          if (!reserved)
            columns[next++] = i;
        }
    }

  n_columns = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    n_columns = MAX (n_columns, (guint)(columns[c] + 1));

  *format = is_anki ? SHUATI_IMPORT_FORMAT_ANKI :
            scanner.separator == '\t' ? SHUATI_IMPORT_FORMAT_TSV : SHUATI_IMPORT_FORMAT_CSV;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      ShuatiDraftCard *card;
      guint row_line = scanner.line;
      g_autofree char *topic = NULL;
      g_autofree char *tags = NULL;
      g_autofree char *id = NULL;
      g_autofree char *guid = NULL;

      if (!next_record (&scanner, fields, file_name, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto fail;
            }
          break;
        }

      if (record_is_blank (fields))
        continue;
      n_rows++;

      if (!has_header_row && n_rows == 1 && fields->len < 2)
        {
          shuati_import_set_error (error, SHUATI_IMPORT_ERROR_MISSING_COLUMN, file_name, row_line, 0,
                                   _("the rows have a single column; a card needs a question and an answer"));
          goto fail;
        }

      card = shuati_draft_add_card (draft, row_line);
      card->fields[SHUATI_FIELD_QUESTION] = field_text (fields, columns[COLUMN_QUESTION], header.html, is_anki, draft, row_line);
      card->fields[SHUATI_FIELD_ANSWER] = field_text (fields, columns[COLUMN_ANSWER], header.html, is_anki, draft, row_line);
      card->fields[SHUATI_FIELD_EXPLANATION] = field_text (fields, columns[COLUMN_EXPLANATION], header.html, is_anki, draft, row_line);
      card->fields[SHUATI_FIELD_TITLE] = field_text (fields, columns[COLUMN_TITLE], header.html, is_anki, draft, row_line);

      if (card->fields[SHUATI_FIELD_ANSWER] == NULL || *card->fields[SHUATI_FIELD_ANSWER] == '\0')
        shuati_draft_warn (draft, row_line, _("card %u: no answer"), n_rows);

      topic = field_text (fields, columns[COLUMN_TOPIC], FALSE, FALSE, draft, row_line);
      if ((topic == NULL || *topic == '\0') && header.deck != NULL && *header.deck != '\0')
        {
          g_free (topic);
          topic = g_strdup (header.deck);
        }
      if (topic != NULL && *topic != '\0')
        card->topic_id = g_strdup (shuati_draft_add_topic (draft, topic, NULL));

      tags = field_text (fields, columns[COLUMN_TAGS], FALSE, FALSE, draft, row_line);
      if ((tags != NULL && *tags != '\0') || header.tags != NULL)
        card->tags = split_tags (tags, header.tags, draft, warned_tags, row_line);

      id = field_text (fields, columns[COLUMN_ID], FALSE, FALSE, draft, row_line);
      guid = field_text (fields, columns[COLUMN_GUID], FALSE, FALSE, draft, row_line);
      if (id != NULL && *id != '\0')
        card->id = g_steal_pointer (&id);
      else if (guid != NULL && *guid != '\0')
        {
          /* Anki's note ids survive its own re-exports, so they make
           * stable card ids. */
          g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, guid, -1);
          card->id = g_strdup_printf ("anki-%.10s", digest);
        }

      if (fields->len > n_columns && !has_header_row && !warned_extra)
        {
          warned_extra = TRUE;
          shuati_draft_warn (draft, row_line, _("columns after the third are left out"));
        }
    }

  if (draft->cards->len == 0)
    {
      shuati_import_set_error (error, SHUATI_IMPORT_ERROR_NO_CARDS, file_name, 0, 0,
                               _("the table has no rows with a question"));
      goto fail;
    }

  g_free (header.columns);
  g_free (header.deck);
  g_free (header.tags);
  return g_steal_pointer (&draft);

fail:
  g_free (header.columns);
  g_free (header.deck);
  g_free (header.tags);
  return NULL;
}

/* HTML ----------------------------------------------------------------- */

static void
ensure_newlines (GString *out,
                 guint    n)
{
  guint have = 0;

  if (out->len == 0)
    return;
  while (have < out->len && out->str[out->len - 1 - have] == '\n')
    have++;
  for (; have < n; have++)
    g_string_append_c (out, '\n');
}

static gboolean
append_entity (GString    *out,
               const char *p,
               const char *semicolon)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
    { "apos", "'" }, { "nbsp", " " },
  };
  gsize len = semicolon - p;

  if (len >= 2 && p[0] == '#')
    {
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      const char *digits = p + (hex ? 2 : 1);
      guint64 value = 0;

      if (digits == semicolon)
        return FALSE;
      for (const char *d = digits; d < semicolon; d++)
        {
          if (!(hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d)))
            return FALSE;
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d));
          if (value > 0x10FFFF)
            value = 0x110000;
        }
      if (value == '\t' || value == '\n' ||
          (value >= 0x20 && value != 0x7F && g_unichar_validate ((gunichar)value)))
        g_string_append_unichar (out, (gunichar)value);
      else
        g_string_append (out, "\xef\xbf\xbd");
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == len && strncmp (p, named[i].name, len) == 0)
      {
        g_string_append (out, named[i].text);
        return TRUE;
      }

  return FALSE;
}

/* Finds "</name" followed by '>' from @p, case-insensitively. */
static const char *
find_closing_tag (const char *p,
                  const char *name)
{
  gsize len = strlen (name);

  for (; (p = strchr (p, '<')) != NULL; p++)
    if (p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0 &&
        !g_ascii_isalnum (p[2 + len]))
      {
        const char *gt = strchr (p, '>');
        return gt != NULL ? gt + 1 : NULL;
      }

  return NULL;
}

/**
 * shuati_import_html_to_text:
 *
 * Reduces Anki's HTML to plain text: line breaks and blocks become
 * newlines, entities their characters, and every other tag disappears
 * with what a script or style holds, so no markup from the file reaches
 * the interface.
 *
 * Returns: (transfer full): the text
 */
char *
shuati_import_html_to_text (const char  *html,
                            ShuatiDraft *draft,
                            guint        line)
{
  GString *out = g_string_sized_new (strlen (html));
  const char *p = html;

  while (*p)
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *gt;
          char name[16];
          guint n = 0;
          const char *q = p + 1;
          gboolean closing = FALSE;

          if (g_str_has_prefix (p, "<!--"))
            {
              const char *end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }

          gt = strchr (p, '>');
          if (gt == NULL)
            {
              /* Not a tag after all: the text keeps its '<'. */
              g_string_append_c (out, *p++);
              continue;
            }

          if (*q == '/')
            {
              closing = TRUE;
              q++;
            }
          while (g_ascii_isalnum (*q) && n < sizeof name - 1)
            name[n++] = g_ascii_tolower (*q++);
          name[n] = '\0';

          if (!closing && (g_str_equal (name, "script") || g_str_equal (name, "style")))
            {
              const char *after = find_closing_tag (gt + 1, name);
              p = after != NULL ? after : p + strlen (p);
              continue;
            }

          if (g_str_equal (name, "br"))
            g_string_append_c (out, '\n');
          else if (g_str_equal (name, "p"))
            ensure_newlines (out, 2);
          else if (g_str_equal (name, "div") || g_str_equal (name, "tr") ||
                   g_str_equal (name, "ul") || g_str_equal (name, "ol") ||
                   (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0'))
            ensure_newlines (out, 1);
          else if (g_str_equal (name, "li"))
            {
              ensure_newlines (out, 1);
              if (!closing)
                g_string_append (out, "- ");
            }
          else if (g_str_equal (name, "img") && draft != NULL)
            shuati_draft_warn (draft, line, _("an image is left out"));

          p = gt + 1;
        }
      else if (*p == '&')
        {
          const char *semicolon = strchr (p, ';');

          if (semicolon != NULL && semicolon - p <= 10 && append_entity (out, p + 1, semicolon))
            p = semicolon + 1;
          else
            g_string_append_c (out, *p++);
        }
      else
        g_string_append_c (out, *p++);
    }

  /* At most one blank line in a row, as in the deck format. */
  {
    gsize w = 0;
    guint newlines = 0;

    for (gsize r = 0; r < out->len; r++)
      {
        newlines = out->str[r] == '\n' ? newlines + 1 : 0;
        if (newlines <= 2)
          out->str[w++] = out->str[r];
      }
    g_string_truncate (out, w);
  }

  return g_string_free (out, FALSE);
}
