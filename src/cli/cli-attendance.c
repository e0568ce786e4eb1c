/* cli-attendance.c — groupdesk-cli attendance-import, attendance and invite
 *
 * attendance-import reads a workshop's sign-in sheet; attendance prints the pillar ×
 * gender counts (and, for one workshop in JSON, its list by person UUID and status);
 * invite puts people on a workshop's list as invited, or confirms them. None ever prints a participant's name: participants include human
 * rights defenders, and a terminal's scroll-back or a script's log is not the place for
 * their names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"

int cmd_attendance_import (CliOptions *options, int argc, char **argv);
int cmd_attendance (CliOptions *options, int argc, char **argv);
int cmd_invite (CliOptions *options, int argc, char **argv);

/* attendance-import */

/* One counted phrase of a summary ("3 new people, 1 error"): each count in a message of
 * its own through ngettext, so that English gets its plurals and Chinese its measure
 * words; the same messages as the sign-in dialog's. */
static void append_count (GString    *text,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
append_count (GString    *text,
              const char *format,
              ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append (text, C_("list separator", ", "));
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static const char *
separator_name (char separator)
{
  switch (separator)
    {
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    case ',':
    default:
      return _("comma");
    }
}

static void
print_plan (DeskSigninPlan *plan)
{
  g_print (_("Encoding: %s; separator: %s\n"), desk_signin_plan_get_encoding (plan),
           separator_name (desk_signin_plan_get_separator (plan)));
  g_print (_("Columns:\n"));
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      const char *header = desk_signin_plan_get_header (plan, c);

      if (header != NULL)
        g_print ("  %-14s ← “%s”\n", desk_signin_column_key (c), header);
      else
        g_print ("  %-14s %s\n", desk_signin_column_key (c), _("(not in the sheet)"));
    }

  for (guint i = 0; i < desk_signin_plan_get_n_rows (plan); i++)
    {
      const DeskSigninRow *row = desk_signin_plan_get_row (plan, i);

      switch (row->fate)
        {
        case DESK_SIGNIN_ROW_NEW:
          g_print (_("line %u: new person\n"), row->line);
          break;
        case DESK_SIGNIN_ROW_EXISTING:
          g_print (_("line %u: already known, person %s\n"), row->line, row->person_uuid);
          break;
        case DESK_SIGNIN_ROW_LISTED:
          g_print (_("line %u: already on this workshop’s list, person %s\n"), row->line,
                   row->person_uuid);
          break;
        case DESK_SIGNIN_ROW_REPEAT:
          g_print (_("line %u: the same person as line %u, skipped\n"), row->line,
                   row->same_as_line);
          break;
        case DESK_SIGNIN_ROW_ERROR:
        default:
          g_print (_("line %u: not imported (see the error)\n"), row->line);
          g_printerr ("%s\n", row->message);
          break;
        }
    }
}

int
cmd_attendance_import (CliOptions  *options,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autoptr(GStrvBuilder) mapping_builder = g_strv_builder_new ();
  g_auto(GStrv) mapping = NULL;
  DeskSigninResult result = { 0 };
  const char *workshop = NULL;
  const char *path = NULL;
  gboolean dry_run = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (argv[i], "--workshop") || g_str_equal (argv[i], "--map"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          if (g_str_equal (argv[i], "--workshop"))
            workshop = argv[++i];
          else
            {
              g_auto(GStrv) pairs = g_strsplit (argv[++i], ",", -1);

              for (guint k = 0; pairs[k] != NULL; k++)
                if (pairs[k][0] != '\0')
                  g_strv_builder_add (mapping_builder, pairs[k]);
            }
        }
      else if (g_str_has_prefix (argv[i], "-") && !g_str_equal (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else if (path == NULL)
        path = argv[i];
      else
        return cli_usage_error (_("“attendance-import” reads one file at a time."));
    }

  if (workshop == NULL || path == NULL)
    return cli_usage_error (_("“attendance-import” needs a workshop and a file: "
                              "attendance-import --workshop UUID FILE."));
  mapping = g_strv_builder_end (mapping_builder);

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);
  /* Matching a sheet's names against the people known needs their names. */
  if (!cli_require_names (store, &error))
    return cli_fail (error);

  file = g_file_new_for_commandline_arg (path);
  plan = desk_signin_plan_new_for_file (store, workshop, file,
                                        (const char *const *) mapping, &error);
  if (plan == NULL)
    return cli_fail (error);
  if (desk_signin_plan_get_problem (plan) != NULL)
    {
      int column = desk_signin_plan_get_problem_column (plan);

      /* Translators: the first %s is core's sentence; --map COLUMN=HEADER stays as it is,
       * with the column's key ("name") in English. */
      g_set_error (&error, DESK_ERROR, DESK_ERROR_INVALID, _("%s Say which with --map %s=HEADER."),
                   desk_signin_plan_get_problem (plan),
                   column >= 0 ? desk_signin_column_key (column) : "COLUMN");
      return cli_fail (error);
    }

  print_plan (plan);

  if (dry_run)
    {
      guint n_new = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_NEW);
      guint n_known = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_EXISTING);
      guint n_listed = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_LISTED);
      guint n_repeat = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_REPEAT);
      guint n_error = desk_signin_plan_count (plan, DESK_SIGNIN_ROW_ERROR);

      append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u new person", "%u new people", n_new), n_new);
      append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u known person", "%u known people", n_known),
                    n_known);
      append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u already on the list", "%u already on the list",
                                         n_listed),
                    n_listed);
      append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u repeated row", "%u repeated rows", n_repeat),
                    n_repeat);
      append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_error), n_error);
      /* Translators: the counts of a sign-in sheet's rows, one after the other. */
      g_print (_("Dry run: %s. Nothing was written.\n"), counts->str);
      return EXIT_SUCCESS;
    }

  if (!desk_signin_apply (store, plan, workshop, &result, &error))
    return cli_fail (error);

  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u person added", "%u people added",
                                     result.people_added),
                result.people_added);
  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u person matched", "%u people matched",
                                     result.people_matched),
                result.people_matched);
  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u added to the list", "%u added to the list",
                                     result.attendance_added),
                result.attendance_added);
  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u marked attended", "%u marked attended",
                                     result.attendance_marked),
                result.attendance_marked);
  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", result.skipped),
                result.skipped);
  append_count (counts, g_dngettext (GETTEXT_PACKAGE, "%u row with errors", "%u rows with errors",
                                     result.errors),
                result.errors);
  /* Translators: what importing a sign-in sheet did, the counts one after the other. */
  g_print (_("Imported: %s.\n"), counts->str);
  if (result.errors > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u row was not imported: correct it in the sheet and import it "
                             "again; the rows already imported will be matched, not repeated.\n",
                             "%u rows were not imported: correct them in the sheet and import it "
                             "again; the rows already imported will be matched, not repeated.\n",
                             result.errors),
                result.errors);

  return EXIT_SUCCESS;
}

/* attendance */

/* A JSON string; the values here are codes, dates and UUIDs, but escape them anyway. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The share as a JSON number with at most one decimal, exact from integers, or null. */
static void
append_json_share (GString *out,
                   gint64   women,
                   gint64   total)
{
  int per_mille = desk_share_per_mille (women, total);

  if (per_mille < 0)
    g_string_append (out, "null");
  else if (per_mille % 10 == 0)
    g_string_append_printf (out, "%d", per_mille / 10);
  else
    g_string_append_printf (out, "%d.%d", per_mille / 10, per_mille % 10);
}

/* A workshop's list: who (by UUID, never by name), in what role, with what status, so
 * that a script finds the people invited and not yet confirmed. */
static gboolean
append_json_list (GString     *out,
                  DeskStore   *store,
                  const char  *workshop,
                  GError     **error)
{
  g_autoptr(GPtrArray) entries = desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                                                     workshop, error);

  if (entries == NULL)
    return FALSE;
  g_string_append (out, ",\n  \"list\": [");
  for (guint i = 0; i < entries->len; i++)
    {
      DeskRecord *entry = g_ptr_array_index (entries, i);

      g_string_append (out, i > 0 ? ",\n    {\"person\": " : "\n    {\"person\": ");
      append_json_string (out, desk_record_get_string (entry, "person_uuid"));
      g_string_append (out, ", \"role\": ");
      append_json_string (out, desk_record_get_string (entry, "role"));
      g_string_append (out, ", \"status\": ");
      append_json_string (out, desk_record_get_string (entry, "status"));
      g_string_append (out, "}");
    }
  g_string_append (out, entries->len > 0 ? "\n  ]" : "]");
  return TRUE;
}

static gboolean
print_json (DeskAttendanceBreakdown *b,
            DeskStore               *store,
            GError                 **error)
{
  g_autoptr(GString) out = g_string_new ("{\n");

  g_string_append (out, "  \"group\": ");
  append_json_string (out, b->group_uuid);
  g_string_append (out, ",\n  \"workshop\": ");
  append_json_string (out, b->workshop_uuid);
  g_string_append (out, ",\n  \"from\": ");
  append_json_string (out, b->from);
  g_string_append (out, ",\n  \"to\": ");
  append_json_string (out, b->to);
  g_string_append_printf (out, ",\n  \"workshops\": %" G_GINT64_FORMAT, b->workshops);
  g_string_append_printf (out, ",\n  \"attendances\": %" G_GINT64_FORMAT, b->attendances);
  g_string_append_printf (out, ",\n  \"people\": %" G_GINT64_FORMAT, b->people);
  g_string_append_printf (out, ",\n  \"women_attendances\": %" G_GINT64_FORMAT,
                          b->women_attendances);
  g_string_append_printf (out, ",\n  \"women_people\": %" G_GINT64_FORMAT, b->women_people);
  g_string_append (out, ",\n  \"women_share_percent\": ");
  append_json_share (out, b->women_attendances, b->attendances);
  g_string_append (out, ",\n  \"women_people_share_percent\": ");
  append_json_share (out, b->women_people, b->people);
  g_string_append_printf (out, ",\n  \"repeat_people\": %" G_GINT64_FORMAT, b->repeat_people);
  g_string_append_printf (out, ",\n  \"repeat_attendances\": %" G_GINT64_FORMAT,
                          b->repeat_attendances);

  g_string_append (out, ",\n  \"by_pillar_gender\": {");
  for (guint p = 0; b->pillars[p] != NULL; p++)
    {
      g_string_append (out, p > 0 ? ",\n    " : "\n    ");
      append_json_string (out, b->pillars[p]);
      g_string_append (out, ": {");
      for (guint g = 0; b->genders[g] != NULL; g++)
        {
          g_string_append (out, g > 0 ? ", " : "");
          append_json_string (out, b->genders[g]);
          g_string_append_printf (out, ": %" G_GINT64_FORMAT,
                                  desk_attendance_breakdown_get (b, b->pillars[p], b->genders[g]));
        }
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  },\n  \"by_pillar\": {");
  for (guint p = 0; b->pillars[p] != NULL; p++)
    {
      g_string_append (out, p > 0 ? ", " : "");
      append_json_string (out, b->pillars[p]);
      g_string_append_printf (out, ": %" G_GINT64_FORMAT,
                              desk_attendance_breakdown_pillar_total (b, b->pillars[p]));
    }
  g_string_append (out, "},\n  \"by_gender\": {");
  for (guint g = 0; b->genders[g] != NULL; g++)
    {
      g_string_append (out, g > 0 ? ", " : "");
      append_json_string (out, b->genders[g]);
      g_string_append_printf (out, ": %" G_GINT64_FORMAT,
                              desk_attendance_breakdown_gender_total (b, b->genders[g]));
    }
  g_string_append (out, "}");
  if (b->workshop_uuid != NULL && !append_json_list (out, store, b->workshop_uuid, error))
    return FALSE;
  g_string_append (out, "\n}\n");

  fwrite (out->str, 1, out->len, stdout);
  return TRUE;
}

static void
csv_share (DeskCsv *csv,
           gint64   women,
           gint64   total)
{
  int per_mille = desk_share_per_mille (women, total);

  if (per_mille < 0)
    desk_csv_field (csv, "");
  else
    desk_csv_field_fixed (csv, per_mille, 1);
}

static void
print_csv (DeskAttendanceBreakdown *b)
{
  GString *out = g_string_new (NULL);
  DeskCsv csv;

  desk_csv_init (&csv, out, FALSE);
  desk_csv_field (&csv, "pillar");
  for (guint g = 0; b->genders[g] != NULL; g++)
    desk_csv_field (&csv, b->genders[g]);
  desk_csv_field (&csv, "attendances");
  desk_csv_field (&csv, "people");
  desk_csv_field (&csv, "women_share_percent");
  desk_csv_end_row (&csv);

  for (guint p = 0; b->pillars[p] != NULL; p++)
    {
      desk_csv_field (&csv, b->pillars[p]);
      for (guint g = 0; b->genders[g] != NULL; g++)
        desk_csv_field_int (&csv, desk_attendance_breakdown_get (b, b->pillars[p], b->genders[g]));
      desk_csv_field_int (&csv, desk_attendance_breakdown_pillar_total (b, b->pillars[p]));
      desk_csv_field_int (&csv, b->pillar_people[p]);
      csv_share (&csv, desk_attendance_breakdown_get (b, b->pillars[p], "woman"),
                 desk_attendance_breakdown_pillar_total (b, b->pillars[p]));
      desk_csv_end_row (&csv);
    }

  desk_csv_field (&csv, "total");
  for (guint g = 0; b->genders[g] != NULL; g++)
    desk_csv_field_int (&csv, desk_attendance_breakdown_gender_total (b, b->genders[g]));
  desk_csv_field_int (&csv, b->attendances);
  desk_csv_field_int (&csv, b->people);
  csv_share (&csv, b->women_attendances, b->attendances);
  desk_csv_end_row (&csv);

  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
}

static void
print_text (DeskStore               *store,
            DeskAttendanceBreakdown *b)
{
  g_autofree char *share = desk_share_format_percent (b->women_attendances, b->attendances);

  g_print (_("Attendances: %lld at %lld workshops\n"),
           (long long) b->attendances, (long long) b->workshops);
  g_print (_("People reached: %lld\n"), (long long) b->people);
  if (share[0] != '\0')
    g_print (_("Women: %lld attendances, %s%%\n"), (long long) b->women_attendances, share);
  g_print (_("People who came more than once: %lld (%lld attendances after their first)\n"),
           (long long) b->repeat_people, (long long) b->repeat_attendances);
  g_print ("\n");

  g_print ("%-24s", _("Pillar"));
  for (guint g = 0; b->genders[g] != NULL; g++)
    {
      g_autofree char *label = desk_reference_table_label (store, "genders", b->genders[g]);
      g_print (" %14s", label);
    }
  g_print (" %10s\n", _("Total"));

  for (guint p = 0; b->pillars[p] != NULL; p++)
    {
      g_autofree char *label = g_str_equal (b->pillars[p], DESK_ATTENDANCE_PILLAR_NOT_STATED)
                               ? g_strdup (_("Not stated"))
                               : desk_reference_table_label (store, "pillars", b->pillars[p]);

      g_print ("%-24s", label);
      for (guint g = 0; b->genders[g] != NULL; g++)
        g_print (" %14" G_GINT64_FORMAT,
                 desk_attendance_breakdown_get (b, b->pillars[p], b->genders[g]));
      g_print (" %10" G_GINT64_FORMAT "\n",
               desk_attendance_breakdown_pillar_total (b, b->pillars[p]));
    }
}

int
cmd_attendance (CliOptions  *options,
                int          argc,
                char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskAttendanceBreakdown) breakdown = NULL;
  g_autofree char *group = NULL;
  const char *workshop = NULL;
  const char *from = NULL;
  const char *to = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--csv"))
        csv = TRUE;
      else if (g_str_equal (argv[i], "--workshop") || g_str_equal (argv[i], "--from") ||
               g_str_equal (argv[i], "--to"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          if (g_str_equal (argv[i], "--workshop"))
            workshop = argv[++i];
          else if (g_str_equal (argv[i], "--from"))
            from = argv[++i];
          else
            to = argv[++i];
        }
      else
        return cli_unknown_option (argv[i]);
    }

  if (json && csv)
    return cli_usage_error (_("Choose one of --json and --csv."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  if (!cli_resolve_group (store, options->group, &group, &error))
    return cli_fail (error);

  breakdown = desk_attendance_breakdown (store, group, workshop, from, to, &error);
  if (breakdown == NULL)
    return cli_fail (error);

  if (json)
    {
      if (!print_json (breakdown, store, &error))
        return cli_fail (error);
    }
  else if (csv)
    print_csv (breakdown);
  else
    print_text (store, breakdown);

  return EXIT_SUCCESS;
}

/* invite */

int
cmd_invite (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  const char *workshop = NULL;
  gboolean confirm = FALSE;
  guint invited = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--workshop"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          workshop = argv[++i];
        }
      else if (g_str_equal (argv[i], "--confirm"))
        confirm = TRUE;
      else if (g_str_has_prefix (argv[i], "-"))
        return cli_unknown_option (argv[i]);
      else
        g_ptr_array_add (people, argv[i]);
    }

  if (workshop == NULL)
    return cli_usage_error (_("“invite” needs --workshop UUID: “groupdesk-cli list workshops” "
                              "lists them."));
  if (people->len == 0)
    return cli_usage_error (_("“invite” needs at least one person's UUID: “groupdesk-cli list "
                              "people” lists them."));
  g_ptr_array_add (people, NULL);

  /* By UUID only: names are neither read nor printed, so a locked database will do. */
  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (confirm)
    {
      if (!desk_store_begin (store, &error))
        return cli_fail (error);
      for (guint i = 0; people->pdata[i] != NULL; i++)
        if (!desk_attendance_confirm (store, NULL, workshop, people->pdata[i], &error))
          {
            desk_store_rollback (store);
            return cli_fail (error);
          }
      if (!desk_store_commit (store, &error))
        return cli_fail (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Confirmed %u person.\n", "Confirmed %u people.\n",
                            people->len - 1),
               people->len - 1);
      return EXIT_SUCCESS;
    }

  if (!desk_attendance_invite (store, NULL, workshop, (const char *const *) people->pdata,
                               &invited, &error))
    return cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Invited %u person.\n", "Invited %u people.\n", invited),
           invited);
  if (invited < people->len - 1)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u was on the list already and kept their entry.\n",
                          "%u were on the list already and kept their entries.\n",
                          people->len - 1 - invited),
             people->len - 1 - invited);

  return EXIT_SUCCESS;
}
