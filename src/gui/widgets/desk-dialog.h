/* desk-dialog.h — one way a modal dialog is set up and answered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* For the class_init of a dialog built from the template at @resource (which makes it
 * modal): Escape closes it, as it closes every dialog of the app. */
void desk_dialog_class_set_template (GtkWidgetClass *widget_class,
                                     const char     *resource);
/* Shows @message in a dialog's @error_label, or hides the label when @message is NULL. */
void desk_dialog_show_error         (GtkLabel       *error_label,
                                     const char     *message);
/* Ends @dialog when it did its work: @message as a toast in the window the dialog
 * belongs to (see desk_toast_show()), then the dialog closes. */
void desk_dialog_finish             (GtkWindow      *dialog,
                                     const char     *message);

/* The same after the dialog saved a file at @path: the toast offers to show it. */
void desk_dialog_finish_with_file   (GtkWindow      *dialog,
                                     const char     *message,
                                     const char     *path);

G_END_DECLS
