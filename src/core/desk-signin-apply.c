/* desk-signin-apply.c — writing a sign-in sheet's plan into the workshop's attendance list
 *
 * Each row the plan kept becomes a person (found again when the name matches, created
 * otherwise) and an attendance record, all in one transaction, and through the history
 * when there is one, as one step that Ctrl+Z undoes. Reading the sheet and making the
 * plan is desk-signin.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-signin"

#include "config.h"

#include "desk-signin.h"
#include "desk-signin-private.h"

#include "desk-error.h"
#include "desk-history.h"
#include "desk-i18n.h"
#include "desk-people.h"
#include "desk-progress.h"
#include "desk-store-private.h"

/* A write of the import: through @history when there is one, so that it can be undone. */
static gboolean
write_record (DeskStore    *store,
              DeskHistory  *history,
              DeskRecord   *record,
              gboolean      is_new,
              GError      **error)
{
  if (history != NULL)
    return is_new ? desk_history_insert (history, record, error)
                  : desk_history_update (history, record, error);

  return is_new ? desk_store_insert (store, record, error) : desk_store_update (store, record, error);
}

static gboolean
apply_row (DeskStore        *store,
           DeskHistory      *history,
           DeskSigninPlan   *plan,
           const char       *workshop_uuid,
           DeskSigninRow    *row,
           DeskSigninResult *result,
           GError          **error)
{
  g_autoptr(DeskRecord) person = NULL;
  g_autofree char *attendance_uuid = NULL;
  g_autofree char *status = NULL;

  /* Looked up again: the database may have changed since the plan was made. */
  person = desk_store_find_person (store, plan->group_uuid, row->name, row->organisation);
  if (person != NULL)
    result->people_matched++;
  else
    {
      person = _desk_signin_row_to_person (row, plan->group_uuid);
      if (!write_record (store, history, person, TRUE, error))
        return FALSE;
      result->people_added++;
    }

  attendance_uuid = _desk_signin_dup_attendance (store, workshop_uuid, desk_record_get_uuid (person), &status);
  if (attendance_uuid == NULL)
    {
      g_autoptr(DeskRecord) attendance = desk_record_new (DESK_KIND_ATTENDANCE);

      desk_record_set_group (attendance, plan->group_uuid);
      desk_record_set_string (attendance, "workshop_uuid", workshop_uuid);
      desk_record_set_string (attendance, "person_uuid", desk_record_get_uuid (person));
      desk_record_set_string (attendance, "role", row->role);
      desk_record_set_string (attendance, "status", "attended");
      if (!write_record (store, history, attendance, TRUE, error))
        return FALSE;
      result->attendance_added++;
    }
  else if (g_strcmp0 (status, "attended") != 0)
    {
      g_autoptr(DeskRecord) attendance = desk_store_get (store, DESK_KIND_ATTENDANCE,
                                                         attendance_uuid, error);

      if (attendance == NULL)
        return FALSE;
      desk_record_set_string (attendance, "status", "attended");
      if (!g_str_equal (row->role, "participant"))
        desk_record_set_string (attendance, "role", row->role);
      if (!write_record (store, history, attendance, FALSE, error))
        return FALSE;
      result->attendance_marked++;
    }
  else
    result->skipped++;

  return TRUE;
}

/* The whole import in one transaction: a group of @history when there is one. A row at
 * a time is counted on @progress; once it is cancelled, everything is rolled back. */
static gboolean
apply_plan (DeskStore        *store,
            DeskHistory      *history,
            DeskSigninPlan   *plan,
            const char       *workshop_uuid,
            DeskSigninResult *result,
            DeskProgress     *progress,
            GError          **error)
{
  DeskSigninResult counts = { 0 };
  gboolean begun;

  if (plan->problem != NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID, "%s", plan->problem);
      return FALSE;
    }

  if (history != NULL)
    /* Translators: the name of one step of the undo history (Ctrl+Z). */
    begun = desk_history_begin_group (history, _("Imported a sign-in sheet"), error);
  else
    begun = desk_store_begin (store, error);
  if (!begun)
    return FALSE;

  desk_progress_stage (progress, plan->rows->len, 0.0, 1.0);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      DeskSigninRow *row = g_ptr_array_index (plan->rows, i);
      g_autoptr(GError) local = NULL;

      if (!desk_progress_step (progress, error))
        {
          if (history != NULL)
            desk_history_cancel_group (history);
          else
            desk_store_rollback (store);
          return FALSE;
        }
      if (row->fate == DESK_SIGNIN_ROW_ERROR)
        {
          counts.errors++;
          continue;
        }
      if (row->fate == DESK_SIGNIN_ROW_REPEAT)
        {
          counts.skipped++;
          continue;
        }

      if (!apply_row (store, history, plan, workshop_uuid, row, &counts, &local))
        {
          if (history != NULL)
            desk_history_cancel_group (history);
          else
            desk_store_rollback (store);
          g_set_error (error, DESK_ERROR,
                       local->domain == DESK_ERROR ? local->code : DESK_ERROR_FAILED,
                       _("Line %u: %s Nothing was imported: correct the sheet or the "
                         "workshop and import it again."), row->line, local->message);
          return FALSE;
        }
    }

  /* The last moment a Cancel can still leave the database as it was. */
  if (!desk_progress_check (progress, error))
    {
      if (history != NULL)
        desk_history_cancel_group (history);
      else
        desk_store_rollback (store);
      return FALSE;
    }
  if (history != NULL ? !desk_history_end_group (history, error) : !desk_store_commit (store, error))
    return FALSE;
  desk_progress_report (progress, 1.0);

  if (result != NULL)
    *result = counts;

  return TRUE;
}

gboolean
desk_signin_apply (DeskStore        *store,
                   DeskSigninPlan   *plan,
                   const char       *workshop_uuid,
                   DeskSigninResult *result,
                   GError          **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  return desk_signin_apply_full (store, NULL, plan, workshop_uuid, result, NULL, NULL, NULL, error);
}

gboolean
desk_signin_apply_with_history (DeskHistory      *history,
                                DeskSigninPlan   *plan,
                                const char       *workshop_uuid,
                                DeskSigninResult *result,
                                GError          **error)
{
  g_return_val_if_fail (DESK_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  return desk_signin_apply_full (desk_history_get_store (history), history, plan, workshop_uuid,
                                 result, NULL, NULL, NULL, error);
}

gboolean
desk_signin_apply_full (DeskStore         *store,
                        DeskHistory       *history,
                        DeskSigninPlan    *plan,
                        const char        *workshop_uuid,
                        DeskSigninResult  *result,
                        GCancellable      *cancellable,
                        DeskProgressFunc   progress_func,
                        gpointer           progress_data,
                        GError           **error)
{
  DeskProgress progress;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (history == NULL || desk_history_get_store (history) == store, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  desk_progress_init (&progress, cancellable, progress_func, progress_data);

  return apply_plan (store, history, plan, workshop_uuid, result, &progress, error);
}
