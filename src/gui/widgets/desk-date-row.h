/* desk-date-row.h — a date typed or chosen from a calendar, as a row of a form
 *
 * A DeskDateRow is an AdwEntryRow that shows a date the one way the app writes dates
 * (desk_date_format(): "5 Mar 2026", "2026年3月5日") and reads back what was typed in
 * that format or in ISO 8601. Its button opens a popover with a calendar: a day clicked
 * (or chosen with the arrows and Space) fills the row and closes it; Escape closes it
 * unchanged. An optional date has a Clear button in the popover. Every value leaves the
 * row as ISO 8601 (YYYY-MM-DD), through desk_date_row_get_iso(); a text that is no date
 * is refused with core's sentence.
 *
 * In a template: <object class="DeskDateRow" id="from_row"> (the type is registered by
 * desk_date_row_get_type(): call g_type_ensure (DESK_TYPE_DATE_ROW) in class_init).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DESK_TYPE_DATE_ROW (desk_date_row_get_type ())
G_DECLARE_FINAL_TYPE (DeskDateRow, desk_date_row, DESK, DATE_ROW, AdwEntryRow)

GtkWidget   *desk_date_row_new           (void);

/* Shows @iso (YYYY-MM-DD) as the app writes dates; NULL or "" empties the row. Emits
 * no signal: filling is not a choice. */
void         desk_date_row_set_iso       (DeskDateRow  *self,
                                          const char   *iso);
/* What the row holds, as ISO 8601 in *@iso (newly allocated): NULL when the row is
 * empty. FALSE, with core's sentence in @error and the row styled as an error, when the
 * text is not a date. */
gboolean     desk_date_row_get_iso       (DeskDateRow  *self,
                                          char        **iso,
                                          GError      **error);

/* An optional date can be cleared from the popover. */
void         desk_date_row_set_optional  (DeskDateRow  *self,
                                          gboolean      optional);
gboolean     desk_date_row_get_optional  (DeskDateRow  *self);

/* The popover's calendar (for tests and for marking days). */
GtkCalendar *desk_date_row_get_calendar  (DeskDateRow  *self);

/* Signals:
 *   "date-chosen" (void): the user chose a day in the calendar or cleared the date; the
 *   row already shows it. Typing emits nothing: the owner reads the row when it applies
 *   or leaves it, as for any entry row. */

G_END_DECLS
