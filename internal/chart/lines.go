package chart

import (
	"math"
	"slices"
	"sort"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/data"
)

// lineSeries draws cumulative lines, one per series, with a marker at each
// period when there is room; the regional total is dashed and drawn last.
// In pattern mode each line has its own dashes and marker shape, and the
// markers are thinned out rather than left out where periods are narrow.
// Lines that share a value lie side by side there (see
// plan.offsetSharedValues), so none hides another.
type lineSeries struct {
	seriesBase
	lines    []plotSeries
	unit     float64
	patterns bool
}

// Render implements gochart.Series.
func (l *lineSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	m := newMapping(box, xr, yr)
	width := 2.2 * l.unit
	radius := 3.2 * l.unit
	markers := m.slotWidth() >= 6*radius
	if l.patterns { // larger, so that their shapes show
		radius = patternMarker * l.unit
	}
	every := max(1, int(math.Ceil(6*radius/m.slotWidth())))
	hits := recorderOf(r)
	for n, s := range l.lines {
		xs := make([]float64, len(s.values))
		ys := make([]float64, len(s.values))
		for i := range s.values {
			xs[i], ys[i] = m.x(float64(i)), s.y(m, i)
			hits.point(data.Mark{Series: s.code, Period: i, Area: areaOf(hits)}, xs[i], ys[i], radius)
		}
		var dash []float64
		switch {
		case s.code == data.RegionCode:
			dash = []float64{7 * l.unit, 4 * l.unit}
		case l.patterns:
			dash = scaled(s.dash, l.unit)
		}
		polyline(r, xs, ys, width, s.color, dash)
		switch {
		case l.patterns && s.code == data.RegionCode: // its dashes tell it apart
		case l.patterns:
			for i := range xs {
				if (i+n)%every == 0 || len(xs) == 1 {
					marker(r, s.shape, xs[i], ys[i], radius, s.color, white, l.unit)
				}
			}
		case markers || len(xs) == 1:
			for i := range xs {
				dot(r, xs[i], ys[i], radius, s.color, white, l.unit)
			}
		}
	}
}

// scaled returns the lengths in pattern times unit, or nil for none.
func scaled(pattern []float64, unit float64) []float64 {
	if len(pattern) == 0 {
		return nil
	}
	out := make([]float64, len(pattern))
	for i, v := range pattern {
		out[i] = v * unit
	}
	return out
}

// lineSpacing is how far apart, in reference pixels, lines that share a
// value are drawn: their width, so that they lie edge to edge.
const lineSpacing = 2.2

// offsetSharedValues sets the offsets of the lines (and the regional total)
// so that at every period where several share a value above zero they lie
// side by side, centred on it, in drawing order from the top.
func (p *plan) offsetSharedValues() {
	lines := p.lineRefs()
	for i := range p.periods {
		byValue := map[int][]*plotSeries{}
		for _, l := range lines {
			if v := l.values[i]; v > 0 {
				byValue[v] = append(byValue[v], l)
			}
		}
		for _, same := range byValue {
			if len(same) < 2 {
				continue
			}
			for j, l := range same {
				if l.offset == nil {
					l.offset = make([]float64, len(l.values))
				}
				l.offset[i] = (float64(j) - float64(len(same)-1)/2) * lineSpacing * p.fr.unit
			}
		}
	}
}

// lineRefs are the lines of a line chart in drawing order: the series,
// then the regional total.
func (p *plan) lineRefs() []*plotSeries {
	var out []*plotSeries
	for i := range p.layers {
		out = append(out, &p.layers[i])
	}
	for i := range p.totals {
		out = append(out, &p.totals[i])
	}
	return out
}

// endLabel is the label of a last value right of the plot, for every line
// that ends at that value.
type endLabel struct {
	text string
	ends []lineEnd
	y0   float64 // the middle of the ends it labels
	y    float64 // the label's vertical centre
}

// lineEnd is the end of a line, where an end label's leader starts.
type lineEnd struct {
	x, y  float64
	color drawing.Color
}

// endStyle is the style of the end labels: the tick labels' size in ink.
func (p *plan) endStyle() textStyle {
	t := p.st.tick
	t.color = ink
	return t
}

// endPitch is the least distance between the centres of two end labels:
// a little more than their digits' height.
func (p *plan) endPitch() float64 { return 1.05 * p.endStyle().size }

// endRoom is the width the end labels take right of the plot, with the
// room for their leaders; zero unless the chart has lines.
func (p *plan) endRoom() float64 {
	if p.kind != kindLines || p.empty {
		return 0
	}
	t, w := p.endStyle(), 0.0
	for _, l := range p.lineRefs() {
		w = max(w, t.width(number(p.o.Lang, lastValue(l.values))))
	}
	return p.endLead() + w
}

// endLead is the room between the plot and the end labels, where their
// leaders run.
func (p *plan) endLead() float64 { return 0.9 * p.gap }

// endValues are the distinct last values of the lines, one end label each.
func (p *plan) endValues() []int {
	var out []int
	for _, l := range p.lineRefs() {
		if v := lastValue(l.values); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// endsFit reports whether the end labels fit one above another beside a
// plot at pl (see placeEndLabels).
func (p *plan) endsFit(pl rect) bool {
	if p.kind != kindLines || p.empty {
		return true
	}
	return float64(len(p.endValues()))*p.endPitch() <= pl.height()+p.endPitch()/2
}

// placeEndLabels labels each last value right of the plot, once for all
// the lines that end at it, as near their ends as the others allow:
// labels that would overlap are gathered into runs, each run centred on
// the ends it labels, until no two overlap, all between half a label
// above the plot and its bottom.
func (p *plan) placeEndLabels() []endLabel {
	if p.kind != kindLines || p.empty || len(p.periods) == 0 {
		return nil
	}
	n := len(p.periods) - 1
	m := mapping{left: p.plot.left, top: p.plot.top, right: p.plot.right, bottom: p.plot.bottom,
		xmin: -0.5, xmax: float64(n) + 0.5, ymin: p.yMin, ymax: p.yMax}
	values := p.endValues()
	labels := make([]endLabel, len(values))
	for i, v := range values {
		labels[i].text = number(p.o.Lang, v)
		for _, l := range p.lineRefs() {
			if lastValue(l.values) == v {
				labels[i].ends = append(labels[i].ends, lineEnd{m.x(float64(n)), l.y(m, n), l.color})
				labels[i].y0 += l.y(m, n)
			}
		}
		labels[i].y0 /= float64(len(labels[i].ends))
		labels[i].y = labels[i].y0
	}
	sort.SliceStable(labels, func(i, j int) bool { return labels[i].y0 < labels[j].y0 })
	h := p.endPitch()
	lo, hi := p.plot.top, p.plot.bottom-h/2 // the range of the centres
	type run struct {
		first, n int
		top      float64 // the first label's centre
	}
	place := func(r run) run {
		mean := 0.0
		for _, l := range labels[r.first : r.first+r.n] {
			mean += l.y0
		}
		mean /= float64(r.n)
		r.top = mean - float64(r.n-1)*h/2
		r.top = max(lo, min(r.top, hi-float64(r.n-1)*h))
		return r
	}
	runs := make([]run, len(labels))
	for i := range labels {
		runs[i] = place(run{first: i, n: 1})
	}
	for merged := true; merged; {
		merged = false
		for i := 1; i < len(runs); i++ {
			a, b := runs[i-1], runs[i]
			if a.top+float64(a.n)*h > b.top+1e-9 {
				runs[i-1] = place(run{first: a.first, n: a.n + b.n})
				runs = slices.Delete(runs, i, i+1)
				merged = true
				break
			}
		}
	}
	for _, r := range runs {
		for k := range r.n {
			labels[r.first+k].y = r.top + float64(k)*h
		}
	}
	return labels
}

// drawEndLabels draws the end labels, each joined to the ends of its lines
// by short leaders in the lines' colours.
func (p *plan) drawEndLabels(r gochart.Renderer) {
	t := p.endStyle()
	u := p.fr.unit
	x := p.plot.right + p.endLead()
	for _, l := range p.ends {
		for _, e := range l.ends {
			polyline(r, []float64{e.x, p.plot.right + 0.25*p.gap, x - 0.25*p.gap}, []float64{e.y, e.y, l.y}, 1.4*u, e.color, nil)
		}
		drawText(r, t, l.text, x, l.y+0.36*t.size, alignLeft)
	}
}
