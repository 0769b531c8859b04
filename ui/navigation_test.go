package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/library"
)

// inLanguage switches the harness's app to language l.
func inLanguage(h *harness, l i18n.Language) {
	do(func() {
		s := h.u.settings
		s.Language = string(l)
		h.u.applySettings(s)
	})
}

// eachLanguage runs the test once in every language of the catalogue.
func eachLanguage(t *testing.T, run func(t *testing.T, h *harness, l i18n.Language)) {
	for _, l := range i18n.Languages {
		t.Run(string(l), func(t *testing.T) {
			h := newHarness(t, nil)
			inLanguage(h, l)
			run(t, h, l)
		})
	}
}

// newDatabase makes a database from the bundled dataset at name in a
// temporary folder and returns its path.
func newDatabase(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := library.Create(context.Background(), path)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	st.Close()
	return path
}

// withDefault makes the harness's own database the default one, "My
// database", which the opener opens for an empty path.
func withDefault(h *harness) {
	do(func() {
		h.u.opts.DefaultPath = h.path
		h.u.opts.Open = func(ctx context.Context, path string) (data.Store, error) {
			if path == "" {
				path = h.path
			}
			return openTest(ctx, path)
		}
	})
}

// openAndWait opens path as Open database does and waits until it is
// the open database.
func openAndWait(h *harness, path string) {
	h.t.Helper()
	do(func() { h.u.openDatabase(path) })
	h.waitFor("the database "+path, func() bool {
		return h.u.store != nil && h.u.store.Path() == path && h.u.win.Canvas().Overlays().Top() == nil
	})
}

// title is the main window's title.
func (h *harness) title() string {
	var s string
	do(func() { s = h.u.win.Title() })
	return s
}

// menuLabels are the labels of the database menu, a tick before the
// open one, "--" for separators.
func (h *harness) menuLabels() []string {
	var labels []string
	do(func() {
		for _, it := range h.u.databaseMenu().Items {
			switch {
			case it.IsSeparator:
				labels = append(labels, "--")
			case it.Checked:
				labels = append(labels, "✓ "+it.Label)
			default:
				labels = append(labels, it.Label)
			}
		}
	})
	return labels
}

// The window title names the open database, "My database" for the
// default one; Open database offers My database first, then the files
// opened recently (newest first, those that are gone left out), then any
// other file; My database opens the default database in one step.
func TestOpenDatabaseOffersMyDatabaseAndRecentFiles(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		if got, want := h.title(), AppName+" — t.db"; got != want {
			t.Errorf("title %q, want %q", got, want)
		}
		withDefault(h)
		do(func() { h.u.setTitle() })
		mine := l.T("db.mine")
		if got, want := h.title(), AppName+" — "+mine; got != want {
			t.Errorf("title of the default database %q, want %q", got, want)
		}

		b, c := newDatabase(t, "b.db"), newDatabase(t, "c.db")
		openAndWait(h, b)
		openAndWait(h, c)
		if got, want := h.title(), AppName+" — c.db"; got != want {
			t.Errorf("title %q, want %q", got, want)
		}
		item := func(path string) string {
			return l.T("db.recentItem", filepath.Base(path), folderName(l, filepath.Dir(path)))
		}
		want := []string{mine, "--", "✓ " + item(c), item(b), "--", l.T("db.other")}
		if got := h.menuLabels(); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("menu\n%q\nwant\n%q", got, want)
		}

		// The toolbar button shows that menu.
		do(func() { test.Tap(h.u.openBtn) })
		h.waitText(l.T("db.other"))
		do(func() { h.u.win.Canvas().Overlays().Top().Hide() })

		// A file that is gone is left out; My database opens the default.
		if err := os.Remove(b); err != nil {
			t.Fatal(err)
		}
		do(func() { h.u.databaseMenu().Items[0].Action() })
		h.waitFor("My database", func() bool { return h.u.store.Path() == h.path })
		if got, want := h.title(), AppName+" — "+mine; got != want {
			t.Errorf("title %q, want %q", got, want)
		}
		want = []string{"✓ " + mine, "--", item(c), "--", l.T("db.other")}
		if got := h.menuLabels(); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("menu\n%q\nwant\n%q", got, want)
		}
	})
}

// A recent database's folder is named relative to the home folder.
func TestRecentFoldersAreNamedFromHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	for _, l := range i18n.Languages {
		for dir, want := range map[string]string{
			filepath.Join(home, "Documents", "reports"): filepath.Join("Documents", "reports"),
			home:                          l.T("db.homeFolder"),
			filepath.Join(home+"x", "db"): filepath.Join(home+"x", "db"),
		} {
			if got := folderName(l, dir); got != want {
				t.Errorf("%s: folderName(%s) = %q, want %q", l, dir, got, want)
			}
		}
	}
}

// The app remembers the last eight databases, without repeats, and Open
// database offers them, newest first, in each language.
func TestRecentDatabasesKeepTheLastEight(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		p := h.u.prefs
		dir := t.TempDir()
		var paths []string
		for i := range 10 {
			path := filepath.Join(dir, fmt.Sprintf("%d.db", i))
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
			do(func() { p.setLastDB(path) })
		}
		do(func() { p.setLastDB(paths[5]) })
		var got []string
		do(func() { got = p.recentDBs() })
		want := []string{paths[5], paths[9], paths[8], paths[7], paths[6], paths[4], paths[3], paths[2]}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("recent databases\n%q\nwant\n%q", got, want)
		}
		// The menu: My database, the eight (the open t.db is no longer
		// among them), any other file.
		labels := []string{l.T("db.mine"), "--"}
		for _, path := range want {
			labels = append(labels, l.T("db.recentItem", filepath.Base(path), folderName(l, dir)))
		}
		labels = append(labels, "--", l.T("db.other"))
		if got := h.menuLabels(); strings.Join(got, "|") != strings.Join(labels, "|") {
			t.Errorf("menu\n%q\nwant\n%q", got, labels)
		}
		do(func() { test.Tap(h.u.openBtn) })
		h.waitText(labels[2])
		h.waitText(labels[9])
	})
}

// Opening a database that takes long shows a dialog with Cancel; Cancel
// stops the opening and the database open before stays open, also when
// the opening finishes after all.
func TestOpeningADatabaseCanBeCancelled(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		other := newDatabase(t, "large.db")
		stopped := make(chan error, 1)
		late := make(chan data.Store, 1)
		do(func() {
			h.u.opts.Open = func(ctx context.Context, path string) (data.Store, error) {
				<-ctx.Done()
				stopped <- ctx.Err()
				st, err := openTest(context.Background(), path) // it opened after all
				late <- st
				return st, err
			}
			h.u.openDatabase(other)
		})
		h.waitText(l.T("db.openingFile", "large.db"))
		cancel := overlayWidget(t, h, func(b *widget.Button) bool { return b.Text == l.T("dialog.cancel") })
		do(func() { test.Tap(cancel) })
		if err := <-stopped; err == nil {
			t.Fatal("the opening was not told to stop")
		}
		st := <-late
		// The late result is closed, not used.
		h.waitFor("the late database closed", func() bool {
			_, err := st.Stats(context.Background())
			return err != nil
		})
		do(func() {
			if h.u.store.Path() != h.path {
				t.Errorf("the open database is %s, want %s", h.u.store.Path(), h.path)
			}
			if top := h.u.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a dialog is still open: %s", h.screenText())
			}
			if h.u.message.Text != l.T("db.openCancelled") {
				t.Errorf("status %q", h.u.message.Text)
			}
		})
		if _, err := h.store().Stats(context.Background()); err != nil {
			t.Errorf("the database open before no longer reads: %v", err)
		}
	})
}

// typeKey delivers a key as Fyne's desktop driver does: to the focused
// widget if there is one, else to the window.
func typeKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if k := c.OnTypedKey(); k != nil {
		k(ev)
	}
}

// typeShortcut delivers a shortcut as Fyne's desktop driver does: to the
// focused widget if it takes shortcuts, else to the window.
func typeShortcut(c fyne.Canvas, s fyne.Shortcut) {
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// top is the dialog on screen, or nil.
func (h *harness) top() fyne.CanvasObject {
	var o fyne.CanvasObject
	do(func() { o = h.u.win.Canvas().Overlays().Top() })
	return o
}

// F1, Escape and the Ctrl shortcuts work while a text field, a checkbox,
// a drop-down, a table or a list has focus.
func TestKeysWorkWhereverFocusIs(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		c := h.u.win.Canvas()
		focusables := map[string]func() fyne.Focusable{
			"the date field":       func() fyne.Focusable { return h.u.filters.from },
			"a country's checkbox": func() fyne.Focusable { return h.u.filters.areas[0] },
			"the side drop-down":   func() fyne.Focusable { return h.u.filters.side },
			"the incidents table":  func() fyne.Focusable { h.u.tabs.SelectIndex(1); return h.u.incidents.table },
			"the sources search":   func() fyne.Focusable { h.u.tabs.SelectIndex(2); return h.u.sources.search },
		}
		for what, focus := range focusables {
			do(func() { c.Focus(focus()) })
			do(func() { typeKey(c, aboutKey) })
			h.waitText(l.T("about.shortcuts"))
			do(func() { typeKey(c, fyne.KeyEscape) })
			if h.top() != nil {
				t.Errorf("%s: Escape left About open", what)
			}
			do(func() { c.Focus(focus()) })
			do(func() { typeShortcut(c, shortcutSettings) })
			h.waitText(l.T("settings.textSize"))
			do(func() { typeKey(c, fyne.KeyEscape) })
			if h.top() != nil {
				t.Errorf("%s: Escape left Settings open", what)
			}
			do(func() { c.Focus(focus()) })
			do(func() { typeShortcut(c, shortcutExport) })
			h.waitText(l.T("export.preview"))
			do(func() { typeKey(c, fyne.KeyEscape) })
			if h.top() != nil {
				t.Errorf("%s: Escape left Export open", what)
			}
		}
		// Copy and paste still reach a text field.
		do(func() {
			h.u.filters.from.SetText("2022-01")
			c.Focus(h.u.filters.from)
			typeShortcut(c, &fyne.ShortcutSelectAll{})
			typeShortcut(c, &fyne.ShortcutCut{Clipboard: h.u.fyneApp.Clipboard()})
			if h.u.filters.from.Text != "" || h.u.fyneApp.Clipboard().Content() != "2022-01" {
				t.Errorf("Cut in the date field left %q and copied %q", h.u.filters.from.Text, h.u.fyneApp.Clipboard().Content())
			}
		})
	})
}

// Escape closes every dialog, also while a field in it has focus, as its
// Cancel or Close button would.
func TestEscapeClosesEveryDialog(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		c := h.u.win.Canvas()
		// escape presses Escape and checks that it closed the top dialog
		// and only that.
		escape := func(what string) {
			t.Helper()
			do(func() {
				before := c.Overlays().List()
				typeKey(c, fyne.KeyEscape)
				if after := c.Overlays().List(); len(after) != len(before)-1 {
					t.Errorf("Escape in %s: %d dialogs before, %d after: %s", what, len(before), len(after), h.screenText())
					for c.Overlays().Top() != nil {
						c.Overlays().Top().Hide()
					}
				}
			})
		}
		// Add incident opens with the date field focused.
		do(func() { typeShortcut(c, shortcutAdd) })
		h.waitText(l.T("editor.addTitle"))
		do(func() {
			if _, ok := c.Focused().(*keyEntry); !ok {
				t.Errorf("the editor opened with %T focused", c.Focused())
			}
		})
		escape("Add incident")

		// Edit incident, with focus in the summary; then Delete.
		var inc data.Incident
		incs, err := h.store().Incidents(context.Background(), data.IncidentQuery{Limit: 1})
		if err != nil || len(incs) == 0 {
			t.Fatalf("no incident to edit: %v", err)
		}
		inc = incs[0]
		var ed *editor
		do(func() { ed = h.u.editIncident(&inc) })
		do(func() { c.Focus(ed.summary) })
		escape("Edit incident")
		do(func() { h.u.incidents.details.show(inc.ID) })
		h.waitFor("the incident's details", func() bool { return h.u.incidents.details.inc != nil })
		do(func() { h.u.incidents.details.confirmDelete() })
		h.waitText(l.T("details.deleteTitle"))
		escape("the delete question")
		if _, err := h.store().Incident(context.Background(), inc.ID); err != nil {
			t.Errorf("Escape deleted the incident: %v", err)
		}

		// Export, with focus in the file name, its folder chooser and
		// its replace question.
		var e *exporter
		do(func() { e = h.u.showExport("png") })
		do(func() { c.Focus(e.name) })
		escape("Export")
		do(func() { e = h.u.showExport("png") })
		do(func() { e.chooseFolder() })
		escape("the folder chooser")
		dir := t.TempDir()
		name := "chart.png"
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		do(func() {
			e.done = func(string, error) { t.Error("Escape at the replace question wrote the file") }
			e.setFolder(dir)
			e.name.SetText(name)
			test.Tap(e.save)
		})
		h.waitText(l.T("export.replaceTitle"))
		escape("the replace question")
		escape("Export")

		// The file dialog of Open database, About, Settings and an error.
		do(func() { h.u.chooseDatabaseFile() })
		escape("the file dialog")
		do(func() { h.u.showAbout() })
		escape("About")
		do(func() { h.u.showSettings() })
		settings := overlayWidget(t, h, func(*keyCheck) bool { return true })
		do(func() { c.Focus(settings) })
		escape("Settings")
		do(func() { h.u.showError("x", fmt.Errorf("y")) })
		escape("an error")
	})
}

// Size, preset and scale are remembered per format: an A4 PDF does not
// make the next PNG A4, and a PNG at 2x stays 2x. Switching formats in
// the dialog shows each format's own size.
func TestExportRemembersSizesPerFormat(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		dir := t.TempDir()
		save := func(e *exporter, name string) {
			t.Helper()
			done := make(chan error, 1)
			do(func() {
				e.done = func(_ string, err error) { done <- err }
				e.setFolder(dir)
				e.name.SetText(name)
				test.Tap(e.save)
			})
			if err := <-done; err != nil {
				t.Fatalf("save %s: %v", name, err)
			}
		}
		a4 := len(presetNames()) - 2 // A4 landscape, 300 dpi
		var e *exporter
		do(func() {
			e = h.u.showExport("png")
			e.scale.SetSelected("2×")
		})
		save(e, "a.png")
		do(func() {
			e = h.u.showExport("pdf")
			e.preset.SetSelectedIndex(a4)
		})
		h.waitFor("the chart", func() bool { return e.chart != nil })
		save(e, "a.pdf")

		do(func() {
			e = h.u.showExport("png")
			if s := e.current(); s.Width != 1200 || s.Height != 675 || s.Scale != 2 {
				t.Errorf("the PNG after an A4 PDF is %+v, want 1200×675 at 2×", s)
			}
			if want := l.T("export.note.png", 2400, 1350); e.note.Text != want {
				t.Errorf("note %q, want %q", e.note.Text, want)
			}
			// In the dialog: PDF shows A4, back to PNG shows the PNG's.
			e.format.SetSelected(e.format.Options[2])
			if s := e.current(); s.Format != "pdf" || s.Width != 3508 || s.Preset != presetNames()[a4] {
				t.Errorf("PDF shows %+v, want A4", s)
			}
			if !strings.HasSuffix(e.name.Text, ".pdf") {
				t.Errorf("the name %q did not follow the format", e.name.Text)
			}
			e.format.SetSelected(e.format.Options[0])
			if s := e.current(); s.Format != "png" || s.Width != 1200 || s.Scale != 2 {
				t.Errorf("PNG again shows %+v", s)
			}
			e.dlg.Hide()
			if s := h.u.prefs.exportAs("svg"); s.Width != 1200 || s.Preset != "" {
				t.Errorf("SVG, never used, has %+v", s)
			}
		})
	})
}

// The suggested file name says what the chart is. It is made of the
// data's codes, not of the app's words, so a Russian user gets the same
// name as an English one: a name in Latin letters that every system and
// mail program takes. Each language's run checks the same names.
func TestSuggestedNameSaysWhatTheChartIs(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		kg, tj := data.Area("KG"), data.Area("TJ")
		from, _ := data.ParseMonth("2022-01", true)
		to, _ := data.ParseMonth("2023-12", false)
		f := data.Filter{Family: data.Deaths, Period: data.PerMonth, Cumulative: true, Areas: []data.Area{kg, tj}, From: from, To: to}
		do(func() {
			h.u.filter = f
			e := h.u.showExport("png")
			if e.save.Text != l.T("export.save") {
				t.Errorf("the export's button says %q, want %q", e.save.Text, l.T("export.save"))
			}
			if e.name.Text != "deaths-cumulative-KG-TJ-2022-2023.png" {
				t.Errorf("suggested name %q", e.name.Text)
			}
			e.format.SetSelected(e.format.Options[3])
			if e.name.Text != "deaths-cumulative-KG-TJ-2022-2023.csv" {
				t.Errorf("suggested name for CSV %q", e.name.Text)
			}
			e.dlg.Hide()
		})
		// Without a date range, the years are those the chart covers once it
		// is read, unless the user has typed a name meanwhile.
		var e, typed *exporter
		do(func() {
			h.u.filter = data.Filter{Family: data.Deaths, Period: data.PerMonth}
			e = h.u.showExport("png")
			typed = h.u.showExport("png")
			typed.name.SetText("my-chart.png")
		})
		h.waitFor("the charts", func() bool { return e.chart != nil && typed.chart != nil })
		do(func() {
			p := e.chart.Periods
			want := fmt.Sprintf("deaths-per-month-all-%d-%d.png", p[0].FirstMonth()/12, p[len(p)-1].LastMonth()/12)
			if e.name.Text != want {
				t.Errorf("suggested name %q, want %q", e.name.Text, want)
			}
			if typed.name.Text != "my-chart.png" {
				t.Errorf("the name the user typed became %q", typed.name.Text)
			}
		})
		s := h.stats()
		cases := []struct {
			f    data.Filter
			want string
		}{
			{data.Filter{Family: data.Deaths, Period: data.PerQuarter}, fmt.Sprintf("deaths-per-quarter-all-%d-%d.svg", s.First/12, s.Last/12)},
			{data.Filter{Family: data.Prosecutions, Period: data.PerYear, Areas: []data.Area{kg}, From: from, Stage: data.Sentence, Side: data.Russia},
				fmt.Sprintf("prosecutions-per-year-KG-2022-%d-sentence-russia-side.svg", s.Last/12)},
			{data.Filter{Family: data.Timeline, Period: data.PerMonth, From: from, To: from}, "timeline-all-2022.svg"},
		}
		for _, c := range cases {
			if got := suggestedName(c.f, s.First, s.Last, "svg"); got != c.want {
				t.Errorf("suggestedName(%+v) = %q, want %q", c.f, got, c.want)
			}
		}
	})
}

// Saving an export says so in the status line, with a button that opens
// the folder, and no box to dismiss.
func TestSavedExportIsConfirmedInTheStatusLine(t *testing.T) {
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		dir := t.TempDir()
		var opened *url.URL
		var e *exporter
		do(func() {
			h.u.openURL = func(u *url.URL) error { opened = u; return nil }
			e = h.u.showExport("png")
		})
		h.waitFor("the chart", func() bool { return e.chart != nil })
		do(func() {
			e.setFolder(dir)
			e.name.SetText("deaths.png")
			test.Tap(e.save)
		})
		h.waitFor("the status line", func() bool { return h.u.message.Text == l.T("status.saved", "deaths.png") })
		if _, err := os.Stat(filepath.Join(dir, "deaths.png")); err != nil {
			t.Fatal(err)
		}
		do(func() {
			if top := h.u.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a box is left to dismiss: %s", h.screenText())
			}
			if !h.u.openFolder.Visible() || h.u.openFolder.Text != l.T("status.openFolder") {
				t.Errorf("no %q button beside the message", l.T("status.openFolder"))
			}
			test.Tap(h.u.openFolder)
			if want := storage.NewFileURI(dir).String(); opened == nil || opened.String() != want {
				t.Errorf("Open folder opened %v, want %s", opened, want)
			}
			h.u.say("something else")
			if h.u.openFolder.Visible() {
				t.Error("the Open folder button stays beside another message")
			}
		})
	})
}
