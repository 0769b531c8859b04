package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// TestSelectedRowShowsItsSummaryInFull selects, in each language, a row
// of the Incidents table: it grows to the wrapped summary and its summary
// cell wraps, its other cells and the details pane speak the language;
// the next selection gives it back its one-line height, and the details
// pane starts at its top.
func TestSelectedRowShowsItsSummaryInFull(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		deaths, err := h.store().CountIncidents(context.Background(), data.IncidentQuery{Filter: data.Filter{Family: data.Deaths}})
		if err != nil {
			t.Fatal(err)
		}
		do(func() { h.u.tabs.SelectIndex(1) })
		h.waitFor("the deaths in the table", func() bool { return h.u.incidents.rows == deaths && len(h.u.incidents.pages.pages[0]) > 1 })
		one := widget.NewLabel("").MinSize().Height
		var first *data.Incident
		do(func() {
			v := h.u.incidents
			first = v.pages.row(0)
			v.table.Select(widget.TableCellID{Row: 0, Col: 0})
			if v.selected != 0 {
				t.Fatalf("selected row %d", v.selected)
			}
			if got := summaryHeight(first.Summary, v.summaryWidth()); got <= one {
				t.Errorf("the first summary wraps to %.0f, no taller than one line (%.0f)", got, one)
			}
			cell := widget.NewLabel("")
			for i, c := range incidentColumns {
				head := widget.NewButton("", nil)
				v.updateHeader(widget.TableCellID{Col: i}, head)
				if !strings.HasPrefix(head.Text, l.T("column."+c.sort)) {
					t.Errorf("the header of %s says %q", c.sort, head.Text)
				}
				if c.sort == "kind" {
					v.updateCell(widget.TableCellID{Row: 0, Col: i}, cell)
					if cell.Text != l.Kind(first.Kind) {
						t.Errorf("the selected row's kind says %q, want %q", cell.Text, l.Kind(first.Kind))
					}
				}
			}
			v.updateCell(widget.TableCellID{Row: 0, Col: len(incidentColumns) - 1}, cell)
			if cell.Wrapping != fyne.TextWrapWord || cell.Text != first.Summary {
				t.Errorf("the selected summary cell does not wrap the whole summary: %q", cell.Text)
			}
			v.updateCell(widget.TableCellID{Row: 1, Col: len(incidentColumns) - 1}, cell)
			if cell.Wrapping != fyne.TextWrapOff || cell.Truncation != fyne.TextTruncateEllipsis {
				t.Error("another row's summary is not one line")
			}
		})
		// The details pane names the incident and its fields in the language.
		h.waitText(fmt.Sprintf("%s · %s · %s", l.Kind(first.Kind), l.Area(first.Area), first.Date))
		h.waitText(l.T("field.summary"))
		do(func() {
			v := h.u.incidents
			v.details.scroll.Offset.Y = 200
			v.table.Select(widget.TableCellID{Row: 1, Col: 0})
			if v.selected != 1 {
				t.Errorf("selected row %d after selecting the second", v.selected)
			}
		})
		h.waitFor("the details to start at the top", func() bool { return h.u.incidents.details.scroll.Offset.Y == 0 })
	})
}

// TestRussianHeadersAreNotClipped checks that every column of the
// Incidents table is at least as wide as its Russian header with the sort
// arrow.
func TestRussianHeadersAreNotClipped(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "ru")
	h := newHarness(t, a)
	do(func() {
		for i, c := range incidentColumns {
			head := widget.NewButton(h.u.lang.T("column."+c.sort)+" ▼", nil)
			if got := h.u.incidents.widths[i]; got < head.MinSize().Width {
				t.Errorf("column %s is %.0f wide, its Russian header needs %.0f", c.sort, got, head.MinSize().Width)
			}
		}
	})
}
