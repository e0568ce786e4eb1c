/* desk-bundle-import.c — reading bundles: checking them, and merging them into a database
 *
 * Bundles are untrusted input. Before the parser sees a byte, the file's size is bounded
 * and anything before the root element is checked (no DOCTYPE, so no entity is ever
 * declared, expanded or fetched); the parser runs without network, entity substitution,
 * DTD loading, XInclude or its "huge" limits, and validates against the schema as it
 * streams. The digest of the records element is compared with the manifest's before
 * anything is written.
 *
 * Records are applied as they stream past, in the schema's order (parents first), inside
 * one transaction, through desk_store_insert and desk_store_update so that core's
 * validation applies to every one; the record keeps the updated time it has in the
 * bundle, so that "newer wins" keeps working at the next import. Any failure rolls the
 * whole import back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-private.h"

#include <string.h>

#include "desk-backup.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* The deepest element of a valid bundle is a set item's text (bundle, records, record,
 * field, item, text). */
#define MAX_DEPTH 6

typedef enum
{
  SECTION_NONE,
  SECTION_MANIFEST,
  SECTION_RECORDS,
  SECTION_DONE,
} Section;

typedef struct
{
  const DeskKind *kind;
  char *uuid;
  char *field;
  char *value;
  char *updated;
} Deferred;

typedef struct
{
  char *pillar;
  char *gender;
  gint64 count;
} Cell;

typedef struct
{
  DeskStore *store;          /* NULL: only check the file */
  const char *path;
  gboolean force;
  gboolean dry_run;
  GPtrArray *reasons;
  DeskImportPlan *plan;

  Section section;
  GString *text;

  /* The manifest */
  char *format;
  char *content_sha256;
  char *file_sha256;
  char *computed_content_sha256;
  char *previous_uuid;
  char *lang;
  DeskPrivacy privacy;
  GHashTable *declared;      /* kind → count, as the manifest says */
  char *count_kind;
  gboolean started;          /* the transaction is open */
  gboolean stop;             /* already imported: nothing more to do */

  /* The record being read */
  const DeskKind *kind;
  const char *pseudo_kind;   /* "attendance_counts" or "tombstone" */
  DeskRecord *record;
  char *attr_uuid;
  char *attr_updated;
  char *attr_kind;
  char *attr_deleted;
  char *field;
  char *field_lang;
  GPtrArray *set;
  GArray *cells;

  const DeskKind *last_kind;
  GHashTable *seen;          /* UUIDs met so far */
  GHashTable *actual;        /* kind → count read */
  GPtrArray *deferred;
  GError *error;
} Import;

static void
deferred_free (gpointer data)
{
  Deferred *d = data;

  g_free (d->uuid);
  g_free (d->field);
  g_free (d->value);
  g_free (d->updated);
  g_free (d);
}

static void
cell_clear (gpointer data)
{
  Cell *c = data;

  g_free (c->pillar);
  g_free (c->gender);
}

void
desk_import_plan_free (DeskImportPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->bundle_uuid);
  g_free (plan->group_uuid);
  g_free (plan->group_code);
  g_free (plan->group_name);
  g_free (plan->period_start);
  g_free (plan->period_end);
  g_free (plan->privacy);
  g_free (plan->created);
  g_free (plan->refused);
  g_free (plan->backup_path);
  g_clear_pointer (&plan->counts, g_array_unref);
  g_free (plan);
}

guint
desk_import_plan_total (DeskImportPlan *plan,
                        guint           column)
{
  guint total = 0;

  for (guint i = 0; plan->counts != NULL && i < plan->counts->len; i++)
    {
      DeskImportCount *c = &g_array_index (plan->counts, DeskImportCount, i);
      guint values[] = { c->added, c->updated, c->deleted, c->unchanged };

      if (column < G_N_ELEMENTS (values))
        total += values[column];
    }

  return total;
}

static DeskImportCount *
plan_count (Import     *im,
            const char *kind)
{
  GArray *counts = im->plan->counts;
  DeskImportCount c = { NULL, 0, 0, 0, 0 };

  for (guint i = 0; i < counts->len; i++)
    if (g_str_equal (g_array_index (counts, DeskImportCount, i).kind, kind))
      return &g_array_index (counts, DeskImportCount, i);

  c.kind = g_intern_string (kind);
  g_array_append_val (counts, c);

  return &g_array_index (counts, DeskImportCount, counts->len - 1);
}

static gboolean
fail (Import     *im,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Import     *im,
      const char *format,
      ...)
{
  va_list args;

  if (im->error != NULL)
    return FALSE;

  va_start (args, format);
  im->error = g_error_new_valist (DESK_ERROR, DESK_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

/* The manifest */

static char *
reader_attr (xmlTextReaderPtr  r,
             const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (r, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

static char *
reader_lang (xmlTextReaderPtr r)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (r, BAD_CAST "lang",
                                                BAD_CAST "http://www.w3.org/XML/1998/namespace");
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

static gboolean
query_text (DeskStore   *store,
            const char  *sql,
            const char  *value,
            char       **out,
            gint64      *number)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      found = TRUE;
      if (out != NULL)
        *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (number != NULL)
        *number = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);

  return found;
}

/* Everything the manifest decides, before the first record: is this the file it claims
 * to be, was it imported before, is it older than what we have. */
static gboolean
manifest_done (Import *im)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *known_digest = NULL;
  gint64 last_sequence = 0;

  if (g_strcmp0 (im->format, "1") != 0)
    return fail (im, _("%s was written in bundle format %s, which this version of Groupdesk "
                       "cannot read. Update Groupdesk."), im->path, im->format);

  if (!desk_privacy_from_string (plan->privacy, &im->privacy))
    return fail (im, _("%s names no known privacy level."), im->path);

  if (im->computed_content_sha256 == NULL ||
      g_strcmp0 (im->computed_content_sha256, im->content_sha256) != 0)
    return fail (im, _("The records in %s do not match the digest in its manifest: the file "
                       "was damaged or changed after it was exported, so nothing was "
                       "imported. Ask the sender to export it again."), im->path);

  if (im->store == NULL)
    return TRUE;

  if (query_text (im->store, "SELECT content_sha256 FROM imported_bundles WHERE uuid = ?1",
                  plan->bundle_uuid, &known_digest, NULL))
    {
      if (!g_str_equal (known_digest, im->content_sha256))
        return fail (im, _("A different bundle with the same identifier (%s) was imported "
                           "before, so this one was refused. Ask the sender to export again."),
                     plan->bundle_uuid);
      plan->already_imported = TRUE;
      im->stop = TRUE;
      return TRUE;
    }

  if (query_text (im->store,
                  "SELECT max (sequence) FROM imported_bundles WHERE group_uuid = ?1",
                  plan->group_uuid, NULL, &last_sequence) &&
      plan->sequence <= last_sequence)
    plan->refused = g_strdup_printf (_("This is bundle number %lld of the group "
                                       "%s, but number %lld was already "
                                       "imported, so it is not newer than what the database "
                                       "holds. Import it anyway only if you mean to "
                                       "go back to it."),
                                     (long long) plan->sequence, plan->group_code,
                                     (long long) last_sequence);

  if (plan->refused != NULL && !im->force && !im->dry_run)
    return fail (im, "%s", plan->refused);

  if (!im->dry_run && desk_store_get_path (im->store) != NULL)
    {
      GError *local_error = NULL;

      plan->backup_path = desk_backup_before (im->store, DESK_BACKUP_BEFORE_IMPORT, &local_error);
      if (plan->backup_path == NULL)
        {
          im->error = local_error;
          g_prefix_error (&im->error, _("Nothing was imported, because the backup before "
                                        "the import failed. "));
          return FALSE;
        }
    }

  if (!desk_store_begin (im->store, &im->error))
    return FALSE;
  im->started = TRUE;

  return TRUE;
}

static void
manifest_start (Import           *im,
                xmlTextReaderPtr  r,
                int               depth,
                const char       *name)
{
  DeskImportPlan *plan = im->plan;

  if (depth == 2 && g_str_equal (name, "group"))
    {
      plan->group_uuid = reader_attr (r, "uuid");
      plan->group_code = reader_attr (r, "code");
    }
  else if (depth == 2 && g_str_equal (name, "period"))
    {
      plan->period_start = reader_attr (r, "start");
      plan->period_end = reader_attr (r, "end");
    }
  else if (depth == 2 && g_str_equal (name, "previous"))
    im->previous_uuid = reader_attr (r, "uuid");
  else if (depth == 3 && g_str_equal (name, "name"))
    {
      g_free (im->lang);
      im->lang = reader_lang (r);
    }
  else if (depth == 3 && g_str_equal (name, "count"))
    {
      g_free (im->count_kind);
      im->count_kind = reader_attr (r, "kind");
    }
}

static void
manifest_end (Import     *im,
              int         depth,
              const char *name)
{
  DeskImportPlan *plan = im->plan;
  const char *text = im->text->str;

  if (depth == 2)
    {
      if (g_str_equal (name, "bundle_uuid"))
        plan->bundle_uuid = g_strdup (text);
      else if (g_str_equal (name, "sequence"))
        plan->sequence = g_ascii_strtoll (text, NULL, 10);
      else if (g_str_equal (name, "created"))
        plan->created = g_strdup (text);
      else if (g_str_equal (name, "privacy"))
        plan->privacy = g_strdup (text);
      else if (g_str_equal (name, "content_sha256"))
        im->content_sha256 = g_strdup (text);
    }
  else if (depth == 3 && g_str_equal (name, "name"))
    {
      /* The name in English if there is one, else in Chinese. */
      if (plan->group_name == NULL || g_strcmp0 (im->lang, "en") == 0)
        {
          g_free (plan->group_name);
          plan->group_name = g_strdup (text);
        }
    }
  else if (depth == 3 && g_str_equal (name, "count") && im->count_kind != NULL)
    g_hash_table_insert (im->declared, g_strdup (im->count_kind),
                         GINT_TO_POINTER ((int) g_ascii_strtoll (text, NULL, 10)));
}

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

static gboolean
apply_deferred (Import *im)
{
  for (guint i = 0; im->deferred != NULL && i < im->deferred->len; i++)
    {
      Deferred *d = g_ptr_array_index (im->deferred, i);
      g_autoptr(DeskRecord) record = desk_store_get (im->store, d->kind, d->uuid, &im->error);

      if (record == NULL)
        return FALSE;
      desk_record_set_string (record, d->field, d->value);
      if (!desk_store_update (im->store, record, &im->error) ||
          !keep_updated (im, d->kind, d->uuid, d->updated))
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
    return fail (im, _("A record in %s has no identifier."), im->path);

  if (g_hash_table_contains (im->seen, uuid))
    return fail (im, _("The identifier %s appears twice in %s. Each record may appear only "
                       "once: ask the sender to export again."), uuid, im->path);
  g_hash_table_add (im->seen, g_strdup (uuid));

  return TRUE;
}

static gboolean
apply_record (Import *im)
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
    return fail (im, _("The group record of %s is not the group its manifest names."),
                 im->path);

  if (im->store == NULL)
    return TRUE;

  count = plan_count (im, kind->name);
  if (kind != DESK_KIND_GROUP)
    desk_record_set_group (record, im->plan->group_uuid);

  exists = local_state (im, kind, uuid, &local_updated, &local_group);
  if (exists && g_strcmp0 (local_group, im->plan->group_uuid) != 0)
    return fail (im, _("The %s %s of the bundle belongs to another group in this database, so "
                       "nothing was imported."), _(kind->label), uuid);

  /* Deleted here after the bundle's version was written: it stays deleted. */
  if (!exists && query_text (im->store, "SELECT deleted FROM tombstones WHERE uuid = ?1", uuid,
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

  if (!(exists ? desk_store_update (im->store, record, &im->error)
               : desk_store_insert (im->store, record, &im->error)) ||
      !keep_updated (im, kind, uuid, updated))
    {
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

static gboolean
apply_tombstone (Import *im)
{
  const DeskKind *kind = desk_kind_lookup (im->attr_kind);
  g_autofree char *local_updated = NULL;
  g_autofree char *local_group = NULL;
  DeskImportCount *count;
  sqlite3_stmt *stmt;
  gboolean is_bundle_kind = FALSE;
  int rc;

  for (guint i = 1; _desk_bundle_kinds[i] != NULL; i++)
    is_bundle_kind |= _desk_bundle_kinds[i] == kind;
  if (!is_bundle_kind)
    return fail (im, _("%s records the deletion of a “%s”, which bundles do not carry."),
                 im->path, im->attr_kind);

  if (!check_uuid_once (im, im->attr_uuid))
    return FALSE;
  count_read (im, "tombstone");
  if (im->store == NULL)
    return TRUE;

  count = plan_count (im, kind->name);

  if (local_state (im, kind, im->attr_uuid, &local_updated, &local_group))
    {
      if (g_strcmp0 (local_group, im->plan->group_uuid) != 0)
        return fail (im, _("The %s %s of the bundle belongs to another group in this database, "
                           "so nothing was imported."), _(kind->label), im->attr_uuid);
      /* Changed here after it was deleted there: ours stays. */
      if (g_strcmp0 (local_updated, im->attr_deleted) > 0)
        {
          count->unchanged++;
          return TRUE;
        }
      if (!desk_store_delete (im->store, kind, im->attr_uuid, &im->error))
        return FALSE;
      count->deleted++;
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
  sqlite3_bind_text (stmt, 1, im->attr_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, im->plan->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, im->attr_deleted, -1, SQLITE_TRANSIENT);
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
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = a;
  const Cell *y = b;
  int c = g_strcmp0 (x->pillar, y->pillar);

  return c != 0 ? c : g_strcmp0 (x->gender, y->gender);
}

static gboolean
apply_counts (Import *im)
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

  count = plan_count (im, "attendance_counts");
  g_array_sort (cells, compare_cells);

  if (!query_text (im->store, "SELECT group_uuid FROM workshops WHERE uuid = ?1", workshop,
                   &group, NULL) ||
      g_strcmp0 (group, im->plan->group_uuid) != 0)
    return fail (im, _("%s has attendance counts for a workshop (%s) that is not in the "
                       "group."), im->path, workshop);

  /* A workshop whose participants we know one by one keeps them. */
  if (query_text (im->store, "SELECT workshop_uuid FROM attendance WHERE workshop_uuid = ?1",
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
        return fail (im, _("%s counts attendance under a pillar or gender Groupdesk does not "
                           "know (%s, %s)."), im->path, c->pillar, c->gender);
      if (i > 0 && compare_cells (c, &g_array_index (cells, Cell, i - 1)) == 0)
        return fail (im, _("%s counts the same pillar and gender twice for one workshop."),
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

static const DeskField *
field_for (const DeskKind *kind,
           const char     *name,
           const char     *lang,
           int            *index)
{
  g_autofree char *full = NULL;

  if (lang != NULL)
    {
      if (!g_str_equal (lang, "en") && !g_str_equal (lang, "zh"))
        return NULL;
      full = g_strconcat (name, "_", lang, NULL);
      name = full;
    }

  *index = desk_kind_field_index (kind, name);
  if (*index < 0)
    return NULL;
  /* A narrative half needs its language, and only it has one. */
  if (((kind->fields[*index].flags & DESK_FIELD_NARRATIVE) != 0) != (lang != NULL))
    return NULL;

  return &kind->fields[*index];
}

static gboolean
set_field (Import *im)
{
  const DeskKind *kind = im->kind;
  const DeskField *f;
  const char *text = im->text->str;
  gint64 value;
  int index;

  f = field_for (kind, im->field, im->field_lang, &index);
  if (f == NULL)
    return fail (im, _("%s has a field “%s” that a %s does not have."), im->path, im->field,
                 _(kind->label));

  if (desk_record_index_is_set (im->record, index))
    return fail (im, _("%s gives the field “%s” of the %s %s twice."), im->path, im->field,
                 _(kind->label), desk_record_get_uuid (im->record));

  switch (f->type)
    {
    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      g_ptr_array_add (im->set, NULL);
      desk_record_index_set_set (im->record, index, (const char *const *) im->set->pdata);
      g_ptr_array_set_size (im->set, 0);
      break;

    case DESK_FIELD_INT:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return fail (im, _("%s holds “%s” where a whole number belongs."), im->path, text);
      desk_record_index_set_int (im->record, index, value);
      break;

    case DESK_FIELD_BOOL:
      desk_record_index_set_int (im->record, index,
                                 g_str_equal (text, "true") || g_str_equal (text, "1"));
      break;

    case DESK_FIELD_TEXT:
    case DESK_FIELD_DATE:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
    case DESK_FIELD_REF:
    default:
      desk_record_index_set_string (im->record, index, text);
      break;
    }

  return TRUE;
}

static const DeskKind *
bundle_kind (const char *name)
{
  for (guint i = 0; _desk_bundle_kinds[i] != NULL; i++)
    if (g_str_equal (_desk_bundle_kinds[i]->name, name))
      return _desk_bundle_kinds[i];

  return NULL;
}

static void
clear_record (Import *im)
{
  g_clear_object (&im->record);
  g_clear_pointer (&im->attr_uuid, g_free);
  g_clear_pointer (&im->attr_updated, g_free);
  g_clear_pointer (&im->attr_kind, g_free);
  g_clear_pointer (&im->attr_deleted, g_free);
  g_array_set_size (im->cells, 0);
  im->kind = NULL;
  im->pseudo_kind = NULL;
}

static gboolean
records_start (Import           *im,
               xmlTextReaderPtr  r,
               int               depth,
               const char       *name)
{
  if (depth == 2)
    {
      clear_record (im);
      im->attr_uuid = reader_attr (r, "uuid");
      im->kind = bundle_kind (name);

      if (im->kind != NULL)
        {
          im->record = desk_record_new (im->kind);
          desk_record_set_uuid (im->record, im->attr_uuid);
          im->attr_updated = reader_attr (r, "updated");
          desk_record_set_updated (im->record, im->attr_updated);
        }
      else if (g_str_equal (name, "tombstone"))
        {
          im->pseudo_kind = "tombstone";
          im->attr_kind = reader_attr (r, "kind");
          im->attr_deleted = reader_attr (r, "deleted");
        }
      else if (g_str_equal (name, "attendance_counts"))
        {
          im->pseudo_kind = "attendance_counts";
          g_free (im->attr_uuid);
          im->attr_uuid = reader_attr (r, "workshop_uuid");
        }
      else
        return fail (im, _("%s holds a “%s”, which is not a kind of record."), im->path, name);

      /* A kind is complete when the next one starts. */
      if (im->kind != im->last_kind && im->store != NULL && !apply_deferred (im))
        return FALSE;
      im->last_kind = im->kind;
    }
  else if (depth == 3 && im->kind != NULL)
    {
      g_free (im->field);
      g_free (im->field_lang);
      im->field = g_strdup (name);
      im->field_lang = reader_lang (r);
      g_ptr_array_set_size (im->set, 0);
    }
  else if (depth == 3 && g_strcmp0 (im->pseudo_kind, "attendance_counts") == 0)
    {
      Cell cell = { reader_attr (r, "pillar"), reader_attr (r, "gender"), 0 };
      g_autofree char *n = reader_attr (r, "count");

      cell.count = n != NULL ? g_ascii_strtoll (n, NULL, 10) : 0;
      g_array_append_val (im->cells, cell);
    }

  return TRUE;
}

static gboolean
records_end (Import *im,
             int     depth)
{
  if (depth == 4 && im->kind != NULL)
    g_ptr_array_add (im->set, g_strdup (im->text->str));
  else if (depth == 3 && im->kind != NULL)
    return set_field (im);
  else if (depth == 2)
    {
      if (im->kind != NULL)
        return apply_record (im);
      if (g_strcmp0 (im->pseudo_kind, "tombstone") == 0)
        return apply_tombstone (im);
      if (g_strcmp0 (im->pseudo_kind, "attendance_counts") == 0)
        return apply_counts (im);
    }
  else if (depth == 1)
    {
      if (im->store != NULL && !apply_deferred (im))
        return FALSE;
      im->section = SECTION_DONE;
    }

  return TRUE;
}

static gboolean
element_start (Import           *im,
               xmlTextReaderPtr  r,
               int               depth,
               const char       *name)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (r);

  g_string_truncate (im->text, 0);

  if (depth == 0)
    {
      if (g_strcmp0 (ns, DESK_BUNDLE_NAMESPACE) != 0)
        {
          if (ns != NULL && g_str_has_prefix (ns, "urn:voluntaryprinciples:groupdesk:bundle:"))
            return fail (im, _("%s is a bundle of a newer format (%s) than this version of "
                               "Groupdesk reads. Update Groupdesk."), im->path, ns);
          return fail (im, _("%s is not a Groupdesk bundle: its root element is not in the "
                             "bundle namespace."), im->path);
        }
      im->format = reader_attr (r, "format");
      return TRUE;
    }

  if (depth == 1)
    {
      if (g_str_equal (name, "manifest"))
        im->section = SECTION_MANIFEST;
      else if (g_str_equal (name, "records"))
        {
          if (im->section != SECTION_MANIFEST || !manifest_done (im))
            return fail (im, _("%s has no manifest before its records."), im->path);
          im->section = SECTION_RECORDS;
        }
      return TRUE;
    }

  if (im->section == SECTION_MANIFEST)
    manifest_start (im, r, depth, name);
  else if (im->section == SECTION_RECORDS)
    return records_start (im, r, depth, name);

  return TRUE;
}

static gboolean
element_end (Import     *im,
             int         depth,
             const char *name)
{
  if (im->section == SECTION_MANIFEST && depth >= 2)
    manifest_end (im, depth, name);
  else if (im->section == SECTION_RECORDS)
    return records_end (im, depth);

  return TRUE;
}

/* Reads the whole file, applying what it holds when im->store is set. */
static gboolean
run (Import  *im,
     GError **error)
{
  xmlSchemaValidCtxtPtr vctxt = NULL;
  xmlStructuredErrorFunc old_handler;
  void *old_context;
  xmlTextReaderPtr r;
  int rc;

  if (!_desk_bundle_digest_file (im->path, &im->file_sha256, &im->computed_content_sha256,
                                 error))
    return FALSE;

  /* Parser errors reach us through the thread's handler (see _desk_bundle_open_reader). */
  old_handler = xmlStructuredError;
  old_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (im->reasons, _desk_bundle_collect_error);
  r = _desk_bundle_open_reader (im->path, im->reasons, &vctxt, error);
  if (r == NULL)
    {
      xmlSetStructuredErrorFunc (old_context, old_handler);
      if (error != NULL && *error == NULL)
        _desk_bundle_set_invalid_error (error, im->path, im->reasons);
      return FALSE;
    }

  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      int depth = xmlTextReaderDepth (r);
      const char *name = (const char *) xmlTextReaderConstLocalName (r);

      /* The root's namespace first: a newer format deserves a better word than the
       * schema's complaint. */
      if (depth == 0 && type == XML_READER_TYPE_ELEMENT && im->reasons->len > 0 &&
          !element_start (im, r, depth, name))
        {
          g_ptr_array_set_size (im->reasons, 0);
          break;
        }
      if (im->reasons->len > 0 || im->error != NULL || im->stop)
        break;

      if (depth > MAX_DEPTH)
        {
          fail (im, _("%s is nested deeper than any bundle."), im->path);
          break;
        }

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (element_start (im, r, depth, name) && xmlTextReaderIsEmptyElement (r))
            element_end (im, depth, name);
          break;

        case XML_READER_TYPE_END_ELEMENT:
          element_end (im, depth, name);
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
          g_string_append (im->text, (const char *) xmlTextReaderConstValue (r));
          break;

        default:
          break;
        }
    }

  if (rc == 0 && im->reasons->len == 0 && im->error == NULL && !im->stop &&
      xmlTextReaderIsValid (r) != 1)
    g_ptr_array_add (im->reasons, g_strdup (_("The file does not follow the bundle schema.")));
  xmlFreeTextReader (r);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlSetStructuredErrorFunc (old_context, old_handler);

  if (im->stop)
    return TRUE;

  if (im->reasons->len > 0 || (rc < 0 && im->error == NULL))
    {
      if (im->reasons->len == 0)
        g_ptr_array_add (im->reasons, g_strdup (_("The file is not well-formed XML.")));
      g_clear_error (&im->error);
      _desk_bundle_set_invalid_error (error, im->path, im->reasons);
      return FALSE;
    }

  if (im->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im->error));
      return FALSE;
    }

  if (im->section != SECTION_DONE)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s ends before its records do: the file is incomplete. Ask the sender "
                     "for the whole file."), im->path);
      return FALSE;
    }

  /* The manifest's counts must be what the file holds. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, im->declared);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (GPOINTER_TO_INT (g_hash_table_lookup (im->actual, key)) !=
          GPOINTER_TO_INT (value))
        {
          int declared = GPOINTER_TO_INT (value);

          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s says it holds %d record of the kind “%s” but holds "
                                    "%d: the file is incomplete or was changed. Ask the "
                                    "sender to export it again.",
                                    "%s says it holds %d records of the kind “%s” but holds "
                                    "%d: the file is incomplete or was changed. Ask the "
                                    "sender to export it again.", declared),
                       im->path, declared, (const char *) key,
                       GPOINTER_TO_INT (g_hash_table_lookup (im->actual, key)));
          return FALSE;
        }
  }

  return TRUE;
}

static void
import_init (Import         *im,
             DeskStore      *store,
             const char     *path,
             gboolean        force,
             gboolean        dry_run)
{
  memset (im, 0, sizeof *im);
  im->store = store;
  im->path = path;
  im->force = force;
  im->dry_run = dry_run;
  im->reasons = g_ptr_array_new_with_free_func (g_free);
  im->plan = g_new0 (DeskImportPlan, 1);
  im->plan->counts = g_array_new (FALSE, TRUE, sizeof (DeskImportCount));
  im->text = g_string_new (NULL);
  im->declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->actual = g_hash_table_new (g_str_hash, g_str_equal);
  im->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->deferred = g_ptr_array_new_with_free_func (deferred_free);
  im->set = g_ptr_array_new_with_free_func (g_free);
  im->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (im->cells, cell_clear);
}

static void
import_clear (Import *im)
{
  clear_record (im);
  if (im->started)
    desk_store_rollback (im->store);
  g_ptr_array_unref (im->reasons);
  desk_import_plan_free (im->plan);
  g_string_free (im->text, TRUE);
  g_free (im->format);
  g_free (im->content_sha256);
  g_free (im->file_sha256);
  g_free (im->computed_content_sha256);
  g_free (im->previous_uuid);
  g_free (im->lang);
  g_free (im->count_kind);
  g_free (im->field);
  g_free (im->field_lang);
  g_hash_table_unref (im->declared);
  g_hash_table_unref (im->actual);
  g_hash_table_unref (im->seen);
  g_ptr_array_unref (im->deferred);
  g_ptr_array_unref (im->set);
  g_array_unref (im->cells);
  g_clear_error (&im->error);
}

gboolean
desk_bundle_validate_file (const char  *path,
                           GPtrArray  **reasons,
                           GError     **error)
{
  Import im;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  import_init (&im, NULL, path, FALSE, TRUE);
  ok = run (&im, error);
  if (reasons != NULL)
    *reasons = g_ptr_array_ref (im.reasons);
  import_clear (&im);

  return ok;
}

static char *
plan_counts_json (DeskImportPlan *plan)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < plan->counts->len; i++)
    {
      DeskImportCount *c = &g_array_index (plan->counts, DeskImportCount, i);

      g_string_append_printf (s, "%s\"%s\": [%u, %u, %u, %u]", i > 0 ? ", " : "", c->kind,
                              c->added, c->updated, c->deleted, c->unchanged);
    }
  g_string_append (s, "}");

  return g_string_free (s, FALSE);
}

static gboolean
record_import (Import  *im,
               GError **error)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *now = desk_store_dup_timestamp (im->store);
  g_autofree char *counts = plan_counts_json (plan);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (im->store,
                              "INSERT INTO imported_bundles (uuid, group_uuid, sequence, "
                              "period_start, period_end, privacy, previous_uuid, content_sha256, "
                              "file_sha256, created, imported, file, counts) VALUES (?1, ?2, ?3, "
                              "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan->bundle_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, plan->sequence);
  sqlite3_bind_text (stmt, 4, plan->period_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, plan->period_end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, plan->privacy, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, im->previous_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, im->content_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, im->file_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, plan->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, im->path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, counts, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (im->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

DeskImportPlan *
desk_bundle_import (DeskStore   *store,
                    const char  *path,
                    gboolean     force,
                    gboolean     dry_run,
                    GError     **error)
{
  DeskImportPlan *plan;
  Import im;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  import_init (&im, store, path, force, dry_run);

  if (!run (&im, error))
    {
      import_clear (&im);
      return NULL;
    }

  if (im.started)
    {
      if (!record_import (&im, error))
        {
          import_clear (&im);
          return NULL;
        }
      im.started = FALSE;
      if (dry_run)
        desk_store_rollback (store);
      else if (!desk_store_commit (store, error))
        {
          import_clear (&im);
          return NULL;
        }
    }

  plan = g_steal_pointer (&im.plan);
  import_clear (&im);

  return plan;
}

DeskImportPlan *
desk_bundle_read_plan (DeskStore   *store,
                       const char  *path,
                       gboolean     force,
                       GError     **error)
{
  return desk_bundle_import (store, path, force, TRUE, error);
}
