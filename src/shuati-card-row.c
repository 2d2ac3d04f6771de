/* shuati-card-row.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-markdown.h"
#include "shuati-text.h"
#include "shuati-card-row.h"

/* How much of the text a snippet keeps: more than one line ever shows. */
#define SNIPPET_MAX_CHARS 160

/* A row of the card list: number, title and a one-line snippet, in the
 * card languages, with the words searched for highlighted. */
struct _ShuatiCardRow
{
  GtkWidget    parent_instance;

  GtkLabel    *number_label;
  GtkLabel    *title_label;
  GtkLabel    *snippet_label;

  ShuatiCard  *card;
  GStrv        languages;
  ShuatiQuery *query;

  guint        update_queued : 1;
};

G_DEFINE_FINAL_TYPE (ShuatiCardRow, shuati_card_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CARD,
  PROP_LANGUAGES,
  PROP_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (ShuatiCardRow *self)
{
  const char * const *languages = (const char * const *)self->languages;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *clipped = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *snippet_markup = NULL;
  ShuatiField snippet_field;

  if (self->card == NULL)
    {
      gtk_label_set_text (self->number_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->snippet_label, "");
      return;
    }

  /* A title that only repeats the question (imported cards without one)
   * leaves the snippet to the answer. */
  snippet_field = shuati_card_has_own_title (self->card, languages) ? SHUATI_FIELD_QUESTION
                                                                    : SHUATI_FIELD_ANSWER;

  number = g_strdup_printf ("%u", shuati_card_get_number (self->card));
  /* One line, ellipsized: its start is all anyone sees. */
  clipped = shuati_text_clip_for_display (shuati_card_get_title (self->card, languages), 300, NULL);
  title = shuati_query_highlight_markup (self->query, clipped);
  snippet = shuati_markdown_to_snippet (shuati_card_get_text (self->card, snippet_field, languages),
                                        SNIPPET_MAX_CHARS);
  snippet_markup = shuati_query_highlight_markup (self->query, snippet);

  gtk_label_set_text (self->number_label, number);
  gtk_label_set_markup (self->title_label, title);
  gtk_label_set_markup (self->snippet_label, snippet_markup);
}

/* A search changes the card of a row and then the words it highlights,
 * for every row the list keeps: the rows that already show a card lay out
 * their text once for both, before the next frame. */
static GPtrArray *queued_rows;  /* (element-type ShuatiCardRow) (unowned) */
static guint update_source;

static gboolean
update_queued_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_steal_pointer (&queued_rows);

  update_source = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      ShuatiCardRow *row = g_ptr_array_index (rows, i);

      row->update_queued = FALSE;
      update (row);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_update (ShuatiCardRow *self)
{
  /* A new row shows its card in the frame it appears in. */
  if (self->card == NULL || gtk_label_get_text (self->title_label)[0] == '\0')
    {
      update (self);
      return;
    }
  if (self->update_queued)
    return;

  self->update_queued = TRUE;
  if (queued_rows == NULL)
    queued_rows = g_ptr_array_new ();
  g_ptr_array_add (queued_rows, self);
  /* Before the frame clock's layout (GDK_PRIORITY_REDRAW). */
  if (update_source == 0)
    update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_queued_rows, NULL, NULL);
}

static void
update_now (ShuatiCardRow *self)
{
  if (!self->update_queued)
    return;

  g_ptr_array_remove_fast (queued_rows, self);
  self->update_queued = FALSE;
  update (self);
}

static void
shuati_card_row_dispose (GObject *object)
{
  ShuatiCardRow *self = (ShuatiCardRow *)object;

  if (self->update_queued)
    {
      g_ptr_array_remove_fast (queued_rows, self);
      self->update_queued = FALSE;
    }

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_CARD_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->card);

  G_OBJECT_CLASS (shuati_card_row_parent_class)->dispose (object);
}

static void
shuati_card_row_finalize (GObject *object)
{
  ShuatiCardRow *self = (ShuatiCardRow *)object;

  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->query, shuati_query_unref);

  G_OBJECT_CLASS (shuati_card_row_parent_class)->finalize (object);
}

static void
shuati_card_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ShuatiCardRow *self = SHUATI_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;

    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ShuatiCardRow *self = SHUATI_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      shuati_card_row_set_card (self, g_value_get_object (value));
      break;

    case PROP_LANGUAGES:
      shuati_card_row_set_languages (self, g_value_get_boxed (value));
      break;

    case PROP_QUERY:
      shuati_card_row_set_query (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_row_class_init (ShuatiCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_card_row_dispose;
  object_class->finalize = shuati_card_row_finalize;
  object_class->get_property = shuati_card_row_get_property;
  object_class->set_property = shuati_card_row_set_property;

  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL,
                         SHUATI_TYPE_CARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL,
                        SHUATI_TYPE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

/**
 * shuati_card_row_set_card:
 * @card: (nullable): the card to show
 */
void
shuati_card_row_set_card (ShuatiCardRow *self,
                          ShuatiCard    *card)
{
  g_return_if_fail (SHUATI_IS_CARD_ROW (self));

  if (!g_set_object (&self->card, card))
    return;

  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/**
 * shuati_card_row_set_languages:
 * @languages: (nullable) (array zero-terminated=1): the card languages,
 *   best first
 */
void
shuati_card_row_set_languages (ShuatiCardRow      *self,
                               const char * const *languages)
{
  g_return_if_fail (SHUATI_IS_CARD_ROW (self));

  if (self->languages == (GStrv)languages ||
      (self->languages != NULL && languages != NULL &&
       g_strv_equal ((const char * const *)self->languages, languages)))
    return;

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **)languages);
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGES]);
}

/**
 * shuati_card_row_set_query:
 * @query: (nullable): the words to highlight
 */
void
shuati_card_row_set_query (ShuatiCardRow *self,
                           ShuatiQuery   *query)
{
  g_return_if_fail (SHUATI_IS_CARD_ROW (self));

  if (self->query == query)
    return;

  g_clear_pointer (&self->query, shuati_query_unref);
  self->query = query != NULL ? shuati_query_ref (query) : NULL;
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * shuati_card_row_get_title:
 *
 * Returns: (transfer none): the title as the row shows it
 */
const char *
shuati_card_row_get_title (ShuatiCardRow *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_ROW (self), NULL);
  update_now (self);
  return gtk_label_get_text (self->title_label);
}

/**
 * shuati_card_row_get_snippet:
 *
 * Returns: (transfer none): the snippet as the row shows it
 */
const char *
shuati_card_row_get_snippet (ShuatiCardRow *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_ROW (self), NULL);
  update_now (self);
  return gtk_label_get_text (self->snippet_label);
}
