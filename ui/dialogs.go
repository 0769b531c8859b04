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

// chooseFile asks for a file whose name ends in one of exts and hands
// its path to open. The dialog starts where a file was last chosen (see
// startIn), and the folder of the file chosen is remembered.
func (u *App) chooseFile(title, confirm string, exts []string, open func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(u.lang.T("file.openFailed"), err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		path := r.URI().Path()
		u.prefs.setDialogFolder(filepath.Dir(path))
		open(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	u.startIn(d)
	u.showFileDialog(d, title, confirm)
}

// showFileDialog shows a file or folder dialog in the app's language,
// with our title and confirm button, sized to the window and closed by
// Escape. Fyne translates its own texts (see useFyneLanguage) but not the
// places of its side bar, which namePlaces names.
func (u *App) showFileDialog(d *dialog.FileDialog, title, confirm string) {
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetDismissText(u.lang.T("dialog.cancel"))
	u.showClosable(d)
	namePlaces(u.win.Canvas().Overlays().Top(), u.lang)
	d.Resize(dialogSize(u.win, 900, 600)) // laid out with the places' names
}

// startIn starts a file dialog in the folder a file was last chosen in,
// else in the open database's folder unless that is the default
// database's hidden one.
func (u *App) startIn(d *dialog.FileDialog) {
	switch dir := u.prefs.dialogFolder(); {
	case dir != "":
		setDialogFolder(d, filepath.Join(dir, "x"))
	case u.store != nil && !u.isDefault(u.store.Path()):
		setDialogFolder(d, u.store.Path())
	}
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
