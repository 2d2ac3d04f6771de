/* shuati-store-interview.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 错题本 (mistake book) side of the store. Membership is read from
 * the review log and the learner's last manual mark per card, never
 * kept: a review undone is gone from the log, and from the book with it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "shuati-mistakes.h"
#include "shuati-store-private.h"

/* Every event that can move a card of deck ?1 (of card ?2 alone when it
 * is not NULL) in or out of the book, by card and in time order: the
 * reviews of cards ever graded Again or marked, and the marks. A mark
 * made in the same second as a review comes after it. */
static const char log_sql[] =
  "SELECT card_id, 0 AS kind, reviewed_at AS at, rating, scheduled_days, id FROM reviews"
  " WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2) AND card_id IN"
  "  (SELECT card_id FROM reviews WHERE deck_id = ?1 AND rating = 1"
  "   UNION SELECT card_id FROM mistake_marks WHERE deck_id = ?1)"
  " UNION ALL"
  " SELECT card_id, 1, marked_at, member, 0, 0 FROM mistake_marks"
  " WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2)"
  " ORDER BY 1, 3, 2, 6";

/* Folds the log of @deck_id (or of @card_id alone) into @members. */
static gboolean
fold_log (ShuatiStore        *self,
          const char         *deck_id,
          const char         *card_id,
          GHashTable         *members,
          ShuatiMistakeState *last,
          GError            **error)
{
  sqlite3 *db = shuati_store_get_database (self);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *current = NULL;
  ShuatiMistakeState state = { 0 };
  int rc;

  rc = db == NULL ? SQLITE_CANTOPEN : sqlite3_prepare_v2 (db, log_sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  if (card_id != NULL)
    sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (id, current) != 0)
        {
          if (current != NULL && state.member)
            g_hash_table_add (members, g_steal_pointer (&current));
          g_free (current);
          current = g_strdup (id);
          state = (ShuatiMistakeState) { 0 };
        }

      if (sqlite3_column_int (stmt, 1) == 0)
        {
          int rating = sqlite3_column_int (stmt, 3);

          if (rating >= SHUATI_RATING_AGAIN && rating <= SHUATI_RATING_EASY)
            shuati_mistake_state_review (&state, sqlite3_column_int64 (stmt, 2), rating,
                                         sqlite3_column_double (stmt, 4));
        }
      else
        shuati_mistake_state_mark (&state, sqlite3_column_int (stmt, 3) != 0);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      shuati_store_set_read_error (self, rc, error);
      return FALSE;
    }

  if (last != NULL)
    *last = state;
  if (current != NULL && state.member)
    g_hash_table_add (members, g_steal_pointer (&current));

  return TRUE;
}

/**
 * shuati_store_load_mistakes:
 *
 * The 错题本 of @deck_id: every card graded Again in a review or a mock
 * interview, or put there by hand, that has not left it since (see
 * shuati_mistake_state_review()) nor been taken out by hand.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of card ids,
 *   or %NULL with @error set
 */
GHashTable *
shuati_store_load_mistakes (ShuatiStore  *self,
                            const char   *deck_id,
                            GError      **error)
{
  g_autoptr(GHashTable) members = NULL;

  g_return_val_if_fail (SHUATI_IS_STORE (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!fold_log (self, deck_id, NULL, members, NULL, error))
    return NULL;

  return g_steal_pointer (&members);
}

/**
 * shuati_store_is_mistake:
 *
 * Returns: whether @card_id is in the 错题本 of @deck_id; %FALSE with
 *   @error set when the store could not be read
 */
gboolean
shuati_store_is_mistake (ShuatiStore  *self,
                         const char   *deck_id,
                         const char   *card_id,
                         GError      **error)
{
  g_autoptr(GHashTable) members = NULL;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!fold_log (self, deck_id, card_id, members, NULL, error))
    return FALSE;

  return g_hash_table_contains (members, card_id);
}

/**
 * shuati_store_get_mistake_state:
 * @state: (out): where the card stands in the 错题本, all zero when it
 *   was never there
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
shuati_store_get_mistake_state (ShuatiStore        *self,
                                const char         *deck_id,
                                const char         *card_id,
                                ShuatiMistakeState *state,
                                GError            **error)
{
  g_autoptr(GHashTable) members = NULL;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *state = (ShuatiMistakeState) { 0 };
  members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return fold_log (self, deck_id, card_id, members, state, error);
}

/**
 * shuati_store_set_mistake:
 * @member: %TRUE to put the card in the 错题本, %FALSE to take it out
 * @marked_at: unix seconds; reviews after it move the card as usual
 *
 * Records the learner's choice, which replaces any earlier one for the
 * card, and emits #ShuatiStore::changed for it.
 */
gboolean
shuati_store_set_mistake (ShuatiStore  *self,
                          const char   *deck_id,
                          const char   *card_id,
                          gboolean      member,
                          gint64        marked_at,
                          GError      **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL && card_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shuati_store_ensure_file (self, error))
    return FALSE;

  db = shuati_store_get_database (self);
  /* With a journal, the statement and its line are one transaction. */
  shuati_store_journal_discard (self);
  rc = db == NULL ? SQLITE_CANTOPEN :
       !shuati_store_has_journal (self) ? SQLITE_OK :
       sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "INSERT OR REPLACE INTO mistake_marks (deck_id, card_id, marked_at, member)"
                             " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, card_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, marked_at);
      sqlite3_bind_int (stmt, 4, member ? 1 : 0);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && shuati_store_has_journal (self))
    {
      ShuatiStoreEvent details = { .member = member, .time = marked_at };

      shuati_store_journal_add (self, SHUATI_STORE_EVENT_MISTAKE, deck_id, card_id, &details);
      if (!shuati_store_journal_flush (self, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    {
      shuati_store_set_write_error (self, rc, error);
      if (db != NULL && !sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  shuati_store_emit_changed (self, deck_id, card_id);
  return TRUE;
}

/* Interview plans -------------------------------------------------------------- */

/* Runs @sql, a SELECT of one plans row by deck id (?1), and returns the
 * statement on that row, or %NULL when @deck_id has no plan. */
static sqlite3_stmt *
select_plan_row (ShuatiStore *self,
                 const char  *deck_id,
                 const char  *sql)
{
  sqlite3 *db = shuati_store_get_database (self);
  sqlite3_stmt *stmt = NULL;

  if (db == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/**
 * shuati_store_get_plan:
 * @date: (out) (optional): unix seconds in the interview's day
 * @share: (out) (optional): the share of the deck's cards to learn, 0 to 1
 * @target_recall: (out) (optional): the recall wanted on the day
 *
 * Returns: whether @deck_id has a plan
 */
gboolean
shuati_store_get_plan (ShuatiStore *self,
                       const char  *deck_id,
                       gint64      *date,
                       double      *share,
                       double      *target_recall)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);

  stmt = select_plan_row (self, deck_id,
                          "SELECT date, share, target_recall FROM plans WHERE deck_id = ?1");
  if (stmt == NULL)
    return FALSE;
  if (date != NULL)
    *date = sqlite3_column_int64 (stmt, 0);
  if (share != NULL)
    *share = sqlite3_column_double (stmt, 1);
  if (target_recall != NULL)
    *target_recall = sqlite3_column_double (stmt, 2);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Runs a prepared write (@rc: how preparing it went) and finalizes it. */
static gboolean
finish_write (ShuatiStore   *self,
              sqlite3_stmt  *stmt,
              int            rc,
              GError       **error)
{
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      shuati_store_set_write_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * shuati_store_set_plan:
 * @date: unix seconds in the interview's day, or 0 to drop the plan
 *
 * Keeps (or drops) the plan of @deck_id; a plan kept again keeps its
 * scope (shuati_store_set_plan_scope()). No card changes, so
 * #ShuatiStore::changed is not emitted.
 */
gboolean
shuati_store_set_plan (ShuatiStore  *self,
                       const char   *deck_id,
                       gint64        date,
                       double        share,
                       double        target_recall,
                       GError      **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shuati_store_ensure_file (self, error))
    return FALSE;

  db = shuati_store_get_database (self);
  rc = db == NULL ? SQLITE_CANTOPEN :
       sqlite3_prepare_v2 (db, date != 0
                               ? "INSERT INTO plans (deck_id, date, share, target_recall)"
                                 " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (deck_id) DO UPDATE SET"
                                 " date = excluded.date, share = excluded.share,"
                                 " target_recall = excluded.target_recall"
                               : "DELETE FROM plans WHERE deck_id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      if (date != 0)
        {
          sqlite3_bind_int64 (stmt, 2, date);
          sqlite3_bind_double (stmt, 3, CLAMP (share, 0.0, 1.0));
          sqlite3_bind_double (stmt, 4, CLAMP (target_recall, 0.5, 0.99));
        }
    }
  return finish_write (self, stmt, rc, error);
}

static char **
split_ids (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

static char *
join_ids (const char * const *ids)
{
  if (ids == NULL)
    return g_strdup ("");
  return g_strjoinv ("\n", (char **)ids);
}

/**
 * shuati_store_get_plan_scope:
 * @topics: (out) (optional) (transfer full): the plan's topic ids, in
 *   the learner's order of priority; empty for every topic
 * @tags: (out) (optional) (transfer full): the plan's tags; empty for any
 * @order: (out) (optional): the order new cards are taken in, a
 *   #ShuatiPlanOrder
 *
 * Returns: whether @deck_id has a plan; when it has none, the outputs
 *   are left alone
 */
gboolean
shuati_store_get_plan_scope (ShuatiStore   *self,
                             const char    *deck_id,
                             char        ***topics,
                             char        ***tags,
                             int           *order)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);

  stmt = select_plan_row (self, deck_id,
                          "SELECT topics, tags, card_order FROM plans WHERE deck_id = ?1");
  if (stmt == NULL)
    return FALSE;
  if (topics != NULL)
    *topics = split_ids ((const char *)sqlite3_column_text (stmt, 0));
  if (tags != NULL)
    *tags = split_ids ((const char *)sqlite3_column_text (stmt, 1));
  if (order != NULL)
    *order = sqlite3_column_int (stmt, 2);
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * shuati_store_set_plan_scope:
 * @topics: (nullable) (array zero-terminated=1): topic ids in order of
 *   priority; %NULL or empty for every topic in the deck's order
 * @tags: (nullable) (array zero-terminated=1): tags, %NULL or empty for any
 * @order: a #ShuatiPlanOrder
 *
 * Sets what the plan of @deck_id, kept with shuati_store_set_plan(),
 * covers. Ids hold no newline (shuati_deck_id_is_valid()).
 *
 * Returns: %TRUE on success; %FALSE with %SHUATI_STORE_ERROR_NOT_FOUND
 *   when @deck_id has no plan
 */
gboolean
shuati_store_set_plan_scope (ShuatiStore         *self,
                             const char          *deck_id,
                             const char * const  *topics,
                             const char * const  *tags,
                             int                  order,
                             GError             **error)
{
  g_autofree char *topic_text = join_ids (topics);
  g_autofree char *tag_text = join_ids (tags);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SHUATI_IS_STORE (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!shuati_store_ensure_file (self, error))
    return FALSE;

  db = shuati_store_get_database (self);
  rc = db == NULL ? SQLITE_CANTOPEN :
       sqlite3_prepare_v2 (db, "UPDATE plans SET topics = ?2, tags = ?3, card_order = ?4 WHERE deck_id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, deck_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, topic_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, tag_text, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, order);
    }
  if (!finish_write (self, stmt, rc, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, SHUATI_STORE_ERROR, SHUATI_STORE_ERROR_NOT_FOUND,
                   _("There is no interview plan to change; save the plan first."));
      return FALSE;
    }
  return TRUE;
}
