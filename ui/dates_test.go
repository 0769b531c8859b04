package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// typedDates are dates as a user of each language writes them: an
// incident's day, 2023-03-15, and a source's month, 2023-06.
var typedDates = map[i18n.Language]struct{ day, month string }{
	i18n.English: {"15.03.2023", "June 2023"},
	i18n.Russian: {"15 марта 2023", "июнь 2023"},
}

// TestEditorReadsDatesAsPeopleWriteThem saves, in each language, an
// incident dated as its users write dates ("15.03.2023", "15 марта 2023")
// with a source of "June 2023" or "июнь 2023": both are stored in the
// canonical form, and the status bar says in the language how the date
// was read.
func TestEditorReadsDatesAsPeopleWriteThem(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		typed := typedDates[l]
		var ref string
		do(func() {
			e := h.u.editIncident(nil)
			ref = e.ref.Text
			e.date.SetText(typed.day)
			e.area.SetSelected(l.Area(data.KG))
			e.kind.SetSelected(l.Kind(data.Death))
			e.count.SetText("2")
			e.summary.SetText("Two men from Osh were buried")
			e.src.setMode(newSource)
			e.src.outlet.SetText("Test Outlet")
			e.src.date.SetText(typed.month)
			test.Tap(e.save)
		})
		h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
		h.waitText(l.T("status.savedIncidentDate", ref, typed.day, "2023-03-15"))
		full := h.incidentByRef(ref)
		if full == nil {
			t.Fatal("the saved incident is not in the database")
		}
		if full.Date.String() != "2023-03-15" || full.Area != data.KG || full.Kind != data.Death ||
			len(full.Sources) != 1 || full.Sources[0].Published.String() != "2023-06" {
			t.Errorf("saved %s %s %s with source dated %v", full.Date, full.Area, full.Kind, full.Sources)
		}
	})
}

// TestEditorRefusesAnAmbiguousDate says in each language, under a date
// written with slashes, that it is ambiguous and which forms are
// accepted; a source's date gets the same message. A day its month does
// not have, a year out of range and text that is no date are explained in
// the language as well.
func TestEditorRefusesAnAmbiguousDate(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		want := l.T("editor.msg.dateAmbiguous", "03/04/2023")
		do(func() {
			e := h.u.editIncident(nil)
			e.date.SetText("03/04/2023")
			e.src.setMode(newSource)
			e.src.outlet.SetText("Test Outlet")
			e.src.date.SetText("03/04/2023")
			_, p := e.read()
			if p["date"] != want {
				t.Errorf("date problem = %q, want %q", p["date"], want)
			}
			if p["source_date"] != want {
				t.Errorf("source date problem = %q, want %q", p["source_date"], want)
			}
			// Other refusals say why in the language too.
			for typed, want := range map[string]string{
				"31.02.2023": l.T("editor.msg.dateUnread", "31.02.2023"),
				"2023-02-30": l.N("editor.msg.dateDays", 28, "2023-02-30", 28),
				"1850-03":    l.T("editor.msg.dateYear", "1850-03"),
			} {
				e.date.SetText(typed)
				if _, p = e.read(); p["date"] != want {
					t.Errorf("problem of %s = %q, want %q", typed, p["date"], want)
				}
			}
		})
	})
}

// TestImportSaysHowDatesWereStored imports, in each language, a file with
// a date written as its users write dates ("15.03.2023", "15 марта
// 2023"): its preview and its result say in the language how it was
// stored, and it is stored so.
func TestImportSaysHowDatesWereStored(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			day := typedDates[l].day
			path := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet\nkg-d,"+day+",KG,death,1,s,Kloop\n")
			note := l.T("import.dates", 1, 2, day, "2023-03-15")
			do(func() { h.u.importFile(path) })
			h.waitText(note) // in the preview
			h.tap(l.T("import.confirm"))
			h.waitText(l.T("import.finished"))
			h.waitText(note)
			if got := h.incidentByRef("kg-d"); got == nil || got.Date.String() != "2023-03-15" {
				t.Errorf("imported %+v", got)
			}
		})
	}
}

// TestEditorGoesToEachProblemInTurn saves, in each language, a form with
// four problems (a bad date, count and summary, and no source): each
// field says its problem in the language, the status counts them in
// full, and
// "Go to the next problem" focuses each in the form's order, then starts
// again.
func TestEditorGoesToEachProblemInTurn(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		do(func() {
			e := h.u.editIncident(nil)
			e.date.SetText("31.02.2023")
			e.count.SetText("lots")
			e.summary.SetText("")
			test.Tap(e.save)
			if !e.next.Visible() || e.next.Text != l.T("editor.nextProblem") {
				t.Fatalf("no way to go to the problems (%q)", e.next.Text)
			}
			if want := l.N("editor.toFix", 4, 4); e.status.Text != want {
				t.Errorf("status %q, want %q", e.status.Text, want)
			}
			// Beside the next-problem button the status is not cut short.
			relayout(h)
			if need, have := widget.NewLabel(e.status.Text).MinSize().Width, e.status.Size().Width; need > have {
				t.Errorf("the status %q needs %.0f, has %.0f", e.status.Text, need, have)
			}
			for field, want := range map[string]string{
				"date": l.T("editor.msg.dateUnread", "31.02.2023"), "count": l.T(msgCount),
				"summary": l.T(msgSummary), "source": l.T(msgNoSource),
			} {
				if got := e.errs[field]; !got.Visible() || got.Text != want {
					t.Errorf("the %s says %q (shown %v), want %q", field, got.Text, got.Visible(), want)
				}
			}
			var got []fyne.Focusable
			for range 5 {
				test.Tap(e.next)
				got = append(got, h.u.win.Canvas().Focused())
			}
			e.src.setMode(newSource)
			want := []fyne.Focusable{e.date, e.count, e.summary, e.src.outlet, e.date}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("step %d focused %T %p, want %T %p", i+1, got[i], got[i], want[i], want[i])
				}
			}
		})
	})
}

// relayout lays the window and its dialogs out again, as the real driver
// does when what they show changes size; the test driver does it when the
// window is resized.
func relayout(h *harness) {
	size := h.u.win.Canvas().Size()
	h.u.win.Resize(size.AddWidthHeight(1, 1))
	h.u.win.Resize(size)
}

// TestOneSaveAddsSeveralSources types, in each language, one source, adds
// it with the button that says so in the language, picks the form clean,
// types a second and saves: the incident has both. Adding with nothing
// typed says in the language to fill the source in first.
func TestOneSaveAddsSeveralSources(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		var ref string
		do(func() {
			e := h.u.editIncident(nil)
			ref = e.ref.Text
			e.date.SetText("2023-03-15")
			e.area.SetSelected(l.Area(data.KG))
			e.kind.SetSelected(l.Kind(data.Death))
			e.count.SetText("1")
			e.summary.SetText("A man from Osh was buried")
			e.src.setMode(newSource)
			if e.src.another.Text != l.T("source.addAnother") {
				t.Errorf("the button says %q", e.src.another.Text)
			}
			test.Tap(e.src.another) // nothing typed yet: a message, nothing added
			if msg := e.errs["source"]; len(e.src.kept) != 0 || !msg.Visible() || msg.Text != l.T("source.fillFirst") {
				t.Errorf("an empty source: %d kept, message %q", len(e.src.kept), msg.Text)
			}
			e.src.outlet.SetText("Kloop")
			e.src.title.SetText("Burials in Osh")
			e.src.cited.SetText("Radio Azattyk")
			test.Tap(e.src.another)
			if len(e.src.kept) != 1 || e.src.outlet.Text != "" || e.src.cited.Text != "" {
				t.Fatalf("after adding: %d kept, outlet %q", len(e.src.kept), e.src.outlet.Text)
			}
			e.src.outlet.SetText("Azattyk")
			e.src.title.SetText("Another report")
			test.Tap(e.save)
		})
		h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
		h.waitText(l.T("status.savedIncident", ref, l.Area(data.KG), "2023-03-15"))
		full := h.incidentByRef(ref)
		if full == nil {
			t.Fatal("the saved incident is not in the database")
		}
		if len(full.Sources) != 2 || full.Sources[0].CitedAs != "Radio Azattyk" {
			t.Errorf("sources = %+v, want Kloop (citing Radio Azattyk) and Azattyk", full.Sources)
		}
	})
}
