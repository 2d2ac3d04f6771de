/* shuati-preset.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-store.h"

G_BEGIN_DECLS

#define SHUATI_PRESET_ERROR (shuati_preset_error_quark ())

typedef enum
{
  SHUATI_PRESET_ERROR_INVALID,
} ShuatiPresetError;

#define SHUATI_TYPE_PRESET (shuati_preset_get_type ())

/* How the scheduler treats one deck, or every deck without its own
 * (the default preset). */
typedef struct
{
  double  desired_retention;
  guint   new_cards_per_day;
  guint   maximum_interval;
  GArray *learning_steps;     /* guint seconds */
  GArray *relearning_steps;   /* guint seconds */
  double  weights[SHUATI_FSRS_N_WEIGHTS];
} ShuatiPreset;

GQuark           shuati_preset_error_quark       (void);
GType            shuati_preset_get_type          (void) G_GNUC_CONST;
ShuatiPreset    *shuati_preset_new               (void);
ShuatiPreset    *shuati_preset_copy              (const ShuatiPreset *self);
void             shuati_preset_free              (ShuatiPreset       *self);
gboolean         shuati_preset_equal             (const ShuatiPreset *a,
                                                  const ShuatiPreset *b);
gboolean         shuati_preset_validate          (const ShuatiPreset *self,
                                                  GError            **error);

GArray          *shuati_preset_parse_steps       (const char         *text,
                                                  GError            **error);
char            *shuati_preset_format_steps      (GArray             *steps);

GVariant        *shuati_preset_to_variant        (const ShuatiPreset *self);
ShuatiPreset    *shuati_preset_new_from_variant  (GVariant           *dict,
                                                  GError            **error);

ShuatiPreset    *shuati_preset_load              (GSettings          *settings,
                                                  const char         *deck_id);
ShuatiPreset    *shuati_preset_load_previous     (GSettings          *settings,
                                                  const char         *deck_id);
gboolean         shuati_preset_deck_has_own      (GSettings          *settings,
                                                  const char         *deck_id);
gboolean         shuati_preset_save              (GSettings          *settings,
                                                  const char         *deck_id,
                                                  const ShuatiPreset *preset,
                                                  GError            **error);
void             shuati_preset_forget_deck       (GSettings          *settings,
                                                  const char         *deck_id);

ShuatiScheduler *shuati_preset_new_scheduler     (const ShuatiPreset *self,
                                                  gboolean            fuzz);
ShuatiScheduler *shuati_preset_new_deck_scheduler (GSettings         *settings,
                                                  const char         *deck_id,
                                                  guint              *new_cards_per_day);
gboolean         shuati_preset_reschedule        (ShuatiStore        *store,
                                                  GSettings          *settings,
                                                  const char         *deck_id,
                                                  const ShuatiPreset *preset,
                                                  guint              *n_changed,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiPreset, shuati_preset_free)

G_END_DECLS
