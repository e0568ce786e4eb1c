/* groupdesk-screenshots-groups.c — the secretariat's desk, rendered to PNG
 *
 *   groupdesk-screenshots-groups OUTPUT_DIR
 *
 * The second screenshot program (groupdesk-screenshots.c renders a group's pages): a
 * secretariat's database at its first run, then with three generated groups of three
 * countries imported from their bundles (the Groups page's Status and Figures), and one
 * of them opened read-only. Saved as OUTPUT_DIR/6N-name.png, in the language of the
 * environment, as the other program does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-groups-page-private.h"
#include "desk-window-private.h"
#include "desk-workplan-page-private.h"

#include "screenshots-common.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

/* A generated group of @country exported as bundles 1, 2, … for the periods @periods
 * (pairs of ISO dates, NULL-terminated) into @tmp_dir: the bundles' paths, or NULL after
 * saying why. */
static GPtrArray *
make_bundles (const char        *tmp_dir,
              const char        *country,
              guint32            seed,
              GDateTime         *now,
              const char *const *periods)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uuid = NULL;
  g_autofree char *db = g_strdup_printf ("%s/group-%s.db", tmp_dir, country);
  DeskGenerateOptions options = { seed, 40, 200, 600, country };

  store = desk_store_open (db, &error);
  if (store != NULL)
    {
      desk_store_set_now (store, now);
      uuid = desk_generate_fill (store, &options, &error);
    }
  for (guint i = 0; uuid != NULL && periods[i] != NULL && periods[i + 1] != NULL; i += 2)
    {
      char *path = g_strdup_printf ("%s/bundle-%s-%u.xml", tmp_dir, country, i / 2 + 1);

      g_ptr_array_add (paths, path);
      if (!desk_bundle_export (store, uuid, periods[i], periods[i + 1], DESK_PRIVACY_PSEUDONYMOUS,
                               path, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("Could not make %s's bundles: %s\n", country, error->message);
      return NULL;
    }

  return g_steal_pointer (&paths);
}

static void
wait_for_groups (GtkWidget *window)
{
  DeskGroupsPage *page = DESK_GROUPS_PAGE (_desk_window_ensure_page (DESK_WINDOW (window), "groups"));

  while (_desk_groups_page_is_reading (page))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frames (window, 2);
}

int
main (int   argc,
      char *argv[])
{
  const char *countries[] = { "GH", "KE", "PH" };
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 7, 20, 9, 0, 0);
  g_autofree char *tmp_dir = NULL;
  g_autofree char *opened = NULL;
  int status;
  const char *dir;
  GtkWidget *window;
  GtkWidget *page;
  gboolean ok = TRUE;

  status = screenshots_start (argc, argv, "org.voluntaryprinciples.Groupdesk.ScreenshotsGroups", "secretariat.db",
                              &dir, &app, &tmp_dir, &store);
  if (status != 0)
    return status;

  desk_store_set_now (store, now);

  /* First run: "I Work at the Secretariat", and the Groups page waiting for bundles. */
  window = new_main_window (GTK_APPLICATION (app), store);
  wait_for_frames (window, 2);
  gtk_widget_activate_action (window, "win.work-at-secretariat", NULL);
  wait_for_groups (window);
  ok &= save_window (window, dir, "90-secretariat-first-run");

  /* Three groups' bundles, as a secretariat sees them in July: Ghana up to date; Kenya's
   * second bundle never arrived (a gap); the Philippines' last bundle is a year old (late). */
  {
    static const char *const ghana[] = { "2026-01-01", "2026-06-30", NULL };
    static const char *const kenya[] = { "2025-07-01", "2025-12-31", "2026-01-01", "2026-03-31",
                                         "2026-01-01", "2026-06-30", NULL };
    static const char *const philippines[] = { "2025-01-01", "2025-06-30", NULL };
    const char *const *periods[] = { ghana, kenya, philippines };
    /* Which of each group's bundles arrive (by number). */
    static const char *const arrive[] = { "1", "13", "1" };

    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      {
        g_autoptr(GPtrArray) bundles = make_bundles (tmp_dir, countries[i], 11 + i, now, periods[i]);

        if (bundles == NULL)
          return 1;
        for (guint b = 0; b < bundles->len; b++)
          {
            g_autoptr(DeskImportPlan) plan = NULL;

            if (strchr (arrive[i], '1' + (char) b) == NULL)
              continue;
            plan = desk_bundle_import (store, g_ptr_array_index (bundles, b), FALSE, FALSE, &error);
            if (plan == NULL)
              {
                g_printerr ("Could not import %s: %s\n", (char *) g_ptr_array_index (bundles, b),
                            error->message);
                return 1;
              }
            if (opened == NULL)
              opened = g_strdup (plan->group_uuid);
          }
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));

  window = new_main_window (GTK_APPLICATION (app), store);
  wait_for_groups (window);
  page = _desk_window_ensure_page (DESK_WINDOW (window), "groups");
  {
    GtkColumnView *view = _desk_groups_page_get_status_view (DESK_GROUPS_PAGE (page));
    GtkSelectionModel *selection = gtk_column_view_get_model (view);

    if (selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (selection)) > 0)
      gtk_selection_model_select_item (selection, 0, TRUE);
  }
  wait_for_frames (window, 2);
  ok &= save_window (window, dir, "91-groups-status");

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (page, DESK_TYPE_GROUPS_PAGE,
                                                                                         "sections")),
                                         "figures");
  wait_for_groups (window);
  ok &= save_window (window, dir, "92-groups-figures");

  /* A group opened read-only: its activities, one open. */
  gtk_widget_activate_action (window, "win.open-group", "(ss)", opened, "2026-06-30");
  page = show_page (window, "workplan");
  {
    DeskRecordList *list = _desk_workplan_page_get_activity_list (DESK_WORKPLAN_PAGE (page));
    g_autofree char *uuid = find_row (list, NULL, NULL);

    if (uuid != NULL)
      desk_record_list_open (list, uuid);
  }
  wait_for_frames (window, 3);
  ok &= save_window (window, dir, "93-group-read-only");

  show_page (window, "budget");
  wait_for_frames (window, 3);
  ok &= save_window (window, dir, "94-group-read-only-budget");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  remove_folder (tmp_dir);

  return ok ? 0 : 1;
}
