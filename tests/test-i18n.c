/* test-i18n.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "shuati-deck.h"

/* Runs with LANGUAGE=zh_CN and the catalog built in the build tree. */
static void
test_chinese_catalog (void)
{
  g_assert_cmpstr (_("Shuati"), ==, "刷题");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "General"), ==, "常规");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", 24), ==, "%u 张卡片");
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static char *
load_bad_deck (const char *name,
               int         code)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiDeck) deck = shuati_deck_new_from_file (file, NULL, &error);

  g_assert_null (deck);
  g_assert_error (error, SHUATI_DECK_ERROR, code);
  return g_strdup (error->message);
}

/* Deck errors come in the user's language behind a place that stays as
 * it is, so that tools can still find it. */
static void
test_deck_errors (void)
{
  g_autofree char *topic = load_bad_deck ("unknown-topic.json", SHUATI_DECK_ERROR_UNKNOWN_TOPIC);
  g_autofree char *type = load_bad_deck ("card-not-object.json", SHUATI_DECK_ERROR_SCHEMA);
  g_autofree char *syntax = load_bad_deck ("trailing-comma.json", SHUATI_DECK_ERROR_SYNTAX);

  g_assert_true (g_str_has_prefix (topic, "cards[0]: "));
  g_assert_true (has_han (topic));
  g_assert_nonnull (strstr (topic, "nowhere"));
  g_assert_nonnull (strstr (topic, "topics"));
  g_assert_null (strstr (topic, "the topic"));

  /* The kind of value is translated inside the sentence too. */
  g_assert_cmpstr (_("a string"), !=, "a string");
  g_assert_true (g_str_has_prefix (type, "cards[1]: "));
  g_assert_true (has_han (type));
  g_assert_true (g_str_has_suffix (type, _("a string")));

  /* json-glib words its own messages; the place keeps its form. */
  g_assert_true (g_str_has_prefix (syntax, "4:15: "));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUATI_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/i18n/chinese-catalog", test_chinese_catalog);
  g_test_add_func ("/shuati/i18n/deck-errors", test_deck_errors);

  return g_test_run ();
}
