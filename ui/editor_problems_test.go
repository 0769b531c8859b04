package ui

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/i18n"
)

// The rules of the data model that the form does not check itself say
// what is wrong in the app's language, under the field.
func TestEditorSaysTheDataModelsProblemsInTheAppsLanguage(t *testing.T) {
	tests := []struct {
		field string
		edit  func(e *editor)
		want  map[i18n.Language]string
	}{
		{"date", func(e *editor) { e.date.SetText("2099-01-01"); e.src.date.SetText("2099-01-02") }, map[i18n.Language]string{
			i18n.English: "Date 2099-01-01 is in the future (today is %s); give the date the incident happened.",
			i18n.Russian: "Дата 2099-01-01 ещё не наступила (сегодня %s); укажите дату, когда произошёл инцидент.",
		}},
		{"area", func(e *editor) { e.area.SetSelectedIndex(slices.Index(data.Areas, data.RU)) }, map[i18n.Language]string{
			i18n.English: "RU is for Russian measures that concern every country (laws, decrees, recruitment), not for a death: " +
				"put figures about Central Asians in Russia under their country, or under CA when the source does not say which country.",
			i18n.Russian: "RU — для мер России, которые касаются всех стран (законы, указы, вербовка), " +
				"а не для записи вида death: укажите для выходцев из Центральной Азии в России их страну или CA, " +
				"если источник не говорит, какая это страна.",
		}},
		{"source_date", func(e *editor) { e.src.date.SetText("2022-02") }, map[i18n.Language]string{
			i18n.English: "The source was published 2022-02, before the incident (2023-03-15); check both dates.",
			i18n.Russian: "Источник опубликован 2022-02, раньше инцидента (2023-03-15); проверьте обе даты.",
		}},
	}
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		today := data.Clock().Format("2006-01-02")
		for _, tt := range tests {
			want := tt.want[l]
			if tt.field == "date" {
				want = fmt.Sprintf(want, today)
			}
			do(func() {
				e := h.u.editIncident(nil)
				fillDeath(e)
				e.src.date.SetText("2023-03-20")
				tt.edit(e)
				test.Tap(e.save)
				if got := e.errs[tt.field]; !got.Visible() || got.Text != want {
					t.Errorf("%s: message %q (shown %v), want %q", tt.field, got.Text, got.Visible(), want)
				}
				e.dlg.Hide()
			})
		}
	})
}

// A ref that another incident has is refused in the app's language.
func TestEditorSaysARefIsTakenInTheAppsLanguage(t *testing.T) {
	want := map[i18n.Language]string{
		i18n.English: "another incident already has the ref %q; choose another reference",
		i18n.Russian: "у другого инцидента уже есть идентификатор %q; выберите другой идентификатор",
	}
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		incs, err := h.store().Incidents(context.Background(), data.IncidentQuery{Limit: 1})
		if err != nil || len(incs) == 0 {
			t.Fatalf("no incident: %v", err)
		}
		taken := incs[0].Ref
		var e *editor
		do(func() {
			e = h.u.editIncident(nil)
			e.ref.SetText(taken)
			fillDeath(e)
			test.Tap(e.save)
		})
		msg := fmt.Sprintf(want[l], taken)
		h.waitFor("the ref's message", func() bool { return e.errs["ref"].Text == msg })
	})
}
