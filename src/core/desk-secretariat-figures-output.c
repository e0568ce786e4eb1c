/* desk-secretariat-figures-output.c — the figures across groups as JSON, CSV and a report
 *
 * JSON and CSV are data: stable English keys, ISO dates, amounts in minor units (JSON)
 * or plain decimals (CSV), shares as "37.5". The report is for people: the UI language,
 * amounts grouped with the currency's decimals, the same table the PDF prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat.h"

#include <json-glib/json-glib.h>

#include "desk-attendance.h"
#include "desk-csv.h"
#include "desk-date.h"
#include "desk-i18n.h"
#include "desk-json.h"
#include "desk-money.h"
#include "desk-report-private.h"

/* JSON */

static void
member_int (JsonBuilder *builder,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* "37.5", or null when nobody attended. */
static void
member_share (JsonBuilder *builder,
              const char  *name,
              gint64       women,
              gint64       total)
{
  g_autofree char *share = desk_share_format_percent (women, total);

  desk_json_add_string (builder, name, share[0] != '\0' ? share : NULL);
}

static void
member_milli (JsonBuilder *builder,
              const char  *name,
              gint64       milli)
{
  json_builder_set_member_name (builder, name);
  if (milli >= 0)
    json_builder_add_int_value (builder, milli);
  else
    json_builder_add_null_value (builder);
}

static void
json_figures (JsonBuilder         *builder,
              DeskGroupFiguresSet *set,
              DeskGroupFigures    *f)
{
  json_builder_begin_object (builder);
  desk_json_add_string (builder, "uuid", f->group_uuid);
  desk_json_add_string (builder, "code", f->code);
  desk_json_add_string (builder, "name", f->name);
  desk_json_add_string (builder, "country", f->country);
  desk_json_add_string (builder, "privacy", f->privacy);
  desk_json_add_string (builder, "reporting_currency", f->reporting_currency);

  member_int (builder, "activities", f->activities);
  member_int (builder, "activities_done", f->activities_done);
  json_builder_set_member_name (builder, "activities_by_status");
  json_builder_begin_object (builder);
  for (guint s = 0; set->statuses[s] != NULL; s++)
    member_int (builder, set->statuses[s], f->activities_by_status[s]);
  json_builder_end_object (builder);
  member_int (builder, "deliverables_done", f->deliverables_done);
  member_int (builder, "deliverables_overdue", f->deliverables_overdue);

  member_int (builder, "workshops", f->workshops);
  member_int (builder, "workshops_counts_only", f->workshops_counts_only);
  member_int (builder, "attendances", f->attendances);
  /* Unknown for a group that sent counts only; the total is of the groups that did not. */
  json_builder_set_member_name (builder, "people");
  if (f->people_known || f->group_uuid == NULL)
    json_builder_add_int_value (builder, f->people);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "people_known");
  json_builder_add_boolean_value (builder, f->people_known);
  member_int (builder, "women_attendances", f->women_attendances);
  member_share (builder, "women_percent", f->women_attendances, f->attendances);
  json_builder_set_member_name (builder, "by_pillar");
  json_builder_begin_array (builder);
  for (guint p = 0; set->pillars[p] != NULL; p++)
    {
      json_builder_begin_object (builder);
      desk_json_add_string (builder, "pillar", set->pillars[p]);
      member_int (builder, "attendances", f->pillar_attendances[p]);
      member_int (builder, "women_attendances", f->pillar_women[p]);
      member_share (builder, "women_percent", f->pillar_women[p], f->pillar_attendances[p]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < f->indicators->len; i++)
    {
      DeskIndicatorFigure *ind = g_ptr_array_index (f->indicators, i);

      json_builder_begin_object (builder);
      desk_json_add_string (builder, "uuid", ind->indicator_uuid);
      desk_json_add_string (builder, "name", ind->name);
      desk_json_add_string (builder, "unit", ind->unit);
      member_milli (builder, "target_milli", ind->target_milli);
      member_milli (builder, "actual_milli", ind->actual_milli);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  member_int (builder, "indicators_met", f->indicators_met);
  member_int (builder, "indicators_with_target", f->indicators_with_target);

  member_int (builder, "budget", f->budget);
  member_int (builder, "received", f->received);
  member_int (builder, "spent", f->spent);
  member_int (builder, "missing_rates", f->missing_rates);
  member_int (builder, "too_large", f->too_large);
  json_builder_end_object (builder);
}

char *
desk_group_figures_set_to_json (DeskGroupFiguresSet *set)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (set != NULL, NULL);

  json_builder_begin_object (builder);
  desk_json_add_string (builder, "from", set->from);
  desk_json_add_string (builder, "to", set->to);
  desk_json_add_string (builder, "today", set->today);
  desk_json_add_string (builder, "currency", set->currency);
  member_int (builder, "decimals", set->decimals);
  member_int (builder, "groups_without_people", set->groups_without_people);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < set->groups->len; i++)
    json_figures (builder, set, g_ptr_array_index (set->groups, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_figures (builder, set, set->total);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* CSV */

char *
desk_group_figures_set_to_csv (DeskGroupFiguresSet *set)
{
  static const char *const head[] = {
    "level", "code", "name", "country", "activities", "activities_done", "deliverables_done",
    "deliverables_overdue", "workshops", "attendances", "people", "women_attendances",
    "women_percent", "indicators_met", "indicators_with_target", "budget", "received",
    "spent", "currency", "missing_rates", "too_large",
  };
  GString *out;
  DeskCsv csv;

  g_return_val_if_fail (set != NULL, NULL);

  out = g_string_new (NULL);
  desk_csv_init (&csv, out, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    desk_csv_field (&csv, head[i]);
  for (guint s = 0; set->statuses[s] != NULL; s++)
    {
      g_autofree char *key = g_strconcat ("activities_status_", set->statuses[s], NULL);
      desk_csv_field (&csv, key);
    }
  for (guint p = 0; set->pillars[p] != NULL; p++)
    {
      g_autofree char *key = g_strconcat ("women_percent_", set->pillars[p], NULL);
      desk_csv_field (&csv, key);
    }
  desk_csv_end_row (&csv);

  for (guint r = 0; r <= set->groups->len; r++)
    {
      DeskGroupFigures *f = r < set->groups->len ? g_ptr_array_index (set->groups, r) : set->total;
      g_autofree char *share = desk_share_format_percent (f->women_attendances, f->attendances);

      desk_csv_field (&csv, f == set->total ? "total" : "group");
      desk_csv_field (&csv, f->code != NULL ? f->code : "");
      desk_csv_field (&csv, f->name);
      desk_csv_field (&csv, f->country != NULL ? f->country : "");
      desk_csv_field_int (&csv, f->activities);
      desk_csv_field_int (&csv, f->activities_done);
      desk_csv_field_int (&csv, f->deliverables_done);
      desk_csv_field_int (&csv, f->deliverables_overdue);
      desk_csv_field_int (&csv, f->workshops);
      desk_csv_field_int (&csv, f->attendances);
      /* Empty where people are unknown (counts only). */
      if (f->people_known || f == set->total)
        desk_csv_field_int (&csv, f->people);
      else
        desk_csv_field (&csv, "");
      desk_csv_field_int (&csv, f->women_attendances);
      desk_csv_field_number (&csv, share);
      desk_csv_field_int (&csv, f->indicators_met);
      desk_csv_field_int (&csv, f->indicators_with_target);
      desk_csv_field_fixed (&csv, f->budget, set->decimals);
      desk_csv_field_fixed (&csv, f->received, set->decimals);
      desk_csv_field_fixed (&csv, f->spent, set->decimals);
      desk_csv_field (&csv, set->currency);
      desk_csv_field_int (&csv, f->missing_rates);
      desk_csv_field_int (&csv, f->too_large);
      for (guint s = 0; set->statuses[s] != NULL; s++)
        desk_csv_field_int (&csv, f->activities_by_status[s]);
      for (guint p = 0; set->pillars[p] != NULL; p++)
        {
          g_autofree char *pillar_share = desk_share_format_percent (f->pillar_women[p], f->pillar_attendances[p]);
          desk_csv_field_number (&csv, pillar_share);
        }
      desk_csv_end_row (&csv);
    }

  return g_string_free (out, FALSE);
}

/* The report */

static char *
count_text (gint64 n)
{
  return desk_money_format_amount (n, 0);
}

static char *
share_text (gint64 women,
            gint64 total)
{
  int per_mille = desk_share_per_mille (women, total);

  return per_mille < 0 ? g_strdup ("—") : desk_percent_format (per_mille);
}

static void
add_row (DeskReport          *report,
         DeskGroupFiguresSet *set,
         DeskGroupFigures    *f)
{
  gboolean total = f == set->total;

  _desk_report_add_row (report,
                        g_strdup (total ? f->name : f->code),
                        g_strdup (total ? "" : f->country),
                        count_text (f->workshops),
                        count_text (f->attendances),
                        f->people_known || total ? count_text (f->people) : g_strdup ("—"),
                        share_text (f->women_attendances, f->attendances),
                        count_text (f->activities_done),
                        count_text (f->deliverables_overdue),
                        desk_money_format_amount (f->budget, set->decimals),
                        desk_money_format_amount (f->received, set->decimals),
                        desk_money_format_amount (f->spent, set->decimals),
                        count_text (f->missing_rates),
                        NULL);
  if (total)
    _desk_report_set_last_row_level (report, DESK_REPORT_ROW_TOTAL);
}

static void
add_notes (DeskReport          *report,
           DeskGroupFiguresSet *set)
{
  g_ptr_array_add (report->notes,
                   g_strdup_printf (_("Amounts are in %s, converted from each group’s currency with "
                                      "the group’s own exchange rates on the dates of the amounts."),
                                    set->currency));
  for (guint i = 0; i < set->groups->len; i++)
    {
      DeskGroupFigures *f = g_ptr_array_index (set->groups, i);

      if (f->missing_rates > 0)
        g_ptr_array_add (report->notes,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u amount is left out of the totals because "
                                                       "the group has no exchange rate for it. Ask the "
                                                       "group to record its rate of %s.",
                                                       "%s: %u amounts are left out of the totals because "
                                                       "the group has no exchange rate for them. Ask the "
                                                       "group to record its rate of %s.",
                                                       f->missing_rates),
                                          f->code, f->missing_rates, set->currency));
      if (f->too_large > 0)
        g_ptr_array_add (report->notes,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u amount is left out because it is more "
                                                       "than Groupdesk can count or its rate is out of "
                                                       "range. Check the group’s figures.",
                                                       "%s: %u amounts are left out because they are more "
                                                       "than Groupdesk can count or their rate is out of "
                                                       "range. Check the group’s figures.",
                                                       f->too_large),
                                          f->code, f->too_large));
      if (!f->people_known)
        g_ptr_array_add (report->notes,
                         g_strdup_printf (_("%s sent attendance as counts only, so the people it "
                                            "reached are not known and not in the total of people."),
                                          f->code));
    }
  if (set->groups->len == 0)
    g_ptr_array_add (report->notes,
                     g_strdup (_("There are no groups yet. Import the groups’ bundles to see their figures.")));
}

static void
add_chart (DeskReport          *report,
           DeskGroupFiguresSet *set)
{
  const char *names[] = { _("Budget"), _("Received"), _("Spent") };
  DeskReportSeries *series[G_N_ELEMENTS (names)];
  int scale = 1;

  for (int d = 0; d < set->decimals; d++)
    scale *= 10;

  report->chart_title = g_strdup_printf (_("Budget, received and spent by group (%s)"), set->currency);
  g_free (report->unit);
  report->unit = g_strdup (set->currency);
  report->unit_scale = scale;
  for (guint i = 0; i < set->groups->len; i++)
    g_ptr_array_add (report->chart_labels, g_strdup (((DeskGroupFigures *) g_ptr_array_index (set->groups, i))->code));
  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    series[s] = _desk_report_add_series (report, names[s]);
  for (guint i = 0; i < set->groups->len; i++)
    {
      DeskGroupFigures *f = g_ptr_array_index (set->groups, i);

      series[0]->values[i] = f->budget;
      series[1]->values[i] = f->received;
      series[2]->values[i] = f->spent;
    }
  report->chart_description = desk_report_chart_values_sentence (report);
}

DeskReport *
desk_group_figures_set_to_report (DeskGroupFiguresSet *set)
{
  DeskReport *report;
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *groups = NULL;

  g_return_val_if_fail (set != NULL, NULL);

  period = set->from != NULL || set->to != NULL
           ? desk_date_format_period (set->from, set->to) : g_strdup (_("All dates"));
  /* Translators: under the title of the figures across groups: the period and the
   * currency, "1 Jan 2026 – 30 Jun 2026 · amounts in USD". */
  subtitle = g_strdup_printf (_("%s · amounts in %s"), period, set->currency);
  groups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups",
                                         set->groups->len), set->groups->len);
  /* Money in its currency: the CSV of the report names it in a column. */
  report = _desk_report_new (DESK_REPORT_BUDGET, _("Figures across groups"), groups,
                             set->from, set->to, subtitle);

  _desk_report_add_column (report, "code", _("Group"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "country", _("Country"), DESK_COLUMN_TEXT);
  _desk_report_add_column (report, "workshops", _("Workshops"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "attendances", _("Attendances"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "people", _("People"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "women_percent", _("Women"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "activities_done", _("Activities done"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "deliverables_overdue", _("Overdue"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "budget", _("Budget"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "received", _("Received"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "spent", _("Spent"), DESK_COLUMN_NUMBER);
  _desk_report_add_column (report, "missing_rates", _("Missing rates"), DESK_COLUMN_NUMBER);

  for (guint i = 0; i < set->groups->len; i++)
    add_row (report, set, g_ptr_array_index (set->groups, i));
  add_row (report, set, set->total);
  add_notes (report, set);
  add_chart (report, set);

  return report;
}
