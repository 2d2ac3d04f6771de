/* shuati-sidebar-row.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-sidebar-row.h"

/* A row of the sidebar: a deck heading its rows, a way to choose cards
 * within it with a count and a detail line, or a section heading. It
 * follows its item's count and detail, and the card languages. */
struct _ShuatiSidebarRow
{
  GtkWidget          parent_instance;

  GtkWidget         *labels;
  GtkLabel          *title_label;
  GtkLabel          *detail_label;
  GtkLabel          *count_label;

  ShuatiSidebarItem *item;
  GBindingGroup     *item_bindings;
  GStrv              languages;
};

G_DEFINE_FINAL_TYPE (ShuatiSidebarRow, shuati_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_LANGUAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static gboolean
detail_to_visible (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char *detail = g_value_get_string (from);

  g_value_set_boolean (to, detail != NULL && *detail != '\0');
  return TRUE;
}

static void
update_title (ShuatiSidebarRow *self)
{
  gtk_label_set_text (self->title_label,
                      self->item != NULL
                        ? shuati_sidebar_item_get_title (self->item, (const char * const *)self->languages)
                        : "");
}

/* Decks head their own rows; what chooses within a deck stands under it;
 * section headings are small and dim. */
static void
update_style (ShuatiSidebarRow *self)
{
  ShuatiSidebarKind kind = self->item != NULL ? shuati_sidebar_item_get_kind (self->item)
                                              : SHUATI_SIDEBAR_HEADER;
  gboolean header = kind == SHUATI_SIDEBAR_HEADER;
  GtkWidget *title = GTK_WIDGET (self->title_label);

  if (kind == SHUATI_SIDEBAR_ALL)
    gtk_widget_add_css_class (title, "heading");
  else
    gtk_widget_remove_css_class (title, "heading");
  if (header)
    {
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_add_css_class (title, "caption-heading");
    }
  else
    {
      gtk_widget_remove_css_class (title, "dim-label");
      gtk_widget_remove_css_class (title, "caption-heading");
    }
  gtk_widget_set_margin_start (self->labels, kind == SHUATI_SIDEBAR_ALL ? 0 : 12);
  if (header)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
    }
}

static void
shuati_sidebar_row_dispose (GObject *object)
{
  ShuatiSidebarRow *self = (ShuatiSidebarRow *)object;

  GtkWidget *child;

  if (self->item_bindings != NULL)
    g_binding_group_set_source (self->item_bindings, NULL);
  g_clear_object (&self->item_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHUATI_TYPE_SIDEBAR_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (shuati_sidebar_row_parent_class)->dispose (object);
}

static void
shuati_sidebar_row_finalize (GObject *object)
{
  ShuatiSidebarRow *self = (ShuatiSidebarRow *)object;

  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (shuati_sidebar_row_parent_class)->finalize (object);
}

static void
shuati_sidebar_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ShuatiSidebarRow *self = SHUATI_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_sidebar_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ShuatiSidebarRow *self = SHUATI_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      shuati_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    case PROP_LANGUAGES:
      shuati_sidebar_row_set_languages (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_sidebar_row_class_init (ShuatiSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_sidebar_row_dispose;
  object_class->finalize = shuati_sidebar_row_finalize;
  object_class->get_property = shuati_sidebar_row_get_property;
  object_class->set_property = shuati_sidebar_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         SHUATI_TYPE_SIDEBAR_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiSidebarRow, labels);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSidebarRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ShuatiSidebarRow, count_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebarrow");
}

static void
shuati_sidebar_row_init (ShuatiSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->item_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->item_bindings, "count", self->count_label, "label",
                             G_BINDING_SYNC_CREATE, count_to_label, NULL, NULL, NULL);
  g_binding_group_bind (self->item_bindings, "counted", self->count_label, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->item_bindings, "detail", self->detail_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->item_bindings, "detail", self->detail_label, "visible",
                             G_BINDING_SYNC_CREATE, detail_to_visible, NULL, NULL, NULL);
}

GtkWidget *
shuati_sidebar_row_new (void)
{
  return g_object_new (SHUATI_TYPE_SIDEBAR_ROW, NULL);
}

/**
 * shuati_sidebar_row_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown
 */
ShuatiSidebarItem *
shuati_sidebar_row_get_item (ShuatiSidebarRow *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ROW (self), NULL);
  return self->item;
}

/**
 * shuati_sidebar_row_set_item:
 * @item: (nullable): the item to show
 */
void
shuati_sidebar_row_set_item (ShuatiSidebarRow  *self,
                             ShuatiSidebarItem *item)
{
  g_return_if_fail (SHUATI_IS_SIDEBAR_ROW (self));

  if (!g_set_object (&self->item, item))
    return;

  /* Headings show neither count nor detail. */
  g_binding_group_set_source (self->item_bindings,
                              item != NULL && shuati_sidebar_item_get_kind (item) != SHUATI_SIDEBAR_HEADER
                                ? item : NULL);
  update_style (self);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * shuati_sidebar_row_set_languages:
 * @languages: (nullable) (array zero-terminated=1): the card languages,
 *   best first, for the names of decks and topics
 */
void
shuati_sidebar_row_set_languages (ShuatiSidebarRow   *self,
                                  const char * const *languages)
{
  g_return_if_fail (SHUATI_IS_SIDEBAR_ROW (self));

  if (self->languages == (GStrv)languages ||
      (self->languages != NULL && languages != NULL &&
       g_strv_equal ((const char * const *)self->languages, languages)))
    return;

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **)languages);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGES]);
}

/**
 * shuati_sidebar_row_get_title:
 *
 * Returns: (transfer none): the title as the row shows it
 */
const char *
shuati_sidebar_row_get_title (ShuatiSidebarRow *self)
{
  g_return_val_if_fail (SHUATI_IS_SIDEBAR_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}
