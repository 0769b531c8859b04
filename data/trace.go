package data

import (
	"cmp"
	"slices"
)

// Mark is one number a chart draws: a bar segment or a line's point (a
// series at one period), or a dot of the timeline (the reports of one
// month, channel and area, or of one date when the timeline draws a dot
// per report).
type Mark struct {
	// Series is the code of the series (Series.Code); Period indexes
	// Chart.Periods. Bars and lines only.
	Series string
	Period int
	// Area is the area of a recruitment chart's panel, or of a timeline's
	// dot; blank for a bar or line of every shown area.
	Area Area
	// Timeline marks a dot of the timeline, of Month and Channel; Date
	// narrows it to one report's date, zero for a whole cell.
	Timeline bool
	Month    int
	Channel  Channel
	Date     Date
}

// TraceQuery selects the incidents that a chart counted for a mark, and
// those before it that the counting rules need to tell what each of them
// added (see Chart.Behind and Chart.Account).
type TraceQuery struct {
	Kind    Kind
	Areas   []Area
	Channel Channel // recruitment: only this channel; blank for every one
	Side    Side    // unknown keeps every side
	Stage   Stage   // prosecutions: only records of this stage; blank for every one
	// From and To are month indexes, inclusive; From 0 reads from the
	// first record.
	From, To int
	// Own is the first month of the mark's own incidents: when more than
	// MaxTrace incidents match, the store reads at most MaxTrace of those
	// dated from Own to To, and says the list is partial.
	Own int
}

// MaxTrace is the most incidents that Chart.Account replays one by one to
// tell what each added to a number; beyond it the store lists only the
// mark's own incidents (Trace.Partial).
const MaxTrace = 3000

// TraceRole says how an incident behind a number was counted.
type TraceRole int

// The roles of an incident in a number.
const (
	// Counted: it added Adds to the number (a negative Adds takes back
	// part of a figure that no country or group accounted for, which the
	// incident now accounts for).
	Counted TraceRole = iota
	// Superseded: it is dated within the number's period but added
	// nothing: an earlier or larger figure (a running total, a regional
	// figure, another stage of the same person's case) already held it.
	Superseded
	// Estimated: an approximate figure, shown apart and never counted.
	Estimated
	// Unaccounted: listed without what it added, because the number
	// stands on more than MaxTrace incidents.
	Unaccounted
)

// TraceEntry is one incident behind a number and what it added.
type TraceEntry struct {
	Incident Incident
	Role     TraceRole
	Adds     int
}

// Trace is the incidents behind one number of a chart.
type Trace struct {
	Mark  Mark
	Value int // the number the chart shows
	// Entries are in the order the counting rules took them: by month,
	// then by date and id. The Adds of the Counted ones sum to Value.
	Entries []TraceEntry
	// Partial says that the entries are listed without what each added
	// (see MaxTrace).
	Partial bool
}

// Behind returns the query for the incidents behind mark m: those the
// chart counted for it, and for bars and lines of deaths, prosecutions
// and captures every earlier one of the areas the counting rules weigh
// against each other. ok is false for a mark the chart does not draw, or
// for a chart (a map, prosecutions by latest stage) whose numbers are not
// traced.
func (c *Chart) Behind(m Mark) (q TraceQuery, ok bool) {
	f := c.Filter.WithDefaults()
	q.Side = f.Side
	if m.Timeline {
		if f.Family != Timeline {
			return q, false
		}
		q.Kind, q.Areas, q.Channel = Recruitment, []Area{m.Area}, m.Channel
		q.From, q.To, q.Own = m.Month, m.Month, m.Month
		return q, true
	}
	if m.Period < 0 || m.Period >= len(c.Periods) || c.series(m.Series) == nil {
		return q, false
	}
	period := c.Periods[m.Period]
	q.To = period.LastMonth()
	if !f.Cumulative {
		q.From, q.Own = period.FirstMonth(), period.FirstMonth()
	}
	switch {
	case f.Family == RecruitmentReports:
		q.Kind, q.Channel, q.Areas = Recruitment, Channel(m.Series), shownRecruitAreas(f)
		if m.Area != "" {
			q.Areas = []Area{m.Area}
		}
		return q, true
	case f.Family.Counted() && !(f.Family == Prosecutions && f.LatestStage):
		q.Kind, q.Areas, q.From = countedKind(f.Family), countedAreas(f, m.Series), 0
		if f.Family == Prosecutions {
			q.Stage = f.Stage
		}
		return q, true
	}
	return q, false
}

// series returns the chart's series of the code, or nil.
func (c *Chart) series(code string) *Series {
	for i := range c.Series {
		if c.Series[i].Code == code {
			return &c.Series[i]
		}
	}
	return nil
}

// countedKind is the kind of incident a counted family counts.
func countedKind(f Family) Kind {
	switch f {
	case Prosecutions:
		return Prosecution
	case Captures:
		return Captured
	}
	return Death
}

// shownRecruitAreas are the areas whose reports a recruitment chart
// counts: the selected ones and RU.
func shownRecruitAreas(f Filter) []Area {
	out := slices.Clone(f.Areas)
	if !f.Has(RU) {
		out = append(out, RU)
	}
	return out
}

// countedAreas are the areas whose records weigh on a series of a
// counted chart: with CA selected, every country and CA, since a regional
// figure holds the countries' figures; by area, the series' own area;
// by group, the selected countries.
func countedAreas(f Filter, series string) []Area {
	if f.Has(CA) {
		return append(slices.Clone(Countries), CA)
	}
	if f.By == ByArea {
		return []Area{Area(series)}
	}
	var out []Area
	for _, a := range f.Areas {
		if a.IsCountry() {
			out = append(out, a)
		}
	}
	return out
}

// Account tells what each of the incidents behind mark m added to the
// number the chart shows there. incs are what the store returned for
// Behind(m), in any order; partial says the store listed only the mark's
// own incidents because there were more than MaxTrace. For deaths,
// prosecutions and captures it replays the counting rules (CountAreas)
// one incident at a time, so that what each adds is exactly its share of
// the chart's number: the Adds of the Counted entries sum to Value.
func (c *Chart) Account(m Mark, incs []Incident, partial bool) Trace {
	f := c.Filter.WithDefaults()
	t := Trace{Mark: m, Partial: partial, Value: c.Value(m)}
	incs = slices.Clone(incs)
	slices.SortStableFunc(incs, byCountingOrder)
	if m.Timeline || f.Family == RecruitmentReports {
		// each report counts once
		for _, inc := range incs {
			if !m.Timeline || m.Date.IsZero() || inc.Date == m.Date {
				t.Entries = append(t.Entries, TraceEntry{Incident: inc, Role: Counted, Adds: 1})
			}
		}
		return t
	}
	if partial {
		for _, inc := range incs {
			if belongs(f, m.Series, inc) {
				t.Entries = append(t.Entries, TraceEntry{Incident: inc, Role: Unaccounted})
			}
		}
		return t
	}
	t.Entries = c.replay(m, incs)
	return t
}

// Value is the number the chart shows at mark m: a series' value at a
// period (in the panel of m.Area for a recruitment chart drawn per area),
// or the number of reports of a timeline's dot; 0 for a mark the chart
// does not draw.
func (c *Chart) Value(m Mark) int {
	if m.Timeline {
		return c.dotReports(m)
	}
	series := c.Series
	if m.Area != "" {
		series = nil
		for _, as := range c.ByArea {
			if as.Area == m.Area {
				series = as.Series
			}
		}
	}
	for _, s := range series {
		if s.Code == m.Series && m.Period >= 0 && m.Period < len(s.Values) {
			return s.Values[m.Period]
		}
	}
	return 0
}

// dotReports is the number of reports a timeline dot stands for: those
// of its cell, or of its date when the timeline draws a dot per report.
func (c *Chart) dotReports(m Mark) int {
	n := 0
	if m.Date.IsZero() {
		for _, cell := range c.Cells {
			if cell.Month == m.Month && cell.Channel == m.Channel && cell.Area == m.Area {
				n += cell.Reports
			}
		}
		return n
	}
	for _, p := range c.Points {
		if p.Month == m.Month && p.Channel == m.Channel && p.Area == m.Area && p.Date == m.Date {
			n++
		}
	}
	return n
}

// byCountingOrder orders incidents by month, then date and id.
func byCountingOrder(a, b Incident) int {
	return cmp.Or(cmp.Compare(a.Date.MonthIndex(), b.Date.MonthIndex()),
		cmp.Compare(a.Date.MonthPosition(), b.Date.MonthPosition()), cmp.Compare(a.ID, b.ID))
}

// replay counts the incidents dated before the mark's listed range as
// they stand, then adds those within it one at a time and records what
// each changed the mark's number by.
func (c *Chart) replay(m Mark, incs []Incident) []TraceEntry {
	f := c.Filter.WithDefaults()
	period := c.Periods[m.Period]
	from := period.FirstMonth()
	if f.Cumulative {
		from = minMonth
	}
	value := func(bs []Bucket) int {
		sc := &Chart{Filter: f, Periods: []PeriodKey{period}}
		if m.Series == RegionCode && f.By == ByArea {
			// the regional total is drawn only beside a part no country
			// accounts for; without one it is the countries' sum
			sc.Filter.Areas = append(slices.Clone(Countries), CA)
		}
		sc.CountAreas(bs)
		if s := sc.series(m.Series); s != nil {
			return s.Values[0]
		}
		if m.Series == RegionCode {
			return sc.Totals()[0]
		}
		return 0
	}
	var cases caseCounter
	var sums bucketSums
	var out []TraceEntry
	last := 0
	for _, inc := range incs {
		month := inc.Date.MonthIndex()
		if month > period.LastMonth() {
			continue
		}
		sums.add(cases.bucket(f, inc))
		if month < from {
			continue
		}
		now := value(sums.buckets)
		e := TraceEntry{Incident: inc, Adds: now - last}
		last = now
		switch {
		case e.Adds != 0:
			e.Role = Counted
		case inc.Basis == Estimate:
			e.Role = Estimated
		default:
			e.Role = Superseded
		}
		if e.Adds != 0 || belongs(f, m.Series, inc) {
			out = append(out, e)
		}
	}
	return out
}

// minMonth is before any month an incident can be dated.
const minMonth = -1 << 31

// belongs reports whether inc is about the series with code: its area's
// (CA's for the regional series), or its group's on a chart by group,
// and about the filter's group when it keeps one.
func belongs(f Filter, code string, inc Incident) bool {
	if f.Group != GroupUnstated && inc.Group != f.Group {
		return false
	}
	if f.By == ByGroup {
		return code == RegionCode || inc.Group.Code() == code
	}
	switch code {
	case UnattributedCode, RegionCode:
		return inc.Area == CA || code == RegionCode
	}
	return string(inc.Area) == code
}

// caseCounter makes the bucket of each incident as the store's summaries
// count it: people for deaths and captures; for prosecutions, one case
// per named person in one area and group, at the first of its records,
// and the count of cases (one when unknown) of each unnamed record.
type caseCounter struct{ seen map[[3]string]bool }

// bucket is inc's contribution to the counting rules, in f's periods.
func (cc *caseCounter) bucket(f Filter, inc Incident) Bucket {
	b := Bucket{Code: string(inc.Area), Group: inc.Group, Period: KeyOf(f.Period, inc.Date.MonthIndex()).N, Rows: 1}
	if inc.Kind == Prosecution && inc.Person != "" {
		b.Events = cc.named(inc)
		return b
	}
	n := 0
	if inc.Count != nil {
		n = min(*inc.Count, MaxCount)
	}
	switch inc.Basis {
	case Total, AtLeast:
		b.Max = n
	case Estimate:
		b.Est = n
	default:
		b.Events = n
		if inc.Kind == Prosecution && inc.Count == nil {
			b.Events = 1 // an unnamed record of unknown count is one case
		}
	}
	return b
}

// named is the number of new cases a named prosecution record adds: one
// at the first record of its person in its area and group, else none.
func (cc *caseCounter) named(inc Incident) int {
	if cc.seen == nil {
		cc.seen = map[[3]string]bool{}
	}
	k := [3]string{string(inc.Area), PersonKey(inc.Person), string(inc.Group)}
	if cc.seen[k] {
		return 0
	}
	cc.seen[k] = true
	return 1
}

// bucketSums adds incidents' buckets up by series, group and period, as
// the store's summaries do, so that replaying many incidents counts a
// few buckets each time.
type bucketSums struct {
	buckets []Bucket
	at      map[bucketKey]int
}

type bucketKey struct {
	code   string
	group  Group
	period int
}

// add adds b to the bucket of its series, group and period.
func (s *bucketSums) add(b Bucket) {
	if s.at == nil {
		s.at = map[bucketKey]int{}
	}
	k := bucketKey{b.Code, b.Group, b.Period}
	i, ok := s.at[k]
	if !ok {
		s.at[k] = len(s.buckets)
		s.buckets = append(s.buckets, b)
		return
	}
	sum := &s.buckets[i]
	sum.Events += b.Events
	sum.Max = max(sum.Max, b.Max)
	sum.Est = max(sum.Est, b.Est)
	sum.Rows += b.Rows
}
