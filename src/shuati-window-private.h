/* shuati-window-private.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "shuati-card-filter.h"
#include "shuati-card-view.h"
#include "shuati-progress.h"
#include "shuati-review-page.h"
#include "shuati-search-model.h"
#include "shuati-services.h"
#include "shuati-sidebar-item.h"
#include "shuati-statistics-window.h"
#include "shuati-window.h"

G_BEGIN_DECLS

struct _ShuatiWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *list_pane;
  GtkWidget            *reader_pane;
  GtkListView          *sidebar_view;
  GtkGridView          *card_list_view;
  AdwWindowTitle       *list_title;
  AdwWindowTitle       *reader_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  AdwStatusPage        *no_results_page;
  GtkLabel             *results_label;
  ShuatiCardView       *card_view;
  AdwToastOverlay      *toast_overlay;
  ShuatiReviewPage     *review_page;
  /* Offers to go back to a session left for the reader; weak. */
  AdwToast             *resume_toast;
  AdwWindowTitle       *review_title;

  GSettings            *settings;
  ShuatiDeck           *deck;
  ShuatiProgress       *progress;
  ShuatiSidebarItem    *due_item;
  ShuatiSidebarItem    *starred_item;
  ShuatiSidebarItem    *mistakes_item;
  GtkWidget            *mock_page;
  GtkWidget            *planner_page;
  guint                 headline_idle;
  guint                 clock_source;
  ShuatiStatisticsWindow *statistics_window;
  guint                 statistics_idle;
  GListStore           *sidebar_sections;
  gboolean              rebuilding_sidebar;
  GtkWidget            *library_progress;
  GtkWidget            *import_cancel_button;
  GCancellable         *import_cancellable;  /* the file being read to import */
  guint                 import_pulse;
  guint                 n_busy;       /* files being read, decks being added or saved */
  guint                 n_adding;     /* decks being added */
  GFile                *pending_import;
  char                 *pending_sidebar;
  char                 *pending_card;
  GtkMapListModel      *topic_items;
  GtkSingleSelection   *sidebar_selection;
  ShuatiCardFilter     *filter;
  ShuatiSearchModel    *filtered_cards;
  GtkSingleSelection   *card_selection;
  GSignalGroup         *progress_signals;
  GtkWidget            *pane_after_click;
  guint                 pane_after_click_source;
  char                 *review_choice;
  GStrv                 languages;
  /* What the progress changed, shown after the next frame (see
   * shuati-window-progress.c) */
  guint                 progress_update;
  GdkFrameClock        *progress_clock;
  gulong                progress_paint_handler;
  GHashTable           *changed_topics;
  gboolean              all_topics_changed;
};

void _shuati_window_add_toast         (ShuatiWindow   *self,
                                      AdwToast       *toast);
void _shuati_window_show_toast        (ShuatiWindow   *self,
                                      const char     *text);
void _shuati_window_update_results    (ShuatiWindow   *self);
void _shuati_window_show_pane         (ShuatiWindow   *self,
                                       GtkWidget      *pane);

/* shuati-window-sidebar.c */
void _shuati_window_sidebar_init      (ShuatiWindow   *self);
void _shuati_window_class_add_sidebar (GtkWidgetClass *widget_class);
void _shuati_window_rebuild_sidebar   (ShuatiWindow   *self);
void _shuati_window_apply_sidebar_choice (ShuatiWindow *self);
void _shuati_window_update_progress_counts (ShuatiWindow *self,
                                            GHashTable   *topic_ids);
gboolean _shuati_window_show_search_error (ShuatiWindow *self);
ShuatiSidebarItem *_shuati_window_get_sidebar_item (ShuatiWindow *self);
gboolean _shuati_window_parse_card_key (const char    *key,
                                        char         **deck_id,
                                        char         **card_id);
gboolean _shuati_window_restore_choice (ShuatiWindow  *self,
                                        const char    *sidebar,
                                        const char    *last_card);

/* shuati-window-library.c */
void _shuati_window_library_init      (ShuatiWindow   *self);
void _shuati_window_update_deck_actions (ShuatiWindow *self);
void _shuati_window_export            (ShuatiWindow   *self,
                                       const char     *kind,
                                       GFile          *file);
void _shuati_window_class_add_library_actions (GtkWidgetClass *widget_class);
void _shuati_window_class_add_review_actions  (GtkWidgetClass *widget_class);

ShuatiServices *_shuati_window_get_services (ShuatiWindow *self);
void _shuati_window_queue_statistics_refresh (ShuatiWindow *self);

/* shuati-window-progress.c */
void     _shuati_window_queue_progress_update (ShuatiWindow *self,
                                               const char   *card_id);
gboolean _shuati_window_get_progress_pending  (ShuatiWindow *self);
void     _shuati_window_progress_dispose      (ShuatiWindow *self);

/* shuati-window-interview.c */
void _shuati_window_class_add_interview_actions (GtkWidgetClass *widget_class);
void _shuati_window_interview_init    (ShuatiWindow   *self);
void _shuati_window_interview_update  (ShuatiWindow   *self);
void _shuati_window_interview_dispose (ShuatiWindow   *self);
void _shuati_window_queue_headline    (ShuatiWindow   *self);
GListModel *_shuati_window_plan_session (ShuatiWindow *self,
                                         gint64        now,
                                         GListModel   *cards,
                                         guint        *limit);
const char *_shuati_window_mistakes_empty_text (void);
/* shuati-window-browser.c */
void       _shuati_window_class_add_browser_actions (GtkWidgetClass *widget_class);
GtkWindow *_shuati_window_get_browser (ShuatiWindow *self);
/* shuati-window-editor.c */
void       _shuati_window_class_add_editor_actions (GtkWidgetClass *widget_class);
guint      _shuati_window_get_n_deck_undo (ShuatiWindow *self);
void       _shuati_window_show_saved_deck (ShuatiWindow *self,
                                           ShuatiDeck   *deck,
                                           const char   *card_id);
ShuatiLibrary *_shuati_window_get_library (ShuatiWindow *self);

G_END_DECLS
