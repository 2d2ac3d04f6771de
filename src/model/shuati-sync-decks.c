/* shuati-sync-decks.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learner's own decks in the sync folder. Each version of a deck is
 * an immutable file, `decks/<sha256>.json`, named by the hash of its
 * content, written once (temporary file, fsync, rename) and never again;
 * the journal says which version a device added or saved, and which
 * cards that save changed, with the hash each changed card had before
 * (its base).
 *
 * A deck is the merge of every version heard of, taken in the order
 * (timestamp, device id, sequence): per card the last writer wins. A
 * version whose base for a card is not what that card held (two devices
 * changed the card without seeing each other's change) does not lose the
 * card it overwrites: that one is kept as a copy of the card, with the id
 * "<card>.conflict-<device>-<sequence>", next to the winner, where the
 * learner finds it and keeps or deletes it. Since the merge depends only
 * on the set of versions, every device computes the same deck whatever
 * order the files came in.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-safe-file.h"
#include "shuati-sync-private.h"
#include "shuati-text.h"

/* A deck file larger than this is not read. */
#define MAX_DECK_FILE (256 * 1024 * 1024)

/* A card's hash: enough of a sha256 to tell its versions apart. */
#define CARD_HASH_LENGTH 16

void
shuati_sync_deck_version_free (ShuatiSyncDeckVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->device);
  g_free (version->hash);
  g_free (version->cards);
  g_clear_pointer (&version->root, json_node_unref);
  g_free (version);
}

/**
 * shuati_sync_hash_is_valid:
 *
 * Returns: whether @hash is a sha256 in lower-case hexadecimal, the only
 *   names of deck files read (so no journal line names another path)
 */
gboolean
shuati_sync_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

char *
shuati_sync_hash_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

char *
shuati_sync_deck_path (const char *folder,
                       const char *hash)
{
  g_autofree char *name = g_strconcat (hash, ".json", NULL);

  return g_build_filename (folder, "decks", name, NULL);
}

/**
 * shuati_sync_write_deck_file:
 * @hash: (out): the hash of @bytes, the file's name
 *
 * Writes @bytes to `decks/<sha256>.json` in @folder, all or nothing,
 * unless a file of that name is there already (it holds the same).
 */
gboolean
shuati_sync_write_deck_file (const char  *folder,
                             GBytes      *bytes,
                             char       **hash,
                             GError     **error)
{
  g_autofree char *sum = shuati_sync_hash_bytes (bytes);
  g_autofree char *path = shuati_sync_deck_path (folder, sum);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (!shuati_safe_file_make_dir (dir, error) ||
          !shuati_safe_file_write (file, data, length, NULL, error))
        return FALSE;
    }
  *hash = g_steal_pointer (&sum);
  return TRUE;
}

/**
 * shuati_sync_read_deck_file:
 *
 * Reads `decks/<hash>.json` and checks that its content has that hash
 * and is a deck's JSON object with a list of cards.
 *
 * Returns: (transfer full): the file's JSON, or %NULL with @error set:
 *   %SHUATI_SYNC_ERROR_MISSING when it has not arrived (yet),
 *   %SHUATI_SYNC_ERROR_DAMAGED when it is not what its name says
 */
JsonNode *
shuati_sync_read_deck_file (const char  *folder,
                            const char  *hash,
                            GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *data;
  gsize length;

  g_return_val_if_fail (shuati_sync_hash_is_valid (hash), NULL);

  path = shuati_sync_deck_path (folder, hash);
  display = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  bytes = shuati_safe_file_read (file, MAX_DECK_FILE, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_MISSING,
                     _("The deck file “%s” has not arrived yet"), display);
      else
        g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_MISSING,
                     _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }

  /* A file still being copied in, or damaged: not what its name says. */
  sum = shuati_sync_hash_bytes (bytes);
  if (strcmp (sum, hash) != 0)
    {
      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED,
                   _("The deck file “%s” does not match its name and was not used"), display);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  parser = json_parser_new_immutable ();
  if (!shuati_text_is_one_json_object (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "cards")))
    {
      g_set_error (error, SHUATI_SYNC_ERROR, SHUATI_SYNC_ERROR_DAMAGED,
                   _("The deck file “%s” is not a deck and was not used"), display);
      return NULL;
    }
  return json_node_ref (root);
}

static char *
card_hash (JsonNode *card)
{
  g_autofree char *text = json_to_string (card, FALSE);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (sum, CARD_HASH_LENGTH);
}

static const char *
card_id (JsonNode *card)
{
  if (!JSON_NODE_HOLDS_OBJECT (card))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (card), "id", NULL);
}

/**
 * shuati_sync_card_hashes:
 *
 * Returns: (transfer full): card id → the hash of that card, for the
 *   cards of the deck @root
 */
GHashTable *
shuati_sync_card_hashes (JsonNode *root)
{
  GHashTable *hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *cards;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return hashes;
  cards = json_object_get_array_member (json_node_get_object (root), "cards");
  for (guint i = 0; cards != NULL && i < json_array_get_length (cards); i++)
    {
      JsonNode *card = json_array_get_element (cards, i);
      const char *id = card_id (card);

      if (id != NULL && shuati_deck_id_is_valid (id))
        g_hash_table_replace (hashes, g_strdup (id), card_hash (card));
    }
  return hashes;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * shuati_sync_diff_cards:
 * @before: card id → hash, as this device last had the deck
 * @after: card id → hash, as it is saved now
 *
 * Returns: (transfer full): the cards changed, added or deleted, each
 *   with the hash it had before ("-" for a new card): "card=base …",
 *   sorted by id
 */
char *
shuati_sync_diff_cards (GHashTable *before,
                        GHashTable *after)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (before, key), value) != 0)
      g_ptr_array_add (ids, key);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (after, key))
      g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *base = g_hash_table_lookup (before, id);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s=%s", id, base != NULL ? base : "-");
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  JsonNode                    *card;   /* NULL: deleted */
  char                        *hash;
  const ShuatiSyncDeckVersion *by;     /* the version that wrote it */
} CardState;

static void
card_state_free (gpointer data)
{
  CardState *state = data;

  g_clear_pointer (&state->card, json_node_unref);
  g_free (state->hash);
  g_free (state);
}

/* Writes @card (NULL: deletes it) as @version's change of @id, keeping
 * the card it overwrites as a copy if @version did not know it. */
static void
write_card (GHashTable                  *cards,
            const char                  *id,
            JsonNode                    *card,
            const char                  *base,
            const ShuatiSyncDeckVersion *version)
{
  CardState *current = g_hash_table_lookup (cards, id);
  g_autofree char *hash = card != NULL ? card_hash (card) : NULL;
  CardState *state;

  if (current != NULL && current->card != NULL &&
      g_strcmp0 (current->hash, hash) != 0 && g_strcmp0 (current->hash, base) != 0)
    {
      g_autofree char *device = g_strndup (current->by->device, 8);
      g_autofree char *copy_id = NULL;
      g_autofree char *short_id = g_strndup (id, 150);
      CardState *copy;

      copy_id = g_strdup_printf ("%s.conflict-%s-%" G_GINT64_FORMAT, short_id, device, current->by->seq);
      if (shuati_deck_id_is_valid (copy_id) && !g_hash_table_contains (cards, copy_id))
        {
          JsonNode *node = json_node_copy (current->card);

          json_object_set_string_member (json_node_get_object (node), "id", copy_id);
          copy = g_new0 (CardState, 1);
          copy->card = node;
          copy->hash = card_hash (node);
          copy->by = current->by;
          g_hash_table_insert (cards, g_steal_pointer (&copy_id), copy);
        }
    }

  state = g_new0 (CardState, 1);
  state->card = card != NULL ? json_node_ref (card) : NULL;
  state->hash = g_steal_pointer (&hash);
  state->by = version;
  g_hash_table_replace (cards, g_strdup (id), state);
}

static JsonNode *
find_card (JsonNode   *root,
           const char *id)
{
  JsonArray *cards = json_object_get_array_member (json_node_get_object (root), "cards");

  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonNode *card = json_array_get_element (cards, i);

      if (g_strcmp0 (card_id (card), id) == 0)
        return card;
    }
  return NULL;
}

/**
 * shuati_sync_merge_deck:
 * @versions: (element-type ShuatiSyncDeckVersion): every version of one
 *   deck, in the order (timestamp, device id, sequence), each with its
 *   file read
 *
 * Returns: (transfer full) (nullable): the deck as every device has it,
 *   %NULL when its last event removed it
 */
JsonNode *
shuati_sync_merge_deck (GPtrArray *versions)
{
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, card_state_free);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const ShuatiSyncDeckVersion *last = NULL;
  gboolean removed = FALSE;
  JsonArray *merged;
  JsonArray *order;
  JsonObject *deck;
  JsonNode *root;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < versions->len; i++)
    {
      const ShuatiSyncDeckVersion *v = g_ptr_array_index (versions, i);

      if (v->type == SHUATI_SYNC_DECK_REMOVED)
        {
          removed = TRUE;
          continue;
        }
      g_assert (v->root != NULL);
      removed = FALSE;
      last = v;
      if (v->type == SHUATI_SYNC_DECK_ADDED || v->cards[0] == '\0')
        {
          /* A whole deck: every card it has is written; cards it does not
           * have are kept (it may be an older copy of the deck). */
          JsonArray *list = json_object_get_array_member (json_node_get_object (v->root), "cards");

          for (guint c = 0; c < json_array_get_length (list); c++)
            {
              JsonNode *card = json_array_get_element (list, c);
              const char *id = card_id (card);

              if (id != NULL && shuati_deck_id_is_valid (id))
                write_card (cards, id, card, NULL, v);
            }
        }
      else
        {
          g_auto(GStrv) changes = g_strsplit (v->cards, " ", -1);

          for (guint c = 0; changes[c] != NULL; c++)
            {
              char *base = strchr (changes[c], '=');

              if (base == NULL)
                continue;
              *base++ = '\0';
              if (!shuati_deck_id_is_valid (changes[c]))
                continue;
              write_card (cards, changes[c], find_card (v->root, changes[c]), base, v);
            }
        }
    }
  if (removed || last == NULL)
    return NULL;

  /* The deck as its last version has it, with the merged cards: in the
   * order of that version, then the others by id. */
  root = json_node_copy (last->root);
  deck = json_node_get_object (root);
  order = json_object_get_array_member (json_node_get_object (last->root), "cards");
  merged = json_array_new ();
  for (guint c = 0; c < json_array_get_length (order); c++)
    {
      const char *id = card_id (json_array_get_element (order, c));
      CardState *state = id != NULL ? g_hash_table_lookup (cards, id) : NULL;

      if (state == NULL || state->card == NULL || g_hash_table_contains (placed, id))
        continue;
      g_hash_table_add (placed, (gpointer)id);
      json_array_add_element (merged, json_node_ref (state->card));
    }
  g_hash_table_iter_init (&iter, cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((CardState *)value)->card != NULL && !g_hash_table_contains (placed, key))
      g_ptr_array_add (rest, key);
  g_ptr_array_sort (rest, compare_strings);
  for (guint i = 0; i < rest->len; i++)
    {
      CardState *state = g_hash_table_lookup (cards, g_ptr_array_index (rest, i));

      json_array_add_element (merged, json_node_ref (state->card));
    }
  json_object_set_array_member (deck, "cards", merged);
  return root;
}
