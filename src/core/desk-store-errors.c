/* desk-store-errors.c — SQLite's failures as sentences a coordinator can act on
 *
 * A constraint that refuses a write names the kind and the field (two exchange rates for
 * one currency and day, a code used twice); a full disk, a read-only file, a database in
 * use or damaged each get their own sentence. No SQLite text reaches the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-private.h"

#include <string.h>

#include "desk-error.h"
#include "desk-i18n.h"

/* "UNIQUE constraint failed: exchange_rates.currency, exchange_rates.valid_from": the
 * table and the columns that clashed. */
static gboolean
parse_unique_columns (const char  *message,
                      char       **table,
                      GPtrArray   *columns)
{
  static const char prefix[] = "UNIQUE constraint failed: ";
  g_auto(GStrv) parts = NULL;

  if (message == NULL || !g_str_has_prefix (message, prefix))
    return FALSE;

  parts = g_strsplit (message + strlen (prefix), ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *dot = strchr (parts[i], '.');
      g_autofree char *name = NULL;

      if (dot == NULL)
        return FALSE;
      name = g_strndup (parts[i], dot - parts[i]);
      if (*table == NULL)
        *table = g_steal_pointer (&name);
      else if (!g_str_equal (*table, name))
        return FALSE;
      g_ptr_array_add (columns, g_strdup (dot + 1));
    }

  return *table != NULL;
}

static const DeskKind *
kind_of_table (const char *table)
{
  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    if (g_str_equal ((*k)->table, table))
      return *k;

  return NULL;
}

/* The value of @field in @record as the user typed it, or NULL. */
static char *
field_value_text (DeskRecord      *record,
                  const DeskField *field)
{
  int index;

  if (record == NULL)
    return NULL;

  index = desk_kind_field_index (desk_record_get_kind (record), field->name);
  if (index < 0 || !desk_record_index_is_set (record, index))
    return NULL;

  switch (field->type)
    {
    case DESK_FIELD_INT:
    case DESK_FIELD_BOOL:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      return g_strdup_printf ("%" G_GINT64_FORMAT, desk_record_index_get_int (record, index));
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      return NULL;
    case DESK_FIELD_TEXT:
    case DESK_FIELD_DATE:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
    default:
      return g_strdup (desk_record_index_get_string (record, index));
    }
}

/* A clash with a unique column, said with the kind's and the field's own names. */
static void
set_unique_error (DeskStore   *self,
                  DeskRecord  *record,
                  GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *table = NULL;
  const DeskKind *kind = NULL;
  gboolean whole_record = FALSE;

  if (_desk_store_get_db (self) != NULL && parse_unique_columns (sqlite3_errmsg (_desk_store_get_db (self)), &table, columns))
    kind = kind_of_table (table);

  for (guint i = 0; kind != NULL && i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      const DeskField *field;

      /* The group is the same for every record of one group: not worth naming. */
      if (g_str_equal (column, "group_uuid"))
        continue;
      if (g_str_equal (column, "uuid"))
        {
          whole_record = TRUE;
          continue;
        }
      field = desk_kind_get_field (kind, column);
      if (field != NULL)
        g_ptr_array_add (fields, (gpointer) field);
    }

  if (table != NULL && g_str_equal (table, "imported_bundles"))
    {
      /* Two imports of one bundle at once: the second finds the first's mark. */
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This bundle has just been imported, perhaps by another Groupdesk at "
                     "the same moment. This import changed nothing; the records are in "
                     "the database already."));
    }
  else if (kind != NULL && whole_record && fields->len == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This %s is already in the database. Reload the list and edit the "
                     "existing one."), _(kind->label));
    }
  else if (kind != NULL && fields->len == 1)
    {
      const DeskField *field = g_ptr_array_index (fields, 0);
      g_autofree char *value = field_value_text (record, field);

      if (value != NULL)
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("Another %s already has “%s” in the field “%s”. Choose a different "
                       "value."), _(kind->label), value, _(field->label));
      else
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("Another %s already has the same “%s”. Choose a different value."),
                     _(kind->label), _(field->label));
    }
  else if (kind != NULL && fields->len > 1)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < fields->len; i++)
        {
          const DeskField *field = g_ptr_array_index (fields, i);

          /* The quoted names of the fields, e.g. “Currency”, “Valid from”. */
          g_string_append_printf (names, i > 0 ? ", “%s”" : "“%s”", _(field->label));
        }
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("Another %s already has the same %s. Change one of these values, or edit "
                     "the existing %s."), _(kind->label), names->str, _(kind->label));
      g_string_free (names, TRUE);
    }
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                 _("This change conflicts with a record that already exists. Change the "
                   "values or edit the existing record."));
}

static void
set_error_full (DeskStore   *self,
                int          rc,
                DeskRecord  *record,
                GError     **error)
{
  /* SQLite's own words are for developers: they go to the debug log, never to the user. */
  g_debug ("SQLite error %d on %s: %s", rc, _desk_store_display_path (self),
           _desk_store_get_db (self) != NULL ? sqlite3_errmsg (_desk_store_get_db (self)) : sqlite3_errstr (rc));

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PROTOCOL:
      g_set_error (error, DESK_ERROR, DESK_ERROR_LOCKED,
                   _("The database %s is in use by another program. Close the other "
                     "Groupdesk window or program using it, then try again."),
                   _desk_store_display_path (self));
      break;

    case SQLITE_CANTOPEN:
      if (rc == SQLITE_CANTOPEN_SYMLINK)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                       _("%s is a symbolic link. Groupdesk opens a database only under its "
                         "own name: choose the file the link points to."),
                       _desk_store_display_path (self));
          break;
        }
      if (rc == SQLITE_CANTOPEN_ISDIR)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                       _("%s is a folder, not a Groupdesk database. Choose a file "
                         "name instead."), _desk_store_display_path (self));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                   _("The database %s cannot be written. Check that the file and its "
                     "folder are writable, or choose another location."),
                   _desk_store_display_path (self));
      break;

    case SQLITE_NOTADB:
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_A_DATABASE,
                   _("The file %s is not a Groupdesk database. Choose a database file, "
                     "or a new file name to start a new database."),
                   _desk_store_display_path (self));
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, DESK_ERROR, DESK_ERROR_CORRUPT,
                   _("The database %s is damaged. Restore it from a backup."),
                   _desk_store_display_path (self));
      break;

    case SQLITE_FULL:
    case SQLITE_IOERR:
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The disk refused to save to %s (it may be full or removed). Free "
                     "some space or check the disk, then try again. Nothing was changed."),
                   _desk_store_display_path (self));
      break;

    case SQLITE_CONSTRAINT:
      switch (rc)
        {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          set_unique_error (self, record, error);
          break;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("This change refers to a record that no longer exists, or would "
                         "leave another record referring to nothing. Reload the list and "
                         "try again."));
          break;
        case SQLITE_CONSTRAINT_NOTNULL:
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("A value the record needs is missing. Fill in every required field "
                         "and try again."));
          break;
        default:
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("A value is outside what the database allows. Check the values "
                         "and try again."));
          break;
        }
      break;

    default:
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("The database %s could not carry out the change (error code %d). "
                     "Try again; if it keeps failing, check the database and restore it "
                     "from a backup."),
                   _desk_store_display_path (self), rc);
      break;
    }
}

void
_desk_store_set_error (DeskStore  *self,
                       int         rc,
                       GError    **error)
{
  set_error_full (self, rc, NULL, error);
}

void
_desk_store_set_record_error (DeskStore   *self,
                              int          rc,
                              DeskRecord  *record,
                              GError     **error)
{
  set_error_full (self, rc, record, error);
}

