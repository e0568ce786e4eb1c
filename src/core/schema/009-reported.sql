-- Schema version 9: what was reported stays as reported (desk-changes.c, desk-locks.c,
-- "Change history and locked periods" in HACKING.md).
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- The change history: one row per field changed by an insert, update or delete made
-- through core (desk_store_insert/_update/_delete, undo and redo), one row per record
-- for a record deleted with another (a cascade) and one per bundle imported. Append
-- only: rows are never deleted, and changed only to seal or open the values of personal
-- fields when protection is turned on or off (desk_changes_rewriting () is 1 only on the
-- connection doing that, inside that transaction). Each row's hash is the SHA-256 of the
-- previous row's hash and this row's columns (desk-changes.c says exactly how), so a row
-- removed or edited in the middle breaks the chain, which `check` reports.
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL
    CHECK (action IN ('insert', 'update', 'delete', 'undo', 'redo', 'import')),
  kind TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  group_uuid TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  -- The lock (an export's UUID, or an approved workplan's) that held the record when it
  -- was changed: such a change is an amendment, carried in the group's next bundle.
  lock_uuid TEXT,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX changes_record ON changes (record_uuid, id);
CREATE INDEX changes_amendments ON changes (group_uuid, id) WHERE lock_uuid IS NOT NULL;

CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
  WHEN desk_changes_rewriting () IS NOT 1
BEGIN
  SELECT RAISE (ABORT, 'the change history cannot be changed');
END;
CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
BEGIN
  SELECT RAISE (ABORT, 'the change history cannot be deleted');
END;

-- A locked record unlocked with a reason: that record only, for that lock. The change
-- that unlocked it (change_id) holds the reason, who and when.
CREATE TABLE unlocks (
  record_uuid TEXT NOT NULL,
  lock_uuid TEXT NOT NULL,
  change_id INTEGER NOT NULL,
  PRIMARY KEY (record_uuid, lock_uuid)
) STRICT;

-- Endorsement by the group (its plenary or steering meeting): of a workplan, and of an
-- export (said in the bundle's manifest). Optional fields at the end of each record.
ALTER TABLE workplans ADD COLUMN endorsed_on TEXT CHECK (endorsed_on IS NULL OR date(endorsed_on) IS endorsed_on);
ALTER TABLE workplans ADD COLUMN endorsed_meeting TEXT NOT NULL DEFAULT '';
ALTER TABLE workplans ADD COLUMN endorsed_chair TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN endorsed_on TEXT CHECK (endorsed_on IS NULL OR date(endorsed_on) IS endorsed_on);
ALTER TABLE exports ADD COLUMN endorsed_meeting TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN endorsed_chair TEXT NOT NULL DEFAULT '';
-- The id of the newest change when the bundle was written: the next bundle carries the
-- amendments made after it.
ALTER TABLE exports ADD COLUMN changes_through INTEGER NOT NULL DEFAULT 0;

-- Amendments received in bundles (the secretariat's side): what a group changed in
-- records it had reported, and why. Kept per bundle; never merged into the records
-- (the records themselves arrive as usual).
CREATE TABLE bundle_amendments (
  id INTEGER PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  bundle_uuid TEXT NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  -- The number of the bundle whose period the amended record was reported in (0: an
  -- approved workplan).
  amends_sequence INTEGER NOT NULL DEFAULT 0 CHECK (amends_sequence >= 0),
  at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'undo', 'redo')),
  kind TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT
) STRICT;
CREATE INDEX bundle_amendments_group ON bundle_amendments (group_uuid, sequence);
