package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// trace lists what the incidents behind a mark added, by ref.
func trace(t *testing.T, st data.Store, c *data.Chart, m data.Mark) data.Trace {
	t.Helper()
	q, ok := c.Behind(m)
	if !ok {
		t.Fatalf("mark %+v of a %s chart is not traced", m, c.Filter.Family)
	}
	incs, partial, err := st.Trace(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return c.Account(m, incs, partial)
}

func adds(tr data.Trace) map[string]int {
	out := map[string]int{}
	for _, e := range tr.Entries {
		out[e.Incident.Ref] = e.Adds
	}
	return out
}

func chartOf(t *testing.T, st data.Store, f data.Filter) *data.Chart {
	t.Helper()
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func periodOf(t *testing.T, c *data.Chart, s string) int {
	t.Helper()
	for i, p := range c.Periods {
		if p.String() == s {
			return i
		}
	}
	t.Fatalf("no period %s", s)
	return 0
}

// TestTraceDesignExamples follows the design's examples: 4 Tajik burials
// in March 2022 and "10 Tajik deaths in total" by May give a bar of 6 in
// May, made by the total; a CA figure of 35 with TJ at 10 and KG at 5
// gives 20 not attributed to a country, made by the CA figure.
func TestTraceDesignExamples(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	c := chartOf(t, st, data.Filter{Family: data.Deaths, Period: data.PerMonth})

	may := trace(t, st, c, data.Mark{Series: "TJ", Period: periodOf(t, c, "2022-05")})
	if may.Value != 6 || len(may.Entries) != 1 || adds(may)["tj-total"] != 6 || may.Entries[0].Role != data.Counted {
		t.Errorf("TJ 2022-05: value %d, entries %v, want 6 from tj-total", may.Value, adds(may))
	}
	if got := may.Entries[0].Incident.Sources; len(got) != 1 || got[0].Outlet != "Outlet B" || got[0].CitedAs != "Radio Ozodi" {
		t.Errorf("TJ 2022-05 sources = %+v, want Outlet B citing Radio Ozodi", got)
	}
	feb := trace(t, st, c, data.Mark{Series: data.UnattributedCode, Period: periodOf(t, c, "2023-02")})
	if feb.Value != 20 || !maps(adds(feb), map[string]int{"ca-35": 20}) {
		t.Errorf("unattributed 2023-02: value %d, entries %v, want 20 from ca-35", feb.Value, adds(feb))
	}
	if n := len(feb.Entries[0].Incident.Sources); n != 2 {
		t.Errorf("ca-35 has %d sources, want 2", n)
	}

	cum := chartOf(t, st, data.Filter{Family: data.Deaths, Period: data.PerMonth, Cumulative: true})
	tj := trace(t, st, cum, data.Mark{Series: "TJ", Period: periodOf(t, cum, "2022-05")})
	if tj.Value != 10 || !maps(adds(tj), map[string]int{"tj-burials": 4, "tj-total": 6}) {
		t.Errorf("cumulative TJ 2022-05: value %d, entries %v, want 4 + 6", tj.Value, adds(tj))
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestTraceGroups follows the design's example of groups: TJ's 10
// (migrants) by May 2022 and "at least 10 Tajik prisoners killed" in
// March 2023 give at least 20 from 2023-03, the prisoners' figure adding
// its 10; a later total about every group that the groups' sum exceeds
// adds nothing.
func TestTraceGroups(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, "ref,date,area,kind,count,basis,group,summary,source_outlet\n"+
		"tj-migrants,2022-05,TJ,death,10,total,migrants,Ten migrants,O\n"+
		"tj-prisoners,2023-03,TJ,death,10,at_least,prisoners,Ten prisoners,O\n"+
		"tj-all,2023-04-02,TJ,death,15,total,,Fifteen in all,O\n")
	c := chartOf(t, st, data.Filter{Family: data.Deaths, Period: data.PerMonth, Cumulative: true})
	tr := trace(t, st, c, data.Mark{Series: "TJ", Period: periodOf(t, c, "2023-04")})
	if tr.Value != 20 || !maps(adds(tr), map[string]int{"tj-migrants": 10, "tj-prisoners": 10, "tj-all": 0}) {
		t.Errorf("TJ by 2023-04: value %d, entries %v, want 10 + 10 and the all-groups 15 adding nothing", tr.Value, adds(tr))
	}
	if e := tr.Entries[2]; e.Incident.Ref != "tj-all" || e.Role != data.Superseded {
		t.Errorf("the all-groups total is listed as %+v, want superseded", e)
	}
	byGroup := chartOf(t, st, data.Filter{Family: data.Deaths, Period: data.PerMonth, By: data.ByGroup})
	tr = trace(t, st, byGroup, data.Mark{Series: "prisoners", Period: periodOf(t, byGroup, "2023-03")})
	if tr.Value != 10 || !maps(adds(tr), map[string]int{"tj-prisoners": 10}) {
		t.Errorf("prisoners in 2023-03: value %d, entries %v", tr.Value, adds(tr))
	}
}

// TestTraceOneCasePerPerson: a person's later stage adds nothing to a
// chart of cases; it is listed as already counted.
func TestTraceOneCasePerPerson(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, header+
		"a1,2022-05-02,KG,prosecution,detention,1,event,,russia,Ali,Detained,O,T,2022-05-03,\n"+
		"a2,2022-05-20,KG,prosecution,sentence,1,event,,russia,ALI,Sentenced,O,T,2022-05-21,\n"+
		"b1,2022-05-21,KG,prosecution,charge,,event,,russia,,Someone charged,O,T,2022-05-22,\n")
	c := chartOf(t, st, data.Filter{Family: data.Prosecutions, Period: data.PerMonth})
	tr := trace(t, st, c, data.Mark{Series: "KG", Period: 0})
	if tr.Value != 2 || !maps(adds(tr), map[string]int{"a1": 1, "a2": 0, "b1": 1}) {
		t.Fatalf("KG 2022-05: value %d, entries %v", tr.Value, adds(tr))
	}
	if tr.Entries[1].Role != data.Superseded {
		t.Errorf("a2's role = %v, want superseded", tr.Entries[1].Role)
	}
}

// randomIncident makes an incident of any kind the charts count, in any
// area, group, side and basis.
func randomIncident(rng *rand.Rand, ref string) *data.Incident {
	kinds := []data.Kind{data.Death, data.Prosecution, data.Recruitment, data.Captured}
	inc := &data.Incident{Ref: ref, Date: data.Date{Year: 2022 + rng.IntN(2), Month: 1 + rng.IntN(6)},
		Area: []data.Area{data.KZ, data.KG, data.TJ, data.CA}[rng.IntN(4)], Kind: kinds[rng.IntN(len(kinds))],
		Basis: data.Bases[rng.IntN(len(data.Bases))], Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
	if rng.IntN(3) == 0 {
		inc.Date.Day = 1 + rng.IntN(28)
	}
	if rng.IntN(2) == 0 {
		inc.Group = data.Groups[rng.IntN(2)]
	}
	if rng.IntN(4) > 0 || inc.Basis != data.Event {
		n := rng.IntN(30)
		inc.Count = &n
	}
	switch inc.Kind {
	case data.Prosecution:
		inc.Stage = data.Stages[rng.IntN(3)]
		if rng.IntN(2) == 0 {
			inc.Person = fmt.Sprint("p", rng.IntN(4))
		}
	case data.Recruitment:
		inc.Channel, inc.Basis, inc.Group = data.Channels[rng.IntN(3)].Code, data.Event, ""
	}
	inc.Side = []data.Side{data.SideUnknown, data.Russia, data.Ukraine}[rng.IntN(3)]
	return inc
}

// checkEveryNumber traces every number of the chart and checks that what
// the counted incidents add makes it exactly.
func checkEveryNumber(t *testing.T, st data.Store, f data.Filter) {
	t.Helper()
	c := chartOf(t, st, f)
	for _, s := range c.Series {
		for p := range c.Periods {
			m := data.Mark{Series: s.Code, Period: p}
			tr := trace(t, st, c, m)
			sum := 0
			for _, e := range tr.Entries {
				if e.Role == data.Counted {
					sum += e.Adds
				}
			}
			if sum != tr.Value || tr.Value != s.Values[p] {
				t.Fatalf("%+v %s at %s: entries add to %d, value %d, chart shows %d: %v", f, s.Code,
					c.Periods[p], sum, tr.Value, s.Values[p], adds(tr))
			}
		}
	}
	for _, as := range c.ByArea { // a recruitment chart's panels
		for _, s := range as.Series {
			for p, v := range s.Values {
				tr := trace(t, st, c, data.Mark{Series: s.Code, Period: p, Area: as.Area})
				for _, e := range tr.Entries {
					if e.Incident.Area != as.Area || e.Incident.Channel != data.Channel(s.Code) {
						t.Fatalf("%+v panel %s, %s: lists %+v", f, as.Area, s.Code, e.Incident)
					}
				}
				if len(tr.Entries) != v || tr.Value != v {
					t.Fatalf("%+v panel %s, %s at %s: %d entries, value %d, chart shows %d", f, as.Area, s.Code,
						c.Periods[p], len(tr.Entries), tr.Value, v)
				}
			}
		}
	}
}

// TestTraceAddsUpToEveryNumber: for every chart of random incidents, by
// area and by group, with and without CA, per period and cumulative, the
// incidents behind each number add up to it.
func TestTraceAddsUpToEveryNumber(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(2) {
		st := newStore(t)
		rng := rand.New(rand.NewPCG(seed, 11))
		for i := range 120 {
			if err := st.SaveIncident(ctx, randomIncident(rng, fmt.Sprint("r", i))); err != nil {
				t.Fatal(err)
			}
		}
		for _, fam := range []data.Family{data.Deaths, data.Prosecutions, data.Captures, data.RecruitmentReports} {
			for _, f := range filters(fam) {
				checkEveryNumber(t, st, f)
			}
		}
	}
}

// filters are the charts of a family to check: per month and quarter,
// cumulative or not, by area and by group, with CA or without, for one
// side, one group and one stage.
func filters(fam data.Family) []data.Filter {
	var out []data.Filter
	for _, cum := range []bool{false, true} {
		for _, by := range []data.By{data.ByArea, data.ByGroup} {
			for _, areas := range [][]data.Area{nil, {data.KG, data.TJ}} {
				out = append(out, data.Filter{Family: fam, Cumulative: cum, By: by, Areas: areas, Period: data.PerMonth},
					data.Filter{Family: fam, Cumulative: cum, By: by, Areas: areas, Period: data.PerQuarter, Side: data.Russia})
			}
		}
		out = append(out, data.Filter{Family: fam, Cumulative: cum, Group: data.Prisoners, Period: data.PerMonth})
		if fam == data.Prosecutions {
			out = append(out, data.Filter{Family: fam, Cumulative: cum, Stage: data.Charge, Period: data.PerMonth})
		}
	}
	return out
}

// TestTraceBundledDataset: every number of the bundled dataset's charts
// leads to incidents that add up to it.
func TestTraceBundledDataset(t *testing.T) {
	st := bundledStore(t)
	for _, fam := range []data.Family{data.Deaths, data.Prosecutions, data.Captures, data.RecruitmentReports} {
		for _, f := range filters(fam) {
			checkEveryNumber(t, st, f)
		}
	}
	tl := chartOf(t, st, data.Filter{Family: data.Timeline})
	for _, p := range tl.Points {
		tr := trace(t, st, tl, data.Mark{Timeline: true, Month: p.Month, Channel: p.Channel, Area: p.Area, Date: p.Date})
		if tr.Value < 1 || !slices.ContainsFunc(tr.Entries, func(e data.TraceEntry) bool { return e.Incident.Summary == p.Summary }) {
			t.Errorf("timeline dot %+v: %d entries, none its own", p, len(tr.Entries))
		}
	}
}

// TestCiting lists the incidents citing one source.
func TestCiting(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	page, err := st.ListSources(context.Background(), data.SourceQuery{Search: "Outlet A"})
	if err != nil || len(page.Sources) != 1 {
		t.Fatalf("sources %+v, %v", page.Sources, err)
	}
	incs, err := st.Citing(context.Background(), page.Sources[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, inc := range incs {
		refs = append(refs, inc.Ref)
	}
	if !slices.Equal(refs, []string{"kg-burials", "tj-burials"}) || incs[0].Sources[0].Outlet != "Outlet A" {
		t.Errorf("citing Outlet A: %v", refs)
	}
}

var _ data.Store = (*sqlite.Store)(nil)
