/* shuati-statistics-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-bar-chart.h"
#include "shuati-heatmap.h"
#include "shuati-mock.h"
#include "shuati-statistics-window.h"

struct _ShuatiStatisticsWindow
{
  AdwWindow         parent_instance;

  ShuatiStore      *store;
  ShuatiDeck       *deck;
  double            desired_retention;
  char             *scope;
  ShuatiStatistics *stats;

  GtkWidget        *scope_box;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkLabel         *today_reviews_label;
  GtkLabel         *today_time_label;
  GtkLabel         *today_remembered_label;
  GtkLabel         *current_streak_label;
  GtkLabel         *longest_streak_label;
  ShuatiHeatmap    *heatmap;
  ShuatiBarChart   *forecast_chart;
  GtkWidget        *mock_group;
  ShuatiBarChart   *mock_chart;
  GtkLabel         *retention_week_label;
  GtkLabel         *retention_month_label;
  GtkLabel         *retention_year_label;
  GtkLabel         *desired_retention_label;
  GtkLabel         *new_label;
  GtkLabel         *learning_label;
  GtkLabel         *review_label;
  GtkLabel         *relearning_label;
  GtkWidget        *mastery_group;
  GtkListBox       *mastery_list;
};

G_DEFINE_FINAL_TYPE (ShuatiStatisticsWindow, shuati_statistics_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SCOPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (dt, format);
}

static char *
format_percent (double share)
{
  /* Translators: a percentage; "%.0f%%" gives "92%" */
  return g_strdup_printf (_("%.0f%%"), share * 100);
}

static char *
format_duration (guint64 ms)
{
  guint64 seconds = (ms + 500) / 1000;

  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%u s"), (guint)seconds);
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%u min"), (guint)((seconds + 30) / 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%u h %u min"), (guint)(seconds / 3600), (guint)(seconds % 3600 / 60));
}

static void
set_label_number (GtkLabel *label,
                  guint     value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_label (label, text);
}

static void
set_retention (GtkLabel              *label,
               const ShuatiRetention *retention)
{
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;

  if (retention->reviews == 0)
    {
      /* Translators: no retention to show: no reviews in that time */
      gtk_label_set_label (label, _("No reviews"));
      return;
    }
  percent = format_percent ((double)retention->remembered / retention->reviews);
  /* Translators: "92% of 120 reviews" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %u review", "%s of %u reviews",
                                       retention->reviews),
                          percent, retention->reviews);
  gtk_label_set_label (label, text);
}

static char *
format_streak (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
}

static void
update_today (ShuatiStatisticsWindow *self)
{
  const ShuatiStatistics *stats = self->stats;
  g_autofree char *time = format_duration (stats->today_duration_ms);
  g_autofree char *current = format_streak (stats->current_streak);
  g_autofree char *longest = format_streak (stats->longest_streak);

  set_label_number (self->today_reviews_label, stats->today_reviews);
  gtk_label_set_label (self->today_time_label, time);
  if (stats->today_reviews > 0)
    {
      g_autofree char *share = format_percent ((double)stats->today_remembered / stats->today_reviews);

      gtk_label_set_label (self->today_remembered_label, share);
    }
  else
    gtk_label_set_label (self->today_remembered_label, "—");
  gtk_label_set_label (self->current_streak_label, current);
  gtk_label_set_label (self->longest_streak_label, longest);
}

static void
update_forecast (ShuatiStatisticsWindow *self)
{
  const ShuatiStatistics *stats = self->stats;
  enum { N_BARS = SHUATI_STATISTICS_FORECAST_DAYS + 1 };
  char *labels[N_BARS + 1] = { NULL };
  char *tooltips[N_BARS + 1] = { NULL };
  g_autofree char *summary = NULL;
  guint total = 0;
  guint busiest = 1;

  for (guint i = 0; i < N_BARS; i++)
    {
      guint n = stats->forecast[i];
      GDate date = stats->today;

      total += n;
      if (i >= 1)
        {
          g_date_add_days (&date, i - 1);
          if (n > stats->forecast[busiest])
            busiest = i;
        }

      if (i == 0)
        {
          labels[i] = g_strdup (C_("forecast", "Now"));
          /* Translators: the tooltip of the first bar of the due forecast */
          tooltips[i] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card due now", "%u cards due now", n), n);
        }
      else if (i == 1)
        {
          labels[i] = g_strdup (C_("forecast", "Today"));
          tooltips[i] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card due later today",
                                                      "%u cards due later today", n), n);
        }
      else
        {
          /* Translators: a full date as a strftime()-like format for
           * g_date_time_format(); "%Y年%-m月%-d日" in Chinese */
          g_autofree char *date_text = format_date (&date, C_("full date", "%-d %B %Y"));

          /* A date under every week's bar. */
          if ((i - 1) % 7 == 0)
            /* Translators: a short date under a bar of the due forecast,
             * as a strftime()-like format; "%-m月%-d日" in Chinese */
            labels[i] = format_date (&date, C_("forecast date", "%-d %b"));
          /* Translators: %u cards, %s a date */
          tooltips[i] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card due on %s",
                                                      "%u cards due on %s", n), n, date_text);
        }
    }

  shuati_bar_chart_set_bars (self->forecast_chart, stats->forecast,
                             (const char * const *)labels, (const char * const *)tooltips, N_BARS);
  shuati_bar_chart_set_highlight (self->forecast_chart, stats->forecast[0] > 0 ? 0 : -1);

  if (total == 0)
    summary = g_strdup (_("Cards due in the next 30 days: none"));
  else
    {
      GDate date = stats->today;
      g_autofree char *date_text = NULL;

      g_date_add_days (&date, busiest - 1);
      /* Translators: a day without the year, as a strftime()-like format
       * for g_date_time_format(); "%-m月%-d日" in Chinese */
      date_text = format_date (&date, C_("day and month", "%-d %B"));
      /* Translators: the due forecast in words, as in
       * "Cards due in the next 30 days: 340; due now: 12; busiest day 14 March: 40" */
      summary = g_strdup_printf (_("Cards due in the next 30 days: %u; due now: %u; busiest day %s: %u"),
                                 total, stats->forecast[0], date_text, stats->forecast[busiest]);
    }
  shuati_bar_chart_set_summary (self->forecast_chart, summary);

  for (guint i = 0; i < N_BARS; i++)
    {
      g_free (labels[i]);
      g_free (tooltips[i]);
    }
}

/* A mastery row: the topic's title and a bar of its share mastered. */
static GtkWidget *
new_mastery_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();

  /* A topic title is the deck author's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_widget_add_css_class (bar, "mastery-bar");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  g_object_set_data (G_OBJECT (row), "shuati-mastery-bar", bar);
  return row;
}

/* The rows already made show the new figures: a row made anew costs
 * far more to lay out than new text in one, and the topics rarely
 * change between two openings of the window. */
static void
update_mastery (ShuatiStatisticsWindow *self)
{
  const ShuatiStatistics *stats = self->stats;
  guint n_rows = self->deck != NULL ? stats->n_topics : 0;
  GtkListBoxRow *extra;

  while ((extra = gtk_list_box_get_row_at_index (self->mastery_list, n_rows)) != NULL)
    gtk_list_box_remove (self->mastery_list, GTK_WIDGET (extra));

  gtk_widget_set_visible (self->mastery_group, stats->n_topics > 0 && self->deck != NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      const ShuatiTopicMastery *mastery = &stats->topics[i];
      ShuatiTopic *topic = shuati_deck_lookup_topic (self->deck, mastery->topic_id);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->mastery_list, i));
      GtkWidget *bar;
      double fraction = mastery->n_cards > 0 ? (double)mastery->n_mastered / mastery->n_cards : 0;

      if (row == NULL)
        {
          row = new_mastery_row ();
          gtk_list_box_append (self->mastery_list, row);
        }
      bar = g_object_get_data (G_OBJECT (row), "shuati-mastery-bar");

      /* Translators: "12 of 40 mastered" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u mastered", "%u of %u mastered",
                                               mastery->n_cards),
                                  mastery->n_mastered, mastery->n_cards);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     topic != NULL ? shuati_topic_get_title (topic, g_get_language_names ())
                                                   : mastery->topic_id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle,
                                      -1);
    }
}

static void
update_page (ShuatiStatisticsWindow *self)
{
  const ShuatiStatistics *stats = self->stats;
  g_autofree char *desired = format_percent (self->desired_retention);

  update_today (self);
  shuati_heatmap_set_days (self->heatmap, stats->heatmap, SHUATI_STATISTICS_HEATMAP_DAYS, &stats->today);
  update_forecast (self);

  set_retention (self->retention_week_label, &stats->retention[SHUATI_RETENTION_WEEK]);
  set_retention (self->retention_month_label, &stats->retention[SHUATI_RETENTION_MONTH]);
  set_retention (self->retention_year_label, &stats->retention[SHUATI_RETENTION_YEAR]);
  gtk_label_set_label (self->desired_retention_label, desired);

  set_label_number (self->new_label, stats->n_cards[SHUATI_CARD_NEW]);
  set_label_number (self->learning_label, stats->n_cards[SHUATI_CARD_LEARNING]);
  set_label_number (self->review_label, stats->n_cards[SHUATI_CARD_REVIEW]);
  set_label_number (self->relearning_label, stats->n_cards[SHUATI_CARD_RELEARNING]);

  update_mastery (self);
}

/* The deck's past mock interviews, their scores over time. */
static void
update_mock_chart (ShuatiStatisticsWindow *self,
                   const char             *deck_id)
{
  g_autoptr(GArray) past = NULL;
  g_autofree guint *scores = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;

  if (self->store != NULL && deck_id != NULL)
    past = shuati_mock_list_past (self->store, deck_id, NULL);
  gtk_widget_set_visible (self->mock_group, past != NULL && past->len > 0);
  if (past == NULL || past->len == 0)
    return;

  scores = g_new0 (guint, past->len);
  for (guint i = 0; i < past->len; i++)
    {
      const ShuatiMockRecord *r = &g_array_index (past, ShuatiMockRecord, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->started_at);
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%x") : g_strdup ("");

      scores[i] = r->n_points > 0 ? (guint)(100.0 * r->n_covered / r->n_points + 0.5) : 0;
      g_ptr_array_add (labels, g_strdup_printf ("%u", i + 1));
      /* Translators: a bar of the mock interview scores, as in "12/03/26: 75%" */
      g_ptr_array_add (tips, g_strdup_printf (_("%s: %u%%"), date, scores[i]));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (tips, NULL);
  shuati_bar_chart_set_bars (self->mock_chart, scores, (const char * const *)labels->pdata,
                             (const char * const *)tips->pdata, past->len);
  /* Translators: the mock interview scores in words, for screen readers */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mock interview scores: %u interview, the latest %u%%",
                                          "Mock interview scores: %u interviews, the latest %u%%", past->len),
                             past->len, scores[past->len - 1]);
  shuati_bar_chart_set_summary (self->mock_chart, summary);
}

/**
 * shuati_statistics_window_refresh:
 * @self: a statistics window
 *
 * Counts again from the database, for after a review.
 */
void
shuati_statistics_window_refresh (ShuatiStatisticsWindow *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;
  const char *deck_id = NULL;

  g_return_if_fail (SHUATI_IS_STATISTICS_WINDOW (self));

  if (self->deck != NULL && g_strcmp0 (self->scope, "deck") == 0)
    deck_id = shuati_deck_get_id (self->deck);

  g_clear_pointer (&self->stats, shuati_statistics_free);
  update_mock_chart (self, deck_id);
  if (self->store != NULL)
    self->stats = shuati_statistics_compute (self->store, deck_id, self->deck,
                                             g_get_real_time () / G_USEC_PER_SEC, tz, &error);
  else
    g_set_error_literal (&error, SHUATI_STATISTICS_ERROR, SHUATI_STATISTICS_ERROR_FAILED,
                         _("Your study history is not open"));

  if (self->stats == NULL)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (self->stats->total_reviews == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  update_page (self);
  gtk_stack_set_visible_child_name (self->stack, "statistics");
}

/**
 * shuati_statistics_window_get_statistics:
 * @self: a statistics window
 *
 * Returns: (nullable) (transfer none): what the window shows, or %NULL
 *   when the database could not be read
 */
const ShuatiStatistics *
shuati_statistics_window_get_statistics (ShuatiStatisticsWindow *self)
{
  g_return_val_if_fail (SHUATI_IS_STATISTICS_WINDOW (self), NULL);

  return self->stats;
}

static void
set_scope (ShuatiStatisticsWindow *self,
           const char             *scope)
{
  if (g_strcmp0 (scope, "all") != 0)
    scope = self->deck != NULL ? "deck" : "all";
  if (g_strcmp0 (self->scope, scope) == 0)
    return;

  g_free (self->scope);
  self->scope = g_strdup (scope);
  if (self->store != NULL)
    shuati_statistics_window_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

static void
shuati_statistics_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ShuatiStatisticsWindow *self = SHUATI_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_statistics_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ShuatiStatisticsWindow *self = SHUATI_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      set_scope (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_statistics_window_dispose (GObject *object)
{
  ShuatiStatisticsWindow *self = (ShuatiStatisticsWindow *)object;

  g_clear_object (&self->deck);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_STATISTICS_WINDOW);

  G_OBJECT_CLASS (shuati_statistics_window_parent_class)->dispose (object);
}

static void
shuati_statistics_window_finalize (GObject *object)
{
  ShuatiStatisticsWindow *self = (ShuatiStatisticsWindow *)object;

  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->stats, shuati_statistics_free);

  G_OBJECT_CLASS (shuati_statistics_window_parent_class)->finalize (object);
}

static void
shuati_statistics_window_class_init (ShuatiStatisticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = shuati_statistics_window_get_property;
  object_class->set_property = shuati_statistics_window_set_property;
  object_class->dispose = shuati_statistics_window_dispose;
  object_class->finalize = shuati_statistics_window_finalize;

  /**
   * ShuatiStatisticsWindow:scope:
   *
   * "deck" for the window's deck, "all" for all decks.
   */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "deck",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUATI_TYPE_HEATMAP);
  g_type_ensure (SHUATI_TYPE_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuati/Shuati/shuati-statistics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, scope_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, today_reviews_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, today_time_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, today_remembered_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, current_streak_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, longest_streak_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, heatmap);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, forecast_chart);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, mock_group);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, mock_chart);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, retention_week_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, retention_month_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, retention_year_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, desired_retention_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, new_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, learning_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, review_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, relearning_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, mastery_group);
  gtk_widget_class_bind_template_child (widget_class, ShuatiStatisticsWindow, mastery_list);

  gtk_widget_class_install_property_action (widget_class, "statistics.scope", "scope");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
shuati_statistics_window_init (ShuatiStatisticsWindow *self)
{
  self->scope = g_strdup ("deck");
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * shuati_statistics_window_new:
 * @parent: (nullable): the main window
 * @store: the progress store
 * @deck: (nullable): the deck being studied, or %NULL to show all decks
 * @desired_retention: the retention the scheduler aims for, from 0 to 1
 *
 * Returns: (transfer full): a new statistics window showing @deck
 */
ShuatiStatisticsWindow *
shuati_statistics_window_new (GtkWindow  *parent,
                              ShuatiStore *store,
                              ShuatiDeck *deck,
                              double      desired_retention)
{
  ShuatiStatisticsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHUATI_IS_STORE (store), NULL);
  g_return_val_if_fail (deck == NULL || SHUATI_IS_DECK (deck), NULL);

  self = g_object_new (SHUATI_TYPE_STATISTICS_WINDOW,
                       "transient-for", parent,
                       NULL);
  shuati_statistics_window_reset (self, store, deck, desired_retention);

  return self;
}

/**
 * shuati_statistics_window_reset:
 * @self: a statistics window
 * @store: the progress store
 * @deck: (nullable): the deck being studied, or %NULL to show all decks
 * @desired_retention: the retention the scheduler aims for, from 0 to 1
 *
 * Shows @deck as a new window would, counting again from @store: for a
 * window shown again after it was closed.
 */
void
shuati_statistics_window_reset (ShuatiStatisticsWindow *self,
                                ShuatiStore            *store,
                                ShuatiDeck             *deck,
                                double                  desired_retention)
{
  const char *scope = deck != NULL ? "deck" : "all";

  g_return_if_fail (SHUATI_IS_STATISTICS_WINDOW (self));
  g_return_if_fail (SHUATI_IS_STORE (store));
  g_return_if_fail (deck == NULL || SHUATI_IS_DECK (deck));

  g_set_object (&self->store, store);
  g_set_object (&self->deck, deck);
  self->desired_retention = CLAMP (desired_retention, 0.0, 1.0);
  gtk_widget_set_visible (self->scope_box, deck != NULL);
  if (g_strcmp0 (self->scope, scope) != 0)
    {
      g_free (self->scope);
      self->scope = g_strdup (scope);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
    }

  shuati_statistics_window_refresh (self);
}
