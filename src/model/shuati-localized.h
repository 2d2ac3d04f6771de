/* shuati-localized.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text in several languages. The language codes are interned strings. */
typedef struct _ShuatiLocalized ShuatiLocalized;

ShuatiLocalized *shuati_localized_new        (guint                   n_entries);
void             shuati_localized_free       (ShuatiLocalized        *self);
void             shuati_localized_take       (ShuatiLocalized        *self,
                                              guint                   position,
                                              const char             *language,
                                              char                   *text);
guint            shuati_localized_get_n_entries (const ShuatiLocalized *self);
const char      *shuati_localized_get_language  (const ShuatiLocalized *self,
                                                 guint                  position);
const char      *shuati_localized_get_exact  (const ShuatiLocalized  *self,
                                              const char             *language);
const char      *shuati_localized_lookup     (const ShuatiLocalized  *self,
                                              const char * const     *languages,
                                              const char             *fallback_language);

gboolean         shuati_language_matches     (const char             *requested,
                                              const char             *available);

/* The "card-language" setting; values match the GSettings enum. */
typedef enum
{
  SHUATI_CARD_LANGUAGE_AUTOMATIC,
  SHUATI_CARD_LANGUAGE_ZH_CN,
  SHUATI_CARD_LANGUAGE_EN,
  SHUATI_CARD_LANGUAGE_BOTH,
} ShuatiCardLanguage;

GStrv            shuati_card_languages_resolve (ShuatiCardLanguage   mode,
                                                const char * const *ui_languages,
                                                const char * const *deck_languages,
                                                char              **translation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiLocalized, shuati_localized_free)

G_END_DECLS
