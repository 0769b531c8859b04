package chart

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
	"catracker/i18n"
)

// timeline is the timeline chart's data: channel rows, a slot per month and
// the reports in display order, one by one, or else (when the chart lists
// no points, beyond data.MaxPoints) counted by cell and area.
type timeline struct {
	channels []data.Channel // rows, top first
	first    int            // month index of the first slot
	months   []data.PeriodKey
	points   []data.Point // by row, month, area, date, summary
	cells    []data.Cell  // without points: by row, month, area
	most     int          // the largest count of reports in one of cells
	areas    []data.Area  // areas with reports, display order
}

// reports is the number of reports on the timeline.
func (tl *timeline) reports() int {
	if tl.cells == nil {
		return len(tl.points)
	}
	n := 0
	for _, c := range tl.cells {
		n += c.Reports
	}
	return n
}

func newTimeline(c *data.Chart) *timeline {
	tl := &timeline{}
	first, last := math.MaxInt, math.MinInt
	if n := len(c.Periods); n > 0 {
		first, last = c.Periods[0].FirstMonth(), c.Periods[n-1].LastMonth()
	}
	chans := map[data.Channel]bool{}
	areas := map[data.Area]bool{}
	for _, p := range c.Points {
		first, last = min(first, p.Month), max(last, p.Month)
		chans[p.Channel] = true
		areas[p.Area] = true
	}
	if len(c.Points) == 0 {
		for _, cell := range c.Cells {
			first, last = min(first, cell.Month), max(last, cell.Month)
			chans[cell.Channel] = true
			areas[cell.Area] = true
		}
	}
	if first > last {
		return tl
	}
	tl.first = first
	tl.months = data.PeriodRange(data.PerMonth, first, last)
	tl.channels = sortedChannels(chans)
	tl.areas = sortedAreas(areas)
	row := make(map[data.Channel]int, len(tl.channels))
	for i, ch := range tl.channels {
		row[ch] = i
	}
	if len(c.Points) == 0 && len(c.Cells) > 0 {
		tl.cells = slices.Clone(c.Cells)
		slices.SortFunc(tl.cells, func(a, b data.Cell) int {
			return cmp.Or(cmp.Compare(row[a.Channel], row[b.Channel]), cmp.Compare(a.Month, b.Month),
				cmp.Compare(areaRank(a.Area), areaRank(b.Area)), cmp.Compare(a.Area, b.Area))
		})
		for _, cell := range tl.cells {
			tl.most = max(tl.most, cell.Reports)
		}
		return tl
	}
	// Sort the points' keys, small and with each point's row and area
	// rank looked up once, and break ties by position, which makes the
	// unstable sort stable.
	type key struct{ row, area, i int }
	keys := make([]key, len(c.Points))
	for i, p := range c.Points {
		keys[i] = key{row[p.Channel], areaRank(p.Area), i}
	}
	pts := c.Points
	slices.SortFunc(keys, func(a, b key) int {
		pa, pb := &pts[a.i], &pts[b.i]
		switch {
		case a.row != b.row:
			return cmp.Compare(a.row, b.row)
		case pa.Month != pb.Month:
			return cmp.Compare(pa.Month, pb.Month)
		case a.area != b.area:
			return cmp.Compare(a.area, b.area)
		case pa.Date != pb.Date:
			return compareDates(pa.Date, pb.Date)
		case pa.Summary != pb.Summary:
			return strings.Compare(pa.Summary, pb.Summary)
		}
		return cmp.Compare(a.i, b.i)
	})
	tl.points = make([]data.Point, len(keys))
	for i, k := range keys {
		tl.points[i] = pts[k.i]
	}
	return tl
}

// compareDates orders dates as their strings sort (2022 before 2022-05
// before 2022-05-14 before 2022-06) without formatting them: by year, then
// month, then day, an unknown month or day (0) first.
func compareDates(a, b data.Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// sortedChannels returns the known channels in display order, then the
// others by code.
func sortedChannels(set map[data.Channel]bool) []data.Channel {
	var out, other []data.Channel
	for _, ci := range data.Channels {
		if set[ci.Code] {
			out = append(out, ci.Code)
		}
	}
	for ch := range set {
		if ch.Label() == string(ch) {
			other = append(other, ch)
		}
	}
	sort.Slice(other, func(i, j int) bool { return other[i] < other[j] })
	return append(out, other...)
}

// areaRank orders areas for display; unknown areas come last.
func areaRank(a data.Area) int {
	for i, k := range data.Areas {
		if k == a {
			return i
		}
	}
	return len(data.Areas)
}

// sortedAreas returns the areas in display order, unknown ones last by code.
func sortedAreas(set map[data.Area]bool) []data.Area {
	out := make([]data.Area, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := areaRank(out[i]), areaRank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}

// tooltipper is implemented by renderers that can attach a tooltip to the
// next shape (SVG).
type tooltipper interface {
	SetTooltip(text string)
}

// maxTooltip caps the length of a report summary in a tooltip.
const maxTooltip = 280

// dotSeries draws one dot per report: x is the month, y the channel's row,
// the colour the report's area (and in pattern mode its shape too).
// Reports in the same month and channel are packed side by side (then in
// a small grid) so that each stays visible. Without points it draws one
// dot per cell and area instead, its area in proportion to the number of
// reports. Tooltips are in lang.
type dotSeries struct {
	seriesBase
	tl       *timeline
	unit     float64
	patterns bool
	lang     i18n.Language
}

// Render implements gochart.Series. The y range runs from 0 at the bottom
// to the number of rows at the top.
func (d *dotSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	m := newMapping(box, xr, yr)
	rows := len(d.tl.channels)
	rowH := (m.bottom - m.top) / float64(rows)
	cellW, cellH := m.slotWidth()*0.92, rowH*0.8
	radius := max(1.2*d.unit, min(5.5*d.unit, rowH*0.3))
	if d.tl.cells != nil {
		d.renderCells(r, m, rows, rowH, cellW, cellH)
		return
	}
	tip, tips := r.(tooltipper)
	pts := d.tl.points
	for i := 0; i < len(pts); {
		j := i
		for j < len(pts) && pts[j].Month == pts[i].Month && pts[j].Channel == pts[i].Channel {
			j++
		}
		row := 0
		for row < rows && d.tl.channels[row] != pts[i].Channel {
			row++
		}
		cx := m.x(float64(pts[i].Month - d.tl.first))
		cy := m.y(float64(rows-row) - 0.5)
		for k, off := range pack(j-i, cellW, cellH, 2*radius) {
			p := pts[i+k]
			if tips {
				tip.SetTooltip(tooltip(p, d.lang))
			}
			shape := shapeCircle
			if d.patterns {
				shape = areaShape(p.Area)
			}
			marker(r, shape, cx+off[0], cy+off[1], radius, colorOf(string(p.Area)), white, max(1, 0.8*d.unit))
		}
		i = j
	}
}

// renderCells draws the timeline by cells: in each month and channel, one
// dot per area side by side, whose area is in proportion to its number of
// reports, the largest filling the room an area has in a cell. Radii are
// rounded to half a pixel, so that the raster renderer draws a handful of
// dot sizes from its cache.
func (d *dotSeries) renderCells(r gochart.Renderer, m mapping, rows int, rowH, cellW, cellH float64) {
	biggest := max(1.5*d.unit, min(rowH*0.42, gridDiameter(len(d.tl.areas), cellW, cellH)/2))
	smallest := min(biggest, 1.2*d.unit)
	tip, tips := r.(tooltipper)
	cells := d.tl.cells
	for i := 0; i < len(cells); {
		j := i
		for j < len(cells) && cells[j].Month == cells[i].Month && cells[j].Channel == cells[i].Channel {
			j++
		}
		row := slices.Index(d.tl.channels, cells[i].Channel)
		cx := m.x(float64(cells[i].Month - d.tl.first))
		cy := m.y(float64(rows-row) - 0.5)
		for k, off := range pack(j-i, cellW, cellH, 2*biggest) {
			c := cells[i+k]
			radius := max(smallest, biggest*math.Sqrt(float64(c.Reports)/float64(d.tl.most)))
			radius = math.Round(radius*2) / 2
			if tips {
				tip.SetTooltip(data.MonthString(c.Month) + " · " + d.lang.Area(c.Area) + " · " +
					d.lang.N("tooltip.reports", c.Reports, d.lang.Number(c.Reports)))
			}
			shape := shapeCircle
			if d.patterns {
				shape = areaShape(c.Area)
			}
			marker(r, shape, cx+off[0], cy+off[1], radius, colorOf(string(c.Area)), white, max(1, 0.8*d.unit))
		}
		i = j
	}
}

// gridDiameter is the largest diameter at which n dots fit in a cell w by
// h pixels, side by side or in a grid, with the spacing pack leaves.
func gridDiameter(n int, w, h float64) float64 {
	best := 0.0
	for cols := 1; cols <= max(1, n); cols++ {
		rows := (n + cols - 1) / cols
		best = max(best, min(w/float64(cols), h/float64(max(1, rows)))/1.15)
	}
	return best
}

// areaShape is an area's marker shape in pattern mode.
func areaShape(a data.Area) markerShape { return markerShape(areaRank(a) % shapeCount) }

// tooltip describes a report: "2023-05-14 · Kyrgyzstan · summary".
func tooltip(p data.Point, l i18n.Language) string {
	s := []rune(strings.TrimSpace(p.Summary))
	if len(s) > maxTooltip {
		s = append(s[:maxTooltip-1], []rune(ellipsis)...)
	}
	return p.Date.String() + " · " + l.Area(p.Area) + " · " + string(s)
}

// pack returns the offsets from a cell's centre of k dots of diameter dia
// in a cell w by h pixels: one centred row if they fit side by side, else a
// centred grid whose rows close up (letting outlined dots overlap) to stay
// inside the cell.
func pack(k int, w, h, dia float64) [][2]float64 {
	pitch := dia * 1.15
	cols := min(k, max(1, int(w/pitch)))
	rows := (k + cols - 1) / cols
	px := min(pitch, w/float64(cols))
	py := min(pitch, h/float64(rows))
	out := make([][2]float64, k)
	for i := range out {
		row, col := i/cols, i%cols
		inRow := min(cols, k-row*cols)
		out[i] = [2]float64{
			(float64(col) - float64(inRow-1)/2) * px,
			(float64(row) - float64(rows-1)/2) * py,
		}
	}
	return out
}
