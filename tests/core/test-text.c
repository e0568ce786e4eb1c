/* test-text.c — rules for user text and the folding of names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

#include <locale.h>
#include <stdlib.h>

static void
assert_same_person (const char *a,
                    const char *b)
{
  g_autofree char *ka = desk_text_fold_name (a);
  g_autofree char *kb = desk_text_fold_name (b);

  if (g_strcmp0 (ka, kb) != 0)
    g_error ("“%s” (%s) and “%s” (%s) should fold to one key", a, ka, b, kb);
  g_assert_cmpstr (ka, !=, "");
}

static void
assert_different_people (const char *a,
                         const char *b)
{
  g_autofree char *ka = desk_text_fold_name (a);
  g_autofree char *kb = desk_text_fold_name (b);

  if (g_strcmp0 (ka, kb) == 0)
    g_error ("“%s” and “%s” should stay apart, but both fold to %s", a, b, ka);
}

static void
test_fold_case_accents_spacing (void)
{
  g_autofree char *key = desk_text_fold_name ("  José   MARÍA  ");

  g_assert_cmpstr (key, ==, "jose maria");
  assert_same_person ("Kwame Asante", "kwame asante");
  assert_same_person ("KWAME ASANTE", "Kwame  Asante");
  assert_same_person ("José", "jose");
  assert_same_person ("Zoë Ørsted", "zoe ørsted");
  assert_same_person ("Çağlar", "caglar");
  assert_same_person ("Kwame\tAsante", "Kwame Asante");
  assert_same_person ("Mensah-Bonsu", "Mensah Bonsu");
  assert_same_person ("J.-P. Mbeki", "J P Mbeki");
  /* Decomposed and precomposed accents are one spelling. */
  assert_same_person ("Jose\xcc\x81", "Jos\xc3\xa9");
}

static void
test_fold_width (void)
{
  g_autofree char *key = desk_text_fold_name ("ＡＢＣ");

  g_assert_cmpstr (key, ==, "abc");
  assert_same_person ("ＫＷＡＭＥ　ＡＳＡＮＴＥ", "Kwame Asante");
  assert_same_person ("Ｗａｎｇ　１２", "wang 12");
}

static void
test_fold_chinese (void)
{
  g_autofree char *key = desk_text_fold_name ("张 伟");

  g_assert_cmpstr (key, ==, "张伟");
  assert_same_person ("张伟", "张 伟");
  assert_same_person ("王海峰", "王 海峰");
  assert_same_person ("王　海峰", "王海峰");
  /* A space between a Chinese and a Latin word still counts. */
  assert_different_people ("王 Li", "王Li");
}

static void
test_fold_distinct (void)
{
  assert_different_people ("Kwame Asante", "Kwame Asamoah");
  assert_different_people ("Ama Owusu", "Amaowusu Owusu");
  assert_different_people ("张伟", "张伟伟");
  assert_different_people ("李娜", "李那");
  assert_different_people ("Abena", "Abena Mensah");
}

static void
test_fold_edge_cases (void)
{
  g_autofree char *empty = desk_text_fold_name ("");
  g_autofree char *null = desk_text_fold_name (NULL);
  g_autofree char *bad = desk_text_fold_name ("\xff\xfe");
  g_autofree char *spaces = desk_text_fold_name ("   ");

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
  g_assert_cmpstr (bad, ==, "");
  g_assert_cmpstr (spaces, ==, "");
}

static void
test_is_clean (void)
{
  static const char *const clean[] = {
    "", "Kwame Asante", "Line one\nline two\r\n\tindented", "加纳《自愿原则》驻在国实施小组",
    "José — “quoted” … €", "emoji 😀 fine",
  };
  static const char *const dirty[] = {
    "bell\x07", "nul-free but escape \x1b[0m", "delete\x7f", "C1 \xc2\x85 next line",
    "\xc3\x28", "truncated \xe4\xb8", "overlong \xc0\xaf", "non-character \xef\xbf\xbe",
    "non-character \xef\xbf\xbf", "form feed \x0c",
  };

  g_assert_true (desk_text_is_clean (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    if (!desk_text_is_clean (clean[i]))
      g_error ("“%s” should be clean", clean[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dirty); i++)
    if (desk_text_is_clean (dirty[i]))
      g_error ("text %u should not be clean", i);
}

static void
test_is_blank (void)
{
  g_assert_true (desk_text_is_blank (NULL));
  g_assert_true (desk_text_is_blank (""));
  g_assert_true (desk_text_is_blank (" \t\n"));
  g_assert_true (desk_text_is_blank ("\xe3\x80\x80"));  /* ideographic space */
  g_assert_false (desk_text_is_blank (" a "));
  g_assert_false (desk_text_is_blank ("张"));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *ka = desk_text_sort_key (*(const char **) a);
  g_autofree char *kb = desk_text_sort_key (*(const char **) b);

  return strcmp (ka, kb);
}

static void
test_sort_chinese (void)
{
  const char *names[] = { "张伟", "李娜", "王海峰", "陈静" };
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));

  if (setlocale (LC_COLLATE, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed (build-aux/dev generates it)");
      return;
    }

  /* By pinyin: Chen, Li, Wang, Zhang — not by code point (张 李 王 陈). */
  qsort (names, G_N_ELEMENTS (names), sizeof names[0], compare_keys);
  g_assert_cmpstr (names[0], ==, "陈静");
  g_assert_cmpstr (names[1], ==, "李娜");
  g_assert_cmpstr (names[2], ==, "王海峰");
  g_assert_cmpstr (names[3], ==, "张伟");

  setlocale (LC_COLLATE, saved);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/text/sort-chinese", test_sort_chinese);

  g_test_add_func ("/core/text/fold/case-accents-spacing", test_fold_case_accents_spacing);
  g_test_add_func ("/core/text/fold/width", test_fold_width);
  g_test_add_func ("/core/text/fold/chinese", test_fold_chinese);
  g_test_add_func ("/core/text/fold/distinct", test_fold_distinct);
  g_test_add_func ("/core/text/fold/edge-cases", test_fold_edge_cases);
  g_test_add_func ("/core/text/is-clean", test_is_clean);
  g_test_add_func ("/core/text/is-blank", test_is_blank);

  return g_test_run ();
}
