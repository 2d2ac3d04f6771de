/* bench-import.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "shuati-exporter.h"
#include "shuati-importer.h"
#include "bench.h"

enum { IMPORT_MS, IMPORT_PEAK, IMPORT_CARDS, N_IMPORT };
enum { EXPORT_JSON_MS, EXPORT_MD_MS, N_EXPORT };

static char *
markdown_path (const BenchContext *ctx)
{
  return g_build_filename (ctx->work_dir, "bench-deck.md", NULL);
}

static char *
json_path (const BenchContext *ctx)
{
  return g_build_filename (ctx->work_dir, "bench-export.json", NULL);
}

/* Writes the synthetic deck as JSON and as a Markdown question bank in the
 * seed's format, timing each. */
static void
export_deck (const BenchContext *ctx,
             int                 fd)
{
  g_autoptr(GFile) file = g_file_new_for_path (ctx->deck_path);
  g_autofree char *md = markdown_path (ctx);
  g_autofree char *json = json_path (ctx);
  g_autoptr(GFile) md_file = g_file_new_for_path (md);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  double results[N_EXPORT];
  double start;

  deck = shuati_deck_new_from_file (file, NULL, &error);
  if (deck == NULL)
    g_error ("%s", error->message);

  start = bench_now_ms ();
  if (!shuati_export_to_file (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, json_file, NULL, &error))
    g_error ("%s", error->message);
  results[EXPORT_JSON_MS] = bench_now_ms () - start;

  start = bench_now_ms ();
  if (!shuati_export_to_file (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "zh_CN", md_file, NULL, &error))
    g_error ("%s", error->message);
  results[EXPORT_MD_MS] = bench_now_ms () - start;

  bench_child_report (fd, results, N_EXPORT);
}

static void
import_markdown (const BenchContext *ctx,
                 int                 fd)
{
  g_autofree char *md = markdown_path (ctx);
  g_autoptr(GFile) file = g_file_new_for_path (md);
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double results[N_IMPORT];
  double start;

  bench_reset_peak_rss ();
  start = bench_now_ms ();
  result = shuati_import_file (file, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  results[IMPORT_MS] = bench_now_ms () - start;
  results[IMPORT_PEAK] = bench_peak_rss_kib ();
  results[IMPORT_CARDS] = shuati_deck_get_n_cards (shuati_import_result_get_deck (result));
  bench_child_report (fd, results, N_IMPORT);
}

void
bench_import (const BenchContext *ctx)
{
  double exported[N_EXPORT];
  double imported[N_IMPORT];
  g_autofree char *md = markdown_path (ctx);
  g_autofree char *json = json_path (ctx);
  g_autoptr(GFile) md_file = g_file_new_for_path (md);
  g_autoptr(GFileInfo) info = NULL;
  double md_mib;
  double cards_per_s;

  if (!bench_in_child (export_deck, ctx, exported, N_EXPORT))
    g_error ("the export child failed");

  info = g_file_query_info (md_file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  md_mib = g_file_info_get_size (info) / (1024.0 * 1024.0);

  /* Twice, keeping the faster, so a cold page cache does not count. */
  for (guint round = 0; round < 2; round++)
    {
      double r[N_IMPORT];

      if (!bench_in_child (import_markdown, ctx, r, N_IMPORT))
        g_error ("the import child failed");
      if (round == 0 || r[IMPORT_MS] < imported[IMPORT_MS])
        memcpy (imported, r, sizeof r);
    }

  cards_per_s = imported[IMPORT_CARDS] / (imported[IMPORT_MS] / 1000.0);
  bench_print ("JSON export (stream to file)", "%.0f ms, %u cards", exported[EXPORT_JSON_MS], ctx->n_cards);
  bench_print ("Markdown export (zh_CN)", "%.0f ms, %.1f MiB", exported[EXPORT_MD_MS], md_mib);
  bench_print ("Markdown import (read, parse, validate)", "%.0f ms, %.0f cards, peak RSS %.1f MiB",
               imported[IMPORT_MS], imported[IMPORT_CARDS], imported[IMPORT_PEAK] / 1024.0);
  bench_print ("Markdown import rate", "%.0f cards/s", cards_per_s);
  bench_verdict ("Markdown import kept every card", imported[IMPORT_CARDS] == ctx->n_cards, "all cards");
  bench_verdict ("JSON export", exported[EXPORT_JSON_MS] <= 2000, "≤ 2 s for the deck");

  g_remove (md);
  g_remove (json);
}
