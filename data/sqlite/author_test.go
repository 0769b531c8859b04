package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
)

// TestImportNeverSilentlyChangesAnAuthor cites one source (one article:
// same outlet, title, date and URL) in several rows. Rows that name no
// author leave it, a row that names one fills in a source without one,
// and a row that names another author than one already given is a
// problem of that row, in column source_author, naming the row that gave
// the other author (or saying the database has it); nothing is written.
// In a small import, and in a bulk load, where new sources wait in a
// queue.
func TestImportNeverSilentlyChangesAnAuthor(t *testing.T) {
	for _, filler := range []int{0, bulkRows} {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "author.db"), Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		file := func(prefix string, authors ...string) string {
			var b strings.Builder
			b.WriteString(importHeader)
			for i := range filler {
				b.WriteString(genRow(fmt.Sprint(prefix, "f", i), i, "filler"))
			}
			for i, author := range authors {
				fmt.Fprintf(&b, "%sa%d,2023-01,KG,policy,,,event,,,,s,Outlet,Title,%s,2023-01,\n", prefix, i, author)
			}
			return b.String()
		}
		author := func() string {
			var n int
			var a string
			if err := st.db.QueryRow("SELECT COUNT(*), COALESCE(MAX(author), '') FROM sources WHERE outlet = 'Outlet'").Scan(&n, &a); err != nil {
				t.Fatal(err)
			}
			if n > 1 {
				t.Errorf("after %d rows: %d sources for one article", filler, n)
			}
			return a
		}

		// Within one file: Bob (data row 5) against Ann (data row 2).
		_, err = importBody(t, st, file("", "", "Ann", "", "Ann", "Bob", "", ""))
		var re *data.RowErrors
		ann, bob := filler+3, filler+6 // file rows count the header as row 1
		if !errors.As(err, &re) || re.Total != 1 || re.List[0].Row != bob || re.List[0].Column != "source_author" ||
			!strings.Contains(re.List[0].Message, fmt.Sprintf("row %d", ann)) ||
			!strings.Contains(re.List[0].Message, `"Ann"`) || !strings.Contains(re.List[0].Message, `"Bob"`) {
			t.Fatalf("after %d rows: error %v, want row %d, column source_author, naming row %d", filler, err, bob, ann)
		}
		if n := scalarInt(t, st, "SELECT COUNT(*) FROM incidents"); n != 0 {
			t.Errorf("after %d rows: %d incidents written by a refused import", filler, n)
		}

		// Agreeing rows: a row with no author does not take Ann's away.
		if _, err := importBody(t, st, file("", "", "Ann", "", "Ann", "", "")); err != nil {
			t.Fatal(err)
		}
		if a := author(); a != "Ann" {
			t.Errorf("after %d rows: author %q, want Ann", filler, a)
		}

		// Against the database: a later import may not turn Ann into Carol.
		_, err = importBody(t, st, file("later-", "", "Carol"))
		if !errors.As(err, &re) || re.Total != 1 || re.List[0].Row != filler+3 || re.List[0].Column != "source_author" ||
			!strings.Contains(re.List[0].Message, `already recorded with the author "Ann"`) {
			t.Fatalf("after %d rows: error %v, want Carol's row refused as the database has Ann", filler, err)
		}
		if a := author(); a != "Ann" {
			t.Errorf("after %d rows: author %q after a refused import, want Ann", filler, a)
		}
	}
}

// TestEditingAnIncidentChangesTheAuthor: a user who edits an incident
// sees its sources' authors and may correct one, which an import may not.
func TestEditingAnIncidentChangesTheAuthor(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "edit.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := importBody(t, st, importHeader+"a,2023-01,KG,policy,,,event,,,,s,Outlet,Title,Ann,2023-01,\n"); err != nil {
		t.Fatal(err)
	}
	inc, err := st.Incident(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	inc.Sources[0].Author = "Anna"
	if err := st.SaveIncident(ctx, inc); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Incident(ctx, 1); got.Sources[0].Author != "Anna" {
		t.Errorf("author after the edit = %q, want Anna", got.Sources[0].Author)
	}
}
