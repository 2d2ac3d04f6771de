/* review-demo.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "shuati-application.h"
#include "shuati-deck.h"
#include "shuati-review-page.h"
#include "shuati-window-private.h"

/* Shows the review page in one state for screenshots:
 *   review-demo [front|back|summary|empty|cycle|window-cycle]
 * SHUATI_DEMO_LANGUAGES=zh_CN,en picks the card languages.
 *
 * "window-cycle" is "cycle" in the main window, studying the built-in
 * deck, so that a profile holds what the window does after each grade.
 * It reads and writes the XDG data home: give it a private one.
 *
 * "cycle" under callgrind, with one profile from each key to the end of
 * the first frame that shows its result and one for what follows until
 * the next key:
 *   valgrind --tool=callgrind --dump-before=cycle_step \
 *            --dump-after=cycle_frame_shown ./tests/review-demo cycle */

static const char *state = "front";
static char *tmp_dir;

static void
on_add_toast (ShuatiReviewPage *page,
              AdwToast         *toast,
              AdwToastOverlay  *overlay)
{
  adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
}

static guint cycles_left;
/* Milliseconds from a key's frame to the next key (SHUATI_DEMO_STEP_MS):
 * under a profiler, long enough for the work that follows a frame. */
static guint cycle_pause_ms = 400;
/* Whether a key was sent whose result no frame has shown yet. */
static gboolean cycle_waiting;
/* Runs the window of "window-cycle", which has no application activate. */
static GMainLoop *window_loop;

static void
demo_quit (void)
{
  if (window_loop != NULL)
    g_main_loop_quit (window_loop);
  else
    g_application_quit (g_application_get_default ());
}

static gboolean cycle_step (gpointer data);

/* Called once per key, at the end of the first frame painted after it:
 * a place for the profiler to cut. Not static, so that it keeps its name. */
G_GNUC_NO_INLINE void cycle_frame_shown (void);

void
cycle_frame_shown (void)
{
  cycle_waiting = FALSE;
}

/* The next key goes after the pause, never before the last one shows. */
static void
on_cycle_after_paint (GdkFrameClock *clock,
                      gpointer       page)
{
  if (!cycle_waiting)
    return;
  cycle_frame_shown ();
  g_timeout_add (cycle_pause_ms, cycle_step, page);
}

/* "cycle": turns and grades cards one step per tick, so that a profiler
 * sees the work of a review (SHUATI_DEMO_CYCLES cards, 10 by default). */
static gboolean
cycle_step (gpointer data)
{
  GtkWidget *page = data;

  cycle_waiting = TRUE;
  gtk_widget_queue_draw (page);

  if (shuati_review_page_get_revealed (SHUATI_REVIEW_PAGE (page)))
    {
      gtk_widget_activate_action (page, "review.grade", "i", 3);
      if (--cycles_left == 0)
        {
          demo_quit ();
          return G_SOURCE_REMOVE;
        }
    }
  else
    gtk_widget_activate_action (page, "review.flip", NULL);
  return G_SOURCE_REMOVE;
}

static void
start_cycle (GtkWidget *page)
{
  cycles_left = (guint) g_ascii_strtoull (g_getenv ("SHUATI_DEMO_CYCLES") ?: "10", NULL, 10);
  cycle_pause_ms = (guint) g_ascii_strtoull (g_getenv ("SHUATI_DEMO_STEP_MS") ?: "400", NULL, 10);
  if (cycles_left == 0)
    demo_quit ();
  else
    {
      g_signal_connect (gtk_widget_get_frame_clock (page), "after-paint",
                        G_CALLBACK (on_cycle_after_paint), page);
      g_timeout_add (cycle_pause_ms, cycle_step, page);
    }
}

static gboolean
start_session (gpointer data)
{
  GtkWidget *page = data;
  ShuatiSession *session = g_object_get_data (G_OBJECT (page), "demo-session");

  shuati_review_page_set_session (SHUATI_REVIEW_PAGE (page), session);

  if (g_str_equal (state, "cycle"))
    start_cycle (page);
  else if (g_str_equal (state, "back"))
    {
      gtk_widget_activate_action (page, "review.toggle-star", NULL);
      gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.toggle-point", "i", 1);
      gtk_widget_activate_action (page, "review.toggle-point", "i", 3);
    }
  else if (g_str_equal (state, "summary"))
    {
      static const int grades[] = { 4, 3, 4, 1, 4, 4, 2, 4 };

      /* Some Again and Hard, then Easy to finish the cards that came back. */
      for (guint i = 0; shuati_session_get_current (session) != NULL; i++)
        {
          gtk_widget_activate_action (page, "review.flip", NULL);
          gtk_widget_activate_action (page, "review.grade", "i",
                                      i < 12 ? grades[i % G_N_ELEMENTS (grades)] : 4);
        }
    }
  else if (g_str_equal (state, "front"))
    {
      gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.grade", "i", 3);
      gtk_widget_activate_action (page, "review.flip", NULL);
      gtk_widget_activate_action (page, "review.grade", "i", 4);
    }

  return G_SOURCE_REMOVE;
}

static void
on_window_mapped (GtkWidget *window,
                  GtkWidget *page)
{
  g_timeout_add (300, start_session, page);
}

static void
activate (GApplication *app)
{
  g_autofree char *deck_path = g_build_filename (SHUATI_SOURCE_DIR, "data", "corpus", "llm-interview.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (deck_path);
  g_autofree char *store_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(ShuatiScheduler) scheduler = NULL;
  g_autoptr(ShuatiSession) session = NULL;
  const char *languages = g_getenv ("SHUATI_DEMO_LANGUAGES");
  GtkWidget *window, *box, *header, *overlay, *page;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);

  tmp_dir = g_dir_make_tmp ("shuati-demo-XXXXXX", NULL);
  store_path = g_build_filename (tmp_dir, "progress.db", NULL);
  store = shuati_store_new (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  scheduler = shuati_scheduler_new ();
  /* Twelve minutes ago, so that the summary has a time to show. */
  session = shuati_session_new_study (scheduler, store, shuati_deck_get_id (deck),
                                      G_LIST_MODEL (deck),
                                      g_str_equal (state, "empty") ? 0 : 12,
                                      now - 12 * 60, &error);
  if (session == NULL)
    g_error ("%s", error->message);

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_title (GTK_WINDOW (window), _("Review"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  page = shuati_review_page_new ();
  if (languages != NULL && languages[0] != '\0')
    {
      g_auto(GStrv) list = g_strsplit (languages, ",", -1);
      shuati_review_page_set_languages (SHUATI_REVIEW_PAGE (page), (const char * const *)list);
    }
  g_signal_connect (page, "add-toast", G_CALLBACK (on_add_toast), overlay);
  g_signal_connect_swapped (page, "finished", G_CALLBACK (gtk_window_destroy), window);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);

  /* As in the application, the window is on screen when the session
   * starts. */
  g_object_set_data_full (G_OBJECT (page), "demo-session", g_object_ref (session), g_object_unref);
  g_signal_connect_after (window, "map", G_CALLBACK (on_window_mapped), page);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
start_window_session (gpointer data)
{
  ShuatiWindow *window = data;
  GtkWidget *page = GTK_WIDGET (window->review_page);
  ShuatiSession *session;

  /* Study while there is something to study, else practise. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.study", NULL);
  session = shuati_review_page_get_session (window->review_page);
  if (session == NULL || shuati_session_get_finished (session))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.practice", NULL);
  session = shuati_review_page_get_session (window->review_page);
  if (session == NULL || shuati_session_get_finished (session))
    g_error ("the window has nothing to study or practise");

  gtk_widget_grab_focus (page);
  start_cycle (page);
  return G_SOURCE_REMOVE;
}

/* "window-cycle": the main window as the application shows it. */
static int
run_window (void)
{
  g_autoptr(ShuatiApplication) app = shuati_application_new ();
  g_autoptr(GError) error = NULL;
  ShuatiWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  window = shuati_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (shuati_library_get_loading (shuati_application_get_library (app)) ||
         !gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  if (!shuati_window_select_sidebar (window, "llm-interview/all"))
    g_error ("the sidebar has no llm-interview/all");

  window_loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (500, start_window_session, window);
  g_main_loop_run (window_loop);
  g_clear_pointer (&window_loop, g_main_loop_unref);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const char *localedir = g_getenv ("SHUATI_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1)
    state = argv[1];
  if (g_str_equal (state, "window-cycle"))
    return run_window ();

  app = adw_application_new ("io.github.shuati.Shuati.ReviewDemo", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), "/io/github/shuati/Shuati");
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  if (tmp_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_remove (path);
        }
      g_rmdir (tmp_dir);
      g_free (tmp_dir);
    }

  return status;
}
