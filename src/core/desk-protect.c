/* desk-protect.c — sealed values as the store reads and writes them, and the names in memory
 *
 * The keys and values themselves are desk-seal.c's; this file keeps the store's state
 * (protected or not, the data key while unlocked, the values opened so far) and rewrites
 * the database when protection is turned on or off. See "Names at rest" in HACKING.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-protect"

#include "config.h"

#include "desk-protect-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "desk-backup.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"


/* What the store remembers of a record's opened values, by field index: the stored text
 * each came from (so a value written since is opened again) and the plain text. Kept by
 * the record's UUID alone: a UUID names one record of one kind in the whole database. */
typedef struct
{
  guint n_fields;
  char **stored;
  char **plain;
} Opened;

static void
opened_free (gpointer data)
{
  Opened *o = data;

  for (guint i = 0; i < o->n_fields; i++)
    {
      g_free (o->stored[i]);
      _desk_text_wipe_free (o->plain[i]);
    }
  g_free (o->stored);
  g_free (o->plain);
  g_free (o);
}

/* Where names are sealed, the folded names cannot be looked up through the index on
 * people (it holds cipher text): the store keeps its own, in memory, while unlocked. */
typedef struct
{
  char *entry;          /* "group\x1ffolded name" */
  char *group;
  char *name;
} PersonEntry;

typedef struct
{
  GHashTable *by_uuid;  /* person's UUID → PersonEntry */
  GHashTable *by_key;   /* "group\x1ffolded name" → GPtrArray of UUIDs */
  gint64 data_version;  /* PRAGMA data_version when it was made: another connection's
                         * write changes it, and the index is made again */
} PeopleIndex;

static void
person_entry_free (gpointer data)
{
  PersonEntry *e = data;

  g_free (e->entry);
  g_free (e->group);
  _desk_text_wipe_free (e->name);
  g_free (e);
}

static void
people_index_free (gpointer data)
{
  PeopleIndex *index = data;

  g_hash_table_unref (index->by_uuid);
  g_hash_table_unref (index->by_key);
  g_free (index);
}

void
_desk_store_notify_protection (DeskStore *self)
{
  g_object_notify (G_OBJECT (self), "protection");
}

void
_desk_store_forget_key (DeskStore *self)
{
  g_clear_pointer (&self->data_key, _desk_key_free);
  g_clear_pointer (&self->opened, g_hash_table_unref);
  g_clear_pointer (&self->people_index, people_index_free);
}

gboolean
_desk_store_load_protection (DeskStore  *self,
                             GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean was = self->names_protected;
  int rc;

  stmt = _desk_store_prepare (self, "SELECT count(*) FROM protection", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  self->names_protected = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!self->names_protected)
    _desk_store_forget_key (self);
  /* Whatever is deleted from a protected database is overwritten, not left in free pages. */
  if (self->names_protected && !self->read_only &&
      !_desk_store_exec (self, "PRAGMA secure_delete = ON", error))
    return FALSE;
  /* Turning protection on or changing the passphrase was cut short after its change
   * was committed (the program killed, the disk full): clear the old copies now. */
  if (self->names_protected && !self->read_only)
    _desk_store_scrub_if_pending (self);
  if (was != self->names_protected)
    _desk_store_notify_protection (self);
  return TRUE;
}

DeskProtection
desk_store_get_protection (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), DESK_PROTECTION_OFF);

  if (!self->names_protected)
    return DESK_PROTECTION_OFF;
  return self->data_key != NULL ? DESK_PROTECTION_UNLOCKED : DESK_PROTECTION_LOCKED;
}

gboolean
desk_store_names_readable (DeskStore *self)
{
  return desk_store_get_protection (self) != DESK_PROTECTION_LOCKED;
}

static void
set_locked_error (GError **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_NAMES_LOCKED,
               _("People's names are locked. Unlock Groupdesk with the passphrase or the "
                 "recovery key, then try again."));
}

gboolean
desk_store_require_names (DeskStore  *self,
                          GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (desk_store_names_readable (self))
    return TRUE;
  set_locked_error (error);
  return FALSE;
}

gboolean
_desk_store_is_sealing (DeskStore *self)
{
  return self->names_protected;
}

char *
_desk_store_seal_value (DeskStore        *self,
                        const DeskKind   *kind,
                        const DeskField  *f,
                        const char       *uuid,
                        const char       *plain,
                        GError          **error)
{
  if (!self->names_protected || (f->flags & DESK_FIELD_SEALED) == 0 || plain[0] == '\0')
    return g_strdup (plain);
  if (self->data_key == NULL)
    {
      set_locked_error (error);
      return NULL;
    }
  return _desk_seal_text (self->data_key, kind->table, f->name, uuid, plain);
}

const char *
_desk_store_open_value (DeskStore        *self,
                        const DeskKind   *kind,
                        const DeskField  *f,
                        const char       *uuid,
                        const char       *stored,
                        DeskSeal         *seal)
{
  guint index = (guint) (f - kind->fields);
  Opened *o;
  char *plain;

  *seal = DESK_SEAL_OPEN;
  if (!self->names_protected || (f->flags & DESK_FIELD_SEALED) == 0 || stored[0] == '\0')
    return stored;
  if (self->data_key == NULL)
    {
      *seal = DESK_SEAL_LOCKED;
      return NULL;
    }

  if (self->opened == NULL)
    self->opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, opened_free);
  o = g_hash_table_lookup (self->opened, uuid);
  if (o == NULL)
    {
      guint n = 0;

      while (kind->fields[n].name != NULL)
        n++;
      o = g_new0 (Opened, 1);
      o->n_fields = n;
      o->stored = g_new0 (char *, n);
      o->plain = g_new0 (char *, n);
      g_hash_table_insert (self->opened, g_strdup (uuid), o);
    }
  g_assert (index < o->n_fields);
  if (o->stored[index] != NULL && strcmp (o->stored[index], stored) == 0)
    return o->plain[index];

  plain = _desk_open_text (self->data_key, kind->table, f->name, uuid, stored);
  if (plain == NULL)
    {
      *seal = DESK_SEAL_DAMAGED;
      return NULL;
    }
  g_free (o->stored[index]);
  _desk_text_wipe_free (o->plain[index]);
  o->stored[index] = g_strdup (stored);
  o->plain[index] = plain;
  return plain;
}

/* Sealed values of records */

gboolean
_desk_record_has_sealed_value (DeskRecord *record)
{
  const DeskKind *kind = desk_record_get_kind (record);

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];

      if ((f->flags & DESK_FIELD_SEALED) == 0 || !desk_record_index_is_set (record, i))
        continue;
      if (desk_field_type_is_set (f->type) ? desk_record_index_get_set (record, i)[0] != NULL
                                           : desk_record_index_get_string (record, i)[0] != '\0')
        return TRUE;
    }
  return FALSE;
}

const char *
_desk_store_open_for_output (DeskStore       *self,
                             const DeskKind  *kind,
                             const DeskField *f,
                             const char      *uuid,
                             const char      *stored,
                             GError         **error)
{
  DeskSeal seal;
  const char *plain = _desk_store_open_value (self, kind, f, uuid, stored, &seal);

  if (plain != NULL)
    return plain;
  if (seal == DESK_SEAL_LOCKED)
    set_locked_error (error);
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                 _("The %s %s has a “%s” that cannot be read: the database was changed "
                   "outside Groupdesk. Correct the field, then export again."),
                 _(kind->label), uuid, _(f->label));
  return NULL;
}

/* Order */

/* Whether @kind's order (kind->order_by) names a sealed column, which SQL can only sort
 * by its cipher text. */
static gboolean
order_is_sealed (const DeskKind *kind)
{
  for (const DeskField *f = kind->fields; f->name != NULL; f++)
    if ((f->flags & DESK_FIELD_SEALED) != 0)
      {
        g_autofree char *column = g_strconcat ("t.", f->name, NULL);

        if (strstr (kind->order_by, column) != NULL)
          return TRUE;
      }
  return FALSE;
}

static int
compare_like_sql (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DeskRecord *ra = *(DeskRecord **) a;
  DeskRecord *rb = *(DeskRecord **) b;
  const char *const *columns = user_data;

  for (guint c = 0; columns[c] != NULL; c++)
    {
      const char *name = columns[c];
      int cmp;

      if (g_str_equal (name, "uuid"))
        cmp = g_strcmp0 (desk_record_get_uuid (ra), desk_record_get_uuid (rb));
      else if (g_str_equal (name, "group_uuid"))
        cmp = g_strcmp0 (desk_record_get_group (ra), desk_record_get_group (rb));
      else
        {
          const DeskField *f = desk_kind_get_field (desk_record_get_kind (ra), name);

          if (f != NULL && desk_field_type_is_text (f->type))
            /* SQLite's BINARY order is strcmp's on UTF-8; NULL (locked) first. */
            cmp = g_strcmp0 (desk_record_get_string (ra, name), desk_record_get_string (rb, name));
          else
            {
              gint64 x = desk_record_get_int (ra, name);
              gint64 y = desk_record_get_int (rb, name);

              cmp = x < y ? -1 : x > y;
            }
        }
      if (cmp != 0)
        return cmp;
    }
  return 0;
}

void
_desk_store_sort_opened (GPtrArray      *records,
                         const DeskKind *kind)
{
  g_auto(GStrv) columns = NULL;

  if (!order_is_sealed (kind))
    return;
  columns = g_strsplit (kind->order_by, ",", -1);

  for (guint c = 0; columns[c] != NULL; c++)
    {
      char *name = g_strstrip (columns[c]);

      if (g_str_has_prefix (name, "t."))
        memmove (name, name + 2, strlen (name + 2) + 1);
    }
  g_ptr_array_sort_with_data (records, compare_like_sql, columns);
}

/* The people index */

static void
people_index_add (PeopleIndex *index,
                  const char  *uuid,
                  const char  *group,
                  const char  *key,
                  const char  *name)
{
  PersonEntry *e = g_new0 (PersonEntry, 1);
  GPtrArray *uuids;

  e->entry = g_strconcat (group, "\x1f", key, NULL);
  e->group = g_strdup (group);
  e->name = g_strdup (name);
  uuids = g_hash_table_lookup (index->by_key, e->entry);
  if (uuids == NULL)
    {
      uuids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (index->by_key, g_strdup (e->entry), uuids);
    }
  g_ptr_array_add (uuids, g_strdup (uuid));
  g_hash_table_replace (index->by_uuid, g_strdup (uuid), e);
}

void
_desk_store_people_index_drop (DeskStore *self)
{
  g_clear_pointer (&self->people_index, people_index_free);
}

void
_desk_store_people_index_forget (DeskStore  *self,
                                 const char *uuid)
{
  PeopleIndex *index = self->people_index;
  PersonEntry *e;
  GPtrArray *uuids;

  if (index == NULL || (e = g_hash_table_lookup (index->by_uuid, uuid)) == NULL)
    return;
  uuids = g_hash_table_lookup (index->by_key, e->entry);
  for (guint i = 0; uuids != NULL && i < uuids->len; i++)
    if (g_str_equal (g_ptr_array_index (uuids, i), uuid))
      {
        g_ptr_array_remove_index_fast (uuids, i);
        break;
      }
  g_hash_table_remove (index->by_uuid, uuid);
}

void
_desk_store_people_index_note (DeskStore  *self,
                               DeskRecord *person)
{
  const char *key = desk_record_get_string (person, "name_key");
  const char *name = desk_record_get_string (person, "name");

  if (self->people_index == NULL)
    return;  /* made when first needed, from the table */
  _desk_store_people_index_forget (self, desk_record_get_uuid (person));
  if (key != NULL && name != NULL)
    people_index_add (self->people_index, desk_record_get_uuid (person),
                      desk_record_get_group (person), key, name);
}

static gint64
data_version (DeskStore *self)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

/* The index, made from the table if there is none or another connection wrote since;
 * NULL while locked. */
static PeopleIndex *
people_index_make (DeskStore *self)
{
  const DeskField *name_field = desk_kind_get_field (DESK_KIND_PERSON, "name");
  const DeskField *key_field = desk_kind_get_field (DESK_KIND_PERSON, "name_key");
  gint64 version;
  sqlite3_stmt *stmt;
  PeopleIndex *index;

  if (self->data_key == NULL)
    return NULL;
  version = data_version (self);
  if (self->people_index != NULL && ((PeopleIndex *) self->people_index)->data_version == version)
    return self->people_index;
  _desk_store_people_index_drop (self);

  stmt = _desk_store_prepare (self, "SELECT uuid, group_uuid, name, name_key FROM people", NULL);
  if (stmt == NULL)
    return NULL;
  index = g_new0 (PeopleIndex, 1);
  index->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, person_entry_free);
  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  index->data_version = version;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      DeskSeal seal;
      const char *name = _desk_store_open_value (self, DESK_KIND_PERSON, name_field, uuid,
                                                 (const char *) sqlite3_column_text (stmt, 2), &seal);
      const char *key = _desk_store_open_value (self, DESK_KIND_PERSON, key_field, uuid,
                                                (const char *) sqlite3_column_text (stmt, 3), &seal);

      if (name != NULL && key != NULL)
        people_index_add (index, uuid, (const char *) sqlite3_column_text (stmt, 1), key, name);
    }
  sqlite3_reset (stmt);
  self->people_index = index;
  return index;
}

const GPtrArray *
_desk_store_people_with_key (DeskStore  *self,
                             const char *group,
                             const char *key)
{
  PeopleIndex *index = people_index_make (self);
  g_autofree char *entry = NULL;

  if (index == NULL)
    return NULL;
  entry = g_strconcat (group, "\x1f", key, NULL);
  return g_hash_table_lookup (index->by_key, entry);
}

gboolean
_desk_store_people_foreach_name (DeskStore          *self,
                                 const char         *group,
                                 DeskPersonNameFunc  func,
                                 gpointer            data)
{
  PeopleIndex *index = people_index_make (self);
  GHashTableIter iter;
  gpointer uuid, value;

  if (index == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, index->by_uuid);
  while (g_hash_table_iter_next (&iter, &uuid, &value))
    {
      PersonEntry *e = value;

      if (g_str_equal (e->group, group))
        func (uuid, e->name, data);
    }
  return TRUE;
}

const char *
_desk_store_open_column (DeskStore      *self,
                         const DeskKind *kind,
                         const char     *field,
                         const char     *uuid,
                         const char     *stored)
{
  const DeskField *f = desk_kind_get_field (kind, field);
  DeskSeal seal;

  g_assert (f != NULL);
  if (stored == NULL)
    return NULL;
  return _desk_store_open_value (self, kind, f, uuid, stored, &seal);
}

void
_desk_store_people_index_make (DeskStore *self)
{
  people_index_make (self);
}
