package sqlite

import (
	"context"
	"errors"
	"fmt"

	"catracker/data"
)

// A large import becomes a bulk load (see startBulk) once it has read
// bulkRows rows and at least as many rows as the database held before:
// from then on, building the indexes and summaries again at the end costs
// less than keeping them up to date row by row. A small import into a
// large database keeps them, since it would pay for rebuilding them all.
const bulkRows = 5_000

// An import's memory outside Go (see memory.go for Go's) is mostly
// SQLite's page cache and, while indexes are rebuilt, its sorter, which fills chunks as large as the page cache (on
// each of its threads) before writing them out. Imports therefore run
// with a smaller cache than reads (see dsn): new rows go to the end of the
// table, so most pages are written once and few are needed at a time; a
// larger cache measured no faster.
const (
	importCacheKiB = 8_000
	indexCacheKiB  = 4_000
)

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

// importRows is Import, DryRun, Preview and ImportUndoable: it reads src
// ahead on a second goroutine (see readAhead) and writes its rows in one
// transaction through an importer.
func (s *Store) importRows(ctx context.Context, src data.RowSource, progress data.Progress, opt importOptions) (data.ImportResult, error) {
	if !opt.dry && opt.undo == nil {
		if err := s.writeCheck(); err != nil {
			return data.ImportResult{}, err
		}
		s.forgetUndo() // undoing the import before would lose this one
	}
	mem := limitMemory()
	defer mem.release()
	rows, stop := readAhead(ctx, src)
	// The reading goroutine has ended before the import returns, whether
	// it succeeds or fails: nothing reads src once its caller has it back.
	defer stop()
	im := &importer{store: s, ctx: ctx, progress: progress, opt: opt, mem: mem}
	im.rn, _ = src.(rowNamer)
	err := s.importTx(ctx, func(w *writer) error {
		im.w = w
		return im.run(rows)
	})
	if errors.Is(err, errDryRun) {
		return im.res, nil
	}
	if err != nil {
		return data.ImportResult{}, err
	}
	return im.res, nil
}

// importer writes the rows of one import inside its transaction. Rows
// wait in pending to be inserted batchRows at a time (see flush); a row
// is stored on its own (see one) when its batch cannot be inserted as
// new. Once a row has a problem, the importer keeps checking the rows
// that follow but writes none.
type importer struct {
	store    *Store
	w        *writer
	ctx      context.Context
	progress data.Progress
	opt      importOptions
	rn       rowNamer // the source's row numbers, when it has them
	mem      *importMemory

	res      data.ImportResult
	problems data.RowErrors
	pending  []readRow

	// maxBefore is the largest incident id before the import: a larger
	// id is an incident the import added. updated has a bit for each
	// existing incident the import has updated, so that a second update
	// of one is a ref that appears twice.
	maxBefore int64
	updated   []uint64
	// existing is how many incidents the database held before; n counts
	// the rows read.
	existing int64
	n        int
	// cacheBefore is the connection's page cache size, set back at the
	// end (see importCacheKiB).
	cacheBefore int64
}

// run writes the rows, then finishes the import.
func (im *importer) run(rows <-chan []readRow) error {
	if err := im.start(); err != nil {
		return err
	}
	// The connection goes back to the pool for reads. Should this fail,
	// it only reads with a smaller cache.
	defer im.w.setCacheSize(im.cacheBefore)
	for batch := range rows {
		for _, r := range batch {
			if err := im.add(r); err != nil {
				return err
			}
		}
	}
	return im.finish()
}

// start prepares the writer: it reports problems to the importer, keeps
// the undo copy and compares updates for a preview when asked, reads what
// the database holds and makes the page cache an import's.
func (im *importer) start() error {
	w, path := im.w, im.store.path
	w.problem = im.problem
	if im.opt.undo != nil {
		if err := im.opt.undo.take(im.ctx); err != nil {
			return err
		}
	}
	if im.opt.preview != nil {
		w.updating = im.compare
	}
	var err error
	if im.maxBefore, err = w.maxID(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	im.updated = make([]uint64, im.maxBefore/64+1)
	if im.existing, err = w.count(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if im.cacheBefore, err = w.cacheSize(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := w.setCacheSize(-importCacheKiB); err != nil {
		return fmt.Errorf("prepare %s: %w", path, err)
	}
	im.pending = make([]readRow, 0, batchRows)
	return nil
}

// problem records a problem of a row in its column: its code (see
// data.RowError) and the message that format and args make.
func (im *importer) problem(row int, column, code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	p := &data.RowError{Column: column, Message: msg}
	if im.rn != nil {
		p = im.rn.ErrorAt(row, column, msg)
	}
	p.Code, p.Args = code, args
	im.problems.Add(p)
}

// compare is the writer's updating hook in a preview: it compares an
// incident about to be updated with the stored one and records the
// change.
func (im *importer) compare(inc *data.Incident) error {
	p := im.opt.preview
	stored, err := im.w.stored(inc.ID)
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
		p.Changes = append(p.Changes, data.IncidentChange{Ref: inc.Ref, Row: im.w.row, Fields: fields})
	}
	return nil
}

// add takes one row read ahead: it counts it, starts a bulk load when the
// import has grown large enough, reports progress and cancellation, and
// queues the row to be written unless it, or a row before it, had a
// problem.
func (im *importer) add(r readRow) error {
	im.n++
	if err := im.maybeBulk(); err != nil {
		return err
	}
	if im.n%1000 == 0 {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		if im.progress != nil {
			im.progress(im.n)
		}
	}
	if im.n%memoryCheckRows == 0 {
		im.mem.follow()
	}
	if im.problems.Record(r.err) {
		return nil
	}
	if r.err != nil {
		return r.err
	}
	if im.problems.Total > 0 {
		return nil // keep checking, stop writing
	}
	if im.pending = append(im.pending, r); len(im.pending) == batchRows {
		return im.flush()
	}
	return nil
}

// maybeBulk starts a bulk load (see bulkRows) once the import has read
// bulkRows rows, and at least as many as the database held, without a
// problem.
func (im *importer) maybeBulk() error {
	if im.w.bulk != nil || im.n%bulkRows != 0 || int64(im.n) < im.existing || im.problems.Total > 0 {
		return nil
	}
	return im.w.startBulk()
}

// flush writes the pending rows: a full batch in one statement when all
// its refs are new, otherwise row by row.
func (im *importer) flush() error {
	if len(im.pending) == batchRows && im.problems.Total == 0 {
		ok, err := im.w.putNew(im.pending)
		if err != nil {
			return err
		}
		if ok {
			im.res.Added += len(im.pending)
			im.pending = im.pending[:0]
			return nil
		}
	}
	for _, r := range im.pending {
		if im.problems.Total > 0 {
			break // keep checking, stop writing
		}
		if err := im.one(r); err != nil {
			return err
		}
	}
	im.pending = im.pending[:0]
	return nil
}

// one stores a row on its own, updating an existing incident with its ref
// and reporting a ref that appears twice in the file. The CSV reader
// reports those itself, with the rows of both, before they get here (see
// csvio.Reader.Next); this catches them from any other source.
func (im *importer) one(r readRow) error {
	inc := r.inc
	im.w.row = r.row
	added, err := im.w.put(inc)
	if err != nil {
		return err
	}
	switch {
	case im.twice(inc, added):
		im.problem(r.row, "ref", "ref.again", "ref %q appears more than once in the file; each incident needs its own ref", inc.Ref)
	case added:
		im.res.Added++
	default:
		im.res.Updated++
	}
	return nil
}

// twice reports whether the incident put has just stored was stored by
// an earlier row of the import too: one it added, or an existing one it
// has updated before.
func (im *importer) twice(inc *data.Incident, added bool) bool {
	if added {
		return false
	}
	if inc.ID > im.maxBefore {
		return true
	}
	word, bit := inc.ID/64, uint64(1)<<(inc.ID%64)
	seen := im.updated[word]&bit != 0
	im.updated[word] |= bit
	return seen
}

// finish writes what waits in queues and, when no row had a problem,
// ends the bulk load, drops the sources that updates left unused and
// records the state an undoable import leaves. A dry run ends in
// errDryRun, which rolls it back.
func (im *importer) finish() error {
	w := im.w
	if err := im.flush(); err != nil {
		return err
	}
	if err := w.flush(); err != nil {
		return err
	}
	if err := im.ctx.Err(); err != nil {
		return err
	}
	if im.problems.Total > 0 {
		return &im.problems
	}
	if err := w.finishBulk(); err != nil {
		return err
	}
	// Only an update unlinks sources, so only then can one fall out of use.
	if im.res.Updated > 0 {
		if err := w.dropUnusedSources(); err != nil {
			return err
		}
	}
	if im.opt.dry {
		return errDryRun
	}
	if u := im.opt.undo; u != nil {
		// What the database holds once the import commits, for LastImport
		// to tell whether it has changed since.
		var err error
		if u.record.State, err = w.state(); err != nil {
			return err
		}
	}
	return nil
}
