/* desk-payments.c — per-diem and transport payments of a workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-payments"

#include "config.h"

#include "desk-payments.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-kind.h"
#include "desk-money.h"
#include "desk-record.h"
#include "desk-store-private.h"

static const char *const categories[DESK_PAYMENT_N_KINDS] = { "per_diem", "travel" };

/* The reference that marks an expense as @person_code's payment at @workshop_uuid. */
static char *
payment_reference (const char *person_code,
                   const char *workshop_uuid)
{
  return g_strconcat (person_code, "/ws-", workshop_uuid, NULL);
}

static void
line_clear (DeskPaymentLine *line)
{
  g_clear_pointer (&line->line_uuid, g_free);
  g_clear_pointer (&line->currency, g_free);
}

void
desk_payments_free (DeskPayments *payments)
{
  if (payments == NULL)
    return;
  g_clear_pointer (&payments->people, g_ptr_array_unref);
  g_clear_pointer (&payments->paperwork, desk_paperwork_data_free);
  for (guint i = 0; i < DESK_PAYMENT_N_KINDS; i++)
    line_clear (&payments->lines[i]);
  g_free (payments->workshop_uuid);
  g_free (payments->date);
  g_free (payments);
}

/* The unit cost of @line as it stands: its newest revision's, else its own. */
static gboolean
line_unit_cost (DeskStore   *store,
                DeskRecord  *line,
                gint64      *unit_minor,
                GError     **error)
{
  g_autoptr(GPtrArray) revisions = desk_store_list_by (store, DESK_KIND_BUDGET_REVISION,
                                                       "budget_line_uuid",
                                                       desk_record_get_uuid (line), error);
  DeskRecord *newest = NULL;

  if (revisions == NULL)
    return FALSE;
  for (guint i = 0; i < revisions->len; i++)
    {
      DeskRecord *revision = g_ptr_array_index (revisions, i);

      if (newest == NULL ||
          g_strcmp0 (desk_record_get_string (revision, "revised_on"),
                     desk_record_get_string (newest, "revised_on")) >= 0)
        newest = revision;
    }
  *unit_minor = desk_record_get_int (newest != NULL ? newest : line, "unit_cost_minor");
  return TRUE;
}

/* The first line of each category in the budget of @workshop's activity, in the order
 * the budget lists them. */
static gboolean
find_lines (DeskStore        *store,
            DeskRecord       *workshop,
            DeskPaymentLine   lines[DESK_PAYMENT_N_KINDS],
            GError          **error)
{
  g_autoptr(GPtrArray) budget = desk_store_list_by (store, DESK_KIND_BUDGET_LINE, "activity_uuid",
                                                    desk_record_get_string (workshop, "activity_uuid"),
                                                    error);

  if (budget == NULL)
    return FALSE;
  for (guint i = 0; i < budget->len; i++)
    {
      DeskRecord *line = g_ptr_array_index (budget, i);
      const char *category = desk_record_get_string (line, "category");

      for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
        if (lines[k].line_uuid == NULL && g_strcmp0 (category, categories[k]) == 0)
          {
            if (!line_unit_cost (store, line, &lines[k].unit_minor, error))
              return FALSE;
            lines[k].line_uuid = g_strdup (desk_record_get_uuid (line));
            lines[k].currency = g_strdup (desk_record_get_string (line, "currency"));
            lines[k].minor_units = MAX (0, desk_currency_minor_units (store, lines[k].currency));
          }
    }

  if (lines[DESK_PAYMENT_PER_DIEM].line_uuid == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                           _("The activity of this workshop has no per-diem line in its budget, "
                             "so there is no amount to pay. Add a budget line of the category "
                             "“Per diem and accommodation” to the activity, then try again."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
multiply (DeskPaymentLine *line,
          guint            people,
          GError         **error)
{
  if (line->line_uuid == NULL)
    return TRUE;
  /* Bounded amounts (at most 10^15) times a list of people: refused, never wrapped. */
  if (line->unit_minor != 0 && (gint64) people > DESK_MONEY_MAX_SUM / line->unit_minor)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("The payments come to more than Groupdesk can count. Check the "
                             "unit cost of the workshop's per-diem and travel lines."));
      return FALSE;
    }
  line->total_minor = line->unit_minor * people;
  return TRUE;
}

static DeskRecord *
get_workshop (DeskStore   *store,
              const char  *workshop_uuid,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DeskRecord *workshop = desk_store_get (store, DESK_KIND_WORKSHOP, workshop_uuid, &local_error);

  if (workshop != NULL)
    return workshop;
  if (local_error != NULL && !g_error_matches (local_error, DESK_ERROR, DESK_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                 _("There is no workshop %s. Copy its identifier from the list of workshops."),
                 workshop_uuid);
  return NULL;
}

DeskPayments *
desk_payments_new (DeskStore   *store,
                   const char  *workshop_uuid,
                   GError     **error)
{
  g_autoptr(DeskPayments) payments = NULL;
  g_autoptr(DeskRecord) workshop = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);

  payments = g_new0 (DeskPayments, 1);
  payments->paperwork = desk_paperwork_data_new (store, workshop_uuid, error);
  if (payments->paperwork == NULL)
    return NULL;
  workshop = get_workshop (store, workshop_uuid, error);
  if (workshop == NULL || !find_lines (store, workshop, payments->lines, error))
    return NULL;
  payments->workshop_uuid = g_strdup (workshop_uuid);
  payments->date = g_strdup (desk_record_get_string (workshop, "start_date"));

  payments->people = g_ptr_array_new ();
  for (guint i = 0; i < payments->paperwork->people->len; i++)
    {
      DeskPaperworkPerson *person = g_ptr_array_index (payments->paperwork->people, i);

      if (g_strcmp0 (person->status, "attended") == 0)
        g_ptr_array_add (payments->people, person);
    }
  if (payments->people->len == 0)
    {
      payments->expected = TRUE;
      for (guint i = 0; i < payments->paperwork->people->len; i++)
        {
          DeskPaperworkPerson *person = g_ptr_array_index (payments->paperwork->people, i);

          if (g_strcmp0 (person->status, "registered") == 0 ||
              g_strcmp0 (person->status, "invited") == 0)
            g_ptr_array_add (payments->people, person);
        }
    }
  if (payments->people->len == 0)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Nobody is on the list of this workshop, so there is nobody to pay. "
                             "Add people to its list first."));
      return NULL;
    }

  for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
    if (!multiply (&payments->lines[k], payments->people->len, error))
      return NULL;

  return g_steal_pointer (&payments);
}

static char *
dup_total (DeskPaymentLine lines[DESK_PAYMENT_N_KINDS])
{
  DeskPaymentLine *per_diem = &lines[DESK_PAYMENT_PER_DIEM];
  DeskPaymentLine *travel = &lines[DESK_PAYMENT_TRAVEL];
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (travel->line_uuid == NULL)
    return desk_money_format (per_diem->total_minor, per_diem->currency, per_diem->minor_units);
  if (g_strcmp0 (travel->currency, per_diem->currency) == 0 &&
      per_diem->total_minor <= DESK_MONEY_MAX_SUM - travel->total_minor)
    return desk_money_format (per_diem->total_minor + travel->total_minor, per_diem->currency,
                              per_diem->minor_units);

  first = desk_money_format (per_diem->total_minor, per_diem->currency, per_diem->minor_units);
  second = desk_money_format (travel->total_minor, travel->currency, travel->minor_units);
  return g_strconcat (first, " + ", second, NULL);
}

char *
desk_payments_dup_total (DeskPayments *payments)
{
  g_return_val_if_fail (payments != NULL, NULL);

  return dup_total (payments->lines);
}

gboolean
desk_payments_are_recorded (DeskStore   *store,
                            const char  *workshop_uuid,
                            GError     **error)
{
  g_autofree char *marker = g_strconcat ("/ws-", workshop_uuid, NULL);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  stmt = _desk_store_prepare (store,
                              "SELECT 1 FROM expenses WHERE instr (reference, ?1) > 0 LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, marker, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = TRUE;
  else if (rc != SQLITE_DONE)
    _desk_store_set_error (store, rc, error);
  sqlite3_reset (stmt);

  return found;
}

static DeskRecord *
payment_expense (DeskRecord      *workshop,
                 DeskPaymentLine *line,
                 DeskPaymentKind  kind,
                 const char      *person_uuid,
                 const char      *title)
{
  DeskRecord *expense = desk_record_new (DESK_KIND_EXPENSE);
  g_autofree char *code = desk_person_code (person_uuid);
  g_autofree char *reference = payment_reference (code, desk_record_get_uuid (workshop));
  g_autofree char *note = kind == DESK_PAYMENT_PER_DIEM
                          ? g_strdup_printf (_("Per diem at the workshop “%s”"), title)
                          : g_strdup_printf (_("Transport to the workshop “%s”"), title);

  desk_record_set_group (expense, desk_record_get_group (workshop));
  desk_record_set_string (expense, "budget_line_uuid", line->line_uuid);
  desk_record_set_string (expense, "date", desk_record_get_string (workshop, "start_date"));
  desk_record_set_int (expense, "amount_minor", line->unit_minor);
  desk_record_set_string (expense, "currency", line->currency);
  desk_record_set_int (expense, "is_refund", 0);
  desk_record_set_string (expense, "payee", code);
  desk_record_set_string (expense, "reference", reference);
  desk_record_set_string (expense, "note", note);

  return expense;
}

static gboolean
insert_expense (DeskStore   *store,
                DeskHistory *history,
                DeskRecord  *expense,
                GError     **error)
{
  return history != NULL ? desk_history_insert (history, expense, error)
                         : desk_store_insert (store, expense, error);
}

/* Records the payments, or with @dry_run only checks that they can be and counts them. */
static gboolean
record (DeskStore    *store,
        DeskHistory  *history,
        const char   *workshop_uuid,
        gboolean      dry_run,
        guint        *n_people,
        guint        *n_expenses,
        char        **total,
        GError      **error)
{
  g_autoptr(DeskRecord) workshop = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) paid = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  DeskPaymentLine lines[DESK_PAYMENT_N_KINDS] = { { NULL } };
  const char *title;
  gboolean ok = FALSE;
  guint written = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (history == NULL || desk_history_get_store (history) == store, FALSE);
  g_return_val_if_fail (workshop_uuid != NULL, FALSE);

  workshop = get_workshop (store, workshop_uuid, error);
  if (workshop == NULL)
    return FALSE;
  if (desk_payments_are_recorded (store, workshop_uuid, &local_error))
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("The payments of this workshop are recorded already. Find them "
                             "among the expenses of its per-diem line; to record them again, "
                             "delete those first."));
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!find_lines (store, workshop, lines, error))
    goto out;

  attendance = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid", workshop_uuid,
                                   error);
  if (attendance == NULL)
    goto out;
  for (guint i = 0; i < attendance->len; i++)
    if (g_strcmp0 (desk_record_get_string (g_ptr_array_index (attendance, i), "status"),
                   "attended") == 0)
      g_ptr_array_add (paid, g_ptr_array_index (attendance, i));
  if (paid->len == 0)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Nobody is marked as attended at this workshop, so there are no "
                             "payments to record. Check people in first."));
      goto out;
    }
  for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
    if (!multiply (&lines[k], paid->len, error))
      goto out;

  if (dry_run)
    {
      for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
        if (lines[k].line_uuid != NULL && lines[k].unit_minor != 0)
          written += paid->len;
      goto done;
    }

  title = desk_record_title (workshop, "title", NULL);
  if (history != NULL ? !desk_history_begin_group (history, _("Recorded payments"), error)
                      : !desk_store_begin (store, error))
    goto out;
  for (guint i = 0; i < paid->len; i++)
    for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
      {
        g_autoptr(DeskRecord) expense = NULL;

        if (lines[k].line_uuid == NULL || lines[k].unit_minor == 0)
          continue;
        expense = payment_expense (workshop, &lines[k], k,
                                   desk_record_get_string (g_ptr_array_index (paid, i), "person_uuid"),
                                   title);
        if (!insert_expense (store, history, expense, error))
          {
            if (history != NULL)
              desk_history_cancel_group (history);
            else
              desk_store_rollback (store);
            goto out;
          }
        written++;
      }
  if (history != NULL ? !desk_history_end_group (history, error) : !desk_store_commit (store, error))
    goto out;

done:
  if (n_people != NULL)
    *n_people = paid->len;
  if (n_expenses != NULL)
    *n_expenses = written;
  if (total != NULL)
    *total = dup_total (lines);
  ok = TRUE;

out:
  for (guint k = 0; k < DESK_PAYMENT_N_KINDS; k++)
    line_clear (&lines[k]);
  return ok;
}

gboolean
desk_payments_record (DeskStore    *store,
                      DeskHistory  *history,
                      const char   *workshop_uuid,
                      guint        *n_people,
                      guint        *n_expenses,
                      char        **total,
                      GError      **error)
{
  return record (store, history, workshop_uuid, FALSE, n_people, n_expenses, total, error);
}

gboolean
desk_payments_check (DeskStore   *store,
                     const char  *workshop_uuid,
                     guint       *n_people,
                     guint       *n_expenses,
                     char       **total,
                     GError     **error)
{
  return record (store, NULL, workshop_uuid, TRUE, n_people, n_expenses, total, error);
}
