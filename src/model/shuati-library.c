/* shuati-library.c
 *
 * Copyright 2026 The Shuati Developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "shuati-exporter.h"
#include "shuati-safe-file.h"
#include "shuati-library.h"

typedef struct
{
  ShuatiDeck *deck;
  GFile      *file;     /* NULL for a built-in deck */
} Entry;

struct _ShuatiLibrary
{
  GObject     parent_instance;

  GPtrArray  *builtins;      /* of GFile */
  GFile      *decks_dir;
  GPtrArray  *entries;       /* of Entry, the built-in decks first */
  GHashTable *by_id;         /* deck id → Entry */
  GHashTable *removed;       /* deck id → GFile in removed/ */
  GHashTable *pending;       /* ids of decks an add is still writing */
  GPtrArray  *load_errors;   /* of GError */
  double      progress;
  guint       generation;
  gboolean    loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ShuatiLibrary, shuati_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (shuati-library-error-quark, shuati_library_error)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DECK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->deck);
  g_clear_object (&entry->file);
  g_free (entry);
}

static Entry *
entry_new (ShuatiDeck *deck,
           GFile      *file)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->deck = deck;
  entry->file = file;
  return entry;
}

static GType
shuati_library_get_item_type (GListModel *model)
{
  return SHUATI_TYPE_DECK;
}

static guint
shuati_library_get_n_items (GListModel *model)
{
  return SHUATI_LIBRARY (model)->entries->len;
}

static gpointer
shuati_library_get_item (GListModel *model,
                         guint       position)
{
  ShuatiLibrary *self = SHUATI_LIBRARY (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->deck);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = shuati_library_get_item_type;
  iface->get_n_items = shuati_library_get_n_items;
  iface->get_item = shuati_library_get_item;
}

static void
shuati_library_dispose (GObject *object)
{
  ShuatiLibrary *self = (ShuatiLibrary *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_clear_pointer (&self->builtins, g_ptr_array_unref);
  g_clear_object (&self->decks_dir);

  G_OBJECT_CLASS (shuati_library_parent_class)->dispose (object);
}

static void
shuati_library_finalize (GObject *object)
{
  ShuatiLibrary *self = (ShuatiLibrary *)object;

  g_clear_pointer (&self->load_errors, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (shuati_library_parent_class)->finalize (object);
}

static void
shuati_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShuatiLibrary *self = SHUATI_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shuati_library_class_init (ShuatiLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shuati_library_dispose;
  object_class->finalize = shuati_library_finalize;
  object_class->get_property = shuati_library_get_property;

  /**
   * ShuatiLibrary:loading:
   *
   * Whether shuati_library_load_async() is at work.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ShuatiLibrary:progress:
   *
   * How much of the library a load has read, from 0 to 1; notified on the
   * main context.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ShuatiLibrary::deck-changed:
   * @deck_id: the deck's id
   * @deck: (nullable): the deck as written, %NULL when it was removed
   *
   * A user deck was added, saved, put back or removed (not when a load
   * reads the folder): what sync tells the other devices of.
   */
  signals[DECK_CHANGED] =
    g_signal_new ("deck-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, SHUATI_TYPE_DECK);
}

static void
shuati_library_init (ShuatiLibrary *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->load_errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
}

/**
 * shuati_library_new:
 * @builtin: (nullable): the one built-in deck; %NULL for the ones in the
 *   application's resources (%SHUATI_LIBRARY_BUILTIN_URI, then
 *   %SHUATI_LIBRARY_CORE_URI)
 * @decks_dir: (nullable): where user decks live; %NULL for
 *   g_get_user_data_dir()/shuati/decks
 *
 * Returns: (transfer full): an empty library; load it with
 *   shuati_library_load_async()
 */
ShuatiLibrary *
shuati_library_new (GFile *builtin,
                    GFile *decks_dir)
{
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) core = NULL;

  if (builtin != NULL)
    {
      GFile *builtins[] = { builtin, NULL };

      return shuati_library_new_with_builtins (builtins, decks_dir);
    }

  first = g_file_new_for_uri (SHUATI_LIBRARY_BUILTIN_URI);
  core = g_file_new_for_uri (SHUATI_LIBRARY_CORE_URI);
  {
    GFile *builtins[] = { first, core, NULL };

    return shuati_library_new_with_builtins (builtins, decks_dir);
  }
}

/**
 * shuati_library_new_with_builtins:
 * @builtins: (array zero-terminated=1): the built-in decks, in the order
 *   the library lists them
 * @decks_dir: (nullable): where user decks live; %NULL for
 *   g_get_user_data_dir()/shuati/decks
 *
 * Returns: (transfer full): an empty library; load it with
 *   shuati_library_load_async()
 */
ShuatiLibrary *
shuati_library_new_with_builtins (GFile * const *builtins,
                                  GFile         *decks_dir)
{
  ShuatiLibrary *self;

  g_return_val_if_fail (builtins != NULL, NULL);

  self = g_object_new (SHUATI_TYPE_LIBRARY, NULL);
  self->builtins = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; builtins[i] != NULL; i++)
    g_ptr_array_add (self->builtins, g_object_ref (builtins[i]));

  if (decks_dir != NULL)
    self->decks_dir = g_object_ref (decks_dir);
  else
    self->decks_dir = g_file_new_build_filename (g_get_user_data_dir (), "shuati", "decks", NULL);

  return self;
}

static void
set_loading (ShuatiLibrary *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_progress (ShuatiLibrary *self,
              double         progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Entry *x = *(const Entry * const *)a;
  const Entry *y = *(const Entry * const *)b;

  return strcmp (shuati_deck_get_id (x->deck), shuati_deck_get_id (y->deck));
}

/* Where a user deck with @id goes, after the built-in decks. */
static guint
sorted_position (ShuatiLibrary *self,
                 const char    *id)
{
  guint low = 0;
  guint high = self->entries->len;

  while (low < high && ((Entry *)g_ptr_array_index (self->entries, low))->file == NULL)
    low++;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      Entry *entry = g_ptr_array_index (self->entries, mid);

      if (strcmp (shuati_deck_get_id (entry->deck), id) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static void
insert_entry (ShuatiLibrary *self,
              Entry         *entry)
{
  guint position = sorted_position (self, shuati_deck_get_id (entry->deck));

  g_ptr_array_insert (self->entries, position, entry);
  g_hash_table_insert (self->by_id, (char *)shuati_deck_get_id (entry->deck), entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* Loading ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray *builtins;
  GFile     *decks_dir;
  guint      generation;
  GPtrArray *entries;
  GPtrArray *errors;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_pointer (&load->builtins, g_ptr_array_unref);
  g_clear_object (&load->decks_dir);
  g_clear_pointer (&load->entries, g_ptr_array_unref);
  g_clear_pointer (&load->errors, g_ptr_array_unref);
  g_free (load);
}

/* A report does not keep the library alive. */
typedef struct
{
  GWeakRef library;
  guint    generation;
  double   progress;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_weak_ref_clear (&progress->library);
  g_free (progress);
}

static gboolean
report_progress (gpointer data)
{
  Progress *progress = data;
  g_autoptr(ShuatiLibrary) library = g_weak_ref_get (&progress->library);

  if (library != NULL && library->loading && progress->generation == library->generation)
    set_progress (library, progress->progress);

  return G_SOURCE_REMOVE;
}

static void
post_progress (GTask  *task,
               guint   done,
               guint   total)
{
  LoadData *load = g_task_get_task_data (task);
  Progress *progress = g_new0 (Progress, 1);
  g_autoptr(GSource) source = NULL;

  g_weak_ref_init (&progress->library, g_task_get_source_object (task));
  progress->generation = load->generation;
  progress->progress = total > 0 ? (double)done / total : 1.0;
  /* Not g_main_context_invoke(): it would run the report in this thread
   * whenever no thread owns the context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_progress, progress, progress_free);
  g_source_set_static_name (source, "[shuati] library load progress");
  g_source_attach (source, g_task_get_context (task));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
add_error (GPtrArray   *errors,
           GFile       *file,
           const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_ptr_array_add (errors, g_error_new (error->domain, error->code, "%s: %s", name, error->message));
}

/* "<id>.json" for a valid id: the only names a deck is saved under. */
static gboolean
is_deck_file_name (const char *name)
{
  g_autofree char *id = NULL;

  if (!g_str_has_suffix (name, ".json"))
    return FALSE;
  id = g_strndup (name, strlen (name) - strlen (".json"));
  return shuati_deck_id_is_valid (id);
}

static void
add_skipped (GPtrArray  *errors,
             GFile      *dir,
             const char *name,
             GFileType   type)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autofree char *display = g_file_get_parse_name (file);

  if (type != G_FILE_TYPE_REGULAR)
    g_ptr_array_add (errors, g_error_new (SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_SKIPPED,
                                          /* Translators: %s is a file's path */
                                          _("%s: not a deck file; skipped"), display));
  else
    g_ptr_array_add (errors, g_error_new (SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_SKIPPED,
                                          /* Translators: %s is a file's path; "<id>.json"
                                           * describes the name a deck file must have */
                                          _("%s: skipped: a deck file is named “<id>.json”, where the id "
                                            "has only letters, digits, “-”, “_” and “.” and does not start "
                                            "with “.” or “-”"),
                                          display));
}


/* A deck's own folder: named after a deck id, with the deck's images in
 * "media/". */
static gboolean
is_media_folder (GFile      *decks_dir,
                 const char *name)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) media = NULL;

  if (!shuati_deck_id_is_valid (name))
    return FALSE;
  folder = g_file_get_child (decks_dir, name);
  media = g_file_get_child (folder, "media");
  return g_file_query_file_type (media, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint n_builtins = load->builtins->len;
  guint total;

  enumerator = g_file_enumerate_children (load->decks_dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
        {
          const char *name = g_file_info_get_name (info);
          GFileType type = g_file_info_get_file_type (info);

          if (type == G_FILE_TYPE_REGULAR && is_deck_file_name (name))
            g_ptr_array_add (names, g_strdup (name));
          else if (!(type == G_FILE_TYPE_DIRECTORY && g_str_equal (name, "removed")) &&
                   /* "<deck-id>/media/" holds a deck's images. */
                   !(type == G_FILE_TYPE_DIRECTORY && is_media_folder (load->decks_dir, name)) &&
                   !shuati_safe_file_is_temporary (name))
            add_skipped (load->errors, load->decks_dir, name, type);
          g_object_unref (info);
        }
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      add_error (load->errors, load->decks_dir, error);
    }
  g_clear_error (&error);

  g_ptr_array_sort (names, compare_names);
  total = names->len + n_builtins;

  for (guint i = 0; i < n_builtins; i++)
    {
      GFile *file = g_ptr_array_index (load->builtins, i);
      ShuatiDeck *builtin = shuati_deck_new_from_file (file, cancellable, &error);

      if (builtin == NULL)
        add_error (load->errors, file, error);
      else if (g_hash_table_contains (ids, shuati_deck_get_id (builtin)))
        {
          g_autoptr(GError) duplicate =
            g_error_new (SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_DUPLICATE,
                         _("another deck has the id “%s”; this one is skipped"),
                         shuati_deck_get_id (builtin));
          add_error (load->errors, file, duplicate);
          g_object_unref (builtin);
        }
      else
        {
          /* Searching never waits for the index: it is built here, in
           * the loading thread. */
          (void)shuati_deck_get_search_index (builtin);
          g_ptr_array_add (load->entries, entry_new (builtin, NULL));
          g_hash_table_add (ids, (char *)shuati_deck_get_id (builtin));
        }
      g_clear_error (&error);
      post_progress (task, i + 1, total);
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (load->decks_dir, g_ptr_array_index (names, i));
      ShuatiDeck *deck;

      if (g_task_return_error_if_cancelled (task))
        return;

      deck = shuati_deck_new_from_file (file, cancellable, &error);
      if (deck == NULL)
        {
          add_error (load->errors, file, error);
          g_clear_error (&error);
        }
      else if (g_hash_table_contains (ids, shuati_deck_get_id (deck)))
        {
          g_autoptr(GError) duplicate =
            g_error_new (SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_DUPLICATE,
                         _("another deck has the id “%s”; this one is skipped"),
                         shuati_deck_get_id (deck));
          add_error (load->errors, file, duplicate);
          g_object_unref (deck);
        }
      else
        {
          (void)shuati_deck_get_search_index (deck);
          g_hash_table_add (ids, (char *)shuati_deck_get_id (deck));
          g_ptr_array_add (load->entries, entry_new (deck, g_steal_pointer (&file)));
        }

      post_progress (task, n_builtins + i + 1, total);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * shuati_library_load_async:
 *
 * Reads the built-in decks and every user deck in a worker thread, then
 * replaces the library's contents with them. A later call supersedes an
 * earlier one still running.
 */
void
shuati_library_load_async (ShuatiLibrary       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (SHUATI_IS_LIBRARY (self));

  load = g_new0 (LoadData, 1);
  load->builtins = g_ptr_array_ref (self->builtins);
  load->decks_dir = g_object_ref (self->decks_dir);
  load->generation = ++self->generation;
  load->entries = g_ptr_array_new_with_free_func (entry_free);
  load->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_library_load_async);
  g_task_set_task_data (task, load, load_data_free);

  set_loading (self, TRUE);
  set_progress (self, 0.0);
  g_task_run_in_thread (task, load_thread);
}

/**
 * shuati_library_load_finish:
 *
 * Returns: %TRUE once the library holds what was read, even if some
 *   files were skipped (see shuati_library_get_load_errors()); %FALSE with
 *   @error set if the load was cancelled
 */
gboolean
shuati_library_load_finish (ShuatiLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  GTask *task = G_TASK (result);
  LoadData *load;
  guint removed;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  load = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, error))
    {
      if (load->generation == self->generation)
        set_loading (self, FALSE);
      return FALSE;
    }

  /* A newer load is on its way and will fill the library. */
  if (load->generation != self->generation)
    return TRUE;

  /* The built-in decks stay first, in their own order; the worker put
   * them there. */
  {
    guint n_builtins = 0;

    while (n_builtins < load->entries->len &&
           ((Entry *)g_ptr_array_index (load->entries, n_builtins))->file == NULL)
      n_builtins++;
    if (load->entries->len > n_builtins)
      g_qsort_with_data (load->entries->pdata + n_builtins, load->entries->len - n_builtins,
                         sizeof (gpointer), compare_entries, NULL);
  }

  removed = self->entries->len;
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_unref (self->entries);
  self->entries = g_steal_pointer (&load->entries);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_hash_table_insert (self->by_id, (char *)shuati_deck_get_id (entry->deck), entry);
    }

  g_ptr_array_unref (self->load_errors);
  self->load_errors = g_steal_pointer (&load->errors);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->entries->len);
  set_progress (self, 1.0);
  set_loading (self, FALSE);

  return TRUE;
}

gboolean
shuati_library_get_loading (ShuatiLibrary *self)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), FALSE);
  return self->loading;
}

double
shuati_library_get_progress (ShuatiLibrary *self)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), 0.0);
  return self->progress;
}

/**
 * shuati_library_get_load_errors:
 *
 * Returns: (transfer none) (element-type GError): why files were skipped
 *   by the last load, each message starting with the file's name: decks
 *   that did not load, and files in the decks folder that are no deck
 *   file (%SHUATI_LIBRARY_ERROR_SKIPPED), such as "..json"
 */
GPtrArray *
shuati_library_get_load_errors (ShuatiLibrary *self)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  return self->load_errors;
}

/**
 * shuati_library_get_decks_dir:
 *
 * Returns: (transfer none): the folder of the user's decks
 */
GFile *
shuati_library_get_decks_dir (ShuatiLibrary *self)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  return self->decks_dir;
}

/**
 * shuati_library_lookup:
 *
 * Returns: (transfer none) (nullable): the deck with @deck_id
 */
ShuatiDeck *
shuati_library_lookup (ShuatiLibrary *self,
                       const char    *deck_id)
{
  Entry *entry;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);

  entry = deck_id != NULL ? g_hash_table_lookup (self->by_id, deck_id) : NULL;
  return entry != NULL ? entry->deck : NULL;
}

gboolean
shuati_library_is_builtin (ShuatiLibrary *self,
                           const char    *deck_id)
{
  Entry *entry;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), FALSE);

  entry = deck_id != NULL ? g_hash_table_lookup (self->by_id, deck_id) : NULL;
  return entry != NULL && entry->file == NULL;
}

/* Changes ---------------------------------------------------------------- */

static GFile *
deck_file (ShuatiLibrary *self,
           const char    *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_file_get_child (self->decks_dir, name);
}

/* An id is free when no loaded deck has it, no add is writing a deck
 * with it, and no file, loaded or not, is named after it. An empty file
 * holds no deck (an older Shuati left them on a full disk): it does not
 * count, and the next save replaces it. */
static gboolean
id_is_free (ShuatiLibrary *self,
            const char    *id)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (g_hash_table_contains (self->by_id, id) ||
      g_hash_table_contains (self->pending, id))
    return FALSE;
  file = deck_file (self, id);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  return info == NULL ||
         (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && g_file_info_get_size (info) == 0);
}

/* Gives @file a name in removed/ that no earlier removal has taken, by
 * moving it there or, with @keep, by a second link to it (then @file
 * stays where it is until something replaces it). */
static GFile *
put_in_removed (GFile       *decks_dir,
                GFile       *file,
                const char  *id,
                gboolean     keep,
                GError     **error)
{
  g_autoptr(GFile) removed_dir = g_file_get_child (decks_dir, "removed");

  if (!shuati_safe_file_make_dir (removed_dir, error))
    return NULL;

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (id, ".json", NULL)
                                     : g_strdup_printf ("%s.%u.json", id, n);
      g_autoptr(GFile) target = g_file_get_child (removed_dir, name);
      g_autoptr(GError) local_error = NULL;

      if (g_file_query_exists (target, NULL))
        continue;
      if (keep ? shuati_safe_file_link (file, target, &local_error)
               : shuati_safe_file_rename (file, target, &local_error))
        return g_steal_pointer (&target);
      /* Taken meanwhile: try the next name. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

static void
remove_entry (ShuatiLibrary *self,
              Entry         *entry,
              GFile         *removed_to)
{
  guint position = 0;
  g_autofree char *id = g_strdup (shuati_deck_get_id (entry->deck));

  g_ptr_array_find (self->entries, entry, &position);
  g_hash_table_remove (self->by_id, id);
  g_hash_table_replace (self->removed, g_strdup (id), g_object_ref (removed_to));
  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* One deck on its way into the library. Once begin_add() has made it,
 * nothing in it refers to the library, so write_deck() can run in a
 * worker thread. */
typedef struct
{
  ShuatiDeck *imported;
  GFile      *decks_dir;
  GFile      *file;
  char       *id;
  GFile      *replaced;   /* the file of the deck this one replaces */
  GFile      *removed_to; /* where write_deck() put that deck in removed/ */
  ShuatiDeck *deck;       /* as written, once write_deck() succeeded */
  GPtrArray  *media;      /* of ShuatiImportMedia, for "<id>/media/" */
} AddData;

static void
add_data_free (AddData *add)
{
  g_clear_object (&add->imported);
  g_clear_object (&add->decks_dir);
  g_clear_object (&add->file);
  g_clear_pointer (&add->id, g_free);
  g_clear_object (&add->replaced);
  g_clear_object (&add->removed_to);
  g_clear_object (&add->deck);
  g_clear_pointer (&add->media, g_ptr_array_unref);
  g_free (add);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddData, add_data_free)

/* The part of an add that reads the library: picks the deck's id, or
 * the deck to replace. Nothing changes until the new file is written. */
static AddData *
begin_add (ShuatiLibrary         *self,
           ShuatiImportResult    *result,
           ShuatiLibraryAddMode   mode,
           GError               **error)
{
  ShuatiDeck *imported = shuati_import_result_get_deck (result);
  g_autofree char *id = g_strdup (shuati_deck_get_id (imported));
  Entry *existing = g_hash_table_lookup (self->by_id, id);
  g_autoptr(GFile) replaced = NULL;
  AddData *add;

  if (!id_is_free (self, id))
    {
      if (mode == SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS ||
          (mode == SHUATI_LIBRARY_ADD_REPLACE && g_hash_table_contains (self->pending, id)))
        {
          g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS,
                       _("The library already has a deck with the id “%s”"), id);
          return NULL;
        }

      if (mode == SHUATI_LIBRARY_ADD_REPLACE && existing != NULL && existing->file != NULL)
        replaced = g_object_ref (existing->file);
      else
        {
          g_autofree char *base = g_strdup (id);

          /* Keep the suffixed id within the 200 bytes an id may have. */
          if (strlen (base) > 190)
            base[190] = '\0';
          for (guint n = 2; !id_is_free (self, id); n++)
            {
              g_free (id);
              id = g_strdup_printf ("%s-%u", base, n);
            }
        }
    }

  add = g_new0 (AddData, 1);
  add->imported = g_object_ref (imported);
  add->decks_dir = g_object_ref (self->decks_dir);
  add->file = deck_file (self, id);
  add->id = g_steal_pointer (&id);
  add->replaced = g_steal_pointer (&replaced);
  if (shuati_import_result_get_media (result) != NULL)
    add->media = g_ptr_array_ref (shuati_import_result_get_media (result));
  return add;
}

static gboolean
write_plain_file (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  int saved_errno;

  if (fd < 0)
    goto failed;
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved_errno = errno;
          close (fd);
          errno = saved_errno;
          goto failed;
        }
      data += n;
      length -= n;
    }
  if (close (fd) == 0)
    return TRUE;

failed:
  saved_errno = errno;
  if (saved_errno == ENOSPC)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      shuati_safe_file_set_no_space_error (error, file);
    }
  else
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
    }
  g_unlink (path);
  return FALSE;
}

/* The images an imported deck shows go in "<id>/media/" beside its
 * file, under the names its cards use; the importer checked that each
 * name is a plain file name, and it is checked again here. */
static gboolean
write_media (AddData       *add,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) folder = g_file_get_child (add->decks_dir, add->id);
  g_autoptr(GFile) media_dir = g_file_get_child (folder, "media");

  if (!shuati_safe_file_make_dir (media_dir, error))
    return FALSE;

  for (guint i = 0; i < add->media->len; i++)
    {
      ShuatiImportMedia *media = g_ptr_array_index (add->media, i);
      g_autoptr(GFile) file = NULL;
      const char *data;
      gsize length;

      if (!shuati_anki_media_name_is_safe (media->name))
        continue;
      g_autofree char *path = NULL;

      file = g_file_get_child (media_dir, media->name);
      path = g_file_get_path (file);
      data = g_bytes_get_data (media->data, &length);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* New files in the deck's own folder, without a disk sync each
       * (g_file_set_contents_full() syncs every file twice, which made
       * five hundred images take seconds on a busy disk): the deck file
       * written after them is synced, and the deck does not exist until
       * it is there. */
      if (!write_plain_file (path, data, length, error))
        return FALSE;
    }
  return TRUE;
}

/* The slow part: serialises the deck under its new id, reads it back if
 * the id changed (every card carries it), and writes the file, all or
 * nothing. A deck it replaces gets a second name in removed/ first, and
 * keeps its own until the new file takes it over. */
static gboolean
write_deck (AddData       *add,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  if (!shuati_safe_file_make_dir (add->decks_dir, error))
    return FALSE;

  bytes = shuati_export_to_bytes (add->imported, SHUATI_EXPORT_FORMAT_DECK, NULL, add->id);
  if (g_str_equal (add->id, shuati_deck_get_id (add->imported)))
    deck = g_object_ref (add->imported);
  else
    {
      deck = shuati_deck_new_from_bytes (bytes, &local_error);
      if (deck == NULL)
        {
          g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_IO, "%s", local_error->message);
          return FALSE;
        }
    }

  if (add->replaced != NULL)
    {
      add->removed_to = put_in_removed (add->decks_dir, add->replaced, add->id, TRUE, error);
      if (add->removed_to == NULL)
        return FALSE;
    }

  if (add->media != NULL && add->media->len > 0 && !write_media (add, cancellable, error))
    {
      if (add->removed_to != NULL)
        g_file_delete (add->removed_to, NULL, NULL);
      g_clear_object (&add->removed_to);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!shuati_safe_file_write (add->file, data, length, cancellable, error))
    {
      if (add->removed_to != NULL)
        g_file_delete (add->removed_to, NULL, NULL);
      g_clear_object (&add->removed_to);
      return FALSE;
    }

  /* The replaced deck lived under another name than its id's: that name
   * goes, or the next load would find two decks with one id. */
  if (add->replaced != NULL && !g_file_equal (add->replaced, add->file))
    g_file_delete (add->replaced, NULL, NULL);

  add->deck = g_steal_pointer (&deck);
  return TRUE;
}

/* Puts the deck write_deck() saved into the library, in the place of the
 * one it replaces. */
static ShuatiDeck *
end_add (ShuatiLibrary *self,
         AddData       *add)
{
  Entry *entry = g_hash_table_lookup (self->by_id, add->id);

  if (entry != NULL && add->removed_to != NULL && entry->file != NULL)
    {
      remove_entry (self, entry, add->removed_to);
      entry = NULL;
    }

  /* A load that ended meanwhile may have read the new file already. */
  if (entry != NULL)
    {
      g_signal_emit (self, signals[DECK_CHANGED], 0, shuati_deck_get_id (entry->deck), entry->deck);
      return entry->deck;
    }

  insert_entry (self, entry_new (g_object_ref (add->deck), g_object_ref (add->file)));
  g_signal_emit (self, signals[DECK_CHANGED], 0, shuati_deck_get_id (add->deck), add->deck);
  return add->deck;
}

/**
 * shuati_library_add_imported:
 * @mode: what to do if the library has a deck with the same id
 *
 * Saves an imported deck in the decks folder and adds it to the library.
 * Blocks while it writes the file, which for a large deck takes a while:
 * the interface uses shuati_library_add_imported_async().
 *
 * Returns: (transfer none) (nullable): the deck as added, whose id may
 *   differ from the imported one (see #ShuatiLibraryAddMode), or %NULL
 *   with @error set
 */
ShuatiDeck *
shuati_library_add_imported (ShuatiLibrary         *self,
                             ShuatiImportResult    *result,
                             ShuatiLibraryAddMode   mode,
                             GError               **error)
{
  g_autoptr(AddData) add = NULL;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (SHUATI_IS_IMPORT_RESULT (result), NULL);

  add = begin_add (self, result, mode, error);
  if (add == NULL || !write_deck (add, NULL, error))
    return NULL;

  return end_add (self, add);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_deck (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
add_written (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShuatiLibrary *self = SHUATI_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  AddData *add = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_hash_table_remove (self->pending, add->id);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_pointer (task, g_object_ref (end_add (self, add)), g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * shuati_library_add_imported_async:
 * @mode: what to do if the library has a deck with the same id
 * @cancellable: (nullable): stops the write if it has not ended yet
 *
 * Does what shuati_library_add_imported() does without blocking: the id
 * is chosen (and a replaced deck moved to removed/) at once, the file is
 * written in a worker thread, and the deck joins the library on the main
 * context just before @callback runs. Until then its id counts as taken,
 * so another add meanwhile cannot pick it and
 * %SHUATI_LIBRARY_ADD_FAIL_IF_EXISTS fails on it. A deck it replaces
 * stays in the library and on disk until the new file is written, and
 * then goes to removed/, from where shuati_library_undo_remove() brings
 * it back. A failed or cancelled write (G_IO_ERROR_NO_SPACE on a full
 * disk) changes nothing, in the library or in the folder, and frees the
 * id.
 */
void
shuati_library_add_imported_async (ShuatiLibrary        *self,
                                   ShuatiImportResult   *result,
                                   ShuatiLibraryAddMode  mode,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) write = NULL;
  AddData *add;
  GError *error = NULL;

  g_return_if_fail (SHUATI_IS_LIBRARY (self));
  g_return_if_fail (SHUATI_IS_IMPORT_RESULT (result));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_library_add_imported_async);
  /* A deck whose file got written is in the library: say so even if
   * @cancellable was cancelled too late to stop the write. */
  g_task_set_check_cancellable (task, FALSE);

  add = begin_add (self, result, mode, &error);
  if (add == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_hash_table_add (self->pending, g_strdup (add->id));

  /* The write's own task ends on this context, in add_written(), which
   * puts the deck in the library before @task reports; it too goes by
   * what the worker did, not by whether @cancellable fired since. */
  write = g_task_new (self, cancellable, add_written, g_steal_pointer (&task));
  g_task_set_source_tag (write, shuati_library_add_imported_async);
  g_task_set_check_cancellable (write, FALSE);
  g_task_set_task_data (write, add, (GDestroyNotify)add_data_free);
  g_task_run_in_thread (write, add_thread);
}

/**
 * shuati_library_add_imported_finish:
 *
 * Returns: (transfer full) (nullable): the deck as added, now in the
 *   library, whose id may differ from the imported one (see
 *   #ShuatiLibraryAddMode), or %NULL with @error set
 */
ShuatiDeck *
shuati_library_add_imported_finish (ShuatiLibrary  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == shuati_library_add_imported_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * shuati_library_remove:
 *
 * Takes a user deck out of the library and moves its file to "removed/"
 * in the decks folder; shuati_library_undo_remove() brings it back. A
 * built-in deck cannot be removed (%SHUATI_LIBRARY_ERROR_BUILTIN).
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
shuati_library_remove (ShuatiLibrary  *self,
                       const char     *deck_id,
                       GError        **error)
{
  g_autoptr(GFile) removed_to = NULL;
  Entry *entry;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (deck_id != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_id, deck_id);
  if (entry == NULL)
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_NOT_FOUND,
                   _("No deck has the id “%s”"), deck_id);
      return FALSE;
    }
  if (entry->file == NULL)
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN,
                   _("The built-in deck cannot be removed"));
      return FALSE;
    }

  removed_to = put_in_removed (self->decks_dir, entry->file, deck_id, FALSE, error);
  if (removed_to == NULL)
    return FALSE;

  remove_entry (self, entry, removed_to);
  g_signal_emit (self, signals[DECK_CHANGED], 0, deck_id, NULL);
  return TRUE;
}

/**
 * shuati_library_undo_remove:
 *
 * Puts back the deck with @deck_id that shuati_library_remove() (or a
 * replacing import) took out last.
 *
 * Returns: (transfer none) (nullable): the deck, or %NULL with @error set
 */
ShuatiDeck *
shuati_library_undo_remove (ShuatiLibrary  *self,
                            const char     *deck_id,
                            GError        **error)
{
  g_autoptr(ShuatiDeck) deck = NULL;
  g_autoptr(GFile) target = NULL;
  GFile *removed;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  removed = g_hash_table_lookup (self->removed, deck_id);
  if (removed == NULL)
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_NOTHING_TO_UNDO,
                   _("No removal of the deck “%s” to undo"), deck_id);
      return NULL;
    }
  if (!id_is_free (self, deck_id))
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS,
                   _("The library already has a deck with the id “%s”"), deck_id);
      return NULL;
    }

  /* Read before it moves: a deck that does not load stays in removed/. */
  deck = shuati_deck_new_from_file (removed, NULL, error);
  if (deck == NULL)
    return NULL;

  target = deck_file (self, deck_id);
  if (!shuati_safe_file_rename (removed, target, error))
    return NULL;
  g_hash_table_remove (self->removed, deck_id);

  insert_entry (self, entry_new (g_object_ref (deck), g_steal_pointer (&target)));
  g_signal_emit (self, signals[DECK_CHANGED], 0, deck_id, deck);
  return deck;
}

/* Saving an edited deck ---------------------------------------------------- */

typedef struct
{
  ShuatiDeck *deck;
  GBytes     *bytes;
  GFile      *decks_dir;
  GFile      *file;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->deck);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_clear_object (&save->decks_dir);
  g_clear_object (&save->file);
  g_free (save);
}

static SaveData *
begin_save (ShuatiLibrary  *self,
            ShuatiDeck     *deck,
            GBytes         *bytes,
            GError        **error)
{
  const char *id = shuati_deck_get_id (deck);
  Entry *entry = g_hash_table_lookup (self->by_id, id);
  SaveData *save;

  if (shuati_library_is_builtin (self, id))
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_BUILTIN,
                   _("The built-in deck cannot be changed; copy it to your decks first"));
      return NULL;
    }
  if (entry == NULL && !id_is_free (self, id))
    {
      g_set_error (error, SHUATI_LIBRARY_ERROR, SHUATI_LIBRARY_ERROR_EXISTS,
                   _("The library already has a deck with the id “%s”"), id);
      return NULL;
    }

  save = g_new0 (SaveData, 1);
  save->deck = g_object_ref (deck);
  save->bytes = bytes != NULL ? g_bytes_ref (bytes)
                              : shuati_export_to_bytes (deck, SHUATI_EXPORT_FORMAT_DECK, NULL, NULL);
  save->decks_dir = g_object_ref (self->decks_dir);
  save->file = entry != NULL && entry->file != NULL ? g_object_ref (entry->file) : deck_file (self, id);
  return save;
}

static gboolean
write_save (SaveData      *save,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *data;
  gsize length;

  if (!shuati_safe_file_make_dir (save->decks_dir, error))
    return FALSE;
  data = g_bytes_get_data (save->bytes, &length);
  return shuati_safe_file_write (save->file, data, length, cancellable, error);
}

/* The saved deck takes its old self's place in the list, or joins it. */
static void
end_save (ShuatiLibrary *self,
          SaveData      *save)
{
  Entry *entry = g_hash_table_lookup (self->by_id, shuati_deck_get_id (save->deck));
  guint position = 0;

  if (entry == NULL)
    {
      insert_entry (self, entry_new (g_object_ref (save->deck), g_object_ref (save->file)));
      g_signal_emit (self, signals[DECK_CHANGED], 0, shuati_deck_get_id (save->deck), save->deck);
      return;
    }

  g_ptr_array_find (self->entries, entry, &position);
  g_set_object (&entry->deck, save->deck);
  g_hash_table_replace (self->by_id, (char *)shuati_deck_get_id (entry->deck), entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  g_signal_emit (self, signals[DECK_CHANGED], 0, shuati_deck_get_id (save->deck), save->deck);
}

/**
 * shuati_library_save_deck:
 * @deck: a changed user deck (see #ShuatiDeckEdit), or a new one
 * @bytes: (nullable): @deck in the deck format, if the caller has it
 *
 * Writes @deck over its file, all or nothing (a temporary file, synced,
 * then renamed: killed at any moment, the folder holds the old deck or
 * the new one), and puts it in the library in place of the deck with its
 * id, or adds it. Blocks: the interface uses
 * shuati_library_save_deck_async(). A built-in deck cannot be saved
 * (%SHUATI_LIBRARY_ERROR_BUILTIN).
 *
 * Returns: %TRUE, or %FALSE with @error set and nothing changed
 */
gboolean
shuati_library_save_deck (ShuatiLibrary  *self,
                          ShuatiDeck     *deck,
                          GBytes         *bytes,
                          GError        **error)
{
  SaveData *save;
  gboolean ok;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (SHUATI_IS_DECK (deck), FALSE);

  save = begin_save (self, deck, bytes, error);
  if (save == NULL)
    return FALSE;
  ok = write_save (save, NULL, error);
  if (ok)
    end_save (self, save);
  save_data_free (save);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_save (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_written (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ShuatiLibrary *self = SHUATI_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_hash_table_remove (self->pending, shuati_deck_get_id (save->deck));
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      end_save (self, save);
      g_task_return_pointer (task, g_object_ref (save->deck), g_object_unref);
    }
  else
    g_task_return_error (task, error);
}

/**
 * shuati_library_save_deck_async:
 * @bytes: (nullable): @deck in the deck format, if the caller has it
 *
 * Does what shuati_library_save_deck() does, writing in a worker thread;
 * the deck takes its place in the library on the main context just
 * before @callback runs.
 */
void
shuati_library_save_deck_async (ShuatiLibrary       *self,
                                ShuatiDeck          *deck,
                                GBytes              *bytes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) write = NULL;
  GError *error = NULL;
  SaveData *save;

  g_return_if_fail (SHUATI_IS_LIBRARY (self));
  g_return_if_fail (SHUATI_IS_DECK (deck));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shuati_library_save_deck_async);
  g_task_set_check_cancellable (task, FALSE);

  save = begin_save (self, deck, bytes, &error);
  if (save == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_hash_table_add (self->pending, g_strdup (shuati_deck_get_id (deck)));
  write = g_task_new (self, cancellable, save_written, g_steal_pointer (&task));
  g_task_set_source_tag (write, shuati_library_save_deck_async);
  g_task_set_check_cancellable (write, FALSE);
  g_task_set_task_data (write, save, save_data_free);
  g_task_run_in_thread (write, save_thread);
}

/**
 * shuati_library_save_deck_finish:
 *
 * Returns: (transfer full) (nullable): the deck saved, now in the
 *   library, or %NULL with @error set
 */
ShuatiDeck *
shuati_library_save_deck_finish (ShuatiLibrary  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * shuati_library_dup_free_id:
 * @base: a valid deck id
 *
 * Returns: (transfer full): @base, or "@base-2", "@base-3"…, the first
 *   that no deck, add in progress or file in the decks folder has
 */
char *
shuati_library_dup_free_id (ShuatiLibrary *self,
                            const char    *base)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (SHUATI_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (shuati_deck_id_is_valid (base), NULL);

  id = g_strdup (base);
  for (guint n = 2; !id_is_free (self, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%.190s-%u", base, n);
    }
  return g_steal_pointer (&id);
}
