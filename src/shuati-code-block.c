/* shuati-code-block.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "shuati-code-block.h"

/* A fenced code block of a card: highlighted, exactly as written, scrolled
 * sideways rather than wrapped, with its language and a Copy button. */
struct _ShuatiCodeBlock
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *header;
  GtkLabel      *language_label;
  GtkSourceView *view;

  char          *code;
  guint          n_lines;
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

static void
update_scheme (GtkSourceBuffer *buffer,
               GParamSpec      *pspec,
               AdwStyleManager *style)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *name = adw_style_manager_get_dark (style) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, name));
}

/* Setting a buffer's language builds its highlighting engine, which costs
 * far more than the rest of a card. A closed code block leaves its buffer
 * here, one per language, for the next block in that language. */
static GHashTable *spare_buffers;

static void
keep_buffer (GtkSourceBuffer *buffer)
{
  GtkSourceLanguage *language = gtk_source_buffer_get_language (buffer);

  if (language == NULL)
    return;
  if (spare_buffers == NULL)
    spare_buffers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (!g_hash_table_contains (spare_buffers, gtk_source_language_get_id (language)))
    g_hash_table_insert (spare_buffers, g_strdup (gtk_source_language_get_id (language)), g_object_ref (buffer));
}

static GtkSourceBuffer *
take_buffer (const char *id)
{
  gpointer key = NULL;
  gpointer buffer = NULL;

  if (spare_buffers == NULL || !g_hash_table_steal_extended (spare_buffers, id, &key, &buffer))
    return NULL;
  g_free (key);
  return buffer;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ShuatiCodeBlock *self = SHUATI_CODE_BLOCK (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->code);
}

/* The code is never scrolled up and down, only sideways: the block asks
 * for the whole height of its text as its minimum. */
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

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* The text view knows its height only once it has laid out its
       * lines, in idle time; the lines' count and font say it now. */
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->view), "Xg");
      int header = 0;
      int line = 0;
      int height;

      gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, -1, NULL, &header, NULL, NULL);
      pango_layout_get_pixel_size (layout, NULL, &line);
      height = header + (int) self->n_lines * line +
               gtk_text_view_get_top_margin (GTK_TEXT_VIEW (self->view)) +
               gtk_text_view_get_bottom_margin (GTK_TEXT_VIEW (self->view)) + 2;
      *minimum = MAX (*minimum, MAX (*natural, height));
      *natural = *minimum;
      *minimum_baseline = *natural_baseline = -1;
    }
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

  if (self->view != NULL)
    keep_buffer (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view))));
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
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-code-block.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, header);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, language_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCodeBlock, view);
  widget_class->measure = shuati_code_block_measure;
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
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *id = shuati_code_block_language_id (language);

  self->code = g_strdup (code != NULL ? code : "");
  self->n_lines = 1;
  for (const char *c = self->code; *c != '\0'; c++)
    if (*c == '\n')
      self->n_lines++;

  /* The fence's word as written: it is the name the author knows. */
  gtk_label_set_text (self->language_label, language != NULL && *language != '\0' ? language : C_("code block without a language", "Code"));
  if (id != NULL)
    {
      g_autoptr(GtkSourceBuffer) spare = take_buffer (id);

      if (spare != NULL)
        {
          gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (spare));
          buffer = spare;
        }
    }

  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), self->code, -1);
  if (id != NULL && gtk_source_buffer_get_language (buffer) == NULL)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), id));

  /* A buffer follows the style once, wherever it is used next. */
  if (g_object_get_data (G_OBJECT (buffer), "shuati-follows-style") == NULL)
    {
      update_scheme (buffer, NULL, style);
      g_signal_connect_object (style, "notify::dark", G_CALLBACK (update_scheme), buffer, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (buffer), "shuati-follows-style", GINT_TO_POINTER (TRUE));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (self->language_label),
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
  GtkSourceBuffer *buffer;
  GtkSourceLanguage *language;

  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), NULL);

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  language = gtk_source_buffer_get_language (buffer);
  return language != NULL ? gtk_source_language_get_id (language) : NULL;
}

/**
 * shuati_code_block_get_view:
 *
 * Returns: (transfer none): the source view showing the code
 */
GtkWidget *
shuati_code_block_get_view (ShuatiCodeBlock *self)
{
  g_return_val_if_fail (SHUATI_IS_CODE_BLOCK (self), NULL);
  return GTK_WIDGET (self->view);
}
