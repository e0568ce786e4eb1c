/* test-json.c — records as JSON, for the CLI and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_node_get_array (root);
}

/* Every kind: an array of objects with the UUID, the group and every field by name, in
 * the JSON type its field type promises, with the values the record holds. */
static void
test_every_kind (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = desk_store_list (store, *k, NULL, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      DeskRecord *record;
      JsonArray *array;
      JsonObject *object;

      g_assert_no_error (error);
      text = desk_records_to_json (records);
      array = parse_array (text, parser);
      g_assert_cmpuint (json_array_get_length (array), ==, 1);
      record = g_ptr_array_index (records, 0);
      object = json_array_get_object_element (array, 0);
      g_assert_nonnull (object);

      g_assert_cmpstr (json_object_get_string_member (object, "uuid"), ==,
                       desk_record_get_uuid (record));
      g_assert_cmpstr (json_object_get_string_member (object, "updated"), ==, TEST_NOW);
      if (*k != DESK_KIND_GROUP)
        g_assert_cmpstr (json_object_get_string_member (object, "group"), ==, world->group);

      for (guint i = 0; (*k)->fields[i].name != NULL; i++)
        {
          const DeskField *f = &(*k)->fields[i];
          JsonNode *node = json_object_get_member (object, f->name);

          if (node == NULL)
            g_error ("%s JSON lacks %s", (*k)->name, f->name);

          switch (f->type)
            {
            case DESK_FIELD_CODE_SET:
            case DESK_FIELD_REF_SET:
              g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
              g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==,
                                g_strv_length ((char **) desk_record_index_get_set (record, i)));
              break;
            case DESK_FIELD_BOOL:
              g_assert_cmpint (json_node_get_boolean (node), ==,
                               desk_record_index_get_int (record, i) != 0);
              break;
            case DESK_FIELD_INT:
            case DESK_FIELD_MONEY:
            case DESK_FIELD_MILLI:
              if (!desk_record_index_is_set (record, i))
                g_assert_true (JSON_NODE_HOLDS_NULL (node));
              else
                g_assert_cmpint (json_node_get_int (node), ==, desk_record_index_get_int (record, i));
              break;
            case DESK_FIELD_TEXT:
            case DESK_FIELD_DATE:
            case DESK_FIELD_CURRENCY:
            case DESK_FIELD_CODE:
            case DESK_FIELD_CHOICE:
            case DESK_FIELD_REF:
            default:
              if (!desk_record_index_is_set (record, i))
                g_assert_true (JSON_NODE_HOLDS_NULL (node));
              else
                g_assert_cmpstr (json_node_get_string (node), ==,
                                 desk_record_index_get_string (record, i));
              break;
            }
        }
    }
}

static void
test_people_names (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *group = desk_demo_fill (store, &error);
  g_autoptr(GPtrArray) people = desk_store_list (store, DESK_KIND_PERSON, group, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = desk_records_to_json (people);
  JsonArray *array = parse_array (text, parser);
  gboolean chinese_seen = FALSE;

  g_assert_cmpuint (json_array_get_length (array), ==, people->len);
  for (guint i = 0; i < people->len; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *name = json_object_get_string_member (object, "name");

      g_assert_cmpstr (name, ==, desk_record_get_string (g_ptr_array_index (people, i), "name"));
      chinese_seen |= g_str_equal (name, "王海峰");
    }
  /* Non-ASCII text survives as text. */
  g_assert_true (chinese_seen);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = desk_records_to_json (none);

  g_assert_cmpuint (json_array_get_length (parse_array (text, parser)), ==, 0);
}

/* Text that needs escaping in JSON comes back as it was. */
static void
test_escaping (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(TestWorld) world = test_world_new (store, "GH-T");
  g_autoptr(DeskRecord) member = test_world_new_record (world, DESK_KIND_MEMBER);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  const char *notes = "quote \" backslash \\ newline\n tab\t 加纳";

  desk_record_set_string (member, "notes", notes);
  g_ptr_array_add (records, member);
  text = desk_records_to_json (records);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parse_array (text, parser), 0),
                                                  "notes"), ==, notes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/json/every-kind", test_every_kind);
  g_test_add_func ("/core/json/people-names", test_people_names);
  g_test_add_func ("/core/json/empty", test_empty);
  g_test_add_func ("/core/json/escaping", test_escaping);

  return g_test_run ();
}
