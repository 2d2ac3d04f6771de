/* shuati-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-card-filter.h"
#include "shuati-card-row.h"
#include "shuati-slot-selection.h"
#include "shuati-card-view.h"
#include "shuati-preset.h"
#include "shuati-progress.h"
#include "shuati-review-page.h"
#include "shuati-session.h"
#include "shuati-sidebar-item.h"
#include "shuati-sidebar-row.h"
#include "shuati-statistics-window.h"
#include "shuati-text.h"
#include "shuati-window-private.h"

/* Above this many cards a deck without a search index waits for a pause
 * in the typing before it filters. */
#define INCREMENTAL_FILTER_THRESHOLD 5000
/* GTK's own delay between a keystroke and the search it starts. */
#define SEARCH_DELAY_LARGE_MS 150

G_DEFINE_FINAL_TYPE (ShuatiWindow, shuati_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_N_VISIBLE_CARDS,
  PROP_LANGUAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static const char * const *
window_languages (ShuatiWindow *self)
{
  return (const char * const *)self->languages;
}

/* List title and results ---------------------------------------------------- */

static void
update_list_title (ShuatiWindow *self)
{
  ShuatiSidebarItem *item = _shuati_window_get_sidebar_item (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards));
  g_autofree char *count = NULL;

  adw_window_title_set_title (self->list_title,
                              item != NULL ? shuati_sidebar_item_get_title (item, window_languages (self))
                                           : _("Cards"));

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);
  adw_window_title_set_subtitle (self->list_title, count);
}

void
_shuati_window_update_results (ShuatiWindow *self)
{
  ShuatiQuery *query = shuati_card_filter_get_query (self->filter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards));
  gboolean searching = !shuati_query_is_empty (query);

  update_list_title (self);

  /* A query that cannot be read says why, and where; the list keeps
   * the results of the last one that could. */
  if (_shuati_window_show_search_error (self))
    ;
  else if (!searching)
    gtk_widget_set_visible (GTK_WIDGET (self->results_label), FALSE);
  else
    {
      g_autofree char *results = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n), n);
      gtk_label_set_text (self->results_label, results);
      gtk_widget_set_visible (GTK_WIDGET (self->results_label), TRUE);
    }

  if (n == 0)
    {
      g_autofree char *description = NULL;
      g_autofree char *escaped = NULL;

      if (searching)
        {
          const char *text = shuati_query_get_text (query);
          g_autofree char *quoted = NULL;

          /* A long query is quoted by its start: the page stays narrow. */
          if (g_utf8_strlen (text, -1) > 60)
            {
              g_autofree char *start = g_utf8_substring (text, 0, 60);

              quoted = g_strconcat (start, "…", NULL);
            }
          else
            quoted = g_strdup (text);
          /* Translators: %s is what the user searched for */
          description = g_strdup_printf (_("Nothing matches “%s” here. Try other words or another topic."),
                                         quoted);
        }
      else if (_shuati_window_get_sidebar_item (self) != NULL &&
               shuati_sidebar_item_get_kind (_shuati_window_get_sidebar_item (self)) == SHUATI_SIDEBAR_MISTAKES)
        description = g_strdup (_shuati_window_mistakes_empty_text ());
      else
        description = g_strdup (_("This choice has no cards."));

      /* The description is markup; the query is the user's text. */
      escaped = g_markup_escape_text (description, -1);
      adw_status_page_set_title (self->no_results_page, searching ? _("No Results") : _("No Cards"));
      adw_status_page_set_description (self->no_results_page, escaped);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE_CARDS]);
}

/* Navigation --------------------------------------------------------------- */

/**
 * _shuati_window_show_pane:
 * @pane: the sidebar, list or reader pane
 *
 * Shows @pane. When the panes are folded into one, the pane shown takes
 * the keyboard focus: its list, or the reader's text, which the arrow
 * keys scroll.
 */
void
_shuati_window_show_pane (ShuatiWindow *self,
                          GtkWidget    *pane)
{
  GtkWidget *focus;

  adw_leaflet_set_visible_child (self->leaflet, pane);
  if (!adw_leaflet_get_folded (self->leaflet))
    return;

  if (pane == self->sidebar_pane)
    focus = GTK_WIDGET (self->sidebar_view);
  else if (pane == self->list_pane)
    focus = GTK_WIDGET (self->card_list_view);
  else
    focus = GTK_WIDGET (self->card_view);
  gtk_widget_grab_focus (focus);
}

static gboolean
show_pane_after_click (gpointer user_data)
{
  ShuatiWindow *self = user_data;
  GtkWidget *pane = self->pane_after_click;

  self->pane_after_click = NULL;
  self->pane_after_click_source = 0;
  if (pane != NULL && adw_leaflet_get_folded (self->leaflet))
    _shuati_window_show_pane (self, pane);

  return G_SOURCE_REMOVE;
}

/* Folded, one click or tap on a row goes on to the next pane, once the
 * list has chosen the row (it does on the release after this). */
static void
on_row_click_released (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       ShuatiWindow    *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row;

  if (n_press != 1 || !adw_leaflet_get_folded (self->leaflet) || picked == NULL)
    return;

  if (view == GTK_WIDGET (self->sidebar_view))
    {
      row = gtk_widget_get_ancestor (picked, SHUATI_TYPE_SIDEBAR_ROW);
      if (row == NULL || shuati_sidebar_row_get_item (SHUATI_SIDEBAR_ROW (row)) == NULL ||
          shuati_sidebar_item_get_kind (shuati_sidebar_row_get_item (SHUATI_SIDEBAR_ROW (row))) == SHUATI_SIDEBAR_HEADER)
        return;
      self->pane_after_click = self->list_pane;
    }
  else
    {
      row = gtk_widget_get_ancestor (picked, SHUATI_TYPE_CARD_ROW);
      if (row == NULL)
        return;
      self->pane_after_click = self->reader_pane;
    }

  if (self->pane_after_click_source == 0)
    self->pane_after_click_source = g_idle_add (show_pane_after_click, self);
}

static void
add_row_click (ShuatiWindow *self,
               GtkWidget    *view)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "released", G_CALLBACK (on_row_click_released), self, 0);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));
}

/* Card list -------------------------------------------------------------- */

/* Each row follows the card of its list item's slot, the card languages
 * and the search by binding; nothing walks the rows. */
static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ShuatiWindow             *self)
{
  GtkWidget *row = shuati_card_row_new ();
  GtkExpression *slot = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *card = gtk_property_expression_new (SHUATI_TYPE_CARD_SLOT, slot, "card");

  gtk_list_item_set_child (list_item, row);
  gtk_expression_bind (card, row, "card", list_item);
  g_object_bind_property (self, "languages", row, "languages", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->filter, "query", row, "query", G_BINDING_SYNC_CREATE);
}

static void
show_in_reader (ShuatiWindow *self,
                ShuatiCard   *card)
{
  shuati_card_view_set_card (self->card_view, self->deck, card);

  if (card != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", shuati_card_get_deck_id (card), shuati_card_get_id (card));
      g_autofree char *title = shuati_text_clip_for_display (shuati_card_get_title (card, window_languages (self)),
                                                             300, NULL);

      g_settings_set_string (self->settings, "last-card", key);
      adw_window_title_set_title (self->reader_title, title);
    }
  else
    adw_window_title_set_title (self->reader_title, "");
  _shuati_window_interview_update (self);
}

static void
on_card_selected (ShuatiWindow *self)
{
  ShuatiCard *card = gtk_single_selection_get_selected_item (self->card_selection);

  /* Each step of a filter over a large deck lands here, mostly with the
   * same card selected: the reader then keeps what it shows, as laying it
   * out again costs a frame, and the setting is not written again. */
  if (card != shuati_card_view_get_card (self->card_view))
    show_in_reader (self, card);

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
  _shuati_window_show_pane (self, self->reader_pane);
}

/* The list keeps its rows through a change of cards (see
 * ShuatiSlotSelection), and with them the keyboard focus at its place:
 * while the focus is in the list, it follows the selected card to the
 * row that now shows it. */
static void
on_card_selection_items_changed (ShuatiWindow *self)
{
  GtkWidget *list = GTK_WIDGET (self->card_list_view);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint selected = gtk_single_selection_get_selected (self->card_selection);
  ShuatiCard *card = gtk_single_selection_get_selected_item (self->card_selection);

  if (focus == NULL || card == NULL || !gtk_widget_is_ancestor (focus, list))
    return;

  /* The view makes the row, if it had none, and moves its own idea of
   * the focused position there. */
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  for (GtkWidget *item = gtk_widget_get_first_child (list);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && SHUATI_IS_CARD_ROW (row) &&
          shuati_card_row_get_card (SHUATI_CARD_ROW (row)) == card)
        {
          if (!gtk_widget_is_ancestor (focus, item))
            gtk_widget_grab_focus (item);
          return;
        }
    }
}

static void
on_filtered_items_changed (ShuatiWindow *self)
{
  _shuati_window_update_results (self);
  on_card_selected (self);
}

/* Search ------------------------------------------------------------------ */

static void
on_search_changed (ShuatiWindow   *self,
                   GtkSearchEntry *entry)
{
  shuati_card_filter_set_query (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  _shuati_window_update_results (self);
}

static void
on_stop_search (ShuatiWindow   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* The entry takes no more than a query holds, and says so when it cuts
 * what was typed, pasted or given on the command line. */
static void
on_search_insert_text (ShuatiWindow *self,
                       const char   *text,
                       int           length,
                       int          *position,
                       GtkEditable  *editable)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *message = NULL;
  glong n_chars;

  n_chars = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  if (n_chars + g_utf8_strlen (text, length) <= SHUATI_QUERY_MAX_LENGTH)
    return;

  /* Translators: %u is the most characters a search can have (1000) */
  message = g_strdup_printf (_("A search can be at most %u characters long; the rest was left out"),
                             SHUATI_QUERY_MAX_LENGTH);
  toast = adw_toast_new (message);
  _shuati_window_add_toast (self, toast);
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
  _shuati_window_show_pane (self, self->reader_pane);
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
  /* With no results there is nothing to go on to: the focus stays. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->card_selection)) == 0)
    return TRUE;

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
  gboolean searching = gtk_search_bar_get_search_mode (self->search_bar);

  if (!searching)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Escape belongs to the search only while there is one. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-search", searching);
}

/* Escape, wherever the focus is in the browser: clear and close the
 * search, and go back to the list. */
static void
stop_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, self->list_pane);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  shuati_card_filter_set_query (self->filter, NULL);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  if (in_list || focus == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->card_list_view));
}

/* Languages --------------------------------------------------------------- */

/* The one place the card-language setting is read. The result goes out
 * by the "languages" property, which the reader, the review page and the
 * rows are bound to. */
static void
update_languages (ShuatiWindow *self)
{
  ShuatiCardLanguage mode = g_settings_get_enum (self->settings, "card-language");
  const char * const *deck_languages = self->deck != NULL ? shuati_deck_get_languages (self->deck) : NULL;
  g_autofree char *translation = NULL;
  g_auto(GStrv) languages = shuati_card_languages_resolve (mode, g_get_language_names (),
                                                           deck_languages, &translation);

  /* The contract: a second language is a translation under each part. */
  if (translation != NULL)
    {
      g_autoptr(GStrvBuilder) both = g_strv_builder_new ();

      g_strv_builder_add (both, languages[0]);
      g_strv_builder_add (both, translation);
      g_strfreev (languages);
      languages = g_strv_builder_end (both);
    }

  if (g_strv_equal ((const char * const *)languages, window_languages (self)))
    return;

  g_strfreev (self->languages);
  self->languages = g_steal_pointer (&languages);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGES]);
}

static void
on_languages_changed (ShuatiWindow *self)
{
  ShuatiCard *card = gtk_single_selection_get_selected_item (self->card_selection);

  update_list_title (self);
  adw_window_title_set_title (self->reader_title,
                              card != NULL ? shuati_card_get_title (card, window_languages (self)) : "");
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

/* The parameter is "DECK-ID/CARD-ID", or a card id of the deck shown. */
static void
open_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autofree char *deck_id = NULL;
  g_autofree char *card_id = NULL;

  if (_shuati_window_parse_card_key (target, &deck_id, &card_id))
    {
      ShuatiServices *app = _shuati_window_get_services (self);
      ShuatiLibrary *library = app != NULL ? shuati_services_get_library (app) : NULL;
      ShuatiDeck *deck = library != NULL ? shuati_library_lookup (library, deck_id) : NULL;

      if (deck == NULL || shuati_deck_lookup_card (deck, card_id) == NULL)
        return;
      if (self->deck == NULL || g_strcmp0 (deck_id, shuati_deck_get_id (self->deck)) != 0)
        shuati_window_set_deck (self, deck);
    }
  else
    card_id = g_strdup (target);

  if (shuati_window_select_card (self, card_id))
    _shuati_window_show_pane (self, self->reader_pane);
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

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiWindow *self = SHUATI_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_view));
}

/* Study -------------------------------------------------------------------- */

static gboolean
on_clock_tick (gpointer user_data)
{
  ShuatiWindow *self = user_data;

  if (self->progress != NULL)
    shuati_progress_set_now (self->progress, g_get_real_time () / G_USEC_PER_SEC);

  return G_SOURCE_CONTINUE;
}

/**
 * _shuati_window_add_toast:
 * @toast: a toast whose title is plain text
 *
 * Shows @toast. Toast titles name decks, files and errors, which may hold
 * `&` or `<`; libadwaita 1.2 reads a title as Pango markup, so the window
 * escapes it here, where every toast passes.
 */
void
_shuati_window_add_toast (ShuatiWindow *self,
                          AdwToast     *toast)
{
  g_autofree char *title = g_markup_escape_text (adw_toast_get_title (toast), -1);

  adw_toast_set_title (toast, title);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/**
 * _shuati_window_show_toast:
 * @text: plain text
 *
 * Shows a toast of @text, as _shuati_window_add_toast() does.
 */
void
_shuati_window_show_toast (ShuatiWindow *self,
                           const char   *text)
{
  g_autoptr(AdwToast) toast = adw_toast_new (text);

  _shuati_window_add_toast (self, toast);
}

/* Statistics ---------------------------------------------------------------- */

static gboolean
refresh_statistics (gpointer user_data)
{
  ShuatiWindow *self = user_data;

  self->statistics_idle = 0;
  if (self->statistics_window != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (self->statistics_window)))
    shuati_statistics_window_refresh (self->statistics_window);

  return G_SOURCE_REMOVE;
}

/* Reviews come in bursts; recount once they pause, not after each. A
 * closed window counts again when it is shown. */
void
_shuati_window_queue_statistics_refresh (ShuatiWindow *self)
{
  if (self->statistics_window != NULL && self->statistics_idle == 0 &&
      gtk_widget_get_visible (GTK_WIDGET (self->statistics_window)))
    self->statistics_idle = g_timeout_add (300, refresh_statistics, self);
}

static void
on_statistics_destroyed (ShuatiWindow *self)
{
  self->statistics_window = NULL;
  g_clear_handle_id (&self->statistics_idle, g_source_remove);
}

/* The retention the deck's preset aims for. */
static double
deck_retention (ShuatiWindow *self)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (self->settings,
                                                       self->deck != NULL ? shuati_deck_get_id (self->deck) : NULL);

  return preset->desired_retention;
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

  /* One statistics window lives as long as this one and is only hidden
   * when closed: building, realizing and laying it out anew took longer
   * than a key should. Shown again, it counts afresh for today's deck. */
  if (self->statistics_window == NULL)
    {
      self->statistics_window = shuati_statistics_window_new (GTK_WINDOW (self),
                                                              store,
                                                              self->deck,
                                                              deck_retention (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->statistics_window), TRUE);
      g_signal_connect_object (self->statistics_window, "destroy",
                               G_CALLBACK (on_statistics_destroyed), self, G_CONNECT_SWAPPED);
    }
  else if (!gtk_widget_get_visible (GTK_WIDGET (self->statistics_window)))
    {
      g_clear_handle_id (&self->statistics_idle, g_source_remove);
      shuati_statistics_window_reset (self->statistics_window,
                                      store,
                                      self->deck,
                                      deck_retention (self));
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

    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
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
  g_clear_handle_id (&self->pane_after_click_source, g_source_remove);
  g_clear_handle_id (&self->statistics_idle, g_source_remove);
  g_clear_weak_pointer (&self->resume_toast);
  if (self->statistics_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->statistics_window));
  g_clear_object (&self->progress_signals);
  _shuati_window_progress_dispose (self);
  g_clear_object (&self->progress);
  g_clear_handle_id (&self->import_pulse, g_source_remove);
  g_clear_pointer (&self->pending_sidebar, g_free);
  g_clear_pointer (&self->pending_card, g_free);
  g_clear_pointer (&self->review_choice, g_free);
  g_clear_object (&self->pending_import);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->due_item);
  g_clear_object (&self->starred_item);
  g_clear_object (&self->mistakes_item);
  _shuati_window_interview_dispose (self);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->card_selection);
  g_clear_object (&self->topic_items);
  g_clear_object (&self->sidebar_sections);
  g_clear_object (&self->filtered_cards);
  g_clear_object (&self->filter);
  g_clear_object (&self->deck);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shuati_window_parent_class)->dispose (object);
}

static void
shuati_window_finalize (GObject *object)
{
  ShuatiWindow *self = (ShuatiWindow *)object;

  g_clear_pointer (&self->languages, g_strfreev);

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
  /* The card languages, best first, from the card-language setting and
   * the deck's languages; a second language is a translation shown
   * under each part (see shuati_card_get_translation()). */
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
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
  gtk_widget_class_bind_template_child (widget_class, ShuatiWindow, import_cancel_button);
  gtk_widget_class_bind_template_child_full (widget_class, "study_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activate);

  gtk_widget_class_install_action (widget_class, "win.previous-card", NULL, previous_card_action);
  gtk_widget_class_install_action (widget_class, "win.next-card", NULL, next_card_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.search", "s", search_action);
  gtk_widget_class_install_action (widget_class, "win.open-card", "s", open_card_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.stop-search", NULL, stop_search_action);
  _shuati_window_class_add_review_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-statistics", NULL, show_statistics_action);
  _shuati_window_class_add_library_actions (widget_class);
  _shuati_window_class_add_browser_actions (widget_class);
  _shuati_window_class_add_editor_actions (widget_class);
  _shuati_window_class_add_sidebar (widget_class);
  _shuati_window_class_add_interview_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.show-statistics", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-card", NULL);
}

/* AdwSplitButton 1.2 gives its arrow a tooltip but no accessible name,
 * and GTK 4.8 does not read a tooltip as one. */
static void
name_split_button_arrow (GtkWidget  *split_button,
                         const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (split_button);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
}

static void
shuati_window_init (ShuatiWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(ShuatiSlotSelection) slots = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  name_split_button_arrow (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), SHUATI_TYPE_WINDOW, "study_button")),
                           _("More Ways to Study"));

  self->settings = g_settings_new (APP_ID);
  self->languages = g_new0 (char *, 1);
  g_signal_connect (self, "notify::languages", G_CALLBACK (on_languages_changed), NULL);
  g_object_bind_property (self, "languages", self->card_view, "languages", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "languages", self->review_page, "languages", G_BINDING_SYNC_CREATE);

  self->progress_signals = g_signal_group_new (SHUATI_TYPE_PROGRESS);
  g_signal_group_connect_swapped (self->progress_signals, "changed",
                                  G_CALLBACK (_shuati_window_queue_progress_update), self);

  _shuati_window_sidebar_init (self);
  _shuati_window_interview_init (self);

  /* Card list: the deck through the sidebar choice and the search. */
  self->filter = shuati_card_filter_new ();
  self->filtered_cards = shuati_search_model_new (g_object_ref (self->filter));
  g_signal_connect_object (self->filtered_cards, "items-changed",
                           G_CALLBACK (on_filtered_items_changed), self, G_CONNECT_SWAPPED);
  self->card_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered_cards)));
  gtk_single_selection_set_autoselect (self->card_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->card_selection, TRUE);
  g_signal_connect_object (self->card_selection, "notify::selected",
                           G_CALLBACK (on_card_selected), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (card_setup), self, 0);
  gtk_grid_view_set_factory (self->card_list_view, factory);
  /* The view keeps its rows while a search changes the cards in them. */
  slots = shuati_slot_selection_new (g_object_ref (GTK_SELECTION_MODEL (self->card_selection)));
  gtk_grid_view_set_model (self->card_list_view, GTK_SELECTION_MODEL (slots));
  g_signal_connect_object (self->card_selection, "items-changed",
                           G_CALLBACK (on_card_selection_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  {
    GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry));

    gtk_text_set_max_length (GTK_TEXT (text), SHUATI_QUERY_MAX_LENGTH);
    g_signal_connect_object (text, "insert-text", G_CALLBACK (on_search_insert_text),
                             self, G_CONNECT_SWAPPED);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_search_key_pressed),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-search", FALSE);

  add_row_click (self, GTK_WIDGET (self->sidebar_view));
  add_row_click (self, GTK_WIDGET (self->card_list_view));

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
queue_store_problem (ShuatiWindow *self,
                     const char   *problem)
{
  StoreProblem *data = g_new0 (StoreProblem, 1);

  data->window = g_object_ref (self);
  data->problem = g_strdup (problem);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_store_problem, data,
                   (GDestroyNotify)store_problem_free);
}

/* The progress file vanished (or was replaced) under the running app and
 * the store wrote it again before the grade: the learner hears of it once,
 * in the window in front. */
static void
on_store_file_restored (ShuatiWindow *self,
                        const char   *message,
                        ShuatiStore  *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && gtk_application_get_active_window (app) != GTK_WINDOW (self))
    return;
  queue_store_problem (self, message);
}

static void
show_store_problem (ShuatiWindow *self,
                    const char   *problem)
{
  queue_store_problem (self, problem);

  /* Once: this frees @problem. */
  g_signal_handlers_disconnect_by_func (self, show_store_problem, (gpointer)problem);
}

/**
 * _shuati_window_get_services:
 *
 * Returns: (transfer none) (nullable): the application's decks, store and
 *   scheduler; %NULL once the window has left its application
 */
ShuatiServices *
_shuati_window_get_services (ShuatiWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? SHUATI_SERVICES (app) : NULL;
}

/**
 * shuati_window_new:
 * @application: the application, which provides #ShuatiServices
 *
 * Returns: (transfer full): a new main window
 */
ShuatiWindow *
shuati_window_new (GtkApplication *application)
{
  ShuatiServices *services = SHUATI_SERVICES (application);
  ShuatiWindow *self;
  g_autofree char *sidebar = NULL;
  g_autofree char *last_card = NULL;

  self = g_object_new (SHUATI_TYPE_WINDOW,
                       "application", application,
                       NULL);
  sidebar = g_settings_get_string (self->settings, "sidebar-selection");
  last_card = g_settings_get_string (self->settings, "last-card");
  _shuati_window_library_init (self);
  shuati_window_set_deck (self, shuati_services_get_deck (services));
  restore_state (self, g_steal_pointer (&sidebar), g_steal_pointer (&last_card));

  if (shuati_services_get_store (services) != NULL)
    g_signal_connect_object (shuati_services_get_store (services), "file-restored",
                             G_CALLBACK (on_store_file_restored), self, G_CONNECT_SWAPPED);

  /* What went wrong with the progress file is told once the window shows. */
  {
    char *problem = shuati_services_take_store_problem (services);

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
/* The index of a deck the library did not load is built in a thread:
 * until it is there, the filter matches card by card. */
static void
search_index_built_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ShuatiWindow) self = g_weak_ref_get (user_data);
  ShuatiSearchIndex *index = shuati_deck_build_search_index_finish (SHUATI_DECK (object), result, NULL);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (self == NULL || index == NULL ||
      shuati_search_model_get_model (self->filtered_cards) != G_LIST_MODEL (object))
    return;
  if (shuati_search_model_set_index (self->filtered_cards, index))
    gtk_search_entry_set_search_delay (self->search_entry, 0);
}

void
shuati_window_set_deck (ShuatiWindow *self,
                        ShuatiDeck   *deck)
{
  gboolean large;

  g_return_if_fail (SHUATI_IS_WINDOW (self));

  if (!g_set_object (&self->deck, deck))
    return;

  g_clear_object (&self->progress);
  if (deck != NULL)
    {
      ShuatiServices *app = _shuati_window_get_services (self);
      ShuatiStore *store = app != NULL ? shuati_services_get_store (app) : NULL;
      g_autoptr(GError) error = NULL;

      self->progress = shuati_progress_new (deck, store, g_get_real_time () / G_USEC_PER_SEC, &error);
      if (self->progress == NULL)
        {
          g_autoptr(AdwToast) toast = adw_toast_new (error->message);

          _shuati_window_add_toast (self, toast);
          self->progress = shuati_progress_new (deck, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL);
        }
    }
  g_signal_group_set_target (self->progress_signals, self->progress);
  shuati_card_filter_set_progress (self->filter, self->progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.study",
                                 self->progress != NULL && shuati_progress_get_store (self->progress) != NULL);

  /* A deck loaded from a file comes with its index, built in the
   * loading thread; another one's is built in a thread now. */
  shuati_search_model_set_model (self->filtered_cards, G_LIST_MODEL (deck),
                                 deck != NULL ? shuati_deck_peek_search_index (deck) : NULL);
  if (deck != NULL && shuati_deck_peek_search_index (deck) == NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      shuati_deck_build_search_index_async (deck, NULL, search_index_built_cb, ref);
    }
  /* Another deck's list opens at its top, not where the last one was. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered_cards)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->card_list_view), "list.scroll-to-item", "u", 0);
  large = deck != NULL && shuati_deck_get_n_cards (deck) > INCREMENTAL_FILTER_THRESHOLD &&
          !shuati_search_model_get_uses_index (self->filtered_cards);
  /* The index answers within a frame: each keystroke shows its result at
   * once. Without it, a large deck waits for a pause in the typing. */
  gtk_search_entry_set_search_delay (self->search_entry, large ? SEARCH_DELAY_LARGE_MS : 0);
  update_languages (self);
  _shuati_window_rebuild_sidebar (self);
  _shuati_window_apply_sidebar_choice (self);
  _shuati_window_update_results (self);
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
