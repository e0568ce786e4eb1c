/* groupdesk-bench-protect.c — what protecting names costs: unlocking, and search after
 *
 *   groupdesk-bench-protect WORKDIR
 *
 * On the large generated group (20,000 people; made in WORKDIR unless it is there), with
 * protection on at the default cost on one copy and off on another, measures:
 *   - desk_store_unlock against Argon2id alone (crypto_pwhash at the cost the database
 *     stores) + 1.5 × reading the people table in plain text (desk_store_list of people
 *     on the unprotected copy)                                            (at most 1.0×)
 *   - check-in search (desk_people_find_similar) once unlocked against the same on the
 *     unprotected copy                                                    (unchanged: ≈ 1×)
 * and prints each part and each ratio. Every figure is the best of RUNS, measured in the
 * same run as its reference. Exit status 0 even when a limit is missed: it reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-scale.h"
#include "desk-core.h"

#define RUNS 3
#define PASSPHRASE "benchmark passphrase of the large group"
/* How many names the search is asked for, each a person's name with a typo. */
#define SEARCHES 200

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

  g_print ("%-44s %9.1f ms / %9.1f ms = %5.2f×  (limit %.1f×) %s\n", what, value, reference,
           r, limit, r <= limit ? "ok" : "OVER");
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("groupdesk-bench-protect: %s: %s\n", what, error != NULL ? error->message : "");
  exit (1);
}

static void
copy_db (const char *from,
         const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents (to, contents, (gssize) length, &error))
    fail ("cannot copy the large group", error);
  g_unlink (wal);
  g_unlink (shm);
}

/* The Argon2id cost the protected database stores. */
static void
stored_cost (const char *db_path,
             guint64    *opslimit,
             gsize      *memlimit)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT kdf_opslimit, kdf_memlimit FROM protection", -1, &stmt,
                          NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_printerr ("groupdesk-bench-protect: %s has no protection row\n", db_path);
      exit (1);
    }
  *opslimit = (guint64) sqlite3_column_int64 (stmt, 0);
  *memlimit = (gsize) sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* WORKDIR/large-protected.db: the large group with protection on at the default cost,
 * made once and reused. */
static char *
ensure_protected (const char *dir,
                  const char *large)
{
  char *path = g_build_filename (dir, "large-protected.db", NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_print ("Turning protection on for a copy of the large group in %s …\n", path);
  start = g_get_monotonic_time ();
  copy_db (large, tmp);
  {
    g_autoptr(DeskStore) store = desk_store_open (tmp, &error);
    g_autoptr(DeskSecret) recovery = NULL;

    if (store == NULL)
      fail ("cannot open the copy", error);
    recovery = desk_store_protect (store, PASSPHRASE, NULL, &error);
    if (recovery == NULL)
      fail ("cannot turn protection on", error);
  }
  if (g_rename (tmp, path) != 0)
    {
      g_printerr ("groupdesk-bench-protect: cannot rename %s\n", tmp);
      exit (1);
    }
  g_print ("  done in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  return path;
}

/* A name to search for: @name with its second letter doubled, as typed in a hurry. */
static char *
typo (const char *name)
{
  const char *second = g_utf8_next_char (name);
  const char *third = *second != '\0' ? g_utf8_next_char (second) : second;
  g_autofree char *head = g_strndup (name, (gsize) (third - name));
  g_autofree char *letter = g_strndup (second, (gsize) (third - second));

  return g_strconcat (head, letter, third, NULL);
}

static double
time_search (DeskStore  *store,
             const char *group,
             GPtrArray  *queries,
             guint      *found)
{
  double start = now_ms ();

  *found = 0;
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) similar = desk_people_find_similar (store, group,
                                                               g_ptr_array_index (queries, i), &error);

      if (similar == NULL)
        fail ("search failed", error);
      *found += similar->len;
    }

  return now_ms () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *large = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *protected = NULL;
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) plain_store = NULL;
  g_autoptr(DeskStore) protected_store = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  double unlock = G_MAXDOUBLE, argon = G_MAXDOUBLE, read = G_MAXDOUBLE;
  double search_plain = G_MAXDOUBLE, search_unlocked = G_MAXDOUBLE;
  guint people = 0, found_plain = 0, found_unlocked = 0;
  guint64 opslimit;
  gsize memlimit;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: groupdesk-bench-protect WORKDIR\n");
      return 2;
    }
  if (sodium_init () < 0)
    {
      g_printerr ("groupdesk-bench-protect: libsodium cannot start\n");
      return 1;
    }

  dir = g_canonicalize_filename (argv[1], NULL);
  g_mkdir_with_parents (dir, 0755);
  large = bench_scaled_db (dir, 1);
  plain = g_build_filename (dir, "large-plain.db", NULL);
  copy_db (large, plain);
  protected = ensure_protected (dir, large);
  stored_cost (protected, &opslimit, &memlimit);

  /* Argon2id alone, at the stored cost. */
  for (int i = 0; i < RUNS; i++)
    {
      guint8 key[32], salt[crypto_pwhash_SALTBYTES];
      double start;

      randombytes_buf (salt, sizeof salt);
      start = now_ms ();
      if (crypto_pwhash (key, sizeof key, PASSPHRASE, strlen (PASSPHRASE), salt, opslimit,
                         memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        {
          g_printerr ("groupdesk-bench-protect: Argon2id ran out of memory\n");
          return 1;
        }
      argon = MIN (argon, now_ms () - start);
      sodium_memzero (key, sizeof key);
    }

  /* Reading the people table in plain text. */
  plain_store = desk_store_open (plain, &error);
  if (plain_store == NULL)
    fail ("cannot open the unprotected copy", error);
  for (int i = 0; i < RUNS; i++)
    {
      double start = now_ms ();
      g_autoptr(GPtrArray) list = desk_store_list (plain_store, DESK_KIND_PERSON, NULL, &error);

      if (list == NULL)
        fail ("cannot list people", error);
      read = MIN (read, now_ms () - start);
      people = list->len;
      if (group == NULL && list->len > 0)
        group = g_strdup (desk_record_get_group (g_ptr_array_index (list, 0)));
      /* The names searched for: spread over the whole group. */
      for (guint k = 0; i == 0 && k < list->len && queries->len < SEARCHES;
           k += MAX (1, list->len / SEARCHES))
        g_ptr_array_add (queries, typo (desk_record_get_string (g_ptr_array_index (list, k), "name")));
    }

  /* Unlocking the protected copy: a fresh store each time, so nothing is cached. */
  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(DeskStore) store = desk_store_open (protected, &error);
      double start;

      if (store == NULL)
        fail ("cannot open the protected copy", error);
      start = now_ms ();
      if (!desk_store_unlock (store, PASSPHRASE, &error))
        fail ("cannot unlock", error);
      unlock = MIN (unlock, now_ms () - start);
    }

  /* Search once unlocked against the same on the unprotected copy, turn about. */
  protected_store = desk_store_open (protected, &error);
  if (protected_store == NULL || !desk_store_unlock (protected_store, PASSPHRASE, &error))
    fail ("cannot unlock", error);
  for (int i = 0; i < RUNS; i++)
    {
      search_plain = MIN (search_plain, time_search (plain_store, group, queries, &found_plain));
      search_unlocked = MIN (search_unlocked, time_search (protected_store, group, queries, &found_unlocked));
    }

  g_print ("Unlocking %u people (best of %d):\n", people, RUNS);
  g_print ("  desk_store_unlock                %9.1f ms\n", unlock);
  g_print ("  Argon2id alone (%" G_GUINT64_FORMAT " passes, %zu MiB) %9.1f ms\n", opslimit,
           memlimit >> 20, argon);
  g_print ("  reading the people in plain text %9.1f ms (× 1.5 = %.1f ms)\n", read, 1.5 * read);
  ratio ("unlock ÷ (Argon2id + 1.5 × plain read)", unlock, argon + 1.5 * read, 1.0);
  g_print ("Check-in search, %u names (best of %d): %u matches unlocked, %u unprotected\n",
           queries->len, RUNS, found_unlocked, found_plain);
  ratio ("search unlocked ÷ search unprotected", search_unlocked, search_plain, 1.2);

  return 0;
}
