/* test-ui-files.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "shuati-application.h"

/* Every .ui file in the program's resources builds: a template by creating
 * an instance of its class, any other file through GtkBuilder. The files are
 * found by listing the resources, so a new template is covered as soon as it
 * is in shuati.gresource.xml. */

#define RESOURCE_BASE "/io/github/shuati/Shuati/"

static ShuatiApplication *application;

static void
collect_ui_files (const char *path,
                  GPtrArray  *found)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_resources_enumerate_children (path, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        collect_ui_files (child, found);
      else if (g_str_has_suffix (child, ".ui"))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

/* The class of a template file, or NULL for a plain builder file. */
static char *
template_class (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (data, size);
  const char *start;
  const char *end;

  start = strstr (text, "<template ");
  if (start == NULL)
    return NULL;
  start = strstr (start, "class=\"");
  g_assert_nonnull (start);
  start += strlen ("class=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

static void
test_template (const char *path,
               const char *class_name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GObject *object;
  GType type;

  type = gtk_builder_get_type_from_name (builder, class_name);
  if (type == G_TYPE_INVALID)
    g_error ("%s: the template class %s is not a registered type", path, class_name);

  /* Windows are created for the application, as the program does; a
   * template error makes the instance's init fail with a critical. */
  if (g_type_is_a (type, GTK_TYPE_APPLICATION_WINDOW))
    object = g_object_new (type, "application", application, NULL);
  else
    object = g_object_new (type, NULL);

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (object, type));

  /* GTK owns windows; anything else is ours. */
  if (GTK_IS_WINDOW (object))
    {
      gtk_window_destroy (GTK_WINDOW (object));
      return;
    }
  if (g_object_is_floating (object))
    g_object_ref_sink (object);
  g_assert_finalize_object (object);
}

static void
test_builder_file (const char *path)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) objects = NULL;

  gtk_builder_add_from_resource (builder, path, &error);
  g_assert_no_error (error);

  objects = gtk_builder_get_objects (builder);
  g_assert_nonnull (objects);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_WINDOW (l->data) && gtk_widget_get_parent (l->data) == NULL)
      gtk_window_destroy (l->data);
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *class_name = NULL;

  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);

  class_name = template_class (bytes);
  if (class_name != NULL)
    test_template (path, class_name);
  else
    test_builder_file (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  application = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  collect_ui_files (RESOURCE_BASE, paths);
  /* At least the main window and the shortcuts window. */
  g_assert_cmpuint (paths->len, >=, 2);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *test_path = g_strconcat ("/shuati/ui-files/", path + strlen (RESOURCE_BASE), NULL);

      g_test_add_data_func (test_path, path, test_ui_file);
    }

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
