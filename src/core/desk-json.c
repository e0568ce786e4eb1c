/* desk-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-json"

#include "config.h"

#include "desk-json.h"

JsonNode *
desk_record_to_json (DeskRecord *record)
{
  const DeskKind *kind = desk_record_get_kind (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, desk_record_get_uuid (record));
  if (kind != DESK_KIND_GROUP)
    {
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, desk_record_get_group (record));
    }
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, desk_record_get_updated (record));

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];

      json_builder_set_member_name (builder, f->name);
      switch (f->type)
        {
        case DESK_FIELD_CODE_SET:
        case DESK_FIELD_REF_SET:
          {
            const char *const *values = desk_record_index_get_set (record, i);

            json_builder_begin_array (builder);
            for (guint j = 0; values[j] != NULL; j++)
              json_builder_add_string_value (builder, values[j]);
            json_builder_end_array (builder);
          }
          break;

        case DESK_FIELD_INT:
        case DESK_FIELD_MONEY:
        case DESK_FIELD_MILLI:
          if (desk_record_index_is_set (record, i))
            json_builder_add_int_value (builder, desk_record_index_get_int (record, i));
          else
            json_builder_add_null_value (builder);
          break;

        case DESK_FIELD_BOOL:
          json_builder_add_boolean_value (builder, desk_record_index_get_int (record, i) != 0);
          break;

        case DESK_FIELD_TEXT:
        case DESK_FIELD_DATE:
        case DESK_FIELD_CURRENCY:
        case DESK_FIELD_CODE:
        case DESK_FIELD_CHOICE:
        case DESK_FIELD_REF:
        default:
          if (desk_record_index_is_set (record, i))
            json_builder_add_string_value (builder, desk_record_index_get_string (record, i));
          else
            json_builder_add_null_value (builder);
          break;
        }
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
desk_records_to_json (GPtrArray *records)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *array = json_array_sized_new (records->len);

  for (guint i = 0; i < records->len; i++)
    json_array_add_element (array, desk_record_to_json (g_ptr_array_index (records, i)));
  json_node_take_array (root, array);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

void
desk_json_add_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (name != NULL);

  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
