package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
)

// chooseImport asks for a CSV file and previews its import. Nothing is
// written until the user presses Import in the preview, so a double click
// that lands on a file after opening a folder only shows the preview.
func (u *App) chooseImport() {
	l := u.lang
	if u.store == nil {
		u.showError(l.T("error.noDatabase"), errors.New(l.T("import.needDatabase")))
		return
	}
	u.chooseFile(l.T("file.title.import"), l.T("import.confirm"), []string{".csv"}, u.importFile)
}

// importFile previews the import of a CSV file: one pass reads and
// checks every row and compares each with the database, without writing
// (see data.Store.Preview), with the rows done, the time left and a
// Cancel button. A file with problems lists them all; otherwise the
// preview says what the import would add and change, and only its Import
// button writes (see runImport).
func (u *App) importFile(path string) {
	st, name, l := u.store, filepath.Base(path), u.lang
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.showProgress(l.T("import.title", name), l.T("import.checking"), cancel)
	type checked struct {
		preview data.ImportPreview
		note    string
	}
	background(func() (c checked, err error) {
		err = readCSV(path, name, func(f *countingFile, size int64, r *csvio.Reader) error {
			p, err := st.Preview(ctx, r, func(rows int) {
				prog.report(l.T("import.checkedRows", count(l, "count.rows", rows)), float64(f.read())/float64(size))
			})
			c = checked{p, strings.TrimSpace(formatNote(l, name, r.Format()) + " " + dateNote(l, r.DateRewrites()))}
			return err
		})
		return c, err
	}, func(c checked, err error) {
		cancel()
		prog.hide()
		if u.importStopped(name, err) {
			return
		}
		if err != nil {
			u.showError(l.T("import.readFailed"), err, l.T("note.nothingChanged"))
			return
		}
		u.showPreview(st, path, name, c.preview, c.note)
	})
}

// countingFile is a file that counts the bytes read from it, so that the
// checking pass can tell how far through the file it is.
type countingFile struct {
	*os.File
	n atomic.Int64
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

// read is the number of bytes read so far.
func (f *countingFile) read() int64 { return f.n.Load() }

// openCSV opens the file to import and returns its size (at least 1).
func openCSV(path, name string) (*countingFile, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("open %s: %w", name, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("read %s: %w", name, err)
	}
	return &countingFile{File: f}, max(info.Size(), 1), nil
}

// readCSV opens the file to import at path and hands it to read, with
// its size (at least 1) and a reader of its rows.
func readCSV(path, name string, read func(f *countingFile, size int64, r *csvio.Reader) error) error {
	f, size, err := openCSV(path, name)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := csvio.NewReader(f, name)
	if err != nil {
		return err
	}
	return read(f, size, r)
}

// importStopped tells the user why the import of name stopped if err
// says the file has problems (or one, such as a header without a
// required column) or the user cancelled, and reports whether it did.
func (u *App) importStopped(name string, err error) bool {
	var problems *data.RowErrors
	var one *data.RowError
	switch {
	case errors.As(err, &problems):
		u.showImportProblems(name, problems)
	case errors.As(err, &one):
		u.showImportProblems(name, &data.RowErrors{List: []*data.RowError{one}, Total: 1})
	case errors.Is(err, context.Canceled):
		u.say(u.lang.T("import.cancelled"))
	default:
		return false
	}
	return true
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

// runImport writes the previewed file, keeping a copy of the database so
// that the import can be undone, with the rows written, the time left and
// a Cancel button; then it says what changed and, in note, how the file
// was read if that needs saying, with a button that undoes the import.
func (u *App) runImport(st data.Store, path, name string, p data.ImportPreview, note string) {
	l, rows := u.lang, p.Rows()
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.showProgress(l.T("import.title", name), l.T("import.writing", count(l, "count.rows", rows)), cancel)
	background(func() (res data.ImportResult, err error) {
		err = readCSV(path, name, func(_ *countingFile, _ int64, r *csvio.Reader) error {
			res, err = st.ImportUndoable(ctx, name, r, func(n int) {
				prog.report(l.T("import.writtenRows", l.Number(n), count(l, "count.rows", rows)), float64(n)/float64(max(rows, 1)))
			})
			return err
		})
		return res, err
	}, func(res data.ImportResult, err error) {
		cancel()
		prog.hide()
		if u.importStopped(name, err) {
			return
		}
		switch {
		case err != nil && (res.Added > 0 || res.Updated > 0):
			// Imported, but no copy to undo it could be kept.
			u.reload()
			u.showError(l.T("import.noUndo"), err)
		case err != nil:
			u.showError(l.T("import.failed"), err, l.T("note.nothingChanged"))
		default:
			u.reload()
			result := importResult(l, name, res, p)
			if note != "" {
				result += "\n\n" + note
			}
			u.showFinished(st, name, result)
			u.say(l.T("status.imported", name))
		}
	})
}

// importResult says in language l what the import of name changed: in
// the preview's words (added, changed, already as the file has them) when
// the import did what the preview said, as it does unless the file
// changed in between; otherwise added and updated.
func importResult(l i18n.Language, name string, res data.ImportResult, p data.ImportPreview) string {
	if res.Added != p.Added || res.Updated != p.Changed+p.Unchanged {
		return l.T("import.result", name, count(l, "count.incidents", res.Added), l.Number(res.Updated))
	}
	text := l.T("import.resultChanged", name, count(l, "count.incidents", p.Added), l.Number(p.Changed))
	if p.Unchanged > 0 {
		text += " " + l.N("import.resultUnchanged", p.Unchanged, l.Number(p.Unchanged))
	}
	return text
}

// showImportProblems lists every problem of a file by row and column.
func (u *App) showImportProblems(name string, problems *data.RowErrors) {
	l := u.lang
	var rows []fyne.CanvasObject
	for _, p := range problems.List {
		rows = append(rows, widget.NewLabelWithStyle(problemPlace(l, p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			wrapLabel(rowProblem(l, p)))
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

// rowProblem says in language l what the problem p is, as a sentence.
func rowProblem(l i18n.Language, p *data.RowError) string {
	return sentence(l.Problem(p.Code, p.Args, p.Message))
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
// count"; in Russian "Строка 4, столбец «число» (count)", with the
// column's name in the file.
func problemPlace(l i18n.Language, p *data.RowError) string {
	switch {
	case p.Row == 0:
		return l.T("import.place.file")
	case p.Column == "":
		return l.T("import.place.row", p.Row)
	}
	if line, char, ok := csvio.TextPosition(p.Column); ok {
		return l.T("import.place.text", p.Row, line, char)
	}
	column := p.Column
	if n, ok := csvio.CellNumber(column); ok {
		column = strconv.Itoa(n)
	} else if label := columnLabel(l, column); label != column {
		column = l.T("import.column", label, column)
	}
	return l.T("import.place.cell", p.Row, column)
}

// columnLabel says in language l what a column of the CSV format holds
// ("csv." and the column in the catalogue); in English that is the
// column's own name. A column the catalogue lacks keeps its name.
func columnLabel(l i18n.Language, column string) string {
	key := "csv." + column
	if label := l.T(key); label != key {
		return label
	}
	return column
}
