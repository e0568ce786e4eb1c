/* desk-date-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-date-entry.h"

#include "desk-date-private.h"

struct _DeskDateEntry
{
  GtkEntry parent_instance;

  DeskDatePicker *picker;
};

enum
{
  DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DeskDateEntry, desk_date_entry, GTK_TYPE_ENTRY)

static void
picked (gpointer owner)
{
  g_signal_emit (owner, signals[DATE_CHOSEN], 0);
}

/* The entry's own text setter will do. */
static const DeskDatePickerOwner picker_owner = { NULL, picked };

static void
icon_pressed_cb (DeskDateEntry        *self,
                 GtkEntryIconPosition  position)
{
  if (position == GTK_ENTRY_ICON_SECONDARY)
    desk_date_entry_popup (self);
}

static void
desk_date_entry_dispose (GObject *object)
{
  DeskDateEntry *self = DESK_DATE_ENTRY (object);

  /* The popover is a child of the entry's own: it leaves with the entry. */
  if (self->picker != NULL)
    {
      GtkWidget *popover = _desk_date_picker_get_popover (self->picker);

      if (gtk_widget_get_parent (popover) == GTK_WIDGET (self))
        gtk_widget_unparent (popover);
    }

  G_OBJECT_CLASS (desk_date_entry_parent_class)->dispose (object);
}

static void
desk_date_entry_finalize (GObject *object)
{
  DeskDateEntry *self = DESK_DATE_ENTRY (object);

  g_clear_pointer (&self->picker, _desk_date_picker_free);

  G_OBJECT_CLASS (desk_date_entry_parent_class)->finalize (object);
}

static void
desk_date_entry_class_init (DeskDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_date_entry_dispose;
  object_class->finalize = desk_date_entry_finalize;

  signals[DATE_CHOSEN] =
    g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
desk_date_entry_init (DeskDateEntry *self)
{
  GtkEntry *entry = GTK_ENTRY (self);

  self->picker = _desk_date_picker_new (GTK_EDITABLE (self), &picker_owner, self);
  gtk_widget_set_parent (_desk_date_picker_get_popover (self->picker), GTK_WIDGET (self));

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, "x-office-calendar-symbolic");
  gtk_entry_set_icon_activatable (entry, GTK_ENTRY_ICON_SECONDARY, TRUE);
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, _("Choose a Day"));
  g_signal_connect (self, "icon-press", G_CALLBACK (icon_pressed_cb), NULL);
}

GtkWidget *
desk_date_entry_new (void)
{
  return g_object_new (DESK_TYPE_DATE_ENTRY, NULL);
}

void
desk_date_entry_set_iso (DeskDateEntry *self,
                         const char    *iso)
{
  g_return_if_fail (DESK_IS_DATE_ENTRY (self));

  _desk_date_picker_set_iso (self->picker, iso);
}

gboolean
desk_date_entry_get_iso (DeskDateEntry  *self,
                         char          **iso,
                         GError        **error)
{
  g_return_val_if_fail (DESK_IS_DATE_ENTRY (self), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  return _desk_date_picker_get_iso (self->picker, iso, error);
}

GtkCalendar *
desk_date_entry_get_calendar (DeskDateEntry *self)
{
  g_return_val_if_fail (DESK_IS_DATE_ENTRY (self), NULL);

  return _desk_date_picker_get_calendar (self->picker);
}

void
desk_date_entry_popup (DeskDateEntry *self)
{
  GtkPopover *popover;
  GdkRectangle area;

  g_return_if_fail (DESK_IS_DATE_ENTRY (self));

  popover = GTK_POPOVER (_desk_date_picker_get_popover (self->picker));
  gtk_entry_get_icon_area (GTK_ENTRY (self), GTK_ENTRY_ICON_SECONDARY, &area);
  gtk_popover_set_pointing_to (popover, &area);
  gtk_popover_popup (popover);
}
