/* desk-record.h — one record of any kind, as values by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "desk-kind.h"

G_BEGIN_DECLS

#define DESK_TYPE_RECORD (desk_record_get_type ())

G_DECLARE_FINAL_TYPE (DeskRecord, desk_record, DESK, RECORD, GObject)

DeskRecord     *desk_record_new          (const DeskKind *kind);
DeskRecord     *desk_record_copy         (DeskRecord     *self);
const DeskKind *desk_record_get_kind     (DeskRecord     *self);

const char     *desk_record_get_uuid     (DeskRecord     *self);
void            desk_record_set_uuid     (DeskRecord     *self,
                                          const char     *uuid);
const char     *desk_record_get_group    (DeskRecord     *self);
void            desk_record_set_group    (DeskRecord     *self,
                                          const char     *group_uuid);
const char     *desk_record_get_updated  (DeskRecord     *self);
void            desk_record_set_updated  (DeskRecord     *self,
                                          const char     *updated);

gboolean        desk_record_is_set       (DeskRecord     *self,
                                          const char     *field);
/* Text, dates, codes, choices and references. NULL when unset; "" for empty text. */
const char     *desk_record_get_string   (DeskRecord     *self,
                                          const char     *field);
void            desk_record_set_string   (DeskRecord     *self,
                                          const char     *field,
                                          const char     *value);
/* Integers, booleans, money and thousandths. 0 when unset. */
gint64          desk_record_get_int      (DeskRecord     *self,
                                          const char     *field);
void            desk_record_set_int      (DeskRecord     *self,
                                          const char     *field,
                                          gint64          value);
/* Code and reference sets: a NULL-terminated array, never NULL. */
const char *const *desk_record_get_set   (DeskRecord     *self,
                                          const char     *field);
void            desk_record_set_set      (DeskRecord     *self,
                                          const char     *field,
                                          const char *const *values);
void            desk_record_unset        (DeskRecord     *self,
                                          const char     *field);

/* The text of a bilingual field (`base` is "title" for title_en/title_zh) in the language
 * asked for, falling back to the other; *fell_back tells whether it did. */
const char     *desk_record_get_narrative (DeskRecord    *self,
                                           const char    *base,
                                           const char    *language,
                                           gboolean      *fell_back);
/* A record's bilingual @base ("title") in the UI language; *hint gets "in English" or
 * "in Chinese" when it fell back to the other language (NULL otherwise). Never NULL. */
const char     *desk_record_title         (DeskRecord    *self,
                                           const char    *base,
                                           const char   **hint);
/* What a person calls the record in a list or a message: its code, then its title, name
 * or description ("2.1  Dialogue"); a person's name; else its identifier. */
char           *desk_record_dup_label     (DeskRecord    *self);

/* Whether the record's sealed fields (DESK_FIELD_SEALED) could be read. A record read
 * from a protected store while it is locked has them unset and says LOCKED; one whose
 * stored value did not verify (changed outside Groupdesk) says DAMAGED. */
typedef enum
{
  DESK_SEAL_OPEN,
  DESK_SEAL_LOCKED,
  DESK_SEAL_DAMAGED,
} DeskSeal;

DeskSeal        desk_record_get_seal     (DeskRecord     *self);
/* What a person is shown in place of an unreadable name: "Name locked", … */
const char     *desk_seal_describe       (DeskSeal        seal);

/* Indexed access for code that walks every field. */
gboolean        desk_record_index_is_set (DeskRecord     *self,
                                          guint           index);
const char     *desk_record_index_get_string (DeskRecord *self,
                                              guint       index);
gint64          desk_record_index_get_int (DeskRecord    *self,
                                           guint          index);
const char *const *desk_record_index_get_set (DeskRecord *self,
                                              guint       index);
void            desk_record_index_set_string (DeskRecord *self,
                                              guint       index,
                                              const char *value);
void            desk_record_index_set_int (DeskRecord    *self,
                                           guint          index,
                                           gint64         value);
void            desk_record_index_set_set (DeskRecord    *self,
                                           guint          index,
                                           const char *const *values);

/* Every text, code and date of the record, each folded by desk_text_fold_search() and
 * ended by a line break, for search as you type: a record matches a query when strstr
 * finds desk_text_fold_search (query) in it. Computed once, again after a change. */
const char     *desk_record_get_search_key (DeskRecord   *self);

gboolean        desk_record_equal        (DeskRecord     *a,
                                          DeskRecord     *b);

G_END_DECLS
