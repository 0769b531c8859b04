package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/internal/library"
)

// writeCSV writes a CSV file in a temporary folder.
func writeCSV(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "incidents.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportOfABadFileListsEveryProblemAndChangesNothing(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	path := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet\n"+
		"t-1,2023-05-01,KG,death,2,Two deaths,Test Outlet\n"+
		"t-2,2023-05-02,KG,death,-3,Bad count,Test Outlet\n"+
		"t-3,2023-13-02,KZ,death,1,Bad date,Test Outlet\n"+
		"t-4,2023-05-04,KZ,death,1,,Test Outlet\n")
	do(func() { h.u.importFile(path) })
	h.waitText("Row 3, column count")
	var text string
	do(func() { text = h.screenText() })
	for _, want := range []string{"The file was not imported", "Nothing was changed", "Row 4, column date",
		"Row 5, column summary", "3 problems"} {
		if !strings.Contains(text, want) {
			t.Errorf("the problem list lacks %q:\n%s", want, text)
		}
	}
	if after := h.stats(); after.Incidents != before.Incidents || after.Sources != before.Sources {
		t.Errorf("the database changed: %d incidents and %d sources, was %d and %d",
			after.Incidents, after.Sources, before.Incidents, before.Sources)
	}
}

func TestImportOfAGoodFileReportsWhatChanged(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	path := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet\n"+
		"t-1,2023-05-01,KG,death,2,Two deaths,Test Outlet\n"+
		"t-2,2023-06-01,KZ,death,1,One death,Test Outlet\n")
	do(func() { h.u.importFile(path) })
	h.tap("Import")
	h.waitText("Import finished")
	h.waitText("2 incidents added, 0 changed")
	if after := h.stats(); after.Incidents != before.Incidents+2 {
		t.Errorf("%d incidents after the import, want %d", after.Incidents, before.Incidents+2)
	}
	h.waitText("Imported incidents.csv")
}

func TestOpeningABadDatabaseKeepsTheCurrentOne(t *testing.T) {
	h := newHarness(t, nil)
	bad := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(bad, []byte("shopping list: bread, milk, tea and a few more things"), 0o644); err != nil {
		t.Fatal(err)
	}
	do(func() { h.u.openDatabase(bad) })
	h.waitText("The database could not be opened")
	h.waitText("is still open")
	if got := h.store().Path(); got != h.path {
		t.Errorf("open database = %s, want %s", got, h.path)
	}
}

func TestAMissingLastDatabaseFallsBackToTheDefault(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	a := test.NewTempApp(t)
	def := filepath.Join(t.TempDir(), "default.db")
	st, err := library.Create(context.Background(), def)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	missing := filepath.Join(t.TempDir(), "moved-away.db")
	a.Preferences().SetString(prefLastDB, missing)
	open := func(ctx context.Context, path string) (data.Store, error) {
		if path == "" {
			path = def
		}
		return openTest(ctx, path)
	}
	ready := make(chan error, 1)
	var u *App
	do(func() { u = New(a, Options{Open: open, Ready: func(_ fyne.Window, err error) { ready <- err }}) })
	if err := <-ready; err != nil {
		t.Fatalf("no chart after falling back: %v", err)
	}
	h := &harness{t: t, u: u}
	h.waitText("There is no database at " + missing + ".")
	h.waitText("The default database was opened instead.")
	do(func() {
		defer u.store.Close()
		if u.store.Path() != def {
			t.Errorf("open database = %s, want the default %s", u.store.Path(), def)
		}
	})
}
