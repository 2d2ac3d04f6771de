/* shuati-sync.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync through a folder that another program (Syncthing, Nextcloud)
 * keeps the same on every computer. Each installation writes only its
 * own files, `devices/<device-id>/journal-<n>.jsonl`: one JSON line per
 * change of the progress, appended and flushed to the disk before the
 * store commits the change, never rewritten; past a size a new file is
 * begun. So a sync program never sees two writers of one file.
 *
 * Merging reads every other device's files from where it stopped, applies
 * the events it has not applied in the order (timestamp, device id,
 * sequence), and replays the whole review history of each card they
 * touched (reviews from every device, ordered by time) through the
 * scheduler, so that every device ends with the same memories whatever
 * order the files arrived in. Stars, suspensions, burials and the
 * 错题本 marks are registers where the last write by (timestamp, device
 * id, sequence) wins; the timestamp is a hybrid clock that never runs
 * behind what this device has seen, so clocks set hours apart still
 * agree on which write came last.
 *
 * What the store keeps of it (device id, read positions, applied events)
 * is in its own SQLite file; nothing of SQLite is in the sync folder.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "shuati-anki-package.h"
#include "shuati-exporter.h"
#include "shuati-store-private.h"
#include "shuati-sync-private.h"
#include "shuati-sync.h"
#include "shuati-text.h"

#define JOURNAL_VERSION 1

typedef enum
{
  KIND_STAR = 1,
  KIND_SUSPEND,
  KIND_BURY,
  KIND_MISTAKE,
  KIND_RESET,     /* a deck's progress reset: card "" */
} RegisterKind;

typedef struct
{
  int                   type;        /* ShuatiStoreEventType or ShuatiSyncDeckType */
  char                 *device;
  gint64                seq;
  gint64                ts;          /* hybrid clock, ms */
  char                 *deck_id;
  char                 *card_id;
  gint64                time;        /* reviewed_at, buried until, marked_at, forgotten at */
  int                   rating;
  guint                 duration_ms;
  gboolean              member;
  char                 *ref_device;  /* UNDO: the review's event */
  gint64                ref_seq;
  char                 *hash;        /* deck events: the deck file */
  char                 *cards;       /* deck events: "card=base …" */
} Event;

typedef struct
{
  gint64 offset;
  gint64 size;
} Position;

/* What a merge found, handed from the worker to the main thread. */
typedef struct
{
  gboolean    reconcile;
  guint       n_applied;
  guint       n_devices;
  GHashTable *decks;        /* deck ids changed */
  GHashTable *synced_decks; /* deck ids with new deck events */
  GHashTable *positions;    /* "device/name" → Position, read anew */
  GHashTable *problems;     /* key → message */
  GPtrArray  *cleared;      /* keys of problems gone */
  GPtrArray  *gaps;         /* messages */
  gint64      max_ts;
  gint64      max_own_seq;
} MergeResult;

struct _ShuatiSync
{
  GObject          parent_instance;

  ShuatiStore     *store;
  ShuatiScheduler *scheduler;
  char            *folder;
  char            *devices_dir;
  char            *own_dir;
  char            *device_id;
  char            *db_path;

  /* The journal this device writes */
  int              fd;
  guint            file_n;
  gint64           file_size;
  gsize            rotate_size;
  gint64           next_seq;

  GMutex           clock_lock;
  gint64           clock_ms;
  gint64           clock_offset;

  GHashTable      *positions;     /* "device/name" → Position */
  GHashTable      *problems;      /* key → message, this session */
  GPtrArray       *gaps;
  gint64           last_merge;
  guint            n_devices;
  gboolean         merging;

  /* Deck sync (shuati-sync-decks.c) */
  ShuatiLibrary   *library;
  gulong           library_handler;
  gboolean         applying_deck;
  GHashTable      *waiting_decks;  /* deck id → path of a deck file not here yet, or damaged */
  GHashTable      *waiting_seen;   /* path → "size mtime" as last read, "" when missing */
  GHashTable      *deck_problems;  /* deck id → message */
};

G_DEFINE_FINAL_TYPE (ShuatiSync, shuati_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (shuati-sync-error-quark, shuati_sync_error)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const type_names[] = {
  [SHUATI_STORE_EVENT_REVIEW] = "review",
  [SHUATI_STORE_EVENT_UNDO] = "review-undone",
  [SHUATI_STORE_EVENT_STAR] = "star",
  [SHUATI_STORE_EVENT_UNSTAR] = "unstar",
  [SHUATI_STORE_EVENT_SUSPEND] = "suspend",
  [SHUATI_STORE_EVENT_UNSUSPEND] = "unsuspend",
  [SHUATI_STORE_EVENT_BURY] = "bury",
  [SHUATI_STORE_EVENT_FORGET] = "forget",
  [SHUATI_STORE_EVENT_MISTAKE] = "mistake",
  [SHUATI_STORE_EVENT_RESET] = "progress-reset",
};

static const char * const deck_type_names[] = {
  "deck-added",
  "deck-updated",
  "deck-removed",
};

static gboolean
is_deck_event (int type)
{
  return type >= SHUATI_SYNC_DECK_ADDED && type <= SHUATI_SYNC_DECK_REMOVED;
}

static void
event_clear (gpointer data)
{
  Event *event = data;

  g_clear_pointer (&event->device, g_free);
  g_clear_pointer (&event->deck_id, g_free);
  g_clear_pointer (&event->card_id, g_free);
  g_clear_pointer (&event->ref_device, g_free);
  g_clear_pointer (&event->hash, g_free);
  g_clear_pointer (&event->cards, g_free);
}

static void
merge_result_free (MergeResult *result)
{
  g_clear_pointer (&result->decks, g_hash_table_unref);
  g_clear_pointer (&result->synced_decks, g_hash_table_unref);
  g_clear_pointer (&result->positions, g_hash_table_unref);
  g_clear_pointer (&result->problems, g_hash_table_unref);
  g_clear_pointer (&result->gaps, g_ptr_array_unref);
  g_clear_pointer (&result->cleared, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MergeResult, merge_result_free)

/* The clock */

static gint64
wall_ms (ShuatiSync *self)
{
  return g_get_real_time () / 1000 + self->clock_offset * 1000;
}

static gint64
tick (ShuatiSync *self)
{
  gint64 ts;

  g_mutex_lock (&self->clock_lock);
  self->clock_ms = MAX (wall_ms (self), self->clock_ms + 1);
  ts = self->clock_ms;
  g_mutex_unlock (&self->clock_lock);
  return ts;
}

static void
witness (ShuatiSync *self,
         gint64      ts)
{
  g_mutex_lock (&self->clock_lock);
  self->clock_ms = MAX (self->clock_ms, ts);
  g_mutex_unlock (&self->clock_lock);
}

/* SQLite helpers */

static int
exec (sqlite3    *db,
      const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void
set_db_error (sqlite3     *db,
              int          rc,
              GError     **error)
{
  g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_STORE,
               _("Could not sync your progress file: %s"),
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static char *
query_state (sqlite3    *db,
             const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM sync_state WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static int
set_state (sqlite3    *db,
           const char *key,
           const char *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = step_done (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Lines */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_line (GString     *out,
             const Event *e)
{
  const char *type = is_deck_event (e->type) ? deck_type_names[e->type - SHUATI_SYNC_DECK_ADDED]
                                              : type_names[e->type];

  g_string_append_printf (out, "{\"v\":%d,\"type\":\"%s\",\"device\":", JOURNAL_VERSION, type);
  append_json_string (out, e->device);
  g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT ",\"ts\":%" G_GINT64_FORMAT ",\"deck\":",
                          e->seq, e->ts);
  append_json_string (out, e->deck_id);
  g_string_append (out, ",\"card\":");
  append_json_string (out, e->card_id);
  if (is_deck_event (e->type))
    {
      g_string_append (out, ",\"hash\":");
      append_json_string (out, e->hash);
      g_string_append (out, ",\"cards\":");
      append_json_string (out, e->cards);
      g_string_append (out, "}\n");
      return;
    }
  switch (e->type)
    {
    case SHUATI_STORE_EVENT_REVIEW:
      g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT ",\"rating\":%d,\"ms\":%u",
                              e->time, e->rating, e->duration_ms);
      break;
    case SHUATI_STORE_EVENT_UNDO:
      g_string_append (out, ",\"ref_device\":");
      append_json_string (out, e->ref_device);
      g_string_append_printf (out, ",\"ref_seq\":%" G_GINT64_FORMAT, e->ref_seq);
      break;
    case SHUATI_STORE_EVENT_BURY:
    case SHUATI_STORE_EVENT_FORGET:
    case SHUATI_STORE_EVENT_RESET:
      g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT, e->time);
      break;
    case SHUATI_STORE_EVENT_MISTAKE:
      g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT ",\"member\":%s",
                              e->time, e->member ? "true" : "false");
      break;
    case SHUATI_STORE_EVENT_STAR:
    case SHUATI_STORE_EVENT_UNSTAR:
    case SHUATI_STORE_EVENT_SUSPEND:
    case SHUATI_STORE_EVENT_UNSUSPEND:
    default:
      break;
    }
  g_string_append (out, "}\n");
}

typedef enum
{
  LINE_OK,
  LINE_GARBAGE,
  LINE_NEWER,
} LineResult;

/* The lines this version writes are flat objects of strings, integers
 * and booleans; they are read here without building a tree. Anything
 * else (escapes other than \" and \\, nesting, floats) returns FALSE
 * and goes to JSON-GLib. */
static gboolean
fast_string (const char **p,
             const char  *end,
             char       **out)
{
  const char *s = *p;
  GString *text = NULL;

  if (s >= end || *s != '"')
    return FALSE;
  s++;
  for (const char *q = s; q < end; q++)
    {
      if (*q == '"')
        {
          if (out != NULL)
            {
              if (text != NULL)
                {
                  g_string_append_len (text, s, q - s);
                  *out = g_string_free (text, FALSE);
                }
              else
                *out = g_strndup (s, q - s);
            }
          else if (text != NULL)
            g_string_free (text, TRUE);
          *p = q + 1;
          return TRUE;
        }
      if ((guchar)*q < 0x20)
        break;
      if (*q == '\\')
        {
          if (q + 1 >= end || (q[1] != '"' && q[1] != '\\'))
            break;
          if (text == NULL)
            text = g_string_new (NULL);
          g_string_append_len (text, s, q - s);
          g_string_append_c (text, q[1]);
          q++;
          s = q + 1;
        }
    }
  if (text != NULL)
    g_string_free (text, TRUE);
  return FALSE;
}

/* A key is read in place: the keys this version writes have no escapes. */
static gboolean
fast_key (const char **p,
          const char  *end,
          const char **key,
          gsize       *length)
{
  const char *s = *p;

  if (s >= end || *s != '"')
    return FALSE;
  s++;
  for (const char *q = s; q < end; q++)
    {
      if (*q == '"')
        {
          *key = s;
          *length = q - s;
          *p = q + 1;
          return TRUE;
        }
      if ((guchar)*q < 0x20 || *q == '\\')
        return FALSE;
    }
  return FALSE;
}

typedef enum
{
  FAST_OK,
  FAST_FALLBACK,
} FastResult;

static FastResult
parse_fast (const char *line,
            gsize       length,
            Event      *e,
            gint64     *version,
            char      **type)
{
  const char *p = line, *end = line + length;

#define SKIP_WS() while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++
  SKIP_WS ();
  if (p >= end || *p != '{')
    return FAST_FALLBACK;
  p++;
  for (;;)
    {
      const char *key;
      gsize key_length;

#define KEY_IS(name) (key_length == sizeof (name) - 1 && memcmp (key, name, sizeof (name) - 1) == 0)
/* A member of another type than this version writes it with (a later
 * duplicate of it, say) goes to JSON-GLib, whose last member wins. */
#define STRING_KEY() (KEY_IS ("type") || KEY_IS ("device") || KEY_IS ("deck") || KEY_IS ("card") || \
                      KEY_IS ("ref_device") || KEY_IS ("hash") || KEY_IS ("cards"))
#define NUMBER_KEY() (KEY_IS ("v") || KEY_IS ("seq") || KEY_IS ("ts") || KEY_IS ("at") || \
                      KEY_IS ("rating") || KEY_IS ("ms") || KEY_IS ("ref_seq"))
      SKIP_WS ();
      if (!fast_key (&p, end, &key, &key_length))
        return FAST_FALLBACK;
      SKIP_WS ();
      if (p >= end || *p != ':')
        return FAST_FALLBACK;
      p++;
      SKIP_WS ();
      if (p < end && *p == '"')
        {
          char **slot = NULL;

          if (NUMBER_KEY () || KEY_IS ("member"))
            return FAST_FALLBACK;

          if (KEY_IS ("type"))
            slot = type;
          else if (KEY_IS ("device"))
            slot = &e->device;
          else if (KEY_IS ("deck"))
            slot = &e->deck_id;
          else if (KEY_IS ("card"))
            slot = &e->card_id;
          else if (KEY_IS ("ref_device"))
            slot = &e->ref_device;
          else if (KEY_IS ("hash"))
            slot = &e->hash;
          else if (KEY_IS ("cards"))
            slot = &e->cards;
          if (slot != NULL && *slot != NULL)
            return FAST_FALLBACK;
          if (!fast_string (&p, end, slot))
            return FAST_FALLBACK;
        }
      else if (p < end && (*p == '-' || g_ascii_isdigit (*p)))
        {
          const char *digits = p + (*p == '-');
          const char *after = digits;
          gint64 value = 0;

          if (STRING_KEY () || KEY_IS ("member"))
            return FAST_FALLBACK;

          /* Up to 18 digits cannot overflow; longer numbers go to
           * JSON-GLib. */
          while (after < end && g_ascii_isdigit (*after) && after - digits < 18)
            value = value * 10 + (*after++ - '0');
          /* Leading zeros are not JSON: JSON-GLib decides. */
          if (after == digits || (after < end && (g_ascii_isdigit (*after) || *after == '.' ||
                                                  *after == 'e' || *after == 'E')) ||
              (*digits == '0' && after - digits > 1))
            return FAST_FALLBACK;
          if (*p == '-')
            value = -value;
          p = after;
          if (KEY_IS ("v"))
            *version = value;
          else if (KEY_IS ("seq"))
            e->seq = value;
          else if (KEY_IS ("ts"))
            e->ts = value;
          else if (KEY_IS ("at"))
            e->time = value;
          else if (KEY_IS ("rating"))
            e->rating = (int)CLAMP (value, G_MININT, G_MAXINT);
          else if (KEY_IS ("ms"))
            e->duration_ms = (guint)CLAMP (value, 0, 3600 * 1000);
          else if (KEY_IS ("ref_seq"))
            e->ref_seq = value;
        }
      else if (end - p >= 4 && memcmp (p, "true", 4) == 0)
        {
          if (STRING_KEY () || NUMBER_KEY ())
            return FAST_FALLBACK;
          p += 4;
          if (KEY_IS ("member"))
            e->member = TRUE;
        }
      else if (end - p >= 5 && memcmp (p, "false", 5) == 0)
        {
          if (STRING_KEY () || NUMBER_KEY ())
            return FAST_FALLBACK;
          p += 5;
          if (KEY_IS ("member"))
            e->member = FALSE;
        }
      else
        return FAST_FALLBACK;
      SKIP_WS ();
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '}')
        {
          p++;
          SKIP_WS ();
          return p == end ? FAST_OK : FAST_FALLBACK;
        }
      return FAST_FALLBACK;
    }
#undef NUMBER_KEY
#undef STRING_KEY
#undef KEY_IS
#undef SKIP_WS
}

static LineResult
check_event (Event      *e,
             gint64      version,
             const char *type)
{
  guint t;

  if (version > JOURNAL_VERSION)
    return LINE_NEWER;
  if (version < 1)
    return LINE_GARBAGE;
  for (t = 0; t < G_N_ELEMENTS (deck_type_names); t++)
    if (g_strcmp0 (type, deck_type_names[t]) == 0)
      {
        e->type = SHUATI_SYNC_DECK_ADDED + t;
        /* The hash names a file and the deck id another: nothing but
         * what they may be. */
        if (e->device == NULL || e->seq < 1 || !shuati_deck_id_is_valid (e->deck_id) ||
            (e->type != SHUATI_SYNC_DECK_REMOVED && !shuati_sync_hash_is_valid (e->hash)))
          return LINE_GARBAGE;
        if (e->card_id == NULL)
          e->card_id = g_strdup ("");
        if (e->hash == NULL)
          e->hash = g_strdup ("");
        if (e->cards == NULL)
          e->cards = g_strdup ("");
        return LINE_OK;
      }
  for (t = 0; t < G_N_ELEMENTS (type_names); t++)
    if (g_strcmp0 (type, type_names[t]) == 0)
      break;
  /* An event of a later Shuati in a version-1 file: not understood. */
  if (t == G_N_ELEMENTS (type_names))
    return LINE_NEWER;
  e->type = t;

  if (e->device == NULL || e->deck_id == NULL || e->card_id == NULL || e->seq < 1 ||
      (e->type == SHUATI_STORE_EVENT_REVIEW && (e->rating < SHUATI_RATING_AGAIN || e->rating > SHUATI_RATING_EASY)) ||
      (e->type == SHUATI_STORE_EVENT_UNDO && e->ref_device == NULL))
    return LINE_GARBAGE;
  return LINE_OK;
}

/* Members of the types the lines are written with, as the fast reader
 * reads them: JSON-GLib would turn a boolean or a float into an integer. */
static gint64
member_int (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
member_true (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static LineResult
parse_line_full (JsonParser *parser,
                 const char *line,
                 gsize       length,
                 gboolean    fast,
                 Event      *e)
{
  JsonNode *root;
  JsonObject *o;
  LineResult result;
  gint64 version;

  memset (e, 0, sizeof *e);
  if (fast)
    {
      g_autofree char *fast_type = NULL;
      gint64 fast_version = 0;
      LineResult r;

      if (parse_fast (line, length, e, &fast_version, &fast_type) == FAST_OK &&
          g_utf8_validate (line, length, NULL))
        {
          r = check_event (e, fast_version, fast_type);
          if (r != LINE_OK)
            event_clear (e);
          return r;
        }
      event_clear (e);
      memset (e, 0, sizeof *e);
    }
  /* JSON-GLib would take "{…}{…}", keeping only the last (and leaking
   * the others). */
  if (!shuati_text_is_one_json_object (line, length) ||
      !json_parser_load_from_data (parser, line, length, NULL))
    return LINE_GARBAGE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return LINE_GARBAGE;
  o = json_node_get_object (root);

  version = member_int (o, "v");
  e->device = member_string (o, "device");
  e->deck_id = member_string (o, "deck");
  e->card_id = member_string (o, "card");
  e->seq = member_int (o, "seq");
  e->ts = member_int (o, "ts");
  e->time = member_int (o, "at");
  e->rating = (int)CLAMP (member_int (o, "rating"), G_MININT, G_MAXINT);
  e->duration_ms = (guint)CLAMP (member_int (o, "ms"), 0, 3600 * 1000);
  e->member = member_true (o, "member");
  e->ref_device = member_string (o, "ref_device");
  e->ref_seq = member_int (o, "ref_seq");
  e->hash = member_string (o, "hash");
  e->cards = member_string (o, "cards");

  /* JSON-GLib 1.6 makes invalid UTF-8 of some malformed escapes
   * ("\u5u6\217"): such a line is damaged. */
  {
    const char *texts[] = { e->device, e->deck_id, e->card_id, e->ref_device, e->hash, e->cards };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (texts[i] != NULL && !g_utf8_validate (texts[i], -1, NULL))
        {
          event_clear (e);
          return LINE_GARBAGE;
        }
  }

  {
    g_autofree char *type = member_string (o, "type");

    result = check_event (e, version, type);
  }
  if (result != LINE_OK)
    event_clear (e);
  return result;
}

static LineResult
parse_line (JsonParser *parser,
            const char *line,
            gsize       length,
            Event      *e)
{
  return parse_line_full (parser, line, length, TRUE, e);
}

/* Files */

static char *
journal_name (guint n)
{
  return g_strdup_printf ("journal-%u.jsonl", n);
}

/* The number of a journal file's name, 0 for any other file. */
static guint
journal_number (const char *name)
{
  guint64 n = 0;
  const char *end;

  if (!g_str_has_prefix (name, "journal-") || !g_str_has_suffix (name, ".jsonl"))
    return 0;
  end = name + strlen (name) - strlen (".jsonl");
  for (const char *p = name + strlen ("journal-"); p < end; p++)
    {
      if (!g_ascii_isdigit (*p) || n > G_MAXUINT / 10)
        return 0;
      n = n * 10 + (*p - '0');
    }
  return (guint)n;
}

static gint
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* The journal files of @dir, oldest first. */
static GArray *
list_journals (const char  *dir,
               GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GArray *numbers;
  const char *name;

  if (d == NULL)
    return NULL;
  numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((name = g_dir_read_name (d)) != NULL)
    {
      guint n = journal_number (name);

      if (n > 0)
        g_array_append_val (numbers, n);
    }
  g_array_sort (numbers, compare_numbers);
  return numbers;
}

static gboolean
open_journal (ShuatiSync  *self,
              GError     **error)
{
  g_autofree char *name = journal_name (self->file_n);
  g_autofree char *path = g_build_filename (self->own_dir, name, NULL);
  struct stat st;

  if (self->fd >= 0)
    close (self->fd);
  self->fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (self->fd < 0 || fstat (self->fd, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not write the sync file “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  self->file_size = st.st_size;
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Appends @lines, each ending in a newline, beginning a new file past
 * the size limit, and flushes them to the disk. */
static gboolean
append_lines (ShuatiSync  *self,
              GString     *lines,
              GError     **error)
{
  const char *p = lines->str;
  const char *end = lines->str + lines->len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize length = eol - p + 1;

      if (self->file_size > 0 && self->file_size + (gint64)length > (gint64)self->rotate_size)
        {
          if (g_fsync (self->fd) != 0)
            goto failed;
          self->file_n++;
          if (!open_journal (self, error))
            return FALSE;
        }
      if (!write_all (self->fd, p, length))
        goto failed;
      self->file_size += length;
      p += length;
    }

  if (g_fsync (self->fd) != 0)
    goto failed;
  return TRUE;

failed:
  {
    int saved_errno = errno;

    g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                 _("Could not write to the sync folder: %s"), g_strerror (saved_errno));
    return FALSE;
  }
}

/* Writing: the store's journal */

static int replay_cards (sqlite3         *db,
                         ShuatiScheduler *scheduler,
                         GHashTable      *cards);

static int
upsert_register (sqlite3     *db,
                 const Event *e,
                 RegisterKind kind)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT OR REPLACE INTO sync_registers (deck_id, card_id, kind, ts, device_id, seq)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, e->deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, e->card_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, kind);
      sqlite3_bind_int64 (stmt, 4, e->ts);
      sqlite3_bind_text (stmt, 5, e->device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, e->seq);
      rc = step_done (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

static RegisterKind
register_kind (ShuatiStoreEventType type)
{
  switch (type)
    {
    case SHUATI_STORE_EVENT_STAR:
    case SHUATI_STORE_EVENT_UNSTAR:
      return KIND_STAR;
    case SHUATI_STORE_EVENT_SUSPEND:
    case SHUATI_STORE_EVENT_UNSUSPEND:
      return KIND_SUSPEND;
    case SHUATI_STORE_EVENT_BURY:
      return KIND_BURY;
    case SHUATI_STORE_EVENT_MISTAKE:
      return KIND_MISTAKE;
    case SHUATI_STORE_EVENT_RESET:
      return KIND_RESET;
    case SHUATI_STORE_EVENT_REVIEW:
    case SHUATI_STORE_EVENT_UNDO:
    case SHUATI_STORE_EVENT_FORGET:
    default:
      return 0;
    }
}

/* The bookkeeping of one of this device's events, in the store's
 * transaction. Returns FALSE with @skip set for an event other devices
 * need not hear of. */
static int
note_own_event (ShuatiSync             *self,
                sqlite3                *db,
                const ShuatiStoreEvent *source,
                Event                  *e,
                gboolean               *skip)
{
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK;

  *skip = FALSE;
  switch (source->type)
    {
    case SHUATI_STORE_EVENT_REVIEW:
      rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_reviews (review_id, device_id, seq)"
                                   " VALUES (?1, ?2, ?3)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, source->review_id);
          sqlite3_bind_text (stmt, 2, e->device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, e->seq);
          rc = step_done (stmt);
        }
      break;

    case SHUATI_STORE_EVENT_UNDO:
      rc = sqlite3_prepare_v2 (db, "SELECT device_id, seq FROM sync_reviews WHERE review_id = ?1",
                               -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        break;
      sqlite3_bind_int64 (stmt, 1, source->review_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          /* Never told to anyone: nothing to take back. */
          *skip = TRUE;
          break;
        }
      e->ref_device = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      e->ref_seq = sqlite3_column_int64 (stmt, 1);
      g_clear_pointer (&stmt, sqlite3_finalize);
      rc = sqlite3_prepare_v2 (db, "DELETE FROM sync_reviews WHERE review_id = ?1", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, source->review_id);
          rc = step_done (stmt);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_undone (device_id, seq) VALUES (?1, ?2)",
                                 -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, e->ref_device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, e->ref_seq);
          rc = step_done (stmt);
        }
      break;

    case SHUATI_STORE_EVENT_FORGET:
      rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_forgets (deck_id, card_id, at, device_id, seq)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          /* The point in the card's history is this device's own time,
           * the same clock its reviews are timed by. */
          e->time = wall_ms (self) / 1000;
          sqlite3_bind_text (stmt, 1, e->deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, e->card_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, e->time);
          sqlite3_bind_text (stmt, 4, e->device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, e->seq);
          rc = step_done (stmt);
        }
      break;

    case SHUATI_STORE_EVENT_RESET:
      /* Every review this device had of the deck is gone: the point in
       * time is the latest of them, or now. */
      e->time = MAX (wall_ms (self) / 1000, source->time);
      rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_forgets (deck_id, card_id, at, device_id, seq)"
                                   " VALUES (?1, '', ?2, ?3, ?4)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, e->deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, e->time);
          sqlite3_bind_text (stmt, 3, e->device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, e->seq);
          rc = step_done (stmt);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (rc == SQLITE_OK)
        rc = exec (db, "DELETE FROM sync_reviews WHERE review_id NOT IN (SELECT id FROM reviews)");
      if (rc == SQLITE_OK)
        rc = upsert_register (db, e, KIND_RESET);
      break;

    case SHUATI_STORE_EVENT_STAR:
    case SHUATI_STORE_EVENT_UNSTAR:
    case SHUATI_STORE_EVENT_SUSPEND:
    case SHUATI_STORE_EVENT_UNSUSPEND:
    case SHUATI_STORE_EVENT_BURY:
    case SHUATI_STORE_EVENT_MISTAKE:
    default:
      rc = upsert_register (db, e, register_kind (source->type));
      break;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_OK || *skip)
    return rc;

  rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_applied (device_id, seq) VALUES (?1, ?2)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, e->device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, e->seq);
      rc = step_done (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* The store's journal function: one line per event, flushed to the disk
 * before the store commits. A line written whose commit then fails is
 * applied on the next start (see reconcile()). */
static gboolean
write_events (ShuatiStore  *store,
              GArray       *events,
              gpointer      user_data,
              GError      **error)
{
  ShuatiSync *self = user_data;
  sqlite3 *db = shuati_store_get_database (store);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 first_seq = self->next_seq;
  int rc;

  if (self->fd < 0)
    {
      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not write to the sync folder: it is closed."));
      return FALSE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      const ShuatiStoreEvent *source = &g_array_index (events, ShuatiStoreEvent, i);
      Event e = { 0, };
      gboolean skip;

      e.type = source->type;
      e.device = self->device_id;
      e.seq = self->next_seq;
      e.ts = tick (self);
      e.deck_id = source->deck_id;
      e.card_id = source->card_id;
      e.time = source->time;
      e.rating = source->rating;
      e.duration_ms = source->duration_ms;
      e.member = source->member;

      rc = note_own_event (self, db, source, &e, &skip);
      if (rc != SQLITE_OK)
        {
          g_free (e.ref_device);
          self->next_seq = first_seq;
          set_db_error (db, rc, error);
          return FALSE;
        }
      if (!skip)
        {
          append_line (lines, &e);
          self->next_seq++;
        }
      if (source->type == SHUATI_STORE_EVENT_REVIEW || source->type == SHUATI_STORE_EVENT_UNDO ||
          source->type == SHUATI_STORE_EVENT_FORGET)
        g_hash_table_add (cards, g_strconcat (source->deck_id, "\n", source->card_id, NULL));
      g_free (e.ref_device);
    }

  /* The card as every device computes it, from its whole history. */
  if ((rc = replay_cards (db, self->scheduler, cards)) != SQLITE_OK)
    {
      self->next_seq = first_seq;
      set_db_error (db, rc, error);
      return FALSE;
    }

  if (lines->len == 0)
    return TRUE;
  if (!append_lines (self, lines, error))
    {
      /* Nothing may have reached the file: those numbers were not used,
       * or were and the next start applies them. Either way no number is
       * used twice. */
      return FALSE;
    }
  return TRUE;
}

/* Reading */

/* The order every device applies events in: time, then device id, then
 * the device's sequence number. */
static int
compare_stamps (gint64      ts_a,
                const char *device_a,
                gint64      seq_a,
                gint64      ts_b,
                const char *device_b,
                gint64      seq_b)
{
  int c;

  if (ts_a != ts_b)
    return ts_a < ts_b ? -1 : 1;
  if ((c = strcmp (device_a, device_b)) != 0)
    return c;
  return seq_a < seq_b ? -1 : seq_a > seq_b;
}

static gint
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a, *y = b;

  return compare_stamps (x->ts, x->device, x->seq, y->ts, y->device, y->seq);
}

static void
add_problem (MergeResult *result,
             const char  *key,
             char        *message)
{
  g_hash_table_replace (result->problems, g_strdup (key), message);
}

/* Reads the complete lines of @data, a journal file of @device, into
 * @events. Returns how much of @data they take. */
static gsize
parse_lines (JsonParser *parser,
             const char *data,
             gsize       length,
             const char *device,
             GArray     *events,
             guint      *n_garbage,
             guint      *n_newer)
{
  gsize done = 0;

  for (;;)
    {
      const char *eol = memchr (data + done, '\n', length - done);
      Event e;

      /* The last line, when it has no end yet, is still being written
       * (or synced): read again when the file grows. */
      if (eol == NULL)
        break;
      if (eol > data + done)
        {
          switch (parse_line (parser, data + done, eol - (data + done), &e))
            {
            case LINE_OK:
              if (strcmp (e.device, device) != 0)
                {
                  /* A line in another device's folder speaks for no one. */
                  event_clear (&e);
                  (*n_garbage)++;
                }
              else
                g_array_append_val (events, e);
              break;
            case LINE_NEWER:
              (*n_newer)++;
              break;
            case LINE_GARBAGE:
            default:
              (*n_garbage)++;
              break;
            }
        }
      done = eol - data + 1;
    }
  return done;
}

/* Reads the complete lines of one journal file past its read position. */
static void
read_file (ShuatiSync  *self,
           JsonParser  *parser,
           const char  *device,
           const char  *dir,
           guint        n,
           GArray      *events,
           MergeResult *result)
{
  g_autofree char *name = journal_name (n);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *key = g_strconcat (device, "/", name, NULL);
  g_autofree char *data = NULL;
  Position *known = g_hash_table_lookup (self->positions, key);
  Position pos = known ? *known : (Position) { 0, 0 };
  guint n_garbage = 0, n_newer = 0;
  struct stat st;
  gsize length;
  gssize got = 0;
  gsize done;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      if (fd >= 0)
        close (fd);
      add_problem (result, key, g_strdup_printf (_("Could not read “%s”: %s"), display, g_strerror (saved_errno)));
      return;
    }
  g_ptr_array_add (result->cleared, g_strdup (key));

  if (known != NULL && st.st_size == pos.size)
    {
      close (fd);
      return;
    }
  /* Shorter than what was read: the file was replaced. Read it again;
   * the events already applied are skipped. */
  if (st.st_size < pos.offset)
    pos.offset = 0;

  length = st.st_size - pos.offset;
  data = g_malloc (length + 1);
  for (done = 0; done < length; done += got)
    {
      got = pread (fd, data + done, length - done, pos.offset + done);
      if (got < 0 && errno == EINTR)
        {
          got = 0;
          continue;
        }
      if (got <= 0)
        break;
    }
  close (fd);
  length = done;
  data[length] = '\0';

  done = parse_lines (parser, data, length, device, events, &n_garbage, &n_newer);

  pos.offset += done;
  pos.size = pos.offset + (length - done);
  g_hash_table_replace (result->positions, g_strdup (key), g_memdup2 (&pos, sizeof pos));

  if (n_garbage > 0 || n_newer > 0)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *garbage_key = g_strconcat (key, "#garbage", NULL);
      g_autofree char *newer_key = g_strconcat (key, "#newer", NULL);

      if (n_garbage > 0)
        add_problem (result, garbage_key,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u damaged line in “%s” was skipped",
                                                   "%u damaged lines in “%s” were skipped", n_garbage),
                                      n_garbage, display));
      if (n_newer > 0)
        add_problem (result, newer_key,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u line in “%s” comes from a newer Shuati and was skipped; update Shuati",
                                                   "%u lines in “%s” come from a newer Shuati and were skipped; update Shuati",
                                                   n_newer),
                                      n_newer, display));
    }
}

/* Applying */

typedef enum
{
  S_MARK_APPLIED,
  S_UNDONE,
  S_INSERT_UNDONE,
  S_INSERT_REVIEW,
  S_MAP_REVIEW,
  S_FIND_REVIEW,
  S_DELETE_REVIEW,
  S_UNMAP_REVIEW,
  S_FORGET,
  S_GET_REGISTER,
  S_PUT_REGISTER,
  S_STAR,
  S_UNSTAR,
  S_SUSPEND,
  S_BURY,
  S_MISTAKE,
  S_HISTORY,
  S_FORGETS,
  S_UPDATE_REVIEW,
  S_PUT_CARD,
  S_DELETE_CARD,
  S_POSITION,
  S_DECK_EVENT,
  S_RESET_AT,
  S_RESET_CARDS,
  S_RESET_UNMAP,
  S_RESET_REVIEWS,
  S_RESET_STARS,
  S_RESET_SUSPENDED,
  S_RESET_BURIED,
  S_RESET_MISTAKES,
  N_S
} MergeStmt;

static const char * const merge_sql[N_S] = {
  [S_MARK_APPLIED] = "INSERT OR IGNORE INTO sync_applied (device_id, seq) VALUES (?1, ?2)",
  [S_UNDONE] = "SELECT 1 FROM sync_undone WHERE device_id = ?1 AND seq = ?2",
  [S_INSERT_UNDONE] = "INSERT OR IGNORE INTO sync_undone (device_id, seq) VALUES (?1, ?2)",
  [S_INSERT_REVIEW] =
    "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, duration_ms, state_before, state_after,"
    " stability, difficulty, elapsed_days, scheduled_days, prev_state, prev_step, prev_stability,"
    " prev_difficulty, prev_due, prev_last_review, prev_reps, prev_lapses)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
  [S_MAP_REVIEW] = "INSERT OR REPLACE INTO sync_reviews (review_id, device_id, seq) VALUES (?1, ?2, ?3)",
  [S_FIND_REVIEW] = "SELECT s.review_id, r.deck_id, r.card_id FROM sync_reviews s"
                    " JOIN reviews r ON r.id = s.review_id WHERE s.device_id = ?1 AND s.seq = ?2",
  [S_DELETE_REVIEW] = "DELETE FROM reviews WHERE id = ?1",
  [S_UNMAP_REVIEW] = "DELETE FROM sync_reviews WHERE review_id = ?1",
  [S_FORGET] = "INSERT OR IGNORE INTO sync_forgets (deck_id, card_id, at, device_id, seq)"
               " VALUES (?1, ?2, ?3, ?4, ?5)",
  [S_GET_REGISTER] = "SELECT ts, device_id, seq FROM sync_registers"
                     " WHERE deck_id = ?1 AND card_id = ?2 AND kind = ?3",
  [S_PUT_REGISTER] = "INSERT OR REPLACE INTO sync_registers (deck_id, card_id, kind, ts, device_id, seq)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [S_STAR] = "INSERT OR IGNORE INTO stars (deck_id, card_id, starred_at) VALUES (?1, ?2, ?3)",
  [S_UNSTAR] = "DELETE FROM stars WHERE deck_id = ?1 AND card_id = ?2",
  [S_SUSPEND] = "INSERT INTO marks (deck_id, card_id, suspended) VALUES (?1, ?2, ?3)"
                " ON CONFLICT (deck_id, card_id) DO UPDATE SET suspended = excluded.suspended",
  [S_BURY] = "INSERT INTO marks (deck_id, card_id, buried_until) VALUES (?1, ?2, ?3)"
             " ON CONFLICT (deck_id, card_id) DO UPDATE SET buried_until = excluded.buried_until",
  [S_MISTAKE] = "INSERT OR REPLACE INTO mistake_marks (deck_id, card_id, marked_at, member)"
                " VALUES (?1, ?2, ?3, ?4)",
  [S_HISTORY] = "SELECT r.id, r.reviewed_at, r.rating, coalesce (s.device_id, ''), coalesce (s.seq, r.id),"
                " r.state_before, r.state_after, r.stability, r.difficulty, r.elapsed_days, r.scheduled_days,"
                " r.prev_state, r.prev_step, r.prev_stability, r.prev_difficulty, r.prev_due,"
                " r.prev_last_review, r.prev_reps, r.prev_lapses, r.duration_ms"
                " FROM reviews r LEFT JOIN sync_reviews s ON s.review_id = r.id"
                " WHERE r.deck_id = ?1 AND r.card_id = ?2",
  [S_FORGETS] = "SELECT at, device_id, seq FROM sync_forgets WHERE deck_id = ?1 AND card_id = ?2",
  [S_UPDATE_REVIEW] =
    "UPDATE reviews SET state_before = ?2, state_after = ?3, stability = ?4, difficulty = ?5,"
    " elapsed_days = ?6, scheduled_days = ?7, prev_state = ?8, prev_step = ?9, prev_stability = ?10,"
    " prev_difficulty = ?11, prev_due = ?12, prev_last_review = ?13, prev_reps = ?14, prev_lapses = ?15"
    " WHERE id = ?1",
  [S_PUT_CARD] =
    "INSERT OR REPLACE INTO cards (deck_id, card_id, state, step, stability, difficulty, due,"
    " last_review, reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [S_DELETE_CARD] = "DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2",
  [S_POSITION] = "INSERT OR REPLACE INTO sync_files (device_id, name, offset, size) VALUES (?1, ?2, ?3, ?4)",
  [S_RESET_AT] = "SELECT max (at) FROM sync_forgets WHERE deck_id = ?1 AND card_id = ''",
  [S_RESET_CARDS] = "SELECT card_id FROM reviews WHERE deck_id = ?1 AND reviewed_at <= ?2"
                    " UNION SELECT card_id FROM cards WHERE deck_id = ?1",
  [S_RESET_UNMAP] = "DELETE FROM sync_reviews WHERE review_id IN"
                    " (SELECT id FROM reviews WHERE deck_id = ?1 AND reviewed_at <= ?2)",
  [S_RESET_REVIEWS] = "DELETE FROM reviews WHERE deck_id = ?1 AND reviewed_at <= ?2",
  /* What was written before the reset goes; what after, stays. */
#define NEWER_THAN_RESET(table, kind) \
  " AND NOT EXISTS (SELECT 1 FROM sync_registers r WHERE r.deck_id = ?1 AND r.card_id = " table ".card_id" \
  " AND r.kind = " kind " AND (r.ts, r.device_id, r.seq) > (?2, ?3, ?4))"
  [S_RESET_STARS] = "DELETE FROM stars WHERE deck_id = ?1" NEWER_THAN_RESET ("stars", "1"),
  [S_RESET_SUSPENDED] = "UPDATE marks SET suspended = 0 WHERE deck_id = ?1" NEWER_THAN_RESET ("marks", "2"),
  [S_RESET_BURIED] = "UPDATE marks SET buried_until = 0 WHERE deck_id = ?1" NEWER_THAN_RESET ("marks", "3"),
  [S_RESET_MISTAKES] = "DELETE FROM mistake_marks WHERE deck_id = ?1" NEWER_THAN_RESET ("mistake_marks", "4"),
#undef NEWER_THAN_RESET
  [S_DECK_EVENT] = "INSERT OR IGNORE INTO sync_deck_events (device_id, seq, deck_id, ts, type, hash, cards)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

typedef struct
{
  sqlite3         *db;
  sqlite3_stmt    *s[N_S];
  ShuatiScheduler *scheduler;
  GHashTable      *dirty;   /* "deck\ncard" */
  gint64           n_undone;
  /* Reviews of this merge, written once their memories are replayed */
  GHashTable      *pending;         /* "deck\ncard" → GPtrArray of Pending */
  GHashTable      *pending_events;  /* Pending, by device and seq */
  GString         *key;             /* scratch for the keys looked up */
  GPtrArray       *replayed;        /* Pending, with their memories */
  GHashTable      *reset_at;        /* deck id → gint64, its latest reset */
} Merger;

typedef struct
{
  char     *device;
  gint64    seq;
  gint64    at;
  int       rating;
  guint     duration_ms;
  gboolean  undone;
  /* The key of its card in Merger.pending: "deck\ncard" */
  const char *card_key;
  gsize       deck_length;
  /* What its replay gave */
  ShuatiImportReview review;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->device);
  g_free (p);
}

static guint
pending_hash (gconstpointer data)
{
  const Pending *p = data;

  return g_str_hash (p->device) ^ g_int64_hash (&p->seq);
}

static gboolean
pending_equal (gconstpointer a,
               gconstpointer b)
{
  const Pending *x = a, *y = b;

  return x->seq == y->seq && strcmp (x->device, y->device) == 0;
}

static void
merger_clear (Merger *m)
{
  for (guint i = 0; i < N_S; i++)
    g_clear_pointer (&m->s[i], sqlite3_finalize);
  g_clear_pointer (&m->dirty, g_hash_table_unref);
  g_clear_pointer (&m->replayed, g_ptr_array_unref);
  g_clear_pointer (&m->pending_events, g_hash_table_unref);
  g_clear_pointer (&m->pending, g_hash_table_unref);
  g_clear_pointer (&m->reset_at, g_hash_table_unref);
  if (m->key != NULL)
    g_string_free (g_steal_pointer (&m->key), TRUE);
}

static sqlite3_stmt *
stmt (Merger    *m,
      MergeStmt  id)
{
  sqlite3_reset (m->s[id]);
  sqlite3_clear_bindings (m->s[id]);
  return m->s[id];
}

/* Every text bound below outlives the step that reads it: bound
 * SQLITE_STATIC, so that a merge does not copy each id into SQLite. */
static void
bind_card (sqlite3_stmt *s,
           const Event  *e)
{
  sqlite3_bind_text (s, 1, e->deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, e->card_id, -1, SQLITE_STATIC);
}

static void
mark_dirty (Merger     *m,
            const char *deck_id,
            const char *card_id)
{
  g_hash_table_add (m->dirty, g_strconcat (deck_id, "\n", card_id, NULL));
}

static gboolean
is_set (Merger       *m,
        MergeStmt     id,
        const char   *device,
        gint64        seq,
        int          *rc)
{
  sqlite3_stmt *s = stmt (m, id);
  int r;

  sqlite3_bind_text (s, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 2, seq);
  r = sqlite3_step (s);
  sqlite3_reset (s);
  *rc = r == SQLITE_ROW || r == SQLITE_DONE ? SQLITE_OK : r;
  return r == SQLITE_ROW;
}

/* Whether @e is a later write of its register than the one applied. */
static gboolean
wins_register (Merger       *m,
               const Event  *e,
               RegisterKind  kind,
               int          *rc)
{
  sqlite3_stmt *s = stmt (m, S_GET_REGISTER);
  gboolean wins = TRUE;
  int r;

  bind_card (s, e);
  sqlite3_bind_int (s, 3, kind);
  r = sqlite3_step (s);
  if (r == SQLITE_ROW)
    {
      Event current = { 0, };
      int c;

      current.ts = sqlite3_column_int64 (s, 0);
      current.device = (char *)sqlite3_column_text (s, 1);
      current.seq = sqlite3_column_int64 (s, 2);
      c = compare_events (e, &current);
      wins = c > 0;
    }
  sqlite3_reset (s);
  *rc = r == SQLITE_ROW || r == SQLITE_DONE ? SQLITE_OK : r;
  if (!wins || *rc != SQLITE_OK)
    return FALSE;

  /* A write from before its deck's progress was reset is undone by it. */
  if (kind != KIND_RESET)
    {
      s = stmt (m, S_GET_REGISTER);
      sqlite3_bind_text (s, 1, e->deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, "", -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 3, KIND_RESET);
      r = sqlite3_step (s);
      if (r == SQLITE_ROW)
        {
          Event reset = { 0, };

          reset.ts = sqlite3_column_int64 (s, 0);
          reset.device = (char *)sqlite3_column_text (s, 1);
          reset.seq = sqlite3_column_int64 (s, 2);
          wins = compare_events (e, &reset) > 0;
        }
      sqlite3_reset (s);
      *rc = r == SQLITE_ROW || r == SQLITE_DONE ? SQLITE_OK : r;
      if (!wins || *rc != SQLITE_OK)
        return FALSE;
    }

  s = stmt (m, S_PUT_REGISTER);
  bind_card (s, e);
  sqlite3_bind_int (s, 3, kind);
  sqlite3_bind_int64 (s, 4, e->ts);
  sqlite3_bind_text (s, 5, e->device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 6, e->seq);
  *rc = step_done (s);
  return *rc == SQLITE_OK;
}

/* The time of @deck_id's latest progress reset; G_MININT64 for none. */
static gint64
reset_time (Merger     *m,
            const char *deck_id,
            int        *rc)
{
  gint64 *at;
  sqlite3_stmt *s;
  int r;

  *rc = SQLITE_OK;
  if (m->reset_at == NULL)
    m->reset_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  at = g_hash_table_lookup (m->reset_at, deck_id);
  if (at != NULL)
    return *at;

  at = g_new (gint64, 1);
  *at = G_MININT64;
  s = stmt (m, S_RESET_AT);
  sqlite3_bind_text (s, 1, deck_id, -1, SQLITE_STATIC);
  r = sqlite3_step (s);
  if (r == SQLITE_ROW && sqlite3_column_type (s, 0) != SQLITE_NULL)
    *at = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (r != SQLITE_ROW && r != SQLITE_DONE)
    *rc = r;
  g_hash_table_insert (m->reset_at, g_strdup (deck_id), at);
  return *at;
}

static int
run_deck_stmt (Merger      *m,
               MergeStmt    id,
               const Event *e,
               gboolean     with_event)
{
  sqlite3_stmt *s = stmt (m, id);

  sqlite3_bind_text (s, 1, e->deck_id, -1, SQLITE_STATIC);
  if (with_event)
    {
      sqlite3_bind_int64 (s, 2, e->ts);
      sqlite3_bind_text (s, 3, e->device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 4, e->seq);
    }
  else
    sqlite3_bind_int64 (s, 2, e->time);
  return step_done (s);
}

/* A deck's progress reset: every review of it up to the reset's time
 * goes, whichever device made it (and those that come later too, see
 * reset_time()); so do stars and marks written before it. */
static int
apply_reset (Merger      *m,
             const Event *e)
{
  g_autofree char *prefix = g_strconcat (e->deck_id, "\n", NULL);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *s;
  gint64 *at;
  int rc;

  s = stmt (m, S_FORGET);
  sqlite3_bind_text (s, 1, e->deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, e->time);
  sqlite3_bind_text (s, 4, e->device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 5, e->seq);
  if ((rc = step_done (s)) != SQLITE_OK)
    return rc;
  reset_time (m, e->deck_id, &rc);
  if (rc != SQLITE_OK)
    return rc;
  at = g_hash_table_lookup (m->reset_at, e->deck_id);
  *at = MAX (*at, e->time);

  s = stmt (m, S_RESET_CARDS);
  sqlite3_bind_text (s, 1, e->deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 2, e->time);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    mark_dirty (m, e->deck_id, (const char *)sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return rc;
  if ((rc = run_deck_stmt (m, S_RESET_UNMAP, e, FALSE)) != SQLITE_OK ||
      (rc = run_deck_stmt (m, S_RESET_REVIEWS, e, FALSE)) != SQLITE_OK)
    return rc;

  /* Reviews of this merge not written yet. */
  g_hash_table_iter_init (&iter, m->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;

      if (!g_str_has_prefix (key, prefix))
        continue;
      for (guint i = 0; i < list->len; i++)
        {
          Pending *p = g_ptr_array_index (list, i);

          if (p->at <= e->time)
            p->undone = TRUE;
        }
    }

  /* Stars and marks: only the latest reset clears them. */
  if (!wins_register (m, e, KIND_RESET, &rc))
    return rc;
  if ((rc = run_deck_stmt (m, S_RESET_STARS, e, TRUE)) != SQLITE_OK ||
      (rc = run_deck_stmt (m, S_RESET_SUSPENDED, e, TRUE)) != SQLITE_OK ||
      (rc = run_deck_stmt (m, S_RESET_BURIED, e, TRUE)) != SQLITE_OK)
    return rc;
  return run_deck_stmt (m, S_RESET_MISTAKES, e, TRUE);
}

static int
apply_event (Merger      *m,
             const Event *e)
{
  sqlite3_stmt *s;
  RegisterKind kind;
  int rc = SQLITE_OK;

  switch (e->type)
    {
    case SHUATI_STORE_EVENT_REVIEW:
      /* Its undo came first (from a file that arrived sooner). */
      if (m->n_undone > 0 && (is_set (m, S_UNDONE, e->device, e->seq, &rc) || rc != SQLITE_OK))
        return rc;
      /* Made before its deck's progress was reset. */
      if (e->time <= reset_time (m, e->deck_id, &rc) || rc != SQLITE_OK)
        return rc;
      {
        Pending *p = g_new0 (Pending, 1);
        GPtrArray *list;

        p->device = g_strdup (e->device);
        p->seq = e->seq;
        p->at = e->time;
        p->rating = e->rating;
        p->duration_ms = e->duration_ms;
        g_string_assign (m->key, e->deck_id);
        g_string_append_c (m->key, '\n');
        g_string_append (m->key, e->card_id);
        if (!g_hash_table_lookup_extended (m->pending, m->key->str, (gpointer *)&p->card_key, (gpointer *)&list))
          {
            list = g_ptr_array_new_with_free_func (pending_free);
            p->card_key = g_strdup (m->key->str);
            g_hash_table_insert (m->pending, (char *)p->card_key, list);
            g_hash_table_add (m->dirty, g_strdup (m->key->str));
          }
        p->deck_length = strlen (e->deck_id);
        g_ptr_array_add (list, p);
        g_hash_table_add (m->pending_events, p);
      }
      return SQLITE_OK;

    case SHUATI_STORE_EVENT_UNDO:
      m->n_undone++;
      s = stmt (m, S_INSERT_UNDONE);
      sqlite3_bind_text (s, 1, e->ref_device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 2, e->ref_seq);
      if ((rc = step_done (s)) != SQLITE_OK)
        return rc;
      {
        Pending ref = { .device = e->ref_device, .seq = e->ref_seq };
        Pending *p = g_hash_table_lookup (m->pending_events, &ref);

        if (p != NULL)
          {
            p->undone = TRUE;
            return SQLITE_OK;
          }
      }
      s = stmt (m, S_FIND_REVIEW);
      sqlite3_bind_text (s, 1, e->ref_device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 2, e->ref_seq);
      rc = sqlite3_step (s);
      if (rc == SQLITE_ROW)
        {
          gint64 review_id = sqlite3_column_int64 (s, 0);

          mark_dirty (m, (const char *)sqlite3_column_text (s, 1), (const char *)sqlite3_column_text (s, 2));
          sqlite3_reset (s);
          s = stmt (m, S_DELETE_REVIEW);
          sqlite3_bind_int64 (s, 1, review_id);
          if ((rc = step_done (s)) != SQLITE_OK)
            return rc;
          s = stmt (m, S_UNMAP_REVIEW);
          sqlite3_bind_int64 (s, 1, review_id);
          return step_done (s);
        }
      sqlite3_reset (s);
      return rc == SQLITE_DONE ? SQLITE_OK : rc;

    case SHUATI_STORE_EVENT_RESET:
      return apply_reset (m, e);

    case SHUATI_STORE_EVENT_FORGET:
      s = stmt (m, S_FORGET);
      bind_card (s, e);
      sqlite3_bind_int64 (s, 3, e->time);
      sqlite3_bind_text (s, 4, e->device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 5, e->seq);
      if ((rc = step_done (s)) != SQLITE_OK)
        return rc;
      mark_dirty (m, e->deck_id, e->card_id);
      return SQLITE_OK;

    case SHUATI_STORE_EVENT_STAR:
    case SHUATI_STORE_EVENT_UNSTAR:
    case SHUATI_STORE_EVENT_SUSPEND:
    case SHUATI_STORE_EVENT_UNSUSPEND:
    case SHUATI_STORE_EVENT_BURY:
    case SHUATI_STORE_EVENT_MISTAKE:
    default:
      kind = register_kind (e->type);
      if (!wins_register (m, e, kind, &rc))
        return rc;
      switch (e->type)
        {
        case SHUATI_STORE_EVENT_STAR:
          s = stmt (m, S_STAR);
          sqlite3_bind_int64 (s, 3, e->ts / 1000);
          break;
        case SHUATI_STORE_EVENT_UNSTAR:
          s = stmt (m, S_UNSTAR);
          break;
        case SHUATI_STORE_EVENT_SUSPEND:
        case SHUATI_STORE_EVENT_UNSUSPEND:
          s = stmt (m, S_SUSPEND);
          sqlite3_bind_int (s, 3, e->type == SHUATI_STORE_EVENT_SUSPEND);
          break;
        case SHUATI_STORE_EVENT_BURY:
          s = stmt (m, S_BURY);
          sqlite3_bind_int64 (s, 3, MAX (e->time, 0));
          break;
        case SHUATI_STORE_EVENT_MISTAKE:
        default:
          s = stmt (m, S_MISTAKE);
          sqlite3_bind_int64 (s, 3, e->time);
          sqlite3_bind_int (s, 4, e->member ? 1 : 0);
          break;
        }
      bind_card (s, e);
      return step_done (s);
    }
}

typedef struct
{
  gint64   at;
  char    *device;
  gint64   seq;
  gint64   review_id;  /* 0: a forgetting */
  int      rating;
  gint64   duration_ms;
  Pending *pending;    /* a review of this merge, not written yet */
  gboolean dropped;    /* a pending review that another device's copy stands for */
  double   old[14];    /* what the row holds, from state_before on */
  gboolean old_null;   /* prev_* are NULL */
} HistoryItem;

static gint
compare_history (gconstpointer a,
                 gconstpointer b)
{
  const HistoryItem *x = a, *y = b;
  int c = compare_stamps (x->at, x->device, x->seq, y->at, y->device, y->seq);

  if (c != 0)
    return c;
  return (x->review_id != 0 || x->pending != NULL) - (y->review_id != 0 || y->pending != NULL);
}

static void
history_item_clear (gpointer data)
{
  g_free (((HistoryItem *)data)->device);
}

static void
bind_memory_at (sqlite3_stmt       *s,
                int                 first,
                const ShuatiMemory *mem)
{
  sqlite3_bind_int (s, first, mem->state);
  sqlite3_bind_int64 (s, first + 1, mem->step);
  sqlite3_bind_double (s, first + 2, mem->stability);
  sqlite3_bind_double (s, first + 3, mem->difficulty);
  sqlite3_bind_int64 (s, first + 4, mem->due);
  sqlite3_bind_int64 (s, first + 5, mem->last_review);
  sqlite3_bind_int64 (s, first + 6, mem->reps);
  sqlite3_bind_int64 (s, first + 7, mem->lapses);
}

static gboolean
same_review (const HistoryItem *a,
             const HistoryItem *b)
{
  return (b->review_id != 0 || (b->pending != NULL && !b->dropped)) &&
         a->at == b->at && a->rating == b->rating && a->duration_ms == b->duration_ms &&
         strcmp (a->device, b->device) != 0;
}

/* One review that two devices both journaled: a history imported on
 * each (the same Anki package) or progress that was copied between them
 * before they synced. A review of the same second, rating and duration
 * to the millisecond is one review; it is kept once, under the device
 * and sequence that come first, so that every device ends with the same
 * rows whatever order the journals arrived in. @items are in time order. */
static int
drop_copies (Merger *m,
             GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      HistoryItem *item = &g_array_index (items, HistoryItem, i);

      if (item->pending == NULL)
        continue;
      for (guint j = i; j-- > 0 && g_array_index (items, HistoryItem, j).at == item->at;)
        if (same_review (item, &g_array_index (items, HistoryItem, j)))
          item->dropped = TRUE;
      for (guint j = i + 1; !item->dropped && j < items->len && g_array_index (items, HistoryItem, j).at == item->at; j++)
        {
          HistoryItem *row = &g_array_index (items, HistoryItem, j);
          sqlite3_stmt *s;
          int rc;

          /* A row written already, under a later device: it stays, now
           * under this review's device and sequence. */
          if (row->review_id == 0 || !same_review (item, row))
            continue;
          s = stmt (m, S_MAP_REVIEW);
          sqlite3_bind_int64 (s, 1, row->review_id);
          sqlite3_bind_text (s, 2, item->device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (s, 3, item->seq);
          if ((rc = step_done (s)) != SQLITE_OK)
            return rc;
          g_free (row->device);
          row->device = g_strdup (item->device);
          row->seq = item->seq;
          item->dropped = TRUE;
        }
    }
  return SQLITE_OK;
}

/* Replays the whole history of one card: its reviews from every device
 * in time order, starting again from new at each forgetting. */
static int
replay_card (Merger     *m,
             const char *deck_id,
             const char *card_id)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (HistoryItem));
  g_autoptr(GArray) segment = g_array_new (FALSE, TRUE, sizeof (ShuatiImportReview));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  ShuatiMemory memory = { 0 };
  sqlite3_stmt *s;
  int rc;

  g_array_set_clear_func (items, history_item_clear);

  s = stmt (m, S_HISTORY);
  sqlite3_bind_text (s, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, card_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      HistoryItem item = {
        .review_id = sqlite3_column_int64 (s, 0),
        .at = sqlite3_column_int64 (s, 1),
        .rating = sqlite3_column_int (s, 2),
        .device = g_strdup ((const char *)sqlite3_column_text (s, 3)),
        .seq = sqlite3_column_int64 (s, 4),
      };

      for (int c = 0; c < 14; c++)
        item.old[c] = sqlite3_column_double (s, 5 + c);
      item.duration_ms = sqlite3_column_int64 (s, 19);
      item.old_null = sqlite3_column_type (s, 11) == SQLITE_NULL;
      g_array_append_val (items, item);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return rc;

  if (m->pending != NULL)
    {
      g_autofree char *key = g_strconcat (deck_id, "\n", card_id, NULL);
      GPtrArray *list = g_hash_table_lookup (m->pending, key);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          Pending *p = g_ptr_array_index (list, i);
          HistoryItem item = {
            .at = p->at, .device = g_strdup (p->device), .seq = p->seq,
            .rating = p->rating, .duration_ms = p->duration_ms, .pending = p,
          };

          if (!p->undone)
            g_array_append_val (items, item);
          else
            g_free (item.device);
        }
    }

  s = stmt (m, S_FORGETS);
  sqlite3_bind_text (s, 1, deck_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, card_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      HistoryItem item = {
        .at = sqlite3_column_int64 (s, 0),
        .device = g_strdup ((const char *)sqlite3_column_text (s, 1)),
        .seq = sqlite3_column_int64 (s, 2),
      };

      g_array_append_val (items, item);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return rc;

  g_array_sort (items, compare_history);
  if ((rc = drop_copies (m, items)) != SQLITE_OK)
    return rc;

  for (guint i = 0; i <= items->len; i++)
    {
      HistoryItem *item = i < items->len ? &g_array_index (items, HistoryItem, i) : NULL;

      if (item != NULL && item->dropped)
        continue;
      if (item != NULL && (item->review_id != 0 || item->pending != NULL))
        {
          ShuatiImportReview review = {
            .card_id = (char *)card_id,
            .reviewed_at = item->at,
            .rating = CLAMP (item->rating, SHUATI_RATING_AGAIN, SHUATI_RATING_EASY),
          };

          g_array_append_val (segment, review);
          g_array_append_val (ids, i);
          continue;
        }

      /* A forgetting, or the end: replay the reviews since the last. */
      memset (&memory, 0, sizeof memory);
      shuati_import_review_replay (m->scheduler, (ShuatiImportReview *)(gpointer)segment->data,
                                   segment->len, TRUE, &memory);
      for (guint r = 0; r < segment->len; r++)
        {
          const ShuatiImportReview *review = &g_array_index (segment, ShuatiImportReview, r);
          const HistoryItem *row = &g_array_index (items, HistoryItem, g_array_index (ids, guint, r));
          gboolean was_new = review->before.state == SHUATI_CARD_NEW;
          const ShuatiMemory *b = &review->before;
          double now[14] = {
            review->before.state, review->after.state, review->after.stability, review->after.difficulty,
            review->info.elapsed_days, review->info.scheduled_days,
            b->state, b->step, b->stability, b->difficulty, b->due, b->last_review, b->reps, b->lapses,
          };
          int first;

          if (row->pending == NULL)
            {
              /* Unchanged rows (most, when new reviews come after the
               * old) are not written again. */
              if (memcmp (row->old, now, 6 * sizeof (double)) == 0 && row->old_null == was_new &&
                  (was_new || memcmp (row->old + 6, now + 6, 8 * sizeof (double)) == 0))
                continue;
              s = stmt (m, S_UPDATE_REVIEW);
              sqlite3_bind_int64 (s, 1, row->review_id);
              first = 2;
            }
          else
            {
              /* Written by write_replayed(), in the order of time. */
              row->pending->review = *review;
              g_ptr_array_add (m->replayed, row->pending);
              continue;
            }
          sqlite3_bind_int (s, first, review->before.state);
          sqlite3_bind_int (s, first + 1, review->after.state);
          sqlite3_bind_double (s, first + 2, review->after.stability);
          sqlite3_bind_double (s, first + 3, review->after.difficulty);
          sqlite3_bind_double (s, first + 4, review->info.elapsed_days);
          sqlite3_bind_double (s, first + 5, review->info.scheduled_days);
          if (!was_new)
            bind_memory_at (s, first + 6, &review->before);
          if ((rc = step_done (s)) != SQLITE_OK)
            return rc;
        }
      if (item == NULL)
        break;
      g_array_set_size (segment, 0);
      g_array_set_size (ids, 0);
    }

  if (segment->len > 0)
    {
      s = stmt (m, S_PUT_CARD);
      sqlite3_bind_text (s, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, card_id, -1, SQLITE_STATIC);
      bind_memory_at (s, 3, &memory);
    }
  else
    {
      s = stmt (m, S_DELETE_CARD);
      sqlite3_bind_text (s, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, card_id, -1, SQLITE_STATIC);
    }
  return step_done (s);
}

static gint
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = *(const Pending * const *)a, *y = *(const Pending * const *)b;

  return compare_stamps (x->at, x->device, x->seq, y->at, y->device, y->seq);
}

/* Inserts the reviews of this merge once all are replayed, oldest
 * first: the indexes by time and by event then grow at their ends,
 * where a full page is split cheaply, rather than all over. */
static int
write_replayed (Merger *m)
{
  int rc;

  g_ptr_array_sort (m->replayed, compare_pending);
  for (guint i = 0; i < m->replayed->len; i++)
    {
      const Pending *p = g_ptr_array_index (m->replayed, i);
      const ShuatiImportReview *review = &p->review;
      sqlite3_stmt *s = stmt (m, S_INSERT_REVIEW);

      sqlite3_bind_text (s, 1, p->card_key, p->deck_length, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, p->card_key + p->deck_length + 1, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 3, p->at);
      sqlite3_bind_int (s, 4, p->rating);
      sqlite3_bind_int64 (s, 5, p->duration_ms);
      sqlite3_bind_int (s, 6, review->before.state);
      sqlite3_bind_int (s, 7, review->after.state);
      sqlite3_bind_double (s, 8, review->after.stability);
      sqlite3_bind_double (s, 9, review->after.difficulty);
      sqlite3_bind_double (s, 10, review->info.elapsed_days);
      sqlite3_bind_double (s, 11, review->info.scheduled_days);
      if (review->before.state != SHUATI_CARD_NEW)
        bind_memory_at (s, 12, &review->before);
      if ((rc = step_done (s)) != SQLITE_OK)
        return rc;
      s = stmt (m, S_MAP_REVIEW);
      sqlite3_bind_int64 (s, 1, sqlite3_last_insert_rowid (m->db));
      sqlite3_bind_text (s, 2, p->device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 3, p->seq);
      if ((rc = step_done (s)) != SQLITE_OK)
        return rc;
    }
  g_ptr_array_set_size (m->replayed, 0);
  return SQLITE_OK;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* In the order of the cards: their rows then go to the ends of the
 * card indexes rather than all over them. */
static int
replay_dirty (Merger *m)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  int rc;

  keys = g_hash_table_get_keys_as_array (m->dirty, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *deck_id = g_strdup (keys[i]);
      char *card_id = strchr (deck_id, '\n');

      *card_id++ = '\0';
      if ((rc = replay_card (m, deck_id, card_id)) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/* Replays @cards ("deck\ncard") in the transaction under way on @db. */
static int
replay_cards (sqlite3         *db,
              ShuatiScheduler *scheduler,
              GHashTable      *cards)
{
  Merger m = { 0, };
  int rc = SQLITE_OK;

  if (g_hash_table_size (cards) == 0)
    return SQLITE_OK;
  m.db = db;
  m.scheduler = scheduler;
  m.dirty = g_hash_table_ref (cards);
  for (guint i = 0; i < N_S && rc == SQLITE_OK; i++)
    rc = sqlite3_prepare_v2 (db, merge_sql[i], -1, &m.s[i], NULL);
  if (rc == SQLITE_OK)
    rc = replay_dirty (&m);
  merger_clear (&m);
  return rc;
}

/* A scheduler of the same settings, for a merge in a worker thread. */
static ShuatiScheduler *
copy_scheduler (ShuatiScheduler *from)
{
  ShuatiScheduler *to = shuati_scheduler_new ();
  const guint *steps;
  guint n;

  shuati_scheduler_set_weights (to, shuati_scheduler_get_weights (from), SHUATI_FSRS_N_WEIGHTS);
  shuati_scheduler_set_desired_retention (to, shuati_scheduler_get_desired_retention (from));
  shuati_scheduler_set_maximum_interval (to, shuati_scheduler_get_maximum_interval (from));
  steps = shuati_scheduler_get_learning_steps (from, &n);
  shuati_scheduler_set_learning_steps (to, steps, n);
  steps = shuati_scheduler_get_relearning_steps (from, &n);
  shuati_scheduler_set_relearning_steps (to, steps, n);
  shuati_scheduler_set_fuzz (to, shuati_scheduler_get_fuzz (from));
  return to;
}

typedef struct
{
  char            *db_path;
  char            *devices_dir;
  char            *own_device;
  gboolean         reconcile;
  ShuatiScheduler *scheduler;
} MergeInput;

static void
merge_input_free (MergeInput *input)
{
  g_free (input->db_path);
  g_free (input->devices_dir);
  g_free (input->own_device);
  g_clear_object (&input->scheduler);
  g_free (input);
}

/* Reads and applies. With @reconcile, reads only this device's own
 * files: lines written whose commit never came (a crash between the
 * two) are applied as another device's would be. Runs in a worker
 * thread; touches only self->positions, which nothing else does during
 * a merge. */
static MergeResult *
run_merge (ShuatiSync  *self,
           MergeInput  *input,
           GError     **error)
{
  g_autoptr(MergeResult) result = g_new0 (MergeResult, 1);
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GDir) devices = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Merger m = { 0, };
  sqlite3 *db = NULL;
  const char *device;
  int rc;

  result->reconcile = input->reconcile;
  result->decks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result->synced_decks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result->gaps = g_ptr_array_new_with_free_func (g_free);
  result->cleared = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (events, event_clear);

  devices = g_dir_open (input->devices_dir, 0, &local_error);
  if (devices == NULL)
    {
      g_autofree char *display = g_filename_display_name (input->devices_dir);

      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not read the sync folder “%s”: %s"), display, local_error->message);
      return NULL;
    }

  while ((device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *dir = g_build_filename (input->devices_dir, device, NULL);
      g_autoptr(GArray) numbers = NULL;
      gboolean own = strcmp (device, input->own_device) == 0;

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;
      result->n_devices++;
      if (own != input->reconcile)
        continue;

      g_clear_error (&local_error);
      numbers = list_journals (dir, &local_error);
      if (numbers == NULL)
        {
          g_autofree char *display = g_filename_display_name (dir);

          add_problem (result, device, g_strdup_printf (_("Could not read “%s”: %s"),
                                                        display, local_error->message));
          continue;
        }
      g_ptr_array_add (result->cleared, g_strdup (device));
      for (guint i = 0; i < numbers->len; i++)
        read_file (self, parser, device, dir, g_array_index (numbers, guint, i), events, result);
    }

  g_array_sort (events, compare_events);

  /* The connection is this thread's alone: no mutex. */
  rc = sqlite3_open_v2 (input->db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  /* The merge's two dozen statements would take the default lookaside
   * slots, leaving the values of each step to malloc. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 1200, 1000);
  sqlite3_busy_timeout (db, 10000);
  exec (db, "PRAGMA synchronous = FULL");
  /* A large merge touches every index at random: keep it in memory
   * rather than spill it to the WAL and read it back. */
  exec (db, "PRAGMA cache_size = -131072");
  exec (db, "PRAGMA mmap_size = 268435456");
  m.db = db;
  m.scheduler = input->scheduler;
  m.dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  m.pending_events = g_hash_table_new (pending_hash, pending_equal);
  m.key = g_string_new (NULL);
  m.replayed = g_ptr_array_new ();
  for (guint i = 0; i < N_S; i++)
    if ((rc = sqlite3_prepare_v2 (db, merge_sql[i], -1, &m.s[i], NULL)) != SQLITE_OK)
      goto failed;

  if ((rc = exec (db, "BEGIN IMMEDIATE")) != SQLITE_OK)
    goto failed;
  m.n_undone = query_int (db, "SELECT EXISTS (SELECT 1 FROM sync_undone)", NULL);

  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);

      result->max_ts = MAX (result->max_ts, e->ts);
      if (input->reconcile)
        result->max_own_seq = MAX (result->max_own_seq, e->seq);
      {
        /* Marked first: no change means it was applied before. */
        sqlite3_stmt *s = stmt (&m, S_MARK_APPLIED);

        sqlite3_bind_text (s, 1, e->device, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 2, e->seq);
        if ((rc = step_done (s)) != SQLITE_OK)
          goto failed_in_transaction;
        if (sqlite3_changes (db) == 0)
          continue;
      }
      if (is_deck_event (e->type))
        {
          /* Applied to the library on the main thread, once the files
           * it names are here (apply_decks()). */
          sqlite3_stmt *s = stmt (&m, S_DECK_EVENT);

          sqlite3_bind_text (s, 1, e->device, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (s, 2, e->seq);
          sqlite3_bind_text (s, 3, e->deck_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (s, 4, e->ts);
          sqlite3_bind_int (s, 5, e->type);
          sqlite3_bind_text (s, 6, e->hash, -1, SQLITE_STATIC);
          sqlite3_bind_text (s, 7, e->cards, -1, SQLITE_STATIC);
          if ((rc = step_done (s)) != SQLITE_OK)
            goto failed_in_transaction;
          g_hash_table_add (result->synced_decks, g_strdup (e->deck_id));
          result->n_applied++;
          continue;
        }
      if ((rc = apply_event (&m, e)) != SQLITE_OK)
        goto failed_in_transaction;
      g_hash_table_add (result->decks, g_strdup (e->deck_id));
      result->n_applied++;
    }

  if ((rc = replay_dirty (&m)) != SQLITE_OK || (rc = write_replayed (&m)) != SQLITE_OK)
    goto failed_in_transaction;

  g_hash_table_iter_init (&iter, result->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Position *pos = value;
      g_autofree char *dev = g_strdup (key);
      char *name = strchr (dev, '/');
      sqlite3_stmt *s = stmt (&m, S_POSITION);

      *name++ = '\0';
      sqlite3_bind_text (s, 1, dev, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (s, 3, pos->offset);
      sqlite3_bind_int64 (s, 4, pos->size);
      if ((rc = step_done (s)) != SQLITE_OK)
        goto failed_in_transaction;
    }

  if ((rc = exec (db, "COMMIT")) != SQLITE_OK)
    goto failed_in_transaction;

  /* Events a device numbered but that are not here: a file still on
   * its way, or lost. */
  if (!input->reconcile)
    {
      sqlite3_stmt *s = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT device_id, max (seq) - count (*) FROM sync_applied"
                                  " WHERE device_id != ?1 GROUP BY device_id", -1, &s, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (s, 1, input->own_device, -1, SQLITE_STATIC);
          while (sqlite3_step (s) == SQLITE_ROW)
            {
              gint64 missing = sqlite3_column_int64 (s, 1);
              g_autofree char *short_id = g_strndup ((const char *)sqlite3_column_text (s, 0), 8);

              if (missing > 0)
                g_ptr_array_add (result->gaps,
                                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u change from the device %s is missing: its files may still be on their way",
                                                               "%u changes from the device %s are missing: their files may still be on their way",
                                                               (gulong)missing),
                                                  (guint)MIN (missing, G_MAXUINT), short_id));
            }
        }
      sqlite3_finalize (s);
    }

  merger_clear (&m);
  sqlite3_close (db);
  return g_steal_pointer (&result);

failed_in_transaction:
  set_db_error (db, rc, error);
  exec (db, "ROLLBACK");
  merger_clear (&m);
  sqlite3_close (db);
  return NULL;

failed:
  set_db_error (db, rc, error);
  merger_clear (&m);
  sqlite3_close (db);
  return NULL;
}

static void apply_decks (ShuatiSync *self,
                         GHashTable *deck_ids);

/* On the main thread, after a merge. */
static void
finish_merge (ShuatiSync  *self,
              MergeResult *result)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, result->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->positions, key, value);
    }
  for (guint i = 0; i < result->cleared->len; i++)
    g_hash_table_remove (self->problems, g_ptr_array_index (result->cleared, i));
  g_hash_table_iter_init (&iter, result->problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->problems, key, value);
    }
  witness (self, result->max_ts);

  if (result->reconcile)
    return;

  g_clear_pointer (&self->gaps, g_ptr_array_unref);
  self->gaps = g_ptr_array_ref (result->gaps);
  self->n_devices = result->n_devices;
  self->last_merge = wall_ms (self) / 1000;

  g_hash_table_iter_init (&iter, result->decks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    shuati_store_emit_changed (self->store, key, NULL);
  apply_decks (self, result->synced_decks);
  g_signal_emit (self, signals[MERGED], 0);
}

static MergeInput *
make_input (ShuatiSync *self,
            gboolean    reconcile)
{
  MergeInput *input = g_new0 (MergeInput, 1);

  input->db_path = g_strdup (self->db_path);
  input->devices_dir = g_strdup (self->devices_dir);
  input->own_device = g_strdup (self->device_id);
  input->reconcile = reconcile;
  input->scheduler = copy_scheduler (self->scheduler);
  return input;
}

/* GObject */

static void
shuati_sync_dispose (GObject *object)
{
  ShuatiSync *self = (ShuatiSync *)object;

  shuati_sync_stop (self);
  shuati_sync_set_library (self, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (shuati_sync_parent_class)->dispose (object);
}

static void
shuati_sync_finalize (GObject *object)
{
  ShuatiSync *self = (ShuatiSync *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->devices_dir, g_free);
  g_clear_pointer (&self->own_dir, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_pointer (&self->gaps, g_ptr_array_unref);
  g_clear_pointer (&self->waiting_decks, g_hash_table_unref);
  g_clear_pointer (&self->waiting_seen, g_hash_table_unref);
  g_clear_pointer (&self->deck_problems, g_hash_table_unref);
  g_mutex_clear (&self->clock_lock);

  G_OBJECT_CLASS (shuati_sync_parent_class)->finalize (object);
}

static void
shuati_sync_class_init (ShuatiSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_sync_dispose;
  object_class->finalize = shuati_sync_finalize;

  /**
   * ShuatiSync::merged:
   *
   * Emitted after each merge of the other devices' changes, when the
   * status (shuati_sync_get_last_merge(), the devices, the problems)
   * may have changed.
   */
  signals[MERGED] =
    g_signal_new ("merged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
shuati_sync_init (ShuatiSync *self)
{
  self->fd = -1;
  self->rotate_size = SHUATI_SYNC_ROTATE_SIZE;
  self->next_seq = 1;
  g_mutex_init (&self->clock_lock);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->gaps = g_ptr_array_new_with_free_func (g_free);
  self->waiting_decks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->waiting_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deck_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Setting up */

static gboolean
load_state (ShuatiSync  *self,
            GError     **error)
{
  sqlite3 *db = shuati_store_get_database (self->store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (db == NULL)
    {
      set_db_error (NULL, SQLITE_CANTOPEN, error);
      return FALSE;
    }

  self->device_id = query_state (db, "device-id");
  if (self->device_id == NULL)
    {
      self->device_id = g_uuid_string_random ();
      if ((rc = set_state (db, "device-id", self->device_id)) != SQLITE_OK)
        {
          set_db_error (db, rc, error);
          return FALSE;
        }
    }

  rc = sqlite3_prepare_v2 (db, "SELECT device_id, name, offset, size FROM sync_files", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (db, rc, error);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Position pos = { sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };

      g_hash_table_replace (self->positions,
                            g_strconcat ((const char *)sqlite3_column_text (stmt, 0), "/",
                                         (const char *)sqlite3_column_text (stmt, 1), NULL),
                            g_memdup2 (&pos, sizeof pos));
    }
  sqlite3_finalize (stmt);

  self->clock_ms = query_int (db, "SELECT max (ts) FROM sync_registers", NULL);
  return TRUE;
}

/* Opens this device's newest journal to append to, or a new one when
 * the newest ends in a line cut short (a crash while writing it): the
 * next line must not be glued to it. */
static gboolean
open_own_journal (ShuatiSync  *self,
                  GError     **error)
{
  g_autoptr(GArray) numbers = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (self->own_dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (self->folder);

      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not use “%s” as the sync folder: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  numbers = list_journals (self->own_dir, &local_error);
  if (numbers == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->folder);

      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not use “%s” as the sync folder: %s"), display, local_error->message);
      return FALSE;
    }

  self->file_n = numbers->len > 0 ? g_array_index (numbers, guint, numbers->len - 1) : 1;
  if (!open_journal (self, error))
    return FALSE;

  if (self->file_size > 0)
    {
      g_autofree char *name = journal_name (self->file_n);
      g_autofree char *path = g_build_filename (self->own_dir, name, NULL);
      char last = '\n';
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

      if (fd >= 0)
        {
          if (pread (fd, &last, 1, self->file_size - 1) != 1)
            last = '\n';
          close (fd);
        }
      if (last != '\n')
        {
          self->file_n++;
          return open_journal (self, error);
        }
    }
  return TRUE;
}

/* Told once, when sync is first turned on: what this device did before,
 * so that the other devices start from all of it. */
static gboolean
export_history (ShuatiSync  *self,
                GError     **error)
{
  static const struct { const char *sql; ShuatiStoreEventType type; } sources[] = {
    { "SELECT r.deck_id, r.card_id, r.id, r.reviewed_at, r.rating, r.duration_ms FROM reviews r"
      " WHERE NOT EXISTS (SELECT 1 FROM sync_reviews s WHERE s.review_id = r.id) ORDER BY r.id",
      SHUATI_STORE_EVENT_REVIEW },
    { "SELECT deck_id, card_id, 0, 0, 0, 0 FROM stars", SHUATI_STORE_EVENT_STAR },
    { "SELECT deck_id, card_id, 0, 0, 0, 0 FROM marks WHERE suspended != 0", SHUATI_STORE_EVENT_SUSPEND },
    { "SELECT deck_id, card_id, 0, buried_until, 0, 0 FROM marks WHERE buried_until > 0",
      SHUATI_STORE_EVENT_BURY },
    { "SELECT deck_id, card_id, 0, marked_at, member, 0 FROM mistake_marks", SHUATI_STORE_EVENT_MISTAKE },
  };
  sqlite3 *db = shuati_store_get_database (self->store);
  g_autofree char *done = query_state (db, "exported");
  g_autoptr(GArray) events = NULL;
  int rc;

  if (done != NULL)
    return TRUE;

  events = g_array_new (FALSE, TRUE, sizeof (ShuatiStoreEvent));
  if ((rc = exec (db, "BEGIN IMMEDIATE")) != SQLITE_OK)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if ((rc = sqlite3_prepare_v2 (db, sources[i].sql, -1, &stmt, NULL)) != SQLITE_OK)
        goto failed_in_transaction;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          ShuatiStoreEvent e = {
            .type = sources[i].type,
            .deck_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
            .card_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1)),
            .review_id = sqlite3_column_int64 (stmt, 2),
            .time = sqlite3_column_int64 (stmt, 3),
            .rating = sqlite3_column_int (stmt, 4),
            .member = sqlite3_column_int (stmt, 4) != 0,
            .duration_ms = (guint)CLAMP (sqlite3_column_int64 (stmt, 5), 0, 3600 * 1000),
          };

          g_array_append_val (events, e);
        }
      sqlite3_finalize (stmt);
    }

  if (events->len > 0 && !write_events (self->store, events, self, error))
    {
      for (guint i = 0; i < events->len; i++)
        {
          ShuatiStoreEvent *e = &g_array_index (events, ShuatiStoreEvent, i);

          g_free (e->deck_id);
          g_free (e->card_id);
        }
      exec (db, "ROLLBACK");
      return FALSE;
    }
  for (guint i = 0; i < events->len; i++)
    {
      ShuatiStoreEvent *e = &g_array_index (events, ShuatiStoreEvent, i);

      g_free (e->deck_id);
      g_free (e->card_id);
    }

  if ((rc = set_state (db, "exported", "1")) != SQLITE_OK ||
      (rc = exec (db, "COMMIT")) != SQLITE_OK)
    goto failed_in_transaction;
  return TRUE;

failed_in_transaction:
  set_db_error (db, rc, error);
  exec (db, "ROLLBACK");
  return FALSE;

failed:
  set_db_error (db, rc, error);
  return FALSE;
}

/**
 * shuati_sync_new:
 * @store: the progress store; its writes are journaled from now on
 * @scheduler: replays the merged histories
 * @folder: the folder the sync program keeps; made when missing
 *
 * Starts syncing: gives this installation a device id the first time,
 * applies any line of its own journal written without its commit (a
 * crash between the two), and tells the folder what was studied before
 * sync was first turned on. Merging the other devices' changes is
 * shuati_sync_merge() or shuati_sync_merge_async().
 *
 * Returns: (transfer full): the sync, or %NULL with @error set
 */
ShuatiSync *
shuati_sync_new (ShuatiStore      *store,
                 ShuatiScheduler  *scheduler,
                 const char       *folder,
                 GError          **error)
{
  g_autoptr(ShuatiSync) self = NULL;
  g_autoptr(MergeResult) result = NULL;
  MergeInput *input;
  sqlite3 *db;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (SHUATI_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SHUATI_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  self->folder = g_strdup (folder);
  self->devices_dir = g_build_filename (folder, "devices", NULL);
  self->db_path = g_strdup (shuati_store_get_path (store));

  if (!load_state (self, error))
    return NULL;
  self->own_dir = g_build_filename (self->devices_dir, self->device_id, NULL);
  if (!open_own_journal (self, error))
    return NULL;

  input = make_input (self, TRUE);
  result = run_merge (self, input, error);
  merge_input_free (input);
  if (result == NULL)
    return NULL;
  finish_merge (self, result);

  db = shuati_store_get_database (store);
  self->next_seq = MAX (result->max_own_seq,
                        query_int (db, "SELECT max (seq) FROM sync_applied WHERE device_id = ?1",
                                   self->device_id)) + 1;

  shuati_store_set_journal (store, write_events, self);
  if (!export_history (self, error))
    {
      shuati_store_set_journal (store, NULL, NULL);
      return NULL;
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, result->decks);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      shuati_store_emit_changed (store, key, NULL);
  }

  return g_steal_pointer (&self);
}

/**
 * shuati_sync_stop:
 *
 * Stops journaling the store's writes and closes the journal.
 */
void
shuati_sync_stop (ShuatiSync *self)
{
  g_return_if_fail (SHUATI_IS_SYNC (self));

  if (self->store != NULL && self->store->journal_data == self)
    shuati_store_set_journal (self->store, NULL, NULL);
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
}

const char *
shuati_sync_get_folder (ShuatiSync *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC (self), NULL);

  return self->folder;
}

const char *
shuati_sync_get_device_id (ShuatiSync *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC (self), NULL);

  return self->device_id;
}

/**
 * shuati_sync_get_last_merge:
 *
 * Returns: when the last merge ended, unix seconds, or 0 before the first
 */
gint64
shuati_sync_get_last_merge (ShuatiSync *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC (self), 0);

  return self->last_merge;
}

/**
 * shuati_sync_get_n_devices:
 *
 * Returns: how many devices write to the folder, this one included, as
 *   the last merge found
 */
guint
shuati_sync_get_n_devices (ShuatiSync *self)
{
  g_return_val_if_fail (SHUATI_IS_SYNC (self), 0);

  return self->n_devices;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/**
 * shuati_sync_get_problems:
 *
 * Returns: (transfer full): what the merges found wrong, in words for
 *   the learner, sorted; empty when nothing is
 */
char **
shuati_sync_get_problems (ShuatiSync *self)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SHUATI_IS_SYNC (self), NULL);

  g_hash_table_iter_init (&iter, self->problems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_strdup (value));
  for (guint i = 0; i < self->gaps->len; i++)
    g_ptr_array_add (list, g_strdup (g_ptr_array_index (self->gaps, i)));
  g_hash_table_iter_init (&iter, self->deck_problems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_strdup (value));
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* What a deck file waited for looks like: "" when it is not there. A
 * sync program puts a file in place by renaming: a new inode. */
static char *
file_seen (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld",
                          (guint64)st.st_ino, (gint64)st.st_size, (gint64)st.st_mtim.tv_sec,
                          (long)st.st_mtim.tv_nsec);
}

/**
 * shuati_sync_has_changes:
 *
 * Whether another device's files have grown or appeared since the last
 * merge. Looks only at the folder listings and the files' sizes.
 */
gboolean
shuati_sync_has_changes (ShuatiSync *self)
{
  g_autoptr(GDir) devices = NULL;
  const char *device;
  guint n_devices = 0;

  g_return_val_if_fail (SHUATI_IS_SYNC (self), FALSE);

  devices = g_dir_open (self->devices_dir, 0, NULL);
  if (devices == NULL)
    return TRUE;

  /* A deck file awaited has come, or a damaged one changed. */
  {
    GHashTableIter iter;
    gpointer path;

    g_hash_table_iter_init (&iter, self->waiting_decks);
    while (g_hash_table_iter_next (&iter, NULL, &path))
      {
        g_autofree char *seen = file_seen (path);

        if (g_strcmp0 (seen, g_hash_table_lookup (self->waiting_seen, path)) != 0)
          return TRUE;
      }
  }

  while ((device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *dir = g_build_filename (self->devices_dir, device, NULL);
      g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
      const char *name;

      if (files == NULL)
        continue;
      n_devices++;
      if (strcmp (device, self->device_id) == 0)
        continue;
      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *key = NULL;
          g_autofree char *path = NULL;
          const Position *pos;
          GStatBuf st;

          if (journal_number (name) == 0)
            continue;
          key = g_strconcat (device, "/", name, NULL);
          pos = g_hash_table_lookup (self->positions, key);
          path = g_build_filename (dir, name, NULL);
          if (g_stat (path, &st) != 0)
            return TRUE;
          if (pos == NULL || pos->size != st.st_size)
            return TRUE;
        }
    }
  return n_devices != self->n_devices;
}

/**
 * shuati_sync_merge:
 * @n_applied: (out) (optional): how many events were applied
 *
 * Reads the other devices' journals and applies what is new, in the
 * calling thread.
 */
gboolean
shuati_sync_merge (ShuatiSync  *self,
                   guint       *n_applied,
                   GError     **error)
{
  g_autoptr(MergeResult) result = NULL;
  MergeInput *input;

  g_return_val_if_fail (SHUATI_IS_SYNC (self), FALSE);

  if (self->merging)
    {
      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_BUSY,
                   _("Already syncing; try again in a moment."));
      return FALSE;
    }
  input = make_input (self, FALSE);
  result = run_merge (self, input, error);
  merge_input_free (input);
  if (result == NULL)
    return FALSE;
  finish_merge (self, result);
  if (n_applied != NULL)
    *n_applied = result->n_applied;
  return TRUE;
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShuatiSync *self = source_object;
  GError *error = NULL;
  MergeResult *result = run_merge (self, task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)merge_result_free);
}

/**
 * shuati_sync_merge_async:
 *
 * Merges as shuati_sync_merge() does, in a worker thread with its own
 * connection to the progress file.
 */
void
shuati_sync_merge_async (ShuatiSync          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SHUATI_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_sync_merge_async);
  if (self->merging)
    {
      g_task_return_new_error (task, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_BUSY,
                               _("Already syncing; try again in a moment."));
      return;
    }
  self->merging = TRUE;
  g_task_set_task_data (task, make_input (self, FALSE), (GDestroyNotify)merge_input_free);
  g_task_run_in_thread (task, merge_thread);
}

gboolean
shuati_sync_merge_finish (ShuatiSync    *self,
                          GAsyncResult  *result,
                          guint         *n_applied,
                          GError       **error)
{
  g_autoptr(MergeResult) merged = NULL;

  g_return_val_if_fail (SHUATI_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  merged = g_task_propagate_pointer (G_TASK (result), error);
  self->merging = FALSE;
  if (merged == NULL)
    return FALSE;
  finish_merge (self, merged);
  if (n_applied != NULL)
    *n_applied = merged->n_applied;
  return TRUE;
}

/**
 * shuati_sync_set_clock_offset:
 * @seconds: added to the system clock
 *
 * For tests of clocks set apart on two computers.
 */
void
shuati_sync_set_clock_offset (ShuatiSync *self,
                              gint64      seconds)
{
  g_return_if_fail (SHUATI_IS_SYNC (self));

  self->clock_offset = seconds;
}

/**
 * shuati_sync_set_rotate_size:
 *
 * For tests: a new journal file is begun past @bytes.
 */
void
shuati_sync_set_rotate_size (ShuatiSync *self,
                             gsize       bytes)
{
  g_return_if_fail (SHUATI_IS_SYNC (self));
  g_return_if_fail (bytes > 0);

  self->rotate_size = bytes;
}

/* Dump */

static void
dump_query (GString    *out,
            sqlite3    *db,
            const char *title,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_string_append_printf (out, "[%s]\n", title);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_string_append_printf (out, "error: %s\n", sqlite3_errmsg (db));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (c > 0)
            g_string_append_c (out, '|');
          if (sqlite3_column_type (stmt, c) == SQLITE_FLOAT)
            g_string_append_printf (out, "%.9g", sqlite3_column_double (stmt, c));
          else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            g_string_append (out, "-");
          else
            g_string_append (out, (const char *)sqlite3_column_text (stmt, c));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/**
 * shuati_sync_dump_store:
 *
 * Returns: (transfer full): the progress that sync makes the same on
 *   every device (memories, reviews with their device and sequence,
 *   stars, marks, the 错题本), as text in a fixed order, to compare
 */
char *
shuati_sync_dump_store (ShuatiStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db;

  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);

  db = shuati_store_get_database (store);
  dump_query (out, db, "cards",
              "SELECT deck_id, card_id, state, step, stability, difficulty, due, last_review, reps, lapses"
              " FROM cards ORDER BY deck_id, card_id");
  dump_query (out, db, "reviews",
              "SELECT r.deck_id, r.card_id, r.reviewed_at, r.rating, s.device_id, s.seq, r.state_before,"
              " r.state_after, r.stability, r.difficulty, r.elapsed_days, r.scheduled_days, r.duration_ms,"
              " r.prev_state, r.prev_step, r.prev_stability, r.prev_difficulty, r.prev_due,"
              " r.prev_last_review, r.prev_reps, r.prev_lapses"
              " FROM reviews r LEFT JOIN sync_reviews s ON s.review_id = r.id"
              " ORDER BY r.deck_id, r.card_id, r.reviewed_at, s.device_id, s.seq");
  dump_query (out, db, "stars", "SELECT deck_id, card_id FROM stars ORDER BY deck_id, card_id");
  dump_query (out, db, "marks",
              "SELECT deck_id, card_id, suspended, buried_until FROM marks"
              " WHERE suspended != 0 OR buried_until != 0 ORDER BY deck_id, card_id");
  dump_query (out, db, "mistakes",
              "SELECT deck_id, card_id, marked_at, member FROM mistake_marks ORDER BY deck_id, card_id");
  return g_string_free (out, FALSE);
}

/**
 * shuati_sync_format_status:
 * @last_merge: unix seconds, 0 for never
 * @now: unix seconds
 *
 * Returns: (transfer full): "Synced 2 min ago · 3 devices"
 */
char *
shuati_sync_format_status (gint64 last_merge,
                           gint64 now,
                           guint  n_devices)
{
  g_autofree char *when = NULL;
  g_autofree char *devices = NULL;
  gint64 ago = MAX (now - last_merge, 0);

  if (last_merge <= 0)
    return g_strdup (_("Not synced yet"));

  if (ago < 60)
    when = g_strdup (_("Synced just now"));
  else if (ago < 3600)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %u min ago", "Synced %u min ago",
                                         (gulong)(ago / 60)), (guint)(ago / 60));
  else if (ago < 86400)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %u hour ago", "Synced %u hours ago",
                                         (gulong)(ago / 3600)), (guint)(ago / 3600));
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %u day ago", "Synced %u days ago",
                                         (gulong)(ago / 86400)), (guint)(ago / 86400));

  devices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device", "%u devices", n_devices), n_devices);
  /* Translators: "Synced 2 min ago · 3 devices" */
  return g_strdup_printf (C_("sync status", "%s · %s"), when, devices);
}

/* Decks */

static GHashTable *
query_card_hashes (sqlite3    *db,
                   const char *deck_id)
{
  GHashTable *hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT card_id, hash FROM sync_deck_cards WHERE deck_id = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_replace (hashes, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                              g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  return hashes;
}

/* Makes the cards this device has of @deck_id @hashes (none: NULL). */
static int
put_card_hashes (sqlite3    *db,
                 const char *deck_id,
                 GHashTable *hashes)
{
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  rc = sqlite3_prepare_v2 (db, "DELETE FROM sync_deck_cards WHERE deck_id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      rc = step_done (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_OK || hashes == NULL)
    return rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO sync_deck_cards (deck_id, card_id, hash) VALUES (?1, ?2, ?3)",
                           -1, &stmt, NULL);
  g_hash_table_iter_init (&iter, hashes);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
      rc = step_done (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

static JsonNode *
parse_deck_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (!shuati_text_is_one_json_object (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_ref (root);
}

/**
 * shuati_sync_record_deck:
 * @deck_id: a deck of the learner's own
 * @bytes: (nullable): the deck as saved, in the deck format; %NULL when
 *   it was removed
 *
 * Tells the other devices of a deck added, saved or removed here: writes
 * the deck's file in the sync folder (named by its hash, so never
 * written twice), then a journal line naming it and the cards changed
 * since this device last had the deck, in one step with the store.
 * Called by the library's "deck-changed" signal once
 * shuati_sync_set_library() is; a change the sync makes itself is not
 * told again.
 */
gboolean
shuati_sync_record_deck (ShuatiSync  *self,
                         const char  *deck_id,
                         GBytes      *bytes,
                         GError     **error)
{
  sqlite3 *db = shuati_store_get_database (self->store);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *hash = NULL;
  g_autofree char *cards = NULL;
  g_autofree char *last_hash = NULL;
  Event e = { 0, };
  gint64 n_events;
  int rc;

  g_return_val_if_fail (SHUATI_IS_SYNC (self), FALSE);
  g_return_val_if_fail (shuati_deck_id_is_valid (deck_id), FALSE);

  if (self->applying_deck)
    return TRUE;
  if (self->fd < 0)
    {
      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_FOLDER,
                   _("Could not write to the sync folder: it is closed."));
      return FALSE;
    }

  n_events = query_int (db, "SELECT count (*) FROM sync_deck_events WHERE deck_id = ?1", deck_id);
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (db, "SELECT type, hash FROM sync_deck_events WHERE deck_id = ?1"
                                " ORDER BY ts DESC, device_id DESC, seq DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != SHUATI_SYNC_DECK_REMOVED)
          last_hash = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      }
    sqlite3_finalize (stmt);
  }

  e.device = self->device_id;
  e.deck_id = (char *)deck_id;
  e.card_id = (char *)"";
  if (bytes == NULL)
    {
      /* Never told of, or already gone everywhere: nothing to tell. */
      if (last_hash == NULL)
        return TRUE;
      e.type = SHUATI_SYNC_DECK_REMOVED;
      hash = g_strdup ("");
      cards = g_strdup ("");
    }
  else
    {
      root = parse_deck_bytes (bytes);
      if (root == NULL)
        {
          g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED,
                       _("The deck “%s” is not a deck file and was not synced"), deck_id);
          return FALSE;
        }
      hash = shuati_sync_hash_bytes (bytes);
      /* The version every device has already (one the sync wrote). */
      if (g_strcmp0 (hash, last_hash) == 0)
        return TRUE;
      g_clear_pointer (&hash, g_free);
      if (!shuati_sync_write_deck_file (self->folder, bytes, &hash, error))
        return FALSE;
      after = shuati_sync_card_hashes (root);
      if (n_events == 0)
        {
          e.type = SHUATI_SYNC_DECK_ADDED;
          cards = g_strdup ("");
        }
      else
        {
          before = query_card_hashes (db, deck_id);
          e.type = SHUATI_SYNC_DECK_UPDATED;
          cards = shuati_sync_diff_cards (before, after);
          /* Updated without a card changed (its title, say): still names
           * a card, so that an empty list never reads as "all". */
          if (cards[0] == '\0')
            {
              g_free (cards);
              cards = g_strdup ("-=-");
            }
        }
    }
  e.hash = hash;
  e.cards = cards;

  if ((rc = exec (db, "BEGIN IMMEDIATE")) != SQLITE_OK)
    goto failed;
  e.seq = self->next_seq;
  e.ts = tick (self);
  {
    sqlite3_stmt *stmt = NULL;

    rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_applied (device_id, seq) VALUES (?1, ?2)", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, e.device, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, e.seq);
        rc = step_done (stmt);
      }
    g_clear_pointer (&stmt, sqlite3_finalize);
    if (rc == SQLITE_OK)
      rc = sqlite3_prepare_v2 (db, merge_sql[S_DECK_EVENT], -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, e.device, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, e.seq);
        sqlite3_bind_text (stmt, 3, e.deck_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 4, e.ts);
        sqlite3_bind_int (stmt, 5, e.type);
        sqlite3_bind_text (stmt, 6, e.hash, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 7, e.cards, -1, SQLITE_STATIC);
        rc = step_done (stmt);
      }
    sqlite3_finalize (stmt);
  }
  if (rc == SQLITE_OK)
    rc = put_card_hashes (db, deck_id, after);
  if (rc != SQLITE_OK)
    goto failed_in_transaction;

  append_line (line, &e);
  if (!append_lines (self, line, error))
    {
      exec (db, "ROLLBACK");
      return FALSE;
    }
  self->next_seq++;
  if ((rc = exec (db, "COMMIT")) != SQLITE_OK)
    goto failed_in_transaction;
  return TRUE;

failed_in_transaction:
  exec (db, "ROLLBACK");
failed:
  set_db_error (db, rc, error);
  return FALSE;
}

static void
drop_waiting (ShuatiSync *self,
              const char *deck_id)
{
  const char *path = g_hash_table_lookup (self->waiting_decks, deck_id);

  if (path != NULL)
    g_hash_table_remove (self->waiting_seen, path);
  g_hash_table_remove (self->waiting_decks, deck_id);
  g_hash_table_remove (self->deck_problems, deck_id);
}

/* Reads every version of @deck_id heard of, in the order they are
 * merged in. NULL while a file is missing or damaged: tried again when
 * it comes (shuati_sync_has_changes() watches for it). */
static GPtrArray *
read_versions (ShuatiSync *self,
               const char *deck_id)
{
  sqlite3 *db = shuati_store_get_database (self->store);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify)shuati_sync_deck_version_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT type, device_id, seq, ts, hash, cards FROM sync_deck_events"
                              " WHERE deck_id = ?1 ORDER BY ts, device_id, seq", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ShuatiSyncDeckVersion *v = g_new0 (ShuatiSyncDeckVersion, 1);

      v->type = sqlite3_column_int (stmt, 0);
      v->device = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      v->seq = sqlite3_column_int64 (stmt, 2);
      v->ts = sqlite3_column_int64 (stmt, 3);
      v->hash = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      v->cards = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      g_ptr_array_add (versions, v);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < versions->len; i++)
    {
      ShuatiSyncDeckVersion *v = g_ptr_array_index (versions, i);
      g_autoptr(GError) error = NULL;

      if (v->type == SHUATI_SYNC_DECK_REMOVED)
        continue;
      v->root = shuati_sync_read_deck_file (self->folder, v->hash, &error);
      if (v->root == NULL)
        {
          char *path = shuati_sync_deck_path (self->folder, v->hash);
          const char *old = g_hash_table_lookup (self->waiting_decks, deck_id);

          if (old != NULL)
            g_hash_table_remove (self->waiting_seen, old);
          g_hash_table_replace (self->waiting_seen, g_strdup (path), file_seen (path));
          g_hash_table_replace (self->waiting_decks, g_strdup (deck_id), path);
          if (g_error_matches (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED))
            g_hash_table_replace (self->deck_problems, g_strdup (deck_id), g_strdup (error->message));
          else
            g_hash_table_remove (self->deck_problems, deck_id);
          return NULL;
        }
    }
  drop_waiting (self, deck_id);
  return g_steal_pointer (&versions);
}

static void
deck_problem (ShuatiSync *self,
              const char *deck_id,
              GError     *error)
{
  g_hash_table_replace (self->deck_problems, g_strdup (deck_id),
                        g_strdup_printf (_("The deck “%s” could not be synced: %s"), deck_id, error->message));
}

/* Makes the library's deck @deck_id the merge of all its versions. */
static void
apply_deck (ShuatiSync *self,
            const char *deck_id)
{
  sqlite3 *db = shuati_store_get_database (self->store);
  g_autoptr(GPtrArray) versions = read_versions (self, deck_id);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) hashes = NULL;
  ShuatiDeck *current;

  if (versions == NULL || versions->len == 0 || self->library == NULL)
    return;
  current = shuati_library_lookup (self->library, deck_id);
  if (shuati_library_is_builtin (self->library, deck_id))
    return;

  merged = shuati_sync_merge_deck (versions);
  self->applying_deck = TRUE;
  if (merged == NULL)
    {
      if (current != NULL && !shuati_library_remove (self->library, deck_id, &error))
        deck_problem (self, deck_id, error);
      else
        put_card_hashes (db, deck_id, NULL);
    }
  else
    {
      g_autoptr(ShuatiDeck) deck = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) current_bytes = NULL;
      g_autoptr(JsonNode) root = NULL;

      deck = shuati_deck_new_from_node (merged, &error);
      if (deck != NULL && g_strcmp0 (shuati_deck_get_id (deck), deck_id) != 0)
        {
          g_clear_object (&deck);
          g_set_error (&error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED,
                       _("its file holds another deck"));
        }
      if (deck != NULL)
        {
          /* In the form the exporter writes, as every save here is: the
           * cards then hash the same when next saved. */
          bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
          root = parse_deck_bytes (bytes);
          if (current != NULL)
            current_bytes = shuati_export_to_bytes (current, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
        }
      if (deck == NULL)
        deck_problem (self, deck_id, error);
      else if ((current_bytes == NULL || !g_bytes_equal (bytes, current_bytes)) &&
               !shuati_library_save_deck (self->library, deck, bytes, &error))
        deck_problem (self, deck_id, error);
      else
        {
          hashes = shuati_sync_card_hashes (root);
          put_card_hashes (db, deck_id, hashes);
        }
    }
  self->applying_deck = FALSE;
}

static void
apply_decks (ShuatiSync *self,
             GHashTable *deck_ids)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (deck_ids != NULL)
    {
      g_hash_table_iter_init (&iter, deck_ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (ids, g_strdup (key));
    }
  g_hash_table_iter_init (&iter, self->waiting_decks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (deck_ids == NULL || !g_hash_table_contains (deck_ids, key))
      g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    apply_deck (self, g_ptr_array_index (ids, i));
}

static void
deck_changed_cb (ShuatiSync    *self,
                 const char    *deck_id,
                 ShuatiDeck    *deck,
                 ShuatiLibrary *library)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->applying_deck || shuati_library_is_builtin (library, deck_id))
    return;
  if (deck != NULL)
    bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  if (!shuati_sync_record_deck (self, deck_id, bytes, &error))
    deck_problem (self, deck_id, error);
  else
    g_hash_table_remove (self->deck_problems, deck_id);
}

/* The decks of the learner's own that the folder has not heard of: made
 * before sync was turned on. Then every deck heard of, as merged. */
static void
publish_decks (ShuatiSync *self)
{
  sqlite3 *db = shuati_store_get_database (self->store);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiDeck) deck = g_list_model_get_item (G_LIST_MODEL (self->library), i);
      const char *id = shuati_deck_get_id (deck);

      if (shuati_library_is_builtin (self->library, id) ||
          query_int (db, "SELECT count (*) FROM sync_deck_events WHERE deck_id = ?1", id) > 0)
        continue;
      deck_changed_cb (self, id, deck, self->library);
    }

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT deck_id FROM sync_deck_events", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  apply_decks (self, ids);
}

static void
library_loading_cb (ShuatiSync    *self,
                    GParamSpec    *pspec,
                    ShuatiLibrary *library)
{
  if (!shuati_library_get_loading (library))
    publish_decks (self);
}

/**
 * shuati_sync_set_library:
 * @library: (nullable): the decks to sync
 *
 * Syncs the learner's own decks of @library (never the built-in ones):
 * tells the folder of each one added, saved or removed, and brings in
 * the other devices' (see shuati-sync-decks.c for how they merge).
 */
void
shuati_sync_set_library (ShuatiSync    *self,
                         ShuatiLibrary *library)
{
  g_return_if_fail (SHUATI_IS_SYNC (self));
  g_return_if_fail (library == NULL || SHUATI_IS_LIBRARY (library));

  if (self->library == library)
    return;
  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->library, self);
      g_clear_object (&self->library);
    }
  if (library == NULL)
    return;
  self->library = g_object_ref (library);
  g_signal_connect_object (library, "deck-changed", G_CALLBACK (deck_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::loading", G_CALLBACK (library_loading_cb), self, G_CONNECT_SWAPPED);
  if (!shuati_library_get_loading (library))
    publish_decks (self);
}

/* The fuzzer's view of the journal reader */

static char *
canonical_line (const Event *e)
{
  GString *out = g_string_new (NULL);

  append_line (out, e);
  return g_string_free (out, FALSE);
}

/**
 * shuati_sync_check_journal_data: (skip)
 * @data: a journal file's content, or the end of one
 * @device: the device whose folder it is in
 * @n_events: (out) (optional): how many events it holds
 *
 * Reads @data as a merge reads a journal file, and checks what it reads:
 * that it takes whole lines only, that every event read writes back as a
 * line that reads as the same event, and that a line the fast reader
 * takes reads the same through JSON-GLib. For the fuzzer.
 *
 * Returns: whether every check held
 */
gboolean
shuati_sync_check_journal_data (const char *data,
                                gsize       length,
                                const char *device,
                                guint      *n_events)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (Event));
  guint n_garbage = 0, n_newer = 0;
  gsize done;

  g_array_set_clear_func (events, event_clear);
  done = parse_lines (parser, data, length, device, events, &n_garbage, &n_newer);
  if (done > length || (done > 0 && data[done - 1] != '\n') || memchr (data + done, '\n', length - done) != NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);
      g_autofree char *line = canonical_line (e);
      g_autofree char *again = NULL;
      Event read_back;

      if (e->device == NULL || e->deck_id == NULL || e->card_id == NULL || e->seq < 1 ||
          strcmp (e->device, device) != 0)
        return FALSE;
      if (parse_line (parser, line, strlen (line) - 1, &read_back) != LINE_OK)
        return FALSE;
      again = canonical_line (&read_back);
      event_clear (&read_back);
      if (strcmp (line, again) != 0)
        return FALSE;
    }

  /* Line by line: the fast reader against JSON-GLib. */
  for (const char *p = data, *end = data + done; p < end;)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *fast_type = NULL;
      gint64 fast_version = 0;
      Event fast = { 0, }, slow;

      if (parse_fast (p, eol - p, &fast, &fast_version, &fast_type) == FAST_OK && g_utf8_validate (p, eol - p, NULL))
        {
          LineResult a = check_event (&fast, fast_version, fast_type);
          LineResult b = parse_line_full (parser, p, eol - p, FALSE, &slow);
          gboolean same = a == b;

          if (same && a == LINE_OK)
            {
              g_autofree char *x = canonical_line (&fast);
              g_autofree char *y = canonical_line (&slow);

              same = strcmp (x, y) == 0;
            }
          if (b == LINE_OK)
            event_clear (&slow);
          if (!same)
            {
              event_clear (&fast);
              return FALSE;
            }
        }
      event_clear (&fast);
      p = eol + 1;
    }

  if (n_events != NULL)
    *n_events = events->len;
  return TRUE;
}
