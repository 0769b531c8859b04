package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// openFirst opens the database at start: the one named on the command
// line, else the one used last, else the default one. If a named or
// remembered database fails to open, the user is told why and the default
// database opens instead.
func (u *App) openFirst() {
	path := u.opts.Path
	if path == "" {
		path = u.prefs.lastDB()
	}
	open := u.opts.Open
	type result struct {
		st       data.Store
		firstErr error
	}
	background(func() (result, error) {
		var r result
		if path != "" {
			st, err := open(context.Background(), path)
			if err == nil {
				return result{st: st}, nil
			}
			r.firstErr = err
		}
		st, err := open(context.Background(), "")
		r.st = st
		return r, err
	}, func(r result, err error) {
		l := u.lang
		if r.firstErr != nil {
			u.showError(l.T("db.openFailed"), r.firstErr, l.T("db.defaultInstead"))
			if u.opts.Path != "" {
				u.failReady(r.firstErr)
			}
		}
		if err != nil {
			u.status.SetText(l.T("db.noneOpen"))
			u.showError(l.T("db.defaultFailed"), err)
			u.failReady(err)
			return
		}
		u.setStore(r.st)
	})
}

// failReady reports a start-up failure to Options.Ready.
func (u *App) failReady(err error) {
	if ready := u.opts.Ready; ready != nil {
		u.opts.Ready = nil
		ready(u.win, err)
	}
}

// chooseDatabase offers the databases to open under the Open database
// button: "My database" (the default one) first, then the files opened
// recently, then any other file through a file dialog.
func (u *App) chooseDatabase() {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.openBtn)
	widget.ShowPopUpMenuAtPosition(u.databaseMenu(), u.win.Canvas(), pos.AddXY(0, u.openBtn.Size().Height))
}

// databaseMenu is the menu of databases to open. The open one is ticked.
func (u *App) databaseMenu() *fyne.Menu {
	l := u.lang
	open := ""
	if u.store != nil {
		open = u.store.Path()
	}
	mine := fyne.NewMenuItem(l.T("db.mine"), func() { u.openDatabase("") })
	mine.Checked = u.isDefault(open)
	items := []*fyne.MenuItem{mine}
	var recent []*fyne.MenuItem
	for _, path := range u.prefs.recentDBs() {
		if u.isDefault(path) {
			continue
		}
		item := fyne.NewMenuItem(l.T("db.recentItem", filepath.Base(path), folderName(l, filepath.Dir(path))), func() { u.openDatabase(path) })
		item.Checked = path == open
		recent = append(recent, item)
	}
	if len(recent) > 0 {
		items = append(append(items, fyne.NewMenuItemSeparator()), recent...)
	}
	other := fyne.NewMenuItem(l.T("db.other"), u.chooseDatabaseFile)
	return fyne.NewMenu("", append(items, fyne.NewMenuItemSeparator(), other)...)
}

// folderName names dir for a menu in language l: within the home folder
// relative to it ("Documents/reports"), else in full.
func folderName(l i18n.Language, dir string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return dir
	}
	rel, err := filepath.Rel(home, dir)
	switch {
	case err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)):
		return dir
	case rel == ".":
		return l.T("db.homeFolder")
	}
	return rel
}

// chooseDatabaseFile asks for a database file (only database files:
// this also hides SQLite's -wal and -shm files) and opens it.
func (u *App) chooseDatabaseFile() {
	l := u.lang
	u.chooseFile(l.T("file.title.database"), l.T("dialog.open"), []string{".db", ".sqlite", ".sqlite3"}, u.openDatabase)
}

// openDatabase opens the database at path ("" for the default one) in the
// background, showing how long it has taken and a Cancel button: a large
// or old database may take a while to check and upgrade. If it fails or
// is cancelled, the user is told why and the current database stays open.
func (u *App) openDatabase(path string) {
	open := u.opts.Open
	l := u.lang
	name := path
	if name == "" {
		name = u.opts.DefaultPath
	}
	ctx, cancel := context.WithCancel(context.Background())
	finished := false
	elapsed := widget.NewLabel(l.T("db.elapsed", "0:00"))
	content := container.NewVBox(wrapLabel(name), widget.NewProgressBarInfinite(), elapsed, hint(l.T("db.openingHint")))
	progress := dialog.NewCustomWithoutButtons(l.T("db.openingFile", u.databaseName(name)), content, u.win)
	progress.SetButtons([]fyne.CanvasObject{widget.NewButton(l.T("dialog.cancel"), progress.Hide)})
	progress.SetOnClosed(func() {
		if !finished {
			finished = true
			cancel()
			u.say(l.T("db.openCancelled"))
		}
	})
	progress.Resize(dialogSize(u.win, 520, 0))
	u.showClosable(progress)
	go tick(ctx, func(d time.Duration) {
		elapsed.SetText(l.T("db.elapsed", fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)))
	})
	background(func() (data.Store, error) { return open(ctx, path) },
		func(st data.Store, err error) {
			if finished { // cancelled: the database open before stays
				if st != nil {
					go st.Close()
				}
				return
			}
			finished = true
			cancel()
			progress.Hide()
			if err != nil {
				u.showError(l.T("db.openFailed"), err, keptNote(l, u.store))
				return
			}
			u.setStore(st)
			u.say(l.T("status.opened", u.databaseName(st.Path())))
		})
}

// tick calls show on the UI goroutine with the time since it started,
// every second until ctx is done.
func tick(ctx context.Context, show func(time.Duration)) {
	start := time.Now()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			onUI(func() {
				if ctx.Err() == nil {
					show(now.Sub(start))
				}
			})
		}
	}
}

// keptNote says in language l which database stays open after a failure.
func keptNote(l i18n.Language, st data.Store) string {
	if st == nil {
		return l.T("db.noneKept")
	}
	return l.T("db.kept", st.Path())
}
