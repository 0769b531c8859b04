package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/i18n"
)

// TestShowEventsToggle: the bundled dataset's deaths chart marks its
// policies and warnings; unticking Show events draws it without them,
// and the choice is remembered for the next start.
func TestShowEventsToggle(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarness(t, a)
	do(func() {
		c := h.u.chart.Chart()
		if !h.u.filters.events.Checked || c.Filter.NoEvents || len(c.Events) == 0 {
			t.Errorf("first chart: Show events ticked %v, %d events; want ticked and the bundled events",
				h.u.filters.events.Checked, len(c.Events))
		}
		test.Tap(h.u.filters.events)
	})
	h.waitChart("the chart without events", func(c *data.Chart) bool { return c.Filter.NoEvents && len(c.Events) == 0 })

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
		if u2.filters.events.Checked || !u2.chart.Chart().Filter.NoEvents {
			t.Errorf("after a restart Show events is ticked %v, the chart's NoEvents %v; want the choice kept",
				u2.filters.events.Checked, u2.chart.Chart().Filter.NoEvents)
		}
	})
	do(func() { test.Tap(h.u.filters.events) })
	h.waitChart("the chart with events again", func(c *data.Chart) bool { return !c.Filter.NoEvents && len(c.Events) > 0 })
}

// TestEditorHeadline: the editor saves a policy's headline, refuses one
// too long in plain words, and shows a saved headline when editing.
func TestEditorHeadline(t *testing.T) {
	h := newHarness(t, nil)
	var e *editor
	do(func() {
		e = h.u.editIncident(nil)
		e.date.SetText("2023-02-14")
		e.area.SetSelected(h.u.lang.Area(data.RU))
		e.kind.SetSelected("Policy")
		e.summary.SetText("A test decree")
		e.headline.SetText(strings.Repeat("Long headline ", 5))
		e.src.setMode(newSource)
		e.src.outlet.SetText("Test Outlet")
		test.Tap(e.save)
	})
	do(func() {
		want := i18n.English.T(msgHeadline, data.MaxHeadlineLen, 69)
		if l := e.errs["headline"]; !l.Visible() || l.Text != want {
			t.Errorf("headline message %q (shown %v), want %q", l.Text, l.Visible(), want)
		}
		e.headline.SetText("Test decree\non two lines")
		if e.errs["headline"].Visible() {
			t.Error("the headline message stayed after the headline was shortened")
		}
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{
		Filter: data.Filter{Areas: []data.Area{data.RU}}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var saved *data.Incident
	for i := range list {
		if list[i].Summary == "A test decree" {
			saved = &list[i]
		}
	}
	if saved == nil || saved.Headline != "Test decree on two lines" {
		t.Fatalf("saved incident %+v, want the headline on one line", saved)
	}
	full, err := h.store().Incident(context.Background(), saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	do(func() {
		e2 := h.u.editIncident(full)
		defer e2.dlg.Hide()
		if e2.headline.Text != "Test decree on two lines" {
			t.Errorf("editing shows the headline %q", e2.headline.Text)
		}
	})
}
