/* test-budget-follow.c — the budget's CSV read back, and a summary following changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-budget-common.h"

/* The CSV of the budget and of the expenses, read back by Python's csv module. */
static const char *const python_csv =
  "import csv, sys\n"
  "for path in sys.argv[1].split(';'):\n"
  "    raw = open(path, 'rb').read()\n"
  "    assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no byte-order mark'\n"
  "    assert b'\\r\\n' in raw, 'not CRLF'\n"
  "    rows = list(csv.reader(open(path, encoding='utf-8-sig', newline='')))\n"
  "    head = rows[0]\n"
  "    for r in rows[1:]:\n"
  "        assert len(r) == len(head), (path, r)\n"
  "    if 'level' not in head:\n"
  "        print(path.rsplit('/', 1)[-1], len(rows) - 1)\n"
  "        dates = [r[head.index('date')] for r in rows[1:]]\n"
  "        assert dates == sorted(dates), 'expenses not by date'\n"
  "        continue\n"
  "    L = head.index('level')\n"
  "    lines = [r for r in rows[1:] if r[L] == 'line']\n"
  "    print(path.rsplit('/', 1)[-1], len(lines))\n"
  "    d = [r[head.index('description')] for r in lines]\n"
  "    assert 'Conference hall and lunch, 60 people' in d, d\n"
  "    cents = lambda r: round(float(r[head.index('budget')]) * 100)\n"
  "    total = [r for r in rows[1:] if r[L] == 'total']\n"
  "    assert len(total) == 1 and total[0] is rows[-1], 'one grand total, last'\n"
  "    assert total[0][head.index('currency')] == 'GHS', total[0]\n"
  "    for level in ('line', 'activity', 'category'):\n"
  "        got = sum(cents(r) for r in rows[1:] if r[L] == level)\n"
  "        assert got == cents(total[0]), (level, got, cents(total[0]))\n"
  "    for r in rows[1:]:\n"
  "        for k in ('budget', 'spent', 'variance'):\n"
  "            assert ',' not in r[head.index(k)] and '\u2212' not in r[head.index(k)], r\n"
  "    # Each activity's lines come together, closed by its subtotal.\n"
  "    seen, current = set(), None\n"
  "    for r in rows[1:]:\n"
  "        if r[L] == 'line':\n"
  "            a = r[head.index('activity')]\n"
  "            assert a == current or a not in seen, ('lines of', a, 'apart')\n"
  "            current = a; seen.add(a)\n"
  "        elif r[L] == 'activity':\n"
  "            assert current in (None, r[head.index('activity')]), r\n"
  "            current = None\n"
  "    print('sum', cents(total[0]))\n";

static void
test_csv_read_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(GPtrArray) workplans = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *lines_csv = g_build_filename (dir, "budget.csv", NULL);
  g_autofree char *expenses_csv = g_build_filename (dir, "expenses.csv", NULL);
  g_autofree char *both = g_strconcat (lines_csv, ";", expenses_csv, NULL);
  g_autofree char *out = NULL;
  g_autofree char *group_uuid = NULL;
  g_autofree char *expected_sum = NULL;
  g_autofree char *expected_lines = NULL;
  g_autofree char *expected_expenses = NULL;
  const char *cli = g_getenv ("GROUPDESK_CLI");

  if (cli == NULL)
    {
      g_test_skip ("GROUPDESK_CLI is not set: run through meson test");
      return;
    }

  store = desk_store_open (db, &error);
  g_assert_no_error (error);
  group_uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  workplans = desk_store_list (store, DESK_KIND_WORKPLAN, group_uuid, &error);
  summary = desk_budget_summarise (store, desk_record_get_uuid (g_ptr_array_index (workplans, 0)), &error);
  g_assert_no_error (error);
  expected_sum = g_strdup_printf ("sum %" G_GINT64_FORMAT, summary->total.revised);
  expected_lines = g_strdup_printf ("budget.csv %u", summary->lines->len);
  expected_expenses = g_strdup_printf ("expenses.csv %" G_GINT64_FORMAT,
                                       desk_store_count (store, DESK_KIND_EXPENSE, group_uuid));
  g_clear_object (&store);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *shell = g_strdup_printf ("'%s' --db '%s' budget --csv --bom%s > '%s'", cli, db,
                                                i == 0 ? "" : " --expenses",
                                                i == 0 ? lines_csv : expenses_csv);
      const char *argv[] = { "/bin/sh", "-c", shell, NULL };
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  run_python (python_csv, both, &out);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, expected_lines));
  g_assert_nonnull (strstr (out, expected_expenses));
  g_assert_nonnull (strstr (out, expected_sum));

  test_rm_rf (dir);
}

/* Following changes: a summary brought up to date one change at a time equals one made
 * again from the whole database */

static void
assert_rows_equal (const DeskBudgetRow *a,
                   const DeskBudgetRow *b)
{
  g_assert_cmpstr (a->key, ==, b->key);
  g_assert_cmpint (a->original, ==, b->original);
  g_assert_cmpint (a->revised, ==, b->revised);
  g_assert_cmpint (a->spent, ==, b->spent);
  g_assert_cmpuint (a->missing, ==, b->missing);
  g_assert_cmpuint (a->too_large, ==, b->too_large);
}

static void
assert_row_lists_equal (GPtrArray *a,
                        GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_rows_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
assert_summaries_equal (DeskBudgetSummary *followed,
                        DeskBudgetSummary *whole)
{
  g_assert_cmpstr (followed->currency, ==, whole->currency);
  assert_rows_equal (&followed->total, &whole->total);
  assert_row_lists_equal (followed->lines, whole->lines);
  assert_row_lists_equal (followed->activities, whole->activities);
  assert_row_lists_equal (followed->categories, whole->categories);
  g_assert_cmpint (followed->received, ==, whole->received);
  g_assert_cmpuint (followed->received_missing, ==, whole->received_missing);
  g_assert_cmpuint (followed->received_too_large, ==, whole->received_too_large);
  g_assert_cmpint (followed->elapsed_permille, ==, whole->elapsed_permille);
  g_assert_cmpuint (followed->problems->len, ==, whole->problems->len);
}

typedef struct
{
  World w;
  GRand *rand;
  char *other_workplan;
  char *other_activity;
  GPtrArray *lines;      /* UUIDs: lines of both workplans */
  GPtrArray *expenses;
  GPtrArray *receipts;
  GPtrArray *revisions;
} Churn;

static const char *
pick (Churn     *c,
      GPtrArray *uuids)
{
  if (uuids->len == 0)
    return NULL;
  return g_ptr_array_index (uuids, g_rand_int_range (c->rand, 0, (int) uuids->len));
}

static const char *
pick_of (Churn             *c,
         const char *const *choices,
         int                n)
{
  return choices[g_rand_int_range (c->rand, 0, n)];
}

static char *
random_date (Churn *c)
{
  /* Mostly in the workplan's year, some before the first USD rate, some outside. */
  return g_strdup_printf ("%d-%02d-%02d", g_rand_int_range (c->rand, 0, 8) == 0 ? 2027 : 2026,
                          g_rand_int_range (c->rand, 1, 13), g_rand_int_range (c->rand, 1, 29));
}

static const char *
random_currency (Churn *c)
{
  /* EUR has no rate: its amounts count as missing. */
  static const char *const currencies[] = { "GHS", "GHS", "USD", "USD", "EUR" };

  return pick_of (c, currencies, G_N_ELEMENTS (currencies));
}

/* Writes @record, or not when core refuses it (a date outside the workplan, an activity
 * of another): a change that did not happen must leave the summary as it was too. */
static gboolean
churn_write (Churn      *c,
             DeskRecord *record,
             gboolean    insert)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (insert)
    done = desk_store_insert (c->w.store, record, &error);
  else
    done = desk_store_update (c->w.store, record, &error);
  g_assert_true (done || error->domain == DESK_ERROR);

  return done;
}

static void
churn_delete (Churn          *c,
              const DeskKind *kind,
              GPtrArray      *uuids,
              const char     *uuid)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_delete (c->w.store, kind, uuid, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (uuids, i), uuid))
      {
        g_ptr_array_remove_index (uuids, i);
        break;
      }
}

/* The records a deleted line took with it are gone from the lists too. */
static void
forget_gone (Churn          *c,
             const DeskKind *kind,
             GPtrArray      *uuids)
{
  for (guint i = uuids->len; i > 0; i--)
    {
      g_autoptr(DeskRecord) r = desk_store_get (c->w.store, kind, g_ptr_array_index (uuids, i - 1), NULL);

      if (r == NULL)
        g_ptr_array_remove_index (uuids, i - 1);
    }
}

static void
set_amount (Churn      *c,
            DeskRecord *record,
            gboolean    may_refund)
{
  gint64 amount = g_rand_int_range (c->rand, 1, 500000);

  if (may_refund && g_rand_int_range (c->rand, 0, 6) == 0)
    amount = -amount;
  desk_record_set_int (record, "amount_minor", amount);
  if (may_refund)
    desk_record_set_int (record, "is_refund", amount < 0);
}

static void
churn_line (Churn      *c,
            DeskRecord *line)
{
  static const char *const categories[] = { "venue", "travel", "materials" };
  int which = g_rand_int_range (c->rand, 0, 3);

  desk_record_set_int (line, "quantity_milli", g_rand_int_range (c->rand, 0, 20) * 500);
  desk_record_set_int (line, "unit_cost_minor", g_rand_int_range (c->rand, 0, 100000));
  desk_record_set_string (line, "category", pick_of (c, categories, G_N_ELEMENTS (categories)));
  desk_record_set_string (line, "currency", random_currency (c));
  if (which == 0)
    desk_record_unset (line, "activity_uuid");
  else
    desk_record_set_string (line, "activity_uuid", which == 1 ? c->w.activity : c->other_activity);
}

/* One random change, and what it changed: returns the kind, sets *uuid. */
static const char *
churn_step (Churn  *c,
            char  **uuid)
{
  g_autoptr(DeskRecord) record = NULL;
  g_autofree char *date = NULL;
  const char *target;
  int op = g_rand_int_range (c->rand, 0, 100);

  if (op < 25 || c->expenses->len == 0)
    {
      /* A new expense, on a line of either workplan. */
      record = desk_record_new (DESK_KIND_EXPENSE);
      desk_record_set_group (record, c->w.group);
      desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
      date = random_date (c);
      desk_record_set_string (record, "date", date);
      desk_record_set_string (record, "currency", random_currency (c));
      set_amount (c, record, TRUE);
      if (churn_write (c, record, TRUE))
        g_ptr_array_add (c->expenses, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "expense";
    }

  if (op < 45)
    {
      /* An expense changes amount, line, currency or date. */
      target = pick (c, c->expenses);
      record = desk_store_get (c->w.store, DESK_KIND_EXPENSE, target, NULL);
      switch (g_rand_int_range (c->rand, 0, 4))
        {
        case 0:
          set_amount (c, record, TRUE);
          break;
        case 1:
          desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
          break;
        case 2:
          desk_record_set_string (record, "currency", random_currency (c));
          break;
        default:
          date = random_date (c);
          desk_record_set_string (record, "date", date);
        }
      churn_write (c, record, FALSE);
      *uuid = g_strdup (target);
      return "expense";
    }

  if (op < 55)
    {
      *uuid = g_strdup (pick (c, c->expenses));
      churn_delete (c, DESK_KIND_EXPENSE, c->expenses, *uuid);
      return "expense";
    }

  if (op < 63)
    {
      /* A receipt: for this workplan, the other, or none (then counted by its date). */
      static const char *const sources[] = { "vpa_fund" };
      int which = g_rand_int_range (c->rand, 0, 3);

      target = c->receipts->len > 0 && g_rand_boolean (c->rand) ? pick (c, c->receipts) : NULL;
      if (target != NULL && g_rand_int_range (c->rand, 0, 3) == 0)
        {
          *uuid = g_strdup (target);
          churn_delete (c, DESK_KIND_FUNDING, c->receipts, *uuid);
          return "funding";
        }
      record = target != NULL ? desk_store_get (c->w.store, DESK_KIND_FUNDING, target, NULL) :
                                desk_record_new (DESK_KIND_FUNDING);
      desk_record_set_group (record, c->w.group);
      date = random_date (c);
      desk_record_set_string (record, "date", date);
      desk_record_set_string (record, "source", pick_of (c, sources, 1));
      desk_record_set_string (record, "currency", random_currency (c));
      set_amount (c, record, FALSE);
      if (which == 0)
        desk_record_unset (record, "workplan_uuid");
      else
        desk_record_set_string (record, "workplan_uuid", which == 1 ? c->w.workplan : c->other_workplan);
      if (churn_write (c, record, target == NULL) && target == NULL)
        g_ptr_array_add (c->receipts, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "funding";
    }

  if (op < 73)
    {
      /* A revision, or one taken back. */
      if (c->revisions->len > 0 && g_rand_int_range (c->rand, 0, 3) == 0)
        {
          *uuid = g_strdup (pick (c, c->revisions));
          churn_delete (c, DESK_KIND_BUDGET_REVISION, c->revisions, *uuid);
          return "budget_revision";
        }
      record = desk_record_new (DESK_KIND_BUDGET_REVISION);
      desk_record_set_group (record, c->w.group);
      desk_record_set_string (record, "budget_line_uuid", pick (c, c->lines));
      date = random_date (c);
      desk_record_set_string (record, "revised_on", date);
      desk_record_set_string (record, "reason", "Prices rose");
      desk_record_set_int (record, "quantity_milli", g_rand_int_range (c->rand, 0, 20) * 500);
      desk_record_set_int (record, "unit_cost_minor", g_rand_int_range (c->rand, 0, 100000));
      if (churn_write (c, record, TRUE))
        g_ptr_array_add (c->revisions, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "budget_revision";
    }

  if (op < 85 || c->lines->len < 4)
    {
      /* A line changes (figures, category, activity, currency, even workplan), or a new one. */
      target = g_rand_int_range (c->rand, 0, 4) == 0 ? NULL : pick (c, c->lines);
      record = target != NULL ? desk_store_get (c->w.store, DESK_KIND_BUDGET_LINE, target, NULL) :
                                desk_record_new (DESK_KIND_BUDGET_LINE);
      desk_record_set_group (record, c->w.group);
      if (target == NULL)
        {
          desk_record_set_string (record, "description_en", "A line");
          desk_record_set_string (record, "unit", "item");
        }
      churn_line (c, record);
      if (target == NULL || g_rand_int_range (c->rand, 0, 6) == 0)
        desk_record_set_string (record, "workplan_uuid",
                                g_rand_int_range (c->rand, 0, 4) == 0 ? c->other_workplan : c->w.workplan);
      /* Both activities are of this workplan: a line of the other has none. */
      if (g_strcmp0 (desk_record_get_string (record, "workplan_uuid"), c->other_workplan) == 0)
        desk_record_unset (record, "activity_uuid");
      if (churn_write (c, record, target == NULL) && target == NULL)
        g_ptr_array_add (c->lines, g_strdup (desk_record_get_uuid (record)));
      *uuid = g_strdup (desk_record_get_uuid (record));
      return "budget_line";
    }

  if (op < 93)
    {
      /* A line deleted: its expenses and revisions go with it, unannounced. */
      *uuid = g_strdup (pick (c, c->lines));
      churn_delete (c, DESK_KIND_BUDGET_LINE, c->lines, *uuid);
      forget_gone (c, DESK_KIND_EXPENSE, c->expenses);
      forget_gone (c, DESK_KIND_BUDGET_REVISION, c->revisions);
      return "budget_line";
    }

  if (op < 97)
    {
      /* Something the budget does not read. */
      record = desk_store_get (c->w.store, DESK_KIND_ACTIVITY, c->other_activity, NULL);
      desk_record_set_string (record, "title_en", g_rand_boolean (c->rand) ? "Dialogue" : "Talks");
      churn_write (c, record, FALSE);
      *uuid = g_strdup (c->other_activity);
      return "activity";
    }

  /* A new rate: every conversion may change. */
  record = desk_record_new (DESK_KIND_RATE);
  desk_record_set_group (record, c->w.group);
  desk_record_set_string (record, "currency", "USD");
  date = random_date (c);
  desk_record_set_string (record, "valid_from", date);
  desk_record_set_int (record, "rate_mantissa", g_rand_int_range (c->rand, 1000, 2000));
  desk_record_set_int (record, "rate_scale", 2);
  {
    g_autoptr(GError) error = NULL;

    /* Two rates of a currency may not start on the same day: then nothing changed. */
    if (!desk_store_insert (c->w.store, record, &error))
      {
        *uuid = g_strdup (c->w.activity);
        return "activity";
      }
  }
  *uuid = g_strdup (desk_record_get_uuid (record));
  return "rate";
}

static void
test_summary_follows_changes (void)
{
  Churn c = { { 0 } };
  g_autoptr(DeskBudgetSummary) followed = NULL;
  g_autoptr(GError) error = NULL;
  guint applied = 0;
  guint resummed = 0;

  world_init (&c.w);
  /* Churned freely: an approved plan's lines change only with a reason (desk-locks.h). */
  test_reopen_workplan (c.w.store, c.w.workplan);
  c.rand = g_rand_new_with_seed (20261206);
  c.lines = g_ptr_array_new_with_free_func (g_free);
  c.expenses = g_ptr_array_new_with_free_func (g_free);
  c.receipts = g_ptr_array_new_with_free_func (g_free);
  c.revisions = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(DeskRecord) wp = add (&c.w, DESK_KIND_WORKPLAN, "title_en", "2027", "period_start", "2027-01-01",
                                    "period_end", "2027-12-31", "status", "draft", NULL);
    g_autoptr(DeskRecord) a = NULL;

    c.other_workplan = g_strdup (desk_record_get_uuid (wp));
    a = add (&c.w, DESK_KIND_ACTIVITY, "workplan_uuid", c.w.workplan, "code", "A2", "title_en", "Talks",
             "kind", "dialogue", "status", "planned", NULL);
    c.other_activity = g_strdup (desk_record_get_uuid (a));
  }
  for (int i = 0; i < 6; i++)
    {
      g_autoptr(DeskRecord) line = add_line (&c.w, "Venue hire", "venue", i % 2 == 0 ? "GHS" : "USD",
                                             "2000", "150000");

      g_ptr_array_add (c.lines, g_strdup (desk_record_get_uuid (line)));
    }

  followed = desk_budget_summarise (c.w.store, c.w.workplan, &error);
  g_assert_no_error (error);

  for (int step = 0; step < 500; step++)
    {
      g_autoptr(DeskBudgetSummary) whole = NULL;
      g_autofree char *uuid = NULL;
      const char *kind = churn_step (&c, &uuid);

      if (desk_budget_summary_apply (followed, c.w.store, kind, uuid))
        applied++;
      else
        {
          /* What cannot be followed is summed again, as the Budget page does. */
          g_clear_pointer (&followed, desk_budget_summary_free);
          followed = desk_budget_summarise (c.w.store, c.w.workplan, &error);
          g_assert_no_error (error);
          resummed++;
        }

      whole = desk_budget_summarise (c.w.store, c.w.workplan, &error);
      g_assert_no_error (error);
      assert_summaries_equal (followed, whole);
    }

  g_test_message ("%u changes followed, %u summed again", applied, resummed);
  /* Rates and lines moved back into the workplan are summed again; the rest is not. */
  g_assert_cmpuint (applied, >, 400);
  g_assert_cmpuint (resummed, >, 0);

  g_rand_free (c.rand);
  g_free (c.other_workplan);
  g_free (c.other_activity);
  g_ptr_array_unref (c.lines);
  g_ptr_array_unref (c.expenses);
  g_ptr_array_unref (c.receipts);
  g_ptr_array_unref (c.revisions);
  world_clear (&c.w);
}

/* A summary follows only what it can: a rate or the workplan itself means summing again,
 * a record of another kind changes nothing. */
static void
test_summary_follow_refusals (void)
{
  World w = { 0 };
  g_autoptr(DeskBudgetSummary) summary = NULL;
  g_autoptr(DeskRecord) line = NULL;
  g_autoptr(DeskRecord) expense = NULL;
  g_autoptr(DeskRecord) workplan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 spent;

  world_init (&w);
  line = add_line (&w, "Venue hire", "venue", "GHS", "1000", "50000");
  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_no_error (error);

  expense = add_expense (&w, line, "GHS", "1250");
  g_assert_true (desk_budget_summary_apply (summary, w.store, "expense", desk_record_get_uuid (expense)));
  g_assert_cmpint (summary->total.spent, ==, 1250);
  spent = summary->total.spent;

  /* A person is not in the budget: nothing changes. */
  g_assert_true (desk_budget_summary_apply (summary, w.store, "person", "no-such-person"));
  g_assert_cmpint (summary->total.spent, ==, spent);

  workplan = desk_store_get (w.store, DESK_KIND_WORKPLAN, w.workplan, NULL);
  desk_record_set_string (workplan, "period_start", "2026-02-01");
  /* The plan is approved: a change to it gives a reason (desk-locks.h). */
  g_assert_true (desk_store_update_with_reason (w.store, workplan, "Starts a month later", &error));
  g_assert_false (desk_budget_summary_apply (summary, w.store, "workplan", w.workplan));

  g_clear_pointer (&summary, desk_budget_summary_free);
  summary = desk_budget_summarise (w.store, w.workplan, &error);
  g_assert_false (desk_budget_summary_apply (summary, w.store, "rate", "any"));

  world_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/budget/csv-read-back", test_csv_read_back);
  g_test_add_func ("/core/budget/summary/follows-changes", test_summary_follows_changes);
  g_test_add_func ("/core/budget/summary/follow-refusals", test_summary_follow_refusals);

  return g_test_run ();
}
