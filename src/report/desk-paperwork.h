/* desk-paperwork.h — a workshop's paperwork as PDF: the sign-in sheet, badges,
 * certificates of attendance and the per-diem payment sheet
 *
 * They are printed for the people in the room, so they speak the group's languages
 * (English, Chinese or both, as the group's languages field says), not the interface's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  /* A4 landscape: the header (group, workshop, dates, place), the columns the sign-in
   * import reads plus consent to be named and a signature, the registered people's rows
   * filled in, then blank rows to the end of the page; "Page N of M". */
  DESK_PAPERWORK_SIGN_IN,
  /* A4, eight a page (2 × 4) with cut marks: name, organisation and a QR code of the
   * person's code (desk_person_code), for everyone registered or attended. */
  DESK_PAPERWORK_BADGES,
  /* A4 landscape, one page per person marked attended. */
  DESK_PAPERWORK_CERTIFICATES,
  /* A4 landscape: per diem and transport for each person attended (before the workshop:
   * registered or invited), a signature column and totals; see desk-payments.h. Fails
   * with a sentence when the workshop's activity has no per-diem budget line. */
  DESK_PAPERWORK_PAYMENTS,
} DeskPaperworkKind;

/* Writes @kind's paperwork for @workshop_uuid to @path (checked with
 * desk_file_check_output, written beside it and renamed when whole). Needs names
 * (DESK_ERROR_NAMES_LOCKED while a protected database is locked); badges and
 * certificates for a workshop with nobody to print them for fail with a sentence. */
gboolean desk_paperwork_write_pdf (DeskStore          *store,
                                   const char         *workshop_uuid,
                                   DeskPaperworkKind   kind,
                                   const char         *path,
                                   GError            **error);

G_END_DECLS
