/* shuati-card-row.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-text.h"
#include "shuati-card-row.h"

/* A row of the card list: number, title and a one-line snippet. */
struct _ShuatiCardRow
{
  GtkWidget   parent_instance;

  GtkLabel   *number_label;
  GtkLabel   *title_label;
  GtkLabel   *snippet_label;

  ShuatiCard *card;
};

G_DEFINE_FINAL_TYPE (ShuatiCardRow, shuati_card_row, GTK_TYPE_WIDGET)

static void
shuati_card_row_dispose (GObject *object)
{
  ShuatiCardRow *self = (ShuatiCardRow *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_CARD_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->card);

  G_OBJECT_CLASS (shuati_card_row_parent_class)->dispose (object);
}

static void
shuati_card_row_class_init (ShuatiCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_card_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-card-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardRow, snippet_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardrow");
}

static void
shuati_card_row_init (ShuatiCardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shuati_card_row_new (void)
{
  return g_object_new (SHUATI_TYPE_CARD_ROW, NULL);
}

/**
 * shuati_card_snippet:
 * @text: card text with its light Markdown
 * @max_chars: how many characters to keep at most
 *
 * Returns: (transfer full): @text on one line, without emphasis marks
 */
char *
shuati_card_snippet (const char *text,
                     guint       max_chars)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0' && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '*')
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n++;
    }

  return g_string_free (out, FALSE);
}

/**
 * shuati_card_row_update:
 * @card: (nullable): the card to show
 * @query: (nullable): words to highlight
 */
void
shuati_card_row_update (ShuatiCardRow      *self,
                        ShuatiCard         *card,
                        const char * const *languages,
                        ShuatiQuery        *query)
{
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *clipped = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *snippet_markup = NULL;

  g_return_if_fail (SHUATI_IS_CARD_ROW (self));

  g_set_object (&self->card, card);

  if (card == NULL)
    {
      gtk_label_set_text (self->number_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->snippet_label, "");
      return;
    }

  number = g_strdup_printf ("%u", shuati_card_get_number (card));
  /* One line, ellipsized: its start is all anyone sees. */
  clipped = shuati_text_clip_for_display (shuati_card_get_title (card, languages), 300, NULL);
  title = shuati_query_highlight_markup (query, clipped);
  snippet = shuati_card_snippet (shuati_card_get_question (card, languages), 160);
  snippet_markup = shuati_query_highlight_markup (query, snippet);

  gtk_label_set_text (self->number_label, number);
  gtk_label_set_markup (self->title_label, title);
  gtk_label_set_markup (self->snippet_label, snippet_markup);
}

/**
 * shuati_card_row_get_card:
 *
 * Returns: (transfer none) (nullable): the card shown
 */
ShuatiCard *
shuati_card_row_get_card (ShuatiCardRow *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_ROW (self), NULL);
  return self->card;
}
