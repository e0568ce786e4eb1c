/* desk-error.h — the error domain of libgroupdesk-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DESK_ERROR (desk_error_quark ())

/* Every error a user can cause carries one of these codes and a translated sentence that
 * says what is wrong and what to do about it. */
typedef enum
{
  DESK_ERROR_INVALID,        /* a value breaks a rule: the message names the field */
  DESK_ERROR_NOT_FOUND,      /* a record or file that should exist does not */
  DESK_ERROR_NOT_A_DATABASE, /* the file is not a Groupdesk (SQLite) database */
  DESK_ERROR_TOO_NEW,        /* written by a newer Groupdesk */
  DESK_ERROR_LOCKED,         /* another program holds the database */
  DESK_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
  DESK_ERROR_CORRUPT,        /* the database fails its integrity check */
  DESK_ERROR_IO,             /* the disk said no: full, removed, … */
  DESK_ERROR_FAILED,         /* anything else, with SQLite's own words */
  DESK_ERROR_NAMES_LOCKED,   /* names are protected and the store is locked */
  DESK_ERROR_WRONG_PASSPHRASE, /* the passphrase or recovery key does not unlock */
  DESK_ERROR_DAMAGED,        /* an encrypted value or key does not verify: changed outside */
  DESK_ERROR_REPORTED,       /* the record was reported (a locked period): give a reason */
} DeskError;

GQuark desk_error_quark (void);

G_END_DECLS
