/* figures-common.c — what the cross-check's test files share: the fixtures, running the
 * CLI, and the figures computed in plain SQL, written for these tests and not calling the
 * code under test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "figures-common.h"

/* Running the CLI */

char *
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


/* SQL, independent of the code under test */

sqlite3_stmt *
sql_prepare (Fixture    *f,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (f->sql, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (f->sql));

  return stmt;
}

/* One integer from @sql with up to three text parameters (NULL: not bound). */
gint64
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

char *
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
char *
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

/* A share in tenths of a percent, rounded half up, as "45.2"; "—" for none. */
char *
percent_text (gint64 part,
              gint64 total)
{
  gint64 tenths;

  if (total == 0)
    return g_strdup ("—");
  tenths = (part * 2000 + total) / (total * 2);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
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

void
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

void
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

void
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

DeskStore *
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
char *
normalise (const char *text)
{
  g_autoptr(GRegex) percent = g_regex_new (" ?%", 0, 0, NULL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (percent, text, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (space, a, -1, 0, " ", 0, NULL);
}

/* The last line of @text that starts with @label (after spaces), normalised; NULL if
 * none. The last: in the PDF, the chart's axis names the quarters before the table. */
char *
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

/* The newest workplan's uuid. */
char *
sql_workplan (Fixture *f)
{
  return sql_text (f, "SELECT uuid FROM workplans WHERE group_uuid = ?1 "
                      "ORDER BY period_start DESC LIMIT 1", f->group);
}

/* The local day the CLI counts on (it has no fixed "now"). */
char *
local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The pdftotext text of the report @kind, or NULL (the test then says it skipped). */
char *
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

/* Budget against actual, in SQL and plain C arithmetic (HACKING.md "Money") */


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
GHashTable *
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
                         " COALESCE (r.revised_on, ?2),"
                         " 'activity:' || COALESCE ((SELECT code FROM activities WHERE uuid = l.activity_uuid), '')"
                         " FROM budget_lines l LEFT JOIN budget_revisions r ON r.rowid ="
                         "  (SELECT rowid FROM budget_revisions WHERE budget_line_uuid = l.uuid"
                         "   ORDER BY revised_on DESC, rowid DESC LIMIT 1)"
                         " WHERE l.workplan_uuid = ?1"
                         " UNION ALL "
                         "SELECT l.category, e.currency, -1, sum (e.amount_minor),"
                         " COALESCE ((SELECT max (valid_from) FROM exchange_rates x WHERE x.group_uuid = e.group_uuid"
                         "  AND x.currency = e.currency AND x.valid_from <= e.date), e.date),"
                         " 'activity:' || COALESCE ((SELECT code FROM activities WHERE uuid = l.activity_uuid), '')"
                         " FROM expenses e JOIN budget_lines l ON l.uuid = e.budget_line_uuid"
                         " WHERE l.workplan_uuid = ?1"
                         " GROUP BY l.uuid, e.currency, (SELECT max (valid_from) FROM exchange_rates x"
                         "  WHERE x.group_uuid = e.group_uuid AND x.currency = e.currency AND x.valid_from <= e.date)");
  sqlite3_bind_text (stmt, 1, workplan, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *keys[] = { (const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 5) };
      gboolean expense = sqlite3_column_int64 (stmt, 2) < 0;
      gint64 amount = expense ? sqlite3_column_int64 (stmt, 3)
                              : milli_times (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      SqlBudget *buckets[3] = { total, NULL, NULL };
      gint64 converted = 0;
      gboolean have_rate = sql_convert (f, amount, (const char *) sqlite3_column_text (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 4), &converted);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          buckets[k + 1] = g_hash_table_lookup (rows, keys[k]);
          if (buckets[k + 1] == NULL)
            {
              buckets[k + 1] = g_new0 (SqlBudget, 1);
              g_hash_table_insert (rows, g_strdup (keys[k]), buckets[k + 1]);
            }
        }
      for (guint k = 0; k < G_N_ELEMENTS (buckets); k++)
        {
          if (!have_rate)
            buckets[k]->missing++;
          else if (expense)
            buckets[k]->spent += converted;
          else
            buckets[k]->revised += converted;
        }
    }
  sqlite3_finalize (stmt);

  return rows;
}

char *
money_text (gint64 minor,
            int    decimals)
{
  GString *s = g_string_new (minor < 0 ? "−" : "");
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (minor));
  gsize len = strlen (digits);
  gsize whole;

  while (len <= (gsize) decimals)
    {
      char *padded = g_strconcat ("0", digits, NULL);

      g_free (digits);
      digits = padded;
      len++;
    }
  whole = len - decimals;
  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  if (decimals > 0)
    g_string_append_printf (s, ".%s", digits + whole);

  return g_string_free (s, FALSE);
}
