package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

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

// chooseDatabase asks for a database file and opens it.
func (u *App) chooseDatabase() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(u.lang.T("file.openFailed"), err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		u.openDatabase(r.URI().Path())
	}, u.win)
	// Only database files: this also hides SQLite's -wal and -shm files.
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}))
	d.SetConfirmText(u.lang.T("dialog.open"))
	d.SetDismissText(u.lang.T("dialog.cancel"))
	if st := u.store; st != nil {
		setDialogFolder(d, st.Path())
	}
	d.Resize(dialogSize(u.win, 900, 600))
	d.Show()
}

// openDatabase opens the database at path in the background. If it fails,
// the user is told why and the current database stays open.
func (u *App) openDatabase(path string) {
	open := u.opts.Open
	l := u.lang
	progress := dialog.NewCustomWithoutButtons(l.T("db.opening"), wrapLabel(path), u.win)
	progress.Show()
	background(func() (data.Store, error) { return open(context.Background(), path) },
		func(st data.Store, err error) {
			progress.Hide()
			if err != nil {
				u.showError(l.T("db.openFailed"), err, keptNote(l, u.store))
				return
			}
			u.setStore(st)
			u.say(l.T("status.opened", st.Path()))
		})
}

// keptNote says in language l which database stays open after a failure.
func keptNote(l i18n.Language, st data.Store) string {
	if st == nil {
		return l.T("db.noneKept")
	}
	return l.T("db.kept", st.Path())
}
