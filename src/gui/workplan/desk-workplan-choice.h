/* desk-workplan-choice.h — which workplan a page shows, chosen in its header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "desk-core.h"

G_BEGIN_DECLS

/**
 * DeskWorkplanChoice:
 *
 * The header of a page that shows one workplan at a time (Workplan and Budget): a
 * drop-down of the group's plans when there are several, else the one plan's title.
 * A plain struct in the page, which owns the two widgets (template children).
 */
typedef struct
{
  GtkDropDown *dropdown;
  GtkLabel *title;
  GPtrArray *uuids;   /* the drop-down's order */
  gboolean syncing;   /* while the page itself sets the drop-down */
} DeskWorkplanChoice;

void        desk_workplan_choice_init       (DeskWorkplanChoice *self,
                                             GtkDropDown        *dropdown,
                                             GtkLabel           *title);
void        desk_workplan_choice_clear      (DeskWorkplanChoice *self);
/* Lists @workplans (the group's DeskRecordModel) with @uuid selected and its title shown. */
void        desk_workplan_choice_show       (DeskWorkplanChoice *self,
                                             GListModel         *workplans,
                                             const char         *uuid);
/* Empties the drop-down, as before the page is built. */
void        desk_workplan_choice_reset      (DeskWorkplanChoice *self);
/* For the drop-down's notify::selected: the workplan the user chose, or NULL while the
 * page sets the drop-down itself. */
const char *desk_workplan_choice_get_chosen (DeskWorkplanChoice *self);

G_END_DECLS
