package data

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// countAreas runs Chart.CountAreas for a filter over periods.
func countAreas(f Filter, periods []PeriodKey, buckets []Bucket) *Chart {
	c := &Chart{Filter: f.WithDefaults(), Periods: periods}
	c.CountAreas(buckets)
	return c
}

func byCode(ss []Series) map[string][]int {
	m := map[string][]int{}
	for _, s := range ss {
		m[s.Code] = s.Values
	}
	return m
}

// at picks from cumulative values (C before the first period, then at the
// end of each period) the value before the periods and at the given months.
func at(cum []int, periods []PeriodKey, months ...int) []int {
	out := []int{cum[0]}
	for _, m := range months {
		out = append(out, cum[m-periods[0].N+1])
	}
	return out
}

func TestAreaFigure(t *testing.T) {
	mar22, may22, mar23 := mi(2022, 3), mi(2022, 5), mi(2023, 3)
	periods := monthsRange(mar22, mar23)
	tests := []struct {
		name         string
		buckets      []Bucket
		wantTotal    []int // before, then at the end of each period
		wantUnstated []int
	}{
		{
			name:         "no group stated: C = max(E, T) as before",
			buckets:      []Bucket{{Period: mar22, Events: 4}, {Period: may22, Max: 10}},
			wantTotal:    []int{0, 4, 10, 10},
			wantUnstated: []int{0, 4, 10, 10},
		},
		{
			name: "README: TJ's 10 migrants by May 2022 and at least 10 prisoners in March 2023 give 20",
			buckets: []Bucket{
				{Group: Migrants, Period: mar22, Events: 4},
				{Group: Migrants, Period: may22, Max: 10},
				{Group: Prisoners, Period: mar23, Max: 10},
			},
			wantTotal:    []int{0, 4, 10, 20},
			wantUnstated: []int{0, 0, 0, 0},
		},
		{
			name: "a total about one group does not absorb another group's events",
			buckets: []Bucket{
				{Group: Migrants, Period: may22, Max: 10},
				{Group: Prisoners, Period: mar23, Events: 3},
			},
			wantTotal:    []int{0, 0, 10, 13},
			wantUnstated: []int{0, 0, 0, 0},
		},
		{
			name: "a total whose group is not stated may cover every group",
			buckets: []Bucket{
				{Group: Prisoners, Period: mar22, Events: 4},
				{Period: may22, Max: 10},
			},
			wantTotal:    []int{0, 4, 10, 10},
			wantUnstated: []int{0, 0, 6, 6},
		},
		{
			name: "the groups' sum above the all-groups total wins",
			buckets: []Bucket{
				{Period: mar22, Max: 10},
				{Group: Migrants, Period: may22, Max: 8},
				{Group: Prisoners, Period: mar23, Max: 7},
			},
			wantTotal:    []int{0, 10, 10, 15},
			wantUnstated: []int{0, 10, 2, 0},
		},
		{
			name: "events whose group is not stated are a group of their own",
			buckets: []Bucket{
				{Period: mar22, Events: 2},
				{Group: Migrants, Period: may22, Max: 10},
			},
			wantTotal:    []int{0, 2, 12, 12},
			wantUnstated: []int{0, 2, 2, 2},
		},
		{
			name:         "an estimate never enters the figure",
			buckets:      []Bucket{{Period: mar22, Events: 1}, {Period: may22, Est: 35}},
			wantTotal:    []int{0, 1, 1, 1},
			wantUnstated: []int{0, 1, 1, 1},
		},
		{
			name:         "records before the range count from the start",
			buckets:      []Bucket{{Group: Migrants, Period: mi(2021, 1), Max: 3}, {Group: Prisoners, Period: mar23, Events: 1}},
			wantTotal:    []int{3, 3, 3, 4},
			wantUnstated: []int{0, 0, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := AreaFigure(tt.buckets, periods)
			total, unstated := at(f.Total, periods, mar22, may22, mar23), at(f.Unstated, periods, mar22, may22, mar23)
			if !reflect.DeepEqual(total, tt.wantTotal) || !reflect.DeepEqual(unstated, tt.wantUnstated) {
				t.Errorf("total %v unstated %v; want %v and %v", total, unstated, tt.wantTotal, tt.wantUnstated)
			}
		})
	}
}

func TestRegionFigure(t *testing.T) {
	may22, feb23, mar23, jun23 := mi(2022, 5), mi(2023, 2), mi(2023, 3), mi(2023, 6)
	periods := monthsRange(may22, jun23)
	tests := []struct {
		name                string
		countries           [][]Bucket
		ca                  []Bucket
		wantTotal, wantUnat []int // at the end of each period (slot 0 is before)
	}{
		{
			name:      "a CA total of 35 with TJ 10 and KG 5 leaves 20 unattributed",
			countries: [][]Bucket{{{Period: may22, Max: 10}}, {{Period: may22, Events: 5}}},
			ca:        []Bucket{{Period: feb23, Max: 35}},
			wantTotal: []int{0, 15, 35, 35, 35},
			wantUnat:  []int{0, 0, 20, 20, 20},
		},
		{
			name: "README: at least 93 prisoners contain only the countries' prisoner figures",
			countries: [][]Bucket{
				{{Group: Migrants, Period: may22, Max: 10}, {Group: Prisoners, Period: mar23, Max: 10}}, // TJ
				{{Group: Migrants, Period: may22, Events: 5}},                                           // KG
			},
			ca:        []Bucket{{Group: Prisoners, Period: jun23, Max: 93}},
			wantTotal: []int{0, 15, 15, 25, 108},
			wantUnat:  []int{0, 0, 0, 0, 83},
		},
		{
			name:      "country figures above the CA figure: nothing unattributed",
			countries: [][]Bucket{{{Period: may22, Events: 30}}, {{Period: may22, Events: 12}}},
			ca:        []Bucket{{Period: feb23, Max: 35}},
			wantTotal: []int{0, 42, 42, 42, 42},
			wantUnat:  []int{0, 0, 0, 0, 0},
		},
		{
			name:      "countries catching up shrink the unattributed part",
			countries: [][]Bucket{{{Period: may22, Events: 10}, {Period: mar23, Events: 15}}},
			ca:        []Bucket{{Period: may22, Max: 35}},
			wantTotal: []int{0, 35, 35, 35, 35},
			wantUnat:  []int{0, 25, 25, 10, 10},
		},
		{
			name:      "a CA total about every group covers the groups' figures",
			countries: [][]Bucket{{{Group: Prisoners, Period: may22, Events: 4}}},
			ca:        []Bucket{{Period: feb23, Max: 30}, {Group: Prisoners, Period: mar23, Max: 20}},
			wantTotal: []int{0, 4, 30, 30, 30},
			wantUnat:  []int{0, 0, 26, 26, 26},
		},
		{
			name:      "a CA estimate is not a figure",
			countries: [][]Bucket{{{Period: may22, Events: 5}}},
			ca:        []Bucket{{Period: feb23, Est: 35}},
			wantTotal: []int{0, 5, 5, 5, 5},
			wantUnat:  []int{0, 0, 0, 0, 0},
		},
		{
			name:      "no countries",
			ca:        []Bucket{{Period: may22, Max: 7}},
			wantTotal: []int{0, 7, 7, 7, 7},
			wantUnat:  []int{0, 7, 7, 7, 7},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var figs []Figure
			sum := make([]int, len(periods)+1)
			for _, bs := range tt.countries {
				f := AreaFigure(bs, periods)
				figs = append(figs, f)
				addTo(sum, f.Total)
			}
			r := RegionFigure(figs, AreaFigure(tt.ca, periods))
			unat := make([]int, len(sum))
			for i := range unat {
				unat[i] = r.Total[i] - sum[i]
			}
			total, unat := at(r.Total, periods, may22, feb23, mar23, jun23), at(unat, periods, may22, feb23, mar23, jun23)
			if !reflect.DeepEqual(total, tt.wantTotal) || !reflect.DeepEqual(unat, tt.wantUnat) {
				t.Errorf("region %v unattributed %v; want %v and %v", total, unat, tt.wantTotal, tt.wantUnat)
			}
		})
	}
}

func TestCountAreas(t *testing.T) {
	feb23 := mi(2023, 2)
	buckets := []Bucket{
		{Code: "TJ", Period: mi(2022, 3), Events: 4},
		{Code: "TJ", Period: mi(2022, 5), Max: 10},
		{Code: "KG", Period: mi(2022, 3), Events: 3},
		{Code: "KG", Period: mi(2022, 10), Events: 2},
		{Code: "CA", Period: feb23, Max: 35},
	}
	periods := monthsRange(mi(2022, 3), feb23)
	last := len(periods) - 1

	cum := byCode(countAreas(Filter{Areas: []Area{KG, TJ, CA}, Cumulative: true}, periods, buckets).Series)
	if got := cum["TJ"][2]; got != 10 {
		t.Errorf("TJ cumulative in 2022-05 = %d, want 10 (not 14)", got)
	}
	if got := cum["KG"][last]; got != 5 {
		t.Errorf("KG cumulative in 2023-02 = %d, want 5", got)
	}
	if got := cum[UnattributedCode][last]; got != 20 {
		t.Errorf("unattributed in 2023-02 = %d, want 20", got)
	}
	if got := cum[RegionCode][last]; got != 35 {
		t.Errorf("region in 2023-02 = %d, want 35", got)
	}
	if _, ok := cum["UZ"]; ok {
		t.Error("UZ is not selected but has a series")
	}

	per := byCode(countAreas(Filter{Areas: []Area{KG, TJ, CA}}, periods, buckets).Series)
	if !reflect.DeepEqual(per["TJ"][:3], []int{4, 0, 6}) {
		t.Errorf("TJ per month = %v, want 4, 0, 6", per["TJ"][:3])
	}
	if _, ok := per[RegionCode]; ok {
		t.Error("a per-period chart must not stack a REGION series on top of its parts")
	}
	sum := 0
	for _, code := range []string{"TJ", "KG", UnattributedCode} {
		for _, v := range per[code] {
			sum += v
		}
	}
	if sum != 35 {
		t.Errorf("per-month stacks add up to %d, want the region total 35", sum)
	}

	// Unattributed uses all five countries even when only some are shown.
	onlyTJ := byCode(countAreas(Filter{Areas: []Area{TJ, CA}, Cumulative: true}, periods, buckets).Series)
	if got := onlyTJ[UnattributedCode][last]; got != 20 {
		t.Errorf("unattributed with only TJ shown = %d, want 20 (KG's figure is still inside the CA total)", got)
	}
	noCA := byCode(countAreas(Filter{Areas: []Area{TJ, KG}, Cumulative: true}, periods, buckets).Series)
	if _, ok := noCA[UnattributedCode]; ok {
		t.Error("unattributed shown although CA is not selected")
	}
}

// The case: 3 Kyrgyz deaths added in March 2023, after a regional
// total of 35 in February, were already inside it. The grey bar must not
// go to -3; the 3 are reattributed.
func TestPerPeriodReattributedNotNegative(t *testing.T) {
	feb23, mar23 := mi(2023, 2), mi(2023, 3)
	buckets := []Bucket{
		{Code: "TJ", Period: mi(2022, 5), Max: 10},
		{Code: "KG", Period: mi(2022, 6), Events: 5},
		{Code: "CA", Period: feb23, Max: 35},
		{Code: "KG", Period: mar23, Events: 3},
	}
	periods := monthsRange(feb23, mar23)
	c := countAreas(Filter{}, periods, buckets)
	per := byCode(c.Series)
	if !reflect.DeepEqual(per[UnattributedCode], []int{20, 0}) {
		t.Errorf("unattributed per month = %v, want [20 0]", per[UnattributedCode])
	}
	if !reflect.DeepEqual(per["KG"], []int{0, 3}) {
		t.Errorf("KG per month = %v, want [0 3]", per["KG"])
	}
	if !reflect.DeepEqual(c.Reattributed, []int{0, 3}) {
		t.Errorf("reattributed = %v, want [0 3]", c.Reattributed)
	}
	cum := byCode(countAreas(Filter{Cumulative: true}, periods, buckets).Series)
	if !reflect.DeepEqual(cum[UnattributedCode], []int{20, 17}) || !reflect.DeepEqual(cum[RegionCode], []int{35, 35}) {
		t.Errorf("cumulative unattributed %v region %v, want [20 17] and [35 35]", cum[UnattributedCode], cum[RegionCode])
	}
	if countAreas(Filter{Cumulative: true}, periods, buckets).Reattributed != nil {
		t.Error("a cumulative chart has no reattributed part")
	}
}

func TestCountAreasByGroup(t *testing.T) {
	may22, mar23, jun23 := mi(2022, 5), mi(2023, 3), mi(2023, 6)
	buckets := []Bucket{
		{Code: "TJ", Group: Migrants, Period: mi(2022, 3), Events: 4},
		{Code: "TJ", Group: Migrants, Period: may22, Max: 10},
		{Code: "KG", Group: Migrants, Period: mi(2022, 3), Events: 3},
		{Code: "KG", Group: Migrants, Period: mi(2022, 6), Events: 2},
		{Code: "TJ", Group: Prisoners, Period: mar23, Max: 10},
		{Code: "CA", Group: Prisoners, Period: jun23, Max: 93},
		{Code: "CA", Period: mi(2023, 2), Est: 35},
		{Code: "UZ", Period: jun23, Events: 1},
	}
	periods := monthsRange(may22, jun23)
	pick := func(v []int) []int { return at(append([]int{0}, v...), periods, may22, mar23, jun23)[1:] }
	c := countAreas(Filter{By: ByGroup, Cumulative: true, Period: PerMonth}, PeriodRange(PerMonth, mi(2022, 3), jun23), buckets)
	cum := byCode(c.Series)
	last := len(c.Periods) - 1
	if got := cum["prisoners"][last]; got != 93 {
		t.Errorf("prisoners by June 2023 = %d, want 93", got)
	}
	if got := cum["migrants"][last]; got != 15 {
		t.Errorf("migrants by June 2023 = %d, want 15", got)
	}
	if got := cum[UnstatedCode][last]; got != 1 {
		t.Errorf("unstated by June 2023 = %d, want 1", got)
	}
	if got := cum[RegionCode][last]; got != 109 {
		t.Errorf("region by June 2023 = %d, want 109", got)
	}
	if len(c.Estimates) != 1 || c.Estimates[0].SeriesCode() != "EST_unstated" || c.Estimates[0].Value != 35 {
		t.Errorf("estimates by group = %+v, want one EST_unstated of 35", c.Estimates)
	}

	// Only Tajikistan, no CA: its own groups.
	tj := byCode(countAreas(Filter{By: ByGroup, Areas: []Area{TJ}, Cumulative: true}, periods, buckets).Series)
	if !reflect.DeepEqual(pick(tj["migrants"]), []int{10, 10, 10}) || !reflect.DeepEqual(pick(tj["prisoners"]), []int{0, 10, 10}) {
		t.Errorf("TJ by group = %v", tj)
	}
	if _, ok := tj[RegionCode]; ok {
		t.Error("a total line without CA selected")
	}

	// A group filter keeps that group's figures only.
	pr := byCode(countAreas(Filter{Group: Prisoners, Cumulative: true}, periods, buckets).Series)
	if !reflect.DeepEqual(pick(pr["TJ"]), []int{0, 10, 10}) || !reflect.DeepEqual(pick(pr[UnattributedCode]), []int{0, 0, 83}) {
		t.Errorf("prisoners only = %v", pr)
	}
	if _, ok := pr["KG"]; !ok || pr["KG"][len(periods)-1] != 0 {
		t.Errorf("KG prisoners = %v, want zeros", pr["KG"])
	}
}

func TestEstimatesApart(t *testing.T) {
	feb23 := mi(2023, 2)
	buckets := []Bucket{
		{Code: "CA", Period: feb23, Est: 35},
		{Code: "CA", Period: feb23, Est: 30, Group: Prisoners},
		{Code: "TJ", Period: feb23, Est: 12},
		{Code: "KG", Period: mi(2021, 1), Est: 9}, // before the range
		{Code: "TJ", Period: mi(2022, 5), Max: 10},
	}
	periods := monthsRange(mi(2022, 5), feb23)
	c := countAreas(Filter{Areas: []Area{TJ, CA}, Cumulative: true}, periods, buckets)
	var got []string
	for _, e := range c.Estimates {
		got = append(got, e.SeriesCode()+"@"+periods[e.Period].String()+"="+itoa(e.Value))
	}
	if want := []string{"EST_CA@2023-02=35", "EST_TJ@2023-02=12"}; !reflect.DeepEqual(got, want) {
		t.Errorf("estimates = %v, want %v", got, want)
	}
	cum := byCode(c.Series)
	if cum["TJ"][len(periods)-1] != 10 {
		t.Errorf("TJ = %v, the estimate of 12 must not raise it", cum["TJ"])
	}
	if _, ok := cum[UnattributedCode]; ok {
		t.Errorf("a CA estimate made an unattributed part: %v", cum[UnattributedCode])
	}
	if noCA := countAreas(Filter{Areas: []Area{KG}}, periods, buckets); len(noCA.Estimates) != 0 {
		t.Errorf("estimates of areas not shown: %+v", noCA.Estimates)
	}
}

func itoa(v int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + v%10)}, b...)
		if v /= 10; v == 0 {
			return string(b)
		}
	}
}

// randomBuckets makes buckets of every area and group in the months of
// periods and a year before them.
func randomBuckets(rng *rand.Rand, periods []PeriodKey, groups bool) []Bucket {
	var out []Bucket
	areas := append(append([]Area{}, Countries...), CA)
	for range rng.IntN(40) {
		b := Bucket{Code: string(areas[rng.IntN(len(areas))]), Period: periods[0].N - 12 + rng.IntN(len(periods)+12)}
		if groups && rng.IntN(2) == 0 {
			b.Group = Groups[rng.IntN(len(Groups))]
		}
		switch rng.IntN(3) {
		case 0:
			b.Events = rng.IntN(20)
		case 1:
			b.Max = rng.IntN(120)
		default:
			b.Est = rng.IntN(50)
		}
		out = append(out, b)
	}
	return out
}

// Per-period charts never show a negative value, and their values add up
// to the cumulative chart: at every period the sum of the bars minus the
// reattributed part is the rise of the sum of the cumulative series, and a
// series that never falls rises by exactly its bar.
func TestPerPeriodNeverNegativeAndAddsUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2023))
	periods := monthsRange(mi(2022, 1), mi(2023, 12))
	areas := append(append([]Area{}, Countries...), CA)
	for trial := range 3000 {
		buckets := randomBuckets(rng, periods, trial%2 == 0)
		f := Filter{By: Bys[rng.IntN(2)]}
		for _, a := range areas {
			if rng.IntN(3) > 0 {
				f.Areas = append(f.Areas, a)
			}
		}
		if len(f.Areas) == 0 {
			continue
		}
		if rng.IntN(4) == 0 {
			f.Group = Groups[rng.IntN(len(Groups))]
		}
		per := countAreas(f, periods, buckets)
		f.Cumulative = true
		cumc := countAreas(f, periods, buckets)
		cum := byCode(cumc.Series)
		// The cumulative series before the first period: run again over a
		// range that starts a month earlier.
		before := byCode(countAreas(f, monthsRange(mi(2021, 12), mi(2023, 12)), buckets).Series)
		for _, s := range per.Series {
			for i, v := range s.Values {
				if v < 0 {
					t.Fatalf("trial %d: %s is %d in %s (filter %+v)", trial, s.Code, v, periods[i], f)
				}
			}
		}
		for i := range periods {
			rise, bars := 0, 0
			for _, s := range per.Series {
				bars += s.Values[i]
				now, prev := cum[s.Code][i], before[s.Code][i]
				rise += now - prev
				if s.Code != UnattributedCode && s.Code != UnstatedCode && s.Values[i] != now-prev && f.By == ByArea {
					t.Fatalf("trial %d: %s's bar in %s is %d, its figure rose by %d", trial, s.Code, periods[i], s.Values[i], now-prev)
				}
			}
			re := 0
			if per.Reattributed != nil {
				re = per.Reattributed[i]
			}
			if bars-re != rise {
				t.Fatalf("trial %d, %s: bars %d - reattributed %d != rise %d (filter %+v)", trial, periods[i], bars, re, rise, f)
			}
		}
		// With CA and every country shown, the stack is the region.
		if region, ok := cum[RegionCode]; ok && len(f.Areas) == len(areas) {
			for i := range periods {
				sum := 0
				for _, s := range cumc.Series {
					if s.Code != RegionCode {
						sum += s.Values[i]
					}
				}
				if sum != region[i] {
					t.Fatalf("trial %d: cumulative parts add up to %d, region %d (%+v)", trial, sum, region[i], f)
				}
			}
		}
	}
}

// With no group and no estimate set, a database counts exactly as it did
// before groups existed: each area C = max(E, T), and the region
// max(sum of countries, CA's C).
func TestNoGroupsCountsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	periods := monthsRange(mi(2022, 1), mi(2023, 6))
	for trial := range 2000 {
		var buckets []Bucket
		for _, b := range randomBuckets(rng, periods, false) {
			b.Est = 0
			buckets = append(buckets, b)
		}
		c := countAreas(Filter{Cumulative: true}, periods, buckets)
		got := byCode(c.Series)
		by := map[string][]Bucket{}
		for _, b := range buckets {
			by[b.Code] = append(by[b.Code], b)
		}
		sum := make([]int, len(periods)+1)
		for _, a := range Countries {
			old := Cumulative(by[string(a)], periods)
			addTo(sum, old)
			if !reflect.DeepEqual(got[string(a)], old[1:]) {
				t.Fatalf("trial %d: %s = %v, before groups %v", trial, a, got[string(a)], old[1:])
			}
		}
		ca := Cumulative(by["CA"], periods)
		for i := range periods {
			region := max(sum[i+1], ca[i+1])
			if u := got[UnattributedCode]; u != nil && u[i] != region-sum[i+1] {
				t.Fatalf("trial %d: unattributed %d, before groups %d", trial, u[i], region-sum[i+1])
			}
			if r := got[RegionCode]; r != nil && r[i] != region {
				t.Fatalf("trial %d: region %d, before groups %d", trial, r[i], region)
			}
		}
	}
}
