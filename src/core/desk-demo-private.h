/* desk-demo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Inserts a record of @kind in @group_uuid from NULL-terminated pairs of field name and
 * value written as text (numbers in decimal, sets comma-separated); a NULL value leaves
 * the field unset. Returns the new record, or NULL with @error set. */
DeskRecord *_desk_demo_add (DeskStore       *store,
                            const DeskKind  *kind,
                            const char      *group_uuid,
                            GError         **error,
                            ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
