package chart

import (
	"fmt"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
)

// emptyMessage is shown in the plot of a chart with no data.
const emptyMessage = "No incidents match these filters"

// minimumsNote is the caveat every chart carries.
const minimumsNote = "Counts are confirmed minimums."

// Title returns the chart's title, such as "Deaths of Central Asian
// nationals, cumulative".
func Title(c *data.Chart) string {
	f := c.Filter.WithDefaults()
	per := "per " + string(f.Period)
	switch f.Family {
	case data.Prosecutions:
		if f.Cumulative {
			return "Prosecutions in Central Asia over the war: cases, cumulative"
		}
		return "Prosecutions in Central Asia over the war: cases " + per
	case data.RecruitmentReports:
		if f.Cumulative {
			return "Reports of recruitment of Central Asians by channel, cumulative"
		}
		return "Reports of recruitment of Central Asians by channel, " + per
	case data.Timeline:
		return "Recruitment of Central Asians: reports by channel over time"
	}
	if f.Cumulative {
		return "Deaths of Central Asian nationals, cumulative"
	}
	return "Deaths of Central Asian nationals " + per
}

// Subtitle states the chart's filters in words: countries, date range,
// period, cumulative or new per period, prosecution stage and side.
func Subtitle(c *data.Chart) string {
	f := c.Filter.WithDefaults()
	parts := []string{areasPhrase(f), dateRangePhrase(c, f)}
	switch {
	case f.Family == data.Timeline:
		parts = append(parts, "one dot per report, coloured by country")
	case f.Cumulative:
		parts = append(parts, "cumulative totals at the end of each "+string(f.Period))
	default:
		parts = append(parts, "new in each "+string(f.Period))
	}
	if f.Family == data.Prosecutions {
		if f.Stage != "" {
			parts = append(parts, "cases dated by stage: "+string(f.Stage))
		} else {
			parts = append(parts, "cases dated by their first stage")
		}
	}
	switch f.Side {
	case data.Russia:
		parts = append(parts, "fighting for Russia")
	case data.Ukraine:
		parts = append(parts, "fighting for Ukraine")
	}
	return strings.Join(parts, " · ")
}

// areasPhrase names the selected areas.
func areasPhrase(f data.Filter) string {
	var names []string
	all := true
	for _, a := range data.Countries {
		if f.Has(a) {
			names = append(names, a.Name())
		} else {
			all = false
		}
	}
	if all {
		names = []string{"All five countries"}
	}
	if f.Has(data.CA) {
		names = append(names, data.CA.Name())
	}
	if f.Family == data.RecruitmentReports || f.Family == data.Timeline {
		names = append(names, data.RU.Name())
	}
	return joinAnd(names)
}

// joinAnd joins words as "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// dateRangePhrase is the filter's date range, its open ends filled in from
// the chart's periods: "Feb 2022 – Oct 2024".
func dateRangePhrase(c *data.Chart, f data.Filter) string {
	from, to := f.From, f.To
	if n := len(c.Periods); n > 0 {
		if from == 0 {
			from = c.Periods[0].FirstMonth()
		}
		if to == 0 {
			to = c.Periods[n-1].LastMonth()
		}
	}
	switch {
	case from == 0 && to == 0:
		return "all dates"
	case to == 0:
		return "from " + monthName(from)
	case from == 0:
		return "up to " + monthName(to)
	case from == to:
		return monthName(from)
	}
	return monthName(from) + " – " + monthName(to)
}

// monthName writes a month index as "May 2022".
func monthName(m int) string {
	return data.PeriodKey{Unit: data.PerMonth, N: m}.Label()
}

// Footer returns the chart's footer: "Source: <outlets>. Counts are
// confirmed minimums. Dataset: X · N incidents · generated YYYY-MM-DD".
func Footer(c *data.Chart, o Options) string {
	return sourcesText(c.Outlets, len(c.Outlets)) + " " + footerNote(c, o)
}

// sourcesText cites the first k outlets and counts the rest.
func sourcesText(outlets []string, k int) string {
	if len(outlets) == 0 {
		return "Source: none."
	}
	s := "Source: " + strings.Join(outlets[:k], ", ")
	if rest := len(outlets) - k; rest > 0 {
		if k == 0 {
			return fmt.Sprintf("Source: %d outlets.", rest)
		}
		s += fmt.Sprintf(" and %d more", rest)
	}
	return s + "."
}

// footerNote is the footer after the sources.
func footerNote(c *data.Chart, o Options) string {
	var meta []string
	if o.Dataset != "" {
		meta = append(meta, "Dataset: "+o.Dataset)
	}
	noun := "incidents"
	if c.Incidents == 1 {
		noun = "incident"
	}
	meta = append(meta, fmt.Sprintf("%s %s", formatCount(c.Incidents), noun))
	if !o.Generated.IsZero() {
		meta = append(meta, "generated "+o.Generated.Format("2006-01-02"))
	}
	return minimumsNote + " " + strings.Join(meta, " · ")
}

// footerLines lays the footer out in at most maxW: the sources in at most
// two lines, citing as many outlets as fit and counting the rest, then the
// note in at most two lines.
func footerLines(c *data.Chart, o Options, t textStyle, maxW float64) []string {
	n := len(c.Outlets)
	fits := func(k int) bool {
		return len(t.wrap(sourcesText(c.Outlets, k), maxW, 3)) <= 2
	}
	k := n
	if !fits(n) {
		lo, hi := 0, n-1 // the answer is the largest k that fits
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fits(mid) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		k = lo
	}
	lines := t.wrap(sourcesText(c.Outlets, k), maxW, 2)
	return append(lines, t.wrap(footerNote(c, o), maxW, 2)...)
}

// drawFurniture draws the title, subtitle and footer, and the message of
// an empty chart; it is a go-chart Renderable.
func (p *plan) drawFurniture(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	st := p.st
	y := p.pad
	for _, line := range p.titleLines {
		drawText(r, st.title, line, p.pad, y+st.title.ascent(), alignLeft)
		y += st.title.lineHeight()
	}
	y += 0.3 * p.gap
	for _, line := range p.subtitleLines {
		drawText(r, st.subtitle, line, p.pad, y+st.subtitle.ascent(), alignLeft)
		y += st.subtitle.lineHeight()
	}
	y = float64(p.fr.h) - p.pad - float64(len(p.footerLines))*st.footer.lineHeight()
	for _, line := range p.footerLines {
		drawText(r, st.footer, line, p.pad, y+st.footer.ascent(), alignLeft)
		y += st.footer.lineHeight()
	}
	if p.empty {
		msg := st.message.fit(emptyMessage, p.plot.width())
		drawText(r, st.message, msg, (p.plot.left+p.plot.right)/2, (p.plot.top+p.plot.bottom)/2+0.36*st.message.size, alignCenter)
	}
}
