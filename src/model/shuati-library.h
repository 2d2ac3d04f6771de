/* shuati-library.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-deck.h"
#include "shuati-importer.h"

G_BEGIN_DECLS

/*
 * The decks the user studies: a GListModel of ShuatiDeck with the built-in
 * decks first, in the order they were given, then the user's own decks
 * sorted by id. Built-in decks cannot be removed, and a user deck with
 * the id of a built-in one is skipped.
 *
 * User decks are deck-format JSON files, one per deck, named
 * "<deck-id>.json" in the decks folder (by default
 * g_get_user_data_dir()/shuati/decks). They are written atomically
 * (shuati_safe_file_write(): whole or not at all, so a full disk never
 * leaves half a deck), are never overwritten by a different deck without
 * being asked to, and removing one moves its file to "removed/" inside
 * that folder, from where shuati_library_undo_remove() brings it back; a
 * replaced deck goes there only once its replacement is written. A file
 * that does not load is skipped and reported, never deleted or
 * rewritten, and so is every other file in the folder that is not named
 * "<id>.json" for a valid id (see shuati_deck_id_is_valid()).
 *
 * Loading reads every deck in a worker thread; "progress" goes from 0 to 1
 * on the main context meanwhile, and the list changes once, at the end.
 * shuati_library_add_imported_async() writes the new deck's file in a
 * worker thread too, holding its id meanwhile, and adds the deck on the
 * main context when the file is written; shuati_library_add_imported()
 * does the same but blocks. Everything is called from the main thread.
 */

#define SHUATI_LIBRARY_ERROR (shuati_library_error_quark ())

typedef enum
{
  SHUATI_LIBRARY_ERROR_EXISTS,          /* a deck with that id is in the library */
  SHUATI_LIBRARY_ERROR_NOT_FOUND,       /* no deck has that id */
  SHUATI_LIBRARY_ERROR_BUILTIN,         /* a built-in deck cannot be removed */
  SHUATI_LIBRARY_ERROR_NOTHING_TO_UNDO, /* no removal of that deck to undo */
  SHUATI_LIBRARY_ERROR_DUPLICATE,       /* two files hold decks with the same id */
  SHUATI_LIBRARY_ERROR_IO,
  SHUATI_LIBRARY_ERROR_SKIPPED,         /* a file in the decks folder that is not a deck file */
} ShuatiLibraryError;

/* What shuati_library_add_imported() and its async form do when a deck
 * already has the imported deck's id. */
typedef enum
{
  SHUATI_LIBRARY_ADD_RENAME,            /* give the new deck a fresh id: "<id>-2" */
  SHUATI_LIBRARY_ADD_REPLACE,           /* replace the user deck (it goes to removed/); keeps progress */
  SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS,    /* fail with SHUATI_LIBRARY_ERROR_EXISTS, to ask the user */
} ShuatiLibraryAddMode;

/* The built-in decks, in the order the library lists them. */
#define SHUATI_LIBRARY_BUILTIN_URI "resource:///io/github/shuati/Shuati/corpus/llm-interview.json"
#define SHUATI_LIBRARY_CORE_URI    "resource:///io/github/shuati/Shuati/corpus/llm-core.json"

#define SHUATI_TYPE_LIBRARY (shuati_library_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiLibrary, shuati_library, SHUATI, LIBRARY, GObject)

GQuark         shuati_library_error_quark         (void);

ShuatiLibrary *shuati_library_new                 (GFile                *builtin,
                                                   GFile                *decks_dir);
ShuatiLibrary *shuati_library_new_with_builtins   (GFile * const        *builtins,
                                                   GFile                *decks_dir);
void           shuati_library_load_async          (ShuatiLibrary        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       shuati_library_load_finish         (ShuatiLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean       shuati_library_get_loading         (ShuatiLibrary        *self);
double         shuati_library_get_progress        (ShuatiLibrary        *self);
GPtrArray     *shuati_library_get_load_errors     (ShuatiLibrary        *self);
GFile         *shuati_library_get_decks_dir       (ShuatiLibrary        *self);

ShuatiDeck    *shuati_library_lookup              (ShuatiLibrary        *self,
                                                   const char           *deck_id);
gboolean       shuati_library_is_builtin          (ShuatiLibrary        *self,
                                                   const char           *deck_id);
ShuatiDeck    *shuati_library_add_imported        (ShuatiLibrary        *self,
                                                   ShuatiImportResult   *result,
                                                   ShuatiLibraryAddMode  mode,
                                                   GError              **error);
void           shuati_library_add_imported_async  (ShuatiLibrary        *self,
                                                   ShuatiImportResult   *result,
                                                   ShuatiLibraryAddMode  mode,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
ShuatiDeck    *shuati_library_add_imported_finish (ShuatiLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean       shuati_library_remove              (ShuatiLibrary        *self,
                                                   const char           *deck_id,
                                                   GError              **error);
void           shuati_library_save_deck_async     (ShuatiLibrary        *self,
                                                   ShuatiDeck           *deck,
                                                   GBytes               *bytes,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
ShuatiDeck    *shuati_library_save_deck_finish    (ShuatiLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean       shuati_library_save_deck           (ShuatiLibrary        *self,
                                                   ShuatiDeck           *deck,
                                                   GBytes               *bytes,
                                                   GError              **error);
char          *shuati_library_dup_free_id         (ShuatiLibrary        *self,
                                                   const char           *base);
ShuatiDeck    *shuati_library_undo_remove         (ShuatiLibrary        *self,
                                                   const char           *deck_id,
                                                   GError              **error);

G_END_DECLS
