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

  GSettings            *settings;
  AdwToast             *restart_toast;
  GCancellable         *optimize_cancellable;
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

static void
get_weights (GSettings  *settings,
             const char *key,
             double     *weights)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  gsize n = 0;
  const double *stored = g_variant_get_fixed_array (value, &n, sizeof (double));

  if (n == SHUATI_FSRS_N_WEIGHTS)
    memcpy (weights, stored, sizeof (double) * n);
  else
    memcpy (weights, shuati_fsrs_get_default_weights (), sizeof (double) * SHUATI_FSRS_N_WEIGHTS);
}

static void
set_weights (GSettings    *settings,
             const char   *key,
             const double *weights)
{
  gboolean defaults = memcmp (weights, shuati_fsrs_get_default_weights (),
                              sizeof (double) * SHUATI_FSRS_N_WEIGHTS) == 0;

  g_settings_set_value (settings, key,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, weights,
                                                   defaults ? 0 : SHUATI_FSRS_N_WEIGHTS,
                                                   sizeof (double)));
}

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

static void
show_weights_in_use (ShuatiPreferencesWindow *self)
{
  double weights[SHUATI_FSRS_N_WEIGHTS];
  g_autofree char *text = NULL;
  g_autoptr(GVariant) current = g_settings_get_value (self->settings, "fsrs-weights");
  g_autoptr(GVariant) previous = g_settings_get_value (self->settings, "fsrs-previous-weights");

  get_weights (self->settings, "fsrs-weights", weights);
  text = shuati_optimizer_format_weights (weights);
  gtk_editable_set_text (GTK_EDITABLE (self->weights_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->weights_row), "error");
  adw_action_row_set_subtitle (self->weights_status_row,
                               g_variant_n_children (current) == SHUATI_FSRS_N_WEIGHTS
                               ? _("Your own weights") : _("The FSRS-6 defaults"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.revert-weights",
                                 !g_variant_equal (current, previous));
}

/* Due dates follow from the memory states, which follow from the
 * history and the weights: new weights, new schedule. */
static gboolean
reschedule (ShuatiPreferencesWindow *self,
            const double            *weights)
{
  ShuatiStore *store = get_store (self);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_changed = 0;

  if (store == NULL)
    return TRUE;

  shuati_scheduler_set_weights (scheduler, weights, SHUATI_FSRS_N_WEIGHTS);
  shuati_scheduler_set_desired_retention (scheduler, g_settings_get_double (self->settings, "desired-retention"));
  shuati_scheduler_set_maximum_interval (scheduler, g_settings_get_uint (self->settings, "maximum-interval"));
  if (!shuati_optimizer_reschedule (store, scheduler, NULL, &n_changed, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card rescheduled", "%u cards rescheduled",
                                          n_changed), n_changed);
  toast (self, message);
  return TRUE;
}

static void
change_weights (ShuatiPreferencesWindow *self,
                const double            *weights)
{
  double current[SHUATI_FSRS_N_WEIGHTS];

  get_weights (self->settings, "fsrs-weights", current);
  /* Applying twice would make Revert forget the weights before. */
  if (memcmp (current, weights, sizeof current) == 0)
    {
      toast (self, _("These weights are already in use"));
      show_weights_in_use (self);
      return;
    }
  if (!reschedule (self, weights))
    return;
  set_weights (self->settings, "fsrs-previous-weights", current);
  set_weights (self->settings, "fsrs-weights", weights);
  show_weights_in_use (self);
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

static void
revert_weights_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ShuatiPreferencesWindow *self = SHUATI_PREFERENCES_WINDOW (widget);
  double previous[SHUATI_FSRS_N_WEIGHTS];

  get_weights (self->settings, "fsrs-previous-weights", previous);
  change_weights (self, previous);
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
  double start[SHUATI_FSRS_N_WEIGHTS];

  if (store == NULL)
    {
      adw_action_row_set_subtitle (self->optimize_row, _("There is no progress file to learn from"));
      return;
    }

  log = shuati_optimizer_load_log (store, NULL, &error);
  if (log == NULL)
    {
      adw_action_row_set_subtitle (self->optimize_row, error->message);
      return;
    }

  get_weights (self->settings, "fsrs-weights", start);
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
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (shuati_preferences_window_parent_class)->dispose (object);
}

static void
shuati_preferences_window_class_init (ShuatiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shuati_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shuati/Shuati/shuati-preferences-window.ui");
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

  set_running (self, FALSE);
  show_weights_in_use (self);
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
  return g_object_new (SHUATI_TYPE_PREFERENCES_WINDOW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
