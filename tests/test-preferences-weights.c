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
#include "shuati-preset.h"
#include "shuati-test-utils.h"

static void
find_row (GtkWidget   *widget,
          const char  *title,
          GtkWidget  **found)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    *found = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *found == NULL;
       child = gtk_widget_get_next_sibling (child))
    find_row (child, title, found);
}

static void
find_weights_row (GtkWidget  *widget,
                  GtkWidget **found)
{
  find_row (widget, "_Weights", found);
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


static GtkWidget *
row_widget (GtkWidget  *window,
            const char *title)
{
  GtkWidget *row = NULL;

  find_row (window, title, &row);
  g_assert_nonnull (row);
  return row;
}

static GtkAdjustment *
row_adjustment (GtkWidget  *window,
                const char *title)
{
  GtkWidget *spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row_widget (window, title)));

  return gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin));
}

static double
deck_retention (GSettings  *settings,
                const char *deck_id)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (settings, deck_id);

  return preset->desired_retention;
}

/* The deck chooser: a deck starts on the default preset with its rows
 * greyed; the switch gives it its own, whose rows then change only that
 * deck; Revert undoes the last change, weights applied with the deck
 * chosen are the deck's, and the switch puts it back on the default. */
static void
test_deck_preset_rows (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GListStore) decks = g_list_store_new (SHUATI_TYPE_DECK);
  const char *id = shuati_deck_get_id (deck);
  GtkWindow *window = shuati_preferences_window_new (NULL);
  GtkWidget *w = GTK_WIDGET (window);
  GtkWidget *chooser, *use_default_row, *steps_row, *weights_row;
  GtkSwitch *use_default;
  GtkAdjustment *retention;
  g_autoptr(ShuatiPreset) preset = NULL;
  g_autoptr(ShuatiPreset) fallback = NULL;

  g_object_ref_sink (window);
  g_settings_reset (settings, "deck-presets");
  g_settings_reset (settings, "deck-previous-presets");
  g_settings_reset (settings, "fsrs-weights");
  g_settings_reset (settings, "desired-retention");
  g_list_store_append (decks, deck);
  shuati_preferences_window_set_decks (SHUATI_PREFERENCES_WINDOW (window), G_LIST_MODEL (decks));

  chooser = row_widget (w, "_Preset");
  use_default_row = row_widget (w, "_Use the Default Preset");
  use_default = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (use_default_row)));
  retention = row_adjustment (w, "Desired Re_tention");
  steps_row = row_widget (w, "_Learning Steps");
  weights_row = row_widget (w, "_Weights");

  /* The default preset first, then the deck */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (chooser))), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (chooser)), ==, 0);
  g_assert_false (gtk_widget_get_visible (use_default_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (steps_row)), ==, "1m 10m");

  adw_combo_row_set_selected (ADW_COMBO_ROW (chooser), 1);
  g_assert_true (gtk_widget_get_visible (use_default_row));
  g_assert_true (gtk_switch_get_active (use_default));
  g_assert_false (gtk_widget_get_sensitive (steps_row));
  g_assert_false (shuati_preset_deck_has_own (settings, id));

  /* Its own preset, a copy of the default */
  gtk_switch_set_active (use_default, FALSE);
  g_assert_true (shuati_preset_deck_has_own (settings, id));
  g_assert_true (gtk_widget_get_sensitive (steps_row));

  gtk_adjustment_set_value (retention, 0.85);
  g_assert_cmpfloat_with_epsilon (deck_retention (settings, id), 0.85, 1e-9);
  g_assert_cmpfloat_with_epsilon (deck_retention (settings, NULL), 0.90, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "desired-retention"), 0.90, 1e-9);

  /* Steps that do not parse are shown as an error and not stored */
  gtk_editable_set_text (GTK_EDITABLE (steps_row), "2m 20x");
  g_signal_emit_by_name (steps_row, "apply");
  g_assert_true (gtk_widget_has_css_class (steps_row, "error"));
  preset = shuati_preset_load (settings, id);
  g_assert_cmpuint (preset->learning_steps->len, ==, 2);
  g_assert_cmpuint (g_array_index (preset->learning_steps, guint, 1), ==, 600);
  g_clear_pointer (&preset, shuati_preset_free);

  gtk_editable_set_text (GTK_EDITABLE (steps_row), "2m 20m 1h");
  g_signal_emit_by_name (steps_row, "apply");
  g_assert_false (gtk_widget_has_css_class (steps_row, "error"));
  preset = shuati_preset_load (settings, id);
  g_assert_cmpuint (preset->learning_steps->len, ==, 3);
  g_assert_cmpuint (g_array_index (preset->learning_steps, guint, 2), ==, 3600);
  g_clear_pointer (&preset, shuati_preset_free);

  /* Revert: the steps before the last change */
  g_assert_true (gtk_widget_activate_action (w, "prefs.revert-preset", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (steps_row)), ==, "1m 10m");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (retention), 0.85, 1e-9);

  /* Weights applied with the deck chosen are the deck's */
  gtk_editable_set_text (GTK_EDITABLE (weights_row), "0.3, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, "
                                                     "0.001, 1.5, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, "
                                                     "1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.2");
  g_assert_true (gtk_widget_activate_action (w, "prefs.apply-weights", NULL));
  preset = shuati_preset_load (settings, id);
  fallback = shuati_preset_load (settings, NULL);
  g_assert_cmpfloat (preset->weights[0], ==, 0.3);
  g_assert_cmpfloat (fallback->weights[0], ==, shuati_fsrs_get_default_weights ()[0]);
  g_assert_cmpuint (n_stored (settings, "fsrs-weights"), ==, 0);

  /* The default preset's rows show the default's values */
  adw_combo_row_set_selected (ADW_COMBO_ROW (chooser), 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (retention), 0.90, 1e-9);
  g_assert_true (gtk_widget_get_sensitive (steps_row));

  /* Back on the default preset */
  adw_combo_row_set_selected (ADW_COMBO_ROW (chooser), 1);
  g_assert_false (gtk_switch_get_active (use_default));
  gtk_switch_set_active (use_default, TRUE);
  g_assert_false (shuati_preset_deck_has_own (settings, id));
  g_assert_cmpfloat_with_epsilon (deck_retention (settings, id), 0.90, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (retention), 0.90, 1e-9);

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
  g_test_add_func ("/shuati/preferences/presets/deck-rows", test_deck_preset_rows);

  return g_test_run ();
}
