/* desk-file.c — the one door through which Groupdesk reads and writes the user's files
 *
 * Every file a user names (on the command line or in a file chooser) is a place where a
 * slip or an attack can cost data: a FIFO that hangs the reader, /dev/zero read for
 * gigabytes, an export written over the live database. The rules are kept here once:
 * inputs are regular files whose size fstat gives before a byte is read; outputs are
 * never a database that is open in this process, its companions or its backups, and
 * never anything but a regular file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "desk-error.h"
#include "desk-i18n.h"

/* Protected databases */

static GMutex protected_lock;
static GPtrArray *protected_paths; /* canonical database paths, one entry per open store */

/* The absolute path with every link resolved; for a file that does not exist yet, its
 * folder resolved and its own name kept. Never NULL. */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *resolved;

  resolved = realpath (path, NULL);
  if (resolved != NULL)
    {
      char *copy = g_strdup (resolved);

      free (resolved);
      return copy;
    }

  absolute = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  resolved = realpath (dir, NULL);
  if (resolved != NULL)
    {
      char *joined = g_build_filename (resolved, base, NULL);

      free (resolved);
      return joined;
    }

  return g_steal_pointer (&absolute);
}

void
_desk_file_protect (const char *database_path)
{
  g_return_if_fail (database_path != NULL);

  g_mutex_lock (&protected_lock);
  if (protected_paths == NULL)
    protected_paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (protected_paths, canonical_path (database_path));
  g_mutex_unlock (&protected_lock);
}

void
_desk_file_unprotect (const char *database_path)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (database_path != NULL);

  canonical = canonical_path (database_path);
  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_paths != NULL && i < protected_paths->len; i++)
    if (g_str_equal (g_ptr_array_index (protected_paths, i), canonical))
      {
        g_ptr_array_remove_index_fast (protected_paths, i);
        break;
      }
  g_mutex_unlock (&protected_lock);
}

static gboolean
same_file (const struct stat *a,
           const char        *path)
{
  struct stat b;

  return stat (path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

static gboolean
is_inside (const char *path,
           const char *folder)
{
  gsize n = strlen (folder);

  return strncmp (path, folder, n) == 0 && (path[n] == '\0' || path[n] == G_DIR_SEPARATOR);
}

/* Whether a backup folder holds a file that is the same as @target (a hard link). */
static gboolean
folder_holds (const char        *folder,
              const struct stat *target)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);

      if (same_file (target, child))
        return TRUE;
    }

  return FALSE;
}

/* Whether @canonical (resolved) or the file @st describes belongs to the database at
 * @database: the file itself, its companions, its backups. */
static gboolean
belongs_to_database (const char        *canonical,
                     const struct stat *st,
                     const char        *database)
{
  static const char *const companions[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *backups = g_strconcat (database, ".backups", NULL);
  g_autofree char *versioned = g_strconcat (database, ".v", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (database, companions[i], NULL);

      if (g_str_equal (canonical, companion))
        return TRUE;
      if (st != NULL && same_file (st, companion))
        return TRUE;
    }

  /* The backups folder and everything in it; the backups made before a migration. */
  if (is_inside (canonical, backups))
    return TRUE;
  if (g_str_has_prefix (canonical, versioned) && g_str_has_suffix (canonical, ".backup"))
    return TRUE;
  if (st != NULL && folder_holds (backups, st))
    return TRUE;

  return FALSE;
}

gboolean
desk_file_check_output (const char  *path,
                        GError     **error)
{
  g_autofree char *canonical = NULL;
  struct stat st;
  gboolean exists;
  gboolean refused = FALSE;

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("No file name was given. Name the file to write."));
      return FALSE;
    }

  exists = stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is a folder. Name a file inside it to write to."), path);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is not an ordinary file (it is a device, a pipe or a socket), so "
                     "nothing was written to it. Name an ordinary file."), path);
      return FALSE;
    }

  canonical = canonical_path (path);
  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_paths != NULL && i < protected_paths->len && !refused; i++)
    refused = belongs_to_database (canonical, exists ? &st : NULL,
                                   g_ptr_array_index (protected_paths, i));
  g_mutex_unlock (&protected_lock);

  if (refused)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is the Groupdesk database that is open, one of its working files "
                     "or one of its backups; writing there would destroy it. Nothing was "
                     "written. Choose another file name."), path);
      return FALSE;
    }

  return TRUE;
}

/* Why @path could not be written: a full disk, or what the system said, with @code. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno,
                 DeskError    code)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                 _("%s cannot be written: the disk is full. Free some space, or write to "
                   "another disk."), path);
  else
    g_set_error (error, DESK_ERROR, code,
                 _("%s cannot be written: %s. Choose a folder you can write to."),
                 path, g_strerror (saved_errno));
}

int
desk_file_create_temp_beside (const char  *path,
                              int          mode,
                              char       **tmp_path_out,
                              GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (tmp_path_out != NULL, -1);

  if (!desk_file_check_output (path, error))
    return -1;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s/.%s.partial-XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    {
      set_write_error (error, path, errno, DESK_ERROR_READ_ONLY);
      return -1;
    }

  *tmp_path_out = g_steal_pointer (&tmp_path);
  return fd;
}

gboolean
desk_file_commit_temp (const char  *tmp_path,
                       const char  *path,
                       GError     **error)
{
  /* Checked again: the name may have been pointed elsewhere while the file was written. */
  if (!desk_file_check_output (path, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno, DESK_ERROR_IO);
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_file_write_contents (const char  *path,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *tmp_path = NULL;
  gsize done = 0;
  int fd;

  fd = desk_file_create_temp_beside (path, 0644, &tmp_path, error);
  if (fd < 0)
    return FALSE;

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (tmp_path);
          set_write_error (error, path, saved_errno, DESK_ERROR_IO);
          return FALSE;
        }
      done += (gsize) n;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      set_write_error (error, path, saved_errno, DESK_ERROR_IO);
      return FALSE;
    }

  return desk_file_commit_temp (tmp_path, path, error);
}

/* Inputs */

int
desk_file_open_input (const char  *path,
                      gint64       max_size,
                      gint64      *size_out,
                      GError     **error)
{
  struct stat st;
  int fd;
  int flags;

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("No file name was given. Name the file to read."));
      return -1;
    }

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                     _("There is no file %s. Check the name and the folder."), path);
      else if (saved_errno == EACCES || saved_errno == EPERM)
        g_set_error (error, DESK_ERROR, DESK_ERROR_READ_ONLY,
                     _("%s cannot be read: you are not allowed to open it. Check the "
                       "file's permissions."), path);
      else
        g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                     _("%s cannot be opened: %s. Check the file name."),
                     path, g_strerror (saved_errno));
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("%s cannot be opened: %s. Check the file name."),
                   path, g_strerror (saved_errno));
      return -1;
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is a folder, not a file. Choose the file inside it."), path);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is not an ordinary file (it is a device, a pipe or a socket), so "
                     "it was not read. Choose a file saved on the disk."), path);
      return -1;
    }

  if (max_size > 0 && st.st_size > max_size)
    {
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *limit = g_format_size ((guint64) max_size);

      close (fd);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is %s, more than the %s such a file can be. Check that it is the "
                     "right file."), path, size, limit);
      return -1;
    }

  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  if (size_out != NULL)
    *size_out = st.st_size;

  return fd;
}

GBytes *
desk_file_read_input (const char  *path,
                      gint64       max_size,
                      GError     **error)
{
  g_autofree guint8 *data = NULL;
  gint64 size = 0;
  gsize done = 0;
  guint8 extra;
  gssize n;
  int fd;

  fd = desk_file_open_input (path, max_size, &size, error);
  if (fd < 0)
    return NULL;

  data = g_malloc ((gsize) size + 1);
  while (done < (gsize) size)
    {
      n = read (fd, data + done, (gsize) size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                       _("%s cannot be read: %s. Check the disk, then try again."),
                       path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }

  /* A file that shrank or grew while it was read is being written by someone else. */
  do
    n = read (fd, &extra, 1);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (done != (gsize) size || n != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_IO,
                   _("%s changed while it was being read. Wait until the program writing "
                     "it has finished, then try again."), path);
      return NULL;
    }

  data[done] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), done);
}
