package sqlite

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
)

// bulkLoad holds what a bulk load took away to be put back at its end:
// the definitions of the secondary indexes and of the triggers that keep
// the summary tables.
type bulkLoad struct {
	indexes, triggers []string
}

// rebuildSummaries computes the summary tables afresh from the incidents,
// as migrations 002 and 003 first filled them.
var rebuildSummaries = []string{
	`DELETE FROM monthly`,
	`INSERT INTO monthly (kind, area, channel, stage, side, named, month, events, cases, most, rows)
	SELECT kind, area, channel, stage, side, person <> '', month,
	       COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
	       COALESCE(SUM(CASE WHEN basis = 'event' THEN COALESCE(count, 1) END), 0),
	       COALESCE(MAX(CASE WHEN basis <> 'event' THEN count END), 0),
	       COUNT(*)
	FROM incidents GROUP BY kind, area, channel, stage, side, person <> '', month`,
	`DELETE FROM person_cases`,
	`DELETE FROM case_months`,
	`INSERT INTO person_cases (area, person, side, stage, first, rows)
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
	    WHERE kind = 'prosecution' AND person <> '' AND side <> '' GROUP BY area, person, side, stage`,
	`INSERT INTO case_months (side, stage, area, month, cases, rows)
	SELECT side, stage, area, first, COUNT(*), SUM(rows) FROM person_cases GROUP BY side, stage, area, first`,
}

// startBulk begins a bulk load: it drops the secondary indexes of the
// incidents and their links to sources, and the triggers that keep the
// summaries, and returns their definitions for finishBulk. Building an
// index by sorting writes each page once, while keeping it up to date row
// by row rewrites the same pages many times over; likewise one GROUP BY
// at the end costs less than a trigger on every row. The unique index on
// ref stays: imports look refs up in it. All of it happens inside the
// import's transaction, so a failed import puts everything back.
func (w *writer) startBulk() (*bulkLoad, error) {
	b := &bulkLoad{}
	var err error
	if b.indexes, err = w.dropAll("index", `type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('incidents', 'incident_sources')`); err != nil {
		return nil, err
	}
	if b.triggers, err = w.dropAll("trigger", `type = 'trigger'`); err != nil {
		return nil, err
	}
	return b, nil
}

// dropAll drops the schema objects of one type that match where and
// returns their definitions.
func (w *writer) dropAll(typ, where string) ([]string, error) {
	rows, err := w.conn.QueryContext(background, `SELECT name, sql FROM sqlite_master WHERE `+where, nil)
	if err != nil {
		return nil, fmt.Errorf("list %ss: %w", typ, err)
	}
	var names, defs []string
	dest := make([]driver.Value, 2)
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list %ss: %w", typ, err)
		}
		names = append(names, string(asText(dest[0])))
		defs = append(defs, string(asText(dest[1])))
	}
	rows.Close()
	for _, n := range names {
		if _, err := w.conn.ExecContext(background, `DROP `+typ+` "`+n+`"`, nil); err != nil {
			return nil, fmt.Errorf("drop %s %s: %w", typ, n, err)
		}
	}
	return defs, nil
}

func asText(v driver.Value) []byte {
	switch t := v.(type) {
	case string:
		return []byte(t)
	case []byte:
		return t
	}
	return nil
}

// finishBulk ends a bulk load, if b is one: it builds the indexes again,
// computes the summaries afresh and puts the triggers back. SQLite sorts
// each index in memory chunks as large as the page cache, so the cache is
// made smaller for the rebuild (the caller restores it), and the sorts
// use every core.
func (w *writer) finishBulk(b *bulkLoad) error {
	if b == nil {
		return nil
	}
	if err := w.setCacheSize(-indexCacheKiB); err != nil {
		return err
	}
	threads := strconv.Itoa(min(runtime.NumCPU(), 4) - 1)
	if _, err := w.conn.ExecContext(background, "PRAGMA threads = "+threads, nil); err != nil {
		return fmt.Errorf("set sort threads: %w", err)
	}
	// Back to one thread, the default. Should this fail, later sorts on
	// this connection merely use more cores.
	defer w.conn.ExecContext(background, "PRAGMA threads = 0", nil)
	for _, d := range b.indexes {
		if _, err := w.conn.ExecContext(background, d, nil); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	for _, q := range rebuildSummaries {
		if _, err := w.conn.ExecContext(background, q, nil); err != nil {
			return fmt.Errorf("rebuild summaries: %w", err)
		}
	}
	for _, d := range b.triggers {
		if _, err := w.conn.ExecContext(background, d, nil); err != nil {
			return fmt.Errorf("restore trigger: %w", err)
		}
	}
	return nil
}
