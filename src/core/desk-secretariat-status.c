/* desk-secretariat-status.c — who reported what: each group's last bundle and chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-secretariat.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* TODO(#18 status): written on the status branch. */
GPtrArray *
desk_secretariat_status (DeskStore   *store,
                         const char  *today,
                         GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED, "not yet");
  return NULL;
}

void
desk_group_status_free (DeskGroupStatus *status)
{
}

const char *
desk_chain_to_string (DeskChain chain)
{
  return "ok";
}

const char *
desk_chain_label (DeskChain chain)
{
  return "";
}
