package sqlite

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	"catracker/data"
)

// stored reads the incident with this id and its sources on the writer's
// connection, as the transaction sees it: a preview calls it before the
// row that updates the incident is written, so it is what the database
// held before the import.
func (w *writer) stored(id int64) (*data.Incident, error) {
	if w.storedIncident == nil {
		if err := w.prepare([]statement{
			{&w.storedIncident, `SELECT ref, date, area, kind, stage, count, basis, channel, side, grp, person, summary, notes
				FROM incidents WHERE id = ?`},
			{&w.storedSources, `SELECT s.outlet, s.title, s.author, s.published, s.url, l.cited_as
				FROM incident_sources l JOIN sources s ON s.id = l.source_id
				WHERE l.incident_id = ? ORDER BY l.position`},
		}); err != nil {
			return nil, err
		}
	}
	inc := &data.Incident{ID: id}
	err := w.each(w.storedIncident, 13, func(c []driver.Value) error {
		var v rowValues
		text := func(i int) string { return string(asText(c[i])) }
		inc.Ref, v.date, v.area, v.kind, v.stage = text(0), text(1), text(2), text(3), text(4)
		if n, ok := c[5].(int64); ok {
			v.count = sql.NullInt64{Int64: n, Valid: true}
		}
		v.basis, v.channel, v.side, v.grp = text(6), text(7), text(8), text(9)
		inc.Person, inc.Summary, inc.Notes = text(10), text(11), text(12)
		return v.into(inc)
	}, id)
	if err != nil {
		return nil, fmt.Errorf("read incident %d: %w", id, err)
	}
	err = w.each(w.storedSources, 6, func(c []driver.Value) error {
		src := data.Source{Outlet: string(asText(c[0])), Title: string(asText(c[1])), Author: string(asText(c[2])),
			URL: string(asText(c[4])), CitedAs: string(asText(c[5]))}
		if published := string(asText(c[3])); published != "" {
			d, err := data.ParseDate(published)
			if err != nil {
				return fmt.Errorf("stored date %q: %w", published, err)
			}
			src.Published = d
		}
		inc.Sources = append(inc.Sources, src)
		return nil
	}, id)
	if err != nil {
		return nil, fmt.Errorf("read sources of incident %s: %w", inc.Ref, err)
	}
	return inc, nil
}

// each runs a prepared query with args and calls fn with the columns of
// every row it returns.
func (w *writer) each(st driver.Stmt, columns int, fn func([]driver.Value) error, args ...any) error {
	rows, err := st.(driver.StmtQueryContext).QueryContext(background, w.bind(args))
	if err != nil {
		return err
	}
	defer rows.Close()
	dest := make([]driver.Value, columns)
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if err := fn(dest); err != nil {
			return err
		}
	}
}
