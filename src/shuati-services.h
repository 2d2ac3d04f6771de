/* shuati-services.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-deck.h"
#include "shuati-fsrs.h"
#include "shuati-library.h"
#include "shuati-store.h"

G_BEGIN_DECLS

#define SHUATI_TYPE_SERVICES (shuati_services_get_type ())

G_DECLARE_INTERFACE (ShuatiServices, shuati_services, SHUATI, SERVICES, GObject)

/* What the windows and the Shell's search need of the application that
 * holds them, without knowing the application: the decks, the progress
 * store and the scheduler, and a way to bring a window up to do something. */
struct _ShuatiServicesInterface
{
  GTypeInterface parent_iface;

  ShuatiDeck      *(*get_deck)           (ShuatiServices *self);
  ShuatiStore     *(*get_store)          (ShuatiServices *self);
  ShuatiLibrary   *(*get_library)        (ShuatiServices *self);
  ShuatiScheduler *(*get_scheduler)      (ShuatiServices *self);
  char            *(*take_store_problem) (ShuatiServices *self);
  gboolean         (*present_action)     (ShuatiServices *self,
                                          const char     *action_name,
                                          GVariant       *parameter);
};

ShuatiDeck      *shuati_services_get_deck           (ShuatiServices *self);
ShuatiStore     *shuati_services_get_store          (ShuatiServices *self);
ShuatiLibrary   *shuati_services_get_library        (ShuatiServices *self);
ShuatiScheduler *shuati_services_get_scheduler      (ShuatiServices *self);
char            *shuati_services_take_store_problem (ShuatiServices *self);
gboolean         shuati_services_present_action     (ShuatiServices *self,
                                                     const char     *action_name,
                                                     GVariant       *parameter);

G_END_DECLS
