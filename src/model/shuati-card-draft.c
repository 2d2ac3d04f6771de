/* shuati-card-draft.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-safe-file.h"
#include "shuati-card-draft.h"

/* A draft file is a few texts; anything larger is not one of ours. */
#define MAX_DRAFT_SIZE (8 * SHUATI_DECK_MAX_TEXT_SIZE)

#define GROUP "Draft"

static const char * const field_keys[SHUATI_DRAFT_N_FIELDS] = {
  "title", "question", "answer", "explanation", "topic", "tags",
};

G_DEFINE_BOXED_TYPE (ShuatiCardDraft, shuati_card_draft, shuati_card_draft_copy, shuati_card_draft_free)

/**
 * shuati_card_draft_new:
 * @deck_id: the deck the card is in
 * @card_id: (nullable): the card; %NULL for a new card
 * @language: the deck language being edited
 *
 * Returns: (transfer full): an empty draft
 */
ShuatiCardDraft *
shuati_card_draft_new (const char *deck_id,
                       const char *card_id,
                       const char *language)
{
  ShuatiCardDraft *self;

  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_new0 (ShuatiCardDraft, 1);
  self->deck_id = g_strdup (deck_id);
  self->card_id = g_strdup (card_id);
  self->language = g_strdup (language);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    shuati_card_draft_set_field (self, i, "");
  return self;
}

/**
 * shuati_card_draft_new_for_card:
 * @card: (nullable): the card to edit; %NULL for a new card
 * @language: (nullable): the language to edit; %NULL for the deck's first
 *
 * Returns: (transfer full): a draft holding what @card says now
 */
ShuatiCardDraft *
shuati_card_draft_new_for_card (ShuatiDeck *deck,
                                ShuatiCard *card,
                                const char *language)
{
  ShuatiCardDraft *self;
  g_autofree char *tags = NULL;

  g_return_val_if_fail (SHUATI_IS_DECK (deck), NULL);
  g_return_val_if_fail (card == NULL || SHUATI_IS_CARD (card), NULL);

  if (language == NULL || !g_strv_contains (shuati_deck_get_languages (deck), language))
    language = shuati_deck_get_first_language (deck);

  self = shuati_card_draft_new (shuati_deck_get_id (deck),
                                card != NULL ? shuati_card_get_id (card) : NULL, language);
  if (card == NULL)
    {
      g_autoptr(ShuatiTopic) first = g_list_model_get_item (shuati_deck_get_topics (deck), 0);

      if (first != NULL)
        shuati_card_draft_set_field (self, SHUATI_DRAFT_FIELD_TOPIC, shuati_topic_get_id (first));
      return self;
    }

  for (ShuatiField f = SHUATI_FIELD_TITLE; f <= SHUATI_FIELD_EXPLANATION; f++)
    {
      const char *text = shuati_card_get_text_exact (card, f, language);

      shuati_card_draft_set_field (self, (ShuatiDraftField)f, text != NULL ? text : "");
    }
  shuati_card_draft_set_field (self, SHUATI_DRAFT_FIELD_TOPIC, shuati_card_get_topic_id (card));
  tags = g_strjoinv (" ", (GStrv)shuati_card_get_tags (card));
  shuati_card_draft_set_field (self, SHUATI_DRAFT_FIELD_TAGS, tags);
  return self;
}

ShuatiCardDraft *
shuati_card_draft_copy (const ShuatiCardDraft *self)
{
  ShuatiCardDraft *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = shuati_card_draft_new (self->deck_id, self->card_id, self->language);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    shuati_card_draft_set_field (copy, i, shuati_card_draft_get_field (self, i));
  copy->saved_at = self->saved_at;
  return copy;
}

void
shuati_card_draft_free (ShuatiCardDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->deck_id);
  g_free (self->card_id);
  g_free (self->language);
  g_free (self->title);
  g_free (self->question);
  g_free (self->answer);
  g_free (self->explanation);
  g_free (self->topic_id);
  g_free (self->tags);
  g_free (self);
}

static char **
field_slot (ShuatiCardDraft  *self,
            ShuatiDraftField  field)
{
  switch (field)
    {
    case SHUATI_DRAFT_FIELD_TITLE: return &self->title;
    case SHUATI_DRAFT_FIELD_QUESTION: return &self->question;
    case SHUATI_DRAFT_FIELD_ANSWER: return &self->answer;
    case SHUATI_DRAFT_FIELD_EXPLANATION: return &self->explanation;
    case SHUATI_DRAFT_FIELD_TOPIC: return &self->topic_id;
    case SHUATI_DRAFT_FIELD_TAGS: return &self->tags;
    case SHUATI_DRAFT_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * shuati_card_draft_get_field:
 *
 * Returns: (transfer none): the field's text, never %NULL
 */
const char *
shuati_card_draft_get_field (const ShuatiCardDraft *self,
                             ShuatiDraftField       field)
{
  const char *text;

  g_return_val_if_fail (self != NULL, "");
  g_return_val_if_fail (field < SHUATI_DRAFT_N_FIELDS, "");

  text = *field_slot ((ShuatiCardDraft *)self, field);
  return text != NULL ? text : "";
}

void
shuati_card_draft_set_field (ShuatiCardDraft  *self,
                             ShuatiDraftField  field,
                             const char       *text)
{
  char **slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field < SHUATI_DRAFT_N_FIELDS);

  slot = field_slot (self, field);
  if (g_strcmp0 (*slot, text) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (text != NULL ? text : "");
}

/**
 * shuati_card_draft_equal:
 *
 * Returns: whether the two drafts are of the same card and say the same
 */
gboolean
shuati_card_draft_equal (const ShuatiCardDraft *a,
                         const ShuatiCardDraft *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->deck_id, b->deck_id) != 0 || g_strcmp0 (a->card_id, b->card_id) != 0 ||
      g_strcmp0 (a->language, b->language) != 0)
    return FALSE;
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    if (!g_str_equal (shuati_card_draft_get_field (a, i), shuati_card_draft_get_field (b, i)))
      return FALSE;
  return TRUE;
}

/**
 * shuati_card_draft_split_tags:
 *
 * Returns: (transfer full): the tags typed, split at spaces and commas
 *   (ASCII or full-width), each once, in the order typed
 */
GStrv
shuati_card_draft_split_tags (const ShuatiCardDraft *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text = g_string_new (shuati_card_draft_get_field (self, SHUATI_DRAFT_FIELD_TAGS));
  g_auto(GStrv) parts = NULL;

  g_string_replace (text, "，", ",", 0);
  g_string_replace (text, "、", ",", 0);
  g_string_replace (text, "　", " ", 0);
  parts = g_strsplit_set (text->str, " ,\t\n#", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_hash_table_contains (seen, parts[i]))
        continue;
      g_hash_table_add (seen, parts[i]);
      g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/**
 * shuati_card_draft_dup_title:
 *
 * Returns: (transfer full): the title typed, or without one, the
 *   question's first line (at most 80 characters)
 */
char *
shuati_card_draft_dup_title (const ShuatiCardDraft *self)
{
  g_autofree char *title = g_strstrip (g_strdup (shuati_card_draft_get_field (self, SHUATI_DRAFT_FIELD_TITLE)));
  g_autofree char *question = g_strstrip (g_strdup (shuati_card_draft_get_field (self, SHUATI_DRAFT_FIELD_QUESTION)));
  char *newline;

  if (title[0] != '\0')
    return g_steal_pointer (&title);

  newline = strchr (question, '\n');
  if (newline != NULL)
    *newline = '\0';
  if (g_utf8_strlen (question, -1) > 80)
    {
      char *end = g_utf8_offset_to_pointer (question, 79);

      *end = '\0';
      return g_strconcat (question, "…", NULL);
    }
  return g_steal_pointer (&question);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * shuati_card_draft_check:
 * @deck: the deck the card goes in
 * @problems: (out caller-allocates) (array fixed-size=6): for each field,
 *   %NULL or a message saying what to fix, to show under the field
 *
 * Checks what the deck format would refuse, before anything is written:
 * a question and an answer, texts within the size a deck allows, a topic
 * of the deck when it has topics, and tags made of the characters ids
 * may have.
 *
 * Returns: %TRUE if the card can be saved
 */
gboolean
shuati_card_draft_check (const ShuatiCardDraft *self,
                         ShuatiDeck            *deck,
                         char                  *problems[SHUATI_DRAFT_N_FIELDS])
{
  gboolean ok = TRUE;
  const char *topic;
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SHUATI_IS_DECK (deck), FALSE);

  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    problems[i] = NULL;

  if (is_blank (self->question))
    problems[SHUATI_DRAFT_FIELD_QUESTION] = g_strdup (_("A card needs a question"));
  if (is_blank (self->answer))
    problems[SHUATI_DRAFT_FIELD_ANSWER] = g_strdup (_("A card needs an answer"));

  for (guint i = SHUATI_DRAFT_FIELD_TITLE; i <= SHUATI_DRAFT_FIELD_EXPLANATION; i++)
    if (problems[i] == NULL && strlen (shuati_card_draft_get_field (self, i)) > SHUATI_DECK_MAX_TEXT_SIZE)
      problems[i] = g_strdup (_("Longer than 64 KiB; split it into several cards"));

  topic = shuati_card_draft_get_field (self, SHUATI_DRAFT_FIELD_TOPIC);
  if (g_list_model_get_n_items (shuati_deck_get_topics (deck)) > 0 &&
      shuati_deck_lookup_topic (deck, topic) == NULL)
    problems[SHUATI_DRAFT_FIELD_TOPIC] = g_strdup (_("Choose one of the deck’s topics"));

  tags = shuati_card_draft_split_tags (self);
  for (guint i = 0; tags[i] != NULL; i++)
    if (!shuati_deck_id_is_valid (tags[i]))
      {
        /* Translators: %s is the tag typed */
        problems[SHUATI_DRAFT_FIELD_TAGS] =
          g_strdup_printf (_("“%s”: a tag has only Latin letters, digits, “-”, “_” and “.”, and does not start with “-” or “.”"),
                           tags[i]);
        break;
      }

  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    ok = ok && problems[i] == NULL;
  return ok;
}

/* Files ------------------------------------------------------------------- */

/**
 * shuati_card_draft_default_dir:
 *
 * Returns: (transfer full): g_get_user_data_dir()/shuati/drafts
 */
GFile *
shuati_card_draft_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "shuati", "drafts", NULL);
}

/**
 * shuati_card_draft_get_file:
 *
 * Returns: (transfer full): "<deck-id>--<card-id>.draft" in @dir, or
 *   "<deck-id>--+new.draft" for a new card ("+" is in no id)
 */
GFile *
shuati_card_draft_get_file (const ShuatiCardDraft *self,
                            GFile                 *dir)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  /* Ids are plain ASCII without "/", so they make safe names; "+" is
   * not in any id, so "+new" is never a card's. */
  name = g_strdup_printf ("%s--%s.draft", self->deck_id, self->card_id != NULL ? self->card_id : "+new");
  return g_file_get_child (dir, name);
}

/**
 * shuati_card_draft_save:
 *
 * Writes the draft to its file in @dir, whole or not at all, and sets
 * nothing else.
 *
 * Returns: %TRUE, or %FALSE with @error set (G_IO_ERROR_NO_SPACE on a
 *   full disk)
 */
gboolean
shuati_card_draft_save (const ShuatiCardDraft  *self,
                        GFile                  *dir,
                        GError                **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  g_key_file_set_string (keys, GROUP, "deck", self->deck_id);
  if (self->card_id != NULL)
    g_key_file_set_string (keys, GROUP, "card", self->card_id);
  g_key_file_set_string (keys, GROUP, "language", self->language);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    g_key_file_set_string (keys, GROUP, field_keys[i], shuati_card_draft_get_field (self, i));
  g_key_file_set_int64 (keys, GROUP, "saved-at",
                        self->saved_at > 0 ? self->saved_at : g_get_real_time () / G_USEC_PER_SEC);

  data = g_key_file_to_data (keys, &length, NULL);
  if (!shuati_safe_file_make_dir (dir, error))
    return FALSE;
  file = shuati_card_draft_get_file (self, dir);
  return shuati_safe_file_write (file, data, length, NULL, error);
}

/**
 * shuati_card_draft_load:
 * @card_id: (nullable): the card, or %NULL for the new card's draft
 *
 * Returns: (transfer full) (nullable): the draft kept for the card, or
 *   %NULL with @error set (G_IO_ERROR_NOT_FOUND when there is none)
 */
ShuatiCardDraft *
shuati_card_draft_load (GFile       *dir,
                        const char  *deck_id,
                        const char  *card_id,
                        GError     **error)
{
  g_autoptr(ShuatiCardDraft) draft = NULL;
  g_autoptr(ShuatiCardDraft) probe = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stored_deck = NULL;
  g_autofree char *stored_card = NULL;
  g_autofree char *language = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  probe = shuati_card_draft_new (deck_id, card_id, "en");
  file = shuati_card_draft_get_file (probe, dir);
  bytes = shuati_safe_file_read (file, MAX_DRAFT_SIZE, NULL, error);
  if (bytes == NULL)
    return NULL;

  if (!g_key_file_load_from_bytes (keys, bytes, G_KEY_FILE_NONE, error))
    return NULL;

  stored_deck = g_key_file_get_string (keys, GROUP, "deck", NULL);
  stored_card = g_key_file_get_string (keys, GROUP, "card", NULL);
  language = g_key_file_get_string (keys, GROUP, "language", NULL);
  if (g_strcmp0 (stored_deck, deck_id) != 0 || g_strcmp0 (stored_card, card_id) != 0 || language == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file's path */
                   _("%s is not a draft of this card"), name);
      return NULL;
    }

  draft = shuati_card_draft_new (deck_id, card_id, language);
  for (guint i = 0; i < SHUATI_DRAFT_N_FIELDS; i++)
    {
      g_autofree char *text = g_key_file_get_string (keys, GROUP, field_keys[i], NULL);

      shuati_card_draft_set_field (draft, i, text);
    }
  draft->saved_at = g_key_file_get_int64 (keys, GROUP, "saved-at", NULL);
  return g_steal_pointer (&draft);
}

/**
 * shuati_card_draft_delete:
 *
 * Deletes the draft's file from @dir; a draft that has none is fine.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_card_draft_delete (const ShuatiCardDraft  *self,
                          GFile                  *dir,
                          GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  file = shuati_card_draft_get_file (self, dir);
  if (g_file_delete (file, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
