package csvio_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"catracker/data"
	"catracker/data/csvio"
)

// spreadsheetHead is the header of the files below; like Excel, it ends in
// empty columns.
const spreadsheetHead = "ref,date,area,kind,count,summary,source_outlet,source_title,,,"

// spreadsheetRows are two incidents and, between them, a row of nothing
// but separators, as spreadsheets save them.
var spreadsheetRows = []string{
	"kg-1,2022-10,Kyrgyzstan,death,2,\"Двое погибших в Украине; тела вернули в Ош\",Радио Азаттык,«Погибли в Украине» — список,,,",
	",,,,,,,,,,",
	"tj-1,2023-02,TJ,death,1,Похоронен в Хатлоне,Азия-Плюс,Ўзбек ва тоджик,,,",
}

// spreadsheetFile joins the header and rows with separator sep and line end
// eol.
func spreadsheetFile(sep, eol string) string {
	lines := append([]string{spreadsheetHead}, spreadsheetRows...)
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, ",", sep)
	}
	return strings.Join(lines, eol) + eol
}

// checkSpreadsheet reads body and checks that it holds the two incidents,
// with the Cyrillic text intact, and nothing else.
func checkSpreadsheet(t *testing.T, body []byte) {
	t.Helper()
	r, err := csvio.NewReader(bytes.NewReader(body), "excel.csv")
	if err != nil {
		t.Fatalf("the file is refused: %v", err)
	}
	var got []*data.Incident
	for {
		inc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("row %d: %v", r.Row(), err)
		}
		got = append(got, inc)
	}
	if len(got) != 2 {
		t.Fatalf("%d incidents, want 2", len(got))
	}
	a, b := got[0], got[1]
	if a.Area != data.KG || a.Summary != "Двое погибших в Украине; тела вернули в Ош" ||
		a.Sources[0].Outlet != "Радио Азаттык" || a.Sources[0].Title != "«Погибли в Украине» — список" {
		t.Errorf("first incident = %+v %+v", a, a.Sources)
	}
	if b.Ref != "tj-1" || b.Summary != "Похоронен в Хатлоне" || b.Sources[0].Title != "Ўзбек ва тоджик" {
		t.Errorf("second incident = %+v %+v", b, b.Sources)
	}
	if r.Row() != 4 {
		t.Errorf("the last row read is %d, want 4 (the separator-only row counts)", r.Row())
	}
}

// TestExcelSemicolonWindows1251 reads what Excel with Russian or Central
// Asian settings saves as plain "CSV": semicolons, Windows-1251 and CRLF,
// with empty columns at the end and a row of separators only.
func TestExcelSemicolonWindows1251(t *testing.T) {
	body, err := charmap.Windows1251.NewEncoder().Bytes([]byte(spreadsheetFile(";", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte("\xc4\xe2\xee\xe5 \xef\xee\xe3\xe8\xe1\xf8\xe8\xf5")) { // "Двое погибших"
		t.Fatal("the test file is not in Windows-1251")
	}
	checkSpreadsheet(t, body)
}

// utf16Bytes encodes s as UTF-16 in the given byte order, with a
// byte-order mark if bom.
func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		out = order.AppendUint16(out, u)
	}
	return out
}

// TestUTF16TabSeparated reads Excel's "Unicode Text": UTF-16 with tabs,
// in both byte orders, with and without a byte-order mark.
func TestUTF16TabSeparated(t *testing.T) {
	text := spreadsheetFile("\t", "\r\n")
	for _, tt := range []struct {
		name  string
		order binary.AppendByteOrder
		bom   bool
	}{
		{"UTF-16LE with BOM", binary.LittleEndian, true},
		{"UTF-16LE without BOM", binary.LittleEndian, false},
		{"UTF-16BE with BOM", binary.BigEndian, true},
		{"UTF-16BE without BOM", binary.BigEndian, false},
	} {
		t.Run(tt.name, func(t *testing.T) { checkSpreadsheet(t, utf16Bytes(text, tt.order, tt.bom)) })
	}
}

// TestCROnlyLineEnds reads a file whose lines end in a carriage return
// alone, as old Mac programs save them, with a line break inside a cell.
func TestCROnlyLineEnds(t *testing.T) {
	body := strings.Replace(spreadsheetFile(",", "\r"), "Похоронен в Хатлоне", "\"Похоронен\rв Хатлоне\"", 1)
	r, err := csvio.NewReader(strings.NewReader(body), "mac.csv")
	if err != nil {
		t.Fatal(err)
	}
	var summaries []string
	for {
		inc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		summaries = append(summaries, inc.Summary)
	}
	if len(summaries) != 2 || summaries[1] != "Похоронен\nв Хатлоне" {
		t.Errorf("summaries = %q", summaries)
	}
}

// TestTrailingEmptyColumnsAndSeparatorRows reads a UTF-8 file with empty
// columns at the end of the header and of each row, and rows of nothing
// but separators, also above the header.
func TestTrailingEmptyColumnsAndSeparatorRows(t *testing.T) {
	checkSpreadsheet(t, []byte(spreadsheetFile(",", "\n")))
	body := ";;;;;\n" + spreadsheetFile(";", "\n")
	incs, errs, err := readAll(t, body)
	if err != nil || len(errs) != 0 || len(incs) != 2 {
		t.Fatalf("incidents %d, problems %v, error %v", len(incs), errs, err)
	}
}

// TestUnknownEncodingRefusedOnce checks that a file whose encoding cannot
// be told apart gets one problem for the whole file that names the likely
// encodings, not one per cell.
func TestUnknownEncodingRefusedOnce(t *testing.T) {
	for _, tt := range []struct{ name, body, message string }{
		// ООО, a company's legal form, is ООО in Windows-1251 and ннн in KOI8-R.
		{"three capitals", header + "a,2022-03,TJ,death,,4,,,,,\xce\xce\xce,\xce\xce\xce,,,\n", "Windows-1251 (Cyrillic), KOI8-R"},
		{"Latin-1", header + "a,2022-03,TJ,death,,4,,,,,Caf\xe9 cr\xe8me,O,,,\nb,2022-03,TJ,death,,4,,,,,na\xefve,O,,,\n", "Windows-1252 or Latin-1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := csvio.NewReader(strings.NewReader(tt.body), "old.csv")
			var re *data.RowError
			if !errors.As(err, &re) || re.Row != 0 || !strings.Contains(re.Message, tt.message) ||
				!strings.Contains(re.Message, "save it as CSV UTF-8") {
				t.Fatalf("error = %v, want one problem for the file naming %s", err, tt.message)
			}
		})
	}
}

// TestTheEncodingIsToldByTheLetters checks that whole words tell
// Windows-1251 from KOI8-R, whose letters sit at the same bytes in another
// order and case.
func TestTheEncodingIsToldByTheLetters(t *testing.T) {
	const summary = "Суд приговорил гражданина Кыргызстана к семи годам"
	for _, cm := range []*charmap.Charmap{charmap.Windows1251, charmap.KOI8R, charmap.CodePage866} {
		body, err := cm.NewEncoder().Bytes([]byte(header + "a,2023-05,KG,prosecution,sentence,1,,,,,\"" + summary + "\",Outlet,,,\n"))
		if err != nil {
			t.Fatal(err)
		}
		incs, errs, err := readAll(t, string(body))
		if err != nil || len(errs) != 0 || len(incs) != 1 || incs[0].Summary != summary {
			t.Errorf("%s: incidents %v, problems %v, error %v", cm, incs, errs, err)
		}
	}
}

// TestUTF8WithAStrayByteIsReportedByCell checks that a UTF-8 file with one
// bad byte, within the start of the file or far after it, still gets a
// problem at its row and column rather than a guess at another encoding.
func TestUTF8WithAStrayByteIsReportedByCell(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for i := range 1000 {
		b.WriteString("ok" + strconv.Itoa(i) + ",2022-01,KG,death,,1,,,,,Погибший из Оша,Азаттык,,,\n")
	}
	good := b.String()
	for _, body := range []string{
		header + "x,2023-01,KG,death,,1,,,,,Caf\xe9,Азаттык,,,\n" + good[len(header):],
		good + "x,2023-01,KG,death,,1,,,,,\xcf\xee\xe3\xe8\xe1,Азаттык,,,\n",
	} {
		_, errs, err := readAll(t, body)
		if err != nil || len(errs) != 1 || errs[0].Column != "summary" || !strings.Contains(errs[0].Message, "not UTF-8") {
			t.Errorf("problems %v, error %v; want one in column summary", errs, err)
		}
	}
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// endless repeats one byte, up to a limit far beyond what the reader may
// take in (so that a reader without limits fails the test rather than the
// machine).
func endless(b byte) io.Reader {
	return io.LimitReader(readerFunc(func(p []byte) (int, error) {
		for i := range p {
			p[i] = b
		}
		return len(p), nil
	}), 256<<20)
}

type readerFunc func(p []byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// TestEndlessZerosAreRefusedAtOnce reads what /dev/zero gives: one plain
// problem for the whole file, after reading no more than the sample.
func TestEndlessZerosAreRefusedAtOnce(t *testing.T) {
	in := &countingReader{r: endless(0)}
	_, err := csvio.NewReader(in, "/dev/zero")
	var re *data.RowError
	if !errors.As(err, &re) || re.Row != 0 || !strings.Contains(re.Message, "not a text file") {
		t.Fatalf("error = %v, want a plain problem with the file", err)
	}
	if in.n > 1<<20 {
		t.Errorf("read %d bytes of zeros before refusing the file", in.n)
	}
}

// TestEndlessCellStopsAtTheLimit reads a row whose cell never ends: the
// reader stops at the cell limit with a problem naming the row and the
// column, reads no further, and ends the file there.
func TestEndlessCellStopsAtTheLimit(t *testing.T) {
	for _, tt := range []struct {
		name   string
		start  string
		row    int
		column string
		what   string
	}{
		{"endless header", "ref,date,", 1, "column 3", "the cell is longer than 64 KiB"},
		{"endless cell", header + "a,2022-03,TJ,death,,4,,,,,", 2, "summary", "the cell is longer than 64 KiB"},
		{"endless quoted cell", header + "a,2022-03,TJ,death,,4,,,,,\"open", 2, "summary", "a quote (\") may be left open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &countingReader{r: io.MultiReader(strings.NewReader(tt.start), endless('x'))}
			r, err := csvio.NewReader(in, "big.csv")
			if tt.row > 1 {
				if err != nil {
					t.Fatal(err)
				}
				_, err = r.Next()
			}
			var re *data.RowError
			if !errors.As(err, &re) || re.Row != tt.row || re.Column != tt.column || !strings.Contains(re.Message, tt.what) {
				t.Fatalf("error = %v, want row %d column %s: %s", err, tt.row, tt.column, tt.what)
			}
			if in.n > 2<<20 {
				t.Errorf("read %d bytes of one endless cell", in.n)
			}
			if r != nil {
				if _, err := r.Next(); !errors.Is(err, io.EOF) {
					t.Errorf("after the endless cell: %v, want the end of the file", err)
				}
			}
		})
	}
}

// TestHugeCellAndRow reads a 2 MiB cell, with line breaks inside its
// quotes, and a row of many large cells that is longer than 1 MiB in all.
func TestHugeCellAndRow(t *testing.T) {
	cell := `"` + strings.Repeat(strings.Repeat("y", 1023)+"\n", 2048) + `"`
	body := "ref,date,area,kind,summary,source_outlet,notes\n" +
		"a,2022-03,TJ,death,s,O,n\n" +
		"b,2022-03,TJ,death,s,O," + cell + "\n" +
		"c,2022-03,TJ,death,s,O,n\n"
	incs, errs, err := readAll(t, body)
	if err != nil || len(incs) != 1 || len(errs) != 1 || errs[0].Row != 3 || errs[0].Column != "notes" ||
		!strings.Contains(errs[0].Message, "longer than 64 KiB") {
		t.Fatalf("incidents %d, problems %v, error %v; want the first incident and a problem at row 3, notes", len(incs), errs, err)
	}
	body = "ref,date,area,kind,summary,source_outlet\n" +
		"a,2022-03,TJ,death,s,O" + strings.Repeat(","+strings.Repeat("z", 60<<10), 20) + "\n"
	_, errs, err = readAll(t, body)
	if err != nil || len(errs) != 1 || errs[0].Row != 2 || errs[0].Column != "" || !strings.Contains(errs[0].Message, "the row is longer than 1 MiB") {
		t.Fatalf("problems %v, error %v; want the row too long", errs, err)
	}
}

// TestPipesInSourcesRoundTrip writes sources whose text holds the
// separator and reads them back unchanged.
func TestPipesInSourcesRoundTrip(t *testing.T) {
	one := 1
	inc := data.Incident{Ref: "p", Date: data.Date{Year: 2023, Month: 4}, Area: data.KG, Kind: data.Death, Count: &one,
		Basis: data.Event, Summary: "s", Sources: []data.Source{
			{Outlet: "Kloop", Title: "Title | Kloop.kg", URL: "https://example.org/search?q=a|b"},
			{Outlet: "AC|DC", Title: "|leading", CitedAs: "trailing|"},
			{Outlet: "|", Title: "||", Author: "a || b"},
			{Outlet: "Plain", Title: "| both |"},
		}}
	var buf bytes.Buffer
	if err := csvio.WriteIncidents(&buf, []data.Incident{inc}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Title || Kloop.kg | ||leading | |||| | || both ||") {
		t.Errorf("the titles are not written with doubled pipes:\n%s", buf.String())
	}
	incs, errs, err := readAll(t, buf.String())
	if err != nil || len(errs) != 0 || len(incs) != 1 {
		t.Fatalf("reading back: %v %v\n%s", errs, err, buf.String())
	}
	got := incs[0].Sources
	if len(got) != len(inc.Sources) {
		t.Fatalf("%d sources back, want %d: %+v", len(got), len(inc.Sources), got)
	}
	for i := range got {
		if got[i] != inc.Sources[i] {
			t.Errorf("source %d = %+v, want %+v", i, got[i], inc.Sources[i])
		}
	}
	// A single | still separates sources in a file written by hand.
	incs, _, _ = readAll(t, header+"a,2022-03,TJ,death,,4,,,,,s,A|B,T1 |T2,,\n")
	if len(incs) != 1 || len(incs[0].Sources) != 2 || incs[0].Sources[1].Title != "T2" {
		t.Errorf("hand-written sources: %+v", incs)
	}
}

// TestFormulaCellsRoundTrip writes cells a spreadsheet would run as
// formulas: the file holds them with an apostrophe in front, and they
// read back as they were.
func TestFormulaCellsRoundTrip(t *testing.T) {
	inc := data.Incident{Ref: "+7 701", Date: data.Date{Year: 2023}, Area: data.KZ, Kind: data.Warning, Basis: data.Event,
		Person: "-Rustam", Summary: `=HYPERLINK("http://evil.example","click")`, Notes: "@SUM(A1:A9)",
		Sources: []data.Source{{Outlet: "'=quoted already", Title: "''+two", Author: "'plain", URL: "-5"}}}
	var buf bytes.Buffer
	if err := csvio.WriteIncidents(&buf, []data.Incident{inc}); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	for _, want := range []string{"'+7 701,", "'-Rustam,", `"'=HYPERLINK(`, "'@SUM(A1:A9)", "''=quoted already", "'''+two", ",'plain,", ",-5,"} {
		if !strings.Contains(written, want) {
			t.Errorf("the file lacks %q:\n%s", want, written)
		}
	}
	incs, errs, err := readAll(t, written)
	if err != nil || len(errs) != 0 || len(incs) != 1 {
		t.Fatalf("reading back: %v %v", errs, err)
	}
	a, b := csvio.Record(&inc), csvio.Record(incs[0])
	if strings.Join(a, "\x1f") != strings.Join(b, "\x1f") {
		t.Errorf("the round trip changed the incident:\n%q\n%q", a, b)
	}
	if got := incs[0]; got.Ref != inc.Ref || got.Summary != inc.Summary || got.Sources[0] != inc.Sources[0] {
		t.Errorf("read back %+v %+v", got, got.Sources)
	}
}

// TestHeaderTextIsQuotedInMessages checks that text from the file, such as
// a terminal escape sequence in an unknown header, reaches a message only
// quoted, never raw.
func TestHeaderTextIsQuotedInMessages(t *testing.T) {
	body := "ref,date,area,kind,summary,source_outlet,\x1b[2J\x1b[31mred\u202e\n"
	_, err := csvio.NewReader(strings.NewReader(body), "in.csv")
	if err == nil {
		t.Fatal("an unknown column is accepted")
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\u202e") {
		t.Errorf("the message holds the raw escape: %q", msg)
	}
	if !strings.Contains(msg, `in.csv:1:column 7: unknown column "\x1b[2j\x1b[31mred\u202e"`) {
		t.Errorf("message = %q", msg)
	}
}
