/* desk-bundle-apply.c — applying a bundle's records to the database: each record
 * checked against its group, its identifier, its time and what it refers to; deletions
 * children first, with what they take along counted; attendance counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"

#include <stdlib.h>
#include <string.h>

#include "desk-attendance.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-people.h"
#include "desk-reference.h"
#include "desk-store-private.h"

/* Records */

static gboolean
keep_updated (Import         *im,
              const DeskKind *kind,
              const char     *uuid,
              const char     *updated)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET updated = ?2 WHERE uuid = ?1",
                                          kind->table);
  sqlite3_stmt *stmt = _desk_store_prepare (im->store, sql, &im->error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, updated, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (im->store, rc, &im->error);
      return FALSE;
    }

  return TRUE;
}

/* Writes @record with the bundle's @updated time. The import's one transaction is open
 * and any failure rolls all of it back, so the store writes without a savepoint per
 * record; a record without a time (which the schema refuses) goes the long way. */
static gboolean
write_record (Import         *im,
              DeskRecord     *record,
              gboolean        is_insert,
              const DeskKind *kind,
              const char     *uuid,
              const char     *updated)
{
  if (updated != NULL)
    return _desk_store_write_imported (im->store, record, is_insert, updated, &im->error);

  return (is_insert ? desk_store_insert (im->store, record, &im->error)
                    : desk_store_update (im->store, record, &im->error)) &&
         keep_updated (im, kind, uuid, updated);
}

/* The local record's updated time and group, or FALSE when there is none. */
static gboolean
local_state (Import          *im,
             const DeskKind  *kind,
             const char      *uuid,
             char           **updated,
             char           **group)
{
  g_autofree char *sql = g_strdup_printf ("SELECT updated, %s FROM %s WHERE uuid = ?1",
                                          kind == DESK_KIND_GROUP ? "uuid" : "group_uuid",
                                          kind->table);
  sqlite3_stmt *stmt = _desk_store_prepare (im->store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *updated = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *group = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
_desk_import_apply_deferred (Import *im)
{
  for (guint i = 0; im->deferred != NULL && i < im->deferred->len; i++)
    {
      Deferred *d = g_ptr_array_index (im->deferred, i);
      g_autoptr(DeskRecord) record = desk_store_get (im->store, d->kind, d->uuid, &im->error);

      if (record == NULL)
        return FALSE;
      desk_record_set_string (record, d->field, d->value);
      if (!write_record (im, record, FALSE, d->kind, d->uuid, d->updated))
        {
          g_prefix_error (&im->error, _("The %s %s in the bundle cannot be imported: "),
                          _(d->kind->label), d->uuid);
          return FALSE;
        }
    }
  if (im->deferred != NULL)
    g_ptr_array_set_size (im->deferred, 0);

  return TRUE;
}

static void
count_read (Import     *im,
            const char *kind)
{
  gpointer n = g_hash_table_lookup (im->actual, kind);

  g_hash_table_insert (im->actual, (gpointer) kind, GINT_TO_POINTER (GPOINTER_TO_INT (n) + 1));
}

static gboolean
check_uuid_once (Import     *im,
                 const char *uuid)
{
  if (uuid == NULL)
    return _desk_import_fail (im, _("A record in %s has no identifier."), im->path);

  if (g_hash_table_contains (im->seen, uuid))
    return _desk_import_fail (im, _("The identifier %s appears twice in %s. Each record may appear only "
                       "once: ask the sender to export again."), uuid, im->path);
  g_hash_table_add (im->seen, g_strdup (uuid));

  return TRUE;
}

/* The kind of the record or tombstone this database already holds under @uuid, if it
 * is not @kind: identifiers are unique across every kind. */
static const DeskKind *
other_kind_with (Import         *im,
                 const DeskKind *kind,
                 const char     *uuid)
{
  const DeskKind *other = NULL;
  sqlite3_stmt *stmt;

  /* One statement over every table (and the tombstones): an import into an empty
   * database asks it for every record. */
  if (im->unique_sql == NULL)
    {
      GString *sql = g_string_new (NULL);

      for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
        g_string_append_printf (sql, "SELECT '%s' FROM %s WHERE uuid = ?1 UNION ALL ",
                                desk_kind_all ()[i]->name, desk_kind_all ()[i]->table);
      g_string_append (sql, "SELECT kind FROM tombstones WHERE uuid = ?1");
      im->unique_sql = g_string_free (sql, FALSE);
    }

  stmt = _desk_store_prepare (im->store, im->unique_sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  while (other == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (name, kind->name) != 0)
        other = desk_kind_lookup (name);
    }
  sqlite3_reset (stmt);

  return other;
}

static gboolean
check_unique_uuid (Import         *im,
                   const DeskKind *kind,
                   const char     *uuid)
{
  const DeskKind *other = other_kind_with (im, kind, uuid);

  if (other == NULL)
    return TRUE;

  return _desk_import_fail (im, _("The %s %s in %s has the identifier of a %s this database already "
                     "holds, and no two records may share one. Nothing was imported; ask "
                     "the sender to export it again."), _(kind->label), uuid, im->path,
               _(other->label));
}

/* A record's time is before its bundle's export time (with some clock skew): a time in
 * the future would pin the record and hide every later correction. */
static gboolean
check_time (Import         *im,
            const DeskKind *kind,
            const char     *uuid,
            const char     *time)
{
  if (im->latest == NULL || g_strcmp0 (time, im->latest) <= 0)
    return TRUE;

  return _desk_import_fail (im, _("The %s %s in %s was changed on %s, after the bundle was exported "
                     "(%s). A time in the future would hide every later correction, so "
                     "nothing was imported. Check the date and time of the computer that "
                     "exported it, then export again."), _(kind->label), uuid, im->path,
               time, im->plan->created);
}

/* Every record a record refers to belongs to the bundle's group: a bundle must never
 * add to, or hang its records on, another group's. Into a group new here (im->fresh),
 * an identifier the bundle itself carries names the bundle's own record (any other
 * record holding it refuses the bundle: check_identifiers_alone, or for a deletion the
 * bundle carries, apply_tombstone), so only the others are looked up: a reference
 * forward to a record of the same kind, or a stolen one. */
static gboolean
check_references (Import         *im,
                  const DeskKind *kind,
                  DeskRecord     *record)
{
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      const DeskKind *target;
      g_auto(GStrv) values = NULL;

      if ((f->type != DESK_FIELD_REF && f->type != DESK_FIELD_REF_SET) ||
          !desk_record_index_is_set (record, i))
        continue;
      target = desk_kind_lookup (f->ref);
      if (target == NULL)
        continue;

      if (f->type == DESK_FIELD_REF)
        values = g_strdupv ((char *[]) { (char *) desk_record_index_get_string (record, i), NULL });
      else
        values = g_strdupv ((char **) desk_record_index_get_set (record, i));

      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        {
          g_autofree char *updated = NULL;
          g_autofree char *group = NULL;

          if (im->fresh && g_hash_table_contains (im->seen, values[j]))
            continue;
          if (local_state (im, target, values[j], &updated, &group) &&
              g_strcmp0 (group, im->plan->group_uuid) != 0)
            return _desk_import_fail (im, _("The %s %s in %s refers to a %s of another group in this "
                               "database (%s), so nothing was imported. A bundle may only "
                               "change its own group."), _(kind->label),
                         desk_record_get_uuid (record), im->path, _(target->label), values[j]);
        }
    }

  return TRUE;
}

/* A person merged into another here (desk_people_merge) must not come back with a bundle
 * written before the merge, nor by someone who never heard of it: the person is left out
 * (*merged_away), and what refers to them refers to the person they became. An
 * attendance of theirs at a workshop where that person is on the list already is the
 * same entry, and left out too. */
static void
follow_merges (Import         *im,
               const DeskKind *kind,
               DeskRecord     *record,
               gboolean       *merged_away)
{
  if (kind == DESK_KIND_PERSON)
    {
      g_autofree char *kept = desk_people_dup_merged_into (im->store, desk_record_get_uuid (record));

      *merged_away = kept != NULL;
      return;
    }

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      g_autofree char *kept = NULL;

      if (f->type != DESK_FIELD_REF || g_strcmp0 (f->ref, "person") != 0 ||
          !desk_record_index_is_set (record, i))
        continue;
      kept = desk_people_dup_merged_into (im->store, desk_record_index_get_string (record, i));
      if (kept == NULL)
        continue;
      desk_record_index_set_string (record, i, kept);

      if (kind == DESK_KIND_ATTENDANCE)
        {
          g_autoptr(DeskRecord) listed =
            desk_attendance_find (im->store, desk_record_get_string (record, "workshop_uuid"), kept);

          *merged_away = listed != NULL &&
                         g_strcmp0 (desk_record_get_uuid (listed), desk_record_get_uuid (record)) != 0;
        }
    }
}

gboolean
_desk_import_apply_record (Import *im)
{
  const DeskKind *kind = im->kind;
  DeskRecord *record = im->record;
  /* Copies: a write stamps the record with the store's time. */
  g_autofree char *uuid = g_strdup (desk_record_get_uuid (record));
  g_autofree char *updated = g_strdup (desk_record_get_updated (record));
  g_autofree char *local_updated = NULL;
  g_autofree char *local_group = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr(DeskRecord) local = NULL;
  DeskImportCount *count = NULL;
  gboolean exists;

  if (!check_uuid_once (im, uuid))
    return FALSE;
  count_read (im, kind->name);

  if (kind == DESK_KIND_GROUP && g_strcmp0 (uuid, im->plan->group_uuid) != 0)
    return _desk_import_fail (im, _("The group record of %s is not the group its manifest names."),
                 im->path);

  if (im->store == NULL)
    return TRUE;

  if (!check_time (im, kind, uuid, updated))
    return FALSE;

  count = _desk_import_plan_count (im, kind->name);
  if (kind != DESK_KIND_GROUP)
    desk_record_set_group (record, im->plan->group_uuid);

  /* Two records of one person merged here stay one, whatever the bundle's times. */
  if (!im->fresh)
    {
      gboolean merged_away = FALSE;

      follow_merges (im, kind, record, &merged_away);
      if (merged_away)
        {
          count->unchanged++;
          return TRUE;
        }
    }

  /* Into a group new here (see Import.fresh) the record is new to its group and no
   * tombstone of the group waits for it: there is nothing to ask one record at a time.
   * The same identifier in another group makes the insert fail (same kind) or is found
   * with every other identifier of the bundle at once (check_identifiers_alone). */
  exists = !im->fresh && local_state (im, kind, uuid, &local_updated, &local_group);
  if (exists && g_strcmp0 (local_group, im->plan->group_uuid) != 0)
    return _desk_import_fail (im, _("The %s %s of the bundle belongs to another group in this database, so "
                       "nothing was imported."), _(kind->label), uuid);
  if (!im->fresh && !exists && !check_unique_uuid (im, kind, uuid))
    return FALSE;
  if (!check_references (im, kind, record))
    return FALSE;

  /* Deleted here after the bundle's version was written: it stays deleted. */
  if (!im->fresh && !exists &&
      _desk_import_query_text (im->store, "SELECT deleted FROM tombstones WHERE uuid = ?1", uuid,
                               &deleted, NULL) &&
      g_strcmp0 (deleted, updated) >= 0)
    {
      count->unchanged++;
      return TRUE;
    }

  if (exists && g_strcmp0 (updated, local_updated) <= 0)
    {
      count->unchanged++;
      return TRUE;
    }

  /* Fields the bundle may leave out for privacy keep our own value; a required one we
   * never had (a participant's name) becomes a pseudonym. */
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];

      if (_desk_bundle_field_rule (kind, f, im->privacy) == DESK_BUNDLE_FIELD_ALWAYS ||
          desk_record_index_is_set (record, i))
        continue;

      if (exists && local == NULL)
        {
          local = desk_store_get (im->store, kind, uuid, &im->error);
          if (local == NULL)
            return FALSE;
        }
      if (local != NULL && desk_record_index_is_set (local, i))
        desk_record_index_set_string (record, i, desk_record_index_get_string (local, i));
      else if ((f->flags & DESK_FIELD_REQUIRED) != 0 && f->type == DESK_FIELD_TEXT)
        {
          g_autofree char *pseudonym = g_strdup_printf ("P-%.8s", uuid);
          desk_record_index_set_string (record, i, pseudonym);
        }
    }

  /* A reference to a record of the same kind that comes later in the bundle is set once
   * the whole kind is in. */
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      const char *value;

      if (f->type != DESK_FIELD_REF || g_strcmp0 (f->ref, kind->name) != 0 ||
          !desk_record_index_is_set (record, i))
        continue;
      value = desk_record_index_get_string (record, i);
      if (!_desk_store_record_exists (im->store, kind, value, NULL))
        {
          Deferred *d = g_new0 (Deferred, 1);

          d->kind = kind;
          d->uuid = g_strdup (uuid);
          d->field = g_strdup (f->name);
          d->value = g_strdup (value);
          d->updated = g_strdup (updated);
          g_ptr_array_add (im->deferred, d);
          desk_record_unset (record, f->name);
        }
    }

  if (!write_record (im, record, !exists, kind, uuid, updated))
    {
      /* Into a new group, a record of the same kind and identifier can only be another
       * group's: said as such, not as the constraint that stopped it. */
      if (im->fresh && local_state (im, kind, uuid, &local_updated, &local_group) &&
          g_strcmp0 (local_group, im->plan->group_uuid) != 0)
        {
          g_clear_error (&im->error);
          return _desk_import_fail (im, _("The %s %s of the bundle belongs to another group in this "
                                          "database, so nothing was imported."), _(kind->label), uuid);
        }
      g_prefix_error (&im->error, _("The %s %s in the bundle cannot be imported: "),
                      _(kind->label), uuid);
      return FALSE;
    }

  if (exists)
    count->updated++;
  else
    count->added++;

  return TRUE;
}

/* A deletion is checked as it is read and applied once every record is in (see
 * apply_tombstones). */
gboolean
_desk_import_read_tombstone (Import *im)
{
  const DeskKind *kind = desk_kind_lookup (im->attr_kind);
  Tombstone t = { NULL, NULL, NULL, 0 };
  gboolean is_bundle_kind = FALSE;

  for (guint i = 1; i < DESK_N_BUNDLE_KINDS; i++)
    if (desk_kind_all ()[i] == kind)
      {
        is_bundle_kind = TRUE;
        t.order = i;
      }
  if (!is_bundle_kind)
    return _desk_import_fail (im, _("%s records the deletion of a “%s”, which bundles do not carry."),
                 im->path, im->attr_kind);

  if (!check_uuid_once (im, im->attr_uuid))
    return FALSE;
  count_read (im, "tombstone");
  if (im->store == NULL)
    return TRUE;

  if (!check_time (im, kind, im->attr_uuid, im->attr_deleted))
    return FALSE;

  t.kind = kind;
  t.uuid = g_strdup (im->attr_uuid);
  t.deleted = g_strdup (im->attr_deleted);
  g_array_append_val (im->tombstones, t);

  return TRUE;
}

static gint64
max_tombstone_rowid (Import *im)
{
  sqlite3_stmt *stmt = _desk_store_prepare (im->store,
                                            "SELECT coalesce (max (rowid), 0) FROM tombstones",
                                            NULL);
  gint64 rowid = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rowid;
}

/* Counts the records that the delete of @t took with it (their tombstones are the ones
 * written after @since, by the schema's cascade), by kind. Returns how many. */
static guint
count_cascade (Import          *im,
               const Tombstone *t,
               gint64           since,
               GString         *by_kind)
{
  sqlite3_stmt *stmt = _desk_store_prepare (im->store,
                                            "SELECT kind, count (*) FROM tombstones"
                                            " WHERE rowid > ?1 AND uuid != ?2"
                                            " GROUP BY kind ORDER BY kind", NULL);
  guint total = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_text (stmt, 2, t->uuid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const DeskKind *kind = desk_kind_lookup ((const char *) sqlite3_column_text (stmt, 0));
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      if (kind == NULL)
        continue;
      _desk_import_plan_count (im, kind->name)->cascaded += n;
      total += n;
      /* TRANSLATORS: between the items of a list, "activity 12, deliverable 16". */
      if (by_kind != NULL)
        g_string_append_printf (by_kind, "%s%s %u", by_kind->len > 0 ? C_("list separator", ", ") : "",
                                _(kind->label), n);
    }
  sqlite3_reset (stmt);

  return total;
}

/* What a coordinator calls a record, else its identifier. */
static char *
record_label (Import         *im,
              const DeskKind *kind,
              const char     *uuid)
{
  g_autoptr(DeskRecord) record = desk_store_get (im->store, kind, uuid, NULL);

  return record != NULL ? desk_record_dup_label (record) : g_strdup (uuid);
}

static gboolean
apply_tombstone (Import          *im,
                 const Tombstone *t,
                 GString         *cascade)
{
  const DeskKind *kind = t->kind;
  g_autofree char *local_updated = NULL;
  g_autofree char *local_group = NULL;
  DeskImportCount *count = _desk_import_plan_count (im, kind->name);
  sqlite3_stmt *stmt;
  int rc;

  if (other_kind_with (im, kind, t->uuid) != NULL)
    return _desk_import_fail (im, _("%s records the deletion of a %s under the identifier of another kind "
                       "of record in this database (%s), so nothing was imported. Ask the "
                       "sender to export it again."), im->path, _(kind->label), t->uuid);

  if (local_state (im, kind, t->uuid, &local_updated, &local_group))
    {
      g_autoptr(GString) by_kind = g_string_new (NULL);
      g_autofree char *label = NULL;
      gint64 since;
      guint taken;

      if (g_strcmp0 (local_group, im->plan->group_uuid) != 0)
        return _desk_import_fail (im, _("The %s %s of the bundle belongs to another group in this database, "
                           "so nothing was imported."), _(kind->label), t->uuid);
      /* Changed here after it was deleted there: ours stays. */
      if (g_strcmp0 (local_updated, t->deleted) > 0)
        {
          count->unchanged++;
          return TRUE;
        }
      label = record_label (im, kind, t->uuid);
      since = max_tombstone_rowid (im);
      if (!desk_store_delete (im->store, kind, t->uuid, &im->error))
        return FALSE;
      count->deleted++;

      /* What went with it that the bundle did not delete by name (those came first). */
      taken = count_cascade (im, t, since, by_kind);
      if (taken > 0 && cascade->len < 2000)
        {
          if (cascade->len > 0)
            g_string_append (cascade, " ");
          g_string_append_printf (cascade,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Deleting the %s “%s” also deletes %u record "
                                               "under it that the bundle does not name (%s).",
                                               "Deleting the %s “%s” also deletes %u records "
                                               "under it that the bundle does not name (%s).",
                                               taken),
                                  _(kind->label), label, taken, by_kind->str);
        }
    }
  else
    count->unchanged++;

  /* Keep the deletion, with the time it happened, so that it travels on. */
  stmt = _desk_store_prepare (im->store,
                              "INSERT INTO tombstones (uuid, kind, group_uuid, deleted) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (uuid) DO UPDATE SET "
                              "deleted = excluded.deleted WHERE excluded.deleted > deleted",
                              &im->error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, im->plan->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, t->deleted, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (im->store, rc, &im->error);
      return FALSE;
    }

  return TRUE;
}

static int
compare_tombstones (gconstpointer a,
                    gconstpointer b)
{
  const Tombstone *x = a;
  const Tombstone *y = b;

  /* Children before their parents; the bundle's order within a kind. */
  return (x->order < y->order) - (x->order > y->order);
}

/* The kind of the record this import wrote under @uuid into its group. */
static const DeskKind *
kind_written (Import     *im,
              const char *uuid)
{
  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    {
      g_autofree char *updated = NULL;
      g_autofree char *group = NULL;

      if (local_state (im, desk_kind_all ()[i], uuid, &updated, &group) &&
          g_strcmp0 (group, im->plan->group_uuid) == 0)
        return desk_kind_all ()[i];
    }

  return NULL;
}

static gboolean
refuse_taken_identifier (Import     *im,
                         const char *uuid,
                         const char *other_kind,
                         gboolean    deleted)
{
  const DeskKind *other = desk_kind_lookup (other_kind);
  const DeskKind *kind = kind_written (im, uuid);
  const char *kind_label;
  const char *other_label;

  /* Every identifier checked is one this import wrote, and every table and tombstone
   * names a kind: each side falls back on the other only against a damaged schema. */
  if (kind == NULL)
    kind = other != NULL ? other : DESK_KIND_GROUP;
  if (other == NULL)
    other = kind;
  kind_label = _(kind->label);
  other_label = _(other->label);

  if (deleted)
    return _desk_import_fail (im, _("The %s %s in %s has the identifier of a %s another group in this "
                                    "database deleted, and no two records may share one. Nothing "
                                    "was imported; ask the sender to export it again."),
                              kind_label, uuid, im->path, other_label);

  return _desk_import_fail (im, _("The %s %s in %s has the identifier of a %s this database already "
                     "holds, and no two records may share one. Nothing was imported; ask "
                     "the sender to export it again."), kind_label, uuid, im->path, other_label);
}

static int
compare_ids (const void *a,
             const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Into a group new here (im->fresh), the records went in without a lookup each. An
 * identifier names one record of one kind in the whole database, so the bundle's
 * identifiers are checked here, all at once, against every table and the tombstones:
 * sorted in a temporary table, each table is searched once per identifier along its
 * primary key, a cost of the bundle's size, whatever the number of groups already
 * there. The group's own rows are this import's (it had none); a row of another group,
 * or any tombstone (the group had none, and the bundle's are applied after), is another
 * group's record under the same identifier. */
static gboolean
check_identifiers_alone (Import *im)
{
  sqlite3 *db = _desk_store_get_db (im->store);
  g_autoptr(GHashTable) deletions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  g_autofree const char **ids = NULL;
  guint n_ids = 0;
  gboolean ok = TRUE;
  gint64 start = g_get_monotonic_time ();
  int rc;

  /* The bundle's deletions are checked as they are applied (apply_tombstone). */
  for (guint i = 0; i < im->tombstones->len; i++)
    g_hash_table_add (deletions, g_array_index (im->tombstones, Tombstone, i).uuid);

  if (!_desk_store_exec (im->store, "CREATE TEMP TABLE desk_import_ids (uuid TEXT PRIMARY KEY) "
                                    "WITHOUT ROWID", &im->error))
    return FALSE;

  /* In order, so that each goes in at the end of the temporary table's b-tree. */
  ids = (const char **) g_hash_table_get_keys_as_array (im->seen, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_ids);
  rc = sqlite3_prepare_v2 (db, "INSERT INTO temp.desk_import_ids (uuid) VALUES (?1)", -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < n_ids; i++)
    {
      if (g_hash_table_contains (deletions, ids[i]))
        continue;
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = sqlite3_extended_errcode (db);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* CROSS JOIN keeps the identifiers outside: one search of each table per identifier,
   * never a scan of a table that grows with the groups. */
  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    {
      const DeskKind *k = desk_kind_all ()[i];

      g_string_append_printf (sql, "SELECT i.uuid, '%s', 0 FROM temp.desk_import_ids i CROSS JOIN %s t"
                                   " ON t.uuid = i.uuid WHERE t.%s IS NOT ?1 UNION ALL ",
                              k->name, k->table, k == DESK_KIND_GROUP ? "uuid" : "group_uuid");
    }
  g_string_append (sql, "SELECT i.uuid, t.kind, 1 FROM temp.desk_import_ids i CROSS JOIN tombstones t"
                        " ON t.uuid = i.uuid LIMIT 1");

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, im->plan->group_uuid, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = refuse_taken_identifier (im, (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int (stmt, 2) == 1);
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK && rc != SQLITE_ROW && im->error == NULL)
    {
      _desk_store_set_error (im->store, rc, &im->error);
      ok = FALSE;
    }
  /* Gone before anything else runs: the connection keeps no table of ours. */
  if (!_desk_store_exec (im->store, "DROP TABLE IF EXISTS temp.desk_import_ids", ok ? &im->error : NULL))
    ok = FALSE;
  g_debug ("%u identifiers checked against the other groups in %.0f ms",
           g_hash_table_size (im->seen), (g_get_monotonic_time () - start) / 1000.0);

  return ok;
}

/* The deletions, children first, so that a parent deleted together with its children
 * takes nothing with it by surprise. What a deletion does take with it that the bundle
 * does not name (a workplan whose activities the bundle still lists, or never lists) is
 * counted by kind and needs --force. Called once every record is in: into a new group,
 * the bundle's identifiers are checked against the other groups' first. */
gboolean
_desk_import_apply_tombstones (Import *im)
{
  g_autoptr(GString) cascade = g_string_new (NULL);

  if (im->fresh && !check_identifiers_alone (im))
    return FALSE;

  g_array_sort (im->tombstones, compare_tombstones);
  for (guint i = 0; i < im->tombstones->len; i++)
    if (!apply_tombstone (im, &g_array_index (im->tombstones, Tombstone, i), cascade))
      return FALSE;
  g_array_set_size (im->tombstones, 0);

  if (cascade->len == 0)
    return TRUE;

  im->plan->cascade = g_strdup_printf (_("%s Import it only if the group really deleted "
                                         "all of them."), cascade->str);
  if (!im->force && !im->dry_run)
    return _desk_import_fail (im, "%s", im->plan->cascade);

  return TRUE;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = a;
  const Cell *y = b;
  int c = g_strcmp0 (x->pillar, y->pillar);

  return c != 0 ? c : g_strcmp0 (x->gender, y->gender);
}

gboolean
_desk_import_apply_counts (Import *im)
{
  const char *workshop = im->attr_uuid;
  g_autofree char *group = NULL;
  DeskImportCount *count;
  sqlite3_stmt *stmt;
  GArray *cells = im->cells;
  guint same = 0;
  guint existing = 0;
  int rc;

  count_read (im, "attendance_counts");
  if (im->store == NULL)
    return TRUE;

  count = _desk_import_plan_count (im, "attendance_counts");
  g_array_sort (cells, compare_cells);

  if (!_desk_import_query_text (im->store, "SELECT group_uuid FROM workshops WHERE uuid = ?1", workshop,
                   &group, NULL) ||
      g_strcmp0 (group, im->plan->group_uuid) != 0)
    return _desk_import_fail (im, _("%s has attendance counts for a workshop (%s) that is not in the "
                       "group."), im->path, workshop);

  /* A workshop whose participants we know one by one keeps them. */
  if (_desk_import_query_text (im->store, "SELECT workshop_uuid FROM attendance WHERE workshop_uuid = ?1",
                  workshop, NULL, NULL))
    {
      count->unchanged++;
      return TRUE;
    }

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);

      if ((!_desk_store_has_code (im->store, "pillars", c->pillar) &&
           g_strcmp0 (c->pillar, "not_stated") != 0) ||
          !_desk_store_has_code (im->store, "genders", c->gender))
        return _desk_import_fail (im, _("%s counts attendance under a pillar or gender Groupdesk does not "
                           "know (%s, %s)."), im->path, c->pillar, c->gender);
      if (i > 0 && compare_cells (c, &g_array_index (cells, Cell, i - 1)) == 0)
        return _desk_import_fail (im, _("%s counts the same pillar and gender twice for one workshop."),
                     im->path);
    }

  stmt = _desk_store_prepare (im->store,
                              "SELECT pillar, gender, count FROM workshop_counts "
                              "WHERE workshop_uuid = ?1 ORDER BY pillar, gender", &im->error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workshop, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (existing < cells->len)
        {
          Cell *c = &g_array_index (cells, Cell, existing);

          if (g_strcmp0 (c->pillar, (const char *) sqlite3_column_text (stmt, 0)) == 0 &&
              g_strcmp0 (c->gender, (const char *) sqlite3_column_text (stmt, 1)) == 0 &&
              c->count == sqlite3_column_int64 (stmt, 2))
            same++;
        }
      existing++;
    }
  sqlite3_reset (stmt);

  if (existing == cells->len && same == cells->len)
    {
      count->unchanged++;
      return TRUE;
    }

  stmt = _desk_store_prepare (im->store, "DELETE FROM workshop_counts WHERE workshop_uuid = ?1",
                              &im->error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, workshop, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  for (guint i = 0; rc == SQLITE_DONE && i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);

      stmt = _desk_store_prepare (im->store,
                                  "INSERT INTO workshop_counts (workshop_uuid, pillar, gender, count) "
                                  "VALUES (?1, ?2, ?3, ?4)", &im->error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, workshop, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, c->pillar, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, c->gender, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, c->count);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (im->store, rc, &im->error);
      return FALSE;
    }

  if (existing == 0)
    count->added++;
  else
    count->updated++;

  return TRUE;
}
