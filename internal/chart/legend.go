package chart

import (
	"slices"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// markKind is how a legend item shows its series.
type markKind int

const (
	markSwatch markKind = iota // a filled square: stacked bars
	markLine                   // a line: cumulative lines
	markDashed                 // a dashed line: the regional total
	markDot                    // a dot: timeline reports
)

// legendItem is one entry of the legend.
type legendItem struct {
	label string
	color drawing.Color
	mark  markKind
	// patterned items show their series' hatch, dashes and marker shape.
	patterned bool
	hatch     hatch
	shape     markerShape
	dash      []float64
}

// legendBox is a legend laid out outside the plot: one column on the right
// of the plot, or rows below it. Labels wrap onto as many lines as they
// need; none is ever cut.
type legendBox struct {
	items []legendItem
	lines [][]string // each item's label, as laid out
	style textStyle
	unit  float64
	right bool      // one column on the right, else rows below the plot
	cols  int       // columns of the rows below the plot
	colX  []float64 // where each column starts, from the legend's left
	rowY  []float64 // where each row below the plot starts, from the legend's top
	// broken says a label breaks inside a word, its column being narrower
	// than the word.
	broken bool
	w, h   float64
	x, y   float64 // top left, set by the layout
}

// wrapped counts the labels laid out on more than one line.
func (lg *legendBox) wrapped() int {
	n := 0
	for _, lines := range lg.lines {
		if len(lines) > 1 {
			n++
		}
	}
	return n
}

// markWidth is the room the mark takes before the label.
func (lg *legendBox) markWidth() float64 { return lg.style.size * 1.6 }

func (lg *legendBox) markGap() float64 { return lg.style.size * 0.5 }

// rowGap is the space between items of the right-hand column.
func (lg *legendBox) rowGap() float64 { return lg.style.lineHeight() * 0.3 }

// layoutLegendRight lays the items out in one column at most maxW wide,
// each label wrapped onto as many lines as it needs.
func layoutLegendRight(items []legendItem, t textStyle, unit, maxW float64) *legendBox {
	lg := &legendBox{items: items, style: t, unit: unit, right: true, cols: 1}
	labelW := 0.0
	for _, it := range items {
		labelW = max(labelW, t.width(it.label))
	}
	labelW = max(1, min(labelW, maxW-lg.markWidth()-lg.markGap()))
	lg.w = lg.markWidth() + lg.markGap() + labelW
	for i, it := range items {
		lines := t.wrap(it.label, labelW)
		lg.broken = lg.broken || t.widestWord(it.label) > labelW
		lg.lines = append(lg.lines, lines)
		lg.h += float64(len(lines)) * t.lineHeight()
		if i > 0 {
			lg.h += lg.rowGap()
		}
	}
	return lg
}

// layoutLegendBelow lays the items out in rows, filling each row from left
// to right, in cols columns each as wide as its widest item. With cols 0 it
// takes as many columns as fit in maxW on one line each. Columns too wide
// for maxW are narrowed, the widest first and none below its widest word
// where they can, and their labels wrap onto more lines.
func layoutLegendBelow(items []legendItem, t textStyle, unit, maxW float64, cols int) *legendBox {
	lg := &legendBox{items: items, style: t, unit: unit}
	colGap := t.size * 1.5
	mark := lg.markWidth() + lg.markGap()
	// widths returns each column's label width and widest word, and the
	// legend's width
	widths := func(cols int) (ws, words []float64, total float64) {
		ws, words = make([]float64, cols), make([]float64, cols)
		for i, it := range items {
			ws[i%cols] = max(ws[i%cols], t.width(it.label))
			words[i%cols] = max(words[i%cols], t.widestWord(it.label))
		}
		total = float64(cols-1) * colGap
		for _, w := range ws {
			total += mark + w
		}
		return ws, words, total
	}
	if cols == 0 { // the fewest rows that fit
		for rows := 1; ; rows++ {
			cols = (len(items) + rows - 1) / rows
			if _, _, total := widths(cols); total <= maxW || cols == 1 {
				break
			}
		}
	}
	cols = max(1, min(cols, len(items)))
	rows := (len(items) + cols - 1) / cols
	cols = (len(items) + rows - 1) / rows // balance the rows
	ws, words, total := widths(cols)
	if total > maxW {
		avail := maxW - float64(cols-1)*colGap - float64(cols)*mark
		floors := words
		if sum(words) > avail { // some word breaks whatever the widths
			floors = make([]float64, cols)
		}
		level := waterLevel(ws, floors, avail)
		for i := range ws {
			ws[i] = max(1, min(ws[i], max(level, floors[i])))
		}
	}
	lg.cols = cols
	x := 0.0
	for _, w := range ws {
		lg.colX = append(lg.colX, x)
		x += mark + w + colGap
	}
	lg.w = x - colGap
	rowLines := make([]int, rows)
	for i, it := range items {
		w := ws[i%cols]
		lines := t.wrap(it.label, w)
		lg.broken = lg.broken || t.widestWord(it.label) > w
		lg.lines = append(lg.lines, lines)
		rowLines[i/cols] = max(rowLines[i/cols], len(lines))
	}
	gap := 0.15 * t.lineHeight()  // rows of one line each
	if slices.Max(rowLines) > 1 { // rows of several lines stand further apart
		gap = 0.45 * t.lineHeight()
	}
	for r, n := range rowLines {
		if r > 0 {
			lg.h += gap
		}
		lg.rowY = append(lg.rowY, lg.h)
		lg.h += float64(n) * t.lineHeight()
	}
	return lg
}

// sum adds up xs.
func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// waterLevel returns the largest level such that the widths, each capped
// at level but not below its floor, add up to at most avail (the floors
// adding up to at most avail).
func waterLevel(widths, floors []float64, avail float64) float64 {
	used := func(level float64) float64 {
		s := 0.0
		for i, w := range widths {
			s += min(w, max(level, floors[i]))
		}
		return s
	}
	lo, hi := 0.0, slices.Max(widths)
	for range 40 {
		if mid := (lo + hi) / 2; used(mid) <= avail {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// render draws the legend; it is a go-chart Renderable.
func (lg *legendBox) render(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	t := lg.style
	x, y := lg.x, lg.y
	for i, it := range lg.items {
		if !lg.right {
			x = lg.x + lg.colX[i%lg.cols]
			y = lg.y + lg.rowY[i/lg.cols]
		}
		baseline := y + t.ascent()
		lg.drawMark(r, it, x, baseline-t.size*0.36)
		for j, line := range lg.lines[i] {
			drawText(r, t, line, x+lg.markWidth()+lg.markGap(), baseline+float64(j)*t.lineHeight(), alignLeft)
		}
		if lg.right {
			y += float64(len(lg.lines[i]))*t.lineHeight() + lg.rowGap()
		}
	}
}

// drawMark draws an item's mark with its vertical centre at cy.
func (lg *legendBox) drawMark(r gochart.Renderer, it legendItem, x, cy float64) {
	if it.patterned {
		lg.drawPatternMark(r, it, x, cy)
		return
	}
	w := lg.markWidth()
	side := lg.style.size * 0.8
	switch it.mark {
	case markSwatch:
		fillRect(r, x+(w-side)/2, cy-side/2, x+(w+side)/2, cy+side/2, it.color)
	case markLine:
		hRule(r, x, x+w, cy, 3*lg.unit, it.color)
	case markDashed:
		for d := 0.0; d < w; d += w * 0.36 {
			hRule(r, x+d, x+min(d+w*0.28, w), cy, 3*lg.unit, it.color)
		}
	case markDot:
		dot(r, x+w/2, cy, side/2, it.color, white, lg.unit)
	}
}

// drawPatternMark draws an item's mark in pattern mode: a wider swatch
// with the layer's hatch, a line with its dashes and a marker, or the
// area's marker shape.
func (lg *legendBox) drawPatternMark(r gochart.Renderer, it legendItem, x, cy float64) {
	w := lg.markWidth()
	size := lg.style.size
	switch it.mark {
	case markSwatch:
		y0, y1 := cy-0.5*size, cy+0.5*size
		fillRect(r, x, y0, x+w, y1, it.color)
		drawHatch(r, it.hatch, x, y0, x+w, y1, it.color, lg.unit)
	case markLine:
		polyline(r, []float64{x, x + w}, []float64{cy, cy}, 2.2*lg.unit, it.color, scaled(it.dash, lg.unit))
		marker(r, it.shape, x+w/2, cy, patternMarker*lg.unit, it.color, white, lg.unit)
	case markDashed:
		polyline(r, []float64{x, x + w}, []float64{cy, cy}, 2.2*lg.unit, it.color, scaled([]float64{7, 4}, lg.unit))
	case markDot:
		marker(r, it.shape, x+w/2, cy, size*0.4, it.color, white, lg.unit)
	}
}
