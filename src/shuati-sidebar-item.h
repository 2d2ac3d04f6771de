/* shuati-sidebar-item.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

typedef enum
{
  SHUATI_SIDEBAR_HEADER,
  SHUATI_SIDEBAR_ALL,
  SHUATI_SIDEBAR_DUE,
  SHUATI_SIDEBAR_STARRED,
  SHUATI_SIDEBAR_TOPIC,
  SHUATI_SIDEBAR_TAG,
  SHUATI_SIDEBAR_MISTAKES,
} ShuatiSidebarKind;

/* The last kind, for loops over them all. */
#define SHUATI_SIDEBAR_LAST_KIND SHUATI_SIDEBAR_MISTAKES

#define SHUATI_TYPE_SIDEBAR_ITEM (shuati_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSidebarItem, shuati_sidebar_item, SHUATI, SIDEBAR_ITEM, GObject)

ShuatiSidebarItem *shuati_sidebar_item_new        (ShuatiSidebarKind  kind,
                                                   ShuatiDeck        *deck,
                                                   const char        *id,
                                                   const char        *title);
ShuatiSidebarKind  shuati_sidebar_item_get_kind   (ShuatiSidebarItem *self);
ShuatiDeck        *shuati_sidebar_item_get_deck   (ShuatiSidebarItem *self);
const char        *shuati_sidebar_item_get_id     (ShuatiSidebarItem *self);
const char        *shuati_sidebar_item_get_title  (ShuatiSidebarItem  *self,
                                                   const char * const *languages);
guint              shuati_sidebar_item_get_count  (ShuatiSidebarItem *self);
void               shuati_sidebar_item_set_count  (ShuatiSidebarItem *self,
                                                   guint              count);
const char        *shuati_sidebar_item_get_detail (ShuatiSidebarItem *self);
void               shuati_sidebar_item_set_detail (ShuatiSidebarItem *self,
                                                   const char        *detail);
char              *shuati_sidebar_item_dup_key    (ShuatiSidebarItem *self);

char              *shuati_sidebar_key_build       (const char        *deck_id,
                                                   ShuatiSidebarKind  kind,
                                                   const char        *id);
gboolean           shuati_sidebar_key_parse       (const char        *key,
                                                   char             **deck_id,
                                                   ShuatiSidebarKind *kind,
                                                   char             **id);

G_END_DECLS
