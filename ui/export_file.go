package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/atomicfile"
	"catracker/internal/chart"
	"catracker/internal/export"
)

// fileRow is where the export goes: the file's name, and the folder with
// a button to choose another. Fyne's save dialog is not used: it empties
// an existing file before the export is written, so a failed export
// would lose it. The app asks before replacing a file, and the file is
// written through a temporary file and renamed into place (see
// atomicfile), as the command line writes it.
func (e *exporter) fileRow() fyne.CanvasObject {
	l := e.app.lang
	e.name = newEntry()
	e.lastFormat = export.Formats[0]
	e.suggested = suggestedName(e.filter, e.app.stats.First, e.app.stats.Last, e.lastFormat)
	e.name.SetText(e.suggested)
	e.folderLabel = widget.NewLabel("")
	e.folderLabel.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButton(l.T("export.chooseFolder"), e.chooseFolder)
	return container.NewVBox(e.name, container.NewBorder(nil, nil, nil, choose, e.folderLabel))
}

// setFolder makes dir the folder the export is saved in.
func (e *exporter) setFolder(dir string) {
	e.folder = dir
	e.folderLabel.SetText(e.app.lang.T("export.inFolder", dir))
}

// defaultFolder is the folder of the last export, or the home folder.
func defaultFolder(last string) string {
	if last != "" {
		return last
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// chooseFolder asks for the folder to save the export in.
func (e *exporter) chooseFolder() {
	l := e.app.lang
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			e.app.showError(l.T("export.saveFailed"), err)
			return
		}
		if dir != nil {
			e.setFolder(dir.Path())
		}
	}, e.app.win)
	d.SetConfirmText(l.T("export.chooseThisFolder"))
	d.SetDismissText(l.T("dialog.cancel"))
	setDialogFolder(d, filepath.Join(e.folder, "x"))
	d.Resize(dialogSize(e.app.win, 900, 600))
	e.app.showClosable(d)
}

// renamed gives the file name the extension of the format chosen, if it
// had the extension of the format chosen before.
func (e *exporter) renamed(before, after string) {
	if before == after || e.name == nil {
		return
	}
	name := e.name.Text
	if strings.EqualFold(filepath.Ext(name), "."+before) {
		e.name.SetText(strings.TrimSuffix(name, filepath.Ext(name)) + "." + after)
	}
}

// saveFile checks the file chosen and writes the export to it, after
// asking whether to replace it if it exists.
func (e *exporter) saveFile() {
	s := e.current()
	l := e.app.lang
	name := strings.TrimSpace(e.name.Text)
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		e.done(name, errors.New(l.T("export.badName")))
		return
	}
	path := filepath.Join(e.folder, withExtension(name, s.Format))
	if err := atomicfile.Check(path, databaseFiles(e.store.Path())...); err != nil {
		e.done(path, targetError(l, err))
		return
	}
	if _, err := os.Stat(path); err != nil {
		e.write(path, s)
		return
	}
	e.replace = dialog.NewConfirm(l.T("export.replaceTitle"), l.T("export.replace", filepath.Base(path), e.folder),
		func(ok bool) {
			if ok {
				e.write(path, s)
			}
		}, e.app.win)
	e.replace.SetConfirmText(l.T("export.replaceButton"))
	e.replace.SetDismissText(l.T("dialog.cancel"))
	e.replace.SetConfirmImportance(widget.DangerImportance)
	e.app.showClosable(e.replace)
}

// databaseFiles are the files of the SQLite database at path, which an
// export must never replace: the database and its journal files.
func databaseFiles(path string) []string {
	if path == "" {
		return nil
	}
	return []string{path, path + "-wal", path + "-shm", path + "-journal"}
}

// targetError says in language l why a file cannot be written, for the
// problems atomicfile.Check finds; other errors are returned as they are.
func targetError(l i18n.Language, err error) error {
	var te *atomicfile.TargetError
	if !errors.As(err, &te) {
		return err
	}
	key := map[atomicfile.Problem]string{
		atomicfile.SymbolicLink: "export.target.link",
		atomicfile.Folder:       "export.target.folder",
		atomicfile.Device:       "export.target.device",
		atomicfile.NamedPipe:    "export.target.other",
		atomicfile.Socket:       "export.target.other",
		atomicfile.Irregular:    "export.target.other",
		atomicfile.InUse:        "export.target.database",
	}[te.Problem]
	return errors.New(l.T(key, te.Path))
}

// request is the export of the dialog's filter with settings s: the
// request the command line builds from the same flags. The scale is the
// PNG's only, and panels are asked for only where the chart has them.
func (e *exporter) request(s exportSettings) export.Request {
	o := e.options(s, 1)
	if s.Format == "png" {
		o.Scale = s.Scale
	}
	o.Panels = o.Panels && chart.HasPanels(e.filter.Family)
	return export.Request{Filter: e.filter, Format: s.Format, Options: o}
}

// write exports the chart to path in the background, as the command line
// would with the same flags.
func (e *exporter) write(path string, s exportSettings) {
	req := e.request(s)
	if err := req.Validate(); err != nil {
		e.done(path, err)
		return
	}
	st, dbPath := e.store, e.store.Path()
	l := e.app.lang
	wait := dialog.NewCustomWithoutButtons(l.T("export.exporting"), container.NewVBox(
		widget.NewLabel(l.T("export.saving", filepath.Base(path))), widget.NewProgressBarInfinite()), e.app.win)
	wait.Show()
	background(func() (struct{}, error) {
		c, err := st.Chart(context.Background(), req.Filter)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, export.WriteFile(path, c, req, databaseFiles(dbPath)...)
	}, func(_ struct{}, err error) {
		wait.Hide()
		err = targetError(l, err)
		if err == nil {
			s.Folder = filepath.Dir(path)
			e.app.prefs.setExport(s)
			e.dlg.Hide()
		}
		e.done(path, err)
	})
}

// exported tells the user where the chart went, in the status line with
// a button that opens the folder (no box to dismiss), or why it did not.
func (u *App) exported(path string, err error) {
	if err != nil {
		u.showError(u.lang.T("export.failed"), err)
		return
	}
	u.sayInFolder(u.lang.T("status.saved", filepath.Base(path)), filepath.Dir(path))
}

// suggestedName is a file name that says what the chart shows: the
// family, cumulative or per period, the areas (or "all"), the years
// (those of the date range, else those of the months first to last that
// the chart covers; 0 for unknown), then the group, stage, side and
// grouping if chosen. For example deaths-cumulative-KG-TJ-2022-2023.png or
// prosecutions-per-quarter-all-2022-2024-migrants-latest-stage.csv; a map
// names its measure, as map-cases-all-2023.png.
func suggestedName(f data.Filter, first, last int, format string) string {
	parts := []string{string(f.Family)}
	switch {
	case f.Family == data.Map: // map-cases-all-2023.png
		parts = append(parts, string(f.Measure))
	case f.Family == data.Timeline:
	case f.Cumulative:
		parts = append(parts, "cumulative")
	default:
		parts = append(parts, "per-"+string(f.Period))
	}
	if len(f.Areas) == 0 {
		parts = append(parts, "all")
	}
	for _, a := range f.Areas {
		parts = append(parts, string(a))
	}
	from, to := f.From, f.To
	if from == 0 {
		from = first
	}
	if to == 0 {
		to = last
	}
	switch {
	case from > 0 && to > 0 && from/12 == to/12:
		parts = append(parts, strconv.Itoa(from/12))
	case from > 0 && to > 0:
		parts = append(parts, strconv.Itoa(from/12), strconv.Itoa(to/12))
	case from > 0:
		parts = append(parts, "from", strconv.Itoa(from/12))
	case to > 0:
		parts = append(parts, "to", strconv.Itoa(to/12))
	}
	for _, p := range []string{string(f.Group), string(f.Stage)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if f.LatestStage {
		parts = append(parts, "latest-stage")
	}
	if f.Side != data.SideUnknown {
		parts = append(parts, string(f.Side)+"-side")
	}
	if f.By == data.ByGroup {
		parts = append(parts, "by-group")
	}
	return strings.Join(parts, "-") + "." + format
}

// nameFromChart suggests the file name again from the months the chart
// covers, unless the user has changed the name.
func (e *exporter) nameFromChart(c *data.Chart) {
	if len(c.Periods) == 0 {
		return
	}
	name := strings.TrimSuffix(e.name.Text, filepath.Ext(e.name.Text))
	if name != strings.TrimSuffix(e.suggested, filepath.Ext(e.suggested)) {
		return
	}
	e.suggested = suggestedName(e.filter, c.Periods[0].FirstMonth(), c.Periods[len(c.Periods)-1].LastMonth(), e.lastFormat)
	e.name.SetText(e.suggested)
}

// withExtension adds the format's extension to name if it lacks it.
func withExtension(name, format string) string {
	if strings.EqualFold(filepath.Ext(name), "."+format) {
		return name
	}
	return name + "." + format
}
