package ui

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
)

// overlayWidget returns the first widget of type T in the top dialog that
// satisfies ok.
func overlayWidget[T fyne.CanvasObject](t *testing.T, h *harness, ok func(T) bool) T {
	t.Helper()
	var found T
	h.waitFor("a widget in the dialog", func() bool {
		top := h.u.win.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		for _, o := range test.LaidOutObjects(top) {
			if w, is := o.(T); is && ok(w) {
				found = w
				return true
			}
		}
		return false
	})
	return found
}

func TestLanguageSwitchesAtOnceAndIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	h := newHarness(t, a)
	do(func() {
		h.u.filters.family.SetSelected("Prosecutions")
		h.u.tabs.SelectIndex(2)
	})
	h.waitChart("prosecutions", func(c *data.Chart) bool { return c.Filter.Family == data.Prosecutions })
	do(func() { h.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutSettings) })
	lang := overlayWidget(t, h, func(s *keySelect) bool { return slicesHas(s.Options, "Русский") })
	do(func() { lang.SetSelected("Русский") })

	h.waitText("Открыть базу")             // the toolbar
	h.waitText("Размер текста на графике") // the Settings dialog, again
	h.waitChart("the chart again", func(c *data.Chart) bool { return c.Filter.Family == data.Prosecutions })
	do(func() {
		if got := h.u.prefs.settings().Language; got != "ru" {
			t.Errorf("remembered language %q, want ru", got)
		}
		if f := h.u.filters.familyValue(); f != data.Prosecutions {
			t.Errorf("the filter panel shows %s after the switch, want prosecutions", f)
		}
		if i := h.u.tabs.SelectedIndex(); i != 2 {
			t.Errorf("tab %d is selected after the switch, want the Sources tab", i)
		}
		if l := h.u.chart.style.Lang; l != i18n.Russian {
			t.Errorf("the chart view draws in %q", l)
		}
		for _, o := range h.u.win.Canvas().Overlays().List() {
			o.Hide()
		}
	})

	// The app's exports are in its language.
	out := filepath.Join(t.TempDir(), "chart.svg")
	done := make(chan error, 1)
	do(func() {
		e := h.u.showExport("svg")
		e.done = func(_ string, err error) { done <- err }
		e.write(out, e.current())
	})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); !bytes.Contains(b, []byte("Уголовные преследования в Центральной Азии")) {
		t.Error("the exported SVG lacks the Russian title")
	}

	// A new window on the same preferences starts in Russian.
	h2 := newHarness(t, a)
	h2.waitText("Открыть базу")
}

func TestTextSizeAndPatternsRedrawTheChartAndAreRemembered(t *testing.T) {
	h := newHarness(t, nil)
	do(func() { h.u.showSettings() })
	size := overlayWidget(t, h, func(r *widget.RadioGroup) bool { return slicesHas(r.Options, "Larger") })
	patterns := overlayWidget(t, h, func(c *keyCheck) bool { return strings.HasPrefix(c.Text, "Patterns") })
	var before image.Image
	do(func() {
		before = h.u.chart.image.Image
		size.SetSelected("Larger")
		patterns.SetChecked(true)
	})
	var got image.Image
	var want chart.Options
	h.waitFor("the chart drawn with larger text and patterns", func() bool {
		got = h.u.chart.image.Image
		want = chart.Options{Width: int(h.u.chart.Size().Width + 0.5), Height: int(h.u.chart.Size().Height + 0.5),
			Scale: 1, Dataset: "t.db", TextScale: 1.5, Patterns: true}
		return got != before && got != nil && got.Bounds().Dx() == want.Width
	})
	var c *data.Chart
	do(func() { c = h.u.chart.Chart() })
	img, err := chart.Image(c, want)
	if err != nil {
		t.Fatal(err)
	}
	if !sameImage(got, img) {
		t.Error("the chart on screen is not the chart drawn with TextScale 1.5 and patterns")
	}
	do(func() {
		if s := h.u.prefs.settings(); s.TextScale != 1.5 || !s.Patterns {
			t.Errorf("remembered settings %+v", s)
		}
	})
}

func TestEveryToolbarActionHasAShortcutListedInAbout(t *testing.T) {
	h := newHarness(t, nil)
	for _, tc := range []struct {
		shortcut fyne.Shortcut
		want     string // in the dialog the shortcut opens
	}{
		{shortcutExport, "Description (alt text)"},
		{shortcutAdd, "Add incident"},
		{shortcutSettings, "Chart text size"},
		{shortcutOpen, "Other file…"}, // the Open database menu
		{shortcutImport, "Choose a CSV file to import"},
	} {
		do(func() { h.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(tc.shortcut) })
		overlayWidget(t, h, func(o fyne.CanvasObject) bool {
			switch w := o.(type) {
			case *widget.Label:
				return w.Text == tc.want
			case *canvas.Text: // a menu item
				return w.Text == tc.want
			}
			return false
		})
		do(func() {
			for _, o := range h.u.win.Canvas().Overlays().List() {
				o.Hide()
			}
		})
	}
	do(func() { h.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1}) })
	overlayWidget(t, h, func(r *widget.RichText) bool { return strings.Contains(r.String(), "Keyboard shortcuts") })
	var about string
	do(func() { about = shortcutsText(h.u.lang, h.u.actions()) })
	for _, want := range []string{"Ctrl+O", "Ctrl+I", "Ctrl+E", "Ctrl+Shift+C", "Ctrl+N", "Ctrl+,", "F1", "Esc"} {
		if !strings.Contains(about, "**"+want+"**") {
			t.Errorf("About does not list %s: %q", want, about)
		}
	}
}

func TestCopyChartPutsTwiceTheViewOnTheClipboard(t *testing.T) {
	h := newHarness(t, nil)
	copied := make(chan []byte, 1)
	writeImage = func(png []byte) error { copied <- png; return nil }
	t.Cleanup(func() { writeImage = writeClipboardImage })
	var view fyne.Size
	do(func() {
		view = h.u.chart.Size()
		h.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutCopy)
	})
	var b []byte
	select {
	case b = <-copied:
	case <-time.After(waitTime):
		t.Fatal("nothing was copied")
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the clipboard got no PNG: %v", err)
	}
	if w, hgt := img.Bounds().Dx(), img.Bounds().Dy(); w != int(view.Width*2+0.5) || hgt != int(view.Height*2+0.5) {
		t.Errorf("copied %dx%d pixels, want twice the view's %v", w, hgt, view)
	}
	if r, g, bl, _ := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2).RGBA(); r == 0 && g == 0 && bl == 0 {
		t.Error("the copied image is not a chart on white")
	}
	h.waitText("Chart copied")

	writeImage = func([]byte) error { return errNoClipboard }
	do(func() { h.u.copyChart() })
	h.waitText("Copying images is not available on this system")
}

func TestExportDialogOffersTheChartsDescription(t *testing.T) {
	h := newHarness(t, nil)
	var e *exporter
	do(func() { e = h.u.showExport("png") })
	h.waitFor("the description", func() bool { return e.alt.Text != "" && !e.copyAlt.Disabled() })
	c, err := h.store().Chart(context.Background(), data.Filter{Family: data.Deaths, Period: data.PerMonth})
	if err != nil {
		t.Fatal(err)
	}
	want := chart.Describe(c, i18n.English)
	do(func() {
		if e.alt.Text != want {
			t.Errorf("description %q, want %q", e.alt.Text, want)
		}
		test.Tap(e.copyAlt)
		if got := h.u.fyneApp.Clipboard().Content(); got != want {
			t.Errorf("the clipboard holds %q, want the description", got)
		}
	})
}

func slicesHas(list []string, s string) bool { return indexOf(list, s) >= 0 }

// sameImage reports whether a and b have the same size and pixels.
func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestEscapeClosesDialogs opens About, then an information dialog above
// it, and closes them with Escape, newest first.
func TestEscapeClosesDialogs(t *testing.T) {
	h := newHarness(t, nil)
	escape := func() {
		do(func() { h.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	}
	overlays := func() int {
		n := 0
		do(func() { n = len(h.u.win.Canvas().Overlays().List()) })
		return n
	}
	do(func() { h.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1}) })
	overlayWidget(t, h, func(r *widget.RichText) bool { return strings.Contains(r.String(), "Keyboard shortcuts") })
	do(func() { h.u.showInfo("Saved", "The chart was saved.") })
	overlayWidget(t, h, func(l *widget.Label) bool { return l.Text == "The chart was saved." })
	if n := overlays(); n != 2 {
		t.Fatalf("%d dialogs on screen, want About and the message", n)
	}
	escape()
	if n := overlays(); n != 1 {
		t.Fatalf("after Escape %d dialogs on screen, want About only", n)
	}
	overlayWidget(t, h, func(r *widget.RichText) bool { return strings.Contains(r.String(), "Keyboard shortcuts") })
	escape()
	if n := overlays(); n != 0 {
		t.Errorf("after a second Escape %d dialogs on screen, want none", n)
	}
	escape() // with nothing open, Escape does nothing
}
