/* bench-sync.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync through a folder: merging 100,000 events of another device (5,000
 * cards reviewed 20 times each, a few stars), and the idle check of a
 * folder that has not changed since.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "shuati-sync.h"
#include "bench.h"

#define N_EVENTS 100000
#define N_CARDS 5000
#define N_IDLE 50
#define DAY 86400

/* Writes the other device's journal as Shuati would: 1 MiB files. */
static void
write_journal (const char *dir,
               gint64      now)
{
  g_autoptr(GString) file = g_string_new (NULL);
  guint n_file = 1;
  gint64 t0 = now - 400 * (gint64)DAY;

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      guint card = i % N_CARDS;
      guint round = i / N_CARDS;
      gint64 at = t0 + round * 20 * (gint64)DAY + card * 7;

      if (i % 50 == 49)
        g_string_append_printf (file, "{\"v\":1,\"type\":\"star\",\"device\":\"bench-device\",\"seq\":%u,"
                                "\"ts\":%" G_GINT64_FORMAT ",\"deck\":\"bench\",\"card\":\"card-%u\"}\n",
                                i + 1, at * 1000, card);
      else
        g_string_append_printf (file, "{\"v\":1,\"type\":\"review\",\"device\":\"bench-device\",\"seq\":%u,"
                                "\"ts\":%" G_GINT64_FORMAT ",\"deck\":\"bench\",\"card\":\"card-%u\","
                                "\"at\":%" G_GINT64_FORMAT ",\"rating\":%u,\"ms\":4000}\n",
                                i + 1, at * 1000, card, at, 1 + (i * 7 + card) % 4 / 3 * 2 + (card % 5 == 0));
      if (file->len > SHUATI_SYNC_ROTATE_SIZE - 300 || i == N_EVENTS - 1)
        {
          g_autofree char *name = g_strdup_printf ("journal-%u.jsonl", n_file++);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_file_set_contents (path, file->str, file->len, NULL);
          g_string_truncate (file, 0);
        }
    }
}

void
bench_sync (const BenchContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (ctx->work_dir, "sync-folder", NULL);
  g_autofree char *dir = g_build_filename (folder, "devices", "bench-device", NULL);
  g_autofree char *db = g_build_filename (ctx->work_dir, "sync-device", "progress.db", NULL);
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiSync) sync = NULL;
  double idle[N_IDLE];
  double start, merge_ms, idle_ms, cpu_ms;
  struct timespec cpu0, cpu1;
  gboolean changes = FALSE;
  guint applied = 0;

  write_journal (dir, g_get_real_time () / G_USEC_PER_SEC);

  store = shuati_store_new (db, &error);
  if (store != NULL)
    sync = shuati_sync_new (store, scheduler, folder, &error);
  if (sync == NULL)
    {
      bench_print ("sync", "could not start: %s", error->message);
      bench_verdict ("merge 100,000 foreign events", FALSE, "≤ 2 s");
      return;
    }

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu0);
  start = bench_now_ms ();
  if (!shuati_sync_merge (sync, &applied, &error))
    bench_print ("sync", "merge failed: %s", error->message);
  merge_ms = bench_now_ms () - start;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu1);
  cpu_ms = (cpu1.tv_sec - cpu0.tv_sec) * 1000.0 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;

  for (guint i = 0; i < N_IDLE; i++)
    {
      start = bench_now_ms ();
      changes |= shuati_sync_has_changes (sync);
      idle[i] = bench_now_ms () - start;
    }
  idle_ms = bench_median (idle, N_IDLE);

  bench_print ("events applied", "%u of %u", applied, N_EVENTS);
  bench_print ("merge 100,000 foreign events", "%.0f ms (target ≤ 2000 ms)", merge_ms);
  /* On a shared machine the wall time says more about the others. */
  bench_print ("  of which on this process's CPU", "%.0f ms", cpu_ms);
  bench_verdict ("merge 100,000 foreign events", applied == N_EVENTS && merge_ms <= 2000, "≤ 2 s");
  bench_print ("idle check of the unchanged folder", "%.3f ms (median of %u; target ≤ 1 ms)",
               idle_ms, N_IDLE);
  bench_verdict ("idle check of the unchanged folder", !changes && idle_ms <= 1.0, "≤ 1 ms, no change seen");
  shuati_sync_stop (sync);
}
