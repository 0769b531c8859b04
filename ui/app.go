// Package ui is the desktop app of Central Asia War Tracker, built on Fyne:
// one window with a toolbar, a filter panel, the Chart, Incidents and
// Sources tabs and a status line, plus the dialogs that open databases,
// import CSV files, edit incidents and export charts.
//
// Each screen is a struct with a buildUI method. Everything that touches the
// database or renders a chart runs on a background goroutine and hands its
// result to the UI goroutine through fyne.Do. The package reaches the
// database only through data.Store; it never runs SQL.
package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"catracker/assets"
	"catracker/data"
	"catracker/i18n"
)

// AppID is the application ID; it matches FyneApp.toml and keys the
// preferences.
const AppID = "org.catracker.app"

// AppName is the name users see.
const AppName = "Central Asia War Tracker"

// windowSize is the size of the main window when it opens.
var windowSize = fyne.NewSize(1200, 760)

// Opener opens the database file at path. An empty path opens the default
// database, which is created from the bundled dataset on first use.
type Opener func(ctx context.Context, path string) (data.Store, error)

// Options configure New.
type Options struct {
	// Open opens database files; it is required.
	Open Opener
	// Path is a database to open instead of the one used last.
	Path string
	// DefaultPath is where the default database, "My database", lives:
	// what Open opens for an empty path. The Open database menu offers it
	// first and the window title names it.
	DefaultPath string
	// Ready, if set, is called once on the UI goroutine: after the first
	// chart is on screen, or with the error that kept it from being drawn.
	Ready func(w fyne.Window, err error)
	// Drawn, if set, is called on the UI goroutine after every chart
	// that reaches the screen, also after the window has been laid out
	// again in another language.
	Drawn func(*data.Chart)
}

// App is the main window and the state its screens share. Its fields are
// used on the UI goroutine only.
type App struct {
	fyneApp  fyne.App
	win      fyne.Window
	opts     Options
	prefs    prefs
	settings appSettings   // language, chart text size and patterns
	lang     i18n.Language // of every text on screen and in exports
	// panels draws the charts that can be one panel per country so, on
	// screen and in exports.
	panels bool

	store  data.Store
	filter data.Filter
	stats  data.Stats

	filters   *filterPanel
	chart     *chartView
	incidents *incidentsView
	sources   *sourcesView
	tabs      *container.AppTabs
	openBtn   *widget.Button // Open database, under which its menu opens
	status    *widget.Label
	message   *widget.Label
	// openFolder opens folder, where the last export went, in the
	// system's file manager; it shows beside the message that says so.
	openFolder *widget.Button
	folder     string
	// openURL opens a web or file address; tests replace it.
	openURL func(*url.URL) error

	// closable are the dialogs on screen that Escape closes, newest last.
	closable []dialog.Dialog

	// now is the clock that stamps exported charts; tests replace it.
	now func() time.Time
}

// New builds the main window and starts opening the database in the
// background: Options.Path if set, else the one used last, else the
// default database.
func New(a fyne.App, opts Options) *App {
	u := newApp(a, opts)
	u.openFirst()
	return u
}

// newApp builds the main window without opening a database.
func newApp(a fyne.App, opts Options) *App {
	u := &App{fyneApp: a, opts: opts, prefs: prefs{a.Preferences()}, now: time.Now, openURL: a.OpenURL}
	u.settings = u.prefs.settings()
	u.lang = u.settings.language()
	u.speakFyne()
	u.win = a.NewWindow(AppName)
	u.win.SetIcon(iconResource)
	u.buildUI()
	u.addShortcuts()
	u.win.Resize(windowSize)
	return u
}

// Window returns the main window.
func (u *App) Window() fyne.Window { return u.win }

// buildUI lays out the window in the app's language: toolbar above,
// status line below, filter panel on the left and the tabs filling the
// rest.
func (u *App) buildUI() {
	l := u.lang
	u.filters = newFilterPanel(l, u.setFilter)
	u.filters.onLayout = u.setPanels
	u.panels = u.prefs.panels()
	u.chart = newChartView(u.chartStyle(), u.chartDrawn)
	u.chart.onTrace = u.showTrace
	u.incidents = newIncidentsView(u)
	u.sources = newSourcesView(u)
	u.status = widget.NewLabel(l.T("status.opening"))
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.message = widget.NewLabel("")
	u.openFolder = widget.NewButton(l.T("status.openFolder"), u.showFolder)
	u.openFolder.Importance = widget.LowImportance
	u.openFolder.Hide()
	u.tabs = container.NewAppTabs(
		container.NewTabItem(l.T("tab.chart"), u.chart),
		container.NewTabItem(l.T("tab.incidents"), u.incidents.buildUI()),
		container.NewTabItem(l.T("tab.sources"), u.sources.buildUI()),
	)
	u.tabs.OnSelected = func(*container.TabItem) { u.refreshTab() }
	statusLine := container.NewBorder(nil, nil, nil, container.NewHBox(u.message, u.openFolder), u.status)
	body := container.NewBorder(nil, nil, u.filters.buildUI(), nil, u.tabs)
	u.win.SetContent(container.NewBorder(u.toolbar(), container.NewVBox(widget.NewSeparator(), statusLine), nil, nil, body))
	u.filter = u.prefs.filter()
	from, to := u.prefs.dateText()
	u.filters.set(u.filter, from, to)
	u.filters.setPanels(u.panels)
}

// rebuild lays the window out again in the app's language, keeping the
// open database, the filters and the selected tab.
func (u *App) rebuild() {
	tab := u.tabs.SelectedIndex()
	u.buildUI()
	u.tabs.SelectIndex(tab)
	u.setTitle()
	if u.store != nil {
		u.reload()
	}
}

// refreshTab loads the selected tab's data if it is out of date.
func (u *App) refreshTab() {
	switch u.tabs.SelectedIndex() {
	case 1:
		u.incidents.load()
	case 2:
		u.sources.load()
	}
}

// setPanels is called by the filter panel when the user chooses one
// panel per country (on) or one chart.
func (u *App) setPanels(on bool) {
	u.panels = on
	u.prefs.setPanels(on)
	u.chart.setStyle(u.chartStyle())
}

// setFilter is called by the filter panel on every valid change.
func (u *App) setFilter(f data.Filter, from, to string) {
	u.filter = f
	u.prefs.setFilter(f, from, to)
	u.chart.show(u.store, f)
	u.incidents.invalidate()
	u.refreshTab()
}

// chartDrawn is called by the chart view after each chart reaches the
// screen, or with the error that stopped it; the view shows the error in
// place of the chart, so it needs no dialog.
func (u *App) chartDrawn(c *data.Chart, err error) {
	if ready := u.opts.Ready; ready != nil {
		u.opts.Ready = nil
		ready(u.win, err)
	}
	if err == nil && u.opts.Drawn != nil {
		u.opts.Drawn(c)
	}
}

// setStore makes st the open database, closing the previous one, and
// reloads every screen.
func (u *App) setStore(st data.Store) {
	if u.store != nil {
		old := u.store
		go old.Close()
	}
	u.store = st
	u.prefs.setLastDB(st.Path())
	u.setTitle()
	u.reload()
}

// setTitle names the open database in the window title: "My database"
// for the default one, else the file's name.
func (u *App) setTitle() {
	if u.store == nil {
		u.win.SetTitle(AppName)
		return
	}
	u.win.SetTitle(AppName + " — " + u.databaseName(u.store.Path()))
}

// databaseName is how the app names the database at path: "My database"
// for the default one, else the file's name.
func (u *App) databaseName(path string) string {
	if u.isDefault(path) {
		return u.lang.T("db.mine")
	}
	return filepath.Base(path)
}

// isDefault reports whether path is the default database.
func (u *App) isDefault(path string) bool {
	def := u.opts.DefaultPath
	if def == "" || path == "" {
		return false
	}
	a, errA := filepath.Abs(def)
	b, errB := filepath.Abs(path)
	return errA == nil && errB == nil && a == b
}

// reload refreshes every screen after the database changed.
func (u *App) reload() {
	u.chart.show(u.store, u.filter)
	u.incidents.invalidate()
	u.sources.invalidate()
	u.refreshTab()
	u.loadStats()
}

// loadStats updates the status line and the filter panel's date hints.
func (u *App) loadStats() {
	st := u.store
	background(func() (data.Stats, error) { return st.Stats(context.Background()) },
		func(s data.Stats, err error) {
			if st != u.store {
				return
			}
			if err != nil {
				u.showError(u.lang.T("error.dbRead"), err)
				return
			}
			u.stats = s
			u.status.SetText(fmt.Sprintf("%s · %s · %s", count(u.lang, "count.incidents", s.Incidents),
				count(u.lang, "count.sources", s.Sources), st.Path()))
			u.filters.setRange(s.First, s.Last)
		})
}

// say shows a short message at the right of the status line.
func (u *App) say(msg string) {
	u.message.SetText(msg)
	u.openFolder.Hide()
}

// sayInFolder shows a message about a file written to dir, with a button
// that opens dir in the system's file manager.
func (u *App) sayInFolder(msg, dir string) {
	u.message.SetText(msg)
	u.folder = dir
	u.openFolder.Show()
}

// showFolder opens the folder of the last export in the system's file
// manager.
func (u *App) showFolder() {
	addr, err := url.Parse(storage.NewFileURI(u.folder).String())
	if err == nil {
		err = u.openURL(addr)
	}
	if err != nil {
		u.showError(u.lang.T("status.openFolderFailed"), fmt.Errorf("open the folder %s: %w", u.folder, err))
	}
}

// onUI runs f on the UI goroutine; background goroutines hand all their
// results to the UI through it. It is fyne.Do; tests replace it with a
// version that also serialises their own UI actions, which Fyne's test
// driver does not.
var onUI = fyne.Do

// background runs work off the UI goroutine and hands its result to done
// on the UI goroutine.
func background[T any](work func() (T, error), done func(T, error)) {
	go func() {
		v, err := work()
		onUI(func() { done(v, err) })
	}()
}

// iconResource is the window icon.
var iconResource = fyne.NewStaticResource("icon.png", assets.Icon)
