package cli_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCaptured charts the bundled dataset's prisoners of war: the
// two Uzbek men captured near Balakliya in September 2022, who fought on
// Russia's side (so were captured by Ukraine), in every format.
func TestExportCaptured(t *testing.T) {
	freshHome(t)
	r := run(t, "export", "--chart", "captured", "--cumulative", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	s := readSeries(t, r.stdout)
	if got := s["UZ"]["2022-09"]; got != 2 {
		t.Errorf("UZ captured by 2022-09 = %d, want 2\n%s", got, r.stdout)
	}
	r = run(t, "export", "--chart", "captured", "--side", "ukraine", "--format", "csv", "--out", "-")
	if got := readSeries(t, r.stdout)["UZ"]["2022-09"]; r.code != 0 || got != 0 {
		t.Errorf("Uzbeks captured fighting for Ukraine = %d (exit %d), want 0: they fought for Russia", got, r.code)
	}
	dir := t.TempDir()
	for _, format := range []string{"png", "svg", "pdf"} {
		for _, lang := range []string{"en", "ru"} {
			out := filepath.Join(dir, "captured-"+lang+"."+format)
			if r := run(t, "export", "--chart", "captured", "--format", format, "--lang", lang, "--out", out); r.code != 0 {
				t.Errorf("%s %s: exit %d: %s", format, lang, r.code, r.stderr)
			}
		}
	}
	svg, err := os.ReadFile(filepath.Join(dir, "captured-en.svg"))
	if err != nil || !bytes.Contains(svg, []byte("Central Asian nationals taken prisoner of war per month")) ||
		!bytes.Contains(svg, []byte("Uzbekistan: 2 people captured in total.")) {
		t.Errorf("the SVG's title or description does not name the captures: %v\n%.600s", err, svg)
	}
}

// TestExportPanels draws every family that has panels in every format;
// its CSV is the same as without --panels.
func TestExportPanels(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	for _, family := range []string{"deaths", "prosecutions", "recruitment", "captured"} {
		plain := run(t, "export", "--chart", family, "--format", "csv", "--out", "-")
		panels := run(t, "export", "--chart", family, "--format", "csv", "--panels", "--out", "-")
		if plain.code != 0 || panels.code != 0 || plain.stdout != panels.stdout {
			t.Errorf("%s csv: with --panels (exit %d) differs from without (exit %d): %s", family, panels.code, plain.code, panels.stderr)
		}
		for _, format := range []string{"png", "svg", "pdf"} {
			out := filepath.Join(dir, family+"."+format)
			r := run(t, "export", "--chart", family, "--format", format, "--panels", "--width", "600", "--height", "400",
				"--out", out)
			if r.code != 0 {
				t.Errorf("%s %s: exit %d: %s", family, format, r.code, r.stderr)
				continue
			}
			b, err := os.ReadFile(out)
			if err != nil || len(b) == 0 {
				t.Errorf("%s %s: %v", family, format, err)
			}
			if format == "svg" && !bytes.Contains(b, []byte("Each is drawn in its own panel, all on one scale.")) {
				t.Errorf("%s svg: the description does not say it is drawn as panels", family)
			}
			if format == "png" {
				if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 600 {
					t.Errorf("%s png: %v", family, err)
				}
			}
		}
		plainPNG := run(t, "export", "--chart", family, "--out", "-")
		panelPNG := run(t, "export", "--chart", family, "--panels", "--out", "-")
		if plainPNG.stdout == panelPNG.stdout {
			t.Errorf("%s: the PNG with --panels is the same as without", family)
		}
	}
}

// TestPanelsWithTheTimelineIsAUsageError checks that --panels is refused,
// with exit status 2, for the chart that has no panels.
func TestPanelsWithTheTimelineIsAUsageError(t *testing.T) {
	freshHome(t)
	r := run(t, "export", "--chart", "timeline", "--panels", "--out", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "--panels is for the deaths, prosecutions, recruitment and captured charts, not timeline") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}
