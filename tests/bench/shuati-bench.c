/* shuati-bench.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a synthetic deck of N cards made from the built-in deck's text
 * and prints speed and memory figures next to their targets.
 */

#include "config.h"

#include <time.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "shuati-deck.h"
#include "bench.h"

static const struct {
  const char *name;
  BenchFunc   func;
} benchmarks[] = {
  { "load", bench_load },
  { "search", bench_search },
  { "review", bench_review },
  { "statistics", bench_statistics },
  { "import", bench_import },
  { "frames", bench_frames },
  { "math", bench_math },
  { "rich-text", bench_rich_text },
  { "anki", bench_anki },
  { "planner", bench_planner },
  { "browser", bench_browser },
  { "optimizer", bench_optimizer },
  { "sync", bench_sync },
};

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Processor time of this thread, in ms: what the machine's other loads
 * change far less than the time on the clock. */
double
bench_thread_cpu_ms (void)
{
  return clock_ms (CLOCK_THREAD_CPUTIME_ID);
}

/* Processor time of the whole process (its threads too), in ms. */
double
bench_process_cpu_ms (void)
{
  return clock_ms (CLOCK_PROCESS_CPUTIME_ID);
}

static gsize
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

gsize
bench_peak_rss_kib (void)
{
  return read_status_kib ("VmHWM:");
}

gsize
bench_rss_kib (void)
{
  return read_status_kib ("VmRSS:");
}

void
bench_reset_peak_rss (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n_values)
{
  g_assert (n_values > 0);
  qsort (values, n_values, sizeof (double), compare_doubles);
  if (n_values % 2 == 1)
    return values[n_values / 2];
  return (values[n_values / 2 - 1] + values[n_values / 2]) / 2;
}

void
bench_print (const char *name,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_print ("  %-44s %s\n", name, text);
}

void
bench_verdict (const char *name,
               gboolean    met,
               const char *target)
{
  g_print ("  %-44s %s (target %s)\n", name, met ? "MET" : "MISSED", target);
}

void
bench_child_report (int     fd,
                    double *results,
                    guint   n_results)
{
  gsize size = n_results * sizeof (double);

  if (write (fd, results, size) != (gssize)size)
    _exit (2);
}

gboolean
bench_in_child (void              (*func) (const BenchContext *ctx, int fd),
                const BenchContext *ctx,
                double             *results,
                guint               n_results)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  gsize size = n_results * sizeof (double);
  gsize got = 0;

  if (pipe (fds) != 0)
    return FALSE;

  pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      func (ctx, fds[1]);
      close (fds[1]);
      _exit (0);
    }

  close (fds[1]);
  while (got < size)
    {
      gssize n = read (fds[0], (char *)results + got, size - got);
      if (n <= 0)
        break;
      got += n;
    }
  close (fds[0]);
  waitpid (pid, &status, 0);

  return got == size && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar)*p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar)*p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* What makes each card's text its own on the unique-text deck: the
 * corpus's Han characters (as often as the corpus uses them) and its
 * English words. */
typedef struct
{
  GArray    *han;     /* (element-type gunichar) */
  GPtrArray *words;   /* (element-type utf8) */
  GRand     *rand;
} Mutator;

static void
mutator_collect (Mutator    *mutator,
                 const char *text)
{
  const char *word = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x4E00 && c <= 0x9FFF)
        g_array_append_val (mutator->han, c);
      if (c < 0x80 && g_ascii_isalpha (c))
        {
          if (word == NULL)
            word = p;
        }
      else
        {
          if (word != NULL && p - word >= 3)
            g_ptr_array_add (mutator->words, g_strndup (word, p - word));
          word = NULL;
        }
      if (c == 0)
        break;
    }
}

/* After each Chinese punctuation mark, two Han characters; after each
 * English sentence or clause, a word from elsewhere; and two words of
 * a sentence swapped now and then: text that no other card has, in the
 * words and characters of the deck. */
static char *
mutator_apply (Mutator    *mutator,
               const char *text)
{
  GString *out = g_string_new (NULL);
  const char *word_start = NULL;
  const char *prev_start = NULL;
  gsize prev_out = 0, prev_len = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean alpha = c < 0x80 && g_ascii_isalpha (c);

      if (alpha && word_start == NULL)
        word_start = p;
      if (!alpha && word_start != NULL)
        {
          gsize len = p - word_start;

          /* The word just written and the one before: swap them one time
           * in eight, when both are plain words. */
          if (prev_start != NULL && out->len == prev_out + prev_len + 1 &&
              out->str[prev_out + prev_len] == ' ' && g_rand_int_range (mutator->rand, 0, 8) == 0)
            {
              g_autofree char *prev = g_strndup (out->str + prev_out, prev_len);

              g_string_truncate (out, prev_out);
              g_string_append_len (out, word_start, len);
              g_string_append_c (out, ' ');
              g_string_append (out, prev);
              prev_start = NULL;
            }
          else
            {
              prev_start = word_start;
              prev_out = out->len;
              prev_len = len;
              g_string_append_len (out, word_start, len);
            }
          word_start = NULL;
        }
      if (alpha)
        continue;
      g_string_append_unichar (out, c);
      if (c != ' ')
        prev_start = NULL;
      if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF65 && !g_unichar_isalnum (c)))
        for (guint k = 0; k < 2; k++)
          g_string_append_unichar (out, g_array_index (mutator->han, gunichar,
                                                       g_rand_int_range (mutator->rand, 0, mutator->han->len)));
      else if ((c == '.' || c == ',') && p[1] == ' ')
        {
          g_string_append_c (out, ' ');
          g_string_append (out, g_ptr_array_index (mutator->words,
                                                   g_rand_int_range (mutator->rand, 0, mutator->words->len)));
        }
    }
  if (word_start != NULL)
    g_string_append (out, word_start);

  return g_string_free (out, FALSE);
}

/* Card i reuses the text of corpus card i % 24, made unique with its
 * number; with @unique_text, each card's text is also changed by a
 * seeded mutator so that no two cards share their sentences, as in a
 * real deck. */
gboolean
bench_write_deck (const char  *corpus_path,
                  const char  *path,
                  guint        n_cards,
                  gboolean     unique_text,
                  GError     **error)
{
  Mutator mutator = { NULL, NULL, NULL };
  static const char * const fields[] = { "title", "question", "answer", "explanation" };
  static const char * const languages[] = { "zh_CN", "en" };
  g_autoptr(GFile) corpus_file = g_file_new_for_path (corpus_path);
  g_autoptr(ShuatiDeck) corpus = NULL;
  g_autoptr(GString) out = NULL;
  GListModel *topics;
  FILE *f;

  corpus = shuati_deck_new_from_file (corpus_file, NULL, error);
  if (corpus == NULL)
    return FALSE;
  if (unique_text)
    {
      mutator.han = g_array_new (FALSE, FALSE, sizeof (gunichar));
      mutator.words = g_ptr_array_new_with_free_func (g_free);
      mutator.rand = g_rand_new_with_seed (15);
      for (guint i = 0; i < shuati_deck_get_n_cards (corpus); i++)
        for (guint f_i = 0; f_i < G_N_ELEMENTS (fields); f_i++)
          for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
            mutator_collect (&mutator, shuati_card_get_text_exact (shuati_deck_get_card (corpus, i),
                                                                   f_i, languages[l]));
      g_assert (mutator.han->len > 0 && mutator.words->len > 0);
    }

  f = g_fopen (path, "w");
  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  out = g_string_new ("{\n  \"format\": \"shuati-deck\",\n  \"version\": 1,\n"
                      "  \"id\": \"bench\",\n  \"languages\": [\"zh_CN\", \"en\"],\n"
                      "  \"title\": {\"zh_CN\": \"基准\", \"en\": \"Benchmark\"},\n"
                      "  \"topics\": [\n");
  topics = shuati_deck_get_topics (corpus);
  for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
    {
      g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, t);

      g_string_append_printf (out, "    {\"id\": \"%s\", \"title\": ", shuati_topic_get_id (topic));
      append_json_string (out, shuati_topic_get_title (topic, NULL));
      g_string_append_printf (out, "}%s\n", t + 1 < g_list_model_get_n_items (topics) ? "," : "");
    }
  g_string_append (out, "  ],\n  \"cards\": [\n");

  for (guint i = 0; i < n_cards; i++)
    {
      ShuatiCard *card = shuati_deck_get_card (corpus, i % shuati_deck_get_n_cards (corpus));
      const char * const *tags = shuati_card_get_tags (card);

      g_string_append_printf (out, "    {\n      \"id\": \"card-%u\",\n      \"number\": %u,\n"
                              "      \"topic\": \"%s\",\n      \"tags\": [",
                              i + 1, i + 1, shuati_card_get_topic_id (card));
      for (guint t = 0; tags[t]; t++)
        g_string_append_printf (out, "%s\"%s\"", t ? ", " : "", tags[t]);
      g_string_append (out, "],\n");

      for (guint f_i = 0; f_i < G_N_ELEMENTS (fields); f_i++)
        {
          g_string_append_printf (out, "      \"%s\": {", fields[f_i]);
          for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
            {
              g_autofree char *text = NULL;
              g_autofree char *mutated = NULL;
              const char *original = shuati_card_get_text_exact (card, f_i, languages[l]);

              if (unique_text && original != NULL)
                original = mutated = mutator_apply (&mutator, original);
              text = g_strdup_printf ("%s (%u)", original, i + 1);
              g_string_append_printf (out, "%s\"%s\": ", l ? ", " : "", languages[l]);
              append_json_string (out, text);
            }
          g_string_append_printf (out, "}%s\n", f_i + 1 < G_N_ELEMENTS (fields) ? "," : "");
        }
      g_string_append_printf (out, "    }%s\n", i + 1 < n_cards ? "," : "");

      if (out->len > 1 << 20)
        {
          fwrite (out->str, 1, out->len, f);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, "  ]\n}\n");
  fwrite (out->str, 1, out->len, f);
  if (unique_text)
    {
      g_array_unref (mutator.han);
      g_ptr_array_unref (mutator.words);
      g_rand_free (mutator.rand);
    }

  if (fclose (f) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *deck_path = NULL;
  g_autofree char *corpus_path = NULL;
  g_auto(GStrv) only = NULL;
  g_autofree char *keep_deck = NULL;
  int n_cards = 100000;
  BenchContext ctx;
  GOptionEntry entries[] = {
    { "cards", 'n', 0, G_OPTION_ARG_INT, &n_cards, "Cards in the synthetic deck (default 100000)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only, "Run only this benchmark (repeatable)", "NAME" },
    { "deck", 0, 0, G_OPTION_ARG_FILENAME, &keep_deck, "Write the synthetic deck here and keep it; reuse it if it exists", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- measure Shuati at scale");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cards < 1)
    {
      g_printerr ("shuati-bench: %s\n", error ? error->message : "--cards must be at least 1");
      return EXIT_FAILURE;
    }

  corpus_path = g_build_filename (SHUATI_SOURCE_DIR, "data", "corpus", "llm-interview.json", NULL);
  work_dir = g_dir_make_tmp ("shuati-bench-XXXXXX", &error);
  if (work_dir == NULL)
    {
      g_printerr ("shuati-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }
  deck_path = keep_deck != NULL ? g_strdup (keep_deck) : g_build_filename (work_dir, "deck.json", NULL);

  if (keep_deck != NULL && g_file_test (keep_deck, G_FILE_TEST_EXISTS))
    g_print ("Using the deck in %s (it must have %d cards)\n", keep_deck, n_cards);
  else
    g_print ("Writing a synthetic deck of %d cards…\n", n_cards);
  if ((keep_deck == NULL || !g_file_test (keep_deck, G_FILE_TEST_EXISTS)) &&
      !bench_write_deck (corpus_path, deck_path, n_cards, FALSE, &error))
    {
      g_printerr ("shuati-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  ctx = (BenchContext) { n_cards, deck_path, corpus_path, work_dir };

  for (guint i = 0; i < G_N_ELEMENTS (benchmarks); i++)
    {
      if (only != NULL && !g_strv_contains ((const char * const *)only, benchmarks[i].name))
        continue;
      g_print ("\n[%s]\n", benchmarks[i].name);
      benchmarks[i].func (&ctx);
    }

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", work_dir);
    if (system (command) != 0)
      g_printerr ("shuati-bench: could not remove %s\n", work_dir);
  }

  return EXIT_SUCCESS;
}
