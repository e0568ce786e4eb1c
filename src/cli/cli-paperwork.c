/* cli-paperwork.c — groupdesk-cli paperwork: a workshop's sign-in sheet, badges,
 * certificates or per-diem payment sheet as a printable PDF, and the payments recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"
#include "desk-paperwork.h"
#include "desk-payments.h"

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
  else if (g_str_equal (key, "payments"))
    *kind = DESK_PAPERWORK_PAYMENTS;
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
  gboolean record = FALSE;
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
      else if (g_str_equal (argv[i], "--record"))
        record = TRUE;
      else if (!have_kind && kind_from_key (argv[i], &kind))
        have_kind = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“%s” is no paperwork. Use sign-in, badges, payments or "
                                  "certificates."), argv[i]);
    }

  if (!have_kind)
    return cli_usage_error (_("“paperwork” needs one of: sign-in, badges, payments, certificates."));
  if (workshop == NULL)
    return cli_usage_error (_("“paperwork” needs --workshop UUID: “groupdesk-cli list workshops” "
                              "lists them."));
  if (pdf == NULL)
    return cli_usage_error (_("“paperwork” needs --pdf FILE, the file to write."));

  if (record && kind != DESK_PAPERWORK_PAYMENTS)
    return cli_usage_error (_("--record goes with “paperwork payments” only."));

  store = record ? cli_open_store (options, &error) : cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_require_names (store, &error))
    return cli_fail (error);

  /* Refused before the sheet is written, so that a second run writes nothing. */
  if (record && desk_payments_are_recorded (store, workshop, &error))
    {
      g_set_error_literal (&error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("The payments of this workshop are recorded already. Find them "
                             "among the expenses of its per-diem line; to record them again, "
                             "delete those first."));
      return cli_fail (error);
    }
  if (error != NULL)
    return cli_fail (error);

  if (!desk_paperwork_write_pdf (store, workshop, kind, pdf, &error))
    return cli_fail (error);
  g_print (_("Wrote %s.\n"), pdf);

  if (record)
    {
      g_autofree char *total = NULL;
      guint people = 0, expenses = 0;

      if (!desk_payments_record (store, NULL, workshop, &people, &expenses, &total, &error))
        return cli_fail (error);
      /* Translators: the first %u is a number of people, the second of expenses; %s is
       * an amount with its currency, such as "GHS 1,200.00". */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Recorded the payment of %u person (expenses: %u), %s in all.\n",
                            "Recorded the payments of %u people (expenses: %u), %s in all.\n",
                            people),
               people, expenses, total);
    }

  return EXIT_SUCCESS;
}
