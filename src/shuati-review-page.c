/* shuati-review-page.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-markdown.h"
#include "shuati-rich-text.h"
#include "shuati-text.h"
#include "shuati-review-page.h"

/* More points than this get no Alt+N key; they are still ticked with the
 * mouse or Tab and Space. */
#define MAX_POINT_KEYS 9

struct _ShuatiReviewPage
{
  GtkWidget       parent_instance;

  ShuatiSession  *session;
  char          **languages;

  /* The card on display; NULL on the summary and the empty page. */
  ShuatiCard     *card;
  gboolean        revealed;
  gboolean        starred;
  /* Whether the learner ticked or unticked a point of this card. */
  gboolean        points_touched;
  /* Monotonic time at which the current card was shown, to measure how
   * long the answer took. */
  gint64          shown_at;
  /* The key-point rows made so far, children of points_box; the first
   * n_points show this card's points and the rest are hidden. A new card
   * relabels them rather than making new ones, as a new row costs far
   * more to measure than a new text. */
  GPtrArray      *point_buttons;
  guint           n_points;
  /* What the session's cards are (a search or a sidebar choice), to say
   * so when nothing matches. */
  char           *scope;
  guint           new_cards_step;
  /* The next change of page is a new start, not a step: no transition. */
  gboolean        instant;
  /* The back of the card on display is not filled in yet. A new card
   * shows its front first; the back is filled in after the frame that
   * shows the front, or at once when the card turns before that. */
  gboolean        back_pending;
  GdkFrameClock  *back_clock;
  gulong          back_paint_handler;
  guint           back_idle;

  GtkStack       *page_stack;
  GtkLabel       *progress_label;
  GtkLabel       *practice_label;
  GtkProgressBar *progress_bar;
  GtkToggleButton *star_button;
  GtkStack       *card_stack;
  GtkScrolledWindow *front_scroll;
  GtkWidget      *front_card;
  GtkLabel       *front_title;
  GtkLabel       *front_title_tr;
  ShuatiRichText *front_question;
  ShuatiRichText *front_question_tr;
  GtkScrolledWindow *back_scroll;
  GtkWidget      *back_card;
  GtkLabel       *back_title;
  GtkLabel       *back_title_tr;
  ShuatiRichText *back_question;
  ShuatiRichText *answer_label;
  ShuatiRichText *answer_tr;
  GtkWidget      *checklist_box;
  GtkWidget      *points_box;
  GtkWidget      *explanation_box;
  ShuatiRichText *explanation_label;
  ShuatiRichText *explanation_tr;
  GtkStack       *button_stack;
  GtkWidget      *show_button;
  GtkWidget      *grade_buttons[4];
  GtkLabel       *grade_intervals[4];
  AdwStatusPage  *summary_page;
  GtkWidget      *stats_box;
  GtkWidget      *resume_button;
  GtkWidget      *more_new_button;
  GtkWidget      *ahead_button;
  GtkWidget      *forgotten_button;
  GtkWidget      *practice_again_button;
  GtkLabel       *summary_reviewed;
  GtkLabel       *summary_reviewed_caption;
  GtkLabel       *summary_remembered;
  GtkLabel       *summary_time;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (ShuatiReviewPage, shuati_review_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LANGUAGES,
  PROP_REVEALED,
  PROP_STARRED,
  PROP_SUGGESTED_RATING,
  PROP_SCOPE,
  PROP_NEW_CARDS_STEP,
  N_PROPS
};

enum {
  FINISHED,
  STUDY_MORE,
  OPEN_CARD,
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const grade_names[4] = {
  NC_("grade", "Again"),
  NC_("grade", "Hard"),
  NC_("grade", "Good"),
  NC_("grade", "Easy"),
};

static gint64
real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
toast (ShuatiReviewPage *self,
       const char       *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
toast_error (ShuatiReviewPage *self,
             const char       *what,
             const GError     *error)
{
  g_autofree char *title = NULL;

  /* Translators: the first %s says what failed, the second why, as in
   * "Could not save the review: the disk is full" */
  title = g_strdup_printf (_("%s: %s"), what, error->message);
  toast (self, title);
}

static const char * const *
get_languages (ShuatiReviewPage *self)
{
  if (self->languages != NULL && self->languages[0] != NULL)
    return (const char * const *)self->languages;
  return g_get_language_names ();
}

static void
set_markdown (GtkLabel   *label,
              const char *text)
{
  g_autofree char *clipped = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *broken = NULL;

  if (text == NULL || text[0] == '\0')
    {
      gtk_label_set_text (label, "");
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }

  /* Cut and broken as the reader's card view does: see there. */
  clipped = shuati_text_clip_for_display (text, SHUATI_TEXT_DISPLAY_MAX_CHARS, NULL);
  markup = shuati_markdown_to_pango (clipped);
  broken = shuati_markup_break_long_words (markup, 32);
  gtk_label_set_markup (label, broken);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
set_field (ShuatiReviewPage *self,
           ShuatiField       field,
           GtkLabel         *label,
           GtkLabel         *translation_label)
{
  const char *text = shuati_card_get_text (self->card, field, get_languages (self));

  set_markdown (label, text);
  if (translation_label != NULL)
    set_markdown (translation_label,
                  shuati_card_get_translation (self->card, field, (const char * const *)self->languages));
}

static void
set_rich (ShuatiRichText *rich,
          const char     *media_dir,
          const char     *text)
{
  shuati_rich_text_set_media_dir (rich, media_dir);
  shuati_rich_text_set_text (rich, text);
  gtk_widget_set_visible (GTK_WIDGET (rich), text != NULL && text[0] != '\0');
}

static void
set_rich_field (ShuatiReviewPage *self,
                ShuatiField       field,
                const char       *media_dir,
                ShuatiRichText   *rich,
                ShuatiRichText   *translation)
{
  set_rich (rich, media_dir, shuati_card_get_text (self->card, field, get_languages (self)));
  if (translation != NULL)
    set_rich (translation, media_dir,
              shuati_card_get_translation (self->card, field, (const char * const *)self->languages));
}

static ShuatiRating
compute_suggestion (ShuatiReviewPage *self)
{
  guint n_ticked = 0;

  /* Points not filled in yet are points not touched yet. */
  if (self->back_pending)
    return shuati_suggest_rating (0, 0, FALSE);

  for (guint i = 0; i < self->n_points; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->point_buttons, i)))
      n_ticked++;

  return shuati_suggest_rating (self->n_points, n_ticked, self->points_touched);
}

static void
update_suggestion (ShuatiReviewPage *self)
{
  ShuatiRating suggested = compute_suggestion (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->grade_buttons); i++)
    {
      if (i + 1 == suggested)
        gtk_widget_add_css_class (self->grade_buttons[i], "suggested-action");
      else
        gtk_widget_remove_css_class (self->grade_buttons[i], "suggested-action");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED_RATING]);
}

static void
on_point_toggled (ShuatiReviewPage *self)
{
  self->points_touched = TRUE;
  update_suggestion (self);
}

static void
clear_points (ShuatiReviewPage *self)
{
  for (guint i = 0; i < self->n_points; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->point_buttons, i);

      /* Unticked for the next card; that is no touch of the learner's. */
      g_signal_handlers_block_by_func (check, on_point_toggled, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      g_signal_handlers_unblock_by_func (check, on_point_toggled, self);
      gtk_widget_set_visible (check, FALSE);
    }
  self->n_points = 0;
  self->points_touched = FALSE;
}

/* Points often open with a short name and a colon ("Long training
 * times: Because ..."); the name alone keeps the checklist short, and the
 * whole point follows in the answer. */
static char *
point_lead (const char *point)
{
  const char *colon = strstr (point, ":");
  const char *wide = strstr (point, "\xef\xbc\x9a");   /* U+FF1A FULLWIDTH COLON */
  glong length;

  if (colon == NULL || (wide != NULL && wide < colon))
    colon = wide;
  if (colon == NULL || colon == point)
    return NULL;

  length = g_utf8_strlen (point, colon - point);
  if (length > 60)
    return NULL;

  return g_strstrip (g_strndup (point, colon - point));
}

static GtkWidget *
new_point_row (ShuatiReviewPage *self,
               guint             index)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The row takes the width it is given; asking each wrapping label for
   * its natural width would lay it out again at every width tried. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_width_chars (GTK_LABEL (label), SHUATI_RICH_TEXT_MIN_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_widget_add_css_class (check, "review-point");
  /* A check button lays out its box and label in a row, and a row asks a
   * wrapping label for its width at the row's height: a search that lays
   * the text out again at every step. A grid asks for widths first and
   * then for the height at the width it gives. */
  {
    GtkLayoutManager *grid = gtk_grid_layout_new ();

    gtk_widget_set_layout_manager (check, grid);
    gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (grid, label)), 1);
  }

  if (index < MAX_POINT_KEYS)
    {
      g_autofree char *tooltip = NULL;

      /* Translators: the key that ticks a key point, as in "Alt+3" */
      tooltip = g_strdup_printf (_("Alt+%u"), index + 1);
      gtk_widget_set_tooltip_text (check, tooltip);
    }

  g_signal_connect_object (check, "toggled", G_CALLBACK (on_point_toggled), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->points_box), check);
  g_ptr_array_add (self->point_buttons, check);

  return check;
}

static void
build_points (ShuatiReviewPage *self)
{
  const char *answer = shuati_card_get_text (self->card, SHUATI_FIELD_ANSWER, get_languages (self));
  g_autoptr(GPtrArray) points = shuati_markdown_extract_points (answer);
  g_autoptr(GPtrArray) markups = shuati_markdown_extract_point_markup (answer);

  clear_points (self);

  for (guint i = 0; i < points->len; i++)
    {
      const char *point = g_ptr_array_index (points, i);
      g_autofree char *lead = point_lead (point);
      GtkWidget *check;

      if (i < self->point_buttons->len)
        check = g_ptr_array_index (self->point_buttons, i);
      else
        check = new_point_row (self, i);

      /* A short lead is plain; a whole point keeps its code and emphasis. */
      if (lead != NULL)
        gtk_label_set_text (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (check))), lead);
      else
        gtk_label_set_markup (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (check))),
                              g_ptr_array_index (markups, i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, point,
                                      -1);
      gtk_widget_set_visible (check, TRUE);
    }
  self->n_points = points->len;

  gtk_widget_set_visible (self->checklist_box, points->len > 0);
}

static void
fill_front (ShuatiReviewPage *self)
{
  g_autofree char *media_dir = shuati_rich_text_media_dir_for_deck (shuati_card_get_deck_id (self->card));

  set_field (self, SHUATI_FIELD_TITLE, self->front_title, self->front_title_tr);
  set_rich_field (self, SHUATI_FIELD_QUESTION, media_dir, self->front_question, self->front_question_tr);
}

static void
stop_watching_frames (ShuatiReviewPage *self)
{
  /* A frame clock disposed with its window has dropped its handlers. */
  if (self->back_clock != NULL &&
      g_signal_handler_is_connected (self->back_clock, self->back_paint_handler))
    g_signal_handler_disconnect (self->back_clock, self->back_paint_handler);
  self->back_paint_handler = 0;
  g_clear_object (&self->back_clock);
}

static void
cancel_back (ShuatiReviewPage *self)
{
  stop_watching_frames (self);
  g_clear_handle_id (&self->back_idle, g_source_remove);
}

static void
fill_back (ShuatiReviewPage *self)
{
  g_autofree char *media_dir = shuati_rich_text_media_dir_for_deck (shuati_card_get_deck_id (self->card));

  cancel_back (self);
  self->back_pending = FALSE;

  set_field (self, SHUATI_FIELD_TITLE, self->back_title, self->back_title_tr);
  set_rich_field (self, SHUATI_FIELD_QUESTION, media_dir, self->back_question, NULL);
  set_rich_field (self, SHUATI_FIELD_ANSWER, media_dir, self->answer_label, self->answer_tr);
  set_rich_field (self, SHUATI_FIELD_EXPLANATION, media_dir, self->explanation_label, self->explanation_tr);
  gtk_widget_set_visible (self->explanation_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->explanation_label)));
  build_points (self);
}

static void
ensure_back (ShuatiReviewPage *self)
{
  if (self->back_pending && self->card != NULL)
    fill_back (self);
}

static gboolean
fill_back_idle (gpointer data)
{
  ShuatiReviewPage *self = data;

  self->back_idle = 0;
  ensure_back (self);
  return G_SOURCE_REMOVE;
}

static void
on_front_painted (ShuatiReviewPage *self)
{
  stop_watching_frames (self);
  if (self->back_idle == 0)
    self->back_idle = g_idle_add (fill_back_idle, self);
}

/* Filling in the back costs as much as the front, most of it in laying
 * out its text; the card stack measures both sides. Left for after the
 * frame that shows the front, it is done by the time the learner turns
 * the card. */
static void
defer_back (ShuatiReviewPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  cancel_back (self);
  self->back_pending = TRUE;

  if (clock == NULL)
    {
      fill_back (self);
      return;
    }

  self->back_clock = g_object_ref (clock);
  self->back_paint_handler = g_signal_connect_swapped (clock, "after-paint",
                                                       G_CALLBACK (on_front_painted), self);
}

static void
update_intervals (ShuatiReviewPage *self)
{
  gboolean practice = self->session != NULL && shuati_session_get_is_practice (self->session);
  gint64 intervals[4] = { 0, };

  if (self->session != NULL && self->card != NULL && !practice)
    shuati_session_preview (self->session, real_now (), intervals);

  for (guint i = 0; i < G_N_ELEMENTS (self->grade_buttons); i++)
    {
      const char *name = g_dpgettext2 (GETTEXT_PACKAGE, "grade", grade_names[i]);
      g_autofree char *interval = NULL;
      g_autofree char *accessible = NULL;

      if (!practice)
        interval = shuati_format_interval (intervals[i]);

      gtk_label_set_text (self->grade_intervals[i], interval != NULL ? interval : "");
      gtk_widget_set_visible (GTK_WIDGET (self->grade_intervals[i]), interval != NULL);

      if (interval != NULL)
        /* Translators: a grade button as a screen reader says it, as in
         * "Good, next review in 2 d" */
        accessible = g_strdup_printf (_("%s, next review in %s"), name, interval);
      else
        accessible = g_strdup (name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }
}

static void
update_progress (ShuatiReviewPage *self)
{
  g_autofree char *text = NULL;
  guint n_new, n_learning, n_due, n_done, left;
  gboolean practice;

  if (self->session == NULL)
    {
      gtk_label_set_text (self->progress_label, "");
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_widget_set_visible (GTK_WIDGET (self->practice_label), FALSE);
      return;
    }

  n_new = shuati_session_get_n_new (self->session);
  n_learning = shuati_session_get_n_learning (self->session);
  n_due = shuati_session_get_n_due (self->session);
  n_done = shuati_session_get_n_done (self->session);
  practice = shuati_session_get_is_practice (self->session);
  left = n_new + n_learning + n_due;

  if (practice)
    /* Translators: practice progress, as in "12 done · 30 left" */
    text = g_strdup_printf (_("%u done · %u left"), n_done, left);
  else
    /* Translators: study progress, as in "12 done · 3 new · 2 learning · 8 due";
     * the last three count the cards still to come */
    text = g_strdup_printf (_("%u done · %u new · %u learning · %u due"),
                            n_done, n_new, n_learning, n_due);

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_done + left > 0 ? (double)n_done / (n_done + left) : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->practice_label), practice);
}

static void
update_star_button (ShuatiReviewPage *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            self->starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               self->starred ? _("Unstar (S)") : _("Star (S)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->starred ? _("Unstar card") : _("Star card"),
                                  -1);
}

/* Reads the star of the card on display without writing anything. */
static void
load_starred (ShuatiReviewPage *self)
{
  gboolean starred = FALSE;

  if (self->card != NULL && self->session != NULL)
    starred = shuati_session_get_starred (self->session, self->card);

  if (starred != self->starred)
    {
      self->starred = starred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
    }

  update_star_button (self);
}

static void
update_actions (ShuatiReviewPage *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->page_stack);
  gboolean on_card = self->card != NULL && g_strcmp0 (page, "review") == 0;
  gboolean after = g_strcmp0 (page, "summary") == 0 || g_strcmp0 (page, "empty") == 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "review.flip", on_card && !self->revealed);
  gtk_widget_action_set_enabled (widget, "review.accept", on_card);
  gtk_widget_action_set_enabled (widget, "review.grade", on_card && self->revealed);
  gtk_widget_action_set_enabled (widget, "review.toggle-point",
                                 on_card && self->revealed && self->n_points > 0);
  gtk_widget_action_set_enabled (widget, "review.undo",
                                 self->session != NULL && shuati_session_can_undo (self->session));
  gtk_widget_action_set_enabled (widget, "review.toggle-star",
                                 on_card && self->session != NULL &&
                                 shuati_session_get_can_star (self->session));
  gtk_widget_action_set_enabled (widget, "review.open-in-reader", on_card);
  gtk_widget_action_set_enabled (widget, "review.study-more",
                                 after && self->session != NULL && shuati_session_get_finished (self->session));
  gtk_widget_action_set_enabled (widget, "review.resume",
                                 g_strcmp0 (page, "summary") == 0 && self->card != NULL);
}

static GtkStackTransitionType
transition (ShuatiReviewPage       *self,
            GtkStackTransitionType  wanted)
{
  gboolean animate = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &animate,
                NULL);
  return animate ? wanted : GTK_STACK_TRANSITION_TYPE_NONE;
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a short time spent, in seconds, as in "45 s" */
    return g_strdup_printf (_("%u s"), (guint)MAX (seconds, 0));
  if (seconds < 3600)
    /* Translators: a time spent, in minutes, as in "12 min" */
    return g_strdup_printf (_("%u min"), (guint)(seconds / 60));
  /* Translators: a long time spent, as in "1 h 5 min" */
  return g_strdup_printf (_("%u h %u min"), (guint)MIN (seconds / 3600, G_MAXUINT),
                          (guint)((seconds % 3600) / 60));
}

/* GtkStack hands the focus to the first focusable widget of the child it
 * shows, which here is a selectable label, and focusing a label selects
 * all its text. The page puts the focus where it belongs afterwards. */
static void
show_child (ShuatiReviewPage *self,
            GtkStack         *stack,
            const char       *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), name) == 0)
    return;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (stack)))
    gtk_root_set_focus (root, NULL);

  gtk_stack_set_visible_child_name (stack, name);
}

/* Keys act on the page, so the focus goes to the page itself: not into
 * a card, which the scrolled window would follow down to its end, not to
 * a label, which would select its text, and not to a button of the
 * summary, which a Space still held from grading would press. Tab goes on
 * from there into the page. */
static void
focus_current (ShuatiReviewPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
set_page_name (ShuatiReviewPage *self,
               const char       *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
scroll_to_top (ShuatiReviewPage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->front_scroll), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->back_scroll), 0);
}

/* What a screen reader calls the two sides of the card on display, and
 * the page, which has the focus, after the side it shows. */
static void
update_names (ShuatiReviewPage *self)
{
  const char *title = shuati_card_get_text (self->card, SHUATI_FIELD_TITLE, get_languages (self));
  g_autofree char *front = shuati_review_format_front_name (title);
  g_autofree char *back = NULL;

  /* Translators: the back of a flashcard as a screen reader names it */
  back = g_strdup_printf (_("Answer: %s"), title != NULL ? title : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->front_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, front,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, back,
                                  -1);
  set_page_name (self, self->revealed ? back : front);
}

static char *
no_match_text (ShuatiReviewPage *self)
{
  g_autofree char *escaped = NULL;

  if (self->scope == NULL || self->scope[0] == '\0')
    return g_strdup (_("No card matches this choice."));

  escaped = g_markup_escape_text (self->scope, -1);
  /* Translators: %s is what the user searched for or chose, as in
   * "No card matches “transformer”." */
  return g_strdup_printf (_("No card matches “%s”."), escaped);
}

static void
show_choices (ShuatiReviewPage *self,
              gboolean          finished)
{
  gboolean practice = shuati_session_get_is_practice (self->session);
  gboolean study = finished && !practice;
  gint64 now = real_now ();
  guint n_new = study ? shuati_session_count_new_left (self->session) : 0;
  guint n_ahead = study ? shuati_session_count_ahead (self->session, now) : 0;
  guint n_forgotten = study ? shuati_session_count_forgotten (self->session, now) : 0;

  gtk_widget_set_visible (self->resume_button, !finished);

  n_new = MIN (n_new, self->new_cards_step);
  if (n_new > 0)
    {
      g_autofree char *label = NULL;

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Study %u More New Card Today",
                                            "Study %u More New Cards Today", n_new),
                               n_new);
      gtk_button_set_label (GTK_BUTTON (self->more_new_button), label);
    }
  gtk_widget_set_visible (self->more_new_button, n_new > 0);

  gtk_widget_set_visible (self->ahead_button, n_ahead > 0);
  if (n_ahead > 0)
    {
      g_autofree char *tooltip = NULL;

      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u card is due in the next %u days",
                                              "%u cards are due in the next %u days", n_ahead),
                                 n_ahead, SHUATI_SESSION_AHEAD_DAYS);
      gtk_widget_set_tooltip_text (self->ahead_button, tooltip);
    }
  gtk_widget_set_visible (self->forgotten_button, n_forgotten > 0);
  gtk_widget_set_visible (self->practice_again_button,
                          finished && practice && shuati_session_get_n_cards (self->session) > 0);
}

/* The summary, for a session that is over or that the user left with
 * cards still to go; with nothing done, it says why there was nothing to
 * study. Either way it offers what can be done next. */
static void
show_summary (ShuatiReviewPage *self)
{
  gboolean finished = shuati_session_get_finished (self->session);
  gboolean practice = shuati_session_get_is_practice (self->session);
  guint n_done = shuati_session_get_n_done (self->session);
  guint n_remembered = shuati_session_get_n_remembered (self->session);
  gint64 spent = real_now () - shuati_session_get_started_at (self->session);
  const char *title;
  g_autofree char *next = NULL;

  if (n_done == 0)
    {
      title = _("Nothing to Study Right Now");
      adw_status_page_set_icon_name (self->summary_page, "weather-clear-symbolic");
      if (shuati_session_get_n_cards (self->session) == 0)
        next = no_match_text (self);
      else
        {
          g_autofree char *text = shuati_review_format_next_due (shuati_session_get_next_due (self->session),
                                                                 real_now ());
          next = g_markup_escape_text (text, -1);
        }
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%u", n_done);
      g_autofree char *share = NULL;
      g_autofree char *time = NULL;
      g_autofree char *text = NULL;

      title = finished ? _("Session Complete") : _("Session Paused");
      adw_status_page_set_icon_name (self->summary_page,
                                     finished ? "emblem-ok-symbolic" : "media-playback-pause-symbolic");

      gtk_label_set_text (self->summary_reviewed, number);
      gtk_label_set_text (self->summary_reviewed_caption,
                          g_dngettext (GETTEXT_PACKAGE, "Card reviewed", "Cards reviewed", n_done));

      /* Translators: a share of cards, as in "80%" */
      share = g_strdup_printf (_("%u%%"), (guint)((n_remembered * 100 + n_done / 2) / n_done));
      gtk_label_set_text (self->summary_remembered, share);

      time = format_duration (spent);
      gtk_label_set_text (self->summary_time, time);

      if (practice)
        text = g_strdup (_("Practice — your schedule was not changed."));
      else
        text = shuati_review_format_next_due (shuati_session_get_next_due (self->session), real_now ());
      next = g_markup_escape_text (text, -1);
    }

  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, next);
  gtk_widget_set_visible (self->stats_box, n_done > 0);
  show_choices (self, finished);
  set_page_name (self, title);
  show_child (self, self->page_stack, "summary");
}

static void
show_current (ShuatiReviewPage *self)
{
  ShuatiCard *card = self->session != NULL ? shuati_session_get_current (self->session) : NULL;
  gboolean was_revealed = self->revealed;

  g_set_object (&self->card, card);
  self->revealed = FALSE;

  /* A new session starts on its first card at once: fading in from the
   * page the last one left behind would show a state that is not true. */
  gtk_stack_set_transition_type (self->page_stack,
                                 self->instant ? GTK_STACK_TRANSITION_TYPE_NONE
                                               : transition (self, GTK_STACK_TRANSITION_TYPE_CROSSFADE));
  /* The next card replaces the last at once, as in Anki: a fade would
   * draw both cards into offscreen surfaces on every frame of it. */
  gtk_stack_set_transition_type (self->card_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  /* Its buttons come with it, not faded over the last card's grades. */
  gtk_stack_set_transition_type (self->button_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  self->instant = FALSE;

  if (card == NULL)
    {
      cancel_back (self);
      self->back_pending = FALSE;
      clear_points (self);
      if (self->session != NULL)
        show_summary (self);
      else
        {
          set_page_name (self, adw_status_page_get_title (self->empty_page));
          show_child (self, self->page_stack, "empty");
        }
    }
  else
    {
      self->points_touched = FALSE;
      fill_front (self);
      defer_back (self);
      update_suggestion (self);
      update_names (self);

      scroll_to_top (self);
      show_child (self, self->card_stack, "front");
      show_child (self, self->button_stack, "show");
      show_child (self, self->page_stack, "review");
      self->shown_at = g_get_monotonic_time ();
    }

  load_starred (self);
  update_progress (self);
  update_actions (self);

  if (was_revealed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);

  focus_current (self);
}

static void
flip (ShuatiReviewPage *self)
{
  if (self->card == NULL || self->revealed)
    return;

  ensure_back (self);
  self->revealed = TRUE;
  update_intervals (self);

  gtk_stack_set_transition_type (self->card_stack, transition (self, GTK_STACK_TRANSITION_TYPE_ROTATE_LEFT));
  gtk_stack_set_transition_type (self->button_stack, transition (self, GTK_STACK_TRANSITION_TYPE_CROSSFADE));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->back_scroll), 0);
  show_child (self, self->card_stack, "back");
  show_child (self, self->button_stack, "grade");
  update_actions (self);
  update_names (self);

  focus_current (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
grade (ShuatiReviewPage *self,
       ShuatiRating      rating)
{
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  if (self->card == NULL || !self->revealed)
    return;

  elapsed = (g_get_monotonic_time () - self->shown_at) / 1000;

  /* When the grade cannot be saved the session stays on the card, and so
   * does the page: the user can grade again or leave. */
  if (!shuati_session_grade (self->session, rating, real_now (),
                             (guint)CLAMP (elapsed, 0, G_MAXUINT), &error))
    {
      toast_error (self, _("Could not save the review"), error);
      return;
    }

  show_current (self);
}

static void
review_flip (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  flip (SHUATI_REVIEW_PAGE (widget));
}

static void
review_accept (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);

  if (!self->revealed)
    flip (self);
  else
    grade (self, compute_suggestion (self));
}

static void
review_grade (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);
  int rating = g_variant_get_int32 (param);

  if (rating < SHUATI_RATING_AGAIN || rating > SHUATI_RATING_EASY)
    return;

  grade (self, rating);
}

static void
review_toggle_point (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);
  int n = g_variant_get_int32 (param);
  GtkCheckButton *check;

  if (!self->revealed || n < 1 || (guint)n > self->n_points)
    return;

  check = g_ptr_array_index (self->point_buttons, n - 1);
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
review_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || !shuati_session_can_undo (self->session))
    return;

  if (!shuati_session_undo (self->session, &error))
    toast_error (self, _("Could not undo the last grade"), error);

  show_current (self);
}

static void
review_open_in_reader (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);

  if (self->card != NULL)
    g_signal_emit (self, signals[OPEN_CARD], 0, self->card);
}

/* Leaving in the middle of a session shows what was done so far, with a
 * way back; leaving the summary, or a session with nothing done yet, ends
 * it. */
static void
review_end (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);
  const char *page = gtk_stack_get_visible_child_name (self->page_stack);

  if (self->session != NULL && self->card != NULL && g_strcmp0 (page, "review") == 0 &&
      shuati_session_get_n_done (self->session) > 0)
    {
      gtk_stack_set_transition_type (self->page_stack, transition (self, GTK_STACK_TRANSITION_TYPE_CROSSFADE));
      show_summary (self);
      update_actions (self);
      focus_current (self);
      return;
    }

  g_signal_emit (widget, signals[FINISHED], 0);
}

static void
review_resume (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);

  if (self->card == NULL)
    return;

  gtk_stack_set_transition_type (self->page_stack, transition (self, GTK_STACK_TRANSITION_TYPE_CROSSFADE));
  show_child (self, self->page_stack, "review");
  update_names (self);
  update_actions (self);
  focus_current (self);
}

static void
review_study_more (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  const char *what = g_variant_get_string (param, NULL);

  if (g_strcmp0 (what, "new") != 0 && g_strcmp0 (what, "ahead") != 0 &&
      g_strcmp0 (what, "forgotten") != 0 && g_strcmp0 (what, "practice") != 0)
    return;

  g_signal_emit (widget, signals[STUDY_MORE], 0, what);
}

static void
set_starred (ShuatiReviewPage *self,
             gboolean          starred)
{
  g_autoptr(GError) error = NULL;

  starred = !!starred;
  if (starred == self->starred || self->card == NULL ||
      self->session == NULL || !shuati_session_get_can_star (self->session))
    {
      /* A toggle button that flipped itself has to show the truth again. */
      update_star_button (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
      return;
    }

  if (!shuati_session_set_starred (self->session, self->card, starred, &error))
    {
      toast_error (self, starred ? _("Could not star the card") : _("Could not unstar the card"), error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
      return;
    }

  self->starred = starred;
  update_star_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

static void
on_card_changed (ShuatiSession    *session,
                 const char       *deck_id,
                 const char       *card_id,
                 ShuatiReviewPage *self)
{
  if (self->card != NULL &&
      g_strcmp0 (deck_id, shuati_card_get_deck_id (self->card)) == 0 &&
      (card_id == NULL || g_strcmp0 (card_id, shuati_card_get_id (self->card)) == 0))
    load_starred (self);
}

static void
on_front_clicked (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  ShuatiReviewPage *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *child;

  /* A click that selected text was meant for the text. */
  for (child = gtk_widget_get_first_child (card); child; child = gtk_widget_get_next_sibling (child))
    for (GtkWidget *label = gtk_widget_get_first_child (child); label; label = gtk_widget_get_next_sibling (label))
      if (GTK_IS_LABEL (label) && gtk_label_get_selection_bounds (GTK_LABEL (label), NULL, NULL))
        return;

  if (n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "review.flip", NULL);
}

static void
shuati_review_page_map (GtkWidget *widget)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (shuati_review_page_parent_class)->map (widget);

  /* A page that comes on screen takes the keys, unless the user is
   * already somewhere inside it. */
  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    focus_current (self);
}

static void
shuati_review_page_dispose (GObject *object)
{
  ShuatiReviewPage *self = (ShuatiReviewPage *)object;

  cancel_back (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_REVIEW_PAGE);

  g_clear_object (&self->card);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (shuati_review_page_parent_class)->dispose (object);
}

static void
shuati_review_page_finalize (GObject *object)
{
  ShuatiReviewPage *self = (ShuatiReviewPage *)object;

  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->point_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->scope, g_free);

  G_OBJECT_CLASS (shuati_review_page_parent_class)->finalize (object);
}

static void
shuati_review_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    case PROP_SUGGESTED_RATING:
      g_value_set_int (value, shuati_review_page_get_suggested_rating (self));
      break;

    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;

    case PROP_NEW_CARDS_STEP:
      g_value_set_uint (value, self->new_cards_step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_review_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShuatiReviewPage *self = SHUATI_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      shuati_review_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_LANGUAGES:
      shuati_review_page_set_languages (self, g_value_get_boxed (value));
      break;

    case PROP_STARRED:
      set_starred (self, g_value_get_boolean (value));
      break;

    case PROP_SCOPE:
      shuati_review_page_set_scope (self, g_value_get_string (value));
      break;

    case PROP_NEW_CARDS_STEP:
      shuati_review_page_set_new_cards_step (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_review_page_class_init (ShuatiReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_review_page_dispose;
  object_class->finalize = shuati_review_page_finalize;
  object_class->get_property = shuati_review_page_get_property;
  object_class->set_property = shuati_review_page_set_property;

  widget_class->map = shuati_review_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SHUATI_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The card languages to show, best first; a second language is shown
   * as a translation under each part. NULL follows the interface. */
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTED_RATING] =
    g_param_spec_int ("suggested-rating", NULL, NULL,
                      SHUATI_RATING_AGAIN, SHUATI_RATING_EASY, SHUATI_RATING_GOOD,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the cards are, such as the search text or the sidebar choice,
   * for the empty page to say that nothing matches it. */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many more new cards the summary offers to study today. */
  properties[PROP_NEW_CARDS_STEP] =
    g_param_spec_uint ("new-cards-step", NULL, NULL, 1, G_MAXUINT, 10,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShuatiReviewPage::finished:
   *
   * The user leaves the session (Escape, the close button or Done).
   * Every grade is already saved.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * ShuatiReviewPage::study-more:
   * @what: "new" (raise today's new-card limit), "ahead" (review ahead),
   *   "forgotten" (today's forgotten cards) or "practice" (practise again)
   *
   * The user asks for another session from the summary.
   */
  signals[STUDY_MORE] =
    g_signal_new ("study-more",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_CARD] =
    g_signal_new ("open-card",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SHUATI_TYPE_CARD);
  /* The toast's title is plain text: the window escapes it. */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, practice_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, star_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, card_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_scroll);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_card);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_title_tr);
  g_type_ensure (SHUATI_TYPE_RICH_TEXT);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_question);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, front_question_tr);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, back_scroll);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, back_card);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, back_title);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, back_title_tr);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, back_question);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, answer_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, answer_tr);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, points_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, explanation_tr);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, show_button);
  gtk_widget_class_bind_template_child_full (widget_class, "again_button", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "hard_button", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "good_button", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "easy_button", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "again_interval", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_intervals[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "hard_interval", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_intervals[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "good_interval", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_intervals[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "easy_interval", FALSE,
                                             G_STRUCT_OFFSET (ShuatiReviewPage, grade_intervals[3]));
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, summary_page);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, summary_reviewed);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, summary_reviewed_caption);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, summary_remembered);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, summary_time);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, more_new_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, ahead_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, forgotten_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, practice_again_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiReviewPage, empty_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "review.flip", NULL, review_flip);
  gtk_widget_class_install_action (widget_class, "review.accept", NULL, review_accept);
  gtk_widget_class_install_action (widget_class, "review.grade", "i", review_grade);
  gtk_widget_class_install_action (widget_class, "review.toggle-point", "i", review_toggle_point);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, review_undo);
  gtk_widget_class_install_property_action (widget_class, "review.toggle-star", "starred");
  gtk_widget_class_install_action (widget_class, "review.open-in-reader", NULL, review_open_in_reader);
  gtk_widget_class_install_action (widget_class, "review.end", NULL, review_end);
  gtk_widget_class_install_action (widget_class, "review.study-more", "s", review_study_more);
  gtk_widget_class_install_action (widget_class, "review.resume", NULL, review_resume);

  /* Every key of the page, in one place; resources/gtk/help-overlay.ui
   * lists the same keys. Space and Enter turn the card on the front and
   * take the suggested grade on the back. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "review.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "review.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "review.accept", NULL);
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "review.grade", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "review.grade", "i", i + 1);
    }
  for (guint i = 0; i < MAX_POINT_KEYS; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "review.toggle-point", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK, "review.toggle-point", "i", i + 1);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "review.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, 0, "review.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "review.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_asterisk, 0, "review.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Multiply, 0, "review.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "review.open-in-reader", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "review.end", NULL);
}

static void
shuati_review_page_init (ShuatiReviewPage *self)
{
  GtkGesture *click;

  self->point_buttons = g_ptr_array_new ();
  self->new_cards_step = 10;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_front_clicked), self);
  gtk_widget_add_controller (self->front_card, GTK_EVENT_CONTROLLER (click));

  update_star_button (self);
  show_current (self);
}

/**
 * shuati_review_page_new:
 *
 * Returns: (transfer full): a new review page without a session
 */
GtkWidget *
shuati_review_page_new (void)
{
  return g_object_new (SHUATI_TYPE_REVIEW_PAGE, NULL);
}

/**
 * shuati_review_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session on display
 */
ShuatiSession *
shuati_review_page_get_session (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), NULL);
  return self->session;
}

/**
 * shuati_review_page_set_session:
 * @session: (nullable): a session, study or practice
 *
 * Shows the session's current card, its summary if it has ended, or the
 * empty page if it had no card at all.
 */
void
shuati_review_page_set_session (ShuatiReviewPage *self,
                                ShuatiSession    *session)
{
  g_return_if_fail (SHUATI_IS_REVIEW_PAGE (self));
  g_return_if_fail (session == NULL || SHUATI_IS_SESSION (session));

  if (self->session == session)
    return;

  self->instant = TRUE;
  /* Stars are read through the session, which tells of changes made
   * elsewhere too. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_card_changed, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "card-changed", G_CALLBACK (on_card_changed), self, 0);

  show_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * shuati_review_page_get_languages:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the card
 *   languages asked for, or %NULL to follow the interface
 */
const char * const *
shuati_review_page_get_languages (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), NULL);
  return (const char * const *)self->languages;
}

/**
 * shuati_review_page_set_languages:
 * @languages: (nullable) (array zero-terminated=1): card languages, best
 *   first; with two, the second is shown under each part as a translation
 */
void
shuati_review_page_set_languages (ShuatiReviewPage   *self,
                                  const char * const *languages)
{
  g_return_if_fail (SHUATI_IS_REVIEW_PAGE (self));

  if (self->languages == NULL && languages == NULL)
    return;
  if (self->languages != NULL && languages != NULL &&
      g_strv_equal ((const char * const *)self->languages, languages))
    return;

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **)languages);

  /* Redraw the texts in place; the card stays on the side it shows. */
  if (self->card != NULL)
    {
      GPtrArray *ticked = g_ptr_array_new ();
      gboolean touched = self->points_touched;

      for (guint i = 0; !self->back_pending && i < self->n_points; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->point_buttons, i)))
          g_ptr_array_add (ticked, GUINT_TO_POINTER (i));

      fill_front (self);
      /* A back still to fill in is filled in the new languages then. */
      if (!self->back_pending)
        fill_back (self);

      /* The points are the same in each language, so the ticks carry over. */
      for (guint i = 0; i < ticked->len; i++)
        {
          guint n = GPOINTER_TO_UINT (g_ptr_array_index (ticked, i));
          if (n < self->n_points)
            gtk_check_button_set_active (g_ptr_array_index (self->point_buttons, n), TRUE);
        }
      g_ptr_array_unref (ticked);
      self->points_touched = touched;

      update_suggestion (self);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "review") == 0)
        update_names (self);
      update_actions (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGES]);
}

gboolean
shuati_review_page_get_revealed (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), FALSE);
  return self->revealed;
}

gboolean
shuati_review_page_get_starred (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), FALSE);
  return self->starred;
}

/**
 * shuati_review_page_get_card:
 *
 * Returns: (transfer none) (nullable): the card being reviewed
 */
ShuatiCard *
shuati_review_page_get_card (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), NULL);
  return self->card;
}

/**
 * shuati_review_page_get_suggested_rating:
 *
 * The grade Space and Enter give on the back: see shuati_suggest_rating().
 */
ShuatiRating
shuati_review_page_get_suggested_rating (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), SHUATI_RATING_GOOD);
  return compute_suggestion (self);
}

/**
 * shuati_review_format_next_due:
 * @next_due: when the next card is due, unix seconds; 0 when none is
 * @now: the current time, unix seconds
 *
 * Returns: (transfer full): a sentence such as "Next review in 10 min",
 *   "Next review tomorrow" or "Next review on December 3"
 */
char *
shuati_review_format_next_due (gint64 next_due,
                               gint64 now)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDateTime) due_dt = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *date = NULL;
  int y1, m1, d1, y2, m2, d2;

  if (next_due <= 0)
    return g_strdup (_("No card is scheduled yet."));
  if (next_due <= now)
    return g_strdup (_("More cards are due now."));

  now_dt = g_date_time_new_from_unix_local (now);
  due_dt = g_date_time_new_from_unix_local (next_due);
  if (now_dt == NULL || due_dt == NULL)
    return g_strdup (_("No card is scheduled yet."));

  g_date_time_get_ymd (now_dt, &y1, &m1, &d1);
  g_date_time_get_ymd (due_dt, &y2, &m2, &d2);
  if (y1 == y2 && m1 == m2 && d1 == d2)
    {
      g_autofree char *interval = shuati_format_interval (next_due - now);

      /* Translators: %s is a time from now, as in "10 min" */
      return g_strdup_printf (_("Next review in %s"), interval);
    }

  tomorrow = g_date_time_add_days (now_dt, 1);
  g_date_time_get_ymd (tomorrow, &y1, &m1, &d1);
  if (y1 == y2 && m1 == m2 && d1 == d2)
    return g_strdup (_("Next review tomorrow"));

  if (g_date_time_get_year (now_dt) == y2)
    /* Translators: a date this year, in g_date_time_format() notation */
    date = g_date_time_format (due_dt, _("%B %-e"));
  else
    /* Translators: a date in another year, in g_date_time_format() notation */
    date = g_date_time_format (due_dt, _("%B %-e, %Y"));

  /* Translators: %s is a date, as in "December 3" */
  return g_strdup_printf (_("Next review on %s"), date);
}

/**
 * shuati_review_page_set_scope:
 * @scope: (nullable): what the session's cards are: the search text or
 *   the name of the sidebar choice
 */
void
shuati_review_page_set_scope (ShuatiReviewPage *self,
                              const char       *scope)
{
  g_return_if_fail (SHUATI_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->scope, scope) == 0)
    return;

  g_free (self->scope);
  self->scope = g_strdup (scope);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

const char *
shuati_review_page_get_scope (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), NULL);
  return self->scope;
}

/**
 * shuati_review_page_set_new_cards_step:
 * @step: how many more new cards "Study More New Cards" offers at most
 */
void
shuati_review_page_set_new_cards_step (ShuatiReviewPage *self,
                                       guint             step)
{
  g_return_if_fail (SHUATI_IS_REVIEW_PAGE (self));

  step = MAX (step, 1);
  if (self->new_cards_step == step)
    return;

  self->new_cards_step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_CARDS_STEP]);
}

guint
shuati_review_page_get_new_cards_step (ShuatiReviewPage *self)
{
  g_return_val_if_fail (SHUATI_IS_REVIEW_PAGE (self), 10);
  return self->new_cards_step;
}

/* Whether @text already ends a sentence, looking past closing quotes,
 * brackets and Markdown marks. */
static gboolean
ends_sentence (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c) || (c < 0x80 && strchr ("\"')]}`*_", (int)c) != NULL) ||
          c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300D || c == 0x300F || c == 0x300B)
        {
          end = prev;
          continue;
        }

      return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' ||
             c == 0x2026 /* … */ || c == 0x3002 /* 。 */ || c == 0xFF1F /* ？ */ ||
             c == 0xFF01 /* ！ */ || c == 0xFF1A /* ： */ || c == 0xFF1B /* ； */ ||
             c == 0xFF0E /* ． */;
    }

  return FALSE;
}

/**
 * shuati_review_format_front_name:
 * @title: (nullable): the card's title, as shown
 *
 * Builds the name a screen reader gives the front of a card from its
 * parts, ending the question with a full stop only when it does not end
 * a sentence already ("…？" stays as it is).
 *
 * Returns: (transfer full): the name, such as "Question: What is
 *   attention? Press Space to show the answer."
 */
char *
shuati_review_format_front_name (const char *title)
{
  g_autofree char *question = NULL;
  g_autofree char *sentence = NULL;
  const char *hint = _("Press Space to show the answer.");

  if (title == NULL || title[0] == '\0')
    return g_strdup (hint);

  /* Translators: the front of a flashcard as a screen reader names it;
   * %s is the card's title, which may end with its own question mark */
  question = g_strdup_printf (_("Question: %s"), title);
  if (ends_sentence (title))
    sentence = g_steal_pointer (&question);
  else
    /* Translators: closes a sentence that has no closing punctuation of
     * its own; %s is the sentence */
    sentence = g_strdup_printf (C_("sentence", "%s."), question);

  /* Translators: two sentences in a row; in Chinese, without a space */
  return g_strdup_printf (C_("sentences", "%s %s"), sentence, hint);
}
