/* cli-paperwork.c — groupdesk-cli paperwork: a workshop's sign-in sheet, badges or
 * certificates as a printable PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"
#include "desk-paperwork.h"

int cmd_paperwork (CliOptions *options, int argc, char **argv);

static gboolean
kind_from_key (const char        *key,
               DeskPaperworkKind *kind)
{
  if (g_str_equal (key, "sign-in"))
    *kind = DESK_PAPERWORK_SIGN_IN;
  else if (g_str_equal (key, "badges"))
    *kind = DESK_PAPERWORK_BADGES;
  else if (g_str_equal (key, "certificates"))
    *kind = DESK_PAPERWORK_CERTIFICATES;
  else
    return FALSE;
  return TRUE;
}

int
cmd_paperwork (CliOptions  *options,
               int          argc,
               char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  const char *workshop = NULL, *pdf = NULL;
  gboolean have_kind = FALSE;
  DeskPaperworkKind kind = DESK_PAPERWORK_SIGN_IN;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--workshop") || g_str_equal (argv[i], "--pdf"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          if (g_str_equal (argv[i], "--workshop"))
            workshop = argv[++i];
          else
            pdf = argv[++i];
        }
      else if (!have_kind && kind_from_key (argv[i], &kind))
        have_kind = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“%s” is no paperwork. Use sign-in, badges or certificates."),
                                argv[i]);
    }

  if (!have_kind)
    return cli_usage_error (_("“paperwork” needs one of: sign-in, badges, certificates."));
  if (workshop == NULL)
    return cli_usage_error (_("“paperwork” needs --workshop UUID: “groupdesk-cli list workshops” "
                              "lists them."));
  if (pdf == NULL)
    return cli_usage_error (_("“paperwork” needs --pdf FILE, the file to write."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_require_names (store, &error))
    return cli_fail (error);

  if (!desk_paperwork_write_pdf (store, workshop, kind, pdf, &error))
    return cli_fail (error);
  g_print (_("Wrote %s.\n"), pdf);

  return EXIT_SUCCESS;
}
