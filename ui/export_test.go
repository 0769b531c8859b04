package ui

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/export"
	"catracker/ui/chart"
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

	// catracker-cli export --chart prosecutions --areas KG,KZ --from 2022-01
	// --to 2024-12 --period quarter --width 800 --height 450 --scale 2
	req, err := export.Parse(export.Flags{Chart: "prosecutions", Areas: "KG,KZ", From: "2022-01", To: "2024-12",
		Period: "quarter", Format: "png", Width: 800, Height: 450, Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	req.Options.Dataset, req.Options.Generated = "t.db", generated
	c, err := h.store().Chart(context.Background(), req.Filter)
	if err != nil {
		t.Fatal(err)
	}
	cli := filepath.Join(t.TempDir(), "cli.png")
	if err := export.WriteFile(cli, c, req); err != nil {
		t.Fatal(err)
	}
	if want, _ := os.ReadFile(cli); !bytes.Equal(got, want) {
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
