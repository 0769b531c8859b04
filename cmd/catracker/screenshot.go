package main

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"

	"catracker/internal/atomicfile"
)

// screenshot saves the window as a PNG file once the first chart is on
// screen, then closes the window. Its methods run on the UI goroutine.
type screenshot struct {
	path  string
	win   fyne.Window
	err   error // the outcome, reported by run
	tries int
	start time.Time
}

// Timing of screenshots: the window is read from the screen, so it must
// have been painted since the chart arrived.
const (
	settleDelay = 300 * time.Millisecond
	maxTries    = 5
)

// ready is ui.Options.Ready: it waits for the chart to be painted.
func (s *screenshot) ready(w fyne.Window, err error) {
	if err != nil {
		s.finish(err)
		return
	}
	fmt.Fprintf(os.Stderr, "catracker: first chart on screen %d ms after start\n", time.Since(s.start).Milliseconds())
	time.AfterFunc(settleDelay, func() { fyne.Do(s.take) })
}

// take captures the window, trying again while the capture is still
// blank, and saves it. A capture that is wholly transparent means the
// driver cannot read the screen back at all (Mesa under Xvfb), so the
// window is painted in software at once instead of after every retry.
func (s *screenshot) take() {
	img := s.win.Canvas().Capture()
	if img != nil && uniform(img) && !transparent(img) && s.tries < maxTries {
		s.tries++
		time.AfterFunc(settleDelay, func() { fyne.Do(s.take) })
		return
	}
	if img == nil || uniform(img) {
		img = paintSoftware(s.win)
	}
	s.finish(savePNG(img, s.path))
}

// paintSoftware draws the window's content with Fyne's software painter,
// at the window's size and scale. Some software OpenGL stacks (Mesa under
// Xvfb, as on CI machines) cannot read the screen back and capture only
// a blank image.
func paintSoftware(w fyne.Window) image.Image {
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetScale(w.Canvas().Scale())
	size := w.Canvas().Size()
	c.SetContent(w.Content())
	c.Resize(size)
	return c.Capture()
}

// finish records the outcome and closes the window, which ends the app.
func (s *screenshot) finish(err error) {
	s.err = err
	s.win.Close()
}

// uniform reports whether every pixel of img has the same colour.
func uniform(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, a0 := first.RGBA()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			if r, g, bl, a := img.At(x, y).RGBA(); r != r0 || g != g0 || bl != b0 || a != a0 {
				return false
			}
		}
	}
	return true
}

// transparent reports whether img's first pixel is fully transparent.
func transparent(img image.Image) bool {
	b := img.Bounds()
	_, _, _, a := img.At(b.Min.X, b.Min.Y).RGBA()
	return a == 0
}

// savePNG writes img to path as a PNG file.
func savePNG(img image.Image, path string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		if err := png.Encode(w, img); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}
