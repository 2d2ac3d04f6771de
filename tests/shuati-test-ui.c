/* shuati-test-ui.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-test-ui.h"

/**
 * shuati_test_settle:
 *
 * Layout and mapping happen on the frame clock: lets a few frames pass,
 * then whatever is pending.
 */
void
shuati_test_settle (void)
{
  for (guint i = 0; i < 5; i++)
    {
      gint64 until = g_get_monotonic_time () + 20 * 1000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/**
 * shuati_test_open_window:
 *
 * Returns: (transfer none): a main window of @app at @width × @height, shown
 *   once the library has loaded the learner's decks
 */
ShuatiWindow *
shuati_test_open_window (ShuatiApplication *app,
                         int                width,
                         int                height)
{
  ShuatiWindow *window = shuati_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  while (shuati_library_get_loading (shuati_application_get_library (app)))
    g_main_context_iteration (NULL, TRUE);
  shuati_test_settle ();

  return window;
}

/**
 * shuati_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): the last visible toplevel of @type
 */
GtkWindow *
shuati_test_find_toplevel (GType type)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/**
 * shuati_test_find_widget:
 * @match: whether a widget is the one looked for, given @data
 *
 * Returns: (transfer none) (nullable): the first widget of @root's tree,
 *   @root included and depth first, that @match accepts
 */
GtkWidget *
shuati_test_find_widget (GtkWidget             *root,
                         ShuatiTestWidgetMatch  match,
                         gconstpointer          data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shuati_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/**
 * shuati_test_find_descendant:
 *
 * Returns: (transfer none) (nullable): the first widget of @type below
 *   @root, depth first
 */
GtkWidget *
shuati_test_find_descendant (GtkWidget *root,
                             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shuati_test_find_widget (child, is_of_type, GSIZE_TO_POINTER (type));

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * shuati_test_wait_for_toplevel:
 *
 * Returns: (transfer none): a visible toplevel of @type, within 20 s
 */
GtkWindow *
shuati_test_wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWindow *found;

  while ((found = shuati_test_find_toplevel (type)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return found;
}

/**
 * shuati_test_write_warning_bank:
 * @dir: a scratch folder
 *
 * Writes a CSV question bank with one card and two rows the import warns
 * about, so that the import dialog shows its list of warnings.
 *
 * Returns: (transfer full): its path
 */
char *
shuati_test_write_warning_bank (const char *dir)
{
  char *path = g_build_filename (dir, "questions.csv", NULL);

  g_assert_true (g_file_set_contents (path,
                                      "question,answer\n"
                                      "What is a token?,A unit of text\n"
                                      ",An answer without a question\n"
                                      ",Another answer without a question\n",
                                      -1, NULL));
  return path;
}

/**
 * shuati_test_find_shortcut:
 *
 * Returns: (transfer full) (nullable): @widget's own key binding for
 *   @keyval with exactly @modifiers, or %NULL
 */
GtkShortcut *
shuati_test_find_shortcut (GtkWidget       *widget,
                           guint            keyval,
                           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

/**
 * shuati_test_press_shortcut:
 *
 * Runs @widget's own key binding for @keyval, as its shortcut controller
 * does when that key reaches it.
 *
 * Returns: whether a binding took the key
 */
gboolean
shuati_test_press_shortcut (GtkWidget       *widget,
                            guint            keyval,
                            GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcut) shortcut = shuati_test_find_shortcut (widget, keyval, modifiers);

  return shortcut != NULL &&
         gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       widget, gtk_shortcut_get_arguments (shortcut));
}
