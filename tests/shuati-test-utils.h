/* shuati-test-utils.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several tests need: the built-in deck, scratch folders, and a
 * progress store in one with a small deck or loose cards, a library
 * loaded, and the computers of a sync test.
 */

#pragma once

#include <glib.h>

#include "shuati-deck.h"
#include "shuati-library.h"
#include "shuati-store.h"
#include "shuati-sync.h"

G_BEGIN_DECLS

char       *shuati_test_corpus_path  (void);
ShuatiDeck *shuati_test_load_corpus  (void);
char       *shuati_test_make_dir     (const char *name);
void        shuati_test_remove_tree  (const char *path);

ShuatiStore *shuati_test_store_new          (const char   *name,
                                             char        **dir,
                                             char        **path);
void         shuati_test_store_free         (ShuatiStore  *store,
                                             char         *dir);
ShuatiDeck  *shuati_test_deck_new_from_json (const char   *json);
ShuatiCard  *shuati_test_card_new           (const char   *deck_id,
                                             const char   *id,
                                             guint         number);
void         shuati_test_load_library       (ShuatiLibrary *library);

/* One computer of a sync test. */
typedef struct
{
  ShuatiStore     *store;
  ShuatiScheduler *scheduler;
  ShuatiSync      *sync;
  ShuatiLibrary   *library;  /* NULL unless opened with one */
  char            *path;     /* the progress file */
  char            *folder;   /* the sync folder */
} ShuatiTestDevice;

void         shuati_test_device_open        (ShuatiTestDevice *device,
                                             const char       *path,
                                             const char       *folder,
                                             ShuatiLibrary    *library);
void         shuati_test_device_close       (ShuatiTestDevice *device);
void         shuati_test_device_clear       (ShuatiTestDevice *device);
gboolean     shuati_test_device_mentions_problem (ShuatiTestDevice *device,
                                                  const char       *word);

G_END_DECLS
