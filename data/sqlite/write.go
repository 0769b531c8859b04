package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"catracker/data"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// writer stores incidents inside one write transaction. It talks to the
// driver's connection directly: database/sql starts a goroutine for every
// query inside a transaction, which costs more than the query itself when
// a million rows are imported.
type writer struct {
	conn                                                  *sqlite3.SQLiteConn
	findRef, findID, insert, update, source, unlink, link driver.Stmt
	sources                                               map[sourceKey]int64
}

type sourceKey struct{ outlet, title, published, url string }

// background is the context of the writer's statements: a cancellable one
// would make the driver watch it from a goroutine per statement. Callers
// check for cancellation between rows instead.
var background = context.Background()

// maxCachedSources bounds the writer's map of the sources it has stored,
// so that an import's memory does not grow with the number of distinct
// sources in its file: when the map is full it starts again empty, and a
// source it no longer holds is looked up in the database.
const maxCachedSources = 1 << 16

// writeTx runs fn in a BEGIN IMMEDIATE transaction on one connection and
// commits only if fn succeeds.
//
// The transaction keeps its statement journals in memory. SQLite saves the
// pages a statement changes in a statement journal, so that a failing
// statement can be undone on its own; the journal starts in memory and
// moves to a temporary file for the rest of the transaction as soon as
// one statement changes more than 64 KiB, which happens early in any
// large import. After that every row written cost several write system
// calls: about a quarter of a million-row import's time went to the kernel.
// SQLite fixes where the journal lives when the transaction begins, from
// the connection's temp_store, so temp_store is MEMORY for the BEGIN only:
// sorts (rebuilding indexes) then still spill to temporary files and keep
// their memory bounded. A statement journal holds only the pages one
// statement changes, a few per row.
func (s *Store) writeTx(ctx context.Context, fn func(w *writer) error) error {
	if err := s.writeCheck(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return friendly(s.path, err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		if _, err := c.ExecContext(background, "PRAGMA temp_store = MEMORY", nil); err != nil {
			return friendly(s.path, err)
		}
		_, err := c.ExecContext(background, "BEGIN IMMEDIATE", nil)
		// Back to the default even when BEGIN failed. Should this fail, the
		// connection merely sorts in memory, so the error is not the
		// caller's concern.
		c.ExecContext(background, "PRAGMA temp_store = DEFAULT", nil)
		if err != nil {
			return friendly(s.path, err)
		}
		w, err := newWriter(c)
		if err == nil {
			err = fn(w)
			w.close()
		}
		if err == nil {
			if _, err = c.ExecContext(background, "COMMIT", nil); err != nil {
				err = friendly(s.path, err)
			}
		}
		if err != nil {
			c.ExecContext(background, "ROLLBACK", nil)
			return err
		}
		return nil
	})
}

func newWriter(c *sqlite3.SQLiteConn) (*writer, error) {
	w := &writer{conn: c, sources: map[sourceKey]int64{}}
	for _, p := range []struct {
		dst *driver.Stmt
		sql string
	}{
		{&w.findRef, `SELECT id FROM incidents WHERE ref = ?`},
		{&w.findID, `SELECT id FROM incidents WHERE id = ?`},
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
		st, err := c.Prepare(p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare statement: %w", err)
		}
		*p.dst = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []driver.Stmt{w.findRef, w.findID, w.insert, w.update, w.source, w.unlink, w.link} {
		if st != nil {
			st.Close()
		}
	}
}

func named(args []any) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n)
		}
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

func (w *writer) exec(st driver.Stmt, args ...any) (driver.Result, error) {
	return st.(driver.StmtExecContext).ExecContext(background, named(args))
}

// queryID runs a statement that returns at most one integer; ok is false
// when it returns no row.
func (w *writer) queryID(st driver.Stmt, args ...any) (id int64, ok bool, err error) {
	rows, err := st.(driver.StmtQueryContext).QueryContext(background, named(args))
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); errors.Is(err, io.EOF) {
		return 0, false, nil
	} else if err != nil {
		return 0, false, err
	}
	id, ok = dest[0].(int64)
	if !ok {
		return 0, false, fmt.Errorf("expected an integer id, got %T", dest[0])
	}
	return id, true, nil
}

// exists reports whether an incident with this id exists.
func (w *writer) exists(id int64) (bool, error) {
	_, ok, err := w.queryID(w.findID, id)
	return ok, err
}

// refOwner returns the id of the incident with this ref, if any.
func (w *writer) refOwner(ref string) (int64, bool, error) {
	return w.queryID(w.findRef, ref)
}

// put stores inc: it updates the incident with inc.ID, or else the one
// with inc.Ref, or else inserts a new one. It sets inc.ID and reports
// whether it inserted.
func (w *writer) put(inc *data.Incident) (added bool, err error) {
	if inc.ID == 0 {
		id, ok, err := w.refOwner(inc.Ref)
		if err != nil {
			return false, fmt.Errorf("look up ref %s: %w", inc.Ref, err)
		}
		if ok {
			inc.ID = id
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
		res, err := w.exec(w.insert, vals...)
		if err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		}
		if inc.ID, err = res.LastInsertId(); err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		}
		added = true
	} else {
		if _, err := w.exec(w.update, append(vals, inc.ID)...); err != nil {
			return false, fmt.Errorf("update incident %s: %w", inc.Ref, err)
		}
		if _, err := w.exec(w.unlink, inc.ID); err != nil {
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
		if !ok || src.Author != "" {
			if id, _, err = w.queryID(w.source, src.Outlet, src.Title, src.Author, pub, src.URL); err != nil {
				return false, fmt.Errorf("store source %q of %s: %w", src.Outlet, inc.Ref, err)
			}
		}
		if !ok {
			if len(w.sources) >= maxCachedSources {
				clear(w.sources)
			}
			// The strings share memory with the CSV reader's whole record:
			// copies keep the map from holding every record alive.
			key = sourceKey{strings.Clone(key.outlet), strings.Clone(key.title), strings.Clone(key.published),
				strings.Clone(key.url)}
			w.sources[key] = id
		}
		src.ID = id
		if _, err := w.exec(w.link, inc.ID, id, i, src.CitedAs); err != nil {
			return false, fmt.Errorf("link source %q to %s: %w", src.Outlet, inc.Ref, err)
		}
	}
	return added, nil
}

// dropUnusedSources deletes sources that no incident cites.
func (w *writer) dropUnusedSources() error {
	if _, err := w.conn.ExecContext(background, `DELETE FROM sources WHERE NOT EXISTS
		(SELECT 1 FROM incident_sources l WHERE l.source_id = sources.id)`, nil); err != nil {
		return fmt.Errorf("delete unused sources: %w", err)
	}
	return nil
}

// linkedSources returns the ids of the sources an incident cites.
func (w *writer) linkedSources(incident int64) ([]int64, error) {
	rows, err := w.conn.QueryContext(background, `SELECT source_id FROM incident_sources WHERE incident_id = ?`,
		[]driver.NamedValue{{Ordinal: 1, Value: incident}})
	if err != nil {
		return nil, fmt.Errorf("read sources of incident %d: %w", incident, err)
	}
	defer rows.Close()
	var ids []int64
	dest := make([]driver.Value, 1)
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			return ids, nil
		} else if err != nil {
			return nil, fmt.Errorf("read sources of incident %d: %w", incident, err)
		}
		if id, ok := dest[0].(int64); ok {
			ids = append(ids, id)
		}
	}
}

// dropIfUnused deletes those of the given sources that no incident cites
// any more: after one incident changes, only its former sources can have
// become unused, so there is no need to sweep the whole table.
func (w *writer) dropIfUnused(ids []int64) error {
	for _, id := range ids {
		if _, err := w.conn.ExecContext(background, `DELETE FROM sources WHERE id = ? AND NOT EXISTS
			(SELECT 1 FROM incident_sources l WHERE l.source_id = sources.id)`,
			[]driver.NamedValue{{Ordinal: 1, Value: id}}); err != nil {
			return fmt.Errorf("delete unused source %d: %w", id, err)
		}
	}
	return nil
}

// maxID returns the largest incident id, 0 in an empty database.
func (w *writer) maxID() (int64, error) {
	return w.scalar(`SELECT COALESCE(MAX(id), 0) FROM incidents`)
}

// cacheSize returns the connection's page cache size in the units of
// PRAGMA cache_size: pages, or KiB when negative.
func (w *writer) cacheSize() (int64, error) {
	n, err := w.scalar(`PRAGMA cache_size`)
	if err != nil {
		return 0, fmt.Errorf("read cache size: %w", err)
	}
	return n, nil
}

// setCacheSize sets the connection's page cache size, in the units of
// PRAGMA cache_size.
func (w *writer) setCacheSize(n int64) error {
	if _, err := w.conn.ExecContext(background, "PRAGMA cache_size = "+strconv.FormatInt(n, 10), nil); err != nil {
		return fmt.Errorf("set cache size: %w", err)
	}
	return nil
}

// count returns the number of incidents.
func (w *writer) count() (int64, error) {
	return w.scalar(`SELECT COUNT(*) FROM incidents`)
}

func (w *writer) scalar(q string) (int64, error) {
	rows, err := w.conn.QueryContext(background, q, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return 0, err
	}
	n, _ := dest[0].(int64)
	return n, nil
}

// dropIndexes drops the secondary indexes of incidents and their links to
// sources and returns their definitions for createIndexes. The unique
// index on ref stays: imports look refs up in it.
func (w *writer) dropIndexes() ([]string, error) {
	rows, err := w.conn.QueryContext(background, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('incidents', 'incident_sources')`, nil)
	if err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	var names, defs []string
	dest := make([]driver.Value, 2)
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list indexes: %w", err)
		}
		names = append(names, string(asText(dest[0])))
		defs = append(defs, string(asText(dest[1])))
	}
	rows.Close()
	for _, n := range names {
		if _, err := w.conn.ExecContext(background, `DROP INDEX "`+n+`"`, nil); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", n, err)
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

// createIndexes runs the index definitions dropIndexes returned. SQLite
// sorts each index in memory chunks as large as the page cache, so the
// cache is made smaller for the rebuild; the caller restores it.
func (w *writer) createIndexes(defs []string) error {
	if len(defs) == 0 {
		return nil
	}
	if err := w.setCacheSize(-indexCacheKiB); err != nil {
		return err
	}
	for _, d := range defs {
		if _, err := w.conn.ExecContext(background, d, nil); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	return nil
}
