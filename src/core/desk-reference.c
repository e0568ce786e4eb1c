/* desk-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-reference"

#include "config.h"

#include "desk-reference.h"
#include "desk-core.h"

#include <json-glib/json-glib.h>

#include "desk-i18n.h"
#include "desk-store-private.h"

#define ISO_CODES_JSON "/usr/share/iso-codes/json"

/* The words for the values of CHOICE fields. Reference tables carry their own labels in
 * both languages (data/reference); these are the app's own and go through gettext. */
static const struct { const char *field; const char *code; const char *context_label; } choice_labels[] = {
  { "group.languages", "en", NC_("group languages", "English") },
  { "group.languages", "zh", NC_("group languages", "Chinese") },
  { "group.languages", "en,zh", NC_("group languages", "English and Chinese") },
  { "workplan.status", "draft", NC_("workplan status", "Draft") },
  { "workplan.status", "approved", NC_("workplan status", "Approved") },
  { "workplan.status", "closed", NC_("workplan status", "Closed") },
  { "activity.status", "planned", NC_("activity status", "Planned") },
  { "activity.status", "in_progress", NC_("activity status", "In progress") },
  { "activity.status", "done", NC_("activity status", "Done") },
  { "activity.status", "postponed", NC_("activity status", "Postponed") },
  { "activity.status", "cancelled", NC_("activity status", "Cancelled") },
  { "deliverable.status", "planned", NC_("deliverable status", "Planned") },
  { "deliverable.status", "in_progress", NC_("deliverable status", "In progress") },
  { "deliverable.status", "delivered", NC_("deliverable status", "Delivered") },
  { "deliverable.status", "accepted", NC_("deliverable status", "Accepted") },
  { "indicator.unit", "number", NC_("indicator unit", "Number") },
  { "indicator.unit", "percentage", NC_("indicator unit", "Percentage") },
  { "indicator.unit", "yes_no", NC_("indicator unit", "Yes/no") },
  { "indicator.unit", "text", NC_("indicator unit", "Text") },
  { "indicator_value.type", "target", NC_("indicator value", "Target") },
  { "indicator_value.type", "actual", NC_("indicator value", "Actual") },
  { "workshop.format", "in_person", NC_("workshop format", "In person") },
  { "workshop.format", "online", NC_("workshop format", "Online") },
  { "workshop.format", "hybrid", NC_("workshop format", "Hybrid") },
  { "attendance.role", "participant", NC_("attendance role", "Participant") },
  { "attendance.role", "speaker", NC_("attendance role", "Speaker") },
  { "attendance.role", "facilitator", NC_("attendance role", "Facilitator") },
  { "attendance.role", "organiser", NC_("attendance role", "Organiser") },
  { "attendance.status", "invited", NC_("attendance status", "Invited") },
  { "attendance.status", "registered", NC_("attendance status", "Registered") },
  { "attendance.status", "attended", NC_("attendance status", "Attended") },
  { "attendance.status", "absent", NC_("attendance status", "Absent") },
  { "nomination.status", "nominated", NC_("nomination status", "Nominated") },
  { "nomination.status", "confirmed", NC_("nomination status", "Confirmed") },
  { "nomination.status", "attended", NC_("nomination status", "Attended") },
  { "export.privacy", "aggregate", NC_("privacy level", "Aggregate") },
  { "export.privacy", "pseudonymous", NC_("privacy level", "Pseudonymous") },
  { "export.privacy", "named", NC_("privacy level", "Named") },
};

static const char *
choice_context (const char *field)
{
  /* The msgctxt of each field's labels, as written above. */
  static const struct { const char *field; const char *context; } contexts[] = {
    { "group.languages", "group languages" },
    { "workplan.status", "workplan status" },
    { "activity.status", "activity status" },
    { "deliverable.status", "deliverable status" },
    { "indicator.unit", "indicator unit" },
    { "indicator_value.type", "indicator value" },
    { "workshop.format", "workshop format" },
    { "attendance.role", "attendance role" },
    { "attendance.status", "attendance status" },
    { "nomination.status", "nomination status" },
    { "export.privacy", "privacy level" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (contexts); i++)
    if (g_str_equal (contexts[i].field, field))
      return contexts[i].context;

  return NULL;
}

void
desk_choice_free (DeskChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->code);
  g_free (choice->label);
  g_free (choice);
}

static DeskChoice *
choice_new (const char *code,
            const char *label)
{
  DeskChoice *choice = g_new0 (DeskChoice, 1);

  choice->code = g_strdup (code);
  choice->label = g_strdup (label);

  return choice;
}

gboolean
desk_locale_is_chinese (void)
{
  const char *const *names = g_get_language_names ();

  /* The first name is the most specific of the user's first language; a Chinese UI
   * also needs our catalogue to answer in Chinese, which a known message tells. */
  if (names[0] == NULL || !g_str_has_prefix (names[0], "zh"))
    return FALSE;

  return TRUE;
}

const char *
desk_locale_language (void)
{
  return desk_locale_is_chinese () ? "zh" : "en";
}

GPtrArray *
desk_reference_choices (DeskStore      *store,
                        const DeskKind *kind,
                        const char     *field)
{
  const DeskField *f = desk_kind_get_field (kind, field);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);

  g_return_val_if_fail (f != NULL, NULL);

  if (f->type == DESK_FIELD_CODE || f->type == DESK_FIELD_CODE_SET)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT code, label_en, label_zh FROM %s "
                                              "ORDER BY position", f->ref);
      sqlite3_stmt *stmt = _desk_store_prepare (store, sql, NULL);
      gboolean zh = desk_locale_is_chinese ();

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (choices,
                         choice_new ((const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, zh ? 2 : 1)));
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  else if (f->type == DESK_FIELD_CHOICE)
    {
      g_auto(GStrv) codes = g_strsplit (f->ref, "|", -1);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_autofree char *label = desk_reference_label (store, kind, field, codes[i]);
          g_ptr_array_add (choices, choice_new (codes[i], label));
        }
    }
  else if (f->type == DESK_FIELD_CURRENCY)
    {
      sqlite3_stmt *stmt = _desk_store_prepare (store, "SELECT code FROM currencies ORDER BY code", NULL);

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *name = desk_currency_name (code);
          g_autofree char *label = g_strdup_printf ("%s — %s", code, name);

          g_ptr_array_add (choices, choice_new (code, label));
        }
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }

  return g_steal_pointer (&choices);
}

char *
desk_reference_table_label (DeskStore  *store,
                            const char *table,
                            const char *code)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *label = NULL;

  if (code == NULL)
    return g_strdup ("");

  sql = g_strdup_printf ("SELECT label_en, label_zh FROM %s WHERE code = ?1", table);
  stmt = _desk_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return g_strdup (code);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = g_strdup ((const char *) sqlite3_column_text (stmt, desk_locale_is_chinese () ? 1 : 0));
  sqlite3_reset (stmt);

  return label != NULL ? label : g_strdup (code);
}

char *
desk_reference_label (DeskStore      *store,
                      const DeskKind *kind,
                      const char     *field,
                      const char     *code)
{
  const DeskField *f = desk_kind_get_field (kind, field);
  g_autofree char *key = NULL;
  const char *context;

  g_return_val_if_fail (f != NULL, NULL);

  if (code == NULL)
    return g_strdup ("");

  if (f->type == DESK_FIELD_CODE || f->type == DESK_FIELD_CODE_SET)
    return desk_reference_table_label (store, f->ref, code);

  if (f->type == DESK_FIELD_CURRENCY)
    return desk_currency_name (code);

  key = g_strconcat (kind->name, ".", field, NULL);
  context = choice_context (key);
  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    if (g_str_equal (choice_labels[i].field, key) && g_str_equal (choice_labels[i].code, code))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, context, choice_labels[i].context_label));

  return g_strdup (code);
}

/* iso-codes */

typedef struct
{
  GHashTable *countries;   /* alpha-2 → English name */
  GHashTable *currencies;  /* alpha-3 → English name */
} IsoCodes;

static GHashTable *
load_iso (const char *file,
          const char *list,
          const char *key_member)
{
  g_autofree char *path = g_build_filename (ISO_CODES_JSON, file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *root;
  JsonArray *items;

  if (!json_parser_load_from_file (parser, path, NULL))
    return table;

  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, list))
    return table;

  items = json_object_get_array_member (root, list);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *key = json_object_get_string_member_with_default (item, key_member, NULL);
      const char *name = json_object_get_string_member_with_default (item, "common_name", NULL);

      if (name == NULL)
        name = json_object_get_string_member_with_default (item, "name", NULL);
      if (key != NULL && name != NULL)
        g_hash_table_insert (table, g_strdup (key), g_strdup (name));
    }

  return table;
}

static IsoCodes *
iso_codes (void)
{
  static IsoCodes *codes;

  if (g_once_init_enter (&codes))
    {
      IsoCodes *loaded = g_new0 (IsoCodes, 1);

      loaded->countries = load_iso ("iso_3166-1.json", "3166-1", "alpha_2");
      loaded->currencies = load_iso ("iso_4217.json", "4217", "alpha_3");
      g_once_init_leave (&codes, loaded);
    }

  return codes;
}

char *
desk_country_name (const char *alpha2)
{
  const char *name;

  if (alpha2 == NULL)
    return g_strdup ("");

  name = g_hash_table_lookup (iso_codes ()->countries, alpha2);
  if (name == NULL)
    return g_strdup (alpha2);

  return g_strdup (g_dgettext ("iso_3166-1", name));
}

char *
desk_currency_name (const char *code)
{
  const char *name;

  if (code == NULL)
    return g_strdup ("");

  name = g_hash_table_lookup (iso_codes ()->currencies, code);
  if (name == NULL)
    return g_strdup (code);

  return g_strdup (g_dgettext ("iso_4217", name));
}

static int
compare_choice_labels (gconstpointer a,
                       gconstpointer b)
{
  const DeskChoice *ca = *(DeskChoice **) a;
  const DeskChoice *cb = *(DeskChoice **) b;

  return g_utf8_collate (ca->label, cb->label);
}

GPtrArray *
desk_country_choices (void)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_choice_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, iso_codes ()->countries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *name = desk_country_name (key);
      g_ptr_array_add (choices, choice_new (key, name));
    }
  g_ptr_array_sort (choices, compare_choice_labels);

  return choices;
}

/* Country → currency. iso-codes has no such mapping, so Groupdesk keeps its own
 * (data/reference/country-currencies.tsv): the currency a group in that country most
 * likely reports in, a suggestion the coordinator can change. */

#define COUNTRY_CURRENCIES "/org/voluntaryprinciples/Groupdesk/core/reference/country-currencies.tsv"

static GHashTable *
load_country_currencies (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (COUNTRY_CURRENCIES, 0, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return table;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  /* The first line names the columns: country, currency, note. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (g_strchomp (lines[i]), "\t", 3);

      if (g_strv_length (cols) >= 2 && cols[0][0] != '\0' && cols[1][0] != '\0')
        g_hash_table_insert (table, g_strdup (cols[0]), g_strdup (cols[1]));
    }

  return table;
}

const char *
desk_country_currency (const char *alpha2)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_country_currencies ());

  return alpha2 != NULL ? g_hash_table_lookup (table, alpha2) : NULL;
}

/* Languages */

gboolean
desk_languages_include (const char *languages,
                        const char *language)
{
  g_auto(GStrv) codes = NULL;

  g_return_val_if_fail (language != NULL, FALSE);

  /* Not said: both, as before the group had to choose. */
  if (languages == NULL || languages[0] == '\0')
    return TRUE;

  codes = g_strsplit (languages, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (g_strstrip (codes[i]), language))
      return TRUE;

  return FALSE;
}

gboolean
desk_store_uses_language (DeskStore  *store,
                          const char *language)
{
  g_autoptr(DeskRecord) group = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), TRUE);

  group = desk_store_dup_main_group (store);

  return desk_languages_include (group != NULL ? desk_record_get_string (group, "languages")
                                               : NULL,
                                 language);
}

void
desk_core_init_i18n (const char *localedir)
{
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* iso-codes installs its catalogues in the system's locale folder. */
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  bind_textdomain_codeset ("iso_4217", "UTF-8");
}
