package csvio_test

import (
	"strings"
	"testing"

	"catracker/data/csvio"
)

// TestDatesAsPeopleWriteThem reads dates in the forms spreadsheets and
// people use, stores them canonically and counts the rewrites; a date
// with slashes is refused as ambiguous, naming the accepted forms.
func TestDatesAsPeopleWriteThem(t *testing.T) {
	body := "ref,date,area,kind,count,summary,source_outlet,source_date\n" +
		"a,15.03.2023,KG,death,1,s,Kloop,16.03.2023\n" +
		"b,June 2022,TJ,death,1,s,Kloop,2022-06-30\n" +
		"c,июнь 2022,UZ,death,1,s,Kloop,июль 2022\n" +
		"d,2023-3-5,KZ,death,1,s,Kloop,\n" +
		"e,2023-03-05,KZ,death,1,s,Kloop,\n"
	r, err := csvio.NewReader(strings.NewReader(body), "in.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"a": {"2023-03-15", "2023-03-16"}, "b": {"2022-06", "2022-06-30"},
		"c": {"2022-06", "2022-07"}, "d": {"2023-03-05", ""}, "e": {"2023-03-05", ""}}
	for range want {
		inc, err := r.Next()
		if err != nil {
			t.Fatalf("row %d: %v", r.Row(), err)
		}
		w := want[inc.Ref]
		src := ""
		if !inc.Sources[0].Published.IsZero() {
			src = inc.Sources[0].Published.String()
		}
		if inc.Date.String() != w[0] || src != w[1] {
			t.Errorf("%s: date %s, source %s; want %v", inc.Ref, inc.Date, src, w)
		}
	}
	d := r.DateRewrites()
	if d.Count != 6 || d.Row != 2 || d.Column != "date" || d.From != "15.03.2023" || d.To != "2023-03-15" {
		t.Errorf("rewrites = %+v, want 6 starting at row 2", d)
	}
	if got := d.Describe(); !strings.Contains(got, `6 date(s)`) || !strings.Contains(got, `"15.03.2023" is 2023-03-15`) {
		t.Errorf("Describe() = %q", got)
	}

	r, err = csvio.NewReader(strings.NewReader("ref,date,area,kind,summary,source_outlet\na,03/04/2023,KG,death,s,Kloop\n"), "in.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || !strings.Contains(err.Error(), "in.csv:2:date") ||
		!strings.Contains(err.Error(), "ambiguous") || !strings.Contains(err.Error(), "15.03.2023") {
		t.Errorf("03/04/2023: %v", err)
	}
}
