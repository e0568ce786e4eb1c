/* cli-report.c — groupdesk-cli report: the four reports as text, CSV or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"
#include "desk-report-render.h"

int cmd_report (CliOptions *options, int argc, char **argv);

void
cli_print_report (DeskReport *report)
{
  guint n = report->columns->len;
  g_autofree guint *widths = g_new0 (guint, n);

  g_print ("%s — %s\n%s\n\n", report->group_name, report->title, report->subtitle);

  for (guint c = 0; c < n; c++)
    widths[c] = cli_display_width (((DeskReportColumn *) g_ptr_array_index (report->columns, c))->title);
  for (guint r = 0; r < report->rows->len; r++)
    {
      char **cells = g_ptr_array_index (report->rows, r);
      for (guint c = 0; c < n; c++)
        widths[c] = MAX (widths[c], (guint) MIN (cli_display_width (cells[c]), 48));
    }

  for (guint r = 0; r <= report->rows->len; r++)
    {
      char **cells = r > 0 ? g_ptr_array_index (report->rows, r - 1) : NULL;

      for (guint c = 0; c < n; c++)
        {
          DeskReportColumn *column = g_ptr_array_index (report->columns, c);
          g_autofree char *cell = cli_fit (cells != NULL ? cells[c] : column->title, (int) widths[c],
                                           column->align == DESK_COLUMN_NUMBER);

          g_print ("%s  ", cell);
        }
      g_print ("\n");
    }

  g_print ("\n");
  for (guint i = 0; i < report->notes->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (report->notes, i));
}

int
cmd_report (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskReport) report = NULL;
  g_autofree char *group = NULL;
  const char *from = NULL, *to = NULL, *pdf = NULL;
  gboolean csv = FALSE, have_kind = FALSE;
  DeskReportKind kind = DESK_REPORT_WORKPLAN;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--from") || g_str_equal (argv[i], "--to") || g_str_equal (argv[i], "--pdf"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          if (g_str_equal (argv[i], "--from"))
            from = argv[++i];
          else if (g_str_equal (argv[i], "--to"))
            to = argv[++i];
          else
            pdf = argv[++i];
        }
      else if (g_str_equal (argv[i], "--csv"))
        csv = TRUE;
      else if (!have_kind && desk_report_kind_from_key (argv[i], &kind))
        have_kind = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“%s” is not a report. Use workplan, budget, attendance or indicators."),
                                argv[i]);
    }

  if (!have_kind)
    return cli_usage_error (_("“report” needs one of: workplan, budget, attendance, indicators."));
  if (csv && pdf != NULL)
    return cli_usage_error (_("Choose one of --csv and --pdf."));
  if ((from == NULL) != (to == NULL))
    return cli_usage_error (_("Give both --from and --to, or neither for the newest workplan's period."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  group = cli_dup_group_uuid (store, options->group, &error);
  if (group == NULL)
    return cli_fail (error);

  report = desk_report_compute (store, kind, group, from, to, &error);
  if (report == NULL)
    return cli_fail (error);

  if (csv)
    {
      g_autofree char *text = desk_report_to_csv (report, FALSE);
      fputs (text, stdout);
    }
  else if (pdf != NULL)
    {
      g_autofree char *today = desk_store_dup_today (store);
      g_autofree char *printed = desk_date_format (today);

      if (!desk_report_write_pdf (report, pdf, printed, &error))
        return cli_fail (error);
      g_print (_("Wrote %s.\n"), pdf);
    }
  else
    cli_print_report (report);

  return EXIT_SUCCESS;
}
