/* desk-file.h — the one door through which Groupdesk reads and writes the user's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Inputs.
 *
 * Only regular files are read. The file is opened without blocking (a FIFO never hangs
 * the caller) and without following a final symbolic link only where the caller asks;
 * its type and size come from fstat on the open descriptor, before a byte is read, so a
 * device such as /dev/zero or a huge sparse file is refused at once.
 *
 * desk_file_open_input returns a descriptor in blocking mode, positioned at 0, and the
 * size fstat saw; the caller closes it. desk_file_read_input reads the whole file
 * (at most max_size bytes; a file that grows while it is read is refused). A max_size of
 * 0 or less means no limit. The messages name the file and say what to do. */
int      desk_file_open_input  (const char  *path,
                                gint64       max_size,
                                gint64      *size_out,
                                GError     **error);
GBytes  *desk_file_read_input  (const char  *path,
                                gint64       max_size,
                                GError     **error);

/* Outputs.
 *
 * A file Groupdesk writes for the user (a bundle, an IATI file, a PDF, a CSV) must never
 * be an open database, its -wal, -shm or -journal companion, one of its backups or its
 * backups folder, nor anything but a regular file (a FIFO, a device, a folder). The
 * check compares device and inode after resolving links, and names too for companions
 * that do not exist yet. Call it before anything is written; writers call it again on
 * the descriptor they are about to rename over the target. */
gboolean desk_file_check_output (const char  *path,
                                 GError     **error);

/* Every open DeskStore registers its database here, so that every writer in the process
 * refuses it as an output without having to be handed the store. */
void     _desk_file_protect     (const char  *database_path);
void     _desk_file_unprotect   (const char  *database_path);

/* Creates a temporary file beside path (for a write-then-rename), after
 * desk_file_check_output; returns its descriptor and its name. */
int      desk_file_create_temp_beside (const char  *path,
                                       int          mode,
                                       char       **tmp_path_out,
                                       GError     **error);
/* Renames tmp_path over path after checking path again; removes tmp_path on failure. */
gboolean desk_file_commit_temp  (const char  *tmp_path,
                                 const char  *path,
                                 GError     **error);

/* Writes @data to @path as a whole: checked, written beside it, synced, renamed. */
gboolean desk_file_write_contents (const char  *path,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
