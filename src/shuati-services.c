/* shuati-services.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shuati-services.h"

G_DEFINE_INTERFACE (ShuatiServices, shuati_services, G_TYPE_OBJECT)

static void
shuati_services_default_init (ShuatiServicesInterface *iface)
{
}

/**
 * shuati_services_get_deck:
 *
 * Returns: (transfer none) (nullable): the built-in deck
 */
ShuatiDeck *
shuati_services_get_deck (ShuatiServices *self)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), NULL);

  return SHUATI_SERVICES_GET_IFACE (self)->get_deck (self);
}

/**
 * shuati_services_get_store:
 *
 * Returns: (transfer none) (nullable): the progress store, %NULL when it
 *   could not be opened
 */
ShuatiStore *
shuati_services_get_store (ShuatiServices *self)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), NULL);

  return SHUATI_SERVICES_GET_IFACE (self)->get_store (self);
}

/**
 * shuati_services_get_library:
 *
 * Returns: (transfer none): the library of decks, loading from the first call
 */
ShuatiLibrary *
shuati_services_get_library (ShuatiServices *self)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), NULL);

  return SHUATI_SERVICES_GET_IFACE (self)->get_library (self);
}

/**
 * shuati_services_get_scheduler:
 *
 * Returns: (transfer none): the scheduler, following the settings
 */
ShuatiScheduler *
shuati_services_get_scheduler (ShuatiServices *self)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), NULL);

  return SHUATI_SERVICES_GET_IFACE (self)->get_scheduler (self);
}

/**
 * shuati_services_take_store_problem:
 *
 * Returns: (transfer full) (nullable): what went wrong with the progress
 *   file at startup, once: the next call returns %NULL
 */
char *
shuati_services_take_store_problem (ShuatiServices *self)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), NULL);

  return SHUATI_SERVICES_GET_IFACE (self)->take_store_problem (self);
}

/**
 * shuati_services_present_action:
 * @action_name: a window action, as "win.open-card"
 * @parameter: (nullable): its parameter; a floating one is sunk
 *
 * Brings up a window and activates @action_name on it.
 *
 * Returns: whether the window has the action
 */
gboolean
shuati_services_present_action (ShuatiServices *self,
                                const char     *action_name,
                                GVariant       *parameter)
{
  g_return_val_if_fail (SHUATI_IS_SERVICES (self), FALSE);
  g_return_val_if_fail (action_name != NULL, FALSE);

  return SHUATI_SERVICES_GET_IFACE (self)->present_action (self, action_name, parameter);
}
