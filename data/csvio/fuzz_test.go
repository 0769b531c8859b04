package csvio_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
)

// FuzzReader feeds arbitrary bytes to the reader. It must never panic or
// loop, every incident it returns must be valid, every problem must name a
// row, and the incidents must survive a write and re-read unchanged.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		header + "a,2022-03,TJ,death,,4,,,,,s,O,,,\n",
		header + "a,2022-03,Tajikistan,death,,4,total,,russia,,s,A | B,T1 | T2,2022-03-25 | 2022-04,X | \n",
		header + "b,2023,kg,prosecution,sentence,,,,,Askar,s,K,,,\n",
		header + "c,2022-09-20,RU,recruitment,,,,migration_centre,,,\"a, \"\"b\"\"\",O,,,\n",
		header + "x,31/02/2023,Kirgizia,death,,-3,,prison,,,,,,,\n",
		header + "x,2023-01,KG,death,,1,,,,,\"open quote,O,,,\n",
		"\xef\xbb\xbf" + strings.ReplaceAll(header+"a,2022,UZ,warning,,,,,,,s,O,,,\n", "\n", "\r\n"),
		"ref;date;area\n1;2;3\n",
		"PK\x03\x04",
		"",
		header,
		header + "a,2022-03,TJ,death,,4,,,,,Caf\xe9,O,,,\n",
		header + "a,2022-03,TJ,death,,4,,,,,Caf\xe9,Ош,,,\n",
		"ref;date;area;kind;summary;source_outlet;;\r\na;2022;KG;death;\"x;y\";O;;\r\n;;;;;;;\r\n",
		"ref,date,area,kind,summary,source_outlet\ra,2022,KG,death,s,O\r",
		"\xff\xfer\x00e\x00f\x00\t\x00",
		header + "a,2022-03,TJ,death,,4,,,,,\xcf\xee\xe3\xe8\xe1\xf8\xe8\xe9 \xe8\xe7 \xce\xf8\xe0,O,,,\n",
		header + "a,2022-03,TJ,death,,4,,,,,'=1+1,Title || Kloop.kg | AC||DC,x|||y,,\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := csvio.NewReader(bytes.NewReader(in), "fuzz.csv")
		if err != nil {
			var re *data.RowError
			if !errors.As(err, &re) || re.Message == "" {
				t.Fatalf("header error is not a row error with a message: %v", err)
			}
			return
		}
		var good []data.Incident
		for i := 0; ; i++ {
			if i > len(in)+1 {
				t.Fatal("more rows than bytes: the reader does not advance")
			}
			inc, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *data.RowError
			if errors.As(err, &re) {
				if re.Row < 2 || re.Message == "" {
					t.Fatalf("row error without a row or message: %#v", re)
				}
				continue
			}
			if err != nil {
				t.Fatalf("unexpected error type: %v", err)
			}
			if err := inc.Validate(); err != nil {
				t.Fatalf("reader returned an invalid incident: %v", err)
			}
			good = append(good, *inc)
		}
		var buf bytes.Buffer
		if err := csvio.WriteIncidents(&buf, good); err != nil {
			t.Fatal(err)
		}
		r2, err := csvio.NewReader(&buf, "again.csv")
		if err != nil {
			t.Fatalf("re-reading written incidents: %v", err)
		}
		for i := range good {
			inc, err := r2.Next()
			if err != nil {
				t.Fatalf("re-reading incident %d: %v", i, err)
			}
			a, b := csvio.Record(&good[i]), csvio.Record(inc)
			if strings.Join(a, "\x1f") != strings.Join(b, "\x1f") {
				t.Fatalf("round trip changed incident %d:\n%q\n%q", i, a, b)
			}
		}
	})
}

// FuzzRoundTrip builds an incident from arbitrary text, with the source
// separator, quotes, line breaks, formula triggers, apostrophes and
// Cyrillic among the seeds. Whatever the writer writes, the reader must
// read back into the same incident, and writing that again must give the
// same bytes.
func FuzzRoundTrip(f *testing.F) {
	f.Add("=cmd|' /C calc'!A0", "Title | Kloop.kg", "AC|DC", "@SUM(1)", "Kloop\x1fTitle | Kloop.kg\x1f\x1fhttps://x.org/a|b\x1f\x1eAzattyk\x1f||\x1f-5\x1f\x1f|trail|", 3)
	f.Add("kg-1", "Двое \"погибших\"\nв Оше", "-Асан", "'=already", "Радио Азаттык\x1f«Погибли» — список\x1f'+x\x1f\x1fАзаттык, 2022", -1)
	f.Add("+1", "\tsummary\r\n", "", "''@x\r\nline", "|\x1e||\x1e|||", 0)
	f.Fuzz(func(t *testing.T, ref, summary, person, notes, sources string, count int) {
		clean := func(s string) string {
			s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
			for strings.Contains(s, "\r\n") { // CSV reads a CRLF in a cell as LF
				s = strings.ReplaceAll(s, "\r\n", "\n")
			}
			return strings.TrimSpace(s)
		}
		inc := data.Incident{Ref: clean(ref), Date: data.Date{Year: 2023, Month: 5}, Area: data.KG, Kind: data.Death,
			Basis: data.Event, Summary: clean(summary), Person: clean(person), Notes: clean(notes)}
		if count >= 0 {
			inc.Count = &count
		}
		for i, s := range strings.Split(sources, "\x1e") {
			p := append(strings.Split(s, "\x1f"), "", "", "", "", "")
			inc.Sources = append(inc.Sources, data.Source{Outlet: clean(p[0]), Title: clean(p[1]), Author: clean(p[2]),
				URL: clean(p[3]), CitedAs: clean(p[4]), Published: data.Date{Year: 2020 + i%5, Month: (len(s) + i) % 13}})
		}
		if inc.Validate() != nil {
			return
		}
		var first bytes.Buffer
		if err := csvio.WriteIncidents(&first, []data.Incident{inc}); err != nil {
			t.Fatal(err)
		}
		written := first.String()
		r, err := csvio.NewReader(strings.NewReader(written), "written.csv")
		if err != nil {
			t.Fatalf("the written file is refused: %v\n%q", err, written)
		}
		got, err := r.Next()
		if err != nil {
			t.Fatalf("the written incident is refused: %v\n%q", err, written)
		}
		if !reflect.DeepEqual(*got, inc) {
			t.Fatalf("the round trip changed the incident:\n%+v\n%+v\n%q", inc, *got, written)
		}
		if _, err := r.Next(); !errors.Is(err, io.EOF) {
			t.Fatalf("a second row after the one written: %v", err)
		}
		var second bytes.Buffer
		if err := csvio.WriteIncidents(&second, []data.Incident{*got}); err != nil {
			t.Fatal(err)
		}
		if second.String() != written {
			t.Fatalf("writing again changed the file:\n%q\n%q", written, second.String())
		}
	})
}

// FuzzParseDate checks that a parsed date formats back to itself and ends
// no earlier than it starts.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-05-14", "2022-05", "2022", "2023-02-30", "2023-13", "23-05-2023", "", "0000-00-00", "2024-02-29",
		"15.03.2023", "3.2023", "June 2022", "15 марта 2023 г.", "03/04/2023", "2023-3-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The dates people write must read as a canonical date or be
		// refused; a canonical date reads the same either way.
		u, uerr := data.ParseUserDate(s)
		if uerr != nil && data.ErrorCode(uerr) != data.EINVALID {
			t.Fatalf("ParseUserDate(%q) error code %s", s, data.ErrorCode(uerr))
		}
		if uerr == nil {
			if back, err := data.ParseDate(u.String()); err != nil || back != u {
				t.Fatalf("ParseUserDate(%q) = %v, which is not canonical (%v)", s, u, err)
			}
		}
		d, err := data.ParseDate(s)
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("ParseDate(%q) error code %s", s, data.ErrorCode(err))
			}
			return
		}
		if uerr != nil || u != d {
			t.Fatalf("ParseUserDate(%q) = %v, %v but ParseDate gives %v", s, u, uerr, d)
		}
		again, err := data.ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %v, which does not parse back (%v)", s, d, err)
		}
		if d.End().Year() != d.Year {
			t.Fatalf("ParseDate(%q) ends in another year: %v", s, d.End())
		}
	})
}

// FuzzParseArea checks that any accepted area is a known code.
func FuzzParseArea(f *testing.F) {
	for _, s := range []string{"KG", "kyrgyzstan", "Kirgizia", "", "CA", "ru"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := data.ParseArea(s)
		if err != nil {
			return
		}
		found := false
		for _, k := range data.Areas {
			found = found || k == a
		}
		if !found {
			t.Fatalf("ParseArea(%q) = %q, not a known area", s, a)
		}
	})
}
