/* desk-protect.c — turning name protection on and off, locking and unlocking
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

#define PURPOSE_PASSPHRASE "groupdesk data key, by passphrase"
#define PURPOSE_RECOVERY "groupdesk data key, by recovery key"

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

static void
notify_protection (DeskStore *self)
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

static gboolean scrub (DeskStore *self, GError **error);

static gboolean
scrub_pending (DeskStore *self)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "SELECT scrub_pending FROM protection", NULL);
  gboolean pending = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pending = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return pending;
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
  if (self->names_protected && !self->read_only && scrub_pending (self))
    {
      g_autoptr(GError) local = NULL;

      /* Not a reason to refuse the database: it stays pending for the next time. */
      if (!scrub (self, &local))
        g_warning ("the old copies of %s could not be cleared: %s",
                   _desk_store_display_path (self), local->message);
    }
  if (was != self->names_protected)
    notify_protection (self);
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
people_index (DeskStore *self)
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
  PeopleIndex *index = people_index (self);
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
  PeopleIndex *index = people_index (self);
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

/* The protection row */

typedef struct
{
  char *salt;
  gint64 opslimit;
  gint64 memlimit;
  char *by_passphrase;
  char *by_recovery;
  char *check;
} KeyRow;

/* The check of a row's key fields (key_check): BLAKE2b, in base64. */
static char *
key_row_check (const char *salt,
               gint64      opslimit,
               gint64      memlimit,
               const char *by_passphrase,
               const char *by_recovery)
{
  g_autofree char *all = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT
                                          "\x1f%s\x1f%s", salt, opslimit, memlimit,
                                          by_passphrase, by_recovery);
  guint8 hash[crypto_generichash_BYTES];
  gsize size = sodium_base64_ENCODED_LEN (sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  crypto_generichash (hash, sizeof hash, (const guint8 *) all, strlen (all), NULL, 0);
  sodium_bin2base64 (text, size, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

static void
key_row_clear (KeyRow *row)
{
  g_clear_pointer (&row->salt, g_free);
  g_clear_pointer (&row->by_passphrase, g_free);
  g_clear_pointer (&row->by_recovery, g_free);
  g_clear_pointer (&row->check, g_free);
}

/* Whether the row is as Groupdesk wrote it (its check matches). */
static gboolean
key_row_sound (const KeyRow *row)
{
  g_autofree char *check = NULL;

  if (row->salt == NULL || row->by_passphrase == NULL || row->by_recovery == NULL ||
      row->check == NULL)
    return FALSE;
  check = key_row_check (row->salt, row->opslimit, row->memlimit, row->by_passphrase,
                         row->by_recovery);
  return strcmp (check, row->check) == 0;
}

static gboolean
read_key_row (DeskStore  *self,
              KeyRow     *row,
              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (self,
                              "SELECT kdf_salt, kdf_opslimit, kdf_memlimit, key_by_passphrase, "
                              "key_by_recovery, key_check FROM protection WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->salt = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->opslimit = sqlite3_column_int64 (stmt, 1);
      row->memlimit = sqlite3_column_int64 (stmt, 2);
      row->by_passphrase = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->by_recovery = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->check = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected, so there is "
                     "nothing to unlock."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads the salt of @row into @salt; FALSE when it is not one. */
static gboolean
decode_salt (const char *text,
             guint8     *salt)
{
  gsize len = 0;

  return sodium_base642bin (salt, DESK_SALT_BYTES, text, strlen (text), NULL, &len, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0 && len == DESK_SALT_BYTES;
}

/* Argon2id's limits as stored are trusted only within what libsodium allows and what a
 * laptop can give: a database that asks for 64 GiB is damaged, not protected harder. */
static gboolean
cost_is_sound (gint64 opslimit,
               gint64 memlimit)
{
  return opslimit >= (gint64) crypto_pwhash_OPSLIMIT_MIN && opslimit <= 64 &&
         memlimit >= (gint64) crypto_pwhash_MEMLIMIT_MIN && memlimit <= G_GINT64_CONSTANT (4) << 30;
}

/* Takes @key as the data key: the store is unlocked. The names of people are opened at
 * once, so that search, sorting and duplicate detection find them in memory. */
static void
take_key (DeskStore *self,
          DeskKey   *key)
{
  _desk_store_forget_key (self);
  self->data_key = key;
  people_index (self);
  notify_protection (self);
}

/* Unlocking in three steps, so that Argon2id can run on a worker: what is read from the
 * database (on the store's thread), the derivation (anywhere: it touches no store), and
 * taking the key (on the store's thread). */
typedef struct
{
  char *secret;            /* the passphrase or the recovery key, in guarded memory */
  gboolean recovery;
  KeyRow row;
  char *display_path;
} Unlock;

static void
unlock_free (Unlock *u)
{
  desk_secret_free (u->secret);
  key_row_clear (&u->row);
  g_free (u->display_path);
  g_free (u);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Unlock, unlock_free)

static void
set_damaged_key_error_for (const char  *display_path,
                           GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
               _("The key that protects the names in %s is damaged: the database was changed "
                 "outside Groupdesk. Names cannot be read; everything else can. Restore a "
                 "backup to get them back."),
               display_path);
}

static Unlock *
unlock_prepare (DeskStore   *self,
                const char  *secret,
                gboolean     recovery,
                GError     **error)
{
  g_autoptr(Unlock) u = g_new0 (Unlock, 1);

  u->secret = desk_secret_dup (secret);
  u->recovery = recovery;
  u->display_path = g_strdup (_desk_store_display_path (self));
  if (!read_key_row (self, &u->row, error))
    return NULL;
  if (!key_row_sound (&u->row) || !cost_is_sound (u->row.opslimit, u->row.memlimit))
    {
      set_damaged_key_error_for (u->display_path, error);
      return NULL;
    }
  return g_steal_pointer (&u);
}

/* The data key, or NULL with the reason. Touches no store. */
static DeskKey *
unlock_derive (Unlock  *u,
               GError **error)
{
  g_autoptr(DeskKey) wrapping = NULL;
  g_autoptr(GError) local = NULL;
  DeskKey *key;

  if (u->recovery)
    {
      wrapping = _desk_key_parse_recovery (u->secret, error);
      if (wrapping == NULL)
        return NULL;
    }
  else
    {
      guint8 salt[DESK_SALT_BYTES];
      DeskKdfCost cost = { (guint64) u->row.opslimit, (gsize) u->row.memlimit };

      if (!decode_salt (u->row.salt, salt))
        {
          set_damaged_key_error_for (u->display_path, error);
          return NULL;
        }
      wrapping = _desk_key_derive (u->secret, salt, &cost, error);
      if (wrapping == NULL)
        return NULL;
    }

  key = _desk_key_unwrap (wrapping, u->recovery ? u->row.by_recovery : u->row.by_passphrase,
                          u->recovery ? PURPOSE_RECOVERY : PURPOSE_PASSPHRASE, &local);
  if (key != NULL)
    return key;

  if (!g_error_matches (local, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE))
    set_damaged_key_error_for (u->display_path, error);
  else if (u->recovery)
    g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                 _("This recovery key is not the one of this database. Find the recovery "
                   "key printed when protection was turned on for it."));
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                 _("Wrong passphrase. Type it again (capitals and spaces count), or "
                   "unlock with the recovery key."));
  return NULL;
}

static gboolean
unlock_sync (DeskStore   *self,
             const char  *secret,
             gboolean     recovery,
             GError     **error)
{
  g_autoptr(Unlock) u = unlock_prepare (self, secret, recovery, error);
  DeskKey *key;

  if (u == NULL)
    return FALSE;
  key = unlock_derive (u, error);
  if (key == NULL)
    return FALSE;
  take_key (self, key);
  return TRUE;
}

gboolean
desk_store_unlock (DeskStore   *self,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return unlock_sync (self, passphrase, FALSE, error);
}

gboolean
desk_store_unlock_with_recovery_key (DeskStore   *self,
                                     const char  *recovery_key,
                                     GError     **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  return unlock_sync (self, recovery_key, TRUE, error);
}

static void
unlock_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  DeskKey *key = unlock_derive (data, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) _desk_key_free);
}

void
desk_store_unlock_async (DeskStore           *self,
                         const char          *secret,
                         gboolean             recovery_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Unlock *u;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_unlock_async);
  u = unlock_prepare (self, secret, recovery_key, &error);
  if (u == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, u, (GDestroyNotify) unlock_free);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
desk_store_unlock_finish (DeskStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  DeskKey *key;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  key = g_task_propagate_pointer (G_TASK (result), error);
  if (key == NULL)
    return FALSE;
  take_key (self, key);
  return TRUE;
}

struct _DeskSharedKey
{
  DeskKey *key;
  char *check;
  char *by_recovery;
};

DeskSharedKey *
desk_store_share_key (DeskStore  *unlocked,
                      GError    **error)
{
  KeyRow row = { 0 };
  DeskSharedKey *shared;

  g_return_val_if_fail (DESK_IS_STORE (unlocked), NULL);

  if (!desk_store_require_names (unlocked, error))
    return NULL;
  if (unlocked->data_key == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected, so there is "
                     "nothing to unlock."));
      return NULL;
    }
  if (!read_key_row (unlocked, &row, error))
    return NULL;
  shared = g_new0 (DeskSharedKey, 1);
  shared->key = _desk_key_copy (unlocked->data_key);
  shared->check = g_steal_pointer (&row.check);
  shared->by_recovery = g_steal_pointer (&row.by_recovery);
  key_row_clear (&row);
  return shared;
}

void
desk_shared_key_free (DeskSharedKey *shared)
{
  if (shared == NULL)
    return;
  _desk_key_free (shared->key);
  g_free (shared->check);
  g_free (shared->by_recovery);
  g_free (shared);
}

gboolean
desk_store_unlock_shared (DeskStore      *self,
                          DeskSharedKey  *shared,
                          GError        **error)
{
  KeyRow mine = { 0 };
  gboolean same;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (shared != NULL, FALSE);

  if (!read_key_row (self, &mine, error))
    return FALSE;
  /* The same row (check and recovery wrapping) is the same data key. */
  same = key_row_sound (&mine) && g_strcmp0 (mine.check, shared->check) == 0 &&
         g_strcmp0 (mine.by_recovery, shared->by_recovery) == 0;
  key_row_clear (&mine);
  if (!same)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
                   _("The passphrase of this database changed meanwhile. Unlock it again."));
      return FALSE;
    }

  take_key (self, _desk_key_copy (shared->key));
  return TRUE;
}

gboolean
desk_store_unlock_like (DeskStore  *self,
                        DeskStore  *unlocked,
                        GError    **error)
{
  DeskSharedKey *shared;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_STORE (unlocked), FALSE);

  shared = desk_store_share_key (unlocked, error);
  if (shared == NULL)
    return FALSE;
  ok = desk_store_unlock_shared (self, shared, error);
  desk_shared_key_free (shared);
  return ok;
}

void
desk_store_lock (DeskStore *self)
{
  g_return_if_fail (DESK_IS_STORE (self));

  if (self->data_key == NULL)
    return;
  _desk_store_forget_key (self);
  notify_protection (self);
}

/* Turning protection on and off */

/* Rewrites every sealed field of every record: sealed under @to when it is not NULL,
 * else opened with @from into plain text. Inside the caller's transaction. */
static gboolean
rewrite_sealed (DeskStore      *self,
                const DeskKey  *from,
                const DeskKey  *to,
                GError        **error)
{
  const DeskKind *const *kinds = desk_kind_all ();

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      const DeskKind *kind = kinds[k];
      g_autoptr(GString) select = NULL;
      g_autoptr(GString) update = NULL;
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      sqlite3_stmt *read_stmt;
      sqlite3_stmt *write_stmt;
      int rc;

      for (const DeskField *f = kind->fields; f->name != NULL; f++)
        if ((f->flags & DESK_FIELD_SEALED) != 0)
          g_ptr_array_add (fields, (gpointer) f);
      if (fields->len == 0)
        continue;

      select = g_string_new ("SELECT uuid");
      update = g_string_new (NULL);
      g_string_append_printf (update, "UPDATE %s SET ", kind->table);
      for (guint i = 0; i < fields->len; i++)
        {
          const DeskField *f = g_ptr_array_index (fields, i);

          g_string_append_printf (select, ", %s", f->name);
          g_string_append_printf (update, "%s%s = ?%u", i > 0 ? ", " : "", f->name, i + 2);
        }
      g_string_append_printf (select, " FROM %s", kind->table);
      g_string_append (update, " WHERE uuid = ?1");

      /* Prepared here, not kept: they are used once in a database's life. */
      if (sqlite3_prepare_v2 (_desk_store_get_db (self), select->str, -1, &read_stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (_desk_store_get_db (self)), error);
          return FALSE;
        }
      if (sqlite3_prepare_v2 (_desk_store_get_db (self), update->str, -1, &write_stmt, NULL) != SQLITE_OK)
        {
          _desk_store_set_error (self, sqlite3_errcode (_desk_store_get_db (self)), error);
          sqlite3_finalize (read_stmt);
          return FALSE;
        }

      while ((rc = sqlite3_step (read_stmt)) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (read_stmt, 0);

          sqlite3_bind_text (write_stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          for (guint i = 0; i < fields->len; i++)
            {
              const DeskField *f = g_ptr_array_index (fields, i);
              const char *stored = (const char *) sqlite3_column_text (read_stmt, (int) i + 1);
              char *value;

              if (stored == NULL || stored[0] == '\0')
                value = g_strdup (stored != NULL ? stored : "");
              else if (to != NULL)
                value = _desk_seal_text (to, kind->table, f->name, uuid, stored);
              else
                {
                  value = _desk_open_text (from, kind->table, f->name, uuid, stored);
                  if (value == NULL)
                    {
                      g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED,
                                   _("The %s %s has a “%s” that cannot be read: the database "
                                     "was changed outside Groupdesk. Protection stays on; "
                                     "correct or delete that record, then try again."),
                                   _(kind->label), uuid, _(f->label));
                      sqlite3_finalize (read_stmt);
                      sqlite3_finalize (write_stmt);
                      return FALSE;
                    }
                }
              sqlite3_bind_text (write_stmt, (int) i + 2, value, -1, SQLITE_TRANSIENT);
              _desk_text_wipe_free (value);
            }
          rc = sqlite3_step (write_stmt);
          sqlite3_reset (write_stmt);
          if (rc != SQLITE_DONE)
            break;
        }
      sqlite3_finalize (read_stmt);
      sqlite3_finalize (write_stmt);
      if (rc != SQLITE_DONE)
        {
          _desk_store_set_error (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Overwrites @path with zeros, then removes it. The disk may still keep the old blocks
 * (a journalling file system or an SSD's wear levelling); what we can do, we do. */
static void
wipe_file (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      GStatBuf st;

      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
        {
          static const char zeros[65536];
          gint64 left = st.st_size;

          while (left > 0)
            {
              ssize_t n = write (fd, zeros, (size_t) MIN (left, (gint64) sizeof zeros));

              if (n <= 0)
                break;
              left -= n;
            }
          fsync (fd);
        }
      close (fd);
    }
  g_unlink (path);
}

/* Every automatic backup and upgrade copy of the database is wiped and one backup of its
 * state now is made, so that no copy keeps what the database no longer holds. */
static void
remake_backups (DeskStore *self)
{
  const char *path = desk_store_get_path (self);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  GDir *d;
  const char *name;

  if (path == NULL)
    return;

  backups = desk_backup_list (self);
  for (guint i = 0; i < backups->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *wal = g_strconcat (info->path, "-wal", NULL);
      g_autofree char *journal = g_strconcat (info->path, "-journal", NULL);

      wipe_file (info->path);
      wipe_file (wal);
      wipe_file (journal);
    }

  /* The copies kept before an upgrade: <database>.vN.backup. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *rest;

      if (!g_str_has_prefix (name, base))
        continue;
      rest = name + strlen (base);
      if (g_str_has_prefix (rest, ".v") && g_str_has_suffix (rest, ".backup"))
        {
          g_autofree char *copy = g_build_filename (dir, name, NULL);
          wipe_file (copy);
        }
    }
  if (d != NULL)
    g_dir_close (d);

  folder = desk_backup_folder (self);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      fresh = desk_backup_daily (self, &error);
      if (fresh == NULL && error != NULL)
        g_warning ("no backup after protection changed: %s", error->message);
    }
}

/* After sealed values replaced plain ones: nothing of the old values may stay in free
 * pages, the WAL or a backup. */
/* Copies the WAL into the database and empties it. A reader of another connection can
 * hold it back (SQLite then says busy, not an error): FALSE then, so the caller leaves
 * the clean-up pending. */
static gboolean
checkpoint_truncate (DeskStore  *self,
                     GError    **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  gboolean done;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  done = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (!done)
    g_set_error (error, DESK_ERROR, DESK_ERROR_LOCKED,
                 _("Another program is reading %s, so its old copies could not be cleared yet. "
                   "Groupdesk clears them the next time it opens the database."),
                 _desk_store_display_path (self));
  return done;
}

static gboolean
scrub (DeskStore  *self,
       GError    **error)
{
  if (!_desk_store_exec (self, "PRAGMA secure_delete = ON", error) ||
      !_desk_store_exec (self, "VACUUM", error) ||
      !checkpoint_truncate (self, error))
    return FALSE;
  remake_backups (self);
  /* Only now is it done: killed before this, the next open clears again. */
  return _desk_store_exec (self, "UPDATE protection SET scrub_pending = 0", error) &&
         checkpoint_truncate (self, error);
}

static char *
now_text (DeskStore *self)
{
  return desk_store_dup_timestamp (self);
}

/* Derives a key from @passphrase under a new salt: the salt in base64 into @salt_text. */
static DeskKey *
derive_new (const char         *passphrase,
            const DeskKdfCost  *cost,
            char              **salt_text,
            GError            **error)
{
  guint8 salt[DESK_SALT_BYTES];
  gsize size = sodium_base64_ENCODED_LEN (DESK_SALT_BYTES, sodium_base64_VARIANT_ORIGINAL);

  randombytes_buf (salt, sizeof salt);
  *salt_text = g_malloc (size);
  sodium_bin2base64 (*salt_text, size, salt, sizeof salt, sodium_base64_VARIANT_ORIGINAL);
  return _desk_key_derive (passphrase, salt, cost, error);
}

static const DeskKdfCost *
default_cost (void)
{
  static const DeskKdfCost cost = {
    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
  };

  return &cost;
}

static gboolean
check_writable (DeskStore  *self,
                GError    **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
               _("The database %s was opened only to be read. Open it to write, then try "
                 "again."), _desk_store_display_path (self));
  return FALSE;
}

/* A key derived from a new passphrase under a new salt: made on the store's thread,
 * derived anywhere (it touches no store), used on the store's thread. */
typedef struct
{
  char *passphrase;        /* guarded memory */
  DeskKdfCost cost;
  char *salt;              /* base64, once derived */
  DeskKey *derived;
} Derivation;

static void
derivation_free (Derivation *d)
{
  desk_secret_free (d->passphrase);
  g_free (d->salt);
  _desk_key_free (d->derived);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Derivation, derivation_free)

static Derivation *
derivation_new (const char        *passphrase,
                const DeskKdfCost *cost)
{
  Derivation *d = g_new0 (Derivation, 1);

  d->passphrase = desk_secret_dup (passphrase);
  d->cost = cost != NULL ? *cost : *default_cost ();
  return d;
}

static gboolean
derivation_run (Derivation  *d,
                GError     **error)
{
  d->derived = derive_new (d->passphrase, &d->cost, &d->salt, error);
  return d->derived != NULL;
}

static gboolean
protect_check (DeskStore   *self,
               const char  *passphrase,
               GError     **error)
{
  if (!check_writable (self, error) || !desk_passphrase_check (passphrase, NULL, error))
    return FALSE;
  if (self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are already protected. To choose "
                     "another passphrase, change the passphrase."));
      return FALSE;
    }
  return TRUE;
}

/* Turns protection on with @d's derived key: the rest of desk_store_protect. */
static char *
protect_with (DeskStore   *self,
              Derivation  *d,
              GError     **error)
{
  g_autoptr(DeskKey) data_key = NULL;
  g_autoptr(DeskKey) recovery = NULL;
  g_autofree char *by_passphrase = NULL;
  g_autofree char *by_recovery = NULL;
  g_autofree char *check = NULL;
  g_autofree char *stamp = NULL;
  const DeskKdfCost *cost = &d->cost;
  const DeskKey *derived = d->derived;
  const char *salt = d->salt;
  sqlite3_stmt *stmt;
  char *recovery_text;
  int rc;

  /* Checked again: the database may have changed while the key was derived. */
  if (!protect_check (self, d->passphrase, error))
    return NULL;

  data_key = _desk_key_new_random ();
  recovery = _desk_key_new_random ();
  by_passphrase = _desk_key_wrap (derived, data_key, PURPOSE_PASSPHRASE);
  by_recovery = _desk_key_wrap (recovery, data_key, PURPOSE_RECOVERY);
  check = key_row_check (salt, (gint64) cost->opslimit, (gint64) cost->memlimit, by_passphrase,
                         by_recovery);
  stamp = now_text (self);

  if (!desk_store_begin (self, error))
    return NULL;
  stmt = _desk_store_prepare (self,
                              "INSERT INTO protection (id, format, kdf_salt, kdf_opslimit, "
                              "kdf_memlimit, key_by_passphrase, key_by_recovery, key_check, "
                              "created, changed) VALUES (1, 1, ?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, salt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) cost->opslimit);
  sqlite3_bind_int64 (stmt, 3, (gint64) cost->memlimit);
  sqlite3_bind_text (stmt, 4, by_passphrase, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, by_recovery, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, check, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      goto failed;
    }
  if (!rewrite_sealed (self, NULL, data_key, error) || !desk_store_commit (self, error))
    goto failed;

  self->names_protected = TRUE;
  take_key (self, g_steal_pointer (&data_key));
  recovery_text = _desk_key_format_recovery (recovery);
  if (!scrub (self, error))
    {
      /* The names are sealed already; only the clean-up failed. Say so, but the
       * recovery key must still reach the person: it is the only copy. */
      g_warning ("protection is on, but the old copies could not be cleared: %s",
                 error != NULL && *error != NULL ? (*error)->message : "");
      g_clear_error (error);
    }
  return recovery_text;

failed:
  desk_store_rollback (self);
  return NULL;
}

char *
desk_store_protect (DeskStore          *self,
                    const char         *passphrase,
                    const DeskKdfCost  *cost,
                    GError            **error)
{
  g_autoptr(Derivation) d = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  if (!protect_check (self, passphrase, error))
    return NULL;
  d = derivation_new (passphrase, cost);
  if (!derivation_run (d, error))
    return NULL;
  return protect_with (self, d, error);
}

static void
derive_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (derivation_run (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Starts deriving a key from @passphrase on a worker, for @tag's finish. */
static void
derive_async (DeskStore           *self,
              const char          *passphrase,
              const DeskKdfCost   *cost,
              gpointer             tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, derivation_new (passphrase, cost), (GDestroyNotify) derivation_free);
  g_task_run_in_thread (task, derive_thread);
}

void
desk_store_protect_async (DeskStore           *self,
                          const char          *passphrase,
                          const DeskKdfCost   *cost,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  if (!protect_check (self, passphrase, &error))
    {
      g_task_report_error (self, callback, user_data, desk_store_protect_async, error);
      return;
    }
  derive_async (self, passphrase, cost, desk_store_protect_async, cancellable, callback, user_data);
}

char *
desk_store_protect_finish (DeskStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return protect_with (self, g_task_get_task_data (G_TASK (result)), error);
}

gboolean
desk_store_unprotect (DeskStore  *self,
                      GError    **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (!self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected."));
      return FALSE;
    }
  if (!desk_store_require_names (self, error))
    return FALSE;

  if (!desk_store_begin (self, error))
    return FALSE;
  if (!rewrite_sealed (self, self->data_key, NULL, error) ||
      !_desk_store_exec (self, "DELETE FROM protection", error) ||
      !desk_store_commit (self, error))
    {
      desk_store_rollback (self);
      return FALSE;
    }

  self->names_protected = FALSE;
  _desk_store_forget_key (self);
  checkpoint_truncate (self, NULL);
  notify_protection (self);
  return TRUE;
}

static gboolean
change_check (DeskStore   *self,
              const char  *passphrase,
              GError     **error)
{
  if (!check_writable (self, error) || !desk_passphrase_check (passphrase, NULL, error))
    return FALSE;
  if (!self->names_protected)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("People's names in this database are not protected. Turn protection "
                     "on to choose a passphrase."));
      return FALSE;
    }
  return desk_store_require_names (self, error);
}

static gboolean
change_with (DeskStore   *self,
             Derivation  *d,
             GError     **error)
{
  g_autofree char *wrapped = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *check = NULL;
  const DeskKdfCost *cost = &d->cost;
  const DeskKey *derived = d->derived;
  const char *salt = d->salt;
  KeyRow row = { 0 };
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!change_check (self, d->passphrase, error))
    return FALSE;
  wrapped = _desk_key_wrap (derived, self->data_key, PURPOSE_PASSPHRASE);
  stamp = now_text (self);
  if (!read_key_row (self, &row, error))
    return FALSE;
  check = key_row_check (salt, (gint64) cost->opslimit, (gint64) cost->memlimit, wrapped,
                         row.by_recovery);
  key_row_clear (&row);

  /* One statement: the old wrapping or the new one, never half of each. */
  stmt = _desk_store_prepare (self,
                              "UPDATE protection SET kdf_salt = ?1, kdf_opslimit = ?2, "
                              "kdf_memlimit = ?3, key_by_passphrase = ?4, changed = ?5, "
                              "key_check = ?6, scrub_pending = 1 WHERE id = 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, salt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) cost->opslimit);
  sqlite3_bind_int64 (stmt, 3, (gint64) cost->memlimit);
  sqlite3_bind_text (stmt, 4, wrapped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, check, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (self, rc, error);
      return FALSE;
    }

  /* The old passphrase must not open anything any more: not an old page in the WAL or
   * the free pages, not a backup that still has the key wrapped under it. */
  if (!scrub (self, &local))
    g_warning ("the passphrase changed, but the old copies could not be cleared: %s",
               local->message);
  return TRUE;
}

gboolean
desk_store_change_passphrase (DeskStore          *self,
                              const char         *passphrase,
                              const DeskKdfCost  *cost,
                              GError            **error)
{
  g_autoptr(Derivation) d = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!change_check (self, passphrase, error))
    return FALSE;
  d = derivation_new (passphrase, cost);
  if (!derivation_run (d, error))
    return FALSE;
  return change_with (self, d, error);
}

void
desk_store_change_passphrase_async (DeskStore           *self,
                                    const char          *passphrase,
                                    const DeskKdfCost   *cost,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DESK_IS_STORE (self));

  if (!change_check (self, passphrase, &error))
    {
      g_task_report_error (self, callback, user_data, desk_store_change_passphrase_async, error);
      return;
    }
  derive_async (self, passphrase, cost, desk_store_change_passphrase_async, cancellable, callback,
                user_data);
}

gboolean
desk_store_change_passphrase_finish (DeskStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  return change_with (self, g_task_get_task_data (G_TASK (result)), error);
}
