/* desk-bundle-sink.c — the sink every byte of a bundle goes through: gathered into one
 * write() per 64 KB, digested, and copied to the schema check beside the writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-bundle"
/* O_TMPFILE */
#define _GNU_SOURCE

#include "config.h"

#include "desk-bundle-write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "desk-error.h"
#include "desk-i18n.h"


void
_desk_bundle_sink_digest (Sink       *sink,
                          const char *buffer,
                          gsize       len)
{
  gsize trailing = 0;

  if (!sink->trim)
    {
      g_checksum_update (sink->checksum, (const guchar *) buffer, len);
      return;
    }

  if (!sink->begun)
    {
      while (len > 0 && buffer[0] != '<')
        buffer++, len--;
      if (len == 0)
        return;
      sink->begun = TRUE;
    }

  while (trailing < len && buffer[len - 1 - trailing] == '\n')
    trailing++;
  if (trailing == len)
    {
      sink->held += len;
      return;
    }
  for (; sink->held > 0; sink->held--)
    g_checksum_update (sink->checksum, (const guchar *) "\n", 1);
  g_checksum_update (sink->checksum, (const guchar *) buffer, len - trailing);
  sink->held = trailing;
}

/* Gives the validator its copy of the bytes. Once it has stopped reading (it reached a
 * verdict) the rest is dropped: the verdict comes from the validator, not from here. */
void
_desk_bundle_tee_send (int        *fd,
                       const char *buffer,
                       gsize       len)
{
  while (*fd >= 0 && len > 0)
    {
      ssize_t n = send (*fd, buffer, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (*fd);
          *fd = -1;
          return;
        }
      buffer += n;
      len -= n;
    }
}

gboolean
_desk_bundle_sink_write_all (Sink       *sink,
                             const char *buffer,
                             gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (sink->fd, buffer, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return FALSE;
        }
      buffer += n;
      len -= n;
    }

  return TRUE;
}

/* Writes out what the sink holds; FALSE (with saved_errno) when the disk refused it. */
gboolean
_desk_bundle_sink_flush (Sink *sink)
{
  gsize used = sink->used;

  sink->used = 0;
  return sink->saved_errno == 0 && _desk_bundle_sink_write_all (sink, sink->buffer, used);
}

int
_desk_bundle_sink_write (void       *context,
                         const char *buffer,
                         int         len)
{
  Sink *sink = context;

  if (sink->saved_errno != 0)
    return -1;
  if (sink->used + len > SINK_SIZE && !_desk_bundle_sink_flush (sink))
    return -1;
  if (len >= SINK_SIZE)
    {
      if (!_desk_bundle_sink_write_all (sink, buffer, len))
        return -1;
    }
  else
    {
      memcpy (sink->buffer + sink->used, buffer, len);
      sink->used += len;
    }
  _desk_bundle_sink_digest (sink, buffer, len);
  _desk_bundle_tee_send (&sink->tee, buffer, len);

  return len;
}

int
_desk_bundle_sink_close (void *context)
{
  return 0;
}

xmlTextWriterPtr
_desk_bundle_sink_writer_new (Sink *sink)
{
  xmlOutputBufferPtr out = xmlOutputBufferCreateIO (_desk_bundle_sink_write, _desk_bundle_sink_close,
                                                    sink, NULL);
  xmlTextWriterPtr writer;

  if (out == NULL)
    return NULL;
  writer = xmlNewTextWriter (out);
  if (writer == NULL)
    {
      xmlOutputBufferClose (out);
      return NULL;
    }
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST " ");

  return writer;
}

void
_desk_bundle_tee_close (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}


int
_desk_bundle_temp_open (const char *dir,
                        char       *template,
                        gboolean   *named)
{
  int fd = g_open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

  *named = fd < 0;
  if (fd < 0)
    fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  return fd;
}

gboolean
_desk_bundle_temp_link (int   fd,
                        char *template,
                        int  *saved_errno)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char *x = strstr (template, "XXXXXX");

  g_return_val_if_fail (x != NULL, FALSE);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      for (guint i = 0; i < 6; i++)
        x[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      if (linkat (AT_FDCWD, proc, AT_FDCWD, template, AT_SYMLINK_FOLLOW) == 0)
        return TRUE;
      if (errno != EEXIST)
        break;
    }
  *saved_errno = errno;

  return FALSE;
}

/* The schema check beside the writing (see desk-bundle-write-private.h) */


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

gpointer
_desk_bundle_validator_run (gpointer data)
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
gboolean
_desk_bundle_validator_finish (GThread     *thread,
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
