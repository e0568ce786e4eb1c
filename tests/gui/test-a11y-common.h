/* test-a11y-common.h — asserting what a screen reader hears of a widget, written once
 * (static inline: one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* @widget's accessible @property is @expected (GTK's test API says what it is instead). */
static inline void
assert_accessible_property (GtkWidget             *widget,
                            GtkAccessibleProperty  property,
                            const char            *expected)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  g_assert_cmpstr (error, ==, NULL);
}

/* The name a screen reader says for @widget is @expected. */
static inline void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  assert_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
}

/* What a screen reader says after the name of @widget is @expected. */
static inline void
assert_description (GtkWidget  *widget,
                    const char *expected)
{
  assert_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

/* What the key @keyval (with @state) does on @widget, as GTK hands a key to the widget
 * the focus is in: its capture-phase key controllers hear it first. Whether one of them
 * took it; the main loop then runs what it started. */
static inline gboolean
press_key_captured (GtkWidget       *widget,
                    guint            keyval,
                    GdkModifierType  state)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      g_object_unref (controller);
    }
  g_object_unref (controllers);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return handled;
}
