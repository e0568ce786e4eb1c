/* desk-page.c
 *
 * What every page of the window has in common: the store and the history it shows and
 * writes through, building its content the first time it is shown (so the window opens
 * quickly on a large database) and again when it is handed another store, opening a
 * record it owns, routing New, Find and Delete to the list the user works in, and telling the user something in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-page.h"
#include "desk-a11y.h"
#include "desk-job.h"
#include "desk-report-render.h"
#include "desk-toast.h"
#include "desk-widget-util.h"

typedef struct
{
  DeskStore *store;
  DeskHistory *history;
  /* The group shown: NULL for the store's main group. */
  char *group_uuid;
  /* Decided when the page builds: FALSE for a group that arrived in a bundle. */
  gboolean writable;
  gboolean built;
} DeskPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DeskPage, desk_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HISTORY,
  PROP_GROUP_UUID,
  PROP_WRITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* On the type of a page whose template the base disposes. */
static GQuark template_quark;
/* On the type of a page: the names of its actions that write (a GStrv). */
static GQuark writing_actions_quark;

static gboolean
is_writing_action (DeskPage   *self,
                   const char *name)
{
  if (g_str_equal (name, "page.new") || g_str_equal (name, "page.delete"))
    return TRUE;

  for (GType type = G_OBJECT_TYPE (self); type != DESK_TYPE_PAGE; type = g_type_parent (type))
    {
      const char *const *names = g_type_get_qdata (type, writing_actions_quark);

      if (names != NULL && g_strv_contains (names, name))
        return TRUE;
    }

  return FALSE;
}

/* A page that shows a group's records read-only: every action that writes is off, and
 * every list of the page offers neither New nor Delete. Editors decide for themselves
 * from their record's group (desk-record-editor.c), wherever they are shown. */
static void
desk_page_apply_writable (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);
  g_autoptr(GQueue) queue = g_queue_new ();
  GtkWidget *widget;

  if (priv->writable)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", FALSE);
  for (GType type = G_OBJECT_TYPE (self); type != DESK_TYPE_PAGE; type = g_type_parent (type))
    {
      const char *const *names = g_type_get_qdata (type, writing_actions_quark);

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], FALSE);
    }

  g_queue_push_tail (queue, self);
  while ((widget = g_queue_pop_head (queue)) != NULL)
    {
      if (DESK_IS_RECORD_LIST (widget))
        desk_record_list_set_writable (DESK_RECORD_LIST (widget), FALSE);
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }
}

/* Before a new store or history: what was built from the old one goes, while the page
 * still holds the old one to disconnect from. */
static void
desk_page_unbuild (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  if (!priv->built)
    return;

  if (DESK_PAGE_GET_CLASS (self)->unbuild != NULL)
    DESK_PAGE_GET_CLASS (self)->unbuild (self);
  priv->built = FALSE;
}

/* After: the page is built again now if it is shown, else when it next is. */
static void
desk_page_rebuild (DeskPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    desk_page_ensure_built (self);
}

static void
desk_page_map (GtkWidget *widget)
{
  desk_page_ensure_built (DESK_PAGE (widget));

  GTK_WIDGET_CLASS (desk_page_parent_class)->map (widget);
}

static void
desk_page_real_new_record (DeskPage *self)
{
  DeskRecordList *list = desk_page_get_active_list (self);

  if (list != NULL)
    gtk_widget_activate_action (GTK_WIDGET (list), "list.new", NULL);
}

static void
desk_page_real_focus_search (DeskPage *self)
{
  DeskRecordList *list = desk_page_get_active_list (self);

  if (list != NULL)
    desk_record_list_focus_search (list);
}

/* The default open_record: the record in the list of its kind. */
static gboolean
desk_page_open_in_list (DeskPage   *self,
                        const char *kind,
                        const char *uuid)
{
  DeskRecordList *list = DESK_PAGE_GET_CLASS (self)->get_list_for_kind (self, kind);

  if (list == NULL)
    return FALSE;

  desk_page_show_list (self, list);
  desk_record_list_open (list, uuid);

  return TRUE;
}

static void
page_new_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DeskPage *self = DESK_PAGE (widget);

  if (desk_page_ensure_built (self))
    DESK_PAGE_GET_CLASS (self)->new_record (self);
}

static void
page_find_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DeskPage *self = DESK_PAGE (widget);

  if (desk_page_ensure_built (self))
    DESK_PAGE_GET_CLASS (self)->focus_search (self);
}

static void
page_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DeskRecordList *list = desk_page_get_active_list (DESK_PAGE (widget));

  if (list != NULL)
    gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL);
}

static void
desk_page_dispose (GObject *object)
{
  DeskPage *self = (DeskPage *) object;
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  for (GType type = G_OBJECT_TYPE (object); type != DESK_TYPE_PAGE; type = g_type_parent (type))
    if (g_type_get_qdata (type, template_quark) != NULL)
      {
        desk_page_dispose_template (self, type);
        break;
      }

  g_clear_object (&priv->store);
  g_clear_object (&priv->history);

  G_OBJECT_CLASS (desk_page_parent_class)->dispose (object);
}

static void
desk_page_finalize (GObject *object)
{
  DeskPage *self = (DeskPage *) object;
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_free (priv->group_uuid);

  G_OBJECT_CLASS (desk_page_parent_class)->finalize (object);
}


static void
desk_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DeskPage *self = DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, desk_page_get_store (self));
      break;

    case PROP_HISTORY:
      g_value_set_object (value, desk_page_get_history (self));
      break;

    case PROP_GROUP_UUID:
      g_value_set_string (value, desk_page_get_group_uuid (self));
      break;

    case PROP_WRITABLE:
      g_value_set_boolean (value, desk_page_get_writable (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DeskPage *self = DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      desk_page_set_history (self, g_value_get_object (value));
      break;

    case PROP_GROUP_UUID:
      {
        DeskPagePrivate *priv = desk_page_get_instance_private (self);

        g_free (priv->group_uuid);
        priv->group_uuid = g_value_dup_string (value);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_page_class_init (DeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  template_quark = g_quark_from_static_string ("desk-page-template");
  writing_actions_quark = g_quark_from_static_string ("desk-page-writing-actions");

  object_class->dispose = desk_page_dispose;
  object_class->finalize = desk_page_finalize;
  object_class->get_property = desk_page_get_property;
  object_class->set_property = desk_page_set_property;
  widget_class->map = desk_page_map;
  klass->new_record = desk_page_real_new_record;
  klass->focus_search = desk_page_real_focus_search;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The window's undo history: every change a page saves goes through it. */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         DESK_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The group whose records the page shows: NULL for the store's main group. Another
   * group is one a bundle brought (the secretariat's Groups page opens it). */
  properties[PROP_GROUP_UUID] =
    g_param_spec_string ("group-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whether the page may write: FALSE for a group that arrived in a bundle, whose
   * records are the group's, not this database's to change. Known once it is built. */
  properties[PROP_WRITABLE] =
    g_param_spec_boolean ("writable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.new", NULL, page_new_activated);
  gtk_widget_class_install_action (widget_class, "page.find", NULL, page_find_activated);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, page_delete_activated);
}

static void
desk_page_init (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  priv->writable = TRUE;
}

void
desk_page_class_set_writing_actions (DeskPageClass     *page_class,
                                     const char *const *names)
{
  g_return_if_fail (DESK_IS_PAGE_CLASS (page_class));

  g_type_set_qdata (G_TYPE_FROM_CLASS (page_class), writing_actions_quark,
                    g_strdupv ((char **) names));
}

void
desk_page_class_set_template_from_resource (DeskPageClass *page_class,
                                            const char    *resource)
{
  g_return_if_fail (DESK_IS_PAGE_CLASS (page_class));
  g_return_if_fail (resource != NULL);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (page_class), resource);
  g_type_set_qdata (G_TYPE_FROM_CLASS (page_class), template_quark, GINT_TO_POINTER (TRUE));
}

void
desk_page_dispose_template (DeskPage *self,
                            GType     type)
{
  g_return_if_fail (DESK_IS_PAGE (self));

  /* What was built goes first, while the store it disconnects from is still here. The
   * bin's child is a template child: the bin lets go of it before the template does, or
   * the bin would unparent it a second time. */
  desk_page_unbuild (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), type);
}

DeskStore *
desk_page_get_store (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);

  return priv->store;
}

void
desk_page_set_store (DeskPage  *self,
                     DeskStore *store)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (priv->store == store)
    return;

  desk_page_unbuild (self);
  g_set_object (&priv->store, store);
  desk_page_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DeskHistory *
desk_page_get_history (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);

  return priv->history;
}

void
desk_page_set_history (DeskPage    *self,
                       DeskHistory *history)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (history == NULL || DESK_IS_HISTORY (history));

  if (priv->history == history)
    return;

  desk_page_unbuild (self);
  g_set_object (&priv->history, history);
  desk_page_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
desk_page_get_built (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_PAGE (self), FALSE);

  return priv->built;
}

gboolean
desk_page_ensure_built (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);
  DeskPageClass *klass;
  gboolean writable;

  g_return_val_if_fail (DESK_IS_PAGE (self), FALSE);

  if (priv->built || priv->store == NULL)
    return priv->built;

  /* Known before the build, so that what the page makes can ask. */
  writable = priv->group_uuid == NULL || !desk_store_group_is_read_only (priv->store, priv->group_uuid);
  if (writable != priv->writable)
    {
      priv->writable = writable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITABLE]);
    }

  /* Built already while it builds, so that what the build sets off sees a built page. */
  klass = DESK_PAGE_GET_CLASS (self);
  priv->built = TRUE;
  if (klass->build != NULL && !klass->build (self))
    priv->built = FALSE;

  if (priv->built)
    {
      desk_page_apply_writable (self);
      /* Every control the build made says its name, once (issue #20). */
      desk_a11y_name_controls (GTK_WIDGET (self));
    }

  return priv->built;
}

gboolean
desk_page_open_record (DeskPage   *self,
                       const char *kind,
                       const char *uuid)
{
  DeskPageClass *klass;

  g_return_val_if_fail (DESK_IS_PAGE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  klass = DESK_PAGE_GET_CLASS (self);
  if (klass->open_record != NULL)
    {
      desk_page_ensure_built (self);
      return klass->open_record (self, kind, uuid);
    }

  if (klass->get_list_for_kind == NULL || !desk_page_ensure_built (self))
    return FALSE;

  return desk_page_open_in_list (self, kind, uuid);
}

DeskRecordList *
desk_page_get_active_list (DeskPage *self)
{
  DeskPageClass *klass;

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);

  klass = DESK_PAGE_GET_CLASS (self);
  if (klass->get_active_list == NULL || !desk_page_ensure_built (self))
    return NULL;

  return klass->get_active_list (self);
}

char *
desk_page_dup_group_uuid (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);
  g_autoptr(DeskRecord) group = NULL;

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);

  if (priv->store == NULL || priv->history == NULL)
    return NULL;
  if (priv->group_uuid != NULL)
    return g_strdup (priv->group_uuid);

  group = desk_store_dup_main_group (priv->store);

  return group != NULL ? g_strdup (desk_record_get_uuid (group)) : NULL;
}

const char *
desk_page_get_group_uuid (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);

  return priv->group_uuid;
}

gboolean
desk_page_get_writable (DeskPage *self)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_PAGE (self), FALSE);

  return priv->writable;
}

void
desk_page_action_set_enabled (DeskPage   *self,
                              const char *action_name,
                              gboolean    enabled)
{
  DeskPagePrivate *priv = desk_page_get_instance_private (self);

  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (action_name != NULL);

  if (!priv->writable && is_writing_action (self, action_name))
    enabled = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, enabled);
}

void
desk_page_show_list (DeskPage       *self,
                     DeskRecordList *list)
{
  GtkWidget *child;

  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (DESK_IS_RECORD_LIST (list));

  for (child = GTK_WIDGET (list);
       child != NULL && child != GTK_WIDGET (self);
       child = gtk_widget_get_parent (child))
    {
      GtkWidget *parent = gtk_widget_get_parent (child);

      if (GTK_IS_STACK (parent))
        gtk_stack_set_visible_child (GTK_STACK (parent), child);
      else if (ADW_IS_VIEW_STACK (parent))
        adw_view_stack_set_visible_child (ADW_VIEW_STACK (parent), child);
    }
}

gboolean
desk_page_add_new_record (DeskPage       *self,
                          DeskRecordList *list,
                          DeskRecord     *record,
                          const char     *focus_field)
{
  g_autoptr(GError) error = NULL;
  DeskRecordEditor *editor;

  g_return_val_if_fail (DESK_IS_PAGE (self), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD_LIST (list), FALSE);
  g_return_val_if_fail (DESK_IS_RECORD (record), FALSE);

  if (!desk_history_insert (desk_page_get_history (self), record, &error))
    {
      desk_page_add_toast (self, error->message);
      return FALSE;
    }

  desk_page_show_list (self, list);
  desk_record_list_open (list, desk_record_get_uuid (record));
  editor = desk_record_list_get_editor (list);
  if (editor != NULL && focus_field != NULL)
    desk_record_editor_focus_field (editor, focus_field);

  return TRUE;
}

GtkWidget *
desk_page_add_section_switcher (DeskPage     *self,
                                GtkBox       *toolbar,
                                AdwViewStack *sections)
{
  GtkWidget *switcher;
  GtkWidget *narrow;
  GtkWidget *squeezer;

  g_return_val_if_fail (DESK_IS_PAGE (self), NULL);
  g_return_val_if_fail (GTK_IS_BOX (toolbar), NULL);
  g_return_val_if_fail (ADW_IS_VIEW_STACK (sections), NULL);

  /* Wide: a title beside its icon reads at a glance, where the toolbar has the room. */
  switcher = g_object_new (ADW_TYPE_VIEW_SWITCHER,
                           "stack", sections,
                           "policy", ADW_VIEW_SWITCHER_POLICY_WIDE,
                           "valign", GTK_ALIGN_CENTER,
                           NULL);
  gtk_widget_add_css_class (switcher, "desk-section-switcher");
  /* Narrow (the title under its icon) where it has not: beside the sidebar in a window
   * of 900 px, the wide sections would make the page wider than the room (issue #20). */
  narrow = g_object_new (ADW_TYPE_VIEW_SWITCHER,
                         "stack", sections,
                         "policy", ADW_VIEW_SWITCHER_POLICY_NARROW,
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  gtk_widget_add_css_class (narrow, "desk-section-switcher");
  squeezer = g_object_new (ADW_TYPE_SQUEEZER,
                           "transition-type", ADW_SQUEEZER_TRANSITION_TYPE_NONE,
                           "homogeneous", FALSE,
                           "xalign", 0.0f,
                           NULL);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), switcher);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), narrow);
  gtk_box_prepend (toolbar, squeezer);

  return switcher;
}

void
desk_page_add_toast (DeskPage   *self,
                     const char *message)
{
  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  desk_toast_show_message (GTK_WIDGET (self), message);
}

/* Saving a report as PDF */

typedef struct
{
  DeskPage *page;
  DeskPageReportFunc compute;
  gpointer data;
  GDestroyNotify data_free;
  char *path;
  char *printed_on;
} ReportPdf;

static void
report_pdf_free (gpointer user_data)
{
  ReportPdf *work = user_data;

  g_clear_object (&work->page);
  if (work->data_free != NULL)
    work->data_free (work->data);
  g_free (work->path);
  g_free (work->printed_on);
  g_free (work);
}

static gboolean
report_pdf_work (DeskStore         *store,
                 gpointer           user_data,
                 GCancellable      *cancellable,
                 DeskProgressFunc   progress,
                 gpointer           progress_data,
                 GError           **error)
{
  ReportPdf *work = user_data;
  g_autoptr(DeskReport) report = work->compute (store, work->data, error);

  return report != NULL &&
         desk_report_write_pdf_full (report, work->path, work->printed_on, cancellable,
                                     progress, progress_data, error);
}

static void
report_pdf_done (DeskJob      *job,
                 gpointer      user_data,
                 const GError *error,
                 gpointer      unused)
{
  ReportPdf *work = user_data;
  g_autofree char *basename = g_path_get_basename (work->path);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error == NULL)
    /* Translators: a toast after saving a report; %s is the file's name. */
    message = g_strdup_printf (_("Saved “%s”"), basename);
  else
    message = g_strdup (error->message);
  desk_page_add_toast (work->page, message);
}

void
desk_page_save_report_pdf (DeskPage           *self,
                           const char         *title,
                           const char         *path,
                           DeskPageReportFunc  compute,
                           gpointer            data,
                           GDestroyNotify      data_free)
{
  DeskStore *store;
  g_autofree char *today = NULL;
  g_autoptr(DeskJob) job = NULL;
  ReportPdf *work;

  g_return_if_fail (DESK_IS_PAGE (self));
  g_return_if_fail (path != NULL && compute != NULL);

  store = desk_page_get_store (self);
  if (store == NULL)
    {
      if (data_free != NULL)
        data_free (data);
      return;
    }
  today = desk_store_dup_today (store);
  work = g_new0 (ReportPdf, 1);
  work->page = g_object_ref (self);
  work->compute = compute;
  work->data = data;
  work->data_free = data_free;
  work->path = g_strdup (path);
  work->printed_on = desk_date_format (today);
  /* The job keeps itself until it ends, and says how it went in a toast. */
  job = desk_job_start (desk_widget_get_window (GTK_WIDGET (self)), store, title,
                        report_pdf_work, work, report_pdf_free, report_pdf_done, NULL);
}
