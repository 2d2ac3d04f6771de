/* shuati-anki-export.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-deck.h"

G_BEGIN_DECLS

gboolean  shuati_anki_export          (ShuatiDeck    *deck,
                                       GArray        *reviews,
                                       GHashTable    *memories,
                                       GFile         *media_dir,
                                       GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
char     *shuati_anki_field_to_html   (const char    *text);
char     *shuati_anki_points_to_html  (const char    *answer);

G_END_DECLS
