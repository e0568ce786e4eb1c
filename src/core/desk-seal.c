/* desk-seal.c — keys, sealed values, recovery keys and passphrases (libsodium)
 *
 * Everything cryptographic Groupdesk does is here, in a few calls of libsodium:
 * crypto_pwhash (Argon2id) to derive a key from a passphrase,
 * crypto_aead_xchacha20poly1305_ietf to wrap keys and seal values, randombytes for keys
 * and nonces, sodium_malloc for the memory keys and secrets live in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-seal"

#include "config.h"

#include "desk-protect-private.h"

#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "desk-error.h"
#include "desk-file.h"
#include "desk-i18n.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEALED_PREFIX "v1:"

/* The recovery key: 32 key bytes and 3 checksum bytes, 280 bits, 56 base32 characters. */
#define RECOVERY_CHECK_BYTES 3
#define RECOVERY_CHARS 56

struct _DeskKey
{
  guint8 bytes[DESK_KEY_BYTES];
};

G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_KEYBYTES == DESK_KEY_BYTES);
G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == DESK_SALT_BYTES);

static void
ensure_sodium (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      /* Fails only when the system has no source of randomness: nothing is safe then. */
      if (sodium_init () < 0)
        g_error ("libsodium could not start: this system gives no random numbers");
      g_once_init_leave (&once, 1);
    }
}

static DeskKey *
key_alloc (void)
{
  DeskKey *key;

  ensure_sodium ();
  key = sodium_malloc (sizeof (DeskKey));
  if (key == NULL)
    g_error ("no memory for a key");
  return key;
}

DeskKey *
_desk_key_new_random (void)
{
  DeskKey *key = key_alloc ();

  crypto_aead_xchacha20poly1305_ietf_keygen (key->bytes);
  return key;
}

DeskKey *
_desk_key_copy (const DeskKey *key)
{
  DeskKey *copy = key_alloc ();

  memcpy (copy->bytes, key->bytes, sizeof copy->bytes);
  return copy;
}

void
_desk_key_free (DeskKey *key)
{
  /* sodium_free wipes the memory before it gives it back. */
  if (key != NULL)
    sodium_free (key);
}

const DeskKdfCost *
desk_kdf_cost_fastest (void)
{
  static const DeskKdfCost fastest = {
    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
  };

  return &fastest;
}

DeskKey *
_desk_key_derive (const char        *passphrase,
                  const guint8      *salt,
                  const DeskKdfCost *cost,
                  GError           **error)
{
  DeskKey *key = key_alloc ();

  if (crypto_pwhash (key->bytes, sizeof key->bytes, passphrase, strlen (passphrase), salt,
                     cost->opslimit, cost->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      _desk_key_free (key);
      g_set_error (error, DESK_ERROR, DESK_ERROR_FAILED,
                   _("There is not enough memory to check the passphrase (it needs %zu MB). "
                     "Close other programs and try again."),
                   cost->memlimit / (1024 * 1024));
      return NULL;
    }

  return key;
}

static char *
to_base64 (const guint8 *bytes,
           gsize         len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, bytes, len, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

/* Decodes @text into a new buffer of at most @max bytes; NULL when it is not base64. */
static guint8 *
from_base64 (const char *text,
             gsize       max,
             gsize      *len)
{
  gsize in_len = strlen (text);
  guint8 *bytes;

  if (in_len / 4 * 3 > max + 3)
    return NULL;
  bytes = g_malloc (max + 3);
  if (sodium_base642bin (bytes, max + 3, text, in_len, NULL, len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || *len > max)
    {
      g_free (bytes);
      return NULL;
    }
  return bytes;
}

/* base64 (nonce ‖ cipher text ‖ tag) of @plain under @key with @ad. */
static char *
seal_bytes (const DeskKey *key,
            const guint8  *plain,
            gsize          plain_len,
            const char    *ad)
{
  gsize len = NONCE_BYTES + plain_len + TAG_BYTES;
  g_autofree guint8 *out = g_malloc (len);
  unsigned long long written = 0;

  ensure_sodium ();
  randombytes_buf (out, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + NONCE_BYTES, &written, plain, plain_len,
                                              (const guint8 *) ad, strlen (ad), NULL, out,
                                              key->bytes);
  g_assert (written == plain_len + TAG_BYTES);

  return to_base64 (out, len);
}

/* Opens what seal_bytes made into @plain (room for at most @max bytes). -1 when @text is
 * not such a value at all, 0 when it does not verify, else 1 with *plain_len set. */
static int
open_bytes (const DeskKey *key,
            const char    *text,
            const char    *ad,
            guint8        *plain,
            gsize          max,
            gsize         *plain_len)
{
  g_autofree guint8 *in = NULL;
  unsigned long long written = 0;
  gsize len = 0;

  ensure_sodium ();
  in = from_base64 (text, NONCE_BYTES + max + TAG_BYTES, &len);
  if (in == NULL || len < NONCE_BYTES + TAG_BYTES)
    return -1;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &written, NULL, in + NONCE_BYTES,
                                                  len - NONCE_BYTES, (const guint8 *) ad,
                                                  strlen (ad), in, key->bytes) != 0)
    return 0;
  *plain_len = written;
  return 1;
}

char *
_desk_key_wrap (const DeskKey *wrapping,
                const DeskKey *key,
                const char    *purpose)
{
  return seal_bytes (wrapping, key->bytes, sizeof key->bytes, purpose);
}

DeskKey *
_desk_key_unwrap (const DeskKey  *wrapping,
                  const char     *wrapped,
                  const char     *purpose,
                  GError        **error)
{
  DeskKey *key = key_alloc ();
  gsize len = 0;
  int rc;

  rc = open_bytes (wrapping, wrapped, purpose, key->bytes, sizeof key->bytes, &len);
  if (rc == 1 && len == sizeof key->bytes)
    return key;

  _desk_key_free (key);
  if (rc == 0)
    g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE, "wrong key");
  else
    g_set_error (error, DESK_ERROR, DESK_ERROR_DAMAGED, "damaged key");
  return NULL;
}

/* Recovery keys */

static const char base32_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void
recovery_check (const guint8 *key,
                guint8       *check)
{
  guint8 hash[crypto_generichash_BYTES_MIN];

  crypto_generichash (hash, sizeof hash, key, DESK_KEY_BYTES,
                      (const guint8 *) "groupdesk recovery", strlen ("groupdesk recovery"));
  memcpy (check, hash, RECOVERY_CHECK_BYTES);
  sodium_memzero (hash, sizeof hash);
}

char *
_desk_key_format_recovery (const DeskKey *key)
{
  guint8 bits[DESK_KEY_BYTES + RECOVERY_CHECK_BYTES];
  char chars[RECOVERY_CHARS];
  GString *out;
  char *secret;
  guint acc = 0;
  int have = 0;
  guint n = 0;

  ensure_sodium ();
  memcpy (bits, key->bytes, DESK_KEY_BYTES);
  recovery_check (key->bytes, bits + DESK_KEY_BYTES);

  for (gsize i = 0; i < sizeof bits; i++)
    {
      acc = (acc << 8) | bits[i];
      have += 8;
      while (have >= 5)
        {
          chars[n++] = base32_alphabet[(acc >> (have - 5)) & 31];
          have -= 5;
        }
    }
  g_assert (n == RECOVERY_CHARS && have == 0);

  out = g_string_sized_new (RECOVERY_CHARS + RECOVERY_CHARS / 4);
  for (guint i = 0; i < RECOVERY_CHARS; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, chars[i]);
    }
  secret = desk_secret_dup (out->str);
  sodium_memzero (out->str, out->len);
  g_string_free (out, TRUE);
  sodium_memzero (bits, sizeof bits);
  sodium_memzero (chars, sizeof chars);
  acc = 0;

  return secret;
}

static int
base32_value (char c)
{
  c = g_ascii_toupper (c);
  if (c == 'O')
    return 0;
  if (c == 'I' || c == 'L')
    return 1;
  for (int i = 0; base32_alphabet[i] != '\0'; i++)
    if (base32_alphabet[i] == c)
      return i;
  return -1;
}

DeskKey *
_desk_key_parse_recovery (const char  *text,
                          GError     **error)
{
  guint8 bits[DESK_KEY_BYTES + RECOVERY_CHECK_BYTES];
  guint8 check[RECOVERY_CHECK_BYTES];
  DeskKey *key;
  guint acc = 0;
  int have = 0;
  gsize n = 0;
  guint chars = 0;

  ensure_sodium ();
  for (const char *p = text; *p != '\0'; p++)
    {
      int v;

      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      v = base32_value (*p);
      if (v < 0 || chars >= RECOVERY_CHARS)
        goto bad;
      chars++;
      acc = (acc << 5) | (guint) v;
      have += 5;
      if (have >= 8)
        {
          bits[n++] = (acc >> (have - 8)) & 0xff;
          have -= 8;
        }
    }
  if (chars != RECOVERY_CHARS || n != sizeof bits)
    goto bad;

  recovery_check (bits, check);
  if (sodium_memcmp (check, bits + DESK_KEY_BYTES, RECOVERY_CHECK_BYTES) != 0)
    goto bad;

  key = key_alloc ();
  memcpy (key->bytes, bits, DESK_KEY_BYTES);
  sodium_memzero (bits, sizeof bits);
  return key;

bad:
  sodium_memzero (bits, sizeof bits);
  g_set_error (error, DESK_ERROR, DESK_ERROR_WRONG_PASSPHRASE,
               _("This is not the recovery key: it has 56 letters and digits in groups of "
                 "four, and one of them was mistyped or left out. Type it again as it was "
                 "printed."));
  return NULL;
}

/* Sealed values */

static char *
value_ad (const char *table,
          const char *field,
          const char *uuid)
{
  return g_strdup_printf ("%s/%s.%s", uuid, table, field);
}

char *
_desk_seal_text (const DeskKey *key,
                 const char    *table,
                 const char    *field,
                 const char    *uuid,
                 const char    *plain)
{
  g_autofree char *ad = value_ad (table, field, uuid);
  g_autofree char *body = seal_bytes (key, (const guint8 *) plain, strlen (plain), ad);

  return g_strconcat (SEALED_PREFIX, body, NULL);
}

char *
_desk_open_text (const DeskKey *key,
                 const char    *table,
                 const char    *field,
                 const char    *uuid,
                 const char    *sealed)
{
  g_autofree char *ad = NULL;
  gsize max;
  char *plain;
  gsize len = 0;

  if (!g_str_has_prefix (sealed, SEALED_PREFIX))
    return NULL;
  sealed += strlen (SEALED_PREFIX);
  max = strlen (sealed) / 4 * 3 + 3;
  ad = value_ad (table, field, uuid);
  plain = g_malloc (max + 1);
  if (open_bytes (key, sealed, ad, (guint8 *) plain, max, &len) != 1 ||
      memchr (plain, '\0', len) != NULL)
    {
      sodium_memzero (plain, max + 1);
      g_free (plain);
      return NULL;
    }
  plain[len] = '\0';
  return plain;
}

void
_desk_text_wipe_free (char *text)
{
  if (text == NULL)
    return;
  sodium_memzero (text, strlen (text));
  g_free (text);
}

/* Files (desk-attachment-bytes.c)
 *
 * A file's bytes are not sealed under the data key itself but under subkeys derived
 * from it (crypto_kdf, context "gdfiles_"): one for the stream, one for the keyed hash
 * that names a sealed copy. Neither is ever used for anything else, so the same 32 bytes
 * never serve two constructions. */

#define FILE_KDF_CONTEXT "gdfiles_"
#define FILE_SUBKEY_STREAM 1
#define FILE_SUBKEY_ID 2

G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == DESK_FILE_HEADER_BYTES);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_ABYTES == DESK_FILE_PIECE_OVERHEAD);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_KEYBYTES == DESK_KEY_BYTES);
G_STATIC_ASSERT (crypto_kdf_KEYBYTES == DESK_KEY_BYTES);
G_STATIC_ASSERT (sizeof FILE_KDF_CONTEXT - 1 == crypto_kdf_CONTEXTBYTES);

struct _DeskFileSeal
{
  crypto_secretstream_xchacha20poly1305_state state;
};

static DeskKey *
file_subkey (const DeskKey *key,
             guint64        id)
{
  DeskKey *subkey = key_alloc ();

  crypto_kdf_derive_from_key (subkey->bytes, sizeof subkey->bytes, id, FILE_KDF_CONTEXT,
                              key->bytes);
  return subkey;
}

gint64
_desk_file_sealed_size (gint64 plain_size)
{
  gint64 pieces = (plain_size + DESK_FILE_PIECE - 1) / DESK_FILE_PIECE;

  return DESK_FILE_HEADER_BYTES + plain_size + pieces * DESK_FILE_PIECE_OVERHEAD;
}

char *
_desk_file_id (const DeskKey *key,
               const char    *sha256)
{
  static const char personal[] = "groupdesk file ";
  g_autoptr(DeskKey) id_key = file_subkey (key, FILE_SUBKEY_ID);
  crypto_generichash_state state;
  guint8 digest[32];
  char hex[sizeof digest * 2 + 1];

  crypto_generichash_init (&state, id_key->bytes, sizeof id_key->bytes, sizeof digest);
  crypto_generichash_update (&state, (const guint8 *) personal, sizeof personal - 1);
  crypto_generichash_update (&state, (const guint8 *) sha256, strlen (sha256));
  crypto_generichash_final (&state, digest, sizeof digest);
  sodium_memzero (&state, sizeof state);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

static DeskFileSeal *
file_seal_alloc (void)
{
  DeskFileSeal *seal;

  ensure_sodium ();
  seal = sodium_malloc (sizeof (DeskFileSeal));
  if (seal == NULL)
    g_error ("no memory for a file's key");
  return seal;
}

DeskFileSeal *
_desk_file_seal_push_new (const DeskKey *key,
                          guint8        *header)
{
  g_autoptr(DeskKey) stream_key = file_subkey (key, FILE_SUBKEY_STREAM);
  DeskFileSeal *seal = file_seal_alloc ();

  crypto_secretstream_xchacha20poly1305_init_push (&seal->state, header, stream_key->bytes);
  return seal;
}

void
_desk_file_seal_push (DeskFileSeal *seal,
                      const guint8 *plain,
                      gsize         len,
                      const char   *ad,
                      gboolean      final,
                      guint8       *out)
{
  crypto_secretstream_xchacha20poly1305_push (&seal->state, out, NULL, plain, len,
                                              (const guint8 *) ad, ad != NULL ? strlen (ad) : 0,
                                              final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
}

DeskFileSeal *
_desk_file_seal_pull_new (const DeskKey *key,
                          const guint8  *header)
{
  g_autoptr(DeskKey) stream_key = file_subkey (key, FILE_SUBKEY_STREAM);
  DeskFileSeal *seal = file_seal_alloc ();

  if (crypto_secretstream_xchacha20poly1305_init_pull (&seal->state, header, stream_key->bytes) != 0)
    {
      sodium_free (seal);
      return NULL;
    }
  return seal;
}

gboolean
_desk_file_seal_pull (DeskFileSeal *seal,
                      const guint8 *in,
                      gsize         len,
                      const char   *ad,
                      gboolean      final,
                      guint8       *out)
{
  unsigned char tag = 0;

  if (len < DESK_FILE_PIECE_OVERHEAD ||
      crypto_secretstream_xchacha20poly1305_pull (&seal->state, out, NULL, &tag, in, len,
                                                  (const guint8 *) ad, ad != NULL ? strlen (ad) : 0) != 0)
    return FALSE;
  /* A stream cut short ends without the final tag; one with pieces added after it has
   * the tag too early. */
  return final ? tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL
               : tag == crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
}

void
_desk_file_seal_free (DeskFileSeal *seal)
{
  if (seal != NULL)
    sodium_free (seal);
}

/* Secrets */

char *
desk_secret_dup (const char *text)
{
  gsize len;
  char *secret;

  if (text == NULL)
    return NULL;
  ensure_sodium ();
  len = strlen (text);
  secret = sodium_malloc (len + 1);
  if (secret == NULL)
    g_error ("no memory for a secret");
  memcpy (secret, text, len + 1);
  return secret;
}

void
desk_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/* A passphrase file holds a line; more than this is not a passphrase. */
#define PASSPHRASE_FILE_MAX 4096

char *
desk_secret_read_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  const char *data;
  gsize len;
  gsize line = 0;
  char *secret;

  bytes = desk_file_read_input (path, PASSPHRASE_FILE_MAX, &local);
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  while (line < len && data[line] != '\n' && data[line] != '\r')
    line++;
  if (line == 0 || memchr (data, '\0', line) != NULL || !g_utf8_validate (data, line, NULL))
    {
      sodium_memzero ((void *) data, len);
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The file %s holds no passphrase: its first line must be the passphrase "
                     "as it is typed, in UTF-8."), path);
      return NULL;
    }

  ensure_sodium ();
  secret = sodium_malloc (line + 1);
  if (secret == NULL)
    g_error ("no memory for a secret");
  memcpy (secret, data, line);
  secret[line] = '\0';
  sodium_memzero ((void *) data, len);
  return secret;
}

/* Passphrases */

DeskPassphraseStrength
desk_passphrase_strength (const char  *passphrase,
                          const char **hint)
{
  glong chars = passphrase != NULL && g_utf8_validate (passphrase, -1, NULL)
                ? g_utf8_strlen (passphrase, -1) : 0;
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  int words = 0;
  gboolean in_word = FALSE;
  int classes;
  double bits;

  for (const char *p = passphrase; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          in_word = FALSE;
          continue;
        }
      if (!in_word)
        words++;
      in_word = TRUE;
      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  if (chars < DESK_PASSPHRASE_MIN_LENGTH)
    {
      if (hint != NULL)
        *hint = _("Too short: use at least 8 characters. Several words are easiest to remember.");
      return DESK_PASSPHRASE_TOO_SHORT;
    }

  /* A rough estimate that rewards length most: several words beat one clever word. */
  classes = lower + upper + digit + other;
  bits = chars * (classes >= 3 ? 5.0 : classes == 2 ? 4.0 : 3.0) + (words >= 4 ? 20 : words >= 3 ? 10 : 0);
  /* A character repeated throughout, or a run of digits, is guessed first. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
      g_hash_table_add (seen, GUINT_TO_POINTER (g_utf8_get_char (p)));
    if (g_hash_table_size (seen) <= 3)
      bits = MIN (bits, 30);
  }

  if (bits < 50)
    {
      if (hint != NULL)
        *hint = _("Weak: easy to guess. Add more words, or mix in digits and capitals.");
      return DESK_PASSPHRASE_WEAK;
    }
  if (bits < 80)
    {
      if (hint != NULL)
        *hint = _("Fair. A few more words would make it strong.");
      return DESK_PASSPHRASE_FAIR;
    }
  if (hint != NULL)
    *hint = _("Strong.");
  return DESK_PASSPHRASE_STRONG;
}

gboolean
desk_passphrase_check (const char  *passphrase,
                       const char  *again,
                       GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < DESK_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The passphrase is too short. Use at least 8 characters; several words "
                     "are easiest to remember."));
      return FALSE;
    }
  if (again != NULL && strcmp (passphrase, again) != 0)
    {
      g_set_error (error, DESK_ERROR, DESK_ERROR_INVALID,
                   _("The two passphrases differ. Type the same passphrase twice."));
      return FALSE;
    }
  return TRUE;
}
