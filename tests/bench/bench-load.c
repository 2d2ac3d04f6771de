/* bench-load.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "shuati-deck.h"
#include "bench.h"

enum { PARSE_MS, PARSE_PEAK, N_PARSE };
enum { LOAD_MS, LOAD_PEAK, LOAD_AFTER, N_LOAD };

static void
bare_parse (const BenchContext *ctx,
            int                 fd)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  double results[N_PARSE];
  double start;

  bench_reset_peak_rss ();
  start = bench_now_ms ();
  if (!json_parser_load_from_mapped_file (parser, ctx->deck_path, &error))
    g_error ("%s", error->message);
  results[PARSE_MS] = bench_now_ms () - start;
  results[PARSE_PEAK] = bench_peak_rss_kib ();
  bench_child_report (fd, results, N_PARSE);
}

static void
full_load (const BenchContext *ctx,
           int                 fd)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = NULL;
  double results[N_LOAD];
  double start;

  bench_reset_peak_rss ();
  start = bench_now_ms ();
  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);
  results[LOAD_MS] = bench_now_ms () - start;
  results[LOAD_PEAK] = bench_peak_rss_kib ();
  results[LOAD_AFTER] = bench_rss_kib ();
  g_assert (shuati_deck_get_n_cards (deck) == ctx->n_cards);
  bench_child_report (fd, results, N_LOAD);
}

void
bench_load (const BenchContext *ctx)
{
  double parse[N_PARSE];
  double load[N_LOAD];
  double file_mib;
  double baseline_kib;
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  file_mib = g_file_info_get_size (info) / (1024.0 * 1024.0);
  /* What the process holds before it reads the deck. */
  baseline_kib = bench_rss_kib ();

  /* Run each twice and keep the faster, so a cold page cache does not count. */
  for (guint round = 0; round < 2; round++)
    {
      double p[N_PARSE];
      double l[N_LOAD];

      if (!bench_in_child (bare_parse, ctx, p, N_PARSE) ||
          !bench_in_child (full_load, ctx, l, N_LOAD))
        g_error ("a benchmark child failed");
      if (round == 0 || p[PARSE_MS] < parse[PARSE_MS])
        memcpy (parse, p, sizeof p);
      if (round == 0 || l[LOAD_MS] < load[LOAD_MS])
        memcpy (load, l, sizeof l);
    }

  bench_print ("deck file", "%.1f MiB, %u cards", file_mib, ctx->n_cards);
  bench_print ("bare json-glib parse", "%.0f ms, peak RSS %.1f MiB",
               parse[PARSE_MS], parse[PARSE_PEAK] / 1024.0);
  bench_print ("full load (parse, cards, search text)", "%.0f ms, peak RSS %.1f MiB",
               load[LOAD_MS], load[LOAD_PEAK] / 1024.0);
  bench_print ("load / parse time", "%.2f×", load[LOAD_MS] / parse[PARSE_MS]);
  bench_print ("load / parse peak RSS", "%.2f×", load[LOAD_PEAK] / parse[PARSE_PEAK]);
  bench_print ("resident once loaded", "%.1f MiB (%.2f× the file; %.1f MiB before loading)",
               load[LOAD_AFTER] / 1024.0, (load[LOAD_AFTER] - baseline_kib) / 1024.0 / file_mib,
               baseline_kib / 1024.0);
  bench_verdict ("load time", load[LOAD_MS] <= 1.5 * parse[PARSE_MS], "≤ 1.5× parse");
  bench_verdict ("load peak RSS", load[LOAD_PEAK] <= 1.2 * parse[PARSE_PEAK], "≤ 1.2× parse peak");
  bench_verdict ("resident once loaded", (load[LOAD_AFTER] - baseline_kib) / 1024.0 <= 2.5 * file_mib,
                 "≤ 2.5× file size");
}
