package data

import (
	"reflect"
	"testing"
)

// months is a helper: the month index of year-month.
func mi(year, month int) int { return year*12 + month - 1 }

func monthsRange(from, to int) []PeriodKey { return PeriodRange(PerMonth, from, to) }

func TestCumulative(t *testing.T) {
	mar, apr, may := mi(2022, 3), mi(2022, 4), mi(2022, 5)
	tests := []struct {
		name    string
		buckets []Bucket
		periods []PeriodKey
		want    []int // C before the first period, then C at each period end
	}{
		{
			name:    "events add up",
			buckets: []Bucket{{Period: mar, Events: 4}, {Period: may, Events: 3}},
			periods: monthsRange(mar, may),
			want:    []int{0, 4, 4, 7},
		},
		{
			name: "Tajik example: 4 burials then a total of 10 gives 10, not 14",
			buckets: []Bucket{
				{Period: mar, Events: 4},
				{Period: may, Max: 10},
			},
			periods: monthsRange(mar, may),
			want:    []int{0, 4, 4, 10},
		},
		{
			name:    "a total below the event sum does not lower the figure",
			buckets: []Bucket{{Period: mar, Events: 6}, {Period: apr, Max: 4}},
			periods: monthsRange(mar, may),
			want:    []int{0, 6, 6, 6},
		},
		{
			name:    "the largest total wins, not the latest",
			buckets: []Bucket{{Period: mar, Max: 12}, {Period: may, Max: 9}},
			periods: monthsRange(mar, may),
			want:    []int{0, 12, 12, 12},
		},
		{
			name:    "events after a total add once they exceed it",
			buckets: []Bucket{{Period: mar, Max: 10}, {Period: apr, Events: 4}, {Period: may, Events: 8}},
			periods: monthsRange(mar, may),
			want:    []int{0, 10, 10, 12},
		},
		{
			name:    "records before the range count from the start",
			buckets: []Bucket{{Period: mi(2021, 1), Events: 2}, {Period: mi(2021, 6), Max: 5}, {Period: apr, Events: 1}},
			periods: monthsRange(mar, may),
			want:    []int{5, 5, 5, 5},
		},
		{
			name:    "records after the range are ignored",
			buckets: []Bucket{{Period: mar, Events: 1}, {Period: mi(2023, 1), Events: 50}},
			periods: monthsRange(mar, may),
			want:    []int{0, 1, 1, 1},
		},
		{
			name:    "no periods",
			buckets: []Bucket{{Period: mar, Events: 1}},
			periods: nil,
			want:    []int{0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cumulative(tt.buckets, tt.periods); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Cumulative = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPerPeriod(t *testing.T) {
	tests := []struct {
		cum, want []int
	}{
		{[]int{0, 4, 4, 10}, []int{4, 0, 6}},
		{[]int{5, 5, 7}, []int{0, 2}},
		{[]int{3}, []int{}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := PerPeriod(tt.cum); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PerPeriod(%v) = %v, want %v", tt.cum, got, tt.want)
		}
	}
}

func TestRegion(t *testing.T) {
	tests := []struct {
		name                     string
		countries                [][]int
		ca                       []int
		wantRegion, wantUnattrib []int
	}{
		{
			name:         "about 35 after one year with TJ 10 and KG 5 leaves 20 unattributed",
			countries:    [][]int{{10, 10}, {5, 5}},
			ca:           []int{0, 35},
			wantRegion:   []int{15, 35},
			wantUnattrib: []int{0, 20},
		},
		{
			name:         "country figures above the CA figure: nothing unattributed",
			countries:    [][]int{{30}, {12}},
			ca:           []int{35},
			wantRegion:   []int{42},
			wantUnattrib: []int{0},
		},
		{
			name:         "countries catching up shrink the unattributed part",
			countries:    [][]int{{10, 25}},
			ca:           []int{35, 35},
			wantRegion:   []int{35, 35},
			wantUnattrib: []int{25, 10},
		},
		{
			name:         "no countries",
			countries:    nil,
			ca:           []int{7},
			wantRegion:   []int{7},
			wantUnattrib: []int{7},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, u := Region(tt.countries, tt.ca)
			if !reflect.DeepEqual(r, tt.wantRegion) || !reflect.DeepEqual(u, tt.wantUnattrib) {
				t.Errorf("Region = %v, %v; want %v, %v", r, u, tt.wantRegion, tt.wantUnattrib)
			}
		})
	}
}

func TestAreaSeries(t *testing.T) {
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
	byCode := func(ss []Series) map[string][]int {
		m := map[string][]int{}
		for _, s := range ss {
			m[s.Code] = s.Values
		}
		return m
	}

	cum := byCode(AreaSeries(Filter{Areas: []Area{KG, TJ, CA}, Cumulative: true, Period: PerMonth}, periods, buckets))
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

	per := byCode(AreaSeries(Filter{Areas: []Area{KG, TJ, CA}, Period: PerMonth}, periods, buckets))
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
	onlyTJ := byCode(AreaSeries(Filter{Areas: []Area{TJ, CA}, Cumulative: true, Period: PerMonth}, periods, buckets))
	if got := onlyTJ[UnattributedCode][last]; got != 20 {
		t.Errorf("unattributed with only TJ shown = %d, want 20 (KG's figure is still inside the CA total)", got)
	}
	noCA := byCode(AreaSeries(Filter{Areas: []Area{TJ, KG}, Cumulative: true, Period: PerMonth}, periods, buckets))
	if _, ok := noCA[UnattributedCode]; ok {
		t.Error("unattributed shown although CA is not selected")
	}
}

func TestChannelSeriesOrderAndZeros(t *testing.T) {
	periods := monthsRange(mi(2022, 9), mi(2022, 12))
	buckets := []Bucket{
		{Code: "zz_custom", Period: mi(2022, 10), Events: 1},
		{Code: "mosque_raids", Period: mi(2022, 9), Events: 2},
		{Code: "prison", Period: mi(2022, 11), Events: 1},
		{Code: "transport_ads", Period: mi(2023, 5), Events: 1}, // after the range
	}
	ss := ChannelSeries(Filter{Period: PerMonth}, periods, buckets)
	var codes []string
	for _, s := range ss {
		codes = append(codes, s.Code)
	}
	if want := []string{"prison", "mosque_raids", "zz_custom"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("channel order = %v, want %v", codes, want)
	}
	if !reflect.DeepEqual(ss[1].Values, []int{2, 0, 0, 0}) {
		t.Errorf("mosque raids per month = %v", ss[1].Values)
	}
}

func TestQuarterAndYearBuckets(t *testing.T) {
	// The store groups month indexes by integer division; KeyOf must agree.
	if got := KeyOf(PerQuarter, mi(2022, 5)).String(); got != "2022-Q2" {
		t.Errorf("quarter of 2022-05 = %s", got)
	}
	if got := KeyOf(PerYear, mi(2023, 12)).String(); got != "2023" {
		t.Errorf("year of 2023-12 = %s", got)
	}
	if got := KeyOf(PerMonth, mi(2022, 5)).String(); got != "2022-05" {
		t.Errorf("month = %s", got)
	}
	if got := KeyOf(PerQuarter, mi(2022, 5)).N; got != mi(2022, 5)/3 {
		t.Errorf("quarter ordinal %d does not match SQL's month / 3", got)
	}
	r := PeriodRange(PerQuarter, mi(2022, 2), mi(2022, 12))
	if len(r) != 4 || r[0].String() != "2022-Q1" || r[3].String() != "2022-Q4" {
		t.Errorf("quarters of 2022 = %v", r)
	}
}
