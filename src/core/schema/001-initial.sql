-- Schema version 1: the whole domain of DESIGN.md.
--
-- Conventions, which every later migration keeps:
--  * every table is STRICT, and no column is REAL: money is INTEGER minor units beside an
--    ISO 4217 code, fractional quantities and indicator values are INTEGER thousandths,
--    exchange rates are an INTEGER mantissa with a decimal scale;
--  * every record has a `uuid` that never changes, the `group_uuid` it belongs to and an
--    `updated` UTC timestamp (ISO 8601), written by core on every change;
--  * deleting a record writes a tombstone (see the triggers at the end), also when the
--    delete cascades from a parent;
--  * narrative text has an `_en` and a `_zh` column; at least one of them holds text;
--  * dates are ISO 8601 calendar dates, checked with date() so nothing else gets in.

CREATE TABLE currencies (
  code TEXT PRIMARY KEY CHECK (length(code) = 3 AND code = upper(code)),
  minor_units INTEGER NOT NULL CHECK (minor_units BETWEEN 0 AND 4)
) STRICT;

CREATE TABLE pillars (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE membership_statuses (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE activity_kinds (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE themes (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE result_areas (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE budget_categories (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE funding_sources (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE genders (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
CREATE TABLE vulnerable_groups (code TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_zh TEXT NOT NULL, position INTEGER NOT NULL) STRICT;

CREATE TABLE groups (
  uuid TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL DEFAULT '',
  name_zh TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL CHECK (length(country) = 2),
  currency TEXT NOT NULL REFERENCES currencies (code),
  languages TEXT NOT NULL DEFAULT 'en',
  notes TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (name_en <> '' OR name_zh <> '')
) STRICT;

CREATE TABLE members (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  name_en TEXT NOT NULL DEFAULT '',
  name_zh TEXT NOT NULL DEFAULT '',
  pillar TEXT NOT NULL REFERENCES pillars (code),
  status TEXT NOT NULL REFERENCES membership_statuses (code),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  joined TEXT CHECK (joined IS NULL OR date(joined) IS joined),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (name_en <> '' OR name_zh <> '')
) STRICT;
CREATE INDEX members_group ON members (group_uuid);

CREATE TABLE workplans (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  title_en TEXT NOT NULL DEFAULT '',
  title_zh TEXT NOT NULL DEFAULT '',
  objectives_en TEXT NOT NULL DEFAULT '',
  objectives_zh TEXT NOT NULL DEFAULT '',
  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'closed')),
  approved_on TEXT CHECK (approved_on IS NULL OR date(approved_on) IS approved_on),
  previous_uuid TEXT REFERENCES workplans (uuid) ON DELETE SET NULL,
  updated TEXT NOT NULL,
  CHECK (title_en <> '' OR title_zh <> ''),
  CHECK (period_end >= period_start)
) STRICT;
CREATE INDEX workplans_group ON workplans (group_uuid);

CREATE TABLE activities (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workplan_uuid TEXT NOT NULL REFERENCES workplans (uuid) ON DELETE CASCADE,
  code TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  title_zh TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  description_zh TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL REFERENCES activity_kinds (code),
  result_area TEXT REFERENCES result_areas (code),
  lead_member_uuid TEXT REFERENCES members (uuid) ON DELETE SET NULL,
  planned_start TEXT CHECK (planned_start IS NULL OR date(planned_start) IS planned_start),
  planned_end TEXT CHECK (planned_end IS NULL OR date(planned_end) IS planned_end),
  actual_start TEXT CHECK (actual_start IS NULL OR date(actual_start) IS actual_start),
  actual_end TEXT CHECK (actual_end IS NULL OR date(actual_end) IS actual_end),
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'in_progress', 'done', 'postponed', 'cancelled')),
  outcome_en TEXT NOT NULL DEFAULT '',
  outcome_zh TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  carried_from_uuid TEXT REFERENCES activities (uuid) ON DELETE SET NULL,
  updated TEXT NOT NULL,
  CHECK (title_en <> '' OR title_zh <> ''),
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)
) STRICT;
CREATE INDEX activities_workplan ON activities (workplan_uuid);
CREATE INDEX activities_group ON activities (group_uuid);

CREATE TABLE activity_themes (
  activity_uuid TEXT NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  theme TEXT NOT NULL REFERENCES themes (code),
  PRIMARY KEY (activity_uuid, theme)
) STRICT, WITHOUT ROWID;

CREATE TABLE activity_supporters (
  activity_uuid TEXT NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  member_uuid TEXT NOT NULL REFERENCES members (uuid) ON DELETE CASCADE,
  PRIMARY KEY (activity_uuid, member_uuid)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_supporters_member ON activity_supporters (member_uuid);

CREATE TABLE deliverables (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  activity_uuid TEXT NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  title_en TEXT NOT NULL DEFAULT '',
  title_zh TEXT NOT NULL DEFAULT '',
  due_date TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'in_progress', 'delivered', 'accepted')),
  delivered_on TEXT CHECK (delivered_on IS NULL OR date(delivered_on) IS delivered_on),
  evidence_note TEXT NOT NULL DEFAULT '',
  evidence_path TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (title_en <> '' OR title_zh <> '')
) STRICT;
CREATE INDEX deliverables_activity ON deliverables (activity_uuid);
CREATE INDEX deliverables_group_due ON deliverables (group_uuid, due_date);

CREATE TABLE indicators (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workplan_uuid TEXT NOT NULL REFERENCES workplans (uuid) ON DELETE CASCADE,
  activity_uuid TEXT REFERENCES activities (uuid) ON DELETE CASCADE,
  name_en TEXT NOT NULL DEFAULT '',
  name_zh TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL CHECK (unit IN ('number', 'percentage', 'yes_no', 'text')),
  baseline_milli INTEGER,
  baseline_text TEXT NOT NULL DEFAULT '',
  baseline_date TEXT CHECK (baseline_date IS NULL OR date(baseline_date) IS baseline_date),
  by_gender INTEGER NOT NULL DEFAULT 0 CHECK (by_gender IN (0, 1)),
  by_pillar INTEGER NOT NULL DEFAULT 0 CHECK (by_pillar IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (name_en <> '' OR name_zh <> '')
) STRICT;
CREATE INDEX indicators_workplan ON indicators (workplan_uuid);

-- One target or actual of an indicator for one reporting period; a row with gender or
-- pillar set is one cell of the breakdown, a row with neither is the total.
CREATE TABLE indicator_values (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  indicator_uuid TEXT NOT NULL REFERENCES indicators (uuid) ON DELETE CASCADE,
  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end),
  type TEXT NOT NULL CHECK (type IN ('target', 'actual')),
  gender TEXT REFERENCES genders (code),
  pillar TEXT REFERENCES pillars (code),
  value_milli INTEGER,
  value_text TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (period_end >= period_start)
) STRICT;
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_uuid);

-- A budget line belongs to a workplan, and to one of its activities unless it is a
-- coordination cost of the group. Quantity is in thousandths (2.5 days = 2500).
CREATE TABLE budget_lines (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workplan_uuid TEXT NOT NULL REFERENCES workplans (uuid) ON DELETE CASCADE,
  activity_uuid TEXT REFERENCES activities (uuid) ON DELETE CASCADE,
  category TEXT NOT NULL REFERENCES budget_categories (code),
  description_en TEXT NOT NULL DEFAULT '',
  description_zh TEXT NOT NULL DEFAULT '',
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit TEXT NOT NULL DEFAULT '',
  unit_cost_minor INTEGER NOT NULL CHECK (unit_cost_minor >= 0),
  currency TEXT NOT NULL REFERENCES currencies (code),
  notes TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  CHECK (description_en <> '' OR description_zh <> '')
) STRICT;
CREATE INDEX budget_lines_workplan ON budget_lines (workplan_uuid);
CREATE INDEX budget_lines_activity ON budget_lines (activity_uuid);

-- The line above is the original budget; each revision keeps its own figures, date and
-- reason, and the newest revision is the revised budget.
CREATE TABLE budget_revisions (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  budget_line_uuid TEXT NOT NULL REFERENCES budget_lines (uuid) ON DELETE CASCADE,
  revised_on TEXT NOT NULL CHECK (date(revised_on) IS revised_on),
  reason TEXT NOT NULL CHECK (reason <> ''),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit_cost_minor INTEGER NOT NULL CHECK (unit_cost_minor >= 0),
  updated TEXT NOT NULL
) STRICT;
CREATE INDEX budget_revisions_line ON budget_revisions (budget_line_uuid, revised_on);

-- A refund is an explicit negative expense: is_refund = 1 exactly when amount < 0.
CREATE TABLE expenses (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  budget_line_uuid TEXT NOT NULL REFERENCES budget_lines (uuid) ON DELETE CASCADE,
  date TEXT NOT NULL CHECK (date(date) IS date),
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  currency TEXT NOT NULL REFERENCES currencies (code),
  is_refund INTEGER NOT NULL DEFAULT 0 CHECK (is_refund = (amount_minor < 0)),
  payee TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  receipt_path TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL
) STRICT;
CREATE INDEX expenses_line ON expenses (budget_line_uuid);
CREATE INDEX expenses_group_date ON expenses (group_uuid, date);

CREATE TABLE funding_receipts (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workplan_uuid TEXT REFERENCES workplans (uuid) ON DELETE SET NULL,
  date TEXT NOT NULL CHECK (date(date) IS date),
  source TEXT NOT NULL REFERENCES funding_sources (code),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL REFERENCES currencies (code),
  reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL
) STRICT;
CREATE INDEX funding_group_date ON funding_receipts (group_uuid, date);

-- One unit of `currency` is worth rate_mantissa / 10^rate_scale units of the group's
-- reporting currency from valid_from until the next rate of the same currency.
CREATE TABLE exchange_rates (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  currency TEXT NOT NULL REFERENCES currencies (code),
  valid_from TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
  rate_mantissa INTEGER NOT NULL CHECK (rate_mantissa > 0),
  rate_scale INTEGER NOT NULL CHECK (rate_scale BETWEEN 0 AND 12),
  source TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  UNIQUE (group_uuid, currency, valid_from)
) STRICT;

CREATE TABLE workshops (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  activity_uuid TEXT NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  title_en TEXT NOT NULL DEFAULT '',
  title_zh TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
  end_date TEXT NOT NULL CHECK (date(end_date) IS end_date),
  town TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'online', 'hybrid')),
  languages TEXT NOT NULL DEFAULT '',
  facilitators TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  planned_participants INTEGER NOT NULL DEFAULT 0 CHECK (planned_participants >= 0),
  actual_participants INTEGER CHECK (actual_participants IS NULL OR actual_participants >= 0),
  updated TEXT NOT NULL,
  CHECK (title_en <> '' OR title_zh <> ''),
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX workshops_activity ON workshops (activity_uuid);
CREATE INDEX workshops_group_date ON workshops (group_uuid, start_date);

-- name_key is the name folded for duplicate detection (case, accents, spacing, width).
CREATE TABLE people (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name <> ''),
  name_key TEXT NOT NULL,
  member_uuid TEXT REFERENCES members (uuid) ON DELETE SET NULL,
  organisation TEXT NOT NULL DEFAULT '',
  pillar TEXT REFERENCES pillars (code),
  gender TEXT NOT NULL DEFAULT 'not_stated' REFERENCES genders (code),
  role_title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  consent_named INTEGER NOT NULL DEFAULT 0 CHECK (consent_named IN (0, 1)),
  updated TEXT NOT NULL
) STRICT;
CREATE INDEX people_group_key ON people (group_uuid, name_key);

CREATE TABLE person_vulnerable_groups (
  person_uuid TEXT NOT NULL REFERENCES people (uuid) ON DELETE CASCADE,
  vulnerable_group TEXT NOT NULL REFERENCES vulnerable_groups (code),
  PRIMARY KEY (person_uuid, vulnerable_group)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  workshop_uuid TEXT NOT NULL REFERENCES workshops (uuid) ON DELETE CASCADE,
  person_uuid TEXT NOT NULL REFERENCES people (uuid) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'participant'
    CHECK (role IN ('participant', 'speaker', 'facilitator', 'organiser')),
  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'attended', 'absent')),
  updated TEXT NOT NULL,
  UNIQUE (workshop_uuid, person_uuid)
) STRICT;
CREATE INDEX attendance_person ON attendance (person_uuid);

CREATE TABLE plenary_nominations (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  person_uuid TEXT REFERENCES people (uuid) ON DELETE SET NULL,
  member_uuid TEXT REFERENCES members (uuid) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated', 'confirmed', 'attended')),
  budget_line_uuid TEXT REFERENCES budget_lines (uuid) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL,
  UNIQUE (group_uuid, year)
) STRICT;

CREATE TABLE exports (
  uuid TEXT PRIMARY KEY,
  group_uuid TEXT NOT NULL REFERENCES groups (uuid) ON DELETE CASCADE,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  period_start TEXT NOT NULL CHECK (date(period_start) IS period_start),
  period_end TEXT NOT NULL CHECK (date(period_end) IS period_end),
  privacy TEXT NOT NULL CHECK (privacy IN ('aggregate', 'pseudonymous', 'named')),
  file TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  counts TEXT NOT NULL DEFAULT '{}',
  previous_uuid TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  UNIQUE (group_uuid, sequence)
) STRICT;

CREATE TABLE tombstones (
  uuid TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  group_uuid TEXT NOT NULL,
  deleted TEXT NOT NULL
) STRICT;
CREATE INDEX tombstones_group ON tombstones (group_uuid, deleted);

-- Deleting leaves a tombstone, whether the delete was asked for or cascaded. A record
-- that comes back (an undone delete, an import) takes its tombstone away.
CREATE TRIGGER groups_tombstone AFTER DELETE ON groups BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'group', OLD.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER groups_revive AFTER INSERT ON groups BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER members_tombstone AFTER DELETE ON members BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'member', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER members_revive AFTER INSERT ON members BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER workplans_tombstone AFTER DELETE ON workplans BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'workplan', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER workplans_revive AFTER INSERT ON workplans BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER activities_tombstone AFTER DELETE ON activities BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'activity', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER activities_revive AFTER INSERT ON activities BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER deliverables_tombstone AFTER DELETE ON deliverables BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'deliverable', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER deliverables_revive AFTER INSERT ON deliverables BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER indicators_tombstone AFTER DELETE ON indicators BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'indicator', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER indicators_revive AFTER INSERT ON indicators BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER indicator_values_tombstone AFTER DELETE ON indicator_values BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'indicator_value', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER indicator_values_revive AFTER INSERT ON indicator_values BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER budget_lines_tombstone AFTER DELETE ON budget_lines BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'budget_line', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER budget_lines_revive AFTER INSERT ON budget_lines BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER budget_revisions_tombstone AFTER DELETE ON budget_revisions BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'budget_revision', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER budget_revisions_revive AFTER INSERT ON budget_revisions BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER expenses_tombstone AFTER DELETE ON expenses BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'expense', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER expenses_revive AFTER INSERT ON expenses BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER funding_receipts_tombstone AFTER DELETE ON funding_receipts BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'funding', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER funding_receipts_revive AFTER INSERT ON funding_receipts BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER exchange_rates_tombstone AFTER DELETE ON exchange_rates BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'rate', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER exchange_rates_revive AFTER INSERT ON exchange_rates BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER workshops_tombstone AFTER DELETE ON workshops BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'workshop', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER workshops_revive AFTER INSERT ON workshops BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER people_tombstone AFTER DELETE ON people BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'person', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER people_revive AFTER INSERT ON people BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER attendance_tombstone AFTER DELETE ON attendance BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'attendance', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER attendance_revive AFTER INSERT ON attendance BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER plenary_nominations_tombstone AFTER DELETE ON plenary_nominations BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'nomination', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER plenary_nominations_revive AFTER INSERT ON plenary_nominations BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
CREATE TRIGGER exports_tombstone AFTER DELETE ON exports BEGIN
  INSERT OR REPLACE INTO tombstones (uuid, kind, group_uuid, deleted)
  VALUES (OLD.uuid, 'export', OLD.group_uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER exports_revive AFTER INSERT ON exports BEGIN
  DELETE FROM tombstones WHERE uuid = NEW.uuid;
END;
