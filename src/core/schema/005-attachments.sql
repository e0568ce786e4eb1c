-- Schema version 5: files attached to the work (desk-attachment.c), kept inside the
-- database so that backups and restores carry them.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- The bytes, once per content: keyed by the SHA-256 of the bytes (lowercase hex), so that
-- the same file attached twice is stored once. The bytes themselves are a row of
-- attachment_contents, written and read through SQLite's incremental blob I/O a piece at
-- a time: they are copied in first and hashed on the way, and only then is their key
-- known. Kept apart from the key because SQLite rewrites a whole row on UPDATE: keying a
-- row that holds the bytes after the copy would read and write them all again.
CREATE TABLE attachment_contents (
  id INTEGER PRIMARY KEY,
  content BLOB NOT NULL
) STRICT;

CREATE TABLE attachment_blobs (
  sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64),
  size INTEGER NOT NULL CHECK (size > 0),
  content_id INTEGER NOT NULL UNIQUE REFERENCES attachment_contents (id)
) STRICT;

-- One file attached to one record. The owner is named by kind and UUID (the kinds that
-- take attachments are listed in the CHECK); the triggers below take the attachments
-- away with their owner.
CREATE TABLE attachments (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('activity', 'deliverable', 'expense',
                                                 'funding', 'workshop', 'indicator_value')),
  owner_uuid TEXT NOT NULL,
  name TEXT NOT NULL CHECK (name <> ''),
  media_type TEXT NOT NULL CHECK (media_type <> ''),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL REFERENCES attachment_blobs (sha256),
  caption TEXT NOT NULL DEFAULT '',
  personal INTEGER NOT NULL CHECK (personal IN (0, 1)),
  added TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments (owner_uuid, added);
CREATE INDEX attachments_sha256 ON attachments (sha256);

-- Bytes no attachment refers to any more go with the last one, whether it was removed
-- or taken away with its owner.
CREATE TRIGGER attachments_drop_blob AFTER DELETE ON attachments
WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = OLD.sha256) BEGIN
  DELETE FROM attachment_blobs WHERE sha256 = OLD.sha256;
END;

CREATE TRIGGER attachment_blobs_drop_content AFTER DELETE ON attachment_blobs BEGIN
  DELETE FROM attachment_contents WHERE id = OLD.content_id;
END;

-- An owner deleted, asked for or cascaded, takes its attachments with it.
CREATE TRIGGER activities_attachments AFTER DELETE ON activities BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
CREATE TRIGGER deliverables_attachments AFTER DELETE ON deliverables BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
CREATE TRIGGER expenses_attachments AFTER DELETE ON expenses BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
CREATE TRIGGER funding_receipts_attachments AFTER DELETE ON funding_receipts BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
CREATE TRIGGER workshops_attachments AFTER DELETE ON workshops BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
CREATE TRIGGER indicator_values_attachments AFTER DELETE ON indicator_values BEGIN
  DELETE FROM attachments WHERE owner_uuid = OLD.uuid;
END;
