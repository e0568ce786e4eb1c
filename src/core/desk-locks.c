/* desk-locks.c — placeholder, being written (issue 19): nothing is locked yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-changes-private.h"
#include "desk-error.h"
#include "desk-i18n.h"

gboolean
_desk_locks_check (DeskStore      *store,
                   const DeskKind *kind,
                   DeskRecord     *before,
                   DeskRecord     *after,
                   char          **lock_uuid,
                   gboolean       *held,
                   GError        **error)
{
  *lock_uuid = NULL;
  *held = FALSE;
  return TRUE;
}

void
_desk_locks_set_reported_error (DeskStore      *store,
                                const DeskKind *kind,
                                const char     *lock_uuid,
                                GError        **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_REPORTED,
               _("This %s was reported to the secretariat. Give a reason to change it."),
               _(kind->label));
}

gboolean
_desk_locks_unlock (DeskStore      *store,
                    const DeskKind *kind,
                    DeskRecord     *before,
                    DeskRecord     *after,
                    gint64          change_id,
                    GError        **error)
{
  return TRUE;
}
