package chart

import (
	"math"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
	"catracker/i18n"
)

// Panels (small multiples) draw each series of a deaths, prosecutions or
// captures chart in a panel of its own, and a recruitment chart one panel
// per area, each stacked by channel. Every panel has the same periods and
// the same y ticks, so bars and lines of the same height mean the same
// number. The title, subtitle, notes, footer, axis titles and, where a
// panel holds several series, the legend are drawn once for the whole
// chart. Estimates are listed in the notes (panels are too small for
// their labels) and the regional total of a cumulative chart, which is
// the sum of the other panels, is left out: its figures are in the CSV.
//
// Each panel is laid out as a plan of its own (a chart of one series, or
// one area's channels), drawn into its cell through the same series and
// axes as a whole chart; x labels are drawn under the lowest panel of
// each column only.

// HasPanels reports whether charts of family f can be drawn as panels:
// deaths, prosecutions, recruitment and captures.
func HasPanels(f data.Family) bool { return f.Counted() || f == data.RecruitmentReports }

// panelled reports whether c is drawn as panels with options o: a
// recruitment chart needs its reports split by area (Chart.ByArea).
func panelled(c *data.Chart, o Options) bool {
	f := c.Filter.WithDefaults()
	if f.Family == data.RecruitmentReports && len(c.ByArea) == 0 {
		return false
	}
	return o.Panels && HasPanels(f.Family) && !c.Empty() && len(c.Periods) > 0
}

// panel is one small chart of a chart drawn as panels.
type panel struct {
	title string
	// item is the mark drawn before the title of a panel of one series,
	// in the series' colour (and hatch or dashes in pattern mode).
	item       *legendItem
	sub        *plan
	titleLines []string
	xLabels    bool // x labels under this panel: the lowest of its column
	// area is the panel's area in a recruitment chart drawn per area;
	// blank in a panel of one series, whose code says whose it is.
	area data.Area
}

// panelGrid is the panels of a chart and their shared layout.
type panelGrid struct {
	panels      []*panel
	cols, rows  int
	baseTitle   textStyle // the panels' titles at full size
	titleStyle  textStyle // the panels' titles as laid out
	titleH      float64   // the room above each plot for its title
	ticks       []int     // the y ticks every panel shares
	xTitleY     float64   // the baseline of the shared x axis title
	gridRect    rect      // where the panels are
	yTitleLines []string
	yTitleStyle textStyle
}

// layoutPanels prepares the chart as panels and lays it out: the shared
// furniture as for one chart, then the grid of panels in the room left.
func (p *plan) layoutPanels(f data.Filter) {
	p.prepareSeries(f)
	l := p.o.Lang
	p.noted = shownEstimates(p.c) // listed under the panels, never drawn on them
	g := &panelGrid{}
	p.grid = g
	multi := f.Family == data.RecruitmentReports
	if !multi {
		p.items = nil // each panel's title names its series
	}
	for _, pc := range panelCharts(p.c, f) {
		sub := &plan{c: pc.chart, o: p.o, fr: p.fr, st: p.st}
		sub.prepareSeries(f)
		sub.items, sub.noted, sub.xTitle, sub.yTitle = nil, nil, "", ""
		p.matchPatterns(sub)
		pn := &panel{title: l.Area(data.Area(pc.code)), sub: sub}
		if !multi {
			pn.title = l.Series(pc.chart.Series[0])
		}
		if !multi {
			pn.item = p.panelItem(pc.code)
		} else {
			pn.area = data.Area(pc.code)
		}
		g.panels = append(g.panels, pn)
	}
	g.baseTitle = p.st.legend
	g.baseTitle.face = p.st.title.face
	g.titleStyle = g.baseTitle

	u := p.fr.unit
	st := p.st
	p.pad, p.gap, p.tickLen = 16*u, 10*u, 5*u
	w, h := float64(p.fr.w), float64(p.fr.h)
	content := rect{left: p.pad, top: p.pad, right: w - p.pad, bottom: h - p.pad}
	p.titleLines = st.title.wrap(Title(p.c, l), content.width())
	p.subtitleLines = st.subtitle.wrap(Subtitle(p.c, l)+" · "+l.T("subtitle.panels"), content.width())
	p.footerLines = footerLines(p.c, p.o, st.footer, content.width())
	top := content.top + float64(len(p.titleLines))*st.title.lineHeight() + 0.3*p.gap +
		float64(len(p.subtitleLines))*st.subtitle.lineHeight() + 1.4*p.gap
	bottom := content.bottom - float64(len(p.footerLines))*st.footer.lineHeight() - p.gap
	p.notes = p.noteLines(content.width())
	if len(p.notes) > 0 {
		bottom -= float64(len(p.notes))*st.note.lineHeight() + 0.5*p.gap
	}
	area := rect{left: content.left, top: top, right: content.right, bottom: bottom}
	if len(p.items) > 0 {
		area = p.placePanelLegend(area, content)
	}
	// the x axis title under the panels
	area.bottom -= st.axis.lineHeight()
	g.xTitleY = area.bottom + st.axis.ascent()
	area.bottom -= 0.3 * p.gap
	g.yTitleLines, g.yTitleStyle = p.yTitleLayout(area.height())
	if n := len(g.yTitleLines); n > 0 {
		area.left += st.axis.lineHeight() + float64(n-1)*g.yTitleStyle.lineHeight() + 0.5*p.gap
	}
	g.layout(p, area)
	p.plot = g.gridRect
	p.yMin, p.yMax = 0, 1
}

// panelChart is the chart of one panel: of one series, or of one area's
// channels, code naming either.
type panelChart struct {
	code  string
	chart *data.Chart
}

// panelCharts splits c into its panels: one per area for recruitment
// (the selected countries, and CA and RU when they have reports), else
// one per series but the regional total.
func panelCharts(c *data.Chart, f data.Filter) []panelChart {
	sub := func(series []data.Series) *data.Chart {
		return &data.Chart{Filter: c.Filter, Periods: c.Periods, Series: series, Outlets: c.Outlets}
	}
	var out []panelChart
	if f.Family == data.RecruitmentReports {
		for _, as := range c.ByArea {
			pc := sub(as.Series)
			if (as.Area.IsCountry() && f.Has(as.Area)) || !pc.Empty() {
				out = append(out, panelChart{code: string(as.Area), chart: pc})
			}
		}
		return out
	}
	for _, s := range c.Series {
		if s.Code != data.RegionCode {
			out = append(out, panelChart{code: s.Code, chart: sub([]data.Series{s})})
		}
	}
	return out
}

// panelItem is the mark a panel of the series code shows before its
// title: the whole chart's legend entry of that series, or for a series
// with nothing to draw, its colour.
func (p *plan) panelItem(code string) *legendItem {
	mark := markSwatch
	if p.kind == kindLines {
		mark = markLine
	}
	for _, s := range p.layers {
		if s.code == code {
			it := s.item(mark, p.o.Patterns)
			return &it
		}
	}
	it := plotSeries{code: code, color: colorOf(code)}.item(mark, false)
	return &it
}

// matchPatterns gives each of sub's series the hatch, marker shape and
// dashes of the same series in the whole chart, so that a series looks
// the same in every panel and in the shared legend.
func (p *plan) matchPatterns(sub *plan) {
	for i, s := range sub.layers {
		for _, w := range p.layers {
			if w.code == s.code {
				sub.layers[i].hatch, sub.layers[i].shape, sub.layers[i].dash = w.hatch, w.shape, w.dash
			}
		}
	}
}

// placePanelLegend places the shared legend on the right of the panels
// when it fits there beside panels at least 35% of the chart's width,
// else in rows under them; it returns the room left for the panels.
func (p *plan) placePanelLegend(area, content rect) rect {
	u, t := p.fr.unit, p.st.legend
	column := p.items
	if p.kind == kindBars { // the column reads top down, like the stack
		column = make([]legendItem, len(p.items))
		for i, it := range p.items {
			column[len(p.items)-1-i] = it
		}
	}
	right := layoutLegendRight(column, t, u, 0.3*content.width())
	if !right.broken && right.h <= area.height() && area.width()-right.w-2*p.gap >= 0.35*float64(p.fr.w) {
		p.legend = right
		right.x, right.y = content.right-right.w, area.top
		area.right -= right.w + 2*p.gap
		return area
	}
	below := layoutLegendBelow(p.items, t, u, content.width(), 0)
	p.legend = below
	below.x, below.y = content.left, area.bottom-below.h
	area.bottom -= below.h + p.gap
	return area
}

// layout arranges the panels in area: the number of columns that gives
// the largest plots of a readable shape, one y scale for all, and x
// labels under the lowest panel of each column.
func (g *panelGrid) layout(p *plan, area rect) {
	n := len(g.panels)
	best, bestScore := 1, math.Inf(-1)
	for cols := 1; cols <= n; cols++ {
		w, h := g.plotSize(p, area, cols)
		// plots about 1.6 times as wide as high read best; a plot
		// shorter than four lines of ticks or narrower than ten
		// loses to any that is not, and a title broken inside a word
		// to any that is not
		score := min(w/1.6, h)
		if h < 4*p.st.tick.lineHeight() || w < 10*p.st.tick.size {
			score -= 1e6
		}
		if !g.wordsFit(p, area, cols) {
			score -= 1e9
		}
		if score > bestScore {
			best, bestScore = cols, score
		}
	}
	g.arrange(p, area, best)
}

// wordsFit reports whether every word of the panels' titles fits on a
// line of a cell when there are cols columns in area, at the smallest
// size titles take.
func (g *panelGrid) wordsFit(p *plan, area rect, cols int) bool {
	colGap, _ := p.panelGaps()
	t := g.baseTitle
	t.size *= 0.75
	cellW := (area.width() - float64(cols-1)*colGap) / float64(cols)
	for _, pn := range g.panels {
		room := cellW
		if pn.item != nil {
			room -= 2.1 * g.baseTitle.size
		}
		for _, w := range strings.Fields(pn.title) {
			if t.width(w) > room {
				return false
			}
		}
	}
	return true
}

// rowsFor is the number of rows of n panels in cols columns.
func rowsFor(n, cols int) int { return (n + cols - 1) / cols }

// gaps are the spaces between columns and between rows of panels.
func (p *plan) panelGaps() (col, row float64) { return 2 * p.gap, 1.2*p.gap + p.tickLen }

// plotSize is the size of each panel's plot with cols columns in area.
func (g *panelGrid) plotSize(p *plan, area rect, cols int) (w, h float64) {
	colGap, rowGap := p.panelGaps()
	rows := rowsFor(len(g.panels), cols)
	cellW := (area.width() - float64(cols-1)*colGap) / float64(cols)
	titleH := g.titleRoom(p, g.panelTitles(cellW))
	xLabels := p.tickLen + 0.3*p.gap + 2*p.st.tick.lineHeight()
	h = (area.height() - xLabels - float64(rows-1)*rowGap - float64(rows)*titleH) / float64(rows)
	w = cellW - p.st.tick.width("0000") - p.tickLen - 0.4*p.gap
	return w, h
}

// panelTitles lays the panels' titles out in cells cellW wide: at full
// size in one line or two, else shrunk by up to a quarter, else in as
// many lines as they need at three quarters of their size, so that no
// title is cut. It returns the most lines a title takes.
func (g *panelGrid) panelTitles(cellW float64) int {
	t := g.baseTitle
	full := t.size
	markW := 0.0
	for _, pn := range g.panels {
		if pn.item != nil {
			markW = 2.1 * t.size
		}
	}
	maxW := max(1, cellW-markW)
	fits := func(lines int) bool { // in so many lines, breaking no word
		for _, pn := range g.panels {
			if len(t.wrap(pn.title, maxW)) > lines {
				return false
			}
			for _, w := range strings.Fields(pn.title) {
				if t.width(w) > maxW {
					return false
				}
			}
		}
		return true
	}
	lines := 0
	for size := full; size >= 0.74*full && lines == 0; size -= 0.05 * full {
		t.size = size
		for n := 1; n <= 2 && lines == 0; n++ {
			if fits(n) {
				lines = n
			}
		}
	}
	if lines == 0 {
		t.size, lines = 0.75*full, 8
	}
	g.titleStyle = t
	most := 1
	for _, pn := range g.panels {
		pn.titleLines = t.wrap(pn.title, maxW)
		most = max(most, len(pn.titleLines))
	}
	return most
}

// titleRoom is the height above a plot for a title of lines lines, the
// half of the top tick label that rises above the plot, and the totals
// above the bars.
func (g *panelGrid) titleRoom(p *plan, lines int) float64 {
	above := p.st.tick.lineHeight() / 2
	if p.kind == kindBars {
		above = max(above, p.st.total.lineHeight()+2*p.fr.unit)
	}
	return float64(lines)*g.titleStyle.lineHeight() + 0.3*p.gap + above
}

// arrange places the panels in cols columns in area and gives them the
// shared y ticks.
func (g *panelGrid) arrange(p *plan, area rect, cols int) {
	st := p.st
	n := len(g.panels)
	colGap, rowGap := p.panelGaps()
	g.cols, g.rows = cols, rowsFor(n, cols)
	cellW := math.Floor((area.width() - float64(cols-1)*colGap) / float64(cols))
	g.titleH = math.Ceil(g.titleRoom(p, g.panelTitles(cellW)))
	// the x labels' height: lay out one axis to learn its rows
	tiers := 2
	_, plotH := g.plotSize(p, area, cols)
	xLabels := func() float64 { return p.tickLen + 0.3*p.gap + float64(tiers)*st.tick.lineHeight() }
	for range 2 {
		plotH = math.Floor((area.height() - xLabels() - float64(g.rows-1)*rowGap - float64(g.rows)*g.titleH) / float64(g.rows))
		ax := layoutDateAxis(p.periods, area.left, area.left+cellW, st.tick, p.o.Lang, area.left, area.left+cellW)
		if ax.tiers == tiers || ax.tiers == 0 {
			break
		}
		tiers = ax.tiers
	}
	// one y scale: the largest extent of any panel
	lo, hi := 0, 0
	for _, pn := range g.panels {
		l, h := pn.sub.dataExtent()
		lo, hi = min(lo, l), max(hi, h)
	}
	maxTicks := min(9, int(plotH/(st.tick.lineHeight()*2))+1)
	g.ticks = yTicks(lo, max(hi, 1), max(2, maxTicks))
	labelW := 0.0
	for _, t := range g.ticks {
		labelW = max(labelW, st.tick.width(number(p.o.Lang, t)))
	}
	g.gridRect = rect{left: area.left, top: area.top, right: area.right,
		bottom: area.top + float64(g.rows)*(g.titleH+plotH) + float64(g.rows-1)*rowGap}
	plotW := math.Floor(cellW - labelW - p.tickLen - 0.4*p.gap)
	for i, pn := range g.panels {
		r, c := i/cols, i%cols
		cellLeft := g.cellLeft(p, i)
		cellTop := math.Round(area.top + float64(r)*(g.titleH+plotH+rowGap))
		sub := pn.sub
		sub.pad, sub.gap, sub.tickLen = p.pad, p.gap, p.tickLen
		left := math.Round(cellLeft + labelW + p.tickLen + 0.4*p.gap)
		sub.plot = rect{left: left, top: cellTop + g.titleH, right: left + plotW, bottom: cellTop + g.titleH + plotH}
		sub.ticks = g.ticks
		sub.yMin, sub.yMax = float64(g.ticks[0]), float64(g.ticks[len(g.ticks)-1])
		maxX := cellLeft + cellW + colGap/2
		if c == cols-1 {
			maxX = area.right
		}
		sub.xAxis = layoutDateAxis(p.periods, sub.plot.left, sub.plot.right, st.tick, p.o.Lang, cellLeft, maxX)
		pn.xLabels = i+cols >= n // nothing below it in its column
		if !pn.xLabels {
			sub.xAxis.labels, sub.xAxis.tiers = nil, 0
		}
		sub.showTotals = sub.kind == kindBars && !sub.empty && sub.totalsFit()
		g.gridRect.bottom = max(g.gridRect.bottom, sub.plot.bottom+xLabels())
	}
}

// drawables are the series and elements that draw the panels and the
// shared furniture of p.
func (g *panelGrid) drawables(p *plan) ([]gochart.Series, []gochart.Renderable) {
	var series []gochart.Series
	elements := []gochart.Renderable{p.drawFurniture, g.drawShared(p)}
	for _, pn := range g.panels {
		sub := pn.sub
		box := gochart.Box{IsSet: true, Top: int(sub.plot.top), Left: int(sub.plot.left),
			Right: int(sub.plot.right), Bottom: int(sub.plot.bottom)}
		xr := &gochart.ContinuousRange{Min: -0.5, Max: float64(max(1, len(sub.periods))) - 0.5}
		yr := &gochart.ContinuousRange{Min: sub.yMin, Max: sub.yMax}
		for _, s := range sub.series() {
			series = append(series, boxedSeries{s, box, xr, yr, pn.area})
		}
		elements = append(elements, sub.drawAxes)
	}
	if p.legend != nil {
		elements = append(elements, p.legend.render)
	}
	return series, elements
}

// boxedSeries draws a series in a panel's plot instead of the chart's.
type boxedSeries struct {
	gochart.Series
	box    gochart.Box
	xr, yr gochart.Range
	area   data.Area // the panel's area, for the hits it records
}

// Render implements gochart.Series.
func (b boxedSeries) Render(r gochart.Renderer, _ gochart.Box, _, _ gochart.Range, s gochart.Style) {
	if h := recorderOf(r); h != nil {
		h.area = b.area
		defer func() { h.area = "" }()
	}
	b.Series.Render(r, b.box, b.xr, b.yr, s)
}

// drawShared returns the element that draws the panels' titles, the
// message of an empty panel, and the shared axis titles.
func (g *panelGrid) drawShared(p *plan) gochart.Renderable {
	return func(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
		st, t := p.st, g.titleStyle
		mark := &legendBox{style: t, unit: p.fr.unit}
		for i, pn := range g.panels {
			sub := pn.sub
			x := g.cellLeft(p, i)
			y := sub.plot.top - g.titleH
			if pn.item != nil {
				mark.drawMark(r, *pn.item, x, y+t.ascent()-t.size*0.36)
				x += mark.markWidth() + mark.markGap()
			}
			for j, line := range pn.titleLines {
				drawText(r, t, line, x, y+t.ascent()+float64(j)*t.lineHeight(), alignLeft)
			}
			if sub.empty {
				msg := st.note.wrap(p.o.Lang.T("panel.none"), sub.plot.width())
				y := (sub.plot.top+sub.plot.bottom)/2 + 0.36*st.note.size - float64(len(msg)-1)*st.note.lineHeight()/2
				for j, line := range msg {
					drawText(r, st.note, line, (sub.plot.left+sub.plot.right)/2, y+float64(j)*st.note.lineHeight(), alignCenter)
				}
			}
		}
		for i, line := range g.yTitleLines { // the first line leftmost, reading upwards
			yt := g.yTitleStyle
			drawTextUp(r, yt, line, p.pad+st.axis.ascent()+float64(i)*yt.lineHeight(), (g.gridRect.top+g.gridRect.bottom)/2)
		}
		if p.xTitle != "" {
			drawText(r, st.axis, p.xTitle, (g.gridRect.left+g.gridRect.right)/2, g.xTitleY, alignCenter)
		}
	}
}

// cellLeft is the left edge of panel i's cell, in whole pixels.
func (g *panelGrid) cellLeft(p *plan, i int) float64 {
	colGap, _ := p.panelGaps()
	cellW := math.Floor((g.gridRect.width() - float64(g.cols-1)*colGap) / float64(g.cols))
	return math.Round(g.gridRect.left + float64(i%g.cols)*(cellW+colGap))
}

// describePanels adds to the alt text of a chart drawn as panels: that it
// is, and for recruitment each area's reports in all.
func describePanels(c *data.Chart, l i18n.Language) string {
	f := c.Filter.WithDefaults()
	parts := []string{l.T("describe.panels")}
	if f.Family == data.RecruitmentReports {
		for _, as := range c.ByArea {
			sum, last := 0, 0
			for _, s := range as.Series {
				for i, v := range s.Values {
					sum += v
					if i == len(s.Values)-1 {
						last += v
					}
				}
			}
			if !f.Has(as.Area) && sum == 0 {
				continue
			}
			name := data.Series{Code: string(as.Area), Label: as.Area.Name()}
			if f.Cumulative && len(c.Periods) > 0 {
				parts = append(parts, l.N("describe.by.recruitment", last, l.Series(name), number(l, last),
					l.Period(c.Periods[len(c.Periods)-1])))
			} else {
				parts = append(parts, l.N("describe.total.recruitment", sum, l.Series(name), number(l, sum)))
			}
		}
	}
	return strings.Join(parts, " ")
}

// DescribeWith is Describe for a chart drawn with options o: a chart drawn
// as panels says so.
func DescribeWith(c *data.Chart, o Options) string {
	d := Describe(c, o.Lang)
	if panelled(c, o) {
		d += " " + describePanels(c, o.Lang)
	}
	return d
}
