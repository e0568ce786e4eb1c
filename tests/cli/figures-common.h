/* figures-common.h — the fixtures and SQL helpers of the cross-check (issue 15), shared
 * by test-figures.c and test-figures-reports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "desk-core.h"

/* The day core's figures are read on: both groups then have deliverables overdue and
 * others due within 30 days (the sample's dates are fixed). The CLI reads on the
 * machine's day: see local_today(). */
#define TODAY "2026-12-06"

typedef struct
{
  char *dir;
  char *db;
  sqlite3 *sql;   /* the same database, read-only, for the figures computed here */
  char *group;
  char *from;     /* the newest workplan's period, as the reports take it */
  char *to;
} Fixture;

/* Running the CLI: its standard output; a failure ends the test. */
char *run_cliv (const char **args);
#define run_cli(...) run_cliv ((const char *[]) { __VA_ARGS__, NULL })

/* SQL, independent of the code under test */
sqlite3_stmt *sql_prepare (Fixture *f, const char *sql);
gint64 sql_int (Fixture *f, const char *sql, const char *p1, const char *p2, const char *p3);
char *sql_text (Fixture *f, const char *sql, const char *p1);
char *sql_uuids (Fixture *f, const char *sql, const char *p1, const char *p2);
char *sql_workplan (Fixture *f);

/* The attended entries of the group between ?2 and ?3 (by the workshop's start). */
#define ATTENDED \
  " FROM attendance t JOIN workshops w ON w.uuid = t.workshop_uuid" \
  " JOIN people p ON p.uuid = t.person_uuid LEFT JOIN members m ON m.uuid = p.member_uuid" \
  " WHERE t.status = 'attended' AND t.group_uuid = ?1 AND w.start_date BETWEEN ?2 AND ?3"

char *percent_text (gint64 part, gint64 total);

/* Budget against actual of the newest workplan, in the reporting currency's minor units,
 * by category code, by "activity:CODE" ("activity:" for the group's own costs), and the
 * total under "". Amounts without a rate are left out and counted in missing. */
typedef struct
{
  gint64 revised;
  gint64 spent;
  guint missing;
} SqlBudget;

GHashTable *sql_budget (Fixture *f);
/* @minor as the app writes money: "364,700.00", "−500.00" (U+2212). */
char *money_text (gint64 minor, int decimals);

/* Fixtures */
void set_up_sample (Fixture *f, gconstpointer data);
void set_up_generated (Fixture *f, gconstpointer data);
void tear_down (Fixture *f, gconstpointer data);
DeskStore *open_store (Fixture *f);

/* Text helpers */
char *normalise (const char *text);
char *find_row (const char *text, const char *label);
char *local_today (void);
char *report_pdf_text (Fixture *f, const char *kind);
