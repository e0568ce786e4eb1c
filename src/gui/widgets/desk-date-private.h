/* desk-date-private.h — the calendar popover DeskDateRow and DeskDateEntry share
 *
 * A DeskDatePicker is the part of a date field that is the same whatever holds the text:
 * the popover with its calendar (and Clear, for an optional date), the text written in
 * the one date format, and what was typed read back as ISO 8601 through core. The
 * widget that owns it shows the popover (from a menu button, from an entry's icon) and
 * frees it when finalized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _DeskDatePicker DeskDatePicker;

typedef struct
{
  /* Sets the text of the owner's editable (an entry row hides its apply button first). */
  void (*set_text) (gpointer    owner,
                    const char *text);
  /* The user chose a day or cleared the date; the text already shows it. */
  void (*picked)   (gpointer    owner);
} DeskDatePickerOwner;

/* A picker for @editable (also the widget styled as an error), reporting to @owner. */
DeskDatePicker *_desk_date_picker_new          (GtkEditable               *editable,
                                                const DeskDatePickerOwner *owner_funcs,
                                                gpointer                   owner);
void            _desk_date_picker_free         (DeskDatePicker            *self);

GtkWidget      *_desk_date_picker_get_popover  (DeskDatePicker            *self);
GtkCalendar    *_desk_date_picker_get_calendar (DeskDatePicker            *self);
void            _desk_date_picker_set_optional (DeskDatePicker            *self,
                                                gboolean                   optional);
gboolean        _desk_date_picker_get_optional (DeskDatePicker            *self);
void            _desk_date_picker_set_iso      (DeskDatePicker            *self,
                                                const char                *iso);
gboolean        _desk_date_picker_get_iso      (DeskDatePicker            *self,
                                                char                     **iso,
                                                GError                   **error);

G_END_DECLS
