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

-- The incidents table is built again, the same but for its CHECK
-- constraints: SQLite evaluates a constraint "x IN (list)" at a cost of
-- about a microsecond a row, which made a third of the time of a large
-- import; a chain of equalities says the same and costs next to nothing.
-- Dropping the table drops its indexes and triggers, so they are created
-- again below. The migration runs with foreign keys off, so the links to
-- sources stay as they are.
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
    basis     TEXT    NOT NULL DEFAULT 'event' CHECK (basis = 'event' OR basis = 'total' OR basis = 'at_least'),
    channel   TEXT    NOT NULL DEFAULT '' CHECK ((kind = 'recruitment') = (channel <> '')),
    side      TEXT    NOT NULL DEFAULT '' CHECK (side = '' OR side = 'russia' OR side = 'ukraine'),
    person    TEXT    NOT NULL DEFAULT '',
    summary   TEXT    NOT NULL CHECK (summary <> ''),
    notes     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO incidents_new (id, ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, person, summary, notes)
SELECT id, ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, person, summary, notes FROM incidents;
DROP TABLE incidents;
ALTER TABLE incidents_new RENAME TO incidents;

-- The sources table too is built again, so that its uniqueness is a named
-- index, which a large import can drop and build again at its end, like
-- the others, instead of inserting into it at random places row by row.
CREATE TABLE sources_new (
    id        INTEGER PRIMARY KEY,
    outlet    TEXT NOT NULL CHECK (outlet <> ''),
    title     TEXT NOT NULL DEFAULT '',
    author    TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT ''
);
INSERT INTO sources_new (id, outlet, title, author, published, url)
SELECT id, outlet, title, author, published, url FROM sources;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
CREATE UNIQUE INDEX sources_unique ON sources (outlet, title, published, url);

-- The charts read the summary tables now, so the wide indexes the grouped
-- queries needed give way to narrow, partial ones for what still reads
-- incidents: the timeline, the recomputation of a person's first month
-- and of a month's largest total when a record goes, and the list.
CREATE INDEX incidents_by_date ON incidents (eff_date, id);
-- The timeline counts its reports from the monthly summary and lists them
-- one by one only when there are few (at most 5,000), by this index.
CREATE INDEX incidents_timeline ON incidents (area, month, side, channel, date) WHERE kind = 'recruitment';
CREATE INDEX incidents_persons ON incidents (area, person, stage, side, month) WHERE kind = 'prosecution' AND person <> '';
CREATE INDEX incidents_totals ON incidents (kind, area, month) WHERE basis <> 'event';

-- The monthly summary's triggers, as migration 002 made them.
CREATE TRIGGER monthly_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO monthly (kind, area, channel, stage, side, named, month, events, cases, most, rows)
    VALUES (NEW.kind, NEW.area, NEW.channel, NEW.stage, NEW.side, NEW.person <> '', NEW.month,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 1) ELSE 0 END,
            CASE WHEN NEW.basis <> 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END, 1)
    ON CONFLICT DO UPDATE SET events = events + excluded.events, cases = cases + excluded.cases,
        most = max(most, excluded.most), rows = rows + 1;
END;

CREATE TRIGGER monthly_delete AFTER DELETE ON incidents BEGIN
    UPDATE monthly SET
        events = events - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 0) ELSE 0 END,
        cases = cases - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 1) ELSE 0 END,
        most = CASE WHEN OLD.basis = 'event' THEN most ELSE (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month AND basis <> 'event'
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side
              AND (person <> '') = (OLD.person <> '')) END,
        rows = rows - 1
    WHERE kind = OLD.kind AND area = OLD.area AND channel = OLD.channel AND stage = OLD.stage
      AND side = OLD.side AND named = (OLD.person <> '') AND month = OLD.month;
    DELETE FROM monthly WHERE rows = 0 AND kind = OLD.kind AND area = OLD.area AND channel = OLD.channel
      AND stage = OLD.stage AND side = OLD.side AND named = (OLD.person <> '') AND month = OLD.month;
END;

CREATE TRIGGER monthly_update AFTER UPDATE OF kind, area, channel, stage, side, person, month, count, basis ON incidents BEGIN
    UPDATE monthly SET
        events = events - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 0) ELSE 0 END,
        cases = cases - CASE WHEN OLD.basis = 'event' THEN COALESCE(OLD.count, 1) ELSE 0 END,
        most = CASE WHEN OLD.basis = 'event' THEN most ELSE (
            SELECT COALESCE(MAX(count), 0) FROM incidents
            WHERE kind = OLD.kind AND area = OLD.area AND month = OLD.month AND basis <> 'event'
              AND channel = OLD.channel AND stage = OLD.stage AND side = OLD.side
              AND (person <> '') = (OLD.person <> '')
              AND id <> OLD.id) END,
        rows = rows - 1
    WHERE kind = OLD.kind AND area = OLD.area AND channel = OLD.channel AND stage = OLD.stage
      AND side = OLD.side AND named = (OLD.person <> '') AND month = OLD.month;
    DELETE FROM monthly WHERE rows = 0 AND kind = OLD.kind AND area = OLD.area AND channel = OLD.channel
      AND stage = OLD.stage AND side = OLD.side AND named = (OLD.person <> '') AND month = OLD.month;
    INSERT INTO monthly (kind, area, channel, stage, side, named, month, events, cases, most, rows)
    VALUES (NEW.kind, NEW.area, NEW.channel, NEW.stage, NEW.side, NEW.person <> '', NEW.month,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END,
            CASE WHEN NEW.basis = 'event' THEN COALESCE(NEW.count, 1) ELSE 0 END,
            CASE WHEN NEW.basis <> 'event' THEN COALESCE(NEW.count, 0) ELSE 0 END, 1)
    ON CONFLICT DO UPDATE SET events = events + excluded.events, cases = cases + excluded.cases,
        most = max(most, excluded.most), rows = rows + 1;
END;

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
