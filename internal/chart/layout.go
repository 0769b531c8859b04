package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/data"
)

// plotKind is how a chart draws its data.
type plotKind int

const (
	kindBars  plotKind = iota // absolute stacked bars of new counts per period
	kindLines                 // cumulative lines
	kindDots                  // the recruitment timeline
)

// styles are a chart's text styles.
type styles struct {
	title, subtitle, axis, tick, legend, footer, message, total textStyle
	note, estimate                                              textStyle
}

// newStyles sizes the text for k output pixels per reference pixel (a
// 1200x675 chart at scale 1 has k = 1) and measures it with slack.
func newStyles(fc faces, k, slack float64) styles {
	ts := func(f *face, size float64, c drawing.Color) textStyle {
		return textStyle{face: f, size: size * k, color: c, slack: slack}
	}
	return styles{
		title:    ts(fc.bold, 22, ink),
		subtitle: ts(fc.regular, 15, inkSoft),
		axis:     ts(fc.regular, 14.5, inkSoft),
		tick:     ts(fc.regular, 13.5, inkSoft),
		legend:   ts(fc.regular, 14, ink),
		footer:   ts(fc.regular, 12.5, inkMuted),
		message:  ts(fc.regular, 19, inkMuted),
		total:    ts(fc.regular, 11.5, inkSoft),
		note:     ts(fc.regular, 12.5, inkSoft),
		estimate: ts(fc.regular, 13, inkSoft),
	}
}

// rect is a box in output pixels.
type rect struct{ left, top, right, bottom float64 }

func (r rect) width() float64  { return r.right - r.left }
func (r rect) height() float64 { return r.bottom - r.top }

// plan is a chart laid out at one output size: what to draw and where.
type plan struct {
	c      *data.Chart
	o      Options
	fr     frame
	st     styles
	kind   plotKind
	layers []plotSeries // bars: stack layers, bottom first; lines: lines in drawing order
	totals []plotSeries // bars: regional total lines drawn over the stacks
	segs   [][]segment  // bars: the stacked layers
	tl     *timeline    // dots
	// periods are the x axis slots.
	periods []data.PeriodKey
	empty   bool
	yTitle  string
	xTitle  string
	items   []legendItem
	// yTitleLines is the y title as laid out, in yTitleStyle.
	yTitleLines []string
	yTitleStyle textStyle

	pad, gap, tickLen float64
	titleLines        []string
	subtitleLines     []string
	footerLines       []string
	notes             []string // the notes above the footer
	// noted are the estimates listed in the notes: all of them under bars,
	// those whose label found no room on lines; marks are the others.
	noted      []data.EstimatedFigure
	marks      []estimateMark
	plot       rect
	ticks      []int // y ticks of bars and lines; nil when empty
	yMin, yMax float64
	xAxis      dateAxis
	legend     *legendBox
	rowLabels  [][]string // dots: each row's label lines, nil to skip
	rowStyle   textStyle  // dots: the style of the row labels
	showTotals bool
	grid       *panelGrid // the panels, when the chart is drawn as panels
	// ends are the labels of the lines' last values, right of the plot.
	ends []endLabel
	// roomy says the layout leaves the plot room enough (see
	// option.roomy); text is made smaller until it does.
	roomy bool
	ev    eventPlan // the events' markers and list (events.go)
	mp    *mapPlan  // a map's layout (data.Map); nil for other charts
}

// newPlan prepares c for drawing and lays it out in fr.
func newPlan(c *data.Chart, o Options, fr frame) (*plan, error) {
	if c == nil {
		return nil, fmt.Errorf("no chart to render")
	}
	fc, err := loadFaces()
	if err != nil {
		return nil, err
	}
	p := &plan{c: c, o: o, fr: fr, st: newStyles(fc, fr.text, fr.slack)}
	f := c.Filter.WithDefaults()
	p.xTitle = o.Lang.T("axis." + string(f.Period))
	if panelled(c, o) {
		p.layoutPanels(f)
		return p, nil
	}
	switch f.Family {
	case data.Map:
		p.xTitle = "" // a map has no axes
		p.prepareMap()
		p.layoutMap()
		return p, nil
	case data.Timeline:
		p.prepareTimeline()
	default:
		p.prepareSeries(f)
	}
	p.layout(fc)
	return p, nil
}

func (p *plan) prepareTimeline() {
	p.kind = kindDots
	p.tl = newTimeline(p.c)
	p.periods = p.tl.months
	p.xTitle = p.o.Lang.T("axis.month")
	p.empty = len(p.tl.points) == 0 && len(p.tl.cells) == 0
	for _, a := range p.tl.areas {
		p.items = append(p.items, legendItem{label: p.o.Lang.Area(a), color: colorOf(string(a)), mark: markDot,
			patterned: p.o.Patterns, shape: areaShape(a)})
	}
}

func (p *plan) prepareSeries(f data.Filter) {
	p.periods = p.c.Periods
	p.yTitle = p.o.Lang.T("axis.y." + string(f.Family))
	p.kind = kindBars
	if f.Cumulative {
		p.kind = kindLines
	}
	n := len(p.periods)
	for _, s := range p.c.Series {
		vals := make([]int, n)
		copy(vals, s.Values)
		nonZero := false
		for _, v := range vals {
			nonZero = nonZero || v != 0
		}
		if !nonZero {
			continue
		}
		ps := plotSeries{code: s.Code, label: p.o.Lang.Series(s), values: vals, color: colorOf(s.Code)}
		if s.Code == data.RegionCode {
			p.totals = append(p.totals, ps)
		} else {
			p.layers = append(p.layers, ps)
		}
	}
	p.empty = p.c.Empty() || len(p.layers)+len(p.totals) == 0
	if p.kind == kindBars || p.empty { // estimates are drawn on lines only
		p.noted = shownEstimates(p.c)
	}
	if p.kind == kindBars {
		values := make([][]int, len(p.layers))
		for i, l := range p.layers {
			values[i] = l.values
		}
		p.segs = stack(values)
		for i := range p.layers {
			if p.o.Patterns {
				p.layers[i].hatch = hatches[i%len(hatches)]
			}
			p.items = append(p.items, p.layers[i].item(markSwatch, p.o.Patterns))
		}
		for _, t := range p.totals {
			p.items = append(p.items, t.item(markDashed, p.o.Patterns))
		}
		return
	}
	// lines: the regional total first, then from the highest last value down
	for _, t := range p.totals {
		p.items = append(p.items, t.item(markDashed, p.o.Patterns))
	}
	sort.SliceStable(p.layers, func(i, j int) bool { return lastValue(p.layers[i].values) > lastValue(p.layers[j].values) })
	for i := range p.layers {
		if p.o.Patterns {
			p.layers[i].shape = markerShape(i % shapeCount)
			p.layers[i].dash = lineDashes[i%len(lineDashes)]
		}
		p.items = append(p.items, p.layers[i].item(markLine, p.o.Patterns))
	}
	p.offsetSharedValues()
}

// item is the series' legend entry.
func (ps plotSeries) item(mark markKind, patterned bool) legendItem {
	return legendItem{label: ps.label, color: ps.color, mark: mark, patterned: patterned,
		hatch: ps.hatch, shape: ps.shape, dash: ps.dash}
}

func lastValue(v []int) int {
	if len(v) == 0 {
		return 0
	}
	return v[len(v)-1]
}

// dataExtent returns the lowest and highest values the y axis must show.
func (p *plan) dataExtent() (lo, hi int) {
	if p.kind == kindBars {
		lo, hi = stackExtent(p.segs)
	} else {
		for _, l := range p.layers {
			for _, v := range l.values {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		for _, e := range shownEstimates(p.c) {
			hi = max(hi, e.Value)
		}
	}
	for _, t := range p.totals {
		for _, v := range t.values {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo, hi
}

// option is one way to place the legend, with the layout it leaves.
type option struct {
	legend    *legendBox
	plot      rect
	yTitle    []string  // the y axis title's lines
	yStyle    textStyle // the y axis title's style
	ticks     []int
	xAxis     dateAxis
	rowLabels [][]string
	rowStyle  textStyle
	// roomy says the plot is at least 30% of the chart's height and half
	// its width, and the timeline's channel labels and the lines' end
	// labels fit beside it.
	roomy bool
}

// minTextShare is how far the layout may make text smaller than its
// options ask, as a share of the text of a chart of that size at the
// normal text size.
const minTextShare = 0.5

// layout lays the chart out (see layoutLines) at the text size its options
// ask for, then, while that leaves the plot too little room (see
// option.roomy), at smaller sizes down to minTextShare of the normal one:
// text is made smaller, never cut.
func (p *plan) layout(fc faces) {
	floor := min(p.fr.text, minTextShare*p.fr.unit)
	for k := p.fr.text; ; k = max(floor, 0.9*k) {
		p.st = newStyles(fc, k, p.fr.slack)
		p.layoutLines()
		if p.roomy || k <= floor {
			return
		}
	}
}

// layoutLines places the furniture and the plot (see layoutOnce), and the
// estimates of a line chart: an estimate whose label finds no room goes
// in the notes, and the chart is laid out again with the notes that
// leaves.
func (p *plan) layoutLines() {
	if p.kind == kindLines && !p.empty {
		p.noted = nil
	}
	for {
		p.layoutOnce()
		if p.fewerEventLines() {
			continue
		}
		if p.kind != kindLines || p.empty {
			return
		}
		unplaced := p.placeEstimates()
		if len(unplaced) == 0 {
			return
		}
		// the notes list the estimates in the chart's order
		p.noted = slices.DeleteFunc(shownEstimates(p.c), func(e data.EstimatedFigure) bool {
			return !p.isNoted(e) && !slices.Contains(unplaced, e)
		})
	}
}

// placeFurniture sets the padding and gaps of the frame and wraps the
// title, subtitle and footer to the width inside the padding, which it
// returns: what every kind of chart lays out first.
func (p *plan) placeFurniture() rect {
	u := p.fr.unit
	p.pad, p.gap, p.tickLen = 16*u, 10*u, 5*u
	w, h := float64(p.fr.w), float64(p.fr.h)
	content := rect{left: p.pad, top: p.pad, right: w - p.pad, bottom: h - p.pad}
	p.titleLines = p.st.title.wrap(Title(p.c, p.o.Lang), content.width())
	p.subtitleLines = p.st.subtitle.wrap(Subtitle(p.c, p.o.Lang), content.width())
	p.footerLines = footerLines(p.c, p.o, p.st.footer, content.width())
	return content
}

// layoutOnce places the furniture and the plot: title and subtitle at the
// top, the footer at the bottom with the notes above it, the y axis on
// the left, and the legend on the right or below the x axis (see
// chooseLegend).
func (p *plan) layoutOnce() {
	st := p.st
	content := p.placeFurniture()
	top := content.top + float64(len(p.titleLines))*st.title.lineHeight() + 0.3*p.gap +
		float64(len(p.subtitleLines))*st.subtitle.lineHeight() + 1.4*p.gap + st.tick.lineHeight()/2
	bottom := content.bottom - float64(len(p.footerLines))*st.footer.lineHeight() - p.gap
	p.notes = p.noteLines(content.width())
	if len(p.notes) > 0 {
		bottom -= float64(len(p.notes))*st.note.lineHeight() + 0.5*p.gap
	}
	top, bottom = p.reserveEvents(content, top, bottom)

	var best option
	if len(p.items) == 0 {
		best = p.layoutWith(nil, content, top, bottom)
	} else {
		best = p.chooseLegend(content, top, bottom)
	}
	p.legend, p.plot, p.ticks, p.xAxis, p.roomy = best.legend, best.plot, best.ticks, best.xAxis, best.roomy
	p.yTitleLines, p.yTitleStyle = best.yTitle, best.yStyle
	p.rowLabels, p.rowStyle = best.rowLabels, best.rowStyle
	p.yMin, p.yMax = 0, 1
	if n := len(p.ticks); n > 0 {
		p.yMin, p.yMax = float64(p.ticks[0]), float64(p.ticks[n-1])
	}
	if p.kind == kindDots {
		p.yMax = float64(max(1, len(p.tl.channels)))
	}
	p.ends = p.placeEndLabels()
	if lg := p.legend; lg != nil {
		if lg.right {
			lg.x, lg.y = p.plot.right+p.endRoom()+2*p.gap, p.plot.top
		} else {
			lg.x, lg.y = content.left, bottom-lg.h
		}
	}
	p.showTotals = p.kind == kindBars && !p.empty && p.totalsFit()
}

// chooseLegend lays the chart out with each way of placing the legend (a
// column on the right, or rows below in one to as many columns as it has
// items) and keeps the best: first one that leaves the plot room enough
// (see option.roomy), then one that breaks no label inside a word, then,
// of those whose plot is within 5% of the largest, the one that wraps the
// fewest labels, and then the one with the largest plot.
func (p *plan) chooseLegend(content rect, top, bottom float64) option {
	st, u, cw := p.st, p.fr.unit, content.width()
	column := p.items
	if p.kind == kindBars { // the column reads top down, like the stack
		column = make([]legendItem, len(p.items))
		for i, it := range p.items {
			column[len(p.items)-1-i] = it
		}
	}
	legends := []*legendBox{layoutLegendRight(column, st.legend, u, 0.3*cw)}
	for cols := 1; cols <= len(p.items); cols++ {
		legends = append(legends, layoutLegendBelow(p.items, st.legend, u, cw, cols))
	}
	type scored struct {
		o            option
		roomy, whole bool
		wrapped      int
		area         float64
	}
	var all []scored
	for _, lg := range legends {
		o := p.layoutWith(lg, content, top, bottom)
		if lg.right && lg.h > o.plot.height() {
			continue
		}
		all = append(all, scored{o, o.roomy, !lg.broken, lg.wrapped(), o.plot.width() * o.plot.height()})
	}
	rank := func(s scored) int { // roomy and whole first
		return btoi(!s.roomy)*2 + btoi(!s.whole)
	}
	first := slices.MinFunc(all, func(a, b scored) int { return cmp.Compare(rank(a), rank(b)) })
	largest := 0.0
	for _, s := range all {
		if rank(s) == rank(first) {
			largest = max(largest, s.area)
		}
	}
	best := first
	for _, s := range all {
		if rank(s) != rank(first) || s.area < 0.95*largest {
			continue
		}
		if s.wrapped < best.wrapped || (s.wrapped == best.wrapped && s.area > best.area) || best.area < 0.95*largest {
			best = s
		}
	}
	return best.o
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// layoutWith lays the plot out around legend lg (nil for none).
func (p *plan) layoutWith(lg *legendBox, content rect, top, bottom float64) option {
	st := p.st
	o := option{legend: lg}
	right := content.right - p.endRoom()
	maxX := content.right
	if lg != nil && lg.right {
		right -= lg.w + 2*p.gap
		maxX = right + p.endRoom() + p.gap
	}
	if lg != nil && !lg.right {
		bottom -= lg.h + p.gap
	}
	tiers := 2
	if len(p.periods) > 0 && p.periods[0].Unit == data.PerYear {
		tiers = 1
	}
	for range 3 {
		plotBottom := bottom - p.tickLen - 0.3*p.gap - float64(tiers)*st.tick.lineHeight()
		if p.xTitle != "" {
			plotBottom -= 0.3*p.gap + st.axis.lineHeight()
		}
		left := content.left
		o.yTitle, o.yStyle = p.yTitleLayout(math.Round(plotBottom) - math.Round(top))
		if n := len(o.yTitle); n > 0 {
			left += st.axis.lineHeight() + float64(n-1)*o.yStyle.lineHeight() + 0.5*p.gap
		}
		plotH := plotBottom - top
		var labelW float64
		labelsFit := true
		if p.kind == kindDots {
			o.rowLabels, o.rowStyle, labelW, labelsFit = p.rowLabelLines(plotH, 0.4*content.width())
		} else {
			o.ticks, labelW = p.yTickLabels(plotH)
		}
		left += labelW + p.tickLen + 0.4*p.gap
		o.plot = rect{left: math.Round(left), top: math.Round(top), right: math.Round(right), bottom: math.Round(plotBottom)}
		o.xAxis = layoutDateAxis(p.periods, o.plot.left, o.plot.right, st.tick, p.o.Lang, content.left, maxX)
		o.roomy = labelsFit && o.plot.height() >= 0.3*float64(p.fr.h) && o.plot.width() >= 0.5*float64(p.fr.w) &&
			p.endsFit(o.plot)
		if o.xAxis.tiers == tiers || o.xAxis.tiers == 0 {
			break
		}
		tiers = o.xAxis.tiers
	}
	return o
}

// yTitleLayout lays the y axis title out along a plot plotH pixels high:
// in one line, shrunk by up to a quarter to fit; else in as few lines as
// fit, up to three, shrunk as little as they need; else in as many lines
// as it takes at three quarters of its size.
func (p *plan) yTitleLayout(plotH float64) ([]string, textStyle) {
	t := p.st.axis
	if p.yTitle == "" {
		return nil, t
	}
	full, w := t.size, t.width(p.yTitle)
	if t.size = max(0.75*full, min(full, full*plotH/w)); t.width(p.yTitle) <= plotH {
		return []string{p.yTitle}, t
	}
	const most = 3
	for n := 2; n <= most; n++ {
		for t.size = full; t.size >= 0.75*full; t.size -= 0.05 * full {
			if lines := t.wrap(p.yTitle, plotH); len(lines) <= n && t.widestWord(p.yTitle) <= plotH {
				return lines, t
			}
		}
	}
	t.size = 0.75 * full
	return t.wrap(p.yTitle, max(1, plotH)), t
}

// yTickLabels chooses the y ticks for a plot plotH pixels high and returns
// them with the width of their widest label.
func (p *plan) yTickLabels(plotH float64) ([]int, float64) {
	if p.empty {
		return nil, 0
	}
	lo, hi := p.dataExtent()
	maxTicks := min(9, int(plotH/(p.st.tick.lineHeight()*2))+1)
	ticks := yTicks(lo, hi, maxTicks)
	w := 0.0
	for _, t := range ticks {
		w = max(w, p.st.tick.width(number(p.o.Lang, t)))
	}
	return ticks, w
}

// rowLabelLines lays out the timeline's channel labels for a plot plotH
// pixels high, at most maxW wide: on as few lines as they need, in the
// largest font down to 0.7 of the tick labels' in which every label fits
// in its row. It reports whether they fit; where they do not even then
// (at sizes smaller than the layout makes text for), only every k-th
// label is drawn.
func (p *plan) rowLabelLines(plotH, maxW float64) ([][]string, textStyle, float64, bool) {
	t := p.st.tick
	rows := len(p.tl.channels)
	if rows == 0 {
		return nil, t, 0, true
	}
	rowH := plotH / float64(rows)
	full := t.size
	layout := func() ([][]string, float64, int) {
		natural := 0.0
		for _, ch := range p.tl.channels {
			natural = max(natural, t.width(p.o.Lang.Channel(ch)))
		}
		w := max(1, min(natural, maxW))
		out := make([][]string, rows)
		most := 0
		for i, ch := range p.tl.channels {
			out[i] = t.wrap(p.o.Lang.Channel(ch), w)
			most = max(most, len(out[i]))
		}
		return out, w, most
	}
	// a line's letters need about 0.85 of its line height, the rest being
	// leading
	fits := func(lines int) bool { return float64(lines-1)*t.lineHeight()+0.85*t.lineHeight() <= rowH }
	for t.size = full; t.size >= 0.7*full; t.size -= 0.05 * full {
		if out, w, most := layout(); fits(most) {
			return out, t, w, true
		}
	}
	t.size = 0.7 * full
	out, w, most := layout()
	every := max(1, int(math.Ceil((float64(most-1)+0.85)*t.lineHeight()/rowH)))
	for i := range out {
		if i%every != 0 {
			out[i] = nil
		}
	}
	return out, t, w, false
}

// px is the x of the middle of period i in output pixels.
func (p *plan) px(i float64) float64 {
	return p.plot.left + (i+0.5)/float64(max(1, len(p.periods)))*p.plot.width()
}

// py is the y of value v in output pixels.
func (p *plan) py(v float64) float64 {
	return p.plot.bottom - (v-p.yMin)/(p.yMax-p.yMin)*p.plot.height()
}

// totalsFit reports whether every bar's total fits above it.
func (p *plan) totalsFit() bool {
	n := len(p.periods)
	if n == 0 || n > 80 {
		return false
	}
	slot := p.plot.width() / float64(n)
	for _, t := range p.barTotals() {
		if p.st.total.width(number(p.o.Lang, t))+3*p.fr.unit > slot {
			return false
		}
	}
	return true
}

// barTotals returns the total of each bar.
func (p *plan) barTotals() []int {
	totals := make([]int, len(p.periods))
	for _, l := range p.layers {
		for i, v := range l.values {
			totals[i] += v
		}
	}
	return totals
}
