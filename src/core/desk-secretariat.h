/* desk-secretariat.h — the secretariat's desk: every group's bundles in one database
 *
 * A secretariat's database holds no group of its own: importing bundles adds groups. A
 * coordinator's database that imported other groups beside its own has the same views.
 * Three parts, each in its own file:
 * - desk-secretariat.c: the database's role and the secretariat's settings;
 * - desk-secretariat-status.c: who reported what, and each group's chain of bundles;
 * - desk-secretariat-figures.c: the figures across groups for a period, in one currency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-report.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* Role and settings (desk-secretariat.c) */

/* TRUE for a database made for the secretariat ("I work at the secretariat"): it has no
 * group of its own, so desk_store_dup_main_group() is NULL and the app opens on its
 * Groups page. */
gboolean     desk_store_is_secretariat          (DeskStore   *store);
/* Makes @store a secretariat's database. Refused (DESK_ERROR_INVALID, a sentence) when it
 * holds a group of its own, i.e. one that did not arrive in a bundle. */
gboolean     desk_store_set_secretariat         (DeskStore   *store,
                                                 GError     **error);
/* TRUE when the database holds at least one group that arrived in a bundle: the app then
 * shows the Groups page. */
gboolean     desk_store_has_imported_groups     (DeskStore   *store);
/* TRUE when @group_uuid arrived in a bundle: its records are the group's, shown
 * read-only. */
gboolean     desk_store_group_is_imported       (DeskStore   *store,
                                                 const char  *group_uuid);

/* TRUE when @group_uuid's records are another group's, shown and never written here: it
 * arrived in a bundle and is not the database's main group (a database made by
 * importing its own group's bundle, on a new laptop, edits that group). The app's pages
 * and editors, and exports, follow this one rule. */
gboolean     desk_store_group_is_read_only      (DeskStore   *store,
                                                 const char  *group_uuid);

/* How often groups report, in months (1, 2, 3, 4, 6 or 12; 6 by default): periods are
 * counted from 1 January, so 6 means each half-year. */
int          desk_secretariat_get_reporting_months (DeskStore *store);
gboolean     desk_secretariat_set_reporting_months (DeskStore *store,
                                                    int        months,
                                                    GError   **error);
/* The currency the figures across groups are shown in (an ISO 4217 code the reference
 * knows; "USD" by default). */
char        *desk_secretariat_dup_currency      (DeskStore   *store);
gboolean     desk_secretariat_set_currency      (DeskStore   *store,
                                                 const char  *currency,
                                                 GError     **error);
/* The days a group has after a reporting period ends to send its bundle. */
#define DESK_SECRETARIAT_GRACE_DAYS 30
/* The reporting period a bundle is due for on @today (ISO date): the last one that ended
 * more than DESK_SECRETARIAT_GRACE_DAYS before it. Its first and last day, newly
 * allocated (both NULL when @today is not a date). With 6 months: on 2026-12-07,
 * 2026-01-01 … 2026-06-30; on 2026-07-20 still 2025-07-01 … 2025-12-31. */
void         desk_secretariat_due_period        (int          months,
                                                 const char  *today,
                                                 char       **from,
                                                 char       **to);

/* Status (desk-secretariat-status.c) */

typedef enum
{
  DESK_CHAIN_OK,    /* every bundle from 1 to the last, each following the one before */
  DESK_CHAIN_GAP,   /* bundles never received before the last (`missing`) */
  DESK_CHAIN_FORK,  /* a bundle set aside (or forced in) that does not follow the chain */
} DeskChain;

/* "ok", "gap", "fork": as the CLI's JSON writes them. */
const char  *desk_chain_to_string               (DeskChain    chain);
/* "Up to date", "Gap", "Fork": translated, for a pill. */
const char  *desk_chain_label                   (DeskChain    chain);

typedef struct
{
  char      *group_uuid;
  char      *code;
  char      *country;          /* ISO 3166 alpha-2 */
  char      *name;             /* in the UI language, falling back to the other */
  char      *languages;        /* as the group has them: "en,fr" */
  gboolean   own;              /* the database's own group: never imported */
  /* The last bundle applied (the highest sequence number imported); 0 and NULLs when
   * none (the own group, whose exports are its own). */
  gint64     last_sequence;
  char      *last_bundle_uuid;
  char      *period_from;      /* ISO dates of the period it covers */
  char      *period_to;
  char      *privacy;          /* "aggregate", "pseudonymous", "named" */
  char      *exported;         /* ISO 8601 UTC, as the manifest says */
  char      *imported;         /* ISO 8601 UTC, when this database took it */
  char      *fingerprint;      /* the file's SHA-256, as the sender's Exports page shows it */
  gboolean   verified;         /* the bundle's digests matched when it was imported */
  DeskChain  chain;
  GArray    *missing;          /* gint64: sequence numbers never received, ascending */
  guint      forks;            /* bundles set aside (or forced in) as forks */
  guint      replays_refused;  /* older bundles offered again and refused */
  gboolean   late;             /* no bundle covering the last reporting period that ended */
  char      *due_to;           /* that period's last day, when late; else NULL */
  char      *message;          /* one translated sentence on the chain, or NULL when ok */
  guint      amendments;       /* amendments received: changes to records it had reported */
} DeskGroupStatus;

void         desk_group_status_free             (DeskGroupStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskGroupStatus, desk_group_status_free)

/* One DeskGroupStatus per group of the database (the own group first, then by code), as
 * on @today (ISO date; NULL: the store's today). NULL with @error on a database error. */
GPtrArray   *desk_secretariat_status            (DeskStore   *store,
                                                 const char  *today,
                                                 GError     **error);

/* Amendments (desk-secretariat-amendments.c): what a group changed in records it had
 * reported, as its bundles said, and why. */
typedef struct
{
  gint64            sequence;        /* the bundle that carried it */
  gint64            amends_sequence; /* the bundle whose period the record was reported in; 0: an approved workplan */
  char             *at;              /* when the group changed it (UTC) */
  char             *action;          /* "update", "delete", … as in desk_change_action_to_string */
  const DeskKind   *kind;            /* NULL for a kind this version does not know */
  char             *kind_name;
  char             *record_uuid;
  char             *field;           /* NULL: the record as a whole */
  char             *old_value;       /* as stored; NULL: unset */
  char             *new_value;
  char             *reason;
} DeskAmendment;

void         desk_amendment_free                (DeskAmendment *amendment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskAmendment, desk_amendment_free)

/* The amendments received from @group_uuid, newest bundle first, then by time. */
GPtrArray   *desk_secretariat_list_amendments   (DeskStore   *store,
                                                 const char  *group_uuid,
                                                 GError     **error);

/* Figures (desk-secretariat-figures.c) */

typedef struct
{
  char      *indicator_uuid;
  char      *name;             /* in the UI language */
  char      *unit;             /* "number", "percentage" */
  gint64     target_milli;     /* -1 when none in the period */
  gint64     actual_milli;     /* -1 when none in the period */
} DeskIndicatorFigure;

typedef struct
{
  char      *group_uuid;       /* NULL in the total */
  char      *code;             /* NULL in the total */
  char      *name;
  char      *country;
  char      *privacy;          /* of the last bundle; NULL for the own group and the total */
  char      *reporting_currency; /* the group's own currency; NULL in the total */
  /* Activities of the workplans that overlap the period, by status, in the order of
   * DeskGroupFiguresSet.statuses; and those done. */
  gint64    *activities_by_status;
  gint64     activities;
  gint64     activities_done;
  gint64     deliverables_done;     /* delivered or accepted in the period */
  gint64     deliverables_overdue;  /* due in the period and overdue on the store's
                                     * today (desk_deliverable_is_overdue) */
  gint64     workshops;             /* held: started in the period, on or before today */
  gint64     attendances;
  gint64     people;                /* distinct people; see people_known */
  gboolean   people_known;          /* FALSE when the group sent counts only: people is
                                     * then what could be counted (0) and the total says
                                     * how many groups it leaves out */
  gint64     women_attendances;
  gint64    *pillar_attendances;    /* in the order of DeskGroupFiguresSet.pillars */
  gint64    *pillar_women;
  GPtrArray *indicators;            /* DeskIndicatorFigure; empty in the total */
  guint      indicators_met;        /* actual at or above target */
  guint      indicators_with_target;
  /* Money, in minor units of DeskGroupFiguresSet.currency: the revised budget of the
   * workplans that overlap the period, funding received and expenses dated in it. */
  gint64     budget;
  gint64     received;
  gint64     spent;
  guint      missing_rates;         /* amounts left out for want of a rate */
  guint      too_large;             /* amounts left out: beyond what Groupdesk can count, or
                                     * converted at a rate outside its bounds */
  gint64     workshops_counts_only; /* workshops whose attendance came as counts only */
} DeskGroupFigures;

typedef struct
{
  char      *from;                  /* the period, ISO dates */
  char      *to;
  char      *currency;
  int        decimals;
  char      *today;                 /* the store's today: what "overdue" and "held" mean */
  GStrv      statuses;              /* activity status codes, in order */
  GStrv      pillars;               /* pillar codes, then "not_stated" */
  GPtrArray *groups;                /* DeskGroupFigures, own group first, then by code */
  DeskGroupFigures *total;
  guint      groups_without_people; /* groups that sent counts only */
} DeskGroupFiguresSet;

void         desk_group_figures_set_free        (DeskGroupFiguresSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskGroupFiguresSet, desk_group_figures_set_free)

/* The figures of every group for @from … @to (ISO dates; both NULL: all time) in
 * @currency (NULL: desk_secretariat_dup_currency()). Each group's amounts are converted
 * with its own dated rates; an amount without a rate is counted in missing_rates and
 * left out, never guessed. */
DeskGroupFiguresSet *desk_secretariat_figures   (DeskStore   *store,
                                                 const char  *from,
                                                 const char  *to,
                                                 const char  *currency,
                                                 GError     **error);
/* The set as JSON ({ "groups": [ … ], "total": { … } }) and CSV (one row per group and a
 * total row), as the CLI prints them. */
char        *desk_group_figures_set_to_json     (DeskGroupFiguresSet *set);
char        *desk_group_figures_set_to_csv      (DeskGroupFiguresSet *set);
/* The set as a report (desk-report.h): one row per group and the total, a chart of
 * budget, received and spent by group, and notes on missing rates and groups that sent
 * counts only; in the UI language. The report library writes it as a PDF
 * (desk_report_write_pdf) and the app draws it. */
DeskReport  *desk_group_figures_set_to_report   (DeskGroupFiguresSet *set);

G_END_DECLS
