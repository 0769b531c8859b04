package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
)

// lineSeries draws cumulative lines, one per series, with a marker at each
// period when there is room; the regional total is dashed and drawn last.
type lineSeries struct {
	seriesBase
	lines []plotSeries
	unit  float64
}

// Render implements gochart.Series.
func (l *lineSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	m := newMapping(box, xr, yr)
	width := 2.2 * l.unit
	radius := 3.2 * l.unit
	markers := m.slotWidth() >= 6*radius
	for _, s := range l.lines {
		xs := make([]float64, len(s.values))
		ys := make([]float64, len(s.values))
		for i, v := range s.values {
			xs[i], ys[i] = m.x(float64(i)), m.y(float64(v))
		}
		var dash []float64
		if s.code == data.RegionCode {
			dash = []float64{7 * l.unit, 4 * l.unit}
		}
		polyline(r, xs, ys, width, s.color, dash)
		if markers || len(xs) == 1 {
			for i := range xs {
				dot(r, xs[i], ys[i], radius, s.color, white, l.unit)
			}
		}
	}
}
