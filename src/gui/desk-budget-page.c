/* desk-budget-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-budget-page"

#include "config.h"

#include "desk-budget-page.h"

struct _DeskBudgetPage
{
  AdwBin parent_instance;

  DeskStore *store;
};

G_DEFINE_FINAL_TYPE (DeskBudgetPage, desk_budget_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_budget_page_dispose (GObject *object)
{
  DeskBudgetPage *self = (DeskBudgetPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_BUDGET_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_budget_page_parent_class)->dispose (object);
}

static void
desk_budget_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (object);

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
desk_budget_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskBudgetPage *self = DESK_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_budget_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_budget_page_class_init (DeskBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_budget_page_dispose;
  object_class->get_property = desk_budget_page_get_property;
  object_class->set_property = desk_budget_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/voluntaryprinciples/Groupdesk/ui/desk-budget-page.ui");
}

static void
desk_budget_page_init (DeskBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_budget_page_new (DeskStore *store)
{
  g_return_val_if_fail (store == NULL || DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_BUDGET_PAGE,
                       "store", store,
                       NULL);
}

DeskStore *
desk_budget_page_get_store (DeskBudgetPage *self)
{
  g_return_val_if_fail (DESK_IS_BUDGET_PAGE (self), NULL);

  return self->store;
}

void
desk_budget_page_set_store (DeskBudgetPage *self,
                            DeskStore      *store)
{
  g_return_if_fail (DESK_IS_BUDGET_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
