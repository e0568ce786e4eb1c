-- Schema version 7: files holding personal data encrypted like names (desk-attachment-bytes.c,
-- "Names at rest" in HACKING.md). Version 6 is another change's; the list of migrations
-- in desk-store.c runs them in order of version, whatever is missing between.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- Where names are protected, a personal attachment's bytes are stored sealed: its
-- attachment_blobs row is then keyed not by the SHA-256 of the bytes (which would let
-- anyone holding the database confirm which file it is) but by a keyed BLAKE2b of it under
-- the data key, and the SHA-256 is kept here, sealed like a name ("v1:…", associated data
-- "<key>/attachment_blobs.sha256"). NULL: the bytes are stored as they are.
ALTER TABLE attachment_blobs ADD COLUMN sealed_sha256 TEXT
  CHECK (sealed_sha256 IS NULL OR sealed_sha256 LIKE 'v1:%');

-- An attachment moved to other bytes (sealed when marked as holding personal data, opened
-- when the mark is taken off or protection turned off) lets its old bytes go when no
-- other attachment has them.
CREATE TRIGGER attachments_drop_blob_moved AFTER UPDATE OF sha256 ON attachments
WHEN OLD.sha256 <> NEW.sha256
 AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = OLD.sha256) BEGIN
  DELETE FROM attachment_blobs WHERE sha256 = OLD.sha256;
END;
