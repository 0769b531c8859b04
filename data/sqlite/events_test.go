package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"catracker/data"
)

const eventsHeader = "ref,date,area,kind,stage,count,basis,channel,side,person,summary,source_outlet,headline\n"

// eventRows are deaths from March 2022 to February 2023 and policies and
// warnings in and out of that range.
const eventRows = eventsHeader +
	"kg-d,2022-03,KG,death,,3,event,,russia,,Three,Outlet A,\n" +
	"tj-d,2023-02,TJ,death,,2,event,,russia,,Two,Outlet A,\n" +
	"kg-p,2022-05-02,KG,prosecution,charge,,event,,russia,Askar,Charged,Outlet A,\n" +
	"ru-rec,2022-06,RU,recruitment,,,event,prison,russia,,Recruited,Outlet A,\n" +
	"mob,2022-09-21,RU,policy,,,event,,,,Mobilisation,Outlet B,Russia declares partial mobilisation\n" +
	"kg-w,2022-09,KG,warning,,,event,,,,Kyrgyz warning,Outlet B,Kyrgyzstan warns of mercenary charges\n" +
	"tj-w,2022-10,TJ,warning,,,event,,,,Tajik warning,Outlet B,\n" +
	"ca-w,2022-12-01,CA,warning,,,event,,,,Regional warning,Outlet B,Central Asian warning\n" +
	"late,2023-03,RU,policy,,,event,,,,After the deaths,Outlet B,Too late for the deaths chart\n" +
	"early,2021,RU,policy,,,event,,,,Before,Outlet B,Too early\n"

func eventRefs(c *data.Chart) string {
	var refs []string
	for _, e := range c.Events {
		refs = append(refs, e.Ref)
	}
	return strings.Join(refs, " ")
}

func TestTimeChartsCarryTheirEvents(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, eventRows)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    data.Filter
		want string
	}{
		// in date order; a date known to the month after the days of it
		{"deaths", data.Filter{Family: data.Deaths}, "mob kg-w tj-w ca-w"},
		// the last quarter reaches to March 2023
		{"deaths cumulative by quarter", data.Filter{Family: data.Deaths, Cumulative: true, Period: data.PerQuarter},
			"mob kg-w tj-w ca-w late"},
		// CA and RU concern every country
		{"Kyrgyzstan only", data.Filter{Family: data.Deaths, Areas: []data.Area{data.KG}}, "mob kg-w ca-w"},
		{"from October", data.Filter{Family: data.Deaths, From: 2022*12 + 9}, "tj-w ca-w"},
		{"prosecutions by latest stage", data.Filter{Family: data.Prosecutions, LatestStage: true, To: 2022*12 + 11},
			"mob kg-w tj-w ca-w"},
		{"recruitment", data.Filter{Family: data.RecruitmentReports, To: 2022*12 + 10}, "mob kg-w tj-w"},
		{"timeline", data.Filter{Family: data.Timeline, From: 2022*12 + 5, To: 2023*12 + 2}, "mob kg-w tj-w ca-w late"},
		{"no events", data.Filter{Family: data.Deaths, NoEvents: true}, ""},
	} {
		c, err := st.Chart(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := eventRefs(c); got != tc.want {
			t.Errorf("%s: events %q, want %q", tc.name, got, tc.want)
		}
	}
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths})
	if err != nil {
		t.Fatal(err)
	}
	if e := c.Events[0]; e.Headline != "Russia declares partial mobilisation" || e.Area != data.RU || e.Kind != data.Policy ||
		e.Date != (data.Date{Year: 2022, Month: 9, Day: 21}) {
		t.Errorf("first event %+v", e)
	}
	if c.Incidents != 2 {
		t.Errorf("the deaths chart draws on %d incidents, want 2: events are not counted", c.Incidents)
	}
}

// TestTooManyEventsAreNotMarked imports enough rows that they go in
// batches of many rows, whose headlines are stored too.
func TestTooManyEventsAreNotMarked(t *testing.T) {
	st := newStore(t)
	var b strings.Builder
	b.WriteString(eventsHeader + "kg-d,2022-03,KG,death,,3,event,,russia,,Three,Outlet A,\n")
	for i := range 3 * data.MaxEvents {
		fmt.Fprintf(&b, "p%d,2022-03-%02d,RU,policy,,,event,,,,A measure,Outlet B,Measure %d\n", i, 1+i%28, i)
	}
	mustImport(t, st, b.String())
	c, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths})
	if err != nil {
		t.Fatal(err)
	}
	if !c.TooManyEvents || c.Events != nil {
		t.Errorf("%d events in range: TooManyEvents %v with %d events, want true and none", 3*data.MaxEvents,
			c.TooManyEvents, len(c.Events))
	}
	list, err := st.Incidents(context.Background(), data.IncidentQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range list {
		if inc.Kind == data.Policy && inc.Headline != "Measure "+strings.TrimPrefix(inc.Ref, "p") {
			t.Fatalf("%s has the headline %q", inc.Ref, inc.Headline)
		}
	}
}

// TestAsManyEventsAsAChartMarksAreMarked: the count of events stops one
// past data.MaxEvents, so the limit itself is where it must tell apart.
func TestAsManyEventsAsAChartMarksAreMarked(t *testing.T) {
	for _, n := range []int{data.MaxEvents, data.MaxEvents + 1} {
		st := newStore(t)
		var b strings.Builder
		b.WriteString(eventsHeader + "kg-d,2022-03,KG,death,,3,event,,russia,,Three,Outlet A,\n")
		for i := range n {
			fmt.Fprintf(&b, "p%d,2022-03-%02d,RU,policy,,,event,,,,A measure,Outlet B,Measure %d\n", i, 1+i%28, i)
		}
		mustImport(t, st, b.String())
		c, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths})
		if err != nil {
			t.Fatal(err)
		}
		if want := n > data.MaxEvents; c.TooManyEvents != want || (!want && len(c.Events) != n) {
			t.Errorf("%d events in range: TooManyEvents %v with %d events marked, want %v", n, c.TooManyEvents, len(c.Events), want)
		}
	}
}

func TestHeadlinesAreStoredAndRead(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, eventRows)
	ctx := context.Background()
	list, err := st.Incidents(ctx, data.IncidentQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, inc := range list {
		got[inc.Ref] = inc.Headline
	}
	if got["mob"] != "Russia declares partial mobilisation" || got["tj-w"] != "" {
		t.Errorf("headlines in the list: %q", got)
	}
	n := 0
	if err := st.EachIncident(ctx, func(inc *data.Incident) error {
		if inc.Ref == "kg-w" && inc.Headline == "Kyrgyzstan warns of mercenary charges" {
			n++
		}
		return nil
	}); err != nil || n != 1 {
		t.Errorf("EachIncident gave the headline %d times (%v), want once", n, err)
	}
	// a re-import updates the headline
	mustImport(t, st, eventsHeader+"mob,2022-09-21,RU,policy,,,event,,,,Mobilisation,Outlet B,Partial mobilisation\n")
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths})
	if err != nil {
		t.Fatal(err)
	}
	if c.Events[0].Headline != "Partial mobilisation" {
		t.Errorf("headline after re-import %q", c.Events[0].Headline)
	}
}
