package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
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
)

// chooseImport asks for a CSV file and imports it.
func (u *App) chooseImport() {
	if u.store == nil {
		u.showError("No database is open", errors.New("open a database before importing a file"))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError("The file could not be opened", err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		u.importFile(r.URI().Path())
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.SetConfirmText("Import")
	d.Resize(dialogSize(u.win, 900, 600))
	d.Show()
}

// csvCheck is what the checking pass found: how many rows are valid and
// the problems of the others.
type csvCheck struct {
	rows     int
	problems data.RowErrors
}

// importFile imports a CSV file in two passes. The first checks every row
// and lists all the problems; only a file without any goes on to the
// second, which writes it in one transaction with a progress bar.
func (u *App) importFile(path string) {
	st, name := u.store, filepath.Base(path)
	bar := widget.NewProgressBarInfinite()
	status := widget.NewLabel("Checking every row of the file…")
	wait := dialog.NewCustomWithoutButtons("Importing "+name, container.NewVBox(status, bar), u.win)
	wait.Show()
	checked := func(rows int) {
		onUI(func() {
			status.SetText(fmt.Sprintf("Checking every row of the file… %s so far", plural(rows, "row")))
		})
	}
	background(func() (*csvCheck, error) { return checkCSV(path, name, checked) },
		func(c *csvCheck, err error) {
			bar.Stop()
			wait.Hide()
			switch {
			case err != nil:
				u.showError("The file could not be read", err, "Nothing was changed.")
			case c.problems.Total > 0:
				u.showImportProblems(name, &c.problems)
			default:
				u.runImport(st, path, name, c.rows)
			}
		})
}

// checkEvery is how many rows the checking pass reads between reports.
const checkEvery = 10000

// checkCSV reads the whole file and collects the problems of every row,
// reporting the rows read to progress now and then.
func checkCSV(path, name string, progress func(rows int)) (*csvCheck, error) {
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
	for n := 1; ; n++ {
		if n%checkEvery == 0 {
			progress(n)
		}
		_, err := r.Next()
		switch {
		case errors.Is(err, io.EOF):
			return c, nil
		case errors.As(err, &re):
			c.problems.Add(re)
		case err != nil:
			return nil, err
		default:
			c.rows++
		}
	}
}

// runImport writes the checked file with a progress bar, then says what
// changed.
func (u *App) runImport(st data.Store, path, name string, rows int) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	bar.Max = float64(max(rows, 1))
	stop := widget.NewButton("Cancel", cancel)
	dlg := dialog.NewCustomWithoutButtons("Importing "+name, container.NewVBox(
		widget.NewLabel(fmt.Sprintf("Writing %s. Nothing changes until the last row is written.", plural(rows, "row"))),
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
			u.say("Import cancelled; nothing was changed")
		case err != nil:
			u.showError("The file could not be imported", err, "Nothing was changed.")
		default:
			u.reload()
			dialog.ShowInformation("Import finished", fmt.Sprintf("%s imported: %s added, %s updated.",
				name, plural(res.Added, "incident"), thousands(res.Updated)), u.win)
			u.say("Imported " + name)
		}
	})
}

// showImportProblems lists every problem of a file by row and column.
func (u *App) showImportProblems(name string, problems *data.RowErrors) {
	var rows []fyne.CanvasObject
	for _, p := range problems.List {
		rows = append(rows, widget.NewLabelWithStyle(problemPlace(p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			wrapLabel(sentence(p.Message)))
	}
	list := container.NewVBox(container.New(layout.NewFormLayout(), rows...))
	if more := problems.Total - len(problems.List); more > 0 {
		list.Add(widget.NewLabel(fmt.Sprintf("…and %s more.", plural(more, "problem"))))
	}
	intro := wrapLabel(fmt.Sprintf("Nothing was changed. %s has %s; fix them in the file and import it again.",
		name, plural(problems.Total, "problem")))
	copyList := widget.NewButton("Copy the list", func() { u.fyneApp.Clipboard().SetContent(problems.Error()) })
	content := container.NewBorder(intro, container.NewHBox(copyList), nil, nil, container.NewVScroll(list))
	d := dialog.NewCustom("The file was not imported", "Close", content, u.win)
	d.Resize(dialogSize(u.win, 820, 560))
	d.Show()
}

// sentence capitalises msg and ends it with a full stop.
func sentence(msg string) string {
	msg = capitalise(strings.TrimSpace(msg))
	if msg != "" && !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg
}

// problemPlace names where a problem is: "Row 4, column count".
func problemPlace(p *data.RowError) string {
	switch {
	case p.Row == 0:
		return "The file"
	case p.Column == "":
		return fmt.Sprintf("Row %d", p.Row)
	}
	return fmt.Sprintf("Row %d, column %s", p.Row, p.Column)
}
