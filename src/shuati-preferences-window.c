/* shuati-preferences-window.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-application.h"
#include "shuati-interface-language.h"
#include "shuati-optimizer.h"
#include "shuati-preferences-window.h"
#include "shuati-preset.h"
#include "shuati-sync-group.h"

struct _ShuatiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *interface_language_row;
  AdwComboRow          *card_language_row;
  AdwComboRow          *practice_order_row;
  GtkAdjustment        *new_cards_adjustment;
  GtkAdjustment        *retention_adjustment;
  GtkAdjustment        *maximum_interval_adjustment;
  GtkSwitch            *fuzz_switch;

  AdwComboRow          *preset_deck_row;
  AdwActionRow         *use_default_row;
  GtkSwitch            *use_default_switch;
  AdwActionRow         *preset_new_cards_row;
  AdwActionRow         *preset_retention_row;
  AdwActionRow         *preset_maximum_interval_row;
  GtkAdjustment        *preset_new_cards_adjustment;
  GtkAdjustment        *preset_retention_adjustment;
  GtkAdjustment        *preset_maximum_interval_adjustment;
  AdwEntryRow          *learning_steps_row;
  AdwEntryRow          *relearning_steps_row;
  AdwActionRow         *preset_status_row;

  AdwActionRow         *optimize_row;
  GtkProgressBar       *optimize_progress;
  GtkButton            *optimize_button;
  GtkButton            *cancel_button;
  AdwActionRow         *reviews_row;
  AdwActionRow         *log_loss_row;
  AdwActionRow         *rmse_row;
  AdwActionRow         *health_row;
  AdwEntryRow          *weights_row;
  AdwActionRow         *weights_status_row;
  ShuatiSyncGroup      *sync_group;

  GSettings            *settings;
  AdwToast             *restart_toast;
  GCancellable         *optimize_cancellable;

  GListModel           *decks;
  GtkStringList        *deck_names;
  GPtrArray            *deck_ids;      /* NULL first: the default preset */
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (ShuatiPreferencesWindow, shuati_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows list the enum's values in its order, so the nick's position
 * in the enum is the row's position. */
static gboolean
enum_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **)nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

static const char * const interface_language_nicks[] = { "system", "zh_CN", "en", NULL };
static const char * const card_language_nicks[] = { "automatic", "zh_CN", "en", "both", NULL };
static const char * const practice_order_nicks[] = { "in-order", "shuffled", NULL };

/* The interface speaks its language from the start of the program on, so
 * another choice offers a restart, and going back to the language in use
 * takes the offer away. */
static void
on_interface_language_changed (ShuatiPreferencesWindow *self)
{
  g_autofree char *choice = g_settings_get_string (self->settings, "interface-language");

  if (!shuati_interface_language_needs_restart (choice))
    {
      if (self->restart_toast != NULL)
        adw_toast_dismiss (self->restart_toast);
      return;
    }

  if (self->restart_toast != NULL)
    return;

  self->restart_toast = adw_toast_new (_("Restart Shuati to change its language"));
  adw_toast_set_timeout (self->restart_toast, 0);
  adw_toast_set_button_label (self->restart_toast, _("_Restart Now"));
  adw_toast_set_action_name (self->restart_toast, "app.restart");
  g_object_add_weak_pointer (G_OBJECT (self->restart_toast), (gpointer *)&self->restart_toast);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), self->restart_toast);
}

/* The memory model */

static ShuatiStore *
get_store (ShuatiPreferencesWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!SHUATI_IS_APPLICATION (app))
    return NULL;
  return shuati_application_get_store (SHUATI_APPLICATION (app));
}

static void
toast (ShuatiPreferencesWindow *self,
       const char              *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* The deck whose preset the page shows, or NULL for the default preset. */
static const char *
chosen_deck (ShuatiPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->preset_deck_row);

  if (self->deck_ids == NULL || selected >= self->deck_ids->len)
    return NULL;
  return g_ptr_array_index (self->deck_ids, selected);
}

static void
set_steps_row (AdwEntryRow *row,
               GArray      *steps)
{
  g_autofree char *text = shuati_preset_format_steps (steps);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Shows the chosen preset in the rows, and which weights it uses. */
static void
show_preset (ShuatiPreferencesWindow *self)
{
  const char *deck_id = chosen_deck (self);
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (self->settings, deck_id);
  g_autoptr(ShuatiPreset) previous = shuati_preset_load_previous (self->settings, deck_id);
  gboolean own = shuati_preset_deck_has_own (self->settings, deck_id);
  gboolean editable = deck_id == NULL || own;
  gboolean defaults = memcmp (preset->weights, shuati_fsrs_get_default_weights (),
                              sizeof preset->weights) == 0;
  g_autofree char *text = shuati_optimizer_format_weights (preset->weights);

  self->loading = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->use_default_row), deck_id != NULL);
  gtk_switch_set_active (self->use_default_switch, !own);
  gtk_adjustment_set_value (self->preset_new_cards_adjustment, preset->new_cards_per_day);
  gtk_adjustment_set_value (self->preset_retention_adjustment, preset->desired_retention);
  gtk_adjustment_set_value (self->preset_maximum_interval_adjustment, preset->maximum_interval);
  set_steps_row (self->learning_steps_row, preset->learning_steps);
  set_steps_row (self->relearning_steps_row, preset->relearning_steps);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_new_cards_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_retention_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_maximum_interval_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->learning_steps_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->relearning_steps_row), editable);
  adw_action_row_set_subtitle (self->preset_status_row,
                               previous != NULL ? _("Revert brings back the preset before it")
                                                : _("Nothing to revert"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.revert-preset", previous != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.revert-weights", previous != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->weights_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->weights_row), "error");
  adw_action_row_set_subtitle (self->weights_status_row,
                               defaults ? _("The FSRS-6 defaults") : _("Your own weights"));
  self->loading = FALSE;
}

/* Due dates follow from the memory states, which follow from the
 * history and the preset: a new preset, a new schedule. */
static gboolean
reschedule (ShuatiPreferencesWindow *self,
            const char              *deck_id,
            const ShuatiPreset      *preset)
{
  ShuatiStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_changed = 0;

  if (store == NULL)
    return TRUE;

  if (!shuati_preset_reschedule (store, self->settings, deck_id, preset, &n_changed, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card rescheduled", "%u cards rescheduled",
                                          n_changed), n_changed);
  toast (self, message);
  return TRUE;
}

/* The chosen deck (or the default preset) gets @preset, its cards a new
 * schedule, and Revert the preset before. */
static gboolean
change_preset (ShuatiPreferencesWindow *self,
               const ShuatiPreset      *preset)
{
  const char *deck_id = chosen_deck (self);
  g_autoptr(ShuatiPreset) current = shuati_preset_load (self->settings, deck_id);
  g_autoptr(GError) error = NULL;
  gboolean same = shuati_preset_equal (current, preset);
  gboolean same_schedule;

  /* The new-card limit decides what comes, not when. */
  current->new_cards_per_day = preset->new_cards_per_day;
  same_schedule = shuati_preset_equal (current, preset);

  if (same && (deck_id == NULL || shuati_preset_deck_has_own (self->settings, deck_id)))
    {
      show_preset (self);
      return FALSE;
    }
  if (!shuati_preset_validate (preset, &error))
    {
      toast (self, error->message);
      show_preset (self);
      return FALSE;
    }
  if (!same_schedule && !reschedule (self, deck_id, preset))
    {
      show_preset (self);
      return FALSE;
    }
  if (!shuati_preset_save (self->settings, deck_id, preset, &error))
    toast (self, error->message);
  show_preset (self);
  return TRUE;
}

static void
change_weights (ShuatiPreferencesWindow *self,
                const double            *weights)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (self->settings, chosen_deck (self));

  /* Applying twice would make Revert forget the weights before. */
  if (memcmp (preset->weights, weights, sizeof preset->weights) == 0)
    {
      toast (self, _("These weights are already in use"));
      show_preset (self);
      return;
    }
  memcpy (preset->weights, weights, sizeof preset->weights);
  change_preset (self, preset);
}

static void
apply_weights_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);
  double weights[SHUATI_FSRS_N_WEIGHTS];
  g_autoptr(GError) error = NULL;

  if (!shuati_optimizer_parse_weights (gtk_editable_get_text (GTK_EDITABLE (self->weights_row)),
                                       weights, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->weights_row), "error");
      toast (self, error->message);
      return;
    }

  change_weights (self, weights);
}

/* Revert: the chosen preset as it was before its last change, with
 * its schedule. */
static void
revert_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);
  g_autoptr(ShuatiPreset) previous = shuati_preset_load_previous (self->settings, chosen_deck (self));

  if (previous != NULL)
    change_preset (self, previous);
}

static void
on_preset_value_changed (ShuatiPreferencesWindow *self)
{
  g_autoptr(ShuatiPreset) preset = NULL;

  if (self->loading)
    return;
  preset = shuati_preset_load (self->settings, chosen_deck (self));
  preset->new_cards_per_day = (guint)gtk_adjustment_get_value (self->preset_new_cards_adjustment);
  /* Two decimals, as the row shows it. */
  preset->desired_retention = round (gtk_adjustment_get_value (self->preset_retention_adjustment) * 100) / 100;
  preset->maximum_interval = (guint)gtk_adjustment_get_value (self->preset_maximum_interval_adjustment);
  change_preset (self, preset);
}

static void
on_steps_applied (ShuatiPreferencesWindow *self,
                  AdwEntryRow             *row)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (self->settings, chosen_deck (self));
  g_autoptr(GError) error = NULL;
  GArray *steps = shuati_preset_parse_steps (gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (steps == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, error->message);
      return;
    }
  if (row == self->learning_steps_row)
    {
      g_array_unref (preset->learning_steps);
      preset->learning_steps = steps;
    }
  else
    {
      g_array_unref (preset->relearning_steps);
      preset->relearning_steps = steps;
    }
  change_preset (self, preset);
}

/* "Use the default preset": on puts the deck back on it (its own preset
 * stays for Revert), off gives it its own, a copy of the default one. */
static void
on_use_default_changed (ShuatiPreferencesWindow *self)
{
  const char *deck_id = chosen_deck (self);
  gboolean use_default = gtk_switch_get_active (self->use_default_switch);

  if (self->loading || deck_id == NULL
      || use_default != shuati_preset_deck_has_own (self->settings, deck_id))
    return;

  if (use_default)
    {
      g_autoptr(ShuatiPreset) fallback = shuati_preset_load (self->settings, NULL);
      g_autoptr(ShuatiPreset) own = shuati_preset_load (self->settings, deck_id);

      if (shuati_preset_equal (own, fallback) || reschedule (self, deck_id, fallback))
        shuati_preset_forget_deck (self->settings, deck_id);
    }
  else
    {
      g_autoptr(ShuatiPreset) fallback = shuati_preset_load (self->settings, NULL);
      g_autoptr(GError) error = NULL;

      if (!shuati_preset_save (self->settings, deck_id, fallback, &error))
        toast (self, error->message);
    }
  show_preset (self);
}

static void
on_settings_changed (ShuatiPreferencesWindow *self)
{
  if (!self->loading)
    show_preset (self);
}

static void
fill_decks (ShuatiPreferencesWindow *self)
{
  g_autofree char *selected = g_strdup (chosen_deck (self));
  guint n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;
  guint position = 0;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->deck_ids, 0);
  g_ptr_array_add (self->deck_ids, NULL);
  gtk_string_list_append (names, _("Default Preset"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShuatiDeck) deck = g_list_model_get_item (self->decks, i);
      const char *id = shuati_deck_get_id (deck);

      if (g_strcmp0 (id, selected) == 0)
        position = self->deck_ids->len;
      /* The deck's title in the language its cards are shown in */
      g_autofree char *translation = NULL;
      g_auto(GStrv) languages = shuati_card_languages_resolve (g_settings_get_enum (self->settings, "card-language"),
                                                               g_get_language_names (),
                                                               shuati_deck_get_languages (deck),
                                                               &translation);

      g_ptr_array_add (self->deck_ids, g_strdup (id));
      gtk_string_list_append (names, shuati_deck_get_title (deck, (const char * const *)languages));
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->preset_deck_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->preset_deck_row, position);
  self->loading = FALSE;
  show_preset (self);
}

/**
 * shuati_preferences_window_set_decks:
 * @decks: (nullable): the ShuatiDecks whose presets can be chosen
 */
void
shuati_preferences_window_set_decks (ShuatiPreferencesWindow *self,
                                     GListModel              *decks)
{
  g_return_if_fail (SHUATI_IS_PREFERENCES_WINDOW (self));

  if (self->decks != NULL)
    g_signal_handlers_disconnect_by_func (self->decks, fill_decks, self);
  g_set_object (&self->decks, decks);
  if (decks != NULL)
    g_signal_connect_object (decks, "items-changed", G_CALLBACK (fill_decks), self, G_CONNECT_SWAPPED);
  fill_decks (self);
}

static void
revert_weights_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  revert_preset_action (widget, action_name, parameter);
}

static void
copy_weights_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_editable_get_text (GTK_EDITABLE (self->weights_row)));
  toast (self, _("Weights copied"));
}

static void
set_running (ShuatiPreferencesWindow *self,
             gboolean                 running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->optimize_progress), running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->optimize_button), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.optimize", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.cancel-optimize", running);
}

static void
on_optimize_progress (double   fraction,
                      gpointer user_data)
{
  ShuatiPreferencesWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->optimize_progress, fraction);
}

static char *
format_change (double before,
               double after)
{
  return g_strdup_printf ("%.4f → %.4f", before, after);
}

static void
on_optimize_done (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(ShuatiPreferencesWindow) self = user_data;
  g_autoptr(ShuatiOptimizerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reviews = NULL;

  g_clear_object (&self->optimize_cancellable);
  result = shuati_optimizer_run_finish (res, &error);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  set_running (self, FALSE);
  if (result == NULL)
    {
      adw_action_row_set_subtitle (self->optimize_row,
                                   g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                   ? _("Cancelled") : error->message);
      return;
    }

  /* Translators: "812 of 1000, 120 cards; the latest 162 held out to test" */
  reviews = g_strdup_printf (_("%u of %u, %u cards; the latest %u held out to test"),
                             result->n_usable, result->n_reviews, result->n_cards, result->n_test);
  adw_action_row_set_subtitle (self->reviews_row, reviews);
  gtk_widget_set_visible (GTK_WIDGET (self->reviews_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->log_loss_row), result->fitted);
  gtk_widget_set_visible (GTK_WIDGET (self->rmse_row), result->fitted);
  gtk_widget_set_visible (GTK_WIDGET (self->health_row), result->inconsistent);
  if (result->fitted)
    {
      g_autofree char *log_loss = format_change (result->before.log_loss, result->after.log_loss);
      g_autofree char *rmse = format_change (result->before.rmse_bins, result->after.rmse_bins);

      adw_action_row_set_subtitle (self->log_loss_row, log_loss);
      adw_action_row_set_subtitle (self->rmse_row, rmse);
    }

  if (result->fitted && result->better)
    {
      g_autofree char *text = shuati_optimizer_format_weights (result->weights);

      gtk_editable_set_text (GTK_EDITABLE (self->weights_row), text);
      adw_action_row_set_subtitle (self->optimize_row,
                                   _("The fitted weights predict your latest reviews better: "
                                     "Apply them below"));
    }
  else
    adw_action_row_set_subtitle (self->optimize_row,
                                 result->message != NULL ? result->message : "");
}

static void
optimize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);
  ShuatiStore *store = get_store (self);
  g_autoptr(GArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShuatiPreset) preset = NULL;
  double start[SHUATI_FSRS_N_WEIGHTS];

  if (store == NULL)
    {
      adw_action_row_set_subtitle (self->optimize_row, _("There is no progress file to learn from"));
      return;
    }

  /* With a deck chosen, its reviews only, from its preset's weights. */
  log = shuati_optimizer_load_log (store, chosen_deck (self), &error);
  if (log == NULL)
    {
      adw_action_row_set_subtitle (self->optimize_row, error->message);
      return;
    }

  preset = shuati_preset_load (self->settings, chosen_deck (self));
  memcpy (start, preset->weights, sizeof start);
  self->optimize_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->optimize_progress, 0);
  set_running (self, TRUE);
  adw_action_row_set_subtitle (self->optimize_row, _("Optimising…"));
  shuati_optimizer_run_async (log, start, on_optimize_progress, self,
                              self->optimize_cancellable, on_optimize_done, g_object_ref (self));
}

static void
cancel_optimize_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);

  g_cancellable_cancel (self->optimize_cancellable);
}

static void
shuati_preferences_window_dispose (GObject *object)
{
  ShuatiPreferencesWindow *self = (ShuatiPreferencesWindow *)object;

  if (self->restart_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->restart_toast), (gpointer *)&self->restart_toast);
  self->restart_toast = NULL;

  g_cancellable_cancel (self->optimize_cancellable);
  g_clear_object (&self->optimize_cancellable);
  if (self->decks != NULL)
    g_signal_handlers_disconnect_by_func (self->decks, fill_decks, self);
  g_clear_object (&self->decks);
  g_clear_pointer (&self->deck_ids, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shuati_preferences_window_parent_class)->dispose (object);
}

static void
shuati_preferences_window_class_init (ShuatiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_preferences_window_dispose;

  g_type_ensure (SHUATI_TYPE_SYNC_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, interface_language_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, card_language_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, practice_order_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, new_cards_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, maximum_interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, fuzz_switch);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, optimize_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, optimize_progress);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, optimize_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, reviews_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, log_loss_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, rmse_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, health_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, weights_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, weights_status_row);

  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_deck_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, use_default_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, use_default_switch);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_new_cards_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_retention_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_maximum_interval_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_new_cards_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_maximum_interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, learning_steps_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, relearning_steps_row);
  gtk_widget_class_bind_template_child (widget_class, ShuatiPreferencesWindow, preset_status_row);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_steps_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_use_default_changed);

  gtk_widget_class_install_action (widget_class, "prefs.revert-preset", NULL, revert_preset_action);
  gtk_widget_class_install_action (widget_class, "prefs.optimize", NULL, optimize_action);
  gtk_widget_class_install_action (widget_class, "prefs.cancel-optimize", NULL, cancel_optimize_action);
  gtk_widget_class_install_action (widget_class, "prefs.apply-weights", NULL, apply_weights_action);
  gtk_widget_class_install_action (widget_class, "prefs.revert-weights", NULL, revert_weights_action);
  gtk_widget_class_install_action (widget_class, "prefs.copy-weights", NULL, copy_weights_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
shuati_preferences_window_init (ShuatiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed::interface-language",
                           G_CALLBACK (on_interface_language_changed), self, G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (self->settings, "interface-language",
                                self->interface_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)interface_language_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "card-language",
                                self->card_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)card_language_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "practice-order",
                                self->practice_order_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer)practice_order_nicks, NULL);
  g_settings_bind (self->settings, "new-cards-per-day",
                   self->new_cards_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "desired-retention",
                   self->retention_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "maximum-interval",
                   self->maximum_interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "interval-fuzz",
                   self->fuzz_switch, "active", G_SETTINGS_BIND_DEFAULT);

  self->deck_ids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->preset_deck_row, "notify::selected",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  set_running (self, FALSE);
  fill_decks (self);
}

/**
 * shuati_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer full): the preferences window
 */
GtkWindow *
shuati_preferences_window_new (GtkWindow *parent)
{
  /* In the application, so that Restart Now reaches its action. */
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  ShuatiPreferencesWindow *self = g_object_new (SHUATI_TYPE_PREFERENCES_WINDOW,
                                                "application", app,
                                                "transient-for", parent,
                                                "modal", parent != NULL,
                                                NULL);

  if (SHUATI_IS_APPLICATION (app))
    {
      shuati_preferences_window_set_decks (self, G_LIST_MODEL (shuati_application_get_library (SHUATI_APPLICATION (app))));
      shuati_sync_group_set_controller (self->sync_group,
                                        shuati_application_get_sync_controller (SHUATI_APPLICATION (app)));
    }
  return GTK_WINDOW (self);
}
