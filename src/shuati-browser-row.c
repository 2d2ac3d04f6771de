/* shuati-browser-row.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line of the card browser: a card and what its progress says of
 * it, read once when the row is made so that sorting a column compares
 * plain fields and never asks the store.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shuati-browser-row.h"

struct _ShuatiBrowserRow
{
  GObject             parent_instance;

  ShuatiCard         *card;
  const char         *question;       /* borrowed from the card */
  const char         *topic;          /* borrowed from the deck's topic */
  ShuatiMemory        memory;
  ShuatiBrowserState  state;
  double              interval_days;
  double              retrievability; /* -1 when never studied */
  guint               ranks[3];       /* place in the order of each text column */
  char               *texts[SHUATI_BROWSER_N_COLUMNS]; /* as shown, made when first shown */
  /* What the rest is read from, when first asked for: GTK's list view
   * asks the model for every row after a sort, and only some are shown. */
  ShuatiProgress     *progress;
  const char * const *languages;      /* interned, never freed */
  gint64              now;
  guint               filled : 1;
  guint               starred : 1;
  guint               suspended : 1;
};

G_DEFINE_FINAL_TYPE (ShuatiBrowserRow, shuati_browser_row, G_TYPE_OBJECT)

static void
shuati_browser_row_dispose (GObject *object)
{
  ShuatiBrowserRow *self = (ShuatiBrowserRow *)object;

  g_clear_object (&self->card);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (shuati_browser_row_parent_class)->dispose (object);
}

static void
shuati_browser_row_finalize (GObject *object)
{
  ShuatiBrowserRow *self = (ShuatiBrowserRow *)object;

  for (guint i = 0; i < SHUATI_BROWSER_N_COLUMNS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (shuati_browser_row_parent_class)->finalize (object);
}

static void
shuati_browser_row_class_init (ShuatiBrowserRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shuati_browser_row_dispose;
  G_OBJECT_CLASS (klass)->finalize = shuati_browser_row_finalize;
}

static void
shuati_browser_row_init (ShuatiBrowserRow *self)
{
}

/**
 * shuati_browser_row_new:
 * @card: a card of @progress's deck
 * @languages: the learner's card languages, for the question and topic
 * @now: unix seconds, for the retrievability
 *
 * Returns: (transfer full): the row
 */
static void fill_memory (ShuatiBrowserRow *self,
                         ShuatiCard       *card,
                         ShuatiProgress   *progress,
                         gint64            now);
static void fill_state  (ShuatiBrowserRow *self,
                         ShuatiCard       *card,
                         ShuatiProgress   *progress);

/* What a row holds, read from the card and progress: rows and the sort
 * keys of cards that have no row yet come from here alike. */
static void
fill (ShuatiBrowserRow   *self,
      ShuatiCard         *card,
      ShuatiProgress     *progress,
      const char * const *languages,
      gint64              now)
{
  ShuatiTopic *topic;
  const char *topic_id;

  self->question = shuati_card_get_question (card, languages);
  topic_id = shuati_card_get_topic_id (card);
  topic = topic_id != NULL ? shuati_deck_lookup_topic (shuati_progress_get_deck (progress), topic_id) : NULL;
  self->topic = topic != NULL ? shuati_topic_get_title (topic, languages) : NULL;
  fill_memory (self, card, progress, now);
  self->starred = shuati_progress_is_starred (progress, card);
  fill_state (self, card, progress);
}

/* The state, from the memory (read first) and the marks. */
static void
fill_state (ShuatiBrowserRow *self,
            ShuatiCard       *card,
            ShuatiProgress   *progress)
{
  self->suspended = shuati_progress_is_suspended (progress, card);

  if (self->suspended)
    self->state = SHUATI_BROWSER_STATE_SUSPENDED;
  else if (shuati_progress_is_buried (progress, card))
    self->state = SHUATI_BROWSER_STATE_BURIED;
  else if (shuati_memory_is_leech (&self->memory))
    self->state = SHUATI_BROWSER_STATE_LEECH;
  else
    self->state = (ShuatiBrowserState)self->memory.state;
}

/* The part of a row that its memory gives: enough for every numeric
 * column but the state, without looking up marks or texts. */
static void
fill_memory (ShuatiBrowserRow *self,
             ShuatiCard       *card,
             ShuatiProgress   *progress,
             gint64            now)
{
  self->memory = *shuati_progress_get_memory (progress, card);
  if (self->memory.state == SHUATI_CARD_NEW)
    {
      self->interval_days = 0;
      self->retrievability = -1;
    }
  else
    {
      self->interval_days = MAX (self->memory.due - self->memory.last_review, 0) / 86400.0;
      self->retrievability = shuati_fsrs_retrievability (MAX (now - self->memory.last_review, 0) / 86400.0,
                                                         self->memory.stability);
    }
}

/* The few lists of languages a process shows rows in, kept for its life
 * so that each row can point at its own without copying it. */
static const char * const *
intern_languages (const char * const *languages)
{
  static GHashTable *interned;
  g_autofree char *key = NULL;
  G_LOCK_DEFINE_STATIC (interned);
  const char * const *found;

  static const char * const *last;

  if (languages == NULL)
    return NULL;
  /* Rows come by the thousand with the same list. */
  G_LOCK (interned);
  if (last != NULL && g_strv_equal ((const char * const *)last, languages))
    {
      found = last;
      G_UNLOCK (interned);
      return found;
    }
  key = g_strjoinv ("\n", (char **)languages);
  if (interned == NULL)
    interned = g_hash_table_new (g_str_hash, g_str_equal);
  found = g_hash_table_lookup (interned, key);
  if (found == NULL)
    {
      guint n = g_strv_length ((char **)languages);
      const char **copy = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        copy[i] = g_intern_string (languages[i]);
      g_hash_table_insert (interned, g_steal_pointer (&key), copy);
      found = copy;
    }
  last = found;
  G_UNLOCK (interned);
  return found;
}

/**
 * shuati_browser_row_new:
 * @card: a card of @progress's deck
 * @languages: the learner's card languages, for the question and topic
 * @now: unix seconds, for the retrievability
 *
 * Returns: (transfer full): the row
 */
ShuatiBrowserRow *
shuati_browser_row_new (ShuatiCard         *card,
                        ShuatiProgress     *progress,
                        const char * const *languages,
                        gint64              now)
{
  ShuatiBrowserRow *self;

  g_return_val_if_fail (SHUATI_IS_CARD (card), NULL);
  g_return_val_if_fail (SHUATI_IS_PROGRESS (progress), NULL);

  self = g_object_new (SHUATI_TYPE_BROWSER_ROW, NULL);
  self->card = g_object_ref (card);
  self->progress = g_object_ref (progress);
  self->languages = intern_languages (languages);
  self->now = now;

  return self;
}

/* Reads the row from its card and progress, once. */
static inline void
ensure_filled (ShuatiBrowserRow *self)
{
  if (!self->filled && self->progress != NULL)
    {
      fill (self, self->card, self->progress, self->languages, self->now);
      self->filled = TRUE;
    }
}

ShuatiCard *
shuati_browser_row_get_card (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), NULL);
  return self->card;
}

ShuatiBrowserState
shuati_browser_row_get_state (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), SHUATI_BROWSER_STATE_NEW);
  ensure_filled (self);
  return self->state;
}

const ShuatiMemory *
shuati_browser_row_get_memory (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), NULL);
  ensure_filled (self);
  return &self->memory;
}

gboolean
shuati_browser_row_get_starred (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), FALSE);
  ensure_filled (self);
  return self->starred;
}

gboolean
shuati_browser_row_get_suspended (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), FALSE);
  ensure_filled (self);
  return self->suspended;
}

/**
 * shuati_browser_row_get_retrievability:
 *
 * Returns: the probability of recall when the row was made, or -1 for a
 *   card never studied
 */
double
shuati_browser_row_get_retrievability (ShuatiBrowserRow *self)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), -1);
  ensure_filled (self);
  return self->retrievability;
}

const char *
shuati_browser_state_to_string (ShuatiBrowserState state)
{
  switch (state)
    {
    case SHUATI_BROWSER_STATE_LEARNING: return C_("card state", "Learning");
    case SHUATI_BROWSER_STATE_REVIEW: return C_("card state", "Review");
    case SHUATI_BROWSER_STATE_RELEARNING: return C_("card state", "Relearning");
    case SHUATI_BROWSER_STATE_LEECH: return C_("card state", "Leech");
    case SHUATI_BROWSER_STATE_BURIED: return C_("card state", "Buried");
    case SHUATI_BROWSER_STATE_SUSPENDED: return C_("card state", "Suspended");
    case SHUATI_BROWSER_STATE_NEW:
    default: return C_("card state", "New");
    }
}

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) date = NULL;

  if (time <= 0 || (date = g_date_time_new_from_unix_local (time)) == NULL)
    return g_strdup ("");
  return g_date_time_format (date, "%Y-%m-%d");
}

static char *
format_number (double value,
               int    digits)
{
  return g_strdup_printf ("%.*f", digits, value);
}

/**
 * shuati_browser_row_format:
 *
 * Returns: (transfer full): the text of @column for this row; empty
 *   where the card has no such value (a new card has no due date)
 */
char *
shuati_browser_row_format (ShuatiBrowserRow    *self,
                           ShuatiBrowserColumn  column)
{
  gboolean studied;

  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), NULL);

  ensure_filled (self);
  studied = self->memory.state != SHUATI_CARD_NEW;
  switch (column)
    {
    case SHUATI_BROWSER_COLUMN_NUMBER:
      return g_strdup_printf ("%u", shuati_card_get_number (self->card));
    case SHUATI_BROWSER_COLUMN_QUESTION:
      {
        /* One line: the cell is a single line however long the question. */
        g_autofree char *text = g_strdup (self->question ? self->question : "");

        return g_strdelimit (text, "\r\n\t", ' '), g_steal_pointer (&text);
      }
    case SHUATI_BROWSER_COLUMN_TOPIC:
      return g_strdup (self->topic ? self->topic : "");
    case SHUATI_BROWSER_COLUMN_TAGS:
      {
        const char * const *tags = shuati_card_get_tags (self->card);

        return tags ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
      }
    case SHUATI_BROWSER_COLUMN_STATE:
      return g_strdup (shuati_browser_state_to_string (self->state));
    case SHUATI_BROWSER_COLUMN_DUE:
      return studied ? format_date (self->memory.due) : g_strdup ("");
    case SHUATI_BROWSER_COLUMN_INTERVAL:
      return studied ? shuati_format_interval (self->memory.due - self->memory.last_review) : g_strdup ("");
    case SHUATI_BROWSER_COLUMN_STABILITY:
      return studied ? format_number (self->memory.stability, 1) : g_strdup ("");
    case SHUATI_BROWSER_COLUMN_DIFFICULTY:
      return studied ? format_number (self->memory.difficulty, 1) : g_strdup ("");
    case SHUATI_BROWSER_COLUMN_RETRIEVABILITY:
      return studied ? g_strdup_printf ("%.0f%%", self->retrievability * 100) : g_strdup ("");
    case SHUATI_BROWSER_COLUMN_REVIEWS:
      return g_strdup_printf ("%u", self->memory.reps);
    case SHUATI_BROWSER_COLUMN_LAPSES:
      return g_strdup_printf ("%u", self->memory.lapses);
    case SHUATI_BROWSER_COLUMN_LAST_REVIEW:
      return format_date (self->memory.last_review);
    case SHUATI_BROWSER_COLUMN_MODIFIED:
      {
        g_autofree char *created = format_date (shuati_card_get_created (self->card));
        g_autofree char *modified = format_date (shuati_card_get_modified (self->card));

        /* Translators: a card's creation and last edit dates in the
         * browser's Created / Modified column */
        if (created[0] != '\0' && modified[0] != '\0' && !g_str_equal (created, modified))
          return g_strdup_printf (C_("created and modified", "%s / %s"), created, modified);
        return g_strdup (modified[0] != '\0' ? modified : created);
      }
    case SHUATI_BROWSER_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * shuati_browser_row_get_text:
 *
 * Returns: (transfer none): what shuati_browser_row_format() gives,
 *   made once and kept by the row: a row is shown again and again as
 *   the list scrolls and sorts
 */
const char *
shuati_browser_row_get_text (ShuatiBrowserRow    *self,
                             ShuatiBrowserColumn  column)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), NULL);
  g_return_val_if_fail (column < SHUATI_BROWSER_N_COLUMNS, NULL);

  if (self->texts[column] == NULL)
    self->texts[column] = shuati_browser_row_format (self, column);
  return self->texts[column];
}

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

static int
compare_tags (ShuatiCard *a,
              ShuatiCard *b)
{
  const char * const *ta = shuati_card_get_tags (a);
  const char * const *tb = shuati_card_get_tags (b);

  for (guint i = 0; ; i++)
    {
      const char *x = ta ? ta[i] : NULL;
      const char *y = tb ? tb[i] : NULL;
      int c;

      if (x == NULL || y == NULL)
        return CMP (x != NULL, y != NULL);
      if ((c = strcmp (x, y)) != 0)
        return c;
    }
}

/**
 * shuati_browser_row_compare:
 *
 * Orders two rows by @column, ascending; ties fall back to the card
 * number so that every sort is stable and the same each time. Texts
 * compare by code point, which keeps sorting a large deck fast; a card
 * never studied sorts before every studied one by its schedule.
 */
int
shuati_browser_row_compare (ShuatiBrowserRow    *a,
                            ShuatiBrowserRow    *b,
                            ShuatiBrowserColumn  column)
{
  int c = 0;

  ensure_filled (a);
  ensure_filled (b);
  switch (column)
    {
    case SHUATI_BROWSER_COLUMN_NUMBER:
      break;
    case SHUATI_BROWSER_COLUMN_QUESTION:
      c = g_strcmp0 (a->question, b->question);
      break;
    case SHUATI_BROWSER_COLUMN_TOPIC:
      c = g_strcmp0 (a->topic, b->topic);
      break;
    case SHUATI_BROWSER_COLUMN_TAGS:
      c = compare_tags (a->card, b->card);
      break;
    case SHUATI_BROWSER_COLUMN_STATE:
      c = CMP (a->state, b->state);
      break;
    case SHUATI_BROWSER_COLUMN_DUE:
      c = CMP (a->memory.state != SHUATI_CARD_NEW, b->memory.state != SHUATI_CARD_NEW);
      if (c == 0)
        c = CMP (a->memory.due, b->memory.due);
      break;
    case SHUATI_BROWSER_COLUMN_INTERVAL:
      c = CMP (a->interval_days, b->interval_days);
      break;
    case SHUATI_BROWSER_COLUMN_STABILITY:
      c = CMP (a->memory.stability, b->memory.stability);
      break;
    case SHUATI_BROWSER_COLUMN_DIFFICULTY:
      c = CMP (a->memory.difficulty, b->memory.difficulty);
      break;
    case SHUATI_BROWSER_COLUMN_RETRIEVABILITY:
      c = CMP (a->retrievability, b->retrievability);
      break;
    case SHUATI_BROWSER_COLUMN_REVIEWS:
      c = CMP (a->memory.reps, b->memory.reps);
      break;
    case SHUATI_BROWSER_COLUMN_LAPSES:
      c = CMP (a->memory.lapses, b->memory.lapses);
      break;
    case SHUATI_BROWSER_COLUMN_LAST_REVIEW:
      c = CMP (a->memory.last_review, b->memory.last_review);
      break;
    case SHUATI_BROWSER_COLUMN_MODIFIED:
      c = CMP (MAX (shuati_card_get_created (a->card), shuati_card_get_modified (a->card)),
               MAX (shuati_card_get_created (b->card), shuati_card_get_modified (b->card)));
      break;
    case SHUATI_BROWSER_N_COLUMNS:
    default:
      g_return_val_if_reached (0);
    }

  if (c == 0)
    c = CMP (shuati_card_get_position (a->card), shuati_card_get_position (b->card));
  return c;
}

static const struct
{
  const char *id;
  const char *title;
} columns[SHUATI_BROWSER_N_COLUMNS] = {
  [SHUATI_BROWSER_COLUMN_NUMBER] = { "number", NC_("browser column", "No.") },
  [SHUATI_BROWSER_COLUMN_QUESTION] = { "question", NC_("browser column", "Question") },
  [SHUATI_BROWSER_COLUMN_TOPIC] = { "topic", NC_("browser column", "Topic") },
  [SHUATI_BROWSER_COLUMN_TAGS] = { "tags", NC_("browser column", "Tags") },
  [SHUATI_BROWSER_COLUMN_STATE] = { "state", NC_("browser column", "State") },
  [SHUATI_BROWSER_COLUMN_DUE] = { "due", NC_("browser column", "Due") },
  [SHUATI_BROWSER_COLUMN_INTERVAL] = { "interval", NC_("browser column", "Interval") },
  [SHUATI_BROWSER_COLUMN_STABILITY] = { "stability", NC_("browser column", "Stability") },
  [SHUATI_BROWSER_COLUMN_DIFFICULTY] = { "difficulty", NC_("browser column", "Difficulty") },
  [SHUATI_BROWSER_COLUMN_RETRIEVABILITY] = { "retrievability", NC_("browser column", "Recall Now") },
  [SHUATI_BROWSER_COLUMN_REVIEWS] = { "reviews", NC_("browser column", "Reviews") },
  [SHUATI_BROWSER_COLUMN_LAPSES] = { "lapses", NC_("browser column", "Lapses") },
  [SHUATI_BROWSER_COLUMN_LAST_REVIEW] = { "last-review", NC_("browser column", "Last Review") },
  [SHUATI_BROWSER_COLUMN_MODIFIED] = { "modified", NC_("browser column", "Created / Modified") },
};

/**
 * shuati_browser_column_get_id:
 *
 * Returns: the column's name in the settings, such as "due"
 */
const char *
shuati_browser_column_get_id (ShuatiBrowserColumn column)
{
  g_return_val_if_fail (column < SHUATI_BROWSER_N_COLUMNS, NULL);
  return columns[column].id;
}

const char *
shuati_browser_column_get_title (ShuatiBrowserColumn column)
{
  g_return_val_if_fail (column < SHUATI_BROWSER_N_COLUMNS, NULL);
  return g_dpgettext2 (NULL, "browser column", columns[column].title);
}

/**
 * shuati_browser_column_is_text:
 *
 * Returns: whether @column sorts by text: its sort keys are ranks that
 *   shuati_browser_rank_rows() gives
 */
gboolean
shuati_browser_column_is_text (ShuatiBrowserColumn column)
{
  return column == SHUATI_BROWSER_COLUMN_QUESTION ||
         column == SHUATI_BROWSER_COLUMN_TOPIC ||
         column == SHUATI_BROWSER_COLUMN_TAGS;
}

static guint
text_index (ShuatiBrowserColumn column)
{
  return column == SHUATI_BROWSER_COLUMN_QUESTION ? 0 : column == SHUATI_BROWSER_COLUMN_TOPIC ? 1 : 2;
}

static int
compare_for_rank (const void *a,
                  const void *b,
                  void       *data)
{
  return shuati_browser_row_compare (*(ShuatiBrowserRow **)a, *(ShuatiBrowserRow **)b,
                                     GPOINTER_TO_UINT (data));
}

/**
 * shuati_browser_rank_rows:
 * @rows: (array length=n_rows): every row that is to be sorted together
 * @column: a text column
 *
 * Numbers the rows in the order of @column, so that sorting by it
 * compares numbers: comparing texts once here, in C, is much cheaper
 * than comparing them through a sorter.
 */
void
shuati_browser_rank_rows (ShuatiBrowserRow    **rows,
                          guint                 n_rows,
                          ShuatiBrowserColumn   column)
{
  g_autofree ShuatiBrowserRow **order = NULL;

  g_return_if_fail (shuati_browser_column_is_text (column));

  order = g_memdup2 (rows, sizeof *rows * MAX (n_rows, 1));
  g_qsort_with_data (order, n_rows, sizeof *order, compare_for_rank, GUINT_TO_POINTER (column));
  for (guint i = 0; i < n_rows; i++)
    order[i]->ranks[text_index (column)] = i;
}

/**
 * shuati_browser_row_get_sort_key:
 *
 * Returns: the number the row sorts by in @column, ascending; ties keep
 *   the deck's order. A card never studied sorts before every studied
 *   one by its schedule. Text columns give the rank from
 *   shuati_browser_rank_rows().
 */
static double
sort_key (const ShuatiBrowserRow *self,
          ShuatiBrowserColumn     column)
{
  gboolean studied = self->memory.state != SHUATI_CARD_NEW;

  switch (column)
    {
    case SHUATI_BROWSER_COLUMN_NUMBER:
      return shuati_card_get_position (self->card);
    case SHUATI_BROWSER_COLUMN_QUESTION:
    case SHUATI_BROWSER_COLUMN_TOPIC:
    case SHUATI_BROWSER_COLUMN_TAGS:
      return self->ranks[text_index (column)];
    case SHUATI_BROWSER_COLUMN_STATE:
      return self->state;
    case SHUATI_BROWSER_COLUMN_DUE:
      return studied ? (double)self->memory.due : -G_MAXDOUBLE;
    case SHUATI_BROWSER_COLUMN_INTERVAL:
      return self->interval_days;
    case SHUATI_BROWSER_COLUMN_STABILITY:
      return self->memory.stability;
    case SHUATI_BROWSER_COLUMN_DIFFICULTY:
      return self->memory.difficulty;
    case SHUATI_BROWSER_COLUMN_RETRIEVABILITY:
      return self->retrievability;
    case SHUATI_BROWSER_COLUMN_REVIEWS:
      return self->memory.reps;
    case SHUATI_BROWSER_COLUMN_LAPSES:
      return self->memory.lapses;
    case SHUATI_BROWSER_COLUMN_LAST_REVIEW:
      return (double)self->memory.last_review;
    case SHUATI_BROWSER_COLUMN_MODIFIED:
      return (double)MAX (shuati_card_get_created (self->card), shuati_card_get_modified (self->card));
    case SHUATI_BROWSER_N_COLUMNS:
    default:
      g_return_val_if_reached (0);
    }
}

double
shuati_browser_row_get_sort_key (ShuatiBrowserRow    *self,
                                 ShuatiBrowserColumn  column)
{
  g_return_val_if_fail (SHUATI_IS_BROWSER_ROW (self), 0);
  ensure_filled (self);
  return sort_key (self, column);
}

/**
 * shuati_browser_card_get_sort_key:
 * @card: a card of @progress's deck
 * @column: a column that does not sort by text
 *
 * Returns: what shuati_browser_row_get_sort_key() gives for the row of
 *   @card, without making the row
 */
double
shuati_browser_card_get_sort_key (ShuatiCard          *card,
                                  ShuatiProgress      *progress,
                                  const char * const  *languages,
                                  gint64               now,
                                  ShuatiBrowserColumn  column)
{
  ShuatiBrowserRow row = { 0 };

  g_return_val_if_fail (!shuati_browser_column_is_text (column), 0);

  row.card = card;
  if (column == SHUATI_BROWSER_COLUMN_NUMBER)
    return shuati_card_get_position (card);
  fill_memory (&row, card, progress, now);
  if (column == SHUATI_BROWSER_COLUMN_STATE)
    fill_state (&row, card, progress);
  return sort_key (&row, column);
}

