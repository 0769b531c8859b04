package sqlite

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
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
	insertOld(t, st, oldIncident{ref: "a", date: "2023", area: "KG", kind: "death", count: 1, basis: "event"}, "O")
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

// oldIncident is an incident as every schema since the first can hold it.
type oldIncident struct {
	ref, date, area, kind, stage, basis, side, person string
	count                                             int // -1 for unknown
}

// insertOld stores inc with links to sources of the given outlets through
// plain SQL, which works at any schema version (the store's writer knows
// only the newest).
func insertOld(t *testing.T, st *Store, inc oldIncident, outlets ...string) {
	t.Helper()
	d, err := data.ParseDate(inc.date)
	if err != nil {
		t.Fatal(err)
	}
	var count any
	if inc.count >= 0 {
		count = inc.count
	}
	res, err := st.db.Exec(`INSERT INTO incidents (ref, date, eff_date, month, area, kind, stage, count, basis, side, person, summary)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 's')`, inc.ref, inc.date, d.End().Format("2006-01-02"), d.MonthIndex(),
		inc.area, inc.kind, inc.stage, count, inc.basis, inc.side, inc.person)
	if err != nil {
		t.Fatalf("insert %s: %v", inc.ref, err)
	}
	id, _ := res.LastInsertId()
	for i, o := range outlets {
		if _, err := st.db.Exec(`INSERT INTO sources (outlet) VALUES (?) ON CONFLICT DO NOTHING`, o); err != nil {
			t.Fatal(err)
		}
		if _, err := st.db.Exec(`INSERT INTO incident_sources (incident_id, source_id, position)
			SELECT ?, id, ? FROM sources WHERE outlet = ?`, id, i, o); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUpgradeKeepsEverythingAndCountsAsBefore fills a database at schema
// 2 with random deaths and prosecutions, then opens it with every
// migration. Migrations 3 and 4 build the incidents table again, which
// must keep every incident, every link to a source (dropping the old
// table must not cascade to them) and give summaries equal to counting
// afresh. With no group and no estimate, every figure is the one the
// rules gave before groups existed: C = max(E, T) per area and the region
// max(sum of countries, CA's figure).
func TestUpgradeKeepsEverythingAndCountsAsBefore(t *testing.T) {
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
	rng := rand.New(rand.NewPCG(3, 4))
	areas := []string{"KZ", "KG", "TJ", "CA"}
	for i := range 120 {
		inc := oldIncident{ref: fmt.Sprint("r", i), date: fmt.Sprintf("%d-%02d", 2022+rng.IntN(2), 1+rng.IntN(12)),
			area: areas[rng.IntN(len(areas))], kind: "death", basis: []string{"event", "total", "at_least"}[rng.IntN(3)],
			count: rng.IntN(30) - 1, side: []string{"", "russia"}[rng.IntN(2)]}
		if rng.IntN(3) == 0 && inc.area != "CA" {
			inc.kind, inc.stage, inc.person = "prosecution", string(data.Stages[rng.IntN(4)]), fmt.Sprint("p", rng.IntN(8))
		}
		insertOld(t, st, inc, "O", fmt.Sprint("N", rng.IntN(3)))
	}
	links := func(st *Store) int {
		var n int
		if err := st.db.QueryRow("SELECT COUNT(*) FROM incident_sources").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := links(st)
	st.Close()

	migrations = embedded
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	if v := userVersion(t, st); v != SchemaVersion() {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion())
	}
	if n := incidentRows(t, st); n != 120 {
		t.Errorf("%d incidents after the upgrade, want 120", n)
	}
	if n := links(st); n != before {
		t.Errorf("%d links after the upgrade, want %d", n, before)
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
	sameCaseBuckets(t, st, "after the upgrade")

	// Deaths counted as before groups: C = max(E, T) per area from the
	// incidents themselves, and the region max(sum of countries, CA).
	for _, side := range []data.Side{data.SideUnknown, data.Russia} {
		c, err := st.Chart(ctx, data.Filter{Family: data.Deaths, Cumulative: true, Side: side})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]int{}
		for _, s := range c.Series {
			got[s.Code] = s.Values
		}
		sum := make([]int, len(c.Periods)+1)
		var ca []int
		for _, a := range append(append([]data.Area{}, data.Countries...), data.CA) {
			var bs []data.Bucket
			rows, err := st.db.Query(`SELECT month, COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
				COALESCE(MAX(CASE WHEN basis <> 'event' THEN count END), 0) FROM incidents
				WHERE kind = 'death' AND area = ? AND (? = '' OR side = ?) GROUP BY month`, string(a), string(side), string(side))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var b data.Bucket
				if err := rows.Scan(&b.Period, &b.Events, &b.Max); err != nil {
					t.Fatal(err)
				}
				bs = append(bs, b)
			}
			rows.Close()
			cum := data.Cumulative(bs, c.Periods)
			if a == data.CA {
				ca = cum
				continue
			}
			for i := range sum {
				sum[i] += cum[i]
			}
			if fmt.Sprint(got[string(a)]) != fmt.Sprint(cum[1:]) {
				t.Errorf("side %q: %s = %v, before groups %v", side, a, got[string(a)], cum[1:])
			}
		}
		for i := range c.Periods {
			region := max(sum[i+1], ca[i+1])
			if r := got[data.RegionCode]; r != nil && r[i] != region {
				t.Fatalf("side %q: region %d in %s, before groups %d", side, r[i], c.Periods[i], region)
			}
			if u := got[data.UnattributedCode]; u != nil && u[i] != region-sum[i+1] {
				t.Fatalf("side %q: unattributed %d in %s, before groups %d", side, u[i], c.Periods[i], region-sum[i+1])
			}
			if got[data.RegionCode] == nil && region != sum[i+1] {
				t.Fatalf("side %q: no region line although CA's figure %d is above the countries' %d", side, ca[i+1], sum[i+1])
			}
		}
	}
	// The new CHECK constraints still refuse what the old ones did, and
	// take the new basis and groups.
	if _, err := st.db.Exec(`INSERT INTO incidents (ref, date, eff_date, month, area, kind, summary)
		VALUES ('x', '2023', '2023-12-31', 1, 'XX', 'death', 's')`); err == nil {
		t.Error("an unknown area was accepted")
	}
	if _, err := st.db.Exec(`INSERT INTO incidents (ref, date, eff_date, month, area, kind, summary, grp)
		VALUES ('y', '2023', '2023-12-31', 1, 'KG', 'death', 's', 'tourists')`); err == nil {
		t.Error("an unknown group was accepted")
	}
	// Deleting an incident still removes its links.
	var id, n int64
	if err := st.db.QueryRow(`SELECT incident_id, COUNT(*) FROM incident_sources GROUP BY incident_id LIMIT 1`).Scan(&id, &n); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteIncident(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := links(st); int64(got) != int64(before)-n {
		t.Errorf("%d links after deleting an incident with %d, want %d", got, n, int64(before)-n)
	}
}
