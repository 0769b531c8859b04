package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInputs is the catalogue of broken files users are likely to bring.
// Each must give exit status 1 and one clear message naming the place of
// the problem, and leave the database exactly as it was.
var badInputs = []struct {
	name    string
	body    string
	message string // expected in the error output after the file name
}{
	{"pipe delimiter", "ref|date|area|kind|summary|source_outlet\na|2022-03|TJ|death|s|O\n", `:1: the columns are separated by "|"`},
	{"semicolons with a bad row", "ref;date;area;kind;summary;source_outlet\na;2022-03;TJ;death;s\n", `:2: the row has 5 cells but the header has 6 columns`},
	{"missing header", "a,2022-03,TJ,death,s,O\n", `:1:a: unknown column "a"`},
	{"missing required column", "ref,date,area,kind,summary\na,2022-03,TJ,death,s\n", `:1:source_outlet: the required column "source_outlet" is missing`},
	{"duplicate header", "ref,date,area,kind,summary,source_outlet,area\n", `:1:area: the column "area" appears twice`},
	{"unknown column", "ref,date,area,kind,summary,source_outlet,colour\n", `:1:colour: unknown column "colour"`},
	{"duplicate ref in file", head + "a,2022-03,TJ,death,1,s,O\na,2022-04,TJ,death,2,s,O\n", `:3:ref: ref "a" is also used in row 2`},
	{"quote left open", head + "a,2022-03,TJ,death,1,\"never closed,O\n", `:2:line 2, character 38: a quote (") is left open`},
	{"stray quote", head + "a,2022-03,TJ,death,1,say \"hi\",O\n", `:2:line 2, character 26: a quote (") appears inside a cell`},
	{"10 MB field", head + "a,2022-03,TJ,death,1," + strings.Repeat("x", 10<<20) + ",O\n", `:2:summary: the cell is longer than 64 KiB`},
	{"30 KB field", head + "a,2022-03,TJ,death,1," + strings.Repeat("x", 30<<10) + ",O\n", `:2:summary: text is longer than 20,000 characters`},
	{"endless zeros", strings.Repeat("\x00", 1<<20), `: this is not a text file`},
	{"NUL bytes", head + "a,2022-03,TJ,death,1,s\x00s,O\n", `:2:summary: the cell contains a NUL byte`},
	{"Latin-1 text", head + "a,2022-03,TJ,death,1,Caf\xe9,O\n", `: the file is not UTF-8: its accented letters look like Windows-1252`},
	{"Latin-1 text in a UTF-8 file", head + "a,2022-03,TJ,death,1,Caf\xe9,Ош\n", `:2:summary: the text is not UTF-8`},
	{"February 30", head + "a,2023-02-30,TJ,death,1,s,O\n", `:2:date: date "2023-02-30" is not a date`},
	{"month 13", head + "a,2023-13,TJ,death,1,s,O\n", `:2:date: date "2023-13" has no month 13`},
	{"day-first date", head + "a,23-05-2023,TJ,death,1,s,O\n", `:2:date: date "23-05-2023" is not a date`},
	{"slashed date", head + "a,31/02/2023,TJ,death,1,s,O\n", `:2:date: date "31/02/2023" is ambiguous`},
	{"negative count", head + "a,2023-01,TJ,death,-3,s,O\n", `:2:count: count "-3" must be a whole number`},
	{"fractional count", head + "a,2023-01,TJ,death,2.5,s,O\n", `:2:count: count "2.5" must be a whole number`},
	{"unknown country", head + "a,2023-01,Kirgizia,death,1,s,O\n", `:2:area: unknown country "Kirgizia"`},
	{"channel on a death", "ref,date,area,kind,channel,summary,source_outlet\na,2023-01,KG,death,prison,s,O\n", `:2:channel: channel is only for recruitment, not for a death`},
	{"stage on a recruitment", "ref,date,area,kind,stage,channel,summary,source_outlet\na,2023-01,KG,recruitment,sentence,prison,s,O\n", `:2:stage: stage is only for prosecutions, not for a recruitment`},
	{"missing source", head + "a,2023-01,KG,death,1,s,\n", `:2:source_outlet: source_outlet is required`},
	{"empty file", "", `: the file is empty`},
	{"header-only file", head, ""},
	{"xlsx renamed to csv", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", `: this is a spreadsheet workbook (.xlsx or .ods), not a CSV file`},
	{"old xls renamed", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", `: this is an old Excel workbook (.xls)`},
	{"UTF-16 file cut short", "\xff\xfer\x00e\x00f\x00", `:1:date: the required column "date" is missing`},
	{"terminal escape in a header", "ref,date,area,kind,summary,source_outlet,\x1b[2J\n", `:1:column 7: unknown column "\x1b[2j"`},
	{"too few cells", head + "a,2023-01,KG\n", `:2: the row has 3 cells but the header has 7 columns`},
	{"unknown kind", head + "a,2023-01,KG,battle,1,s,O\n", `:2:kind: unknown kind "battle"`},
	{"SQL in a ref is just text, but a bad date is not", head + "x'); DROP TABLE incidents;--,2023-99,KG,death,1,s,O\n", `:2:date:`},
}

const head = "ref,date,area,kind,count,summary,source_outlet\n"

func TestBadInputCatalogue(t *testing.T) {
	home := freshHome(t)
	db := filepath.Join(home, "catracker", "catracker.db")
	if r := run(t, "stats"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := fileSum(t, db)
	dir := t.TempDir()
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".csv")
			if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, "import", p)
			if tt.message == "" { // a header-only file is valid and imports nothing
				if r.code != 0 || !strings.Contains(r.stdout, "0 added, 0 updated") {
					t.Errorf("header-only file: %+v", r)
				}
				return
			}
			if r.code != 1 {
				t.Errorf("exit %d, want 1; stderr %q", r.code, r.stderr)
			}
			if want := p + tt.message; !strings.Contains(r.stderr, want) {
				t.Errorf("message %q\nwant it to contain %q", r.stderr, want)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n") + 1; lines != 1 {
				t.Errorf("%d lines of errors, want one clear message:\n%s", lines, r.stderr)
			}
			if fileSum(t, db) != before {
				t.Fatal("the database changed")
			}
		})
	}
	if len(badInputs) < 25 {
		t.Errorf("the catalogue has %d bad inputs, want at least 25", len(badInputs))
	}
	if !bytes.Equal(before[:], fileSumSlice(t, db)) {
		t.Error("the database changed over the catalogue")
	}
}

func fileSumSlice(t *testing.T, path string) []byte {
	s := fileSum(t, path)
	return s[:]
}
