/* desk-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-overview-page.h"

struct _DeskOverviewPage
{
  AdwBin parent_instance;

  DeskStore *store;
  gulong changed_id;
  guint refresh_source;

  /* Template widgets */
  GtkStack *stack;
  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkLabel *members_count;
  GtkLabel *activities_count;
  GtkLabel *deliverables_count;
  GtkLabel *workshops_count;
  GtkLabel *people_count;
  AdwActionRow *country_row;
  AdwActionRow *currency_row;
  AdwActionRow *code_row;
};

G_DEFINE_FINAL_TYPE (DeskOverviewPage, desk_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_count (GtkLabel       *label,
           DeskStore      *store,
           const DeskKind *kind,
           const char     *group_uuid)
{
  g_autofree char *text = NULL;

  /* The ' flag groups digits the way the user's locale does. */
  text = g_strdup_printf ("%'" G_GINT64_FORMAT, desk_store_count (store, kind, group_uuid));
  gtk_label_set_label (label, text);
}

static void
desk_overview_page_refresh (DeskOverviewPage *self)
{
  g_autoptr(DeskRecord) group = NULL;
  g_autofree char *country = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *currency_text = NULL;
  g_autofree char *details = NULL;
  const char *uuid;
  const char *name;
  const char *country_code;
  const char *currency_code;
  const char *code;

  if (self->store != NULL)
    group = desk_store_dup_main_group (self->store);

  if (group == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  uuid = desk_record_get_uuid (group);
  name = desk_record_get_narrative (group, "name", desk_locale_language (), NULL);
  country_code = desk_record_get_string (group, "country");
  currency_code = desk_record_get_string (group, "currency");
  code = desk_record_get_string (group, "code");

  country = desk_country_name (country_code);
  currency = desk_currency_name (currency_code);
  /* Translators: a currency's name and its ISO 4217 code, e.g. “Ghana Cedi (GHS)”. */
  currency_text = g_strdup_printf (_("%s (%s)"), currency, currency_code);
  /* Translators: under the group's name: its country, then its reporting currency. */
  details = g_strdup_printf (_("%s · Reports in %s"), country, currency_code);

  gtk_label_set_label (self->name_label, name != NULL ? name : "");
  gtk_label_set_label (self->details_label, details);
  adw_action_row_set_subtitle (self->country_row, country);
  adw_action_row_set_subtitle (self->currency_row, currency_text);
  adw_action_row_set_subtitle (self->code_row, code != NULL ? code : "");

  set_count (self->members_count, self->store, DESK_KIND_MEMBER, uuid);
  set_count (self->activities_count, self->store, DESK_KIND_ACTIVITY, uuid);
  set_count (self->deliverables_count, self->store, DESK_KIND_DELIVERABLE, uuid);
  set_count (self->workshops_count, self->store, DESK_KIND_WORKSHOP, uuid);
  set_count (self->people_count, self->store, DESK_KIND_PERSON, uuid);

  gtk_stack_set_visible_child_name (self->stack, "group");
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DeskOverviewPage *self = user_data;

  self->refresh_source = 0;
  desk_overview_page_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DeskOverviewPage *self,
                  const char       *kind,
                  const char       *uuid,
                  DeskStore        *store)
{
  /* A sample group arrives as hundreds of changes at once: count once, when idle. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
desk_overview_page_dispose (GObject *object)
{
  DeskOverviewPage *self = (DeskOverviewPage *) object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  /* The stack is both AdwBin's child and a template child: let AdwBin drop it first,
   * so that the template does not unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (desk_overview_page_parent_class)->dispose (object);
}

static void
desk_overview_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskOverviewPage *self = DESK_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_overview_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskOverviewPage *self = DESK_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_overview_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_overview_page_class_init (DeskOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_overview_page_dispose;
  object_class->get_property = desk_overview_page_get_property;
  object_class->set_property = desk_overview_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, members_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, activities_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, deliverables_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, workshops_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, people_count);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, DeskOverviewPage, code_row);
}

static void
desk_overview_page_init (DeskOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_overview_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_OVERVIEW_PAGE,
                       "store", store,
                       NULL);
}

DeskStore *
desk_overview_page_get_store (DeskOverviewPage *self)
{
  g_return_val_if_fail (DESK_IS_OVERVIEW_PAGE (self), NULL);

  return self->store;
}

void
desk_overview_page_set_store (DeskOverviewPage *self,
                              DeskStore        *store)
{
  g_return_if_fail (DESK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  g_set_object (&self->store, store);

  if (self->store != NULL)
    self->changed_id = g_signal_connect_object (self->store, "changed",
                                                G_CALLBACK (store_changed_cb), self,
                                                G_CONNECT_SWAPPED);

  desk_overview_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
