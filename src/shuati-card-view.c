/* shuati-card-view.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-rich-text.h"
#include "shuati-text.h"
#include "shuati-card-view.h"

/* The reader: one card, every part of it, rendered and selectable. */
struct _ShuatiCardView
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *meta_label;
  GtkLabel   *title_translation;
  /* The rich texts of the question, answer and explanation. */
  ShuatiRichText *texts[SHUATI_N_FIELDS];
  ShuatiRichText *translations[SHUATI_N_FIELDS];
  GtkWidget  *explanation_box;

  ShuatiDeck *deck;
  ShuatiCard *card;
  GStrv       languages;
};

G_DEFINE_FINAL_TYPE (ShuatiCardView, shuati_card_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LANGUAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A field of any length shows at once: cut to what a label lays out
 * quickly, with places to break its longest words. */
static void
set_display_markup (GtkLabel   *label,
                    const char *markup)
{
  g_autofree char *broken = shuati_markup_break_long_words (markup, 32);

  gtk_label_set_markup (label, broken);
}

static void
set_rendered (ShuatiRichText *rich,
              const char     *media_dir,
              const char     *text)
{
  shuati_rich_text_set_media_dir (rich, media_dir);
  shuati_rich_text_set_text (rich, text);
  gtk_widget_set_visible (GTK_WIDGET (rich), text != NULL && *text != '\0');
}

static void
set_plain (GtkLabel   *label,
           const char *text)
{
  g_autofree char *clipped = shuati_text_clip_for_display (text != NULL ? text : "", SHUATI_TEXT_DISPLAY_MAX_CHARS, NULL);
  g_autofree char *markup = g_markup_escape_text (clipped, -1);

  set_display_markup (label, markup);
}

static const char *
difficulty_label (ShuatiDifficulty difficulty)
{
  switch (difficulty)
    {
    case SHUATI_DIFFICULTY_BASIC:
      return C_("difficulty", "Basic");
    case SHUATI_DIFFICULTY_INTERMEDIATE:
      return C_("difficulty", "Intermediate");
    case SHUATI_DIFFICULTY_ADVANCED:
      return C_("difficulty", "Advanced");
    case SHUATI_DIFFICULTY_NONE:
    default:
      return NULL;
    }
}

static void
update (ShuatiCardView *self)
{
  const char * const *languages = (const char * const *)self->languages;
  g_autoptr(GString) meta = NULL;
  g_autofree char *media_dir = NULL;

  /* The reader takes the focus: a screen reader names it by what it shows. */
  if (self->card == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No card selected"),
                                      -1);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shuati_card_get_text (self->card, SHUATI_FIELD_TITLE, languages),
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "card");

  media_dir = shuati_rich_text_media_dir_for_deck (shuati_card_get_deck_id (self->card));

  for (ShuatiField f = 0; f < SHUATI_N_FIELDS; f++)
    {
      const char *text = shuati_card_get_text (self->card, f, languages);
      const char *translation = shuati_card_get_translation (self->card, f, languages);

      if (f == SHUATI_FIELD_TITLE)
        {
          set_plain (self->title_label, text);
          set_plain (self->title_translation, translation);
          gtk_widget_set_visible (GTK_WIDGET (self->title_translation), translation != NULL);
        }
      else
        {
          set_rendered (self->texts[f], media_dir, text);
          set_rendered (self->translations[f], media_dir, translation);
        }
    }

  gtk_widget_set_visible (self->explanation_box,
                          *shuati_card_get_explanation (self->card, languages) != '\0');

  meta = g_string_new (NULL);
  /* Translators: the card's number in its deck, as in "No. 7" */
  g_string_append_printf (meta, _("No. %u"), shuati_card_get_number (self->card));
  if (self->deck != NULL && shuati_card_get_topic_id (self->card) != NULL)
    {
      ShuatiTopic *topic = shuati_deck_lookup_topic (self->deck, shuati_card_get_topic_id (self->card));

      if (topic != NULL)
        g_string_append_printf (meta, " · %s", shuati_topic_get_title (topic, languages));
    }
  if (difficulty_label (shuati_card_get_difficulty (self->card)) != NULL)
    g_string_append_printf (meta, " · %s", difficulty_label (shuati_card_get_difficulty (self->card)));
  for (const char * const *tag = shuati_card_get_tags (self->card); *tag; tag++)
    g_string_append_printf (meta, " · #%s", *tag);
  set_plain (self->meta_label, meta->str);
}

static GtkAdjustment *
vadjustment (ShuatiCardView *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->title_label), GTK_TYPE_SCROLLED_WINDOW);

  return scroller != NULL ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)) : NULL;
}

/* The arrow and page keys scroll the card when the reader has the focus. */
static gboolean
scroll_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  ShuatiCardView *self = SHUATI_CARD_VIEW (widget);
  GtkAdjustment *adjustment = vadjustment (self);
  GtkScrollType scroll = g_variant_get_int32 (args);
  double value;
  double step;
  double page;

  if (adjustment == NULL || self->card == NULL)
    return FALSE;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  step = MAX (gtk_adjustment_get_step_increment (adjustment), page / 10);

  switch (scroll)
    {
    case GTK_SCROLL_STEP_UP:
      value -= step;
      break;
    case GTK_SCROLL_STEP_DOWN:
      value += step;
      break;
    case GTK_SCROLL_PAGE_UP:
      value -= page * 0.9;
      break;
    case GTK_SCROLL_PAGE_DOWN:
      value += page * 0.9;
      break;
    case GTK_SCROLL_START:
      value = gtk_adjustment_get_lower (adjustment);
      break;
    case GTK_SCROLL_END:
      value = gtk_adjustment_get_upper (adjustment);
      break;
    default:
      return FALSE;
    }

  gtk_adjustment_set_value (adjustment, value);
  return TRUE;
}

static void
shuati_card_view_dispose (GObject *object)
{
  ShuatiCardView *self = (ShuatiCardView *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_CARD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->card);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (shuati_card_view_parent_class)->dispose (object);
}

static void
shuati_card_view_finalize (GObject *object)
{
  ShuatiCardView *self = (ShuatiCardView *)object;

  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (shuati_card_view_parent_class)->finalize (object);
}

static void
shuati_card_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShuatiCardView *self = SHUATI_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShuatiCardView *self = SHUATI_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGES:
      shuati_card_view_set_languages (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_card_view_class_init (ShuatiCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SHUATI_TYPE_RICH_TEXT);

  object_class->dispose = shuati_card_view_dispose;
  object_class->finalize = shuati_card_view_finalize;
  object_class->get_property = shuati_card_view_get_property;
  object_class->set_property = shuati_card_view_set_property;

  /* The card languages, best first; a second language is shown under
   * each part as a translation (see shuati_card_get_translation()). */
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-card-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardView, stack);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardView, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, ShuatiCardView, title_translation);
  gtk_widget_class_bind_template_child_full (widget_class, "question_label", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, texts[SHUATI_FIELD_QUESTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "question_translation", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, translations[SHUATI_FIELD_QUESTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "answer_label", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, texts[SHUATI_FIELD_ANSWER]));
  gtk_widget_class_bind_template_child_full (widget_class, "answer_translation", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, translations[SHUATI_FIELD_ANSWER]));
  gtk_widget_class_bind_template_child_full (widget_class, "explanation_label", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, texts[SHUATI_FIELD_EXPLANATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "explanation_translation", FALSE,
                                             G_STRUCT_OFFSET (ShuatiCardView, translations[SHUATI_FIELD_EXPLANATION]));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardview");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, scroll_binding, "i", GTK_SCROLL_STEP_UP);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, 0, scroll_binding, "i", GTK_SCROLL_STEP_UP);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, scroll_binding, "i", GTK_SCROLL_STEP_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, 0, scroll_binding, "i", GTK_SCROLL_STEP_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, scroll_binding, "i", GTK_SCROLL_PAGE_UP);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, scroll_binding, "i", GTK_SCROLL_PAGE_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, scroll_binding, "i", GTK_SCROLL_PAGE_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, scroll_binding, "i", GTK_SCROLL_PAGE_UP);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, scroll_binding, "i", GTK_SCROLL_START);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, scroll_binding, "i", GTK_SCROLL_END);
}

static void
shuati_card_view_init (ShuatiCardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->languages = g_new0 (char *, 1);
  /* The reader takes the focus itself, so that the keys scroll it; its
   * texts take it only when clicked or tabbed into. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* A selectable label selects all its text when it takes the focus, as
   * the title did when a wider window hid the focused back button. The
   * title stays selectable with the mouse but never takes the focus. */
  gtk_widget_set_focusable (GTK_WIDGET (self->title_label), FALSE);
  update (self);
}

GtkWidget *
shuati_card_view_new (void)
{
  return g_object_new (SHUATI_TYPE_CARD_VIEW, NULL);
}

/**
 * shuati_card_view_set_card:
 * @deck: (nullable): the card's deck, for its topic's name
 * @card: (nullable): the card to show, or %NULL for the empty state
 */
void
shuati_card_view_set_card (ShuatiCardView *self,
                           ShuatiDeck     *deck,
                           ShuatiCard     *card)
{
  g_return_if_fail (SHUATI_IS_CARD_VIEW (self));

  g_set_object (&self->deck, deck);
  if (g_set_object (&self->card, card))
    {
      GtkAdjustment *adjustment = vadjustment (self);

      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, 0);
    }
  update (self);
}

/**
 * shuati_card_view_get_card:
 *
 * Returns: (transfer none) (nullable): the card shown
 */
ShuatiCard *
shuati_card_view_get_card (ShuatiCardView *self)
{
  g_return_val_if_fail (SHUATI_IS_CARD_VIEW (self), NULL);
  return self->card;
}

/**
 * shuati_card_view_set_languages:
 * @languages: (nullable) (array zero-terminated=1): the languages to show
 *   the card in, best first; a second language is shown under each part
 */
void
shuati_card_view_set_languages (ShuatiCardView     *self,
                                const char * const *languages)
{
  g_return_if_fail (SHUATI_IS_CARD_VIEW (self));

  if (self->languages == (GStrv)languages ||
      (self->languages != NULL && languages != NULL &&
       g_strv_equal ((const char * const *)self->languages, languages)))
    return;

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **)languages);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGES]);
}

/**
 * shuati_card_view_get_text:
 *
 * Returns: (transfer none): the text the reader shows for @field, as
 *   plain text (shuati_markdown_to_plain() for the rich parts)
 */
const char *
shuati_card_view_get_text (ShuatiCardView *self,
                           ShuatiField     field)
{
  g_return_val_if_fail (SHUATI_IS_CARD_VIEW (self), NULL);

  if (field == SHUATI_FIELD_TITLE)
    return gtk_label_get_text (self->title_label);
  return shuati_rich_text_get_plain (self->texts[field]);
}

/**
 * shuati_card_view_get_translation:
 *
 * Returns: (transfer none): the translation shown under @field, "" if none
 */
const char *
shuati_card_view_get_translation (ShuatiCardView *self,
                                  ShuatiField     field)
{
  g_return_val_if_fail (SHUATI_IS_CARD_VIEW (self), NULL);

  if (field == SHUATI_FIELD_TITLE)
    return gtk_widget_get_visible (GTK_WIDGET (self->title_translation)) ? gtk_label_get_text (self->title_translation) : "";
  if (!gtk_widget_get_visible (GTK_WIDGET (self->translations[field])))
    return "";
  return shuati_rich_text_get_plain (self->translations[field]);
}
