/* desk-bundle-amendments.c — what was reported stays as reported, in bundles (format 3):
 * the endorsement of a bundle by the group's meeting, and the amendments — changes the
 * group made to records it had reported (locked, desk-locks.h) since its previous bundle
 *
 * The writer (desk-bundle.c) asks here for the endorsement's checks and its element in
 * the manifest, and for the amendments, written at the very end of the records so that
 * the records' digest (content_sha256) covers them. The importer (desk-bundle-import.c)
 * hands each amendment element here as it streams past: checked, and stored in
 * bundle_amendments in the import's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-import-private.h"
#include "desk-bundle-write-private.h"

#include <string.h>

#include "desk-changes-private.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"
#include "desk-text.h"

/* As the schema's text: at most this many characters in any value of an amendment, and
 * in the endorsement's meeting and chair. */
#define MAX_TEXT_CHARS 20000

/* The endorsement */

gboolean
_desk_bundle_check_endorsement (DeskStore              *store,
                                const DeskEndorsement  *endorsement,
                                GError                **error)
{
  g_autofree char *today = NULL;
  const char *texts[] = { endorsement != NULL ? endorsement->meeting : NULL,
                          endorsement != NULL ? endorsement->chair : NULL };

  if (endorsement == NULL)
    return TRUE;

  if (endorsement->on == NULL || !desk_date_is_valid (endorsement->on))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The endorsement date “%s” is not a date. Give the day the group’s "
                     "meeting endorsed the bundle as YYYY-MM-DD, then export again."),
                   endorsement->on != NULL ? endorsement->on : "");
      return FALSE;
    }
  today = desk_store_dup_today (store);
  if (g_strcmp0 (endorsement->on, today) > 0)
    {
      g_autofree char *shown = desk_date_format (endorsement->on);

      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The endorsement date %s is in the future. A bundle can only say it "
                     "was endorsed by a meeting that has taken place: give its date."),
                   shown);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL &&
        (!desk_text_is_clean (texts[i]) || g_utf8_strlen (texts[i], -1) > MAX_TEXT_CHARS))
      {
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     i == 0 ? _("The name of the meeting that endorsed the bundle has "
                                "control characters or is longer than 20,000 characters. "
                                "Shorten or correct it, then export again.")
                            : _("The name of who chaired the meeting that endorsed the "
                                "bundle has control characters or is longer than 20,000 "
                                "characters. Shorten or correct it, then export again."));
        return FALSE;
      }

  return TRUE;
}

gboolean
_desk_bundle_write_endorsement (xmlTextWriterPtr        w,
                                const DeskEndorsement  *endorsement)
{
  const char *names[] = { "meeting", "chair" };
  const char *values[] = { endorsement->meeting, endorsement->chair };
  gboolean ok = TRUE;

  ok = xmlTextWriterStartElement (w, BAD_CAST "endorsement") >= 0 && ok;
  ok = xmlTextWriterWriteAttribute (w, BAD_CAST "date", BAD_CAST endorsement->on) >= 0 && ok;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (values[i] != NULL && !desk_text_is_blank (values[i]))
      ok = xmlTextWriterWriteElement (w, BAD_CAST names[i], BAD_CAST values[i]) >= 0 && ok;
  ok = xmlTextWriterEndElement (w) >= 0 && ok;

  return ok;
}

/* The amendments a bundle carries */

gboolean
_desk_bundle_changes_since (DeskStore   *store,
                            const char  *group,
                            gint64      *since,
                            GError     **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT changes_through FROM exports"
                                            " WHERE group_uuid = ?1"
                                            " ORDER BY sequence DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  *since = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *since = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* What of one change travels at @privacy. */
typedef enum
{
  TRAVELS_NOT,        /* a personal field, or a kind a bundle never carries */
  TRAVELS_BARE,       /* kind, action, when and why: a participant's record in an aggregate bundle */
  TRAVELS_NO_VALUES,  /* the field, but not its values: a reference to a person */
  TRAVELS_ALL,
} Travels;

static Travels
change_travels (const DeskKind *kind,
                const char     *field_name,
                DeskPrivacy     privacy)
{
  const DeskField *field;
  gboolean bundle_kind = FALSE;

  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    bundle_kind = bundle_kind || desk_kind_all ()[i] == kind;
  if (kind == NULL || !bundle_kind)
    return TRAVELS_NOT;

  field = field_name != NULL ? desk_kind_get_field (kind, field_name) : NULL;
  /* A personal field never travels: not its value, not that it changed. */
  if (field != NULL && (field->flags & (DESK_FIELD_SEALED | DESK_FIELD_PRIVATE)) != 0)
    return TRAVELS_NOT;
  if (field_name != NULL && field == NULL)
    return TRAVELS_NOT;

  if (privacy == DESK_PRIVACY_AGGREGATE)
    {
      /* An aggregate bundle carries no people: of their records only that one changed. */
      if (!_desk_bundle_kind_in_bundle (kind, privacy))
        return TRAVELS_BARE;
      if (field != NULL &&
          (_desk_bundle_field_rule (kind, field, privacy) == DESK_BUNDLE_FIELD_NEVER ||
           (field->type == DESK_FIELD_REF && g_strcmp0 (field->ref, "person") == 0) ||
           (field->type == DESK_FIELD_REF_SET && g_strcmp0 (field->ref, "person") == 0)))
        return TRAVELS_NO_VALUES;
    }
  else if (field != NULL && _desk_bundle_field_rule (kind, field, privacy) != DESK_BUNDLE_FIELD_ALWAYS)
    return TRAVELS_NOT;

  return TRAVELS_ALL;
}

/* @value as the bundle holds it: clean text of at most MAX_TEXT_CHARS characters. */
static char *
bounded_text (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < MAX_TEXT_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      /* What XML cannot hold becomes a space; the rest as it was. */
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }

  return g_string_free (s, FALSE);
}

#define AMENDMENTS_SQL \
  "SELECT c.at, c.action, c.kind, c.record_uuid, c.field, c.old_value, c.new_value, c.reason," \
  " coalesce ((SELECT e.sequence FROM exports e WHERE e.uuid = c.lock_uuid), 0)" \
  " FROM changes c WHERE c.group_uuid = ?1 AND c.lock_uuid IS NOT NULL" \
  " AND c.id > ?2 AND c.id <= ?3 AND c.action IN ('insert', 'update', 'delete', 'undo', 'redo')" \
  " ORDER BY c.id"

gboolean
_desk_bundle_write_amendments (DeskStore        *store,
                               const char       *group,
                               DeskPrivacy       privacy,
                               gint64            since,
                               gint64            through,
                               xmlTextWriterPtr  w,
                               gint64           *count,
                               gboolean         *failed,
                               GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean started = FALSE;
  int rc;

  *count = 0;
  if (through <= since)
    return TRUE;
  stmt = _desk_store_prepare (store, AMENDMENTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, through);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const DeskKind *kind = desk_kind_lookup ((const char *) sqlite3_column_text (stmt, 2));
      const char *field = (const char *) sqlite3_column_text (stmt, 4);
      Travels travels = change_travels (kind, field, privacy);
      const char *names[] = { "old", "new", "reason" };
      int columns[] = { 5, 6, 7 };
      gboolean ok = TRUE;

      if (travels == TRAVELS_NOT)
        continue;
      (*count)++;
      if (w == NULL)
        continue;

      if (!started)
        ok = xmlTextWriterStartElement (w, BAD_CAST "amendments") >= 0 && ok;
      started = TRUE;
      ok = xmlTextWriterStartElement (w, BAD_CAST "amendment") >= 0 && ok;
      ok = xmlTextWriterWriteAttribute (w, BAD_CAST "action", sqlite3_column_text (stmt, 1)) >= 0 && ok;
      ok = xmlTextWriterWriteAttribute (w, BAD_CAST "kind", BAD_CAST kind->name) >= 0 && ok;
      if (travels != TRAVELS_BARE)
        ok = xmlTextWriterWriteAttribute (w, BAD_CAST "record", sqlite3_column_text (stmt, 3)) >= 0 && ok;
      ok = xmlTextWriterWriteFormatAttribute (w, BAD_CAST "amends", "%lld",
                                              (long long) sqlite3_column_int64 (stmt, 8)) >= 0 && ok;
      ok = xmlTextWriterWriteAttribute (w, BAD_CAST "at", sqlite3_column_text (stmt, 0)) >= 0 && ok;
      if (travels != TRAVELS_BARE && field != NULL)
        ok = xmlTextWriterWriteElement (w, BAD_CAST "field", BAD_CAST field) >= 0 && ok;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *text = NULL;

          if (sqlite3_column_type (stmt, columns[i]) == SQLITE_NULL ||
              (i < 2 && travels != TRAVELS_ALL))
            continue;
          text = bounded_text ((const char *) sqlite3_column_text (stmt, columns[i]));
          ok = xmlTextWriterWriteElement (w, BAD_CAST names[i], BAD_CAST text) >= 0 && ok;
        }
      ok = xmlTextWriterEndElement (w) >= 0 && ok;
      if (!ok)
        {
          *failed = TRUE;
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (store, rc, error);
      return FALSE;
    }
  if (started && xmlTextWriterEndElement (w) < 0)
    {
      *failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

gint64
_desk_bundle_count_amendments (DeskStore   *store,
                               const char  *group,
                               DeskPrivacy  privacy,
                               GError     **error)
{
  gint64 since = 0;
  gint64 through;
  gint64 count = 0;
  gboolean failed = FALSE;
  GError *local_error = NULL;

  if (!_desk_bundle_changes_since (store, group, &since, error))
    return -1;
  through = _desk_changes_last_id (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  if (!_desk_bundle_write_amendments (store, group, privacy, since, through, NULL, &count,
                                      &failed, error))
    return -1;

  return count;
}
