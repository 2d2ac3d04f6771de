/* shuati-window-sidebar.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-library.h"
#include "shuati-sidebar-item.h"
#include "shuati-sidebar-row.h"
#include "shuati-window-private.h"

/* The window's sidebar: every deck of the library with its topics, and
 * for the deck shown also Due, Starred and its tags. Choosing a row
 * filters the card list; the choice is remembered by its key. */

/* Model --------------------------------------------------------------------- */

static void
update_topic_detail (ShuatiWindow      *self,
                     ShuatiSidebarItem *item)
{
  g_autofree char *detail = NULL;
  guint n_due = 0;
  guint n_mastered = 0;
  guint n_cards = 0;

  if (self->progress == NULL ||
      !shuati_progress_get_topic_counts (self->progress, shuati_sidebar_item_get_id (item),
                                         &n_due, &n_mastered, &n_cards))
    return;

  /* Translators: under a topic in the sidebar: cards due today, then
   * cards mastered of all its cards, as in "3 due · 2/6 mastered" */
  detail = g_strdup_printf (_("%u due · %u/%u mastered"), n_due, n_mastered, n_cards);
  shuati_sidebar_item_set_detail (item, detail);
}

static gpointer
map_topic (gpointer item,
           gpointer user_data)
{
  ShuatiWindow *self = user_data;
  g_autoptr(ShuatiTopic) topic = item;
  ShuatiSidebarItem *sidebar_item;

  sidebar_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_TOPIC, self->deck,
                                          shuati_topic_get_id (topic), NULL);
  shuati_sidebar_item_set_count (sidebar_item, shuati_topic_get_n_cards (topic));
  update_topic_detail (self, sidebar_item);

  return sidebar_item;
}

/**
 * _shuati_window_update_progress_counts:
 * @topic_ids: (nullable): the ids of the topics whose cards changed, or
 *   %NULL for all
 *
 * Recounts what progress changes: Due, Starred, the Mistake Book and the
 * detail of the topics in @topic_ids.
 */
void
_shuati_window_update_progress_counts (ShuatiWindow *self,
                                       GHashTable   *topic_ids)
{
  if (self->progress == NULL)
    return;

  if (self->due_item != NULL)
    shuati_sidebar_item_set_count (self->due_item, shuati_progress_get_n_due (self->progress));
  if (self->starred_item != NULL)
    shuati_sidebar_item_set_count (self->starred_item, shuati_progress_get_n_starred (self->progress));
  if (self->mistakes_item != NULL)
    shuati_sidebar_item_set_count (self->mistakes_item, shuati_progress_get_n_mistakes (self->progress));

  if (self->topic_items == NULL || (topic_ids != NULL && g_hash_table_size (topic_ids) == 0))
    return;

  /* The topics are the deck's, in its order, and the map makes each
   * row's item only when asked: look up the few that changed. */
  {
    GListModel *topics = gtk_map_list_model_get_model (self->topic_items);
    guint n = topics != NULL ? g_list_model_get_n_items (topics) : 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);
        g_autoptr(ShuatiSidebarItem) item = NULL;

        if (topic_ids != NULL && !g_hash_table_contains (topic_ids, shuati_topic_get_id (topic)))
          continue;
        item = g_list_model_get_item (G_LIST_MODEL (self->topic_items), i);
        update_topic_detail (self, item);
      }
  }
}

static GListModel *
tag_items (ShuatiWindow *self)
{
  GListStore *store = g_list_store_new (SHUATI_TYPE_SIDEBAR_ITEM);
  const char * const *tags = shuati_deck_get_tags (self->deck);
  g_autofree guint *counts = NULL;
  g_autoptr(ShuatiSidebarItem) header = NULL;

  if (tags == NULL || tags[0] == NULL)
    return G_LIST_MODEL (store);

  header = shuati_sidebar_item_new (SHUATI_SIDEBAR_HEADER, self->deck, NULL, _("Tags"));
  g_list_store_append (store, header);

  counts = shuati_deck_count_tags (self->deck);
  for (guint t = 0; tags[t] != NULL; t++)
    {
      g_autofree char *title = g_strdup_printf ("#%s", tags[t]);
      g_autoptr(ShuatiSidebarItem) item = shuati_sidebar_item_new (SHUATI_SIDEBAR_TAG, self->deck, tags[t], title);

      shuati_sidebar_item_set_count (item, counts[t]);
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/* The deck's own row, which chooses all of its cards. */
static ShuatiSidebarItem *
deck_item (ShuatiDeck *deck)
{
  ShuatiSidebarItem *row = shuati_sidebar_item_new (SHUATI_SIDEBAR_ALL, deck, NULL, NULL);

  shuati_sidebar_item_set_count (row, shuati_deck_get_n_cards (deck));
  shuati_sidebar_item_set_detail (row, _("All Cards"));
  return row;
}

/* A deck of one topic that holds all its cards gets no topic row: it
 * would choose what the deck's own row does, under the deck's name. */
static gboolean
has_topic_rows (ShuatiDeck *deck)
{
  GListModel *topics = shuati_deck_get_topics (deck);
  g_autoptr(ShuatiTopic) only = NULL;

  if (g_list_model_get_n_items (topics) != 1)
    return TRUE;
  only = g_list_model_get_item (topics, 0);
  return shuati_topic_get_n_cards (only) != shuati_deck_get_n_cards (deck);
}

static gboolean
studying_works (ShuatiWindow *self)
{
  ShuatiServices *app = _shuati_window_get_services (self);

  return app != NULL && shuati_services_get_store (app) != NULL;
}

/* The sidebar of a deck that is not the one shown: the deck, its Due
 * and Starred rows (counted once it is shown) and its topics, to switch
 * to. */
static GListModel *
other_deck_section (ShuatiWindow *self,
                    ShuatiDeck   *deck)
{
  GListStore *store = g_list_store_new (SHUATI_TYPE_SIDEBAR_ITEM);
  GListModel *topics = shuati_deck_get_topics (deck);
  g_autoptr(ShuatiSidebarItem) row = deck_item (deck);

  g_list_store_append (store, row);
  if (studying_works (self))
    {
      g_autoptr(ShuatiSidebarItem) due = shuati_sidebar_item_new (SHUATI_SIDEBAR_DUE, deck, NULL, _("Due Today"));
      g_autoptr(ShuatiSidebarItem) starred = shuati_sidebar_item_new (SHUATI_SIDEBAR_STARRED, deck, NULL, _("Starred"));

      g_autoptr(ShuatiSidebarItem) mistakes = shuati_sidebar_item_new (SHUATI_SIDEBAR_MISTAKES, deck, NULL, _("Mistake Book"));

      g_list_store_append (store, due);
      g_list_store_append (store, starred);
      g_list_store_append (store, mistakes);
    }
  for (guint i = 0; has_topic_rows (deck) && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(ShuatiSidebarItem) item = NULL;

      item = shuati_sidebar_item_new (SHUATI_SIDEBAR_TOPIC, deck, shuati_topic_get_id (topic), NULL);
      shuati_sidebar_item_set_count (item, shuati_topic_get_n_cards (topic));
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/* The deck shown gets all its ways to choose cards. */
static void
append_current_deck (ShuatiWindow *self)
{
  g_autoptr(GListStore) fixed = g_list_store_new (SHUATI_TYPE_SIDEBAR_ITEM);
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(ShuatiSidebarItem) all = deck_item (self->deck);

  g_list_store_append (fixed, all);

  if (self->progress != NULL && shuati_progress_get_store (self->progress) != NULL)
    {
      self->due_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_DUE, self->deck, NULL, _("Due Today"));
      self->starred_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_STARRED, self->deck, NULL, _("Starred"));
      g_list_store_append (fixed, self->due_item);
      self->mistakes_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_MISTAKES, self->deck, NULL, _("Mistake Book"));
      g_list_store_append (fixed, self->starred_item);
      g_list_store_append (fixed, self->mistakes_item);
    }

  self->topic_items = gtk_map_list_model_new (has_topic_rows (self->deck)
                                                ? g_object_ref (shuati_deck_get_topics (self->deck))
                                                : NULL,
                                              map_topic, self, NULL);
  tags = tag_items (self);

  g_list_store_append (self->sidebar_sections, fixed);
  g_list_store_append (self->sidebar_sections, self->topic_items);
  g_list_store_append (self->sidebar_sections, tags);
  _shuati_window_update_progress_counts (self, NULL);
}

/**
 * _shuati_window_rebuild_sidebar:
 *
 * Lists every deck of the library with its topics, and for the deck
 * shown also Due, Starred and its tags; keeps the choice if it is still
 * there, else chooses the shown deck.
 */
void
_shuati_window_rebuild_sidebar (ShuatiWindow *self)
{
  ShuatiServices *app = _shuati_window_get_services (self);
  GListModel *library = app != NULL ? G_LIST_MODEL (shuati_services_get_library (app)) : NULL;
  g_autofree char *key = shuati_window_dup_sidebar_key (self);
  g_autofree char *key_deck = NULL;
  gboolean shown = FALSE;

  self->rebuilding_sidebar = TRUE;

  g_list_store_remove_all (self->sidebar_sections);
  g_clear_object (&self->topic_items);
  g_clear_object (&self->due_item);
  g_clear_object (&self->starred_item);
  g_clear_object (&self->mistakes_item);

  for (guint i = 0; library != NULL && i < g_list_model_get_n_items (library); i++)
    {
      g_autoptr(ShuatiDeck) deck = g_list_model_get_item (library, i);

      if (self->deck != NULL &&
          g_strcmp0 (shuati_deck_get_id (deck), shuati_deck_get_id (self->deck)) == 0)
        {
          append_current_deck (self);
          shown = TRUE;
        }
      else
        {
          g_autoptr(GListModel) section = other_deck_section (self, deck);
          g_list_store_append (self->sidebar_sections, section);
        }
    }

  /* While the library loads, the deck shown comes first on its own. */
  if (!shown && self->deck != NULL)
    {
      g_autoptr(GListStore) before = g_list_store_new (G_TYPE_LIST_MODEL);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_sections));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GListModel) section = g_list_model_get_item (G_LIST_MODEL (self->sidebar_sections), i);
          g_list_store_append (before, section);
        }
      g_list_store_remove_all (self->sidebar_sections);
      append_current_deck (self);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GListModel) section = g_list_model_get_item (G_LIST_MODEL (before), i);
          g_list_store_append (self->sidebar_sections, section);
        }
    }

  /* Keep the choice if it belongs to the deck shown; else show the whole
   * deck. The caller applies it. */
  if (self->deck != NULL)
    {
      const char *deck_id = shuati_deck_get_id (self->deck);

      if (!shuati_sidebar_key_parse (key, &key_deck, NULL, NULL) ||
          !g_str_equal (key_deck, deck_id) ||
          !shuati_window_select_sidebar (self, key))
        {
          g_autofree char *all = shuati_sidebar_key_build (deck_id, SHUATI_SIDEBAR_ALL, NULL);

          shuati_window_select_sidebar (self, all);
        }
    }

  self->rebuilding_sidebar = FALSE;
}

/* Choosing ------------------------------------------------------------------ */

ShuatiSidebarItem *
_shuati_window_get_sidebar_item (ShuatiWindow *self)
{
  return gtk_single_selection_get_selected_item (self->sidebar_selection);
}

void
_shuati_window_apply_sidebar_choice (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = _shuati_window_get_sidebar_item (self);
  const char *topic = NULL;
  const char *tag = NULL;
  GHashTable *ids = NULL;
  g_autofree char *key = NULL;

  if (item == NULL)
    return;

  switch (shuati_sidebar_item_get_kind (item))
    {
    case SHUATI_SIDEBAR_TOPIC:
      topic = shuati_sidebar_item_get_id (item);
      break;

    case SHUATI_SIDEBAR_TAG:
      tag = shuati_sidebar_item_get_id (item);
      break;

    case SHUATI_SIDEBAR_DUE:
      if (self->progress != NULL)
        ids = shuati_progress_get_due_ids (self->progress);
      break;

    case SHUATI_SIDEBAR_STARRED:
      if (self->progress != NULL)
        ids = shuati_progress_get_starred_ids (self->progress);
      break;

    case SHUATI_SIDEBAR_MISTAKES:
      if (self->progress != NULL)
        ids = shuati_progress_get_mistake_ids (self->progress);
      break;

    case SHUATI_SIDEBAR_HEADER:
    case SHUATI_SIDEBAR_ALL:
    default:
      break;
    }

  shuati_card_filter_set_choice (self->filter, topic, tag, ids);

  key = shuati_sidebar_item_dup_key (item);
  g_settings_set_string (self->settings, "sidebar-selection", key);

  _shuati_window_update_results (self);
}

static void
on_sidebar_selected (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = _shuati_window_get_sidebar_item (self);

  if (self->rebuilding_sidebar)
    return;

  /* A row of another deck: show that deck, then its chosen row. */
  if (item != NULL && shuati_sidebar_item_get_deck (item) != NULL &&
      shuati_sidebar_item_get_deck (item) != self->deck)
    {
      g_autofree char *key = shuati_sidebar_item_dup_key (item);
      g_autoptr(ShuatiDeck) deck = g_object_ref (shuati_sidebar_item_get_deck (item));

      shuati_window_set_deck (self, deck);
      shuati_window_select_sidebar (self, key);
      return;
    }

  _shuati_window_apply_sidebar_choice (self);
}

static void
on_sidebar_activate (ShuatiWindow *self,
                     guint         position)
{
  _shuati_window_show_pane (self, self->list_pane);
}

static void
select_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  g_autofree char *key = NULL;

  if (self->deck == NULL)
    return;
  key = shuati_sidebar_key_build (shuati_deck_get_id (self->deck), SHUATI_SIDEBAR_TOPIC,
                                  g_variant_get_string (parameter, NULL));
  shuati_window_select_sidebar (self, key);
}

/* Rows ---------------------------------------------------------------------- */

static gboolean
item_to_choosable (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  ShuatiSidebarItem *item = g_value_get_object (from);

  g_value_set_boolean (to, item != NULL && shuati_sidebar_item_get_kind (item) != SHUATI_SIDEBAR_HEADER);
  return TRUE;
}

/* Each row follows its list item and the window's card languages by
 * binding; nothing walks the rows. */
static void
sidebar_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ShuatiWindow             *self)
{
  GtkWidget *row = shuati_sidebar_row_new ();

  gtk_list_item_set_child (list_item, row);
  g_object_bind_property (list_item, "item", row, "item", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (list_item, "item", list_item, "selectable", G_BINDING_SYNC_CREATE,
                               item_to_choosable, NULL, NULL, NULL);
  g_object_bind_property_full (list_item, "item", list_item, "activatable", G_BINDING_SYNC_CREATE,
                               item_to_choosable, NULL, NULL, NULL);
  g_object_bind_property (self, "languages", row, "languages", G_BINDING_SYNC_CREATE);
}

/* Setup --------------------------------------------------------------------- */

void
_shuati_window_sidebar_init (ShuatiWindow *self)
{
  g_autoptr(GtkFlattenListModel) sidebar_model = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  /* The fixed entries, the deck's topics and its tags, flattened. */
  self->sidebar_sections = g_list_store_new (G_TYPE_LIST_MODEL);
  sidebar_model = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sidebar_sections)));
  self->sidebar_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sidebar_model)));
  gtk_single_selection_set_autoselect (self->sidebar_selection, FALSE);
  g_signal_connect_object (self->sidebar_selection, "notify::selected",
                           G_CALLBACK (on_sidebar_selected), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (sidebar_setup), self, 0);
  gtk_list_view_set_factory (self->sidebar_view, factory);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (self->sidebar_selection));
}

void
_shuati_window_class_add_sidebar (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_activate);
  gtk_widget_class_install_action (widget_class, "win.select-topic", "s", select_topic_action);
}

/* Keys ---------------------------------------------------------------------- */

/**
 * _shuati_window_restore_choice:
 *
 * Goes back to the sidebar choice and the card the learner had open,
 * switching to their deck if the library has it.
 *
 * Returns: %TRUE if the choice's deck is here, %FALSE if it may come
 *   once the library has loaded
 */
gboolean
_shuati_window_restore_choice (ShuatiWindow *self,
                               const char   *sidebar,
                               const char   *last_card)
{
  ShuatiServices *app = _shuati_window_get_services (self);
  ShuatiLibrary *library = app != NULL ? shuati_services_get_library (app) : NULL;
  g_autofree char *deck_id = NULL;
  g_autofree char *card_id = NULL;
  gboolean found = TRUE;

  if (shuati_sidebar_key_parse (sidebar, &deck_id, NULL, NULL) && self->deck != NULL &&
      !g_str_equal (deck_id, shuati_deck_get_id (self->deck)))
    {
      ShuatiDeck *deck = library != NULL ? shuati_library_lookup (library, deck_id) : NULL;

      if (deck != NULL)
        shuati_window_set_deck (self, deck);
      else
        found = FALSE;
    }

  if (sidebar != NULL && found)
    shuati_window_select_sidebar (self, sidebar);

  g_clear_pointer (&deck_id, g_free);
  if (self->deck != NULL && _shuati_window_parse_card_key (last_card, &deck_id, &card_id) &&
      g_str_equal (deck_id, shuati_deck_get_id (self->deck)))
    shuati_window_select_card (self, card_id);

  return found;
}

/**
 * _shuati_window_parse_card_key:
 * @key: (nullable): "DECK-ID/CARD-ID", as the "last-card" setting and
 *   the open-card action name a card
 *
 * Returns: %TRUE if @key names a deck and a card
 */
gboolean
_shuati_window_parse_card_key (const char  *key,
                        char       **deck_id,
                        char       **card_id)
{
  g_auto(GStrv) parts = NULL;

  if (key == NULL)
    return FALSE;

  parts = g_strsplit (key, "/", 2);
  if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
    return FALSE;

  *deck_id = g_strdup (parts[0]);
  *card_id = g_strdup (parts[1]);
  return TRUE;
}

/**
 * shuati_window_select_sidebar:
 * @key: a key as shuati_sidebar_key_build() makes it
 *
 * Returns: %TRUE if the sidebar has that entry
 */
gboolean
shuati_window_select_sidebar (ShuatiWindow *self,
                              const char   *key)
{
  GListModel *model;

  g_return_val_if_fail (SHUATI_IS_WINDOW (self), FALSE);

  if (key == NULL)
    return FALSE;

  model = G_LIST_MODEL (self->sidebar_selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (model, i);
      g_autofree char *item_key = shuati_sidebar_item_dup_key (item);

      if (shuati_sidebar_item_get_kind (item) != SHUATI_SIDEBAR_HEADER &&
          g_str_equal (item_key, key))
        {
          gtk_single_selection_set_selected (self->sidebar_selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * shuati_window_dup_sidebar_key:
 *
 * Returns: (transfer full) (nullable): the key of the sidebar choice
 */
char *
shuati_window_dup_sidebar_key (ShuatiWindow *self)
{
  ShuatiSidebarItem *item;

  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);

  item = _shuati_window_get_sidebar_item (self);
  return item != NULL ? shuati_sidebar_item_dup_key (item) : NULL;
}
