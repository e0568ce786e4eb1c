/* test-reference.c — reference data that is not a table of the database: the currency
 * of each country and the languages a group works in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

/* The countries of ../shared/reference/countries.tsv, where VPI groups work. */
static const char *const vpi_countries[] = { "GH", "NG", "PE", "CO", "CD", "MM", "ID", "BR", "MZ" };

static void
test_country_currency (void)
{
  g_assert_cmpstr (desk_country_currency ("GH"), ==, "GHS");
  g_assert_cmpstr (desk_country_currency ("CD"), ==, "CDF");
  g_assert_cmpstr (desk_country_currency ("SN"), ==, "XOF");
  g_assert_cmpstr (desk_country_currency ("NL"), ==, "EUR");
  g_assert_null (desk_country_currency ("XX"));
  g_assert_null (desk_country_currency (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (vpi_countries); i++)
    if (desk_country_currency (vpi_countries[i]) == NULL)
      g_error ("No currency for %s, a VPI country", vpi_countries[i]);
}

/* Every currency the table suggests is one a group can report in: the form selects it
 * from the currencies of the reference data, and core accepts the group. */
static void
test_country_currencies_are_known (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint countries = 0;

  bytes = g_resources_lookup_data ("/org/voluntaryprinciples/Groupdesk/core/reference/country-currencies.tsv",
                                   0, NULL);
  g_assert_nonnull (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "country\tcurrency\tnote");

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);
      g_autoptr(DeskRecord) group = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *bad_field = NULL;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (cols), >=, 2);
      g_assert_cmpstr (desk_country_currency (cols[0]), ==, cols[1]);

      group = desk_record_new (DESK_KIND_GROUP);
      desk_record_set_string (group, "name_en", "Test Group");
      desk_record_set_string (group, "country", cols[0]);
      desk_record_set_string (group, "currency", cols[1]);
      if (!desk_store_validate (store, group, &bad_field, &error))
        g_error ("%s → %s refused at %s: %s", cols[0], cols[1], bad_field, error->message);
      /* A country iso-codes knows, so the form lists it. */
      {
        g_autofree char *name = desk_country_name (cols[0]);

        g_assert_cmpstr (name, !=, cols[0]);
      }
      countries++;
    }

  g_assert_cmpuint (countries, >=, 40);
}

/* The group's languages: one of the three values the free-text field held before. */
static void
test_group_languages (void)
{
  g_autoptr(DeskStore) store = test_open_memory (NULL);
  static const char *const accepted[] = { "en", "zh", "en,zh" };
  static const char *const refused[] = { "fr", "en, zh", "zh,en", "EN", "" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted) + G_N_ELEMENTS (refused); i++)
    {
      gboolean good = i < G_N_ELEMENTS (accepted);
      const char *value = good ? accepted[i] : refused[i - G_N_ELEMENTS (accepted)];
      g_autoptr(DeskRecord) group = desk_record_new (DESK_KIND_GROUP);
      g_autoptr(GError) error = NULL;
      g_autofree char *bad_field = NULL;
      gboolean valid;

      desk_record_set_string (group, "name_en", "Test Group");
      desk_record_set_string (group, "country", "GH");
      desk_record_set_string (group, "currency", "GHS");
      desk_record_set_string (group, "languages", value);
      valid = desk_store_validate (store, group, &bad_field, &error);
      if (valid != good)
        g_error ("Languages “%s” should be %s", value, good ? "accepted" : "refused");
      if (!good)
        g_assert_cmpstr (bad_field, ==, "languages");
    }

  g_assert_true (desk_languages_include ("en,zh", "zh"));
  g_assert_true (desk_languages_include ("en,zh", "en"));
  g_assert_true (desk_languages_include ("en", "en"));
  g_assert_false (desk_languages_include ("en", "zh"));
  g_assert_false (desk_languages_include ("zh", "en"));
  /* Not said: both, as before. */
  g_assert_true (desk_languages_include (NULL, "zh"));
  g_assert_true (desk_languages_include ("", "en"));

  /* Without a group, forms ask for both; then they follow the group. */
  g_assert_true (desk_store_uses_language (store, "zh"));
  {
    g_autoptr(DeskRecord) group = desk_record_new (DESK_KIND_GROUP);
    g_autoptr(GError) error = NULL;

    desk_record_set_string (group, "name_en", "Test Group");
    desk_record_set_string (group, "country", "GH");
    desk_record_set_string (group, "currency", "GHS");
    desk_record_set_string (group, "languages", "en");
    g_assert_true (desk_store_insert (store, group, &error));
    g_assert_no_error (error);
  }
  g_assert_true (desk_store_uses_language (store, "en"));
  g_assert_false (desk_store_uses_language (store, "zh"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/reference/country-currency", test_country_currency);
  g_test_add_func ("/core/reference/country-currencies-known", test_country_currencies_are_known);
  g_test_add_func ("/core/reference/group-languages", test_group_languages);

  return g_test_run ();
}
