/* desk-backup.c
 *
 * File names carry what the list shows: "daily-2026-11-25.db",
 * "before-import-20261125T101500Z.db", so the folder explains itself to a person too.
 * Several taken in the same second are numbered on ("…T101500Z-2.db"); each name is
 * claimed with O_EXCL before the copy is written, so two processes never share one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-backup"

#include "config.h"

#include "desk-backup.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#define KEEP_DAILY 7
#define KEEP_BEFORE 5
/* A claimed name still empty, or a partial copy, this old belongs to a process that
 * died: it is cleared away when backups are pruned. */
#define STALE_SECONDS (60 * 60)

static const struct
{
  DeskBackupKind kind;
  const char *prefix;
  const char *label;
} kinds[] = {
  { DESK_BACKUP_DAILY, "daily-", N_("Daily") },
  { DESK_BACKUP_BEFORE_IMPORT, "before-import-", N_("Before an import") },
  { DESK_BACKUP_BEFORE_MIGRATION, "before-upgrade-", N_("Before an upgrade") },
  { DESK_BACKUP_BEFORE_RESTORE, "before-restore-", N_("Before a restore") },
  { DESK_BACKUP_MANUAL, "manual-", N_("Made by hand") },
};

void
desk_backup_info_free (DeskBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->taken);
  g_free (info);
}

const char *
desk_backup_kind_label (DeskBackupKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return _(kinds[i].label);

  return "";
}

char *
desk_backup_folder (DeskStore *store)
{
  const char *path;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  path = desk_store_get_path (store);
  if (path == NULL)
    return NULL;

  return g_strconcat (path, ".backups", NULL);
}

/* "daily-2026-11-25.db" → kind and "2026-11-25T00:00:00Z". */
static DeskBackupInfo *
parse_name (const char *folder,
            const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *rest;
      g_autofree char *stamp = NULL;
      DeskBackupInfo *info;
      GStatBuf st;

      if (!g_str_has_prefix (name, kinds[i].prefix) || !g_str_has_suffix (name, ".db"))
        continue;

      rest = name + strlen (kinds[i].prefix);
      stamp = g_strndup (rest, strlen (rest) - 3);

      info = g_new0 (DeskBackupInfo, 1);
      info->kind = kinds[i].kind;
      info->sequence = 1;
      if (strlen (stamp) > 17 && stamp[16] == '-')
        {
          info->sequence = (guint) g_ascii_strtoull (stamp + 17, NULL, 10);
          stamp[16] = '\0';
        }
      info->path = g_build_filename (folder, name, NULL);
      if (strlen (stamp) == 10)
        info->taken = g_strdup_printf ("%sT00:00:00Z", stamp);
      else if (strlen (stamp) == 16)
        info->taken = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", stamp, stamp + 4,
                                       stamp + 6, stamp + 9, stamp + 11, stamp + 13);
      else
        info->taken = g_strdup (stamp);
      if (g_stat (info->path, &st) == 0)
        info->size = st.st_size;

      /* An empty file is a name claimed by a backup still being written (or by one
       * that died): not a backup to list, count or restore. */
      if (info->size == 0)
        {
          desk_backup_info_free (info);
          return NULL;
        }

      return info;
    }

  return NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const DeskBackupInfo *x = *(DeskBackupInfo **) a;
  const DeskBackupInfo *y = *(DeskBackupInfo **) b;

  int order = g_strcmp0 (x->taken, y->taken);

  if (order == 0)
    return x->sequence > y->sequence ? -1 : x->sequence < y->sequence ? 1 : 0;

  return -order;
}

static GPtrArray *list_folder (const char *folder);

GPtrArray *
desk_backup_list (DeskStore *store)
{
  g_autofree char *folder = desk_backup_folder (store);

  return list_folder (folder);
}

GPtrArray *
desk_backup_list_for_path (const char *db_path)
{
  g_autofree char *folder = db_path != NULL ? g_strconcat (db_path, ".backups", NULL) : NULL;

  return list_folder (folder);
}

static GPtrArray *
list_folder (const char *folder)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_backup_info_free);
  GDir *dir;
  const char *name;

  if (folder == NULL || (dir = g_dir_open (folder, 0, NULL)) == NULL)
    return list;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      DeskBackupInfo *info = parse_name (folder, name);

      if (info != NULL)
        g_ptr_array_add (list, info);
    }
  g_dir_close (dir);

  g_ptr_array_sort (list, compare_newest_first);

  return list;
}

/* Clears what killed processes left behind: names claimed but never filled, and
 * partial copies, once they are old enough that no live process can be writing them. */
static void
remove_stale (const char *folder)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GDir *dir;
  const char *name;

  if (folder == NULL || (dir = g_dir_open (folder, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || now - st.st_mtime < STALE_SECONDS)
        continue;
      if (strstr (name, ".db.partial-") != NULL ||
          (st.st_size == 0 && g_str_has_suffix (name, ".db")))
        g_unlink (path);
    }
  g_dir_close (dir);
}

/* Removes the oldest backups of @kind beyond @keep. */
static void
prune (DeskStore      *store,
       DeskBackupKind  kind,
       guint           keep)
{
  g_autoptr(GPtrArray) list = desk_backup_list (store);
  g_autofree char *folder = desk_backup_folder (store);
  guint seen = 0;

  for (guint i = 0; i < list->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (list, i);

      if (info->kind != kind)
        continue;
      if (++seen > keep)
        g_unlink (info->path);
    }

  remove_stale (folder);
}

static const char *
prefix_of (DeskBackupKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].prefix;

  g_return_val_if_reached ("manual-");
}

/* Claims the first free name of PREFIX STAMP.db, PREFIX STAMP-2.db, … from number
 * @first on, by creating it empty with O_EXCL: another process backing up in the same
 * second gets the next one. The copy is then renamed over the empty file. */
static char *
claim_name (const char  *folder,
            const char  *prefix,
            const char  *stamp,
            guint        first,
            GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup folder %s cannot be written: %s. Check that it is writable "
                     "and the disk has space."), folder, g_strerror (saved_errno));
      return NULL;
    }

  for (guint n = MAX (first, 1); n < first + 10000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s%s.db", prefix, stamp)
                                     : g_strdup_printf ("%s%s-%u.db", prefix, stamp, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&path);
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("The backup folder %s cannot be written: %s. Check that it is "
                         "writable and the disk has space."), folder, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
               _("The backup folder %s cannot be written: %s. Check that it is writable "
                 "and the disk has space."), folder, g_strerror (EEXIST));
  return NULL;
}

char *
desk_backup_daily (DeskStore  *store,
                   GError    **error)
{
  g_autofree char *folder = desk_backup_folder (store);
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (folder == NULL)
    return NULL;

  today = desk_store_dup_today (store);
  name = g_strdup_printf ("daily-%s.db", today);
  path = g_build_filename (folder, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  /* Two windows started at once may both take it: each writes a whole copy of its own
   * and renames it into place, so the one that stays is whole either way. */
  if (!_desk_store_backup_internal (store, path, error))
    return NULL;

  prune (store, DESK_BACKUP_DAILY, KEEP_DAILY);

  return g_steal_pointer (&path);
}

char *
desk_backup_before (DeskStore       *store,
                    DeskBackupKind   kind,
                    GError         **error)
{
  return desk_backup_before_full (store, kind, NULL, NULL, NULL, error);
}

char *
desk_backup_before_full (DeskStore         *store,
                         DeskBackupKind     kind,
                         GCancellable      *cancellable,
                         DeskProgressFunc   progress_func,
                         gpointer           progress_data,
                         GError           **error)
{
  DeskProgress progress;
  g_autofree char *folder = desk_backup_folder (store);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;
  guint next = 1;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (folder == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("A database kept only in memory has no backup folder."));
      return NULL;
    }

  now = desk_store_dup_now (store);
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  /* Numbered after the last of the same second, so that the list's order (time, then
   * number) is the order they were taken in, even after older ones were pruned. */
  {
    g_autoptr(GPtrArray) list = desk_backup_list (store);
    g_autofree char *taken = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

    for (guint i = 0; i < list->len; i++)
      {
        DeskBackupInfo *info = g_ptr_array_index (list, i);

        if (info->kind == kind && g_strcmp0 (info->taken, taken) == 0)
          next = MAX (next, info->sequence + 1);
      }
  }

  desk_progress_init (&progress, cancellable, progress_func, progress_data);
  if (desk_progress_cancelled (&progress, error))
    return NULL;

  path = claim_name (folder, prefix_of (kind), stamp, next, error);
  if (path == NULL)
    return NULL;

  /* In steps only when someone listens or may cancel: otherwise one snapshot, one step. */
  if (!_desk_store_backup_internal_full (store, path,
                                         cancellable != NULL || progress_func != NULL
                                         ? &progress : NULL, error) ||
      /* The last look: after it the old backups are pruned, which cannot be undone. */
      desk_progress_cancelled (&progress, error))
    {
      g_unlink (path);
      return NULL;
    }

  prune (store, kind, kind == DESK_BACKUP_MANUAL ? G_MAXUINT : KEEP_BEFORE);

  return g_steal_pointer (&path);
}

/* Checks that @path is a Groupdesk database, sound, and not newer than this version. */
static sqlite3 *
open_backup (const char  *path,
             GError     **error)
{
  g_autofree char *name = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  DeskDbIdentity identity = DESK_DB_FOREIGN;
  int version = -1;
  int rc = SQLITE_OK;
  gboolean sound = FALSE;
  gint64 size = 0;
  int fd;

  /* Only a regular file: a FIFO would block SQLite for ever, a device is no backup. The
   * check opens it without blocking and looks at it with fstat before anything reads. */
  fd = desk_file_open_input (path, 0, &size, error);
  if (fd < 0)
    return NULL;
  close (fd);

  name = _desk_store_sqlite_name (path);
  if (sqlite3_open_v2 (name, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto not_a_backup;
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (db, DESK_BUSY_TIMEOUT_MS);

  if (!_desk_store_identify (db, &identity, &version, &rc))
    {
      if ((rc & 0xff) == SQLITE_CORRUPT)
        goto damaged;
      goto not_a_backup;
    }

  if (identity == DESK_DB_OWN && version > DESK_SCHEMA_VERSION)
    {
      sqlite3_close (db);
      g_set_error (error, DESK_ERROR, DESK_ERROR_TOO_NEW,
                   _("The backup %s was written by a newer version of Groupdesk. Update "
                     "Groupdesk to restore it."), path);
      return NULL;
    }
  /* Another program's database, or an empty one, would replace every record. */
  if ((identity != DESK_DB_OWN && identity != DESK_DB_OWN_LEGACY) || version < 1)
    goto not_a_backup;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!sound)
    goto damaged;

  return db;

damaged:
  sqlite3_close (db);
  g_set_error (error, DESK_ERROR, DESK_ERROR_CORRUPT,
               _("The backup %s is damaged. Choose another backup."), path);
  return NULL;

not_a_backup:
  sqlite3_close (db);
  g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
               _("The file %s is not a Groupdesk backup. Choose a backup from the list."),
               path);
  return NULL;
}

gboolean
desk_store_restore (DeskStore   *store,
                    const char  *backup_path,
                    GError     **error)
{
  return desk_store_restore_full (store, backup_path, NULL, NULL, NULL, error);
}

gboolean
desk_store_restore_full (DeskStore         *store,
                         const char        *backup_path,
                         GCancellable      *cancellable,
                         DeskProgressFunc   progress,
                         gpointer           progress_data,
                         GError           **error)
{
  g_autofree char *safety = NULL;
  sqlite3 *source;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  source = open_backup (backup_path, error);
  if (source == NULL)
    return FALSE;

  /* The current state first, so that a restore can itself be undone. The backup is
   * most of the time, and where it can be cancelled (leaving no backup of its own
   * behind); the replacement, one write, is too short to need it and cannot be stopped
   * half-way. */
  if (desk_store_get_path (store) != NULL)
    {
      safety = desk_backup_before_full (store, DESK_BACKUP_BEFORE_RESTORE, cancellable,
                                        progress, progress_data, error);
      if (safety == NULL)
        {
          sqlite3_close (source);
          return FALSE;
        }
    }

  if (!_desk_store_replace_from (store, source, error))
    {
      sqlite3_close (source);
      return FALSE;
    }

  sqlite3_close (source);

  return TRUE;
}

DeskBackupInfo *
desk_backup_latest_sound (const char *db_path)
{
  g_autoptr(GPtrArray) list = desk_backup_list_for_path (db_path);

  for (guint i = 0; i < list->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (list, i);
      sqlite3 *db = open_backup (info->path, NULL);

      if (db != NULL)
        {
          sqlite3_close (db);
          return g_ptr_array_steal_index (list, i);
        }
    }

  return NULL;
}

gboolean
desk_backup_replace_damaged (const char  *db_path,
                             const char  *backup_path,
                             GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target_name = NULL;
  sqlite3 *source;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  source = open_backup (backup_path, error);
  if (source == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (db_path, ".damaged-", stamp, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved = errno;

          sqlite3_close (source);
          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("The damaged database %s could not be moved aside: %s. Check that its "
                         "folder is writable."), db_path, g_strerror (saved));
          return FALSE;
        }
    }

  /* A consistent copy through SQLite, never a byte copy of a file that may be in use. */
  target_name = _desk_store_sqlite_name (db_path);
  rc = sqlite3_open_v2 (target_name, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (target, DESK_BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (target, "main", source, "main");
      rc = backup != NULL ? _desk_store_backup_run (backup) : sqlite3_errcode (target);
      if (backup != NULL)
        sqlite3_backup_finish (backup);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_close (target);
  sqlite3_close (source);

  if (rc != SQLITE_OK)
    {
      g_debug ("Copying the backup to %s failed: %s", db_path, sqlite3_errstr (rc));
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup could not be copied to %s. Check that its folder is writable "
                     "and the disk has space. The damaged file is still beside it, renamed."),
                   db_path);
      return FALSE;
    }

  return TRUE;
}
