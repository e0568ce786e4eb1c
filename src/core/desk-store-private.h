/* desk-store-private.h — what other core modules may reach of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "desk-store.h"

G_BEGIN_DECLS

sqlite3      *_desk_store_get_db          (DeskStore   *self);
/* A prepared statement kept for the life of the store; reset before it is returned. */
sqlite3_stmt *_desk_store_prepare         (DeskStore   *self,
                                           const char  *sql,
                                           GError     **error);
/* Turns the last SQLite failure into a DeskError. */
void          _desk_store_set_error       (DeskStore   *self,
                                           int          rc,
                                           GError     **error);
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

G_END_DECLS
