/* bench-frames.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame latency: the main window, driven by real key events that the X
 * server delivers (XTEST), timed from the key to the end of the first
 * frame that shows what the key did. The CPU time of each key tells the
 * program's own work from waiting for a busy machine.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "shuati-application.h"
#include "shuati-session.h"
#include "shuati-window-private.h"
#include "bench.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

#define N_SAMPLES 30
#define TIMEOUT_MS 5000.0
#define FRAME_MS (1000.0 / 60)

#ifdef HAVE_XTEST

typedef struct _FrameBench FrameBench;

/* Whether the widgets hold the result of the key just sent. */
typedef gboolean (*ShownFunc) (FrameBench *fb);

struct _FrameBench
{
  ShuatiWindow      *window;
  Display           *xdisplay;

  /* The sample being taken */
  ShownFunc          shown;
  ShownFunc          first_shown; /* a first part of the result, if any */
  GdkFrameClock     *clock;       /* of the window whose frame shows the result */
  gpointer           expected;
  guint              expected_n;
  double             start_ms;
  double             first_ms;
  double             end_ms;
  double             start_cpu_ms;
  double             end_cpu_ms;
};

/* Ends the sample at the first frame painted with the result in place.
 * State changes only outside painting, so what holds after the paint
 * held during it. */
static void
on_after_paint (GdkFrameClock *clock,
                FrameBench    *fb)
{
  if (fb->shown == NULL || clock != fb->clock || fb->end_ms > 0)
    return;
  if (fb->first_shown != NULL && fb->first_ms == 0 && fb->first_shown (fb))
    fb->first_ms = bench_now_ms ();
  if (fb->shown (fb))
    {
      fb->end_ms = bench_now_ms ();
      fb->end_cpu_ms = bench_process_cpu_ms ();
    }
}

static void
watch_frames (FrameBench *fb,
              GtkWidget  *toplevel)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (toplevel);

  g_assert (clock != NULL);
  if (g_object_get_data (G_OBJECT (clock), "shuati-bench") == NULL)
    {
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), fb);
      g_object_set_data (G_OBJECT (clock), "shuati-bench", fb);
    }
}

static gboolean
on_wake (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window finish what it is doing: @ms of main loop. The card
 * list filters at once, with no steps to wait for. */
static void
settle (FrameBench *fb,
        guint       ms)
{
  gboolean woken = FALSE;

  g_timeout_add (ms, on_wake, &woken);
  while (!woken)
    g_main_context_iteration (NULL, TRUE);
}

/* Gives @window the X keyboard focus, as a click on it would. */
static void
focus_toplevel (FrameBench *fb,
                GtkWindow  *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  double deadline = bench_now_ms () + TIMEOUT_MS;

  XSetInputFocus (fb->xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (fb->xdisplay);
  while (!gtk_window_is_active (window) && bench_now_ms () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!gtk_window_is_active (window))
    g_error ("the window did not get the keyboard focus");
}

static void
send_key (FrameBench      *fb,
          guint            keyval,
          GdkModifierType  modifiers)
{
  KeyCode code = XKeysymToKeycode (fb->xdisplay, keyval);
  KeyCode control = XKeysymToKeycode (fb->xdisplay, GDK_KEY_Control_L);

  g_assert (code != 0);
  if (modifiers & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (fb->xdisplay, control, True, CurrentTime);
  XTestFakeKeyEvent (fb->xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (fb->xdisplay, code, False, CurrentTime);
  if (modifiers & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (fb->xdisplay, control, False, CurrentTime);
  XFlush (fb->xdisplay);
}

/* Sends a key and returns the milliseconds until the end of the frame
 * that shows its result, or -1 if none did within TIMEOUT_MS; @cpu is
 * the CPU time spent meanwhile. The frame is that of @painter, or of the
 * statistics window once it exists. */
static double
sample (FrameBench      *fb,
        double          *cpu,
        guint            keyval,
        GdkModifierType  modifiers,
        ShownFunc        shown,
        GtkWidget       *painter)
{
  gboolean woken = FALSE;
  guint timeout;

  fb->shown = shown;
  fb->clock = painter != NULL ? gtk_widget_get_frame_clock (painter) : NULL;
  fb->first_ms = 0;
  fb->end_ms = 0;
  fb->start_ms = bench_now_ms ();
  fb->start_cpu_ms = bench_process_cpu_ms ();
  send_key (fb, keyval, modifiers);

  timeout = g_timeout_add (TIMEOUT_MS, on_wake, &woken);
  while (fb->end_ms == 0 && !woken)
    {
      g_main_context_iteration (NULL, TRUE);

      if (fb->clock == NULL && fb->window->statistics_window != NULL &&
          gtk_widget_get_realized (GTK_WIDGET (fb->window->statistics_window)))
        {
          watch_frames (fb, GTK_WIDGET (fb->window->statistics_window));
          fb->clock = gtk_widget_get_frame_clock (GTK_WIDGET (fb->window->statistics_window));
        }

      /* A result that changes nothing on screen (the same cards match)
       * still needs a frame to count as shown. */
      if (fb->clock != NULL && shown (fb))
        gdk_frame_clock_request_phase (fb->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  if (!woken)
    g_source_remove (timeout);
  fb->shown = NULL;

  if (cpu != NULL)
    *cpu = fb->end_cpu_ms - fb->start_cpu_ms;
  return fb->end_ms > 0 ? fb->end_ms - fb->start_ms : -1;
}

typedef struct
{
  double   values[N_SAMPLES];
  double   cpu[N_SAMPLES];
  guint    n;
  guint    n_lost;
} Series;

static void
series_add (Series *series,
            double  ms,
            double  cpu)
{
  if (ms < 0)
    series->n_lost++;
  else if (series->n < N_SAMPLES)
    {
      series->values[series->n] = ms;
      series->cpu[series->n] = cpu;
      series->n++;
    }
}

/* Takes one sample into @series. */
static void
series_sample (Series          *series,
               FrameBench      *fb,
               guint            keyval,
               GdkModifierType  modifiers,
               ShownFunc        shown,
               GtkWidget       *painter)
{
  double cpu = 0;
  double ms = sample (fb, &cpu, keyval, modifiers, shown, painter);

  series_add (series, ms, cpu);
}

/* Prints median and worst; a key with no result counts as the worst. */
static void
series_report (Series     *series,
               const char *what,
               guint       n_cards,
               double      median_target,
               double      worst_target)
{
  g_autofree char *name = g_strdup_printf ("%s, %u cards", what, n_cards);
  g_autofree char *target = NULL;
  g_autofree char *cpu_text = NULL;
  double median;
  double worst;
  double cpu;

  if (series->n == 0)
    {
      bench_print (name, "no result within %.0f ms for any key", TIMEOUT_MS);
      if (median_target > 0 || worst_target > 0)
        bench_verdict (name, FALSE, "a result");
      return;
    }

  median = bench_median (series->values, series->n);
  cpu = bench_median (series->cpu, series->n);
  cpu_text = isnan (cpu) ? g_strdup ("") : g_strdup_printf ("; CPU %.1f ms", cpu);
  worst = series->n_lost > 0 ? INFINITY : series->values[series->n - 1];
  if (series->n_lost > 0)
    bench_print (name, "median %.1f ms (%.1f frames%s), %u of %u keys showed nothing within %.0f ms",
                 median, median / FRAME_MS, cpu_text, series->n_lost, series->n + series->n_lost, TIMEOUT_MS);
  else
    bench_print (name, "median %.1f ms (%.1f frames%s), worst %.1f ms (%.1f frames) of %u",
                 median, median / FRAME_MS, cpu_text, worst, worst / FRAME_MS, series->n);

  if (median_target > 0 && worst_target > 0)
    {
      target = g_strdup_printf ("median ≤ %.0f ms, worst ≤ %.0f ms", median_target, worst_target);
      bench_verdict (name, median <= median_target && worst <= worst_target, target);
    }
  else if (worst_target > 0)
    {
      target = g_strdup_printf ("worst ≤ %.0f ms", worst_target);
      bench_verdict (name, worst <= worst_target, target);
    }
}

/* Down in the card list: the reader shows the next card --------------------- */

static gboolean
reader_shows_expected (FrameBench *fb)
{
  return shuati_card_view_get_card (fb->window->card_view) == fb->expected;
}

static gboolean
first_card_shown (FrameBench *fb)
{
  return gtk_single_selection_get_selected (fb->window->card_selection) == 0;
}

/* Focuses the first row: the focus goes into the list as Tab would take
 * it there, then Home. */
static void
focus_first_row (FrameBench *fb)
{
  GtkWidget *list = GTK_WIDGET (fb->window->card_list_view);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fb->window));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list))
    gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD);
  if (sample (fb, NULL, GDK_KEY_Home, 0, first_card_shown, GTK_WIDGET (fb->window)) < 0)
    g_error ("Home did not go back to the first card");
  settle (fb, 50);
}

static void
measure_down (FrameBench *fb,
              Series     *series)
{
  GListModel *cards = G_LIST_MODEL (fb->window->card_selection);
  guint n_cards = g_list_model_get_n_items (cards);

  focus_first_row (fb);
  for (guint i = 0; series->n < N_SAMPLES && i < 2 * N_SAMPLES; i++)
    {
      guint position = gtk_single_selection_get_selected (fb->window->card_selection);

      if (position + 1 >= n_cards)
        {
          focus_first_row (fb);
          position = 0;
        }
      fb->expected = g_list_model_get_item (cards, position + 1);
      g_object_unref (fb->expected);
      series_sample (series, fb, GDK_KEY_Down, 0, reader_shows_expected, GTK_WIDGET (fb->window));
      settle (fb, 50);
    }
}

/* Space turns the card, 3 grades it Good and shows the next ------------------ */

static gboolean
card_turned (FrameBench *fb)
{
  return shuati_review_page_get_revealed (fb->window->review_page);
}

static gboolean
next_card_shown (FrameBench *fb)
{
  ShuatiSession *session = shuati_review_page_get_session (fb->window->review_page);

  return session != NULL && shuati_session_get_n_done (session) == fb->expected_n &&
         !shuati_session_get_finished (session) &&
         !shuati_review_page_get_revealed (fb->window->review_page);
}

static ShuatiSession *
front_of_a_card (FrameBench *fb)
{
  ShuatiSession *session;

  /* A key whose result came after the time allowed may have left the
   * back of a card up. */
  if (shuati_review_page_get_revealed (fb->window->review_page))
    {
      gtk_widget_activate_action (GTK_WIDGET (fb->window->review_page), "review.grade", "i", 3);
      settle (fb, 300);
    }

  session = shuati_review_page_get_session (fb->window->review_page);
  if (session == NULL || shuati_session_get_finished (session))
    {
      /* Study while there is something to study, then practise. */
      gtk_widget_activate_action (GTK_WIDGET (fb->window), "win.study", NULL);
      session = shuati_review_page_get_session (fb->window->review_page);
      if (session == NULL || shuati_session_get_finished (session))
        gtk_widget_activate_action (GTK_WIDGET (fb->window), "win.practice", NULL);
      session = shuati_review_page_get_session (fb->window->review_page);
      settle (fb, 300);
    }
  g_assert (session != NULL && !shuati_session_get_finished (session));
  g_assert (!shuati_review_page_get_revealed (fb->window->review_page));

  /* Keys go to the page, as after a click on it. */
  if (!gtk_widget_has_focus (GTK_WIDGET (fb->window->review_page)))
    gtk_widget_grab_focus (GTK_WIDGET (fb->window->review_page));

  return session;
}

static void
measure_review (FrameBench *fb,
                Series     *turn,
                Series     *next)
{
  for (guint i = 0; next->n < N_SAMPLES && i < 3 * N_SAMPLES; i++)
    {
      ShuatiSession *session = front_of_a_card (fb);

      if (turn->n < N_SAMPLES)
        series_sample (turn, fb, GDK_KEY_space, 0, card_turned, GTK_WIDGET (fb->window));
      /* A learner reads the answer before grading it: the grade comes
       * after the turn (220 ms), not over its last frames. */
      settle (fb, 300);
      if (!shuati_review_page_get_revealed (fb->window->review_page))
        continue;

      fb->expected_n = shuati_session_get_n_done (session) + 1;
      {
        double cpu = 0;
        double ms = sample (fb, &cpu, GDK_KEY_3, 0, next_card_shown, GTK_WIDGET (fb->window));

        /* The last card of a session shows the summary, not a card. */
        if (!shuati_session_get_finished (session))
          series_add (next, ms, cpu);
      }
      settle (fb, 50);
    }

  /* Escape after some grades shows what was done; again, it ends the
   * session and the list is back. */
  for (guint i = 0; i < 2 && gtk_widget_get_mapped (GTK_WIDGET (fb->window->review_page)); i++)
    {
      double deadline = bench_now_ms () + TIMEOUT_MS;

      gtk_widget_activate_action (GTK_WIDGET (fb->window->review_page), "review.end", NULL);
      settle (fb, 300);
      /* A busy machine may take longer over the page's transition. */
      while (i == 1 && gtk_widget_get_mapped (GTK_WIDGET (fb->window->review_page))
             && bench_now_ms () < deadline)
        settle (fb, 50);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (fb->window->review_page)))
    g_error ("the review did not end");
}

/* A keystroke in the search: the list shows the matching cards --------------- */

static gboolean
query_applied (FrameBench *fb)
{
  ShuatiQuery *query = shuati_card_filter_get_query (fb->window->filter);
  const char *text = query != NULL ? shuati_query_get_text (query) : "";

  return g_strcmp0 (text, fb->expected) == 0;
}

static gboolean
results_shown (FrameBench *fb)
{
  return query_applied (fb);
}

/* Above some size the list filters in steps: @first times the first
 * frame with the query applied, @series the frame with all its results. */
static void
measure_search (FrameBench *fb,
                Series     *series,
                Series     *first)
{
  static const char * const words[] = { "distillation", "gpu", "transfer", "privacy" };
  GtkEditable *entry = GTK_EDITABLE (fb->window->search_entry);
  guint w = 0;

  gtk_widget_activate_action (GTK_WIDGET (fb->window), "win.find", NULL);
  settle (fb, 100);
  while (series->n + series->n_lost < N_SAMPLES)
    {
      const char *word = words[w++ % G_N_ELEMENTS (words)];

      gtk_editable_set_text (entry, "");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      settle (fb, 300);
      for (guint c = 0; word[c] != '\0' && series->n + series->n_lost < N_SAMPLES; c++)
        {
          g_autofree char *typed = g_strndup (word, c + 1);
          double cpu = 0;
          double ms;

          fb->expected = typed;
          fb->first_shown = query_applied;
          ms = sample (fb, &cpu, gdk_unicode_to_keyval (word[c]), 0, results_shown, GTK_WIDGET (fb->window));
          series_add (series, ms, cpu);
          series_add (first, fb->first_ms > 0 ? fb->first_ms - fb->start_ms : -1, NAN);
          fb->first_shown = NULL;
          fb->expected = NULL;
          settle (fb, 50);
        }
    }

  g_signal_emit_by_name (entry, "stop-search");
  settle (fb, 300);
}

/* Ctrl+T: the statistics window shows --------------------------------------- */

static gboolean
statistics_shown (FrameBench *fb)
{
  ShuatiStatisticsWindow *statistics = fb->window->statistics_window;

  return statistics != NULL && gtk_widget_get_mapped (GTK_WIDGET (statistics)) &&
         shuati_statistics_window_get_statistics (statistics) != NULL;
}

static void
measure_statistics (FrameBench *fb,
                    Series     *series)
{
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      focus_toplevel (fb, GTK_WINDOW (fb->window));
      gtk_widget_grab_focus (GTK_WIDGET (fb->window->card_list_view));
      settle (fb, 50);

      /* The first opening builds the window; closed, it only hides, and
       * each later opening shows it again with fresh figures. */
      series_sample (series, fb, GDK_KEY_t, GDK_CONTROL_MASK, statistics_shown, NULL);
      if (fb->window->statistics_window != NULL)
        gtk_window_close (GTK_WINDOW (fb->window->statistics_window));
      settle (fb, 100);
    }
}

/* ------------------------------------------------------------------------ */

static void
measure_deck (FrameBench *fb,
              const char *sidebar_key,
              gboolean    with_targets)
{
  Series down = { 0 }, turn = { 0 }, next = { 0 }, search = { 0 }, first = { 0 }, statistics = { 0 };
  double median_target = with_targets ? 2 * FRAME_MS : 0;
  double worst_target = with_targets ? 4 * FRAME_MS : 0;
  guint n_cards;

  if (!shuati_window_select_sidebar (fb->window, sidebar_key))
    g_error ("the sidebar has no %s", sidebar_key);
  settle (fb, 300);
  n_cards = g_list_model_get_n_items (G_LIST_MODEL (fb->window->filtered_cards));

  focus_toplevel (fb, GTK_WINDOW (fb->window));
  measure_down (fb, &down);
  measure_review (fb, &turn, &next);
  measure_search (fb, &search, &first);
  measure_statistics (fb, &statistics);

  series_report (&down, "Down in the list → reader", n_cards, median_target, worst_target);
  series_report (&turn, "Space → card turns", n_cards, median_target, worst_target);
  series_report (&next, "3 → next card", n_cards, median_target, worst_target);
  series_report (&search, "search keystroke → list", n_cards, median_target,
                 with_targets ? worst_target : 3 * FRAME_MS);
  series_report (&statistics, "Ctrl+T → statistics", n_cards, median_target, worst_target);
}

/* The window reads its settings from memory and its decks and progress
 * from a home of its own, which holds the synthetic deck. */
static void
set_up_environment (const BenchContext *ctx)
{
  g_autofree char *home = g_build_filename (ctx->work_dir, "frames", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *decks = g_build_filename (data, "shuati", "decks", NULL);
  g_autofree char *deck = g_build_filename (decks, "bench.json", NULL);
  g_autofree char *deck_path = g_canonicalize_filename (ctx->deck_path, NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  g_mkdir_with_parents (decks, 0700);
  if (symlink (deck_path, deck) != 0)
    g_error ("%s: %s", deck, g_strerror (errno));

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SHUATI_BUILD_DIR "/data", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  /* A virtual display has no GPU: GL would be Mesa drawing every pixel
   * of every frame in software, a cost no learner's machine has. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

/* Other programs' share of the CPU, which the wall times include. */
static void
print_load (void)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    bench_print ("machine load", "%.1f over the last minute, on %u CPUs",
                 g_ascii_strtod (loadavg, NULL), g_get_num_processors ());
}

void
bench_frames (const BenchContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiApplication) app = NULL;
  FrameBench fb = { 0 };
  int event_base, error_base, major, minor;

  set_up_environment (ctx);
  if (!gtk_init_check ())
    {
      bench_print ("skipped", "no display: run under xvfb-run -a -s \"-screen 0 1280x800x24\"");
      return;
    }
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      bench_print ("skipped", "real key events need an X display (XTEST)");
      return;
    }
  fb.xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  if (!XTestQueryExtension (fb.xdisplay, &event_base, &error_base, &major, &minor))
    {
      bench_print ("skipped", "the X server has no XTEST extension");
      return;
    }
  adw_init ();

  app = shuati_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  fb.window = shuati_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fb.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fb.window));
  while (shuati_library_get_loading (shuati_application_get_library (app)) ||
         !gtk_widget_get_mapped (GTK_WIDGET (fb.window)))
    g_main_context_iteration (NULL, TRUE);
  watch_frames (&fb, GTK_WIDGET (fb.window));
  settle (&fb, 500);

  bench_print ("keys", "real key events through the X server (XTEST %d.%d)", major, minor);
  bench_print ("renderer", "%s (GSK_RENDERER chooses), frames of %.1f ms",
               G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (fb.window))), FRAME_MS);
  print_load ();
  bench_print ("samples", "%d keys each; the result must show within %.0f ms", N_SAMPLES, TIMEOUT_MS);

  measure_deck (&fb, "llm-interview/all", TRUE);
  measure_deck (&fb, "bench/all", FALSE);

  gtk_window_destroy (GTK_WINDOW (fb.window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

#else /* !HAVE_XTEST */

void
bench_frames (const BenchContext *ctx)
{
  bench_print ("skipped", "built without libxtst (install libxtst-dev and reconfigure)");
}

#endif
