/* desk-record-private.h — filling a record just read, for the store's reading code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-record.h"

G_BEGIN_DECLS

/* Set field @index of @self, a record just made (desk_record_new) that nobody watches yet,
 * without the "changed" signal or the comparison with the old value that a change of a
 * shown record needs: a list of 20,000 people reads 300,000 values, and each signal
 * costs a quark lookup under GLib's global lock. */
void _desk_record_load_string (DeskRecord  *self,
                               guint        index,
                               const char  *value);
void _desk_record_load_int    (DeskRecord  *self,
                               guint        index,
                               gint64       value);
/* Takes @values, a NULL-terminated array, or sets an empty set for NULL. */
void _desk_record_load_set    (DeskRecord  *self,
                               guint        index,
                               char       **values);

void _desk_record_set_seal    (DeskRecord  *self,
                               DeskSeal     seal);
/* After the record was written whole: its sealed fields are what it holds. */
void _desk_record_reset_seal  (DeskRecord  *self);

G_END_DECLS
