package cli_test

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestExportEventsAndNoEvents exports the bundled dataset's deaths: its
// CSV lists the policies and warnings of the chart's dates after the
// series, in the order of the chart's numbers, and --no-events leaves them out of
// the CSV and the image.
func TestExportEventsAndNoEvents(t *testing.T) {
	freshHome(t)
	r := run(t, "export", "--chart", "deaths", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	for i, row := range rows {
		if strings.HasPrefix(row[1], "EVENT:") {
			events = append(events, strings.Join(row, ","))
		} else if len(events) > 0 {
			t.Errorf("row %d (%v) follows the events; they come last", i+1, row)
		}
	}
	want := []string{
		"2022-09-20,EVENT:policy:RU,Duma passes citizenship-for-service bill,0",
		"2022-09-21,EVENT:policy:RU,Russia declares partial mobilisation,0",
		"2022-09,EVENT:warning:KZ,Kazakhstan warns of mercenary charges,0",
		"2022-09,EVENT:warning:KG,Kyrgyzstan warns of mercenary charges,0",
		"2022-09,EVENT:warning:TJ,Tajikistan warns of mercenary charges,0",
		"2022-09,EVENT:warning:UZ,Uzbekistan warns of mercenary charges,0",
		"2022-11-14,EVENT:policy:RU,Decree allows foreign conscripts,0",
	}
	if strings.Join(events, "\n") != strings.Join(want, "\n") {
		t.Errorf("event rows:\n%s\nwant:\n%s", strings.Join(events, "\n"), strings.Join(want, "\n"))
	}

	r = run(t, "export", "--chart", "deaths", "--format", "csv", "--no-events", "--out", "-")
	if r.code != 0 || strings.Contains(r.stdout, "EVENT:") {
		t.Errorf("--no-events: exit %d, events in the CSV: %v", r.code, strings.Contains(r.stdout, "EVENT:"))
	}
	with := run(t, "export", "--chart", "timeline", "--format", "svg", "--out", "-")
	without := run(t, "export", "--chart", "timeline", "--format", "svg", "--no-events", "--out", "-")
	if with.code != 0 || without.code != 0 {
		t.Fatalf("svg export: %s %s", with.stderr, without.stderr)
	}
	if !strings.Contains(with.stdout, ">mobilisation<") || strings.Contains(without.stdout, ">mobilisation<") {
		t.Errorf("the timeline's SVG names the mobilisation with events (%v) or without them (%v)",
			strings.Contains(with.stdout, ">mobilisation<"), strings.Contains(without.stdout, ">mobilisation<"))
	}
	if usage := run(t); !strings.Contains(usage.stderr, "[--no-events]") {
		t.Errorf("the usage text lacks --no-events:\n%s", usage.stderr)
	}
}
