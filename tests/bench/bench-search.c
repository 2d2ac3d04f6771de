/* bench-search.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "shuati-card-filter.h"
#include "shuati-deck.h"
#include "bench.h"

static const char * const queries[] = {
  "蒸馏",
  "distillation",
  "GPU",
  "隐私 保护",
  "large model",
  "自动驾驶",
  "transfer learning",
  "fine-tuning",
  "对抗攻击",
  "ＡＩ",
};

#define ROUNDS 5

static guint
plain_scan (ShuatiDeck  *deck,
            ShuatiQuery *query)
{
  guint n = 0;

  for (guint i = 0; i < shuati_deck_get_n_cards (deck); i++)
    {
      const char *text = shuati_card_get_search_text (shuati_deck_get_card (deck, i));
      gboolean all = TRUE;

      for (guint w = 0; all && w < shuati_query_get_n_words (query); w++)
        all = strstr (text, shuati_query_get_word (query, w)) != NULL;
      n += all;
    }

  return n;
}

void
bench_search (const BenchContext *ctx)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(ShuatiCardFilter) filter = NULL;
  g_autoptr(GtkFilterListModel) model = NULL;
  double filter_ms[G_N_ELEMENTS (queries) * ROUNDS];
  double scan_ms[G_N_ELEMENTS (queries) * ROUNDS];
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  double worst_keystroke = 0;
  double filter_median;
  double scan_median;
  double keystroke_median;
  guint k = 0;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);

  filter = shuati_card_filter_new ();
  model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (deck)), g_object_ref (GTK_FILTER (filter)));

  for (guint round = 0; round < ROUNDS; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++, k++)
      {
        g_autoptr(ShuatiQuery) query = shuati_query_new (queries[q]);
        guint n_filter;
        guint n_scan;
        double start;

        /* From no query to the whole query, as a paste would. */
        shuati_card_filter_set_query (filter, NULL);
        start = bench_now_ms ();
        shuati_card_filter_set_query (filter, queries[q]);
        n_filter = g_list_model_get_n_items (G_LIST_MODEL (model));
        filter_ms[k] = bench_now_ms () - start;

        start = bench_now_ms ();
        n_scan = plain_scan (deck, query);
        scan_ms[k] = bench_now_ms () - start;

        if (n_filter != n_scan)
          g_error ("\"%s\": the filter found %u cards, the scan %u", queries[q], n_filter, n_scan);
      }

  /* Typing each query one character at a time: every keystroke that
   * extends the query only rechecks the cards that still match. */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *end = queries[q];

      shuati_card_filter_set_query (filter, NULL);
      while (*end != '\0')
        {
          g_autofree char *typed = NULL;
          double start;
          double elapsed;

          end = g_utf8_next_char (end);
          typed = g_strndup (queries[q], end - queries[q]);
          start = bench_now_ms ();
          shuati_card_filter_set_query (filter, typed);
          (void)g_list_model_get_n_items (G_LIST_MODEL (model));
          elapsed = bench_now_ms () - start;
          g_array_append_val (keystrokes, elapsed);
          worst_keystroke = MAX (worst_keystroke, elapsed);
        }
    }

  filter_median = bench_median (filter_ms, G_N_ELEMENTS (filter_ms));
  scan_median = bench_median (scan_ms, G_N_ELEMENTS (scan_ms));
  keystroke_median = bench_median ((double *)keystrokes->data, keystrokes->len);

  bench_print ("queries", "%u realistic queries × %d rounds over %u cards",
               (guint)G_N_ELEMENTS (queries), ROUNDS, shuati_deck_get_n_cards (deck));
  bench_print ("query → filtered model (median)", "%.1f ms", filter_median);
  bench_print ("plain strstr scan (median)", "%.1f ms", scan_median);
  bench_print ("filter / scan", "%.2f×", filter_median / scan_median);
  bench_print ("typing, per keystroke", "median %.1f ms, worst %.1f ms over %u keystrokes",
               keystroke_median, worst_keystroke, keystrokes->len);
  bench_verdict ("filter vs scan", filter_median <= 2 * scan_median, "≤ 2× the scan");
  bench_verdict ("per keystroke", keystroke_median <= 25, "≤ 25 ms");
}
