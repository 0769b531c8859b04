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
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/internal/export"
	"catracker/ui/chart"
)

// formatLabels name the export formats in the dialog, in export.Formats
// order.
var formatLabels = []string{"PNG image", "SVG image (for editing)", "PDF document", "CSV of the plotted numbers"}

// customPreset is the size choice that enables the width and height.
const customPreset = "Custom size"

// scaleLabels are the PNG scale choices.
var scaleLabels = []string{"1×", "2×", "4×"}

// previewSize is the preview's smallest size; it is drawn at the size it
// gets.
var previewSize = fyne.NewSize(420, 260)

// maxPixels is the largest side of a PNG the renderer can make.
const maxPixels = 16384

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

	format        *widget.RadioGroup
	preset        *widget.Select
	width, height *widget.Entry
	scale         *widget.RadioGroup
	note          *widget.Label
	preview       *canvas.Image
	previewNote   *widget.Label
	previews      *renderQueue
	previewGen    uint64
	save          *widget.Button
}

// showExport opens the export dialog for the chart on screen, with the
// given format chosen ("" for the one used last).
func (u *App) showExport(format string) *exporter {
	switch {
	case u.store == nil:
		u.showError("No database is open", errors.New("open a database before exporting a chart"))
		return nil
	case u.filter.Areas != nil && len(u.filter.Areas) == 0:
		u.showError("Nothing to export", errors.New("tick at least one country, or Central Asia, in the filters first"))
		return nil
	}
	e := &exporter{app: u, store: u.store, filter: u.filter, done: u.exported}
	e.dlg = dialog.NewCustomWithoutButtons("Export chart", e.buildUI(), u.win)
	e.settings(u.prefs.export(), format)
	e.dlg.Resize(dialogSize(u.win, 980, 560))
	e.dlg.Show()
	e.loadChart()
	return e
}

// buildUI lays out the choices on the left and the preview on the right.
func (e *exporter) buildUI() fyne.CanvasObject {
	e.format = widget.NewRadioGroup(formatLabels, func(string) { e.changed() })
	e.format.Required = true
	presets := []string{}
	for _, p := range chart.Presets {
		presets = append(presets, p.Name)
	}
	e.preset = widget.NewSelect(append(presets, customPreset), func(string) { e.presetChanged() })
	e.width = e.sizeEntry()
	e.height = e.sizeEntry()
	e.scale = widget.NewRadioGroup(scaleLabels, func(string) { e.changed() })
	e.scale.Horizontal = true
	e.scale.Required = true
	e.note = widget.NewLabel("")
	e.note.Wrapping = fyne.TextWrapWord
	e.preview = canvas.NewImageFromImage(nil)
	e.preview.FillMode = canvas.ImageFillContain
	e.preview.SetMinSize(previewSize)
	e.previewNote = widget.NewLabel("Reading the chart…")
	e.previews = &renderQueue{done: func(j renderJob, r renderResult) { onUI(func() { e.previewDrawn(j, r) }) }}
	fixed := func(w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(110, w.MinSize().Height), w)
	}
	size := container.NewHBox(fixed(e.width), widget.NewLabel("×"), fixed(e.height), widget.NewLabel("pixels"))
	form := container.New(layout.NewFormLayout(),
		heading("Format"), e.format,
		heading("Size"), container.NewVBox(e.preset, size),
		heading("Sharpness"), e.scale,
	)
	e.save = widget.NewButton("Save…", e.chooseFile)
	e.save.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton("Cancel", func() { e.dlg.Hide() }), e.save)
	preview := container.NewBorder(heading("Preview"), nil, nil, nil,
		container.NewStack(e.preview, container.NewCenter(e.previewNote)))
	left := container.NewVScroll(container.NewPadded(container.NewVBox(form, e.note)))
	return container.NewBorder(nil, buttons, left, nil, container.NewPadded(preview))
}

// sizeEntry is a width or height entry for custom sizes.
func (e *exporter) sizeEntry() *widget.Entry {
	w := widget.NewEntry()
	w.Validator = func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 300 || n > 10000 {
			return errors.New("use a whole number of pixels from 300 to 10000")
		}
		return nil
	}
	w.OnChanged = func(string) { e.changed() }
	return w
}

// settings fills the dialog in from saved settings; format, if set,
// overrides the saved format.
func (e *exporter) settings(s exportSettings, format string) {
	if format != "" {
		s.Format = format
	}
	e.format.SetSelected(formatLabels[max(0, indexOf(export.Formats, s.Format))])
	e.width.SetText(strconv.Itoa(s.Width))
	e.height.SetText(strconv.Itoa(s.Height))
	e.scale.SetSelected(scaleLabels[max(0, indexOf([]string{"1", "2", "4"}, strconv.FormatFloat(s.Scale, 'f', -1, 64)))])
	if indexOf(e.preset.Options, s.Preset) < 0 {
		s.Preset = e.preset.Options[0]
	}
	e.preset.SetSelected(s.Preset)
}

// current reads the dialog's choices.
func (e *exporter) current() exportSettings {
	w, _ := strconv.Atoi(strings.TrimSpace(e.width.Text))
	h, _ := strconv.Atoi(strings.TrimSpace(e.height.Text))
	return exportSettings{
		Format: export.Formats[max(0, indexOf(formatLabels, e.format.Selected))],
		Preset: e.preset.Selected,
		Width:  w,
		Height: h,
		Scale:  []float64{1, 2, 4}[max(0, indexOf(scaleLabels, e.scale.Selected))],
		Folder: e.app.prefs.export().Folder,
	}
}

// presetChanged copies a preset's size into the size entries, which are
// editable only for a custom size.
func (e *exporter) presetChanged() {
	for _, p := range chart.Presets {
		if p.Name == e.preset.Selected {
			e.width.SetText(strconv.Itoa(p.Width))
			e.height.SetText(strconv.Itoa(p.Height))
		}
	}
	e.changed()
}

// changed checks the choices, updates the note and redraws the preview.
func (e *exporter) changed() {
	if e.save == nil { // still building
		return
	}
	s := e.current()
	setEnabled(e.scale, s.Format == "png")
	setEnabled(e.preset, s.Format != "csv")
	setEnabled(e.width, s.Format != "csv" && s.Preset == customPreset)
	setEnabled(e.height, s.Format != "csv" && s.Preset == customPreset)
	msg, ok := sizeNote(s, e.width.Validate() == nil && e.height.Validate() == nil)
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

// sizeNote says what file the settings make, or why they cannot.
func sizeNote(s exportSettings, sizeOK bool) (string, bool) {
	if !sizeOK {
		return "Width and height must be whole numbers of pixels from 300 to 10000.", false
	}
	switch s.Format {
	case "png":
		w, h := int(float64(s.Width)*s.Scale), int(float64(s.Height)*s.Scale)
		if w > maxPixels || h > maxPixels {
			return fmt.Sprintf("%d × %d pixels is too large; choose a smaller size or scale (at most %d pixels a side).",
				w, h, maxPixels), false
		}
		return fmt.Sprintf("A PNG image of %d × %d pixels.", w, h), true
	case "svg":
		return "An SVG drawing that stays sharp at any size and can be edited.", true
	case "pdf":
		return "A one-page PDF document, ready to print.", true
	}
	return "A CSV file of the numbers in the chart: period, series and value, one line each.", true
}

// loadChart reads the chart of the dialog's filter, the same query as the
// command line's export.
func (e *exporter) loadChart() {
	st, f := e.store, e.filter
	background(func() (*data.Chart, error) { return st.Chart(context.Background(), f) },
		func(c *data.Chart, err error) {
			if err != nil {
				e.previewNote.SetText("The chart could not be read")
				e.app.showError("The chart could not be read", err)
				return
			}
			e.chart = c
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
		e.previewNote.SetText("No preview: " + r.err.Error())
		e.previewNote.Show()
		return
	}
	e.previewNote.Hide()
	e.preview.Image = r.img
	e.preview.Refresh()
}

// options are the chart options of the export at the given scale.
func (e *exporter) options(s exportSettings, scale float64) chart.Options {
	return chart.Options{Width: s.Width, Height: s.Height, Scale: scale,
		Dataset: filepath.Base(e.store.Path()), Generated: e.app.now()}
}
