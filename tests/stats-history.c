/* stats-history.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes three months of plausible study history of the built-in deck
 * into a new database, and with --show opens the statistics window on
 * it: for screenshots and for trying the page by hand.
 *
 *   stats-history --output DIR/progress.db [--show] [--all-decks]
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shuati-statistics-window.h"
#include "stats-db.h"

#define DAYS 90

typedef struct
{
  int    state;
  double stability;
  gint64 due;
} SimCard;

static int
random_rating (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  return r < 12 ? 1 : r < 22 ? 2 : r < 92 ? 3 : 4;
}

static void
review (sqlite3    *db,
        ShuatiDeck *deck,
        const char *deck_id,
        SimCard    *cards,
        guint       i,
        gint64     *t,
        GRand      *rand)
{
  SimCard *c = &cards[i];
  int rating = random_rating (rand);
  int before = c->state;

  if (c->state == 0)
    {
      c->state = 1;
      c->stability = rating == 4 ? 6 : rating == 1 ? 0.3 : 1;
    }
  else if (rating == 1)
    {
      c->state = c->state == 2 ? 3 : c->state;
      c->stability = MAX (0.3, c->stability * 0.4);
    }
  else
    {
      c->state = 2;
      c->stability *= rating == 2 ? 1.3 : rating == 3 ? 1.9 : 3.0;
    }
  c->due = *t + (gint64)(c->stability * 86400);
  *t += g_rand_int_range (rand, 8, 50);
  stats_db_add_review (db, deck_id, shuati_card_get_id (shuati_deck_get_card (deck, i)),
                       *t, rating, before, g_rand_int_range (rand, 4000, 40000));
}

/* A crude stand-in for the scheduler: enough for realistic shapes. A
 * new card every few days, the due ones each day, and today a session
 * that also reviews ahead. */
static void
simulate (sqlite3    *db,
          ShuatiDeck *deck,
          const char *deck_id,
          gint64      now,
          guint       every_n_days,
          GRand      *rand)
{
  guint n_cards = shuati_deck_get_n_cards (deck);
  g_autofree SimCard *cards = g_new0 (SimCard, n_cards);
  guint introduced = 0;

  stats_db_exec (db, "BEGIN");
  for (int day = DAYS; day >= 0; day--)
    {
      gint64 t = now - day * 86400 - (day == 0 ? 3600 : g_rand_int_range (rand, 2, 10) * 3600);

      /* Some days off, but the last fortnight in a row. */
      if (day > 14 && g_rand_int_range (rand, 0, 100) < 22)
        continue;

      if (introduced < n_cards && day % every_n_days == 0)
        review (db, deck, deck_id, cards, introduced++, &t, rand);
      if (introduced < n_cards && g_rand_int_range (rand, 0, 4) == 0)
        review (db, deck, deck_id, cards, introduced++, &t, rand);

      for (guint i = 0; i < introduced; i++)
        {
          if (cards[i].due <= t || (day == 0 && i % 3 == 0))
            review (db, deck, deck_id, cards, i, &t, rand);
          /* A lapse is seen again in the same session. */
          if (cards[i].state == 3 && cards[i].due <= t + 86400)
            review (db, deck, deck_id, cards, i, &t, rand);
        }
    }

  for (guint i = 0; i < n_cards; i++)
    if (cards[i].state != 0)
      stats_db_set_card (db, deck_id, shuati_card_get_id (shuati_deck_get_card (deck, i)),
                         cards[i].state, cards[i].stability, cards[i].due);
  stats_db_exec (db, "COMMIT");
}

static void
on_close (GtkWindow *window,
          gpointer   loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *output = NULL;
  gboolean show = FALSE;
  gboolean all_decks = FALSE;
  gboolean dark = FALSE;
  int width = 0;
  int height = 0;
  const char *localedir;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3 *db;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The database to write (must not exist)", "FILE" },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show, "Open the statistics window on it", NULL },
    { "all-decks", 0, 0, G_OPTION_ARG_NONE, &all_decks, "Show all decks", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width of the window", "PIXELS" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height of the window", "PIXELS" },
    { NULL }
  };

  localedir = g_getenv ("SHUATI_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("- write a study history for the statistics page");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || output == NULL)
    {
      g_printerr ("stats-history: %s\n", error ? error->message : "--output is required");
      return EXIT_FAILURE;
    }
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_printerr ("stats-history: %s exists; give a new file\n", output);
      return EXIT_FAILURE;
    }

  deck = shuati_deck_new_from_resource ("/io/github/shuati/Shuati/corpus/llm-interview.json", &error);
  if (deck == NULL)
    {
      g_printerr ("stats-history: %s\n", error->message);
      return EXIT_FAILURE;
    }

  db = stats_db_open (output);
  simulate (db, deck, shuati_deck_get_id (deck), now, 4, rand);
  simulate (db, deck, "another-deck", now, 7, rand);
  g_print ("Wrote %s\n", output);

  if (show)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
      g_autoptr(ShuatiStore) store = shuati_store_new (output, &error);
      ShuatiStatisticsWindow *window;

      if (store == NULL)
        {
          g_printerr ("stats-history: %s\n", error->message);
          return EXIT_FAILURE;
        }
      adw_init ();
      if (dark)
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      gtk_css_provider_load_from_resource (css, "/io/github/shuati/Shuati/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      window = shuati_statistics_window_new (NULL, store, all_decks ? NULL : deck, 0.9);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      g_signal_connect (window, "destroy", G_CALLBACK (on_close), loop);
      gtk_window_present (GTK_WINDOW (window));
      g_main_loop_run (loop);
    }

  sqlite3_close (db);
  return EXIT_SUCCESS;
}
