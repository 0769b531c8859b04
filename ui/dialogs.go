package ui

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// showClosable shows d and lets Escape close it as its Cancel or Close
// button would. Every dialog of the app is shown through it, except those
// that only show progress with nothing to cancel.
func (u *App) showClosable(d dialog.Dialog) {
	u.closable = append(u.closable, d)
	d.SetOnClosed(func() {
		if i := slices.Index(u.closable, d); i >= 0 {
			u.closable = slices.Delete(u.closable, i, i+1)
		}
	})
	d.Show()
}

// closeTopDialog closes the newest dialog that Escape closes, if any, as
// its Cancel or Close button would.
func (u *App) closeTopDialog() {
	if n := len(u.closable); n > 0 {
		u.closable[n-1].Dismiss()
	}
}

// showError tells the user in plain words what went wrong, followed by
// optional notes on what happens next.
func (u *App) showError(title string, err error, notes ...string) {
	text := strings.Join(append([]string{sentence(err.Error())}, notes...), "\n\n")
	d := dialog.NewCustom(title, u.lang.T("dialog.ok"), container.NewVScroll(wrapLabel(text)), u.win)
	d.Resize(dialogSize(u.win, 560, 0))
	u.showClosable(d)
}

// showInfo tells the user that something went well, with an OK button in
// the app's language (Fyne's own information dialog follows the system's).
func (u *App) showInfo(title, text string) {
	d := dialog.NewCustom(title, u.lang.T("dialog.ok"), wrapLabel(text), u.win)
	d.Resize(dialogSize(u.win, 480, 0))
	u.showClosable(d)
}

// wrapLabel is a label that wraps its text at word boundaries and can be
// selected and copied.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// dialogSize returns the size w×h capped to fit inside the window with a
// margin. A zero height asks for 200; a dialog is never smaller than its
// content needs, so it may come out taller.
func dialogSize(win fyne.Window, w, h float32) fyne.Size {
	avail := win.Canvas().Size()
	if avail.Width > 80 && w > avail.Width-40 {
		w = avail.Width - 40
	}
	if avail.Height > 80 && h > avail.Height-40 {
		h = avail.Height - 40
	}
	if h == 0 {
		h = 200
	}
	return fyne.NewSize(w, h)
}

// setDialogFolder starts a file dialog in the folder that holds path, if
// that folder can be listed.
func setDialogFolder(d *dialog.FileDialog, path string) {
	if path == "" {
		return
	}
	l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(path)))
	if err == nil {
		d.SetLocation(l)
	}
}
