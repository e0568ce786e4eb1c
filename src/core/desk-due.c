/* desk-due.c — deliverables due soon and overdue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-due"

#include "config.h"

#include "desk-due.h"

#include "desk-date.h"
#include "desk-workplan.h"

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  DeskRecord *x = *(DeskRecord **) a;
  DeskRecord *y = *(DeskRecord **) b;
  int c = g_strcmp0 (desk_record_get_string (x, "due_date"), desk_record_get_string (y, "due_date"));

  /* The same day: a stable order, so that the list does not change between reads. */
  return c != 0 ? c : g_strcmp0 (desk_record_get_uuid (x), desk_record_get_uuid (y));
}

static gboolean
is_open (DeskRecord *deliverable)
{
  const char *status = desk_record_get_string (deliverable, "status");

  return desk_record_get_string (deliverable, "due_date") != NULL &&
         g_strcmp0 (status, "delivered") != 0 && g_strcmp0 (status, "accepted") != 0;
}

DeskDeliverablesDue *
desk_deliverables_due (DeskStore  *store,
                       const char *group_uuid)
{
  g_autoptr(GPtrArray) deliverables = NULL;
  DeskDeliverablesDue *due;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  due = g_new0 (DeskDeliverablesDue, 1);
  due->today = desk_store_dup_today (store);
  due->until = desk_date_add_days (due->today, DESK_DUE_SOON_DAYS);
  due->overdue = g_ptr_array_new_with_free_func (g_object_unref);
  due->due_soon = g_ptr_array_new_with_free_func (g_object_unref);

  deliverables = desk_store_list (store, DESK_KIND_DELIVERABLE, group_uuid, NULL);
  for (guint i = 0; deliverables != NULL && i < deliverables->len; i++)
    {
      DeskRecord *d = g_ptr_array_index (deliverables, i);
      const char *date = desk_record_get_string (d, "due_date");

      if (!is_open (d))
        continue;
      if (desk_deliverable_is_overdue (d, due->today))
        g_ptr_array_add (due->overdue, g_object_ref (d));
      else if (g_strcmp0 (date, due->today) >= 0 && g_strcmp0 (date, due->until) <= 0)
        g_ptr_array_add (due->due_soon, g_object_ref (d));
    }
  g_ptr_array_sort (due->overdue, compare_due);
  g_ptr_array_sort (due->due_soon, compare_due);

  return due;
}

void
desk_deliverables_due_free (DeskDeliverablesDue *due)
{
  if (due == NULL)
    return;

  g_free (due->today);
  g_free (due->until);
  g_ptr_array_unref (due->overdue);
  g_ptr_array_unref (due->due_soon);
  g_free (due);
}
