package data

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixClock sets today to the given day for the test.
func fixClock(t *testing.T, day string) {
	t.Helper()
	now, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	old := Clock
	Clock = func() time.Time { return now.Add(15 * time.Hour) }
	t.Cleanup(func() { Clock = old })
}

func goodIncident() Incident {
	one := 1
	return Incident{Ref: "r1", Date: Date{Year: 2023, Month: 3, Day: 15}, Area: TJ, Kind: Death, Basis: Event,
		Count: &one, Summary: "s", Sources: []Source{{Outlet: "o", Published: Date{Year: 2023, Month: 3, Day: 20}}}}
}

// fields lists the fields of the problems, in their order.
func fields(p []FieldError) []string {
	out := make([]string, len(p))
	for i, e := range p {
		out[i] = e.Field
	}
	return out
}

// TestImpossibleValuesRefused: each impossible value is refused with a
// message about its own column, and only it.
func TestImpossibleValuesRefused(t *testing.T) {
	fixClock(t, "2025-06-15")
	big, most := MaxCount+1, MaxCount
	tests := []struct {
		name, field, message string
		edit                 func(*Incident)
	}{
		{"future day", "date", "date 2025-06-16 is in the future (today is 2025-06-15)",
			func(i *Incident) { i.Date = Date{Year: 2025, Month: 6, Day: 16}; i.Sources[0].Published = Date{} }},
		{"future month", "date", "in the future", func(i *Incident) { i.Date = Date{Year: 2025, Month: 7}; i.Sources = []Source{{Outlet: "o"}} }},
		{"future year", "date", "in the future", func(i *Incident) { i.Date = Date{Year: 2099}; i.Sources = []Source{{Outlet: "o"}} }},
		{"source from the future", "source_date", "the source is dated 2025-06-16, in the future",
			func(i *Incident) { i.Sources[0].Published = Date{Year: 2025, Month: 6, Day: 16} }},
		{"source before the incident", "source_date", "the source was published 2022-02, before the incident (2023-03-15)",
			func(i *Incident) { i.Sources[0].Published = Date{Year: 2022, Month: 2} }},
		{"second source before the incident", "source_date", "source 2 was published 2023-03-14, before the incident",
			func(i *Incident) {
				i.Sources = append(i.Sources, Source{Outlet: "p", Published: Date{Year: 2023, Month: 3, Day: 14}})
			}},
		{"total without a count", "count", "basis total needs a count", func(i *Incident) { i.Basis, i.Count = Total, nil }},
		{"lower bound without a count", "count", "basis at_least needs a count", func(i *Incident) { i.Basis, i.Count = AtLeast, nil }},
		{"estimate without a count", "count", "basis estimate needs a count", func(i *Incident) { i.Basis, i.Count = Estimate, nil }},
		{"count above MaxCount", "count", "count 10000001 is more than 10,000,000", func(i *Incident) { i.Count = &big }},
		{"RU death", "area", "RU is for Russian measures that concern every country", func(i *Incident) { i.Area = RU }},
		{"RU prosecution", "area", "not for a prosecution: put figures about Central Asians in Russia under their country",
			func(i *Incident) { i.Area, i.Kind, i.Stage = RU, Prosecution, Sentence }},
		{"RU captured", "area", "not for a captured", func(i *Incident) { i.Area, i.Kind = RU, Captured }},
		{"repeated source", "source_outlet", "source 3 repeats source 1; list it once and put both citations in cited_as",
			func(i *Incident) {
				s := i.Sources[0]
				s.CitedAs, s.Author = "Radio Ozodi", "someone"
				i.Sources = append(i.Sources, Source{Outlet: "other"}, s)
			}},
	}
	for _, tt := range tests {
		inc := goodIncident()
		tt.edit(&inc)
		p := inc.Problems()
		if len(p) != 1 || p[0].Field != tt.field || !strings.Contains(p[0].Message, tt.message) {
			t.Errorf("%s: problems %v, want one in %s saying %q", tt.name, p, tt.field, tt.message)
		}
		var ve *ValidationError
		if err := inc.Validate(); !asValidation(err, &ve) || !reflect.DeepEqual(ve.FieldError, p[0]) {
			t.Errorf("%s: Validate() = %v, want the first problem", tt.name, err)
		}
	}

	// Possible values of the same kinds pass.
	for name, edit := range map[string]func(*Incident){
		"today": func(i *Incident) { i.Date = Date{Year: 2025, Month: 6, Day: 15}; i.Sources[0].Published = i.Date },
		"this month": func(i *Incident) {
			i.Date = Date{Year: 2025, Month: 6}
			i.Sources[0].Published = Date{Year: 2025, Month: 6, Day: 15}
		},
		"this year": func(i *Incident) {
			i.Date = Date{Year: 2025}
			i.Sources[0].Published = Date{Year: 2025, Month: 1, Day: 5}
		},
		"year incident, source in its year": func(i *Incident) {
			i.Date = Date{Year: 2023}
			i.Sources[0].Published = Date{Year: 2023, Month: 1, Day: 5}
		},
		"day incident, source in its month":  func(i *Incident) { i.Sources[0].Published = Date{Year: 2023, Month: 3} },
		"day incident, source the same day":  func(i *Incident) { i.Sources[0].Published = i.Date },
		"month incident, source in its year": func(i *Incident) { i.Date = Date{Year: 2023, Month: 3}; i.Sources[0].Published = Date{Year: 2023} },
		"count of MaxCount":                  func(i *Incident) { i.Count = &most },
		"total with a count":                 func(i *Incident) { i.Basis = Total },
		"event without a count":              func(i *Incident) { i.Count = nil },
		"RU recruitment":                     func(i *Incident) { i.Area, i.Kind, i.Channel = RU, Recruitment, "migration_centre" },
		"RU policy":                          func(i *Incident) { i.Area, i.Kind = RU, Policy },
		"RU warning":                         func(i *Incident) { i.Area, i.Kind = RU, Warning },
		"one outlet, two articles": func(i *Incident) {
			i.Sources = append(i.Sources, Source{Outlet: "o", Title: "another", Published: i.Sources[0].Published})
		},
	} {
		inc := goodIncident()
		edit(&inc)
		if p := inc.Problems(); p != nil {
			t.Errorf("%s: refused: %v", name, p)
		}
	}
}

// TestProblemsListsEveryProblemInColumnOrder: an incident with a problem
// in many fields gets them all, in the order of the CSV columns, the same
// every time.
func TestProblemsListsEveryProblemInColumnOrder(t *testing.T) {
	fixClock(t, "2025-06-15")
	big := MaxCount * 2
	inc := Incident{Ref: "bad\xffref", Date: Date{Year: 2030}, Area: RU, Kind: Death, Stage: Sentence, Count: &big,
		Basis: "guess", Channel: "prison", Side: "neutral", Group: "tourists", Person: "a\x00b", Summary: " ",
		Notes: "bad \xff notes", Sources: []Source{{Outlet: "o", Published: Date{Year: 2031}}, {Outlet: "o", Published: Date{Year: 2031}}}}
	want := []string{"ref", "date", "area", "stage", "count", "basis", "channel", "side", "group", "person", "summary",
		"source_outlet", "source_date", "source_date", "notes"}
	first := inc.Problems()
	if got := fields(first); !slices.Equal(got, want) {
		t.Fatalf("fields = %v\nwant     %v", got, want)
	}
	for range 20 {
		if again := inc.Problems(); fmt.Sprint(again) != fmt.Sprint(first) {
			t.Fatalf("problems changed between runs:\n%v\n%v", first, again)
		}
	}
}

// TestRowErrorsKeepTheFirstRows: problems found out of order of rows are
// kept by row, the first MaxReported rows, and all are counted.
func TestRowErrorsKeepTheFirstRows(t *testing.T) {
	var e RowErrors
	for row := MaxReported + 50; row >= 2; row-- {
		e.Add(&RowError{Row: row, Column: "date", Message: "late"})
	}
	e.Add(&RowError{Row: 7, Column: "ref", Message: "found later"})
	if e.Total != MaxReported+50 || len(e.List) != MaxReported {
		t.Fatalf("total %d, kept %d", e.Total, len(e.List))
	}
	for i, r := range e.List {
		if i > 0 && r.Row < e.List[i-1].Row {
			t.Fatalf("row %d listed after row %d", r.Row, e.List[i-1].Row)
		}
	}
	if e.List[0].Row != 2 || e.List[5].Message != "late" || e.List[6].Message != "found later" {
		t.Errorf("list starts %v %v %v", e.List[0], e.List[5], e.List[6])
	}
	problems := RowProblems{{Row: 1, Column: "a", Message: "x"}, {Row: 1, Column: "b", Message: "y"}}
	var f RowErrors
	if !f.Record(problems) || f.Total != 2 || f.Record(fmt.Errorf("disk on fire")) || f.Total != 2 {
		t.Errorf("Record: %+v", f)
	}
}
