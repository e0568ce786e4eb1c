/* desk-report.h — the four reports for meetings and annual reports, as data
 *
 * A report is a title, a period, a table (columns and rows of text, already formatted
 * for the UI language) and a chart's series (labels and integer values). The Reports
 * page draws it, the printer and the PDF writer lay it out, and the CLI prints it as
 * CSV: all from this one description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_REPORT_WORKPLAN,     /* Workplan progress */
  DESK_REPORT_BUDGET,       /* Budget against actual */
  DESK_REPORT_ATTENDANCE,   /* Attendance and gender, per quarter */
  DESK_REPORT_INDICATORS,   /* Indicators: baseline, target, actual, trend */
} DeskReportKind;

typedef enum
{
  DESK_COLUMN_TEXT,
  DESK_COLUMN_NUMBER,       /* right-aligned */
} DeskColumnAlign;

typedef struct
{
  char            *title;      /* translated */
  char            *key;        /* stable, for CSV headers: "activity", "budget" … */
  DeskColumnAlign  align;
} DeskReportColumn;

/* One series of a chart: a value per label. Values are integers in `unit_scale`ths
 * (money in minor units, percentages in tenths …). */
typedef struct
{
  char    *name;               /* translated: "Budget", "Spent", "Women" … */
  gint64  *values;             /* one per chart label */
} DeskReportSeries;

typedef struct
{
  DeskReportKind  kind;
  char           *title;
  char           *subtitle;     /* period, currency … */
  char           *group_name;
  char           *from;
  char           *to;
  GPtrArray      *columns;      /* DeskReportColumn */
  GPtrArray      *rows;         /* GStrv, one string per column */
  GPtrArray      *notes;        /* sentences under the table: missing rates … */

  /* The chart */
  char           *chart_title;
  GPtrArray      *chart_labels; /* char * */
  GPtrArray      *series;       /* DeskReportSeries */
  int             unit_scale;   /* values / unit_scale = the unit below */
  char           *unit;         /* "GHS", "%", "" */
  /* A sentence that says what the chart shows, for screen readers. */
  char           *chart_description;
} DeskReport;

void        desk_report_free      (DeskReport     *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReport, desk_report_free)

/* A chart's value axis: ticks at 0, step, 2·step … n_steps·step, the step a round number
 * (1, 2 or 5 times a power of ten) of the unit shown, so every tick reads as a round
 * figure and bars line up with them. */
typedef struct
{
  gint64 step;      /* in unit_scale-ths, as the values */
  guint  n_steps;   /* 1 … max_steps */
  gint64 top;       /* step × n_steps: the value at the top of the axis, ≥ the largest */
} DeskChartAxis;

/* The axis for values up to @max (in @unit_scale-ths, ≥ 1 per unit) with at most
 * @max_steps steps (≥ 1). A @max of 0 or less gives one step of one unit. */
DeskChartAxis desk_chart_axis     (gint64          max,
                                   int             unit_scale,
                                   guint           max_steps);

const char *desk_report_kind_key  (DeskReportKind  kind);
gboolean    desk_report_kind_from_key (const char *key,
                                       DeskReportKind *kind);
const char *desk_report_kind_title (DeskReportKind kind);

/* Computes @kind for @group_uuid over @from … @to (YYYY-MM-DD, inclusive; NULL: the
 * group's newest workplan's period). */
DeskReport *desk_report_compute   (DeskStore      *store,
                                   DeskReportKind  kind,
                                   const char     *group_uuid,
                                   const char     *from,
                                   const char     *to,
                                   GError        **error);

/* The table as CSV (RFC 4180), with the stable keys as header. */
char       *desk_report_to_csv    (DeskReport     *report,
                                   gboolean        bom);

G_END_DECLS
