/* cli-budget.c — groupdesk-cli budget: budget against actual, as text, JSON or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "desk-cli.h"

int cmd_budget (CliOptions *options, int argc, char **argv);

/* The workplan asked for, or the newest of the group's. */
static DeskRecord *
pick_workplan (DeskStore   *store,
               const char  *group,
               const char  *wanted,
               GError     **error)
{
  g_autoptr(GPtrArray) workplans = NULL;
  DeskRecord *newest = NULL;

  if (wanted != NULL)
    return desk_store_get (store, DESK_KIND_WORKPLAN, wanted, error);

  workplans = desk_store_list (store, DESK_KIND_WORKPLAN, group, error);
  if (workplans == NULL)
    return NULL;

  for (guint i = 0; i < workplans->len; i++)
    {
      DeskRecord *w = g_ptr_array_index (workplans, i);

      if (newest == NULL || g_strcmp0 (desk_record_get_string (w, "period_start"),
                                       desk_record_get_string (newest, "period_start")) > 0)
        newest = w;
    }

  if (newest == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no workplan yet. Create one in Groupdesk first."));
      return NULL;
    }

  return g_object_ref (newest);
}

/* A share for a sentence: "69.5%", or "—" when there is no budget to divide by. */
static char *
percent_sign (gboolean ok,
              int      permille)
{
  if (!ok)
    return g_strdup ("—");

  return desk_percent_format (permille);
}

typedef struct
{
  DeskStore *store;
  DeskBudgetSummary *summary;
  DeskBudgetVersion version;
} Budget;

static void
json_row (JsonBuilder         *builder,
          Budget              *b,
          const DeskBudgetRow *row)
{
  int permille = 0;
  gboolean ok;

  json_builder_set_member_name (builder, "original");
  json_builder_add_int_value (builder, row->original);
  json_builder_set_member_name (builder, "revised");
  json_builder_add_int_value (builder, row->revised);
  json_builder_set_member_name (builder, "spent");
  json_builder_add_int_value (builder, row->spent);
  json_builder_set_member_name (builder, "variance");
  json_builder_add_int_value (builder, desk_budget_row_variance (row, b->version));
  ok = desk_budget_row_variance_permille (row, b->version, &permille);
  json_builder_set_member_name (builder, "variance_permille");
  if (ok)
    json_builder_add_int_value (builder, permille);
  else
    json_builder_add_null_value (builder);
  ok = desk_budget_row_burn_permille (row, b->version, &permille);
  json_builder_set_member_name (builder, "burn_permille");
  if (ok)
    json_builder_add_int_value (builder, permille);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "over_budget");
  json_builder_add_boolean_value (builder, desk_budget_row_is_over (row, b->version));
  json_builder_set_member_name (builder, "missing_rates");
  json_builder_add_int_value (builder, row->missing);
  json_builder_set_member_name (builder, "too_large");
  json_builder_add_int_value (builder, row->too_large);
}

static int
print_json (Budget *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = desk_budget_rate_gaps (b->store, b->summary, b->version, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  DeskBudgetSummary *s = b->summary;
  static const char *const sections[] = { "lines", "activities", "categories" };
  GPtrArray *arrays[] = { s->lines, s->activities, s->categories };

  if (gaps == NULL)
    return cli_fail (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "workplan");
  json_builder_add_string_value (builder, s->workplan_uuid);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, s->currency);
  json_builder_set_member_name (builder, "decimals");
  json_builder_add_int_value (builder, s->decimals);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, b->version == DESK_BUDGET_ORIGINAL ? "original" : "revised");
  json_builder_set_member_name (builder, "elapsed_permille");
  json_builder_add_int_value (builder, s->elapsed_permille);
  json_builder_set_member_name (builder, "received");
  json_builder_add_int_value (builder, s->received);
  json_builder_set_member_name (builder, "received_missing_rates");
  json_builder_add_int_value (builder, s->received_missing);
  json_builder_set_member_name (builder, "received_too_large");
  json_builder_add_int_value (builder, s->received_too_large);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < s->problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (s->problems, i));
  json_builder_end_array (builder);
  /* The amounts left out for want of a rate, by currency, in that currency's minor units. */
  json_builder_set_member_name (builder, "missing_rates_by_currency");
  json_builder_begin_array (builder);
  for (guint i = 0; i < gaps->len; i++)
    {
      const DeskBudgetGap *gap = g_ptr_array_index (gaps, i);
      static const char *const kinds[DESK_BUDGET_GAP_KINDS] = { "budget", "spent", "received" };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, gap->currency);
      for (guint k = 0; k < DESK_BUDGET_GAP_KINDS; k++)
        {
          g_autofree char *count = g_strconcat (kinds[k], "_count", NULL);

          json_builder_set_member_name (builder, count);
          json_builder_add_int_value (builder, gap->n[k]);
          json_builder_set_member_name (builder, kinds[k]);
          if (gap->beyond[k])
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, gap->sum[k]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cash");
  json_builder_add_int_value (builder, s->received - s->total.spent);
  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  json_row (builder, b, &s->total);
  json_builder_end_object (builder);

  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    {
      json_builder_set_member_name (builder, sections[k]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < arrays[k]->len; i++)
        {
          const DeskBudgetRow *row = g_ptr_array_index (arrays[k], i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, k == 2 ? "category" : "uuid");
          if (k == 1 && row->key[0] == '\0')
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, row->key);
          json_row (builder, b, row);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);

  return EXIT_SUCCESS;
}

static int
print_csv (Budget   *b,
           gboolean  expenses,
           gboolean  bom)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = expenses ? desk_budget_expenses_csv (b->store, b->summary, bom, &error)
                                   : desk_budget_lines_csv (b->store, b->summary, b->version, bom, &error);

  if (text == NULL)
    return cli_fail (error);

  fputs (text, stdout);
  return EXIT_SUCCESS;
}

/* One row of the text table: @name fitted by terminal cells (names may be Chinese), the
 * figures right-aligned under their headings. */
static void
print_text_row (const char *name,
                const char *budget,
                const char *spent,
                const char *variance,
                const char *status)
{
  g_autofree char *n = cli_fit (name, 44, FALSE);
  g_autofree char *rb = cli_fit (budget, 16, TRUE);
  g_autofree char *rs = cli_fit (spent, 16, TRUE);
  g_autofree char *rv = cli_fit (variance, 16, TRUE);

  g_print ("%s %s %s %s  %s\n", n, rb, rs, rv, status);
}

static int
print_text (Budget *b)
{
  DeskBudgetSummary *s = b->summary;
  g_autofree char *budget = desk_money_format (desk_budget_row_budget (&s->total, b->version), s->currency, s->decimals);
  g_autofree char *spent = desk_money_format (s->total.spent, s->currency, s->decimals);
  g_autofree char *received = desk_money_format (s->received, s->currency, s->decimals);
  g_autofree char *cash = desk_money_format (s->received - s->total.spent, s->currency, s->decimals);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  int burn = 0;
  gboolean has_burn = desk_budget_row_burn_permille (&s->total, b->version, &burn);
  g_autofree char *burn_text = percent_sign (has_burn, burn);
  g_autofree char *elapsed = percent_sign (TRUE, s->elapsed_permille);

  table = desk_budget_table (b->store, s, &error);
  if (table != NULL)
    gaps = desk_budget_rate_gaps (b->store, s, b->version, &error);
  if (gaps == NULL)
    return cli_fail (error);

  g_print (_("Budget %s, spent %s (%s of the budget, with %s of the time gone).\n"),
           budget, spent, burn_text, elapsed);
  g_print (_("Received %s; cash in hand %s.\n"), received, cash);
  /* Totals that leave amounts out say so, and say which. */
  if (gaps->len > 0)
    g_print ("%s\n", desk_budget_incomplete_sentence ());
  for (guint i = 0; i < gaps->len; i++)
    {
      g_autofree char *text = desk_budget_gap_text (g_ptr_array_index (gaps, i));
      g_print ("%s.\n", text);
    }
  /* Figures too large to count are left out too: each sentence names its record. */
  for (guint i = 0; i < s->problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (s->problems, i));
  g_print ("\n");

  /* Translators: the heading of the figures in `groupdesk-cli budget`; %s is a currency code. */
  heading = g_strdup_printf (_("Budget (%s)"), s->currency);
  print_text_row (_("Activity and budget line"), heading, _("Spent"), _("Variance"), _("Status"));
  for (guint i = 0; i < table->len; i++)
    {
      const DeskBudgetTableRow *t = g_ptr_array_index (table, i);
      const DeskBudgetRow *row = t->row;
      g_autofree char *name = NULL;
      g_autofree char *rb = NULL, *rs = NULL, *rv = NULL;
      const char *status = "";

      if (t->level == DESK_BUDGET_LEVEL_CATEGORY)
        continue;
      if (t->level == DESK_BUDGET_LEVEL_LINE)
        name = g_strdup_printf ("  %s", t->description != NULL && t->description[0] != '\0' ? t->description : "—");
      else if (t->level == DESK_BUDGET_LEVEL_ACTIVITY)
        /* Translators: the row that sums an activity's lines; %s is the activity. */
        name = g_strdup_printf (_("%s, subtotal"), t->activity);
      else
        name = g_strdup (_("Total"));

      rb = desk_money_format_amount (desk_budget_row_budget (row, b->version), s->decimals);
      rs = desk_money_format_amount (row->spent, s->decimals);
      rv = desk_money_format_amount (desk_budget_row_variance (row, b->version), s->decimals);
      if (desk_budget_row_is_over (row, b->version))
        status = _("over budget");
      else if (desk_budget_table_row_incomplete (t))
        /* Translators: a total that leaves out amounts without an exchange rate. */
        status = C_("budget total", "incomplete");
      print_text_row (name, rb, rs, rv, status);
      if (t->level == DESK_BUDGET_LEVEL_ACTIVITY)
        g_print ("\n");
    }

  return EXIT_SUCCESS;
}

int
cmd_budget (CliOptions  *options,
            int          argc,
            char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autofree char *group = NULL;
  const char *wanted = NULL;
  gboolean json = FALSE, csv = FALSE, bom = FALSE, expenses = FALSE;
  Budget b = { 0 };

  b.version = DESK_BUDGET_REVISED;
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--workplan"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("%s needs a value."), argv[i]);
          wanted = argv[++i];
        }
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--csv"))
        csv = TRUE;
      else if (g_str_equal (argv[i], "--bom"))
        bom = TRUE;
      else if (g_str_equal (argv[i], "--expenses"))
        expenses = TRUE;
      else if (g_str_equal (argv[i], "--original"))
        b.version = DESK_BUDGET_ORIGINAL;
      else if (g_str_equal (argv[i], "--revised"))
        b.version = DESK_BUDGET_REVISED;
      else
        return cli_unknown_option (argv[i]);
    }
  if (json && csv)
    return cli_usage_error (_("Choose one of --json and --csv."));
  if (expenses && !csv)
    return cli_usage_error (_("--expenses writes CSV: add --csv."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);
  /* A workplan named by --workplan says its group itself. */
  if (wanted == NULL || options->group != NULL)
    {
      group = cli_dup_group_uuid (store, options->group, &error);
      if (group == NULL)
        return cli_fail (error);
    }

  workplan = pick_workplan (store, group, wanted, &error);
  if (workplan == NULL)
    return cli_fail (error);

  summary = desk_budget_summarise (store, desk_record_get_uuid (workplan), &error);
  if (summary == NULL)
    return cli_fail (error);

  b.store = store;
  b.summary = summary;

  if (csv)
    return print_csv (&b, expenses, bom);

  if (json)
    return print_json (&b);

  return print_text (&b);
}
