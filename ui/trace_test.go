package ui

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
)

// showChart draws the chart of f and waits until it is on screen with
// the layout of its numbers.
func showChart(h *harness, f data.Filter) *data.Chart {
	h.t.Helper()
	do(func() { h.u.setFilter(f, "", "") })
	var c *data.Chart
	h.waitFor("the chart of "+string(f.Family), func() bool {
		c = h.u.chart.chart
		return c != nil && c.Filter.Family == f.Family && c.Filter.Cumulative == f.Cumulative &&
			len(h.u.chart.layout.Hits) > 0
	})
	return c
}

// hitOn returns where, in the chart view, the middle of the first number
// that ok accepts is drawn.
func hitOn(h *harness, ok func(chart.Hit) bool) (fyne.Position, data.Mark) {
	h.t.Helper()
	var pos fyne.Position
	var mark data.Mark
	found := false
	do(func() {
		v := h.u.chart
		l, size := v.layout, v.Size()
		k := min(float64(size.Width)/float64(l.Width), float64(size.Height)/float64(l.Height))
		ox := (float64(size.Width) - float64(l.Width)*k) / 2
		oy := (float64(size.Height) - float64(l.Height)*k) / 2
		for _, hit := range l.Hits {
			if ok(hit) {
				x, y := (hit.X0+hit.X1)/2, (hit.Y0+hit.Y1)/2
				pos, mark, found = fyne.NewPos(float32(ox+x*k), float32(oy+y*k)), hit.Mark, true
				return
			}
		}
	})
	if !found {
		h.t.Fatal("the chart draws no such number")
	}
	return pos, mark
}

// traceOf is what the store says is behind mark m of c.
func traceOf(t *testing.T, h *harness, c *data.Chart, m data.Mark) data.Trace {
	t.Helper()
	q, ok := c.Behind(m)
	if !ok {
		t.Fatalf("mark %+v is not traced", m)
	}
	incs, partial, err := h.store().Trace(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return c.Account(m, incs, partial)
}

// buttonOnTop returns the button with text in the top dialog, or nil.
func buttonOnTop(h *harness, text string) *widget.Button {
	var found *widget.Button
	do(func() {
		top := h.u.win.Canvas().Overlays().Top()
		if top == nil {
			return
		}
		for _, o := range test.LaidOutObjects(top) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
				found = b
			}
		}
	})
	return found
}

// Tapping a bar lists the incidents behind it, what each added and its
// sources; an incident opens in the Incidents tab, and Escape closes the
// list.
func TestTappingABarListsTheIncidentsBehindIt(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		c := showChart(h, data.Filter{Family: data.Deaths, Period: data.PerMonth})
		pos, m := hitOn(h, func(hit chart.Hit) bool { return hit.Mark.Series == "TJ" && !hit.Point })
		tr := traceOf(t, h, c, m)
		if len(tr.Entries) == 0 || tr.Value == 0 {
			t.Fatalf("nothing behind TJ at %s", c.Periods[m.Period])
		}
		do(func() {
			h.u.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
			test.TapAt(h.u.chart, pos)
		})
		h.waitText(l.T("trace.intro", markName(l, c, m), l.Number(tr.Value)))
		do(func() {
			if h.u.chart.tip.Visible() {
				t.Error("the hint stayed on under the list")
			}
		})
		first := tr.Entries[0]
		h.waitText(first.Incident.Summary)
		h.waitText(l.T("trace.adds", l.Number(first.Adds)))
		for _, s := range first.Incident.Sources {
			h.waitText(l.Citation(s))
		}
		show := buttonOnTop(h, l.T("trace.show"))
		if show == nil {
			t.Fatal("the list has no button that shows an incident")
		}
		do(func() { test.Tap(show) })
		h.waitFor("the incident in the Incidents tab", func() bool {
			d := h.u.incidents.details
			return h.u.tabs.SelectedIndex() == 1 && d.inc != nil && d.inc.ID == first.Incident.ID
		})
		if h.top() != nil {
			t.Error("the list stayed open over the Incidents tab")
		}

		do(func() { h.u.tabs.SelectIndex(0) })
		do(func() { test.TapAt(h.u.chart, pos) })
		h.waitText(first.Incident.Summary)
		do(func() { typeKey(h.u.win.Canvas(), fyne.KeyEscape) })
		if h.top() != nil {
			t.Error("Escape left the list open")
		}
	})
}

// Tapping a point of a cumulative line lists every incident up to it,
// whose additions make its value; tapping a timeline dot lists its
// report.
func TestTappingALinePointOrADot(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		c := showChart(h, data.Filter{Family: data.Deaths, Period: data.PerMonth, Cumulative: true})
		n := len(c.Periods)
		pos, m := hitOn(h, func(hit chart.Hit) bool { return hit.Mark.Series == "KG" && hit.Mark.Period == n-1 })
		tr := traceOf(t, h, c, m)
		do(func() { test.TapAt(h.u.chart, pos) })
		h.waitText(l.T("trace.intro", markName(l, c, m), l.Number(tr.Value)))
		for _, e := range tr.Entries {
			h.waitText(e.Incident.Summary)
		}
		do(func() { typeKey(h.u.win.Canvas(), fyne.KeyEscape) })

		tl := showChart(h, data.Filter{Family: data.Timeline, Period: data.PerMonth})
		pos, m = hitOn(h, func(hit chart.Hit) bool { return hit.Mark.Timeline })
		do(func() { test.TapAt(h.u.chart, pos) })
		h.waitText(l.T("trace.intro", markName(l, tl, m), l.N("tooltip.reports", 1, l.Number(1))))
		for _, p := range tl.Points {
			if p.Date == m.Date && p.Channel == m.Channel && p.Area == m.Area {
				h.waitText(p.Summary)
			}
		}
		do(func() { typeKey(h.u.win.Canvas(), fyne.KeyEscape) })
	})
}

// Hovering a number names it and says that a click lists its reports;
// elsewhere the hint goes.
func TestHoveringANumberNamesIt(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		c := showChart(h, data.Filter{Family: data.Deaths, Period: data.PerMonth})
		pos, m := hitOn(h, func(hit chart.Hit) bool { return !hit.Point })
		do(func() {
			v := h.u.chart
			v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
			want := l.T("trace.hint", markName(l, c, m), markValue(l, c, m))
			if !v.tip.Visible() || v.hint.Text != want || v.Cursor() != desktop.PointerCursor {
				t.Errorf("over a bar: hint %q (shown %v), cursor %v; want %q", v.hint.Text, v.tip.Visible(), v.Cursor(), want)
			}
			if p, s := v.tip.Position(), v.tip.Size(); p.X+s.Width > v.Size().Width || p.Y+s.Height > v.Size().Height {
				t.Errorf("the hint at %v, %v leaves the view of %v", p, s, v.Size())
			}
			v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(2, 2)}})
			if v.tip.Visible() || v.Cursor() != desktop.DefaultCursor {
				t.Error("the hint stayed away from every number")
			}
		})
	})
}

// In the Sources tab, "Cited by N incidents" lists the incidents citing
// the selected source, and a source with a web address opens in the
// browser, from the tab and from the list.
func TestSourcesListTheirIncidentsAndOpen(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		var opened []string
		do(func() {
			h.u.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
			h.u.tabs.SelectIndex(2)
			h.u.sources.search.SetText("OilPrice")
			h.u.sources.searchNow()
			if h.u.sources.lister.timer.Stop() {
				t.Error("the search typed waits to run again after it ran")
			}
		})
		h.waitFor("the OilPrice.com source", func() bool { return h.u.sources.rows == 1 && h.u.sources.pages.row(0) != nil })
		var s data.SourceUse
		var citing string
		var openShown bool
		v := h.u.sources
		do(func() {
			v.showCitation(0)
			s = v.selected
			citing, openShown = v.citing.Text, v.open.Visible()
		})
		if s.URL != "https://oilprice.com/" {
			t.Fatalf("OilPrice.com's address = %q", s.URL)
		}
		if citing != count(l, "sources.citingButton", s.Incidents) || !openShown {
			t.Fatalf("buttons %q (open shown %v)", citing, openShown)
		}
		do(func() { test.Tap(v.open) })
		incs, err := h.store().Citing(context.Background(), s.ID)
		if err != nil || len(incs) != s.Incidents {
			t.Fatalf("%d incidents cite it, the tab says %d (%v)", len(incs), s.Incidents, err)
		}
		do(func() { test.Tap(v.citing) })
		h.waitText(l.T("trace.citingTitle"))
		for _, inc := range incs {
			h.waitText(inc.Summary)
		}
		if b := buttonOnTop(h, l.T("trace.open")); b != nil {
			do(func() { test.Tap(b) })
		}
		if strings.Join(opened, " ") != "https://oilprice.com/ https://oilprice.com/" {
			t.Errorf("opened %v, want OilPrice.com from the tab and from the list", opened)
		}
	})
}
