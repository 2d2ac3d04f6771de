/* bench-anki.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Anki package of 20,000 notes with 100,000 reviews and 500 images,
 * written by tests/data/make-anki-packages.py, imported whole: read and
 * convert, add to a library (deck file and images) and write its
 * history and its suspended and buried cards to a progress file.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "shuati-importer.h"
#include "shuati-library.h"
#include "shuati-store.h"
#include "bench.h"

#define N_NOTES   20000
#define N_REVIEWS 100000
#define N_IMAGES  500

enum { READ_MS, ADD_MS, HISTORY_MS, CPU_MS, PEAK, CARDS, REVIEWS, IMAGES, N_RESULTS };

static char *
package_dir (const BenchContext *ctx)
{
  return g_build_filename (ctx->work_dir, "anki", NULL);
}

static void
import_package (const BenchContext *ctx,
                int                 fd)
{
  g_autofree char *dir = package_dir (ctx);
  g_autofree char *path = g_build_filename (dir, "bench.apkg", NULL);
  g_autofree char *decks_path = g_build_filename (dir, "decks", NULL);
  g_autofree char *store_path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) decks = g_file_new_for_path (decks_path);
  GFile *no_builtins[] = { NULL };
  g_autoptr(ShuatiLibrary) library = shuati_library_new_with_builtins (no_builtins, decks);
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *reviews = NULL;
  GHashTable *memories = NULL;
  GPtrArray *suspended, *buried = NULL;
  ShuatiDeck *deck;
  double results[N_RESULTS];
  double start;
  clock_t cpu;

  bench_reset_peak_rss ();
  cpu = clock ();
  start = bench_now_ms ();
  result = shuati_import_file (file, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  results[READ_MS] = bench_now_ms () - start;

  start = bench_now_ms ();
  deck = shuati_library_add_imported (library, result, SHUATI_LIBRARY_ADD_REPLACE, &error);
  if (deck == NULL)
    g_error ("%s", error->message);
  results[ADD_MS] = bench_now_ms () - start;

  start = bench_now_ms ();
  store = shuati_store_new (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  shuati_import_result_get_history (result, &reviews, &memories);
  if (!shuati_store_import_history (store, shuati_deck_get_id (deck), reviews, memories, NULL, &error))
    g_error ("%s", error->message);
  suspended = shuati_import_result_get_suspended (result, &buried);
  if (!shuati_store_import_marks (store, shuati_deck_get_id (deck), suspended, buried,
                                  g_get_real_time () / G_USEC_PER_SEC + 86400, &error))
    g_error ("%s", error->message);
  results[HISTORY_MS] = bench_now_ms () - start;

  results[CPU_MS] = (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC;
  results[PEAK] = bench_peak_rss_kib ();
  results[CARDS] = shuati_deck_get_n_cards (deck);
  results[REVIEWS] = reviews != NULL ? reviews->len : 0;
  results[IMAGES] = shuati_import_result_get_media (result)->len;
  bench_child_report (fd, results, N_RESULTS);
}

void
bench_anki (const BenchContext *ctx)
{
  g_autofree char *dir = package_dir (ctx);
  g_autofree char *script = g_build_filename (SHUATI_SOURCE_DIR, "tests", "data", "make-anki-packages.py", NULL);
  g_autofree char *notes = g_strdup_printf ("%d", N_NOTES);
  g_autofree char *reviews = g_strdup_printf ("%d", N_REVIEWS);
  g_autofree char *images = g_strdup_printf ("%d", N_IMAGES);
  const char *argv[] = { "python3", script, dir, "--bench", notes, reviews, images, NULL };
  g_autoptr(GError) error = NULL;
  double r[N_RESULTS];
  double total;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("writing the Anki package: %s", error->message);

  if (!bench_in_child (import_package, ctx, r, N_RESULTS))
    g_error ("the Anki import child failed");

  total = r[READ_MS] + r[ADD_MS] + r[HISTORY_MS];
  bench_print ("Anki package: read, templates, HTML, history replay", "%.0f ms", r[READ_MS]);
  bench_print ("Anki package: deck file and images into the library", "%.0f ms", r[ADD_MS]);
  bench_print ("Anki package: history into the progress file", "%.0f ms", r[HISTORY_MS]);
  bench_print ("Anki package: import in all", "%.0f ms for %.0f cards, %.0f reviews, %.0f images; peak RSS %.1f MiB",
               total, r[CARDS], r[REVIEWS], r[IMAGES], r[PEAK] / 1024.0);
  /* On a shared machine the wall clock waits for other work too: the
   * processor time says what the import itself costs. */
  bench_print ("Anki package: processor time of the import", "%.0f ms", r[CPU_MS]);
  bench_verdict ("Anki package import (20,000 notes, 100,000 reviews, 500 images)", total <= 10000, "≤ 10 s");
  bench_verdict ("Anki package kept every card and review",
                 r[CARDS] == N_NOTES && r[REVIEWS] == N_REVIEWS && r[IMAGES] == N_IMAGES, "all of them");
}
