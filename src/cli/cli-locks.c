/* cli-locks.c — groupdesk-cli locks: the locked periods and the approved workplans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "cli-commands.h"

static void
print_json (GPtrArray *locks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < locks->len; i++)
    {
      const DeskLock *lock = g_ptr_array_index (locks, i);

      json_builder_begin_object (builder);
      desk_json_add_string (builder, "lock", lock->uuid);
      desk_json_add_string (builder, "kind", lock->kind == DESK_KIND_EXPORT ? "export" : "workplan");
      json_builder_set_member_name (builder, "sequence");
      json_builder_add_int_value (builder, lock->sequence);
      desk_json_add_string (builder, "from", lock->period_start);
      desk_json_add_string (builder, "to", lock->period_end);
      desk_json_add_string (builder, "locked_on", lock->locked_on);
      json_builder_set_member_name (builder, "unlocked");
      json_builder_add_int_value (builder, lock->n_unlocked);
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
print_text (DeskStore *store,
            GPtrArray *locks)
{
  if (locks->len == 0)
    {
      g_print ("%s\n", _("Nothing is locked: no bundle has been exported and no workplan approved."));
      return;
    }

  for (guint i = 0; i < locks->len; i++)
    {
      const DeskLock *lock = g_ptr_array_index (locks, i);
      g_autofree char *named = desk_lock_describe (store, lock);
      g_autofree char *period = desk_date_format_period (lock->period_start, lock->period_end);

      if (lock->kind == DESK_KIND_WORKPLAN)
        /* Translators: the workplan named (“the approved workplan “…””), then its period. */
        g_print (_("Locked by %s (%s)"), named, period);
      else
        /* Translators: the bundle named (“the bundle No. 3 for …, exported on …”). */
        g_print (_("Locked by %s"), named);
      if (lock->n_unlocked > 0)
        {
          g_print ("; ");
          g_print (g_dngettext (GETTEXT_PACKAGE, "%lld record unlocked with a reason",
                                "%lld records unlocked with a reason", lock->n_unlocked),
                   (long long) lock->n_unlocked);
        }
      g_print ("\n");
    }
}

int
cmd_locks (CliOptions  *options,
           int          argc,
           char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  g_autofree char *group = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“locks” takes no arguments, only --json."));
    }

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_resolve_group (store, options->group, &group, &error))
    return cli_fail (error);

  locks = desk_store_list_locks (store, group, &error);
  if (locks == NULL)
    return cli_fail (error);

  if (json)
    print_json (locks);
  else
    print_text (store, locks);

  return EXIT_SUCCESS;
}
