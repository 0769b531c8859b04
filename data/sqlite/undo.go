package sqlite

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"catracker/data"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The last import can be undone: ImportUndoable keeps a copy of the
// database as it was before the import, <db>.before-import, and a record
// of the import, <db>.before-import.json, with the state the import left
// the database in (see stateQuery). UndoImport copies the database back
// while the state still matches. Any other change made through the store
// (saving or deleting an incident, an import without a copy) discards the
// copy first, since undoing the import would also undo that change.
const (
	undoSuffix       = ".before-import"
	undoRecordSuffix = ".before-import.json"
)

// copyPages is how many pages one step of SQLite's online backup copies:
// 16 MB at 4 KiB pages, so that a cancelled import stops within a
// fraction of a second.
const copyPages = 4096

// stateQuery sums up the content of a database: the schema version and
// the number and largest id of incidents, sources and links, and the
// monthly summary's totals. A change the store makes discards the copy
// itself; the state catches changes made by other programs that add or
// remove rows or change counts.
const stateQuery = `SELECT (SELECT user_version FROM pragma_user_version) || ' ' ||
	(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM incidents) || ' ' ||
	(SELECT COUNT(*) || ' ' || COALESCE(MAX(id), 0) FROM sources) || ' ' ||
	(SELECT COUNT(*) FROM incident_sources) || ' ' ||
	(SELECT COALESCE(SUM(rows), 0) || ' ' || COALESCE(SUM(events), 0) || ' ' || COALESCE(SUM(most), 0) || ' ' ||
		COALESCE(SUM(est), 0) FROM monthly)`

// undoRecord is the content of <db>.before-import.json.
type undoRecord struct {
	File    string    `json:"file"`
	Added   int       `json:"added"`
	Updated int       `json:"updated"`
	At      time.Time `json:"at"`
	State   string    `json:"state"`
}

// undoCopy is the copy an undoable import is making.
type undoCopy struct {
	store  *Store
	record undoRecord
	tmp    string // where take writes the copy until publish
}

// take copies the database, as the import's transaction found it, to a
// temporary file beside it with SQLite's online backup. The import holds
// the write lock, so the copy is exactly the database it will change.
func (u *undoCopy) take(ctx context.Context) error {
	s := u.store
	u.tmp = s.path + undoSuffix + ".new"
	os.Remove(u.tmp)
	dest, err := rawOpen(u.tmp, "_journal_mode=OFF&_sync=OFF")
	if err != nil {
		return fmt.Errorf("keep a copy of %s before importing: %w", s.path, err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		dest.Close()
		return friendly(s.path, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		src, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return copyDatabase(ctx, dest, src)
	})
	if cerr := dest.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(u.tmp)
	}
	if err != nil {
		os.Remove(u.tmp)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("keep a copy of %s before importing: %w", s.path, err)
	}
	return nil
}

// discard removes the copy of an import that did not happen.
func (u *undoCopy) discard() {
	if u.tmp != "" {
		os.Remove(u.tmp)
	}
}

// publish puts the copy of an import that has committed in place of the
// previous one, with its record. The old record goes first, so that a
// record never describes another copy.
func (u *undoCopy) publish() error {
	s := u.store
	u.record.At = time.Now().UTC()
	body, err := json.Marshal(u.record)
	if err != nil {
		return err
	}
	if err := os.Remove(s.path + undoRecordSuffix); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(u.tmp, s.path+undoSuffix); err != nil {
		return err
	}
	tmp := s.path + undoRecordSuffix + ".new"
	if err := os.WriteFile(tmp, body, 0o644); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, s.path+undoRecordSuffix); err != nil {
		return err
	}
	return syncFile(filepath.Dir(s.path))
}

// forgetUndo discards the copy of the last import, before a change that
// undoing the import would lose.
func (s *Store) forgetUndo() {
	os.Remove(s.path + undoRecordSuffix)
	os.Remove(s.path + undoSuffix)
}

// undoRecord reads the record of the last import that kept a copy, or
// returns nil when there is none or its copy is gone.
func (s *Store) undoRecord() (*undoRecord, error) {
	body, err := os.ReadFile(s.path + undoRecordSuffix)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the record of the last import: %w", err)
	}
	var r undoRecord
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, nil // not ours to read: nothing to undo
	}
	if st, err := os.Stat(s.path + undoSuffix); err != nil || !st.Mode().IsRegular() {
		return nil, nil
	}
	return &r, nil
}

// state reads the database's state (see stateQuery).
func (s *Store) state(ctx context.Context) (string, error) {
	var st string
	if err := s.db.QueryRowContext(ctx, stateQuery).Scan(&st); err != nil {
		return "", fmt.Errorf("read %s: %w", s.path, err)
	}
	return st, nil
}

// state reads the database's state as the writer's transaction sees it.
func (w *writer) state() (string, error) {
	rows, err := w.conn.QueryContext(background, stateQuery, nil)
	if err != nil {
		return "", fmt.Errorf("read the database's state: %w", err)
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return "", fmt.Errorf("read the database's state: %w", err)
	}
	return string(asText(dest[0])), nil
}

// LastImport returns the last import that kept a copy, while the database
// is as that import left it; otherwise nil.
func (s *Store) LastImport(ctx context.Context) (*data.LastImport, error) {
	if s.readOnly {
		return nil, nil
	}
	r, err := s.undoRecord()
	if err != nil || r == nil {
		return nil, err
	}
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if st != r.State {
		return nil, nil
	}
	return &data.LastImport{File: r.File, Added: r.Added, Updated: r.Updated, At: r.At}, nil
}

// UndoImport copies the database as it was before the last import back
// over it with SQLite's online backup, which writes it in one
// transaction: other connections see the old database or the restored
// one, never a mix, and a failure leaves the database as it was. It
// refuses when the database has changed since the import. The copy is
// removed afterwards.
func (s *Store) UndoImport(ctx context.Context) error {
	if err := s.writeCheck(); err != nil {
		return err
	}
	r, err := s.undoRecord()
	if err != nil {
		return err
	}
	if r == nil {
		return data.Errorf(data.ENOTFOUND, "there is no import to undo in %s", s.path)
	}
	st, err := s.state(ctx)
	if err != nil {
		return err
	}
	if st != r.State {
		return data.Errorf(data.ECONFLICT, "%s has changed since %s was imported, so undoing the import would "+
			"lose those changes too; nothing was changed", s.path, r.File)
	}
	src, err := rawOpen(s.path+undoSuffix, "mode=ro&immutable=1")
	if err != nil {
		return fmt.Errorf("open the copy kept before importing %s: %w", r.File, err)
	}
	defer src.Close()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return friendly(s.path, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		live, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return copyDatabase(ctx, live, src)
	})
	if err != nil {
		return friendly(s.path, fmt.Errorf("undo the import of %s: %w", r.File, err))
	}
	s.forgetUndo()
	return nil
}

// rawOpen opens a driver connection to the file at path with the given
// URI parameters.
func rawOpen(path, params string) (*sqlite3.SQLiteConn, error) {
	c, err := (&sqlite3.SQLiteDriver{}).Open(fileURI(path) + "?" + params)
	if err != nil {
		return nil, err
	}
	return c.(*sqlite3.SQLiteConn), nil
}

// copyDatabase copies the main database of src over that of dest with
// SQLite's online backup, copyPages pages a step, checking ctx between
// steps. dest is written in one transaction.
func copyDatabase(ctx context.Context, dest, src *sqlite3.SQLiteConn) error {
	b, err := dest.Backup("main", src, "main")
	if err != nil {
		return err
	}
	stalled := 0
	for remaining := -1; ; {
		done, err := b.Step(copyPages)
		if err != nil {
			b.Close()
			return err
		}
		if done {
			return b.Close()
		}
		if err := ctx.Err(); err != nil {
			b.Close()
			return err
		}
		// Step returns without an error when a lock stays busy after the
		// connection's busy timeout; give up after a few of those.
		if r := b.Remaining(); r == remaining {
			if stalled++; stalled == 3 {
				b.Close()
				return sqlite3.Error{Code: sqlite3.ErrBusy}
			}
		} else {
			remaining, stalled = r, 0
		}
	}
}

// syncFile flushes a file, or a folder's entries, to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
