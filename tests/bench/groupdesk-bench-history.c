/* groupdesk-bench-history.c — what the change history costs
 *
 *   groupdesk-bench-history WORKDIR
 *
 * On the sample group (desk_demo_fill) in WORKDIR/history.db, measures:
 *   - desk_store_update of one expense (its payee changed), with the history recorded
 *     against the same update with recording switched off for the store
 *     (_desk_changes_set_recording, a private function only this bench calls): the
 *     median of UPDATES each, the two interleaved                        (at most 1.2×)
 *   - desk_store_delete of one expense, the same way (it reads what the delete takes
 *     along in a savepoint first): reported, no limit
 *   - desk_store_list_changes of an expense with 1,000 changes against a plain SELECT of
 *     the same rows (every column read): the median of READS each           (under 1.5×)
 * and prints each part and each ratio. Exit status 0 even when a limit is missed: it
 * reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "desk-core.h"
#include "desk-changes-private.h"
#include "desk-store-private.h"

#define UPDATES 401
#define DELETES 101
#define HISTORY 1000
#define READS 51

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
ratio (const char *what,
       double      value,
       double      reference,
       double      limit)
{
  double r = reference > 0 ? value / reference : 0;

  if (limit > 0)
    g_print ("%-44s %8.3f ms / %8.3f ms = %5.2f×  (limit %.1f×) %s\n", what, value, reference,
             r, limit, r <= limit ? "ok" : "OVER");
  else
    g_print ("%-44s %8.3f ms / %8.3f ms = %5.2f×\n", what, value, reference, r);
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("groupdesk-bench-history: %s: %s\n", what, error != NULL ? error->message : "");
  exit (1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static DeskRecord *
new_expense (DeskStore  *store,
             const char *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = desk_store_list (store, DESK_KIND_BUDGET_LINE, group, &error);
  DeskRecord *e;

  if (lines == NULL || lines->len == 0)
    fail ("no budget line", error);
  e = desk_record_new (DESK_KIND_EXPENSE);
  desk_record_set_group (e, group);
  desk_record_set_string (e, "budget_line_uuid", desk_record_get_uuid (g_ptr_array_index (lines, 0)));
  desk_record_set_string (e, "date", "2026-03-02");
  desk_record_set_int (e, "amount_minor", 12345);
  desk_record_set_string (e, "currency", "GHS");
  desk_record_set_string (e, "payee", "Payee 0");
  if (!desk_store_insert (store, e, &error))
    fail ("cannot add an expense", error);
  return e;
}

/* The time of one update of @e's payee, with the history @recording or not. */
static double
timed_update (DeskStore  *store,
              DeskRecord *e,
              guint       n,
              gboolean    recording)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payee = g_strdup_printf ("Payee %u", n);
  double start;
  double end;

  _desk_changes_set_recording (store, recording);
  desk_record_set_string (e, "payee", payee);
  start = now_ms ();
  if (!desk_store_update (store, e, &error))
    fail ("cannot update the expense", error);
  end = now_ms ();
  _desk_changes_set_recording (store, TRUE);
  return end - start;
}

static double
timed_delete (DeskStore  *store,
              const char *group,
              gboolean    recording)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) e = new_expense (store, group);
  double start;
  double end;

  _desk_changes_set_recording (store, recording);
  start = now_ms ();
  if (!desk_store_delete (store, DESK_KIND_EXPENSE, desk_record_get_uuid (e), &error))
    fail ("cannot delete the expense", error);
  end = now_ms ();
  _desk_changes_set_recording (store, TRUE);
  return end - start;
}

/* Every column of @uuid's rows, newest first, as a plain SELECT reads them. */
static double
timed_select (DeskStore  *store,
              const char *uuid)
{
  sqlite3_stmt *stmt = NULL;
  double start = now_ms ();
  gsize bytes = 0;
  guint rows = 0;

  sqlite3_prepare_v2 (_desk_store_get_db (store),
                      "SELECT id, at, who, action, kind, group_uuid, field, old_value, "
                      "new_value, reason, lock_uuid FROM changes WHERE record_uuid = ?1 "
                      "ORDER BY id DESC", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 11; c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);

          bytes += text != NULL ? (gsize) sqlite3_column_bytes (stmt, c) : 0;
        }
      rows++;
    }
  sqlite3_finalize (stmt);
  if (rows < HISTORY || bytes == 0)
    fail ("the plain read found too few rows", NULL);
  return now_ms () - start;
}

static double
timed_list (DeskStore  *store,
            const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  double start = now_ms ();
  double end;

  changes = desk_store_list_changes (store, DESK_KIND_EXPENSE, uuid, &error);
  end = now_ms ();
  if (changes == NULL || changes->len < HISTORY)
    fail ("cannot list the changes", error);
  return end - start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(DeskRecord) e = NULL;
  g_autoptr(DeskRecord) long_history = NULL;
  g_autoptr(GArray) with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  g_autofree char *group = NULL;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: groupdesk-bench-history WORKDIR\n");
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0755);
  path = g_build_filename (argv[1], "history.db", NULL);
  g_unlink (path);
  store = desk_store_open (path, &error);
  if (store == NULL)
    fail ("cannot open the database", error);
  group = desk_demo_fill (store, &error);
  if (group == NULL)
    fail ("cannot add the sample group", error);

  g_print ("The change history (%s)\n", path);

  /* One update, with and without the history, interleaved so that both see the same
   * state of the disk and the caches. */
  e = new_expense (store, group);
  for (guint i = 0; i < 20; i++)
    timed_update (store, e, i, i % 2 == 0);
  for (guint i = 0; i < UPDATES; i++)
    {
      double on = timed_update (store, e, 2 * i + 100, TRUE);
      double off = timed_update (store, e, 2 * i + 101, FALSE);

      g_array_append_val (with, on);
      g_array_append_val (without, off);
    }
  ratio ("update of one expense: history / none", median (with), median (without), 1.2);

  g_array_set_size (with, 0);
  g_array_set_size (without, 0);
  for (guint i = 0; i < DELETES; i++)
    {
      double on = timed_delete (store, group, TRUE);
      double off = timed_delete (store, group, FALSE);

      g_array_append_val (with, on);
      g_array_append_val (without, off);
    }
  ratio ("delete of one expense: history / none", median (with), median (without), 0);

  /* A record with 1,000 changes. */
  long_history = new_expense (store, group);
  if (!desk_store_begin (store, &error))
    fail ("cannot begin", error);
  for (guint i = 1; i < HISTORY; i++)
    timed_update (store, long_history, i, TRUE);
  if (!desk_store_commit (store, &error))
    fail ("cannot commit", error);

  g_array_set_size (with, 0);
  g_array_set_size (without, 0);
  for (guint i = 0; i < READS; i++)
    {
      double listed = timed_list (store, desk_record_get_uuid (long_history));
      double selected = timed_select (store, desk_record_get_uuid (long_history));

      g_array_append_val (with, listed);
      g_array_append_val (without, selected);
    }
  ratio ("1,000 changes: desk_store_list_changes / SELECT", median (with), median (without), 1.5);

  return 0;
}
