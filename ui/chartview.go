package ui

import (
	"math"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/internal/chart"
)

// resizeDelay is how long the chart view waits for a resize to settle
// before it draws the chart again at the new size.
const resizeDelay = 120 * time.Millisecond

// minChartSize is the smallest size the chart is drawn at; a smaller view
// shows it scaled down.
var minChartSize = fyne.NewSize(320, 220)

// chartView shows the chart of the current filter, drawn at the view's
// real pixel size: its size times the canvas scale, so it stays sharp on
// HiDPI screens. Charts are drawn off the UI goroutine; only the newest
// request reaches the screen.
type chartView struct {
	widget.BaseWidget

	// style holds the language, text size and pattern mode of the charts
	// and of the view's messages.
	style chart.Options

	// onDrawn is called on the UI goroutine after a chart reaches the
	// screen, or with the error that stopped it.
	onDrawn func(*data.Chart, error)
	// onTrace is called when the user taps a number of the chart on
	// screen (see charttap.go).
	onTrace func(*data.Chart, data.Mark)

	image *canvas.Image
	note  *widget.Label
	queue *renderQueue
	// layout is where the image on screen draws its numbers; hint names
	// the number under the pointer in tip, a box beside the pointer, while
	// hovering says there is one.
	layout   chart.Layout
	hint     *widget.Label
	tip      *fyne.Container
	hovering bool

	store  data.Store
	filter data.Filter
	chart  *data.Chart // of store and filter, once read
	size   fyne.Size   // the size the newest request was drawn for
	gen    uint64      // generation of the newest request
	timer  *time.Timer // debounces resizes
}

// newChartView returns an empty chart view that draws charts in style.
func newChartView(style chart.Options, onDrawn func(*data.Chart, error)) *chartView {
	v := &chartView{style: style, onDrawn: onDrawn}
	v.image = canvas.NewImageFromImage(nil)
	v.image.FillMode = canvas.ImageFillContain
	v.note = widget.NewLabel(style.Lang.T("status.opening"))
	v.note.Alignment = fyne.TextAlignCenter
	v.note.Wrapping = fyne.TextWrapWord
	v.hint = widget.NewLabel("")
	v.tip = newTip(v.hint)
	v.queue = &renderQueue{done: func(j renderJob, r renderResult) {
		onUI(func() { v.drawn(j, r) })
	}}
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *chartView) CreateRenderer() fyne.WidgetRenderer {
	middle := container.NewVBox(layout.NewSpacer(), v.note, layout.NewSpacer())
	return widget.NewSimpleRenderer(container.NewStack(v.image, container.NewPadded(middle), container.NewWithoutLayout(v.tip)))
}

// MinSize lets the layout shrink the view; the chart then scales down.
func (v *chartView) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// Resize draws the chart again at the new size once resizing settles.
func (v *chartView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	if s == v.size {
		return
	}
	if v.timer != nil {
		v.timer.Stop()
	}
	v.timer = time.AfterFunc(resizeDelay, func() { onUI(v.redraw) })
}

// show draws the chart of filter f from st: after a filter change, or when
// the data changed.
func (v *chartView) show(st data.Store, f data.Filter) {
	v.store, v.filter, v.chart = st, f, nil
	v.redraw()
}

// Chart returns the chart on screen, or nil.
func (v *chartView) Chart() *data.Chart { return v.chart }

// setStyle draws the chart again with a new text size and pattern mode.
func (v *chartView) setStyle(style chart.Options) {
	v.style = style
	v.redraw()
}

// options are the chart options of the view at the given size and scale.
func (v *chartView) options(size fyne.Size, scale float64) chart.Options {
	o := v.style
	o.Width, o.Height = int(math.Round(float64(size.Width))), int(math.Round(float64(size.Height)))
	o.Scale = scale
	o.Dataset = filepath.Base(v.store.Path())
	return o
}

// redraw requests the chart at the view's current size.
func (v *chartView) redraw() {
	v.gen++
	if v.store == nil {
		return
	}
	if v.filter.Areas != nil && len(v.filter.Areas) == 0 {
		v.chart = nil
		v.setNote(v.style.Lang.T("chart.tickOne"))
		return
	}
	size := v.Size()
	if size.Width < 1 || size.Height < 1 {
		size = windowSize // not laid out yet: any size will do, a resize follows
	}
	v.size = v.Size()
	draw := size.Max(minChartSize)
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		scale = c.Scale()
	}
	if v.image.Image == nil {
		v.setNote(v.style.Lang.T("chart.drawing"))
	}
	v.queue.submit(renderJob{gen: v.gen, store: v.store, filter: v.filter, chart: v.chart,
		opts: v.options(draw, float64(scale))})
}

// drawn puts a finished chart on screen unless a newer one was requested.
func (v *chartView) drawn(j renderJob, r renderResult) {
	if j.gen != v.gen {
		return
	}
	if r.err != nil {
		v.setNote(v.style.Lang.T("chart.failed", r.err.Error()))
		v.onDrawn(nil, r.err)
		return
	}
	v.chart = r.chart
	v.layout = r.layout
	v.image.Image = r.img
	v.image.Show()
	v.image.Refresh()
	v.note.Hide()
	v.onDrawn(r.chart, nil)
}

// setNote shows a message in place of the chart.
func (v *chartView) setNote(msg string) {
	v.layout = chart.Layout{}
	v.hideTip()
	v.image.Image = nil
	v.image.Hide()
	v.note.SetText(msg)
	v.note.Show()
}
