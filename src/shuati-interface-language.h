/* shuati-interface-language.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *shuati_interface_language_for_choice  (const char *choice);
void        shuati_interface_language_apply        (GSettings  *settings);
const char *shuati_interface_language_get_applied  (void);
gboolean    shuati_interface_language_needs_restart (const char *choice);
void        shuati_interface_language_restore      (void);

G_END_DECLS
