package data

import "sort"

// CountAreas fills the series, estimates, reattributed parts and incident
// count of a deaths, prosecutions or captures chart from buckets keyed by area code
// and group, by the chart's filter and periods. It needs the buckets of every country,
// selected or not: when the filter selects CA, the unattributed part of the
// CA figures is the region's figure minus all five countries' figures,
// since a CA figure covers all of them. Cumulative charts also get the
// REGION total.
func (c *Chart) CountAreas(buckets []Bucket) {
	f := c.Filter
	if len(c.Periods) == 0 {
		return
	}
	if f.Group != GroupUnstated {
		kept := buckets[:0:0]
		for _, b := range buckets {
			if b.Group == f.Group {
				kept = append(kept, b)
			}
		}
		buckets = kept
	}
	byArea := map[Area][]Bucket{}
	for _, b := range buckets {
		byArea[Area(b.Code)] = append(byArea[Area(b.Code)], b)
		// The footer counts the incidents the chart draws on: those of the
		// shown areas in its range, and for running totals those before it.
		if f.Has(Area(b.Code)) && (f.Cumulative || b.Period >= c.Periods[0].N) {
			c.Incidents += b.Rows
		}
	}
	figs := make([]Figure, len(Countries))
	for i, a := range Countries {
		figs[i] = AreaFigure(byArea[a], c.Periods)
	}
	var region *Figure
	if f.Has(CA) {
		r := RegionFigure(figs, AreaFigure(byArea[CA], c.Periods))
		region = &r
	}
	var cums []Series // cumulative values, with C before the first period
	if f.By == ByGroup {
		cums = groupSeries(f, figs, region)
	} else {
		cums = areaSeries(f, figs, region)
	}
	c.Series, c.Reattributed = perPeriod(cums, f.Cumulative)
	c.ReattributedLabel = "Already counted in an earlier figure"
	c.Estimates = estimates(f, c.Periods, buckets)
}

// areaSeries are the cumulative series of a chart by area: each selected
// country, then the part of the region's figure that no country accounts
// for and the region's figure.
func areaSeries(f Filter, figs []Figure, region *Figure) []Series {
	var out []Series
	countries := make([]int, len(figs[0].Total))
	for i, a := range Countries {
		addTo(countries, figs[i].Total)
		if f.Has(a) {
			out = append(out, Series{Code: string(a), Label: a.Name(), Values: figs[i].Total})
		}
	}
	if region == nil {
		return out
	}
	unattributed := make([]int, len(countries))
	for i := range unattributed {
		unattributed[i] = region.Total[i] - countries[i]
	}
	if allZero(unattributed) {
		return out
	}
	return append(out,
		Series{Code: UnattributedCode, Label: "Central Asia, not attributed to a country", Values: unattributed},
		Series{Code: RegionCode, Label: "Central Asia total", Values: region.Total})
}

// groupSeries are the cumulative series of a chart by group: the selected
// countries' figures of each group, then of no stated group. When CA is
// selected, each series also holds the part of the region's figure for
// its group that no country accounts for, and the region's figure follows.
func groupSeries(f Filter, figs []Figure, region *Figure) []Series {
	n := len(figs[0].Total)
	sums := map[Group][]int{}
	add := func(g Group, v []int, sign int) {
		if sums[g] == nil {
			sums[g] = make([]int, n)
		}
		for i := range v {
			sums[g][i] += sign * v[i]
		}
	}
	for i, a := range Countries {
		if f.Has(a) {
			for g, v := range figs[i].Groups {
				add(g, v, 1)
			}
			add(GroupUnstated, figs[i].Unstated, 1)
		}
	}
	if region != nil {
		for g, v := range region.Groups {
			add(g, v, 1)
		}
		add(GroupUnstated, region.Unstated, 1)
		for _, fig := range figs {
			for g, v := range fig.Groups {
				add(g, v, -1)
			}
			add(GroupUnstated, fig.Unstated, -1)
		}
	}
	var out []Series
	for _, g := range append(append([]Group{}, Groups...), GroupUnstated) {
		if v := sums[g]; v != nil && !allZero(v) {
			out = append(out, Series{Code: g.Code(), Label: g.Name(), Values: v})
		}
	}
	if region != nil && len(out) > 0 {
		out = append(out, Series{Code: RegionCode, Label: "Central Asia total", Values: region.Total})
	}
	return out
}

// perPeriod turns cumulative series into the chart's values. A cumulative
// chart keeps the figures at the end of each period. A chart per period
// shows each period's rise: a part that no country or group accounts for
// falls when a new country or group figure was already inside it, and its
// bar then stays at zero while the fall is returned as reattributed. The
// total stays a line of cumulative charts only.
func perPeriod(cums []Series, cumulative bool) (series []Series, reattributed []int) {
	for _, s := range cums {
		if cumulative {
			s.Values = Values(s.Values, true)
			series = append(series, s)
			continue
		}
		if s.Code == RegionCode {
			continue
		}
		up, down := Rises(s.Values)
		s.Values = up
		series = append(series, s)
		if !allZero(down) {
			if reattributed == nil {
				reattributed = make([]int, len(down))
			}
			addTo(reattributed, down)
		}
	}
	return series, reattributed
}

// estimates lists the approximate figures of the selected areas dated in
// the chart's periods, the largest of each series and period.
func estimates(f Filter, periods []PeriodKey, buckets []Bucket) []EstimatedFigure {
	if len(periods) == 0 {
		return nil
	}
	first, last := periods[0].N, periods[len(periods)-1].N
	var out []EstimatedFigure
	type key struct {
		code   string
		period int
	}
	seen := map[key]int{} // index in out
	for _, b := range buckets {
		a := Area(b.Code)
		if b.Est <= 0 || b.Period < first || b.Period > last || !f.Has(a) {
			continue
		}
		code, label := string(a), a.Name()
		if f.By == ByGroup {
			code, label = b.Group.Code(), b.Group.Name()
		}
		e := EstimatedFigure{Area: a, Group: b.Group, Code: code, Label: label + ", estimate", Period: b.Period - first,
			Value: b.Est}
		k := key{code, e.Period}
		if i, ok := seen[k]; ok {
			if e.Value > out[i].Value {
				out[i] = e
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// CountChannels fills the series of a recruitment chart, its series per
// area (ByArea) and its incident count from the buckets of each shown
// area, keyed by channel code. shown are the areas whose reports the
// chart counts; every one of them gets its place in ByArea, in the order
// of Areas, even with no reports. The chart's series count the reports of
// every shown area together, by the same rule as each area's.
func (c *Chart) CountChannels(shown []Area, byArea map[Area][]Bucket) {
	if len(c.Periods) == 0 {
		return
	}
	var all []Bucket
	for _, a := range Areas {
		if !contains(shown, a) {
			continue
		}
		bs := byArea[a]
		all = append(all, bs...)
		c.ByArea = append(c.ByArea, AreaSeries{Area: a, Series: ChannelSeries(c.Filter, c.Periods, bs)})
	}
	c.Series = ChannelSeries(c.Filter, c.Periods, all)
	// The footer counts the reports the chart draws on: those in its
	// range, and for running totals also those before it.
	for _, b := range all {
		if c.Filter.Cumulative || b.Period >= c.Periods[0].N {
			c.Incidents += b.Rows
		}
	}
}

// ChannelSeries builds the recruitment series from buckets keyed by channel
// code: known channels in their fixed order, then others by code.
func ChannelSeries(f Filter, periods []PeriodKey, buckets []Bucket) []Series {
	by := groupByCode(buckets)
	codes := make([]string, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	order := func(c string) int {
		for i, ci := range Channels {
			if string(ci.Code) == c {
				return i
			}
		}
		return len(Channels)
	}
	sort.Slice(codes, func(i, j int) bool {
		oi, oj := order(codes[i]), order(codes[j])
		if oi != oj {
			return oi < oj
		}
		return codes[i] < codes[j]
	})
	var out []Series
	for _, c := range codes {
		vals := Values(Cumulative(by[c], periods), f.Cumulative)
		if allZero(vals) {
			continue
		}
		out = append(out, Series{Code: c, Label: Channel(c).Label(), Values: vals})
	}
	return out
}

func groupByCode(buckets []Bucket) map[string][]Bucket {
	by := make(map[string][]Bucket)
	for _, b := range buckets {
		by[b.Code] = append(by[b.Code], b)
	}
	return by
}

func allZero(v []int) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}
