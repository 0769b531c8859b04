package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestSpreadsheetCSVIsReadAndSaysSo validates and imports what Excel with
// Russian settings saves as CSV: semicolons and Windows-1251. Standard
// output keeps the lines scripts read; the conversion is noted on
// standard error.
func TestSpreadsheetCSVIsReadAndSaysSo(t *testing.T) {
	freshHome(t)
	body, err := charmap.Windows1251.NewEncoder().Bytes([]byte("ref;date;area;kind;count;summary;source_outlet;;\r\n" +
		"kg-x;2022-10;KG;death;2;Двое погибших, тела вернули в Ош;Радио Азаттык;;\r\n;;;;;;;;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "excel.csv")
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	note := "Read " + p + " as Windows-1251 with ';' separators, converted to UTF-8\n"
	r := run(t, "validate", p)
	if r.code != 0 || r.stdout != p+": 1 valid incidents\n" || r.stderr != note {
		t.Errorf("validate: %+v", r)
	}
	r = run(t, "import", p)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Imported "+p+": 1 added, 0 updated") || r.stderr != note {
		t.Errorf("import: %+v", r)
	}
}

// TestDatesWrittenAsPeopleWriteThemAreNoted imports a file dated
// "15.03.2023" and "июнь 2022": standard output keeps its one line for
// scripts, standard error says how the dates were stored, and the export
// gives them in the canonical form.
func TestDatesWrittenAsPeopleWriteThemAreNoted(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "dates.csv")
	body := "ref,date,area,kind,count,summary,source_outlet\nkg-a,15.03.2023,KG,death,1,s,Kloop\ntj-b,июнь 2022,TJ,death,1,s,Kloop\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "d.db")
	for _, args := range [][]string{{"validate", p}, {"import", "--db", db, p}} {
		r := run(t, args...)
		if r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
			t.Fatalf("%v: %+v", args, r)
		}
		if want := p + `: 2 date(s) written in another form were stored as YYYY-MM-DD, YYYY-MM or YYYY (row 2, date: "15.03.2023" is 2023-03-15)`; !strings.Contains(r.stderr, want) {
			t.Errorf("%v: stderr %q, want %q", args, r.stderr, want)
		}
	}
	r := run(t, "export-incidents", "--db", db, "--out", "-")
	if !strings.Contains(r.stdout, "kg-a,2023-03-15,") || !strings.Contains(r.stdout, "tj-b,2022-06,") {
		t.Errorf("export:\n%s", r.stdout)
	}
}
