package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
)

// failingStore is a database whose charts cannot be read: the export
// fails after the file was chosen.
type failingStore struct{ data.Store }

func (failingStore) Chart(context.Context, data.Filter) (*data.Chart, error) {
	return nil, errors.New("the disk went away")
}

// namedStore is the database under another file name.
type namedStore struct {
	data.Store
	path string
}

func (s namedStore) Path() string { return s.path }

// exportTo saves the open export dialog's chart as name in dir, replacing
// an existing file if asked, and returns the export's error.
func exportTo(t *testing.T, e *exporter, dir, name string) error {
	t.Helper()
	done := make(chan error, 1)
	do(func() {
		e.done = func(_ string, err error) { done <- err }
		e.setFolder(dir)
		e.name.SetText(name)
		e.replace = nil
		test.Tap(e.save)
		if e.replace != nil {
			e.replace.Confirm()
		}
	})
	return <-done
}

// Replacing a file from the export dialog, when the export then fails,
// leaves the old file as it was, byte for byte and with its mode; a name
// with another extension gets the format's extension, and the file under
// the bare name is not touched.
func TestFailedExportOverAFileKeepsIt(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	old := []byte("period,series_code,series,value\n2022-03,TJ,Tajikistan,4\n")
	report := filepath.Join(dir, "chart.csv")
	bare := filepath.Join(dir, "chart.old")
	for _, p := range []string{report, bare} {
		if err := os.WriteFile(p, old, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	var e *exporter
	do(func() { e = h.u.showExport("csv") })
	h.waitFor("the chart", func() bool { return e.chart != nil })
	do(func() { e.store = failingStore{e.store} })

	if err := exportTo(t, e, dir, "chart.csv"); err == nil {
		t.Fatal("the export did not fail")
	}
	if e.replace == nil {
		t.Error("the app did not ask before replacing chart.csv")
	}
	if err := exportTo(t, e, dir, "chart.old"); err == nil {
		t.Fatal("the export did not fail")
	}
	for _, p := range []string{report, bare} {
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, old) {
			t.Errorf("%s now holds %q (%v)", filepath.Base(p), got, err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v (%v)", filepath.Base(p), fi.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, de := range entries {
			names = append(names, de.Name())
		}
		t.Errorf("the folder holds %v, want only chart.csv and chart.old", names)
	}
}

// The export dialog refuses, with a message in the app's language, the
// open database, a symbolic link and a folder, and replaces a file only
// once the new one is complete.
func TestExportDialogRefusesTargetsAndReplacesAtomically(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A database whose name ends in .csv, as a database can be named.
	db := filepath.Join(dir, "incidents.csv")
	if err := os.WriteFile(db, []byte("SQLite format 3\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	var e *exporter
	do(func() { e = h.u.showExport("csv") })
	h.waitFor("the chart", func() bool { return e.chart != nil })
	do(func() { e.store = namedStore{e.store, db} })
	for _, c := range []struct{ dir, name, says string }{
		{dir, "incidents.csv", "is the open database"},
		{dir, "incidents", "is the open database"},
		{dir, "link.csv", "is a shortcut (symbolic link)"},
		{dir, "sub.csv", "is a folder"},
		{dir, "../x.csv", "without a folder"},
	} {
		if err := exportTo(t, e, c.dir, c.name); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("export to %s: %v, want an error saying %q", c.name, err, c.says)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "SQLite format 3\x00" {
		t.Error("the database was overwritten")
	}
	if err := exportTo(t, e, dir, "real.csv"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if !bytes.HasPrefix(got, []byte("period,series_code")) || fi.Mode().Perm() != 0o600 {
		t.Errorf("real.csv: mode %v, %q", fi.Mode().Perm(), got)
	}
	if l, err := os.Lstat(filepath.Join(dir, "link.csv")); err != nil || l.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced (%v)", err)
	}
}
