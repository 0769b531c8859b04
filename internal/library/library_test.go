package library_test

import (
	"context"
	"path/filepath"
	"testing"

	"catracker/data"
	"catracker/internal/library"
)

func TestDefaultDatabaseIsCreatedFromBundledDataset(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	ctx := context.Background()
	st, err := library.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want, _ := library.DefaultPath()
	if st.Path() != want {
		t.Errorf("path = %s, want %s", st.Path(), want)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Incidents < 30 || stats.Sources < 5 || len(stats.Areas) < 5 {
		t.Errorf("bundled dataset looks incomplete: %+v", stats)
	}
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths, Cumulative: true, Period: data.PerMonth})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Series {
		if s.Code != "TJ" {
			continue
		}
		for i, p := range c.Periods {
			if p.String() == "2022-05" && s.Values[i] != 10 {
				t.Errorf("TJ cumulative deaths in 2022-05 = %d, want 10", s.Values[i])
			}
		}
	}
	// A second open reuses the file rather than importing again.
	st2, err := library.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if s2, _ := st2.Stats(ctx); s2.Incidents != stats.Incidents {
		t.Errorf("second open: %d incidents, want %d", s2.Incidents, stats.Incidents)
	}
}

func TestCreateRefusesMissingParentGracefully(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "a", "b", "c.db")
	st, err := library.Create(ctx, p)
	if err != nil {
		t.Fatalf("Create should make the folders: %v", err)
	}
	st.Close()
}
