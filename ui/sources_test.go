package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

func TestSourcesTabPagesAndSearchesInTheDatabase(t *testing.T) {
	h := newHarness(t, nil)
	total := h.stats().Sources
	first, err := h.store().ListSources(context.Background(), data.SourceQuery{Limit: 1})
	if err != nil || len(first.Sources) != 1 {
		t.Fatalf("the first source: %v", err)
	}
	do(func() { h.u.tabs.SelectIndex(2) })
	h.waitFor("the count of sources", func() bool { return h.u.sources.total.Text == count(i18n.English, "count.sources", total) })
	do(func() {
		v := h.u.sources
		if v.rows != total {
			t.Errorf("the table has %d rows, want %d", v.rows, total)
		}
		if s := v.pages.row(0); s == nil || s.ID != first.Sources[0].ID {
			t.Errorf("row 0 = %+v, want %+v", s, first.Sources[0])
		}
	})

	// A word of the first source's title that some other sources lack,
	// in upper case and with spaces around it, finds the sources the
	// store finds.
	var search string
	var want data.SourcePage
	for _, word := range strings.Fields(first.Sources[0].Title) {
		search = "  " + strings.ToUpper(word) + " "
		if want, err = h.store().ListSources(context.Background(), data.SourceQuery{Search: search, Limit: pageSize}); err != nil {
			t.Fatal(err)
		}
		if want.Matched < total {
			break
		}
	}
	if want.Matched == 0 || want.Matched == total {
		t.Fatalf("the search %q matches %d sources of %d; the test needs some but not all", search, want.Matched, total)
	}
	do(func() { h.u.sources.search.SetText(search) })
	l := i18n.English
	h.waitText(l.T("sources.shownOf", l.Number(want.Matched), count(l, "count.sources", total)))
	do(func() {
		v := h.u.sources
		if v.rows != want.Matched {
			t.Errorf("the table has %d rows, want %d", v.rows, want.Matched)
		}
		for i, s := range want.Sources {
			if got := v.pages.row(i); got == nil || got.ID != s.ID {
				t.Fatalf("row %d = %+v, want %+v", i, got, s)
			}
		}
		v.table.Select(widget.TableCellID{Row: 0, Col: 0})
	})
	h.waitText(count(l, "sources.citingButton", want.Sources[0].Incidents))
	do(func() {
		// The citation is said once, and how many incidents cite the
		// source once, on the button below it.
		if got, cite := h.u.sources.cite.Text, want.Sources[0].Citation(); got != cite {
			t.Errorf("the selected source reads %q, want its citation %q", got, cite)
		}
	})

	// Clearing the search lists every source again, and the citation of
	// the source selected before gives way to the hint.
	do(func() { h.u.sources.search.SetText("") })
	h.waitFor("every source", func() bool {
		return h.u.sources.rows == total && h.u.sources.total.Text == count(l, "count.sources", total)
	})
	do(func() {
		if got := h.u.sources.cite.Text; got != l.T("sources.selectHint") {
			t.Errorf("after a new search the citation line says %q, want the hint", got)
		}
	})
}

func TestAboutListsTheOutlets(t *testing.T) {
	h := newHarness(t, nil)
	outlets, err := h.store().Outlets(context.Background())
	if err != nil || len(outlets) < 2 {
		t.Fatalf("outlets %q, %v; the test needs two or more", outlets, err)
	}
	do(h.u.showAbout)
	h.waitText(outlets[0] + ", " + outlets[1] + ", ")
}

func TestEditorPicksAnExistingSource(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	var e *editor
	do(func() {
		e = h.u.editIncident(nil)
		e.date.SetText("2023-02-14")
		e.summary.SetText("A death reported by a source already in the database")
		e.src.setMode(pickSource)
	})
	// Before anything is typed the picker lists the first sources.
	h.waitFor("the first sources in the picker", func() bool { return len(e.src.found) > 0 })
	do(func() {
		if len(e.src.found) > pickLimit {
			t.Errorf("the picker lists %d sources, more than %d", len(e.src.found), pickLimit)
		}
		if want := i18n.English.T("source.found", count(i18n.English, "count.sources", before.Sources)); e.src.note.Text != want {
			t.Errorf("the picker's note says %q, want %q", e.src.note.Text, want)
		}
	})

	// The last source, found by its title in upper case.
	all, err := h.store().ListSources(context.Background(), data.SourceQuery{Offset: before.Sources - 1, Limit: 1})
	if err != nil || len(all.Sources) == 0 {
		t.Fatalf("no source to pick: %v", err)
	}
	target := all.Sources[0].Source
	search := data.NewSourceSearch(target.Title)
	do(func() { e.src.find.SetText(strings.ToUpper(target.Title)) })
	at := -1
	h.waitFor("the sources that match the title typed", func() bool {
		at = -1
		for i, s := range e.src.found {
			if !search.Match(s.Outlet + "\n" + s.Title + "\n" + s.Author) {
				return false
			}
			if s.ID == target.ID {
				at = i
			}
		}
		return at >= 0
	})
	do(func() {
		e.src.matches.Select(at)
		if want := i18n.English.T("source.chosen", target.Citation()); e.src.chosen.Text != want {
			t.Errorf("the picker says %q, want %q", e.src.chosen.Text, want)
		}
		e.src.cited.SetText("Radio Ozodi")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	if after := h.stats(); after.Incidents != before.Incidents+1 || after.Sources != before.Sources {
		t.Fatalf("%d incidents and %d sources after saving, want %d and %d",
			after.Incidents, after.Sources, before.Incidents+1, before.Sources)
	}
	page, err := h.store().ListSources(context.Background(), data.SourceQuery{Search: target.Title, Limit: pickLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Sources {
		if s.ID == target.ID && s.Incidents != all.Sources[0].Incidents+1 {
			t.Errorf("the picked source is cited by %d incidents, want %d", s.Incidents, all.Sources[0].Incidents+1)
		}
	}
}

func TestEditorPickerSaysWhenNothingMatches(t *testing.T) {
	h := newHarness(t, nil)
	var e *editor
	do(func() {
		e = h.u.editIncident(nil)
		e.src.setMode(pickSource)
		e.src.find.SetText("no source has this text")
	})
	h.waitFor("the note", func() bool { return e.src.note.Text == i18n.English.T("source.noMatch") })
	do(func() {
		if len(e.src.found) != 0 {
			t.Errorf("the picker lists %d sources", len(e.src.found))
		}
	})
}
