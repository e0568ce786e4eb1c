/* test-iati-groups.c — the secretariat's IATI file: every group's activities in one
 * iati-activities document (desk_iati_export with no group)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-bundle-helpers.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "desk-iati.h"

typedef struct
{
  char *dir;
  DeskStore *store;
  char *kenya;
  char *peru;
} Groups;

static void
groups_set_up (Groups        *g,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DeskGenerateOptions kenya = { 1, 6, 40, 80, "KE" };
  DeskGenerateOptions peru = { 2, 4, 30, 60, "PE" };

  g->dir = test_make_tmpdir ();
  path = g_build_filename (g->dir, "groups.db", NULL);
  g->store = desk_store_open (path, &error);
  g_assert_no_error (error);
  test_set_now (g->store, TEST_NOW);

  /* Two groups of two countries and currencies in one database. */
  g->kenya = desk_generate_fill (g->store, &kenya, &error);
  g_assert_no_error (error);
  g->peru = desk_generate_fill (g->store, &peru, &error);
  g_assert_no_error (error);
}

static void
groups_tear_down (Groups        *g,
                  gconstpointer  data)
{
  g_clear_object (&g->store);
  test_rm_rf (g->dir);
  g_free (g->dir);
  g_free (g->kenya);
  g_free (g->peru);
}

/* The values of @xpath (attributes or text) in the document at @path, sorted. */
static GPtrArray *
xpath_values (const char *path,
              const char *xpath)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr found;

  g_assert_nonnull (doc);
  ctx = xmlXPathNewContext (doc);
  found = xmlXPathEvalExpression (BAD_CAST xpath, ctx);
  g_assert_nonnull (found);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (found->nodesetval->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  g_ptr_array_sort (values, test_compare_strings);

  return values;
}

static guint
count_value (GPtrArray  *values,
             const char *value)
{
  guint n = 0;

  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (values->pdata[i], value))
      n++;

  return n;
}

static char *
org_ref_of (DeskStore  *store,
            const char *group_uuid)
{
  g_autoptr(DeskRecord) group = desk_store_get (store, DESK_KIND_GROUP, group_uuid, NULL);

  g_assert_nonnull (group);
  return desk_iati_org_ref (group);
}

/* Every group's workplans and activities, each under its own reporting org and currency,
 * in a file the official schema accepts; and exactly the activities of the groups' own
 * files, no more and no fewer. */
static void
test_all_groups (Groups        *g,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all = g_build_filename (g->dir, "all-iati.xml", NULL);
  g_autofree char *kenya_file = g_build_filename (g->dir, "kenya-iati.xml", NULL);
  g_autofree char *peru_file = g_build_filename (g->dir, "peru-iati.xml", NULL);
  g_autofree char *kenya_ref = org_ref_of (g->store, g->kenya);
  g_autofree char *peru_ref = org_ref_of (g->store, g->peru);
  g_autoptr(GPtrArray) reporting = NULL;
  g_autoptr(GPtrArray) currencies = NULL;
  g_autoptr(GPtrArray) identifiers = NULL;
  g_autoptr(GPtrArray) kenya_ids = NULL;
  g_autoptr(GPtrArray) peru_ids = NULL;
  g_autoptr(GPtrArray) both = g_ptr_array_new ();
  gint64 kenya_count = desk_store_count (g->store, DESK_KIND_WORKPLAN, g->kenya) +
                       desk_store_count (g->store, DESK_KIND_ACTIVITY, g->kenya);
  gint64 peru_count = desk_store_count (g->store, DESK_KIND_WORKPLAN, g->peru) +
                      desk_store_count (g->store, DESK_KIND_ACTIVITY, g->peru);

  g_assert_true (desk_iati_export (g->store, NULL, NULL, NULL, all, &error));
  g_assert_no_error (error);
  assert_iati_valid (all);

  /* Each activity reports as its own group: counted by the reporting org's reference. */
  reporting = xpath_values (all, "/iati-activities/iati-activity/reporting-org/@ref");
  g_assert_cmpint (kenya_count, >, 6);
  g_assert_cmpint (peru_count, >, 4);
  g_assert_cmpuint (count_value (reporting, kenya_ref), ==, kenya_count);
  g_assert_cmpuint (count_value (reporting, peru_ref), ==, peru_count);
  g_assert_cmpuint (reporting->len, ==, kenya_count + peru_count);

  /* In each group's own currency. */
  currencies = xpath_values (all, "/iati-activities/iati-activity/@default-currency");
  g_assert_cmpuint (count_value (currencies, "KES"), ==, kenya_count);
  g_assert_cmpuint (count_value (currencies, "PEN"), ==, peru_count);

  /* The same activities as the two groups' own files together. */
  g_assert_true (desk_iati_export (g->store, g->kenya, NULL, NULL, kenya_file, &error));
  g_assert_true (desk_iati_export (g->store, g->peru, NULL, NULL, peru_file, &error));
  g_assert_no_error (error);
  identifiers = xpath_values (all, "/iati-activities/iati-activity/iati-identifier");
  kenya_ids = xpath_values (kenya_file, "/iati-activities/iati-activity/iati-identifier");
  peru_ids = xpath_values (peru_file, "/iati-activities/iati-activity/iati-identifier");
  g_ptr_array_extend (both, kenya_ids, NULL, NULL);
  g_ptr_array_extend (both, peru_ids, NULL, NULL);
  g_ptr_array_sort (both, test_compare_strings);
  g_assert_cmpuint (identifiers->len, ==, both->len);
  for (guint i = 0; i < both->len; i++)
    g_assert_cmpstr (identifiers->pdata[i], ==, both->pdata[i]);
}

/* A period keeps, for every group, only the workplans that overlap it. */
static void
test_all_groups_period (Groups        *g,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_build_filename (g->dir, "before-iati.xml", NULL);
  g_autoptr(GPtrArray) activities = NULL;

  /* Generated workplans start in 2025: a period that ends before leaves nothing. */
  g_assert_true (desk_iati_export (g->store, NULL, "2001-01-01", "2001-12-31", before, &error));
  g_assert_no_error (error);
  activities = xpath_values (before, "/iati-activities/iati-activity/iati-identifier");
  g_assert_cmpuint (activities->len, ==, 0);
}

/* A database with no group at all says so, and writes nothing. */
static void
test_all_groups_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "none-iati.xml", NULL);
  g_autoptr(DeskStore) store = test_open_memory (TEST_NOW);

  g_assert_false (desk_iati_export (store, NULL, NULL, NULL, path, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Import the groups’ bundles"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/iati/all-groups/validates-and-holds-every-group", Groups, NULL,
              groups_set_up, test_all_groups, groups_tear_down);
  g_test_add ("/core/iati/all-groups/period", Groups, NULL, groups_set_up,
              test_all_groups_period, groups_tear_down);
  g_test_add_func ("/core/iati/all-groups/none", test_all_groups_none);

  return g_test_run ();
}
