/* shuati-preset.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "shuati-optimizer.h"
#include "shuati-preset.h"

/* A preset is what the scheduler needs besides the cards: desired
 * retention, new cards a day, the longest interval, the learning and
 * relearning steps and the 21 weights. The default preset lives in the
 * settings' own keys (so the General page and older settings keep
 * working); a deck's own preset is an entry of "deck-presets", keyed by
 * the deck's id, and the one before its last change an entry of
 * "deck-previous-presets". */

#define MAX_STEPS 20
#define MAX_STEP (365u * 86400u)

G_DEFINE_QUARK (shuati-preset-error-quark, shuati_preset_error)
G_DEFINE_BOXED_TYPE (ShuatiPreset, shuati_preset, shuati_preset_copy, shuati_preset_free)

static GArray *
steps_new (const guint *seconds,
           guint        n)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (steps, seconds, n);
  return steps;
}

/**
 * shuati_preset_new:
 *
 * Returns: (transfer full): the scheduler's own defaults
 */
ShuatiPreset *
shuati_preset_new (void)
{
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  ShuatiPreset *self = g_new0 (ShuatiPreset, 1);
  const guint *steps;
  guint n = 0;

  self->desired_retention = shuati_scheduler_get_desired_retention (scheduler);
  self->maximum_interval = shuati_scheduler_get_maximum_interval (scheduler);
  self->new_cards_per_day = 20;
  steps = shuati_scheduler_get_learning_steps (scheduler, &n);
  self->learning_steps = steps_new (steps, n);
  steps = shuati_scheduler_get_relearning_steps (scheduler, &n);
  self->relearning_steps = steps_new (steps, n);
  memcpy (self->weights, shuati_fsrs_get_default_weights (), sizeof self->weights);
  return self;
}

ShuatiPreset *
shuati_preset_copy (const ShuatiPreset *self)
{
  ShuatiPreset *copy = g_memdup2 (self, sizeof *self);

  copy->learning_steps = steps_new ((const guint *)(gpointer)self->learning_steps->data,
                                    self->learning_steps->len);
  copy->relearning_steps = steps_new ((const guint *)(gpointer)self->relearning_steps->data,
                                      self->relearning_steps->len);
  return copy;
}

void
shuati_preset_free (ShuatiPreset *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->learning_steps);
  g_array_unref (self->relearning_steps);
  g_free (self);
}

static gboolean
steps_equal (GArray *a,
             GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (guint)) == 0;
}

gboolean
shuati_preset_equal (const ShuatiPreset *a,
                     const ShuatiPreset *b)
{
  return a->desired_retention == b->desired_retention
         && a->new_cards_per_day == b->new_cards_per_day
         && a->maximum_interval == b->maximum_interval
         && steps_equal (a->learning_steps, b->learning_steps)
         && steps_equal (a->relearning_steps, b->relearning_steps)
         && memcmp (a->weights, b->weights, sizeof a->weights) == 0;
}

/**
 * shuati_preset_validate:
 *
 * Returns: whether every field is within what the scheduler and the
 *   settings accept; if not, @error says which and why
 */
gboolean
shuati_preset_validate (const ShuatiPreset *self,
                        GError            **error)
{
  g_autoptr(ShuatiScheduler) check = shuati_scheduler_new ();

  if (!(self->desired_retention >= 0.70 && self->desired_retention <= 0.97))
    {
      g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                   _("Desired retention must be between %.2f and %.2f"), 0.70, 0.97);
      return FALSE;
    }
  if (self->new_cards_per_day > 9999)
    {
      g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                   _("New cards per day must be at most %u"), 9999);
      return FALSE;
    }
  if (self->maximum_interval < 1 || self->maximum_interval > 36500)
    {
      g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                   _("The maximum interval must be between %u and %u days"), 1, 36500);
      return FALSE;
    }
  for (guint k = 0; k < 2; k++)
    {
      GArray *steps = k == 0 ? self->learning_steps : self->relearning_steps;

      if (steps->len > MAX_STEPS)
        {
          g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                       _("At most %u steps"), MAX_STEPS);
          return FALSE;
        }
      for (guint i = 0; i < steps->len; i++)
        if (g_array_index (steps, guint, i) < 1 || g_array_index (steps, guint, i) > MAX_STEP)
          {
            g_set_error_literal (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                                 _("A step must be between 1 second and 365 days"));
            return FALSE;
          }
    }
  if (!shuati_scheduler_set_weights (check, self->weights, SHUATI_FSRS_N_WEIGHTS))
    {
      g_set_error_literal (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                           _("The weights are not usable"));
      return FALSE;
    }
  return TRUE;
}

/**
 * shuati_preset_parse_steps:
 * @text: steps as Anki writes them, such as "1m 10m" or "30s 1h 1d";
 *   a number without a unit counts minutes; commas may separate them
 *
 * Returns: (transfer full) (nullable): the steps in seconds, or %NULL
 *   with @error set
 */
GArray *
shuati_preset_parse_steps (const char  *text,
                           GError     **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strsplit_set (text, " \t,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      char *end = NULL;
      guint64 number;
      guint64 unit = 60;
      guint seconds;

      if (word[0] == '\0')
        continue;
      errno = 0;
      number = g_ascii_strtoull (word, &end, 10);
      if (end == word || !g_ascii_isdigit (word[0]) || errno != 0)
        goto bad;
      if (g_str_equal (end, "s"))
        unit = 1;
      else if (g_str_equal (end, "m") || end[0] == '\0')
        unit = 60;
      else if (g_str_equal (end, "h"))
        unit = 3600;
      else if (g_str_equal (end, "d"))
        unit = 86400;
      else
        goto bad;
      if (number == 0 || number > MAX_STEP / unit)
        {
          g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                       _("“%s”: a step must be between 1 second and 365 days"), word);
          return NULL;
        }
      seconds = (guint)(number * unit);
      g_array_append_val (steps, seconds);
      if (steps->len > MAX_STEPS)
        {
          g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                       _("At most %u steps"), MAX_STEPS);
          return NULL;
        }
      continue;

    bad:
      g_set_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID,
                   /* Translators: s, m, h and d are the units of steps, as in "1m 10m" */
                   _("“%s” is not a step: write a whole number and s, m, h or d, as in “1m 10m”"),
                   word);
      return NULL;
    }

  return g_steal_pointer (&steps);
}

/**
 * shuati_preset_format_steps:
 *
 * Returns: (transfer full): the steps as shuati_preset_parse_steps()
 *   reads them, each in its largest whole unit
 */
char *
shuati_preset_format_steps (GArray *steps)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      guint s = g_array_index (steps, guint, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      if (s % 86400 == 0)
        g_string_append_printf (text, "%ud", s / 86400);
      else if (s % 3600 == 0)
        g_string_append_printf (text, "%uh", s / 3600);
      else if (s % 60 == 0)
        g_string_append_printf (text, "%um", s / 60);
      else
        g_string_append_printf (text, "%us", s);
    }
  return g_string_free (text, FALSE);
}

static GVariant *
weights_variant (const double *weights)
{
  gboolean defaults = memcmp (weights, shuati_fsrs_get_default_weights (),
                              sizeof (double) * SHUATI_FSRS_N_WEIGHTS) == 0;

  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, weights,
                                    defaults ? 0 : SHUATI_FSRS_N_WEIGHTS, sizeof (double));
}

static void
weights_from_variant (GVariant *value,
                      double   *weights)
{
  gsize n = 0;
  const double *stored = g_variant_get_fixed_array (value, &n, sizeof (double));

  if (n == SHUATI_FSRS_N_WEIGHTS)
    memcpy (weights, stored, sizeof (double) * n);
  else
    memcpy (weights, shuati_fsrs_get_default_weights (), sizeof (double) * SHUATI_FSRS_N_WEIGHTS);
}

/**
 * shuati_preset_to_variant:
 *
 * Returns: (transfer floating): the preset as an a{sv} dictionary
 */
GVariant *
shuati_preset_to_variant (const ShuatiPreset *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *learning = shuati_preset_format_steps (self->learning_steps);
  g_autofree char *relearning = shuati_preset_format_steps (self->relearning_steps);

  g_variant_dict_insert (&dict, "desired-retention", "d", self->desired_retention);
  g_variant_dict_insert (&dict, "new-cards-per-day", "u", self->new_cards_per_day);
  g_variant_dict_insert (&dict, "maximum-interval", "u", self->maximum_interval);
  g_variant_dict_insert (&dict, "learning-steps", "s", learning);
  g_variant_dict_insert (&dict, "relearning-steps", "s", relearning);
  g_variant_dict_insert_value (&dict, "weights", weights_variant (self->weights));
  return g_variant_dict_end (&dict);
}

/* Reads the fields @dict has over those @self has. */
static gboolean
update_from_variant (ShuatiPreset *self,
                     GVariant     *dict,
                     GError      **error)
{
  g_autoptr(GVariant) weights = NULL;
  const char *text;

  g_variant_lookup (dict, "desired-retention", "d", &self->desired_retention);
  g_variant_lookup (dict, "new-cards-per-day", "u", &self->new_cards_per_day);
  g_variant_lookup (dict, "maximum-interval", "u", &self->maximum_interval);
  if (g_variant_lookup (dict, "learning-steps", "&s", &text))
    {
      GArray *steps = shuati_preset_parse_steps (text, error);

      if (steps == NULL)
        return FALSE;
      g_array_unref (self->learning_steps);
      self->learning_steps = steps;
    }
  if (g_variant_lookup (dict, "relearning-steps", "&s", &text))
    {
      GArray *steps = shuati_preset_parse_steps (text, error);

      if (steps == NULL)
        return FALSE;
      g_array_unref (self->relearning_steps);
      self->relearning_steps = steps;
    }
  weights = g_variant_lookup_value (dict, "weights", G_VARIANT_TYPE ("ad"));
  if (weights != NULL)
    weights_from_variant (weights, self->weights);
  return shuati_preset_validate (self, error);
}

/**
 * shuati_preset_new_from_variant:
 * @dict: an a{sv} dictionary; missing fields keep the defaults
 *
 * Returns: (transfer full) (nullable): the preset, or %NULL with @error
 *   set when a field is not valid
 */
ShuatiPreset *
shuati_preset_new_from_variant (GVariant  *dict,
                                GError   **error)
{
  g_autoptr(ShuatiPreset) self = shuati_preset_new ();

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  if (!update_from_variant (self, dict, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Settings */

static ShuatiPreset *
load_default (GSettings *settings)
{
  ShuatiPreset *self = shuati_preset_new ();
  g_autoptr(GVariant) weights = g_settings_get_value (settings, "fsrs-weights");
  g_autofree char *learning = g_settings_get_string (settings, "learning-steps");
  g_autofree char *relearning = g_settings_get_string (settings, "relearning-steps");
  GArray *steps;

  self->desired_retention = g_settings_get_double (settings, "desired-retention");
  self->new_cards_per_day = g_settings_get_uint (settings, "new-cards-per-day");
  self->maximum_interval = g_settings_get_uint (settings, "maximum-interval");
  weights_from_variant (weights, self->weights);
  /* Settings that do not parse (edited by hand) leave the defaults. */
  if ((steps = shuati_preset_parse_steps (learning, NULL)) != NULL)
    {
      g_array_unref (self->learning_steps);
      self->learning_steps = steps;
    }
  if ((steps = shuati_preset_parse_steps (relearning, NULL)) != NULL)
    {
      g_array_unref (self->relearning_steps);
      self->relearning_steps = steps;
    }
  if (!shuati_preset_validate (self, NULL))
    memcpy (self->weights, shuati_fsrs_get_default_weights (), sizeof self->weights);
  return self;
}

static GVariant *
lookup_deck (GSettings  *settings,
             const char *key,
             const char *deck_id)
{
  g_autoptr(GVariant) all = g_settings_get_value (settings, key);

  return g_variant_lookup_value (all, deck_id, G_VARIANT_TYPE_VARDICT);
}

/**
 * shuati_preset_deck_has_own:
 * @deck_id: a deck's id
 *
 * Returns: whether the deck has its own preset rather than the default
 */
gboolean
shuati_preset_deck_has_own (GSettings  *settings,
                            const char *deck_id)
{
  g_autoptr(GVariant) own = NULL;

  if (deck_id == NULL)
    return FALSE;
  own = lookup_deck (settings, "deck-presets", deck_id);
  return own != NULL;
}

/**
 * shuati_preset_load:
 * @deck_id: (nullable): a deck's id, or %NULL for the default preset
 *
 * Returns: (transfer full): the preset the deck is studied with: its own
 *   if it has one that is valid, otherwise the default preset
 */
ShuatiPreset *
shuati_preset_load (GSettings  *settings,
                    const char *deck_id)
{
  g_autoptr(ShuatiPreset) self = load_default (settings);
  g_autoptr(GVariant) own = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (deck_id != NULL)
    own = lookup_deck (settings, "deck-presets", deck_id);
  if (own != NULL)
    {
      g_autoptr(ShuatiPreset) fallback = shuati_preset_copy (self);

      if (!update_from_variant (self, own, NULL))
        return g_steal_pointer (&fallback);
    }
  return g_steal_pointer (&self);
}

/**
 * shuati_preset_load_previous:
 * @deck_id: (nullable): a deck's id, or %NULL for the default preset
 *
 * Returns: (transfer full) (nullable): the preset before its last change,
 *   or %NULL when there is none to go back to
 */
ShuatiPreset *
shuati_preset_load_previous (GSettings  *settings,
                             const char *deck_id)
{
  g_autoptr(ShuatiPreset) self = load_default (settings);
  g_autoptr(GVariant) previous = NULL;

  if (deck_id == NULL)
    {
      g_autoptr(ShuatiPreset) current = shuati_preset_copy (self);
      g_autoptr(GVariant) weights = g_settings_get_value (settings, "fsrs-previous-weights");

      previous = g_settings_get_value (settings, "previous-default-preset");
      weights_from_variant (weights, self->weights);
      if (!update_from_variant (self, previous, NULL) || shuati_preset_equal (self, current))
        return NULL;
      return g_steal_pointer (&self);
    }

  previous = lookup_deck (settings, "deck-previous-presets", deck_id);
  if (previous == NULL || !update_from_variant (self, previous, NULL))
    return NULL;
  return g_steal_pointer (&self);
}

/* A GSettings of its own for changes that go together: once delayed, a
 * GSettings stays so, and the caller's must not. */
static GSettings *
new_batch (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  GSettings *batch;

  g_object_get (settings, "settings-schema", &schema, "backend", &backend, "path", &path, NULL);
  batch = g_settings_new_full (schema, backend, path);
  g_settings_delay (batch);
  return batch;
}

static void
set_deck (GSettings  *settings,
          const char *key,
          const char *deck_id,
          GVariant   *value)
{
  g_autoptr(GVariant) all = g_settings_get_value (settings, key);
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;
  GVariant *entry;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@a{sv}}", &id, &entry))
    {
      if (!g_str_equal (id, deck_id))
        g_variant_builder_add (&builder, "{s@a{sv}}", id, entry);
      g_variant_unref (entry);
    }
  if (sunk != NULL)
    g_variant_builder_add (&builder, "{s@a{sv}}", deck_id, sunk);
  g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}

/**
 * shuati_preset_save:
 * @deck_id: (nullable): a deck's id, or %NULL for the default preset
 * @preset: the new preset
 *
 * Stores @preset for the deck (giving it its own preset) or as the
 * default, keeping the one before so that it can be brought back with
 * shuati_preset_load_previous().
 *
 * Returns: %FALSE with @error set if @preset is not valid
 */
gboolean
shuati_preset_save (GSettings          *settings,
                    const char         *deck_id,
                    const ShuatiPreset *preset,
                    GError            **error)
{
  g_autoptr(ShuatiPreset) current = NULL;
  g_autoptr(GSettings) batch = NULL;
  g_autofree char *learning = NULL;
  g_autofree char *relearning = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  if (!shuati_preset_validate (preset, error))
    return FALSE;

  current = shuati_preset_load (settings, deck_id);
  batch = new_batch (settings);
  if (deck_id != NULL)
    {
      if (shuati_preset_deck_has_own (settings, deck_id))
        set_deck (batch, "deck-previous-presets", deck_id, shuati_preset_to_variant (current));
      else
        set_deck (batch, "deck-previous-presets", deck_id, NULL);
      set_deck (batch, "deck-presets", deck_id, shuati_preset_to_variant (preset));
      g_settings_apply (batch);
      return TRUE;
    }

  learning = shuati_preset_format_steps (preset->learning_steps);
  relearning = shuati_preset_format_steps (preset->relearning_steps);
  g_settings_set_value (batch, "previous-default-preset", shuati_preset_to_variant (current));
  g_settings_set_value (batch, "fsrs-previous-weights", weights_variant (current->weights));
  g_settings_set_double (batch, "desired-retention", preset->desired_retention);
  g_settings_set_uint (batch, "new-cards-per-day", preset->new_cards_per_day);
  g_settings_set_uint (batch, "maximum-interval", preset->maximum_interval);
  g_settings_set_string (batch, "learning-steps", learning);
  g_settings_set_string (batch, "relearning-steps", relearning);
  g_settings_set_value (batch, "fsrs-weights", weights_variant (preset->weights));
  g_settings_apply (batch);
  return TRUE;
}

/**
 * shuati_preset_forget_deck:
 * @deck_id: a deck's id
 *
 * Puts the deck back on the default preset; its own one becomes the
 * previous one, so that it can be brought back.
 */
void
shuati_preset_forget_deck (GSettings  *settings,
                           const char *deck_id)
{
  g_autoptr(GVariant) own = NULL;
  g_autoptr(GSettings) batch = NULL;

  g_return_if_fail (deck_id != NULL);

  own = lookup_deck (settings, "deck-presets", deck_id);
  if (own == NULL)
    return;
  batch = new_batch (settings);
  set_deck (batch, "deck-previous-presets", deck_id, g_steal_pointer (&own));
  set_deck (batch, "deck-presets", deck_id, NULL);
  g_settings_apply (batch);
}

/**
 * shuati_preset_new_scheduler:
 * @fuzz: whether longer intervals get a small random spread
 *
 * Returns: (transfer full): a scheduler set up as the preset says
 */
ShuatiScheduler *
shuati_preset_new_scheduler (const ShuatiPreset *self,
                             gboolean            fuzz)
{
  ShuatiScheduler *scheduler = shuati_scheduler_new ();

  shuati_scheduler_set_desired_retention (scheduler, self->desired_retention);
  shuati_scheduler_set_maximum_interval (scheduler, self->maximum_interval);
  shuati_scheduler_set_learning_steps (scheduler, (const guint *)(gpointer)self->learning_steps->data,
                                       self->learning_steps->len);
  shuati_scheduler_set_relearning_steps (scheduler, (const guint *)(gpointer)self->relearning_steps->data,
                                         self->relearning_steps->len);
  shuati_scheduler_set_weights (scheduler, self->weights, SHUATI_FSRS_N_WEIGHTS);
  shuati_scheduler_set_fuzz (scheduler, fuzz);
  return scheduler;
}

/**
 * shuati_preset_new_deck_scheduler:
 * @deck_id: (nullable): the deck studied
 * @new_cards_per_day: (out) (optional): the deck's daily new-card limit
 *
 * Returns: (transfer full): a scheduler set up as the deck's preset says
 */
ShuatiScheduler *
shuati_preset_new_deck_scheduler (GSettings  *settings,
                                  const char *deck_id,
                                  guint      *new_cards_per_day)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_load (settings, deck_id);

  if (new_cards_per_day != NULL)
    *new_cards_per_day = preset->new_cards_per_day;
  return shuati_preset_new_scheduler (preset, g_settings_get_boolean (settings, "interval-fuzz"));
}

typedef struct
{
  GSettings       *settings;
  const char      *deck_id;
  ShuatiScheduler *scheduler;
} Reschedule;

static ShuatiScheduler *
scheduler_for_deck (const char *deck_id,
                    gpointer    user_data)
{
  Reschedule *r = user_data;

  /* The default preset's change leaves the decks that have their own. */
  if (r->deck_id == NULL && shuati_preset_deck_has_own (r->settings, deck_id))
    return NULL;
  return r->scheduler;
}

/**
 * shuati_preset_reschedule:
 * @deck_id: (nullable): the deck whose preset changes, or %NULL for the
 *   default preset, which reschedules every deck without its own
 * @preset: the deck's new preset
 * @n_changed: (out) (optional): how many cards were rescheduled
 *
 * Recomputes the due dates of the cards the preset schedules from their
 * history, in one transaction; call it before shuati_preset_save(), so
 * that a failure leaves both as they were.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
shuati_preset_reschedule (ShuatiStore  *store,
                          GSettings    *settings,
                          const char         *deck_id,
                          const ShuatiPreset *preset,
                          guint              *n_changed,
                          GError            **error)
{
  g_autoptr(ShuatiScheduler) scheduler =
    shuati_preset_new_scheduler (preset, g_settings_get_boolean (settings, "interval-fuzz"));
  Reschedule r = { settings, deck_id, scheduler };

  return shuati_optimizer_reschedule_with (store, scheduler_for_deck, &r, deck_id, n_changed, error);
}
