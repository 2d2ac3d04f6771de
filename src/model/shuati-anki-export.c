/* shuati-anki-export.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a deck as a legacy Anki package (collection.anki2, schema 11),
 * which every version of Anki and AnkiDroid imports: one "Shuati" note
 * type, a subdeck per topic, the tags, the images, and optionally the
 * review history.
 */

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <md4c-html.h>
#include <sqlite3.h>

#include "shuati-anki-package.h"
#include "shuati-markdown.h"
#include "shuati-safe-file.h"
#include "shuati-topic.h"
#include "shuati-anki-export.h"

#define NOTE_TYPE_ID 1735689600000
#define DECK_ID_BASE 1735689600000

static const char * const field_names[] = {
  "Question", "Answer", "Explanation", "Key points", "Topic",
};

static const char css[] =
  ".card { font-family: sans-serif; font-size: 20px; text-align: left; line-height: 1.5;"
  " color: black; background-color: white; }\n"
  ".nightMode .card, .night_mode .card { color: #eee; background-color: #222; }\n"
  ".explanation { margin-top: 1em; opacity: 0.85; }\n"
  ".keypoints { margin-top: 1em; font-weight: bold; }\n"
  ".topic { font-size: 0.7em; opacity: 0.6; }\n";

static const char qfmt[] = "<div class=topic>{{Topic}}</div>{{Question}}";
static const char afmt[] =
  "{{FrontSide}}<hr id=answer>{{Answer}}"
  "{{#Explanation}}<div class=explanation>{{Explanation}}</div>{{/Explanation}}"
  "{{#Key points}}<div class=keypoints>{{Key points}}</div>{{/Key points}}";

/* The reader's dialect (shuati-markdown.c), so Anki shows what Shuati shows. */
#define PARSER_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_LATEXMATHSPANS | MD_FLAG_NOHTML)

static void
append_html (const MD_CHAR *text,
             MD_SIZE        size,
             void          *data)
{
  g_string_append_len (data, text, size);
}

static char *
escape_lines (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = escaped; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "<br>");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* md4c-html writes formulas as <x-equation> elements, which Anki shows
 * as plain text; Anki's MathJax reads \(…\) and \[…\]. The elements
 * come from md4c alone (with MD_FLAG_NOHTML a card's own tags are
 * escaped), and formulas do not nest. */
static void
equations_to_mathjax (GString *html)
{
  static const char inline_open[] = "<x-equation>";
  static const char display_open[] = "<x-equation type=\"display\">";
  static const char close[] = "</x-equation>";
  GString *out = g_string_sized_new (html->len);
  gboolean display = FALSE;
  const char *p = html->str;

  while (*p)
    {
      if (g_str_has_prefix (p, inline_open))
        {
          g_string_append (out, "\\(");
          display = FALSE;
          p += strlen (inline_open);
        }
      else if (g_str_has_prefix (p, display_open))
        {
          g_string_append (out, "\\[");
          display = TRUE;
          p += strlen (display_open);
        }
      else if (g_str_has_prefix (p, close))
        {
          g_string_append (out, display ? "\\]" : "\\)");
          p += strlen (close);
        }
      else
        g_string_append_c (out, *p++);
    }
  g_string_assign (html, out->str);
  g_string_free (out, TRUE);
}

/**
 * shuati_anki_field_to_html:
 *
 * Renders a card's Markdown as the HTML Anki shows (md4c-html); the
 * importer reads it back to Markdown through its HTML reader.
 *
 * Returns: (transfer full): HTML, empty for empty @text
 */
char *
shuati_anki_field_to_html (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL || *text == '\0')
    return g_string_free (out, FALSE);
  if (!g_utf8_validate (text, -1, NULL) ||
      md_html (text, strlen (text), append_html, out, PARSER_FLAGS, 0) != 0)
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_string_free (out, TRUE);
      return escape_lines (valid);
    }
  if (strstr (out->str, "<x-equation") != NULL)
    equations_to_mathjax (out);
  /* A card shows "media/x.png" from its deck's media folder; Anki keeps
   * its media in one flat folder, where the image is "x.png". The
   * elements are md4c's own, as above. */
  if (strstr (out->str, "<img src=\"media/") != NULL)
    {
      g_autofree char *flat = NULL;
      g_auto(GStrv) parts = g_strsplit (out->str, "<img src=\"media/", -1);

      flat = g_strjoinv ("<img src=\"", parts);
      g_string_assign (out, flat);
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * shuati_anki_points_to_html:
 * @answer: a card's answer, in Markdown
 *
 * The "Key points" field: the numbered items of @answer
 * (shuati_markdown_extract_points()) as an HTML list.
 *
 * Returns: (transfer full): HTML, empty when the answer has no points
 */
char *
shuati_anki_points_to_html (const char *answer)
{
  g_autoptr(GPtrArray) points = NULL;
  GString *out;

  if (answer == NULL)
    return g_strdup ("");
  points = shuati_markdown_extract_points (answer);
  if (points->len == 0)
    return g_strdup ("");

  out = g_string_new ("<ol>");
  for (guint i = 0; i < points->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (points, i), -1);

      g_string_append_printf (out, "<li>%s</li>", escaped);
    }
  g_string_append (out, "</ol>");
  return g_string_free (out, FALSE);
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message != NULL ? message : "SQLite");
  sqlite3_free (message);
  return FALSE;
}

static char *
models_json (gint64 now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)NOTE_TYPE_ID);
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, NOTE_TYPE_ID);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Shuati");
  json_builder_set_member_name (builder, "type");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "mod");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "usn");
  json_builder_add_int_value (builder, -1);
  json_builder_set_member_name (builder, "sortf");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "did");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "vers");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "latexPre");
  json_builder_add_string_value (builder, "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
                                 "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n"
                                 "\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n");
  json_builder_set_member_name (builder, "latexPost");
  json_builder_add_string_value (builder, "\\end{document}");
  json_builder_set_member_name (builder, "css");
  json_builder_add_string_value (builder, css);
  json_builder_set_member_name (builder, "req");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 0);
  json_builder_add_string_value (builder, "any");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 0);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "flds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, field_names[i]);
      json_builder_set_member_name (builder, "ord");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "sticky");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "rtl");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "font");
      json_builder_add_string_value (builder, "Arial");
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, 20);
      json_builder_set_member_name (builder, "media");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tmpls");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Card 1");
  json_builder_set_member_name (builder, "ord");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "qfmt");
  json_builder_add_string_value (builder, qfmt);
  json_builder_set_member_name (builder, "afmt");
  json_builder_add_string_value (builder, afmt);
  json_builder_set_member_name (builder, "bqfmt");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "bafmt");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "did");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_deck (JsonBuilder *builder,
          gint64       id,
          const char  *name,
          gint64       now)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "mod");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "usn");
  json_builder_add_int_value (builder, -1);
  json_builder_set_member_name (builder, "desc");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "dyn");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "conf");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "collapsed");
  json_builder_add_boolean_value (builder, FALSE);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const today[] = { "newToday", "revToday", "lrnToday", "timeToday" };

      json_builder_set_member_name (builder, today[i]);
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, 0);
      json_builder_add_int_value (builder, 0);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static char *
decks_json (ShuatiDeck  *deck,
            GHashTable  *deck_ids,
            gint64       now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *topics = shuati_deck_get_topics (deck);
  const char *title = shuati_deck_get_title (deck, NULL);
  g_autofree char *safe_title = g_strdelimit (g_strdup (title), ":", '-');

  json_builder_begin_object (builder);
  add_deck (builder, 1, "Default", now);
  add_deck (builder, DECK_ID_BASE, safe_title, now);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);
      g_autofree char *topic_title = g_strdelimit (g_strdup (shuati_topic_get_title (topic, NULL)), ":", '-');
      g_autofree char *name = g_strdup_printf ("%s::%s", safe_title, topic_title);
      gint64 *id = g_new (gint64, 1);

      *id = DECK_ID_BASE + 1 + i;
      add_deck (builder, *id, name, now);
      g_hash_table_insert (deck_ids, g_strdup (shuati_topic_get_id (topic)), id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char dconf[] =
  "{\"1\": {\"id\": 1, \"name\": \"Default\", \"mod\": 0, \"usn\": 0, \"maxTaken\": 60,"
  " \"autoplay\": true, \"timer\": 0, \"replayq\": true, \"dyn\": false,"
  " \"new\": {\"bury\": false, \"delays\": [1.0, 10.0], \"initialFactor\": 2500,"
  " \"ints\": [1, 4, 0], \"order\": 1, \"perDay\": 20},"
  " \"lapse\": {\"delays\": [10.0], \"leechAction\": 1, \"leechFails\": 8, \"minInt\": 1, \"mult\": 0.0},"
  " \"rev\": {\"bury\": false, \"ease4\": 1.3, \"ivlFct\": 1.0, \"maxIvl\": 36500, \"perDay\": 200, \"hardFactor\": 1.2}}}";

static const char schema[] =
  "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,"
  " scm integer not null, ver integer not null, dty integer not null, usn integer not null,"
  " ls integer not null, conf text not null, models text not null, decks text not null,"
  " dconf text not null, tags text not null);"
  "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,"
  " mod integer not null, usn integer not null, tags text not null, flds text not null,"
  " sfld integer not null, csum integer not null, flags integer not null, data text not null);"
  "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,"
  " ord integer not null, mod integer not null, usn integer not null, type integer not null,"
  " queue integer not null, due integer not null, ivl integer not null, factor integer not null,"
  " reps integer not null, lapses integer not null, left integer not null, odue integer not null,"
  " odid integer not null, flags integer not null, data text not null);"
  "CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,"
  " ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,"
  " time integer not null, type integer not null);"
  "CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);"
  "CREATE INDEX ix_notes_usn on notes (usn);"
  "CREATE INDEX ix_cards_usn on cards (usn);"
  "CREATE INDEX ix_revlog_usn on revlog (usn);"
  "CREATE INDEX ix_cards_nid on cards (nid);"
  "CREATE INDEX ix_cards_sched on cards (did, queue, due);"
  "CREATE INDEX ix_revlog_cid on revlog (cid);"
  "CREATE INDEX ix_notes_csum on notes (csum);";

static gint64
checksum (const char *text)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
  char first[9];

  memcpy (first, digest, 8);
  first[8] = '\0';
  return g_ascii_strtoll (first, NULL, 16);
}

static gboolean
write_collection (ShuatiDeck   *deck,
                  GArray       *reviews,
                  GHashTable   *memories,
                  const char   *path,
                  GError      **error)
{
  g_autoptr(GHashTable) deck_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) card_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created = now - now % 86400;
  g_autofree char *models = models_json (now * 1000);
  g_autofree char *decks = decks_json (deck, deck_ids, now);
  sqlite3 *db = NULL;
  sqlite3_stmt *col = NULL, *note = NULL, *card = NULL, *revlog = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    goto failed;
  if (!exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", error) ||
      !exec (db, schema, error))
    goto out;

  if (sqlite3_prepare_v2 (db, "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, '{}', ?3, ?4, ?5, '{}')",
                          -1, &col, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
                          -1, &note, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, ?5, ?6, ?7, ?8, 2500, ?9, ?10, 0, 0, 0, 0, '')",
                          -1, &card, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO revlog VALUES (?1, ?2, -1, ?3, ?4, 0, 2500, ?5, ?6)",
                          -1, &revlog, NULL) != SQLITE_OK)
    goto failed;

  sqlite3_bind_int64 (col, 1, created);
  sqlite3_bind_int64 (col, 2, now * 1000);
  sqlite3_bind_text (col, 3, models, -1, SQLITE_STATIC);
  sqlite3_bind_text (col, 4, decks, -1, SQLITE_STATIC);
  sqlite3_bind_text (col, 5, dconf, -1, SQLITE_STATIC);
  if (sqlite3_step (col) != SQLITE_DONE)
    goto failed;

  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      ShuatiCard *c = shuati_deck_get_card (deck, i);
      const char * const *tags = shuati_card_get_tags (c);
      g_autofree char *tag_text = NULL;
      g_autofree char *fields = NULL;
      char *values[G_N_ELEMENTS (field_names) + 1] = { NULL, };
      const ShuatiMemory *memory = memories != NULL ? g_hash_table_lookup (memories, shuati_card_get_id (c)) : NULL;
      gint64 *deck_id = g_hash_table_lookup (deck_ids, shuati_card_get_topic_id (c));
      ShuatiTopic *topic = shuati_deck_lookup_topic (deck, shuati_card_get_topic_id (c));
      gint64 id = now * 1000 - shuati_deck_get_n_cards (deck) + i;
      gint64 *stored;

      values[0] = shuati_anki_field_to_html (shuati_card_get_question (c, NULL));
      values[1] = shuati_anki_field_to_html (shuati_card_get_answer (c, NULL));
      values[2] = shuati_anki_field_to_html (shuati_card_get_explanation (c, NULL));
      values[3] = shuati_anki_points_to_html (shuati_card_get_answer (c, NULL));
      values[4] = shuati_anki_field_to_html (topic != NULL ? shuati_topic_get_title (topic, NULL) : "");
      fields = g_strjoinv ("\x1f", values);
      if (tags != NULL && tags[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (" ", (char **)tags);
          tag_text = g_strdup_printf (" %s ", joined);
        }

      sqlite3_bind_int64 (note, 1, id);
      sqlite3_bind_text (note, 2, shuati_card_get_id (c), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (note, 3, NOTE_TYPE_ID);
      sqlite3_bind_int64 (note, 4, now);
      sqlite3_bind_text (note, 5, tag_text != NULL ? tag_text : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (note, 6, fields, -1, SQLITE_STATIC);
      sqlite3_bind_text (note, 7, values[0], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (note, 8, checksum (values[0]));
      rc = sqlite3_step (note);
      sqlite3_reset (note);
      for (guint v = 0; v < G_N_ELEMENTS (field_names); v++)
        g_free (values[v]);
      if (rc != SQLITE_DONE)
        goto failed;

      sqlite3_bind_int64 (card, 1, id);
      sqlite3_bind_int64 (card, 2, id);
      sqlite3_bind_int64 (card, 3, deck_id != NULL ? *deck_id : DECK_ID_BASE);
      sqlite3_bind_int64 (card, 4, now);
      if (memory != NULL && memory->state != SHUATI_CARD_NEW)
        {
          gboolean review = memory->state == SHUATI_CARD_REVIEW;

          sqlite3_bind_int (card, 5, memory->state == SHUATI_CARD_RELEARNING ? 3 : review ? 2 : 1);
          sqlite3_bind_int (card, 6, review ? 2 : 1);
          /* Review cards are due on a day since the collection began;
           * learning ones at a time. */
          sqlite3_bind_int64 (card, 7, review ? (memory->due - created) / 86400 : memory->due);
          sqlite3_bind_int64 (card, 8, MAX (1, (gint64)(memory->stability + 0.5)));
          sqlite3_bind_int64 (card, 9, memory->reps);
          sqlite3_bind_int64 (card, 10, memory->lapses);
        }
      else
        {
          sqlite3_bind_int (card, 5, 0);
          sqlite3_bind_int (card, 6, 0);
          sqlite3_bind_int64 (card, 7, i + 1);
          sqlite3_bind_int64 (card, 8, 0);
          sqlite3_bind_int64 (card, 9, 0);
          sqlite3_bind_int64 (card, 10, 0);
        }
      if (sqlite3_step (card) != SQLITE_DONE)
        goto failed;
      sqlite3_reset (card);

      stored = g_new (gint64, 1);
      *stored = id;
      g_hash_table_insert (card_ids, (gpointer)shuati_card_get_id (c), stored);
    }

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      const ShuatiImportReview *review = &g_array_index (reviews, ShuatiImportReview, i);
      gint64 *cid = g_hash_table_lookup (card_ids, review->card_id);
      double days = review->info.scheduled_days;
      int kind;

      if (cid == NULL)
        continue;
      kind = review->before.state == SHUATI_CARD_REVIEW ? 1
           : review->before.state == SHUATI_CARD_RELEARNING ? 2 : 0;
      /* Milliseconds, unique: two reviews in one second stay two. */
      sqlite3_bind_int64 (revlog, 1, review->reviewed_at * 1000 + i % 1000);
      sqlite3_bind_int64 (revlog, 2, *cid);
      sqlite3_bind_int (revlog, 3, review->rating);
      sqlite3_bind_int64 (revlog, 4, days >= 1 ? (gint64)(days + 0.5) : -(gint64)(days * 86400));
      sqlite3_bind_int64 (revlog, 5, review->duration_ms);
      sqlite3_bind_int (revlog, 6, kind);
      if (sqlite3_step (revlog) != SQLITE_DONE)
        goto failed;
      sqlite3_reset (revlog);
    }

  if (!exec (db, "COMMIT", error))
    goto out;
  ok = TRUE;
  goto out;

failed:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", db != NULL ? sqlite3_errmsg (db) : "SQLite");
out:
  sqlite3_finalize (col);
  sqlite3_finalize (note);
  sqlite3_finalize (card);
  sqlite3_finalize (revlog);
  sqlite3_close (db);
  return ok;
}

static gboolean
add_entry (struct archive  *archive,
           const char      *name,
           const void      *data,
           gsize            length,
           GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK &&
       (length == 0 || archive_write_data (archive, data, length) == (la_ssize_t)length);
  archive_entry_free (entry);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", name, archive_error_string (archive));
  return ok;
}

static la_ssize_t
zip_write (struct archive *archive,
           void           *user_data,
           const void     *buffer,
           size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return length;
}

/**
 * shuati_anki_export:
 * @reviews: (nullable) (element-type ShuatiImportReview): the history to
 *   write as Anki's review log, per card, oldest first
 * @memories: (nullable): card id → #ShuatiMemory, for the cards' state
 * @media_dir: (nullable): the deck's media folder; its images go along
 *
 * Writes @deck as an Anki package (.apkg, legacy format: schema 11,
 * which every Anki and AnkiDroid imports). Whole or not at all.
 */
gboolean
shuati_anki_export (ShuatiDeck    *deck,
                    GArray        *reviews,
                    GHashTable    *memories,
                    GFile         *media_dir,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *folder = g_dir_make_tmp ("shuati-anki-export-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autofree char *collection = NULL;
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  g_autoptr(JsonBuilder) media = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) media_root = NULL;
  g_autofree char *media_json = NULL;
  g_autofree char *media_path = media_dir != NULL ? g_file_get_path (media_dir) : NULL;
  struct archive *archive = NULL;
  gsize length = 0;
  guint n_media = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (folder == NULL)
    return FALSE;
  path = g_build_filename (folder, "collection.anki2", NULL);
  if (!write_collection (deck, reviews, memories, path, error) ||
      !g_file_get_contents (path, &collection, &length, error))
    goto out;

  archive = archive_write_new ();
  archive_write_set_format_zip (archive);
  archive_write_zip_set_compression_deflate (archive);
  archive_write_set_bytes_in_last_block (archive, 1);
  archive_write_open (archive, zip, NULL, zip_write, NULL);
  if (!add_entry (archive, "collection.anki2", collection, length, error))
    goto out;

  json_builder_begin_object (media);
  if (media_path != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (media_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *image = g_build_filename (media_path, name, NULL);
          g_autofree char *key = g_strdup_printf ("%u", n_media);
          g_autofree char *data = NULL;
          gsize size = 0;

          if (!shuati_anki_media_name_is_safe (name) || shuati_safe_file_is_temporary (name) ||
              !g_file_test (image, G_FILE_TEST_IS_REGULAR) ||
              !g_file_get_contents (image, &data, &size, NULL))
            continue;
          if (!add_entry (archive, key, data, size, error))
            goto out;
          json_builder_set_member_name (media, key);
          json_builder_add_string_value (media, name);
          n_media++;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
        }
    }
  json_builder_end_object (media);
  media_root = json_builder_get_root (media);
  json_generator_set_root (generator, media_root);
  media_json = json_generator_to_data (generator, NULL);
  if (!add_entry (archive, "media", media_json, strlen (media_json), error))
    goto out;
  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", archive_error_string (archive));
      goto out;
    }

  ok = shuati_safe_file_write (file, zip->data, zip->len, cancellable, error);

out:
  if (archive != NULL)
    archive_write_free (archive);
  if (path != NULL)
    g_unlink (path);
  g_rmdir (folder);
  return ok;
}
