/* desk-secretariat-figures-index.c — UUID → index tables for the figures across groups
 *
 * The figures look a UUID up for each of hundreds of thousands of rows (the person and
 * the workshop of each attendance, the line of each expense). A UUID in its canonical
 * lowercase form is kept as its 128 bits in an open-addressed table, so a lookup is one
 * probe of a small slot, without hashing or comparing 36 characters; any other text
 * (a bundle may spell a UUID in capitals) goes to a GHashTable of strings beside it, so
 * every UUID is found exactly as SQLite compares it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-secretariat"

#include "config.h"

#include "desk-secretariat-figures-private.h"

#include <string.h>

typedef struct
{
  guint64 hi, lo;
  guint value;
  gboolean used;
} Slot;

/* Each lowercase hex digit's value plus one; 0 for any other byte. */
static const guint8 nibble[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
  ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

/* Where the 32 digits of 8-4-4-4-12 are. */
static const guint8 digit_at[32] = {
  0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17,
  19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
};

/* The 128 bits of @text when it is a UUID in lowercase, 8-4-4-4-12: without a branch
 * per character, as it runs for every row read. */
static gboolean
uuid_bits (const char *text,
           guint64    *hi,
           guint64    *lo)
{
  const guint8 *t = (const guint8 *) text;
  guint64 words[2] = { 0, 0 };
  guint8 bad = 0;

  if (strnlen (text, 37) != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-')
    return FALSE;
  for (guint w = 0; w < 2; w++)
    for (guint i = 0; i < 16; i++)
      {
        guint8 v = nibble[t[digit_at[w * 16 + i]]];

        bad |= (guint8) (v == 0);
        words[w] = words[w] << 4 | ((guint64) (v - 1) & 0xF);
      }
  if (bad)
    return FALSE;

  *hi = words[0];
  *lo = words[1];
  return TRUE;
}

static guint
slot_of (const _DeskUuidIndex *index,
         guint64               hi,
         guint64               lo)
{
  guint64 h = (hi ^ (lo * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)));

  h ^= h >> 31;
  return (guint) h & index->mask;
}

void
_desk_uuid_index_init (_DeskUuidIndex *index)
{
  index->mask = 1023;
  index->n = 0;
  index->slots = g_new0 (Slot, index->mask + 1);
  index->other = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_desk_uuid_index_clear (_DeskUuidIndex *index)
{
  g_clear_pointer (&index->slots, g_free);
  g_clear_pointer (&index->other, g_hash_table_unref);
}

static void
put_bits (_DeskUuidIndex *index,
          guint64         hi,
          guint64         lo,
          guint           value)
{
  Slot *slots = index->slots;
  guint i = slot_of (index, hi, lo);

  while (slots[i].used && (slots[i].hi != hi || slots[i].lo != lo))
    i = (i + 1) & index->mask;
  if (!slots[i].used)
    index->n++;
  slots[i].hi = hi;
  slots[i].lo = lo;
  slots[i].value = value;
  slots[i].used = TRUE;
}

/* Three quarters full at most, so that a probe rarely goes far past its first slot. */
static void
grow (_DeskUuidIndex *index)
{
  Slot *old = index->slots;
  guint old_size = index->mask + 1;

  index->mask = old_size * 2 - 1;
  index->slots = g_new0 (Slot, index->mask + 1);
  index->n = 0;
  for (guint i = 0; i < old_size; i++)
    if (old[i].used)
      put_bits (index, old[i].hi, old[i].lo, old[i].value);
  g_free (old);
}

void
_desk_uuid_index_put (_DeskUuidIndex *index,
                      const char     *uuid,
                      guint           value)
{
  guint64 hi, lo;

  if (!uuid_bits (uuid, &hi, &lo))
    {
      g_hash_table_replace (index->other, g_strdup (uuid), GUINT_TO_POINTER (value + 1));
      return;
    }
  if ((index->n + 1) * 4 > (index->mask + 1) * 3)
    grow (index);
  put_bits (index, hi, lo, value);
}

gboolean
_desk_uuid_index_get (const _DeskUuidIndex *index,
                      const char           *uuid,
                      guint                *value)
{
  const Slot *slots = index->slots;
  guint64 hi, lo;
  guint i;

  if (uuid == NULL)
    return FALSE;
  if (!uuid_bits (uuid, &hi, &lo))
    {
      gpointer found = g_hash_table_lookup (index->other, uuid);

      *value = GPOINTER_TO_UINT (found) - 1;
      return found != NULL;
    }

  for (i = slot_of (index, hi, lo); slots[i].used; i = (i + 1) & index->mask)
    if (slots[i].hi == hi && slots[i].lo == lo)
      {
        *value = slots[i].value;
        return TRUE;
      }

  return FALSE;
}
