/* desk-signin.c — sign-in sheets: decoding, CSV, headers and values in two languages
 *
 * Reading is separate from writing: desk_signin_plan_new decides what every row will
 * become and writes nothing, so the coordinator can look before importing, and
 * desk_signin_apply writes the plan in one transaction.
 *
 * A sheet is whatever file was chosen, and may be hostile. Reading it takes memory in
 * proportion to the file whatever its shape (the reader copies only the fields a row
 * needs); a header of more than DESK_SIGNIN_MAX_COLUMNS columns, or more than
 * DESK_SIGNIN_MAX_ROWS rows, is refused before anything is looked up; and names are
 * matched and kept only in the form core stores (desk_text_normalize_name), so that
 * invisible characters never make two people of one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-signin"

#include "config.h"

#include "desk-signin.h"
#include "desk-signin-private.h"

#include "desk-error.h"
#include "desk-file.h"
#include "desk-history.h"
#include "desk-i18n.h"
#include "desk-people.h"
#include "desk-store-private.h"
#include "desk-text.h"

#include <string.h>
#include <unistd.h>

/* A header cell longer than this is no header; a value longer than this (20,000
 * characters, as core allows) is refused before it is unquoted and normalised. */
#define MAX_HEADER_BYTES 1024
#define MAX_FIELD_CHARS 20000
#define MAX_FIELD_BYTES (4 * MAX_FIELD_CHARS)

/* Columns: their keys, labels and the headers they go by */

static const char *const column_keys[DESK_SIGNIN_N_COLUMNS] = {
  "name", "organisation", "pillar", "gender", "role", "phone", "email",
};

/* In the context "column", as the people and check-in lists name them: a person's name
 * (姓名), not a group's (名称). */
static const char *const column_labels[DESK_SIGNIN_N_COLUMNS] = {
  NC_("column", "Name"), NC_("column", "Organisation"), NC_("column", "Pillar"),
  NC_("column", "Gender"), NC_("column", "Role"), NC_("column", "Phone"), NC_("column", "E-mail"),
};

#define COLUMN_LABEL(c) g_dpgettext2 (GETTEXT_PACKAGE, "column", column_labels[c])

/* Headers as header_key() folds them: lower case, without spaces, dots, dashes or colons. */
static const char *const name_headers[] = {
  "name", "names", "fullname", "participant", "participantname", "姓名", "名字", "全名",
  "参会人", "参会者姓名", NULL
};
static const char *const organisation_headers[] = {
  "organisation", "organization", "organisationname", "organizationname", "org",
  "institution", "affiliation", "单位", "机构", "组织", "工作单位", "所在单位", "组织名称", NULL
};
static const char *const pillar_headers[] = {
  "pillar", "pillars", "stakeholdergroup", "界别", "支柱", NULL
};
static const char *const gender_headers[] = {
  "gender", "sex", "性别", NULL
};
static const char *const role_headers[] = {
  "role", "position", "title", "jobtitle", "function", "职务", "职位", "角色", NULL
};
static const char *const phone_headers[] = {
  "phone", "telephone", "tel", "mobile", "phonenumber", "telephonenumber", "电话", "手机",
  "联系电话", "电话号码", NULL
};
static const char *const email_headers[] = {
  "email", "emailaddress", "mail", "邮箱", "电子邮件", "电子邮箱", "邮件", NULL
};

static const char *const *const column_headers[DESK_SIGNIN_N_COLUMNS] = {
  name_headers, organisation_headers, pillar_headers, gender_headers, role_headers,
  phone_headers, email_headers,
};

/* Values as value_key() folds them, and the code each one means. */
typedef struct
{
  const char *spelling;
  const char *code;
} Synonym;

static const Synonym gender_values[] = {
  { "f", "woman" }, { "female", "woman" }, { "woman", "woman" }, { "women", "woman" },
  { "w", "woman" }, { "女", "woman" }, { "女性", "woman" }, { "女士", "woman" },
  { "m", "man" }, { "male", "man" }, { "man", "man" }, { "men", "man" },
  { "男", "man" }, { "男性", "man" }, { "男士", "man" },
  { "other", "another" }, { "another", "another" }, { "anothergender", "another" },
  { "o", "another" }, { "其他", "another" }, { "其他性别", "another" }, { "其它", "another" },
  { "", "not_stated" }, { "unknown", "not_stated" }, { "notstated", "not_stated" },
  { "u", "not_stated" }, { "na", "not_stated" }, { "n/a", "not_stated" },
  { "prefernottosay", "not_stated" }, { "未说明", "not_stated" }, { "未知", "not_stated" },
  { "不详", "not_stated" },
};

static const Synonym pillar_values[] = {
  { "gov", "government" }, { "govt", "government" }, { "government", "government" },
  { "政府", "government" },
  { "company", "company" }, { "companies", "company" }, { "privatesector", "company" },
  { "private", "company" }, { "business", "company" }, { "industry", "company" },
  { "企业", "company" }, { "公司", "company" },
  { "cso", "civil_society" }, { "csos", "civil_society" }, { "ngo", "civil_society" },
  { "ngos", "civil_society" }, { "civilsociety", "civil_society" },
  { "民间社会", "civil_society" }, { "社会组织", "civil_society" },
  { "observer", "observer" }, { "observers", "observer" }, { "观察员", "observer" },
  { "other", "other" }, { "others", "other" }, { "其他", "other" }, { "其它", "other" },
};

static const Synonym role_values[] = {
  { "participant", "participant" }, { "参与者", "participant" }, { "参会者", "participant" },
  { "与会者", "participant" },
  { "speaker", "speaker" }, { "presenter", "speaker" }, { "panellist", "speaker" },
  { "panelist", "speaker" }, { "发言人", "speaker" }, { "演讲者", "speaker" },
  { "facilitator", "facilitator" }, { "moderator", "facilitator" }, { "主持人", "facilitator" },
  { "organiser", "organiser" }, { "organizer", "organiser" }, { "组织者", "organiser" },
};

/* Helpers */

static void
row_free (DeskSigninRow *row)
{
  g_free (row->message);
  g_free (row->person_uuid);
  g_free (row->name);
  g_free (row->organisation);
  g_free (row->member_uuid);
  g_free (row->pillar);
  g_free (row->gender);
  g_free (row->role);
  g_free (row->role_title);
  g_free (row->phone);
  g_free (row->email);
  g_free (row);
}

/* NFKC, case-folded, without the characters that only decorate: "E-mail:" and "ＥＭＡＩＬ"
 * are both "email", "Civil society" is "civilsociety", "civil_society" too; invisible
 * format characters (a second byte-order mark, a zero-width space) are dropped. */
static char *
fold_key (const char *text,
          const char *drop)
{
  g_autofree char *compat = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  compat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (compat == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (compat, -1);

  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && strchr (drop, (int) c) != NULL) ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
header_key (const char *text)
{
  return fold_key (text, "_-.:*()");
}

static char *
value_key (const char *text)
{
  return fold_key (text, "_-.");
}

/* The code @text means, or NULL. */
static const char *
lookup_synonym (const Synonym *synonyms,
                gsize          n,
                const char    *text)
{
  g_autofree char *key = value_key (text);

  for (gsize i = 0; i < n; i++)
    if (g_str_equal (synonyms[i].spelling, key))
      return synonyms[i].code;

  return NULL;
}

/* A field's value without the white space around it (ASCII, no-break and ideographic). */
static char *
clean_value (const char *text)
{
  const char *start = text;
  const char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, (gsize) (end - start));
}

/* Headers */

typedef struct
{
  char *headers[DESK_SIGNIN_N_COLUMNS];  /* header key given by the mapping, or NULL */
  char *given[DESK_SIGNIN_N_COLUMNS];    /* the header as it was written */
  gboolean none[DESK_SIGNIN_N_COLUMNS];  /* "COLUMN=": the sheet has no such column */
} Mapping;

static void
mapping_clear (Mapping *mapping)
{
  for (guint i = 0; i < DESK_SIGNIN_N_COLUMNS; i++)
    {
      g_clear_pointer (&mapping->headers[i], g_free);
      g_clear_pointer (&mapping->given[i], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mapping, mapping_clear)

static int
column_for_key (const char *key)
{
  g_autofree char *folded = header_key (key);

  for (guint i = 0; i < DESK_SIGNIN_N_COLUMNS; i++)
    if (g_str_equal (folded, column_keys[i]))
      return (int) i;
  if (g_str_equal (folded, "organization"))
    return DESK_SIGNIN_COLUMN_ORGANISATION;

  return -1;
}

static gboolean
parse_mapping (const char *const *pairs,
               Mapping           *mapping,
               GError           **error)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *column = NULL;
      int index;

      if (equals == NULL)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” does not say which header holds which column. Write it as "
                         "COLUMN=HEADER, such as name=Participant."), pairs[i]);
          return FALSE;
        }
      column = g_strndup (pairs[i], (gsize) (equals - pairs[i]));
      index = column_for_key (column);
      if (index < 0)
        {
          g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                       _("“%s” is not a column of a sign-in sheet. Use name, organisation, "
                         "pillar, gender, role, phone or email."), column);
          return FALSE;
        }
      g_clear_pointer (&mapping->headers[index], g_free);
      g_clear_pointer (&mapping->given[index], g_free);
      /* "pillar=": the coordinator says the sheet has none, whatever its headers say. */
      mapping->none[index] = equals[1] == '\0';
      if (!mapping->none[index])
        {
          mapping->headers[index] = header_key (equals + 1);
          mapping->given[index] = g_strdup (equals + 1);
        }
    }

  return TRUE;
}

/* The header row, read with one separator: each cell as written and as header_key folds
 * it (NULL for a cell too long to be a header). */
typedef struct
{
  GPtrArray *cells;    /* char *, the first MAX_COLUMNS */
  GPtrArray *keys;     /* char *, or NULL */
  guint n_fields;
  int last_nonblank;
  guint line;
  int columns[DESK_SIGNIN_N_COLUMNS];   /* the cell each column is in, or -1 */
  int second[DESK_SIGNIN_N_COLUMNS];    /* another cell its usual names claim, or -1 */
  guint found;
  const char *body;    /* where the rows start */
  guint body_line;
} Header;

static void
header_clear (Header *header)
{
  g_clear_pointer (&header->cells, g_ptr_array_unref);
  g_clear_pointer (&header->keys, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Header, header_clear)

static void
header_read (Header       *header,
             const Record *record)
{
  header->cells = g_ptr_array_new_with_free_func (g_free);
  header->keys = g_ptr_array_new_with_free_func (g_free);
  header->n_fields = record->n_fields;
  header->last_nonblank = record->last_nonblank;

  for (guint i = 0; i < record->spans->len; i++)
    {
      char *cell = _desk_signin_record_dup_field (record, (int) i, MAX_HEADER_BYTES);

      g_ptr_array_add (header->keys, cell != NULL ? header_key (cell) : NULL);
      g_ptr_array_add (header->cells, cell != NULL ? cell : g_strdup (""));
    }
}

/* Which cell holds which column; how many columns were found. A column the mapping does
 * not name and whose usual names head two cells gets the first, and the other is noted
 * in @second, so that it is never silently left out. */
static void
header_match (Header        *header,
              const Mapping *mapping)
{
  GPtrArray *keys = header->keys;
  g_autofree gboolean *used = g_new0 (gboolean, keys->len + 1);

  header->found = 0;
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      header->columns[c] = -1;
      header->second[c] = -1;
    }

  /* The mapping first, so that it can take a header the usual names would claim. */
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    for (guint i = 0; mapping->headers[c] != NULL && i < keys->len; i++)
      {
        const char *key = g_ptr_array_index (keys, i);

        if (!used[i] && key != NULL && g_str_equal (key, mapping->headers[c]))
          {
            header->columns[c] = (int) i;
            used[i] = TRUE;
            header->found++;
            break;
          }
      }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      if (header->columns[c] >= 0 || mapping->headers[c] != NULL || mapping->none[c])
        continue;
      for (guint i = 0; header->columns[c] < 0 && i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);

          if (!used[i] && key != NULL && g_strv_contains (column_headers[c], key))
            {
              header->columns[c] = (int) i;
              used[i] = TRUE;
              header->found++;
            }
        }
    }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      if (header->columns[c] < 0 || mapping->headers[c] != NULL || mapping->none[c])
        continue;
      for (guint i = 0; header->second[c] < 0 && i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);

          if (!used[i] && key != NULL && g_strv_contains (column_headers[c], key))
            header->second[c] = (int) i;
        }
    }
}

/* A column's name as spreadsheets show it: A … Z, AA … */
static char *
column_letters (guint index)
{
  char letters[16];
  guint n = 0;
  guint i = index + 1;

  while (i > 0 && n < sizeof letters - 1)
    {
      letters[n++] = (char) ('A' + (i - 1) % 26);
      i = (i - 1) / 26;
    }
  for (guint k = 0; k < n / 2; k++)
    {
      char swap = letters[k];

      letters[k] = letters[n - 1 - k];
      letters[n - 1 - k] = swap;
    }
  letters[n] = '\0';

  return g_strdup (letters);
}

/* Whether @record repeats the header row (a header printed on every page), cell by cell
 * as header_key folds them. */
static gboolean
repeats_header (const Record *record,
                const Header *header)
{
  guint n = header->keys->len;
  int name = header->columns[DESK_SIGNIN_COLUMN_NAME];

  if (record->last_nonblank >= (int) n)
    return FALSE;

  /* The name first: most rows differ there, and are let go without unquoting the rest. */
  for (int k = -1; k < (int) n; k++)
    {
      int i = k < 0 ? name : k;
      const char *expected = g_ptr_array_index (header->keys, i);
      g_autofree char *cell = NULL;
      g_autofree char *key = NULL;

      if (k == name)
        continue;
      cell = _desk_signin_record_dup_field (record, i, MAX_HEADER_BYTES);
      if (expected == NULL || cell == NULL)
        return FALSE;
      key = header_key (cell);
      if (!g_str_equal (key, expected))
        return FALSE;
    }

  return TRUE;
}

/* Rows */

static void
row_fail (DeskSigninRow *row,
          const char    *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
row_fail (DeskSigninRow *row,
          const char    *format,
          ...)
{
  va_list args;

  va_start (args, format);
  row->fate = DESK_SIGNIN_ROW_ERROR;
  g_free (row->message);
  row->message = g_strdup_vprintf (format, args);
  va_end (args);
}

/* The person a row would create, for core's validation. */
DeskRecord *
_desk_signin_row_to_person (DeskSigninRow *row,
                            const char    *group_uuid)
{
  DeskRecord *person = desk_record_new (DESK_KIND_PERSON);

  desk_record_set_group (person, group_uuid);
  desk_record_set_string (person, "name", row->name);
  if (row->member_uuid != NULL)
    desk_record_set_string (person, "member_uuid", row->member_uuid);
  else
    desk_record_set_string (person, "organisation", row->organisation);
  if (row->pillar != NULL)
    desk_record_set_string (person, "pillar", row->pillar);
  desk_record_set_string (person, "gender", row->gender);
  desk_record_set_string (person, "role_title", row->role_title);
  desk_record_set_string (person, "phone", row->phone);
  desk_record_set_string (person, "email", row->email);

  return person;
}

/* The status of @person_uuid on @workshop_uuid's list, NULL when not on it. */
char *
_desk_signin_dup_attendance (DeskStore  *store,
                             const char *workshop_uuid,
                             const char *person_uuid,
                             char      **status)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;

  stmt = _desk_store_prepare (store,
                              "SELECT uuid, status FROM attendance "
                              "WHERE workshop_uuid = ?1 AND person_uuid = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, workshop_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, person_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (status != NULL)
        *status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return uuid;
}

/* Puts @value in the form core stores (desk_text_normalize_name), or fails the row with
 * the reason. */
static gboolean
row_normalize (DeskSigninRow     *row,
               char             **value,
               DeskSigninColumn   column)
{
  g_autoptr(GError) local = NULL;
  char *normalized;

  if (column == DESK_SIGNIN_COLUMN_NAME)
    normalized = desk_text_normalize_name (*value, COLUMN_LABEL (column), &local);
  else
    normalized = desk_text_normalize_identity (*value, COLUMN_LABEL (column), &local);

  if (normalized == NULL)
    {
      row_fail (row, _("Line %u: %s"), row->line, local->message);
      return FALSE;
    }
  g_free (*value);
  *value = normalized;

  return TRUE;
}

/* A row that repeats the header: shown, and skipped like a repeated person. */
static DeskSigninRow *
header_row (const Record *record,
            const Header *header,
            guint         line)
{
  DeskSigninRow *row = g_new0 (DeskSigninRow, 1);
  const int *columns = header->columns;
  g_autofree char *name = _desk_signin_record_dup_field (record, columns[DESK_SIGNIN_COLUMN_NAME],
                                            MAX_HEADER_BYTES);
  g_autofree char *organisation = _desk_signin_record_dup_field (record,
                                                    columns[DESK_SIGNIN_COLUMN_ORGANISATION],
                                                    MAX_HEADER_BYTES);

  row->line = line;
  row->fate = DESK_SIGNIN_ROW_REPEAT;
  row->same_as_line = header->line;
  row->name = clean_value (name != NULL ? name : "");
  row->organisation = clean_value (organisation != NULL ? organisation : "");
  row->gender = g_strdup ("not_stated");
  row->role = g_strdup ("participant");
  row->role_title = g_strdup ("");
  row->phone = g_strdup ("");
  row->email = g_strdup ("");

  return row;
}

static DeskSigninRow *
read_row (DeskStore      *store,
          DeskSigninPlan *plan,
          const Record   *record,
          guint           line,
          const Header   *header,
          GHashTable     *seen)
{
  DeskSigninRow *row = g_new0 (DeskSigninRow, 1);
  char *text[DESK_SIGNIN_N_COLUMNS] = { NULL };
  g_autofree char *gender_text = NULL;
  g_autofree char *pillar_text = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *org_key = NULL;
  g_autofree char *both = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DeskRecord) draft = NULL;
  g_autoptr(DeskRecord) existing = NULL;
  g_autoptr(GError) invalid = NULL;
  int too_long = -1;
  const char *code;
  gpointer earlier;

  /* Only the fields of the columns found are unquoted, and none of absurd length. */
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    {
      g_autofree char *raw = _desk_signin_record_dup_field (record, header->columns[c], MAX_FIELD_BYTES);

      if (raw == NULL || g_utf8_strlen (raw, -1) > MAX_FIELD_CHARS)
        {
          if (too_long < 0)
            too_long = (int) c;
          g_clear_pointer (&raw, g_free);
        }
      text[c] = clean_value (raw != NULL ? raw : "");
    }

  row->line = line;
  row->fate = DESK_SIGNIN_ROW_NEW;
  row->name = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_NAME]);
  row->organisation = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_ORGANISATION]);
  row->phone = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_PHONE]);
  row->email = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_EMAIL]);
  gender_text = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_GENDER]);
  pillar_text = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_PILLAR]);
  role_text = g_steal_pointer (&text[DESK_SIGNIN_COLUMN_ROLE]);
  row->gender = g_strdup ("not_stated");
  row->role = g_strdup ("participant");
  row->role_title = g_strdup ("");

  if (record->unclosed)
    {
      row_fail (row, _("Line %u: a quotation mark opened here is never closed, so the rest "
                       "of the file was read as one value. Close the quotation or remove "
                       "it, then import the file again."), line);
      return row;
    }

  if (record->last_nonblank >= 0 && (guint) record->last_nonblank >= header->n_fields)
    {
      row_fail (row, _("Line %u has %u values but the header has %u columns. Put "
                       "quotation marks around values that contain the separator, or "
                       "remove the extra values."), line, record->n_fields, header->n_fields);
      return row;
    }

  if (too_long >= 0)
    {
      row_fail (row, _("Line %u: the “%s” value is longer than 20,000 characters. Shorten "
                       "it, or check the quotation marks on this line: one that is not "
                       "closed takes in the lines after it."),
                line, COLUMN_LABEL (too_long));
      return row;
    }

  /* The forms core will store: invisible characters out, spaces made one, line breaks
   * refused, so that what the plan shows and matches is what the database will hold. */
  if (!row_normalize (row, &row->name, DESK_SIGNIN_COLUMN_NAME) ||
      !row_normalize (row, &row->organisation, DESK_SIGNIN_COLUMN_ORGANISATION) ||
      !row_normalize (row, &row->phone, DESK_SIGNIN_COLUMN_PHONE) ||
      !row_normalize (row, &row->email, DESK_SIGNIN_COLUMN_EMAIL))
    return row;

  if (desk_text_is_blank (row->name))
    {
      row_fail (row, _("Line %u: the name is empty. Write the person’s name, or delete the "
                       "line."), line);
      return row;
    }

  code = lookup_synonym (gender_values, G_N_ELEMENTS (gender_values), gender_text);
  if (code == NULL && g_str_equal (gender_text, "-"))
    code = "not_stated";
  if (code == NULL)
    {
      row_fail (row, _("Line %u: “%s” is not a gender Groupdesk recognises. Write F, Female "
                       "or 女 for a woman; M, Male or 男 for a man; Other or 其他 for another "
                       "gender; or leave it empty when not stated."), line, gender_text);
      return row;
    }
  g_free (row->gender);
  row->gender = g_strdup (code);

  if (!desk_text_is_blank (pillar_text) && !g_str_equal (pillar_text, "-"))
    {
      code = lookup_synonym (pillar_values, G_N_ELEMENTS (pillar_values), pillar_text);
      if (code == NULL)
        {
          row_fail (row, _("Line %u: “%s” is not a pillar Groupdesk recognises. Write "
                           "Government (政府), Company (企业), Civil society or CSO (民间社会), "
                           "Observer (观察员) or Other (其他), or leave it empty when not "
                           "stated."), line, pillar_text);
          return row;
        }
      row->pillar = g_strdup (code);
    }

  if (role_text[0] != '\0')
    {
      code = lookup_synonym (role_values, G_N_ELEMENTS (role_values), role_text);
      if (code != NULL)
        {
          g_free (row->role);
          row->role = g_strdup (code);
        }
      else
        {
          /* "Director", "科长": a job title, kept with the person; they took part. */
          g_free (row->role_title);
          row->role_title = g_strdup (role_text);
        }
    }

  row->member_uuid = desk_store_find_member_by_name (store, plan->group_uuid, row->organisation);

  /* Core's own rules, so that nothing the plan accepts is refused when it is applied. */
  draft = _desk_signin_row_to_person (row, plan->group_uuid);
  if (!desk_store_validate (store, draft, NULL, &invalid))
    {
      row_fail (row, _("Line %u: %s"), line, invalid->message);
      return row;
    }

  /* The earlier rows are remembered by a digest of their keys, not the keys themselves,
   * which for a sheet of long names would hold the names a second time. */
  name_key = desk_text_fold_name (row->name);
  org_key = desk_text_fold_name (row->organisation);
  both = g_strconcat (name_key, "\x1f", org_key, NULL);
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, both, -1);
  if (g_hash_table_lookup_extended (seen, key, NULL, &earlier))
    {
      row->fate = DESK_SIGNIN_ROW_REPEAT;
      row->same_as_line = GPOINTER_TO_UINT (earlier);
      return row;
    }
  g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));

  existing = desk_store_find_person (store, plan->group_uuid, row->name, row->organisation);
  if (existing != NULL)
    {
      g_autofree char *listed = NULL;

      row->person_uuid = g_strdup (desk_record_get_uuid (existing));
      listed = _desk_signin_dup_attendance (store, plan->workshop_uuid, row->person_uuid, NULL);
      row->fate = listed != NULL ? DESK_SIGNIN_ROW_LISTED : DESK_SIGNIN_ROW_EXISTING;
    }

  return row;
}

/* Public API */

const char *
desk_signin_column_key (DeskSigninColumn column)
{
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return column_keys[column];
}

const char *
desk_signin_column_label (DeskSigninColumn column)
{
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return COLUMN_LABEL (column);
}

static gboolean
refuse_size (guint64   size,
             GError  **error)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *limit = g_format_size (DESK_SIGNIN_MAX_BYTES);

  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This file is %s, larger than the %s limit for a sign-in sheet. Check that it "
                 "is the right file, or split the sheet into smaller files."), have, limit);
  return FALSE;
}

GBytes *
desk_signin_read_file (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  const char *path;
  gint64 size = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("%s is not a file on this computer, so it cannot be read as a sign-in "
                     "sheet. Save it to a folder on this computer, then import it from "
                     "there."), uri);
      return NULL;
    }

  /* The size first, with the sheet's own limit and advice: a wrong choice in the file
   * chooser must not load a film into memory. Opening never waits (a FIFO) and refuses
   * anything but a regular file (a folder, /dev/zero). */
  fd = desk_file_open_input (path, 0, &size, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (size > DESK_SIGNIN_MAX_BYTES)
    {
      refuse_size ((guint64) size, error);
      return NULL;
    }

  return desk_file_read_input (path, DESK_SIGNIN_MAX_BYTES, error);
}

static DeskSigninPlan *
refuse_rows (GError **error)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               _("This sheet has more than %u rows, more than a sign-in sheet can have. "
                 "Check that it is the right file, or split it into several sheets."),
               (guint) DESK_SIGNIN_MAX_ROWS);
  return NULL;
}

DeskSigninPlan *
desk_signin_plan_new (DeskStore         *store,
                      const char        *workshop_uuid,
                      GBytes            *bytes,
                      const char *const *mapping_pairs,
                      GError           **error)
{
  static const char separators[] = { ',', ';', '\t' };
  g_autoptr(DeskSigninPlan) plan = NULL;
  g_autoptr(DeskRecord) workshop = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(Text) text = { NULL, NULL, NULL };
  g_auto(Mapping) mapping = { { NULL }, { NULL } };
  g_auto(Record) record = { NULL, 0, -1, FALSE };
  g_auto(Header) best = { NULL };
  guint n_rows = 0;
  Reader reader;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (workshop_uuid != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  /* A sheet is matched to people by name: locked, every row would look new. */
  if (!desk_store_require_names (store, error))
    return NULL;

  if (g_bytes_get_size (bytes) > DESK_SIGNIN_MAX_BYTES)
    {
      refuse_size (g_bytes_get_size (bytes), error);
      return NULL;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("This file is empty. Choose the file the sign-in sheet was saved to, "
                     "or type the participants into it first."));
      return NULL;
    }

  if (!parse_mapping (mapping_pairs, &mapping, error))
    return NULL;

  workshop = desk_store_get (store, DESK_KIND_WORKSHOP, workshop_uuid, NULL);
  if (workshop == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_NOT_FOUND,
                   _("There is no workshop with the identifier “%s”: it may have been "
                     "deleted. Choose the workshop again."), workshop_uuid);
      return NULL;
    }

  plan = g_new0 (DeskSigninPlan, 1);
  plan->group_uuid = g_strdup (desk_record_get_group (workshop));
  plan->workshop_uuid = g_strdup (workshop_uuid);
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (!_desk_signin_decode (bytes, &text, &plan->encoding, error))
    return NULL;

  _desk_signin_record_init (&record);

  /* The separator is the one that makes the most of the header row recognisable; on a
   * tie, the one that splits it into more fields. */
  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_auto(Header) candidate = { NULL };

      reader = (Reader) { text.start, text.end, 1, separators[s] };
      do
        candidate.line = reader.line;
      while (_desk_signin_reader_next (&reader, &record, DESK_SIGNIN_MAX_COLUMNS) && _desk_signin_record_is_blank (&record));
      header_read (&candidate, &record);
      candidate.body = reader.pos;
      candidate.body_line = reader.line;
      header_match (&candidate, &mapping);

      if (s == 0 || candidate.found > best.found ||
          (candidate.found == best.found && candidate.n_fields > best.n_fields))
        {
          header_clear (&best);
          best = candidate;
          candidate = (Header) { NULL };
          plan->separator = separators[s];
        }
    }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    if (best.columns[c] >= 0)
      plan->headers[c] = g_strdup (g_ptr_array_index (best.cells, best.columns[c]));

  if (best.last_nonblank >= DESK_SIGNIN_MAX_COLUMNS)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The first row of this file has %u columns, more than the %u a sign-in "
                     "sheet can have. Check that it is the right file, or delete the "
                     "columns the import does not need."),
                   (guint) best.last_nonblank + 1, (guint) DESK_SIGNIN_MAX_COLUMNS);
      return NULL;
    }

  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    if (mapping.headers[c] != NULL && best.columns[c] < 0)
      {
        g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                     _("The first row of the sheet has no column headed “%s” for “%s”. "
                       "Check the spelling of the header, or leave that column out of the "
                       "mapping so that it is recognised by its header."),
                     mapping.given[c], COLUMN_LABEL (c));
        return NULL;
      }

  if (best.columns[DESK_SIGNIN_COLUMN_NAME] < 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("No column of names was found in the first row of this file. Head the "
                     "column of names “Name” or “姓名”, or say which header it has "
                     "(name=HEADER)."));
      return NULL;
    }

  /* Two columns for one thing (two "Name" columns, "Phone" and "Mobile"): taking one and
   * dropping the other without a word would lose what the coordinator typed, and
   * guessing which holds what would be worse. The coordinator says which. */
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    if (best.second[c] >= 0)
      {
        g_autofree char *first = column_letters ((guint) best.columns[c]);
        g_autofree char *second = column_letters ((guint) best.second[c]);

        /* Translators: the column ("Name"), the first header and its spreadsheet column
         * letter, the second header and its letter, then the key for the mapping
         * ("name"), which stays in English. */
        /* The plan comes back without rows and with this problem, so that the app can
         * show its column choices; applying it is refused. The command line adds how to
         * choose there (desk_signin_plan_get_problem_column). */
        plan->problem = g_strdup_printf (_("The first row of the sheet has two columns for "
                                           "“%s”: “%s” (column %s) and “%s” (column %s). "
                                           "Choose the one to import, or delete or rename "
                                           "the other."),
                                         COLUMN_LABEL (c),
                                         (const char *) g_ptr_array_index (best.cells, best.columns[c]),
                                         first,
                                         (const char *) g_ptr_array_index (best.cells, best.second[c]),
                                         second);
        plan->problem_column = (int) c;
        g_clear_pointer (&plan->headers[c], g_free);
        return g_steal_pointer (&plan);
      }

  /* Counted before a row is looked up in the database: a file of a million lines is
   * refused in the time it takes to read it once. */
  reader = (Reader) { best.body, text.end, best.body_line, plan->separator };
  while (_desk_signin_reader_next (&reader, &record, 0))
    if (!_desk_signin_record_is_blank (&record) && ++n_rows > DESK_SIGNIN_MAX_ROWS)
      return refuse_rows (error);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader = (Reader) { best.body, text.end, best.body_line, plan->separator };
  for (;;)
    {
      guint line = reader.line;

      if (!_desk_signin_reader_next (&reader, &record, best.keys->len))
        break;
      if (_desk_signin_record_is_blank (&record))
        continue;
      if (repeats_header (&record, &best))
        g_ptr_array_add (plan->rows, header_row (&record, &best, line));
      else
        g_ptr_array_add (plan->rows, read_row (store, plan, &record, line, &best, seen));
    }

  return g_steal_pointer (&plan);
}

DeskSigninPlan *
desk_signin_plan_new_for_file (DeskStore         *store,
                               const char        *workshop_uuid,
                               GFile             *file,
                               const char *const *mapping,
                               GError           **error)
{
  g_autoptr(GBytes) bytes = desk_signin_read_file (file, NULL, error);

  if (bytes == NULL)
    return NULL;

  return desk_signin_plan_new (store, workshop_uuid, bytes, mapping, error);
}

void
desk_signin_plan_free (DeskSigninPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->group_uuid);
  g_free (plan->workshop_uuid);
  g_free (plan->problem);
  for (guint c = 0; c < DESK_SIGNIN_N_COLUMNS; c++)
    g_free (plan->headers[c]);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_free (plan);
}

int
desk_signin_plan_get_problem_column (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, -1);

  return plan->problem != NULL ? plan->problem_column : -1;
}

const char *
desk_signin_plan_get_problem (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return plan->problem;
}

const char *
desk_signin_plan_get_encoding (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return plan->encoding;
}

char
desk_signin_plan_get_separator (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, ',');

  return plan->separator;
}

const char *
desk_signin_plan_get_header (DeskSigninPlan   *plan,
                             DeskSigninColumn  column)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (column < DESK_SIGNIN_N_COLUMNS, NULL);

  return plan->headers[column];
}

guint
desk_signin_plan_get_n_rows (DeskSigninPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->rows->len;
}

const DeskSigninRow *
desk_signin_plan_get_row (DeskSigninPlan *plan,
                          guint           index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (index < plan->rows->len, NULL);

  return g_ptr_array_index (plan->rows, index);
}

guint
desk_signin_plan_count (DeskSigninPlan *plan,
                        DeskSigninFate  fate)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->rows->len; i++)
    n += ((DeskSigninRow *) g_ptr_array_index (plan->rows, i))->fate == fate;

  return n;
}
