package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
)

// Choosing the map shows its measure and greys out what a map does not
// follow; the measure redraws the map, is remembered, and the export
// dialog writes what export --chart map writes.
func TestMapFamilyInThePanel(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		if h.u.filters.measureBox.Visible() {
			t.Error("the measure shows on the deaths chart")
		}
		test.Tap(h.u.filters.none) // a map shows every country all the same
		h.u.filters.family.SetSelected("Map")
	})
	c := h.waitChart("the map", func(c *data.Chart) bool { return c.Filter.Family == data.Map })
	if c.Filter.Measure != data.MeasureDeaths || len(c.Values) != 7 {
		t.Errorf("map = %+v, want deaths in the five countries and the region", c)
	}
	do(func() {
		f := h.u.filters
		if !f.measureBox.Visible() {
			t.Error("the measure is hidden on the map")
		}
		if !f.areas[0].Disabled() || !f.period.Disabled() || !f.cumulative.Disabled() || f.group.Disabled() {
			t.Error("the map's panel offers countries, periods or cumulative, or hides the group")
		}
		f.measure.SetSelected("Recruitment reports")
	})
	c = h.waitChart("the map of recruitment", func(c *data.Chart) bool { return c.Filter.Measure == data.MeasureRecruitment })
	do(func() {
		if !h.u.filters.group.Disabled() {
			t.Error("the group of people is offered for recruitment reports")
		}
		if f := h.u.prefs.filter(); f.Family != data.Map || f.Measure != data.MeasureRecruitment {
			t.Errorf("remembered filter = %+v", f)
		}
	})
	reports := map[string]int{}
	for _, v := range c.Values {
		reports[v.Code] = v.Value
	}
	if reports["RU"] == 0 {
		t.Errorf("the map counts no Russian measures: %v", reports)
	}

	got := appExport(t, h, "csv")
	if want := cliExport(t, h, "--chart", "map", "--measure", "recruitment", "--format", "csv"); !bytes.Equal(got, want) {
		t.Errorf("the app's CSV differs from the command line's:\n%s\nwant\n%s", got, want)
	}
}
