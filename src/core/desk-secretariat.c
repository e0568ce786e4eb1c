/* desk-secretariat.c — the database's role and the secretariat's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-secretariat.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

#define DEFAULT_REPORTING_MONTHS 6
#define DEFAULT_CURRENCY "USD"

/* The value of @key in the settings table, or NULL. */
static char *
dup_setting (DeskStore  *store,
             const char *key)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT value FROM settings WHERE key = ?1",
                                            NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static gboolean
set_setting (DeskStore   *store,
             const char  *key,
             const char  *value,
             GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                            "ON CONFLICT (key) DO UPDATE SET value = ?2",
                                            error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gint64
count (DeskStore  *store,
       const char *sql,
       const char *arg)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

gboolean
desk_store_is_secretariat (DeskStore *store)
{
  g_autofree char *role = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  role = dup_setting (store, "role");

  return g_strcmp0 (role, "secretariat") == 0;
}

gboolean
desk_store_has_imported_groups (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  return count (store, "SELECT EXISTS (SELECT 1 FROM imported_bundles)", NULL) > 0;
}

gboolean
desk_store_group_is_imported (DeskStore  *store,
                              const char *group_uuid)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (group_uuid != NULL, FALSE);

  return count (store, "SELECT EXISTS (SELECT 1 FROM imported_bundles WHERE group_uuid = ?1)",
                group_uuid) > 0;
}

gboolean
desk_store_group_is_read_only (DeskStore  *store,
                               const char *group_uuid)
{
  g_autoptr(DeskRecord) main_group = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (group_uuid != NULL, FALSE);

  if (!desk_store_group_is_imported (store, group_uuid))
    return FALSE;
  /* The only group of a database made from its own bundle, on a new laptop, is its own. */
  main_group = desk_store_dup_main_group (store);

  return main_group == NULL || g_strcmp0 (desk_record_get_uuid (main_group), group_uuid) != 0;
}

gboolean
desk_store_set_secretariat (DeskStore  *store,
                            GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (desk_store_is_secretariat (store))
    return TRUE;

  /* A group that did not arrive in a bundle is the coordinator's own. */
  if (count (store, "SELECT count(*) FROM groups WHERE uuid NOT IN "
                    "(SELECT group_uuid FROM imported_bundles)", NULL) > 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This database holds a group of its own, so it cannot become the "
                     "secretariat’s. Create a new database for the secretariat and import "
                     "the groups’ bundles into it."));
      return FALSE;
    }

  return set_setting (store, "role", "secretariat", error);
}

static gboolean
months_allowed (int months)
{
  return months == 1 || months == 2 || months == 3 || months == 4 || months == 6 ||
         months == 12;
}

int
desk_secretariat_get_reporting_months (DeskStore *store)
{
  g_autofree char *value = NULL;
  gint64 months = 0;

  g_return_val_if_fail (DESK_IS_STORE (store), DEFAULT_REPORTING_MONTHS);

  value = dup_setting (store, "reporting_months");
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, 12, &months, NULL) ||
      !months_allowed ((int) months))
    return DEFAULT_REPORTING_MONTHS;

  return (int) months;
}

gboolean
desk_secretariat_set_reporting_months (DeskStore  *store,
                                       int         months,
                                       GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);

  if (!months_allowed (months))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Groups can be asked to report every 1, 2, 3, 4, 6 or 12 months, not "
                     "every %d. Choose one of those."), months);
      return FALSE;
    }
  text = g_strdup_printf ("%d", months);

  return set_setting (store, "reporting_months", text, error);
}

char *
desk_secretariat_dup_currency (DeskStore *store)
{
  char *value;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  value = dup_setting (store, "figures_currency");
  if (value == NULL || !_desk_store_has_code (store, "currencies", value))
    {
      g_free (value);
      return g_strdup (DEFAULT_CURRENCY);
    }

  return value;
}

gboolean
desk_secretariat_set_currency (DeskStore   *store,
                               const char  *currency,
                               GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);

  if (!_desk_store_has_code (store, "currencies", currency))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   /* The same sentence as a record's currency field. */
                   _("“%s” is not a currency Groupdesk knows. Use a three-letter "
                     "ISO 4217 code such as USD or GHS."), currency);
      return FALSE;
    }

  return set_setting (store, "figures_currency", currency, error);
}

void
desk_secretariat_due_period (int          months,
                             const char  *today,
                             char       **from,
                             char       **to)
{
  GDate date;
  int year, start_month;

  g_return_if_fail (today != NULL && from != NULL && to != NULL);

  *from = NULL;
  *to = NULL;
  if (!months_allowed (months))
    months = DEFAULT_REPORTING_MONTHS;
  if (!desk_date_parse (today, &date))
    return;

  /* A group has a while after a period ends to send its bundle. */
  g_date_subtract_days (&date, DESK_SECRETARIAT_GRACE_DAYS);
  year = g_date_get_year (&date);

  /* The period that day is in starts at start_month; the one before it is due. */
  start_month = ((g_date_get_month (&date) - 1) / months) * months + 1 - months;
  if (start_month < 1)
    {
      start_month += 12;
      year--;
    }
  {
    g_autoptr(GDate) first = g_date_new_dmy (1, (GDateMonth) start_month, (GDateYear) year);
    g_autoptr(GDate) last = g_date_copy (first);

    g_date_add_months (last, (guint) months);
    g_date_subtract_days (last, 1);
    *from = desk_date_to_string (first);
    *to = desk_date_to_string (last);
  }
}
