/* cli-backup.c — groupdesk-cli backups and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk-cli"

#include "config.h"

#include <stdlib.h>

#include "desk-cli.h"

int cmd_backups (CliOptions *options, int argc, char **argv);
int cmd_restore (CliOptions *options, int argc, char **argv);

int
cmd_backups (CliOptions  *options,
             int          argc,
             char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (argc > 1)
    return cli_usage_error (_("“backups” takes no arguments."));

  store = cli_open_store_read (options, &error);
  if (store == NULL)
    return cli_fail (error);

  list = desk_backup_list (store);
  if (list->len == 0)
    {
      g_print (_("There are no backups of this database yet.\n"));
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < list->len; i++)
    {
      DeskBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *size = g_format_size (info->size);

      g_print ("%s  %-24s %10s  %s\n", info->taken, desk_backup_kind_label (info->kind), size, info->path);
    }

  return EXIT_SUCCESS;
}

int
cmd_restore (CliOptions  *options,
             int          argc,
             char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;

  if (argc != 2 || g_str_has_prefix (argv[1], "-"))
    return cli_usage_error (_("“restore” needs the backup file to restore: restore FILE."));

  store = cli_open_store (options, &error);
  if (store == NULL)
    return cli_fail (error);

  if (!desk_store_restore (store, argv[1], &error))
    return cli_fail (error);

  g_print (_("Restored %s. The state before the restore was kept as a backup.\n"), argv[1]);

  return EXIT_SUCCESS;
}
