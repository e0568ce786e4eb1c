/* desk-demo.h — the sample group and the large generated group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Fills the store with the sample Ghana group a newcomer explores, dated around the
 * store's today. Returns the group's UUID. One transaction: all or nothing. */
char     *desk_demo_fill        (DeskStore  *store,
                                 GError    **error);

typedef struct
{
  guint32 seed;
  guint   activities;
  guint   people;
  guint   attendance;
  const char *country;  /* ISO 3166 alpha-2 (NULL: GH); the currency follows it */
} DeskGenerateOptions;

/* A large, deterministic, realistic group for benchmarks: per activity about 3
 * deliverables, 5 budget lines, 20 expenses and one workshop. Returns the group UUID.
 * Its code is GEN-<seed> in Ghana and <country>-GEN-<seed> elsewhere, so that groups of
 * several countries can be generated into one database. */
char     *desk_generate_fill    (DeskStore                 *store,
                                 const DeskGenerateOptions *options,
                                 GError                   **error);

G_END_DECLS
