package csvio_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
)

const header = "ref,date,area,kind,stage,count,basis,channel,side,person,summary,source_outlet,source_title,source_date,cited_as\n"

// readAll reads every row and returns the incidents and the row errors.
func readAll(t *testing.T, body string) ([]*data.Incident, []*data.RowError, error) {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(body), "in.csv")
	if err != nil {
		return nil, nil, err
	}
	var incs []*data.Incident
	var errs []*data.RowError
	for {
		inc, err := r.Next()
		if errors.Is(err, io.EOF) {
			return incs, errs, nil
		}
		var re *data.RowError
		if errors.As(err, &re) {
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		incs = append(incs, inc)
	}
}

func TestReadGoodRows(t *testing.T) {
	body := header +
		"a,2022-03,Tajikistan,Death,,4,,,Russia,,Four burials,Outlet A | Outlet B,T1 | T2,2022-03-25 | 2022-04,Radio Ozodi | \n" +
		"b,2023,kg,prosecution,SENTENCE,,event,,,Askar K,Sentenced,Kloop,,,\n" +
		"c,2022-09-20,RU,recruitment,,,,migration_centre,,,\"Office, opened\",Outlet,\"A \"\"quoted\"\" title\",,\n"
	incs, errs, err := readAll(t, body)
	if err != nil || len(errs) > 0 {
		t.Fatalf("err %v, row errors %v", err, errs)
	}
	if len(incs) != 3 {
		t.Fatalf("%d incidents, want 3", len(incs))
	}
	a := incs[0]
	if a.Area != data.TJ || a.Kind != data.Death || *a.Count != 4 || a.Basis != data.Event || a.Side != data.Russia {
		t.Errorf("row a = %+v", a)
	}
	if len(a.Sources) != 2 || a.Sources[1].Outlet != "Outlet B" || a.Sources[1].Published.String() != "2022-04" ||
		a.Sources[0].CitedAs != "Radio Ozodi" || a.Sources[1].CitedAs != "" {
		t.Errorf("sources of a = %+v", a.Sources)
	}
	if b := incs[1]; b.Count != nil || b.Stage != data.Sentence || b.Date.Precision() != data.Year {
		t.Errorf("row b = %+v", b)
	}
	if c := incs[2]; c.Summary != "Office, opened" || c.Sources[0].Title != `A "quoted" title` {
		t.Errorf("row c = %+v", c)
	}
}

func TestColumnsInAnyOrderAndOptional(t *testing.T) {
	body := "summary,source_outlet,kind,area,date,ref\nA death,Outlet,death,UZ,2024-01-02,x\n"
	incs, errs, err := readAll(t, body)
	if err != nil || len(errs) > 0 || len(incs) != 1 || incs[0].Area != data.UZ || incs[0].Basis != data.Event {
		t.Fatalf("incs %v errs %v err %v", incs, errs, err)
	}
}

func TestRowErrorsNameRowAndColumn(t *testing.T) {
	tests := []struct {
		name, row, column, message string
	}{
		{"unknown country", `x,2023-01,Kirgizia,death,,1,,,,,s,O,,,`, "area", `unknown country "Kirgizia"`},
		{"impossible date", `x,31.02.2023,KG,death,,1,,,,,s,O,,,`, "date", `date "31.02.2023" is not a date`},
		{"slashed date", `x,03/04/2023,KG,death,,1,,,,,s,O,,,`, "date", `date "03/04/2023" is ambiguous`},
		{"negative count", `x,2023-01,KG,death,,-3,,,,,s,O,,,`, "count", `count "-3"`},
		{"fractional count", `x,2023-01,KG,death,,2.5,,,,,s,O,,,`, "count", "whole number"},
		{"channel on a death", `x,2023-01,KG,death,,1,,prison,,,s,O,,,`, "channel", "only for recruitment"},
		{"stage on recruitment", `x,2023-01,KG,recruitment,sentence,,,prison,,,s,O,,,`, "stage", "only for prosecutions"},
		{"missing source", `x,2023-01,KG,death,,1,,,,,s,,,,`, "source_outlet", "source_outlet is required"},
		{"missing summary", `x,2023-01,KG,death,,1,,,,,,O,,,`, "summary", "summary is required"},
		{"February 30", `x,2023-02-30,KG,death,,1,,,,,s,O,,,`, "date", "February 2023 has 28 days"},
		{"month 13", `x,2023-13,KG,death,,1,,,,,s,O,,,`, "date", "no month 13"},
		{"day first", `x,23-05-2023,KG,death,,1,,,,,s,O,,,`, "date", "not a date"},
		{"unknown basis", `x,2023-01,KG,death,,1,about,,,,s,O,,,`, "basis", `unknown basis "about"`},
		{"unknown side", `x,2023-01,KG,death,,1,,,wagner,,s,O,,,`, "side", `unknown side "wagner"`},
		{"too few cells", `x,2023-01,KG`, "", "has 3 cells but the header has 15"},
		{"source parts mismatch", `x,2023-01,KG,death,,1,,,,,s,A | B,T1 | T2 | T3,,`, "source_title", "3 parts"},
		{"bad source date", `x,2023-01,KG,death,,1,,,,,s,A,,2023-02-31,`, "source_date", "not a date"},
		{"Latin-1 text in a UTF-8 file", "x,2023-01,KG,death,,1,,,,,Caf\xe9,Ош,,,", "summary", "not UTF-8"},
		{"NUL byte", "x,2023-01,KG,death,,1,,,,,a\x00b,O,,,", "summary", "NUL"},
		{"prosecution without stage", `x,2023-01,KG,prosecution,,1,,,,,s,O,,,`, "stage", "needs a stage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, err := readAll(t, header+"ok,2022-01,KG,death,,1,,,,,fine,O,,,\n"+tt.row+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) != 1 {
				t.Fatalf("row errors = %v, want one", errs)
			}
			e := errs[0]
			if e.File != "in.csv" || e.Row != 3 || e.Column != tt.column || !strings.Contains(e.Message, tt.message) {
				t.Errorf("got %q; want in.csv row 3 column %q with %q", e.Error(), tt.column, tt.message)
			}
		})
	}
}

func TestFileLevelErrors(t *testing.T) {
	tests := []struct {
		name, body, message string
	}{
		{"empty file", "", "the file is empty"},
		{"xlsx renamed", "PK\x03\x04\x14\x00\x06\x00rest of a zip", "spreadsheet workbook"},
		{"pipes", "ref|date|area|kind|summary|source_outlet\n", `separated by "|"`},
		{"semicolons, one missing", "ref;date;area;kind;summary\n", `required column "source_outlet"`},
		{"missing required", "ref,date,area,kind,summary\n", `required column "source_outlet"`},
		{"unknown column", header[:len(header)-1] + ",colour\n", `unknown column "colour"`},
		{"duplicate column", "ref,date,area,kind,summary,source_outlet,date\n", `"date" appears twice`},
		{"UTF-16 header cut short", "\xff\xfer\x00e\x00f\x00", `required column "date"`},
		{"a database", "SQLite format 3\x00\x10\x00\x01\x01", "this is a database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := csvio.NewReader(strings.NewReader(tt.body), "in.csv")
			var re *data.RowError
			if !errors.As(err, &re) || !strings.Contains(re.Message, tt.message) {
				t.Errorf("error = %v, want a row error containing %q", err, tt.message)
			}
			if data.ErrorCode(err) != data.EINVALID {
				t.Errorf("code = %s, want invalid", data.ErrorCode(err))
			}
		})
	}
}

func TestBOMAndCRLF(t *testing.T) {
	body := "\xef\xbb\xbf" + strings.ReplaceAll(header+"a,2022-03,TJ,death,,4,,,,,s,O,,,\n", "\n", "\r\n")
	incs, errs, err := readAll(t, body)
	if err != nil || len(errs) != 0 || len(incs) != 1 || incs[0].Ref != "a" || incs[0].Sources[0].Outlet != "O" {
		t.Fatalf("incs %v errs %v err %v", incs, errs, err)
	}
}

func TestOpenQuoteIsReported(t *testing.T) {
	_, errs, err := readAll(t, header+"a,2022-03,TJ,death,,4,,,,,\"never closed,O,,,\n")
	if err != nil || len(errs) != 1 || !strings.Contains(errs[0].Message, "quote") {
		t.Fatalf("errs %v err %v", errs, err)
	}
}

func TestWriteIncidentsRoundTrips(t *testing.T) {
	body := header +
		"a,2022-03,TJ,death,,4,total,,russia,,\"Four, with \"\"quotes\"\" & <tags>\",Outlet A | Outlet B,T1 | ,2022-03-25 | 2022-04,Radio Ozodi | \n" +
		"b,2023,KG,prosecution,sentence,,event,,,Askar K,Sentenced,Kloop,,,\n"
	first, errs, err := readAll(t, body)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var buf bytes.Buffer
	var list []data.Incident
	for _, inc := range first {
		list = append(list, *inc)
	}
	if err := csvio.WriteIncidents(&buf, list); err != nil {
		t.Fatal(err)
	}
	second, errs, err := readAll(t, buf.String())
	if err != nil || len(errs) > 0 {
		t.Fatalf("re-reading the written file: %v %v\n%s", err, errs, buf.String())
	}
	for i := range first {
		a, b := csvio.Record(first[i]), csvio.Record(second[i])
		if strings.Join(a, "\x1f") != strings.Join(b, "\x1f") {
			t.Errorf("row %d changed on the round trip:\n%q\n%q", i, a, b)
		}
	}
}
