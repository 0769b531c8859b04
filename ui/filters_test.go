package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
)

func TestFilterChangesRedrawTheChart(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		if c := h.u.chart.Chart(); c == nil || c.Filter.Family != data.Deaths {
			t.Errorf("first chart = %+v, want the deaths chart", c)
		}
		if !h.u.filters.stage.Disabled() {
			t.Error("the prosecution stage is enabled on the deaths chart")
		}
		h.u.filters.family.SetSelected("Prosecutions")
	})
	h.waitChart("prosecutions", func(c *data.Chart) bool { return c.Filter.Family == data.Prosecutions })
	do(func() {
		if h.u.filters.stage.Disabled() {
			t.Error("the prosecution stage is disabled on the prosecutions chart")
		}
		test.Tap(h.u.filters.none)
	})
	h.waitText("Tick at least one country")

	// The user journey: Kyrgyzstan and Kazakhstan, 2022 to 2024, by quarter.
	do(func() {
		test.Tap(h.u.filters.areas[1]) // Kyrgyzstan
		test.Tap(h.u.filters.areas[0]) // Kazakhstan
		test.Type(h.u.filters.from, "2022-01")
		test.Type(h.u.filters.to, "2024-12")
		h.u.filters.period.SetSelected("Quarter")
	})
	c := h.waitChart("KZ and KG by quarter, 2022-2024", func(c *data.Chart) bool {
		f := c.Filter
		return f.Family == data.Prosecutions && reflect.DeepEqual(f.Areas, []data.Area{data.KZ, data.KG}) &&
			f.Period == data.PerQuarter && f.From == 2022*12 && f.To == 2024*12+11
	})
	if n := len(c.Periods); n == 0 || c.Periods[0].String() != "2022-Q1" || c.Periods[n-1].String() != "2024-Q4" {
		t.Errorf("periods = %v, want 2022-Q1 to 2024-Q4", c.Periods)
	}
	for _, s := range c.Series {
		if s.Code != string(data.KZ) && s.Code != string(data.KG) {
			t.Errorf("series %s drawn; only KZ and KG were ticked", s.Code)
		}
	}
}

func TestInvalidDateRangeIsExplainedAndNotApplied(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		test.Type(h.u.filters.from, "2024-05")
		test.Type(h.u.filters.to, "2023-01")
	})
	h.waitText("The To month is before the From month.")
	do(func() {
		if f := h.u.filter; f.To != 0 {
			t.Errorf("the filter took the invalid range: to = %s", data.MonthString(f.To))
		}
		h.u.filters.to.SetText("2024-13")
	})
	h.waitText(`To: "2024-13" is not a month (use YYYY-MM)`)
}

func TestFiltersAndDatabaseAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarness(t, a)
	do(func() {
		h.u.filters.family.SetSelected("Recruitment channels")
		h.u.filters.cumulative.SetChecked(true)
		h.u.filters.side.SetSelected("Russia's army")
		test.Type(h.u.filters.from, "2022-06")
	})
	h.waitChart("the new filters", func(c *data.Chart) bool {
		return c.Filter.Family == data.RecruitmentReports && c.Filter.Cumulative && c.Filter.From == 2022*12+5
	})

	// A second start on the same preferences, with no --db.
	ready := make(chan error, 1)
	var u2 *App
	do(func() {
		u2 = New(a, Options{Open: openTest, Ready: func(_ fyne.Window, err error) { ready <- err }})
	})
	if err := <-ready; err != nil {
		t.Fatal(err)
	}
	do(func() {
		defer u2.store.Close()
		if u2.store.Path() != h.path {
			t.Errorf("reopened %s, want the last database %s", u2.store.Path(), h.path)
		}
		f := u2.chart.Chart().Filter
		if f.Family != data.RecruitmentReports || !f.Cumulative || f.Side != data.Russia || f.From != 2022*12+5 {
			t.Errorf("restored filter = %+v", f)
		}
		if u2.filters.from.Text != "2022-06" {
			t.Errorf("From entry = %q, want 2022-06", u2.filters.from.Text)
		}
	})
}

func TestDatesWithoutIncidentsDrawTheEmptyChart(t *testing.T) {
	h := newHarness(t, nil)
	do(func() { h.u.filters.from.SetText("2031-01") })
	c := h.waitChart("dates after the data", func(c *data.Chart) bool { return c.Filter.From == 2031*12 })
	if !c.Empty() {
		t.Errorf("chart for 2031 is not empty: %+v", c)
	}
	do(func() {
		if h.u.win.Canvas().Overlays().Top() != nil {
			t.Error("a dialog interrupted the user for a chart with no incidents")
		}
	})
}
