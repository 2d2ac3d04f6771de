/* shuati-sidebar-item.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-sidebar-item.h"

/* One row of the sidebar: a way to choose cards (all, due, starred, a
 * topic, a tag) or a heading. */
struct _ShuatiSidebarItem
{
  GObject            parent_instance;

  ShuatiSidebarKind  kind;
  ShuatiDeck        *deck;
  char              *id;
  char              *title;
  char              *detail;
  guint              count;
};

G_DEFINE_FINAL_TYPE (ShuatiSidebarItem, shuati_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COUNT,
  PROP_DETAIL,
  PROP_IS_HEADER,
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
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_IS_HEADER:
      g_value_set_boolean (value, self->kind == SHUATI_SIDEBAR_HEADER);
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

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
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

const char *
shuati_sidebar_item_get_title (ShuatiSidebarItem *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
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

/**
 * shuati_sidebar_item_dup_key:
 *
 * Returns: (transfer full): how the item is remembered in the
 *   "sidebar-selection" setting: "DECK/all", "DECK/topic:ID", …
 */
char *
shuati_sidebar_item_dup_key (ShuatiSidebarItem *self)
{
  static const char * const kinds[] = { "header", "all", "due", "starred", "topic:", "tag:" };
  const char *deck_id;

  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ITEM (self), NULL);

  deck_id = self->deck != NULL ? shuati_deck_get_id (self->deck) : "";
  if (self->kind == SHUATI_SIDEBAR_TOPIC || self->kind == SHUATI_SIDEBAR_TAG)
    return g_strconcat (deck_id, "/", kinds[self->kind], self->id, NULL);
  return g_strconcat (deck_id, "/", kinds[self->kind], NULL);
}
