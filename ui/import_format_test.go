package ui

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestImportOfAnExcelFileSaysHowItWasRead imports what Excel with Russian
// settings saves as CSV, semicolons and Windows-1251, and checks that the
// result says so.
func TestImportOfAnExcelFileSaysHowItWasRead(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	body, err := charmap.Windows1251.NewEncoder().String("ref;date;area;kind;count;summary;source_outlet;;\r\n" +
		"t-1;2023-05-01;KG;death;2;Двое погибших, тела вернули в Ош;Радио Азаттык;;\r\n;;;;;;;;\r\n")
	if err != nil {
		t.Fatal(err)
	}
	path := writeCSV(t, body)
	do(func() { h.u.importFile(path) })
	// The preview says so before anything is written, and so does the
	// result.
	h.waitText("incidents.csv was read as Windows-1251 text with semicolons between the columns.")
	h.tap("Import")
	h.waitText("Import finished")
	h.waitText("incidents.csv was read as Windows-1251 text with semicolons between the columns.")
	h.waitText("Its text was converted to UTF-8")
	if after := h.stats(); after.Incidents != before.Incidents+1 {
		t.Errorf("%d incidents after the import, want %d", after.Incidents, before.Incidents+1)
	}
}
