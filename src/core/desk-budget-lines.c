/* desk-budget-lines.c — one budget line's total and its revisions, and the figures read
 * off a summary's rows (budget, variance, shares)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget"

#include "config.h"

#include "desk-budget.h"
#include "desk-budget-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-money-private.h"
#include "desk-reference.h"
#include "desk-store-private.h"

#include <string.h>

/* How a message names a budget line: its description, else (a line written by another
 * program may have none) its UUID. */
const char *
_desk_budget_line_label (const char *description,
                         const char *uuid)
{
  if (description != NULL && description[0] != '\0')
    return description;

  return uuid != NULL ? uuid : "";
}

/* The sentence for a line whose total (quantity × unit cost) is too large to count;
 * @revised_on: the date of the revision it comes from, NULL for the original. */
char *
_desk_budget_line_total_problem (const char *description,
                                 const char *uuid,
                                 const char *revised_on)
{
  if (revised_on == NULL)
    return g_strdup_printf (_("The total of budget line “%s” (quantity × unit cost) is more than "
                              "Groupdesk can count. Check its quantity and unit cost."),
                            _desk_budget_line_label (description, uuid));

  return g_strdup_printf (_("The total of budget line “%s” as revised on %s (quantity × unit "
                            "cost) is more than Groupdesk can count. Check the revision's "
                            "quantity and unit cost."),
                          _desk_budget_line_label (description, uuid), revised_on);
}

gboolean
_desk_budget_latest_revision (DeskStore  *store,
                              const char *line_uuid,
                              gint64     *quantity,
                              gint64     *unit_cost,
                              char      **revised_on)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT quantity_milli, unit_cost_minor, revised_on "
                                            "FROM budget_revisions WHERE budget_line_uuid = ?1 "
                                            "ORDER BY revised_on DESC, rowid DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, line_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *quantity = sqlite3_column_int64 (stmt, 0);
      *unit_cost = sqlite3_column_int64 (stmt, 1);
      if (revised_on != NULL)
        *revised_on = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
desk_budget_line_total (DeskStore         *store,
                        DeskRecord        *line,
                        DeskBudgetVersion  version,
                        gint64            *out_minor,
                        GError           **error)
{
  gint64 quantity = desk_record_get_int (line, "quantity_milli");
  gint64 unit_cost = desk_record_get_int (line, "unit_cost_minor");
  g_autofree char *revised_on = NULL;
  Wide total;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (line), FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (version == DESK_BUDGET_REVISED && desk_record_get_uuid (line) != NULL)
    _desk_budget_latest_revision (store, desk_record_get_uuid (line), &quantity, &unit_cost, &revised_on);

  total = line_product (quantity, unit_cost);
  if (!countable (total))
    {
      g_autofree char *message = NULL;

      message = _desk_budget_line_total_problem (desk_record_get_narrative (line, "description",
                                                               desk_locale_language (), NULL),
                                    desk_record_get_uuid (line), revised_on);
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID, message);
      return FALSE;
    }

  *out_minor = (gint64) total;
  return TRUE;
}

gboolean
desk_budget_line_revise (DeskStore   *store,
                         const char  *line_uuid,
                         gint64       quantity_milli,
                         gint64       unit_cost_minor,
                         const char  *revised_on,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(DeskRecord) revision = desk_record_new (DESK_KIND_BUDGET_REVISION);
  gint64 total;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (!desk_money_multiply (quantity_milli, unit_cost_minor, &total, error))
    return FALSE;

  desk_record_set_string (revision, "budget_line_uuid", line_uuid);
  desk_record_set_int (revision, "quantity_milli", quantity_milli);
  desk_record_set_int (revision, "unit_cost_minor", unit_cost_minor);
  desk_record_set_string (revision, "revised_on", revised_on);
  desk_record_set_string (revision, "reason", reason);

  return desk_store_insert (store, revision, error);
}

gint64
desk_budget_row_budget (const DeskBudgetRow *row,
                        DeskBudgetVersion    version)
{
  return version == DESK_BUDGET_ORIGINAL ? row->original : row->revised;
}

/* The figures of a summary's rows lie within ±DESK_MONEY_MAX_SUM, so their difference
 * fits an int64. */
gint64
desk_budget_row_variance (const DeskBudgetRow *row,
                          DeskBudgetVersion    version)
{
  return desk_budget_row_budget (row, version) - row->spent;
}

/* @part / @whole in thousandths, rounded; FALSE when @whole is zero or the share does not
 * fit an int (kept clear of INT_MIN, whose abs() overflows). */
static gboolean
permille (Wide    part,
          gint64  whole,
          int    *out)
{
  Wide share;

  if (whole == 0)
    return FALSE;

  share = round_div (part * 1000, whole);
  if (share > G_MAXINT || share < -G_MAXINT)
    return FALSE;

  *out = (int) share;
  return TRUE;
}

gboolean
desk_budget_row_variance_permille (const DeskBudgetRow *row,
                                   DeskBudgetVersion    version,
                                   int                 *out)
{
  gint64 budget = desk_budget_row_budget (row, version);

  return permille ((Wide) budget - row->spent, budget, out);
}

gboolean
desk_budget_row_burn_permille (const DeskBudgetRow *row,
                               DeskBudgetVersion    version,
                               int                 *out)
{
  return permille (row->spent, desk_budget_row_budget (row, version), out);
}

gboolean
desk_budget_row_is_over (const DeskBudgetRow *row,
                         DeskBudgetVersion    version)
{
  return row->spent > desk_budget_row_budget (row, version);
}
