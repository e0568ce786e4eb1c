/* desk-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-record"

#include "config.h"

#include "desk-record.h"
#include "desk-record-private.h"

#include "desk-i18n.h"
#include "desk-reference.h"

#include "desk-text.h"

#include <string.h>

typedef struct
{
  gboolean is_set;
  char *s;
  gint64 i;
  char **v;
} DeskValue;

struct _DeskRecord
{
  GObject parent_instance;

  const DeskKind *kind;
  char *uuid;
  char *group_uuid;
  char *updated;
  guint n_values;
  DeskValue *values;
  char *search_key;
  DeskSeal seal;
};

G_DEFINE_FINAL_TYPE (DeskRecord, desk_record, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const empty_set[] = { NULL };

static void
value_clear (DeskValue *value)
{
  g_clear_pointer (&value->s, g_free);
  g_clear_pointer (&value->v, g_strfreev);
  value->i = 0;
  value->is_set = FALSE;
}

static guint
index_of (DeskRecord *self,
          const char *field)
{
  int index = desk_kind_field_index (self->kind, field);

  if (index < 0)
    g_error ("%s has no field %s", self->kind->name, field);

  return (guint) index;
}

static void
emit_changed (DeskRecord *self,
              guint       index)
{
  g_clear_pointer (&self->search_key, g_free);

  const char *name = self->kind->fields[index].name;

  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (name), name);
}

static void
desk_record_finalize (GObject *object)
{
  DeskRecord *self = (DeskRecord *) object;

  for (guint i = 0; i < self->n_values; i++)
    value_clear (&self->values[i]);
  g_free (self->values);
  g_free (self->uuid);
  g_free (self->group_uuid);
  g_free (self->updated);
  g_free (self->search_key);

  G_OBJECT_CLASS (desk_record_parent_class)->finalize (object);
}

static void
desk_record_class_init (DeskRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_record_finalize;

  /**
   * DeskRecord::changed:
   * @field: the name of the field that changed
   *
   * Emitted, with the field as detail, after a value was set.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
desk_record_init (DeskRecord *self)
{
}

DeskRecord *
desk_record_new (const DeskKind *kind)
{
  DeskRecord *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD, NULL);
  self->kind = kind;
  self->n_values = desk_kind_n_fields (kind);
  self->values = g_new0 (DeskValue, self->n_values);

  return self;
}

DeskRecord *
desk_record_copy (DeskRecord *self)
{
  DeskRecord *copy;

  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  copy = desk_record_new (self->kind);
  copy->uuid = g_strdup (self->uuid);
  copy->group_uuid = g_strdup (self->group_uuid);
  copy->updated = g_strdup (self->updated);
  copy->seal = self->seal;
  for (guint i = 0; i < self->n_values; i++)
    {
      copy->values[i].is_set = self->values[i].is_set;
      copy->values[i].s = g_strdup (self->values[i].s);
      copy->values[i].i = self->values[i].i;
      copy->values[i].v = g_strdupv (self->values[i].v);
    }

  return copy;
}

const DeskKind *
desk_record_get_kind (DeskRecord *self)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  return self->kind;
}

const char *
desk_record_get_uuid (DeskRecord *self)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  return self->uuid;
}

void
desk_record_set_uuid (DeskRecord *self,
                      const char *uuid)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
}

const char *
desk_record_get_group (DeskRecord *self)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  return self->group_uuid;
}

void
desk_record_set_group (DeskRecord *self,
                       const char *group_uuid)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  g_free (self->group_uuid);
  self->group_uuid = g_strdup (group_uuid);
}

const char *
desk_record_get_updated (DeskRecord *self)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  return self->updated;
}

void
desk_record_set_updated (DeskRecord *self,
                         const char *updated)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  g_free (self->updated);
  self->updated = g_strdup (updated);
}

gboolean
desk_record_index_is_set (DeskRecord *self,
                          guint       index)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), FALSE);
  g_return_val_if_fail (index < self->n_values, FALSE);

  return self->values[index].is_set;
}

gboolean
desk_record_is_set (DeskRecord *self,
                    const char *field)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), FALSE);

  return self->values[index_of (self, field)].is_set;
}

const char *
desk_record_index_get_string (DeskRecord *self,
                              guint       index)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->n_values, NULL);

  if (!self->values[index].is_set)
    return NULL;

  return self->values[index].s;
}

const char *
desk_record_get_string (DeskRecord *self,
                        const char *field)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), NULL);

  return desk_record_index_get_string (self, index_of (self, field));
}

void
desk_record_index_set_string (DeskRecord *self,
                              guint       index,
                              const char *value)
{
  DeskValue *v;

  g_return_if_fail (DESK_IS_RECORD (self));
  g_return_if_fail (index < self->n_values);
  g_return_if_fail (desk_field_type_is_text (self->kind->fields[index].type));

  v = &self->values[index];
  if (value == NULL)
    {
      if (!v->is_set)
        return;
      value_clear (v);
    }
  else
    {
      if (v->is_set && g_strcmp0 (v->s, value) == 0)
        return;
      g_free (v->s);
      v->s = g_strdup (value);
      v->is_set = TRUE;
    }

  emit_changed (self, index);
}

void
_desk_record_load_string (DeskRecord *self,
                          guint       index,
                          const char *value)
{
  DeskValue *v = &self->values[index];

  g_assert (index < self->n_values && !v->is_set);
  v->s = g_strdup (value);
  v->is_set = TRUE;
}

void
_desk_record_load_int (DeskRecord *self,
                       guint       index,
                       gint64      value)
{
  DeskValue *v = &self->values[index];

  g_assert (index < self->n_values && !v->is_set);
  v->i = value;
  v->is_set = TRUE;
}

void
_desk_record_load_set (DeskRecord  *self,
                       guint        index,
                       char       **values)
{
  DeskValue *v = &self->values[index];

  g_assert (index < self->n_values && !v->is_set);
  v->v = values != NULL ? values : g_new0 (char *, 1);
  v->is_set = TRUE;
}

void
desk_record_set_string (DeskRecord *self,
                        const char *field,
                        const char *value)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  desk_record_index_set_string (self, index_of (self, field), value);
}

gint64
desk_record_index_get_int (DeskRecord *self,
                           guint       index)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), 0);
  g_return_val_if_fail (index < self->n_values, 0);

  return self->values[index].is_set ? self->values[index].i : 0;
}

gint64
desk_record_get_int (DeskRecord *self,
                     const char *field)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), 0);

  return desk_record_index_get_int (self, index_of (self, field));
}

void
desk_record_index_set_int (DeskRecord *self,
                           guint       index,
                           gint64      value)
{
  DeskValue *v;

  g_return_if_fail (DESK_IS_RECORD (self));
  g_return_if_fail (index < self->n_values);
  g_return_if_fail (!desk_field_type_is_text (self->kind->fields[index].type));

  v = &self->values[index];
  if (v->is_set && v->i == value)
    return;
  v->i = value;
  v->is_set = TRUE;

  emit_changed (self, index);
}

void
desk_record_set_int (DeskRecord *self,
                     const char *field,
                     gint64      value)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  desk_record_index_set_int (self, index_of (self, field), value);
}

const char *const *
desk_record_index_get_set (DeskRecord *self,
                           guint       index)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), empty_set);
  g_return_val_if_fail (index < self->n_values, empty_set);

  if (self->values[index].v == NULL)
    return empty_set;

  return (const char *const *) self->values[index].v;
}

const char *const *
desk_record_get_set (DeskRecord *self,
                     const char *field)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), empty_set);

  return desk_record_index_get_set (self, index_of (self, field));
}

void
desk_record_index_set_set (DeskRecord         *self,
                           guint               index,
                           const char *const  *values)
{
  DeskValue *v;

  g_return_if_fail (DESK_IS_RECORD (self));
  g_return_if_fail (index < self->n_values);

  v = &self->values[index];
  if (v->is_set && values != NULL && v->v != NULL &&
      g_strv_equal ((const char *const *) v->v, values))
    return;

  g_clear_pointer (&v->v, g_strfreev);
  v->v = values != NULL ? g_strdupv ((char **) values) : g_new0 (char *, 1);
  v->is_set = TRUE;

  emit_changed (self, index);
}

void
desk_record_set_set (DeskRecord         *self,
                     const char         *field,
                     const char *const  *values)
{
  g_return_if_fail (DESK_IS_RECORD (self));

  desk_record_index_set_set (self, index_of (self, field), values);
}

void
desk_record_unset (DeskRecord *self,
                   const char *field)
{
  guint index;

  g_return_if_fail (DESK_IS_RECORD (self));

  index = index_of (self, field);
  if (!self->values[index].is_set)
    return;

  value_clear (&self->values[index]);
  emit_changed (self, index);
}

const char *
desk_record_get_narrative (DeskRecord *self,
                           const char *base,
                           const char *language,
                           gboolean   *fell_back)
{
  g_autofree char *en_name = g_strconcat (base, "_en", NULL);
  g_autofree char *zh_name = g_strconcat (base, "_zh", NULL);
  const char *en;
  const char *zh;
  const char *first;
  const char *second;
  gboolean want_zh;

  g_return_val_if_fail (DESK_IS_RECORD (self), "");

  en = desk_record_get_string (self, en_name);
  zh = desk_record_get_string (self, zh_name);
  want_zh = language != NULL && g_str_has_prefix (language, "zh");
  first = want_zh ? zh : en;
  second = want_zh ? en : zh;

  if (fell_back != NULL)
    *fell_back = FALSE;
  if (first != NULL && first[0] != '\0')
    return first;
  if (second != NULL && second[0] != '\0')
    {
      if (fell_back != NULL)
        *fell_back = TRUE;
      return second;
    }

  return "";
}

gboolean
desk_record_equal (DeskRecord *a,
                   DeskRecord *b)
{
  g_return_val_if_fail (DESK_IS_RECORD (a), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (b), FALSE);

  if (a->kind != b->kind ||
      g_strcmp0 (a->uuid, b->uuid) != 0 ||
      g_strcmp0 (a->group_uuid, b->group_uuid) != 0)
    return FALSE;

  for (guint i = 0; i < a->n_values; i++)
    {
      const DeskValue *va = &a->values[i];
      const DeskValue *vb = &b->values[i];

      if (va->is_set != vb->is_set)
        return FALSE;
      if (!va->is_set)
        continue;
      if (g_strcmp0 (va->s, vb->s) != 0 || va->i != vb->i)
        return FALSE;
      if ((va->v == NULL) != (vb->v == NULL))
        return FALSE;
      if (va->v != NULL && !g_strv_equal ((const char *const *) va->v,
                                          (const char *const *) vb->v))
        return FALSE;
    }

  return TRUE;
}

const char *
desk_record_get_search_key (DeskRecord *self)
{
  GString *s;

  g_return_val_if_fail (DESK_IS_RECORD (self), "");

  if (self->search_key != NULL)
    return self->search_key;

  /* Each field folded as a query is (desk_text_fold_search), one a line: a folded query
   * has no line break, so it never matches across two fields. */
  s = g_string_new (NULL);
  for (guint i = 0; i < self->n_values; i++)
    {
      const DeskField *f = &self->kind->fields[i];
      g_autofree char *folded = NULL;

      if (!self->values[i].is_set || self->values[i].s == NULL)
        continue;
      /* UUIDs of other records say nothing a person would type. */
      if (f->type == DESK_FIELD_REF)
        continue;
      folded = desk_text_fold_search (self->values[i].s);
      if (folded[0] == '\0')
        continue;
      g_string_append (s, folded);
      g_string_append_c (s, '\n');
    }
  self->search_key = g_string_free (s, FALSE);

  return self->search_key;
}

const char *
desk_record_title (DeskRecord  *record,
                   const char  *base,
                   const char **hint)
{
  const char *language = desk_locale_language ();
  gboolean fell_back = FALSE;
  const char *text;

  text = desk_record_get_narrative (record, base, language, &fell_back);
  if (hint != NULL)
    {
      *hint = NULL;
      if (fell_back && text != NULL && text[0] != '\0')
        *hint = g_str_equal (language, "zh") ? _("in English") : _("in Chinese");
    }

  return text != NULL ? text : "";
}

char *
desk_record_dup_label (DeskRecord *record)
{
  const DeskKind *kind = desk_record_get_kind (record);
  const char *base = NULL;
  const char *text = NULL;
  const char *code = NULL;

  if (desk_kind_get_field (kind, "title_en") != NULL)
    base = "title";
  else if (desk_kind_get_field (kind, "name_en") != NULL)
    base = "name";
  else if (desk_kind_get_field (kind, "description_en") != NULL)
    base = "description";

  if (base != NULL)
    text = desk_record_title (record, base, NULL);
  else if (desk_kind_get_field (kind, "name") != NULL)
    text = desk_record_get_string (record, "name");  /* people: one name, in no language */
  if (text == NULL && record->seal != DESK_SEAL_OPEN)
    text = desk_seal_describe (record->seal);
  if (desk_kind_get_field (kind, "code") != NULL)
    code = desk_record_get_string (record, "code");

  if (code != NULL && code[0] != '\0')
    return g_strdup_printf ("%s  %s", code, text != NULL ? text : "");

  return g_strdup (text != NULL && text[0] != '\0' ? text : desk_record_get_uuid (record));
}

DeskSeal
desk_record_get_seal (DeskRecord *self)
{
  g_return_val_if_fail (DESK_IS_RECORD (self), DESK_SEAL_OPEN);

  return self->seal;
}

void
_desk_record_set_seal (DeskRecord *self,
                       DeskSeal    seal)
{
  /* The worse state wins: damaged over locked over open. */
  if (seal > self->seal)
    self->seal = seal;
}

const char *
desk_seal_describe (DeskSeal seal)
{
  switch (seal)
    {
    case DESK_SEAL_LOCKED:
      return _("Name locked");
    case DESK_SEAL_DAMAGED:
      return _("Name cannot be read");
    case DESK_SEAL_OPEN:
    default:
      return "";
    }
}

void
_desk_record_reset_seal (DeskRecord *self)
{
  self->seal = DESK_SEAL_OPEN;
}
