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

/* Normalising names */

static void
assert_normal (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = desk_text_normalize_name (text, "Full name", &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  if (g_strcmp0 (got, expected) != 0)
    {
      g_autofree char *shown = g_strescape (text, NULL);
      g_autofree char *shown_got = g_strescape (got, NULL);
      g_autofree char *shown_expected = g_strescape (expected, NULL);

      g_error ("“%s” normalised to “%s”, expected “%s”", shown, shown_got, shown_expected);
    }

  /* Normalising twice changes nothing. */
  again = desk_text_normalize_name (got, "Full name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, got);
}

static void
assert_normal_refused (const char *text,
                       const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = desk_text_normalize_name (text, "Full name", &error);
  g_autofree char *shown = g_strescape (text, NULL);

  if (got != NULL)
    g_error ("“%s” should be refused, got “%s”", shown, got);
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_test_message ("“%s”: %s", shown, error->message);
  /* The sentence names the field and says what is wrong. */
  g_assert_nonnull (strstr (error->message, "Full name"));
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

static void
test_normalize_invisible (void)
{
  /* Zero-width space, byte-order mark, word joiner, soft hyphen: gone. */
  assert_normal ("Ama\u200bMensah", "AmaMensah");
  assert_normal ("\ufeffAma Mensah", "Ama Mensah");
  assert_normal ("Ama\u2060 Mensah", "Ama Mensah");
  assert_normal ("Abe\u00adna", "Abena");
  /* Bidirectional controls: an override would make the name display as another. */
  assert_normal ("\u202ehasneM amA", "hasneM amA");
  assert_normal ("Ama\u202a\u202b\u202c\u202d Mensah", "Ama Mensah");
  assert_normal ("\u200eAma\u200f", "Ama");
  assert_normal ("\u2066Ama\u2067\u2068\u2069", "Ama");
  assert_normal ("\u061c\u0639\u0644\u064a", "\u0639\u0644\u064a");
  assert_normal ("Ama\U000e0041", "Ama");
}

static void
test_normalize_joiners (void)
{
  /* Between Latin letters a joiner only makes one name look like two. */
  assert_normal ("Ama\u200dMensah", "AmaMensah");
  assert_normal ("Ama\u200cMensah", "AmaMensah");
  assert_normal ("\u200dAma\u200c", "Ama");
  /* Persian writes ZWNJ inside words: می‌خواهم. */
  assert_normal ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                 "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
  /* Devanagari क्‍ष, Bengali, Sinhala ශ්‍රී, Myanmar: conjunct forms; a Malayalam chillu
   * written with ZWJ after the virama, at the end of the word. */
  assert_normal ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u200d\u0937");
  assert_normal ("\u0995\u09cd\u200c\u09b7", "\u0995\u09cd\u200c\u09b7");
  assert_normal ("\u0dc1\u0dca\u200d\u0dbb\u0dd3", "\u0dc1\u0dca\u200d\u0dbb\u0dd3");
  assert_normal ("\u0d28\u0d4d\u200d", "\u0d28\u0d4d\u200d");
  assert_normal ("\u1000\u103a\u200d\u1000", "\u1000\u103a\u200d\u1000");
  /* Not beside a space, not between scripts, not twice. */
  assert_normal ("\u0915 \u200d\u0937", "\u0915 \u0937");
  assert_normal ("\u0915\u200dA", "\u0915A");
  assert_normal ("\u0915\u200d\u200d\u0937", "\u0915\u200d\u0937");
  /* An emoji sequence may lose its joiner: no name needs it. */
  assert_normal ("Ama \U0001f469\u200d\U0001f4bb", "Ama \U0001f469\U0001f4bb");
}

static void
test_normalize_form_and_spaces (void)
{
  /* NFC: decomposed accents are composed. */
  assert_normal ("Jose\u0301", "Jos\u00e9");
  assert_normal ("  Ama \t  Mensah\u00a0\u3000 ", "Ama Mensah");
  assert_normal ("Ama \u200b Mensah", "Ama Mensah");
  assert_normal ("张　伟", "张 伟");
  /* Nothing to normalise. */
  assert_normal ("Abena Mensah", "Abena Mensah");
  assert_normal ("王海峰", "王海峰");
  assert_normal ("J.-P. O'Neil", "J.-P. O'Neil");
}

static void
test_normalize_empty (void)
{
  /* Nothing, or nothing but invisible characters: empty, for a required field to refuse. */
  assert_normal ("", "");
  assert_normal ("   ", "");
  assert_normal ("\u200b\u200b", "");
  assert_normal ("\u202e\ufeff", "");
  assert_normal ("\u200d", "");
  {
    g_autofree char *null = desk_text_normalize_name (NULL, "Full name", NULL);

    g_assert_cmpstr (null, ==, "");
  }
}

static void
test_normalize_refused (void)
{
  static const char *const breaks[] = {
    "Ama\nMensah", "Ama\rMensah", "Ama\r\nMensah", "Ama\u2028Mensah", "Ama\u2029",
    "Ama\xc2\x85Mensah", "Ama\x0bMensah", "Ama\x0cMensah", "\n",
  };
  static const char *const controls[] = {
    "Ama\x07", "\x1b[31mAma", "Ama\x7f", "Ama\xc2\x90", "\x01",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *two_lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    assert_normal_refused (breaks[i], "more than one line");
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    assert_normal_refused (controls[i], "control character");
  assert_normal_refused ("Ama \xc3\x28", "damaged");
  /* Marks without a letter, Hangul fillers: something, but nothing visible. */
  assert_normal_refused ("\u0301", "no visible");
  assert_normal_refused (" \u3164 ", "no visible");
  assert_normal_refused ("\u115f\u1160", "no visible");

  /* An organisation or an address typed on two lines is one line with a space; other
   * controls are refused there too. */
  two_lines = desk_text_normalize_identity ("Chamber of Mines\r\nAccra office\u2028",
                                            "Organisation", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (two_lines, ==, "Chamber of Mines Accra office");
  g_assert_null (desk_text_normalize_identity ("Mines\xc2\x85" "Accra", "Organisation", &error));
  g_assert_error (error, DESK_ERROR, DESK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Organisation"));
}

static void
test_fold_invisible (void)
{
  /* The key drops what shows nothing, so that such names are one person. */
  assert_same_person ("Ama\u200bMensah", "AmaMensah");
  assert_same_person ("Ama\u200dMensah", "AmaMensah");
  assert_same_person ("\ufeffAma Mensah\u202c", "Ama Mensah");
  assert_same_person ("\u202eAma Mensah", "Ama Mensah");
  assert_same_person ("Abe\u00adna", "Abena");
  assert_same_person ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                      "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645");
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
  g_test_add_func ("/core/text/fold/invisible", test_fold_invisible);
  g_test_add_func ("/core/text/normalize/invisible", test_normalize_invisible);
  g_test_add_func ("/core/text/normalize/joiners", test_normalize_joiners);
  g_test_add_func ("/core/text/normalize/form-and-spaces", test_normalize_form_and_spaces);
  g_test_add_func ("/core/text/normalize/empty", test_normalize_empty);
  g_test_add_func ("/core/text/normalize/refused", test_normalize_refused);

  return g_test_run ();
}
