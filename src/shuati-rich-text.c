/* shuati-rich-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "shuati-code-block.h"
#include "shuati-markdown.h"
#include "shuati-text.h"
#include "shuati-rich-text.h"
#include "shuati-math-view.h"

/* A card text as a column of blocks, built once when the text is set:
 * consecutive paragraphs, headings and plain lists share one label, and
 * code, tables, formulas, images, quotes and rules are widgets of their
 * own. Few widgets keep a new card within a frame. */
struct _ShuatiRichText
{
  GtkWidget  parent_instance;

  GtkWidget *box;

  char      *text;
  char      *plain;
  char      *media_dir;
};

G_DEFINE_FINAL_TYPE (ShuatiRichText, shuati_rich_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_MEDIA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void build_blocks (ShuatiRichText *self, GtkWidget *box, GPtrArray *blocks);

/* The one place a display formula becomes a widget: laid out as
 * mathematics, and scrolled sideways when it is wider than the column. */
static GtkWidget *
make_math_block (const char *tex,
                 gboolean    display)
{
  GtkWidget *view = shuati_math_view_new (tex, display);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_set_halign (view, display ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card-math");
  return scroller;
}

static void
on_open_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "uri");

  if (g_strcmp0 (response, "open") == 0)
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

static gboolean
on_activate_link (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (label));
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  switch (shuati_markdown_link_policy (uri))
    {
    case SHUATI_LINK_OPEN:
      gtk_show_uri (window, uri, GDK_CURRENT_TIME);
      break;

    case SHUATI_LINK_ASK:
      {
        GtkWidget *dialog = adw_message_dialog_new (window, _("Open Link?"), NULL);

        /* Translators: %s is a link's target, such as an e-mail address */
        adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("The card links to “%s”."), uri);
        adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                          "cancel", _("_Cancel"),
                                          "open", _("_Open"),
                                          NULL);
        adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
        adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
        g_object_set_data_full (G_OBJECT (dialog), "uri", g_strdup (uri), g_free);
        g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), NULL);
        gtk_window_present (GTK_WINDOW (dialog));
      }
      break;

    case SHUATI_LINK_REFUSE:
    default:
      break;
    }

  /* Handled here: GtkLabel itself would open any scheme. */
  return TRUE;
}

static GtkWidget *
make_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *broken = shuati_markup_break_long_words (markup, 32);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The column gives the width; asking a wrapping label for its natural
   * width would lay it out again at every width tried. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_width_chars (GTK_LABEL (label), SHUATI_RICH_TEXT_MIN_CHARS);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_markup (GTK_LABEL (label), broken);
  g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), NULL);
  return label;
}

static GtkWidget *
make_table (const ShuatiMarkdownBlock *table)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  gtk_widget_add_css_class (grid, "card-table");

  for (guint r = 0; table->children != NULL && r < table->children->len; r++)
    {
      const ShuatiMarkdownBlock *row = g_ptr_array_index (table->children, r);

      for (guint c = 0; row->children != NULL && c < row->children->len; c++)
        {
          const ShuatiMarkdownBlock *cell = g_ptr_array_index (row->children, c);
          GtkWidget *label = make_label (cell->markup);

          /* A wide table scrolls sideways; its cells keep their lines,
           * and a short cell stays narrow. */
          gtk_label_set_wrap (GTK_LABEL (label), FALSE);
          gtk_label_set_width_chars (GTK_LABEL (label), -1);
          gtk_widget_add_css_class (label, "card-table-cell");
          if (row->ordered)
            gtk_widget_add_css_class (label, "card-table-header");
          switch (cell->align)
            {
            case SHUATI_MARKDOWN_ALIGN_CENTER:
              gtk_label_set_xalign (GTK_LABEL (label), 0.5);
              gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
              break;
            case SHUATI_MARKDOWN_ALIGN_RIGHT:
              gtk_label_set_xalign (GTK_LABEL (label), 1);
              gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
              break;
            case SHUATI_MARKDOWN_ALIGN_LEFT:
            case SHUATI_MARKDOWN_ALIGN_DEFAULT:
            default:
              break;
            }
          gtk_grid_attach (GTK_GRID (grid), label, c, r, 1, 1);
        }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  return scroller;
}

static void
on_image_clicked (GtkButton *button,
                  GdkPaintable *paintable)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (paintable);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), picture);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_title (GTK_WINDOW (window), gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
  gtk_window_set_default_size (GTK_WINDOW (window),
                               MIN (gdk_paintable_get_intrinsic_width (paintable), 1200),
                               MIN (gdk_paintable_get_intrinsic_height (paintable), 900));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
make_image (ShuatiRichText            *self,
            const ShuatiMarkdownBlock *image)
{
  g_autofree char *path = shuati_markdown_resolve_image (self->media_dir, image->text);
  const char *alt = image->markup != NULL && *image->markup != '\0' ? image->markup : NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *button;
  GtkWidget *picture;

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      texture = gdk_texture_new_from_file (file, NULL);
    }

  if (texture == NULL)
    {
      g_autofree char *shown = NULL;
      GtkWidget *label;

      /* Translators: shown in place of an image that cannot be shown; %s is its description */
      shown = alt != NULL ? g_strdup_printf (_("Missing image: %s"), alt) : g_strdup (_("Missing image"));
      label = gtk_label_new (shown);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (label, image->text);
      gtk_widget_add_css_class (label, "missing-image");
      return label;
    }

  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "card-image");
  gtk_widget_set_tooltip_text (button, alt != NULL ? alt : _("Image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alt != NULL ? alt : _("Image"),
                                  -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_image_clicked),
                         g_object_ref (texture), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return button;
}

/* A list whose items hold more than text: a marker beside each item's
 * own column of blocks. */
static GtkWidget *
make_list (ShuatiRichText            *self,
           const ShuatiMarkdownBlock *list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 0; list->children != NULL && i < list->children->len; i++)
    {
      const ShuatiMarkdownBlock *item = g_ptr_array_index (list->children, i);
      /* A grid, not a row of boxes: a row asks the item's wrapping text
       * for its width at each height it tries, laying it out again at
       * every step; a grid gives the column its width, then asks for the
       * height at that width. */
      GtkWidget *row = gtk_grid_new ();
      GtkWidget *marker = gtk_label_new (item->marker);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

      gtk_grid_set_column_spacing (GTK_GRID (row), 8);
      gtk_widget_set_valign (marker, GTK_ALIGN_START);
      gtk_widget_set_hexpand (column, TRUE);
      gtk_grid_attach (GTK_GRID (row), marker, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (row), column, 1, 0, 1, 1);
      if (item->children != NULL)
        build_blocks (self, column, item->children);
      gtk_box_append (GTK_BOX (box), row);
    }

  return box;
}

static void
build_blocks (ShuatiRichText *self,
              GtkWidget      *box,
              GPtrArray      *blocks)
{
  guint i = 0;

  while (i < blocks->len)
    {
      const ShuatiMarkdownBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *child = NULL;

      if (shuati_markdown_is_text_block (block))
        {
          guint end = i + 1;
          g_autofree char *markup = NULL;

          while (end < blocks->len && shuati_markdown_is_text_block (g_ptr_array_index (blocks, end)))
            end++;
          markup = shuati_markdown_blocks_to_pango (blocks, i, end);
          gtk_box_append (GTK_BOX (box), make_label (markup));
          i = end;
          continue;
        }

      switch (block->kind)
        {
        case SHUATI_MARKDOWN_QUOTE:
          child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
          gtk_widget_add_css_class (child, "card-quote");
          if (block->children != NULL)
            build_blocks (self, child, block->children);
          break;

        case SHUATI_MARKDOWN_LIST:
          child = make_list (self, block);
          break;

        case SHUATI_MARKDOWN_RULE:
          child = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
          break;

        case SHUATI_MARKDOWN_CODE:
          child = shuati_code_block_new (block->language, block->text);
          break;

        case SHUATI_MARKDOWN_TABLE:
          child = make_table (block);
          break;

        case SHUATI_MARKDOWN_MATH:
          child = make_math_block (block->text, TRUE);
          break;

        case SHUATI_MARKDOWN_IMAGE:
          child = make_image (self, block);
          break;

        default:
          break;
        }

      if (child != NULL)
        gtk_box_append (GTK_BOX (box), child);
      i++;
    }
}

static void
rebuild (ShuatiRichText *self)
{
  GtkWidget *child;
  g_autofree char *clipped = NULL;
  g_autoptr(GPtrArray) blocks = NULL;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_clear_pointer (&self->plain, g_free);

  if (self->text == NULL || self->text[0] == '\0')
    {
      self->plain = g_strdup ("");
      return;
    }

  /* A field of any length shows at once: cut to what lays out quickly. */
  clipped = shuati_text_clip_for_display (self->text, SHUATI_TEXT_DISPLAY_MAX_CHARS, NULL);
  blocks = shuati_markdown_parse (clipped);
  self->plain = shuati_markdown_blocks_to_plain (blocks);
  build_blocks (self, self->box, blocks);
}

static GtkSizeRequestMode
shuati_rich_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* A column of text is as tall as its width makes it. Asked for its width
 * at a given height, it gives its widths for any height: searching for
 * the narrowest width at which it fits that height would lay every
 * paragraph out again at each width tried. */
static void
shuati_rich_text_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (widget);

  gtk_widget_measure (self->box, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
shuati_rich_text_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
shuati_rich_text_dispose (GObject *object)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_RICH_TEXT);

  G_OBJECT_CLASS (shuati_rich_text_parent_class)->dispose (object);
}

static void
shuati_rich_text_finalize (GObject *object)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->plain, g_free);
  g_clear_pointer (&self->media_dir, g_free);

  G_OBJECT_CLASS (shuati_rich_text_parent_class)->finalize (object);
}

static void
shuati_rich_text_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MEDIA_DIR:
      g_value_set_string (value, self->media_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_rich_text_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiRichText *self = SHUATI_RICH_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      shuati_rich_text_set_text (self, g_value_get_string (value));
      break;
    case PROP_MEDIA_DIR:
      shuati_rich_text_set_media_dir (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_rich_text_class_init (ShuatiRichTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_rich_text_dispose;
  object_class->finalize = shuati_rich_text_finalize;
  object_class->get_property = shuati_rich_text_get_property;
  object_class->set_property = shuati_rich_text_set_property;

  widget_class->get_request_mode = shuati_rich_text_get_request_mode;
  widget_class->measure = shuati_rich_text_measure;
  widget_class->size_allocate = shuati_rich_text_size_allocate;

  /* The card text, in Markdown. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The deck's media folder: the only place images are read from. */
  properties[PROP_MEDIA_DIR] =
    g_param_spec_string ("media-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-rich-text.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiRichText, box);
  gtk_widget_class_set_css_name (widget_class, "richtext");
}

static void
shuati_rich_text_init (ShuatiRichText *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->plain = g_strdup ("");
}

GtkWidget *
shuati_rich_text_new (void)
{
  return g_object_new (SHUATI_TYPE_RICH_TEXT, NULL);
}

/**
 * shuati_rich_text_set_text:
 * @text: (nullable): a card text in Markdown
 *
 * Shows @text, building its blocks now.
 */
void
shuati_rich_text_set_text (ShuatiRichText *self,
                           const char     *text)
{
  g_return_if_fail (SHUATI_IS_RICH_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
shuati_rich_text_get_text (ShuatiRichText *self)
{
  g_return_val_if_fail (SHUATI_IS_RICH_TEXT (self), NULL);
  return self->text;
}

/**
 * shuati_rich_text_get_plain:
 *
 * Returns: (transfer none): what is shown, as one line of plain text
 *   (shuati_markdown_to_plain()), "" when nothing is
 */
const char *
shuati_rich_text_get_plain (ShuatiRichText *self)
{
  g_return_val_if_fail (SHUATI_IS_RICH_TEXT (self), NULL);
  return self->plain;
}

/**
 * shuati_rich_text_set_media_dir:
 * @media_dir: (nullable): the deck's media folder, an absolute path
 */
void
shuati_rich_text_set_media_dir (ShuatiRichText *self,
                                const char     *media_dir)
{
  g_return_if_fail (SHUATI_IS_RICH_TEXT (self));

  if (g_strcmp0 (self->media_dir, media_dir) == 0)
    return;

  g_free (self->media_dir);
  self->media_dir = g_strdup (media_dir);
  /* Only images depend on the folder. */
  if (self->text != NULL && strstr (self->text, "![") != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_DIR]);
}

const char *
shuati_rich_text_get_media_dir (ShuatiRichText *self)
{
  g_return_val_if_fail (SHUATI_IS_RICH_TEXT (self), NULL);
  return self->media_dir;
}

/**
 * shuati_rich_text_media_dir_for_deck:
 * @deck_id: (nullable): a deck id
 *
 * Returns: (transfer full) (nullable): where the deck's images are,
 *   `<user data>/shuati/decks/<deck-id>/media`
 */
char *
shuati_rich_text_media_dir_for_deck (const char *deck_id)
{
  if (deck_id == NULL || *deck_id == '\0' || strchr (deck_id, '/') != NULL ||
      g_str_equal (deck_id, ".") || g_str_equal (deck_id, ".."))
    return NULL;
  return g_build_filename (g_get_user_data_dir (), "shuati", "decks", deck_id, "media", NULL);
}
