package csvio_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
)

// checkAll runs csvio.Check over body and returns every problem as
// row:column: message, in the order reported.
func checkAll(t *testing.T, body string) []string {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(body), "in.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = csvio.Check(context.Background(), r, nil)
	if err == nil {
		return nil
	}
	var re *data.RowErrors
	if !errors.As(err, &re) {
		t.Fatalf("Check: %v", err)
	}
	var out []string
	for _, p := range re.List {
		out = append(out, fmt.Sprintf("%d:%s: %s", p.Row, p.Column, p.Message))
	}
	return out
}

const fullHeader = "ref,date,area,kind,stage,count,basis,channel,side,group,person,summary," +
	"source_outlet,source_title,source_author,source_date,source_url,cited_as,notes\n"

// TestRowReportsEveryProblem: a bad date does not hide a bad country, nor
// a bad count a rule of the data model; the problems come in column order.
func TestRowReportsEveryProblem(t *testing.T) {
	body := fullHeader +
		"a,2023-02-30,Narnia,death,,12x,,,,,,s,O,,,,,,\n" +
		"b,2023-02,RU,death,,20000000,,,,,,s,O,,,2022-01,,,\n"
	got := checkAll(t, body)
	want := []string{
		`2:date: date "2023-02-30" is not a date: February 2023 has 28 days`,
		`2:area: unknown country "Narnia" (use KZ, KG, TJ, UZ, TM, CA, RU or a country name)`,
		`2:count: count "12x" must be a whole number of people, 0 or more, or blank if unknown`,
		`3:area: RU is for Russian measures`,
		`3:count: count 20000000 is more than 10,000,000`,
		`3:source_date: the source was published 2022-01, before the incident (2023-02)`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start %q", i, got[i], want[i])
		}
	}

	// Next returns the problems of a row together; errors.As finds the
	// first.
	r, err := csvio.NewReader(strings.NewReader(body), "in.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Next()
	var rp data.RowProblems
	var re *data.RowError
	if !errors.As(err, &rp) || len(rp) != 3 || !errors.As(err, &re) || re.Column != "date" || data.ErrorCode(err) != data.EINVALID {
		t.Errorf("Next() = %v, want the three problems of row 2", err)
	}
}

// TestProblemOrderIsStable reads a row with a problem in many cells 20
// times: the report is the same each time. The problems are NUL bytes,
// which every cell is checked for; a short file with bytes that are not
// UTF-8 is refused as a whole, before its cells.
func TestProblemOrderIsStable(t *testing.T) {
	body := fullHeader +
		"r\x00,2023-01,KG,death,,1,,,,,Per\x00son,Sum\x00mary,O\x00,T\x00,,,,,No\x00tes\n" +
		"s,2023-01,KG,death,,1,,,,,,s,O,,,,,,\n"
	first := checkAll(t, body)
	wantColumns := []string{"ref", "person", "summary", "source_outlet", "source_title", "notes"}
	if len(first) != len(wantColumns) {
		t.Fatalf("problems:\n%s", strings.Join(first, "\n"))
	}
	for i, c := range wantColumns {
		if !strings.HasPrefix(first[i], "2:"+c+": ") {
			t.Errorf("problem %d = %q, want column %s", i, first[i], c)
		}
	}
	for range 20 {
		if again := checkAll(t, body); strings.Join(again, "\n") != strings.Join(first, "\n") {
			t.Fatalf("the report changed:\n%s\n---\n%s", strings.Join(first, "\n"), strings.Join(again, "\n"))
		}
	}
}

// TestDuplicateRefAlongsideOtherProblems: a ref used twice is reported
// with both rows even when other rows, or the first row itself, have
// problems.
func TestDuplicateRefAlongsideOtherProblems(t *testing.T) {
	body := fullHeader +
		"a,2023-01,KG,death,,1,,,,,,s,O,,,,,,\n" +
		"b,2023-02-30,KG,death,,1,,,,,,s,O,,,,,,\n" +
		"c,2023-13,KG,death,,1,,,,,,s,O,,,,,,\n" +
		"a,2023-03,KG,death,,1,,,,,,s,O,,,,,,\n" +
		"c,2023-03,Narnia,death,,1,,,,,,s,O,,,,,,\n"
	got := checkAll(t, body)
	want := []string{
		`3:date: date "2023-02-30" is not a date: February 2023 has 28 days`,
		`4:date: date "2023-13" has no month 13`,
		`5:ref: ref "a" is also used in row 2; each incident needs its own ref`,
		`6:ref: ref "c" is also used in row 4; each incident needs its own ref`,
		`6:area: unknown country "Narnia" (use KZ, KG, TJ, UZ, TM, CA, RU or a country name)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImpossibleValuesInCSV: every value the data model refuses is
// refused in a file too, naming row and column.
func TestImpossibleValuesInCSV(t *testing.T) {
	tests := []struct{ name, row, want string }{
		{"future date", "x,2099-01-01,KG,death,,1,,,,,,s,O,,,,,,", "2:date: date 2099-01-01 is in the future"},
		{"source before the incident", "x,2023-03,KG,death,,1,,,,,,s,O,,,2022-02,,,",
			"2:source_date: the source was published 2022-02, before the incident (2023-03); check both dates"},
		{"total without a count", "x,2023-03,KG,death,,,total,,,,,s,O,,,,,,", "2:count: basis total needs a count"},
		{"RU death", "x,2023-03,RU,death,,1,,,,,,s,O,,,,,,", "2:area: RU is for Russian measures that concern every country"},
		{"RU prosecution", "x,2023-03,Russia,prosecution,sentence,1,,,,,,s,O,,,,,,", "2:area: RU is for Russian measures"},
		{"repeated source", "x,2023-03,KG,death,,1,,,,,,s,O | O,T | T,A | B,2023-04 | 2023-04,u | u,C1 | C2,",
			"2:source_outlet: source 2 repeats source 1; list it once and put both citations in cited_as"},
		{"count above MaxCount", "x,2023-03,KG,death,,10000001,,,,,,s,O,,,,,,", "2:count: count 10000001 is more than 10,000,000"},
		{"count beyond int64", "x,2023-03,KG,death,,99999999999999999999,,,,,,s,O,,,,,,",
			"2:count: count 99999999999999999999 is more than 10,000,000"},
	}
	for _, tt := range tests {
		got := checkAll(t, fullHeader+tt.row+"\n")
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
			t.Errorf("%s: problems %q, want one starting %q", tt.name, got, tt.want)
		}
	}
	// The bundled dataset's uses of RU, and a count of MaxCount, pass.
	if got := checkAll(t, fullHeader+
		"p,2022-09-21,RU,policy,,,,,,,,s,O,,,,,,\n"+
		"q,2022-09-21,RU,recruitment,,,,migration_centre,,,,s,O,,,,,,\n"+
		"m,2022-09-21,KG,death,,10000000,total,,,,,s,O,,,2022-09,,,\n"); got != nil {
		t.Errorf("valid rows refused: %q", got)
	}
}
