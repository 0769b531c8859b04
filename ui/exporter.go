package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
	"catracker/internal/export"
)

// customPreset is how the preferences name the size choice that enables
// the width and height; chart.Presets are named by their Name.
const customPreset = "Custom size"

// scaleLabels are the PNG scale choices.
var scaleLabels = []string{"1×", "2×", "4×"}

// previewSize is the preview's smallest size; it is drawn at the size it
// gets.
var previewSize = fyne.NewSize(420, 260)

// exporter is the export dialog: format, size preset or custom size,
// scale, a preview, and the file to write. It writes exactly what
// catracker-cli export writes for the same filters and settings, through
// the same code: store.Chart, then export.WriteFile.
type exporter struct {
	app    *App
	store  data.Store
	filter data.Filter
	chart  *data.Chart // read when the dialog opens
	dlg    *dialog.CustomDialog
	// done is called on the UI goroutine after a file is written or fails.
	done func(path string, err error)

	format        *widget.RadioGroup // labelled in export.Formats order
	preset        *keySelect         // chart.Presets, then the custom size
	width, height *keyEntry
	scale         *widget.RadioGroup
	note          *widget.Label
	preview       *canvas.Image
	previewNote   *widget.Label
	previews      *renderQueue
	previewGen    uint64
	save          *widget.Button
	// name and folder are the file to write; replace is the question
	// asked before an existing file is replaced.
	name        *keyEntry
	folder      string
	folderLabel *widget.Label
	replace     *dialog.ConfirmDialog
	// suggested is the file name the dialog suggested, which it may
	// suggest again once the chart is read.
	suggested string
	// lastFormat is the format whose extension the name has and whose
	// size and scale the dialog shows.
	lastFormat string
	// sizes holds the size and scale chosen for each format while the
	// dialog is open, so switching formats back and forth keeps them.
	sizes map[string]exportSettings
	// loading is set while the dialog fills its choices in.
	loading bool
	// alt is the chart's description for alt text, which copyAlt copies.
	alt     *widget.Label
	copyAlt *widget.Button
}

// showExport opens the export dialog for the chart on screen, with the
// given format chosen ("" for the one used last).
func (u *App) showExport(format string) *exporter {
	l := u.lang
	switch {
	case u.store == nil:
		u.showError(l.T("error.noDatabase"), errors.New(l.T("export.needDatabase")))
		return nil
	case u.filter.Areas != nil && len(u.filter.Areas) == 0:
		u.showError(l.T("export.nothing"), errors.New(l.T("export.tickOne")))
		return nil
	}
	e := &exporter{app: u, store: u.store, filter: u.filter, done: u.exported, sizes: map[string]exportSettings{}}
	e.dlg = dialog.NewCustomWithoutButtons(l.T("export.title"), e.buildUI(), u.win)
	e.settings(u.prefs.export(), format)
	e.dlg.Resize(dialogSize(u.win, 980, 600))
	u.showClosable(e.dlg)
	e.loadChart()
	return e
}

// buildUI lays out the choices on the left, and on the right the preview
// above the chart's description.
func (e *exporter) buildUI() fyne.CanvasObject {
	l := e.app.lang
	var formats []string
	for _, f := range export.Formats {
		formats = append(formats, l.T("export.format."+f))
	}
	e.format = widget.NewRadioGroup(formats, func(string) { e.changed() })
	e.format.Required = true
	var presets []string
	for i := range chart.Presets {
		presets = append(presets, l.T(fmt.Sprintf("export.preset.%d", i+1)))
	}
	e.preset = newSelect(append(presets, l.T("export.custom")), func(string) { e.presetChanged() })
	e.width = e.sizeEntry(export.MinWidth)
	e.height = e.sizeEntry(export.MinHeight)
	e.scale = widget.NewRadioGroup(scaleLabels, func(string) { e.changed() })
	e.scale.Horizontal = true
	e.scale.Required = true
	e.note = widget.NewLabel("")
	e.note.Wrapping = fyne.TextWrapWord
	e.preview = canvas.NewImageFromImage(nil)
	e.preview.FillMode = canvas.ImageFillContain
	e.preview.SetMinSize(previewSize)
	e.previewNote = widget.NewLabel(l.T("export.reading"))
	e.previews = &renderQueue{done: func(j renderJob, r renderResult) { onUI(func() { e.previewDrawn(j, r) }) }}
	fixed := func(w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(110, w.MinSize().Height), w)
	}
	size := container.NewHBox(fixed(e.width), widget.NewLabel("×"), fixed(e.height), widget.NewLabel(l.T("export.pixels")))
	form := container.New(layout.NewFormLayout(),
		heading(l.T("export.format")), e.format,
		heading(l.T("export.size")), container.NewVBox(e.preset, size),
		heading(l.T("export.sharpness")), e.scale,
		heading(l.T("export.file")), e.fileRow(),
	)
	e.save = widget.NewButton(l.T("export.save"), e.saveFile)
	e.save.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(l.T("dialog.cancel"), func() { e.dlg.Hide() }), e.save)
	preview := container.NewBorder(heading(l.T("export.preview")), e.altText(), nil, nil,
		container.NewStack(e.preview, container.NewCenter(e.previewNote)))
	left := container.NewVScroll(container.NewPadded(container.NewVBox(form, e.note)))
	return container.NewBorder(nil, buttons, left, nil, container.NewPadded(preview))
}

// altText is the chart's plain-text description, for the alt text of the
// image in a report, with a button that copies it.
func (e *exporter) altText() fyne.CanvasObject {
	l := e.app.lang
	e.alt = wrapLabel("")
	e.copyAlt = widget.NewButtonWithIcon(l.T("export.copyAlt"), theme.ContentCopyIcon(), func() {
		e.app.fyneApp.Clipboard().SetContent(e.alt.Text)
		e.app.say(l.T("export.altCopied"))
	})
	e.copyAlt.Disable()
	text := container.NewVScroll(e.alt)
	text.SetMinSize(fyne.NewSize(0, 96))
	top := container.NewBorder(nil, nil, heading(l.T("export.alt")), e.copyAlt)
	return container.NewBorder(top, nil, nil, nil, text)
}

// sizeEntry is a width or height entry for custom sizes, from least to
// export.MaxSide pixels: the command line's limits.
func (e *exporter) sizeEntry(least int) *keyEntry {
	w := newEntry()
	w.Validator = func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < least || n > export.MaxSide {
			return errors.New(e.app.lang.T("export.badSize", least, export.MaxSide))
		}
		return nil
	}
	w.OnChanged = func(string) { e.changed() }
	return w
}

// settings fills the dialog in from saved settings; format, if set,
// overrides the saved format, with the size and scale saved for it.
func (e *exporter) settings(s exportSettings, format string) {
	if format != "" && format != s.Format {
		s = e.app.prefs.exportAs(format)
	}
	e.loading = true
	e.format.SetSelected(e.format.Options[max(0, indexOf(export.Formats, s.Format))])
	e.showSize(s)
	e.loading = false
	e.renamed(e.lastFormat, s.Format)
	e.lastFormat = s.Format
	e.setFolder(defaultFolder(s.Folder))
	e.changed()
}

// showSize shows the size and scale of s in the dialog.
func (e *exporter) showSize(s exportSettings) {
	e.width.SetText(strconv.Itoa(s.Width))
	e.height.SetText(strconv.Itoa(s.Height))
	e.scale.SetSelected(scaleLabels[max(0, indexOf([]string{"1", "2", "4"}, strconv.FormatFloat(s.Scale, 'f', -1, 64)))])
	e.preset.SetSelectedIndex(max(0, indexOf(presetNames(), s.Preset)))
}

// formatChanged keeps the size and scale chosen for the format before and
// shows those of the format chosen now: the ones chosen for it while the
// dialog is open, else the ones saved with its last export.
func (e *exporter) formatChanged(before, after string) {
	s := e.current()
	s.Format = before
	e.sizes[before] = s
	next, ok := e.sizes[after]
	if !ok {
		next = e.app.prefs.exportAs(after)
	}
	e.loading = true
	e.showSize(next)
	e.loading = false
	e.renamed(before, after)
	e.lastFormat = after
}

// presetNames name the size choices in the preferences, in the order of
// the dialog's choices.
func presetNames() []string {
	var names []string
	for _, p := range chart.Presets {
		names = append(names, p.Name)
	}
	return append(names, customPreset)
}

// current reads the dialog's choices.
func (e *exporter) current() exportSettings {
	w, _ := strconv.Atoi(strings.TrimSpace(e.width.Text))
	h, _ := strconv.Atoi(strings.TrimSpace(e.height.Text))
	return exportSettings{
		Format: export.Formats[max(0, indexOf(e.format.Options, e.format.Selected))],
		Preset: presetNames()[max(0, e.preset.SelectedIndex())],
		Width:  w,
		Height: h,
		Scale:  []float64{1, 2, 4}[max(0, indexOf(scaleLabels, e.scale.Selected))],
		Folder: e.app.prefs.export().Folder,
	}
}

// presetChanged copies a preset's size into the size entries, which are
// editable only for a custom size.
func (e *exporter) presetChanged() {
	if i := e.preset.SelectedIndex(); i >= 0 && i < len(chart.Presets) {
		e.width.SetText(strconv.Itoa(chart.Presets[i].Width))
		e.height.SetText(strconv.Itoa(chart.Presets[i].Height))
	}
	e.changed()
}

// changed checks the choices, updates the note and redraws the preview.
func (e *exporter) changed() {
	if e.save == nil || e.loading { // still building or filling in
		return
	}
	if f := e.current().Format; f != e.lastFormat {
		e.formatChanged(e.lastFormat, f)
	}
	s := e.current()
	setEnabled(e.scale, s.Format == "png")
	setEnabled(e.preset, s.Format != "csv")
	setEnabled(e.width, s.Format != "csv" && s.Preset == customPreset)
	setEnabled(e.height, s.Format != "csv" && s.Preset == customPreset)
	msg, ok := sizeNote(e.app.lang, s, e.width.Validate() == nil && e.height.Validate() == nil)
	e.note.SetText(msg)
	if ok {
		e.note.Importance = widget.MediumImportance
		e.save.Enable()
		e.drawPreview(s)
	} else {
		e.note.Importance = widget.DangerImportance
		e.save.Disable()
	}
	e.note.Refresh()
}

// sizeNote says in language l what file the settings make, or why they
// cannot.
func sizeNote(l i18n.Language, s exportSettings, sizeOK bool) (string, bool) {
	if !sizeOK {
		return l.T("export.note.badSize", export.MinWidth, export.MaxSide, export.MinHeight, export.MaxSide), false
	}
	if s.Format == "png" {
		w, h := int(float64(s.Width)*s.Scale), int(float64(s.Height)*s.Scale)
		if w > export.MaxPixels || h > export.MaxPixels {
			return l.T("export.note.tooLarge", w, h, export.MaxPixels), false
		}
		return l.T("export.note.png", w, h), true
	}
	return l.T("export.note." + s.Format), true
}

// loadChart reads the chart of the dialog's filter, the same query as the
// command line's export.
func (e *exporter) loadChart() {
	st, f := e.store, e.filter
	background(func() (*data.Chart, error) { return st.Chart(context.Background(), f) },
		func(c *data.Chart, err error) {
			if err != nil {
				e.previewNote.SetText(e.app.lang.T("export.readFailed"))
				e.app.showError(e.app.lang.T("export.readFailed"), err)
				return
			}
			e.chart = c
			e.nameFromChart(c)
			e.alt.SetText(chart.Describe(c, e.app.lang))
			e.copyAlt.Enable()
			e.changed()
		})
}

// drawPreview draws the chart at the export's layout, scaled down to fit
// the preview.
func (e *exporter) drawPreview(s exportSettings) {
	if e.chart == nil {
		return
	}
	scale := 1.0
	if c := fyne.CurrentApp().Driver().CanvasForObject(e.preview); c != nil {
		scale = float64(c.Scale())
	}
	box := e.preview.Size()
	if box.Width < 1 || box.Height < 1 {
		box = previewSize
	}
	fit := min(float64(box.Width)/float64(s.Width), float64(box.Height)/float64(s.Height)) * scale
	e.previewGen++
	e.previews.submit(renderJob{gen: e.previewGen, chart: e.chart, opts: e.options(s, fit)})
}

// previewDrawn shows a preview unless a newer one was asked for.
func (e *exporter) previewDrawn(j renderJob, r renderResult) {
	if j.gen != e.previewGen {
		return
	}
	if r.err != nil {
		e.previewNote.SetText(e.app.lang.T("export.noPreview", r.err.Error()))
		e.previewNote.Show()
		return
	}
	e.previewNote.Hide()
	e.preview.Image = r.img
	e.preview.Refresh()
}

// options are the chart options of the export at the given scale, in the
// app's language and pattern mode.
func (e *exporter) options(s exportSettings, scale float64) chart.Options {
	return chart.Options{Width: s.Width, Height: s.Height, Scale: scale,
		Dataset: filepath.Base(e.store.Path()), Generated: e.app.now(),
		Lang: e.app.lang, Patterns: e.app.settings.Patterns, Panels: e.app.panels}
}
