/* desk-welcome-view.c
 *
 * The first run explains itself: what Groupdesk is for, and two ways in. Its buttons
 * activate the window's win.create-group and win.explore-sample actions; the window asks
 * the view whether to protect names once the group it creates is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-welcome-view"

#include "config.h"

#include "desk-welcome-view.h"

#include <glib/gi18n.h>

#include "desk-a11y.h"

struct _DeskWelcomeView
{
  AdwBin parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
  GtkCheckButton *protect_check;
};

G_DEFINE_FINAL_TYPE (DeskWelcomeView, desk_welcome_view, ADW_TYPE_BIN)

static void
desk_welcome_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_WELCOME_VIEW);

  G_OBJECT_CLASS (desk_welcome_view_parent_class)->dispose (object);
}

static void
desk_welcome_view_class_init (DeskWelcomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_welcome_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-welcome-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWelcomeView, status_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWelcomeView, protect_check);
}

/* Each button and check button under @widget said by its label once, without the
 * mnemonic's underscore (GTK 4.8 says "_Create Your Group Create Your Group"); the menu
 * button as "Main Menu". */
static void
name_buttons (GtkWidget *widget)
{
  const char *label = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      desk_a11y_set_menu_button_name (widget, _("Main Menu"));
      return;
    }
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  if (label != NULL)
    {
      g_autofree char *name = desk_a11y_strip_mnemonic (label);

      desk_a11y_set_name (widget, name);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons (child);
}

static void
desk_welcome_view_init (DeskWelcomeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_buttons (GTK_WIDGET (self));

  /* The icon carries the application id, which differs in development builds. */
  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
}

GtkWidget *
desk_welcome_view_new (void)
{
  return g_object_new (DESK_TYPE_WELCOME_VIEW, NULL);
}

gboolean
desk_welcome_view_get_protect (DeskWelcomeView *self)
{
  g_return_val_if_fail (DESK_IS_WELCOME_VIEW (self), FALSE);

  return gtk_check_button_get_active (self->protect_check);
}

void
desk_welcome_view_set_protect (DeskWelcomeView *self,
                               gboolean         protect)
{
  g_return_if_fail (DESK_IS_WELCOME_VIEW (self));

  gtk_check_button_set_active (self->protect_check, protect);
}
