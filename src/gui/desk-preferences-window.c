/* desk-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-preferences-window.h"

#define SCHEMA_ID "org.voluntaryprinciples.Groupdesk"

struct _DeskPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  DeskStore *store;
  GSettings *settings;

  /* Template widgets */
  AdwActionRow *database_row;
  GtkButton *copy_button;
  AdwComboRow *language_row;
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of the language combo, in the order of the .ui file; the nicks of the
 * schema's Language enum. */
static const char * const language_nicks[] = { "system", "en", "zh_CN" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_nicks); i++)
    if (g_str_equal (nick, language_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (language_nicks))
    return NULL;

  return g_variant_new_string (language_nicks[selected]);
}

static void
copy_path_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (widget);
  const char *path;

  if (self->store == NULL || (path = desk_store_get_path (self->store)) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), path);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Path copied")));
}

static void
desk_preferences_window_update_database (DeskPreferencesWindow *self)
{
  const char *path = self->store != NULL ? desk_store_get_path (self->store) : NULL;

  if (path != NULL)
    {
      adw_action_row_set_subtitle (self->database_row, path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_row), path);
    }
  else
    {
      adw_action_row_set_subtitle (self->database_row,
                                   _("Kept in memory only: nothing is saved when Groupdesk closes"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_row), NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.copy-path", path != NULL);
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = (DeskPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_constructed (GObject *object)
{
  DeskPreferencesWindow *self = (DeskPreferencesWindow *) object;

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->constructed (object);

  desk_preferences_window_update_database (self);
}

static void
desk_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_preferences_window_constructed;
  object_class->dispose = desk_preferences_window_dispose;
  object_class->get_property = desk_preferences_window_get_property;
  object_class->set_property = desk_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, language_row);

  gtk_widget_class_install_action (widget_class, "preferences.copy-path", NULL, copy_path_activated);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Without the schema (an uninstalled run that did not point GSETTINGS_SCHEMA_DIR at
   * the build) the language cannot be kept: say so rather than abort. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema != NULL)
    {
      self->settings = g_settings_new (SCHEMA_ID);
      g_settings_bind_with_mapping (self->settings, "language",
                                    self->language_row, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    language_get_mapping, language_set_mapping,
                                    NULL, NULL);
    }
  else
    {
      g_debug ("Schema %s is not installed: the language cannot be kept", SCHEMA_ID);
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
    }
}

GtkWidget *
desk_preferences_window_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       NULL);
}

DeskStore *
desk_preferences_window_get_store (DeskPreferencesWindow *self)
{
  g_return_val_if_fail (DESK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}
