-- Schema version 3: people merged into one.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL).

-- A person merged into another (desk_people_merge): the merged-away person is deleted,
-- which leaves their tombstone, and this row says who they became, so that a bundle
-- written before the merge (or by someone who never heard of it) neither brings them
-- back nor loses what it says they attended: their records are put on kept_uuid.
-- A row outlives an undo of the merge but means nothing while gone_uuid is a person
-- again; a redo makes it true once more.
CREATE TABLE person_merges (
  gone_uuid TEXT PRIMARY KEY,
  kept_uuid TEXT NOT NULL,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  merged TEXT NOT NULL
) STRICT;
CREATE INDEX person_merges_kept ON person_merges (kept_uuid);
