/* shuati-card.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-pinyin.h"
#include "shuati-text.h"
#include "shuati-card.h"

struct _ShuatiCard
{
  GObject          parent_instance;

  char            *deck_id;
  char            *id;
  char            *topic_id;
  GStrv            tags;
  const char      *first_language;
  ShuatiLocalized *fields[SHUATI_N_FIELDS];
  char            *search_text;
  gsize            search_text_length;
  guint            number;
  guint            position;
  ShuatiDifficulty difficulty;
  gint64           created;
  gint64           modified;
  guint            serial;     /* unique among the cards made in this process */
};

G_DEFINE_FINAL_TYPE (ShuatiCard, shuati_card, G_TYPE_OBJECT)

static int next_serial;

enum {
  PROP_0,
  PROP_ID,
  PROP_DECK_ID,
  PROP_NUMBER,
  PROP_TOPIC_ID,
  PROP_TAGS,
  PROP_DIFFICULTY,
  PROP_TITLE,
  PROP_QUESTION,
  PROP_ANSWER,
  PROP_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shuati_card_finalize (GObject *object)
{
  ShuatiCard *self = (ShuatiCard *)object;

  g_clear_pointer (&self->deck_id, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->topic_id, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->search_text, g_free);
  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], shuati_localized_free);

  G_OBJECT_CLASS (shuati_card_parent_class)->finalize (object);
}

static void
shuati_card_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ShuatiCard *self = SHUATI_CARD (object);
  const char * const *languages = g_get_language_names ();

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DECK_ID:
      g_value_set_string (value, self->deck_id);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_TOPIC_ID:
      g_value_set_string (value, self->topic_id);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_DIFFICULTY:
      g_value_set_uint (value, self->difficulty);
      break;

    case PROP_TITLE:
    case PROP_QUESTION:
    case PROP_ANSWER:
    case PROP_EXPLANATION:
      g_value_set_string (value, shuati_card_get_text (self, prop_id - PROP_TITLE, languages));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_class_init (ShuatiCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shuati_card_finalize;
  object_class->get_property = shuati_card_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECK_ID] =
    g_param_spec_string ("deck-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_string ("topic-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A #ShuatiDifficulty. */
  properties[PROP_DIFFICULTY] =
    g_param_spec_uint ("difficulty", NULL, NULL,
                       SHUATI_DIFFICULTY_NONE, SHUATI_DIFFICULTY_ADVANCED, SHUATI_DIFFICULTY_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The text fields follow the interface languages; widgets that honour
   * the card-language setting call shuati_card_get_text() instead. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_card_init (ShuatiCard *self)
{
  self->serial = g_atomic_int_add (&next_serial, 1) + 1;
}

/**
 * shuati_card_new:
 * @tags: (transfer full) (nullable): the card's tags
 * @fields: (array fixed-size=4) (transfer full): the texts of the fields,
 *   in #ShuatiField order; the pointers are stolen and set to %NULL
 *
 * Creates a card and builds its normalised search text once.
 *
 * Returns: (transfer full): a new card
 */
ShuatiCard *
shuati_card_new (const char       *deck_id,
                 const char       *id,
                 guint             number,
                 const char       *topic_id,
                 GStrv             tags,
                 const char       *first_language,
                 ShuatiLocalized **fields)
{
  ShuatiCard *self;
  g_autoptr(GString) search = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (SHUATI_TYPE_CARD, NULL);
  self->deck_id = g_strdup (deck_id);
  self->id = g_strdup (id);
  self->number = number;
  self->topic_id = g_strdup (topic_id);
  self->tags = tags != NULL ? tags : g_new0 (char *, 1);
  self->first_language = g_intern_string (first_language);

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    self->fields[i] = g_steal_pointer (&fields[i]);

  search = g_string_new (NULL);
  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      const ShuatiLocalized *loc = self->fields[i];

      for (guint j = 0; j < shuati_localized_get_n_entries (loc); j++)
        {
          const char *text = shuati_localized_get_exact (loc, shuati_localized_get_language (loc, j));

          if (text != NULL)
            {
              shuati_text_normalize_append (search, text, -1);
              g_string_append_c (search, '\n');
            }
        }
    }
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      shuati_text_normalize_append (search, self->tags[i], -1);
      g_string_append_c (search, '\n');
    }

  /* Traditional characters are searched as Simplified. */
  shuati_pinyin_fold_in_place (search->str, search->len);

  /* A GString's buffer can be twice its length; keep only what is used. */
  self->search_text_length = search->len;
  self->search_text = g_strndup (search->str, search->len);

  return self;
}

const char *
shuati_card_get_id (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return self->id;
}

const char *
shuati_card_get_deck_id (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return self->deck_id;
}

guint
shuati_card_get_number (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->number;
}

/**
 * shuati_card_get_position:
 *
 * Returns: the card's place in its deck, from 0; lets per-deck data live
 *   in arrays instead of tables keyed by id
 */
guint
shuati_card_get_position (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->position;
}

/**
 * shuati_card_get_serial:
 *
 * Returns: a number no other card made in this process has (until 2³²
 *   cards were made): what remembers something of a card's text can tell
 *   a card that took another's place, at the same address or position
 */
guint
shuati_card_get_serial (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->serial;
}

void
shuati_card_set_position (ShuatiCard *self,
                          guint       position)
{
  g_return_if_fail (SHUATI_IS_CARD (self));
  self->position = position;
}

const char *
shuati_card_get_topic_id (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return self->topic_id;
}

/**
 * shuati_card_get_difficulty:
 *
 * Returns: how hard the deck says the card is, or
 *   %SHUATI_DIFFICULTY_NONE if it does not say
 */
ShuatiDifficulty
shuati_card_get_difficulty (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), SHUATI_DIFFICULTY_NONE);
  return self->difficulty;
}

/**
 * shuati_card_set_difficulty:
 *
 * Sets how hard the card is; the deck loader calls it for a card's
 * "difficulty" member.
 */
void
shuati_card_set_difficulty (ShuatiCard       *self,
                            ShuatiDifficulty  difficulty)
{
  g_return_if_fail (SHUATI_IS_CARD (self));
  g_return_if_fail (difficulty <= SHUATI_DIFFICULTY_ADVANCED);

  if (self->difficulty == difficulty)
    return;
  self->difficulty = difficulty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIFFICULTY]);
}

/**
 * shuati_card_get_created:
 *
 * Returns: when the card was written, in seconds since 1970 (UTC), or 0
 *   if its deck does not say (cards of built-in and imported decks)
 */
gint64
shuati_card_get_created (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->created;
}

/**
 * shuati_card_get_modified:
 *
 * Returns: when the card was last edited, in seconds since 1970 (UTC),
 *   or 0 if its deck does not say
 */
gint64
shuati_card_get_modified (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->modified;
}

/**
 * shuati_card_set_times:
 *
 * Sets when the card was written and last edited; the deck loader calls
 * it for a card's "created" and "modified" members. Cards are not
 * edited in place, so nothing is notified.
 */
void
shuati_card_set_times (ShuatiCard *self,
                       gint64      created,
                       gint64      modified)
{
  g_return_if_fail (SHUATI_IS_CARD (self));
  self->created = MAX (created, 0);
  self->modified = MAX (modified, 0);
}

static const char * const difficulty_names[] = { NULL, "basic", "intermediate", "advanced" };

/**
 * shuati_difficulty_to_string:
 *
 * Returns: (nullable): the name a deck file gives @difficulty, such as
 *   "intermediate", or %NULL for %SHUATI_DIFFICULTY_NONE
 */
const char *
shuati_difficulty_to_string (ShuatiDifficulty difficulty)
{
  g_return_val_if_fail (difficulty <= SHUATI_DIFFICULTY_ADVANCED, NULL);
  return difficulty_names[difficulty];
}

/**
 * shuati_difficulty_from_string:
 * @text: a name such as "basic"
 * @difficulty: (out): where to put the difficulty
 *
 * Returns: whether @text names a difficulty ("basic", "intermediate" or
 *   "advanced", spelled exactly so)
 */
gboolean
shuati_difficulty_from_string (const char       *text,
                               ShuatiDifficulty *difficulty)
{
  g_return_val_if_fail (difficulty != NULL, FALSE);

  for (guint i = SHUATI_DIFFICULTY_BASIC; text != NULL && i < G_N_ELEMENTS (difficulty_names); i++)
    if (g_str_equal (text, difficulty_names[i]))
      {
        *difficulty = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * shuati_card_get_tags:
 *
 * Returns: (transfer none): the card's tags, never %NULL
 */
const char * const *
shuati_card_get_tags (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return (const char * const *)self->tags;
}

gboolean
shuati_card_has_tag (ShuatiCard *self,
                     const char *tag)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), FALSE);
  return tag != NULL && g_strv_contains ((const char * const *)self->tags, tag);
}

const char *
shuati_card_get_first_language (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return self->first_language;
}

const ShuatiLocalized *
shuati_card_get_localized (ShuatiCard  *self,
                           ShuatiField  field)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  g_return_val_if_fail (field < SHUATI_N_FIELDS, NULL);
  return self->fields[field];
}

/**
 * shuati_card_get_text:
 * @languages: (nullable): the languages asked for, best first
 *
 * Looks @field up in the first of @languages the card has, then in the
 * deck's first language, then in any language.
 *
 * Returns: (transfer none): the text, "" when the field is empty
 */
const char *
shuati_card_get_text (ShuatiCard         *self,
                      ShuatiField         field,
                      const char * const *languages)
{
  const char *text;

  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  g_return_val_if_fail (field < SHUATI_N_FIELDS, NULL);

  text = shuati_localized_lookup (self->fields[field], languages, self->first_language);
  return text != NULL ? text : "";
}

/**
 * shuati_card_get_translation:
 * @languages: (nullable): the card languages, best first
 *
 * Card text is shown in the first of @languages the card has. When the
 * second of @languages is another language than the first, the card's
 * text in it is shown under each part as a translation; this finds it.
 *
 * Returns: (transfer none) (nullable): the translation of @field, %NULL
 *   when the card has none or it is the text shown anyway
 */
const char *
shuati_card_get_translation (ShuatiCard         *self,
                             ShuatiField         field,
                             const char * const *languages)
{
  const ShuatiLocalized *localized;
  const char *shown;

  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  g_return_val_if_fail (field < SHUATI_N_FIELDS, NULL);

  if (languages == NULL || languages[0] == NULL || languages[1] == NULL)
    return NULL;

  localized = self->fields[field];
  shown = shuati_card_get_text (self, field, languages);
  for (guint i = 0; localized != NULL && i < shuati_localized_get_n_entries (localized); i++)
    {
      const char *language = shuati_localized_get_language (localized, i);
      const char *text;

      if (!shuati_language_matches (languages[1], language))
        continue;

      text = shuati_localized_get_exact (localized, language);
      if (text == NULL || text[0] == '\0' || g_strcmp0 (text, shown) == 0)
        return NULL;
      return text;
    }

  return NULL;
}

/**
 * shuati_card_has_own_title:
 * @languages: (nullable): the languages asked for, best first
 *
 * Importers give a card without a title its question's first line
 * (shortened with an ellipsis when long); such a title says nothing the
 * question does not.
 *
 * Returns: %TRUE unless the title is empty or repeats the question
 */
gboolean
shuati_card_has_own_title (ShuatiCard         *self,
                           const char * const *languages)
{
  const char *title;
  const char *question;
  const char *end;
  g_autofree char *stem = NULL;
  g_autofree char *first_line = NULL;
  gboolean cut;

  g_return_val_if_fail (SHUATI_IS_CARD (self), FALSE);

  title = shuati_card_get_text (self, SHUATI_FIELD_TITLE, languages);
  question = shuati_card_get_text (self, SHUATI_FIELD_QUESTION, languages);

  stem = g_strstrip (g_strdup (title));
  if (stem[0] == '\0')
    return FALSE;
  cut = g_str_has_suffix (stem, "…");
  if (cut)
    stem[strlen (stem) - strlen ("…")] = '\0';

  end = strchr (question, '\n');
  first_line = g_strstrip (g_strndup (question, end != NULL ? (gsize)(end - question) : strlen (question)));

  if (cut)
    return !g_str_has_prefix (first_line, stem);
  return !g_str_equal (first_line, stem);
}

/**
 * shuati_card_get_text_exact:
 *
 * Returns: (nullable) (transfer none): the text in exactly @language
 */
const char *
shuati_card_get_text_exact (ShuatiCard  *self,
                            ShuatiField  field,
                            const char  *language)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  g_return_val_if_fail (field < SHUATI_N_FIELDS, NULL);
  return shuati_localized_get_exact (self->fields[field], g_intern_string (language));
}

const char *
shuati_card_get_title (ShuatiCard         *self,
                       const char * const *languages)
{
  return shuati_card_get_text (self, SHUATI_FIELD_TITLE, languages);
}

const char *
shuati_card_get_question (ShuatiCard         *self,
                          const char * const *languages)
{
  return shuati_card_get_text (self, SHUATI_FIELD_QUESTION, languages);
}

const char *
shuati_card_get_answer (ShuatiCard         *self,
                        const char * const *languages)
{
  return shuati_card_get_text (self, SHUATI_FIELD_ANSWER, languages);
}

const char *
shuati_card_get_explanation (ShuatiCard         *self,
                             const char * const *languages)
{
  return shuati_card_get_text (self, SHUATI_FIELD_EXPLANATION, languages);
}

/**
 * shuati_card_get_search_text:
 *
 * Returns: (transfer none): every field in every language and the tags,
 *   normalised with shuati_text_normalize(), one per line
 */
const char *
shuati_card_get_search_text (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), NULL);
  return self->search_text;
}

gsize
shuati_card_get_search_text_length (ShuatiCard *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD (self), 0);
  return self->search_text_length;
}
