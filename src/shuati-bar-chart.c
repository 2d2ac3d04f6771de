/* shuati-bar-chart.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-chart.h"
#include "shuati-bar-chart.h"

#define BAR_AREA_HEIGHT 120
#define BAR_GAP 2.0
#define LABEL_GAP 4.0

struct _ShuatiBarChart
{
  GtkWidget   parent_instance;

  guint      *values;
  GStrv       labels;
  GStrv       tooltips;
  guint       n_bars;
  guint       max_value;
  int         highlight;
  char       *summary;
  /* The bar the keyboard is on, or -1 before an arrow key is pressed. */
  int         cursor;
};

G_DEFINE_FINAL_TYPE (ShuatiBarChart, shuati_bar_chart, GTK_TYPE_WIDGET)


static double
label_height (ShuatiBarChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* The left margin holds the largest value, as the scale of the chart. */
static double
axis_width (ShuatiBarChart *self)
{
  g_autofree char *text = g_strdup_printf ("%u", self->max_value);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + LABEL_GAP;
}

static void
shuati_bar_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ShuatiBarChart *self = SHUATI_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = axis_width (self) + self->n_bars * 3;
      *natural = axis_width (self) + self->n_bars * 16;
    }
  else
    {
      *minimum = *natural = BAR_AREA_HEIGHT + LABEL_GAP + label_height (self);
    }
}

int
shuati_bar_chart_get_bar_at (ShuatiBarChart *self,
                             double          x)
{
  double left, step;
  int index;

  g_return_val_if_fail (SHUATI_IS_BAR_CHART (self), -1);

  if (self->n_bars == 0)
    return -1;
  left = axis_width (self);
  step = (gtk_widget_get_width (GTK_WIDGET (self)) - left) / self->n_bars;
  if (step <= 0 || x < left)
    return -1;
  index = (int)((x - left) / step);
  return index < (int)self->n_bars ? index : -1;
}

static void
shuati_bar_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ShuatiBarChart *self = SHUATI_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  double left = axis_width (self);
  double step;
  double label_right = -G_MAXDOUBLE;
  GdkRGBA accent, warning, fg, grid;

  shuati_chart_lookup_color (widget, "accent_bg_color", &accent);
  shuati_chart_lookup_color (widget, "warning_bg_color", &warning);
  shuati_chart_get_foreground (widget, &fg);
  grid = fg;
  grid.alpha *= 0.15;

  /* Baseline and the scale. */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (left, BAR_AREA_HEIGHT, width - left, 1));
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (left, 0, width - left, 1));
  {
    g_autofree char *text = g_strdup_printf ("%u", self->max_value);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
    GdkRGBA dim = fg;

    dim.alpha *= 0.7;
    gtk_snapshot_append_layout (snapshot, layout, &dim);
  }

  if (self->n_bars == 0)
    return;

  step = (width - left) / self->n_bars;
  for (guint i = 0; i < self->n_bars; i++)
    {
      double x = left + i * step;
      double h = self->max_value > 0 ? (double)self->values[i] / self->max_value * (BAR_AREA_HEIGHT - 2) : 0;
      double w = MAX (1.0, step - BAR_GAP);

      if (self->values[i] > 0)
        {
          GskRoundedRect bar;
          float r = MIN (3.0f, (float)w / 2);

          h = MAX (h, 2.0);
          gsk_rounded_rect_init (&bar, &GRAPHENE_RECT_INIT (x + BAR_GAP / 2, BAR_AREA_HEIGHT - h, w, h),
                                 &GRAPHENE_SIZE_INIT (r, r), &GRAPHENE_SIZE_INIT (r, r),
                                 &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
          gtk_snapshot_push_rounded_clip (snapshot, &bar);
          gtk_snapshot_append_color (snapshot, (int)i == self->highlight ? &warning : &accent, &bar.bounds);
          gtk_snapshot_pop (snapshot);
        }

      if ((int)i == self->cursor && gtk_widget_has_visible_focus (widget))
        shuati_chart_append_focus_ring (widget, snapshot,
                                        &GRAPHENE_RECT_INIT (x + BAR_GAP / 2, 2, w, BAR_AREA_HEIGHT - 2),
                                        MIN (3.0f, (float)w / 2));

      /* Labels that would overlap the one before are left out. */
      if (self->labels != NULL && self->labels[i] != NULL && self->labels[i][0] != '\0')
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->labels[i]);
          int label_width;
          double lx;

          pango_layout_get_pixel_size (layout, &label_width, NULL);
          lx = CLAMP (x + step / 2 - label_width / 2.0, 0, width - label_width);
          if (lx > label_right + LABEL_GAP)
            {
              GdkRGBA dim = fg;

              dim.alpha *= 0.7;
              gtk_snapshot_save (snapshot);
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (lx, BAR_AREA_HEIGHT + LABEL_GAP));
              gtk_snapshot_append_layout (snapshot, layout, &dim);
              gtk_snapshot_restore (snapshot);
              label_right = lx + label_width;
            }
        }
    }
}

static gboolean
shuati_bar_chart_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  ShuatiBarChart *self = SHUATI_BAR_CHART (widget);
  int index;

  /* From the keyboard: the bar the arrow keys are on, or the summary. */
  if (keyboard_mode && self->cursor < 0)
    {
      if (self->summary == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, self->summary);
      return TRUE;
    }

  index = keyboard_mode ? self->cursor : shuati_bar_chart_get_bar_at (self, x);
  if (index < 0 || self->tooltips == NULL || self->tooltips[index] == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltips[index]);
  return TRUE;
}

/* A screen reader reads the summary, then the bar the keyboard is on. */
static void
update_description (ShuatiBarChart *self)
{
  const char *tooltip = NULL;

  if (self->cursor >= 0 && self->tooltips != NULL)
    tooltip = self->tooltips[self->cursor];
  shuati_chart_set_cursor_description (GTK_WIDGET (self), tooltip);
}

/* chart.move-cursor: by a number of bars. The first key press lands on
 * the first bar. */
static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShuatiBarChart *self = SHUATI_BAR_CHART (widget);

  if (self->n_bars == 0)
    return;

  self->cursor = shuati_chart_move_cursor (self->cursor, g_variant_get_int32 (parameter),
                                           0, self->n_bars - 1, 0);
  update_description (self);
  gtk_widget_queue_draw (widget);
}

static void
shuati_bar_chart_finalize (GObject *object)
{
  ShuatiBarChart *self = (ShuatiBarChart *)object;

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->tooltips, g_strfreev);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (shuati_bar_chart_parent_class)->finalize (object);
}

static void
shuati_bar_chart_class_init (ShuatiBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = shuati_bar_chart_finalize;

  widget_class->measure = shuati_bar_chart_measure;
  widget_class->snapshot = shuati_bar_chart_snapshot;
  widget_class->query_tooltip = shuati_bar_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  shuati_chart_class_add_cursor_keys (widget_class, move_cursor_action, 1, 0);
}

static void
shuati_bar_chart_init (ShuatiBarChart *self)
{
  self->highlight = -1;
  self->cursor = -1;
  shuati_chart_redraw_on_focus (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
shuati_bar_chart_new (void)
{
  return g_object_new (SHUATI_TYPE_BAR_CHART, NULL);
}

/**
 * shuati_bar_chart_set_bars:
 * @self: a bar chart
 * @values: (array length=n_bars): the height of each bar
 * @labels: (nullable) (array length=n_bars): text under each bar, %NULL
 *   or empty for none; labels that would overlap are skipped
 * @tooltips: (nullable) (array length=n_bars): the tooltip of each bar
 * @n_bars: how many bars
 */
static gboolean
same_texts (char * const       *mine,
            const char * const *texts,
            guint               n)
{
  if (mine == NULL || texts == NULL)
    return mine == NULL && texts == NULL;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (mine[i], texts[i]) != 0)
      return FALSE;
  return TRUE;
}

void
shuati_bar_chart_set_bars (ShuatiBarChart     *self,
                           const guint        *values,
                           const char * const *labels,
                           const char * const *tooltips,
                           guint               n_bars)
{
  g_return_if_fail (SHUATI_IS_BAR_CHART (self));
  g_return_if_fail (values != NULL || n_bars == 0);

  /* The same bars, as when the statistics are shown again with nothing
   * new: no new layout of the window. */
  if (n_bars == self->n_bars && (n_bars == 0 || memcmp (values, self->values, n_bars * sizeof (guint)) == 0) &&
      same_texts (self->labels, labels, n_bars) && same_texts (self->tooltips, tooltips, n_bars))
    return;

  g_free (self->values);
  self->values = g_memdup2 (values, n_bars * sizeof (guint));
  self->n_bars = n_bars;
  self->max_value = 0;
  for (guint i = 0; i < n_bars; i++)
    self->max_value = MAX (self->max_value, values[i]);

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->tooltips, g_strfreev);
  if (labels != NULL)
    {
      self->labels = g_new0 (char *, n_bars + 1);
      for (guint i = 0; i < n_bars; i++)
        self->labels[i] = g_strdup (labels[i]);
    }
  if (tooltips != NULL)
    {
      self->tooltips = g_new0 (char *, n_bars + 1);
      for (guint i = 0; i < n_bars; i++)
        self->tooltips[i] = g_strdup (tooltips[i]);
    }
  self->cursor = MIN (self->cursor, (int)n_bars - 1);
  update_description (self);

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * shuati_bar_chart_set_highlight:
 * @self: a bar chart
 * @index: the bar drawn in the warning colour, or -1 for none
 */
void
shuati_bar_chart_set_highlight (ShuatiBarChart *self,
                                int             index)
{
  g_return_if_fail (SHUATI_IS_BAR_CHART (self));

  self->highlight = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
shuati_bar_chart_get_n_bars (ShuatiBarChart *self)
{
  g_return_val_if_fail (SHUATI_IS_BAR_CHART (self), 0);

  return self->n_bars;
}

guint
shuati_bar_chart_get_value (ShuatiBarChart *self,
                            guint           index)
{
  g_return_val_if_fail (SHUATI_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->n_bars, 0);

  return self->values[index];
}

/**
 * shuati_bar_chart_get_cursor:
 *
 * Returns: the bar the arrow keys are on, or -1 if none is yet
 */
int
shuati_bar_chart_get_cursor (ShuatiBarChart *self)
{
  g_return_val_if_fail (SHUATI_IS_BAR_CHART (self), -1);

  return self->cursor;
}

const char *
shuati_bar_chart_get_summary (ShuatiBarChart *self)
{
  g_return_val_if_fail (SHUATI_IS_BAR_CHART (self), NULL);

  return self->summary;
}

/**
 * shuati_bar_chart_set_summary:
 * @self: a bar chart
 * @summary: the chart's content in words
 *
 * Sets what screen readers say for the chart, and its tooltip when it is
 * focused from the keyboard.
 */
void
shuati_bar_chart_set_summary (ShuatiBarChart *self,
                              const char     *summary)
{
  g_return_if_fail (SHUATI_IS_BAR_CHART (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, summary ? summary : "",
                                    -1);
}
