package chart

import (
	"math"
	"slices"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/data"
	"catracker/i18n"
)

// An estimate on a line chart is a hollow marker (white inside, outlined
// in its series' colour; in pattern mode the series' own marker shape) at
// its period and value, apart from the lines, with a label such as "~35,
// estimate" beside it. Estimates never enter a line.

// Estimate markers in reference pixels: the radius and the outline.
const (
	estimateRadius  = 4.6
	estimateOutline = 1.8
)

// estimateMark is an estimate placed on a line chart.
type estimateMark struct {
	e      data.EstimatedFigure
	x, y   float64 // the marker's centre
	radius float64 // the marker's radius with its outline
	color  drawing.Color
	shape  markerShape
	label  string
	box    rect // the label's box: its text's advance by its line height
	// leader says the label stands a line away from the marker, so a thin
	// line joins them.
	leader bool
}

// estimateCode is the series whose colour and marker an estimate takes: its
// own, except that a Central Asia figure is the region's.
func estimateCode(e data.EstimatedFigure) string {
	if e.Code == string(data.CA) {
		return data.RegionCode
	}
	return e.Code
}

// seriesName names the series an estimate belongs to: its group when the
// chart is by group, else its area ("Central Asia" for CA).
func seriesName(e data.EstimatedFigure, l i18n.Language) string {
	if e.Area == data.CA && e.Code == string(data.CA) {
		return l.T("note.area.CA")
	}
	return l.Series(data.Series{Code: e.Code})
}

// placeEstimates lays out the estimates of a line chart that are not in
// the notes: a marker at each one's period and value, and its label where
// it stays inside the plot, clear of the other labels and markers, and
// crosses as few lines as it can. It returns the estimates that found no
// room, their marker on top of another's or their label nowhere to go;
// they go in the notes instead.
func (p *plan) placeEstimates() []data.EstimatedFigure {
	p.marks = nil
	u := p.fr.unit
	t := p.st.estimate
	var marks []estimateMark
	var unplaced []data.EstimatedFigure
	for _, e := range shownEstimates(p.c) {
		if p.isNoted(e) {
			continue
		}
		m := estimateMark{e: e, x: p.px(float64(e.Period)), y: p.py(float64(e.Value)),
			radius: (estimateRadius + estimateOutline/2) * u, shape: shapeCircle,
			label: p.o.Lang.T("estimate.label", number(p.o.Lang, e.Value))}
		if p.o.Patterns { // the pointed shapes reach further than a circle
			m.radius = (1.45*estimateRadius + estimateOutline/2) * u
		}
		code := estimateCode(e)
		m.color = colorOf(code)
		drawn := false // a line of the estimate's colour is in the legend
		for _, l := range append(append([]plotSeries{}, p.layers...), p.totals...) {
			if l.code == code {
				drawn = true
				if p.o.Patterns {
					m.shape = l.shape
				}
			}
		}
		if !drawn { // its colour alone does not say whose it is
			m.label = p.o.Lang.T("estimate.labelOf", number(p.o.Lang, e.Value), seriesName(e, p.o.Lang))
		}
		if crowded := slices.ContainsFunc(marks, func(o estimateMark) bool {
			return math.Hypot(o.x-m.x, o.y-m.y) < o.radius+m.radius+2*u
		}); crowded {
			unplaced = append(unplaced, e)
			continue
		}
		marks = append(marks, m)
	}
	segments := p.lineSegments()
	inside := rect{p.plot.left + 2*u, p.plot.top + 2*u, p.plot.right - 2*u, p.plot.bottom - 2*u}
	gap, h := 0.4*p.gap, t.lineHeight()
	for i := range marks {
		m := &marks[i]
		w := t.width(m.label)
		r := m.radius
		d := 0.7 * r // a diagonal's offset
		// the label's top left: beside the marker, then a line further
		// up or down (from nearOnes on), joined to it by a leader
		const nearOnes = 8
		candidates := [][2]float64{
			{m.x + r + gap, m.y - h/2}, {m.x - r - gap - w, m.y - h/2},
			{m.x + d, m.y - d - gap - h}, {m.x - d - w, m.y - d - gap - h},
			{m.x + d, m.y + d + gap}, {m.x - d - w, m.y + d + gap},
			{m.x - w/2, m.y - r - gap - h}, {m.x - w/2, m.y + r + gap},
			{m.x + d, m.y - d - gap - 2*h}, {m.x - d - w, m.y - d - gap - 2*h},
			{m.x + d, m.y + d + gap + h}, {m.x - d - w, m.y + d + gap + h},
		}
		best, bestCost := -1, 0
		for j, c := range candidates {
			box := rect{c[0], c[1], c[0] + w, c[1] + h}
			if !box.within(inside) || p.crowds(box, marks, i) {
				continue
			}
			cost := 0
			for _, s := range segments {
				if box.grow(1.5 * u).crosses(s) {
					cost++
				}
			}
			if best < 0 || cost < bestCost {
				best, bestCost = j, cost
			}
		}
		if best < 0 {
			unplaced = append(unplaced, m.e)
			continue
		}
		c := candidates[best]
		m.box = rect{c[0], c[1], c[0] + w, c[1] + h}
		m.leader = best >= nearOnes
		p.marks = append(p.marks, *m)
	}
	return unplaced
}

// crowds reports whether a label at box would touch another estimate's
// marker or a label already placed; marks[i] is the estimate it labels.
func (p *plan) crowds(box rect, marks []estimateMark, i int) bool {
	pad := 2 * p.fr.unit
	for j, m := range marks {
		if j != i && box.grow(pad).overlaps(rect{m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius}) {
			return true
		}
	}
	for _, m := range p.marks {
		if box.grow(pad).overlaps(m.box) {
			return true
		}
	}
	return false
}

// isNoted reports whether estimate e is listed in the notes.
func (p *plan) isNoted(e data.EstimatedFigure) bool {
	for _, n := range p.noted {
		if n == e {
			return true
		}
	}
	return false
}

// segment2 is a straight piece of a line, in output pixels.
type segment2 struct{ x0, y0, x1, y1 float64 }

// lineSegments are the pieces of the chart's lines, as drawn.
func (p *plan) lineSegments() []segment2 {
	var out []segment2
	for _, l := range append(append([]plotSeries{}, p.layers...), p.totals...) {
		for i := 1; i < len(l.values); i++ {
			out = append(out, segment2{p.px(float64(i - 1)), p.py(float64(l.values[i-1])), p.px(float64(i)), p.py(float64(l.values[i]))})
		}
	}
	return out
}

// within reports whether r lies inside o.
func (r rect) within(o rect) bool {
	return r.left >= o.left && r.top >= o.top && r.right <= o.right && r.bottom <= o.bottom
}

// overlaps reports whether r and o share any area.
func (r rect) overlaps(o rect) bool {
	return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom
}

// grow returns r widened by d on every side.
func (r rect) grow(d float64) rect { return rect{r.left - d, r.top - d, r.right + d, r.bottom + d} }

// crosses reports whether segment s passes through r (Liang-Barsky
// clipping).
func (r rect) crosses(s segment2) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := s.x1-s.x0, s.y1-s.y0
	for _, edge := range [][2]float64{{-dx, s.x0 - r.left}, {dx, r.right - s.x0}, {-dy, s.y0 - r.top}, {dy, r.bottom - s.y0}} {
		pe, q := edge[0], edge[1]
		if pe == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / pe
		if pe < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// drawEstimates draws the estimates of a line chart, over the lines; it is
// a go-chart Renderable.
func (p *plan) drawEstimates(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	u := p.fr.unit
	t := p.st.estimate
	tip, tips := r.(tooltipper)
	for _, m := range p.marks {
		if m.leader { // from the marker's edge to the nearest point of the label
			bx := min(max(m.x, m.box.left), m.box.right)
			by := min(max(m.y, m.box.top), m.box.bottom)
			d := math.Hypot(bx-m.x, by-m.y)
			ux, uy := (bx-m.x)/d, (by-m.y)/d
			polyline(r, []float64{m.x + ux*m.radius, bx - ux*u}, []float64{m.y + uy*m.radius, by - uy*u}, u, inkMuted, nil)
		}
		if tips {
			tip.SetTooltip(estimateItems(p.c, []data.EstimatedFigure{m.e}, p.o.Lang)[0])
		}
		marker(r, m.shape, m.x, m.y, estimateRadius*u, white, m.color, estimateOutline*u)
		drawText(r, t, m.label, m.box.left, m.box.top+t.ascent(), alignLeft)
	}
}
