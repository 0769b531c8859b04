package ui

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"golang.design/x/clipboard"

	"catracker/data"
	"catracker/internal/chart"
)

// initClipboard prepares the system clipboard once, on the first copy. It
// fails where there is none to reach, such as without a display.
var initClipboard = sync.OnceValue(clipboard.Init)

// errNoClipboard says that the system clipboard cannot take images here.
var errNoClipboard = errors.New("the system clipboard cannot be reached")

// writeImage puts a PNG image on the system clipboard; tests replace it.
var writeImage = writeClipboardImage

// writeClipboardImage puts a PNG image on the system clipboard. If the
// clipboard cannot be reached it logs why, for developers, and returns
// errNoClipboard.
func writeClipboardImage(png []byte) error {
	if err := initClipboard(); err != nil {
		fyne.LogError("Copy chart", err)
		return errNoClipboard
	}
	clipboard.Write(clipboard.FmtImage, png)
	return nil
}

// copyChart copies the chart on screen to the clipboard as a PNG image of
// twice the view's size, so that it pastes sharply into a word processor.
func (u *App) copyChart() {
	c, l := u.chart.Chart(), u.lang
	if c == nil || u.store == nil {
		u.showError(l.T("copy.failed"), errors.New(l.T("copy.noChart")))
		return
	}
	o := u.chart.options(u.chart.Size().Max(minChartSize), 2)
	o.Generated = u.now()
	background(func() (struct{}, error) {
		b, err := chartPNG(c, o)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, writeImage(b)
	}, func(_ struct{}, err error) {
		switch {
		case errors.Is(err, errNoClipboard):
			u.showError(l.T("copy.failed"), fmt.Errorf("%s: %s", l.T("copy.unavailable"), l.T("copy.noClipboard")))
		case err != nil:
			u.showError(l.T("copy.failed"), err)
		default:
			u.say(l.T("copy.done"))
		}
	})
}

// chartPNG renders c as a PNG file's bytes.
func chartPNG(c *data.Chart, o chart.Options) ([]byte, error) {
	var b bytes.Buffer
	if err := chart.Render(&b, chart.PNG, c, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
