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

/* shuati-store-open.c */
gboolean  shuati_store_open_database     (ShuatiStore  *self,
                                          GError      **error);
gboolean  shuati_store_file_is_current   (ShuatiStore  *self);
gboolean  shuati_store_write_again       (ShuatiStore  *self,
                                          GError      **error);
void      shuati_store_remove_database   (const char   *path);

G_END_DECLS
