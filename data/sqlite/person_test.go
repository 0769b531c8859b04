package sqlite

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"catracker/data"
)

// spellings are prosecution records of two persons, each written several
// ways: by case, by white space, in Latin and in Cyrillic letters. They
// are two cases in Kyrgyzstan.
var spellings = []oldIncident{
	{ref: "p1", date: "2023-01", area: "KG", kind: "prosecution", stage: "investigation", basis: "event", count: -1, person: "Ivan Petrov"},
	{ref: "p2", date: "2023-02", area: "KG", kind: "prosecution", stage: "charge", basis: "event", count: -1, person: "IVAN PETROV"},
	{ref: "p3", date: "2023-03", area: "KG", kind: "prosecution", stage: "sentence", basis: "event", count: -1, person: "ivan  petrov"},
	{ref: "p4", date: "2023-01", area: "KG", kind: "prosecution", stage: "detention", basis: "event", count: -1, person: "Иван"},
	{ref: "p5", date: "2023-04", area: "KG", kind: "prosecution", stage: "sentence", basis: "event", count: -1, person: "ИВАН"},
}

// spellingRows is spellings as CSV rows, after n rows of deaths in
// Tajikistan that leave Kyrgyz prosecutions alone.
func spellingRows(n int) string {
	var b strings.Builder
	b.WriteString("ref,date,area,kind,stage,count,person,summary,source_outlet\n")
	for i := range n {
		fmt.Fprintf(&b, "f%d,2022-01,TJ,death,,1,,Filler,O\n", i)
	}
	for _, s := range spellings {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,,%q,Summary,O\n", s.ref, s.date, s.area, s.kind, s.stage, s.person)
	}
	return b.String()
}

// kgCases returns the Kyrgyz prosecution cases by the end of 2023, as the
// chart of cases and the chart by latest stage count them.
func kgCases(t *testing.T, st *Store) (cases, byStage int) {
	t.Helper()
	ctx := context.Background()
	areas := []data.Area{data.KG}
	c, err := st.Chart(ctx, data.Filter{Family: data.Prosecutions, Areas: areas, Cumulative: true, Period: data.PerYear})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Series {
		if s.Code == "KG" {
			cases = s.Values[len(s.Values)-1]
		}
	}
	c, err = st.Chart(ctx, data.Filter{Family: data.Prosecutions, Areas: areas, LatestStage: true, Period: data.PerYear})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Series {
		if slices.Contains(data.Stages, data.Stage(s.Code)) {
			byStage += s.Values[len(s.Values)-1]
		}
	}
	return cases, byStage
}

// TestPersonsCompareCaseInsensitively: "Ivan Petrov", "IVAN PETROV" and
// "ivan  petrov" are one case, and "Иван" and "ИВАН" another, whether
// the records come row by row (the summaries' triggers), in a bulk load
// (the summaries built again at its end) or one at a time from the
// editor, and after one is edited.
func TestPersonsCompareCaseInsensitively(t *testing.T) {
	ctx := context.Background()
	for _, filler := range []int{0, bulkRows} {
		st, err := Open(ctx, filepath.Join(t.TempDir(), "persons.db"), Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := importBody(t, st, spellingRows(filler)); err != nil {
			t.Fatal(err)
		}
		if cases, byStage := kgCases(t, st); cases != 2 || byStage != 2 {
			t.Errorf("import of %d rows: %d cases, %d by latest stage; want 2", filler+len(spellings), cases, byStage)
		}
		sameRows(t, "person_cases", summaryRows(t, st, personCasesQuery), summaryRows(t, st, freshPersonCasesQuery))
	}

	st, err := Open(ctx, filepath.Join(t.TempDir(), "edits.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range spellings {
		d, _ := data.ParseDate(s.date)
		inc := &data.Incident{Ref: s.ref, Date: d, Area: data.Area(s.area), Kind: data.Kind(s.kind), Stage: data.Stage(s.stage),
			Basis: data.Event, Person: s.person, Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
		if err := st.SaveIncident(ctx, inc); err != nil {
			t.Fatal(err)
		}
	}
	if cases, byStage := kgCases(t, st); cases != 2 || byStage != 2 {
		t.Errorf("saved one by one: %d cases, %d by latest stage; want 2", cases, byStage)
	}
	inc, err := st.Incident(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	inc.Person = "иван"
	if err := st.SaveIncident(ctx, inc); err != nil {
		t.Fatal(err)
	}
	if cases, _ := kgCases(t, st); cases != 2 {
		t.Errorf("after an edit of the spelling: %d cases, want 2", cases)
	}
	sameRows(t, "person_cases", summaryRows(t, st, personCasesQuery), summaryRows(t, st, freshPersonCasesQuery))
	persons, err := st.Persons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(persons, "|"); got != "IVAN PETROV|Ivan Petrov|ivan  petrov|Иван|иван" {
		t.Errorf("persons = %q, want every spelling, one person's together", got)
	}
}

// TestUpgradeGroupsPersonsByKey: a database made before person keys,
// holding one person's records under several spellings, counts them as
// one case once upgraded.
func TestUpgradeGroupsPersonsByKey(t *testing.T) {
	ctx := context.Background()
	old := map[string]string{}
	for v := 1; v <= 4; v++ {
		names, _ := fs.Glob(embedded, fmt.Sprintf("migrations/%03d_*.sql", v))
		b, err := embedded.ReadFile(names[0])
		if err != nil {
			t.Fatal(err)
		}
		old[strings.TrimPrefix(names[0], "migrations/")] = string(b)
	}
	withMigrations(t, old)
	path := filepath.Join(t.TempDir(), "v4.db")
	st, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range spellings {
		insertOld(t, st, s, "O")
	}
	st.Close()

	migrations = embedded
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	if cases, byStage := kgCases(t, st); cases != 2 || byStage != 2 {
		t.Errorf("after the upgrade: %d cases, %d by latest stage; want 2", cases, byStage)
	}
	sameRows(t, "person_cases", summaryRows(t, st, personCasesQuery), summaryRows(t, st, freshPersonCasesQuery))
	sameRows(t, "case_months", summaryRows(t, st, caseMonthsQuery), summaryRows(t, st, freshCaseMonthsQuery))
}

// TestPersonKeyOfASCIINamesIsDataPersonKey: the short way personKey takes
// for ASCII names gives data.PersonKey's key for every ASCII character,
// in names of up to three of them (white space included).
func TestPersonKeyOfASCIINamesIsDataPersonKey(t *testing.T) {
	chars := make([]byte, 128)
	for i := range chars {
		chars[i] = byte(i)
	}
	for _, a := range chars {
		for _, b := range chars {
			for _, c := range []byte{' ', '\t', 'A', 'z', '0', 0} {
				name := string([]byte{a, b, c})
				want := data.PersonKey(name)
				if want == "" {
					want = name
				}
				if got := personKey(name); got != want {
					t.Fatalf("personKey(%q) = %q, data.PersonKey gives %q", name, got, want)
				}
			}
		}
	}
	for _, name := range []string{"Ivan Petrov", "  IVAN \t\n PETROV ", "O'Brien-Smith Jr."} {
		if got, want := personKey(name), data.PersonKey(name); got != want {
			t.Errorf("personKey(%q) = %q, want %q", name, got, want)
		}
	}
}
