-- One person, however the name is written: "Ivan Petrov", "IVAN PETROV"
-- and "ivan  petrov" are one person, and so are "Иван" and "ИВАН". Each
-- incident keeps the comparison form of its person's name in person_key
-- (see personKey: Unicode NFKC, case folding, white space collapsed),
-- which SQL cannot compute, so the store's connections provide it as the
-- function catracker_person_key and the writers set it for new rows.
-- Prosecution cases group by the key instead of the name as written.
ALTER TABLE incidents ADD COLUMN person_key TEXT NOT NULL DEFAULT '';
UPDATE incidents SET person_key = catracker_person_key(person) WHERE person <> '';

DROP INDEX incidents_persons;
CREATE INDEX incidents_persons ON incidents (area, person_key, grp, stage, side, month)
    WHERE kind = 'prosecution' AND person_key <> '';

-- The case summaries are built again by key. Dropping person_cases drops
-- its triggers and the ones on incidents that keep it are made anew; they
-- are those of migration 004 with person_key for person.
DROP TRIGGER person_cases_insert;
DROP TRIGGER person_cases_delete;
DROP TRIGGER person_cases_update_old;
DROP TRIGGER person_cases_update_new;
DROP TABLE person_cases;
DELETE FROM case_months;

CREATE TABLE person_cases (
    area       TEXT    NOT NULL,
    person_key TEXT    NOT NULL,
    grp        TEXT    NOT NULL,
    side       TEXT    NOT NULL,            -- '*' for every side
    stage      TEXT    NOT NULL,            -- '*' for every stage
    first      INTEGER NOT NULL,            -- month index of the first record
    rows       INTEGER NOT NULL,            -- number of records
    PRIMARY KEY (area, person_key, grp, side, stage)
) WITHOUT ROWID;

INSERT INTO person_cases (area, person_key, grp, side, stage, first, rows)
SELECT area, person_key, grp, '*', '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp
UNION ALL
SELECT area, person_key, grp, '*', stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp, stage
UNION ALL
SELECT area, person_key, grp, side, '*', MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side
UNION ALL
SELECT area, person_key, grp, side, stage, MIN(month), COUNT(*) FROM incidents
    WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side, stage;

INSERT INTO case_months (side, stage, area, grp, month, cases, rows)
SELECT side, stage, area, grp, first, COUNT(*), SUM(rows) FROM person_cases GROUP BY side, stage, area, grp, first;

CREATE TRIGGER person_cases_insert AFTER INSERT ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person_key <> '' BEGIN
    INSERT INTO person_cases (area, person_key, grp, side, stage, first, rows)
    SELECT NEW.area, NEW.person_key, NEW.grp, v.side, v.stage, NEW.month, 1 FROM (
        SELECT '*' AS side, '*' AS stage
        UNION ALL SELECT '*', NEW.stage
        UNION ALL SELECT NEW.side, '*' WHERE NEW.side <> ''
        UNION ALL SELECT NEW.side, NEW.stage WHERE NEW.side <> '') AS v
    WHERE true
    ON CONFLICT DO UPDATE SET first = min(first, excluded.first), rows = rows + 1;
END;

CREATE TRIGGER person_cases_delete AFTER DELETE ON incidents
WHEN OLD.kind = 'prosecution' AND OLD.person_key <> '' BEGIN
    UPDATE person_cases SET rows = rows - 1, first = COALESCE((
        SELECT MIN(i.month) FROM incidents i
        WHERE i.kind = 'prosecution' AND i.person_key <> '' AND i.area = OLD.area AND i.person_key = OLD.person_key
          AND i.grp = OLD.grp
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person_key = OLD.person_key AND grp = OLD.grp
      AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person_key = OLD.person_key AND grp = OLD.grp AND rows = 0;
END;

-- An update is a delete of the old record and an insert of the new one.
-- The two triggers may run in either order: counts add up, and the first
-- month is recomputed from the table as it is after the update.
CREATE TRIGGER person_cases_update_old AFTER UPDATE OF kind, area, stage, side, grp, person_key, month ON incidents
WHEN OLD.kind = 'prosecution' AND OLD.person_key <> '' BEGIN
    UPDATE person_cases SET rows = rows - 1, first = COALESCE((
        SELECT MIN(i.month) FROM incidents i
        WHERE i.kind = 'prosecution' AND i.person_key <> '' AND i.area = OLD.area AND i.person_key = OLD.person_key
          AND i.grp = OLD.grp
          AND (person_cases.side = '*' OR i.side = person_cases.side)
          AND (person_cases.stage = '*' OR i.stage = person_cases.stage)), first)
    WHERE area = OLD.area AND person_key = OLD.person_key AND grp = OLD.grp
      AND side IN ('*', OLD.side) AND stage IN ('*', OLD.stage);
    DELETE FROM person_cases WHERE area = OLD.area AND person_key = OLD.person_key AND grp = OLD.grp AND rows = 0;
END;

CREATE TRIGGER person_cases_update_new AFTER UPDATE OF kind, area, stage, side, grp, person_key, month ON incidents
WHEN NEW.kind = 'prosecution' AND NEW.person_key <> '' BEGIN
    INSERT INTO person_cases (area, person_key, grp, side, stage, first, rows)
    SELECT NEW.area, NEW.person_key, NEW.grp, v.side, v.stage, NEW.month, 1 FROM (
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
