package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
)

// dump is every incident of the database with its sources, as CSV lines.
func dump(t *testing.T, st *sqlite.Store) string {
	t.Helper()
	var b strings.Builder
	if err := st.EachIncident(context.Background(), func(inc *data.Incident) error {
		b.WriteString(strings.Join(csvio.Record(inc), ",") + "\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func reader(t *testing.T, body string) *csvio.Reader {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(body), "test.csv")
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	return r
}

const previewBase = header +
	"kg-1,2022-03,KG,death,,2,event,,,,Two burials,Radio Azattyk,Burials,2022-03-30,\n" +
	"kg-2,2022-04,KG,death,,1,event,,,,One burial,Radio Azattyk,Burial,2022-04-30,\n" +
	"tj-1,2022-05,TJ,death,,10,total,,,,Ten in total,Asia-Plus,Ten,2022-05-31,\n"

func TestPreviewSaysWhatWouldChangeAndWritesNothing(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, previewBase)
	before := dump(t, st)
	p, err := st.Preview(context.Background(), reader(t, header+
		"kg-1,2022-03,KG,death,,3,event,,,,Three burials,Radio Azattyk,Burials,2022-03-30,\n"+ // count, summary
		"kg-2,2022-04,KG,death,,1,event,,,,One burial,Radio Azattyk,Burial,2022-04-30,\n"+ // unchanged
		"tj-1,2022-05,TJ,death,,10,total,,,,Ten in total,Asia-Plus | Eurasianet,Ten | Also ten,2022-05-31 | 2022-06-01,\n"+
		"uz-1,2022-06,UZ,death,,1,event,,,,New,Gazeta.uz,New,2022-06-30,\n"+
		"uz-2,2022-07,UZ,death,,1,event,,,,New too,Gazeta.uz,New too,2022-07-30,\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Added != 2 || p.Changed != 2 || p.Unchanged != 1 || p.Rows() != 5 {
		t.Errorf("preview = %d added, %d changed, %d unchanged; want 2, 2, 1", p.Added, p.Changed, p.Unchanged)
	}
	got := fmt.Sprint(p.Changes)
	want := "[{kg-1 2 [{count 2 3} {summary Two burials Three burials}]} " +
		"{tj-1 4 [{source_outlet Asia-Plus Asia-Plus | Eurasianet} {source_title Ten Ten | Also ten} " +
		"{source_date 2022-05-31 2022-05-31 | 2022-06-01}]}]"
	if got != want {
		t.Errorf("changes =\n%s\nwant\n%s", got, want)
	}
	if after := dump(t, st); after != before {
		t.Errorf("the preview changed the database:\n%s\nwas\n%s", after, before)
	}
	if li, err := st.LastImport(context.Background()); err != nil || li != nil {
		t.Errorf("a preview left an import to undo: %+v, %v", li, err)
	}
}

func TestPreviewListsABoundedNumberOfChanges(t *testing.T) {
	st := newStore(t)
	var base, next strings.Builder
	base.WriteString(header)
	next.WriteString(header)
	const n = data.MaxPreviewChanges + 57
	for i := range n {
		fmt.Fprintf(&base, "r-%d,2022-03,KG,death,,1,event,,,,Old,Outlet,T%d,,\n", i, i)
		fmt.Fprintf(&next, "r-%d,2022-03,KG,death,,2,event,,,,Old,Outlet,T%d,,\n", i, i)
	}
	mustImport(t, st, base.String())
	p, err := st.Preview(context.Background(), reader(t, next.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Changed != n || len(p.Changes) != data.MaxPreviewChanges || p.Added != 0 {
		t.Errorf("preview of %d changes: Changed %d, %d listed, %d added; want %d listed",
			n, p.Changed, len(p.Changes), p.Added, data.MaxPreviewChanges)
	}
}

func TestPreviewFindsTheProblemsImportFinds(t *testing.T) {
	st := newStore(t)
	_, err := st.Preview(context.Background(), reader(t, header+
		"a-1,2022-03,KG,death,,-2,event,,,,Bad count,Outlet,T,,\n"+
		"a-2,2022-13,KG,death,,1,event,,,,Bad date,Outlet,T,,\n"), nil)
	var problems *data.RowErrors
	if !errors.As(err, &problems) || problems.Total != 2 {
		t.Fatalf("preview of a bad file: %v, want 2 problems", err)
	}
}

// undoFiles lists which of the database's undo files exist.
func undoFiles(st *sqlite.Store) []string {
	var out []string
	for _, suffix := range []string{".before-import", ".before-import.json", ".before-import.new"} {
		if _, err := os.Stat(st.Path() + suffix); err == nil {
			out = append(out, suffix)
		}
	}
	return out
}

func importUndoable(t *testing.T, ctx context.Context, st *sqlite.Store, body string) (data.ImportResult, error) {
	t.Helper()
	return st.ImportUndoable(ctx, "changes.csv", reader(t, body), nil)
}

const previewNext = header +
	"kg-1,2022-03,KG,death,,3,event,,,,Three burials,Radio Azattyk,Burials,2022-03-30,\n" +
	"uz-1,2022-06,UZ,death,,1,event,,,,New,Gazeta.uz,New,2022-06-30,\n"

func TestUndoPutsBackTheDatabaseBeforeTheImport(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	mustImport(t, st, previewBase)
	before := dump(t, st)
	res, err := importUndoable(t, ctx, st, previewNext)
	if err != nil || res.Added != 1 || res.Updated != 1 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	if dump(t, st) == before {
		t.Fatal("the import changed nothing")
	}
	li, err := st.LastImport(ctx)
	if err != nil || li == nil || li.File != "changes.csv" || li.Added != 1 || li.Updated != 1 || li.At.IsZero() {
		t.Fatalf("last import = %+v, %v", li, err)
	}
	if err := st.UndoImport(ctx); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st); after != before {
		t.Errorf("after undo:\n%s\nwant\n%s", after, before)
	}
	if s, err := st.Stats(ctx); err != nil || s.Incidents != 3 {
		t.Errorf("stats after undo: %+v, %v", s, err)
	}
	if v, err := st.IntegrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity after undo: %s, %v", v, err)
	}
	if li, err := st.LastImport(ctx); err != nil || li != nil {
		t.Errorf("an undone import can be undone again: %+v, %v", li, err)
	}
	if files := undoFiles(st); len(files) > 0 {
		t.Errorf("left after undo: %v", files)
	}
	if err := st.UndoImport(ctx); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("a second undo: %v, want ENOTFOUND", err)
	}
	// The restored database is a working one.
	mustImport(t, st, previewNext)
}

func TestOnlyTheLastImportIsUndone(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := importUndoable(t, ctx, st, previewBase); err != nil {
		t.Fatal(err)
	}
	between := dump(t, st)
	if _, err := importUndoable(t, ctx, st, previewNext); err != nil {
		t.Fatal(err)
	}
	if err := st.UndoImport(ctx); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st); after != between {
		t.Errorf("undo went back to:\n%s\nwant the database between the imports:\n%s", after, between)
	}
}

func TestAChangeAfterTheImportEndsUndo(t *testing.T) {
	ctx := context.Background()
	edits := map[string]func(t *testing.T, st *sqlite.Store){
		"save": func(t *testing.T, st *sqlite.Store) {
			inc, err := st.Incidents(ctx, data.IncidentQuery{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			full, err := st.Incident(ctx, inc[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			full.Summary = "Edited after the import"
			if err := st.SaveIncident(ctx, full); err != nil {
				t.Fatal(err)
			}
		},
		"delete": func(t *testing.T, st *sqlite.Store) {
			inc, err := st.Incidents(ctx, data.IncidentQuery{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.DeleteIncident(ctx, inc[0].ID); err != nil {
				t.Fatal(err)
			}
		},
		"import without a copy": func(t *testing.T, st *sqlite.Store) {
			mustImport(t, st, header+"kz-1,2022-08,KZ,death,,1,event,,,,More,Vlast,More,,\n")
		},
		"another program": func(t *testing.T, st *sqlite.Store) {
			db, err := sql.Open("sqlite3", st.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`UPDATE incidents SET count = count + 5 WHERE ref = 'kg-1'`); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			st := newStore(t)
			mustImport(t, st, previewBase)
			if _, err := importUndoable(t, ctx, st, previewNext); err != nil {
				t.Fatal(err)
			}
			edit(t, st)
			edited := dump(t, st)
			if li, err := st.LastImport(ctx); err != nil || li != nil {
				t.Errorf("undo still offered after the change: %+v, %v", li, err)
			}
			if err := st.UndoImport(ctx); err == nil {
				t.Error("undo after a change succeeded")
			}
			if after := dump(t, st); after != edited {
				t.Errorf("a refused undo changed the database:\n%s\nwas\n%s", after, edited)
			}
		})
	}
}

func TestACancelledImportWritesNothingAndKeepsTheUndoBefore(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	mustImport(t, st, previewBase)
	original := dump(t, st)
	if _, err := importUndoable(t, ctx, st, previewNext); err != nil {
		t.Fatal(err)
	}
	imported := dump(t, st)
	var big strings.Builder
	big.WriteString(header)
	for i := range 5000 {
		fmt.Fprintf(&big, "big-%d,2022-03,KG,death,,1,event,,,,Row,Outlet,T%d,,\n", i, i)
	}
	cancelled, cancel := context.WithCancel(ctx)
	progress := func(rows int) { cancel() } // cancel once the import has started writing
	_, err := st.ImportUndoable(cancelled, "big.csv", reader(t, big.String()), progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	if after := dump(t, st); after != imported {
		t.Error("a cancelled import changed the database")
	}
	if files := undoFiles(st); strings.Join(files, " ") != ".before-import .before-import.json" {
		t.Errorf("undo files after a cancelled import: %v", files)
	}
	li, err := st.LastImport(ctx)
	if err != nil || li == nil || li.File != "changes.csv" {
		t.Fatalf("last import after a cancelled one = %+v, %v", li, err)
	}
	if err := st.UndoImport(ctx); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st); after != original {
		t.Error("undo after a cancelled import did not restore the database before the last finished one")
	}
}
