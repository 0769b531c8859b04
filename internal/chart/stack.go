package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/i18n"
)

// segment is one layer of one stacked bar, drawn from lo to hi; hi-lo is
// the layer's value, negative for a layer stacked below zero.
type segment struct{ lo, hi int }

// stack stacks values[layer][period] into absolute stacked bars: positive
// values pile up from 0 in layer order, negative values pile down from 0.
// The signed heights hi-lo of one period sum to that period's total.
func stack(values [][]int) [][]segment {
	segs := make([][]segment, len(values))
	var up, down []int
	for l, vs := range values {
		if len(vs) > len(up) {
			up = append(up, make([]int, len(vs)-len(up))...)
			down = append(down, make([]int, len(vs)-len(down))...)
		}
		segs[l] = make([]segment, len(vs))
		for p, v := range vs {
			base := &up[p]
			if v < 0 {
				base = &down[p]
			}
			segs[l][p] = segment{lo: *base, hi: *base + v}
			*base += v
		}
	}
	return segs
}

// stackExtent returns the lowest and highest ends of the stacked bars.
func stackExtent(segs [][]segment) (lo, hi int) {
	for _, layer := range segs {
		for _, s := range layer {
			lo, hi = min(lo, s.lo, s.hi), max(hi, s.lo, s.hi)
		}
	}
	return lo, hi
}

// barSeries draws absolute stacked bars, one per period, as a go-chart
// series (go-chart's own StackedBarChart only draws 100% bars).
type barSeries struct {
	seriesBase
	layers []plotSeries // bottom layer first
	segs   [][]segment
	totals []int
	unit   float64
	// totals label the bars with totalStyle unless it is nil, their numbers
	// written in lang.
	totalStyle *textStyle
	lang       i18n.Language
}

// Render implements gochart.Series: a rectangle per stack segment (with
// its layer's hatch in pattern mode), a thin white rule between segments,
// and the totals above the bars.
func (b *barSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	pf := newMapping(box, xr, yr)
	sw := pf.slotWidth()
	bw := sw * 0.78
	if sw < 4 {
		bw = sw
	}
	hits := recorderOf(r)
	for l, layer := range b.layers {
		for p, s := range b.segs[l] {
			if s.lo == s.hi {
				continue
			}
			x0 := pf.x(float64(p)) - bw/2
			y0, y1 := pf.y(float64(s.lo)), pf.y(float64(s.hi))
			hits.bar(layer.code, p, x0, min(y0, y1), x0+bw, max(y0, y1))
			fillRect(r, x0, min(y0, y1), x0+bw, max(y0, y1), layer.color)
			drawHatch(r, layer.hatch, x0, min(y0, y1), x0+bw, max(y0, y1), layer.color, b.unit)
			if bw >= 6 && l > 0 && s.lo != 0 {
				hRule(r, x0, x0+bw, y0, b.unit, white)
			}
		}
	}
	if b.totalStyle == nil {
		return
	}
	for p, total := range b.totals {
		if total == 0 {
			continue
		}
		lo, hi := 0, 0
		for _, layer := range b.segs {
			lo, hi = min(lo, layer[p].lo, layer[p].hi), max(hi, layer[p].lo, layer[p].hi)
		}
		// a net loss is labelled under the bar, anything else above it
		y := pf.y(float64(hi)) - b.totalStyle.size*0.35
		if total < 0 {
			y = pf.y(float64(lo)) + b.totalStyle.size*0.35 + b.totalStyle.ascent()
		}
		drawText(r, *b.totalStyle, number(b.lang, total), pf.x(float64(p)), y, alignCenter)
	}
}
