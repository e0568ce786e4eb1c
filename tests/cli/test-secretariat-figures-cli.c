/* test-secretariat-figures-cli.c — groupdesk-cli secretariat figures and report, the
 * issue's test: generated groups of several countries and currencies, their bundles
 * imported into one secretariat database, and the figures' totals against each group's
 * own `attendance --json` and `budget --json`, converted here at the group's own USD rate
 * with exact integer arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-cli-common.h"

typedef struct
{
  const char *country;
  const char *seed;
  const char *privacy;
} Generated;

/* Three countries and currencies with every participant sent, and one with counts only. */
static const Generated generated[] = {
  { "KE", "1", "pseudonymous" },
  { "GH", "2", "named" },
  { "US", "3", "pseudonymous" },
  { "CO", "4", "aggregate" },
};

typedef struct
{
  char *code;
  gboolean counts_only;
  gint64 attendances, people, women;
  gint64 budget_usd, spent_usd;
} Expected;

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* @amount (minor units of a currency with @decimals) in US cents at one USD = mantissa /
 * 10^scale of that currency: amount × 10^scale × 100 / (mantissa × 10^decimals), rounded
 * half away from zero, in 128 bits. */
static gint64
to_usd (gint64 amount,
        gint64 mantissa,
        gint64 scale,
        gint64 decimals)
{
  __int128 num = amount, den = mantissa, q, r;

  for (gint64 i = 0; i < scale; i++)
    num *= 10;
  num *= 100;
  for (gint64 i = 0; i < decimals; i++)
    den *= 10;
  q = num / den;
  r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;

  return (gint64) q;
}

/* Generates one group in a database of its own, reads its own figures, and exports it. */
static void
make_group (Fixture         *fixture,
            const Generated *g,
            Expected        *e,
            const char      *bundle)
{
  g_autofree char *db = g_strdup_printf ("%s/%s.db", fixture->dir, g->country);
  g_autoptr(JsonNode) attendance = NULL, budget = NULL, rates = NULL, groups = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *b;
  const char *currency;

  run_cli (&run, "--db", db, "generate", "--country", g->country, "--seed", g->seed, "--activities", "12",
           "--people", "40", "--attendance", "150");
  assert_ok (&run);

  run_cli (&run, "--db", db, "list", "groups", "--json");
  assert_ok (&run);
  groups = parse_json (run.out);
  e->code = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (groups), 0),
                                                     "code"));
  e->counts_only = g_str_equal (g->privacy, "aggregate");

  run_cli (&run, "--db", db, "attendance", "--json");
  assert_ok (&run);
  attendance = parse_json (run.out);
  e->attendances = json_object_get_int_member (json_node_get_object (attendance), "attendances");
  e->people = json_object_get_int_member (json_node_get_object (attendance), "people");
  e->women = json_object_get_int_member (json_node_get_object (attendance), "women_attendances");
  g_assert_cmpint (e->attendances, >, 0);

  run_cli (&run, "--db", db, "budget", "--json");
  assert_ok (&run);
  budget = parse_json (run.out);
  b = json_node_get_object (budget);
  currency = json_object_get_string_member (b, "currency");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (b, "total"), "missing_rates"), ==, 0);

  if (g_str_equal (currency, "USD"))
    {
      e->budget_usd = json_object_get_int_member (json_object_get_object_member (b, "total"), "revised");
      e->spent_usd = json_object_get_int_member (json_object_get_object_member (b, "total"), "spent");
    }
  else
    {
      JsonArray *list;
      JsonObject *usd = NULL;
      gint64 decimals = json_object_get_int_member (b, "decimals");

      /* The group's own rate of USD: one, from the start of its workplan. */
      run_cli (&run, "--db", db, "list", "rates", "--json");
      assert_ok (&run);
      rates = parse_json (run.out);
      list = json_node_get_array (rates);
      for (guint i = 0; i < json_array_get_length (list); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (list, i), "currency"), "USD"))
          {
            g_assert_null (usd);
            usd = json_array_get_object_element (list, i);
          }
      g_assert_nonnull (usd);
      e->budget_usd = to_usd (json_object_get_int_member (json_object_get_object_member (b, "total"), "revised"),
                              json_object_get_int_member (usd, "rate_mantissa"),
                              json_object_get_int_member (usd, "rate_scale"), decimals);
      e->spent_usd = to_usd (json_object_get_int_member (json_object_get_object_member (b, "total"), "spent"),
                             json_object_get_int_member (usd, "rate_mantissa"),
                             json_object_get_int_member (usd, "rate_scale"), decimals);
    }
  g_assert_cmpint (e->budget_usd, >, 0);

  run_cli (&run, "--db", db, "export", "--from", "2020-01-01", "--to", "2030-12-31", "--privacy", g->privacy,
           "-o", bundle);
  assert_ok (&run);
}

/* The secretariat's database with every group's bundle imported. */
static void
make_secretariat (Fixture  *fixture,
                  Expected *expected)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "secretariat", "init");
  assert_ok (&run);
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      g_autofree char *bundle = g_strdup_printf ("%s/%s.xml", fixture->dir, generated[i].country);

      make_group (fixture, &generated[i], &expected[i], bundle);
      run_cli (&run, "--db", fixture->db, "import", bundle);
      assert_ok (&run);
    }
}

static void
expected_clear (Expected *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    g_free (expected[i].code);
}

static JsonObject *
group_by_code (JsonArray  *groups,
               const char *code)
{
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);

      if (g_str_equal (json_object_get_string_member (g, "code"), code))
        return g;
    }
  g_assert_not_reached ();
}

static void
test_totals (Fixture       *fixture,
             gconstpointer  data)
{
  Expected expected[G_N_ELEMENTS (generated)] = { { 0 } };
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  gint64 attendances = 0, people = 0, women = 0, budget = 0, spent = 0;
  g_auto(GStrv) lines = NULL;
  JsonObject *total;
  JsonArray *groups;

  make_secretariat (fixture, expected);

  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--json", "--currency", "USD");
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "decimals"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "groups_without_people"), ==, 1);
  groups = json_object_get_array_member (json_node_get_object (root), "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, G_N_ELEMENTS (generated));
  total = json_object_get_object_member (json_node_get_object (root), "total");

  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      Expected *e = &expected[i];
      JsonObject *g = group_by_code (groups, e->code);

      g_test_message ("%s: %" G_GINT64_FORMAT " attendances, USD %" G_GINT64_FORMAT " budget, %"
                      G_GINT64_FORMAT " spent", e->code, e->attendances, e->budget_usd, e->spent_usd);
      g_assert_cmpint (json_object_get_int_member (g, "attendances"), ==, e->attendances);
      g_assert_cmpint (json_object_get_int_member (g, "women_attendances"), ==, e->women);
      if (e->counts_only)
        {
          /* Counts only: the people it reached are not known to the secretariat. */
          g_assert_true (json_object_get_null_member (g, "people"));
          g_assert_false (json_object_get_boolean_member (g, "people_known"));
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (g, "people"), ==, e->people);
          people += e->people;
        }
      g_assert_cmpint (json_object_get_int_member (g, "budget"), ==, e->budget_usd);
      g_assert_cmpint (json_object_get_int_member (g, "spent"), ==, e->spent_usd);
      g_assert_cmpint (json_object_get_int_member (g, "missing_rates"), ==, 0);
      attendances += e->attendances;
      women += e->women;
      budget += e->budget_usd;
      spent += e->spent_usd;
    }

  g_assert_cmpint (json_object_get_int_member (total, "attendances"), ==, attendances);
  g_assert_cmpint (json_object_get_int_member (total, "people"), ==, people);
  g_assert_cmpint (json_object_get_int_member (total, "women_attendances"), ==, women);
  g_assert_cmpint (json_object_get_int_member (total, "budget"), ==, budget);
  g_assert_cmpint (json_object_get_int_member (total, "spent"), ==, spent);
  g_assert_cmpint (json_object_get_int_member (total, "missing_rates"), ==, 0);
  {
    g_autofree char *share = desk_share_format_percent (women, attendances);
    g_assert_cmpstr (json_object_get_string_member (total, "women_percent"), ==, share);
  }

  /* CSV: a header, one row per group and the total, in that order. */
  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--csv", "--currency", "USD");
  assert_ok (&run);
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (generated) + 3);
  g_assert_true (g_str_has_prefix (lines[0], "level,code,name,country,"));
  g_assert_true (g_str_has_prefix (lines[G_N_ELEMENTS (generated) + 1], "total,"));
  {
    g_autofree char *budget_text = g_strdup_printf (",%" G_GINT64_FORMAT ".%02d,", budget / 100, (int) (budget % 100));
    g_assert_nonnull (strstr (lines[G_N_ELEMENTS (generated) + 1], budget_text));
  }

  /* The text table names every group. */
  run_cli (&run, "--db", fixture->db, "secretariat", "figures");
  assert_ok (&run);
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    g_assert_nonnull (strstr (run.out, expected[i].code));
  g_assert_nonnull (strstr (run.out, "Total"));
  g_assert_nonnull (strstr (run.out, "sent attendance as counts only"));

  expected_clear (expected);
}

static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  Expected expected[G_N_ELEMENTS (generated)] = { { 0 } };
  g_autofree char *pdf = g_build_filename (fixture->dir, "figures.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  int status = 0;

  make_secretariat (fixture, expected);

  run_cli (&run, "--db", fixture->db, "secretariat", "report", "--from", "2025-01-01", "--to", "2026-12-31",
           "--currency", "EUR", "--pdf", pdf);
  assert_ok (&run);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (!g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", (char *) "-layout", pdf, (char *) "-", NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, NULL))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
      expected_clear (expected);
      return;
    }
  g_assert_nonnull (strstr (text, "Figures across groups"));
  g_assert_nonnull (strstr (text, "amounts in EUR"));
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    g_assert_nonnull (strstr (text, expected[i].code));
  g_assert_nonnull (strstr (text, "Total"));
  g_assert_nonnull (strstr (text, "counts only"));

  expected_clear (expected);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "never.pdf", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", fixture->db, "secretariat", "init");
  assert_ok (&run);

  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--from", "2026-02-30");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“2026-02-30” is not a date"));

  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--currency", "QQQ");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“QQQ” is not a currency Groupdesk knows"));

  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--json", "--csv");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--pdf", pdf);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--from");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "secretariat", "report", "--json");
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "--db", fixture->db, "secretariat", "report");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--pdf"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* No group yet: empty figures, not a failure. */
  run_cli (&run, "--db", fixture->db, "secretariat", "figures", "--json");
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "\"groups\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/secretariat-figures/totals", Fixture, NULL, fixture_set_up, test_totals, fixture_tear_down);
  g_test_add ("/cli/secretariat-figures/report-pdf", Fixture, NULL, fixture_set_up, test_report_pdf,
              fixture_tear_down);
  g_test_add ("/cli/secretariat-figures/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);

  return g_test_run ();
}
