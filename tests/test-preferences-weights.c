/* test-preferences-weights.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "shuati-optimizer.h"
#include "shuati-preferences-window.h"

static void
find_weights_row (GtkWidget  *widget,
                  GtkWidget **found)
{
  if (ADW_IS_ENTRY_ROW (widget))
    *found = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *found == NULL;
       child = gtk_widget_get_next_sibling (child))
    find_weights_row (child, found);
}

static gsize
n_stored (GSettings  *settings,
          const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  return g_variant_n_children (value);
}

/* Pasted weights: rejected with the error shown when they are not 21
 * usable numbers; otherwise stored for the scheduler, and Revert brings
 * back the ones before. */
static void
test_paste_apply_revert (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *defaults = shuati_optimizer_format_weights (shuati_fsrs_get_default_weights ());
  g_autoptr(GVariant) stored = NULL;
  GtkWindow *window = shuati_preferences_window_new (NULL);
  GtkWidget *row = NULL;
  const double *w;
  gsize n = 0;

  g_settings_reset (settings, "fsrs-weights");
  g_settings_reset (settings, "fsrs-previous-weights");
  g_object_ref_sink (window);
  find_weights_row (GTK_WIDGET (window), &row);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, defaults);

  /* FSRS-5's 19 weights */
  gtk_editable_set_text (GTK_EDITABLE (row), "0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, "
                                             "1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, "
                                             "0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.apply-weights", NULL));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpuint (n_stored (settings, "fsrs-weights"), ==, 0);

  /* Anki's FSRS-6 weights */
  gtk_editable_set_text (GTK_EDITABLE (row), "0.3, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, "
                                             "0.001, 1.5, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, "
                                             "1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.apply-weights", NULL));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  stored = g_settings_get_value (settings, "fsrs-weights");
  w = g_variant_get_fixed_array (stored, &n, sizeof (double));
  g_assert_cmpuint (n, ==, SHUATI_FSRS_N_WEIGHTS);
  g_assert_cmpfloat (w[0], ==, 0.3);
  g_assert_cmpfloat (w[8], ==, 1.5);
  g_assert_cmpfloat (w[20], ==, 0.2);
  /* The defaults were in use before */
  g_assert_cmpuint (n_stored (settings, "fsrs-previous-weights"), ==, 0);

  /* Applying the same again keeps what Revert goes back to */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.apply-weights", NULL));
  g_assert_cmpuint (n_stored (settings, "fsrs-previous-weights"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.revert-weights", NULL));
  g_assert_cmpuint (n_stored (settings, "fsrs-weights"), ==, 0);
  g_assert_cmpuint (n_stored (settings, "fsrs-previous-weights"), ==, SHUATI_FSRS_N_WEIGHTS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, defaults);

  gtk_window_destroy (window);
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/shuati/preferences/weights/paste-apply-revert", test_paste_apply_revert);

  return g_test_run ();
}
