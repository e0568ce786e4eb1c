/* desk-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-date-row.h"

#include "desk-a11y.h"

#include "desk-date-private.h"

#include "desk-core.h"

struct _DeskDateRow
{
  AdwEntryRow parent_instance;

  GtkWidget *button;
  DeskDatePicker *picker;
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
set_text (gpointer    owner,
          const char *text)
{
  DeskDateRow *self = owner;
  gboolean apply = adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (self));

  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
}

static void
picked (gpointer owner)
{
  g_signal_emit (owner, signals[DATE_CHOSEN], 0);
}

static const DeskDatePickerOwner picker_owner = { set_text, picked };

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
desk_date_row_finalize (GObject *object)
{
  DeskDateRow *self = DESK_DATE_ROW (object);

  g_clear_pointer (&self->picker, _desk_date_picker_free);

  G_OBJECT_CLASS (desk_date_row_parent_class)->finalize (object);
}

static void
desk_date_row_class_init (DeskDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_date_row_finalize;
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

/* The button says which date it chooses: "Choose a Day for Start date". */
static void
title_changed_cb (DeskDateRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autofree char *name = NULL;

  if (title != NULL && *title != '\0')
    /* Translators: the name a screen reader says for a date field's calendar button;
     * %s is the field's title, as in “Choose a Day for Start date”. */
    name = g_strdup_printf (_("Choose a Day for %s"), title);
  desk_a11y_set_name (self->button, name != NULL ? name : _("Choose a Day"));
}

static void
desk_date_row_init (DeskDateRow *self)
{
  self->picker = _desk_date_picker_new (GTK_EDITABLE (self), &picker_owner, self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), _desk_date_picker_get_popover (self->picker));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Choose a Day"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->button);
  title_changed_cb (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
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
  g_return_if_fail (DESK_IS_DATE_ROW (self));

  _desk_date_picker_set_iso (self->picker, iso);
}

gboolean
desk_date_row_get_iso (DeskDateRow  *self,
                       char        **iso,
                       GError      **error)
{
  g_return_val_if_fail (DESK_IS_DATE_ROW (self), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  return _desk_date_picker_get_iso (self->picker, iso, error);
}

void
desk_date_row_set_optional (DeskDateRow *self,
                            gboolean     optional)
{
  g_return_if_fail (DESK_IS_DATE_ROW (self));

  if (desk_date_row_get_optional (self) == !!optional)
    return;

  _desk_date_picker_set_optional (self->picker, optional);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}

gboolean
desk_date_row_get_optional (DeskDateRow *self)
{
  g_return_val_if_fail (DESK_IS_DATE_ROW (self), FALSE);

  return _desk_date_picker_get_optional (self->picker);
}

GtkCalendar *
desk_date_row_get_calendar (DeskDateRow *self)
{
  g_return_val_if_fail (DESK_IS_DATE_ROW (self), NULL);

  return _desk_date_picker_get_calendar (self->picker);
}
