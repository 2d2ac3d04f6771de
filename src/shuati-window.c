/* shuati-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-card-filter.h"
#include "shuati-card-row.h"
#include "shuati-card-view.h"
#include "shuati-progress.h"
#include "shuati-review-page.h"
#include "shuati-session.h"
#include "shuati-sidebar-item.h"
#include "shuati-statistics-window.h"
#include "shuati-window-private.h"

/* Above this many cards the list filters in steps, so that typing never
 * waits for a whole pass over the deck. */
#define INCREMENTAL_FILTER_THRESHOLD 5000

G_DEFINE_FINAL_TYPE (ShuatiWindow, shuati_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_N_VISIBLE_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_statistics_refresh (ShuatiWindow *self);

static const char * const *
window_languages (ShuatiWindow *self)
{
  return (const char * const *)self->languages;
}

/* Sidebar ---------------------------------------------------------------- */

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
                                          shuati_topic_get_id (topic),
                                          shuati_topic_get_title (topic, window_languages (self)));
  shuati_sidebar_item_set_count (sidebar_item, shuati_topic_get_n_cards (topic));
  update_topic_detail (self, sidebar_item);

  return sidebar_item;
}

static void
update_progress_counts (ShuatiWindow *self)
{
  if (self->progress == NULL)
    return;

  if (self->due_item != NULL)
    shuati_sidebar_item_set_count (self->due_item, shuati_progress_get_n_due (self->progress));
  if (self->starred_item != NULL)
    shuati_sidebar_item_set_count (self->starred_item, shuati_progress_get_n_starred (self->progress));

  if (self->topic_items != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->topic_items)); i++)
      {
        g_autoptr(ShuatiSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->topic_items), i);
        update_topic_detail (self, item);
      }
}

static GListModel *
tag_items (ShuatiWindow *self)
{
  GListStore *store = g_list_store_new (SHUATI_TYPE_SIDEBAR_ITEM);
  const char * const *tags = shuati_deck_get_tags (self->deck);
  g_autofree guint *counts = NULL;
  guint n_tags = g_strv_length ((char **)tags);

  if (n_tags == 0)
    return G_LIST_MODEL (store);

  /* One pass over the cards counts every tag. */
  counts = g_new0 (guint, n_tags);
  for (guint i = 0; i < shuati_deck_get_n_cards (self->deck); i++)
    {
      ShuatiCard *card = shuati_deck_get_card (self->deck, i);

      for (const char * const *tag = shuati_card_get_tags (card); *tag; tag++)
        for (guint t = 0; t < n_tags; t++)
          if (g_str_equal (*tag, tags[t]))
            {
              counts[t]++;
              break;
            }
    }

  {
    g_autoptr(ShuatiSidebarItem) header = shuati_sidebar_item_new (SHUATI_SIDEBAR_HEADER, self->deck, NULL, _("Tags"));
    g_list_store_append (store, header);
  }

  for (guint t = 0; t < n_tags; t++)
    {
      g_autofree char *title = g_strdup_printf ("#%s", tags[t]);
      g_autoptr(ShuatiSidebarItem) item = shuati_sidebar_item_new (SHUATI_SIDEBAR_TAG, self->deck, tags[t], title);

      shuati_sidebar_item_set_count (item, counts[t]);
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/* The sidebar of a deck that is not the one shown: the deck and its
 * topics, to switch to. */
static GListModel *
other_deck_section (ShuatiWindow *self,
                    ShuatiDeck   *deck)
{
  GListStore *store = g_list_store_new (SHUATI_TYPE_SIDEBAR_ITEM);
  GListModel *topics = shuati_deck_get_topics (deck);
  g_autoptr(ShuatiSidebarItem) row = NULL;

  row = shuati_sidebar_item_new (SHUATI_SIDEBAR_ALL, deck, NULL,
                                 shuati_deck_get_title (deck, window_languages (self)));
  shuati_sidebar_item_set_count (row, shuati_deck_get_n_cards (deck));
  /* The deck's own row chooses all of its cards. */
  shuati_sidebar_item_set_detail (row, _("All Cards"));
  g_list_store_append (store, row);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, i);
      g_autoptr(ShuatiSidebarItem) item = NULL;

      item = shuati_sidebar_item_new (SHUATI_SIDEBAR_TOPIC, deck, shuati_topic_get_id (topic),
                                      shuati_topic_get_title (topic, window_languages (self)));
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
  g_autoptr(ShuatiSidebarItem) all = NULL;

  all = shuati_sidebar_item_new (SHUATI_SIDEBAR_ALL, self->deck, NULL,
                                 shuati_deck_get_title (self->deck, window_languages (self)));
  shuati_sidebar_item_set_count (all, shuati_deck_get_n_cards (self->deck));
  shuati_sidebar_item_set_detail (all, _("All Cards"));
  g_list_store_append (fixed, all);

  if (self->progress != NULL && shuati_progress_get_store (self->progress) != NULL)
    {
      self->due_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_DUE, self->deck, NULL, _("Due Today"));
      self->starred_item = shuati_sidebar_item_new (SHUATI_SIDEBAR_STARRED, self->deck, NULL, _("Starred"));
      g_list_store_append (fixed, self->due_item);
      g_list_store_append (fixed, self->starred_item);
    }

  self->topic_items = gtk_map_list_model_new (g_object_ref (shuati_deck_get_topics (self->deck)),
                                              map_topic, self, NULL);
  tags = tag_items (self);

  g_list_store_append (self->sidebar_sections, fixed);
  g_list_store_append (self->sidebar_sections, self->topic_items);
  g_list_store_append (self->sidebar_sections, tags);
  update_progress_counts (self);
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
  ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GListModel *library = app != NULL ? G_LIST_MODEL (shuati_application_get_library (app)) : NULL;
  g_autofree char *key = shuati_window_dup_sidebar_key (self);
  gboolean shown = FALSE;

  self->rebuilding_sidebar = TRUE;

  g_list_store_remove_all (self->sidebar_sections);
  g_clear_object (&self->topic_items);
  g_clear_object (&self->due_item);
  g_clear_object (&self->starred_item);

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
      g_autofree char *prefix = g_strdup_printf ("%s/", shuati_deck_get_id (self->deck));
      g_autofree char *all = g_strdup_printf ("%s/all", shuati_deck_get_id (self->deck));

      if (key == NULL || !g_str_has_prefix (key, prefix) || !shuati_window_select_sidebar (self, key))
        shuati_window_select_sidebar (self, all);
    }

  self->rebuilding_sidebar = FALSE;
}


static ShuatiSidebarItem *
selected_sidebar_item (ShuatiWindow *self)
{
  return gtk_single_selection_get_selected_item (self->sidebar_selection);
}

static void
update_list_title (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = selected_sidebar_item (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards));
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);
  adw_window_title_set_title (self->list_title, item != NULL ? shuati_sidebar_item_get_title (item) : _("Cards"));
  adw_window_title_set_subtitle (self->list_title, count);
}

static void
update_results (ShuatiWindow *self)
{
  ShuatiQuery *query = shuati_card_filter_get_query (self->filter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards));
  gboolean searching = !shuati_query_is_empty (query);

  update_list_title (self);

  gtk_widget_set_visible (GTK_WIDGET (self->results_label), searching);
  if (searching)
    {
      g_autofree char *results = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n), n);
      gtk_label_set_text (self->results_label, results);
    }

  if (n == 0 && !gtk_filter_list_model_get_pending (self->filtered_cards))
    {
      g_autofree char *description = NULL;

      if (searching)
        /* Translators: %s is what the user searched for */
        description = g_strdup_printf (_("Nothing matches “%s” here. Try other words or another topic."),
                                       shuati_query_get_text (query));
      else
        description = g_strdup (_("This choice has no cards."));

      adw_status_page_set_title (self->no_results_page, searching ? _("No Results") : _("No Cards"));
      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE_CARDS]);
}

void
_shuati_window_apply_sidebar_choice (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = selected_sidebar_item (self);
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

    case SHUATI_SIDEBAR_HEADER:
    case SHUATI_SIDEBAR_ALL:
    default:
      break;
    }

  shuati_card_filter_set_choice (self->filter, topic, tag, ids);

  key = shuati_sidebar_item_dup_key (item);
  g_settings_set_string (self->settings, "sidebar-selection", key);

  update_results (self);
}

static void
on_sidebar_selected (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = selected_sidebar_item (self);

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
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
sidebar_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (list_item, box);

  g_object_set_data (G_OBJECT (list_item), "title", title);
  g_object_set_data (G_OBJECT (list_item), "detail", detail);
  g_object_set_data (G_OBJECT (list_item), "count", count);
}

static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static gboolean
detail_to_visible (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char *detail = g_value_get_string (from);

  g_value_set_boolean (to, detail != NULL && *detail != '\0');
  return TRUE;
}

static void
sidebar_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ShuatiSidebarItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *title = g_object_get_data (G_OBJECT (list_item), "title");
  GtkWidget *detail = g_object_get_data (G_OBJECT (list_item), "detail");
  GtkWidget *count = g_object_get_data (G_OBJECT (list_item), "count");
  gboolean header = shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_HEADER;
  GPtrArray *bindings = g_ptr_array_new ();

  gtk_list_item_set_selectable (list_item, !header);
  gtk_list_item_set_activatable (list_item, !header);
  gtk_label_set_text (GTK_LABEL (title), shuati_sidebar_item_get_title (item));
  gtk_widget_set_visible (count, !header);

  if (header)
    {
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_margin_start (gtk_widget_get_parent (title), 12);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_set_visible (detail, FALSE);
    }
  else
    {
      gboolean deck_row = shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_ALL;

      gtk_widget_remove_css_class (title, "dim-label");
      gtk_widget_remove_css_class (title, "caption-heading");
      /* Decks head their own rows; what chooses within a deck stands under it. */
      if (deck_row)
        gtk_widget_add_css_class (title, "heading");
      else
        gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_margin_start (gtk_widget_get_parent (title), deck_row ? 0 : 12);
      g_ptr_array_add (bindings, g_object_bind_property_full (item, "count", count, "label",
                                                              G_BINDING_SYNC_CREATE,
                                                              count_to_label, NULL, NULL, NULL));
      g_ptr_array_add (bindings, g_object_bind_property (item, "detail", detail, "label",
                                                         G_BINDING_SYNC_CREATE));
      g_ptr_array_add (bindings, g_object_bind_property_full (item, "detail", detail, "visible",
                                                              G_BINDING_SYNC_CREATE,
                                                              detail_to_visible, NULL, NULL, NULL));
    }

  g_object_set_data_full (G_OBJECT (list_item), "bindings", bindings,
                          (GDestroyNotify)g_ptr_array_unref);
}

static void
sidebar_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (list_item), "bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  g_object_set_data (G_OBJECT (list_item), "bindings", NULL);
}

/* Card list -------------------------------------------------------------- */

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ShuatiWindow             *self)
{
  GtkWidget *row = shuati_card_row_new ();

  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
card_teardown (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ShuatiWindow             *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row != NULL && self->rows != NULL)
    g_ptr_array_remove_fast (self->rows, row);
}

static void
card_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ShuatiWindow             *self)
{
  shuati_card_row_update (SHUATI_CARD_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item),
                          window_languages (self),
                          shuati_card_filter_get_query (self->filter));
}

static void
card_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ShuatiWindow             *self)
{
  shuati_card_row_update (SHUATI_CARD_ROW (gtk_list_item_get_child (list_item)), NULL, NULL, NULL);
}

static void
refresh_rows (ShuatiWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ShuatiCardRow *row = g_ptr_array_index (self->rows, i);
      ShuatiCard *card = shuati_card_row_get_card (row);

      if (card != NULL)
        shuati_card_row_update (row, card, window_languages (self),
                                shuati_card_filter_get_query (self->filter));
    }
}

static void
on_card_selected (ShuatiWindow *self)
{
  ShuatiCard *card = gtk_single_selection_get_selected_item (self->card_selection);

  shuati_card_view_set_card (self->card_view, self->deck, card);

  if (card != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", shuati_card_get_deck_id (card), shuati_card_get_id (card));

      g_settings_set_string (self->settings, "last-card", key);
      adw_window_title_set_title (self->reader_title, shuati_card_get_title (card, window_languages (self)));
    }
  else
    adw_window_title_set_title (self->reader_title, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-card",
                                 card != NULL && gtk_single_selection_get_selected (self->card_selection) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-card",
                                 gtk_single_selection_get_selected (self->card_selection) + 1 <
                                 g_list_model_get_n_items (G_LIST_MODEL (self->card_selection)));
}

static void
on_card_activate (ShuatiWindow *self,
                  guint         position)
{
  gtk_single_selection_set_selected (self->card_selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
on_filtered_items_changed (ShuatiWindow *self)
{
  update_results (self);
  on_card_selected (self);
}

/* Search ------------------------------------------------------------------ */

static void
on_search_changed (ShuatiWindow   *self,
                   GtkSearchEntry *entry)
{
  shuati_card_filter_set_query (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  refresh_rows (self);
  update_results (self);
}

static void
on_stop_search (ShuatiWindow   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Enter in the search entry opens the first result. */
static void
on_search_activate (ShuatiWindow   *self,
                    GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->card_selection)) == 0)
    return;

  if (gtk_single_selection_get_selected (self->card_selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->card_selection, 0);
  adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

/* Down in the search entry goes on to the results. */
static gboolean
on_search_key_pressed (ShuatiWindow          *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->card_selection)) == 0)
    return FALSE;

  if (gtk_single_selection_get_selected (self->card_selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->card_selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->card_list_view), "list.scroll-to-item", "u",
                              gtk_single_selection_get_selected (self->card_selection));
  gtk_widget_child_focus (GTK_WIDGET (self->card_list_view), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
on_search_mode_changed (ShuatiWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Languages --------------------------------------------------------------- */

static void
update_languages (ShuatiWindow *self)
{
  ShuatiCardLanguage mode = g_settings_get_enum (self->settings, "card-language");
  const char * const *deck_languages = self->deck != NULL ? shuati_deck_get_languages (self->deck) : NULL;

  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->translation, g_free);
  self->languages = shuati_card_languages_resolve (mode, g_get_language_names (),
                                                   deck_languages, &self->translation);

  shuati_card_view_set_languages (self->card_view, window_languages (self), self->translation);
  if (self->translation != NULL)
    {
      const char *both[] = { self->languages[0], self->translation, NULL };
      shuati_review_page_set_languages (self->review_page, both);
    }
  else
    shuati_review_page_set_languages (self->review_page, window_languages (self));
  refresh_rows (self);

  /* Deck and topic names are deck text too. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_sections)) > 0)
    {
      _shuati_window_rebuild_sidebar (self);
      _shuati_window_apply_sidebar_choice (self);
    }

  on_card_selected (self);
}

/* Actions ---------------------------------------------------------------- */

static void
move_selection (ShuatiWindow *self,
                int           delta)
{
  guint position = gtk_single_selection_get_selected (self->card_selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->card_selection));

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = delta > 0 ? 0 : n - 1;
  else if (delta < 0 && position > 0)
    position--;
  else if (delta > 0 && position + 1 < n)
    position++;
  else
    return;

  gtk_single_selection_set_selected (self->card_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->card_list_view), "list.scroll-to-item", "u", position);
}

static void
previous_card_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_selection (SHUATI_WINDOW (widget), -1);
}

static void
next_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_selection (SHUATI_WINDOW (widget), 1);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  find_action (widget, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), g_variant_get_string (parameter, NULL));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  /* Apply now rather than after the entry's typing delay. */
  on_search_changed (self, self->search_entry);
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
  key = g_strdup_printf ("%s/topic:%s", shuati_deck_get_id (self->deck),
                         g_variant_get_string (parameter, NULL));
  shuati_window_select_sidebar (self, key);
}

/* The parameter is "DECK-ID/CARD-ID", or a card id of the deck shown. */
static void
open_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  const char *slash = strchr (target, '/');
  const char *card_id = slash != NULL ? slash + 1 : target;

  if (slash != NULL)
    {
      ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
      ShuatiLibrary *library = app != NULL ? shuati_application_get_library (app) : NULL;
      g_autofree char *deck_id = g_strndup (target, slash - target);
      ShuatiDeck *deck = library != NULL ? shuati_library_lookup (library, deck_id) : NULL;

      if (deck == NULL || shuati_deck_lookup_card (deck, card_id) == NULL)
        return;
      if (self->deck == NULL || g_strcmp0 (deck_id, shuati_deck_get_id (self->deck)) != 0)
        shuati_window_set_deck (self, deck);
    }

  if (shuati_window_select_card (self, card_id))
    adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->card_list_view));
}

/* Study -------------------------------------------------------------------- */

static void
on_progress_changed (ShuatiWindow *self,
                     const char   *card_id)
{
  ShuatiSidebarItem *item = selected_sidebar_item (self);

  update_progress_counts (self);
  queue_statistics_refresh (self);

  /* The Due and Starred choices are sets that just changed in place. */
  if (item != NULL &&
      (shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_DUE ||
       shuati_sidebar_item_get_kind (item) == SHUATI_SIDEBAR_STARRED))
    shuati_card_filter_refresh (self->filter);
}

static gboolean
on_clock_tick (gpointer user_data)
{
  ShuatiWindow *self = user_data;

  if (self->progress != NULL)
    shuati_progress_set_now (self->progress, g_get_real_time () / G_USEC_PER_SEC);

  return G_SOURCE_CONTINUE;
}

void
_shuati_window_add_toast (ShuatiWindow *self,
                          AdwToast     *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
show_review (ShuatiWindow  *self,
             ShuatiSession *session)
{
  ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  ShuatiSidebarItem *choice = selected_sidebar_item (self);

  shuati_review_page_set_store (self->review_page, app != NULL ? shuati_application_get_store (app) : NULL);
  adw_window_title_set_title (self->review_title,
                              shuati_session_get_is_practice (session) ? _("Practice") : _("Study"));
  adw_window_title_set_subtitle (self->review_title,
                                 choice != NULL ? shuati_sidebar_item_get_title (choice) : "");
  gtk_stack_set_visible_child_name (self->main_stack, "review");
  shuati_review_page_set_session (self->review_page, session);
  gtk_widget_grab_focus (GTK_WIDGET (self->review_page));
}

static ShuatiSession *
new_study_session (ShuatiWindow *self)
{
  ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL || self->progress == NULL || shuati_progress_get_store (self->progress) == NULL)
    return NULL;

  return shuati_session_new_study_for_progress (shuati_application_get_scheduler (app),
                                                self->progress,
                                                G_LIST_MODEL (self->filtered_cards),
                                                g_settings_get_uint (self->settings, "new-cards-per-day"),
                                                g_get_real_time () / G_USEC_PER_SEC);
}

static void
study_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  g_autoptr(ShuatiSession) session = new_study_session (self);

  if (session == NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("Studying needs your progress file, which could not be opened. Practice still works."));

      _shuati_window_add_toast (self, toast);
      return;
    }

  show_review (self, session);
}

static void
practice_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  g_autoptr(ShuatiSession) session = NULL;
  gboolean shuffled = g_settings_get_enum (self->settings, "practice-order") == 1;

  session = shuati_session_new_practice (G_LIST_MODEL (self->filtered_cards), shuffled,
                                         (guint32)g_get_real_time ());
  show_review (self, session);
}

static void
on_review_finished (ShuatiWindow     *self,
                    ShuatiReviewPage *page)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  shuati_review_page_set_session (page, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->card_list_view));
}

static void
on_review_study_more (ShuatiWindow     *self,
                      ShuatiReviewPage *page)
{
  ShuatiSession *current = shuati_review_page_get_session (page);
  g_autoptr(ShuatiSession) session = NULL;

  if (current != NULL && shuati_session_get_is_practice (current))
    {
      gboolean shuffled = g_settings_get_enum (self->settings, "practice-order") == 1;

      session = shuati_session_new_practice (G_LIST_MODEL (self->filtered_cards), shuffled,
                                             (guint32)g_get_real_time ());
    }
  else
    session = new_study_session (self);

  if (session != NULL)
    shuati_review_page_set_session (page, session);
}

static void
on_review_open_card (ShuatiWindow     *self,
                     ShuatiCard       *card,
                     ShuatiReviewPage *page)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  if (shuati_window_select_card (self, shuati_card_get_id (card)))
    adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
}

static void
on_review_add_toast (ShuatiWindow     *self,
                     AdwToast         *toast,
                     ShuatiReviewPage *page)
{
  _shuati_window_add_toast (self, toast);
}

/* Statistics ---------------------------------------------------------------- */

static gboolean
refresh_statistics (gpointer user_data)
{
  ShuatiWindow *self = user_data;

  self->statistics_idle = 0;
  if (self->statistics_window != NULL)
    shuati_statistics_window_refresh (self->statistics_window);

  return G_SOURCE_REMOVE;
}

/* Reviews come in bursts; recount once they pause, not after each. */
static void
queue_statistics_refresh (ShuatiWindow *self)
{
  if (self->statistics_window != NULL && self->statistics_idle == 0)
    self->statistics_idle = g_timeout_add (300, refresh_statistics, self);
}

static void
on_statistics_destroyed (ShuatiWindow *self)
{
  self->statistics_window = NULL;
  g_clear_handle_id (&self->statistics_idle, g_source_remove);
}

static void
show_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  ShuatiStore *store = self->progress != NULL ? shuati_progress_get_store (self->progress) : NULL;

  if (store == NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("Statistics need your progress file, which could not be opened."));

      _shuati_window_add_toast (self, toast);
      return;
    }

  if (self->statistics_window == NULL)
    {
      self->statistics_window = shuati_statistics_window_new (GTK_WINDOW (self),
                                                              store,
                                                              self->deck,
                                                              g_settings_get_double (self->settings, "desired-retention"));
      g_signal_connect_object (self->statistics_window, "destroy",
                               G_CALLBACK (on_statistics_destroyed), self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->statistics_window));
}

/* State ------------------------------------------------------------------- */

static gboolean
shuati_window_close_request (GtkWindow *window)
{
  ShuatiWindow *self = SHUATI_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (shuati_window_parent_class)->close_request (window);
}

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
  ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  ShuatiLibrary *library = app != NULL ? shuati_application_get_library (app) : NULL;
  const char *slash = sidebar != NULL ? strchr (sidebar, '/') : NULL;
  gboolean found = TRUE;

  if (slash != NULL && self->deck != NULL &&
      strncmp (sidebar, shuati_deck_get_id (self->deck), slash - sidebar) != 0)
    {
      g_autofree char *deck_id = g_strndup (sidebar, slash - sidebar);
      ShuatiDeck *deck = library != NULL ? shuati_library_lookup (library, deck_id) : NULL;

      if (deck != NULL)
        shuati_window_set_deck (self, deck);
      else
        found = FALSE;
    }

  if (sidebar != NULL && found)
    shuati_window_select_sidebar (self, sidebar);

  slash = last_card != NULL ? strchr (last_card, '/') : NULL;
  if (self->deck != NULL && slash != NULL &&
      strncmp (last_card, shuati_deck_get_id (self->deck), slash - last_card) == 0)
    shuati_window_select_card (self, slash + 1);

  return found;
}

/* @sidebar and @last_card are read before the window shows a deck, which
 * already changes the settings. */
static void
restore_state (ShuatiWindow *self,
               char         *sidebar,
               char         *last_card)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* A deck of the learner's own is there once the library has loaded. */
  if (!_shuati_window_restore_choice (self, sidebar, last_card))
    {
      self->pending_sidebar = g_steal_pointer (&sidebar);
      self->pending_card = g_steal_pointer (&last_card);
    }
  g_free (sidebar);
  g_free (last_card);
}

/* Lifecycle --------------------------------------------------------------- */

static void
shuati_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ShuatiWindow *self = SHUATI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_N_VISIBLE_CARDS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_window_dispose (GObject *object)
{
  ShuatiWindow *self = (ShuatiWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_WINDOW);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->statistics_idle, g_source_remove);
  if (self->statistics_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->statistics_window));
  g_clear_object (&self->progress);
  g_clear_handle_id (&self->import_pulse, g_source_remove);
  g_clear_pointer (&self->pending_sidebar, g_free);
  g_clear_pointer (&self->pending_card, g_free);
  g_clear_object (&self->pending_import);
  g_clear_object (&self->due_item);
  g_clear_object (&self->starred_item);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->card_selection);
  g_clear_object (&self->topic_items);
  g_clear_object (&self->sidebar_sections);
  g_clear_object (&self->filtered_cards);
  g_clear_object (&self->filter);
  g_clear_object (&self->deck);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (shuati_window_parent_class)->dispose (object);
}

static void
shuati_window_finalize (GObject *object)
{
  ShuatiWindow *self = (ShuatiWindow *)object;

  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->translation, g_free);

  G_OBJECT_CLASS (shuati_window_parent_class)->finalize (object);
}

static void
shuati_window_class_init (ShuatiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = shuati_window_get_property;
  object_class->dispose = shuati_window_dispose;
  object_class->finalize = shuati_window_finalize;

  window_class->close_request = shuati_window_close_request;

  properties[PROP_N_VISIBLE_CARDS] =
    g_param_spec_uint ("n-visible-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUATI_TYPE_CARD_VIEW);
  g_type_ensure (SHUATI_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, reader_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, card_list_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, reader_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, card_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, review_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, library_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_review_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_review_study_more);
  gtk_widget_class_bind_template_callback (widget_class, on_review_open_card);
  gtk_widget_class_bind_template_callback (widget_class, on_review_add_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activate);

  gtk_widget_class_install_action (widget_class, "win.previous-card", NULL, previous_card_action);
  gtk_widget_class_install_action (widget_class, "win.next-card", NULL, next_card_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.search", "s", search_action);
  gtk_widget_class_install_action (widget_class, "win.select-topic", "s", select_topic_action);
  gtk_widget_class_install_action (widget_class, "win.open-card", "s", open_card_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.study", NULL, study_action);
  gtk_widget_class_install_action (widget_class, "win.practice", NULL, practice_action);
  gtk_widget_class_install_action (widget_class, "win.show-statistics", NULL, show_statistics_action);
  _shuati_window_class_add_library_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.study", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.show-statistics", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.practice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-card", NULL);
}

static void
shuati_window_init (ShuatiWindow *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkFlattenListModel) sidebar_model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->languages = g_new0 (char *, 1);

  /* Sidebar: the fixed entries, the deck's topics and its tags, flattened. */
  self->sidebar_sections = g_list_store_new (G_TYPE_LIST_MODEL);
  sidebar_model = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sidebar_sections)));
  self->sidebar_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sidebar_model)));
  gtk_single_selection_set_autoselect (self->sidebar_selection, FALSE);
  g_signal_connect_object (self->sidebar_selection, "notify::selected",
                           G_CALLBACK (on_sidebar_selected), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (sidebar_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (sidebar_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (sidebar_unbind), self);
  gtk_list_view_set_factory (self->sidebar_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (self->sidebar_selection));

  /* Card list: the deck through the sidebar choice and the search. */
  self->filter = shuati_card_filter_new ();
  self->filtered_cards = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->filtered_cards, "items-changed",
                           G_CALLBACK (on_filtered_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered_cards, "notify::pending",
                           G_CALLBACK (update_results), self, G_CONNECT_SWAPPED);
  self->card_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered_cards)));
  gtk_single_selection_set_autoselect (self->card_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->card_selection, TRUE);
  g_signal_connect_object (self->card_selection, "notify::selected",
                           G_CALLBACK (on_card_selected), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (card_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (card_teardown), self);
  gtk_list_view_set_factory (self->card_list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->card_list_view, GTK_SELECTION_MODEL (self->card_selection));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_search_key_pressed),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  self->clock_source = g_timeout_add_seconds (60, on_clock_tick, self);

  g_signal_connect_object (self->settings, "changed::card-language",
                           G_CALLBACK (update_languages), self, G_CONNECT_SWAPPED);
}

/* A damaged or unusable progress file is news the learner must read in
 * full (where the damaged file went, from which day progress came back),
 * so it gets a dialog rather than a toast, over the window once it is
 * on screen. */
typedef struct
{
  ShuatiWindow *window;
  char         *problem;
} StoreProblem;

static void
store_problem_free (StoreProblem *data)
{
  g_clear_object (&data->window);
  g_free (data->problem);
  g_free (data);
}

static gboolean
present_store_problem (gpointer user_data)
{
  StoreProblem *data = user_data;
  GtkWidget *dialog;

  if (!gtk_widget_get_mapped (GTK_WIDGET (data->window)))
    return G_SOURCE_REMOVE;

  dialog = adw_message_dialog_new (GTK_WINDOW (data->window), _("Problem With Your Progress File"),
                                   data->problem);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return G_SOURCE_REMOVE;
}

static void
show_store_problem (ShuatiWindow *self,
                    const char   *problem)
{
  StoreProblem *data = g_new0 (StoreProblem, 1);

  data->window = g_object_ref (self);
  data->problem = g_strdup (problem);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_store_problem, data,
                   (GDestroyNotify)store_problem_free);

  /* Once: this frees @problem. */
  g_signal_handlers_disconnect_by_func (self, show_store_problem, (gpointer)problem);
}

/**
 * shuati_window_new:
 *
 * Returns: (transfer full): a new main window
 */
ShuatiWindow *
shuati_window_new (ShuatiApplication *application)
{
  ShuatiWindow *self;
  g_autofree char *sidebar = NULL;
  g_autofree char *last_card = NULL;

  self = g_object_new (SHUATI_TYPE_WINDOW,
                       "application", application,
                       NULL);
  sidebar = g_settings_get_string (self->settings, "sidebar-selection");
  last_card = g_settings_get_string (self->settings, "last-card");
  _shuati_window_library_init (self);
  shuati_window_set_deck (self, shuati_application_get_deck (application));
  restore_state (self, g_steal_pointer (&sidebar), g_steal_pointer (&last_card));

  /* What went wrong with the progress file is told once the window shows. */
  {
    char *problem = shuati_application_take_store_problem (application);

    if (problem != NULL)
      g_signal_connect_data (self, "map", G_CALLBACK (show_store_problem), problem,
                             (GClosureNotify)(void (*) (void))g_free, G_CONNECT_AFTER);
  }

  return self;
}

/**
 * shuati_window_set_deck:
 * @deck: (nullable): the deck to browse
 */
void
shuati_window_set_deck (ShuatiWindow *self,
                        ShuatiDeck   *deck)
{
  g_return_if_fail (SHUATI_IS_WINDOW (self));

  if (!g_set_object (&self->deck, deck))
    return;

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_func (self->progress, on_progress_changed, self);
  g_clear_object (&self->progress);
  if (deck != NULL)
    {
      ShuatiApplication *app = SHUATI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
      ShuatiStore *store = app != NULL ? shuati_application_get_store (app) : NULL;
      g_autoptr(GError) error = NULL;

      self->progress = shuati_progress_new (deck, store, g_get_real_time () / G_USEC_PER_SEC, &error);
      if (self->progress == NULL)
        {
          g_autoptr(AdwToast) toast = adw_toast_new (error->message);

          _shuati_window_add_toast (self, toast);
          self->progress = shuati_progress_new (deck, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL);
        }
      g_signal_connect_object (self->progress, "changed", G_CALLBACK (on_progress_changed),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.study",
                                 self->progress != NULL && shuati_progress_get_store (self->progress) != NULL);

  gtk_filter_list_model_set_model (self->filtered_cards, G_LIST_MODEL (deck));
  gtk_filter_list_model_set_incremental (self->filtered_cards,
                                         deck != NULL &&
                                         shuati_deck_get_n_cards (deck) > INCREMENTAL_FILTER_THRESHOLD);
  update_languages (self);
  _shuati_window_rebuild_sidebar (self);
  _shuati_window_apply_sidebar_choice (self);
  update_results (self);
  _shuati_window_update_deck_actions (self);
}

/**
 * shuati_window_get_visible_cards:
 *
 * Returns: (transfer none): the cards the list shows now: the sidebar
 *   choice and the search
 */
GListModel *
shuati_window_get_visible_cards (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->filtered_cards);
}

/**
 * shuati_window_get_deck:
 *
 * Returns: (transfer none) (nullable): the deck shown
 */
ShuatiDeck *
shuati_window_get_deck (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return self->deck;
}

/**
 * shuati_window_get_selected_card:
 *
 * Returns: (transfer none) (nullable): the card in the reader
 */
ShuatiCard *
shuati_window_get_selected_card (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return gtk_single_selection_get_selected_item (self->card_selection);
}

/**
 * shuati_window_select_card:
 *
 * Selects the card with @card_id, widening the sidebar choice to all
 * cards and clearing the search if they hide it.
 *
 * Returns: %TRUE if the deck has the card
 */
gboolean
shuati_window_select_card (ShuatiWindow *self,
                           const char   *card_id)
{
  ShuatiCard *card;
  GListModel *model;
  guint n;

  g_return_val_if_fail (SHUATI_IS_WINDOW (self), FALSE);

  if (self->deck == NULL || (card = shuati_deck_lookup_card (self->deck, card_id)) == NULL)
    return FALSE;

  model = G_LIST_MODEL (self->card_selection);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ShuatiCard) item = g_list_model_get_item (model, i);

          if (item == card)
            {
              gtk_single_selection_set_selected (self->card_selection, i);
              gtk_widget_activate_action (GTK_WIDGET (self->card_list_view), "list.scroll-to-item", "u", i);
              return TRUE;
            }
        }

      /* Hidden by the current choice: show all cards and look again. */
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      shuati_card_filter_set_query (self->filter, NULL);
      gtk_single_selection_set_selected (self->sidebar_selection, 0);
      _shuati_window_apply_sidebar_choice (self);
    }

  return FALSE;
}

/**
 * shuati_window_select_sidebar:
 * @key: a key as shuati_sidebar_item_dup_key() makes it
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

  item = selected_sidebar_item (self);
  return item != NULL ? shuati_sidebar_item_dup_key (item) : NULL;
}

/**
 * shuati_window_get_card_view:
 *
 * Returns: (transfer none): the reader
 */
GtkWidget *
shuati_window_get_card_view (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->card_view);
}

/**
 * shuati_window_get_search_bar:
 *
 * Returns: (transfer none): the search bar over the card list
 */
GtkSearchBar *
shuati_window_get_search_bar (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return self->search_bar;
}

/**
 * shuati_window_get_search_entry:
 *
 * Returns: (transfer none): the search entry
 */
GtkSearchEntry *
shuati_window_get_search_entry (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), NULL);
  return self->search_entry;
}

/**
 * shuati_window_is_reviewing:
 *
 * Returns: whether the window shows a study or practice session
 */
gboolean
shuati_window_is_reviewing (ShuatiWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "review") == 0;
}
