package csvio_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
)

func TestHeadlineColumn(t *testing.T) {
	if last := csvio.Columns[len(csvio.Columns)-1]; last != "headline" {
		t.Errorf("the last column is %q: headline comes after the columns files had before it", last)
	}
	body := header + ",headline\n"
	body = strings.Replace(body, "cited_as\n,headline", "cited_as,headline", 1) +
		"mob,2022-09-21,RU,policy,,,event,,,,Mobilisation,Outlet,,,,  Russia declares partial mobilisation \n" +
		"eq,2022-09,KG,warning,,,event,,,,A warning,Outlet,,,,=1+1 is no formula\n"
	first, errs, err := readAll(t, body)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if first[0].Headline != "Russia declares partial mobilisation" {
		t.Errorf("headline read as %q", first[0].Headline)
	}
	var buf bytes.Buffer
	if err := csvio.WriteIncidents(&buf, []data.Incident{*first[0], *first[1]}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",'=1+1 is no formula\n") {
		t.Errorf("the headline is not neutralised:\n%s", buf.String())
	}
	second, errs, err := readAll(t, buf.String())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for i := range first {
		if second[i].Headline != first[i].Headline {
			t.Errorf("row %d: headline %q after the round trip, want %q", i, second[i].Headline, first[i].Headline)
		}
	}
	// files without the column still read, with no headline
	old, errs, err := readAll(t, header+"a,2022-09,RU,policy,,,event,,,,A law,Outlet,,,\n")
	if err != nil || len(errs) > 0 || old[0].Headline != "" {
		t.Errorf("a file without headline: %v %v %+v", err, errs, old)
	}
	// a headline too long is a problem of its row and column
	_, errs, err = readAll(t, strings.Replace(body, "  Russia declares", strings.Repeat("long ", 13), 1))
	if err != nil || len(errs) != 1 || errs[0].Column != "headline" {
		t.Errorf("a headline of 65 characters: %v %v", err, errs)
	}
}

func TestSeriesCSVListsEventsAfterTheSeries(t *testing.T) {
	c := &data.Chart{
		Filter:  data.Filter{Family: data.Deaths},
		Periods: data.PeriodRange(data.PerMonth, 2022*12+8, 2022*12+9),
		Series:  []data.Series{{Code: "KG", Label: "Kyrgyzstan", Values: []int{1, 2}}},
		Events: []data.ChartEvent{
			{Date: data.Date{Year: 2022, Month: 9, Day: 21}, Area: data.RU, Kind: data.Policy, Headline: "Partial mobilisation"},
			{Date: data.Date{Year: 2022, Month: 9}, Area: data.KG, Kind: data.Warning, Headline: "@warning"},
			{Date: data.Date{Year: 2022, Month: 10}, Area: data.CA, Kind: data.Warning},
		},
	}
	var buf bytes.Buffer
	if err := csvio.WriteSeries(&buf, c); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the file is not one CSV table of four columns: %v", err)
	}
	want := [][]string{
		{"period", "series_code", "series", "value"},
		{"2022-09", "KG", "Kyrgyzstan", "1"},
		{"2022-10", "KG", "Kyrgyzstan", "2"},
		{"2022-09-21", "EVENT:policy:RU", "Partial mobilisation", "0"},
		{"2022-09", "EVENT:warning:KG", "'@warning", "0"},
		{"2022-10", "EVENT:warning:CA", "Warning: Central Asia (not split by country)", "0"},
	}
	if got, w := strings.Join(flat(rows), "|"), strings.Join(flat(want), "|"); got != w {
		t.Errorf("rows\n%s\nwant\n%s", got, w)
	}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
