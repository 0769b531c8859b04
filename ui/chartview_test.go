package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"catracker/data"
)

func TestChartIsDrawnAtThePixelSizeOfTheView(t *testing.T) {
	h := newHarness(t, nil)
	var size fyne.Size
	do(func() {
		h.u.win.Canvas().(test.WindowlessCanvas).SetScale(2)
		h.u.win.Resize(fyne.NewSize(1000, 700))
		size = h.u.chart.Size()
	})
	deadline := time.Now().Add(waitTime)
	for {
		var w, hgt int
		do(func() {
			if img := h.u.chart.image.Image; img != nil {
				w, hgt = img.Bounds().Dx(), img.Bounds().Dy()
			}
		})
		if w == int(size.Width*2+0.5) && hgt == int(size.Height*2+0.5) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("chart image is %dx%d, want %vx%v (the view's %v at scale 2)", w, hgt, size.Width*2, size.Height*2, size)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOnlyTheNewestChartReachesTheScreen(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		for _, f := range []string{"Prosecutions", "Recruitment channels", "Recruitment timeline", "Deaths", "Prosecutions"} {
			h.u.filters.family.SetSelected(f)
		}
	})
	h.waitChart("prosecutions", func(c *data.Chart) bool { return c.Filter.Family == data.Prosecutions })
	time.Sleep(300 * time.Millisecond) // any stale chart would arrive by now
	do(func() {
		if f := h.u.chart.Chart().Filter.Family; f != data.Prosecutions {
			t.Errorf("the screen shows the %s chart after the last choice, Prosecutions", f)
		}
	})
}
