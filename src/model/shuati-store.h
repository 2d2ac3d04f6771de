/* shuati-store.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "shuati-fsrs.h"
#include "shuati-mistakes.h"

G_BEGIN_DECLS

#define SHUATI_STORE_ERROR (shuati_store_error_quark ())

typedef enum
{
  SHUATI_STORE_ERROR_OPEN,         /* the file or its folder cannot be opened or created */
  SHUATI_STORE_ERROR_TOO_NEW,      /* written by a newer Shuati; left untouched */
  SHUATI_STORE_ERROR_READ_ONLY,    /* the file or its folder is not writable */
  SHUATI_STORE_ERROR_FULL,         /* the disk is full */
  SHUATI_STORE_ERROR_NOT_FOUND,    /* no such review */
  SHUATI_STORE_ERROR_FAILED,       /* any other database error */
} ShuatiStoreError;

/* The schema version this build creates and understands. */
#define SHUATI_STORE_SCHEMA_VERSION 8

#define SHUATI_TYPE_STORE (shuati_store_get_type ())

G_DECLARE_FINAL_TYPE (ShuatiStore, shuati_store, SHUATI, STORE, GObject)

GQuark        shuati_store_error_quark       (void);

ShuatiStore  *shuati_store_new               (const char          *path,
                                              GError             **error);
ShuatiStore  *shuati_store_new_default       (GError             **error);

const char   *shuati_store_get_path          (ShuatiStore         *self);
const char   *shuati_store_get_recovered_path (ShuatiStore        *self);
const char   *shuati_store_get_restored_backup (ShuatiStore       *self);

gboolean      shuati_store_load_deck         (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GHashTable         **memories,
                                              GError             **error);
gboolean      shuati_store_get_memory        (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              ShuatiMemory        *memory,
                                              GError             **error);
gint64        shuati_store_record_review     (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              const ShuatiMemory  *before,
                                              const ShuatiMemory  *after,
                                              ShuatiRating         rating,
                                              gint64               reviewed_at,
                                              const ShuatiReviewInfo *info,
                                              guint                duration_ms,
                                              GError             **error);
gint64        shuati_store_review_card       (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              ShuatiScheduler     *scheduler,
                                              ShuatiRating         rating,
                                              gint64               reviewed_at,
                                              guint                duration_ms,
                                              ShuatiMemory        *before,
                                              ShuatiMemory        *after,
                                              GError             **error);
gboolean      shuati_store_undo_review       (ShuatiStore         *self,
                                              gint64               review_id,
                                              ShuatiMemory        *restored,
                                              GError             **error);
guint         shuati_store_count_new_today   (ShuatiStore         *self,
                                              const char          *deck_id,
                                              gint64               day_start);
GHashTable   *shuati_store_load_forgotten    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              gint64               since,
                                              GError             **error);

gboolean      shuati_store_set_starred       (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              gboolean             starred,
                                              GError             **error);
gboolean      shuati_store_is_starred        (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id);
GHashTable   *shuati_store_load_starred      (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GError             **error);

guint32       shuati_review_fuzz_seed        (const char          *card_id,
                                              gint64               reviewed_at);

gboolean      shuati_store_forget_deck       (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GError             **error);
gboolean      shuati_store_export_csv        (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GOutputStream       *stream,
                                              GCancellable        *cancellable,
                                              GError             **error);

/* shuati-store-history.c: history imported from an Anki package */
gboolean      shuati_store_import_history    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GArray              *reviews,
                                              GHashTable          *memories,
                                              guint               *n_cards,
                                              GError             **error);
gboolean      shuati_store_import_marks      (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GPtrArray           *suspended,
                                              GPtrArray           *buried,
                                              gint64               buried_until,
                                              GError             **error);
gboolean      shuati_store_load_history      (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GArray             **reviews,
                                              GHashTable         **memories,
                                              GError             **error);

/* shuati-store-interview.c: the 错题本 (mistake book) and interview plans */
GHashTable   *shuati_store_load_mistakes     (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GError             **error);
gboolean      shuati_store_is_mistake        (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              GError             **error);
gboolean      shuati_store_get_mistake_state (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              ShuatiMistakeState  *state,
                                              GError             **error);
gboolean      shuati_store_set_mistake       (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              gboolean             member,
                                              gint64               marked_at,
                                              GError             **error);
gboolean      shuati_store_get_plan          (ShuatiStore         *self,
                                              const char          *deck_id,
                                              gint64              *date,
                                              double              *share,
                                              double              *target_recall);
gboolean      shuati_store_set_plan          (ShuatiStore         *self,
                                              const char          *deck_id,
                                              gint64               date,
                                              double               share,
                                              double               target_recall,
                                              GError             **error);
gboolean      shuati_store_get_plan_scope    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              char              ***topics,
                                              char              ***tags,
                                              int                 *order);
gboolean      shuati_store_set_plan_scope    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char * const  *topics,
                                              const char * const  *tags,
                                              int                  order,
                                              GError             **error);

/* Card browser: suspended and buried cards, forgetting single cards,
 * and snapshots to undo any of these (shuati-store-marks.c). */

/* A card lapsed this often is a leech (Anki's default threshold). */
#define SHUATI_LEECH_LAPSES 8

typedef struct _ShuatiCardSnapshot ShuatiCardSnapshot;

typedef struct
{
  gint64       reviewed_at;     /* unix seconds */
  ShuatiRating rating;
  double       scheduled_days;  /* the interval the review gave */
  double       elapsed_days;    /* since the review before */
  double       stability;       /* after the review */
  guint        duration_ms;
} ShuatiHistoryEntry;

gboolean      shuati_memory_is_leech         (const ShuatiMemory  *memory);

gboolean      shuati_store_set_suspended     (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char * const  *card_ids,
                                              gboolean             suspended,
                                              GError             **error);
gboolean      shuati_store_bury              (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char * const  *card_ids,
                                              gint64               until,
                                              GError             **error);
gboolean      shuati_store_is_suspended      (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id);
gint64        shuati_store_get_buried_until  (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char          *card_id);
GHashTable   *shuati_store_load_suspended    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              GError             **error);
GHashTable   *shuati_store_load_buried       (ShuatiStore         *self,
                                              const char          *deck_id,
                                              gint64               now,
                                              GError             **error);
gboolean      shuati_store_forget_cards      (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char * const  *card_ids,
                                              GError             **error);
GArray       *shuati_store_load_card_history (ShuatiStore        *self,
                                              const char          *deck_id,
                                              const char          *card_id,
                                              GError             **error);

ShuatiCardSnapshot *shuati_store_snapshot    (ShuatiStore         *self,
                                              const char          *deck_id,
                                              const char * const  *card_ids,
                                              GError             **error);
gboolean      shuati_store_restore_snapshot  (ShuatiStore         *self,
                                              const ShuatiCardSnapshot *snapshot,
                                              GError             **error);
guint         shuati_card_snapshot_get_n_cards (const ShuatiCardSnapshot *snapshot);
void          shuati_card_snapshot_free      (ShuatiCardSnapshot  *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShuatiCardSnapshot, shuati_card_snapshot_free)

/* shuati-store-copy.c: a copy of a deck takes the progress along */
gboolean      shuati_store_copy_deck_progress (ShuatiStore        *self,
                                               const char         *from_deck_id,
                                               const char         *to_deck_id,
                                               const char * const *card_ids,
                                               guint              *n_copied,
                                               GError            **error);

G_END_DECLS
