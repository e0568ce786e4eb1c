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
