package chart

import (
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
)

// lineSeries draws cumulative lines, one per series, with a marker at each
// period when there is room; the regional total is dashed and drawn last.
// In pattern mode each line has its own dashes and marker shape, and the
// markers are thinned out rather than left out where periods are narrow.
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
	for n, s := range l.lines {
		xs := make([]float64, len(s.values))
		ys := make([]float64, len(s.values))
		for i, v := range s.values {
			xs[i], ys[i] = m.x(float64(i)), m.y(float64(v))
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
