/* desk-backup.h — automatic backups a coordinator does not have to think about
 *
 * Backups live in a folder beside the database, "<database>.backups/": a daily copy at
 * the first start of each day (the last 7 kept), and a copy before every import,
 * migration and restore (the last 5 of each kind kept). Every copy is made with SQLite's
 * backup API, so it is consistent even while the app runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-progress.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_BACKUP_DAILY,
  DESK_BACKUP_BEFORE_IMPORT,
  DESK_BACKUP_BEFORE_MIGRATION,
  DESK_BACKUP_BEFORE_RESTORE,
  DESK_BACKUP_MANUAL,
} DeskBackupKind;

typedef struct
{
  char           *path;
  DeskBackupKind  kind;
  char           *taken;   /* "YYYY-MM-DDTHH:MM:SSZ" */
  gint64          size;
  guint           sequence; /* 1, or 2, 3 … for several taken in the same second */
} DeskBackupInfo;

void        desk_backup_info_free      (DeskBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBackupInfo, desk_backup_info_free)

/* "<database>.backups"; NULL for an in-memory store. */
char       *desk_backup_folder         (DeskStore      *store);
/* Takes today's daily backup unless there is one; keeps the last 7. Returns the new
 * backup's path, or NULL with no error when today's exists. */
char       *desk_backup_daily          (DeskStore      *store,
                                        GError        **error);
/* A backup before something that changes much at once; keeps the last 5 of its kind. */
char       *desk_backup_before         (DeskStore      *store,
                                        DeskBackupKind  kind,
                                        GError        **error);
/* The same, on a worker thread: @cancellable (may be NULL) stops it with
 * G_IO_ERROR_CANCELLED and no file left; @progress (may be NULL) hears how far. */
char       *desk_backup_before_full    (DeskStore         *store,
                                        DeskBackupKind     kind,
                                        GCancellable      *cancellable,
                                        DeskProgressFunc   progress,
                                        gpointer           progress_data,
                                        GError           **error);
/* The backups, newest first. */
GPtrArray  *desk_backup_list           (DeskStore      *store);
/* A translated name for the kind: "Daily", "Before an import" … */
const char *desk_backup_kind_label     (DeskBackupKind  kind);

/* For a database that cannot be opened: its backups, newest first, from the folder
 * beside @db_path; and the newest sound one (NULL when there is none). */
GPtrArray  *desk_backup_list_for_path  (const char     *db_path);
DeskBackupInfo *desk_backup_latest_sound (const char   *db_path);
/* Puts @backup_path in the place of the damaged database at @db_path, after checking
 * the backup. Nothing is deleted: the damaged file and its -wal and -shm are renamed
 * "<db_path>.damaged-YYYYMMDD-HHMMSS…" beside it. */
gboolean    desk_backup_replace_damaged (const char    *db_path,
                                         const char    *backup_path,
                                         GError       **error);

/* Replaces the database's content with @backup_path's, after checking that the backup
 * is a sound Groupdesk database this version can read, and after a backup of the
 * current state. All or nothing. */
gboolean    desk_store_restore         (DeskStore      *store,
                                        const char     *backup_path,
                                        GError        **error);
/* The same, on a worker thread: @cancellable stops it before the replacement (with
 * G_IO_ERROR_CANCELLED, the database and the backups as they were); @progress hears
 * how far the backup of the current state is. */
gboolean    desk_store_restore_full    (DeskStore         *store,
                                        const char        *backup_path,
                                        GCancellable      *cancellable,
                                        DeskProgressFunc   progress,
                                        gpointer           progress_data,
                                        GError           **error);

G_END_DECLS
