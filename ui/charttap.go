package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// tapSlop is how near, in the window's units, a tap or the pointer must
// come to a line's point or a timeline's dot to find it.
const tapSlop = 8

// The chart view finds the number under a tap or the pointer through the
// layout of the image on screen (chart.Layout): the image is drawn
// contained in the view, scaled and centred, so a position in the view
// maps back to the image's pixels.
var (
	_ fyne.Tappable      = (*chartView)(nil)
	_ desktop.Hoverable  = (*chartView)(nil)
	_ desktop.Cursorable = (*chartView)(nil)
)

// markAt returns the number drawn at pos, a position in the view.
func (v *chartView) markAt(pos fyne.Position) (data.Mark, bool) {
	l := v.layout
	if v.chart == nil || !v.image.Visible() || l.Width == 0 || l.Height == 0 {
		return data.Mark{}, false
	}
	size := v.Size()
	k := min(float64(size.Width)/float64(l.Width), float64(size.Height)/float64(l.Height))
	if k <= 0 {
		return data.Mark{}, false
	}
	ox := (float64(size.Width) - float64(l.Width)*k) / 2
	oy := (float64(size.Height) - float64(l.Height)*k) / 2
	return l.At((float64(pos.X)-ox)/k, (float64(pos.Y)-oy)/k, tapSlop/k)
}

// Tapped lists the incidents behind the number tapped; the hint goes, as
// the list covers the chart.
func (v *chartView) Tapped(ev *fyne.PointEvent) {
	if m, ok := v.markAt(ev.Position); ok && v.onTrace != nil {
		v.hideTip()
		v.onTrace(v.chart, m)
	}
}

// MouseIn implements desktop.Hoverable.
func (v *chartView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved names the number under the pointer and says that a click
// lists the incidents behind it.
func (v *chartView) MouseMoved(ev *desktop.MouseEvent) {
	m, ok := v.markAt(ev.Position)
	v.hovering = ok
	if !ok {
		v.hideTip()
		return
	}
	v.hint.SetText(v.style.Lang.T("trace.hint", markName(v.style.Lang, v.chart, m), markValue(v.style.Lang, v.chart, m)))
	v.tip.Show()
	v.placeTip(ev.Position)
}

// MouseOut implements desktop.Hoverable.
func (v *chartView) MouseOut() { v.hideTip() }

// newTip is the box that shows the hint beside the pointer: the label on
// the background of the theme's menus and pop-ups, outlined.
func newTip(hint *widget.Label) *fyne.Container {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameForeground)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	tip := container.NewStack(bg, hint)
	tip.Hide()
	return tip
}

// placeTip puts the hint below and right of the pointer at pos, moved
// left or above where the view would cut it.
func (v *chartView) placeTip(pos fyne.Position) {
	size := v.tip.MinSize()
	view := v.Size()
	x := min(pos.X+tapSlop, view.Width-size.Width)
	y := pos.Y + 2*tapSlop
	if y+size.Height > view.Height {
		y = pos.Y - tapSlop - size.Height
	}
	v.tip.Resize(size)
	v.tip.Move(fyne.NewPos(max(x, 0), max(y, 0)))
	canvas.Refresh(v)
}

// hideTip hides the hint.
func (v *chartView) hideTip() {
	v.hovering = false
	if v.tip.Visible() {
		v.tip.Hide()
		canvas.Refresh(v)
	}
}

// Cursor shows a pointing hand over a number that can be clicked.
func (v *chartView) Cursor() desktop.Cursor {
	if v.hovering {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// markName names a number of chart c: its series and period ("Tajikistan,
// May 2022"), its channel and area in a panel, or a timeline dot's
// channel, area and month or date.
func markName(l i18n.Language, c *data.Chart, m data.Mark) string {
	if m.Timeline {
		when := l.Month(m.Month)
		if !m.Date.IsZero() {
			when = m.Date.String()
		}
		return l.Channel(m.Channel) + ", " + l.Area(m.Area) + ", " + when
	}
	name := m.Series
	for _, s := range c.Series {
		if s.Code == m.Series {
			name = l.Series(s)
		}
	}
	if m.Area != "" {
		name += " (" + l.Area(m.Area) + ")"
	}
	if m.Period >= 0 && m.Period < len(c.Periods) {
		name += ", " + l.Period(c.Periods[m.Period])
	}
	return name
}

// markValue is the number a mark of c shows, as the chart writes it: a
// count of people or cases, or of reports for recruitment.
func markValue(l i18n.Language, c *data.Chart, m data.Mark) string {
	n := c.Value(m)
	if m.Timeline || c.Filter.Family == data.RecruitmentReports {
		return l.N("tooltip.reports", n, l.Number(n))
	}
	return l.Number(n)
}
