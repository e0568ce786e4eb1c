/* desk-store-backup.c — copies of the database and its checks
 *
 * A backup is SQLite's backup API stepped with a short sleep, so that a writer elsewhere
 * is waited for within the same limit as every other wait and a stuck copy gives up with
 * the "try again" sentence. `check` runs SQLite's integrity and foreign-key checks and
 * ours (identifiers that are not lower case, or that name records of two kinds).
 * Restoring, which replaces the store's pages, stays in desk-store.c beside opening.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"
#include "desk-changes-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"

int
_desk_store_backup_run (sqlite3_backup *backup)
{
  gint64 deadline = g_get_monotonic_time () + DESK_BUSY_TIMEOUT_MS * (gint64) 1000;
  int rc;

  /* The busy handler serves a backup only once (its count is never reset between
   * steps), so stepping again at once would spin at full speed for as long as another
   * program holds the lock. Wait in short sleeps instead, then give up like any other
   * statement. */
  for (;;)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      if (g_get_monotonic_time () >= deadline)
        break;
      sqlite3_sleep (50);
    }

  return rc;
}

/* Pages copied between two looks at the progress: 1 MiB of 4 KiB pages, a few
 * milliseconds of copying. */
#define STEP_PAGES 256

/* As _desk_store_backup_run, STEP_PAGES at a time: how far after each step, and
 * SQLITE_INTERRUPT once @progress is cancelled. Each step reads a snapshot of its own; a
 * write by another connection in between makes SQLite start the copy again, so the copy
 * is always of one state. */
static int
backup_run_in_steps (sqlite3_backup *backup,
                     DeskProgress   *progress)
{
  gint64 deadline = g_get_monotonic_time () + DESK_BUSY_TIMEOUT_MS * (gint64) 1000;
  int rc;

  for (;;)
    {
      if (desk_progress_cancelled (progress, NULL))
        return SQLITE_INTERRUPT;
      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if (rc == SQLITE_OK)
        {
          int total = sqlite3_backup_pagecount (backup);

          if (total > 0)
            desk_progress_report (progress, (double) (total - sqlite3_backup_remaining (backup)) / total);
          deadline = g_get_monotonic_time () + DESK_BUSY_TIMEOUT_MS * (gint64) 1000;
          continue;
        }
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      if (g_get_monotonic_time () >= deadline)
        break;
      sqlite3_sleep (50);
    }

  return rc;
}

/* Copies the database into the empty file @tmp_path, which the caller made. */
static int
copy_into (DeskStore    *self,
           const char   *tmp_path,
           DeskProgress *progress)
{
  g_autofree char *name = _desk_store_sqlite_name (tmp_path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (name, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
                        SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, DESK_BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", _desk_store_get_db (self), "main");
      if (backup != NULL)
        {
          int finished;

          rc = progress != NULL ? backup_run_in_steps (backup, progress)
                                : _desk_store_backup_run (backup);
          finished = sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = finished;
        }
      else
        rc = sqlite3_extended_errcode (dest);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  return rc;
}

static void
set_backup_error (DeskStore   *self,
                  const char  *path,
                  int          rc,
                  GError     **error)
{
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    _desk_store_set_error (self, rc, error);
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                 _("The backup %s could not be written. Check that the folder is writable "
                   "and the disk has space."), path);
}

gboolean
_desk_store_backup_internal (DeskStore   *self,
                             const char  *path,
                             GError     **error)
{
  return _desk_store_backup_internal_full (self, path, NULL, error);
}

gboolean
_desk_store_backup_internal_full (DeskStore    *self,
                                  const char   *path,
                                  DeskProgress *progress,
                                  GError      **error)
{
  g_autofree char *tmp_path = NULL;
  int fd;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!_desk_store_ensure_folder (path, error))
    return FALSE;

  /* Written beside the target under a name of its own and renamed at the end, so a
   * backup that fails half-way never takes the place of a good file, and two processes
   * backing up at once never write into the same file. */
  tmp_path = g_strconcat (path, ".partial-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup %s could not be written: %s. Check that the folder is "
                     "writable and the disk has space."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = copy_into (self, tmp_path, progress);
  if (rc != SQLITE_OK)
    {
      g_unlink (tmp_path);
      if (!desk_progress_cancelled (progress, error))
        set_backup_error (self, path, rc, error);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The backup %s could not be written: %s. Check that the folder is "
                     "writable and the disk has space."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_store_backup (DeskStore   *self,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *tmp_path = NULL;
  int fd;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A copy the user names must never land on an open database, its companions or its
   * backups, nor on a device or a pipe. */
  if (!desk_file_check_output (path, error) || !_desk_store_ensure_folder (path, error))
    return FALSE;

  fd = desk_file_create_temp_beside (path, 0644, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  rc = copy_into (self, tmp_path, NULL);
  if (rc != SQLITE_OK)
    {
      g_unlink (tmp_path);
      set_backup_error (self, path, rc, error);
      return FALSE;
    }

  return desk_file_commit_temp (tmp_path, path, error);
}

/* Identifiers are written in lower case and name one record of one kind in the whole
 * database: an import from before these rules, or another program, may have broken
 * either, and "check" must say so. */
static gboolean
check_identifiers (DeskStore  *self,
                   GPtrArray  *found,
                   GError    **error)
{
  const DeskKind *const *kinds = desk_kind_all ();
  g_autoptr(GString) sql = g_string_new ("SELECT uuid, kind FROM (");
  sqlite3_stmt *stmt = NULL;
  guint reported = 0;
  int rc;

  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (sql, "%sSELECT uuid, '%s' AS kind FROM %s", i > 0 ? " UNION ALL " : "",
                            kinds[i]->name, kinds[i]->table);
  /* Upper case anywhere, or one identifier under two kinds. */
  g_string_append (sql, ") GROUP BY lower (uuid) HAVING count (*) > 1 OR max (uuid != lower (uuid))"
                        " ORDER BY 1");

  rc = sqlite3_prepare_v2 (_desk_store_get_db (self), sql->str, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

      if (reported++ < 20)
        g_ptr_array_add (found,
                         g_strdup_printf (_("The identifier %s is written in capitals or names "
                                            "more than one record. Restore the database from "
                                            "a backup made before the import that brought it."),
                                          uuid));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_store_check (DeskStore   *self,
                  GPtrArray  **problems,
                  GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (_desk_store_get_db (self), "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        g_ptr_array_add (found, g_strdup_printf (_("Integrity: %s"), text));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (_desk_store_get_db (self), "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found,
                       g_strdup_printf (_("Table %s, row %lld refers to a missing record in %s."),
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (long long) sqlite3_column_int64 (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!check_identifiers (self, found, error) ||
      !_desk_changes_check (self, found, error))
    return FALSE;

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}

