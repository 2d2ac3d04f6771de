/* shuati-search-provider.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-services.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SEARCH_PROVIDER (shuati_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiSearchProvider, shuati_search_provider, SHUATI, SEARCH_PROVIDER, GObject)

ShuatiSearchProvider *shuati_search_provider_new        (ShuatiServices        *services);
gboolean              shuati_search_provider_export     (ShuatiSearchProvider  *self,
                                                         GDBusConnection       *connection,
                                                         const char            *object_path,
                                                         GError               **error);
void                  shuati_search_provider_unexport   (ShuatiSearchProvider  *self);
char                 *shuati_search_provider_describe   (const char            *text);
GPtrArray            *shuati_search_provider_find_in_deck (ShuatiDeck          *deck,
                                                         const char * const  *terms);

G_END_DECLS
