/* test-preset.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "shuati-preset.h"
#include "shuati-session.h"
#include "shuati-test-utils.h"

#define DAY 86400
/* Noon, 2026-01-10 UTC */
#define NOW ((gint64)1767225600 + 9 * DAY + 12 * 3600)

static GArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *steps = shuati_preset_parse_steps (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (steps);
  return steps;
}

static void
assert_steps (const char  *text,
              const guint *expected,
              guint        n,
              const char  *formatted)
{
  g_autoptr(GArray) steps = parse_ok (text);
  g_autofree char *back = shuati_preset_format_steps (steps);

  g_assert_cmpuint (steps->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (steps, guint, i), ==, expected[i]);
  g_assert_cmpstr (back, ==, formatted);
}

static void
test_parse_steps (void)
{
  static const char * const bad[] = {
    "10x", "m", "0m", "366d", "-1m", "1.5m", "1m10m", "1 m", "99999999999999999999s",
    "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m 17m 18m 19m 20m 21m",
  };
  const guint anki[] = { 60, 600 };
  const guint mixed[] = { 30, 3600, 2 * DAY, 90 };
  const guint bare[] = { 300, 600 };

  assert_steps ("1m 10m", anki, 2, "1m 10m");
  assert_steps ("  30s\t1h, 2d 90s ", mixed, 4, "30s 1h 2d 90s");
  /* Anki reads a bare number as minutes */
  assert_steps ("5 10", bare, 2, "5m 10m");
  assert_steps ("60m 1440m", (const guint[]){ 3600, DAY }, 2, "1h 1d");
  assert_steps ("365d", (const guint[]){ 365 * DAY }, 1, "365d");
  /* No steps: a new card goes straight to review */
  assert_steps ("", NULL, 0, "");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) steps = shuati_preset_parse_steps (bad[i], &error);

      g_assert_null (steps);
      g_assert_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID);
    }
}

static void
assert_invalid (ShuatiPreset *preset)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (shuati_preset_validate (preset, &error));
  g_assert_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID);
  g_assert_nonnull (error->message);
}

static void
test_validate (void)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_new ();
  g_autoptr(GError) error = NULL;
  ShuatiPreset *p;
  guint zero = 0;

  g_assert_true (shuati_preset_validate (preset, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (preset->desired_retention, ==, 0.9);
  g_assert_cmpuint (preset->learning_steps->len, ==, 2);

  p = shuati_preset_copy (preset);
  p->desired_retention = 0.5;
  assert_invalid (p);
  p->desired_retention = NAN;
  assert_invalid (p);
  shuati_preset_free (p);

  p = shuati_preset_copy (preset);
  p->maximum_interval = 0;
  assert_invalid (p);
  p->maximum_interval = 36501;
  assert_invalid (p);
  shuati_preset_free (p);

  p = shuati_preset_copy (preset);
  p->new_cards_per_day = 10000;
  assert_invalid (p);
  shuati_preset_free (p);

  p = shuati_preset_copy (preset);
  g_array_append_val (p->relearning_steps, zero);
  assert_invalid (p);
  shuati_preset_free (p);

  p = shuati_preset_copy (preset);
  p->weights[3] = NAN;
  assert_invalid (p);
  shuati_preset_free (p);

  /* The copy is deep: the original is untouched */
  g_assert_true (shuati_preset_validate (preset, NULL));
  g_assert_cmpuint (preset->relearning_steps->len, ==, 1);
}

static void
test_variant (void)
{
  g_autoptr(ShuatiPreset) preset = shuati_preset_new ();
  g_autoptr(ShuatiPreset) back = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantDict) builder = G_VARIANT_DICT_INIT (NULL);

  preset->desired_retention = 0.85;
  preset->new_cards_per_day = 7;
  preset->maximum_interval = 120;
  g_array_set_size (preset->learning_steps, 1);
  preset->weights[0] = 0.3;
  dict = g_variant_ref_sink (shuati_preset_to_variant (preset));
  back = shuati_preset_new_from_variant (dict, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_preset_equal (preset, back));
  back->weights[0] = 0.31;
  g_assert_false (shuati_preset_equal (preset, back));

  g_variant_dict_insert (&builder, "learning-steps", "s", "1m soon");
  bad = g_variant_ref_sink (g_variant_dict_end (&builder));
  g_assert_null (shuati_preset_new_from_variant (bad, &error));
  g_assert_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID);
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  static const char * const keys[] = {
    "deck-presets", "deck-previous-presets", "previous-default-preset", "fsrs-weights",
    "fsrs-previous-weights", "desired-retention", "new-cards-per-day", "maximum-interval",
    "learning-steps", "relearning-steps", "interval-fuzz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_settings_set_boolean (settings, "interval-fuzz", FALSE);
  return settings;
}

static ShuatiPreset *
own_preset (void)
{
  ShuatiPreset *preset = shuati_preset_new ();
  g_autoptr(GArray) steps = parse_ok ("5m 30m");

  preset->desired_retention = 0.8;
  preset->new_cards_per_day = 3;
  preset->maximum_interval = 5;
  g_array_unref (preset->learning_steps);
  preset->learning_steps = g_array_ref (steps);
  preset->weights[0] = 0.3;
  return preset;
}

/* Decks keep the default preset until given their own; the one before
 * each change is kept for Revert; a preset stored wrong (by hand) falls
 * back to the default. */
static void
test_settings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(ShuatiPreset) own = own_preset ();
  g_autoptr(ShuatiPreset) a = NULL;
  g_autoptr(ShuatiPreset) b = NULL;
  g_autoptr(ShuatiPreset) previous = NULL;
  g_autoptr(ShuatiPreset) invalid = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  g_assert_false (shuati_preset_deck_has_own (settings, "a"));
  g_assert_null (shuati_preset_load_previous (settings, NULL));
  g_assert_null (shuati_preset_load_previous (settings, "a"));

  g_assert_true (shuati_preset_save (settings, "a", own, &error));
  g_assert_no_error (error);
  g_assert_true (shuati_preset_deck_has_own (settings, "a"));
  g_assert_false (shuati_preset_deck_has_own (settings, "b"));
  a = shuati_preset_load (settings, "a");
  b = shuati_preset_load (settings, "b");
  g_assert_true (shuati_preset_equal (a, own));
  g_assert_cmpfloat (b->desired_retention, ==, 0.9);
  g_assert_cmpuint (b->new_cards_per_day, ==, 20);
  /* It was on the default preset before: nothing of its own to revert to */
  g_assert_null (shuati_preset_load_previous (settings, "a"));
  /* The default preset did not change */
  g_assert_cmpuint (g_settings_get_uint (settings, "maximum-interval"), ==, 36500);

  a->maximum_interval = 9;
  g_assert_true (shuati_preset_save (settings, "a", a, &error));
  previous = shuati_preset_load_previous (settings, "a");
  g_assert_nonnull (previous);
  g_assert_cmpuint (previous->maximum_interval, ==, 5);
  g_clear_pointer (&previous, shuati_preset_free);

  /* An invalid preset is refused and nothing changes */
  invalid = shuati_preset_copy (a);
  invalid->maximum_interval = 0;
  g_assert_false (shuati_preset_save (settings, "a", invalid, &error));
  g_assert_error (error, SHUATI_PRESET_ERROR, SHUATI_PRESET_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&a, shuati_preset_free);
  a = shuati_preset_load (settings, "a");
  g_assert_cmpuint (a->maximum_interval, ==, 9);

  /* The default preset: in the settings' own keys, its previous kept */
  b->desired_retention = 0.93;
  g_assert_true (shuati_preset_save (settings, NULL, b, &error));
  g_assert_cmpfloat (g_settings_get_double (settings, "desired-retention"), ==, 0.93);
  previous = shuati_preset_load_previous (settings, NULL);
  g_assert_nonnull (previous);
  g_assert_cmpfloat (previous->desired_retention, ==, 0.9);
  g_clear_pointer (&previous, shuati_preset_free);
  g_clear_pointer (&b, shuati_preset_free);
  b = shuati_preset_load (settings, "b");
  g_assert_cmpfloat (b->desired_retention, ==, 0.93);
  g_clear_pointer (&a, shuati_preset_free);
  a = shuati_preset_load (settings, "a");
  g_assert_cmpfloat (a->desired_retention, ==, 0.8);

  /* Back on the default; its own preset is what Revert brings back */
  shuati_preset_forget_deck (settings, "a");
  g_assert_false (shuati_preset_deck_has_own (settings, "a"));
  g_clear_pointer (&a, shuati_preset_free);
  a = shuati_preset_load (settings, "a");
  g_assert_cmpfloat (a->desired_retention, ==, 0.93);
  previous = shuati_preset_load_previous (settings, "a");
  g_assert_nonnull (previous);
  g_assert_cmpuint (previous->maximum_interval, ==, 9);

  /* Stored wrong by hand: the default preset */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_builder_add_parsed (&builder, "{'a', {'maximum-interval': <@u 0>}}");
  g_settings_set_value (settings, "deck-presets", g_variant_builder_end (&builder));
  g_assert_true (shuati_preset_deck_has_own (settings, "a"));
  g_clear_pointer (&a, shuati_preset_free);
  a = shuati_preset_load (settings, "a");
  g_assert_cmpuint (a->maximum_interval, ==, 36500);
  g_assert_cmpfloat (a->desired_retention, ==, 0.93);

  /* Saving leaves the caller's settings applying at once */
  {
    g_autoptr(GSettings) other = g_settings_new (APP_ID);

    g_settings_set_uint (settings, "new-cards-per-day", 7);
    g_assert_cmpuint (g_settings_get_uint (other, "new-cards-per-day"), ==, 7);
  }

  g_settings_set_string (settings, "learning-steps", "soon");
  g_clear_pointer (&b, shuati_preset_free);
  b = shuati_preset_load (settings, NULL);
  g_assert_cmpuint (b->learning_steps->len, ==, 2);
}

static ShuatiCard *
make_card (const char *deck,
           const char *id,
           guint       number)
{
  ShuatiLocalized *fields[SHUATI_N_FIELDS];

  for (guint i = 0; i < SHUATI_N_FIELDS; i++)
    {
      fields[i] = shuati_localized_new (1);
      shuati_localized_take (fields[i], 0, "en", g_strdup_printf ("%s field %u", id, i));
    }
  return shuati_card_new (deck, id, number, NULL, NULL, "en", fields);
}

static GListModel *
make_cards (const char *deck)
{
  GListStore *cards = g_list_store_new (SHUATI_TYPE_CARD);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(ShuatiCard) card = make_card (deck, id, i + 1);

      g_list_store_append (cards, card);
    }
  return G_LIST_MODEL (cards);
}

/* A session for deck "a", on its own preset, and one for "b", on the
 * default: each gets its preset's new-card limit and learning step;
 * a review card's interval is capped by its deck's maximum. */
static void
test_sessions (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(ShuatiPreset) own = own_preset ();
  g_autofree char *dir = shuati_test_make_dir ("preset-sessions");
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *decks[] = { "a", "b" };
  const guint limit[] = { 3, 20 };
  /* Good on a new card: its second step */
  const gint64 step[] = { 1800, 600 };
  guint intervals[2];

  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (shuati_preset_save (settings, "a", own, &error));

  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(GListModel) cards = make_cards (decks[d]);
      g_autoptr(ShuatiScheduler) scheduler = NULL;
      g_autoptr(ShuatiSession) session = NULL;
      ShuatiMemory zero = { 0 };
      ShuatiMemory m = { SHUATI_CARD_REVIEW, 0, 30.0, 5.0, NOW - DAY, NOW - 31 * DAY, 3, 0 };
      ShuatiMemory after;
      guint per_day = 0;

      /* c9 in review, long stable, due yesterday */
      shuati_store_record_review (store, decks[d], "c9", &zero, &m, SHUATI_RATING_GOOD,
                                  NOW - 31 * DAY, NULL, 0, &error);
      g_assert_no_error (error);

      scheduler = shuati_preset_new_deck_scheduler (settings, decks[d], &per_day);
      g_assert_cmpuint (per_day, ==, limit[d]);
      session = shuati_session_new_study (scheduler, store, decks[d], cards, per_day, NOW, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (shuati_session_get_n_due (session), ==, 1);
      g_assert_cmpuint (shuati_session_get_n_new (session), ==, MIN (limit[d], 9));

      /* The due card first */
      g_assert_true (shuati_session_grade (session, SHUATI_RATING_GOOD, NOW, 1000, &error));
      g_assert_no_error (error);
      g_assert_true (shuati_store_get_memory (store, decks[d], "c9", &after, &error));
      intervals[d] = (guint)((after.due - NOW) / DAY);

      /* Then a new card, to its deck's second learning step */
      g_assert_true (shuati_session_grade (session, SHUATI_RATING_GOOD, NOW, 1000, &error));
      g_assert_no_error (error);
      g_assert_true (shuati_store_get_memory (store, decks[d], "c0", &after, &error));
      g_assert_cmpint (after.state, ==, SHUATI_CARD_LEARNING);
      g_assert_cmpint (after.due - NOW, ==, step[d]);
    }

  g_assert_cmpuint (intervals[0], <=, 5);
  g_assert_cmpuint (intervals[1], >, 5);

  g_clear_object (&store);
  shuati_test_remove_tree (dir);
}

/* A change of the default preset reschedules the decks on it and
 * leaves those with their own; a deck's change only its own cards. */
static void
test_reschedule (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(ShuatiPreset) own = own_preset ();
  g_autoptr(ShuatiPreset) fallback = NULL;
  g_autofree char *dir = shuati_test_make_dir ("preset-reschedule");
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(ShuatiScheduler) scheduler = shuati_scheduler_new ();
  g_autoptr(ShuatiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *decks[] = { "a", "b" };
  ShuatiMemory before[2], after[2];
  guint n_changed = 0;

  shuati_scheduler_set_fuzz (scheduler, FALSE);
  store = shuati_store_new (path, &error);
  g_assert_no_error (error);
  own->maximum_interval = 36500;
  g_assert_true (shuati_preset_save (settings, "a", own, &error));

  for (guint d = 0; d < 2; d++)
    {
      static const int days[] = { 0, 1, 4, 12, 30 };

      for (guint k = 0; k < G_N_ELEMENTS (days); k++)
        {
          shuati_store_review_card (store, decks[d], "c0", scheduler, SHUATI_RATING_GOOD,
                                    NOW - 60 * DAY + days[k] * DAY, 100, NULL, &before[d], &error);
          g_assert_no_error (error);
        }
      g_assert_cmpint (before[d].state, ==, SHUATI_CARD_REVIEW);
      g_assert_cmpint (before[d].due - before[d].last_review, >, 2 * DAY);
    }

  fallback = shuati_preset_load (settings, NULL);
  fallback->maximum_interval = 2;
  g_assert_true (shuati_preset_reschedule (store, settings, NULL, fallback, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  for (guint d = 0; d < 2; d++)
    g_assert_true (shuati_store_get_memory (store, decks[d], "c0", &after[d], NULL));
  g_assert_cmpint (after[0].due, ==, before[0].due);
  g_assert_cmpint (after[1].due, ==, after[1].last_review + 2 * DAY);

  own->maximum_interval = 1;
  g_assert_true (shuati_preset_reschedule (store, settings, "a", own, &n_changed, &error));
  g_assert_cmpuint (n_changed, ==, 1);
  for (guint d = 0; d < 2; d++)
    g_assert_true (shuati_store_get_memory (store, decks[d], "c0", &after[d], NULL));
  g_assert_cmpint (after[0].due, ==, after[0].last_review + DAY);
  g_assert_cmpint (after[1].due, ==, after[1].last_review + 2 * DAY);

  g_clear_object (&store);
  shuati_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shuati/preset/parse-steps", test_parse_steps);
  g_test_add_func ("/shuati/preset/validate", test_validate);
  g_test_add_func ("/shuati/preset/variant", test_variant);
  g_test_add_func ("/shuati/preset/settings", test_settings);
  g_test_add_func ("/shuati/preset/sessions", test_sessions);
  g_test_add_func ("/shuati/preset/reschedule", test_reschedule);

  return g_test_run ();
}
