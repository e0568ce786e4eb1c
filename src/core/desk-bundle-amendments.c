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
  /* A group's first bundle carries none: nothing was reported that it could amend, and
   * it reports every record as it is. A database that received the group's chain (a new
   * laptop) carries the changes made here since. */
  sqlite3_stmt *stmt = _desk_store_prepare (store,
                                            "SELECT changes_through FROM exports"
                                            " WHERE group_uuid = ?1"
                                            " UNION ALL SELECT 0 FROM imported_bundles"
                                            " WHERE group_uuid = ?1 AND NOT EXISTS"
                                            " (SELECT 1 FROM exports WHERE group_uuid = ?1)"
                                            " ORDER BY 1 DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_TRANSIENT);
  *since = G_MAXINT64;
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

/* Reading: the endorsement */

gboolean
_desk_import_check_endorsement (Import *im)
{
  DeskImportPlan *plan = im->plan;
  const char *texts[] = { plan->endorsed_meeting, plan->endorsed_chair };

  if (plan->endorsed_on == NULL)
    return TRUE;
  /* The schema checks the date; a meeting after the export cannot have endorsed it. */
  if (!desk_date_is_valid (plan->endorsed_on) || plan->created == NULL ||
      strncmp (plan->endorsed_on, plan->created, 10) > 0)
    return _desk_import_fail (im, _("%s (bundle number %lld of %s) says it was endorsed on "
                                    "“%s”, which is not a date before it was exported, so "
                                    "nothing was imported. Ask the sender to export it again."),
                              im->path, (long long) plan->sequence,
                              plan->group_code != NULL ? plan->group_code : "?",
                              plan->endorsed_on);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL &&
        (!desk_text_is_clean (texts[i]) || g_utf8_strlen (texts[i], -1) > MAX_TEXT_CHARS))
      return _desk_import_fail (im, _("%s (bundle number %lld of %s) names the meeting that "
                                      "endorsed it with damaged text, so nothing was imported. "
                                      "Ask the sender to export it again."),
                                im->path, (long long) plan->sequence,
                                plan->group_code != NULL ? plan->group_code : "?");

  return TRUE;
}

char *
_desk_import_summary (DeskImportPlan *plan)
{
  g_autofree char *period = desk_date_format_period (plan->period_start, plan->period_end);
  g_autofree char *on = NULL;
  GString *s = g_string_new (NULL);

  g_string_printf (s, _("Bundle %lld for %s"), (long long) plan->sequence, period);
  if (plan->endorsed_on == NULL)
    return g_string_free (s, FALSE);

  on = desk_date_format (plan->endorsed_on);
  g_string_append (s, ", ");
  if (plan->endorsed_meeting != NULL && !desk_text_is_blank (plan->endorsed_meeting))
    g_string_append_printf (s, _("endorsed on %s at “%s”"), on, plan->endorsed_meeting);
  else
    g_string_append_printf (s, _("endorsed on %s"), on);
  if (plan->endorsed_chair != NULL && !desk_text_is_blank (plan->endorsed_chair))
    {
      g_string_append (s, ", ");
      g_string_append_printf (s, _("chaired by %s"), plan->endorsed_chair);
    }

  return g_string_free (s, FALSE);
}

/* Reading: the amendments */

typedef struct _ImportAmendment
{
  guint count;           /* read so far */
  char *action;
  char *kind;
  char *record;
  char *at;
  gint64 amends;
  char *values[4];       /* field, old, new, reason: NULL when left out */
  int value;             /* the one being read, or -1 */
} ImportAmendment;

static const char *const value_names[] = { "field", "old", "new", "reason" };

static void
amendment_clear (ImportAmendment *a)
{
  g_clear_pointer (&a->action, g_free);
  g_clear_pointer (&a->kind, g_free);
  g_clear_pointer (&a->record, g_free);
  g_clear_pointer (&a->at, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (a->values); i++)
    g_clear_pointer (&a->values[i], g_free);
  a->amends = 0;
  a->value = -1;
}

void
_desk_import_amendments_free (Import *im)
{
  if (im->amendment == NULL)
    return;
  amendment_clear (im->amendment);
  g_clear_pointer (&im->amendment, g_free);
}

/* Refuses the bundle for its amendment number @n: @what, a translated sentence with %s
 * for the bundle's file, %lld its number, %s its group, %u the amendment. */
#define FAIL_AMENDMENT(im, what, ...) \
  _desk_import_fail ((im), what, (im)->path, (long long) (im)->plan->sequence, \
                     (im)->plan->group_code != NULL ? (im)->plan->group_code : "?", \
                     (im)->amendment->count, ##__VA_ARGS__)

gboolean
_desk_import_amendment_start (Import           *im,
                              xmlTextReaderPtr  r,
                              int               depth,
                              const char       *name)
{
  ImportAmendment *a;

  if (im->amendment == NULL)
    {
      im->amendment = g_new0 (ImportAmendment, 1);
      im->amendment->value = -1;
    }
  a = im->amendment;

  if (depth == 3)
    {
      g_autofree char *amends = NULL;
      g_autofree char *at = NULL;

      amendment_clear (a);
      if (!g_str_equal (name, "amendment"))
        return _desk_import_fail (im, _("%s holds a “%s” among its amendments, which is not "
                                        "an amendment."), im->path, name);
      /* Bounded before anything of it is kept: a crafted file cannot make the import
       * hold or store without end. */
      if (++a->count > DESK_BUNDLE_MAX_AMENDMENTS)
        return _desk_import_fail (im, _("%s (bundle number %lld of %s) carries more than %u "
                                        "amendments, more than any group makes between two "
                                        "bundles, so nothing was imported. Ask the sender to "
                                        "export it again."),
                                  im->path, (long long) im->plan->sequence,
                                  im->plan->group_code != NULL ? im->plan->group_code : "?",
                                  (guint) DESK_BUNDLE_MAX_AMENDMENTS);
      a->action = _desk_import_reader_attr (r, "action");
      a->kind = _desk_import_reader_attr (r, "kind");
      a->record = _desk_import_reader_uuid (r, "record");
      amends = _desk_import_reader_attr (r, "amends");
      at = _desk_import_reader_attr (r, "at");
      a->at = _desk_import_collapse (at);
      {
        g_autofree char *collapsed = _desk_import_collapse (amends);

        if (!g_ascii_string_to_signed (collapsed, 10, 0, MAX_SEQUENCE, &a->amends, NULL))
          a->amends = G_MAXINT64;
      }
    }
  else if (depth == 4)
    {
      a->value = -1;
      for (guint i = 0; i < G_N_ELEMENTS (value_names); i++)
        if (g_str_equal (name, value_names[i]))
          a->value = (int) i;
      if (a->value < 0 || a->values[a->value] != NULL)
        return _desk_import_fail (im, _("%s holds a “%s” in an amendment, where it does not "
                                        "belong."), im->path, name);
    }
  else
    return _desk_import_fail (im, _("%s is nested deeper than any bundle."), im->path);

  return TRUE;
}

static gboolean
is_time (const char *text)
{
  g_autoptr(GDateTime) t = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return t != NULL;
}

static gboolean
is_action (const char *action)
{
  static const char *const actions[] = { "insert", "update", "delete", "undo", "redo" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (action, actions[i]) == 0)
      return TRUE;

  return FALSE;
}

static const DeskKind *
amended_kind (const char *name)
{
  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    if (g_strcmp0 (desk_kind_all ()[i]->name, name) == 0)
      return desk_kind_all ()[i];

  return NULL;
}

static gboolean
store_amendment (Import          *im,
                 ImportAmendment *a)
{
  DeskImportPlan *plan = im->plan;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (im->store,
                              "INSERT INTO bundle_amendments (group_uuid, bundle_uuid, sequence,"
                              " amends_sequence, at, action, kind, record_uuid, field, old_value,"
                              " new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                              " ?10, ?11, ?12)", &im->error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan->group_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan->bundle_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, plan->sequence);
  sqlite3_bind_int64 (stmt, 4, a->amends);
  sqlite3_bind_text (stmt, 5, a->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, a->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, a->kind, -1, SQLITE_TRANSIENT);
  /* An aggregate bundle's amendment of a participant's record names no record. */
  sqlite3_bind_text (stmt, 8, a->record != NULL ? a->record : "", -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (a->values); i++)
    if (a->values[i] != NULL)
      sqlite3_bind_text (stmt, 9 + (int) i, a->values[i], -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (stmt, 9 + (int) i);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (im->store, rc, &im->error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_desk_import_amendment_end (Import     *im,
                            int         depth,
                            const char *name)
{
  ImportAmendment *a = im->amendment;
  const DeskKind *kind;
  Travels travels;

  if (a == NULL)
    return TRUE;

  if (depth == 4)
    {
      if (a->value < 0)
        return TRUE;
      if (!desk_text_is_clean (im->text->str) ||
          g_utf8_strlen (im->text->str, -1) > MAX_TEXT_CHARS)
        return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries, in its amendment "
                                     "%u, a “%s” that is damaged or longer than 20,000 "
                                     "characters, so nothing was imported. Ask the sender to "
                                     "export it again."), value_names[a->value]);
      a->values[a->value] = g_strdup (im->text->str);
      a->value = -1;
      return TRUE;
    }
  if (depth != 3)
    return TRUE;

  /* The schema says as much; checked again here, where the values are used. */
  if (!is_action (a->action))
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) "
                                 "with the action “%s”, which is not a change Groupdesk "
                                 "makes, so nothing was imported. Ask the sender to export it "
                                 "again."), a->action != NULL ? a->action : "");
  kind = amended_kind (a->kind);
  if (kind == NULL)
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) of "
                                 "a “%s”, which is not a kind of record a bundle holds, so "
                                 "nothing was imported. Ask the sender to export it again."),
                           a->kind != NULL ? a->kind : "");
  if ((a->record == NULL && kind != DESK_KIND_PERSON && kind != DESK_KIND_ATTENDANCE) ||
      (a->record != NULL && !g_uuid_string_is_valid (a->record)))
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) "
                                 "whose record “%s” is not a record identifier, so nothing "
                                 "was imported. Ask the sender to export it again."),
                           a->record != NULL ? a->record : "");
  /* What the sender's Groupdesk would have left out must not arrive either: a personal
   * field, a field the kind does not have, values or a record where the privacy level
   * carries none. */
  travels = change_travels (kind, a->values[0], im->privacy);
  if (travels == TRAVELS_NOT ||
      (travels != TRAVELS_ALL && (a->values[1] != NULL || a->values[2] != NULL)) ||
      (travels == TRAVELS_BARE && (a->record != NULL || a->values[0] != NULL)))
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) "
                                 "with a field or values its privacy level leaves out, so "
                                 "nothing was imported. Ask the sender to export it again."));
  if (a->amends >= im->plan->sequence)
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) to "
                                 "what a later bundle reported, which cannot be, so nothing "
                                 "was imported. Ask the sender to export it again."));
  if (!is_time (a->at) || (im->latest != NULL && g_strcmp0 (a->at, im->latest) > 0))
    return FAIL_AMENDMENT (im, _("%s (bundle number %lld of %s) carries an amendment (%u) "
                                 "made on “%s”, after the bundle was exported, so nothing was "
                                 "imported. Check the clocks of both computers, then ask the "
                                 "sender to export it again."), a->at != NULL ? a->at : "");

  im->plan->amendments = a->count;
  /* Kept only by an import that is kept, and never twice: a replay forced in brought
   * them before. */
  if (im->store != NULL && im->started && !im->dry_run && !im->plan->replay &&
      !store_amendment (im, a))
    return FALSE;
  amendment_clear (a);

  return TRUE;
}
