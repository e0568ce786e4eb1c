/* cli-set.c — groupdesk-cli set KIND UUID FIELD=VALUE… [--reason TEXT]
 *
 * Every assignment is read and parsed before anything is written, and the record is
 * written once, through core's validation and its locks, so a refusal leaves the
 * database as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli-commands.h"

typedef struct
{
  const DeskField *field;
  char *name;         /* as typed: "amount" or "amount_minor" */
  const char *value;  /* in argv, which outlives the command */
} Assignment;

static void
clear_assignment (gpointer data)
{
  g_free (((Assignment *) data)->name);
}

/* FIELD=VALUE as an assignment to a field @kind has, or a usage error's status. */
static int
parse_assignment (const DeskKind *kind,
                  const char     *arg,
                  GArray         *assignments)
{
  const char *equals = strchr (arg, '=');
  g_autoptr(GError) error = NULL;
  Assignment a;

  if (equals == NULL)
    return cli_usage_error (_("“%s” is not an assignment. Write FIELD=VALUE, for example "
                              "date=2026-03-05."),
                            arg);
  a.name = g_strndup (arg, equals - arg);
  a.field = desk_record_text_field (kind, a.name, NULL, &error);
  if (a.field == NULL)
    {
      g_free (a.name);
      return cli_usage_error ("%s", error->message);
    }

  for (guint i = 0; i < assignments->len; i++)
    if (g_array_index (assignments, Assignment, i).field == a.field)
      {
        g_free (a.name);
        return cli_usage_error (_("“%s” is given twice. Give each field once."), a.field->name);
      }

  a.value = equals + 1;
  g_array_append_val (assignments, a);

  return EXIT_SUCCESS;
}

/* Currencies first: an amount is read in the currency the record will have. */
static gboolean
apply_assignments (DeskStore   *store,
                   DeskRecord  *record,
                   GArray      *assignments,
                   GError     **error)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < assignments->len; i++)
      {
        Assignment *a = &g_array_index (assignments, Assignment, i);
        gboolean currency = a->field->type == DESK_FIELD_CURRENCY;

        if (currency != (pass == 0))
          continue;
        if (!desk_record_set_from_text (store, record, a->name, a->value, error))
          return FALSE;
      }

  return TRUE;
}

int
cmd_set (CliOptions  *options,
         int          argc,
         char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GArray) assignments = g_array_new (FALSE, FALSE, sizeof (Assignment));
  g_autoptr(GString) names = g_string_new (NULL);
  const DeskKind *kind = NULL;
  const char *uuid = NULL;
  const char *reason = NULL;
  gboolean written;
  int status;

  g_array_set_clear_func (assignments, clear_assignment);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--reason"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          reason = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--reason="))
        reason = argv[i] + strlen ("--reason=");
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (kind == NULL)
        {
          kind = cli_kind_arg (argv[i], TRUE, &status);
          if (kind == NULL)
            return status;
        }
      else if (uuid == NULL)
        uuid = argv[i];
      else if ((status = parse_assignment (kind, argv[i], assignments)) != EXIT_SUCCESS)
        return status;
    }

  if (kind == NULL || uuid == NULL || assignments->len == 0)
    return cli_usage_error (_("“set” needs a kind of record, an identifier and at least one "
                              "FIELD=VALUE: set KIND UUID FIELD=VALUE…"));
  if (reason != NULL && desk_text_is_blank (reason))
    return cli_usage_error (_("The reason is empty. Say in a few words why the record is "
                              "changed, with --reason TEXT."));

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  record = desk_store_get (store, kind, uuid, &error);
  if (record == NULL)
    return cli_fail (error);

  /* Nothing is written unless every value was read. */
  if (!apply_assignments (store, record, assignments, &error))
    return cli_fail (error);

  if (reason != NULL)
    written = desk_store_update_with_reason (store, record, reason, &error);
  else
    written = desk_store_update (store, record, &error);
  if (!written)
    return cli_fail (error);

  for (guint i = 0; i < assignments->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            g_array_index (assignments, Assignment, i).field->name);
  /* Translators: a kind of record (“expense”), its identifier, then the fields changed. */
  g_print (_("Changed the %s %s: %s.\n"), _(kind->label), desk_record_get_uuid (record), names->str);

  return EXIT_SUCCESS;
}
