/* desk-bundle-read.c — reading bundles as untrusted files: the schema, the prolog, the
 * reader, the digests, and libxml2's complaints in our own words
 *
 * The import (desk-bundle-import.c) and the writer's own check (desk-bundle.c) use these
 * through desk-bundle-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"

#include "config.h"

#include "desk-bundle-private.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"

#define RESOURCE_PREFIX "resource:///org/voluntaryprinciples/Groupdesk/core/bundle/"
#define MAX_REASONS 20

/* The schema */

/* libxml2 reads the schema and the xml.xsd it imports through these, from core's
 * resources; nothing else is ever read under this prefix, and bundles themselves are
 * never allowed to load anything (no DOCTYPE, no XInclude, no network). */
static int
resource_match (const char *uri)
{
  return uri != NULL && g_str_has_prefix (uri, RESOURCE_PREFIX) &&
         strstr (uri, "..") == NULL;
}

static void *
resource_open (const char *uri)
{
  return g_resources_open_stream (uri + strlen ("resource://"), 0, NULL);
}

static int
resource_read (void *context,
               char *buffer,
               int   len)
{
  gssize n = g_input_stream_read (context, buffer, len, NULL, NULL);

  return n < 0 ? -1 : (int) n;
}

static int
resource_close (void *context)
{
  g_object_unref (context);
  return 0;
}

static void
collect_schema_error (void        *data,
                      xmlErrorPtr  error)
{
  GString *s = data;

  if (s->len == 0 && error != NULL && error->message != NULL)
    g_string_append (s, error->message);
}

xmlSchemaPtr
_desk_bundle_get_schema (GError **error)
{
  static gsize initialised = 0;
  static xmlSchemaPtr schema = NULL;
  static char *failure = NULL;

  if (g_once_init_enter (&initialised))
    {
      xmlSchemaParserCtxtPtr ctxt;
      g_autoptr(GString) message = g_string_new (NULL);

      xmlInitParser ();
      xmlRegisterInputCallbacks (resource_match, resource_open, resource_read, resource_close);
      /* Format 3's schema imports format 2's, which imports format 1's: one schema
       * checks them all. */
      ctxt = xmlSchemaNewParserCtxt (RESOURCE_PREFIX "groupdesk-bundle-3.xsd");
      xmlSchemaSetParserStructuredErrors (ctxt, collect_schema_error, message);
      schema = xmlSchemaParse (ctxt);
      xmlSchemaFreeParserCtxt (ctxt);
      if (schema == NULL)
        failure = g_strdup (message->str);
      g_once_init_leave (&initialised, 1);
    }

  if (schema == NULL)
    g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                 _("The bundle schema built into Groupdesk could not be read (%s). "
                   "Reinstall Groupdesk."), failure != NULL ? failure : "");

  return schema;
}

/* Reading untrusted files */

static void
add_reason (GPtrArray  *reasons,
            char       *reason)
{
  if (reasons == NULL || reasons->len >= MAX_REASONS)
    {
      g_free (reason);
      return;
    }
  g_ptr_array_add (reasons, reason);
}

/* The element an error of libxml2's names ("Element '{ns}activity': …"), without its
 * namespace, or NULL. */
static char *
error_element (const char *message)
{
  const char *start = message != NULL ? strstr (message, "Element '") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("Element '");
  if (*start == '{')
    {
      const char *close = strchr (start, '}');

      if (close == NULL)
        return NULL;
      start = close + 1;
    }
  end = strchr (start, '\'');
  if (end == NULL || end - start > 64)
    return NULL;

  return g_strndup (start, end - start);
}

/* The value an error of libxml2's quotes after the element ("…': '2025-02-30' is not
 * …"), or NULL. */
static char *
error_value (const char *message)
{
  const char *start = message != NULL ? strstr (message, "': '") : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("': '");
  end = strchr (start, '\'');
  if (end == NULL || end - start > 80 || !g_utf8_validate (start, end - start, NULL))
    return NULL;

  return g_strndup (start, end - start);
}

/* libxml2's words never reach the user: each complaint becomes one of our sentences,
 * with the line and, where libxml2 names one, the element. */
static char *
describe_xml_error (xmlErrorPtr error)
{
  g_autofree char *element = error_element (error->message);
  g_autofree char *value = error_value (error->message);
  int line = error->line;

  if (error->domain == XML_FROM_SCHEMASV)
    {
      switch (error->code)
        {
        case XML_SCHEMAV_ELEMENT_CONTENT:
        case XML_SCHEMAV_CVC_ELT_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
          return element != NULL
                   ? g_strdup_printf (_("Line %d: the element “%s” is not one the bundle "
                                        "format allows there, or one is missing before it."),
                                      line, element)
                   : g_strdup_printf (_("Line %d: an element is not one the bundle format "
                                        "allows there, or one is missing."), line);

        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
          return g_strdup_printf (_("Line %d: the element “%s” lacks an attribute the bundle "
                                    "format requires, or has one it does not allow."),
                                  line, element != NULL ? element : "?");

        default:
          if (element != NULL && value != NULL)
            return g_strdup_printf (_("Line %d: “%s” is not a value the bundle format allows "
                                      "for the element “%s”."), line, value, element);
          return element != NULL
                   ? g_strdup_printf (_("Line %d: the value of the element “%s” is not one "
                                        "the bundle format allows."), line, element)
                   : g_strdup_printf (_("Line %d: a value is not one the bundle format "
                                        "allows."), line);
        }
    }

  if (error->domain == XML_FROM_I18N || error->code == XML_ERR_INVALID_CHAR ||
      error->code == XML_ERR_INVALID_ENCODING)
    return g_strdup_printf (_("Line %d holds bytes that are not UTF-8 text."), line);

  return g_strdup_printf (_("Line %d is not well-formed XML (the file may be cut short or "
                            "damaged)."), line);
}

void
_desk_bundle_collect_error (void        *data,
                            xmlErrorPtr  error)
{
  GPtrArray *reasons = data;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;

  /* An empty list of reasons means valid, so every error adds one. */
  if (reasons->len >= MAX_REASONS)
    return;
  g_ptr_array_add (reasons, describe_xml_error (error));
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* Everything before the root element: only the XML declaration (UTF-8), comments,
 * processing instructions and space. A DOCTYPE is refused here with a plain word, and
 * the import's loop refuses any DTD node the parser meets whatever precedes it, so no
 * entity is ever declared, let alone expanded or fetched. The whole prolog is scanned,
 * however long. */
static gboolean
check_prolog (const char  *buf,
              gsize        len,
              GPtrArray   *reasons)
{
  const char *p = buf;
  const char *end = buf + len;

  /* Encodings told by their byte-order marks or by how "<" is spelled: UTF-32 before
   * UTF-16, since the UTF-32 mark of little-endian begins with UTF-16's. */
  if (len >= 4 && (memcmp (buf, "\x00\x00\xfe\xff", 4) == 0 ||
                   memcmp (buf, "\xff\xfe\x00\x00", 4) == 0 ||
                   memcmp (buf, "\x00\x00\x00<", 4) == 0 ||
                   memcmp (buf, "<\x00\x00\x00", 4) == 0))
    {
      add_reason (reasons, g_strdup (_("The file is in UTF-32; bundles are always UTF-8.")));
      return FALSE;
    }
  if (len >= 2 && (((guchar) buf[0] == 0xfe && (guchar) buf[1] == 0xff) ||
                   ((guchar) buf[0] == 0xff && (guchar) buf[1] == 0xfe) ||
                   memcmp (buf, "\x00<", 2) == 0 || memcmp (buf, "<\x00", 2) == 0))
    {
      add_reason (reasons, g_strdup (_("The file is in UTF-16; bundles are always UTF-8.")));
      return FALSE;
    }
  if (len >= 3 && memcmp (buf, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  for (;;)
    {
      p = skip_space (p, end);
      if (p >= end)
        {
          add_reason (reasons, g_strdup (len == 0 ? _("The file is empty.")
                                                  : _("The file holds no XML element.")));
          return FALSE;
        }

      if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        {
          const char *close = g_strstr_len (p, end - p, "?>");

          if (close == NULL)
            break;
          if (end - p >= 5 && memcmp (p, "<?xml", 5) == 0)
            {
              g_autofree char *decl = g_ascii_strdown (p, close - p);
              const char *enc = strstr (decl, "encoding");

              if (enc != NULL && strstr (enc, "utf-8") == NULL)
                {
                  add_reason (reasons, g_strdup (_("The file declares an encoding other "
                                                   "than UTF-8; bundles are always UTF-8.")));
                  return FALSE;
                }
            }
          p = close + 2;
          continue;
        }

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }

      if (end - p >= 2 && memcmp (p, "<!", 2) == 0)
        {
          add_reason (reasons, g_strdup (_("The file contains a document type declaration "
                                           "(DOCTYPE). Bundles never have one: it can make "
                                           "a reader fetch files or expand entities.")));
          return FALSE;
        }

      if (*p == '<')
        return TRUE;

      add_reason (reasons, g_strdup (_("The file is not XML.")));
      return FALSE;
    }

  add_reason (reasons, g_strdup (_("The beginning of the file is not well-formed XML.")));
  return FALSE;
}

GMappedFile *
_desk_bundle_map (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GMappedFile *mapped;
  int fd;

  /* A regular file whose size fstat gives is checked before a byte is mapped: a FIFO,
   * a device or a 20 GB sparse file is refused at once. */
  fd = desk_file_open_input (path, DESK_BUNDLE_MAX_SIZE, NULL, error);
  if (fd < 0)
    return NULL;

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("The bundle %s cannot be read: %s."), path, local_error->message);
      return NULL;
    }

  return mapped;
}

xmlTextReaderPtr
_desk_bundle_open_reader (GMappedFile            *mapped,
                          const char             *path,
                          GPtrArray              *reasons,
                          xmlSchemaValidCtxtPtr  *vctxt,
                          GError                **error)
{
  const char *data = g_mapped_file_get_contents (mapped);
  gsize len = g_mapped_file_get_length (mapped);
  xmlSchemaPtr schema;
  xmlTextReaderPtr reader;

  schema = _desk_bundle_get_schema (error);
  if (schema == NULL)
    return NULL;

  if (data == NULL)
    data = "";
  if (!check_prolog (data, len, reasons))
    return NULL;

  /* NONET, and none of NOENT, DTDLOAD, DTDATTR, XINCLUDE, NOCDATA or HUGE: the default
   * depth and size limits of libxml2 stay in force, and CDATA sections arrive as nodes
   * of their own so that their text is kept. The reader reads the mapped file in place
   * (its size is bounded far below INT_MAX by DESK_BUNDLE_MAX_SIZE). */
  reader = xmlReaderForMemory (data, (int) len, path, NULL, XML_PARSE_NONET);
  if (reader == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("The bundle %s cannot be read: the XML reader could not start."), path);
      return NULL;
    }
  /* The validator's own context with our handler. The reader gets no handler of its
   * own: with a schema plugged in, libxml2 2.9 hands its relay the wrong context on a
   * parser error; the caller catches those with xmlSetStructuredErrorFunc. */
  *vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (*vctxt, _desk_bundle_collect_error, reasons);
  if (xmlTextReaderSchemaValidateCtxt (reader, *vctxt, 0) != 0)
    {
      xmlFreeTextReader (reader);
      g_clear_pointer (vctxt, xmlSchemaFreeValidCtxt);
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("The bundle %s cannot be checked: the schema validator could not start."),
                   path);
      return NULL;
    }

  return reader;
}

static gboolean
is_tag_end (char c)
{
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first "<QNAME" followed by space or ">". */
static const char *
find_start_tag (const char *data,
                gsize       len,
                const char *qname)
{
  gsize n = strlen (qname);
  const char *p = data;
  const char *end = data + len;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      if ((gsize) (end - p) > n + 1 && memcmp (p + 1, qname, n) == 0 && is_tag_end (p[n + 1]))
        return p;
      p++;
    }

  return NULL;
}

/* Just past the last "</QNAME>" (space allowed before ">"), or NULL. */
static const char *
find_last_end_tag (const char *data,
                   gsize       len,
                   const char *qname)
{
  gsize n = strlen (qname);

  if (len < n + 3)
    return NULL;
  for (gsize i = len - n - 2; i-- > 0;)
    if (data[i] == '<' && data[i + 1] == '/' && memcmp (data + i + 2, qname, n) == 0)
      {
        const char *q = skip_space (data + i + 2 + n, data + len);

        if (q < data + len && *q == '>')
          return q + 1;
      }

  return NULL;
}

/* Just past the first "</QNAME>" followed, after space, by the start tag of "files" (with
 * the same prefix), or NULL. */
static const char *
find_end_before_files (const char *data,
                       gsize       len,
                       const char *qname)
{
  const char *colon = strchr (qname, ':');
  g_autofree char *files = colon != NULL ? g_strdup_printf ("%.*s:files", (int) (colon - qname), qname)
                                         : g_strdup ("files");
  g_autofree char *close = g_strdup_printf ("</%s", qname);
  gsize n = strlen (close);
  gsize m = strlen (files);
  const char *end = data + len;

  for (const char *p = data; p < end && (p = memchr (p, '<', end - p)) != NULL; p++)
    {
      const char *q;

      if ((gsize) (end - p) < n || memcmp (p, close, n) != 0)
        continue;
      q = skip_space (p + n, end);
      if (q >= end || *q != '>')
        continue;
      q = skip_space (q + 1, end);
      if ((gsize) (end - q) > m + 1 && q[0] == '<' && memcmp (q + 1, files, m) == 0 &&
          is_tag_end (q[m + 1]))
        return skip_space (p + n, end) + 1;
    }

  return NULL;
}

char *
_desk_bundle_content_digest (GMappedFile *mapped,
                             const char  *records_qname)
{
  const char *data = g_mapped_file_get_contents (mapped);
  gsize len = g_mapped_file_get_length (mapped);
  const char *start;
  const char *end;

  if (data == NULL || records_qname == NULL)
    return NULL;
  start = find_start_tag (data, len, records_qname);
  /* Format 2: the files follow the records. Their end tag is the first one followed by
   * the files' start tag, found without reading the files (hundreds of megabytes). */
  end = start != NULL ? find_end_before_files (start, len - (start - data), records_qname) : NULL;
  if (start != NULL && end == NULL)
    end = find_last_end_tag (start, len - (start - data), records_qname);
  if (end == NULL)
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start, end - start);
}

char *
_desk_bundle_file_digest (GMappedFile *mapped)
{
  const char *data = g_mapped_file_get_contents (mapped);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) (data != NULL ? data : ""),
                                      g_mapped_file_get_length (mapped));
}

void
_desk_bundle_release (GMappedFile *mapped,
                      gsize        from,
                      gsize        to)
{
  const char *data = g_mapped_file_get_contents (mapped);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize start = (from + page - 1) / page * page;
  gsize end = MIN (to, g_mapped_file_get_length (mapped)) / page * page;

  /* The mapping is private and read-only: its pages come back from the file when read
   * again. The mapping starts on a page. */
  if (data != NULL && end > start)
    madvise ((char *) data + start, end - start, MADV_DONTNEED);
}

void
_desk_bundle_set_invalid_error (GError     **error,
                                const char  *path,
                                GPtrArray   *reasons)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; reasons != NULL && i < reasons->len && i < 3; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (reasons, i));

  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("%s is not a valid Groupdesk bundle; nothing was taken from it. %s Ask "
                 "the sender to export it again."), path, s->str);
}
