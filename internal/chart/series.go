package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// plotSeries is one data series ready to draw.
type plotSeries struct {
	code, label string
	values      []int
	color       drawing.Color
	// In pattern mode: a bar layer's hatch, a line's marker and dashes.
	hatch hatch
	shape markerShape
	dash  []float64
	// offset moves a line's point at each period down by so many pixels
	// (up when negative), so that lines sharing a value lie side by side;
	// nil for none.
	offset []float64
}

// y is where the line draws period i's value, its offset applied, in m.
func (ps plotSeries) y(m mapping, i int) float64 {
	y := m.y(float64(ps.values[i]))
	if ps.offset != nil {
		y += ps.offset[i]
	}
	return y
}

// seriesBase implements the parts of gochart.Series that the package's
// series share.
type seriesBase struct{ name string }

// GetName implements gochart.Series.
func (s seriesBase) GetName() string { return s.name }

// GetYAxis implements gochart.Series.
func (s seriesBase) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }

// GetStyle implements gochart.Series.
func (s seriesBase) GetStyle() gochart.Style { return gochart.Style{} }

// Validate implements gochart.Series.
func (s seriesBase) Validate() error { return nil }

// mapping turns data coordinates into pixels within go-chart's canvas box.
type mapping struct {
	left, top, right, bottom float64
	xmin, xmax, ymin, ymax   float64
}

func newMapping(box gochart.Box, xr, yr gochart.Range) mapping {
	return mapping{
		left: float64(box.Left), top: float64(box.Top), right: float64(box.Right), bottom: float64(box.Bottom),
		xmin: xr.GetMin(), xmax: xr.GetMax(), ymin: yr.GetMin(), ymax: yr.GetMax(),
	}
}

func (m mapping) x(v float64) float64 {
	return m.left + (v-m.xmin)/(m.xmax-m.xmin)*(m.right-m.left)
}

func (m mapping) y(v float64) float64 {
	return m.bottom - (v-m.ymin)/(m.ymax-m.ymin)*(m.bottom-m.top)
}

// slotWidth is the width in pixels of one unit on the x axis: one period.
func (m mapping) slotWidth() float64 { return (m.right - m.left) / (m.xmax - m.xmin) }
