/* test-rich-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "shuati-code-block.h"
#include "shuati-rich-text.h"
#include "shuati-math-view.h"
#include "shuati-test-ui.h"

typedef struct
{
  GtkWindow      *window;
  ShuatiRichText *rich;
  char           *media_dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->rich = SHUATI_RICH_TEXT (shuati_rich_text_new ());
  gtk_window_set_default_size (f->window, 480, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->rich));
  gtk_window_present (f->window);
  f->media_dir = shuati_rich_text_media_dir_for_deck ("rich-test");
  g_assert_cmpint (g_mkdir_with_parents (f->media_dir, 0700), ==, 0);
  shuati_rich_text_set_media_dir (f->rich, f->media_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->rich), (gpointer *) &f->rich);
  gtk_window_destroy (f->window);
  shuati_test_settle ();
  g_assert_null (f->rich);
  g_free (f->media_dir);
}

/* The rich text's blocks, top to bottom. */
static GPtrArray *
blocks (Fixture *f)
{
  GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (f->rich));
  GPtrArray *children = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    g_ptr_array_add (children, c);
  return children;
}

static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) children = NULL;

  shuati_rich_text_set_text (f->rich,
                             "# Title\n\nFirst **paragraph**.\n\n1. one\n2. two\n\n"
                             "> quoted\n\n"
                             "```python\nx = 1\n```\n\n"
                             "| a | b |\n|---|--:|\n| 1 | 2 |\n\n"
                             "$$E = mc^2$$\n\n"
                             "---\n\n"
                             "![gone](media/none.png)\n\n"
                             "- item\n\n  ```sh\n  ls\n  ```\n");
  shuati_test_settle ();
  children = blocks (f);

  /* Heading, paragraph and list share one label. */
  g_assert_cmpuint (children->len, ==, 8);
  g_assert_true (GTK_IS_LABEL (children->pdata[0]));
  g_assert_cmpstr (gtk_label_get_text (children->pdata[0]), ==, "Title\n\nFirst paragraph.\n\n1. one\n2. two");
  g_assert_true (gtk_widget_has_css_class (children->pdata[1], "card-quote"));
  g_assert_true (SHUATI_IS_CODE_BLOCK (children->pdata[2]));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (children->pdata[3]));
  /* A display formula: laid out as mathematics, scrolled sideways when
   * it is wider than the column. */
  g_assert_true (GTK_IS_SCROLLED_WINDOW (children->pdata[4]));
  g_assert_true (gtk_widget_has_css_class (children->pdata[4], "card-math"));
  {
    GtkWidget *child = gtk_scrolled_window_get_child (children->pdata[4]);

    if (GTK_IS_VIEWPORT (child))
      child = gtk_viewport_get_child (GTK_VIEWPORT (child));
    g_assert_true (SHUATI_IS_MATH_VIEW (child));
    g_assert_true (shuati_math_view_get_display (SHUATI_MATH_VIEW (child)));
  }
  g_assert_true (GTK_IS_SEPARATOR (children->pdata[5]));
  g_assert_true (gtk_widget_has_css_class (children->pdata[6], "missing-image"));
  /* A list holding code: a marker beside each item's blocks. */
  g_assert_true (GTK_IS_BOX (children->pdata[7]));

  g_assert_cmpstr (shuati_rich_text_get_plain (f->rich), ==,
                   "Title First paragraph. 1. one 2. two quoted x = 1 a b 1 2 E = mc^2 gone • item ls");

  /* A new text replaces every block. */
  shuati_rich_text_set_text (f->rich, "only");
  g_clear_pointer (&children, g_ptr_array_unref);
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 1);
  shuati_rich_text_set_text (f->rich, NULL);
  g_clear_pointer (&children, g_ptr_array_unref);
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 0);
  g_assert_cmpstr (shuati_rich_text_get_plain (f->rich), ==, "");
}

/* Asked for its width at a given height, a card text gives its widths
 * for any height rather than searching for the narrowest width that fits;
 * its wrapping labels are never narrower than SHUATI_RICH_TEXT_MIN_CHARS
 * characters, which bounds what GTK lays out to find their minimum. */
static void
test_width_for_height (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) children = NULL;
  int min, nat, min_any, nat_any;

  shuati_rich_text_set_text (f->rich,
                             "A paragraph long enough to wrap at the width of the window, and then some more, "
                             "so that its natural width is well above its minimum.\n\n"
                             "- An item with code:\n\n  ```sh\n  ls\n  ```\n");
  shuati_test_settle ();
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 2);

  g_assert_cmpint (gtk_widget_get_request_mode (GTK_WIDGET (f->rich)), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  gtk_widget_measure (GTK_WIDGET (f->rich), GTK_ORIENTATION_HORIZONTAL, -1, &min_any, &nat_any, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (f->rich), GTK_ORIENTATION_HORIZONTAL, 16, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, min_any);
  g_assert_cmpint (nat, ==, nat_any);
  g_assert_cmpint (min, <, nat);

  g_assert_cmpint (gtk_label_get_width_chars (children->pdata[0]), ==, SHUATI_RICH_TEXT_MIN_CHARS);
  {
    int label_min;

    gtk_widget_measure (children->pdata[0], GTK_ORIENTATION_HORIZONTAL, -1, &label_min, NULL, NULL, NULL);
    g_assert_cmpint (label_min, >, 0);
    g_assert_cmpint (label_min, <=, min);
  }

  /* A list item with blocks: its marker and column side by side in a
   * grid, which gives the column a width before asking for its height. */
  g_assert_true (GTK_IS_GRID (gtk_widget_get_first_child (children->pdata[1])));
}

/* Whether @attrs colour some bytes of the text. */
static gboolean
has_foreground (PangoAttrList *attrs,
                PangoColor    *first)
{
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  if (attrs == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND && !found)
        {
          found = TRUE;
          if (first != NULL)
            *first = ((PangoAttrColor *) attr)->color;
        }
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  return found;
}

static void
test_code_block (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *fence;
    const char *id;
  } languages[] = {
    { "python", "python3" }, { "Python", "python3" }, { "bash", "sh" }, { "json", "json" },
    { "c", "c" }, { "cpp", "cpp" }, { "c++", "cpp" }, { "yaml", "yaml" }, { "brainfuck", NULL },
  };
  const char *code = "def f(x):\n\n    return  x\t# tab";
  g_autofree char *text = g_strdup_printf ("```python\n%s\n```", code);
  g_autoptr(GPtrArray) children = NULL;
  ShuatiCodeBlock *block;
  GtkLabel *view;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  PangoColor light = { 0, }, dark = { 0, };
  int line_height;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    g_assert_cmpstr (shuati_code_block_language_id (languages[i].fence), ==, languages[i].id);

  shuati_rich_text_set_text (f->rich, text);
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 1);
  block = children->pdata[0];
  g_assert_true (SHUATI_IS_CODE_BLOCK (block));
  g_assert_cmpstr (shuati_code_block_get_language_id (block), ==, "python3");

  /* The code shows exactly as written, in monospace, unwrapped and
   * selectable, before it has its colours. */
  view = GTK_LABEL (shuati_code_block_get_view (block));
  g_assert_true (GTK_IS_LABEL (view));
  g_assert_cmpstr (gtk_label_get_text (view), ==, code);
  g_assert_false (gtk_label_get_use_markup (view));
  g_assert_false (gtk_label_get_wrap (view));
  g_assert_true (gtk_label_get_selectable (view));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "monospace"));
  g_assert_false (shuati_code_block_get_highlighted (block));

  /* Drawn once, it is highlighted by GtkSourceView. */
  shuati_test_settle ();
  g_assert_true (shuati_code_block_get_highlighted (block));
  g_assert_true (has_foreground (gtk_label_get_attributes (view), NULL));
  g_assert_cmpstr (gtk_label_get_text (view), ==, code);

  /* All three lines show: the block is as tall as its code. */
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "X");
    g_autoptr(PangoLayout) lines = gtk_widget_create_pango_layout (GTK_WIDGET (view), code);
    int height;

    pango_layout_get_pixel_size (layout, NULL, &line_height);
    pango_layout_get_pixel_size (lines, NULL, &height);
    g_assert_cmpint (line_height, >, 0);
    g_assert_cmpint (height, >, 2 * line_height);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, height);
  }
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (block)), >=, gtk_widget_get_height (GTK_WIDGET (view)));

  /* The colours follow the dark style, and come back when it is left. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  shuati_test_settle ();
  g_assert_true (has_foreground (gtk_label_get_attributes (view), &light));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shuati_test_settle ();
  g_assert_true (has_foreground (gtk_label_get_attributes (view), &dark));
  g_assert_false (light.red == dark.red && light.green == dark.green && light.blue == dark.blue);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  shuati_test_settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (block), "code.copy", NULL));
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (block)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, code);
  g_value_unset (&value);

  /* The next card's blocks in the same language share the engine: each
   * shows its own code, highlighted the same way. */
  shuati_rich_text_set_text (f->rich, "```py\nprint(1)\n```\n\n```python\nprint(2)\n```\n\n```brainfuck\n+[-]\n```");
  shuati_test_settle ();
  g_clear_pointer (&children, g_ptr_array_unref);
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *expected = g_strdup_printf ("print(%u)", i + 1);

      view = GTK_LABEL (shuati_code_block_get_view (children->pdata[i]));
      g_assert_cmpstr (gtk_label_get_text (view), ==, expected);
      g_assert_cmpstr (shuati_code_block_get_language_id (children->pdata[i]), ==, "python3");
      g_assert_true (shuati_code_block_get_highlighted (children->pdata[i]));
      g_assert_true (has_foreground (gtk_label_get_attributes (view), NULL));
    }
  /* A language GtkSourceView does not know is shown plain. */
  g_assert_null (shuati_code_block_get_language_id (children->pdata[2]));
  g_assert_false (shuati_code_block_get_highlighted (children->pdata[2]));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (shuati_code_block_get_view (children->pdata[2]))), ==, "+[-]");
}

/* Highlighting counts bytes, not characters: colours stay on their words
 * after Chinese text. */
static void
test_code_highlight_offsets (void)
{
  const char *code = "# 注释\nreturn 1";
  g_autoptr(PangoAttrList) attrs = shuati_code_block_highlight ("python3", code, FALSE);
  g_autoptr(GSList) list = pango_attr_list_get_attributes (attrs);
  gboolean keyword = FALSE;
  guint return_at = strstr (code, "return") - code;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND && attr->start_index == return_at)
        {
          keyword = TRUE;
          g_assert_cmpuint (attr->end_index, ==, return_at + strlen ("return"));
        }
      g_assert_cmpuint (attr->end_index, <=, strlen (code));
    }
  g_assert_true (keyword);
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
}

/* A one-line block after other blocks shows its line. */
static void
test_code_block_one_line (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) children = NULL;
  GtkWidget *view;
  int line_height;

  shuati_rich_text_set_text (f->rich,
                             "## Summary\n\n> quote\n\n1. Code:\n2. Tables\n\n```python\nprint(\"hello\")\n```\n\n"
                             "| a | b |\n|:-:|--:|\n| 1 | 2 |\n");
  shuati_test_settle ();
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 5);
  view = shuati_code_block_get_view (children->pdata[3]);
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (view, "X");

    pango_layout_get_pixel_size (layout, NULL, &line_height);
  }
  g_assert_cmpint (gtk_widget_get_height (view), >=, line_height);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpint (gtk_widget_get_height (children->pdata[3]), >=,
                   line_height + gtk_widget_get_margin_top (view) + gtk_widget_get_margin_bottom (view));
}

/* Blocks inside a list item stay in the item, in order: a code block
 * between an item's text and the next item, in tight, loose and nested
 * lists. */
static void
test_list_blocks (Fixture       *f,
                  gconstpointer  data)
{
  static const char *texts[] = {
    "1. Install:\n   ```sh\n   pip install torch\n   ```\n   then run it.\n2. Run\n",
    "- Install:\n\n  ```sh\n  pip install torch\n  ```\n\n  then run it.\n\n- Run\n",
    "- Steps\n  - Install:\n    ```sh\n    pip install torch\n    ```\n    then run it.\n  - Run\n",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GPtrArray) children = NULL;
      GtkWidget *list, *row, *column, *item;

      shuati_rich_text_set_text (f->rich, texts[t]);
      shuati_test_settle ();
      children = blocks (f);
      g_assert_cmpuint (children->len, ==, 1);
      list = children->pdata[0];

      if (t == 2)
        {
          /* The outer item: its text, then the inner list. */
          row = gtk_widget_get_first_child (list);
          column = gtk_widget_get_last_child (row);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (column))), ==, "Steps");
          list = gtk_widget_get_next_sibling (gtk_widget_get_first_child (column));
          g_assert_nonnull (list);
          g_assert_null (gtk_widget_get_next_sibling (list));
        }

      /* First item: marker, then a column of text, code, text. */
      row = gtk_widget_get_first_child (list);
      g_assert_true (GTK_IS_LABEL (gtk_widget_get_first_child (row)));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (row))), ==, t == 0 ? "1." : "•");
      column = gtk_widget_get_last_child (row);
      item = gtk_widget_get_first_child (column);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (item)), ==, "Install:");
      item = gtk_widget_get_next_sibling (item);
      g_assert_true (SHUATI_IS_CODE_BLOCK (item));
      g_assert_cmpstr (shuati_code_block_get_code (SHUATI_CODE_BLOCK (item)), ==, "pip install torch");
      item = gtk_widget_get_next_sibling (item);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (item)), ==, "then run it.");
      g_assert_null (gtk_widget_get_next_sibling (item));

      /* Drawn in that order: the code between the item's lines, above
       * the next item. */
      {
        GtkWidget *code = gtk_widget_get_next_sibling (gtk_widget_get_first_child (column));
        GtkWidget *next_row = gtk_widget_get_next_sibling (row);
        graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
        graphene_point_t code_top, after_top, next_top;

        g_assert_nonnull (next_row);
        g_assert_true (gtk_widget_compute_point (code, list, &top, &code_top));
        g_assert_true (gtk_widget_compute_point (gtk_widget_get_next_sibling (code), list, &top, &after_top));
        g_assert_true (gtk_widget_compute_point (next_row, list, &top, &next_top));
        g_assert_cmpfloat (code_top.y, >, 0);
        g_assert_cmpfloat (after_top.y, >=, code_top.y + gtk_widget_get_height (code));
        g_assert_cmpfloat (next_top.y, >, after_top.y);
      }
    }
}

static GtkWidget *
grid_of (GtkWidget *scroller)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return child;
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) children = NULL;
  GtkWidget *grid;

  shuati_rich_text_set_text (f->rich,
                             "| 方法 | 参数 | 显存 |\n"
                             "|:-----|----:|:---:|\n"
                             "| LoRA | 0.1% | 低 |\n"
                             "| 全量 | 100% | 高 |\n"
                             "| <b>x</b> |\n");
  shuati_test_settle ();
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (children->pdata[0]));
  grid = grid_of (children->pdata[0]);
  g_assert_true (GTK_IS_GRID (grid));

  /* Four rows of three columns, the header first. */
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 3; c++)
      g_assert_true (GTK_IS_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), c, r)));
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 3, 0));
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, 4));

  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (GTK_GRID (grid), 0, 0), "card-table-header"));
  g_assert_false (gtk_widget_has_css_class (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1), "card-table-header"));
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1))), ==, 0);
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))), ==, 1);
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 2, 1))), ==, 0.5);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 3))), ==, "<b>x</b>");
}

static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->media_dir, "dot.png", NULL);
  g_autofree char *broken = g_build_filename (f->media_dir, "broken.png", NULL);
  guchar pixels[4 * 4 * 4] = { 0, };
  g_autoptr(GBytes) bytes = g_bytes_new (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, bytes, 16);
  g_autoptr(GPtrArray) children = NULL;
  GtkWidget *picture;

  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_assert_true (g_file_set_contents (broken, "not a png", -1, NULL));

  shuati_rich_text_set_text (f->rich,
                             "![a dot](media/dot.png)\n\n"
                             "![broken](media/broken.png)\n\n"
                             "![missing](media/missing.png)\n\n"
                             "![outside](../rich-test.json)\n\n"
                             "![](/etc/passwd)\n\n"
                             "![web](https://example.com/dot.png)\n");
  shuati_test_settle ();
  children = blocks (f);
  g_assert_cmpuint (children->len, ==, 6);

  g_assert_true (GTK_IS_BUTTON (children->pdata[0]));
  picture = gtk_button_get_child (children->pdata[0]);
  g_assert_true (GTK_IS_PICTURE (picture));
  g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==, "a dot");

  for (guint i = 1; i < children->len; i++)
    {
      g_assert_true (GTK_IS_LABEL (children->pdata[i]));
      g_assert_true (gtk_widget_has_css_class (children->pdata[i], "missing-image"));
    }
  g_assert_cmpstr (gtk_label_get_text (children->pdata[1]), ==, "Missing image: broken");
  g_assert_cmpstr (gtk_label_get_text (children->pdata[4]), ==, "Missing image");

  /* Without a media folder no image is read. */
  shuati_rich_text_set_media_dir (f->rich, NULL);
  g_clear_pointer (&children, g_ptr_array_unref);
  children = blocks (f);
  g_assert_true (gtk_widget_has_css_class (children->pdata[0], "missing-image"));

  g_unlink (png);
  g_unlink (broken);
}

static void
test_media_dir (void)
{
  g_autofree char *dir = shuati_rich_text_media_dir_for_deck ("llm-core");
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "shuati", "decks", "llm-core", "media", NULL);

  g_assert_cmpstr (dir, ==, expected);
  g_assert_null (shuati_rich_text_media_dir_for_deck (NULL));
  g_assert_null (shuati_rich_text_media_dir_for_deck (".."));
  g_assert_null (shuati_rich_text_media_dir_for_deck ("a/b"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/shuati/rich-text/blocks", Fixture, NULL, fixture_setup, test_blocks, fixture_teardown);
  g_test_add ("/shuati/rich-text/code-block", Fixture, NULL, fixture_setup, test_code_block, fixture_teardown);
  g_test_add ("/shuati/rich-text/code-block/one-line", Fixture, NULL, fixture_setup, test_code_block_one_line, fixture_teardown);
  g_test_add ("/shuati/rich-text/list-blocks", Fixture, NULL, fixture_setup, test_list_blocks, fixture_teardown);
  g_test_add ("/shuati/rich-text/width-for-height", Fixture, NULL, fixture_setup, test_width_for_height, fixture_teardown);
  g_test_add_func ("/shuati/rich-text/code-highlight-offsets", test_code_highlight_offsets);
  g_test_add ("/shuati/rich-text/table", Fixture, NULL, fixture_setup, test_table, fixture_teardown);
  g_test_add ("/shuati/rich-text/images", Fixture, NULL, fixture_setup, test_images, fixture_teardown);
  g_test_add_func ("/shuati/rich-text/media-dir", test_media_dir);

  return g_test_run ();
}
