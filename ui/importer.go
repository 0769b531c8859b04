package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
)

// chooseImport asks for a CSV file and imports it.
func (u *App) chooseImport() {
	l := u.lang
	if u.store == nil {
		u.showError(l.T("error.noDatabase"), errors.New(l.T("import.needDatabase")))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(l.T("file.openFailed"), err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		u.importFile(r.URI().Path())
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText(l.T("import.confirm"))
	d.SetDismissText(l.T("dialog.cancel"))
	d.Resize(dialogSize(u.win, 900, 600))
	d.Show()
}

// csvCheck is what the checking pass found: how many rows are valid and
// the problems of the others.
type csvCheck struct {
	rows     int
	problems data.RowErrors
	format   csvio.Format
	dates    csvio.DateRewrites
}

// importFile imports a CSV file in two passes. The first checks every row
// and lists all the problems; only a file without any goes on to the
// second, which writes it in one transaction with a progress bar.
func (u *App) importFile(path string) {
	st, name, l := u.store, filepath.Base(path), u.lang
	bar := widget.NewProgressBarInfinite()
	status := widget.NewLabel(l.T("import.checking"))
	wait := dialog.NewCustomWithoutButtons(l.T("import.title", name), container.NewVBox(status, bar), u.win)
	wait.Show()
	checked := func(rows int) {
		onUI(func() { status.SetText(l.T("import.checkedSoFar", count(l, "count.rows", rows))) })
	}
	background(func() (*csvCheck, error) { return checkCSV(path, name, checked) },
		func(c *csvCheck, err error) {
			bar.Stop()
			wait.Hide()
			switch {
			case err != nil:
				u.showError(l.T("import.readFailed"), err, l.T("note.nothingChanged"))
			case c.problems.Total > 0:
				u.showImportProblems(name, &c.problems)
			default:
				u.runImport(st, path, name, c.rows, strings.TrimSpace(formatNote(l, name, c.format)+" "+dateNote(l, c.dates)))
			}
		})
}

// checkCSV reads the whole file and collects the problems of every row,
// reporting the rows read to progress now and then.
func checkCSV(path, name string, progress data.Progress) (*csvCheck, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	c := &csvCheck{}
	r, err := csvio.NewReader(f, name)
	var re *data.RowError
	if errors.As(err, &re) {
		c.problems.Add(re)
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	c.format = r.Format()
	c.rows, err = csvio.Check(context.Background(), r, progress)
	c.dates = r.DateRewrites()
	var problems *data.RowErrors
	if errors.As(err, &problems) {
		c.problems = *problems
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// formatNote says in language l how a file not in the app's own format
// (comma-separated UTF-8) was read and converted, or returns "".
func formatNote(l i18n.Language, name string, f csvio.Format) string {
	if f.Plain() {
		return ""
	}
	sep := map[rune]string{',': "import.sep.comma", ';': "import.sep.semicolon", '\t': "import.sep.tab"}[f.Separator]
	cr := ""
	if f.CROnly {
		cr = l.T("import.format.cr")
	}
	note := l.T("import.format", name, f.Encoding, l.T(sep), cr)
	if f.Encoding != "UTF-8" {
		note += " " + l.T("import.converted")
	}
	return note
}

// dateNote says in language l how many dates written in another form
// (15.03.2023, June 2022) were stored canonically, with the first as an
// example, or returns "".
func dateNote(l i18n.Language, d csvio.DateRewrites) string {
	if d.Count == 0 {
		return ""
	}
	return l.T("import.dates", d.Count, d.Row, d.From, d.To)
}

// runImport writes the checked file with a progress bar, then says what
// changed and, in note, how the file was read if that needs saying.
func (u *App) runImport(st data.Store, path, name string, rows int, note string) {
	l := u.lang
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Max = float64(max(rows, 1))
	stop := widget.NewButton(l.T("dialog.cancel"), cancel)
	dlg := dialog.NewCustomWithoutButtons(l.T("import.title", name), container.NewVBox(
		wrapLabel(l.T("import.writing", count(l, "count.rows", rows))),
		bar, container.NewHBox(layout.NewSpacer(), stop)), u.win)
	dlg.Resize(dialogSize(u.win, 520, 0))
	dlg.Show()
	progress := func(n int) { onUI(func() { bar.SetValue(float64(n)) }) }
	background(func() (data.ImportResult, error) {
		f, err := os.Open(path)
		if err != nil {
			return data.ImportResult{}, fmt.Errorf("open %s: %w", name, err)
		}
		defer f.Close()
		r, err := csvio.NewReader(f, name)
		if err != nil {
			return data.ImportResult{}, err
		}
		return st.Import(ctx, r, progress)
	}, func(res data.ImportResult, err error) {
		cancel()
		dlg.Hide()
		var problems *data.RowErrors
		switch {
		case errors.As(err, &problems):
			u.showImportProblems(name, problems)
		case errors.Is(err, context.Canceled):
			u.say(l.T("import.cancelled"))
		case err != nil:
			u.showError(l.T("import.failed"), err, l.T("note.nothingChanged"))
		default:
			u.reload()
			result := l.T("import.result", name, count(l, "count.incidents", res.Added), l.Number(res.Updated))
			if note != "" {
				result += "\n\n" + note
			}
			u.showInfo(l.T("import.finished"), result)
			u.say(l.T("status.imported", name))
		}
	})
}

// showImportProblems lists every problem of a file by row and column.
func (u *App) showImportProblems(name string, problems *data.RowErrors) {
	l := u.lang
	var rows []fyne.CanvasObject
	for _, p := range problems.List {
		rows = append(rows, widget.NewLabelWithStyle(problemPlace(l, p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			wrapLabel(sentence(p.Message)))
	}
	list := container.NewVBox(container.New(layout.NewFormLayout(), rows...))
	if more := problems.Total - len(problems.List); more > 0 {
		list.Add(widget.NewLabel(l.T("import.more", count(l, "count.problems", more))))
	}
	intro := wrapLabel(l.T("import.problems", name, count(l, "count.problems", problems.Total)))
	copyList := widget.NewButton(l.T("import.copyList"), func() { u.fyneApp.Clipboard().SetContent(problems.Error()) })
	content := container.NewBorder(intro, container.NewHBox(copyList), nil, nil, container.NewVScroll(list))
	d := dialog.NewCustom(l.T("import.notImported"), l.T("dialog.close"), content, u.win)
	d.Resize(dialogSize(u.win, 820, 560))
	u.showClosable(d)
}

// sentence capitalises msg and ends it with a full stop.
func sentence(msg string) string {
	msg = capitalise(strings.TrimSpace(msg))
	if msg != "" && !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg
}

// problemPlace names in language l where a problem is: "Row 4, column
// count".
func problemPlace(l i18n.Language, p *data.RowError) string {
	switch {
	case p.Row == 0:
		return l.T("import.place.file")
	case p.Column == "":
		return l.T("import.place.row", p.Row)
	}
	return l.T("import.place.cell", p.Row, p.Column)
}
