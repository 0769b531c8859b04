package sqlite

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"catracker/data"
)

// A large import becomes a bulk load (see startBulk) once it has read
// bulkRows rows and at least as many rows as the database held before:
// from then on, building the indexes and summaries again at the end costs
// less than keeping them up to date row by row. A small import into a
// large database keeps them, since it would pay for rebuilding them all.
const bulkRows = 5_000

// An import's memory is mostly SQLite's page cache and, while indexes are
// rebuilt, its sorter, which fills chunks as large as the page cache (on
// each of its threads) before writing them out. Imports therefore run
// with a smaller cache than reads (see dsn): new rows go to the end of the
// table, so most pages are written once and few are needed at a time; a
// larger cache measured no faster. Together with the bounded map of
// sources (see maxCachedSources) this keeps an import of a million rows
// near 90 MB, whatever the size of the file.
const (
	importCacheKiB = 8_000
	indexCacheKiB  = 4_000
)

// While an import runs, the garbage collector starts a cycle once the heap
// has grown by half since the last one, not by all of it as usual: most of
// an import's heap is long-lived tables of numbers (the CSV reader's index
// of refs, some 14 MB at a million rows, and the writer's map of
// sources), which a collection need not scan, so collecting sooner costs
// little and keeps the heap from growing to twice their size. It keeps an
// import of a million rows within 100 MB.
const importGCPercent = 50

var (
	gcMu      sync.Mutex
	gcImports int // imports running
	gcBefore  int // the setting before the first of them
)

// collectSooner sets the garbage collector's target for an import and
// returns the function that sets it back once no import runs.
func collectSooner() (restore func()) {
	gcMu.Lock()
	defer gcMu.Unlock()
	if gcImports == 0 {
		gcBefore = debug.SetGCPercent(importGCPercent)
	}
	gcImports++
	return func() {
		gcMu.Lock()
		defer gcMu.Unlock()
		if gcImports--; gcImports == 0 {
			debug.SetGCPercent(gcBefore)
		}
	}
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// importOptions say what importRows does besides checking and writing.
type importOptions struct {
	// dry rolls everything back at the end.
	dry bool
	// preview, when set, makes a dry run that compares every row with an
	// existing ref against the stored incident and records the changes.
	preview *data.ImportPreview
	// undo, when set, keeps a copy of the database as it was before the
	// import writes (see undoCopy).
	undo *undoCopy
}

// Import writes every incident of src in one transaction: a ref already in
// the database is updated, a new one inserted. Every row is checked; if any
// is invalid, or a ref appears twice, nothing is written and the returned
// *data.RowErrors lists the problems by row and column.
func (s *Store) Import(ctx context.Context, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	return s.importRows(ctx, src, progress, importOptions{})
}

// DryRun checks src exactly as Import does and reports what Import would
// add and update, without changing the database.
func (s *Store) DryRun(ctx context.Context, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	return s.importRows(ctx, src, progress, importOptions{dry: true})
}

// Preview is DryRun that also compares each row whose ref exists with the
// stored incident, column by column, sources included. It counts every
// changed and unchanged incident but lists only the first
// data.MaxPreviewChanges changed ones, so its memory does not grow with
// the file. It reads each updated incident once more than DryRun does.
func (s *Store) Preview(ctx context.Context, src data.RowSource, progress data.Progress) (data.ImportPreview, error) {
	var p data.ImportPreview
	res, err := s.importRows(ctx, src, progress, importOptions{dry: true, preview: &p})
	if err != nil {
		return data.ImportPreview{}, err
	}
	p.Added = res.Added
	return p, nil
}

// ImportUndoable is Import that first keeps a copy of the database as it
// was, for UndoImport (see undo.go). The copy is taken inside the
// import's transaction, before it writes, so that it is exactly the
// database the import changed; it replaces the previous import's copy
// only once the import has committed.
func (s *Store) ImportUndoable(ctx context.Context, file string, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	u := &undoCopy{store: s, record: undoRecord{File: file}}
	res, err := s.importRows(ctx, src, progress, importOptions{undo: u})
	if err != nil {
		u.discard()
		return res, err
	}
	u.record.Added, u.record.Updated = res.Added, res.Updated
	if err := u.publish(); err != nil {
		// The import is in; only the way back is lost.
		return res, fmt.Errorf("imported, but the copy for undoing the import could not be kept: %w", err)
	}
	return res, nil
}

func (s *Store) importRows(ctx context.Context, src data.RowSource, progress data.Progress, opt importOptions) (data.ImportResult, error) {
	if !opt.dry && opt.undo == nil {
		if err := s.writeCheck(); err != nil {
			return data.ImportResult{}, err
		}
		s.forgetUndo() // undoing the import before would lose this one
	}
	defer collectSooner()()
	var res data.ImportResult
	var problems data.RowErrors
	stop := make(chan struct{})
	defer close(stop)
	rows := readAhead(src, stop)
	rn, _ := src.(rowNamer)
	err := s.importTx(ctx, func(w *writer) error {
		w.problem = func(row int, column, msg string) {
			if rn != nil {
				problems.Add(rn.ErrorAt(row, column, msg))
			} else {
				problems.Add(&data.RowError{Column: column, Message: msg})
			}
		}
		if opt.undo != nil {
			if err := opt.undo.take(ctx); err != nil {
				return err
			}
		}
		if p := opt.preview; p != nil {
			w.updating = func(inc *data.Incident) error {
				stored, err := w.stored(inc.ID)
				if err != nil {
					return err
				}
				fields := data.Changes(stored, inc)
				if len(fields) == 0 {
					p.Unchanged++
					return nil
				}
				p.Changed++
				if len(p.Changes) < data.MaxPreviewChanges {
					p.Changes = append(p.Changes, data.IncidentChange{Ref: inc.Ref, Row: w.row, Fields: fields})
				}
				return nil
			}
		}
		maxBefore, err := w.maxID()
		if err != nil {
			return fmt.Errorf("read %s: %w", s.path, err)
		}
		updated := make([]uint64, maxBefore/64+1) // ids of existing incidents this import updated
		existing, err := w.count()
		if err != nil {
			return fmt.Errorf("read %s: %w", s.path, err)
		}
		cache, err := w.cacheSize()
		if err != nil {
			return fmt.Errorf("read %s: %w", s.path, err)
		}
		if err := w.setCacheSize(-importCacheKiB); err != nil {
			return fmt.Errorf("prepare %s: %w", s.path, err)
		}
		// The connection goes back to the pool for reads. Should this
		// fail, it only reads with a smaller cache.
		defer w.setCacheSize(cache)
		// one stores a row on its own, updating an existing incident with
		// its ref and reporting a ref that appears twice in the file. The
		// CSV reader reports those itself, with the rows of both, before
		// they get here (see csvio.Reader.Next); this catches them from
		// any other source.
		one := func(r readRow) error {
			inc := r.inc
			w.row = r.row
			added, err := w.put(inc)
			if err != nil {
				return err
			}
			dup := inc.ID > maxBefore && !added
			if !added && !dup {
				word, bit := inc.ID/64, uint64(1)<<(inc.ID%64)
				dup = updated[word]&bit != 0
				updated[word] |= bit
			}
			switch {
			case dup:
				msg := fmt.Sprintf("ref %q appears more than once in the file; each incident needs its own ref", inc.Ref)
				if rn != nil {
					problems.Add(rn.ErrorAt(r.row, "ref", msg))
				} else {
					problems.Add(&data.RowError{Column: "ref", Message: msg})
				}
			case added:
				res.Added++
			default:
				res.Updated++
			}
			return nil
		}
		// Rows wait in pending to be inserted batchRows at a time; a batch
		// that cannot be inserted as new goes row by row.
		pending := make([]readRow, 0, batchRows)
		flush := func() error {
			if len(pending) == batchRows && problems.Total == 0 {
				ok, err := w.putNew(pending)
				if err != nil {
					return err
				}
				if ok {
					res.Added += len(pending)
					pending = pending[:0]
					return nil
				}
			}
			for _, r := range pending {
				if problems.Total > 0 {
					break // keep checking, stop writing
				}
				if err := one(r); err != nil {
					return err
				}
			}
			pending = pending[:0]
			return nil
		}
		n := 0
		for batch := range rows {
			for _, r := range batch {
				n++
				if w.bulk == nil && n%bulkRows == 0 && int64(n) >= existing && problems.Total == 0 {
					if err := w.startBulk(); err != nil {
						return err
					}
				}
				if n%1000 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
					if progress != nil {
						progress(n)
					}
				}
				if problems.Record(r.err) {
					continue
				}
				if r.err != nil {
					return r.err
				}
				if problems.Total > 0 {
					continue // keep checking, stop writing
				}
				if pending = append(pending, r); len(pending) == batchRows {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if problems.Total > 0 {
			return &problems
		}
		if err := w.finishBulk(); err != nil {
			return err
		}
		// Only an update unlinks sources, so only then can one fall out
		// of use.
		if res.Updated > 0 {
			if err := w.dropUnusedSources(); err != nil {
				return err
			}
		}
		if opt.dry {
			return errDryRun
		}
		if opt.undo != nil {
			// What the database holds once the import commits, for
			// LastImport to tell whether it has changed since.
			if opt.undo.record.State, err = w.state(); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, nil
}
