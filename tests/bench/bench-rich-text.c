/* bench-rich-text.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rendering a rich card when it is shown: its blocks built, laid out at
 * the reader's width and drawn once, for a card with a 60-line highlighted
 * code block, a table and three display formulas.
 */

#include "config.h"

#include <adwaita.h>

#include "shuati-rich-text.h"
#include "bench.h"

#define N_RUNS 41
#define WIDTH 640

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

/* Renders @texts in turn N_RUNS times; the median and worst, without the
 * first run, in @median and @worst. */
static void
render_runs (GtkWidget          *rich,
             GdkPaintable       *paintable,
             char              **texts,
             double             *times,
             double             *build,
             double             *layout)
{
  for (guint i = 0; i < N_RUNS; i++)
    {
      double start = bench_now_ms ();
      int height;
      GtkSnapshot *snapshot;
      GskRenderNode *node;

      /* Built, measured and laid out at the reader's width, then drawn. */
      shuati_rich_text_set_text (SHUATI_RICH_TEXT (rich), texts[i % 2]);
      build[i] = bench_now_ms () - start;
      gtk_widget_measure (rich, GTK_ORIENTATION_VERTICAL, WIDTH, &height, NULL, NULL, NULL);
      gtk_widget_allocate (rich, WIDTH, height, -1, NULL);
      layout[i] = bench_now_ms () - start - build[i];
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, WIDTH, height);
      node = gtk_snapshot_free_to_node (snapshot);
      times[i] = bench_now_ms () - start;
      g_clear_pointer (&node, gsk_render_node_unref);

      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

void
bench_rich_text (const BenchContext *ctx)
{
  GtkWindow *window;
  GtkWidget *rich;
  g_autoptr(GdkPaintable) paintable = NULL;
  double times[N_RUNS];
  double build[N_RUNS];
  double layout[N_RUNS];
  double worst = 0;
  double median;
  g_autofree char *texts[2] = { rich_card (0, TRUE), rich_card (1, TRUE) };
  g_autofree char *plain_texts[2] = { rich_card (0, FALSE), rich_card (1, FALSE) };

  g_print ("Rich card rendering\n");
  if (!gtk_init_check ())
    {
      bench_print ("rich card", "skipped: no display");
      return;
    }
  adw_init ();

  window = GTK_WINDOW (gtk_window_new ());
  rich = shuati_rich_text_new ();
  gtk_window_set_default_size (window, WIDTH, 800);
  gtk_window_set_child (window, rich);
  gtk_window_present (window);
  paintable = gtk_widget_paintable_new (rich);

  render_runs (rich, paintable, texts, times, build, layout);
  /* The first run loads the languages and schemes: not per card. */
  for (guint i = 1; i < N_RUNS; i++)
    worst = MAX (worst, times[i]);

  median = bench_median (times + 1, N_RUNS - 1);
  bench_print ("rich card: first (loads GtkSourceView)", "%.2f ms", times[0]);
  bench_print ("rich card: median", "%.2f ms (build %.2f, layout %.2f)", median,
               bench_median (build + 1, N_RUNS - 1), bench_median (layout + 1, N_RUNS - 1));
  bench_verdict ("rich card: median", median <= 5.0, "≤ 5 ms");
  bench_print ("rich card: worst", "%.2f ms", worst);
  bench_verdict ("rich card: worst", worst <= 16.0, "≤ 16 ms");
  bench_print ("rich card: widgets", "%u", count_widgets (rich));

  /* What the code block costs: the same card without it. */
  render_runs (rich, paintable, plain_texts, times, build, layout);
  bench_print ("rich card without code: median", "%.2f ms (build %.2f, layout %.2f)",
               bench_median (times + 1, N_RUNS - 1), bench_median (build + 1, N_RUNS - 1),
               bench_median (layout + 1, N_RUNS - 1));

  gtk_window_destroy (window);
}
