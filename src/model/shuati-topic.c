/* shuati-topic.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-topic.h"

struct _ShuatiTopic
{
  GObject          parent_instance;

  char            *id;
  const char      *first_language;
  ShuatiLocalized *title;
  guint            n_cards;
};

G_DEFINE_FINAL_TYPE (ShuatiTopic, shuati_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_N_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shuati_topic_finalize (GObject *object)
{
  ShuatiTopic *self = (ShuatiTopic *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, shuati_localized_free);

  G_OBJECT_CLASS (shuati_topic_parent_class)->finalize (object);
}

static void
shuati_topic_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ShuatiTopic *self = SHUATI_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, shuati_topic_get_title (self, g_get_language_names ()));
      break;

    case PROP_N_CARDS:
      g_value_set_uint (value, self->n_cards);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_topic_class_init (ShuatiTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shuati_topic_finalize;
  object_class->get_property = shuati_topic_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_topic_init (ShuatiTopic *self)
{
}

/**
 * shuati_topic_new:
 * @title: (transfer full): the topic's name
 *
 * Returns: (transfer full): a new topic with no cards
 */
ShuatiTopic *
shuati_topic_new (const char      *id,
                  const char      *first_language,
                  ShuatiLocalized *title)
{
  ShuatiTopic *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SHUATI_TYPE_TOPIC, NULL);
  self->id = g_strdup (id);
  self->first_language = g_intern_string (first_language);
  self->title = title;

  return self;
}

const char *
shuati_topic_get_id (ShuatiTopic *self)
{
  g_return_val_if_fail (SHUATI_IS_TOPIC (self), NULL);
  return self->id;
}

/**
 * shuati_topic_get_title:
 *
 * Returns: (transfer none): the name in the first of @languages the topic
 *   has, with the same fallback as shuati_card_get_text(); the id if it
 *   has no name
 */
const char *
shuati_topic_get_title (ShuatiTopic        *self,
                        const char * const *languages)
{
  const char *title;

  g_return_val_if_fail (SHUATI_IS_TOPIC (self), NULL);

  title = shuati_localized_lookup (self->title, languages, self->first_language);
  return title != NULL ? title : self->id;
}

/**
 * shuati_topic_get_localized_title:
 *
 * Returns: (transfer none) (nullable): the name in every language it has
 */
const ShuatiLocalized *
shuati_topic_get_localized_title (ShuatiTopic *self)
{
  g_return_val_if_fail (SHUATI_IS_TOPIC (self), NULL);
  return self->title;
}

guint
shuati_topic_get_n_cards (ShuatiTopic *self)
{
  g_return_val_if_fail (SHUATI_IS_TOPIC (self), 0);
  return self->n_cards;
}

void
shuati_topic_set_n_cards (ShuatiTopic *self,
                          guint        n_cards)
{
  g_return_if_fail (SHUATI_IS_TOPIC (self));

  if (self->n_cards != n_cards)
    {
      self->n_cards = n_cards;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CARDS]);
    }
}
