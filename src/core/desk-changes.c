/* desk-changes.c — placeholder, being written (issue 19): nothing is recorded yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-changes-private.h"

DeskChangeAction
_desk_changes_set_action (DeskStore       *store,
                          DeskChangeAction action)
{
  return DESK_CHANGE_UPDATE;
}

gboolean
_desk_changes_record_import (DeskStore   *store,
                             const char  *group_uuid,
                             const char  *summary,
                             GError     **error)
{
  return TRUE;
}

gint64
_desk_changes_last_id (DeskStore  *store,
                       GError    **error)
{
  return 0;
}
