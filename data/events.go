package data

import (
	"cmp"
	"slices"
)

// ChartEvent is a policy or a warning drawn on a time chart: a thin marker at
// its date with its headline. Events explain the figures around them (the
// partial mobilisation, the citizenship-for-service law, a government's
// warning to its citizens); they are never counted.
type ChartEvent struct {
	Date Date
	Area Area
	Kind Kind // Policy or Warning
	// Headline is the incident's headline; blank when it has none, and
	// charts then name the event by its kind and area.
	Headline string
	Ref      string
}

// MaxEvents is the most events one chart marks. The bundled dataset has
// ten; a chart with more than this would be a forest of markers whose
// list crowds out the chart, so it marks none and says so instead.
const MaxEvents = 40

// EventKinds are the kinds of incident that time charts mark as events.
var EventKinds = []Kind{Policy, Warning}

// IsEvent reports whether incidents of kind k are drawn as events.
func (k Kind) IsEvent() bool { return slices.Contains(EventKinds, k) }

// EventAreas are the areas whose events a chart of the selected areas
// shows: the selected ones, and CA and RU, whose measures and warnings
// concern every country.
func EventAreas(selected []Area) []Area {
	out := slices.Clone(selected)
	for _, a := range []Area{CA, RU} {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// MonthPosition places the date on a time axis counted in months (see
// Date.MonthIndex): a day at its place within its month, the middle of
// the day, and a date known only to the month or the year on its last
// day, where the counting rules count it from. It is where a chart draws
// an event's marker, and the order in which charts number events: "2022-09"
// comes after "2022-09-21".
func (d Date) MonthPosition() float64 {
	e := d.End()
	y, m, day := e.Date()
	return float64(y*12+int(m)-1) + (float64(day)-0.5)/float64(daysIn(y, int(m)))
}

// SortEvents orders events by their place on the time axis (see
// MonthPosition), then by area in the order of Areas and by ref: the
// order in which charts number them.
func SortEvents(es []ChartEvent) {
	slices.SortStableFunc(es, func(a, b ChartEvent) int {
		return cmp.Or(cmp.Compare(a.Date.MonthPosition(), b.Date.MonthPosition()),
			cmp.Compare(slices.Index(Areas, a.Area), slices.Index(Areas, b.Area)),
			cmp.Compare(a.Ref, b.Ref))
	})
}

// InRange reports whether the event falls within the chart's periods.
func (c *Chart) InRange(e ChartEvent) bool {
	n := len(c.Periods)
	if n == 0 {
		return false
	}
	t := e.Date.MonthPosition()
	return t >= float64(c.Periods[0].FirstMonth()) && t < float64(c.Periods[n-1].LastMonth()+1)
}
