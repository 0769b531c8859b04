package sqlite_test

import (
	"context"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// mapValues runs a map and returns its values by code.
func mapValues(t *testing.T, st *sqlite.Store, f data.Filter) map[string]int {
	t.Helper()
	f.Family = data.Map
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatalf("map: %v", err)
	}
	out := map[string]int{}
	for _, v := range c.Values {
		out[v.Code] = v.Value
	}
	return out
}

// lastValues runs a cumulative chart and returns each series' last value.
func lastValues(t *testing.T, st *sqlite.Store, f data.Filter) map[string]int {
	t.Helper()
	f.Cumulative = true
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatalf("chart: %v", err)
	}
	out := map[string]int{}
	for _, s := range c.Series {
		if n := len(c.Periods); n > 0 {
			out[s.Code] = s.Values[n-1]
		}
	}
	return out
}

func TestMapOfDeathsFollowsTheCountingRules(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	all := mapValues(t, st, data.Filter{})
	want := map[string]int{"KZ": 0, "KG": 5, "TJ": 10, "UZ": 0, "TM": 0, data.RegionCode: 35, data.UnattributedCode: 20}
	for code, v := range want {
		if all[code] != v {
			t.Errorf("map %s = %d, want %d", code, all[code], v)
		}
	}
	// From June 2022: TJ's 10 were all reported by May, KG added 2 in
	// October, and the region rose from 13 to 35.
	late := mapValues(t, st, data.Filter{From: 2022*12 + 5})
	want = map[string]int{"KG": 2, "TJ": 0, data.RegionCode: 22, data.UnattributedCode: 20}
	for code, v := range want {
		if late[code] != v {
			t.Errorf("map from 2022-06: %s = %d, want %d", code, late[code], v)
		}
	}
	// A range after every record shows nothing new.
	for code, v := range mapValues(t, st, data.Filter{From: 2024 * 12}) {
		if v != 0 {
			t.Errorf("map from 2024: %s = %d, want 0", code, v)
		}
	}
}

// On the bundled dataset, the map of deaths and cases shows the last
// values of the cumulative chart, and over a range that starts later,
// their rise since the month before it; the map of recruitment shows the
// reports the recruitment chart counts for each area.
func TestMapValuesEqualTheCharts(t *testing.T) {
	st := bundledStore(t)
	from := 2023 * 12 // January 2023
	for _, m := range []data.Measure{data.MeasureDeaths, data.MeasureCases} {
		fam := m.Family()
		got := mapValues(t, st, data.Filter{Measure: m})
		last := lastValues(t, st, data.Filter{Family: fam})
		sum := 0
		for _, a := range data.Countries {
			sum += last[string(a)]
			if got[string(a)] != last[string(a)] {
				t.Errorf("%s map %s = %d, cumulative chart ends at %d", m, a, got[string(a)], last[string(a)])
			}
		}
		region, ok := last[data.RegionCode]
		if !ok {
			region = sum
		}
		if got[data.RegionCode] != region || got[data.UnattributedCode] != last[data.UnattributedCode] {
			t.Errorf("%s map region %d, unattributed %d; chart %d, %d", m, got[data.RegionCode],
				got[data.UnattributedCode], region, last[data.UnattributedCode])
		}
		if sum == 0 {
			t.Errorf("%s: the bundled dataset has no figures to compare", m)
		}
		later := mapValues(t, st, data.Filter{Measure: m, From: from})
		before := lastValues(t, st, data.Filter{Family: fam, To: from - 1})
		for _, a := range data.Countries {
			if w := last[string(a)] - before[string(a)]; later[string(a)] != w {
				t.Errorf("%s map from 2023 %s = %d, want %d", m, a, later[string(a)], w)
			}
		}
	}
	reports := func(areas ...data.Area) int {
		n := 0
		for _, v := range lastValues(t, st, data.Filter{Family: data.RecruitmentReports, Areas: areas}) {
			n += v
		}
		return n
	}
	got := mapValues(t, st, data.Filter{Measure: data.MeasureRecruitment})
	ru := reports(data.RU)
	if got["RU"] != ru || ru == 0 {
		t.Errorf("recruitment map RU = %d, chart counts %d", got["RU"], ru)
	}
	for _, a := range []data.Area{data.KZ, data.KG, data.TJ, data.UZ, data.TM, data.CA} {
		if w := reports(a) - ru; got[string(a)] != w {
			t.Errorf("recruitment map %s = %d, chart counts %d", a, got[string(a)], w)
		}
	}
}

func TestMapRefusesUnknownMeasure(t *testing.T) {
	st := newStore(t)
	if _, err := st.Chart(context.Background(), data.Filter{Family: data.Map, Measure: "births"}); err == nil {
		t.Error("a map of an unknown measure was drawn")
	}
}
