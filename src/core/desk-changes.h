/* desk-changes.h — the change history: what was changed, when, by whom and why
 *
 * Every insert, update and delete made through core (desk_store_insert/_update/_delete,
 * and so DeskHistory's writes, undo and redo) appends to the `changes` table, in the
 * write's own transaction: one row per field whose value changed (an insert: each field
 * set; a delete: each field the record had), one row per record that went with a deleted
 * record (a cascade), and one row per imported bundle. Rows are never changed or
 * deleted; each carries the SHA-256 of the previous row's hash and its own columns, so
 * `desk_store_check` reports a row removed or edited in the middle.
 *
 * Values are kept as the database keeps them (dates ISO, money in minor units, codes,
 * UUIDs); desk_change_format_value makes them readable. The values of personal fields
 * (DESK_FIELD_SEALED) are sealed like the fields themselves where names are protected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_CHANGE_INSERT,
  DESK_CHANGE_UPDATE,
  DESK_CHANGE_DELETE,
  DESK_CHANGE_UNDO,   /* a write made by undo: its fields' old and new values */
  DESK_CHANGE_REDO,
  DESK_CHANGE_IMPORT, /* a bundle imported for the group: record_uuid is the group's */
} DeskChangeAction;

/* "insert", "update", "delete", "undo", "redo", "import": the JSON's and the table's. */
const char  *desk_change_action_to_string (DeskChangeAction action);
/* Translated, for a person: "Added", "Changed", "Deleted", "Undone", "Redone", "Imported". */
const char  *desk_change_action_label     (DeskChangeAction action);

typedef struct
{
  gint64            id;
  char             *at;          /* UTC, 2026-07-01T09:00:00Z */
  char             *who;
  DeskChangeAction  action;
  const DeskKind   *kind;        /* NULL for a kind this version does not know */
  char             *record_uuid;
  char             *group_uuid;
  char             *field;       /* NULL: the record as a whole (a cascade, an import) */
  char             *old_value;   /* as stored; NULL: unset */
  char             *new_value;
  char             *reason;      /* NULL: none given */
  char             *lock_uuid;   /* the lock that held the record (an amendment), or NULL */
  gboolean          names_locked; /* a personal field's values, unreadable while locked */
} DeskChange;

void         desk_change_free             (DeskChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskChange, desk_change_free)

/* The history of one record, newest first (DeskChange). */
GPtrArray   *desk_store_list_changes      (DeskStore      *store,
                                           const DeskKind *kind,
                                           const char     *uuid,
                                           GError        **error);

/* @value (change->old_value or ->new_value itself, not a copy: money is shown in the
 * currency before or after the change) as a person reads it, in the UI language:
 * a choice's or code's label, a date formatted, money with its currency (the record's,
 * as it was at the change), a referenced record's title, "Yes"/"No"; "—" for unset;
 * "Name locked" for a personal value that cannot be read. */
char        *desk_change_format_value     (DeskStore        *store,
                                           const DeskChange *change,
                                           const char       *value);

/* Writes that give a reason. A locked record (desk-locks.h) can only be changed or
 * deleted with one: the write then unlocks it (that record only) and the reason is kept
 * in its change history. A reason that is empty or only spaces is refused
 * (DESK_ERROR_INVALID). desk_store_update/_delete are these with no reason; on a locked
 * record they fail with DESK_ERROR_REPORTED, whose message names the lock and says to
 * give a reason. */
gboolean     desk_store_update_with_reason (DeskStore      *store,
                                            DeskRecord     *record,
                                            const char     *reason,
                                            GError        **error);
gboolean     desk_store_delete_with_reason (DeskStore      *store,
                                            const DeskKind *kind,
                                            const char     *uuid,
                                            const char     *reason,
                                            GError        **error);

/* Who the changes are by: the coordinator's name saved in the database (Preferences),
 * else the system user's full name, else their login name. */
char        *desk_store_dup_author        (DeskStore      *store);
/* The name saved, or NULL. Setting NULL or spaces clears it. */
char        *desk_store_dup_coordinator_name (DeskStore   *store);
gboolean     desk_store_set_coordinator_name (DeskStore   *store,
                                              const char  *name,
                                              GError     **error);

G_END_DECLS
