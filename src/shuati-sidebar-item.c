/* shuati-sidebar-item.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-sidebar-item.h"

/* One row of the sidebar: a way to choose cards (all, due, starred, a
 * topic, a tag) or a heading. A deck's and a topic's title are deck
 * text, looked up in the card languages when shown; the others have a
 * fixed title. */
struct _ShuatiSidebarItem
{
  GObject            parent_instance;

  ShuatiSidebarKind  kind;
  ShuatiDeck        *deck;
  char              *id;
  char              *title;
  char              *detail;
  guint              count;
  gboolean           counted;
};

G_DEFINE_FINAL_TYPE (ShuatiSidebarItem, shuati_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_DETAIL,
  PROP_IS_HEADER,
  PROP_COUNTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shuati_sidebar_item_dispose (GObject *object)
{
  ShuatiSidebarItem *self = (ShuatiSidebarItem *)object;

  g_clear_object (&self->deck);

  G_OBJECT_CLASS (shuati_sidebar_item_parent_class)->dispose (object);
}

static void
shuati_sidebar_item_finalize (GObject *object)
{
  ShuatiSidebarItem *self = (ShuatiSidebarItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (shuati_sidebar_item_parent_class)->finalize (object);
}

static void
shuati_sidebar_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ShuatiSidebarItem *self = SHUATI_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_IS_HEADER:
      g_value_set_boolean (value, self->kind == SHUATI_SIDEBAR_HEADER);
      break;

    case PROP_COUNTED:
      g_value_set_boolean (value, self->counted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_sidebar_item_class_init (ShuatiSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_sidebar_item_dispose;
  object_class->finalize = shuati_sidebar_item_finalize;
  object_class->get_property = shuati_sidebar_item_get_property;

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the count is known: the Due and Starred rows of a deck not
   * shown have none. */
  properties[PROP_COUNTED] =
    g_param_spec_boolean ("counted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_HEADER] =
    g_param_spec_boolean ("is-header", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shuati_sidebar_item_init (ShuatiSidebarItem *self)
{
}

/**
 * shuati_sidebar_item_new:
 * @deck: (nullable): the deck the item chooses from
 * @id: (nullable): the topic or tag id
 *
 * Returns: (transfer full): a new item
 */
ShuatiSidebarItem *
shuati_sidebar_item_new (ShuatiSidebarKind  kind,
                         ShuatiDeck        *deck,
                         const char        *id,
                         const char        *title)
{
  ShuatiSidebarItem *self = g_object_new (SHUATI_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = kind;
  g_set_object (&self->deck, deck);
  self->id = g_strdup (id);
  self->title = g_strdup (title);

  return self;
}

ShuatiSidebarKind
shuati_sidebar_item_get_kind (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), SHUATI_SIDEBAR_HEADER);
  return self->kind;
}

ShuatiDeck *
shuati_sidebar_item_get_deck (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);
  return self->deck;
}

const char *
shuati_sidebar_item_get_id (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);
  return self->id;
}

/**
 * shuati_sidebar_item_get_title:
 * @languages: (nullable): the card languages, best first
 *
 * Returns: (transfer none): the title to show: the deck's or the topic's
 *   in @languages, else the fixed title
 */
const char *
shuati_sidebar_item_get_title (ShuatiSidebarItem  *self,
                               const char * const *languages)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);

  if (self->deck != NULL && self->kind == SHUATI_SIDEBAR_ALL)
    return shuati_deck_get_title (self->deck, languages);
  if (self->deck != NULL && self->kind == SHUATI_SIDEBAR_TOPIC)
    {
      ShuatiTopic *topic = shuati_deck_lookup_topic (self->deck, self->id);

      if (topic != NULL)
        return shuati_topic_get_title (topic, languages);
    }

  return self->title != NULL ? self->title : "";
}

guint
shuati_sidebar_item_get_count (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), 0);
  return self->count;
}

void
shuati_sidebar_item_set_count (ShuatiSidebarItem *self,
                               guint              count)
{
  g_return_if_fail (SHUATI_IS_SIDEBAR_ITEM (self));

  if (self->count != count)
    {
      self->count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
  if (!self->counted)
    {
      self->counted = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTED]);
    }
}

const char *
shuati_sidebar_item_get_detail (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);
  return self->detail;
}

/* A second line under the title, such as "3 due · 5/8 mastered". */
void
shuati_sidebar_item_set_detail (ShuatiSidebarItem *self,
                                const char        *detail)
{
  g_return_if_fail (SHUATI_IS_SIDEBAR_ITEM (self));

  if (g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
    }
}

static const char * const kind_names[] = {
  [SHUATI_SIDEBAR_HEADER] = "header",
  [SHUATI_SIDEBAR_ALL] = "all",
  [SHUATI_SIDEBAR_DUE] = "due",
  [SHUATI_SIDEBAR_STARRED] = "starred",
  [SHUATI_SIDEBAR_TOPIC] = "topic",
  [SHUATI_SIDEBAR_TAG] = "tag",
  [SHUATI_SIDEBAR_MISTAKES] = "mistakes",
};

/**
 * shuati_sidebar_key_build:
 * @deck_id: the deck's id
 * @id: (nullable): the topic or tag, for those kinds
 *
 * Returns: (transfer full): how a sidebar choice is remembered in the
 *   "sidebar-selection" setting: "DECK/all", "DECK/due", "DECK/starred",
 *   "DECK/topic:ID", "DECK/tag:NAME"
 */
char *
shuati_sidebar_key_build (const char        *deck_id,
                          ShuatiSidebarKind  kind,
                          const char        *id)
{
  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (kind <= SHUATI_SIDEBAR_LAST_KIND, NULL);

  if (kind == SHUATI_SIDEBAR_TOPIC || kind == SHUATI_SIDEBAR_TAG)
    return g_strconcat (deck_id, "/", kind_names[kind], ":", id != NULL ? id : "", NULL);
  return g_strconcat (deck_id, "/", kind_names[kind], NULL);
}

/**
 * shuati_sidebar_key_parse:
 * @key: a key as shuati_sidebar_key_build() makes it
 * @deck_id: (out) (optional) (transfer full): the deck's id
 * @kind: (out) (optional): the kind of choice
 * @id: (out) (optional) (transfer full) (nullable): the topic or tag
 *
 * Returns: %TRUE if @key is a sidebar key; the out arguments are set
 *   only then
 */
gboolean
shuati_sidebar_key_parse (const char         *key,
                          char              **deck_id,
                          ShuatiSidebarKind  *kind,
                          char              **id)
{
  const char *slash;
  const char *rest;
  const char *colon;
  gsize name_length;

  if (key == NULL || (slash = strchr (key, '/')) == NULL || slash == key)
    return FALSE;

  rest = slash + 1;
  colon = strchr (rest, ':');
  name_length = colon != NULL ? (gsize)(colon - rest) : strlen (rest);

  for (ShuatiSidebarKind k = SHUATI_SIDEBAR_ALL; k <= SHUATI_SIDEBAR_LAST_KIND; k++)
    {
      gboolean with_id = k == SHUATI_SIDEBAR_TOPIC || k == SHUATI_SIDEBAR_TAG;

      if (strlen (kind_names[k]) != name_length || strncmp (rest, kind_names[k], name_length) != 0)
        continue;
      if (with_id != (colon != NULL) || (with_id && colon[1] == '\0'))
        return FALSE;

      if (deck_id != NULL)
        *deck_id = g_strndup (key, slash - key);
      if (kind != NULL)
        *kind = k;
      if (id != NULL)
        *id = with_id ? g_strdup (colon + 1) : NULL;
      return TRUE;
    }

  return FALSE;
}

/**
 * shuati_sidebar_item_dup_key:
 *
 * Returns: (transfer full): the item's key, as shuati_sidebar_key_build()
 *   makes it
 */
char *
shuati_sidebar_item_dup_key (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);

  return shuati_sidebar_key_build (self->deck != NULL ? shuati_deck_get_id (self->deck) : "",
                                   self->kind, self->id);
}
