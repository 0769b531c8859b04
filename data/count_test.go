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
