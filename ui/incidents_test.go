package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

func TestIncidentsTableSortsAndShowsSources(t *testing.T) {
	h := newHarness(t, nil)
	deaths, err := h.store().CountIncidents(context.Background(), data.IncidentQuery{Filter: data.Filter{Family: data.Deaths}})
	if err != nil {
		t.Fatal(err)
	}
	do(func() { h.u.tabs.SelectIndex(1) })
	h.waitFor("the deaths in the table", func() bool { return h.u.incidents.rows == deaths })

	do(func() { h.u.incidents.sortBy("count") })
	do(func() { h.u.incidents.sortBy("count") })
	h.waitFor("the first page sorted by count", func() bool {
		v := h.u.incidents
		return v.query.Sort == data.Sort{Column: "count", Desc: true} && len(v.pages.pages[0]) > 0
	})
	var first data.Incident
	do(func() {
		rows := h.u.incidents.pages.pages[0]
		first = rows[0]
		for _, r := range rows[1:] {
			if r.Count != nil && first.Count != nil && *r.Count > *first.Count {
				t.Errorf("row with count %d comes after count %d in descending order", *r.Count, *first.Count)
			}
		}
		h.u.incidents.table.Select(widget.TableCellID{Row: 0, Col: 0})
	})
	full, err := h.store().Incident(context.Background(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	h.waitText("1. " + full.Sources[0].Citation())

	do(func() { h.u.incidents.matchOnly.SetChecked(false) })
	total := h.stats().Incidents
	h.waitFor("every incident in the table", func() bool { return h.u.incidents.rows == total })
}

func TestDeleteAsksFirst(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	do(func() { h.u.tabs.SelectIndex(1) })
	h.waitFor("the first page", func() bool { return len(h.u.incidents.pages.pages[0]) > 0 })
	do(func() { h.u.incidents.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	h.waitFor("the details", func() bool { return !h.u.incidents.details.del.Disabled() })
	do(func() { h.u.incidents.details.confirmDelete() })
	h.waitText("This cannot be undone.")
	if after := h.stats(); after.Incidents != before.Incidents {
		t.Fatal("the incident was deleted before the user confirmed")
	}
	do(func() { h.u.deleteIncident(h.u.incidents.details.inc) })
	h.waitFor("the deletion", func() bool { return h.u.incidents.details.inc == nil })
	if after := h.stats(); after.Incidents != before.Incidents-1 {
		t.Errorf("%d incidents after deleting one of %d", after.Incidents, before.Incidents)
	}
}
