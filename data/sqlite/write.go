package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"catracker/data"
)

// writer holds the prepared statements that store incidents inside one
// transaction, and a cache of source ids so repeated sources cost one
// lookup.
type writer struct {
	findRef, insert, update, source, unlink, link *sql.Stmt
	sources                                       map[sourceKey]int64
}

type sourceKey struct{ outlet, title, published, url string }

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{sources: map[sourceKey]int64{}}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.findRef, `SELECT id FROM incidents WHERE ref = ?`},
		{&w.insert, `INSERT INTO incidents (ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, person, summary, notes)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.update, `UPDATE incidents SET ref = ?, date = ?, eff_date = ?, month = ?, area = ?, kind = ?, stage = ?,
			count = ?, basis = ?, channel = ?, side = ?, person = ?, summary = ?, notes = ? WHERE id = ?`},
		{&w.source, `INSERT INTO sources (outlet, title, author, published, url) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (outlet, title, published, url) DO UPDATE
			SET author = CASE WHEN excluded.author <> '' THEN excluded.author ELSE sources.author END
			RETURNING id`},
		{&w.unlink, `DELETE FROM incident_sources WHERE incident_id = ?`},
		{&w.link, `INSERT INTO incident_sources (incident_id, source_id, position, cited_as) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare statement: %w", err)
		}
		*p.dst = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.findRef, w.insert, w.update, w.source, w.unlink, w.link} {
		if st != nil {
			st.Close()
		}
	}
}

// put stores inc: it updates the incident with inc.ID, or else the one
// with inc.Ref, or else inserts a new one. It sets inc.ID and reports
// whether it inserted.
func (w *writer) put(ctx context.Context, inc *data.Incident) (added bool, err error) {
	if inc.ID == 0 {
		err := w.findRef.QueryRowContext(ctx, inc.Ref).Scan(&inc.ID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("look up ref %s: %w", inc.Ref, err)
		}
	}
	var count any
	if inc.Count != nil {
		count = *inc.Count
	}
	vals := []any{inc.Ref, inc.Date.String(), inc.Date.End().Format("2006-01-02"), inc.Date.MonthIndex(),
		string(inc.Area), string(inc.Kind), string(inc.Stage), count, string(inc.Basis), string(inc.Channel),
		string(inc.Side), inc.Person, inc.Summary, inc.Notes}
	if inc.ID == 0 {
		res, err := w.insert.ExecContext(ctx, vals...)
		if err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		}
		if inc.ID, err = res.LastInsertId(); err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		}
		added = true
	} else {
		if _, err := w.update.ExecContext(ctx, append(vals, inc.ID)...); err != nil {
			return false, fmt.Errorf("update incident %s: %w", inc.Ref, err)
		}
		if _, err := w.unlink.ExecContext(ctx, inc.ID); err != nil {
			return false, fmt.Errorf("update sources of %s: %w", inc.Ref, err)
		}
	}
	for i := range inc.Sources {
		src := &inc.Sources[i]
		pub := ""
		if !src.Published.IsZero() {
			pub = src.Published.String()
		}
		key := sourceKey{src.Outlet, src.Title, pub, src.URL}
		id, ok := w.sources[key]
		if !ok {
			if err := w.source.QueryRowContext(ctx, src.Outlet, src.Title, src.Author, pub, src.URL).Scan(&id); err != nil {
				return false, fmt.Errorf("store source %q of %s: %w", src.Outlet, inc.Ref, err)
			}
			w.sources[key] = id
		}
		src.ID = id
		if _, err := w.link.ExecContext(ctx, inc.ID, id, i, src.CitedAs); err != nil {
			return false, fmt.Errorf("link source %q to %s: %w", src.Outlet, inc.Ref, err)
		}
	}
	return added, nil
}

// dropUnusedSources deletes sources that no incident cites.
func dropUnusedSources(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE NOT EXISTS
		(SELECT 1 FROM incident_sources l WHERE l.source_id = sources.id)`); err != nil {
		return fmt.Errorf("delete unused sources: %w", err)
	}
	return nil
}
