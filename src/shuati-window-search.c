/* shuati-window-search.c: what the window says about a search
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-card-filter.h"
#include "shuati-window-private.h"

/**
 * _shuati_window_show_search_error:
 *
 * Shows under the search entry why the typed query cannot be read, and
 * where, or takes that message away.
 *
 * Returns: whether there was an error to show
 */
gboolean
_shuati_window_show_search_error (ShuatiWindow *self)
{
  ShuatiQuery *typed = shuati_card_filter_get_typed_query (self->filter);
  const GError *error;
  guint position = 0;
  g_autofree char *message = NULL;

  error = typed != NULL ? shuati_query_get_error (typed, &position) : NULL;
  if (error == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->results_label), "error");
      return FALSE;
    }

  /* Translators: %u is where the mistake is in the search, counted in
   * characters from 1; %s says what is wrong */
  message = g_strdup_printf (_("Character %u: %s"), position + 1, error->message);
  gtk_label_set_text (self->results_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), TRUE);
  return TRUE;
}
