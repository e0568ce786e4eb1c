/* desk-export-endorsement.c
 *
 * An expander row with a switch: off, the bundle is not said to be endorsed; on, the
 * day the group's meeting endorsed it (the app's date row), the meeting and who chaired
 * it. Core checks the date again (desk_bundle_export_endorsed); the rows only read what
 * was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-export-endorsement"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-export-endorsement.h"

#include "desk-date-row.h"

struct _DeskExportEndorsement
{
  AdwPreferencesGroup parent_instance;

  AdwExpanderRow *expander;
  DeskDateRow *on_row;
  AdwEntryRow *meeting_row;
  AdwEntryRow *chair_row;
};

G_DEFINE_FINAL_TYPE (DeskExportEndorsement, desk_export_endorsement, ADW_TYPE_PREFERENCES_GROUP)

/* The text of @row, trimmed; NULL when empty. */
static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
desk_export_endorsement_class_init (DeskExportEndorsementClass *klass)
{
}

static void
desk_export_endorsement_init (DeskExportEndorsement *self)
{
  self->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expander), _("Endorsed by the Group"));
  adw_expander_row_set_subtitle (self->expander,
                                 _("The bundle says that the group’s meeting endorsed what it reports."));
  adw_expander_row_set_show_enable_switch (self->expander, TRUE);
  adw_expander_row_set_enable_expansion (self->expander, FALSE);

  self->on_row = DESK_DATE_ROW (desk_date_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->on_row), _("Endorsed On"));
  adw_expander_row_add_row (self->expander, GTK_WIDGET (self->on_row));

  self->meeting_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->meeting_row), _("Meeting"));
  adw_expander_row_add_row (self->expander, GTK_WIDGET (self->meeting_row));

  self->chair_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chair_row), _("Chaired By"));
  adw_expander_row_add_row (self->expander, GTK_WIDGET (self->chair_row));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->expander));
}

GtkWidget *
desk_export_endorsement_new (void)
{
  return g_object_new (DESK_TYPE_EXPORT_ENDORSEMENT, NULL);
}

gboolean
desk_export_endorsement_get_enabled (DeskExportEndorsement *self)
{
  g_return_val_if_fail (DESK_IS_EXPORT_ENDORSEMENT (self), FALSE);

  return adw_expander_row_get_enable_expansion (self->expander);
}

void
desk_export_endorsement_set_enabled (DeskExportEndorsement *self,
                                     gboolean               enabled)
{
  g_return_if_fail (DESK_IS_EXPORT_ENDORSEMENT (self));

  adw_expander_row_set_enable_expansion (self->expander, enabled);
  adw_expander_row_set_expanded (self->expander, enabled);
}

void
desk_export_endorsement_set (DeskExportEndorsement *self,
                             const char            *on,
                             const char            *meeting,
                             const char            *chair)
{
  g_return_if_fail (DESK_IS_EXPORT_ENDORSEMENT (self));

  desk_date_row_set_iso (self->on_row, on);
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_row), meeting != NULL ? meeting : "");
  gtk_editable_set_text (GTK_EDITABLE (self->chair_row), chair != NULL ? chair : "");
}

gboolean
desk_export_endorsement_read (DeskExportEndorsement  *self,
                              char                  **on,
                              char                  **meeting,
                              char                  **chair,
                              GError                **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (DESK_IS_EXPORT_ENDORSEMENT (self), FALSE);

  *on = *meeting = *chair = NULL;
  if (!desk_export_endorsement_get_enabled (self))
    return TRUE;

  if (!desk_date_row_get_iso (self->on_row, &day, error))
    return FALSE;
  if (day == NULL)
    {
      g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID,
                           _("Give the day the group endorsed the bundle, or turn “Endorsed by the Group” off."));
      return FALSE;
    }

  *on = g_steal_pointer (&day);
  *meeting = dup_text (self->meeting_row);
  *chair = dup_text (self->chair_row);

  return TRUE;
}
