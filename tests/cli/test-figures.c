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
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "desk-core.h"
#include "desk-overview.h"

/* The day the Overview's figures are read on: both groups then have deliverables
 * overdue and others due within 30 days (the sample's dates are fixed). */
#define TODAY "2026-12-06"

typedef struct
{
  char *dir;
  char *db;
  sqlite3 *sql;   /* the same database, read-only, for the figures computed here */
  char *group;
  char *from;     /* the newest workplan's period, as the reports take it */
  char *to;
} Fixture;

/* Running the CLI */

static char *
run_cliv (const char **args)
{
  const char *cli = g_getenv ("GROUPDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  if (cli == NULL)
    g_error ("GROUPDESK_CLI is not set: run the tests through meson test");

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    g_error ("groupdesk-cli %s failed: %s", args[2], err);

  return out;
}

#define run_cli(...) run_cliv ((const char *[]) { __VA_ARGS__, NULL })

/* SQL, independent of the code under test */

static sqlite3_stmt *
sql_prepare (Fixture    *f,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (f->sql, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (f->sql));

  return stmt;
}

/* One integer from @sql with up to three text parameters (NULL: not bound). */
static gint64
sql_int (Fixture    *f,
         const char *sql,
         const char *p1,
         const char *p2,
         const char *p3)
{
  sqlite3_stmt *stmt = sql_prepare (f, sql);
  const char *params[] = { p1, p2, p3 };
  gint64 value;

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    if (params[i] != NULL)
      sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
sql_text (Fixture    *f,
          const char *sql,
          const char *p1)
{
  sqlite3_stmt *stmt = sql_prepare (f, sql);
  char *value;

  sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* The uuids @sql returns, joined by spaces, with @p1 and @p2 bound. */
static char *
sql_uuids (Fixture    *f,
           const char *sql,
           const char *p1,
           const char *p2)
{
  sqlite3_stmt *stmt = sql_prepare (f, sql);
  GString *s = g_string_new (NULL);

  sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p2, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_string_free (s, FALSE);
}

/* The attended entries of the group between ?2 and ?3 (by the workshop's start). */
#define ATTENDED \
  " FROM attendance t JOIN workshops w ON w.uuid = t.workshop_uuid" \
  " JOIN people p ON p.uuid = t.person_uuid LEFT JOIN members m ON m.uuid = p.member_uuid" \
  " WHERE t.status = 'attended' AND t.group_uuid = ?1 AND w.start_date BETWEEN ?2 AND ?3"

/* A share in tenths of a percent, rounded half up, as "45.2"; "—" for none. */
static char *
percent_text (gint64 part,
              gint64 total)
{
  gint64 tenths;

  if (total == 0)
    return g_strdup ("—");
  tenths = (part * 2000 + total) / (total * 2);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
}

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

/* Fixtures */

static void
fixture_open (Fixture *f)
{
  g_assert_cmpint (sqlite3_open_v2 (f->db, &f->sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* One group a database: the sample, or the generated one. */
  f->group = sql_text (f, "SELECT uuid FROM groups WHERE ?1 IS NULL", NULL);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM groups", NULL, NULL, NULL), ==, 1);
  f->from = sql_text (f, "SELECT period_start FROM workplans WHERE group_uuid = ?1 "
                         "ORDER BY period_start DESC LIMIT 1", f->group);
  f->to = sql_text (f, "SELECT period_end FROM workplans WHERE group_uuid = ?1 "
                       "ORDER BY period_start DESC LIMIT 1", f->group);
  g_assert_nonnull (f->from);
}

static void
set_up_sample (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("groupdesk-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "groupdesk.db", NULL);
  out = run_cli ("--db", f->db, "demo");
  fixture_open (f);
}

static void
set_up_generated (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("groupdesk-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "groupdesk.db", NULL);
  out = run_cli ("--db", f->db, "generate", "--seed", "15", "--activities", "40",
                 "--people", "300", "--attendance", "1500");
  fixture_open (f);
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  sqlite3_close (f->sql);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->group);
  g_free (f->from);
  g_free (f->to);
}

static DeskStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  DeskStore *store = desk_store_open (f->db, &error);

  g_assert_no_error (error);
  desk_store_set_now (store, now);

  return store;
}

/* Text helpers */

/* @text with " %" and "%" gone and every run of white space made one space. */
static char *
normalise (const char *text)
{
  g_autoptr(GRegex) percent = g_regex_new (" ?%", 0, 0, NULL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (percent, text, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (space, a, -1, 0, " ", 0, NULL);
}

/* The last line of @text that starts with @label (after spaces), normalised; NULL if
 * none. The last: in the PDF, the chart's axis names the quarters before the table. */
static char *
find_row (const char *text,
          const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *found = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = normalise (lines[i]);
      const char *start = line[0] == ' ' ? line + 1 : line;

      if (g_str_has_prefix (start, label))
        {
          g_free (found);
          found = g_strchomp (g_strdup (start));
        }
    }

  return found;
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


/* The newest workplan's uuid. */
static char *
sql_workplan (Fixture *f)
{
  return sql_text (f, "SELECT uuid FROM workplans WHERE group_uuid = ?1 "
                      "ORDER BY period_start DESC LIMIT 1", f->group);
}

/* The local day the CLI counts on (it has no fixed "now"). */
static char *
local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The pdftotext text of the report @kind, or NULL (the test then says it skipped). */
static char *
report_pdf_text (Fixture    *f,
                 const char *kind)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.pdf", f->dir, kind);
  g_autofree char *out = run_cli ("--db", f->db, "report", kind, "--pdf", path);
  char *text = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", (char *) "-layout", path, (char *) "-", NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &text, NULL, &status, NULL))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF is not checked");
      return NULL;
    }

  return text;
}

/* The Workplan progress report */

/* Per activity of the newest workplan, on @today: code, status, deliverables, done, overdue. */
#define WORKPLAN_ROWS \
  "SELECT a.code, a.status," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid)," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid AND d.status IN ('delivered', 'accepted'))," \
  " (SELECT count(*) FROM deliverables d WHERE d.activity_uuid = a.uuid AND d.due_date < ?2" \
  "   AND d.status NOT IN ('delivered', 'accepted'))" \
  " FROM activities a WHERE a.workplan_uuid = ?1 ORDER BY a.code"

static void
test_workplan_report (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (store, DESK_REPORT_WORKPLAN, f->group, NULL, NULL, &error);
  g_autofree char *workplan = sql_workplan (f);
  g_autofree char *today = local_today ();
  g_autofree char *text = run_cli ("--db", f->db, "report", "workplan");
  g_autofree char *csv = run_cli ("--db", f->db, "report", "workplan", "--csv");
  g_autofree char *pdf = report_pdf_text (f, "workplan");
  g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);
  g_autofree char *footer = NULL;
  gint64 activities = sql_int (f, "SELECT count(*) FROM activities WHERE workplan_uuid = ?1", workplan, NULL, NULL);
  gint64 overdue_total = 0;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpint (activities, >, 0);
  g_assert_cmpuint (report->rows->len, ==, activities);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, activities + 2);

  for (int pass = 0; pass < 2; pass++)
    {
      /* Core on the test's day, then the CLI on the machine's. */
      sqlite3_stmt *stmt = sql_prepare (f, WORKPLAN_ROWS);

      sqlite3_bind_text (stmt, 1, workplan, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pass == 0 ? TODAY : today, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *status = desk_reference_label (store, DESK_KIND_ACTIVITY, "status",
                                                          (const char *) sqlite3_column_text (stmt, 1));
          g_autofree char *done = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT,
                                                   (gint64) sqlite3_column_int64 (stmt, 3), (gint64) sqlite3_column_int64 (stmt, 2));
          gint64 overdue = sqlite3_column_int64 (stmt, 4);
          g_autofree char *tail = g_strdup_printf ("%s %" G_GINT64_FORMAT, done, overdue);
          g_autofree char *csv_tail = g_strdup_printf (",%s,%" G_GINT64_FORMAT, done, overdue);
          g_autofree char *prefix = g_strdup_printf ("%s ", code);
          g_autofree char *csv_prefix = g_strdup_printf ("%s,", code);
          gboolean found = FALSE;

          if (pass == 0)
            {
              for (guint r = 0; r < report->rows->len; r++)
                {
                  char **cells = g_ptr_array_index (report->rows, r);

                  if (g_strcmp0 (cells[0], code) != 0)
                    continue;
                  g_assert_cmpstr (cells[2], ==, status);
                  g_assert_cmpstr (cells[5], ==, done);
                  g_assert_cmpint (g_ascii_strtoll (cells[6], NULL, 10), ==, overdue);
                  found = TRUE;
                }
              g_assert_true (found);
              continue;
            }

          overdue_total += overdue;
          /* The CLI's text and the PDF's table end in the same cells; the CSV's row too. */
          {
            g_autofree char *row = find_row (text, prefix);

            g_assert_nonnull (row);
            g_assert_true (g_str_has_suffix (row, tail));
            g_assert_nonnull (strstr (row, status));
          }
          for (guint l = 1; csv_lines[l] != NULL; l++)
            if (g_str_has_prefix (csv_lines[l], csv_prefix))
              {
                g_assert_true (g_str_has_suffix (csv_lines[l], csv_tail));
                found = TRUE;
              }
          g_assert_true (found);
          if (pdf != NULL)
            {
              g_autofree char *row = find_row (pdf, prefix);

              g_assert_nonnull (row);
              g_assert_true (g_str_has_suffix (row, tail));
            }
          checked++;
        }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpuint (checked, ==, activities);

  /* The footer counts the same activities and overdue deliverables. */
  footer = g_strdup_printf ("%" G_GINT64_FORMAT " activities in the period.", activities);
  g_assert_nonnull (strstr (text, footer));
  if (pdf != NULL)
    g_assert_nonnull (strstr (pdf, footer));
  g_free (footer);
  footer = overdue_total == 1 ? g_strdup ("1 deliverable is overdue.")
                              : g_strdup_printf ("%" G_GINT64_FORMAT " deliverables are overdue.", overdue_total);
  g_assert_nonnull (strstr (text, footer));
}

/* The Indicators report */

/* A value in thousandths as the report writes it: "85", "31.5". */
static char *
milli_text (gint64 milli)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT, milli / 1000, ABS (milli % 1000));
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';

  return g_steal_pointer (&s);
}

/* The newest total (no gender, no pillar) of @type by the end of the period. */
#define INDICATOR_VALUE \
  "SELECT value_milli FROM indicator_values WHERE indicator_uuid = ?1 AND type = ?2" \
  " AND gender IS NULL AND pillar IS NULL AND period_start <= ?3 AND value_milli IS NOT NULL" \
  " ORDER BY period_end DESC, rowid DESC LIMIT 1"

static void
test_indicators_report (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskReport) report = desk_report_compute (store, DESK_REPORT_INDICATORS, f->group, NULL, NULL, &error);
  g_autofree char *csv = run_cli ("--db", f->db, "report", "indicators", "--csv");
  g_autofree char *text = run_cli ("--db", f->db, "report", "indicators");
  g_autofree char *pdf = report_pdf_text (f, "indicators");
  g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);
  sqlite3_stmt *stmt = sql_prepare (f, "SELECT uuid, name_en, baseline_milli FROM indicators "
                                       "WHERE group_uuid = ?1 AND unit IN ('number', 'percentage') ORDER BY name_en");
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==,
                    sql_int (f, "SELECT count(*) FROM indicators WHERE group_uuid = ?1", f->group, NULL, NULL));

  sqlite3_bind_text (stmt, 1, f->group, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *baseline = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                                  ? g_strdup ("—") : milli_text (sqlite3_column_int64 (stmt, 2));
      g_autofree char *target = NULL;
      g_autofree char *actual = NULL;
      g_autofree char *expected_csv = NULL;
      gboolean found = FALSE;
      sqlite3_stmt *v = sql_prepare (f, INDICATOR_VALUE);
      gboolean has_target, has_actual;
      gint64 target_v = 0, actual_v = 0;

      sqlite3_bind_text (v, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (v, 2, "target", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (v, 3, f->to, -1, SQLITE_TRANSIENT);
      has_target = sqlite3_step (v) == SQLITE_ROW;
      if (has_target)
        target_v = sqlite3_column_int64 (v, 0);
      sqlite3_reset (v);
      sqlite3_bind_text (v, 2, "actual", -1, SQLITE_TRANSIENT);
      has_actual = sqlite3_step (v) == SQLITE_ROW;
      if (has_actual)
        actual_v = sqlite3_column_int64 (v, 0);
      sqlite3_finalize (v);
      target = has_target ? milli_text (target_v) : g_strdup ("—");
      actual = has_actual ? milli_text (actual_v) : g_strdup ("—");

      /* Core's cells, the CSV's, the text's and the PDF's: baseline, target, actual. */
      for (guint r = 0; r < report->rows->len; r++)
        {
          char **cells = g_ptr_array_index (report->rows, r);
          g_autofree char *b = normalise (cells[2]);
          g_autofree char *t = normalise (cells[3]);
          g_autofree char *a = normalise (cells[4]);

          if (g_strcmp0 (cells[0], name) != 0)
            continue;
          g_assert_cmpstr (b, ==, baseline);
          g_assert_cmpstr (t, ==, target);
          g_assert_cmpstr (a, ==, actual);
          found = TRUE;
        }
      g_assert_true (found);

      expected_csv = g_strdup_printf (",%s,%s,%s,", baseline, target, actual);
      found = FALSE;
      for (guint l = 1; csv_lines[l] != NULL; l++)
        if (g_str_has_prefix (csv_lines[l], name) || g_str_has_prefix (csv_lines[l] + 1, name))
          {
            g_assert_nonnull (strstr (csv_lines[l], expected_csv));
            found = TRUE;
          }
      g_assert_true (found);

      /* Text and PDF cut long names: the row is found by its first words. */
      {
        g_autofree char *start = g_strndup (name, 20);
        g_autofree char *figures = g_strdup_printf (" %s %s %s ", baseline, target, actual);
        g_autofree char *row = find_row (text, start);

        g_assert_nonnull (row);
        g_assert_nonnull (strstr (row, figures));
        if (pdf != NULL)
          {
            g_autofree char *pdf_row = find_row (pdf, start);

            g_assert_nonnull (pdf_row);
            g_assert_nonnull (strstr (pdf_row, figures));
          }
      }
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, >, 0);
}

/* Budget against actual, in SQL and plain C arithmetic (HACKING.md "Money") */

typedef struct
{
  gint64 revised;
  gint64 spent;
  guint missing;
} SqlBudget;

/* @amount of @currency on @date in the reporting currency, rounded half away from zero;
 * FALSE when the group has no rate for it on that day. */
static gboolean
sql_convert (Fixture    *f,
             gint64      amount,
             const char *currency,
             const char *date,
             gint64     *out)
{
  g_autofree char *reporting = sql_text (f, "SELECT currency FROM groups WHERE uuid = ?1", f->group);
  sqlite3_stmt *stmt;
  __int128 n, d;
  gint64 mantissa;
  int scale, from_dec, to_dec;
  gboolean negative = amount < 0;

  if (g_str_equal (currency, reporting))
    {
      *out = amount;
      return TRUE;
    }
  stmt = sql_prepare (f, "SELECT rate_mantissa, rate_scale, (SELECT minor_units FROM currencies WHERE code = ?2),"
                         " (SELECT minor_units FROM currencies WHERE code = ?4)"
                         " FROM exchange_rates WHERE group_uuid = ?1 AND currency = ?2 AND valid_from <= ?3"
                         " ORDER BY valid_from DESC LIMIT 1");
  sqlite3_bind_text (stmt, 1, f->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reporting, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  mantissa = sqlite3_column_int64 (stmt, 0);
  scale = sqlite3_column_int (stmt, 1);
  from_dec = sqlite3_column_int (stmt, 2);
  to_dec = sqlite3_column_int (stmt, 3);
  sqlite3_finalize (stmt);

  n = (__int128) ABS (amount) * mantissa;
  d = 1;
  for (int i = 0; i < scale; i++)
    d *= 10;
  for (int i = to_dec; i < from_dec; i++)
    d *= 10;
  for (int i = from_dec; i < to_dec; i++)
    n *= 10;
  *out = (gint64) ((2 * n + d) / (2 * d));
  if (negative)
    *out = -*out;

  return TRUE;
}

/* @x × @y / 1000 rounded half away from zero (quantities are in thousandths). */
static gint64
milli_times (gint64 x,
             gint64 y)
{
  __int128 n = (__int128) x * y;

  return (gint64) ((2 * n + 1000) / 2000);
}

/* The newest workplan's budget by category (and the total under ""): the revised budget
 * of each line, converted at the rate on its revision's day (or the workplan's start),
 * and its expenses summed per currency and rate, each sum converted once. */
static GHashTable *
sql_budget (Fixture *f)
{
  g_autofree char *workplan = sql_workplan (f);
  g_autofree char *start = sql_text (f, "SELECT period_start FROM workplans WHERE uuid = ?1", workplan);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SqlBudget *total = g_new0 (SqlBudget, 1);
  sqlite3_stmt *stmt;

  g_hash_table_insert (rows, g_strdup (""), total);
  stmt = sql_prepare (f, "SELECT l.category, l.currency,"
                         " COALESCE (r.quantity_milli, l.quantity_milli), COALESCE (r.unit_cost_minor, l.unit_cost_minor),"
                         " COALESCE (r.revised_on, ?2)"
                         " FROM budget_lines l LEFT JOIN budget_revisions r ON r.rowid ="
                         "  (SELECT rowid FROM budget_revisions WHERE budget_line_uuid = l.uuid"
                         "   ORDER BY revised_on DESC, rowid DESC LIMIT 1)"
                         " WHERE l.workplan_uuid = ?1"
                         " UNION ALL "
                         "SELECT l.category, e.currency, -1, sum (e.amount_minor),"
                         " COALESCE ((SELECT max (valid_from) FROM exchange_rates x WHERE x.group_uuid = e.group_uuid"
                         "  AND x.currency = e.currency AND x.valid_from <= e.date), e.date)"
                         " FROM expenses e JOIN budget_lines l ON l.uuid = e.budget_line_uuid"
                         " WHERE l.workplan_uuid = ?1"
                         " GROUP BY l.uuid, e.currency, (SELECT max (valid_from) FROM exchange_rates x"
                         "  WHERE x.group_uuid = e.group_uuid AND x.currency = e.currency AND x.valid_from <= e.date)");
  sqlite3_bind_text (stmt, 1, workplan, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *category = (const char *) sqlite3_column_text (stmt, 0);
      gboolean expense = sqlite3_column_int64 (stmt, 2) < 0;
      gint64 amount = expense ? sqlite3_column_int64 (stmt, 3)
                              : milli_times (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      SqlBudget *row = g_hash_table_lookup (rows, category);
      gint64 converted;

      if (row == NULL)
        {
          row = g_new0 (SqlBudget, 1);
          g_hash_table_insert (rows, g_strdup (category), row);
        }
      if (!sql_convert (f, amount, (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 4), &converted))
        {
          row->missing++;
          total->missing++;
          continue;
        }
      if (expense)
        {
          row->spent += converted;
          total->spent += converted;
        }
      else
        {
          row->revised += converted;
          total->revised += converted;
        }
    }
  sqlite3_finalize (stmt);

  return rows;
}

static void
test_budget_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DeskStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *workplan = sql_workplan (f);
  g_autoptr(GHashTable) rows = sql_budget (f);
  g_autoptr(DeskBudgetSummary) summary = desk_budget_summarise (store, workplan, &error);
  g_autofree char *json = run_cli ("--db", f->db, "budget", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  SqlBudget *total = g_hash_table_lookup (rows, "");
  JsonObject *o;

  g_assert_no_error (error);
  g_assert_cmpint (total->revised, >, 0);
  g_assert_cmpint (total->spent, >, 0);

  /* Core: every category and the total; amounts without a rate are left out, counted. */
  g_assert_cmpuint (summary->categories->len + 1, ==, g_hash_table_size (rows));
  for (guint i = 0; i < summary->categories->len; i++)
    {
      DeskBudgetRow *row = g_ptr_array_index (summary->categories, i);
      SqlBudget *expected = g_hash_table_lookup (rows, row->key);

      g_assert_nonnull (expected);
      g_assert_cmpint (desk_budget_row_budget (row, DESK_BUDGET_REVISED), ==, expected->revised);
      g_assert_cmpint (row->spent, ==, expected->spent);
      g_assert_cmpuint (row->missing > 0, ==, expected->missing > 0);
    }
  g_assert_cmpint (desk_budget_row_budget (&summary->total, DESK_BUDGET_REVISED), ==, total->revised);
  g_assert_cmpint (summary->total.spent, ==, total->spent);
  g_assert_cmpuint (summary->total.missing > 0, ==, total->missing > 0);

  /* The CLI's JSON: the same total. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  o = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "total");
  g_assert_cmpint (json_object_get_int_member (o, "revised"), ==, total->revised);
  g_assert_cmpint (json_object_get_int_member (o, "spent"), ==, total->spent);
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

  g_test_add ("/figures/sample/workplan-report", Fixture, NULL, set_up_sample,
              test_workplan_report, tear_down);
  /* The generated group has no indicators: the sample's are checked. */
  g_test_add ("/figures/sample/indicators-report", Fixture, NULL, set_up_sample,
              test_indicators_report, tear_down);
  g_test_add ("/figures/sample/budget-report", Fixture, NULL, set_up_sample,
              test_budget_report, tear_down);
  g_test_add ("/figures/sample/overview-cli", Fixture, NULL, set_up_sample,
              test_overview_cli, tear_down);
  g_test_add ("/figures/sample/overview-core", Fixture, NULL, set_up_sample,
              test_overview_core, tear_down);
  g_test_add ("/figures/generated/workplan-report", Fixture, NULL, set_up_generated,
              test_workplan_report, tear_down);
  g_test_add ("/figures/generated/budget-report", Fixture, NULL, set_up_generated,
              test_budget_report, tear_down);
  g_test_add ("/figures/generated/overview-cli", Fixture, NULL, set_up_generated,
              test_overview_cli, tear_down);
  g_test_add ("/figures/generated/overview-core", Fixture, NULL, set_up_generated,
              test_overview_core, tear_down);

  return g_test_run ();
}
