/* desk-date-entry.h — a compact date field with a calendar, for toolbars
 *
 * A DeskDateEntry is a GtkEntry that behaves as a DeskDateRow does (the same popover,
 * the one date format shown, that format or ISO 8601 read back), for places with no
 * room for a row: its calendar opens from the icon at its end. In a template:
 * <object class="DeskDateEntry" id="from_entry"> after g_type_ensure (DESK_TYPE_DATE_ENTRY).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_DATE_ENTRY (desk_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (DeskDateEntry, desk_date_entry, DESK, DATE_ENTRY, GtkEntry)

GtkWidget   *desk_date_entry_new          (void);

/* As desk_date_row_set_iso() and desk_date_row_get_iso(). */
void         desk_date_entry_set_iso      (DeskDateEntry  *self,
                                           const char     *iso);
gboolean     desk_date_entry_get_iso      (DeskDateEntry  *self,
                                           char          **iso,
                                           GError        **error);
GtkCalendar *desk_date_entry_get_calendar (DeskDateEntry  *self);
/* Opens the calendar, as the icon does. */
void         desk_date_entry_popup        (DeskDateEntry  *self);

/* Signals: "date-chosen" (void), as DeskDateRow's. */

G_END_DECLS
