package ui

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
	"catracker/internal/cli"
)

func TestExportWritesWhatTheCommandLineWrites(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		h.u.filters.family.SetSelected("Prosecutions")
		test.Tap(h.u.filters.none)
		test.Tap(h.u.filters.areas[1])
		test.Tap(h.u.filters.areas[0])
		h.u.filters.from.SetText("2022-01")
		h.u.filters.to.SetText("2024-12")
		h.u.filters.period.SetSelected("Quarter")
	})
	h.waitChart("the filters", func(c *data.Chart) bool { return c.Filter.Period == data.PerQuarter && c.Filter.To > 0 })

	out := filepath.Join(t.TempDir(), "chart.png")
	done := make(chan error, 1)
	var e *exporter
	do(func() {
		e = h.u.showExport("png")
		e.done = func(_ string, err error) { done <- err }
		e.preset.SetSelected(customPreset)
		e.width.SetText("800")
		e.height.SetText("450")
		e.scale.SetSelected("2×")
	})
	h.waitFor("the preview", func() bool { return e.preview.Image != nil })
	do(func() { e.write(out, e.current()) })
	if err := <-done; err != nil {
		t.Fatalf("export: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("the export is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 900 {
		t.Errorf("PNG is %dx%d, want 1600x900 (800x450 at 2x)", b.Dx(), b.Dy())
	}

	want := cliExport(t, h, "--chart", "prosecutions", "--areas", "KG,KZ", "--from", "2022-01", "--to", "2024-12",
		"--period", "quarter", "--width", "800", "--height", "450", "--scale", "2")
	if !bytes.Equal(got, want) {
		t.Error("the app's PNG differs from the command line's for the same filters")
	}
	do(func() {
		if s := h.u.prefs.export(); s.Width != 800 || s.Height != 450 || s.Scale != 2 || s.Preset != customPreset {
			t.Errorf("remembered export settings = %+v", s)
		}
	})
}

func TestExportDialogRefusesSizesTheRendererCannotMake(t *testing.T) {
	h := newHarness(t, nil)
	do(func() {
		e := h.u.showExport("png")
		e.preset.SetSelected(customPreset)
		e.width.SetText("9000")
		e.scale.SetSelected("4×")
		if !e.save.Disabled() {
			t.Error("Save is enabled for a 36000-pixel-wide PNG")
		}
		e.format.SetSelected(e.format.Options[1]) // SVG ignores the scale
		if e.save.Disabled() || !e.scale.Disabled() {
			t.Error("SVG: Save should be enabled and the scale disabled")
		}
		e.width.SetText("12")
		if !e.save.Disabled() {
			t.Error("Save is enabled for a 12-pixel-wide chart")
		}
	})
}

// The dialog takes the sizes the command line takes, from 300x200 to
// 10000x10000 pixels, and no others.
func TestExportDialogTakesTheCommandLinesSizes(t *testing.T) {
	h := newHarness(t, nil)
	for _, tc := range []struct {
		width, height string
		ok            bool
	}{
		{"300", "200", true},
		{"10000", "10000", true},
		{"299", "200", false},
		{"300", "199", false},
		{"10001", "675", false},
		{"1200", "10001", false},
	} {
		do(func() {
			e := h.u.showExport("svg")
			e.preset.SetSelected(customPreset)
			e.width.SetText(tc.width)
			e.height.SetText(tc.height)
			if e.save.Disabled() == tc.ok {
				t.Errorf("%sx%s: Save enabled %v, want %v (%s)", tc.width, tc.height, !e.save.Disabled(), tc.ok, e.note.Text)
			}
			e.dlg.Hide()
		})
		var stderr bytes.Buffer
		code := cli.Run(context.Background(), []string{"export", "--db", h.store().Path(), "--chart", "deaths", "--format", "svg",
			"--width", tc.width, "--height", tc.height, "--out", filepath.Join(t.TempDir(), "x.svg")},
			cli.Env{Stdout: io.Discard, Stderr: &stderr})
		if (code == cli.ExitOK) != tc.ok {
			t.Errorf("catracker-cli export --width %s --height %s: exit %d, want success %v", tc.width, tc.height, code, tc.ok)
		}
	}
}

// Every size preset has a name in every language.
func TestPresetsAreNamedInEveryLanguage(t *testing.T) {
	for i := range chart.Presets {
		key := fmt.Sprintf("export.preset.%d", i+1)
		for _, l := range i18n.Languages {
			if got := l.T(key); got == key {
				t.Errorf("%s has no name for the preset %s", l, chart.Presets[i].Name)
			}
		}
	}
}

// cliExport runs catracker-cli export with args on the harness's
// database, dated as the test apps are, and returns the file it writes.
func cliExport(t *testing.T, h *harness, args ...string) []byte {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(generated.Unix(), 10))
	out := filepath.Join(t.TempDir(), "cli-export")
	args = append(append([]string{"export", "--db", h.store().Path()}, args...), "--out", out)
	var stderr bytes.Buffer
	if code := cli.Run(context.Background(), args, cli.Env{Stdout: io.Discard, Stderr: &stderr}); code != cli.ExitOK {
		t.Fatalf("catracker-cli %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// appExport writes the chart on screen from the export dialog in format
// and returns the file.
func appExport(t *testing.T, h *harness, format string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "app-export."+format)
	done := make(chan error, 1)
	do(func() {
		e := h.u.showExport(format)
		e.done = func(_ string, err error) { done <- err }
		e.write(out, e.current())
	})
	if err := <-done; err != nil {
		t.Fatalf("export: %v", err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// With events hidden on screen, the app exports the chart without them,
// as catracker-cli export --no-events does.
func TestExportLeavesOutEventsHiddenOnScreen(t *testing.T) {
	h := newHarness(t, nil)
	do(func() { test.Tap(h.u.filters.events) })
	h.waitChart("the chart without events", func(c *data.Chart) bool { return c.Filter.NoEvents })
	got := appExport(t, h, "csv")
	if want := cliExport(t, h, "--chart", "deaths", "--no-events", "--format", "csv"); !bytes.Equal(got, want) {
		t.Errorf("the app's CSV differs from the command line's with --no-events:\n%s\nwant:\n%s", got, want)
	}
	if bytes.Contains(got, []byte("EVENT")) {
		t.Errorf("the CSV lists events hidden on screen:\n%s", got)
	}
}
