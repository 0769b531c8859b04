package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"catracker/data"
)

// figures is the seeds' deaths example with groups of people, an
// estimate, a regional figure, a figure on Ukraine's side and one that
// an earlier regional figure had already counted; kind is written KIND.
const figures = "ref,date,area,kind,count,basis,side,group,summary,source_outlet\n" +
	"tj-4,2022-03,TJ,KIND,4,event,russia,migrants,Four,Outlet A\n" +
	"tj-10,2022-05,TJ,KIND,10,total,russia,migrants,Ten in total,Outlet B\n" +
	"kg-3,2022-03-10,KG,KIND,3,event,russia,,Three,Outlet A\n" +
	"kg-2,2022-10,KG,KIND,2,event,ukraine,,Two,Outlet C\n" +
	"ca-35,2023-02,CA,KIND,35,at_least,,,At least 35,Outlet D\n" +
	"ca-about,2022-06,CA,KIND,50,estimate,,,About 50,Outlet D\n" +
	"tj-prisoners,2023-03,TJ,KIND,10,at_least,russia,prisoners,At least 10 prisoners,Outlet E\n" +
	"uz-late,2023-09,UZ,KIND,2,event,russia,,Two,Outlet F\n"

// TestCapturesCountedLikeDeaths imports the same figures as deaths into
// one database and as captures into another, and checks that every chart
// of captures equals the chart of deaths: the counting rules (events and
// totals, groups, estimates apart, the regional rule, falls
// reattributed) are the same, and so are the footer's facts.
func TestCapturesCountedLikeDeaths(t *testing.T) {
	deathsDB, capturedDB := newStore(t), newStore(t)
	mustImport(t, deathsDB, strings.ReplaceAll(figures, "KIND", "death"))
	mustImport(t, capturedDB, strings.ReplaceAll(figures, "KIND", "captured"))
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    data.Filter
	}{
		{"per month", data.Filter{Period: data.PerMonth}},
		{"cumulative", data.Filter{Period: data.PerMonth, Cumulative: true}},
		{"per quarter", data.Filter{Period: data.PerQuarter}},
		{"one country", data.Filter{Period: data.PerMonth, Cumulative: true, Areas: []data.Area{data.TJ}}},
		{"countries and CA", data.Filter{Period: data.PerYear, Areas: []data.Area{data.KG, data.TJ, data.CA}}},
		{"Russia's side", data.Filter{Period: data.PerMonth, Cumulative: true, Side: data.Russia}},
		{"by group", data.Filter{Period: data.PerMonth, By: data.ByGroup}},
		{"by group cumulative", data.Filter{Period: data.PerMonth, By: data.ByGroup, Cumulative: true}},
		{"prisoners only", data.Filter{Period: data.PerMonth, Group: data.Prisoners, Cumulative: true}},
		{"a late range", data.Filter{Period: data.PerMonth, Cumulative: true, From: 2023*12 + 1, To: 2023*12 + 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			df, cf := tc.f, tc.f
			df.Family, cf.Family = data.Deaths, data.Captures
			dc, err := deathsDB.Chart(ctx, df)
			if err != nil {
				t.Fatal(err)
			}
			cc, err := capturedDB.Chart(ctx, cf)
			if err != nil {
				t.Fatal(err)
			}
			if cc.Empty() {
				t.Fatal("the captures chart is empty")
			}
			if !reflect.DeepEqual(dc.Periods, cc.Periods) || !reflect.DeepEqual(dc.Series, cc.Series) ||
				!reflect.DeepEqual(dc.Estimates, cc.Estimates) || !reflect.DeepEqual(dc.Reattributed, cc.Reattributed) ||
				dc.Incidents != cc.Incidents || !reflect.DeepEqual(dc.Outlets, cc.Outlets) {
				t.Errorf("captures differ from deaths:\n deaths   %+v %v %v %d\n captures %+v %v %v %d",
					dc.Series, dc.Estimates, dc.Reattributed, dc.Incidents, cc.Series, cc.Estimates, cc.Reattributed, cc.Incidents)
			}
		})
	}
	// and the figures themselves follow the rules
	cum := series(t, capturedDB, data.Filter{Family: data.Captures, Cumulative: true, Period: data.PerMonth})
	for _, want := range []struct {
		code, period string
		n            int
	}{
		{"TJ", "2022-05", 10},                  // a total, not 4 + 10
		{"TJ", "2023-03", 20},                  // 10 migrants and at least 10 prisoners
		{data.UnattributedCode, "2023-02", 20}, // 35 in the region, TJ 10 and KG 5 attributed
		{data.RegionCode, "2022-06", 13},       // the estimate of about 50 is no figure
		{data.UnattributedCode, "2023-03", 10}, // falls as TJ's prisoners were inside the 35
		{data.RegionCode, "2023-09", 35},       // the 35 may cover every group: TJ 20, KG 5 and UZ 2 fit in it
	} {
		if got := cum[want.code][want.period]; got != want.n {
			t.Errorf("captured %s by %s = %d, want %d", want.code, want.period, got, want.n)
		}
	}
	list, err := capturedDB.Incidents(ctx, data.IncidentQuery{Filter: data.Filter{Family: data.Captures}})
	if err != nil || len(list) != 8 {
		t.Errorf("the incidents list of the captures chart holds %d incidents (%v), want 8", len(list), err)
	}
}

// TestRecruitmentSplitByArea checks that a recruitment chart keeps each
// shown area's reports per channel, every selected country and RU in
// order, and that they add up to the chart's series.
func TestRecruitmentSplitByArea(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, header+
		"ru-office,2022-09-20,RU,recruitment,,,,migration_centre,,,Office opened,A,T,2022-09-21,\n"+
		"kg-ads,2022-10,KG,recruitment,,,,social_media_ads,,,Ads,A,T,2022-10-30,\n"+
		"kg-prison,2022-11,KG,recruitment,,,,prison,,,Prison,A,T,2022-11-30,\n"+
		"uz-ads,2022-10,UZ,recruitment,,,,social_media_ads,,,Ads,A,T,2022-10-30,\n"+
		"tj-ads,2022-10,TJ,recruitment,,,,social_media_ads,,,Ads,A,T,2022-10-30,\n")
	c, err := st.Chart(context.Background(), data.Filter{Family: data.RecruitmentReports, Areas: []data.Area{data.UZ, data.KG, data.TM},
		Period: data.PerMonth, Cumulative: true})
	if err != nil {
		t.Fatal(err)
	}
	var areas []data.Area
	sums := map[string][]int{}
	for _, as := range c.ByArea {
		areas = append(areas, as.Area)
		for _, s := range as.Series {
			if sums[s.Code] == nil {
				sums[s.Code] = make([]int, len(c.Periods))
			}
			for i, v := range s.Values {
				sums[s.Code][i] += v
			}
		}
	}
	if !reflect.DeepEqual(areas, []data.Area{data.KG, data.UZ, data.TM, data.RU}) {
		t.Errorf("areas %v, want KG, UZ, TM (no reports) and RU", areas)
	}
	if len(c.ByArea) == 4 && len(c.ByArea[2].Series) != 0 {
		t.Errorf("TM has series %v, but no reports", c.ByArea[2].Series)
	}
	for _, s := range c.Series {
		if !reflect.DeepEqual(sums[s.Code], s.Values) {
			t.Errorf("%s: the areas add up to %v, the chart has %v", s.Code, sums[s.Code], s.Values)
		}
	}
	if c.Incidents != 4 {
		t.Errorf("%d reports behind the chart, want 4 (KG 2, UZ 1, RU 1)", c.Incidents)
	}
}
