/* test-application.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-application.h"
#include "shuati-window.h"

static void
test_window_shows_deck (void)
{
  g_autoptr(ShuatiApplication) app = shuati_application_new ();
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  deck = shuati_application_get_deck (app);
  g_assert_nonnull (deck);
  g_assert_cmpuint (shuati_deck_get_n_cards (deck), ==, 24);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SHUATI_IS_WINDOW (window));

  /* A second activation raises the same window. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/application/window-shows-deck", test_window_shows_deck);

  return g_test_run ();
}
