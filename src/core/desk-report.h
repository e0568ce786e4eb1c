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

/* What a row of the table is: most are plain; a subtotal sums the rows that follow it
 * (an activity's budget lines), the total sums them all. Shown in bold, in the app and
 * the PDF, so a sum is never read as one more line. */
typedef enum
{
  DESK_REPORT_ROW_PLAIN,
  DESK_REPORT_ROW_SUBTOTAL,
  DESK_REPORT_ROW_TOTAL,
} DeskReportRowLevel;

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
  char     *name;              /* translated: "Budget", "Spent", "Women" … */
  gint64   *values;            /* one per chart label */
  gboolean *missing;           /* one per chart label: TRUE where nothing was reported
                                * (drawn as no bar and "—", never as a 0) */
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
  GArray         *row_levels;   /* DeskReportRowLevel, one per row */
  GPtrArray      *notes;        /* sentences under the table: missing rates … */

  /* The chart */
  char           *chart_title;
  GPtrArray      *chart_labels; /* char * */
  GPtrArray      *series;       /* DeskReportSeries */
  int             unit_scale;   /* values / unit_scale = the unit below */
  char           *unit;         /* "GHS", "%", "" */
  /* A sentence that says what the chart shows, for screen readers. */
  char           *chart_description;
  /* A value marked by a dashed line across the bars (the indicators' target, 100 %),
   * named by reference_name; no line when reference_name is NULL. */
  gint64          reference;
  char           *reference_name;
} DeskReport;

void        desk_report_free      (DeskReport     *report);
DeskReportRowLevel desk_report_row_level (DeskReport *report,
                                          guint       row);
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

/* A chart's geometry, decided here so that the app and the PDF agree and a test can
 * check it without drawing: the renderer measures the texts (in its own units: points
 * or pixels) and draws what this returns. */
typedef enum
{
  DESK_CHART_VERTICAL,      /* bars grow up from category labels under them */
  DESK_CHART_HORIZONTAL,    /* bars grow right from category labels beside them:
                             * for labels too long to sit under a bar */
} DeskChartOrientation;

typedef struct
{
  double x, y, width, height;
} DeskChartRect;

typedef struct
{
  DeskChartRect area;             /* the chart below its title and legend */
  double        line_height;      /* one line of a category label */
  double        value_height;     /* a value or tick label */
  double        tick_width;       /* the widest tick label */
  const double *label_widths;     /* each category label on one line */
  const double *label_min_widths; /* each label's widest word (what cannot be broken) */
  const double *value_widths;     /* each value label, label-major: [label × n_series + series] */
  /* The lines label @i takes when wrapped between words at @width. */
  guint       (*label_lines)     (guint    i,
                                  double   width,
                                  gpointer data);
  gpointer      data;
} DeskChartMeasures;

typedef struct
{
  DeskChartOrientation orientation;
  DeskChartAxis  axis;
  guint          n_labels;
  guint          n_series;
  DeskChartRect  plot;            /* 0 at its bottom (vertical) or left (horizontal) edge */
  DeskChartRect *bars;            /* label-major; empty (0 long) for 0 or missing */
  DeskChartRect *values;          /* each value label's box, where value_shown */
  gboolean      *value_shown;     /* FALSE where there is no room for it */
  DeskChartRect *labels;          /* the box each category label is laid out in */
  guint         *label_lines;     /* how many lines that box holds */
  gboolean      *label_ellipsized;/* a word wider than the box: cut, with "…" */
  gboolean      *label_shown;     /* FALSE where rows are thinner than a line and the
                                   * label would overlap another (the description has it) */
  DeskChartRect *ticks;           /* axis.n_steps + 1 tick label boxes */
  gboolean      *tick_shown;
} DeskChartLayout;

DeskChartLayout *desk_chart_layout_new  (DeskReport              *report,
                                         const DeskChartMeasures *measures);
void             desk_chart_layout_free (DeskChartLayout         *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskChartLayout, desk_chart_layout_free)

/* A chart value as the report's table writes it: "1,250.00", "72.5 %", "12"; "—" for
 * a value that was not reported. */
char       *desk_report_chart_value_text (DeskReport *report,
                                          guint       series,
                                          guint       label);
/* A tick of the value axis: "50,000", "75 %". */
char       *desk_report_chart_tick_text  (DeskReport *report,
                                          gint64      value);
/* Every bar of the chart in words, for screen readers:
 * "Travel: Budget 1,200.00, Spent 950.00. Venue: …". */
char       *desk_report_chart_values_sentence (DeskReport *report);

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
