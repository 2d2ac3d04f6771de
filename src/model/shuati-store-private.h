/* shuati-store-private.h
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's SQLite side, shared by the store's own files, the
 * statistics and the backups. Nothing outside src/model includes it,
 * except tests that look at the database itself.
 */

#pragma once

#include <sqlite3.h>

#include "shuati-store.h"

G_BEGIN_DECLS

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_INSERT_REVIEW,
  STMT_PUT_CARD,
  STMT_DELETE_CARD,
  STMT_GET_CARD,
  STMT_LOAD_DECK,
  STMT_GET_REVIEW,
  STMT_LATER_REVIEW,
  STMT_DELETE_REVIEW,
  STMT_COUNT_NEW,
  STMT_STAR,
  STMT_UNSTAR,
  STMT_IS_STARRED,
  STMT_LOAD_STARRED,
  STMT_LOAD_FORGOTTEN,
  N_STMTS
} StmtId;

/* What a write changed, told to the journal (see shuati-sync.c) inside
 * the write's transaction, just before its commit. */
typedef enum
{
  SHUATI_STORE_EVENT_REVIEW,      /* review_id, time: reviewed_at, rating, duration_ms */
  SHUATI_STORE_EVENT_UNDO,        /* review_id */
  SHUATI_STORE_EVENT_STAR,
  SHUATI_STORE_EVENT_UNSTAR,
  SHUATI_STORE_EVENT_SUSPEND,
  SHUATI_STORE_EVENT_UNSUSPEND,
  SHUATI_STORE_EVENT_BURY,        /* time: buried until, 0 to unbury */
  SHUATI_STORE_EVENT_FORGET,
  SHUATI_STORE_EVENT_MISTAKE,     /* member, time: marked_at */
  SHUATI_STORE_EVENT_RESET,       /* the whole deck's progress; time: its latest review */
} ShuatiStoreEventType;

typedef struct
{
  ShuatiStoreEventType  type;
  char                 *deck_id;
  char                 *card_id;
  gint64                review_id;
  gint64                time;
  int                   rating;
  guint                 duration_ms;
  gboolean              member;
} ShuatiStoreEvent;

/* Writes @events (of ShuatiStoreEvent) durably before the store commits
 * them; on failure the store rolls its transaction back. */
typedef gboolean (*ShuatiStoreJournalFunc) (ShuatiStore  *store,
                                            GArray       *events,
                                            gpointer      user_data,
                                            GError      **error);

struct _ShuatiStore
{
  GObject       parent_instance;

  char         *path;
  char         *recovered_path;
  char         *restored_backup;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  /* The file the database was opened from, to notice when it goes. */
  guint64       file_dev;
  guint64       file_ino;
  /* sync: the journal told of every write, and the events of the
   * transaction under way */
  ShuatiStoreJournalFunc journal_func;
  gpointer      journal_data;
  GArray       *journal_pending;
};

sqlite3  *shuati_store_get_database      (ShuatiStore  *self);

/* shuati-store.c */
gboolean  shuati_store_is_disk_full      (ShuatiStore  *self,
                                          int           rc);
void      shuati_store_close_database    (ShuatiStore  *self);
void      shuati_store_set_read_error    (ShuatiStore  *self,
                                          int           rc,
                                          GError      **error);
void      shuati_store_set_write_error   (ShuatiStore  *self,
                                          int           rc,
                                          GError      **error);
gboolean  shuati_store_ensure_file       (ShuatiStore  *self,
                                          GError      **error);
void      shuati_store_emit_changed      (ShuatiStore  *self,
                                          const char   *deck_id,
                                          const char   *card_id);

void      shuati_store_set_journal       (ShuatiStore            *self,
                                          ShuatiStoreJournalFunc  func,
                                          gpointer                user_data);
gboolean  shuati_store_has_journal       (ShuatiStore  *self);
void      shuati_store_journal_add       (ShuatiStore            *self,
                                          ShuatiStoreEventType    type,
                                          const char             *deck_id,
                                          const char             *card_id,
                                          const ShuatiStoreEvent *details);
gboolean  shuati_store_journal_flush     (ShuatiStore  *self,
                                          GError      **error);
void      shuati_store_journal_discard   (ShuatiStore  *self);

/* shuati-store-open.c */
gboolean  shuati_store_open_database     (ShuatiStore  *self,
                                          GError      **error);
gboolean  shuati_store_file_is_current   (ShuatiStore  *self);
gboolean  shuati_store_write_again       (ShuatiStore  *self,
                                          GError      **error);
void      shuati_store_remove_database   (const char   *path);

G_END_DECLS
