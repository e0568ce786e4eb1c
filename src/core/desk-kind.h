/* desk-kind.h — what each kind of record is made of
 *
 * Every entity of the domain (group, member, workplan, activity …) is described once, by a
 * DeskKind: its table, its fields and their types, the rules a record must meet. The
 * store, the validator, the CLI's JSON and the importer all read the same description, so
 * they cannot disagree about a field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_FIELD_TEXT,      /* free text (UTF-8) */
  DESK_FIELD_DATE,      /* ISO 8601 calendar date */
  DESK_FIELD_INT,       /* integer count */
  DESK_FIELD_BOOL,      /* 0 or 1 */
  DESK_FIELD_MONEY,     /* integer minor units of the currency named by `ref` */
  DESK_FIELD_MILLI,     /* a decimal stored in thousandths (quantities, indicator values) */
  DESK_FIELD_CURRENCY,  /* ISO 4217 code known to the currencies table */
  DESK_FIELD_CODE,      /* a code of the reference table named by `ref` */
  DESK_FIELD_CHOICE,    /* one of the '|'-separated choices in `ref` */
  DESK_FIELD_REF,       /* the UUID of a record of the kind named by `ref` */
  DESK_FIELD_CODE_SET,  /* several codes of `ref`, kept in the join table `join` */
  DESK_FIELD_REF_SET,   /* several records of kind `ref`, kept in the join table `join` */
} DeskFieldType;

typedef enum
{
  DESK_FIELD_REQUIRED     = 1 << 0, /* may not be empty or unset */
  DESK_FIELD_NON_NEGATIVE = 1 << 1,
  DESK_FIELD_POSITIVE     = 1 << 2,
  DESK_FIELD_NARRATIVE    = 1 << 3, /* one language of a bilingual text: name_en, name_zh */
  DESK_FIELD_PRIVATE      = 1 << 4, /* names and contacts of people: never in aggregate output */
  /* On the _en half of a bilingual pair: this or its _zh twin must hold text. `ref` is
   * the pair's name in messages ("Title"). Checked in field order, like the others. */
  DESK_FIELD_PAIR_REQUIRED = 1 << 5,
  DESK_FIELD_SEALED       = 1 << 6, /* personal data: encrypted at rest when names are protected */
} DeskFieldFlags;

typedef struct
{
  const char *name;       /* column name, also the JSON key */
  DeskFieldType type;
  DeskFieldFlags flags;
  const char *label;      /* translatable: the field's name in a message */
  const char *ref;        /* see DeskFieldType */
  const char *join;       /* for sets: "table:parent_column:value_column", or NULL (own column) */
} DeskField;

typedef struct _DeskRecord DeskRecord;
typedef struct _DeskStore DeskStore;

typedef struct _DeskKind DeskKind;
struct _DeskKind
{
  const char *name;        /* "activity" */
  const char *plural;      /* "activities": the CLI's name of the list */
  const char *table;       /* "activities" */
  const char *label;       /* translatable: "activity" */
  const DeskField *fields; /* terminated by a field with a NULL name */
  /* The REF field whose record gives this one its group; NULL when the record names its
   * group itself (top-level kinds) and for groups. */
  const char *group_via;
  /* The ORDER BY of lists: column names only. */
  const char *order_by;
  /* Rules across fields, after each field passed its own checks. */
  gboolean (*validate) (DeskStore        *store,
                        DeskRecord       *record,
                        char            **bad_field,
                        GError          **error);
};

const DeskKind  *desk_kind_lookup         (const char     *name);
const DeskKind  *desk_kind_lookup_plural  (const char     *plural);
/* Every kind, NULL-terminated, parents before children: the order a bundle's schema lists
 * them and an import applies them. The first DESK_N_BUNDLE_KINDS are the ones a bundle
 * carries; the rest (the export history) stay on this laptop. */
const DeskKind *const *desk_kind_all      (void);
#define DESK_N_BUNDLE_KINDS 16
/* Whether a field of @type holds text (a string value: text, dates, codes, choices,
 * currencies, references) or a set of codes or references; every other type holds a
 * whole number. */
gboolean         desk_field_type_is_text  (DeskFieldType   type);
gboolean         desk_field_type_is_set   (DeskFieldType   type);
/* A set kept in a join table; a set with no `join` is kept in the record's own column as
 * its values separated by spaces (so that it can be sealed). */
gboolean         desk_field_in_join       (const DeskField *field);
/* Whether any field of @kind is DESK_FIELD_SEALED. */
gboolean         desk_kind_has_sealed     (const DeskKind  *kind);
const DeskField *desk_kind_get_field      (const DeskKind *kind,
                                           const char     *name);
int              desk_kind_field_index    (const DeskKind *kind,
                                           const char     *name);
guint            desk_kind_n_fields       (const DeskKind *kind);

extern const DeskKind desk_kind_group;
extern const DeskKind desk_kind_member;
extern const DeskKind desk_kind_workplan;
extern const DeskKind desk_kind_activity;
extern const DeskKind desk_kind_deliverable;
extern const DeskKind desk_kind_indicator;
extern const DeskKind desk_kind_indicator_value;
extern const DeskKind desk_kind_budget_line;
extern const DeskKind desk_kind_budget_revision;
extern const DeskKind desk_kind_expense;
extern const DeskKind desk_kind_funding;
extern const DeskKind desk_kind_rate;
extern const DeskKind desk_kind_workshop;
extern const DeskKind desk_kind_person;
extern const DeskKind desk_kind_attendance;
extern const DeskKind desk_kind_nomination;
extern const DeskKind desk_kind_export;

#define DESK_KIND_GROUP           (&desk_kind_group)
#define DESK_KIND_MEMBER          (&desk_kind_member)
#define DESK_KIND_WORKPLAN        (&desk_kind_workplan)
#define DESK_KIND_ACTIVITY        (&desk_kind_activity)
#define DESK_KIND_DELIVERABLE     (&desk_kind_deliverable)
#define DESK_KIND_INDICATOR       (&desk_kind_indicator)
#define DESK_KIND_INDICATOR_VALUE (&desk_kind_indicator_value)
#define DESK_KIND_BUDGET_LINE     (&desk_kind_budget_line)
#define DESK_KIND_BUDGET_REVISION (&desk_kind_budget_revision)
#define DESK_KIND_EXPENSE         (&desk_kind_expense)
#define DESK_KIND_FUNDING         (&desk_kind_funding)
#define DESK_KIND_RATE            (&desk_kind_rate)
#define DESK_KIND_WORKSHOP        (&desk_kind_workshop)
#define DESK_KIND_PERSON          (&desk_kind_person)
#define DESK_KIND_ATTENDANCE      (&desk_kind_attendance)
#define DESK_KIND_NOMINATION      (&desk_kind_nomination)
#define DESK_KIND_EXPORT          (&desk_kind_export)

G_END_DECLS
