/* shuati-heatmap.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-chart.h"
#include "shuati-heatmap.h"

#define MAX_STEP 16.0
#define MIN_STEP 4.0
#define N_LEVELS 5
#define LABEL_GAP 4.0

struct _ShuatiHeatmap
{
  GtkWidget  parent_instance;

  guint     *counts;
  guint      n_days;
  guint      max_count;
  guint      total;
  guint      active_days;
  GDate      last_day;
  char      *summary;
  /* The day the keyboard is on, or -1 before an arrow key is pressed. */
  int        cursor;
};

G_DEFINE_FINAL_TYPE (ShuatiHeatmap, shuati_heatmap, GTK_TYPE_WIDGET)


static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (dt, format);
}

static double
text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static double
step_for_width (double width)
{
  return CLAMP (floor (width / SHUATI_HEATMAP_WEEKS), MIN_STEP, MAX_STEP);
}

static double
height_for_step (GtkWidget *widget,
                 double     step)
{
  double text = text_height (widget);

  return text + LABEL_GAP + 7 * step + 2 * LABEL_GAP + text;
}

static GtkSizeRequestMode
shuati_heatmap_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
shuati_heatmap_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = SHUATI_HEATMAP_WEEKS * MIN_STEP;
      *natural = SHUATI_HEATMAP_WEEKS * MAX_STEP;
    }
  else
    {
      double step = for_size < 0 ? MAX_STEP : step_for_width (for_size);

      *minimum = *natural = ceil (height_for_step (widget, step));
    }
}

/* Where the grid starts: the last day sits in the last column, in the
 * row of its weekday (Monday first). */
static guint
last_position (ShuatiHeatmap *self)
{
  return (SHUATI_HEATMAP_WEEKS - 1) * 7 + (g_date_get_weekday (&self->last_day) - 1);
}

/* The first day the grid has room for. */
static guint
first_shown_day (ShuatiHeatmap *self)
{
  guint last = last_position (self);

  return self->n_days > last + 1 ? self->n_days - 1 - last : 0;
}

static void
grid_geometry (ShuatiHeatmap *self,
               double        *x0,
               double        *y0,
               double        *step)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  *step = step_for_width (width);
  *x0 = MAX (0, (width - SHUATI_HEATMAP_WEEKS * *step) / 2);
  *y0 = text_height (GTK_WIDGET (self)) + LABEL_GAP;
}

int
shuati_heatmap_get_day_at (ShuatiHeatmap *self,
                           double         x,
                           double         y)
{
  double x0, y0, step;
  int col, row, position, offset;

  g_return_val_if_fail (SHUATI_IS_HEATMAP (self), -1);

  if (self->n_days == 0)
    return -1;
  grid_geometry (self, &x0, &y0, &step);
  if (x < x0 || y < y0)
    return -1;
  col = (int)((x - x0) / step);
  row = (int)((y - y0) / step);
  if (col >= SHUATI_HEATMAP_WEEKS || row >= 7)
    return -1;
  position = col * 7 + row;
  offset = (int)last_position (self) - position;
  if (offset < 0 || offset >= (int)self->n_days)
    return -1;
  return self->n_days - 1 - offset;
}

guint
shuati_heatmap_get_level (ShuatiHeatmap *self,
                          guint          count)
{
  g_return_val_if_fail (SHUATI_IS_HEATMAP (self), 0);

  if (count == 0 || self->max_count == 0)
    return 0;
  return MIN (N_LEVELS - 1, (count * (N_LEVELS - 1) + self->max_count - 1) / self->max_count);
}

static void
level_color (const GdkRGBA *empty,
             const GdkRGBA *accent,
             guint          level,
             GdkRGBA       *color)
{
  static const float alpha[N_LEVELS] = { 0, 0.3f, 0.55f, 0.8f, 1.0f };

  if (level == 0)
    {
      *color = *empty;
      return;
    }
  *color = *accent;
  color->alpha = alpha[level];
}

static void
append_cell (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         size,
             const GdkRGBA *color)
{
  GskRoundedRect cell;
  float r = MIN (2.0f, (float)size / 4);

  gsk_rounded_rect_init_from_rect (&cell, &GRAPHENE_RECT_INIT (x, y, size, size), r);
  gtk_snapshot_push_rounded_clip (snapshot, &cell);
  gtk_snapshot_append_color (snapshot, color, &cell.bounds);
  gtk_snapshot_pop (snapshot);
}

/* A cell's outline, added to the path of @cr. */
static void
cell_path (cairo_t *cr,
           double   x,
           double   y,
           double   size)
{
  double r = MIN (2.0, size / 4);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
append_text (GtkSnapshot   *snapshot,
             GtkWidget     *widget,
             const char    *text,
             double         x,
             double         y,
             const GdkRGBA *color,
             int           *width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
shuati_heatmap_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ShuatiHeatmap *self = SHUATI_HEATMAP (widget);
  GdkRGBA accent, fg, empty, dim;
  double x0, y0, step, cell;
  double label_right = -G_MAXDOUBLE;
  guint last = last_position (self);
  int width = gtk_widget_get_width (widget);
  double legend_y;
  int text_width;

  if (self->n_days == 0)
    return;

  shuati_chart_lookup_color (widget, "accent_bg_color", &accent);
  shuati_chart_get_foreground (widget, &fg);
  empty = fg;
  empty.alpha *= 0.1;
  dim = fg;
  dim.alpha *= 0.7;

  grid_geometry (self, &x0, &y0, &step);
  cell = step - MAX (1.0, floor (step / 5));

  /* The cells, one filled path per level: a year of cells each clipped
   * to its rounded corners on its own would make a software renderer
   * draw hundreds of masks whenever the window is shown. */
  {
    cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                             &GRAPHENE_RECT_INIT (x0, y0,
                                                                  (last / 7 + 1) * step,
                                                                  7 * step));

    for (guint level = 0; level < N_LEVELS; level++)
      {
        GdkRGBA color;
        gboolean any = FALSE;

        for (guint d = 0; d < self->n_days; d++)
          {
            guint offset = self->n_days - 1 - d;
            guint position;

            if (offset > last || shuati_heatmap_get_level (self, self->counts[d]) != level)
              continue;
            position = last - offset;
            cell_path (cr, x0 + position / 7 * step, y0 + position % 7 * step, cell);
            any = TRUE;
          }
        if (!any)
          continue;
        level_color (&empty, &accent, level, &color);
        gdk_cairo_set_source_rgba (cr, &color);
        cairo_fill (cr);
      }
    cairo_destroy (cr);
  }

  for (guint d = 0; d < self->n_days; d++)
    {
      guint offset = self->n_days - 1 - d;
      guint position, col, row;

      if (offset > last)
        continue;
      position = last - offset;
      col = position / 7;
      row = position % 7;

      if ((int)d == self->cursor && gtk_widget_has_visible_focus (widget))
        shuati_chart_append_focus_ring (widget, snapshot,
                                        &GRAPHENE_RECT_INIT (x0 + col * step, y0 + row * step, cell, cell),
                                        MIN (2.0f, (float)cell / 4));

      /* A month's name over the week of its first day, when it fits. */
      {
        GDate date = self->last_day;

        g_date_subtract_days (&date, offset);
        if (g_date_get_day (&date) <= 7 && row == 0 && x0 + col * step > label_right + LABEL_GAP)
          {
            /* Translators: a month above the calendar of study days, as a
             * strftime()-like format for g_date_time_format(); "%-m月" in Chinese */
            g_autofree char *month = format_date (&date, C_("heatmap month", "%b"));

            append_text (snapshot, widget, month, x0 + col * step, 0, &dim, &text_width);
            label_right = x0 + col * step + text_width;
          }
      }
    }

  /* The legend, right-aligned under the grid: Less ■■■■■ More. */
  legend_y = y0 + 7 * step + LABEL_GAP;
  {
    g_autoptr(PangoLayout) more = gtk_widget_create_pango_layout (widget, C_("heatmap legend", "More"));
    g_autoptr(PangoLayout) less = gtk_widget_create_pango_layout (widget, C_("heatmap legend", "Less"));
    int more_width, less_width, th;
    double x, cy;

    pango_layout_get_pixel_size (more, &more_width, &th);
    pango_layout_get_pixel_size (less, &less_width, NULL);
    x = MIN (width, x0 + SHUATI_HEATMAP_WEEKS * step) - more_width;
    cy = legend_y + (th - cell) / 2;

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, legend_y));
    gtk_snapshot_append_layout (snapshot, more, &dim);
    gtk_snapshot_restore (snapshot);
    x -= LABEL_GAP + N_LEVELS * step;
    for (guint level = 0; level < N_LEVELS; level++)
      {
        GdkRGBA color;

        level_color (&empty, &accent, level, &color);
        append_cell (snapshot, x + level * step, cy, cell, &color);
      }
    x -= LABEL_GAP + less_width;
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, legend_y));
    gtk_snapshot_append_layout (snapshot, less, &dim);
    gtk_snapshot_restore (snapshot);
  }
}

/**
 * shuati_heatmap_describe_day:
 * @self: a heatmap
 * @day: a day, 0 being the first
 *
 * Returns: (transfer full): "3 reviews on 12 March 2026"
 */
char *
shuati_heatmap_describe_day (ShuatiHeatmap *self,
                             guint          day)
{
  g_autofree char *date_text = NULL;
  GDate date;
  guint count;

  g_return_val_if_fail (SHUATI_IS_HEATMAP (self), NULL);
  g_return_val_if_fail (day < self->n_days, NULL);

  date = self->last_day;
  g_date_subtract_days (&date, self->n_days - 1 - day);
  /* Translators: a full date as a strftime()-like format for
   * g_date_time_format(); "%Y年%-m月%-d日" in Chinese */
  date_text = format_date (&date, C_("full date", "%-d %B %Y"));
  count = self->counts[day];
  if (count == 0)
    /* Translators: %s is a date */
    return g_strdup_printf (_("No reviews on %s"), date_text);
  /* Translators: %u is a number of reviews, %s a date */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review on %s", "%u reviews on %s", count),
                          count, date_text);
}

static gboolean
shuati_heatmap_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  ShuatiHeatmap *self = SHUATI_HEATMAP (widget);
  g_autofree char *text = NULL;
  int day;

  if (keyboard_mode)
    {
      if (self->cursor >= 0)
        {
          text = shuati_heatmap_describe_day (self, self->cursor);
          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
      gtk_tooltip_set_text (tooltip, self->summary);
      return self->summary != NULL;
    }

  day = shuati_heatmap_get_day_at (self, x, y);
  if (day < 0)
    return FALSE;
  text = shuati_heatmap_describe_day (self, day);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A screen reader reads the summary, then the day the keyboard is on. */
static void
update_accessible (ShuatiHeatmap *self)
{
  g_autofree char *day = self->cursor >= 0 ? shuati_heatmap_describe_day (self, self->cursor) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
  shuati_chart_set_cursor_description (GTK_WIDGET (self), day);
}

static void
update_summary (ShuatiHeatmap *self)
{
  guint busiest = 0;

  for (guint d = 0; d < self->n_days; d++)
    if (self->counts[d] > self->counts[busiest])
      busiest = d;

  g_clear_pointer (&self->summary, g_free);
  if (self->total == 0)
    self->summary = g_strdup (_("Reviews in the past year: none"));
  else
    {
      g_autofree char *date_text = NULL;
      g_autofree char *days = NULL;
      GDate date = self->last_day;

      g_date_subtract_days (&date, self->n_days - 1 - busiest);
      /* Translators: a day without the year, as a strftime()-like format
       * for g_date_time_format(); "%-m月%-d日" in Chinese */
      date_text = format_date (&date, C_("day and month", "%-d %B"));
      /* Translators: the end of "Reviews in the past year: 412 on 63 days" */
      days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on %u day", "%u on %u days",
                                           self->active_days),
                              self->total, self->active_days);
      /* Translators: "Reviews in the past year: 412 on 63 days; most on 3 March: 25" */
      self->summary = g_strdup_printf (_("Reviews in the past year: %s; most on %s: %u"),
                                       days, date_text, self->counts[busiest]);
    }

  update_accessible (self);
}

/* chart.move-cursor: by a number of days; a week is a column. The first
 * key press lands on the last day. */
static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiHeatmap *self = SHUATI_HEATMAP (widget);

  if (self->n_days == 0)
    return;

  self->cursor = shuati_chart_move_cursor (self->cursor, g_variant_get_int32 (parameter),
                                           first_shown_day (self), self->n_days - 1,
                                           self->n_days - 1);
  update_accessible (self);
  gtk_widget_queue_draw (widget);
}

static void
shuati_heatmap_finalize (GObject *object)
{
  ShuatiHeatmap *self = (ShuatiHeatmap *)object;

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (shuati_heatmap_parent_class)->finalize (object);
}

static void
shuati_heatmap_class_init (ShuatiHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shuati_heatmap_finalize;

  widget_class->get_request_mode = shuati_heatmap_get_request_mode;
  widget_class->measure = shuati_heatmap_measure;
  widget_class->snapshot = shuati_heatmap_snapshot;
  widget_class->query_tooltip = shuati_heatmap_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /* Weeks are columns, days rows. */
  shuati_chart_class_add_cursor_keys (widget_class, move_cursor_action, 7, 1);
}

static void
shuati_heatmap_init (ShuatiHeatmap *self)
{
  g_date_clear (&self->last_day, 1);
  g_date_set_time_t (&self->last_day, time (NULL));
  self->cursor = -1;
  shuati_chart_redraw_on_focus (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
shuati_heatmap_new (void)
{
  return g_object_new (SHUATI_TYPE_HEATMAP, NULL);
}

/**
 * shuati_heatmap_set_days:
 * @self: a heatmap
 * @counts: (array length=n_days): reviews per day, the last being @last_day
 * @n_days: how many days, at most 53 weeks' worth are shown
 * @last_day: the date of the last day
 */
void
shuati_heatmap_set_days (ShuatiHeatmap *self,
                         const guint   *counts,
                         guint          n_days,
                         const GDate   *last_day)
{
  g_return_if_fail (SHUATI_IS_HEATMAP (self));
  g_return_if_fail (counts != NULL || n_days == 0);
  g_return_if_fail (last_day != NULL && g_date_valid (last_day));

  /* The statistics shown again with nothing new: the drawing stays. */
  if (self->counts != NULL && n_days == self->n_days && g_date_valid (&self->last_day) &&
      g_date_compare (last_day, &self->last_day) == 0 &&
      (n_days == 0 || memcmp (counts, self->counts, n_days * sizeof (guint)) == 0))
    return;

  g_free (self->counts);
  self->counts = g_memdup2 (counts, n_days * sizeof (guint));
  self->n_days = n_days;
  self->last_day = *last_day;
  self->max_count = 0;
  self->total = 0;
  self->active_days = 0;
  self->cursor = MIN (self->cursor, (int)n_days - 1);
  for (guint d = 0; d < n_days; d++)
    {
      self->max_count = MAX (self->max_count, counts[d]);
      self->total += counts[d];
      self->active_days += counts[d] > 0;
    }

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
shuati_heatmap_get_summary (ShuatiHeatmap *self)
{
  g_return_val_if_fail (SHUATI_IS_HEATMAP (self), NULL);

  return self->summary;
}

/**
 * shuati_heatmap_get_cursor:
 *
 * Returns: the day the arrow keys are on, 0 being the first, or -1 if
 *   none is yet
 */
int
shuati_heatmap_get_cursor (ShuatiHeatmap *self)
{
  g_return_val_if_fail (SHUATI_IS_HEATMAP (self), -1);

  return self->cursor;
}
