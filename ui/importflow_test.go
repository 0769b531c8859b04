package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
)

// importLang is one language of the import tests: the harness's app and
// the texts the tests look for.
type importLang struct {
	name string
	app  func(t *testing.T) fyne.App
	l    i18n.Language
}

var importLangs = []importLang{
	{"en", func(t *testing.T) fyne.App { return nil }, i18n.English},
	{"ru", func(t *testing.T) fyne.App {
		a := test.NewTempApp(t)
		a.Preferences().SetString(prefLanguage, "ru")
		return a
	}, i18n.Russian},
}

// tap taps the button labelled text in the newest dialog that has one.
func (h *harness) tap(text string) {
	h.t.Helper()
	var found *widget.Button
	h.waitFor("a button "+text, func() bool {
		list := h.u.win.Canvas().Overlays().List()
		for i := len(list) - 1; i >= 0 && found == nil; i-- {
			for _, o := range test.LaidOutObjects(list[i]) {
				if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == text && !b.Disabled() {
					found = b
					break
				}
			}
		}
		return found != nil
	})
	do(func() { test.Tap(found) })
}

// incidentByRef reads the incident with ref from the app's database.
func (h *harness) incidentByRef(ref string) *data.Incident {
	h.t.Helper()
	st := h.store()
	list, err := st.Incidents(context.Background(), data.IncidentQuery{Limit: 10000})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, inc := range list {
		if inc.Ref == ref {
			full, err := st.Incident(context.Background(), inc.ID)
			if err != nil {
				h.t.Fatal(err)
			}
			return full
		}
	}
	return nil
}

// changesFile writes a CSV file that changes the count and summary of
// kg-burials-2022-03 and adds two incidents; it returns its path and the
// incident as stored before.
func changesFile(t *testing.T, h *harness) (string, *data.Incident) {
	t.Helper()
	before := h.incidentByRef("kg-burials-2022-03")
	if before == nil || before.Count == nil || *before.Count != 3 {
		t.Fatalf("the bundled dataset's kg-burials-2022-03 is %+v", before)
	}
	changed := *before
	four := 4
	changed.Count = &four
	changed.Summary = "Four natives of Kyrgyzstan were buried after dying in Ukraine."
	var b strings.Builder
	if err := csvio.WriteIncidents(&b, []data.Incident{changed, *newIncident("t-new-1"), *newIncident("t-new-2")}); err != nil {
		t.Fatal(err)
	}
	return writeCSV(t, b.String()), before
}

// newIncident is a valid new incident with ref.
func newIncident(ref string) *data.Incident {
	two := 2
	d, _ := data.ParseDate("2023-05-01")
	return &data.Incident{Ref: ref, Date: d, Area: data.KG, Kind: data.Death, Count: &two, Basis: data.Event,
		Summary: "Two deaths", Sources: []data.Source{{Outlet: "Test Outlet"}}}
}

// previewTexts are what the preview of changesFile says in language l.
func previewTexts(l i18n.Language) []string {
	return []string{
		l.T("import.preview.title", "incidents.csv"),
		l.N("import.preview.added", 2, l.Number(2)),
		l.N("import.preview.changed", 1, l.Number(1)),
		l.T("import.preview.ref", "kg-burials-2022-03", 2) + map[i18n.Language]string{
			i18n.English: ": count 3 → 4, summary",
			i18n.Russian: ": число 3 → 4, краткое описание",
		}[l],
		l.T("import.confirm"),
		l.T("dialog.cancel"),
	}
}

func TestImportPreviewSaysWhatWillChangeAndCancelWritesNothing(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			path, before := changesFile(t, h)
			stats := h.stats()
			do(func() { h.u.importFile(path) })
			for _, want := range previewTexts(l) {
				h.waitText(want)
			}
			if l == i18n.Russian && !strings.Contains(h.screenTextNow(), "Будут добавлены 2 новых инцидента.") {
				t.Errorf("the Russian preview lacks its own words:\n%s", h.screenTextNow())
			}
			if s := h.stats(); s.Incidents != stats.Incidents {
				t.Errorf("the preview wrote: %d incidents, was %d", s.Incidents, stats.Incidents)
			}
			h.tap(l.T("dialog.cancel"))
			h.waitText(l.T("import.cancelled"))
			if s := h.stats(); s.Incidents != stats.Incidents || s.Sources != stats.Sources {
				t.Errorf("Cancel wrote: %+v, was %+v", s, stats)
			}
			if after := h.incidentByRef("kg-burials-2022-03"); *after.Count != *before.Count || after.Summary != before.Summary {
				t.Errorf("Cancel changed the incident: %+v", after)
			}
			if last, err := h.store().LastImport(context.Background()); err != nil || last != nil {
				t.Errorf("an import to undo after Cancel: %+v, %v", last, err)
			}
		})
	}
}

func TestImportWritesAndUndoPutsBackTheDatabase(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			path, before := changesFile(t, h)
			stats := h.stats()
			do(func() { h.u.importFile(path) })
			h.tap(l.T("import.confirm"))
			h.waitText(l.T("import.finished"))
			h.waitText(l.T("import.resultChanged", "incidents.csv", l.N("count.incidents", 2, l.Number(2)), l.Number(1)))
			if s := h.stats(); s.Incidents != stats.Incidents+2 {
				t.Errorf("%d incidents after the import, want %d", s.Incidents, stats.Incidents+2)
			}
			if got := h.incidentByRef("kg-burials-2022-03"); *got.Count != 4 {
				t.Errorf("count after the import %d, want 4", *got.Count)
			}

			h.tap(l.T("import.undo")) // in the import-finished message
			h.waitText(l.T("import.undoTitle", "incidents.csv"))
			h.tap(l.T("import.undo")) // the confirmation
			h.waitText(l.T("status.undone", "incidents.csv"))
			if s := h.stats(); s.Incidents != stats.Incidents || s.Sources != stats.Sources {
				t.Errorf("after undo %+v, want %+v", s, stats)
			}
			after := h.incidentByRef("kg-burials-2022-03")
			if *after.Count != *before.Count || after.Summary != before.Summary {
				t.Errorf("after undo the incident is %+v, want %+v", after, before)
			}
			if h.incidentByRef("t-new-1") != nil {
				t.Error("an added incident is still there after undo")
			}
			if last, err := h.store().LastImport(context.Background()); err != nil || last != nil {
				t.Errorf("an import to undo after undoing it: %+v, %v", last, err)
			}
		})
	}
}

func TestTheImportButtonOffersUndoWhileItIsPossible(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			path, _ := changesFile(t, h)
			stats := h.stats()
			do(func() { h.u.importFile(path) })
			h.tap(l.T("import.confirm"))
			h.tap(l.T("dialog.ok"))
			h.waitText(l.T("status.imported", "incidents.csv"))

			var button *widget.Button
			do(func() {
				for _, o := range test.LaidOutObjects(h.u.win.Content()) {
					if b, ok := o.(*widget.Button); ok && b.Text == l.T("toolbar.import") {
						button = b
					}
				}
			})
			if button == nil {
				t.Fatal("no Import button in the toolbar")
			}
			do(func() { test.Tap(button) })
			undo := h.tappableWith(l.T("import.menu.undo", "incidents.csv"))
			do(func() { undo.Tapped(&fyne.PointEvent{}) })
			h.tap(l.T("import.undo"))
			h.waitText(l.T("status.undone", "incidents.csv"))
			if s := h.stats(); s.Incidents != stats.Incidents {
				t.Errorf("after undo from the menu %d incidents, want %d", s.Incidents, stats.Incidents)
			}
		})
	}
}

// gatedStore stops an import at a row until the import is cancelled.
type gatedStore struct {
	data.Store
	at      int
	reached chan struct{}
}

func (s gatedStore) ImportUndoable(ctx context.Context, file string, src data.RowSource, progress data.Progress) (data.ImportResult, error) {
	return s.Store.ImportUndoable(ctx, file, &gatedSource{src: src, ctx: ctx, at: s.at, reached: s.reached}, progress)
}

type gatedSource struct {
	src     data.RowSource
	ctx     context.Context
	n, at   int
	reached chan struct{}
}

func (g *gatedSource) Next() (*data.Incident, error) {
	if g.n++; g.n == g.at {
		close(g.reached)
		<-g.ctx.Done()
	}
	return g.src.Next()
}

func TestCancellingAnImportWritesNothing(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			var b strings.Builder
			b.WriteString("ref,date,area,kind,count,summary,source_outlet\n")
			for i := range 3000 {
				fmt.Fprintf(&b, "t-%d,2023-05-01,KG,death,1,Row %d,Test Outlet\n", i, i)
			}
			path := writeCSV(t, b.String())
			stats := h.stats()
			reached := make(chan struct{})
			do(func() { h.u.store = gatedStore{Store: h.u.store, at: 1500, reached: reached} })
			do(func() { h.u.importFile(path) })
			h.waitText(l.N("import.preview.added", 3000, l.Number(3000)))
			h.tap(l.T("import.confirm"))
			select {
			case <-reached:
			case <-time.After(waitTime):
				t.Fatal("the import did not start")
			}
			// The writer reports every 1,000 rows.
			h.waitText(l.T("import.writtenRows", l.Number(1000), l.N("count.rows", 3000, l.Number(3000))))
			h.tap(l.T("dialog.cancel"))
			h.waitText(l.T("import.cancelled"))
			if s := h.stats(); s.Incidents != stats.Incidents || s.Sources != stats.Sources {
				t.Errorf("a cancelled import wrote: %+v, was %+v", s, stats)
			}
			if last, err := h.store().LastImport(context.Background()); err != nil || last != nil {
				t.Errorf("a cancelled import left an import to undo: %+v, %v", last, err)
			}
		})
	}
}

func TestProgressSaysRowsDoneAndTimeLeft(t *testing.T) {
	for _, tc := range []struct {
		l        i18n.Language
		fraction float64
		elapsed  time.Duration
		want     string
	}{
		{i18n.English, 0.25, 3 * time.Second, "12,000 rows checked · about 9 seconds left"},
		{i18n.English, 0.5, 700 * time.Millisecond, "12,000 rows checked"}, // too soon to say
		{i18n.English, 0.1, 20 * time.Second, "12,000 rows checked · about 3 minutes left"},
		{i18n.English, 0.99, 99 * time.Second, "12,000 rows checked · about 1 second left"},
		{i18n.Russian, 0.25, 3 * time.Second, "Проверено: 12\u00a0000 строк · осталось около 9 секунд"},
		{i18n.Russian, 0.1, 20 * time.Second, "Проверено: 12\u00a0000 строк · осталось около 3 минут"},
		{i18n.Russian, 0.99, 99 * time.Second, "Проверено: 12\u00a0000 строк · осталось около 1 секунды"},
	} {
		done := tc.l.T("import.checkedRows", count(tc.l, "count.rows", 12000))
		if got := progressText(tc.l, done, tc.fraction, tc.elapsed); got != tc.want {
			t.Errorf("progressText(%s, %v, %v) = %q, want %q", tc.l, tc.fraction, tc.elapsed, got, tc.want)
		}
	}
}

func TestADoubleClickThatLandsOnAFileOnlyShowsThePreview(t *testing.T) {
	for _, lang := range importLangs {
		t.Run(lang.name, func(t *testing.T) {
			h := newHarness(t, lang.app(t))
			l := lang.l
			dir := t.TempDir()
			folder := filepath.Join(dir, "a-folder")
			if err := os.Mkdir(folder, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(folder, "incidents.csv"), []byte(
				"ref,date,area,kind,count,summary,source_outlet\nt-1,2023-05-01,KG,death,2,Two deaths,Test Outlet\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			stats := h.stats()
			do(func() {
				h.u.prefs.setDialogFolder(dir) // the file dialog starts in the folder last chosen
				h.u.chooseImport()
			})
			// The file dialog's item showing the folder.
			item := h.tappableWith("a-folder")
			// Open the folder, then click the file twice in quick
			// succession: Fyne's file dialog takes a double click on a file
			// as its Open button, whether or not the first click was on the
			// folder that the file replaced on screen.
			do(func() { item.Tapped(&fyne.PointEvent{}) })
			file := h.tappableWith("incidents")
			do(func() { file.Tapped(&fyne.PointEvent{}) })
			do(func() { file.Tapped(&fyne.PointEvent{}) })
			h.waitText(l.T("import.preview.title", "incidents.csv"))
			if s := h.stats(); s.Incidents != stats.Incidents {
				t.Errorf("the double click imported: %d incidents, was %d", s.Incidents, stats.Incidents)
			}
			h.tap(l.T("dialog.cancel"))
			h.waitText(l.T("import.cancelled"))
			if s := h.stats(); s.Incidents != stats.Incidents {
				t.Errorf("%d incidents after Cancel, was %d", s.Incidents, stats.Incidents)
			}
		})
	}
}

// tappableWith finds, in the newest dialog or pop-up, the innermost
// tappable widget other than a button that shows text, such as an item of
// a file dialog or a menu.
func (h *harness) tappableWith(text string) fyne.Tappable {
	h.t.Helper()
	var found fyne.Tappable
	h.waitFor("something to tap showing "+text, func() bool {
		top := h.u.win.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		for _, o := range test.LaidOutObjects(top) {
			tp, ok := o.(fyne.Tappable)
			w, isWidget := o.(fyne.Widget)
			if _, button := o.(*widget.Button); !ok || !isWidget || button {
				continue
			}
			for _, inner := range test.LaidOutObjects(w) {
				shown := ""
				switch x := inner.(type) {
				case *widget.Label:
					shown = x.Text
				case *canvas.Text:
					shown = x.Text
				}
				if shown == text {
					found = tp
				}
			}
		}
		return found != nil
	})
	return found
}

// screenTextNow is screenText as a UI action.
func (h *harness) screenTextNow() string {
	var s string
	do(func() { s = h.screenText() })
	return s
}
