/* fuzz-signin.c — libFuzzer target for the sign-in sheet reader
 *
 * Every input is read as a sign-in sheet for a workshop of the sample group: decoded,
 * split into fields, its columns and values recognised, each row matched against the
 * people already known. Nothing may crash, leak or hang, and a refused sheet must say
 * why; nothing is written (the plan is never applied).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "desk-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static DeskStore *store;
static char *workshop;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DeskSigninPlan) plan = NULL;

  if (store == NULL)
    {
      g_autofree char *group = NULL;
      g_autoptr(GPtrArray) workshops = NULL;

      store = desk_store_open (":memory:", NULL);
      group = desk_demo_fill (store, NULL);
      workshops = desk_store_list (store, DESK_KIND_WORKSHOP, group, NULL);
      g_assert (workshops != NULL && workshops->len > 0);
      workshop = g_strdup (desk_record_get_uuid (g_ptr_array_index (workshops, 0)));
    }

  bytes = g_bytes_new (data, size);
  plan = desk_signin_plan_new (store, workshop, bytes, NULL, &error);
  g_assert (plan != NULL || (error != NULL && error->message[0] != '\0'));

  if (plan != NULL)
    for (guint i = 0; i < desk_signin_plan_get_n_rows (plan); i++)
      g_assert (desk_signin_plan_get_row (plan, i) != NULL);

  return 0;
}
