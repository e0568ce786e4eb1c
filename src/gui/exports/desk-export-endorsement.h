/* desk-export-endorsement.h — “Endorsed by the group”, in the export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

#define DESK_TYPE_EXPORT_ENDORSEMENT (desk_export_endorsement_get_type ())

G_DECLARE_FINAL_TYPE (DeskExportEndorsement, desk_export_endorsement, DESK, EXPORT_ENDORSEMENT, AdwPreferencesGroup)

GtkWidget  *desk_export_endorsement_new         (void);
gboolean    desk_export_endorsement_get_enabled (DeskExportEndorsement *self);
void        desk_export_endorsement_set_enabled (DeskExportEndorsement *self,
                                                 gboolean               enabled);
/* Fills the rows (for a test, or the screenshots): @on ISO, the others may be NULL. */
void        desk_export_endorsement_set         (DeskExportEndorsement *self,
                                                 const char            *on,
                                                 const char            *meeting,
                                                 const char            *chair);
/* What the rows say: *@on NULL when the bundle is not endorsed; the meeting and chair
 * NULL when left empty. FALSE, with a sentence in @error, when it is endorsed without a
 * date or with a text that is no date. */
gboolean    desk_export_endorsement_read        (DeskExportEndorsement *self,
                                                 char                 **on,
                                                 char                 **meeting,
                                                 char                 **chair,
                                                 GError               **error);

G_END_DECLS
