/* test-import-set-aside.c — the import dialog's safe answer to a fork or a replay (#18)
 *
 * A small generated group exports bundle 1; a copy of its database taken then ("another
 * laptop") and the group itself each change something and export a bundle 2 of their
 * own: a fork. The secretariat's database (in a file, so the dialog's import runs on a
 * worker with its own connection, as in the app) imports 1 and the group's 2 through
 * core, then the dialog is opened on the laptop's 2 (a fork) or on 1 again (a replay).
 * Set Aside and Refuse must write the offer down as the command line does, leaving
 * every record as it was; Cancel must write nothing. What they wrote is read back
 * through desk_secretariat_status on the window's own store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "desk-exports-page.h"
#include "desk-exports-page-private.h"
#include "desk-window.h"
#include "desk-window-private.h"

#include <locale.h>
#include <glib/gstdio.h>

typedef struct
{
  char *dir;
  char *group;
  char *activity;
  char *one;          /* bundle 1 */
  char *two;          /* the group's bundle 2, imported */
  char *fork;         /* the laptop's bundle 2 */
  char *two_uuid;     /* the identifier of the group's bundle 2 */
  DeskStore *target;  /* the secretariat's database, holding 1 and 2 */
} Forked;

static char *
fixture_path (Forked     *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static DeskStore *
open_store (Forked     *f,
            const char *name,
            const char *now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, name);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (now, NULL);
  DeskStore *store = desk_store_open (path, &error);

  g_assert_no_error (error);
  desk_store_set_now (store, when);

  return store;
}

static char *
export_to (Forked     *f,
           DeskStore  *store,
           const char *to,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (f, name);

  g_assert_true (desk_bundle_export (store, f->group, "2026-01-01", to,
                                     DESK_PRIVACY_AGGREGATE, path, &error));
  g_assert_no_error (error);

  return path;
}

static void
set_activity_status (Forked     *f,
                     DeskStore  *store,
                     const char *status,
                     const char *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(DeskRecord) activity = desk_store_get (store, DESK_KIND_ACTIVITY, f->activity, &error);

  g_assert_no_error (error);
  desk_store_set_now (store, when);
  desk_record_set_string (activity, "status", status);
  g_assert_true (desk_store_update (store, activity, &error));
  g_assert_no_error (error);
}

static void
forked_set_up (Forked        *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) src = NULL;
  g_autoptr(DeskStore) laptop = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(DeskImportPlan) first = NULL;
  g_autoptr(DeskImportPlan) second = NULL;
  g_autofree char *laptop_path = NULL;
  DeskGenerateOptions options = { 7, 4, 12, 24, "GH" };

  f->dir = g_dir_make_tmp ("test-import-set-aside-XXXXXX", &error);
  g_assert_no_error (error);
  src = open_store (f, "src.db", "2026-10-15T09:30:00Z");
  f->group = desk_generate_fill (src, &options, &error);
  g_assert_no_error (error);
  activities = desk_store_list (src, DESK_KIND_ACTIVITY, f->group, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, >, 0);
  f->activity = g_strdup (desk_record_get_uuid (activities->pdata[0]));

  f->one = export_to (f, src, "2026-03-31", "1" DESK_BUNDLE_SUFFIX);
  laptop_path = fixture_path (f, "laptop.db");
  g_assert_true (desk_store_backup (src, laptop_path, &error));
  g_assert_no_error (error);
  laptop = open_store (f, "laptop.db", "2026-10-15T09:30:00Z");

  set_activity_status (f, src, "done", "2026-11-20T10:00:00Z");
  f->two = export_to (f, src, "2026-06-30", "2" DESK_BUNDLE_SUFFIX);
  set_activity_status (f, laptop, "cancelled", "2026-11-20T11:00:00Z");
  f->fork = export_to (f, laptop, "2026-06-30", "2-laptop" DESK_BUNDLE_SUFFIX);

  f->target = open_store (f, "secretariat.db", "2026-11-25T13:00:00Z");
  first = desk_bundle_import (f->target, f->one, FALSE, FALSE, &error);
  g_assert_no_error (error);
  second = desk_bundle_import (f->target, f->two, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (second->fork);
  f->two_uuid = g_strdup (second->bundle_uuid);
}

static void
forked_tear_down (Forked        *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->target);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->group);
  g_free (f->activity);
  g_free (f->one);
  g_free (f->two);
  g_free (f->fork);
  g_free (f->two_uuid);
}

/* What the secretariat's status says of the group, through the window's store. */
static DeskGroupStatus *
group_status (Forked *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = desk_secretariat_status (f->target, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len; i++)
    {
      DeskGroupStatus *s = statuses->pdata[i];

      if (g_strcmp0 (s->group_uuid, f->group) == 0)
        return g_ptr_array_steal_index (statuses, i);
    }
  g_assert_not_reached ();

  return NULL;
}

/* The records of the secretariat's database as they stand: bundle 2 is the last applied,
 * its activity status is the group's, not the laptop's, and the counts of each kind. */
static char *
records_digest (Forked *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskRecord) activity = desk_store_get (f->target, DESK_KIND_ACTIVITY, f->activity, &error);
  g_autoptr(DeskGroupStatus) s = group_status (f);

  g_assert_no_error (error);
  return g_strdup_printf ("last %" G_GINT64_FORMAT " %s, activity %s, %" G_GINT64_FORMAT
                          " activities, %" G_GINT64_FORMAT " people, %" G_GINT64_FORMAT
                          " expenses",
                          s->last_sequence, s->last_bundle_uuid,
                          desk_record_get_string (activity, "status"),
                          desk_store_count (f->target, DESK_KIND_ACTIVITY, f->group),
                          desk_store_count (f->target, DESK_KIND_PERSON, f->group),
                          desk_store_count (f->target, DESK_KIND_EXPENSE, f->group));
}

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static DeskWindow *
new_window (DeskStore *store)
{
  DeskWindow *window = DESK_WINDOW (desk_window_new (NULL, store));

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  return window;
}

static void
destroy_window (DeskWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_finalize_object (window);
}

/* The dialog for @path, as Import a Bundle… opens it once the chooser has answered. */
static DeskImportDialog *
open_dialog (DeskWindow *window,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DeskExportsPage *page = DESK_EXPORTS_PAGE (_desk_window_ensure_page (window, "exports"));
  DeskImportDialog *dialog = _desk_exports_page_import_file (page, file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();

  return dialog;
}

/* The header bar's button bound to @action (the dialog has one per action). */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The dialog offers the safe answer labelled @label, default and suggested, beside
 * Import Anyway in the destructive style; the preview wrote nothing. */
static void
assert_offers (DeskImportDialog *dialog,
               const char       *label)
{
  GtkButton *safe = find_button (GTK_WIDGET (dialog), "import.set-aside");
  GtkButton *anyway = _desk_import_dialog_get_import_button (dialog);

  g_assert_nonnull (safe);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (safe)));
  g_assert_cmpstr (gtk_button_get_label (safe), ==, label);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (safe), "suggested-action"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == GTK_WIDGET (safe));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (anyway)));
  g_assert_cmpstr (gtk_button_get_label (anyway), ==, "_Import Anyway");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (anyway), "destructive-action"));
}

/* Clicks the safe answer and waits for its import, on the worker, to end: the job holds
 * the dialog (no input) while it runs, and calls back before letting go. An import that
 * went through would close the dialog and reload the main window: it must stay open. */
static void
answer_safely (DeskImportDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.set-aside", NULL));
  while (dialog != NULL && !gtk_widget_get_can_target (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_assert_nonnull (dialog);
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* Nothing left to decide: the import buttons gone, the counts of what Import Anyway would
 * have done hidden, Cancel now Close. */
static void
assert_decided (DeskImportDialog *dialog)
{
  GtkButton *close = find_button (GTK_WIDGET (dialog), "window.close");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                   "import.set-aside"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_desk_import_dialog_get_import_button (dialog))));
  g_assert_cmpstr (gtk_button_get_label (close), ==, "_Close");
  /* Import Anyway cannot be reached any more, not even by its action: no job starts
   * (a job holds the dialog as soon as it starts). */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_true (gtk_widget_get_can_target (GTK_WIDGET (dialog)));
}

/* The laptop's bundle 2: Set Aside writes one fork down, imports nothing, and says so. */
static void
test_fork_set_aside (Forked        *f,
                     gconstpointer  data)
{
  g_autofree char *before = records_digest (f);
  g_autofree char *after = NULL;
  g_autoptr(DeskGroupStatus) s = NULL;
  DeskWindow *window = new_window (f->target);
  DeskImportDialog *dialog = open_dialog (window, f->fork);
  const char *status;

  g_assert_true (desk_import_dialog_get_plan (dialog)->fork);
  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "fork"));
  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "Set Aside keeps it"));
  assert_offers (dialog, "_Set Aside");

  answer_safely (dialog);
  status = _desk_import_dialog_get_status_text (dialog);
  g_test_message ("%s", status);
  g_assert_nonnull (strstr (status, "number 2"));
  g_assert_nonnull (strstr (status, "set aside"));
  assert_decided (dialog);

  after = records_digest (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, f->two_uuid));
  s = group_status (f);
  g_assert_cmpuint (s->forks, ==, 1);
  g_assert_cmpuint (s->replays_refused, ==, 0);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_FORK);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Bundle 1 again, after 2: Refuse counts one replay, imports nothing, and says so. */
static void
test_replay_refused (Forked        *f,
                     gconstpointer  data)
{
  g_autofree char *before = records_digest (f);
  g_autofree char *after = NULL;
  g_autoptr(DeskGroupStatus) s = NULL;
  DeskWindow *window = new_window (f->target);
  DeskImportDialog *dialog = open_dialog (window, f->one);
  const char *status;

  g_assert_true (desk_import_dialog_get_plan (dialog)->replay);
  g_assert_false (desk_import_dialog_get_plan (dialog)->already_imported);
  g_assert_nonnull (strstr (_desk_import_dialog_get_status_text (dialog), "offered again"));
  assert_offers (dialog, "_Refuse");

  answer_safely (dialog);
  status = _desk_import_dialog_get_status_text (dialog);
  g_test_message ("%s", status);
  g_assert_nonnull (strstr (status, "number 1"));
  g_assert_nonnull (strstr (status, "refused and counted"));
  assert_decided (dialog);

  after = records_digest (f);
  g_assert_cmpstr (after, ==, before);
  s = group_status (f);
  g_assert_cmpuint (s->replays_refused, ==, 1);
  g_assert_cmpuint (s->forks, ==, 0);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_OK);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* Cancel on a fork and on a replay: the user decided nothing, nothing is written down. */
static void
test_cancel_records_nothing (Forked        *f,
                             gconstpointer  data)
{
  const char *paths[] = { f->fork, f->one };
  g_autofree char *before = records_digest (f);
  g_autofree char *after = NULL;
  g_autoptr(DeskGroupStatus) s = NULL;
  DeskWindow *window = new_window (f->target);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      DeskImportDialog *dialog = open_dialog (window, paths[i]);

      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                      "import.set-aside"))));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
      settle ();
      g_assert_null (dialog);
    }

  after = records_digest (f);
  g_assert_cmpstr (after, ==, before);
  s = group_status (f);
  g_assert_cmpuint (s->forks, ==, 0);
  g_assert_cmpuint (s->replays_refused, ==, 0);
  g_assert_cmpint (s->chain, ==, DESK_CHAIN_OK);

  destroy_window (window);
}

/* A bundle that continues the chain offers no Set Aside, and its action does nothing. */
static void
test_plain_bundle_offers_none (Forked        *f,
                               gconstpointer  data)
{
  g_autoptr(DeskStore) src = NULL;
  g_autofree char *three = NULL;
  g_autoptr(DeskGroupStatus) s = NULL;
  DeskWindow *window;
  DeskImportDialog *dialog;

  src = open_store (f, "src.db", "2026-11-21T09:00:00Z");
  three = export_to (f, src, "2026-09-30", "3" DESK_BUNDLE_SUFFIX);
  window = new_window (f->target);
  dialog = open_dialog (window, three);

  g_assert_null (desk_import_dialog_get_plan (dialog)->refused);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                   "import.set-aside"))));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.set-aside", NULL);
  g_assert_true (gtk_widget_get_can_target (GTK_WIDGET (dialog)));
  s = group_status (f);
  g_assert_cmpint (s->last_sequence, ==, 2);
  g_assert_cmpuint (s->forks + s->replays_refused, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Forked, NULL, forked_set_up, func, forked_tear_down)
  ADD ("/gui/import-set-aside/fork", test_fork_set_aside);
  ADD ("/gui/import-set-aside/replay", test_replay_refused);
  ADD ("/gui/import-set-aside/cancel", test_cancel_records_nothing);
  ADD ("/gui/import-set-aside/plain-bundle", test_plain_bundle_offers_none);
#undef ADD

  return g_test_run ();
}
