package data

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

var stageNames = map[Stage]string{
	Investigation: "Investigation", Detention: "Detention", Charge: "Charge",
	Sentence: "Sentence", Retrial: "Retrial", Acquittal: "Acquittal",
}

// Name returns the English name of the stage.
func (s Stage) Name() string {
	if n, ok := stageNames[s]; ok {
		return n
	}
	return string(s)
}

// StageRecord is one prosecution record that names a person: one stage of
// that person's case in one area.
type StageRecord struct {
	Area   Area
	Person string
	Stage  Stage
	Side   Side
	Date   Date // as the source gave it: to the day, the month or the year
}

// StageBucket sums the prosecution records that name no one, of one area,
// stage and side, in one period.
type StageBucket struct {
	Area   Area
	Stage  Stage
	Side   Side
	Group  Group
	Period int // PeriodKey.N, in the unit of the chart's periods
	// Cases is the sum of the event counts, one for each record whose
	// count is unknown.
	Cases int
	Max   int // largest total or at-least count; 0 if none. Never an estimate
	Rows  int // how many records the bucket holds
}

// CountLatestStages fills the series and the incident count of a
// prosecutions chart by latest stage (Filter.LatestStage) from the chart's
// filter (with its defaults) and periods. There is one series per stage,
// in legal order, for each stage that has cases in some period; its value
// for a period is the number of cases whose latest stage at the end of the
// period is that stage. The values are levels, not sums over time, so the
// filter's Cumulative does not apply.
//
// A case is every record of one person in one area. Its latest stage at a
// time is the stage of its latest record dated on or before it: a record
// counts from the end of its month or year, like every other, and one that
// surely comes after another (on a later day, or in a later month) wins.
// When the dates do not say which comes first (records in the same month,
// not both known to the day, or on the same day) the later stage in legal
// order wins: a sentence of 2 May and a retrial of 20 May read as a
// retrial, and so do a sentence of May and a retrial of 20 May. A case
// counts from its first record on, and a record before the first period
// counts towards the first.
//
// Records that name no one stay at their stage from their date on, since
// nothing later is known about them. Within one area and stage they follow
// the counting rule C = max(sum of cases, largest total or at-least
// count), and add to the named cases at that stage.
//
// The filter's side keeps only the records of that side. Areas follow the
// rule of the other charts: RU never counts, and when the filter selects
// CA the figures of the region that no country accounts for are added,
// stage by stage: the larger of CA's figure and the sum of all five
// countries', minus that sum. Named records after the filter's To (when
// set) or the last period are left out, and so are buckets after the last
// period; buckets are by period, so they must hold no record after To.
// Incidents counts the records of the selected areas that count, those
// before the first period too, since the first period's levels stand on
// them.
//
// Named records may come in any order; sorted by area and person they need
// no copy.
func (c *Chart) CountLatestStages(named []StageRecord, unnamed []StageBucket) {
	c.Series, c.Incidents = nil, 0
	if len(c.Periods) == 0 {
		return
	}
	t := newStageTally(c.Filter, c.Periods)
	t.addNamed(named)
	t.addUnnamed(unnamed)
	c.Series = t.series()
	c.Incidents = t.incidents
}

// NeedsExactDates reports whether CountLatestStages could count the case
// with these records differently if it knew their exact dates rather than
// their months: whether two of its records at different stages share a
// month, or a year with one of them in December (where a record known only
// by its year counts). Otherwise records dated to their month count the
// same as with their exact dates, so a store can read the exact dates of
// only the cases that need them.
func NeedsExactDates(records []StageRecord) bool {
	for i, a := range records {
		_, lastA := dayRange(a.Date)
		for _, b := range records[i+1:] {
			if a.Stage == b.Stage {
				continue
			}
			_, lastB := dayRange(b.Date)
			ma, mb := dayMonth(lastA), dayMonth(lastB)
			if ma == mb || (ma/12 == mb/12 && (ma%12 == 11 || mb%12 == 11)) {
				return true
			}
		}
	}
	return false
}

// caSlot is CA's place in stageTally.levels, after the five countries.
var caSlot = len(Countries)

// stageTally counts the cases of a chart by latest stage.
type stageTally struct {
	f         Filter
	periods   []PeriodKey
	lastMonth int // month index of the last month whose records count
	// levels holds, for each country (in the order of Countries) and CA,
	// and each stage (in the order of Stages), the change in the number of
	// cases at that stage in each period, until series adds them up into
	// the number at the end of each period.
	levels [][][]int
	// totals holds, in the same slots, the largest total or at-least
	// count of unnamed records reported by the end of each period: a
	// stage's level is never below it.
	totals    [][][]int
	incidents int
	// selected and counted hold, for each slot of levels, whether the
	// filter selects its area and whether its records enter the chart:
	// those of the selected areas, and those of every country when CA is
	// selected, since the region's part that no country accounts for is
	// measured against all five.
	selected, counted []bool
}

// newStageTally is a tally for a chart with filter f over periods, at
// least one.
func newStageTally(f Filter, periods []PeriodKey) *stageTally {
	t := &stageTally{f: f, periods: periods, lastMonth: periods[len(periods)-1].LastMonth()}
	if f.To != 0 {
		t.lastMonth = min(t.lastMonth, f.To)
	}
	slots := len(Countries) + 1
	t.levels, t.totals = make([][][]int, slots), make([][][]int, slots)
	t.selected, t.counted = make([]bool, slots), make([]bool, slots)
	for a := range slots {
		area := CA
		if a < len(Countries) {
			area = Countries[a]
		}
		t.selected[a] = f.Has(area)
		t.counted[a] = t.selected[a] || f.Has(CA)
		t.levels[a], t.totals[a] = make([][]int, len(Stages)), make([][]int, len(Stages))
		for s := range t.levels[a] {
			t.levels[a][s], t.totals[a][s] = make([]int, len(periods)), make([]int, len(periods))
		}
	}
	return t
}

// slot is an area's place in levels; -1 for an area that never counts.
func (t *stageTally) slot(a Area) int {
	if a == CA {
		return caSlot
	}
	return slices.Index(Countries, a)
}

// counts reports whether the records of the area in slot enter the chart.
func (t *stageTally) counts(slot int) bool { return slot >= 0 && t.counted[slot] }

// onSide reports whether the filter keeps records of side s.
func (t *stageTally) onSide(s Side) bool { return t.f.Side == SideUnknown || s == t.f.Side }

// period is the index in periods of the period that holds month: 0 for a
// month before the first.
func (t *stageTally) period(month int) int {
	return max(KeyOf(t.periods[0].Unit, month).N-t.periods[0].N, 0)
}

// byCase orders records by area and person, so that the records of each
// case come together.
func byCase(a, b StageRecord) int {
	if c := strings.Compare(string(a.Area), string(b.Area)); c != 0 {
		return c
	}
	return strings.Compare(a.Person, b.Person)
}

// addNamed counts the cases of the named records.
func (t *stageTally) addNamed(records []StageRecord) {
	if !slices.IsSortedFunc(records, byCase) {
		records = slices.Clone(records)
		slices.SortFunc(records, byCase)
	}
	var steps []stageStep
	for i := 0; i < len(records); {
		j := i + 1
		for j < len(records) && records[j].Person == records[i].Person && records[j].Area == records[i].Area {
			j++
		}
		steps = t.addCase(records[i:j], steps[:0])
		i = j
	}
}

// stageStep is one record of a case, as addCase orders them.
type stageStep struct {
	period      int // index in periods
	first, last int // the first and last day the record's date can mean, as dayRange gives them
	stage       int // index in Stages
}

// addCase counts one case, the records of one person in one area, in
// levels: a change of latest stage moves the case from one stage to the
// other in the period where it happens. steps is scratch space, returned
// for the next case.
func (t *stageTally) addCase(records []StageRecord, steps []stageStep) []stageStep {
	slot := t.slot(records[0].Area)
	if !t.counts(slot) {
		return steps
	}
	for _, r := range records {
		stage := slices.Index(Stages, r.Stage)
		first, last := dayRange(r.Date)
		month := dayMonth(last)
		if stage < 0 || !t.onSide(r.Side) || month > t.lastMonth {
			continue
		}
		steps = append(steps, stageStep{period: t.period(month), first: first, last: last, stage: stage})
		if t.selected[slot] {
			t.incidents++
		}
	}
	// By the end of their dates, the records known at the end of each
	// period come before those known later.
	slices.SortFunc(steps, func(a, b stageStep) int { return cmp.Compare(a.last, b.last) })
	lv := t.levels[slot]
	current, latestFirst := -1, math.MinInt
	for i := 0; i < len(steps); {
		p := steps[i].period
		for ; i < len(steps) && steps[i].period == p; i++ {
			latestFirst = max(latestFirst, steps[i].first)
		}
		// The records that nothing surely follows are those that can end
		// on or after the latest first day; of them the latest stage in
		// legal order wins. Sorted by their end, they are the last ones.
		stage := -1
		for k := i - 1; k >= 0 && steps[k].last >= latestFirst; k-- {
			stage = max(stage, steps[k].stage)
		}
		if stage != current {
			if current >= 0 {
				lv[current][p]--
			}
			lv[stage][p]++
			current = stage
		}
	}
	return steps
}

// dayRange returns the first and the last day d can mean, numbered so that
// they sort as the days do: every month has 31 numbers, whatever its
// length. A date to the day is one day; a date to the month or the year is
// all of it.
func dayRange(d Date) (first, last int) {
	year := d.Year * 12 * 31
	switch d.Precision() {
	case Day:
		n := year + (d.Month-1)*31 + d.Day - 1
		return n, n
	case Month:
		n := year + (d.Month-1)*31
		return n, n + 30
	}
	return year, year + 12*31 - 1
}

// dayMonth is the month index (see Date.MonthIndex) of a day numbered as
// dayRange numbers them.
func dayMonth(n int) int { return n / 31 }

// addUnnamed counts the records that name no one. Within one group of
// people their figure is C = max(events, largest total), as in every other
// chart, and it stays at its stage from its date on. A total whose group
// is not stated may hold every group's cases and the named ones, so a
// stage's level in an area is never below it but does not add to them:
// the level is max(named cases + unstated events + the groups' figures,
// largest unstated total). Adding that total could count a case twice.
func (t *stageTally) addUnnamed(buckets []StageBucket) {
	type key struct{ slot, stage int }
	byKey := map[key][]Bucket{}
	lastPeriod := t.periods[len(t.periods)-1].N
	for _, b := range buckets {
		k := key{t.slot(b.Area), slices.Index(Stages, b.Stage)}
		if !t.counts(k.slot) || k.stage < 0 || !t.onSide(b.Side) || b.Period > lastPeriod {
			continue
		}
		byKey[k] = append(byKey[k], Bucket{Group: b.Group, Period: b.Period, Events: b.Cases, Max: b.Max})
		if t.selected[k.slot] {
			t.incidents += b.Rows
		}
	}
	for k, bs := range byKey {
		fig := AreaFigure(bs, t.periods)
		adds := fig.addingUp()
		lv := t.levels[k.slot][k.stage]
		lv[0] += adds[0]
		for i := range lv {
			lv[i] += adds[i+1] - adds[i]
		}
		copy(t.totals[k.slot][k.stage], fig.allTotal[1:])
	}
}

// series adds up the levels of the selected areas, stage by stage.
func (t *stageTally) series() []Series {
	n := len(t.periods)
	var out []Series
	for s, stage := range Stages {
		for a := range t.levels {
			lv := t.levels[a][s]
			for p := 1; p < n; p++ {
				lv[p] += lv[p-1]
			}
			for p := range n {
				lv[p] = max(lv[p], t.totals[a][s][p])
			}
		}
		vals := make([]int, n)
		countries := make([]int, n)
		for a := range Countries {
			if t.selected[a] {
				addTo(vals, t.levels[a][s])
			}
			addTo(countries, t.levels[a][s])
		}
		if t.selected[caSlot] {
			for p, ca := range t.levels[caSlot][s] {
				vals[p] += max(ca-countries[p], 0)
			}
		}
		if !allZero(vals) {
			out = append(out, Series{Code: string(stage), Label: stage.Name(), Values: vals})
		}
	}
	return out
}
