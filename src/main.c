/* main.c — groupdesk, the GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "groupdesk"

#include "config.h"

#include "desk-application.h"
#include "desk-widget-util.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>
#include <glib/gi18n.h>

/* The language chosen in Preferences wins over the system's: it is applied before
 * anything is translated, which is why it takes effect at the next start. */
static void
apply_language_setting (void)
{
  g_autoptr(GSettings) settings = desk_settings_new_if_installed ();
  g_autofree char *language = NULL;

  if (settings == NULL)
    return;

  language = g_settings_get_string (settings, "language");
  if (!g_str_equal (language, "system"))
    g_setenv ("LANGUAGE", language, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DeskApplication) app = NULL;
  const char *localedir;
  int status;

  apply_language_setting ();

  /* gettext ignores LANGUAGE in the C locale; without the user's locale installed,
   * C.UTF-8 still lets the translations through. */
  if (setlocale (LC_ALL, "") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  /* The locale is settled: GTK must not set it again (and warn) at startup. */
  gtk_disable_setlocale ();

  localedir = g_getenv ("GROUPDESK_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  desk_core_init_i18n (localedir);
  textdomain (GETTEXT_PACKAGE);

  app = desk_application_new ();

  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* Preferences → Language → Restart Now: the same program, the same arguments, in this
   * process, once the old instance has let go of its name and its windows. */
  if (desk_application_get_restart_requested (app))
    {
      g_clear_object (&app);
      execv ("/proc/self/exe", argv);
      g_printerr ("groupdesk: could not restart: %s\n", g_strerror (errno));
    }

  return status;
}
