package ui

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/i18n"
)

func TestSeriesByGroupAndOneGroupMakeTheFilterAndAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarness(t, a)
	p := h.u.filters
	do(func() {
		if p.by.Disabled() || p.group.Disabled() {
			t.Error("the series and group choices are disabled on the deaths chart")
		}
		if p.by.Selected != "By country" || p.group.Selected != "All groups" {
			t.Errorf("first choices %q and %q, want By country and All groups", p.by.Selected, p.group.Selected)
		}
		p.by.SetSelected("By group of people")
		p.group.SetSelected("Prisoners")
	})
	want := data.Filter{Family: data.Deaths, Period: data.PerMonth, By: data.ByGroup, Group: data.Prisoners}
	h.waitChart("deaths of prisoners by group", func(c *data.Chart) bool {
		return c.Filter.By == data.ByGroup && c.Filter.Group == data.Prisoners
	})
	do(func() {
		if !reflect.DeepEqual(h.u.filter, want) {
			t.Errorf("filter = %+v, want %+v", h.u.filter, want)
		}
		if s := suggestedName(h.u.filter, 0, 0, "png"); s != "deaths-per-month-all-prisoners-by-group.png" {
			t.Errorf("suggested file name %q", s)
		}
	})

	// A second start on the same preferences shows the same choices.
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
		if f := u2.chart.Chart().Filter; f.By != data.ByGroup || f.Group != data.Prisoners {
			t.Errorf("restored chart filter = %+v, want by group, prisoners", f)
		}
		if f, ok := u2.filters.filter(); !ok || !reflect.DeepEqual(f, want) {
			t.Errorf("restored panel reads %+v, want %+v", f, want)
		}
		if u2.filters.by.Selected != "By group of people" || u2.filters.group.Selected != "Prisoners" {
			t.Errorf("restored panel shows %q and %q", u2.filters.by.Selected, u2.filters.group.Selected)
		}
	})
}

func TestLatestStageIsOfferedForProsecutionsOnly(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarness(t, a)
	p := h.u.filters
	for _, f := range data.Families {
		do(func() {
			p.family.SetSelected(p.familyLabel(f))
			if got := p.latest.Visible(); got != (f == data.Prosecutions) {
				t.Errorf("%s: latest-stage choice shown = %v", f, got)
			}
			// Series by group for the families counted by the rules; one
			// group of people for those and for a map of deaths (its
			// default measure) or cases.
			series, group := f.Counted(), f.Counted() || f == data.Map
			if p.by.Disabled() == series || p.group.Disabled() == group {
				t.Errorf("%s: series choice enabled %v, group choice enabled %v; want %v and %v", f,
					!p.by.Disabled(), !p.group.Disabled(), series, group)
			}
		})
	}
	do(func() {
		p.family.SetSelected("Prosecutions")
		p.group.SetSelected("Migrants")
		p.stage.SetSelected("Sentence")
		test.Tap(p.latest)
		if !p.stage.Disabled() || !p.by.Disabled() {
			t.Error("the stage and series choices stay enabled for cases by latest stage")
		}
	})
	want := data.Filter{Family: data.Prosecutions, Period: data.PerMonth, By: data.ByArea, Group: data.Migrants,
		LatestStage: true}
	h.waitChart("cases by latest stage", func(c *data.Chart) bool { return c.Filter.LatestStage })
	do(func() {
		if !reflect.DeepEqual(h.u.filter, want) {
			t.Errorf("filter = %+v, want %+v", h.u.filter, want)
		}
		if s := suggestedName(h.u.filter, 0, 0, "csv"); s != "prosecutions-per-month-all-migrants-latest-stage.csv" {
			t.Errorf("suggested file name %q", s)
		}
		// The timeline has no groups: nothing of the choices reaches it.
		p.family.SetSelected("Recruitment timeline")
	})
	h.waitChart("the timeline", func(c *data.Chart) bool { return c.Filter.Family == data.Timeline })
	do(func() {
		if f := h.u.filter; f.LatestStage || f.Group != data.GroupUnstated || f.By != data.ByArea {
			t.Errorf("timeline filter = %+v, want no group and no latest stage", f)
		}
		p.family.SetSelected("Prosecutions")
	})
	h.waitChart("prosecutions again", func(c *data.Chart) bool { return c.Filter.Family == data.Prosecutions })

	// Cases by latest stage are remembered too.
	h2 := newHarness(t, a)
	do(func() {
		if f := h2.u.filter; !f.LatestStage || f.Family != data.Prosecutions || f.Group != data.Migrants {
			t.Errorf("restored filter = %+v", f)
		}
		if !h2.u.filters.latest.Checked || !h2.u.filters.latest.Visible() {
			t.Error("the restored panel does not show cases by latest stage")
		}
	})
}

func TestEditorSavesAGroupAndAnEstimate(t *testing.T) {
	h := newHarness(t, nil)
	estimate := basisLabel(i18n.English, data.Estimate)
	do(func() {
		e := h.u.editIncident(nil)
		if e.group.Selected != "Not stated" {
			t.Errorf("a new incident's group = %q, want Not stated", e.group.Selected)
		}
		if !slices.Contains(e.basis.Options, estimate) || !strings.Contains(estimate, "around") {
			t.Errorf("basis choices %q lack the estimate", e.basis.Options)
		}
		test.Type(e.date, "2023-02")
		e.area.SetSelected(data.TJ.Name())
		e.kind.SetSelected("Death")
		test.Type(e.count, "35")
		e.basis.SetSelected(estimate)
		e.group.SetSelected("Prisoners")
		test.Type(e.summary, "Around 35 Tajik prisoners killed, a rights group estimates")
		e.src.setMode(newSource)
		test.Type(e.src.outlet, "Test Outlet")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	saved := h.incident("user-2025-03-01-120000", data.TJ)
	if saved.Group != data.Prisoners || saved.Basis != data.Estimate || saved.Count == nil || *saved.Count != 35 {
		t.Fatalf("saved group %q, basis %q, count %v; want prisoners, estimate, 35", saved.Group, saved.Basis, saved.Count)
	}
	do(func() {
		h.u.tabs.SelectIndex(1)
		h.u.incidents.details.fill(saved)
	})
	h.waitText("About 35 (an estimate: not counted in confirmed figures)")
	h.waitText("Prisoners")
	do(func() {
		e := h.u.editIncident(saved)
		if e.group.Selected != "Prisoners" || e.basis.Selected != estimate {
			t.Errorf("editing shows group %q and basis %q", e.group.Selected, e.basis.Selected)
		}
		e.group.SetSelected("Not stated")
		test.Tap(e.save)
	})
	h.waitFor("the editor to close", func() bool { return h.u.win.Canvas().Overlays().Top() == nil })
	if again := h.incident("user-2025-03-01-120000", data.TJ); again.Group != data.GroupUnstated {
		t.Errorf("group after choosing Not stated = %q, want blank", again.Group)
	}
}

// incident reads the incident of area with the given ref, with its
// sources.
func (h *harness) incident(ref string, area data.Area) *data.Incident {
	h.t.Helper()
	list, err := h.store().Incidents(context.Background(), data.IncidentQuery{
		Filter: data.Filter{Areas: []data.Area{area}}, Sort: data.Sort{Column: "date", Desc: true}, Limit: 1000})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, inc := range list {
		if inc.Ref == ref {
			full, err := h.store().Incident(context.Background(), inc.ID)
			if err != nil {
				h.t.Fatal(err)
			}
			return full
		}
	}
	h.t.Fatalf("no incident %s in %s", ref, area)
	return nil
}

func TestGroupChoicesAreInRussian(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "ru")
	h := newHarness(t, a)
	ru := i18n.Russian
	do(func() {
		p := h.u.filters
		if want := []string{"По странам", "По группам людей"}; !reflect.DeepEqual(p.by.Options, want) {
			t.Errorf("series choices %q, want %q", p.by.Options, want)
		}
		if want := []string{"Все группы", "Заключённые", "Мигранты", "Мобилизованные", "Добровольцы"}; !reflect.DeepEqual(p.group.Options, want) {
			t.Errorf("group choices %q, want %q", p.group.Options, want)
		}
		if p.latest.Text != ru.T("filter.latestStage") || p.latest.Text == i18n.English.T("filter.latestStage") {
			t.Errorf("latest-stage choice %q is not from the Russian catalogue", p.latest.Text)
		}
		e := h.u.editIncident(nil)
		if e.group.Options[0] != "Не указана" || e.group.Options[1] != "Заключённые" {
			t.Errorf("editor group choices %q", e.group.Options)
		}
		if est := e.basis.Options[len(e.basis.Options)-1]; est != ru.T("basis.estimate") || !strings.Contains(est, "около") {
			t.Errorf("editor's estimate basis %q", est)
		}
	})
	h.waitText("Разбивка")
	h.waitText("Группа людей")
}

func TestExportByGroupWritesWhatTheCommandLineWrites(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		h.u.filters.by.SetSelected("By group of people")
		h.u.filters.period.SetSelected("Year")
	})
	h.waitChart("deaths by group per year", func(c *data.Chart) bool {
		return c.Filter.By == data.ByGroup && c.Filter.Period == data.PerYear
	})
	got := appExport(t, h, "csv")
	want := cliExport(t, h, "--chart", "deaths", "--by", "group", "--period", "year", "--format", "csv")
	if !bytes.Equal(got, want) {
		t.Errorf("the app's CSV differs from the command line's:\n%s\nwant:\n%s", got, want)
	}
	if !bytes.Contains(got, []byte(",migrants,")) || !bytes.Contains(got, []byte(",unstated,")) {
		t.Errorf("the CSV by group lacks the group codes:\n%s", got)
	}
}
