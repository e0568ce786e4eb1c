/* test-bundle-common.h — the fixture the bundle tests share: a source database with a
 * test group, and its exports (static, one copy per binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-common.h"

#define FROM "2026-01-01"
#define TO "2026-06-30"

typedef struct
{
  char *dir;
  DeskStore *src;
  TestWorld *world;
} Fixture;

static inline char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static inline DeskStore *
open_file_store (Fixture    *f,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (f, name);
  DeskStore *store = desk_store_open (path, &error);

  g_assert_no_error (error);
  test_set_now (store, TEST_NOW);

  return store;
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->src = open_file_store (f, "src.db");
  f->world = test_world_new (f->src, "GH-T");
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->world, test_world_free);
  g_clear_object (&f->src);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

static inline char *
export_bundle (Fixture     *f,
               DeskStore   *store,
               const char  *group,
               DeskPrivacy  privacy,
               const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (f, name);

  desk_bundle_export (store, group, FROM, TO, privacy, path, &error);
  g_assert_no_error (error);

  return path;
}

/* Not inlined: GCC 12 then sees the g_file_get_contents out-parameter as dangling. */
G_GNUC_UNUSED G_GNUC_NO_INLINE static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

