/* shuati-browser-cell.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of the card browser: a line of text, ellipsized or right
 * aligned. GTK 4.8's list view keeps up to 200 rows of 14 cells and
 * measures them all; a label lays out its whole text to be measured.
 * This cell is one line high whatever its text, so measuring it lays out
 * nothing, and its text is laid out only when it is drawn. The browser's
 * columns have widths of their own: cells never size them.
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "shuati-browser-cell.h"

struct _ShuatiBrowserCell
{
  GtkWidget    parent_instance;

  const char  *text;      /* borrowed from owner */
  GObject     *owner;
  PangoLayout *layout;    /* made when first drawn */
  int          layout_width;
  guint        numeric : 1;
};

G_DEFINE_FINAL_TYPE (ShuatiBrowserCell, shuati_browser_cell, GTK_TYPE_WIDGET)

/* The height of a line in a font, the same for every cell in it: a
 * sample with a capital, a descender and a CJK character covers the
 * fonts a line of any text in the browser falls back to. */
typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   height;
} LineHeight;

static GArray *line_heights;

int
shuati_browser_cell_get_line_height (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoLayout) layout = NULL;
  LineHeight entry;

  if (line_heights == NULL)
    line_heights = g_array_new (FALSE, FALSE, sizeof (LineHeight));
  for (guint i = 0; i < line_heights->len; i++)
    {
      LineHeight *known = &g_array_index (line_heights, LineHeight, i);

      if (known->resolution == resolution && pango_font_description_equal (known->font, font))
        return known->height;
    }

  layout = pango_layout_new (context);
  pango_layout_set_text (layout, "Ag\u6c49\u5b57", -1);
  entry.font = pango_font_description_copy (font);
  entry.resolution = resolution;
  pango_layout_get_pixel_size (layout, NULL, &entry.height);
  /* A few fonts and scales over a session; never many. */
  if (line_heights->len >= 16)
    {
      pango_font_description_free (g_array_index (line_heights, LineHeight, 0).font);
      g_array_remove_index (line_heights, 0);
    }
  g_array_append_val (line_heights, entry);
  return entry.height;
}

static void
shuati_browser_cell_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = shuati_browser_cell_get_line_height (widget);
}

static void
ensure_layout (ShuatiBrowserCell *self,
               int                width)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->numeric)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          /* Digits of one width, so that numbers line up. */
          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
      else
        pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      self->layout_width = -1;
    }
  if (!self->numeric && self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }
}

static void
shuati_browser_cell_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ShuatiBrowserCell *self = SHUATI_BROWSER_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_width, text_height, x;
  GdkRGBA color;

  if (self->text == NULL || self->text[0] == '\0' || width <= 0)
    return;

  ensure_layout (self, width);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);
  /* Numbers to the right, as in a table; text from the reading start. */
  if (self->numeric == (gtk_widget_get_direction (widget) != GTK_TEXT_DIR_RTL))
    x = width - text_width;
  else
    x = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* A new font, direction or style: the text is laid out again. */
static void
shuati_browser_cell_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  ShuatiBrowserCell *self = SHUATI_BROWSER_CELL (widget);

  GTK_WIDGET_CLASS (shuati_browser_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
}

static void
shuati_browser_cell_direction_changed (GtkWidget        *widget,
                                       GtkTextDirection  previous)
{
  g_clear_object (&SHUATI_BROWSER_CELL (widget)->layout);
  GTK_WIDGET_CLASS (shuati_browser_cell_parent_class)->direction_changed (widget, previous);
}

static void
shuati_browser_cell_dispose (GObject *object)
{
  ShuatiBrowserCell *self = SHUATI_BROWSER_CELL (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->owner);
  self->text = NULL;

  G_OBJECT_CLASS (shuati_browser_cell_parent_class)->dispose (object);
}

static void
shuati_browser_cell_class_init (ShuatiBrowserCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_browser_cell_dispose;
  widget_class->measure = shuati_browser_cell_measure;
  widget_class->snapshot = shuati_browser_cell_snapshot;
  widget_class->css_changed = shuati_browser_cell_css_changed;
  widget_class->direction_changed = shuati_browser_cell_direction_changed;

  /* Styled as the label it stands for. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
shuati_browser_cell_init (ShuatiBrowserCell *self)
{
}

/**
 * shuati_browser_cell_new:
 * @numeric: whether the cell shows a number (right aligned, digits of
 *   one width) rather than text (ellipsized)
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
shuati_browser_cell_new (gboolean numeric)
{
  ShuatiBrowserCell *self = g_object_new (SHUATI_TYPE_BROWSER_CELL, NULL);

  self->numeric = !!numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  return GTK_WIDGET (self);
}

/**
 * shuati_browser_cell_set_text:
 * @text: (nullable): the text, which stays @owner's
 * @owner: (nullable): what keeps @text; the cell holds it while it
 *   shows @text
 *
 * Shows @text.
 */
void
shuati_browser_cell_set_text (ShuatiBrowserCell *self,
                              const char        *text,
                              GObject           *owner)
{
  g_autoptr(GObject) old_owner = NULL;

  g_return_if_fail (SHUATI_IS_BROWSER_CELL (self));

  if (text == self->text)
    return;
  /* The old text stays its owner's until compared. */
  old_owner = g_steal_pointer (&self->owner);
  self->owner = owner != NULL ? g_object_ref (owner) : NULL;
  if (g_strcmp0 (text, self->text) != 0)
    {
      g_clear_object (&self->layout);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
    }
  self->text = text;
}

const char *
shuati_browser_cell_get_text (ShuatiBrowserCell *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_CELL (self), NULL);
  return self->text;
}
