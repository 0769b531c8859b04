package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
)

// TestEditorReadsDatesAsPeopleWriteThem saves an incident dated
// "15.03.2023" with a source of "июнь 2023": both are stored in the
// canonical form, and the status bar says how the date was read.
func TestEditorReadsDatesAsPeopleWriteThem(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("15.03.2023")
		e.area.SetSelected(data.KG.Name())
		e.kind.SetSelected("Death")
		e.count.SetText("2")
		e.summary.SetText("Two men from Osh were buried")
		e.src.setMode(newSource)
		e.src.outlet.SetText("Test Outlet")
		e.src.date.SetText("июнь 2023")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	h.waitText(`the date "15.03.2023" is stored as 2023-03-15`)
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{
		Filter: data.Filter{Areas: []data.Area{data.KG}}, Sort: data.Sort{Column: "date", Desc: true}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range list {
		if inc.Summary != "Two men from Osh were buried" {
			continue
		}
		full, err := h.store().Incident(context.Background(), inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Date.String() != "2023-03-15" || len(full.Sources) != 1 || full.Sources[0].Published.String() != "2023-06" {
			t.Errorf("saved %s with source dated %v", full.Date, full.Sources)
		}
		return
	}
	t.Fatal("the saved incident is not in the database")
}

// TestEditorRefusesAnAmbiguousDate shows the accepted forms under the date
// when it is written with slashes.
func TestEditorRefusesAnAmbiguousDate(t *testing.T) {
	h := newHarness(t, nil)
	var msg string
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("03/04/2023")
		_, p := e.read()
		msg = p["date"]
	})
	if !strings.Contains(msg, "ambiguous") || !strings.Contains(msg, "15.03.2023") {
		t.Errorf("date problem = %q, want it to say the date is ambiguous and list the forms", msg)
	}
}

// TestImportSaysHowDatesWereStored imports a file with a date written
// "15.03.2023": the import's result says how it was stored, in English
// and in Russian.
func TestImportSaysHowDatesWereStored(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", `1 date(s) written in another form were stored as YYYY-MM-DD (row 2: "15.03.2023" is 2023-03-15).`},
		{"ru", `Даты, записанные в другой форме (1), сохранены как ГГГГ-ММ-ДД (строка 2: «15.03.2023» — это 2023-03-15).`},
	} {
		t.Run(c.lang, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Preferences().SetString(prefLanguage, c.lang)
			h := newHarness(t, a)
			path := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet\nkg-d,15.03.2023,KG,death,1,s,Kloop\n")
			do(func() { h.u.importFile(path) })
			h.waitText(c.want)
		})
	}
}

// TestEditorGoesToEachProblemInTurn saves a form with four problems (a
// bad date, count and summary, and no source): "Go to the next problem"
// focuses each in the form's order, then starts again.
func TestEditorGoesToEachProblemInTurn(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("31.02.2023")
		e.count.SetText("lots")
		e.summary.SetText("")
		test.Tap(e.save)
		if !e.next.Visible() {
			t.Fatal("no way to go to the problems")
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
}

// TestOneSaveAddsSeveralSources types one source, adds it, picks the form
// clean, types a second and saves: the incident has both.
func TestOneSaveAddsSeveralSources(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("2023-03-15")
		e.area.SetSelected(data.KG.Name())
		e.kind.SetSelected("Death")
		e.count.SetText("1")
		e.summary.SetText("A man from Osh was buried")
		e.src.setMode(newSource)
		test.Tap(e.src.another) // nothing typed yet: a message, nothing added
		if len(e.src.kept) != 0 || !e.errs["source"].Visible() {
			t.Errorf("an empty source was added (%d kept)", len(e.src.kept))
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
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{
		Filter: data.Filter{Areas: []data.Area{data.KG}}, Sort: data.Sort{Column: "date", Desc: true}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range list {
		if inc.Summary == "A man from Osh was buried" {
			full, err := h.store().Incident(context.Background(), inc.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Sources) != 2 || full.Sources[0].CitedAs != "Radio Azattyk" {
				t.Errorf("sources = %+v, want Kloop (citing Radio Azattyk) and Azattyk", full.Sources)
			}
			return
		}
	}
	t.Fatal("the saved incident is not in the database")
}
