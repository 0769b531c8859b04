-- Incidents: one row per real-world event.
CREATE TABLE incidents (
    id        INTEGER PRIMARY KEY,
    ref       TEXT    NOT NULL UNIQUE CHECK (ref <> '' AND length(ref) <= 200),
    date      TEXT    NOT NULL,               -- as known: YYYY-MM-DD, YYYY-MM or YYYY
    eff_date  TEXT    NOT NULL,               -- the last day the date can mean, YYYY-MM-DD
    month     INTEGER NOT NULL,               -- month index of eff_date: year*12 + month - 1
    area      TEXT    NOT NULL CHECK (area IN ('KZ','KG','TJ','UZ','TM','CA','RU')),
    kind      TEXT    NOT NULL CHECK (kind IN ('death','prosecution','recruitment','captured','warning','policy')),
    stage     TEXT    NOT NULL DEFAULT '' CHECK (
                  (kind = 'prosecution' AND stage IN ('investigation','detention','charge','sentence','retrial','acquittal'))
                  OR (kind <> 'prosecution' AND stage = '')),
    count     INTEGER CHECK (count IS NULL OR count >= 0),
    basis     TEXT    NOT NULL DEFAULT 'event' CHECK (basis IN ('event','total','at_least')),
    channel   TEXT    NOT NULL DEFAULT '' CHECK ((kind = 'recruitment') = (channel <> '')),
    side      TEXT    NOT NULL DEFAULT '' CHECK (side IN ('','russia','ukraine')),
    person    TEXT    NOT NULL DEFAULT '',
    summary   TEXT    NOT NULL CHECK (summary <> ''),
    notes     TEXT    NOT NULL DEFAULT ''
);

-- Covering index of the deaths chart: GROUP BY area, period over kind.
CREATE INDEX incidents_by_kind_area ON incidents (kind, area, month, basis, count, side);
-- Prosecution cases: one case per person.
CREATE INDEX incidents_by_person ON incidents (kind, person, area, stage, month, side);
-- Recruitment: reports per channel.
CREATE INDEX incidents_by_channel ON incidents (kind, channel, month, area, side);
-- The incidents list, sorted by date.
CREATE INDEX incidents_by_date ON incidents (eff_date, id);

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    outlet    TEXT NOT NULL CHECK (outlet <> ''),
    title     TEXT NOT NULL DEFAULT '',
    author    TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    UNIQUE (outlet, title, published, url)
);

-- Which sources report which incident, and whom each source cites for it.
CREATE TABLE incident_sources (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    position    INTEGER NOT NULL DEFAULT 0,
    cited_as    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (incident_id, source_id)
) WITHOUT ROWID;
CREATE INDEX incident_sources_by_source ON incident_sources (source_id, incident_id);
