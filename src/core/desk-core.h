/* desk-core.h — libgroupdesk-core, all of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-attachment.h"
#include "desk-evidence.h"
#include "desk-attendance.h"
#include "desk-backup.h"
#include "desk-budget.h"
#include "desk-changes.h"
#include "desk-bundle.h"
#include "desk-csv.h"
#include "desk-date.h"
#include "desk-demo.h"
#include "desk-due.h"
#include "desk-error.h"
#include "desk-file.h"
#include "desk-history.h"
#include "desk-iati.h"
#include "desk-json.h"
#include "desk-kind.h"
#include "desk-locks.h"
#include "desk-money.h"
#include "desk-paperwork-data.h"
#include "desk-people.h"
#include "desk-progress.h"
#include "desk-protect.h"
#include "desk-record.h"
#include "desk-record-model.h"
#include "desk-record-text.h"
#include "desk-reference.h"
#include "desk-report.h"
#include "desk-secretariat.h"
#include "desk-signin.h"
#include "desk-store.h"
#include "desk-text.h"
#include "desk-workplan.h"

G_BEGIN_DECLS

/* Binds the text domains core translates through (ours and iso-codes'). Call once, early. */
void desk_core_init_i18n (const char *localedir);

G_END_DECLS
