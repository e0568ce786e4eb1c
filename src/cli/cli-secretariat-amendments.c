/* cli-secretariat-amendments.c — groupdesk-cli secretariat amendments --group CODE
 * [--json]: what a group changed in records it had reported, as its bundles said, and
 * why (desk_secretariat_list_amendments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

static void
print_json (GPtrArray *amendments)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < amendments->len; i++)
    {
      DeskAmendment *a = amendments->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "bundle");
      json_builder_add_int_value (builder, a->sequence);
      json_builder_set_member_name (builder, "amends");
      json_builder_add_int_value (builder, a->amends_sequence);
      desk_json_add_string (builder, "at", a->at);
      desk_json_add_string (builder, "action", a->action);
      desk_json_add_string (builder, "kind", a->kind_name);
      desk_json_add_string (builder, "record", a->record_uuid);
      desk_json_add_string (builder, "field", a->field);
      desk_json_add_string (builder, "old", a->old_value);
      desk_json_add_string (builder, "new", a->new_value);
      desk_json_add_string (builder, "reason", a->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* The action as a person reads it ("Changed"); the JSON keeps the word ("update"). */
static const char *
action_label (const char *action)
{
  static const char *const words[][2] = {
    { "insert", N_("Added") }, { "update", N_("Changed") }, { "delete", N_("Deleted") },
    { "undo", N_("Undone") }, { "redo", N_("Redone") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (action, words[i][0]) == 0)
      return _(words[i][1]);

  return action;
}

static void
print_text (GPtrArray *amendments)
{
  for (guint i = 0; i < amendments->len; i++)
    {
      DeskAmendment *a = amendments->pdata[i];
      g_autofree char *when = desk_date_format_timestamp (a->at);
      const char *kind = a->kind != NULL ? _(a->kind->label) : a->kind_name;
      const DeskField *field = a->kind != NULL && a->field != NULL
                                 ? desk_kind_get_field (a->kind, a->field) : NULL;
      const char *field_label = field != NULL ? _(field->label) : a->field;

      /* Bundle 4, 2 Jul 2026 09:00: expense 1b2c… (reported in bundle 3) */
      if (a->amends_sequence > 0)
        g_print (_("Bundle %lld, %s: %s %s %s (reported in bundle %lld)\n"),
                 (long long) a->sequence, when, action_label (a->action), kind,
                 a->record_uuid != NULL ? a->record_uuid : "—", (long long) a->amends_sequence);
      else
        g_print (_("Bundle %lld, %s: %s %s %s (of an approved workplan)\n"),
                 (long long) a->sequence, when, action_label (a->action), kind,
                 a->record_uuid != NULL ? a->record_uuid : "—");
      if (field_label != NULL)
        g_print ("  %s: %s → %s\n", field_label, a->old_value != NULL ? a->old_value : "—",
                 a->new_value != NULL ? a->new_value : "—");
      if (a->reason != NULL)
        g_print (_("  Reason: %s\n"), a->reason);
    }
}

int
cli_secretariat_amendments (CliOptions  *options,
                            int          argc,
                            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *group_uuid = NULL;
  const char *group = options->group;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--group"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          group = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“secretariat amendments” takes no arguments: secretariat "
                                  "amendments --group CODE [--json]."));
    }
  if (group == NULL)
    return cli_usage_error (_("“secretariat amendments” needs the group: secretariat "
                              "amendments --group CODE [--json]. “groupdesk-cli secretariat "
                              "status” lists the groups."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_resolve_group (store, group, &group_uuid, &error))
    return cli_fail (error);
  amendments = desk_secretariat_list_amendments (store, group_uuid, &error);
  if (amendments == NULL)
    return cli_fail (error);

  if (json)
    print_json (amendments);
  else if (amendments->len == 0)
    g_print ("%s\n", _("The group’s bundles carried no amendments: nothing it had reported "
                       "was changed afterwards."));
  else
    print_text (amendments);

  return EXIT_SUCCESS;
}
