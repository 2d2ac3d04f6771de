/* test-i18n.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

/* Runs with LANGUAGE=zh_CN and the catalog built in the build tree. */
static void
test_chinese_catalog (void)
{
  g_assert_cmpstr (_("Shuati"), ==, "刷题");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "General"), ==, "常规");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", 24), ==, "%u 张卡片");
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

  return g_test_run ();
}
