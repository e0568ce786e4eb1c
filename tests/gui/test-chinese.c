/* test-chinese.c — the app in Simplified Chinese
 *
 * Started with LANGUAGE=zh_CN, as a Chinese-speaking member would run it: the page
 * titles, a validation error, a date, an amount and country and currency names must
 * come out in Chinese; an English word with two meanings gets the Chinese of each, a
 * count its measure word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "desk-application.h"
#include "desk-core.h"
#include "desk-window.h"

/* The titles of every header on screen: the sidebar's and the page's. */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (titles, g_strdup (adw_window_title_get_title (ADW_WINDOW_TITLE (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

/* The text of every label under widget. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
wait_for_frames (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_page_titles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *group = desk_demo_fill (store, &error);
  static const struct { const char *page; const char *title; } pages[] = {
    { "overview", "概览" },
    { "workplan", "工作计划" },
    { "deliverables", "可交付成果" },
    { "budget", "预算" },
    { "workshops", "研讨会" },
    { "people", "人员" },
    { "reports", "报告" },
    { "exports", "导出" },
  };
  GtkWidget *window;

  g_assert_no_error (error);
  window = desk_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (gtk_widget_activate_action (window, "win.show-page", "s", pages[i].page));
      wait_for_frames ();
      collect_titles (window, titles);
      g_ptr_array_add (titles, NULL);
      if (!g_strv_contains ((const char *const *) titles->pdata, pages[i].title))
        g_error ("the %s page is not titled “%s”", pages[i].page, pages[i].title);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_frames ();
}

static void
test_validation_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *group = desk_demo_fill (store, &error);
  g_autoptr(DeskRecord) person = desk_record_new (DESK_KIND_PERSON);
  g_autofree char *bad_field = NULL;

  desk_record_set_group (person, group);
  desk_record_set_string (person, "name", "   ");
  desk_record_set_string (person, "gender", "woman");

  /* Core's message, in the UI language, naming the field in Chinese. */
  g_assert_false (desk_store_validate (store, person, &bad_field, &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_cmpstr (bad_field, ==, "name");
  g_assert_cmpstr (error->message, ==, "“姓名”为必填项，请填写后再保存。");
}

static void
test_dates_money_and_names (void)
{
  g_autofree char *date = desk_date_format ("2025-03-05");
  g_autofree char *amount = desk_money_format (123450, "GHS", 2);
  g_autofree char *country = desk_country_name ("GH");
  g_autofree char *currency = desk_currency_name ("GHS");

  g_assert_cmpstr (date, ==, "2025年3月5日");
  /* Money follows the record's currency, not the locale: code, grouping, decimals. */
  g_assert_cmpstr (amount, ==, "GHS 1,234.50");
  /* Country and currency names come from iso-codes' own translations. */
  g_assert_cmpstr (country, ==, "加纳");
  g_assert_cmpstr (currency, ==, "加纳塞地");
  g_assert_true (desk_locale_is_chinese ());
  g_assert_cmpstr (desk_locale_language (), ==, "zh");
}

/* "Name" of a person (姓名) and of a group or indicator (名称); the import preview's
 * "Added" (what will be done: 新增) and the CLI's after an import (已添加). */
static void
test_two_meanings (void)
{
  g_assert_cmpstr (desk_signin_column_label (DESK_SIGNIN_COLUMN_NAME), ==, "姓名");
  g_assert_cmpstr (_("Name"), ==, "名称");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "import preview", "Added"), ==, "新增");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "import preview", "Unchanged"), ==, "不变");
  g_assert_cmpstr (_("Added"), ==, "已添加");
}

/* The Overview counts the members with a measure word: "13 名成员", never "13 成员". */
static void
test_measure_word (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (":memory:", &error);
  g_autofree char *group = desk_demo_fill (store, &error);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *members = NULL;
  GtkWidget *window;

  g_assert_no_error (error);
  members = g_strdup_printf ("%lld 名成员", (long long) desk_store_count (store, DESK_KIND_MEMBER, group));
  window = desk_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (window, "win.show-page", "s", "overview"));
  /* The figures are read on a worker thread: wait until they are shown. */
  for (guint i = 0; i < 500 && !labels_contain (labels, members); i++)
    {
      g_ptr_array_set_size (labels, 0);
      g_usleep (2000);
      wait_for_frames ();
      collect_labels (window, labels);
    }
  if (!labels_contain (labels, members))
    g_error ("the Overview does not say “%s”", members);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_frames ();
}

/* The shortcuts window is headed 键盘快捷键, as the menu names it, not GTK's 快捷操作. */
static void
test_shortcuts_title (void)
{
  GtkWindow *window = desk_application_build_shortcuts_window (NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_labels (gtk_window_get_titlebar (window), labels);
  g_assert_true (labels_contain (labels, "键盘快捷键"));
  g_assert_false (labels_contain (labels, "快捷操作"));

  gtk_window_destroy (window);
  wait_for_frames ();
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("GROUPDESK_LOCALEDIR");

  /* As src/main.c does for a Chinese member: the language first, then the locale. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  desk_core_init_i18n (localedir != NULL ? localedir : LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/chinese/page-titles", test_page_titles);
  g_test_add_func ("/gui/chinese/validation-error", test_validation_error);
  g_test_add_func ("/gui/chinese/dates-money-and-names", test_dates_money_and_names);
  g_test_add_func ("/gui/chinese/two-meanings", test_two_meanings);
  g_test_add_func ("/gui/chinese/measure-word", test_measure_word);
  g_test_add_func ("/gui/chinese/shortcuts-title", test_shortcuts_title);

  return g_test_run ();
}
