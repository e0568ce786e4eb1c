/* desk-payments.h — a workshop's per-diem and transport payments: the sheet people sign
 * when they are paid, and the expenses that record it
 *
 * The amounts come from the budget of the workshop's activity: its first line of the
 * category per_diem (required) and its first of travel (optional), each paid once per
 * person at the line's unit cost (the newest revision's, when it was revised), in the
 * line's currency.
 *
 * Who is paid: the people marked attended. Before the workshop nobody is, so the sheet
 * then lists those expected (registered or invited), to be printed ahead and signed at
 * the door; payments are only recorded for people who attended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-history.h"
#include "desk-paperwork-data.h"
#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_PAYMENT_PER_DIEM,
  DESK_PAYMENT_TRAVEL,
  DESK_PAYMENT_N_KINDS,
} DeskPaymentKind;

typedef struct
{
  char *line_uuid;      /* NULL: the activity's budget has no such line */
  char *currency;
  int minor_units;
  gint64 unit_minor;    /* paid to each person */
  gint64 total_minor;   /* unit_minor × the people listed */
} DeskPaymentLine;

typedef struct
{
  DeskPaperworkData *paperwork;   /* the header's words and every person on the list */
  char *workshop_uuid;
  char *date;                     /* the workshop's first day: the expenses' date */
  DeskPaymentLine lines[DESK_PAYMENT_N_KINDS];
  GPtrArray *people;              /* DeskPaperworkPerson of paperwork->people: those paid */
  gboolean expected;              /* TRUE: nobody attended yet, these are expected */
} DeskPayments;

/* The sheet's content for @workshop_uuid. Needs names. Fails with a sentence when the
 * workshop's activity has no per-diem line, and when nobody is on the list. */
DeskPayments *desk_payments_new          (DeskStore     *store,
                                          const char    *workshop_uuid,
                                          GError       **error);
void          desk_payments_free         (DeskPayments  *payments);

/* "GHS 1,200.00", or "GHS 1,200.00 + USD 300.00" when the lines' currencies differ: what
 * @payments comes to in all. */
char         *desk_payments_dup_total    (DeskPayments  *payments);

/* Whether the payments of @workshop_uuid were recorded already. */
gboolean      desk_payments_are_recorded (DeskStore     *store,
                                          const char    *workshop_uuid,
                                          GError       **error);

/* Records the payments: one expense per person attended and per line (per diem, and
 * transport when the activity has a travel line), dated the workshop's first day, its
 * payee the person's code (never their name: expenses are not sealed), its note naming
 * the workshop, its reference "P-…/ws-<workshop UUID>". All in one transaction, through
 * @history when given as one step that one Undo takes back. Refused with a sentence
 * (DESK_ERROR_INVALID) when they were recorded already, and when nobody attended. Does
 * not need names. *n_people, *n_expenses and *total (desk_payments_dup_total's form)
 * may be NULL. */
gboolean      desk_payments_record       (DeskStore     *store,
                                          DeskHistory   *history,
                                          const char    *workshop_uuid,
                                          guint         *n_people,
                                          guint         *n_expenses,
                                          char         **total,
                                          GError       **error);

/* What desk_payments_record would record, written nowhere: the same refusals, the same
 * counts and total. For a confirmation before recording. */
gboolean      desk_payments_check        (DeskStore     *store,
                                          const char    *workshop_uuid,
                                          guint         *n_people,
                                          guint         *n_expenses,
                                          char         **total,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPayments, desk_payments_free)

G_END_DECLS
