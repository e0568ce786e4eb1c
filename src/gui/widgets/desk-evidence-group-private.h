/* desk-evidence-group-private.h — what tests reach inside the evidence section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-evidence-group.h"

G_BEGIN_DECLS

/* The row of attachment @uuid (shown or hidden), or NULL. */
GtkWidget    *_desk_evidence_group_get_row            (DeskEvidenceGroup *self,
                                                       const char        *uuid);
AdwEntryRow  *_desk_evidence_group_get_caption_row    (DeskEvidenceGroup *self,
                                                       const char        *uuid);
GtkSwitch    *_desk_evidence_group_get_personal_switch (DeskEvidenceGroup *self,
                                                       const char        *uuid);
/* The row's Open button, or its Save As one when @save. */
GtkWidget    *_desk_evidence_group_get_button         (DeskEvidenceGroup *self,
                                                       const char        *uuid,
                                                       gboolean           save);
/* The thumbnail shown for @uuid once made, or NULL (an icon instead). */
GdkPaintable *_desk_evidence_group_get_thumbnail      (DeskEvidenceGroup *self,
                                                       const char        *uuid);
/* The Undo toast of a removal still waiting, or NULL. */
AdwToast     *_desk_evidence_group_get_undo_toast     (DeskEvidenceGroup *self,
                                                       const char        *uuid);
/* How many files are shown (a removal waiting for its toast hides its row). */
guint         _desk_evidence_group_count_shown        (DeskEvidenceGroup *self);
GtkLabel     *_desk_evidence_group_get_error_label    (DeskEvidenceGroup *self);
GtkWidget    *_desk_evidence_group_get_empty_label    (DeskEvidenceGroup *self);
/* Iterates the main loop until the files being added and the thumbnails are done. */
void          _desk_evidence_group_wait               (DeskEvidenceGroup *self);

/* What opens a file with the default application (by default
 * g_app_info_launch_default_for_uri), or NULL for the default again. */
typedef gboolean (*DeskEvidenceLauncher) (const char  *uri,
                                          GError     **error);
void          _desk_evidence_group_set_launcher       (DeskEvidenceLauncher launcher);

G_END_DECLS
