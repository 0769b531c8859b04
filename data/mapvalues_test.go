package data

import "testing"

func TestParseMeasure(t *testing.T) {
	for in, want := range map[string]Measure{"": MeasureDeaths, "Cases": MeasureCases, " recruitment ": MeasureRecruitment} {
		if got, err := ParseMeasure(in); err != nil || got != want {
			t.Errorf("ParseMeasure(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseMeasure("prosecutions"); err == nil {
		t.Error("ParseMeasure accepted a family that is not a measure")
	}
	if f := (Filter{Family: Map}).WithDefaults(); f.Measure != MeasureDeaths {
		t.Errorf("a map's default measure is %q, want deaths", f.Measure)
	}
	if MeasureCases.Family() != Prosecutions || MeasureRecruitment.Family() != RecruitmentReports {
		t.Error("measures count with the wrong chart family")
	}
}

// MapValues reads a cumulative chart at two dates; without a region of
// its own, the region is the countries' sum.
func TestMapValues(t *testing.T) {
	c := &Chart{Periods: PeriodRange(PerMonth, 100, 103), Series: []Series{
		{Code: "KZ", Values: []int{1, 2, 4, 8}},
		{Code: "TJ", Values: []int{0, 0, 3, 3}},
	}}
	for _, tc := range []struct {
		from   int
		kz, tj int
	}{{0, 8, 3}, {100, 8, 3}, {102, 6, 3}, {103, 4, 0}, {104, 0, 0}, {200, 0, 0}} {
		got := map[string]int{}
		for _, v := range MapValues(c, tc.from) {
			got[v.Code] = v.Value
		}
		if got["KZ"] != tc.kz || got["TJ"] != tc.tj || got[RegionCode] != tc.kz+tc.tj || got[UnattributedCode] != 0 {
			t.Errorf("from %d: %v, want KZ %d TJ %d", tc.from, got, tc.kz, tc.tj)
		}
	}
	vals := ReportValues([]Cell{{Area: KG, Reports: 2}, {Area: RU, Reports: 3}, {Area: KG, Reports: 1}})
	if len(vals) != 7 || vals[1].Code != "KG" || vals[1].Value != 3 || vals[6].Code != "RU" || vals[6].Value != 3 {
		t.Errorf("ReportValues = %v", vals)
	}
}
