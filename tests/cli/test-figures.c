/* test-figures.c — every figure agrees: the cross-check of issue 15
 *
 * On the sample group and on a generated group, each figure the Overview and the
 * Attendance report show is computed here in plain SQL, written for this test and not
 * calling the code under test, and compared with what core returns, what groupdesk-cli
 * prints (text, --json, --csv), and what pdftotext finds in the report's PDF. The
 * records a bundle holds are compared the same way: the export history's total, the
 * import's "Added" column and the rows the import wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "figures-common.h"
#include "desk-overview.h"

static const char *const pillars[] = { "government", "company", "civil_society", "observer", "other" };

/* The report's row for @from–@to, in SQL: the cells of the CSV, in its columns. */
static GStrv
sql_quarter_row (Fixture    *f,
                 const char *label,
                 const char *from,
                 const char *to)
{
  GPtrArray *row = g_ptr_array_new ();
  gint64 attendances = sql_int (f, "SELECT count(*)" ATTENDED, f->group, from, to);
  gint64 women = sql_int (f, "SELECT count(*)" ATTENDED " AND p.gender = 'woman'", f->group, from, to);
  g_autofree char *share = percent_text (women, attendances);

  g_ptr_array_add (row, g_strdup (label));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT,
                                             sql_int (f, "SELECT count(DISTINCT t.workshop_uuid)" ATTENDED,
                                                      f->group, from, to)));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, attendances));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT,
                                             sql_int (f, "SELECT count(DISTINCT t.person_uuid)" ATTENDED,
                                                      f->group, from, to)));
  g_ptr_array_add (row, g_strdup (share));
  /* Came again: people here who had attended an earlier workshop of the whole period
   * (earlier: by start, then by workshop identifier for the same day). */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(DISTINCT t.person_uuid)" ATTENDED " AND EXISTS ("
      "  SELECT 1 FROM attendance e JOIN workshops ew ON ew.uuid = e.workshop_uuid"
      "  WHERE e.person_uuid = t.person_uuid AND e.status = 'attended' AND e.group_uuid = ?1"
      "  AND ew.start_date >= '%s'"
      "  AND (ew.start_date < w.start_date OR (ew.start_date = w.start_date AND ew.uuid < w.uuid)))",
      f->from);

    g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, sql_int (f, sql, f->group, from, to)));
  }
  for (guint p = 0; p < G_N_ELEMENTS (pillars); p++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*)" ATTENDED
                                              " AND COALESCE (p.pillar, m.pillar) = '%s'", pillars[p]);

      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, sql_int (f, sql, f->group, from, to)));
    }

  g_ptr_array_add (row, NULL);

  return (GStrv) g_ptr_array_free (row, FALSE);
}

/* The report's quarters of the period, clipped to it, each as { label, from, to }. */
static GPtrArray *
quarters_of (const char *from,
             const char *to)
{
  GPtrArray *quarters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int year = atoi (from);
  int month = atoi (from + 5);
  int q = (month - 1) / 3;

  for (;;)
    {
      static const char *const ends[] = { "03-31", "06-30", "09-30", "12-31" };
      g_autofree char *start = g_strdup_printf ("%04d-%02d-01", year, q * 3 + 1);
      g_autofree char *end = g_strdup_printf ("%04d-%s", year, ends[q]);
      char **quarter;

      if (strcmp (start, to) > 0)
        break;
      quarter = g_new0 (char *, 4);
      quarter[0] = g_strdup_printf ("%d Q%d", year, q + 1);
      quarter[1] = g_strdup (strcmp (start, from) < 0 ? from : start);
      quarter[2] = g_strdup (strcmp (end, to) > 0 ? to : end);
      g_ptr_array_add (quarters, quarter);
      if (++q == 4)
        {
          q = 0;
          year++;
        }
    }

  return quarters;
}

/* Overview */

static void
test_overview_deliverables (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(DeskDeliverablesDue) due = desk_deliverables_due (store, f->group);
  g_autofree char *overdue = sql_uuids (f, "SELECT uuid FROM deliverables WHERE group_uuid = ?1 "
                                           "AND due_date < ?2 AND status NOT IN ('delivered', 'accepted') "
                                           "ORDER BY due_date, uuid", f->group, TODAY);
  g_autofree char *soon = sql_uuids (f, "SELECT uuid FROM deliverables WHERE group_uuid = ?1 "
                                        "AND due_date BETWEEN ?2 AND date (?2, '+30 days') "
                                        "AND status NOT IN ('delivered', 'accepted') "
                                        "ORDER BY due_date, uuid", f->group, TODAY);
  g_autoptr(GString) core_overdue = g_string_new (NULL);
  g_autoptr(GString) core_soon = g_string_new (NULL);

  for (guint i = 0; i < due->overdue->len; i++)
    g_string_append_printf (core_overdue, "%s%s", i > 0 ? " " : "",
                            desk_record_get_uuid (g_ptr_array_index (due->overdue, i)));
  for (guint i = 0; i < due->due_soon->len; i++)
    g_string_append_printf (core_soon, "%s%s", i > 0 ? " " : "",
                            desk_record_get_uuid (g_ptr_array_index (due->due_soon, i)));

  /* The figure is the list's length: the same deliverables, in the same order. */
  g_assert_cmpstr (core_overdue->str, ==, overdue);
  g_assert_cmpstr (core_soon->str, ==, soon);
  g_assert_cmpint (desk_store_count_overdue (store, f->group), ==, due->overdue->len);
  g_assert_cmpstr (due->until, ==, "2027-01-05");
  /* Not a comparison of two empty lists. */
  g_assert_cmpuint (due->overdue->len, >, 0);
  g_assert_cmpuint (due->due_soon->len, >, 0);
}

/* The Overview's attendance tile (the newest workplan's period), the CLI's attendance
 * text and JSON, against SQL. */
static void
test_overview_attendance (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskAttendanceBreakdown) b = desk_attendance_breakdown (store, f->group, NULL, f->from, f->to, &error);
  gint64 attendances = sql_int (f, "SELECT count(*)" ATTENDED, f->group, f->from, f->to);
  gint64 people = sql_int (f, "SELECT count(DISTINCT t.person_uuid)" ATTENDED, f->group, f->from, f->to);
  gint64 women = sql_int (f, "SELECT count(*)" ATTENDED " AND p.gender = 'woman'", f->group, f->from, f->to);
  gint64 workshops = sql_int (f, "SELECT count(DISTINCT t.workshop_uuid)" ATTENDED, f->group, f->from, f->to);
  gint64 repeat = sql_int (f, "SELECT count(*) FROM (SELECT t.person_uuid" ATTENDED
                              " GROUP BY t.person_uuid HAVING count(*) > 1)", f->group, f->from, f->to);
  g_autofree char *share = percent_text (women, attendances);
  g_autofree char *text = run_cli ("--db", f->db, "attendance", "--from", f->from, "--to", f->to);
  g_autofree char *json = run_cli ("--db", f->db, "attendance", "--from", f->from, "--to", f->to, "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *expected = NULL;
  JsonObject *o;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_cmpint (attendances, >, 0);

  /* Core, as the tile reads it. */
  g_assert_cmpint (b->attendances, ==, attendances);
  g_assert_cmpint (b->people, ==, people);
  g_assert_cmpint (b->women_attendances, ==, women);
  g_assert_cmpint (b->workshops, ==, workshops);
  g_assert_cmpint (b->repeat_people, ==, repeat);

  /* Every pillar × gender cell the tile's table shows, and no "other" lumped together. */
  stmt = sql_prepare (f, "SELECT COALESCE (p.pillar, m.pillar, 'not_stated'), p.gender, count(*)" ATTENDED
                         " GROUP BY 1, 2");
  sqlite3_bind_text (stmt, 1, f->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, f->to, -1, SQLITE_TRANSIENT);
  {
    gint64 cells = 0;

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_assert_cmpint (desk_attendance_breakdown_get (b, (const char *) sqlite3_column_text (stmt, 0),
                                                        (const char *) sqlite3_column_text (stmt, 1)),
                         ==, sqlite3_column_int64 (stmt, 2));
        cells += sqlite3_column_int64 (stmt, 2);
      }
    g_assert_cmpint (cells, ==, attendances);
  }
  sqlite3_finalize (stmt);
  g_assert_cmpint (desk_attendance_breakdown_gender_total (b, "not_stated"), ==,
                   sql_int (f, "SELECT count(*)" ATTENDED " AND p.gender = 'not_stated'", f->group, f->from, f->to));

  /* The CLI's text. */
  expected = g_strdup_printf ("Attendances: %" G_GINT64_FORMAT " at %" G_GINT64_FORMAT " workshops\n",
                              attendances, workshops);
  g_assert_nonnull (strstr (text, expected));
  g_free (expected);
  expected = g_strdup_printf ("People reached: %" G_GINT64_FORMAT "\n", people);
  g_assert_nonnull (strstr (text, expected));
  g_free (expected);
  expected = g_strdup_printf ("Women: %" G_GINT64_FORMAT " attendances, %s%%\n", women, share);
  g_assert_nonnull (strstr (text, expected));
  g_free (expected);
  expected = g_strdup_printf ("People who came more than once: %" G_GINT64_FORMAT " (", repeat);
  g_assert_nonnull (strstr (text, expected));

  /* The CLI's JSON. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "attendances"), ==, attendances);
  g_assert_cmpint (json_object_get_int_member (o, "people"), ==, people);
  g_assert_cmpint (json_object_get_int_member (o, "women_attendances"), ==, women);
  g_assert_cmpint (json_object_get_int_member (o, "workshops"), ==, workshops);
  g_assert_cmpint (json_object_get_int_member (o, "repeat_people"), ==, repeat);
  g_assert_cmpint (json_object_get_int_member (o, "repeat_attendances"), ==, attendances - people);
}

/* The Attendance report */

static void
test_attendance_report (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (store, DESK_REPORT_ATTENDANCE, f->group, NULL, NULL, &error);
  g_autoptr(GPtrArray) quarters = quarters_of (f->from, f->to);
  g_autofree char *text = run_cli ("--db", f->db, "report", "attendance");
  g_autofree char *csv = run_cli ("--db", f->db, "report", "attendance", "--csv");
  g_autofree char *pdf_path = g_build_filename (f->dir, "attendance.pdf", NULL);
  g_autofree char *pdf_out = run_cli ("--db", f->db, "report", "attendance", "--pdf", pdf_path);
  g_autofree char *pdf = NULL;
  g_autofree char *pdf_flat = NULL;
  g_autofree char *footer = NULL;
  g_autoptr(GError) spawn_error = NULL;
  /* RFC 4180: lines end in CRLF. */
  g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);
  gint64 attendances = sql_int (f, "SELECT count(*)" ATTENDED, f->group, f->from, f->to);
  gint64 women = sql_int (f, "SELECT count(*)" ATTENDED " AND p.gender = 'woman'", f->group, f->from, f->to);
  g_autofree char *share = percent_text (women, attendances);
  int status = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (report->from, ==, f->from);
  g_assert_cmpstr (report->to, ==, f->to);
  g_assert_cmpuint (report->rows->len, ==, quarters->len);

  if (!g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", (char *) "-layout", pdf_path, (char *) "-", NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &pdf, NULL, &status, &spawn_error))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF is not checked");
      pdf = NULL;
    }

  for (guint q = 0; q < quarters->len; q++)
    {
      char **quarter = g_ptr_array_index (quarters, q);
      g_auto(GStrv) row = sql_quarter_row (f, quarter[0], quarter[1], quarter[2]);
      g_autofree char *expected_csv = g_strjoinv (",", row);
      g_autofree char *expected_text = g_strjoinv (" ", row);
      g_autofree char *core_row = g_strjoinv (" ", g_ptr_array_index (report->rows, q));
      g_autofree char *core_text = normalise (core_row);
      g_autofree char *cli_row = find_row (text, quarter[0]);

      /* Core, the CLI's text and its CSV. */
      g_assert_cmpstr (core_text, ==, expected_text);
      g_assert_cmpstr (cli_row, ==, expected_text);
      g_assert_cmpstr (csv_lines[q + 1], ==, expected_csv);

      /* The PDF's table. */
      if (pdf != NULL)
        {
          g_autofree char *pdf_row = find_row (pdf, quarter[0]);

          g_assert_cmpstr (pdf_row, ==, expected_text);
        }
    }
  g_assert_cmpstr (csv_lines[quarters->len + 1], ==, "");

  /* The footer: the same figures, and the definition under them. */
  {
    gint64 repeat = sql_int (f, "SELECT count(*) FROM (SELECT t.person_uuid" ATTENDED
                                " GROUP BY t.person_uuid HAVING count(*) > 1)", f->group, f->from, f->to);
    gint64 people = sql_int (f, "SELECT count(DISTINCT t.person_uuid)" ATTENDED, f->group, f->from, f->to);

    footer = g_strdup_printf ("%" G_GINT64_FORMAT " attendances by %" G_GINT64_FORMAT " people at %"
                              G_GINT64_FORMAT " workshops; women %s%%; %" G_GINT64_FORMAT
                              " people came more than once.",
                              attendances, people,
                              sql_int (f, "SELECT count(DISTINCT t.workshop_uuid)" ATTENDED, f->group, f->from, f->to),
                              share, repeat);
  }
  g_assert_cmpstr (g_ptr_array_index (report->notes, 0), ==, footer);
  g_assert_nonnull (strstr (text, footer));
  g_assert_nonnull (strstr (text, "Repeat attendance: people who came to more than one workshop in the period."));
  if (pdf != NULL)
    {
      g_autofree char *flat_footer = normalise (footer);

      pdf_flat = normalise (pdf);
      g_assert_nonnull (strstr (pdf_flat, flat_footer));
      g_assert_nonnull (strstr (pdf_flat, "Repeat attendance: people who came to more than one workshop in the period."));
    }
}

/* A bundle's records */

/* The "Added" column of the CLI's import plan (Kind, Added, Updated, Deleted,
 * Unchanged), summed. */
static gint64
sum_added (const char *out)
{
  g_autoptr(GRegex) row = g_regex_new ("^[a-z_]+ +([0-9]+) +[0-9]+ +[0-9]+ +[0-9]+$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gint64 total = 0;
  guint rows = 0;

  g_assert_nonnull (strstr (out, "Kind "));
  for (g_regex_match (row, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *added = g_match_info_fetch (match, 1);

      total += g_ascii_strtoll (added, NULL, 10);
      rows++;
    }
  g_assert_cmpuint (rows, >, 0);

  return total;
}

static void
test_bundle_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.xml", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *out = run_cli ("--db", f->db, "export", "--from", f->from, "--to", f->to, "-o", bundle);
  g_autofree char *plan = run_cli ("--db", fresh, "import", bundle);
  g_autofree char *counts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *o;
  Fixture imported = { .db = fresh };
  gint64 history = 0;
  gint64 rows;

  /* The export history's total, from the counts it records. */
  sqlite3_close (f->sql);
  g_assert_cmpint (sqlite3_open_v2 (f->db, &f->sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  counts = sql_text (f, "SELECT counts FROM exports WHERE group_uuid = ?1 ORDER BY sequence DESC LIMIT 1", f->group);
  json_parser_load_from_data (parser, counts, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    if (desk_bundle_kind_is_record (l->data))
      history += json_object_get_int_member (o, l->data);

  /* What the import wrote, counted here: every record, and one per workshop counted. */
  g_assert_cmpint (sqlite3_open_v2 (fresh, &imported.sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rows = sql_int (&imported,
                  "SELECT (SELECT count(*) FROM groups) + (SELECT count(*) FROM members)"
                  " + (SELECT count(*) FROM workplans) + (SELECT count(*) FROM activities)"
                  " + (SELECT count(*) FROM deliverables) + (SELECT count(*) FROM indicators)"
                  " + (SELECT count(*) FROM indicator_values) + (SELECT count(*) FROM budget_lines)"
                  " + (SELECT count(*) FROM budget_revisions) + (SELECT count(*) FROM expenses)"
                  " + (SELECT count(*) FROM funding_receipts) + (SELECT count(*) FROM exchange_rates)"
                  " + (SELECT count(*) FROM workshops) + (SELECT count(*) FROM people)"
                  " + (SELECT count(*) FROM attendance) + (SELECT count(*) FROM plenary_nominations)"
                  " + (SELECT count(DISTINCT workshop_uuid) FROM workshop_counts)", NULL, NULL, NULL);
  sqlite3_close (imported.sql);

  g_assert_cmpint (rows, >, 0);
  g_assert_cmpint (history, ==, rows);
  g_assert_cmpint (sum_added (plan), ==, rows);
}


/* The Overview: groupdesk-cli overview (what the page shows, from the same core call) */

static void
assert_uuids (JsonArray  *array,
              const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (got, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (array, i), "uuid"));
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_overview_cli (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = run_cli ("--db", f->db, "overview", "--json");
  g_autofree char *text = run_cli ("--db", f->db, "overview");
  g_autofree char *workplan = sql_workplan (f);
  g_autoptr(GHashTable) budget_rows = sql_budget (f);
  SqlBudget *budget = g_hash_table_lookup (budget_rows, "");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *next = NULL;
  JsonObject *o, *w, *counts, *d, *b, *a;
  const char *today;
  gint64 done, burn;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  today = json_object_get_string_member (o, "today");
  g_assert_nonnull (today);

  g_assert_cmpstr (json_object_get_string_member (o, "group"), ==, f->group);
  g_assert_cmpint (json_object_get_int_member (o, "members"), ==,
                   sql_int (f, "SELECT count(*) FROM members WHERE group_uuid = ?1", f->group, NULL, NULL));

  /* Workplan: "X of Y done", and each status. */
  w = json_object_get_object_member (o, "workplan");
  g_assert_cmpstr (json_object_get_string_member (w, "uuid"), ==, workplan);
  g_assert_cmpint (json_object_get_int_member (w, "activities"), ==,
                   sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1", workplan, NULL, NULL));
  counts = json_object_get_object_member (w, "status_counts");
  for (guint s = 0; s < DESK_OVERVIEW_N_STATUSES; s++)
    g_assert_cmpint (json_object_get_int_member (counts, desk_overview_statuses[s]), ==,
                     sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1 AND status = ?2",
                              workplan, desk_overview_statuses[s], NULL));
  done = sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1 AND status = 'done'",
                  workplan, NULL, NULL);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " done\n", done,
                              json_object_get_int_member (w, "activities"));
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);

  /* Deliverables, on the CLI's day. */
  d = json_object_get_object_member (o, "deliverables");
  overdue = sql_uuids (f, "SELECT uuid FROM deliverables WHERE group_uuid = ?1 AND due_date < ?2"
                          " AND status NOT IN ('delivered', 'accepted') ORDER BY due_date, uuid", f->group, today);
  soon = sql_uuids (f, "SELECT uuid FROM deliverables WHERE group_uuid = ?1"
                       " AND due_date BETWEEN ?2 AND date (?2, '+30 days')"
                       " AND status NOT IN ('delivered', 'accepted') ORDER BY due_date, uuid", f->group, today);
  assert_uuids (json_object_get_array_member (d, "overdue"), overdue);
  assert_uuids (json_object_get_array_member (d, "due_soon"), soon);
  expected = g_strdup_printf ("%u due in the next 30 days · ",
                              json_array_get_length (json_object_get_array_member (d, "due_soon")));
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);

  /* Budget burn: the revised budget, spent and their share. */
  b = json_object_get_object_member (o, "budget");
  g_assert_cmpint (json_object_get_int_member (b, "budget"), ==, budget->revised);
  g_assert_cmpint (json_object_get_int_member (b, "spent"), ==, budget->spent);
  burn = (budget->spent * 2000 + budget->revised) / (budget->revised * 2);
  g_assert_cmpint (json_object_get_int_member (b, "burn_permille"), ==, burn);
  expected = g_strdup_printf ("\n  %" G_GINT64_FORMAT "%% spent\n", (burn + 5) / 10);
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);

  /* Attendance in the workplan's period. */
  a = json_object_get_object_member (o, "attendance");
  g_assert_cmpint (json_object_get_int_member (a, "attendances"), ==,
                   sql_int (f, "SELECT count(*)" ATTENDED, f->group, f->from, f->to));
  g_assert_cmpint (json_object_get_int_member (a, "people"), ==,
                   sql_int (f, "SELECT count(DISTINCT t.person_uuid)" ATTENDED, f->group, f->from, f->to));
  g_assert_cmpint (json_object_get_int_member (a, "women_attendances"), ==,
                   sql_int (f, "SELECT count(*)" ATTENDED " AND p.gender = 'woman'", f->group, f->from, f->to));

  /* The next workshops: not over yet, by start. */
  next = sql_uuids (f, "SELECT uuid FROM workshops WHERE group_uuid = ?1 AND end_date >= ?2"
                       " ORDER BY start_date, uuid LIMIT 4", f->group, today);
  assert_uuids (json_object_get_array_member (o, "next_workshops"), next);
}

/* The page's own reading (core, on the test's day) agrees with SQL too. */
static void
test_overview_core (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(DeskOverview) overview = desk_overview_read (store);
  g_autofree char *workplan = sql_workplan (f);
  g_autoptr(GHashTable) budget_rows = sql_budget (f);
  SqlBudget *budget = g_hash_table_lookup (budget_rows, "");

  g_assert_cmpstr (overview->today, ==, TODAY);
  g_assert_cmpstr (desk_record_get_uuid (overview->workplan), ==, workplan);
  g_assert_cmpint (overview->status_counts[0], ==,
                   sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1 AND status = 'done'",
                            workplan, NULL, NULL));
  g_assert_cmpint (overview->activities, ==,
                   sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1", workplan, NULL, NULL));
  g_assert_true (overview->has_burn);
  g_assert_cmpint (desk_budget_row_budget (&overview->budget->total, DESK_BUDGET_REVISED), ==, budget->revised);
  g_assert_cmpint (overview->budget->total.spent, ==, budget->spent);
  g_assert_cmpint (overview->burn_permille, ==, (budget->spent * 2000 + budget->revised) / (budget->revised * 2));
}

/* "Export N on …" names the day the export was made where the user is, not the UTC
 * timestamp's first ten characters: far east and far west of UTC, one export shows on
 * the days its moment falls on there. */
static void
test_overview_export_day (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *bundle = g_build_filename (f->dir, "bundle.xml", NULL);
  g_autofree char *out = run_cli ("--db", f->db, "export", "--from", f->from, "--to", f->to, "-o", bundle);
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) moment = NULL;
  static const char *const zones[][2] = { { "UTC-14", "+14:00" }, { "UTC+12", "-12:00" } };
  /* The day in each zone (an array of g_autofree would free only its address). */
  g_auto(GStrv) days = g_new0 (char *, G_N_ELEMENTS (zones) + 1);

  sqlite3_close (f->sql);
  g_assert_cmpint (sqlite3_open_v2 (f->db, &f->sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  created = sql_text (f, "SELECT created FROM exports WHERE group_uuid = ?1 AND sequence = 1", f->group);
  moment = g_date_time_new_from_iso8601 (created, NULL);
  g_assert_nonnull (moment);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z][1]);
      g_autoptr(GDateTime) there = g_date_time_to_timezone (moment, tz);
      g_autofree char *iso = g_date_time_format (there, "%Y-%m-%d");
      g_autofree char *day = desk_date_format (iso);
      g_autofree char *time = g_date_time_format (there, "%H:%M");
      g_autofree char *expected = g_strdup_printf ("Export 1 on %s, %s\n", day, time);
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TZ", zones[z][0], TRUE);
      const char *argv[] = { g_getenv ("GROUPDESK_CLI"), "--db", f->db, "overview", NULL };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (text, expected));
      days[z] = g_steal_pointer (&iso);
    }
  /* 26 hours apart: never the same day, so one of them is not UTC's. */
  g_assert_cmpstr (days[0], !=, days[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/figures/sample/overview-deliverables", Fixture, NULL, set_up_sample,
              test_overview_deliverables, tear_down);
  g_test_add ("/figures/sample/overview-attendance", Fixture, NULL, set_up_sample,
              test_overview_attendance, tear_down);
  g_test_add ("/figures/sample/attendance-report", Fixture, NULL, set_up_sample,
              test_attendance_report, tear_down);
  g_test_add ("/figures/sample/bundle-counts", Fixture, NULL, set_up_sample,
              test_bundle_counts, tear_down);
  g_test_add ("/figures/generated/overview-deliverables", Fixture, NULL, set_up_generated,
              test_overview_deliverables, tear_down);
  g_test_add ("/figures/generated/overview-attendance", Fixture, NULL, set_up_generated,
              test_overview_attendance, tear_down);
  g_test_add ("/figures/generated/attendance-report", Fixture, NULL, set_up_generated,
              test_attendance_report, tear_down);
  g_test_add ("/figures/generated/bundle-counts", Fixture, NULL, set_up_generated,
              test_bundle_counts, tear_down);
  g_test_add ("/figures/sample/overview-cli", Fixture, NULL, set_up_sample,
              test_overview_cli, tear_down);
  g_test_add ("/figures/sample/overview-core", Fixture, NULL, set_up_sample,
              test_overview_core, tear_down);
  g_test_add ("/figures/generated/overview-cli", Fixture, NULL, set_up_generated,
              test_overview_cli, tear_down);
  g_test_add ("/figures/generated/overview-core", Fixture, NULL, set_up_generated,
              test_overview_core, tear_down);
  g_test_add ("/figures/sample/overview-export-day", Fixture, NULL, set_up_sample,
              test_overview_export_day, tear_down);

  return g_test_run ();
}
