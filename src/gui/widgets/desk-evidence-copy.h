/* desk-evidence-copy.h — an attached file written out: opened in another application, or
 * saved where the user chose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "desk-core.h"

G_BEGIN_DECLS

/* Called on the main thread once the copy is done, whatever came of it. */
typedef void (*DeskEvidenceCopyDone) (GtkWidget *widget);

/* Copies the attachment @uuid (called @name) into a private temporary file (mode 0600 in
 * a new 0700 folder of the user's runtime folder, else of the temporary one) on a
 * worker, then opens it with the default application. Failures are toasts on @widget,
 * which is held until @done. */
void  desk_evidence_copy_open     (GtkWidget            *widget,
                                   DeskStore            *store,
                                   const char           *uuid,
                                   const char           *name,
                                   DeskEvidenceCopyDone  done);
/* Writes the attachment @uuid to @path on a worker; a toast says where, or why not. */
void  desk_evidence_copy_save     (GtkWidget            *widget,
                                   DeskStore            *store,
                                   const char           *uuid,
                                   const char           *name,
                                   const char           *path,
                                   DeskEvidenceCopyDone  done);
/* An attachment's name as a file name: never a path, never hidden, never empty. */
char *desk_evidence_dup_file_name (const char           *name);

G_END_DECLS
