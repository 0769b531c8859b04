package ui

import (
	"bytes"
	"image"
	"testing"

	"catracker/data"
)

// TestPanelLayoutAndCapturedChart chooses the captures chart and one
// panel per country in the filter panel: the chart on screen is drawn as
// panels, the choice is remembered, the layout choice is greyed out for
// the timeline, and the export writes the panels the command line writes
// with --panels.
func TestPanelLayoutAndCapturedChart(t *testing.T) {
	h := newHarness(t, nil)
	var before image.Image
	do(func() {
		if h.u.filters.layout.Selected != "One chart" || h.u.panels {
			t.Errorf("the layout starts as %q (panels %v), want One chart", h.u.filters.layout.Selected, h.u.panels)
		}
		h.u.filters.family.SetSelected("Captured (prisoners of war)")
	})
	c := h.waitChart("the captures chart", func(c *data.Chart) bool { return c.Filter.Family == data.Captures })
	uz := -1
	for _, s := range c.Series {
		if s.Code == string(data.UZ) {
			uz = 0
			for _, v := range s.Values {
				uz += v
			}
		}
	}
	if uz != 2 {
		t.Errorf("Uzbek prisoners of war on the chart = %d, want the 2 of the bundled dataset", uz)
	}
	do(func() {
		if h.u.filters.layout.Disabled() || h.u.filters.by.Disabled() {
			t.Error("the layout or the series by group is greyed out for the captures chart")
		}
		before = h.u.chart.image.Image
		h.u.filters.layout.SetSelected("One panel per country")
	})
	h.waitFor("the chart drawn as panels", func() bool {
		return h.u.chart.style.Panels && h.u.chart.image.Image != nil && h.u.chart.image.Image != before
	})
	do(func() {
		if !h.u.panels || !h.u.prefs.panels() {
			t.Error("the choice of panels is not remembered")
		}
	})

	got := appExport(t, h, "svg")
	want := cliExport(t, h, "--chart", "captured", "--panels", "--format", "svg")
	if !bytes.Equal(got, want) {
		t.Error("the app's SVG differs from catracker-cli export --chart captured --panels --format svg")
	}

	do(func() {
		h.u.filters.family.SetSelected("Recruitment timeline")
	})
	h.waitChart("the timeline", func(c *data.Chart) bool { return c.Filter.Family == data.Timeline })
	do(func() {
		if !h.u.filters.layout.Disabled() {
			t.Error("the layout choice is enabled for the timeline, which has no panels")
		}
	})
}
