/* desk-json.h — records as JSON, for the CLI and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "desk-record.h"

G_BEGIN_DECLS

/* An object with "uuid", "group", "updated" and every field by name; sets are arrays,
 * unset values null. */
JsonNode *desk_record_to_json      (DeskRecord *record);
/* Adds the member @name to the object @builder is building: @value, or null. */
void      desk_json_add_string     (JsonBuilder *builder,
                                    const char  *name,
                                    const char  *value);
/* A JSON array of the records, pretty-printed. */
char     *desk_records_to_json     (GPtrArray  *records);

G_END_DECLS
