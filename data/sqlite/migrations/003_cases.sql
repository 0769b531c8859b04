-- Prosecution cases are counted per person: all records of one person in
-- one area are one case, dated by the person's first record (or the first
-- of a chosen stage). Grouping every prosecution record by person at each
-- chart costs time that grows with the data, so two summary tables kept
-- up to date by triggers hold the answer instead.
--
-- Every record counts in up to four views: side '*' and stage '*' (the
-- default chart), its own stage, its own side when known, and both.

-- One row per area, person and view: the person's first month in the view.
CREATE TABLE person_cases (
    area   TEXT    NOT NULL,
    person TEXT    NOT NULL,
    side   TEXT    NOT NULL,            -- '*' for every side
    stage  TEXT    NOT NULL,            -- '*' for every stage
    first  INTEGER NOT NULL,            -- month index of the first record
    rows   INTEGER NOT NULL,            -- number of records
    PRIMARY KEY (area, person, side, stage)
) WITHOUT ROWID;

-- Cases per view, area and month of their first record.
CREATE TABLE case_months (
    side   TEXT    NOT NULL,
    stage  TEXT    NOT NULL,
    area   TEXT    NOT NULL,
    month  INTEGER NOT NULL,
    cases  INTEGER NOT NULL,            -- persons whose first record is in this month
    rows   INTEGER NOT NULL,            -- all records of those persons
    PRIMARY KEY (side, stage, area, month)
) WITHOUT ROWID;

-- The charts read the summary tables now, so the wide indexes the grouped
-- queries needed give way to narrow, partial ones for what still reads
-- incidents: the timeline, the recomputation of a person's first month
-- and of a month's largest total when a record goes, and the list.
DROP INDEX incidents_by_kind_area;
DROP INDEX incidents_by_person;
DROP INDEX incidents_by_channel;
-- The timeline lists every report in range with its summary: covering it
-- reads a few megabytes of index instead of one table page per report.
CREATE INDEX incidents_timeline ON incidents (area, month, side, channel, date, summary) WHERE kind = 'recruitment';
CREATE INDEX incidents_persons ON incidents (area, person, month, stage, side) WHERE kind = 'prosecution' AND person <> '';
CREATE INDEX incidents_totals ON incidents (kind, area, month) WHERE basis <> 'event';

INSERT INTO person_cases (area, person, side, stage, first, rows)
SELECT area, person, '*', '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' GROUP BY area, person
UNION ALL
SELECT area, person, '*', stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' GROUP BY area, person, stage
UNION ALL
SELECT area, person, side, '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' AND side <> '' GROUP BY area, person, side
UNION ALL
SELECT area, person, side, stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person <> '' AND side <> '' GROUP BY area, person, side, stage;

INSERT INTO case_months (side, stage, area, month, cases, rows)
SELECT side, stage, area, first, COUNT(*), SUM(rows) FROM person_cases GROUP BY side, stage, area, first;

-- Level one: incidents keep person_cases.
CREATE TRIGGER person_cases_insert AFTER INSERT ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person <> '' BEGIN
    INSERT INTO person_cases (area, person, side, stage, first, rows)
    SELECT NEW.area, NEW.person, v.side, v.stage, NEW.month, 1 FROM (
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
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person = OLD.person AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person = OLD.person AND rows = 0;
END;

-- An update is a delete of the old record and an insert of the new one.
-- The two triggers may run in either order: counts add up, and the first
-- month is recomputed from the table as it is after the update.
CREATE TRIGGER person_cases_update_old AFTER UPDATE OF kind, area, stage, side, person, month ON incidents
WHEN OLD.kind = 'prosecution' AND OLD.person <> '' BEGIN
    UPDATE person_cases SET rows = rows - 1, first = COALESCE((
        SELECT MIN(i.month) FROM incidents i
        WHERE i.kind = 'prosecution' AND i.person <> '' AND i.area = OLD.area AND i.person = OLD.person
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person = OLD.person AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person = OLD.person AND rows = 0;
END;

CREATE TRIGGER person_cases_update_new AFTER UPDATE OF kind, area, stage, side, person, month ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person <> '' BEGIN
    INSERT INTO person_cases (area, person, side, stage, first, rows)
    SELECT NEW.area, NEW.person, v.side, v.stage, NEW.month, 1 FROM (
        SELECT '*' AS side, '*' AS stage
        UNION ALL SELECT '*', NEW.stage
        UNION ALL SELECT NEW.side, '*' WHERE NEW.side <> ''
        UNION ALL SELECT NEW.side, NEW.stage WHERE NEW.side <> '') AS v
    WHERE true
    ON CONFLICT DO UPDATE SET first = min(first, excluded.first), rows = rows + 1;
END;

-- Level two: person_cases keeps case_months.
CREATE TRIGGER case_months_insert AFTER INSERT ON person_cases BEGIN
    INSERT INTO case_months (side, stage, area, month, cases, rows)
    VALUES (NEW.side, NEW.stage, NEW.area, NEW.first, 1, NEW.rows)
    ON CONFLICT DO UPDATE SET cases = cases + 1, rows = rows + excluded.rows;
END;

CREATE TRIGGER case_months_delete AFTER DELETE ON person_cases BEGIN
    UPDATE case_months SET cases = cases - 1, rows = rows - OLD.rows
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND month = OLD.first;
    DELETE FROM case_months
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND month = OLD.first AND cases = 0;
END;

CREATE TRIGGER case_months_update AFTER UPDATE ON person_cases BEGIN
    UPDATE case_months SET cases = cases - 1, rows = rows - OLD.rows
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND month = OLD.first;
    DELETE FROM case_months
    WHERE side = OLD.side AND stage = OLD.stage AND area = OLD.area AND month = OLD.first AND cases = 0;
    INSERT INTO case_months (side, stage, area, month, cases, rows)
    VALUES (NEW.side, NEW.stage, NEW.area, NEW.first, 1, NEW.rows)
    ON CONFLICT DO UPDATE SET cases = cases + 1, rows = rows + excluded.rows;
END;
