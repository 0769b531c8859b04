package ui

import (
	"context"
	"strings"
	"testing"

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
