package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
)

func TestEditorRejectsBadInput(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	var e *editor
	do(func() {
		e = h.u.editIncident(nil)
		e.date.SetText("2023-02-30")
		e.kind.SetSelected("Death")
		e.count.SetText("-4")
		e.channel.SetText("prison") // typed in before the kind changed
		e.summary.SetText("A test death")
		e.src.setMode(newSource)
		test.Tap(e.save)
	})
	do(func() {
		if !e.channel.Disabled() {
			t.Error("the channel is enabled for a death")
		}
		for field, want := range map[string]string{
			"date":    i18n.English.N("editor.msg.dateDays", 28, "2023-02-30", 28),
			"count":   i18n.English.T(msgCount),
			"channel": i18n.English.T(msgNoChannel),
			"source":  i18n.English.T(msgNoSource),
		} {
			if l := e.errs[field]; !l.Visible() || !strings.Contains(l.Text, want) {
				t.Errorf("%s: message %q (shown %v), want %q", field, l.Text, l.Visible(), want)
			}
		}
		for _, field := range []string{"ref", "area", "kind", "summary"} {
			if l := e.errs[field]; l.Visible() {
				t.Errorf("%s: unexpected message %q", field, l.Text)
			}
		}
		// Fixing a field clears its message at once.
		e.count.SetText("4")
		if e.errs["count"].Visible() {
			t.Error("the count message stayed after the count was fixed")
		}
		if top := h.u.win.Canvas().Overlays().Top(); top == nil {
			t.Error("the editor closed although the input was invalid")
		}
	})
	if after := h.stats(); after.Incidents != before.Incidents {
		t.Errorf("invalid input was saved: %d incidents, was %d", after.Incidents, before.Incidents)
	}
}

func TestEditorEnablesStageAndChannelByKind(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		e := h.u.editIncident(nil)
		e.kind.SetSelected("Recruitment")
		if e.channel.Disabled() || !e.stage.Disabled() {
			t.Error("recruitment: want the channel enabled and the stage disabled")
		}
		e.channel.SetText("Social-media job ads")
		e.kind.SetSelected("Prosecution")
		if !e.channel.Disabled() || e.stage.Disabled() || e.channel.Text != "" {
			t.Errorf("prosecution: want the stage enabled and the channel disabled and clear, channel = %q", e.channel.Text)
		}
		test.Tap(e.save)
		if l := e.errs["stage"]; !l.Visible() || l.Text != i18n.English.T(msgStage) {
			t.Errorf("stage message = %q, want %q", l.Text, i18n.English.T(msgStage))
		}
	})
}

func TestEditorSavesGoodInput(t *testing.T) {
	h := newHarness(t, nil)
	before := h.stats()
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("2023-02-14")
		e.area.SetSelected(data.TJ.Name())
		e.kind.SetSelected("Recruitment")
		e.channel.SetText("Social-media job ads")
		e.count.SetText("")
		e.summary.SetText("Job ads promising construction work led to army contracts")
		e.src.setMode(newSource)
		e.src.outlet.SetText("Test Outlet")
		e.src.title.SetText("A test article")
		e.src.date.SetText("2023-02-20")
		e.src.cited.SetText("Radio Ozodi, 2023-02-19")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	if after := h.stats(); after.Incidents != before.Incidents+1 {
		t.Fatalf("%d incidents after saving, want %d", after.Incidents, before.Incidents+1)
	}
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{
		Filter: data.Filter{Areas: []data.Area{data.TJ}}, Sort: data.Sort{Column: "date", Desc: true}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var saved *data.Incident
	for i := range list {
		if list[i].Ref == "user-2025-03-01-120000" {
			saved, err = h.store().Incident(context.Background(), list[i].ID)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if saved == nil {
		t.Fatal("the saved incident is not in the database")
	}
	if saved.Kind != data.Recruitment || saved.Channel != "social_media_ads" || saved.Count != nil ||
		saved.Date.String() != "2023-02-14" || len(saved.Sources) != 1 ||
		saved.Sources[0].Outlet != "Test Outlet" || saved.Sources[0].CitedAs != "Radio Ozodi, 2023-02-19" {
		t.Errorf("saved incident = %+v", saved)
	}
	h.waitText("Saved user-2025-03-01-120000")
}

func TestEditingAnIncidentKeepsItsSources(t *testing.T) {
	h := newHarness(t, nil)
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{Filter: data.Filter{Family: data.Deaths}, Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatalf("no death to edit: %v", err)
	}
	before, err := h.store().Incident(context.Background(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	do(func() {
		e := h.u.editIncident(before)
		if e.ref.Text != before.Ref || e.summary.Text != before.Summary || len(e.src.kept) != len(before.Sources) {
			t.Errorf("the editor shows ref %q, summary %q and %d sources; want %q, %q and %d",
				e.ref.Text, e.summary.Text, len(e.src.kept), before.Ref, before.Summary, len(before.Sources))
		}
		e.count.SetText("99")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	after, err := h.store().Incident(context.Background(), before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Count == nil || *after.Count != 99 || len(after.Sources) != len(before.Sources) || after.Ref != before.Ref {
		t.Errorf("after editing: count %v, %d sources, ref %s; want 99, %d, %s",
			after.Count, len(after.Sources), after.Ref, len(before.Sources), before.Ref)
	}
}

// TestEditorRefusesWhatImportRefuses: the editor refuses each impossible
// value an import refuses, under the field of the CSV column, in the
// words of the import's message.
func TestEditorRefusesWhatImportRefuses(t *testing.T) {
	h := newHarness(t, nil)
	const head = "ref,date,area,kind,count,basis,summary,source_outlet,source_title,source_date\n"
	kept := &data.Incident{Ref: "kept", Date: data.Date{Year: 2023, Month: 3, Day: 15}, Area: data.TJ, Kind: data.Death,
		Summary: "s", Sources: []data.Source{{Outlet: "O", Title: "T", Published: data.Date{Year: 2023, Month: 3, Day: 20}}}}
	tests := []struct {
		name, row, column string
		orig              *data.Incident
		edit              func(e *editor)
	}{
		{"future date", "x,2099-01-01,TJ,death,3,,s,O,T,2099-01-02", "date", nil,
			func(e *editor) { e.date.SetText("2099-01-01"); e.src.date.SetText("2099-01-02") }},
		{"count above the limit", "x,2023-03-15,TJ,death,10000001,,s,O,T,2023-03-20", "count", nil,
			func(e *editor) { e.count.SetText("10000001") }},
		{"total without a count", "x,2023-03-15,TJ,death,,total,s,O,T,2023-03-20", "count", nil,
			func(e *editor) { e.count.SetText(""); e.basis.SetSelectedIndex(slices.Index(data.Bases, data.Total)) }},
		{"RU death", "x,2023-03-15,RU,death,3,,s,O,T,2023-03-20", "area", nil,
			func(e *editor) { e.area.SetSelectedIndex(slices.Index(data.Areas, data.RU)) }},
		{"source before the incident", "x,2023-03-15,TJ,death,3,,s,O,T,2022-02", "source_date", nil,
			func(e *editor) { e.src.date.SetText("2022-02") }},
		{"repeated source", "x,2023-03-15,TJ,death,3,,s,O | O,T | T,2023-03-20 | 2023-03-20", "source_outlet", kept,
			func(e *editor) {}},
	}
	for _, tt := range tests {
		r, err := csvio.NewReader(strings.NewReader(head+tt.row+"\n"), "in.csv")
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Next()
		var re *data.RowError
		if !errors.As(err, &re) || re.Column != tt.column {
			t.Fatalf("%s: the import finds %v, want a problem in %s", tt.name, err, tt.column)
		}
		want := i18n.English.T(msgInvalid, sentence(re.Message))
		do(func() {
			e := h.u.editIncident(tt.orig)
			fillDeath(e)
			e.src.title.SetText("T")
			e.src.date.SetText("2023-03-20")
			tt.edit(e)
			test.Tap(e.save)
			if l := e.errs[fieldOf(tt.column)]; !l.Visible() || l.Text != want {
				t.Errorf("%s: message %q (shown %v), want %q", tt.name, l.Text, l.Visible(), want)
			}
			e.dlg.Hide()
		})
	}

	// A problem the form finds itself hides none of the rules.
	do(func() {
		e := h.u.editIncident(nil)
		e.date.SetText("2023-03-15")
		e.area.SetSelectedIndex(slices.Index(data.Areas, data.RU))
		e.kind.SetSelectedIndex(slices.Index(data.Kinds, data.Death))
		e.count.SetText("20000000")
		e.src.setMode(newSource)
		e.src.outlet.SetText("O")
		test.Tap(e.save)
		for _, f := range []string{"summary", "area", "count"} {
			if !e.errs[f].Visible() {
				t.Errorf("no message under %s", f)
			}
		}
		e.dlg.Hide()
	})
}

// fillDeath fills e's form with a valid incident: three deaths in
// Tajikistan on 15 March 2023, reported by a new source of outlet "O".
func fillDeath(e *editor) {
	e.date.SetText("2023-03-15")
	e.area.SetSelectedIndex(slices.Index(data.Areas, data.TJ))
	e.kind.SetSelectedIndex(slices.Index(data.Kinds, data.Death))
	e.count.SetText("3")
	e.summary.SetText("s")
	e.src.setMode(newSource)
	e.src.outlet.SetText("O")
}
