package chart

import (
	"fmt"
	"strings"

	"catracker/data"
)

// Describe returns a plain-text description of the chart for alt text:
// its title and filters, each series' total or last value, and its
// largest period.
func Describe(c *data.Chart) string {
	f := c.Filter.WithDefaults()
	var b strings.Builder
	fmt.Fprintf(&b, "%s. %s.", Title(c), Subtitle(c))
	switch {
	case c.Empty() || (f.Family != data.Timeline && len(c.Periods) == 0):
		b.WriteString(" " + emptyMessage + ".")
	case f.Family == data.Timeline:
		describeTimeline(&b, c)
	default:
		describeSeries(&b, c, f)
	}
	b.WriteString(" " + minimumsNote)
	return b.String()
}

// units names what a family counts.
var units = map[data.Family]string{
	data.Deaths:             "deaths",
	data.Prosecutions:       "cases",
	data.RecruitmentReports: "reports",
	data.Timeline:           "reports",
}

func describeSeries(b *strings.Builder, c *data.Chart, f data.Filter) {
	unit := units[f.Family]
	n := len(c.Periods)
	lastLabel := c.Periods[n-1].Label()
	for _, s := range c.Series {
		vals := make([]int, n)
		copy(vals, s.Values)
		sum, nonZero := 0, false
		for _, v := range vals {
			sum += v
			nonZero = nonZero || v != 0
		}
		if !nonZero {
			continue
		}
		if f.Cumulative {
			fmt.Fprintf(b, " %s: %d %s by %s.", s.Label, vals[n-1], unit, lastLabel)
		} else {
			fmt.Fprintf(b, " %s: %d %s in total.", s.Label, sum, unit)
		}
	}
	totals := c.Totals()
	if f.Cumulative { // the largest rise of the total
		prev := 0
		for i, t := range totals {
			totals[i], prev = t-prev, t
		}
	}
	best := 0
	for i, t := range totals {
		if t > totals[best] {
			best = i
		}
	}
	if totals[best] <= 0 {
		return
	}
	if f.Cumulative {
		fmt.Fprintf(b, " The total rose most in %s, by %d.", c.Periods[best].Label(), totals[best])
	} else {
		fmt.Fprintf(b, " The largest %s was %s, with %d %s.", f.Period, c.Periods[best].Label(), totals[best], unit)
	}
}

func describeTimeline(b *strings.Builder, c *data.Chart) {
	tl := newTimeline(c)
	perChannel := map[data.Channel]int{}
	perMonth := map[int]int{}
	for _, p := range tl.points {
		perChannel[p.Channel]++
		perMonth[p.Month]++
	}
	fmt.Fprintf(b, " %d reports on %d channels:", len(tl.points), len(tl.channels))
	for i, ch := range tl.channels {
		sep := ","
		if i == len(tl.channels)-1 {
			sep = "."
		}
		fmt.Fprintf(b, " %s %d%s", ch.Label(), perChannel[ch], sep)
	}
	best := tl.months[0].N
	for _, m := range tl.months {
		if perMonth[m.N] > perMonth[best] {
			best = m.N
		}
	}
	fmt.Fprintf(b, " The busiest month was %s, with %d reports.", monthName(best), perMonth[best])
}
