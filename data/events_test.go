package data

import (
	"strings"
	"testing"
)

func TestHeadlineRules(t *testing.T) {
	for _, tc := range []struct {
		headline, problem string
	}{
		{"", ""},
		{"Russia declares partial mobilisation", ""},
		{strings.Repeat("я", MaxHeadlineLen), ""}, // characters, not bytes
		{strings.Repeat("я", MaxHeadlineLen+1), "at most 60 characters"},
		{"Two\nlines", "one line"},
		{"A\ttab", "one line"},
		{"bad \xff", "UTF-8"},
	} {
		inc := validIncident()
		inc.Headline = tc.headline
		p := inc.Problems()
		switch {
		case tc.problem == "" && len(p) > 0:
			t.Errorf("headline %q: unexpected problems %v", tc.headline, p)
		case tc.problem != "" && (len(p) != 1 || p[0].Field != "headline" || !strings.Contains(p[0].Message, tc.problem)):
			t.Errorf("headline %q: problems %v, want one in headline saying %q", tc.headline, p, tc.problem)
		}
	}
}

func validIncident() Incident {
	return Incident{Ref: "r", Date: Date{Year: 2022, Month: 9}, Area: RU, Kind: Policy, Basis: Event,
		Summary: "A decree", Sources: []Source{{Outlet: "O"}}}
}

func TestEventsAreOrderedWhereTheyCount(t *testing.T) {
	d := func(s string) Date {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// a date known to the month counts from the month's end, so it comes
	// after every day of the month (the warnings followed the
	// mobilisation of 21 September), and one known to the year after
	// every month
	es := []ChartEvent{
		{Date: d("2023"), Area: RU, Ref: "y"},
		{Date: d("2022-09"), Area: KG, Ref: "kg"},
		{Date: d("2022-09"), Area: KZ, Ref: "kz"},
		{Date: d("2022-09-21"), Area: RU, Ref: "mob"},
		{Date: d("2022-09-20"), Area: RU, Ref: "law"},
		{Date: d("2023-12-30"), Area: RU, Ref: "dec"},
	}
	SortEvents(es)
	var got []string
	for _, e := range es {
		got = append(got, e.Ref)
	}
	if want := "law mob kz kg dec y"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
	if p := d("2022-09-21").MonthPosition(); p <= float64(2022*12+8) || p >= float64(2022*12+9) {
		t.Errorf("21 Sep 2022 at %v, outside September", p)
	}
	if p := d("2022-09").MonthPosition(); p >= float64(2022*12+9) || p < d("2022-09-30").MonthPosition() {
		t.Errorf("Sep 2022 at %v, want on its last day", p)
	}
	c := &Chart{Periods: PeriodRange(PerQuarter, 2022*12+6, 2022*12+11)}
	if !c.InRange(es[0+2]) || c.InRange(es[5]) {
		t.Errorf("InRange: Sep 2022 must be in Q3-Q4 2022, the year 2023 not")
	}
}
