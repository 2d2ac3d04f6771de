/* test-accessibility.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control a screen reader can reach has a name. GTK 4.8 names a
 * control by its accessible label or by the widgets it is labelled by;
 * a tooltip or an icon is not a name, so an icon-only button without a
 * label is read out as its type. Each page is walked as the learner
 * meets it, and any focusable control without a name fails the test.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "shuati-test-ui.h"
#include "shuati-test-utils.h"
#include "shuati-application.h"
#include "shuati-card-editor.h"
#include "shuati-preferences-window.h"
#include "shuati-review-page.h"
#include "shuati-statistics-window.h"
#include "shuati-window.h"
#include "shuati-window-private.h"

/* One application for the whole run: it owns its bus name until exit. */
static ShuatiApplication *app;

static char *accessible_name (GtkWidget *widget,
                              GtkWidget *root,
                              guint      depth);

/* The names of the widgets under @candidate that a relation, printed as
 * @printed, refers to, joined by spaces as GTK joins them. GTK 4.8 prints a reference as
 * "Type<address>": the widgets are found by their address. */
static void
related_names (GtkWidget  *root,
               GtkWidget  *candidate,
               guint       depth,
               const char *printed,
               GString    *names)
{
  g_autofree char *address = g_strdup_printf ("<%p>", (gpointer) candidate);

  if (strstr (printed, address) != NULL)
    {
      g_autofree char *name = accessible_name (candidate, root, depth + 1);

      if (name != NULL)
        g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", name);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (candidate);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    related_names (root, child, depth, printed, names);
}

/* The accessible name GTK 4.8 gives @widget, or %NULL if it has none:
 * its label, or else the names of the widgets it is labelled by. GTK
 * 4.8 has no public getter for accessible properties; the test
 * context's check function hands back the value it holds when that is
 * not the value asked for, and no name is a lone control character. */
static char *
accessible_name (GtkWidget *widget,
                 GtkWidget *root,
                 guint      depth)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  /* A loop of relations names nothing. */
  if (depth > 4)
    return NULL;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *label = gtk_test_accessible_check_property (accessible,
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   "\x01");
      if (label != NULL)
        g_strstrip (label);
      if (label != NULL && *label != '\0')
        return g_steal_pointer (&label);
    }

  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      g_autofree char *printed = gtk_test_accessible_check_relation (accessible,
                                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                     NULL);
      g_autoptr(GString) names = g_string_new (NULL);

      related_names (root, root, depth, printed, names);
      if (names->len > 0)
        return g_string_free (g_steal_pointer (&names), FALSE);
    }

  return NULL;
}

/* Whether the learner can reach @widget as a control of its own. */
static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* The text of an entry, a spin button or a search entry belongs to it:
   * the outer widget is the control and is checked itself. */
  if (GTK_IS_TEXT (widget) && parent != NULL && GTK_IS_EDITABLE (parent))
    return FALSE;

  /* A selectable label is focusable, and its text is what it says. */
  if (GTK_IS_LABEL (widget))
    return FALSE;

  /* A scrolled window or a list box takes the focus only to pass it on
   * (or to scroll); what it holds is read, and checked. */
  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_FLOW_BOX (widget))
    return FALSE;

  return GTK_IS_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_EDITABLE (widget) ||
         gtk_widget_get_focusable (widget);
}

/* Rows of a list or a sidebar, and the tiles of a flow box, are read
 * from their contents: one passes when a label inside it has text. */
static gboolean
is_row (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return role == GTK_ACCESSIBLE_ROLE_LIST_ITEM ||
         GTK_IS_LIST_BOX_ROW (widget) ||
         GTK_IS_FLOW_BOX_CHILD (widget) ||
         role == GTK_ACCESSIBLE_ROLE_ROW ||
         g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget");
}

static gboolean
has_text_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_label (child))
      return TRUE;

  return FALSE;
}

static void
describe (GString   *out,
          GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *css_name = gtk_widget_get_css_name (w);
      const char *tooltip = gtk_widget_get_tooltip_text (w);

      g_string_prepend (path, css_name);
      if (w == widget && tooltip != NULL)
        g_string_append_printf (path, " (tooltip “%s”)", tooltip);
      if (GTK_IS_BUTTON (w) && w == widget && gtk_button_get_icon_name (GTK_BUTTON (w)) != NULL)
        g_string_append_printf (path, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (w)));
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  g_string_append_printf (out, "  %s: %s\n", G_OBJECT_TYPE_NAME (widget), path->str);
}

/* Walks what is on screen under @widget; returns how many controls it
 * saw. @in_control tells that an ancestor is a control itself. */
static guint
collect_unnamed (GtkWidget *widget,
                 GtkWidget *root,
                 gboolean   in_control,
                 GString   *out)
{
  guint n_controls = 0;
  gboolean control;

  if (!gtk_widget_get_mapped (widget))
    return 0;

  /* The parts of a control that stay out of the focus chain (a spin
   * button's arrows, what a combo row shows) are read as the control. */
  control = is_control (widget) && !(in_control && !gtk_widget_get_can_focus (widget));
  if (control)
    {
      g_autofree char *name = accessible_name (widget, root, 0);

      n_controls++;
      if (name == NULL && !(is_row (widget) && has_text_label (widget)))
        describe (out, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_controls += collect_unnamed (child, root, in_control || control, out);

  return n_controls;
}

/* Fails, listing them, if any control on @widget has no name. */
static void
assert_all_named (GtkWidget  *widget,
                  const char *page)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls;

  shuati_test_settle ();
  g_assert_true (gtk_widget_get_mapped (widget));
  n_controls = collect_unnamed (widget, widget, FALSE, unnamed);
  g_test_message ("%s: %u controls", page, n_controls);
  /* A page with nothing to check would pass for the wrong reason. */
  g_assert_cmpuint (n_controls, >, 0);

  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:\n%s", page, unnamed->str);
}

static void
test_browse_unfolded (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);

  g_assert_false (adw_leaflet_get_folded (window->leaflet));
  assert_all_named (GTK_WIDGET (window), "browse, unfolded");

  /* The search bar brings an entry of its own. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  assert_all_named (GTK_WIDGET (window), "browse with search");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->search_entry)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_browse_folded (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 360, 640);

  g_assert_true (adw_leaflet_get_folded (window->leaflet));

  /* Each pane is a page of its own once folded: the back buttons only
   * show there. */
  adw_leaflet_set_visible_child (window->leaflet, window->sidebar_pane);
  assert_all_named (GTK_WIDGET (window), "browse, folded: topics");
  adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
  assert_all_named (GTK_WIDGET (window), "browse, folded: list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-card", NULL));
  adw_leaflet_set_visible_child (window->leaflet, window->reader_pane);
  assert_all_named (GTK_WIDGET (window), "browse, folded: reader");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_review (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);
  GtkWidget *page = GTK_WIDGET (window->review_page);
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.study", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "review");
  assert_all_named (GTK_WIDGET (window), "review, front");

  g_assert_true (gtk_widget_activate_action (page, "review.flip", NULL));
  assert_all_named (GTK_WIDGET (window), "review, back");

  /* Through the session to its summary. */
  for (guint i = 0; i < 500 && !done; i++)
    {
      ShuatiSession *session = shuati_review_page_get_session (SHUATI_REVIEW_PAGE (page));

      done = shuati_session_get_finished (session);
      if (done)
        break;
      if (!shuati_review_page_get_revealed (SHUATI_REVIEW_PAGE (page)))
        gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.grade", "i", 4);
    }
  g_assert_true (done);
  assert_all_named (GTK_WIDGET (window), "review, summary");

  /* Everything studied: the empty state. */
  g_assert_true (gtk_widget_activate_action (page, "review.end", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.study", NULL));
  shuati_test_settle ();
  if (g_str_equal (gtk_stack_get_visible_child_name (window->main_stack), "review"))
    assert_all_named (GTK_WIDGET (window), "review, nothing to study");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_statistics (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);
  GtkWindow *statistics;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-statistics", NULL));
  statistics = shuati_test_wait_for_toplevel (SHUATI_TYPE_STATISTICS_WINDOW);
  assert_all_named (GTK_WIDGET (statistics), "statistics");

  gtk_window_destroy (statistics);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The card editor, side by side with its preview and folded to 360 px
 * with the preview behind a toggle. */
static void
test_card_editor (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);
  ShuatiDeck *deck = shuati_window_get_deck (window);
  g_autofree char *drafts = g_dir_make_tmp ("shuati-test-drafts-XXXXXX", NULL);
  g_autoptr(GFile) drafts_dir = g_file_new_for_path (drafts);
  ShuatiCardEditor *editor;

  g_assert_nonnull (deck);
  editor = shuati_card_editor_new (GTK_WINDOW (window), shuati_application_get_library (app), deck,
                                   shuati_deck_get_card (deck, 0), NULL, drafts_dir);
  gtk_window_set_default_size (GTK_WINDOW (editor), 1000, 700);
  gtk_window_present (GTK_WINDOW (editor));
  assert_all_named (GTK_WIDGET (editor), "card editor");

  gtk_window_destroy (GTK_WINDOW (editor));

  editor = shuati_card_editor_new (GTK_WINDOW (window), shuati_application_get_library (app), deck,
                                   shuati_deck_get_card (deck, 0), NULL, drafts_dir);
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 640);
  gtk_window_present (GTK_WINDOW (editor));
  assert_all_named (GTK_WIDGET (editor), "card editor, folded");

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  shuati_test_remove_tree (drafts);
}

static void
test_preferences (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = shuati_test_wait_for_toplevel (SHUATI_TYPE_PREFERENCES_WINDOW);
  assert_all_named (GTK_WIDGET (preferences), "preferences");

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_dialog (void)
{
  ShuatiWindow *window = shuati_test_open_window (app, 1100, 720);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-test-accessibility-XXXXXX", &error);
  g_autofree char *path = NULL;
  GtkWindow *dialog;

  g_assert_no_error (error);

  /* A file with things to check: the warnings list shows. */
  path = shuati_test_write_warning_bank (dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "^ay", path));
  dialog = shuati_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  assert_all_named (GTK_WIDGET (dialog), "import dialog");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  shuati_test_remove_tree (dir);
}

/* The check itself: an icon-only button is caught, and a label or a
 * labelled-by relation names it. */
static void
test_check_catches_unnamed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *named = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *caption = gtk_label_new ("Undo");
  GtkWidget *captioned = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *name = NULL;

  gtk_widget_set_tooltip_text (icon, "Undo");
  gtk_accessible_update_property (GTK_ACCESSIBLE (named),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Undo Last Grade",
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (captioned),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), named);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), captioned);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  shuati_test_settle ();

  g_assert_cmpuint (collect_unnamed (window, window, FALSE, unnamed), ==, 3);
  g_test_message ("caught:\n%s", unnamed->str);
  /* Only the button with a tooltip and no label is caught. */
  g_assert_nonnull (strstr (unnamed->str, "tooltip “Undo”"));
  g_assert_true (g_str_has_suffix (unnamed->str, "\n"));
  g_assert_true (strchr (unnamed->str, '\n') == unnamed->str + unnamed->len - 1);

  name = accessible_name (named, window, 0);
  g_assert_cmpstr (name, ==, "Undo Last Grade");
  g_clear_pointer (&name, g_free);
  name = accessible_name (icon, window, 0);
  g_assert_null (name);
  name = accessible_name (captioned, window, 0);
  g_assert_cmpstr (name, ==, "Undo");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  data_home = g_dir_make_tmp ("shuati-test-accessibility-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/shuati/accessibility/check-catches-unnamed", test_check_catches_unnamed);
  g_test_add_func ("/shuati/accessibility/browse-unfolded", test_browse_unfolded);
  g_test_add_func ("/shuati/accessibility/browse-folded", test_browse_folded);
  g_test_add_func ("/shuati/accessibility/review", test_review);
  g_test_add_func ("/shuati/accessibility/statistics", test_statistics);
  g_test_add_func ("/shuati/accessibility/preferences", test_preferences);
  g_test_add_func ("/shuati/accessibility/card-editor", test_card_editor);
  g_test_add_func ("/shuati/accessibility/import-dialog", test_import_dialog);

  status = g_test_run ();
  g_clear_object (&app);
  shuati_test_remove_tree (data_home);

  return status;
}
