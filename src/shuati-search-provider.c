/* shuati-search-provider.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-markdown.h"
#include "shuati-search.h"
#include "shuati-search-index.h"
#include "shuati-shell-search-provider2.h"
#include "shuati-search-provider.h"

/* Long enough for a line in the Shell's result list, which ellipsizes anyway. */
#define DESCRIPTION_MAX_CHARS 120

struct _ShuatiSearchProvider
{
  GObject                 parent_instance;

  /* The application owns the provider, so it outlives it. */
  ShuatiServices         *services;
  ShuatiSearchProvider2  *skeleton;
};

G_DEFINE_FINAL_TYPE (ShuatiSearchProvider, shuati_search_provider, G_TYPE_OBJECT)

/* The Shell's terms are plain words (by pinyin too): a stray quote or
 * minus sign typed in the overview is no query language. */
static ShuatiQuery *
query_new_from_terms (const char * const *terms)
{
  return shuati_query_new_words (terms);
}

/* The decks searched: the library's, once it has loaded (the first
 * search starts it loading), and the built-in deck until then. */
static GPtrArray *
searched_decks (ShuatiSearchProvider *self)
{
  ShuatiLibrary *library = shuati_services_get_library (self->services);
  ShuatiDeck *builtin = shuati_services_get_deck (self->services);
  GPtrArray *decks = g_ptr_array_new_with_free_func (g_object_unref);

  if (!shuati_library_get_loading (library))
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
      g_ptr_array_add (decks, g_list_model_get_item (G_LIST_MODEL (library), i));

  if (decks->len == 0 && builtin != NULL)
    g_ptr_array_add (decks, g_object_ref (builtin));

  return decks;
}

/* A result is "DECK-ID/CARD-ID"; neither id has a slash in it. */
static char *
result_id (ShuatiCard *card)
{
  return g_strconcat (shuati_card_get_deck_id (card), "/", shuati_card_get_id (card), NULL);
}

static ShuatiCard *
lookup_result (GPtrArray  *decks,
               const char *identifier)
{
  const char *slash = strchr (identifier, '/');

  if (slash == NULL)
    return NULL;

  for (guint i = 0; i < decks->len; i++)
    {
      ShuatiDeck *deck = g_ptr_array_index (decks, i);
      const char *deck_id = shuati_deck_get_id (deck);

      if (strlen (deck_id) == (gsize)(slash - identifier) &&
          strncmp (deck_id, identifier, slash - identifier) == 0)
        return shuati_deck_lookup_card (deck, slash + 1);
    }

  return NULL;
}

/* Adds the cards of @deck that @query matches to @ranked, by how they
 * match. The deck's search index, once the worker that loads the deck
 * has built it, finds them; the matcher then only ranks them. */
static void
rank_deck_cards (ShuatiDeck      *deck,
                 ShuatiQuery     *query,
                 GPtrArray      **ranked)
{
  ShuatiSearchIndex *index = shuati_deck_peek_search_index (deck);
  guint n = shuati_deck_get_n_cards (deck);
  g_autoptr(ShuatiSearchRun) run = NULL;
  const guint64 *found = NULL;

  if (index != NULL && shuati_search_index_get_n_cards (index) == n)
    {
      run = shuati_search_run_new (index, G_LIST_MODEL (deck));
      found = shuati_search_run_find (run, query, NULL, FALSE);
    }

  for (guint i = 0; i < n; i++)
    {
      ShuatiCard *card;
      ShuatiMatchKind kind;

      if (found != NULL && !((found[i / 64] >> (i % 64)) & 1))
        continue;
      card = shuati_deck_get_card (deck, i);
      kind = shuati_query_match (query, card, NULL);
      if (kind != SHUATI_MATCH_NONE)
        g_ptr_array_add (ranked[kind], result_id (card));
    }
}

/**
 * shuati_search_provider_find_in_deck:
 * @deck: a deck
 * @terms: (array zero-terminated=1): the words the Shell sends
 *
 * Returns: (transfer full) (element-type utf8): the results of @deck for
 *   @terms, as the provider ranks them: matched by the text itself
 *   first, then by pinyin, then by initials; in deck order within each
 */
GPtrArray *
shuati_search_provider_find_in_deck (ShuatiDeck         *deck,
                                     const char * const *terms)
{
  g_autoptr(ShuatiQuery) query = query_new_from_terms (terms);
  GPtrArray *ranked[SHUATI_MATCH_EXACT + 1] = { NULL };
  GPtrArray *results = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHUATI_IS_DECK (deck), results);

  for (guint k = SHUATI_MATCH_INITIALS; k <= SHUATI_MATCH_EXACT; k++)
    ranked[k] = g_ptr_array_new_with_free_func (g_free);
  if (!shuati_query_is_empty (query))
    rank_deck_cards (deck, query, ranked);
  for (guint k = SHUATI_MATCH_EXACT; k >= SHUATI_MATCH_INITIALS; k--)
    {
      for (guint i = 0; i < ranked[k]->len; i++)
        g_ptr_array_add (results, g_steal_pointer (&ranked[k]->pdata[i]));
      g_ptr_array_unref (ranked[k]);
    }
  return results;
}

/* The results that match @terms: among @candidates, the results of an
 * earlier search, or among all cards of every deck searched. */
static GPtrArray *
find_cards (ShuatiSearchProvider *self,
            const char * const   *terms,
            const char * const   *candidates)
{
  g_autoptr(ShuatiQuery) query = query_new_from_terms (terms);
  g_autoptr(GPtrArray) decks = searched_decks (self);
  GPtrArray *results = g_ptr_array_new_with_free_func (g_free);
  /* By how they matched: the text itself first, then pinyin, then
   * initials; in deck order within each. */
  GPtrArray *ranked[SHUATI_MATCH_EXACT + 1] = { NULL };

  for (guint k = SHUATI_MATCH_INITIALS; k <= SHUATI_MATCH_EXACT; k++)
    ranked[k] = g_ptr_array_new_with_free_func (g_free);

  if (shuati_query_is_empty (query))
    ;
  else if (candidates != NULL)
    {
      for (guint i = 0; candidates[i] != NULL; i++)
        {
          ShuatiCard *card = lookup_result (decks, candidates[i]);
          ShuatiMatchKind kind = card != NULL ? shuati_query_match (query, card, NULL) : SHUATI_MATCH_NONE;

          if (kind != SHUATI_MATCH_NONE)
            g_ptr_array_add (ranked[kind], g_strdup (candidates[i]));
        }
    }
  else
    for (guint d = 0; d < decks->len; d++)
      rank_deck_cards (g_ptr_array_index (decks, d), query, ranked);

  for (guint k = SHUATI_MATCH_EXACT; k >= SHUATI_MATCH_INITIALS; k--)
    for (guint i = 0; i < ranked[k]->len; i++)
      g_ptr_array_add (results, g_steal_pointer (&ranked[k]->pdata[i]));
  for (guint k = SHUATI_MATCH_INITIALS; k <= SHUATI_MATCH_EXACT; k++)
    g_ptr_array_unref (ranked[k]);
  g_ptr_array_add (results, NULL);

  return results;
}

static gboolean
handle_get_initial_result_set (ShuatiSearchProvider2 *skeleton,
                               GDBusMethodInvocation *invocation,
                               const char * const    *terms,
                               ShuatiSearchProvider  *self)
{
  g_autoptr(GPtrArray) results = NULL;

  g_application_hold (G_APPLICATION (self->services));

  results = find_cards (self, terms, NULL);
  shuati_search_provider2_complete_get_initial_result_set (skeleton, invocation,
                                                          (const char * const *)results->pdata);

  g_application_release (G_APPLICATION (self->services));

  return TRUE;
}

static gboolean
handle_get_subsearch_result_set (ShuatiSearchProvider2 *skeleton,
                                 GDBusMethodInvocation *invocation,
                                 const char * const    *previous_results,
                                 const char * const    *terms,
                                 ShuatiSearchProvider  *self)
{
  g_autoptr(GPtrArray) results = NULL;

  g_application_hold (G_APPLICATION (self->services));

  results = find_cards (self, terms, previous_results);
  shuati_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                            (const char * const *)results->pdata);

  g_application_release (G_APPLICATION (self->services));

  return TRUE;
}

static gboolean
handle_get_result_metas (ShuatiSearchProvider2 *skeleton,
                         GDBusMethodInvocation *invocation,
                         const char * const    *identifiers,
                         ShuatiSearchProvider  *self)
{
  const char * const *languages = g_get_language_names ();
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  g_autofree char *icon_name = g_icon_to_string (icon);
  GVariantBuilder metas;
  g_autoptr(GPtrArray) decks = NULL;

  g_application_hold (G_APPLICATION (self->services));

  decks = searched_decks (self);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      ShuatiCard *card = lookup_result (decks, identifiers[i]);
      g_autofree char *description = NULL;
      GVariantBuilder meta;

      /* The Shell may ask for results of an earlier search: leave out what is gone. */
      if (card == NULL)
        continue;

      description = shuati_search_provider_describe (shuati_card_get_question (card, languages));

      g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&meta, "{sv}", "id",
                             g_variant_new_string (identifiers[i]));
      g_variant_builder_add (&meta, "{sv}", "name",
                             g_variant_new_string (shuati_card_get_title (card, languages)));
      g_variant_builder_add (&meta, "{sv}", "description",
                             g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon",
                             g_variant_new_string (icon_name));
      g_variant_builder_add_value (&metas, g_variant_builder_end (&meta));
    }

  shuati_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                    g_variant_builder_end (&metas));

  g_application_release (G_APPLICATION (self->services));

  return TRUE;
}

static gboolean
handle_activate_result (ShuatiSearchProvider2 *skeleton,
                        GDBusMethodInvocation *invocation,
                        const char            *identifier,
                        const char * const    *terms,
                        guint                  timestamp,
                        ShuatiSearchProvider  *self)
{
  g_autoptr(GPtrArray) decks = NULL;

  g_application_hold (G_APPLICATION (self->services));

  decks = searched_decks (self);
  if (lookup_result (decks, identifier) != NULL)
    shuati_services_present_action (self->services, "win.open-card",
                                       g_variant_new_string (identifier));
  else
    g_application_activate (G_APPLICATION (self->services));

  shuati_search_provider2_complete_activate_result (skeleton, invocation);

  g_application_release (G_APPLICATION (self->services));

  return TRUE;
}

static gboolean
handle_launch_search (ShuatiSearchProvider2 *skeleton,
                      GDBusMethodInvocation *invocation,
                      const char * const    *terms,
                      guint                  timestamp,
                      ShuatiSearchProvider  *self)
{
  g_autofree char *text = g_strjoinv (" ", (char **)terms);

  g_application_hold (G_APPLICATION (self->services));

  shuati_services_present_action (self->services, "win.search",
                                     g_variant_new_string (text));
  shuati_search_provider2_complete_launch_search (skeleton, invocation);

  g_application_release (G_APPLICATION (self->services));

  return TRUE;
}

static void
shuati_search_provider_dispose (GObject *object)
{
  ShuatiSearchProvider *self = (ShuatiSearchProvider *)object;

  shuati_search_provider_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (shuati_search_provider_parent_class)->dispose (object);
}

static void
shuati_search_provider_class_init (ShuatiSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_search_provider_dispose;
}

static void
shuati_search_provider_init (ShuatiSearchProvider *self)
{
  self->skeleton = shuati_search_provider2_skeleton_new ();

  g_signal_connect_object (self->skeleton, "handle-get-initial-result-set",
                           G_CALLBACK (handle_get_initial_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-subsearch-result-set",
                           G_CALLBACK (handle_get_subsearch_result_set), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-result-metas",
                           G_CALLBACK (handle_get_result_metas), self, 0);
  g_signal_connect_object (self->skeleton, "handle-activate-result",
                           G_CALLBACK (handle_activate_result), self, 0);
  g_signal_connect_object (self->skeleton, "handle-launch-search",
                           G_CALLBACK (handle_launch_search), self, 0);
}

/**
 * shuati_search_provider_new:
 * @services: the application whose decks are searched, a #GApplication;
 *   it must outlive the provider
 *
 * Returns: (transfer full): a GNOME Shell search provider, not yet exported
 */
ShuatiSearchProvider *
shuati_search_provider_new (ShuatiServices *services)
{
  ShuatiSearchProvider *self;

  g_return_val_if_fail (SHUATI_IS_SERVICES (services), NULL);
  g_return_val_if_fail (G_IS_APPLICATION (services), NULL);

  self = g_object_new (SHUATI_TYPE_SEARCH_PROVIDER, NULL);
  self->services = services;

  return self;
}

/**
 * shuati_search_provider_export:
 * @self: the provider
 * @connection: the session bus
 * @object_path: where the Shell finds the provider, as in the
 *   search-provider .ini file
 * @error: where to put an error
 *
 * Returns: whether the provider is now on the bus
 */
gboolean
shuati_search_provider_export (ShuatiSearchProvider  *self,
                               GDBusConnection       *connection,
                               const char            *object_path,
                               GError               **error)
{
  g_return_val_if_fail (SHUATI_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (g_variant_is_object_path (object_path), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, object_path, error);
}

/**
 * shuati_search_provider_unexport:
 * @self: the provider
 *
 * Takes the provider off every bus it is on.
 */
void
shuati_search_provider_unexport (ShuatiSearchProvider *self)
{
  g_return_if_fail (SHUATI_IS_SEARCH_PROVIDER (self));

  if (self->skeleton != NULL &&
      g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

/**
 * shuati_search_provider_describe:
 * @text: (nullable): the text of a card, possibly several paragraphs of
 *   Markdown
 *
 * Returns: (transfer full): @text on one line, without emphasis marks,
 *   shortened with an ellipsis when it is long
 */
char *
shuati_search_provider_describe (const char *text)
{
  return shuati_markdown_to_snippet (text, DESCRIPTION_MAX_CHARS);
}
