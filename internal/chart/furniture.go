package chart

import (
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
	"catracker/i18n"
)

// Title returns the chart's title in language l, such as "Deaths of
// Central Asian nationals, cumulative".
func Title(c *data.Chart, l i18n.Language) string {
	f := c.Filter.WithDefaults()
	key := "title." + string(f.Family)
	if f.Family == data.Map {
		return mapTitle(f, l)
	}
	if f.Family == data.Timeline {
		return l.T(key)
	}
	if f.Family == data.Prosecutions && f.LatestStage {
		return l.T(key + ".latestStage")
	}
	if f.Cumulative {
		return l.T(key + ".cumulative")
	}
	return l.T(key+".per", l.T("per."+string(f.Period)))
}

// Subtitle states the chart's filters in words in language l: countries,
// date range, period, cumulative or new per period (or cases by latest
// stage), series by group of people, one group only, prosecution stage and
// side.
func Subtitle(c *data.Chart, l i18n.Language) string {
	f := c.Filter.WithDefaults()
	if f.Family == data.Map {
		return mapSubtitle(c, f, l)
	}
	parts := []string{areasPhrase(f, l), dateRangePhrase(c, f, l)}
	counted := f.Family.Counted()
	latest := f.Family == data.Prosecutions && f.LatestStage
	switch {
	case f.Family == data.Timeline && c.ByCells():
		most := c.LargestCell()
		parts = append(parts, l.N("subtitle.timelineCells", most, number(l, most)))
	case f.Family == data.Timeline:
		parts = append(parts, l.T("subtitle.timeline"))
	case latest:
		parts = append(parts, l.T("subtitle.latestStage."+string(f.Period)))
	case f.Cumulative:
		parts = append(parts, l.T("subtitle.cumulative."+string(f.Period)))
	default:
		parts = append(parts, l.T("subtitle.new."+string(f.Period)))
	}
	if counted && f.By == data.ByGroup {
		parts = append(parts, l.T("subtitle.byGroup"))
	}
	parts = append(parts, filterPhrases(f, l, counted, f.Family == data.Prosecutions && !latest)...)
	return strings.Join(parts, " · ")
}

// filterPhrases names the filters a subtitle ends with: the group of
// people (when the chart counts groups), the stage prosecutions are dated
// by (when it counts cases by a stage) and the side.
func filterPhrases(f data.Filter, l i18n.Language, group, stage bool) []string {
	var parts []string
	if group && f.Group != data.GroupUnstated {
		parts = append(parts, l.T("subtitle.group", i18n.LowerFirst(l.Group(f.Group))))
	}
	if stage {
		if f.Stage != "" {
			parts = append(parts, l.T("subtitle.stage", i18n.LowerFirst(l.Stage(f.Stage))))
		} else {
			parts = append(parts, l.T("subtitle.firstStage"))
		}
	}
	if f.Side != data.SideUnknown {
		parts = append(parts, l.T("subtitle.side."+string(f.Side)))
	}
	return parts
}

// areasPhrase names the selected areas.
func areasPhrase(f data.Filter, l i18n.Language) string {
	var names []string
	all := true
	for _, a := range data.Countries {
		if f.Has(a) {
			names = append(names, l.Area(a))
		} else {
			all = false
		}
	}
	if all {
		names = []string{l.T("subtitle.allCountries")}
	}
	if f.Has(data.CA) {
		names = append(names, l.Area(data.CA))
	}
	if f.Family == data.RecruitmentReports || f.Family == data.Timeline {
		names = append(names, l.Area(data.RU))
	}
	return joinAnd(names, l)
}

// joinAnd joins words as "a, b and c".
func joinAnd(words []string, l i18n.Language) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return l.T("list.and", strings.Join(words[:len(words)-1], ", "), words[len(words)-1])
}

// dateRangePhrase is the filter's date range, its open ends filled in from
// the chart's periods: "Feb 2022 – Oct 2024".
func dateRangePhrase(c *data.Chart, f data.Filter, l i18n.Language) string {
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
		return l.T("subtitle.allDates")
	case to == 0:
		return l.T("subtitle.from", l.Month(from))
	case from == 0:
		return l.T("subtitle.upTo", l.Month(to))
	case from == to:
		return l.Month(from)
	}
	return l.Month(from) + " – " + l.Month(to)
}

// Footer returns the chart's footer in the language of o: "Source:
// <outlets>. Counts are confirmed minimums. Dataset: X · N incidents ·
// generated YYYY-MM-DD".
func Footer(c *data.Chart, o Options) string {
	return sourcesText(c.Outlets, len(c.Outlets), o.Lang) + " " + footerNote(c, o)
}

// sourcesText cites the first k outlets and counts the rest.
func sourcesText(outlets []string, k int, l i18n.Language) string {
	switch rest := len(outlets) - k; {
	case len(outlets) == 0:
		return l.T("footer.noSource")
	case k == 0:
		return l.N("footer.outlets", rest, rest)
	case rest > 0:
		return l.T("footer.sources", strings.Join(outlets[:k], ", ")+l.T("footer.more", rest))
	case k == 1:
		return l.T("footer.source", outlets[0])
	}
	return l.T("footer.sources", strings.Join(outlets, ", "))
}

// footerNote is the footer after the sources.
func footerNote(c *data.Chart, o Options) string {
	l := o.Lang
	var meta []string
	if o.Dataset != "" {
		meta = append(meta, l.T("footer.dataset", o.Dataset))
	}
	meta = append(meta, l.N("count.incidents", c.Incidents, number(l, c.Incidents)))
	if !o.Generated.IsZero() {
		meta = append(meta, l.T("footer.generated", o.Generated.Format("2006-01-02")))
	}
	return l.T("footer.minimums") + " " + strings.Join(meta, " · ")
}

// footerLines lays the footer out in at most maxW: the sources citing as
// many outlets as fit in two lines and counting the rest, then the note,
// on as many lines as each takes.
func footerLines(c *data.Chart, o Options, t textStyle, maxW float64) []string {
	k := largestFitting(0, len(c.Outlets), func(k int) bool {
		return len(t.wrap(sourcesText(c.Outlets, k, o.Lang), maxW)) <= 2
	})
	lines := t.wrap(sourcesText(c.Outlets, k, o.Lang), maxW)
	return append(lines, t.wrap(footerNote(c, o), maxW)...)
}

// drawFurniture draws the title, subtitle, notes and footer, the labels of
// the lines' last values, and the message of an empty chart; it is a
// go-chart Renderable.
func (p *plan) drawFurniture(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	st := p.st
	p.drawEndLabels(r)
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
	noteY := y - 0.5*p.gap - float64(len(p.notes))*st.note.lineHeight()
	for _, line := range p.notes {
		drawText(r, st.note, line, p.pad, noteY+st.note.ascent(), alignLeft)
		noteY += st.note.lineHeight()
	}
	for _, line := range p.footerLines {
		drawText(r, st.footer, line, p.pad, y+st.footer.ascent(), alignLeft)
		y += st.footer.lineHeight()
	}
	if p.empty {
		lines := st.message.wrap(p.o.Lang.T("chart.empty"), p.plot.width())
		y := (p.plot.top+p.plot.bottom)/2 + 0.36*st.message.size - float64(len(lines)-1)*st.message.lineHeight()/2
		for _, line := range lines {
			drawText(r, st.message, line, (p.plot.left+p.plot.right)/2, y, alignCenter)
			y += st.message.lineHeight()
		}
	}
}
