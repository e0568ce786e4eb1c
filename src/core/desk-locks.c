/* desk-locks.c — locked periods: which lock holds a record, and unlocking it
 *
 * The rules are desk-locks.h's. A record is held by a lock when one of its states (as
 * stored, or as it is about to be written) falls under it, and `unlocks` has no row for
 * (record, lock). The store's write path asks on every update and delete, so a check
 * costs one query on `exports` (a group has a few rows; the UNIQUE (group_uuid, sequence)
 * index finds them) and, only when a lock applies, one on `unlocks` by its primary key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-locks"

#include "config.h"

#include <string.h>

#include "desk-changes-private.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

void
desk_lock_free (DeskLock *lock)
{
  if (lock == NULL)
    return;

  g_free (lock->uuid);
  g_free (lock->group_uuid);
  g_free (lock->period_start);
  g_free (lock->period_end);
  g_free (lock->locked_on);
  g_free (lock);
}

/* What puts a record of a kind under a lock */

/* The date field that puts a record of @kind under an export's period, or NULL when
 * exports do not lock that kind (or, for attendance, when the date is its workshop's). */
static const char *
period_field (const DeskKind *kind)
{
  if (kind == DESK_KIND_EXPENSE || kind == DESK_KIND_FUNDING)
    return "date";
  if (kind == DESK_KIND_BUDGET_REVISION)
    return "revised_on";
  if (kind == DESK_KIND_WORKSHOP)
    return "start_date";
  if (kind == DESK_KIND_INDICATOR_VALUE)
    return "period_end";
  if (kind == DESK_KIND_DELIVERABLE)
    return "delivered_on";

  return NULL;
}

static gboolean
is_locked_status (const char *status)
{
  return g_strcmp0 (status, "approved") == 0 || g_strcmp0 (status, "closed") == 0;
}

/* The day that puts @record (an attendance) under an export: its workshop's start. */
static char *
dup_workshop_start (DeskStore   *store,
                    DeskRecord  *record,
                    GError     **error)
{
  const char *workshop = desk_record_get_string (record, "workshop_uuid");
  sqlite3_stmt *stmt;
  char *start = NULL;
  int rc;

  if (workshop == NULL)
    return NULL;
  stmt = _desk_store_prepare (store, "SELECT start_date FROM workshops WHERE uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workshop, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    start = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _desk_store_set_error (store, rc, error);
  sqlite3_reset (stmt);

  return start;
}

/* The day of @record that exports lock by (NULL: none). FALSE on a database error. */
static gboolean
dup_locking_day (DeskStore   *store,
                 DeskRecord  *record,
                 char       **day,
                 GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const char *field = period_field (kind);
  g_autoptr(GError) local_error = NULL;

  *day = NULL;
  if (field != NULL)
    {
      *day = g_strdup (desk_record_get_string (record, field));
      return TRUE;
    }
  if (kind != DESK_KIND_ATTENDANCE)
    return TRUE;

  *day = dup_workshop_start (store, record, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The approved (or closed) workplan that holds a budget line: its UUID, or NULL. */
static gboolean
dup_line_workplan_lock (DeskStore   *store,
                        DeskRecord  *line,
                        char       **lock,
                        GError     **error)
{
  const char *workplan = desk_record_get_string (line, "workplan_uuid");
  sqlite3_stmt *stmt;
  int rc;

  *lock = NULL;
  if (workplan == NULL)
    return TRUE;
  stmt = _desk_store_prepare (store, "SELECT status FROM workplans WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workplan, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && is_locked_status ((const char *) sqlite3_column_text (stmt, 0)))
    *lock = g_strdup (workplan);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Whether two states of a record differ in any field but those of @free (NULL-terminated). */
static gboolean
differs_beyond (const DeskKind    *kind,
                DeskRecord        *a,
                DeskRecord        *b,
                const char *const *free)
{
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      gboolean set = desk_record_index_is_set (a, i);

      if (free != NULL && g_strv_contains (free, f->name))
        continue;
      if (set != desk_record_index_is_set (b, i))
        return TRUE;
      if (!set)
        continue;
      if (desk_field_type_is_set (f->type))
        {
          if (!g_strv_equal (desk_record_index_get_set (a, i), desk_record_index_get_set (b, i)))
            return TRUE;
        }
      else if (desk_field_type_is_text (f->type))
        {
          if (g_strcmp0 (desk_record_index_get_string (a, i), desk_record_index_get_string (b, i)) != 0)
            return TRUE;
        }
      else if (desk_record_index_get_int (a, i) != desk_record_index_get_int (b, i))
        return TRUE;
    }

  return FALSE;
}

/* A workplan's own lock. Approving a draft is not a change to what was approved, and
 * neither is closing an approved workplan or writing down its endorsement: only the
 * state before the write counts, and those changes are free. */
static const char *
workplan_lock (DeskRecord *before,
               DeskRecord *after)
{
  static const char *const free_fields[] = {
    "status", "endorsed_on", "endorsed_meeting", "endorsed_chair", NULL
  };

  if (before == NULL || !is_locked_status (desk_record_get_string (before, "status")))
    return NULL;
  if (after != NULL && is_locked_status (desk_record_get_string (after, "status")) &&
      !differs_beyond (DESK_KIND_WORKPLAN, before, after, free_fields))
    return NULL;

  return desk_record_get_uuid (before);
}

/* The exports of @group whose period holds @day_a or @day_b (either may be NULL), newest
 * first, appended to @locks (UUIDs). */
static gboolean
add_export_locks (DeskStore   *store,
                  const char  *group,
                  const char  *day_a,
                  const char  *day_b,
                  GPtrArray   *locks,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (group == NULL || (day_a == NULL && day_b == NULL))
    return TRUE;

  stmt = _desk_store_prepare (store,
                              "SELECT uuid FROM exports WHERE group_uuid = ?1 "
                              "AND ((period_start <= ?2 AND period_end >= ?2) "
                              "OR (period_start <= ?3 AND period_end >= ?3)) "
                              "ORDER BY sequence DESC",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day_a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day_b, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (locks, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
add_unique (GPtrArray  *locks,
            const char *uuid)
{
  if (uuid != NULL && !g_ptr_array_find_with_equal_func (locks, uuid, g_str_equal, NULL))
    g_ptr_array_add (locks, g_strdup (uuid));
}

/* Every lock that holds @before or @after (either may be NULL, not both), newest first:
 * the exports by their number, or the approved workplan. */
static GPtrArray *
collect_locks (DeskStore       *store,
               const DeskKind  *kind,
               DeskRecord      *before,
               DeskRecord      *after,
               GError         **error)
{
  g_autoptr(GPtrArray) locks = g_ptr_array_new_with_free_func (g_free);

  if (kind == DESK_KIND_WORKPLAN)
    add_unique (locks, workplan_lock (before, after));
  else if (kind == DESK_KIND_BUDGET_LINE)
    {
      DeskRecord *states[] = { before, after };

      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        {
          g_autofree char *lock = NULL;

          if (states[i] == NULL)
            continue;
          if (!dup_line_workplan_lock (store, states[i], &lock, error))
            return NULL;
          add_unique (locks, lock);
        }
    }
  else if (period_field (kind) != NULL || kind == DESK_KIND_ATTENDANCE)
    {
      g_autofree char *day_before = NULL;
      g_autofree char *day_after = NULL;
      const char *group;

      if ((before != NULL && !dup_locking_day (store, before, &day_before, error)) ||
          (after != NULL && !dup_locking_day (store, after, &day_after, error)))
        return NULL;
      group = before != NULL ? desk_record_get_group (before) : NULL;
      if (group == NULL && after != NULL)
        group = desk_record_get_group (after);
      if (!add_export_locks (store, group, day_before, day_after, locks, error))
        return NULL;
    }

  return g_steal_pointer (&locks);
}

/* Removes from @locks those @record_uuid was unlocked for, keeping the others' order. */
static gboolean
drop_unlocked (DeskStore   *store,
               const char  *record_uuid,
               GPtrArray   *locks,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (locks->len == 0)
    return TRUE;

  stmt = _desk_store_prepare (store, "SELECT lock_uuid FROM unlocks WHERE record_uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *lock = (const char *) sqlite3_column_text (stmt, 0);
      guint index;

      if (g_ptr_array_find_with_equal_func (locks, lock, g_str_equal, &index))
        g_ptr_array_remove_index (locks, index);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* When @record_uuid was added through core (its insert in the change history), or NULL:
 * before the history began, imported, or never stored. */
static char *
dup_inserted_at (DeskStore   *store,
                 const char  *record_uuid,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  char *at = NULL;
  int rc;

  stmt = _desk_store_prepare (store,
                              "SELECT at FROM changes WHERE record_uuid = ?1 AND action = 'insert' "
                              "ORDER BY id DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _desk_store_set_error (store, rc, error);
  sqlite3_reset (stmt);

  return at;
}

/* When the lock @uuid was made: the export's time, or the workplan's day of approval
 * (NULL when unknown). */
static char *
dup_locked_since (DeskStore  *store,
                  const char *uuid)
{
  sqlite3_stmt *stmt;
  char *since = NULL;

  stmt = _desk_store_prepare (store,
                              "SELECT created FROM exports WHERE uuid = ?1 "
                              "UNION ALL SELECT approved_on FROM workplans WHERE uuid = ?1",
                              NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    since = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return since;
}

/* Removes from @locks those made before @record_uuid was added: a bundle locks what it
 * reported and an approval what was approved, so a record added later (an amendment all
 * the same) can be filled in, as the editors do after adding it, without a reason. */
static gboolean
drop_made_before (DeskStore   *store,
                  const char  *record_uuid,
                  GPtrArray   *locks,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *at = NULL;

  if (locks->len == 0)
    return TRUE;
  at = dup_inserted_at (store, record_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (at == NULL)
    return TRUE;

  for (guint i = locks->len; i > 0; i--)
    {
      const char *lock = g_ptr_array_index (locks, i - 1);
      g_autofree char *since = NULL;
      gboolean later;

      /* A workplan added as approved is approved all the same. */
      if (g_str_equal (lock, record_uuid))
        continue;
      since = dup_locked_since (store, lock);
      if (since == NULL)
        continue;
      /* An approval has a day only, on the coordinator's calendar: the record's time (UTC)
       * is taken to that calendar's day, and a record added that same day counts as
       * approved. */
      if (strlen (since) == strlen ("YYYY-MM-DD"))
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
          g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d")
                                               : g_strndup (at, strlen ("YYYY-MM-DD"));

          later = strcmp (day, since) > 0;
        }
      else
        later = strcmp (at, since) > 0;
      if (later)
        g_ptr_array_remove_index (locks, i - 1);
    }

  return TRUE;
}

/* The store's write path (desk-changes-private.h) */

gboolean
_desk_locks_check (DeskStore      *store,
                   const DeskKind *kind,
                   DeskRecord     *before,
                   DeskRecord     *after,
                   char          **lock_uuid,
                   gboolean       *held,
                   GError        **error)
{
  g_autoptr(GPtrArray) locks = NULL;
  g_autofree char *newest = NULL;
  DeskRecord *record = before != NULL ? before : after;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (lock_uuid != NULL && held != NULL, FALSE);

  *lock_uuid = NULL;
  *held = FALSE;
  if (record == NULL)
    return TRUE;
  /* A write that changes no field changes nothing that was reported. */
  if (before != NULL && after != NULL && !differs_beyond (kind, before, after, NULL))
    return TRUE;

  locks = collect_locks (store, kind, before, after, error);
  if (locks == NULL)
    return FALSE;
  if (locks->len == 0)
    return TRUE;

  /* Adding a record is never refused; the lock still says that it amends a period. */
  if (before == NULL)
    {
      *lock_uuid = g_strdup (g_ptr_array_index (locks, 0));
      return TRUE;
    }

  newest = g_strdup (g_ptr_array_index (locks, 0));
  if (!drop_unlocked (store, desk_record_get_uuid (record), locks, error) ||
      !drop_made_before (store, desk_record_get_uuid (record), locks, error))
    return FALSE;
  if (locks->len > 0)
    {
      *lock_uuid = g_strdup (g_ptr_array_index (locks, 0));
      *held = TRUE;
    }
  else
    /* Unlocked for every lock that holds it: still an amendment of the newest. */
    *lock_uuid = g_steal_pointer (&newest);

  return TRUE;
}

gboolean
_desk_locks_unlock (DeskStore      *store,
                    const DeskKind *kind,
                    DeskRecord     *before,
                    DeskRecord     *after,
                    gint64          change_id,
                    GError        **error)
{
  g_autoptr(GPtrArray) locks = NULL;
  DeskRecord *record = before != NULL ? before : after;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (record == NULL)
    return TRUE;
  locks = collect_locks (store, kind, before, after, error);
  if (locks == NULL)
    return FALSE;

  for (guint i = 0; i < locks->len; i++)
    {
      int rc;

      stmt = _desk_store_prepare (store,
                                  "INSERT OR IGNORE INTO unlocks (record_uuid, lock_uuid, change_id) "
                                  "VALUES (?1, ?2, ?3)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, desk_record_get_uuid (record), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (locks, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, change_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (store, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reading locks */

static DeskLock *
export_lock_from_row (sqlite3_stmt *stmt)
{
  DeskLock *lock = g_new0 (DeskLock, 1);

  lock->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  lock->kind = DESK_KIND_EXPORT;
  lock->group_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  lock->sequence = sqlite3_column_int64 (stmt, 2);
  lock->period_start = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  lock->period_end = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  lock->locked_on = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  lock->n_unlocked = sqlite3_column_int64 (stmt, 6);

  return lock;
}

static DeskLock *
workplan_lock_from_row (sqlite3_stmt *stmt)
{
  DeskLock *lock = g_new0 (DeskLock, 1);

  lock->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  lock->kind = DESK_KIND_WORKPLAN;
  lock->group_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  lock->sequence = 0;
  lock->period_start = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  lock->period_end = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  lock->locked_on = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  lock->n_unlocked = sqlite3_column_int64 (stmt, 5);

  return lock;
}

#define EXPORT_LOCK_COLUMNS \
  "e.uuid, e.group_uuid, e.sequence, e.period_start, e.period_end, e.created, " \
  "(SELECT count(*) FROM unlocks u WHERE u.lock_uuid = e.uuid)"
#define WORKPLAN_LOCK_COLUMNS \
  "w.uuid, w.group_uuid, w.period_start, w.period_end, w.approved_on, " \
  "(SELECT count(*) FROM unlocks u WHERE u.lock_uuid = w.uuid)"

/* Reads every row of @stmt (bound, reset by the caller) through @from_row into @locks. */
static gboolean
read_locks (DeskStore     *store,
            sqlite3_stmt  *stmt,
            DeskLock     *(*from_row) (sqlite3_stmt *stmt),
            GPtrArray     *locks,
            GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (locks, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The lock @uuid (an export's or a workplan's, approved or not: the caller knows), or
 * NULL with no error when there is none. */
static DeskLock *
get_lock (DeskStore   *store,
          const char  *uuid,
          GError     **error)
{
  g_autoptr(GPtrArray) locks = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_lock_free);
  sqlite3_stmt *stmt;

  stmt = _desk_store_prepare (store, "SELECT " EXPORT_LOCK_COLUMNS " FROM exports e WHERE e.uuid = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!read_locks (store, stmt, export_lock_from_row, locks, error))
    return NULL;

  if (locks->len == 0)
    {
      stmt = _desk_store_prepare (store, "SELECT " WORKPLAN_LOCK_COLUMNS " FROM workplans w WHERE w.uuid = ?1",
                                  error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (!read_locks (store, stmt, workplan_lock_from_row, locks, error))
        return NULL;
    }

  return locks->len > 0 ? g_ptr_array_steal_index (locks, 0) : NULL;
}

DeskLock *
desk_store_find_lock (DeskStore      *store,
                      const DeskKind *kind,
                      const char     *uuid,
                      GError        **error)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autoptr(GError) local_error = NULL;
  DeskLock *lock;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL && uuid != NULL, NULL);

  record = desk_store_get (store, kind, uuid, error);
  if (record == NULL)
    return NULL;

  /* As the record stands: a workplan is held by its own approval. */
  locks = collect_locks (store, kind, record, kind == DESK_KIND_WORKPLAN ? NULL : record, error);
  if (locks == NULL || !drop_unlocked (store, uuid, locks, error) ||
      !drop_made_before (store, uuid, locks, error) || locks->len == 0)
    return NULL;

  lock = get_lock (store, g_ptr_array_index (locks, 0), &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return lock;
}

GPtrArray *
desk_store_list_locks (DeskStore   *store,
                       const char  *group_uuid,
                       GError     **error)
{
  g_autoptr(GPtrArray) locks = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_lock_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  stmt = _desk_store_prepare (store,
                              "SELECT " EXPORT_LOCK_COLUMNS " FROM exports e "
                              "WHERE ?1 IS NULL OR e.group_uuid = ?1 "
                              "ORDER BY e.created DESC, e.sequence DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  if (!read_locks (store, stmt, export_lock_from_row, locks, error))
    return NULL;

  stmt = _desk_store_prepare (store,
                              "SELECT " WORKPLAN_LOCK_COLUMNS " FROM workplans w "
                              "WHERE (?1 IS NULL OR w.group_uuid = ?1) "
                              "AND w.status IN ('approved', 'closed') "
                              "ORDER BY w.period_start DESC, w.uuid",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group_uuid, -1, SQLITE_TRANSIENT);
  if (!read_locks (store, stmt, workplan_lock_from_row, locks, error))
    return NULL;

  return g_steal_pointer (&locks);
}

/* The day of @timestamp (UTC, ISO 8601) where the coordinator is, formatted. */
static char *
format_day (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;

  /* A bare date (a workplan's approved_on) is formatted as it is. */
  return desk_date_format (day != NULL ? day : timestamp);
}

char *
desk_lock_describe (DeskStore      *store,
                    const DeskLock *lock)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (lock != NULL, NULL);

  if (lock->kind == DESK_KIND_WORKPLAN)
    {
      g_autoptr(DeskRecord) workplan = desk_store_get (store, DESK_KIND_WORKPLAN, lock->uuid, NULL);
      const char *title = workplan != NULL ? desk_record_title (workplan, "title", NULL) : "";

      /* Translators: names a lock, inside a sentence; %s is the workplan's title. */
      return g_strdup_printf (_("the approved workplan “%s”"), title);
    }
  else
    {
      g_autofree char *period = desk_date_format_period (lock->period_start, lock->period_end);
      g_autofree char *day = format_day (lock->locked_on);

      /* Translators: names a lock, inside a sentence: "the bundle No. 3 for 1 Jan 2026 –
       * 30 Jun 2026, exported on 2 Jul 2026". */
      return g_strdup_printf (_("the bundle No. %lld for %s, exported on %s"),
                              (long long) lock->sequence, period, day);
    }
}

void
_desk_locks_set_reported_error (DeskStore      *store,
                                const DeskKind *kind,
                                const char     *lock_uuid,
                                GError        **error)
{
  g_autoptr(DeskLock) lock = lock_uuid != NULL ? get_lock (store, lock_uuid, NULL) : NULL;
  g_autofree char *named = lock != NULL ? desk_lock_describe (store, lock) : NULL;

  if (lock == NULL)
    g_set_error (error, DESK_ERROR, DESK_ERROR_REPORTED,
                 /* Translators: %s is a kind of record, such as “expense”. */
                 _("This %s was reported to the secretariat. Give a reason to change it: the "
                   "change will go to the secretariat with your reason."),
                 _(kind->label));
  else if (lock->kind == DESK_KIND_EXPORT)
    g_set_error (error, DESK_ERROR, DESK_ERROR_REPORTED,
                 /* Translators: the first %s is a kind of record (“expense”), the second
                  * names the bundle: “the bundle No. 3 for 1 Jan 2026 – 30 Jun 2026,
                  * exported on 2 Jul 2026”. */
                 _("This %s was reported in %s. Give a reason to change it: the change will "
                   "go to the secretariat with your reason."),
                 _(kind->label), named);
  else if (kind == DESK_KIND_WORKPLAN)
    g_set_error (error, DESK_ERROR, DESK_ERROR_REPORTED,
                 _("This workplan is approved. Give a reason to change it: the change will go "
                   "to the secretariat with your reason."));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_REPORTED,
                 /* Translators: the first %s is a kind of record (“budget line”), the
                  * second names the workplan: “the approved workplan “Workplan 2026””. */
                 _("This %s belongs to %s, whose budget changes through revisions. Add a "
                   "revision, or give a reason to change it: the change will go to the "
                   "secretariat with your reason."),
                 _(kind->label), named);
}
