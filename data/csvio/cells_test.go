package csvio_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"catracker/data"
	"catracker/data/csvio"
)

func TestNeutralise(t *testing.T) {
	for _, tt := range []struct{ in, out string }{
		{"=1+1", "'=1+1"},
		{"+7 701 000", "'+7 701 000"},
		{"-x", "'-x"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tTAB", "'\tTAB"},
		{"\rCR", "'\rCR"},
		{"'=quoted", "''=quoted"},
		{"''@", "'''@"},
		{"-5", "-5"},
		{"+12", "+12"},
		{"-2.5", "-2.5"},
		{"-2+3", "'-2+3"},
		{"-", "'-"},
		{"'plain", "'plain"},
		{"plain = text", "plain = text"},
		{"", ""},
	} {
		if got := csvio.Neutralise(tt.in); got != tt.out {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
}

// TestWriteSeriesNeutralisesLabels checks that a chart's CSV cannot run a
// formula from a label (channels can be named by users) and that its
// values stay numbers.
func TestWriteSeriesNeutralisesLabels(t *testing.T) {
	c := &data.Chart{Periods: []data.PeriodKey{data.KeyOf(data.PerMonth, 2023*12+4)},
		Series: []data.Series{{Code: "KG", Label: `=HYPERLINK("http://x","y")`, Values: []int{-5}}}}
	var buf bytes.Buffer
	if err := csvio.WriteSeries(&buf, c); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, `"'=HYPERLINK(""http://x"",""y"")",-5`) {
		t.Errorf("series CSV:\n%s", got)
	}
}

// TestFormatSaysWhatWasConverted checks what the reader reports about a
// file's bytes, for the note shown to the user.
func TestFormatSaysWhatWasConverted(t *testing.T) {
	cp1251, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(spreadsheetFile(";", "\r\n")))
	for _, tt := range []struct {
		name string
		body []byte
		want csvio.Format
		note string
	}{
		{"plain", []byte(spreadsheetFile(",", "\r\n")), csvio.Format{Encoding: "UTF-8", Separator: ','}, ""},
		{"Excel CSV", cp1251, csvio.Format{Encoding: "Windows-1251", Separator: ';'},
			"Read x.csv as Windows-1251 with ';' separators, converted to UTF-8"},
		{"Unicode Text", utf16Bytes(spreadsheetFile("\t", "\r\n"), binary.LittleEndian, true),
			csvio.Format{Encoding: "UTF-16LE", Separator: '\t'}, "Read x.csv as UTF-16LE with tab separators, converted to UTF-8"},
		{"old Mac", []byte(spreadsheetFile(",", "\r")), csvio.Format{Encoding: "UTF-8", Separator: ',', CROnly: true},
			"Read x.csv as UTF-8 with ',' separators and lines ending in a carriage return (CR) alone"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := csvio.NewReader(bytes.NewReader(tt.body), "x.csv")
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Format(); got != tt.want || got.Describe("x.csv") != tt.note {
				t.Errorf("format %+v, note %q; want %+v, %q", got, got.Describe("x.csv"), tt.want, tt.note)
			}
		})
	}
}
