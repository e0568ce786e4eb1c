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

/* Text is the report's table (cli_print_report): the same cells the PDF prints. */
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
      cli_print_report (report);
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
