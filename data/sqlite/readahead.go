package sqlite

import (
	"errors"
	"io"

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
// than a *data.RowError, which it delivers as the last row. Closing stop
// ends it early.
func readAhead(src data.RowSource, stop <-chan struct{}) <-chan []readRow {
	out := make(chan []readRow, readInFlight)
	rn, _ := src.(rowNamer)
	go func() {
		defer close(out)
		batch := make([]readRow, 0, readBatch)
		for {
			inc, err := src.Next()
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
				select {
				case out <- batch:
				case <-stop:
					return
				}
				batch = make([]readRow, 0, readBatch)
			}
			if last {
				return
			}
		}
	}()
	return out
}
