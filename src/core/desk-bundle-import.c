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
#include "desk-reference.h"
#include "desk-store-private.h"

/* The deepest element of a valid bundle is a set item's text (bundle, records, record,
 * field, item, text). */
#define MAX_DEPTH 6

/* A group that exported a bundle every day for a thousand years would reach 365,250;
 * no count of one kind in a bundle can be larger than the records a 512 MB file holds. */
#define MAX_SEQUENCE G_GINT64_CONSTANT (1000000)
#define MAX_DECLARED_COUNT G_GINT64_CONSTANT (100000000)

/* How far a record's time may be after its bundle's export time, and the export time
 * after this computer's: clocks of two laptops disagree by minutes, not by a day. */
#define CLOCK_SKEW_SECONDS (24 * 60 * 60)

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
  const DeskKind *kind;
  char *uuid;
  char *deleted;
  guint order;               /* the kind's place in the bundle */
} Tombstone;

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
  char *previous_sha256;
  char *lang;
  GMappedFile *mapped;
  char *latest;              /* the latest time a record may carry: created + skew */
  char *unique_sql;          /* see other_kind_with */
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
  GArray *tombstones;        /* Tombstone: applied together once every record is in */
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
tombstone_clear (gpointer data)
{
  Tombstone *t = data;

  g_free (t->uuid);
  g_free (t->deleted);
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
  g_free (plan->cascade);
  g_free (plan->gap);
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
      guint values[] = { c->added, c->updated, c->deleted, c->unchanged, c->cascaded };

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
  DeskImportCount c = { NULL, 0, 0, 0, 0, 0 };

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

/* XML Schema's whiteSpace="collapse" for the types that have it (xs:long, xs:boolean,
 * xs:date, xs:dateTime): the schema accepts " 12 ", so the reader must read 12. */
static char *
collapse (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          space = s->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_c (s, *p);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Identifiers are compared as Groupdesk writes them, in lower case: the schema allows
 * A–F, and "ABC…" must not become a second record beside "abc…". */
static char *
canonical_uuid (char *uuid)
{
  if (uuid != NULL)
    for (char *p = uuid; *p != '\0'; p++)
      *p = g_ascii_tolower (*p);

  return uuid;
}

static char *
reader_uuid (xmlTextReaderPtr  r,
             const char       *name)
{
  return canonical_uuid (reader_attr (r, name));
}

/* A timestamp @seconds after @timestamp ("2026-07-01T09:00:00Z"), or NULL. */
static char *
timestamp_after (const char *timestamp,
                 gint64      seconds)
{
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (timestamp == NULL)
    return NULL;
  t = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (t == NULL)
    return NULL;
  later = g_date_time_add_seconds (t, (gdouble) seconds);

  return later != NULL ? g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ") : NULL;
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

/* The bundle of @group held at @sequence (exported here or imported): its identifier
 * and the SHA-256 of its file. */
static gboolean
held_bundle (DeskStore  *store,
             const char *group,
             gint64      sequence,
             char      **uuid,
             char      **sha256)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT uuid, sha256 FROM exports"
                                            " WHERE group_uuid = ?1 AND sequence = ?2"
                                            " UNION ALL"
                                            " SELECT uuid, file_sha256 FROM imported_bundles"
                                            " WHERE group_uuid = ?1 AND sequence = ?2"
                                            " LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sequence);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return found;
}

/* "2, 3, 5–9": the numbers below @sequence of which no bundle of @group is held. */
static char *
missing_numbers (DeskStore  *store,
                 const char *group,
                 gint64      sequence)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT sequence FROM exports WHERE group_uuid = ?1"
                                            " AND sequence < ?2 UNION"
                                            " SELECT sequence FROM imported_bundles"
                                            " WHERE group_uuid = ?1 AND sequence < ?2"
                                            " ORDER BY 1", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  gint64 next = 1;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sequence);
  for (;;)
    {
      gboolean row = sqlite3_step (stmt) == SQLITE_ROW;
      gint64 held = row ? sqlite3_column_int64 (stmt, 0) : sequence;

      if (held > next)
        {
          if (s->len > 0)
            g_string_append (s, ", ");
          if (held - 1 == next)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, next);
          else
            g_string_append_printf (s, "%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, next, held - 1);
        }
      next = held + 1;
      if (!row)
        break;
    }
  sqlite3_reset (stmt);

  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* Where the bundle stands in its group's chain. A bundle whose "previous" is not the
 * one held at the number before it, or whose own number is held with other content, is
 * a fork: two different histories of one group. One whose predecessor was simply never
 * received leaves a gap, which is said but not refused: every bundle is a whole
 * snapshot of its group. */
static void
check_chain (Import *im)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *held_uuid = NULL;
  g_autofree char *held_sha256 = NULL;
  g_autofree char *before_uuid = NULL;
  g_autofree char *before_sha256 = NULL;
  gint64 last_sequence = 0;

  if (held_bundle (im->store, plan->group_uuid, plan->sequence, &held_uuid, &held_sha256))
    {
      plan->refused = g_strdup_printf (_("Bundle number %lld of the group %s was already "
                                         "received with other content, so this one is a "
                                         "fork: two different histories of the group. "
                                         "Ask the group which one is right; import this one "
                                         "only if it is."),
                                       (long long) plan->sequence, plan->group_code);
      return;
    }

  if (query_text (im->store,
                  "SELECT max (sequence) FROM (SELECT sequence FROM imported_bundles"
                  " WHERE group_uuid = ?1 UNION ALL SELECT sequence FROM exports"
                  " WHERE group_uuid = ?1)",
                  plan->group_uuid, NULL, &last_sequence) &&
      plan->sequence <= last_sequence)
    {
      plan->refused = g_strdup_printf (_("This is bundle number %lld of the group "
                                         "%s, but number %lld was already "
                                         "imported, so it is not newer than what the database "
                                         "holds. Import it anyway only if you mean to "
                                         "go back to it."),
                                       (long long) plan->sequence, plan->group_code,
                                       (long long) last_sequence);
      return;
    }

  if (plan->sequence > 1 &&
      held_bundle (im->store, plan->group_uuid, plan->sequence - 1, &before_uuid, &before_sha256))
    {
      if (g_strcmp0 (im->previous_uuid, before_uuid) != 0 ||
          (im->previous_sha256 != NULL && g_strcmp0 (im->previous_sha256, before_sha256) != 0))
        plan->refused = g_strdup_printf (_("Bundle number %lld of the group %s does not "
                                           "follow the bundle number %lld this database "
                                           "holds: it is a fork, two different histories of "
                                           "the group. Ask the group which one is right; "
                                           "import this one only if it is."),
                                         (long long) plan->sequence, plan->group_code,
                                         (long long) plan->sequence - 1);
      return;
    }

  if (plan->sequence == 1 && im->previous_uuid != NULL)
    {
      plan->refused = g_strdup_printf (_("%s says it is the first bundle of the group %s but "
                                         "names one before it. Ask the sender to export it "
                                         "again."), im->path, plan->group_code);
      return;
    }

  if (plan->sequence > 1)
    {
      g_autofree char *missing = missing_numbers (im->store, plan->group_uuid, plan->sequence);

      if (missing != NULL)
        plan->gap = g_strdup_printf (_("The bundles of the group %s numbered %s were never "
                                       "received here. This one holds the whole group, so "
                                       "nothing is lost; ask the group for them if you need "
                                       "their history."), plan->group_code, missing);
    }
}

/* Everything the manifest decides, before the first record: is this the file it claims
 * to be, was it imported before, where it stands in its group's chain. */
static gboolean
manifest_done (Import     *im,
               const char *records_qname)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *known_digest = NULL;
  g_autofree char *now = NULL;
  g_autofree char *now_latest = NULL;

  if (im->error != NULL)
    return FALSE;

  if (g_strcmp0 (im->format, "1") != 0)
    return fail (im, _("%s was written in bundle format %s, which this version of Groupdesk "
                       "cannot read. Update Groupdesk."), im->path, im->format);

  if (!desk_privacy_from_string (plan->privacy, &im->privacy))
    return fail (im, _("%s names no known privacy level."), im->path);

  im->computed_content_sha256 = _desk_bundle_content_digest (im->mapped, records_qname);
  if (im->computed_content_sha256 == NULL ||
      g_strcmp0 (im->computed_content_sha256, im->content_sha256) != 0)
    return fail (im, _("The records in %s do not match the digest in its manifest: the file "
                       "was damaged or changed after it was exported, so nothing was "
                       "imported. Ask the sender to export it again."), im->path);

  if (im->store == NULL)
    return TRUE;

  /* Every time in the bundle must be before its export, and the export before now. */
  now = desk_store_dup_timestamp (im->store);
  now_latest = timestamp_after (now, CLOCK_SKEW_SECONDS);
  im->latest = timestamp_after (plan->created, CLOCK_SKEW_SECONDS);
  if (im->latest == NULL)
    return fail (im, _("%s does not say when it was exported. Ask the sender to export it "
                       "again."), im->path);
  if (now_latest != NULL && g_strcmp0 (plan->created, now_latest) > 0)
    return fail (im, _("%s says it was exported on %s, later than this computer's clock "
                       "(%s). Check the date and time of this computer and of the one that "
                       "exported it, then export again."), im->path, plan->created, now);

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

  check_chain (im);

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

  /* Asked again inside the transaction: another Groupdesk may have imported the same
   * bundle, or the one before it, while we were waiting for the write lock. */
  g_clear_pointer (&known_digest, g_free);
  if (query_text (im->store, "SELECT content_sha256 FROM imported_bundles WHERE uuid = ?1",
                  plan->bundle_uuid, &known_digest, NULL))
    {
      plan->already_imported = TRUE;
      im->stop = TRUE;
      return TRUE;
    }
  if (plan->refused == NULL)
    {
      g_clear_pointer (&plan->gap, g_free);
      check_chain (im);
      if (plan->refused != NULL && !im->force && !im->dry_run)
        return fail (im, "%s", plan->refused);
    }

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
      plan->group_uuid = reader_uuid (r, "uuid");
      plan->group_code = reader_attr (r, "code");
    }
  else if (depth == 2 && g_str_equal (name, "period"))
    {
      plan->period_start = reader_attr (r, "start");
      plan->period_end = reader_attr (r, "end");
    }
  else if (depth == 2 && g_str_equal (name, "previous"))
    {
      g_free (im->previous_uuid);
      g_free (im->previous_sha256);
      im->previous_uuid = reader_uuid (r, "uuid");
      im->previous_sha256 = reader_attr (r, "sha256");
    }
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
  g_autofree char *collapsed = collapse (text);

  if (depth == 2)
    {
      if (g_str_equal (name, "bundle_uuid"))
        plan->bundle_uuid = canonical_uuid (g_strdup (text));
      else if (g_str_equal (name, "sequence"))
        {
          if (!g_ascii_string_to_signed (collapsed, 10, 1, MAX_SEQUENCE, &plan->sequence, NULL))
            fail (im, _("%s carries the bundle number “%s”; a bundle number is a whole number "
                        "from 1 to 1,000,000. Ask the sender to export it again."),
                  im->path, collapsed);
        }
      else if (g_str_equal (name, "created"))
        plan->created = g_strdup (collapsed);
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
    {
      gint64 declared = 0;

      if (!g_ascii_string_to_signed (collapsed, 10, 0, MAX_DECLARED_COUNT, &declared, NULL))
        fail (im, _("%s says it holds “%s” records of the kind “%s”, more than any bundle "
                    "can. Ask the sender to export it again."), im->path, collapsed,
              im->count_kind);
      else
        g_hash_table_insert (im->declared, g_strdup (im->count_kind),
                             GINT_TO_POINTER ((int) declared));
    }
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

      for (guint i = 0; _desk_bundle_kinds[i] != NULL; i++)
        g_string_append_printf (sql, "SELECT '%s' FROM %s WHERE uuid = ?1 UNION ALL ",
                                _desk_bundle_kinds[i]->name, _desk_bundle_kinds[i]->table);
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

  return fail (im, _("The %s %s in %s has the identifier of a %s this database already "
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

  return fail (im, _("The %s %s in %s was changed on %s, after the bundle was exported "
                     "(%s). A time in the future would hide every later correction, so "
                     "nothing was imported. Check the date and time of the computer that "
                     "exported it, then export again."), _(kind->label), uuid, im->path,
               time, im->plan->created);
}

/* Every record a record refers to belongs to the bundle's group: a bundle must never
 * add to, or hang its records on, another group's. */
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

          if (local_state (im, target, values[j], &updated, &group) &&
              g_strcmp0 (group, im->plan->group_uuid) != 0)
            return fail (im, _("The %s %s in %s refers to a %s of another group in this "
                               "database (%s), so nothing was imported. A bundle may only "
                               "change its own group."), _(kind->label),
                         desk_record_get_uuid (record), im->path, _(target->label), values[j]);
        }
    }

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

  if (!check_time (im, kind, uuid, updated))
    return FALSE;

  count = plan_count (im, kind->name);
  if (kind != DESK_KIND_GROUP)
    desk_record_set_group (record, im->plan->group_uuid);

  exists = local_state (im, kind, uuid, &local_updated, &local_group);
  if (exists && g_strcmp0 (local_group, im->plan->group_uuid) != 0)
    return fail (im, _("The %s %s of the bundle belongs to another group in this database, so "
                       "nothing was imported."), _(kind->label), uuid);
  if (!exists && !check_unique_uuid (im, kind, uuid))
    return FALSE;
  if (!check_references (im, kind, record))
    return FALSE;

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

/* A deletion is checked as it is read and applied once every record is in (see
 * apply_tombstones). */
static gboolean
read_tombstone (Import *im)
{
  const DeskKind *kind = desk_kind_lookup (im->attr_kind);
  Tombstone t = { NULL, NULL, NULL, 0 };
  gboolean is_bundle_kind = FALSE;

  for (guint i = 1; _desk_bundle_kinds[i] != NULL; i++)
    if (_desk_bundle_kinds[i] == kind)
      {
        is_bundle_kind = TRUE;
        t.order = i;
      }
  if (!is_bundle_kind)
    return fail (im, _("%s records the deletion of a “%s”, which bundles do not carry."),
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
      plan_count (im, kind->name)->cascaded += n;
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
  DeskImportCount *count = plan_count (im, kind->name);
  sqlite3_stmt *stmt;
  int rc;

  if (other_kind_with (im, kind, t->uuid) != NULL)
    return fail (im, _("%s records the deletion of a %s under the identifier of another kind "
                       "of record in this database (%s), so nothing was imported. Ask the "
                       "sender to export it again."), im->path, _(kind->label), t->uuid);

  if (local_state (im, kind, t->uuid, &local_updated, &local_group))
    {
      g_autoptr(GString) by_kind = g_string_new (NULL);
      g_autofree char *label = NULL;
      gint64 since;
      guint taken;

      if (g_strcmp0 (local_group, im->plan->group_uuid) != 0)
        return fail (im, _("The %s %s of the bundle belongs to another group in this database, "
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

/* The deletions, children first, so that a parent deleted together with its children
 * takes nothing with it by surprise. What a deletion does take with it that the bundle
 * does not name (a workplan whose activities the bundle still lists, or never lists) is
 * counted by kind and needs --force. */
static gboolean
apply_tombstones (Import *im)
{
  g_autoptr(GString) cascade = g_string_new (NULL);

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
    return fail (im, "%s", im->plan->cascade);

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
  g_autofree char *collapsed = NULL;
  g_autofree char *uuid = NULL;
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
    case DESK_FIELD_REF_SET:
      for (guint i = 0; i < im->set->len; i++)
        canonical_uuid (g_ptr_array_index (im->set, i));
      G_GNUC_FALLTHROUGH;
    case DESK_FIELD_CODE_SET:
      g_ptr_array_add (im->set, NULL);
      desk_record_index_set_set (im->record, index, (const char *const *) im->set->pdata);
      g_ptr_array_set_size (im->set, 0);
      break;

    case DESK_FIELD_INT:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      collapsed = collapse (text);
      /* G_MININT64 has no opposite: no figure may be it. */
      if (!g_ascii_string_to_signed (collapsed, 10, -G_MAXINT64, G_MAXINT64, &value, NULL))
        return fail (im, _("%s holds “%s” where a whole number belongs."), im->path, collapsed);
      desk_record_index_set_int (im->record, index, value);
      break;

    case DESK_FIELD_BOOL:
      collapsed = collapse (text);
      if (g_str_equal (collapsed, "true") || g_str_equal (collapsed, "1"))
        desk_record_index_set_int (im->record, index, TRUE);
      else if (g_str_equal (collapsed, "false") || g_str_equal (collapsed, "0"))
        desk_record_index_set_int (im->record, index, FALSE);
      else
        return fail (im, _("%s holds “%s” where yes or no (true or false) belongs."),
                     im->path, collapsed);
      break;

    case DESK_FIELD_DATE:
      collapsed = collapse (text);
      desk_record_index_set_string (im->record, index, collapsed);
      break;

    case DESK_FIELD_REF:
      uuid = canonical_uuid (g_strdup (text));
      desk_record_index_set_string (im->record, index, uuid);
      break;

    case DESK_FIELD_TEXT:
    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
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
      g_autofree char *updated = NULL;
      g_autofree char *deleted = NULL;

      clear_record (im);
      im->attr_uuid = reader_uuid (r, "uuid");
      im->kind = bundle_kind (name);

      if (im->kind != NULL)
        {
          im->record = desk_record_new (im->kind);
          desk_record_set_uuid (im->record, im->attr_uuid);
          updated = reader_attr (r, "updated");
          im->attr_updated = collapse (updated);
          desk_record_set_updated (im->record, im->attr_updated);
        }
      else if (g_str_equal (name, "tombstone"))
        {
          im->pseudo_kind = "tombstone";
          im->attr_kind = reader_attr (r, "kind");
          deleted = reader_attr (r, "deleted");
          im->attr_deleted = collapse (deleted);
        }
      else if (g_str_equal (name, "attendance_counts"))
        {
          im->pseudo_kind = "attendance_counts";
          g_free (im->attr_uuid);
          im->attr_uuid = reader_uuid (r, "workshop_uuid");
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
      g_autofree char *collapsed = collapse (n);

      g_array_append_val (im->cells, cell);
      if (!g_ascii_string_to_signed (collapsed, 10, 0, MAX_DECLARED_COUNT,
                                     &g_array_index (im->cells, Cell, im->cells->len - 1).count,
                                     NULL))
        return fail (im, _("%s counts “%s” people at a workshop, which is not a number of "
                           "people. Ask the sender to export it again."), im->path, collapsed);
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
        return read_tombstone (im);
      if (g_strcmp0 (im->pseudo_kind, "attendance_counts") == 0)
        return apply_counts (im);
    }
  else if (depth == 1)
    {
      if (im->store != NULL && (!apply_deferred (im) || !apply_tombstones (im)))
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
          if (im->section != SECTION_MANIFEST)
            return fail (im, _("%s has no manifest before its records."), im->path);
          if (!manifest_done (im, (const char *) xmlTextReaderConstName (r)))
            return FALSE;
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

static void
silence (void       *context,
         const char *format,
         ...)
{
}

/* Reads the whole file, applying what it holds when im->store is set. */
static gboolean
run (Import  *im,
     GError **error)
{
  xmlSchemaValidCtxtPtr vctxt = NULL;
  xmlStructuredErrorFunc old_handler;
  xmlGenericErrorFunc old_generic;
  void *old_context;
  void *old_generic_context;
  xmlTextReaderPtr r;
  int rc;

  im->mapped = _desk_bundle_map (im->path, error);
  if (im->mapped == NULL)
    return FALSE;
  im->file_sha256 = _desk_bundle_file_digest (im->mapped);

  /* Parser errors reach us through the thread's handler (see _desk_bundle_open_reader);
   * libxml2's generic messages ("Unimplemented block …") are never printed. */
  old_handler = xmlStructuredError;
  old_context = xmlStructuredErrorContext;
  old_generic = xmlGenericError;
  old_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (im->reasons, _desk_bundle_collect_error);
  xmlSetGenericErrorFunc (NULL, silence);
  r = _desk_bundle_open_reader (im->mapped, im->path, im->reasons, &vctxt, error);
  if (r == NULL)
    {
      xmlSetStructuredErrorFunc (old_context, old_handler);
      xmlSetGenericErrorFunc (old_generic_context, old_generic);
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

      /* The parser itself stops at a document type or an entity, wherever they are: a
       * bundle never has one, and nothing of such a file is applied. */
      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
          type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_NOTATION)
        {
          g_ptr_array_add (im->reasons,
                           g_strdup (_("The file contains a document type declaration "
                                       "(DOCTYPE). Bundles never have one: it can make "
                                       "a reader fetch files or expand entities.")));
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
  xmlSetGenericErrorFunc (old_generic_context, old_generic);

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
  im->tombstones = g_array_new (FALSE, TRUE, sizeof (Tombstone));
  g_array_set_clear_func (im->tombstones, tombstone_clear);
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
  g_array_unref (im->tombstones);
  g_clear_pointer (&im->mapped, g_mapped_file_unref);
  g_free (im->previous_sha256);
  g_free (im->latest);
  g_free (im->unique_sql);
  g_ptr_array_unref (im->set);
  g_array_unref (im->cells);
  g_clear_error (&im->error);
}

gboolean
desk_bundle_validate_file (const char  *path,
                           GPtrArray  **reasons,
                           GError     **error)
{
  /* Every check an import makes, against an empty database in memory: a file this
   * passes, an import into an empty database accepts. The import is a dry run, rolled
   * back, so one empty database serves every check of the process. */
  static GMutex lock;
  static DeskStore *empty = NULL;
  Import im;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  g_mutex_lock (&lock);
  if (empty == NULL)
    empty = desk_store_open (NULL, error);
  if (empty == NULL)
    {
      g_mutex_unlock (&lock);
      return FALSE;
    }

  import_init (&im, empty, path, FALSE, TRUE);
  ok = run (&im, error);
  if (reasons != NULL)
    *reasons = g_ptr_array_ref (im.reasons);
  import_clear (&im);
  g_mutex_unlock (&lock);

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

  /* Imported by another Groupdesk while this one waited for the lock: nothing to do. */
  if (im.started && im.plan->already_imported)
    {
      im.started = FALSE;
      desk_store_rollback (store);
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
