package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"

	"catracker/data"
)

// A bulk load into a nearly empty database drops the secondary indexes
// once bulkRows rows have been read and builds them again at the end:
// building an index by sorting writes each page once, while keeping it up
// to date row by row rewrites the same pages many times over. Indexes stay
// in place when the database already holds bulkMaxExisting incidents,
// because updates of existing incidents need them.
const (
	bulkRows        = 50_000
	bulkMaxExisting = 10_000
)

// An import's memory is mostly SQLite's page cache and, while indexes are
// rebuilt, its sorter, which fills chunks as large as the page cache
// before writing them out. Imports therefore run with a smaller cache
// than reads (see dsn): new rows go to the end of the table, so most
// pages are written once and few are needed at a time. Together with the
// bounded map of sources (see maxCachedSources) this keeps an import of a
// million rows near 75 MB, whatever the size of the file.
const (
	importCacheKiB = 16_000
	indexCacheKiB  = 8_000
)

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Import writes every incident of src in one transaction: a ref already in
// the database is updated, a new one inserted. Every row is checked; if any
// is invalid, or a ref appears twice, nothing is written and the returned
// *data.RowErrors lists the problems by row and column.
func (s *Store) Import(ctx context.Context, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	return s.importRows(ctx, src, progress, false)
}

// DryRun checks src exactly as Import does and reports what Import would
// add and update, without changing the database.
func (s *Store) DryRun(ctx context.Context, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	return s.importRows(ctx, src, progress, true)
}

// rowNamer is implemented by sources whose errors name a row.
type rowNamer interface {
	// RowError returns a problem at the current row and the named column.
	RowError(column, message string) *data.RowError
}

func (s *Store) importRows(ctx context.Context, src data.RowSource, progress data.Progress, dry bool) (data.ImportResult, error) {
	var res data.ImportResult
	var problems data.RowErrors
	err := s.writeTx(ctx, func(w *writer) error {
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
		var deferred []string // index definitions dropped for a bulk load
		for n := 1; ; n++ {
			if n == bulkRows && existing < bulkMaxExisting && problems.Total == 0 {
				if deferred, err = w.dropIndexes(); err != nil {
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
			inc, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *data.RowError
			if errors.As(err, &re) {
				problems.Add(re)
				continue
			}
			if err != nil {
				return err
			}
			if problems.Total > 0 {
				continue // keep checking, stop writing
			}
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
			if dup {
				msg := fmt.Sprintf("ref %q appears more than once in the file; each incident needs its own ref", inc.Ref)
				if rn, ok := src.(rowNamer); ok {
					problems.Add(rn.RowError("ref", msg))
				} else {
					problems.Add(&data.RowError{Column: "ref", Message: msg})
				}
				continue
			}
			if added {
				res.Added++
			} else {
				res.Updated++
			}
		}
		if problems.Total > 0 {
			return &problems
		}
		if err := w.createIndexes(deferred); err != nil {
			return err
		}
		if err := w.dropUnusedSources(); err != nil {
			return err
		}
		if dry {
			return errDryRun
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
