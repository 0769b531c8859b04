package sqlite

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"catracker/data"
)

// withMigrations makes Open see the given migrations for one test.
func withMigrations(t *testing.T, files map[string]string) {
	t.Helper()
	m := fstest.MapFS{}
	for name, body := range files {
		m["migrations/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	old := migrations
	migrations = m
	t.Cleanup(func() { migrations = old })
}

func initialSchema(t *testing.T) string {
	t.Helper()
	b, err := embedded.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// makeV1 creates a database at the first schema version holding one
// incident, closes it and returns its path.
func makeV1(t *testing.T) string {
	t.Helper()
	withMigrations(t, map[string]string{"001_init.sql": initialSchema(t)})
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := Open(context.Background(), path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	one := 1
	if err := st.SaveIncident(context.Background(), &data.Incident{Ref: "a", Date: data.Date{Year: 2023}, Area: data.KG,
		Kind: data.Death, Basis: data.Event, Count: &one, Summary: "s", Sources: []data.Source{{Outlet: "O"}}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path
}

// incidentRows counts the rows of the incidents table, whatever the
// schema version.
func incidentRows(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow("SELECT COUNT(*) FROM incidents").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func userVersion(t *testing.T, st *Store) int {
	t.Helper()
	var v int
	if err := st.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestUpgradeWritesBackupThenMigrates(t *testing.T) {
	path := makeV1(t)
	withMigrations(t, map[string]string{
		"001_init.sql":     initialSchema(t),
		"002_reviewed.sql": "ALTER TABLE incidents ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;",
	})
	st, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	if v := userVersion(t, st); v != 2 {
		t.Errorf("user_version after upgrade = %d, want 2", v)
	}
	if _, err := st.db.Exec("UPDATE incidents SET reviewed = 1"); err != nil {
		t.Errorf("the new column is missing: %v", err)
	}
	if n := incidentRows(t, st); n != 1 {
		t.Errorf("%d incidents after upgrade, want 1", n)
	}

	// The backup is the old version, complete.
	withMigrations(t, map[string]string{"001_init.sql": initialSchema(t)})
	backup, err := Open(context.Background(), path+".v1.bak", Options{})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer backup.Close()
	if v := userVersion(t, backup); v != 1 {
		t.Errorf("backup user_version = %d, want 1", v)
	}
	if n := incidentRows(t, backup); n != 1 {
		t.Errorf("backup holds %d incidents, want 1", n)
	}
}

func TestFailedUpgradeLeavesOriginalIntact(t *testing.T) {
	path := makeV1(t)
	before := sum(t, path)
	withMigrations(t, map[string]string{
		"001_init.sql":   initialSchema(t),
		"002_broken.sql": "ALTER TABLE incidents ADD COLUMN ok INTEGER; ALTER TABLE no_such_table ADD COLUMN x INTEGER;",
	})
	st, err := Open(context.Background(), path, Options{})
	if err == nil {
		st.Close()
		t.Fatal("a broken migration was applied")
	}
	if sum(t, path) != before {
		t.Error("the original database changed although the upgrade failed")
	}
	withMigrations(t, map[string]string{"001_init.sql": initialSchema(t)})
	st, err = Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("the original no longer opens: %v", err)
	}
	defer st.Close()
	if v := userVersion(t, st); v != 1 {
		t.Errorf("user_version = %d after a failed upgrade, want 1", v)
	}
	if _, err := st.db.Exec("SELECT ok FROM incidents"); err == nil {
		t.Error("half of the failed migration was kept")
	}
}

func TestNewerSchemaIsRefusedUnchanged(t *testing.T) {
	path := makeV1(t)
	withMigrations(t, map[string]string{"001_init.sql": initialSchema(t)})
	st, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before := sum(t, path)
	_, err = Open(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer version") || data.ErrorCode(err) != data.EINVALID {
		t.Errorf("error = %v, want a plain 'newer version' message", err)
	}
	if sum(t, path) != before {
		t.Error("the newer database was modified")
	}
}

// TestUpgradeToCaseSummariesKeepsEverything fills a database at schema 2,
// then opens it with every migration: migration 3 builds the incidents
// table again, which must keep every incident, every link to a source
// (dropping the old table must not cascade to them) and give summaries
// equal to counting afresh.
func TestUpgradeToCaseSummariesKeepsEverything(t *testing.T) {
	ctx := context.Background()
	old := map[string]string{}
	for _, name := range []string{"001_init.sql", "002_monthly.sql"} {
		b, err := embedded.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = string(b)
	}
	withMigrations(t, old)
	path := filepath.Join(t.TempDir(), "v2.db")
	st, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	two := 2
	for i, inc := range []data.Incident{
		{Ref: "a", Date: data.Date{Year: 2023, Month: 2}, Area: data.KG, Kind: data.Prosecution, Stage: data.Charge,
			Person: "P", Side: data.Russia, Basis: data.Event, Summary: "s", Sources: []data.Source{{Outlet: "O"}, {Outlet: "N", Title: "t"}}},
		{Ref: "b", Date: data.Date{Year: 2023, Month: 5}, Area: data.KG, Kind: data.Prosecution, Stage: data.Sentence,
			Person: "P", Basis: data.Event, Summary: "s", Sources: []data.Source{{Outlet: "O"}}},
		{Ref: "c", Date: data.Date{Year: 2022, Month: 3}, Area: data.TJ, Kind: data.Death, Basis: data.Event, Count: &two,
			Summary: "s", Sources: []data.Source{{Outlet: "N", Title: "t"}}},
	} {
		if err := st.SaveIncident(ctx, &inc); err != nil {
			t.Fatalf("incident %d: %v", i, err)
		}
	}
	links := func(st *Store) int {
		var n int
		if err := st.db.QueryRow("SELECT COUNT(*) FROM incident_sources").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := links(st); n != 4 {
		t.Fatalf("%d links before the upgrade, want 4", n)
	}
	st.Close()

	withMigrations(t, map[string]string{
		"001_init.sql": old["001_init.sql"], "002_monthly.sql": old["002_monthly.sql"],
		"003_cases.sql": func() string { b, _ := embedded.ReadFile("migrations/003_cases.sql"); return string(b) }(),
	})
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	if v := userVersion(t, st); v != 3 {
		t.Errorf("user_version = %d, want 3", v)
	}
	if n := incidentRows(t, st); n != 3 {
		t.Errorf("%d incidents after the upgrade, want 3", n)
	}
	if n := links(st); n != 4 {
		t.Errorf("%d links after the upgrade, want 4", n)
	}
	var fk, foreignKeys int
	if err := st.db.QueryRow("SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign key check: %d broken (%v)", fk, err)
	}
	if err := st.db.QueryRow("PRAGMA foreign_keys").Scan(&foreignKeys); err != nil || foreignKeys != 1 {
		t.Errorf("foreign keys = %d after the upgrade (%v), want on", foreignKeys, err)
	}
	sameRows(t, "monthly", monthlyRows(t, st, false), monthlyRows(t, st, true))
	sameRows(t, "person_cases", summaryRows(t, st, personCasesQuery), summaryRows(t, st, freshPersonCasesQuery))
	sameRows(t, "case_months", summaryRows(t, st, caseMonthsQuery), summaryRows(t, st, freshCaseMonthsQuery))
	// The new CHECK constraints still refuse what the old ones did.
	if _, err := st.db.Exec(`INSERT INTO incidents (ref, date, eff_date, month, area, kind, summary)
		VALUES ('x', '2023', '2023-12-31', 1, 'XX', 'death', 's')`); err == nil {
		t.Error("an unknown area was accepted")
	}
	// Deleting an incident still removes its links.
	if err := st.DeleteIncident(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if n := links(st); n != 2 {
		t.Errorf("%d links after deleting an incident with two, want 2", n)
	}
}
