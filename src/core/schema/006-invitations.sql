-- Schema version 6: people invited to a workshop (desk-attendance.c). An attendance
-- entry's status gains 'invited', before 'registered': invited → registered → attended
-- or absent.
--
-- Keeps the conventions of 001-initial.sql (STRICT, no REAL). SQLite cannot change a
-- CHECK constraint in place, so the table is made again with the same columns in the
-- same order (the strict schema check compares them) and its rows copied across. No
-- table refers to attendance, so nothing else changes. The triggers are dropped first:
-- the copy's deletion must write no tombstone, and its insertion must not revive one.

DROP TRIGGER attendance_tombstone;
DROP TRIGGER attendance_revive;
DROP INDEX attendance_person;
ALTER TABLE attendance RENAME TO attendance_v5;

CREATE TABLE attendance (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workshop_uuid TEXT NOT NULL REFERENCES workshops (uuid) ON DELETE CASCADE,
  person_uuid TEXT NOT NULL REFERENCES people (uuid) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'participant'
    CHECK (role IN ('participant', 'speaker', 'facilitator', 'organiser')),
  status TEXT NOT NULL DEFAULT 'registered'
    CHECK (status IN ('invited', 'registered', 'attended', 'absent')),
  updated TEXT NOT NULL,
  UNIQUE (workshop_uuid, person_uuid)
) STRICT;

INSERT INTO attendance (uuid, group_uuid, workshop_uuid, person_uuid, role, status, updated)
  SELECT uuid, group_uuid, workshop_uuid, person_uuid, role, status, updated FROM attendance_v5;
DROP TABLE attendance_v5;

CREATE INDEX attendance_person ON attendance (person_uuid);

CREATE TRIGGER attendance_tombstone AFTER DELETE ON attendance BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'attendance', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER attendance_revive AFTER INSERT ON attendance BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
