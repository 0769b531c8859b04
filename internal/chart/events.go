package chart

import (
	"fmt"
	"math"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
	"catracker/i18n"
)

// Events (policies and warnings, data.Chart.Events) are drawn on every
// chart with a time axis as thin dashed vertical lines at their dates,
// behind the data so that they never hide a bar, a line or a dot. Each
// line rises into a band above the plot to a small numbered box; events
// too close together for a box each share one ("1–6"), which then sits
// over the middle of their lines. The list under the chart gives each
// number its headline, grouped by month: "Sep 2022 [1] Duma passes
// citizenship-for-service bill [2] Russia declares partial mobilisation".
// So the labels never overlap each other, the data or the axes, whatever
// the number of events and the size of the chart, and nothing is cut:
// the list wraps onto as many lines as it needs.

// eventColor is the grey of the event lines and number boxes: darker
// than the grid, so the lines read as markers, and the same in colour
// and in greyscale.
var eventColor = toDrawing(rgb(0x5A5A5A))

// eventPlan is the layout of a chart's events.
type eventPlan struct {
	shown []data.ChartEvent // the events on the axis, numbered from 1
	num   textStyle         // the numbers in the boxes
	text  textStyle         // the list's headlines
	month textStyle         // the list's month labels
	band  float64           // the height reserved above the plot
	list  []eventLine       // the list under the chart
	// listTop is the top of the list, lineH the height of its lines.
	listTop, lineH float64
	// tooMany is the note of a chart with more events than it marks.
	tooMany []string
	// maxLines bounds the list when the chart is too small for all of it
	// (see fewerEventLines); 0 lets it take every line it needs.
	maxLines int
}

// eventLine is one line of the list under the chart: its pieces, each
// with its x.
type eventLine []eventPiece

// eventPiece is a month label, a number box or a word of a headline.
type eventPiece struct {
	text  string
	badge bool    // a number box
	month bool    // a month label
	x, w  float64 // left edge and width
}

// eventMarker is one number box above the plot and the lines it stands
// for: the events first to last (indices into eventPlan.shown).
type eventMarker struct {
	first, last int
	xs          []float64
	box         rect
}

// label is the marker's text: "3" or "1–6".
func (m eventMarker) label(l i18n.Language) string {
	if m.first == m.last {
		return number(l, m.first+1)
	}
	return number(l, m.first+1) + "–" + number(l, m.last+1)
}

// EventLabel is what a chart calls an event: its headline, or when it has
// none its kind and area, as in "Policy: Russia".
func EventLabel(e data.ChartEvent, l i18n.Language) string {
	if e.Headline != "" {
		return e.Headline
	}
	area := l.Area(e.Area)
	switch e.Area {
	case data.CA:
		area = l.T("note.area.CA")
	case data.RU:
		area = l.T("event.area.RU")
	}
	return l.T("event.untitled", l.Kind(e.Kind), area)
}

// EventDate writes an event's date as precisely as it is known: "21 Sep
// 2022", "Sep 2022" or "2022".
func EventDate(d data.Date, l i18n.Language) string {
	switch {
	case d.Month == 0:
		return fmt.Sprint(d.Year)
	case d.Day == 0:
		return l.Month(d.MonthIndex())
	}
	return l.T("event.day", d.Day, l.MonthAbbr(d.Month-1), d.Year)
}

// eventMonth is the label of the list's group an event belongs to: its
// month, or its year when only that is known.
func eventMonth(d data.Date, l i18n.Language) string {
	if d.Month == 0 {
		return fmt.Sprint(d.Year)
	}
	return l.Month(d.MonthIndex())
}

// reserveEvents lays out the events of the chart between top and bottom,
// the space the furniture leaves, in content's width: a band above the
// plot for the number boxes and the list under the chart. It returns the
// top and bottom left for the plot, the axes and the legend.
func (p *plan) reserveEvents(content rect, top, bottom float64) (float64, float64) {
	ev := &p.ev
	*ev = eventPlan{maxLines: ev.maxLines}
	if p.empty || len(p.periods) == 0 {
		return top, bottom
	}
	fc, err := loadFaces()
	if err != nil {
		return top, bottom
	}
	l := p.o.Lang
	ev.text = p.st.note
	ev.month = p.st.note
	ev.month.face, ev.month.color = fc.bold, inkSoft
	ev.num = p.st.note
	ev.num.face, ev.num.size, ev.num.color = fc.bold, 0.9*p.st.note.size, white
	if p.c.TooManyEvents {
		ev.tooMany = p.st.note.wrap(l.T("note.events.tooMany", number(l, data.MaxEvents)), content.width())
		ev.listTop = bottom - float64(len(ev.tooMany))*p.st.note.lineHeight()
		return top, ev.listTop - 0.5*p.gap
	}
	first := float64(p.periods[0].FirstMonth())
	end := float64(p.periods[len(p.periods)-1].LastMonth() + 1)
	for _, e := range p.c.Events {
		if t := e.Date.MonthPosition(); t >= first && t < end {
			ev.shown = append(ev.shown, e)
		}
	}
	if len(ev.shown) == 0 {
		return top, bottom
	}
	ev.band = ev.badgeHeight() + 0.8*p.gap
	if p.kind == kindBars { // a total above the highest bar may rise above the plot
		ev.band += p.st.total.lineHeight()
	}
	ev.lineH = max(ev.text.lineHeight(), ev.badgeHeight()+0.25*ev.text.size)
	ev.list = ev.fitList(content.width(), l)
	listH := float64(len(ev.list)) * ev.lineH
	ev.listTop = bottom - listH
	return top + ev.band, bottom - listH - 0.6*p.gap
}

// badgeHeight is the height of a number box.
func (ev *eventPlan) badgeHeight() float64 {
	return (ev.num.face.ascent+ev.num.face.descent)*ev.num.size + 0.3*ev.num.size
}

// badgeWidth is the width of a number box holding s.
func (ev *eventPlan) badgeWidth(s string) float64 {
	return ev.num.width(s) + 0.8*ev.num.size
}

// fitList lays the list out in maxW: every event, or when that takes
// more than maxLines lines, as many as fit followed by the numbers of the
// others and where to find them.
func (ev *eventPlan) fitList(maxW float64, l i18n.Language) []eventLine {
	n := len(ev.shown)
	lines := ev.flow(n, maxW, l)
	if ev.maxLines == 0 || len(lines) <= ev.maxLines {
		return lines
	}
	k := largestFitting(0, n-1, func(k int) bool { return len(ev.flow(k, maxW, l)) <= ev.maxLines })
	return ev.flow(k, maxW, l)
}

// flow lays the list of the first k events out in lines of at most maxW:
// each month's label, then each of its events' number box and headline,
// and when k leaves some out, their numbers and where they are listed. A line breaks only
// between words, never between a month's label and its first box or
// between a box and the first word of its headline.
func (ev *eventPlan) flow(k int, maxW float64, l i18n.Language) []eventLine {
	space := ev.text.width(" ")
	// chunks are the runs that never break
	var chunks [][]eventPiece
	// words adds the words of text, the first to the last chunk
	words := func(text string) {
		for i, w := range strings.Fields(text) {
			pc := eventPiece{text: w, w: ev.text.width(w)}
			if i == 0 && len(chunks) > 0 {
				chunks[len(chunks)-1] = append(chunks[len(chunks)-1], pc)
			} else {
				chunks = append(chunks, []eventPiece{pc})
			}
		}
	}
	prevMonth := ""
	for i, e := range ev.shown[:k] {
		num := number(l, i+1)
		head := []eventPiece{{text: num, badge: true, w: ev.badgeWidth(num)}}
		if m := eventMonth(e.Date, l); m != prevMonth {
			head = append([]eventPiece{{text: m, month: true, w: ev.month.width(m)}}, head...)
			prevMonth = m
		}
		chunks = append(chunks, head)
		words(printable(EventLabel(e, l)))
	}
	if k < len(ev.shown) { // the rest: "[7–10] listed in the chart's CSV file and its alt text"
		rest := eventMarker{first: k, last: len(ev.shown) - 1}.label(l)
		chunks = append(chunks, []eventPiece{{text: rest, badge: true, w: ev.badgeWidth(rest)}})
		words(l.T("event.more"))
	}
	var lines []eventLine
	var line eventLine
	x := 0.0
	for _, ch := range chunks {
		gap := space
		if ch[0].badge || ch[0].month { // between one event and the next
			gap = 2.5 * space
		}
		w := 0.0
		for _, pc := range ch {
			w += pc.w
		}
		w += 0.6 * space * float64(len(ch)-1)
		if len(line) > 0 && x+gap+w > maxW {
			lines, line, x = append(lines, line), nil, 0
		}
		if len(line) > 0 {
			x += gap
		}
		for j, pc := range ch {
			if j > 0 {
				x += 0.6 * space
			}
			pc.x = x
			line = append(line, pc)
			x += pc.w
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// fewerEventLines shortens the list under the chart by a line when the
// plot has less than the 30% of the chart's height that a legend leaves it
// (see chooseLegend) and the list takes more than a sixth of the chart's
// height, and reports whether it did; the chart is then laid out again.
// Below that the plot's room is taken by the legend and the furniture, and
// a shorter list would name fewer events for little gain.
func (p *plan) fewerEventLines() bool {
	ev := &p.ev
	h := float64(p.fr.h)
	if len(ev.list) <= 1 || p.plot.height() >= 0.3*h || float64(len(ev.list))*ev.lineH <= h/6 {
		return false
	}
	ev.maxLines = len(ev.list) - 1
	return true
}

// eventX is the x of a date on the plot's time axis.
func (p *plan) eventX(d data.Date) float64 {
	first := float64(p.periods[0].FirstMonth())
	months := float64(p.periods[len(p.periods)-1].LastMonth()+1) - first
	return p.plot.left + (d.MonthPosition()-first)/months*p.plot.width()
}

// eventMarkers places the number boxes in the band above the plot: one
// per event, centred on its line and kept inside the plot's width, and
// where two boxes would come closer than a gap, one box for both events,
// over the middle of their lines.
func (p *plan) eventMarkers() []eventMarker {
	ev := &p.ev
	if len(ev.shown) == 0 {
		return nil
	}
	l := p.o.Lang
	ms := make([]eventMarker, len(ev.shown))
	for i, e := range ev.shown {
		ms[i] = eventMarker{first: i, last: i, xs: []float64{p.eventX(e.Date)}}
	}
	h := ev.badgeHeight()
	// above the plot, and above a total that rises over its top
	bottom := p.plot.top - 0.5*p.gap
	for _, t := range p.plotTexts() {
		bottom = min(bottom, t.top-0.5*p.gap)
	}
	place := func(m *eventMarker) {
		w := ev.badgeWidth(m.label(l))
		mid := (m.xs[0] + m.xs[len(m.xs)-1]) / 2
		left := math.Max(p.plot.left, math.Min(mid-w/2, p.plot.right-w))
		m.box = rect{left: left, top: bottom - h, right: left + w, bottom: bottom}
	}
	for i := range ms {
		place(&ms[i])
	}
	minGap := 0.4 * p.gap
	for i := 0; i+1 < len(ms); {
		if ms[i+1].box.left-ms[i].box.right >= minGap {
			i++
			continue
		}
		ms[i].last = ms[i+1].last
		ms[i].xs = append(ms[i].xs, ms[i+1].xs...)
		ms = append(ms[:i+1], ms[i+2:]...)
		place(&ms[i])
		i = max(0, i-1) // the wider box may now touch the one before
	}
	return ms
}

// eventSeries draws the events' lines across the plot, under the data: it
// comes right after the grid among the chart's series.
type eventSeries struct {
	seriesBase
	p *plan
}

// Render implements gochart.Series. A line breaks where it would cross a
// text inside the plot (a bar's total, an estimate's label), so that
// every text stays clear.
func (s *eventSeries) Render(r gochart.Renderer, _ gochart.Box, _, _ gochart.Range, _ gochart.Style) {
	p := s.p
	texts := p.plotTexts()
	pad := 2 * p.fr.unit
	for _, m := range p.eventMarkers() {
		for _, x := range m.xs {
			for _, seg := range lineSegments(x, p.plot.top, p.plot.bottom, texts, pad) {
				p.eventLine(r, x, seg[0], seg[1])
			}
		}
	}
}

// plotTexts are the boxes of the texts drawn inside the plot: the totals
// above the bars, and the labels of the estimates on a line chart.
func (p *plan) plotTexts() []rect {
	var out []rect
	if p.kind == kindBars && p.showTotals {
		t := p.st.total
		for i, total := range p.barTotals() {
			if total == 0 {
				continue
			}
			hi := 0
			for _, layer := range p.segs {
				hi = max(hi, layer[i].lo, layer[i].hi)
			}
			w := t.width(number(p.o.Lang, total))
			base := p.py(float64(hi)) - 0.35*t.size
			out = append(out, rect{left: p.px(float64(i)) - w/2, top: base - t.ascent(), right: p.px(float64(i)) + w/2,
				bottom: base + t.face.descent*t.size})
		}
	}
	for _, m := range p.marks {
		out = append(out, m.box)
	}
	return out
}

// lineSegments splits the vertical line at x from y0 down to y1 into the
// parts that keep pad away from every box in texts.
func lineSegments(x, y0, y1 float64, texts []rect, pad float64) [][2]float64 {
	segs := [][2]float64{{y0, y1}}
	for _, t := range texts {
		if x < t.left-pad || x > t.right+pad {
			continue
		}
		var next [][2]float64
		for _, s := range segs {
			if top := t.top - pad; s[0] < top {
				next = append(next, [2]float64{s[0], min(s[1], top)})
			}
			if bottom := t.bottom + pad; s[1] > bottom {
				next = append(next, [2]float64{max(s[0], bottom), s[1]})
			}
		}
		segs = next
	}
	return segs
}

// eventLine draws one event's dashed line from y0 down to y1.
func (p *plan) eventLine(r gochart.Renderer, x, y0, y1 float64) {
	u := p.fr.unit
	polyline(r, []float64{x, x}, []float64{y0, y1}, u, eventColor, []float64{4 * u, 3 * u})
}

// drawEvents draws the number boxes above the plot, the lines from them
// to the plot and the list under the chart; it is a go-chart Renderable.
func (p *plan) drawEvents(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	ev := &p.ev
	y := ev.listTop
	for _, line := range ev.tooMany { // in place of the list
		drawText(r, p.st.note, line, p.pad, y+p.st.note.ascent(), alignLeft)
		y += p.st.note.lineHeight()
	}
	for _, m := range p.eventMarkers() {
		for _, x := range m.xs {
			p.eventLine(r, x, m.box.bottom, p.plot.top)
		}
		p.drawBadge(r, m.box, m.label(p.o.Lang))
	}
	for _, line := range ev.list {
		mid := y + ev.lineH/2
		for _, pc := range line {
			x := p.pad + pc.x
			switch {
			case pc.badge:
				h := ev.badgeHeight()
				p.drawBadge(r, rect{left: x, top: mid - h/2, right: x + pc.w, bottom: mid + h/2}, pc.text)
			case pc.month:
				drawText(r, ev.month, pc.text, x, mid+0.36*ev.month.size, alignLeft)
			default:
				drawText(r, ev.text, pc.text, x, mid+0.36*ev.text.size, alignLeft)
			}
		}
		y += ev.lineH
	}
}

// drawBadge draws a number box: white bold digits on the events' grey.
func (p *plan) drawBadge(r gochart.Renderer, b rect, s string) {
	fillRect(r, b.left, b.top, b.right, b.bottom, eventColor)
	drawText(r, p.ev.num, s, (b.left+b.right)/2, (b.top+b.bottom)/2+0.36*p.ev.num.size, alignCenter)
}

// describeEvents names the events a chart marks, with their numbers and
// dates, for its alt text: "Events marked on the chart: (1) Duma passes
// citizenship-for-service bill, 20 Sep 2022; (2) ...". An empty chart
// marks none.
func describeEvents(c *data.Chart, l i18n.Language) string {
	if c.Empty() {
		return ""
	}
	if c.TooManyEvents {
		return l.T("note.events.tooMany", number(l, data.MaxEvents))
	}
	var items []string
	for _, e := range c.Events {
		if c.InRange(e) {
			items = append(items, l.T("describe.event.item", number(l, len(items)+1), EventLabel(e, l), EventDate(e.Date, l)))
		}
	}
	if len(items) == 0 {
		return ""
	}
	return l.N("describe.events", len(items), strings.Join(items, "; "))
}
