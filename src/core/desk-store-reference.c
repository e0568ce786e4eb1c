/* desk-store-reference.c — the reference lists in the database, and the store's caches
 *
 * Pillars, themes, genders, currencies and the other lists of ../shared/reference are
 * loaded into their tables at the first open and by migrations; the store keeps every
 * code and each currency's decimals in memory, so validation asks no query for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"

#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"

gboolean
_desk_store_load_reference (DeskStore   *self,
                            const char  *table,
                            const char  *resource,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gboolean is_currency = g_str_equal (table, "currencies");
  int position = 0;

  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);

  if (is_currency)
    sql = g_strdup ("INSERT INTO currencies (code, minor_units) VALUES (?1, ?2)");
  else
    sql = g_strdup_printf ("INSERT INTO %s (code, label_en, label_zh, position) "
                           "VALUES (?1, ?2, ?3, ?4)", table);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _desk_store_set_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }

  /* The first line names the columns. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      int rc;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      cols = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cols) < (is_currency ? 2u : 3u))
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, cols[0], -1, SQLITE_TRANSIENT);
      if (is_currency)
        sqlite3_bind_int (stmt, 2, atoi (cols[1]));
      else
        {
          sqlite3_bind_text (stmt, 2, cols[1], -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, cols[2], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 4, position++);
        }

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (self, rc, error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }

  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
_desk_store_migrate_1_reference (DeskStore  *self,
                                 GError    **error)
{
  static const struct { const char *table; const char *file; } refs[] = {
    { "currencies", "currencies.tsv" },
    { "pillars", "pillars.tsv" },
    { "membership_statuses", "membership-status.tsv" },
    { "activity_kinds", "activity-kinds.tsv" },
    { "themes", "themes.tsv" },
    { "result_areas", "result-areas.tsv" },
    { "budget_categories", "budget-categories.tsv" },
    { "funding_sources", "funding-sources.tsv" },
    { "genders", "genders.tsv" },
    { "vulnerable_groups", "vulnerable-groups.tsv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autofree char *resource =
        g_strconcat ("/org/voluntaryprinciples/Groupdesk/core/reference/", refs[i].file, NULL);

      if (!_desk_store_load_reference (self, refs[i].table, resource, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_desk_store_load_reference_cache (DeskStore  *self,
                                  GError    **error)
{
  static const char *const tables[] = {
    "pillars", "membership_statuses", "activity_kinds", "themes", "result_areas",
    "budget_categories", "funding_sources", "genders", "vulnerable_groups",
  };
  sqlite3_stmt *stmt = NULL;

  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->currencies);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT code FROM %s", tables[i]);

      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (self->db), error);
          return FALSE;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (self->codes,
                          g_strconcat (tables[i], "\x1f",
                                       (const char *) sqlite3_column_text (stmt, 0), NULL));
      sqlite3_finalize (stmt);
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT code, minor_units FROM currencies", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      _desk_store_set_error (self, sqlite3_errcode (self->db), error);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->currencies,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) + 1));
  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
_desk_store_has_code (DeskStore  *self,
                      const char *table,
                      const char *code)
{
  g_autofree char *key = NULL;

  if (code == NULL)
    return FALSE;

  if (g_str_equal (table, "currencies"))
    return g_hash_table_contains (self->currencies, code);

  key = g_strconcat (table, "\x1f", code, NULL);

  return g_hash_table_contains (self->codes, key);
}

int
_desk_store_currency_minor_units (DeskStore  *self,
                                  const char *code)
{
  gpointer value;

  if (code == NULL || !g_hash_table_lookup_extended (self->currencies, code, NULL, &value))
    return -1;

  return GPOINTER_TO_INT (value) - 1;
}

