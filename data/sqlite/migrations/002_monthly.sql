-- A summary of incidents per month, kept up to date by triggers, so that
-- charts read a few hundred rows instead of grouping millions.
CREATE TABLE monthly (
    kind    TEXT    NOT NULL,
    area    TEXT    NOT NULL,
    channel TEXT    NOT NULL,
    stage   TEXT    NOT NULL,
    side    TEXT    NOT NULL,
    named   INTEGER NOT NULL,            -- 1 for incidents that name a person
    month   INTEGER NOT NULL,
    events  INTEGER NOT NULL DEFAULT 0,  -- sum of event counts (0 when unknown)
    cases   INTEGER NOT NULL DEFAULT 0,  -- sum of event counts, 1 when unknown
    most    INTEGER NOT NULL DEFAULT 0,  -- largest total or at_least count
    rows    INTEGER NOT NULL DEFAULT 0,  -- number of incidents
    PRIMARY KEY (kind, area, channel, stage, side, named, month)
) WITHOUT ROWID;

INSERT INTO monthly (kind, area, channel, stage, side, named, month, events, cases, most, rows)
SELECT kind, area, channel, stage, side, person <> '', month,
       COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
       COALESCE(SUM(CASE WHEN basis = 'event' THEN COALESCE(count, 1) END), 0),
       COALESCE(MAX(CASE WHEN basis <> 'event' THEN count END), 0),
       COUNT(*)
FROM incidents GROUP BY kind, area, channel, stage, side, person <> '', month;

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
