package ui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
	"catracker/internal/chart"
)

// screenTexts collects every text that o shows: the texts of labels,
// buttons, checks, links, rich texts, entries (with their placeholders),
// drop-downs (with all their options), radio groups and canvas texts.
// Hidden objects are skipped, and a widget whose texts are taken whole is
// not looked into, so that a text cut to fit is read in full.
func screenTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	switch w := o.(type) {
	case *widget.Label:
		return []string{w.Text}
	case *widget.Button:
		return []string{w.Text}
	case *widget.Check:
		return []string{w.Text}
	case *keyCheck:
		return []string{w.Text}
	case *widget.Hyperlink:
		return []string{w.Text}
	case *widget.RichText:
		return []string{w.String()}
	case *widget.Entry:
		return []string{w.Text, w.PlaceHolder}
	case *keyEntry:
		return []string{w.Text, w.PlaceHolder}
	case *keySelectEntry:
		return append([]string{w.Text, w.PlaceHolder}, screenTexts(&w.SelectEntry)...)
	case *widget.Select:
		return selectTexts(w)
	case *keySelect:
		return selectTexts(&w.Select)
	case *widget.RadioGroup:
		return w.Options
	case *canvas.Text:
		return []string{w.Text}
	case *fyne.Container:
		var out []string
		for _, c := range w.Objects {
			out = append(out, screenTexts(c)...)
		}
		return out
	case fyne.Widget:
		var out []string
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, screenTexts(c)...)
		}
		return out
	}
	return nil
}

// selectTexts are the options of s and what it shows: the option
// selected or its placeholder.
func selectTexts(s *widget.Select) []string {
	shown := s.Selected
	if shown == "" {
		shown = s.PlaceHolder
	}
	return append([]string{shown}, s.Options...)
}

// languageCheck finds the texts on screen that are not in the app's
// language: in Russian, Latin words that are neither in the Russian
// catalogue nor in names; in English, any Cyrillic outside names. Names
// are the texts of the data (summaries, sources, references, file and
// folder names), the names of the languages and of keyboard keys.
type languageCheck struct {
	t     *testing.T
	h     *harness
	l     i18n.Language
	names []string        // longest first
	words map[string]bool // Latin words the Russian catalogue uses
}

// catalogueLatin are the Latin words of the Russian catalogue's texts.
func catalogueLatin(t *testing.T) map[string]bool {
	b, err := os.ReadFile(filepath.Join("..", "i18n", "translations", "ru.json"))
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]json.RawMessage
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for key, m := range msgs {
		forms := map[string]string{}
		var text string
		if err := json.Unmarshal(m, &text); err == nil {
			forms["other"] = text
		} else if err := json.Unmarshal(m, &forms); err != nil {
			t.Fatalf("ru %q: %v", key, err)
		}
		for _, text := range forms {
			for _, w := range latinWord.FindAllString(text, -1) {
				words[w] = true
			}
		}
	}
	return words
}

// latinWord and cyrillicWord are runs of letters of one script.
var (
	latinWord    = regexp.MustCompile(`\p{Latin}+`)
	cyrillicWord = regexp.MustCompile(`\p{Cyrillic}+`)
	// pathLike are file names and paths: a run without spaces that has a
	// slash or ends in an extension.
	pathLike = regexp.MustCompile(`[^\s()«»"“”]*[/\\][^\s()«»"“”]*|[^\s()«»"“”/]+\.[a-zA-Z0-9]{2,7}\b`)
)

// keyNames are the names of keyboard keys, written on the keys.
var keyNames = []string{"Ctrl", "Cmd", "Shift", "Esc", "F1"}

func newLanguageCheck(t *testing.T, h *harness, l i18n.Language) *languageCheck {
	c := &languageCheck{t: t, h: h, l: l, words: catalogueLatin(t)}
	for _, k := range i18n.Languages {
		c.names = append(c.names, k.Name())
	}
	c.names = append(c.names, keyNames...)
	for _, a := range data.Areas {
		c.names = append(c.names, string(a))
	}
	st := h.store()
	incs, err := st.Incidents(context.Background(), data.IncidentQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		c.names = append(c.names, inc.Ref, inc.Summary, inc.Notes, inc.Person, inc.Headline)
		full, err := st.Incident(context.Background(), inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range full.Sources {
			c.names = append(c.names, s.Outlet, s.Title, s.Author, s.URL, s.CitedAs)
		}
	}
	page, err := st.ListSources(context.Background(), data.SourceQuery{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Sources {
		c.names = append(c.names, s.Outlet, s.Title, s.Author, s.URL, s.CitedAs)
	}
	c.addPath(h.path)
	return c
}

// addPath makes path and each of its parts names.
func (c *languageCheck) addPath(path string) {
	c.names = append(c.names, path)
	c.names = append(c.names, strings.Split(filepath.ToSlash(path), "/")...)
}

// foreign returns the words of text that are not in the app's language
// once names, file names and paths are taken out.
func (c *languageCheck) foreign(text string) []string {
	for _, n := range c.names {
		if len([]rune(n)) > 1 {
			text = strings.ReplaceAll(text, n, " ")
		}
	}
	text = pathLike.ReplaceAllString(text, " ")
	if c.l != i18n.Russian {
		return cyrillicWord.FindAllString(text, -1)
	}
	var out []string
	for _, w := range latinWord.FindAllString(text, -1) {
		if !c.words[w] && !(len(w) == 1 && unicode.IsUpper(rune(w[0]))) {
			out = append(out, w)
		}
	}
	return out
}

// check looks at the window, its title and every dialog and pop-up on
// it.
func (c *languageCheck) check(what string) {
	c.t.Helper()
	c.names = slices.DeleteFunc(c.names, func(s string) bool { return strings.TrimSpace(s) == "" })
	sort.SliceStable(c.names, func(i, j int) bool { return len(c.names[i]) > len(c.names[j]) })
	var texts []string
	do(func() {
		cv := c.h.u.win.Canvas()
		texts = append([]string{c.h.u.win.Title()}, screenTexts(cv.Content())...)
		for _, o := range cv.Overlays().List() {
			texts = append(texts, screenTexts(o)...)
		}
	})
	for _, text := range texts {
		if bad := c.foreign(text); len(bad) > 0 {
			c.t.Errorf("%s in %s shows %q: %v", c.l, what, text, bad)
		}
	}
}

// closeAll closes every dialog and pop-up.
func (c *languageCheck) closeAll() {
	do(func() {
		o := c.h.u.win.Canvas().Overlays()
		for o.Top() != nil {
			o.Top().Hide()
		}
		c.h.u.closable = nil
	})
}

// iconButton finds the button of the top dialog or pop-up that shows
// icon and no text.
func (h *harness) iconButton(icon fyne.Resource) *widget.Button {
	h.t.Helper()
	return overlayWidget(h.t, h, func(b *widget.Button) bool {
		return b.Text == "" && b.Icon != nil && b.Icon.Name() == icon.Name()
	})
}

// checkFileDialog checks the file dialog on top, its options pop-up and
// its New Folder form.
func (c *languageCheck) checkFileDialog(what string) {
	c.t.Helper()
	c.h.waitFor("the file dialog", func() bool {
		n := len(c.h.u.closable)
		if n == 0 {
			return false
		}
		_, ok := c.h.u.closable[n-1].(*dialog.FileDialog)
		return ok
	})
	c.check(what)
	do(func() { // and no place's name is cut at the side bar's edge
		list := placesList(c.h.u.win.Canvas().Overlays().Top())
		for _, o := range test.LaidOutObjects(list) {
			// A place is an icon and a label, side by side across the list.
			if l, ok := o.(*widget.Label); ok && l.Visible() && l.Position().X+l.MinSize().Width > list.Size().Width {
				c.t.Errorf("%s: the place %q is cut at the side bar's edge", what, l.Text)
			}
		}
	})
	options := c.h.iconButton(theme.SettingsIcon())
	do(func() { test.Tap(options) })
	c.check(what + "'s options")
	do(func() { c.h.u.win.Canvas().Overlays().Top().Hide() })
	newFolder := c.h.iconButton(theme.FolderNewIcon())
	do(func() { test.Tap(newFolder) })
	c.check(what + "'s New Folder")
	c.closeAll()
}

// incidentCitingAnother is an incident with a source that cites another
// outlet, so its details say "citing".
func (h *harness) incidentCitingAnother() *data.Incident {
	h.t.Helper()
	st := h.store()
	incs, err := st.Incidents(context.Background(), data.IncidentQuery{Limit: 100000})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, i := range incs {
		inc, err := st.Incident(context.Background(), i.ID)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, s := range inc.Sources {
			if s.CitedAs != "" {
				return inc
			}
		}
	}
	h.t.Fatal("no incident of the bundled dataset cites another outlet")
	return nil
}

// Every screen, dialog, menu and pop-up is in the app's language, Fyne's
// own file dialogs, questions and menus included; only names (the data,
// file names, the languages' own names, keyboard keys) may be in another
// script.
func TestEveryScreenIsInTheAppsLanguage(t *testing.T) {
	for _, l := range i18n.Languages {
		t.Run(string(l), func(t *testing.T) { everyScreenIn(t, l) })
	}
}

// everyScreenIn opens every screen in language l after switching to it
// from the other language, which the app was started in.
func everyScreenIn(t *testing.T, l i18n.Language) {
	start := i18n.Russian
	if l == i18n.Russian {
		start = i18n.English
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, string(start))
	h := newHarness(t, a)
	h.waitFor("the app in "+start.Name(), func() bool { return h.u.lang == start })
	inLanguage(h, l)
	c := newLanguageCheck(t, h, l)
	cv := h.u.win.Canvas()
	c.check("the chart tab")

	// The list behind a number of the chart, and the hint naming it.
	showChart(h, data.Filter{Family: data.Deaths, Period: data.PerMonth})
	pos, _ := hitOn(h, func(hit chart.Hit) bool { return hit.Mark.Series == "TJ" && !hit.Point })
	do(func() { h.u.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}}) })
	c.check("the hint naming a number")
	do(func() { test.TapAt(h.u.chart, pos) })
	h.waitText(l.T("trace.show"))
	c.check("the list behind a number")
	c.closeAll()

	// The incidents tab with an incident whose source cites another.
	inc := h.incidentCitingAnother()
	do(func() { h.u.tabs.SelectIndex(1) })
	h.waitFor("the incidents", func() bool { return h.u.incidents.rows > 0 })
	do(func() { h.u.incidents.details.show(inc.ID) })
	h.waitFor("the incident's details", func() bool { return h.u.incidents.details.inc != nil })
	c.check("the incidents tab")
	do(func() { h.u.incidents.details.confirmDelete() })
	h.waitText(l.T("details.deleteTitle"))
	c.check("the delete question")
	c.closeAll()
	do(func() { h.u.editIncident(inc) })
	c.check("Edit incident")
	c.closeAll()
	var ed *editor
	do(func() {
		ed = h.u.editIncident(nil)
		c.names = append(c.names, ed.ref.Text) // the new incident's reference
	})
	c.check("Add incident")
	c.names = append(c.names, "two") // as typed
	do(func() {
		ed.date.SetText("2023-13")
		ed.count.SetText("two")
		ed.submit()
	})
	c.check("Add incident with its problems")
	c.closeAll()

	// The sources tab with a source chosen.
	do(func() { h.u.tabs.SelectIndex(2) })
	h.waitFor("the sources", func() bool { return h.u.sources.rows > 0 })
	do(func() { h.u.sources.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	c.check("the sources tab")
	do(func() { h.u.tabs.SelectIndex(0) })

	// A text field's menu.
	do(func() { h.u.filters.from.TappedSecondary(&fyne.PointEvent{}) })
	c.check("a text field's menu")
	c.closeAll()

	// Export, its folder chooser and its replace question.
	var e *exporter
	do(func() { e = h.u.showExport("png") })
	c.check("Export")
	dir := t.TempDir()
	c.addPath(dir)
	do(func() {
		e.setFolder(dir)
		e.chooseFolder()
	})
	c.checkFileDialog("the export's folder chooser")
	do(func() { e = h.u.showExport("png") })
	name := "chart.png"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	do(func() {
		e.done = func(string, error) {}
		e.setFolder(dir)
		e.name.SetText(name)
		test.Tap(e.save)
	})
	h.waitText(l.T("export.replaceTitle"))
	c.check("the replace question")
	c.closeAll()

	// Import: its file dialog, preview, problems and result.
	do(func() {
		h.u.prefs.setDialogFolder(dir)
		h.u.chooseImport()
	})
	c.checkFileDialog("the import's file dialog")
	path, _ := changesFile(t, h)
	c.addPath(path)
	do(func() { h.u.importFile(path) })
	h.waitText(l.T("import.preview.title", "incidents.csv"))
	c.check("the import preview")
	h.tap(l.T("import.confirm"))
	h.waitText(l.T("import.finished"))
	c.check("the import's result")
	c.closeAll()
	do(func() { h.u.confirmUndo(h.u.store) })
	h.waitText(l.T("import.undo"))
	c.check("the undo question")
	c.closeAll()
	bad := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet\nt-1,2023-13-01,XX,death,two,,\n")
	c.addPath(bad)
	// The problems quote the file's values as it gives them.
	c.names = append(c.names, "XX", "two")
	// The problems name each column as the file does, after its label.
	c.names = append(c.names, csvio.Columns...)
	do(func() { h.u.importFile(bad) })
	h.waitText(l.T("import.notImported"))
	c.check("the import's problems")
	c.closeAll()

	do(func() { h.u.showProgress(l.T("import.title", "incidents.csv"), l.T("import.checking"), func() {}) })
	c.check("an import's progress")
	c.closeAll()

	// Open database: its file dialog, progress and menu of recent ones.
	do(func() { h.u.chooseDatabaseFile() })
	c.checkFileDialog("the database's file dialog")
	gate := make(chan struct{})
	do(func() {
		open := h.u.opts.Open
		h.u.opts.Open = func(ctx context.Context, path string) (data.Store, error) {
			<-gate
			return open(ctx, path)
		}
	})
	other := newDatabase(t, "other.db")
	c.addPath(other)
	do(func() { h.u.openDatabase(other) })
	c.check("the database's progress")
	close(gate)
	h.waitFor("the other database", func() bool { return h.u.store.Path() == other && cv.Overlays().Top() == nil })
	do(func() { h.u.chooseDatabase() })
	if labels := h.menuLabels(); len(labels) < 5 {
		t.Errorf("the database menu lists no recent database: %q", labels)
	}
	c.check("the database menu")
	c.closeAll()

	// About, Settings and an error.
	do(func() { h.u.showAbout() })
	h.waitText(l.T("about.shortcuts"))
	c.check("About")
	c.closeAll()
	do(func() { h.u.showSettings() })
	c.check("Settings")
	c.closeAll()
	do(func() { h.u.showError(l.T("export.failed"), errors.New(l.T("export.badName"))) })
	c.check("an error")
	c.closeAll()
}

// Fyne's own texts follow the app's language whatever the system's
// locale: English, Russian, one Fyne has other translations for, one it
// has none for, and none at all (C).
func TestFyneSpeaksTheAppsLanguageWhateverTheSystems(t *testing.T) {
	t.Cleanup(func() { // after the locale is put back
		if err := useFyneLanguage(i18n.English); err != nil {
			t.Error(err)
		}
	})
	for _, system := range []struct{ variable, locale string }{
		{"LANGUAGE", "en_US"}, {"LANGUAGE", "ru_RU"}, {"LANGUAGE", "de_DE:ru_RU"}, {"LANGUAGE", "kk_KZ"}, {"LC_ALL", "C"},
	} {
		t.Run(system.locale, func(t *testing.T) {
			t.Setenv(system.variable, system.locale)
			for _, l := range []i18n.Language{i18n.Russian, i18n.English, i18n.Russian} {
				if err := useFyneLanguage(l); err != nil {
					t.Fatal(err)
				}
				for key, got := range map[string]string{
					"Cancel":      lang.L("Cancel"),
					"file.parent": lang.X("file.parent", "Parent"),
					"Select all":  lang.L("Select all"),
				} {
					if want := l.T("fyne." + key); got != want {
						t.Errorf("under %s=%s in %s, Fyne's %q is %q, want %q", system.variable, system.locale, l, key, got, want)
					}
				}
			}
		})
	}
}
