/* desk-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-date-row.h"

#include "desk-core.h"

struct _DeskDateRow
{
  AdwEntryRow parent_instance;

  GtkWidget *button;
  GtkWidget *popover;
  GtkCalendar *calendar;
  GtkWidget *clear_button;

  gboolean updating;    /* filling the calendar: its day-selected is not a choice */
};

enum
{
  PROP_0,
  PROP_OPTIONAL,
  N_PROPS
};

enum
{
  DATE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DeskDateRow, desk_date_row, ADW_TYPE_ENTRY_ROW)

/* Sets the text without the apply button appearing, as if the user had typed it. */
static void
set_text (DeskDateRow *self,
          const char  *text)
{
  gboolean apply = adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), text) == 0)
    return;

  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 DeskDateRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  date = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (date, "%Y-%m-%d");
  text = desk_date_format (iso);
  set_text (self, text);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[DATE_CHOSEN], 0);
}

/* The calendar opens on the row's day, or where it was when the row holds none. */
static void
popover_shown_cb (GtkPopover  *popover,
                  DeskDateRow *self)
{
  g_autofree char *iso = desk_date_parse_shown (gtk_editable_get_text (GTK_EDITABLE (self)), NULL);
  GDate date;

  if (iso == NULL || !desk_date_parse (iso, &date))
    return;

  self->updating = TRUE;
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                      g_date_get_day (&date), 0, 0, 0);
    gtk_calendar_select_day (self->calendar, day);
  }
  self->updating = FALSE;
}

static void
clear_clicked_cb (DeskDateRow *self)
{
  set_text (self, "");
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[DATE_CHOSEN], 0);
}

/* A change of the text takes back the error style of the text before it. */
static void
text_changed_cb (DeskDateRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

static void
desk_date_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DeskDateRow *self = DESK_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_OPTIONAL:
      g_value_set_boolean (value, desk_date_row_get_optional (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_date_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DeskDateRow *self = DESK_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_OPTIONAL:
      desk_date_row_set_optional (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_date_row_class_init (DeskDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_date_row_get_property;
  object_class->set_property = desk_date_row_set_property;

  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DATE_CHOSEN] =
    g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
desk_date_row_init (DeskDateRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));

  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Date"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_visible (self->clear_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->clear_button);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Choose a Day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Day"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->button);

  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_shown_cb), self);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
}

GtkWidget *
desk_date_row_new (void)
{
  return g_object_new (DESK_TYPE_DATE_ROW, NULL);
}

void
desk_date_row_set_iso (DeskDateRow *self,
                       const char  *iso)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DESK_IS_DATE_ROW (self));

  text = iso != NULL && iso[0] != '\0' ? desk_date_format (iso) : g_strdup ("");
  set_text (self, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

gboolean
desk_date_row_get_iso (DeskDateRow  *self,
                       char        **iso,
                       GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *read = NULL;

  g_return_val_if_fail (DESK_IS_DATE_ROW (self), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  *iso = NULL;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  if (text[0] == '\0')
    return TRUE;

  read = desk_date_parse_shown (text, error);
  if (read == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      return FALSE;
    }

  *iso = g_steal_pointer (&read);

  return TRUE;
}

void
desk_date_row_set_optional (DeskDateRow *self,
                            gboolean     optional)
{
  g_return_if_fail (DESK_IS_DATE_ROW (self));

  if (desk_date_row_get_optional (self) == !!optional)
    return;

  gtk_widget_set_visible (self->clear_button, optional);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}

gboolean
desk_date_row_get_optional (DeskDateRow *self)
{
  g_return_val_if_fail (DESK_IS_DATE_ROW (self), FALSE);

  return gtk_widget_get_visible (self->clear_button);
}

GtkCalendar *
desk_date_row_get_calendar (DeskDateRow *self)
{
  g_return_val_if_fail (DESK_IS_DATE_ROW (self), NULL);

  return self->calendar;
}
