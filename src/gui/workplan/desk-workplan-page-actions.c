/* desk-workplan-page-actions.c
 *
 * The workplan's own actions, on the page's header: approve, close, reopen, edit, a new
 * workplan, and starting next year's plan from this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-workplan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-workplan-page-private.h"

#include "desk-cells.h"

static const char * const workplan_layout_main[] = { "title", "period_start", "period_end", NULL };
static const char * const workplan_layout_objectives[] = { "objectives", NULL };
/* The group's plenary or steering meeting that endorsed the plan. */
static const char * const workplan_layout_endorsement[] = {
  "endorsed_on", "endorsed_meeting", "endorsed_chair", NULL
};

void
_desk_workplan_page_update_actions (DeskWorkplanPage *self)
{
  g_autoptr(DeskRecord) workplan = desk_page_get_store (DESK_PAGE (self)) != NULL ? _desk_workplan_page_dup_workplan (self) : NULL;
  const char *status = workplan != NULL ? desk_record_get_string (workplan, "status") : NULL;
  gboolean can_write = desk_page_get_history (DESK_PAGE (self)) != NULL;

  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.new-workplan",
                                 can_write && self->group_uuid != NULL);
  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.edit", can_write && workplan != NULL);
  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.approve",
                                 g_strcmp0 (status, "draft") == 0);
  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.close",
                                 g_strcmp0 (status, "approved") == 0);
  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.reopen",
                                 g_strcmp0 (status, "approved") == 0 ||
                                 g_strcmp0 (status, "closed") == 0);
  desk_page_action_set_enabled (DESK_PAGE (self), "workplan.start-next",
                                 workplan != NULL && g_strcmp0 (status, "closed") != 0);
}

/* workplan.approve, workplan.close and workplan.reopen: the status each one sets. */
static void
status_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *status = "draft";

  if (g_str_equal (action_name, "workplan.approve"))
    status = "approved";
  else if (g_str_equal (action_name, "workplan.close"))
    status = "closed";

  if (self->workplan_uuid == NULL)
    return;

  if (!desk_workplan_set_status (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, status, &error))
    desk_page_add_toast (DESK_PAGE (self), error->message);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) workplan = _desk_workplan_page_dup_workplan (self);
  GtkWidget *editor;
  GtkWindow *window;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (workplan == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  editor = desk_record_editor_new (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_WORKPLAN);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), NULL, workplan_layout_main);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), _("Objectives"), workplan_layout_objectives);
  desk_record_editor_add_group (DESK_RECORD_EDITOR (editor), _("Endorsement"), workplan_layout_endorsement);
  desk_record_editor_set_record (DESK_RECORD_EDITOR (editor), workplan);

  window = desk_record_editor_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          _("Workplan"), editor);
  g_object_set_data (G_OBJECT (self), "desk-editor-window", window);
  gtk_window_present (window);
}

static void
new_workplan_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *title = NULL;

  desk_page_ensure_built (DESK_PAGE (self));
  if (self->group_uuid == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  today = desk_store_dup_today (desk_page_get_store (DESK_PAGE (self)));
  start = g_strdup_printf ("%.4s-01-01", today);
  end = g_strdup_printf ("%.4s-12-31", today);
  /* Translators: the title of a new workplan; %s is its year. */
  title = g_strdup_printf (_("Workplan %.4s"), today);

  record = desk_record_new (DESK_KIND_WORKPLAN);
  desk_record_set_group (record, self->group_uuid);
  desk_record_set_string (record, _desk_workplan_page_ui_field ("title"), title);
  desk_record_set_string (record, "period_start", start);
  desk_record_set_string (record, "period_end", end);
  desk_record_set_string (record, "status", "draft");
  if (!desk_history_insert (desk_page_get_history (DESK_PAGE (self)), record, &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  _desk_workplan_page_show_workplan (self, desk_record_get_uuid (record));
  gtk_widget_activate_action (widget, "workplan.edit", NULL);
}

static void
start_next_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        DeskWorkplanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) before = NULL;
  g_autofree char *uuid = NULL;

  if (!g_str_equal (response, "start") || self->workplan_uuid == NULL || desk_page_get_history (DESK_PAGE (self)) == NULL)
    return;

  /* Core writes the new plan and closes this one; the history notes both in one group,
   * so that one Ctrl+Z takes the new plan away, with everything carried into it, and
   * reopens this one. */
  /* Translators: the name of one step of the undo history (Ctrl+Z). */
  if (!desk_history_begin_group (desk_page_get_history (DESK_PAGE (self)), _("Started next year’s plan"), &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  before = desk_store_get (desk_page_get_store (DESK_PAGE (self)), DESK_KIND_WORKPLAN, self->workplan_uuid, &error);
  if (before != NULL)
    uuid = desk_workplan_start_next (desk_page_get_store (DESK_PAGE (self)), self->workplan_uuid, &error);
  if (uuid == NULL ||
      !desk_history_note_insert (desk_page_get_history (DESK_PAGE (self)), DESK_KIND_WORKPLAN, uuid, &error) ||
      !desk_history_note_update (desk_page_get_history (DESK_PAGE (self)), before, &error))
    {
      desk_history_cancel_group (desk_page_get_history (DESK_PAGE (self)));
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }
  if (!desk_history_end_group (desk_page_get_history (DESK_PAGE (self)), &error))
    {
      desk_page_add_toast (DESK_PAGE (self), error->message);
      return;
    }

  _desk_workplan_page_show_workplan (self, uuid);
  desk_page_add_toast (DESK_PAGE (self), _("The new workplan is ready, as a draft"));
}

static void
start_next_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DeskWorkplanPage *self = DESK_WORKPLAN_PAGE (widget);
  g_autoptr(DeskRecord) workplan = _desk_workplan_page_dup_workplan (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *title;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (workplan == NULL)
    return;

  title = desk_record_title (workplan, "title", NULL);
  body = g_strdup_printf (_("A new draft workplan will follow “%s”, for the period after it. "
                            "Its objectives and indicators are copied, and every unfinished "
                            "activity — planned, in progress or postponed — is carried over as "
                            "planned, with its dates moved on, its themes, its members and its "
                            "undelivered deliverables.\n\n“%s” is then closed, and otherwise "
                            "left as it is. You can reopen it later."),
                          title, title);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Start Next Year’s Plan?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Next Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_next_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Class */

void
_desk_workplan_page_class_install_actions (GtkWidgetClass *widget_class)
{
  desk_page_class_set_writing_actions (DESK_PAGE_CLASS (widget_class), (const char *[]) {
    "workplan.new-workplan", "workplan.edit", "workplan.approve", "workplan.close",
    "workplan.reopen", "workplan.start-next", NULL });
  gtk_widget_class_install_action (widget_class, "workplan.new-workplan", NULL, new_workplan_activated);
  gtk_widget_class_install_action (widget_class, "workplan.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "workplan.approve", NULL, status_activated);
  gtk_widget_class_install_action (widget_class, "workplan.close", NULL, status_activated);
  gtk_widget_class_install_action (widget_class, "workplan.reopen", NULL, status_activated);
  gtk_widget_class_install_action (widget_class, "workplan.start-next", NULL, start_next_activated);
}
