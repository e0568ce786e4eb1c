/* desk-secretariat-figures.c — the figures across groups for a period, in one currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-secretariat.h"

#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-store-private.h"

/* TODO(#18 figures): written on the figures branch. */
DeskGroupFiguresSet *
desk_secretariat_figures (DeskStore   *store,
                          const char  *from,
                          const char  *to,
                          const char  *currency,
                          GError     **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED, "not yet");
  return NULL;
}

void
desk_group_figures_set_free (DeskGroupFiguresSet *set)
{
}

char *
desk_group_figures_set_to_json (DeskGroupFiguresSet *set)
{
  return NULL;
}

char *
desk_group_figures_set_to_csv (DeskGroupFiguresSet *set)
{
  return NULL;
}
