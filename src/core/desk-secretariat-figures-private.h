/* desk-secretariat-figures-private.h — what the files of the figures across groups share:
 * desk-secretariat-figures.c (groups, activities, deliverables, workshops, attendance,
 * indicators), -money.c (budget, received and spent in one currency), -index.c (rows
 * found by their UUID) and -output.c (JSON, CSV and the report).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-secretariat.h"

G_BEGIN_DECLS

/* One group while its figures are counted. */
typedef struct
{
  DeskGroupFigures *figures;  /* the set's */
  char             *reporting; /* the group's own currency */
  int               decimals;  /* of that currency; -1 when unknown */
} _DeskFiguresGroup;

/* What one computation reads and counts into. */
typedef struct
{
  DeskStore           *store;
  DeskGroupFiguresSet *set;
  GHashTable          *groups;     /* group UUID → _DeskFiguresGroup */
  GHashTable          *decimals;   /* currency code → decimals + 1 (GINT_TO_POINTER) */
  GHashTable          *workplans;  /* workplan UUID → its first day (char *), only those
                                    * that overlap the period */
} _DeskFiguresWork;

/* UUID → index (desk-secretariat-figures-index.c): a table of the rows read, looked up
 * once for each row of the tables that refer to them. */
typedef struct
{
  gpointer    slots;
  guint       mask;
  guint       n;
  GHashTable *other;   /* UUIDs not in canonical lowercase, by their text */
} _DeskUuidIndex;

void     _desk_uuid_index_init  (_DeskUuidIndex       *index);
void     _desk_uuid_index_clear (_DeskUuidIndex       *index);
/* Maps @uuid to @value (replacing what it mapped to). */
void     _desk_uuid_index_put   (_DeskUuidIndex       *index,
                                 const char           *uuid,
                                 guint                 value);
gboolean _desk_uuid_index_get   (const _DeskUuidIndex *index,
                                 const char           *uuid,
                                 guint                *value);

/* What ends every read of the figures: TRUE when the statement ran to its end (@rc is
 * SQLITE_DONE), else FALSE with the store's sentence for it. */
gboolean _desk_figures_step_done (DeskStore  *store,
                                  int         rc,
                                  GError    **error);
/* The decimals of @code (from the currencies table read once), or -1. */
int      _desk_figures_decimals (_DeskFiguresWork  *work,
                                 const char        *code);
/* Budget, received and spent of every group in the set's currency, each table read once
 * for all groups. */
gboolean _desk_figures_money    (_DeskFiguresWork  *work,
                                 GError           **error);

G_END_DECLS
