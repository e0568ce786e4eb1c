/* test-window-common.h — waiting for the main loop, and opening and freeing windows: what
 * every GUI test binary needs, written once (static inline: one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include "desk-window.h"
#include "test-sample-common.h"

static inline gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

/* Lets pending idles, layouts and frames run for a moment. */
static inline void
wait_a_moment (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  /* GTK owns toplevels; the test keeps its own reference to check they are freed. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_a_moment (50);

  return window;
}

static inline void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_a_moment (20);
  g_assert_finalize_object (window);
}
