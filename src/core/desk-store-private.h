/* desk-store-private.h — what other core modules may reach of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "desk-progress.h"
#include "desk-protect-private.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The store's state, for its own files (desk-store*.c) only. */
struct _DeskStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  GHashTable *codes;       /* "table\x1fcode" → GINT_TO_POINTER (1) */
  GHashTable *currencies;  /* code → minor units + 1 */
  GDateTime *now;
  int depth;
  GPtrArray *pending;      /* "kind\x1fuuid" changes to announce at the outer commit */
  GArray *marks;           /* pending->len at each open transaction or savepoint */
  gboolean read_only;      /* opened with desk_store_open_read_only */
  gboolean protected;      /* registered with _desk_file_protect */
  gboolean names_protected; /* the protection table has its row (desk-protect.c) */
  DeskKey *data_key;       /* while unlocked; sodium_malloc memory */
  GHashTable *opened;      /* UUID → the record's values opened so far (desk-protect.c) */
  gpointer people_index;   /* folded names → people, while unlocked (desk-protect.c) */
};

/* The application_id in the header of every Groupdesk database: "GDSK" in ASCII. It tells
 * our files from another program's SQLite files before anything is written to them. */
#define DESK_APPLICATION_ID 0x4744534B

/* How long a command waits for another program's write lock before it gives up. */
#define DESK_BUSY_TIMEOUT_MS 3000

typedef enum
{
  DESK_DB_NEW,         /* no schema at all, version 0: a database to create */
  DESK_DB_OWN,         /* carries DESK_APPLICATION_ID */
  DESK_DB_OWN_LEGACY,  /* from a Groupdesk before the id: no id, but exactly our schema */
  DESK_DB_FOREIGN,     /* anything else: never written to */
} DeskDbIdentity;

/* Reads @db's header fields and, for a file without our id, compares its tables and
 * columns with what our migrations create at its version. Only reads. FALSE with the
 * SQLite result code in @rc when a query fails. */
gboolean      _desk_store_identify        (sqlite3        *db,
                                           DeskDbIdentity *identity,
                                           int            *version,
                                           int            *rc);
/* The name to hand SQLite for the file @path. SQLite takes a name that starts with
 * "file:" for a URI (Debian builds it with SQLITE_USE_URI); every file name we are given
 * is a plain file name, so such a name is made explicitly relative ("./file:…"). */
char         *_desk_store_sqlite_name     (const char  *path);
/* Steps @backup to its end, waiting for a lock as long as other statements do (the busy
 * timeout) and no longer, without spinning. Returns SQLITE_DONE or the failure. */
int           _desk_store_backup_run      (sqlite3_backup *backup);
/* desk_store_backup without the output check: for Groupdesk's own backups, which live in
 * the places desk_file_check_output refuses to users. */
gboolean      _desk_store_backup_internal (DeskStore   *self,
                                           const char  *path,
                                           GError     **error);
/* The same, a few pages at a time, reporting to @progress and stopping when it is
 * cancelled (G_IO_ERROR_CANCELLED, no file left); @progress may be NULL. */
gboolean      _desk_store_backup_internal_full (DeskStore    *self,
                                                const char   *path,
                                                DeskProgress *progress,
                                                GError      **error);

sqlite3      *_desk_store_get_db          (DeskStore   *self);
/* A prepared statement kept for the life of the store; reset before it is returned. */
sqlite3_stmt *_desk_store_prepare         (DeskStore   *self,
                                           const char  *sql,
                                           GError     **error);
/* Turns the last SQLite failure into a DeskError. */
void          _desk_store_set_error       (DeskStore   *self,
                                           int          rc,
                                           GError     **error);
/* The same for a failed write of @record: a clash with a unique field names the kind,
 * the field and the value. */
void          _desk_store_set_record_error (DeskStore  *self,
                                            int         rc,
                                            DeskRecord *record,
                                            GError    **error);
/* For desk-store-records.c's writes, while an import is remembered
 * (_desk_store_remember_import): @record was written (an insert is remembered; an
 * update forgets what was known of it), or a delete took records along (everything is
 * forgotten). desk-store-import-memo.c. */
void          _desk_store_memo_written    (DeskStore   *self,
                                           DeskRecord  *record,
                                           gboolean     is_insert,
                                           gboolean     imported);
void          _desk_store_memo_forget_all (DeskStore   *self);
gboolean      _desk_store_exec            (DeskStore   *self,
                                           const char  *sql,
                                           GError     **error);
/* Reference data kept in memory: is @code one of @table's codes? */
gboolean      _desk_store_has_code        (DeskStore   *self,
                                           const char  *table,
                                           const char  *code);
int           _desk_store_currency_minor_units (DeskStore  *self,
                                                const char *code);
gboolean      _desk_store_record_exists   (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid,
                                           char          **group_uuid);
/* For the bundle import only, inside its one open transaction: validates and writes
 * @record as desk_store_insert (@is_insert) or desk_store_update would, but stamped with
 * @updated (the bundle's time) rather than the store's, through a statement built once
 * per shape, and without a savepoint of its own. A failure may leave part of the record
 * written: the caller must then roll its whole transaction back. */
gboolean      _desk_store_write_imported  (DeskStore   *self,
                                           DeskRecord  *record,
                                           gboolean     is_insert,
                                           const char  *updated,
                                           GError     **error);
/* For the bundle import, from just before its transaction begins (@on TRUE) to just
 * after it ends (@on FALSE): the store remembers the records the import inserts that
 * other records can refer to (so _desk_store_record_exists answers for them without a
 * query) and the parents validation reads (_desk_store_dup_parent). Only what was seen
 * is remembered, forgotten when written again or when anything is deleted, and all of
 * it forgotten when the import ends. */
void          _desk_store_remember_import (DeskStore      *self,
                                           gboolean        on);
/* desk_store_get (@kind, @uuid) without the error, for validation: while an import runs,
 * the same record it returned before, unless it was written since. The record may be
 * shared: read it, never change it. */
DeskRecord   *_desk_store_dup_parent      (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid);
void          _desk_store_emit_changed    (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid);

/* Shared by the migrations: load a reference TSV (code, en, zh_CN…) into its table. */
gboolean      _desk_store_load_reference  (DeskStore   *self,
                                           const char  *table,
                                           const char  *resource,
                                           GError     **error);

/* Replaces every page of the database with @source's, migrates the result to the
 * current schema and reloads the reference data (restore). */
gboolean      _desk_store_replace_from    (DeskStore   *self,
                                           sqlite3     *source,
                                           GError     **error);

/* The database's file name for messages (":memory:" for the tests' in-memory stores). */
const char   *_desk_store_display_path (DeskStore *self);

/* Creates the folder @path will be in, or says why it cannot. */
gboolean      _desk_store_ensure_folder (const char  *path,
                                         GError     **error);

/* Reads every code and currency into the store's caches. */
gboolean      _desk_store_load_reference_cache (DeskStore  *self,
                                                GError    **error);

/* Migration 1's data step: the reference lists into their tables. */
gboolean      _desk_store_migrate_1_reference  (DeskStore  *self,
                                                GError    **error);

G_END_DECLS
