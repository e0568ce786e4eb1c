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

#include "desk-bundle-import-private.h"

#include <string.h>
#include <glib/gstdio.h>

#include "desk-backup.h"
#include "desk-changes-private.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-reference.h"
#include "desk-store-private.h"

/* The deepest element of a valid bundle is a set item's text (bundle, records, record,
 * field, item, text). */
#define MAX_DEPTH 6


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
  g_free (plan->endorsed_on);
  g_free (plan->endorsed_meeting);
  g_free (plan->endorsed_chair);
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

DeskImportCount *
_desk_import_plan_count (Import     *im,
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

gboolean
_desk_import_fail (Import     *im,
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

char *
_desk_import_reader_attr (xmlTextReaderPtr  r,
             const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (r, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

char *
_desk_import_reader_lang (xmlTextReaderPtr r)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (r, BAD_CAST "lang",
                                                BAD_CAST "http://www.w3.org/XML/1998/namespace");
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

/* XML Schema's whiteSpace="collapse" for the types that have it (xs:long, xs:boolean,
 * xs:date, xs:dateTime): the schema accepts " 12 ", so the reader must read 12. */
char *
_desk_import_collapse (const char *text)
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
char *
_desk_import_canonical_uuid (char *uuid)
{
  if (uuid != NULL)
    for (char *p = uuid; *p != '\0'; p++)
      *p = g_ascii_tolower (*p);

  return uuid;
}

char *
_desk_import_reader_uuid (xmlTextReaderPtr  r,
             const char       *name)
{
  return _desk_import_canonical_uuid (_desk_import_reader_attr (r, name));
}

gboolean
_desk_import_query_text (DeskStore   *store,
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
    return _desk_import_fail (im, _("%s has a field “%s” that a %s does not have."), im->path, im->field,
                 _(kind->label));

  if (desk_record_index_is_set (im->record, index))
    return _desk_import_fail (im, _("%s gives the field “%s” of the %s %s twice."), im->path, im->field,
                 _(kind->label), desk_record_get_uuid (im->record));

  switch (f->type)
    {
    case DESK_FIELD_REF_SET:
      for (guint i = 0; i < im->set->len; i++)
        _desk_import_canonical_uuid (g_ptr_array_index (im->set, i));
      G_GNUC_FALLTHROUGH;
    case DESK_FIELD_CODE_SET:
      g_ptr_array_add (im->set, NULL);
      desk_record_index_set_set (im->record, index, (const char *const *) im->set->pdata);
      g_ptr_array_set_size (im->set, 0);
      break;

    case DESK_FIELD_INT:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      collapsed = _desk_import_collapse (text);
      /* G_MININT64 has no opposite: no figure may be it. */
      if (!g_ascii_string_to_signed (collapsed, 10, -G_MAXINT64, G_MAXINT64, &value, NULL))
        return _desk_import_fail (im, _("%s holds “%s” where a whole number belongs."), im->path, collapsed);
      desk_record_index_set_int (im->record, index, value);
      break;

    case DESK_FIELD_BOOL:
      collapsed = _desk_import_collapse (text);
      if (g_str_equal (collapsed, "true") || g_str_equal (collapsed, "1"))
        desk_record_index_set_int (im->record, index, TRUE);
      else if (g_str_equal (collapsed, "false") || g_str_equal (collapsed, "0"))
        desk_record_index_set_int (im->record, index, FALSE);
      else
        return _desk_import_fail (im, _("%s holds “%s” where yes or no (true or false) belongs."),
                     im->path, collapsed);
      break;

    case DESK_FIELD_DATE:
      collapsed = _desk_import_collapse (text);
      desk_record_index_set_string (im->record, index, collapsed);
      break;

    case DESK_FIELD_REF:
      uuid = _desk_import_canonical_uuid (g_strdup (text));
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
  for (guint i = 0; i < DESK_N_BUNDLE_KINDS; i++)
    if (g_str_equal (desk_kind_all ()[i]->name, name))
      return desk_kind_all ()[i];

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
      im->attr_uuid = _desk_import_reader_uuid (r, "uuid");
      im->kind = bundle_kind (name);

      if (im->kind != NULL)
        {
          im->record = desk_record_new (im->kind);
          desk_record_set_uuid (im->record, im->attr_uuid);
          updated = _desk_import_reader_attr (r, "updated");
          im->attr_updated = _desk_import_collapse (updated);
          desk_record_set_updated (im->record, im->attr_updated);
        }
      else if (g_str_equal (name, "tombstone"))
        {
          im->pseudo_kind = "tombstone";
          im->attr_kind = _desk_import_reader_attr (r, "kind");
          deleted = _desk_import_reader_attr (r, "deleted");
          im->attr_deleted = _desk_import_collapse (deleted);
        }
      else if (g_str_equal (name, "attendance_counts"))
        {
          im->pseudo_kind = "attendance_counts";
          g_free (im->attr_uuid);
          im->attr_uuid = _desk_import_reader_uuid (r, "workshop_uuid");
        }
      else if (g_str_equal (name, "attachment"))
        {
          im->pseudo_kind = "attachment";
          if (!_desk_import_attachment_start (im, r))
            return FALSE;
        }
      else if (g_str_equal (name, "amendments"))
        im->pseudo_kind = "amendments";
      else
        return _desk_import_fail (im, _("%s holds a “%s”, which is not a kind of record."), im->path, name);

      /* A kind is complete when the next one starts. */
      if (im->kind != im->last_kind && im->store != NULL && !_desk_import_apply_deferred (im))
        return FALSE;
      im->last_kind = im->kind;
    }
  else if (depth == 3 && im->kind != NULL)
    {
      g_free (im->field);
      g_free (im->field_lang);
      im->field = g_strdup (name);
      im->field_lang = _desk_import_reader_lang (r);
      g_ptr_array_set_size (im->set, 0);
    }
  else if (depth == 3 && g_strcmp0 (im->pseudo_kind, "attachment") == 0)
    _desk_import_attachment_field (im, name);
  else if (depth >= 3 && g_strcmp0 (im->pseudo_kind, "amendments") == 0)
    return _desk_import_amendment_start (im, r, depth, name);
  else if (depth == 3 && g_strcmp0 (im->pseudo_kind, "attendance_counts") == 0)
    {
      Cell cell = { _desk_import_reader_attr (r, "pillar"), _desk_import_reader_attr (r, "gender"), 0 };
      g_autofree char *n = _desk_import_reader_attr (r, "count");
      g_autofree char *collapsed = _desk_import_collapse (n);

      g_array_append_val (im->cells, cell);
      if (!g_ascii_string_to_signed (collapsed, 10, 0, MAX_DECLARED_COUNT,
                                     &g_array_index (im->cells, Cell, im->cells->len - 1).count,
                                     NULL))
        return _desk_import_fail (im, _("%s counts “%s” people at a workshop, which is not a number of "
                           "people. Ask the sender to export it again."), im->path, collapsed);
    }

  return TRUE;
}

static gboolean
records_end (Import     *im,
             int         depth,
             const char *name)
{
  if (depth >= 3 && g_strcmp0 (im->pseudo_kind, "amendments") == 0)
    return _desk_import_amendment_end (im, depth, name);
  if (depth == 4 && im->kind != NULL)
    g_ptr_array_add (im->set, g_strdup (im->text->str));
  else if (depth == 3 && im->kind != NULL)
    return set_field (im);
  else if (depth == 3 && g_strcmp0 (im->pseudo_kind, "attachment") == 0)
    return _desk_import_attachment_value (im);
  else if (depth == 2)
    {
      if (im->kind == DESK_KIND_GROUP && !_desk_import_check_group_record (im, im->record))
        return FALSE;
      if (im->kind != NULL)
        return _desk_import_apply_record (im);
      if (g_strcmp0 (im->pseudo_kind, "tombstone") == 0)
        return _desk_import_read_tombstone (im);
      if (g_strcmp0 (im->pseudo_kind, "attendance_counts") == 0)
        return _desk_import_apply_counts (im);
      if (g_strcmp0 (im->pseudo_kind, "attachment") == 0)
        return _desk_import_attachment_end (im);
    }
  else if (depth == 1)
    {
      if (im->store != NULL)
        _desk_import_set_triggers (im, TRUE);
      if (im->store != NULL && (!_desk_import_apply_deferred (im) || !_desk_import_apply_tombstones (im)))
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
      const char *format_of_ns = g_strcmp0 (ns, DESK_BUNDLE_NAMESPACE) == 0 ? DESK_BUNDLE_FORMAT
                                 : g_strcmp0 (ns, DESK_BUNDLE_NAMESPACE_2) == 0 ? "2"
                                 : g_strcmp0 (ns, DESK_BUNDLE_NAMESPACE_1) == 0 ? "1" : NULL;

      if (format_of_ns == NULL)
        {
          if (ns != NULL && g_str_has_prefix (ns, "urn:voluntaryprinciples:groupdesk:bundle:"))
            return _desk_import_fail (im, _("%s is a bundle of a newer format (%s) than this version of "
                               "Groupdesk reads. Update Groupdesk."), im->path, ns);
          return _desk_import_fail (im, _("%s is not a Groupdesk bundle: its root element is not in the "
                             "bundle namespace."), im->path);
        }
      im->format = _desk_import_reader_attr (r, "format");
      /* The format the namespace says; the schema holds the attribute to it. */
      if (g_strcmp0 (im->format, format_of_ns) != 0)
        return _desk_import_fail (im, _("%s was written in bundle format %s, which this version of Groupdesk "
                           "cannot read. Update Groupdesk."), im->path, im->format != NULL ? im->format : "?");
      return TRUE;
    }

  if (depth == 1)
    {
      if (g_str_equal (name, "manifest"))
        im->section = SECTION_MANIFEST;
      else if (g_str_equal (name, "records"))
        {
          if (im->section != SECTION_MANIFEST)
            return _desk_import_fail (im, _("%s has no manifest before its records."), im->path);
          if (!_desk_import_manifest_done (im, (const char *) xmlTextReaderConstName (r)))
            return FALSE;
          im->section = SECTION_RECORDS;
        }
      else if (g_str_equal (name, "files"))
        im->section = SECTION_FILES;
      return TRUE;
    }

  if (im->section == SECTION_MANIFEST)
    _desk_import_manifest_start (im, r, depth, name);
  else if (im->section == SECTION_RECORDS)
    return records_start (im, r, depth, name);
  else if (im->section == SECTION_FILES)
    return _desk_import_files_start (im, r, depth, name);

  return TRUE;
}

static gboolean
element_end (Import     *im,
             int         depth,
             const char *name)
{
  /* The end of the bundle: its attachments, now that their owners and bytes are in. */
  if (depth == 0)
    return im->store == NULL || _desk_import_attachments_finish (im);
  if (im->section == SECTION_MANIFEST && depth >= 2)
    _desk_import_manifest_end (im, depth, name);
  else if (im->section == SECTION_RECORDS)
    return records_end (im, depth, name);
  else if (im->section == SECTION_FILES)
    return _desk_import_files_end (im, depth);

  return TRUE;
}

static void
silence (void       *context,
         const char *format,
         ...)
{
}

static gboolean run_reading (Import  *im,
                             GError **error);

/* Reads the whole file, applying what it holds when im->store is set: the records are
 * the other laptop's word, so the store records no change for each and no lock holds
 * them (DESK_CHANGE_IMPORT); the import as a whole is one change (record_change). */
static gboolean
run (Import  *im,
     GError **error)
{
  DeskChangeAction previous = DESK_CHANGE_IMPORT;
  gboolean ok;

  if (im->store != NULL)
    previous = _desk_changes_set_action (im->store, DESK_CHANGE_IMPORT);
  ok = run_reading (im, error);
  if (im->store != NULL)
    _desk_changes_set_action (im->store, previous);

  return ok;
}

static gboolean
run_reading (Import  *im,
             GError **error)
{
  xmlSchemaValidCtxtPtr vctxt = NULL;
  xmlStructuredErrorFunc old_handler;
  xmlGenericErrorFunc old_generic;
  void *old_context;
  void *old_generic_context;
  xmlTextReaderPtr r;
  guint nodes = 0;
  int rc;

  im->mapped = _desk_bundle_map (im->path, error);
  if (im->mapped == NULL)
    return FALSE;
  _desk_import_file_digest_start (im);
  if (im->progress != NULL)
    desk_progress_stage (im->progress, g_mapped_file_get_length (im->mapped), 0.0, 1.0);

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
          _desk_import_fail (im, _("%s is nested deeper than any bundle."), im->path);
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

      /* How far, by the bytes read, and whether to stop: every few hundred nodes. */
      if (im->progress != NULL && (++nodes & 255) == 0 && im->error == NULL &&
          !desk_progress_set (im->progress, (guint64) MAX (xmlTextReaderByteConsumed (r), 0),
                              &im->error))
        break;
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
  _desk_import_file_digest_join (im, TRUE);
  clear_record (im);
  if (im->started)
    desk_store_rollback (im->store);
  _desk_import_restore_connection (im);
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
  _desk_import_files_free (im);
  _desk_import_amendments_free (im);
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

  _desk_import_file_digest_join (im, FALSE);
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

/* One row of the change history for the bundle imported, in the import's transaction:
 * its number, period and endorsement, where the secretariat reads them. */
static gboolean
record_change (Import  *im,
               GError **error)
{
  g_autofree char *summary = _desk_import_summary (im->plan);

  return _desk_changes_record_import (im->store, im->plan->group_uuid, summary, error);
}

DeskImportPlan *
desk_bundle_import (DeskStore   *store,
                    const char  *path,
                    gboolean     force,
                    gboolean     dry_run,
                    GError     **error)
{
  return desk_bundle_import_full (store, path, force, dry_run, NULL, NULL, NULL, error);
}

/* A cancelled import leaves nothing behind: the backup taken for it goes too. */
static void
forget_backup (Import *im)
{
  if (im->plan != NULL && im->plan->backup_path != NULL)
    g_unlink (im->plan->backup_path);
}

/* A fork set aside or a replay refused is written down in the group's history once the
 * import's transaction is rolled back, and the refusal says so. Returns NULL. */
static DeskImportPlan *
write_offer (Import  *im,
             GError **error)
{
  g_autoptr(DeskImportPlan) plan = NULL;
  g_autofree char *previous_uuid = NULL;
  g_autofree char *content_sha256 = NULL;
  g_autofree char *file_sha256 = NULL;
  g_autoptr(GError) local_error = NULL;
  DeskStore *store = im->store;
  gboolean fork = im->plan->fork;

  _desk_import_file_digest_join (im, FALSE);
  plan = g_steal_pointer (&im->plan);
  previous_uuid = g_steal_pointer (&im->previous_uuid);
  content_sha256 = g_steal_pointer (&im->content_sha256);
  file_sha256 = g_steal_pointer (&im->file_sha256);
  import_clear (im);

  if (file_sha256 == NULL)
    return NULL;
  /* Written down only for a bundle that is whole and valid, as a forced dry run finds it:
   * a damaged or crafted file that claims a number held is refused for what it is, and
   * leaves no mark in the group's chain. */
  {
    g_autoptr(GError) check_error = NULL;
    g_autoptr(DeskImportPlan) checked = desk_bundle_import_full (store, im->path, TRUE, TRUE,
                                                                 NULL, NULL, NULL, &check_error);

    if (checked == NULL)
      {
        g_clear_error (error);
        g_propagate_error (error, g_steal_pointer (&check_error));
        return NULL;
      }
  }
  if (!_desk_import_record_offer (store, fork ? "fork" : "replay", plan, previous_uuid,
                                  content_sha256, file_sha256, im->path, &local_error))
    {
      g_warning ("The refused bundle %s could not be written down: %s", im->path,
                 local_error->message);
      return NULL;
    }
  if (fork && error != NULL && *error != NULL)
    {
      g_autofree char *message = g_strconcat ((*error)->message, " ",
                                              _("It was set aside in the group’s history; "
                                                "nothing of it was imported."), NULL);

      g_clear_error (error);
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID, message);
    }

  return NULL;
}

DeskImportPlan *
desk_bundle_import_full (DeskStore        *store,
                         const char       *path,
                         gboolean          force,
                         gboolean          dry_run,
                         GCancellable     *cancellable,
                         DeskProgressFunc  progress_func,
                         gpointer          progress_data,
                         GError          **error)
{
  DeskImportPlan *plan;
  DeskProgress progress;
  Import im;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  desk_progress_init (&progress, cancellable, progress_func, progress_data);
  if (desk_progress_cancelled (&progress, error))
    return NULL;

  import_init (&im, store, path, force, dry_run);
  im.progress = &progress;

  /* The last look before the commit: after it, the import is kept. */
  if (!run (&im, error) || desk_progress_cancelled (&progress, error))
    {
      if (g_cancellable_is_cancelled (cancellable))
        forget_backup (&im);
      else if (!force && !dry_run && (im.plan->fork || im.plan->replay))
        return write_offer (&im, error);
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
      /* A replay forced in is in the chain already. A fork forced in is written down as
       * one too, in the same transaction: the chain in imported_bundles does not always
       * show it (a "previous" that names the bundle before by its identifier, not its
       * digest). */
      if ((!im.plan->replay && !record_import (&im, error)) ||
          (!im.plan->replay && !dry_run && !record_change (&im, error)) ||
          (im.plan->fork && !dry_run &&
           !_desk_import_record_offer (store, "fork", im.plan, im.previous_uuid,
                                       im.content_sha256, im.file_sha256, im.path, error)))
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
  desk_progress_report (&progress, 1.0);

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
