package chart

import (
	"slices"
	"strings"
	"unicode/utf8"

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
// of the plot (labels wrapped to two lines), or rows below it.
type legendBox struct {
	items []legendItem
	lines [][]string // each item's label, as laid out
	style textStyle
	unit  float64
	right bool      // one column on the right, else rows below the plot
	cols  int       // columns of the rows below the plot
	colX  []float64 // where each column starts, from the legend's left
	// kept is the smallest share of a label's characters kept when labels
	// had to be shortened, else 1.
	kept float64
	w, h float64
	x, y float64 // top left, set by the layout
}

// markWidth is the room the mark takes before the label.
func (lg *legendBox) markWidth() float64 { return lg.style.size * 1.6 }

func (lg *legendBox) markGap() float64 { return lg.style.size * 0.5 }

// rowGap is the space between items of the right-hand column.
func (lg *legendBox) rowGap() float64 { return lg.style.lineHeight() * 0.3 }

// rowHeight is the height of a row of the rows below the plot.
func (lg *legendBox) rowHeight() float64 { return lg.style.lineHeight() * 1.15 }

// layoutLegendRight lays the items out in one column at most maxW wide.
func layoutLegendRight(items []legendItem, t textStyle, unit, maxW float64) *legendBox {
	lg := &legendBox{items: items, style: t, unit: unit, right: true, cols: 1, kept: 1}
	labelW := 0.0
	for _, it := range items {
		labelW = max(labelW, t.width(it.label))
	}
	labelW = max(1, min(labelW, maxW-lg.markWidth()-lg.markGap()))
	lg.w = lg.markWidth() + lg.markGap() + labelW
	for i, it := range items {
		lines := t.wrap(it.label, labelW, 2)
		lg.kept = min(lg.kept, keptShare(strings.Join(lines, " "), it.label))
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
// takes as many columns as fit in maxW; labels too long for their column
// are shortened.
func layoutLegendBelow(items []legendItem, t textStyle, unit, maxW float64, cols int) *legendBox {
	lg := &legendBox{items: items, style: t, unit: unit, kept: 1}
	colGap := t.size * 1.5
	mark := lg.markWidth() + lg.markGap()
	// widths returns each column's label width and the legend's width
	widths := func(cols int) ([]float64, float64) {
		ws := make([]float64, cols)
		for i, it := range items {
			ws[i%cols] = max(ws[i%cols], t.width(it.label))
		}
		total := float64(cols-1) * colGap
		for _, w := range ws {
			total += mark + w
		}
		return ws, total
	}
	if cols == 0 { // the fewest rows that fit
		for rows := 1; ; rows++ {
			cols = (len(items) + rows - 1) / rows
			if _, total := widths(cols); total <= maxW || cols == 1 {
				break
			}
		}
	}
	cols = min(cols, len(items))
	rows := (len(items) + cols - 1) / cols
	cols = (len(items) + rows - 1) / rows // balance the rows
	ws, total := widths(cols)
	if total > maxW { // narrow the widest columns just enough
		level := waterLevel(ws, maxW-float64(cols-1)*colGap-float64(cols)*mark)
		for i := range ws {
			ws[i] = min(ws[i], level)
		}
	}
	lg.cols = cols
	x := 0.0
	for _, w := range ws {
		lg.colX = append(lg.colX, x)
		x += mark + w + colGap
	}
	lg.w = x - colGap
	for i, it := range items {
		label := t.fit(it.label, ws[i%cols])
		lg.kept = min(lg.kept, keptShare(label, it.label))
		lg.lines = append(lg.lines, []string{label})
	}
	lg.h = float64(rows) * lg.rowHeight()
	return lg
}

// waterLevel returns the largest level such that the widths, each capped
// at level, add up to at most avail.
func waterLevel(widths []float64, avail float64) float64 {
	ws := slices.Clone(widths)
	slices.Sort(ws)
	used := 0.0
	for i, w := range ws {
		if rest := float64(len(ws) - i); used+w*rest >= avail {
			return (avail - used) / rest
		}
		used += w
	}
	return ws[len(ws)-1]
}

// keptShare is the share of label's characters that survive in shown, the
// label as laid out.
func keptShare(shown, label string) float64 {
	if !strings.HasSuffix(shown, ellipsis) {
		return 1
	}
	return float64(utf8.RuneCountInString(shown)-1) / float64(utf8.RuneCountInString(label))
}

// render draws the legend; it is a go-chart Renderable.
func (lg *legendBox) render(r gochart.Renderer, _ gochart.Box, _ gochart.Style) {
	t := lg.style
	x, y := lg.x, lg.y
	for i, it := range lg.items {
		if !lg.right {
			x = lg.x + lg.colX[i%lg.cols]
			y = lg.y + float64(i/lg.cols)*lg.rowHeight()
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
