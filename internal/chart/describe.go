package chart

import (
	"strings"

	"catracker/data"
	"catracker/i18n"
)

// Describe returns a plain-text description of the chart in language l,
// for alt text: its title and filters, each series' total or last value,
// its largest period, the estimates shown apart, the new figures that
// an earlier figure had already counted and the events marked.
func Describe(c *data.Chart, l i18n.Language) string {
	f := c.Filter.WithDefaults()
	var b strings.Builder
	b.WriteString(Title(c, l) + ". " + Subtitle(c, l) + ".")
	switch {
	case f.Family == data.Map && !c.Empty():
		describeMap(&b, c, l)
	case c.Empty() || (f.Family != data.Timeline && len(c.Periods) == 0):
		b.WriteString(" " + l.T("chart.empty") + ".")
	case f.Family == data.Timeline:
		describeTimeline(&b, c, l)
	default:
		describeSeries(&b, c, f, l)
	}
	if items := estimateItems(c, shownEstimates(c), l); len(items) > 0 {
		b.WriteString(" " + estimatesText("describe.estimates", items, len(items), l))
	}
	if items, total := reattributed(c, l); total > 0 {
		b.WriteString(" " + reattributedText(c, items, total, len(items), false, l))
	}
	if text := describeEvents(c, l); text != "" {
		b.WriteString(" " + text)
	}
	b.WriteString(" " + l.T("footer.minimums"))
	return b.String()
}

func describeSeries(b *strings.Builder, c *data.Chart, f data.Filter, l i18n.Language) {
	unit := string(f.Family)
	n := len(c.Periods)
	lastLabel := l.Period(c.Periods[n-1])
	// cases by latest stage are counted at the end of each period, like
	// cumulative figures: their sum over periods means nothing
	atEnd := f.Cumulative || (f.Family == data.Prosecutions && f.LatestStage)
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
		if atEnd {
			b.WriteString(" " + l.N("describe.by."+unit, vals[n-1], l.Series(s), number(l, vals[n-1]), lastLabel))
		} else {
			b.WriteString(" " + l.N("describe.total."+unit, sum, l.Series(s), number(l, sum)))
		}
	}
	totals := c.Totals()
	if atEnd { // the largest rise of the total
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
	peak := l.Period(c.Periods[best])
	if atEnd {
		b.WriteString(" " + l.T("describe.rise", peak, number(l, totals[best])))
	} else {
		b.WriteString(" " + l.N("describe.largest."+unit, totals[best],
			l.T("period.noun."+string(f.Period)), peak, number(l, totals[best])))
	}
}

func describeTimeline(b *strings.Builder, c *data.Chart, l i18n.Language) {
	tl := newTimeline(c)
	perChannel := map[data.Channel]int{}
	perMonth := map[int]int{}
	for _, p := range tl.points {
		perChannel[p.Channel]++
		perMonth[p.Month]++
	}
	for _, c := range tl.cells {
		perChannel[c.Channel] += c.Reports
		perMonth[c.Month] += c.Reports
	}
	b.WriteString(" " + l.T("describe.timeline", number(l, tl.reports()), number(l, len(tl.channels))))
	for i, ch := range tl.channels {
		sep := ","
		if i == len(tl.channels)-1 {
			sep = "."
		}
		b.WriteString(" " + l.Channel(ch) + " " + number(l, perChannel[ch]) + sep)
	}
	best := tl.months[0].N
	for _, m := range tl.months {
		if perMonth[m.N] > perMonth[best] {
			best = m.N
		}
	}
	b.WriteString(" " + l.N("describe.busiest", perMonth[best], l.Month(best), number(l, perMonth[best])))
}
