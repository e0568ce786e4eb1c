/* fuzz-bundle.c — libFuzzer target for the bundle reader
 *
 * Every input is written to a file and read as a bundle would be by the secretariat:
 * validated, then planned as an import into an empty database. Nothing may crash, leak,
 * hang or read outside the file, and a refused bundle must say why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "desk-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static DeskStore *store;
static char *path;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(DeskImportPlan) plan = NULL;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("groupdesk-fuzz-XXXXXX", NULL);

      store = desk_store_open (":memory:", NULL);
      path = g_build_filename (dir, "input.gdbundle", NULL);
      g_assert (store != NULL);
    }

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;

  if (!desk_bundle_validate_file (path, &reasons, &error))
    {
      /* A refusal is fine; a refusal without a sentence is not. */
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      return 0;
    }

  plan = desk_bundle_read_plan (store, path, FALSE, &error);
  g_assert (plan != NULL || (error != NULL && error->message[0] != '\0'));

  return 0;
}
