/* test-export.c
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
#include "shuati-safe-file.h"
#include "shuati-test-utils.h"

static ShuatiImportResult *
reimport (GBytes     *bytes,
          const char *file_name)
{
  g_autoptr(GError) error = NULL;
  ShuatiImportResult *result = shuati_import_bytes (bytes, file_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Same ids, numbers, topics, tags and texts in @language (every language
 * of @expected when NULL). */
static void
assert_same_deck (ShuatiDeck *expected,
                  ShuatiDeck *actual,
                  const char *language)
{
  const char * const *languages = shuati_deck_get_languages (expected);
  GListModel *topics = shuati_deck_get_topics (expected);

  g_assert_cmpstr (shuati_deck_get_id (actual), ==, shuati_deck_get_id (expected));
  g_assert_cmpuint (shuati_deck_get_n_cards (actual), ==, shuati_deck_get_n_cards (expected));
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (actual)), ==, g_list_model_get_n_items (topics));
  g_assert_cmpstrv (shuati_deck_get_tags (actual), shuati_deck_get_tags (expected));

  for (guint l = 0; languages[l]; l++)
    {
      const char * const one[] = { languages[l], NULL };

      if (language != NULL && !g_str_equal (language, languages[l]))
        continue;

      g_assert_cmpstr (shuati_deck_get_title (actual, one), ==, shuati_deck_get_title (expected, one));
      g_assert_cmpstr (shuati_deck_get_description (actual, one), ==, shuati_deck_get_description (expected, one));

      for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
        {
          g_autoptr(ShuatiTopic) topic = g_list_model_get_item (topics, t);
          g_autoptr(ShuatiTopic) other = g_list_model_get_item (shuati_deck_get_topics (actual), t);

          g_assert_cmpstr (shuati_topic_get_id (other), ==, shuati_topic_get_id (topic));
          g_assert_cmpstr (shuati_topic_get_title (other, one), ==, shuati_topic_get_title (topic, one));
          g_assert_cmpuint (shuati_topic_get_n_cards (other), ==, shuati_topic_get_n_cards (topic));
        }

      for (guint i = 0; i < shuati_deck_get_n_cards (expected); i++)
        {
          ShuatiCard *a = shuati_deck_get_card (expected, i);
          ShuatiCard *b = shuati_deck_get_card (actual, i);

          g_assert_cmpstr (shuati_card_get_id (b), ==, shuati_card_get_id (a));
          g_assert_cmpuint (shuati_card_get_number (b), ==, shuati_card_get_number (a));
          g_assert_cmpstr (shuati_card_get_topic_id (b), ==, shuati_card_get_topic_id (a));
          g_assert_cmpstrv (shuati_card_get_tags (b), shuati_card_get_tags (a));
          for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
            g_assert_cmpstr (shuati_card_get_text (b, f, one), ==, shuati_card_get_text (a, f, one));
        }
    }
}

static void
test_json_matches_corpus (void)
{
  g_autofree char *path = shuati_test_corpus_path ();
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* The corpus follows the conventions the exporter writes. */
  g_file_get_contents (path, &contents, &length, NULL);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);
}

static void
test_json_round_trip (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  g_autoptr(ShuatiImportResult) result = reimport (bytes, "exported.json");

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_DECK);
  assert_same_deck (deck, shuati_import_result_get_deck (result), NULL);
}

static void
test_json_new_id (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, "llm-copy");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) copy = shuati_deck_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (shuati_deck_get_id (copy), ==, "llm-copy");
  g_assert_cmpstr (shuati_card_get_deck_id (shuati_deck_get_card (copy, 0)), ==, "llm-copy");
}

static void
test_markdown_round_trip (gconstpointer data)
{
  const char *language = data;
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, language, NULL);
  g_autoptr(ShuatiImportResult) result = reimport (bytes, "llm-interview.md");
  ShuatiDeck *imported = shuati_import_result_get_deck (result);
  const char *text = g_bytes_get_data (bytes, NULL);

  if (g_str_equal (language, "zh_CN"))
    {
      g_assert_nonnull (strstr (text, "\n### 1. 什么是大模型？大模型有哪些特点？\n"));
      g_assert_nonnull (strstr (text, "\n**题目：** "));
      g_assert_nonnull (strstr (text, "\n**答案：**\n"));
      g_assert_nonnull (strstr (text, "\n**解析：** "));
    }
  else
    {
      g_assert_nonnull (strstr (text, "\n**Question:** "));
      g_assert_nonnull (strstr (text, "\n**Answer:**\n"));
      g_assert_nonnull (strstr (text, "\n**Explanation:** "));
      g_assert_null (strstr (text, "题目"));
    }

  g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_MARKDOWN);
  g_assert_cmpstrv (shuati_deck_get_languages (imported), ((const char * const[]) { language, NULL }));
  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 0);
  assert_same_deck (deck, imported, language);
}

static ShuatiDeck *
load_rich_deck (char **contents,
                gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rich-cards.json", NULL);
  g_autoptr(GError) error = NULL;
  ShuatiDeck *deck;

  g_assert_true (g_file_get_contents (path, contents, length, &error));
  g_assert_no_error (error);
  deck = shuati_deck_new_from_bytes (g_bytes_new_static (*contents, *length), &error);
  g_assert_no_error (error);
  return deck;
}

/* Fenced code (its blanks and blank lines), tables, formulas and images
 * come back byte for byte from a JSON export. */
static void
test_rich_json (void)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(ShuatiDeck) deck = load_rich_deck (&contents, &length);
  g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  g_autoptr(ShuatiImportResult) result = reimport (bytes, "rich-cards.json");

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);
  assert_same_deck (deck, shuati_import_result_get_deck (result), NULL);
}

/* Every field of the rich test deck, headings in answers, fenced code,
 * tables and formulas included, comes back byte for byte from a Markdown
 * export in each of its languages. */
static void
test_rich_markdown (void)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(ShuatiDeck) deck = load_rich_deck (&contents, &length);
  const char * const *languages = shuati_deck_get_languages (deck);

  for (guint l = 0; languages[l]; l++)
    {
      g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, languages[l], NULL);
      g_autoptr(ShuatiImportResult) result = reimport (bytes, "rich-cards.md");

      g_assert_cmpint (shuati_import_result_get_format (result), ==, SHUATI_IMPORT_FORMAT_MARKDOWN);
      assert_same_deck (deck, shuati_import_result_get_deck (result), languages[l]);
    }
}

/* A deck without topics comes back from Markdown without topics; a
 * Markdown file that does not say so still gives its cards one. */
static void
test_markdown_no_topics (void)
{
  static const char json[] =
    "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"plain\", \"languages\": [\"en\"],\n"
    " \"title\": \"Plain\", \"topics\": [],\n"
    " \"cards\": [\n"
    "  {\"id\": \"a\", \"number\": 1, \"title\": \"First\", \"question\": \"What is LoRA?\", \"answer\": \"A low-rank update.\"},\n"
    "  {\"id\": \"b\", \"number\": 2, \"title\": \"Second\", \"question\": \"What is RoPE?\", \"answer\": \"Rotary positions.\"}\n"
    " ]}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (g_bytes_new_static (json, sizeof json - 1), &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autoptr(ShuatiImportResult) plain = NULL;
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autofree char *text = NULL;
  ShuatiDeck *imported;
  char *comment;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (deck)), ==, 0);

  bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, " topics= -->"));
  result = reimport (bytes, "plain.md");
  imported = shuati_import_result_get_deck (result);
  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (imported)), ==, 0);
  for (guint i = 0; i < shuati_deck_get_n_cards (imported); i++)
    g_assert_null (shuati_card_get_topic_id (shuati_deck_get_card (imported, i)));
  assert_same_deck (deck, imported, "en");

  /* Without the deck's comment the cards are grouped under the deck. */
  comment = strstr (text, "<!-- shuati: deck=");
  g_assert_nonnull (comment);
  memset (comment, ' ', strstr (comment, "-->") + 3 - comment);
  plain_bytes = g_bytes_new (text, strlen (text));
  plain = reimport (plain_bytes, "plain.md");
  imported = shuati_import_result_get_deck (plain);
  g_assert_cmpuint (g_list_model_get_n_items (shuati_deck_get_topics (imported)), ==, 1);
  g_assert_nonnull (shuati_card_get_topic_id (shuati_deck_get_card (imported, 0)));
}

/* Text that would read as headings, labels, Shuati comments, an open
 * fence or even the closing line of a verbatim block is written so that
 * it comes back as it was; plain text is written as before. */
static void
test_markdown_verbatim (void)
{
  static const char json[] =
    "{\"format\": \"shuati-deck\", \"version\": 1, \"id\": \"tricky\", \"languages\": [\"en\"],"
    " \"title\": {\"en\": \"Tricky\"}, \"description\": {\"en\": \"# Not a topic\\nbut a description\"},"
    " \"topics\": [{\"id\": \"odd\", \"title\": {\"en\": \"Odd ones\"}}],"
    " \"cards\": ["
    "  {\"id\": \"t-1\", \"number\": 1, \"topic\": \"odd\", \"title\": {\"en\": \"Headings\"},"
    "   \"question\": {\"en\": \"  Leading blanks\\n## and a heading\"},"
    "   \"answer\": {\"en\": \"# One\\n\\nAnswer: not a label\\n<!-- shuati: id=x -->\\n<!-- shuati: end=1 -->\\n```python\\nopen fence\"},"
    "   \"explanation\": {\"en\": \"Q: looks like a label\\n<!-- shuati: verbatim=1 -->\"}},"
    "  {\"id\": \"t-2\", \"number\": 2, \"topic\": \"odd\", \"title\": {\"en\": \"Plain\"},"
    "   \"question\": {\"en\": \"Plain?\"}, \"answer\": {\"en\": \"Yes, *plain*.\\n\\n```\\n# comment\\n```\"},"
    "   \"explanation\": {\"en\": \"Nothing special.\"}}"
    " ]}";
  g_autoptr(GBytes) source = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_bytes (source, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ShuatiImportResult) result = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  bytes = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* The answer holds the closing line of block 1, so it uses block 2. */
  g_assert_nonnull (strstr (text, "**Answer:**\n<!-- shuati: verbatim=2 -->\n# One\n"));
  g_assert_nonnull (strstr (text, "**Explanation:**\n<!-- shuati: verbatim=1 -->\n"));
  g_assert_nonnull (strstr (text, "**Question:** Plain?\n"));
  g_assert_nonnull (strstr (text, "**Answer:**\n\nYes, *plain*.\n"));

  result = reimport (bytes, "tricky.md");
  g_assert_cmpuint (shuati_import_result_get_n_warnings (result), ==, 0);
  assert_same_deck (deck, shuati_import_result_get_deck (result), "en");
}

/* A deck that came from a CSV file goes through both formats unchanged. */
static void
test_csv_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "good", "chinese-header.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiImportResult) csv = shuati_import_file (file, NULL, &error);
  ShuatiDeck *deck;

  g_assert_no_error (error);
  deck = shuati_import_result_get_deck (csv);

  for (ShuatiExportFormat format = SHUATI_EXPORT_FORMAT_DECK; format <= SHUATI_EXPORT_FORMAT_MARKDOWN; format++)
    {
      g_autoptr(GBytes) bytes = shuati_export_to_bytes (deck, format, "zh_CN", NULL);
      g_autoptr(ShuatiImportResult) result = reimport (bytes, format == SHUATI_EXPORT_FORMAT_DECK ? "x.json" : "x.md");

      assert_same_deck (deck, shuati_import_result_get_deck (result), "zh_CN");
    }
}

static void
test_stream_and_file (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) expected = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", NULL);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) streamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deck.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/deck.md");
  g_autofree char *written = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (shuati_export_to_stream (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", NULL, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  streamed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_bytes_equal (streamed, expected));

  /* Replacing a file keeps nothing of the old contents. */
  g_file_set_contents (path, "old contents that are longer than nothing", -1, NULL);
  g_assert_true (shuati_export_to_file (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", file, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, &length, NULL);
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  g_assert_false (shuati_export_to_file (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, nowhere, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
export_async (ShuatiDeck    *deck,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  shuati_export_to_file_async (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, file, cancellable,
                               on_exported, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return shuati_export_to_file_finish (result, error);
}

/* In a worker thread: the same file, and the same errors. */
static void
test_file_async (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GBytes) expected = shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deck.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/folder/deck.json");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *written = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (export_async (deck, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  g_assert_false (export_async (deck, nowhere, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelled before it starts: the old file stays as it was. */
  g_cancellable_cancel (cancelled);
  g_file_set_contents (path, "old", -1, NULL);
  g_assert_false (export_async (deck, file, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, "old");

  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Save As over a file on a full disk: the old file stays whole, and no
 * temporary file is left beside it; a new file is not created at all. */
static void
test_file_full_disk (void)
{
  g_autoptr(ShuatiDeck) deck = shuati_test_load_corpus ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shuati-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deck.json", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  for (gssize budget = 0; budget <= 4096; budget += 4096)
    {
      shuati_safe_file_inject_no_space (budget);
      g_assert_false (export_async (deck, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_cmpstr (error->message, ==, "The disk is full: “deck.json” could not be saved. "
                                           "Free some space and try again.");
      g_clear_error (&error);

      shuati_safe_file_inject_no_space (budget);
      g_assert_false (shuati_export_to_file (deck, SHUATI_EXPORT_FORMAT_MARKDOWN, "en", new_file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
    }
  shuati_safe_file_inject_no_space (-1);

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, "old");
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/export/json/matches-corpus", test_json_matches_corpus);
  g_test_add_func ("/shuati/export/json/round-trip", test_json_round_trip);
  g_test_add_func ("/shuati/export/json/new-id", test_json_new_id);
  g_test_add_data_func ("/shuati/export/markdown/round-trip-zh", "zh_CN", test_markdown_round_trip);
  g_test_add_data_func ("/shuati/export/markdown/round-trip-en", "en", test_markdown_round_trip);
  g_test_add_func ("/shuati/export/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/shuati/export/rich/json", test_rich_json);
  g_test_add_func ("/shuati/export/rich/markdown", test_rich_markdown);
  g_test_add_func ("/shuati/export/markdown/verbatim", test_markdown_verbatim);
  g_test_add_func ("/shuati/export/markdown/no-topics", test_markdown_no_topics);
  g_test_add_func ("/shuati/export/stream-and-file", test_stream_and_file);
  g_test_add_func ("/shuati/export/file-async", test_file_async);
  g_test_add_func ("/shuati/export/file-full-disk", test_file_full_disk);

  return g_test_run ();
}
