-- Schema version 5: files attached to the work (desk-attachment.c), kept inside the
-- database so that backups and restores carry them.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- The bytes, once per content: keyed by the SHA-256 of the bytes (lowercase hex), so that
-- the same file attached twice is stored once. Written and read through SQLite's
-- incremental blob I/O, a piece at a time. While a file is being copied in, its row is
-- keyed 'pending' (inside the one transaction of the add, never committed so).
CREATE TABLE attachment_blobs (
  sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64 OR sha256 = 'pending'),
  size INTEGER NOT NULL CHECK (size > 0),
  content BLOB NOT NULL
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
