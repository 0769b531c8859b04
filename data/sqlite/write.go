package sqlite

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/maphash"
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
	setAuthor                                             driver.Stmt
	insertBatch, linkBatch, sourceBatch, sourceRow        driver.Stmt // see prepareBatches
	findSourceRow                                         driver.Stmt // see lookUpSource
	sources                                               *sourceTable
	authorRows                                            map[int64]int // see remember
	seeds                                                 [2]maphash.Seed
	args                                                  []driver.NamedValue
	links                                                 []any // queued by putNew: incident, source, position, cited_as
	bulk                                                  *bulkState

	// problem, when set, receives a problem of the row being written, row,
	// in its column: an import sets it, and then a row that gives a source
	// another author than the one already recorded is a problem (see
	// storeSource). Without it, as when a user edits an incident, the
	// author given replaces the recorded one.
	problem func(row int, column, code, format string, args ...any)
	row     int

	// updating, when set, is called with an incident that put is about to
	// update (its ID set), before it writes: a preview compares it with
	// the stored one.
	updating func(inc *data.Incident) error
	// storedIncident and storedSources read an incident back for
	// updating; see stored.
	storedIncident, storedSources driver.Stmt
}

// sourceKey identifies a source by a 96-bit hash of its outlet, title,
// date and URL, the columns that make a source unique. Hashes keep the
// writer's table of sources small whatever the length of the texts. Two
// different sources would share one with a probability near 2^-96 per
// pair: at a million sources, about one chance in 10^17 that any two of
// them do. Its first word is never 0, which marks an empty slot of the
// table (see sourceSlot).
type sourceKey struct {
	a uint64
	b uint32
}

// storedSource is a source the writer has stored: its id and the hash of
// its author (0 when it has none), so that a later row naming the same
// author needs no statement at all.
type storedSource struct {
	id     int64
	author uint32
}

// background is the context of the writer's statements: a cancellable one
// would make the driver watch it from a goroutine per statement. Callers
// check for cancellation between rows instead.
var background = context.Background()

// maxCachedSources bounds the writer's table of the sources it has
// stored, so that an import's memory does not grow without end with the
// number of distinct sources in its file: 917,504 sources fill 2^20 slots
// of 24 bytes to 7/8, 24 MB (see sourceTable), which holds every source
// of a million-row file even when most of its rows bring a new one. When
// the table is full it starts again empty, and a source it no longer
// holds is found again by the statement that inserts it or finds it in
// the database (see findSource), unless a bulk load's filter knows it is
// new (see sourceFilter). A variable so that tests can make it small.
var maxCachedSources = 7 << 17

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
	return s.transact(ctx, true, fn)
}

// importTx is writeTx without SQLite's foreign key checks, for imports.
// An import links incidents only to sources it has just stored and by
// ids it has just been given, so the checks (two lookups for every link,
// a tenth of a large import's time) could never fail; and an import
// deletes no incident, so no cascade is missed.
//
// It first checks the file (see quickCheck): an import into a damaged
// database is refused before it writes anything.
func (s *Store) importTx(ctx context.Context, fn func(w *writer) error) error {
	return s.transact(ctx, false, func(w *writer) error {
		if err := w.quickCheck(s.path); err != nil {
			return err
		}
		return fn(w)
	})
}

func (s *Store) transact(ctx context.Context, foreignKeys bool, fn func(w *writer) error) error {
	if err := s.writeCheck(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return friendly(s.path, err)
	}
	defer conn.Close()
	// failed is the error of a transaction that could not be rolled back:
	// its connection may still be inside it, holding the write lock and
	// showing its half-made changes, so it is discarded (the driver closes
	// it, and SQLite rolls back what a closed connection left) instead of
	// going back to the pool.
	var failed error
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		// Every write transaction sets the foreign key mode it needs, so a
		// connection that comes back from an import or a migration with
		// them off cannot carry that into the next one.
		mode := "ON"
		if !foreignKeys {
			mode = "OFF"
			// Back on for whatever else uses the connection; should this
			// fail, the next write transaction sets them anyway.
			defer c.ExecContext(background, "PRAGMA foreign_keys = ON", nil)
		}
		if _, err := c.ExecContext(background, "PRAGMA foreign_keys = "+mode, nil); err != nil {
			return friendly(s.path, err)
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
			if rollback(c) != nil {
				failed = err
				return driver.ErrBadConn
			}
			return err
		}
		return nil
	})
	if failed != nil {
		return failed
	}
	return err
}

// rollback ends the transaction on c without its changes. Tests replace
// it to make it fail.
var rollback = func(c *sqlite3.SQLiteConn) error {
	_, err := c.ExecContext(background, "ROLLBACK", nil)
	return err
}

func newWriter(c *sqlite3.SQLiteConn) (*writer, error) {
	w := &writer{conn: c, sources: newSourceTable(maxCachedSources), authorRows: map[int64]int{},
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	if err := w.prepare([]statement{
		{&w.findRef, `SELECT id FROM incidents WHERE ref = ?`},
		{&w.findID, `SELECT id FROM incidents WHERE id = ?`},
		{&w.insert, `INSERT INTO incidents (ref, date, eff_date, month, area, kind, stage, count, basis, channel, side, grp,
			person, person_key, summary, notes, headline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (ref) DO NOTHING`},
		{&w.update, `UPDATE incidents SET ref = ?, date = ?, eff_date = ?, month = ?, area = ?, kind = ?, stage = ?,
			count = ?, basis = ?, channel = ?, side = ?, grp = ?, person = ?, person_key = ?, summary = ?, notes = ?,
			headline = ? WHERE id = ?`},
		{&w.source, `INSERT INTO sources (outlet, title, author, published, url) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (outlet, title, published, url) DO UPDATE
			SET author = CASE WHEN sources.author = '' THEN excluded.author ELSE sources.author END
			RETURNING id, author`},
		{&w.setAuthor, `UPDATE sources SET author = ? WHERE id = ?`},
		{&w.unlink, `DELETE FROM incident_sources WHERE incident_id = ?`},
		{&w.link, `INSERT INTO incident_sources (incident_id, source_id, position, cited_as) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`},
	}); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// statement is a statement for prepare: where it goes, and its SQL.
type statement struct {
	dst *driver.Stmt
	sql string
}

// prepare prepares each of the statements on the writer's connection.
func (w *writer) prepare(stmts []statement) error {
	for _, p := range stmts {
		st, err := w.conn.Prepare(p.sql)
		if err != nil {
			return fmt.Errorf("prepare statement: %w", err)
		}
		*p.dst = st
	}
	return nil
}

func (w *writer) close() {
	for _, st := range []driver.Stmt{w.findRef, w.findID, w.insert, w.update, w.source, w.setAuthor, w.unlink, w.link,
		w.insertBatch, w.linkBatch, w.sourceBatch, w.sourceRow, w.findSourceRow, w.storedIncident, w.storedSources} {
		if st != nil {
			st.Close()
		}
	}
}

// bind returns args as the driver's parameters, in a slice the writer
// reuses from one statement to the next.
func (w *writer) bind(args []any) []driver.NamedValue {
	w.args = w.args[:0]
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n)
		}
		w.args = append(w.args, driver.NamedValue{Ordinal: i + 1, Value: a})
	}
	return w.args
}

func (w *writer) exec(st driver.Stmt, args ...any) (driver.Result, error) {
	return st.(driver.StmtExecContext).ExecContext(background, w.bind(args))
}

// queryID runs a statement that returns at most one integer; ok is false
// when it returns no row.
func (w *writer) queryID(st driver.Stmt, args ...any) (id int64, ok bool, err error) {
	rows, err := st.(driver.StmtQueryContext).QueryContext(background, w.bind(args))
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
	vals := incidentValues(inc)
	if inc.ID == 0 {
		// Most imported rows are new: try the insert first, and look the
		// ref up only when it is taken.
		res, err := w.exec(w.insert, vals...)
		if err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
		} else if n == 1 {
			if inc.ID, err = res.LastInsertId(); err != nil {
				return false, fmt.Errorf("insert incident %s: %w", inc.Ref, err)
			}
			added = true
		} else if id, ok, err := w.refOwner(inc.Ref); err != nil || !ok {
			return false, fmt.Errorf("look up ref %s: %w", inc.Ref, cmp.Or(err, errors.New("taken but not found")))
		} else {
			inc.ID = id
		}
	}
	if w.bulk != nil {
		w.bulk.count(inc, added)
	}
	if !added {
		if w.updating != nil {
			if err := w.updating(inc); err != nil {
				return false, err
			}
		}
		if _, err := w.exec(w.update, append(vals, inc.ID)...); err != nil {
			return false, fmt.Errorf("update incident %s: %w", inc.Ref, err)
		}
		if _, err := w.exec(w.unlink, inc.ID); err != nil {
			return false, fmt.Errorf("update sources of %s: %w", inc.Ref, err)
		}
	}
	for i := range inc.Sources {
		src := &inc.Sources[i]
		if src.ID, err = w.storeSource(src); err != nil {
			return false, fmt.Errorf("store source %q of %s: %w", src.Outlet, inc.Ref, err)
		}
		if _, err := w.exec(w.link, inc.ID, src.ID, i, src.CitedAs); err != nil {
			return false, fmt.Errorf("link source %q to %s: %w", src.Outlet, inc.Ref, err)
		}
	}
	return added, nil
}

// storeSource returns the id of src, storing it when it is new. A source
// is one article, identified by its outlet, title, date and URL; its
// author is a fact about it, never silently changed: a row that names no
// author leaves the recorded one, one that names an author fills in a
// source recorded without one, and one that names another author than
// the recorded one is, in an import, a problem of that row (w.problem)
// naming the row that gave the other author, or saying the database has
// it. Outside an import (a user editing an incident, who sees the author)
// the new author replaces the old.
//
// Sources repeat from row to row, so the writer remembers those it has
// stored and runs no statement for them again. During a bulk load it
// knows every source in the database, so a source it has not seen is new
// and waits to be inserted in a batch; once its table of sources has been
// emptied, a filter of every source stored tells most new ones apart (see
// sourceFilter), and those still wait in the batch.
func (w *writer) storeSource(src *data.Source) (int64, error) {
	pub := ""
	if !src.Published.IsZero() {
		pub = src.Published.String()
	}
	key := w.sourceKey(src.Outlet, src.Title, pub, src.URL)
	if stored, ok := w.sources.get(key); ok {
		return w.knownSource(src, key, stored)
	}
	if w.sources.full() {
		if err := w.forgetSources(); err != nil {
			return 0, err
		}
	}
	if w.bulk != nil && (w.bulk.allSources || w.bulk.seen.surelyNew(key)) {
		id, err := w.queueSource(src.Outlet, src.Title, src.Author, pub, src.URL)
		if err != nil {
			return 0, err
		}
		w.remember(key, id, src.Author, w.row)
		return id, nil
	}
	return w.findSource(src, key, pub)
}

// knownSource is storeSource for a source in the writer's table: it runs no
// statement unless the row gives the source an author it has not got.
func (w *writer) knownSource(src *data.Source, key sourceKey, stored storedSource) (int64, error) {
	author := w.authorHash(src.Author)
	if author == 0 || author == stored.author {
		return stored.id, nil
	}
	// The source may still wait in the queue.
	if err := w.flushSources(); err != nil {
		return 0, err
	}
	if stored.author != 0 && w.problem != nil {
		recorded, err := w.sourceAuthor(stored.id)
		if err != nil {
			return 0, err
		}
		w.authorConflict(src, recorded, w.authorRows[stored.id])
		return stored.id, nil
	}
	if _, err := w.exec(w.setAuthor, src.Author, stored.id); err != nil {
		return 0, err
	}
	w.remember(key, stored.id, src.Author, w.row)
	return stored.id, nil
}

// findSource is storeSource for a source not in the writer's table that
// may be in the database: the statement of putSource inserts it or finds
// it there, and the writer then remembers it.
func (w *writer) findSource(src *data.Source, key sourceKey, pub string) (int64, error) {
	id, recorded, err := w.putSource(src.Outlet, src.Title, src.Author, pub, src.URL)
	if err != nil {
		return 0, err
	}
	row := 0 // the author came from the database, unless this row gave it
	if src.Author != "" && recorded == src.Author {
		row = w.row
	}
	if src.Author != "" && recorded != src.Author {
		if w.problem != nil {
			w.authorConflict(src, recorded, 0)
		} else if _, err := w.exec(w.setAuthor, src.Author, id); err != nil {
			return 0, err
		} else {
			recorded = src.Author
		}
	}
	w.remember(key, id, recorded, row)
	return id, nil
}

// remember puts a source in the writer's table, with its author and the
// row of the import that gave the author (0 when the database had it).
// Those rows, needed only to name them in a problem, are kept apart in
// authorRows, for the sources whose author came from the file, so that
// the table's slots stay small.
func (w *writer) remember(key sourceKey, id int64, author string, row int) {
	w.sources.put(key, storedSource{id: id, author: w.authorHash(author)})
	if w.bulk != nil {
		w.bulk.seen.add(key)
	}
	if author != "" && row != 0 {
		w.authorRows[id] = row
	} else {
		delete(w.authorRows, id)
	}
}

// putSource runs the statement that inserts a source or finds it, and
// returns its id and its recorded author: a source recorded without an
// author gets the one given. In a bulk load that queues new sources
// (see sourceFilter) it looks the source up instead (see lookUpSource).
func (w *writer) putSource(outlet, title, author, published, url string) (int64, string, error) {
	if w.bulk != nil && w.bulk.seen != nil {
		return w.lookUpSource(outlet, title, author, published, url)
	}
	rows, err := w.source.(driver.StmtQueryContext).QueryContext(background, w.bind([]any{outlet, title, author, published, url}))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	dest := make([]driver.Value, 2)
	if err := rows.Next(dest); err != nil {
		return 0, "", err
	}
	id, _ := dest[0].(int64)
	return id, string(asText(dest[1])), nil
}

// lookUpSource is putSource in a bulk load that queues new sources: a
// source the filter may have seen is looked up through the unique index,
// which only reads, and queued if it is new after all. Every source
// queued is in the writer's table until it is inserted (see forgetSources),
// so one looked up cannot be waiting in the queue.
func (w *writer) lookUpSource(outlet, title, author, published, url string) (int64, string, error) {
	if w.findSourceRow == nil {
		if err := w.prepare([]statement{{&w.findSourceRow, `SELECT id, author FROM sources
			WHERE outlet = ? AND title = ? AND published = ? AND url = ?`}}); err != nil {
			return 0, "", err
		}
	}
	rows, err := w.findSourceRow.(driver.StmtQueryContext).QueryContext(background, w.bind([]any{outlet, title, published, url}))
	if err != nil {
		return 0, "", fmt.Errorf("look up source %q: %w", outlet, err)
	}
	dest := make([]driver.Value, 2)
	err = rows.Next(dest)
	rows.Close()
	if errors.Is(err, io.EOF) {
		id, err := w.queueSource(outlet, title, author, published, url)
		return id, author, err
	} else if err != nil {
		return 0, "", fmt.Errorf("look up source %q: %w", outlet, err)
	}
	id, _ := dest[0].(int64)
	recorded := string(asText(dest[1]))
	if recorded == "" && author != "" {
		if _, err := w.exec(w.setAuthor, author, id); err != nil {
			return 0, "", fmt.Errorf("set the author of source %d: %w", id, err)
		}
		recorded = author
	}
	return id, recorded, nil
}

// sourceAuthor reads the recorded author of a source.
func (w *writer) sourceAuthor(id int64) (string, error) {
	rows, err := w.conn.QueryContext(background, `SELECT author FROM sources WHERE id = ?`,
		[]driver.NamedValue{{Ordinal: 1, Value: id}})
	if err != nil {
		return "", fmt.Errorf("read source %d: %w", id, err)
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return "", fmt.Errorf("read source %d: %w", id, err)
	}
	return string(asText(dest[0])), nil
}

// authorConflict reports that the row being written gives src another
// author than recorded, which row other gave (0: the database had it).
func (w *writer) authorConflict(src *data.Source, recorded string, other int) {
	what := src.Outlet
	if src.Title != "" {
		what = fmt.Sprintf("%q (%s)", src.Title, src.Outlet)
	}
	if other > 0 {
		w.problem(w.row, "source_author", "source.authorRows", "row %d gives the source %s the author %q, this row %q; "+
			"one article has one author, so make the rows agree", other, what, recorded, src.Author)
		return
	}
	w.problem(w.row, "source_author", "source.authorRecorded", "the source %s is already recorded with the author %q, "+
		"and this row gives %q; an import does not change a recorded author: write %q here, or correct the author by "+
		"editing an incident that cites the source", what, recorded, src.Author, recorded)
}

// sourceKey hashes the columns that make a source unique.
func (w *writer) sourceKey(outlet, title, published, url string) sourceKey {
	type unique struct{ outlet, title, published, url string }
	u := unique{outlet, title, published, url}
	// A first word of 0 becomes 1, once in 2^64 keys.
	return sourceKey{a: max(maphash.Comparable(w.seeds[0], u), 1), b: uint32(maphash.Comparable(w.seeds[1], u))}
}

// authorHash hashes an author's name to 32 bits; 0 stands for no name.
// Two different names share a hash once in 2^31 pairs, so a row that
// gives a source another author than the one the writer holds for it
// (rare: in an import a mistake of the file, reported as a problem) is
// taken for the same author once in two billion times, and the recorded
// author stays. That saves 8 bytes in each slot of the writer's table of
// sources (see sourceSlot).
func (w *writer) authorHash(author string) uint32 {
	if author == "" {
		return 0
	}
	return uint32(maphash.String(w.seeds[0], author)) | 1
}

// forgetSources empties the table of stored sources, once it is full.
// Sources are then found by the unique index again. In a bulk load whose
// table held every source, its keys first go into a filter that keeps
// telling new sources apart (see sourceFilter). Queued sources are
// inserted first: one the table forgets must be in the database to be
// found.
func (w *writer) forgetSources() error {
	if err := w.restoreSourceIndex(); err != nil {
		return err
	}
	if err := w.flushSources(); err != nil {
		return err
	}
	if b := w.bulk; b != nil && b.allSources {
		b.seen = newSourceFilter(maxCachedSources)
		for key := range w.sources.keys() {
			b.seen.add(key)
		}
		b.allSources = false
	}
	w.sources.reset()
	clear(w.authorRows)
	return nil
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

// quickCheck runs SQLite's quick check of the database file at path
// and returns a plain error when it finds the file damaged. Writing into
// a damaged file may seem to succeed while the damage spreads, so an
// import checks first. It reads every page: about half a second for a
// million incidents once the file is in the system's cache, several on a
// cold start, which an import can afford but saving one incident cannot.
func (w *writer) quickCheck(path string) error {
	rows, err := w.conn.QueryContext(background, "PRAGMA quick_check(1)", nil)
	if err != nil {
		return damaged(path, err.Error())
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return damaged(path, err.Error())
	}
	if verdict := string(asText(dest[0])); verdict != "ok" {
		return damaged(path, verdict)
	}
	return nil
}

// damaged is the error for a database file that SQLite found damaged.
func damaged(path, detail string) error {
	return data.Errorf(data.EINVALID, "the database file %s is damaged (SQLite's check says: %s); nothing was written. "+
		"Restore it from a backup copy, or import into a new database", path, detail)
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

// batchRows is how many incidents, or links to sources, one multi-row
// INSERT writes. Run one row at a time, a statement costs several times
// the row it writes: SQLite resets it, opens its cursors and seeks the end
// of the table and of every index again for each row.
const batchRows = 64

// The number of values one row binds in the multi-row statements: an
// incident's id and incidentValues, a link, a new source.
const (
	incidentColumnCount = 18
	linkColumnCount     = 4
	sourceColumnCount   = 6
)

// valuesList is the VALUES list of rows rows of columns placeholders each.
func valuesList(rows, columns int) string {
	row := "(" + strings.Repeat("?, ", columns-1) + "?)"
	return strings.Repeat(row+", ", rows-1) + row
}

// incidentValues returns the values of inc for the columns of incidents
// after id, in the order of the insert statements. An import computes
// them on its reading goroutine (see readAhead), off the writer's.
func incidentValues(inc *data.Incident) []any {
	var count any
	if inc.Count != nil {
		count = int64(*inc.Count)
	}
	return []any{inc.Ref, inc.Date.String(), inc.Date.End().Format("2006-01-02"), int64(inc.Date.MonthIndex()),
		string(inc.Area), string(inc.Kind), string(inc.Stage), count, string(inc.Basis), string(inc.Channel),
		string(inc.Side), string(inc.Group), inc.Person, personKey(inc.Person), inc.Summary, inc.Notes, inc.Headline}
}

// prepareBatches prepares the multi-row statements of putNew and flush
// on first use.
func (w *writer) prepareBatches() error {
	if w.insertBatch != nil {
		return nil
	}
	const sources = `INSERT INTO sources (id, outlet, title, author, published, url) VALUES `
	return w.prepare([]statement{
		{&w.insertBatch, `INSERT INTO incidents (id, ref, date, eff_date, month, area, kind, stage, count, basis, channel,
			side, grp, person, person_key, summary, notes, headline) VALUES ` + valuesList(batchRows, incidentColumnCount)},
		{&w.linkBatch, `INSERT INTO incident_sources (incident_id, source_id, position, cited_as) VALUES ` +
			valuesList(batchRows, linkColumnCount) + ` ON CONFLICT DO NOTHING`},
		{&w.sourceBatch, sources + valuesList(batchRows, sourceColumnCount)},
		{&w.sourceRow, sources + valuesList(1, sourceColumnCount)},
	})
}

// putNew inserts batchRows incidents that are expected to be new, with
// the ids that follow the largest, in one statement. When one of their
// refs is taken, in the database or twice among them, it writes nothing
// and returns false: the caller then stores them one by one with put,
// which updates or reports them. Their links to sources are queued for
// flush.
func (w *writer) putNew(rows []readRow) (bool, error) {
	if err := w.prepareBatches(); err != nil {
		return false, err
	}
	last, err := w.maxID()
	if err != nil {
		return false, fmt.Errorf("read largest id: %w", err)
	}
	args := w.args[:0]
	for i, r := range rows {
		args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: last + 1 + int64(i)})
		for _, v := range r.vals {
			args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: v})
		}
	}
	w.args = args
	if _, err := w.insertBatch.(driver.StmtExecContext).ExecContext(background, args); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
			return false, nil
		}
		return false, fmt.Errorf("insert incidents %s to %s: %w", rows[0].inc.Ref, rows[len(rows)-1].inc.Ref, err)
	}
	for i, r := range rows {
		inc := r.inc
		inc.ID = last + 1 + int64(i)
		w.row = r.row
		if w.bulk != nil {
			w.bulk.count(inc, true)
		}
		for j := range inc.Sources {
			src := &inc.Sources[j]
			if src.ID, err = w.storeSource(src); err != nil {
				return false, fmt.Errorf("store source %q of %s: %w", src.Outlet, inc.Ref, err)
			}
			w.links = append(w.links, inc.ID, src.ID, int64(j), src.CitedAs)
			if len(w.links) == linkColumnCount*batchRows {
				if _, err := w.exec(w.linkBatch, w.links...); err != nil {
					return false, fmt.Errorf("link sources: %w", err)
				}
				w.links = w.links[:0]
			}
		}
	}
	return true, nil
}

// flush writes the sources and the links to sources that wait in queues.
func (w *writer) flush() error {
	if err := w.flushSources(); err != nil {
		return err
	}
	for l := w.links; len(l) > 0; l = l[linkColumnCount:] {
		if _, err := w.exec(w.link, l[:linkColumnCount]...); err != nil {
			return fmt.Errorf("link source %d to incident %d: %w", l[1], l[0], err)
		}
	}
	w.links = w.links[:0]
	return nil
}
