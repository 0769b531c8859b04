package i18n

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
)

// problem is a problem of the data layer as an app words it.
type problem struct {
	code, message string
	args          []any
}

// problemCase makes the data layer find a problem with the code: from a
// CSV file, from an incident edited from a valid one, or from a parser.
type problemCase struct {
	code string
	file string               // the whole CSV file
	rows [][]string           // cells that rows of a valid CSV file change, as column, value, ...
	edit func(*data.Incident) // what makes a valid incident invalid
	err  func() (any, error)  // a parser's refusal
	// files are CSV files that a new database imports one after the
	// other; the last import finds the problem.
	files [][][]string
	// twice imports a valid incident twice from a source of rows that,
	// unlike a CSV file, does not find a ref used twice itself.
	twice bool
}

// sameTwice is a source of rows that gives one incident twice.
type sameTwice struct {
	inc  data.Incident
	left int
}

func (s *sameTwice) Next() (*data.Incident, error) {
	if s.left == 0 {
		return nil, io.EOF
	}
	s.left--
	inc := s.inc
	return &inc, nil
}

// csvColumns are the columns of the files of the cases.
var csvColumns = []string{"ref", "date", "area", "kind", "stage", "count", "basis", "channel", "summary",
	"source_outlet", "source_title", "source_date", "headline"}

// csvRow is a valid row of csvColumns with the cells that change gives
// (column, value, ...) changed.
func csvRow(change []string) string {
	cells := map[string]string{"ref": "r1", "date": "2024-05-01", "area": "KZ", "kind": "death", "count": "1",
		"summary": "s", "source_outlet": "O"}
	for i := 0; i+1 < len(change); i += 2 {
		cells[change[i]] = change[i+1]
	}
	out := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		out[i] = cells[c]
	}
	return strings.Join(out, ",")
}

func row(change ...string) []string { return change }

var validHeader = strings.Join(csvColumns, ",") + "\n"

// problemCases give every problem of the data layer at least once.
var problemCases = []problemCase{
	{code: "ref.required", rows: [][]string{row("ref", "")}},
	{code: "ref.tooLong", rows: [][]string{row("ref", strings.Repeat("r", data.MaxRefLen+1))}},
	{code: "ref.duplicate", rows: [][]string{row(), row()}},
	{code: "text.utf8", edit: func(i *data.Incident) { i.Summary = "a\xffb" }},
	{code: "text.tooLong", edit: func(i *data.Incident) { i.Notes = strings.Repeat("n", data.MaxTextLen+1) }},
	{code: "text.nul", edit: func(i *data.Incident) { i.Person = "a\x00b" }},
	{code: "date.required", edit: func(i *data.Incident) { i.Date = data.Date{} }},
	{code: "date.future", rows: [][]string{row("date", "2030-01-01")}},
	{code: "date.requiredForms", rows: [][]string{row("date", "")}},
	{code: "date.notDate", err: func() (any, error) { return data.ParseDate("15.03.2023") }},
	{code: "date.year", rows: [][]string{row("date", "1850-01-01")}},
	{code: "date.noMonth", rows: [][]string{row("date", "2023-13")}},
	{code: "date.noSuchDay", rows: [][]string{row("date", "2023-02-30")}},
	{code: "date.empty", err: func() (any, error) { return data.ParseUserDate(" ") }},
	{code: "date.ambiguous", rows: [][]string{row("date", "03/04/2023")}},
	{code: "date.unread", rows: [][]string{row("date", "2023-1-2-3")}},
	{code: "date.dotted", rows: [][]string{row("date", "31.02.2023")}},
	{code: "date.word", rows: [][]string{row("date", "15 Foo 2023")}},
	{code: "date.noMonthYear", rows: [][]string{row("date", "15 March")}},
	{code: "area.required", edit: func(i *data.Incident) { i.Area = "" }},
	{code: "area.requiredForms", rows: [][]string{row("area", "")}},
	{code: "area.unknown", rows: [][]string{row("area", "Atlantis")}},
	{code: "area.ruPeople", rows: [][]string{row("area", "RU")}},
	{code: "kind.required", edit: func(i *data.Incident) { i.Kind = "" }},
	{code: "kind.requiredForms", rows: [][]string{row("kind", "")}},
	{code: "value.unknown", rows: [][]string{row("kind", "war")}},
	{code: "stage.required", rows: [][]string{row("kind", "prosecution")}},
	{code: "stage.notProsecution", rows: [][]string{row("stage", "charge")}},
	{code: "stage.unknown", edit: func(i *data.Incident) { i.Kind, i.Stage = data.Prosecution, "appeal" }},
	{code: "count.negative", edit: func(i *data.Incident) { n := -1; i.Count = &n }},
	{code: "count.tooLarge", rows: [][]string{row("count", "20000000")}},
	{code: "count.needed", rows: [][]string{row("count", "", "basis", "total")}},
	{code: "count.notNumber", rows: [][]string{row("count", "two")}},
	{code: "basis.unknown", edit: func(i *data.Incident) { i.Basis = "about" }},
	{code: "channel.required", rows: [][]string{row("kind", "recruitment")}},
	{code: "channel.notRecruitment", rows: [][]string{row("channel", "social_media_ads")}},
	{code: "channel.notCode", rows: [][]string{row("kind", "recruitment", "channel", strings.Repeat("c", 41))}},
	{code: "channel.letters", rows: [][]string{row("kind", "recruitment", "channel", "ads-online")}},
	{code: "side.unknown", edit: func(i *data.Incident) { i.Side = "wagner" }},
	{code: "group.unknown", edit: func(i *data.Incident) { i.Group = "tourists" }},
	{code: "summary.required", rows: [][]string{row("summary", "")}},
	{code: "headline.oneLine", edit: func(i *data.Incident) { i.Headline = "one\ttwo" }},
	{code: "headline.tooLong", rows: [][]string{row("headline", strings.Repeat("h", data.MaxHeadlineLen+1))}},
	{code: "source.required", edit: func(i *data.Incident) { i.Sources = nil }},
	{code: "source.noOutlet", edit: func(i *data.Incident) { i.Sources[0].Outlet = " " }},
	{code: "source.repeated", rows: [][]string{row("source_outlet", "A | A")}},
	{code: "source.text", edit: func(i *data.Incident) { i.Sources[0].Title = "\xff" }},
	{code: "source.future", rows: [][]string{row("source_date", "2030-01-01")}},
	{code: "source.futureN", rows: [][]string{row("source_outlet", "A | B", "source_date", "2024-05-02 | 2030-01-01")}},
	{code: "source.beforeIncident", rows: [][]string{row("source_date", "2024-01-01")}},
	{code: "source.beforeIncidentN", rows: [][]string{row("source_outlet", "A | B", "source_date", "2024-01-01 | 2024-05-02")}},
	{code: "source.outletRequired", rows: [][]string{row("source_outlet", "")}},
	{code: "source.outletMissing", rows: [][]string{row("source_outlet", "A |  | B")}},
	{code: "source.parts", rows: [][]string{row("source_outlet", "A | B", "source_title", "T")}},
	{code: "cell.notUTF8", rows: [][]string{row("summary", "Caf\xe9"), row("ref", "r2", "summary", "Ош")}},
	{code: "cell.nul", rows: [][]string{row("summary", "a\x00b")}},
	{code: "row.empty", file: validHeader + `""` + "\n"},
	{code: "row.cells", file: validHeader + "r1,2024-05-01,KZ\n"},
	{code: "csv.quote", file: validHeader + csvRow(row("summary", `"open`)) + "\n"},
	{code: "csv.bareQuote", file: validHeader + csvRow(row("summary", `a"b`)) + "\n"},
	{code: "file.rowTooLong", file: validHeader + strings.Repeat(csvRow(row("summary", strings.Repeat("s", 60<<10)))+",", 20) + "\n"},
	{code: "file.cellTooLong", file: validHeader + csvRow(row("summary", strings.Repeat("s", 70<<10))) + "\n"},
	{code: "file.encoding", file: validHeader + csvRow(row("summary", "\xce\xce\xce", "source_outlet", "\xce\xce\xce")) + "\n"},
	{code: "file.latin", file: validHeader + csvRow(row("summary", "Caf\xe9 cr\xe8me")) + "\n" +
		csvRow(row("ref", "r2", "summary", "na\xefve")) + "\n"},
	{code: "file.binary", file: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"},
	{code: "file.empty", file: ""},
	{code: "file.xlsx", file: "PK\x03\x04rest"},
	{code: "file.xls", file: "\xd0\xcf\x11\xe0rest"},
	{code: "file.database", file: "SQLite format 3\x00rest"},
	{code: "header.missing", file: "ref,date,area,kind,summary\n"},
	{code: "header.notUTF8", file: "ref,da\x00te,area\n" + strings.Repeat("a,b,c\n", 50)},
	{code: "header.pipes", file: "ref|date|area|kind|summary|source_outlet\n"},
	{code: "header.unknown", file: validHeader[:len(validHeader)-1] + ",colour\n"},
	{code: "ref.again", twice: true},
	{code: "source.authorRows", files: [][][]string{{row("source_title", "T", "source_author", "A"),
		row("ref", "r2", "source_title", "T", "source_author", "B")}}},
	{code: "source.authorRecorded", files: [][][]string{{row("source_title", "T", "source_author", "A")},
		{row("ref", "r2", "source_title", "T", "source_author", "B")}}},
	{code: "ref.taken", err: func() (any, error) { return nil, saveTwice() }},
	{code: "header.twice", file: "ref,ref,date,area,kind,summary,source_outlet\n"},
}

// validIncident is an incident without problems.
func validIncident() *data.Incident {
	return &data.Incident{Ref: "r", Date: data.Date{Year: 2024, Month: 5, Day: 1}, Area: data.Area("KZ"),
		Kind: data.Death, Basis: data.Event, Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
}

// problems finds the problems of the case.
func (c problemCase) problems(t *testing.T) []problem {
	t.Helper()
	var out []problem
	switch {
	case c.edit != nil:
		inc := validIncident()
		if p := inc.Problems(); len(p) != 0 {
			t.Fatalf("the valid incident has problems: %v", p)
		}
		c.edit(inc)
		for _, p := range inc.Problems() {
			out = append(out, problem{p.Code, p.Message, p.Args})
		}
	case c.err != nil:
		_, err := c.err()
		var e *data.Error
		if !errors.As(err, &e) {
			t.Fatalf("%v is not a *data.Error", err)
		}
		out = append(out, problem{e.Reason, e.Message, e.Args})
	case c.files != nil || c.twice:
		for _, p := range importProblems(t, c.files, c.twice) {
			out = append(out, problem{p.Code, p.Message, p.Args})
		}
	default:
		file := c.file
		if c.rows != nil {
			file = validHeader
			for _, r := range c.rows {
				file += csvRow(r) + "\n"
			}
		}
		for _, p := range fileProblems(t, file) {
			out = append(out, problem{p.Code, p.Message, p.Args})
		}
	}
	return out
}

// csvFile is a CSV file of csvColumns and source_author whose rows
// change a valid row as rows say.
func csvFile(rows [][]string) string {
	file := validHeader[:len(validHeader)-1] + ",source_author\n"
	for _, r := range rows {
		author := ""
		if i := slices.Index(r, "source_author"); i >= 0 && i%2 == 0 {
			author = r[i+1]
		}
		file += csvRow(r) + "," + author + "\n"
	}
	return file
}

// saveTwice saves two incidents with one ref in a new database and
// returns the error of the second.
func saveTwice() error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "problems")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "t.db"), sqlite.Options{Create: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SaveIncident(ctx, validIncident()); err != nil {
		return err
	}
	return st.SaveIncident(ctx, validIncident())
}

// importProblems imports the files one after the other into a new
// database, or with twice a valid incident twice, and returns the
// problems of the last import.
func importProblems(t *testing.T, files [][][]string, twice bool) []*data.RowError {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if twice {
		_, err := st.Import(ctx, &sameTwice{inc: *validIncident(), left: 2}, nil)
		var problems *data.RowErrors
		if !errors.As(err, &problems) {
			t.Fatalf("the import has no problems: %v", err)
		}
		return problems.List
	}
	for i, f := range files {
		r, err := csvio.NewReader(strings.NewReader(csvFile(f)), "f.csv")
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.Import(ctx, r, nil)
		var problems *data.RowErrors
		switch {
		case i < len(files)-1 && err != nil:
			t.Fatalf("import %d: %v", i+1, err)
		case i == len(files)-1 && !errors.As(err, &problems):
			t.Fatalf("the last import has no problems: %v", err)
		case i == len(files)-1:
			return problems.List
		}
	}
	return nil
}

// fileProblems are the problems that checking the CSV file finds.
func fileProblems(t *testing.T, file string) []*data.RowError {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(file), "f.csv")
	if err == nil {
		_, err = csvio.Check(context.Background(), r, nil)
	}
	var list data.RowErrors
	if !list.Record(err) {
		var problems *data.RowErrors
		if !errors.As(err, &problems) {
			t.Fatalf("the file has no problems: %v", err)
		}
		list = *problems
	}
	return list.List
}

// TestEveryDataProblemIsInTheCatalogue checks that every problem the data
// layer finds has a code with a text in each language; that the English
// text with the problem's arguments is the data layer's message, so that
// the two cannot drift apart; that every form of the other languages
// takes the arguments; and that the catalogue has no problem no case
// gives.
func TestEveryDataProblemIsInTheCatalogue(t *testing.T) {
	clock := data.Clock
	data.Clock = func() time.Time { return time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { data.Clock = clock })
	seen := map[string]bool{}
	for _, c := range problemCases {
		t.Run(c.code, func(t *testing.T) {
			found := false
			for _, p := range c.problems(t) {
				checkProblem(t, p)
				seen[p.code] = true
				found = found || p.code == c.code
			}
			if !found {
				t.Errorf("no problem has the code %s", c.code)
			}
		})
	}
	var unused []string
	for key := range catalogue(English) {
		if code, ok := strings.CutPrefix(key, "problem."); ok && !seen[code] {
			unused = append(unused, code)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("no case gives the problems %v", unused)
	}
}

// checkProblem checks the catalogue's texts of one problem.
func checkProblem(t *testing.T, p problem) {
	t.Helper()
	if p.code == "" {
		t.Errorf("the problem %q has no code", p.message)
		return
	}
	key := "problem." + p.code
	for _, l := range Languages {
		if !l.has(key) {
			t.Errorf("%s lacks %s", l, key)
		}
	}
	if got := English.Problem(p.code, p.args, ""); got != p.message {
		t.Errorf("%s: English text %q, the data layer says %q", p.code, got, p.message)
	}
	for form, text := range catalogue(English)[key].forms {
		if got := fmt.Sprintf(text, p.args...); got != p.message {
			t.Errorf("%s: English %s form %q, the data layer says %q", p.code, form, got, p.message)
		}
	}
	for form, text := range catalogue(Russian)[key].forms {
		if got := fmt.Sprintf(text, p.args...); strings.Contains(got, "%!") || got == p.message {
			t.Errorf("%s: Russian %s form gives %q", p.code, form, got)
		}
	}
}

func TestProblemsInEachLanguage(t *testing.T) {
	for _, tt := range []struct {
		l       Language
		code    string
		args    []any
		english string
		want    string
	}{
		{English, "row.cells", []any{3, 15}, "", "the row has 3 cells but the header has 15 columns"},
		{Russian, "row.cells", []any{3, 15}, "", "в строке 3 ячейки, а столбцов в заголовке: 15"},
		{Russian, "row.cells", []any{5, 15}, "", "в строке 5 ячеек, а столбцов в заголовке: 15"},
		{Russian, "row.cells", []any{21, 15}, "", "в строке 21 ячейка, а столбцов в заголовке: 15"},
		{Russian, "date.noSuchDay", []any{"2023-02-30", 28, 2023, time.February}, "",
			`"2023-02-30" — не дата: в месяце фев 2023 всего 28 дней`},
		{English, "date.noSuchDay", []any{"2023-02-30", 28, 2023, time.February}, "",
			`date "2023-02-30" is not a date: February 2023 has 28 days`},
		{Russian, "no.such", nil, "as the data layer says", "as the data layer says"},
		{Russian, "", nil, "no code", "no code"},
	} {
		if got := tt.l.Problem(tt.code, tt.args, tt.english); got != tt.want {
			t.Errorf("%s Problem(%s, %v) = %q, want %q", tt.l, tt.code, tt.args, got, tt.want)
		}
	}
}
