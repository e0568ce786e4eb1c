/* cli-secretariat-status.c — groupdesk-cli secretariat status [--json]: each group's last
 * bundle and chain, as desk_secretariat_status() gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

static void
print_json (GPtrArray *statuses)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *s = statuses->pdata[i];

      json_builder_begin_object (builder);
      desk_json_add_string (builder, "uuid", s->group_uuid);
      desk_json_add_string (builder, "code", s->code);
      desk_json_add_string (builder, "country", s->country);
      desk_json_add_string (builder, "name", s->name);
      json_builder_set_member_name (builder, "last_sequence");
      json_builder_add_int_value (builder, s->last_sequence);
      desk_json_add_string (builder, "period_to", s->period_to);
      desk_json_add_string (builder, "imported", s->imported);
      desk_json_add_string (builder, "chain", desk_chain_to_string (s->chain));
      json_builder_set_member_name (builder, "missing");
      json_builder_begin_array (builder);
      for (guint j = 0; j < s->missing->len; j++)
        json_builder_add_int_value (builder, g_array_index (s->missing, gint64, j));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "replays_refused");
      json_builder_add_int_value (builder, s->replays_refused);
      json_builder_set_member_name (builder, "forks");
      json_builder_add_int_value (builder, s->forks);
      json_builder_set_member_name (builder, "late");
      json_builder_add_boolean_value (builder, s->late);
      json_builder_set_member_name (builder, "amendments");
      json_builder_add_int_value (builder, s->amendments);
      desk_json_add_string (builder, "privacy", s->privacy);
      desk_json_add_string (builder, "fingerprint", s->fingerprint);
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
print_row (const char *const *cells)
{
  static const int widths[] = { 12, 7, 32, 6, 10, 10, 10, 12, 10 };
  static const gboolean right[] = { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE };
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    {
      g_autofree char *cell = cli_fit (cells[c], widths[c], right[c]);

      if (c > 0)
        g_string_append (line, "  ");
      g_string_append (line, cell);
    }
  g_strchomp (line->str);
  g_print ("%s\n", line->str);
}

static void
print_table (GPtrArray *statuses)
{
  const char *header[] = {
    _("Code"), _("Country"), _("Name"), _("Last"), _("Period to"), _("Imported"),
    _("Chain"), _("Missing"), _("Late"),
  };

  print_row (header);
  for (guint i = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *s = statuses->pdata[i];
      g_autofree char *last = s->last_sequence > 0
                                ? g_strdup_printf ("%" G_GINT64_FORMAT, s->last_sequence)
                                : g_strdup ("—");
      g_autofree char *imported = s->imported != NULL ? g_strndup (s->imported, 10) : NULL;
      g_autoptr(GString) missing = g_string_new (NULL);
      const char *cells[9];

      for (guint j = 0; j < s->missing->len; j++)
        g_string_append_printf (missing, "%s%" G_GINT64_FORMAT, j > 0 ? "," : "",
                                g_array_index (s->missing, gint64, j));
      cells[0] = s->code;
      cells[1] = s->country;
      cells[2] = s->own ? _("(this database’s own group)") : s->name;
      cells[3] = last;
      cells[4] = s->period_to != NULL ? s->period_to : "—";
      cells[5] = imported != NULL ? imported : "—";
      cells[6] = desk_chain_label (s->chain);
      cells[7] = missing->len > 0 ? missing->str : "—";
      cells[8] = s->late ? s->due_to : "—";
      print_row (cells);
    }

  /* The sentences that say what to do, after the table. */
  for (guint i = 0, said = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *s = statuses->pdata[i];

      if (s->message != NULL)
        g_print ("%s%s\n", said++ == 0 ? "\n" : "", s->message);
      if (s->amendments > 0)
        {
          g_autofree char *line = NULL;

          line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s sent %u amendment to what it had reported: "
                                               "“groupdesk-cli secretariat amendments --group "
                                               "%s” says what was changed and why.",
                                               "%s sent %u amendments to what it had reported: "
                                               "“groupdesk-cli secretariat amendments --group "
                                               "%s” says what was changed and why.",
                                               s->amendments),
                                  s->code, s->amendments, s->code);

          g_print ("%s%s\n", said++ == 0 ? "\n" : "", line);
        }
    }
}

int
cli_secretariat_status (CliOptions  *options,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        return cli_usage_error (_("“secretariat status” takes no arguments: secretariat "
                                  "status [--json]."));
    }

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  statuses = desk_secretariat_status (store, NULL, &error);
  if (statuses == NULL)
    return cli_fail (error);

  if (json)
    print_json (statuses);
  else if (statuses->len == 0)
    g_print ("%s\n", _("This database holds no group yet: import the groups’ bundles into it."));
  else
    print_table (statuses);

  return EXIT_SUCCESS;
}
