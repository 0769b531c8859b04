package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"catracker/internal/cli"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return result{code, out.String(), errb.String()}
}

// freshHome points the default database at an empty temporary folder, as
// on a machine that has never run the app.
func freshHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

func TestStatsOnFreshMachine(t *testing.T) {
	home := freshHome(t)
	r := run(t, "stats")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Incidents: ", "Sources: ", "Areas: ", filepath.Join(home, "catracker", "catracker.db")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func readSeries(t *testing.T, text string) map[string]map[string]int {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("series csv: %v\n%s", err, text)
	}
	if strings.Join(recs[0], ",") != "period,series_code,series,value" {
		t.Fatalf("header = %v", recs[0])
	}
	out := map[string]map[string]int{}
	for _, r := range recs[1:] {
		v, err := strconv.Atoi(r[3])
		if err != nil {
			t.Fatalf("value %q: %v", r[3], err)
		}
		if out[r[1]] == nil {
			out[r[1]] = map[string]int{}
		}
		out[r[1]][r[0]] = v
	}
	return out
}

func TestExportDeathsCSVTajikExample(t *testing.T) {
	freshHome(t)
	r := run(t, "export", "--chart", "deaths", "--cumulative", "--period", "month", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	s := readSeries(t, r.stdout)
	if got := s["TJ"]["2022-05"]; got != 10 {
		t.Errorf("TJ in 2022-05 = %d, want 10 (not 14)", got)
	}
	if got := s["TJ"]["2022-03"]; got != 4 {
		t.Errorf("TJ in 2022-03 = %d, want 4", got)
	}
	// Tajikistan's at least 10 prisoners (March 2023) are other people
	// than its 10 migrants (by May 2022): at least 20.
	if got := s["TJ"]["2023-03"]; got != 20 {
		t.Errorf("TJ in 2023-03 = %d, want 20 (10 migrants and at least 10 prisoners)", got)
	}
	// "Around 35" is an estimate: its own series, in no confirmed figure.
	if got := s["EST_CA"]["2023-02"]; got != 35 {
		t.Errorf("EST_CA in 2023-02 = %d, want 35", got)
	}
	if got := s["REGION"]["2023-02"]; got != 15 {
		t.Errorf("region in 2023-02 = %d, want 15 (KG 5 and TJ 10; the estimate is not a figure)", got)
	}
	// At least 93 prisoners contain only the countries' prisoner figures
	// (TJ's 10), not their migrants: 83 not attributed, 108 in all.
	if got := s["UNATTRIBUTED"]["2023-06"]; got != 83 {
		t.Errorf("unattributed in 2023-06 = %d, want 83", got)
	}
	if got := s["REGION"]["2023-06"]; got != 108 {
		t.Errorf("region in 2023-06 = %d, want 108", got)
	}
	// Cumulative values carry forward through every period.
	if got := s["TJ"]["2022-06"]; got != 10 {
		t.Errorf("TJ in 2022-06 = %d, want 10 carried forward", got)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestImportIntoNewDatabaseFile(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("ref,date,area,kind,count,summary,source_outlet\na,2023-01,KG,death,1,s,O\n"), 0o644)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("ref,date,area,kind,count,summary,source_outlet\na,2023-01,KG,death,x,s,O\n"), 0o644)

	if r := run(t, "stats", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "no database") {
		t.Fatalf("stats of a missing --db: exit %d, %s", r.code, r.stderr)
	}
	if r := run(t, "import", "--db", db, bad); r.code != 1 {
		t.Fatalf("bad import into a new file: %+v", r)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a failed import left a new database file behind")
	}
	if r := run(t, "import", "--db", db, good); r.code != 0 || !strings.Contains(r.stdout, "1 added") {
		t.Fatalf("import into a new file: %+v", r)
	}
	if r := run(t, "stats", "--db", db); !strings.Contains(r.stdout, "Incidents: 1\n") {
		t.Errorf("stats of the new file: %s", r.stdout)
	}
}

func TestImportContract(t *testing.T) {
	home := freshHome(t)
	db := filepath.Join(home, "catracker", "catracker.db")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	var g, b bytes.Buffer
	const head = "ref,date,area,kind,count,summary,source_outlet\n"
	g.WriteString(head)
	b.WriteString(head)
	for i := range 1001 {
		row := fmt.Sprintf("r%d,2023-%02d,KG,death,1,Row %d,Outlet\n", i, i%12+1, i)
		g.WriteString(row)
		if i == 500 {
			row = fmt.Sprintf("r%d,2023-%02d,Kirgizia,death,1,Row %d,Outlet\n", i, i%12+1, i)
		}
		b.WriteString(row)
	}
	os.WriteFile(good, g.Bytes(), 0o644)
	os.WriteFile(bad, b.Bytes(), 0o644)

	base := run(t, "stats")
	if base.code != 0 {
		t.Fatal(base.stderr)
	}
	before := fileSum(t, db)
	r := run(t, "import", bad)
	if r.code != 1 {
		t.Fatalf("bad import exit %d, want 1", r.code)
	}
	// Record 501 is on spreadsheet row 502 (the header is row 1).
	if want := bad + ":502:area: unknown country \"Kirgizia\""; !strings.Contains(r.stderr, want) {
		t.Errorf("error output lacks %q:\n%s", want, r.stderr)
	}
	if fileSum(t, db) != before {
		t.Error("the database changed although the import failed")
	}

	dry := run(t, "import", "--dry-run", good)
	if dry.code != 0 || !strings.Contains(dry.stdout, "1001 added") || fileSum(t, db) != before {
		t.Errorf("dry run: %+v", dry)
	}
	first := run(t, "import", good)
	if first.code != 0 || !strings.Contains(first.stdout, "1001 added, 0 updated") {
		t.Fatalf("first import: %+v", first)
	}
	second := run(t, "import", good)
	if second.code != 0 || !strings.Contains(second.stdout, "0 added, 1001 updated") {
		t.Fatalf("second import: %+v", second)
	}
	stats := run(t, "stats")
	if !strings.Contains(stats.stdout, "KG ") {
		t.Errorf("stats after import: %s", stats.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	freshHome(t)
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"export", "--chart", "pie", "--out", "-"},
		{"export", "--chart", "deaths"},
		{"export", "--chart", "deaths", "--out", "-", "--format", "gif"},
		{"export", "--chart", "deaths", "--out", "-", "--from", "May 2022"},
		{"export", "--chart", "deaths", "--out", "-", "--scale", "3"},
		{"export", "--chart", "deaths", "--out", "-", "--areas", "KG,Narnia"},
		{"validate"},
		{"import", "--nope", "x.csv"},
	} {
		if r := run(t, args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, r.code, r.stderr)
		}
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.csv")
	os.WriteFile(p, []byte("ref,date,area,kind,count,summary,source_outlet\na,2023-02-30,KG,death,1,s,O\nb,2023-02,KG,death,-1,s,O\n"), 0o644)
	r := run(t, "validate", p)
	if r.code != 1 || !strings.Contains(r.stderr, p+":2:date") || !strings.Contains(r.stderr, p+":3:count") {
		t.Errorf("validate: %+v", r)
	}
	os.WriteFile(p, []byte("ref,date,area,kind,count,summary,source_outlet\na,2023-02,KG,death,1,s,O\n"), 0o644)
	if r := run(t, "validate", p); r.code != 0 || !strings.Contains(r.stdout, "1 valid") {
		t.Errorf("validate good file: %+v", r)
	}
	if r := run(t, "validate", filepath.Join(dir, "missing.csv")); r.code != 1 || !strings.Contains(r.stderr, "cannot open") {
		t.Errorf("validate missing file: %+v", r)
	}
}

func TestExportEveryFamilyAndFormat(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	for _, family := range []string{"deaths", "prosecutions", "recruitment", "timeline"} {
		for _, format := range []string{"png", "svg", "pdf", "csv"} {
			out := filepath.Join(dir, family+"."+format)
			r := run(t, "export", "--chart", family, "--format", format, "--width", "600", "--height", "400", "--out", out)
			if r.code != 0 {
				t.Errorf("%s %s: exit %d: %s", family, format, r.code, r.stderr)
				continue
			}
			b, err := os.ReadFile(out)
			if err != nil || len(b) == 0 {
				t.Errorf("%s %s: %v, %d bytes", family, format, err, len(b))
				continue
			}
			switch format {
			case "png":
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil || img.Bounds().Dx() != 600 || img.Bounds().Dy() != 400 {
					t.Errorf("%s png: %v %v", family, err, img.Bounds())
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF")) {
					t.Errorf("%s pdf does not start with %%PDF", family)
				}
			case "svg":
				if !bytes.Contains(b, []byte("<svg")) {
					t.Errorf("%s svg has no <svg", family)
				}
			}
		}
	}
}

func TestStackedBarsSumToCSVTotals(t *testing.T) {
	freshHome(t)
	r := run(t, "export", "--chart", "deaths", "--period", "quarter", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	s := readSeries(t, r.stdout)
	cum := readSeries(t, run(t, "export", "--chart", "deaths", "--period", "quarter", "--cumulative", "--format", "csv", "--out", "-").stdout)
	// The per-quarter stacks of all series, less what they reattribute,
	// add up to the regional total; estimates are no part of it.
	total := 0
	for code, periods := range s {
		for _, v := range periods {
			switch {
			case code == "REATTRIBUTED":
				total -= v
			case !strings.HasPrefix(code, "EST_"):
				total += v
			}
		}
	}
	last := ""
	for p := range cum["REGION"] {
		if p > last {
			last = p
		}
	}
	if region := cum["REGION"][last]; total != region {
		t.Errorf("sum of all quarterly stacks = %d, regional cumulative total = %d", total, region)
	}
}

func TestEmptySelectionStillExports(t *testing.T) {
	freshHome(t)
	out := filepath.Join(t.TempDir(), "empty.png")
	r := run(t, "export", "--chart", "deaths", "--areas", "TM", "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "No incidents match") {
		t.Fatalf("empty export: %+v", r)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error("no image written for an empty selection")
	}
}

func TestExportToUnwritablePathLeavesNothing(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "no-such-folder", "x.png")
	r := run(t, "export", "--chart", "deaths", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "cannot write") {
		t.Errorf("export to a missing folder: %+v", r)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// Every recruitment report in the bundled dataset is about recruitment
// into Russia's forces, so the Russia-side chart keeps all of them.
func TestRussiaSideRecruitmentKeepsEveryReport(t *testing.T) {
	freshHome(t)
	total := func(args ...string) int {
		r := run(t, append([]string{"export", "--chart", "recruitment", "--period", "year", "--format", "csv", "--out", "-"}, args...)...)
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		n := 0
		for _, periods := range readSeries(t, r.stdout) {
			for _, v := range periods {
				n += v
			}
		}
		return n
	}
	all, russia := total(), total("--side", "russia")
	if all == 0 || russia != all {
		t.Errorf("the Russia-side recruitment chart keeps %d of %d reports", russia, all)
	}
}

// A country's new deaths that an earlier regional figure already counted
// never draw a negative bar: the unattributed part stays at zero and the
// CSV says how much was reattributed.
func TestAddedDeathsNeverMakeANegativeBar(t *testing.T) {
	for _, tc := range []struct {
		name, row    string
		reattributed map[string]int
	}{
		{"3 Kyrgyz deaths, group not stated, March 2023",
			"kg-test-deaths,2023-03-15,KG,death,3,event,,Three Kyrgyz deaths,Test outlet", nil},
		{"3 Kyrgyz prisoners after the regional 93",
			"kg-test-prisoners,2023-07-15,KG,death,3,event,prisoners,Three Kyrgyz prisoners died,Test outlet",
			map[string]int{"2023-07": 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			freshHome(t)
			path := filepath.Join(t.TempDir(), "add.csv")
			csv := "ref,date,area,kind,count,basis,group,summary,source_outlet\n" + tc.row + "\n"
			if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
				t.Fatal(err)
			}
			if r := run(t, "import", path); r.code != 0 {
				t.Fatalf("import: %s", r.stderr)
			}
			r := run(t, "export", "--chart", "deaths", "--period", "month", "--format", "csv", "--out", "-")
			if r.code != 0 {
				t.Fatal(r.stderr)
			}
			s := readSeries(t, r.stdout)
			for code, periods := range s {
				for p, v := range periods {
					if v < 0 {
						t.Errorf("%s is %d in %s", code, v, p)
					}
				}
			}
			month := strings.Split(tc.row, ",")[1][:7]
			if got := s["KG"][month]; got != 3 {
				t.Errorf("KG's bar = %d, want 3", got)
			}
			if !reflect.DeepEqual(s["REATTRIBUTED"], tc.reattributed) && !(len(s["REATTRIBUTED"]) == 0 && tc.reattributed == nil) {
				t.Errorf("reattributed = %v, want %v", s["REATTRIBUTED"], tc.reattributed)
			}
		})
	}
}

// TestValidateRefusesWhatImportRefuses runs files through validate and
// through import into a new database: both give the same exit status and
// the same problems, every problem of every row, and the import writes
// nothing when any row is refused.
func TestValidateRefusesWhatImportRefuses(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	const head = "ref,date,area,kind,count,basis,summary,source_outlet,source_title,source_date,cited_as\n"
	tests := []struct {
		name, body string
		want       []string // problems, as row:column: start of the message
	}{
		{"good file", head + "a,2023-01,KG,death,1,,s,O,,,\nb,2023-02,RU,policy,,,s,O,,,\n", nil},
		{"duplicate ref", head + "a,2023-01,KG,death,1,,s,O,,,\na,2023-03,KG,death,1,,s,O,,,\n",
			[]string{`3:ref: ref "a" is also used in row 2`}},
		{"duplicate ref beside a bad date", head + "a,2023-01,KG,death,1,,s,O,,,\nb,2023-02-30,KG,death,1,,s,O,,,\na,2023-03,KG,death,1,,s,O,,,\n",
			[]string{`3:date: date "2023-02-30" is not a date`, `4:ref: ref "a" is also used in row 2`}},
		{"bad date and bad area in one row", head + "a,2023-13,Narnia,death,1,,s,O,,,\n",
			[]string{`2:date: date "2023-13" has no month 13`, `2:area: unknown country "Narnia"`}},
		{"future date", head + "a,2099-01-01,KG,death,1,,s,O,,,\n", []string{`2:date: date 2099-01-01 is in the future`}},
		{"source before the incident", head + "a,2023-03,KG,death,1,,s,O,T,2022-02,\n",
			[]string{`2:source_date: the source was published 2022-02, before the incident (2023-03)`}},
		{"total without a count", head + "a,2023-03,KG,death,,total,s,O,,,\n", []string{`2:count: basis total needs a count`}},
		{"RU death", head + "a,2023-03,RU,death,3,,s,O,,,\n", []string{`2:area: RU is for Russian measures`}},
		{"repeated source", head + "a,2023-03,KG,death,3,,s,O | O,T | T,2023-04 | 2023-04,X | Y\n",
			[]string{`2:source_outlet: source 2 repeats source 1`}},
		{"count above the limit", head + "a,2023-03,KG,death,10000001,,s,O,,,\n", []string{`2:count: count 10000001 is more than 10,000,000`}},
	}
	for i, tt := range tests {
		p := filepath.Join(dir, fmt.Sprintf("case%d.csv", i))
		if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(dir, fmt.Sprintf("case%d.db", i))
		validate, imp := run(t, "validate", p), run(t, "import", "--db", db, p)
		problems := func(stderr, cmd string) []string {
			text := strings.TrimPrefix(strings.TrimSpace(stderr), "catracker-cli "+cmd+": ")
			if text == "" {
				return nil
			}
			return strings.Split(strings.ReplaceAll(text, p+":", ""), "\n")
		}
		vp, ip := problems(validate.stderr, "validate"), problems(imp.stderr, "import")
		wantCode := 0
		if tt.want != nil {
			wantCode = 1
		}
		if validate.code != wantCode || imp.code != wantCode {
			t.Errorf("%s: validate exit %d, import exit %d, want %d", tt.name, validate.code, imp.code, wantCode)
		}
		if strings.Join(vp, "\n") != strings.Join(ip, "\n") {
			t.Errorf("%s: validate and import differ:\n%s\n---\n%s", tt.name, validate.stderr, imp.stderr)
		}
		if len(vp) != len(tt.want) {
			t.Errorf("%s: problems %q, want %q", tt.name, vp, tt.want)
			continue
		}
		for j, w := range tt.want {
			if !strings.HasPrefix(vp[j], w) {
				t.Errorf("%s: problem %d = %q, want it to start %q", tt.name, j, vp[j], w)
			}
		}
		if _, err := os.Stat(db); (err == nil) != (tt.want == nil) {
			t.Errorf("%s: database written %v, want %v", tt.name, err == nil, tt.want == nil)
		}
	}
}
