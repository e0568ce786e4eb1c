/* desk-date-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-date-private.h"

#include "desk-core.h"

struct _DeskDatePicker
{
  GtkEditable *editable;
  const DeskDatePickerOwner *funcs;
  gpointer owner;

  GtkWidget *popover;       /* a reference: the owner parents it */
  GtkCalendar *calendar;
  GtkWidget *clear_button;
  GtkEventController *click;
  GtkEventController *keys;

  gboolean updating;        /* filling the calendar: its day-selected is not a choice */
};

static void
set_text (DeskDatePicker *self,
          const char     *text)
{
  if (g_strcmp0 (gtk_editable_get_text (self->editable), text) == 0)
    return;

  if (self->funcs->set_text != NULL)
    self->funcs->set_text (self->owner, text);
  else
    gtk_editable_set_text (self->editable, text);
}

/* The calendar's day becomes the text and the popover closes. A day the text already
 * shows is no change to report. */
static void
choose_day (DeskDatePicker *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *text = desk_date_format (iso);
  gboolean same = g_strcmp0 (gtk_editable_get_text (self->editable), text) == 0;

  set_text (self, text);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (!same)
    self->funcs->picked (self->owner);
}

static void
day_selected_cb (GtkCalendar    *calendar,
                 DeskDatePicker *self)
{
  if (!self->updating)
    choose_day (self);
}

/* GtkCalendar says day-selected only when the day of the month changes: a click on the
 * 7th after moving from 7 May to 7 June would say nothing. A click on a day chooses it
 * whatever the calendar said. */
static void
calendar_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      DeskDatePicker  *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->calendar), x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number") &&
      gtk_widget_get_visible (self->popover))
    choose_day (self);
}

/* Enter chooses the day the calendar holds (arrows move, Space selects, as GtkCalendar
 * does; Escape closes the popover without a change). */
static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         DeskDatePicker        *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  choose_day (self);

  return GDK_EVENT_STOP;
}

/* The calendar opens on the day typed, or where it was when the text is none. */
static void
popover_shown_cb (GtkPopover     *popover,
                  DeskDatePicker *self)
{
  g_autofree char *iso = desk_date_parse_shown (gtk_editable_get_text (self->editable), NULL);
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  if (iso == NULL || !desk_date_parse (iso, &date))
    return;

  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 0, 0, 0);
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->updating = FALSE;
}

static void
clear_clicked_cb (DeskDatePicker *self)
{
  set_text (self, "");
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  self->funcs->picked (self->owner);
}

/* A change of the text takes back the error style of the text before it. */
static void
text_changed_cb (GtkEditable *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

DeskDatePicker *
_desk_date_picker_new (GtkEditable               *editable,
                       const DeskDatePickerOwner *owner_funcs,
                       gpointer                   owner)
{
  DeskDatePicker *self = g_new0 (DeskDatePicker, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->editable = editable;
  self->funcs = owner_funcs;
  self->owner = owner;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));

  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Date"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_visible (self->clear_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->clear_button);

  self->popover = g_object_ref_sink (gtk_popover_new ());
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);

  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  self->click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (self->click, "released", G_CALLBACK (calendar_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), self->click);
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), self->keys);
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_shown_cb), self);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  g_signal_connect (editable, "changed", G_CALLBACK (text_changed_cb), NULL);

  return self;
}

void
_desk_date_picker_free (DeskDatePicker *self)
{
  /* The calendar may outlive this while its parent goes: it reports to nobody. */
  g_signal_handlers_disconnect_by_data (self->calendar, self);
  g_signal_handlers_disconnect_by_data (self->click, self);
  g_signal_handlers_disconnect_by_data (self->keys, self);
  g_signal_handlers_disconnect_by_data (self->popover, self);
  g_signal_handlers_disconnect_by_data (self->clear_button, self);
  g_object_unref (self->popover);
  g_free (self);
}

GtkWidget *
_desk_date_picker_get_popover (DeskDatePicker *self)
{
  return self->popover;
}

GtkCalendar *
_desk_date_picker_get_calendar (DeskDatePicker *self)
{
  return self->calendar;
}

void
_desk_date_picker_set_optional (DeskDatePicker *self,
                                gboolean        optional)
{
  gtk_widget_set_visible (self->clear_button, optional);
}

gboolean
_desk_date_picker_get_optional (DeskDatePicker *self)
{
  return gtk_widget_get_visible (self->clear_button);
}

void
_desk_date_picker_set_iso (DeskDatePicker *self,
                           const char     *iso)
{
  g_autofree char *text = iso != NULL && iso[0] != '\0' ? desk_date_format (iso) : g_strdup ("");

  set_text (self, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->editable), "error");
}

gboolean
_desk_date_picker_get_iso (DeskDatePicker  *self,
                           char           **iso,
                           GError         **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->editable)));
  g_autofree char *read = NULL;

  *iso = NULL;
  if (text[0] == '\0')
    return TRUE;

  read = desk_date_parse_shown (text, error);
  if (read == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->editable), "error");
      return FALSE;
    }

  *iso = g_steal_pointer (&read);

  return TRUE;
}
