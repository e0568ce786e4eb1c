/* desk-validate.c — the rules every record meets before it reaches the database
 *
 * The UI, the CLI and the importer all call this one validation, through the store's
 * writes, so they can never disagree about what is valid. Each failure is a translated
 * sentence that names the field and says what to do, and names the field for the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-validate"

#include "config.h"

#include "desk-validate-private.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-money.h"
#include "desk-i18n.h"
#include "desk-store-private.h"
#include "desk-text.h"

#include <string.h>

/* Longer text than this is almost certainly a paste gone wrong. */
#define MAX_TEXT_CHARS 20000

gboolean
_desk_fail (char       **bad_field,
            GError     **error,
            const char  *field,
            const char  *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, DESK_ERROR, DESK_ERROR_INVALID, message);
  if (bad_field != NULL)
    {
      g_free (*bad_field);
      *bad_field = g_strdup (field);
    }

  return FALSE;
}

gboolean
_desk_require_narrative (DeskRecord  *record,
                         const char  *base,
                         const char  *label,
                         char       **bad_field,
                         GError     **error)
{
  g_autofree char *en_name = g_strconcat (base, "_en", NULL);
  g_autofree char *zh_name = g_strconcat (base, "_zh", NULL);

  if (desk_text_is_blank (desk_record_get_string (record, en_name)) &&
      desk_text_is_blank (desk_record_get_string (record, zh_name)))
    return _desk_fail (bad_field, error, en_name,
                       _("“%s” is empty. Write it in English, in Chinese or in both."),
                       _(label));

  return TRUE;
}

gboolean
_desk_check_date_order (DeskRecord  *record,
                        const char  *start,
                        const char  *end,
                        char       **bad_field,
                        GError     **error)
{
  const char *s = desk_record_get_string (record, start);
  const char *e = desk_record_get_string (record, end);
  const DeskKind *kind = desk_record_get_kind (record);

  if (s != NULL && e != NULL && g_strcmp0 (e, s) < 0)
    return _desk_fail (bad_field, error, end,
                       _("“%s” (%s) is before “%s” (%s). Make the end the same day as the "
                         "start or later."),
                       _(desk_kind_get_field (kind, end)->label), e,
                       _(desk_kind_get_field (kind, start)->label), s);

  return TRUE;
}

DeskRecord *
_desk_dup_referenced (DeskStore  *store,
                      DeskRecord *record,
                      const char *field)
{
  const DeskField *f = desk_kind_get_field (desk_record_get_kind (record), field);
  const char *uuid = desk_record_get_string (record, field);

  if (f == NULL || f->type != DESK_FIELD_REF || uuid == NULL)
    return NULL;

  /* Shared while an import runs: the callers only read it. */
  return _desk_store_dup_parent (store, desk_kind_lookup (f->ref), uuid);
}

/* Text that says who someone is: stored in desk_text_normalize_name's form, so that two
 * spellings that look the same are one value and duplicate detection can trust it. */
static gboolean
is_identity_field (const DeskKind  *kind,
                   const DeskField *f)
{
  static const char *const person_fields[] = { "name", "organisation", "phone", "email", NULL };
  static const char *const member_fields[] = {
    "contact_name", "contact_email", "contact_phone", NULL
  };

  if (kind == DESK_KIND_PERSON)
    return g_strv_contains (person_fields, f->name);
  if (kind == DESK_KIND_MEMBER)
    return g_strv_contains (member_fields, f->name);

  return FALSE;
}

/* Rewrites an identity field in its normalised form, or refuses it. */
static gboolean
normalize_identity (DeskRecord       *record,
                    guint             index,
                    const DeskField  *f,
                    char            **bad_field,
                    GError          **error)
{
  const char *s = desk_record_index_get_string (record, index);
  g_autoptr(GError) local = NULL;
  g_autofree char *normalized = NULL;

  if (s == NULL)
    return TRUE;

  /* Measured before normalising, which needs several bytes per character. */
  if (strlen (s) > MAX_TEXT_CHARS * 4)
    return _desk_fail (bad_field, error, f->name,
                       _("“%s” is too long. Shorten it to fewer than 20,000 characters."),
                       _(f->label));

  /* A name is one line; an organisation, a phone or an address typed on two is not
   * refused, its line break is a space. */
  if (g_str_equal (f->name, "name") || g_str_equal (f->name, "contact_name"))
    normalized = desk_text_normalize_name (s, _(f->label), &local);
  else
    normalized = desk_text_normalize_identity (s, _(f->label), &local);
  if (normalized == NULL)
    return _desk_fail (bad_field, error, f->name, "%s", local->message);
  if (!g_str_equal (normalized, s))
    desk_record_index_set_string (record, index, normalized);

  return TRUE;
}

/* Whether @value is one of the "a|b|c" @choices. Asked for every choice of every record
 * written, so it reads @choices in place rather than splitting them. */
static gboolean
choice_is_valid (const char *choices,
                 const char *value)
{
  gsize len;

  if (value == NULL || strchr (value, '|') != NULL)
    return FALSE;

  len = strlen (value);
  for (const char *p = choices; p != NULL; p = strchr (p, '|'), p = p != NULL ? p + 1 : NULL)
    if (strncmp (p, value, len) == 0 && (p[len] == '|' || p[len] == '\0'))
      return TRUE;

  return FALSE;
}

static gboolean
check_code (DeskStore        *store,
            const DeskField  *f,
            const char       *value,
            char            **bad_field,
            GError          **error)
{
  if (!_desk_store_has_code (store, f->ref, value))
    return _desk_fail (bad_field, error, f->name,
                       _("“%s” is not a valid choice for “%s”. Choose one from the list."),
                       value, _(f->label));

  return TRUE;
}

static gboolean
check_ref (DeskStore        *store,
           DeskRecord       *record,
           const DeskField  *f,
           const char       *value,
           gboolean          same_group,
           char            **bad_field,
           GError          **error)
{
  const DeskKind *target = desk_kind_lookup (f->ref);
  g_autofree char *group = NULL;

  g_assert (target != NULL);

  if (!_desk_store_record_exists (store, target, value, &group))
    return _desk_fail (bad_field, error, f->name,
                       _("“%s” refers to a record that does not exist or was deleted. "
                         "Choose another one."),
                       _(f->label));

  if (same_group && g_strcmp0 (group, desk_record_get_group (record)) != 0)
    return _desk_fail (bad_field, error, f->name,
                       _("“%s” refers to a record of another group. Choose one of this "
                         "group's records."),
                       _(f->label));

  return TRUE;
}

static gboolean
check_field (DeskStore        *store,
             DeskRecord       *record,
             guint             index,
             char            **bad_field,
             GError          **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const DeskField *f = &kind->fields[index];
  const char *s;
  gint64 n;

  if ((f->flags & DESK_FIELD_PAIR_REQUIRED) != 0)
    {
      g_autofree char *base = g_strndup (f->name, strlen (f->name) - strlen ("_en"));

      g_assert (g_str_has_suffix (f->name, "_en") && f->ref != NULL);
      if (!_desk_require_narrative (record, base, f->ref, bad_field, error))
        return FALSE;
    }

  if (!desk_record_index_is_set (record, index))
    {
      if ((f->flags & DESK_FIELD_REQUIRED) != 0)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is required. Fill it in to save."), _(f->label));
      return TRUE;
    }

  switch (f->type)
    {
    case DESK_FIELD_TEXT:
      if (is_identity_field (kind, f) && !normalize_identity (record, index, f, bad_field, error))
        return FALSE;
      s = desk_record_index_get_string (record, index);
      if (!desk_text_is_clean (s))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” contains characters that cannot be stored (control "
                             "characters or damaged text). Remove them and try again."),
                           _(f->label));
      if (g_utf8_strlen (s, -1) > MAX_TEXT_CHARS)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is too long. Shorten it to fewer than 20,000 characters."),
                           _(f->label));
      if ((f->flags & DESK_FIELD_REQUIRED) != 0 && desk_text_is_blank (s))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is required. Fill it in to save."), _(f->label));
      return TRUE;

    case DESK_FIELD_DATE:
      s = desk_record_index_get_string (record, index);
      if (!desk_date_is_valid (s))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is not a valid date for “%s”. Write it as YYYY-MM-DD, "
                             "for example 2025-03-05."),
                           s, _(f->label));
      return TRUE;

    case DESK_FIELD_INT:
    case DESK_FIELD_MONEY:
    case DESK_FIELD_MILLI:
      n = desk_record_index_get_int (record, index);
      if ((f->flags & DESK_FIELD_POSITIVE) != 0 && n <= 0)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” must be more than zero."), _(f->label));
      if ((f->flags & DESK_FIELD_NON_NEGATIVE) != 0 && n < 0)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” cannot be negative. Enter zero or more."), _(f->label));
      return TRUE;

    case DESK_FIELD_BOOL:
      n = desk_record_index_get_int (record, index);
      if (n != 0 && n != 1)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” must be yes or no."), _(f->label));
      return TRUE;

    case DESK_FIELD_CURRENCY:
      s = desk_record_index_get_string (record, index);
      if (!_desk_store_has_code (store, "currencies", s))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is not a currency Groupdesk knows. Use a three-letter "
                             "ISO 4217 code such as USD or GHS."),
                           s);
      return TRUE;

    case DESK_FIELD_CODE:
      return check_code (store, f, desk_record_index_get_string (record, index),
                         bad_field, error);

    case DESK_FIELD_CHOICE:
      s = desk_record_index_get_string (record, index);
      if (!choice_is_valid (f->ref, s))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is not a valid choice for “%s”. Choose one from the list."),
                           s, _(f->label));
      return TRUE;

    case DESK_FIELD_REF:
      return check_ref (store, record, f, desk_record_index_get_string (record, index),
                        g_strcmp0 (kind->group_via, f->name) != 0, bad_field, error);

    case DESK_FIELD_CODE_SET:
      {
        const char *const *values = desk_record_index_get_set (record, index);

        for (guint i = 0; values[i] != NULL; i++)
          if (!check_code (store, f, values[i], bad_field, error))
            return FALSE;
        return TRUE;
      }

    case DESK_FIELD_REF_SET:
      {
        const char *const *values = desk_record_index_get_set (record, index);

        for (guint i = 0; values[i] != NULL; i++)
          if (!check_ref (store, record, f, values[i], TRUE, bad_field, error))
            return FALSE;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* Gives the record the group of the record it belongs to, or checks the group it names. */
static gboolean
resolve_group (DeskStore   *store,
               DeskRecord  *record,
               char       **bad_field,
               GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  g_autofree char *group = NULL;

  if (kind == DESK_KIND_GROUP)
    return TRUE;

  if (kind->group_via != NULL)
    {
      const DeskField *f = desk_kind_get_field (kind, kind->group_via);
      const char *parent = desk_record_get_string (record, kind->group_via);

      if (parent == NULL)
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” is required. Fill it in to save."), _(f->label));
      if (!_desk_store_record_exists (store, desk_kind_lookup (f->ref), parent, &group))
        return _desk_fail (bad_field, error, f->name,
                           _("“%s” refers to a record that does not exist or was deleted. "
                             "Choose another one."),
                           _(f->label));
      desk_record_set_group (record, group);
      return TRUE;
    }

  if (desk_record_get_group (record) == NULL ||
      !_desk_store_record_exists (store, DESK_KIND_GROUP, desk_record_get_group (record), NULL))
    return _desk_fail (bad_field, error, "group",
                       _("This record belongs to no group. Create or choose the group "
                         "first."));

  return TRUE;
}

gboolean
_desk_validate_record (DeskStore   *store,
                       DeskRecord  *record,
                       char       **bad_field,
                       GError     **error)
{
  const DeskKind *kind = desk_record_get_kind (record);

  if (!resolve_group (store, record, bad_field, error))
    return FALSE;

  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      /* A record read while names were locked has its sealed fields unset, and they are
       * not written: what is stored was checked when it was written. */
      if ((kind->fields[i].flags & DESK_FIELD_SEALED) != 0 &&
          desk_record_get_seal (record) == DESK_SEAL_LOCKED)
        continue;
      if (!check_field (store, record, i, bad_field, error))
        return FALSE;
    }

  if (kind->validate != NULL && !kind->validate (store, record, bad_field, error))
    return FALSE;

  /* After the kind's own rules, which say more (the currency, the line): every number of
   * every kind, present or future, stays where sums of them fit. */
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    {
      const DeskField *f = &kind->fields[i];
      g_autofree char *why = NULL;

      if ((f->type != DESK_FIELD_INT && f->type != DESK_FIELD_MONEY &&
           f->type != DESK_FIELD_MILLI) || !desk_record_index_is_set (record, i))
        continue;
      why = desk_number_check_bounds (f->type, f->label, desk_record_index_get_int (record, i),
                                      NULL, -1);
      if (why != NULL)
        return _desk_fail (bad_field, error, f->name, "%s", why);
    }

  return TRUE;
}
