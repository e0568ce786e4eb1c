/* test-sample-common.h — the sample group in a database in memory, for GUI tests, written
 * once (static inline: one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-core.h"

/* A database in memory with the sample group (the Ghana group of `groupdesk-cli demo`). */
static inline DeskStore *
new_sample_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *uuid = NULL;

  g_assert_no_error (error);
  uuid = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  return g_steal_pointer (&store);
}
