/* desk-paperwork-payments.c — the per-diem and transport payment sheet
 *
 * One row per person paid (desk-payments.h says who), the amount of each line and a
 * column to sign on receipt, totals at the end; drawn by the sign-in sheet's table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-paperwork"

#include "config.h"

#include "desk-paperwork.h"
#include "desk-paperwork-private.h"


#include "desk-money.h"
#include "desk-payments.h"

static const DeskWords words_title = { "Per-diem and transport payment sheet", "每日津贴与交通费发放表" };
static const DeskWords words_number = { "No.", "序号" };
static const DeskWords words_per_diem = { "Per diem", "每日津贴" };
static const DeskWords words_transport = { "Transport", "交通费" };
static const DeskWords words_total = { "Total", "合计" };
static const DeskWords words_signature = { "Signature", "签名" };

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_NAME,
  COLUMN_ORGANISATION,
  COLUMN_PER_DIEM,
  COLUMN_TRANSPORT,
  COLUMN_TOTAL,
  COLUMN_SIGNATURE,
  N_COLUMNS,
} Column;

typedef struct
{
  DeskPaperworkPerson *person;
  char *number;
  char *amounts[N_COLUMNS];   /* for the money columns */
} Row;

typedef struct
{
  DeskPayments *payments;
  Column columns[N_COLUMNS];  /* the columns printed, in order */
  DeskSheetColumn layout[N_COLUMNS];
  guint n_columns;
  gboolean same_currency;     /* a total per person and overall makes sense */
  char *totals[N_COLUMNS];
} Sheet;

static void
row_free (Row *row)
{
  g_free (row->number);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (row->amounts[c]);
  g_free (row);
}

static const DeskPaymentLine *
line_of (Sheet  *sheet,
         Column  column)
{
  if (column == COLUMN_PER_DIEM)
    return &sheet->payments->lines[DESK_PAYMENT_PER_DIEM];
  if (column == COLUMN_TRANSPORT)
    return &sheet->payments->lines[DESK_PAYMENT_TRAVEL];
  /* The total is in the lines' one currency. */
  return &sheet->payments->lines[DESK_PAYMENT_PER_DIEM];
}

static char *
header (DeskSheet *table,
        guint      c)
{
  Sheet *sheet = table->user_data;
  DeskPaperworkData *data = table->paper->data;
  Column column = sheet->columns[c];
  const DeskWords *words = NULL;
  DeskWords name;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NUMBER: words = &words_number; break;
    case COLUMN_NAME:
    case COLUMN_ORGANISATION:
      name.en = desk_paperwork_signin_header (column == COLUMN_NAME ? DESK_SIGNIN_COLUMN_NAME
                                                                    : DESK_SIGNIN_COLUMN_ORGANISATION,
                                              "en");
      name.zh = desk_paperwork_signin_header (column == COLUMN_NAME ? DESK_SIGNIN_COLUMN_NAME
                                                                    : DESK_SIGNIN_COLUMN_ORGANISATION,
                                              "zh");
      words = &name;
      break;
    case COLUMN_PER_DIEM: words = &words_per_diem; break;
    case COLUMN_TRANSPORT: words = &words_transport; break;
    case COLUMN_TOTAL: words = &words_total; break;
    case COLUMN_SIGNATURE: words = &words_signature; break;
    case N_COLUMNS:
    default: g_assert_not_reached ();
    }

  text = _desk_words_in (data, words, "\n");
  if (column == COLUMN_PER_DIEM || column == COLUMN_TRANSPORT || column == COLUMN_TOTAL)
    return g_strdup_printf ("%s\n(%s)", text, line_of (sheet, column)->currency);
  return g_steal_pointer (&text);
}

static const char *
cell (DeskSheet *table,
      gpointer   data,
      guint      c)
{
  Sheet *sheet = table->user_data;
  Row *row = data;

  switch (sheet->columns[c])
    {
    case COLUMN_NUMBER: return row->number;
    case COLUMN_NAME: return row->person->name;
    case COLUMN_ORGANISATION: return row->person->organisation;
    case COLUMN_PER_DIEM:
    case COLUMN_TRANSPORT:
    case COLUMN_TOTAL: return row->amounts[sheet->columns[c]];
    case COLUMN_SIGNATURE:
    case N_COLUMNS:
    default: return "";
    }
}

static const char *
total (DeskSheet *table,
       guint      c)
{
  Sheet *sheet = table->user_data;

  return sheet->totals[sheet->columns[c]] != NULL ? sheet->totals[sheet->columns[c]] : "";
}

static void
add_column (Sheet   *sheet,
            Column   column,
            double   share,
            gboolean numeric)
{
  sheet->columns[sheet->n_columns] = column;
  sheet->layout[sheet->n_columns].share = share;
  sheet->layout[sheet->n_columns].numeric = numeric;
  sheet->n_columns++;
}

typedef struct
{
  DeskPaper paper;
  DeskSheet table;
} Job;

static void
draw (cairo_t  *cr,
      gpointer  user_data)
{
  Job *job = user_data;

  _desk_sheet_draw (cr, &job->table);
}

gboolean
_desk_paperwork_write_payments (DeskStore   *store,
                                const char  *workshop_uuid,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(DeskPayments) payments = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const DeskPaymentLine *per_diem, *travel;
  Sheet sheet = { NULL };
  Job job;
  double money_share;
  gboolean ok;

  payments = desk_payments_new (store, workshop_uuid, error);
  if (payments == NULL)
    return FALSE;
  per_diem = &payments->lines[DESK_PAYMENT_PER_DIEM];
  travel = &payments->lines[DESK_PAYMENT_TRAVEL];

  sheet.payments = payments;
  sheet.same_currency = travel->line_uuid == NULL ||
                        g_strcmp0 (travel->currency, per_diem->currency) == 0;
  money_share = travel->line_uuid == NULL ? 0.14 : sheet.same_currency ? 0.11 : 0.13;
  add_column (&sheet, COLUMN_NUMBER, 0.05, TRUE);
  add_column (&sheet, COLUMN_NAME, 0.22, FALSE);
  add_column (&sheet, COLUMN_ORGANISATION, 0.22, FALSE);
  add_column (&sheet, COLUMN_PER_DIEM, money_share, TRUE);
  if (travel->line_uuid != NULL)
    add_column (&sheet, COLUMN_TRANSPORT, money_share, TRUE);
  if (travel->line_uuid != NULL && sheet.same_currency)
    add_column (&sheet, COLUMN_TOTAL, money_share, TRUE);
  {
    double used = 0;

    for (guint c = 0; c < sheet.n_columns; c++)
      used += sheet.layout[c].share;
    add_column (&sheet, COLUMN_SIGNATURE, 1.0 - used, FALSE);
  }

  for (guint i = 0; i < payments->people->len; i++)
    {
      Row *row = g_new0 (Row, 1);

      row->person = g_ptr_array_index (payments->people, i);
      row->number = g_strdup_printf ("%u", i + 1);
      row->amounts[COLUMN_PER_DIEM] = desk_money_format_amount (per_diem->unit_minor,
                                                                per_diem->minor_units);
      if (travel->line_uuid != NULL)
        row->amounts[COLUMN_TRANSPORT] = desk_money_format_amount (travel->unit_minor,
                                                                   travel->minor_units);
      if (travel->line_uuid != NULL && sheet.same_currency)
        row->amounts[COLUMN_TOTAL] = desk_money_format_amount (per_diem->unit_minor + travel->unit_minor,
                                                               per_diem->minor_units);
      g_ptr_array_add (rows, row);
    }

  sheet.totals[COLUMN_NAME] = _desk_words_in (payments->paperwork, &words_total, " · ");
  sheet.totals[COLUMN_PER_DIEM] = desk_money_format_amount (per_diem->total_minor,
                                                            per_diem->minor_units);
  if (travel->line_uuid != NULL)
    sheet.totals[COLUMN_TRANSPORT] = desk_money_format_amount (travel->total_minor,
                                                               travel->minor_units);
  if (travel->line_uuid != NULL && sheet.same_currency)
    sheet.totals[COLUMN_TOTAL] = desk_money_format_amount (per_diem->total_minor + travel->total_minor,
                                                           per_diem->minor_units);

  job.paper.data = payments->paperwork;
  job.paper.width = DESK_A4_LONG;
  job.paper.height = DESK_A4_SHORT;
  job.table = (DeskSheet) {
    .paper = &job.paper,
    .title = &words_title,
    .columns = sheet.layout,
    .n_columns = sheet.n_columns,
    .header = header,
    .cell = cell,
    .rows = rows,
    .blank_rows = FALSE,
    .total = total,
    .user_data = &sheet,
  };

  ok = _desk_paperwork_write (payments->paperwork, job.paper.width, job.paper.height, path, draw,
                              &job, error);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (sheet.totals[c]);
  return ok;
}
