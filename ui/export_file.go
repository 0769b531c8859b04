package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/internal/export"
)

// chooseFile asks where to save the export.
func (e *exporter) chooseFile() {
	s := e.current()
	l := e.app.lang
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.app.showError(l.T("export.saveFailed"), err)
			return
		}
		if w == nil {
			return
		}
		w.Close()
		e.write(withExtension(w.URI().Path(), s.Format), s)
	}, e.app.win)
	d.SetFileName(suggestedName(e.filter, s.Format))
	d.SetConfirmText(l.T("dialog.save"))
	d.SetDismissText(l.T("dialog.cancel"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + s.Format}))
	if s.Folder != "" {
		setDialogFolder(d, filepath.Join(s.Folder, "x"))
	}
	d.Resize(dialogSize(e.app.win, 900, 600))
	d.Show()
}

// write exports the chart to path in the background, as the command line
// would with the same flags.
func (e *exporter) write(path string, s exportSettings) {
	fl := flagsOf(e.filter, s)
	fl.Lang, fl.Patterns = string(e.app.lang), e.app.settings.Patterns
	req, err := export.Parse(fl)
	if err != nil {
		e.done(path, err)
		return
	}
	req.Options.Dataset = filepath.Base(e.store.Path())
	req.Options.Generated = e.app.now()
	st := e.store
	l := e.app.lang
	wait := dialog.NewCustomWithoutButtons(l.T("export.exporting"), container.NewVBox(
		widget.NewLabel(l.T("export.saving", filepath.Base(path))), widget.NewProgressBarInfinite()), e.app.win)
	wait.Show()
	background(func() (struct{}, error) {
		c, err := st.Chart(context.Background(), req.Filter)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, export.WriteFile(path, c, req)
	}, func(_ struct{}, err error) {
		wait.Hide()
		if err == nil {
			s.Folder = filepath.Dir(path)
			e.app.prefs.setExport(s)
			e.dlg.Hide()
		}
		e.done(path, err)
	})
}

// exported tells the user where the chart went, or why it did not.
func (u *App) exported(path string, err error) {
	if err != nil {
		u.showError(u.lang.T("export.failed"), err)
		return
	}
	u.say(u.lang.T("status.saved", filepath.Base(path)))
	u.showInfo(u.lang.T("export.saved"), u.lang.T("export.savedAs", path))
}

// flagsOf writes a filter and export settings as the command line's
// export flags, so both parse through export.Parse.
func flagsOf(f data.Filter, s exportSettings) export.Flags {
	fl := export.Flags{Chart: string(f.Family), Period: string(f.Period), Cumulative: f.Cumulative,
		Stage: string(f.Stage), Side: string(f.Side), By: string(f.By), Group: string(f.Group),
		LatestStage: f.LatestStage, Format: s.Format, Width: s.Width, Height: s.Height, Scale: 1}
	codes := make([]string, len(f.Areas))
	for i, a := range f.Areas {
		codes[i] = string(a)
	}
	fl.Areas = strings.Join(codes, ",")
	if f.From > 0 {
		fl.From = data.MonthString(f.From)
	}
	if f.To > 0 {
		fl.To = data.MonthString(f.To)
	}
	if s.Format == "png" {
		fl.Scale = s.Scale
	}
	return fl
}

// suggestedName is a file name that says what the chart shows, such as
// prosecutions-KG-KZ-2022-01-to-2024-12-quarter.png or
// deaths-by-group-prisoners-month.png.
func suggestedName(f data.Filter, format string) string {
	parts := []string{string(f.Family)}
	if f.By == data.ByGroup {
		parts = append(parts, "by-group")
	}
	if f.Group != data.GroupUnstated {
		parts = append(parts, string(f.Group))
	}
	if f.LatestStage {
		parts = append(parts, "latest-stage")
	}
	for _, a := range f.Areas {
		parts = append(parts, string(a))
	}
	if f.From > 0 {
		parts = append(parts, data.MonthString(f.From))
	}
	if f.To > 0 {
		parts = append(parts, "to", data.MonthString(f.To))
	}
	if f.Family != data.Timeline {
		parts = append(parts, string(f.Period))
		if f.Cumulative {
			parts = append(parts, "cumulative")
		}
	}
	return strings.Join(parts, "-") + "." + format
}

// withExtension adds the format's extension to path if it lacks it,
// removing the empty file the save dialog made under the bare name.
func withExtension(path, format string) string {
	if strings.EqualFold(filepath.Ext(path), "."+format) {
		return path
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
	return path + "." + format
}
