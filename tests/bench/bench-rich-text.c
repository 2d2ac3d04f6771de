/* bench-rich-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rendering a rich card when it is shown, for a card with a 60-line
 * highlighted code block, a table and three display formulas: what the
 * user waits for is its blocks built and the window's next frame measuring,
 * allocating and drawing them. The frame is the window's own, driven by
 * its frame clock, so every re-measure and re-layout GTK does is counted.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "shuati-rich-text.h"
#include "bench.h"

#define N_RUNS 41
#define WIDTH 640
/* How long the work a card leaves for later (idle layout, highlighting,
 * follow-up frames) is watched after its first frame. */
#define FOLLOW_UP_MS 60

static char *
rich_card (guint    variant,
           gboolean code)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "## Attention, variant %u\n\nThe **scaled** dot product, in `PyTorch`:\n\n", variant);
  if (code)
    {
      g_string_append (text, "```python\n");
      for (guint i = 0; i < 60; i++)
        g_string_append_printf (text, "%*sscores_%u = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(d_k), dim=-1)  # line %u\n",
                                (int) (i % 3) * 4, "", i, i);
      g_string_append (text, "```\n\n");
    }
  g_string_append (text, ""
                   "| Method | Trainable | Memory | Speed |\n"
                   "|:-------|----------:|:------:|-------|\n"
                   "| Full | 100% | high | 1× |\n"
                   "| LoRA | 0.1% | low | 1.2× |\n"
                   "| QLoRA | 0.1% | lowest | 0.8× |\n"
                   "| Prefix | 0.01% | low | 1.1× |\n\n"
                   "$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V$$\n\n"
                   "$$L = -\\sum_{c=1}^{C} y_c \\log \\hat{y}_c$$\n\n"
                   "$$W' = W + BA$$\n");
  return g_string_free (text, FALSE);
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

typedef struct
{
  GtkWidget    *rich;
  /* Set when a card was given and its first frame is still to come. */
  gboolean      waiting;
  gboolean      drawn;
  /* Wall and processor clocks when the frame's work began or last
   * stopped being counted. */
  double        mark_wall;
  double        mark_cpu;
  /* The frame's layout phases and the last snapshot of the card. */
  double        layout_wall;
  double        layout_cpu;
  double        snapshot_wall;
  double        snapshot_cpu;
  /* The rest of the frame: the window's own snapshot and rendering. */
  double        paint_cpu;
  guint         n_layouts;
} Frame;

static void
on_before_paint (GdkFrameClock *clock,
                 Frame         *frame)
{
  if (!frame->waiting)
    return;
  frame->mark_wall = bench_now_ms ();
  frame->mark_cpu = bench_thread_cpu_ms ();
}

/* Runs after the window's own layout handler: the card is measured and
 * allocated. Its snapshot is taken here, before the frame's paint, so that
 * it costs what the first snapshot of a new card costs; the renderer's work
 * that follows is the same for any window and is not counted. */
static void
on_layout (GdkFrameClock *clock,
           Frame         *frame)
{
  double wall = bench_now_ms ();
  double cpu = bench_thread_cpu_ms ();
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  frame->n_layouts++;
  if (!frame->waiting)
    return;

  frame->layout_wall += wall - frame->mark_wall;
  frame->layout_cpu += cpu - frame->mark_cpu;
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (gtk_widget_get_parent (frame->rich), frame->rich, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
  frame->mark_wall = bench_now_ms ();
  frame->mark_cpu = bench_thread_cpu_ms ();
  frame->snapshot_wall = frame->mark_wall - wall;
  frame->snapshot_cpu = frame->mark_cpu - cpu;
}

static void
on_after_paint (GdkFrameClock *clock,
                Frame         *frame)
{
  if (frame->waiting && frame->layout_wall > 0)
    {
      frame->paint_cpu = bench_thread_cpu_ms () - frame->mark_cpu;
      frame->waiting = FALSE;
      frame->drawn = TRUE;
    }
}

static gboolean
follow_up_done (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct
{
  double total_wall[N_RUNS];   /* build + layout + snapshot, wall clock */
  double total_cpu[N_RUNS];    /* the same, processor time */
  double build_cpu[N_RUNS];
  double layout_cpu[N_RUNS];
  double snapshot_cpu[N_RUNS];
  double paint_cpu[N_RUNS];
  double later_cpu[N_RUNS];    /* what the card costs after its first frame */
  double later_layouts[N_RUNS];
} Runs;

/* Shows @texts in turn N_RUNS times, each through one real frame. */
static void
render_runs (Frame  *frame,
             char  **texts,
             Runs   *runs)
{
  for (guint i = 0; i < N_RUNS; i++)
    {
      double start_wall, start_cpu;
      double build_wall, build_cpu;
      double later_start;
      gboolean done = FALSE;

      frame->layout_wall = frame->layout_cpu = 0;
      frame->snapshot_wall = frame->snapshot_cpu = 0;
      frame->drawn = FALSE;

      start_wall = bench_now_ms ();
      start_cpu = bench_thread_cpu_ms ();
      shuati_rich_text_set_text (SHUATI_RICH_TEXT (frame->rich), texts[i % 2]);
      build_wall = bench_now_ms () - start_wall;
      build_cpu = bench_thread_cpu_ms () - start_cpu;

      frame->waiting = TRUE;
      while (!frame->drawn)
        g_main_context_iteration (NULL, TRUE);

      runs->total_wall[i] = build_wall + frame->layout_wall + frame->snapshot_wall;
      runs->total_cpu[i] = build_cpu + frame->layout_cpu + frame->snapshot_cpu;
      runs->build_cpu[i] = build_cpu;
      runs->layout_cpu[i] = frame->layout_cpu;
      runs->snapshot_cpu[i] = frame->snapshot_cpu;
      runs->paint_cpu[i] = frame->paint_cpu;

      /* Whatever the card left for later: idle layout, highlighting,
       * frames that lay it out again. */
      frame->n_layouts = 0;
      later_start = bench_thread_cpu_ms ();
      g_timeout_add (FOLLOW_UP_MS, follow_up_done, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      runs->later_cpu[i] = bench_thread_cpu_ms () - later_start;
      runs->later_layouts[i] = frame->n_layouts;
    }
}

static double
median_of (const double *values)
{
  double copy[N_RUNS - 1];

  /* The first run loads the languages and schemes: not per card. */
  memcpy (copy, values + 1, sizeof copy);
  return bench_median (copy, N_RUNS - 1);
}

static double
worst_of (const double *values)
{
  double worst = 0;

  for (guint i = 1; i < N_RUNS; i++)
    worst = MAX (worst, values[i]);
  return worst;
}

static void
print_runs (const char *name,
            Runs       *runs,
            gboolean    verdicts)
{
  g_autofree char *median_name = g_strdup_printf ("%s: median", name);
  g_autofree char *cpu_name = g_strdup_printf ("%s: median processor time", name);
  g_autofree char *worst_name = g_strdup_printf ("%s: worst", name);
  g_autofree char *later_name = g_strdup_printf ("%s: after the first frame", name);
  double median = median_of (runs->total_wall);
  double worst = worst_of (runs->total_wall);

  bench_print (median_name, "%.2f ms", median);
  if (verdicts)
    bench_verdict (median_name, median <= 5.0, "≤ 5 ms");
  bench_print (worst_name, "%.2f ms", worst);
  if (verdicts)
    bench_verdict (worst_name, worst <= 16.0, "≤ 16 ms");
  bench_print (cpu_name, "%.2f ms (build %.2f, layout %.2f, snapshot %.2f; worst %.2f)",
               median_of (runs->total_cpu), median_of (runs->build_cpu),
               median_of (runs->layout_cpu), median_of (runs->snapshot_cpu), worst_of (runs->total_cpu));
  bench_print (later_name, "%.2f ms processor time, %.0f more layouts (medians); the frame's rendering %.2f ms",
               median_of (runs->later_cpu), median_of (runs->later_layouts), median_of (runs->paint_cpu));
}

void
bench_rich_text (const BenchContext *ctx)
{
  GtkWindow *window;
  GtkWidget *scroller;
  GdkFrameClock *clock;
  g_autofree Runs *runs = g_new0 (Runs, 1);
  Frame frame = { 0, };
  g_autofree char *texts[2] = { rich_card (0, TRUE), rich_card (1, TRUE) };
  g_autofree char *plain_texts[2] = { rich_card (0, FALSE), rich_card (1, FALSE) };

  g_print ("Rich card rendering (build and the window's first frame)\n");
  if (!gtk_init_check ())
    {
      bench_print ("rich card", "skipped: no display");
      return;
    }
  adw_init ();

  /* As in the reader: the card in a scroller at the column's width. */
  window = GTK_WINDOW (gtk_window_new ());
  scroller = gtk_scrolled_window_new ();
  frame.rich = shuati_rich_text_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), frame.rich);
  gtk_window_set_default_size (window, WIDTH, 800);
  gtk_window_set_child (window, scroller);
  gtk_window_present (window);

  /* Connected after the window's own handlers, which run first. */
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frame);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), &frame);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);

  render_runs (&frame, texts, runs);
  bench_print ("rich card: first (loads GtkSourceView)", "%.2f ms", runs->total_wall[0]);
  print_runs ("rich card", runs, TRUE);
  bench_print ("rich card: widgets", "%u", count_widgets (frame.rich));

  /* What the code block costs: the same card without it. */
  render_runs (&frame, plain_texts, runs);
  print_runs ("rich card without code", runs, FALSE);

  g_signal_handlers_disconnect_by_data (clock, &frame);
  gtk_window_destroy (window);
}
