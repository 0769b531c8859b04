package chart

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

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
	points   []data.Point // the chart's, as given
	order    []int        // indices of points by row, month, area, date, summary
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

// newTimeline lays out c's reports: the rows, the months and the order of
// the dots, or of the cells when c counts its reports by cell.
func newTimeline(c *data.Chart) *timeline {
	tl := &timeline{}
	first, last := math.MaxInt, math.MinInt
	if n := len(c.Periods); n > 0 {
		first, last = c.Periods[0].FirstMonth(), c.Periods[n-1].LastMonth()
	}
	chans, areas := map[data.Channel]bool{}, map[data.Area]bool{}
	for _, p := range c.Points {
		first, last = min(first, p.Month), max(last, p.Month)
		chans[p.Channel], areas[p.Area] = true, true
	}
	if c.ByCells() {
		for _, cell := range c.Cells {
			first, last = min(first, cell.Month), max(last, cell.Month)
			chans[cell.Channel], areas[cell.Area] = true, true
		}
	}
	if first > last {
		return tl
	}
	tl.first = first
	tl.months = data.PeriodRange(data.PerMonth, first, last)
	tl.channels = sortedChannels(slices.Collect(maps.Keys(chans)))
	tl.areas = sortedAreas(slices.Collect(maps.Keys(areas)))
	row := make(map[data.Channel]int, len(tl.channels))
	for r, ch := range tl.channels {
		row[ch] = r
	}
	if c.ByCells() {
		tl.cells = slices.Clone(c.Cells)
		slices.SortFunc(tl.cells, func(a, b data.Cell) int {
			return cmp.Or(cmp.Compare(row[a.Channel], row[b.Channel]), cmp.Compare(a.Month, b.Month),
				cmp.Compare(areaRank(a.Area), areaRank(b.Area)), cmp.Compare(a.Area, b.Area))
		})
		tl.most = c.LargestCell()
		return tl
	}
	// The dots by row, month, area, date and summary, reports alike in
	// all five in the order given; each dot's row and area rank looked up
	// once.
	pts := c.Points
	order := make([]int, len(pts))
	ranks := make([][2]int, len(pts))
	for i, p := range pts {
		order[i], ranks[i] = i, [2]int{row[p.Channel], areaRank(p.Area)}
	}
	slices.SortStableFunc(order, func(i, j int) int {
		// cmp.Or would compare every field of every pair
		if c := cmp.Compare(ranks[i][0], ranks[j][0]); c != 0 {
			return c
		}
		a, b := &pts[i], &pts[j]
		if c := cmp.Compare(a.Month, b.Month); c != 0 {
			return c
		}
		if c := cmp.Compare(ranks[i][1], ranks[j][1]); c != 0 {
			return c
		}
		if c := compareDates(a.Date, b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Summary, b.Summary)
	})
	tl.points, tl.order = pts, order
	return tl
}

// compareDates orders dates as their strings sort (2022 before 2022-05
// before 2022-05-14 before 2022-06) without formatting them: by year, then
// month, then day, an unknown month or day (0) first.
func compareDates(a, b data.Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// sortedChannels returns the known channels of the distinct channels
// chans in display order, then the others by code.
func sortedChannels(chans []data.Channel) []data.Channel {
	var out, other []data.Channel
	for _, ci := range data.Channels {
		if slices.Contains(chans, ci.Code) {
			out = append(out, ci.Code)
		}
	}
	for _, ch := range chans {
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

// sortedAreas returns the distinct areas in display order, unknown ones
// last by code.
func sortedAreas(areas []data.Area) []data.Area {
	out := slices.Clone(areas)
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

// maxTooltip caps the length of a report summary in a tooltip (a hover
// text of SVG output, never drawn on the chart), which then ends in "…".
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
	outline := max(1, 0.8*d.unit)
	tip, tips := r.(tooltipper)
	// each area's colour and shape, looked up once
	type look struct {
		fill  drawing.Color
		shape markerShape
	}
	looks := make(map[data.Area]look, len(d.tl.areas))
	for _, a := range d.tl.areas {
		l := look{colorOf(string(a)), shapeCircle}
		if d.patterns {
			l.shape = areaShape(a)
		}
		looks[a] = l
	}
	pts, order := d.tl.points, d.tl.order
	hits := recorderOf(r)
	for i := 0; i < len(order); {
		cell := &pts[order[i]]
		j := i + 1
		for j < len(order) && pts[order[j]].Month == cell.Month && pts[order[j]].Channel == cell.Channel {
			j++
		}
		row := 0
		for row < rows && d.tl.channels[row] != cell.Channel {
			row++
		}
		cx := m.x(float64(cell.Month - d.tl.first))
		cy := m.y(float64(rows-row) - 0.5)
		for k, off := range pack(j-i, cellW, cellH, 2*radius) {
			p := &pts[order[i+k]]
			if tips {
				tip.SetTooltip(tooltip(*p, d.lang))
			}
			l := looks[p.Area]
			hits.point(data.Mark{Timeline: true, Month: p.Month, Channel: p.Channel, Area: p.Area, Date: p.Date},
				cx+off[0], cy+off[1], radius)
			marker(r, l.shape, cx+off[0], cy+off[1], radius, l.fill, white, outline)
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
	hits := recorderOf(r)
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
					d.lang.N("tooltip.reports", c.Reports, number(d.lang, c.Reports)))
			}
			shape := shapeCircle
			if d.patterns {
				shape = areaShape(c.Area)
			}
			hits.point(data.Mark{Timeline: true, Month: c.Month, Channel: c.Channel, Area: c.Area},
				cx+off[0], cy+off[1], radius)
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
		s = append(s[:maxTooltip-1], '…')
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
