/* test-demo.c — the sample group and the generated group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static GPtrArray *
list (DeskStore      *store,
      const DeskKind *kind,
      const char     *group)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = desk_store_list (store, kind, group, &error);

  g_assert_no_error (error);

  return records;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

static DeskStore *
demo_store (const char  *now,
            char       **group)
{
  g_autoptr(GError) error = NULL;
  DeskStore *store = test_open_memory (now);

  *group = desk_demo_fill (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*group);

  return store;
}

static void
test_demo_contents (void)
{
  g_autofree char *group_uuid = NULL;
  g_autoptr(DeskStore) store = demo_store ("2026-11-25T09:00:00Z", &group_uuid);
  g_autoptr(DeskRecord) group = desk_store_get (store, DESK_KIND_GROUP, group_uuid, NULL);
  g_autoptr(GPtrArray) groups = list (store, DESK_KIND_GROUP, NULL);
  g_autoptr(GPtrArray) pillars = test_read_reference ("pillars.tsv");
  g_autoptr(GPtrArray) members = list (store, DESK_KIND_MEMBER, group_uuid);
  g_autoptr(GPtrArray) activities = list (store, DESK_KIND_ACTIVITY, group_uuid);
  g_autoptr(GPtrArray) deliverables = list (store, DESK_KIND_DELIVERABLE, group_uuid);
  g_autoptr(GPtrArray) lines = list (store, DESK_KIND_BUDGET_LINE, group_uuid);
  g_autoptr(GPtrArray) funding = list (store, DESK_KIND_FUNDING, group_uuid);
  g_autoptr(GPtrArray) workshops = list (store, DESK_KIND_WORKSHOP, group_uuid);
  g_autoptr(GPtrArray) people = list (store, DESK_KIND_PERSON, group_uuid);
  g_autoptr(GPtrArray) nominations = list (store, DESK_KIND_NOMINATION, group_uuid);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint overdue = 0, ghs_lines = 0, usd_funding = 0, chinese = 0;

  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (desk_record_get_string (group, "country"), ==, "GH");
  g_assert_cmpstr (desk_record_get_string (group, "currency"), ==, "GHS");

  /* Members of every pillar of the reference data. */
  for (guint i = 0; i < pillars->len; i++)
    {
      const char *pillar = ((char **) g_ptr_array_index (pillars, i))[0];
      gboolean found = FALSE;

      for (guint j = 0; j < members->len && !found; j++)
        found = g_strcmp0 (desk_record_get_string (g_ptr_array_index (members, j), "pillar"),
                           pillar) == 0;
      if (!found)
        g_error ("the sample has no member of the pillar %s", pillar);
    }

  g_assert_cmpuint (activities->len, >=, 10);
  g_assert_cmpuint (activities->len, <=, 14);

  for (guint i = 0; i < deliverables->len; i++)
    {
      DeskRecord *d = g_ptr_array_index (deliverables, i);
      const char *status = desk_record_get_string (d, "status");
      const char *due = desk_record_get_string (d, "due_date");

      if (due != NULL && g_strcmp0 (due, "2026-11-25") < 0 &&
          !g_str_equal (status, "delivered") && !g_str_equal (status, "accepted"))
        overdue++;
    }
  g_assert_cmpuint (overdue, >=, 2);
  g_assert_cmpuint (overdue, <, deliverables->len);

  g_assert_cmpint (desk_store_count (store, DESK_KIND_INDICATOR, group_uuid), >=, 2);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_INDICATOR_VALUE, group_uuid), >=, 2);

  for (guint i = 0; i < lines->len; i++)
    ghs_lines += g_str_equal (desk_record_get_string (g_ptr_array_index (lines, i), "currency"), "GHS");
  g_assert_cmpuint (ghs_lines, >=, lines->len / 2);
  for (guint i = 0; i < funding->len; i++)
    usd_funding += g_str_equal (desk_record_get_string (g_ptr_array_index (funding, i), "currency"), "USD");
  g_assert_cmpuint (usd_funding, >=, 1);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_RATE, group_uuid), >=, 1);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, group_uuid), >=, 10);

  /* Exactly six workshops, each with 15 to 40 on its list. */
  g_assert_cmpuint (workshops->len, ==, 6);
  for (guint i = 0; i < workshops->len; i++)
    {
      g_autoptr(GPtrArray) attendance =
        desk_store_list_by (store, DESK_KIND_ATTENDANCE, "workshop_uuid",
                            desk_record_get_uuid (g_ptr_array_index (workshops, i)), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (attendance->len, >=, 15);
      g_assert_cmpuint (attendance->len, <=, 40);
    }

  for (guint i = 0; i < people->len; i++)
    chinese += has_han (desk_record_get_string (g_ptr_array_index (people, i), "name"));
  g_assert_cmpuint (chinese, >=, 2);
  g_assert_cmpuint (chinese, <, people->len);

  g_assert_cmpuint (nominations->len, ==, 1);

  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The sample is dated around today: it must be valid whatever today is. */
static void
test_demo_other_dates (void)
{
  static const char *const dates[] = {
    "2027-03-10T12:00:00Z", "2026-07-01T00:00:00Z", "2026-06-30T23:00:00Z",
    "2028-02-29T08:00:00Z", "2026-12-31T10:00:00Z", "2027-01-01T10:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *group = NULL;
      g_autoptr(DeskStore) store = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) activities = NULL;

      g_test_message ("today is %s", dates[i]);
      store = demo_store (dates[i], &group);
      g_assert_true (desk_store_check (store, &problems, &error));
      g_assert_cmpuint (problems->len, ==, 0);
      activities = list (store, DESK_KIND_ACTIVITY, group);
      g_assert_cmpuint (activities->len, >=, 10);
      g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group), ==, 6);
    }
}

/* All or nothing: a second sample in the same database is refused (its group code is
 * taken) and leaves the first untouched. */
static void
test_demo_twice (void)
{
  g_autofree char *group = NULL;
  g_autofree char *again = NULL;
  g_autoptr(DeskStore) store = demo_store (TEST_NOW, &group);
  g_autoptr(GError) error = NULL;
  gint64 rows = test_count_all_rows (store);

  again = desk_demo_fill (store, &error);
  g_assert_null (again);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpint (test_count_all_rows (store), ==, rows);
}

/* Counts by kind and the sorted names and titles: what "the same group" means here. */
static char *
fingerprint (DeskStore  *store,
             const char *group)
{
  static const char *const fields[] = { "name", "name_en", "title_en", "description_en", "code" };
  GString *s = g_string_new (NULL);

  for (const DeskKind *const *k = desk_kind_all (); *k != NULL; k++)
    {
      g_autoptr(GPtrArray) records = list (store, *k, group);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      g_string_append_printf (s, "%s=%u\n", (*k)->name, records->len);
      for (guint i = 0; i < records->len; i++)
        for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
          if (desk_kind_get_field (*k, fields[j]) != NULL &&
              desk_kind_get_field (*k, fields[j])->type == DESK_FIELD_TEXT)
            g_ptr_array_add (names, g_strdup (desk_record_get_string (g_ptr_array_index (records, i),
                                                                      fields[j])));
      g_ptr_array_sort (names, test_compare_strings);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (s, "  %s\n", (const char *) g_ptr_array_index (names, i));
    }

  return g_string_free (s, FALSE);
}

static DeskStore *
generated (guint32 seed,
           guint   activities,
           guint   people,
           guint   attendance,
           char  **group)
{
  DeskGenerateOptions options = { seed, activities, people, attendance };
  g_autoptr(GError) error = NULL;
  DeskStore *store = test_open_memory (NULL);

  *group = desk_generate_fill (store, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*group);

  return store;
}

static void
test_generate_deterministic (void)
{
  g_autofree char *g1 = NULL;
  g_autofree char *g2 = NULL;
  g_autofree char *g3 = NULL;
  g_autoptr(DeskStore) s1 = generated (7, 20, 100, 300, &g1);
  g_autoptr(DeskStore) s2 = generated (7, 20, 100, 300, &g2);
  g_autoptr(DeskStore) s3 = generated (8, 20, 100, 300, &g3);
  g_autofree char *f1 = fingerprint (s1, g1);
  g_autofree char *f2 = fingerprint (s2, g2);
  g_autofree char *f3 = fingerprint (s3, g3);

  g_assert_cmpstr (g1, !=, g2);
  g_assert_cmpstr (f1, ==, f2);
  /* Another seed gives another group of the same size. */
  g_assert_cmpstr (f1, !=, f3);
}

static void
test_generate_shape (void)
{
  g_autofree char *group = NULL;
  g_autoptr(DeskStore) store = generated (7, 20, 100, 300, &group);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) people = list (store, DESK_KIND_PERSON, group);
  g_autoptr(GPtrArray) members = list (store, DESK_KIND_MEMBER, group);
  g_autoptr(GHashTable) pillars = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (desk_store_count (store, DESK_KIND_ACTIVITY, group), ==, 20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_DELIVERABLE, group), ==, 3 * 20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_BUDGET_LINE, group), ==, 5 * 20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_EXPENSE, group), ==, 20 * 20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_WORKSHOP, group), ==, 20);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_PERSON, group), ==, 100);
  g_assert_cmpint (desk_store_count (store, DESK_KIND_ATTENDANCE, group), ==, 300);

  for (guint i = 0; i < members->len; i++)
    g_hash_table_add (pillars, (gpointer) desk_record_get_string (g_ptr_array_index (members, i),
                                                                  "pillar"));
  g_assert_cmpuint (g_hash_table_size (pillars), >=, 4);
  g_assert_cmpuint (people->len, ==, 100);

  g_assert_true (desk_store_check (store, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Attendance is exact whatever the sizes, up to every person at every workshop. */
static void
test_generate_attendance_exact (void)
{
  static const guint sizes[][3] = {
    { 3, 5, 15 }, { 3, 5, 14 }, { 4, 7, 1 }, { 5, 10, 0 }, { 2, 1, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *group = NULL;
      g_autoptr(DeskStore) store = generated (i + 1, sizes[i][0], sizes[i][1], sizes[i][2], &group);

      g_assert_cmpint (desk_store_count (store, DESK_KIND_ATTENDANCE, group), ==, sizes[i][2]);
    }
}

static void
test_generate_refuses (void)
{
  static const DeskGenerateOptions impossible[] = {
    { 1, 3, 5, 16 },   /* more than people × workshops */
    { 1, 4, 0, 1 },    /* attendance without people */
  };
  g_autoptr(DeskStore) store = test_open_memory (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (impossible); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *group = desk_generate_fill (store, &impossible[i], &error);

      g_assert_null (group);
      g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (test_count_all_rows (store), ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/demo/contents", test_demo_contents);
  g_test_add_func ("/core/demo/other-dates", test_demo_other_dates);
  g_test_add_func ("/core/demo/twice", test_demo_twice);
  g_test_add_func ("/core/generate/deterministic", test_generate_deterministic);
  g_test_add_func ("/core/generate/shape", test_generate_shape);
  g_test_add_func ("/core/generate/attendance-exact", test_generate_attendance_exact);
  g_test_add_func ("/core/generate/refuses", test_generate_refuses);

  return g_test_run ();
}
