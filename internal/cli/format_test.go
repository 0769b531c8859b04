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
