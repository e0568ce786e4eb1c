/* desk-kinds.c — the domain: every kind of record, its fields and its rules
 *
 * One section per entity. Field names are the table's column names (see
 * schema/001-initial.sql); labels are the names a coordinator sees in messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-kinds"

#include "config.h"

#include "desk-kind.h"

#include "desk-date.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-store-private.h"
#include "desk-text.h"
#include "desk-validate-private.h"

#define REQ DESK_FIELD_REQUIRED
#define NONNEG DESK_FIELD_NON_NEGATIVE
#define POS DESK_FIELD_POSITIVE
#define NARR DESK_FIELD_NARRATIVE
#define PRIV DESK_FIELD_PRIVATE
#define SEAL DESK_FIELD_SEALED
#define PAIR DESK_FIELD_PAIR_REQUIRED

/* Rules shared by several kinds */

/* The currency of money field @f: named by the field, or (a revision's unit cost) the
 * currency of the record's budget line. */
static char *
money_currency (DeskStore       *store,
                DeskRecord      *record,
                const DeskField *f)
{
  g_autoptr(DeskRecord) line = NULL;

  if (f->ref != NULL)
    return g_strdup (desk_record_get_string (record, f->ref));

  line = _desk_dup_referenced (store, record, "budget_line_uuid");
  return line != NULL ? g_strdup (desk_record_get_string (line, "currency")) : NULL;
}

/* Every amount, thousandths and whole number of @record within the bounds of
 * desk-money.h, so that no sum of them can wrap; INT64_MIN never gets in. */
static gboolean
check_numbers (DeskStore   *store,
               DeskRecord  *record,
               char       **bad_field,
               GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      gint64 bound = desk_number_bound (f->type);
      g_autofree char *currency = NULL;
      g_autofree char *why = NULL;
      gint64 value;

      if (bound == 0 || !desk_record_index_is_set (record, i))
        continue;
      value = desk_record_index_get_int (record, i);
      if (value <= bound && value >= -bound)
        continue;

      if (f->type == DESK_FIELD_MONEY)
        currency = money_currency (store, record, f);
      why = desk_number_check_bounds (f->type, f->label, value, currency,
                                      currency != NULL ? desk_currency_minor_units (store, currency) : -1);
      return _desk_fail (bad_field, error, f->name, "%s", why);
    }

  return TRUE;
}

/* quantity × unit cost is an amount like any other: within DESK_MONEY_MAX_AMOUNT. */
static gboolean
check_line_total (DeskRecord  *record,
                  char       **bad_field,
                  GError     **error)
{
  gint64 total;

  if (!desk_money_multiply (desk_record_get_int (record, "quantity_milli"),
                            desk_record_get_int (record, "unit_cost_minor"), &total, NULL) ||
      total > DESK_MONEY_MAX_AMOUNT || total < -DESK_MONEY_MAX_AMOUNT)
    return _desk_fail (bad_field, error, "unit_cost_minor",
                       _("The line's total (quantity × unit cost) is too large for Groupdesk "
                         "to keep. Check both figures."));

  return TRUE;
}

/* Group */

static const DeskField group_fields[] = {
  { "code", DESK_FIELD_TEXT, 0, N_("Short code"), NULL, NULL },
  { "name_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Name in English"), N_("Name"), NULL },
  { "name_zh", DESK_FIELD_TEXT, NARR, N_("Name in Chinese"), NULL, NULL },
  { "country", DESK_FIELD_TEXT, REQ, N_("Country"), NULL, NULL },
  { "currency", DESK_FIELD_CURRENCY, REQ, N_("Reporting currency"), NULL, NULL },
  /* The languages the group works in, which decide the narrative rows forms ask for:
   * the values the free-text field of earlier versions held, so no migration. */
  { "languages", DESK_FIELD_CHOICE, 0, N_("Languages"), "en|zh|en,zh", NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { NULL }
};

static gboolean
group_validate (DeskStore   *store,
                DeskRecord  *record,
                char       **bad_field,
                GError     **error)
{
  const char *country = desk_record_get_string (record, "country");
  const char *code = desk_record_get_string (record, "code");

  if (country == NULL || strlen (country) != 2 ||
      !g_ascii_isupper (country[0]) || !g_ascii_isupper (country[1]))
    return _desk_fail (bad_field, error, "country",
                       _("“%s” is not a country code. Use the two capital letters of "
                         "ISO 3166, such as GH for Ghana."),
                       country != NULL ? country : "");

  if (code == NULL || desk_text_is_blank (code))
    {
      /* A new group is checked before it has a UUID; insert gives it one, then derives. */
      if (desk_record_get_uuid (record) == NULL)
        return TRUE;

      /* A short code lets the CLI and the secretariat name the group; derive one. */
      g_autofree char *derived = g_strdup_printf ("%s-%.4s", country,
                                                  desk_record_get_uuid (record));
      desk_record_set_string (record, "code", derived);
      code = desk_record_get_string (record, "code");
    }

  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return _desk_fail (bad_field, error, "code",
                         _("The short code “%s” may hold only letters, digits, “-” and "
                           "“_”. Change it, for example to GH-VPI."),
                         code);

  return TRUE;
}

const DeskKind desk_kind_group = {
  "group", "groups", "groups", N_("group"), group_fields, NULL,
  "t.code, t.uuid", group_validate,
};

/* Member */

static const DeskField member_fields[] = {
  { "name_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Organisation in English"), N_("Organisation"), NULL },
  { "name_zh", DESK_FIELD_TEXT, NARR, N_("Organisation in Chinese"), NULL, NULL },
  { "pillar", DESK_FIELD_CODE, REQ, N_("Pillar"), "pillars", NULL },
  { "status", DESK_FIELD_CODE, REQ, N_("Membership status"), "membership_statuses", NULL },
  { "contact_name", DESK_FIELD_TEXT, PRIV | SEAL, N_("Contact person"), NULL, NULL },
  { "contact_email", DESK_FIELD_TEXT, PRIV | SEAL, N_("Contact e-mail"), NULL, NULL },
  { "contact_phone", DESK_FIELD_TEXT, PRIV | SEAL, N_("Contact phone"), NULL, NULL },
  { "joined", DESK_FIELD_DATE, 0, N_("Joined on"), NULL, NULL },
  { "active", DESK_FIELD_BOOL, 0, N_("Active"), NULL, NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { NULL }
};

static gboolean
member_validate (DeskStore   *store,
                 DeskRecord  *record,
                 char       **bad_field,
                 GError     **error)
{
  const char *email = desk_record_get_string (record, "contact_email");

  if (email != NULL && email[0] != '\0' && strchr (email, '@') == NULL)
    return _desk_fail (bad_field, error, "contact_email",
                       _("“%s” is not an e-mail address. Write it as name@example.org, or "
                         "leave it empty."),
                       email);

  return TRUE;
}

const DeskKind desk_kind_member = {
  "member", "members", "members", N_("member"), member_fields, NULL,
  "t.group_uuid, t.name_en, t.name_zh", member_validate,
};

/* Workplan */

static const DeskField workplan_fields[] = {
  { "title_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Title in English"), N_("Title"), NULL },
  { "title_zh", DESK_FIELD_TEXT, NARR, N_("Title in Chinese"), NULL, NULL },
  { "objectives_en", DESK_FIELD_TEXT, NARR, N_("Objectives in English"), NULL, NULL },
  { "objectives_zh", DESK_FIELD_TEXT, NARR, N_("Objectives in Chinese"), NULL, NULL },
  { "period_start", DESK_FIELD_DATE, REQ, N_("Start of the period"), NULL, NULL },
  { "period_end", DESK_FIELD_DATE, REQ, N_("End of the period"), NULL, NULL },
  { "status", DESK_FIELD_CHOICE, REQ, N_("Status"), "draft|approved|closed", NULL },
  { "approved_on", DESK_FIELD_DATE, 0, N_("Approved on"), NULL, NULL },
  { "previous_uuid", DESK_FIELD_REF, 0, N_("Previous workplan"), "workplan", NULL },
  { "endorsed_on", DESK_FIELD_DATE, 0, N_("Endorsed on"), NULL, NULL },
  { "endorsed_meeting", DESK_FIELD_TEXT, 0, N_("Endorsed at the meeting"), NULL, NULL },
  { "endorsed_chair", DESK_FIELD_TEXT, 0, N_("Meeting chaired by"), NULL, NULL },
  { NULL }
};

static gboolean
workplan_validate (DeskStore   *store,
                   DeskRecord  *record,
                   char       **bad_field,
                   GError     **error)
{
  return _desk_check_date_order (record, "period_start", "period_end", bad_field, error);
}

const DeskKind desk_kind_workplan = {
  "workplan", "workplans", "workplans", N_("workplan"), workplan_fields, NULL,
  "t.group_uuid, t.period_start, t.uuid", workplan_validate,
};

/* Activity */

static const DeskField activity_fields[] = {
  { "workplan_uuid", DESK_FIELD_REF, REQ, N_("Workplan"), "workplan", NULL },
  { "code", DESK_FIELD_TEXT, 0, N_("Code"), NULL, NULL },
  { "title_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Title in English"), N_("Title"), NULL },
  { "title_zh", DESK_FIELD_TEXT, NARR, N_("Title in Chinese"), NULL, NULL },
  { "description_en", DESK_FIELD_TEXT, NARR, N_("Description in English"), NULL, NULL },
  { "description_zh", DESK_FIELD_TEXT, NARR, N_("Description in Chinese"), NULL, NULL },
  { "kind", DESK_FIELD_CODE, REQ, N_("Kind of activity"), "activity_kinds", NULL },
  { "themes", DESK_FIELD_CODE_SET, 0, N_("Themes"), "themes",
    "activity_themes:activity_uuid:theme" },
  { "result_area", DESK_FIELD_CODE, 0, N_("Strategy result area"), "result_areas", NULL },
  { "lead_member_uuid", DESK_FIELD_REF, 0, N_("Lead member"), "member", NULL },
  { "supporting_members", DESK_FIELD_REF_SET, 0, N_("Supporting members"), "member",
    "activity_supporters:activity_uuid:member_uuid" },
  { "planned_start", DESK_FIELD_DATE, 0, N_("Planned start"), NULL, NULL },
  { "planned_end", DESK_FIELD_DATE, 0, N_("Planned end"), NULL, NULL },
  { "actual_start", DESK_FIELD_DATE, 0, N_("Actual start"), NULL, NULL },
  { "actual_end", DESK_FIELD_DATE, 0, N_("Actual end"), NULL, NULL },
  { "status", DESK_FIELD_CHOICE, REQ, N_("Status"),
    "planned|in_progress|done|postponed|cancelled", NULL },
  { "outcome_en", DESK_FIELD_TEXT, NARR, N_("Planned outcome in English"), NULL, NULL },
  { "outcome_zh", DESK_FIELD_TEXT, NARR, N_("Planned outcome in Chinese"), NULL, NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { "carried_from_uuid", DESK_FIELD_REF, 0, N_("Carried over from"), "activity", NULL },
  { NULL }
};

static gboolean
activity_validate (DeskStore   *store,
                   DeskRecord  *record,
                   char       **bad_field,
                   GError     **error)
{
  const char *status = desk_record_get_string (record, "status");

  if (!_desk_check_date_order (record, "planned_start", "planned_end", bad_field, error) ||
      !_desk_check_date_order (record, "actual_start", "actual_end", bad_field, error))
    return FALSE;

  if (g_strcmp0 (status, "done") == 0 && !desk_record_is_set (record, "actual_end") &&
      desk_record_is_set (record, "actual_start"))
    return _desk_fail (bad_field, error, "actual_end",
                       _("A done activity that has an actual start needs its actual end "
                         "too. Enter the day it ended."));

  return TRUE;
}

const DeskKind desk_kind_activity = {
  "activity", "activities", "activities", N_("activity"), activity_fields, "workplan_uuid",
  "t.workplan_uuid, length (t.code), t.code, t.uuid", activity_validate,
};

/* Deliverable */

static const DeskField deliverable_fields[] = {
  { "activity_uuid", DESK_FIELD_REF, REQ, N_("Activity"), "activity", NULL },
  { "title_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Title in English"), N_("Title"), NULL },
  { "title_zh", DESK_FIELD_TEXT, NARR, N_("Title in Chinese"), NULL, NULL },
  { "due_date", DESK_FIELD_DATE, 0, N_("Due date"), NULL, NULL },
  { "status", DESK_FIELD_CHOICE, REQ, N_("Status"),
    "planned|in_progress|delivered|accepted", NULL },
  { "delivered_on", DESK_FIELD_DATE, 0, N_("Delivered on"), NULL, NULL },
  { "evidence_note", DESK_FIELD_TEXT, 0, N_("Evidence note"), NULL, NULL },
  { "evidence_path", DESK_FIELD_TEXT, 0, N_("Evidence file"), NULL, NULL },
  { NULL }
};

static gboolean
deliverable_validate (DeskStore   *store,
                      DeskRecord  *record,
                      char       **bad_field,
                      GError     **error)
{
  const char *status = desk_record_get_string (record, "status");
  gboolean delivered = g_strcmp0 (status, "delivered") == 0 ||
                       g_strcmp0 (status, "accepted") == 0;

  if (!delivered && desk_record_is_set (record, "delivered_on"))
    return _desk_fail (bad_field, error, "delivered_on",
                       _("Only a delivered or accepted deliverable has a delivery date. "
                         "Change its status, or clear the date."));

  return TRUE;
}

const DeskKind desk_kind_deliverable = {
  "deliverable", "deliverables", "deliverables", N_("deliverable"), deliverable_fields,
  "activity_uuid", "t.due_date IS NULL, t.due_date, t.uuid", deliverable_validate,
};

/* Indicator */

static const DeskField indicator_fields[] = {
  { "workplan_uuid", DESK_FIELD_REF, REQ, N_("Workplan"), "workplan", NULL },
  { "activity_uuid", DESK_FIELD_REF, 0, N_("Activity"), "activity", NULL },
  { "name_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Name in English"), N_("Name"), NULL },
  { "name_zh", DESK_FIELD_TEXT, NARR, N_("Name in Chinese"), NULL, NULL },
  { "unit", DESK_FIELD_CHOICE, REQ, N_("Unit"), "number|percentage|yes_no|text", NULL },
  { "baseline_milli", DESK_FIELD_MILLI, 0, N_("Baseline value"), NULL, NULL },
  { "baseline_text", DESK_FIELD_TEXT, 0, N_("Baseline in words"), NULL, NULL },
  { "baseline_date", DESK_FIELD_DATE, 0, N_("Baseline date"), NULL, NULL },
  { "by_gender", DESK_FIELD_BOOL, 0, N_("Broken down by gender"), NULL, NULL },
  { "by_pillar", DESK_FIELD_BOOL, 0, N_("Broken down by pillar"), NULL, NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { NULL }
};

static gboolean
check_indicator_value (DeskRecord  *record,
                       const char  *unit,
                       const char  *field,
                       char       **bad_field,
                       GError     **error)
{
  gint64 value;

  if (!desk_record_is_set (record, field))
    return TRUE;

  value = desk_record_get_int (record, field);
  if (g_strcmp0 (unit, "yes_no") == 0 && value != 0 && value != 1000)
    return _desk_fail (bad_field, error, field,
                       _("A yes/no indicator takes yes or no only."));
  if (g_strcmp0 (unit, "percentage") == 0 && (value < 0 || value > 100000))
    return _desk_fail (bad_field, error, field,
                       _("A percentage lies between 0 and 100. Enter a value in that range."));

  return TRUE;
}

static gboolean
indicator_validate (DeskStore   *store,
                    DeskRecord  *record,
                    char       **bad_field,
                    GError     **error)
{
  g_autoptr(DeskRecord) activity = NULL;

  if (!check_numbers (store, record, bad_field, error) ||
      !check_indicator_value (record, desk_record_get_string (record, "unit"),
                              "baseline_milli", bad_field, error))
    return FALSE;

  activity = _desk_dup_referenced (store, record, "activity_uuid");
  if (activity != NULL &&
      g_strcmp0 (desk_record_get_string (activity, "workplan_uuid"),
                 desk_record_get_string (record, "workplan_uuid")) != 0)
    return _desk_fail (bad_field, error, "activity_uuid",
                       _("The activity belongs to another workplan. Choose an activity of "
                         "this indicator's workplan."));

  return TRUE;
}

const DeskKind desk_kind_indicator = {
  "indicator", "indicators", "indicators", N_("indicator"), indicator_fields,
  "workplan_uuid", "t.workplan_uuid, t.activity_uuid IS NOT NULL, t.name_en, t.uuid",
  indicator_validate,
};

/* Indicator value */

static const DeskField indicator_value_fields[] = {
  { "indicator_uuid", DESK_FIELD_REF, REQ, N_("Indicator"), "indicator", NULL },
  { "period_start", DESK_FIELD_DATE, REQ, N_("Start of the period"), NULL, NULL },
  { "period_end", DESK_FIELD_DATE, REQ, N_("End of the period"), NULL, NULL },
  { "type", DESK_FIELD_CHOICE, REQ, N_("Target or actual"), "target|actual", NULL },
  { "gender", DESK_FIELD_CODE, 0, N_("Gender"), "genders", NULL },
  { "pillar", DESK_FIELD_CODE, 0, N_("Pillar"), "pillars", NULL },
  { "value_milli", DESK_FIELD_MILLI, 0, N_("Value"), NULL, NULL },
  { "value_text", DESK_FIELD_TEXT, 0, N_("Value in words"), NULL, NULL },
  { "note", DESK_FIELD_TEXT, 0, N_("Note"), NULL, NULL },
  { NULL }
};

static gboolean
indicator_value_validate (DeskStore   *store,
                          DeskRecord  *record,
                          char       **bad_field,
                          GError     **error)
{
  g_autoptr(DeskRecord) indicator = _desk_dup_referenced (store, record, "indicator_uuid");
  const char *unit = indicator != NULL ? desk_record_get_string (indicator, "unit") : NULL;

  if (!_desk_check_date_order (record, "period_start", "period_end", bad_field, error) ||
      !check_numbers (store, record, bad_field, error))
    return FALSE;

  if (g_strcmp0 (unit, "text") == 0)
    {
      if (desk_text_is_blank (desk_record_get_string (record, "value_text")))
        return _desk_fail (bad_field, error, "value_text",
                           _("“%s” is required. Fill it in to save."), _("Value"));
    }
  else if (!desk_record_is_set (record, "value_milli"))
    return _desk_fail (bad_field, error, "value_milli",
                       _("“%s” is required. Fill it in to save."), _("Value"));

  return check_indicator_value (record, unit, "value_milli", bad_field, error);
}

const DeskKind desk_kind_indicator_value = {
  "indicator_value", "indicator-values", "indicator_values", N_("indicator value"),
  indicator_value_fields, "indicator_uuid",
  "t.indicator_uuid, t.period_start, t.type, t.gender, t.pillar, t.uuid",
  indicator_value_validate,
};

/* Budget line */

static const DeskField budget_line_fields[] = {
  { "workplan_uuid", DESK_FIELD_REF, REQ, N_("Workplan"), "workplan", NULL },
  { "activity_uuid", DESK_FIELD_REF, 0, N_("Activity"), "activity", NULL },
  { "category", DESK_FIELD_CODE, REQ, N_("Budget category"), "budget_categories", NULL },
  { "description_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Description in English"), N_("Description"), NULL },
  { "description_zh", DESK_FIELD_TEXT, NARR, N_("Description in Chinese"), NULL, NULL },
  { "quantity_milli", DESK_FIELD_MILLI, REQ | NONNEG, N_("Quantity"), NULL, NULL },
  { "unit", DESK_FIELD_TEXT, 0, N_("Unit"), NULL, NULL },
  { "unit_cost_minor", DESK_FIELD_MONEY, REQ | NONNEG, N_("Unit cost"), "currency", NULL },
  { "currency", DESK_FIELD_CURRENCY, REQ, N_("Currency"), NULL, NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { NULL }
};

static gboolean
budget_line_validate (DeskStore   *store,
                      DeskRecord  *record,
                      char       **bad_field,
                      GError     **error)
{
  g_autoptr(DeskRecord) activity = NULL;

  if (!check_numbers (store, record, bad_field, error) ||
      !check_line_total (record, bad_field, error))
    return FALSE;

  activity = _desk_dup_referenced (store, record, "activity_uuid");
  if (activity != NULL &&
      g_strcmp0 (desk_record_get_string (activity, "workplan_uuid"),
                 desk_record_get_string (record, "workplan_uuid")) != 0)
    return _desk_fail (bad_field, error, "activity_uuid",
                       _("The activity belongs to another workplan. Choose an activity of "
                         "this budget line's workplan."));

  return TRUE;
}

const DeskKind desk_kind_budget_line = {
  "budget_line", "budget-lines", "budget_lines", N_("budget line"), budget_line_fields,
  "workplan_uuid", "t.workplan_uuid, t.activity_uuid IS NULL, t.activity_uuid, t.category, t.uuid",
  budget_line_validate,
};

/* Budget revision */

static const DeskField budget_revision_fields[] = {
  { "budget_line_uuid", DESK_FIELD_REF, REQ, N_("Budget line"), "budget_line", NULL },
  { "revised_on", DESK_FIELD_DATE, REQ, N_("Revised on"), NULL, NULL },
  { "reason", DESK_FIELD_TEXT, REQ, N_("Reason for the revision"), NULL, NULL },
  { "quantity_milli", DESK_FIELD_MILLI, REQ | NONNEG, N_("Quantity"), NULL, NULL },
  { "unit_cost_minor", DESK_FIELD_MONEY, REQ | NONNEG, N_("Unit cost"), NULL, NULL },
  { NULL }
};

static gboolean
budget_revision_validate (DeskStore   *store,
                          DeskRecord  *record,
                          char       **bad_field,
                          GError     **error)
{
  return check_numbers (store, record, bad_field, error) &&
         check_line_total (record, bad_field, error);
}

const DeskKind desk_kind_budget_revision = {
  "budget_revision", "budget-revisions", "budget_revisions", N_("budget revision"),
  budget_revision_fields, "budget_line_uuid", "t.budget_line_uuid, t.revised_on, t.uuid",
  budget_revision_validate,
};

/* Expense */

static const DeskField expense_fields[] = {
  { "budget_line_uuid", DESK_FIELD_REF, REQ, N_("Budget line"), "budget_line", NULL },
  { "date", DESK_FIELD_DATE, REQ, N_("Date"), NULL, NULL },
  { "amount_minor", DESK_FIELD_MONEY, REQ, N_("Amount"), "currency", NULL },
  { "currency", DESK_FIELD_CURRENCY, REQ, N_("Currency"), NULL, NULL },
  { "is_refund", DESK_FIELD_BOOL, 0, N_("Refund"), NULL, NULL },
  { "payee", DESK_FIELD_TEXT, 0, N_("Payee"), NULL, NULL },
  { "reference", DESK_FIELD_TEXT, 0, N_("Receipt or reference number"), NULL, NULL },
  { "note", DESK_FIELD_TEXT, 0, N_("Note"), NULL, NULL },
  { "receipt_path", DESK_FIELD_TEXT, 0, N_("Receipt file"), NULL, NULL },
  { NULL }
};

static gboolean
expense_validate (DeskStore   *store,
                  DeskRecord  *record,
                  char       **bad_field,
                  GError     **error)
{
  gint64 amount = desk_record_get_int (record, "amount_minor");
  gboolean refund = desk_record_get_int (record, "is_refund") != 0;
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) workplan = NULL;
  const char *date = desk_record_get_string (record, "date");

  if (!check_numbers (store, record, bad_field, error))
    return FALSE;

  if (amount == 0)
    return _desk_fail (bad_field, error, "amount_minor",
                       _("An expense of zero records nothing. Enter the amount spent."));
  if (amount < 0 && !refund)
    return _desk_fail (bad_field, error, "amount_minor",
                       _("An expense cannot be negative. To record money given back, mark "
                         "the expense as a refund."));
  if (amount > 0 && refund)
    return _desk_fail (bad_field, error, "amount_minor",
                       _("A refund is money given back, so its amount is negative. Enter it with a "
                         "minus sign, or untick “Refund”."));

  line = _desk_dup_referenced (store, record, "budget_line_uuid");
  if (line != NULL)
    workplan = _desk_dup_referenced (store, line, "workplan_uuid");
  if (workplan != NULL &&
      (g_strcmp0 (date, desk_record_get_string (workplan, "period_start")) < 0 ||
       g_strcmp0 (date, desk_record_get_string (workplan, "period_end")) > 0))
    return _desk_fail (bad_field, error, "date",
                       _("The expense is dated %s, outside its workplan (%s to %s). Check "
                         "the date, or record it under the right workplan."),
                       date, desk_record_get_string (workplan, "period_start"),
                       desk_record_get_string (workplan, "period_end"));

  return TRUE;
}

const DeskKind desk_kind_expense = {
  "expense", "expenses", "expenses", N_("expense"), expense_fields, "budget_line_uuid",
  "t.date, t.uuid", expense_validate,
};

/* Funding receipt */

static const DeskField funding_fields[] = {
  { "workplan_uuid", DESK_FIELD_REF, 0, N_("Workplan"), "workplan", NULL },
  { "date", DESK_FIELD_DATE, REQ, N_("Date received"), NULL, NULL },
  { "source", DESK_FIELD_CODE, REQ, N_("Source"), "funding_sources", NULL },
  { "amount_minor", DESK_FIELD_MONEY, REQ | POS, N_("Amount"), "currency", NULL },
  { "currency", DESK_FIELD_CURRENCY, REQ, N_("Currency"), NULL, NULL },
  { "reference", DESK_FIELD_TEXT, 0, N_("Reference"), NULL, NULL },
  { "note", DESK_FIELD_TEXT, 0, N_("Note"), NULL, NULL },
  { NULL }
};

static gboolean
funding_validate (DeskStore   *store,
                  DeskRecord  *record,
                  char       **bad_field,
                  GError     **error)
{
  return check_numbers (store, record, bad_field, error);
}

const DeskKind desk_kind_funding = {
  "funding", "funding", "funding_receipts", N_("funding receipt"), funding_fields, NULL,
  "t.group_uuid, t.date, t.uuid", funding_validate,
};

/* Exchange rate */

static const DeskField rate_fields[] = {
  { "currency", DESK_FIELD_CURRENCY, REQ, N_("Currency"), NULL, NULL },
  { "valid_from", DESK_FIELD_DATE, REQ, N_("Valid from"), NULL, NULL },
  { "rate_mantissa", DESK_FIELD_INT, REQ | POS, N_("Rate"), NULL, NULL },
  { "rate_scale", DESK_FIELD_INT, REQ | NONNEG, N_("Rate"), NULL, NULL },
  { "source", DESK_FIELD_TEXT, 0, N_("Source of the rate"), NULL, NULL },
  { NULL }
};

static gboolean
rate_validate (DeskStore   *store,
               DeskRecord  *record,
               char       **bad_field,
               GError     **error)
{
  g_autoptr(DeskRecord) group = desk_store_get (store, DESK_KIND_GROUP,
                                                desk_record_get_group (record), NULL);
  g_autoptr(GError) rate_error = NULL;
  gint64 scale = desk_record_get_int (record, "rate_scale");

  /* The scale is checked here, before it is narrowed to an int for desk_rate_check. */
  if (scale > DESK_RATE_MAX_SCALE)
    return _desk_fail (bad_field, error, "rate_mantissa",
                       _("The rate has too many decimals. Use at most 12."));
  if (!desk_rate_check (desk_record_get_int (record, "rate_mantissa"), (int) scale, &rate_error))
    return _desk_fail (bad_field, error, "rate_mantissa", "%s", rate_error->message);

  if (group != NULL && g_strcmp0 (desk_record_get_string (group, "currency"),
                                  desk_record_get_string (record, "currency")) == 0)
    return _desk_fail (bad_field, error, "currency",
                       _("%s is the reporting currency itself and needs no exchange rate. "
                         "Choose another currency."),
                       desk_record_get_string (record, "currency"));

  return TRUE;
}

const DeskKind desk_kind_rate = {
  "rate", "rates", "exchange_rates", N_("exchange rate"), rate_fields, NULL,
  "t.group_uuid, t.currency, t.valid_from", rate_validate,
};

/* Workshop */

static const DeskField workshop_fields[] = {
  { "activity_uuid", DESK_FIELD_REF, REQ, N_("Activity"), "activity", NULL },
  { "title_en", DESK_FIELD_TEXT, NARR | PAIR, N_("Title in English"), N_("Title"), NULL },
  { "title_zh", DESK_FIELD_TEXT, NARR, N_("Title in Chinese"), NULL, NULL },
  { "start_date", DESK_FIELD_DATE, REQ, N_("Start date"), NULL, NULL },
  { "end_date", DESK_FIELD_DATE, REQ, N_("End date"), NULL, NULL },
  { "town", DESK_FIELD_TEXT, 0, N_("Town"), NULL, NULL },
  { "region", DESK_FIELD_TEXT, 0, N_("Region"), NULL, NULL },
  { "format", DESK_FIELD_CHOICE, REQ, N_("Format"), "in_person|online|hybrid", NULL },
  { "languages", DESK_FIELD_TEXT, 0, N_("Languages"), NULL, NULL },
  /* People's names: sealed, and named only in a named bundle. */
  { "facilitators", DESK_FIELD_TEXT, PRIV | SEAL, N_("Facilitators"), NULL, NULL },
  { "notes", DESK_FIELD_TEXT, 0, N_("Notes"), NULL, NULL },
  { "planned_participants", DESK_FIELD_INT, NONNEG, N_("Planned participants"), NULL, NULL },
  { "actual_participants", DESK_FIELD_INT, NONNEG, N_("Actual participants"), NULL, NULL },
  { NULL }
};

static gboolean
workshop_validate (DeskStore   *store,
                   DeskRecord  *record,
                   char       **bad_field,
                   GError     **error)
{
  return check_numbers (store, record, bad_field, error) &&
         _desk_check_date_order (record, "start_date", "end_date", bad_field, error);
}

const DeskKind desk_kind_workshop = {
  "workshop", "workshops", "workshops", N_("workshop"), workshop_fields, "activity_uuid",
  "t.start_date, t.uuid", workshop_validate,
};

/* Person */

static const DeskField person_fields[] = {
  { "name", DESK_FIELD_TEXT, REQ | PRIV | SEAL, N_("Full name"), NULL, NULL },
  { "name_key", DESK_FIELD_TEXT, PRIV | SEAL, N_("Full name"), NULL, NULL },
  { "member_uuid", DESK_FIELD_REF, 0, N_("Member organisation"), "member", NULL },
  { "organisation", DESK_FIELD_TEXT, SEAL, N_("Organisation"), NULL, NULL },
  { "pillar", DESK_FIELD_CODE, 0, N_("Pillar"), "pillars", NULL },
  { "gender", DESK_FIELD_CODE, REQ, N_("Gender"), "genders", NULL },
  { "role_title", DESK_FIELD_TEXT, SEAL, N_("Role or title"), NULL, NULL },
  { "phone", DESK_FIELD_TEXT, PRIV | SEAL, N_("Phone"), NULL, NULL },
  { "email", DESK_FIELD_TEXT, PRIV | SEAL, N_("E-mail"), NULL, NULL },
  /* Kept in the person's own column (space-separated codes), so that it can be sealed. */
  { "vulnerable_groups", DESK_FIELD_CODE_SET, SEAL, N_("Vulnerable groups"), "vulnerable_groups",
    NULL },
  { "consent_named", DESK_FIELD_BOOL, 0, N_("Consents to be named in exports"), NULL, NULL },
  { NULL }
};

static gboolean
person_validate (DeskStore   *store,
                 DeskRecord  *record,
                 char       **bad_field,
                 GError     **error)
{
  const char *email = desk_record_get_string (record, "email");
  g_autofree char *key = NULL;

  if (email != NULL && email[0] != '\0' && strchr (email, '@') == NULL)
    return _desk_fail (bad_field, error, "email",
                       _("“%s” is not an e-mail address. Write it as name@example.org, or "
                         "leave it empty."),
                       email);

  /* The folded name is derived, never typed: it keeps duplicate detection in step. A
   * record read while names were locked has no name to fold, and keeps the stored one. */
  if (desk_record_get_seal (record) == DESK_SEAL_LOCKED)
    return TRUE;
  key = desk_text_fold_name (desk_record_get_string (record, "name"));
  desk_record_set_string (record, "name_key", key);

  return TRUE;
}

const DeskKind desk_kind_person = {
  "person", "people", "people", N_("person"), person_fields, NULL,
  "t.group_uuid, t.name_key, t.uuid", person_validate,
};

/* Attendance */

static const DeskField attendance_fields[] = {
  { "workshop_uuid", DESK_FIELD_REF, REQ, N_("Workshop"), "workshop", NULL },
  { "person_uuid", DESK_FIELD_REF, REQ, N_("Person"), "person", NULL },
  { "role", DESK_FIELD_CHOICE, REQ, N_("Role"), "participant|speaker|facilitator|organiser", NULL },
  { "status", DESK_FIELD_CHOICE, REQ, N_("Attendance status"), "invited|registered|attended|absent", NULL },
  { NULL }
};

static gboolean
attendance_validate (DeskStore   *store,
                     DeskRecord  *record,
                     char       **bad_field,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean taken;

  stmt = _desk_store_prepare (store,
                              "SELECT 1 FROM attendance WHERE workshop_uuid = ?1 "
                              "AND person_uuid = ?2 AND uuid IS NOT ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_record_get_string (record, "workshop_uuid"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, desk_record_get_string (record, "person_uuid"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, desk_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (taken)
    return _desk_fail (bad_field, error, "person_uuid",
                       _("This person is already on the list of this workshop. Change their "
                         "existing entry instead."));

  return TRUE;
}

const DeskKind desk_kind_attendance = {
  "attendance", "attendance", "attendance", N_("attendance"), attendance_fields,
  "workshop_uuid", "t.workshop_uuid, t.uuid", attendance_validate,
};

/* Plenary nomination */

static const DeskField nomination_fields[] = {
  { "year", DESK_FIELD_INT, REQ, N_("Year"), NULL, NULL },
  { "person_uuid", DESK_FIELD_REF, 0, N_("Nominee"), "person", NULL },
  { "member_uuid", DESK_FIELD_REF, 0, N_("Member organisation"), "member", NULL },
  { "status", DESK_FIELD_CHOICE, REQ, N_("Status"), "nominated|confirmed|attended", NULL },
  { "budget_line_uuid", DESK_FIELD_REF, 0, N_("Budget line for the travel"), "budget_line", NULL },
  /* About the nominee: personal, so sealed and kept out of aggregate bundles. */
  { "notes", DESK_FIELD_TEXT, PRIV | SEAL, N_("Notes"), NULL, NULL },
  { NULL }
};

static gboolean
nomination_validate (DeskStore   *store,
                     DeskRecord  *record,
                     char       **bad_field,
                     GError     **error)
{
  gint64 year = desk_record_get_int (record, "year");
  sqlite3_stmt *stmt;
  gboolean taken;

  if (year < 2000 || year > 2100)
    return _desk_fail (bad_field, error, "year",
                       _("%lld is not a plenary year. Enter a year between 2000 and 2100, such as 2026."),
                       (long long) year);

  stmt = _desk_store_prepare (store,
                              "SELECT 1 FROM plenary_nominations WHERE group_uuid = ?1 "
                              "AND year = ?2 AND uuid IS NOT ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_record_get_group (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, desk_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (taken)
    return _desk_fail (bad_field, error, "year",
                       _("The group already has a nominee for the %lld Annual Plenary. "
                         "Edit that nomination instead."),
                       (long long) year);

  return TRUE;
}

const DeskKind desk_kind_nomination = {
  "nomination", "nominations", "plenary_nominations", N_("plenary nomination"),
  nomination_fields, NULL, "t.group_uuid, t.year", nomination_validate,
};

/* Export */

static const DeskField export_fields[] = {
  { "sequence", DESK_FIELD_INT, REQ | POS, N_("Sequence number"), NULL, NULL },
  { "period_start", DESK_FIELD_DATE, REQ, N_("Start of the period"), NULL, NULL },
  { "period_end", DESK_FIELD_DATE, REQ, N_("End of the period"), NULL, NULL },
  { "privacy", DESK_FIELD_CHOICE, REQ, N_("Privacy level"), "aggregate|pseudonymous|named", NULL },
  { "file", DESK_FIELD_TEXT, 0, N_("File"), NULL, NULL },
  { "sha256", DESK_FIELD_TEXT, REQ, N_("SHA-256"), NULL, NULL },
  { "counts", DESK_FIELD_TEXT, 0, N_("Record counts"), NULL, NULL },
  { "previous_uuid", DESK_FIELD_TEXT, 0, N_("Previous bundle"), NULL, NULL },
  { "created", DESK_FIELD_TEXT, REQ, N_("Created"), NULL, NULL },
  { "endorsed_on", DESK_FIELD_DATE, 0, N_("Endorsed on"), NULL, NULL },
  { "endorsed_meeting", DESK_FIELD_TEXT, 0, N_("Endorsed at the meeting"), NULL, NULL },
  { "endorsed_chair", DESK_FIELD_TEXT, 0, N_("Meeting chaired by"), NULL, NULL },
  { "changes_through", DESK_FIELD_INT, NONNEG, N_("Changes carried up to"), NULL, NULL },
  { NULL }
};

static gboolean
export_validate (DeskStore   *store,
                 DeskRecord  *record,
                 char       **bad_field,
                 GError     **error)
{
  const char *sha = desk_record_get_string (record, "sha256");

  if (!check_numbers (store, record, bad_field, error) ||
      !_desk_check_date_order (record, "period_start", "period_end", bad_field, error))
    return FALSE;

  if (sha == NULL || strlen (sha) != 64 || strspn (sha, "0123456789abcdef") != 64)
    return _desk_fail (bad_field, error, "sha256",
                       _("The SHA-256 digest must be 64 lower-case hexadecimal digits (0–9, a–f). "
                         "Copy it again from the export history."));

  return TRUE;
}

const DeskKind desk_kind_export = {
  "export", "exports", "exports", N_("export"), export_fields, NULL,
  "t.group_uuid, t.sequence", export_validate,
};

/* Lookup */

static const DeskKind *const all_kinds[] = {
  &desk_kind_group,
  &desk_kind_member,
  &desk_kind_workplan,
  &desk_kind_activity,
  &desk_kind_deliverable,
  &desk_kind_indicator,
  &desk_kind_indicator_value,
  &desk_kind_budget_line,
  &desk_kind_budget_revision,
  &desk_kind_expense,
  &desk_kind_funding,
  &desk_kind_rate,
  &desk_kind_workshop,
  &desk_kind_person,
  &desk_kind_attendance,
  &desk_kind_nomination,
  /* Only on this laptop, never in a bundle: */
  &desk_kind_export,
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (all_kinds) == DESK_N_BUNDLE_KINDS + 2);

const DeskKind *const *
desk_kind_all (void)
{
  return all_kinds;
}

const DeskKind *
desk_kind_lookup (const char *name)
{
  for (guint i = 0; all_kinds[i] != NULL; i++)
    if (g_strcmp0 (all_kinds[i]->name, name) == 0)
      return all_kinds[i];

  return NULL;
}

const DeskKind *
desk_kind_lookup_plural (const char *plural)
{
  for (guint i = 0; all_kinds[i] != NULL; i++)
    if (g_strcmp0 (all_kinds[i]->plural, plural) == 0)
      return all_kinds[i];

  return NULL;
}

int
desk_kind_field_index (const DeskKind *kind,
                       const char     *name)
{
  for (int i = 0; kind->fields[i].name != NULL; i++)
    if (g_str_equal (kind->fields[i].name, name))
      return i;

  return -1;
}

const DeskField *
desk_kind_get_field (const DeskKind *kind,
                     const char     *name)
{
  int index = desk_kind_field_index (kind, name);

  return index >= 0 ? &kind->fields[index] : NULL;
}

guint
desk_kind_n_fields (const DeskKind *kind)
{
  guint n = 0;

  while (kind->fields[n].name != NULL)
    n++;

  return n;
}

gboolean
desk_field_type_is_text (DeskFieldType type)
{
  switch (type)
    {
    case DESK_FIELD_TEXT:
    case DESK_FIELD_DATE:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
      return TRUE;
    case DESK_FIELD_INT:
    case DESK_FIELD_BOOL:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
    default:
      return FALSE;
    }
}

gboolean
desk_field_type_is_set (DeskFieldType type)
{
  return type == DESK_FIELD_CODE_SET || type == DESK_FIELD_REF_SET;
}

gboolean
desk_field_in_join (const DeskField *field)
{
  return desk_field_type_is_set (field->type) && field->join != NULL;
}

gboolean
desk_kind_has_sealed (const DeskKind *kind)
{
  for (const DeskField *f = kind->fields; f->name != NULL; f++)
    if ((f->flags & DESK_FIELD_SEALED) != 0)
      return TRUE;
  return FALSE;
}
