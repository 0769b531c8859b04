package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"catracker/data"
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
		if r.firstErr != nil {
			u.showError("The database could not be opened", r.firstErr, "The default database was opened instead.")
			if u.opts.Path != "" {
				u.failReady(r.firstErr)
			}
		}
		if err != nil {
			u.status.SetText("No database is open. Use Open database to choose one.")
			u.showError("The default database could not be opened", err)
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
			u.showError("The file could not be opened", err)
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
	d.SetConfirmText("Open")
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
	progress := dialog.NewCustomWithoutButtons("Opening the database", wrapLabel(path), u.win)
	progress.Show()
	background(func() (data.Store, error) { return open(context.Background(), path) },
		func(st data.Store, err error) {
			progress.Hide()
			if err != nil {
				u.showError("The database could not be opened", err, keptNote(u.store))
				return
			}
			u.setStore(st)
			u.say("Opened " + st.Path())
		})
}

// keptNote says which database stays open after a failure.
func keptNote(st data.Store) string {
	if st == nil {
		return "No database is open."
	}
	return "The database " + st.Path() + " is still open."
}
