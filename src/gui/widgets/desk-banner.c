/* desk-banner.c — a strip across the top of a view that states something lasting
 *
 * A toast goes away; a banner stays while what it says is true (a database that is not
 * saved). It slides in and out with a revealer, its colours come from the style sheet
 * (.desk-banner in ui/style.css), and its one button activates an action by name, so
 * whoever owns the action decides what it does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-banner"

#include "config.h"

#include "desk-banner.h"

#include "desk-a11y.h"

struct _DeskBanner
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel *title_label;
  GtkButton *button;
};

G_DEFINE_FINAL_TYPE (DeskBanner, desk_banner, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_banner_dispose (GObject *object)
{
  DeskBanner *self = DESK_BANNER (object);

  if (self->revealer != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->revealer));
  self->revealer = NULL;
  self->title_label = NULL;
  self->button = NULL;

  G_OBJECT_CLASS (desk_banner_parent_class)->dispose (object);
}

static void
desk_banner_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DeskBanner *self = DESK_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, desk_banner_get_title (self));
      break;
    case PROP_BUTTON_LABEL:
      g_value_set_string (value, desk_banner_get_button_label (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, desk_banner_get_revealed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_banner_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DeskBanner *self = DESK_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      desk_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_BUTTON_LABEL:
      desk_banner_set_button_label (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      desk_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_banner_class_init (DeskBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_banner_dispose;
  object_class->get_property = desk_banner_get_property;
  object_class->set_property = desk_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "desk-banner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
desk_banner_init (DeskBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->title_label, 0.5f);
  gtk_label_set_justify (self->title_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "desk-banner-title");

  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  /* Its mnemonic label said once, now and whenever it changes. */
  desk_a11y_name_controls (GTK_WIDGET (self->button));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  /* The sentence takes the width, centred, and wraps only when the window is narrow. */
  gtk_widget_add_css_class (box, "desk-banner-content");
  gtk_revealer_set_child (self->revealer, box);
}

GtkWidget *
desk_banner_new (const char *title)
{
  return g_object_new (DESK_TYPE_BANNER, "title", title, NULL);
}

const char *
desk_banner_get_title (DeskBanner *self)
{
  g_return_val_if_fail (DESK_IS_BANNER (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
desk_banner_set_title (DeskBanner *self,
                       const char *title)
{
  g_return_if_fail (DESK_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
desk_banner_get_button_label (DeskBanner *self)
{
  g_return_val_if_fail (DESK_IS_BANNER (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->button)))
    return NULL;

  return gtk_button_get_label (self->button);
}

void
desk_banner_set_button_label (DeskBanner *self,
                              const char *label)
{
  g_return_if_fail (DESK_IS_BANNER (self));

  if (g_strcmp0 (label, desk_banner_get_button_label (self)) == 0)
    return;

  gtk_button_set_label (self->button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL && label[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

gboolean
desk_banner_get_revealed (DeskBanner *self)
{
  g_return_val_if_fail (DESK_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
desk_banner_set_revealed (DeskBanner *self,
                          gboolean    revealed)
{
  g_return_if_fail (DESK_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

GtkButton *
desk_banner_get_button (DeskBanner *self)
{
  g_return_val_if_fail (DESK_IS_BANNER (self), NULL);

  return self->button;
}
