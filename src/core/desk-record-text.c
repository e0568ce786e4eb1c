/* desk-record-text.c — one field of a record from text, as a person writes it
 *
 * Each type is read the way the app's editors read it (DeskFieldRow, desk-date.c,
 * desk-money.c), so that a script and a coordinator get the same value from the same
 * text. Whether the record is valid as a whole is the store's to say when it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record-text"

#include "config.h"

#include "desk-record-text.h"

#include "desk-date.h"
#include "desk-error.h"
#include "desk-i18n.h"
#include "desk-money.h"
#include "desk-reference.h"
#include "desk-store-private.h"
#include "desk-validate-private.h"

#define MINOR_SUFFIX "_minor"

/* Fields Groupdesk sets itself; "group" is what the JSON calls group_uuid. */
static const char *const managed_fields[] = { "uuid", "group_uuid", "group", "updated", NULL };

/* An export's record says what was sent and when; only its endorsement comes later. */
static const char *const export_settable[] = {
  "endorsed_on", "endorsed_meeting", "endorsed_chair", NULL
};

const DeskField *
desk_record_text_field (const DeskKind  *kind,
                        const char      *name,
                        gboolean        *as_written,
                        GError         **error)
{
  const DeskField *f;
  gboolean written = FALSE;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (as_written != NULL)
    *as_written = FALSE;

  if (g_strv_contains (managed_fields, name))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   /* Translators: %s is a field's name as the JSON has it: uuid, updated. */
                   _("“%s” cannot be changed: Groupdesk sets it itself."), name);
      return NULL;
    }

  f = desk_kind_get_field (kind, name);
  if (f == NULL && !g_str_has_suffix (name, MINOR_SUFFIX))
    {
      g_autofree char *minor = g_strconcat (name, MINOR_SUFFIX, NULL);

      f = desk_kind_get_field (kind, minor);
      if (f != NULL && f->type != DESK_FIELD_MONEY)
        f = NULL;
      written = f != NULL;
    }
  if (f == NULL)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   /* Translators: a field's name, a kind of record (“expense”), then the
                    * kind's name as the command takes it. */
                   _("“%s” is not a field of %s records. See the fields with “groupdesk-cli "
                     "show %s UUID --json”."),
                   name, _(kind->label), kind->name);
      return NULL;
    }
  if (kind == DESK_KIND_EXPORT && !g_strv_contains (export_settable, f->name))
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   /* Translators: a field's label, then its name. */
                   _("“%s” (%s) cannot be changed: an export's record says what was sent. "
                     "Only its endorsement can be written down."),
                   _(f->label), f->name);
      return NULL;
    }

  if (as_written != NULL)
    *as_written = written;

  return f;
}

/* Reading each type */

/* @why about @f's value, as the one error of this file: it names the field. */
static gboolean
fail (GError          **error,
      const DeskField  *f,
      const char       *why)
{
  g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
               /* Translators: a field's label, its name, then a sentence saying what is
                * wrong with the value given: “Date” (date): “32 May” is not a date. … */
               _("“%s” (%s): %s"), _(f->label), f->name, why);
  return FALSE;
}

static gboolean
fail_with (GError          **error,
           const DeskField  *f,
           GError           *why)
{
  return fail (error, f, why->message);
}

static gboolean
parse_bool (const char *text,
            gint64     *value)
{
  static const char *const yes[] = { "true", "yes", "1", NULL };
  static const char *const no[] = { "false", "no", "0", NULL };
  g_autofree char *folded = g_ascii_strdown (text, -1);

  if (g_strv_contains (yes, folded))
    *value = 1;
  else if (g_strv_contains (no, folded))
    *value = 0;
  else
    return FALSE;

  return TRUE;
}

/* The decimals of the currency @f (a money field) is counted in, as the record stands:
 * named by the field, or (a revision's unit cost) its budget line's. -1 when unknown. */
static int
money_decimals (DeskStore       *store,
                DeskRecord      *record,
                const DeskField *f)
{
  g_autoptr(DeskRecord) line = NULL;
  const char *currency;

  if (f->ref != NULL)
    currency = desk_record_get_string (record, f->ref);
  else
    {
      line = _desk_dup_referenced (store, record, "budget_line_uuid");
      currency = line != NULL ? desk_record_get_string (line, "currency") : NULL;
    }

  return currency != NULL ? desk_currency_minor_units (store, currency) : -1;
}

/* @text as one of the codes @f allows (a code, a choice or a currency), written the way
 * the list writes it ("ghs" is GHS); NULL with the field named and, for short lists, the
 * values allowed. */
static char *
dup_code (DeskStore        *store,
          const DeskKind   *kind,
          const DeskField  *f,
          const char       *text,
          GError          **error)
{
  g_autoptr(GPtrArray) choices = desk_reference_choices (store, kind, f->name);
  g_autoptr(GString) allowed = g_string_new (NULL);
  g_autofree char *why = NULL;

  for (guint i = 0; i < choices->len; i++)
    {
      DeskChoice *choice = g_ptr_array_index (choices, i);

      if (g_ascii_strcasecmp (choice->code, text) == 0)
        return g_strdup (choice->code);
      g_string_append_printf (allowed, "%s%s", i > 0 ? ", " : "", choice->code);
    }

  if (f->type == DESK_FIELD_CURRENCY)
    why = g_strdup_printf (_("“%s” is not a currency Groupdesk knows. Use a three-letter "
                             "ISO 4217 code such as USD or GHS."),
                           text);
  else
    /* Translators: a value given, then the values allowed: “planned, in_progress, done”. */
    why = g_strdup_printf (_("“%s” is not one of the values allowed: %s."), text, allowed->str);
  fail (error, f, why);

  return NULL;
}

/* @text as the UUID of a record of the kind @f refers to, in @record's group. */
static gboolean
check_reference (DeskStore        *store,
                 DeskRecord       *record,
                 const DeskField  *f,
                 const char       *text,
                 GError          **error)
{
  const DeskKind *target = desk_kind_lookup (f->ref);
  g_autofree char *group = NULL;
  g_autofree char *why = NULL;

  g_assert (target != NULL);

  if (_desk_store_record_exists (store, target, text, &group) &&
      g_strcmp0 (group, desk_record_get_group (record)) == 0)
    return TRUE;

  /* Translators: a kind of record (“budget line”), the UUID given, then the kind's
   * plural as the command takes it (“budget-lines”). */
  why = g_strdup_printf (_("This group has no %s “%s”. Give the UUID of one, as "
                           "“groupdesk-cli list %s” prints them."),
                         _(target->label), text, target->plural);

  return fail (error, f, why);
}

/* The values of a set, separated by commas: each checked, each once. */
static GStrv
dup_set (DeskStore        *store,
         DeskRecord       *record,
         const DeskField  *f,
         const char       *text,
         GError          **error)
{
  const DeskKind *kind = desk_record_get_kind (record);
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);
      g_autofree char *code = NULL;

      if (value[0] == '\0')
        continue;
      if (f->type == DESK_FIELD_CODE_SET)
        {
          code = dup_code (store, kind, f, value, error);
          if (code == NULL)
            return NULL;
        }
      else if (!check_reference (store, record, f, value, error))
        return NULL;
      else
        code = g_strdup (value);

      if (g_ptr_array_find_with_equal_func (seen, code, g_str_equal, NULL))
        continue;
      g_strv_builder_add (builder, code);
      g_ptr_array_add (seen, g_steal_pointer (&code));
    }

  return g_strv_builder_end (builder);
}

gboolean
desk_record_set_from_text (DeskStore   *store,
                           DeskRecord  *record,
                           const char  *name,
                           const char  *text,
                           GError     **error)
{
  const DeskKind *kind;
  const DeskField *f;
  g_autoptr(GError) why = NULL;
  g_autofree char *typed = NULL;
  gboolean as_written = FALSE;
  gint64 number;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);
  g_return_val_if_fail (name != NULL && text != NULL, FALSE);

  kind = desk_record_get_kind (record);
  f = desk_record_text_field (kind, name, &as_written, error);
  if (f == NULL)
    return FALSE;

  /* As the editors do: edges of white space go, and an empty entry clears the field. */
  typed = g_strstrip (g_strdup (text));
  if (typed[0] == '\0')
    {
      desk_record_unset (record, f->name);
      return TRUE;
    }
  if (!g_utf8_validate (typed, -1, NULL))
    return fail (error, f, _("The value is not valid UTF-8 text. Write it again in a "
                             "terminal that uses UTF-8."));

  switch (f->type)
    {
    case DESK_FIELD_TEXT:
      desk_record_set_string (record, f->name, typed);
      return TRUE;

    case DESK_FIELD_DATE:
      {
        g_autofree char *iso = desk_date_parse_shown (typed, &why);

        if (iso == NULL)
          return fail_with (error, f, why);
        desk_record_set_string (record, f->name, iso);
        return TRUE;
      }

    case DESK_FIELD_BOOL:
      if (!parse_bool (typed, &number))
        {
          g_autofree char *sentence =
            g_strdup_printf (_("“%s” is not yes or no. Write yes, no, true, false, 1 or 0."), typed);
          return fail (error, f, sentence);
        }
      desk_record_set_int (record, f->name, number);
      return TRUE;

    case DESK_FIELD_INT:
      if (!g_ascii_string_to_signed (typed, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_autofree char *sentence =
            g_strdup_printf (_("“%s” is not a whole number. Enter digits only, such as 12."), typed);
          return fail (error, f, sentence);
        }
      desk_record_set_int (record, f->name, number);
      return TRUE;

    case DESK_FIELD_MILLI:
      if (!desk_milli_parse (typed, &number, &why))
        return fail_with (error, f, why);
      desk_record_set_int (record, f->name, number);
      return TRUE;

    case DESK_FIELD_MONEY:
      if (!as_written)
        {
          /* Named with its suffix: minor units, as `show --json` prints them. */
          if (!g_ascii_string_to_signed (typed, 10, G_MININT64, G_MAXINT64, &number, NULL))
            {
              g_autofree char *sentence =
                g_strdup_printf (_("“%s” is not a whole number of minor units (cents). Enter "
                                   "digits only, or name the field without “_minor” to write "
                                   "an amount such as 1234.50."),
                                 typed);
              return fail (error, f, sentence);
            }
        }
      else
        {
          int decimals = money_decimals (store, record, f);

          if (decimals < 0)
            return fail (error, f, _("The amount cannot be read without the record's "
                                     "currency. Set a currency Groupdesk knows first."));
          if (!desk_money_parse (typed, decimals, TRUE, &number, &why))
            return fail_with (error, f, why);
        }
      desk_record_set_int (record, f->name, number);
      return TRUE;

    case DESK_FIELD_CURRENCY:
    case DESK_FIELD_CODE:
    case DESK_FIELD_CHOICE:
      {
        g_autofree char *code = dup_code (store, kind, f, typed, error);

        if (code == NULL)
          return FALSE;
        desk_record_set_string (record, f->name, code);
        return TRUE;
      }

    case DESK_FIELD_REF:
      if (!check_reference (store, record, f, typed, error))
        return FALSE;
      desk_record_set_string (record, f->name, typed);
      return TRUE;

    case DESK_FIELD_CODE_SET:
    case DESK_FIELD_REF_SET:
      {
        g_auto(GStrv) values = dup_set (store, record, f, typed, error);

        if (values == NULL)
          return FALSE;
        desk_record_set_set (record, f->name, (const char *const *) values);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}
