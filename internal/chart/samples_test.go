package chart

import (
	"fmt"
	"strings"

	"catracker/data"
)

// sampleCharts are realistic charts of every family, by name.
func sampleCharts() map[string]*data.Chart {
	return map[string]*data.Chart{
		"deaths-bars":             realisticDeaths(false),
		"deaths-cumulative":       realisticDeaths(true),
		"prosecutions-bars":       realisticProsecutions(false),
		"prosecutions-cumulative": realisticProsecutions(true),
		"recruitment-bars":        realisticRecruitment(false),
		"recruitment-cumulative":  realisticRecruitment(true),
		"timeline":                realisticTimeline(),
		"deaths-estimates":        estimateDeaths(true),
		"deaths-reattributed":     reattributedDeaths(),
		"deaths-by-group":         groupDeaths(true),
		"deaths-by-group-bars":    groupDeaths(false),
		"prosecutions-by-stage":   latestStageProsecutions(),
	}
}

// periodOf is the index of month m among c's monthly periods.
func periodOf(c *data.Chart, m int) int { return m - c.Periods[0].N }

// estimateDeaths is realisticDeaths with an early estimate of about 35
// deaths in Central Asia and a later one of about 15 in Tajikistan.
func estimateDeaths(cumulative bool) *data.Chart {
	c := realisticDeaths(cumulative)
	c.Estimates = []data.EstimatedFigure{
		{Area: data.CA, Code: string(data.CA), Period: periodOf(c, month(2022, 6)), Value: 35},
		{Area: data.TJ, Code: string(data.TJ), Period: periodOf(c, month(2023, 9)), Value: 15},
	}
	return c
}

// reattributedDeaths is realisticDeaths per month where Tajikistan's 2
// deaths of September 2023 were already inside the Central Asia figure of
// February 2023, with an estimate of about 35 in Central Asia.
func reattributedDeaths() *data.Chart {
	c := realisticDeaths(false)
	c.Estimates = []data.EstimatedFigure{{Area: data.CA, Code: string(data.CA), Period: periodOf(c, month(2022, 6)), Value: 35}}
	c.Reattributed = make([]int, len(c.Periods))
	c.Reattributed[periodOf(c, month(2023, 9))] = 2
	return c
}

var groupOrder = []string{string(data.Prisoners), string(data.Migrants), string(data.Mobilised), string(data.Volunteers), data.UnstatedCode}

// groupDeaths are deaths by group of people: Tajik migrants from the
// seeds, prisoners recruited by Wagner, a few mobilised and volunteers,
// and the figures whose group is not stated; per month, 3 of the
// prisoners of June 2023 were already inside an earlier figure whose group
// was not stated.
func groupDeaths(cumulative bool) *data.Chart {
	c := seriesChart(data.Deaths, month(2022, 2), month(2024, 10), cumulative, map[string]map[int]int{
		string(data.Prisoners):  {month(2022, 10): 3, month(2023, 3): 7, month(2023, 6): 4},
		string(data.Migrants):   {month(2022, 3): 4, month(2022, 5): 6, month(2023, 9): 2},
		string(data.Mobilised):  {month(2022, 11): 2, month(2023, 1): 1},
		string(data.Volunteers): {month(2022, 6): 1, month(2024, 2): 1},
		data.UnstatedCode:       {month(2022, 9): 1, month(2023, 2): 20, month(2024, 6): 5},
	}, groupOrder)
	c.Filter.By = data.ByGroup
	if !cumulative {
		c.Reattributed = make([]int, len(c.Periods))
		c.Reattributed[periodOf(c, month(2023, 6))] = 3
	}
	return c
}

// latestStageProsecutions counts twelve cases by the stage each had
// reached at the end of every quarter.
func latestStageProsecutions() *data.Chart {
	from, to := month(2022, 4), month(2024, 9)
	c := &data.Chart{
		Filter:    data.Filter{Family: data.Prosecutions, From: from, To: to, Period: data.PerQuarter, LatestStage: true},
		Periods:   data.PeriodRange(data.PerQuarter, from, to),
		Outlets:   testOutlets,
		Incidents: 29,
	}
	type step struct {
		month int
		stage data.Stage
	}
	cases := [][]step{
		{{month(2022, 5), data.Investigation}, {month(2022, 9), data.Charge}, {month(2023, 2), data.Sentence}},
		{{month(2022, 8), data.Detention}, {month(2022, 12), data.Sentence}},
		{{month(2022, 10), data.Investigation}, {month(2023, 4), data.Charge}, {month(2023, 8), data.Sentence}, {month(2024, 2), data.Retrial}},
		{{month(2022, 11), data.Detention}, {month(2023, 3), data.Sentence}},
		{{month(2023, 1), data.Investigation}, {month(2023, 6), data.Acquittal}},
		{{month(2023, 3), data.Investigation}, {month(2023, 7), data.Charge}, {month(2024, 1), data.Sentence}},
		{{month(2023, 5), data.Detention}, {month(2023, 10), data.Charge}},
		{{month(2023, 9), data.Investigation}},
		{{month(2023, 11), data.Detention}, {month(2024, 3), data.Sentence}},
		{{month(2024, 1), data.Investigation}, {month(2024, 6), data.Charge}},
		{{month(2024, 4), data.Detention}},
		{{month(2024, 7), data.Investigation}},
	}
	for _, stage := range data.Stages {
		vals := make([]int, len(c.Periods))
		for i, p := range c.Periods {
			for _, steps := range cases {
				latest := data.Stage("")
				for _, st := range steps {
					if st.month <= p.LastMonth() {
						latest = st.stage
					}
				}
				if latest == stage {
					vals[i]++
				}
			}
		}
		c.Series = append(c.Series, data.Series{Code: string(stage), Label: string(stage), Values: vals})
	}
	return c
}

// edgeCharts are charts that stress the layout, by name.
func edgeCharts() map[string]*data.Chart {
	negative := realisticDeaths(false)
	negative.Series[5].Values[24] = -4 // unattributed deaths later attributed
	quarters := regroup(realisticDeaths(false), data.PerQuarter)
	years := regroup(realisticProsecutions(true), data.PerYear)
	long := syntheticChart(data.Deaths, false)
	long.Periods = data.PeriodRange(data.PerMonth, month(1991, 1), month(2024, 4))
	for i := range long.Series {
		long.Series[i].Values = make([]int, len(long.Periods))
		for p := range long.Periods {
			long.Series[i].Values[p] = (p * (i + 3)) % 7
		}
	}
	many := append([]string(nil), testOutlets...)
	for i := range 40 {
		many = append(many, fmt.Sprintf("Regional outlet number %d", i+1))
	}
	manyOutlets := realisticRecruitment(true)
	manyOutlets.Outlets = many
	out := map[string]*data.Chart{
		"edge-negative":         negative,
		"edge-quarters":         quarters,
		"edge-years":            years,
		"edge-400-months":       long,
		"edge-many-outlets":     manyOutlets,
		"edge-timeline-2000":    syntheticTimeline(2000),
		"edge-hostile-labels":   hostileChart(data.RecruitmentReports, false),
		"edge-hostile-timeline": hostileChart(data.Timeline, false),
	}
	for name, c := range emptyCharts() {
		out["edge-empty-"+strings.ReplaceAll(name, " ", "-")] = c
	}
	return out
}

// regroup turns a monthly chart into one of wider periods: it sums new
// counts and keeps the last cumulative count of each period.
func regroup(c *data.Chart, unit data.Period) *data.Chart {
	out := *c
	out.Filter.Period = unit
	first, last := c.Periods[0].FirstMonth(), c.Periods[len(c.Periods)-1].LastMonth()
	out.Periods = data.PeriodRange(unit, first, last)
	out.Series = nil
	for _, s := range c.Series {
		vals := make([]int, len(out.Periods))
		for i, p := range c.Periods {
			j := data.KeyOf(unit, p.FirstMonth()).N - out.Periods[0].N
			if c.Filter.Cumulative {
				vals[j] = s.Values[i]
			} else {
				vals[j] += s.Values[i]
			}
		}
		out.Series = append(out.Series, data.Series{Code: s.Code, Label: s.Label, Values: vals})
	}
	return &out
}
