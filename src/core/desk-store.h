/* desk-store.h — the SQLite database of one coordinator (or one secretariat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "desk-kind.h"
#include "desk-record.h"

G_BEGIN_DECLS

#define DESK_SCHEMA_VERSION 9

#define DESK_TYPE_STORE (desk_store_get_type ())

G_DECLARE_FINAL_TYPE (DeskStore, desk_store, DESK, STORE, GObject)

/* Opens or creates the database at @path (its folder is created), migrating it to the
 * current schema; NULL or ":memory:" opens a private in-memory database. Only a regular
 * file is opened; an SQLite file of another program is refused without a byte written. */
DeskStore   *desk_store_open              (const char     *path,
                                           GError        **error);
/* Opens an existing database for reading only, for a file or folder that cannot be
 * written: nothing is created, migrated or written, and every write fails with
 * DESK_ERROR_READ_ONLY. A database that needs an upgrade is refused (DESK_ERROR_READ_ONLY),
 * a missing one too (DESK_ERROR_NOT_FOUND). */
DeskStore   *desk_store_open_read_only    (const char     *path,
                                           GError        **error);
gboolean     desk_store_is_read_only      (DeskStore      *self);
/* The path the app uses when none is given: $GROUPDESK_DB, else
 * g_get_user_data_dir()/APPLICATION_ID/groupdesk.db. */
char        *desk_store_default_path      (void);

const char  *desk_store_get_path          (DeskStore      *self);
int          desk_store_get_schema_version (DeskStore     *self);

/* The clock. Tests inject a fixed time; NULL goes back to the real one. */
void         desk_store_set_now           (DeskStore      *self,
                                           GDateTime      *now);
GDateTime   *desk_store_dup_now           (DeskStore      *self);
char        *desk_store_dup_today         (DeskStore      *self);
char        *desk_store_dup_timestamp     (DeskStore      *self);

/* Transactions nest: the outermost one is BEGIN IMMEDIATE … COMMIT, inner ones are
 * savepoints, so a caller can group several writes into one. */
gboolean     desk_store_begin             (DeskStore      *self,
                                           GError        **error);
gboolean     desk_store_commit            (DeskStore      *self,
                                           GError        **error);
void         desk_store_rollback          (DeskStore      *self);

/* A consistent copy of the whole database, through SQLite's backup API. */
gboolean     desk_store_backup            (DeskStore      *self,
                                           const char     *path,
                                           GError        **error);
/* integrity_check and foreign_key_check: problems gets one sentence per problem found. */
gboolean     desk_store_check             (DeskStore      *self,
                                           GPtrArray     **problems,
                                           GError        **error);

/* Records of every kind. A write validates the record first (nothing invalid reaches the
 * database), then runs in one transaction; insert gives the record a UUID if it has
 * none and stamps its updated time. */
gboolean     desk_store_validate          (DeskStore      *self,
                                           DeskRecord     *record,
                                           char          **bad_field,
                                           GError        **error);
gboolean     desk_store_insert            (DeskStore      *self,
                                           DeskRecord     *record,
                                           GError        **error);
gboolean     desk_store_update            (DeskStore      *self,
                                           DeskRecord     *record,
                                           GError        **error);
gboolean     desk_store_delete            (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid,
                                           GError        **error);
DeskRecord  *desk_store_get               (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid,
                                           GError        **error);
/* All records of @kind, of one group or (NULL) of all groups, in the kind's order. */
GPtrArray   *desk_store_list              (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *group_uuid,
                                           GError        **error);
/* The records of @kind whose @field equals @value (a REF or a CHOICE). */
GPtrArray   *desk_store_list_by           (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *field,
                                           const char     *value,
                                           GError        **error);
gint64       desk_store_count             (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *group_uuid);

/* Records of @group_uuid written (added or changed) after @since, an ISO 8601 UTC
 * timestamp, and those deleted after it (tombstones): what a new export would carry. */
gboolean     desk_store_count_changes     (DeskStore      *self,
                                           const char     *group_uuid,
                                           const char     *since,
                                           gint64         *changed,
                                           gint64         *deleted,
                                           GError        **error);

/* Emits ::changed for a record that another connection to the same file (a worker
 * thread's) wrote and committed, so that what shows this store's records reads it. */
void         desk_store_announce_change   (DeskStore      *self,
                                           const DeskKind *kind,
                                           const char     *uuid);

/* The group a coordinator's database is about: the first one that did not arrive in a
 * bundle (else the only group, imported), or NULL when empty, a secretariat's database,
 * or several groups all imported. */
DeskRecord  *desk_store_dup_main_group    (DeskStore      *self);

G_END_DECLS
