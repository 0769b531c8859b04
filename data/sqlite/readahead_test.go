package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"catracker/data"
)

// endless is a row source that never ends. Its row block blocks until
// cancelled is closed, and every later row until release is: so a reader
// that reads on after the import has been cancelled is still inside Next,
// where a stack dump finds it, when the import returns.
type endless struct {
	block     int
	cancelled <-chan struct{}
	release   chan struct{}
	read      atomic.Int64
	after     atomic.Int64 // rows read after row block
}

func (e *endless) Next() (*data.Incident, error) {
	n := int(e.read.Add(1))
	switch {
	case n == e.block:
		<-e.cancelled
	case n > e.block:
		e.after.Add(1)
		<-e.release
	}
	count := 1
	return &data.Incident{Ref: fmt.Sprint("e", n), Date: data.Date{Year: 2023, Month: 1 + n%12}, Area: data.KG,
		Kind: data.Death, Basis: data.Event, Count: &count, Side: data.Russia, Summary: "row",
		Sources: []data.Source{{Outlet: "Outlet", Title: fmt.Sprint("Report ", n%50)}}}, nil
}

// readersRunning counts the goroutines that are inside readAhead's
// reader.
func readersRunning() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "sqlite.(*reader).run") +
				strings.Count(string(buf[:n]), "sqlite.readAhead.func")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// TestReadAheadStopsWhenImportFails cancels an import midway, which makes
// it fail, and checks that the goroutine reading rows ahead has ended
// when Import returns, having read no row after the cancellation: before,
// it read on into another batch behind the caller's back, and ended (if
// ever) only after Import had returned.
func TestReadAheadStopsWhenImportFails(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "stop.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// At row 1000 the writer reports progress, which cancels the import;
	// it notices at row 2000, its next check. The reader blocks at row
	// 2100, in its fifth batch, until then: the writer has the first
	// four.
	src := &endless{block: 2100, cancelled: ctx.Done(), release: make(chan struct{})}
	defer close(src.release)
	progress := func(n int) {
		if n == 1000 {
			cancel()
		}
	}
	before := readersRunning()
	_, err = st.Import(ctx, src, progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import = %v, want it cancelled", err)
	}
	if n := readersRunning() - before; n != 0 {
		t.Errorf("%d read-ahead goroutines still running after the failed import", n)
	}
	if n := src.after.Load(); n != 0 {
		t.Errorf("%d rows read after the import was cancelled", n)
	}
	if n := scalarInt(t, st, "SELECT COUNT(*) FROM incidents"); n != 0 {
		t.Errorf("%d incidents stored by a cancelled import", n)
	}
}
