/* shuati-localized.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-localized.h"

typedef struct
{
  const char *language;
  char       *text;
} Entry;

struct _ShuatiLocalized
{
  guint n_entries;
  Entry entries[];
};

/**
 * shuati_localized_new:
 * @n_entries: how many languages the text has
 *
 * Returns: (transfer full): a text with @n_entries empty slots
 */
ShuatiLocalized *
shuati_localized_new (guint n_entries)
{
  ShuatiLocalized *self;

  self = g_malloc0 (sizeof *self + n_entries * sizeof (Entry));
  self->n_entries = n_entries;

  return self;
}

void
shuati_localized_free (ShuatiLocalized *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_entries; i++)
    g_free (self->entries[i].text);
  g_free (self);
}

/**
 * shuati_localized_take:
 * @text: (transfer full) (nullable): the text in @language
 */
void
shuati_localized_take (ShuatiLocalized *self,
                       guint            position,
                       const char      *language,
                       char            *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (position < self->n_entries);

  g_free (self->entries[position].text);
  self->entries[position].language = g_intern_string (language);
  self->entries[position].text = text;
}

guint
shuati_localized_get_n_entries (const ShuatiLocalized *self)
{
  return self != NULL ? self->n_entries : 0;
}

const char *
shuati_localized_get_language (const ShuatiLocalized *self,
                               guint                  position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->n_entries, NULL);

  return self->entries[position].language;
}

const char *
shuati_localized_get_exact (const ShuatiLocalized *self,
                            const char            *language)
{
  if (self == NULL || language == NULL)
    return NULL;

  for (guint i = 0; i < self->n_entries; i++)
    if (self->entries[i].text != NULL &&
        g_strcmp0 (self->entries[i].language, language) == 0)
      return self->entries[i].text;

  return NULL;
}

/* "zh_CN.UTF-8" and "zh" both ask for "zh_CN", "en_US" asks for "en";
 * "zh_TW" does not ask for "zh_CN". */
gboolean
shuati_language_matches (const char *requested,
                         const char *available)
{
  size_t req_len;
  size_t avail_len;

  if (requested == NULL || available == NULL)
    return FALSE;

  req_len = strcspn (requested, ".@");
  avail_len = strcspn (available, ".@");

  if (req_len == avail_len && strncmp (requested, available, req_len) == 0)
    return TRUE;

  /* A bare language ("zh", "en") matches any territory of it. */
  if (strcspn (requested, "_") == req_len &&
      avail_len > req_len &&
      available[req_len] == '_' &&
      strncmp (requested, available, req_len) == 0)
    return TRUE;

  /* A territory asks for the bare language too. */
  if (strcspn (available, "_") == avail_len &&
      req_len > avail_len &&
      requested[avail_len] == '_' &&
      strncmp (requested, available, avail_len) == 0)
    return TRUE;

  return FALSE;
}

/**
 * shuati_localized_lookup:
 * @languages: (nullable): the languages the reader asks for, best first
 * @fallback_language: (nullable): the language to use when none matches
 *
 * Falls back from the requested languages to @fallback_language, then
 * to any language the text has.
 *
 * Returns: (nullable): the text, or %NULL if it has none in any language
 */
const char *
shuati_localized_lookup (const ShuatiLocalized *self,
                         const char * const    *languages,
                         const char            *fallback_language)
{
  const char *text;

  if (self == NULL)
    return NULL;

  for (guint l = 0; languages != NULL && languages[l] != NULL; l++)
    {
      if (g_str_equal (languages[l], "C") || g_str_equal (languages[l], "POSIX"))
        continue;

      for (guint i = 0; i < self->n_entries; i++)
        if (self->entries[i].text != NULL &&
            shuati_language_matches (languages[l], self->entries[i].language))
          return self->entries[i].text;
    }

  if ((text = shuati_localized_get_exact (self, fallback_language)))
    return text;

  for (guint i = 0; i < self->n_entries; i++)
    if (self->entries[i].text != NULL)
      return self->entries[i].text;

  return NULL;
}

/**
 * shuati_card_languages_resolve:
 * @mode: the card-language setting
 * @ui_languages: the interface languages, as g_get_language_names() gives
 * @deck_languages: the deck's languages, its original first
 * @translation: (out) (transfer full) (optional) (nullable): with
 *   %SHUATI_CARD_LANGUAGE_BOTH, the language shown under each part
 *
 * Returns: (transfer full): the languages to look card text up in, best
 *   first
 */
GStrv
shuati_card_languages_resolve (ShuatiCardLanguage   mode,
                               const char * const *ui_languages,
                               const char * const *deck_languages,
                               char              **translation)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *original = deck_languages != NULL && deck_languages[0] != NULL ? deck_languages[0] : "en";

  if (translation != NULL)
    *translation = NULL;

  switch (mode)
    {
    case SHUATI_CARD_LANGUAGE_ZH_CN:
      g_strv_builder_add (builder, "zh_CN");
      break;

    case SHUATI_CARD_LANGUAGE_EN:
      g_strv_builder_add (builder, "en");
      break;

    case SHUATI_CARD_LANGUAGE_BOTH:
      g_strv_builder_add (builder, original);
      if (translation != NULL)
        {
          const char *other = NULL;

          /* The reader's own language if the deck has it, else the
           * deck's next language. */
          for (guint i = 0; other == NULL && ui_languages != NULL && ui_languages[i]; i++)
            for (guint j = 1; other == NULL && deck_languages != NULL && deck_languages[j]; j++)
              if (shuati_language_matches (ui_languages[i], deck_languages[j]))
                other = deck_languages[j];
          if (other == NULL && deck_languages != NULL && deck_languages[0] != NULL)
            other = deck_languages[1];
          *translation = g_strdup (other);
        }
      break;

    case SHUATI_CARD_LANGUAGE_AUTOMATIC:
    default:
      for (guint i = 0; ui_languages != NULL && ui_languages[i]; i++)
        if (!g_str_equal (ui_languages[i], "C") && !g_str_equal (ui_languages[i], "POSIX"))
          g_strv_builder_add (builder, ui_languages[i]);
      /* The interface falls back to English, so do the cards. */
      g_strv_builder_add (builder, "en");
      break;
    }

  return g_strv_builder_end (builder);
}
