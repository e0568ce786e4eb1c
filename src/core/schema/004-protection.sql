-- Schema version 4: people's names encrypted at rest (desk-protect.c).
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- At most one row: present when names are protected. The data key that encrypts the
-- sealed fields is kept only wrapped (XChaCha20-Poly1305, nonce first, base64): under a
-- key derived from the passphrase with Argon2id (salt and limits beside it) and under the
-- recovery key. An attacker who rewrites key_check gains nothing: a wrong check only
-- changes which sentence is shown.
CREATE TABLE protection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  format INTEGER NOT NULL CHECK (format = 1),
  kdf_salt TEXT NOT NULL,
  kdf_opslimit INTEGER NOT NULL CHECK (kdf_opslimit > 0),
  kdf_memlimit INTEGER NOT NULL CHECK (kdf_memlimit > 0),
  key_by_passphrase TEXT NOT NULL,
  key_by_recovery TEXT NOT NULL,
  -- BLAKE2b of the fields above: tells a damaged row from a wrong passphrase.
  key_check TEXT NOT NULL,
  -- 1 from the change that sealed or rewrapped until the old copies were cleared (VACUUM,
  -- WAL, backups): a change cut short is cleared at the next open.
  scrub_pending INTEGER NOT NULL DEFAULT 1 CHECK (scrub_pending IN (0, 1)),
  created TEXT NOT NULL,
  changed TEXT NOT NULL
) STRICT;

-- A person's vulnerable groups move from their join table into the person's own column
-- (codes separated by spaces, in order), so that they can be sealed like the name.
ALTER TABLE people ADD COLUMN vulnerable_groups TEXT NOT NULL DEFAULT '';
UPDATE people SET vulnerable_groups = coalesce ((
  SELECT group_concat (v, ' ') FROM (
    SELECT j.vulnerable_group AS v FROM person_vulnerable_groups j
    WHERE j.person_uuid = people.uuid ORDER BY 1)), '');
DROP TABLE person_vulnerable_groups;
