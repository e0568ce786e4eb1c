/* desk-file-chooser.h — asking for a file to open or to save, the same way everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A filter called @name that lets through what any of its NULL-terminated items names:
 * a MIME type when the item has a slash ("text/csv"), a glob pattern when it has a star
 * ("*.csv", "*"), else a file name suffix, in any case ("csv"). */
GtkFileFilter *desk_file_filter_new  (const char *name,
                                      const char *first_item,
                                      ...) G_GNUC_NULL_TERMINATED;

/* What to do with the file the user chose; @owner is the object that asked. */
typedef void (*DeskFileChosenFunc) (gpointer  owner,
                                    GFile    *file);

/* Asks for a file in a chooser modal on @parent: one to save, suggesting @save_name, or
 * one to open when @save_name is NULL; the filters follow, a NULL-terminated list of
 * filters that the chooser takes, the first chosen. @chosen runs with the file, or not at
 * all when the user cancels. The chooser belongs to @owner (a GObject): asking again for
 * @owner replaces it, and desk_file_chooser_cancel() closes it unanswered. */
void           desk_file_chooser_ask (gpointer            owner,
                                      GtkWindow          *parent,
                                      const char         *title,
                                      const char         *save_name,
                                      DeskFileChosenFunc  chosen,
                                      GtkFileFilter      *first_filter,
                                      ...) G_GNUC_NULL_TERMINATED;
/* What to do with the files the user chose (GFile, borrowed, in the order chosen; never
 * empty); @owner is the object that asked. */
typedef void (*DeskFilesChosenFunc) (gpointer  owner,
                                     GSList   *files);

/* Asks for one or more files to open, as desk_file_chooser_ask() does for one: the
 * chooser lets several be selected, and its button says @accept_label ("_Add"; NULL:
 * "_Open"). No filter: any file. It is @owner's chooser like the other (asking again
 * replaces it; desk_file_chooser_cancel() closes it). */
void           desk_file_chooser_ask_files (gpointer             owner,
                                            GtkWindow           *parent,
                                            const char          *title,
                                            const char          *accept_label,
                                            DeskFilesChosenFunc  chosen);
/* Closes @owner's chooser, if it has one, without an answer: for @owner's dispose. */
void           desk_file_chooser_cancel (gpointer owner);

G_END_DECLS
