package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"
)

// gridSeries draws what lies under the data: horizontal grid lines at the
// y ticks, faint year boundaries and the timeline's lanes. It is the
// chart's first series so that the data cover it.
type gridSeries struct {
	seriesBase
	p *plan
}

// Render implements gochart.Series.
func (g *gridSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	p := g.p
	m := newMapping(box, xr, yr)
	u := p.fr.unit
	for _, t := range p.ticks[min(1, len(p.ticks)):] {
		hRule(r, m.left, m.right, m.y(float64(t)), u, gridColor)
	}
	if p.kind == kindDots {
		for i := range p.tl.channels {
			hRule(r, m.left, m.right, m.y(float64(i)+0.5), u, gridColor)
		}
	}
	for _, x := range p.xAxis.bounds {
		vRule(r, x, m.top, m.bottom, u, gridColor)
	}
}

// drawAxes draws the axis lines, tick marks, tick labels and axis titles;
// it is a go-chart Renderable.
func (p *plan) drawAxes(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	st, u, pl := p.st, p.fr.unit, p.plot
	// y axis
	labelRight := pl.left - p.tickLen - 0.4*p.gap
	for _, t := range p.ticks {
		drawText(r, st.tick, number(p.o.Lang, t), labelRight, p.py(float64(t))+0.36*st.tick.size, alignRight)
	}
	if p.yMin < 0 {
		hRule(r, pl.left, pl.right, p.py(0), 1.4*u, axisColor)
	}
	rs := p.rowStyle
	for i, lines := range p.rowLabels {
		cy := p.py(float64(len(p.rowLabels)-i) - 0.5)
		first := cy + 0.36*rs.size - float64(len(lines)-1)*rs.lineHeight()/2
		for j, line := range lines {
			drawText(r, rs, line, pl.left-0.6*p.gap, first+float64(j)*rs.lineHeight(), alignRight)
		}
	}
	for i, line := range p.yTitleLines { // the first line leftmost, reading upwards
		t := p.yTitleStyle
		drawTextUp(r, t, line, p.pad+st.axis.ascent()+float64(i)*t.lineHeight(), (pl.top+pl.bottom)/2)
	}
	// x axis
	hRule(r, pl.left, pl.right, pl.bottom, 1.4*u, axisColor)
	labelsTop := pl.bottom + p.tickLen + 0.3*p.gap
	for _, x := range p.xAxis.marks {
		vRule(r, x, pl.bottom, pl.bottom+p.tickLen, u, axisColor)
	}
	yearRow := labelsTop + st.tick.lineHeight()
	for _, x := range p.xAxis.bounds {
		vRule(r, x, pl.bottom, pl.bottom+1.8*p.tickLen, u, axisColor)
		// Separate the years in their row, unless a year's label is wider
		// than its few periods and reaches over the boundary.
		if p.xAxis.tiers == 2 && !p.xAxis.labelOver(x, 1) {
			vRule(r, x, yearRow, yearRow+st.tick.lineHeight(), u, axisColor)
		}
	}
	for _, l := range p.xAxis.labels {
		baseline := labelsTop + st.tick.ascent() + float64(l.tier)*st.tick.lineHeight()
		drawText(r, st.tick, l.text, (l.left+l.right)/2, baseline, alignCenter)
	}
	if p.xTitle != "" {
		tiers := float64(max(1, p.xAxis.tiers))
		baseline := labelsTop + tiers*st.tick.lineHeight() + 0.3*p.gap + st.axis.ascent()
		drawText(r, st.axis, p.xTitle, (pl.left+pl.right)/2, baseline, alignCenter)
	}
}
