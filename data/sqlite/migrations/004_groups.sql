-- Groups of people and estimates. A figure can say whom it is about
-- (grp: prisoners, migrants, mobilised or volunteers; '' when the source
-- does not say), and a total about one group covers only that group, so
-- the summaries keep groups apart. A figure can be an estimate ("around
-- 35", basis 'estimate'), which never enters a confirmed figure: the
-- monthly summary keeps the largest estimate in its own column.
--
-- The incidents table is built again for its CHECK constraints, as in
-- migration 003, and with it its indexes and triggers; the summaries are
-- built again with the group in their keys. Existing incidents get no
-- group and keep their basis, so they count exactly as before.
CREATE TABLE incidents_new (
    id        INTEGER PRIMARY KEY,
    ref       TEXT    NOT NULL UNIQUE CHECK (ref <> '' AND length(ref) <= 200),
    date      TEXT    NOT NULL,               -- as known: YYYY-MM-DD, YYYY-MM or YYYY
    eff_date  TEXT    NOT NULL,               -- the last day the date can mean, YYYY-MM-DD
    month     INTEGER NOT NULL,               -- month index of eff_date: year*12 + month - 1
    area      TEXT    NOT NULL CHECK (area = 'KZ' OR area = 'KG' OR area = 'TJ' OR area = 'UZ' OR area = 'TM'
                                      OR area = 'CA' OR area = 'RU'),
    kind      TEXT    NOT NULL CHECK (kind = 'death' OR kind = 'prosecution' OR kind = 'recruitment'
                                      OR kind = 'captured' OR kind = 'warning' OR kind = 'policy'),
    stage     TEXT    NOT NULL DEFAULT '' CHECK (
                  (kind <> 'prosecution' AND stage = '')
                  OR (kind = 'prosecution' AND (stage = 'investigation' OR stage = 'detention' OR stage = 'charge'
                      OR stage = 'sentence' OR stage = 'retrial' OR stage = 'acquittal'))),
    count     INTEGER CHECK (count IS NULL OR count >= 0),
    basis     TEXT    NOT NULL DEFAULT 'event' CHECK (basis = 'event' OR basis = 'total' OR basis = 'at_least'
                                                      OR basis = 'estimate'),
    channel   TEXT    NOT NULL DEFAULT '' CHECK ((kind = 'recruitment') = (channel <> '')),
    side      TEXT    NOT NULL DEFAULT '' CHECK (side = '' OR side = 'russia' OR side = 'ukraine'),
    grp       TEXT    NOT NULL DEFAULT '' CHECK (grp = '' OR grp = 'prisoners' OR grp = 'migrants'
                                                 OR grp = 'mobilised' OR grp = 'volunteers'),
    person    TEXT    NOT NULL DEFAULT '',
    summary   TEXT    NOT NULL CHECK (summary <> ''),
    notes     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO incidents_new (id, ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, person, summary, notes)
SELECT id, ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, person, summary, notes FROM incidents;
DROP TABLE incidents;
ALTER TABLE incidents_new RENAME TO incidents;

CREATE INDEX incidents_by_date ON incidents (eff_date, id);
CREATE INDEX incidents_timeline ON incidents (area, month, side, channel, date) WHERE kind = 'recruitment';
CREATE INDEX incidents_persons ON incidents (area, person, grp, stage, side, month) WHERE kind = 'prosecution' AND person <> '';
CREATE INDEX incidents_totals ON incidents (kind, area, month) WHERE basis <> 'event';

-- The monthly summary, now by group, with the largest estimate apart:
-- most holds only totals and lower bounds.
DROP TABLE monthly;
CREATE TABLE monthly (
    kind    TEXT    NOT NULL,
    area    TEXT    NOT NULL,
    channel TEXT    NOT NULL,
    stage   TEXT    NOT NULL,
    side    TEXT    NOT NULL,
    grp     TEXT    NOT NULL,
    named   INTEGER NOT NULL,            -- 1 for incidents that name a person
    month   INTEGER NOT NULL,
    events  INTEGER NOT NULL DEFAULT 0,  -- sum of event counts (0 when unknown)
    cases   INTEGER NOT NULL DEFAULT 0,  -- sum of event counts, 1 when unknown
    most    INTEGER NOT NULL DEFAULT 0,  -- largest total or at_least count
    est     INTEGER NOT NULL DEFAULT 0,  -- largest estimate
    rows    INTEGER NOT NULL DEFAULT 0,  -- number of incidents
    PRIMARY KEY (kind, area, channel, stage, side, grp, named, month)
) WITHOUT ROWID;

INSERT INTO monthly (kind, area, channel, stage, side, grp, named, month, events, cases, most, est, rows)
SELECT kind, area, channel, stage, side, grp, person <> '', month,
       COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
       COALESCE(SUM(CASE WHEN basis = 'event' THEN COALESCE(count, 1) END), 0),
       COALESCE(MAX(CASE WHEN basis = 'total' OR basis = 'at_least' THEN count END), 0),
       COALESCE(MAX(CASE WHEN basis = 'estimate' THEN count END), 0),
       COUNT(*)
FROM incidents GROUP BY kind, area, channel, stage, side, grp, person <> '', month;

CREATE TRIGGER monthly_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO monthly (kind, area, channel, stage, side, grp, named, month, events, cases, most, est, rows)
    VALUES (NEW.kind, NEW.area, NEW.channel, NEW.stage, NEW.side, NEW.grp, NEW.person <> '', NEW.month,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 1) ELSE 0 END,
            CASE WHEN NEW.basis = 'total' OR NEW.basis = 'at_least' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'estimate' THEN COALESCE(NEW.count, 0) ELSE 0 END, 1)
    ON CONFLICT DO UPDATE SET events = events + excluded.events, cases = cases + excluded.cases,
        most = max(most, excluded.most), est = max(est, excluded.est), rows = rows + 1;
END;

-- Taking an incident out of its summary row: sums go down; the largest
-- total or estimate is found again among the row's other incidents.
CREATE TRIGGER monthly_delete AFTER DELETE ON incidents BEGIN
    UPDATE monthly SET
        events = events - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 0) ELSE 0 END,
        cases = cases - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 1) ELSE 0 END,
        most = CASE WHEN OLD.basis = 'total' OR OLD.basis = 'at_least' THEN (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month
              AND (basis = 'total' OR basis = 'at_least')
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp
              AND (person <> '') = (OLD.person <> '')) ELSE most END,
        est = CASE WHEN OLD.basis = 'estimate' THEN (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month AND basis = 'estimate'
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp
              AND (person <> '') = (OLD.person <> '')) ELSE est END,
        rows = rows - 1
    WHERE kind = OLD.kind AND area = OLD.area AND channel = OLD.channel AND stage = OLD.stage
      AND side = OLD.side AND grp = OLD.grp AND named = (OLD.person <> '') AND month = OLD.month;
    DELETE FROM monthly WHERE rows = 0 AND kind = OLD.kind AND area = OLD.area AND channel = OLD.channel
      AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp AND named = (OLD.person <> '') AND month = OLD.month;
END;

CREATE TRIGGER monthly_update AFTER UPDATE OF kind, area, channel, stage, side, grp, person, month, count, basis ON incidents BEGIN
    UPDATE monthly SET
        events = events - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 0) ELSE 0 END,
        cases = cases - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 1) ELSE 0 END,
        most = CASE WHEN OLD.basis = 'total' OR OLD.basis = 'at_least' THEN (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month
              AND (basis = 'total' OR basis = 'at_least')
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp
              AND (person <> '') = (OLD.person <> '')
              AND id <> OLD.id) ELSE most END,
        est = CASE WHEN OLD.basis = 'estimate' THEN (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month AND basis = 'estimate'
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp
              AND (person <> '') = (OLD.person <> '')
              AND id <> OLD.id) ELSE est END,
        rows = rows - 1
    WHERE kind = OLD.kind AND area = OLD.area AND channel = OLD.channel AND stage = OLD.stage
      AND side = OLD.side AND grp = OLD.grp AND named = (OLD.person <> '') AND month = OLD.month;
    DELETE FROM monthly WHERE rows = 0 AND kind = OLD.kind AND area = OLD.area AND channel = OLD.channel
      AND stage = OLD.stage AND side = OLD.side AND grp = OLD.grp AND named = (OLD.person <> '') AND month = OLD.month;
    INSERT INTO monthly (kind, area, channel, stage, side, grp, named, month, events, cases, most, est, rows)
    VALUES (NEW.kind, NEW.area, NEW.channel, NEW.stage, NEW.side, NEW.grp, NEW.person <> '', NEW.month,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 1) ELSE 0 END,
            CASE WHEN NEW.basis = 'total' OR NEW.basis = 'at_least' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'estimate' THEN COALESCE(NEW.count, 0) ELSE 0 END, 1)
    ON CONFLICT DO UPDATE SET events = events + excluded.events, cases = cases + excluded.cases,
        most = max(most, excluded.most), est = max(est, excluded.est), rows = rows + 1;
END;

-- Prosecution cases, by group too: one person's records about one group
-- in one area are one case. A person's records normally share a group.
DROP TABLE person_cases;
DROP TABLE case_months;
CREATE TABLE person_cases (
    area   TEXT    NOT NULL,
    person TEXT    NOT NULL,
    grp    TEXT    NOT NULL,
    side   TEXT    NOT NULL,            -- '*' for every side
    stage  TEXT    NOT NULL,            -- '*' for every stage
    first  INTEGER NOT NULL,            -- month index of the first record
    rows   INTEGER NOT NULL,            -- number of records
    PRIMARY KEY (area, person, grp, side, stage)
) WITHOUT ROWID;

CREATE TABLE case_months (
    side   TEXT    NOT NULL,
    stage  TEXT    NOT NULL,
    area   TEXT    NOT NULL,
    grp    TEXT    NOT NULL,
    month  INTEGER NOT NULL,
    cases  INTEGER NOT NULL,            -- persons whose first record is in this month
    rows   INTEGER NOT NULL,            -- all records of those persons
    PRIMARY KEY (side, stage, area, grp, month)
) WITHOUT ROWID;

INSERT INTO person_cases (area, person, grp, side, stage, first, rows)
SELECT area, person, grp, '*', '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' GROUP BY area, person, grp
UNION ALL
SELECT area, person, grp, '*', stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' GROUP BY area, person, grp, stage
UNION ALL
SELECT area, person, grp, side, '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' AND side <> '' GROUP BY area, person, grp, side
UNION ALL
SELECT area, person, grp, side, stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' AND side <> '' GROUP BY area, person, grp, side, stage;

INSERT INTO case_months (side, stage, area, grp, month, cases, rows)
SELECT side, stage, area, grp, first, COUNT(*), SUM(rows) FROM person_cases GROUP BY side, stage, area, grp, first;

CREATE TRIGGER person_cases_insert AFTER INSERT ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person <> '' BEGIN
    INSERT INTO person_cases (area, person, grp, side, stage, first, rows)
    SELECT NEW.area, NEW.person, NEW.grp, v.side, v.stage, NEW.month, 1 FROM (
        SELECT '*' AS side, '*' AS stage
        UNION ALL SELECT '*', NEW.stage
        UNION ALL SELECT NEW.side, '*' WHERE NEW.side <> ''
        UNION ALL SELECT NEW.side, NEW.stage WHERE NEW.side <> '') AS v
    WHERE true
    ON CONFLICT DO UPDATE SET first = min(first, excluded.first), rows = rows + 1;
END;

CREATE TRIGGER person_cases_delete AFTER DELETE ON incidents
WHEN OLD.kind = 'prosecution' AND OLD.person <> '' BEGIN
    UPDATE person_cases SET rows = rows - 1, first = COALESCE((
        SELECT MIN(i.month) FROM incidents i
        WHERE i.kind = 'prosecution' AND i.person <> '' AND i.area = OLD.area AND i.person = OLD.person
          AND i.grp = OLD.grp
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person = OLD.person AND grp = OLD.grp
      AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person = OLD.person AND grp = OLD.grp AND rows = 0;
END;

-- An update is a delete of the old record and an insert of the new one.
-- The two triggers may run in either order: counts add up, and the first
-- month is recomputed from the table as it is after the update.
CREATE TRIGGER person_cases_update_old AFTER UPDATE OF kind, area, stage, side, grp, person, month ON incidents
WHEN OLD.kind = 'prosecution' AND OLD.person <> '' BEGIN
    UPDATE person_cases SET rows = rows - 1, first = COALESCE((
        SELECT MIN(i.month) FROM incidents i
        WHERE i.kind = 'prosecution' AND i.person <> '' AND i.area = OLD.area AND i.person = OLD.person
          AND i.grp = OLD.grp
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person = OLD.person AND grp = OLD.grp
      AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person = OLD.person AND grp = OLD.grp AND rows = 0;
END;

CREATE TRIGGER person_cases_update_new AFTER UPDATE OF kind, area, stage, side, grp, person, month ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person <> '' BEGIN
    INSERT INTO person_cases (area, person, grp, side, stage, first, rows)
    SELECT NEW.area, NEW.person, NEW.grp, v.side, v.stage, NEW.month, 1 FROM (
        SELECT '*' AS side, '*' AS stage
        UNION ALL SELECT '*', NEW.stage
        UNION ALL SELECT NEW.side, '*' WHERE NEW.side <> ''
        UNION ALL SELECT NEW.side, NEW.stage WHERE NEW.side <> '') AS v
    WHERE true
    ON CONFLICT DO UPDATE SET first = min(first, excluded.first), rows = rows + 1;
END;

CREATE TRIGGER case_months_insert AFTER INSERT ON person_cases BEGIN
    INSERT INTO case_months (side, stage, area, grp, month, cases, rows)
    VALUES (NEW.side, NEW.stage, NEW.area, NEW.grp, NEW.first, 1, NEW.rows)
    ON CONFLICT DO UPDATE SET cases = cases + 1, rows = rows + excluded.rows;
END;

CREATE TRIGGER case_months_delete AFTER DELETE ON person_cases BEGIN
    UPDATE case_months SET cases = cases - 1, rows = rows - OLD.rows
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND grp = OLD.grp AND month = OLD.first;
    DELETE FROM case_months
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND grp = OLD.grp AND month = OLD.first AND cases = 0;
END;

CREATE TRIGGER case_months_update AFTER UPDATE ON person_cases BEGIN
    UPDATE case_months SET cases = cases - 1, rows = rows - OLD.rows
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND grp = OLD.grp AND month = OLD.first;
    DELETE FROM case_months
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND grp = OLD.grp AND month = OLD.first AND cases = 0;
    INSERT INTO case_months (side, stage, area, grp, month, cases, rows)
    VALUES (NEW.side, NEW.stage, NEW.area, NEW.grp, NEW.first, 1, NEW.rows)
    ON CONFLICT DO UPDATE SET cases = cases + 1, rows = rows + excluded.rows;
END;
