/* desk-bundle.c — writing the secretariat's bundles, and what reader and writer share
 *
 * The writer streams: each kind's rows are read with one statement in UUID order and
 * written as they come, so memory stays flat however large the group. Because the
 * manifest (first in the file) carries the record counts and the digest of the records
 * element, the records are written first to a temporary file beside the target, then the
 * manifest and those bytes to a second temporary file, which is synced and renamed into
 * place. The schema check runs in a thread beside the writing, on the very bytes written
 * (see start_validator): the file is not read again to check it. The records are written in a canonical form
 * (UUID order, sets sorted, empty values left out), so that the same records give the
 * same bytes and the same content digest on any database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-private.h"
#include "desk-bundle-write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk-changes-private.h"
#include "desk-date.h"
#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"
#include "desk-store-private.h"
#include "desk-text.h"

/* The store's own setting (desk_store_open), put back after an export. */
#define STORE_MMAP_SIZE "268435456"
#define STORE_CACHE_SIZE "-65536"
/* The export's page cache (KiB): full at any size of group, so its memory is flat. */
#define EXPORT_CACHE_SIZE "-16384"

/* Writing */

typedef struct
{
  DeskStore *store;
  const char *group;
  DeskPrivacy privacy;
  gint64 counts[N_COUNTS];
  gboolean failed;      /* the writer refused: disk full, or a write error */
  GError *error;        /* a record that cannot be written, with its reason */
  DeskProgress *progress; /* counts the records; NULL in the validator's copy */
  gint64 changes_since; /* the amendments carried: changes after this id … */
  gint64 changes_through; /* … up to this one (format 3) */
  gint64 amendments;
} Export;

const char *
_desk_bundle_count_kind (guint index)
{
  if (index == COUNT_ATTENDANCE_COUNTS)
    return "attendance_counts";
  if (index == COUNT_TOMBSTONE)
    return "tombstone";
  if (index == COUNT_ATTACHMENT)
    return "attachment";
  return desk_kind_all ()[index]->name;
}

gboolean
desk_bundle_kind_is_record (const char *kind)
{
  return kind != NULL && !g_str_equal (kind, _desk_bundle_count_kind (COUNT_TOMBSTONE)) &&
         !g_str_equal (kind, "amendment");
}

const char *
_desk_bundle_count_label (guint index)
{
  static const char *const labels[] = {
    N_("Group"), N_("Members"), N_("Workplans"), N_("Activities"), N_("Deliverables"),
    N_("Indicators"), N_("Indicator values"), N_("Budget lines"), N_("Budget revisions"),
    N_("Expenses"), N_("Funding receipts"), N_("Exchange rates"), N_("Workshops"),
    N_("Participants"), N_("Attendance records"), N_("Plenary nominations"),
    N_("Workshops with attendance counts"), N_("Deletions"), N_("Attachments"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == N_COUNTS);

  return _(labels[index]);
}

gboolean
_desk_bundle_kind_in_bundle (const DeskKind *kind,
                             DeskPrivacy     privacy)
{
  return privacy != DESK_PRIVACY_AGGREGATE ||
         (kind != DESK_KIND_PERSON && kind != DESK_KIND_ATTENDANCE);
}

static gboolean
is_set_field (const DeskField *f)
{
  return desk_field_in_join (f);
}

/* SELECT uuid, updated, each plain column, then each set as a sorted, space-separated
 * list, of one group's records of @kind in UUID order. */
static char *
select_sql (const DeskKind *kind)
{
  GString *s = g_string_new ("SELECT t.uuid, t.updated");

  for (const DeskField *f = kind->fields; f->name != NULL; f++)
    {
      if (!is_set_field (f))
        g_string_append_printf (s, ", t.%s", f->name);
      else
        {
          g_auto(GStrv) join = g_strsplit (f->join, ":", 3);

          g_string_append_printf (s, ", (SELECT group_concat (v, ' ') FROM (SELECT j.%s AS v "
                                  "FROM %s j WHERE j.%s = t.uuid ORDER BY 1))",
                                  join[2], join[0], join[1]);
        }
    }
  /* "+" keeps SQLite off the group index, so it walks the UUID index in order instead of
   * sorting the whole table in memory: the export's memory stays flat. */
  g_string_append_printf (s, " FROM %s t WHERE +t.%s = ?1 ORDER BY t.uuid", kind->table,
                          kind == DESK_KIND_GROUP ? "uuid" : "group_uuid");

  return g_string_free (s, FALSE);
}

static void
check_written (Export *ex,
               int     rc)
{
  if (rc < 0)
    ex->failed = TRUE;
}

static gboolean
write_text_element (Export           *ex,
                    xmlTextWriterPtr  w,
                    const char       *name,
                    const char       *lang,
                    const char       *value)
{
  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST name));
  if (lang != NULL)
    check_written (ex, xmlTextWriterWriteAttributeNS (w, BAD_CAST "xml", BAD_CAST "lang",
                                                      NULL, BAD_CAST lang));
  check_written (ex, xmlTextWriterWriteString (w, BAD_CAST value));
  check_written (ex, xmlTextWriterEndElement (w));

  return !ex->failed;
}

static gboolean
write_row (Export           *ex,
           xmlTextWriterPtr  w,
           const DeskKind   *kind,
           sqlite3_stmt     *stmt,
           int               consent_column)
{
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
  gboolean consented = consent_column >= 0 && sqlite3_column_int (stmt, consent_column) == 1;
  int column = 2;

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST kind->name));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", BAD_CAST uuid));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "updated",
                                                  sqlite3_column_text (stmt, 1)));

  for (const DeskField *f = kind->fields; f->name != NULL; f++, column++)
    {
      DeskBundleFieldRule rule = _desk_bundle_field_rule (kind, f, ex->privacy);
      const char *sealed;
      const char *text;
      const char *lang = NULL;
      g_autofree char *base = NULL;

      if (rule == DESK_BUNDLE_FIELD_NEVER ||
          (rule == DESK_BUNDLE_FIELD_IF_CONSENT && !consented) ||
          sqlite3_column_type (stmt, column) == SQLITE_NULL)
        continue;

      sealed = NULL;
      if ((f->flags & DESK_FIELD_SEALED) != 0 &&
          (sealed = _desk_store_open_for_output (ex->store, kind, f, uuid,
                                                 (const char *) sqlite3_column_text (stmt, column),
                                                 &ex->error)) == NULL)
        return FALSE;

      switch (f->type)
        {
        case DESK_FIELD_CODE_SET:
        case DESK_FIELD_REF_SET:
          {
            g_auto(GStrv) values = NULL;

            text = sealed != NULL ? sealed : (const char *) sqlite3_column_text (stmt, column);
            if (text[0] == '\0')
              break;
            values = g_strsplit (text, " ", -1);
            check_written (ex, xmlTextWriterStartElement (w, BAD_CAST f->name));
            for (guint i = 0; values[i] != NULL; i++)
              write_text_element (ex, w, f->type == DESK_FIELD_CODE_SET ? "code" : "ref",
                                  NULL, values[i]);
            check_written (ex, xmlTextWriterEndElement (w));
          }
          break;

        case DESK_FIELD_INT:
        case DESK_FIELD_MONEY:
        case DESK_FIELD_MILLI:
          check_written (ex, xmlTextWriterWriteFormatElement (w, BAD_CAST f->name, "%lld",
                                                             (long long) sqlite3_column_int64 (stmt, column)));
          break;

        case DESK_FIELD_BOOL:
          write_text_element (ex, w, f->name, NULL,
                              sqlite3_column_int (stmt, column) != 0 ? "true" : "false");
          break;

        case DESK_FIELD_TEXT:
          text = sealed != NULL ? sealed : (const char *) sqlite3_column_text (stmt, column);
          if (text[0] == '\0')
            break;
          /* Core refuses such text on the way in; a database changed by other means
           * must still never produce a bundle that does not read back. */
          if (!desk_text_is_clean (text))
            {
              g_set_error (&ex->error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("The %s %s has characters in “%s” that cannot be exported "
                             "(control characters or damaged text). Correct the field, "
                             "then export again."),
                           _(kind->label), uuid, _(f->label));
              return FALSE;
            }
          base = _desk_bundle_narrative_base (f, &lang);
          write_text_element (ex, w, base != NULL ? base : f->name, lang, text);
          break;

        case DESK_FIELD_DATE:
        case DESK_FIELD_CURRENCY:
        case DESK_FIELD_CODE:
        case DESK_FIELD_CHOICE:
        case DESK_FIELD_REF:
        default:
          write_text_element (ex, w, f->name, NULL,
                              (const char *) sqlite3_column_text (stmt, column));
          break;
        }
    }

  check_written (ex, xmlTextWriterEndElement (w));

  return !ex->failed;
}

static gboolean
write_kind (Export           *ex,
            xmlTextWriterPtr  w,
            guint             index,
            GError          **error)
{
  const DeskKind *kind = desk_kind_all ()[index];
  g_autofree char *sql = select_sql (kind);
  int consent_column = -1;
  sqlite3_stmt *stmt;
  int rc;

  if (kind == DESK_KIND_PERSON)
    consent_column = 2 + desk_kind_field_index (kind, "consent_named");

  stmt = _desk_store_prepare (ex->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ex->group, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!write_row (ex, w, kind, stmt, consent_column) ||
          !desk_progress_step (ex->progress, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      ex->counts[index]++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (ex->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_attendance_counts (Export           *ex,
                         xmlTextWriterPtr  w,
                         GError          **error)
{
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (ex->store, COUNTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ex->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, ex->privacy == DESK_PRIVACY_AGGREGATE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *workshop = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (workshop, current) != 0)
        {
          if (current != NULL)
            check_written (ex, xmlTextWriterEndElement (w));
          g_free (current);
          current = g_strdup (workshop);
          check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "attendance_counts"));
          check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "workshop_uuid",
                                                          BAD_CAST workshop));
          ex->counts[COUNT_ATTENDANCE_COUNTS]++;
        }
      check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "cell"));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "pillar",
                                                      sqlite3_column_text (stmt, 1)));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "gender",
                                                      sqlite3_column_text (stmt, 2)));
      check_written (ex, xmlTextWriterWriteFormatAttribute (w, BAD_CAST "count", "%lld",
                                                            (long long) sqlite3_column_int64 (stmt, 3)));
      check_written (ex, xmlTextWriterEndElement (w));
    }
  sqlite3_reset (stmt);
  if (current != NULL)
    check_written (ex, xmlTextWriterEndElement (w));

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (ex->store, rc, error);
      return FALSE;
    }

  return !ex->failed;
}

static gboolean
write_tombstones (Export           *ex,
                  xmlTextWriterPtr  w,
                  GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (ex->store,
                              "SELECT uuid, kind, deleted FROM tombstones WHERE +group_uuid = ?1 "
                              "AND kind IN ('member', 'workplan', 'activity', 'deliverable', "
                              "'indicator', 'indicator_value', 'budget_line', 'budget_revision', "
                              "'expense', 'funding', 'rate', 'workshop', 'person', 'attendance', "
                              "'nomination') "
                              "AND NOT (?2 AND kind IN ('person', 'attendance')) ORDER BY uuid",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ex->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, ex->privacy == DESK_PRIVACY_AGGREGATE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "tombstone"));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", sqlite3_column_text (stmt, 0)));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "kind", sqlite3_column_text (stmt, 1)));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "deleted", sqlite3_column_text (stmt, 2)));
      check_written (ex, xmlTextWriterEndElement (w));
      ex->counts[COUNT_TOMBSTONE]++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (ex->store, rc, error);
      return FALSE;
    }

  return !ex->failed;
}

static gboolean
write_records (Export           *ex,
               xmlTextWriterPtr  w,
               GError          **error)
{
  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "records"));

  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    {
      const DeskKind *kind = desk_kind_all ()[i];

      /* Attendance counts stand between attendance and nominations in the schema. */
      if (kind == DESK_KIND_NOMINATION && !write_attendance_counts (ex, w, error))
        return FALSE;
      if (!_desk_bundle_kind_in_bundle (kind, ex->privacy))
        continue;
      if (!write_kind (ex, w, i, error))
        return FALSE;
    }

  /* Files attached to the records, before the deletions (format 2); their bytes come
   * after the records. */
  if (!_desk_bundle_write_attachments (ex->store, ex->group, ex->privacy, w,
                                       &ex->counts[COUNT_ATTACHMENT], &ex->failed,
                                       ex->progress, error))
    return FALSE;

  if (!write_tombstones (ex, w, error))
    return FALSE;

  /* Last in the records, so that their digest covers the amendments (format 3). */
  if (!_desk_bundle_write_amendments (ex->store, ex->group, ex->privacy, ex->changes_since,
                                      ex->changes_through, w, &ex->amendments, &ex->failed,
                                      error))
    return FALSE;

  check_written (ex, xmlTextWriterEndElement (w));

  return TRUE;
}

static void
disk_error (GError     **error,
            const char  *path,
            int          saved_errno)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
               _("The bundle %s could not be written: %s. Check that the folder is "
                 "writable and the disk has space, then export again."),
               path, g_strerror (saved_errno != 0 ? saved_errno : EIO));
}



static char *
counts_json (Export *ex)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < N_COUNTS; i++)
    g_string_append_printf (s, "%s\"%s\": %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            _desk_bundle_count_kind (i), ex->counts[i]);
  g_string_append (s, "}");

  return g_string_free (s, FALSE);
}

/* What the manifest says of a bundle: written twice, with zeroed counts and digest for
 * the schema check beside the writer, then for the file. */
typedef struct
{
  DeskRecord *group;
  const char *bundle_uuid;
  const char *from;
  const char *to;
  gint64 sequence;
  const char *previous_uuid;
  const char *previous_sha256;
  const char *created;
  const char *content_sha256;
  const DeskEndorsement *endorsement; /* or NULL */
} Head;

static gboolean
write_manifest (Export           *ex,
                xmlTextWriterPtr  w,
                const Head       *head)
{
  DeskRecord *group = head->group;

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "manifest"));
  write_text_element (ex, w, "bundle_uuid", NULL, head->bundle_uuid);

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "group"));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "uuid",
                                                  BAD_CAST desk_record_get_uuid (group)));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "code",
                                                  BAD_CAST desk_record_get_string (group, "code")));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "country",
                                                  BAD_CAST desk_record_get_string (group, "country")));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "currency",
                                                  BAD_CAST desk_record_get_string (group, "currency")));
  for (guint i = 0; i < 2; i++)
    {
      const char *value = desk_record_get_string (group, i == 0 ? "name_en" : "name_zh");

      if (value != NULL && value[0] != '\0')
        write_text_element (ex, w, "name", i == 0 ? "en" : "zh", value);
    }
  check_written (ex, xmlTextWriterEndElement (w));

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "period"));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "start", BAD_CAST head->from));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "end", BAD_CAST head->to));
  check_written (ex, xmlTextWriterEndElement (w));

  check_written (ex, xmlTextWriterWriteFormatElement (w, BAD_CAST "sequence", "%" G_GINT64_FORMAT,
                                                      head->sequence));
  if (head->previous_uuid != NULL && head->previous_sha256 != NULL)
    {
      check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "previous"));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", BAD_CAST head->previous_uuid));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "sha256", BAD_CAST head->previous_sha256));
      check_written (ex, xmlTextWriterEndElement (w));
    }
  write_text_element (ex, w, "created", NULL, head->created);

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "generator"));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST "Groupdesk"));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST PACKAGE_VERSION));
  check_written (ex, xmlTextWriterEndElement (w));

  write_text_element (ex, w, "privacy", NULL, desk_privacy_to_string (ex->privacy));
  if (head->endorsement != NULL && !_desk_bundle_write_endorsement (w, head->endorsement))
    ex->failed = TRUE;

  check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "counts"));
  for (guint i = 0; i < N_COUNTS; i++)
    {
      check_written (ex, xmlTextWriterStartElement (w, BAD_CAST "count"));
      check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "kind", BAD_CAST _desk_bundle_count_kind (i)));
      check_written (ex, xmlTextWriterWriteFormatString (w, "%" G_GINT64_FORMAT, ex->counts[i]));
      check_written (ex, xmlTextWriterEndElement (w));
    }
  check_written (ex, xmlTextWriterEndElement (w));

  write_text_element (ex, w, "content_sha256", NULL, head->content_sha256);
  check_written (ex, xmlTextWriterEndElement (w));

  return !ex->failed;
}

/* Everything before the records: the XML declaration, the bundle's start tag, the
 * manifest and the newline after it. */
static gboolean
write_head (Export           *ex,
            xmlTextWriterPtr  w,
            const Head       *head)
{
  check_written (ex, xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL));
  check_written (ex, xmlTextWriterStartElementNS (w, NULL, BAD_CAST "bundle",
                                                  BAD_CAST DESK_BUNDLE_NAMESPACE));
  check_written (ex, xmlTextWriterWriteAttribute (w, BAD_CAST "format",
                                                  BAD_CAST DESK_BUNDLE_FORMAT));
  write_manifest (ex, w, head);
  check_written (ex, xmlTextWriterWriteRaw (w, BAD_CAST "\n"));

  return !ex->failed;
}

/* Copies the records written to @fd (from its start) into the bundle being written: what
 * @w holds goes out first, then the records straight to @sink, past libxml2's buffer. */
static gboolean
copy_records (Export           *ex,
              xmlTextWriterPtr  w,
              Sink             *sink,
              int               fd,
              int              *saved_errno)
{
  g_autofree char *buffer = g_malloc (256 * 1024);

  check_written (ex, xmlTextWriterFlush (w));
  if (ex->failed)
    return FALSE;
  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  for (;;)
    {
      ssize_t n = read (fd, buffer, 256 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      if (n == 0)
        break;
      if (_desk_bundle_sink_write (sink, buffer, (int) n) < 0)
        {
          ex->failed = TRUE;
          *saved_errno = sink->saved_errno;
          return FALSE;
        }
    }

  return TRUE;
}

/* The schema check runs beside the writing, in a thread of its own fed through a socket:
 * the manifest (counts and records digest still zero: both are of their type whatever
 * their value), every byte of the records as it is written, and the bundle's end tag. So
 * it checks the very bytes that go into the file, without reading the file again. */
typedef struct
{
  xmlSchemaPtr schema;
  int fd;               /* its end of the socket; closed when it has its verdict */
  GPtrArray *reasons;
  int rc;
} Validator;

static int
validator_read (void *context,
                char *buffer,
                int   len)
{
  Validator *v = context;

  for (;;)
    {
      ssize_t n = read (v->fd, buffer, len);

      if (n < 0 && errno == EINTR)
        continue;
      return n < 0 ? -1 : (int) n;
    }
}

static int
validator_close (void *context)
{
  return 0;
}

static gpointer
validator_run (gpointer data)
{
  Validator *v = data;
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt (v->schema);
  xmlParserInputBufferPtr input;

  input = xmlParserInputBufferCreateIO (validator_read, validator_close, v,
                                        XML_CHAR_ENCODING_NONE);
  v->rc = -1;
  if (vctxt != NULL && input != NULL)
    {
      xmlSchemaSetValidStructuredErrors (vctxt, _desk_bundle_collect_error, v->reasons);
      /* The parser takes the input, and frees it. */
      v->rc = xmlSchemaValidateStream (vctxt, g_steal_pointer (&input), XML_CHAR_ENCODING_NONE,
                                       NULL, NULL);
    }
  if (input != NULL)
    xmlFreeParserInputBuffer (input);
  if (vctxt != NULL)
    xmlSchemaFreeValidCtxt (vctxt);
  /* The writer's copies fail from now on, so it never waits on a reader that left. */
  close (v->fd);
  v->fd = -1;

  return NULL;
}

/* The verdict, once the writer has closed its end of the socket. */
static gboolean
validator_finish (GThread     *thread,
                  Validator   *v,
                  const char  *path,
                  GError     **error)
{
  g_thread_join (thread);

  if (v->rc != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("The bundle written for %s does not pass its own schema, so it was not "
                     "kept (%s). Please report this problem."),
                   path, v->reasons->len > 0 ? (const char *) g_ptr_array_index (v->reasons, 0) : "");
      return FALSE;
    }

  return TRUE;
}

#define ZERO_SHA256 "0000000000000000000000000000000000000000000000000000000000000000"

/* Starts the validator and gives it the bundle's head, as write_head will write it but
 * for the counts and the records digest, which are not known yet (zero). On success
 * *@tee is the socket to copy the records to. */
static gboolean
start_validator (Export       *ex,
                 Validator    *v,
                 GThread     **thread,
                 int          *tee,
                 const Head   *manifest,
                 const char   *path,
                 GError      **error)
{
  xmlBufferPtr head = NULL;
  xmlTextWriterPtr w = NULL;
  Export copy = *ex;
  Head zeroed = *manifest;
  int pair[2];
  gboolean ok;

  v->schema = _desk_bundle_get_schema (error);
  if (v->schema == NULL)
    return FALSE;

  memset (copy.counts, 0, sizeof copy.counts);
  copy.failed = FALSE;
  copy.error = NULL;
  copy.progress = NULL;
  head = xmlBufferCreate ();
  w = head != NULL ? xmlNewTextWriterMemory (head, 0) : NULL;
  if (w != NULL)
    {
      xmlTextWriterSetIndent (w, 1);
      xmlTextWriterSetIndentString (w, BAD_CAST " ");
    }
  zeroed.content_sha256 = ZERO_SHA256;
  ok = w != NULL && write_head (&copy, w, &zeroed);
  if (w != NULL)
    ok = xmlTextWriterFlush (w) >= 0 && ok;
  g_clear_pointer (&w, xmlFreeTextWriter);
  if (!ok || socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      disk_error (error, path, ok ? errno : ENOMEM);
      if (head != NULL)
        xmlBufferFree (head);
      return FALSE;
    }

  v->fd = pair[1];
  *thread = g_thread_try_new ("bundle-check", validator_run, v, NULL);
  if (*thread == NULL)
    {
      disk_error (error, path, EAGAIN);
      close (pair[0]);
      close (pair[1]);
      v->fd = -1;
      xmlBufferFree (head);
      return FALSE;
    }
  *tee = pair[0];
  _desk_bundle_tee_send (tee, (const char *) xmlBufferContent (head), xmlBufferLength (head));
  xmlBufferFree (head);

  return TRUE;
}

/* The store maps the database into memory for the app's many small reads; a pass over
 * every row of a group, as the export and its preview make, must not, or its memory
 * grows with the database. */
void
_desk_bundle_set_mapping (DeskStore *store,
                          gboolean   on)
{
  _desk_store_exec (store, on ? "PRAGMA mmap_size = " STORE_MMAP_SIZE : "PRAGMA mmap_size = 0",
                    NULL);
  _desk_store_exec (store, on ? "PRAGMA cache_size = " STORE_CACHE_SIZE
                              : "PRAGMA cache_size = " EXPORT_CACHE_SIZE, NULL);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The records the export will write, for its progress: an estimate (counts by kind and
 * the tombstones), read only when someone listens. */
static guint64
count_records (Export *ex)
{
  guint64 total = 0;

  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    {
      const DeskKind *kind = desk_kind_all ()[i];

      if (_desk_bundle_kind_in_bundle (kind, ex->privacy))
        total += (guint64) MAX (desk_store_count (ex->store, kind, ex->group), 0);
    }

  return total + (guint64) MAX (_desk_bundle_count_attachments (ex->store, ex->group,
                                                                 ex->privacy, NULL), 0);
}

gboolean
desk_bundle_export (DeskStore    *store,
                    const char   *group_uuid,
                    const char   *from,
                    const char   *to,
                    DeskPrivacy   privacy,
                    const char   *path,
                    GError      **error)
{
  return desk_bundle_export_full (store, group_uuid, from, to, privacy, path,
                                  NULL, NULL, NULL, error);
}

gboolean
desk_bundle_export_full (DeskStore        *store,
                         const char       *group_uuid,
                         const char       *from,
                         const char       *to,
                         DeskPrivacy       privacy,
                         const char       *path,
                         GCancellable     *cancellable,
                         DeskProgressFunc  progress_func,
                         gpointer          progress_data,
                         GError          **error)
{
  return desk_bundle_export_endorsed (store, group_uuid, from, to, privacy, NULL, path,
                                      cancellable, progress_func, progress_data, error);
}

gboolean
desk_bundle_export_endorsed (DeskStore              *store,
                             const char             *group_uuid,
                             const char             *from,
                             const char             *to,
                             DeskPrivacy             privacy,
                             const DeskEndorsement  *endorsement,
                             const char             *path,
                             GCancellable           *cancellable,
                             DeskProgressFunc        progress_func,
                             gpointer                progress_data,
                             GError                **error)
{
  DeskProgress progress;
  g_autoptr(DeskRecord) group = NULL;
  g_autoptr(DeskRecord) export = NULL;
  g_autoptr(GChecksum) records_sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) file_sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *body_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *bundle_uuid = NULL;
  g_autofree char *created = NULL;
  g_autofree char *previous_uuid = NULL;
  g_autofree char *previous_sha256 = NULL;
  g_autofree char *content_sha256 = NULL;
  g_autofree char *counts = NULL;
  Export ex = { 0 };
  Head head = { 0 };
  g_autofree char *body_buffer = g_malloc (SINK_SIZE);
  g_autofree char *final_buffer = g_malloc (SINK_SIZE);
  Sink body = { -1, NULL, 0, TRUE, FALSE, 0, body_buffer, 0, -1 };
  Sink final = { -1, NULL, 0, FALSE, FALSE, 0, final_buffer, 0, -1 };
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  Validator validator = { NULL, -1, reasons, -1 };
  GThread *validator_thread = NULL;
  xmlTextWriterPtr w = NULL;
  gint64 sequence = 0;
  gboolean in_transaction = FALSE;
  double records_share = 0.9;
  gboolean renamed = FALSE;
  gboolean body_named = FALSE;
  gboolean final_named = FALSE;
  int saved_errno = 0;
  GError *local_error = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never the database, its companions or backups, never a device or a pipe. */
  if (!desk_file_check_output (path, error))
    return FALSE;

  desk_progress_init (&progress, cancellable, progress_func, progress_data);
  if (desk_progress_cancelled (&progress, error))
    return FALSE;

  if (!_desk_bundle_check_request (store, group_uuid, from, to, &group, error) ||
      !_desk_bundle_check_endorsement (store, endorsement, error) ||
      !_desk_bundle_find_previous (store, group_uuid, &sequence, &previous_uuid, &previous_sha256, error) ||
      !_desk_bundle_changes_since (store, group_uuid, &ex.changes_since, error))
    return FALSE;
  sequence++;
  /* The amendments carried end at the newest change now: a change made while the file is
   * written travels in the next bundle. */
  ex.changes_through = _desk_changes_last_id (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  ex.store = store;
  ex.group = group_uuid;
  ex.privacy = privacy;
  ex.progress = &progress;
  /* The records and the files' bytes are nearly all of the work, shared by steps (a
   * record, or a piece of a file's base64); putting the file together is the rest. */
  if (progress_func != NULL)
    {
      guint64 records = count_records (&ex);
      guint64 pieces = _desk_bundle_count_pieces (store, group_uuid, privacy);

      records_share = 0.9 * (double) records / (double) MAX (records + pieces, 1);
      desk_progress_stage (&progress, records, 0.0, records_share);
    }
  else
    desk_progress_stage (&progress, 0, 0.0, records_share);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  body_path = g_strdup_printf ("%s/.%s.records-XXXXXX", dir, base);
  tmp_path = g_strdup_printf ("%s/.%s.partial-XXXXXX", dir, base);

  /* The records are read once, in order: mapping the database into memory would only
   * make the export's memory grow with the database. */
  _desk_bundle_set_mapping (store, FALSE);

  /* 1. The records, to a temporary file, digested as they are written. */
  body.fd = _desk_bundle_temp_open (dir, body_path, &body_named);
  if (body.fd < 0)
    {
      disk_error (error, path, errno);
      return FALSE;
    }
  body.checksum = records_sum;
  bundle_uuid = g_uuid_string_random ();
  created = desk_store_dup_timestamp (store);
  head.group = group;
  head.bundle_uuid = bundle_uuid;
  head.from = from;
  head.to = to;
  head.sequence = sequence;
  head.previous_uuid = previous_uuid;
  head.previous_sha256 = previous_sha256;
  head.created = created;
  head.endorsement = endorsement;
  if (!start_validator (&ex, &validator, &validator_thread, &body.tee, &head, path, error))
    goto failed;
  w = _desk_bundle_sink_writer_new (&body);
  if (w == NULL || !write_records (&ex, w, error))
    goto failed;
  check_written (&ex, xmlTextWriterFlush (w));
  g_clear_pointer (&w, xmlFreeTextWriter);
  if (ex.failed || !_desk_bundle_sink_flush (&body))
    {
      saved_errno = body.saved_errno;
      goto disk_failed;
    }
  content_sha256 = g_strdup (g_checksum_get_string (records_sum));

  /* 2. The manifest and those records, to the file that will be renamed into place. */
  final.fd = _desk_bundle_temp_open (dir, tmp_path, &final_named);
  if (final.fd < 0)
    {
      saved_errno = errno;
      g_clear_pointer (&tmp_path, g_free);
      goto disk_failed;
    }
  final.checksum = file_sum;

  w = _desk_bundle_sink_writer_new (&final);
  if (w == NULL)
    goto disk_failed;
  head.content_sha256 = content_sha256;
  if (!write_head (&ex, w, &head) ||
      !copy_records (&ex, w, &final, body.fd, &saved_errno))
    goto disk_failed;
  /* The files' bytes go straight into the bundle, and to the validator, which has had
   * the head and the records: the rest of its input is what follows the records. */
  final.tee = body.tee;
  body.tee = -1;
  if (!_desk_bundle_write_files (store, group_uuid, privacy, w, &ex.failed, &progress,
                                 records_share, 0.9 - records_share, error))
    {
      /* The disk refused the bytes: said as for the rest of the bundle. */
      if (!ex.failed)
        goto failed;
      g_clear_error (error);
      saved_errno = final.saved_errno;
      goto disk_failed;
    }
  check_written (&ex, xmlTextWriterWriteRaw (w, BAD_CAST "\n"));
  check_written (&ex, xmlTextWriterEndElement (w));
  check_written (&ex, xmlTextWriterEndDocument (w));
  check_written (&ex, xmlTextWriterFlush (w));
  g_clear_pointer (&w, xmlFreeTextWriter);
  if (ex.failed || !_desk_bundle_sink_flush (&final))
    {
      saved_errno = final.saved_errno;
      goto disk_failed;
    }
  _desk_bundle_tee_close (&final.tee);
  if (fsync (final.fd) != 0)
    {
      saved_errno = errno;
      goto disk_failed;
    }
  close (body.fd);
  body.fd = -1;
  if (body_named)
    g_unlink (body_path);

  /* 3. Checked against the schema (as it was written) before anyone is told it exists. */
  if (!validator_finish (g_steal_pointer (&validator_thread), &validator, path, error))
    goto failed;

  /* Cancelled while it was put together: the last moment before anything is kept. */
  if (desk_progress_cancelled (&progress, error))
    goto failed;

  /* 4. Recorded and renamed together: the rename is the last step before the commit. */
  counts = counts_json (&ex);
  export = desk_record_new (DESK_KIND_EXPORT);
  desk_record_set_uuid (export, bundle_uuid);
  desk_record_set_group (export, group_uuid);
  desk_record_set_int (export, "sequence", sequence);
  desk_record_set_string (export, "period_start", from);
  desk_record_set_string (export, "period_end", to);
  desk_record_set_string (export, "privacy", desk_privacy_to_string (privacy));
  desk_record_set_string (export, "file", path);
  desk_record_set_string (export, "sha256", g_checksum_get_string (file_sum));
  desk_record_set_string (export, "counts", counts);
  if (previous_uuid != NULL)
    desk_record_set_string (export, "previous_uuid", previous_uuid);
  desk_record_set_string (export, "created", created);
  desk_record_set_int (export, "changes_through", ex.changes_through);
  if (endorsement != NULL)
    {
      desk_record_set_string (export, "endorsed_on", endorsement->on);
      desk_record_set_string (export, "endorsed_meeting",
                              endorsement->meeting != NULL ? endorsement->meeting : "");
      desk_record_set_string (export, "endorsed_chair",
                              endorsement->chair != NULL ? endorsement->chair : "");
    }

  if (!desk_store_begin (store, error))
    goto failed;
  in_transaction = TRUE;
  if (!desk_store_insert (store, export, error))
    goto failed;
  /* Checked again: the name may have been pointed at the database meanwhile. */
  if (!desk_file_check_output (path, error))
    goto failed;
  /* A file without a name (O_TMPFILE) gets one only now, just before the rename: a
   * process killed at any earlier moment leaves no file behind. */
  if (!final_named && !_desk_bundle_temp_link (final.fd, tmp_path, &saved_errno))
    goto disk_failed;
  final_named = TRUE;
  close (final.fd);
  final.fd = -1;
  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      goto disk_failed;
    }
  renamed = TRUE;
  sync_folder (path);
  in_transaction = FALSE;
  if (!desk_store_commit (store, error))
    goto failed;

  _desk_bundle_set_mapping (store, TRUE);
  desk_progress_report (&progress, 1.0);
  return TRUE;

disk_failed:
  disk_error (error, path, saved_errno);
failed:
  if (ex.error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&ex.error));
    }
  /* A write that failed inside the writer (a full disk) leaves only its errno. */
  if (error != NULL && *error == NULL)
    disk_error (error, path, body.saved_errno != 0 ? body.saved_errno
                             : final.saved_errno != 0 ? final.saved_errno : EIO);
  g_clear_pointer (&w, xmlFreeTextWriter);
  /* Its input ends here, so the validator ends too. */
  _desk_bundle_tee_close (&body.tee);
  _desk_bundle_tee_close (&final.tee);
  if (validator_thread != NULL)
    g_thread_join (g_steal_pointer (&validator_thread));
  if (in_transaction)
    desk_store_rollback (store);
  if (body.fd >= 0)
    close (body.fd);
  if (final.fd >= 0)
    close (final.fd);
  if (body_named)
    g_unlink (body_path);
  if (tmp_path != NULL && final_named)
    g_unlink (tmp_path);
  if (renamed)
    g_unlink (path);
  _desk_bundle_set_mapping (store, TRUE);
  return FALSE;
}
