/* desk-dialog.c
 *
 * The export, import, sign-in and group dialogs are modal windows of their own: each
 * closes on Escape, says what went wrong in a label above its buttons rather than in
 * a second dialog, and, once its work is done, closes and leaves a toast on the main
 * window, where the coordinator goes on working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-dialog"

#include "config.h"

#include "desk-dialog.h"

#include "desk-a11y.h"
#include "desk-toast.h"

/* A dialog's controls say their names before it shows: its template made them all. */
static void
dialog_mapped (GtkWidget *widget)
{
  desk_a11y_name_controls (widget);
  g_signal_chain_from_overridden_handler (widget);
}

void
desk_dialog_class_set_template (GtkWidgetClass *widget_class,
                                const char     *resource)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  g_return_if_fail (resource != NULL);

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  g_signal_override_class_handler ("map", G_TYPE_FROM_CLASS (widget_class),
                                   G_CALLBACK (dialog_mapped));
}

void
desk_dialog_show_error (GtkLabel   *error_label,
                        const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (error_label));

  gtk_label_set_label (error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), message != NULL);
}

void
desk_dialog_finish (GtkWindow  *dialog,
                    const char *message)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));
  g_return_if_fail (message != NULL);

  /* Shown before the dialog goes: the toast finds the main window through it. */
  desk_toast_show_message (GTK_WIDGET (dialog), message);
  gtk_window_destroy (dialog);
}

void
desk_dialog_finish_with_file (GtkWindow  *dialog,
                              const char *message,
                              const char *path)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));
  g_return_if_fail (message != NULL);
  g_return_if_fail (path != NULL);

  desk_toast_show (GTK_WIDGET (dialog), desk_toast_new_show_file (message, path));
  gtk_window_destroy (dialog);
}
