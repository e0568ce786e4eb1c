-- Schema version 2: what the secretariat's side of a bundle needs.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- Every bundle imported, so that importing the same one again changes nothing and an
-- older one is recognised. content_sha256 is the manifest's digest of the records
-- element; file_sha256 the SHA-256 of the whole file, as the sender's exports table has
-- it (the next bundle names it as its previous).
CREATE TABLE imported_bundles (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end),
  privacy TEXT NOT NULL CHECK (privacy IN ('aggregate', 'pseudonymous', 'named')),
  previous_uuid TEXT,
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  created TEXT NOT NULL,
  imported TEXT NOT NULL,
  file TEXT NOT NULL DEFAULT '',
  counts TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX imported_bundles_group ON imported_bundles (group_uuid, sequence);

-- Attendance that arrived as counts only (an aggregate bundle): how many people of each
-- pillar and gender attended a workshop. pillar is a pillar code or 'not_stated'. A
-- workshop with attendance records of its own has no rows here.
CREATE TABLE workshop_counts (
  workshop_uuid TEXT NOT NULL REFERENCES workshops (uuid) ON DELETE CASCADE,
  pillar TEXT NOT NULL,
  gender TEXT NOT NULL REFERENCES genders (code),
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (workshop_uuid, pillar, gender)
) STRICT, WITHOUT ROWID;
