/* desk-bundle-import-manifest.c — a bundle's manifest: what it claims, and what it
 * decides before the first record is read (the file is what it says, it was or was not
 * imported before, where it stands in its group's chain, whose group it is)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"

#include "desk-backup.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* How far a record's time may be after its bundle's export time, and the export time
 * after this computer's: clocks of two laptops disagree by minutes, not by a day. */
#define CLOCK_SKEW_SECONDS (24 * 60 * 60)

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

/* The content digest, group and number of the bundle with this identifier imported
 * here. */
static gboolean
known_bundle (Import  *im,
              char   **digest,
              char   **group,
              gint64  *sequence)
{
  sqlite3_stmt *stmt = _desk_store_prepare (im->store,
                                            "SELECT content_sha256, group_uuid, sequence"
                                            " FROM imported_bundles WHERE uuid = ?1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, im->plan->bundle_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *digest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *group = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *sequence = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  return found;
}

/* Two groups cannot share a code: a bundle whose group has the code of another group
 * held here is refused before anything is written, naming both. */
static gboolean
check_group_code (Import *im)
{
  DeskImportPlan *plan = im->plan;
  sqlite3_stmt *stmt = _desk_store_prepare (im->store,
                                            "SELECT uuid FROM groups WHERE code = ?1 AND uuid <> ?2",
                                            &im->error);
  g_autofree char *other = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan->group_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan->group_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (other != NULL)
    return _desk_import_fail (im, _("Bundle number %lld comes from a group with the code %s "
                                    "(%s), but this database holds another group with that "
                                    "code (%s), so nothing was imported. Ask the group to "
                                    "check its code: two groups cannot share one."),
                              (long long) plan->sequence, plan->group_code, plan->group_uuid,
                              other);

  return TRUE;
}

/* The group record of the bundle must be the group its manifest names: same identifier,
 * same code. Checked as the record streams past, before it is applied. */
gboolean
_desk_import_check_group_record (Import     *im,
                                 DeskRecord *group)
{
  DeskImportPlan *plan = im->plan;
  const char *code = desk_record_get_string (group, "code");

  if (g_strcmp0 (desk_record_get_uuid (group), plan->group_uuid) != 0 ||
      g_strcmp0 (code, plan->group_code) != 0)
    return _desk_import_fail (im, _("The records of bundle number %lld of the group %s belong "
                                    "to another group (%s), so nothing was imported. Ask the "
                                    "sender to export it again."),
                              (long long) plan->sequence, plan->group_code,
                              code != NULL && g_strcmp0 (code, plan->group_code) != 0
                                ? code : desk_record_get_uuid (group));

  return TRUE;
}

/* Everything the manifest decides, before the first record: is this the file it claims
 * to be, was it imported before, where it stands in its group's chain. */
gboolean
_desk_import_manifest_done (Import     *im,
                            const char *records_qname)
{
  DeskImportPlan *plan = im->plan;
  g_autofree char *known_digest = NULL;
  g_autofree char *known_group = NULL;
  gint64 known_sequence = 0;
  g_autofree char *now = NULL;
  g_autofree char *now_latest = NULL;

  if (im->error != NULL)
    return FALSE;

  if (g_strcmp0 (im->format, "1") != 0 && g_strcmp0 (im->format, "2") != 0 &&
      g_strcmp0 (im->format, DESK_BUNDLE_FORMAT) != 0)
    return _desk_import_fail (im, _("%s was written in bundle format %s, which this version of Groupdesk "
                       "cannot read. Update Groupdesk."), im->path, im->format);

  if (!desk_privacy_from_string (plan->privacy, &im->privacy))
    return _desk_import_fail (im, _("%s names no known privacy level."), im->path);

  im->computed_content_sha256 = _desk_bundle_content_digest (im->mapped, records_qname);
  if (im->computed_content_sha256 == NULL ||
      g_strcmp0 (im->computed_content_sha256, im->content_sha256) != 0)
    return _desk_import_fail (im, _("The records in %s do not match the digest in its manifest: the file "
                       "was damaged or changed after it was exported, so nothing was "
                       "imported. Ask the sender to export it again."), im->path);

  if (!_desk_import_check_endorsement (im))
    return FALSE;

  if (im->store == NULL)
    return TRUE;

  /* Every time in the bundle must be before its export, and the export before now. */
  now = desk_store_dup_timestamp (im->store);
  now_latest = timestamp_after (now, CLOCK_SKEW_SECONDS);
  im->latest = timestamp_after (plan->created, CLOCK_SKEW_SECONDS);
  if (im->latest == NULL)
    return _desk_import_fail (im, _("%s does not say when it was exported. Ask the sender to export it "
                       "again."), im->path);
  if (now_latest != NULL && g_strcmp0 (plan->created, now_latest) > 0)
    return _desk_import_fail (im, _("%s says it was exported on %s, later than this computer's clock "
                       "(%s). Check the date and time of this computer and of the one that "
                       "exported it, then export again."), im->path, plan->created, now);

  if (known_bundle (im, &known_digest, &known_group, &known_sequence))
    {
      if (!_desk_import_check_known (im, known_digest, known_group, known_sequence))
        return FALSE;
      if (plan->already_imported)
        {
          im->stop = TRUE;
          return TRUE;
        }
    }
  else
    {
      if (!check_group_code (im))
        return FALSE;
      _desk_import_check_chain (im);
    }

  if (plan->refused != NULL && !im->force && !im->dry_run)
    return _desk_import_fail (im, "%s", plan->refused);

  if (!im->dry_run && desk_store_get_path (im->store) != NULL)
    {
      GError *local_error = NULL;

      /* Copying a large database takes a while: Cancel stops it too, leaving no file. */
      plan->backup_path = desk_backup_before_full (im->store, DESK_BACKUP_BEFORE_IMPORT,
                                                   im->progress != NULL ? im->progress->cancellable : NULL,
                                                   NULL, NULL, &local_error);
      if (plan->backup_path == NULL)
        {
          im->error = local_error;
          if (!g_error_matches (im->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (&im->error, _("Nothing was imported, because the backup before "
                                          "the import failed. "));
          return FALSE;
        }
    }

  _desk_import_tune_connection (im);
  if (!desk_store_begin (im->store, &im->error))
    return FALSE;
  im->started = TRUE;
  im->fresh = _desk_import_database_is_fresh (im);
  if (im->fresh)
    _desk_import_set_triggers (im, FALSE);

  /* Asked again inside the transaction: another Groupdesk may have imported the same
   * bundle, or the one before it, while we were waiting for the write lock. */
  g_clear_pointer (&known_digest, g_free);
  g_clear_pointer (&known_group, g_free);
  if (!plan->replay && known_bundle (im, &known_digest, &known_group, &known_sequence))
    {
      plan->already_imported = TRUE;
      im->stop = TRUE;
      return TRUE;
    }
  if (plan->refused == NULL)
    {
      g_clear_pointer (&plan->gap, g_free);
      _desk_import_check_chain (im);
      if (plan->refused != NULL && !im->force && !im->dry_run)
        return _desk_import_fail (im, "%s", plan->refused);
    }

  return TRUE;
}

void
_desk_import_manifest_start (Import           *im,
                             xmlTextReaderPtr  r,
                             int               depth,
                             const char       *name)
{
  DeskImportPlan *plan = im->plan;

  if (depth == 2 && g_str_equal (name, "group"))
    {
      plan->group_uuid = _desk_import_reader_uuid (r, "uuid");
      plan->group_code = _desk_import_reader_attr (r, "code");
    }
  else if (depth == 2 && g_str_equal (name, "period"))
    {
      plan->period_start = _desk_import_reader_attr (r, "start");
      plan->period_end = _desk_import_reader_attr (r, "end");
    }
  else if (depth == 2 && g_str_equal (name, "previous"))
    {
      g_free (im->previous_uuid);
      g_free (im->previous_sha256);
      im->previous_uuid = _desk_import_reader_uuid (r, "uuid");
      im->previous_sha256 = _desk_import_reader_attr (r, "sha256");
    }
  else if (depth == 2 && g_str_equal (name, "endorsement"))
    {
      g_autofree char *date = _desk_import_reader_attr (r, "date");

      g_free (plan->endorsed_on);
      plan->endorsed_on = _desk_import_collapse (date);
    }
  else if (depth == 3 && g_str_equal (name, "name"))
    {
      g_free (im->lang);
      im->lang = _desk_import_reader_lang (r);
    }
  else if (depth == 3 && g_str_equal (name, "count"))
    {
      g_free (im->count_kind);
      im->count_kind = _desk_import_reader_attr (r, "kind");
    }
}

void
_desk_import_manifest_end (Import     *im,
                           int         depth,
                           const char *name)
{
  DeskImportPlan *plan = im->plan;
  const char *text = im->text->str;
  g_autofree char *collapsed = _desk_import_collapse (text);

  if (depth == 2)
    {
      if (g_str_equal (name, "bundle_uuid"))
        plan->bundle_uuid = _desk_import_canonical_uuid (g_strdup (text));
      else if (g_str_equal (name, "sequence"))
        {
          if (!g_ascii_string_to_signed (collapsed, 10, 1, MAX_SEQUENCE, &plan->sequence, NULL))
            _desk_import_fail (im, _("%s carries the bundle number “%s”; a bundle number is a whole number "
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
  else if (depth == 3 && (g_str_equal (name, "meeting") || g_str_equal (name, "chair")))
    {
      char **slot = g_str_equal (name, "meeting") ? &plan->endorsed_meeting : &plan->endorsed_chair;

      g_free (*slot);
      *slot = g_strdup (text);
    }
  else if (depth == 3 && g_str_equal (name, "count") && im->count_kind != NULL)
    {
      gint64 declared = 0;

      if (!g_ascii_string_to_signed (collapsed, 10, 0, MAX_DECLARED_COUNT, &declared, NULL))
        _desk_import_fail (im, _("%s says it holds “%s” records of the kind “%s”, more than any bundle "
                    "can. Ask the sender to export it again."), im->path, collapsed,
              im->count_kind);
      else
        g_hash_table_insert (im->declared, g_strdup (im->count_kind),
                             GINT_TO_POINTER ((int) declared));
    }
}
