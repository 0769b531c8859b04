package sqlite

import (
	"context"
	"errors"
	"io"
	"sync"

	"catracker/data"
)

// An import reads and checks its rows on one goroutine while it writes
// them on another, so that parsing the file (a third of the work) runs on
// a second core. Rows travel in batches to keep the cost of the channel
// small, and only a few batches are in flight so memory stays bounded.
const (
	readBatch    = 512
	readInFlight = 4
)

// readRow is one row read ahead: an incident and its values for the
// insert statements (see incidentValues), or the error reading it.
type readRow struct {
	inc  *data.Incident
	vals []any
	err  error
	row  int // the source's row number, when it has them
}

// rowNamer is implemented by sources whose rows have numbers, such as the
// CSV reader, so that a problem found while writing can name its row.
type rowNamer interface {
	// Row is the number of the row last read.
	Row() int
	// ErrorAt returns a problem at the given row and column.
	ErrorAt(row int, column, message string) *data.RowError
}

// readAhead reads src on its own goroutine until io.EOF or an error other
// than a *data.RowError, which it delivers as the last row. It stops
// early, before reading another row, once ctx is done or stop is called.
// stop returns only when the goroutine has ended, so that the caller can
// let src go: a failed import returns without anything reading src
// behind its back. It waits for a call of src.Next under way to return,
// which for the files imports read is a moment.
func readAhead(ctx context.Context, src data.RowSource) (rows <-chan []readRow, stop func()) {
	out := make(chan []readRow, readInFlight)
	quit := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		defer close(out)
		(&reader{src: src, out: out, quit: quit, done: ctx.Done()}).run()
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() { close(quit) })
		<-ended
	}
}

// reader is readAhead's goroutine.
type reader struct {
	src  data.RowSource
	out  chan<- []readRow
	quit <-chan struct{} // closed by stop
	done <-chan struct{} // the import's context's
}

// run reads rows into batches and sends them until the end of src, an
// error that ends it, or until it is told to stop.
func (rd *reader) run() {
	rn, _ := rd.src.(rowNamer)
	batch := make([]readRow, 0, readBatch)
	for !rd.stopped() {
		inc, err := rd.src.Next()
		r := readRow{inc: inc, err: err}
		if err == nil {
			r.vals = incidentValues(inc)
		}
		if rn != nil {
			r.row = rn.Row()
		}
		var re *data.RowError
		last := err != nil && !errors.As(err, &re)
		if !errors.Is(err, io.EOF) {
			batch = append(batch, r)
		}
		if len(batch) == readBatch || last {
			if !rd.send(batch) {
				return
			}
			batch = make([]readRow, 0, readBatch)
		}
		if last {
			return
		}
	}
}

// stopped reports whether the reader has been told to stop.
func (rd *reader) stopped() bool {
	select {
	case <-rd.quit:
		return true
	case <-rd.done:
		return true
	default:
		return false
	}
}

// send delivers a batch; it reports false when the reader was told to
// stop instead.
func (rd *reader) send(batch []readRow) bool {
	select {
	case rd.out <- batch:
		return true
	case <-rd.quit:
		return false
	case <-rd.done:
		return false
	}
}
