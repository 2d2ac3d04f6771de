/* bench.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint       n_cards;
  const char *deck_path;      /* the synthetic deck of n_cards */
  const char *corpus_path;    /* the built-in deck, for realistic text */
  const char *work_dir;       /* scratch space, removed at exit */
} BenchContext;

typedef void (*BenchFunc) (const BenchContext *ctx);

double  bench_now_ms           (void);
double  bench_thread_cpu_ms    (void);
double  bench_process_cpu_ms   (void);
gsize   bench_peak_rss_kib     (void);
gsize   bench_rss_kib          (void);
void    bench_reset_peak_rss   (void);
double  bench_median           (double *values,
                                guint   n_values);
void    bench_print            (const char *name,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);
void    bench_verdict          (const char *name,
                                gboolean    met,
                                const char *target);

/* Runs @func in a child process so that its peak memory is its own;
 * the child writes its results with bench_child_report(). */
gboolean bench_in_child        (void      (*func) (const BenchContext *ctx, int fd),
                                const BenchContext *ctx,
                                double     *results,
                                guint       n_results);
void     bench_child_report    (int         fd,
                                double     *results,
                                guint       n_results);

/* Writes the synthetic deck; @unique_text: no two cards share text. */
gboolean bench_write_deck      (const char  *corpus_path,
                                const char  *path,
                                guint        n_cards,
                                gboolean     unique_text,
                                GError     **error);

void    bench_load             (const BenchContext *ctx);
void    bench_search           (const BenchContext *ctx);
void    bench_review           (const BenchContext *ctx);
void    bench_statistics       (const BenchContext *ctx);
void    bench_import           (const BenchContext *ctx);
void    bench_frames           (const BenchContext *ctx);
void    bench_math             (const BenchContext *ctx);
void    bench_rich_text        (const BenchContext *ctx);
void    bench_anki             (const BenchContext *ctx);
void    bench_planner          (const BenchContext *ctx);
void    bench_browser          (const BenchContext *ctx);
void    bench_optimizer        (const BenchContext *ctx);
void    bench_sync             (const BenchContext *ctx);

G_END_DECLS
