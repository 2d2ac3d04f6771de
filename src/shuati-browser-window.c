/* shuati-browser-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card browser: the main list's cards (the same filtered model, so
 * the same choice of deck, topic, tag and query) as a table of their
 * schedules, sortable by any column, with actions on the selected cards
 * and the selected card's history beside it.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "shuati-browser-cell.h"
#include "shuati-card-view.h"
#include "shuati-exporter.h"
#include "shuati-browser-rows.h"
#include "shuati-browser-window.h"

struct _ShuatiBrowserWindow
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *detail_pane;
  AdwWindowTitle      *list_title;
  GtkColumnView       *column_view;
  GtkStack            *detail_stack;
  ShuatiCardView      *card_view;
  GtkDrawingArea      *curve;
  GtkLabel            *curve_label;
  GtkGrid             *history_grid;
  GtkLabel            *mistake_label;
  GMenu               *columns_section;
  GtkMenuButton       *actions_button;
  GtkMenuButton       *columns_button;
  GMenuModel          *actions_menu;
  GMenuModel          *columns_menu;

  ShuatiProgress      *progress;
  GSettings           *settings;
  GStrv                languages;
  ShuatiBrowserRows   *rows;
  int                  sort_column; /* -1 for the deck's order */
  GtkFilterListModel  *shown_rows;  /* the sorted rows, or only the leeches */
  GtkCustomFilter     *leech_filter;
  gboolean             leeches_only;
  GtkSliceListModel   *first_rows;  /* what the view shows: a screenful until the first frame */
  gulong               after_paint_id;
  guint                make_rows_id;
  GtkMultiSelection   *selection;
  GtkColumnViewColumn *columns[SHUATI_BROWSER_N_COLUMNS];
  GSimpleActionGroup  *column_actions;
  GPtrArray           *undo;        /* ShuatiCardSnapshot or DECK_CHANGE, newest last */
  ShuatiBrowserRow    *shown;
  guint                n_history;
};

G_DEFINE_FINAL_TYPE (ShuatiBrowserWindow, shuati_browser_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LEECHES_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An entry of the undo stack: a change of the deck itself, which the
 * main window undoes (win.undo-change-cards), newest first as here. */
static char deck_change;
#define DECK_CHANGE ((gpointer)&deck_change)

static void
undo_entry_free (gpointer entry)
{
  if (entry != DECK_CHANGE)
    shuati_card_snapshot_free (entry);
}

/* Adds @entry on top of the undo stack, which keeps SHUATI_UNDO_DEPTH. */
static void
push_undo (ShuatiBrowserWindow *self,
           gpointer             entry)
{
  g_ptr_array_add (self->undo, entry);
  if (self->undo->len > SHUATI_UNDO_DEPTH)
    g_ptr_array_remove_range (self->undo, 0, self->undo->len - SHUATI_UNDO_DEPTH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", TRUE);
}

/* The actions on the selected cards. */
static const char * const card_actions[] = {
  "browser.star", "browser.unstar", "browser.suspend", "browser.unsuspend", "browser.bury", "browser.forget",
  "browser.export",
};

/* The editing actions of shuati-browser-edit.c: they too act on the
 * selected cards, so they are off while none is. */
static const char * const edit_actions[] = {
  "browser.edit-card", "browser.move-to-topic", "browser.add-tag", "browser.remove-tag", "browser.delete",
};

/* Rows */

/* The column headers say what to sort by; the rows sort themselves by
 * keys read once per card into an array, without making a row per card
 * or calling a sorter per comparison. */
static void show_all_rows (ShuatiBrowserWindow *self);

static void
apply_sort (ShuatiBrowserWindow *self,
            int                  column,
            gboolean             descending)
{
  show_all_rows (self);
  self->sort_column = column;
  shuati_browser_rows_sort (self->rows, column, descending);
}

static ShuatiBrowserRow *
get_row (ShuatiBrowserWindow *self,
         guint                position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->shown_rows), position);
}

/* GTK 4.8's list view makes up to 200 rows at once, and measures them
 * all before the first frame: until that frame the view gets only a
 * screenful of rows, and all of them once it is drawn (or as soon as
 * anything needs them). */
static void
show_all_rows (ShuatiBrowserWindow *self)
{
  if (self->first_rows != NULL)
    gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
}

static guint
rows_per_screen (ShuatiBrowserWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  /* A row is a line of its cells' text and the data table's padding,
   * 2 pixels above and below (style.css keeps it so). */
  return MAX (height, 600) / (shuati_browser_cell_get_line_height (GTK_WIDGET (self->column_view)) + 4) + 2;
}

/* Rows are made in the background, a few at a time, so that the first
 * sort is as quick as the next ones. */
static gboolean
make_rows_idle (gpointer data)
{
  ShuatiBrowserWindow *self = data;

  if (self->rows != NULL && shuati_browser_rows_make_some (self->rows, 2000))
    return G_SOURCE_CONTINUE;
  self->make_rows_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
show_all_rows_idle (gpointer data)
{
  ShuatiBrowserWindow *self = data;

  show_all_rows (self);
  if (self->rows != NULL)
    shuati_browser_rows_rank_ahead (self->rows);
  if (self->rows != NULL && self->make_rows_id == 0)
    self->make_rows_id = g_idle_add_full (G_PRIORITY_LOW, make_rows_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock       *clock,
                ShuatiBrowserWindow *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_all_rows_idle, g_object_ref (self), g_object_unref);
}

static void
on_realize (ShuatiBrowserWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->after_paint_id == 0 && gtk_slice_list_model_get_size (self->first_rows) != G_MAXUINT)
    self->after_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_paint), self, 0);
}

/* The ids of the selected cards, in the list's order. */
static GStrv
selected_ids (ShuatiBrowserWindow *self)
{
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, bits, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ShuatiBrowserRow) row = get_row (self, position);

      g_strv_builder_add (ids, shuati_card_get_id (shuati_browser_row_get_card (row)));
    }
  return g_strv_builder_end (ids);
}

static void
select_ids (ShuatiBrowserWindow *self,
            const char * const  *ids)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown_rows));

  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (wanted, (char *)ids[i]);
  if (g_hash_table_size (wanted) > 0)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ShuatiBrowserRow) row = get_row (self, i);

        if (g_hash_table_contains (wanted, shuati_card_get_id (shuati_browser_row_get_card (row))))
          gtk_bitset_add (selected, i);
      }
  show_all_rows (self);
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}

/* Rows are read from the progress when made; when it changes, they are
 * all made again and the same cards stay selected. */
static void
on_progress_changed (ShuatiBrowserWindow *self,
                     const char          *card_id,
                     ShuatiProgress      *progress)
{
  g_auto(GStrv) ids = selected_ids (self);

  shuati_browser_rows_refresh (self->rows, card_id);
  select_ids (self, (const char * const *)ids);
}

/* Cells */

static gboolean
column_is_numeric (ShuatiBrowserColumn column)
{
  return column != SHUATI_BROWSER_COLUMN_QUESTION && column != SHUATI_BROWSER_COLUMN_TOPIC &&
         column != SHUATI_BROWSER_COLUMN_TAGS && column != SHUATI_BROWSER_COLUMN_STATE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  gtk_list_item_set_child (item, shuati_browser_cell_new (column_is_numeric (GPOINTER_TO_UINT (data))));
}

/* Binding formats nothing: the row keeps its texts once made. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  ShuatiBrowserColumn column = GPOINTER_TO_UINT (data);
  ShuatiBrowserRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  shuati_browser_cell_set_text (SHUATI_BROWSER_CELL (cell), shuati_browser_row_get_text (row, column), G_OBJECT (row));
  /* Suspended cards are greyed, as they are out of study. */
  if (shuati_browser_row_get_suspended (row))
    gtk_widget_add_css_class (cell, "dim-label");
  else
    gtk_widget_remove_css_class (cell, "dim-label");
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  shuati_browser_cell_set_text (SHUATI_BROWSER_CELL (gtk_list_item_get_child (item)), NULL, NULL);
}

/* A width for each column from its title and the widest text it usually
 * shows, so that the view never measures cells to size it; the question
 * takes the room left. */
static int
column_width (ShuatiBrowserWindow *self,
              ShuatiBrowserColumn  column)
{
  static const gint64 intervals[] = { 59 * 60, 23 * 3600, 29 * 86400, 350 * 86400, 1500 * 86400 };
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), NULL);
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  int width = 0, title_width = 0;

  switch (column)
    {
    case SHUATI_BROWSER_COLUMN_QUESTION:
      return 280;
    case SHUATI_BROWSER_COLUMN_TOPIC:
    case SHUATI_BROWSER_COLUMN_TAGS:
      return 160;
    case SHUATI_BROWSER_COLUMN_STATE:
      for (guint s = SHUATI_BROWSER_STATE_NEW; s <= SHUATI_BROWSER_STATE_SUSPENDED; s++)
        g_ptr_array_add (samples, g_strdup (shuati_browser_state_to_string (s)));
      break;
    case SHUATI_BROWSER_COLUMN_NUMBER:
      g_ptr_array_add (samples, g_strdup ("000000"));
      break;
    case SHUATI_BROWSER_COLUMN_DUE:
    case SHUATI_BROWSER_COLUMN_LAST_REVIEW:
      g_ptr_array_add (samples, g_strdup ("0000-00-00"));
      break;
    case SHUATI_BROWSER_COLUMN_MODIFIED:
      g_ptr_array_add (samples, g_strdup_printf (C_("created and modified", "%s / %s"), "0000-00-00", "0000-00-00"));
      break;
    case SHUATI_BROWSER_COLUMN_INTERVAL:
      for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
        g_ptr_array_add (samples, shuati_format_interval (intervals[i]));
      break;
    case SHUATI_BROWSER_COLUMN_STABILITY:
      g_ptr_array_add (samples, g_strdup ("0000.0"));
      break;
    case SHUATI_BROWSER_COLUMN_DIFFICULTY:
      g_ptr_array_add (samples, g_strdup ("00.0"));
      break;
    case SHUATI_BROWSER_COLUMN_RETRIEVABILITY:
      g_ptr_array_add (samples, g_strdup ("100%"));
      break;
    case SHUATI_BROWSER_COLUMN_REVIEWS:
    case SHUATI_BROWSER_COLUMN_LAPSES:
      g_ptr_array_add (samples, g_strdup ("0000"));
      break;
    case SHUATI_BROWSER_N_COLUMNS:
    default:
      g_return_val_if_reached (80);
    }

  for (guint i = 0; i < samples->len; i++)
    {
      int w;

      pango_layout_set_text (layout, g_ptr_array_index (samples, i), -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  pango_layout_set_text (layout, shuati_browser_column_get_title (column), -1);
  pango_layout_get_pixel_size (layout, &title_width, NULL);
  /* The title has the sort arrow beside it; both have the cell's padding. */
  return MAX (width, title_width + 20) + 16;
}

/* GTK 4.8 does not tell which column the view sorts by; the first
 * column sorter the view's sorter asks, when probed, is that column. */
static int probe_column = -1;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  if (probe_column == -2)
    probe_column = GPOINTER_TO_INT (data);
  return shuati_browser_row_compare ((ShuatiBrowserRow *)a, (ShuatiBrowserRow *)b,
                                     GPOINTER_TO_UINT (data));
}

/* Settings */

static ShuatiBrowserColumn
column_from_id (const char *id)
{
  for (guint i = 0; i < SHUATI_BROWSER_N_COLUMNS; i++)
    if (g_strcmp0 (id, shuati_browser_column_get_id (i)) == 0)
      return i;
  return SHUATI_BROWSER_N_COLUMNS;
}

static void
save_hidden_columns (ShuatiBrowserWindow *self)
{
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < SHUATI_BROWSER_N_COLUMNS; i++)
    if (!gtk_column_view_column_get_visible (self->columns[i]))
      g_strv_builder_add (hidden, shuati_browser_column_get_id (i));
  ids = g_strv_builder_end (hidden);
  g_settings_set_strv (self->settings, "browser-hidden-columns", (const char * const *)ids);
}

static void
on_column_toggled (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  ShuatiBrowserWindow *self = user_data;
  ShuatiBrowserColumn column = column_from_id (g_action_get_name (G_ACTION (action)));

  g_simple_action_set_state (action, state);
  gtk_column_view_column_set_visible (self->columns[column], g_variant_get_boolean (state));
  save_hidden_columns (self);
}

static void
on_sorter_changed (ShuatiBrowserWindow *self,
                   GtkSorterChange      change,
                   GtkSorter           *sorter)
{
  g_autoptr(ShuatiBrowserRow) a = NULL;
  g_autoptr(ShuatiBrowserRow) b = NULL;
  const char *id = "";
  gboolean descending = FALSE;
  int probe_column_found;
  int order;

  /* Probing needs two rows, which never compare equal. */
  if (self->rows == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->rows)) < 2)
    return;
  a = g_list_model_get_item (G_LIST_MODEL (self->rows), 0);
  b = g_list_model_get_item (G_LIST_MODEL (self->rows), 1);
  probe_column = -2;
  order = gtk_sorter_compare (sorter, a, b);
  probe_column_found = probe_column;
  if (probe_column >= 0)
    {
      id = shuati_browser_column_get_id (probe_column);
      descending = order != 0 && (order > 0) != (shuati_browser_row_compare (a, b, probe_column) > 0);
    }
  probe_column = -1;

  g_settings_set_string (self->settings, "browser-sort-column", id);
  g_settings_set_boolean (self->settings, "browser-sort-descending", descending);
  apply_sort (self, probe_column_found, descending);
}

static void
build_columns (ShuatiBrowserWindow *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "browser-hidden-columns");

  self->column_actions = g_simple_action_group_new ();
  for (guint i = 0; i < SHUATI_BROWSER_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;
      gboolean visible = !g_strv_contains ((const char * const *)hidden, shuati_browser_column_get_id (i));
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (shuati_browser_column_get_title (i), g_steal_pointer (&factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_visible (column, visible);
      gtk_column_view_column_set_expand (column, i == SHUATI_BROWSER_COLUMN_QUESTION);
      gtk_column_view_column_set_fixed_width (column, column_width (self, i));
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);

      action = g_simple_action_new_stateful (shuati_browser_column_get_id (i), NULL,
                                             g_variant_new_boolean (visible));
      g_signal_connect (action, "change-state", G_CALLBACK (on_column_toggled), self);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
      detailed = g_strconcat ("columns.", shuati_browser_column_get_id (i), NULL);
      g_menu_append (self->columns_section, shuati_browser_column_get_title (i), detailed);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
}

static void
restore_sort (ShuatiBrowserWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "browser-sort-column");
  ShuatiBrowserColumn column = column_from_id (id);

  if (column < SHUATI_BROWSER_N_COLUMNS)
    gtk_column_view_sort_by_column (self->column_view, self->columns[column],
                                    g_settings_get_boolean (self->settings, "browser-sort-descending")
                                    ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* The selected card */

static const char *
rating_name (ShuatiRating rating)
{
  switch (rating)
    {
    case SHUATI_RATING_AGAIN: return C_("rating", "Again");
    case SHUATI_RATING_HARD: return C_("rating", "Hard");
    case SHUATI_RATING_GOOD: return C_("rating", "Good");
    case SHUATI_RATING_EASY:
    default: return C_("rating", "Easy");
    }
}

static void
attach_label (GtkGrid    *grid,
              const char *text,
              int         column,
              int         row,
              gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, heading ? "caption-heading" : "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
show_history (ShuatiBrowserWindow *self,
              ShuatiCard          *card)
{
  ShuatiStore *store = shuati_progress_get_store (self->progress);
  g_autoptr(GArray) history = NULL;
  GtkWidget *child;
  const char *headings[] = {
    C_("history column", "Date"), C_("history column", "Rating"), C_("history column", "Interval"),
    C_("history column", "Elapsed"), C_("history column", "Time"),
  };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_grid))) != NULL)
    gtk_grid_remove (self->history_grid, child);

  self->n_history = 0;
  if (store != NULL)
    history = shuati_store_load_card_history (store, shuati_card_get_deck_id (card), shuati_card_get_id (card), NULL);
  if (history == NULL || history->len == 0)
    {
      attach_label (self->history_grid, _("Not reviewed yet."), 0, 0, FALSE);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    attach_label (self->history_grid, headings[c], c, 0, TRUE);
  /* Newest first: the last reviews are the ones looked for. */
  for (guint i = 0; i < history->len; i++)
    {
      const ShuatiHistoryEntry *entry = &g_array_index (history, ShuatiHistoryEntry, history->len - 1 - i);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (entry->reviewed_at);
      g_autofree char *day = date ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("");
      g_autofree char *interval = shuati_format_interval ((gint64)(entry->scheduled_days * 86400));
      g_autofree char *elapsed = shuati_format_interval ((gint64)(entry->elapsed_days * 86400));
      g_autofree char *duration = g_strdup_printf (_("%.0f s"), entry->duration_ms / 1000.0);

      attach_label (self->history_grid, day, 0, i + 1, FALSE);
      attach_label (self->history_grid, rating_name (entry->rating), 1, i + 1, FALSE);
      attach_label (self->history_grid, interval, 2, i + 1, FALSE);
      attach_label (self->history_grid, elapsed, 3, i + 1, FALSE);
      attach_label (self->history_grid, duration, 4, i + 1, FALSE);
    }
  self->n_history = history->len;
}

/* Above the history: the card's place in the 错题本 and the exit rule. */
static void
show_mistake_state (ShuatiBrowserWindow *self,
                    ShuatiCard          *card)
{
  ShuatiStore *store = shuati_progress_get_store (self->progress);
  ShuatiMistakeState state = { 0 };
  g_autofree char *line = NULL;

  if (store == NULL ||
      !shuati_store_get_mistake_state (store, shuati_card_get_deck_id (card), shuati_card_get_id (card), &state, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->mistake_label), FALSE);
      return;
    }
  line = shuati_mistake_state_describe (&state);
  gtk_label_set_text (self->mistake_label, line);
  gtk_widget_set_visible (GTK_WIDGET (self->mistake_label), TRUE);
}

static void
update_detail (ShuatiBrowserWindow *self)
{
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(ShuatiBrowserRow) row = NULL;
  gboolean any = !gtk_bitset_is_empty (bits);
  ShuatiCard *card;

  for (guint i = 0; i < G_N_ELEMENTS (card_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), card_actions[i], any);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edit_actions[i], any);

  if (any)
    row = get_row (self, gtk_bitset_get_minimum (bits));
  g_set_object (&self->shown, row);
  gtk_widget_queue_draw (GTK_WIDGET (self->curve));

  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  card = shuati_browser_row_get_card (row);
  shuati_card_view_set_card (self->card_view, shuati_progress_get_deck (self->progress), card);
  show_history (self, card);
  show_mistake_state (self, card);
  gtk_stack_set_visible_child_name (self->detail_stack, "card");

  if (shuati_browser_row_get_memory (row)->state == SHUATI_CARD_NEW)
    gtk_label_set_text (self->curve_label, _("A new card has no memory to fade yet."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("%.0f%% likely to be recalled now; stability %.1f days."),
                                               shuati_browser_row_get_retrievability (row) * 100,
                                               shuati_browser_row_get_memory (row)->stability);

      gtk_label_set_text (self->curve_label, text);
    }
}

static void
on_selection_changed (ShuatiBrowserWindow *self)
{
  if (self->shown_rows != NULL)
    update_detail (self);
}

/* R(t) from the last review to twice the interval, with a mark at now. */
static void
draw_curve (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ShuatiBrowserWindow *self = user_data;
  const ShuatiMemory *m;
  GdkRGBA color;
  double span, now_days;

  if (self->shown == NULL)
    return;
  m = shuati_browser_row_get_memory (self->shown);
  if (m->state == SHUATI_CARD_NEW || m->stability <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  now_days = MAX (g_get_real_time () / G_USEC_PER_SEC - m->last_review, 0) / 86400.0;
  span = MAX (MAX ((m->due - m->last_review) / 86400.0 * 2, now_days * 1.2), 1.0);

  /* The axes, faint. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.25);
  cairo_move_to (cr, 0.5, 0);
  cairo_line_to (cr, 0.5, height - 0.5);
  cairo_line_to (cr, width, height - 0.5);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 2);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
  for (int x = 0; x <= width; x += 2)
    {
      double r = shuati_fsrs_retrievability (span * x / MAX (width, 1), m->stability);
      double y = (1 - r) * (height - 4) + 2;

      if (x == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.7);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, floor (width * now_days / span) + 0.5, 0);
  cairo_line_to (cr, floor (width * now_days / span) + 0.5, height);
  cairo_stroke (cr);
}

/* Actions */

static void
add_toast (ShuatiBrowserWindow *self,
           const char          *title,
           gboolean             can_undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (can_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "browser.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef gboolean (*CardsAction) (ShuatiBrowserWindow *self,
                                 const char * const  *ids,
                                 GError             **error);

static void
run_on_selection (ShuatiBrowserWindow *self,
                  CardsAction          action,
                  const char          *done_format)
{
  ShuatiStore *store = shuati_progress_get_store (self->progress);
  const char *deck_id = shuati_deck_get_id (shuati_progress_get_deck (self->progress));
  g_auto(GStrv) ids = selected_ids (self);
  g_autoptr(ShuatiCardSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  guint n = g_strv_length (ids);

  if (n == 0 || store == NULL)
    return;

  snapshot = shuati_store_snapshot (store, deck_id, (const char * const *)ids, &error);
  if (snapshot == NULL || !action (self, (const char * const *)ids, &error))
    {
      add_toast (self, error->message, FALSE);
      return;
    }

  push_undo (self, g_steal_pointer (&snapshot));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  done = g_strdup_printf (done_format, n);
#pragma GCC diagnostic pop
  add_toast (self, done, TRUE);
}

#define DECK_ID(self) shuati_deck_get_id (shuati_progress_get_deck ((self)->progress))
#define STORE(self) shuati_progress_get_store ((self)->progress)

static gboolean
star_cards (ShuatiBrowserWindow *self,
            const char * const  *ids,
            gboolean             starred,
            GError             **error)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (!shuati_store_set_starred (STORE (self), DECK_ID (self), ids[i], starred, error))
      return FALSE;
  return TRUE;
}

static gboolean
do_star (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return star_cards (self, ids, TRUE, error);
}

static gboolean
do_unstar (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return star_cards (self, ids, FALSE, error);
}

static gboolean
do_suspend (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return shuati_store_set_suspended (STORE (self), DECK_ID (self), ids, TRUE, error);
}

static gboolean
do_unsuspend (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return shuati_store_set_suspended (STORE (self), DECK_ID (self), ids, FALSE, error);
}

static gboolean
do_bury (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return shuati_store_bury (STORE (self), DECK_ID (self), ids,
                            shuati_day_end (g_get_real_time () / G_USEC_PER_SEC), error);
}

static gboolean
do_forget (ShuatiBrowserWindow *self, const char * const *ids, GError **error)
{
  return shuati_store_forget_cards (STORE (self), DECK_ID (self), ids, error);
}

static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (widget);
  static const struct
  {
    const char  *name;
    CardsAction  action;
    const char  *done;
  } actions[] = {
    /* Translators: %u is a number of cards */
    { "browser.star", do_star, N_("Starred %u card(s)") },
    { "browser.unstar", do_unstar, N_("Unstarred %u card(s)") },
    { "browser.suspend", do_suspend, N_("Suspended %u card(s)") },
    { "browser.unsuspend", do_unsuspend, N_("Unsuspended %u card(s)") },
    { "browser.bury", do_bury, N_("Buried %u card(s) until tomorrow") },
    { "browser.forget", do_forget, N_("Made %u card(s) new again") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action_name, actions[i].name))
      run_on_selection (self, actions[i].action, _(actions[i].done));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  ShuatiCardSnapshot *snapshot;

  if (self->undo->len == 0)
    return;
  snapshot = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (snapshot == DECK_CHANGE)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      /* The main window puts the deck back and opens this browser
       * again over it, with this stack. */
      g_ptr_array_remove_index (self->undo, self->undo->len - 1);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", self->undo->len > 0);
      if (parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.undo-change-cards", NULL);
      return;
    }
  if (!shuati_store_restore_snapshot (STORE (self), snapshot, &error))
    {
      add_toast (self, error->message, FALSE);
      return;
    }
  g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", self->undo->len > 0);
}

/**
 * shuati_browser_window_export_selection:
 * @file: where to write
 *
 * Writes the selected cards as a deck file (the deck's format, with its
 * topics and the selected cards only), under an id of its own so that
 * importing it makes a new deck.
 *
 * Returns: %TRUE if written; %FALSE with @error set
 */
gboolean
shuati_browser_window_export_selection (ShuatiBrowserWindow  *self,
                                        GFile                *file,
                                        GError              **error)
{
  ShuatiDeck *deck;
  g_auto(GStrv) ids = NULL;
  g_autofree char *deck_id = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  JsonArray *cards;
  JsonArray *kept;
  gsize length;

  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  deck = shuati_progress_get_deck (self->progress);
  ids = selected_ids (self);
  deck_id = g_strconcat (shuati_deck_get_id (deck), "-selection", NULL);
  bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, deck_id);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  cards = json_object_get_array_member (root, "cards");
  kept = json_array_new ();
  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);

      if (g_strv_contains ((const char * const *)ids, json_object_get_string_member (card, "id")))
        json_array_add_element (kept, json_node_copy (json_array_get_element (cards, i)));
    }
  json_object_set_array_member (root, "cards", kept);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
on_export_response (GtkNativeDialog     *chooser,
                    int                  response,
                    ShuatiBrowserWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (shuati_browser_window_export_selection (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *done = g_strdup_printf (_("Saved “%s”"), name);

          add_toast (self, done, FALSE);
        }
      else
        add_toast (self, error->message, FALSE);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("%s-selection.json",
                                           shuati_deck_get_id (shuati_progress_get_deck (self->progress)));

  chooser = gtk_file_chooser_native_new (_("Export the Selected Cards"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_row_activated (ShuatiBrowserWindow *self,
                  guint                position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
update_count (ShuatiBrowserWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown_rows));
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u card", "%u cards", n), n);

  adw_window_title_set_subtitle (self->list_title, text);
}

static gboolean
is_leech_row (gpointer item,
              gpointer user_data)
{
  return shuati_browser_row_get_memory (item)->lapses >= SHUATI_LEECH_LAPSES;
}

/**
 * shuati_browser_window_set_leeches_only:
 *
 * Shows only the cards lapsed at least %SHUATI_LEECH_LAPSES times, or
 * all of them again.
 */
void
shuati_browser_window_set_leeches_only (ShuatiBrowserWindow *self,
                                        gboolean             leeches_only)
{
  g_return_if_fail (SHUATI_IS_BROWSER_WINDOW (self));

  leeches_only = !!leeches_only;
  if (self->leeches_only == leeches_only)
    return;
  self->leeches_only = leeches_only;
  /* No filter function matches all without reading a row. */
  gtk_custom_filter_set_filter_func (self->leech_filter, leeches_only ? is_leech_row : NULL, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEECHES_ONLY]);
}

static void
shuati_browser_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LEECHES_ONLY:
      g_value_set_boolean (value, self->leeches_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_browser_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ShuatiBrowserWindow *self = SHUATI_BROWSER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LEECHES_ONLY:
      shuati_browser_window_set_leeches_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GObject */

static void
shuati_browser_window_dispose (GObject *object)
{
  ShuatiBrowserWindow *self = (ShuatiBrowserWindow *)object;

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_func (self->progress, on_progress_changed, self);
  if (self->column_view != NULL && gtk_column_view_get_sorter (self->column_view) != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), on_sorter_changed, self);
  if (self->shown_rows != NULL)
    g_signal_handlers_disconnect_by_data (self->shown_rows, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_BROWSER_WINDOW);
  g_clear_handle_id (&self->make_rows_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->shown_rows);
  g_clear_object (&self->leech_filter);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);
  g_clear_object (&self->shown);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->progress);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shuati_browser_window_parent_class)->dispose (object);
}

static void
shuati_browser_window_finalize (GObject *object)
{
  ShuatiBrowserWindow *self = (ShuatiBrowserWindow *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (shuati_browser_window_parent_class)->finalize (object);
}

static void
shuati_browser_window_class_init (ShuatiBrowserWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_browser_window_dispose;
  object_class->finalize = shuati_browser_window_finalize;
  object_class->get_property = shuati_browser_window_get_property;
  object_class->set_property = shuati_browser_window_set_property;

  properties[PROP_LEECHES_ONLY] =
    g_param_spec_boolean ("leeches-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUATI_TYPE_CARD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-browser-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, card_view);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, curve);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, curve_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, history_grid);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, mistake_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, columns_section);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, actions_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, columns_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, actions_menu);
  gtk_widget_class_bind_template_child (widget_class, ShuatiBrowserWindow, columns_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  for (guint i = 0; i < G_N_ELEMENTS (card_actions) - 1; i++)
    gtk_widget_class_install_action (widget_class, card_actions[i], NULL, card_action);
  gtk_widget_class_install_action (widget_class, "browser.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "browser.undo", NULL, undo_action);
  gtk_widget_class_install_property_action (widget_class, "browser.leeches-only", "leeches-only");
  gtk_widget_class_install_action (widget_class, "browser.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "browser.star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "browser.unstar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "browser.suspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "browser.unsuspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "browser.bury", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK, "browser.forget", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "browser.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "browser.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  _shuati_browser_window_class_add_edit_actions (widget_class);
}

/* A menu's popover is made when it is first opened, not with the
 * window: making one makes a widget for each of its items. */
static void
create_menu_popover (GtkMenuButton *button,
                     gpointer       menu)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

static void
shuati_browser_window_init (ShuatiBrowserWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->actions_button, create_menu_popover, self->actions_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->columns_button, create_menu_popover, self->columns_menu, NULL);
  self->sort_column = -1;
  self->undo = g_ptr_array_new_with_free_func (undo_entry_free);
  gtk_drawing_area_set_draw_func (self->curve, draw_curve, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", FALSE);
}

/**
 * shuati_browser_window_new:
 * @progress: the deck's progress; actions need it to have a store
 * @cards: (transfer none): the cards to show, of @progress's deck: the
 *   main list's filtered model, so that the browser shows its choice
 * @languages: the learner's card languages
 * @settings: where the column layout is kept
 *
 * Returns: (transfer full): the browser
 */
ShuatiBrowserWindow *
shuati_browser_window_new (GtkWindow          *parent,
                           ShuatiProgress     *progress,
                           GListModel         *cards,
                           const char * const *languages,
                           GSettings          *settings)
{
  ShuatiBrowserWindow *self;
  GtkSorter *sorter;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SHUATI_TYPE_BROWSER_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->progress = g_object_ref (progress);
  self->settings = g_object_ref (settings);
  self->languages = g_strdupv ((char **)languages);

  build_columns (self);

  self->rows = shuati_browser_rows_new (cards, progress, languages);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_column = -1;
  self->leech_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  /* The rows sort themselves (apply_sort): no sort model between. */
  self->shown_rows = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                                GTK_FILTER (g_object_ref (self->leech_filter)));
  self->first_rows = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->shown_rows)), 0,
                                               rows_per_screen (self));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->first_rows)));
  g_signal_connect_object (self, "realize", G_CALLBACK (on_realize), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  if (sorter != NULL)
    g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  restore_sort (self);

  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown_rows, "items-changed", G_CALLBACK (update_count),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (progress, "changed", G_CALLBACK (on_progress_changed),
                           self, G_CONNECT_SWAPPED);
  shuati_card_view_set_languages (self->card_view, languages);
  update_count (self);
  update_detail (self);

  return self;
}

/**
 * shuati_browser_window_get_selection:
 *
 * Returns: (transfer none): the rows (#ShuatiBrowserRow) in their shown
 *   order, and which are selected
 */
GtkSelectionModel *
shuati_browser_window_get_selection (ShuatiBrowserWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), NULL);
  show_all_rows (self);
  return GTK_SELECTION_MODEL (self->selection);
}

void
shuati_browser_window_sort_by (ShuatiBrowserWindow *self,
                               ShuatiBrowserColumn  column,
                               GtkSortType          direction)
{
  g_return_if_fail (SHUATI_IS_BROWSER_WINDOW (self));
  g_return_if_fail (column < SHUATI_BROWSER_N_COLUMNS);

  gtk_column_view_sort_by_column (self->column_view, self->columns[column], direction);
}

/**
 * shuati_browser_window_get_column:
 *
 * Returns: (transfer none): the view's column
 */
GtkColumnViewColumn *
shuati_browser_window_get_column (ShuatiBrowserWindow *self,
                                  ShuatiBrowserColumn  column)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), NULL);
  g_return_val_if_fail (column < SHUATI_BROWSER_N_COLUMNS, NULL);
  return self->columns[column];
}

/**
 * shuati_browser_window_get_shown_card:
 *
 * Returns: (transfer none) (nullable): the card the detail pane shows
 */
ShuatiCard *
shuati_browser_window_get_shown_card (ShuatiBrowserWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), NULL);
  return self->shown ? shuati_browser_row_get_card (self->shown) : NULL;
}

/**
 * shuati_browser_window_get_n_history:
 *
 * Returns: how many reviews the detail pane lists
 */
guint
shuati_browser_window_get_n_history (ShuatiBrowserWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), 0);
  return self->n_history;
}

/**
 * shuati_browser_window_dup_selected_ids:
 *
 * Returns: (transfer full): the ids of the selected cards, in the list's
 *   order
 */
GStrv
shuati_browser_window_dup_selected_ids (ShuatiBrowserWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), NULL);
  return selected_ids (self);
}

/**
 * shuati_browser_window_select_ids:
 * @ids: (array zero-terminated=1): card ids
 *
 * Selects the rows of these cards, and only those.
 */
void
shuati_browser_window_select_ids (ShuatiBrowserWindow *self,
                                  const char * const  *ids)
{
  g_return_if_fail (SHUATI_IS_BROWSER_WINDOW (self));
  g_return_if_fail (ids != NULL);
  select_ids (self, ids);
}

/**
 * shuati_browser_window_steal_undo:
 *
 * Takes the browser's undo stack, to give to the browser that replaces
 * it over the same deck (shuati_browser_window_take_undo()).
 *
 * Returns: (transfer full): the stack; the browser's is empty after
 */
GPtrArray *
shuati_browser_window_steal_undo (ShuatiBrowserWindow *self)
{
  GPtrArray *undo;

  g_return_val_if_fail (SHUATI_IS_BROWSER_WINDOW (self), NULL);

  undo = g_steal_pointer (&self->undo);
  self->undo = g_ptr_array_new_with_free_func (undo_entry_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", FALSE);
  return undo;
}

/**
 * shuati_browser_window_take_undo:
 * @undo: (transfer full): a stack from shuati_browser_window_steal_undo()
 *
 * Puts @undo under the browser's own undo stack.
 */
void
shuati_browser_window_take_undo (ShuatiBrowserWindow *self,
                                 GPtrArray           *undo)
{
  g_autoptr(GPtrArray) newer = NULL;

  g_return_if_fail (SHUATI_IS_BROWSER_WINDOW (self));
  g_return_if_fail (undo != NULL);

  newer = g_steal_pointer (&self->undo);
  self->undo = undo;
  while (newer->len > 0)
    push_undo (self, g_ptr_array_steal_index (newer, 0));
  if (self->undo->len > SHUATI_UNDO_DEPTH)
    g_ptr_array_remove_range (self->undo, 0, self->undo->len - SHUATI_UNDO_DEPTH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.undo", self->undo->len > 0);
}

/**
 * shuati_browser_window_add_deck_change:
 * @done: what was done, for the toast
 * @can_undo: whether the main window can undo it (win.undo-change-cards)
 *
 * Tells the learner of a change of the deck made from this browser, and
 * makes the browser's undo (its toast, Ctrl+Z) undo it in its turn. Both
 * keep the last SHUATI_UNDO_DEPTH changes.
 */
void
shuati_browser_window_add_deck_change (ShuatiBrowserWindow *self,
                                       const char          *done,
                                       gboolean             can_undo)
{
  g_return_if_fail (SHUATI_IS_BROWSER_WINDOW (self));
  g_return_if_fail (done != NULL);

  if (can_undo)
    push_undo (self, DECK_CHANGE);
  add_toast (self, done, can_undo);
}
