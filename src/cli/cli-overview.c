/* cli-overview.c — groupdesk-cli overview: the Overview page's figures as text or JSON
 *
 * The figures come from desk_overview_read(), as the page's do, and the text says them
 * in the page's own words, so that what a coordinator reads here and in the app is the
 * same. JSON gives the plain numbers (money in minor units, shares in permille) and ISO
 * dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"
#include "desk-overview.h"

int cmd_overview (CliOptions *options, int argc, char **argv);

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static const char *
title_of (DeskRecord *record)
{
  const char *title = desk_record_get_narrative (record, "title", desk_locale_language (), NULL);

  return title != NULL ? title : "";
}

/* "  10 Dec 2026  Title", one line a record. */
static void
print_dated (GPtrArray  *records,
             const char *date_field,
             const char *empty)
{
  for (guint i = 0; i < records->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (records, i);
      g_autofree char *day = desk_date_format (desk_record_get_string (record, date_field));

      g_print ("  %s  %s\n", day, title_of (record));
    }
  if (records->len == 0)
    g_print ("  %s\n", empty);
}

static void
print_workplan (DeskStore    *store,
                DeskOverview *o)
{
  g_autofree char *period = NULL;
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;

  if (o->workplan == NULL)
    {
      g_print ("%s\n", _("No workplan yet"));
      return;
    }

  period = desk_date_format_period (desk_record_get_string (o->workplan, "period_start"),
                                    desk_record_get_string (o->workplan, "period_end"));
  g_print (_("%s · %s"), title_of (o->workplan), period);
  g_print ("\n  ");
  done = format_count (o->status_counts[0]);
  total = format_count (o->activities);
  g_print (_("%s of %s done"), done, total);
  g_print ("\n");
  for (guint s = 0; s < DESK_OVERVIEW_N_STATUSES; s++)
    {
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;

      if (o->status_counts[s] == 0)
        continue;
      label = desk_reference_label (store, DESK_KIND_ACTIVITY, "status", desk_overview_statuses[s]);
      count = format_count (o->status_counts[s]);
      g_print ("  %s %s\n", label, count);
    }
}

static void
print_deliverables (DeskOverview *o)
{
  g_autofree char *count = format_count (o->due->due_soon->len);

  g_print (ngettext ("%s due in the next 30 days", "%s due in the next 30 days", o->due->due_soon->len), count);
  g_print (" · ");
  if (o->due->overdue->len > 0)
    {
      g_autofree char *n = format_count (o->due->overdue->len);

      g_print (ngettext ("%s overdue", "%s overdue", o->due->overdue->len), n);
    }
  else
    g_print ("%s", _("Nothing overdue"));
  g_print ("\n");
  print_dated (o->due->due_soon, "due_date", _("Nothing is due in the next 30 days"));
}

static void
print_budget (DeskOverview *o)
{
  DeskBudgetSummary *s = o->budget;
  g_autofree char *spent = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *received = NULL;

  if (s == NULL)
    {
      g_print ("%s\n", _("No budget for this workplan yet"));
      return;
    }

  if (o->has_burn)
    g_print (_("%d%% spent"), desk_overview_burn_percent (o));
  else
    g_print ("%s", _("No budget yet"));
  g_print ("\n  ");
  spent = desk_money_format (s->total.spent, s->currency, s->decimals);
  budget = desk_money_format (desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED), s->currency, s->decimals);
  received = desk_money_format (s->received, s->currency, s->decimals);
  g_print (_("%s spent of %s · %s received"), spent, budget, received);
  g_print ("\n  ");
  g_print (_("%d%% of the workplan’s time elapsed"), (s->elapsed_permille + 5) / 10);
  g_print ("\n");
}

static void
print_attendance (DeskOverview *o)
{
  DeskAttendanceBreakdown *b = o->attendance;
  g_autofree char *share = NULL;
  g_autofree char *attendances = NULL;
  g_autofree char *people = NULL;

  if (b == NULL || b->attendances == 0)
    {
      g_print ("%s\n", _("No attendance recorded in this workplan’s period"));
      return;
    }

  share = desk_share_format_percent (b->women_attendances, b->attendances);
  g_print (_("%s%% women"), share);
  g_print ("\n  ");
  attendances = format_count (b->attendances);
  people = format_count (b->people);
  g_print (_("%s attendances by %s people"), attendances, people);
  g_print ("\n");
}

static void
print_export (DeskStore    *store,
              DeskOverview *o)
{
  DeskRecord *last = o->last_export;
  g_autofree char *sequence = NULL;
  g_autofree char *created = NULL;
  g_autofree char *period = NULL;
  g_autofree char *privacy = NULL;

  if (last == NULL)
    {
      g_print ("%s\n", _("Nothing exported yet"));
      return;
    }

  sequence = format_count (desk_record_get_int (last, "sequence"));
  created = desk_date_format_timestamp (desk_record_get_string (last, "created"));
  g_print (_("Export %s on %s"), sequence, created);
  g_print ("\n  ");
  period = desk_date_format_period (desk_record_get_string (last, "period_start"),
                                    desk_record_get_string (last, "period_end"));
  privacy = desk_reference_label (store, DESK_KIND_EXPORT, "privacy", desk_record_get_string (last, "privacy"));
  g_print (_("%s · %s"), period, privacy);
  g_print ("\n");
  if (o->changed < 0)
    return;
  g_print ("  ");
  if (o->changed == 0 && o->deleted == 0)
    g_print ("%s", _("Nothing has changed since"));
  else if (o->deleted == 0)
    {
      g_autofree char *n = format_count (o->changed);

      g_print (ngettext ("%s record added or changed since", "%s records added or changed since",
                         (gulong) o->changed), n);
    }
  else
    {
      g_autofree char *n = format_count (o->changed);
      g_autofree char *d = format_count (o->deleted);

      g_print (ngettext ("%s added or changed, %s deleted since", "%s added or changed, %s deleted since",
                         (gulong) o->deleted), n, d);
    }
  g_print ("\n");
}

/* Each tile under a heading of its own, in the page's order. */
static void
print_text (DeskStore    *store,
            DeskOverview *o)
{
  const char *name = desk_record_get_narrative (o->group, "name", desk_locale_language (), NULL);
  g_autofree char *country = desk_country_name (desk_record_get_string (o->group, "country"));
  g_autofree char *members = format_count (o->members);

  g_print ("%s\n", name != NULL ? name : "");
  g_print (_("%s · Reports in %s"), country, desk_record_get_string (o->group, "currency"));
  g_print ("\n");
  /* Translators: the group's members: "13 members" (in Chinese with a measure word). */
  g_print (ngettext ("%s member", "%s members", (gulong) o->members), members);
  g_print ("\n\n");

  g_print ("%s\n  ", _("Workplan Progress"));
  print_workplan (store, o);
  g_print ("\n%s\n  ", _("Deliverables"));
  print_deliverables (o);
  g_print ("\n%s\n  ", _("Budget Burn"));
  print_budget (o);
  g_print ("\n%s\n  ", _("Attendance"));
  print_attendance (o);
  g_print ("\n%s\n", _("Next Workshops"));
  print_dated (o->workshops, "start_date", _("No workshop is planned"));
  g_print ("\n%s\n  ", _("Last Export"));
  print_export (store, o);
}

static void
json_int (JsonBuilder *builder,
          const char  *name,
          gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The records as [{ "uuid", "date", "title" }]. */
static void
json_dated (JsonBuilder *builder,
            const char  *name,
            GPtrArray   *records,
            const char  *date_field)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      DeskRecord *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      desk_json_add_string (builder, "uuid", desk_record_get_uuid (record));
      desk_json_add_string (builder, date_field, desk_record_get_string (record, date_field));
      desk_json_add_string (builder, "title", title_of (record));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
json_workplan (JsonBuilder  *builder,
               DeskOverview *o)
{
  json_builder_set_member_name (builder, "workplan");
  if (o->workplan == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  desk_json_add_string (builder, "uuid", desk_record_get_uuid (o->workplan));
  desk_json_add_string (builder, "period_start", desk_record_get_string (o->workplan, "period_start"));
  desk_json_add_string (builder, "period_end", desk_record_get_string (o->workplan, "period_end"));
  json_int (builder, "activities", o->activities);
  json_builder_set_member_name (builder, "status_counts");
  json_builder_begin_object (builder);
  for (guint s = 0; s < DESK_OVERVIEW_N_STATUSES; s++)
    json_int (builder, desk_overview_statuses[s], o->status_counts[s]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
json_budget (JsonBuilder  *builder,
             DeskOverview *o)
{
  DeskBudgetSummary *s = o->budget;

  json_builder_set_member_name (builder, "budget");
  if (s == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  desk_json_add_string (builder, "currency", s->currency);
  json_int (builder, "decimals", s->decimals);
  json_int (builder, "budget", desk_budget_row_budget (&s->total, DESK_BUDGET_REVISED));
  json_int (builder, "spent", s->total.spent);
  json_int (builder, "received", s->received);
  json_builder_set_member_name (builder, "burn_permille");
  if (o->has_burn)
    json_builder_add_int_value (builder, o->burn_permille);
  else
    json_builder_add_null_value (builder);
  json_int (builder, "elapsed_permille", s->elapsed_permille);
  json_int (builder, "missing_rates", s->total.missing);
  json_builder_end_object (builder);
}

static void
json_attendance (JsonBuilder  *builder,
                 DeskOverview *o)
{
  DeskAttendanceBreakdown *b = o->attendance;

  json_builder_set_member_name (builder, "attendance");
  if (b == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_int (builder, "attendances", b->attendances);
  json_int (builder, "people", b->people);
  json_int (builder, "women_attendances", b->women_attendances);
  json_builder_set_member_name (builder, "women_share_permille");
  if (b->attendances > 0)
    json_builder_add_int_value (builder, desk_share_per_mille (b->women_attendances, b->attendances));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
json_export (JsonBuilder  *builder,
             DeskOverview *o)
{
  json_builder_set_member_name (builder, "last_export");
  if (o->last_export == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_int (builder, "sequence", desk_record_get_int (o->last_export, "sequence"));
  desk_json_add_string (builder, "created", desk_record_get_string (o->last_export, "created"));
  desk_json_add_string (builder, "period_start", desk_record_get_string (o->last_export, "period_start"));
  desk_json_add_string (builder, "period_end", desk_record_get_string (o->last_export, "period_end"));
  desk_json_add_string (builder, "privacy", desk_record_get_string (o->last_export, "privacy"));
  json_builder_set_member_name (builder, "changed_since");
  if (o->changed >= 0)
    json_builder_add_int_value (builder, o->changed);
  else
    json_builder_add_null_value (builder);
  json_int (builder, "deleted_since", o->deleted);
  json_builder_end_object (builder);
}

static void
print_json (DeskOverview *o)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  desk_json_add_string (builder, "group", desk_record_get_uuid (o->group));
  desk_json_add_string (builder, "today", o->today);
  json_int (builder, "members", o->members);
  json_workplan (builder, o);
  json_builder_set_member_name (builder, "deliverables");
  json_builder_begin_object (builder);
  desk_json_add_string (builder, "until", o->due->until);
  json_dated (builder, "overdue", o->due->overdue, "due_date");
  json_dated (builder, "due_soon", o->due->due_soon, "due_date");
  json_builder_end_object (builder);
  json_budget (builder, o);
  json_attendance (builder, o);
  json_dated (builder, "next_workshops", o->workshops, "start_date");
  json_export (builder, o);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
cmd_overview (CliOptions  *options,
              int          argc,
              char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskOverview) overview = NULL;
  g_autofree char *group = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else
        return cli_unknown_option (argv[i]);
    }

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  group = cli_dup_group_uuid (store, options->group, &error);
  if (group == NULL)
    return cli_fail (error);
  overview = desk_overview_read_group (store, group);
  if (overview->group == NULL)
    {
      g_set_error_literal (&error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                           _("The database holds no group yet. Create one in the app, or run “groupdesk-cli demo”."));
      return cli_fail (error);
    }

  if (json)
    print_json (overview);
  else
    print_text (store, overview);

  return EXIT_SUCCESS;
}
