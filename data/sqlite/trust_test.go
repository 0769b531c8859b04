package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// TestFailedRollbackDiscardsTheConnection: a write transaction fails and
// so does its ROLLBACK. The connection must not go back to the pool still
// inside the transaction, where the next write could not begin (or would
// wait for its lock) and reads would see the failed import's rows.
func TestFailedRollbackDiscardsTheConnection(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	mustImport(t, st, deaths)
	restore := sqlite.FailRollbacks()
	_, err := importCSV(t, st, header+
		"a,2022-03,TJ,death,,1,event,,,,One,O,T,2022-03-05,\n"+
		"a,2022-04,TJ,death,,2,event,,,,Two,O,T,2022-04-05,\n")
	restore()
	var re *data.RowErrors
	if !errors.As(err, &re) {
		t.Fatalf("error = %v, want the duplicate ref reported", err)
	}
	for i := range 3 {
		one := 1
		inc := &data.Incident{Ref: "after-" + string(rune('a'+i)), Date: data.Date{Year: 2024}, Area: data.KG,
			Kind: data.Death, Basis: data.Event, Count: &one, Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
		if err := st.SaveIncident(ctx, inc); err != nil {
			t.Fatalf("write %d after the failed rollback: %v", i, err)
		}
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := 5 + i + 1; stats.Incidents != want {
			t.Errorf("%d incidents after write %d, want %d (the failed import's rows must not show)", stats.Incidents, i, want)
		}
	}
}
