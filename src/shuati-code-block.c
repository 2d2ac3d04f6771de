/* shuati-code-block.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "shuati-code-block.h"

/* A fenced code block of a card: highlighted, exactly as written, scrolled
 * sideways rather than wrapped, with its language and a Copy button.
 *
 * The code is one selectable label, laid out once. A GtkSourceView would
 * lay each line out twice before the first frame (for its size, then again
 * to draw it) and highlight in between; here GtkSourceView's highlighting
 * engine runs on a buffer no view shows, after the block is first drawn,
 * and its colours become the label's attributes. */
struct _ShuatiCodeBlock
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *header;
  GtkLabel      *language_label;
  GtkLabel      *code_label;

  char          *code;
  const char    *language_id;
  guint          highlight_source;
  gboolean       highlighted;

  /* Nothing in the block wraps, so its size does not depend on the size
   * it is measured for: it is measured once per orientation, text,
   * colours and font, not again at every width a parent tries. */
  int            minimum[2];
  int            natural[2];
  gboolean       measured[2];
  guint          font_key;
};

G_DEFINE_FINAL_TYPE (ShuatiCodeBlock, shuati_code_block, GTK_TYPE_WIDGET)

/* What people write after the fence, and GtkSourceView's name for it. */
static const struct {
  const char *fence;
  const char *id;
} aliases[] = {
  { "python", "python3" }, { "py", "python3" }, { "python3", "python3" }, { "pytorch", "python3" },
  { "bash", "sh" }, { "shell", "sh" }, { "zsh", "sh" }, { "console", "sh" }, { "sh", "sh" },
  { "javascript", "js" }, { "js", "js" }, { "ts", "typescript" },
  { "c++", "cpp" }, { "cxx", "cpp" }, { "cc", "cpp" }, { "hpp", "cpp" },
  { "yml", "yaml" }, { "rs", "rust" }, { "golang", "go" }, { "md", "markdown" },
  { "dockerfile", "docker" }, { "jsonc", "json" },
};

/**
 * shuati_code_block_language_id:
 * @fence_language: (nullable): the word after a code fence
 *
 * Returns: (nullable): the GtkSourceView language id for it, or %NULL
 *   when GtkSourceView does not know the language
 */
const char *
shuati_code_block_language_id (const char *fence_language)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  g_autofree char *lower = NULL;
  GtkSourceLanguage *language;

  if (fence_language == NULL || *fence_language == '\0')
    return NULL;

  lower = g_ascii_strdown (fence_language, -1);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (lower, aliases[i].fence))
      {
        g_clear_pointer (&lower, g_free);
        lower = g_strdup (aliases[i].id);
        break;
      }

  language = gtk_source_language_manager_get_language (manager, lower);
  return language != NULL ? gtk_source_language_get_id (language) : NULL;
}

/* Setting a buffer's language builds its highlighting engine, which costs
 * far more than the rest of a card. Buffers are kept here, one per
 * language, for the next block in that language. */
static GHashTable *spare_buffers;

static GtkSourceBuffer *
take_buffer (const char *id)
{
  gpointer key = NULL;
  gpointer buffer = NULL;

  if (spare_buffers != NULL && g_hash_table_steal_extended (spare_buffers, id, &key, &buffer))
    {
      g_free (key);
      return buffer;
    }

  buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), id));
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  return buffer;
}

static void
keep_buffer (GtkSourceBuffer *buffer,
             const char      *id)
{
  if (spare_buffers == NULL)
    spare_buffers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (!g_hash_table_contains (spare_buffers, id))
    {
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "", 0);
      g_hash_table_insert (spare_buffers, g_strdup (id), g_object_ref (buffer));
    }
}

/* What a highlighting tag looks like, as Pango attributes over
 * [@start, @end) of the label's text. */
static void
add_tag_attributes (PangoAttrList *attrs,
                    GtkTextTag    *tag,
                    guint          start,
                    guint          end)
{
  gboolean foreground_set, background_set, weight_set, style_set, underline_set, strikethrough_set;
  g_autoptr(GdkRGBA) foreground = NULL;
  g_autoptr(GdkRGBA) background = NULL;
  int weight;
  PangoStyle style;
  PangoUnderline underline;
  gboolean strikethrough;
  PangoAttribute *attr;

  g_object_get (tag,
                "foreground-set", &foreground_set, "foreground-rgba", &foreground,
                "background-set", &background_set, "background-rgba", &background,
                "weight-set", &weight_set, "weight", &weight,
                "style-set", &style_set, "style", &style,
                "underline-set", &underline_set, "underline", &underline,
                "strikethrough-set", &strikethrough_set, "strikethrough", &strikethrough,
                NULL);

#define ADD(make) G_STMT_START { attr = (make); attr->start_index = start; attr->end_index = end; pango_attr_list_insert (attrs, attr); } G_STMT_END
  if (foreground_set && foreground != NULL)
    ADD (pango_attr_foreground_new (foreground->red * 65535, foreground->green * 65535, foreground->blue * 65535));
  if (background_set && background != NULL)
    ADD (pango_attr_background_new (background->red * 65535, background->green * 65535, background->blue * 65535));
  if (weight_set)
    ADD (pango_attr_weight_new (weight));
  if (style_set)
    ADD (pango_attr_style_new (style));
  if (underline_set)
    ADD (pango_attr_underline_new (underline));
  if (strikethrough_set)
    ADD (pango_attr_strikethrough_new (strikethrough));
#undef ADD
}

/**
 * shuati_code_block_highlight:
 * @language_id: a GtkSourceView language id
 * @code: valid UTF-8
 * @dark: whether to use the dark style scheme
 *
 * Highlights @code with GtkSourceView's engine and the Adwaita (or
 * Adwaita-dark) scheme.
 *
 * Returns: (transfer full): the highlighting as attributes over the bytes
 *   of @code
 */
PangoAttrList *
shuati_code_block_highlight (const char *language_id,
                             const char *code,
                             gboolean    dark)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;
  g_autoptr(GArray) line_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoAttrList *attrs = pango_attr_list_new ();
  GtkTextIter iter, end;
  guint zero = 0;

  g_return_val_if_fail (language_id != NULL, attrs);
  g_return_val_if_fail (code != NULL, attrs);

  buffer = take_buffer (language_id);
  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &iter, &end);
  gtk_source_buffer_ensure_highlight (buffer, &iter, &end);

  /* Iterators count characters per line; the label counts bytes. */
  g_array_append_val (line_starts, zero);
  for (const char *c = code; *c != '\0'; c++)
    if (*c == '\n')
      {
        guint next = c + 1 - code;
        g_array_append_val (line_starts, next);
      }

  while (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter next = iter;
      g_autoptr(GSList) tags = NULL;
      guint from, to;

      gtk_text_iter_forward_to_tag_toggle (&next, NULL);
      tags = gtk_text_iter_get_tags (&iter);
      if (tags != NULL)
        {
          from = g_array_index (line_starts, guint, gtk_text_iter_get_line (&iter)) + gtk_text_iter_get_line_index (&iter);
          to = gtk_text_iter_is_end (&next) ? strlen (code)
               : g_array_index (line_starts, guint, gtk_text_iter_get_line (&next)) + gtk_text_iter_get_line_index (&next);
          /* Lowest priority first: a later attribute wins. */
          for (GSList *t = tags; t != NULL; t = t->next)
            add_tag_attributes (attrs, t->data, from, to);
        }
      iter = next;
    }

  keep_buffer (buffer, language_id);
  return attrs;
}

static void
apply_highlight (ShuatiCodeBlock *self)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  attrs = shuati_code_block_highlight (self->language_id, self->code,
                                       adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_label_set_attributes (self->code_label, attrs);
  self->highlighted = TRUE;
  /* Bold or italic words change the code's width. */
  self->measured[0] = self->measured[1] = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
highlight_idle (gpointer user_data)
{
  ShuatiCodeBlock *self = user_data;

  self->highlight_source = 0;
  apply_highlight (self);
  return G_SOURCE_REMOVE;
}

/* Highlighting waits until the block has been drawn plain: a card shows at
 * once, its colours a moment later. */
static void
schedule_highlight (ShuatiCodeBlock *self)
{
  if (self->language_id == NULL || self->highlight_source != 0)
    return;
  self->highlight_source = g_idle_add_full (G_PRIORITY_LOW, highlight_idle, self, NULL);
}

static void
on_dark_changed (ShuatiCodeBlock *self)
{
  if (self->highlighted)
    schedule_highlight (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->code);
}

static void
shuati_code_block_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (widget);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->code_label));
  guint font_key = pango_font_description_hash (pango_context_get_font_description (context)) ^
                   (guint) (pango_cairo_context_get_resolution (context) * 16) ^
                   (guint) gtk_widget_get_scale_factor (widget) << 24;

  if (font_key != self->font_key)
    {
      self->measured[0] = self->measured[1] = FALSE;
      self->font_key = font_key;
    }

  if (!self->measured[orientation])
    {
      gtk_widget_measure (self->box, orientation, -1,
                          &self->minimum[orientation], &self->natural[orientation], NULL, NULL);
      /* The code is never scrolled up and down, only sideways: the block
       * asks for the whole height of its text as its minimum. */
      if (orientation == GTK_ORIENTATION_VERTICAL)
        self->minimum[orientation] = MAX (self->minimum[orientation], self->natural[orientation]);
      self->measured[orientation] = TRUE;
    }

  *minimum = self->minimum[orientation];
  *natural = MAX (self->natural[orientation], *minimum);
  *minimum_baseline = *natural_baseline = -1;
}

static void
shuati_code_block_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (widget);

  GTK_WIDGET_CLASS (shuati_code_block_parent_class)->snapshot (widget, snapshot);
  if (!self->highlighted)
    schedule_highlight (self);
}

static void
shuati_code_block_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

/* The scroller takes the height measured above; that stays inside. */
static void
shuati_code_block_compute_expand (GtkWidget *widget,
                                  gboolean  *hexpand,
                                  gboolean  *vexpand)
{
  *hexpand = FALSE;
  *vexpand = FALSE;
}

static void
shuati_code_block_dispose (GObject *object)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (object);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_CODE_BLOCK);

  G_OBJECT_CLASS (shuati_code_block_parent_class)->dispose (object);
}

static void
shuati_code_block_finalize (GObject *object)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (object);

  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (shuati_code_block_parent_class)->finalize (object);
}

static void
shuati_code_block_class_init (ShuatiCodeBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_code_block_dispose;
  object_class->finalize = shuati_code_block_finalize;

  gtk_source_init ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-code-block.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, header);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, language_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, code_label);
  widget_class->measure = shuati_code_block_measure;
  widget_class->snapshot = shuati_code_block_snapshot;
  widget_class->size_allocate = shuati_code_block_size_allocate;
  widget_class->compute_expand = shuati_code_block_compute_expand;
  gtk_widget_class_set_css_name (widget_class, "codeblock");

  gtk_widget_class_install_action (widget_class, "code.copy", NULL, copy_action);
}

static void
shuati_code_block_init (ShuatiCodeBlock *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * shuati_code_block_new:
 * @language: (nullable): the word after the fence
 * @code: the code, shown exactly as written
 */
GtkWidget *
shuati_code_block_new (const char *language,
                       const char *code)
{
  ShuatiCodeBlock *self = g_object_new (SHUATI_TYPE_CODE_BLOCK, NULL);

  self->code = g_strdup (code != NULL ? code : "");
  self->language_id = shuati_code_block_language_id (language);

  /* The fence's word as written: it is the name the author knows. */
  gtk_label_set_text (self->language_label, language != NULL && *language != '\0' ? language : C_("code block without a language", "Code"));
  gtk_label_set_text (self->code_label, self->code);
  if (self->language_id != NULL)
    g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                             G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (self->language_label),
                                  -1);

  return GTK_WIDGET (self);
}

/**
 * shuati_code_block_get_code:
 *
 * Returns: (transfer none): the code shown, which Copy puts on the clipboard
 */
const char *
shuati_code_block_get_code (ShuatiCodeBlock *self)
{
  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), NULL);
  return self->code;
}

/**
 * shuati_code_block_get_language_id:
 *
 * Returns: (nullable): the GtkSourceView language highlighting the code
 */
const char *
shuati_code_block_get_language_id (ShuatiCodeBlock *self)
{
  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), NULL);
  return self->language_id;
}

/**
 * shuati_code_block_get_view:
 *
 * Returns: (transfer none): the label showing the code
 */
GtkWidget *
shuati_code_block_get_view (ShuatiCodeBlock *self)
{
  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), NULL);
  return GTK_WIDGET (self->code_label);
}

/**
 * shuati_code_block_get_highlighted:
 *
 * Returns: whether the code has its colours yet: they come once the block
 *   has been drawn
 */
gboolean
shuati_code_block_get_highlighted (ShuatiCodeBlock *self)
{
  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), FALSE);
  return self->highlighted;
}
