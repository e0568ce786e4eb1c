-- Schema version 8: the secretariat's desk (desk-secretariat*.c, "The secretariat's desk"
-- in HACKING.md).
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- The database's own settings, one value per key: "role" ('secretariat' for a database
-- that holds no group of its own, only imported ones), "reporting_months" (how often
-- each group is expected to send a bundle: a group with none for the last period that
-- ended is late) and "figures_currency" (the currency the figures across groups are
-- shown in). Not records: they never travel in a bundle.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Bundles offered for import and not applied: an older bundle offered again (a replay,
-- refused) and a bundle that does not continue the group's chain (a fork, set aside).
-- What the secretariat needs to see in a group's history: which bundle, its place in
-- the chain, what it claimed and when it was offered. A bundle imported with --force
-- is in imported_bundles instead.
CREATE TABLE bundle_offers (
  id INTEGER PRIMARY KEY,
  bundle_uuid TEXT NOT NULL,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  outcome TEXT NOT NULL CHECK (outcome IN ('replay', 'fork')),
  previous_uuid TEXT,
  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end),
  privacy TEXT NOT NULL CHECK (privacy IN ('aggregate', 'pseudonymous', 'named')),
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  created TEXT NOT NULL,
  offered TEXT NOT NULL,
  file TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX bundle_offers_group ON bundle_offers (group_uuid, sequence);
