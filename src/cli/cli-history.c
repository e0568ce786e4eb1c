/* cli-history.c — `groupdesk-cli history KIND UUID [--json]`: a record's change history
 *
 * One line per change, newest first, with values as the editor shows them; or, with
 * --json, an array of { "at", "who", "action", "field", "old", "new", "reason" } with
 * the values as stored (null when unset).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "desk-cli.h"
#include "desk-json.h"

int cmd_history (CliOptions *options, int argc, char **argv);

static void
print_json (GPtrArray *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      DeskChange *c = g_ptr_array_index (changes, i);

      json_builder_begin_object (builder);
      desk_json_add_string (builder, "at", c->at);
      desk_json_add_string (builder, "who", c->who);
      desk_json_add_string (builder, "action", desk_change_action_to_string (c->action));
      desk_json_add_string (builder, "field", c->field);
      desk_json_add_string (builder, "old", c->old_value);
      desk_json_add_string (builder, "new", c->new_value);
      desk_json_add_string (builder, "reason", c->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_lines (DeskStore *store,
             GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      DeskChange *c = g_ptr_array_index (changes, i);
      const DeskField *f = c->field != NULL ? desk_kind_get_field (c->kind, c->field) : NULL;
      g_autofree char *at = desk_date_format_timestamp (c->at);
      g_autofree char *what = NULL;

      if (c->field == NULL)
        what = g_strdup (c->action == DESK_CHANGE_IMPORT && c->new_value != NULL ? c->new_value : "");
      else
        {
          g_autofree char *old_text = desk_change_format_value (store, c, c->old_value);
          g_autofree char *new_text = desk_change_format_value (store, c, c->new_value);

          /* Translators: one field's change in `history`: "Payee: ACME → Other". */
          what = g_strdup_printf (_("%s: %s → %s"), f != NULL ? _(f->label) : c->field,
                                  old_text, new_text);
        }
      g_print ("%s  %s  %s  %s", at, c->who, desk_change_action_label (c->action), what);
      if (c->reason != NULL)
        /* Translators: after a change in `history`, the reason given for it. */
        g_print (_("  (reason: %s)"), c->reason);
      g_print ("\n");
    }
}

int
cmd_history (CliOptions  *options,
             int          argc,
             char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const DeskKind *kind = NULL;
  const char *uuid = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (kind == NULL)
        {
          int status;

          kind = cli_kind_arg (argv[i], TRUE, &status);
          if (kind == NULL)
            return status;
        }
      else if (uuid == NULL)
        uuid = argv[i];
      else
        return cli_usage_error (_("“history” takes a kind of record and one identifier."));
    }

  if (kind == NULL || uuid == NULL)
    return cli_usage_error (_("“history” needs a kind of record and an identifier: history KIND UUID."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  /* As stored means readable: personal values are not printed locked. */
  if (json && desk_kind_has_sealed (kind) && !cli_require_names (store, &error))
    return cli_fail (error);

  changes = desk_store_list_changes (store, kind, uuid, &error);
  if (changes == NULL)
    return cli_fail (error);
  if (changes->len == 0)
    {
      /* A record with no change recorded: one that exists (made before the history
       * was kept) has an empty history; any other identifier is wrong. */
      g_autoptr(DeskRecord) record = desk_store_get (store, kind, uuid, &error);

      if (record == NULL)
        return cli_fail (error);
    }

  if (json)
    print_json (changes);
  else if (changes->len == 0)
    g_print (_("No change to this %s has been recorded yet.\n"), _(kind->label));
  else
    print_lines (store, changes);

  return EXIT_SUCCESS;
}
