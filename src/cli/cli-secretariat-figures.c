/* cli-secretariat-figures.c — groupdesk-cli secretariat figures and report
 *
 * Both read the figures of every group from core (desk_secretariat_figures) on a
 * read-only connection; `figures` prints them as a table, JSON or CSV, `report` writes
 * the PDF the report library lays out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"
#include "desk-report-render.h"

typedef struct
{
  const char *from;
  const char *to;
  const char *currency;
  const char *pdf;
  gboolean json;
  gboolean csv;
} FiguresOptions;

/* Reads the options both commands share, and --pdf (report) or --json/--csv (figures);
 * returns -1 when they are fine, else the exit status. */
static int
parse (const char     *command,
       int             argc,
       char          **argv,
       gboolean        report,
       FiguresOptions *o)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--from") || g_str_equal (arg, "--to") || g_str_equal (arg, "--currency") ||
          (report && g_str_equal (arg, "--pdf")))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), arg);
          if (g_str_equal (arg, "--from"))
            o->from = argv[++i];
          else if (g_str_equal (arg, "--to"))
            o->to = argv[++i];
          else if (g_str_equal (arg, "--currency"))
            o->currency = argv[++i];
          else
            o->pdf = argv[++i];
        }
      else if (!report && g_str_equal (arg, "--json"))
        o->json = TRUE;
      else if (!report && g_str_equal (arg, "--csv"))
        o->csv = TRUE;
      else if (g_str_has_prefix (arg, "-"))
        return cli_unknown_option (arg);
      else
        return cli_usage_error (_("“secretariat %s” takes options only, not “%s”."), command, arg);
    }

  if (o->json && o->csv)
    return cli_usage_error (_("Choose one of --json and --csv."));
  if (report && o->pdf == NULL)
    return cli_usage_error (_("“secretariat report” needs --pdf FILE: the PDF to write."));

  return -1;
}

static DeskGroupFiguresSet *
compute (CliOptions      *options,
         FiguresOptions  *o,
         GError         **error)
{
  g_autoptr(DeskStore) store = cli_open_store_read (options, error);

  if (store == NULL)
    return NULL;

  return desk_secretariat_figures (store, o->from, o->to, o->currency, error);
}

/* The report's table as text: the same cells the PDF prints. */
static void
print_table (DeskReport *report)
{
  guint n = report->columns->len;
  g_autofree int *widths = g_new0 (int, n);

  g_print ("%s\n%s\n\n", report->title, report->subtitle);
  for (guint c = 0; c < n; c++)
    widths[c] = cli_display_width (((DeskReportColumn *) g_ptr_array_index (report->columns, c))->title);
  for (guint r = 0; r < report->rows->len; r++)
    {
      char **cells = g_ptr_array_index (report->rows, r);

      for (guint c = 0; c < n; c++)
        widths[c] = MAX (widths[c], MIN (cli_display_width (cells[c]), 40));
    }

  for (guint r = 0; r <= report->rows->len; r++)
    {
      char **cells = r > 0 ? g_ptr_array_index (report->rows, r - 1) : NULL;
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n; c++)
        {
          DeskReportColumn *column = g_ptr_array_index (report->columns, c);
          g_autofree char *cell = cli_fit (cells != NULL ? cells[c] : column->title, widths[c],
                                           column->align == DESK_COLUMN_NUMBER);

          g_string_append_printf (line, c > 0 ? "  %s" : "%s", cell);
        }
      g_print ("%s\n", line->str);
    }

  if (report->notes->len > 0)
    g_print ("\n");
  for (guint i = 0; i < report->notes->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (report->notes, i));
}

int
cli_secretariat_figures (CliOptions  *options,
                         int          argc,
                         char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskGroupFiguresSet) set = NULL;
  FiguresOptions o = { 0 };
  int status = parse ("figures", argc, argv, FALSE, &o);

  if (status >= 0)
    return status;

  set = compute (options, &o, &error);
  if (set == NULL)
    return cli_fail (error);

  if (o.json)
    {
      g_autofree char *text = desk_group_figures_set_to_json (set);
      g_print ("%s\n", text);
    }
  else if (o.csv)
    {
      g_autofree char *text = desk_group_figures_set_to_csv (set);
      fputs (text, stdout);
    }
  else
    {
      g_autoptr(DeskReport) report = desk_group_figures_set_to_report (set);
      print_table (report);
    }

  return EXIT_SUCCESS;
}

int
cli_secretariat_report (CliOptions  *options,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskGroupFiguresSet) set = NULL;
  g_autoptr(DeskReport) report = NULL;
  g_autofree char *printed = NULL;
  FiguresOptions o = { 0 };
  int status = parse ("report", argc, argv, TRUE, &o);

  if (status >= 0)
    return status;

  set = compute (options, &o, &error);
  if (set == NULL)
    return cli_fail (error);

  report = desk_group_figures_set_to_report (set);
  printed = desk_date_format (set->today);
  if (!desk_report_write_pdf (report, o.pdf, printed, &error))
    return cli_fail (error);
  g_print (_("Wrote %s.\n"), o.pdf);

  return EXIT_SUCCESS;
}
