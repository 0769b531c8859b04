package ui

import (
	"context"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// importProgress is the dialog of a long pass over a file: what it does,
// a progress bar, the rows done and the time left, and Cancel.
type importProgress struct {
	l         i18n.Language
	dlg       dialog.Dialog
	bar       *widget.ProgressBar
	status    *widget.Label
	start     time.Time
	cancelled bool // read and written on the UI goroutine
}

// showProgress shows a progress dialog; its Cancel button calls cancel
// and says that the pass is stopping.
func (u *App) showProgress(title, what string, cancel func()) *importProgress {
	l := u.lang
	p := &importProgress{l: l, bar: widget.NewProgressBar(), status: widget.NewLabel(" "), start: time.Now()}
	var stop *widget.Button
	stop = widget.NewButton(l.T("dialog.cancel"), func() {
		p.cancelled = true
		stop.Disable()
		p.status.SetText(l.T("import.stopping"))
		cancel()
	})
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(wrapLabel(what), p.bar, p.status,
		container.NewHBox(layout.NewSpacer(), stop)), u.win)
	p.dlg.Resize(dialogSize(u.win, 520, 0))
	p.dlg.Show()
	return p
}

// report shows the rows done, in done, and the part of the work done,
// from 0 to 1, with an estimate of the time left. It is called from the
// pass's own goroutine.
func (p *importProgress) report(done string, fraction float64) {
	text := progressText(p.l, done, fraction, time.Since(p.start))
	onUI(func() {
		if p.cancelled {
			return
		}
		p.bar.SetValue(fraction)
		p.status.SetText(text)
	})
}

// hide closes the progress dialog.
func (p *importProgress) hide() { p.dlg.Hide() }

// progressText is the progress line in language l: the rows done and,
// once a second's work gives a fair estimate, the time left at the rate
// so far ("12,000 rows checked · about 8 seconds left").
func progressText(l i18n.Language, done string, fraction float64, elapsed time.Duration) string {
	if fraction <= 0 || fraction >= 1 || elapsed < time.Second {
		return done
	}
	left := time.Duration(float64(elapsed) * (1 - fraction) / fraction)
	return done + " · " + timeLeft(l, left)
}

// timeLeft says in language l about how long is left: in seconds under a
// minute, rounded up, then in minutes.
func timeLeft(l i18n.Language, d time.Duration) string {
	if d < time.Minute {
		s := max(int(math.Ceil(d.Seconds())), 1)
		return l.N("import.left.seconds", s, l.Number(s))
	}
	m := int(math.Round(d.Minutes()))
	return l.N("import.left.minutes", m, l.Number(m))
}

// showPreview says what importing the file would do: how many incidents
// it adds, which existing ones it changes and how, and how many it
// leaves as they are. Import writes the file (runImport); Cancel, or
// Escape, leaves the database as it is.
func (u *App) showPreview(st data.Store, path, name string, p data.ImportPreview, note string) {
	l := u.lang
	var lines []fyne.CanvasObject
	say := func(text string) { lines = append(lines, wrapLabel(text)) }
	switch {
	case p.Rows() == 0:
		say(l.T("import.preview.empty", name))
	case p.Added == 0 && p.Changed == 0:
		say(l.T("import.preview.nothing"))
	}
	if p.Added > 0 {
		say(l.N("import.preview.added", p.Added, l.Number(p.Added)))
	}
	var changes fyne.CanvasObject
	if p.Changed > 0 {
		say(l.N("import.preview.changed", p.Changed, l.Number(p.Changed)))
		list := container.NewVBox()
		for _, c := range p.Changes {
			list.Add(wrapLabel(describeChange(l, c)))
		}
		if more := p.Changed - len(p.Changes); more > 0 {
			list.Add(widget.NewLabel(l.N("import.preview.more", more, l.Number(more))))
		}
		changes = container.NewVScroll(list)
	}
	var after []fyne.CanvasObject
	if p.Unchanged > 0 {
		after = append(after, wrapLabel(l.N("import.preview.unchanged", p.Unchanged, l.Number(p.Unchanged))))
	}
	if note != "" {
		after = append(after, wrapLabel(note))
	}
	writes := p.Added > 0 || p.Changed > 0
	if writes {
		after = append(after, wrapLabel(l.T("import.preview.undoNote")))
	}
	content := container.NewBorder(container.NewVBox(lines...), container.NewVBox(after...), nil, nil, changes)
	title := l.T("import.preview.title", name)
	height := float32(0) // the content's own height
	if changes != nil {
		// Room for the listed changes, up to a scrolling list.
		height = min(560, 360+40*float32(len(p.Changes)+min(p.Changed-len(p.Changes), 1)))
	}
	if !writes {
		d := dialog.NewCustom(title, l.T("dialog.close"), content, u.win)
		d.Resize(dialogSize(u.win, 720, height))
		u.showClosable(d)
		return
	}
	d := dialog.NewCustomConfirm(title, l.T("import.confirm"), l.T("dialog.cancel"), content, func(ok bool) {
		if !ok {
			u.say(l.T("import.cancelled"))
			return
		}
		u.runImport(st, path, name, p, note)
	}, u.win)
	d.Resize(dialogSize(u.win, 720, height))
	u.showClosable(d)
}

// describeChange says in language l how an import changes one incident:
// "kg-burials-2022-03 (row 4): count 2 → 3, summary", naming the columns
// in l's words. A column's old and new values are shown when both are
// short; a long text is named only.
func describeChange(l i18n.Language, c data.IncidentChange) string {
	fields := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		fields[i] = columnLabel(l, f.Column)
		if short(f.Old) && short(f.New) {
			fields[i] = l.T("import.preview.value", fields[i], shownValue(l, f.Old), shownValue(l, f.New))
		}
	}
	ref := c.Ref
	if c.Row > 0 {
		ref = l.T("import.preview.ref", c.Ref, c.Row)
	}
	return ref + ": " + strings.Join(fields, ", ")
}

// short reports whether a value is short enough to show in a preview.
func short(v string) bool { return utf8.RuneCountInString(v) <= 32 && !strings.ContainsAny(v, "\n\r") }

// shownValue is a value as the preview shows it; blank says so.
func shownValue(l i18n.Language, v string) string {
	if v == "" {
		return l.T("import.preview.blank")
	}
	return v
}

// showFinished says what an import changed, with a button that undoes it.
func (u *App) showFinished(st data.Store, name, result string) {
	l := u.lang
	var d dialog.Dialog
	undo := widget.NewButtonWithIcon(l.T("import.undo"), theme.ContentUndoIcon(), func() {
		d.Hide()
		u.confirmUndo(st)
	})
	d = dialog.NewCustom(l.T("import.finished"), l.T("dialog.ok"),
		container.NewVBox(wrapLabel(result), container.NewHBox(undo)), u.win)
	d.Resize(dialogSize(u.win, 520, 0))
	u.showClosable(d)
}

// importButton is the toolbar's Import button. While the last import can
// be undone it offers a menu: import a file, or undo that import;
// otherwise it goes straight to choosing a file.
func (u *App) importButton() *widget.Button {
	l := u.lang
	var b *widget.Button
	b = widget.NewButtonWithIcon(l.T("toolbar.import"), theme.UploadIcon(), func() {
		st := u.store
		if st == nil {
			u.chooseImport()
			return
		}
		background(func() (*data.LastImport, error) { return st.LastImport(context.Background()) },
			func(last *data.LastImport, err error) {
				if err != nil || last == nil || st != u.store {
					u.chooseImport()
					return
				}
				choose := fyne.NewMenuItem(l.T("import.menu.file"), u.chooseImport)
				choose.Shortcut = shortcutImport
				undo := fyne.NewMenuItem(l.T("import.menu.undo", last.File), func() { u.confirmUndo(st) })
				undo.Icon = theme.ContentUndoIcon()
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", choose, undo), u.win.Canvas(),
					pos.AddXY(0, b.Size().Height))
			})
	})
	return b
}

// confirmUndo asks before undoing the last import of st, saying what
// goes back; it says so instead when there is nothing to undo.
func (u *App) confirmUndo(st data.Store) {
	l := u.lang
	background(func() (*data.LastImport, error) { return st.LastImport(context.Background()) },
		func(last *data.LastImport, err error) {
			switch {
			case err != nil:
				u.showError(l.T("import.undoFailed"), err, l.T("note.nothingChanged"))
				return
			case last == nil || st != u.store:
				u.showInfo(l.T("import.undoNone"), l.T("import.undoNoneText"))
				return
			}
			text := l.T("import.undoAsk", last.File, last.At.Local().Format("2006-01-02 15:04"),
				count(l, "count.incidents", last.Added))
			d := dialog.NewCustomConfirm(l.T("import.undoTitle", last.File), l.T("import.undo"), l.T("dialog.cancel"),
				wrapLabel(text), func(ok bool) {
					if ok {
						u.undoImport(st, last.File)
					}
				}, u.win)
			d.Resize(dialogSize(u.win, 520, 0))
			u.showClosable(d)
		})
}

// undoImport puts back the database as it was before the import of file.
func (u *App) undoImport(st data.Store, file string) {
	l := u.lang
	wait := dialog.NewCustomWithoutButtons(l.T("import.undoing", file), widget.NewProgressBarInfinite(), u.win)
	wait.Show()
	background(func() (struct{}, error) { return struct{}{}, st.UndoImport(context.Background()) },
		func(_ struct{}, err error) {
			wait.Hide()
			if err != nil {
				u.showError(l.T("import.undoFailed"), err, l.T("note.nothingChanged"))
				return
			}
			u.reload()
			u.say(l.T("status.undone", file))
		})
}
