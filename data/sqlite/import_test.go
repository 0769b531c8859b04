package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
)

const importHeader = "ref,date,area,kind,stage,count,basis,channel,side,person,summary,source_outlet,source_title,source_author,source_date,cited_as\n"

// genRow is the CSV row of incident i: kinds, areas, stages, sides and
// persons vary with i, and sources come from a pool of 500 shared by many
// rows, some with two sources.
func genRow(ref string, i int, summary string) string {
	kinds := []string{"death", "prosecution", "recruitment", "death", "prosecution", "policy"}
	areas := []string{"KZ", "KG", "TJ", "UZ", "TM", "CA", "RU"}
	kind := kinds[i%len(kinds)]
	stage, channel, person, count, basis := "", "", "", "", "event"
	switch kind {
	case "prosecution":
		stage = string(data.Stages[i%4])
		if i%3 > 0 {
			person = fmt.Sprint("Person ", i%97)
		}
	case "recruitment":
		channel = string(data.Channels[i%len(data.Channels)].Code)
	case "death":
		count = fmt.Sprint(i % 5)
		if i%11 == 0 {
			basis = "total"
		}
	}
	side := []string{"", "russia", "ukraine"}[i%3]
	date := fmt.Sprintf("%d-%02d-%02d", 2022+i%3, 1+i%12, 1+i%28)
	outlet, title, published, author := fmt.Sprint("Outlet ", i%7), fmt.Sprint("Report ", i%500), date[:7], ""
	if i%5 == 0 {
		outlet, title, published, author = outlet+" | Second", title+" | Other", published+" | 2024", " | "
	}
	area := areas[i%len(areas)]
	if area == "RU" && (kind == "death" || kind == "prosecution") {
		area = "CA" // RU holds only Russian measures
	}
	return strings.Join([]string{ref, date, area, kind, stage, count, basis, channel, side, person,
		summary, outlet, title, author, published, ""}, ",") + "\n"
}

func importBody(t *testing.T, st *Store, body string) (data.ImportResult, error) {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(body), "test.csv")
	if err != nil {
		t.Fatal(err)
	}
	return st.Import(context.Background(), r, nil)
}

// schemaObjects lists the names of the indexes and triggers.
func schemaObjects(t *testing.T, st *Store) []string {
	t.Helper()
	rows, err := st.db.Query(`SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// checkSound checks what every import must leave: a sound file, every
// link pointing at an incident and a source, every index and trigger in
// place and summaries equal to counting afresh.
func checkSound(t *testing.T, st *Store, objects []string) {
	t.Helper()
	if res, err := st.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity check: %q, %v", res, err)
	}
	var broken int
	if err := st.db.QueryRow("SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&broken); err != nil || broken != 0 {
		t.Fatalf("%d broken references (%v)", broken, err)
	}
	if got := schemaObjects(t, st); !slices.Equal(got, objects) {
		t.Fatalf("indexes and triggers after the import:\n %v\nwant\n %v", got, objects)
	}
	sameRows(t, "monthly", monthlyRows(t, st, false), monthlyRows(t, st, true))
	sameRows(t, "person_cases", summaryRows(t, st, personCasesQuery), summaryRows(t, st, freshPersonCasesQuery))
	sameRows(t, "case_months", summaryRows(t, st, caseMonthsQuery), summaryRows(t, st, freshCaseMonthsQuery))
	sameCaseBuckets(t, st, "after import")
}

func scalarInt(t *testing.T, st *Store, q string) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBulkImport imports more rows than bulkRows, so that the import
// drops indexes and triggers and builds them again, sums the monthly
// summary in memory and writes most rows and sources in batches: into a
// new database, and into one that holds incidents the file updates after
// the bulk load has begun (so the monthly sums go stale) and sources the
// file cites again.
func TestBulkImport(t *testing.T) {
	const n = bulkRows + 1234
	for _, existing := range []int{0, 300} {
		t.Run(fmt.Sprint("existing=", existing), func(t *testing.T) {
			st, err := Open(context.Background(), filepath.Join(t.TempDir(), "bulk.db"), Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			objects := schemaObjects(t, st)
			if existing > 0 {
				var b strings.Builder
				b.WriteString(importHeader)
				for i := n - existing; i < n; i++ {
					b.WriteString(genRow(fmt.Sprint("g", i), i+1, "old"))
				}
				if _, err := importBody(t, st, b.String()); err != nil {
					t.Fatal(err)
				}
			}
			var b strings.Builder
			b.WriteString(importHeader)
			links := 0
			for i := range n {
				b.WriteString(genRow(fmt.Sprint("g", i), i, fmt.Sprint("Incident ", i)))
				links++
				if i%5 == 0 {
					links++
				}
			}
			res, err := importBody(t, st, b.String())
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != n-existing || res.Updated != existing {
				t.Errorf("import = %+v, want %d added, %d updated", res, n-existing, existing)
			}
			checkBulk(t, st, objects, n, links)
		})
	}
}

func checkBulk(t *testing.T, st *Store, objects []string, n, links int) {
	t.Helper()
	checkSound(t, st, objects)
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM incidents"); got != n {
		t.Errorf("%d incidents, want %d", got, n)
	}
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM incident_sources"); got != links {
		t.Errorf("%d links, want %d", got, links)
	}
	want := scalarInt(t, st, `SELECT COUNT(*) FROM (SELECT DISTINCT outlet, title, published FROM sources)`)
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources"); got != want {
		t.Errorf("%d sources, %d of them distinct", got, want)
	}
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources WHERE id NOT IN (SELECT source_id FROM incident_sources)"); got != 0 {
		t.Errorf("%d sources cited by no incident", got)
	}
	// Every incident kept its own values and its sources in order.
	for _, i := range []int{0, 1, 63, 64, 4999, bulkRows - 1, bulkRows, n - 1} {
		var summary, outlets string
		err := st.db.QueryRow(`SELECT i.summary, group_concat(s.outlet || '/' || s.title, ';' ORDER BY l.position)
			FROM incidents i JOIN incident_sources l ON l.incident_id = i.id JOIN sources s ON s.id = l.source_id
			WHERE i.ref = ? GROUP BY i.id`, fmt.Sprint("g", i)).Scan(&summary, &outlets)
		if err != nil {
			t.Fatalf("incident g%d: %v", i, err)
		}
		wantOutlets := fmt.Sprintf("Outlet %d/Report %d", i%7, i%500)
		if i%5 == 0 {
			wantOutlets += ";Second/Other"
		}
		if summary != fmt.Sprint("Incident ", i) || outlets != wantOutlets {
			t.Errorf("incident g%d = %q, %q; want %q, %q", i, summary, outlets, fmt.Sprint("Incident ", i), wantOutlets)
		}
	}
}

// TestImportUpdatesAmongNewRows imports a file whose refs are partly in
// the database already: batches holding one of them go row by row, and
// every row is either added or updates its incident.
func TestImportUpdatesAmongNewRows(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "mixed.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	objects := schemaObjects(t, st)
	var first strings.Builder
	first.WriteString(importHeader)
	for i := 0; i < 1000; i += 7 { // 143 incidents, scattered over the second file
		first.WriteString(genRow(fmt.Sprint("m", i), i, "old"))
	}
	if _, err := importBody(t, st, first.String()); err != nil {
		t.Fatal(err)
	}
	var second strings.Builder
	second.WriteString(importHeader)
	for i := range 1000 {
		second.WriteString(genRow(fmt.Sprint("m", i), i+1, "new"))
	}
	res, err := importBody(t, st, second.String())
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 857 || res.Updated != 143 {
		t.Errorf("import = %+v, want 857 added, 143 updated", res)
	}
	checkSound(t, st, objects)
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM incidents WHERE summary = 'new'"); got != 1000 {
		t.Errorf("%d incidents carry the new summary, want 1000", got)
	}
	if got := scalarInt(t, st, "SELECT COUNT(DISTINCT ref) FROM incidents"); got != 1000 {
		t.Errorf("%d refs, want 1000", got)
	}
}

// TestDuplicateRefInLaterBatch repeats a ref 140 rows after its first
// appearance, in another batch: the import names the second row and
// writes nothing.
func TestDuplicateRefInLaterBatch(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "dup.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	b.WriteString(importHeader)
	for i := range 300 {
		ref := fmt.Sprint("d", i)
		if i == 150 {
			ref = "d10"
		}
		b.WriteString(genRow(ref, i, "s"))
	}
	_, err = importBody(t, st, b.String())
	var re *data.RowErrors
	if !errors.As(err, &re) || re.Total != 1 {
		t.Fatalf("import error = %v, want one row error", err)
	}
	// The header is row 1, so record 150 is row 152.
	if got := re.List[0]; got.Row != 152 || got.Column != "ref" || !strings.Contains(got.Message, `"d10"`) {
		t.Errorf("error = %q, want row 152, column ref, naming d10", got.Error())
	}
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM incidents"); got != 0 {
		t.Errorf("%d incidents written by a failed import", got)
	}
}

// TestSingleUserDatabaseTurnsWAL creates a database for a single user,
// which keeps the rollback journal through its first import, and checks
// that the next Open switches it to WAL with everything in it.
func TestSingleUserDatabaseTurnsWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "single.db")
	mode := func(st *Store) string {
		var m string
		if err := st.db.QueryRow("PRAGMA journal_mode").Scan(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	st, err := Open(ctx, path, Options{Create: true, SingleUser: true})
	if err != nil {
		t.Fatal(err)
	}
	if m := mode(st); m != "delete" {
		t.Errorf("journal mode of a new single-user database = %q, want delete", m)
	}
	var b strings.Builder
	b.WriteString(importHeader)
	for i := range bulkRows + 100 {
		b.WriteString(genRow(fmt.Sprint("s", i), i, "s"))
	}
	if _, err := importBody(t, st, b.String()); err != nil {
		t.Fatal(err)
	}
	objects := schemaObjects(t, st)
	st.Close()
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m := mode(st); m != "wal" {
		t.Errorf("journal mode after reopening = %q, want wal", m)
	}
	checkSound(t, st, objects)
	if n := scalarInt(t, st, "SELECT COUNT(*) FROM incidents"); n != bulkRows+100 {
		t.Errorf("%d incidents, want %d", n, bulkRows+100)
	}
}
