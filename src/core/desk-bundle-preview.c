/* desk-bundle-preview.c — what an export would hold, before it is written
 *
 * The checks of an export's request (the group, the period), the group's previous bundle
 * in its chain, the suggested file name, and the preview the export dialog shows: the
 * records of each kind, and the problems to fix first. The writer (desk-bundle.c) asks
 * the same questions through desk-bundle-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-private.h"
#include "desk-bundle-write-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-secretariat.h"
#include "desk-store-private.h"

/* The newest bundle of @group that we wrote or imported: its sequence, UUID and file
 * digest. A database filled from an import continues the group's numbering. */
gboolean
_desk_bundle_find_previous (DeskStore  *store,
                            const char *group,
                            gint64     *sequence,
                            char      **uuid,
                            char      **sha256,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (store,
                              "SELECT sequence, uuid, sha256 FROM ("
                              " SELECT sequence, uuid, sha256 FROM exports WHERE group_uuid = ?1"
                              " UNION ALL"
                              " SELECT sequence, uuid, file_sha256 FROM imported_bundles"
                              " WHERE group_uuid = ?1)"
                              " ORDER BY sequence DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);

  *sequence = 0;
  *uuid = NULL;
  *sha256 = NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *sequence = sqlite3_column_int64 (stmt, 0);
      *uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_desk_bundle_check_request (DeskStore    *store,
                            const char   *group_uuid,
                            const char   *from,
                            const char   *to,
                            DeskRecord  **group,
                            GError      **error)
{
  if (!desk_date_is_valid (from) || !desk_date_is_valid (to))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period of the export needs a start and an end date written as "
                     "YYYY-MM-DD, for example 2026-01-01 and 2026-06-30."));
      return FALSE;
    }
  if (strcmp (to, from) < 0)
    {
      g_autofree char *to_text = desk_date_format (to);
      g_autofree char *from_text = desk_date_format (from);

      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The period of the export ends (%s) before it starts (%s). Make the "
                     "end the same day as the start or later."), to_text, from_text);
      return FALSE;
    }

  *group = group_uuid != NULL ? desk_store_get (store, DESK_KIND_GROUP, group_uuid, error) : NULL;
  if (*group == NULL)
    return FALSE;

  /* Another group's bundle numbers are that group's: one written here would stand in
   * its chain, and its next real bundle would arrive as a fork. */
  if (desk_store_group_is_read_only (store, group_uuid))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The group %s arrived in its own bundles, so only the group exports it. "
                     "Ask its coordinator for the next bundle."),
                   desk_record_get_string (*group, "code"));
      g_clear_object (group);
      return FALSE;
    }

  return TRUE;
}

char *
desk_bundle_suggest_name (DeskStore  *store,
                          const char *group_uuid,
                          const char *to)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sha = NULL;
  gint64 sequence = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  group = desk_store_get (store, DESK_KIND_GROUP, group_uuid, NULL);
  _desk_bundle_find_previous (store, group_uuid, &sequence, &uuid, &sha, NULL);

  return g_strdup_printf ("%s-%s-%" G_GINT64_FORMAT DESK_BUNDLE_SUFFIX,
                          group != NULL ? desk_record_get_string (group, "code") : "group",
                          to != NULL ? to : "", sequence + 1);
}

/* Preview */

static void
problem_free (gpointer data)
{
  DeskBundleProblem *problem = data;

  g_free (problem->uuid);
  g_free (problem->message);
  g_free (problem);
}

void
desk_bundle_preview_free (DeskBundlePreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->counts, g_array_unref);
  g_clear_pointer (&preview->problems, g_ptr_array_unref);
  g_free (preview);
}

static void
add_problem (GPtrArray  *problems,
             const char *kind,
             const char *uuid,
             char       *message)
{
  DeskBundleProblem *problem = g_new0 (DeskBundleProblem, 1);

  problem->kind = kind;
  problem->uuid = g_strdup (uuid);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gint64
count_sql (DeskStore   *store,
           const char  *sql,
           const char  *group,
           gint64       flag)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, flag);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

#define MAX_PROBLEMS 200

/* @sql prepared (cached by the store) with ?1 the group, ?2 and ?3 the period's first
 * and last days: how every check of the period asks. */
static sqlite3_stmt *
prepare_for_period (DeskStore   *store,
                    const char  *group,
                    const char  *from,
                    const char  *to,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);

  return stmt;
}

static gboolean
find_problems (DeskStore   *store,
               const char  *group,
               const char  *from,
               const char  *to,
               GPtrArray   *problems,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Expenses of the period in a currency with no rate in force on their date. */
  stmt = prepare_for_period (store, group, from, to,
                             "SELECT e.uuid, e.date, e.currency, e.amount_minor FROM expenses e"
                             " JOIN groups g ON g.uuid = e.group_uuid"
                             " WHERE e.group_uuid = ?1 AND e.date BETWEEN ?2 AND ?3"
                             " AND e.currency <> g.currency AND NOT EXISTS ("
                             "  SELECT 1 FROM exchange_rates r WHERE r.group_uuid = e.group_uuid"
                             "  AND r.currency = e.currency AND r.valid_from <= e.date)"
                             " ORDER BY e.date, e.uuid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && problems->len < MAX_PROBLEMS)
    {
      g_autofree char *day = desk_date_format ((const char *) sqlite3_column_text (stmt, 1));

      add_problem (problems, "expense", (const char *) sqlite3_column_text (stmt, 0),
                   g_strdup_printf (_("The expense of %s in %s has no exchange rate in force on "
                                      "that day. Add a rate for %s valid from %s or earlier."),
                                    day, (const char *) sqlite3_column_text (stmt, 2),
                                    (const char *) sqlite3_column_text (stmt, 2), day));
    }
  sqlite3_reset (stmt);

  /* Activities of a workplan that overlaps the period, with no dates at all. */
  stmt = prepare_for_period (store, group, from, to,
                             "SELECT a.uuid, a.code, coalesce (nullif (a.title_en, ''), a.title_zh)"
                             " FROM activities a JOIN workplans w ON w.uuid = a.workplan_uuid"
                             " WHERE a.group_uuid = ?1 AND w.period_start <= ?3"
                             " AND w.period_end >= ?2 AND a.planned_start IS NULL"
                             " AND a.actual_start IS NULL AND a.status <> 'cancelled'"
                             " ORDER BY a.code, a.uuid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && problems->len < MAX_PROBLEMS)
    add_problem (problems, "activity", (const char *) sqlite3_column_text (stmt, 0),
                 g_strdup_printf (_("The activity “%s %s” has no dates. Enter when it is "
                                    "planned to start and end."),
                                  (const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);

  /* Workshops that took place in the period with no one recorded as attending. */
  stmt = prepare_for_period (store, group, from, to,
                             "SELECT w.uuid, w.start_date, coalesce (nullif (w.title_en, ''), w.title_zh)"
                             " FROM workshops w WHERE w.group_uuid = ?1"
                             " AND w.start_date BETWEEN ?2 AND ?3"
                             " AND NOT EXISTS (SELECT 1 FROM attendance a"
                             "  WHERE a.workshop_uuid = w.uuid AND a.status = 'attended')"
                             " AND NOT EXISTS (SELECT 1 FROM workshop_counts c"
                             "  WHERE c.workshop_uuid = w.uuid)"
                             " ORDER BY w.start_date, w.uuid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && problems->len < MAX_PROBLEMS)
    {
      g_autofree char *day = desk_date_format ((const char *) sqlite3_column_text (stmt, 1));

      add_problem (problems, "workshop", (const char *) sqlite3_column_text (stmt, 0),
                   g_strdup_printf (_("The workshop “%s” of %s has no attendance. Record who "
                                      "came, or move its dates if it has not taken place yet."),
                                    (const char *) sqlite3_column_text (stmt, 2), day));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

DeskBundlePreview *
desk_bundle_preview (DeskStore    *store,
                     const char   *group_uuid,
                     const char   *from,
                     const char   *to,
                     DeskPrivacy   privacy,
                     GError      **error)
{
  g_autoptr(DeskBundlePreview) preview = g_new0 (DeskBundlePreview, 1);
  g_autoptr(DeskRecord) group = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sha = NULL;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  if (!_desk_bundle_check_request (store, group_uuid, from, to, &group, error) ||
      !_desk_bundle_find_previous (store, group_uuid, &preview->sequence, &uuid, &sha, error))
    return NULL;
  preview->sequence++;
  _desk_bundle_set_mapping (store, FALSE);

  preview->counts = g_array_new (FALSE, TRUE, sizeof (DeskBundleCount));
  preview->problems = g_ptr_array_new_with_free_func (problem_free);

  for (guint i = 0; i < N_COUNTS; i++)
    {
      DeskBundleCount count = { _desk_bundle_count_kind (i), _desk_bundle_count_label (i), 0 };

      if (i == COUNT_ATTENDANCE_COUNTS)
        count.count = count_sql (store, "SELECT count (DISTINCT w) FROM (" COUNTS_SQL ")",
                                 group_uuid, privacy == DESK_PRIVACY_AGGREGATE);
      else if (i == COUNT_TOMBSTONE)
        count.count = count_sql (store,
                                 "SELECT count (*) FROM tombstones WHERE group_uuid = ?1 "
                                 "AND kind NOT IN ('group', 'export') "
                                 "AND NOT (?2 AND kind IN ('person', 'attendance'))",
                                 group_uuid, privacy == DESK_PRIVACY_AGGREGATE);
      else if (i == COUNT_ATTACHMENT)
        {
          count.count = _desk_bundle_count_attachments (store, group_uuid, privacy, error);
          if (count.count < 0)
            {
              _desk_bundle_set_mapping (store, TRUE);
              return NULL;
            }
        }
      else if (_desk_bundle_kind_in_bundle (desk_kind_all ()[i], privacy))
        count.count = desk_store_count (store, desk_kind_all ()[i], group_uuid);
      g_array_append_val (preview->counts, count);
    }
  /* The changes to reported records that travel with it (format 3): not records, so
   * after them. */
  {
    DeskBundleCount count = { "amendment", _("Amendments"), 0 };

    count.count = _desk_bundle_count_amendments (store, group_uuid, privacy, error);
    if (count.count < 0)
      {
        _desk_bundle_set_mapping (store, TRUE);
        return NULL;
      }
    g_array_append_val (preview->counts, count);
  }

  ok = find_problems (store, group_uuid, from, to, preview->problems, error);
  _desk_bundle_set_mapping (store, TRUE);
  if (!ok)
    return NULL;

  return g_steal_pointer (&preview);
}
